//! How a server is configured: where it listens, who may reach it, how much work it takes on.
//!
//! [`ServerConfig::default`] is the safe local default: loopback, localhost host names only, no
//! token. [`ServerConfig::validate`] refuses the one dangerous combination: a bind address other
//! than loopback without a bearer token.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::time::Duration;

/// Everything `serve` needs besides the store.
#[derive(Debug, Clone)]
pub struct ServerConfig {
    /// Address to listen on.
    pub addr: SocketAddr,
    /// Extra `Host` header names accepted besides the localhost names (`--allow-host`); `*`
    /// accepts any (turns DNS-rebinding protection off).
    pub allowed_hosts: Vec<String>,
    /// Bearer token every request must carry (`--token`); required off loopback.
    pub token: Option<String>,
    /// Concurrency, queue and time limits.
    pub limits: Limits,
}

impl Default for ServerConfig {
    fn default() -> Self {
        ServerConfig {
            addr: SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), 8080),
            allowed_hosts: Vec::new(),
            token: None,
            limits: Limits::default(),
        }
    }
}

/// Why a configuration is refused.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// A non-loopback bind would expose the whole store to the network without authentication.
    #[error(
        "refusing to serve on {0} without a token: anyone who can reach it could read the whole \
         store. Pass --token (or set NEWSGRAPH_TOKEN), or bind to 127.0.0.1"
    )]
    TokenRequired(SocketAddr),
    /// The token is empty or not a valid header value.
    #[error("the token must be 16 to 512 visible ASCII characters")]
    BadToken,
}

impl ServerConfig {
    /// Checks that the configuration is safe to serve with.
    pub fn validate(&self) -> Result<(), ConfigError> {
        if let Some(t) = &self.token {
            let visible = t.bytes().all(|b| b.is_ascii_graphic());
            if !(16..=512).contains(&t.len()) || !visible {
                return Err(ConfigError::BadToken);
            }
        } else if !self.addr.ip().is_loopback() {
            return Err(ConfigError::TokenRequired(self.addr));
        }
        Ok(())
    }

    /// The `Host` names requests may carry: the localhost names, the bound address when it is a
    /// specific one, and the configured extras (lower-cased, without ports).
    pub fn host_allow_list(&self) -> Vec<String> {
        let mut hosts: Vec<String> = ["localhost", "127.0.0.1", "::1"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        if !self.addr.ip().is_unspecified() {
            hosts.push(self.addr.ip().to_string());
        }
        hosts.extend(
            self.allowed_hosts
                .iter()
                .map(|h| h.trim().to_ascii_lowercase()),
        );
        hosts
    }
}

/// How much work the server takes on at once, and how long it waits.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Requests handled at once; more wait in the queue.
    pub concurrency: usize,
    /// Requests that may wait for a slot; past it the answer is 503 with `Retry-After`.
    pub queue: usize,
    /// Expensive requests (graph, sourcing statistics: about a CPU-second each on a few thousand
    /// articles) handled at once, so they can never take every reader connection from searches.
    pub expensive_concurrency: usize,
    /// Expensive requests that may wait, per endpoint.
    pub expensive_queue: usize,
    /// Longest a request may take, queueing included (then 503).
    pub request_timeout: Duration,
    /// Longest a client may take to send a request's headers, and longest an idle keep-alive
    /// connection stays open: a client that sends nothing is disconnected after this.
    pub header_timeout: Duration,
    /// Open connections at most; further clients wait in the listen backlog.
    pub max_connections: usize,
    /// Seconds a shed client is told to wait (`Retry-After`).
    pub retry_after_secs: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            concurrency: 64,
            queue: 256,
            // Half the cores (at least one): on a small machine a graph computation must leave a
            // core to searches (measured on 2 cores: p99 of searches beside 48 graph clients).
            expensive_concurrency: std::thread::available_parallelism()
                .map_or(1, |n| (n.get() / 2).max(1)),
            expensive_queue: 8,
            request_timeout: Duration::from_secs(30),
            header_timeout: Duration::from_secs(10),
            max_connections: 1024,
            retry_after_secs: 2,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_public_bind_needs_a_token() {
        let mut c = ServerConfig {
            addr: "0.0.0.0:8080".parse().unwrap(),
            ..Default::default()
        };
        assert!(matches!(c.validate(), Err(ConfigError::TokenRequired(_))));
        c.token = Some("short".into());
        assert!(matches!(c.validate(), Err(ConfigError::BadToken)));
        c.token = Some("a-long-enough-secret-token".into());
        assert!(c.validate().is_ok());
        assert!(
            ServerConfig::default().validate().is_ok(),
            "loopback needs none"
        );
    }

    #[test]
    fn the_allow_list_holds_localhost_and_extras() {
        let c = ServerConfig {
            addr: "10.1.2.3:80".parse().unwrap(),
            allowed_hosts: vec!["News.Example.org".into()],
            ..Default::default()
        };
        let hosts = c.host_allow_list();
        for h in [
            "localhost",
            "127.0.0.1",
            "::1",
            "10.1.2.3",
            "news.example.org",
        ] {
            assert!(hosts.contains(&h.to_string()), "{h}");
        }
    }
}

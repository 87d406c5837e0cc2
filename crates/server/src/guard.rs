//! The layers that protect the server and whoever runs it, outermost first.
//!
//! 1. **Request log** ([`trace_layer`]): one `tracing` line per request with method, URI,
//!    client, status and latency, whatever answered it (a shed or refused request included).
//! 2. **Security headers** ([`security_header_layers`]) on every response, JSON included:
//!    `nosniff`, no referrer, no framing, and a deny-all CSP where a page set none.
//! 3. **Host allow-list and token** ([`check_access`]): a `Host` not on the list is refused
//!    (a DNS-rebinding page cannot read the API through the victim's browser), and with a token
//!    configured every request must carry it (`Authorization: Bearer …`, or HTTP Basic with
//!    the token as password, which lets a browser use the UI).
//! 4. **Overload**: past the concurrency limit and its queue, requests get 503 with
//!    `Retry-After` ([`overloaded`]); see `lib.rs` for the stacks.
//! 5. **Panics** are caught, logged in full server-side, and answered with a generic 500
//!    ([`panic_response`]): the panic text never reaches a client.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use base64::Engine;
use tower_http::classify::{ServerErrorsAsFailures, SharedClassifier};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;
use tracing::Span;

use crate::config::ServerConfig;
use crate::error_response;

/// Who may talk to the server: the `Host` names and the token, precomputed.
#[derive(Debug, Clone)]
pub struct Access {
    hosts: Arc<Vec<String>>,
    any_host: bool,
    token: Option<Arc<str>>,
}

impl Access {
    /// The access rules of a configuration.
    pub fn new(config: &ServerConfig) -> Self {
        let hosts = config.host_allow_list();
        Access {
            any_host: hosts.iter().any(|h| h == "*"),
            hosts: Arc::new(hosts),
            token: config.token.as_deref().map(Arc::from),
        }
    }

    fn host_allowed(&self, headers: &HeaderMap, uri: &axum::http::Uri) -> bool {
        if self.any_host {
            return true;
        }
        let host = match headers.get(header::HOST) {
            Some(v) => v.to_str().ok().map(str::to_string),
            // HTTP/1.0 and in-process callers send no Host: a browser always does, so the
            // rebinding attack is still closed.
            None => match uri.authority() {
                Some(a) => Some(a.as_str().to_string()),
                None => return true,
            },
        };
        host.and_then(|h| host_name(&h))
            .is_some_and(|name| self.hosts.contains(&name))
    }

    fn token_ok(&self, headers: &HeaderMap) -> bool {
        let Some(token) = &self.token else {
            return true;
        };
        let Some(value) = headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
        else {
            return false;
        };
        let (scheme, credentials) = value.split_once(' ').unwrap_or((value, ""));
        let credentials = credentials.trim();
        if scheme.eq_ignore_ascii_case("bearer") {
            return constant_time_eq(credentials.as_bytes(), token.as_bytes());
        }
        if scheme.eq_ignore_ascii_case("basic") {
            // Any user name; the token is the password (so a browser's login prompt works).
            let Ok(decoded) = base64::engine::general_purpose::STANDARD.decode(credentials) else {
                return false;
            };
            let password = match decoded.iter().position(|&b| b == b':') {
                Some(i) => decoded.get(i + 1..).unwrap_or_default(),
                None => return false,
            };
            return constant_time_eq(password, token.as_bytes());
        }
        false
    }
}

/// The host name of a `Host` header value, lower-cased, without port or trailing dot
/// (`[::1]:8080` → `::1`).
fn host_name(value: &str) -> Option<String> {
    let value = value.trim();
    let name = if let Some(rest) = value.strip_prefix('[') {
        rest.split_once(']')?.0
    } else {
        match value.rsplit_once(':') {
            Some((name, port)) if port.bytes().all(|b| b.is_ascii_digit()) => name,
            Some(_) => return None, // a bare IPv6 address or garbage: browsers never send it
            None => value,
        }
    };
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    (!name.is_empty()).then_some(name)
}

/// Compares secrets in time independent of where they differ.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Middleware: refuses a request whose `Host` is not allowed (421) or that lacks the token (401).
pub async fn check_access(State(access): State<Access>, req: Request, next: Next) -> Response {
    if !access.host_allowed(req.headers(), req.uri()) {
        return error_response(
            StatusCode::MISDIRECTED_REQUEST,
            "this server does not answer for that host name; start it with --allow-host NAME",
        );
    }
    if !access.token_ok(req.headers()) {
        let mut resp = error_response(
            StatusCode::UNAUTHORIZED,
            "a token is required: send `Authorization: Bearer TOKEN`",
        );
        resp.headers_mut().insert(
            header::WWW_AUTHENTICATE,
            HeaderValue::from_static("Basic realm=\"newsgraph\", charset=\"UTF-8\""),
        );
        return resp;
    }
    next.run(req).await
}

/// The answer to a request shed by a concurrency limit: 503 with `Retry-After`.
pub fn overloaded(retry_after_secs: u32) -> Response {
    let mut resp = error_response(
        StatusCode::SERVICE_UNAVAILABLE,
        "the server is busy; retry in a moment",
    )
    .into_response();
    resp.headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from(retry_after_secs));
    resp
}

/// Logs a caught panic and answers with a message that reveals nothing of it.
pub fn panic_response(err: Box<dyn std::any::Any + Send + 'static>) -> Response {
    let detail = err
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| err.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_else(|| "unknown".into());
    tracing::error!(panic = %detail, "request handler panicked");
    error_response(
        StatusCode::INTERNAL_SERVER_ERROR,
        "internal error; the server log has the details",
    )
}

/// Headers every response carries; `if_not_present`, so a page's own stricter policy stays.
pub fn security_header_layers() -> [SetResponseHeaderLayer<HeaderValue>; 4] {
    [
        SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ),
        SetResponseHeaderLayer::if_not_present(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ),
        SetResponseHeaderLayer::if_not_present(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        ),
        SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("default-src 'none'; frame-ancestors 'none'"),
        ),
    ]
}

/// The span of one request: method, URI and client address.
fn request_span(req: &Request) -> Span {
    let client = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.to_string())
        .unwrap_or_default();
    tracing::info_span!(
        "request",
        method = %req.method(),
        uri = %req.uri(),
        client = %client,
    )
}

/// The request log line, written when the response head is ready.
fn log_response(resp: &Response, latency: Duration, _span: &Span) {
    tracing::info!(
        status = resp.status().as_u16(),
        ms = latency.as_secs_f64() * 1000.0,
        "answered"
    );
}

/// The request log: exactly one line per request (failures are not logged a second time).
#[allow(clippy::type_complexity)]
pub fn trace_layer() -> TraceLayer<
    SharedClassifier<ServerErrorsAsFailures>,
    fn(&Request) -> Span,
    (),
    fn(&Response, Duration, &Span),
    (),
    (),
    (),
> {
    TraceLayer::new_for_http()
        .make_span_with(request_span as fn(&Request) -> Span)
        .on_request(())
        .on_response(log_response as fn(&Response, Duration, &Span))
        .on_body_chunk(())
        .on_eos(())
        .on_failure(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_names_lose_ports_and_case() {
        assert_eq!(host_name("LocalHost:8080").as_deref(), Some("localhost"));
        assert_eq!(host_name("[::1]:8080").as_deref(), Some("::1"));
        assert_eq!(host_name("example.org.").as_deref(), Some("example.org"));
        assert_eq!(host_name("127.0.0.1").as_deref(), Some("127.0.0.1"));
        assert_eq!(host_name("a:b"), None);
        assert_eq!(host_name(""), None);
    }

    #[test]
    fn secrets_compare_exactly() {
        assert!(constant_time_eq(b"abc", b"abc"));
        assert!(!constant_time_eq(b"abc", b"abd"));
        assert!(!constant_time_eq(b"abc", b"abcd"));
    }
}

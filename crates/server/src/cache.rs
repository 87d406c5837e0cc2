//! A short-lived cache for the expensive read-only answers (the entity graph, sourcing
//! statistics).
//!
//! Each of those costs about a CPU-second on a few thousand articles, and clients ask for the same
//! one over and over (the graph page's default view, a dashboard polling the statistics). Served
//! from here, 48 clients asking for the same graph cost one computation, not 48, so searches beside
//! them keep their latency. An entry lives [`TTL`]; an answer may therefore lag an ingest by that
//! much, which these aggregate views tolerate. The cache holds at most [`CAPACITY`] answers and
//! drops the oldest first.

use std::any::Any;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long an answer is served from the cache.
pub const TTL: Duration = Duration::from_secs(10);
/// Most answers kept.
pub const CAPACITY: usize = 128;

type Entry = (Instant, Arc<dyn Any + Send + Sync>);

/// Answers by request key (the endpoint and its normalised parameters).
#[derive(Default)]
pub struct AnswerCache {
    entries: Mutex<HashMap<String, Entry>>,
}

impl AnswerCache {
    /// The cached answer for `key` if it is younger than [`TTL`], else `compute`'s (cached when it
    /// succeeds; errors are never cached).
    pub fn get_or_compute<T, E>(
        &self,
        key: &str,
        compute: impl FnOnce() -> Result<T, E>,
    ) -> Result<T, E>
    where
        T: Clone + Send + Sync + 'static,
    {
        if let Some(hit) = self.fresh(key) {
            if let Some(value) = hit.downcast_ref::<T>() {
                return Ok(value.clone());
            }
        }
        let value = compute()?;
        self.insert(key, Arc::new(value.clone()));
        Ok(value)
    }

    fn fresh(&self, key: &str) -> Option<Arc<dyn Any + Send + Sync>> {
        let entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        let (at, value) = entries.get(key)?;
        (at.elapsed() < TTL).then(|| value.clone())
    }

    fn insert(&self, key: &str, value: Arc<dyn Any + Send + Sync>) {
        let mut entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        entries.retain(|_, (at, _)| at.elapsed() < TTL);
        if entries.len() >= CAPACITY {
            if let Some(oldest) = entries
                .iter()
                .min_by_key(|(_, (at, _))| *at)
                .map(|(k, _)| k.clone())
            {
                entries.remove(&oldest);
            }
        }
        entries.insert(key.to_string(), (Instant::now(), value));
    }

    /// Answers currently held.
    pub fn len(&self) -> usize {
        self.entries.lock().unwrap_or_else(|p| p.into_inner()).len()
    }

    /// True when no answer is held.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    #[test]
    fn computes_once_per_key_and_never_caches_errors() {
        let cache = AnswerCache::default();
        let calls = Cell::new(0);
        let compute = || {
            calls.set(calls.get() + 1);
            Ok::<_, String>(vec![1, 2, 3])
        };
        assert_eq!(cache.get_or_compute("graph:a", compute).unwrap(), [1, 2, 3]);
        assert_eq!(cache.get_or_compute("graph:a", compute).unwrap(), [1, 2, 3]);
        assert_eq!(calls.get(), 1);
        cache.get_or_compute("graph:b", compute).unwrap();
        assert_eq!(calls.get(), 2);
        let failed: Result<Vec<i32>, String> =
            cache.get_or_compute("graph:c", || Err("boom".into()));
        assert!(failed.is_err());
        assert_eq!(cache.len(), 2);
    }

    #[test]
    fn holds_at_most_capacity_answers() {
        let cache = AnswerCache::default();
        for i in 0..CAPACITY + 10 {
            cache
                .get_or_compute(&format!("k{i}"), || Ok::<_, ()>(i))
                .unwrap();
        }
        assert_eq!(cache.len(), CAPACITY);
        // The newest is still there.
        let again = cache.get_or_compute(&format!("k{}", CAPACITY + 9), || Ok::<_, ()>(0));
        assert_eq!(again, Ok(CAPACITY + 9));
    }
}

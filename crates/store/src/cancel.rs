//! Cancelling store calls whose caller has gone away.
//!
//! A server runs each store call on a blocking thread; when the HTTP request is abandoned (client
//! gone, timeout) the call must stop rather than keep a reader connection and a CPU busy. The
//! caller creates a [`CancelFlag`], keeps a [`CancelOnDrop`] guard in the request's future and
//! runs the call inside [`CancelFlag::scope`] on the blocking thread. The flag is *ambient*: a
//! thread-local the store consults, so no store method needs an extra argument.
//!
//! Where the store checks it:
//! - before taking a reader connection and before every statement (an abandoned request that
//!   waited in line never runs);
//! - inside SQLite, through a progress handler called every [`PROGRESS_OPS`] virtual-machine
//!   steps, which makes SQLite abort a long statement with `SQLITE_INTERRUPT`.
//!
//! Calls made outside any scope (ingest, export, the CLI) are never cancelled.

use std::cell::RefCell;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// SQLite virtual-machine steps between two looks at the flag: frequent enough to stop a
/// second-long query within a millisecond or so, rare enough to cost nothing measurable.
pub(crate) const PROGRESS_OPS: i32 = 10_000;

thread_local! {
    static CURRENT: RefCell<Option<CancelFlag>> = const { RefCell::new(None) };
}

/// A shared "stop now" flag for one request.
#[derive(Debug, Clone, Default)]
pub struct CancelFlag(Arc<AtomicBool>);

impl CancelFlag {
    /// A flag that is not raised.
    pub fn new() -> Self {
        Self::default()
    }

    /// Raises the flag: store calls running under it stop at their next check.
    pub fn cancel(&self) {
        self.0.store(true, Ordering::Relaxed);
    }

    /// Whether the flag is raised.
    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }

    /// A guard that raises the flag when dropped (unless [`CancelOnDrop::disarm`]ed): keep it in
    /// the request's future, so dropping the future cancels the store call.
    pub fn cancel_on_drop(&self) -> CancelOnDrop {
        CancelOnDrop(Some(self.clone()))
    }

    /// Makes this flag the current thread's until the returned guard drops.
    pub fn scope(&self) -> CancelScope {
        let previous = CURRENT.with(|c| c.replace(Some(self.clone())));
        CancelScope { previous }
    }
}

/// Raises its flag on drop; see [`CancelFlag::cancel_on_drop`].
#[derive(Debug)]
pub struct CancelOnDrop(Option<CancelFlag>);

impl CancelOnDrop {
    /// The call finished: dropping the guard no longer cancels anything.
    pub fn disarm(mut self) {
        self.0 = None;
    }
}

impl Drop for CancelOnDrop {
    fn drop(&mut self) {
        if let Some(flag) = &self.0 {
            flag.cancel();
        }
    }
}

/// Restores the thread's previous flag on drop; see [`CancelFlag::scope`].
#[derive(Debug)]
pub struct CancelScope {
    previous: Option<CancelFlag>,
}

impl Drop for CancelScope {
    fn drop(&mut self) {
        let previous = self.previous.take();
        CURRENT.with(|c| *c.borrow_mut() = previous);
    }
}

/// Whether the current thread's call has been cancelled.
pub(crate) fn cancelled() -> bool {
    CURRENT.with(|c| c.borrow().as_ref().is_some_and(CancelFlag::is_cancelled))
}

/// `Err(Cancelled)` when the current call has been cancelled.
pub(crate) fn check() -> Result<(), crate::StoreError> {
    if cancelled() {
        Err(crate::StoreError::Cancelled)
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scopes_nest_and_restore() {
        let outer = CancelFlag::new();
        let inner = CancelFlag::new();
        assert!(!cancelled());
        let _o = outer.scope();
        {
            let _i = inner.scope();
            inner.cancel();
            assert!(cancelled());
        }
        assert!(!cancelled(), "the outer flag is current again");
        let guard = outer.cancel_on_drop();
        drop(guard);
        assert!(cancelled());
    }

    #[test]
    fn a_disarmed_guard_cancels_nothing() {
        let flag = CancelFlag::new();
        flag.cancel_on_drop().disarm();
        assert!(!flag.is_cancelled());
    }
}

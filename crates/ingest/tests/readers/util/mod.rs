//! Helpers shared by the hostile-input tests: scratch files and gzip.

#![allow(dead_code)]

use std::io::Write;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

/// A file under the system temp dir, removed on drop.
pub(crate) struct Scratch(pub PathBuf);

impl Scratch {
    /// A fresh path ending in `name` (the name decides the detected format).
    pub(crate) fn path(name: &str) -> Scratch {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "newsgraph-ingest-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::create_dir_all(&dir).expect("create scratch dir");
        Scratch(dir.join(name))
    }

    /// A file named `name` holding `bytes`.
    pub(crate) fn file(name: &str, bytes: &[u8]) -> Scratch {
        let s = Scratch::path(name);
        std::fs::write(&s.0, bytes).expect("write scratch file");
        s
    }

    /// The path as the readers name it in errors.
    pub(crate) fn name(&self) -> String {
        self.0.display().to_string()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        if let Some(dir) = self.0.parent() {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}

/// `total` bytes of `block` repeated, gzip-compressed as a stream (never held inflated).
pub(crate) fn gzip_repeated(block: &[u8], total: usize) -> Vec<u8> {
    // gzip's own default level: zlib-rs at level 1 packs a repeated line under the 100x that
    // the readers call a bomb (miniz_oxide's level 1 packed it well over).
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    let mut written = 0;
    while written < total {
        let n = block.len().min(total - written);
        enc.write_all(&block[..n]).expect("gzip");
        written += n;
    }
    enc.finish().expect("gzip")
}

/// `bytes` gzip-compressed.
pub(crate) fn gzip(bytes: &[u8]) -> Vec<u8> {
    gzip_repeated(bytes, bytes.len())
}

/// An error and its `source()` chain as `anyhow`'s `{:#}` prints it.
pub(crate) fn chain(e: &dyn std::error::Error) -> String {
    let mut out = e.to_string();
    let mut next = e.source();
    while let Some(s) = next {
        out.push_str(": ");
        out.push_str(&s.to_string());
        next = s.source();
    }
    out
}

/// Seconds `f` takes, best of `runs` (the minimum is the least disturbed by other load).
pub(crate) fn best_seconds(runs: usize, mut f: impl FnMut()) -> f64 {
    (0..runs)
        .map(|_| {
            let t = std::time::Instant::now();
            f();
            t.elapsed().as_secs_f64()
        })
        .fold(f64::INFINITY, f64::min)
}

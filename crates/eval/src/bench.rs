//! What every benchmark prints: throughput (words/s, docs/s), latency percentiles and the peak
//! memory of the process.

use std::time::Instant;

/// Peak resident set size of this process in bytes (`VmHWM` from `/proc`), 0 where the platform
/// does not report it.
pub fn peak_rss_bytes() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<u64>().ok())
        })
        .map(|kb| kb * 1024)
        .unwrap_or(0)
}

/// Peak resident set size in MB, `None` where the platform does not report it.
pub fn peak_rss_mb() -> Option<f64> {
    match peak_rss_bytes() {
        0 => None,
        b => Some(b as f64 / (1024.0 * 1024.0)),
    }
}

/// The value at percentile `p` (0–100) of an ascending slice (nearest rank), 0 when empty.
pub fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((p / 100.0) * (sorted.len() as f64 - 1.0)).round() as usize;
    sorted[rank.min(sorted.len() - 1)]
}

/// Work done over a measured time: the unit of every throughput line.
#[derive(Debug, Clone, Copy, Default)]
pub struct Throughput {
    /// Words processed.
    pub words: usize,
    /// Documents processed.
    pub docs: usize,
    /// Bytes processed.
    pub bytes: usize,
    /// Seconds taken.
    pub seconds: f64,
}

impl Throughput {
    /// Words per second.
    pub fn words_per_s(&self) -> f64 {
        self.words as f64 / self.seconds.max(1e-9)
    }

    /// Documents per second.
    pub fn docs_per_s(&self) -> f64 {
        self.docs as f64 / self.seconds.max(1e-9)
    }

    /// Megabytes (10^6 bytes) per second.
    pub fn mb_per_s(&self) -> f64 {
        self.bytes as f64 / 1e6 / self.seconds.max(1e-9)
    }
}

/// Runs `work` once and returns its result with the seconds it took.
pub fn timed<T>(work: impl FnOnce() -> T) -> (T, f64) {
    let started = Instant::now();
    let out = work();
    (out, started.elapsed().as_secs_f64())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_use_nearest_rank() {
        let v: Vec<f64> = (1..=100).map(f64::from).collect();
        assert_eq!(percentile(&v, 50.0), 51.0);
        assert_eq!(percentile(&v, 99.0), 99.0);
        assert_eq!(percentile(&[], 99.0), 0.0);
    }

    #[test]
    fn throughput_never_divides_by_zero() {
        let t = Throughput {
            words: 10,
            docs: 1,
            bytes: 2_000_000,
            seconds: 0.0,
        };
        assert!(t.words_per_s().is_finite() && t.mb_per_s() > 0.0);
    }
}

//! Timing: one sample per query with `Instant`, percentiles from the sorted samples.

use std::time::Instant;

/// Nanosecond samples, one per query, in the order of the pairs they belong to.
#[derive(Clone, Default)]
pub struct Samples(pub Vec<u64>);

impl Samples {
    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn summary(&self) -> Summary {
        Summary::of(self.0.iter().copied())
    }

    /// The summary of the samples at `indices` (to compare with a system that answered
    /// only some of the pairs).
    pub fn subset(&self, indices: impl IntoIterator<Item = usize>) -> Summary {
        Summary::of(indices.into_iter().filter_map(|i| self.0.get(i).copied()))
    }
}

/// p50 and p99 of a set of samples, in nanoseconds.
#[derive(Clone, Copy, Debug, Default)]
pub struct Summary {
    pub count: usize,
    pub p50: u64,
    pub p99: u64,
}

impl Summary {
    pub fn of(samples: impl Iterator<Item = u64>) -> Self {
        let mut sorted: Vec<u64> = samples.collect();
        sorted.sort_unstable();
        Self { count: sorted.len(), p50: percentile(&sorted, 0.50), p99: percentile(&sorted, 0.99) }
    }
}

/// The nearest-rank percentile of sorted samples (0 when there are none).
pub fn percentile(sorted: &[u64], p: f64) -> u64 {
    if sorted.is_empty() {
        return 0;
    }
    let rank = (p * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

/// Prints how long a phase took when it ends.
pub struct Phase {
    label: String,
    started: Instant,
}

impl Phase {
    pub fn start(label: impl Into<String>) -> Self {
        let label = label.into();
        println!("  … {label}");
        Self { label, started: Instant::now() }
    }
}

impl Drop for Phase {
    fn drop(&mut self) {
        println!(
            "  ✓ {} ({:.1} s; resident {}, peak {})",
            self.label,
            self.started.elapsed().as_secs_f64(),
            memory("VmRSS:"),
            memory("VmHWM:")
        );
    }
}

/// A memory figure of this process from `/proc/self/status` ("VmRSS:", "VmHWM:"), in GiB.
pub fn memory(field: &str) -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find_map(|l| l.strip_prefix(field)).map(str::to_string))
        .and_then(|v| v.trim().trim_end_matches(" kB").parse::<f64>().ok())
        .map_or_else(|| "unknown".into(), |kb| format!("{:.2} GiB", kb / (1024.0 * 1024.0)))
}

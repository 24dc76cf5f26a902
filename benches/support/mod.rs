//! What every benchmark reports: the median wall time of a case's runs and
//! the peak memory the process reached while they ran.
//!
//! Plain `std::time` and `/proc`, no harness: the figures go into the
//! Markdown tables of docs/benchmarks.md (`scripts/bench.sh`), and a
//! median of a few runs is steadier on a shared machine than a mean.
//!
//! Peak memory is the process's largest resident set during the runs
//! (Linux `VmHWM`, reset before the case through `/proc/self/clear_refs`),
//! so it includes what the benchmark held before the case, such as its
//! input; `at start` says how much that was. Elsewhere it is not measured.

#![allow(dead_code)] // each bench uses the parts it needs

use std::time::{Duration, Instant};

/// The allocator the `handbook` binary uses, so that time and memory are
/// those of a real build.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The runs of one case.
pub struct Measured {
    /// Every run's wall time, in run order.
    pub times: Vec<Duration>,
    pub memory: Option<Memory>,
}

/// Resident set sizes in bytes.
#[derive(Clone, Copy)]
pub struct Memory {
    /// Before the first run.
    pub start: u64,
    /// The largest during the runs.
    pub peak: u64,
}

impl Memory {
    /// Over several cases run one after the other: the first one's start and
    /// the largest peak.
    pub fn largest(cases: &[Measured]) -> Option<Memory> {
        let memories: Option<Vec<Memory>> = cases.iter().map(|m| m.memory).collect();
        let memories = memories?;
        Some(Memory {
            start: memories.first()?.start,
            peak: memories.iter().map(|m| m.peak).max()?,
        })
    }
}

/// Runs `f` `runs` times (at least once), timing each run.
pub fn measure<T>(runs: usize, mut f: impl FnMut() -> T) -> Measured {
    let watch = MemoryWatch::start();
    let times = (0..runs.max(1))
        .map(|_| {
            let started = Instant::now();
            std::hint::black_box(f());
            started.elapsed()
        })
        .collect();
    Measured {
        times,
        memory: watch.finish(),
    }
}

impl Measured {
    pub fn median(&self) -> Duration {
        median(&self.times)
    }

    pub fn first(&self) -> Duration {
        self.times.first().copied().unwrap_or_default()
    }

    /// "peak (at start)" for a table cell.
    pub fn memory_cell(&self) -> String {
        memory_cell(self.memory)
    }
}

/// The middle of `times` (the upper middle of an even count).
pub fn median(times: &[Duration]) -> Duration {
    let mut sorted = times.to_vec();
    sorted.sort();
    sorted.get(sorted.len() / 2).copied().unwrap_or_default()
}

/// Peak memory over a stretch of work that is not one closure. Watches do
/// not nest: starting one resets the peak another is waiting for.
pub struct MemoryWatch {
    start: Option<u64>,
}

impl MemoryWatch {
    /// Resets the process's peak to its current resident set.
    pub fn start() -> MemoryWatch {
        let reset = std::fs::write("/proc/self/clear_refs", "5").is_ok();
        MemoryWatch {
            start: reset.then(|| status_kb("VmRSS")).flatten(),
        }
    }

    pub fn finish(self) -> Option<Memory> {
        let start = self.start? * 1024;
        // The kernel counts each thread's pages in batches, so the peak can
        // read a little below a start read just after the reset.
        let peak = (status_kb("VmHWM")? * 1024).max(start);
        Some(Memory { start, peak })
    }
}

/// A `kB` field of `/proc/self/status`.
fn status_kb(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

pub fn memory_cell(memory: Option<Memory>) -> String {
    match memory {
        Some(m) => format!("{} ({})", megabytes(m.peak), megabytes(m.start)),
        None => "not measured".to_string(),
    }
}

/// Mebibytes, written "MB" as in the full-build table (GNU time's kB / 1024).
pub fn megabytes(bytes: u64) -> String {
    format!("{} MB", bytes >> 20)
}

/// Milliseconds to three significant digits or whole.
pub fn ms(d: Duration) -> String {
    let ms = d.as_secs_f64() * 1000.0;
    match ms {
        ms if ms < 1.0 => format!("{ms:.2} ms"),
        ms if ms < 10.0 => format!("{ms:.1} ms"),
        ms => format!("{ms:.0} ms"),
    }
}

//! Script-conversion throughput of the built-in engine.
//!
//! `cargo bench --bench convert` prints Markdown tables: per config, the
//! cost of the first conversion in a fresh process (dictionary indexing),
//! then the median time, throughput and peak memory of converting ~4 MB of
//! text built from `tests/fixtures/seed.txt`: s2t, s2tw, s2hk and s2twp
//! convert the Simplified version of it (the build's three variants and the
//! phrase-level Taiwan config), t2s the Traditional original. With
//! `BENCH_CONVERT_DUMP=DIR` the two input texts are also written to
//! `DIR/simplified.txt` and `DIR/traditional.txt`, so that
//! `scripts/bench-convert.sh` can time OpenCC's command on the same bytes.

mod support;

use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use handbook::convert::builtin::Engine;
use handbook::convert::OpenccConfig;

const TARGET_BYTES: usize = 4 * 1024 * 1024;
const RUNS: usize = 7;

fn main() {
    // Must come first: later steps build the tables it measures.
    let startup: Vec<(OpenccConfig, Duration)> =
        [OpenccConfig::S2t, OpenccConfig::S2twp, OpenccConfig::T2s]
            .into_iter()
            .map(|config| (config, first_conversion(config)))
            .collect();

    let start = Instant::now();
    OpenccConfig::ALL
        .into_iter()
        .for_each(|config| Engine::new(config).preload());
    let rest = start.elapsed();

    let seed = match std::fs::read_to_string(seed_path()) {
        Ok(seed) => seed,
        Err(e) => {
            eprintln!("cannot read {}: {e}", seed_path().display());
            std::process::exit(1);
        }
    };
    let traditional = repeat_to(&seed, TARGET_BYTES);
    let simplified = repeat_to(&Engine::new(OpenccConfig::T2s).convert(&seed), TARGET_BYTES);
    if let Some(dir) = std::env::var_os("BENCH_CONVERT_DUMP") {
        dump(&PathBuf::from(dir), &simplified, &traditional);
    }

    println!("| first conversion in a fresh process | time |");
    println!("|---|---:|");
    for (config, took) in startup {
        println!("| {} | {} |", config.name(), support::ms(took));
    }
    println!("| the other 9 configs together | {} |", support::ms(rest));
    println!();
    println!("| config | input | median of {RUNS} | throughput | peak memory (at start) |");
    println!("|---|---:|---:|---:|---:|");
    for (config, input) in [
        (OpenccConfig::S2t, &simplified),
        (OpenccConfig::S2tw, &simplified),
        (OpenccConfig::S2hk, &simplified),
        (OpenccConfig::S2twp, &simplified),
        (OpenccConfig::T2s, &traditional),
    ] {
        let runs = throughput(config, input);
        let mb = input.len() as f64 / 1e6;
        println!(
            "| {} | {mb:.2} MB | {} | {:.0} MB/s | {} |",
            config.name(),
            support::ms(runs.median()),
            mb / runs.median().as_secs_f64(),
            runs.memory_cell()
        );
    }
}

fn seed_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seed.txt")
}

fn first_conversion(config: OpenccConfig) -> Duration {
    let start = Instant::now();
    black_box(Engine::new(config).convert(black_box("汉字轉換")));
    start.elapsed()
}

/// Whole copies of `text` until at least `bytes` long.
fn repeat_to(text: &str, bytes: usize) -> String {
    let copies = bytes.div_ceil(text.len().max(1));
    text.repeat(copies)
}

/// `RUNS` conversions of `input`, after one that warms the caches; the peak
/// memory counts that one too, since later runs reuse what it allocated.
fn throughput(config: OpenccConfig, input: &str) -> support::Measured {
    let engine = Engine::new(config);
    let mut runs = support::measure(RUNS + 1, || engine.convert(black_box(input)));
    runs.times.remove(0);
    runs
}

fn dump(dir: &std::path::Path, simplified: &str, traditional: &str) {
    let written = std::fs::create_dir_all(dir)
        .and_then(|()| std::fs::write(dir.join("simplified.txt"), simplified))
        .and_then(|()| std::fs::write(dir.join("traditional.txt"), traditional));
    if let Err(e) = written {
        eprintln!("cannot write bench inputs to {}: {e}", dir.display());
        std::process::exit(1);
    }
}

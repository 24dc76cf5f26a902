//! Script-conversion throughput of the built-in engine.
//!
//! `cargo bench --bench convert` prints, per config, the cost of the first
//! conversion in a fresh process (dictionary indexing) and the steady-state
//! throughput on ~4 MB of text built from `tests/fixtures/seed.txt`:
//! s2t and s2twp convert the Simplified version of it, t2s the Traditional
//! original. With `BENCH_CONVERT_DUMP=DIR` the two input texts are also
//! written to `DIR/simplified.txt` and `DIR/traditional.txt`, so that
//! `scripts/bench-convert.sh` can time OpenCC's command on the same bytes.

use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use handbook::convert::builtin::Engine;
use handbook::convert::Config;

const TARGET_BYTES: usize = 4 * 1024 * 1024;
const RUNS: usize = 7;

fn main() {
    // Must come first: later steps build the tables it measures.
    let startup: Vec<(Config, Duration)> = [Config::S2t, Config::S2twp, Config::T2s]
        .into_iter()
        .map(|config| (config, first_conversion(config)))
        .collect();

    let start = Instant::now();
    Config::ALL
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
    let simplified = repeat_to(&Engine::new(Config::T2s).convert(&seed), TARGET_BYTES);
    if let Some(dir) = std::env::var_os("BENCH_CONVERT_DUMP") {
        dump(&PathBuf::from(dir), &simplified, &traditional);
    }

    println!("## first conversion in a fresh process (builds the config's tables)");
    for (config, took) in startup {
        println!(
            "startup {}: {:.1} ms",
            config.name(),
            took.as_secs_f64() * 1e3
        );
    }
    println!(
        "startup remaining 9 configs together: {:.1} ms",
        rest.as_secs_f64() * 1e3
    );
    println!("## throughput, best of {RUNS} runs");
    for (config, input) in [
        (Config::S2t, &simplified),
        (Config::S2twp, &simplified),
        (Config::T2s, &traditional),
    ] {
        let best = best_time(config, input);
        let mb = input.len() as f64 / 1e6;
        println!(
            "convert {}: {mb:.2} MB in {:.1} ms = {:.1} MB/s",
            config.name(),
            best.as_secs_f64() * 1e3,
            mb / best.as_secs_f64()
        );
    }
}

fn seed_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seed.txt")
}

fn first_conversion(config: Config) -> Duration {
    let start = Instant::now();
    black_box(Engine::new(config).convert(black_box("汉字轉換")));
    start.elapsed()
}

/// Whole copies of `text` until at least `bytes` long.
fn repeat_to(text: &str, bytes: usize) -> String {
    let copies = bytes.div_ceil(text.len().max(1));
    text.repeat(copies)
}

fn best_time(config: Config, input: &str) -> Duration {
    let engine = Engine::new(config);
    black_box(engine.convert(input));
    (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            black_box(engine.convert(black_box(input)));
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
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

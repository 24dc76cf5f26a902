//! Built-in engine versus the system OpenCC library on the handbook's own
//! content: every file of `content/` (Simplified) for the s2* configs, and the
//! Traditional seed `tests/fixtures/seed.txt` for t2s.
//!
//! Differences are printed, not failed on: the system library (Debian's
//! OpenCC 1.1.6) has older dictionaries and an older algorithm than the
//! built-in OpenCC 1.4.2. The test fails only if an engine cannot run.
//!
//! Run: `cargo test --features system-opencc --test testsuite -- --nocapture engine_diff::`
//! (see docs/decisions/conversion-engine.md for the OPENCC_* variables that
//! `opencc-rust` 2 needs to link against OpenCC 1.1).
#![cfg(feature = "system-opencc")]

use handbook::convert::{builtin, system, Converter, EngineKind, OpenccConfig};

const SEED: &str = include_str!("../fixtures/seed.txt");
const CONFIGS: [OpenccConfig; 5] = [
    OpenccConfig::S2t,
    OpenccConfig::S2tw,
    OpenccConfig::S2twp,
    OpenccConfig::S2hk,
    OpenccConfig::T2s,
];

/// Input for a config: the Traditional seed for t2s, the content for the s2*
/// configs.
fn input_for(config: OpenccConfig, simplified: &str) -> String {
    match config {
        OpenccConfig::T2s => SEED.to_string(),
        _ => simplified.to_string(),
    }
}

/// Every Markdown and YAML file under `content/`, in path order.
fn content_text() -> String {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let mut files: Vec<std::path::PathBuf> = walkdir::WalkDir::new(&root)
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "md" || e == "yaml"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display())))
        .collect()
}

fn system_engine(config: OpenccConfig) -> system::Engine {
    system::Engine::new(config).unwrap_or_else(|e| panic!("system OpenCC cannot run: {e}"))
}

#[test]
fn converter_uses_the_system_library() {
    assert_eq!(
        Converter::new(OpenccConfig::S2t).engine_kind(),
        EngineKind::System
    );
}

#[test]
fn engines_differ_only_in_dictionaries() {
    let simplified = content_text();
    let mut total = 0;
    for config in CONFIGS {
        let input = input_for(config, &simplified);
        let system = system_engine(config)
            .convert(&input)
            .unwrap_or_else(|e| panic!("system OpenCC cannot convert: {e}"));
        let ours = builtin::Engine::new(config).convert(&input);
        let diffs = line_diffs(&input, &ours, &system);
        println!(
            "{config}: {} of {} lines differ",
            diffs.len(),
            input.lines().count()
        );
        for diff in &diffs {
            println!("{diff}");
        }
        total += diffs.len();
    }
    println!("{total} differing lines in all");
}

/// Differing lines, each shown as the differing spans with some context.
fn line_diffs(input: &str, ours: &str, system: &str) -> Vec<String> {
    let ours: Vec<&str> = ours.lines().collect();
    let system: Vec<&str> = system.lines().collect();
    if ours.len() != system.len() {
        return vec![format!(
            "  line counts differ: built-in {}, system {}",
            ours.len(),
            system.len()
        )];
    }
    input
        .lines()
        .zip(ours.iter().zip(&system))
        .enumerate()
        .filter(|(_, (_, (a, b)))| a != b)
        .map(|(n, (line, (a, b)))| {
            let spans = char_spans(a, b);
            format!("  line {}: {spans}\n    input:    {line}", n + 1)
        })
        .collect()
}

/// "built-in X / system Y" for each run of differing characters. Lines of
/// equal length are compared character by character; others as a whole.
fn char_spans(ours: &str, system: &str) -> String {
    let a: Vec<char> = ours.chars().collect();
    let b: Vec<char> = system.chars().collect();
    if a.len() != b.len() {
        return format!("built-in {ours:?} / system {system:?}");
    }
    let mut spans = Vec::new();
    let mut i = 0;
    while i < a.len() {
        if a[i] == b[i] {
            i += 1;
            continue;
        }
        let start = i;
        while i < a.len() && a[i] != b[i] {
            i += 1;
        }
        let from = start.saturating_sub(2);
        let to = (i + 2).min(a.len());
        let ctx_a: String = a[from..to].iter().collect();
        let ctx_b: String = b[from..to].iter().collect();
        spans.push(format!("built-in {ctx_a:?} / system {ctx_b:?}"));
    }
    spans.join("; ")
}

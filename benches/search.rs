//! Search index size, build time and peak memory, on the real handbook and
//! on generated 10,000-role handbooks made from its sentences
//! (`handbook::generate::synthetic_handbook`); and related roles. Prints
//! Markdown tables for `docs/benchmarks.md`.
//!
//! `cargo bench --bench search` (set `HANDBOOK_SEARCH_DUMP` to a folder to
//! keep the index files for inspection)
//!
//! Browser query latency is measured separately, in headless Chromium:
//! `cargo test --release --test search_browser -- --ignored --nocapture`.

mod support;

use std::collections::HashSet;
use std::io::Write;
use std::path::Path;
use std::time::{Duration, Instant};

use flate2::write::GzEncoder;
use flate2::Compression;
use handbook::generate::{synthetic_handbook, Recombine};
use handbook::model::Handbook;
use handbook::search::normalize::Normalizer;
use handbook::search::{encode_postings, related_roles, Index, Searcher};
use handbook::variant::Variant;

const ROLES: usize = 10_000;
/// Related roles are timed at this many roles and at `ROLES`. Generated
/// roles recombine the same sentences, so they share far more bigrams, and
/// cost more to compare, than the roles of a real handbook.
const RELATED_ROLES: usize = 1_000;
const RUNS: usize = 5;
const QUERIES: [&str; 17] = [
    "微博",
    "盘点",
    "盤點",
    "php",
    "外判单位",
    "客服",
    "运营",
    "店",
    "管理",
    "客户 投诉",
    "店长盘点",
    "完成领导交办的其他工作",
    "dianzhang",
    "kfzg",
    "客服主观",
    "导够",
    "xyzzy",
];

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (_, source) = match handbook::pipeline::load(root) {
        Ok(loaded) => loaded,
        Err(error) => {
            eprintln!("cannot load the handbook in {}: {error}", root.display());
            std::process::exit(1);
        }
    };
    let traditional = source.map_text(&handbook::pipeline::text_converter(
        Variant::Hant,
        &handbook::convert::glossary::Glossary::default(),
    ));
    let regional = |variant| {
        source.map_text(&handbook::pipeline::text_converter(
            variant,
            &handbook::convert::glossary::Glossary::default(),
        ))
    };
    println!("| handbook | roles | passages | bigrams | index raw | gzip | raw/role | gzip/role | texts / postings (gzip) | regional vocabulary: groups, raw / gzip | readings raw / gzip | build (first / median of {RUNS}) | peak memory (at start) | Rust query p50 / p95 |");
    println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    index_row("real, zh-Hans", &source);
    index_row("real, zh-Hant", &traditional);
    index_row("real, zh-TW", &regional(Variant::Tw));
    index_row("real, zh-HK", &regional(Variant::Hk));
    for how in [Recombine::Sentences, Recombine::Clauses] {
        let big = synthetic_handbook(&source, ROLES, how);
        index_row(&format!("synthetic ({how:?})"), &big);
    }
    println!();
    println!("| related roles | roles | median of {RUNS} | peak memory (at start) |");
    println!("|---|---:|---:|---:|");
    related_row("real", &source);
    for roles in [RELATED_ROLES, ROLES] {
        let big = synthetic_handbook(&source, roles, Recombine::Sentences);
        related_row("synthetic (Sentences)", &big);
    }
}

fn index_row(name: &str, handbook: &Handbook) {
    let mut script = String::new();
    let build = support::measure(RUNS, || {
        script = handbook::search::index_script(handbook, &[])
    });
    if let Some(dir) = std::env::var_os("HANDBOOK_SEARCH_DUMP") {
        let file = Path::new(&dir).join(format!("{}.js", name.replace([' ', ',', '(', ')'], "")));
        if let Err(error) = std::fs::write(&file, &script) {
            eprintln!("cannot write {}: {error}", file.display());
        }
    }
    let index = Index::build(handbook);
    let roles = handbook.role_count().max(1);
    let raw = script.len();
    let gz = gzip(script.as_bytes());
    let (p50, p95) = query_times(&index);
    let texts = serde_json::to_string(&index.texts).unwrap_or_default();
    let postings: String = index
        .terms
        .iter()
        .map(|(gram, ids)| format!("{gram:?}:{:?},", encode_postings(ids)))
        .collect();
    let (groups, vocabulary_raw, vocabulary_gz) = vocabulary_size(&index);
    let sounds = index.sounds.to_wire();
    println!(
        "| {name} | {roles} | {} | {} | {} | {} | {} B | {} B | {} / {} | {groups}, {} / {} | {} / {} | {} / {} | {} | {} / {} |",
        index.texts.len(),
        index.terms.len(),
        bytes(raw),
        bytes(gz),
        raw / roles,
        gz / roles,
        bytes(gzip(texts.as_bytes())),
        bytes(gzip(postings.as_bytes())),
        bytes(vocabulary_raw),
        bytes(vocabulary_gz),
        bytes(sounds.len()),
        bytes(gzip(sounds.as_bytes())),
        support::ms(build.first()),
        support::ms(build.median()),
        build.memory_cell(),
        support::ms(p50),
        support::ms(p95),
    );
}

/// What the regional vocabulary adds to an index: its groups, and the
/// bytes of its words plus the character pairs only its words need (as
/// `"軟体"`-style pairs of the `chars` string), raw and gzip.
fn vocabulary_size(index: &Index) -> (usize, usize, usize) {
    let normalizer = Normalizer::new(&index.table);
    let present: HashSet<char> = (index.texts.iter())
        .flat_map(|t| normalizer.text(t).chars().collect::<Vec<_>>())
        .collect();
    let extra: String = (index.table.iter())
        .filter(|(_, s)| !present.contains(s))
        .flat_map(|(&t, &s)| [t, s])
        .collect();
    let added = format!("{}{extra}", index.vocabulary.to_wire());
    let groups = index.vocabulary.groups().len();
    (groups, added.len(), gzip(added.as_bytes()))
}

/// Every prefix of every query, as typed, several rounds.
fn query_times(index: &Index) -> (Duration, Duration) {
    let searcher = Searcher::new(index);
    let mut times = Vec::new();
    for _ in 0..RUNS {
        for query in QUERIES {
            let chars: Vec<char> = query.chars().collect();
            for end in 1..=chars.len() {
                let typed: String = chars[..end].iter().collect();
                let started = Instant::now();
                std::hint::black_box(searcher.search(&typed, None));
                times.push(started.elapsed());
            }
        }
    }
    times.sort();
    let at = |p: f64| times[((times.len() as f64 * p) as usize).min(times.len() - 1)];
    (at(0.5), at(0.95))
}

fn related_row(name: &str, handbook: &Handbook) {
    let runs = support::measure(RUNS, || related_roles(handbook, 5));
    println!(
        "| {name} | {} | {} | {} |",
        handbook.role_count(),
        support::ms(runs.median()),
        runs.memory_cell()
    );
}

fn gzip(data: &[u8]) -> usize {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
    let compressed = encoder.write_all(data).and_then(|()| encoder.finish());
    compressed.map_or(0, |c| c.len())
}

fn bytes(n: usize) -> String {
    if n >= 1 << 20 {
        format!("{:.2} MB", n as f64 / (1 << 20) as f64)
    } else {
        format!("{:.1} KB", n as f64 / 1024.0)
    }
}

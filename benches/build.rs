//! Where a full build's time goes, stage by stage, on generated handbooks;
//! and the incremental rebuild of `handbook serve` after editing one role.
//! Prints Markdown tables for docs/benchmarks.md.
//!
//! `cargo bench --bench build` (sizes: `HANDBOOK_BENCH_ROLES=1000,10000`;
//! edits timed per size: `HANDBOOK_BENCH_EDITS=7`; `HANDBOOK_BENCH_STAGES=0`
//! times the incremental rebuilds only). `scripts/bench.sh` runs
//! it after timing full builds of the binary.

mod support;

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use support::{median, memory_cell, ms, Memory, MemoryWatch};

use handbook::config::Config;
use handbook::incremental::{Rebuilt, Session};
use handbook::pipeline::{self, BuildOptions, Setup, VariantModel};
use handbook::{content, model, output};

fn main() {
    let sizes = env_list("HANDBOOK_BENCH_ROLES", "1000,10000");
    let edits = env_list("HANDBOOK_BENCH_EDITS", "7")
        .first()
        .copied()
        .unwrap_or(7);
    let mut stage_rows = Vec::new();
    let mut edit_rows = Vec::new();
    for &roles in &sizes {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path().join("handbook");
        handbook::generate::write_handbook(&root, roles).expect("generate");
        if std::env::var("HANDBOOK_BENCH_STAGES").as_deref() != Ok("0") {
            stage_rows.push((roles, stages(&root)));
        }
        edit_rows.push((roles, incremental(&root, edits)));
    }
    if !stage_rows.is_empty() {
        print_stages(&stage_rows);
        println!();
    }
    print_edits(&edit_rows, edits);
}

fn env_list(name: &str, default: &str) -> Vec<usize> {
    std::env::var(name)
        .unwrap_or_else(|_| default.to_string())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect()
}

const STAGES: [&str; 9] = [
    "read content/",
    "validate",
    "related roles",
    "convert (4 variants)",
    "render (4 variants)",
    "search index (4 variants)",
    "write (empty folder)",
    "write (first rebuild: pages linked from the previous site)",
    "write (later rebuilds: the staging folder kept from the last one)",
];

/// The stages of a full build, one after the other on one thread where the
/// build itself runs variants in parallel: the sum is the work, not the wall
/// time.
fn stages(root: &Path) -> Vec<Duration> {
    let mut times = Vec::new();
    let t = Instant::now();
    let config = Config::load(root).expect("config");
    let raw = content::load(root).expect("content");
    times.push(t.elapsed());
    let t = Instant::now();
    let handbook = model::validate(&config, &raw).expect("valid");
    times.push(t.elapsed());
    drop(raw);
    let setup = Setup::load(root, config).expect("theme");
    let t = Instant::now();
    let related = pipeline::related_roles(&handbook);
    times.push(t.elapsed());
    let (mut convert, mut render, mut index) = (Duration::ZERO, Duration::ZERO, Duration::ZERO);
    let mut pages = Vec::new();
    for &variant in &setup.variants {
        let t = Instant::now();
        let model = VariantModel::new(&setup, &handbook, variant);
        convert += t.elapsed();
        let t = Instant::now();
        let ctx = model.context(&setup, &related);
        pages.extend(
            handbook::render::render_variant(&ctx, &model.handbook, false).expect("render"),
        );
        render += t.elapsed();
        let t = Instant::now();
        pages.push(model.search_index(&setup));
        index += t.elapsed();
    }
    times.extend([convert, render, index]);
    // Into an empty folder; over the previous site as the first rebuild
    // finds it (no staging folder kept yet); and as every later rebuild does.
    let out = output::Target {
        dir: root.join("output"),
        setting: output::Setting::Config,
        force: false,
    };
    for _ in 0..3 {
        let t = Instant::now();
        output::write_site(&out, &pages, &setup.theme.static_files).expect("write");
        times.push(t.elapsed());
    }
    times
}

fn print_stages(rows: &[(usize, Vec<Duration>)]) {
    let sizes: Vec<String> = rows.iter().map(|(n, _)| format!("{n} roles")).collect();
    println!("| stage | {} |", sizes.join(" | "));
    println!("|---|{}", "---:|".repeat(rows.len()));
    for (i, name) in STAGES.iter().enumerate() {
        let cells: Vec<String> = rows.iter().map(|(_, t)| ms(t[i])).collect();
        println!("| {name} | {} |", cells.join(" | "));
    }
}

/// Timings of one kind of edit: first pass and whole rebuild, per run.
struct EditTimes {
    name: &'static str,
    first: Vec<Duration>,
    total: Vec<Duration>,
    written: usize,
    /// The session's resident set over these edits.
    memory: Option<Memory>,
}

/// A session's full build, then `runs` edits of each kind to roles spread
/// over the handbook, each followed by a rebuild.
fn incremental(root: &Path, runs: usize) -> Vec<EditTimes> {
    let options = BuildOptions {
        root: root.to_path_buf(),
        output: Some(root.join("served")),
        force: false,
        compare_to: None,
    };
    let mut session = Session::new(options);
    session.rebuild(&mut |_| {}).expect("first build");
    let files = role_files(root);
    let pick = |run: usize| files[(run * 7919 + 13) % files.len()].clone();
    let mut kinds = Vec::new();
    kinds.push(time_edits(&mut session, "duties", runs, |run| {
        let file = pick(run);
        edit(
            &file,
            "---\n1. ",
            &format!("---\n1. 第{run}次修改：新增的职责。\n2. "),
        )
    }));
    kinds.push(time_edits(&mut session, "list item", runs, |run| {
        let file = pick(run + runs);
        edit(&file, "  - \"", &format!("  - \"第{run}次修改："))
    }));
    kinds.push(time_edits(&mut session, "title", runs, |run| {
        let file = pick(run + 2 * runs);
        edit(&file, "title: \"", &format!("title: \"第{run}"))
    }));
    let added = |run: usize| pick(run + 3 * runs).with_file_name(format!("xin-she-{run}.md"));
    kinds.push(time_edits(&mut session, "add a role", runs, |run| {
        let text = format!("---\ntitle: 新设岗位{run}\n---\n1. 负责新业务。\n");
        fs::write(added(run), text).expect("write");
        added(run)
    }));
    kinds.push(time_edits(&mut session, "remove a role", runs, |run| {
        fs::remove_file(added(run)).expect("remove");
        added(run)
    }));
    kinds
}

fn time_edits(
    session: &mut Session,
    name: &'static str,
    runs: usize,
    mut make: impl FnMut(usize) -> PathBuf,
) -> EditTimes {
    let mut times = EditTimes {
        name,
        first: Vec::new(),
        total: Vec::new(),
        written: 0,
        memory: None,
    };
    let watch = MemoryWatch::start();
    for run in 0..runs {
        // As `handbook serve` does, pass on the path the file watcher saw.
        let changed = [make(run)];
        let done: Rebuilt = session
            .rebuild_after(Some(&changed), &mut |_| {})
            .expect("rebuild");
        times
            .first
            .push(done.first_pass.unwrap_or(done.summary.elapsed));
        times.total.push(done.summary.elapsed);
        times.written = times.written.max(done.written);
    }
    times.memory = watch.finish();
    times
}

fn role_files(root: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(root.join("content"))
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "md") && !p.ends_with("_index.md"))
        .collect();
    files.sort();
    files
}

fn edit(path: &Path, from: &str, to: &str) -> PathBuf {
    let text = fs::read_to_string(path).expect("read");
    fs::write(path, text.replacen(from, to, 1)).expect("write");
    path.to_path_buf()
}

fn print_edits(rows: &[(usize, Vec<EditTimes>)], runs: usize) {
    println!("| roles | edit | first pass (median / max) | whole rebuild (median / max) | files written (max) | peak memory (at start) |");
    println!("|---:|---|---:|---:|---:|---:|");
    for (roles, kinds) in rows {
        for k in kinds {
            println!(
                "| {roles} | {} | {} / {} | {} / {} | {} | {} |",
                k.name,
                ms(median(&k.first)),
                ms(max(&k.first)),
                ms(median(&k.total)),
                ms(max(&k.total)),
                k.written,
                memory_cell(k.memory)
            );
        }
    }
    println!();
    println!("({runs} edits of each kind, to roles spread over the handbook.)");
}

fn max(times: &[Duration]) -> Duration {
    times.iter().copied().max().unwrap_or_default()
}

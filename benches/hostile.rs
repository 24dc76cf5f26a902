//! Inputs whose size a user controls, each at two sizes: a build's cost must
//! grow linearly with them (docs/decisions/output-safety.md, "Inputs that
//! must not stall"). A ratio near 2 between the larger and the smaller size
//! is linear; near 4 is quadratic. Prints a Markdown table for
//! docs/benchmarks.md.
//!
//! `cargo bench --bench hostile` (scale: `HANDBOOK_BENCH_HOSTILE=1` for the
//! sizes in the table, `0.1` for a quick look).

mod support;

use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

use support::{median, ms};

use handbook::pipeline::{self, BuildOptions};

/// One kind of input: its name, its size at scale 1, and what it writes
/// into `content/01-hostile/` for a given size.
struct Case {
    name: &'static str,
    size: usize,
    write: fn(&Path, usize),
}

const CASES: [Case; 5] = [
    Case {
        name: "role links in one role's duties",
        size: 100_000,
        write: links,
    },
    Case {
        name: "nested `<div>`s in one body (refused)",
        size: 64_000,
        write: nested,
    },
    Case {
        name: "levels of one reporting chain",
        size: 5_000,
        write: chain,
    },
    Case {
        name: "direct reports of one role",
        size: 5_000,
        write: wide,
    },
    Case {
        name: "roles in one reporting cycle (refused)",
        size: 5_000,
        write: cycle,
    },
];

fn main() {
    let scale: f64 = std::env::var("HANDBOOK_BENCH_HOSTILE")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1.0);
    println!("| input | size | check | build | output | size × 2: build | ratio |");
    println!("|---|---:|---:|---:|---:|---:|---:|");
    for case in &CASES {
        let n = ((case.size as f64 * scale) as usize).max(10);
        let small = run(case, n / 2);
        let large = run(case, n);
        let ratio = large.build.as_secs_f64() / small.build.as_secs_f64().max(1e-9);
        println!(
            "| {} | {} | {} | {} | {:.1} MB | {} | {ratio:.1} |",
            case.name,
            n / 2,
            ms(small.check),
            ms(small.build),
            small.output_bytes as f64 / 1e6,
            ms(large.build),
        );
    }
}

struct Run {
    check: Duration,
    build: Duration,
    output_bytes: u64,
}

/// Runs per size; the median is reported.
const RUNS: usize = 3;

fn run(case: &Case, n: usize) -> Run {
    // In memory where there is room: the disk's own delays (often larger
    // than the build's, and erratic on a virtual machine) are not what this
    // measures.
    let dir = match Path::new("/dev/shm").is_dir() {
        true => tempfile::tempdir_in("/dev/shm"),
        false => tempfile::tempdir(),
    }
    .expect("temp dir");
    let root = dir.path();
    fs::write(root.join("handbook.yaml"), "title: 压力测试\n").expect("config");
    let doc = root.join("content/01-hostile");
    fs::create_dir_all(&doc).expect("document folder");
    fs::write(
        doc.join("_index.md"),
        "---\ntitle: 运营部\norganization: 某公司\nindustry: 零售\nsource: 第一篇\nexternal_superiors: [总经理]\n---\n1. 部门职责。\n",
    )
    .expect("document");
    (case.write)(&doc, n);
    let options = BuildOptions {
        root: root.to_path_buf(),
        output: None,
        force: false,
        compare_to: None,
    };
    let (mut checks, mut builds) = (Vec::new(), Vec::new());
    for _ in 0..RUNS {
        let started = Instant::now();
        let _ = pipeline::check(root);
        checks.push(started.elapsed());
        // Each run a first build: nothing of an earlier one to compare with.
        for old in ["output", ".output.old"] {
            let _ = fs::remove_dir_all(root.join(old));
        }
        let started = Instant::now();
        // A refused input fails the build, as it should; its time counts.
        let _ = pipeline::build(&options);
        builds.push(started.elapsed());
    }
    Run {
        check: median(&checks),
        build: median(&builds),
        output_bytes: folder_size(&root.join("output")),
    }
}

fn folder_size(dir: &Path) -> u64 {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter_map(|e| e.metadata().ok())
        .filter(|m| m.is_file())
        .map(|m| m.len())
        .sum()
}

fn role(doc: &Path, id: &str, title: &str, superior: &str, body: &str) {
    let text = format!("---\ntitle: {title}\nreports_to: {superior}\n---\n{body}");
    fs::write(doc.join(format!("{id}.md")), text).expect("role file");
}

fn links(doc: &Path, n: usize) {
    role(doc, "jing-li", "经理", "总经理", "1. 管理。\n");
    let body: String = (0..n)
        .map(|i| format!("{}. 第{i}项见[](role:jing-li)。\n", i + 1))
        .collect();
    role(doc, "zhuan-yuan", "专员", "jing-li", &body);
}

fn nested(doc: &Path, n: usize) {
    let body = format!("{}内容{}\n", "<div>".repeat(n), "</div>".repeat(n));
    role(doc, "jing-li", "经理", "总经理", &body);
}

/// Roles `r0` … `r{n-1}`, role `i` reporting to `superior(i)`.
fn numbered(doc: &Path, n: usize, superior: impl Fn(usize) -> String) {
    for i in 0..n {
        let up = superior(i);
        role(
            doc,
            &format!("r{i}"),
            &format!("岗位{i}"),
            &up,
            "1. 职责。\n",
        );
    }
}

fn chain(doc: &Path, n: usize) {
    numbered(doc, n, |i| match i {
        0 => "总经理".to_string(),
        _ => format!("r{}", i - 1),
    });
}

fn wide(doc: &Path, n: usize) {
    role(doc, "jing-li", "经理", "总经理", "1. 管理。\n");
    for i in 0..n {
        role(
            doc,
            &format!("s{i}"),
            &format!("专员{i}"),
            "jing-li",
            "1. 职责。\n",
        );
    }
}

fn cycle(doc: &Path, n: usize) {
    numbered(doc, n, |i| format!("r{}", (i + 1) % n));
}

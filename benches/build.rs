//! Where a full build's time goes, stage by stage, on generated handbooks;
//! and the incremental rebuild after editing one role.
//!
//! `cargo bench --bench build` (sizes: `HANDBOOK_BENCH_ROLES=1000,10000`).
//! `scripts/bench.sh` runs it with the full-build timings of the binary.

use std::path::Path;
use std::time::{Duration, Instant};

use handbook::config::Config;
use handbook::render::{self, Theme, VariantContext};
use handbook::variant::Variant;
use handbook::{content, model, output, search};

fn main() {
    let sizes: Vec<usize> = std::env::var("HANDBOOK_BENCH_ROLES")
        .unwrap_or_else(|_| "1000,10000".to_string())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    let themes = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes");
    for roles in sizes {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path().join("handbook");
        handbook::generate::write_handbook(&root, roles, &themes).expect("generate");
        stages(&root, roles);
    }
}

fn stages(root: &Path, roles: usize) {
    let mut times: Vec<(&str, Duration)> = Vec::new();
    let t = Instant::now();
    let config = Config::load(root).expect("config");
    let raw = content::load(root).expect("content");
    times.push(("load", t.elapsed()));
    let t = Instant::now();
    let handbook = model::build(&config, &raw).expect("model");
    times.push(("validate", t.elapsed()));
    let t = Instant::now();
    let theme = Theme::load(root, &config.theme).expect("theme");
    times.push(("theme", t.elapsed()));
    let t = Instant::now();
    let related = search::related_roles(&handbook, 5);
    times.push(("related roles", t.elapsed()));
    let variants = config.published_variants();
    let mut pages = Vec::new();
    let (mut convert, mut render_t, mut index) = (Duration::ZERO, Duration::ZERO, Duration::ZERO);
    for &variant in &variants {
        let t = Instant::now();
        let converter = variant.from_simplified().map(handbook::convert::Converter::new);
        let f = |s: &str| converter.as_ref().map_or_else(|| s.to_string(), |c| c.convert(s));
        let converted = handbook.map_text(&f);
        convert += t.elapsed();
        let t = Instant::now();
        let ctx = VariantContext {
            theme: &theme,
            variant,
            published: &variants,
            related: &related,
            strings: theme.strings.iter().map(|(k, v)| (k.clone(), f(v))).collect(),
        };
        pages.extend(render::render_variant(&ctx, &converted, false).expect("render"));
        render_t += t.elapsed();
        let t = Instant::now();
        let _ = search::index_script(&converted);
        index += t.elapsed();
    }
    times.push(("convert (4 variants, serial)", convert));
    times.push(("render (4 variants, serial)", render_t));
    times.push(("search index (4 variants)", index));
    let t = Instant::now();
    let out = root.join("output");
    output::write_site(&out, &pages, &theme.static_files).expect("write");
    times.push(("write", t.elapsed()));
    let t = Instant::now();
    output::write_site(&out, &pages, &theme.static_files).expect("write");
    times.push(("write over previous", t.elapsed()));
    println!("| stage ({roles} roles) | time |");
    println!("|---|---:|");
    for (name, d) in times {
        println!("| {name} | {:.0} ms |", d.as_secs_f64() * 1000.0);
    }
    let _ = Variant::ALL;
}

//! `handbook generate`: a synthetic handbook that builds, the same bytes on
//! every run, the requested size, reporting trees several levels deep.

use std::fs;
use std::path::Path;

use handbook::generate::{Corpus, Options, Vocabulary};

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn handbook(args: &[&str]) -> std::process::Output {
    crate::handbook_command()
        .args(args)
        .output()
        .expect("run handbook")
}

fn generate(out: &Path, roles: usize) {
    let run = handbook(&[
        "generate",
        "--roles",
        &roles.to_string(),
        "--out",
        out.to_str().expect("utf-8 path"),
    ]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
}

/// Every file under `dir`, by relative path.
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .expect("inside")
                .display()
                .to_string();
            (rel, fs::read(e.path()).expect("read"))
        })
        .collect();
    files.sort();
    files
}

#[test]
fn generated_handbook_builds_and_is_deterministic() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    generate(&a, 250);
    generate(&b, 250);
    assert_eq!(snapshot(&a), snapshot(&b), "same arguments, same bytes");

    let roles = walkdir::WalkDir::new(a.join("content"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_name() != "_index.md" && e.path().extension().is_some_and(|x| x == "md"))
        .count();
    assert_eq!(roles, 250);
    assert!(
        !a.join("themes").exists(),
        "the built-in default theme serves generated handbooks"
    );

    let out = a.join("output");
    let run = handbook(&["--root", a.to_str().expect("utf-8"), "build"]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(out.join("zh-tw/search-index.js").is_file());
    let check = handbook(&["--root", a.to_str().expect("utf-8"), "check"]);
    assert_ne!(
        check.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
}

#[test]
fn refuses_to_overwrite_a_handbook() {
    let dir = tempfile::tempdir().expect("temp dir");
    generate(dir.path(), 10);
    let again = handbook(&[
        "generate",
        "--roles",
        "10",
        "--out",
        dir.path().to_str().expect("utf-8"),
    ]);
    assert!(!again.status.success());
}

#[test]
fn documents_hold_a_hundred_roles_in_deep_trees() {
    let corpus = Corpus::generate(&Vocabulary::embedded(), &Options::new(1_000));
    assert_eq!(corpus.role_count(), 1_000);
    assert_eq!(corpus.documents.len(), 10);
    let handbook = corpus.to_handbook().expect("validates");
    let deepest = handbook.roles().map(|(_, r)| r.depth).max().unwrap_or(0);
    assert!((3..=8).contains(&deepest), "deepest level {deepest}");
    let titles: std::collections::BTreeSet<&str> =
        handbook.roles().map(|(_, r)| r.title.as_str()).collect();
    assert!(titles.len() > 100, "{} distinct titles", titles.len());
}

#[test]
fn smaller_handbooks_are_the_start_of_larger_ones() {
    let v = Vocabulary::embedded();
    let small = Corpus::generate(&v, &Options::new(200)).files();
    let large = Corpus::generate(&v, &Options::new(300)).files();
    // handbook.yaml names the size; the content files of the first two
    // documents are the same.
    assert_eq!(small[1..], large[1..small.len()]);
}

/// The compiled-in vocabulary is a snapshot of content/; this rewrites it.
/// `cargo test --test testsuite -- --ignored refresh_vocabulary`
#[test]
#[ignore]
fn refresh_vocabulary() {
    let (_, real) = handbook::pipeline::load(repo()).expect("content/ loads");
    let text = Vocabulary::from_handbook(&real).to_text();
    fs::write(repo().join("src/generate/vocabulary.txt"), text).expect("write vocabulary");
}

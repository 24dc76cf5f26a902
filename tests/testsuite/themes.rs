//! The default theme is built into the binary: a handbook kept anywhere
//! builds without a `themes/` folder, a `themes/default` folder of its own
//! replaces the built-in theme, and `templates/` overrides single templates
//! of either.

use crate::fixture;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use fixture::{copy_dir, stderr, Site};

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn build(root: &Path, output: &Path) -> Output {
    crate::handbook_command()
        .arg("--root")
        .arg(root)
        .arg("build")
        .arg("--output")
        .arg(output)
        .output()
        .expect("run handbook")
}

/// Every file under `dir` by its path below it.
fn files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.expect("walk"))
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).expect("below dir").to_path_buf();
            (rel, fs::read(e.path()).expect("read"))
        })
        .collect()
}

/// The real handbook's sources without its `themes/` folder.
fn real_handbook_without_themes() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_dir(&repo().join("content"), &dir.path().join("content"));
    fs::copy(
        repo().join("handbook.yaml"),
        dir.path().join("handbook.yaml"),
    )
    .expect("copy");
    assert!(
        !repo().join("templates").exists(),
        "copy templates/ too: the two builds must have the same sources"
    );
    dir
}

#[test]
fn without_a_theme_folder_the_built_in_theme_gives_the_same_site() {
    let plain = real_handbook_without_themes();
    let out = tempfile::tempdir().expect("temp dir");
    let built_in = out.path().join("built-in");
    let from_folder = out.path().join("folder");
    let run = build(plain.path(), &built_in);
    assert!(run.status.success(), "{}", stderr(&run));
    let run = build(repo(), &from_folder);
    assert!(run.status.success(), "{}", stderr(&run));
    let (a, b) = (files(&built_in), files(&from_folder));
    assert!(a.len() > 100, "the whole site: {} files", a.len());
    assert_eq!(
        a.keys().collect::<Vec<_>>(),
        b.keys().collect::<Vec<_>>(),
        "the same files"
    );
    for (path, bytes) in &a {
        assert!(b[path] == *bytes, "{} differs", path.display());
    }
}

#[test]
fn a_theme_folder_replaces_the_built_in_theme() {
    let site = Site::new();
    site.write(
        "themes/default/static/style.css",
        "/* the handbook's own */\n",
    );
    let out = site.build();
    assert!(out.status.success(), "{}", stderr(&out));
    let css = fs::read_to_string(site.path("output/static/style.css")).expect("style.css");
    assert_eq!(css, "/* the handbook's own */\n");
}

/// Builds `site` with a `templates/role.html` of its own and returns a role
/// page, after checking the override and the theme's base template show.
fn role_page_with_overridden_template(site: &Site) -> String {
    site.write(
        "templates/role.html",
        "{% extends \"base.html\" %}{% block main %}<h1 class=\"custom\">{{ role.title }}</h1>{% endblock main %}",
    );
    let out = site.build();
    assert!(out.status.success(), "{}", stderr(&out));
    let page = fs::read_to_string(site.path("output/zh-hans/04-demo/yun-ying-qu-zhang.html"))
        .expect("role page");
    assert!(
        page.contains("<h1 class=\"custom\">运营区长</h1>"),
        "{page}"
    );
    assert!(
        page.contains("static/style.css"),
        "the theme's base template is still used"
    );
    page
}

#[test]
fn templates_override_a_theme_folder() {
    role_page_with_overridden_template(&Site::new());
}

#[test]
fn templates_override_the_built_in_theme() {
    let site = Site::new();
    fs::remove_dir_all(site.path("themes")).expect("remove themes/");
    role_page_with_overridden_template(&site);
    let css = fs::read(site.path("output/static/style.css")).expect("style.css");
    assert_eq!(
        css,
        fs::read(repo().join("themes/default/static/style.css")).unwrap()
    );
}

#[test]
fn another_theme_name_needs_its_folder() {
    let site = Site::new();
    site.write("handbook.yaml", "title: 测试手册\ntheme: fancy\n");
    let out = site.build();
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("theme `fancy` not found"), "{err}");
    assert!(err.contains("themes/fancy"), "names the folder: {err}");
}

#[test]
fn an_override_with_an_error_is_named_by_its_file() {
    let site = Site::new();
    fs::remove_dir_all(site.path("themes")).expect("remove themes/");
    site.write("templates/role.html", "{% if %}\n");
    let out = site.build();
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("templates/role.html:1:"), "{err}");
}

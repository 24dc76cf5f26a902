//! A build deletes, moves or replaces only what a build of this handbook
//! wrote (docs/decisions/output-safety.md): folders it did not write, the
//! sources, files and symbolic links named as output are refused, and
//! nothing around them changes.

use crate::fixture;

use std::collections::BTreeMap;
use std::fs;
use std::path::PathBuf;

use fixture::{is_build_output, snapshot, stderr, Site};

/// Every file under the site's folder except its own output and the
/// build's bookkeeping beside it.
fn sources(site: &Site) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = snapshot(site.dir.path());
    files.retain(|path, _| !is_build_output(path.strip_prefix(site.dir.path()).unwrap_or(path)));
    files
}

/// Every file under the site's folder except the build's locks, as
/// (path, bytes) pairs.
fn everything(site: &Site) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files = snapshot(site.dir.path());
    files.retain(|p, _| !p.to_string_lossy().ends_with(".lock"));
    files.into_iter().collect()
}

/// Runs `args`, expects failure naming `expected`, and that no file
/// changed.
fn refused(site: &Site, args: &[&str], expected: &[&str]) {
    let before = everything(site);
    let out = site.run(args);
    let message = stderr(&out);
    assert!(!out.status.success(), "{args:?} must fail: {message}");
    for needle in expected {
        assert!(
            message.contains(needle),
            "expected {needle:?} in:\n{message}"
        );
    }
    let after = everything(site);
    let names =
        |files: &[(PathBuf, Vec<u8>)]| files.iter().map(|f| f.0.clone()).collect::<Vec<_>>();
    assert_eq!(
        names(&before),
        names(&after),
        "{args:?} added or removed files"
    );
    assert!(before == after, "{args:?} changed a file");
}

fn user_folder(site: &Site, rel: &str) -> PathBuf {
    site.write(&format!("{rel}/notes.txt"), "我的文件");
    site.write(&format!("{rel}/sub/plan.docx"), "岗位说明书");
    site.path(rel)
}

#[test]
fn a_folder_handbook_did_not_write_is_refused_until_forced() {
    let site = Site::new();
    let mine = user_folder(&site, "mine");
    let arg = mine.to_string_lossy().into_owned();
    for _ in 0..2 {
        refused(
            &site,
            &["build", "--output", &arg],
            &["--output", "did not write", "--force"],
        );
    }
    fs::write(
        site.path("handbook.yaml"),
        "title: 测试手册\noutput_dir: mine\n",
    )
    .unwrap();
    refused(&site, &["build"], &["output_dir", "did not write"]);

    let out = site.run(&["build", "--output", &arg, "--force"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(mine.join("index.html").is_file());
    assert!(mine.join(".handbook-output").is_file());
    // Taken over: later builds need no --force.
    let out = site.run(&["build", "--output", &arg]);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn an_empty_folder_is_adopted() {
    let site = Site::new();
    fs::create_dir(site.path("empty")).unwrap();
    let arg = site.path("empty").to_string_lossy().into_owned();
    for _ in 0..3 {
        let out = site.run(&["build", "--output", &arg]);
        assert!(out.status.success(), "{}", stderr(&out));
    }
    assert!(site.path("empty/index.html").is_file());
}

#[test]
fn an_output_folder_whose_parents_do_not_exist_is_created() {
    let site = Site::new();
    let arg = site
        .path("not/yet/here/site")
        .to_string_lossy()
        .into_owned();
    for _ in 0..2 {
        let out = site.run(&["build", "--output", &arg]);
        assert!(out.status.success(), "{}", stderr(&out));
    }
    assert!(site.path("not/yet/here/site/index.html").is_file());
}

#[test]
fn output_never_overlaps_the_sources() {
    let site = Site::new();
    let before = sources(&site);
    for dir in [
        "content",
        "content/04-demo",
        "content/new",
        "themes",
        "themes/default/x",
        "templates",
        "handbook.yaml",
        "",
        ".",
        "./",
        "content/..",
        "..",
        "../..",
    ] {
        fs::write(
            site.path("handbook.yaml"),
            format!("title: 测试手册\noutput_dir: \"{dir}\"\n"),
        )
        .unwrap();
        let out = site.build();
        assert!(!out.status.success(), "output_dir {dir:?} must fail");
        assert!(
            stderr(&out).contains("output_dir"),
            "{dir:?}: {}",
            stderr(&out)
        );
        fs::write(site.path("handbook.yaml"), "title: 测试手册\n").unwrap();
        let flag = site.path(dir).to_string_lossy().into_owned();
        let out = site.run(&["build", "--output", &flag]);
        assert!(!out.status.success(), "--output {dir:?} must fail");
        assert!(
            stderr(&out).contains("--output"),
            "{dir:?}: {}",
            stderr(&out)
        );
    }
    assert_eq!(before, sources(&site), "sources changed");
    assert!(site.path("output/index.html").is_file());
}

#[test]
fn an_existing_file_is_not_replaced() {
    let site = Site::new();
    site.write("report.pdf", "not a site");
    let arg = site.path("report.pdf").to_string_lossy().into_owned();
    refused(
        &site,
        &["build", "--output", &arg],
        &["--output", "is a file"],
    );
    refused(
        &site,
        &["build", "--output", &arg, "--force"],
        &["is a file"],
    );
}

#[test]
fn a_symbolic_link_as_output_is_refused_and_its_target_kept() {
    let site = Site::new();
    let web_root = user_folder(&site, "www");
    let link = site.path("published");
    std::os::unix::fs::symlink(&web_root, &link).unwrap();
    let arg = link.to_string_lossy().into_owned();
    for _ in 0..2 {
        refused(&site, &["build", "--output", &arg], &["symbolic link"]);
        refused(
            &site,
            &["build", "--output", &arg, "--force"],
            &["symbolic link"],
        );
    }
    assert!(fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
}

#[test]
fn folders_in_the_way_of_the_build_are_not_adopted() {
    for name in [".output.old", ".output.new"] {
        let site = Site::new();
        fs::remove_dir_all(site.path(".output.old")).ok();
        user_folder(&site, name);
        refused(&site, &["build"], &[name, "not written by handbook"]);
    }
}

#[test]
fn a_second_build_fails_while_one_holds_the_output() {
    use fs4::FileExt;
    let site = Site::new();
    let lock = fs::File::create(site.path(".output.lock")).unwrap();
    FileExt::try_lock(&lock).unwrap();
    let before = site.output_snapshot();
    let out = site.build();
    assert!(!out.status.success());
    assert!(stderr(&out).contains("another build"), "{}", stderr(&out));
    assert_eq!(before, site.output_snapshot());
    FileExt::unlock(&lock).unwrap();
    assert!(site.build().status.success());
}

#[test]
fn printed_pdfs_survive_later_builds() {
    let site = Site::new();
    site.write("output/handbook-zh-hans.pdf", "%PDF-1.7 printed");
    for _ in 0..3 {
        assert!(site.build().status.success());
    }
    assert_eq!(
        fs::read_to_string(site.path("output/handbook-zh-hans.pdf")).unwrap(),
        "%PDF-1.7 printed"
    );
}

#[test]
fn a_reader_always_finds_the_site() {
    let site = Site::new();
    let index = site.path("output/index.html");
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let watcher = {
        let (stop, index) = (stop.clone(), index.clone());
        std::thread::spawn(move || {
            let mut missing = 0;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                if !index.exists() {
                    missing += 1;
                }
            }
            missing
        })
    };
    for round in 0..8 {
        site.write(
            "content/04-demo/yun-ying-qu-zhang.md",
            &fixture::AREA.replace("综合管理", &format!("综合管理{round}")),
        );
        assert!(site.build().status.success());
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    assert_eq!(
        watcher.join().unwrap(),
        0,
        "output/ was missing during a build"
    );
}

#[test]
fn reserved_names_are_errors() {
    let site = Site::new();
    site.write(
        "content/04-demo/index.md",
        "---\ntitle: 店长\nreports_to: yun-ying-zong-jian\n---\n1. 管理门店。\n",
    );
    site.fails_with(&["content/04-demo/index.md", "reserved"]);
    let out = site.run(&["check"]);
    assert!(!out.status.success(), "check must fail too");
    fs::remove_file(site.path("content/04-demo/index.md")).unwrap();
    fs::rename(site.path("content/04-demo"), site.path("content/static")).unwrap();
    site.fails_with(&["content/static", "reserved"]);
}

#[test]
fn check_fails_where_build_fails() {
    let site = Site::new();
    site.write("content/glossary.yaml", "terms: [\n");
    let check = site.run(&["check"]);
    assert!(
        !check.status.success(),
        "check must fail on a broken glossary"
    );
    site.fails_with(&["glossary.yaml"]);
}

#[test]
fn titles_that_would_publish_wrong_are_errors() {
    let site = Site::new();
    let bad = [
        "~",
        "null",
        "\"\"",
        "\"运营\\u202e区长\"",
        "\"运营\\u200b区长\"",
        "\"运营\\u0000区长\"",
    ];
    for title in bad {
        site.write(
            fixture::AREA_FILE,
            &format!("---\ntitle: {title}\nreports_to: yun-ying-zong-jian\n---\n1. 负责。\n"),
        );
        let message = site.fails_with(&[fixture::AREA_FILE, "title"]);
        assert!(message.contains(":2"), "{title}: names the line: {message}");
        assert!(
            !site.run(&["check"]).status.success(),
            "check fails on {title}"
        );
    }
    site.write(fixture::AREA_FILE, fixture::AREA);
    site.write(
        "content/04-demo/_index.md",
        &fixture::INDEX.replace("运营部岗位职责", "~"),
    );
    site.fails_with(&["content/04-demo/_index.md", "title is empty"]);
}

#[test]
fn export_never_overwrites_a_source_file() {
    let site = Site::new();
    let before = sources(&site);
    for target in [
        fixture::BOSS_FILE,
        "handbook.yaml",
        "content/new.csv",
        "themes/default/x.json",
    ] {
        let path = site.path(target).to_string_lossy().into_owned();
        let out = site.run(&["export", "--format", "csv", "--output", &path]);
        assert!(!out.status.success(), "{target}");
        assert!(
            stderr(&out).contains("sources"),
            "{target}: {}",
            stderr(&out)
        );
    }
    assert_eq!(before, sources(&site));
    let path = site.path("handbook.csv").to_string_lossy().into_owned();
    assert!(site
        .run(&["export", "--format", "csv", "--output", &path])
        .status
        .success());
}

/// Pipes, devices and links to them in content/ are errors, never a hang
/// or unbounded reading.
#[test]
fn content_entries_that_are_not_files_are_errors() {
    let site = Site::new();
    let link = site.path("content/04-demo/dian-zhang.md");
    std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
    site.fails_with(&["content/04-demo/dian-zhang.md", "not a regular file"]);
    fs::remove_file(&link).unwrap();
    let fifo = site.path("content/04-demo/dao-gou.md");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if made.is_ok_and(|s| s.success()) {
        site.fails_with(&["content/04-demo/dao-gou.md", "not a regular file"]);
    }
}

/// Deeply nested raw HTML is refused with its line before it reaches the
/// sanitizer, whose tree building is quadratic in the depth.
#[test]
fn deeply_nested_html_is_refused() {
    let site = Site::new();
    site.write("handbook.yaml", "title: 测试手册\nallow_raw_html: true\n");
    let body = format!("{}工作{}", "<div>".repeat(64_000), "</div>".repeat(64_000));
    site.write(
        fixture::AREA_FILE,
        &format!("{}\n{body}\n", fixture::AREA.trim_end()),
    );
    site.fails_with(&[fixture::AREA_FILE, "nested"]);
    // Ordinary raw HTML is fine: a table, void elements, self-closing tags.
    let table = "<table><tbody><tr><td>一<br>二<img src=\"a.png\"/></td></tr></tbody></table>";
    site.write(
        fixture::AREA_FILE,
        &format!("{}\n\n{table}\n", fixture::AREA.trim_end()),
    );
    let out = site.build();
    assert!(out.status.success(), "{}", stderr(&out));
}

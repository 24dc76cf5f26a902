//! A small valid handbook in a temporary folder, for tests that change one
//! file and build or check it.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

pub const INDEX: &str = "---\ntitle: 运营部岗位职责\norganization: 某女装品牌\nindustry: 服装零售\nsource: 第四篇\nexternal_superiors: [总经理]\n---\n1. 部门职责一。\n";
pub const BOSS: &str = "---\ntitle: 运营总监\nreports_to: 总经理\nauthority:\n  - 对下级有考核权。\n---\n1. 指导运营区长的工作。\n";
pub const BOSS_FILE: &str = "content/04-demo/yun-ying-zong-jian.md";
pub const AREA_FILE: &str = "content/04-demo/yun-ying-qu-zhang.md";
pub const AREA: &str =
    "---\ntitle: 运营区长\nreports_to: yun-ying-zong-jian\n---\n1. 负责所辖区域店铺综合管理。\n";

/// A small valid site in a temporary folder, built once.
pub struct Site {
    pub dir: tempfile::TempDir,
}

impl Site {
    pub fn new() -> Site {
        let dir = tempfile::tempdir().expect("temp dir");
        let site = Site { dir };
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        copy_dir(&repo.join("themes/default"), &site.path("themes/default"));
        site.write("handbook.yaml", "title: 测试手册\n");
        site.write("content/04-demo/_index.md", INDEX);
        site.write("content/04-demo/yun-ying-zong-jian.md", BOSS);
        site.write("content/04-demo/yun-ying-qu-zhang.md", AREA);
        let out = site.build();
        assert!(out.status.success(), "fixture must build: {}", stderr(&out));
        site
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    pub fn write(&self, rel: &str, text: &str) {
        self.write_bytes(rel, text.as_bytes());
    }

    pub fn write_bytes(&self, rel: &str, bytes: &[u8]) {
        let path = self.path(rel);
        fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        fs::write(path, bytes).expect("write");
    }

    pub fn build(&self) -> Output {
        self.run(&["build"])
    }

    /// Runs `handbook --root <site> <args>`.
    pub fn run(&self, args: &[&str]) -> Output {
        crate::handbook_command()
            .arg("--root")
            .arg(self.dir.path())
            .args(args)
            .output()
            .expect("run handbook")
    }

    pub fn output_snapshot(&self) -> BTreeMap<PathBuf, Vec<u8>> {
        snapshot(&self.path("output"))
    }

    /// Builds, expects failure with `expected` in the message (after the
    /// temp path is removed), and checks the previous output is untouched.
    pub fn fails_with(&self, expected: &[&str]) -> String {
        let before = self.output_snapshot();
        assert!(!before.is_empty());
        let out = self.build();
        let message = stderr(&out).replace(&format!("{}/", self.dir.path().display()), "");
        assert!(!out.status.success(), "build must fail; stderr: {message}");
        for needle in expected {
            assert!(
                message.contains(needle),
                "expected {needle:?} in the error message:\n{message}"
            );
        }
        assert_eq!(before, self.output_snapshot(), "previous output changed");
        message
    }
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("walk");
        let target = to.join(entry.path().strip_prefix(from).expect("prefix"));
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).expect("mkdir");
        } else {
            fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// Whether `rel` (relative to the handbook's root) is the default output
/// folder or the bookkeeping beside it: what a build may change.
pub fn is_build_output(rel: &Path) -> bool {
    let own = ["output", ".output.old", ".output.new", ".output.lock"];
    rel.components()
        .next()
        .is_some_and(|first| own.iter().any(|name| first.as_os_str() == *name))
}

pub fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().to_path_buf(), fs::read(e.path()).expect("read")))
        .collect()
}

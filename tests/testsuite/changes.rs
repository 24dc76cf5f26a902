//! What changed between two versions of the real content (issue 18): a
//! build with `--compare-to` an earlier build's output lists roles added,
//! removed, renamed and moved to another superior, and each changed item as
//! a character-level difference in the reader's script; reordering items is
//! no change; changed role pages are marked. Read in Chromium too.

use std::fs;
use std::path::Path;

use scraper::{Html, Selector};

use crate::fixture::stderr;

/// The real handbook copied into a temporary folder, built once as it is
/// (`v1`), then edited in each way a new version differs and built again
/// compared with the first build (`v2`).
struct Versions {
    dir: tempfile::TempDir,
}

const SERVICE: &str = "content/05-platform-operations/ke-fu-zhu-guan.md";

impl Versions {
    fn new() -> Versions {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        copy(&repo.join("content"), &dir.path().join("content"));
        fs::copy(repo.join("handbook.yaml"), dir.path().join("handbook.yaml"))
            .expect("handbook.yaml");
        let versions = Versions { dir };
        versions.build(&["--output", "v1"]);
        versions.edit();
        versions.build(&["--output", "v2", "--compare-to", "v1"]);
        versions
    }

    fn path(&self, rel: &str) -> std::path::PathBuf {
        self.dir.path().join(rel)
    }

    fn build(&self, args: &[&str]) {
        let out = crate::handbook_command()
            .current_dir(self.dir.path())
            .arg("build")
            .args(args)
            .output()
            .expect("run handbook");
        assert!(out.status.success(), "{}", stderr(&out));
    }

    /// A role added, one removed, one renamed, one moved, items changed,
    /// added and removed, and two items swapped.
    fn edit(&self) {
        let write = |rel: &str, text: String| fs::write(self.path(rel), text).expect("write");
        let read = |rel: &str| fs::read_to_string(self.path(rel)).expect("read");
        write(
            "content/05-platform-operations/shu-ju-fen-xi-zhuan-yuan.md",
            "---\ntitle: 数据分析专员\nreports_to: shou-xi-yun-ying-guan\n---\n1. 负责运营数据的统计与分析。\n".into(),
        );
        fs::remove_file(self.path("content/05-platform-operations/wen-an-zhuan-yuan.md"))
            .expect("remove");
        let guide = "content/04-womenswear-operations/dao-gou.md";
        write(
            guide,
            read(guide).replacen("title: 导购", "title: 导购员", 1),
        );
        let design = "content/05-platform-operations/she-ji-zhuan-yuan.md";
        write(
            design,
            read(design).replacen(
                "reports_to: ce-hua-ji-tui-guang-zhu-guan",
                "reports_to: shou-xi-yun-ying-guan",
                1,
            ),
        );
        let service = read(SERVICE)
            .replacen("10. 受理客户投诉；", "10. 受理并跟进客户投诉；", 1)
            .replacen("9. 组织制定公司产品维修手册；\n", "", 1)
            .replacen(
                "2. 积极配合各部门开展工作；\n3. 建立并维护公司客户服务体系；",
                "2. 建立并维护公司客户服务体系；\n3. 积极配合各部门开展工作；",
                1,
            )
            .replacen(
                "13. 完成领导交办的其他工作。",
                "13. 完成领导交办的其他工作。\n14. 每月汇总客户满意度调查结果。",
                1,
            );
        write(SERVICE, service);
    }

    fn page(&self, rel: &str) -> Html {
        Html::parse_document(
            &fs::read_to_string(self.path(rel)).unwrap_or_else(|e| panic!("{rel}: {e}")),
        )
    }
}

fn copy(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("mkdir");
    for entry in fs::read_dir(from).expect("read_dir").flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

fn texts(html: &Html, css: &str) -> Vec<String> {
    let selector = Selector::parse(css).expect("a selector");
    html.select(&selector)
        .map(|e| {
            e.text()
                .collect::<String>()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

fn versions() -> &'static Versions {
    static VERSIONS: std::sync::OnceLock<Versions> = std::sync::OnceLock::new();
    VERSIONS.get_or_init(Versions::new)
}

#[test]
fn the_changes_page_lists_each_kind_of_change() {
    let v = versions();
    let page = v.page("v2/zh-hans/changes.html");
    let section = |id: &str| texts(&page, &format!("section[aria-labelledby='{id}'] li"));
    assert_eq!(section("changes-added").len(), 1);
    assert!(section("changes-added")[0].contains("数据分析专员"));
    assert!(section("changes-removed")[0].contains("文案专员"));
    assert!(
        section("changes-renamed")[0].contains("导购 → 导购员"),
        "{:?}",
        section("changes-renamed")
    );
    let moved = section("changes-moved");
    assert!(
        moved
            .iter()
            .any(|m| m.contains("设计专员") && m.contains("策划及推广主管 → 首席运营官")),
        "{moved:?}"
    );

    let service = texts(&page, "#role-ke-fu-zhu-guan li");
    let changed: Vec<&String> = service.iter().filter(|t| t.starts_with("修改")).collect();
    assert_eq!(changed.len(), 1, "one item changed: {service:?}");
    let ins = texts(&page, "#role-ke-fu-zhu-guan .change-changed ins");
    assert_eq!(ins, ["并跟进"], "the characters added, and only they");
    assert!(
        service
            .iter()
            .any(|t| t == "新增 每月汇总客户满意度调查结果。"),
        "{service:?}"
    );
    assert!(
        service
            .iter()
            .any(|t| t == "删除 组织制定公司产品维修手册；"),
        "{service:?}"
    );
    assert_eq!(
        service.len(),
        3,
        "swapping two items is no change: {service:?}"
    );
    let roles = texts(&page, "article.change h3");
    assert!(
        !roles.iter().any(|t| t.contains("客服专员")),
        "an untouched role is not listed: {roles:?}"
    );
}

#[test]
fn changed_role_pages_are_marked_and_others_are_not() {
    let v = versions();
    let note = |rel: &str| texts(&v.page(rel), ".change-note");
    assert!(note("v2/zh-hans/05-platform-operations/ke-fu-zhu-guan.html")[0].contains("有修改"));
    assert!(
        note("v2/zh-hans/05-platform-operations/shu-ju-fen-xi-zhuan-yuan.html")[0].contains("新增")
    );
    assert!(note("v2/zh-hans/04-womenswear-operations/dao-gou.html")[0].contains("有修改"));
    assert!(note("v2/zh-hans/05-platform-operations/ke-fu-zhuan-yuan.html").is_empty());
    assert!(
        !v.path("v1/zh-hans/changes.html").exists(),
        "no comparison, no changes page"
    );
    assert!(
        v.path("v1/handbook.json").is_file(),
        "every build leaves its snapshot"
    );
}

#[test]
fn the_differences_are_in_the_readers_script() {
    let v = versions();
    let page = v.page("v2/zh-tw/changes.html");
    let ins = texts(&page, "#role-ke-fu-zhu-guan .change-changed ins");
    assert_eq!(ins, ["並跟進"]);
    let renamed = texts(&page, "section[aria-labelledby='changes-renamed'] li");
    assert!(renamed[0].contains("門市人員"), "{renamed:?}");
}

#[test]
fn a_missing_earlier_build_is_a_clear_error() {
    let v = versions();
    let out = crate::handbook_command()
        .current_dir(v.dir.path())
        .env_remove("HANDBOOK_LANG")
        .args(["build", "--output", "v3", "--compare-to", "nowhere"])
        .output()
        .expect("run handbook");
    assert!(!out.status.success());
    let text = stderr(&out);
    assert!(text.contains("nowhere"), "{text}");
    assert!(text.contains("找不到"), "{text}");
    assert!(!v.path("v3").exists(), "nothing written");
}

#[test]
fn the_changes_page_reads_well_in_chromium() {
    let Some(browser) = crate::chromium::Browser::launch() else {
        return;
    };
    let v = versions();
    let shots = Path::new(env!("CARGO_TARGET_TMPDIR")).join("changes-screenshots");
    fs::create_dir_all(&shots).expect("a folder for screenshots");
    for dark in [false, true] {
        let page = browser.open_file(&v.path("v2/zh-hans/changes.html"));
        page.set_color_scheme(dark);
        let shown = page.eval("document.querySelectorAll('main section').length");
        assert_eq!(
            shown.as_u64(),
            Some(5),
            "added, removed, renamed, moved, changed"
        );
        page.screenshot(&shots.join(format!(
            "changes-{}.png",
            if dark { "dark" } else { "light" }
        )));
        let serious = crate::chromium::serious(browser.axe(&page));
        assert!(
            serious.is_empty(),
            "dark: {dark}: {}",
            crate::chromium::describe(&serious)
        );
    }
}

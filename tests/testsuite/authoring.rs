//! `handbook check`, `new` and `export`, on the real content and on small
//! sites with one deliberate problem.

use crate::fixture;

use std::fs;
use std::path::Path;

use fixture::{stderr, Site, AREA_FILE, BOSS_FILE};

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn handbook(args: &[&str]) -> std::process::Output {
    crate::handbook_command()
        .arg("--root")
        .arg(repo())
        .args(args)
        .output()
        .expect("run handbook")
}

fn json(out: &std::process::Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)))
}

/// The lint names in `handbook check --format json` output.
fn lint_codes(list: &serde_json::Value) -> Vec<&str> {
    list.as_array()
        .expect("a JSON array")
        .iter()
        .map(|d| d["code"].as_str().expect("a lint name"))
        .collect()
}

#[test]
fn check_warns_about_the_seed_problems_hr_must_review() {
    let out = handbook(&["check", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let list = json(&out);
    let list = list.as_array().unwrap();
    let has = |code: &str, file: &str, line: u64| {
        list.iter().any(|d| {
            d["code"] == code && d["file"].as_str().unwrap().ends_with(file) && d["line"] == line
        })
    };
    // 男女不限,30-50岁 and 形象气质佳 from 第一篇; 文案专员 jumps from 3 to 5.
    assert!(
        has("discriminatory-requirement", "yun-ying-bu-bu-zhang.md", 11),
        "{list:#?}"
    );
    assert!(
        has("discriminatory-requirement", "yun-ying-bu-zhu-guan.md", 6),
        "{list:#?}"
    );
    assert!(has("numbering-gap", "wen-an-zhuan-yuan.md", 9), "{list:#?}");
    assert!(list.iter().all(|d| d["severity"] == "warning"));
    assert!(!list
        .iter()
        .any(|d| d["code"] == "mojibake" || d["code"] == "pinyin-annotation"));

    let strict = handbook(&["check", "--strict"]);
    assert_eq!(strict.status.code(), Some(1));
    let text = stderr(&strict);
    assert!(text.contains("wen-an-zhuan-yuan.md:9:1"), "{text}");
    assert!(
        text.contains("5. 按时完成公司指定个案的策划"),
        "the source line is shown: {text}"
    );
}

#[test]
fn check_reports_errors_with_exit_code_2_and_lints_can_be_turned_off() {
    let site = Site::new();
    site.write(AREA_FILE, "---\ntitle: 运营区长\nreports_to: 总监\n---\n1. 发(fā)展业务,年龄30-45岁。\n3. 做适当?shù)调整\n");
    let out = site.run(&["check", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    let list = json(&out);
    let codes = lint_codes(&list);
    for code in [
        "pinyin-annotation",
        "mojibake",
        "numbering-gap",
        "discriminatory-requirement",
        "undeclared-external",
    ] {
        assert!(codes.contains(&code), "{code} missing from {codes:?}");
    }

    site.write(
        "handbook.yaml",
        "title: 测试手册\nlints:\n  numbering-gap: false\n  discriminatory-requirement: false\n",
    );
    let list = json(&site.run(&["check", "--format", "json"]));
    let codes = lint_codes(&list);
    assert!(
        !codes.contains(&"numbering-gap") && !codes.contains(&"discriminatory-requirement"),
        "{codes:?}"
    );

    site.write(
        "handbook.yaml",
        "title: 测试手册\nlints:\n  no-such-lint: false\n",
    );
    let out = site.run(&["check"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("unknown lint `no-such-lint`"));

    site.write("handbook.yaml", "title: 测试手册\n");
    site.write(AREA_FILE, "---\ntitle: 运营区长\nreports_to: nobody\n---\n");
    let out = site.run(&["check"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no role with id `nobody`"));
    assert!(!site.path("output-check").exists());
}

/// A phrase whose Taiwan or Hong Kong wording depends on its meaning is
/// pointed out once, with the glossary entry that gives the other meaning;
/// a longer phrase of the regional layer, a glossary entry, or publishing
/// no regional variant settles it.
#[test]
fn check_points_out_phrases_whose_regional_wording_depends_on_meaning() {
    let site = Site::new();
    site.write(
        AREA_FILE,
        "---\ntitle: 运营区长\nreports_to: yun-ying-zong-jian\n---\n1. 设计新菜单,更新菜单价格。\n2. 配合项目经理工作。\n",
    );
    let ambiguous = |site: &Site| -> Vec<serde_json::Value> {
        let out = site.run(&["check", "--format", "json"]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let list = json(&out);
        (list.as_array().expect("a JSON array").iter())
            .filter(|d| d["code"] == "ambiguous-conversion")
            .cloned()
            .collect()
    };
    let found = ambiguous(&site);
    assert_eq!(found.len(), 1, "{found:#?}");
    let d = &found[0];
    assert!(d["file"]
        .as_str()
        .unwrap()
        .ends_with("yun-ying-qu-zhang.md"));
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(5), Some(7)),
        "{d}"
    );
    let message = d["message"].as_str().unwrap();
    assert!(
        message.contains("`菜单` becomes 菜單 in zh-TW and zh-HK"),
        "{message}"
    );
    assert!(message.contains("1 more time"), "{message}");
    let hint = d["hint"].as_str().unwrap();
    assert!(
        hint.contains("- phrase: 菜单") && hint.contains("zh-TW: 選單"),
        "{hint}"
    );

    site.write(
        "content/glossary.yaml",
        "- phrase: 菜单\n  zh-TW: 選單\n  zh-HK: 選單\n",
    );
    assert!(ambiguous(&site).is_empty(), "the glossary decided it");
    let built = site.build();
    assert!(built.status.success(), "{}", stderr(&built));
    let tw = std::fs::read_to_string(site.path("output/zh-tw/04-demo/yun-ying-qu-zhang.html"))
        .expect("the zh-TW page");
    assert!(tw.contains("設計新選單") && tw.contains("專案經理"), "{tw}");

    site.write("content/glossary.yaml", "");
    site.write(
        "handbook.yaml",
        "title: 测试手册\nvariants: [zh-Hans, zh-Hant]\n",
    );
    assert!(ambiguous(&site).is_empty(), "no Taiwan or Hong Kong pages");
}

/// Half-width punctuation after Chinese text is a warning with its place;
/// `check --fix` makes it full-width in prose only (numbers, Latin text,
/// code, YAML's own lists and comments stay) and keeps each file's line
/// endings and byte-order mark; a read-only file is left alone.
#[test]
fn check_fixes_half_width_punctuation_after_chinese_text() {
    let site = Site::new();
    site.write(
        "content/04-demo/_index.md",
        "---\n# 说明:注释不发布\ntitle: 运营部岗位职责\norganization: 某女装品牌\nindustry: 服装零售\nsource: 第四篇\nexternal_superiors: [总经理, 董事会]\n---\n1. 部门职责一,职责二。\n",
    );
    let area = "---\ntitle: 运营区长\nreports_to: yun-ying-zong-jian\nqualifications:\n  - 条件:本科以上\n---\n1. 负责销售,协助店长;熟悉Word, Excel,月销售3,000件。\n2. 见`a,b`和ISO9001:2015。\n\n```\n代码,不改\n```\n";
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(area.replace('\n', "\r\n").as_bytes());
    site.write_bytes(AREA_FILE, &bytes);
    let out = site.run(&["check", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let list = json(&out);
    let places: Vec<(String, u64, u64)> = (list.as_array().unwrap().iter())
        .filter(|d| d["code"] == "half-width-punctuation")
        .map(|d| {
            let file = d["file"]
                .as_str()
                .unwrap()
                .rsplit('/')
                .next()
                .unwrap()
                .to_string();
            (
                file,
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        places,
        [
            ("_index.md".to_string(), 9, 9),
            ("yun-ying-qu-zhang.md".to_string(), 5, 7),
            ("yun-ying-qu-zhang.md".to_string(), 7, 8),
        ],
        "{list:#?}"
    );

    let boss_before = std::fs::read(site.path(BOSS_FILE)).unwrap();
    let out = site.run(&["check", "--fix"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("fixed 4 of 4 mark(s), in 2 file(s)"),
        "{}",
        stderr(&out)
    );
    let fixed = std::fs::read(site.path(AREA_FILE)).unwrap();
    let expected = area
        .replace("条件:本科", "条件：本科")
        .replace("负责销售,协助店长;", "负责销售，协助店长；");
    let mut expected_bytes = b"\xEF\xBB\xBF".to_vec();
    expected_bytes.extend_from_slice(expected.replace('\n', "\r\n").as_bytes());
    assert_eq!(
        String::from_utf8_lossy(&fixed),
        String::from_utf8_lossy(&expected_bytes)
    );
    let index = std::fs::read_to_string(site.path("content/04-demo/_index.md")).unwrap();
    assert!(
        index.contains("# 说明:注释不发布") && index.contains("[总经理, 董事会]"),
        "{index}"
    );
    assert!(index.contains("1. 部门职责一，职责二。"), "{index}");
    assert_eq!(
        std::fs::read(site.path(BOSS_FILE)).unwrap(),
        boss_before,
        "nothing to fix there"
    );
    let again = json(&site.run(&["check", "--format", "json"]));
    assert!(
        !lint_codes(&again).contains(&"half-width-punctuation"),
        "{again:#?}"
    );
    assert!(site.build().status.success());

    site.write(
        AREA_FILE,
        "---\ntitle: 运营区长\nreports_to: yun-ying-zong-jian\n---\n1. 负责销售,协助店长。\n",
    );
    let path = site.path(AREA_FILE);
    let mut permissions = std::fs::metadata(&path).unwrap().permissions();
    permissions.set_readonly(true);
    std::fs::set_permissions(&path, permissions).unwrap();
    let out = site.run(&["check", "--fix"]);
    assert!(stderr(&out).contains("read-only"), "{}", stderr(&out));
    assert!(std::fs::read_to_string(&path)
        .unwrap()
        .contains("负责销售,协助店长"));
}

/// A superior that is neither a role nor declared, but one slip away from
/// one, is most likely a typing mistake: the hint names the right one.
#[test]
fn a_misspelled_superior_gets_a_did_you_mean() {
    let site = Site::new();
    let hint_for = |reports_to: &str| -> String {
        site.write(
            AREA_FILE,
            &format!("---\ntitle: 运营区长\nreports_to: {reports_to}\n---\n1. 负责区域。\n"),
        );
        let list = json(&site.run(&["check", "--format", "json"]));
        (list.as_array().unwrap().iter())
            .find(|d| d["code"] == "undeclared-external")
            .map(|d| d["hint"].as_str().unwrap().to_string())
            .unwrap_or_default()
    };
    let hint = hint_for("总经里");
    assert!(
        hint.starts_with("did you mean the external superior 总经理?"),
        "{hint}"
    );
    let hint = hint_for("运营总坚");
    assert!(
        hint.starts_with("did you mean the role 运营总监 (reports_to: yun-ying-zong-jian)?"),
        "{hint}"
    );
    let hint = hint_for("董事会");
    assert!(
        hint.starts_with("add 董事会 to external_superiors"),
        "{hint}"
    );
}

#[test]
fn new_scaffolds_files_that_build() {
    let site = Site::new();
    let out = site.run(&["new", "06-hr", "--title", "人事部岗位职责"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = site.run(&["new", "06-hr/ren-shi-zhu-guan", "--title", "人事主管"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let again = site.run(&["new", "06-hr/ren-shi-zhu-guan"]);
    assert!(!again.status.success());
    assert!(stderr(&again).contains("already exists"));
    let bad = site.run(&["new", "../escape"]);
    assert!(!bad.status.success());
    let build = site.build();
    assert!(
        build.status.success(),
        "scaffolds must build: {}",
        stderr(&build)
    );
    let page =
        std::fs::read_to_string(site.path("output/zh-hans/06-hr/ren-shi-zhu-guan.html")).unwrap();
    assert!(page.contains("<h1>人事主管</h1>"));
    // The next number after the fixture's 第四篇.
    let index = std::fs::read_to_string(site.path("content/06-hr/_index.md")).unwrap();
    assert!(index.contains("source: \"第五篇\""), "{index}");
    let out = site.run(&["new", "07-it", "--title", "信息部岗位职责"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let index = std::fs::read_to_string(site.path("content/07-it/_index.md")).unwrap();
    assert!(index.contains("source: \"第六篇\""), "{index}");
    // What HR has not yet replaced is pointed out, line by line.
    let list = json(&site.run(&["check", "--format", "json"]));
    let placeholders: Vec<(String, u64)> = (list.as_array().unwrap().iter())
        .filter(|d| d["code"] == "placeholder")
        .filter(|d| d["file"].as_str().unwrap().contains("06-hr/"))
        .map(|d| {
            (
                d["message"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
            )
        })
        .collect();
    let said: Vec<&str> = placeholders.iter().map(|(m, _)| m.as_str()).collect();
    for placeholder in [
        "某公司",
        "待填写",
        "第一条部门职责。",
        "第一条权限。",
        "第一条职责。",
        "第二项技能。",
    ] {
        assert!(
            said.iter().any(|m| m.contains(placeholder)),
            "{placeholder}: {said:?}"
        );
    }
    assert!(!said.iter().any(|m| m.contains("人事主管")), "{said:?}");
}

/// `handbook new` in an empty folder starts a whole handbook: settings,
/// document and role build with the built-in theme, and `handbook check`
/// finds nothing wrong with the settings it wrote.
#[test]
fn new_starts_a_handbook_in_an_empty_folder() {
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        crate::handbook_command()
            .arg("--root")
            .arg(dir.path())
            .args(args)
            .output()
            .expect("run handbook")
    };
    let out = run(&["new", "01-ops", "--title", "运营部岗位职责"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains("handbook.yaml"),
        "says it wrote the settings: {said}"
    );
    let out = run(&["new", "01-ops/dian-zhang", "--title", "店长"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        !String::from_utf8_lossy(&out.stdout).contains("handbook.yaml"),
        "the settings are written once"
    );
    let build = run(&["build"]);
    assert!(build.status.success(), "{}", stderr(&build));
    let page = std::fs::read_to_string(dir.path().join("output/zh-tw/01-ops/dian-zhang.html"))
        .expect("role page in every variant");
    assert!(page.contains("<h1>店長</h1>"), "{page}");
    assert!(dir.path().join("output/static/style.css").is_file());
    assert!(!dir.path().join("themes").exists());
}

#[test]
fn export_csv_has_one_row_per_role_with_stable_columns() {
    let out = handbook(&["export", "--format", "csv"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    let mut lines = text.lines();
    assert_eq!(
        lines.next().unwrap(),
        "document,source,organization,id,title,reports_to,reports_to_title,key_responsibility_items,duty_items,authority_items,qualification_items,\
         department,code,grade,headcount,location,purpose,internal_relation_items,external_relation_items,\
         environment_items,kpi_items,career_items,sections,version,effective,prepared_by,reviewed_by,\
         approved_by,revision_count",
        "the first eleven columns stay as they were: new ones come at the end"
    );
    let rows: Vec<&str> = lines.collect();
    assert_eq!(rows.len(), 18);
    let boss = rows
        .iter()
        .find(|r| r.contains(",yun-ying-bu-bu-zhang,"))
        .unwrap();
    // 16 duties, 3 authority items, 5 qualifications (the 5th with 9 sub-items).
    // The role states none of the other fields, and the seed no version.
    assert!(
        boss.ends_with(",,总经理,0,16,3,5,,,,,,,0,0,0,0,0,,,,,,,0"),
        "{boss}"
    );
}

#[test]
fn export_json_carries_everything_in_the_chosen_script() {
    let out = handbook(&["export", "--format", "json", "--variant", "zh-TW"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v = json(&out);
    let docs = v["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 5);
    let roles: usize = docs
        .iter()
        .map(|d| d["roles"].as_array().unwrap().len())
        .sum();
    assert_eq!(roles, 18);
    let boss = &docs[0]["roles"][0];
    assert_eq!(boss["id"], "yun-ying-bu-bu-zhang");
    assert_eq!(boss["reports_to"]["external"], "總經理");
    assert_eq!(
        boss["qualifications"][4]["items"].as_array().unwrap().len(),
        9
    );
}

#[test]
fn a_piped_build_prints_one_summary_line_and_no_progress_bar() {
    let site = Site::new();
    let out = site.build();
    assert!(out.status.success());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    assert!(
        stdout.starts_with("built 1 documents, 2 roles in 4 variants: "),
        "{stdout}"
    );
    assert!(out.stderr.is_empty(), "{}", stderr(&out));
}

#[test]
fn a_theme_without_header_template_still_builds() {
    // Themes copied before header.html existed keep their header in base.html.
    let site = Site::new();
    let base = "themes/default/templates/base.html";
    let old = fs::read_to_string(site.path(base))
        .expect("base.html")
        .replace(
            "{{ site.header | safe }}",
            "<a class=\"site-title\">{{ site.title }}</a>",
        );
    site.write(base, &old);
    fs::remove_file(site.path("themes/default/templates/header.html")).expect("remove");
    let out = site.build();
    assert!(out.status.success(), "{}", stderr(&out));
    let page = fs::read_to_string(site.path("output/zh-hans/index.html")).expect("home");
    assert!(page.contains("<a class=\"site-title\">测试手册</a>"));
}

/// `handbook new --theme NAME` copies the built-in theme, byte for byte; a
/// handbook built with the copy is the same site; an existing theme folder
/// is never touched.
#[test]
fn new_theme_copies_the_built_in_theme_to_change() {
    let site = Site::new();
    let built_in = site.output_snapshot();
    let out = site.run(&["new", "--theme", "hr-blue"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let copied = fixture::snapshot(&site.path("themes/hr-blue"));
    let shipped = fixture::snapshot(&repo().join("themes/default"));
    let relative = |files: std::collections::BTreeMap<std::path::PathBuf, Vec<u8>>, base: &Path| {
        (files.into_iter())
            .map(|(p, bytes)| (p.strip_prefix(base).expect("inside").to_path_buf(), bytes))
            .filter(|(p, _)| !p.starts_with("node_modules"))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        relative(copied, &site.path("themes/hr-blue")),
        relative(shipped, &repo().join("themes/default")),
        "the copy is the built-in theme"
    );

    site.write("handbook.yaml", "title: 测试手册\ntheme: hr-blue\n");
    let out = site.run(&["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        site.output_snapshot() == built_in,
        "the copied theme builds the same site"
    );

    site.write("themes/hr-blue/static/style.css", "/* 我的样式 */");
    let again = site.run(&["new", "--theme", "hr-blue"]);
    assert!(!again.status.success());
    assert!(
        stderr(&again).contains("already exists"),
        "{}",
        stderr(&again)
    );
    assert_eq!(
        fs::read_to_string(site.path("themes/hr-blue/static/style.css")).expect("kept"),
        "/* 我的样式 */"
    );
    let bad = site.run(&["new", "--theme", "../escape"]);
    assert!(!bad.status.success());
    assert!(!site.path("../escape").exists());
}

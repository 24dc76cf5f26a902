//! Messages for HR staff: `check`, `build` and `serve` speak Chinese by
//! default (the handbook's source script), in the handbook's terms, with
//! `--lang` for another script or English. Each bad input of a broad set is
//! checked in Chinese: every problem names its file and line, and no English
//! words of the program or of YAML are left.

use crate::fixture::{stderr, Site, BOSS, BOSS_FILE};

use std::process::Output;

/// Runs `handbook --root <site> <args>` with the language the user chose
/// (`None`: the default, no `HANDBOOK_LANG` either).
fn run(site: &Site, lang: Option<&str>, args: &[&str]) -> Output {
    let mut command = crate::handbook_command();
    command.env_remove("HANDBOOK_LANG");
    if let Some(lang) = lang {
        command.arg("--lang").arg(lang);
    }
    command
        .arg("--root")
        .arg(site.dir.path())
        .args(args)
        .output()
        .expect("run handbook")
}

/// Words of the program's English or of YAML that must not reach a Chinese
/// reader.
const ENGLISH: [&str; 14] = [
    "error",
    "warning",
    "hint",
    "should be",
    "expected",
    "unknown",
    "missing",
    "invalid",
    "cannot",
    "field",
    "sequence",
    "mapping",
    "build failed",
    "not a",
];

fn assert_chinese(text: &str, context: &str) {
    let lower = text.to_lowercase();
    for word in ENGLISH {
        // Source lines are quoted after `|`; the author's own text may say anything.
        let outside_quotes = lower
            .lines()
            .filter(|l| !l.contains(" | "))
            .any(|l| l.contains(word));
        assert!(!outside_quotes, "{context}: English `{word}` in:\n{text}");
    }
    assert!(
        text.contains("错误") || text.contains("警告"),
        "{context}:\n{text}"
    );
}

/// Bad inputs of many kinds, each written over the boss's role file.
const BAD: [(&str, &str); 10] = [
    (
        "a YAML slip",
        "---\ntitle: 运营总监\nreports_to: [总经理\n---\n",
    ),
    (
        "an unknown field",
        "---\ntitle: 运营总监\nreport_to: 总经理\n---\n",
    ),
    ("no title", "---\nreports_to: 总经理\n---\n1. 职责。\n"),
    (
        "a list for the title",
        "---\ntitle: [运营总监, 副总]\n---\n",
    ),
    ("a map for the title", "---\ntitle:\n  a: b\n---\n"),
    (
        "a word for the weight",
        "---\ntitle: 运营总监\nweight: 第一\n---\n",
    ),
    ("no front matter", "1. 只有职责。\n"),
    ("an unclosed front matter", "---\ntitle: 运营总监\n"),
    (
        "a superior that does not exist",
        "---\ntitle: 运营总监\nreports_to: zong-jing-li\n---\n",
    ),
    (
        "an empty superior",
        "---\ntitle: 运营总监\nreports_to: \"\"\n---\n",
    ),
];

#[test]
fn check_speaks_chinese_by_default_for_every_kind_of_bad_input() {
    let site = Site::new();
    for (what, text) in BAD {
        site.write(BOSS_FILE, text);
        let out = run(&site, None, &["check"]);
        assert_eq!(out.status.code(), Some(2), "{what}: {}", stderr(&out));
        let message = stderr(&out);
        assert_chinese(&message, what);
        assert!(
            message.contains("yun-ying-zong-jian.md"),
            "{what}: {message}"
        );
        assert!(message.contains(" 行"), "{what}: the line: {message}");
    }
}

#[test]
fn a_failed_build_says_so_in_chinese_and_names_the_field() {
    let site = Site::new();
    site.write(
        BOSS_FILE,
        "---\ntitle: [运营总监, 副总]\nreports_to: 总经理\n---\n",
    );
    let out = run(&site, None, &["build"]);
    assert!(!out.status.success());
    let message = stderr(&out);
    assert_chinese(&message, "build");
    for part in [
        "“title”（名称）应当是一段文字，现在是一个列表",
        "第 2 行",
        "提示：",
        "构建失败：1 个错误；输出文件夹没有改动",
    ] {
        assert!(message.contains(part), "{part}: {message}");
    }
}

#[test]
fn lint_warnings_are_in_chinese_too() {
    let site = Site::new();
    site.write(
        BOSS_FILE,
        "---\ntitle: 运营总监\nreports_to: 总经理\n---\n1. 待填写\n",
    );
    let out = run(&site, None, &["check"]);
    let message = stderr(&out);
    assert!(message.contains("警告[placeholder]"), "{message}");
    assert_chinese(&message, "lint");
    assert!(message.contains("0 个错误，1 个警告"), "{message}");
}

#[test]
fn lang_chooses_the_script_or_english() {
    let site = Site::new();
    site.write(
        BOSS_FILE,
        "---\ntitle: 运营总监\nreports_to: zong-jing-li\n---\n",
    );
    let taiwan = stderr(&run(&site, Some("zh-TW"), &["check"]));
    assert!(taiwan.contains("錯誤"), "{taiwan}");
    assert!(!taiwan.contains("错误"), "{taiwan}");
    let english = stderr(&run(&site, Some("en"), &["check"]));
    assert!(english.contains("error"), "{english}");
    assert!(
        english.contains("no role with id `zong-jing-li`"),
        "{english}"
    );
    assert!(!english.contains("错误"), "{english}");
}

#[test]
fn json_diagnostics_carry_the_chinese_message() {
    let site = Site::new();
    site.write(BOSS_FILE, "---\ntitle: 运营总监\nreport_to: 总经理\n---\n");
    let out = run(&site, None, &["check", "--format", "json"]);
    let list: serde_json::Value =
        serde_json::from_slice(&out.stdout).expect("check --format json prints JSON");
    let first = &list[0];
    assert_eq!(first["field"], "report_to");
    let message = first["message"].as_str().unwrap_or_default();
    assert!(message.contains("没有“report_to”这个字段"), "{first}");
    let hint = first["hint"].as_str().unwrap_or_default();
    assert!(hint.contains("reports_to"), "the allowed fields: {first}");
}

#[test]
fn the_output_folder_guard_speaks_chinese() {
    let site = Site::new();
    site.write("elsewhere/notes.txt", "别人的文件");
    let elsewhere = site.path("elsewhere");
    let elsewhere = elsewhere.to_str().expect("a UTF-8 temporary path");
    let out = run(&site, None, &["build", "--output", elsewhere]);
    assert!(!out.status.success());
    let message = stderr(&out);
    assert!(message.contains("不是 handbook 写的"), "{message}");
    assert!(message.contains("--force"), "{message}");
    assert!(!message.contains("error"), "{message}");
    site.write(BOSS_FILE, BOSS);
}

//! Document control (issue 18): version, effective date, who prepared,
//! reviewed and approved, and the revision history, on documents and on
//! roles; every inconsistency an error at its file and line.

use crate::fixture::{stderr, Site, AREA, AREA_FILE, INDEX};

/// The fixture's document index with control fields added before its
/// closing `---`.
fn index_with(control: &str) -> String {
    INDEX.replacen("\n---\n", &format!("\n{control}---\n"), 1)
}

/// The fixture's area role with control fields added.
fn area_with(control: &str) -> String {
    AREA.replacen("\n---\n", &format!("\n{control}---\n"), 1)
}

const HISTORY: &str = "version: V1.10\neffective: \"2024-07-01\"\nprepared_by: 人力资源部 王敏\nreviewed_by: 李强\napproved_by: 张建国\nrevisions:\n  - version: 1.0\n    date: \"2023-01-05\"\n    summary: 初版发布。\n  - version: 1.10\n    date: \"2024-06-20\"\n    summary: 增加区域巡店职责。\n";

#[test]
fn a_full_control_block_on_a_document_and_a_role_builds() {
    let site = Site::new();
    site.write("content/04-demo/_index.md", &index_with(HISTORY));
    site.write(AREA_FILE, &area_with(HISTORY));
    let out = site.build();
    assert!(out.status.success(), "{}", stderr(&out));
}

/// Each rule at its line: the line of the revision, or of the field.
#[test]
fn control_errors_name_the_file_and_line() {
    let cases: [(&str, String, &str); 6] = [
        (
            "a revision date that is no day",
            HISTORY.replace("2024-06-20", "2024-02-30"),
            "revision 2: date `2024-02-30` is not a date",
        ),
        (
            "versions not rising",
            HISTORY.replace("version: 1.10", "version: 0.9"),
            "version `0.9` is not newer than the revision before it (`1.0`)",
        ),
        (
            "a version without a number",
            HISTORY.replace("version: 1.10", "version: 修订版"),
            "has no number to order it by",
        ),
        (
            "an effective date before the last revision",
            HISTORY.replace("2024-07-01", "2024-06-01"),
            "effective date 2024-06-01 is before the last revision (2024-06-20)",
        ),
        (
            "a version in force older than the last revision",
            HISTORY.replace("version: V1.10", "version: V1.0"),
            "version `V1.0` in force is older than the last revision (`1.10`)",
        ),
        (
            "a revision that says nothing",
            HISTORY.replace("    summary: 增加区域巡店职责。\n", ""),
            "revision 2 does not say what changed",
        ),
    ];
    let site = Site::new();
    for (what, control, message) in cases {
        let text = area_with(&control);
        site.write(AREA_FILE, &text);
        let expected_line = expected_line(&text, message);
        let shown = site.fails_with(&[message]);
        let place = format!("{AREA_FILE}:{expected_line}");
        assert!(shown.contains(&place), "{what}: {place} in\n{shown}");
    }
    site.write(AREA_FILE, AREA);
}

/// The line a case's error belongs on: the revision it is about, or the
/// field.
fn expected_line(text: &str, message: &str) -> usize {
    let find = |prefix: &str, nth: usize| {
        1 + text
            .lines()
            .enumerate()
            .filter(|(_, l)| l.trim_start().starts_with(prefix))
            .nth(nth)
            .map_or(0, |(i, _)| i)
    };
    if message.starts_with("effective") {
        find("effective:", 0)
    } else if message.contains("in force") {
        find("version: V", 0)
    } else {
        find("- version:", 1)
    }
}

#[test]
fn a_control_error_is_in_chinese_by_default() {
    let site = Site::new();
    site.write(
        AREA_FILE,
        &area_with(&HISTORY.replace("version: 1.10", "version: 0.9")),
    );
    let out = crate::handbook_command()
        .env_remove("HANDBOOK_LANG")
        .arg("--root")
        .arg(site.dir.path())
        .arg("check")
        .output()
        .expect("run handbook");
    let text = stderr(&out);
    assert!(
        text.contains("版本号“0.9”不比上一条修订记录的“1.0”新"),
        "{text}"
    );
    assert!(text.contains("修订记录按从旧到新的顺序列出"), "{text}");
}

//! Bad input: every error names the file and line, exits non-zero, and leaves
//! the previous output untouched.

use crate::fixture;

use std::fs;

use fixture::{stderr, Site, AREA, AREA_FILE, BOSS, BOSS_FILE, INDEX};

#[test]
fn yaml_syntax_error_names_file_and_line() {
    let site = Site::new();
    site.write(
        BOSS_FILE,
        "---\ntitle: 运营总监\nreports_to: [总经理\n---\n",
    );
    site.fails_with(&[BOSS_FILE, ":3"]);
}

#[test]
fn unknown_field_is_an_error() {
    let site = Site::new();
    site.write(BOSS_FILE, "---\ntitle: 运营总监\nreport_to: 总经理\n---\n");
    site.fails_with(&[&format!("{BOSS_FILE}:3"), "unknown field `report_to`"]);
}

/// A field holding the wrong kind of value is named in the handbook's terms,
/// with how to write it, not in YAML's (`invalid type: sequence, expected a
/// string`).
#[test]
fn a_field_of_the_wrong_kind_says_what_it_should_hold() {
    let site = Site::new();
    site.write(
        BOSS_FILE,
        "---\ntitle: [运营总监, 副总]\nreports_to: 总经理\n---\n",
    );
    site.fails_with(&[
        &format!("{BOSS_FILE}:2"),
        "`title` should be one piece of text, but it is a list",
        "on one line",
    ]);
    site.write(
        "content/04-demo/_index.md",
        "---\ntitle: 运营部\norganization: 某品牌\nindustry: 服装\nsource: 第四篇\nexternal_superiors: 总经理\n---\n",
    );
    site.write(BOSS_FILE, BOSS);
    let out = site.build();
    assert!(!out.status.success());
    let text = stderr(&out);
    assert!(
        text.contains("`external_superiors` should be a list, but it is the text `总经理`"),
        "{text}"
    );
    assert!(text.contains("- first item"), "{text}");
    assert!(!text.contains("invalid type"), "{text}");
}

#[test]
fn missing_field_is_an_error() {
    let site = Site::new();
    site.write(
        "content/04-demo/_index.md",
        "---\ntitle: 运营部\nsource: 第四篇\nindustry: 服装\n---\n",
    );
    site.fails_with(&[
        "content/04-demo/_index.md:2",
        "missing field `organization`",
    ]);
}

#[test]
fn unknown_config_key_is_an_error() {
    let site = Site::new();
    site.write("handbook.yaml", "title: 测试手册\nthem: dark\n");
    site.fails_with(&["handbook.yaml:2", "unknown field `them`"]);
}

#[test]
fn duplicate_role_ids_are_an_error() {
    let site = Site::new();
    site.write("content/05-other/_index.md", INDEX);
    site.write("content/05-other/yun-ying-zong-jian.md", BOSS);
    site.fails_with(&[
        "duplicate role id `yun-ying-zong-jian`",
        "content/05-other/yun-ying-zong-jian.md:1",
    ]);
}

#[test]
fn unknown_superior_is_an_error() {
    let site = Site::new();
    site.write(
        AREA_FILE,
        "---\ntitle: 运营区长\nreports_to: yun-ying-zhong-jian\n---\n",
    );
    site.fails_with(&[
        &format!("{AREA_FILE}:3"),
        "`reports_to`",
        "no role with id `yun-ying-zhong-jian`",
    ]);
}

#[test]
fn reporting_cycle_is_an_error() {
    let site = Site::new();
    site.write(
        BOSS_FILE,
        "---\ntitle: 运营总监\nreports_to: yun-ying-qu-zhang\n---\n",
    );
    site.fails_with(&[
        &format!("{AREA_FILE}:3"),
        "reporting cycle of 2 roles: yun-ying-qu-zhang → yun-ying-zong-jian → yun-ying-qu-zhang",
    ]);
}

/// One error per cycle, its roles in reporting order; roles that only
/// report into a cycle are not part of it.
#[test]
fn each_cycle_is_one_error_in_cycle_order() {
    let site = Site::new();
    let role = |id: &str, boss: &str| {
        site.write(
            &format!("content/04-demo/{id}.md"),
            &format!("---\ntitle: 岗位{id}\nreports_to: {boss}\n---\n1. 工作。\n"),
        );
    };
    role("c-a", "c-b");
    role("c-b", "c-c");
    role("c-c", "c-a");
    role("c-d", "c-a");
    role("x-b", "x-a");
    role("x-a", "x-b");
    let message = site.fails_with(&["reporting cycle of 3 roles: c-a → c-b → c-c → c-a"]);
    assert!(
        message.contains("reporting cycle of 2 roles: x-a → x-b → x-a"),
        "{message}"
    );
    assert_eq!(message.matches("reporting cycle").count(), 2, "{message}");
    assert!(!message.contains("c-d →"), "{message}");
}

#[test]
fn broken_link_names_file_and_line() {
    let site = Site::new();
    site.write(AREA_FILE, "---\ntitle: 运营区长\nreports_to: yun-ying-zong-jian\n---\n1. 一\n2. 见[店长](role:dian-zhang)。\n");
    site.fails_with(&[&format!("{AREA_FILE}:6"), "unknown role `dian-zhang`"]);
}

#[test]
fn broken_link_in_front_matter_names_the_field() {
    let site = Site::new();
    site.write(AREA_FILE, "---\ntitle: 运营区长\nreports_to: yun-ying-zong-jian\nauthority:\n  - 见[](doc:99-none)\n---\n");
    site.fails_with(&[
        &format!("{AREA_FILE}:4"),
        "`authority`",
        "unknown document `99-none`",
    ]);
}

#[test]
fn non_utf8_file_is_an_error() {
    let site = Site::new();
    let mut bytes = b"---\ntitle: x\n---\n1. ".to_vec();
    bytes.extend([0xd4, 0xcb, 0xd3, 0xaa]); // 运营 in GBK
    site.write_bytes(AREA_FILE, &bytes);
    site.fails_with(&[&format!("{AREA_FILE}:4"), "not valid UTF-8"]);
}

#[test]
fn template_error_names_the_template() {
    let site = Site::new();
    site.write(
        "themes/default/templates/role.html",
        "{% extends \"base.html\" %}\n{% block main %}\n{{ role.title \n{% endblock main %}\n",
    );
    site.fails_with(&["themes/default/templates/role.html:4:1: template error"]);
}

#[test]
fn template_render_error_names_the_template() {
    let site = Site::new();
    site.write("templates/role.html", "{{ role.no_such_field.x }}\n");
    site.fails_with(&[
        "templates/role.html:1:9: template error",
        "Field `no_such_field` is not defined",
    ]);
}

/// Tera 2 has no macros: a template written for Tera 1 is pointed to
/// components, at the line of the first macro tag.
#[test]
fn tera1_macros_are_explained() {
    let site = Site::new();
    site.write(
        "templates/role.html",
        "{% extends \"base.html\" %}\n{% import \"macros.html\" as m %}\n{% block main %}{% endblock main %}\n",
    );
    site.fails_with(&[
        "templates/role.html:2:4: template error: Unknown tag",
        "components.html",
    ]);
}

#[test]
fn bad_ids_are_errors() {
    let site = Site::new();
    site.write("content/04-demo/Bad Name.md", AREA);
    site.fails_with(&["`Bad Name` is not a valid id"]);
}

#[test]
fn bom_and_crlf_are_accepted() {
    let site = Site::new();
    let crlf = format!("\u{feff}{}", AREA.replace('\n', "\r\n"));
    site.write(AREA_FILE, &crlf);
    let out = site.build();
    assert!(out.status.success(), "{}", stderr(&out));
    let page =
        fs::read_to_string(site.path("output/zh-hans/04-demo/yun-ying-qu-zhang.html")).unwrap();
    assert!(page.contains("负责所辖区域店铺综合管理。"));
}

#[test]
fn script_in_markdown_is_sanitized() {
    let site = Site::new();
    let body = "1. 一<script>alert(1)</script><img src=x onerror=alert(2)>\n\n<div onclick=\"alert(3)\">文字</div>\n\n[x](javascript:alert(4))\n";
    site.write(
        AREA_FILE,
        &format!("---\ntitle: 运营区长\nreports_to: yun-ying-zong-jian\n---\n{body}"),
    );
    let out = site.build();
    assert!(out.status.success(), "{}", stderr(&out));
    let page =
        fs::read_to_string(site.path("output/zh-hans/04-demo/yun-ying-qu-zhang.html")).unwrap();
    for bad in ["alert(1)", "onerror", "onclick", "javascript:"] {
        assert!(!page.contains(bad), "{bad} must be removed");
    }
    assert!(page.contains("文字"));
}

#[test]
fn title_mentions_become_links() {
    let site = Site::new();
    let page =
        fs::read_to_string(site.path("output/zh-hans/04-demo/yun-ying-zong-jian.html")).unwrap();
    assert!(
        page.contains("指导<a href=\"../04-demo/yun-ying-qu-zhang.html\">运营区长</a>的工作"),
        "{page}"
    );
}

#[test]
fn binary_file_is_an_error() {
    let site = Site::new();
    let mut bytes = b"---\ntitle: x\n---\n".to_vec();
    bytes.extend([0x89, b'P', b'N', b'G', 0, 0, 0, 13]);
    site.write_bytes(AREA_FILE, &bytes);
    site.fails_with(&[&format!("{AREA_FILE}:4"), "binary"]);
}

#[test]
fn truncated_file_is_an_error() {
    let site = Site::new();
    // Cut in the middle of the front matter and of a character (运 is e8 bf 90).
    site.write_bytes(AREA_FILE, b"---\ntitle: \xe8\xbf");
    site.fails_with(&[AREA_FILE, "not valid UTF-8"]);
    site.write(AREA_FILE, "---\ntitle: 运营区长\nreports_to: yun-ying");
    site.fails_with(&[&format!("{AREA_FILE}:1"), "front matter is not closed"]);
}

#[test]
fn huge_file_is_refused_quickly() {
    let site = Site::new();
    let line = "1. 负责所辖区域店铺综合管理。\n";
    let body = line.repeat(50_000_000 / line.len());
    site.write(AREA_FILE, &format!("---\ntitle: 运营区长\n---\n{body}"));
    let started = std::time::Instant::now();
    site.fails_with(&[AREA_FILE, "larger than 8 MB"]);
    assert!(started.elapsed() < std::time::Duration::from_secs(30));
}

#[test]
fn deeply_nested_markdown_is_refused_with_its_line() {
    let site = Site::new();
    let quotes = format!("{} 很深的引用\n", ">".repeat(20_000));
    site.write(
        AREA_FILE,
        &format!("---\ntitle: 运营区长\nreports_to: yun-ying-zong-jian\n---\n1. 正常\n\n{quotes}"),
    );
    site.fails_with(&[&format!("{AREA_FILE}:7"), "nested 33 levels deep"]);
    let lists: String = (0..500)
        .map(|i| format!("{}- 第{i}层\n", "  ".repeat(i)))
        .collect();
    site.write(AREA_FILE, &format!("---\ntitle: 运营区长\n---\n{lists}"));
    site.fails_with(&[AREA_FILE, "levels deep"]);
    // Three levels, as real documents use, are fine.
    site.write(
        AREA_FILE,
        "---\ntitle: 运营区长\n---\n1. 一\n   1. 二\n      - 三\n",
    );
    assert!(site.build().status.success());
}

#[test]
fn ids_cannot_leave_the_output_folder() {
    let site = Site::new();
    for target in [
        "../../etc/passwd",
        "/etc/passwd",
        "..\\\\..\\\\x",
        "C:\\\\x",
    ] {
        site.write(
            AREA_FILE,
            &format!("---\ntitle: 运营区长\nreports_to: {target}\n---\n1. 见[x](role:{target})\n"),
        );
        site.fails_with(&[AREA_FILE, "no role with id"]);
    }
    site.write(AREA_FILE, AREA);
    site.write("content/04-demo/a..b.md", AREA);
    site.fails_with(&["`a..b` is not a valid id"]);
    fs::remove_file(site.path("content/04-demo/a..b.md")).unwrap();
    fs::create_dir_all(site.path("content/x\\..\\evil")).unwrap();
    site.write("content/x\\..\\evil/_index.md", INDEX);
    site.fails_with(&["is not a valid id"]);
    assert!(!site.dir.path().parent().unwrap().join("evil").exists());
}

#[test]
fn glossary_errors_name_file_and_line() {
    let site = Site::new();
    site.write(
        "content/glossary.yaml",
        "- phrase: 天喜\n- phrase: 运营\n  zh-TW: 營運\n- phrase: 天喜\n",
    );
    site.fails_with(&[
        "content/glossary.yaml:4",
        "`天喜` is already in the glossary (line 1)",
    ]);
    site.write("content/glossary.yaml", "- phrase: 天喜\n  zh-XX: 天喜\n");
    site.fails_with(&["content/glossary.yaml:2", "unknown field `zh-XX`"]);
}

//! A role's optional fields (facts, purpose, relations, environment, KPIs,
//! career path, the department's own sections) reach every output: the
//! role page and the print page in every script, the search index, the
//! JSON and CSV export.

use scraper::{Html, Selector};

use super::fixture::{stderr, Site};
use super::search_browser;

const ROLE_FILE: &str = "content/04-demo/hu-shi-zhang.md";

/// Every field, with text that reads differently in Traditional script.
const ROLE: &str = r#"---
title: 护士长
reports_to: 总经理
department: 护理部
code: 007
grade: 护理管理岗
headcount: 2
location: 住院部东楼
purpose: 统筹病区护理质量与患者安全。
key_responsibility:
  - 领导病区护理团队。
authority:
  - 对护士排班有决定权。
internal_relations:
  - 医务处、药剂科
external_relations: 患者家属
qualifications:
  - 学历：护理学本科
environment: 病房，需轮班
kpis:
  - 护理差错率
  - 患者满意度
career:
  - 护理部副主任
sections:
  - label: 值班制度
    after: start
    items:
      - 每周总值班一次
  - label: 培训要求
    after: duties
    items:
      - 每年参加继续教育
  - label: 其他说明
    items:
      - 本说明书每年复核
---
1. 负责病区护理管理。
"#;

/// Section ids on the role page, in the order the page must show them.
const PAGE_ORDER: [&str; 13] = [
    "section-1",
    "purpose",
    "key-responsibility",
    "duties",
    "section-2",
    "authority",
    "internal-relations",
    "external-relations",
    "qualifications",
    "environment",
    "kpis",
    "career",
    "section-3",
];

/// Text of each field in Simplified and Traditional (OpenCC s2t).
const TEXTS: [(&str, &str); 18] = [
    ("护理部", "護理部"),
    ("007", "007"),
    ("护理管理岗", "護理管理崗"),
    ("住院部东楼", "住院部東樓"),
    (
        "统筹病区护理质量与患者安全。",
        "統籌病區護理質量與患者安全。",
    ),
    ("领导病区护理团队。", "領導病區護理團隊。"),
    ("负责病区护理管理。", "負責病區護理管理。"),
    ("对护士排班有决定权。", "對護士排班有決定權。"),
    ("医务处、药剂科", "醫務處、藥劑科"),
    ("患者家属", "患者家屬"),
    ("学历：护理学本科", "學歷：護理學本科"),
    ("病房，需轮班", "病房，需輪班"),
    ("护理差错率", "護理差錯率"),
    ("护理部副主任", "護理部副主任"),
    ("值班制度", "值班制度"),
    ("每周总值班一次", "每週總值班一次"),
    ("培训要求", "培訓要求"),
    ("每年参加继续教育", "每年參加繼續教育"),
];

fn site_with_every_field() -> Site {
    let site = Site::new();
    site.write(ROLE_FILE, ROLE);
    let out = site.build();
    assert!(out.status.success(), "{}", stderr(&out));
    site
}

fn read(site: &Site, rel: &str) -> String {
    std::fs::read_to_string(site.path(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The ids of the `<section>`s' headings inside `scope`, in page order.
fn section_ids(html: &str, scope: &str) -> Vec<String> {
    let page = Html::parse_document(html);
    let headings = Selector::parse(&format!("{scope} section > h2, {scope} section > h4")).unwrap();
    page.select(&headings)
        .filter_map(|h| h.value().attr("id"))
        .map(str::to_string)
        .collect()
}

fn text_of(html: &str) -> String {
    let page = Html::parse_document(html);
    page.root_element().text().collect()
}

#[test]
fn every_field_reaches_the_role_page_and_the_print_page_in_every_script() {
    let site = site_with_every_field();
    for (dir, traditional) in [
        ("zh-hans", false),
        ("zh-hant", true),
        ("zh-tw", true),
        ("zh-hk", true),
    ] {
        let page = read(&site, &format!("output/{dir}/04-demo/hu-shi-zhang.html"));
        let ids: Vec<String> = section_ids(&page, "article.role")
            .into_iter()
            .filter(|id| id != "position" && id != "related")
            .collect();
        assert_eq!(ids, PAGE_ORDER, "{dir}: sections in page order");
        let print = read(&site, &format!("output/{dir}/print.html"));
        let printed: Vec<String> =
            section_ids(&print, "article[aria-labelledby=role-hu-shi-zhang]")
                .into_iter()
                .filter_map(|id| id.strip_prefix("role-hu-shi-zhang_").map(str::to_string))
                .collect();
        assert_eq!(printed, PAGE_ORDER, "{dir}: print page sections");
        let (shown, printed) = (text_of(&page), text_of(&print));
        for (simplified, converted) in TEXTS {
            // zh-TW and zh-HK may choose other words; the characters
            // that differ in every Traditional script are checked.
            let expected = if traditional { converted } else { simplified };
            if dir == "zh-hant" || !traditional {
                assert!(shown.contains(expected), "{dir} role page lacks {expected}");
                assert!(
                    printed.contains(expected),
                    "{dir} print page lacks {expected}"
                );
            }
            if traditional && simplified != converted {
                assert!(
                    !shown.contains(simplified),
                    "{dir} left {simplified} unconverted"
                );
            }
        }
    }
    let page = read(&site, "output/zh-hans/04-demo/hu-shi-zhang.html");
    let doc = Html::parse_document(&page);
    let facts = Selector::parse("dl.role-facts > div").unwrap();
    let listed: Vec<String> = doc
        .select(&facts)
        .map(|f| f.text().collect::<String>())
        .collect();
    for fact in [
        "所属部门护理部",
        "岗位编号007",
        "岗位等级护理管理岗",
        "岗位定员2",
        "工作地点住院部东楼",
    ] {
        assert!(listed.iter().any(|l| l == fact), "{fact} not in {listed:?}");
    }
}

/// The search index as the browser reads it.
fn search_index(site: &Site, variant: &str) -> serde_json::Value {
    let script = read(site, &format!("output/{variant}/search-index.js"));
    let json = script
        .strip_prefix("window.HANDBOOK_SEARCH = ")
        .and_then(|s| s.trim_end().strip_suffix(';'))
        .expect("the index sets window.HANDBOOK_SEARCH");
    serde_json::from_str(json).expect("the index is JSON")
}

#[test]
fn every_field_is_searchable_under_its_own_label() {
    let site = site_with_every_field();
    let index = search_index(&site, "zh-hans");
    let texts: Vec<&str> = index["texts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap())
        .collect();
    let entry = index["entries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e[1] == "hu-shi-zhang")
        .expect("the role is indexed");
    let fields: Vec<(usize, Vec<&str>, String)> = entry[3]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            let ids = g[1].as_array().unwrap();
            let words = ids
                .iter()
                .map(|id| texts[id.as_u64().unwrap() as usize])
                .collect();
            (
                g[0].as_u64().unwrap() as usize,
                words,
                g[3].as_str().unwrap().to_string(),
            )
        })
        .collect();
    for (simplified, _) in TEXTS
        .iter()
        .filter(|(s, _)| !["值班制度", "培训要求"].contains(s))
    {
        assert!(
            fields
                .iter()
                .any(|(_, words, _)| words.contains(simplified)),
            "{simplified} is not indexed: {fields:?}"
        );
    }
    // Each field under its own number; the department's own sections
    // carry their headings.
    let numbers: std::collections::BTreeSet<usize> = fields.iter().map(|f| f.0).collect();
    assert!(numbers.len() >= 15, "{fields:?}");
    let custom: Vec<&str> = fields
        .iter()
        .map(|f| f.2.as_str())
        .filter(|l| !l.is_empty())
        .collect();
    assert_eq!(custom, ["值班制度", "培训要求", "其他说明"]);
    // The page's search box names every field in the page's script.
    let page = read(&site, "output/zh-hant/index.html");
    let doc = Html::parse_document(&page);
    let form = doc
        .select(&Selector::parse("form.site-search").unwrap())
        .next()
        .expect("search box");
    let labels: Vec<&str> = form
        .value()
        .attr("data-fields")
        .unwrap()
        .split('|')
        .collect();
    assert_eq!(labels.len(), index["fields"].as_array().unwrap().len());
    assert!(
        labels.contains(&"工作環境") && labels.contains(&"所屬部門"),
        "{labels:?}"
    );
}

#[test]
fn every_field_is_exported() {
    let site = site_with_every_field();
    let out = site.run(&["export", "--format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let role = json["documents"][0]["roles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "hu-shi-zhang")
        .unwrap()
        .clone();
    assert_eq!(role["department"], "护理部");
    assert_eq!(role["code"], "007", "a number keeps the digits written");
    assert_eq!(role["headcount"], "2");
    assert_eq!(role["purpose"][0]["text"], "统筹病区护理质量与患者安全。");
    assert_eq!(role["external_relations"][0]["text"], "患者家属");
    assert_eq!(role["environment"][0]["text"], "病房，需轮班");
    assert_eq!(role["kpis"].as_array().unwrap().len(), 2);
    assert_eq!(role["career"][0]["text"], "护理部副主任");
    assert_eq!(role["sections"][0]["label"], "值班制度");
    assert_eq!(role["sections"][0]["after"], "start");
    assert_eq!(role["sections"][1]["after"], "duties");
    assert_eq!(role["sections"][2]["after"], "end");
    let out = site.run(&["export", "--format", "csv", "--variant", "zh-Hant"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let csv = String::from_utf8(out.stdout).unwrap();
    let row = csv.lines().find(|l| l.contains("hu-shi-zhang")).unwrap();
    assert!(
        row.ends_with(",護理部,007,護理管理崗,2,住院部東樓,統籌病區護理質量與患者安全。,1,1,1,2,1,值班制度（1）；培訓要求（1）；其他說明（1）,,,,,,0"),
        "{row}"
    );
}

#[test]
fn a_section_in_no_known_place_or_without_a_label_is_an_error_at_its_line() {
    let site = Site::new();
    site.write(
        ROLE_FILE,
        "---\ntitle: 护士长\nsections:\n  - label: 值班\n    after: 岗位职责\n  - label: \" \"\n---\n1. 负责。\n",
    );
    let err = site.fails_with(&[
        "hu-shi-zhang.md:3",
        "`after: 岗位职责` names no section",
        "section 2 has no label",
    ]);
    assert!(err.contains("duties"), "the hint lists the sections: {err}");
}

#[test]
fn a_list_field_may_be_one_line_and_an_item_list_may_hold_sub_items() {
    let site = Site::new();
    site.write(
        ROLE_FILE,
        "---\ntitle: 护士长\nenvironment: 病房\nkpis:\n  - text: 质量指标\n    items: [护理差错率, 压疮发生率]\n---\n1. 负责。\n",
    );
    let out = site.build();
    assert!(out.status.success(), "{}", stderr(&out));
    let page = read(&site, "output/zh-hans/04-demo/hu-shi-zhang.html");
    let doc = Html::parse_document(&page);
    let items = Selector::parse("section[aria-labelledby=kpis] li li").unwrap();
    let nested: Vec<String> = doc.select(&items).map(|li| li.text().collect()).collect();
    assert_eq!(nested, ["护理差错率", "压疮发生率"]);
    assert!(text_of(&page).contains("病房"));
}

#[test]
fn a_search_result_in_any_field_names_the_field_and_links_to_its_section() {
    let Some(browser) = crate::chromium::Browser::launch() else {
        return;
    };
    let site = site_with_every_field();
    let page = browser.open_file(&site.path("output/zh-hans/search.html"));
    let cases = [
        ("继续教育", "培训要求：", "#section-2"),
        ("差错率", "考核指标：", "#kpis"),
        ("住院部东楼", "工作地点：", ""),
        ("患者家属", "外部工作关系：", "#external-relations"),
    ];
    for (query, label, anchor) in cases {
        page.eval("document.getElementById('search-page-q').value = ''");
        search_browser::type_into(&page, "#search-page-q", query);
        let (results, _) = search_browser::shown(&page, "search-page-list", query);
        let hit = results
            .first()
            .unwrap_or_else(|| panic!("{query} finds nothing"));
        assert_eq!(hit.title, "护士长", "{query}: {results:?}");
        assert!(hit.snippet.starts_with(label), "{query}: {hit:?}");
        // The page, with the words to mark (?hl=), and the field's place.
        let fragment = hit.href.find('#').map_or("", |at| &hit.href[at..]);
        assert!(
            hit.href.starts_with("04-demo/hu-shi-zhang.html?hl=") && fragment == anchor,
            "{query}: {hit:?}"
        );
    }
    assert!(
        page.console_errors().is_empty(),
        "{:?}",
        page.console_errors()
    );
}

/// A revision and approval block read by `handbook import` becomes the
/// document's control facts, which build; an effective date that is no day
/// of the calendar is an error at its line, and the site is left as it was.
#[test]
fn an_imported_control_block_builds_and_a_bad_effective_date_is_named() {
    let site = Site::new();
    let source = site.path("运输部.txt");
    std::fs::write(
        &source,
        "运输部岗位说明书\n版本号：V2.0　生效日期：2024年7月1日\n编制：人力资源部 王敏　审核：李强　批准：张建国\n\n岗位名称：调度员\n直接上级：运输部经理\n岗位职责：\n1、编制每日派车计划。\n",
    )
    .unwrap();
    let import = site.run(&[
        "import",
        source.to_str().unwrap(),
        "--into",
        site.path("content").to_str().unwrap(),
    ]);
    assert!(import.status.success(), "{}", stderr(&import));
    let folder = std::fs::read_dir(site.path("content"))
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .find(|name| name.ends_with("-logistics"))
        .expect("the imported document's folder");
    let index_path = site.path(&format!("content/{folder}/_index.md"));
    let index = std::fs::read_to_string(&index_path).unwrap();
    for line in [
        "version: V2.0\n",
        "effective: \"2024-07-01\"\n",
        "prepared_by: 人力资源部 王敏\n",
        "reviewed_by: 李强\n",
        "approved_by: 张建国\n",
    ] {
        assert!(index.contains(line), "{line}in\n{index}");
    }
    let out = site.build();
    assert!(out.status.success(), "{}", stderr(&out));

    let line = 1 + index
        .lines()
        .position(|l| l.starts_with("effective:"))
        .unwrap();
    std::fs::write(&index_path, index.replace("2024-07-01", "2024-06-31")).unwrap();
    site.fails_with(&[
        &format!("content/{folder}/_index.md:{line}"),
        "effective `2024-06-31` is not a date",
    ]);
}

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

fn html(site: &Site, rel: &str) -> scraper::Html {
    let text = std::fs::read_to_string(site.path(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    scraper::Html::parse_document(&text)
}

/// The `dt → dd` pairs and revision rows of the first control block.
fn control_block(page: &scraper::Html) -> (Vec<(String, String)>, Vec<Vec<String>>, bool) {
    let sel = |s: &str| scraper::Selector::parse(s).expect("a selector");
    let Some(block) = page.select(&sel(".control")).next() else {
        return (Vec::new(), Vec::new(), false);
    };
    let text = |e: scraper::ElementRef| e.text().collect::<String>().trim().to_string();
    let facts = block
        .select(&sel(".control-facts div"))
        .map(|d| {
            let dt = d.select(&sel("dt")).next().map(text).unwrap_or_default();
            let dd = d.select(&sel("dd")).next().map(text).unwrap_or_default();
            (dt, dd)
        })
        .collect();
    let rows = block
        .select(&sel(".revisions tbody tr"))
        .map(|tr| tr.select(&sel("td")).map(text).collect())
        .collect();
    let open = block
        .select(&sel("details.revisions"))
        .next()
        .is_some_and(|d| d.value().attr("open").is_some());
    (facts, rows, open)
}

/// The document's control on its page, on the page of a role without its
/// own, the role's own on its page, converted names in zh-TW, and the
/// revision history open on the print page.
#[test]
fn pages_show_the_version_in_force_who_approved_it_and_the_history() {
    let site = Site::new();
    site.write("content/04-demo/_index.md", &index_with(HISTORY));
    let own = "version: V2.0\neffective: \"2024-09-01\"\napproved_by: 赵刚\nrevisions:\n  - version: 2.0\n    date: \"2024-08-15\"\n    summary: 区长岗位单独修订。\n";
    site.write(AREA_FILE, &area_with(own));
    let out = site.build();
    assert!(out.status.success(), "{}", stderr(&out));

    let (facts, rows, open) = control_block(&html(&site, "output/zh-hans/04-demo/index.html"));
    let expected = [
        ("版本", "V1.10"),
        ("生效日期", "2024-07-01"),
        ("编制", "人力资源部 王敏"),
        ("审核", "李强"),
        ("批准", "张建国"),
    ];
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    assert_eq!(facts, expected);
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[1], ["1.10", "2024-06-20", "增加区域巡店职责。"]);
    assert!(!open, "folded on the document page");

    let (boss, _, _) = control_block(&html(
        &site,
        "output/zh-hans/04-demo/yun-ying-zong-jian.html",
    ));
    assert_eq!(
        boss, expected,
        "a role without its own shows its document's"
    );
    let (area, area_rows, _) = control_block(&html(
        &site,
        "output/zh-hans/04-demo/yun-ying-qu-zhang.html",
    ));
    assert!(
        area.contains(&("版本".to_string(), "V2.0".to_string())),
        "{area:?}"
    );
    assert_eq!(area_rows, [["2.0", "2024-08-15", "区长岗位单独修订。"]]);

    let (taiwan, taiwan_rows, _) = control_block(&html(&site, "output/zh-tw/04-demo/index.html"));
    assert!(
        taiwan.contains(&("編製".to_string(), "人力資源部 王敏".to_string())),
        "{taiwan:?}"
    );
    assert!(
        taiwan.contains(&("批准".to_string(), "張建國".to_string())),
        "{taiwan:?}"
    );
    assert_eq!(taiwan_rows[1][2], "增加區域巡店職責。");

    let (_, print_rows, print_open) = control_block(&html(&site, "output/zh-hans/print.html"));
    assert_eq!(print_rows.len(), 2);
    assert!(print_open, "open on the print page, so it prints");
    let print = html(&site, "output/zh-hans/print.html");
    let cover =
        scraper::Selector::parse(".print-cover .print-control tbody tr").expect("a selector");
    let rows: Vec<String> = print.select(&cover).map(|r| r.text().collect()).collect();
    assert_eq!(
        rows.len(),
        1,
        "the cover lists the controlled document: {rows:?}"
    );
    assert!(
        rows[0].contains("V1.10") && rows[0].contains("张建国"),
        "{rows:?}"
    );
}

#[test]
fn the_export_carries_document_control() {
    let site = Site::new();
    site.write("content/04-demo/_index.md", &index_with(HISTORY));
    let json = site.run(&["export", "--format", "json"]);
    assert!(json.status.success(), "{}", stderr(&json));
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).expect("JSON");
    let control = &value["documents"][0]["control"];
    assert_eq!(control["version"], "V1.10");
    assert_eq!(control["approved_by"], "张建国");
    assert_eq!(control["revisions"][1]["version"], "1.10");
    assert_eq!(value["documents"][0]["roles"][0]["control"]["version"], "");

    let csv = site.run(&["export", "--format", "csv"]);
    let text = String::from_utf8_lossy(&csv.stdout).to_string();
    let mut reader = csv_rows(&text);
    let header = reader.remove(0);
    let at = |name: &str| header.iter().position(|h| h == name).expect(name);
    for row in &reader {
        assert_eq!(row[at("version")], "V1.10", "{row:?}");
        assert_eq!(row[at("effective")], "2024-07-01");
        assert_eq!(row[at("revision_count")], "2");
    }
}

/// The header and rows of a CSV text.
fn csv_rows(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut reader = ::csv::Reader::from_reader(text.as_bytes());
    if let Ok(header) = reader.headers() {
        rows.push(header.iter().map(str::to_string).collect());
    }
    for record in reader.records().map_while(Result::ok) {
        rows.push(record.iter().map(str::to_string).collect());
    }
    rows
}

/// The control block in real Chromium: no serious or critical axe finding
/// in either color scheme, the history folded and opened with a click.
#[test]
fn the_control_block_is_accessible_in_both_color_schemes() {
    let Some(browser) = crate::chromium::Browser::launch() else {
        return;
    };
    let site = Site::new();
    site.write("content/04-demo/_index.md", &index_with(HISTORY));
    let out = site.build();
    assert!(out.status.success(), "{}", stderr(&out));
    let shots = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("control-screenshots");
    std::fs::create_dir_all(&shots).expect("a folder for screenshots");
    let path = site.path("output/zh-hans/04-demo/yun-ying-qu-zhang.html");
    for dark in [false, true] {
        let page = browser.open_file(&path);
        page.set_color_scheme(dark);
        page.eval("document.querySelector('details.revisions summary').click(), true");
        let shown = page.eval("document.querySelector('details.revisions').open");
        assert_eq!(shown, serde_json::json!(true), "a click opens the history");
        page.screenshot(&shots.join(format!("role-{}.png", if dark { "dark" } else { "light" })));
        let serious = crate::chromium::serious(browser.axe(&page));
        assert!(
            serious.is_empty(),
            "dark: {dark}: {}",
            crate::chromium::describe(&serious)
        );
    }
}

/// Imports `name` (its bytes) into the site's content and builds.
fn import(site: &Site, name: &str, bytes: &[u8]) -> String {
    let source = site.path(name);
    std::fs::write(&source, bytes).expect("write the source");
    let out = site.run(&[
        "import",
        source.to_str().expect("a UTF-8 path"),
        "--into",
        site.path("content").to_str().expect("a UTF-8 path"),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let folder = std::fs::read_dir(site.path("content"))
        .expect("content")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .find(|n| n != "04-demo")
        .expect("the imported document's folder");
    std::fs::read_to_string(site.path(&format!("content/{folder}/_index.md"))).expect("_index.md")
}

/// A revision history, newest first under its table heading, becomes
/// `revisions:` oldest first, with the versions as written; the handbook
/// builds and the document page lists them.
#[test]
fn import_reads_a_revision_history_from_text_and_word() {
    let text = "运输部岗位说明书\n版本号：V1.10　生效日期：2024年7月1日\n编制：王敏　审核：李强　批准：张建国\n修订记录：\n版本　日期　修订内容\nV1.10　2024年6月20日　增加夜间调度职责\nV1.9　2024年1月3日　调整派车流程\nV1.0　2023年1月5日　初版发布\n\n岗位名称：调度员\n直接上级：运输部经理\n岗位职责：\n1、编制每日派车计划。\n";
    let word = office_docx();
    for (name, bytes) in [
        ("运输部.txt", text.as_bytes().to_vec()),
        ("运输部.docx", word),
    ] {
        let site = Site::new();
        let index = import(&site, name, &bytes);
        let expected = "revisions:\n  - version: \"V1.0\"\n    date: \"2023-01-05\"\n    summary: 初版发布\n  - version: \"V1.9\"\n    date: \"2024-01-03\"\n    summary: 调整派车流程\n  - version: \"V1.10\"\n    date: \"2024-06-20\"\n    summary: 增加夜间调度职责\n";
        assert!(index.contains(expected), "{name}:\n{index}");
        assert!(
            !index.contains("版本　日期"),
            "{name}: the heading row is no content:\n{index}"
        );
        let out = site.build();
        assert!(out.status.success(), "{name}: {}", stderr(&out));
    }
}

fn office_docx() -> Vec<u8> {
    crate::office::docx(
        "H1 运输部岗位说明书\nP 版本号：V1.10\nP 生效日期：2024年7月1日\nP 编制：王敏\nP 审核：李强\nP 批准：张建国\nP 修订记录\nTABLE\nROW\nCELL\nP 版本\nCELL\nP 日期\nCELL\nP 修订内容\nROW\nCELL\nP V1.10\nCELL\nP 2024年6月20日\nCELL\nP 增加夜间调度职责\nROW\nCELL\nP V1.9\nCELL\nP 2024年1月3日\nCELL\nP 调整派车流程\nROW\nCELL\nP V1.0\nCELL\nP 2023年1月5日\nCELL\nP 初版发布\nEND\nP 岗位名称：调度员\nP 直接上级：运输部经理\nP 岗位职责：\nP 1、编制每日派车计划。\n",
    )
}

/// `handbook pdf` writes the handbook's own information into the PDF:
/// title, subject, who prepared it, and the date the content last took
/// effect (not the time of printing), and the cover lists each document's
/// version.
#[test]
fn the_pdf_says_what_it_is_who_prepared_it_and_since_when() {
    if !crate::chromium::browser_required() && crate::chromium::find_chromium().is_none() {
        eprintln!("skipped: no chromium (set HANDBOOK_REQUIRE_BROWSER=1 to require it)");
        return;
    }
    let site = Site::new();
    site.write("content/04-demo/_index.md", &index_with(HISTORY));
    let out = site.run(&["pdf", "--variant", "zh-TW"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let bytes = std::fs::read(site.path("output/handbook-zh-tw.pdf")).expect("the PDF");
    let doc = lopdf::Document::load_mem(&bytes).expect("a PDF lopdf reads");
    let info = doc
        .trailer
        .get(b"Info")
        .and_then(lopdf::Object::as_reference)
        .and_then(|id| doc.get_dictionary(id))
        .expect("an Info dictionary");
    let text = |key: &[u8]| {
        info.get(key)
            .ok()
            .and_then(|v| lopdf::decode_text_string(v).ok())
            .unwrap_or_default()
    };
    assert_eq!(text(b"Title"), "測試手冊");
    assert_eq!(text(b"Subject"), "第四篇 營運部工作職責");
    assert_eq!(text(b"Author"), "人力資源部 王敏");
    let date = info
        .get(b"ModDate")
        .and_then(lopdf::Object::as_str)
        .unwrap_or_default();
    assert_eq!(date, b"D:20240701000000Z");
    let again = site.run(&["pdf", "--variant", "zh-TW"]);
    assert!(again.status.success(), "{}", stderr(&again));
    let second = std::fs::read(site.path("output/handbook-zh-tw.pdf")).expect("the PDF");
    let info_of = |bytes: &[u8]| {
        let doc = lopdf::Document::load_mem(bytes).expect("a PDF");
        let id = doc
            .trailer
            .get(b"Info")
            .and_then(lopdf::Object::as_reference)
            .expect("Info");
        format!("{:?}", doc.get_dictionary(id).expect("a dictionary"))
    };
    assert_eq!(
        info_of(&bytes),
        info_of(&second),
        "the same content, the same information"
    );
}

/// The PDF's information as `(key, text)` for the keys asked.
fn pdf_info(path: &std::path::Path, keys: &[&str]) -> Vec<String> {
    let doc = lopdf::Document::load(path).expect("a PDF lopdf reads");
    let info = doc
        .trailer
        .get(b"Info")
        .and_then(lopdf::Object::as_reference)
        .and_then(|id| doc.get_dictionary(id))
        .expect("an Info dictionary")
        .clone();
    keys.iter()
        .map(|k| {
            info.get(k.as_bytes())
                .ok()
                .and_then(|v| lopdf::decode_text_string(v).ok())
                .unwrap_or_default()
        })
        .collect()
}

/// `handbook pdf --role` prints one role of the real handbook for its
/// holder: its page only, the version in force, and a signature block for
/// the employee and the direct superior; `--document` each role of one
/// document with its own block. Read back from the PDFs.
#[test]
fn a_role_or_a_document_prints_alone_with_signature_blocks() {
    if !crate::print::chromium_available() || !crate::print::poppler_available() {
        return;
    }
    let out = tempfile::tempdir().expect("a temporary folder");
    let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let run = |args: &[&str]| {
        let output = crate::handbook_command()
            .arg("--root")
            .arg(repo)
            .arg("pdf")
            .args(args)
            .arg("--output")
            .arg(out.path().join("site"))
            .output()
            .expect("run handbook");
        assert!(output.status.success(), "{}", stderr(&output));
    };
    run(&["--role", "dian-zhang", "--variant", "zh-Hans"]);
    let pdf = out.path().join("site/role-dian-zhang-zh-hans.pdf");
    let text = crate::print::page_texts(&pdf).concat();
    for part in ["店长", "员工签字", "直接上级签字", "日期"] {
        assert!(text.contains(part), "{part} in\n{text}");
    }
    for other in ["运营区长职责", "首席运营官", "目录"] {
        assert!(!text.contains(other), "only the role: {other} in\n{text}");
    }
    let info = pdf_info(&pdf, &["Title", "Subject", "Author"]);
    assert_eq!(info, ["店长", "第四篇 运营部岗位职责", "某女装品牌"]);

    run(&[
        "--document",
        "04-womenswear-operations",
        "--variant",
        "zh-TW",
    ]);
    let pdf = out
        .path()
        .join("site/document-04-womenswear-operations-zh-tw.pdf");
    let text = crate::print::page_texts(&pdf).concat();
    assert_eq!(
        text.matches("員工簽字").count(),
        4,
        "one block per role:\n{text}"
    );
    assert!(text.contains("直接上級簽字"), "{text}");
    let info = pdf_info(&pdf, &["Title"]);
    assert_eq!(info, ["第四篇 營運部工作職責"]);
}

/// A theme's own `signature.html` replaces the block; an unknown role is an
/// error that names it.
#[test]
fn the_signature_block_follows_the_theme_and_an_unknown_role_is_named() {
    if !crate::print::chromium_available() || !crate::print::poppler_available() {
        return;
    }
    let site = Site::new();
    site.write(
        "templates/signature.html",
        "<section class=\"signature\"><p>本人已阅读并同意以上岗位职责：＿＿＿＿</p></section>\n",
    );
    let out = site.run(&["pdf", "--role", "yun-ying-qu-zhang", "--variant", "zh-Hans"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text =
        crate::print::page_texts(&site.path("output/role-yun-ying-qu-zhang-zh-hans.pdf")).concat();
    assert!(text.contains("本人已阅读并同意以上岗位职责"), "{text}");
    assert!(!text.contains("员工签字"), "{text}");
    let unknown = site.run(&["pdf", "--role", "zong-jing-li"]);
    assert!(!unknown.status.success());
    assert!(
        stderr(&unknown).contains("zong-jing-li"),
        "{}",
        stderr(&unknown)
    );
}

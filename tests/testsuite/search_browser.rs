//! Search in a real headless Chromium, on the real site opened from `file://`:
//! queries typed into the search page and the header box, results, keyboard
//! use, script-blind matching, and agreement with the Rust ranking
//! (`handbook::search::Searcher`, the specification `search.js` follows).
//!
//! Needs Debian's `chromium` (see `tests/testsuite/chromium.rs`); without it these
//! tests print a notice and pass, unless `HANDBOOK_REQUIRE_BROWSER=1`.
//!
//! The query latency benchmark is an ignored test:
//! `cargo test --release --test testsuite -- --ignored --nocapture query_latency`.

use crate::chromium;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Duration;

use chromium::{Browser, Page};
use handbook::generate::{synthetic_handbook, Recombine};
use handbook::search::{Index, Searcher};
use handbook::variant::Variant;
use serde::Deserialize;

/// The site built once per test run by the real binary, kept under Cargo's
/// temporary folder for inspection.
fn site() -> &'static Path {
    static SITE: OnceLock<PathBuf> = OnceLock::new();
    SITE.get_or_init(|| {
        let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("search-browser-site");
        if out.exists() {
            std::fs::remove_dir_all(&out)
                .unwrap_or_else(|error| panic!("cannot clear {} ({error})", out.display()));
        }
        chromium::build_site(&out)
    })
}

fn page_path(variant: &str, page: &str) -> PathBuf {
    site().join(variant).join(page)
}

/// One result as the page shows it.
#[derive(Debug, Clone, Deserialize)]
pub struct Shown {
    pub title: String,
    pub href: String,
    pub department: bool,
    pub snippet: String,
    pub marks: Vec<String>,
}

/// What the page shows for the query in the list `list` (an element id):
/// waits until search.js has rendered that query.
pub fn shown(page: &Page, list: &str, query: &str) -> (Vec<Shown>, String) {
    let script = format!(
        "new Promise((resolve, reject) => {{
            const started = performance.now();
            const poll = () => {{
                const list = document.getElementById({list:?});
                if (list && list.dataset.query === {query:?}) {{
                    const status = document.getElementById(
                        (list.closest('form') || document.getElementById('search-page')).dataset.status);
                    resolve({{
                        results: Array.from(list.querySelectorAll('[role=option]:not(.search-more)'), o => {{
                            const title = o.querySelector('.search-result-title');
                            const kind = title.querySelector('.search-result-kind');
                            const snippet = o.querySelector('.search-result-snippet');
                            return {{
                                title: Array.from(title.childNodes).filter(n => n !== kind).map(n => n.textContent).join(''),
                                href: o.getAttribute('href'),
                                department: !!kind,
                                snippet: snippet ? snippet.textContent : '',
                                marks: Array.from(o.querySelectorAll('mark'), m => m.textContent),
                            }};
                        }}),
                        status: status ? status.textContent : '',
                    }});
                }} else if (performance.now() - started > 20000) {{
                    reject(new Error('no results rendered for ' + {query:?} + ' in #' + {list:?}));
                }} else {{
                    setTimeout(poll, 10);
                }}
            }};
            poll();
        }})"
    );
    #[derive(Deserialize)]
    struct Answer {
        results: Vec<Shown>,
        status: String,
    }
    let answer: Answer =
        serde_json::from_value(page.eval(&script)).expect("results are objects with strings");
    (answer.results, answer.status)
}

/// Types `query` into the element `input` like a reader would.
pub fn type_into(page: &Page, input: &str, query: &str) {
    page.tab()
        .wait_for_element(input)
        .and_then(|e| e.click().map(|_| ()))
        .unwrap_or_else(|error| panic!("cannot click {input}: {error:#}"));
    page.tab()
        .type_str(query)
        .unwrap_or_else(|error| panic!("cannot type {query}: {error:#}"));
}

/// Opens the search page of `variant`, types `query`, returns the results.
fn search(browser: &Browser, variant: &str, query: &str) -> (Page, Vec<Shown>, String) {
    let page = browser.open_file(&page_path(variant, "search.html"));
    type_into(&page, "#search-page-q", query);
    let (results, status) = shown(&page, "search-page-list", query);
    (page, results, status)
}

fn titles(results: &[Shown]) -> Vec<&str> {
    results.iter().map(|r| r.title.as_str()).collect()
}

fn assert_no_errors(page: &Page) {
    let errors = page.console_errors();
    assert!(
        errors.is_empty(),
        "console errors on {}: {errors:#?}",
        page.url()
    );
}

#[test]
fn weibo_puts_the_online_promotion_specialist_in_the_top_three() {
    let Some(browser) = Browser::launch() else {
        return;
    };
    let (page, results, _) = search(&browser, "zh-hans", "微博");
    let top: Vec<&str> = titles(&results).into_iter().take(3).collect();
    assert!(top.contains(&"线上推广专员"), "top three for 微博: {top:?}");
    let hit = &results[titles(&results)
        .iter()
        .position(|t| *t == "线上推广专员")
        .unwrap_or(0)];
    assert!(hit.marks.iter().any(|m| m == "微博"), "{hit:?}");
    assert!(hit.snippet.contains("微博"), "{hit:?}");
    assert_no_errors(&page);
}

#[test]
fn traditional_query_finds_simplified_text() {
    let Some(browser) = Browser::launch() else {
        return;
    };
    let (page, results, _) = search(&browser, "zh-hans", "盤點");
    let found = titles(&results);
    for role in ["店长", "导购"] {
        assert!(found.contains(&role), "盤點 should find {role}: {found:?}");
    }
    // The Simplified text is what is highlighted.
    assert!(
        results[0].marks.iter().any(|m| m == "盘点"),
        "{:?}",
        results[0]
    );
    assert_no_errors(&page);
}

/// Pinyin, initials, slips of the same sound and synonyms, typed as a
/// reader types them: the role comes first, and what it matched is marked
/// as the page writes it.
#[test]
fn sounds_and_synonyms_find_the_role_and_mark_its_words() {
    let Some(browser) = Browser::launch() else {
        return;
    };
    let cases = [
        ("zh-hans", "dianzhang", "店长", "店长"),
        ("zh-hans", "kfzg", "客服主管", "客服主管"),
        ("zh-hans", "导够", "导购", "导购"),
        ("zh-hans", "客服主观", "客服主管", "客服主管"),
        ("zh-hans", "公众号", "线上推广技术支持", "微信公众平台"),
        ("zh-tw", "yingyunzhang", "營運長", "營運長"),
        ("zh-tw", "导够", "門市人員", "門市人員"),
        ("zh-hk", "COO", "首席營運官", "首席營運官"),
    ];
    for (variant, query, title, marked) in cases {
        let (page, results, _) = search(&browser, variant, query);
        let first = results
            .first()
            .unwrap_or_else(|| panic!("{variant}: {query} found nothing"));
        assert_eq!(
            first.title,
            title,
            "{variant}: {query}: {:?}",
            titles(&results)
        );
        assert!(
            first.marks.iter().any(|m| m == marked),
            "{variant}: {query} should mark {marked}: {first:?}"
        );
        assert_no_errors(&page);
    }
}

#[test]
fn simplified_query_finds_traditional_text() {
    let Some(browser) = Browser::launch() else {
        return;
    };
    for variant in ["zh-hant", "zh-tw", "zh-hk"] {
        let (page, results, _) = search(&browser, variant, "盘点");
        let found = titles(&results);
        assert!(
            found.contains(&"店長"),
            "{variant}: 盘点 should find 店長: {found:?}"
        );
        assert_no_errors(&page);
    }
}

/// Pairs of one word in the mainland's and in Taiwan's or Hong Kong's
/// usage, each in the script that region writes, all found in the real
/// content in one of their forms.
const REGIONAL_PAIRS: [(&str, &str); 9] = [
    ("软件", "軟體"),
    ("信息", "資訊"),
    ("网络", "網路"),
    ("服务器", "伺服器"),
    ("项目经理", "專案經理"),
    ("运营", "營運"),
    ("质量", "品質"),
    ("门店", "門市"),
    ("导购", "門市人員"),
];

/// Every variant's Rust index finds the same roles for either word of a
/// pair (the browser's ranking is the same, see
/// `browser_ranks_exactly_like_the_rust_searcher`).
#[test]
fn either_regions_words_find_the_same_roles_on_every_variant() {
    for variant in Variant::ALL {
        let index = index_in(variant);
        let searcher = Searcher::new(&index);
        let entries = |q: &str| {
            let mut found: Vec<usize> = searcher.search(q, None).iter().map(|h| h.entry).collect();
            found.sort_unstable();
            found
        };
        for (mainland, regional) in REGIONAL_PAIRS {
            let a = entries(mainland);
            assert!(!a.is_empty(), "{variant}: {mainland} finds nothing");
            assert_eq!(a, entries(regional), "{variant}: {mainland} and {regional}");
        }
    }
}

/// The browser finds text written in the other region's words and marks
/// the words it matched in the snippet.
#[test]
fn regional_words_find_and_mark_the_other_regions_text() {
    let Some(browser) = Browser::launch() else {
        return;
    };
    let cases = [
        ("zh-hans", "軟體", "软件"),
        ("zh-hans", "伺服器", "服务器"),
        ("zh-hans", "資訊", "信息"),
        ("zh-tw", "软件", "軟體"),
        ("zh-tw", "信息", "資訊"),
        ("zh-tw", "门店", "門市"),
        ("zh-hk", "軟體", "軟件"),
        ("zh-hk", "服務器", "伺服器"),
    ];
    for (variant, query, written) in cases {
        let (page, results, _) = search(&browser, variant, query);
        assert!(!results.is_empty(), "{variant}: {query} finds nothing");
        let marked = (results.iter())
            .any(|r| r.marks.iter().any(|m| m == written) && r.snippet.contains(written));
        assert!(
            marked,
            "{variant}: {query} should mark {written}: {results:#?}"
        );
        assert_no_errors(&page);
    }
}

#[test]
fn latin_terms_ignore_case() {
    let Some(browser) = Browser::launch() else {
        return;
    };
    let (page, results, _) = search(&browser, "zh-hans", "php");
    assert!(
        titles(&results).contains(&"线上推广技术支持"),
        "php: {:?}",
        titles(&results)
    );
    let hit = results
        .iter()
        .find(|r| r.title == "线上推广技术支持")
        .expect("found above");
    assert!(hit.marks.iter().any(|m| m == "PHP"), "{hit:?}");
    assert_no_errors(&page);
}

#[test]
fn outsourced_units_find_the_operations_supervisor() {
    let Some(browser) = Browser::launch() else {
        return;
    };
    let (page, results, _) = search(&browser, "zh-hans", "外判单位");
    assert_eq!(
        titles(&results).first(),
        Some(&"运营部主管"),
        "{results:#?}"
    );
    assert_no_errors(&page);
}

#[test]
fn a_query_without_matches_says_so() {
    let Some(browser) = Browser::launch() else {
        return;
    };
    let (page, results, status) = search(&browser, "zh-hans", "量子纠缠");
    assert!(results.is_empty(), "{results:#?}");
    assert!(
        status.contains("没有找到") && status.contains("量子纠缠"),
        "status: {status:?}"
    );
    let visible = page.eval("document.getElementById('search-page-list').hidden");
    assert_eq!(visible, serde_json::Value::Bool(true));
    assert_no_errors(&page);
}

#[test]
fn the_query_in_the_address_shows_results() {
    let Some(browser) = Browser::launch() else {
        return;
    };
    let path = page_path("zh-hans", "search.html")
        .canonicalize()
        .expect("search page exists");
    let url = format!("{}?q=%E5%AE%A2%E6%9C%8D", chromium::file_url(&path));
    let page = browser.open_url(&url);
    let (results, status) = shown(&page, "search-page-list", "客服");
    let found = titles(&results);
    assert!(
        found.contains(&"客服主管") && found.contains(&"客服专员"),
        "客服: {found:?}"
    );
    assert!(
        status.contains(&results.len().to_string()),
        "status: {status:?}"
    );
    assert_eq!(
        page.eval("document.getElementById('search-page-q').value"),
        "客服"
    );
    assert_no_errors(&page);
}

#[test]
fn results_can_be_narrowed_to_one_document() {
    let Some(browser) = Browser::launch() else {
        return;
    };
    let (page, all, _) = search(&browser, "zh-hans", "运营");
    page.eval(
        "(() => {
            const select = document.getElementById('search-page-doc');
            document.getElementById('search-page-list').dataset.query = '';
            select.value = '05-platform-operations';
            select.dispatchEvent(new Event('change'));
        })()",
    );
    let (narrowed, _) = shown(&page, "search-page-list", "运营");
    assert!(
        !narrowed.is_empty() && narrowed.len() < all.len(),
        "{narrowed:#?}"
    );
    assert!(
        narrowed
            .iter()
            .all(|r| r.href.starts_with("05-platform-operations/")),
        "{narrowed:#?}"
    );
    let address = page.eval("location.search");
    assert!(
        address
            .as_str()
            .is_some_and(|s| s.contains("doc=05-platform-operations")),
        "{address}"
    );
    assert_no_errors(&page);
}

#[test]
fn department_duties_are_found() {
    let Some(browser) = Browser::launch() else {
        return;
    };
    let (page, results, _) = search(&browser, "zh-hans", "证照");
    let department = results
        .iter()
        .find(|r| r.department)
        .unwrap_or_else(|| panic!("证照 finds no department duties: {results:#?}"));
    assert!(
        department
            .href
            .starts_with("02-store-operations/index.html?hl=")
            && department.href.contains("#duty-"),
        "{department:?}"
    );
    assert_no_errors(&page);
}

#[test]
fn a_result_opens_the_matching_duty_item() {
    let Some(browser) = Browser::launch() else {
        return;
    };
    let (page, results, _) = search(&browser, "zh-hans", "盘点");
    let hit = results
        .iter()
        .find(|r| r.title == "店长")
        .unwrap_or_else(|| panic!("盘点 finds no 店长: {results:#?}"));
    assert!(hit.href.contains("#duty-"), "{hit:?}");
    let (address, fragment) = hit.href.split_once('#').expect("has a fragment");
    let (file, query) = address.split_once('?').expect("has the words to mark");
    let target = page_path("zh-hans", file)
        .canonicalize()
        .expect("result page exists");
    let role = browser.open_url(&format!(
        "{}?{query}#{fragment}",
        chromium::file_url(&target)
    ));
    let item = role.eval(&format!(
        "(() => {{
            const li = document.getElementById({fragment:?});
            return li ? {{ text: li.textContent, marked: li.classList.contains('search-target'),
                           focused: document.activeElement === li,
                           hits: [...document.querySelectorAll('main mark.search-hit')].map(m => m.textContent) }} : null;
        }})()"
    ));
    // The words the result matched are marked on the page it opens.
    let hits = item["hits"].as_array().cloned().unwrap_or_default();
    assert!(
        !hits.is_empty() && hits.iter().all(|h| h == "盘点"),
        "{item}"
    );
    assert!(
        item["text"].as_str().is_some_and(|t| t.contains("盘点")),
        "#{fragment} on {file}: {item}"
    );
    assert_eq!(item["marked"], true, "{item}");
    assert_eq!(item["focused"], true, "{item}");
    assert_no_errors(&role);
    assert_no_errors(&page);
}

#[test]
fn the_header_box_works_with_the_keyboard() {
    let Some(browser) = Browser::launch() else {
        return;
    };
    let page = browser.open_file(&page_path(
        "zh-hans",
        "04-womenswear-operations/dian-zhang.html",
    ));
    let tab = page.tab();
    tab.press_key("/").expect("press /");
    assert_eq!(page.eval("document.activeElement.id"), "site-search-q");
    tab.type_str("客服").expect("type");
    let (results, status) = shown(&page, "site-search-list", "客服");
    assert!(results.len() >= 2, "{results:#?}");
    assert!(status.contains("找到"), "{status:?}");
    let state = || {
        page.eval(
            "(() => {
                const input = document.getElementById('site-search-q');
                const active = input.getAttribute('aria-activedescendant');
                const option = active && document.getElementById(active);
                return {
                    expanded: input.getAttribute('aria-expanded'),
                    active: active,
                    selected: option ? option.getAttribute('aria-selected') : null,
                    popupHidden: document.querySelector('#site-search .search-popup').hidden,
                };
            })()",
        )
    };
    assert_eq!(state()["expanded"], "true");
    assert_eq!(state()["popupHidden"], false);
    tab.press_key("ArrowDown").expect("down");
    assert_eq!(state()["active"], "site-search-list-0");
    assert_eq!(state()["selected"], "true");
    tab.press_key("ArrowDown").expect("down");
    assert_eq!(state()["active"], "site-search-list-1");
    tab.press_key("ArrowUp").expect("up");
    assert_eq!(state()["active"], "site-search-list-0");
    tab.press_key("Escape").expect("escape");
    assert_eq!(state()["expanded"], "false");
    assert_eq!(state()["popupHidden"], true);
    assert_eq!(state()["active"], serde_json::Value::Null);
    tab.press_key("ArrowDown").expect("down reopens");
    assert_eq!(state()["expanded"], "true");
    assert_eq!(state()["active"], "site-search-list-0");
    let expected = page.eval("document.getElementById('site-search-list-0').href");
    assert_no_errors(&page);
    tab.press_key("Enter").expect("enter");
    wait_for_url(&page, expected.as_str().unwrap_or_default());
}

#[test]
fn the_header_box_submits_to_the_search_page() {
    let Some(browser) = Browser::launch() else {
        return;
    };
    let page = browser.open_file(&page_path("zh-hans", "roles.html"));
    type_into(&page, "#site-search-q", "客服");
    shown(&page, "site-search-list", "客服");
    page.tab().press_key("Enter").expect("enter");
    let search = page_path("zh-hans", "search.html")
        .canonicalize()
        .expect("search page");
    wait_for_url(
        &page,
        &format!("{}?q=%E5%AE%A2%E6%9C%8D", chromium::file_url(&search)),
    );
    let (results, _) = shown(&page, "search-page-list", "客服");
    assert!(!results.is_empty());
}

/// Waits until the tab shows `url`.
fn wait_for_url(page: &Page, url: &str) {
    for _ in 0..200 {
        if page.tab().get_url() == url {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("expected to reach {url}, still at {}", page.tab().get_url());
}

#[test]
fn search_page_with_results_has_no_serious_accessibility_violations() {
    let Some(browser) = Browser::launch() else {
        return;
    };
    if !chromium::axe_available() {
        return;
    }
    let (page, results, _) = search(&browser, "zh-hans", "客服");
    assert!(!results.is_empty());
    let serious = chromium::serious(browser.axe(&page));
    assert!(serious.is_empty(), "{}", chromium::describe(&serious));

    let role = browser.open_file(&page_path(
        "zh-hans",
        "04-womenswear-operations/dian-zhang.html",
    ));
    type_into(&role, "#site-search-q", "盘点");
    shown(&role, "site-search-list", "盘点");
    let serious = chromium::serious(browser.axe(&role));
    assert!(serious.is_empty(), "{}", chromium::describe(&serious));
}

/// The handbook in `variant`'s script, as the build converts it (glossary,
/// then OpenCC), and its index as the build writes it.
fn index_in(variant: Variant) -> Index {
    let (handbook, glossary) = crate::search_judged::handbook_in(variant);
    let groups = handbook::pipeline::search_groups(&glossary, variant);
    Index::with_synonyms(&handbook, &groups)
}

#[test]
fn browser_ranks_exactly_like_the_rust_searcher() {
    let queries = [
        "微博",
        "盤點",
        "php",
        "外判单位",
        "客服",
        "运营",
        "店",
        "店长盘点",
        "客户 投诉",
        "ISO9001",
        "培训",
        "量子纠缠",
        "VI",
        "管理",
        "督导",
        "軟體",
        "营运管理",
        "门市",
        "專案經理",
        "服务器 网络",
        "品質管理",
        "dian zhang",
        "kefu主管",
    ];
    let judged = crate::search_judged::judged();
    let queries: Vec<&str> = (queries.into_iter())
        .chain(judged.iter().map(|j| j.query.as_str()))
        .collect();
    let Some(browser) = Browser::launch() else {
        return;
    };
    for variant in [Variant::Hans, Variant::Hant, Variant::Tw, Variant::Hk] {
        let dir = variant.dir();
        let index = index_in(variant);
        let searcher = Searcher::new(&index);
        let page = browser.open_file(&page_path(dir, "search.html"));
        for &query in &queries {
            let rust: Vec<(usize, f64)> = searcher
                .search(query, None)
                .iter()
                .map(|h| (h.entry, h.score))
                .collect();
            let js: Vec<(usize, f64)> = serde_json::from_value(page.eval(&format!(
                "HandbookSearch.load().then(e => e.search({query:?}, null).map(h => [h.entry, h.score]))"
            )))
            .expect("pairs of numbers");
            assert_eq!(js, rust, "{dir}: {query}");
        }
        assert_no_errors(&page);
    }
}

/// Query latency on a 10,000-role handbook: not a pass/fail test of the
/// code, a measurement (see docs/benchmarks.md). Run with
/// `cargo test --release --test testsuite -- --ignored --nocapture query_latency`.
#[test]
#[ignore = "benchmark: run explicitly"]
fn query_latency_on_ten_thousand_roles() {
    let Some(browser) = Browser::launch() else {
        return;
    };
    let real = browser.open_file(&page_path("zh-hans", "search.html"));
    let report = real.eval(LATENCY_SCRIPT);
    println!(
        "real handbook: {}",
        serde_json::to_string_pretty(&report).unwrap_or_default()
    );
    assert_no_errors(&real);
    let (_, source) = handbook::pipeline::load(chromium::repo_root()).expect("the handbook loads");
    for how in [Recombine::Sentences, Recombine::Clauses] {
        let big = synthetic_handbook(&source, 10_000, how);
        let dir = tempfile::tempdir().expect("temporary folder");
        let variant = dir.path().join("zh-hans");
        copy_dir(&site().join("static"), &dir.path().join("static"));
        std::fs::create_dir_all(&variant).expect("variant folder");
        std::fs::copy(
            page_path("zh-hans", "search.html"),
            variant.join("search.html"),
        )
        .expect("copy the search page");
        let script = handbook::search::index_script(&big, &[]);
        std::fs::write(variant.join(handbook::search::INDEX_FILE), &script).expect("write index");
        let page = browser.open_file(&variant.join("search.html"));
        let report = page.eval(LATENCY_SCRIPT);
        println!(
            "{how:?}: index {} bytes; {}",
            script.len(),
            serde_json::to_string_pretty(&report).unwrap_or_default()
        );
        let p95 = report["p95"].as_f64().unwrap_or(f64::MAX);
        assert!(p95 < 50.0, "{how:?}: p95 {p95} ms");
        assert_no_errors(&page);
    }
}

/// Loads the index, then times every query as a reader types it (each
/// prefix: 客, 客服, …), several rounds; reports milliseconds.
const LATENCY_SCRIPT: &str = r#"(async () => {
    const t0 = performance.now();
    const engine = await HandbookSearch.load();
    const load = performance.now() - t0;
    const queries = ["微博", "盘点", "盤點", "php", "外判单位", "客服", "运营", "店长", "店", "管理",
        "负责", "培训", "客户 投诉", "店长盘点", "销售目标", "完成领导交办的其他工作", "iso9001", "量子纠缠"];
    const times = [];
    for (let round = 0; round < 3; round++) {
        for (const q of queries) {
            const chars = Array.from(q);
            for (let i = 1; i <= chars.length; i++) {
                const typed = chars.slice(0, i).join("");
                const start = performance.now();
                const hits = engine.search(typed, null);
                hits.slice(0, 8).forEach(h => engine.describe(h));
                times.push(performance.now() - start);
            }
        }
    }
    times.sort((a, b) => a - b);
    const at = p => times[Math.min(times.length - 1, Math.floor(p * times.length))];
    return { load_ms: load, queries: times.length, p50: at(0.5), p95: at(0.95), max: times[times.length - 1] };
})()"#;

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create folder");
    for entry in std::fs::read_dir(from).expect("list folder") {
        let entry = entry.expect("folder entry");
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy file");
        }
    }
}

/// The header's search popup lies wholly inside the window at phone,
/// tablet, laptop and desktop widths, with its first result readable; the
/// screenshots are kept under Cargo's temporary folder to look at.
#[test]
fn the_search_popup_stays_inside_the_window_at_every_width() {
    let Some(browser) = Browser::launch() else {
        return;
    };
    let shots = Path::new(env!("CARGO_TARGET_TMPDIR")).join("search-popup-shots");
    std::fs::create_dir_all(&shots).expect("screenshot folder");
    for width in [390, 800, 1024, 1440] {
        let page = browser.open_file(&page_path(
            "zh-hans",
            "04-womenswear-operations/dian-zhang.html",
        ));
        page.set_viewport(width, 900, width < 600);
        type_into(&page, "#site-search-q", "客服");
        let (results, _) = shown(&page, "site-search-list", "客服");
        assert!(!results.is_empty(), "{width}: no results");
        let rects = page.eval(
            "(() => {
                const box = r => { const b = r.getBoundingClientRect(); return [b.left, b.right]; };
                const popup = document.querySelector('#site-search .search-popup');
                const title = popup.querySelector('.search-result-title');
                return [box(popup), box(title), document.documentElement.clientWidth];
            })()",
        );
        let number = |v: &serde_json::Value| v.as_f64().unwrap_or(f64::NAN);
        let (popup, title, window) = (&rects[0], &rects[1], number(&rects[2]));
        for (what, rect) in [("popup", popup), ("first title", title)] {
            let (left, right) = (number(&rect[0]), number(&rect[1]));
            assert!(
                left >= 0.0 && right <= window,
                "{width} px: the {what} spans {left}–{right} in a {window} px window"
            );
        }
        page.screenshot(&shots.join(format!("popup-{width}.png")));
        assert_no_errors(&page);
    }
}

//! The built site in a real headless Chromium, opened from `file://`: pages
//! render without console errors, and axe-core finds no serious or critical
//! accessibility violations.
//!
//! Needs Debian's `chromium` and `npm ci --prefix tests/browser` (axe-core);
//! without them these tests print a notice and pass, unless
//! `HANDBOOK_REQUIRE_BROWSER=1`, which makes them fail (as in CI).
//!
//! The `harness_*` tests check the harness itself on small hand-written pages:
//! they prove it can fail.

use crate::chromium;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use chromium::{describe, serious, Browser, Violation};

/// The variant whose pages are checked.
const VARIANT: &str = "zh-hans";
/// How many source documents the handbook has.
const DOCUMENTS: usize = 5;

// ---------------------------------------------------------------------------
// The harness on hand-written pages

/// Writes `files` (name, content) into a fresh temporary folder.
fn scratch_site(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::Builder::new()
        .prefix("handbook-browser-harness-")
        .tempdir()
        .expect("could not create a temporary folder");
    for (name, content) in files {
        std::fs::write(dir.path().join(name), content).expect("could not write a test page");
    }
    dir
}

fn html(title: &str, body: &str) -> String {
    format!(
        "<!doctype html>\n<html lang=\"zh-Hans\"><head><meta charset=\"utf-8\">\
         <title>{title}</title></head>\n<body><main><h1>{title}</h1>{body}</main></body></html>\n"
    )
}

#[test]
fn harness_reports_console_errors_exceptions_and_failed_loads() {
    let pages = scratch_site(&[
        (
            "console.html",
            &html("控制台", "<script>console.error('故意的错误', 42);</script>"),
        ),
        (
            "throws.html",
            &html(
                "异常",
                "<script>addEventListener('load', () => { throw new Error('加载后抛出'); });</script>",
            ),
        ),
        (
            "rejects.html",
            &html("拒绝", "<script>Promise.reject(new Error('未处理的拒绝'));</script>"),
        ),
        (
            "missing.html",
            &html("缺失", "<img src=\"no-such-image.png\" alt=\"不存在的图片\">"),
        ),
    ]);
    let Some(browser) = Browser::launch() else {
        return;
    };
    let expectations = [
        ("console.html", "故意的错误 42"),
        ("throws.html", "加载后抛出"),
        ("rejects.html", "未处理的拒绝"),
        ("missing.html", "no-such-image.png"),
    ];
    for (name, expected) in expectations {
        let page = browser.open_file(&pages.path().join(name));
        let errors = page.console_errors();
        assert!(
            errors.iter().any(|error| error.contains(expected)),
            "{name}: expected an error mentioning {expected:?}, got {errors:#?}"
        );
    }
}

#[test]
fn harness_reports_nothing_on_a_clean_page() {
    let pages = scratch_site(&[
        ("style.css", "body { font-family: sans-serif; }"),
        (
            "clean.html",
            &html(
                "干净的页面",
                "<link rel=\"stylesheet\" href=\"style.css\">\
                 <p>没有错误。</p><script>console.log('只是日志'); console.warn('只是警告');</script>",
            ),
        ),
    ]);
    let Some(browser) = Browser::launch() else {
        return;
    };
    let page = browser.open_file(&pages.path().join("clean.html"));
    assert_eq!(page.console_errors(), Vec::<String>::new());
    assert_eq!(
        page.eval("document.querySelector('h1').textContent"),
        "干净的页面"
    );
    if chromium::axe_available() {
        let violations = browser.axe(&page);
        assert!(
            violations.is_empty(),
            "expected no axe-core violations on a clean page, got:\n{}",
            describe(&violations)
        );
    }
}

#[test]
fn harness_axe_reports_an_image_without_alt() {
    let pages = scratch_site(&[
        (
            "pixel.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1\" height=\"1\"/>",
        ),
        (
            "no-alt.html",
            &html("没有替代文本", "<img src=\"pixel.svg\">"),
        ),
    ]);
    let Some(browser) = Browser::launch() else {
        return;
    };
    if !chromium::axe_available() {
        return;
    }
    let page = browser.open_file(&pages.path().join("no-alt.html"));
    let violations = serious(browser.axe(&page));
    assert!(
        violations
            .iter()
            .any(|violation| violation.id == "image-alt"),
        "expected a serious image-alt violation, got:\n{}",
        describe(&violations)
    );
}

// ---------------------------------------------------------------------------
// The real site

/// The site built once per test run by the real binary, under Cargo's
/// temporary folder for integration tests (kept for inspection).
fn site() -> &'static Path {
    static SITE: OnceLock<PathBuf> = OnceLock::new();
    SITE.get_or_init(|| {
        let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser-site");
        if out.exists() {
            std::fs::remove_dir_all(&out)
                .unwrap_or_else(|error| panic!("cannot clear {} ({error})", out.display()));
        }
        chromium::build_site(&out)
    })
}

fn variant_dir() -> PathBuf {
    let dir = site().join(VARIANT);
    assert!(
        dir.join("index.html").is_file(),
        "the build wrote no {}/index.html",
        dir.display()
    );
    dir
}

/// Document folders of the variant, in order: subfolders with an `index.html`.
fn document_dirs() -> Vec<PathBuf> {
    let variant = variant_dir();
    let mut documents: Vec<PathBuf> = std::fs::read_dir(&variant)
        .unwrap_or_else(|error| panic!("cannot list {} ({error})", variant.display()))
        .map(|entry| entry.expect("cannot read a folder entry").path())
        .filter(|path| path.join("index.html").is_file())
        .collect();
    documents.sort();
    documents
}

/// The pages under test: home, the first document, the first role page in it.
fn pages_under_test() -> [(&'static str, PathBuf); 4] {
    let documents = document_dirs();
    let document = documents.first().unwrap_or_else(|| {
        panic!(
            "no document folder (a subfolder with index.html) in {}",
            variant_dir().display()
        )
    });
    let mut roles: Vec<PathBuf> = std::fs::read_dir(document)
        .unwrap_or_else(|error| panic!("cannot list {} ({error})", document.display()))
        .map(|entry| entry.expect("cannot read a folder entry").path())
        .filter(|path| {
            path.extension().is_some_and(|ext| ext == "html")
                && path.file_name().is_some_and(|name| name != "index.html")
        })
        .collect();
    roles.sort();
    let role = roles
        .first()
        .unwrap_or_else(|| panic!("no role page (*.html) in {}", document.display()));
    [
        ("home page", variant_dir().join("index.html")),
        ("document page", document.join("index.html")),
        ("role page", role.clone()),
        ("not-found page", variant_dir().join("404.html")),
    ]
}

#[test]
fn site_pages_render_without_console_errors() {
    let pages = pages_under_test();
    let Some(browser) = Browser::launch() else {
        return;
    };
    let mut failures = String::new();
    for (kind, path) in &pages {
        let page = browser.open_file(path);
        let title = page.eval("document.title");
        let text = page.eval("document.body ? document.body.innerText.trim().length : 0");
        if title.as_str().is_none_or(|title| title.trim().is_empty()) {
            failures.push_str(&format!("{kind} {}: no <title>\n", path.display()));
        }
        if text.as_u64().unwrap_or(0) == 0 {
            failures.push_str(&format!("{kind} {}: renders no text\n", path.display()));
        }
        for error in page.console_errors() {
            failures.push_str(&format!("{kind} {}: {error}\n", path.display()));
        }
    }
    assert!(failures.is_empty(), "problems in the browser:\n{failures}");
}

#[test]
fn site_home_page_links_to_every_document() {
    let documents = document_dirs();
    assert_eq!(
        documents.len(),
        DOCUMENTS,
        "expected {DOCUMENTS} document folders in {}, found {documents:?}",
        variant_dir().display()
    );
    let Some(browser) = Browser::launch() else {
        return;
    };
    let home = browser.open_file(&variant_dir().join("index.html"));
    let links: Vec<String> = serde_json::from_value(
        home.eval("Array.from(document.querySelectorAll('a[href]'), a => a.href.split('#')[0])"),
    )
    .expect("link hrefs are strings");
    let unlinked: Vec<&PathBuf> = documents
        .iter()
        .filter(|document| {
            let dir = chromium::file_url(&document.canonicalize().expect("document folder"));
            let targets = [format!("{dir}/"), format!("{dir}/index.html")];
            !links.iter().any(|link| targets.contains(link))
        })
        .collect();
    assert!(
        unlinked.is_empty(),
        "the home page does not link to {unlinked:?}; its links are {links:#?}"
    );
}

#[test]
fn site_pages_have_no_serious_accessibility_violations() {
    let pages = pages_under_test();
    let Some(browser) = Browser::launch() else {
        return;
    };
    if !chromium::axe_available() {
        return;
    }
    let mut report = String::new();
    for (kind, path) in &pages {
        let page = browser.open_file(path);
        let violations: Vec<Violation> = browser.axe(&page);
        let lesser = violations.iter().filter(|v| !v.is_serious()).count();
        if lesser > 0 {
            // Not a failure, but worth seeing in the test output.
            eprintln!(
                "note: {kind} {} has {lesser} minor or moderate axe-core violation(s):\n{}",
                path.display(),
                describe(
                    &violations
                        .iter()
                        .filter(|v| !v.is_serious())
                        .cloned()
                        .collect::<Vec<_>>()
                )
            );
        }
        let violations = serious(violations);
        if !violations.is_empty() {
            report.push_str(&format!(
                "{kind} {}:\n{}",
                path.display(),
                describe(&violations)
            ));
        }
    }
    assert!(
        report.is_empty(),
        "serious or critical axe-core violations:\n{report}"
    );
}

/// Chinese next to Latin letters or digits gets the clreq quarter-space from
/// the stylesheet (`text-autospace`), on screen and in print, so the content
/// needs no typed spaces.
#[test]
fn chinese_and_latin_text_are_spaced_by_the_stylesheet() {
    let pages = pages_under_test();
    let Some(browser) = Browser::launch() else {
        return;
    };
    let page = browser.open_file(&pages[2].1);
    let widths = |media: &str| {
        page.eval(&format!(
            "(() => {{
                const probe = text => {{
                    const span = document.createElement('span');
                    span.textContent = text;
                    document.querySelector('main').appendChild(span);
                    const width = span.getBoundingClientRect().width;
                    span.remove();
                    return width;
                }};
                return [
                    getComputedStyle(document.documentElement).textAutospace,
                    probe('负责ISO9001认证'),
                    probe('负责') + probe('ISO9001') + probe('认证'),
                    {media:?},
                ];
            }})()"
        ))
    };
    let screen = widths("screen");
    assert_eq!(screen[0], "normal", "{screen}");
    let (joined, apart) = (screen[1].as_f64().unwrap(), screen[2].as_f64().unwrap());
    assert!(
        joined > apart + 2.0,
        "no space between Chinese and Latin: {screen}"
    );
    let print = std::fs::read_to_string(site().join("static/print.css")).expect("print.css");
    assert!(print.contains("text-autospace: normal"), "print.css");
}

/// Dark mode follows the reader's system (`prefers-color-scheme`): dark
/// backgrounds, light text, charts drawn in the same colours; axe finds no
/// serious or critical problem in either scheme, contrast included.
#[test]
fn pages_follow_the_systems_color_scheme_without_accessibility_problems() {
    let pages = pages_under_test();
    let Some(browser) = Browser::launch() else {
        return;
    };
    let mut failures = String::new();
    // Kept to look at, under Cargo's temporary folder.
    let shots = Path::new(env!("CARGO_TARGET_TMPDIR")).join("color-scheme-shots");
    std::fs::create_dir_all(&shots).expect("screenshot folder");
    let extra = [
        ("org charts page", variant_dir().join("orgcharts.html")),
        ("search page", variant_dir().join("search.html")),
    ];
    for (kind, path) in pages.iter().chain(&extra) {
        for dark in [false, true] {
            let page = browser.open_file(path);
            page.set_color_scheme(dark);
            let colors = page.eval(
                "[getComputedStyle(document.body).backgroundColor, getComputedStyle(document.body).color]",
            );
            let background = colors[0].as_str().unwrap_or_default().to_string();
            let is_dark = background != "rgb(255, 255, 255)" && background != "rgba(0, 0, 0, 0)";
            if is_dark != dark {
                failures.push_str(&format!("{kind} (dark: {dark}): background {background}\n"));
            }
            let name = format!(
                "{}-{}.png",
                kind.replace(' ', "-"),
                if dark { "dark" } else { "light" }
            );
            page.screenshot(&shots.join(name));
            let serious = chromium::serious(browser.axe(&page));
            if !serious.is_empty() {
                failures.push_str(&format!(
                    "{kind} (dark: {dark}): {}\n",
                    chromium::describe(&serious)
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{failures}");
}

/// Every page has what a reader of mdBook or MkDocs-Material looks for: an
/// icon, a print button (not printed itself), and a link on each section
/// heading that leads to the section.
#[test]
fn pages_have_an_icon_a_print_button_and_heading_links() {
    let pages = pages_under_test();
    let Some(browser) = Browser::launch() else {
        return;
    };
    let page = browser.open_file(&pages[2].1);
    let found = page.eval(
        "(() => {
            window.print = () => { window.printed = true; };
            const tools = document.querySelector('.page-tools');
            const button = tools.querySelector('button');
            button.click();
            const headings = [...document.querySelectorAll('main h2[id]')];
            const links = headings.map(h => {
                const a = h.querySelector('a.heading-link');
                return a ? [a.getAttribute('href') === '#' + h.id, a.getAttribute('aria-label')] : null;
            });
            return { shown: !tools.hidden, label: button.textContent, printed: !!window.printed,
                     headings: headings.length, links,
                     icon: document.querySelector('link[rel=icon]').href };
        })()",
    );
    assert_eq!(found["shown"], true, "{found}");
    assert_eq!(found["label"], "打印本页", "{found}");
    assert_eq!(found["printed"], true, "{found}");
    let links = found["links"].as_array().expect("links");
    assert!(found["headings"].as_u64().unwrap_or(0) >= 3, "{found}");
    for link in links {
        assert_eq!(link[0], true, "{found}");
        assert!(
            link[1]
                .as_str()
                .is_some_and(|l| l.starts_with("本节链接：")),
            "{found}"
        );
    }
    let icon = found["icon"].as_str().unwrap_or_default();
    let icon = icon.strip_prefix("file://").expect("a file address");
    assert!(Path::new(icon).is_file(), "{icon}");
    page.eval("document.querySelector('main h2[id] a.heading-link').click()");
    let hash = page.eval("location.hash");
    assert!(hash.as_str().is_some_and(|h| h.len() > 1), "{hash}");

    use headless_chrome::protocol::cdp::Emulation::SetEmulatedMedia;
    let print: SetEmulatedMedia =
        serde_json::from_value(serde_json::json!({"media": "print"})).expect("media");
    page.tab().call_method(print).expect("print media");
    let hidden = page.eval(
        "[getComputedStyle(document.querySelector('.page-tools')).display,
          getComputedStyle(document.querySelector('.heading-link')).display]",
    );
    assert_eq!(hidden, serde_json::json!(["none", "none"]));
    assert!(
        page.console_errors().is_empty(),
        "{:?}",
        page.console_errors()
    );
}

/// The sidebar: every document, the current one open with its roles in
/// reporting order and the current page marked, another document's roles
/// loaded when opened; beside the page at 1440 px, a drawer behind the menu
/// button at 390, 800 and 1024 px (Escape closes it). Screenshots are kept
/// under Cargo's temporary folder; axe finds nothing serious in either form.
#[test]
fn the_sidebar_lists_the_handbook_beside_the_page_or_in_a_drawer() {
    let Some(browser) = Browser::launch() else {
        return;
    };
    let shots = Path::new(env!("CARGO_TARGET_TMPDIR")).join("sidebar-shots");
    std::fs::create_dir_all(&shots).expect("screenshot folder");
    let role = variant_dir().join("04-womenswear-operations/dian-zhang.html");
    let state = "(() => {
        const nav = document.getElementById('sidebar');
        const box = nav.getBoundingClientRect();
        const menu = document.querySelector('.menu-button');
        return {
            docs: nav.querySelectorAll('.sidebar-document').length,
            open: [...nav.querySelectorAll('.sidebar-roles:not([hidden]) a')].map(a => a.textContent),
            current: [...nav.querySelectorAll('.sidebar-documents [aria-current=page]')].map(a => a.textContent),
            shown: getComputedStyle(nav).display !== 'none' && box.width > 0,
            left: box.left, right: box.right, width: document.documentElement.clientWidth,
            menu: getComputedStyle(menu).display !== 'none',
            expanded: menu.getAttribute('aria-expanded'),
        };
    })()";
    let wait_for = |page: &chromium::Page, condition: &str| {
        for _ in 0..100 {
            if page.eval(condition) == serde_json::json!(true) {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        panic!("never true: {condition}");
    };
    for width in [390u32, 800, 1024, 1440] {
        let page = browser.open_file(&role);
        page.set_viewport(width, 900, width < 600);
        wait_for(&page, "document.querySelectorAll('#sidebar .sidebar-document').length > 0 && document.querySelectorAll('#sidebar .sidebar-roles:not([hidden]) a').length > 0");
        let s = page.eval(state);
        assert_eq!(s["docs"], 5, "{width}: {s}");
        assert_eq!(
            s["open"],
            serde_json::json!(["运营总监", "运营区长", "店长", "导购"]),
            "{width}: {s}"
        );
        assert_eq!(s["current"], serde_json::json!(["店长"]), "{width}: {s}");
        let wide = width >= 1120;
        assert_eq!(s["shown"], wide, "{width}: {s}");
        assert_eq!(s["menu"], !wide, "{width}: {s}");
        if width < 600 {
            // A phone's header: title, menu button and search box only; its
            // links are in the drawer.
            let header =
                page.eval("document.querySelector('.site-header').getBoundingClientRect().height");
            assert!(
                header.as_f64().unwrap_or(999.0) <= 110.0,
                "{width}: header {header} px high"
            );
        }
        if !wide {
            page.eval("document.querySelector('.menu-button').click()");
            if width < 600 {
                let links = page.eval("[...document.querySelectorAll('#sidebar .sidebar-links a')].filter(a => a.offsetParent).map(a => a.textContent)");
                let links = links.to_string();
                assert!(
                    links.contains("岗位索引") && links.contains("臺灣正體"),
                    "{width}: {links}"
                );
            }
            let s = page.eval(state);
            assert_eq!(s["expanded"], "true", "{width}: {s}");
            assert_eq!(s["shown"], true, "{width}: {s}");
            let (left, right, window) = (
                s["left"].as_f64().unwrap(),
                s["right"].as_f64().unwrap(),
                s["width"].as_f64().unwrap(),
            );
            assert!(
                left >= 0.0 && right <= window,
                "{width}: the drawer spans {left}–{right} of {window}"
            );
        }
        page.screenshot(&shots.join(format!("sidebar-{width}.png")));
        // Another document's roles arrive when it is opened.
        page.eval("document.querySelector('.sidebar-toggle[aria-controls=\"sidebar-05-platform-operations\"]').click()");
        wait_for(
            &page,
            "document.querySelectorAll('#sidebar-05-platform-operations a').length === 12",
        );
        assert!(
            page.console_errors().is_empty(),
            "{width}: {:?}",
            page.console_errors()
        );
        // axe's own requests for the stylesheets are refused on file://, so
        // it runs after the page's errors are read.
        let serious = chromium::serious(browser.axe(&page));
        assert!(
            serious.is_empty(),
            "{width}: {}",
            chromium::describe(&serious)
        );
        if !wide {
            page.eval("document.dispatchEvent(new KeyboardEvent('keydown', {key: 'Escape'}))");
            let s = page.eval(state);
            assert_eq!(
                (s["expanded"].clone(), s["shown"].clone()),
                (serde_json::json!("false"), serde_json::json!(false)),
                "{width}: {s}"
            );
        }
    }
}

/// On a phone a wide org chart keeps readable labels (12 px at least) and
/// scrolls sideways in its box, instead of shrinking to fit.
#[test]
fn org_charts_stay_readable_on_a_phone() {
    let Some(browser) = Browser::launch() else {
        return;
    };
    let page = browser.open_file(&variant_dir().join("05-platform-operations/index.html"));
    page.set_viewport(390, 844, true);
    let found = page.eval(
        "(() => {
            const svg = document.querySelector('.orgchart svg');
            const box = svg.closest('.orgchart-scroll');
            const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
            return { label: scale * parseFloat(svg.getAttribute('font-size')),
                     scrolls: box.scrollWidth > box.clientWidth,
                     overflow: getComputedStyle(box).overflowX };
        })()",
    );
    assert!(found["label"].as_f64().unwrap_or(0.0) >= 11.9, "{found}");
    assert_eq!(found["overflow"], "auto", "{found}");
    assert_eq!(found["scrolls"], true, "{found}");
    let serious = chromium::serious(browser.axe(&page));
    assert!(serious.is_empty(), "{}", chromium::describe(&serious));
}

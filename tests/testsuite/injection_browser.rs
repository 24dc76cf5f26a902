//! HTML and script in every text field are escaped or sanitized, never run:
//! the built pages are opened in headless Chromium and checked for any sign
//! that injected script executed.

use crate::chromium;
use crate::fixture;

use chromium::Browser;
use fixture::Site;

/// Each payload sets `window.__pwned` if it ever runs.
const PAYLOADS: [&str; 4] = [
    "<script>window.__pwned='script'</script>",
    "<img src=x onerror=\"window.__pwned='img'\">",
    "<svg onload=\"window.__pwned='svg'\"></svg>",
    "<a href=\"javascript:window.__pwned='href'\">x</a>",
];

fn payload(i: usize) -> String {
    format!("字段{i}{}", PAYLOADS[i % PAYLOADS.len()])
}

/// A YAML double-quoted string holding `text`.
fn q(text: &str) -> String {
    serde_json::to_string(text).expect("a string serializes")
}

fn poisoned_site() -> Site {
    let site = Site::new();
    site.write(
        "handbook.yaml",
        &format!(
            "title: {}\ndescription: {}\n",
            q(&payload(0)),
            q(&payload(1))
        ),
    );
    site.write(
        "content/04-demo/_index.md",
        &format!(
            "---\ntitle: {}\norganization: {}\nindustry: {}\nsource: {}\nsummary: {}\nexternal_superiors: [{}]\n---\n1. {}\n",
            q(&payload(2)),
            q(&payload(3)),
            q(&payload(4)),
            q(&payload(5)),
            q(&payload(6)),
            q(&payload(7)),
            payload(8)
        ),
    );
    site.write(
        "content/04-demo/yun-ying-zong-jian.md",
        &format!(
            "---\ntitle: {}\nreports_to: {}\nkey_responsibility: [{}]\nauthority: [{}]\nqualifications:\n  - text: {}\n    items: [{}]\n---\n1. {}\n   1. {}\n\n{}\n",
            q(&payload(9)),
            q(&payload(7)),
            q(&payload(10)),
            q(&payload(11)),
            q(&payload(12)),
            q(&payload(13)),
            payload(14),
            payload(15),
            payload(16)
        ),
    );
    site.write(
        "content/04-demo/yun-ying-qu-zhang.md",
        &format!(
            "---\ntitle: {}\nreports_to: yun-ying-zong-jian\n---\n1. {}\n",
            q(&payload(17)),
            payload(18)
        ),
    );
    let out = site.build();
    assert!(out.status.success(), "{}", fixture::stderr(&out));
    site
}

#[test]
fn injected_html_never_runs_in_any_page() {
    let Some(browser) = Browser::launch() else {
        return;
    };
    let site = poisoned_site();
    let mut pages = Vec::new();
    for entry in walkdir::WalkDir::new(site.path("output/zh-hans")) {
        let entry = entry.expect("walk output");
        if entry.path().extension().is_some_and(|e| e == "html") {
            pages.push(entry.into_path());
        }
    }
    assert!(pages.len() >= 7, "{pages:?}");
    for path in &pages {
        let page = browser.open_file(path);
        // Give event handlers (onerror, onload) a moment to fire.
        page.eval("new Promise(r => setTimeout(r, 50))");
        let pwned = page.eval("window.__pwned || null");
        assert!(
            pwned.is_null(),
            "{}: injected script ran ({pwned})",
            path.display()
        );
        let links = page.eval(
            "[...document.querySelectorAll('a[href]')].filter(a => (a.getAttribute('href') || '').trim().toLowerCase().startsWith('javascript:')).length",
        );
        assert_eq!(links, 0, "{}: a javascript: link survived", path.display());
        // The text is still there, shown as text or with the markup removed.
        let text = page.eval("document.body.innerText");
        assert!(
            text.as_str().unwrap_or("").contains("字段"),
            "{}",
            path.display()
        );
    }
}

#[test]
fn injected_text_in_search_results_never_runs() {
    let Some(browser) = Browser::launch() else {
        return;
    };
    let site = poisoned_site();
    let url = format!(
        "{}?q=%E5%AD%97%E6%AE%B5",
        chromium::file_url(
            &site
                .path("output/zh-hans/search.html")
                .canonicalize()
                .expect("search page")
        )
    );
    let page = browser.open_url(&url);
    let shown = page.eval(
        "new Promise(resolve => { const t0 = Date.now(); (function poll() {
            const n = document.querySelectorAll('main mark').length;
            if (n > 0 || Date.now() - t0 > 5000) resolve(n); else setTimeout(poll, 50);
        })(); })",
    );
    assert!(
        shown.as_u64().unwrap_or(0) > 0,
        "search showed no highlighted results"
    );
    page.eval("new Promise(r => setTimeout(r, 50))");
    assert!(
        page.eval("window.__pwned || null").is_null(),
        "injected script ran from search results"
    );
}

#[test]
fn injected_titles_are_escaped_in_the_source() {
    let site = poisoned_site();
    let page = std::fs::read_to_string(site.path("output/zh-hans/04-demo/yun-ying-qu-zhang.html"))
        .expect("role page");
    assert!(
        !page.contains("<script>window.__pwned"),
        "script tag in the page"
    );
    assert!(
        page.contains("&lt;script&gt;window.__pwned"),
        "titles are shown as text"
    );
}

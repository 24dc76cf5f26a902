//! The script chooser in a real browser: `output/index.html` opens the variant
//! matching the browser's languages, and remembers a reader's explicit choice.

use crate::chromium;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use chromium::{build_site, Browser, Page};

fn site() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("handbook-variants-{}", std::process::id()));
    build_site(&dir.join("output"))
}

/// Waits until the page's URL ends with `suffix` (a redirect has happened).
fn wait_for_url(page: &Page, suffix: &str) -> String {
    let started = Instant::now();
    loop {
        let url = page.tab().get_url();
        if url.ends_with(suffix) {
            return url;
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "still at {url}, expected …{suffix}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn root_page_opens_the_matching_variant_and_remembers_a_choice() {
    let Some(browser) = Browser::launch() else {
        return;
    };
    let out = site();
    // The harness starts Chromium with --lang=zh-CN.
    let first = browser.open_redirecting_file(&out.join("index.html"));
    wait_for_url(&first, "/zh-hans/index.html");

    let role = browser.open_file(&out.join("zh-hans/04-womenswear-operations/dian-zhang.html"));
    role.eval("document.querySelector('.variant-switcher a[hreflang=\"zh-TW\"]').click()");
    wait_for_url(&role, "/zh-tw/04-womenswear-operations/dian-zhang.html");
    let title = role.eval("document.querySelector('h1').textContent");
    assert_eq!(title, "店長");
    let lang = role.eval("document.documentElement.lang");
    assert_eq!(lang, "zh-TW");

    let again = browser.open_redirecting_file(&out.join("index.html"));
    wait_for_url(&again, "/zh-tw/index.html");
    assert!(
        again.console_errors().is_empty(),
        "{:?}",
        again.console_errors()
    );
    let _ = std::fs::remove_dir_all(out.parent().unwrap_or(&out));
}

//! The script chooser in a real browser: `output/index.html` opens the variant
//! matching the browser's languages, and remembers a reader's explicit choice.

use crate::chromium;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use chromium::{build_site, Browser, Page};

/// The site built once per test run, under Cargo's temporary folder. Each
/// test's browser has a storage of its own, so a choice one test remembers
/// is not another's.
fn site() -> PathBuf {
    static SITE: OnceLock<PathBuf> = OnceLock::new();
    SITE.get_or_init(|| {
        let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("variants-browser-site");
        if out.exists() {
            std::fs::remove_dir_all(&out)
                .unwrap_or_else(|error| panic!("cannot clear {} ({error})", out.display()));
        }
        build_site(&out)
    })
    .clone()
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
}

/// The root page reads a language tag's script and region: zh-Hant-TW and
/// zh-TW open Taiwan's variant, zh-Hant-HK and zh-MO Hong Kong's, zh-Hans-HK
/// Simplified, zh-Hant standard Traditional; a language that is not Chinese
/// falls through to the next.
#[test]
fn the_root_page_matches_script_and_region_of_the_browsers_languages() {
    let Some(browser) = Browser::launch() else {
        return;
    };
    let out = site();
    for (languages, dir) in [
        ("zh-Hant-TW", "zh-tw"),
        ("zh-TW,zh;q=0.9", "zh-tw"),
        ("zh-Hant-HK", "zh-hk"),
        ("zh-MO", "zh-hk"),
        ("zh-Hans-HK", "zh-hans"),
        ("zh-Hant", "zh-hant"),
        ("en-US,zh-Hant-TW;q=0.8", "zh-tw"),
        ("zh-CN", "zh-hans"),
    ] {
        let page = browser.open_redirecting_file_for(&out.join("index.html"), Some(languages));
        wait_for_url(&page, &format!("/{dir}/index.html"));
    }
}

/// Switching script keeps the reader's place on the page (#anchor), and the
/// print page's switcher remembers the choice like every other page's.
#[test]
fn switching_script_keeps_the_anchor_and_the_print_page_remembers_it() {
    let Some(browser) = Browser::launch() else {
        return;
    };
    let out = site();
    let role = browser.open_file(&out.join("zh-hans/04-womenswear-operations/dian-zhang.html"));
    role.eval("location.hash = '#duties'");
    role.eval("document.querySelector('.variant-switcher a[hreflang=\"zh-HK\"]').click()");
    wait_for_url(
        &role,
        "/zh-hk/04-womenswear-operations/dian-zhang.html#duties",
    );

    let print = browser.open_file(&out.join("zh-hans/print.html"));
    print.eval("document.querySelector('.variant-switcher a[hreflang=\"zh-TW\"]').click()");
    wait_for_url(&print, "/zh-tw/print.html");
    let again = browser.open_redirecting_file(&out.join("index.html"));
    wait_for_url(&again, "/zh-tw/index.html");
}

//! Finding and driving an installed Chromium over the DevTools protocol
//! (`headless_chrome`, which never downloads a browser here).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use headless_chrome::types::PrintToPdfOptions;
use headless_chrome::{Browser, LaunchOptions, Tab};
use serde::Deserialize;

use super::PdfError;

/// How long one DevTools call may take: printing a long handbook included.
const TIMEOUT: Duration = Duration::from_secs(120);

/// The Chromium to print with: `$CHROME` if set, else the first of the
/// usual names on `PATH` (Debian's is `chromium`).
pub fn find_chromium() -> Result<PathBuf, PdfError> {
    if let Some(chrome) = std::env::var_os("CHROME").filter(|v| !v.is_empty()) {
        let chrome = PathBuf::from(chrome);
        // An explicit choice that does not exist is a mistake to report, not
        // a reason to look elsewhere.
        return match chrome.is_file() {
            true => Ok(chrome),
            false => Err(PdfError::ChromeNotFound(chrome)),
        };
    }
    let path = std::env::var_os("PATH").unwrap_or_default();
    let names = [
        "chromium",
        "chromium-browser",
        "google-chrome",
        "google-chrome-stable",
    ];
    names
        .iter()
        .flat_map(|name| std::env::split_paths(&path).map(move |dir| dir.join(name)))
        .find(|candidate| candidate.is_file())
        .ok_or(PdfError::NoChromium)
}

/// A headless Chromium, closed when dropped.
pub struct Chromium {
    browser: Browser,
}

/// A heading of the print page that becomes a bookmark (`data-outline`).
#[derive(Debug, Clone, Deserialize, PartialEq)]
pub struct Heading {
    /// The heading's id: the anchor the contents link to.
    pub id: String,
    /// 1 for the top level, 2 under the level-1 heading before it.
    pub level: u8,
    pub title: String,
}

fn browser_error(e: impl std::fmt::Display) -> PdfError {
    PdfError::Browser(format!("{e:#}"))
}

impl Chromium {
    pub fn launch(path: &Path) -> Result<Chromium, PdfError> {
        check_runs(path)?;
        let args = [
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ];
        let options = LaunchOptions {
            headless: true,
            // Chromium refuses its sandbox as root (containers, CI). The
            // browser only opens the handbook's own files from disk.
            sandbox: false,
            path: Some(path.to_path_buf()),
            // A port of our own: left to choose, headless_chrome tries up to
            // eleven ports, 30 s each, when the browser does not come up.
            port: free_port(),
            idle_browser_timeout: TIMEOUT,
            args: args.iter().map(std::ffi::OsStr::new).collect(),
            ..LaunchOptions::default()
        };
        let browser = Browser::new(options).map_err(|e| {
            PdfError::Browser(format!("{} could not be started: {e:#}", path.display()))
        })?;
        Ok(Chromium { browser })
    }
}

/// Runs `path --version`: a binary that is not a working Chromium fails
/// here at once, with what it said, rather than after DevTools' timeout.
fn check_runs(path: &Path) -> Result<(), PdfError> {
    let ran = std::process::Command::new(path).arg("--version").output();
    let failed = |why: String| {
        PdfError::Browser(format!(
            "{} does not run as a Chromium (`--version`: {why}); set $CHROME to a Chromium binary",
            path.display()
        ))
    };
    let output = ran.map_err(|e| failed(e.to_string()))?;
    if !output.status.success() {
        let said = String::from_utf8_lossy(&output.stderr);
        return Err(failed(format!("{}, {}", output.status, said.trim())));
    }
    Ok(())
}

/// A loopback port nothing listens on now.
fn free_port() -> Option<u16> {
    let listener = std::net::TcpListener::bind(("127.0.0.1", 0)).ok()?;
    listener.local_addr().ok().map(|a| a.port())
}

impl Chromium {
    /// Opens a local file and waits until it has loaded and its fonts are
    /// ready (a font still loading would print in the fallback font).
    pub fn open(&self, file: &Path) -> Result<PrintPage, PdfError> {
        let file = file.canonicalize().map_err(|source| PdfError::Io {
            path: file.to_path_buf(),
            source,
        })?;
        let tab = self.browser.new_tab().map_err(browser_error)?;
        tab.set_default_timeout(TIMEOUT);
        tab.navigate_to(&file_url(&file))
            .and_then(|t| t.wait_until_navigated())
            .map_err(browser_error)?;
        let page = PrintPage { tab };
        page.eval_json("document.fonts.ready.then(() => true)")?;
        Ok(page)
    }
}

/// The print page open in a tab.
pub struct PrintPage {
    tab: Arc<Tab>,
}

impl PrintPage {
    /// The headings that become bookmarks, in page order.
    pub fn headings(&self) -> Result<Vec<Heading>, PdfError> {
        let value = self.eval_json(
            "[...document.querySelectorAll('[data-outline]')].map(h => \
             ({ id: h.id, level: Number(h.dataset.outline), title: h.textContent }))",
        )?;
        serde_json::from_value(value).map_err(browser_error)
    }

    /// Writes each anchor's page number into the contents' slot for it
    /// (`data-page-of`).
    pub fn fill_page_numbers(&self, pages: &BTreeMap<String, u32>) -> Result<(), PdfError> {
        let json = serde_json::to_string(pages).map_err(browser_error)?;
        self.eval_json(&format!(
            "((pages) => {{
                for (const slot of document.querySelectorAll('[data-page-of]')) {{
                    slot.textContent = String(pages[slot.dataset.pageOf] ?? '');
                }}
                return true;
            }})({json})"
        ))?;
        Ok(())
    }

    /// Prints the page as the print stylesheet lays it out (A4 from its
    /// `@page` rule), as a tagged PDF. Chromium's outline is not asked for:
    /// ours replaces it.
    pub fn print(&self) -> Result<Vec<u8>, PdfError> {
        let options = PrintToPdfOptions {
            landscape: Some(false),
            display_header_footer: Some(false),
            print_background: Some(false),
            prefer_css_page_size: Some(true),
            generate_document_outline: Some(false),
            generate_tagged_pdf: Some(true),
            ..PrintToPdfOptions::default()
        };
        self.tab.print_to_pdf(Some(options)).map_err(browser_error)
    }

    /// Evaluates a JavaScript expression, awaiting a promise, and returns its
    /// value. JSON crosses the protocol as a string: objects would otherwise
    /// come back as remote references.
    fn eval_json(&self, expression: &str) -> Result<serde_json::Value, PdfError> {
        let wrapped = format!("Promise.resolve({expression}).then(v => JSON.stringify(v))");
        let result = self.tab.evaluate(&wrapped, true).map_err(browser_error)?;
        match result.value {
            Some(serde_json::Value::String(text)) => {
                serde_json::from_str(&text).map_err(browser_error)
            }
            _ => Err(PdfError::Browser(format!(
                "evaluating a script in the print page failed: {}",
                result.description.unwrap_or_default()
            ))),
        }
    }
}

impl Drop for PrintPage {
    fn drop(&mut self) {
        // Best effort: the browser may already be gone.
        let _ = self.tab.close(false);
    }
}

/// The `file://` URL of an absolute path, percent-encoding what needs it.
pub fn file_url(path: &Path) -> String {
    let mut url = String::from("file://");
    for byte in path.to_string_lossy().bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' => {
                url.push(byte as char)
            }
            _ => url.push_str(&format!("%{byte:02X}")),
        }
    }
    url
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_urls_are_percent_encoded() {
        assert_eq!(
            file_url(Path::new("/tmp/手册 a/print.html")),
            "file:///tmp/%E6%89%8B%E5%86%8C%20a/print.html"
        );
    }
}

//! Helpers shared by the integration tests: building the real site, and driving
//! a real headless Chromium over the DevTools protocol (`headless_chrome`).
//!
//! Browser tests skip, with a notice on stderr, when Chromium or axe-core is
//! missing, and fail instead when `HANDBOOK_REQUIRE_BROWSER=1` (as in CI).
//!
//! ```ignore
//! mod common;
//! let Some(browser) = chromium::Browser::launch() else { return };
//! let page = browser.open_file(&site.join("zh-hans/index.html"));
//! assert_eq!(page.console_errors(), Vec::<String>::new());
//! if chromium::axe_available() {
//!     let serious = chromium::serious(browser.axe(&page));
//! }
//! ```

// Each test crate uses its own subset of these helpers.
#![allow(dead_code)]

use std::collections::HashSet;
use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex, OnceLock};
use std::time::{Duration, Instant};

use headless_chrome::protocol::cdp::types::Event;
use headless_chrome::protocol::cdp::Log::LogEntryLevel;
use headless_chrome::protocol::cdp::Page::Navigate;
use headless_chrome::protocol::cdp::Runtime::{ConsoleAPICalledEventTypeOption, RemoteObject};
use headless_chrome::{LaunchOptions, Tab};
use serde::Deserialize;

/// Set to `1` to turn "browser or axe-core missing" from a skip into a failure.
pub const REQUIRE_BROWSER_VAR: &str = "HANDBOOK_REQUIRE_BROWSER";

/// How long one DevTools call, a page load or an `axe.run()` may take.
const TIMEOUT: Duration = Duration::from_secs(60);

/// Repository root: the folder holding `Cargo.toml`, `handbook.yaml` and `content/`.
pub fn repo_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Runs the real `handbook build --output <out>` from the repository root and
/// asserts that it succeeds. Returns `out`.
pub fn build_site(out: &Path) -> PathBuf {
    let started = Instant::now();
    let output = crate::handbook_command()
        .arg("build")
        .arg("--output")
        .arg(out)
        .current_dir(repo_root())
        .output()
        .expect("could not run the handbook binary");
    assert!(
        output.status.success(),
        "`handbook build --output {}` failed ({}) after {:.1?}\n--- stdout ---\n{}\n--- stderr ---\n{}",
        out.display(),
        output.status,
        started.elapsed(),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr),
    );
    assert!(
        out.is_dir(),
        "`handbook build --output {}` succeeded but wrote no such folder",
        out.display()
    );
    out.to_path_buf()
}

/// True when `HANDBOOK_REQUIRE_BROWSER=1`: missing tools fail the test instead of skipping it.
pub fn browser_required() -> bool {
    std::env::var(REQUIRE_BROWSER_VAR).is_ok_and(|value| value.trim() == "1")
}

/// Prints a skip notice or, when the browser is required, panics.
///
/// The notice goes straight to the process's stderr, not through `eprintln!`,
/// which the test harness captures and shows only for failing tests; it is
/// printed once per test binary.
fn skip_or_fail(what: &str, how_to_fix: &str) {
    if browser_required() {
        panic!("{what}, and {REQUIRE_BROWSER_VAR}=1 requires it ({how_to_fix})");
    }
    static SHOWN: Mutex<Vec<String>> = Mutex::new(Vec::new());
    let mut shown = SHOWN
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if !shown.iter().any(|notice| notice == what) {
        shown.push(what.to_owned());
        let notice = format!(
            "skipping: {what} ({how_to_fix}, or set {REQUIRE_BROWSER_VAR}=1 to fail instead)\n"
        );
        // Nothing sensible to do if stderr is gone.
        let _ = std::io::stderr().write_all(notice.as_bytes());
    }
}

/// The Chromium to drive: `$CHROME` if set, else `/usr/bin/chromium`, else
/// `chromium` or `chromium-browser` on `PATH`.
pub fn find_chromium() -> Option<PathBuf> {
    if let Some(chrome) = std::env::var_os("CHROME").filter(|value| !value.is_empty()) {
        let chrome = PathBuf::from(chrome);
        // An explicit choice that does not exist is a mistake, not a reason to skip.
        assert!(
            chrome.is_file(),
            "$CHROME is set to {} but there is no such file",
            chrome.display()
        );
        return Some(chrome);
    }
    let debian = Path::new("/usr/bin/chromium");
    if debian.is_file() {
        return Some(debian.to_path_buf());
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| [dir.join("chromium"), dir.join("chromium-browser")])
        .find(|candidate| candidate.is_file())
}

/// Where `npm ci --prefix tests/browser` puts axe-core.
pub fn axe_path() -> PathBuf {
    repo_root().join("tests/browser/node_modules/axe-core/axe.min.js")
}

/// Whether axe-core is installed; prints the skip notice (or panics when the
/// browser is required) when it is not. Call before [`Browser::axe`].
pub fn axe_available() -> bool {
    if axe_path().is_file() {
        return true;
    }
    skip_or_fail(
        &format!("axe-core not found at {}", axe_path().display()),
        "run `npm ci --prefix tests/browser`",
    );
    false
}

fn axe_source() -> &'static str {
    static SOURCE: OnceLock<String> = OnceLock::new();
    SOURCE.get_or_init(|| {
        std::fs::read_to_string(axe_path()).unwrap_or_else(|error| {
            panic!(
                "cannot read {} ({error}); run `npm ci --prefix tests/browser` \
                 and check chromium::axe_available() first",
                axe_path().display()
            )
        })
    })
}

/// A headless Chromium with a fresh profile, killed when dropped.
pub struct Browser {
    inner: headless_chrome::Browser,
    // Declared after `inner` so that it is removed after Chromium has exited.
    _profile: tempfile::TempDir,
}

impl Browser {
    /// Launches Chromium, or returns `None` after printing a skip notice when
    /// there is none (panics instead when `HANDBOOK_REQUIRE_BROWSER=1`).
    /// A Chromium that is present but fails to start is a failure.
    pub fn launch() -> Option<Browser> {
        let Some(chromium) = find_chromium() else {
            skip_or_fail(
                "chromium not found",
                "install Debian's chromium, or point $CHROME at a Chromium binary",
            );
            return None;
        };
        let profile = tempfile::Builder::new()
            .prefix("handbook-chromium-profile-")
            .tempdir()
            .expect("could not create a temporary Chromium profile");
        let args = [
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            // Keep the page language stable whatever the machine's locale.
            "--lang=zh-CN",
        ];
        let options = LaunchOptions {
            headless: true,
            // Needed as root (CI); the pages are our own local files.
            sandbox: false,
            path: Some(chromium.clone()),
            user_data_dir: Some(profile.path().to_path_buf()),
            window_size: Some((1280, 900)),
            idle_browser_timeout: TIMEOUT,
            args: args.iter().map(std::ffi::OsStr::new).collect(),
            ..LaunchOptions::default()
        };
        let inner = headless_chrome::Browser::new(options).unwrap_or_else(|error| {
            panic!(
                "{} is installed but could not be started: {error:#}",
                chromium.display()
            )
        });
        Some(Browser {
            inner,
            _profile: profile,
        })
    }

    /// The underlying `headless_chrome` browser, for what this wrapper lacks.
    pub fn inner(&self) -> &headless_chrome::Browser {
        &self.inner
    }

    /// Opens a local file in a new tab and waits until it has loaded (the
    /// `load` event has fired and its handlers have run). Console errors,
    /// uncaught exceptions and failed resource loads are recorded from the
    /// start; read them with [`Page::console_errors`].
    pub fn open_file(&self, path: &Path) -> Page {
        let path = path
            .canonicalize()
            .unwrap_or_else(|error| panic!("cannot open {} ({error})", path.display()));
        self.open_url(&file_url(&path))
    }

    /// Opens a local file that immediately sends the reader elsewhere (the
    /// root page's script chooser): navigation starts, nothing is awaited.
    /// Poll [`Page::tab`]'s URL for where it lands.
    pub fn open_redirecting_file(&self, path: &Path) -> Page {
        self.open_redirecting_file_for(path, None)
    }

    /// [`Browser::open_redirecting_file`] for a reader whose browser asks for
    /// `languages` (an Accept-Language value, also `navigator.languages`).
    pub fn open_redirecting_file_for(&self, path: &Path, languages: Option<&str>) -> Page {
        let tab = self.inner.new_tab().expect("could not open a Chromium tab");
        tab.set_default_timeout(TIMEOUT);
        if let Some(languages) = languages {
            tab.set_user_agent("Mozilla/5.0 (handbook tests)", Some(languages), None)
                .expect("could not set the browser's languages");
        }
        let url = file_url(&path.canonicalize().expect("file to open"));
        let page = Page::watch(tab, &url);
        page.tab
            .navigate_to(&url)
            .unwrap_or_else(|error| panic!("could not navigate to {url}: {error:#}"));
        page
    }

    /// Like [`Browser::open_file`], for any URL.
    pub fn open_url(&self, url: &str) -> Page {
        let tab = self.inner.new_tab().expect("could not open a Chromium tab");
        tab.set_default_timeout(TIMEOUT);
        let page = Page::watch(tab, url);
        let navigation = page
            .tab
            .call_method(Navigate {
                url: url.to_owned(),
                referrer: None,
                transition_Type: None,
                frame_id: None,
                referrer_policy: None,
            })
            .unwrap_or_else(|error| panic!("could not navigate to {url}: {error:#}"));
        if let Some(error) = navigation.error_text {
            panic!("could not load {url}: {error}");
        }
        let loader = navigation
            .loader_id
            .unwrap_or_else(|| panic!("navigating to {url} did not start a new document"));
        page.journal
            .wait(&format!("the load event of {url}"), |state| {
                state.loaded.contains(&loader)
            });
        page.eval(
            "new Promise(resolve => {
                const settle = () => setTimeout(resolve, 0);
                if (document.readyState === 'complete') settle();
                else addEventListener('load', settle, { once: true });
            })",
        );
        page
    }

    /// Injects axe-core into the page and runs it with its default rules
    /// (every rule except the experimental ones), returning the violations.
    /// Panics when axe-core is missing: check [`axe_available`] first.
    pub fn axe(&self, page: &Page) -> Vec<Violation> {
        let injected = page.eval("typeof window.axe === 'object'");
        if injected != serde_json::Value::Bool(true) {
            page.tab
                .evaluate(axe_source(), false)
                .unwrap_or_else(|error| {
                    panic!("could not inject axe-core into {}: {error:#}", page.url)
                });
        }
        let violations = page.eval(
            "axe.run(document, { resultTypes: ['violations'] }).then(result => result.violations)",
        );
        serde_json::from_value(violations)
            .unwrap_or_else(|error| panic!("unexpected axe-core result on {}: {error}", page.url))
    }
}

/// The `file://` URL of an absolute path (the one `handbook pdf` uses).
pub fn file_url(path: &Path) -> String {
    assert!(path.is_absolute(), "{} is not absolute", path.display());
    handbook::pdf::file_url(path)
}

/// What the page's listener records, shared with the tab's event thread.
#[derive(Default)]
struct Journal {
    state: Mutex<JournalState>,
    changed: Condvar,
}

#[derive(Default)]
struct JournalState {
    errors: Vec<String>,
    /// Markers logged by [`Page::flush_events`] and seen by the listener.
    markers: HashSet<String>,
    /// Loader (document) ids whose `load` event has fired.
    loaded: HashSet<String>,
}

/// One tab showing one page.
pub struct Page {
    tab: Arc<Tab>,
    url: String,
    journal: Arc<Journal>,
}

impl Page {
    fn watch(tab: Arc<Tab>, url: &str) -> Page {
        let journal = Arc::new(Journal::default());
        let recorder = Arc::clone(&journal);
        tab.add_event_listener(Arc::new(move |event: &Event| recorder.record(event)))
            .expect("could not listen to the tab's events");
        tab.enable_runtime()
            .and_then(|tab| tab.enable_log())
            .expect("could not enable the Runtime and Log domains");
        Page {
            tab,
            url: url.to_owned(),
            journal,
        }
    }

    /// Saves what the window shows as a PNG file, to look at.
    pub fn screenshot(&self, path: &Path) {
        use headless_chrome::protocol::cdp::Page::CaptureScreenshotFormatOption;
        let png = self
            .tab
            .capture_screenshot(CaptureScreenshotFormatOption::Png, None, None, true)
            .expect("screenshot");
        std::fs::write(path, png)
            .unwrap_or_else(|error| panic!("cannot write {} ({error})", path.display()));
    }

    /// Shows the page as for a reader whose system asks for a dark (or a
    /// light) color scheme.
    pub fn set_color_scheme(&self, dark: bool) {
        use headless_chrome::protocol::cdp::Emulation::SetEmulatedMedia;
        let media: SetEmulatedMedia = serde_json::from_value(serde_json::json!({
            "features": [{"name": "prefers-color-scheme", "value": if dark { "dark" } else { "light" }}],
        }))
        .expect("emulated media");
        self.tab
            .call_method(media)
            .expect("could not emulate the color scheme");
    }

    /// Lays the page out for a window `width` × `height` CSS pixels wide, as
    /// a phone when `mobile`.
    pub fn set_viewport(&self, width: u32, height: u32, mobile: bool) {
        use headless_chrome::protocol::cdp::Emulation::SetDeviceMetricsOverride;
        let metrics: SetDeviceMetricsOverride = serde_json::from_value(serde_json::json!({
            "width": width,
            "height": height,
            "deviceScaleFactor": 1,
            "mobile": mobile,
        }))
        .expect("device metrics");
        self.tab
            .call_method(metrics)
            .expect("could not set the viewport");
    }

    /// The underlying `headless_chrome` tab, for what this wrapper lacks.
    pub fn tab(&self) -> &Arc<Tab> {
        &self.tab
    }

    /// The URL this page was opened at.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Everything the page reported as an error so far: `console.error` and
    /// failed `console.assert` calls, uncaught exceptions and unhandled
    /// rejections, and browser-side errors such as failed resource loads.
    /// Events already emitted by the page are all delivered before this returns.
    pub fn console_errors(&self) -> Vec<String> {
        self.flush_events();
        self.journal.state.lock().unwrap().errors.clone()
    }

    /// Evaluates a JavaScript expression in the page, awaits it if it is a
    /// promise, and returns its value as JSON. Panics, with the page's error
    /// message, if it throws.
    pub fn eval(&self, expression: &str) -> serde_json::Value {
        let wrapped = format!(
            "(async () => {{
                try {{
                    const value = await ({expression}\n);
                    return JSON.stringify({{ ok: value === undefined ? null : value }});
                }} catch (error) {{
                    return JSON.stringify({{ error: String(error && error.stack || error) }});
                }}
            }})()"
        );
        let result = self.tab.evaluate(&wrapped, true).unwrap_or_else(|error| {
            panic!("could not evaluate JavaScript in {}: {error:#}", self.url)
        });
        let text = match result.value {
            Some(serde_json::Value::String(text)) => text,
            other => panic!(
                "evaluating JavaScript in {} returned {other:?} ({:?})",
                self.url, result.description
            ),
        };
        let mut outcome: serde_json::Value = serde_json::from_str(&text)
            .unwrap_or_else(|error| panic!("bad JSON from {} ({error}): {text}", self.url));
        if let Some(error) = outcome.get("error") {
            panic!("JavaScript threw in {}:\n{expression}\n{error}", self.url);
        }
        outcome["ok"].take()
    }

    /// Waits until the tab's event thread has handed us every event the page
    /// emitted before this call: logs a unique marker and waits for it.
    fn flush_events(&self) {
        static NEXT: AtomicU64 = AtomicU64::new(0);
        let marker = format!(
            "handbook-test-marker-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        );
        self.eval(&format!("console.debug({marker:?})"));
        self.journal
            .wait(&format!("the console events of {}", self.url), |state| {
                state.markers.contains(&marker)
            });
    }
}

impl Drop for Page {
    fn drop(&mut self) {
        // Best effort: the browser may already be gone.
        let _ = self.tab.close(false);
    }
}

impl Journal {
    /// Waits, up to [`TIMEOUT`], until `done` holds; panics naming `what` if it does not.
    fn wait(&self, what: &str, mut done: impl FnMut(&JournalState) -> bool) {
        let state = self.state.lock().unwrap();
        let (_state, wait) = self
            .changed
            .wait_timeout_while(state, TIMEOUT, |state| !done(state))
            .unwrap();
        assert!(
            !wait.timed_out(),
            "timed out after {TIMEOUT:?} waiting for {what}"
        );
    }

    fn record(&self, event: &Event) {
        let error = match event {
            Event::PageLifecycleEvent(lifecycle) if lifecycle.params.name == "load" => {
                let loader = lifecycle.params.loader_id.clone();
                self.state.lock().unwrap().loaded.insert(loader);
                self.changed.notify_all();
                None
            }
            Event::RuntimeConsoleAPICalled(call) => {
                let params = &call.params;
                let text = params
                    .args
                    .iter()
                    .map(remote_text)
                    .collect::<Vec<_>>()
                    .join(" ");
                match params.Type {
                    ConsoleAPICalledEventTypeOption::Error => Some(format!(
                        "console.error: {text}{}",
                        stack_top(&params.stack_trace)
                    )),
                    ConsoleAPICalledEventTypeOption::Assert => Some(format!(
                        "console.assert failed: {text}{}",
                        stack_top(&params.stack_trace)
                    )),
                    ConsoleAPICalledEventTypeOption::Debug
                        if text.starts_with("handbook-test-marker-") =>
                    {
                        self.state.lock().unwrap().markers.insert(text);
                        self.changed.notify_all();
                        None
                    }
                    _ => None,
                }
            }
            Event::RuntimeExceptionThrown(thrown) => {
                let details = &thrown.params.exception_details;
                let what = details
                    .exception
                    .as_ref()
                    .and_then(|exception| exception.description.clone())
                    .unwrap_or_else(|| details.text.clone());
                let location = details
                    .url
                    .as_deref()
                    .map(|url| format!(" at {url}:{}", details.line_number + 1))
                    .unwrap_or_default();
                // `text` is "Uncaught" or "Uncaught (in promise)".
                Some(format!("{}{location}: {what}", details.text))
            }
            Event::LogEntryAdded(added) => {
                let entry = &added.params.entry;
                (entry.level == LogEntryLevel::Error).then(|| {
                    let url = entry
                        .url
                        .as_deref()
                        .map(|url| format!(" ({url})"))
                        .unwrap_or_default();
                    format!("{:?} error: {}{url}", entry.source, entry.text)
                })
            }
            _ => None,
        };
        if let Some(error) = error {
            self.state.lock().unwrap().errors.push(error);
            self.changed.notify_all();
        }
    }
}

/// A console argument as the DevTools console would print it.
fn remote_text(object: &RemoteObject) -> String {
    match (&object.value, &object.description) {
        (Some(serde_json::Value::String(text)), _) => text.clone(),
        (Some(value), _) => value.to_string(),
        (None, Some(description)) => description.clone(),
        (None, None) => format!("{:?}", object.Type),
    }
}

fn stack_top(stack: &Option<headless_chrome::protocol::cdp::Runtime::StackTrace>) -> String {
    stack
        .as_ref()
        .and_then(|stack| stack.call_frames.first())
        .map(|frame| format!(" (at {}:{})", frame.url, frame.line_number + 1))
        .unwrap_or_default()
}

/// One axe-core rule that failed, with the elements it failed on.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Violation {
    pub id: String,
    /// `minor`, `moderate`, `serious` or `critical`.
    pub impact: Option<String>,
    pub help: String,
    pub help_url: String,
    pub nodes: Vec<ViolationNode>,
}

/// An element that fails an axe-core rule.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ViolationNode {
    /// CSS selectors locating the element (nested lists for frames and shadow roots).
    pub target: serde_json::Value,
    pub html: String,
    pub failure_summary: Option<String>,
}

impl Violation {
    /// Serious and critical violations are the ones the tests reject.
    pub fn is_serious(&self) -> bool {
        matches!(self.impact.as_deref(), Some("serious" | "critical"))
    }
}

/// Keeps the serious and critical violations.
pub fn serious(violations: Vec<Violation>) -> Vec<Violation> {
    violations
        .into_iter()
        .filter(Violation::is_serious)
        .collect()
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "[{}] {}: {} ({})",
            self.impact.as_deref().unwrap_or("unknown impact"),
            self.id,
            self.help,
            self.help_url
        )?;
        for node in &self.nodes {
            writeln!(f, "    at {}: {}", node.target, node.html)?;
            if let Some(summary) = &node.failure_summary {
                for line in summary.lines() {
                    writeln!(f, "        {line}")?;
                }
            }
        }
        Ok(())
    }
}

/// Formats violations for a failure message.
pub fn describe(violations: &[Violation]) -> String {
    violations.iter().map(ToString::to_string).collect()
}

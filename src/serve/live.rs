//! Live reload: the state of the last rebuild, shared between the watcher and
//! the browsers listening on an event stream (server-sent events).

use std::io::Write;
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

/// What the browsers should show: the site version, or the error of the last
/// rebuild (the previous site keeps being served).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Status {
    pub version: u64,
    pub error: Option<String>,
}

/// The shared status and a way to wait for it to change.
#[derive(Debug, Default)]
pub struct Live {
    status: Mutex<Status>,
    changed: Condvar,
}

impl Live {
    pub fn new() -> Arc<Live> {
        Arc::new(Live::default())
    }

    pub fn status(&self) -> Status {
        self.status.lock().map(|s| s.clone()).unwrap_or_default()
    }

    /// A rebuild succeeded: browsers reload.
    pub fn rebuilt(&self) {
        self.update(|s| {
            s.version += 1;
            s.error = None;
        });
    }

    /// A rebuild failed: browsers show `message` over the last good page.
    pub fn failed(&self, message: String) {
        self.update(|s| s.error = Some(message));
    }

    fn update(&self, change: impl FnOnce(&mut Status)) {
        if let Ok(mut s) = self.status.lock() {
            change(&mut s);
        }
        self.changed.notify_all();
    }

    /// Waits until the status differs from `seen`, or `timeout` passes.
    fn wait_change(&self, seen: &Status, timeout: Duration) -> Status {
        let Ok(guard) = self.status.lock() else {
            return seen.clone();
        };
        match self
            .changed
            .wait_timeout_while(guard, timeout, |s| s == seen)
        {
            Ok((s, _)) => s.clone(),
            Err(_) => seen.clone(),
        }
    }
}

/// Events for one browser: blocks until the status changes and yields one
/// event per change, plus a comment now and then so a closed connection is
/// noticed.
pub struct EventStream {
    live: Arc<Live>,
    seen: Option<Status>,
}

impl EventStream {
    pub fn new(live: Arc<Live>) -> EventStream {
        EventStream { live, seen: None }
    }

    pub fn next_event(&mut self) -> Vec<u8> {
        let status = match &self.seen {
            None => self.live.status(),
            Some(seen) => self.live.wait_change(seen, Duration::from_secs(15)),
        };
        if self.seen.as_ref() == Some(&status) {
            return b": keep-alive\n\n".to_vec();
        }
        let event = event_text(&status);
        self.seen = Some(status);
        event.into_bytes()
    }

    /// Writes the response head and the events until the browser goes away.
    /// Each event is flushed at once, which a buffered response body would not
    /// do.
    pub fn send_to(mut self, out: &mut dyn Write) {
        let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\nConnection: close\r\n\r\n";
        if out
            .write_all(head.as_bytes())
            .and_then(|_| out.flush())
            .is_err()
        {
            return;
        }
        loop {
            let event = self.next_event();
            if out.write_all(&event).and_then(|_| out.flush()).is_err() {
                return;
            }
        }
    }
}

/// `version` carries the site version (a page reloads when it changes);
/// `build-error` the message of a failed rebuild. (Not `error`: EventSource
/// uses that name for its own connection errors.)
fn event_text(status: &Status) -> String {
    match &status.error {
        Some(message) => {
            let data: String = message.lines().map(|l| format!("data: {l}\n")).collect();
            format!("event: build-error\n{data}\n")
        }
        None => format!("event: version\ndata: {}\n\n", status.version),
    }
}

/// The script injected into every served HTML page.
pub const SCRIPT: &str = r#"(function () {
  var version = null, overlay = null;
  function show(message) {
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.setAttribute("role", "alert");
      overlay.id = "handbook-error-overlay";
      overlay.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;" +
        "background:rgba(20,20,20,.92);color:#fff;padding:2rem;font:14px/1.6 monospace;white-space:pre-wrap";
      document.body.appendChild(overlay);
    }
    overlay.textContent = message;
  }
  var events = new EventSource("/__handbook/events");
  events.addEventListener("version", function (e) {
    if (version !== null && e.data !== version) { location.reload(); return; }
    version = e.data;
    if (overlay) { overlay.remove(); overlay = null; }
  });
  events.addEventListener("build-error", function (e) { show(e.data); });
})();
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stream_reports_versions_and_errors() {
        let live = Live::new();
        let mut stream = EventStream::new(live.clone());
        assert_eq!(stream.next_event(), b"event: version\ndata: 0\n\n");
        live.failed("a.md:3: error\nhint".into());
        assert_eq!(
            String::from_utf8(stream.next_event()).unwrap(),
            "event: build-error\ndata: a.md:3: error\ndata: hint\n\n"
        );
        live.rebuilt();
        assert_eq!(stream.next_event(), b"event: version\ndata: 1\n\n");
    }
}

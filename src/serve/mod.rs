//! `handbook serve`: builds, serves the site on localhost, rebuilds when a
//! source changes and reloads open pages. A broken edit is shown in the
//! terminal and over the page; the last good site keeps being served, since
//! a failed build never touches the output folder.

mod files;
mod live;

use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::{mpsc, Arc};
use std::thread;
use std::time::Duration;

use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher};
use tiny_http::{Header, Method, Response, Server};

use crate::config::CONFIG_FILE;
use crate::content::CONTENT_DIR;
use crate::error::Error;
use crate::incremental::Session;
use crate::pipeline::{self, BuildOptions, BuildSummary};
use crate::render::theme::{OVERRIDES_DIR, THEMES_DIR};
use live::{EventStream, Live};

const EVENTS_URL: &str = "/__handbook/events";
const SCRIPT_URL: &str = "/__handbook/live.js";

/// Where to serve and what to build.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub build: BuildOptions,
    pub bind: IpAddr,
    /// 0 picks a free port.
    pub port: u16,
    /// Rebuild everything after every change instead of what it affects.
    pub full: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("cannot listen on {addr}: {message}")]
    Listen { addr: SocketAddr, message: String },
    #[error("cannot watch {}: {message}", path.display())]
    Watch { path: PathBuf, message: String },
}

/// What the caller shows people: the address once serving, each rebuild.
pub trait Reporter: Send + Sync {
    fn serving(&self, url: &str);
    fn built(&self, summary: &BuildSummary);
    fn failed(&self, error: &Error);
    /// What browsers show over the last good page when a rebuild fails:
    /// a heading and the error, in the reader's language.
    fn describe(&self, error: &Error, root: &Path) -> String {
        let body = match error.diagnostics() {
            [] => error.to_string(),
            list => crate::diagnostics::render(list, root, false),
        };
        format!("handbook: the last edit has an error; showing the last good version.\n\n{body}")
    }
}

/// Serves until the process is stopped. The first build may fail: the server
/// still starts and shows the error, so an author can fix it while watching.
pub fn serve(options: &ServeOptions, reporter: Arc<dyn Reporter>) -> Result<(), ServeError> {
    let live = Live::new();
    let out_dir = pipeline::output_dir(&options.build);
    let mut session = Session::new(options.build.clone());
    if options.full {
        session = session.always_full();
    }
    rebuild(&mut session, None, &live, reporter.as_ref());
    let addr = SocketAddr::new(options.bind, options.port);
    let server = Server::http(addr).map_err(|e| ServeError::Listen {
        addr,
        message: e.to_string(),
    })?;
    let shown = server.server_addr().to_ip().unwrap_or(addr);
    let _watcher = watch(options, session, live.clone(), reporter.clone())?;
    reporter.serving(&format!("http://{shown}/"));
    let server = Arc::new(server);
    for request in server.incoming_requests() {
        let live = live.clone();
        let out_dir = out_dir.clone();
        thread::spawn(move || respond(request, &out_dir, &live));
    }
    Ok(())
}

/// Brings the site up to date and records the outcome for the browsers.
/// Only what the changes require is rebuilt ([`Session`]); on a large
/// handbook the browsers reload as soon as the edited pages are written, and
/// again once the pages about the whole handbook are.
fn rebuild(
    session: &mut Session,
    changed: Option<&[PathBuf]>,
    live: &Live,
    reporter: &dyn Reporter,
) {
    let mut early = |summary: &BuildSummary| {
        reporter.built(summary);
        live.rebuilt();
    };
    match session.rebuild_after(changed, &mut early) {
        Ok(done) if done.reported_early && done.written_late == 0 => {}
        Ok(done) => {
            reporter.built(&done.summary);
            live.rebuilt();
        }
        Err(e) => {
            reporter.failed(&e);
            live.failed(reporter.describe(&e, session.root()));
        }
    }
}

/// How long to wait after a change for more changes before rebuilding: an
/// editor's save is often several file events.
const SETTLE: Duration = Duration::from_millis(150);

/// Watches content, themes, template overrides and the configuration, and
/// rebuilds after each burst of changes.
fn watch(
    options: &ServeOptions,
    mut session: Session,
    live: Arc<Live>,
    reporter: Arc<dyn Reporter>,
) -> Result<RecommendedWatcher, ServeError> {
    // The paths of each change; none when the watcher lost track and every
    // file must be looked at.
    let (sender, changes) = mpsc::channel::<Vec<PathBuf>>();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<Event>| {
        // Reading files (the build itself) raises access events; only
        // changes count, or every build would start the next.
        let paths = match event {
            Ok(e) if matches!(e.kind, EventKind::Access(_)) => return,
            Ok(e) if !e.need_rescan() => e.paths,
            _ => Vec::new(),
        };
        let _ = sender.send(paths);
    })
    .map_err(|e| watch_error(&options.build.root, e))?;
    let root = &options.build.root;
    let watched = [CONTENT_DIR, THEMES_DIR, OVERRIDES_DIR, CONFIG_FILE];
    for path in watched.iter().map(|p| root.join(p)).filter(|p| p.exists()) {
        watcher
            .watch(&path, RecursiveMode::Recursive)
            .map_err(|e| watch_error(&path, e))?;
    }
    thread::spawn(move || {
        while let Ok(mut paths) = changes.recv() {
            let mut lost_track = paths.is_empty();
            while let Ok(more) = changes.recv_timeout(SETTLE) {
                lost_track |= more.is_empty();
                paths.extend(more);
            }
            let changed = (!lost_track).then_some(paths.as_slice());
            rebuild(&mut session, changed, &live, reporter.as_ref());
        }
    });
    Ok(watcher)
}

fn watch_error(path: &Path, e: notify::Error) -> ServeError {
    ServeError::Watch {
        path: path.to_path_buf(),
        message: e.to_string(),
    }
}

/// The most header bytes a request may carry; a browser sends a few
/// hundred.
const MAX_HEADER_BYTES: usize = 16 * 1024;

/// Why a request is refused before the site is looked at, if it is.
fn refusal(request: &tiny_http::Request) -> Option<(u16, &'static str)> {
    if !matches!(request.method(), Method::Get | Method::Head) {
        return Some((405, "only GET and HEAD are served"));
    }
    let header_bytes: usize = (request.headers().iter())
        .map(|h| h.field.as_str().as_str().len() + h.value.as_str().len() + 4)
        .sum();
    if header_bytes > MAX_HEADER_BYTES {
        return Some((431, "request headers too large"));
    }
    let host = request.headers().iter().find(|h| h.field.equiv("Host"));
    if !host.is_some_and(|h| allowed_host(h.value.as_str())) {
        return Some((403, "unknown host: open the address handbook serve printed"));
    }
    None
}

/// Whether a `Host` header names this machine by address or as
/// `localhost`. Any other name could be a DNS-rebinding page pointing its
/// own domain at this server, to read the handbook from the reader's
/// browser.
fn allowed_host(host: &str) -> bool {
    let name = match host.strip_prefix('[') {
        Some(rest) => rest.split(']').next().unwrap_or(""),
        None => host.rsplit_once(':').map_or(host, |(name, _)| name),
    };
    name.eq_ignore_ascii_case("localhost") || name.parse::<std::net::IpAddr>().is_ok()
}

fn respond(request: tiny_http::Request, out_dir: &Path, live: &Arc<Live>) {
    let url = request.url().to_string();
    if let Some((status, message)) = refusal(&request) {
        let mut response = Response::from_string(message).with_status_code(status);
        if status == 405 {
            response = response.with_header(header("Allow", "GET, HEAD"));
        }
        let _ = request.respond(response);
        return;
    }
    // A failed answer means the browser went away; nothing to do about it.
    let _ = match url.as_str() {
        EVENTS_URL => {
            EventStream::new(live.clone()).send_to(&mut request.into_writer());
            Ok(())
        }
        SCRIPT_URL => request.respond(
            Response::from_string(live::SCRIPT)
                .with_header(header("Content-Type", "text/javascript; charset=utf-8")),
        ),
        _ => {
            let tag = format!("<script src=\"{SCRIPT_URL}\"></script>");
            match files::lookup(out_dir, &url, &tag) {
                files::Lookup::File(found) => request.respond(
                    Response::from_data(found.body)
                        .with_header(header("Content-Type", found.content_type))
                        .with_header(header("Cache-Control", "no-store")),
                ),
                files::Lookup::Redirect(to) => match Header::from_bytes("Location", to) {
                    Ok(location) => request.respond(Response::empty(301).with_header(location)),
                    Err(()) => request.respond(Response::empty(400)),
                },
                files::Lookup::Missing => request.respond(not_found(out_dir, &url, &tag)),
            }
        }
    };
}

/// The site's own not-found page, in the script of the variant folder the
/// address is in (else the top one), when the theme has one; else a short
/// page naming the address, escaped.
fn not_found(out_dir: &Path, url: &str, tag: &str) -> Response<std::io::Cursor<Vec<u8>>> {
    let folder = url
        .trim_start_matches('/')
        .split_once('/')
        .map(|(first, _)| first);
    let nearest = folder.map(|f| format!("/{f}/404.html"));
    let page = (nearest.iter().map(String::as_str))
        .chain(["/404.html"])
        .find_map(|candidate| files::find(out_dir, candidate, tag));
    let body = match page {
        Some(page) => page.body,
        None => format!(
            "<!DOCTYPE html><meta charset=\"utf-8\"><title>404</title><p>没有这个页面：{}</p>{tag}",
            ammonia::clean_text(url)
        )
        .into_bytes(),
    };
    Response::from_data(body)
        .with_status_code(404)
        .with_header(header("Content-Type", "text/html; charset=utf-8"))
}

fn header(name: &str, value: &str) -> Header {
    // Both parts are ASCII constants of this module, which always parse.
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("constant header")
}

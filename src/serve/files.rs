//! Answering a request from the built site on disk.

use std::fs;
use std::path::{Component, Path, PathBuf};

use percent_encoding::percent_decode_str;

/// A file to send.
pub struct Found {
    pub body: Vec<u8>,
    pub content_type: &'static str,
}

/// What a URL path names under the output folder.
pub enum Lookup {
    File(Found),
    /// A folder asked for without its trailing slash: the pages' relative
    /// links only work from `folder/`, so the browser is sent there.
    Redirect(String),
    Missing,
}

/// The answer for a URL under `out_dir`.
pub fn lookup(out_dir: &Path, url: &str, script_tag: &str) -> Lookup {
    let (path, query) = url
        .split_once('?')
        .map_or((url, None), |(p, q)| (p, Some(q)));
    if !path.ends_with('/') && resolve_folder(out_dir, path) {
        let query = query.map(|q| format!("?{q}")).unwrap_or_default();
        return Lookup::Redirect(format!("{path}/{query}"));
    }
    find(out_dir, url, script_tag).map_or(Lookup::Missing, Lookup::File)
}

/// Whether `path` names a folder of the site.
fn resolve_folder(out_dir: &Path, path: &str) -> bool {
    relative(path).is_some_and(|rel| !rel.as_os_str().is_empty() && out_dir.join(rel).is_dir())
}

/// The file for a URL path under `out_dir`, with the live-reload script
/// injected into HTML. `None` for anything outside the folder or missing.
pub fn find(out_dir: &Path, url: &str, script_tag: &str) -> Option<Found> {
    let path = resolve(out_dir, url)?;
    let body = fs::read(&path).ok()?;
    let content_type = content_type(&path);
    let body = if content_type.starts_with("text/html") {
        inject(body, script_tag)
    } else {
        body
    };
    Some(Found { body, content_type })
}

/// The path below the output folder a URL path names; `None` for anything
/// that would leave it.
fn relative(url: &str) -> Option<PathBuf> {
    let path = url.split(['?', '#']).next().unwrap_or("");
    let decoded = percent_decode_str(path).decode_utf8().ok()?;
    let rel = PathBuf::from(decoded.trim_start_matches('/'));
    rel.components()
        .all(|c| matches!(c, Component::Normal(_)))
        .then_some(rel)
}

fn resolve(out_dir: &Path, url: &str) -> Option<PathBuf> {
    let full = out_dir.join(relative(url)?);
    if full.is_dir() {
        let index = full.join("index.html");
        return index.is_file().then_some(index);
    }
    full.is_file().then_some(full)
}

/// Adds the script before `</body>`, or at the end when there is none.
fn inject(body: Vec<u8>, script_tag: &str) -> Vec<u8> {
    let text = String::from_utf8_lossy(&body);
    match text.rfind("</body>") {
        Some(i) => format!("{}{script_tag}{}", &text[..i], &text[i..]).into_bytes(),
        None => format!("{text}{script_tag}").into_bytes(),
    }
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("json") => "application/json",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("pdf") => "application/pdf",
        Some("woff2") => "font/woff2",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_inside_the_folder_only() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("zh-hans")).unwrap();
        fs::write(dir.path().join("zh-hans/index.html"), "<body>x</body>").unwrap();
        let found = find(dir.path(), "/zh-hans/?q=1", "<script></script>").unwrap();
        assert_eq!(found.body, b"<body>x<script></script></body>");
        assert!(find(dir.path(), "/../etc/passwd", "").is_none());
        assert!(find(dir.path(), "/%2e%2e/etc/passwd", "").is_none());
        assert!(find(dir.path(), "/missing.html", "").is_none());
    }

    #[test]
    fn folders_without_a_slash_redirect() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("zh-hans/01-a")).unwrap();
        fs::write(dir.path().join("zh-hans/01-a/index.html"), "x").unwrap();
        let redirect = |url| match lookup(dir.path(), url, "") {
            Lookup::Redirect(to) => Some(to),
            _ => None,
        };
        assert_eq!(redirect("/zh-hans/01-a").as_deref(), Some("/zh-hans/01-a/"));
        assert_eq!(redirect("/zh-hans?q=1").as_deref(), Some("/zh-hans/?q=1"));
        assert_eq!(redirect("/zh-hans/01-a/"), None);
        assert_eq!(redirect("/"), None);
        assert_eq!(redirect("/../zh-hans"), None);
    }
}

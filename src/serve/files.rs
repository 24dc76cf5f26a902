//! Answering a request from the built site on disk.

use std::fs;
use std::path::{Component, Path, PathBuf};

use percent_encoding::percent_decode_str;

/// A file to send.
pub struct Found {
    pub body: Vec<u8>,
    pub content_type: &'static str,
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

fn resolve(out_dir: &Path, url: &str) -> Option<PathBuf> {
    let path = url.split(['?', '#']).next().unwrap_or("");
    let decoded = percent_decode_str(path).decode_utf8().ok()?;
    let rel = Path::new(decoded.trim_start_matches('/'));
    if !rel.components().all(|c| matches!(c, Component::Normal(_))) {
        return None;
    }
    let full = out_dir.join(rel);
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
}

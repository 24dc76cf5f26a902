//! Themes: Tera templates, static files and interface strings, with single
//! templates overridable from the site's own `templates/` folder.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use tera::Tera;

use crate::content::source::read_source;
use crate::content::yaml_error;
use crate::error::{Diagnostic, Error, Location, Result};

pub const THEMES_DIR: &str = "themes";
/// Templates here replace the theme's templates of the same name.
pub const OVERRIDES_DIR: &str = "templates";

/// A loaded theme.
pub struct Theme {
    pub tera: Tera,
    /// Template name → file, to name the file in render errors.
    pub templates: BTreeMap<String, PathBuf>,
    /// Files copied as they are to `output/static/`.
    pub static_files: Vec<(PathBuf, PathBuf)>,
    /// Interface strings in the source script, by key.
    pub strings: BTreeMap<String, String>,
}

impl Theme {
    pub fn load(root: &Path, name: &str) -> Result<Theme> {
        let dir = root.join(THEMES_DIR).join(name);
        if !dir.is_dir() {
            return Err(Diagnostic::new(
                Location::new(&dir, 0),
                format!("theme `{name}` not found"),
            )
            .field("theme")
            .hint("set `theme` in handbook.yaml to a folder under themes/")
            .into());
        }
        let mut templates = template_files(&dir.join("templates"))?;
        for (name, path) in template_files(&root.join(OVERRIDES_DIR))? {
            templates.insert(name, path);
        }
        let mut tera = Tera::default();
        tera.autoescape_on(vec![".html"]);
        tera.set_escape_fn(escape_html);
        tera.add_template_files(templates.iter().map(|(n, p)| (p.clone(), Some(n.clone()))))
            .map_err(|e| template_error(e, &templates))?;
        Ok(Theme {
            tera,
            templates,
            static_files: static_files(&dir.join("static"))?,
            strings: load_strings(&dir.join("strings.yaml"))?,
        })
    }
}

/// `name → path` of every `.html` file under `dir`, names relative to it.
fn template_files(dir: &Path) -> Result<BTreeMap<String, PathBuf>> {
    let mut out = BTreeMap::new();
    if !dir.is_dir() {
        return Ok(out);
    }
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.map_err(|e| walk_error(dir, e))?;
        let path = entry.path();
        if entry.file_type().is_file() && path.extension().is_some_and(|e| e == "html") {
            let name = relative_name(dir, path);
            out.insert(name, path.to_path_buf());
        }
    }
    Ok(out)
}

fn static_files(dir: &Path) -> Result<Vec<(PathBuf, PathBuf)>> {
    let mut out = Vec::new();
    if !dir.is_dir() {
        return Ok(out);
    }
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.map_err(|e| walk_error(dir, e))?;
        if entry.file_type().is_file() {
            let rel = PathBuf::from(relative_name(dir, entry.path()));
            out.push((entry.path().to_path_buf(), rel));
        }
    }
    Ok(out)
}

fn relative_name(dir: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(dir).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

fn load_strings(path: &Path) -> Result<BTreeMap<String, String>> {
    if !path.is_file() {
        return Ok(BTreeMap::new());
    }
    let file = read_source(path)?;
    serde_yaml::from_str(&file.text).map_err(|e| yaml_error(path, 1, &e).into())
}

fn walk_error(dir: &Path, e: walkdir::Error) -> Error {
    let path = e.path().unwrap_or(dir).to_path_buf();
    Error::io(&path, e.into())
}

/// Tera reports the template's name and the position in the error's source
/// chain; the author needs the file, so the name is mapped back to its path.
pub fn template_error(err: tera::Error, templates: &BTreeMap<String, PathBuf>) -> Error {
    let mut message = err.to_string();
    let mut source = std::error::Error::source(&err);
    while let Some(s) = source {
        message.push_str(": ");
        message.push_str(&s.to_string());
        source = s.source();
    }
    let file = templates
        .iter()
        .find(|(name, path)| {
            message.contains(&format!("'{name}'"))
                || message.contains(&format!("\"{}\"", path.display()))
        })
        .map(|(_, path)| format!("{}{}: ", path.display(), position(&message)))
        .unwrap_or_default();
    Error::Template(format!("{file}template error: {message}"))
}

/// Tera marks a parse error's place as `--> line:column`.
fn position(message: &str) -> String {
    message
        .split_once("--> ")
        .and_then(|(_, rest)| rest.split_whitespace().next())
        .filter(|pos| pos.split(':').all(|n| n.parse::<usize>().is_ok()))
        .map(|pos| format!(":{pos}"))
        .unwrap_or_default()
}

/// Tera's default escaping also turns `/` into `&#x2F;`, which is valid but
/// makes every URL unreadable in the page source; `/` needs no escaping in
/// text or quoted attributes.
fn escape_html(input: &str) -> String {
    let mut out = String::with_capacity(input.len() + input.len() / 8);
    crate::text::replace_ascii(&mut out, input, |b| match b {
        b'&' => Some("&amp;"),
        b'<' => Some("&lt;"),
        b'>' => Some("&gt;"),
        b'"' => Some("&quot;"),
        b'\'' => Some("&#x27;"),
        _ => None,
    });
    out
}

//! Themes: Tera templates, static files and interface strings, from a
//! folder under `themes/` or the default theme built into the binary
//! (`src/render/builtin_theme.rs`), with single templates overridable from the
//! site's own `templates/` folder.

use std::collections::BTreeMap;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::Deserialize;
use tera::Tera;

use super::{builtin_theme, StaticFile, StaticSource};
use crate::content::source::read_source;
use crate::content::yaml_error;
use crate::error::{Diagnostic, Error, Location, Result};
use crate::text;
use crate::variant::Variant;

pub const THEMES_DIR: &str = "themes";
/// Templates here replace the theme's templates of the same name.
pub const OVERRIDES_DIR: &str = "templates";

/// A loaded theme.
pub struct Theme {
    pub tera: Tera,
    /// Template name → file, to name the file in render errors.
    pub templates: BTreeMap<String, PathBuf>,
    /// Files copied as they are to `output/static/`.
    pub static_files: Vec<StaticFile>,
    /// Interface strings in the source script, by key.
    pub strings: BTreeMap<String, String>,
    /// Strings a variant spells its own way (`breadcrumb: {zh-Hans: 当前位置,
    /// zh-TW: 目前位置}`), used as they are instead of converted.
    pub variant_strings: VariantStrings,
}

/// Key → variant → the string as that variant writes it.
pub type VariantStrings = BTreeMap<String, BTreeMap<Variant, String>>;

/// A theme's files before Tera has them.
struct ThemeFiles {
    /// Template name → (file, text).
    templates: BTreeMap<String, (PathBuf, String)>,
    static_files: Vec<StaticFile>,
    strings: BTreeMap<String, String>,
    variant_strings: VariantStrings,
}

impl Theme {
    /// Theme `name` from `themes/<name>/` under `root`, or the built-in
    /// default theme when `name` is `default` and there is no such folder;
    /// then the single templates of `templates/` on top.
    pub fn load(root: &Path, name: &str) -> Result<Theme> {
        let dir = root.join(THEMES_DIR).join(name);
        let mut files = match (dir.is_dir(), name == builtin_theme::NAME) {
            (true, _) => ThemeFiles::read(&dir)?,
            (false, true) => ThemeFiles::built_in()?,
            (false, false) => return Err(theme_not_found(&dir, name)),
        };
        files
            .templates
            .extend(read_templates(&root.join(OVERRIDES_DIR))?);
        files.into_theme()
    }
}

/// The only way to reach this is a `theme:` naming a folder that is not
/// there, so the hint points at the setting.
fn theme_not_found(dir: &Path, name: &str) -> Error {
    Diagnostic::new(
        Location::new(dir, 0),
        text!("theme `{name}` not found", "找不到主题“{name}”"),
    )
    .field("theme")
    .hint(text!(
        "set `theme` in handbook.yaml to a folder under themes/, \
         or leave it out for the built-in default theme",
        "在设置文件 handbook.yaml 里把“theme”（主题）设为 themes 文件夹里的某个文件夹名；\
         不写这一项，就使用内置的默认主题"
    ))
    .into()
}

impl ThemeFiles {
    fn read(dir: &Path) -> Result<ThemeFiles> {
        let file = dir.join("strings.yaml");
        // A theme made from an older default theme lacks the strings added
        // since (a new field's heading): those come from the built-in ones.
        let built_in = ThemeFiles::built_in()?;
        let (mut strings, mut variant_strings) = (built_in.strings, built_in.variant_strings);
        if file.is_file() {
            let (own, own_variants) = parse_strings(&file, &read_source(&file)?.text)?;
            // A theme's own string replaces the built-in one in every variant.
            for key in own.keys() {
                variant_strings.remove(key);
            }
            strings.extend(own);
            variant_strings.extend(own_variants);
        }
        Ok(ThemeFiles {
            templates: read_templates(&dir.join("templates"))?,
            static_files: static_files(&dir.join("static"))?,
            strings,
            variant_strings,
        })
    }

    fn built_in() -> Result<ThemeFiles> {
        let origin = Path::new(builtin_theme::ORIGIN);
        let text = |bytes: &'static [u8]| String::from_utf8_lossy(bytes).into_owned();
        let templates = builtin_theme::files_in("templates")
            .map(|(name, bytes)| {
                let path = origin.join("templates").join(name);
                (name.to_string(), (path, text(bytes)))
            })
            .collect();
        let static_files = builtin_theme::files_in("static")
            .map(|(rel, bytes)| StaticFile {
                rel: PathBuf::from(rel),
                source: StaticSource::BuiltIn(bytes),
            })
            .collect();
        let strings = builtin_theme::file("strings.yaml")
            .map(text)
            .unwrap_or_default();
        let (strings, variant_strings) = parse_strings(&origin.join("strings.yaml"), &strings)?;
        Ok(ThemeFiles {
            templates,
            static_files,
            strings,
            variant_strings,
        })
    }

    fn into_theme(self) -> Result<Theme> {
        let mut tera = Tera::new();
        tera.autoescape_on([".html"]);
        tera.set_escape_fn(escape_html);
        // Tera checks at load time that every filter a template names
        // exists, so filters are registered before the templates.
        tera.register_filter("json_encode", json_encode);
        let paths: BTreeMap<String, PathBuf> = (self.templates.iter())
            .map(|(name, (path, _))| (name.clone(), path.clone()))
            .collect();
        tera.add_raw_templates(self.templates.iter().map(|(n, (_, text))| (n, text)))
            .map_err(|e| template_error(e, &paths))?;
        Ok(Theme {
            tera,
            templates: paths,
            static_files: self.static_files,
            strings: self.strings,
            variant_strings: self.variant_strings,
        })
    }
}

/// `name → (path, text)` of every `.html` file under `dir`.
fn read_templates(dir: &Path) -> Result<BTreeMap<String, (PathBuf, String)>> {
    let mut out = BTreeMap::new();
    for (name, path) in template_files(dir)? {
        let text = fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
        out.insert(name, (path, text));
    }
    Ok(out)
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

fn static_files(dir: &Path) -> Result<Vec<StaticFile>> {
    let mut out = Vec::new();
    if !dir.is_dir() {
        return Ok(out);
    }
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.map_err(|e| walk_error(dir, e))?;
        if entry.file_type().is_file() {
            out.push(StaticFile {
                rel: PathBuf::from(relative_name(dir, entry.path())),
                source: StaticSource::File(entry.path().to_path_buf()),
            });
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

/// A string as `strings.yaml` gives it: one text in the source script, or
/// a text per variant.
#[derive(Deserialize)]
#[serde(untagged)]
enum RawString {
    Text(String),
    ByVariant(BTreeMap<Variant, String>),
}

/// The source-script strings, and the variants' own spellings.
fn parse_strings(path: &Path, text: &str) -> Result<(BTreeMap<String, String>, VariantStrings)> {
    let raw: BTreeMap<String, RawString> =
        serde_yaml::from_str(text).map_err(|e| yaml_error(path, 1, &e))?;
    let mut strings = BTreeMap::new();
    let mut variant_strings = VariantStrings::new();
    for (key, value) in raw {
        match value {
            RawString::Text(text) => {
                strings.insert(key, text);
            }
            RawString::ByVariant(mut by) => {
                let Some(source) = by.remove(&Variant::Hans) else {
                    return Err(no_source_text(path, text, &key));
                };
                strings.insert(key.clone(), source);
                variant_strings.insert(key, by);
            }
        }
    }
    Ok((strings, variant_strings))
}

/// Every other variant is converted from the zh-Hans text, so a string
/// without one has nothing to convert.
fn no_source_text(path: &Path, text: &str, key: &str) -> Error {
    let line = (text.lines().position(|l| l.starts_with(&format!("{key}:")))).map_or(1, |i| i + 1);
    Diagnostic::new(
        Location::new(path, line),
        text!(
            "the string `{key}` has no zh-Hans text",
            "界面文字“{key}”没有 zh-Hans（简体版）的写法"
        ),
    )
    .field(key)
    .hint(text!(
        "give the Simplified text as zh-Hans; the other variants are converted from it unless they have their own",
        "在“zh-Hans:”后写出简体版；其他文字版本没有单独写出时，会从简体版自动转换"
    ))
    .into()
}

fn walk_error(dir: &Path, e: walkdir::Error) -> Error {
    let path = e.path().unwrap_or(dir).to_path_buf();
    Error::io(&path, e.into())
}

/// Tera names the template (by the name handbook gave it) and the place in
/// it; the author needs the file, so the name is mapped back to its path.
pub fn template_error(err: tera::Error, templates: &BTreeMap<String, PathBuf>) -> Error {
    let file_of = |name: &str| templates.get(name).map(|p| p.display().to_string());
    let (place, mut message) = match err.kind() {
        tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => {
            let span = report.span();
            let file = file_of(report.filename()).unwrap_or_else(|| report.filename().into());
            // Tera counts columns from 0, editors and compilers from 1.
            let place = format!("{file}:{}:{}: ", span.start_line, span.start_col + 1);
            let mut message = report.message().to_string();
            if message == "Unknown tag" {
                message.push_str(TERA1_HINT);
            }
            (place, message)
        }
        _ => {
            let message = err.to_string();
            let place = (templates.iter())
                .find(|(name, _)| message.contains(&format!("'{name}'")))
                .map(|(_, path)| format!("{}: ", path.display()))
                .unwrap_or_default();
            (place, message)
        }
    };
    let mut source = std::error::Error::source(&err);
    while let Some(s) = source {
        message.push_str(": ");
        message.push_str(&s.to_string());
        source = s.source();
    }
    Error::Template(format!("{place}template error: {message}"))
}

/// Most unknown tags in a theme are Tera 1's `import` and `macro`.
const TERA1_HINT: &str = " (templates are Tera 2: macros are now components, defined in \
     components.html and called as {{<name />}} without an import; \
     see docs/content-format.md, \"Themes and templates\")";

/// Tera's default escaping writes `'` as `&#39;` and its fast escaper leaves
/// `'` alone; handbook keeps the five characters and the spelling its pages
/// always had. `/` needs no escaping in text or quoted attributes.
fn escape_html(input: &str, out: &mut dyn Write) -> io::Result<()> {
    let special = |b: u8| matches!(b, b'&' | b'<' | b'>' | b'"' | b'\'');
    // Most values (titles, links, interface strings) need nothing escaped:
    // one pass that the compiler vectorizes, then a single write.
    if !input.bytes().fold(false, |found, b| found | special(b)) {
        return out.write_all(input.as_bytes());
    }
    let replacement = |b| match b {
        b'&' => Some("&amp;"),
        b'<' => Some("&lt;"),
        b'>' => Some("&gt;"),
        b'"' => Some("&quot;"),
        b'\'' => Some("&#x27;"),
        _ => None,
    };
    crate::text::for_each_replaced(input, replacement, |run| out.write_all(run.as_bytes()))
}

/// `value | json_encode`: the value as JSON, for a CSS or script string.
/// Tera 2 moved this filter out of its core.
fn json_encode(value: tera::Value, _: tera::Kwargs, _: &tera::State) -> tera::TeraResult<String> {
    serde_json::to_string(&value).map_err(|e| tera::Error::message(e.to_string()))
}

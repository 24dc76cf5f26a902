//! Rendering one script variant of the handbook into pages with Tera.
//!
//! Every URL is relative, so the site works from disk (file://), from a
//! sub-path and from a server root alike.

pub mod builtin_theme;
mod changes;
mod charts;
mod control;
mod html;
pub mod nav;
mod pages;
mod print;
mod sections;
pub mod theme;

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fs;
use std::path::PathBuf;
use std::sync::OnceLock;

use serde::Serialize;

pub use html::{HtmlWriter, Links};
pub use pages::{render_root, render_variant, Pager, RoleShown};
pub use print::Selection;
pub use theme::Theme;

use crate::error::{Error, Result};
use crate::model::{Handbook, RoleId};
use crate::variant::Variant;

/// A file of the built site, by its path relative to the output folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    pub path: PathBuf,
    pub content: Vec<u8>,
}

/// A file copied as it is into `output/static/`.
#[derive(Debug, Clone)]
pub struct StaticFile {
    /// Its path below `static/`.
    pub rel: PathBuf,
    pub source: StaticSource,
}

#[derive(Debug, Clone)]
pub enum StaticSource {
    /// A file of the theme folder, read when the site is written.
    File(PathBuf),
    /// A file of the theme built into the binary.
    BuiltIn(&'static [u8]),
}

impl StaticFile {
    /// The file's content; a theme file is read now.
    pub fn bytes(&self) -> Result<Cow<'static, [u8]>> {
        match &self.source {
            StaticSource::File(path) => fs::read(path)
                .map(Cow::Owned)
                .map_err(|e| Error::io(path, e)),
            StaticSource::BuiltIn(bytes) => Ok(Cow::Borrowed(bytes)),
        }
    }
}

/// What every page's template gets as `site`.
#[derive(Debug, Clone, Serialize)]
pub struct SiteContext {
    pub title: String,
    pub description: String,
    pub lang: &'static str,
    /// Path from the page to its variant's root (`""`, `"../"`).
    pub root: String,
    /// Path from the page to `output/static/`.
    pub static_root: String,
    /// The same page in every published variant.
    pub variants: Vec<VariantLink>,
    /// The theme's `header.html`, rendered once for all pages at the same
    /// folder depth (see [`Headers`]).
    pub header: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct VariantLink {
    pub lang: &'static str,
    pub label: &'static str,
    pub dir: &'static str,
    pub href: String,
    pub current: bool,
}

/// Everything that is the same for all pages of one variant.
pub struct VariantContext<'a> {
    pub theme: &'a Theme,
    pub variant: Variant,
    pub published: &'a [Variant],
    /// Similar roles in other documents, by role.
    pub related: &'a BTreeMap<RoleId, Vec<RoleId>>,
    /// Interface strings, already in the variant's script.
    pub strings: BTreeMap<String, String>,
    /// `strings` as the templates' `t`, made once: Tera values share their
    /// contents, so every page's context holds it for the cost of a pointer.
    t: tera::Value,
    /// The search fields' labels by field number, for `search.js`.
    search_fields: tera::Value,
    /// What changed since the build compared with, in the variant's script.
    pub changes: Option<&'a crate::changes::Changes>,
    /// `changes`' mark of each role page that shows a change.
    change_marks: std::collections::HashMap<String, &'static str>,
    /// Above this many roles the print edition is a page per document.
    pub print_limit: usize,
    headers: Headers,
}

/// The page header (site title, navigation, search box) is the same on every
/// page at one folder depth, and a quarter of a role page's template work:
/// the theme's `header.html` is rendered once per depth and variant and
/// given to every page as `site.header`. It sees `site` without `variants`
/// or `header`, and `t`.
#[derive(Default)]
pub struct Headers {
    by_depth: [OnceLock<String>; 4],
}

/// Room for a typical page (a role page is about 13 KB), so its buffer is
/// not grown and copied several times.
const PAGE_CAPACITY: usize = 16 * 1024;

/// The template [`Headers`] renders.
const HEADER_TEMPLATE: &str = "header.html";

impl<'a> VariantContext<'a> {
    pub fn new(
        theme: &'a Theme,
        variant: Variant,
        published: &'a [Variant],
        related: &'a BTreeMap<RoleId, Vec<RoleId>>,
        strings: BTreeMap<String, String>,
    ) -> VariantContext<'a> {
        VariantContext {
            theme,
            variant,
            published,
            related,
            t: tera::Value::from_serializable(&strings),
            search_fields: tera::Value::from_serializable(&search_field_labels(&strings)),
            strings,
            headers: Headers::default(),
            changes: None,
            change_marks: Default::default(),
            print_limit: crate::config::PRINT_PAGE_LIMIT,
        }
    }

    /// The context with the print page limit of the handbook's settings.
    pub fn with_print_limit(mut self, limit: usize) -> Self {
        self.print_limit = limit;
        self
    }

    /// Whether the print edition is a page per document.
    pub fn print_in_parts(&self, handbook: &Handbook) -> bool {
        handbook.role_count() > self.print_limit
    }

    /// The context with what changed since the build compared with.
    pub fn with_changes(mut self, changes: Option<&'a crate::changes::Changes>) -> Self {
        self.changes = changes;
        self.change_marks = changes.map(|c| c.marks()).unwrap_or_default();
        self
    }

    /// How `role`'s page is marked against the build compared with:
    /// `added`, `changed`, or not at all.
    pub fn change_mark(&self, role: &str) -> Option<&'static str> {
        self.change_marks.get(role).copied()
    }

    /// A page's context: `t` and `site`.
    fn page_context(&self, site: &SiteContext) -> tera::Context {
        let mut ctx = tera::Context::new();
        ctx.insert_value("t", self.t.clone());
        ctx.insert_value("search_fields", self.search_fields.clone());
        ctx.insert("site", site);
        ctx
    }

    /// The context of `handbook`'s page at `path` (relative to the variant
    /// root, `/`-separated): `t` and `site`.
    pub(crate) fn page_context_at(&self, handbook: &Handbook, path: &str) -> Result<tera::Context> {
        let site = self.site(&handbook.title, &handbook.description, path)?;
        Ok(self.page_context(&site))
    }

    /// The `site` context for the page at `path` (relative to the variant
    /// root, `/`-separated).
    fn site(&self, title: &str, description: &str, path: &str) -> Result<SiteContext> {
        let depth = path.matches('/').count();
        let root = "../".repeat(depth);
        let up = "../".repeat(depth + 1);
        let mut site = SiteContext {
            title: title.to_string(),
            description: description.to_string(),
            lang: self.variant.lang(),
            root,
            static_root: format!("{up}static/"),
            variants: Vec::new(),
            header: String::new(),
        };
        site.header = self.header(&site, depth)?;
        site.variants = (self.published.iter())
            .map(|v| VariantLink {
                lang: v.lang(),
                label: v.label(),
                dir: v.dir(),
                href: format!("{up}{}/{path}", v.dir()),
                current: *v == self.variant,
            })
            .collect();
        Ok(site)
    }

    /// `header.html` for pages at `depth`, whose `site` (still without
    /// variants and header) is `site`.
    fn header(&self, site: &SiteContext, depth: usize) -> Result<String> {
        // A theme made before header.html existed includes its header in
        // base.html itself.
        if !self.theme.templates.contains_key(HEADER_TEMPLATE) {
            return Ok(String::new());
        }
        let cell = self.headers.by_depth.get(depth);
        if let Some(header) = cell.and_then(OnceLock::get) {
            return Ok(header.clone());
        }
        let html = (self.theme.tera)
            .render(HEADER_TEMPLATE, &self.page_context(site))
            .map_err(|e| theme::template_error(e, &self.theme.templates))?;
        if let Some(cell) = cell {
            let _ = cell.set(html.clone());
        }
        Ok(html)
    }

    fn render(&self, template: &str, context: &tera::Context, path: &str) -> Result<Page> {
        // Into bytes directly: `Tera::render` checks that its output is
        // UTF-8 (which Tera guarantees) and grows its buffer from nothing.
        let mut content = Vec::with_capacity(PAGE_CAPACITY);
        (self.theme.tera)
            .render_to(template, context, &mut content)
            .map_err(|e| theme::template_error(e, &self.theme.templates))?;
        Ok(Page {
            path: PathBuf::from(self.variant.dir()).join(path),
            content,
        })
    }
}

/// The label of each search field, in the order of its number.
fn search_field_labels(strings: &BTreeMap<String, String>) -> Vec<&str> {
    (crate::search::Field::ALL.iter())
        .map(|f| strings.get(f.label_key()).map_or("", String::as_str))
        .collect()
}

pub(crate) fn to_error(e: tera::Error, theme: &Theme) -> Error {
    theme::template_error(e, &theme.templates)
}

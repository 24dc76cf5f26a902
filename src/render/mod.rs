//! Rendering one script variant of the handbook into pages with Tera.
//!
//! Every URL is relative, so the site works from disk (file://), from a
//! sub-path and from a server root alike.

mod charts;
mod html;
mod pages;
mod print;
pub mod theme;

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Serialize;

pub use html::HtmlWriter;
pub use pages::{render_root, render_variant, render_variant_into, Pager};
pub use theme::Theme;

use crate::error::{Error, Result};
use crate::model::RoleId;
use crate::variant::Variant;

/// A file of the built site, by its path relative to the output folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    pub path: PathBuf,
    pub content: Vec<u8>,
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
}

impl VariantContext<'_> {
    /// The `site` context for the page at `path` (relative to the variant
    /// root, `/`-separated).
    fn site(&self, title: &str, description: &str, path: &str) -> SiteContext {
        let depth = path.matches('/').count();
        let root = "../".repeat(depth);
        let up = "../".repeat(depth + 1);
        SiteContext {
            title: title.to_string(),
            description: description.to_string(),
            lang: self.variant.lang(),
            root: root.clone(),
            static_root: format!("{up}static/"),
            variants: self
                .published
                .iter()
                .map(|v| VariantLink {
                    lang: v.lang(),
                    label: v.label(),
                    dir: v.dir(),
                    href: format!("{up}{}/{path}", v.dir()),
                    current: *v == self.variant,
                })
                .collect(),
        }
    }

    fn render(&self, template: &str, context: &tera::Context, path: &str) -> Result<Page> {
        let html = self
            .theme
            .tera
            .render(template, context)
            .map_err(|e| theme::template_error(e, &self.theme.templates))?;
        Ok(Page {
            path: PathBuf::from(self.variant.dir()).join(path),
            content: html.into_bytes(),
        })
    }
}

pub(crate) fn context(site: &SiteContext, strings: &BTreeMap<String, String>) -> tera::Context {
    let mut ctx = tera::Context::new();
    ctx.insert("site", site);
    ctx.insert("t", strings);
    ctx
}

pub(crate) fn to_error(e: tera::Error, theme: &Theme) -> Error {
    theme::template_error(e, &theme.templates)
}

//! The whole-handbook print page of one variant (`<variant>/print.html`):
//! a cover, a table of contents, then every document with its duties, its
//! org chart and its roles in reporting order, each starting on a new page.
//!
//! Every link on the page points at the page's own anchors, so the printed
//! PDF links within itself. Anchors are `doc-<id>` and `role-<id>`; the ids
//! of the sections inside them add `_<section>`, which cannot clash because a
//! slug never contains `_`.
//!
//! `handbook pdf` reads the headings marked `data-outline` to build the PDF's
//! bookmarks, and fills each `data-page-of` slot of the table of contents with
//! the page its target ends up on (see `src/pdf/`).

use std::borrow::Cow;
use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::Serialize;

use super::charts::{ChartHtml, DocumentCharts};
use super::html::{doc_anchor, role_anchor, Fragment};
use super::sections::{body_html, facts, FactShown, RoleSections};
use super::{HtmlWriter, Links, Page, VariantContext};
use crate::error::Result;
use crate::model::{Document, Handbook, Role, Superior};

/// Where the page is written, relative to the variant root.
pub const PRINT_PAGE: &str = "print.html";

/// Part of the handbook printed on its own, for handing to an employee:
/// with a signature block under each role, no cover and no contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selection {
    Document(String),
    Role(String),
    /// A document as a part of a print edition too large for one page
    /// (`print_page_limit`): no signature blocks.
    Part(String),
}

impl Selection {
    /// The page's file, relative to the variant root.
    pub fn page(&self) -> String {
        match self {
            Selection::Document(id) => format!("print-document-{id}.html"),
            Selection::Role(id) => format!("print-role-{id}.html"),
            Selection::Part(id) => format!("print-{id}.html"),
        }
    }

    fn keeps_document(&self, doc: &Document) -> bool {
        match self {
            Selection::Document(id) | Selection::Part(id) => doc.id.as_str() == id,
            Selection::Role(id) => doc.roles.iter().any(|r| r.id.as_str() == id),
        }
    }

    fn keeps_role(&self, role: &Role) -> bool {
        match self {
            Selection::Document(_) | Selection::Part(_) => true,
            Selection::Role(id) => role.id.as_str() == id,
        }
    }
}

#[derive(Serialize)]
struct PrintBook<'a> {
    /// The handbook title as a CSS string, for the running header.
    title_css: String,
    role_count: usize,
    /// Whether any document is controlled: the cover then lists versions.
    any_control: bool,
    /// Printed for an employee ([`Selection`]): no cover and contents, a
    /// signature block under each role.
    single: bool,
    /// Only a role: its document's own parts are left out.
    role_only: bool,
    /// A signature block under each role (a role or document for an
    /// employee).
    signature: bool,
    /// A print edition in parts: the page of each document, which this
    /// page lists instead of holding them.
    parts: Vec<PartLink>,
    documents: Vec<PrintDoc<'a>>,
}

#[derive(Serialize)]
struct PartLink {
    source: String,
    title: String,
    href: String,
    roles: usize,
}

#[derive(Serialize)]
struct PrintDoc<'a> {
    /// The heading's id, and the name of the document's CSS named page.
    anchor: String,
    /// `source title` as a CSS string, for the document's running header.
    header_css: String,
    source: &'a str,
    title: &'a str,
    organization: &'a str,
    industry: &'a str,
    summary: &'a str,
    control: Option<&'a crate::model::Control>,
    duties_html: String,
    /// `None` for a document without roles.
    chart: Option<ChartHtml>,
    roles: Vec<PrintRole<'a>>,
}

#[derive(Serialize)]
struct PrintRole<'a> {
    anchor: String,
    title: &'a str,
    depth: usize,
    reports_to: Option<Link>,
    direct_reports: Vec<Link>,
    facts: Vec<FactShown<'a>>,
    /// The role's own document control, when it differs from its
    /// document's, which the document's heading shows.
    control: Option<&'a crate::model::Control>,
    sections: Vec<PrintSection<'a>>,
}

/// A section of a role: its id (after the role's anchor and `_`), heading
/// and HTML.
#[derive(Serialize)]
struct PrintSection<'a> {
    id: &'a str,
    label: &'a str,
    html: Cow<'a, str>,
}

/// A person or role named on the page: a role is an in-page link, an
/// external superior is plain text.
#[derive(Serialize)]
struct Link {
    title: String,
    href: Option<String>,
}

/// What the print page shares with the other pages of its render.
pub struct Parts<'a> {
    pub writer: &'a HtmlWriter,
    pub charts: &'a DocumentCharts<'a>,
    pub sections: &'a RoleSections<'a>,
    pub strings: &'a BTreeMap<String, String>,
}

/// Renders `<variant>/print.html`. `handbook` is already in the variant's
/// script.
pub fn render_print(
    ctx: &VariantContext<'_>,
    handbook: &Handbook,
    parts: &Parts<'_>,
) -> Result<Page> {
    render_selection(ctx, handbook, parts, None)
}

/// The print page of the whole handbook, or of the `selection` only (at
/// [`Selection::page`]).
pub fn render_selection(
    ctx: &VariantContext<'_>,
    handbook: &Handbook,
    parts: &Parts<'_>,
    selection: Option<&Selection>,
) -> Result<Page> {
    let path = selection.map_or(PRINT_PAGE.to_string(), Selection::page);
    let mut c = ctx.page_context_at(handbook, &path)?;
    // Where each document's roles start in reading order.
    let firsts: Vec<usize> = (handbook.documents.iter())
        .scan(0, |next, d| {
            let first = *next;
            *next += d.roles.len();
            Some(first)
        })
        .collect();
    let in_parts = selection.is_none() && ctx.print_in_parts(handbook);
    let kept = |d: &Document| !in_parts && selection.is_none_or(|s| s.keeps_document(d));
    let part_links = match in_parts {
        true => (handbook.documents.iter())
            .map(|d| PartLink {
                source: d.source.clone(),
                title: d.title.clone(),
                href: Selection::Part(d.id.to_string()).page(),
                roles: d.roles.len(),
            })
            .collect(),
        false => Vec::new(),
    };
    let book = PrintBook {
        title_css: css_string(&handbook.title),
        role_count: handbook.role_count(),
        any_control: handbook.documents.iter().any(|d| !d.control.is_empty()),
        single: selection.is_some(),
        role_only: matches!(selection, Some(Selection::Role(_))),
        signature: matches!(selection, Some(Selection::Role(_) | Selection::Document(_))),
        parts: part_links,
        // In parallel: at 10,000 roles this is a tenth of a variant's work,
        // and the print page is otherwise rendered on one thread.
        documents: (handbook.documents.par_iter().enumerate())
            .filter(|(_, d)| kept(d))
            .map(|(i, d)| {
                let chart = parts.charts.draw(i, &chart_id(d), Links::Print);
                print_doc(d, parts, chart, firsts[i], selection)
            })
            .collect(),
    };
    c.insert("print", &book);
    // The context holds a copy of every section (40 MB at 10,000 roles), so
    // what the book owns (charts, sections written for this page) goes
    // before the page is rendered; the role pages' sections stay in the
    // pager for the role pages.
    drop(book);
    ctx.render("print.html", &c, &path)
}

/// The id prefix of a document's chart on the print page.
fn chart_id(doc: &Document) -> String {
    format!("{}_chart", doc_anchor(doc.id.as_str()))
}

/// Document `doc`, whose first role is at position `first` in reading order.
fn print_doc<'a>(
    doc: &'a Document,
    parts: &Parts<'a>,
    chart: Option<ChartHtml>,
    first: usize,
    selection: Option<&Selection>,
) -> PrintDoc<'a> {
    let anchor = doc_anchor(doc.id.as_str());
    PrintDoc {
        header_css: css_string(&format!("{} {}", doc.source, doc.title)),
        source: &doc.source,
        title: &doc.title,
        organization: &doc.organization,
        industry: &doc.industry,
        summary: &doc.summary,
        control: super::control::shown(&doc.control),
        duties_html: parts.writer.rich(&doc.duties, Links::Print),
        chart,
        roles: (doc.roles.iter().enumerate())
            .filter(|(_, r)| selection.is_none_or(|s| s.keeps_role(r)))
            .map(|(k, r)| {
                let mut role = print_role(doc, r, parts, first + k);
                // Alone, a role carries the version in force: its own or its
                // document's.
                if matches!(selection, Some(Selection::Role(_))) {
                    role.control = super::control::for_role(&r.control, &doc.control);
                }
                role
            })
            .collect(),
        anchor,
    }
}

/// The role at position `i` in reading order.
fn print_role<'a>(doc: &'a Document, role: &'a Role, parts: &Parts<'a>, i: usize) -> PrintRole<'a> {
    let on_page = parts.sections.page(i);
    let writer = parts.writer;
    let sections = (role.shown().into_iter().zip(&on_page.shown))
        .map(|(section, html)| PrintSection {
            id: &html.anchor,
            label: &html.label,
            html: reuse(&html.html, || {
                body_html(writer, section.body, Links::Print).html
            }),
        })
        .collect();
    let reports_to = role.reports_to.as_ref().map(|s| match s {
        Superior::Role(id) => Link {
            title: doc.role(id).map(|r| r.title.clone()).unwrap_or_default(),
            href: Some(Links::Print.role(doc.id.as_str(), id.as_str())),
        },
        Superior::External(name) => Link {
            title: name.clone(),
            href: None,
        },
    });
    PrintRole {
        anchor: role_anchor(role.id.as_str()),
        title: &role.title,
        depth: role.depth,
        reports_to,
        direct_reports: role
            .direct_reports
            .iter()
            .filter_map(|id| doc.role(id))
            .map(|r| Link {
                title: r.title.clone(),
                href: Some(Links::Print.role(doc.id.as_str(), r.id.as_str())),
            })
            .collect(),
        facts: facts(parts.strings, role),
        control: super::control::shown(&role.control),
        sections,
    }
}

/// The role page's HTML for a section, unless it links somewhere: here links
/// lead to anchors on this page, and `write` writes them so.
fn reuse(shown: &Fragment, write: impl FnOnce() -> String) -> Cow<'_, str> {
    match shown.links {
        false => Cow::Borrowed(shown.html.as_str()),
        true => Cow::Owned(write()),
    }
}

/// `text` as a double-quoted CSS string that is safe inside a `<style>`
/// element: the template writes it unescaped, so `<` is escaped too (no
/// `</style>` can end the element early).
pub fn css_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            // A hex escape ends at the first non-hex character or at one
            // space, which is then eaten: always end it with a space.
            '<' | '>' | '&' => out.push_str(&format!("\\{:x} ", c as u32)),
            c if c.is_control() => out.push_str(&format!("\\{:x} ", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn css_strings_cannot_end_the_string_or_the_style_element() {
        assert_eq!(css_string("运营部"), "\"运营部\"");
        assert_eq!(css_string(r#"a"b\c"#), r#""a\"b\\c""#);
        assert_eq!(css_string("</style>"), "\"\\3c /style\\3e \"");
        assert_eq!(css_string("a\nb"), "\"a\\a b\"");
    }
}

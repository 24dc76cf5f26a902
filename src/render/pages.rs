//! The pages of one variant: home, role index, one page per document and per
//! role; and the root page that picks a variant.

use std::collections::HashMap;
use std::path::PathBuf;

use rayon::prelude::*;
use serde::Serialize;

use super::charts::{self, ChartHtml, DocumentCharts};
use super::sections::{self, FactShown, RoleSections, Sections};
use super::{to_error, HtmlWriter, Links, Page, Theme, VariantContext};
use crate::error::Result;
use crate::model::{
    initial, pinyin_key, strokes, zhuyin_initial, Document, Handbook, Role, RoleId, Superior,
};
use crate::variant::Variant;

#[derive(Serialize)]
struct DocRef<'a> {
    id: &'a str,
    href: String,
    title: &'a str,
    organization: &'a str,
    industry: &'a str,
    source: &'a str,
    summary: &'a str,
    role_count: usize,
}

/// What the pages of other roles and the pages about the whole handbook show
/// of a role: its link, title and place (the previous and next role, a
/// superior or report, the role index, the print page's contents). Every
/// such mention is made from this, and an incremental rebuild renders those
/// pages again exactly when it changes.
/// Borrowed (`RoleShown<&str>`) while pages are rendered, owned
/// (`RoleShown<String>`) where a rebuild keeps it to compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RoleShown<S> {
    pub doc: S,
    pub id: S,
    pub title: S,
    pub depth: usize,
    pub document: S,
    pub source: S,
}

impl<'a> RoleShown<&'a str> {
    pub fn of(doc: &'a Document, role: &'a Role) -> RoleShown<&'a str> {
        RoleShown {
            doc: doc.id.as_str(),
            id: role.id.as_str(),
            title: &role.title,
            depth: role.depth,
            document: &doc.title,
            source: &doc.source,
        }
    }

    pub fn to_owned(self) -> RoleShown<String> {
        RoleShown {
            doc: self.doc.to_string(),
            id: self.id.to_string(),
            title: self.title.to_string(),
            depth: self.depth,
            document: self.document.to_string(),
            source: self.source.to_string(),
        }
    }
}

#[derive(Serialize)]
struct RoleRef<'a> {
    id: &'a str,
    title: &'a str,
    href: String,
    depth: usize,
    document: &'a str,
    source: &'a str,
}

#[derive(Serialize)]
struct SuperiorRef {
    title: String,
    href: Option<String>,
}

#[derive(Serialize)]
struct DocPage<'a> {
    #[serde(flatten)]
    doc: DocRef<'a>,
    control: Option<&'a crate::model::Control>,
    duties_html: String,
    roles: Vec<RoleRef<'a>>,
    /// `None` for a document without roles.
    chart: Option<ChartHtml>,
}

#[derive(Serialize)]
struct RolePage<'a> {
    id: &'a str,
    title: &'a str,
    document: DocRef<'a>,
    reports_to: Option<SuperiorRef>,
    direct_reports: Vec<RoleRef<'a>>,
    facts: Vec<FactShown<'a>>,
    control: Option<&'a crate::model::Control>,
    /// `added` or `changed` since the build compared with, linking to the
    /// changes page; `None` when nothing changed or nothing was compared.
    change: Option<&'static str>,
    sections: Vec<SectionRef<'a>>,
    chart: Option<ChartHtml>,
    related: Vec<RoleRef<'a>>,
    prev: Option<RoleRef<'a>>,
    next: Option<RoleRef<'a>>,
}

/// A section of a role page; `id` is its anchor.
#[derive(Serialize)]
pub struct SectionRef<'a> {
    id: &'a str,
    label: &'a str,
    html: &'a str,
}

impl<'a> SectionRef<'a> {
    pub fn list(sections: &'a Sections) -> Vec<SectionRef<'a>> {
        (sections.shown.iter())
            .map(|s| SectionRef {
                id: &s.anchor,
                label: &s.label,
                html: &s.html.html,
            })
            .collect()
    }
}

/// One step of the breadcrumb trail; the last (current page) has no link.
#[derive(Serialize)]
struct Crumb {
    title: String,
    href: Option<String>,
}

fn crumbs(
    ctx: &VariantContext<'_>,
    root: &str,
    steps: Vec<(String, Option<String>)>,
) -> Vec<Crumb> {
    let home = ctx.strings.get("home").cloned().unwrap_or_default();
    std::iter::once((home, Some(format!("{root}index.html"))))
        .chain(steps)
        .map(|(title, href)| Crumb { title, href })
        .collect()
}

#[derive(Serialize)]
struct IndexGroup<'a> {
    /// The heading: a letter, a zhuyin symbol, or a stroke count (`12畫`).
    letter: String,
    roles: Vec<RoleRef<'a>>,
}

/// Renders every page of one variant. `handbook` is already in the variant's
/// script.
pub fn render_variant(
    ctx: &VariantContext<'_>,
    handbook: &Handbook,
    allow_raw_html: bool,
) -> Result<Vec<Page>> {
    let writer = HtmlWriter::new(handbook, allow_raw_html);
    let mut pages = Vec::new();
    Pager::new(ctx, handbook, &writer).every_page(&mut |batch| {
        pages.extend(batch);
        Ok(())
    })?;
    Ok(pages)
}

/// Role pages handed over at a time by [`Pager::every_page`].
const BATCH: usize = 256;

/// Renders single pages of one variant, so an incremental rebuild can render
/// only the pages whose inputs changed. Holds what many pages share: every
/// role in reading order, where each one is, and each document's chart
/// description.
pub struct Pager<'a> {
    ctx: &'a VariantContext<'a>,
    handbook: &'a Handbook,
    writer: &'a HtmlWriter,
    all: Vec<(&'a Document, &'a Role)>,
    by_id: HashMap<&'a RoleId, (&'a Document, &'a Role)>,
    charts: DocumentCharts<'a>,
    sections: RoleSections<'a>,
}

impl<'a> Pager<'a> {
    pub fn new(
        ctx: &'a VariantContext<'a>,
        handbook: &'a Handbook,
        writer: &'a HtmlWriter,
    ) -> Pager<'a> {
        let all: Vec<(&Document, &Role)> = handbook.roles().collect();
        let by_id = all.iter().map(|&(d, r)| (&r.id, (d, r))).collect();
        Pager {
            ctx,
            handbook,
            writer,
            all,
            by_id,
            charts: DocumentCharts::new(&handbook.documents, &ctx.strings),
            sections: RoleSections::new(handbook, writer, &ctx.strings),
        }
    }

    /// Every page of the variant, handed to `sink` a batch at a time: a
    /// build that writes each batch as it comes never holds a whole
    /// variant's pages (over 250 MB for 10,000 roles).
    pub fn every_page(&self, sink: &mut dyn FnMut(Vec<Page>) -> Result<()>) -> Result<()> {
        let mut pages = self.site_pages()?;
        pages.push(self.print_page()?);
        for i in 0..self.handbook.documents.len() {
            pages.push(self.document_page(i)?);
        }
        sink(pages)?;
        // A print edition in parts is written a part at a time.
        for part in self.print_parts() {
            sink(vec![self.print_selection(&part)?])?;
        }
        let roles = self.all.len();
        for start in (0..roles).step_by(BATCH) {
            sink(self.role_pages(start..roles.min(start + BATCH))?)?;
        }
        Ok(())
    }

    /// The pages any edit can change: those about the whole handbook and
    /// the print page.
    pub fn whole_handbook_pages(&self) -> Result<Vec<Page>> {
        let mut pages = self.site_pages()?;
        pages.push(self.print_page()?);
        for part in self.print_parts() {
            pages.push(self.print_selection(&part)?);
        }
        Ok(pages)
    }

    /// The parts of the print edition: a page per document when the
    /// handbook is over the print page limit, else none.
    fn print_parts(&self) -> Vec<super::print::Selection> {
        match self.ctx.print_in_parts(self.handbook) {
            true => (self.handbook.documents.iter())
                .map(|d| super::print::Selection::Part(d.id.to_string()))
                .collect(),
            false => Vec::new(),
        }
    }

    /// The pages about the whole handbook: home, role index, search, org
    /// charts.
    fn site_pages(&self) -> Result<Vec<Page>> {
        let (ctx, handbook) = (self.ctx, self.handbook);
        let mut pages = vec![
            home(ctx, handbook)?,
            role_index(ctx, handbook)?,
            search_page(ctx, handbook)?,
            orgcharts_page(ctx, handbook, &self.charts)?,
        ];
        pages.extend(not_found_pages(ctx, handbook)?);
        if let Some(changes) = ctx.changes {
            let title = ctx.strings.get("changes").cloned().unwrap_or_default();
            let trail = crumbs(ctx, "", vec![(title, None)]);
            pages.push(super::changes::render_changes(
                ctx, handbook, changes, &trail,
            )?);
        }
        Ok(pages)
    }

    /// Part of the handbook on a print page of its own, with signature
    /// blocks ([`super::print::Selection`]).
    pub fn print_selection(&self, selection: &super::print::Selection) -> Result<Page> {
        let parts = super::print::Parts {
            writer: self.writer,
            charts: &self.charts,
            sections: &self.sections,
            strings: &self.ctx.strings,
        };
        super::print::render_selection(self.ctx, self.handbook, &parts, Some(selection))
    }

    /// The whole handbook on one page, for printing.
    fn print_page(&self) -> Result<Page> {
        let parts = super::print::Parts {
            writer: self.writer,
            charts: &self.charts,
            sections: &self.sections,
            strings: &self.ctx.strings,
        };
        super::print::render_print(self.ctx, self.handbook, &parts)
    }

    /// The page of document `i` of the handbook.
    pub fn document_page(&self, i: usize) -> Result<Page> {
        let doc = &self.handbook.documents[i];
        let chart = self.charts.draw(i, "doc-chart", Links::Pages("../"));
        document_page(self.ctx, self.handbook, doc, chart, self.writer)
    }

    /// The role pages at positions `range` of the reading order, in
    /// parallel.
    pub fn role_pages(&self, range: std::ops::Range<usize>) -> Result<Vec<Page>> {
        range.into_par_iter().map(|i| self.role_page(i)).collect()
    }

    /// The page of the `i`th role in reading order ([`Handbook::roles`]).
    pub fn role_page(&self, i: usize) -> Result<Page> {
        let (doc, role) = self.all[i];
        let around = Neighbours {
            prev: i.checked_sub(1).map(|p| self.all[p]),
            next: self.all.get(i + 1).copied(),
            by_id: &self.by_id,
        };
        let sections = self.sections.page(i);
        role_page(self.ctx, self.handbook, (doc, role), around, sections)
    }
}

fn doc_ref<'a>(doc: &'a Document, root: &str) -> DocRef<'a> {
    DocRef {
        id: doc.id.as_str(),
        href: Links::Pages(root).document(doc.id.as_str()),
        title: &doc.title,
        organization: &doc.organization,
        industry: &doc.industry,
        source: &doc.source,
        summary: &doc.summary,
        role_count: doc.roles.len(),
    }
}

fn role_ref<'a>(doc: &'a Document, role: &'a Role, root: &str) -> RoleRef<'a> {
    let shown = RoleShown::of(doc, role);
    RoleRef {
        id: shown.id,
        title: shown.title,
        href: Links::Pages(root).role(shown.doc, shown.id),
        depth: shown.depth,
        document: shown.document,
        source: shown.source,
    }
}

fn home(ctx: &VariantContext<'_>, handbook: &Handbook) -> Result<Page> {
    let path = "index.html";
    let mut c = ctx.page_context_at(handbook, path)?;
    let docs: Vec<DocRef> = handbook.documents.iter().map(|d| doc_ref(d, "")).collect();
    c.insert("documents", &docs);
    c.insert("role_count", &handbook.role_count());
    ctx.render("index.html", &c, path)
}

fn role_index(ctx: &VariantContext<'_>, handbook: &Handbook) -> Result<Page> {
    let path = "roles.html";
    let mut c = ctx.page_context_at(handbook, path)?;
    let order = IndexOrder::of(ctx.variant);
    let mut sorted: Vec<(IndexKey, &Document, &Role)> = handbook
        .roles()
        .map(|(d, r)| (order.key(r), d, r))
        .collect();
    sorted.sort_by(|a, b| order.compare(&a.0, &b.0).then_with(|| a.2.id.cmp(&b.2.id)));
    let mut groups: Vec<IndexGroup> = Vec::new();
    for (key, doc, role) in &sorted {
        let letter = order.label(key.group, ctx);
        match groups.last_mut() {
            Some(last) if last.letter == letter => last.roles.push(role_ref(doc, role, "")),
            _ => groups.push(IndexGroup {
                letter,
                roles: vec![role_ref(doc, role, "")],
            }),
        }
    }
    c.insert("groups", &groups);
    let title = ctx.strings.get("role_index").cloned().unwrap_or_default();
    c.insert("breadcrumbs", &crumbs(ctx, "", vec![(title, None)]));
    ctx.render("roles.html", &c, path)
}

/// How a variant's readers look titles up: by pinyin on the mainland, by
/// zhuyin in Taiwan (of the title as Taiwan writes it: 營運總監), by the
/// strokes of the first character in Hong Kong and other Traditional text.
#[derive(Clone, Copy)]
enum IndexOrder {
    Pinyin,
    Zhuyin,
    Strokes,
}

/// Where a role goes in the index: its group (a letter, a zhuyin symbol,
/// or a stroke count) and its key within it.
struct IndexKey {
    group: Group,
    within: String,
}

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Group {
    Strokes(u32),
    Letter(char),
}

impl IndexOrder {
    fn of(variant: Variant) -> IndexOrder {
        match variant {
            Variant::Hans => IndexOrder::Pinyin,
            Variant::Tw => IndexOrder::Zhuyin,
            Variant::Hant | Variant::Hk => IndexOrder::Strokes,
        }
    }

    fn key(self, role: &Role) -> IndexKey {
        match self {
            IndexOrder::Pinyin => IndexKey {
                group: Group::Letter(initial(&role.sort_key)),
                within: role.sort_key.clone(),
            },
            IndexOrder::Zhuyin => {
                let key = pinyin_key(&role.title);
                let symbol = zhuyin_initial(&key).unwrap_or('#');
                IndexKey {
                    group: Group::Letter(symbol),
                    within: key,
                }
            }
            IndexOrder::Strokes => {
                let first = role.title.chars().next();
                let group = match first.and_then(strokes::stroke_count) {
                    Some(n) => Group::Strokes(n),
                    None => Group::Letter(initial(&role.sort_key)),
                };
                IndexKey {
                    group,
                    within: role.title.clone(),
                }
            }
        }
    }

    fn compare(self, a: &IndexKey, b: &IndexKey) -> std::cmp::Ordering {
        let within = match self {
            IndexOrder::Strokes => strokes::compare(&a.within, &b.within),
            _ => a.within.cmp(&b.within),
        };
        a.group.cmp(&b.group).then(within)
    }

    /// The group's heading: `12畫` from the interface string `stroke_group`.
    fn label(self, group: Group, ctx: &VariantContext<'_>) -> String {
        match group {
            Group::Letter(c) => c.to_string(),
            Group::Strokes(n) => {
                let template = ctx
                    .strings
                    .get("stroke_group")
                    .map_or("{n}", String::as_str);
                template.replace("{n}", &n.to_string())
            }
        }
    }
}

fn document_page(
    ctx: &VariantContext<'_>,
    handbook: &Handbook,
    doc: &Document,
    chart: Option<ChartHtml>,
    writer: &HtmlWriter,
) -> Result<Page> {
    let path = format!("{}/index.html", doc.id);
    let mut c = ctx.page_context_at(handbook, &path)?;
    let page = DocPage {
        doc: doc_ref(doc, "../"),
        control: super::control::shown(&doc.control),
        duties_html: writer.rich(&doc.duties, Links::Pages("../")),
        roles: doc.roles.iter().map(|r| role_ref(doc, r, "../")).collect(),
        chart,
    };
    c.insert("document", &page);
    let here = format!("{} {}", doc.source, doc.title);
    c.insert("breadcrumbs", &crumbs(ctx, "../", vec![(here, None)]));
    ctx.render("document.html", &c, &path)
}

/// The neighbours of a role page in reading order, and where every role is.
struct Neighbours<'a> {
    prev: Option<(&'a Document, &'a Role)>,
    next: Option<(&'a Document, &'a Role)>,
    by_id: &'a HashMap<&'a RoleId, (&'a Document, &'a Role)>,
}

fn role_page(
    ctx: &VariantContext<'_>,
    handbook: &Handbook,
    (doc, role): (&Document, &Role),
    around: Neighbours<'_>,
    sections: &Sections,
) -> Result<Page> {
    let path = format!("{}/{}.html", doc.id, role.id);
    let mut c = ctx.page_context_at(handbook, &path)?;
    let root = "../";
    let links = Links::Pages(root);
    let reports_to = role.reports_to.as_ref().map(|s| match s {
        Superior::Role(id) => SuperiorRef {
            title: doc.role(id).map(|r| r.title.clone()).unwrap_or_default(),
            href: Some(links.role(doc.id.as_str(), id.as_str())),
        },
        Superior::External(name) => SuperiorRef {
            title: name.clone(),
            href: None,
        },
    });
    let page = RolePage {
        id: role.id.as_str(),
        title: &role.title,
        document: doc_ref(doc, root),
        reports_to,
        direct_reports: role
            .direct_reports
            .iter()
            .filter_map(|id| doc.role(id))
            .map(|r| role_ref(doc, r, root))
            .collect(),
        facts: sections::facts(&ctx.strings, role),
        control: super::control::for_role(&role.control, &doc.control),
        change: ctx.change_mark(role.id.as_str()),
        sections: SectionRef::list(sections),
        chart: charts::role_chart(doc, role, &ctx.strings, links),
        related: related(ctx, around.by_id, role, root),
        prev: around.prev.map(|(d, r)| role_ref(d, r, root)),
        next: around.next.map(|(d, r)| role_ref(d, r, root)),
    };
    c.insert("role", &page);
    let trail = vec![
        (
            format!("{} {}", doc.source, doc.title),
            Some(links.document(doc.id.as_str())),
        ),
        (role.title.clone(), None),
    ];
    c.insert("breadcrumbs", &crumbs(ctx, root, trail));
    ctx.render("role.html", &c, &path)
}

fn related<'a>(
    ctx: &VariantContext<'_>,
    by_id: &HashMap<&RoleId, (&'a Document, &'a Role)>,
    role: &Role,
    root: &str,
) -> Vec<RoleRef<'a>> {
    let Some(ids) = ctx.related.get(&role.id) else {
        return Vec::new();
    };
    ids.iter()
        .filter_map(|id| by_id.get(id))
        .map(|(d, r)| role_ref(d, r, root))
        .collect()
}

#[derive(Serialize)]
struct DocChart<'a> {
    #[serde(flatten)]
    doc: DocRef<'a>,
    chart: ChartHtml,
}

/// Every document's org chart on one page.
fn orgcharts_page(
    ctx: &VariantContext<'_>,
    handbook: &Handbook,
    charts: &DocumentCharts<'_>,
) -> Result<Page> {
    let path = "orgcharts.html";
    let mut c = ctx.page_context_at(handbook, path)?;
    let title = ctx.strings.get("orgcharts").cloned().unwrap_or_default();
    c.insert("breadcrumbs", &crumbs(ctx, "", vec![(title, None)]));
    let drawn: Vec<DocChart> = (handbook.documents.iter().enumerate())
        .filter_map(|(i, d)| {
            Some(DocChart {
                doc: doc_ref(d, ""),
                chart: charts.draw(i, &format!("chart-{}", d.id), Links::Pages(""))?,
            })
        })
        .collect();
    c.insert("documents", &drawn);
    ctx.render("orgcharts.html", &c, path)
}

/// The theme's template for addresses that do not exist; optional, so that
/// themes made before it still build.
const NOT_FOUND_TEMPLATE: &str = "404.html";

/// `404.html` in the variant's folder, and for the first published variant
/// the same page at the top of the output, where web servers look for it.
/// The page sets its own base (see the template), so the same bytes work at
/// both places and at any depth.
fn not_found_pages(ctx: &VariantContext<'_>, handbook: &Handbook) -> Result<Vec<Page>> {
    if !ctx.theme.templates.contains_key(NOT_FOUND_TEMPLATE) {
        return Ok(Vec::new());
    }
    let path = NOT_FOUND_TEMPLATE;
    let mut c = ctx.page_context_at(handbook, path)?;
    c.insert("variant_dir", ctx.variant.dir());
    let dirs: Vec<&str> = ctx.published.iter().map(|v| v.dir()).collect();
    c.insert("variant_dirs", &dirs);
    let page = ctx.render(NOT_FOUND_TEMPLATE, &c, path)?;
    let top = (ctx.published.first() == Some(&ctx.variant)).then(|| Page {
        path: PathBuf::from(path),
        content: page.content.clone(),
    });
    Ok([Some(page), top].into_iter().flatten().collect())
}

/// The search page: the theme's `search.html` reads its query from the URL.
fn search_page(ctx: &VariantContext<'_>, handbook: &Handbook) -> Result<Page> {
    let path = "search.html";
    let mut c = ctx.page_context_at(handbook, path)?;
    let title = ctx.strings.get("search").cloned().unwrap_or_default();
    c.insert("breadcrumbs", &crumbs(ctx, "", vec![(title, None)]));
    let docs: Vec<DocRef> = handbook.documents.iter().map(|d| doc_ref(d, "")).collect();
    c.insert("documents", &docs);
    ctx.render("search.html", &c, path)
}

/// `output/index.html`: sends the reader to the variant matching the
/// browser's languages, and lists the variants for readers without scripts.
pub fn render_root(theme: &Theme, published: &[Variant], title: &str) -> Result<Page> {
    let variants: Vec<super::VariantLink> = published
        .iter()
        .map(|v| super::VariantLink {
            lang: v.lang(),
            label: v.label(),
            dir: v.dir(),
            href: format!("{}/index.html", v.dir()),
            current: false,
        })
        .collect();
    let mut c = tera::Context::new();
    c.insert("title", title);
    c.insert("variants", &variants);
    c.insert("lang", published.first().map_or("zh-Hans", |v| v.lang()));
    let html = theme
        .tera
        .render("root.html", &c)
        .map_err(|e| to_error(e, theme))?;
    Ok(Page {
        path: PathBuf::from("index.html"),
        content: html.into_bytes(),
    })
}

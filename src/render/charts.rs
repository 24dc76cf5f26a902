//! Org charts on pages: the SVG and, for screen readers and readers without
//! SVG, the same tree as a nested list.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Serialize;

use super::Links;
use crate::model::{Document, Role, RoleId};
use crate::orgchart::{self, Chart, Layout, LayoutOptions, SvgOptions};

/// A chart ready for a template.
#[derive(Debug, Clone, Serialize)]
pub struct ChartHtml {
    pub svg: String,
    pub list: String,
}

/// Every document's reporting tree for one render of a variant, built and
/// laid out on first use. Three pages show each one (the document page, the
/// org-charts page and the print page) with their own ids and links, so
/// only the drawing is done per page.
pub struct DocumentCharts<'a> {
    documents: &'a [Document],
    strings: &'a BTreeMap<String, String>,
    charts: Vec<OnceLock<DocumentChart>>,
}

/// A document's reporting tree, laid out, with its accessible name and
/// description.
pub struct DocumentChart {
    chart: Chart,
    layout: Layout,
    title: String,
    description: String,
}

impl<'a> DocumentCharts<'a> {
    pub fn new(documents: &'a [Document], strings: &'a BTreeMap<String, String>) -> Self {
        DocumentCharts {
            documents,
            strings,
            charts: documents.iter().map(|_| OnceLock::new()).collect(),
        }
    }

    /// Document `i`'s chart, drawn with `id_prefix` and its boxes linked as
    /// `links` says; `None` for a document without roles, whose chart would
    /// be one box of its own title.
    pub fn draw(&self, i: usize, id_prefix: &str, links: Links<'_>) -> Option<ChartHtml> {
        let doc = self.documents.get(i).filter(|d| !d.roles.is_empty())?;
        let chart = self.charts[i].get_or_init(|| {
            let chart = orgchart::document_chart(doc, None);
            let strings = self.strings;
            DocumentChart {
                layout: orgchart::layout(&chart, &LayoutOptions::default()),
                title: format!("{} {} {}", doc.source, doc.title, text(strings, "orgchart")),
                description: chart_lines(&chart, &text(strings, "reports_to")),
                chart,
            }
        });
        let labels = (id_prefix, chart.title.as_str(), chart.description.as_str());
        Some(draw_laid_out(
            &chart.chart,
            &chart.layout,
            doc,
            labels,
            links,
        ))
    }
}

/// Where one role sits: its superiors, itself, its direct reports. The
/// description names the reporting lines the slice shows, not the whole
/// document's: a screen reader on a role page hears about that role.
pub fn role_chart(
    doc: &Document,
    role: &Role,
    strings: &BTreeMap<String, String>,
    links: Links<'_>,
) -> Option<ChartHtml> {
    let chart = orgchart::slice(doc, &role.id)?;
    let title = format!("{} {}", role.title, text(strings, "orgchart_position"));
    let description = chart_lines(&chart, &text(strings, "reports_to"));
    let layout = orgchart::layout(&chart, &LayoutOptions::default());
    let labels = ("role-chart", title.as_str(), description.as_str());
    Some(draw_laid_out(&chart, &layout, doc, labels, links))
}

/// `labels` are the SVG's id prefix, title and description.
fn draw_laid_out(
    chart: &Chart,
    layout: &Layout,
    doc: &Document,
    (id_prefix, title, description): (&str, &str, &str),
    links: Links<'_>,
) -> ChartHtml {
    let link = |id: &RoleId| links.role(doc.id.as_str(), id.as_str());
    let options = SvgOptions {
        id_prefix,
        title,
        description,
        ..SvgOptions::default()
    };
    ChartHtml {
        svg: orgchart::layout_to_svg(chart, layout, &options, &link),
        list: orgchart::to_html_list(chart, &link),
    }
}

/// The reporting lines a chart draws, as one sentence: who reports to whom,
/// in the chart's order. The chart's description, on document and role
/// pages alike.
fn chart_lines(chart: &Chart, label: &str) -> String {
    let nodes = chart.nodes();
    let lines: Vec<String> = nodes
        .iter()
        .filter_map(|n| {
            let superior = &nodes[n.parent?].label;
            Some(format!("{}（{label}：{superior}）", n.label))
        })
        .collect();
    lines.join("；")
}

fn text(strings: &BTreeMap<String, String>, key: &str) -> String {
    strings.get(key).cloned().unwrap_or_default()
}

//! Org charts on pages: the SVG and, for screen readers and readers without
//! SVG, the same tree as a nested list.

use std::collections::BTreeMap;

use serde::Serialize;

use super::Links;
use crate::model::{Document, Role, RoleId};
use crate::orgchart::{self, Chart, SvgOptions};

/// A chart ready for a template.
#[derive(Debug, Clone, Serialize)]
pub struct ChartHtml {
    pub svg: String,
    pub list: String,
}

/// The whole reporting tree of a document, its boxes linked as `links`
/// says.
pub fn document_chart(
    doc: &Document,
    strings: &BTreeMap<String, String>,
    id_prefix: &str,
    links: Links<'_>,
) -> ChartHtml {
    let chart = orgchart::document_chart(doc, None);
    let title = format!("{} {} {}", doc.source, doc.title, text(strings, "orgchart"));
    draw(&chart, doc, strings, id_prefix, &title, links)
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
    Some(draw_described(
        &chart,
        doc,
        ("role-chart", &title, &description),
        links,
    ))
}

fn draw(
    chart: &Chart,
    doc: &Document,
    strings: &BTreeMap<String, String>,
    id_prefix: &str,
    title: &str,
    links: Links<'_>,
) -> ChartHtml {
    let description = chart_lines(chart, &text(strings, "reports_to"));
    draw_described(chart, doc, (id_prefix, title, &description), links)
}

/// `labels` are the SVG's id prefix, title and description.
fn draw_described(
    chart: &Chart,
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
        svg: orgchart::to_svg(chart, &options, &link),
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

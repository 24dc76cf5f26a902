//! The chart as an inline `<svg>`: boxes are links, labels are real text.

use std::fmt::Write;

use super::layout::{layout, Layout, LayoutOptions, NodeBox, Style};
use super::markup::{escape, num};
use super::{Chart, ChartNode, NodeKind};
use crate::model::RoleId;

/// What the page tells the chart. Texts are in the reader's script.
#[derive(Debug, Clone)]
pub struct SvgOptions<'a> {
    /// Prefix of the ids inside the SVG: unique within the page and a valid
    /// id (no spaces), as `<title>` and `<desc>` are referenced by id.
    pub id_prefix: &'a str,
    /// The chart's accessible name, such as 运营部组织结构图.
    pub title: &'a str,
    /// A sentence saying what the chart shows; may be empty.
    pub description: &'a str,
    pub layout: LayoutOptions,
}

impl Default for SvgOptions<'_> {
    fn default() -> Self {
        SvgOptions {
            id_prefix: "orgchart",
            title: "",
            description: "",
            layout: LayoutOptions::default(),
        }
    }
}

// Presentation attributes, so the chart is legible without the theme's CSS;
// CSS overrides them.
const EDGE: &str = r##"fill="none" stroke="#6b7280" stroke-width="1.5""##;
const BOX: &str = r##"rx="4" fill="#ffffff" stroke="#374151" stroke-width="1""##;
const BOX_CURRENT: &str = r##"rx="4" fill="#fef3c7" stroke="#b45309" stroke-width="2""##;
const BOX_EXTERNAL: &str =
    r##"rx="4" fill="#f9fafb" stroke="#6b7280" stroke-width="1" stroke-dasharray="4 3""##;
const TEXT: &str = r##"fill="#111827" text-anchor="middle" dominant-baseline="central""##;

/// Lays the chart out (see [`layout`]) and writes it as SVG. `link` gives the
/// relative URL of a role's page.
pub fn to_svg(chart: &Chart, options: &SvgOptions<'_>, link: &dyn Fn(&RoleId) -> String) -> String {
    layout_to_svg(chart, &layout(chart, &options.layout), options, link)
}

/// Writes an already laid-out chart as SVG; `layout` must come from `chart`.
pub fn layout_to_svg(
    chart: &Chart,
    layout: &Layout,
    options: &SvgOptions<'_>,
    link: &dyn Fn(&RoleId) -> String,
) -> String {
    let mut out = String::new();
    open_svg(&mut out, layout, options);
    out.push_str("<g class=\"edges\">\n");
    for edge in &layout.edges {
        let _ = writeln!(
            out,
            "<path class=\"edge\" {EDGE} d=\"{}\"/>",
            path(&edge.points)
        );
    }
    out.push_str("</g>\n<g class=\"nodes\">\n");
    for (node, b) in chart.nodes().iter().zip(&layout.boxes) {
        write_node(&mut out, node, b, layout.line_height, link);
    }
    out.push_str("</g>\n</svg>\n");
    out
}

fn open_svg(out: &mut String, layout: &Layout, options: &SvgOptions<'_>) {
    let id = escape(options.id_prefix);
    let style = match layout.style {
        Style::Tree => "tree",
        Style::Stacked => "stacked",
        Style::Indented => "indented",
    };
    let (w, h) = (num(layout.width), num(layout.height));
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"orgchart orgchart-{style}\" role=\"group\""
    );
    if !options.title.is_empty() {
        let _ = write!(out, " aria-labelledby=\"{id}-title\"");
    }
    if !options.description.is_empty() {
        let _ = write!(out, " aria-describedby=\"{id}-desc\"");
    }
    let _ = writeln!(
        out,
        " viewBox=\"0 0 {w} {h}\" width=\"100%\" style=\"max-width:{w}px\" \
         preserveAspectRatio=\"xMidYMin meet\" font-family=\"sans-serif\" font-size=\"{}\">",
        num(layout.font_size)
    );
    if !options.title.is_empty() {
        let _ = writeln!(
            out,
            "<title id=\"{id}-title\">{}</title>",
            escape(options.title)
        );
    }
    if !options.description.is_empty() {
        let _ = writeln!(
            out,
            "<desc id=\"{id}-desc\">{}</desc>",
            escape(options.description)
        );
    }
}

/// `M` to the first corner, then `H`/`V` to each corner where the line turns.
fn path(points: &[(f64, f64)]) -> String {
    let mut corners: Vec<(String, String)> = Vec::with_capacity(points.len());
    for &(x, y) in points {
        let point = (num(x), num(y));
        if corners.last() == Some(&point) {
            continue;
        }
        // A point in line with the two around it is not a corner.
        if let [.., a, b] = corners.as_slice() {
            if (a.0 == b.0 && b.0 == point.0) || (a.1 == b.1 && b.1 == point.1) {
                corners.pop();
            }
        }
        corners.push(point);
    }
    let mut d = String::new();
    let mut last: Option<&(String, String)> = None;
    for point in &corners {
        let (x, y) = point;
        match last {
            None => d.push_str(&format!("M{x} {y}")),
            Some((lx, _)) if lx == x => d.push_str(&format!("V{y}")),
            Some((_, ly)) if ly == y => d.push_str(&format!("H{x}")),
            Some(_) => d.push_str(&format!("L{x} {y}")),
        }
        last = Some(point);
    }
    d
}

fn write_node(
    out: &mut String,
    node: &ChartNode,
    b: &NodeBox,
    line_height: f64,
    link: &dyn Fn(&RoleId) -> String,
) {
    let rect = format!(
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" {}/>",
        num(b.x),
        num(b.y),
        num(b.width),
        num(b.height),
        if node.current {
            BOX_CURRENT
        } else if node.kind == NodeKind::External {
            BOX_EXTERNAL
        } else {
            BOX
        }
    );
    let text = label(b, line_height);
    match &node.kind {
        NodeKind::Role(id) => {
            let (class, current) = match node.current {
                true => ("node node-current", " aria-current=\"page\""),
                false => ("node", ""),
            };
            let href = escape(&link(id));
            let _ = writeln!(
                out,
                "<a class=\"{class}\" href=\"{href}\"{current}>{rect}{text}</a>"
            );
        }
        NodeKind::External => {
            let _ = writeln!(out, "<g class=\"node node-external\">{rect}{text}</g>");
        }
        NodeKind::Department => {
            let _ = writeln!(out, "<g class=\"node node-department\">{rect}{text}</g>");
        }
    }
}

/// One `<tspan>` per line, the block centred in the box.
fn label(b: &NodeBox, line_height: f64) -> String {
    let x = num(b.centre_x());
    let first = b.centre_y() - (b.lines.len() as f64 - 1.0) * line_height / 2.0;
    let mut text = format!("<text {TEXT}>");
    for (i, line) in b.lines.iter().enumerate() {
        let y = num(first + i as f64 * line_height);
        let _ = write!(text, "<tspan x=\"{x}\" y=\"{y}\">{}</tspan>", escape(line));
    }
    text.push_str("</text>");
    text
}

#[cfg(test)]
mod tests {
    use super::path;

    #[test]
    fn paths_keep_only_corners() {
        assert_eq!(path(&[(1.0, 0.0), (1.0, 5.0), (1.0, 9.0)]), "M1 0V9");
        assert_eq!(
            path(&[(1.0, 0.0), (1.0, 5.0), (4.0, 5.0), (4.0, 9.0)]),
            "M1 0V5H4V9"
        );
        assert_eq!(path(&[(1.0, 0.0), (1.0, 0.0), (2.0, 2.0)]), "M1 0L2 2");
    }
}

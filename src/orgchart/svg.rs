//! The chart as an inline `<svg>`: boxes are links, labels are real text.

use std::fmt::Write;

use super::layout::{layout, Layout, LayoutOptions, NodeBox, Style};
use super::markup::{escape_into, num, Num};
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
    let mut out = String::with_capacity(1024 + 512 * layout.boxes.len());
    open_svg(&mut out, layout, options);
    out.push_str("<g class=\"edges\">\n");
    for edge in &layout.edges {
        out.push_str("<path class=\"edge\" ");
        out.push_str(EDGE);
        out.push_str(" d=\"");
        write_path(&mut out, &edge.points);
        out.push_str("\"/>\n");
    }
    out.push_str("</g>\n<g class=\"nodes\">\n");
    for (node, b) in chart.nodes().iter().zip(&layout.boxes) {
        write_node(&mut out, node, b, layout.line_height, link);
    }
    out.push_str("</g>\n</svg>\n");
    out
}

fn open_svg(out: &mut String, layout: &Layout, options: &SvgOptions<'_>) {
    let mut id = String::new();
    escape_into(&mut id, options.id_prefix);
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
    // Scaled down to fit a narrow screen, but never so far that a label is
    // smaller than READABLE_PX: past that the chart scrolls (in its
    // `.orgchart-scroll` box) and can be zoomed, rather than shrink.
    let smallest = layout.width * (READABLE_PX / layout.font_size).min(1.0);
    let _ = writeln!(
        out,
        " viewBox=\"0 0 {w} {h}\" width=\"100%\" style=\"max-width:{w}px;min-width:{}px\" \
         preserveAspectRatio=\"xMidYMin meet\" font-family=\"sans-serif\" font-size=\"{}\">",
        num(smallest),
        num(layout.font_size)
    );
    if !options.title.is_empty() {
        let _ = write!(out, "<title id=\"{id}-title\">");
        escape_into(out, options.title);
        out.push_str("</title>\n");
    }
    if !options.description.is_empty() {
        let _ = write!(out, "<desc id=\"{id}-desc\">");
        escape_into(out, options.description);
        out.push_str("</desc>\n");
    }
}

/// The smallest a chart's labels are shown on screen, in CSS pixels.
const READABLE_PX: f64 = 12.0;

/// `M` to the first corner, then `H`/`V` to each corner where the line turns.
fn write_path(out: &mut String, points: &[(f64, f64)]) {
    let mut corners: Vec<(Num, Num)> = Vec::with_capacity(points.len());
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
    let mut last: Option<(Num, Num)> = None;
    for &(x, y) in &corners {
        match last {
            None => {
                out.push('M');
                x.push_to(out);
                out.push(' ');
                y.push_to(out);
            }
            Some((lx, _)) if lx == x => {
                out.push('V');
                y.push_to(out);
            }
            Some((_, ly)) if ly == y => {
                out.push('H');
                x.push_to(out);
            }
            Some(_) => {
                out.push('L');
                x.push_to(out);
                out.push(' ');
                y.push_to(out);
            }
        }
        last = Some((x, y));
    }
}

fn write_node(
    out: &mut String,
    node: &ChartNode,
    b: &NodeBox,
    line_height: f64,
    link: &dyn Fn(&RoleId) -> String,
) {
    match &node.kind {
        NodeKind::Role(id) => {
            out.push_str(match node.current {
                true => "<a class=\"node node-current\" href=\"",
                false => "<a class=\"node\" href=\"",
            });
            escape_into(out, &link(id));
            out.push_str(match node.current {
                true => "\" aria-current=\"page\">",
                false => "\">",
            });
            write_box(out, node, b, line_height);
            out.push_str("</a>\n");
        }
        NodeKind::External | NodeKind::Department => {
            let class = match node.kind {
                NodeKind::External => "node node-external",
                _ => "node node-department",
            };
            out.push_str("<g class=\"");
            out.push_str(class);
            out.push_str("\">");
            write_box(out, node, b, line_height);
            out.push_str("</g>\n");
        }
    }
}

/// The box and its label: one `<tspan>` per line, the block centred in the
/// box.
fn write_box(out: &mut String, node: &ChartNode, b: &NodeBox, line_height: f64) {
    let look = if node.current {
        BOX_CURRENT
    } else if node.kind == NodeKind::External {
        BOX_EXTERNAL
    } else {
        BOX
    };
    for (name, value) in [
        ("<rect x=\"", b.x),
        ("\" y=\"", b.y),
        ("\" width=\"", b.width),
        ("\" height=\"", b.height),
    ] {
        out.push_str(name);
        num(value).push_to(out);
    }
    out.push_str("\" ");
    out.push_str(look);
    out.push_str("/><text ");
    out.push_str(TEXT);
    out.push('>');
    let x = num(b.centre_x());
    let first = b.centre_y() - (b.lines.len() as f64 - 1.0) * line_height / 2.0;
    for (i, line) in b.lines.iter().enumerate() {
        out.push_str("<tspan x=\"");
        x.push_to(out);
        out.push_str("\" y=\"");
        num(first + i as f64 * line_height).push_to(out);
        out.push_str("\">");
        escape_into(out, line);
        out.push_str("</tspan>");
    }
    out.push_str("</text>");
}

#[cfg(test)]
mod tests {
    fn path(points: &[(f64, f64)]) -> String {
        let mut out = String::new();
        super::write_path(&mut out, points);
        out
    }

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

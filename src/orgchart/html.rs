//! The chart as nested HTML lists: the same tree for screen readers and for
//! readers without SVG.

use super::markup::escape;
use super::{Chart, NodeKind};
use crate::model::RoleId;

/// `<ul class="orgchart-list">`, one `<li>` per node, children in a nested
/// `<ul>`. Roles are links (`link` gives the relative URL), the current role
/// carries `aria-current="page"`, other boxes are plain text.
pub fn to_html_list(chart: &Chart, link: &dyn Fn(&RoleId) -> String) -> String {
    enum Step {
        Open(usize),
        Close,
    }
    let mut out = String::from("<ul class=\"orgchart-list\">\n");
    // An explicit stack rather than recursion: depth is unbounded.
    let mut steps: Vec<Step> = chart.roots().iter().rev().map(|&r| Step::Open(r)).collect();
    while let Some(step) = steps.pop() {
        let Step::Open(v) = step else {
            out.push_str("</ul>\n</li>\n");
            continue;
        };
        out.push_str("<li>");
        out.push_str(&item(chart, v, link));
        let children = &chart.nodes()[v].children;
        if children.is_empty() {
            out.push_str("</li>\n");
            continue;
        }
        out.push_str("\n<ul>\n");
        steps.push(Step::Close);
        steps.extend(children.iter().rev().map(|&c| Step::Open(c)));
    }
    out.push_str("</ul>\n");
    out
}

fn item(chart: &Chart, v: usize, link: &dyn Fn(&RoleId) -> String) -> String {
    let node = &chart.nodes()[v];
    let label = escape(&node.label);
    match &node.kind {
        NodeKind::Role(id) if node.current => format!(
            "<a class=\"node-current\" href=\"{}\" aria-current=\"page\">{label}</a>",
            escape(&link(id))
        ),
        NodeKind::Role(id) => format!("<a href=\"{}\">{label}</a>", escape(&link(id))),
        NodeKind::External => format!("<span class=\"node-external\">{label}</span>"),
        NodeKind::Department => format!("<span class=\"node-department\">{label}</span>"),
    }
}

//! The chart as nested HTML lists: the same tree for screen readers and for
//! readers without SVG.

use super::markup::escape_into;
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
        write_item(&mut out, chart, v, link);
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

fn write_item(out: &mut String, chart: &Chart, v: usize, link: &dyn Fn(&RoleId) -> String) {
    let node = &chart.nodes()[v];
    let (open, close) = match &node.kind {
        NodeKind::Role(id) => {
            out.push_str(match node.current {
                true => "<a class=\"node-current\" href=\"",
                false => "<a href=\"",
            });
            escape_into(out, &link(id));
            let open = match node.current {
                true => "\" aria-current=\"page\">",
                false => "\">",
            };
            (open, "</a>")
        }
        NodeKind::External => ("<span class=\"node-external\">", "</span>"),
        NodeKind::Department => ("<span class=\"node-department\">", "</span>"),
    };
    out.push_str(open);
    escape_into(out, &node.label);
    out.push_str(close);
}

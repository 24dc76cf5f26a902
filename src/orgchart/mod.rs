//! Org charts drawn at build time: a document's reporting tree, or one role's
//! slice of it, laid out as a tidy tree and written as inline SVG, with the
//! same tree as a nested HTML list for screen readers.
//!
//! ```ignore
//! let chart = orgchart::document_chart(doc, None);
//! let options = SvgOptions { id_prefix: "org", title: "组织结构图", description: "…", ..Default::default() };
//! let svg = orgchart::to_svg(&chart, &options, &|id| format!("{id}.html"));
//! let list = orgchart::to_html_list(&chart, &|id| format!("{id}.html"));
//! ```
//!
//! Building a chart only reads the model, and the texts it shows are the
//! model's, so a chart built from a converted [`Document`] is in the reader's
//! script.

mod html;
mod layout;
mod markup;
mod measure;
mod svg;
mod tidy;

use std::collections::HashMap;

use crate::model::{Document, Role, RoleId, Superior};

pub use html::to_html_list;
pub use layout::{layout, layout_as, Edge, Layout, LayoutOptions, NodeBox, Style, WRAP_AFTER};
pub use measure::text_width;
pub use svg::{layout_to_svg, to_svg, SvgOptions};

/// A forest of labelled nodes in display order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Chart {
    nodes: Vec<ChartNode>,
    roots: Vec<usize>,
}

/// One box of a chart.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartNode {
    pub kind: NodeKind,
    pub label: String,
    pub parent: Option<usize>,
    /// Indices into [`Chart::nodes`], left to right.
    pub children: Vec<usize>,
    /// The role whose page shows the chart: highlighted.
    pub current: bool,
}

/// What a box stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NodeKind {
    /// A role with a page: drawn as a link.
    Role(RoleId),
    /// A superior outside the handbook (总经理): drawn dashed, not linked.
    External,
    /// A department with no roles, shown as a single box.
    Department,
}

impl Chart {
    pub fn new() -> Chart {
        Chart::default()
    }

    /// Adds a node as the last child of `parent` (or as the last root) and
    /// returns its index.
    ///
    /// # Panics
    ///
    /// If `parent` is not an index this chart returned before.
    pub fn add(
        &mut self,
        parent: Option<usize>,
        kind: NodeKind,
        label: impl Into<String>,
    ) -> usize {
        let id = self.nodes.len();
        match parent {
            Some(p) => {
                assert!(p < id, "orgchart: parent {p} is not a node of this chart");
                self.nodes[p].children.push(id);
            }
            None => self.roots.push(id),
        }
        self.nodes.push(ChartNode {
            kind,
            label: label.into(),
            parent,
            children: Vec::new(),
            current: false,
        });
        id
    }

    pub fn nodes(&self) -> &[ChartNode] {
        &self.nodes
    }

    pub fn roots(&self) -> &[usize] {
        &self.roots
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// The node of a role, if the chart shows it.
    pub fn find_role(&self, id: &RoleId) -> Option<usize> {
        self.nodes
            .iter()
            .position(|n| matches!(&n.kind, NodeKind::Role(r) if r == id))
    }

    /// Highlights `id` (and nothing else); false if the chart does not show it.
    pub fn set_current(&mut self, id: &RoleId) -> bool {
        let found = self.find_role(id);
        for (i, node) in self.nodes.iter_mut().enumerate() {
            node.current = Some(i) == found;
        }
        found.is_some()
    }

    /// Every node with its depth, parents before children, in reading order.
    pub fn depth_first(&self) -> Vec<(usize, usize)> {
        let mut out = Vec::with_capacity(self.nodes.len());
        let mut stack: Vec<(usize, usize)> = self.roots.iter().rev().map(|&r| (r, 0)).collect();
        while let Some((v, depth)) = stack.pop() {
            out.push((v, depth));
            stack.extend(self.nodes[v].children.iter().rev().map(|&c| (c, depth + 1)));
        }
        out
    }
}

/// The reporting tree of a document. External superiors become nodes of
/// their own above the roles reporting to them. A document without roles
/// shows one box for the department, labelled `department` or else the
/// document's title.
pub fn document_chart(doc: &Document, department: Option<&str>) -> Chart {
    let mut chart = Chart::new();
    if doc.roles.is_empty() {
        chart.add(None, NodeKind::Department, department.unwrap_or(&doc.title));
        return chart;
    }
    let mut role_nodes: HashMap<&RoleId, usize> = HashMap::new();
    let mut externals: HashMap<&str, usize> = HashMap::new();
    // Roles come in reporting order, so a superior is always added before
    // the roles reporting to it.
    for role in &doc.roles {
        let parent = match &role.reports_to {
            Some(Superior::Role(id)) => role_nodes.get(id).copied(),
            Some(Superior::External(name)) => Some(
                *externals
                    .entry(name.as_str())
                    .or_insert_with(|| chart.add(None, NodeKind::External, name.as_str())),
            ),
            None => None,
        };
        let node = chart.add(parent, NodeKind::Role(role.id.clone()), role.title.as_str());
        role_nodes.insert(&role.id, node);
    }
    chart
}

/// How many levels of superiors a role's chart shows. A deeper chain is cut
/// above them with a "…" box: each role page stays small however long the
/// reporting chain, and the whole build linear (the document's own chart
/// shows every level).
pub const SLICE_SUPERIORS: usize = 4;

/// The label of the box standing for superiors a role's chart leaves out.
pub const MORE_ABOVE: &str = "…";

/// A role's place in its document: its superiors (the nearest
/// [`SLICE_SUPERIORS`], up to the top), the role itself (current) and its
/// direct reports. `None` if the document has no such role.
pub fn slice(doc: &Document, id: &RoleId) -> Option<Chart> {
    let role = doc.role(id)?;
    let mut chart = Chart::new();
    let mut chain = superiors(doc, role, SLICE_SUPERIORS + 1);
    let top = chain.last().copied().unwrap_or(role);
    let mut parent = None;
    if chain.len() > SLICE_SUPERIORS {
        chain.truncate(SLICE_SUPERIORS);
        parent = Some(chart.add(None, NodeKind::External, MORE_ABOVE));
    } else if let Some(Superior::External(name)) = &top.reports_to {
        parent = Some(chart.add(None, NodeKind::External, name.as_str()));
    }
    for above in chain.iter().rev() {
        parent = Some(chart.add(
            parent,
            NodeKind::Role(above.id.clone()),
            above.title.as_str(),
        ));
    }
    let me = chart.add(parent, NodeKind::Role(role.id.clone()), role.title.as_str());
    chart.nodes[me].current = true;
    for report in role.direct_reports.iter().filter_map(|r| doc.role(r)) {
        chart.add(
            Some(me),
            NodeKind::Role(report.id.clone()),
            report.title.as_str(),
        );
    }
    Some(chart)
}

/// The role's superiors that are roles, nearest first, at most `limit`.
/// Bounded by the number of roles too, so even a cycle the model missed
/// cannot loop forever.
fn superiors<'d>(doc: &'d Document, role: &Role, limit: usize) -> Vec<&'d Role> {
    let mut chain = Vec::new();
    let mut at = role;
    while let Some(Superior::Role(up)) = &at.reports_to {
        match doc.role(up) {
            Some(next) if chain.len() < doc.roles.len().min(limit) => {
                chain.push(next);
                at = next;
            }
            _ => break,
        }
    }
    chain
}

#[cfg(test)]
mod tests;

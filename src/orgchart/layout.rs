//! Box sizes and positions for a [`Chart`], in CSS pixels.
//!
//! Three arrangements, tried in order until one fits `max_width`:
//! [`Style::Tree`], the classic top-down tidy tree; [`Style::Stacked`], the
//! same tree with each group of leaf siblings listed one under another below
//! their parent (how paper org charts fit many staff under a manager); and
//! [`Style::Indented`], one box per row like a file tree, which fits any
//! width a label fits.

use super::text::{text_width, wrap};
use super::tidy;
use super::Chart;

/// What the layout needs to know besides the chart.
#[derive(Debug, Clone, PartialEq)]
pub struct LayoutOptions {
    /// Font size of the labels in CSS pixels; every spacing scales with it.
    pub font_size: f64,
    /// Widest chart, in CSS pixels, before a narrower style is used.
    pub max_width: f64,
    /// Labels wider than this many em are wrapped onto two lines.
    pub wrap_em: f64,
}

impl Default for LayoutOptions {
    /// 14 px labels, and the content width of an A4 portrait page with 15 mm
    /// margins (180 mm at 96 CSS px per inch), so the chart prints unscaled.
    fn default() -> LayoutOptions {
        LayoutOptions {
            font_size: 14.0,
            max_width: 680.0,
            wrap_em: 8.0,
        }
    }
}

/// How the boxes are arranged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Tree,
    Stacked,
    Indented,
}

/// A laid-out chart: one box per chart node, same indices as
/// [`Chart::nodes`], and one edge per parent–child pair.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    pub style: Style,
    pub width: f64,
    pub height: f64,
    pub boxes: Vec<NodeBox>,
    pub edges: Vec<Edge>,
    /// The font size the boxes were measured for.
    pub font_size: f64,
    /// Height of one label line.
    pub line_height: f64,
}

/// A node's box: top-left corner, size, and its label's lines.
#[derive(Debug, Clone, PartialEq)]
pub struct NodeBox {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
    pub lines: Vec<String>,
}

impl NodeBox {
    pub fn centre_x(&self) -> f64 {
        self.x + self.width / 2.0
    }

    pub fn centre_y(&self) -> f64 {
        self.y + self.height / 2.0
    }

    pub fn bottom(&self) -> f64 {
        self.y + self.height
    }

    pub fn right(&self) -> f64 {
        self.x + self.width
    }
}

/// An orthogonal connector from a parent's box to a child's, as the corners
/// of a polyline.
#[derive(Debug, Clone, PartialEq)]
pub struct Edge {
    pub parent: usize,
    pub child: usize,
    pub points: Vec<(f64, f64)>,
}

/// Lays the chart out in the first style that fits `options.max_width`.
pub fn layout(chart: &Chart, options: &LayoutOptions) -> Layout {
    let tree = layout_as(chart, options, Style::Tree);
    if tree.width <= options.max_width {
        return tree;
    }
    let stacked = layout_as(chart, options, Style::Stacked);
    if stacked.width <= options.max_width {
        return stacked;
    }
    layout_as(chart, options, Style::Indented)
}

/// Lays the chart out in the given style, whatever its width.
pub fn layout_as(chart: &Chart, options: &LayoutOptions, style: Style) -> Layout {
    let metrics = Metrics::new(options.font_size);
    let sizes = measure(chart, options, &metrics);
    let (boxes, edges) = match style {
        Style::Tree => tree_boxes(chart, &sizes, &metrics, false),
        Style::Stacked => tree_boxes(chart, &sizes, &metrics, true),
        Style::Indented => indented_boxes(chart, &sizes, &metrics),
    };
    let width = boxes.iter().map(NodeBox::right).fold(0.0, f64::max) + metrics.margin;
    let height = boxes.iter().map(NodeBox::bottom).fold(0.0, f64::max) + metrics.margin;
    Layout {
        style,
        width: width.max(2.0 * metrics.margin),
        height: height.max(2.0 * metrics.margin),
        boxes,
        edges,
        font_size: options.font_size,
        line_height: metrics.line,
    }
}

/// Spacing in pixels, all proportional to the font size.
struct Metrics {
    pad_x: f64,
    pad_y: f64,
    line: f64,
    /// Narrowest text area, so two-character titles still get a real box.
    min_text: f64,
    gap_x: f64,
    /// Between rows of the tree; the connectors' elbows sit in the middle.
    gap_y: f64,
    /// Between boxes listed one under another.
    gap_list: f64,
    indent: f64,
    /// Around the whole chart, so borders are not clipped.
    margin: f64,
}

impl Metrics {
    fn new(font_size: f64) -> Metrics {
        let em = font_size;
        Metrics {
            pad_x: 0.75 * em,
            pad_y: 0.45 * em,
            line: 1.4 * em,
            min_text: 3.0 * em,
            gap_x: em,
            gap_y: 2.0 * em,
            gap_list: 0.5 * em,
            indent: 1.5 * em,
            margin: 2.0,
        }
    }
}

struct Size {
    lines: Vec<String>,
    width: f64,
    height: f64,
}

fn measure(chart: &Chart, options: &LayoutOptions, m: &Metrics) -> Vec<Size> {
    chart
        .nodes()
        .iter()
        .map(|node| {
            let lines = wrap(&node.label, options.wrap_em);
            let text = lines
                .iter()
                .map(|l| text_width(l, options.font_size))
                .fold(m.min_text, f64::max);
            Size {
                width: text + 2.0 * m.pad_x,
                height: lines.len() as f64 * m.line + 2.0 * m.pad_y,
                lines,
            }
        })
        .collect()
}

/// A box the tidy tree places: one chart node, or (stacked style) a list of
/// leaf siblings under one parent.
struct Unit {
    nodes: Vec<usize>,
    stacked: bool,
    depth: usize,
    width: f64,
}

struct Units {
    units: Vec<Unit>,
    children: Vec<Vec<usize>>,
    /// The unit of each chart node.
    of_node: Vec<usize>,
}

fn build_units(chart: &Chart, sizes: &[Size], m: &Metrics, stack: bool) -> Units {
    let mut u = Units {
        units: Vec::new(),
        children: Vec::new(),
        of_node: vec![usize::MAX; chart.nodes().len()],
    };
    let mut todo: Vec<usize> = Vec::new();
    for &root in chart.roots() {
        u.push(vec![root], false, 0, sizes[root].width);
        todo.push(root);
    }
    while let Some(v) = todo.pop() {
        let parent_unit = u.of_node[v];
        let depth = u.units[parent_unit].depth + 1;
        let kids = &chart.nodes()[v].children;
        if stack && !kids.is_empty() && kids.iter().all(|&c| chart.nodes()[c].children.is_empty()) {
            let inner = kids.iter().map(|&c| sizes[c].width).fold(0.0, f64::max);
            let unit = u.push(kids.clone(), true, depth, m.indent + inner);
            u.children[parent_unit].push(unit);
            continue;
        }
        for &c in kids {
            let unit = u.push(vec![c], false, depth, sizes[c].width);
            u.children[parent_unit].push(unit);
            todo.push(c);
        }
    }
    u
}

impl Units {
    fn push(&mut self, nodes: Vec<usize>, stacked: bool, depth: usize, width: f64) -> usize {
        let id = self.units.len();
        for &n in &nodes {
            self.of_node[n] = id;
        }
        self.units.push(Unit {
            nodes,
            stacked,
            depth,
            width,
        });
        self.children.push(Vec::new());
        id
    }

    /// Centre x of every unit, several roots side by side under an unseen
    /// root of no width.
    fn centres(&self, roots: &[usize], gap: f64) -> Vec<f64> {
        let mut widths: Vec<f64> = self.units.iter().map(|u| u.width).collect();
        let mut children = self.children.clone();
        widths.push(0.0);
        children.push(roots.iter().map(|&r| self.of_node[r]).collect());
        tidy::centres(&tidy::Tree {
            children: &children,
            widths: &widths,
            root: children.len() - 1,
            gap,
        })
    }
}

/// Top of each row and the common height of the single boxes in it.
struct Rows {
    top: Vec<f64>,
    single_height: Vec<f64>,
}

fn rows(units: &Units, sizes: &[Size], m: &Metrics) -> Rows {
    let depth = units.units.iter().map(|u| u.depth + 1).max().unwrap_or(0);
    let mut single_height = vec![0.0_f64; depth];
    let mut extent = vec![0.0_f64; depth];
    for unit in &units.units {
        let h = if unit.stacked {
            list_height(&unit.nodes, sizes, m)
        } else {
            let h = unit
                .nodes
                .iter()
                .map(|&n| sizes[n].height)
                .fold(0.0, f64::max);
            single_height[unit.depth] = single_height[unit.depth].max(h);
            h
        };
        extent[unit.depth] = extent[unit.depth].max(h);
    }
    let mut top = Vec::with_capacity(depth);
    let mut y = m.margin;
    for h in extent {
        top.push(y);
        y += h + m.gap_y;
    }
    Rows { top, single_height }
}

fn list_height(nodes: &[usize], sizes: &[Size], m: &Metrics) -> f64 {
    let boxes: f64 = nodes.iter().map(|&n| sizes[n].height).sum();
    boxes + nodes.len().saturating_sub(1) as f64 * m.gap_list
}

fn tree_boxes(
    chart: &Chart,
    sizes: &[Size],
    m: &Metrics,
    stack: bool,
) -> (Vec<NodeBox>, Vec<Edge>) {
    let units = build_units(chart, sizes, m, stack);
    let centres = units.centres(chart.roots(), m.gap_x);
    let left = units
        .units
        .iter()
        .zip(&centres)
        .map(|(u, &x)| x - u.width / 2.0)
        .fold(f64::INFINITY, f64::min);
    let shift = m.margin - left;
    let rows = rows(&units, sizes, m);
    let mut boxes: Vec<NodeBox> = sizes.iter().map(|s| empty_box(&s.lines)).collect();
    for (unit, &centre) in units.units.iter().zip(&centres) {
        let unit_left = centre - unit.width / 2.0 + shift;
        place_unit(unit, unit_left, &rows, sizes, m, &mut boxes);
    }
    let edges = tree_edges(chart, &units, &boxes, &rows, m);
    (boxes, edges)
}

fn empty_box(lines: &[String]) -> NodeBox {
    NodeBox {
        x: 0.0,
        y: 0.0,
        width: 0.0,
        height: 0.0,
        lines: lines.to_vec(),
    }
}

fn place_unit(
    unit: &Unit,
    left: f64,
    rows: &Rows,
    sizes: &[Size],
    m: &Metrics,
    boxes: &mut [NodeBox],
) {
    let mut y = rows.top[unit.depth];
    for &n in &unit.nodes {
        let b = &mut boxes[n];
        if unit.stacked {
            // Listed boxes share one width so the list reads as a column.
            (b.x, b.y, b.width, b.height) =
                (left + m.indent, y, unit.width - m.indent, sizes[n].height);
            y += b.height + m.gap_list;
        } else {
            (b.x, b.y, b.width, b.height) = (left, y, unit.width, rows.single_height[unit.depth]);
        }
    }
}

/// Parent bottom, down to the middle of the gap, across, down to the child
/// (or, for a list, down its left side and into each box).
fn tree_edges(
    chart: &Chart,
    units: &Units,
    boxes: &[NodeBox],
    rows: &Rows,
    m: &Metrics,
) -> Vec<Edge> {
    let mut edges = Vec::new();
    for (parent, node) in chart.nodes().iter().enumerate() {
        let p = &boxes[parent];
        for &child in &node.children {
            let c = &boxes[child];
            let unit = &units.units[units.of_node[child]];
            let mid = rows.top[unit.depth] - m.gap_y / 2.0;
            let mut points = vec![(p.centre_x(), p.bottom()), (p.centre_x(), mid)];
            if unit.stacked {
                let spine = c.x - m.indent / 2.0;
                points.extend([(spine, mid), (spine, c.centre_y()), (c.x, c.centre_y())]);
            } else {
                points.extend([(c.centre_x(), mid), (c.centre_x(), c.y)]);
            }
            edges.push(Edge {
                parent,
                child,
                points,
            });
        }
    }
    edges
}

/// One box per row in depth-first order, each child indented under its
/// parent and joined to a line running down from the parent's left side.
fn indented_boxes(chart: &Chart, sizes: &[Size], m: &Metrics) -> (Vec<NodeBox>, Vec<Edge>) {
    let mut boxes: Vec<NodeBox> = sizes.iter().map(|s| empty_box(&s.lines)).collect();
    let mut y = m.margin;
    for (node, depth) in chart.depth_first() {
        let size = &sizes[node];
        let b = &mut boxes[node];
        (b.x, b.y, b.width, b.height) = (
            m.margin + depth as f64 * m.indent,
            y,
            size.width,
            size.height,
        );
        y += size.height + m.gap_list;
    }
    let mut edges = Vec::new();
    for (parent, node) in chart.nodes().iter().enumerate() {
        let p = &boxes[parent];
        let spine = p.x + m.indent / 2.0;
        for &child in &node.children {
            let c = &boxes[child];
            edges.push(Edge {
                parent,
                child,
                points: vec![
                    (spine, p.bottom()),
                    (spine, c.centre_y()),
                    (c.x, c.centre_y()),
                ],
            });
        }
    }
    (boxes, edges)
}

//! Box sizes and positions for a [`Chart`], in CSS pixels.
//!
//! Three arrangements, tried in order until one fits `max_width`:
//! [`Style::Tree`], the classic top-down tidy tree; [`Style::Stacked`], the
//! same tree with each group of leaf siblings listed one under another below
//! their parent (how paper org charts fit many staff under a manager); and
//! [`Style::Indented`], one box per row like a file tree, which fits any
//! width a label fits.
//!
//! In the last two, a long list of leaf siblings (more than [`WRAP_AFTER`])
//! wraps into a grid of rows, each row hanging from its own connector, so
//! hundreds of staff under one manager make a block, not a column thousands
//! of boxes tall.

use super::measure::{text_width, wrap};
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
        Style::Tree => tree_boxes(chart, &sizes, &metrics, None),
        Style::Stacked => tree_boxes(chart, &sizes, &metrics, Some(options.max_width)),
        Style::Indented => indented_boxes(chart, &sizes, &metrics, options.max_width),
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
    /// Between the rows of a grid of siblings; each row's connector runs in
    /// the middle of the gap above it.
    gap_grid: f64,
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
            gap_grid: em,
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

/// Lists of leaf siblings longer than this wrap into a grid.
pub const WRAP_AFTER: usize = 12;

/// The tallest a grid of siblings is made, as a multiple of its width, when
/// the width allows: about an A4 page's proportion.
const GRID_ASPECT: f64 = 1.5;

/// Leaf siblings laid out in `columns` equal cells, row by row.
#[derive(Clone, Copy)]
struct Grid {
    columns: usize,
    cell_width: f64,
    cell_height: f64,
}

impl Grid {
    /// The grid for `nodes` in `room` pixels of width; `None` when one column
    /// is better (a short list, or no room for two cells).
    fn for_siblings(nodes: &[usize], sizes: &[Size], m: &Metrics, room: f64) -> Option<Grid> {
        let n = nodes.len();
        if n <= WRAP_AFTER {
            return None;
        }
        let widest = |f: fn(&Size) -> f64| nodes.iter().map(|&c| f(&sizes[c])).fold(0.0, f64::max);
        let (cell_width, cell_height) = (widest(|s| s.width), widest(|s| s.height));
        let (pitch_x, pitch_y) = (cell_width + m.gap_x, cell_height + m.gap_grid);
        let square = (n as f64 * pitch_y / (GRID_ASPECT * pitch_x)).sqrt().ceil();
        let fit = ((room + m.gap_x) / pitch_x).floor();
        let columns = square.min(fit).min(n as f64);
        (columns >= 2.0).then_some(Grid {
            columns: columns as usize,
            cell_width,
            cell_height,
        })
    }

    fn width(&self, m: &Metrics) -> f64 {
        self.columns as f64 * (self.cell_width + m.gap_x) - m.gap_x
    }

    fn height(&self, n: usize, m: &Metrics) -> f64 {
        let rows = n.div_ceil(self.columns) as f64;
        rows * (self.cell_height + m.gap_grid) - m.gap_grid
    }

    /// Top-left corner of the `i`th cell, reading order (left to right,
    /// then down).
    fn cell(&self, i: usize, (left, top): (f64, f64), m: &Metrics) -> (f64, f64) {
        let (row, column) = (i / self.columns, i % self.columns);
        (
            left + column as f64 * (self.cell_width + m.gap_x),
            top + row as f64 * (self.cell_height + m.gap_grid),
        )
    }
}

/// A box the tidy tree places: one chart node, or (stacked style) a list of
/// leaf siblings under one parent, in one column or a grid.
struct Unit {
    nodes: Vec<usize>,
    stacked: bool,
    grid: Option<Grid>,
    depth: usize,
    width: f64,
}

struct Units {
    units: Vec<Unit>,
    children: Vec<Vec<usize>>,
    /// The unit of each chart node.
    of_node: Vec<usize>,
}

/// `stack`: the widest chart allowed when leaf siblings are stacked; `None`
/// for the plain tree.
fn build_units(chart: &Chart, sizes: &[Size], m: &Metrics, stack: Option<f64>) -> Units {
    let mut u = Units {
        units: Vec::new(),
        children: Vec::new(),
        of_node: vec![usize::MAX; chart.nodes().len()],
    };
    let mut todo: Vec<usize> = Vec::new();
    for &root in chart.roots() {
        u.push(vec![root], None, 0, sizes[root].width);
        todo.push(root);
    }
    while let Some(v) = todo.pop() {
        let parent_unit = u.of_node[v];
        let depth = u.units[parent_unit].depth + 1;
        let kids = &chart.nodes()[v].children;
        if let Some(max_width) = stack.filter(|_| all_leaves(chart, kids)) {
            let room = max_width - 2.0 * m.margin - m.indent;
            let grid = Grid::for_siblings(kids, sizes, m, room);
            let inner = match grid {
                Some(grid) => grid.width(m),
                None => kids.iter().map(|&c| sizes[c].width).fold(0.0, f64::max),
            };
            let unit = u.push(kids.clone(), Some(grid), depth, m.indent + inner);
            u.children[parent_unit].push(unit);
            continue;
        }
        for &c in kids {
            let unit = u.push(vec![c], None, depth, sizes[c].width);
            u.children[parent_unit].push(unit);
            todo.push(c);
        }
    }
    u
}

fn all_leaves(chart: &Chart, nodes: &[usize]) -> bool {
    !nodes.is_empty() && nodes.iter().all(|&c| chart.nodes()[c].children.is_empty())
}

impl Units {
    /// `stacked`: `None` for a single box, else the stacked list's grid.
    fn push(
        &mut self,
        nodes: Vec<usize>,
        stacked: Option<Option<Grid>>,
        depth: usize,
        width: f64,
    ) -> usize {
        let id = self.units.len();
        for &n in &nodes {
            self.of_node[n] = id;
        }
        self.units.push(Unit {
            nodes,
            stacked: stacked.is_some(),
            grid: stacked.flatten(),
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
        let h = if let Some(grid) = unit.grid {
            grid.height(unit.nodes.len(), m)
        } else if unit.stacked {
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
    stack: Option<f64>,
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
    if let Some(grid) = unit.grid {
        for (i, &n) in unit.nodes.iter().enumerate() {
            let (x, y) = grid.cell(i, (left + m.indent, y), m);
            let b = &mut boxes[n];
            (b.x, b.y, b.width, b.height) = (x, y, grid.cell_width, grid.cell_height);
        }
        return;
    }
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
            if unit.grid.is_some() {
                let spine = units_left(unit, boxes) - m.indent / 2.0;
                points.push((spine, mid));
                points.extend(grid_drop(spine, c, m));
            } else if unit.stacked {
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

/// The left edge of a stacked unit's boxes.
fn units_left(unit: &Unit, boxes: &[NodeBox]) -> f64 {
    unit.nodes
        .iter()
        .map(|&n| boxes[n].x)
        .fold(f64::INFINITY, f64::min)
}

/// From a grid's spine down to the connector above the cell's row, across,
/// and down into the cell.
fn grid_drop(spine: f64, cell: &NodeBox, m: &Metrics) -> [(f64, f64); 3] {
    let bus = cell.y - m.gap_grid / 2.0;
    [
        (spine, bus),
        (cell.centre_x(), bus),
        (cell.centre_x(), cell.y),
    ]
}

/// One box per row in depth-first order, each child indented under its
/// parent and joined to a line running down from the parent's left side; a
/// long list of leaf children wraps into a grid.
fn indented_boxes(
    chart: &Chart,
    sizes: &[Size],
    m: &Metrics,
    max_width: f64,
) -> (Vec<NodeBox>, Vec<Edge>) {
    let mut boxes: Vec<NodeBox> = sizes.iter().map(|s| empty_box(&s.lines)).collect();
    let mut in_grid = vec![false; boxes.len()];
    let order = chart.depth_first();
    let mut y = m.margin;
    let mut at = 0;
    while let Some(&(node, depth)) = order.get(at) {
        let x = m.margin + depth as f64 * m.indent;
        let b = &mut boxes[node];
        (b.x, b.y, b.width, b.height) = (x, y, sizes[node].width, sizes[node].height);
        y += sizes[node].height + m.gap_list;
        at += 1;
        let kids = &chart.nodes()[node].children;
        let room = max_width - m.margin - (x + m.indent);
        let grid = Some(kids)
            .filter(|kids| all_leaves(chart, kids))
            .and_then(|kids| Grid::for_siblings(kids, sizes, m, room));
        if let Some(grid) = grid {
            // The leaf children come next in depth-first order: place them
            // all at once, below a gap for the first row's connector.
            let top = y + m.gap_grid / 2.0;
            for (i, &kid) in kids.iter().enumerate() {
                let (cx, cy) = grid.cell(i, (x + m.indent, top), m);
                let b = &mut boxes[kid];
                (b.x, b.y, b.width, b.height) = (cx, cy, grid.cell_width, grid.cell_height);
                in_grid[kid] = true;
            }
            y = top + grid.height(kids.len(), m) + m.gap_list;
            at += kids.len();
        }
    }
    let mut edges = Vec::new();
    for (parent, node) in chart.nodes().iter().enumerate() {
        let p = &boxes[parent];
        let spine = p.x + m.indent / 2.0;
        for &child in &node.children {
            let c = &boxes[child];
            let mut points = vec![(spine, p.bottom())];
            if in_grid[child] {
                points.extend(grid_drop(spine, c, m));
            } else {
                points.extend([(spine, c.centre_y()), (c.x, c.centre_y())]);
            }
            edges.push(Edge {
                parent,
                child,
                points,
            });
        }
    }
    (boxes, edges)
}

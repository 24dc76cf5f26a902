//! Org charts of the real handbook, and layout properties on random trees.

use std::collections::HashSet;
use std::path::Path;

use handbook::model::{Document, Handbook, RoleId, Superior};
use handbook::orgchart::{
    document_chart, layout, layout_as, layout_to_svg, slice, text_width, to_html_list, to_svg,
    Chart, Layout, LayoutOptions, NodeBox, NodeKind, Style, SvgOptions,
};
use proptest::prelude::*;

const STYLES: [Style; 3] = [Style::Tree, Style::Stacked, Style::Indented];

fn real_handbook() -> Handbook {
    match handbook::pipeline::load(Path::new(env!("CARGO_MANIFEST_DIR"))) {
        Ok((_, handbook)) => handbook,
        Err(e) => panic!("the real content must load: {e}"),
    }
}

fn link(id: &RoleId) -> String {
    format!("../roles/{id}.html")
}

// ---- checks shared by the real content and the random trees ----

fn overlaps(a: &NodeBox, b: &NodeBox) -> bool {
    a.x < b.right() - 1e-6
        && b.x < a.right() - 1e-6
        && a.y < b.bottom() - 1e-6
        && b.y < a.bottom() - 1e-6
}

fn assert_no_overlaps(layout: &Layout) {
    for (i, a) in layout.boxes.iter().enumerate() {
        for (j, b) in layout.boxes.iter().enumerate().skip(i + 1) {
            assert!(
                !overlaps(a, b),
                "{:?}: boxes {i} and {j} overlap: {a:?} {b:?}",
                layout.style
            );
        }
    }
}

fn assert_labels_fit(layout: &Layout) {
    let font = layout.font_size;
    for b in &layout.boxes {
        for line in &b.lines {
            let needed = text_width(line, font) + font;
            assert!(needed <= b.width + 1e-6, "{line:?} overflows its box {b:?}");
        }
        assert!(
            b.lines.len() as f64 * layout.line_height <= b.height + 1e-6,
            "{b:?} too short"
        );
        assert!(b.lines.len() <= 2, "{b:?} has more than two lines");
    }
}

fn assert_inside_view(layout: &Layout) {
    for b in &layout.boxes {
        assert!(
            b.x >= 0.0 && b.y >= 0.0 && b.right() <= layout.width && b.bottom() <= layout.height
        );
    }
}

/// An axis-aligned segment as its own bounding box: x0 ≤ x1, y0 ≤ y1.
#[derive(Debug, Clone, Copy)]
struct Segment {
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
}

fn segments(points: &[(f64, f64)]) -> Vec<Segment> {
    points
        .windows(2)
        .map(|w| {
            let ((ax, ay), (bx, by)) = (w[0], w[1]);
            assert!(
                (ax - bx).abs() < 1e-9 || (ay - by).abs() < 1e-9,
                "edge not orthogonal: {points:?}"
            );
            Segment {
                x0: ax.min(bx),
                y0: ay.min(by),
                x1: ax.max(bx),
                y1: ay.max(by),
            }
        })
        .collect()
}

/// Edges of different parents never meet (edges of one parent share their
/// first segments by design), and no edge runs through a box other than its
/// own parent's and child's.
fn assert_edges_clear(layout: &Layout) {
    let all: Vec<(usize, usize, Segment)> = layout
        .edges
        .iter()
        .flat_map(|e| {
            segments(&e.points)
                .into_iter()
                .map(move |s| (e.parent, e.child, s))
        })
        .collect();
    for (i, &(p, _, a)) in all.iter().enumerate() {
        for &(q, _, b) in &all[i + 1..] {
            let meet = a.x0 <= b.x1 + 1e-6
                && b.x0 <= a.x1 + 1e-6
                && a.y0 <= b.y1 + 1e-6
                && b.y0 <= a.y1 + 1e-6;
            assert!(
                p == q || !meet,
                "{:?}: edges from {p} and {q} cross: {a:?} {b:?}",
                layout.style
            );
        }
    }
    for &(p, c, s) in &all {
        for (n, b) in layout.boxes.iter().enumerate() {
            // Strict on both axes, so a segment may end on a box's border.
            let through = s.x0 < b.right() - 1e-6
                && b.x < s.x1 - 1e-6
                && s.y0 < b.bottom() - 1e-6
                && b.y < s.y1 - 1e-6;
            assert!(
                n == p || n == c || !through,
                "{:?}: edge {p}->{c} runs through box {n}",
                layout.style
            );
        }
    }
}

fn assert_edges_follow_chart(chart: &Chart, layout: &Layout) {
    let mut expected: Vec<(usize, usize)> = chart
        .nodes()
        .iter()
        .enumerate()
        .flat_map(|(p, n)| n.children.iter().map(move |&c| (p, c)))
        .collect();
    let mut drawn: Vec<(usize, usize)> = layout.edges.iter().map(|e| (e.parent, e.child)).collect();
    expected.sort();
    drawn.sort();
    assert_eq!(drawn, expected);
}

fn assert_parents_centred(chart: &Chart, layout: &Layout) {
    for (v, node) in chart.nodes().iter().enumerate() {
        if let (Some(&first), Some(&last)) = (node.children.first(), node.children.last()) {
            let mid = (layout.boxes[first].centre_x() + layout.boxes[last].centre_x()) / 2.0;
            let x = layout.boxes[v].centre_x();
            assert!(
                (x - mid).abs() < 1e-6,
                "node {v} at {x} is not centred over {mid}"
            );
        }
        for pair in node.children.windows(2) {
            assert!(
                layout.boxes[pair[0]].right() < layout.boxes[pair[1]].x,
                "siblings out of order"
            );
        }
    }
}

fn assert_sound(chart: &Chart, layout: &Layout) {
    assert_eq!(layout.boxes.len(), chart.nodes().len());
    assert_no_overlaps(layout);
    assert_labels_fit(layout);
    assert_inside_view(layout);
    assert_edges_follow_chart(chart, layout);
    assert_edges_clear(layout);
}

// ---- the real content ----

fn check_document_chart(doc: &Document, chart: &Chart) {
    if doc.roles.is_empty() {
        assert_eq!(chart.nodes().len(), 1);
        assert_eq!(chart.nodes()[0].kind, NodeKind::Department);
        return;
    }
    for role in &doc.roles {
        let shown: Vec<usize> = (0..chart.nodes().len())
            .filter(|&n| chart.nodes()[n].kind == NodeKind::Role(role.id.clone()))
            .collect();
        assert_eq!(
            shown.len(),
            1,
            "{} appears {} times in {}",
            role.id,
            shown.len(),
            doc.id
        );
        let node = &chart.nodes()[shown[0]];
        assert_eq!(node.label, role.title);
        let parent = node.parent.map(|p| &chart.nodes()[p]);
        match (&role.reports_to, parent) {
            (None, None) => {}
            (Some(Superior::Role(up)), Some(p)) => assert_eq!(p.kind, NodeKind::Role(up.clone())),
            (Some(Superior::External(name)), Some(p)) => {
                assert_eq!((&p.kind, &p.label), (&NodeKind::External, name));
                assert_eq!(p.parent, None, "an external superior is a top");
            }
            (want, got) => panic!(
                "{}: reports to {want:?} but is drawn under {got:?}",
                role.id
            ),
        }
    }
    let roles = chart
        .nodes()
        .iter()
        .filter(|n| matches!(n.kind, NodeKind::Role(_)))
        .count();
    assert_eq!(roles, doc.roles.len());
}

/// Every `href` in `markup`, and that each is the link of a role of `doc`.
fn assert_links_resolve(doc: &Document, markup: &str) -> usize {
    let ids: HashSet<String> = doc.roles.iter().map(|r| link(&r.id)).collect();
    let hrefs: Vec<&str> = markup
        .split("href=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .collect();
    for href in &hrefs {
        assert!(ids.contains(*href), "{href} is not a role of {}", doc.id);
    }
    hrefs.len()
}

#[test]
fn real_documents_chart_every_role_once_with_its_superior() {
    let handbook = real_handbook();
    assert!(!handbook.documents.is_empty(), "content/ has documents");
    for doc in &handbook.documents {
        let chart = document_chart(doc, None);
        check_document_chart(doc, &chart);
        let options = LayoutOptions::default();
        let chosen = layout(&chart, &options);
        assert!(chosen.width <= options.max_width || chosen.style == Style::Indented);
        for style in STYLES {
            assert_sound(&chart, &layout_as(&chart, &options, style));
        }
        let svg_options = SvgOptions {
            id_prefix: "org",
            title: &doc.title,
            ..SvgOptions::default()
        };
        let svg = to_svg(&chart, &svg_options, &link);
        assert_eq!(
            assert_links_resolve(doc, &svg),
            doc.roles.len(),
            "{}",
            doc.id
        );
        let list = to_html_list(&chart, &link);
        assert_eq!(
            assert_links_resolve(doc, &list),
            doc.roles.len(),
            "{}",
            doc.id
        );
    }
}

#[test]
fn real_role_slices_show_chain_self_and_reports() {
    let handbook = real_handbook();
    for (doc, role) in handbook.roles() {
        let Some(chart) = slice(doc, &role.id) else {
            panic!("{} has no slice", role.id)
        };
        let current: Vec<&NodeKind> = chart
            .nodes()
            .iter()
            .filter(|n| n.current)
            .map(|n| &n.kind)
            .collect();
        assert_eq!(current, [&NodeKind::Role(role.id.clone())]);
        let me = chart.find_role(&role.id).unwrap_or(usize::MAX);
        let reports: Vec<NodeKind> = role
            .direct_reports
            .iter()
            .map(|r| NodeKind::Role(r.clone()))
            .collect();
        let drawn: Vec<NodeKind> = chart.nodes()[me]
            .children
            .iter()
            .map(|&c| chart.nodes()[c].kind.clone())
            .collect();
        assert_eq!(drawn, reports);
        // The chain: one node per level above the role, external at the top.
        assert_eq!(chart.roots().len(), 1);
        let external_top = matches!(chart.nodes()[chart.roots()[0]].kind, NodeKind::External);
        let above = chart
            .depth_first()
            .iter()
            .find(|(n, _)| *n == me)
            .map(|&(_, d)| d);
        assert_eq!(above, Some(role.depth + usize::from(external_top)));
        let svg = to_svg(&chart, &SvgOptions::default(), &link);
        assert_links_resolve(doc, &svg);
        for style in STYLES {
            assert_sound(&chart, &layout_as(&chart, &LayoutOptions::default(), style));
        }
    }
}

#[test]
fn the_fifth_document_fits_an_a4_page() {
    let handbook = real_handbook();
    let Some(doc) = handbook
        .documents
        .iter()
        .find(|d| d.source.contains("第五篇"))
    else {
        panic!("第五篇 is in content/")
    };
    let chart = document_chart(doc, None);
    let options = LayoutOptions::default();
    let chosen = layout(&chart, &options);
    assert_ne!(chosen.style, Style::Indented, "第五篇 should stay a tree");
    assert!(
        chosen.width <= options.max_width,
        "{} px wide",
        chosen.width
    );
    assert_sound(&chart, &chosen);
}

// ---- random trees ----

/// A forest of `shape.len()` nodes: the first `roots` are tops, each other
/// node hangs under an earlier one; labels of random length mix ideographs,
/// full-width punctuation and ASCII.
fn random_chart(roots: usize, shape: &[(prop::sample::Index, usize, u8)]) -> Chart {
    let mut chart = Chart::new();
    for (i, (parent, len, flavour)) in shape.iter().enumerate() {
        let parent = (i >= roots).then(|| parent.index(i));
        let label: String = (0..*len)
            .map(|k| match (flavour + k as u8) % 7 {
                0 => 'A',
                1 => 'x',
                2 => '（',
                _ => '岗',
            })
            .collect();
        let id = RoleId::parse(&format!("r{i}")).expect("slug");
        let kind = if *flavour == 0 && parent.is_none() {
            NodeKind::External
        } else {
            NodeKind::Role(id)
        };
        chart.add(parent, kind, label);
    }
    chart
}

fn chart_strategy() -> impl Strategy<Value = Chart> {
    (
        1usize..4,
        prop::collection::vec((any::<prop::sample::Index>(), 1usize..24, 0u8..7), 1..300),
    )
        .prop_map(|(roots, shape)| random_chart(roots, &shape))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn tree_layout_is_tidy(chart in chart_strategy()) {
        let tree = layout_as(&chart, &LayoutOptions::default(), Style::Tree);
        assert_sound(&chart, &tree);
        assert_parents_centred(&chart, &tree);
    }

    #[test]
    fn stacked_and_indented_layouts_are_sound(chart in chart_strategy()) {
        for style in [Style::Stacked, Style::Indented] {
            assert_sound(&chart, &layout_as(&chart, &LayoutOptions::default(), style));
        }
    }

    #[test]
    fn output_is_deterministic(chart in chart_strategy()) {
        let options = SvgOptions::default();
        let first = to_svg(&chart, &options, &link);
        prop_assert_eq!(&first, &to_svg(&chart.clone(), &options, &link));
        let tree = layout_as(&chart, &options.layout, Style::Tree);
        prop_assert_eq!(&tree, &layout_as(&chart, &options.layout, Style::Tree));
        prop_assert_eq!(layout_to_svg(&chart, &tree, &options, &link), layout_to_svg(&chart, &tree, &options, &link));
        prop_assert!(!first.contains("NaN") && !first.contains("-0 ") && !first.contains("-0\""));
    }
}

/// A document of department duties only has no chart: not on its page, not
/// on the org charts page, not in print (a chart would be one box of its
/// own title).
#[test]
fn a_document_without_roles_has_no_chart() {
    let site = crate::fixture::Site::new();
    site.write(
        "content/06-empty/_index.md",
        "---\ntitle: 行政部职责\norganization: 某公司\nindustry: 服装零售\nsource: 第六篇\n---\n1. 负责日常行政事务。\n",
    );
    let out = site.build();
    assert!(out.status.success(), "{}", crate::fixture::stderr(&out));
    let read = |rel: &str| std::fs::read_to_string(site.path(rel)).expect(rel);
    let page = read("output/zh-hans/06-empty/index.html");
    assert!(
        page.contains("负责日常行政事务") && !page.contains("<svg"),
        "{page}"
    );
    assert!(!page.contains("id=\"orgchart\""), "{page}");
    let charts = read("output/zh-hans/orgcharts.html");
    assert!(!charts.contains("chart-06-empty"), "{charts}");
    assert!(charts.contains("chart-04-demo"), "{charts}");
    let print = read("output/zh-hans/print.html");
    assert!(print.contains("负责日常行政事务"));
    assert_eq!(
        print.matches("<figure class=\"orgchart\">").count(),
        1,
        "the one document with roles"
    );
}

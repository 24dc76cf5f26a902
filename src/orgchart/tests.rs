//! Charts built from hand-made documents shaped like the real ones.

use std::path::PathBuf;

use super::*;
use crate::model::{DocId, Rich};

fn id(s: &str) -> RoleId {
    RoleId::parse(s).expect("test ids are slugs")
}

/// A document from `(id, title, superior)`, superiors given before their
/// reports; a superior that is not a role id is external.
fn document(roles: &[(&str, &str, &str)]) -> Document {
    let ids: Vec<&str> = roles.iter().map(|r| r.0).collect();
    let mut list: Vec<Role> = roles
        .iter()
        .map(|&(role, title, up)| Role {
            reports_to: match up {
                "" => None,
                up if ids.contains(&up) => Some(Superior::Role(id(up))),
                up => Some(Superior::External(up.to_string())),
            },
            ..Role::for_test(role, title)
        })
        .collect();
    for i in 0..list.len() {
        let reports = roles
            .iter()
            .filter(|r| r.2 == roles[i].0)
            .map(|r| id(r.0))
            .collect();
        list[i].direct_reports = reports;
    }
    Document {
        id: DocId::parse("05-operations").expect("slug"),
        title: "运营部岗位职责".to_string(),
        organization: String::new(),
        industry: String::new(),
        source: "第五篇".to_string(),
        summary: String::new(),
        external_superiors: vec!["总经理".to_string()],
        control: Default::default(),
        duties: Rich::default(),
        roles: list,
        file: PathBuf::new(),
        lookup: Default::default(),
    }
}

/// The shape of 第五篇: a 首席运营官 under the 总经理, five 主管, 专员 below.
pub(super) fn fifth() -> Document {
    document(&[
        ("coo", "首席运营官", "总经理"),
        ("market", "市场拓展主管", "coo"),
        ("service", "客服主管", "coo"),
        ("training", "业务培训主管", "coo"),
        ("promotion", "策划及推广主管", "coo"),
        ("staff", "人员及业务管理主管", "coo"),
        ("channel", "渠道拓展专员", "market"),
        ("service-clerk", "客服专员", "service"),
        ("online", "线上推广专员", "promotion"),
        ("online-tech", "线上推广技术支持", "promotion"),
        ("design", "设计专员", "promotion"),
        ("copy", "文案专员", "promotion"),
        ("staff-clerk", "人员及业务管理专员", "staff"),
    ])
}

fn link(id: &RoleId) -> String {
    format!("{id}.html")
}

#[test]
fn external_superior_is_a_root_above_its_roles() {
    let chart = document_chart(&fifth(), None);
    assert_eq!(chart.roots().len(), 1);
    let top = &chart.nodes()[chart.roots()[0]];
    assert_eq!(
        (top.kind.clone(), top.label.as_str()),
        (NodeKind::External, "总经理")
    );
    assert_eq!(top.children.len(), 1);
    let coo = &chart.nodes()[top.children[0]];
    assert_eq!(coo.label, "首席运营官");
    assert_eq!(coo.children.len(), 5);
    assert_eq!(chart.nodes().len(), 14);
}

#[test]
fn a_document_without_roles_is_one_department_box() {
    let chart = document_chart(&document(&[]), None);
    assert_eq!(chart.nodes().len(), 1);
    assert_eq!(chart.nodes()[0].kind, NodeKind::Department);
    assert_eq!(chart.nodes()[0].label, "运营部岗位职责");
    let chart = document_chart(&document(&[]), Some("运营部"));
    assert_eq!(chart.nodes()[0].label, "运营部");
}

#[test]
fn several_tops_are_several_roots() {
    let doc = document(&[
        ("a", "运营总监", ""),
        ("b", "财务总监", "董事会"),
        ("c", "出纳", "b"),
    ]);
    let chart = document_chart(&doc, None);
    let labels: Vec<&str> = chart
        .roots()
        .iter()
        .map(|&r| chart.nodes()[r].label.as_str())
        .collect();
    assert_eq!(labels, ["运营总监", "董事会"]);
}

#[test]
fn slice_shows_chain_role_and_reports() {
    let doc = fifth();
    let chart = slice(&doc, &id("promotion")).expect("role exists");
    let order: Vec<(&str, usize)> = chart
        .depth_first()
        .into_iter()
        .map(|(n, d)| (chart.nodes()[n].label.as_str(), d))
        .collect();
    assert_eq!(
        order,
        [
            ("总经理", 0),
            ("首席运营官", 1),
            ("策划及推广主管", 2),
            ("线上推广专员", 3),
            ("线上推广技术支持", 3),
            ("设计专员", 3),
            ("文案专员", 3)
        ]
    );
    let current: Vec<&str> = chart
        .nodes()
        .iter()
        .filter(|n| n.current)
        .map(|n| n.label.as_str())
        .collect();
    assert_eq!(current, ["策划及推广主管"]);
    assert!(slice(&doc, &id("nobody")).is_none());
}

#[test]
fn set_current_marks_one_role() {
    let mut chart = document_chart(&fifth(), None);
    assert!(chart.set_current(&id("design")));
    assert_eq!(chart.nodes().iter().filter(|n| n.current).count(), 1);
    assert!(!chart.set_current(&id("nobody")));
    assert!(chart.nodes().iter().all(|n| !n.current));
}

#[test]
fn fifth_fits_the_page_by_stacking_its_staff() {
    let chart = document_chart(&fifth(), None);
    let options = LayoutOptions::default();
    assert!(layout_as(&chart, &options, Style::Tree).width > options.max_width);
    let chosen = layout(&chart, &options);
    assert_eq!(chosen.style, Style::Stacked);
    assert!(chosen.width <= options.max_width);
}

#[test]
fn narrow_pages_fall_back_to_the_indented_list() {
    let chart = document_chart(&fifth(), None);
    let options = LayoutOptions {
        max_width: 300.0,
        ..LayoutOptions::default()
    };
    let chosen = layout(&chart, &options);
    assert_eq!(chosen.style, Style::Indented);
    let order: Vec<usize> = chart.depth_first().into_iter().map(|(n, _)| n).collect();
    for pair in order.windows(2) {
        assert!(chosen.boxes[pair[0]].bottom() < chosen.boxes[pair[1]].y);
    }
}

#[test]
fn svg_has_accessible_names_links_and_classes() {
    let mut chart = document_chart(&fifth(), None);
    chart.set_current(&id("coo"));
    let options = SvgOptions {
        id_prefix: "org-5",
        title: "运营部组织结构图",
        description: "总经理 <下> 首席运营官",
        ..SvgOptions::default()
    };
    let svg = to_svg(&chart, &options, &link);
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"orgchart"));
    assert!(svg.contains(
        "role=\"group\" aria-labelledby=\"org-5-title\" aria-describedby=\"org-5-desc\""
    ));
    assert!(svg.contains("<title id=\"org-5-title\">运营部组织结构图</title>"));
    assert!(svg.contains("<desc id=\"org-5-desc\">总经理 &lt;下&gt; 首席运营官</desc>"));
    assert!(svg.contains("width=\"100%\" style=\"max-width:"));
    assert!(svg.contains("preserveAspectRatio=\"xMidYMin meet\""));
    assert_eq!(svg.matches("<a class=\"node").count(), 13);
    assert_eq!(svg.matches("<g class=\"node node-external\">").count(), 1);
    assert!(svg.contains("<a class=\"node node-current\" href=\"coo.html\" aria-current=\"page\">"));
    assert_eq!(svg.matches("<path class=\"edge\"").count(), 13);
    assert!(svg.contains("<tspan"));
    assert!(!svg.contains("-0\"") && !svg.contains("NaN") && !svg.contains("inf"));
    assert!(!svg.contains("<script"));
}

#[test]
fn svg_escapes_labels_and_urls() {
    let mut chart = Chart::new();
    chart.add(None, NodeKind::External, "R&D <部>");
    let root = chart.roots()[0];
    chart.add(Some(root), NodeKind::Role(id("a")), "\"主管\"");
    let svg = to_svg(&chart, &SvgOptions::default(), &|_| {
        "a.html?x=1&y=\"2\"".to_string()
    });
    assert!(svg.contains("R&amp;D &lt;部&gt;"));
    assert!(svg.contains("&quot;主管&quot;"));
    assert!(svg.contains("href=\"a.html?x=1&amp;y=&quot;2&quot;\""));
}

#[test]
fn output_is_deterministic() {
    let svg = |_: ()| {
        to_svg(
            &document_chart(&fifth(), None),
            &SvgOptions::default(),
            &link,
        )
    };
    assert_eq!(svg(()), svg(()));
}

#[test]
fn html_list_nests_the_same_tree() {
    let mut chart = slice(&fifth(), &id("market")).expect("role exists");
    chart.set_current(&id("market"));
    let html = to_html_list(&chart, &link);
    assert_eq!(
        html,
        "<ul class=\"orgchart-list\">\n\
         <li><span class=\"node-external\">总经理</span>\n<ul>\n\
         <li><a href=\"coo.html\">首席运营官</a>\n<ul>\n\
         <li><a class=\"node-current\" href=\"market.html\" aria-current=\"page\">市场拓展主管</a>\n<ul>\n\
         <li><a href=\"channel.html\">渠道拓展专员</a></li>\n\
         </ul>\n</li>\n</ul>\n</li>\n</ul>\n</li>\n</ul>\n"
    );
}

#[test]
fn an_empty_chart_still_renders() {
    let chart = Chart::new();
    let svg = to_svg(&chart, &SvgOptions::default(), &link);
    assert!(svg.contains("viewBox=\"0 0 4 4\""));
    assert_eq!(
        to_html_list(&chart, &link),
        "<ul class=\"orgchart-list\">\n</ul>\n"
    );
}

/// A long reporting chain: each role's chart shows the nearest superiors
/// and a box for the rest, so its size does not grow with the chain.
#[test]
fn slice_of_a_long_chain_is_bounded() {
    let ids: Vec<String> = (0..200).map(|i| format!("r{i}")).collect();
    let titles: Vec<String> = (0..200).map(|i| format!("岗位{i}")).collect();
    let roles: Vec<(&str, &str, &str)> = (0..200)
        .map(|i| {
            let up = if i == 0 {
                "董事会"
            } else {
                ids[i - 1].as_str()
            };
            (ids[i].as_str(), titles[i].as_str(), up)
        })
        .collect();
    let doc = document(&roles);
    let deepest = slice(&doc, &id("r199")).expect("role exists");
    let labels: Vec<&str> = deepest.nodes().iter().map(|n| n.label.as_str()).collect();
    assert_eq!(
        labels,
        ["…", "岗位195", "岗位196", "岗位197", "岗位198", "岗位199"]
    );
    let near_top = slice(&doc, &id("r3")).expect("role exists");
    let labels: Vec<&str> = near_top.nodes().iter().map(|n| n.label.as_str()).collect();
    assert_eq!(
        labels,
        ["董事会", "岗位0", "岗位1", "岗位2", "岗位3", "岗位4"]
    );
}

/// `count` staff under one manager (under the 总经理); with `teams`, the
/// staff are split over that many team leads.
fn wide(count: usize, teams: usize) -> Chart {
    let mut chart = Chart::new();
    let top = chart.add(None, NodeKind::External, "总经理");
    let manager = chart.add(Some(top), NodeKind::Role(id("manager")), "运营经理");
    let leads: Vec<usize> = (0..teams.max(1))
        .map(|t| match teams {
            0 => manager,
            _ => chart.add(
                Some(manager),
                NodeKind::Role(id(&format!("lead{t}"))),
                format!("组长{t}"),
            ),
        })
        .collect();
    for i in 0..count {
        let parent = leads[i % leads.len()];
        chart.add(
            Some(parent),
            NodeKind::Role(id(&format!("s{i}"))),
            format!("专员{i}"),
        );
    }
    chart
}

fn overlap(a: &NodeBox, b: &NodeBox) -> bool {
    a.x < b.right() && b.x < a.right() && a.y < b.bottom() && b.y < a.bottom()
}

/// Every box apart from the others, and every connector made of straight
/// horizontal and vertical runs ending on the top or left side of its child.
fn assert_drawable(layout: &Layout) {
    let mut sorted: Vec<&NodeBox> = layout.boxes.iter().collect();
    sorted.sort_by(|a, b| a.y.total_cmp(&b.y));
    for (i, a) in sorted.iter().enumerate() {
        for b in sorted[i + 1..].iter().take_while(|b| b.y < a.bottom()) {
            assert!(!overlap(a, b), "{a:?} overlaps {b:?}");
        }
    }
    for edge in &layout.edges {
        for pair in edge.points.windows(2) {
            let ((x0, y0), (x1, y1)) = (pair[0], pair[1]);
            assert!(x0 == x1 || y0 == y1, "diagonal connector {edge:?}");
        }
        let child = &layout.boxes[edge.child];
        let &(x, y) = edge.points.last().expect("a connector has points");
        let on_top = y == child.y && (child.x..=child.right()).contains(&x);
        let on_left = x == child.x && (child.y..=child.bottom()).contains(&y);
        assert!(on_top || on_left, "connector misses its box: {edge:?}");
    }
}

#[test]
fn many_staff_under_one_manager_wrap_into_a_block() {
    let options = LayoutOptions::default();
    let chart = wide(5000, 0);
    let chosen = layout(&chart, &options);
    assert_eq!(chosen.style, Style::Stacked);
    assert!(chosen.width <= options.max_width, "{}", chosen.width);
    let one_column: f64 = chosen.boxes.iter().map(|b| b.height).sum();
    let columns = chosen
        .boxes
        .iter()
        .map(|b| b.x.to_bits())
        .collect::<std::collections::HashSet<_>>();
    assert!(columns.len() >= 5, "{} columns", columns.len() - 2);
    assert!(
        chosen.height * 4.0 < one_column,
        "{} vs {one_column}",
        chosen.height
    );
    assert_drawable(&chosen);
}

#[test]
fn a_grid_keeps_a_readable_shape_when_the_width_allows() {
    let options = LayoutOptions {
        max_width: 100_000.0,
        ..LayoutOptions::default()
    };
    let chart = wide(400, 0);
    let stacked = layout_as(&chart, &options, Style::Stacked);
    assert!(
        stacked.height <= 2.0 * stacked.width,
        "{} × {}",
        stacked.width,
        stacked.height
    );
    assert!(
        stacked.width <= 2.0 * stacked.height,
        "{} × {}",
        stacked.width,
        stacked.height
    );
    assert_drawable(&stacked);
}

#[test]
fn short_lists_stay_one_column() {
    let options = LayoutOptions::default();
    let stacked = layout_as(&wide(WRAP_AFTER, 0), &options, Style::Stacked);
    let staff: Vec<&NodeBox> = stacked.boxes[2..].iter().collect();
    assert!(staff.iter().all(|b| b.x == staff[0].x));
    assert_drawable(&stacked);
}

#[test]
fn the_indented_list_wraps_long_lists_too() {
    let options = LayoutOptions {
        max_width: 400.0,
        ..LayoutOptions::default()
    };
    let chart = wide(3000, 3);
    let chosen = layout(&chart, &options);
    assert_eq!(chosen.style, Style::Indented);
    assert!(chosen.width <= options.max_width, "{}", chosen.width);
    let one_box_per_row: f64 = chosen.boxes.iter().map(|b| b.height).sum();
    assert!(chosen.height * 2.0 < one_box_per_row);
    assert_drawable(&chosen);
}

#[test]
fn the_real_shapes_are_still_drawable() {
    let chart = document_chart(&fifth(), None);
    for style in [Style::Tree, Style::Stacked, Style::Indented] {
        assert_drawable(&layout_as(&chart, &LayoutOptions::default(), style));
    }
}

use super::*;
use crate::search::fixture::{document, handbook, role, sample, R};

fn titles(index: &Index, query: &str, doc: Option<usize>) -> Vec<String> {
    Searcher::new(index)
        .search(query, doc)
        .iter()
        .map(|h| title(index, h.entry))
        .collect()
}

fn title(index: &Index, entry: usize) -> String {
    let e = &index.entries[entry];
    index.texts[e.passages[0].text as usize].clone()
}

#[test]
fn two_characters_match_inside_longer_text() {
    let index = Index::build(&sample());
    assert_eq!(titles(&index, "微博", None), ["线上推广专员"]);
    assert_eq!(titles(&index, "外判单位", None), ["运营部主管"]);
}

#[test]
fn latin_terms_ignore_case_and_width() {
    let index = Index::build(&sample());
    assert_eq!(titles(&index, "php", None), ["线上推广技术支持"]);
    assert_eq!(titles(&index, "ＩＳＯ９００１", None), ["运营部主管"]);
    assert_eq!(titles(&index, "iso", None), ["运营部主管"]);
    assert!(titles(&index, "so9001", None).is_empty());
}

#[test]
fn traditional_query_finds_simplified_text() {
    let index = Index::build(&sample());
    // Equal matches: the titles in code-point order (导 before 店).
    assert_eq!(titles(&index, "盤點", None), ["导购", "店长"]);
    assert_eq!(titles(&index, "客戶投訴", None)[0], "客服主管");
}

#[test]
fn simplified_query_finds_traditional_text() {
    let traditional = sample().map_text(&|s: &str| {
        s.replace("盘点", "盤點")
            .replace("店长", "店長")
            .replace("导购", "導購")
    });
    let index = Index::build(&traditional);
    assert_eq!(titles(&index, "盘点", None), ["導購", "店長"]);
}

#[test]
fn fields_rank_title_key_duties_authority_qualifications() {
    let hb = handbook(vec![document(
        "01-a",
        "第一篇",
        "甲",
        "",
        vec![
            role(R("e", "文员", &[], "1. 日常事务。\n", &[], &["受过培训。"])),
            role(R("d", "司机", &[], "1. 驾驶。\n", &["培训建议权。"], &[])),
            role(R(
                "c",
                "专员",
                &[],
                "1. 培训甲。\n2. 培训乙。\n3. 培训丙。\n4. 培训丁。\n5. 培训戊。\n",
                &[],
                &[],
            )),
            role(R("b", "主管", &["负责培训。"], "1. 管理。\n", &[], &[])),
            role(R("a", "培训主管", &[], "1. 管理。\n", &[], &[])),
        ],
    )]);
    let index = Index::build(&hb);
    assert_eq!(
        titles(&index, "培训", None),
        ["培训主管", "主管", "专员", "司机", "文员"]
    );
}

#[test]
fn exact_title_comes_first() {
    let index = Index::build(&sample());
    let found = titles(&index, "店长", None);
    assert_eq!(found[..2], ["店长", "副店长"]);
}

#[test]
fn single_character_prefers_titles() {
    let index = Index::build(&sample());
    let found = titles(&index, "店", None);
    assert_eq!(found[..2], ["店长", "副店长"]);
}

#[test]
fn every_term_must_match() {
    let index = Index::build(&sample());
    assert_eq!(titles(&index, "客户 投诉", None), ["客服主管", "客服专员"]);
    assert_eq!(titles(&index, "客户 微博", None), Vec::<String>::new());
}

#[test]
fn unspaced_words_match_in_pieces() {
    let index = Index::build(&sample());
    // 副店长 has 店长 but not 盘点; 导购 has 盘点 but not 店长.
    assert_eq!(titles(&index, "店长盘点", None), ["店长"]);
}

#[test]
fn pieces_rank_below_any_whole_match() {
    let hb = handbook(vec![document(
        "01-a",
        "第一篇",
        "甲",
        "",
        vec![
            role(R("a", "盘点员", &["管理库存。"], "1. 盘点。\n", &[], &[])),
            role(R("b", "文员", &[], "1. 记录。\n", &[], &["了解盘点库存。"])),
        ],
    )]);
    let index = Index::build(&hb);
    assert_eq!(titles(&index, "盘点库存", None), ["文员", "盘点员"]);
}

#[test]
fn no_match_is_empty() {
    let index = Index::build(&sample());
    assert!(titles(&index, "量子计算", None).is_empty());
    assert!(titles(&index, "，。！", None).is_empty());
    assert!(titles(&index, "", None).is_empty());
}

#[test]
fn narrows_to_one_document() {
    let index = Index::build(&sample());
    assert_eq!(
        titles(&index, "运营", None),
        [
            "运营总监",
            "运营部岗位职责",
            "运营部主管",
            "运营部部长",
            "首席运营官"
        ]
    );
    assert_eq!(titles(&index, "运营", Some(2)), ["首席运营官"]);
}

#[test]
fn departments_are_found() {
    let index = Index::build(&sample());
    let hits = Searcher::new(&index).search("运营方针", None);
    assert_eq!(hits.len(), 1);
    let entry = &index.entries[hits[0].entry];
    assert_eq!(entry.role, None);
    assert_eq!(entry.doc, 0);
}

#[test]
fn hit_points_at_the_duty_item() {
    let index = Index::build(&sample());
    let hits = Searcher::new(&index).search("库存", None);
    let entry = &index.entries[hits[0].entry];
    let passage = hits[0].passage.map(|p| &entry.passages[p]);
    assert_eq!(passage.map(|p| p.item.as_str()), Some("2-2"));
    assert_eq!(passage.map(|p| p.field), Some(Field::DUTIES));
}

#[test]
fn ties_go_to_the_shorter_title() {
    let index = Index::build(&sample());
    assert_eq!(titles(&index, "战略", None), ["运营总监", "首席运营官"]);
}

#[test]
fn covers_needs_every_character() {
    assert!(covers(&[true, false, true]));
    assert!(!covers(&[true, false, false]));
    assert!(covers(&[true]));
    assert!(!covers(&[false]));
}

#[test]
fn intersects_sorted_lists() {
    assert_eq!(
        intersect(&[&[1, 3, 5, 7], &[3, 4, 7], &[0, 3, 7, 9]]),
        [3, 7]
    );
    assert!(intersect(&[&[1, 2], &[]]).is_empty());
    assert!(intersect(&[]).is_empty());
}

/// A query in one region's words finds text in the other's, in either
/// script, and an equal title earns its bonus whichever words it is in.
#[test]
fn regional_words_meet() {
    let hb = handbook(vec![document(
        "01-a",
        "第一篇",
        "甲",
        "",
        vec![
            role(R(
                "a",
                "軟體工程師",
                &[],
                "1. 負責軟體開發與伺服器維護。\n",
                &[],
                &[],
            )),
            role(R("b", "门市店员", &[], "1. 负责门市陈列。\n", &[], &[])),
            role(R("c", "文员", &[], "1. 负责文件收发。\n", &[], &[])),
        ],
    )]);
    let index = Index::build(&hb);
    assert_eq!(titles(&index, "软件", None), ["軟體工程師"]);
    assert_eq!(titles(&index, "服务器", None), ["軟體工程師"]);
    assert_eq!(titles(&index, "門店", None), ["门市店员"]);
    assert!(titles(&index, "檔案", None).is_empty(), "档案 is not 文件");
    let searcher = Searcher::new(&index);
    let exact = searcher.search("软件工程师", None);
    assert_eq!(exact.len(), 1);
    assert!(exact[0].score >= EXACT_TITLE, "{exact:?}");
}

/// A whole Latin word ranks above a longer word it starts; equal scores
/// go to the result that mentions the query more, whatever the page order.
#[test]
fn whole_words_and_frequency_order_equal_matches() {
    let hb = handbook(vec![document(
        "01-a",
        "第一篇",
        "甲",
        "",
        vec![
            role(R("a", "客户经理", &[], "1. 维护VIP客户。\n", &[], &[])),
            role(R("b", "设计师", &[], "1. 负责VI设计。\n", &[], &[])),
            role(R("c", "店员", &[], "1. 处理投诉。\n", &[], &[])),
            role(R(
                "d",
                "客服",
                &[],
                "1. 处理投诉。\n2. 汇总投诉。\n3. 回访投诉客户。\n",
                &[],
                &[],
            )),
        ],
    )]);
    let index = Index::build(&hb);
    assert_eq!(titles(&index, "vi", None), ["设计师", "客户经理"]);
    assert_eq!(titles(&index, "投诉", None), ["客服", "店员"]);
}

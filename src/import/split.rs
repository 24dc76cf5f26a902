//! Splitting a line into the pieces it runs together, and telling what each
//! piece is: a document start, a section keyword, a numbered item, a heading.

use super::keywords::{
    fold, rank_of, Section, DUTY_KEYWORDS, ORGANIZATION_SUFFIXES, SECTION_KEYWORDS,
};
use crate::text::clean::is_ideograph;

/// How an item is numbered in the source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MarkerStyle {
    /// `1、`
    Comma,
    /// `1.`
    Dot,
    /// `(1)`: a sub-item.
    Paren,
    /// `一、`
    Chinese,
}

/// An item number as written in the source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Marker {
    pub style: MarkerStyle,
    pub number: u32,
}

impl Marker {
    /// Whether items with this marker nest under the item before them.
    pub fn is_sub_item(self) -> bool {
        self.style == MarkerStyle::Paren
    }
}

/// What one piece of a line is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece<'a> {
    /// `第一篇:运营部岗位职责`
    DocumentStart {
        label: &'a str,
        title: &'a str,
    },
    /// A section keyword with the text after its colon (`直接上级:总经理`).
    Keyword {
        section: Section,
        rest: &'a str,
    },
    /// A heading `<subject>职责`, `二、<subject>职责:`: a role's or the
    /// department's duties follow.
    DutiesHeading {
        subject: &'a str,
    },
    Item {
        marker: Marker,
        text: &'a str,
    },
    /// A line that is just a role title (`运营总监`).
    RoleTitle(&'a str),
    /// A line that is just an organization's name (`…集团`).
    Organization(&'a str),
    /// A line that is just a department's name (`运营部`).
    Department(&'a str),
    /// Another short line without punctuation: a heading of some kind.
    Caption(&'a str),
    /// Prose.
    Text(&'a str),
}

/// Tells what a piece of a line is.
pub fn classify(piece: &str) -> Piece<'_> {
    if let Some((label, title)) = document_start(piece) {
        return Piece::DocumentStart { label, title };
    }
    if let Some((section, rest)) = keyword_start(piece) {
        return Piece::Keyword { section, rest };
    }
    if let Some((marker, len)) = parse_marker(piece) {
        let text = piece[len..].trim();
        if marker.style == MarkerStyle::Chinese {
            if let Some(subject) = duties_heading(text) {
                return Piece::DutiesHeading { subject };
            }
        }
        return Piece::Item { marker, text };
    }
    if let Some(subject) = duties_heading(piece) {
        return Piece::DutiesHeading { subject };
    }
    classify_unnumbered(piece)
}

fn classify_unnumbered(piece: &str) -> Piece<'_> {
    const LONGEST_TITLE: usize = 16;
    const LONGEST_ORGANIZATION: usize = 30;
    const LONGEST_DEPARTMENT: usize = 10;
    const LONGEST_CAPTION: usize = 24;
    if !is_unpunctuated(piece) {
        return Piece::Text(piece);
    }
    let folded = fold(piece);
    let len = piece.chars().count();
    if len <= LONGEST_TITLE && rank_of(&folded).is_some() {
        Piece::RoleTitle(piece)
    } else if len <= LONGEST_ORGANIZATION
        && ORGANIZATION_SUFFIXES.iter().any(|s| folded.ends_with(s))
    {
        Piece::Organization(piece)
    } else if len <= LONGEST_DEPARTMENT && folded.ends_with('部') {
        Piece::Department(piece)
    } else if len <= LONGEST_CAPTION {
        Piece::Caption(piece)
    } else {
        Piece::Text(piece)
    }
}

/// Headings and titles are words only: ideographs and ASCII letters or digits.
fn is_unpunctuated(text: &str) -> bool {
    !text.is_empty()
        && text
            .chars()
            .all(|c| is_ideograph(c) || c.is_ascii_alphanumeric())
}

/// `第一篇:title` → (`第一篇`, `title`).
fn document_start(text: &str) -> Option<(&str, &str)> {
    let rest = text.strip_prefix('第')?;
    let digits = rest
        .char_indices()
        .take_while(|(_, c)| c.is_ascii_digit() || chinese_digit(*c).is_some())
        .last()
        .map(|(i, c)| i + c.len_utf8())?;
    let after = rest[digits..].strip_prefix('篇')?;
    let label_len = text.len() - after.len();
    let title = after
        .trim_start_matches([':', '：', ' ', '\u{3000}'])
        .trim();
    let separated = after.is_empty() || after.starts_with([':', '：', ' ', '\u{3000}']);
    separated.then(|| (&text[..label_len], title))
}

/// A section keyword at the start, followed by a colon or nothing; else a
/// field label of the label table.
fn keyword_start(text: &str) -> Option<(Section, &str)> {
    seed_keyword_start(text).or_else(|| super::labels::label_start(text))
}

fn seed_keyword_start(text: &str) -> Option<(Section, &str)> {
    let folded = fold(text);
    SECTION_KEYWORDS.iter().find_map(|(keyword, section)| {
        let after = folded.strip_prefix(keyword)?;
        let rest = &text[text.len() - after.len()..];
        if rest.is_empty() {
            Some((*section, rest))
        } else {
            let rest = rest.strip_prefix([':', '：'])?;
            Some((*section, rest.trim()))
        }
    })
}

/// `运营部部长职责:` → `运营部部长`; the subject is a title or a department.
fn duties_heading(text: &str) -> Option<&str> {
    const LONGEST_SUBJECT: usize = 16;
    let text = text.trim_end_matches([':', '：']);
    let folded = fold(text);
    let keyword = DUTY_KEYWORDS.iter().find(|k| folded.ends_with(*k))?;
    let subject = &text[..text.len() - keyword.len()];
    let fits = is_unpunctuated(subject) && subject.chars().count() <= LONGEST_SUBJECT;
    fits.then_some(subject)
}

fn chinese_digit(c: char) -> Option<u32> {
    "零一二三四五六七八九十"
        .chars()
        .position(|d| d == c)
        .map(|p| p as u32)
}

/// Reads `一` … `九十九`.
fn chinese_number(text: &str) -> Option<u32> {
    let digits: Vec<u32> = text.chars().map(chinese_digit).collect::<Option<_>>()?;
    match digits.as_slice() {
        [d] if *d < 10 => Some(*d),
        [10] => Some(10),
        [10, u] if *u < 10 => Some(10 + u),
        [t, 10] if *t < 10 => Some(t * 10),
        [t, 10, u] if *t < 10 && *u < 10 => Some(t * 10 + u),
        _ => None,
    }
}

fn ascii_number(text: &str) -> Option<u32> {
    let normalized: String = text
        .chars()
        .map(|c| match c {
            '０'..='９' => {
                char::from_u32(u32::from(c) - u32::from('０') + u32::from('0')).unwrap_or(c)
            }
            _ => c,
        })
        .collect();
    if normalized.is_empty() || !normalized.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    normalized.parse().ok()
}

fn is_any_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// An item marker at the start of `text`, and its length in bytes.
pub fn parse_marker(text: &str) -> Option<(Marker, usize)> {
    const LONGEST_NUMBER: usize = 3;
    if let Some(inner) = text.strip_prefix(['(', '（']) {
        let digits: usize = inner
            .chars()
            .take_while(|c| is_any_digit(*c))
            .map(char::len_utf8)
            .sum();
        let number = ascii_number(&inner[..digits])?;
        let close = inner[digits..]
            .chars()
            .next()
            .filter(|c| matches!(c, ')' | '）'))?;
        let len = text.len() - inner.len() + digits + close.len_utf8();
        return Some((
            Marker {
                style: MarkerStyle::Paren,
                number,
            },
            len,
        ));
    }
    let digits: usize = text
        .chars()
        .take_while(|c| is_any_digit(*c))
        .map(char::len_utf8)
        .sum();
    if digits > 0 && text[..digits].chars().count() <= LONGEST_NUMBER {
        let number = ascii_number(&text[..digits])?;
        let mut after = text[digits..].chars();
        let (separator, next) = (after.next(), after.next());
        let style = match separator {
            Some('、') => MarkerStyle::Comma,
            // `1.5年` is a number, `1.有` an item.
            Some('.' | '．') if !next.is_some_and(is_any_digit) => MarkerStyle::Dot,
            _ => return None,
        };
        let len = digits + separator.map_or(0, char::len_utf8);
        return Some((Marker { style, number }, len));
    }
    let numerals: usize = text
        .chars()
        .take_while(|c| chinese_digit(*c).is_some())
        .map(char::len_utf8)
        .sum();
    let number = chinese_number(&text[..numerals])?;
    text[numerals..].starts_with('、').then_some((
        Marker {
            style: MarkerStyle::Chinese,
            number,
        },
        numerals + '、'.len_utf8(),
    ))
}

/// Characters after which a new item may start on the same line.
fn ends_clause(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            ',' | ';' | ':' | '。' | '，' | '；' | '：' | '!' | '！' | '？'
        )
}

/// Characters after which a section heading may start on the same line.
fn ends_sentence(c: char) -> bool {
    c.is_whitespace() || matches!(c, ';' | '。' | '；' | '!' | '！' | '？')
}

/// Splits a line that runs several items, or an item and a heading, together:
/// `2、條件:…,3、培訓經歷:…` and `16、…工作。崗位權限:`.
///
/// A split needs both a clause end before it and what follows to continue the
/// numbering (the next number of the same style), or to be a section keyword
/// followed by a colon or the end of the line. So numbers inside the text
/// (`30-50歲`, `3、5年以上` → item 3 `5年以上`, `ISO9001`) never split.
pub fn split_run_on(line: &str) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut last = Numbering::default();
    let mut start = 0;
    if let Some((marker, _)) = parse_marker(line) {
        last.set(marker);
    }
    for (at, c) in line.char_indices().skip(1) {
        let Some(before) = line[..at].chars().next_back() else {
            continue;
        };
        let may_start = is_any_digit(c) || matches!(c, '(' | '（') || is_ideograph(c);
        let rest = &line[at..];
        if may_start
            && (item_continues_here(before, rest, &mut last)
                || heading_starts_here(before, rest, &mut last))
        {
            // The comma before the next item separates; it ends neither item.
            pieces.push(line[start..at].trim().trim_end_matches([',', '，']));
            start = at;
        }
    }
    pieces.push(line[start..].trim());
    pieces.retain(|p| !p.is_empty());
    pieces
}

/// Whether the next item of the line's numbering starts at `rest`.
fn item_continues_here(before: char, rest: &str, last: &mut Numbering) -> bool {
    if !ends_clause(before) {
        return false;
    }
    match parse_marker(rest) {
        Some((marker, _)) if last.continues(marker) => {
            last.set(marker);
            true
        }
        _ => false,
    }
}

/// Whether a section heading starts at `rest`; items after it count anew.
fn heading_starts_here(before: char, rest: &str, last: &mut Numbering) -> bool {
    let starts = ends_sentence(before) && keyword_start(rest).is_some();
    if starts {
        *last = Numbering::default();
    }
    starts
}

/// The last number seen on a line, per marker style.
#[derive(Debug, Default)]
struct Numbering {
    comma: u32,
    dot: u32,
    paren: u32,
}

impl Numbering {
    fn slot(&mut self, style: MarkerStyle) -> Option<&mut u32> {
        match style {
            MarkerStyle::Comma => Some(&mut self.comma),
            MarkerStyle::Dot => Some(&mut self.dot),
            MarkerStyle::Paren => Some(&mut self.paren),
            MarkerStyle::Chinese => None,
        }
    }

    fn set(&mut self, marker: Marker) {
        if let Some(slot) = self.slot(marker.style) {
            *slot = marker.number;
        }
    }

    fn continues(&mut self, marker: Marker) -> bool {
        self.slot(marker.style)
            .is_some_and(|n| marker.number == *n + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_items_run_together() {
        assert_eq!(
            split_run_on("2、條件:男女不限,30-50歲,3、培訓經歷:受過戰略管理"),
            ["2、條件:男女不限,30-50歲", "3、培訓經歷:受過戰略管理"]
        );
        assert_eq!(
            split_run_on("2、相關專業大專以上學歷; 3、5年以上物業公司工作經驗"),
            ["2、相關專業大專以上學歷;", "3、5年以上物業公司工作經驗"]
        );
        assert_eq!(
            split_run_on("(4)熟練操作使用辦公軟件;(5)熟悉物業法律法規"),
            ["(4)熟練操作使用辦公軟件;", "(5)熟悉物業法律法規"]
        );
    }

    #[test]
    fn splits_a_heading_off_an_item() {
        assert_eq!(
            split_run_on("16、完成總經理臨時交辦的工作。崗位權限:"),
            ["16、完成總經理臨時交辦的工作。", "崗位權限:"]
        );
        assert_eq!(
            split_run_on("3、對公司各項費用支出享有建議權。任職條件"),
            ["3、對公司各項費用支出享有建議權。", "任職條件"]
        );
        assert_eq!(
            split_run_on("任職條件:1、身體健康"),
            ["任職條件:", "1、身體健康"]
        );
    }

    #[test]
    fn keeps_numbers_that_belong_to_the_text() {
        for line in [
            "4、經驗:具備5-8年以上物業公司運營管理,擔任3年以上大型物業運營總監;",
            "6、熟悉ISO9001、ISO14000和OHSAS18000等質量體系內審知識和流程;",
            "2、有5-8年在品牌女裝領域的銷售工作經驗,至少有5年以上銷售管理經驗。",
            "4、制定部門崗位職責、發展計劃;",
            "8、記錄匯總咨詢事件,及時分析並反饋給上級主管職責;",
            "5、完成日、周、月(如銷售、補貨、盤點)報表等工作。",
        ] {
            assert_eq!(split_run_on(line), [line]);
        }
    }

    #[test]
    fn reads_markers() {
        let m = |style, number| Marker { style, number };
        assert_eq!(
            parse_marker("12、負責"),
            Some((m(MarkerStyle::Comma, 12), 5))
        );
        assert_eq!(parse_marker("1.有"), Some((m(MarkerStyle::Dot, 1), 2)));
        assert_eq!(parse_marker("(3)負責"), Some((m(MarkerStyle::Paren, 3), 3)));
        assert_eq!(
            parse_marker("二、運營部"),
            Some((m(MarkerStyle::Chinese, 2), 6))
        );
        assert_eq!(
            parse_marker("十二、"),
            Some((m(MarkerStyle::Chinese, 12), 9))
        );
        assert_eq!(parse_marker("1.5年"), None);
        assert_eq!(parse_marker("30-50歲"), None);
        assert_eq!(parse_marker("統一、"), None);
    }

    #[test]
    fn classifies_pieces() {
        assert_eq!(
            classify("第一篇:運營部崗位職責"),
            Piece::DocumentStart {
                label: "第一篇",
                title: "運營部崗位職責"
            }
        );
        assert_eq!(
            classify("崗位關鍵職責:帶領店員"),
            Piece::Keyword {
                section: Section::KeyResponsibility,
                rest: "帶領店員"
            }
        );
        assert_eq!(
            classify("職責描述"),
            Piece::Keyword {
                section: Section::Duties,
                rest: ""
            }
        );
        assert_eq!(
            classify("二、運營部部長職責:"),
            Piece::DutiesHeading {
                subject: "運營部部長"
            }
        );
        assert_eq!(
            classify("運營部崗位職責"),
            Piece::DutiesHeading {
                subject: "運營部"
            }
        );
        assert_eq!(
            classify("線上推廣技術支持"),
            Piece::RoleTitle("線上推廣技術支持")
        );
        assert_eq!(
            classify("河北天喜餐飲管理集團"),
            Piece::Organization("河北天喜餐飲管理集團")
        );
        assert_eq!(classify("運營部"), Piece::Department("運營部"));
        assert_eq!(
            classify("運營部崗位職責說明"),
            Piece::Caption("運營部崗位職責說明")
        );
        assert!(matches!(classify("職責如下:負責"), Piece::Text(_)));
    }
}

//! Splitting a line into the pieces it runs together, and telling what each
//! piece is: a document start, a section keyword, a numbered item, a heading.

use super::keywords::{
    fold, names_unit, rank_of, Section, DUTY_KEYWORDS, ORGANIZATION_SUFFIXES, SECTION_KEYWORDS,
    UNIT_SUFFIXES,
};
use crate::text::clean::is_ideograph;

/// How an item is numbered in the source. Which style nests under which is
/// not fixed: a list nests its styles in the order it first uses them
/// (`parse::DocDraft::push_item`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MarkerStyle {
    /// `1、`
    Comma,
    /// `1.` `1．`
    Dot,
    /// `(1)` `（1）`
    Paren,
    /// `1)` `1）`
    HalfParen,
    /// `一、`
    Chinese,
    /// `（一）` `(一)`
    ChineseParen,
    /// `壹、`
    Legal,
    /// `①`
    Circled,
    /// `⑴`
    ParenDigit,
    /// `a)` `a、` `a.`
    Letter,
    /// `1.1` `1.1.1`, by how many numbers it has.
    Decimal(u8),
    /// `第一条`, `第1条`
    Article,
    /// `职责一：`, `任务2：`
    Worded,
}

/// An item number as written in the source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Marker {
    pub style: MarkerStyle,
    pub number: u32,
}

/// The numbering styles as data: how each is written, one line each, in
/// the order they are tried (docs/import.md lists them). `1.1` and the
/// single-character styles are read by their own functions below.
const STYLES: &[(MarkerStyle, Open, Numerals, &[char])] = &[
    (
        MarkerStyle::ChineseParen,
        Open::Paren,
        Numerals::Chinese,
        &[')', '）'],
    ),
    (
        MarkerStyle::Paren,
        Open::Paren,
        Numerals::Arabic,
        &[')', '）'],
    ),
    (MarkerStyle::Chinese, Open::None, Numerals::Chinese, &['、']),
    (MarkerStyle::Legal, Open::None, Numerals::Legal, &['、']),
    (MarkerStyle::Comma, Open::None, Numerals::Arabic, &['、']),
    (MarkerStyle::Dot, Open::None, Numerals::Arabic, &['.', '．']),
    (
        MarkerStyle::HalfParen,
        Open::None,
        Numerals::Arabic,
        &[')', '）'],
    ),
    (
        MarkerStyle::Letter,
        Open::None,
        Numerals::Letter,
        &[')', '）', '、', '.'],
    ),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Open {
    None,
    Paren,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Numerals {
    Arabic,
    Chinese,
    Legal,
    Letter,
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
    /// A heading with a colon or in brackets that is no field's label
    /// (`工作时间：`, `【培训要求】`): the department's own section.
    Heading(&'a str),
    /// Another short line without punctuation: a heading of some kind.
    Caption(&'a str),
    /// Prose.
    Text(&'a str),
}

/// Tells what a piece of a line is.
pub fn classify(piece: &str) -> Piece<'_> {
    // A title line: `《店长岗位说明书》`.
    if let Some(inner) = piece.strip_prefix('《').and_then(|r| r.strip_suffix('》')) {
        return classify(inner.trim());
    }
    // `【市第一人民医院检验科岗位职责】`: a title line in brackets, unlike a
    // label (`【岗位职责】`) or a heading of the department's own.
    if let Some(inner) = piece.strip_prefix('【').and_then(|r| r.strip_suffix('】')) {
        if keyword_start(inner).is_none() && own_heading(piece).is_none() {
            return classify(inner.trim());
        }
    }
    if let Some(heading) = numbered_section(piece) {
        // A numbered section of a job description is a role's unless it
        // names a unit or a field (`第二节 综合柜员`, not `第一节 仓储部`).
        let role = is_title_words(heading);
        return match duties_heading(heading) {
            Some(subject) => Piece::DutiesHeading { subject },
            None if role => Piece::RoleTitle(heading),
            None => Piece::Caption(heading),
        };
    }
    if let Some((label, title)) = document_start(piece) {
        return Piece::DocumentStart { label, title };
    }
    if let Some((section, rest)) = keyword_start(piece) {
        return Piece::Keyword { section, rest };
    }
    if let Some((marker, len)) = parse_marker(piece) {
        let text = piece[len..].trim();
        // `一、岗位职责`, `2. 任职资格：`: a field's heading numbered as part
        // of the form. `1、学历：本科` is a numbered qualification, and a
        // control block is never numbered.
        if let Some((section, rest)) = keyword_start(text) {
            if !matches!(section, Section::Control(_) | Section::QualificationPart) {
                return Piece::Keyword { section, rest };
            }
        }
        if matches!(marker.style, MarkerStyle::Chinese | MarkerStyle::Legal) {
            if let Some(subject) = duties_heading(text) {
                return Piece::DutiesHeading { subject };
            }
            // `贰、注册组长`: a short title with a rank word heads a role.
            if is_role_title(text) {
                return Piece::RoleTitle(text);
            }
        }
        return Piece::Item { marker, text };
    }
    if let Some(subject) = duties_heading(piece) {
        return Piece::DutiesHeading { subject };
    }
    if let Some(label) = own_heading(piece) {
        return Piece::Heading(label);
    }
    classify_unnumbered(piece)
}

/// A line that heads a role in a way no single line can tell, read with
/// the line after it: `1. 销售经理`, `1 编辑部主任`, `◆前台文员` or
/// `岗位二：司机` followed by a field (`岗位名称：…`, `直接上级：…`) head a role,
/// and `岗位说明书——安全工程师` always does. Returns the title.
pub fn role_heading(piece: &str, next_is_field: bool) -> Option<&str> {
    for separator in ["——", "—", "--", "-", "：", ":"] {
        let title = (piece.strip_prefix("岗位说明书"))
            .or_else(|| piece.strip_prefix("职位说明书"))
            .and_then(|rest| rest.trim_start().strip_prefix(separator));
        if let Some(title) = title.map(str::trim).filter(|t| is_title_like(t)) {
            return Some(title);
        }
    }
    if !next_is_field {
        return None;
    }
    let title = match parse_marker(piece) {
        Some((_, len)) => &piece[len..],
        None => piece
            .trim_start_matches(|c: char| c.is_ascii_digit() || c == '.')
            .trim_start_matches(BULLETS)
            .trim_start_matches(|c: char| c.is_whitespace()),
    };
    // `岗位二：司机`
    let title = match title
        .strip_prefix("岗位")
        .and_then(|r| r.split_once(['：', ':']))
    {
        Some((numeral, rest)) if numeral.chars().all(|c| chinese_digit(c).is_some()) => rest,
        _ => title,
    };
    let title = title.trim();
    // `3. 协助总经理` is a duty that ends in a title.
    const VERBS: &[&str] = &[
        "协助", "负责", "配合", "完成", "服从", "接受", "向", "对", "由",
    ];
    let duty = VERBS.iter().any(|v| fold(title).starts_with(v));
    let stripped = title.len() < piece.trim().len();
    (stripped && !duty && is_title_like(title) && is_role_title(title)).then_some(title)
}

/// A title written without punctuation, short, and no unit or field name.
pub fn is_title_like(text: &str) -> bool {
    const LONGEST_TITLE: usize = 16;
    is_title_words(text) && text.chars().count() <= LONGEST_TITLE
}

/// Words without punctuation that name no unit and no field.
fn is_title_words(text: &str) -> bool {
    is_unpunctuated(text)
        && !names_unit(&fold(text))
        && super::labels::field_of_label(text).is_none()
}

/// Glyphs Word and HR systems put before list items and headings.
pub const BULLETS: &[char] = &[
    '●', '○', '◎', '◆', '◇', '❖', '♦', '■', '□', '▪', '▫', '★', '☆', '▲', '△', '•', '◦', '·', '√',
    '✓', '✔', '※', '➢', '➤', '►', '▶', '→', '-', '*',
];

/// A line without its bullet (`● 负责…`, `- 负责…`): an unnumbered item.
pub fn strip_bullet(piece: &str) -> &str {
    match piece.strip_prefix(BULLETS) {
        // `-3℃`, `*注：` are no bullets; a bullet stands apart or before words.
        Some(rest) if rest.starts_with(|c: char| c.is_whitespace() || is_ideograph(c)) => {
            rest.trim_start()
        }
        _ => piece,
    }
}

/// A line of one repeated character (`=====`, `-----`, `——————`) that
/// separates parts of a document: layout.
pub fn is_separator(line: &str) -> bool {
    let line = line.trim();
    let mut chars = line.chars();
    let first = chars.next();
    line.chars().count() >= 3
        && first.is_some_and(|f| "=-_*~—─━·.．#+".contains(f))
        && chars.all(|c| Some(c) == first)
}

/// Headings of a form's parts that hold nothing themselves (`一、岗位基本信息`),
/// and, once roles have begun, the bare title of the next role's form
/// (`岗位说明书`): layout, not content.
pub fn is_form_heading(piece: &str, after_roles: bool) -> bool {
    const FORM_HEADINGS: &[&str] = &[
        "岗位基本信息",
        "基本信息",
        "岗位概况",
        "岗位标识",
        "基本情况",
        "岗位信息",
    ];
    const FORM_TITLES: &[&str] = &["岗位说明书", "职位说明书", "岗位职责说明书"];
    let text = match parse_marker(piece) {
        Some((_, len)) => &piece[len..],
        None => piece,
    };
    let text = fold(
        text.trim()
            .trim_end_matches([':', '：'])
            .trim_matches(['【', '】']),
    );
    FORM_HEADINGS.contains(&text.as_str()) || (after_roles && FORM_TITLES.contains(&text.as_str()))
}

/// A short line of words ending in a rank word (`运营总监`, `综合柜员`).
fn is_role_title(text: &str) -> bool {
    const LONGEST_TITLE: usize = 16;
    is_unpunctuated(text) && text.chars().count() <= LONGEST_TITLE && rank_of(&fold(text)).is_some()
}

fn classify_unnumbered(piece: &str) -> Piece<'_> {
    const LONGEST_ORGANIZATION: usize = 30;
    const LONGEST_DEPARTMENT: usize = 10;
    const LONGEST_CAPTION: usize = 24;
    if !is_unpunctuated(piece) {
        return Piece::Text(piece);
    }
    let folded = fold(piece);
    let len = piece.chars().count();
    if is_role_title(piece) {
        Piece::RoleTitle(piece)
    } else if len <= LONGEST_ORGANIZATION
        && ORGANIZATION_SUFFIXES.iter().any(|s| folded.ends_with(s))
    {
        Piece::Organization(piece)
    } else if len <= LONGEST_DEPARTMENT && UNIT_SUFFIXES.iter().any(|u| folded.ends_with(u)) {
        Piece::Department(piece)
    } else if len <= LONGEST_CAPTION {
        Piece::Caption(piece)
    } else {
        Piece::Text(piece)
    }
}

/// `工作时间：` or `【培训要求】` alone on its line: a short heading of
/// ideographs that is no field's label and no role's title.
fn own_heading(piece: &str) -> Option<&str> {
    const LONGEST: usize = 10;
    let bracketed = (piece.strip_prefix(['【', '[', '〔']))
        .and_then(|inner| inner.strip_suffix(['】', ']', '〕']));
    let inner = bracketed
        .or_else(|| piece.strip_suffix([':', '：']))?
        .trim();
    let len = inner.chars().count();
    let fits = (2..=LONGEST).contains(&len) && inner.chars().all(is_ideograph);
    let named = super::labels::field_of_label(inner).is_some() || rank_of(&fold(inner)).is_some();
    (fits && !named).then_some(inner)
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

/// `第一节 店长` → `店长`: a section of a document, headed by what follows.
fn numbered_section(text: &str) -> Option<&str> {
    let rest = text.strip_prefix('第')?;
    let digits: usize = (rest.chars())
        .take_while(|c| c.is_ascii_digit() || chinese_digit(*c).is_some())
        .map(char::len_utf8)
        .sum();
    let after = rest[digits..].strip_prefix(['节', '節'])?;
    let heading = after
        .trim_start_matches([':', '：', ' ', '\u{3000}', '、'])
        .trim();
    (digits > 0 && !heading.is_empty()).then_some(heading)
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
    let found = (single_character_marker(text))
        .or_else(|| decimal_marker(text))
        .or_else(|| worded_marker(text));
    if found.is_some() {
        return found;
    }
    STYLES.iter().find_map(|&(style, open, numerals, close)| {
        let inner = match open {
            Open::None => text,
            Open::Paren => text.strip_prefix(['(', '（'])?,
        };
        let (number, len) = numerals_at(inner, numerals)?;
        let after = &inner[len..];
        let c = after.chars().next().filter(|c| close.contains(c))?;
        // `1.5年` is a number, `1.有` an item.
        let next = after[c.len_utf8()..].chars().next();
        if matches!(c, '.' | '．') && next.is_some_and(is_any_digit) {
            return None;
        }
        // `a.m.`, `e.g`: a letter item is followed by text, not a letter.
        if numerals == Numerals::Letter && next.is_some_and(|n| n.is_ascii_alphabetic()) {
            return None;
        }
        let marker = Marker { style, number };
        Some((marker, text.len() - after.len() + c.len_utf8()))
    })
}

/// `①`…`⑳` and `⑴`…`⒇`.
fn single_character_marker(text: &str) -> Option<(Marker, usize)> {
    let c = text.chars().next()?;
    let (style, first) = match u32::from(c) {
        0x2460..=0x2473 => (MarkerStyle::Circled, 0x2460),
        0x2474..=0x2487 => (MarkerStyle::ParenDigit, 0x2474),
        _ => return None,
    };
    let number = u32::from(c) - first + 1;
    Some((Marker { style, number }, c.len_utf8()))
}

/// `第一条 …`, `第3条：…`, and `职责一：…`, `任务2：…`: numbers written with a
/// word around them.
fn worded_marker(text: &str) -> Option<(Marker, usize)> {
    let number = |rest: &str| {
        numerals_at(rest, Numerals::Arabic).or_else(|| numerals_at(rest, Numerals::Chinese))
    };
    let separated = |after: &str| {
        let rest = after.trim_start_matches([' ', '\u{3000}', '：', ':', '、']);
        (!rest.is_empty()).then(|| after.len() - rest.len())
    };
    if let Some(rest) = text.strip_prefix('第') {
        let (n, len) = number(rest)?;
        let after = rest[len..].strip_prefix(['条', '條'])?;
        let gap = separated(after)?;
        let style = MarkerStyle::Article;
        return Some((Marker { style, number: n }, text.len() - after.len() + gap));
    }
    let word = ["职责", "職責", "任务", "任務"]
        .iter()
        .find(|w| text.starts_with(*w))?;
    let rest = &text[word.len()..];
    let (n, len) = number(rest)?;
    let after = rest[len..].strip_prefix(['：', ':'])?;
    let gap = separated(after).unwrap_or(0);
    let style = MarkerStyle::Worded;
    Some((Marker { style, number: n }, text.len() - after.len() + gap))
}

/// `1.1` and `1.1.1` followed by a space, a 、 or a character: the number of
/// the last part, in a style of its own per depth. `2.8年以上` is not one
/// (a number and its unit); the parser reads it as item 2 when the list
/// before it counts 1.
fn decimal_marker(text: &str) -> Option<(Marker, usize)> {
    let mut parts = Vec::new();
    let mut len = 0;
    loop {
        let digits = text[len..].bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 || digits > 3 {
            return None;
        }
        parts.push(text[len..len + digits].parse::<u32>().ok()?);
        len += digits;
        let rest = &text[len..];
        let dot = rest.chars().next().filter(|c| matches!(c, '.' | '．'));
        match dot {
            Some(d) if rest[d.len_utf8()..].starts_with(|c: char| c.is_ascii_digit()) => {
                len += d.len_utf8();
            }
            // `1.1.` with a dot after the last number.
            Some(d) if parts.len() >= 2 => {
                len += d.len_utf8();
                break;
            }
            _ => break,
        }
    }
    if parts.len() < 2 || parts.len() > 4 {
        return None;
    }
    let next = text[len..].chars().next();
    let separated = match next {
        Some(c) if c.is_whitespace() || c == '、' => {
            len += c.len_utf8();
            true
        }
        Some(c) => is_ideograph(c) && !is_unit(c),
        None => false,
    };
    let number = *parts.last()?;
    let style = MarkerStyle::Decimal(parts.len() as u8);
    separated.then_some((Marker { style, number }, len))
}

/// Characters that follow a number as its unit (`2.5年`, `1.5倍`): a
/// decimal number, not a section number.
fn is_unit(c: char) -> bool {
    "年月日天周个万元倍级岁小时分秒次人台件吨米公里斤".contains(c)
}

/// A number written in `numerals` at the start of `text`, and its length.
fn numerals_at(text: &str, numerals: Numerals) -> Option<(u32, usize)> {
    const LONGEST_NUMBER: usize = 3;
    let take = |pred: &dyn Fn(char) -> bool| -> usize {
        text.chars()
            .take_while(|c| pred(*c))
            .map(char::len_utf8)
            .sum()
    };
    match numerals {
        Numerals::Arabic => {
            let len = take(&|c| is_any_digit(c));
            let fits = len > 0 && text[..len].chars().count() <= LONGEST_NUMBER;
            fits.then(|| ascii_number(&text[..len]).map(|n| (n, len)))?
        }
        Numerals::Chinese => {
            let len = take(&|c| chinese_digit(c).is_some());
            chinese_number(&text[..len]).map(|n| (n, len))
        }
        Numerals::Legal => {
            let len = take(&|c| legal_digit(c).is_some());
            let plain: String = text[..len].chars().filter_map(legal_digit).collect();
            chinese_number(&plain).map(|n| (n, len))
        }
        Numerals::Letter => {
            let c = text.chars().next().filter(|c| c.is_ascii_lowercase())?;
            Some((u32::from(c) - u32::from('a') + 1, 1))
        }
    }
}

/// 壹贰叁… as the plain numeral it stands for.
fn legal_digit(c: char) -> Option<char> {
    let legal = "零壹贰叁肆伍陆柒捌玖拾貳參陸";
    let plain = "零一二三四五六七八九十二三六";
    let at = legal.chars().position(|l| l == c)?;
    plain.chars().nth(at)
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
    let mut last = LastNumbers::default();
    let mut start = 0;
    let mut marker_end = marker_end_at(line, 0);
    if let Some((marker, _)) = parse_marker(line) {
        last.set(marker);
    }
    for (at, c) in line.char_indices().skip(1) {
        let may_start = is_any_digit(c) || matches!(c, '(' | '（') || is_ideograph(c);
        let Some(before) = line[..at].chars().next_back() else {
            continue;
        };
        if !may_start || !(ends_clause(before) || ends_sentence(before)) {
            continue;
        }
        // `一、 岗位职责`, `1.1 岗位名称：…`: the heading is the numbered
        // item's own text.
        if marker_end.is_some_and(|end| end <= at && line[end..at].trim().is_empty()) {
            continue;
        }
        // `Department 所属部门：…`: a bilingual label is one.
        let so_far = line[start..at].trim();
        if !so_far.is_empty() && so_far.chars().all(super::labels::is_english) {
            continue;
        }
        let rest = &line[at..];
        if item_continues_here(before, rest, &mut last)
            || heading_starts_here(before, rest, &mut last)
        {
            // The comma before the next item separates; it ends neither item.
            pieces.push(line[start..at].trim().trim_end_matches([',', '，']));
            start = at;
            marker_end = marker_end_at(line, at);
        }
    }
    pieces.push(line[start..].trim());
    pieces.retain(|p| !p.is_empty());
    pieces
}

/// Where the number a piece of `line` starting at `start` opens with ends.
fn marker_end_at(line: &str, start: usize) -> Option<usize> {
    let piece = &line[start..];
    let trimmed = piece.trim_start();
    parse_marker(trimmed).map(|(_, len)| start + (piece.len() - trimmed.len()) + len)
}

/// Whether the next item of the line's numbering starts at `rest`.
fn item_continues_here(before: char, rest: &str, last: &mut LastNumbers) -> bool {
    if !ends_clause(before) {
        return false;
    }
    match parse_marker(rest).or_else(|| glued_dot_number(rest)) {
        Some((marker, _)) if last.continues(marker) => {
            last.set(marker);
            true
        }
        _ => false,
    }
}

/// `2.8年以上` read as item 2, `8年以上`, where it may continue a `1.` list:
/// the number before the dot, as a [`MarkerStyle::Dot`] marker.
pub fn glued_dot_number(text: &str) -> Option<(Marker, usize)> {
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    let number = text[..digits].parse().ok()?;
    let after = text[digits..].strip_prefix(['.', '．'])?;
    after.starts_with(|c: char| c.is_ascii_digit()).then_some((
        Marker {
            style: MarkerStyle::Dot,
            number,
        },
        text.len() - after.len(),
    ))
}

/// Whether a section heading starts at `rest`; items after it count anew.
fn heading_starts_here(before: char, rest: &str, last: &mut LastNumbers) -> bool {
    // `所属部门：成本部　直接上级：…`: a label with its colon starts a field
    // however long the rest of the line is.
    let starts = ends_sentence(before)
        && (keyword_start(rest).is_some() || super::labels::starts_with_label(rest));
    if starts {
        *last = LastNumbers::default();
    }
    starts
}

/// The last number seen on a line, per marker style.
#[derive(Debug, Default)]
struct LastNumbers {
    last: std::collections::HashMap<MarkerStyle, u32>,
}

impl LastNumbers {
    fn set(&mut self, marker: Marker) {
        if marker.style != MarkerStyle::Chinese {
            self.last.insert(marker.style, marker.number);
        }
    }

    /// Whether `marker` is the next number of its style (1 when the line
    /// has none of that style yet); `一、` never continues a line.
    fn continues(&mut self, marker: Marker) -> bool {
        let last = self.last.get(&marker.style).copied().unwrap_or(0);
        marker.style != MarkerStyle::Chinese && marker.number == last + 1
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_heading_after_its_own_number_is_not_cut_off() {
        assert_eq!(super::split_run_on("一、 岗位职责"), ["一、 岗位职责"]);
        assert_eq!(super::split_run_on("二、\t任职资格"), ["二、\t任职资格"]);
        assert_eq!(
            super::split_run_on("1.1 岗位名称：编辑部主任"),
            ["1.1 岗位名称：编辑部主任"]
        );
        assert_eq!(
            super::split_run_on("岗位名称：成本经理　所属部门：成本部　直接上级：总经理　岗位职责：1.负责成本测算。2.负责招标。"),
            ["岗位名称：成本经理", "所属部门：成本部", "直接上级：总经理", "岗位职责：", "1.负责成本测算。", "2.负责招标。"]
        );
        assert_eq!(
            super::split_run_on("1.本科及以上学历；2.8年以上工作经验；3.持有造价师证书。"),
            [
                "1.本科及以上学历；",
                "2.8年以上工作经验；",
                "3.持有造价师证书。"
            ]
        );
        assert_eq!(
            super::split_run_on("1、负责盘点。岗位权限:"),
            ["1、负责盘点。", "岗位权限:"]
        );
    }

    use super::*;

    #[test]
    fn every_numbering_style_is_read() {
        use MarkerStyle::*;
        let cases = [
            ("一、总则", Chinese, 1, "总则"),
            ("（二）负责", ChineseParen, 2, "负责"),
            ("(十一)负责", ChineseParen, 11, "负责"),
            ("3、负责", Comma, 3, "负责"),
            ("4.负责", Dot, 4, "负责"),
            ("5．负责", Dot, 5, "负责"),
            ("(6)负责", Paren, 6, "负责"),
            ("（7）负责", Paren, 7, "负责"),
            ("8)负责", HalfParen, 8, "负责"),
            ("③负责", Circled, 3, "负责"),
            ("⑷负责", ParenDigit, 4, "负责"),
            ("b)负责", Letter, 2, "负责"),
            ("c、负责", Letter, 3, "负责"),
            ("1.2 负责", Decimal(2), 2, "负责"),
            ("1.2负责", Decimal(2), 2, "负责"),
            ("2.3.4 负责", Decimal(3), 4, "负责"),
            ("壹、总则", Legal, 1, "总则"),
            ("叁、附则", Legal, 3, "附则"),
        ];
        for (text, style, number, rest) in cases {
            let (marker, len) = parse_marker(text).unwrap_or_else(|| panic!("{text}"));
            assert_eq!((marker.style, marker.number), (style, number), "{text}");
            assert_eq!(text[len..].trim(), rest, "{text}");
        }
        for number in ["2.8年以上", "1.5倍", "3.5万元", "e.g.", "ISO9001"] {
            assert_eq!(parse_marker(number), None, "{number}");
        }
    }

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
        assert_eq!(
            parse_marker("第三条 负责"),
            Some((m(MarkerStyle::Article, 3), "第三条 ".len()))
        );
        assert_eq!(
            parse_marker("职责二：负责"),
            Some((m(MarkerStyle::Worded, 2), "职责二：".len()))
        );
        assert_eq!(parse_marker("职责：负责"), None);
        assert_eq!(parse_marker("第三条"), None);
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

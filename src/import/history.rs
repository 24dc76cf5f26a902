//! The rows of a revision history (修订记录) as Word and text files write
//! them: a version, a date and what changed, in any order, separated by
//! spaces, tabs or table bars (`V1.1　2024年6月20日　增加巡店职责`,
//! `1.0 | 2023-01-05 | 初版发布 | 王敏`). A leaf of the importer: the
//! table reader and the parser both read rows with it.

use crate::text::date::iso_date;

/// One row of a revision history: `V1.1　2024年6月20日　增加巡店职责`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RevisionRow {
    pub version: String,
    /// ISO 8601.
    pub date: String,
    pub summary: String,
}

/// Words of a revision table's heading row, longer before shorter, so that
/// a heading whose cells cleaning joined (`版本号日期`) is read word by word.
const HEADINGS: [&str; 14] = [
    "修订日期",
    "修改日期",
    "生效日期",
    "修订内容",
    "修改内容",
    "变更内容",
    "版本号",
    "修订人",
    "版本",
    "版次",
    "日期",
    "内容",
    "说明",
    "序号",
];

/// The cells of a row: split at tabs, table bars, and runs of spaces
/// (ideographic ones included).
fn cells(text: &str) -> Vec<&str> {
    text.split(['\t', '|', '｜', ' ', '\u{3000}'])
        .map(|c| c.trim())
        .filter(|c| !c.is_empty())
        .collect()
}

/// Whether a row is a revision table's heading (`版本 日期 修订内容`).
/// Cleaning may have joined its cells (`版本日期修订内容`).
pub fn is_heading_row(text: &str) -> bool {
    let mut words = 0;
    for cell in cells(text) {
        let Some(n) = heading_words(cell.trim_end_matches([':', '：'])) else {
            return false;
        };
        words += n;
    }
    words >= 2
}

/// How many heading words `cell` is made of, longest first; `None` if
/// anything else is in it.
fn heading_words(cell: &str) -> Option<usize> {
    if cell.is_empty() {
        return Some(0);
    }
    let word = HEADINGS.iter().find(|h| cell.starts_with(**h))?;
    Some(1 + heading_words(&cell[word.len()..])?)
}

/// A row with a version, a date and what changed; `None` when one of them
/// is missing, and the line is then read as text. Cleaning may have taken
/// the space out between two cells (`2024年6月20日增加…`), so the date is
/// found inside the text and a version may lead its cell (`V1.0初版`).
pub fn row(text: &str) -> Option<RevisionRow> {
    let (start, end, date) = find_date(text)?;
    let rest = format!("{} {}", &text[..start], &text[end..]);
    let mut cells: Vec<String> = cells(&rest).into_iter().map(str::to_string).collect();
    let version = match cells.iter().position(|c| is_version(c)) {
        Some(at) => cells.remove(at),
        None => split_leading_version(&mut cells)?,
    };
    let summary = cells.join(" ");
    if summary.is_empty() {
        return None;
    }
    Some(RevisionRow {
        version,
        date,
        summary,
    })
}

/// The first date in `text`: its byte range and ISO form.
fn find_date(text: &str) -> Option<(usize, usize, String)> {
    let starts = text
        .char_indices()
        .filter(|&(i, c)| c.is_ascii_digit() && !text[..i].ends_with(|p: char| p.is_ascii_digit()));
    for (start, _) in starts {
        let ends = text[start..]
            .char_indices()
            .map(|(j, c)| start + j + c.len_utf8());
        let found = (ends.take(14))
            .filter_map(|end| Some((end, iso_date(&text[start..end])?)))
            .last();
        if let Some((end, iso)) = found {
            return Some((start, end, iso));
        }
    }
    None
}

/// A version at the start of the first cell (`V1.0初版发布`), taken off it.
fn split_leading_version(cells: &mut [String]) -> Option<String> {
    let first = cells.first_mut()?;
    let len: usize = first
        .char_indices()
        .take_while(|&(_, c)| c.is_ascii_alphanumeric() || ".-/".contains(c))
        .map(|(_, c)| c.len_utf8())
        .sum();
    let version = first[..len].to_string();
    if !is_version(&version) {
        return None;
    }
    *first = first[len..].to_string();
    Some(version)
}

/// `V1.1`, `1.0`, `A/0`, `第2版`, `2.0版`: a short token with a number.
fn is_version(cell: &str) -> bool {
    let core = cell
        .trim_start_matches(['V', 'v', '第'])
        .trim_end_matches(['版', '次']);
    let short = core.chars().count() <= 8;
    let digits = core.chars().any(|c| c.is_ascii_digit());
    let shape = core
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || ".-/_".contains(c));
    short && digits && shape && !core.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Option<(String, String, String)> {
        row(text).map(|r| (r.version, r.date, r.summary))
    }

    #[test]
    fn rows_as_they_are_written() {
        let expected = |v: &str, d: &str, s: &str| Some((v.into(), d.into(), s.into()));
        assert_eq!(
            read("V1.1　2024年6月20日　增加巡店职责"),
            expected("V1.1", "2024-06-20", "增加巡店职责")
        );
        assert_eq!(
            read("1.0 | 2023-01-05 | 初版发布 | 王敏"),
            expected("1.0", "2023-01-05", "初版发布 王敏")
        );
        assert_eq!(
            read("2023/1/5\tA/0\t首次发布"),
            expected("A/0", "2023-01-05", "首次发布")
        );
        assert_eq!(
            read("第2版 2024.3.1 调整考核指标"),
            expected("第2版", "2024-03-01", "调整考核指标")
        );
        assert_eq!(
            read("V1.10　2024年6月20日增加夜间调度职责"),
            expected("V1.10", "2024-06-20", "增加夜间调度职责")
        );
        assert_eq!(
            read("V1.0初版发布 2023-01-05"),
            expected("V1.0", "2023-01-05", "初版发布")
        );
    }

    #[test]
    fn headings_are_longest_first() {
        let lengths: Vec<usize> = HEADINGS.iter().map(|h| h.chars().count()).collect();
        assert!(lengths.windows(2).all(|w| w[0] >= w[1]), "{HEADINGS:?}");
    }

    #[test]
    fn what_is_not_a_row_is_none() {
        assert_eq!(read("负责公司文件的修订工作"), None);
        assert_eq!(read("V1.0 2023年1月5日"), None, "nothing says what changed");
        assert_eq!(read("2023年1月5日 初版发布"), None, "no version");
        assert!(is_heading_row("版本　日期　修订内容　修订人"));
        assert!(!is_heading_row("版本 1.0"));
        assert!(
            is_heading_row("版本日期修订内容"),
            "cells joined by cleaning"
        );
    }
}

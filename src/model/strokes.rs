//! Stroke order for Traditional Chinese readers (zh-Hant, zh-HK): titles
//! sorted by CLDR's stroke collation, the order ICU, Windows and macOS give
//! Traditional Chinese, and grouped by the stroke count of their first
//! character as that collation counts it (Taiwan's and Hong Kong's way: 辶
//! and 艹 are four strokes, 阝 three).
//!
//! The collation orders characters by stroke count, then radical; it does
//! not say the count. [`STARTS`] holds the first character of each count in
//! that order, so a character's count is the number of starts at or before
//! it. They were found once by sorting the 5,401 common characters of Big5
//! with the collation and placing each boundary where the radical order
//! starts again and where Unihan's stroke counts (kTotalStrokes) agree best;
//! they are CLDR's own index characters for stroke order.

use std::cmp::Ordering;
use std::sync::OnceLock;

use icu_collator::options::CollatorOptions;
use icu_collator::{Collator, CollatorBorrowed};
use icu_locale_core::locale;

/// The first character of 2, 3, … 30 strokes in the stroke collation.
const STARTS: [char; 29] = [
    '丁', '丈', '不', '且', '丞', '串', '並', '亭', '乘', '乾', '傀', '亂', '僎', '僵', '儐', '償',
    '叢', '儳', '嚴', '儷', '儻', '囌', '囑', '廳', '灤', '纜', '豔', '爨', '鸞',
];

/// CLDR's collation for Traditional Chinese, which is by strokes. `None`
/// if ICU's built-in data has no such collation (then titles keep the
/// order of their code points).
fn collator() -> Option<&'static CollatorBorrowed<'static>> {
    static COLLATOR: OnceLock<Option<CollatorBorrowed<'static>>> = OnceLock::new();
    COLLATOR
        .get_or_init(|| {
            Collator::try_new(locale!("zh-Hant").into(), CollatorOptions::default()).ok()
        })
        .as_ref()
}

/// `a` against `b` in stroke order.
pub fn compare(a: &str, b: &str) -> Ordering {
    match collator() {
        Some(c) => c.compare(a, b).then_with(|| a.cmp(b)),
        None => a.cmp(b),
    }
}

/// The stroke count of `c` as the stroke collation counts it, for a Han
/// character; `None` for anything else.
pub fn stroke_count(c: char) -> Option<u32> {
    if !is_han(c) {
        return None;
    }
    let mut buffer = [0u8; 4];
    let text: &str = c.encode_utf8(&mut buffer);
    let mut start = [0u8; 4];
    let before =
        STARTS.partition_point(|s| compare(s.encode_utf8(&mut start), text) != Ordering::Greater);
    Some(before as u32 + 1)
}

fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3FFFF)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_as_taiwan_and_hong_kong_do() {
        let cases = [
            ('一', 1),
            ('人', 2),
            ('文', 4),
            ('店', 8),
            ('長', 8),
            ('花', 8),
            ('客', 9),
            ('社', 8),
            ('迅', 7),
            ('運', 13),
            ('營', 17),
            ('業', 13),
            ('總', 17),
            ('鸞', 30),
        ];
        for (c, strokes) in cases {
            assert_eq!(stroke_count(c), Some(strokes), "{c}");
        }
        assert_eq!(stroke_count('V'), None);
        assert_eq!(stroke_count('1'), None);
    }

    #[test]
    fn every_start_begins_its_count() {
        for (i, &s) in STARTS.iter().enumerate() {
            assert_eq!(stroke_count(s), Some(i as u32 + 2), "{s}");
        }
    }

    #[test]
    fn titles_sort_by_strokes_then_radical() {
        let mut titles = vec!["營運總監", "店長", "門市人員", "文案專員", "客服主管"];
        titles.sort_by(|a, b| compare(a, b));
        assert_eq!(
            titles,
            ["文案專員", "店長", "門市人員", "客服主管", "營運總監"]
        );
    }
}

//! The Traditional → Simplified character table that makes search
//! script-blind: built once from the project's OpenCC dictionaries, then cut
//! down per index to the characters that can matter for that handbook.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use crate::convert::{Converter, OpenccConfig};

/// Character dictionaries whose entries, on either side, are the characters
/// that can have a different Simplified form: standard Traditional (TS, ST)
/// and the Taiwan and Hong Kong variants (裡, 衞).
const DICTIONARIES: [&str; 4] = [
    include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/src/convert/data/TSCharacters.txt"
    )),
    include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/src/convert/data/STCharacters.txt"
    )),
    include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/src/convert/data/TWVariants.txt"
    )),
    include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/src/convert/data/HKVariants.txt"
    )),
];

/// Every character the dictionaries know with a Simplified form different
/// from itself, mapped to that form. Computed once per process.
pub fn full_table() -> &'static BTreeMap<char, char> {
    static TABLE: OnceLock<BTreeMap<char, char>> = OnceLock::new();
    TABLE.get_or_init(|| close(simplify_each(&candidates())))
}

/// The part of `full` a search of text made of `present` (normalized
/// characters) can use: the characters whose Simplified form occurs. A query
/// character outside it cannot match anything anyway.
pub fn restrict(full: &BTreeMap<char, char>, present: &BTreeSet<char>) -> BTreeMap<char, char> {
    full.iter()
        .filter(|(_, s)| present.contains(s))
        .map(|(&t, &s)| (t, s))
        .collect()
}

fn candidates() -> BTreeSet<char> {
    DICTIONARIES
        .iter()
        .flat_map(|dict| dict.lines())
        .filter(|line| !line.starts_with('#'))
        .flat_map(|line| line.split(['\t', ' ']))
        .filter_map(single_char)
        .collect()
}

fn single_char(s: &str) -> Option<char> {
    let mut chars = s.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => Some(c),
        _ => None,
    }
}

/// Runs every candidate through Hong Kong, Taiwan and standard Traditional to
/// Simplified conversion, one character per line so that no phrase rule
/// joins neighbours. Keeps one-for-one mappings inside the Basic Multilingual
/// Plane, where a character is one UTF-16 unit in the browser as well.
fn simplify_each(chars: &BTreeSet<char>) -> BTreeMap<char, char> {
    let mut text: String = chars.iter().flat_map(|&c| [c, '\n']).collect();
    for config in [OpenccConfig::Hk2s, OpenccConfig::Tw2s, OpenccConfig::T2s] {
        text = Converter::new(config).convert(&text);
    }
    chars
        .iter()
        .zip(text.split('\n'))
        .filter_map(|(&t, line)| single_char(line).map(|s| (t, s)))
        .filter(|&(t, s)| t != s && is_bmp(t) && is_bmp(s))
        .collect()
}

fn is_bmp(c: char) -> bool {
    (c as u32) < 0x10000
}

/// Follows chains (a → b → c) so that normalizing twice changes nothing.
fn close(table: BTreeMap<char, char>) -> BTreeMap<char, char> {
    table
        .iter()
        .map(|(&t, &s)| {
            let mut end = s;
            for _ in 0..4 {
                match table.get(&end) {
                    Some(&next) if next != end && next != t => end = next,
                    _ => break,
                }
            }
            (t, end)
        })
        .filter(|(t, s)| t != s)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_traditional_and_regional_variants() {
        let table = full_table();
        for (t, s) in [
            ('盤', '盘'),
            ('點', '点'),
            ('裡', '里'),
            ('衞', '卫'),
            ('線', '线'),
        ] {
            assert_eq!(table.get(&t), Some(&s), "{t}");
        }
        assert_eq!(table.get(&'盘'), None);
        assert_eq!(table.get(&'a'), None);
    }

    #[test]
    fn is_idempotent() {
        let table = full_table();
        for (t, s) in table {
            assert_eq!(table.get(s), None, "{t} → {s} → {:?}", table.get(s));
        }
    }

    #[test]
    fn restricts_to_present_characters() {
        let present = BTreeSet::from(['盘', '点']);
        let small = restrict(full_table(), &present);
        assert_eq!(small.get(&'盤'), Some(&'盘'));
        assert!(small.values().all(|s| present.contains(s)));
        assert!(small.len() < 10, "{small:?}");
    }
}

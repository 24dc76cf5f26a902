//! The regional vocabulary layer: Taiwan and Hong Kong wording for HR and
//! business prose, on top of OpenCC's dictionaries.
//!
//! OpenCC's Taiwan phrases were chosen for computing text (文件 → 檔案,
//! 权限 → 許可權), and its Hong Kong config changes character forms only. The
//! layer, `data/regional.tsv`, is reviewed data, one phrase per line with the
//! reason for it. Each entry joins the first tier of the zh-TW or zh-HK step
//! of the conversion, ahead of OpenCC's own regional phrases: the longest key
//! still wins, so OpenCC's longer phrases (文件夾 → 資料夾) keep working, and
//! on keys of equal length the layer wins. See
//! docs/decisions/conversion-engine.md, "The regional layer".

use std::sync::OnceLock;

use crate::variant::Variant;

const DATA: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/src/convert/data/regional.tsv"
));

const AMBIGUOUS: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/src/convert/data/ambiguous.tsv"
));

/// A Taiwan and a Hong Kong wording; `None` leaves the region to OpenCC.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Regional {
    pub tw: Option<&'static str>,
    pub hk: Option<&'static str>,
}

impl Regional {
    /// Two cells of a data file; `-` or nothing is no wording.
    fn from_cells(tw: &'static str, hk: &'static str) -> Regional {
        let wording = |cell: &'static str| (cell != "-" && !cell.is_empty()).then_some(cell);
        Regional {
            tw: wording(tw),
            hk: wording(hk),
        }
    }

    pub fn get(&self, variant: Variant) -> Option<&'static str> {
        match variant {
            Variant::Tw => self.tw,
            Variant::Hk => self.hk,
            Variant::Hans | Variant::Hant => None,
        }
    }
}

/// One reviewed phrase of the layer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// As authored, in Simplified Chinese.
    pub simplified: &'static str,
    /// OpenCC's standard Traditional for it (s2t): the text the layer's
    /// step sees. A test checks it.
    pub traditional: &'static str,
    pub renderings: Regional,
    /// Why the entry exists, and its source.
    pub reason: &'static str,
    /// Line in `data/regional.tsv`.
    pub line: usize,
}

impl Entry {
    /// The rendering for `variant`, if the layer sets one.
    pub fn rendering(&self, variant: Variant) -> Option<&'static str> {
        self.renderings.get(variant)
    }
}

/// A phrase whose regional wording depends on what the text means
/// (`data/ambiguous.tsv`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ambiguous {
    pub phrase: &'static str,
    /// The meaning the conversion assumes.
    pub converted: &'static str,
    /// The other meaning.
    pub other: &'static str,
    /// How each region writes the other meaning, where not as converted.
    pub others: Regional,
}

impl Ambiguous {
    /// The wording of the other meaning in `variant`, if it differs.
    pub fn other_rendering(&self, variant: Variant) -> Option<&'static str> {
        self.others.get(variant)
    }
}

/// Every entry, in file order. Lines that do not have five columns are
/// skipped here and reported by a unit test.
pub fn entries() -> &'static [Entry] {
    static ENTRIES: OnceLock<Vec<Entry>> = OnceLock::new();
    ENTRIES.get_or_init(|| parse(DATA).filter_map(Result::ok).collect())
}

/// Every ambiguous phrase, in file order.
pub fn ambiguous() -> &'static [Ambiguous] {
    static ENTRIES: OnceLock<Vec<Ambiguous>> = OnceLock::new();
    ENTRIES.get_or_init(|| {
        data_lines(AMBIGUOUS)
            .filter_map(|(_, line)| parse_ambiguous(line))
            .collect()
    })
}

/// The layer's dictionary for one variant: OpenCC Traditional → rendering.
pub fn dictionary(variant: Variant) -> impl Iterator<Item = (&'static str, &'static str)> {
    entries()
        .iter()
        .filter_map(move |e| e.rendering(variant).map(|r| (e.traditional, r)))
}

/// The layer's phrases, Simplified → OpenCC Traditional: added to
/// segmentation so that each is converted as one piece.
pub fn phrases() -> impl Iterator<Item = (&'static str, &'static str)> {
    entries().iter().map(|e| (e.simplified, e.traditional))
}

/// The lines of a data file that hold data, with their numbers.
fn data_lines(data: &'static str) -> impl Iterator<Item = (usize, &'static str)> {
    data.lines()
        .enumerate()
        .map(|(i, line)| (i + 1, line.strip_suffix('\r').unwrap_or(line)))
        .filter(|(_, line)| !line.trim().is_empty() && !line.starts_with('#'))
}

/// Each data line as an entry, or as its line number when malformed.
fn parse(data: &'static str) -> impl Iterator<Item = Result<Entry, usize>> {
    data_lines(data).map(|(n, line)| parse_line(line, n).ok_or(n))
}

fn parse_line(line: &'static str, number: usize) -> Option<Entry> {
    let cells: Vec<&'static str> = line.split('\t').map(str::trim).collect();
    let [simplified, traditional, tw, hk, reason] = cells[..] else {
        return None;
    };
    let complete = !simplified.is_empty() && !traditional.is_empty() && !reason.is_empty();
    complete.then_some(Entry {
        simplified,
        traditional,
        renderings: Regional::from_cells(tw, hk),
        reason,
        line: number,
    })
}

fn parse_ambiguous(line: &'static str) -> Option<Ambiguous> {
    let cells: Vec<&'static str> = line.split('\t').map(str::trim).collect();
    let [phrase, converted, other, tw, hk] = cells[..] else {
        return None;
    };
    Some(Ambiguous {
        phrase,
        converted,
        other,
        others: Regional::from_cells(tw, hk),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn every_line_is_a_complete_entry() {
        let bad: Vec<usize> = parse(DATA).filter_map(Result::err).collect();
        assert!(
            bad.is_empty(),
            "regional.tsv lines without five columns: {bad:?}"
        );
        assert!(entries().len() >= 100, "{} entries", entries().len());
    }

    #[test]
    fn each_phrase_is_listed_once_and_sets_a_region() {
        let mut seen = HashSet::new();
        for e in entries() {
            assert!(
                seen.insert(e.simplified),
                "line {}: {} twice",
                e.line,
                e.simplified
            );
            assert!(
                e.renderings.tw.is_some() || e.renderings.hk.is_some(),
                "line {}: no rendering",
                e.line
            );
        }
    }

    #[test]
    fn every_ambiguous_line_is_complete() {
        assert_eq!(data_lines(AMBIGUOUS).count(), ambiguous().len());
        let others = |a: &Ambiguous| a.others.tw.is_some() || a.others.hk.is_some();
        assert!(ambiguous().iter().all(others));
    }

    #[test]
    fn a_dash_leaves_the_region_to_opencc() {
        let e = parse_line("审核\t審覈\t審核\t-\twhy", 1).unwrap();
        assert_eq!(
            e.renderings,
            Regional {
                tw: Some("審核"),
                hk: None
            }
        );
        assert!(parse_line("审核\t審覈\t審核\t-", 1).is_none());
        assert!(parse_line("审核\t審覈\t審核\t-\twhy\textra", 1).is_none());
    }
}

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

/// A phrase whose regional wording depends on what the text means
/// (`data/ambiguous.tsv`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ambiguous {
    pub phrase: &'static str,
    /// The meaning the conversion assumes.
    pub converted: &'static str,
    /// The other meaning.
    pub other: &'static str,
    /// The Taiwan and Hong Kong wording of the other meaning; `None` where
    /// it is written as the conversion writes it.
    pub tw: Option<&'static str>,
    pub hk: Option<&'static str>,
}

impl Ambiguous {
    /// The wording of the other meaning in `variant`, if it differs.
    pub fn other_rendering(&self, variant: Variant) -> Option<&'static str> {
        match variant {
            Variant::Tw => self.tw,
            Variant::Hk => self.hk,
            Variant::Hans | Variant::Hant => None,
        }
    }
}

/// Every ambiguous phrase, in file order.
pub fn ambiguous() -> &'static [Ambiguous] {
    static ENTRIES: OnceLock<Vec<Ambiguous>> = OnceLock::new();
    ENTRIES.get_or_init(|| {
        AMBIGUOUS
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .filter_map(parse_ambiguous)
            .collect()
    })
}

fn parse_ambiguous(line: &'static str) -> Option<Ambiguous> {
    let cells: Vec<&'static str> = line.split('\t').map(str::trim).collect();
    let [phrase, converted, other, tw, hk] = cells[..] else {
        return None;
    };
    let rendering = |cell: &'static str| (cell != "-" && !cell.is_empty()).then_some(cell);
    Some(Ambiguous {
        phrase,
        converted,
        other,
        tw: rendering(tw),
        hk: rendering(hk),
    })
}

/// One reviewed phrase of the layer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// As authored, in Simplified Chinese.
    pub simplified: &'static str,
    /// OpenCC's standard Traditional for it (s2t): the text the layer's
    /// step sees. A test checks it.
    pub traditional: &'static str,
    /// The Taiwan rendering; `None` leaves Taiwan text to OpenCC.
    pub tw: Option<&'static str>,
    /// The Hong Kong rendering; `None` leaves Hong Kong text to OpenCC.
    pub hk: Option<&'static str>,
    /// Why the entry exists, and its source.
    pub reason: &'static str,
    /// Line in `data/regional.tsv`.
    pub line: usize,
}

impl Entry {
    /// The rendering for `variant`, if the layer sets one.
    pub fn rendering(&self, variant: Variant) -> Option<&'static str> {
        match variant {
            Variant::Tw => self.tw,
            Variant::Hk => self.hk,
            Variant::Hans | Variant::Hant => None,
        }
    }
}

/// Every entry, in file order. Lines that do not have five columns are
/// skipped here and reported by a unit test.
pub fn entries() -> &'static [Entry] {
    static ENTRIES: OnceLock<Vec<Entry>> = OnceLock::new();
    ENTRIES.get_or_init(|| parse(DATA).filter_map(Result::ok).collect())
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

/// Each data line as an entry, or as its line number when malformed.
fn parse(data: &'static str) -> impl Iterator<Item = Result<Entry, usize>> {
    data.lines().enumerate().filter_map(|(i, line)| {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim().is_empty() || line.starts_with('#') {
            return None;
        }
        Some(parse_line(line, i + 1).ok_or(i + 1))
    })
}

fn parse_line(line: &'static str, number: usize) -> Option<Entry> {
    let mut cells = line.split('\t');
    let mut next = || cells.next().map(str::trim);
    let (simplified, traditional) = (next()?, next()?);
    let (tw, hk, reason) = (next()?, next()?, next()?);
    let rendering = |cell: &'static str| (cell != "-" && !cell.is_empty()).then_some(cell);
    let entry = Entry {
        simplified,
        traditional,
        tw: rendering(tw),
        hk: rendering(hk),
        reason,
        line: number,
    };
    let complete = !simplified.is_empty() && !traditional.is_empty() && !reason.is_empty();
    (complete && next().is_none()).then_some(entry)
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
                e.tw.is_some() || e.hk.is_some(),
                "line {}: no rendering",
                e.line
            );
        }
    }

    #[test]
    fn every_ambiguous_line_is_complete() {
        let lines = AMBIGUOUS
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty());
        assert_eq!(lines.count(), ambiguous().len());
        assert!(ambiguous().iter().all(|a| a.tw.is_some() || a.hk.is_some()));
    }

    #[test]
    fn a_dash_leaves_the_region_to_opencc() {
        let e = parse_line("审核\t審覈\t審核\t-\twhy", 1).unwrap();
        assert_eq!((e.tw, e.hk), (Some("審核"), None));
        assert!(parse_line("审核\t審覈\t審核\t-", 1).is_none());
        assert!(parse_line("审核\t審覈\t審核\t-\twhy\textra", 1).is_none());
    }
}

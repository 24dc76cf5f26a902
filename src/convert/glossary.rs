//! The glossary: phrases that must convert a particular way, or not at all,
//! per variant (company names such as 天喜, role titles a company spells its
//! own way). It is applied before the dictionaries: the text is cut at every
//! glossary phrase, the phrases are replaced as the glossary says, and only
//! the text between them goes through the converter.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use aho_corasick::{AhoCorasick, MatchKind};
use serde::Deserialize;

use crate::content::source::read_source;
use crate::content::{yaml_error, CONTENT_DIR};
use crate::error::{Diagnostic, Error, Location, Result};
use crate::text;
use crate::variant::Variant;

pub const GLOSSARY_FILE: &str = "glossary.yaml";

/// One entry as written in `content/glossary.yaml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    /// The phrase as authored (Simplified).
    phrase: String,
    #[serde(rename = "zh-Hans")]
    hans: Option<String>,
    #[serde(rename = "zh-Hant")]
    hant: Option<String>,
    #[serde(rename = "zh-TW")]
    tw: Option<String>,
    #[serde(rename = "zh-HK")]
    hk: Option<String>,
    /// Words readers search for meaning the phrase (KPI for 绩效考核).
    #[serde(default)]
    synonyms: Vec<String>,
    /// Why the entry exists; for the people who keep the glossary.
    #[serde(default)]
    #[allow(dead_code)]
    note: String,
}

/// All entries: for each phrase, its spelling per variant. An entry with
/// neither a spelling nor synonyms keeps its phrase as authored in every
/// variant; one with only synonyms is for search and converts as usual.
#[derive(Debug, Clone, Default)]
pub struct Glossary {
    entries: Vec<(String, BTreeMap<Variant, String>)>,
    /// Each entry with synonyms: the phrase, then its synonyms.
    synonyms: Vec<Vec<String>>,
}

impl Glossary {
    /// Reads `content/glossary.yaml` under `root`; no file is an empty
    /// glossary.
    pub fn load(root: &Path) -> Result<Glossary> {
        let path = root.join(CONTENT_DIR).join(GLOSSARY_FILE);
        if !path.is_file() {
            return Ok(Glossary::default());
        }
        let file = read_source(&path)?;
        let raw: Vec<RawEntry> =
            serde_yaml::from_str(&file.text).map_err(|e| yaml_error(&path, 1, &e))?;
        Glossary::from_entries(&path, &file.text, raw)
    }

    fn from_entries(path: &Path, text: &str, raw: Vec<RawEntry>) -> Result<Glossary> {
        let mut errors = Vec::new();
        let mut seen = HashMap::new();
        let mut entries = Vec::new();
        let mut synonyms = Vec::new();
        let lines = phrase_lines(text);
        for (i, entry) in raw.into_iter().enumerate() {
            let line = lines.get(i).copied().unwrap_or(0);
            let at = Location::new(path, line);
            if entry.phrase.trim().is_empty() {
                errors.push(
                    Diagnostic::new(at, text!("empty phrase", "这一条的“phrase”（词语）是空的"))
                        .field("phrase"),
                );
                continue;
            }
            if let Some(first) = seen.insert(entry.phrase.clone(), line) {
                let phrase = &entry.phrase;
                errors.push(
                    Diagnostic::new(
                        at,
                        text!(
                            "`{phrase}` is already in the glossary (line {first})",
                            "词语“{phrase}”在词汇表里已经有了（第 {first} 行）"
                        ),
                    )
                    .field("phrase"),
                );
                continue;
            }
            let spellings = [
                (Variant::Hans, entry.hans),
                (Variant::Hant, entry.hant),
                (Variant::Tw, entry.tw),
                (Variant::Hk, entry.hk),
            ];
            let by_variant: BTreeMap<Variant, String> = spellings
                .into_iter()
                .filter_map(|(v, s)| s.map(|s| (v, s)))
                .collect();
            let words: Vec<String> = (entry.synonyms.iter())
                .map(|w| w.trim().to_string())
                .filter(|w| !w.is_empty())
                .collect();
            if !words.is_empty() {
                synonyms.push(std::iter::once(entry.phrase.clone()).chain(words).collect());
                if by_variant.is_empty() {
                    continue;
                }
            }
            entries.push((entry.phrase, by_variant));
        }
        if errors.is_empty() {
            Ok(Glossary { entries, synonyms })
        } else {
            Err(Error::Invalid(errors))
        }
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Groups of words that mean the same for search: each entry's phrase
    /// with its synonyms, and with its spellings in the variants (服务商渠道
    /// and 服務商通路), as authored.
    pub fn search_groups(&self) -> Vec<Vec<String>> {
        let spelled = (self.entries.iter())
            .filter(|(_, by)| !by.is_empty())
            .map(|(phrase, by)| {
                std::iter::once(phrase)
                    .chain(by.values())
                    .cloned()
                    .collect()
            });
        self.synonyms.iter().cloned().chain(spelled).collect()
    }

    /// Every phrase with an entry.
    pub fn phrases(&self) -> impl Iterator<Item = &str> {
        self.entries.iter().map(|(p, _)| p.as_str())
    }

    /// Whether `phrase` has an entry: its wording is decided.
    pub fn has_phrase(&self, phrase: &str) -> bool {
        self.entries.iter().any(|(p, _)| p == phrase)
    }

    /// Whether the glossary never changes a text of `variant`: it spells no
    /// phrase differently there.
    pub fn keeps_text(&self, variant: Variant) -> bool {
        (self.entries.iter()).all(|(phrase, by)| by.get(&variant).is_none_or(|s| s == phrase))
    }

    /// The glossary as it applies to one variant: entries without any
    /// spelling keep their phrase unconverted; entries with a spelling for
    /// this variant use it; entries that spell only other variants do not
    /// apply, and their phrase converts as usual.
    pub fn for_variant(&self, variant: Variant) -> VariantGlossary {
        let applying: Vec<(&String, &String)> = self
            .entries
            .iter()
            .filter_map(|(phrase, by)| match by.get(&variant) {
                Some(spelling) => Some((phrase, spelling)),
                None if by.is_empty() => Some((phrase, phrase)),
                None => None,
            })
            .collect();
        let matcher = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(applying.iter().map(|(phrase, _)| phrase))
            .ok()
            .filter(|_| !applying.is_empty());
        VariantGlossary {
            matcher,
            replacements: applying.into_iter().map(|(_, s)| s.clone()).collect(),
        }
    }
}

/// The lines of the `phrase:` keys, in order: entry i's is the i-th, since
/// every entry has exactly one.
fn phrase_lines(text: &str) -> Vec<usize> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| l.trim_start_matches([' ', '-']).starts_with("phrase:"))
        .map(|(i, _)| i + 1)
        .collect()
}

/// A glossary for one variant, ready to apply.
#[derive(Debug, Clone)]
pub struct VariantGlossary {
    matcher: Option<AhoCorasick>,
    replacements: Vec<String>,
}

impl VariantGlossary {
    /// Converts `text` with `convert`, except the glossary phrases, which
    /// get the glossary's spelling.
    pub fn apply(&self, text: &str, convert: &dyn Fn(&str) -> String) -> String {
        let Some(matcher) = &self.matcher else {
            return convert(text);
        };
        let mut out = String::with_capacity(text.len() + text.len() / 2);
        let mut last = 0;
        for m in matcher.find_iter(text) {
            if m.start() > last {
                out.push_str(&convert(&text[last..m.start()]));
            }
            out.push_str(&self.replacements[m.pattern().as_usize()]);
            last = m.end();
        }
        if last < text.len() {
            out.push_str(&convert(&text[last..]));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glossary(yaml: &str) -> Result<Glossary> {
        let raw: Vec<RawEntry> =
            serde_yaml::from_str(yaml).map_err(|e| yaml_error(Path::new("g.yaml"), 1, &e))?;
        Glossary::from_entries(Path::new("g.yaml"), yaml, raw)
    }

    #[test]
    fn phrases_keep_or_take_their_spelling() {
        let g = glossary("- phrase: 天喜\n- phrase: 首席运营官\n  zh-TW: 營運長\n").unwrap();
        let upper = |s: &str| s.replace('运', "運").replace('营', "營");
        let tw = g.for_variant(Variant::Tw);
        assert_eq!(tw.apply("天喜的首席运营官运营", &upper), "天喜的營運長運營");
        let hk = g.for_variant(Variant::Hk);
        assert_eq!(hk.apply("天喜首席运营官", &upper), "天喜首席運營官");
    }

    /// A variant whose glossary changes nothing is rendered from the source
    /// model itself (`pipeline::VariantModel`).
    #[test]
    fn synonyms_are_for_search_and_leave_conversion_alone() {
        let g = glossary(
            "- phrase: 绩效考核\n  synonyms: [KPI, 考核]\n- phrase: 天喜\n  synonyms: [Tianxi]\n  zh-TW: 天喜\n",
        )
        .unwrap();
        assert_eq!(
            g.search_groups(),
            [
                vec!["绩效考核", "KPI", "考核"],
                vec!["天喜", "Tianxi"],
                vec!["天喜", "天喜"]
            ]
        );
        assert!(
            !g.has_phrase("绩效考核"),
            "only synonyms: converts as usual"
        );
        assert!(g.has_phrase("天喜"));
        assert!(g.keeps_text(Variant::Hant));
    }

    #[test]
    fn a_glossary_keeps_text_unless_it_respells_a_phrase() {
        let kept = glossary("- phrase: 天喜\n- phrase: 首席运营官\n  zh-TW: 營運長\n").unwrap();
        assert!(kept.keeps_text(Variant::Hans));
        assert!(!kept.keeps_text(Variant::Tw));
        let respelled = glossary("- phrase: 首席运营官\n  zh-Hans: 首席营运官\n").unwrap();
        assert!(!respelled.keeps_text(Variant::Hans));
        let same = |s: &str| s.to_string();
        assert_eq!(
            respelled
                .for_variant(Variant::Hans)
                .apply("首席运营官", &same),
            "首席营运官"
        );
    }

    #[test]
    fn bad_entries_are_errors_with_lines() {
        let err = glossary("- phrase: 天喜\n- phrase: 天喜\n").unwrap_err();
        assert_eq!(err.diagnostics()[0].location.line, 2);
        assert!(glossary("- phrase: 天喜\n  zh-XX: 天喜\n").is_err());
    }
}

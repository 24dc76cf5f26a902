//! The search index of one variant and its JavaScript file.
//!
//! Passages are stored once however many roles repeat them (完成领导交办的其他工作),
//! in the variant's script, since they are also the snippets. Postings map
//! each normalized character bigram to the passages containing it. The
//! browser normalizes passages and queries with the character table shipped
//! in the same file, so Traditional and Simplified queries meet.

use std::collections::BTreeMap;

use rustc_hash::{FxHashMap, FxHashSet};
use serde::Serialize;

use super::chars;
use super::entries::{self, Field};
use super::normalize::{bigrams, words, Normalizer};
use super::sounds::Sounds;
use super::vocabulary::Vocabulary;
use crate::model::Handbook;

/// Format version, for `search.js` to refuse an index it cannot read.
pub const FORMAT: u32 = 4;

/// A built index; [`Index::to_script`] writes it for the browser and
/// [`super::Searcher`] queries it the way `search.js` does.
#[derive(Debug, Clone)]
pub struct Index {
    /// Traditional → Simplified characters the browser needs.
    pub table: BTreeMap<char, char>,
    /// The regional vocabulary and the glossary's synonyms the texts can
    /// need.
    pub vocabulary: Vocabulary,
    /// Readings of the characters a query can need.
    pub sounds: Sounds,
    pub docs: Vec<DocInfo>,
    /// Distinct passage texts, in the variant's script.
    pub texts: Vec<String>,
    pub entries: Vec<IndexEntry>,
    /// Normalized bigram → ascending ids of the texts containing it.
    pub terms: BTreeMap<String, Vec<u32>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocInfo {
    pub id: String,
    pub source: String,
    pub title: String,
    pub organization: String,
}

/// A role or a department, its passages by text id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexEntry {
    pub doc: usize,
    /// `None` for a document's department duties.
    pub role: Option<String>,
    /// The title first, then the other fields in page order.
    pub passages: Vec<IndexPassage>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexPassage {
    pub field: Field,
    /// Duty item number path (`3-2`), a custom section's number, or empty.
    pub item: String,
    /// A custom section's heading, or empty.
    pub label: String,
    pub text: u32,
}

impl Index {
    /// Indexes `handbook`, which is in the variant's script.
    pub fn build(handbook: &Handbook) -> Index {
        Index::with_synonyms(handbook, &[])
    }

    /// Indexes `handbook` with groups of words that mean the same
    /// (the glossary's synonyms, as authored).
    pub fn with_synonyms(handbook: &Handbook, synonyms: &[Vec<String>]) -> Index {
        let found = entries::entries(handbook);
        let mut texts = Texts::default();
        let entries = found
            .into_iter()
            .map(|e| IndexEntry {
                doc: e.doc,
                role: e.role,
                passages: e
                    .passages
                    .into_iter()
                    .map(|p| IndexPassage {
                        field: p.field,
                        item: p.item,
                        label: p.label,
                        text: texts.id(p.text),
                    })
                    .collect(),
            })
            .collect();
        let texts = texts.list;
        // With the whole table, so that the vocabulary's words are found
        // before the table is cut down; for the characters present the cut
        // table normalizes alike.
        let everything = Normalizer::new(chars::full_table());
        let normalized: Vec<String> = texts.iter().map(|t| everything.text(t)).collect();
        let synonyms: Vec<Vec<String>> = (synonyms.iter())
            .map(|g| g.iter().map(|w| everything.text(w)).collect())
            .collect();
        let vocabulary = Vocabulary::for_texts(&normalized, &synonyms);
        let table = chars_needed(&normalized, &vocabulary);
        let sounds = Sounds::for_texts(&normalized);
        let terms = postings(&normalized);
        Index {
            table,
            vocabulary,
            sounds,
            docs: handbook
                .documents
                .iter()
                .map(|d| DocInfo {
                    id: d.id.to_string(),
                    source: d.source.clone(),
                    title: d.title.clone(),
                    organization: d.organization.clone(),
                })
                .collect(),
            texts,
            entries,
            terms,
        }
    }

    /// The index as a script that sets `window.HANDBOOK_SEARCH`: a `<script>`
    /// tag loads it from file:// too, where `fetch` is refused.
    pub fn to_script(&self) -> String {
        let json = serde_json::to_string(&self.wire()).unwrap_or_else(|e| {
            // Only strings and numbers go in, which always serialize.
            unreachable!("search index did not serialize: {e}")
        });
        format!("window.HANDBOOK_SEARCH = {json};\n")
    }

    fn wire(&self) -> Wire<'_> {
        Wire {
            v: FORMAT,
            fields: Field::ALL.map(|f| (f.weight(), f.anchor())),
            chars: self.table.iter().flat_map(|(&t, &s)| [t, s]).collect(),
            vocab: self.vocabulary.to_wire(),
            sounds: self.sounds.to_wire(),
            docs: self
                .docs
                .iter()
                .map(|d| [&*d.id, &*d.source, &*d.title, &*d.organization])
                .collect(),
            texts: &self.texts,
            entries: self.entries.iter().map(wire_entry).collect(),
            terms: self
                .terms
                .iter()
                .map(|(k, ids)| (k.as_str(), encode_postings(ids)))
                .collect(),
        }
    }
}

/// The JSON shape `search.js` reads; see `docs/decisions/search.md`.
#[derive(Serialize)]
struct Wire<'a> {
    v: u32,
    /// `[weight, section id on the role page]` of each field, in the order
    /// of [`Field::ALL`].
    fields: [(f64, String); 18],
    /// Pairs of characters: Traditional, then Simplified.
    chars: String,
    /// Regional vocabulary: normalized words, `,` between the words of a
    /// group, `;` between groups.
    vocab: String,
    /// Readings: a syllable, then the characters read so; `;` between
    /// syllables.
    sounds: String,
    /// `[id, source, title, organization]`.
    docs: Vec<[&'a str; 4]>,
    texts: &'a [String],
    entries: Vec<WireEntry<'a>>,
    terms: BTreeMap<&'a str, String>,
}

/// `[doc, role id or "", title id, groups]`.
type WireEntry<'a> = (usize, &'a str, u32, Vec<WireGroup<'a>>);

/// A run of passages of one field (and, for custom sections, one heading):
/// `[field number, text ids, items joined by spaces or "", heading or ""]`.
type WireGroup<'a> = (usize, Vec<u32>, String, &'a str);

fn wire_entry(e: &IndexEntry) -> WireEntry<'_> {
    let title = e
        .passages
        .iter()
        .find(|p| p.field == Field::Title)
        .map_or(0, |p| p.text);
    let rest = e.passages.iter().filter(|p| p.field != Field::Title);
    let mut groups: Vec<(&IndexPassage, Vec<&IndexPassage>)> = Vec::new();
    for p in rest {
        match groups.last_mut() {
            Some((first, run))
                if first.field == p.field
                    && first.label == p.label
                    && first.item_kind() == p.item_kind() =>
            {
                run.push(p)
            }
            _ => groups.push((p, vec![p])),
        }
    }
    let groups = groups
        .into_iter()
        .map(|(first, run)| {
            let items = match run.iter().all(|p| p.item.is_empty()) {
                true => String::new(),
                false => run
                    .iter()
                    .map(|p| p.item.as_str())
                    .collect::<Vec<_>>()
                    .join(" "),
            };
            let ids = run.iter().map(|p| p.text).collect();
            (first.field.number(), ids, items, first.label.as_str())
        })
        .collect();
    (e.doc, e.role.as_deref().unwrap_or(""), title, groups)
}

impl IndexPassage {
    /// Passages of a custom section share their section's number: a new
    /// number starts a new group even under the same heading.
    fn item_kind(&self) -> &str {
        match self.field {
            Field::Custom => &self.item,
            _ => "",
        }
    }
}

/// Distinct texts in first-seen order.
#[derive(Default)]
struct Texts {
    list: Vec<String>,
    ids: FxHashMap<String, u32>,
}

impl Texts {
    fn id(&mut self, text: String) -> u32 {
        if let Some(&id) = self.ids.get(&text) {
            return id;
        }
        let id = u32::try_from(self.list.len()).unwrap_or(u32::MAX);
        self.ids.insert(text.clone(), id);
        self.list.push(text);
        id
    }
}

/// The character table cut down to what these texts (normalized) and the
/// vocabulary's words can need: a query in the other script must normalize
/// to the vocabulary's words too.
fn chars_needed(normalized: &[String], vocabulary: &Vocabulary) -> BTreeMap<char, char> {
    // A hash set while counting: there are millions of characters and a few
    // thousand distinct ones.
    let mut present: FxHashSet<char> = FxHashSet::default();
    present.extend(normalized.iter().flat_map(|t| t.chars()));
    present.extend(vocabulary.groups().iter().flatten().flat_map(|w| w.chars()));
    chars::restrict(chars::full_table(), &present.into_iter().collect())
}

fn postings(normalized: &[String]) -> BTreeMap<String, Vec<u32>> {
    // Hashed while filling, ordered once at the end.
    let mut terms: FxHashMap<&str, Vec<u32>> = FxHashMap::default();
    let mut grams: Vec<&str> = Vec::new();
    for (id, text) in (0u32..).zip(normalized) {
        grams.clear();
        grams.extend(words(text).flat_map(bigrams));
        grams.sort_unstable();
        grams.dedup();
        for &gram in &grams {
            terms.entry(gram).or_default().push(id);
        }
    }
    terms
        .into_iter()
        .map(|(gram, ids)| (gram.to_string(), ids))
        .collect()
}

/// Digits of the last (or only) base-32 digit of a number.
const LAST: &[u8; 32] = b"0123456789abcdefghijklmnopqrstuv";
/// Digits that say "more digits follow".
const MORE: &[u8; 32] = b"wxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_";

/// Ascending ids as gaps in a variable-length base-32 code, most significant
/// digit first; every character is JSON-safe and the last digit of each gap
/// comes from its own alphabet, so no separators are needed.
pub fn encode_postings(ids: &[u32]) -> String {
    let mut out = String::new();
    let mut previous = 0;
    for &id in ids {
        push_number(&mut out, id - previous);
        previous = id;
    }
    out
}

fn push_number(out: &mut String, mut n: u32) {
    let mut digits = vec![LAST[(n % 32) as usize]];
    n /= 32;
    while n > 0 {
        digits.push(MORE[(n % 32) as usize]);
        n /= 32;
    }
    out.extend(digits.iter().rev().map(|&d| d as char));
}

/// The inverse of [`encode_postings`]; `None` on a character outside both
/// alphabets.
pub fn decode_postings(code: &str) -> Option<Vec<u32>> {
    let mut ids = Vec::new();
    let (mut n, mut previous) = (0u32, 0u32);
    for byte in code.bytes() {
        if let Some(d) = MORE.iter().position(|&m| m == byte) {
            n = n * 32 + d as u32;
        } else {
            let d = LAST.iter().position(|&l| l == byte)?;
            previous += n * 32 + d as u32;
            ids.push(previous);
            n = 0;
        }
    }
    Some(ids)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postings_round_trip() {
        for ids in [
            vec![],
            vec![0],
            vec![0, 1, 2, 31, 32, 33, 1023, 1024, 70_000, 4_000_000],
            (0..500).map(|i| i * 7).collect(),
        ] {
            assert_eq!(decode_postings(&encode_postings(&ids)), Some(ids.clone()));
        }
        assert_eq!(encode_postings(&[0, 1, 33]), "01x0");
        assert_eq!(decode_postings("0!"), None);
    }
}

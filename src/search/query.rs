//! Matching and ranking. `search.js` runs the same algorithm in the browser;
//! this copy is the specification the unit tests pin down and the browser
//! tests compare against.
//!
//! A query is split into terms (words of the normalized query). An entry is a
//! result when every term matches it:
//!
//! - a term matches a passage that contains it (a Latin term only at the
//!   start of a Latin word);
//! - a term of three or more characters that is not Latin also matches,
//!   more weakly, an entry whose passages contain bigrams of it covering
//!   every character (店长盘点 finds a role mentioning 店长 and 盘点).
//!
//! A term also matches with a word of the regional vocabulary or of the
//! glossary's synonyms in it spelled as another region writes it (软件 finds
//! 軟體) or by its synonym (KPI finds 绩效考核); an entry keeps the best of
//! these matches. A term that nothing contains whole is also spelled by
//! sound ([`super::sounds`]): pinyin, initials, or a slip of the same sound.
//!
//! A term scores the weight of the best field it matched in, plus a little
//! for each further passage it matched; terms are weighted by rarity; a
//! title equal to, or starting with, the query adds a bonus.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use super::entries::Field;
use super::index::Index;
use super::normalize::{bigrams, ends_word, find_all, is_latin, query_terms, words, Normalizer};
use super::sounds::Lexicon;

/// Added for each passage matched beyond the first…
pub const REPEAT_BONUS: f64 = 0.25;
/// …for at most this many.
pub const REPEAT_CAP: usize = 3;
/// A term pieced together from bigrams counts this share of its best
/// field's weight: small enough that any whole match of the term, even in
/// the lightest field, ranks above it.
pub const PARTIAL: f64 = 1.0 / 32.0;
/// A Latin term found only as the start of a longer word (`vi` in `VIP`)
/// counts this share of its field's weight, so the whole word ranks first.
pub const PREFIX_ONLY: f64 = 0.5;
/// Added to a whole match's weight in proportion to the share of the
/// passage the term covers: of two matches in the same field, the one in the
/// shorter passage (受理客户投诉, a duty about complaints) is more about the
/// term than one in a long passage that mentions it. Smaller than the gap
/// between two field weights less the most that repeats add, so it never
/// lifts a match over a better field.
pub const LENGTH_BONUS: f64 = 0.2;
/// A spelling read from pinyin or a slip that fewer passages contain than
/// the most common one counts this share: 微博 before a rarer word read
/// alike. Spellings from initials all count whole: each is a title.
pub const RARER_SOUND: f64 = 0.5;
/// Bonus for a title equal to the query (店长 before 副店长).
pub const EXACT_TITLE: f64 = 16.0;
/// Bonus for a title starting with the query.
pub const TITLE_PREFIX: f64 = 4.0;

/// One result.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// Index into [`Index::entries`].
    pub entry: usize,
    pub score: f64,
    /// The best matching passage outside the title (position in the entry's
    /// passages), for the snippet and the link's target.
    pub passage: Option<usize>,
    /// Passages matched, over all terms: of two results with the same
    /// score, the one that says more about the query comes first.
    pub frequency: usize,
}

/// Queries an [`Index`].
pub struct Searcher<'a> {
    index: &'a Index,
    normalizer: Normalizer,
    /// Normalized texts.
    normalized: Vec<String>,
    /// For each text, where it is used: (entry, passage position).
    uses: Vec<Vec<(usize, usize)>>,
    /// Each distinct title, normalized, its words joined.
    titles: Vec<String>,
    char_df: OnceLock<FxHashMap<char, usize>>,
}

/// How one term matched one entry.
#[derive(Debug, Clone)]
struct TermMatch {
    best: f64,
    count: usize,
    /// Best non-title passage: (weight, position).
    passage: Option<(f64, usize)>,
}

impl TermMatch {
    fn new() -> TermMatch {
        TermMatch {
            best: 0.0,
            count: 0,
            passage: None,
        }
    }

    fn add(&mut self, field: Field, weight: f64, position: usize) {
        self.count += 1;
        self.best = self.best.max(weight);
        if field != Field::Title {
            self.passage = better(self.passage, (weight, position));
        }
    }

    fn score(&self) -> f64 {
        self.best + REPEAT_BONUS * (self.count.saturating_sub(1).min(REPEAT_CAP)) as f64
    }
}

/// The higher weight, then the earlier passage.
fn better(current: Option<(f64, usize)>, candidate: (f64, usize)) -> Option<(f64, usize)> {
    match current {
        Some((w, p)) if w > candidate.0 || (w == candidate.0 && p <= candidate.1) => current,
        _ => Some(candidate),
    }
}

type Matches = BTreeMap<usize, TermMatch>;

impl<'a> Searcher<'a> {
    pub fn new(index: &'a Index) -> Searcher<'a> {
        let normalizer = Normalizer::new(&index.table);
        let normalized: Vec<String> = index.texts.iter().map(|t| normalizer.text(t)).collect();
        let mut uses = vec![Vec::new(); index.texts.len()];
        for (e, entry) in index.entries.iter().enumerate() {
            for (position, p) in entry.passages.iter().enumerate() {
                if let Some(u) = uses.get_mut(p.text as usize) {
                    u.push((e, position));
                }
            }
        }
        let mut titles: Vec<String> = (index.entries.iter())
            .filter_map(|e| e.passages.first())
            .filter_map(|p| normalized.get(p.text as usize))
            .map(|t: &String| words(t).collect::<String>())
            .collect();
        titles.sort_unstable();
        titles.dedup();
        Searcher {
            index,
            normalizer,
            normalized,
            uses,
            titles,
            char_df: OnceLock::new(),
        }
    }

    /// Results for `query`, best first (of equal scores, the one matching
    /// more passages, then the shorter title, then the title), only in
    /// document `doc` when given.
    /// Pinyin typed with spaces (`dian zhang`) that finds nothing is tried
    /// again as one word.
    pub fn search(&self, query: &str, doc: Option<usize>) -> Vec<Hit> {
        let terms = self.without_filler(query_terms(&self.normalizer, query));
        let hits = self.search_terms(&terms, doc);
        let pinyin = |t: &String| t.chars().all(|c| c.is_ascii_lowercase());
        if hits.is_empty() && terms.len() > 1 && terms.iter().all(pinyin) {
            let typed: String = words(&self.normalizer.text(query)).collect();
            return self.search_terms(&[typed], doc);
        }
        hits
    }

    /// Each term that occurs whole nowhere, cut at the words every job
    /// description has (店长职责, 客服的工作): the rest are the terms.
    fn without_filler(&self, terms: Vec<String>) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for term in terms {
            let parts = cut_filler(&term);
            let occurs = || {
                (self.index.vocabulary.alternatives(&term).iter())
                    .any(|s| !self.texts_containing(s).is_empty())
            };
            let parts = if parts.len() == 1 && parts[0] == term || parts.is_empty() || occurs() {
                vec![term]
            } else {
                parts
            };
            for part in parts {
                if !out.contains(&part) {
                    out.push(part);
                }
            }
        }
        out
    }

    fn search_terms(&self, terms: &[String], doc: Option<usize>) -> Vec<Hit> {
        if terms.is_empty() {
            return Vec::new();
        }
        let resolved: Vec<(Matches, Vec<String>)> =
            terms.iter().map(|t| self.match_term(t)).collect();
        let wholes = match &resolved[..] {
            [(_, spellings)] => spellings.clone(),
            _ => self.index.vocabulary.alternatives(&terms.concat()),
        };
        let per_term: Vec<Matches> = resolved.into_iter().map(|(m, _)| m).collect();
        let total = self.index.entries.len() as f64;
        let mut hits: Vec<(Hit, (usize, String))> = per_term[0]
            .keys()
            .copied()
            .filter(|e| per_term.iter().all(|m| m.contains_key(e)))
            .filter(|&e| doc.is_none_or(|d| self.index.entries[e].doc == d))
            .map(|e| {
                let mut score = self.title_bonus(e, &wholes);
                let mut passage = None;
                let frequency = per_term.iter().map(|m| m[&e].count).sum();
                for m in &per_term {
                    let idf = (1.0 + total / m.len() as f64).ln();
                    score += idf * m[&e].score();
                    if let Some(p) = m[&e].passage {
                        passage = better(passage, p);
                    }
                }
                let hit = Hit {
                    entry: e,
                    score: round(score),
                    passage: passage.map(|(_, p)| p),
                    frequency,
                };
                (hit, self.title_key(e))
            })
            .collect();
        hits.sort_by(|(a, ta), (b, tb)| {
            (b.score.total_cmp(&a.score))
                .then(b.frequency.cmp(&a.frequency))
                .then(ta.cmp(tb))
                .then(a.entry.cmp(&b.entry))
        });
        hits.into_iter().map(|(hit, _)| hit).collect()
    }

    /// The last ties' order: the shorter title, then the title's
    /// characters (code points), never the page order.
    fn title_key(&self, entry: usize) -> (usize, String) {
        let title = self.normalized(entry, 0).unwrap_or_default();
        (title.chars().count(), title.to_string())
    }

    /// The normalized text of an entry's passage.
    pub fn normalized(&self, entry: usize, passage: usize) -> Option<&str> {
        let p = self.index.entries.get(entry)?.passages.get(passage)?;
        self.normalized.get(p.text as usize).map(String::as_str)
    }

    /// Matches of any spelling of `term`, and the spellings tried: its
    /// vocabulary's, then, when none occurs whole anywhere, its spellings by
    /// sound. Per entry the best match, the earlier spelling's on equal
    /// scores.
    fn match_term(&self, term: &str) -> (Matches, Vec<String>) {
        let mut spellings = self.index.vocabulary.alternatives(term);
        let mut best = Matches::new();
        let found = self.match_spellings(&spellings, &mut best);
        if !found {
            let sounds = self.index.sounds.spellings(term, self);
            let read = self.by_commonness(sounds.read).into_iter().enumerate();
            let shares = (read.map(|(rank, s)| (s, if rank == 0 { 1.0 } else { RARER_SOUND })))
                .chain(sounds.initials.into_iter().map(|s| (s, 1.0)));
            for (sound, share) in shares {
                for spelling in self.index.vocabulary.alternatives(&sound) {
                    let (matches, _) = self.match_spelling(&spelling);
                    keep_best(&mut best, matches, share);
                    spellings.push(spelling);
                }
            }
        }
        (best, spellings)
    }

    /// Spellings most like a word first: by the [`Searcher::cohesion`] of
    /// their weakest pair of neighbours, then by how many passages contain
    /// them (in any of their vocabulary's spellings); on ties in the order
    /// given. 订货 before 定和, which only occurs across two words (制定和).
    fn by_commonness(&self, spellings: Vec<String>) -> Vec<String> {
        let count = |s: &String| -> usize {
            let alternatives = self.index.vocabulary.alternatives(s);
            alternatives
                .iter()
                .map(|a| self.texts_containing(a).len())
                .sum()
        };
        let mut counted: Vec<(f64, usize, String)> = (spellings.into_iter())
            .map(|s| (self.weakest_pair(&s), count(&s), s))
            .collect();
        counted.sort_by(|a, b| b.0.total_cmp(&a.0).then(b.1.cmp(&a.1)));
        counted.into_iter().map(|(_, _, s)| s).collect()
    }

    fn weakest_pair(&self, spelling: &str) -> f64 {
        let chars: Vec<char> = spelling.chars().collect();
        (chars.windows(2))
            .map(|w| self.cohesion(w[0], w[1]))
            .fold(1.0, f64::min)
    }

    /// How much two characters hold together as a word: of the passages
    /// holding the rarer of them, the share holding the pair (1 for a pair
    /// only the vocabulary knows). Without a dictionary this tells 订货,
    /// whose 订 rarely stands elsewhere, from 定和, two common characters
    /// that meet by chance.
    fn cohesion(&self, a: char, b: char) -> f64 {
        let gram: String = [a, b].iter().collect();
        let Some(texts) = self.index.terms.get(&gram) else {
            return if self.index.vocabulary.has_bigram(&gram) {
                1.0
            } else {
                0.0
            };
        };
        let df = self.char_df();
        let rarer = df
            .get(&a)
            .copied()
            .unwrap_or(0)
            .min(df.get(&b).copied().unwrap_or(0));
        texts.len() as f64 / rarer.max(1) as f64
    }

    /// In how many passages each character occurs: counted once, when a
    /// term is first spelled by sound.
    fn char_df(&self) -> &FxHashMap<char, usize> {
        self.char_df.get_or_init(|| {
            let mut df: FxHashMap<char, usize> = FxHashMap::default();
            let mut seen: Vec<char> = Vec::new();
            for text in &self.normalized {
                seen.clear();
                seen.extend(text.chars());
                seen.sort_unstable();
                seen.dedup();
                for &c in &seen {
                    *df.entry(c).or_default() += 1;
                }
            }
            df
        })
    }

    /// Adds the matches of each spelling to `best`; whether any occurs
    /// whole.
    fn match_spellings(&self, spellings: &[String], best: &mut Matches) -> bool {
        let mut found = false;
        for spelling in spellings {
            let (matches, whole) = self.match_spelling(spelling);
            found |= whole;
            keep_best(best, matches, 1.0);
        }
        found
    }

    /// The matches of one spelling, and whether it occurs whole anywhere.
    fn match_spelling(&self, term: &str) -> (Matches, bool) {
        let mut matches = Matches::new();
        let texts = self.texts_containing(term);
        let length = term.chars().count() as f64;
        for &text in &texts {
            let normalized = &self.normalized[text];
            let whole = (find_all(normalized, term).into_iter())
                .any(|at| ends_word(normalized, at + term.len(), term));
            let share = if whole { 1.0 } else { PREFIX_ONLY };
            let covered = length / normalized.chars().count() as f64;
            for &(e, position) in &self.uses[text] {
                let field = self.index.entries[e].passages[position].field;
                matches.entry(e).or_insert_with(TermMatch::new).add(
                    field,
                    field.weight() * share + LENGTH_BONUS * covered,
                    position,
                );
            }
        }
        if term.chars().count() >= 3 && !is_latin(term) {
            self.match_pieces(term, &mut matches);
        }
        (matches, !texts.is_empty())
    }

    /// Texts containing `term`: a scan for one character, else the texts
    /// holding all its bigrams, checked for the whole term.
    fn texts_containing(&self, term: &str) -> Vec<usize> {
        let candidates: Vec<usize> = if term.chars().count() < 2 {
            (0..self.normalized.len()).collect()
        } else {
            let lists: Vec<&[u32]> = bigrams(term)
                .map(|g| self.index.terms.get(g).map_or(&[][..], Vec::as_slice))
                .collect();
            intersect(&lists).into_iter().map(|t| t as usize).collect()
        };
        candidates
            .into_iter()
            .filter(|&t| !find_all(&self.normalized[t], term).is_empty())
            .collect()
    }

    /// Adds the entries (not already matched whole) whose passages hold
    /// bigrams of `term` covering all its characters, at [`PARTIAL`] weight.
    fn match_pieces(&self, term: &str, matches: &mut Matches) {
        let grams: Vec<&str> = bigrams(term).collect();
        let mut found: BTreeMap<usize, (Vec<bool>, TermMatch)> = BTreeMap::new();
        for (i, gram) in grams.iter().enumerate() {
            let texts = self.index.terms.get(*gram).map_or(&[][..], Vec::as_slice);
            for &text in texts {
                for &(e, position) in &self.uses[text as usize] {
                    if matches.contains_key(&e) {
                        continue;
                    }
                    let (seen, m) = found
                        .entry(e)
                        .or_insert_with(|| (vec![false; grams.len()], TermMatch::new()));
                    seen[i] = true;
                    let field = self.index.entries[e].passages[position].field;
                    m.add(field, field.weight(), position);
                }
            }
        }
        for (e, (seen, m)) in found {
            if covers(&seen) {
                let partial = TermMatch {
                    best: m.best * PARTIAL,
                    count: 1,
                    passage: m.passage,
                };
                matches.insert(e, partial);
            }
        }
    }

    /// The best bonus any spelling of the whole query earns.
    fn title_bonus(&self, entry: usize, wholes: &[String]) -> f64 {
        let title: String = self
            .normalized(entry, 0)
            .map_or(String::new(), |t| words(t).collect::<Vec<_>>().concat());
        let bonus = |whole: &String| {
            if title == *whole {
                EXACT_TITLE
            } else if title.starts_with(whole.as_str()) {
                TITLE_PREFIX
            } else {
                0.0
            }
        };
        wholes.iter().map(bonus).fold(0.0, f64::max)
    }
}

/// Words of every job description and of questions, normalized, longer
/// before shorter: a query term is cut at them when it occurs nowhere as
/// typed (产品维修手册由谁制定 is 产品维修手册 and 制定).
pub const FILLER: [&str; 16] = [
    "岗位职责",
    "工作职责",
    "工作内容",
    "职责",
    "岗位",
    "职位",
    "职务",
    "由谁",
    "谁来",
    "谁",
    "哪个",
    "哪些",
    "什么",
    "怎么",
    "如何",
    "的",
];

/// `term` without the [`FILLER`] words in it: the parts between them.
fn cut_filler(term: &str) -> Vec<String> {
    let mut parts = vec![term.to_string()];
    for filler in FILLER {
        parts = (parts.iter())
            .flat_map(|p| p.split(filler).map(str::to_string).collect::<Vec<_>>())
            .filter(|p| !p.is_empty())
            .collect();
    }
    parts
}

/// Adds `matches`, their scores times `share`, to `best`: per entry the
/// better, the one already there on equal scores.
fn keep_best(best: &mut Matches, matches: Matches, share: f64) {
    for (e, mut m) in matches {
        m.best *= share;
        match best.get(&e) {
            Some(current) if current.score() >= m.score() => {}
            _ => {
                best.insert(e, m);
            }
        }
    }
}

impl Lexicon for Searcher<'_> {
    fn has_bigram(&self, first: char, second: char) -> bool {
        let mut gram = [0u8; 8];
        let a = first.encode_utf8(&mut gram).len();
        let b = second.encode_utf8(&mut gram[a..]).len();
        std::str::from_utf8(&gram[..a + b])
            .is_ok_and(|g| self.index.terms.contains_key(g) || self.index.vocabulary.has_bigram(g))
    }

    fn titles(&self) -> Vec<&str> {
        self.titles.iter().map(String::as_str).collect()
    }
}

/// Whether bigrams `seen[i]` (characters i and i+1) cover every character.
fn covers(seen: &[bool]) -> bool {
    (0..=seen.len()).all(|c| (c > 0 && seen[c - 1]) || seen.get(c).copied().unwrap_or(false))
}

/// Ids in every list (each ascending).
fn intersect(lists: &[&[u32]]) -> Vec<u32> {
    let Some((shortest, others)) = lists.iter().min_by_key(|l| l.len()).map(|s| (*s, lists)) else {
        return Vec::new();
    };
    shortest
        .iter()
        .copied()
        .filter(|id| others.iter().all(|l| l.binary_search(id).is_ok()))
        .collect()
}

/// Scores are rounded so that the browser's floating point, which may differ
/// in the last bit of a logarithm, ranks exactly as this does.
fn round(score: f64) -> f64 {
    (score * 1e6).round() / 1e6
}

#[cfg(test)]
mod tests;

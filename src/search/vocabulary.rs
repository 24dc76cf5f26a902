//! Regional vocabulary for search: 软件 and 軟體, 信息 and 資訊, 质量 and
//! 品質 are one word in different regions' usage. The character table makes
//! search blind to script; this makes it blind to region: a query term that
//! contains a word of the vocabulary also matches with that word replaced by
//! its counterparts.
//!
//! The pairs are the conversion's own (`convert::regional_vocabulary`):
//! OpenCC's Taiwan phrases as the regional layer corrects them, and the
//! layer's Taiwan and Hong Kong renderings. They are compared normalized, so
//! both scripts meet too. Each index ships only the groups whose words occur
//! in its texts.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use aho_corasick::AhoCorasick;
use rustc_hash::{FxHashMap, FxHashSet};

use super::chars;
use super::normalize::{bigrams, is_word_char, Normalizer};
use crate::convert;

/// Pairs of the conversion whose regional word is another everyday word in
/// the source's language, normalized: a query for one must not find the
/// other (执行 is "carry out", not 运行; 稽核 is an audit, not a review; 档案
/// are records, not documents; 社群 is a social group, not a neighbourhood).
const DIFFERENT_WORDS: [(&str, &str); 6] = [
    ("运行", "执行"),
    ("审核", "稽核"),
    ("文件", "档案"),
    ("社区", "社群"),
    ("进程", "程序"),
    ("对象", "物件"),
];

/// At most this many spellings of one query term are tried (the term
/// itself included): a term rarely holds more than two vocabulary words.
pub const MAX_ALTERNATIVES: usize = 16;

/// Groups of normalized words that mean the same; each group sorted, the
/// groups in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Vocabulary {
    groups: Vec<Vec<String>>,
    /// Each word's group, and the words by first character, longest first,
    /// for the leftmost-longest scan `search.js` does the same way.
    group_of: FxHashMap<String, usize>,
    by_first: FxHashMap<char, Vec<String>>,
    /// The bigrams of every word: spelling a query by sound may reach a
    /// word the texts write another way (daogou → 导购 → 门市人员).
    bigrams: FxHashSet<String>,
}

impl Vocabulary {
    pub fn new(groups: Vec<Vec<String>>) -> Vocabulary {
        let mut group_of = FxHashMap::default();
        let mut by_first: FxHashMap<char, Vec<String>> = FxHashMap::default();
        for (g, group) in groups.iter().enumerate() {
            for word in group {
                group_of.insert(word.clone(), g);
                if let Some(first) = word.chars().next() {
                    by_first.entry(first).or_default().push(word.clone());
                }
            }
        }
        for words in by_first.values_mut() {
            words.sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then(a.cmp(b)));
        }
        let bigrams = (groups.iter().flatten())
            .flat_map(|w| bigrams(w).map(str::to_string))
            .collect();
        Vocabulary {
            groups,
            group_of,
            by_first,
            bigrams,
        }
    }

    /// Whether some word of the vocabulary holds `gram`.
    pub fn has_bigram(&self, gram: &str) -> bool {
        self.bigrams.contains(gram)
    }

    /// The part of the whole vocabulary that texts (normalized) can need
    /// (the groups with a word that occurs in them), joined with the
    /// handbook's own `synonyms` (normalized) that occur.
    pub fn for_texts(normalized: &[String], synonyms: &[Vec<String>]) -> Vocabulary {
        let mut kept = regional_groups_in(normalized);
        let occurs =
            |w: &String| !w.is_empty() && normalized.iter().any(|t| t.contains(w.as_str()));
        kept.extend(
            (synonyms.iter())
                .map(|g| g.iter().filter(|w| is_word(w)).cloned().collect::<Vec<_>>())
                .filter(|g| g.len() > 1 && g.iter().any(occurs)),
        );
        let pairs = kept
            .iter()
            .flat_map(|g| g.windows(2).map(|w| (w[0].clone(), w[1].clone())));
        Vocabulary::new(connected(pairs))
    }

    pub fn groups(&self) -> &[Vec<String>] {
        &self.groups
    }

    /// `term` and its spellings with each vocabulary word in it replaced by
    /// the other words of its group: the term first, at most
    /// [`MAX_ALTERNATIVES`]. Words are found leftmost-longest.
    pub fn alternatives(&self, term: &str) -> Vec<String> {
        let mut spellings = vec![String::new()];
        let chars: Vec<char> = term.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            let (options, len) = self.options_at(&chars, i);
            spellings = spellings
                .iter()
                .flat_map(|s| options.iter().map(move |o| format!("{s}{o}")))
                .take(MAX_ALTERNATIVES)
                .collect();
            i += len;
        }
        spellings
    }

    /// The spellings of the text at `i`: the longest vocabulary word there
    /// and the rest of its group, or the one character.
    fn options_at(&self, chars: &[char], i: usize) -> (Vec<String>, usize) {
        let rest = &chars[i..];
        let word = self.by_first.get(&chars[i]).and_then(|words| {
            words.iter().find(|w| {
                let n = w.chars().count();
                n <= rest.len() && w.chars().eq(rest[..n].iter().copied())
            })
        });
        match word.and_then(|w| Some((w, self.group_of.get(w)?))) {
            Some((w, &g)) => {
                let others = self.groups[g].iter().filter(|o| *o != w).cloned();
                (
                    std::iter::once(w.clone()).chain(others).collect(),
                    w.chars().count(),
                )
            }
            None => (vec![chars[i].to_string()], 1),
        }
    }

    /// The wire form: words joined by `,`, groups by `;`.
    pub fn to_wire(&self) -> String {
        let groups: Vec<String> = self.groups.iter().map(|g| g.join(",")).collect();
        groups.join(";")
    }
}

/// Every group, normalized: built once per process from the conversion's
/// pairs. Words that a query term can never hold (with spaces or
/// punctuation) are left out.
pub fn full_groups() -> &'static Vec<Vec<String>> {
    static GROUPS: OnceLock<Vec<Vec<String>>> = OnceLock::new();
    GROUPS.get_or_init(|| {
        let normalizer = Normalizer::new(chars::full_table());
        let pairs = convert::regional_vocabulary()
            .into_iter()
            .map(|(a, b)| (normalizer.text(a), normalizer.text(b)))
            .filter(|(a, b)| a != b && is_word(a) && is_word(b))
            .filter(|(a, b)| !DIFFERENT_WORDS.contains(&(a.as_str(), b.as_str())));
        connected(pairs)
    })
}

/// The groups of [`full_groups`] with a word in `normalized`.
fn regional_groups_in(normalized: &[String]) -> Vec<Vec<String>> {
    let full = full_groups();
    let Some(matcher) = full_matcher() else {
        return Vec::new();
    };
    let mut found = vec![false; matcher.patterns_len()];
    for text in normalized {
        for m in matcher.find_overlapping_iter(text) {
            found[m.pattern().as_usize()] = true;
        }
    }
    let mut at = 0;
    let mut kept = Vec::new();
    for group in full {
        if found[at..at + group.len()].iter().any(|&f| f) {
            kept.push(group.clone());
        }
        at += group.len();
    }
    kept
}

/// An automaton over every word of [`full_groups`], in order: built once
/// per process, not per index.
fn full_matcher() -> Option<&'static AhoCorasick> {
    static MATCHER: OnceLock<Option<AhoCorasick>> = OnceLock::new();
    MATCHER
        .get_or_init(|| AhoCorasick::new(full_groups().iter().flatten()).ok())
        .as_ref()
}

fn is_word(text: &str) -> bool {
    !text.is_empty() && text.chars().all(is_word_char)
}

/// Words linked by pairs, as groups: each sorted, in order.
fn connected(pairs: impl Iterator<Item = (String, String)>) -> Vec<Vec<String>> {
    let mut parent: BTreeMap<String, String> = BTreeMap::new();
    for (a, b) in pairs {
        let (ra, rb) = (root(&mut parent, &a), root(&mut parent, &b));
        if ra != rb {
            let (low, high) = if ra < rb { (ra, rb) } else { (rb, ra) };
            parent.insert(high, low);
        }
    }
    let words: Vec<String> = parent.keys().cloned().collect();
    let mut groups: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for word in words {
        let r = root(&mut parent, &word);
        groups.entry(r).or_default().insert(word);
    }
    groups
        .into_values()
        .filter(|g| g.len() > 1)
        .map(|g| g.into_iter().collect())
        .collect()
}

/// The representative of `word`'s group (the smallest word reached),
/// adding the word when new.
fn root(parent: &mut BTreeMap<String, String>, word: &str) -> String {
    let mut current = word.to_string();
    loop {
        let up = parent
            .entry(current.clone())
            .or_insert_with(|| current.clone())
            .clone();
        if up == current {
            return current;
        }
        current = up;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocabulary(groups: &[&[&str]]) -> Vocabulary {
        Vocabulary::new(
            groups
                .iter()
                .map(|g| g.iter().map(|w| w.to_string()).collect())
                .collect(),
        )
    }

    #[test]
    fn a_term_is_spelled_with_each_word_of_its_groups() {
        let v = vocabulary(&[
            &["软件", "软体"],
            &["网络", "网路"],
            &["服务质量", "服务品质"],
        ]);
        assert_eq!(v.alternatives("软件开发"), ["软件开发", "软体开发"]);
        assert_eq!(
            v.alternatives("网路软件"),
            ["网路软件", "网路软体", "网络软件", "网络软体"]
        );
        assert_eq!(
            v.alternatives("提升服务质量"),
            ["提升服务质量", "提升服务品质"]
        );
        assert_eq!(v.alternatives("盘点"), ["盘点"]);
        assert_eq!(v.alternatives(""), [""]);
    }

    #[test]
    fn spellings_are_capped() {
        let v = vocabulary(&[&["甲", "乙", "丙"]]);
        assert_eq!(v.alternatives("甲甲甲甲").len(), MAX_ALTERNATIVES);
        assert_eq!(v.alternatives("甲甲甲甲")[0], "甲甲甲甲");
    }

    #[test]
    fn pairs_join_into_groups() {
        let pairs = [("b", "a"), ("c", "b"), ("x", "y"), ("a", "c")];
        let groups = connected(pairs.iter().map(|(a, b)| (a.to_string(), b.to_string())));
        assert_eq!(groups, [vec!["a", "b", "c"], vec!["x", "y"]]);
    }

    #[test]
    fn the_vocabulary_pairs_regions_and_respects_the_layer() {
        let groups = full_groups();
        let group_of = |word: &str| groups.iter().find(|g| g.iter().any(|w| w == word));
        let has = |a: &str, b: &str| group_of(a).is_some_and(|g| g.iter().any(|w| w == b));
        assert!(has("软件", "软体"), "OpenCC's Taiwan phrase");
        assert!(has("运营", "营运"), "the layer's Taiwan word");
        assert!(has("服务器", "伺服器"));
        assert!(has("质量", "品质"));
        assert!(
            has("项目", "专案"),
            "OpenCC's pair, though the layer keeps 項目"
        );
        assert!(!has("文件", "档案"), "a different word");
        assert!(!has("运行", "执行"), "a different word");
    }

    #[test]
    fn only_groups_found_in_the_texts_are_kept() {
        let texts = ["负责软件开发".to_string(), "门市陈列".to_string()];
        let v = Vocabulary::for_texts(&texts, &[]);
        let words: Vec<&String> = v.groups().iter().flatten().collect();
        assert!(words.iter().any(|w| *w == "软体"));
        assert!(words.iter().any(|w| *w == "门店"));
        assert!(!words.iter().any(|w| *w == "伺服器"));
        assert!(Vocabulary::for_texts(&[], &[]).groups().is_empty());
    }

    #[test]
    fn synonyms_that_occur_join_the_vocabulary() {
        let texts = ["负责绩效考核".to_string(), "软件包".to_string()];
        let synonyms = [
            vec!["kpi".to_string(), "绩效考核".to_string()],
            vec!["飞机".to_string(), "航空器".to_string()],
            vec!["软体".to_string(), "软件包".to_string()],
        ];
        let v = Vocabulary::for_texts(&texts, &synonyms);
        assert_eq!(v.alternatives("kpi"), ["kpi", "绩效考核"]);
        assert_eq!(v.alternatives("绩效考核"), ["绩效考核", "kpi"]);
        assert_eq!(v.alternatives("飞机"), ["飞机"], "neither word occurs");
        let group = v.groups().iter().find(|g| g.contains(&"软件".to_string()));
        assert!(
            group.is_some_and(|g| g.contains(&"软件包".to_string())),
            "joined with the region's group"
        );
    }
}

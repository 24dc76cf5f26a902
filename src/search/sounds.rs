//! Search by sound: pinyin (`dianzhang`), pinyin initials (`dz`), and
//! slips of the same sound (导够 for 导购, 客服主观 for 客服主管).
//!
//! Each index ships the toneless readings of the characters a query can
//! need (those of its texts, the 3,755 common characters of GB 2312 level 1
//! and their Traditional forms), grouped by syllable. A term that found
//! nothing whole is then spelled in characters by sound, and only spellings
//! whose neighbouring characters occur together somewhere in the index (a
//! bigram of the postings) are kept; initials are spelled from the role
//! titles. `search.js` does the same with the same table.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use pinyin::ToPinyinMulti;
use rustc_hash::FxHashMap;

use super::chars;

/// At most this many spellings by sound are tried for one term.
pub const MAX_SPELLINGS: usize = 16;
/// At most this many partial spellings are kept while spelling a term.
const MAX_PATHS: usize = 64;
/// At most this many ways of cutting a pinyin term into syllables.
const MAX_CUTS: usize = 8;
/// The longest syllable (zhuang, shuang).
const LONGEST_SYLLABLE: usize = 6;
/// Letters that start a syllable (a, e and o start the syllables without a
/// consonant: 案 an, 二 er, 欧 ou): a term of only these, two or more, is
/// also read as initials (`kfzg` for 客服主管, `wazy` for 文案专员).
const INITIALS: &str = "bpmfdtnlgkhjqxrzcsywaeo";

/// Syllables and the characters that can be read so.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sounds {
    /// Syllable → characters, ascending.
    chars_of: BTreeMap<String, Vec<char>>,
    /// Character → its syllables, in the order of [`Sounds::chars_of`].
    readings: FxHashMap<char, Vec<String>>,
}

/// A term's spellings by sound.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Spellings {
    /// Read as pinyin or as the characters' sounds: the reader meant one
    /// of them, most likely the most common.
    pub read: Vec<String>,
    /// Title characters with those initials: each may be meant.
    pub initials: Vec<String>,
}

/// What a spelling by sound checks against the index.
pub trait Lexicon {
    /// Whether two characters occur side by side in some passage.
    fn has_bigram(&self, first: char, second: char) -> bool;
    /// The role titles, normalized, without punctuation or spaces.
    fn titles(&self) -> Vec<&str>;
}

impl Sounds {
    /// The readings `normalized` texts and their queries can need.
    pub fn for_texts(normalized: &[String]) -> Sounds {
        let common = common_readings();
        let mut chars_of = common.clone();
        let present: BTreeSet<char> = normalized.iter().flat_map(|t| t.chars()).collect();
        for c in present.into_iter().filter(|c| !common_chars().contains(c)) {
            for syllable in readings_of(c) {
                chars_of.entry(syllable).or_default().insert(c);
            }
        }
        Sounds::new(
            chars_of
                .into_iter()
                .map(|(s, cs)| (s, cs.into_iter().collect()))
                .collect(),
        )
    }

    fn new(chars_of: BTreeMap<String, Vec<char>>) -> Sounds {
        let mut readings: FxHashMap<char, Vec<String>> = FxHashMap::default();
        for (syllable, chars) in &chars_of {
            for &c in chars {
                readings.entry(c).or_default().push(syllable.clone());
            }
        }
        Sounds { chars_of, readings }
    }

    /// The wire form: `syllable` then its characters, `;` between.
    pub fn to_wire(&self) -> String {
        let parts: Vec<String> = (self.chars_of.iter())
            .map(|(s, cs)| format!("{s}{}", cs.iter().collect::<String>()))
            .collect();
        parts.join(";")
    }

    /// Spellings of `term` (normalized) in characters by its sound, best
    /// first, at most [`MAX_SPELLINGS`], never the term itself.
    pub fn spellings(&self, term: &str, lexicon: &dyn Lexicon) -> Spellings {
        let mut found = Spellings::default();
        if !term.chars().any(|c| c.is_ascii_lowercase()) {
            found.read = self.by_same_sound(term, lexicon);
        } else if term
            .chars()
            .all(|c| c.is_ascii_lowercase() || !c.is_ascii())
        {
            found.read = self.by_pinyin(term, lexicon);
            if term.len() >= 2 && term.chars().all(|c| INITIALS.contains(c)) {
                found.initials = self.by_initials(term, lexicon);
            }
        }
        let mut seen = vec![term.to_string()];
        for list in [&mut found.read, &mut found.initials] {
            list.retain(|s| {
                let new = !seen.contains(s) && seen.len() <= MAX_SPELLINGS;
                if new {
                    seen.push(s.clone());
                }
                new
            });
        }
        found
    }

    /// `dianzhang`, or `kefu主管` with characters among the pinyin: every
    /// cut into syllables, each spelled; the characters stay as typed.
    fn by_pinyin(&self, term: &str, lexicon: &dyn Lexicon) -> Vec<String> {
        let mut out = Vec::new();
        for cut in self.cuts(term) {
            let sets: Vec<Vec<char>> = (cut.iter())
                .map(|s| match s.chars().next() {
                    Some(c) if !c.is_ascii() => vec![c],
                    _ => self.chars(s).to_vec(),
                })
                .collect();
            let sets: Vec<&[char]> = sets.iter().map(Vec::as_slice).collect();
            out.extend(spell(&sets, lexicon));
        }
        out
    }

    /// `导够`: each character read in each of its readings. A slip is one
    /// wrong character in a word, two in a long one: at most half the
    /// characters may differ (and one of two), so 护士 never becomes 忽视.
    fn by_same_sound(&self, term: &str, lexicon: &dyn Lexicon) -> Vec<String> {
        let mut sets: Vec<Vec<char>> = Vec::new();
        for c in term.chars() {
            let Some(syllables) = self.readings.get(&c) else {
                return Vec::new();
            };
            let mut set: Vec<char> = syllables
                .iter()
                .flat_map(|s| self.chars(s))
                .copied()
                .collect();
            set.sort_unstable();
            set.dedup();
            sets.push(set);
        }
        let sets: Vec<&[char]> = sets.iter().map(Vec::as_slice).collect();
        let most = (sets.len() / 2).max(1);
        let differ = |s: &String| s.chars().zip(term.chars()).filter(|(a, b)| a != b).count();
        (spell(&sets, lexicon).into_iter())
            .filter(|s| differ(s) <= most)
            .collect()
    }

    /// `kfzg`: the runs of title characters whose readings start with those
    /// letters; the run in more titles first, then by code points.
    fn by_initials(&self, term: &str, lexicon: &dyn Lexicon) -> Vec<String> {
        let letters: Vec<char> = term.chars().collect();
        let mut found: BTreeMap<String, usize> = BTreeMap::new();
        for title in lexicon.titles() {
            let chars: Vec<char> = title.chars().collect();
            let mut here: BTreeSet<String> = BTreeSet::new();
            for run in chars.windows(letters.len()) {
                if run
                    .iter()
                    .zip(&letters)
                    .all(|(&c, &l)| self.starts_with(c, l))
                {
                    here.insert(run.iter().collect());
                }
            }
            for run in here {
                *found.entry(run).or_default() += 1;
            }
        }
        let mut runs: Vec<(String, usize)> = found.into_iter().collect();
        runs.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        runs.into_iter().map(|(run, _)| run).collect()
    }

    fn starts_with(&self, c: char, letter: char) -> bool {
        (self.readings.get(&c)).is_some_and(|ss| ss.iter().any(|s| s.starts_with(letter)))
    }

    fn chars(&self, syllable: &str) -> &[char] {
        self.chars_of.get(syllable).map_or(&[], Vec::as_slice)
    }

    /// The ways to cut `term` into two or more known syllables (and the
    /// characters between them), longer syllables first, at most
    /// [`MAX_CUTS`].
    fn cuts(&self, term: &str) -> Vec<Vec<String>> {
        let mut out = Vec::new();
        self.cut_from(term, &mut Vec::new(), &mut out);
        out
    }

    fn cut_from(&self, rest: &str, so_far: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
        if out.len() >= MAX_CUTS {
            return;
        }
        if rest.is_empty() {
            if so_far.len() >= 2 {
                out.push(so_far.clone());
            }
            return;
        }
        if let Some(c) = rest.chars().next().filter(|c| !c.is_ascii()) {
            so_far.push(c.to_string());
            self.cut_from(&rest[c.len_utf8()..], so_far, out);
            so_far.pop();
            return;
        }
        let letters = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii()).len();
        for len in (1..=LONGEST_SYLLABLE.min(letters)).rev() {
            let syllable = &rest[..len];
            if self.chars_of.contains_key(syllable) {
                so_far.push(syllable.to_string());
                self.cut_from(&rest[len..], so_far, out);
                so_far.pop();
            }
        }
    }
}

/// Strings of one character from each set in turn whose neighbours occur
/// together in the index, in the sets' order.
fn spell(sets: &[&[char]], lexicon: &dyn Lexicon) -> Vec<String> {
    let [first, second, rest @ ..] = sets else {
        return Vec::new();
    };
    let mut paths: Vec<Vec<char>> = Vec::new();
    'pairs: for &a in *first {
        for &b in *second {
            if lexicon.has_bigram(a, b) {
                paths.push(vec![a, b]);
                if paths.len() >= MAX_PATHS {
                    break 'pairs;
                }
            }
        }
    }
    for set in rest {
        paths = extend(&paths, set, lexicon);
    }
    paths.into_iter().map(|p| p.into_iter().collect()).collect()
}

fn extend(paths: &[Vec<char>], set: &[char], lexicon: &dyn Lexicon) -> Vec<Vec<char>> {
    let mut next = Vec::new();
    for path in paths {
        let Some(&last) = path.last() else { continue };
        for &c in set {
            if lexicon.has_bigram(last, c) {
                let mut longer = path.clone();
                longer.push(c);
                next.push(longer);
                if next.len() >= MAX_PATHS {
                    return next;
                }
            }
        }
    }
    next
}

/// Toneless readings, `ü` written `v` as pinyin keyboards type it; no
/// syllable without a vowel (嗯 n, 呣 m).
fn readings_of(c: char) -> Vec<String> {
    let Some(multi) = c.to_pinyin_multi() else {
        return Vec::new();
    };
    let mut out: Vec<String> = Vec::new();
    for p in multi {
        let s = p.plain().replace('ü', "v");
        if s.chars().any(|c| "aeiouv".contains(c)) && !out.contains(&s) {
            out.push(s);
        }
    }
    out
}

/// The readings of [`common_chars`], by syllable: made once per process.
fn common_readings() -> &'static BTreeMap<String, BTreeSet<char>> {
    static READINGS: OnceLock<BTreeMap<String, BTreeSet<char>>> = OnceLock::new();
    READINGS.get_or_init(|| {
        let mut chars_of: BTreeMap<String, BTreeSet<char>> = BTreeMap::new();
        for &c in common_chars() {
            for syllable in readings_of(c) {
                chars_of.entry(syllable).or_default().insert(c);
            }
        }
        chars_of
    })
}

/// GB 2312 level 1 (the 3,755 most common characters) and the Traditional
/// and regional forms that normalize to them: what a slip is typed in.
fn common_chars() -> &'static BTreeSet<char> {
    static COMMON: OnceLock<BTreeSet<char>> = OnceLock::new();
    COMMON.get_or_init(|| {
        let mut bytes = Vec::new();
        for row in 0xB0u8..=0xD7 {
            for cell in 0xA1u8..=0xFE {
                bytes.extend([row, cell]);
            }
        }
        let (text, _) = encoding_rs::GBK.decode_without_bom_handling(&bytes);
        let simplified: BTreeSet<char> = text.chars().filter(|c| *c > '\u{3000}').collect();
        let traditional = (chars::full_table().iter())
            .filter(|(_, s)| simplified.contains(s))
            .map(|(&t, _)| t);
        simplified.iter().copied().chain(traditional).collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Texts(Vec<&'static str>);

    impl Lexicon for Texts {
        fn has_bigram(&self, a: char, b: char) -> bool {
            let gram: String = [a, b].iter().collect();
            self.0.iter().any(|t| t.contains(&gram))
        }
        fn titles(&self) -> Vec<&str> {
            self.0.clone()
        }
    }

    fn sounds() -> Sounds {
        Sounds::for_texts(&[])
    }

    /// Every spelling, read ones first.
    fn all(s: &Sounds, term: &str, texts: &Texts) -> Vec<String> {
        let found = s.spellings(term, texts);
        found.read.into_iter().chain(found.initials).collect()
    }

    #[test]
    fn pinyin_is_spelled_in_the_index_characters() {
        let texts = Texts(vec!["店长", "培训专员", "客服主管"]);
        let s = sounds();
        assert_eq!(all(&s, "dianzhang", &texts), ["店长"]);
        assert_eq!(all(&s, "peixun", &texts), ["培训"]);
        assert_eq!(all(&s, "kefuzhuguan", &texts), ["客服主管"]);
        assert!(all(&s, "dian", &texts).is_empty(), "one syllable");
        assert_eq!(all(&s, "kefu主管", &texts), ["客服主管"]);
        assert_eq!(all(&s, "客服zhuguan", &texts), ["客服主管"]);
        assert_eq!(all(&s, "dian长", &texts), ["店长"]);
        assert!(all(&s, "xyzzyq", &texts).is_empty());
    }

    #[test]
    fn initials_are_spelled_from_titles() {
        let texts = Texts(vec!["店长", "副店长", "客服主管", "客服专员"]);
        let s = sounds();
        assert_eq!(all(&s, "dz", &texts), ["店长"]);
        assert_eq!(all(&s, "kfzg", &texts), ["客服主管"]);
        assert_eq!(all(&s, "kf", &texts), ["客服"]);
        let texts = Texts(vec!["文案专员"]);
        assert_eq!(all(&s, "wazy", &texts), ["文案专员"], "案 has no consonant");
        assert!(all(&s, "k", &texts).is_empty());
    }

    #[test]
    fn slips_of_the_same_sound_are_spelled_right() {
        let texts = Texts(vec!["导购", "客服主管"]);
        let s = sounds();
        assert_eq!(all(&s, "导够", &texts), ["导购"]);
        assert_eq!(all(&s, "客服主观", &texts), ["客服主管"]);
        assert_eq!(all(&s, "导夠", &texts), ["导购"], "夠 left as typed");
        assert!(all(&s, "导购", &texts).is_empty(), "never the term");
        let texts = Texts(vec!["忽视", "客户投诉"]);
        assert!(
            all(&s, "护士", &texts).is_empty(),
            "every character differs"
        );
        assert_eq!(all(&s, "客户头诉", &texts), ["客户投诉"]);
    }

    #[test]
    fn the_table_has_heteronyms_and_common_characters() {
        let s = sounds();
        assert!(s.chars("zhang").contains(&'长'));
        assert!(s.chars("chang").contains(&'长'));
        assert!(s.chars("lv").contains(&'绿'));
        assert!(!s.chars_of.contains_key("n"));
        assert!(s.chars("gou").contains(&'够') && s.chars("gou").contains(&'夠'));
        assert!(s.chars_of.len() > 350, "{}", s.chars_of.len());
    }
}

//! Normalization and segmentation: the one definition of "the same text" that
//! the index, the related-roles statistics and the browser's query parser
//! (`themes/default/static/search.js`, which mirrors this file) share.
//!
//! Chinese has no spaces between words, and a dictionary segmenter splits
//! differently at index and at query time, so text is cut into character
//! bigrams: any substring of two or more characters of a passage contains
//! whole bigrams of it, and a short query still finds text inside longer
//! words.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;

/// Folds every character to the form the index and queries are compared in:
/// full-width ASCII to ASCII, ASCII to lower case, and Traditional or regional
/// variants to Simplified, one character for one character (so a position in
/// normalized text is the same position in the original, which is what
/// highlighting needs).
#[derive(Debug, Clone, Default)]
pub struct Normalizer {
    /// Looked up for every character indexed: Fx, not SipHash, whose
    /// resistance to chosen keys buys nothing for a fixed table.
    table: FxHashMap<char, char>,
}

impl Normalizer {
    /// `table` maps a character to its Simplified form.
    pub fn new(table: &BTreeMap<char, char>) -> Normalizer {
        Normalizer {
            table: table.iter().map(|(&k, &v)| (k, v)).collect(),
        }
    }

    pub fn char(&self, c: char) -> char {
        let c = fold_width(c).to_ascii_lowercase();
        self.table.get(&c).copied().unwrap_or(c)
    }

    pub fn text(&self, text: &str) -> String {
        text.chars().map(|c| self.char(c)).collect()
    }
}

/// Full-width forms of ASCII (ＩＳＯ９００１) and the ideographic space, as
/// Chinese input methods type them.
fn fold_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// Letters, digits and ideographs; everything else (punctuation, spaces)
/// separates words. `search.js` uses `[\p{Alphabetic}\p{N}]`, the same set.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// The runs of word characters in `text`.
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !is_word_char(c))
        .filter(|w| !w.is_empty())
}

/// The character bigrams of one word; none for a one-character word.
pub fn bigrams(word: &str) -> impl Iterator<Item = &str> {
    // Each character paired with the end of the one after it.
    let ends = word.char_indices().skip(1).map(|(i, c)| i + c.len_utf8());
    word.char_indices()
        .zip(ends)
        .map(move |((start, _), end)| &word[start..end])
}

/// The words of a query, normalized, without repeats, in typed order.
pub fn query_terms(normalizer: &Normalizer, query: &str) -> Vec<String> {
    let normalized = normalizer.text(query);
    let mut terms: Vec<String> = Vec::new();
    for word in words(&normalized) {
        if !terms.iter().any(|t| t == word) {
            terms.push(word.to_string());
        }
    }
    terms
}

/// Whether a match of `term` may start at byte `at` of `text`: a Latin term
/// must start a Latin word, so `vi` finds `VI设计` but not `service`; other
/// terms match anywhere.
pub fn starts_word(text: &str, at: usize, term: &str) -> bool {
    let Some(first) = term.chars().next() else {
        return false;
    };
    !text[..at]
        .chars()
        .next_back()
        .is_some_and(|before| continues(first, before))
}

/// Whether a match of `term` ending at byte `end` of `text` ends a word: a
/// Latin term must end its Latin word (`vi` in `VI设计`, not in `VIP`) to
/// count as the whole word; other terms always do.
pub fn ends_word(text: &str, end: usize, term: &str) -> bool {
    let (Some(last), Some(after)) = (term.chars().next_back(), text[end..].chars().next()) else {
        return true;
    };
    !continues(last, after)
}

/// Whether `neighbour`, beside a term's `edge` character, continues the
/// same Latin word or number.
fn continues(edge: char, neighbour: char) -> bool {
    (edge.is_ascii_alphabetic() && neighbour.is_ascii_alphabetic())
        || (edge.is_ascii_digit() && neighbour.is_ascii_digit())
}

/// Byte offsets where `term` occurs in `text` as a match (see [`starts_word`]).
pub fn find_all(text: &str, term: &str) -> Vec<usize> {
    if term.is_empty() {
        return Vec::new();
    }
    text.match_indices(term)
        .map(|(i, _)| i)
        .filter(|&i| starts_word(text, i, term))
        .collect()
}

/// Whether `term` is only ASCII letters and digits (PHP, ISO9001): such terms
/// match as typed, never pieced together from bigrams.
pub fn is_latin(term: &str) -> bool {
    term.chars().all(|c| c.is_ascii_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn traditional() -> Normalizer {
        Normalizer::new(&BTreeMap::from([('盤', '盘'), ('點', '点'), ('裡', '里')]))
    }

    #[test]
    fn folds_width_case_and_script() {
        let n = traditional();
        assert_eq!(n.text("盤點ＩＳＯ９００１ PHP"), "盘点iso9001 php");
        assert_eq!(n.text("裡\u{3000}x"), "里 x");
    }

    #[test]
    fn normalizing_keeps_character_positions() {
        let n = traditional();
        let text = "負責盤點ＶＩ設計";
        assert_eq!(n.text(text).chars().count(), text.chars().count());
    }

    #[test]
    fn words_split_at_punctuation_and_spaces() {
        let w: Vec<&str> = words("负责盘点,了解库存; ISO9001 认证。").collect();
        assert_eq!(w, ["负责盘点", "了解库存", "ISO9001", "认证"]);
    }

    #[test]
    fn bigrams_of_chinese_and_latin() {
        let b: Vec<&str> = bigrams("外判单位").collect();
        assert_eq!(b, ["外判", "判单", "单位"]);
        let b: Vec<&str> = bigrams("vi设计").collect();
        assert_eq!(b, ["vi", "i设", "设计"]);
        assert_eq!(bigrams("店").count(), 0);
        assert_eq!(bigrams("").count(), 0);
    }

    #[test]
    fn query_terms_are_normalized_and_unique() {
        let n = traditional();
        assert_eq!(query_terms(&n, " 盤點，盘点  PHP "), ["盘点", "php"]);
        assert!(query_terms(&n, "，。 ").is_empty());
    }

    #[test]
    fn latin_terms_start_words() {
        assert_eq!(find_all("负责vi设计与service", "vi"), [6]);
        assert_eq!(find_all("iso9001认证", "9001"), [3]);
        assert_eq!(find_all("19001", "9001"), Vec::<usize>::new());
        assert_eq!(find_all("盘点盘点", "盘点"), [0, 6]);
        assert!(is_latin("iso9001"));
        assert!(!is_latin("vi设计"));
    }
}

//! Repairs within one source line: pinyin annotations, stray spaces between
//! characters, and spans too garbled to read.

use pinyin::ToPinyinMulti;

use super::common_chars;

/// Written in place of a span that could not be read, so the gap stays
/// visible in the output until someone repairs it by hand.
pub const UNREADABLE_MARK: &str = "〔无法识别〕";

/// One source line after the repairs, with what was repaired.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CleanLine {
    pub text: String,
    /// Removed annotations with their character, as `業(yè)`.
    pub annotations: Vec<String>,
    /// Removed spaces with the characters around them, as `經 驗`.
    pub stray_spaces: Vec<String>,
    /// Spans replaced by [`UNREADABLE_MARK`], as they were.
    pub unreadable: Vec<String>,
    /// Characters kept although they are rare enough to be a misreading.
    pub uncommon: Vec<char>,
}

/// Applies all repairs to one line, in the order that keeps each one simple:
/// annotations first (their parentheses would look garbled), then spaces.
pub fn clean_line(line: &str) -> CleanLine {
    let (text, annotations) = remove_pinyin_annotations(line);
    let (text, stray_spaces) = remove_stray_spaces(&text);
    let (text, unreadable, uncommon) = mark_unreadable(&text);
    CleanLine {
        text: text.trim().to_string(),
        annotations,
        stray_spaces,
        unreadable,
        uncommon,
    }
}

/// A CJK ideograph (not punctuation), in any block.
pub fn is_ideograph(c: char) -> bool {
    matches!(u32::from(c), 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3FFFF)
}

/// Whether `c` is an ideograph the legacy national character sets hold; see
/// [`common_chars`].
fn is_common_ideograph(c: char) -> bool {
    let Some(offset) = u32::from(c).checked_sub(common_chars::START) else {
        return false;
    };
    let (word, bit) = ((offset / 64) as usize, offset % 64);
    common_chars::BITMAP
        .get(word)
        .is_some_and(|bits| bits & (1 << bit) != 0)
}

const TONE_MARKED: &str = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿếề";

fn is_pinyin_letter(c: char) -> bool {
    c.is_ascii_lowercase() || c == 'ü' || c == 'ê' || TONE_MARKED.contains(c)
}

fn has_tone_mark(syllable: &str) -> bool {
    syllable.chars().any(|c| TONE_MARKED.contains(c))
}

/// Whether `syllable` is a reading of `c` without tone marks (`de` after 的).
fn is_plain_reading(c: char, syllable: &str) -> bool {
    c.to_pinyin_multi()
        .is_some_and(|readings| readings.into_iter().any(|p| p.plain() == syllable))
}

/// Removes pinyin written in parentheses right after a character (`發(fā)展`
/// → `發展`). A tone-marked syllable is always an annotation; an unmarked one
/// only when it is a reading of that character, so `端(asp)` stays.
pub fn remove_pinyin_annotations(line: &str) -> (String, Vec<String>) {
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::with_capacity(line.len());
    let mut removed = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let annotation = out
            .chars()
            .last()
            .filter(|prev| is_ideograph(*prev))
            .and_then(|prev| annotation_at(&chars, i, prev).map(|len| (prev, len)));
        match annotation {
            Some((prev, len)) => {
                let syllable: String = chars[i..i + len].iter().collect();
                removed.push(format!("{prev}{syllable}"));
                i += len;
            }
            None => {
                out.push(chars[i]);
                i += 1;
            }
        }
    }
    (out, removed)
}

/// The length in characters of an annotation of `prev` starting at `start`.
fn annotation_at(chars: &[char], start: usize, prev: char) -> Option<usize> {
    const LONGEST_SYLLABLE: usize = 6;
    if !matches!(chars.get(start), Some('(' | '（')) {
        return None;
    }
    let letters = chars[start + 1..]
        .iter()
        .take_while(|c| is_pinyin_letter(**c))
        .count();
    if letters == 0 || letters > LONGEST_SYLLABLE {
        return None;
    }
    let close = start + 1 + letters;
    if !matches!(chars.get(close), Some(')' | '）')) {
        return None;
    }
    let syllable: String = chars[start + 1..close].iter().collect();
    (has_tone_mark(&syllable) || is_plain_reading(prev, &syllable)).then_some(letters + 2)
}

/// Removes whitespace between two ideographs when one side is a single
/// ideograph (`經 驗` → `經驗`, `岗 位 名 称`, `张  三`): a word spaced out by
/// layout. Between two words it separates them (`人力资源部 李静`, `早班 中班`)
/// and stays.
pub fn remove_stray_spaces(line: &str) -> (String, Vec<String>) {
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::with_capacity(line.len());
    let mut removed = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let run = chars[i..].iter().take_while(|c| c.is_whitespace()).count();
        if run == 0 {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let before = i.checked_sub(1).map(|b| chars[b]);
        let after = chars.get(i + run).copied();
        let single = |run: &mut dyn Iterator<Item = &char>| {
            run.take_while(|c| is_ideograph(**c)).count() == 1
        };
        let spaced_out =
            single(&mut chars[..i].iter().rev()) || single(&mut chars[i + run..].iter());
        match (before, after) {
            (Some(b), Some(a)) if is_ideograph(b) && is_ideograph(a) && spaced_out => {
                let spaces: String = chars[i..i + run].iter().collect();
                removed.push(format!("{b}{spaces}{a}"));
            }
            _ => out.extend(&chars[i..i + run]),
        }
        i += run;
    }
    (out, removed)
}

/// How sure a single character is a sign of garbling.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Signal {
    /// Never part of clean Chinese text here: `{`, U+FFFD, a stray `?`.
    Strong,
    /// A rare character: garbled, or just rare.
    Weak,
}

/// Finds garbled spans and replaces those with a strong signal by
/// [`UNREADABLE_MARK`]; rare characters alone are kept and listed.
fn mark_unreadable(line: &str) -> (String, Vec<String>, Vec<char>) {
    let chars: Vec<char> = line.chars().collect();
    let signals = garble_signals(&chars);
    let mut out = String::with_capacity(line.len());
    let mut unreadable = Vec::new();
    let mut uncommon = Vec::new();
    let mut next = 0;
    for group in group_signals(&signals) {
        let (first, last) = (group[0].0, group[group.len() - 1].0);
        // Two rare characters together, or one beside a lone letter, are
        // garbled; lone letters together (`B超、X光`) are words.
        let rare = group
            .iter()
            .filter(|(i, _)| is_ideograph(chars[*i]))
            .count();
        let letters = group.len() - rare;
        let strong = group.iter().any(|(_, s)| *s == Signal::Strong)
            || rare > 1
            || (rare == 1 && letters > 0);
        if strong {
            out.extend(&chars[next..first]);
            out.push_str(UNREADABLE_MARK);
            unreadable.push(chars[first..=last].iter().collect());
            next = last + 1;
        } else {
            uncommon.extend(
                group
                    .iter()
                    .map(|(i, _)| chars[*i])
                    .filter(|c| is_ideograph(*c)),
            );
        }
    }
    out.extend(&chars[next..]);
    (out, unreadable, uncommon)
}

/// Groups signals no more than a few characters apart: a wrong decoding turns
/// a run of bytes into a run of odd characters, some of which look normal.
fn group_signals(signals: &[(usize, Signal)]) -> Vec<Vec<(usize, Signal)>> {
    const BRIDGE: usize = 3;
    let mut groups: Vec<Vec<(usize, Signal)>> = Vec::new();
    for &(at, signal) in signals {
        match groups.last_mut() {
            Some(group) if at - group[group.len() - 1].0 <= BRIDGE + 1 => group.push((at, signal)),
            _ => groups.push(vec![(at, signal)]),
        }
    }
    groups
}

/// The positions of characters that suggest garbling, in order.
fn garble_signals(chars: &[char]) -> Vec<(usize, Signal)> {
    let mut signals = Vec::new();
    let mut depth = 0usize;
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).map(|p| chars[p]);
        let next = chars.get(i + 1).copied();
        // `1)` numbers an item; a closing parenthesis after anything else
        // with nothing open is a leftover of garbling.
        let unmatched_close = matches!(c, ')' | '）')
            && depth == 0
            && !prev.is_some_and(|p| p.is_ascii_alphanumeric());
        match c {
            '(' | '（' => depth += 1,
            ')' | '）' => depth = depth.saturating_sub(1),
            _ => {}
        }
        let odd_latin = odd_latin_run(chars, i);
        let signal = if unmatched_close
            || is_garble_char(c, prev, next)
            || odd_latin == Some(Signal::Strong)
        {
            Some(Signal::Strong)
        } else if (is_ideograph(c) && !is_common_ideograph(c)) || odd_latin.is_some() {
            Some(Signal::Weak)
        } else {
            None
        };
        if let Some(s) = signal {
            signals.push((i, s));
        }
    }
    signals
}

/// Characters that clean text of this kind never holds where they stand.
fn is_garble_char(c: char, prev: Option<char>, next: Option<char>) -> bool {
    let is_word = |c: Option<char>| {
        c.is_some_and(|c| is_ideograph(c) || c.is_ascii_alphanumeric() || c == '?')
    };
    match c {
        '\u{FFFD}' | '{' | '}' => true,
        // A question mark ends a clause; inside a word it replaced a byte.
        '?' => is_word(next) || prev == Some('?'),
        _ => c.is_control() || ('\u{E000}'..='\u{F8FF}').contains(&c),
    }
}

/// A latin run glued to Chinese text: one holding a tone mark outside an
/// annotation (`?shù)`) is garbled; a single letter between ideographs
/// (`葘W歷`) only may be, since `A級`, `B超`, `X光` are words. Garbled text
/// around it makes it part of a garbled span.
fn odd_latin_run(chars: &[char], i: usize) -> Option<Signal> {
    let is_latin = |c: char| c.is_ascii_alphabetic() || is_pinyin_letter(c);
    if !is_latin(chars[i]) {
        return None;
    }
    let start = (0..=i)
        .rev()
        .take_while(|&j| is_latin(chars[j]))
        .last()
        .unwrap_or(i);
    let end = (i..chars.len())
        .take_while(|&j| is_latin(chars[j]))
        .last()
        .unwrap_or(i);
    let before = start.checked_sub(1).map(|b| chars[b]);
    let after = chars.get(end + 1).copied();
    let glued = |c: Option<char>| c.is_some_and(|c| !c.is_whitespace());
    let run: String = chars[start..=end].iter().collect();
    let single_between_ideographs =
        start == end && before.is_some_and(is_ideograph) && after.is_some_and(is_ideograph);
    let tone_marked = has_tone_mark(&run) && (glued(before) || glued(after));
    if tone_marked {
        Some(Signal::Strong)
    } else {
        single_between_ideographs.then_some(Signal::Weak)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removes_annotations_after_characters() {
        let (text, removed) = remove_pinyin_annotations("按照公司確立的發(fā)展戰(zhàn)略");
        assert_eq!(text, "按照公司確立的發展戰略");
        assert_eq!(removed, ["發(fā)", "戰(zhàn)"]);
    }

    #[test]
    fn keeps_numbering_and_plain_words_in_parentheses() {
        for kept in [
            "(1)參與制定",
            "(如銷售、補貨)",
            "服務器端(asp)",
            "(yè)開頭",
            "a(yè)",
        ] {
            assert_eq!(remove_pinyin_annotations(kept).0, kept);
        }
    }

    #[test]
    fn removes_unmarked_reading_of_the_character() {
        assert_eq!(remove_pinyin_annotations("我的(de)書").0, "我的書");
    }

    #[test]
    fn removes_spaces_between_characters_only() {
        let (text, removed) = remove_stray_spaces("4、經 驗:學歷; 3、VIP 客戶");
        assert_eq!(text, "4、經驗:學歷; 3、VIP 客戶");
        assert_eq!(removed, ["經 驗"]);
        let (text, _) = remove_stray_spaces("岗 位 名 称：张  三");
        assert_eq!(text, "岗位名称：张三");
        for words in [
            "编制：人力资源部 李静",
            "内部：人事部 财务部",
            "早班 中班 晚班",
        ] {
            assert_eq!(remove_stray_spaces(words).0, words);
        }
    }

    #[test]
    fn marks_garbled_spans() {
        let line = clean_line("1.??苹蛲葘W歷以上,市場營銷");
        assert_eq!(line.text, "1.〔无法识别〕歷以上,市場營銷");
        assert_eq!(line.unreadable, ["??苹蛲葘W"]);
        let line = clean_line("並根據季節變化做適當?shù)恼{整。");
        assert_eq!(line.text, "並根據季節變化做適當〔无法识别〕整。");
        assert_eq!(line.unreadable, ["?shù)恼{"]);
    }

    #[test]
    fn clean_text_has_no_garbling() {
        for clean in [
            "持有亞足聯A級或中國足協B級教練證書",
            "熟悉B超、X光設備的日常維護",
            "負責A區倉庫的收發",
            "6、熟悉ISO9001、ISO14000和OHSAS18000等質量體系",
            "5、建立客戶服務信息管理系統(客戶服務檔案、運營跟蹤及反饋);",
            "能熟練使用office等辦公應用軟件。",
            "5、APP用戶、車輛認證及審核",
            "這是什麼?",
        ] {
            let line = clean_line(clean);
            assert!(line.unreadable.is_empty(), "{clean}: {:?}", line.unreadable);
            assert_eq!(line.text, clean);
        }
    }

    #[test]
    fn a_rare_character_alone_is_kept() {
        let line = clean_line("河北葘川集團");
        assert_eq!(line.text, "河北葘川集團");
        assert_eq!(line.uncommon, ['葘']);
    }
}

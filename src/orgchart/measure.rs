//! Text measurement and line breaking for box labels.
//!
//! The chart is laid out at build time, without a font, so widths are
//! estimates: CJK ideographs and full-width punctuation are 1 em in every CJK
//! font, while Latin glyphs vary, so they get a generous average.

/// Estimated width of `text` in CSS pixels at `font_size` pixels.
pub fn text_width(text: &str, font_size: f64) -> f64 {
    em_width(text) * font_size
}

/// Estimated width of `text` in em.
pub(crate) fn em_width(text: &str) -> f64 {
    text.chars().map(char_em).sum()
}

fn char_em(c: char) -> f64 {
    if c.is_ascii() {
        ascii_em(c)
    } else if is_zero_width(c) {
        0.0
    } else if is_full_width(c) {
        1.0
    } else {
        // Latin-1, Greek, Cyrillic …: a little over the ASCII average.
        0.6
    }
}

fn ascii_em(c: char) -> f64 {
    match c {
        c if c.is_ascii_control() => 0.0,
        // Capitals and the widest lower-case letters run well over the
        // average; counting them wider keeps English labels inside their box.
        'A'..='Z' | 'm' | 'w' | '@' => 0.75,
        _ => 0.55,
    }
}

fn is_zero_width(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F // combining diacritics
        | 0x200B..=0x200F // zero-width space, joiners, marks
        | 0xFE00..=0xFE0F // variation selectors
        | 0xFEFF)
}

fn is_full_width(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F // Hangul Jamo
        | 0x2014 | 0x2018..=0x201D | 0x2026 | 0x2027 | 0x00B7 // —‘’“”…‧· in CJK fonts
        | 0x2E80..=0x303E // radicals, CJK symbols and punctuation
        | 0x3041..=0x33FF // kana, bopomofo, CJK compatibility
        | 0x3400..=0x4DBF // extension A
        | 0x4E00..=0x9FFF // unified ideographs
        | 0xA000..=0xA4CF // Yi
        | 0xAC00..=0xD7A3 // Hangul syllables
        | 0xF900..=0xFAFF // compatibility ideographs
        | 0xFE30..=0xFE4F // CJK compatibility forms
        | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 // full-width forms
        | 0x20000..=0x3FFFD) // extensions B and later
}

/// Splits `label` into at most two lines so that no line is much wider than
/// `max_em`: a label wider than `max_em` is broken at the allowed point that
/// balances the two lines best. Labels are short titles, so two lines is
/// always enough to keep boxes readable.
pub(crate) fn wrap(label: &str, max_em: f64) -> Vec<String> {
    let label = label.trim();
    if em_width(label) <= max_em {
        return vec![label.to_string()];
    }
    match best_break(label) {
        Some(at) => vec![
            label[..at].trim_end().to_string(),
            label[at..].trim_start().to_string(),
        ],
        None => vec![label.to_string()],
    }
}

/// The byte offset of the break that makes the longer line shortest; on a tie
/// the later break wins, so an odd character goes on the first line.
fn best_break(label: &str) -> Option<usize> {
    let total = em_width(label);
    let chars: Vec<(usize, char)> = label.char_indices().collect();
    let mut left = 0.0;
    let mut best: Option<(f64, usize)> = None;
    for pair in chars.windows(2) {
        let [(_, before), (at, after)] = [pair[0], pair[1]];
        left += char_em(before);
        if !may_break(before, after) {
            continue;
        }
        let longer = left.max(total - left);
        if best.is_none_or(|(b, _)| longer < b + 1e-9) {
            best = Some((longer, at));
        }
    }
    best.map(|(_, at)| at)
}

/// Line-breaking rules kept from CJK typography (kinsoku): no line starts
/// with closing punctuation or ends with opening punctuation, and a Latin word
/// or number stays whole.
fn may_break(before: char, after: char) -> bool {
    let in_word = before.is_ascii_alphanumeric() && after.is_ascii_alphanumeric();
    !in_word && !is_closing(after) && !is_opening(before)
}

fn is_closing(c: char) -> bool {
    "，。、；：？！）》」』】〕〉’”…—·,.;:?!)]}%".contains(c)
}

fn is_opening(c: char) -> bool {
    "（《「『【〔〈‘“([{".contains(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cjk_is_full_width_and_ascii_narrower() {
        assert_eq!(em_width("首席运营官"), 5.0);
        assert_eq!(em_width("（）"), 2.0);
        assert!((em_width("app") - 1.65).abs() < 1e-9);
        assert_eq!(text_width("主管", 14.0), 28.0);
        assert!(em_width("IT主管") > em_width("it主管"));
    }

    #[test]
    fn short_labels_stay_on_one_line() {
        assert_eq!(wrap("首席运营官", 8.0), ["首席运营官"]);
        assert_eq!(wrap("线上推广技术支持", 8.0), ["线上推广技术支持"]);
    }

    #[test]
    fn long_labels_are_balanced_on_two_lines() {
        assert_eq!(wrap("人员及业务管理专员", 8.0), ["人员及业务", "管理专员"]);
        assert_eq!(
            wrap("物业管理处主任助理兼客服主管", 8.0),
            ["物业管理处主任", "助理兼客服主管"]
        );
    }

    #[test]
    fn breaks_respect_punctuation_and_words() {
        let lines = wrap("运营部（华南区）区域经理助理", 8.0);
        assert_eq!(lines.len(), 2);
        assert!(!lines[1].starts_with('）'));
        assert!(!lines[0].ends_with('（'));
        let lines = wrap("Senior Operations Manager", 8.0);
        assert_eq!(lines, ["Senior Operations", "Manager"]);
    }
}

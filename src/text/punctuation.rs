//! Half-width punctuation in Chinese prose: `负责销售,协助店长;` where Chinese
//! writes `负责销售，协助店长；`. Word and Excel sources often have it, typed
//! with the input method in Latin mode.
//!
//! A mark is Chinese prose's when the character before it is Chinese (an
//! ideograph, or full-width punctuation such as `）`): `3,000`, `Word, Excel`
//! and `ISO9001:2015` are left alone, and so is anything inside a Markdown
//! code span. Spaces after a mark made full-width are dropped, since the
//! full-width mark carries its own space.

use super::clean::is_ideograph;

/// The marks, with their full-width forms.
const MARKS: [(char, char); 5] = [
    (',', '，'),
    (';', '；'),
    (':', '：'),
    ('?', '？'),
    ('!', '！'),
];

/// One half-width mark to make full-width.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HalfWidth {
    /// Byte offset of the mark in its line.
    pub at: usize,
    /// Bytes it replaces: the mark and the spaces after it.
    pub len: usize,
    pub mark: char,
    pub full: char,
}

/// The half-width marks of one line of prose that follow Chinese text.
pub fn half_width_marks(line: &str) -> Vec<HalfWidth> {
    let mut found = Vec::new();
    let mut in_code = false;
    let mut before: Option<char> = None;
    let mut chars = line.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if c == '`' {
            in_code = !in_code;
        }
        let full = MARKS.iter().find(|(half, _)| *half == c).map(|(_, f)| *f);
        match full {
            Some(full) if !in_code && before.is_some_and(is_chinese) => {
                let mut end = at + c.len_utf8();
                while let Some(&(i, ' ')) = chars.peek() {
                    end = i + 1;
                    chars.next();
                }
                // Spaces that end the line are the line's, not the mark's.
                let len = if end == line.len() {
                    c.len_utf8()
                } else {
                    end - at
                };
                found.push(HalfWidth {
                    at,
                    len,
                    mark: c,
                    full,
                });
                before = Some(full);
            }
            _ => before = Some(c),
        }
    }
    found
}

/// `line` with `marks` (from [`half_width_marks`] of the same line) made
/// full-width.
pub fn apply(line: &str, marks: &[HalfWidth]) -> String {
    let mut out = String::with_capacity(line.len() + marks.len() * 2);
    let mut copied = 0;
    for m in marks {
        out.push_str(&line[copied..m.at]);
        out.push(m.full);
        copied = m.at + m.len;
    }
    out.push_str(&line[copied..]);
    out
}

/// Every line of `text` with its marks made full-width, and how many were.
pub fn full_width(text: &str) -> (String, usize) {
    let mut count = 0;
    let lines: Vec<String> = text
        .split('\n')
        .map(|line| {
            let marks = half_width_marks(line);
            count += marks.len();
            apply(line, &marks)
        })
        .collect();
    (lines.join("\n"), count)
}

/// An ideograph, or full-width punctuation and brackets (、。「」（）《》).
fn is_chinese(c: char) -> bool {
    is_ideograph(c)
        || matches!(u32::from(c), 0x3001..=0x303F | 0xFF01..=0xFF0F | 0xFF1A..=0xFF20 | 0xFF3B..=0xFF40 | 0xFF5B..=0xFF65)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixed(line: &str) -> String {
        apply(line, &half_width_marks(line))
    }

    #[test]
    fn marks_after_chinese_become_full_width() {
        assert_eq!(
            fixed("负责销售,协助店长;完成任务:"),
            "负责销售，协助店长；完成任务："
        );
        assert_eq!(fixed("是否合格? 好!"), "是否合格？好！");
        assert_eq!(fixed("年龄:30岁, 电话:0311"), "年龄：30岁，电话：0311");
        assert_eq!(fixed("（注）:见附件"), "（注）：见附件");
    }

    #[test]
    fn numbers_latin_and_code_are_left_alone() {
        for line in [
            "月销售3,000件",
            "熟悉Word, Excel",
            "ISO9001:2015认证",
            "时间9:00-18:00",
            "见`a,b`和`中,文`",
            "https://example.com/a,b",
            "",
        ] {
            assert_eq!(fixed(line), line, "{line}");
        }
        assert_eq!(fixed("时间:9:00"), "时间：9:00");
    }

    #[test]
    fn spaces_after_a_mark_go_with_it_but_not_at_the_end() {
        assert_eq!(fixed("销售,  协助"), "销售，协助");
        assert_eq!(fixed("销售;  "), "销售；  ");
        let marks = half_width_marks("销售,协助");
        assert_eq!(
            marks,
            [HalfWidth {
                at: 6,
                len: 1,
                mark: ',',
                full: '，'
            }]
        );
    }

    #[test]
    fn whole_texts_count_their_repairs() {
        assert_eq!(
            full_width("一,二\n三;四;五\n3,000"),
            ("一，二\n三；四；五\n3,000".to_string(), 3)
        );
    }
}

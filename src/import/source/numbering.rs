//! Word's automatic numbering (`word/numbering.xml`): the `1.`, `（一）` or
//! `①` a reader sees before a paragraph is not in its text but worked out
//! from the list's level definitions and a counter per list and level.

use std::collections::BTreeMap;

/// One level of a list definition (`w:lvl`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Level {
    pub start: u32,
    /// `w:numFmt`: decimal, chineseCounting, decimalEnclosedCircle …
    pub format: String,
    /// `w:lvlText`: `%1.`, `（%1）`, `%1.%2` …
    pub text: String,
    /// `w:suff`: what stands between the number and the text.
    pub suffix: Suffix,
    /// `w:isLgl`: every level's number shown in Arabic digits (`1.1`
    /// under a `一、`).
    pub legal: bool,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Suffix {
    #[default]
    Tab,
    Space,
    Nothing,
}

/// The list definitions of a document, and the counters as paragraphs are
/// read in order.
#[derive(Debug, Clone, Default)]
pub struct Numbering {
    /// `w:abstractNum` by id: its levels by `w:ilvl`.
    pub abstract_lists: BTreeMap<String, BTreeMap<u8, Level>>,
    /// `w:num` by id: its abstract list and start overrides by level.
    pub lists: BTreeMap<String, (String, BTreeMap<u8, u32>)>,
    /// Counters by abstract list; lists sharing one continue each other's
    /// numbers, as in Word.
    counters: BTreeMap<String, [u32; 9]>,
    /// Lists whose start overrides were applied.
    started: std::collections::BTreeSet<String>,
}

impl Numbering {
    /// The label of the next paragraph of list `num` at level `level`
    /// (`1.`, `（二）`), advancing the counters; `None` when the list or
    /// level is not defined or shows no number.
    pub fn next_label(&mut self, num: &str, level: u8) -> Option<String> {
        let (abstract_id, overrides) = self.lists.get(num)?.clone();
        let levels = self.abstract_lists.get(&abstract_id)?;
        let def = levels.get(&level)?.clone();
        let counters = self.counters.entry(abstract_id).or_insert([0; 9]);
        if self.started.insert(num.to_string()) {
            for (&l, &start) in &overrides {
                if let Some(c) = counters.get_mut(usize::from(l)) {
                    *c = start.saturating_sub(1);
                }
            }
        }
        let at = usize::from(level).min(8);
        counters[at] = match counters[at] {
            0 => def.start.max(1),
            n => n + 1,
        };
        for deeper in &mut counters[at + 1..] {
            *deeper = 0;
        }
        let label = match def.format.as_str() {
            // The bullet is a glyph of a symbol font; any bullet reads the same.
            "bullet" => "•".to_string(),
            _ => render(&def, counters, levels),
        };
        Some(match (label.is_empty(), def.suffix) {
            (true, _) => return None,
            (false, Suffix::Nothing) => label,
            (false, _) => label + " ",
        })
    }
}

/// `w:lvlText` with each `%n` replaced by level n−1's counter in that
/// level's format.
fn render(def: &Level, counters: &[u32; 9], levels: &BTreeMap<u8, Level>) -> String {
    let mut out = String::new();
    let mut chars = def.text.chars().peekable();
    while let Some(c) = chars.next() {
        let digit = chars.peek().and_then(|d| d.to_digit(10));
        match (c, digit) {
            ('%', Some(n @ 1..=9)) => {
                chars.next();
                let level = (n - 1) as u8;
                let format = match def.legal {
                    true => "decimal",
                    false => levels.get(&level).map_or("decimal", |l| l.format.as_str()),
                };
                let count = counters[usize::from(level)].max(1);
                out.push_str(&format_number(count, format));
            }
            _ => out.push(c),
        }
    }
    out
}

/// `n` as Word shows it in `format` (`w:numFmt`).
pub fn format_number(n: u32, format: &str) -> String {
    match format {
        "decimalZero" => format!("{n:02}"),
        "chineseCounting"
        | "chineseCountingThousand"
        | "taiwaneseCounting"
        | "taiwaneseCountingThousand"
        | "japaneseCounting"
        | "ideographDigital" => chinese(n, &DIGITS, &UNITS),
        "chineseLegalSimplified" => chinese(n, &LEGAL_DIGITS, &LEGAL_UNITS),
        "ideographTraditional" => cycle(n, "甲乙丙丁戊己庚辛壬癸"),
        "ideographZodiac" => cycle(n, "子丑寅卯辰巳午未申酉戌亥"),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" => enclosed(n, '①', 20),
        "decimalEnclosedParen" => enclosed(n, '⑴', 20),
        "decimalEnclosedFullstop" => enclosed(n, '⒈', 20),
        "decimalFullWidth" | "decimalFullWidth2" => (n.to_string().chars())
            .map(|d| char::from_u32(u32::from(d) - u32::from('0') + 0xFF10).unwrap_or(d))
            .collect(),
        "lowerLetter" => letters(n, b'a'),
        "upperLetter" => letters(n, b'A'),
        "lowerRoman" => roman(n).to_lowercase(),
        "upperRoman" => roman(n),
        "none" | "bullet" => String::new(),
        _ => n.to_string(),
    }
}

const DIGITS: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
const UNITS: [char; 3] = ['十', '百', '千'];
const LEGAL_DIGITS: [char; 10] = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
const LEGAL_UNITS: [char; 3] = ['拾', '佰', '仟'];

/// Chinese numerals below 10,000: 十, 十一, 二十, 一百零五.
fn chinese(n: u32, digits: &[char; 10], units: &[char; 3]) -> String {
    if n >= 10_000 {
        return n.to_string();
    }
    let places = [n / 1000, n / 100 % 10, n / 10 % 10, n % 10];
    let mut out = String::new();
    let mut zero = false;
    for (i, &d) in places.iter().enumerate() {
        let unit = [Some(units[2]), Some(units[1]), Some(units[0]), None][i];
        if d == 0 {
            zero = !out.is_empty();
            continue;
        }
        if zero {
            out.push(digits[0]);
            zero = false;
        }
        // 十一, not 一十一, when the number starts in the tens.
        if !(i == 2 && d == 1 && out.is_empty()) {
            out.push(digits[d as usize]);
        }
        out.extend(unit);
    }
    out
}

fn cycle(n: u32, signs: &str) -> String {
    let signs: Vec<char> = signs.chars().collect();
    signs[(n as usize - 1) % signs.len()].to_string()
}

fn enclosed(n: u32, first: char, last: u32) -> String {
    match n {
        1.. if n <= last => {
            char::from_u32(u32::from(first) + n - 1).map_or_else(|| n.to_string(), String::from)
        }
        _ => format!("({n})"),
    }
}

fn letters(n: u32, base: u8) -> String {
    let letter = char::from(base + ((n - 1) % 26) as u8);
    letter.to_string().repeat((n as usize - 1) / 26 + 1)
}

fn roman(mut n: u32) -> String {
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (value, sign) in TABLE {
        while n >= value {
            out.push_str(sign);
            n -= value;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_in_word() {
        let cases = [
            (1, "chineseCounting", "一"),
            (10, "chineseCounting", "十"),
            (11, "chineseCountingThousand", "十一"),
            (20, "chineseCounting", "二十"),
            (105, "chineseCounting", "一百零五"),
            (3, "chineseLegalSimplified", "叁"),
            (2, "ideographTraditional", "乙"),
            (3, "decimalEnclosedCircle", "③"),
            (21, "decimalEnclosedCircle", "(21)"),
            (2, "decimalEnclosedParen", "⑵"),
            (12, "decimalFullWidth", "１２"),
            (28, "lowerLetter", "bb"),
            (14, "upperRoman", "XIV"),
            (7, "decimal", "7"),
        ];
        for (n, format, shown) in cases {
            assert_eq!(format_number(n, format), shown, "{n} {format}");
        }
    }

    fn level(format: &str, text: &str) -> Level {
        Level {
            start: 1,
            format: format.to_string(),
            text: text.to_string(),
            suffix: Suffix::Nothing,
            legal: false,
        }
    }

    #[test]
    fn counters_advance_reset_deeper_levels_and_continue_across_lists() {
        let mut numbering = Numbering::default();
        let levels = BTreeMap::from([
            (0, level("chineseCounting", "%1、")),
            (
                1,
                Level {
                    legal: true,
                    ..level("decimal", "%1.%2")
                },
            ),
            (2, level("decimal", "%1.%2.%3")),
        ]);
        numbering.abstract_lists.insert("0".into(), levels);
        numbering
            .lists
            .insert("1".into(), ("0".into(), BTreeMap::new()));
        numbering
            .lists
            .insert("2".into(), ("0".into(), BTreeMap::from([(0, 1)])));
        let mut next = |num: &str, level| numbering.next_label(num, level).unwrap();
        assert_eq!(next("1", 0), "一、");
        assert_eq!(next("1", 1), "1.1");
        assert_eq!(next("1", 1), "1.2");
        assert_eq!(next("1", 0), "二、");
        assert_eq!(next("1", 1), "2.1");
        // Without isLgl, a level shows the levels above in their own format.
        assert_eq!(next("1", 2), "二.1.1");
        // A second list of the same definition, told to start again at 1.
        assert_eq!(next("2", 0), "一、");
    }
}

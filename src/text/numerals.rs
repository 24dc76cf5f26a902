//! Chinese numerals as documents are numbered (第六篇, 第十二篇).

const DIGITS: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/// `n` in Chinese numerals, for 0 to 99 (六, 十二, 二十); larger numbers in
/// Arabic digits.
pub fn chinese(n: usize) -> String {
    let digit = |d: usize| DIGITS[d].to_string();
    match n {
        0..=9 => digit(n),
        10 => "十".to_string(),
        11..=19 => format!("十{}", DIGITS[n % 10]),
        20..=99 if n % 10 == 0 => format!("{}十", DIGITS[n / 10]),
        20..=99 => format!("{}十{}", DIGITS[n / 10], DIGITS[n % 10]),
        _ => n.to_string(),
    }
}

/// The number written in Chinese numerals (1 to 99, 两 for 2) or in
/// Arabic digits.
pub fn parse(text: &str) -> Option<usize> {
    if let Ok(n) = text.parse() {
        return Some(n);
    }
    let value = |c: char| match c {
        '两' => Some(2),
        _ => DIGITS.iter().position(|&d| d == c),
    };
    let chars: Vec<char> = text.chars().collect();
    match chars.as_slice() {
        ['十'] => Some(10),
        [d] => value(*d),
        ['十', d] => Some(10 + value(*d)?),
        [t, '十'] => Some(value(*t)? * 10),
        [t, '十', d] => Some(value(*t)? * 10 + value(*d)?),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_round_trip() {
        for n in 0..=99 {
            assert_eq!(parse(&chinese(n)), Some(n), "{n}");
        }
        assert_eq!(chinese(6), "六");
        assert_eq!(chinese(21), "二十一");
        assert_eq!(parse("两"), Some(2));
        assert_eq!(parse("12"), Some(12));
        assert_eq!(parse("百"), None);
    }
}

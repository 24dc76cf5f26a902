//! Pinyin sort keys for the role index.

use pinyin::ToPinyin;

/// The toneless pinyin of `text`, syllables separated by spaces; characters
/// without a reading are kept as they are, so every title gets a stable key.
pub fn pinyin_key(text: &str) -> String {
    let mut key = String::new();
    for (c, p) in text.chars().zip(text.to_pinyin()) {
        if !key.is_empty() {
            key.push(' ');
        }
        match p {
            Some(p) => key.push_str(p.plain()),
            None => key.extend(c.to_lowercase()),
        }
    }
    key
}

/// The index letter of a sort key: `A`–`Z`, or `#` for anything else.
pub fn initial(key: &str) -> char {
    match key.chars().next() {
        Some(c) if c.is_ascii_alphabetic() => c.to_ascii_uppercase(),
        _ => '#',
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_and_initials() {
        assert_eq!(pinyin_key("运营总监"), "yun ying zong jian");
        assert_eq!(initial(&pinyin_key("导购")), 'D');
        assert_eq!(initial(&pinyin_key("VIP专员")), 'V');
        assert_eq!(initial(&pinyin_key("1号")), '#');
    }
}

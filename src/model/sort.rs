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

/// The zhuyin (bopomofo) symbol a sort key's first syllable starts with,
/// as Taiwan's indexes group: its initial (ㄅ for `bu`, ㄓ for `zhang`), or
/// for a syllable without one its first vowel sound (ㄧ for `yun`, ㄩ for
/// `yue`, ㄚ for `an`… ). The Bopomofo block is in zhuyin order, so the
/// symbols sort as a Taiwan reader expects. `None` for a key that is not
/// pinyin.
pub fn zhuyin_initial(key: &str) -> Option<char> {
    const INITIALS: [(&str, char); 21] = [
        ("zh", 'ㄓ'),
        ("ch", 'ㄔ'),
        ("sh", 'ㄕ'),
        ("b", 'ㄅ'),
        ("p", 'ㄆ'),
        ("m", 'ㄇ'),
        ("f", 'ㄈ'),
        ("d", 'ㄉ'),
        ("t", 'ㄊ'),
        ("n", 'ㄋ'),
        ("l", 'ㄌ'),
        ("g", 'ㄍ'),
        ("k", 'ㄎ'),
        ("h", 'ㄏ'),
        ("j", 'ㄐ'),
        ("q", 'ㄑ'),
        ("x", 'ㄒ'),
        ("r", 'ㄖ'),
        ("z", 'ㄗ'),
        ("c", 'ㄘ'),
        ("s", 'ㄙ'),
    ];
    const BARE: [(&str, char); 16] = [
        ("yu", 'ㄩ'),
        ("y", 'ㄧ'),
        ("w", 'ㄨ'),
        ("ang", 'ㄤ'),
        ("an", 'ㄢ'),
        ("ai", 'ㄞ'),
        ("ao", 'ㄠ'),
        ("a", 'ㄚ'),
        ("ou", 'ㄡ'),
        ("o", 'ㄛ'),
        ("er", 'ㄦ'),
        ("eng", 'ㄥ'),
        ("en", 'ㄣ'),
        ("ei", 'ㄟ'),
        ("e", 'ㄜ'),
        ("ê", 'ㄝ'),
    ];
    let syllable = key.split(' ').next()?;
    if !syllable
        .chars()
        .all(|c| c.is_ascii_lowercase() || c == 'ü' || c == 'ê')
        || syllable.is_empty()
    {
        return None;
    }
    (INITIALS.iter().chain(&BARE))
        .find(|(start, _)| syllable.starts_with(start))
        .map(|(_, symbol)| *symbol)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zhuyin_groups_follow_initials_and_bare_vowels() {
        assert_eq!(zhuyin_initial("dian zhang"), Some('ㄉ'));
        assert_eq!(zhuyin_initial("zhi wu"), Some('ㄓ'));
        assert_eq!(zhuyin_initial("yun ying"), Some('ㄩ'));
        assert_eq!(zhuyin_initial("ying ye"), Some('ㄧ'));
        assert_eq!(zhuyin_initial("wen an"), Some('ㄨ'));
        assert_eq!(zhuyin_initial("an quan"), Some('ㄢ'));
        assert_eq!(zhuyin_initial("er tong"), Some('ㄦ'));
        assert_eq!(zhuyin_initial("v i p ke fu"), None);
        assert_eq!(zhuyin_initial("3d she ji"), None);
        assert!(zhuyin_initial("bu") < zhuyin_initial("pu"));
        assert!(zhuyin_initial("si") < zhuyin_initial("a"));
    }

    #[test]
    fn keys_and_initials() {
        assert_eq!(pinyin_key("运营总监"), "yun ying zong jian");
        assert_eq!(initial(&pinyin_key("导购")), 'D');
        assert_eq!(initial(&pinyin_key("VIP专员")), 'V');
        assert_eq!(initial(&pinyin_key("1号")), '#');
    }
}

//! Short values as the author wrote them: YAML reads `code: 007` as the
//! number 7 and `version: 2.10` as 2.1, so a number is read back from its
//! line.

use crate::content::source::Split;
use crate::content::Scalar;

/// A short value, trimmed; a number as its line writes it (`007`, `2.10`).
pub fn scalar_value(split: &Split<'_>, key: &str, scalar: &Option<Scalar>) -> String {
    match scalar {
        None => String::new(),
        Some(s) if s.is_number => written_value(split, key).unwrap_or_else(|| s.text.clone()),
        Some(s) => s.text.trim().to_string(),
    }
}

/// The text after `key:` on its line, without a trailing comment.
fn written_value(split: &Split<'_>, key: &str) -> Option<String> {
    let line = split.yaml.lines().find_map(|l| {
        let rest = l.strip_prefix(key)?.trim_start();
        rest.strip_prefix(':')
    })?;
    let value = line.split(" #").next().unwrap_or(line).trim();
    (!value.is_empty()).then(|| value.to_string())
}

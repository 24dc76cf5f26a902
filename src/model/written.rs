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
    split.yaml.lines().find_map(|l| value_on(l, key))
}

/// Field `key` of the list item whose lines start at file line `from`
/// (up to `to`, the next item's), as written: YAML reads a revision's
/// `version: 1.10` as the number 1.1.
pub fn item_value(
    split: &Split<'_>,
    (from, to): (usize, Option<usize>),
    key: &str,
    scalar: &Scalar,
) -> String {
    if !scalar.is_number {
        return scalar.text.trim().to_string();
    }
    let first = from.saturating_sub(split.yaml_line);
    let last = to.map_or(usize::MAX, |t| t.saturating_sub(split.yaml_line));
    (split.yaml.lines().enumerate())
        .filter(|(n, _)| *n >= first && *n < last)
        .find_map(|(_, l)| value_on(l.trim_start().trim_start_matches("- "), key))
        .unwrap_or_else(|| scalar.text.clone())
}

/// The value after `key:` on `line`, without a trailing comment or quotes;
/// `None` when the line gives another key or no value.
fn value_on(line: &str, key: &str) -> Option<String> {
    let rest = line.strip_prefix(key)?.trim_start().strip_prefix(':')?;
    let value = rest.split(" #").next().unwrap_or(rest).trim();
    (!value.is_empty()).then(|| value.trim_matches(['"', '\'']).to_string())
}

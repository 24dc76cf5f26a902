//! Document control (受控文件): the version in force, since when, who
//! prepared, reviewed and approved it, and its revision history (修订记录),
//! checked the way HR's document control expects: dates that are days of
//! the calendar, revisions oldest first with rising versions, and a version
//! in force that is not older than the last revision.

use std::cmp::Ordering;
use std::path::Path;

use super::written::{item_value, scalar_value};
use super::{Control, Revision};
use crate::content::source::{key_line, Split};
use crate::content::{ControlMeta, RevisionMeta, Scalar};
use crate::error::{Diagnostic, Location, Text};
use crate::text;
use crate::text::date::is_iso_date;

/// The control facts of a document or a role, trimmed, with every problem
/// in `errors` at its line.
pub(super) fn control(
    meta: ControlMeta<'_>,
    path: &Path,
    split: &Split<'_>,
    errors: &mut Vec<Diagnostic>,
) -> Control {
    let value = |key: &str, scalar: &Option<Scalar>| scalar_value(split, key, scalar);
    let at = |key: &str| Location::new(path, key_line(split, key));
    let effective = value("effective", meta.effective);
    if !effective.is_empty() && !is_iso_date(&effective) {
        let what = text!("effective", "生效日期");
        errors.push(not_a_date(at("effective"), "effective", what, &effective));
    }
    let version = value("version", meta.version);
    let revisions = revisions(meta.revisions, path, split, errors);
    if let Some(last) = revisions.last() {
        check_against_last(&version, &effective, last, (path, split), errors);
    }
    Control {
        version,
        effective,
        prepared_by: value("prepared_by", meta.prepared_by),
        reviewed_by: value("reviewed_by", meta.reviewed_by),
        approved_by: value("approved_by", meta.approved_by),
        revisions,
    }
}

/// The revisions, each checked on its own and against the one before.
fn revisions(
    raw: &[RevisionMeta],
    path: &Path,
    split: &Split<'_>,
    errors: &mut Vec<Diagnostic>,
) -> Vec<Revision> {
    let items = item_lines(split, "revisions");
    let mut out: Vec<Revision> = Vec::new();
    for (i, meta) in raw.iter().enumerate() {
        let line = items
            .get(i)
            .copied()
            .unwrap_or_else(|| key_line(split, "revisions"));
        let at = Location::new(path, line);
        let revision = Revision {
            version: match items.get(i) {
                Some(&from) => item_value(
                    split,
                    (from, items.get(i + 1).copied()),
                    "version",
                    &meta.version,
                ),
                None => meta.version.text.trim().to_string(),
            },
            date: meta.date.text.trim().to_string(),
            summary: meta.summary.trim().to_string(),
        };
        check_revision(&revision, i + 1, &at, errors);
        if let Some(before) = out.last() {
            check_order(before, &revision, &at, errors);
        }
        out.push(revision);
    }
    out
}

fn check_revision(r: &Revision, n: usize, at: &Location, errors: &mut Vec<Diagnostic>) {
    if !is_iso_date(&r.date) {
        let what = text!("revision {n}: date", "第 {n} 条修订记录的日期");
        errors.push(not_a_date(at.clone(), "revisions", what, &r.date));
    }
    if numbers(&r.version).is_empty() {
        let version = &r.version;
        errors.push(
            Diagnostic::new(
                at.clone(),
                text!(
                    "revision {n}: version `{version}` has no number to order it by",
                    "第 {n} 条修订记录：版本号“{version}”里没有数字，无法排出先后"
                ),
            )
            .field("revisions")
            .hint(text!(
                "write versions with numbers, e.g. V1.0, V1.1, V2.0",
                "版本号请带数字，例如 V1.0、V1.1、V2.0"
            )),
        );
    }
    if r.summary.is_empty() {
        errors.push(
            Diagnostic::new(
                at.clone(),
                text!(
                    "revision {n} does not say what changed",
                    "第 {n} 条修订记录没有写修订内容"
                ),
            )
            .field("revisions")
            .hint(text!(
                "add `summary:` with what this version changed",
                "加上“summary:”，写明这一版改了什么"
            )),
        );
    }
}

/// A revision must be newer than the one listed before it.
fn check_order(before: &Revision, r: &Revision, at: &Location, errors: &mut Vec<Diagnostic>) {
    let (old, new) = (&before.version, &r.version);
    if compare_versions(new, old) == Some(Ordering::Less)
        || compare_versions(new, old) == Some(Ordering::Equal)
    {
        errors.push(
            Diagnostic::new(
                at.clone(),
                text!(
                    "version `{new}` is not newer than the revision before it (`{old}`)",
                    "版本号“{new}”不比上一条修订记录的“{old}”新"
                ),
            )
            .field("revisions")
            .hint(oldest_first()),
        );
    }
    let (old, new) = (&before.date, &r.date);
    if is_iso_date(old) && is_iso_date(new) && new < old {
        errors.push(
            Diagnostic::new(
                at.clone(),
                text!(
                    "revision date {new} is before the revision above it ({old})",
                    "修订日期 {new} 早于上一条修订记录的日期 {old}"
                ),
            )
            .field("revisions")
            .hint(oldest_first()),
        );
    }
}

fn oldest_first() -> Text {
    text!(
        "list revisions oldest first, each with a higher version",
        "修订记录按从旧到新的顺序列出，版本号逐条增大"
    )
}

/// The version in force and the effective date against the last revision.
fn check_against_last(
    version: &str,
    effective: &str,
    last: &Revision,
    (path, split): (&Path, &Split<'_>),
    errors: &mut Vec<Diagnostic>,
) {
    let at = |key: &str| Location::new(path, key_line(split, key));
    let (newest, date) = (&last.version, &last.date);
    if compare_versions(version, newest) == Some(Ordering::Less) {
        errors.push(
            Diagnostic::new(
                at("version"),
                text!(
                    "version `{version}` in force is older than the last revision (`{newest}`)",
                    "现行版本“{version}”比最后一条修订记录的“{newest}”还旧"
                ),
            )
            .field("version")
            .hint(text!(
                "the version in force is usually the last revision's",
                "现行版本一般就是最后一条修订记录的版本"
            )),
        );
    }
    if is_iso_date(effective) && is_iso_date(date) && effective < date.as_str() {
        errors.push(
            Diagnostic::new(
                at("effective"),
                text!(
                    "effective date {effective} is before the last revision ({date})",
                    "生效日期 {effective} 早于最后一次修订的日期 {date}"
                ),
            )
            .field("effective")
            .hint(text!(
                "a version takes effect on or after the day it was revised",
                "文件应在修订当天或之后生效"
            )),
        );
    }
}

fn not_a_date(at: Location, field: &str, what: Text, value: &str) -> Diagnostic {
    Diagnostic::new(
        at,
        Text::new(
            format!("{} `{value}` is not a date", what.en),
            format!("{}“{value}”不是一个有效的日期", what.zh),
        ),
    )
    .field(field)
    .hint(text!(
        "write dates as YYYY-MM-DD, e.g. 2024-03-01",
        "日期请按 YYYY-MM-DD（年-月-日）的格式写，例如 2024-03-01"
    ))
}

/// The numbers in a version (`V2.1` is 2, 1), to order versions by.
fn numbers(version: &str) -> Vec<u64> {
    version
        .split(|c: char| !c.is_ascii_digit())
        .filter(|part| !part.is_empty())
        .map(|part| part.parse().unwrap_or(u64::MAX))
        .collect()
}

/// Versions compared by their numbers (V1.10 after V1.9, 2 the same as
/// 2.0); `None` when either has none.
pub fn compare_versions(a: &str, b: &str) -> Option<Ordering> {
    let (a, b) = (numbers(a), numbers(b));
    if a.is_empty() || b.is_empty() {
        return None;
    }
    let len = a.len().max(b.len());
    let at = |v: &[u64], i: usize| v.get(i).copied().unwrap_or(0);
    Some(
        (0..len)
            .map(|i| at(&a, i).cmp(&at(&b, i)))
            .fold(Ordering::Equal, Ordering::then),
    )
}

/// The file line of each item of the list under `key`, in order; none for a
/// list written on one line (`[…]`).
fn item_lines(split: &Split<'_>, key: &str) -> Vec<usize> {
    let lines: Vec<&str> = split.yaml.lines().collect();
    let Some(start) = lines.iter().position(|l| {
        l.strip_prefix(key)
            .is_some_and(|rest| rest.trim_start().starts_with(':'))
    }) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate().skip(start + 1) {
        let body = line.trim_start();
        let indented = line.len() > body.len();
        if !indented && !body.starts_with('-') && !body.is_empty() && !body.starts_with('#') {
            break;
        }
        if body.starts_with("- ") || body == "-" {
            out.push(split.yaml_line + i);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_compare_by_their_numbers() {
        assert_eq!(compare_versions("V1.10", "V1.9"), Some(Ordering::Greater));
        assert_eq!(compare_versions("2", "2.0"), Some(Ordering::Equal));
        assert_eq!(compare_versions("A/0", "A/1"), Some(Ordering::Less));
        assert_eq!(compare_versions("初版", "V1"), None);
    }
}

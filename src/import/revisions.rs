//! A document's revision history after parsing: oldest first, one row per
//! version, and what looks wrong reported.

use std::cmp::Ordering;

use super::history::RevisionRow;
use super::keywords::Control;
use super::parse::{DocDraft, Item, Located};
use super::report::{EntryKind, Notes};
use crate::model::compare_versions;
use crate::text::date::iso_date;

/// Puts a document's revision history in the order the content format
/// wants (oldest first, by version), gives a row that repeats a version back
/// to the document's text, and reports what was read and what looks wrong.
pub fn tidy(doc: &mut DocDraft, notes: &mut Notes) {
    let before: Vec<usize> = doc.revisions.iter().map(|r| r.line).collect();
    let by_version = |a: &Located<RevisionRow>, b: &Located<RevisionRow>| {
        compare_versions(&a.value.version, &b.value.version).unwrap_or(Ordering::Equal)
    };
    doc.revisions.sort_by(by_version);
    if doc
        .revisions
        .iter()
        .map(|r| r.line)
        .ne(before.iter().copied())
    {
        let line = before.first().copied().unwrap_or(doc.line);
        notes.add(
            EntryKind::Repaired,
            line,
            "listed the revision history oldest first",
        );
    }
    let mut kept: Vec<Located<RevisionRow>> = Vec::new();
    for row in std::mem::take(&mut doc.revisions) {
        let repeats = kept
            .last()
            .is_some_and(|k| by_version(k, &row) == Ordering::Equal);
        let r = &row.value;
        if repeats {
            let message = format!("revision `{}` repeats a version: kept as text", r.version);
            notes.add(EntryKind::Dubious, row.line, message);
            doc.duties.push(as_text(&row));
            continue;
        }
        let message = format!("read revision {} of {}: {}", r.version, r.date, r.summary);
        notes.add(EntryKind::Read, row.line, message);
        kept.push(row);
    }
    check_dates(doc, &kept, notes);
    doc.revisions = kept;
}

/// Dates that go back in time, or an effective date before the last
/// revision: kept as read, for HR to settle (`handbook check` names them).
fn check_dates(doc: &DocDraft, rows: &[Located<RevisionRow>], notes: &mut Notes) {
    for pair in rows.windows(2) {
        if pair[1].value.date < pair[0].value.date {
            let message = format!(
                "revision {} is dated before the one before it: check the dates",
                pair[1].value.version
            );
            notes.add(EntryKind::Dubious, pair[1].line, message);
        }
    }
    let effective = (doc.control.iter())
        .find(|(c, _)| *c == Control::Effective)
        .and_then(|(_, v)| iso_date(&v.value));
    if let (Some(effective), Some(last)) = (effective, rows.last()) {
        if effective < last.value.date {
            let message = format!(
                "the effective date {effective} is before the last revision ({})",
                last.value.date
            );
            notes.add(EntryKind::Dubious, last.line, message);
        }
    }
}

fn as_text(row: &Located<RevisionRow>) -> Item {
    let r = &row.value;
    Item {
        marker: None,
        text: format!("{} {} {}", r.version, r.date, r.summary),
        line: row.line,
        children: Vec::new(),
    }
}

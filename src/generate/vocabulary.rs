//! The words a generated handbook is made of: titles, duties, authority and
//! qualifications taken from a real handbook. A snapshot of the project's own
//! `content/` is compiled in (`vocabulary.txt`), so `handbook generate` works
//! from any folder; `Vocabulary::from_handbook` takes it from any loaded
//! handbook instead.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use crate::model::rich::TextItem;
use crate::model::{Handbook, Item};

/// The snapshot of the project's `content/`. Refresh it with
/// `cargo test --test testsuite -- --ignored refresh_vocabulary`.
const EMBEDDED: &str = include_str!("vocabulary.txt");

/// Distinct texts by kind, sorted, so the same source always gives the same
/// pools.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Vocabulary {
    pub role_titles: Vec<String>,
    pub document_titles: Vec<String>,
    pub organizations: Vec<String>,
    pub industries: Vec<String>,
    pub external_superiors: Vec<String>,
    /// Top-level duties that head a group of sub-duties in the source.
    pub duty_heads: Vec<String>,
    /// Every other duty, at any level.
    pub duties: Vec<String>,
    pub department_duties: Vec<String>,
    pub key_responsibility: Vec<String>,
    pub authority: Vec<String>,
    pub qualifications: Vec<String>,
}

/// Section names in `vocabulary.txt`, in file order.
const SECTIONS: [&str; 11] = [
    "role_titles",
    "document_titles",
    "organizations",
    "industries",
    "external_superiors",
    "duty_heads",
    "duties",
    "department_duties",
    "key_responsibility",
    "authority",
    "qualifications",
];

impl Vocabulary {
    /// The compiled-in snapshot of the project's `content/`.
    pub fn embedded() -> Vocabulary {
        Vocabulary::parse(EMBEDDED)
    }

    /// The vocabulary of a loaded handbook.
    pub fn from_handbook(handbook: &Handbook) -> Vocabulary {
        let mut v = Vocabulary::default();
        let roles = || handbook.roles().map(|(_, r)| r);
        v.role_titles = sorted(roles().map(|r| r.title.clone()));
        v.document_titles = sorted(handbook.documents.iter().map(|d| d.title.clone()));
        v.organizations = sorted(handbook.documents.iter().map(|d| d.organization.clone()));
        v.industries = sorted(handbook.documents.iter().map(|d| d.industry.clone()));
        v.external_superiors = sorted(
            handbook
                .documents
                .iter()
                .flat_map(|d| d.external_superiors.clone()),
        );
        let duty_items: Vec<TextItem> = roles().flat_map(|r| r.duties.items()).collect();
        v.duty_heads = sorted(
            duty_items
                .iter()
                .filter(|i| !i.items.is_empty())
                .map(|i| i.text.clone()),
        );
        v.duties = sorted(duty_items.iter().flat_map(leaves));
        v.department_duties = sorted(
            handbook
                .documents
                .iter()
                .flat_map(|d| d.duties.items())
                .flat_map(|i| all_texts(&i)),
        );
        v.key_responsibility = sorted(roles().flat_map(|r| item_texts(&r.key_responsibility)));
        v.authority = sorted(roles().flat_map(|r| item_texts(&r.authority)));
        v.qualifications = sorted(roles().flat_map(|r| item_texts(&r.qualifications)));
        v
    }

    /// The `vocabulary.txt` form: `[section]` lines, then one text a line.
    pub fn to_text(&self) -> String {
        let mut out = String::from(
            "# Vocabulary of `handbook generate`, taken from content/.\n\
             # Refresh: cargo test --test testsuite -- --ignored refresh_vocabulary\n",
        );
        for (name, texts) in SECTIONS.iter().zip(self.sections()) {
            let _ = writeln!(out, "\n[{name}]");
            for text in texts {
                let _ = writeln!(out, "{text}");
            }
        }
        out
    }

    fn parse(text: &str) -> Vocabulary {
        let mut v = Vocabulary::default();
        let mut current: Option<usize> = None;
        for line in text.lines().map(str::trim) {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                current = SECTIONS.iter().position(|s| *s == name);
                continue;
            }
            if let Some(i) = current {
                v.sections_mut()[i].push(line.to_string());
            }
        }
        v
    }

    fn sections(&self) -> [&Vec<String>; 11] {
        [
            &self.role_titles,
            &self.document_titles,
            &self.organizations,
            &self.industries,
            &self.external_superiors,
            &self.duty_heads,
            &self.duties,
            &self.department_duties,
            &self.key_responsibility,
            &self.authority,
            &self.qualifications,
        ]
    }

    fn sections_mut(&mut self) -> [&mut Vec<String>; 11] {
        [
            &mut self.role_titles,
            &mut self.document_titles,
            &mut self.organizations,
            &mut self.industries,
            &mut self.external_superiors,
            &mut self.duty_heads,
            &mut self.duties,
            &mut self.department_duties,
            &mut self.key_responsibility,
            &mut self.authority,
            &mut self.qualifications,
        ]
    }
}

/// Distinct, non-empty, one-line texts in a fixed order.
fn sorted(texts: impl Iterator<Item = String>) -> Vec<String> {
    let set: BTreeSet<String> = texts
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|t| !t.is_empty() && !t.starts_with(['#', '[']))
        .collect();
    set.into_iter().collect()
}

/// The texts of an item without sub-items, or of its sub-items.
fn leaves(item: &TextItem) -> Vec<String> {
    if item.items.is_empty() {
        vec![item.text.clone()]
    } else {
        item.items.iter().flat_map(all_texts).collect()
    }
}

fn all_texts(item: &TextItem) -> Vec<String> {
    std::iter::once(item.text.clone())
        .chain(item.items.iter().flat_map(all_texts))
        .collect()
}

/// Front-matter items without their group headings (`技能技巧:` means
/// nothing without the sub-items it introduces).
fn item_texts(items: &[Item]) -> Vec<String> {
    items
        .iter()
        .flat_map(|i| {
            if i.items.is_empty() {
                vec![i.text.plain_text()]
            } else {
                item_texts(&i.items)
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_form_round_trips() {
        let v = Vocabulary::embedded();
        assert!(v.role_titles.len() >= 10, "{:?}", v.role_titles);
        assert!(v.duties.len() >= 100);
        assert_eq!(Vocabulary::parse(&v.to_text()), v);
    }
}

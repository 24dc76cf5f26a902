//! Two snapshots compared: roles added, removed, renamed, moved to another
//! superior, and the items of each field added, removed or changed.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use super::snapshot::{DocSnapshot, FieldSnapshot, RoleSnapshot, Snapshot};

/// Two items this alike (share of characters in common, by edit distance)
/// are one item changed rather than one removed and another added.
const ALIKE: f64 = 0.5;

/// Everything that changed, in the order of the new handbook (removed roles
/// in the order of the old).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Changes {
    pub added: Vec<RoleNote>,
    pub removed: Vec<RoleNote>,
    /// Roles whose title changed: `before` is the old title.
    pub renamed: Vec<RoleNote>,
    /// Roles with another superior: `before` is the old one, `after` the new.
    pub moved: Vec<RoleNote>,
    pub roles: Vec<RoleChange>,
    pub documents: Vec<DocChange>,
}

/// A role named in the changes; `before` and `after` as the kind of change
/// says.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct RoleNote {
    pub doc: String,
    pub id: String,
    pub title: String,
    pub before: String,
    pub after: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct RoleChange {
    pub doc: String,
    pub id: String,
    pub title: String,
    pub fields: Vec<FieldChange>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct DocChange {
    pub doc: String,
    pub source: String,
    pub title: String,
    pub fields: Vec<FieldChange>,
}

/// The changed items of one field: `key` as in the content, `label` for a
/// department's own section.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct FieldChange {
    pub key: String,
    pub label: String,
    pub added: Vec<String>,
    pub removed: Vec<String>,
    /// `(before, after)`.
    pub changed: Vec<(String, String)>,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        *self == Changes::default()
    }

    /// How each role page that shows something changed is marked: `added`
    /// or `changed`, by role id. Made once per variant, not looked up in
    /// the lists for each of 10,000 pages.
    pub fn marks(&self) -> HashMap<String, &'static str> {
        let changed = (self.renamed.iter().chain(&self.moved))
            .map(|n| &n.id)
            .chain(self.roles.iter().map(|r| &r.id))
            .map(|id| (id.clone(), "changed"));
        let added = self.added.iter().map(|n| (n.id.clone(), "added"));
        // Added last: a new role is marked new, whatever else it is.
        changed.chain(added).collect()
    }

    /// Every text a reader sees mapped by `f` (into the variant's script).
    pub fn map_text(&self, f: &dyn Fn(&str) -> String) -> Changes {
        let note = |n: &RoleNote| RoleNote {
            doc: n.doc.clone(),
            id: n.id.clone(),
            title: f(&n.title),
            before: f(&n.before),
            after: f(&n.after),
        };
        let notes = |list: &[RoleNote]| list.iter().map(note).collect();
        let fields = |list: &[FieldChange]| list.iter().map(|c| c.map_text(f)).collect();
        Changes {
            added: notes(&self.added),
            removed: notes(&self.removed),
            renamed: notes(&self.renamed),
            moved: notes(&self.moved),
            roles: (self.roles.iter())
                .map(|r| RoleChange {
                    doc: r.doc.clone(),
                    id: r.id.clone(),
                    title: f(&r.title),
                    fields: fields(&r.fields),
                })
                .collect(),
            documents: (self.documents.iter())
                .map(|d| DocChange {
                    doc: d.doc.clone(),
                    source: f(&d.source),
                    title: f(&d.title),
                    fields: fields(&d.fields),
                })
                .collect(),
        }
    }
}

impl FieldChange {
    fn map_text(&self, f: &dyn Fn(&str) -> String) -> FieldChange {
        let all = |list: &[String]| list.iter().map(|t| f(t)).collect();
        FieldChange {
            key: self.key.clone(),
            label: f(&self.label),
            added: all(&self.added),
            removed: all(&self.removed),
            changed: (self.changed.iter()).map(|(a, b)| (f(a), f(b))).collect(),
        }
    }

    fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.changed.is_empty()
    }
}

/// What changed from `old` to `new`.
pub fn compare(old: &Snapshot, new: &Snapshot) -> Changes {
    let old_roles = roles_by_id(old);
    let new_roles = roles_by_id(new);
    let mut changes = Changes::default();
    for (doc, role) in new
        .documents
        .iter()
        .flat_map(|d| d.roles.iter().map(move |r| (d, r)))
    {
        match old_roles.get(role.id.as_str()) {
            None => changes.added.push(note(doc, role, "", "")),
            Some((_, was)) => compare_role(doc, was, role, &mut changes),
        }
    }
    for (doc, role) in old
        .documents
        .iter()
        .flat_map(|d| d.roles.iter().map(move |r| (d, r)))
    {
        if !new_roles.contains_key(role.id.as_str()) {
            changes.removed.push(note(doc, role, "", ""));
        }
    }
    for doc in &new.documents {
        let Some(was) = old.documents.iter().find(|d| d.id == doc.id) else {
            continue;
        };
        let fields = compare_fields(&was.fields, &doc.fields);
        if !fields.is_empty() {
            changes.documents.push(DocChange {
                doc: doc.id.clone(),
                source: doc.source.clone(),
                title: doc.title.clone(),
                fields,
            });
        }
    }
    changes
}

type ById<'a> = BTreeMap<&'a str, (&'a DocSnapshot, &'a RoleSnapshot)>;

fn roles_by_id(snapshot: &Snapshot) -> ById<'_> {
    (snapshot.documents.iter())
        .flat_map(|d| d.roles.iter().map(move |r| (r.id.as_str(), (d, r))))
        .collect()
}

fn note(doc: &DocSnapshot, role: &RoleSnapshot, before: &str, after: &str) -> RoleNote {
    RoleNote {
        doc: doc.id.clone(),
        id: role.id.clone(),
        title: role.title.clone(),
        before: before.to_string(),
        after: after.to_string(),
    }
}

fn compare_role(doc: &DocSnapshot, was: &RoleSnapshot, role: &RoleSnapshot, changes: &mut Changes) {
    if was.title != role.title {
        changes
            .renamed
            .push(note(doc, role, &was.title, &role.title));
    }
    if moved(was, role) {
        changes
            .moved
            .push(note(doc, role, &was.superior, &role.superior));
    }
    let fields = compare_fields(&was.fields, &role.fields);
    if !fields.is_empty() {
        changes.roles.push(RoleChange {
            doc: doc.id.clone(),
            id: role.id.clone(),
            title: role.title.clone(),
            fields,
        });
    }
}

/// Whether the role reports to someone else: another role, or another
/// external superior; a superior that was only renamed is the same.
fn moved(was: &RoleSnapshot, role: &RoleSnapshot) -> bool {
    match (was.superior_id.is_empty(), role.superior_id.is_empty()) {
        (false, false) => was.superior_id != role.superior_id,
        (true, true) => was.superior != role.superior,
        _ => true,
    }
}

/// The fields whose items differ, in the new order (fields that are gone
/// after them).
fn compare_fields(old: &[FieldSnapshot], new: &[FieldSnapshot]) -> Vec<FieldChange> {
    let same = |a: &FieldSnapshot, b: &FieldSnapshot| a.key == b.key && a.label == b.label;
    let empty: Vec<String> = Vec::new();
    let mut out: Vec<FieldChange> = Vec::new();
    for field in new {
        let before = old
            .iter()
            .find(|f| same(f, field))
            .map_or(&empty, |f| &f.items);
        out.push(compare_items(field, before, &field.items));
    }
    for field in old.iter().filter(|f| !new.iter().any(|n| same(n, f))) {
        out.push(compare_items(field, &field.items, &empty));
    }
    out.retain(|c| !c.is_empty());
    out
}

/// Items in both (as many times as in both) are unchanged, wherever they
/// stand; of the rest, the most alike pairs are changed items.
fn compare_items(field: &FieldSnapshot, old: &[String], new: &[String]) -> FieldChange {
    let mut removed: Vec<String> = old.to_vec();
    let mut added: Vec<String> = Vec::new();
    for item in new {
        match removed.iter().position(|o| o == item) {
            Some(at) => {
                removed.remove(at);
            }
            None => added.push(item.clone()),
        }
    }
    let changed = pair_alike(&mut removed, &mut added);
    FieldChange {
        key: field.key.clone(),
        label: field.label.clone(),
        added,
        removed,
        changed,
    }
}

/// Takes out the pairs (removed, added) most alike first, each at least
/// [`ALIKE`].
fn pair_alike(removed: &mut Vec<String>, added: &mut Vec<String>) -> Vec<(String, String)> {
    let mut scored: Vec<(f64, usize, usize)> = Vec::new();
    for (i, a) in removed.iter().enumerate() {
        for (j, b) in added.iter().enumerate() {
            let score = strsim::normalized_levenshtein(a, b);
            if score >= ALIKE {
                scored.push((score, i, j));
            }
        }
    }
    scored.sort_by(|x, y| y.0.total_cmp(&x.0).then((x.1, x.2).cmp(&(y.1, y.2))));
    let (mut used_old, mut used_new) = (vec![false; removed.len()], vec![false; added.len()]);
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for (_, i, j) in scored {
        if !used_old[i] && !used_new[j] {
            used_old[i] = true;
            used_new[j] = true;
            pairs.push((i, j));
        }
    }
    pairs.sort_by_key(|&(_, j)| j);
    let changed = pairs
        .iter()
        .map(|&(i, j)| (removed[i].clone(), added[j].clone()))
        .collect();
    let keep = |list: &mut Vec<String>, used: &[bool]| {
        let mut k = 0;
        list.retain(|_| {
            k += 1;
            !used[k - 1]
        });
    };
    keep(removed, &used_old);
    keep(added, &used_new);
    changed
}

/// A piece of a character-level difference: text in both, only before, or
/// only after.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Piece {
    /// `same`, `removed` or `added`.
    pub kind: &'static str,
    pub text: String,
}

/// `before` → `after` character by character, runs of one kind joined.
pub fn char_diff(before: &str, after: &str) -> Vec<Piece> {
    let diff = similar::TextDiff::from_chars(before, after);
    let mut out: Vec<Piece> = Vec::new();
    for change in diff.iter_all_changes() {
        let kind = match change.tag() {
            similar::ChangeTag::Equal => "same",
            similar::ChangeTag::Delete => "removed",
            similar::ChangeTag::Insert => "added",
        };
        match out.last_mut() {
            Some(last) if last.kind == kind => last.text.push_str(change.value()),
            _ => out.push(Piece {
                kind,
                text: change.value().to_string(),
            }),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(items: &[&str]) -> FieldSnapshot {
        FieldSnapshot {
            key: "duties".into(),
            label: String::new(),
            items: items.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn reordering_is_no_change_and_alike_items_are_changed() {
        let old = field(&["负责盘点。", "完成领导交办的其他工作。", "制定销售计划。"]);
        let new = field(&[
            "制定销售计划。",
            "完成领导交办的其他工作。",
            "负责每月盘点。",
            "培训新员工。",
        ]);
        let c = compare_items(&new, &old.items, &new.items);
        assert_eq!(
            c.changed,
            [("负责盘点。".to_string(), "负责每月盘点。".to_string())]
        );
        assert_eq!(c.added, ["培训新员工。"]);
        assert!(c.removed.is_empty());
        let same = compare_items(
            &new,
            &new.items,
            &[
                "培训新员工。".into(),
                "负责每月盘点。".into(),
                "完成领导交办的其他工作。".into(),
                "制定销售计划。".into(),
            ],
        );
        assert!(same.is_empty(), "{same:?}");
    }

    #[test]
    fn a_difference_by_characters() {
        let pieces = char_diff("负责盘点。", "负责每月盘点。");
        let shown: Vec<(&str, &str)> = pieces.iter().map(|p| (p.kind, p.text.as_str())).collect();
        assert_eq!(
            shown,
            [("same", "负责"), ("added", "每月"), ("same", "盘点。")]
        );
    }
}

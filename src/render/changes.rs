//! `<variant>/changes.html`: what changed since the build compared with
//! (`handbook build --compare-to`), each changed item as a character-level
//! difference in the variant's script.

use serde::Serialize;

use super::html::Links;
use super::{Page, VariantContext};
use crate::changes::{char_diff, Changes, FieldChange, Piece, RoleNote};
use crate::error::Result;
use crate::model::Handbook;

/// Where the page is written, relative to the variant root.
pub const CHANGES_PAGE: &str = "changes.html";

#[derive(Serialize)]
struct ChangesView {
    added: Vec<NoteView>,
    removed: Vec<NoteView>,
    renamed: Vec<NoteView>,
    moved: Vec<NoteView>,
    roles: Vec<RoleView>,
    documents: Vec<RoleView>,
    empty: bool,
}

/// A role named in the changes; `href` when it has a page now.
#[derive(Serialize)]
struct NoteView {
    id: String,
    href: Option<String>,
    title: String,
    document: String,
    before: String,
    after: String,
}

/// A role's or a document's changed fields.
#[derive(Serialize)]
struct RoleView {
    anchor: String,
    href: String,
    title: String,
    document: String,
    fields: Vec<FieldView>,
}

#[derive(Serialize)]
struct FieldView {
    label: String,
    added: Vec<String>,
    removed: Vec<String>,
    changed: Vec<Vec<Piece>>,
}

/// The page, with its breadcrumb `trail`.
pub fn render_changes(
    ctx: &VariantContext<'_>,
    handbook: &Handbook,
    changes: &Changes,
    trail: &impl Serialize,
) -> Result<Page> {
    let mut c = ctx.page_context_at(handbook, CHANGES_PAGE)?;
    let document = |doc: &str| {
        (handbook.documents.iter())
            .find(|d| d.id.as_str() == doc)
            .map_or(doc.to_string(), |d| format!("{} {}", d.source, d.title))
    };
    let pages: std::collections::HashSet<&str> =
        handbook.roles().map(|(_, r)| r.id.as_str()).collect();
    let exists = |id: &str| pages.contains(id);
    let note = |n: &RoleNote| NoteView {
        id: n.id.clone(),
        href: exists(&n.id).then(|| Links::Pages("").role(&n.doc, &n.id)),
        title: n.title.clone(),
        document: document(&n.doc),
        before: n.before.clone(),
        after: n.after.clone(),
    };
    let notes = |list: &[RoleNote]| list.iter().map(note).collect();
    let view = ChangesView {
        added: notes(&changes.added),
        removed: notes(&changes.removed),
        renamed: notes(&changes.renamed),
        moved: notes(&changes.moved),
        roles: (changes.roles.iter())
            .map(|r| RoleView {
                anchor: format!("role-{}", r.id),
                href: Links::Pages("").role(&r.doc, &r.id),
                title: r.title.clone(),
                document: document(&r.doc),
                fields: fields(ctx, &r.fields),
            })
            .collect(),
        documents: (changes.documents.iter())
            .map(|d| RoleView {
                anchor: format!("doc-{}", d.doc),
                href: Links::Pages("").document(&d.doc),
                title: format!("{} {}", d.source, d.title),
                document: String::new(),
                fields: fields(ctx, &d.fields),
            })
            .collect(),
        empty: changes.is_empty(),
    };
    c.insert("changes", &view);
    c.insert("breadcrumbs", trail);
    ctx.render("changes.html", &c, CHANGES_PAGE)
}

fn fields(ctx: &VariantContext<'_>, list: &[FieldChange]) -> Vec<FieldView> {
    (list.iter())
        .map(|f| FieldView {
            label: match f.label.is_empty() {
                true => ctx
                    .strings
                    .get(&f.key)
                    .cloned()
                    .unwrap_or_else(|| f.key.clone()),
                false => f.label.clone(),
            },
            added: f.added.clone(),
            removed: f.removed.clone(),
            changed: f.changed.iter().map(|(a, b)| char_diff(a, b)).collect(),
        })
        .collect()
}

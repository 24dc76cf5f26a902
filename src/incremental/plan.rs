//! Which pages an edit touches, found by comparing the handbook before and
//! after it rather than by tracking dependencies: a role page shows its own
//! role, its document's outline (the chart names every role of the
//! document), its neighbours in reading order and its related roles; pages
//! about the whole handbook are rendered again whenever anything changed and
//! written only if their bytes differ.

use std::collections::{BTreeMap, HashMap};

use crate::model::{DocId, Document, Handbook, Role, RoleId, Superior};
use crate::pipeline::Related;

/// What a page shows of a role it links to (title, depth, document): when
/// any of it changes, the linking pages change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleKey {
    pub doc: DocId,
    pub id: RoleId,
    title: String,
    depth: usize,
    doc_title: String,
    source: String,
}

/// Every role in reading order, with where each one is.
#[derive(Debug, Clone, Default)]
pub struct Order {
    pub keys: Vec<RoleKey>,
    /// (document index, role index) of each entry of `keys`.
    pub places: Vec<(usize, usize)>,
    position: HashMap<RoleId, usize>,
}

impl Order {
    pub fn new(handbook: &Handbook) -> Order {
        let mut order = Order::default();
        for (d, doc) in handbook.documents.iter().enumerate() {
            for (r, role) in doc.roles.iter().enumerate() {
                order.position.insert(role.id.clone(), order.keys.len());
                order.keys.push(role_key(doc, role));
                order.places.push((d, r));
            }
        }
        order
    }

    fn key(&self, id: &RoleId) -> Option<&RoleKey> {
        self.position.get(id).map(|&i| &self.keys[i])
    }

    /// The keys of the roles before and after position `i`.
    fn around(&self, i: usize) -> (Option<&RoleKey>, Option<&RoleKey>) {
        (
            i.checked_sub(1).map(|p| &self.keys[p]),
            self.keys.get(i + 1),
        )
    }

    fn same_sequence(&self, other: &Order) -> bool {
        self.keys.len() == other.keys.len()
            && (self.keys.iter().zip(&other.keys)).all(|(a, b)| a.doc == b.doc && a.id == b.id)
    }
}

fn role_key(doc: &Document, role: &Role) -> RoleKey {
    RoleKey {
        doc: doc.id.clone(),
        id: role.id.clone(),
        title: role.title.clone(),
        depth: role.depth,
        doc_title: doc.title.clone(),
        source: doc.source.clone(),
    }
}

/// The documents an edit touched: the previous version of each (`None` for
/// a new one). A removed document is here and not in the new handbook.
pub type Touched = BTreeMap<DocId, Option<Document>>;

/// Positions (in the new reading order) of the role pages to render again
/// before related roles are recomputed.
pub fn role_pages(
    touched: &Touched,
    new: &Handbook,
    old_order: &Order,
    order: &Order,
) -> Vec<usize> {
    (0..order.keys.len())
        .filter(|&i| {
            let (d, r) = order.places[i];
            let doc = &new.documents[d];
            let role_changed = match touched.get(&doc.id) {
                None => false,
                Some(None) => true,
                Some(Some(old)) => {
                    !same_outline(old, doc) || old.role(&doc.roles[r].id) != Some(&doc.roles[r])
                }
            };
            role_changed || neighbours_changed(old_order, order, i)
        })
        .collect()
}

/// Whether a role now belongs to another document than before: links to it
/// from any page, `role:` links in text included, then point elsewhere.
pub fn roles_moved(old_order: &Order, order: &Order) -> bool {
    order
        .keys
        .iter()
        .any(|key| old_order.key(&key.id).is_some_and(|was| was.doc != key.doc))
}

/// Positions of the documents whose pages show something that changed:
/// their fields, duties, or the titles and tree of their roles.
pub fn document_pages(touched: &Touched, new: &Handbook) -> Vec<usize> {
    (new.documents.iter().enumerate())
        .filter(|(_, doc)| match touched.get(&doc.id) {
            None => false,
            Some(None) => true,
            Some(Some(old)) => !same_outline(old, doc) || old.duties != doc.duties,
        })
        .map(|(i, _)| i)
        .collect()
}

fn neighbours_changed(old_order: &Order, order: &Order, i: usize) -> bool {
    match old_order.position.get(&order.keys[i].id) {
        Some(&was) => old_order.around(was) != order.around(i),
        None => true,
    }
}

/// Positions of the role pages whose related roles (or what they show of
/// them) differ between `old` and `new`.
pub fn related_pages(old: &Related, new: &Related, old_order: &Order, order: &Order) -> Vec<usize> {
    (0..order.keys.len())
        .filter(|&i| {
            let id = &order.keys[i].id;
            let (was, now) = (old.get(id), new.get(id));
            was != now
                || now
                    .into_iter()
                    .flatten()
                    .any(|r| old_order.key(r) != order.key(r))
        })
        .collect()
}

/// Whether related roles must be computed again: they depend on every
/// role's title, key responsibility and duties, and (through the order in
/// which scores are summed) on the reading order.
pub fn related_inputs_changed(
    touched: &Touched,
    new: &Handbook,
    old_order: &Order,
    order: &Order,
) -> bool {
    if !old_order.same_sequence(order) {
        return true;
    }
    touched.iter().any(|(id, old)| {
        let now = new.documents.iter().find(|d| &d.id == id);
        match (old, now) {
            (Some(old), Some(now)) => (old.roles.iter().zip(&now.roles)).any(|(a, b)| {
                a.title != b.title
                    || a.key_responsibility != b.key_responsibility
                    || a.duties != b.duties
            }),
            _ => true,
        }
    })
}

/// What every role page of a document shows of it: its fields and its
/// reporting tree with titles.
fn same_outline(a: &Document, b: &Document) -> bool {
    fields(a) == fields(b)
        && a.roles.len() == b.roles.len()
        && a.roles
            .iter()
            .zip(&b.roles)
            .all(|(x, y)| tree(x) == tree(y))
}

type Fields<'a> = (&'a DocId, [&'a str; 5], &'a [String]);

fn fields(d: &Document) -> Fields<'_> {
    let texts = [
        d.title.as_str(),
        &d.organization,
        &d.industry,
        &d.source,
        &d.summary,
    ];
    (&d.id, texts, &d.external_superiors)
}

type Tree<'a> = (
    &'a RoleId,
    &'a str,
    Option<&'a Superior>,
    usize,
    &'a [RoleId],
);

fn tree(r: &Role) -> Tree<'_> {
    (
        &r.id,
        &r.title,
        r.reports_to.as_ref(),
        r.depth,
        &r.direct_reports,
    )
}

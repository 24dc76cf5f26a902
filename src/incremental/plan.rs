//! Which pages an edit touches, found by comparing the handbook before and
//! after it rather than by tracking dependencies: a role page shows its own
//! role, its document's fields, its place in the document's reporting tree
//! (its superiors up to the top and its direct reports, as the chart slice
//! draws it), its neighbours in reading order and its related roles; a
//! document page shows the whole tree. Pages about the whole handbook are
//! rendered again whenever anything changed and written only if their bytes
//! differ.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::{Arc, OnceLock};

use crate::model::{Control, DocId, Document, Handbook, Role, RoleId, Superior};
use crate::pipeline::Related;
use crate::render::RoleShown;
use crate::search::RelatedInputs;

/// A role with what other pages show of it ([`RoleShown`], render's own
/// definition): when that changes, the pages mentioning it change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleKey {
    pub doc: DocId,
    pub id: RoleId,
    shown: RoleShown<String>,
}

/// Every role in reading order, with where each one is.
#[derive(Debug, Clone, Default)]
pub struct Order {
    /// The keys of each document's roles. An incremental rebuild shares
    /// those of the documents it did not touch with the previous order:
    /// making 10,000 keys takes milliseconds.
    docs: Vec<(DocId, Arc<[RoleKey]>)>,
    /// (document index, role index) of each position.
    places: Vec<(usize, usize)>,
    /// The position of each role, made when first needed (the previous
    /// order's in the first pass, the new one's in the second).
    position: OnceLock<HashMap<RoleId, usize>>,
}

impl Order {
    pub fn new(handbook: &Handbook) -> Order {
        Order::of(handbook.documents.iter().map(document_keys).collect())
    }

    /// The order of `new`, sharing the keys of the documents not in
    /// `touched` (unchanged, so the same keys) with this one.
    pub fn updated(&self, new: &Handbook, touched: &Touched) -> Order {
        let kept: HashMap<&DocId, &Arc<[RoleKey]>> = (self.docs.iter())
            .filter(|(id, _)| !touched.contains_key(id))
            .map(|(id, keys)| (id, keys))
            .collect();
        let docs = (new.documents.iter())
            .map(|doc| match kept.get(&doc.id) {
                Some(&keys) => (doc.id.clone(), keys.clone()),
                None => document_keys(doc),
            })
            .collect();
        Order::of(docs)
    }

    fn of(docs: Vec<(DocId, Arc<[RoleKey]>)>) -> Order {
        let places = (docs.iter().enumerate())
            .flat_map(|(d, (_, keys))| (0..keys.len()).map(move |r| (d, r)))
            .collect();
        Order {
            docs,
            places,
            position: OnceLock::new(),
        }
    }

    /// The number of roles.
    pub fn len(&self) -> usize {
        self.places.len()
    }

    /// The key of the role at position `i`.
    fn at(&self, i: usize) -> &RoleKey {
        let (d, r) = self.places[i];
        &self.docs[d].1[r]
    }

    fn keys(&self) -> impl Iterator<Item = &RoleKey> {
        self.docs.iter().flat_map(|(_, keys)| keys.iter())
    }

    fn position(&self, id: &RoleId) -> Option<usize> {
        let position = self.position.get_or_init(|| {
            (self.keys().enumerate())
                .map(|(i, key)| (key.id.clone(), i))
                .collect()
        });
        position.get(id).copied()
    }

    fn key(&self, id: &RoleId) -> Option<&RoleKey> {
        self.position(id).map(|i| self.at(i))
    }

    /// The keys of the roles before and after position `i`.
    fn around(&self, i: usize) -> (Option<&RoleKey>, Option<&RoleKey>) {
        let before = i.checked_sub(1).map(|p| self.at(p));
        (before, (i + 1 < self.len()).then(|| self.at(i + 1)))
    }

    fn same_sequence(&self, other: &Order) -> bool {
        self.len() == other.len()
            && (self.keys().zip(other.keys())).all(|(a, b)| a.doc == b.doc && a.id == b.id)
    }
}

fn document_keys(doc: &Document) -> (DocId, Arc<[RoleKey]>) {
    let keys = doc.roles.iter().map(|role| role_key(doc, role)).collect();
    (doc.id.clone(), keys)
}

fn role_key(doc: &Document, role: &Role) -> RoleKey {
    RoleKey {
        doc: doc.id.clone(),
        id: role.id.clone(),
        shown: RoleShown::of(doc, role).to_owned(),
    }
}

/// The documents an edit touched: the previous version of each (`None` for
/// a new one). A removed document is here and not in the new handbook.
pub type Touched = BTreeMap<DocId, Option<Document>>;

/// Positions (in the new reading order) of the role pages to render again.
#[derive(Debug, Default)]
pub struct RolePages {
    /// Before related roles are recomputed: the pages that show what
    /// changed, and those whose neighbours in reading order changed.
    pub first: Vec<usize>,
    /// With the second pass: pages whose document changed only in its
    /// number of roles (a role came or went), which role pages of the
    /// default theme do not show; written only if their bytes differ.
    pub late: Vec<usize>,
}

pub fn role_pages(
    touched: &Touched,
    new: &Handbook,
    old_order: &Order,
    order: &Order,
) -> RolePages {
    let (changed, counted) = changed_roles(touched, new);
    let mut pages = RolePages::default();
    for i in candidates(touched, new) {
        let id = &order.at(i).id;
        if changed.contains(id) || neighbours_changed(old_order, order, i) {
            pages.first.push(i);
        } else if counted.contains(id) {
            pages.late.push(i);
        }
    }
    pages
}

/// The positions whose page may need rendering: every role of a touched
/// document, and the first and last of the others, whose neighbour in
/// reading order may be in a touched document. Inside an untouched
/// document nothing a page shows changed.
fn candidates(touched: &Touched, new: &Handbook) -> Vec<usize> {
    let mut out = Vec::new();
    let mut start = 0;
    for doc in &new.documents {
        let end = start + doc.roles.len();
        if touched.contains_key(&doc.id) {
            out.extend(start..end);
        } else if end > start {
            out.push(start);
            out.extend((end - 1 > start).then_some(end - 1));
        }
        start = end;
    }
    out
}

/// The roles of touched documents whose page shows something that changed
/// in their document, and those whose page differs only in the document's
/// number of roles.
fn changed_roles<'a>(
    touched: &Touched,
    new: &'a Handbook,
) -> (HashSet<&'a RoleId>, HashSet<&'a RoleId>) {
    let (mut changed, mut counted) = (HashSet::new(), HashSet::new());
    for doc in new.documents.iter() {
        match touched.get(&doc.id) {
            None => {}
            Some(None) => changed.extend(doc.roles.iter().map(|r| &r.id)),
            Some(Some(old)) => {
                let (was, now) = (Reporting::new(old), Reporting::new(doc));
                for role in &doc.roles {
                    let into = match (was.view(&role.id), now.view(&role.id)) {
                        (Some(a), Some(b)) if a == b => continue,
                        (Some(a), Some(b)) if a.same_but_count(&b) => &mut counted,
                        _ => &mut changed,
                    };
                    into.insert(&role.id);
                }
            }
        }
    }
    (changed, counted)
}

/// Whether a role now belongs to another document than before: links to it
/// from any page, `role:` links in text included, then point elsewhere.
/// Such a role is new in a touched document.
pub fn roles_moved(touched: &Touched, new: &Handbook, old_order: &Order) -> bool {
    (new.documents.iter())
        .filter(|doc| touched.contains_key(&doc.id))
        .flat_map(|doc| doc.roles.iter().map(move |r| (&doc.id, &r.id)))
        .any(|(doc, id)| old_order.key(id).is_some_and(|was| &was.doc != doc))
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
    match old_order.position(&order.at(i).id) {
        Some(was) => old_order.around(was) != order.around(i),
        None => true,
    }
}

/// Positions of the role pages whose related roles (or what they show of
/// them) differ between `old` and `new`.
pub fn related_pages(old: &Related, new: &Related, old_order: &Order, order: &Order) -> Vec<usize> {
    (0..order.len())
        .filter(|&i| {
            let id = &order.at(i).id;
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
            (Some(old), Some(now)) => (old.roles.iter().zip(&now.roles))
                .any(|(a, b)| RelatedInputs::of(a) != RelatedInputs::of(b)),
            _ => true,
        }
    })
}

/// A document's roles by id, to follow its reporting lines.
struct Reporting<'a> {
    doc: &'a Document,
    roles: HashMap<&'a RoleId, &'a Role>,
}

impl<'a> Reporting<'a> {
    fn new(doc: &'a Document) -> Reporting<'a> {
        let roles = doc.roles.iter().map(|r| (&r.id, r)).collect();
        Reporting { doc, roles }
    }

    /// What the page of role `id` shows of its document (`None` when the
    /// document has no such role): the document's fields and number of
    /// roles, the role, its chain of superiors (the chart slice, the
    /// superior's link) and its direct reports. Not the rest of the tree:
    /// a title change then renders again only the pages that show it.
    fn view(&self, id: &RoleId) -> Option<View<'a>> {
        let role = *self.roles.get(id)?;
        let reports = (role.direct_reports.iter())
            .map(|r| self.roles.get(r).map(|r| node(r)))
            .collect();
        Some(View {
            fields: fields(self.doc),
            roles: self.doc.roles.len(),
            role,
            superiors: self.superiors(role),
            reports,
        })
    }

    /// The superiors of `role` that are roles, nearest first; bounded by
    /// the number of roles, as the chart slice is.
    fn superiors(&self, role: &'a Role) -> Vec<Node<'a>> {
        let mut chain = Vec::new();
        let mut at = role;
        while let Some(Superior::Role(up)) = &at.reports_to {
            match self.roles.get(up) {
                Some(&next) if chain.len() < self.doc.roles.len() => {
                    chain.push(node(next));
                    at = next;
                }
                _ => break,
            }
        }
        chain
    }
}

#[derive(PartialEq)]
struct View<'a> {
    fields: Fields<'a>,
    roles: usize,
    role: &'a Role,
    superiors: Vec<Node<'a>>,
    reports: Vec<Option<Node<'a>>>,
}

impl View<'_> {
    /// Whether two views differ at most in the number of roles.
    fn same_but_count(&self, other: &View<'_>) -> bool {
        self.fields == other.fields
            && self.role == other.role
            && self.superiors == other.superiors
            && self.reports == other.reports
    }
}

/// What a chart box and a link show of a role.
type Node<'a> = (&'a RoleId, &'a str, Option<&'a Superior>, usize);

fn node(r: &Role) -> Node<'_> {
    (&r.id, &r.title, r.reports_to.as_ref(), r.depth)
}

/// What a document page shows of its document besides its duties: its
/// fields and its reporting tree with titles.
fn same_outline(a: &Document, b: &Document) -> bool {
    fields(a) == fields(b)
        && a.roles.len() == b.roles.len()
        && a.roles
            .iter()
            .zip(&b.roles)
            .all(|(x, y)| tree(x) == tree(y))
}

/// Its role pages show its control too, unless a role has its own.
type Fields<'a> = (&'a DocId, [&'a str; 5], &'a [String], &'a Control);

fn fields(d: &Document) -> Fields<'_> {
    let texts = [
        d.title.as_str(),
        &d.organization,
        &d.industry,
        &d.source,
        &d.summary,
    ];
    (&d.id, texts, &d.external_superiors, &d.control)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CustomSection, Facts, Item, Placement, Rich};

    /// Whether changing a field of a role changes what other pages show
    /// of it and what its related roles are found from.
    #[derive(Debug, PartialEq)]
    struct Reach {
        shown: bool,
        related: bool,
    }

    const OWN_PAGE: Reach = Reach {
        shown: false,
        related: false,
    };
    const SHOWN: Reach = Reach {
        shown: true,
        related: false,
    };
    const RELATED: Reach = Reach {
        shown: false,
        related: true,
    };
    const BOTH: Reach = Reach {
        shown: true,
        related: true,
    };

    fn item(text: &str) -> Vec<Item> {
        let events = vec![pulldown_cmark::Event::Text(text.to_string().into())];
        vec![Item {
            text: Rich { events },
            items: Vec::new(),
        }]
    }

    /// Every field of a role, changed, with where the change must reach.
    /// Adding a field to `model::Role` stops this compiling until the field
    /// is placed here. A field other pages show belongs in
    /// `render::RoleShown`, one that weighs in related roles in
    /// `search::RelatedInputs`; the reporting tree (`reports_to`,
    /// `direct_reports`) the planner compares itself; the rest is shown on
    /// the role's own page, rendered again whenever its file changes, or on
    /// pages about the whole handbook (`sort_key`: the role index), which
    /// every rebuild renders again.
    fn changed_fields(role: &Role) -> Vec<(&'static str, Role, Reach)> {
        let Role {
            id: _,
            title: _,
            reports_to: _,
            direct_reports: _,
            depth,
            facts: _,
            control: _,
            purpose: _,
            key_responsibility: _,
            duties: _,
            authority: _,
            internal_relations: _,
            external_relations: _,
            qualifications: _,
            environment: _,
            kpis: _,
            career: _,
            sections: _,
            sort_key: _,
            file: _,
        } = role;
        let r = role.clone();
        let superior = Some(Superior::External("总经理".to_string()));
        let other_id = RoleId::parse("other").expect("a slug");
        vec![
            (
                "id",
                Role {
                    id: other_id.clone(),
                    ..r.clone()
                },
                SHOWN,
            ),
            (
                "title",
                Role {
                    title: "新岗位".to_string(),
                    ..r.clone()
                },
                BOTH,
            ),
            (
                "reports_to",
                Role {
                    reports_to: superior,
                    ..r.clone()
                },
                OWN_PAGE,
            ),
            (
                "direct_reports",
                Role {
                    direct_reports: vec![other_id],
                    ..r.clone()
                },
                OWN_PAGE,
            ),
            (
                "depth",
                Role {
                    depth: depth + 1,
                    ..r.clone()
                },
                SHOWN,
            ),
            (
                "key_responsibility",
                Role {
                    key_responsibility: item("新"),
                    ..r.clone()
                },
                RELATED,
            ),
            (
                "duties",
                Role {
                    duties: item("新").remove(0).text,
                    ..r.clone()
                },
                RELATED,
            ),
            (
                "authority",
                Role {
                    authority: item("新"),
                    ..r.clone()
                },
                OWN_PAGE,
            ),
            (
                "qualifications",
                Role {
                    qualifications: item("新"),
                    ..r.clone()
                },
                OWN_PAGE,
            ),
            (
                "facts",
                Role {
                    facts: Facts {
                        department: "运营部".to_string(),
                        ..Facts::default()
                    },
                    ..r.clone()
                },
                OWN_PAGE,
            ),
            (
                "control",
                Role {
                    control: crate::model::Control {
                        version: "V2.0".to_string(),
                        ..Default::default()
                    },
                    ..r.clone()
                },
                OWN_PAGE,
            ),
            (
                "purpose",
                Role {
                    purpose: item("新"),
                    ..r.clone()
                },
                OWN_PAGE,
            ),
            (
                "internal_relations",
                Role {
                    internal_relations: item("新"),
                    ..r.clone()
                },
                OWN_PAGE,
            ),
            (
                "external_relations",
                Role {
                    external_relations: item("新"),
                    ..r.clone()
                },
                OWN_PAGE,
            ),
            (
                "environment",
                Role {
                    environment: item("新"),
                    ..r.clone()
                },
                OWN_PAGE,
            ),
            (
                "kpis",
                Role {
                    kpis: item("新"),
                    ..r.clone()
                },
                OWN_PAGE,
            ),
            (
                "career",
                Role {
                    career: item("新"),
                    ..r.clone()
                },
                OWN_PAGE,
            ),
            (
                "sections",
                Role {
                    sections: vec![CustomSection {
                        label: "工作时间".to_string(),
                        placement: Placement::End,
                        items: item("新"),
                    }],
                    ..r.clone()
                },
                OWN_PAGE,
            ),
            (
                "sort_key",
                Role {
                    sort_key: "xin".to_string(),
                    ..r.clone()
                },
                OWN_PAGE,
            ),
            (
                "file",
                Role {
                    file: "other.md".into(),
                    ..r
                },
                OWN_PAGE,
            ),
        ]
    }

    #[test]
    fn every_field_of_a_role_reaches_the_pages_it_should() {
        let role = Role::for_test("role", "岗位");
        let doc = crate::search::fixture::document("doc", "第一篇", "文件", "", vec![]);
        for (field, changed, reach) in changed_fields(&role) {
            let found = Reach {
                shown: RoleShown::of(&doc, &role) != RoleShown::of(&doc, &changed),
                related: RelatedInputs::of(&role) != RelatedInputs::of(&changed),
            };
            assert_eq!(found, reach, "{field}");
        }
    }
}

//! The validated handbook: documents, roles and their reporting lines.
//!
//! [`build`] turns [`crate::content::RawContent`] into a [`Handbook`]; every
//! value here has been checked (ids are slugs, superiors exist, no cycles,
//! links resolve), so later stages never fail on content.

mod control;
pub mod fields;
mod ids;
mod lookup;
pub mod rich;
mod sort;
pub mod strokes;
mod validate;
mod written;

use std::path::PathBuf;

pub use control::compare_versions;
pub use fields::{
    Body, Control, CustomSection, Fact, Facts, Heading, Placement, Revision, Section, Shown,
};
pub use lookup::RoleLookup;

pub use ids::{is_slug, DocId, RoleId};
pub use rich::Rich;
pub use sort::{initial, pinyin_key, zhuyin_initial};
pub use validate::{validate, validate_documents};

/// The whole handbook in one script.
#[derive(Debug, Clone, PartialEq)]
pub struct Handbook {
    pub title: String,
    pub description: String,
    pub documents: Vec<Document>,
}

/// One source document (第一篇 …): a department's duties and its roles.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub id: DocId,
    pub title: String,
    pub organization: String,
    pub industry: String,
    /// The label of the source document, such as 第一篇.
    pub source: String,
    pub summary: String,
    pub external_superiors: Vec<String>,
    /// Version, effective date and approvals, when the document has them.
    pub control: Control,
    /// The department's own duties.
    pub duties: Rich,
    /// Roles in reporting order: each role before the roles reporting to it,
    /// siblings by weight, then id.
    pub roles: Vec<Role>,
    pub file: PathBuf,
    /// Finds roles by id without reading the whole list.
    pub lookup: RoleLookup,
}

/// One role (岗位).
#[derive(Debug, Clone, PartialEq)]
pub struct Role {
    pub id: RoleId,
    pub title: String,
    pub reports_to: Option<Superior>,
    /// Derived from the other roles' `reports_to`, in reporting order.
    pub direct_reports: Vec<RoleId>,
    /// Distance from the top of the document's reporting tree (0 = top).
    pub depth: usize,
    pub facts: Facts,
    /// Document control of this role's own description, when it has its
    /// own version (a role may be revised apart from its document).
    pub control: Control,
    /// 岗位目的: usually one paragraph.
    pub purpose: Vec<Item>,
    pub key_responsibility: Vec<Item>,
    pub duties: Rich,
    pub authority: Vec<Item>,
    pub internal_relations: Vec<Item>,
    pub external_relations: Vec<Item>,
    pub qualifications: Vec<Item>,
    pub environment: Vec<Item>,
    pub kpis: Vec<Item>,
    pub career: Vec<Item>,
    /// The department's own headings, in the order written.
    pub sections: Vec<CustomSection>,
    /// Pinyin of the Simplified title, for sorting; never converted.
    pub sort_key: String,
    pub file: PathBuf,
}

/// A role's direct superior.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Superior {
    /// A role of the same document, with a page.
    Role(RoleId),
    /// Someone outside the handbook, such as 总经理: shown, not linked.
    External(String),
}

/// A list item with optional sub-items.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Item {
    pub text: Rich,
    pub items: Vec<Item>,
}

type TextFn<'a> = &'a dyn Fn(&str) -> String;

impl Handbook {
    /// All roles with their documents, in document then reporting order.
    pub fn roles(&self) -> impl Iterator<Item = (&Document, &Role)> {
        self.documents
            .iter()
            .flat_map(|d| d.roles.iter().map(move |r| (d, r)))
    }

    pub fn role_count(&self) -> usize {
        self.documents.iter().map(|d| d.roles.len()).sum()
    }

    /// The same handbook with every text a reader sees mapped by `f` (script
    /// conversion). Ids, URLs and sort keys are left alone.
    pub fn map_text(&self, f: TextFn<'_>) -> Handbook {
        Handbook {
            title: f(&self.title),
            description: f(&self.description),
            documents: self.documents.iter().map(|d| d.map_text(f)).collect(),
        }
    }
}

impl Document {
    /// The role with this id. In constant time: role pages look up their
    /// superiors and direct reports, so a scan would make a document of
    /// thousands of roles quadratic to build.
    pub fn role(&self, id: &RoleId) -> Option<&Role> {
        self.lookup.find(&self.roles, id)
    }

    /// The same document with every text a reader sees mapped by `f`, as
    /// [`Handbook::map_text`] does: an incremental rebuild converts only the
    /// documents that changed.
    pub fn map_text(&self, f: TextFn<'_>) -> Document {
        self.map_text_with(f, &mut |r| r.map_text(f))
    }

    /// [`Document::map_text`], with each role mapped by `role`: an
    /// incremental rebuild reuses the roles it converted before.
    pub fn map_text_with(&self, f: TextFn<'_>, role: &mut dyn FnMut(&Role) -> Role) -> Document {
        Document {
            id: self.id.clone(),
            title: f(&self.title),
            organization: f(&self.organization),
            industry: f(&self.industry),
            source: f(&self.source),
            summary: f(&self.summary),
            external_superiors: self.external_superiors.iter().map(|s| f(s)).collect(),
            control: self.control.map_text(f),
            duties: self.duties.map_text(f),
            roles: self.roles.iter().map(role).collect(),
            file: self.file.clone(),
            lookup: RoleLookup::default(),
        }
    }
}

impl Role {
    /// A role with an id (a valid slug) and a title and nothing else, for
    /// tests to fill in.
    #[cfg(test)]
    pub fn for_test(id: &str, title: &str) -> Role {
        Role {
            id: RoleId::parse(id).unwrap_or_else(|| panic!("bad role id {id}")),
            title: title.to_string(),
            reports_to: None,
            direct_reports: Vec::new(),
            depth: 0,
            facts: Facts::default(),
            control: Control::default(),
            purpose: Vec::new(),
            key_responsibility: Vec::new(),
            duties: Rich::default(),
            authority: Vec::new(),
            internal_relations: Vec::new(),
            external_relations: Vec::new(),
            qualifications: Vec::new(),
            environment: Vec::new(),
            kpis: Vec::new(),
            career: Vec::new(),
            sections: Vec::new(),
            sort_key: String::new(),
            file: PathBuf::new(),
        }
    }

    /// The same role with every text a reader sees mapped by `f`.
    pub fn map_text(&self, f: TextFn<'_>) -> Role {
        Role {
            id: self.id.clone(),
            title: f(&self.title),
            reports_to: self.reports_to.as_ref().map(|s| match s {
                Superior::Role(id) => Superior::Role(id.clone()),
                Superior::External(name) => Superior::External(f(name)),
            }),
            direct_reports: self.direct_reports.clone(),
            depth: self.depth,
            facts: self.facts.map_text(f),
            control: self.control.map_text(f),
            purpose: map_items(&self.purpose, f),
            key_responsibility: map_items(&self.key_responsibility, f),
            duties: self.duties.map_text(f),
            authority: map_items(&self.authority, f),
            internal_relations: map_items(&self.internal_relations, f),
            external_relations: map_items(&self.external_relations, f),
            qualifications: map_items(&self.qualifications, f),
            environment: map_items(&self.environment, f),
            kpis: map_items(&self.kpis, f),
            career: map_items(&self.career, f),
            sections: (self.sections.iter())
                .map(|s| CustomSection {
                    label: f(&s.label),
                    placement: s.placement,
                    items: map_items(&s.items, f),
                })
                .collect(),
            sort_key: self.sort_key.clone(),
            file: self.file.clone(),
        }
    }
}

impl Role {
    /// What the role holds in a standard section.
    pub fn section(&self, section: Section) -> Body<'_> {
        match section {
            Section::Purpose => Body::Items(&self.purpose),
            Section::KeyResponsibility => Body::Items(&self.key_responsibility),
            Section::Duties => Body::Rich(&self.duties),
            Section::Authority => Body::Items(&self.authority),
            Section::InternalRelations => Body::Items(&self.internal_relations),
            Section::ExternalRelations => Body::Items(&self.external_relations),
            Section::Qualifications => Body::Items(&self.qualifications),
            Section::Environment => Body::Items(&self.environment),
            Section::Kpis => Body::Items(&self.kpis),
            Section::Career => Body::Items(&self.career),
        }
    }

    /// The sections a role page shows, in its order: the standard sections
    /// the role has, each followed by the custom sections placed after it.
    pub fn shown(&self) -> Vec<Shown<'_>> {
        let custom = |placement: Placement| {
            (self.sections.iter().enumerate())
                .filter(move |(_, s)| s.placement == placement)
                .map(|(i, s)| Shown {
                    heading: Heading::Custom(i, &s.label),
                    body: Body::Items(&s.items),
                })
        };
        let mut out: Vec<Shown> = custom(Placement::Start).collect();
        for section in Section::ALL {
            let body = self.section(section);
            if !body.is_empty() {
                out.push(Shown {
                    heading: Heading::Standard(section),
                    body,
                });
            }
            out.extend(custom(Placement::After(section)));
        }
        out.extend(custom(Placement::End));
        out
    }
}

fn map_items(items: &[Item], f: TextFn<'_>) -> Vec<Item> {
    items
        .iter()
        .map(|i| Item {
            text: i.text.map_text(f),
            items: map_items(&i.items, f),
        })
        .collect()
}

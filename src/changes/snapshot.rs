//! The handbook as a later build compares it: every role's and document's
//! fields as plain-text items, in the source script.

use serde::{Deserialize, Serialize};

use crate::model::{Body, Document, Handbook, Heading, Item, Role, Superior};

/// The snapshot's file name in the output folder.
pub const SNAPSHOT_FILE: &str = "handbook.json";

/// Format version, for a later build to refuse a snapshot it cannot read.
const FORMAT: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snapshot {
    pub format: u32,
    pub documents: Vec<DocSnapshot>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocSnapshot {
    pub id: String,
    pub source: String,
    pub title: String,
    /// The department's duties.
    pub fields: Vec<FieldSnapshot>,
    pub roles: Vec<RoleSnapshot>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleSnapshot {
    pub id: String,
    pub title: String,
    /// The superior's role id, or empty for an external one or none.
    pub superior_id: String,
    /// The superior as pages name it: its title, or an external name.
    pub superior: String,
    pub fields: Vec<FieldSnapshot>,
}

/// A field's items: `key` is the front-matter key (`duties`, `kpis`,
/// `department`), or `sections` with the department's own `label`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldSnapshot {
    pub key: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub label: String,
    pub items: Vec<String>,
}

impl Snapshot {
    pub fn of(handbook: &Handbook) -> Snapshot {
        Snapshot {
            format: FORMAT,
            documents: handbook.documents.iter().map(document).collect(),
        }
    }

    /// The snapshot as its file holds it.
    pub fn to_json(&self) -> String {
        // Plain strings and numbers always serialize.
        serde_json::to_string_pretty(self).unwrap_or_default() + "\n"
    }

    /// A snapshot read back; `None` when it is not one this build reads.
    pub fn from_json(text: &str) -> Option<Snapshot> {
        serde_json::from_str::<Snapshot>(text)
            .ok()
            .filter(|s| s.format == FORMAT)
    }
}

fn document(doc: &Document) -> DocSnapshot {
    let duties = FieldSnapshot {
        key: "duties".to_string(),
        label: String::new(),
        items: flatten(&doc.duties.items().iter().map(text_item).collect::<Vec<_>>()),
    };
    DocSnapshot {
        id: doc.id.to_string(),
        source: doc.source.clone(),
        title: doc.title.clone(),
        fields: vec![duties]
            .into_iter()
            .filter(|f| !f.items.is_empty())
            .collect(),
        roles: doc.roles.iter().map(|r| role(doc, r)).collect(),
    }
}

fn role(doc: &Document, role: &Role) -> RoleSnapshot {
    let (superior_id, superior) = match &role.reports_to {
        Some(Superior::Role(id)) => (
            id.to_string(),
            doc.role(id).map(|r| r.title.clone()).unwrap_or_default(),
        ),
        Some(Superior::External(name)) => (String::new(), name.clone()),
        None => (String::new(), String::new()),
    };
    let mut fields: Vec<FieldSnapshot> = (role.facts.given())
        .map(|(fact, value)| FieldSnapshot {
            key: fact.key().to_string(),
            label: String::new(),
            items: vec![value.to_string()],
        })
        .collect();
    fields.extend(role.shown().into_iter().map(|shown| {
        let (key, label) = match shown.heading {
            Heading::Standard(section) => (section.key().to_string(), String::new()),
            Heading::Custom(_, label) => ("sections".to_string(), label.to_string()),
        };
        let items = match shown.body {
            Body::Rich(rich) => flatten(&rich.items().iter().map(text_item).collect::<Vec<_>>()),
            Body::Items(items) => flatten(&items.iter().map(model_item).collect::<Vec<_>>()),
        };
        FieldSnapshot { key, label, items }
    }));
    RoleSnapshot {
        id: role.id.to_string(),
        title: role.title.clone(),
        superior_id,
        superior,
        fields,
    }
}

/// An item and its sub-items, as texts.
struct Texts {
    text: String,
    items: Vec<Texts>,
}

fn text_item(item: &crate::model::rich::TextItem) -> Texts {
    Texts {
        text: item.text.trim().to_string(),
        items: item.items.iter().map(text_item).collect(),
    }
}

fn model_item(item: &Item) -> Texts {
    Texts {
        text: item.text.plain_text().trim().to_string(),
        items: item.items.iter().map(model_item).collect(),
    }
}

/// Items and sub-items, depth first, each its own text: a sub-item changed
/// is that sub-item changed.
fn flatten(items: &[Texts]) -> Vec<String> {
    let mut out = Vec::new();
    for item in items {
        if !item.text.is_empty() {
            out.push(item.text.clone());
        }
        out.extend(flatten(&item.items));
    }
    out
}

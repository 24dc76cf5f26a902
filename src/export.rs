//! `handbook export`: the validated model for other HR systems (JSON, with
//! everything) and spreadsheets (CSV, one row per role).
//!
//! The CSV columns are part of the interface and documented in
//! docs/export.md; add columns at the end only.

use std::path::PathBuf;

use serde::Serialize;

use crate::error::{Error, Result};
use crate::model::rich::TextItem;
use crate::model::{Control, CustomSection, Document, Handbook, Item, Placement, Role, Superior};
use crate::pipeline::emit::{Emitter, Write};
use crate::pipeline::{Loaded, VariantModel};
use crate::render::Page;

/// The formats of an export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    Csv,
}

/// The handbook in each variant as one file, `<variant>/handbook.json` or
/// `.csv`: an output of the build like the site's pages.
pub struct Export {
    pub format: Format,
}

impl Emitter for Export {
    fn variant(&self, _: &Loaded, model: &VariantModel, write: &mut Write) -> Result<()> {
        let (text, extension) = match self.format {
            Format::Json => (to_json(&model.handbook), "json"),
            Format::Csv => (
                to_csv(&model.handbook).map_err(|e| Error::Emit(Box::new(e)))?,
                "csv",
            ),
        };
        write(vec![Page {
            path: PathBuf::from(model.variant.dir()).join(format!("handbook.{extension}")),
            content: text.into_bytes(),
        }])
    }
}

/// The CSV header, in column order.
pub const CSV_COLUMNS: [&str; 29] = [
    "document",
    "source",
    "organization",
    "id",
    "title",
    "reports_to",
    "reports_to_title",
    "key_responsibility_items",
    "duty_items",
    "authority_items",
    "qualification_items",
    "department",
    "code",
    "grade",
    "headcount",
    "location",
    "purpose",
    "internal_relation_items",
    "external_relation_items",
    "environment_items",
    "kpi_items",
    "career_items",
    "sections",
    "version",
    "effective",
    "prepared_by",
    "reviewed_by",
    "approved_by",
    "revision_count",
];

#[derive(Serialize)]
struct JsonHandbook<'a> {
    title: &'a str,
    description: &'a str,
    documents: Vec<JsonDocument<'a>>,
}

#[derive(Serialize)]
struct JsonDocument<'a> {
    id: &'a str,
    title: &'a str,
    organization: &'a str,
    industry: &'a str,
    source: &'a str,
    summary: &'a str,
    external_superiors: &'a [String],
    /// Empty strings and no revisions when not given.
    control: &'a Control,
    duties: Vec<TextItem>,
    roles: Vec<JsonRole<'a>>,
}

#[derive(Serialize)]
struct JsonRole<'a> {
    id: &'a str,
    title: &'a str,
    reports_to: Option<JsonSuperior<'a>>,
    direct_reports: Vec<&'a str>,
    depth: usize,
    department: &'a str,
    code: &'a str,
    grade: &'a str,
    headcount: &'a str,
    location: &'a str,
    /// The role's own control; empty when its document's applies.
    /// Empty strings and no revisions when not given.
    control: &'a Control,
    purpose: Vec<TextItem>,
    key_responsibility: Vec<TextItem>,
    duties: Vec<TextItem>,
    authority: Vec<TextItem>,
    internal_relations: Vec<TextItem>,
    external_relations: Vec<TextItem>,
    qualifications: Vec<TextItem>,
    environment: Vec<TextItem>,
    kpis: Vec<TextItem>,
    career: Vec<TextItem>,
    sections: Vec<JsonSection<'a>>,
}

#[derive(Serialize)]
struct JsonSection<'a> {
    label: &'a str,
    /// `start`, the key of the standard section it follows, or `end`.
    after: &'static str,
    items: Vec<TextItem>,
}

#[derive(Serialize)]
#[serde(rename_all = "lowercase")]
enum JsonSuperior<'a> {
    Role(&'a str),
    External(&'a str),
}

/// The whole handbook as pretty-printed JSON.
pub fn to_json(handbook: &Handbook) -> String {
    let json = JsonHandbook {
        title: &handbook.title,
        description: &handbook.description,
        documents: handbook.documents.iter().map(json_document).collect(),
    };
    // Serializing plain structs of strings and numbers cannot fail.
    serde_json::to_string_pretty(&json).unwrap_or_default() + "\n"
}

fn json_document(doc: &Document) -> JsonDocument<'_> {
    JsonDocument {
        id: doc.id.as_str(),
        title: &doc.title,
        organization: &doc.organization,
        industry: &doc.industry,
        source: &doc.source,
        summary: &doc.summary,
        external_superiors: &doc.external_superiors,
        control: &doc.control,
        duties: doc.duties.items(),
        roles: doc.roles.iter().map(json_role).collect(),
    }
}

fn json_role(role: &Role) -> JsonRole<'_> {
    JsonRole {
        id: role.id.as_str(),
        title: &role.title,
        reports_to: role.reports_to.as_ref().map(|s| match s {
            Superior::Role(id) => JsonSuperior::Role(id.as_str()),
            Superior::External(name) => JsonSuperior::External(name),
        }),
        direct_reports: role.direct_reports.iter().map(|id| id.as_str()).collect(),
        depth: role.depth,
        department: &role.facts.department,
        code: &role.facts.code,
        grade: &role.facts.grade,
        headcount: &role.facts.headcount,
        location: &role.facts.location,
        control: &role.control,
        purpose: text_items(&role.purpose),
        key_responsibility: text_items(&role.key_responsibility),
        duties: role.duties.items(),
        authority: text_items(&role.authority),
        internal_relations: text_items(&role.internal_relations),
        external_relations: text_items(&role.external_relations),
        qualifications: text_items(&role.qualifications),
        environment: text_items(&role.environment),
        kpis: text_items(&role.kpis),
        career: text_items(&role.career),
        sections: role.sections.iter().map(json_section).collect(),
    }
}

fn json_section(section: &CustomSection) -> JsonSection<'_> {
    JsonSection {
        label: &section.label,
        after: match section.placement {
            Placement::Start => "start",
            Placement::After(s) => s.key(),
            Placement::End => "end",
        },
        items: text_items(&section.items),
    }
}

fn text_items(items: &[Item]) -> Vec<TextItem> {
    items
        .iter()
        .map(|i| TextItem {
            text: i.text.plain_text().trim().to_string(),
            items: text_items(&i.items),
        })
        .collect()
}

/// Items as one cell: their texts, one per line.
fn plain(items: &[Item]) -> String {
    let texts: Vec<String> = text_items(items).into_iter().map(|i| i.text).collect();
    texts.join("\n")
}

/// The department's own headings with their item counts: `工作时间（2）；…`.
fn section_labels(role: &Role) -> String {
    let labels: Vec<String> = (role.sections.iter())
        .map(|s| format!("{}（{}）", s.label, s.items.len()))
        .collect();
    labels.join("；")
}

/// One row per role, with a header row.
pub fn to_csv(handbook: &Handbook) -> std::result::Result<String, csv::Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(CSV_COLUMNS)?;
    for (doc, role) in handbook.roles() {
        let (superior, superior_title) = match &role.reports_to {
            Some(Superior::Role(id)) => (
                id.to_string(),
                doc.role(id).map(|r| r.title.clone()).unwrap_or_default(),
            ),
            Some(Superior::External(name)) => (String::new(), name.clone()),
            None => (String::new(), String::new()),
        };
        // The version in force for this role: its own, else its document's.
        let control = match role.control.is_empty() {
            true => &doc.control,
            false => &role.control,
        };
        w.write_record([
            doc.id.as_str(),
            &doc.source,
            &doc.organization,
            role.id.as_str(),
            &role.title,
            &superior,
            &superior_title,
            &role.key_responsibility.len().to_string(),
            &role.duties.items().len().to_string(),
            &role.authority.len().to_string(),
            &role.qualifications.len().to_string(),
            &role.facts.department,
            &role.facts.code,
            &role.facts.grade,
            &role.facts.headcount,
            &role.facts.location,
            &plain(&role.purpose),
            &role.internal_relations.len().to_string(),
            &role.external_relations.len().to_string(),
            &role.environment.len().to_string(),
            &role.kpis.len().to_string(),
            &role.career.len().to_string(),
            &section_labels(role),
            &control.version,
            &control.effective,
            &control.prepared_by,
            &control.reviewed_by,
            &control.approved_by,
            &control.revisions.len().to_string(),
        ])?;
    }
    let bytes = w.into_inner().map_err(|e| e.into_error())?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

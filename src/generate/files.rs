//! A generated [`Corpus`] as the project's content files: `handbook.yaml`,
//! one `_index.md` per document and one Markdown file per role, in the
//! format of docs/content-format.md.

use std::fmt::Write as _;
use std::path::PathBuf;

use super::corpus::{Corpus, Duty, GenDocument, GenRole};

/// A file of the generated handbook, relative to its root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GenFile {
    pub path: PathBuf,
    pub text: String,
}

impl Corpus {
    /// `handbook.yaml` and every content file, in path order.
    pub fn files(&self) -> Vec<GenFile> {
        let mut files = vec![GenFile {
            path: PathBuf::from("handbook.yaml"),
            text: self.config_text(),
        }];
        for doc in &self.documents {
            let dir = PathBuf::from("content").join(&doc.id);
            files.push(GenFile {
                path: dir.join("_index.md"),
                text: document_text(doc),
            });
            files.extend(doc.roles.iter().map(|role| GenFile {
                path: dir.join(format!("{}.md", role.id)),
                text: role_text(role),
            }));
        }
        files
    }

    pub fn config_text(&self) -> String {
        format!(
            "# Made by `handbook generate`: a synthetic handbook for benchmarks.\n\
             title: {}\ndescription: {}\nsource_script: zh-Hans\n\
             variants: [zh-Hans, zh-Hant, zh-TW, zh-HK]\ntheme: default\noutput_dir: output\n",
            quoted(&self.title),
            quoted(&self.description)
        )
    }
}

/// A document's `_index.md`.
pub fn document_text(doc: &GenDocument) -> String {
    let mut out = String::from("---\n");
    scalar(&mut out, "title", &doc.title);
    scalar(&mut out, "organization", &doc.organization);
    scalar(&mut out, "industry", &doc.industry);
    scalar(&mut out, "source", &doc.source);
    scalar(&mut out, "summary", &doc.summary);
    list(
        &mut out,
        "external_superiors",
        std::slice::from_ref(&doc.external_superior),
    );
    out.push_str("---\n");
    duty_list(&mut out, &doc.duties);
    out
}

/// A role file. `weight` and the lists are left out when empty, as authors do.
pub fn role_text(role: &GenRole) -> String {
    let mut out = String::from("---\n");
    scalar(&mut out, "title", &role.title);
    scalar(&mut out, "reports_to", &role.reports_to);
    if let Some(w) = role.weight {
        let _ = writeln!(out, "weight: {w}");
    }
    list(&mut out, "key_responsibility", &role.key_responsibility);
    list(&mut out, "authority", &role.authority);
    list(&mut out, "qualifications", &role.qualifications);
    out.push_str("---\n");
    duty_list(&mut out, &role.duties);
    out
}

fn scalar(out: &mut String, key: &str, value: &str) {
    let _ = writeln!(out, "{key}: {}", quoted(value));
}

fn list(out: &mut String, key: &str, values: &[String]) {
    if values.is_empty() {
        return;
    }
    let _ = writeln!(out, "{key}:");
    for value in values {
        let _ = writeln!(out, "  - {}", quoted(value));
    }
}

fn duty_list(out: &mut String, duties: &[Duty]) {
    for (n, duty) in duties.iter().enumerate() {
        let _ = writeln!(out, "{}. {}", n + 1, duty.text);
        for (m, item) in duty.items.iter().enumerate() {
            let _ = writeln!(out, "   {}. {item}", m + 1);
        }
    }
}

/// A JSON string is a YAML double-quoted scalar, so serde_json's escaping
/// quotes any text safely.
fn quoted(value: &str) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "\"\"".to_string())
}

//! The PDF's document information (Title, Subject, Author, dates), from
//! the handbook rather than from Chromium, which writes the page's `<title>`
//! and the time of printing: a handbook printed twice from the same content
//! says the same, and its date is when the content took effect.

use lopdf::{Dictionary, Document, Object};

use crate::model::Handbook;
use crate::render::Selection;

/// What a PDF says about itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Metadata {
    pub title: String,
    pub subject: String,
    pub author: String,
    /// The latest effective or revision date of the content (ISO), if any.
    pub modified: Option<String>,
}

impl Metadata {
    /// For `handbook`, in the script it is printed in.
    pub fn of(handbook: &Handbook) -> Metadata {
        let documents: Vec<String> = (handbook.documents.iter())
            .map(|d| format!("{} {}", d.source, d.title))
            .collect();
        let subject = match handbook.description.is_empty() {
            true => documents.join("；"),
            false => handbook.description.clone(),
        };
        Metadata {
            title: handbook.title.clone(),
            subject,
            author: authors(handbook),
            modified: latest_date(handbook),
        }
    }
}

impl Metadata {
    /// For a document or a role printed on its own: its title, its
    /// document, who prepared it, and when its version took effect.
    pub fn of_selection(handbook: &Handbook, selection: &Selection) -> Metadata {
        let whole = Metadata::of(handbook);
        let found = handbook.documents.iter().find_map(|d| match selection {
            Selection::Document(id) | Selection::Part(id) if d.id.as_str() == id => Some((d, None)),
            Selection::Role(id) => d
                .roles
                .iter()
                .find(|r| r.id.as_str() == id)
                .map(|r| (d, Some(r))),
            _ => None,
        });
        let Some((doc, role)) = found else {
            return whole;
        };
        let document = format!("{} {}", doc.source, doc.title);
        let control = match role {
            Some(r) if !r.control.is_empty() => &r.control,
            _ => &doc.control,
        };
        let author = match control.prepared_by.is_empty() {
            true => doc.organization.clone(),
            false => control.prepared_by.clone(),
        };
        let dates =
            std::iter::once(&control.effective).chain(control.revisions.iter().map(|r| &r.date));
        Metadata {
            title: role.map_or(document.clone(), |r| r.title.clone()),
            subject: match role {
                Some(_) => document,
                None => whole.title,
            },
            author,
            modified: dates
                .filter(|d| crate::text::date::is_iso_date(d))
                .max()
                .cloned(),
        }
    }

    /// The texts in another script; the date stays.
    pub fn map_text(&self, f: &dyn Fn(&str) -> String) -> Metadata {
        Metadata {
            title: f(&self.title),
            subject: f(&self.subject),
            author: f(&self.author),
            modified: self.modified.clone(),
        }
    }
}

/// Who prepared the documents, else their organizations, each once.
fn authors(handbook: &Handbook) -> String {
    let mut names: Vec<&str> = Vec::new();
    let controls = handbook.documents.iter().map(|d| &d.control);
    let prepared = controls.map(|c| c.prepared_by.as_str());
    let organizations = handbook.documents.iter().map(|d| d.organization.as_str());
    let chosen: Vec<&str> = prepared.filter(|p| !p.is_empty()).collect();
    let source: Box<dyn Iterator<Item = &str>> = match chosen.is_empty() {
        true => Box::new(organizations),
        false => Box::new(chosen.into_iter()),
    };
    for name in source {
        if !name.is_empty() && !names.contains(&name) {
            names.push(name);
        }
    }
    names.join("、")
}

/// The latest date any document or role gives (effective or revised).
fn latest_date(handbook: &Handbook) -> Option<String> {
    let controls = (handbook.documents.iter())
        .flat_map(|d| std::iter::once(&d.control).chain(d.roles.iter().map(|r| &r.control)));
    controls
        .flat_map(|c| std::iter::once(&c.effective).chain(c.revisions.iter().map(|r| &r.date)))
        .filter(|d| crate::text::date::is_iso_date(d))
        .max()
        .cloned()
}

/// Replaces `doc`'s document information with `meta`.
pub fn set(doc: &mut Document, meta: &Metadata) {
    let mut info = Dictionary::new();
    info.set("Title", lopdf::text_string(&meta.title));
    info.set("Subject", lopdf::text_string(&meta.subject));
    info.set("Author", lopdf::text_string(&meta.author));
    info.set("Creator", lopdf::text_string("handbook"));
    if let Some(date) = &meta.modified {
        let pdf_date = format!("D:{}000000Z", date.replace('-', ""));
        info.set("CreationDate", Object::string_literal(pdf_date.clone()));
        info.set("ModDate", Object::string_literal(pdf_date));
    }
    let id = doc.add_object(Object::Dictionary(info));
    doc.trailer.set("Info", Object::Reference(id));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_information_replaces_chromiums() {
        let mut doc = Document::with_version("1.7");
        let meta = Metadata {
            title: "岗位职责手册".into(),
            subject: "第一篇 运营部岗位职责".into(),
            author: "王敏".into(),
            modified: Some("2024-07-01".into()),
        };
        set(&mut doc, &meta);
        let info = doc
            .trailer
            .get(b"Info")
            .and_then(Object::as_reference)
            .unwrap();
        let info = doc.get_dictionary(info).unwrap();
        let text = |key: &[u8]| lopdf::decode_text_string(info.get(key).unwrap()).unwrap();
        assert_eq!(text(b"Title"), "岗位职责手册");
        assert_eq!(text(b"Author"), "王敏");
        let date = info.get(b"ModDate").and_then(Object::as_str).unwrap();
        assert_eq!(date, b"D:20240701000000Z");
    }
}

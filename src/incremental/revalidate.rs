//! Putting the Markdown files that changed into the raw content and
//! validating only the documents whose model can differ: those of the
//! files, and those with an explicit link to a role whose title changed,
//! came or went (an empty `[](role:…)` link shows the title; a link to a
//! removed role is an error). Title auto-links stay inside a document, so
//! nothing else depends on another document's files.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fs;
use std::mem;
use std::path::{Path, PathBuf};

use pulldown_cmark::{Event, Tag};
use rayon::prelude::*;

use super::plan::Touched;
use super::sources::Change;
use super::State;
use crate::content::{self, DocumentMeta, Parsed, RawContent, RawDocument, RawRole, INDEX_FILE};
use crate::error::{Diagnostic, Error, Result};
use crate::model::rich::{self, Target};
use crate::model::{self, DocId, Document, Handbook, Item, Rich};

/// Where each document Markdown file is in the raw content: document, and
/// role (`None` for the document's `_index.md`).
pub type Places = HashMap<PathBuf, (usize, Option<usize>)>;

/// Where each document Markdown file of `raw` is.
pub fn places(raw: &RawContent) -> Places {
    let mut out = Places::new();
    for (d, doc) in raw.documents.iter().enumerate() {
        add_places(&mut out, d, doc);
    }
    out
}

fn add_places(places: &mut Places, d: usize, doc: &RawDocument) {
    places.insert(doc.index.path().to_path_buf(), (d, None));
    for (r, role) in doc.roles.iter().enumerate() {
        places.insert(role.parsed.path().to_path_buf(), (d, Some(r)));
    }
}

/// What validating again did.
pub struct Revalidated {
    /// The documents whose model changed.
    pub touched: Touched,
    /// How many documents were validated again.
    pub validated: usize,
}

/// Reads the changed files and validates the result, changing `state`'s raw
/// content and model only on success. On a content error, gives `state`
/// back as it was.
pub fn revalidate(
    mut state: State,
    root: &Path,
    change: Change,
) -> std::result::Result<(State, Revalidated), (State, Error)> {
    let outcome = match change {
        Change::Nothing => Ok(Revalidated {
            touched: Touched::new(),
            validated: 0,
        }),
        Change::Files(paths) => match read_files(&state, root, &paths) {
            Ok(Some(files)) => edit(&mut state, files),
            Ok(None) => reload(&mut state, root),
            Err(e) => Err(e),
        },
        Change::Restructured => reload(&mut state, root),
    };
    match outcome {
        Ok(done) => Ok((state, done)),
        Err(e) => Err((state, e)),
    }
}

/// A changed Markdown file of a document, read.
// One per changed file, and already boxed where it is made: the size gap
// between the variants costs nothing worth another box.
#[allow(clippy::large_enum_variant)]
enum File {
    Index(Parsed<DocumentMeta>),
    /// A role file, edited or new.
    Role(RawRole),
    /// A role file that is gone.
    Gone(PathBuf),
}

/// The changed files of each document, by position.
type Files = BTreeMap<usize, Vec<File>>;

/// What became of one changed path.
enum Read {
    File(usize, Box<File>),
    /// Not there, and not in the raw content either.
    Nothing,
    /// Something only reading everything handles: a document's `_index.md`
    /// gone or new, or a file outside the known document folders.
    Unusual,
}

/// Reads the changed files; `None` when one is unusual. A file that does
/// not parse is reported as the full loader reports it.
fn read_files(state: &State, root: &Path, paths: &[PathBuf]) -> Result<Option<Files>> {
    let mut files = Files::new();
    for path in paths {
        match read(state, path) {
            Ok(Read::File(d, file)) => files.entry(d).or_default().push(*file),
            Ok(Read::Nothing) => {}
            Ok(Read::Unusual) => return Ok(None),
            // The loader lists every broken file, not just this one.
            Err(_) => return content::load(root).map(|_| None),
        }
    }
    Ok(Some(files))
}

/// Reads one changed path. Where it belongs comes from the raw content,
/// not from the stamps: a file made during the last build may be in one
/// and not the other.
fn read(state: &State, path: &Path) -> std::result::Result<Read, Diagnostic> {
    let gone = is_gone(path);
    Ok(match state.places.get(path) {
        Some(&(_, None)) if gone => Read::Unusual,
        Some(&(d, None)) => Read::File(d, Box::new(File::Index(parse(path)?))),
        Some(&(d, Some(_))) if gone => Read::File(d, Box::new(File::Gone(path.to_path_buf()))),
        Some(&(d, Some(_))) => Read::File(d, Box::new(File::Role(role(path)?))),
        None if path.file_name().is_some_and(|n| n == INDEX_FILE) => Read::Unusual,
        None => match document_of(&state.loaded.raw, path) {
            None => Read::Unusual,
            Some(_) if gone => Read::Nothing,
            Some(d) => Read::File(d, Box::new(File::Role(role(path)?))),
        },
    })
}

/// The position of the document whose folder holds `path`.
fn document_of(raw: &RawContent, path: &Path) -> Option<usize> {
    let dir = path.parent()?;
    raw.documents.iter().position(|d| d.dir == dir)
}

fn is_gone(path: &Path) -> bool {
    matches!(fs::symlink_metadata(path), Err(e) if e.kind() == std::io::ErrorKind::NotFound)
}

fn parse<M: serde::de::DeserializeOwned>(
    path: &Path,
) -> std::result::Result<Parsed<M>, Diagnostic> {
    content::source::read_source(path).and_then(content::parse_source)
}

/// A role file as the loader reads it: its id is the file name without
/// `.md`.
fn role(path: &Path) -> std::result::Result<RawRole, Diagnostic> {
    Ok(RawRole {
        stem: path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default(),
        parsed: parse(path)?,
    })
}

/// Puts `files` into the raw content and re-validates the documents whose
/// model can have changed, against the ids and titles of the whole
/// handbook. On a content error the raw content is put back.
fn edit(state: &mut State, files: Files) -> Result<Revalidated> {
    let before: Vec<(usize, RawDocument)> = (files.keys())
        .map(|&d| (d, state.loaded.raw.documents[d].clone()))
        .collect();
    for (d, list) in files {
        apply(&mut state.loaded.raw.documents[d], list);
    }
    let which = to_validate(&state.links, &before, &state.loaded.raw);
    match model::validate_documents(&state.loaded.raw, &which) {
        Ok(new) => {
            for (d, old) in &before {
                replace_places(&mut state.places, *d, old, &state.loaded.raw.documents[*d]);
            }
            for (&d, doc) in which.iter().zip(&new) {
                state.links[d] = document_links(doc);
            }
            Ok(Revalidated {
                touched: replace_some(state, &which, new),
                validated: which.len(),
            })
        }
        Err(e) => {
            for (d, old) in before {
                state.loaded.raw.documents[d] = old;
            }
            Err(e)
        }
    }
}

/// Puts each file in its place in `doc`, new roles in file-name order as
/// the loader lists them.
fn apply(doc: &mut RawDocument, files: Vec<File>) {
    for file in files {
        match file {
            File::Index(parsed) => doc.index = parsed,
            File::Role(role) => put_role(doc, role),
            File::Gone(path) => doc.roles.retain(|r| r.parsed.path() != path),
        }
    }
}

/// Replaces the role read from the same file, or inserts a new one.
fn put_role(doc: &mut RawDocument, role: RawRole) {
    let path = role.parsed.path();
    if let Some(r) = doc.roles.iter().position(|r| r.parsed.path() == path) {
        doc.roles[r] = role;
        return;
    }
    let name = path.file_name();
    let at = (doc.roles).partition_point(|r| r.parsed.path().file_name() < name);
    doc.roles.insert(at, role);
}

fn replace_places(places: &mut Places, d: usize, old: &RawDocument, new: &RawDocument) {
    for role in &old.roles {
        places.remove(role.parsed.path());
    }
    add_places(places, d, new);
}

/// Positions of the documents to validate again: those whose files changed
/// (`before` holds their previous raw content), and those whose previous
/// model links to a role whose title changed, came or went.
fn to_validate(links: &Links, before: &[(usize, RawDocument)], raw: &RawContent) -> Vec<usize> {
    let mut which: BTreeSet<usize> = before.iter().map(|(d, _)| *d).collect();
    let was: Vec<&RawDocument> = before.iter().map(|(_, doc)| doc).collect();
    let now: Vec<&RawDocument> = which.iter().map(|&d| &raw.documents[d]).collect();
    let renamed = renamed(&was, &now);
    if !renamed.is_empty() {
        which.extend(linking(links, &renamed));
    }
    which.into_iter().collect()
}

/// The ids whose title differs between two versions of some documents,
/// counting roles that are in only one version.
fn renamed(before: &[&RawDocument], after: &[&RawDocument]) -> HashSet<String> {
    let (was, now) = (titles(before), titles(after));
    let differ = |a: &HashMap<&str, &str>, b: &HashMap<&str, &str>| -> Vec<String> {
        (a.iter().filter(|(id, title)| b.get(*id) != Some(*title)))
            .map(|(id, _)| id.to_string())
            .collect()
    };
    differ(&was, &now)
        .into_iter()
        .chain(differ(&now, &was))
        .collect()
}

/// Each role's title, by id.
fn titles<'a>(docs: &[&'a RawDocument]) -> HashMap<&'a str, &'a str> {
    (docs.iter().flat_map(|d| &d.roles))
        .map(|r| (r.stem.as_str(), r.parsed.meta.title.as_str()))
        .collect()
}

/// The roles each document links to with `role:` links, by document
/// position: kept between rebuilds so that a title change finds the
/// documents showing it without going through every text.
pub type Links = Vec<HashSet<String>>;

pub fn links(handbook: &Handbook) -> Links {
    handbook.documents.par_iter().map(document_links).collect()
}

fn document_links(doc: &Document) -> HashSet<String> {
    let mut ids = HashSet::new();
    for text in texts(doc) {
        for event in &text.events {
            if let Event::Start(Tag::Link { dest_url, .. }) = event {
                if let Some(Target::Role(id)) = rich::target(dest_url) {
                    ids.insert(id.to_string());
                }
            }
        }
    }
    ids
}

/// Positions of the documents with a `role:` link to one of `ids`: their
/// text shows the title (an empty link takes it) or would now point at
/// nothing.
fn linking<'a>(links: &'a Links, ids: &'a HashSet<String>) -> impl Iterator<Item = usize> + 'a {
    (links.iter().enumerate())
        .filter(|(_, linked)| !linked.is_disjoint(ids))
        .map(|(d, _)| d)
}

/// Every rich text of a document and its roles.
fn texts(doc: &Document) -> impl Iterator<Item = &Rich> {
    let roles = doc.roles.iter().flat_map(|r| {
        let lists = [&r.key_responsibility, &r.authority, &r.qualifications];
        std::iter::once(&r.duties).chain(lists.into_iter().flat_map(|l| item_texts(l)))
    });
    std::iter::once(&doc.duties).chain(roles)
}

fn item_texts(items: &[Item]) -> Box<dyn Iterator<Item = &Rich> + '_> {
    Box::new(
        items
            .iter()
            .flat_map(|i| std::iter::once(&i.text).chain(item_texts(&i.items))),
    )
}

/// Reads all content again (document folders came or went, or a file was
/// unusual) and validates it.
fn reload(state: &mut State, root: &Path) -> Result<Revalidated> {
    let raw = content::load(root)?;
    let handbook = model::validate(&state.loaded.setup.config, &raw)?;
    state.places = places(&raw);
    state.links = links(&handbook);
    state.loaded.raw = raw;
    Ok(Revalidated {
        validated: handbook.documents.len(),
        touched: replace_all(state, handbook),
    })
}

/// Replaces the model; returns the documents that differ.
fn replace_all(state: &mut State, new: Handbook) -> Touched {
    let old = mem::replace(&mut state.loaded.handbook, new);
    let mut old: HashMap<DocId, Document> = old
        .documents
        .into_iter()
        .map(|d| (d.id.clone(), d))
        .collect();
    let mut touched = Touched::new();
    for doc in &state.loaded.handbook.documents {
        match old.remove(&doc.id) {
            Some(was) if &was == doc => {}
            was => {
                touched.insert(doc.id.clone(), was);
            }
        }
    }
    touched.extend(old.into_iter().map(|(id, doc)| (id, Some(doc))));
    touched
}

/// Replaces the documents at positions `which`; returns those that differ.
fn replace_some(state: &mut State, which: &[usize], new: Vec<Document>) -> Touched {
    let mut touched = Touched::new();
    for (&d, doc) in which.iter().zip(new) {
        let was = mem::replace(&mut state.loaded.handbook.documents[d], doc);
        if was != state.loaded.handbook.documents[d] {
            touched.insert(was.id.clone(), Some(was));
        }
    }
    touched
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::source::SourceFile;

    fn raw_role(dir: &str, stem: &str, title: &str) -> RawRole {
        let file = SourceFile {
            path: PathBuf::from(format!("{dir}/{stem}.md")),
            text: format!("---\ntitle: {title}\n---\n1. 职责。\n"),
        };
        RawRole {
            stem: stem.to_string(),
            parsed: content::parse_source(file).expect("parses"),
        }
    }

    fn raw_document(roles: Vec<RawRole>) -> RawDocument {
        let file = SourceFile {
            path: PathBuf::from("d/_index.md"),
            text: "---\ntitle: 部门\norganization: 公司\nindustry: 零售\nsource: 第1篇\n---\n"
                .into(),
        };
        RawDocument {
            dir_name: "d".into(),
            dir: PathBuf::from("d"),
            index: content::parse_source(file).expect("parses"),
            roles,
        }
    }

    fn stems(doc: &RawDocument) -> Vec<&str> {
        doc.roles.iter().map(|r| r.stem.as_str()).collect()
    }

    #[test]
    fn files_go_where_the_loader_puts_them() {
        let mut doc = raw_document(vec![raw_role("d", "b", "乙"), raw_role("d", "d", "丁")]);
        apply(
            &mut doc,
            vec![
                File::Role(raw_role("d", "c", "丙")),
                File::Role(raw_role("d", "a", "甲")),
                File::Role(raw_role("d", "e", "戊")),
                File::Role(raw_role("d", "d", "新丁")),
                File::Gone(PathBuf::from("d/b.md")),
            ],
        );
        assert_eq!(stems(&doc), ["a", "c", "d", "e"]);
        assert_eq!(doc.roles[2].parsed.meta.title, "新丁");
    }

    #[test]
    fn titles_that_changed_came_or_went() {
        let before = raw_document(vec![raw_role("d", "a", "甲"), raw_role("d", "b", "乙")]);
        let after = raw_document(vec![raw_role("d", "a", "甲"), raw_role("d", "c", "丙")]);
        let same = renamed(&[&before], &[&before]);
        assert!(same.is_empty());
        let mut changed: Vec<String> = renamed(&[&before], &[&after]).into_iter().collect();
        changed.sort();
        assert_eq!(changed, ["b", "c"]);
        let retitled = raw_document(vec![raw_role("d", "a", "新甲"), raw_role("d", "b", "乙")]);
        let changed: Vec<String> = renamed(&[&before], &[&retitled]).into_iter().collect();
        assert_eq!(changed, ["a"]);
    }

    #[test]
    fn links_are_found_in_every_text_whatever_their_spelling() {
        let mut doc = raw_document(vec![
            raw_role("d", "a", "甲"),
            raw_role("d", "b", "乙"),
            raw_role("d", "c", "丙"),
        ]);
        let text = "---\ntitle: 丁\nauthority:\n  - text: 审批\n    items: [\"协助[](role\\\\:a)\"]\n---\n配合[乙方](role:b)。\n";
        let file = SourceFile {
            path: PathBuf::from("d/x.md"),
            text: text.into(),
        };
        let parsed = content::parse_source(file).expect("parses");
        doc.roles.push(RawRole {
            stem: "x".into(),
            parsed,
        });
        let raw = RawContent {
            documents: vec![doc],
        };
        let built = model::validate_documents(&raw, &[0]).expect("valid");
        let ids = document_links(&built[0]);
        assert!(ids.contains("a") && ids.contains("b"), "{ids:?}");
        let wanted: HashSet<String> = ["a".to_string()].into();
        assert_eq!(linking(&vec![ids], &wanted).collect::<Vec<_>>(), [0]);
    }
}

//! Synthetic handbooks for benchmarks and scale checks
//! (`handbook generate --roles N --out DIR`): documents of about a hundred
//! roles with reporting trees several levels deep, whose duties, authority
//! and qualifications are real sentences of the project's `content/`
//! recombined deterministically. The same arguments always write the same
//! bytes.
//!
//! The search benchmark uses the same generator without writing files
//! ([`synthetic_handbook`]).

mod corpus;
mod files;
mod rng;
mod vocabulary;

use std::fs;
use std::path::{Path, PathBuf};

pub use crate::text::escape_markdown;
pub use corpus::{Corpus, Duty, GenDocument, GenRole, Options, Recombine};
pub use files::{document_text, role_text, GenFile};
pub use vocabulary::Vocabulary;

use crate::config::Config;
use crate::content::source::SourceFile;
use crate::content::{parse_source, yaml_error, Parsed, RawContent, RawDocument, RawRole};
use crate::error::{Error, Result};
use crate::model::Handbook;

/// Roles per document in the search benchmark's handbooks.
const SEARCH_ROLES_PER_DOCUMENT: usize = 50;

/// A validated handbook of `roles` roles made from `source`'s vocabulary,
/// built in memory; the same arguments always give the same handbook.
pub fn synthetic_handbook(source: &Handbook, roles: usize, how: Recombine) -> Handbook {
    let options = Options {
        roles,
        roles_per_document: SEARCH_ROLES_PER_DOCUMENT,
        recombine: how,
    };
    let corpus = Corpus::generate(&Vocabulary::from_handbook(source), &options);
    // Generated files always validate; a failure here is a generator bug.
    corpus
        .to_handbook()
        .unwrap_or_else(|e| panic!("generated handbook does not validate: {e}"))
}

/// What [`write_handbook`] wrote.
#[derive(Debug, Clone)]
pub struct Generated {
    pub documents: usize,
    pub roles: usize,
    pub files: usize,
    pub root: PathBuf,
}

/// Writes a handbook of `roles` roles into `out`; it builds with the
/// built-in default theme. Refuses to overwrite an existing handbook.
pub fn write_handbook(out: &Path, roles: usize) -> Result<Generated> {
    for existing in ["handbook.yaml", "content"] {
        let path = out.join(existing);
        if path.exists() {
            return Err(Error::io(
                &path,
                std::io::Error::other("already exists; generate into a new folder"),
            ));
        }
    }
    let corpus = Corpus::generate(&Vocabulary::embedded(), &Options::new(roles));
    let files = corpus.files();
    for file in &files {
        let path = out.join(&file.path);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        fs::write(&path, &file.text).map_err(|e| Error::io(&path, e))?;
    }
    Ok(Generated {
        documents: corpus.documents.len(),
        roles: corpus.role_count(),
        files: files.len(),
        root: out.to_path_buf(),
    })
}

impl Corpus {
    /// The handbook these files validate into, without touching the disk.
    pub fn to_handbook(&self) -> Result<Handbook> {
        let config: Config = serde_yaml::from_str(&self.config_text())
            .map_err(|e| Error::from(yaml_error(Path::new("handbook.yaml"), 1, &e)))?;
        let documents = self
            .documents
            .iter()
            .map(raw_document)
            .collect::<Result<_>>()?;
        crate::model::validate(&config, &RawContent { documents })
    }
}

/// A document's files as the loader would have read them.
fn raw_document(doc: &GenDocument) -> Result<RawDocument> {
    let dir = PathBuf::from("content").join(&doc.id);
    let roles = (doc.roles.iter())
        .map(|role| {
            let path = dir.join(format!("{}.md", role.id));
            Ok(RawRole {
                stem: role.id.clone(),
                parsed: parse(path, role_text(role))?,
            })
        })
        .collect::<Result<_>>()?;
    Ok(RawDocument {
        dir_name: doc.id.clone(),
        index: parse(dir.join("_index.md"), document_text(doc))?,
        dir,
        roles,
    })
}

fn parse<M: serde::de::DeserializeOwned>(path: PathBuf, text: String) -> Result<Parsed<M>> {
    Ok(parse_source(SourceFile { path, text })?)
}

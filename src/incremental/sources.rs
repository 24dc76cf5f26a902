//! What changed on disk since the last build: every file's modification time
//! and length, taken before the files are read, so an edit made during a
//! build is seen by the next one.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::config::CONFIG_FILE;
use crate::content::CONTENT_DIR;
use crate::error::{Error, Result};
use crate::render::theme::{OVERRIDES_DIR, THEMES_DIR};

/// A file's modification time and length.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    modified: Option<SystemTime>,
    len: u64,
}

/// The stamps of every file under some folders, and the folders themselves
/// (a folder has no stamp: only its entries count), by path.
pub type Stamps = BTreeMap<PathBuf, Option<Stamp>>;

/// The files a build reads, in two groups: the Markdown files of the
/// documents (an edit to one rebuilds only what depends on it), and
/// everything else (settings, theme, templates, glossary: any change rebuilds
/// the whole site).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Snapshot {
    pub documents: Stamps,
    pub settings: Stamps,
}

/// How the document files changed between two snapshots.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    Nothing,
    /// These files changed; no file or folder came or went.
    Edited(Vec<PathBuf>),
    /// Files or folders were added or removed.
    Restructured,
}

impl Snapshot {
    pub fn take(root: &Path) -> Result<Snapshot> {
        let mut snapshot = Snapshot::default();
        let content = root.join(CONTENT_DIR);
        for (path, stamp) in stamps(&content)? {
            if is_document_entry(&content, &path, stamp.is_none()) {
                snapshot.documents.insert(path, stamp);
            } else {
                snapshot.settings.insert(path, stamp);
            }
        }
        snapshot.settings.extend(stamps(&root.join(THEMES_DIR))?);
        snapshot.settings.extend(stamps(&root.join(OVERRIDES_DIR))?);
        let config = root.join(CONFIG_FILE);
        snapshot.settings.insert(config.clone(), stamp(&config));
        Ok(snapshot)
    }

    /// How `newer`'s document files differ from these.
    pub fn change_to(&self, newer: &Snapshot) -> Change {
        let (old, new) = (&self.documents, &newer.documents);
        if old.len() != new.len() || old.keys().zip(new.keys()).any(|(a, b)| a != b) {
            return Change::Restructured;
        }
        let edited: Vec<PathBuf> = (old.iter().zip(new))
            .filter(|((_, a), (_, b))| a != b)
            .map(|(_, (path, _))| path.clone())
            .collect();
        match edited.is_empty() {
            true => Change::Nothing,
            false => Change::Edited(edited),
        }
    }
}

/// New stamps of some document files, to put into a [`Snapshot`] once the
/// rebuild that read them succeeded.
pub type Restamped = Vec<(PathBuf, Option<Stamp>)>;

impl Snapshot {
    /// The change made by `paths`, as reported by a file watcher, when they
    /// are all document files this snapshot knows: then nothing else needs
    /// a look, which on 10,000 roles saves stamping every file. `None` when
    /// a path is anything else (a new file, a folder, a setting).
    pub fn change_of(&self, paths: &[PathBuf]) -> Option<(Change, Restamped)> {
        let mut restamped = Restamped::new();
        for path in paths.iter().collect::<BTreeSet<_>>() {
            let old = self.documents.get(path)?.as_ref()?;
            let new = stamp(path)?;
            if new != *old {
                restamped.push((path.clone(), Some(new)));
            }
        }
        let change = match restamped.is_empty() {
            true => Change::Nothing,
            false => Change::Edited(restamped.iter().map(|(p, _)| p.clone()).collect()),
        };
        Some((change, restamped))
    }

    pub fn restamp(&mut self, restamped: Restamped) {
        self.documents.extend(restamped);
    }
}

/// A document folder `content/<document>/`, or a Markdown file in one: its
/// index or one of its roles.
fn is_document_entry(content: &Path, path: &Path, is_folder: bool) -> bool {
    let depth = path
        .strip_prefix(content)
        .unwrap_or(path)
        .components()
        .count();
    match depth {
        1 => is_folder,
        2 => !is_folder && path.extension().is_some_and(|e| e == "md"),
        _ => false,
    }
}

/// Every entry under `dir` except hidden ones (which the build skips too:
/// editors keep swap and backup files there). A missing folder has none.
fn stamps(dir: &Path) -> Result<Stamps> {
    let mut out = Stamps::new();
    if !dir.exists() {
        return Ok(out);
    }
    let walk = walkdir::WalkDir::new(dir)
        .min_depth(1)
        .into_iter()
        .filter_entry(|e| !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walk {
        let entry = entry.map_err(|e| Error::io(dir, e.into()))?;
        let stamp = entry
            .file_type()
            .is_file()
            .then(|| stamp(entry.path()))
            .flatten();
        out.insert(entry.into_path(), stamp);
    }
    Ok(out)
}

fn stamp(path: &Path) -> Option<Stamp> {
    let meta = fs::metadata(path).ok()?;
    Some(Stamp {
        modified: meta.modified().ok(),
        len: meta.len(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_edits_from_new_files() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("content/01-a")).unwrap();
        fs::write(root.join("content/01-a/_index.md"), "x").unwrap();
        fs::write(root.join("content/01-a/r.md"), "x").unwrap();
        let first = Snapshot::take(root).unwrap();
        assert_eq!(
            first.change_to(&Snapshot::take(root).unwrap()),
            Change::Nothing
        );

        fs::write(root.join("content/01-a/r.md"), "longer").unwrap();
        let second = Snapshot::take(root).unwrap();
        let edited = vec![root.join("content/01-a/r.md")];
        assert_eq!(first.change_to(&second), Change::Edited(edited));
        assert_eq!(first.settings, second.settings);

        fs::write(root.join("content/01-a/.r.md.swp"), "x").unwrap();
        assert_eq!(
            second.change_to(&Snapshot::take(root).unwrap()),
            Change::Nothing
        );
        fs::write(root.join("content/01-a/s.md"), "x").unwrap();
        let third = Snapshot::take(root).unwrap();
        assert_eq!(second.change_to(&third), Change::Restructured);

        let edited = vec![root.join("content/01-a/r.md")];
        fs::write(&edited[0], "longer still").unwrap();
        let (change, restamped) = third.change_of(&edited).unwrap();
        assert_eq!(change, Change::Edited(edited.clone()));
        assert_eq!(restamped.len(), 1);
        assert!(third
            .change_of(&[root.join("content/01-a/new.md")])
            .is_none());
        assert!(third.change_of(&[root.join("content/01-a")]).is_none());

        fs::write(root.join("content/glossary.yaml"), "[]").unwrap();
        assert_ne!(third.settings, Snapshot::take(root).unwrap().settings);
    }
}

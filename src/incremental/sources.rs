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
    /// These Markdown files of existing document folders were edited, added
    /// or removed; no document folder came or went.
    Files(Vec<PathBuf>),
    /// Document folders were added or removed.
    Restructured,
}

impl Change {
    /// The paths to look at again when the rebuild of this change fails
    /// (`None`: every file), since a file watcher names each change once.
    pub fn retry(&self) -> Option<Vec<PathBuf>> {
        match self {
            Change::Nothing => Some(Vec::new()),
            Change::Files(paths) => Some(paths.clone()),
            Change::Restructured => None,
        }
    }
}

impl Snapshot {
    pub fn take(root: &Path) -> Result<Snapshot> {
        let mut snapshot = Snapshot::default();
        let content = root.join(CONTENT_DIR);
        for (path, stamp) in stamps(&content)? {
            match entry_kind(&content, &path, stamp.is_some()) {
                Entry::Document => snapshot.documents.insert(path, stamp),
                Entry::Ignored => continue,
                Entry::Setting => snapshot.settings.insert(path, stamp),
            };
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
        let folders = |s: &Stamps| -> Vec<PathBuf> {
            (s.iter().filter(|(_, stamp)| stamp.is_none()))
                .map(|(path, _)| path.clone())
                .collect()
        };
        if folders(old) != folders(new) {
            return Change::Restructured;
        }
        let mut changed: BTreeSet<&PathBuf> = BTreeSet::new();
        changed.extend(
            old.iter()
                .filter(|(p, s)| new.get(*p) != Some(*s))
                .map(|(p, _)| p),
        );
        changed.extend(new.keys().filter(|p| !old.contains_key(*p)));
        match changed.is_empty() {
            true => Change::Nothing,
            false => Change::Files(changed.into_iter().cloned().collect()),
        }
    }
}

/// New stamps of some document files, to put into a [`Snapshot`] once the
/// rebuild that read them succeeded; `None` for a file that is gone.
pub type Restamped = Vec<(PathBuf, Option<Stamp>)>;

impl Snapshot {
    /// The change made by `paths`, as reported by a file watcher, when they
    /// are all files directly inside document folders this snapshot knows:
    /// Markdown files edited, new or removed, and files the build leaves
    /// out. Then nothing else needs a look, which on 10,000 roles saves
    /// stamping every file. `None` when a path is anything else (a folder,
    /// a setting, a new document's file).
    pub fn change_of(&self, paths: &[PathBuf]) -> Option<(Change, Restamped)> {
        let mut restamped = Restamped::new();
        for path in paths.iter().collect::<BTreeSet<_>>() {
            if self.is_left_out(path)? {
                continue;
            }
            let new = markdown_stamp(path)?;
            if self.documents.get(path) != Some(&new) {
                restamped.push((path.clone(), new));
            }
        }
        let change = match restamped.is_empty() {
            true => Change::Nothing,
            false => Change::Files(restamped.iter().map(|(p, _)| p.clone()).collect()),
        };
        Some((change, restamped))
    }

    /// Whether the build leaves out `path`, in a known document folder: a
    /// hidden file (an editor's swap file), or a file that is not Markdown
    /// or is gone (a backup, the temporary file of a save). `None` when
    /// only stamping everything tells (a folder made there, a setting).
    fn is_left_out(&self, path: &Path) -> Option<bool> {
        if !self.is_in_document(path) {
            return None;
        }
        let hidden = path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'));
        if hidden || is_markdown(path) {
            return Some(hidden);
        }
        match fs::symlink_metadata(path) {
            Ok(meta) => meta.is_file().then_some(true),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                (!self.settings.contains_key(path)).then_some(true)
            }
            Err(_) => None,
        }
    }

    /// Whether `path` is directly inside a document folder this snapshot
    /// knows (folders are the entries without a stamp).
    fn is_in_document(&self, path: &Path) -> bool {
        path.parent()
            .is_some_and(|dir| self.documents.get(dir) == Some(&None))
    }

    pub fn restamp(&mut self, restamped: Restamped) {
        for (path, stamp) in restamped {
            match stamp {
                Some(stamp) => self.documents.insert(path, Some(stamp)),
                None => self.documents.remove(&path),
            };
        }
    }
}

/// What the build makes of an entry under `content/`.
enum Entry {
    /// A document folder `content/<document>/`, or a Markdown file in one:
    /// its index or one of its roles.
    Document,
    /// Any other file in a document folder, which the loader does not read
    /// (an editor's backup such as `role.md~`).
    Ignored,
    /// Anything else: the glossary, a nested folder (an error).
    Setting,
}

fn entry_kind(content: &Path, path: &Path, is_file: bool) -> Entry {
    let depth = path
        .strip_prefix(content)
        .unwrap_or(path)
        .components()
        .count();
    match (depth, is_file, is_markdown(path)) {
        (1, false, _) | (2, true, true) => Entry::Document,
        (2, true, false) => Entry::Ignored,
        _ => Entry::Setting,
    }
}

fn is_markdown(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "md")
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

/// The stamp of a Markdown file of a document (`Some(None)` when there is
/// no such file); `None` when `path` is something else, such as a folder.
fn markdown_stamp(path: &Path) -> Option<Option<Stamp>> {
    match fs::symlink_metadata(path) {
        // What `Snapshot::take` stamps: regular files only.
        Ok(meta) if meta.is_file() => stamp(path).map(Some),
        Ok(_) => None,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Some(None),
        Err(_) => None,
    }
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

    /// A content folder with one document of one role, `content/01-a/r.md`.
    fn one_role() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("content/01-a");
        fs::create_dir_all(&folder).unwrap();
        fs::write(folder.join("_index.md"), "x").unwrap();
        fs::write(folder.join("r.md"), "x").unwrap();
        dir
    }

    #[test]
    fn tells_edits_from_new_files() {
        let dir = one_role();
        let root = dir.path();
        let first = Snapshot::take(root).unwrap();
        assert_eq!(
            first.change_to(&Snapshot::take(root).unwrap()),
            Change::Nothing
        );

        fs::write(root.join("content/01-a/r.md"), "longer").unwrap();
        let second = Snapshot::take(root).unwrap();
        let edited = vec![root.join("content/01-a/r.md")];
        assert_eq!(first.change_to(&second), Change::Files(edited));
        assert_eq!(first.settings, second.settings);

        fs::write(root.join("content/01-a/.r.md.swp"), "x").unwrap();
        assert_eq!(
            second.change_to(&Snapshot::take(root).unwrap()),
            Change::Nothing
        );
        fs::write(root.join("content/01-a/s.md"), "x").unwrap();
        let third = Snapshot::take(root).unwrap();
        let added = vec![root.join("content/01-a/s.md")];
        assert_eq!(second.change_to(&third), Change::Files(added));
        fs::create_dir_all(root.join("content/02-b")).unwrap();
        assert_eq!(
            third.change_to(&Snapshot::take(root).unwrap()),
            Change::Restructured
        );
        fs::remove_dir(root.join("content/02-b")).unwrap();

        let edited = vec![root.join("content/01-a/r.md")];
        fs::write(&edited[0], "longer still").unwrap();
        let (change, restamped) = third.change_of(&edited).unwrap();
        assert_eq!(change, Change::Files(edited.clone()));
        assert_eq!(restamped.len(), 1);
        assert!(third.change_of(&[root.join("content/01-a")]).is_none());
        assert!(third.change_of(&[root.join("content/02-b/r.md")]).is_none());
        let (change, _) = third.change_of(&[root.join("content/01-a/r.txt")]).unwrap();
        assert_eq!(change, Change::Nothing, "not read by the build");

        fs::write(root.join("content/glossary.yaml"), "[]").unwrap();
        assert_ne!(third.settings, Snapshot::take(root).unwrap().settings);
    }

    #[test]
    fn watcher_paths_of_new_and_removed_files() {
        let dir = one_role();
        let root = dir.path();
        let mut snapshot = Snapshot::take(root).unwrap();
        let (new, old) = (
            root.join("content/01-a/n.md"),
            root.join("content/01-a/r.md"),
        );
        fs::write(&new, "x").unwrap();
        fs::remove_file(&old).unwrap();
        // An editor's swap file, its backup and the temporary file of a
        // save (gone by now), which the build leaves out.
        let hidden = root.join("content/01-a/.n.md.swp");
        let backup = root.join("content/01-a/r.md~");
        fs::write(&backup, "x").unwrap();
        let temporary = root.join("content/01-a/4913");
        let named = [new.clone(), old.clone(), hidden, backup, temporary];
        let (change, restamped) = snapshot.change_of(&named).unwrap();
        assert_eq!(change, Change::Files(vec![new.clone(), old.clone()]));
        snapshot.restamp(restamped);
        assert_eq!(snapshot, Snapshot::take(root).unwrap());

        // A folder made in a document folder is an error the loader reports.
        fs::create_dir(root.join("content/01-a/sub")).unwrap();
        assert!(snapshot
            .change_of(&[root.join("content/01-a/sub")])
            .is_none());
        assert_ne!(snapshot.settings, Snapshot::take(root).unwrap().settings);

        // Made and removed again between two rebuilds: still looked at, in
        // case the last build read it.
        let brief = root.join("content/01-a/brief.md");
        let (change, _) = snapshot.change_of(std::slice::from_ref(&brief)).unwrap();
        assert_eq!(change, Change::Files(vec![brief]));
    }
}

//! Writing the built site atomically: everything goes into a folder beside
//! the output folder, which is then swapped in. A build that fails at any
//! point leaves the previous site as it was.
//!
//! Most pages of a rebuild are the same bytes as before, and on the file
//! systems measured creating, linking or removing tens of thousands of files
//! cost more than the rest of the write. So the folder a swap takes out of
//! service is kept as `.<output>.old` and becomes the next build's staging
//! folder: a page whose bytes are already there is left alone, a page
//! identical to the current site's file is hard-linked from it, and only the
//! others are written. Files are replaced, never written into, since a
//! staged file may be a hard link to a file of the live site. Files no page
//! claimed are removed before the swap. The kept folder shares the files of
//! unchanged pages with the live site, so it costs little disk space; it is
//! safe to delete.
//!
//! `handbook serve` writes only the pages that changed, straight into the
//! output folder, each through a temporary file and a rename
//! ([`write_changed`]).

use std::collections::{BTreeSet, HashSet};
use std::fs;
use std::io::Read;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use rayon::prelude::*;

use crate::error::{Error, Result};
use crate::render::{Page, StaticFile};

pub mod guard;

use guard::sibling;
pub use guard::{Setting, Target};

/// Writes `pages` (and copies `static_files`) as the new content of
/// `out_dir`.
pub fn write_site(target: &Target, pages: &[Page], static_files: &[StaticFile]) -> Result<()> {
    let staging = Staging::new(target)?;
    staging.write(pages)?;
    staging.write_static(static_files)?;
    staging.finish()
}

/// A site being written beside the output folder. Pages can be written in
/// batches (from several threads) as they are rendered, so a build never
/// holds every page in memory; [`Staging::finish`] swaps the site in, and
/// an unfinished one is kept for the next build. Until then the staged site
/// can be read at [`Staging::dir`] (`handbook pdf` prints from it).
pub struct Staging {
    dir: PathBuf,
    out_dir: PathBuf,
    /// Every file this build put in `dir`, relative to it.
    claimed: Mutex<HashSet<PathBuf>>,
    finished: bool,
    progress: Option<Arc<Progress>>,
    /// Held until the site is swapped in or the staging folder kept.
    _lock: guard::Lock,
}

/// Pages written so far out of those expected, for a progress display that
/// runs in another thread.
#[derive(Debug, Default)]
pub struct Progress {
    total: AtomicUsize,
    done: AtomicUsize,
}

impl Progress {
    pub fn set_total(&self, total: usize) {
        self.total.store(total, Ordering::Relaxed);
    }

    fn add(&self, pages: usize) {
        self.done.fetch_add(pages, Ordering::Relaxed);
    }

    /// `(done, total)`. The total set beforehand is an estimate; once more
    /// pages than that are written, it is the number written.
    pub fn get(&self) -> (usize, usize) {
        let done = self.done.load(Ordering::Relaxed);
        (done, self.total.load(Ordering::Relaxed).max(done))
    }
}

impl Staging {
    /// Staging for the output folder: the folder the last swap took out of
    /// service, or one an interrupted build left, else a new one. Only
    /// folders a build wrote are adopted, and only while this build holds
    /// the output's lock.
    pub fn new(target: &Target) -> Result<Staging> {
        let out_dir = &target.dir;
        let lock = guard::Lock::acquire(target)?;
        target.claim_existing()?;
        let dir = sibling(out_dir, "new")?;
        let kept = sibling(out_dir, "old")?;
        target.check_sibling(&dir)?;
        target.check_sibling(&kept)?;
        if !dir.is_dir() && kept.is_dir() {
            fs::rename(&kept, &dir).map_err(|e| Error::io(&kept, e))?;
        }
        fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        guard::mark(&dir)?;
        Ok(Staging {
            dir,
            out_dir: out_dir.to_path_buf(),
            claimed: Mutex::new(HashSet::from([PathBuf::from(guard::MARKER)])),
            finished: false,
            progress: None,
            _lock: lock,
        })
    }

    /// The folder the site is staged in.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Counts the pages this staging folder receives in `progress`.
    pub fn report_to(mut self, progress: Option<Arc<Progress>>) -> Staging {
        self.progress = progress;
        self
    }

    /// Writes `pages`, reusing identical files of the staging folder and of
    /// the current site.
    pub fn write(&self, pages: &[Page]) -> Result<()> {
        let targets: Vec<PathBuf> = pages
            .iter()
            .map(|p| inside(&self.dir, &p.path))
            .collect::<Result<_>>()?;
        let folders: BTreeSet<&Path> = targets.iter().filter_map(|t| t.parent()).collect();
        for folder in folders {
            self.make_folder(folder)?;
        }
        (pages.par_iter().zip(&targets))
            .try_for_each(|(page, target)| self.put(&page.path, &page.content, target))?;
        self.claim(pages.iter().map(|p| p.path.clone()));
        if let Some(progress) = &self.progress {
            progress.add(pages.len());
        }
        Ok(())
    }

    /// Creates `folder` inside the staging folder, removing files of an
    /// earlier build that are in the way (a theme's `static/fonts` file
    /// that became a folder).
    fn make_folder(&self, folder: &Path) -> Result<()> {
        // create_dir_all accepts a folder another thread made meanwhile.
        if fs::create_dir_all(folder).is_ok() {
            return Ok(());
        }
        let inner = folder.strip_prefix(&self.dir).unwrap_or(folder);
        let mut path = self.dir.clone();
        for part in inner.components() {
            path.push(part);
            if path.is_file() {
                remove_file_if_exists(&path)?;
            }
        }
        fs::create_dir_all(folder).map_err(|e| Error::io(folder, e))
    }

    /// Makes `target` (the staged `rel`) hold `bytes`.
    fn put(&self, rel: &Path, bytes: &[u8], target: &Path) -> Result<()> {
        if same_bytes(target, bytes) {
            return Ok(());
        }
        // The staged file may be a hard link to the live site's: it is
        // replaced, never written into.
        clear(target)?;
        let current = self.out_dir.join(rel);
        if same_bytes(&current, bytes) && fs::hard_link(&current, target).is_ok() {
            return Ok(());
        }
        fs::write(target, bytes).map_err(|e| Error::io(target, e))
    }

    fn has(&self, rel: &Path) -> bool {
        let claimed = self.claimed.lock().unwrap_or_else(PoisonError::into_inner);
        claimed.contains(rel)
    }

    fn claim(&self, paths: impl Iterator<Item = PathBuf>) {
        let mut claimed = self.claimed.lock().unwrap_or_else(PoisonError::into_inner);
        claimed.extend(paths);
    }

    /// Copies the theme's `static_files` into `static/`.
    pub fn write_static(&self, static_files: &[StaticFile]) -> Result<()> {
        for file in static_files {
            let rel = Path::new("static").join(&file.rel);
            let target = inside(&self.dir, &rel)?;
            if let Some(folder) = target.parent() {
                self.make_folder(folder)?;
            }
            self.put(&rel, &file.bytes()?, &target)?;
            self.claim(std::iter::once(rel));
        }
        Ok(())
    }

    /// Removes what no page claimed and replaces the output folder with
    /// this one.
    pub fn finish(mut self) -> Result<()> {
        self.carry_over()?;
        let claimed =
            std::mem::take(&mut *self.claimed.lock().unwrap_or_else(PoisonError::into_inner));
        remove_unclaimed(&self.dir, &claimed)?;
        self.finished = true;
        swap_in(&self.dir, &self.out_dir)
    }

    /// Keeps the files other commands put into the live site (the PDFs of
    /// `handbook pdf`) and this build did not write again: hard-linked, or
    /// copied, into the new one.
    fn carry_over(&self) -> Result<()> {
        let Ok(entries) = fs::read_dir(&self.out_dir) else {
            return Ok(());
        };
        for entry in entries.flatten() {
            let name = entry.file_name();
            let rel = PathBuf::from(&name);
            if !is_carried(&name.to_string_lossy()) || !entry.path().is_file() || self.has(&rel) {
                continue;
            }
            let target = self.dir.join(&rel);
            clear(&target)?;
            if fs::hard_link(entry.path(), &target).is_err() {
                fs::copy(entry.path(), &target).map_err(|e| Error::io(&target, e))?;
            }
            self.claim(std::iter::once(rel));
        }
        Ok(())
    }
}

/// Whether a top-level file of the output folder was written by another
/// command and outlives builds: `handbook-<variant>.pdf`.
fn is_carried(name: &str) -> bool {
    name.starts_with("handbook-") && name.ends_with(".pdf")
}

impl Drop for Staging {
    /// An unfinished staging folder is kept for the next build, under the
    /// name it looks for first.
    fn drop(&mut self) {
        if !self.finished {
            if let Ok(kept) = sibling(&self.out_dir, "old") {
                if !kept.exists() {
                    let _ = fs::rename(&self.dir, kept);
                }
            }
        }
    }
}

/// Removes the files under `dir` that are not in `claimed` (paths relative
/// to `dir`), and the folders left empty.
fn remove_unclaimed(dir: &Path, claimed: &HashSet<PathBuf>) -> Result<()> {
    // Children before their folder, so emptied folders can go too.
    for entry in walkdir::WalkDir::new(dir).min_depth(1).contents_first(true) {
        let entry = entry.map_err(|e| Error::io(dir, e.into()))?;
        let path = entry.path();
        let rel = path.strip_prefix(dir).unwrap_or(path);
        if entry.file_type().is_dir() {
            // Fails, as it should, while the folder still holds claimed files.
            let _ = fs::remove_dir(path);
        } else if !claimed.contains(rel) {
            remove_file_if_exists(path)?;
        }
    }
    Ok(())
}

/// Removes the file at `path`, or the folder of an earlier build where
/// this build puts a file; nothing there is fine.
fn clear(path: &Path) -> Result<()> {
    match fs::remove_file(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(_) if path.is_dir() => remove_tree(path).map_err(|e| Error::io(path, e)),
        Err(e) => Err(Error::io(path, e)),
        Ok(()) => Ok(()),
    }
}

fn remove_file_if_exists(path: &Path) -> Result<()> {
    match fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(Error::io(path, e)),
        _ => Ok(()),
    }
}

/// Whether the file at `path` holds exactly `bytes` (false when unreadable).
///
/// Every page of a rebuild is compared with its previous file, so this is a
/// fixed four system calls (open, fstat, one read, close) into a buffer each
/// thread reuses: `fs::read` also asks for the position and reads once more
/// to find the end, and allocates for every file.
fn same_bytes(path: &Path, bytes: &[u8]) -> bool {
    thread_local! {
        static OLD: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    let Ok(mut file) = fs::File::open(path) else {
        return false;
    };
    if file.metadata().map(|m| m.len()).ok() != Some(bytes.len() as u64) {
        return false;
    }
    let mut same = |old: &mut Vec<u8>| {
        old.clear();
        old.resize(bytes.len(), 0);
        file.read_exact(old).is_ok() && old.as_slice() == bytes
    };
    // The print page is tens of megabytes: its buffer is not kept.
    if bytes.len() > KEPT_BUFFER {
        return same(&mut Vec::new());
    }
    OLD.with_borrow_mut(same)
}

/// The largest comparison buffer a thread keeps between files.
const KEPT_BUFFER: usize = 1 << 20;

/// Writes the `pages` whose bytes differ from the files in the existing
/// `out_dir` and deletes `removed` ones; returns how many files it wrote or
/// deleted. Each file is replaced in one step (a temporary file beside it,
/// then a rename), so a reader sees the old page or the new one, never half.
pub fn write_changed(target: &Target, pages: &[Page], removed: &[PathBuf]) -> Result<usize> {
    let out_dir = &target.dir;
    let _lock = guard::Lock::acquire(target)?;
    let targets: Vec<PathBuf> = pages
        .iter()
        .map(|p| inside(out_dir, &p.path))
        .collect::<Result<_>>()?;
    let changed: Vec<(&Page, &PathBuf)> = (pages.par_iter().zip(&targets))
        .filter(|(page, target)| !same_bytes(target, &page.content))
        .collect();
    changed.par_iter().try_for_each(|&(page, target)| {
        create_parent(target)?;
        replace_file(target, &page.content).map_err(|e| Error::io(target, e))
    })?;
    let mut deleted = 0;
    for rel in removed {
        let target = inside(out_dir, rel)?;
        match fs::remove_file(&target) {
            Ok(()) => deleted += 1,
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                return Err(Error::io(&target, e))
            }
            Err(_) => {}
        }
    }
    Ok(changed.len() + deleted)
}

/// Writes `bytes` to a hidden file beside `path` and renames it over
/// `path`, so a reader sees the old file or the new one, never half, and a
/// failure leaves the old one. The new file keeps the old one's permissions.
pub fn replace_file(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
    let temp = path.with_file_name(format!(".{}.tmp", name.unwrap_or_default()));
    fs::write(&temp, bytes)?;
    let kept = match fs::metadata(path) {
        Ok(old) => fs::set_permissions(&temp, old.permissions()),
        Err(_) => Ok(()),
    };
    kept.and_then(|()| fs::rename(&temp, path))
        .inspect_err(|_| {
            let _ = fs::remove_file(&temp);
        })
}

/// Replaces `out_dir` with `staging`. The old site is moved aside first and
/// put back if the new one cannot be moved in; then it is kept, as the next
/// build's staging folder.
fn swap_in(staging: &Path, out_dir: &Path) -> Result<()> {
    if !out_dir.exists() {
        return fs::rename(staging, out_dir).map_err(|e| Error::io(out_dir, e));
    }
    let old = sibling(out_dir, "old")?;
    remove_if_exists(&old)?;
    if exchange(staging, out_dir)? {
        // `staging` now holds the previous site.
        return fs::rename(staging, &old).map_err(|e| Error::io(staging, e));
    }
    // Without an atomic exchange the output folder is missing between the
    // two renames.
    fs::rename(out_dir, &old).map_err(|e| Error::io(out_dir, e))?;
    if let Err(e) = fs::rename(staging, out_dir) {
        let _ = fs::rename(&old, out_dir);
        return Err(Error::io(out_dir, e));
    }
    Ok(())
}

/// Swaps the two folders in one step, so a reader always finds a site:
/// `renameat2(RENAME_EXCHANGE)`. False where the system or the file system
/// cannot.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> Result<bool> {
    use rustix::fs::{renameat_with, RenameFlags, CWD};
    use rustix::io::Errno;
    match renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE) {
        Ok(()) => Ok(true),
        Err(Errno::INVAL | Errno::NOSYS | Errno::NOTSUP) => Ok(false),
        Err(e) => Err(Error::io(b, e.into())),
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> Result<bool> {
    Ok(false)
}

/// Joins a page path to the staging folder, refusing anything that would
/// leave it.
fn inside(base: &Path, rel: &Path) -> Result<PathBuf> {
    let plain = rel.components().all(|c| matches!(c, Component::Normal(_)));
    if !plain || rel.as_os_str().is_empty() {
        return Err(Error::io(
            rel,
            std::io::Error::other("refusing to write outside the output folder"),
        ));
    }
    Ok(base.join(rel))
}

fn create_parent(path: &Path) -> Result<()> {
    match path.parent() {
        Some(parent) => fs::create_dir_all(parent).map_err(|e| Error::io(parent, e)),
        None => Ok(()),
    }
}

fn remove_if_exists(path: &Path) -> Result<()> {
    match remove_tree(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(Error::io(path, e)),
        _ => Ok(()),
    }
}

/// `fs::remove_dir_all`, with the folders' entries removed in parallel:
/// removing tens of thousands of files is mostly waiting on the file system,
/// which serves several requests at once.
fn remove_tree(path: &Path) -> std::io::Result<()> {
    let entries: Vec<fs::DirEntry> = fs::read_dir(path)?.collect::<std::io::Result<_>>()?;
    entries.par_iter().try_for_each(|entry| {
        if entry.file_type()?.is_dir() {
            remove_tree(&entry.path())
        } else {
            fs::remove_file(entry.path())
        }
    })?;
    fs::remove_dir(path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::StaticSource;

    fn tgt(dir: &Path) -> Target {
        Target {
            dir: dir.to_path_buf(),
            setting: Setting::Flag,
            force: false,
        }
    }

    fn page(path: &str, text: &str) -> Page {
        Page {
            path: PathBuf::from(path),
            content: text.as_bytes().to_vec(),
        }
    }

    #[test]
    fn replaces_previous_site_and_refuses_escapes() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("output");
        let target = tgt(&out);
        write_site(&target, &[page("a/index.html", "one")], &[]).unwrap();
        write_site(&target, &[page("b.html", "two")], &[]).unwrap();
        assert!(!out.join("a").exists());
        assert_eq!(fs::read_to_string(out.join("b.html")).unwrap(), "two");

        let err = write_site(&target, &[page("../evil.html", "x")], &[]);
        assert!(err.is_err());
        assert!(!dir.path().join("evil.html").exists());
        assert_eq!(fs::read_to_string(out.join("b.html")).unwrap(), "two");
    }

    #[test]
    fn unchanged_pages_are_reused_and_changed_ones_written() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("output");
        let target = tgt(&out);
        let kept = sibling(&out, "old").unwrap();
        write_site(
            &target,
            &[page("a.html", "same"), page("b.html", "old")],
            &[],
        )
        .unwrap();
        write_site(
            &target,
            &[page("a.html", "same"), page("b.html", "new")],
            &[],
        )
        .unwrap();
        assert_eq!(fs::read_to_string(out.join("a.html")).unwrap(), "same");
        assert_eq!(fs::read_to_string(out.join("b.html")).unwrap(), "new");
        // The previous site is kept for the next build, and no staging
        // folder is left.
        assert_eq!(fs::read_to_string(kept.join("b.html")).unwrap(), "old");
        assert!(!sibling(&out, "new").unwrap().exists());
        write_site(
            &target,
            &[page("a.html", "same"), page("c/d.html", "third")],
            &[],
        )
        .unwrap();
        assert_eq!(fs::read_to_string(out.join("c/d.html")).unwrap(), "third");
        assert!(
            !out.join("b.html").exists(),
            "a page no build wrote is gone"
        );
        assert_eq!(fs::read_to_string(kept.join("b.html")).unwrap(), "new");
    }

    /// A staged file can be a hard link to the live site's: changing the
    /// page must not change the live file before the swap.
    #[test]
    fn staging_never_writes_into_the_live_site() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("output");
        let target = tgt(&out);
        for _ in 0..3 {
            write_site(&target, &[page("a.html", "live")], &[]).unwrap();
        }
        let staging = Staging::new(&target).unwrap();
        staging.write(&[page("a.html", "changed")]).unwrap();
        assert_eq!(fs::read_to_string(out.join("a.html")).unwrap(), "live");
        drop(staging);
        assert_eq!(fs::read_to_string(out.join("a.html")).unwrap(), "live");
        assert!(
            sibling(&out, "old").unwrap().exists(),
            "kept for the next build"
        );
        write_site(&target, &[page("a.html", "changed")], &[]).unwrap();
        assert_eq!(fs::read_to_string(out.join("a.html")).unwrap(), "changed");
    }

    #[test]
    fn static_files_are_replaced_not_written_into() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("output");
        let target = tgt(&out);
        let source = dir.path().join("style.css");
        let statics = [StaticFile {
            rel: PathBuf::from("style.css"),
            source: StaticSource::File(source.clone()),
        }];
        for text in ["a", "a", "a", "b"] {
            fs::write(&source, text).unwrap();
            write_site(&target, &[], &statics).unwrap();
            assert_eq!(
                fs::read_to_string(out.join("static/style.css")).unwrap(),
                text
            );
        }
        let kept = sibling(&out, "old").unwrap().join("static/style.css");
        assert_eq!(fs::read_to_string(kept).unwrap(), "a");
    }

    /// The kept staging folder may hold a file where this build needs a
    /// folder, or the other way round.
    #[test]
    fn files_and_folders_of_the_last_build_make_way() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("output");
        let target = tgt(&out);
        // Staging is the site from two builds before.
        let file: &[(&str, &str)] = &[("fonts", "file")];
        let folder: &[(&str, &str)] = &[("fonts/a.woff", "in a folder")];
        let shapes = [file, file, folder, folder, file];
        for pages in shapes {
            let pages: Vec<Page> = pages.iter().map(|(p, t)| page(p, t)).collect();
            write_site(&target, &pages, &[]).unwrap();
            for p in &pages {
                let text = String::from_utf8(p.content.clone()).unwrap();
                assert_eq!(fs::read_to_string(out.join(&p.path)).unwrap(), text);
            }
        }
    }

    #[test]
    fn changed_pages_replace_files_in_place() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("output");
        let target = tgt(&out);
        write_site(
            &target,
            &[page("d/a.html", "one"), page("b.html", "two")],
            &[],
        )
        .unwrap();
        let removed = [PathBuf::from("b.html")];
        write_changed(&target, &[page("d/a.html", "three")], &removed).unwrap();
        assert_eq!(fs::read_to_string(out.join("d/a.html")).unwrap(), "three");
        assert!(!out.join("b.html").exists());
        let names: Vec<_> = fs::read_dir(out.join("d")).unwrap().collect();
        assert_eq!(names.len(), 1, "no temporary file is left");
        assert!(write_changed(&target, &[page("../x.html", "x")], &[]).is_err());
    }
}

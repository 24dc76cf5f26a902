//! Writing the built site atomically: everything goes into a fresh folder
//! beside the output folder, which is then swapped in. A build that fails at
//! any point leaves the previous site as it was.

use std::fs;
use std::path::{Component, Path, PathBuf};

use crate::error::{Error, Result};
use crate::render::Page;

/// Writes `pages` (and copies `static_files`, source → relative path) as the
/// new content of `out_dir`.
pub fn write_site(
    out_dir: &Path,
    pages: &[Page],
    static_files: &[(PathBuf, PathBuf)],
) -> Result<()> {
    let staging = sibling(out_dir, "new")?;
    remove_if_exists(&staging)?;
    let written = write_all(&staging, pages, static_files);
    if let Err(e) = written {
        let _ = fs::remove_dir_all(&staging);
        return Err(e);
    }
    swap_in(&staging, out_dir)
}

fn write_all(staging: &Path, pages: &[Page], static_files: &[(PathBuf, PathBuf)]) -> Result<()> {
    fs::create_dir_all(staging).map_err(|e| Error::io(staging, e))?;
    for page in pages {
        let target = inside(staging, &page.path)?;
        create_parent(&target)?;
        fs::write(&target, &page.content).map_err(|e| Error::io(&target, e))?;
    }
    for (source, rel) in static_files {
        let target = inside(staging, &Path::new("static").join(rel))?;
        create_parent(&target)?;
        fs::copy(source, &target).map_err(|e| Error::io(source, e))?;
    }
    Ok(())
}

/// Replaces `out_dir` with `staging`. The old site is moved aside first and
/// put back if the new one cannot be moved in.
fn swap_in(staging: &Path, out_dir: &Path) -> Result<()> {
    if !out_dir.exists() {
        return fs::rename(staging, out_dir).map_err(|e| Error::io(out_dir, e));
    }
    let old = sibling(out_dir, "old")?;
    remove_if_exists(&old)?;
    fs::rename(out_dir, &old).map_err(|e| Error::io(out_dir, e))?;
    if let Err(e) = fs::rename(staging, out_dir) {
        let _ = fs::rename(&old, out_dir);
        return Err(Error::io(out_dir, e));
    }
    remove_if_exists(&old)
}

/// `output` → `.output.<tag>` in the same folder, so the final rename never
/// crosses file systems.
fn sibling(out_dir: &Path, tag: &str) -> Result<PathBuf> {
    let name = out_dir
        .file_name()
        .ok_or_else(|| Error::io(out_dir, std::io::Error::other("output folder has no name")))?;
    let parent = out_dir.parent().unwrap_or(Path::new(""));
    Ok(parent.join(format!(".{}.{tag}", name.to_string_lossy())))
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
    match fs::remove_dir_all(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(Error::io(path, e)),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        write_site(&out, &[page("a/index.html", "one")], &[]).unwrap();
        write_site(&out, &[page("b.html", "two")], &[]).unwrap();
        assert!(!out.join("a").exists());
        assert_eq!(fs::read_to_string(out.join("b.html")).unwrap(), "two");

        let err = write_site(&out, &[page("../evil.html", "x")], &[]);
        assert!(err.is_err());
        assert!(!dir.path().join("evil.html").exists());
        assert_eq!(fs::read_to_string(out.join("b.html")).unwrap(), "two");
    }
}

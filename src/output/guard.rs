//! What a build may touch. A build deletes, moves or replaces only folders
//! that a build of a handbook wrote: each of them carries a marker file, and
//! a folder without it is never adopted as the output, the staging folder or
//! the kept previous site. The output never overlaps the sources, and one
//! build at a time writes it (an advisory lock beside it).
//! docs/decisions/output-safety.md gives the reasons.

use std::fs;
use std::io::ErrorKind;
use std::path::{Component, Path, PathBuf};

use fs4::{FileExt, TryLockError};

use crate::error::{Error, Result, Text};
use crate::text;

/// The file that marks a folder as written by handbook.
pub const MARKER: &str = ".handbook-output";

const MARKER_TEXT: &str =
    "This folder is written by `handbook build`: each build replaces it as a whole.\n\
Keep no files of your own here.\n";

/// Which setting named the output folder, for error messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Setting {
    /// `output_dir` in `handbook.yaml`.
    Config,
    /// `--output` on the command line.
    Flag,
}

impl Setting {
    pub fn name(self) -> &'static str {
        match self {
            Setting::Config => "output_dir",
            Setting::Flag => "--output",
        }
    }
}

/// The output folder of a build and the setting that named it.
#[derive(Debug, Clone)]
pub struct Target {
    pub dir: PathBuf,
    pub setting: Setting,
    /// Take over an existing folder handbook did not write (`--force`).
    pub force: bool,
}

impl Target {
    pub fn error(&self, path: &Path, message: Text, hint: Text) -> Error {
        Error::Output {
            setting: self.setting.name(),
            path: path.to_path_buf(),
            message,
            hint,
        }
    }

    /// Refuses an output folder that is or holds the handbook's sources,
    /// lies inside them, is a file or a symbolic link.
    pub fn check(&self, root: &Path) -> Result<()> {
        self.check_kind()?;
        let out = absolute(&self.dir).map_err(|e| Error::io(&self.dir, e))?;
        let root = fs::canonicalize(root).map_err(|e| Error::io(root, e))?;
        if root.starts_with(&out) {
            return Err(self.error(
                &self.dir,
                text!(
                    "is the handbook's own folder or contains it; a build replaces its output folder as a whole",
                    "是手册自己的文件夹，或者包含了它；构建会整个替换输出文件夹"
                ),
                text!(
                    "name a folder of its own, e.g. `output`",
                    "另指定一个单独的文件夹，例如“output”"
                ),
            ));
        }
        if let Some(source) = source_part(&root, &out) {
            return Err(self.error(
                &self.dir,
                text!(
                    "lies inside the handbook's sources (`{source}`)",
                    "在手册的源文件里面（“{source}”）"
                ),
                text!(
                    "name a folder outside content/, themes/ and templates/, e.g. `output`",
                    "指定 content/、themes/ 和 templates/ 以外的文件夹，例如“output”"
                ),
            ));
        }
        Ok(())
    }

    fn check_kind(&self) -> Result<()> {
        let Ok(meta) = fs::symlink_metadata(&self.dir) else {
            return Ok(());
        };
        if meta.file_type().is_symlink() {
            return Err(self.error(
                &self.dir,
                text!(
                    "is a symbolic link; a build replaces its output folder as a whole and would replace the link",
                    "是一个链接；构建会整个替换输出文件夹，链接也会被替换"
                ),
                text!(
                    "name the folder the link points to, or keep the link elsewhere and point it at the output folder",
                    "改为指定链接指向的文件夹，或者把链接放到别处、让它指向输出文件夹"
                ),
            ));
        }
        if !meta.is_dir() {
            return Err(self.error(
                &self.dir,
                text!("is a file, not a folder", "是一个文件，不是文件夹"),
                text!(
                    "name a new folder, e.g. `output`",
                    "指定一个新文件夹，例如“output”"
                ),
            ));
        }
        Ok(())
    }

    /// Makes sure the existing output folder is handbook's own: an empty
    /// folder, or any with `--force`, is marked; a folder with files of
    /// someone else's is refused.
    pub fn claim_existing(&self) -> Result<()> {
        if !self.dir.is_dir() || is_marked(&self.dir) {
            return Ok(());
        }
        let empty = fs::read_dir(&self.dir)
            .map_err(|e| Error::io(&self.dir, e))?
            .next()
            .is_none();
        if !empty && !self.force {
            return Err(self.error(
                &self.dir,
                text!(
                    "is a folder with files that handbook did not write; a build would replace them",
                    "这个文件夹里有不是 handbook 写的文件；构建会替换掉它们"
                ),
                text!(
                    "name another folder, or pass --force to let the build replace this folder and everything in it",
                    "换一个文件夹；如果确实要让构建替换这个文件夹和里面的全部内容，加上 --force"
                ),
            ));
        }
        mark(&self.dir)
    }

    /// Checks a folder the build keeps beside the output (staging, the
    /// previous site): it may only be adopted when a build wrote it.
    pub fn check_sibling(&self, dir: &Path) -> Result<()> {
        let Ok(meta) = fs::symlink_metadata(dir) else {
            return Ok(());
        };
        if meta.is_dir() && is_marked(dir) {
            return Ok(());
        }
        Err(self.error(
            dir,
            text!(
                "is in the way: the build keeps its own files under this name, and this one was not written by handbook",
                "挡住了构建：构建要用这个名字存放自己的文件，而这个不是 handbook 写的"
            ),
            text!(
                "move or rename it; the build will then create its own",
                "把它移走或改名，构建会另建自己的"
            ),
        ))
    }
}

/// The part of the handbook's sources that `path` (absolute, resolved) is
/// in, if any.
fn source_part(root: &Path, path: &Path) -> Option<&'static str> {
    ["content", "themes", "templates", "handbook.yaml"]
        .into_iter()
        .find(|source| path.starts_with(root.join(source)))
}

/// The part of the sources of the handbook at `root` that `path` is in or
/// is, for commands that write files other than the site (`export`).
pub fn source_of(root: &Path, path: &Path) -> std::io::Result<Option<&'static str>> {
    let root = fs::canonicalize(root)?;
    Ok(source_part(&root, &absolute(path)?))
}

/// Whether `dir` carries the marker of a folder handbook wrote.
pub fn is_marked(dir: &Path) -> bool {
    fs::symlink_metadata(dir.join(MARKER)).is_ok_and(|m| m.is_file())
}

/// Puts the marker into `dir`.
pub fn mark(dir: &Path) -> Result<()> {
    let path = dir.join(MARKER);
    if is_marked(dir) {
        return Ok(());
    }
    fs::write(&path, MARKER_TEXT).map_err(|e| Error::io(&path, e))
}

/// `path` made absolute with symbolic links and `..` resolved, also when
/// its last parts do not exist yet.
fn absolute(path: &Path) -> std::io::Result<PathBuf> {
    let mut existing = std::path::absolute(path)?;
    let mut rest = Vec::new();
    while fs::symlink_metadata(&existing).is_err() {
        let Some(last) = existing.components().next_back() else {
            break;
        };
        rest.push(last.as_os_str().to_owned());
        if !existing.pop() {
            break;
        }
    }
    let mut resolved = fs::canonicalize(&existing)?;
    for part in rest.iter().rev() {
        match Path::new(part).components().next() {
            Some(Component::ParentDir) => {
                resolved.pop();
            }
            Some(Component::Normal(name)) => resolved.push(name),
            _ => {}
        }
    }
    Ok(resolved)
}

/// One build at a time writes an output folder: an exclusive advisory lock
/// on a file beside it, held while the value lives.
pub struct Lock {
    _file: fs::File,
}

impl Lock {
    /// Takes the lock of `target`'s output folder (`.NAME.lock` beside it).
    pub fn acquire(target: &Target) -> Result<Lock> {
        let path = &sibling(&target.dir, "lock")?;
        // `--output new/site` may name a folder whose parent does not exist
        // yet; the build creates it, as it always has.
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        let file = fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(path)
            .map_err(|e| Error::io(path, e))?;
        match FileExt::try_lock(&file) {
            Ok(()) => Ok(Lock { _file: file }),
            Err(TryLockError::WouldBlock) => Err(target.error(
                &target.dir,
                text!(
                    "another build or `handbook serve` is writing this folder",
                    "另一次构建或“handbook serve”正在写这个文件夹"
                ),
                text!(
                    "wait for it to finish, or stop `handbook serve`, then build again",
                    "等它完成，或者停止“handbook serve”，再重新构建"
                ),
            )),
            // A file system without locks (some network shares): build
            // unlocked rather than not at all.
            Err(TryLockError::Error(e)) if e.kind() == ErrorKind::Unsupported => {
                Ok(Lock { _file: file })
            }
            Err(TryLockError::Error(e)) => Err(Error::io(path, e)),
        }
    }
}

/// `output` → `.output.<tag>` in the same folder, so the final rename never
/// crosses file systems.
pub(super) fn sibling(out_dir: &Path, tag: &str) -> Result<PathBuf> {
    let name = out_dir
        .file_name()
        .ok_or_else(|| Error::io(out_dir, std::io::Error::other("output folder has no name")))?;
    let parent = out_dir.parent().unwrap_or(Path::new(""));
    Ok(parent.join(format!(".{}.{tag}", name.to_string_lossy())))
}

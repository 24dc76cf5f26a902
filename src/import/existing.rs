//! What the content folder holds before an import, so that documents get
//! folder numbers of their own and roles ids unique across the handbook,
//! and a document imported again lands in its own folder.
//!
//! Each imported document's `_index.md` names where it came from in a
//! comment ([`origin_comment`]): the file and which document of it. An
//! import of that file again (with `--force`) replaces that folder's role
//! files wholly; other folders are left alone and their numbers and role
//! ids are not reused.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use super::write::RoleIds;

/// The comment line an imported `_index.md` starts its front matter with.
pub fn origin_comment(file: &str, k: usize) -> String {
    format!("# 导入自：{file}，第 {k} 篇（用 handbook import --force 重新导入时，本文件夹的岗位文件整体替换）")
}

fn parse_origin(line: &str) -> Option<(String, usize)> {
    let rest = line.strip_prefix("# 导入自：")?;
    let (file, rest) = rest.rsplit_once("，第 ")?;
    let (k, _) = rest.split_once(" 篇")?;
    Some((file.to_string(), k.parse().ok()?))
}

/// A document folder already in the content folder.
#[derive(Debug, Clone)]
struct Folder {
    name: String,
    /// The Markdown files in it, relative to the content folder.
    files: Vec<PathBuf>,
}

/// How documents and roles of an import are named.
#[derive(Debug, Default)]
pub struct Naming {
    /// Folders by the (file, document) they were imported from.
    imported: BTreeMap<(String, usize), Folder>,
    /// Numbers of folders this import does not replace.
    numbers: BTreeSet<usize>,
    /// Role ids of folders this import does not replace, and of those it
    /// wrote.
    pub role_ids: RoleIds,
    /// Folders named so far, by (file, document).
    named: BTreeMap<(String, usize), String>,
}

impl Naming {
    /// For an import into `into` of the files named `files` (their file
    /// names): folders from other sources keep their numbers and role ids.
    pub fn scan(into: &Path, files: &[String]) -> Naming {
        let mut naming = Naming::default();
        let Ok(entries) = std::fs::read_dir(into) else {
            return naming;
        };
        let mut folders: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
        folders.sort();
        for path in folders.iter().filter(|p| p.join("_index.md").is_file()) {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let files_in = markdown_files(into, path);
            let origin = read_origin(&path.join("_index.md")).filter(|(f, _)| files.contains(f));
            match origin {
                Some(origin) => {
                    let folder = Folder {
                        name,
                        files: files_in,
                    };
                    naming.imported.insert(origin, folder);
                }
                None => {
                    naming.numbers.extend(number_of(&name));
                    for id in role_ids_of(&files_in) {
                        naming.role_ids.reserve(id);
                    }
                }
            }
        }
        naming
    }

    /// The folder of document `k` of `file`: the one it was imported into
    /// before, else the next free number with `slug`.
    pub fn folder(&mut self, file: &str, k: usize, slug: &str) -> String {
        let key = (file.to_string(), k);
        if let Some(name) = self.named.get(&key) {
            return name.clone();
        }
        let name = match self.imported.get(&key) {
            Some(folder) => folder.name.clone(),
            None => {
                let mut n = 1;
                while self.numbers.contains(&n) || self.reserved_by_reimport(n) {
                    n += 1;
                }
                format!("{n:02}-{slug}")
            }
        };
        self.numbers.extend(number_of(&name));
        self.named.insert(key, name.clone());
        name
    }

    fn reserved_by_reimport(&self, n: usize) -> bool {
        self.imported
            .values()
            .any(|f| number_of(&f.name) == Some(n))
    }

    /// The files of earlier imports of the same documents that this import
    /// does not write again: the roles a document no longer has.
    pub fn stale(&self, written: &[PathBuf]) -> Vec<PathBuf> {
        let written: BTreeSet<&PathBuf> = written.iter().collect();
        (self.imported.iter())
            .filter(|(key, _)| self.named.contains_key(*key))
            .flat_map(|(_, folder)| folder.files.iter())
            .filter(|file| !written.contains(file))
            .cloned()
            .collect()
    }
}

fn number_of(name: &str) -> Option<usize> {
    let digits: String = name.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

fn read_origin(index: &Path) -> Option<(String, usize)> {
    let text = std::fs::read_to_string(index).ok()?;
    text.lines().take(3).find_map(parse_origin)
}

fn markdown_files(into: &Path, folder: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = (entries.flatten())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "md") && p.is_file())
        .filter_map(|p| p.strip_prefix(into).ok().map(Path::to_path_buf))
        .collect();
    files.sort();
    files
}

fn role_ids_of(files: &[PathBuf]) -> Vec<String> {
    (files.iter())
        .filter(|f| f.file_name().is_some_and(|n| n != "_index.md"))
        .filter_map(|f| f.file_stem().map(|s| s.to_string_lossy().into_owned()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_origin_comment_reads_back() {
        let line = origin_comment("运营部 岗位说明书.docx", 3);
        assert_eq!(
            parse_origin(&line),
            Some(("运营部 岗位说明书.docx".to_string(), 3))
        );
        assert_eq!(parse_origin("# 其他注释"), None);
    }
}

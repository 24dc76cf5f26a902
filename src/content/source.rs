//! Reading one source file: UTF-8 checks, BOM and CRLF handling, and splitting
//! YAML front matter from the Markdown body while keeping line numbers.

use std::path::{Path, PathBuf};

use crate::error::{Diagnostic, Location, Text};
use crate::text;

/// Content files larger than this are refused before they are read: a file
/// this size is a wrong file (a database dump, a video), and reading it would
/// only make the build slow before failing.
pub const MAX_FILE_BYTES: u64 = 8 << 20;

/// A source file's text, normalized to `\n` line endings without a BOM.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: PathBuf,
    pub text: String,
}

/// Reads a file as UTF-8 text. A non-UTF-8 file is an error at the line of the
/// first bad byte, so the author can find it.
pub fn read_source(path: &Path) -> Result<SourceFile, Diagnostic> {
    let bytes = read_bytes(path)?;
    let text = decode(path, bytes)?;
    Ok(SourceFile {
        path: path.to_path_buf(),
        text,
    })
}

/// Why [`read_regular`] read nothing.
#[derive(Debug)]
pub enum ReadError {
    /// A pipe, a device, a folder, or a link to one.
    NotAFile,
    /// More than the limit was there to read.
    TooLarge,
    Io(std::io::Error),
}

/// The bytes of the regular file at `path` (or the one a link points to),
/// at most `limit` of them. A pipe or a device would block or never end, so
/// it is not read; the limit counts what is read, not the size the file
/// system reports. Shared by the content loader and `handbook import`.
pub fn read_regular(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    if !std::fs::metadata(path).map_err(ReadError::Io)?.is_file() {
        return Err(ReadError::NotAFile);
    }
    let mut bytes = Vec::new();
    let file = std::fs::File::open(path).map_err(ReadError::Io)?;
    std::io::Read::read_to_end(&mut std::io::Read::take(file, limit + 1), &mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge);
    }
    Ok(bytes)
}

/// A content file's bytes ([`read_regular`] with the content files' limit).
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, Diagnostic> {
    let at = Location::new(path, 0);
    read_regular(path, MAX_FILE_BYTES).map_err(|e| match e {
        ReadError::NotAFile => Diagnostic::new(
            at,
            text!(
                "not a regular file (a pipe, a device or a link to one)",
                "这不是普通文件（而是管道、设备，或指向它们的链接），handbook 无法读取"
            ),
        )
        .hint(text_file_hint()),
        ReadError::TooLarge => too_large(at),
        ReadError::Io(e) => Diagnostic::new(
            at,
            text!("cannot read file: {e}", "无法读取这个文件（{e}）"),
        ),
    })
}

fn too_large(at: Location) -> Diagnostic {
    let mb = MAX_FILE_BYTES >> 20;
    Diagnostic::new(
        at,
        text!(
            "file is larger than {mb} MB, the limit for content files",
            "文件超过 {mb} MB，超出了 content 文件夹里文件的大小上限"
        ),
    )
    .hint(text!(
        "a job description is a few kilobytes: is this the right file?",
        "一份岗位说明书通常只有几 KB：请确认是不是放错了文件"
    ))
}

/// Both a binary file and a pipe are most likely the wrong file dropped in
/// `content/`; the author needs to know what belongs there.
fn text_file_hint() -> Text {
    text!(
        "content files are UTF-8 text: Markdown (.md) with YAML front matter",
        "content 文件夹里应当是 UTF-8 编码的纯文字 .md 文件，开头是两行“---”之间的字段"
    )
}

/// Decodes a file's bytes as UTF-8 text (BOM and CRLF handled).
pub fn decode(path: &Path, bytes: Vec<u8>) -> Result<String, Diagnostic> {
    if let Some(nul) = bytes.iter().position(|&b| b == 0) {
        let line = 1 + bytes[..nul].iter().filter(|&&b| b == b'\n').count();
        return Err(Diagnostic::new(
            Location::new(path, line),
            text!(
                "file is binary (it contains NUL bytes), not text",
                "这不是纯文字文件（里面有非文字的内容），可能是 Word 文档、图片等其他格式的文件"
            ),
        )
        .hint(text_file_hint()));
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(normalize(text)),
        Err(err) => {
            let good = &err.as_bytes()[..err.utf8_error().valid_up_to()];
            let line = 1 + good.iter().filter(|&&b| b == b'\n').count();
            let column = 1 + good.iter().rev().take_while(|&&b| b != b'\n').count();
            Err(Diagnostic::new(
                Location::new(path, line).with_column(column),
                text!(
                    "file is not valid UTF-8",
                    "文件不是 UTF-8 编码，从这里起的文字读不出来"
                ),
            )
            .hint(text!(
                "save the file as UTF-8 (in Word or Notepad: Save As → Encoding → UTF-8)",
                "请把文件另存为 UTF-8 编码：在 Word 或记事本里选“另存为”→“编码”→“UTF-8”"
            )))
        }
    }
}

fn normalize(text: String) -> String {
    let text = text
        .strip_prefix('\u{feff}')
        .map(str::to_string)
        .unwrap_or(text);
    if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    }
}

/// A file split into front matter and body. Line numbers are those of the file.
#[derive(Debug, Clone, Copy)]
pub struct Split<'a> {
    pub yaml: &'a str,
    /// Line of the file on which the YAML starts (the line after `---`).
    pub yaml_line: usize,
    pub body: &'a str,
    /// Line of the file on which the body starts.
    pub body_line: usize,
}

/// Splits `---`-fenced YAML front matter from the body.
pub fn split_front_matter(file: &SourceFile) -> Result<Split<'_>, Diagnostic> {
    let text = file.text.as_str();
    let missing = || {
        Diagnostic::new(
            Location::new(&file.path, 1),
            text!("missing YAML front matter", "文件开头没有字段"),
        )
        .hint(text!(
            "start the file with a line `---`, the fields, and another line `---`",
            "文件第一行写“---”，接着写各个字段，然后再写一行“---”"
        ))
    };
    let rest = text
        .strip_prefix("---\n")
        .or_else(|| (text.trim_end() == "---").then_some(""))
        .ok_or_else(missing)?;
    let (yaml, body) = match find_closing_fence(rest) {
        Some((end, body_start)) => (&rest[..end], &rest[body_start..]),
        None => {
            return Err(Diagnostic::new(
                Location::new(&file.path, 1),
                text!(
                    "front matter is not closed",
                    "文件开头的字段没有结束：缺少第二行“---”"
                ),
            )
            .hint(text!(
                "end the front matter with a line `---`",
                "在最后一个字段的下一行写上“---”"
            )))
        }
    };
    let yaml_line = 2;
    let body_line = yaml_line + yaml.matches('\n').count() + 1;
    Ok(Split {
        yaml,
        yaml_line,
        body,
        body_line,
    })
}

/// Finds the line `---` that closes the front matter: returns where the YAML
/// ends and where the body starts.
fn find_closing_fence(rest: &str) -> Option<(usize, usize)> {
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            return Some((offset, offset + line.len()));
        }
        offset += line.len();
    }
    None
}

/// The 1-based line on which a top-level `key:` stands in a YAML text, so
/// errors about a field can point at it.
pub fn key_line(split: &Split<'_>, key: &str) -> usize {
    split
        .yaml
        .lines()
        .position(|line| {
            line.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with(':'))
        })
        .map_or(split.yaml_line.saturating_sub(1), |i| split.yaml_line + i)
}

/// Turns byte offsets into the body into 1-based lines of the file.
pub struct BodyLines {
    first: usize,
    /// Byte offsets of the body's line breaks, in order: a lookup is a
    /// binary search, so a body with many links stays linear to check.
    breaks: Vec<usize>,
}

impl BodyLines {
    pub fn new(split: &Split<'_>) -> BodyLines {
        let breaks = split.body.match_indices('\n').map(|(at, _)| at).collect();
        BodyLines {
            first: split.body_line,
            breaks,
        }
    }

    /// The file line holding byte `offset` of the body.
    pub fn line(&self, offset: usize) -> usize {
        self.first + self.breaks.partition_point(|&at| at < offset)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> SourceFile {
        SourceFile {
            path: PathBuf::from("x.md"),
            text: normalize(text.to_string()),
        }
    }

    #[test]
    fn splits_front_matter_with_lines() {
        let f = file("---\ntitle: a\nweight: 1\n---\n1. duty\n");
        let s = split_front_matter(&f).unwrap();
        assert_eq!(s.yaml, "title: a\nweight: 1\n");
        assert_eq!(s.body, "1. duty\n");
        assert_eq!(s.body_line, 5);
        assert_eq!(key_line(&s, "weight"), 3);
    }

    #[test]
    fn body_offsets_map_to_file_lines() {
        let f = file("---\ntitle: a\n---\n1. one\n2. two\n\n3. three");
        let s = split_front_matter(&f).unwrap();
        let lines = BodyLines::new(&s);
        let at = |needle: &str| lines.line(s.body.find(needle).unwrap());
        assert_eq!(at("1."), 4);
        assert_eq!(at("two"), 5);
        assert_eq!(at("3."), 7);
        assert_eq!(lines.line(s.body.len()), 7);
    }

    #[test]
    fn accepts_bom_and_crlf() {
        let f = file("\u{feff}---\r\ntitle: a\r\n---\r\nbody\r\n");
        let s = split_front_matter(&f).unwrap();
        assert_eq!(s.yaml, "title: a\n");
        assert_eq!(s.body, "body\n");
    }

    #[test]
    fn reports_bad_utf8_line() {
        let err = decode(Path::new("x.md"), b"---\nok\n\xff\n".to_vec()).unwrap_err();
        assert_eq!(err.location.line, 3);
    }

    #[test]
    fn missing_and_unclosed_front_matter_are_errors() {
        assert!(split_front_matter(&file("title: a\n")).is_err());
        assert!(split_front_matter(&file("---\ntitle: a\n")).is_err());
    }
}

//! Loading `content/`: one folder per document, one Markdown file per role.
//! This stage only reads and parses; [`crate::model`] validates.

pub mod source;

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Deserialize;

use crate::error::{Diagnostic, Error, Location, Result, Text};
use crate::text;
use source::{read_source, split_front_matter, SourceFile, Split};

pub const CONTENT_DIR: &str = "content";
pub const INDEX_FILE: &str = "_index.md";

/// Front matter of a document's `_index.md`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentMeta {
    pub title: String,
    pub organization: String,
    pub industry: String,
    pub source: String,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub external_superiors: Vec<String>,
    /// Document control: the version in force, since when (an ISO date),
    /// who prepared, reviewed and approved it.
    #[serde(default)]
    pub version: Option<Scalar>,
    #[serde(default)]
    pub effective: Option<Scalar>,
    #[serde(default)]
    pub prepared_by: Option<Scalar>,
    #[serde(default)]
    pub reviewed_by: Option<Scalar>,
    #[serde(default)]
    pub approved_by: Option<Scalar>,
    /// 修订记录, oldest first.
    #[serde(default)]
    pub revisions: Vec<RevisionMeta>,
}

/// One line of a revision history (修订记录): `{version, date, summary}`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RevisionMeta {
    pub version: Scalar,
    pub date: Scalar,
    #[serde(default)]
    pub summary: String,
}

/// The document-control fields, which a document and a role both may give.
pub struct ControlMeta<'a> {
    pub version: &'a Option<Scalar>,
    pub effective: &'a Option<Scalar>,
    pub prepared_by: &'a Option<Scalar>,
    pub reviewed_by: &'a Option<Scalar>,
    pub approved_by: &'a Option<Scalar>,
    pub revisions: &'a [RevisionMeta],
}

/// The control fields of front matter that has them: each struct lists
/// them itself, since serde's `flatten` does not work with
/// `deny_unknown_fields`.
macro_rules! control_meta {
    ($($meta:ty),*) => {$(
        impl $meta {
            pub fn control(&self) -> ControlMeta<'_> {
                ControlMeta {
                    version: &self.version,
                    effective: &self.effective,
                    prepared_by: &self.prepared_by,
                    reviewed_by: &self.reviewed_by,
                    approved_by: &self.approved_by,
                    revisions: &self.revisions,
                }
            }
        }
    )*};
}

control_meta!(DocumentMeta, RoleMeta);

/// Front matter of a role file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoleMeta {
    pub title: String,
    #[serde(default)]
    pub reports_to: Option<String>,
    #[serde(default)]
    pub weight: Option<i64>,
    #[serde(default)]
    pub department: Option<Scalar>,
    #[serde(default)]
    pub code: Option<Scalar>,
    #[serde(default)]
    pub grade: Option<Scalar>,
    #[serde(default)]
    pub headcount: Option<Scalar>,
    #[serde(default)]
    pub location: Option<Scalar>,
    #[serde(default)]
    pub purpose: Items,
    #[serde(default)]
    pub key_responsibility: Items,
    #[serde(default)]
    pub authority: Items,
    #[serde(default)]
    pub internal_relations: Items,
    #[serde(default)]
    pub external_relations: Items,
    #[serde(default)]
    pub qualifications: Items,
    #[serde(default)]
    pub environment: Items,
    #[serde(default)]
    pub kpis: Items,
    #[serde(default)]
    pub career: Items,
    #[serde(default)]
    pub sections: Vec<SectionMeta>,
    /// Document control of this role's own description (see
    /// [`DocumentMeta`]).
    #[serde(default)]
    pub version: Option<Scalar>,
    #[serde(default)]
    pub effective: Option<Scalar>,
    #[serde(default)]
    pub prepared_by: Option<Scalar>,
    #[serde(default)]
    pub reviewed_by: Option<Scalar>,
    #[serde(default)]
    pub approved_by: Option<Scalar>,
    #[serde(default)]
    pub revisions: Vec<RevisionMeta>,
}

/// A custom section: `{label: 工作时间, after: duties, items: [...]}`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionMeta {
    pub label: String,
    /// The standard section it follows, `start`, or nothing for the end.
    #[serde(default)]
    pub after: Option<String>,
    #[serde(default)]
    pub items: Items,
}

/// A short value such as `headcount: 2` or `code: HR-01`. A number keeps
/// the digits as written (`code: 007`), which YAML's own reading would
/// drop, so validation reads it back from its line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scalar {
    pub text: String,
    pub is_number: bool,
}

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Written {
            Text(String),
            Number(serde_yaml::Number),
        }
        Ok(match Written::deserialize(d)? {
            Written::Text(text) => Scalar {
                text,
                is_number: false,
            },
            Written::Number(n) => Scalar {
                text: n.to_string(),
                is_number: true,
            },
        })
    }
}

/// A list field: a list of items, or one item written as a plain string
/// (`environment: 办公室`).
#[derive(Debug, Clone, Default)]
pub struct Items(pub Vec<ListItem>);

impl std::ops::Deref for Items {
    type Target = [ListItem];
    fn deref(&self) -> &[ListItem] {
        &self.0
    }
}

impl<'de> Deserialize<'de> for Items {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Written {
            One(String),
            Many(Vec<ListItem>),
        }
        Ok(Items(match Option::<Written>::deserialize(d)? {
            None => Vec::new(),
            Some(Written::One(text)) => vec![ListItem::Text(text)],
            Some(Written::Many(items)) => items,
        }))
    }
}

/// A front-matter list item: plain text, or text with sub-items.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum ListItem {
    Text(String),
    Nested(NestedItem),
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NestedItem {
    pub text: String,
    #[serde(default)]
    pub items: Vec<ListItem>,
}

/// A parsed source file: its text, where its parts are, and its front matter.
#[derive(Debug, Clone)]
pub struct Parsed<M> {
    pub file: SourceFile,
    pub meta: M,
    pub yaml: String,
    pub yaml_line: usize,
    pub body: String,
    pub body_line: usize,
}

impl<M> Parsed<M> {
    /// The split view, for line look-ups.
    pub fn split(&self) -> Split<'_> {
        Split {
            yaml: &self.yaml,
            yaml_line: self.yaml_line,
            body: &self.body,
            body_line: self.body_line,
        }
    }

    pub fn path(&self) -> &Path {
        &self.file.path
    }
}

/// One document folder as read from disk.
#[derive(Debug, Clone)]
pub struct RawDocument {
    /// The folder name: the document id, not yet validated.
    pub dir_name: String,
    pub dir: PathBuf,
    pub index: Parsed<DocumentMeta>,
    pub roles: Vec<RawRole>,
}

/// One role file as read from disk.
#[derive(Debug, Clone)]
pub struct RawRole {
    /// The file name without `.md`: the role id, not yet validated.
    pub stem: String,
    pub parsed: Parsed<RoleMeta>,
}

/// Everything under `content/`, unvalidated.
#[derive(Debug, Clone, Default)]
pub struct RawContent {
    pub documents: Vec<RawDocument>,
}

/// Reads `content/` under `root`. Every unreadable file is reported, not just
/// the first.
pub fn load(root: &Path) -> Result<RawContent> {
    let content_dir = root.join(CONTENT_DIR);
    if !content_dir.is_dir() {
        return Err(Diagnostic::new(
            Location::new(&content_dir, 0),
            text!("content folder not found", "找不到 content 文件夹"),
        )
        .hint(text!(
            "create content/ with one folder per document (see docs/content-format.md)",
            "新建 content 文件夹，在里面为每份文件各建一个文件夹（写法见 docs/content-format.md）"
        ))
        .into());
    }
    let mut errors = Vec::new();
    let mut documents = Vec::new();
    let entries = list_dir(&content_dir, &mut errors);
    // Documents are read and parsed in parallel (YAML parsing is most of a
    // large handbook's loading time); results and errors keep folder order.
    let loaded: Vec<(Option<RawDocument>, Vec<Diagnostic>)> = entries
        .par_iter()
        .filter(|dir| dir.is_dir())
        .map(|dir| {
            let mut errors = Vec::new();
            (load_document(dir, &mut errors), errors)
        })
        .collect();
    for (doc, doc_errors) in loaded {
        documents.extend(doc);
        errors.extend(doc_errors);
    }
    for file in entries.iter().filter(|e| !e.is_dir() && is_markdown(e)) {
        errors.push(
            Diagnostic::new(
                Location::new(file, 0),
                text!(
                    "Markdown file outside a document folder",
                    "这个 .md 文件没有放在任何一份文件的文件夹里"
                ),
            )
            .hint(text!(
                "move it into a folder content/<document-id>/",
                "把它移到 content 文件夹下它所属文件的文件夹里（content/<document-id>/）"
            )),
        );
    }
    if errors.is_empty() {
        Ok(RawContent { documents })
    } else {
        Err(Error::Invalid(errors))
    }
}

fn load_document(dir: &Path, errors: &mut Vec<Diagnostic>) -> Option<RawDocument> {
    let index_path = dir.join(INDEX_FILE);
    if !index_path.is_file() {
        errors.push(
            Diagnostic::new(
                Location::new(&index_path, 0),
                text!(
                    "document folder has no _index.md",
                    "这个文件夹里没有文件说明 _index.md"
                ),
            )
            .hint(text!(
                "add _index.md with the document's title, organization, industry and source",
                "添加文件说明 _index.md，在文件开头的字段里写上“title”（名称）、“organization”（单位）、“industry”（行业）和“source”（来源）"
            )),
        );
        return None;
    }
    let index = parse_file::<DocumentMeta>(&index_path, errors);
    let mut roles = Vec::new();
    for path in list_dir(dir, errors) {
        if path.is_dir() {
            errors.push(
                Diagnostic::new(
                    Location::new(&path, 0),
                    text!(
                        "nested folders are not supported",
                        "这份文件的文件夹里不能再有子文件夹"
                    ),
                )
                .hint(text!(
                    "keep role files directly in the document folder",
                    "把岗位文件直接放在这份文件的文件夹里，不要放进子文件夹"
                )),
            );
        } else if is_markdown(&path) && path != index_path {
            if let Some(parsed) = parse_file::<RoleMeta>(&path, errors) {
                roles.push(RawRole {
                    stem: file_stem(&path),
                    parsed,
                });
            }
        }
    }
    Some(RawDocument {
        dir_name: file_name(dir),
        dir: dir.to_path_buf(),
        index: index?,
        roles,
    })
}

/// The entries of a folder, sorted by name; hidden files are skipped.
fn list_dir(dir: &Path, errors: &mut Vec<Diagnostic>) -> Vec<PathBuf> {
    let mut entries = Vec::new();
    for entry in walkdir::WalkDir::new(dir)
        .min_depth(1)
        .max_depth(1)
        .sort_by_file_name()
    {
        match entry {
            Ok(e) if !e.file_name().to_string_lossy().starts_with('.') => {
                entries.push(e.into_path())
            }
            Ok(_) => {}
            Err(e) => errors.push(Diagnostic::new(
                Location::new(e.path().unwrap_or(dir), 0),
                text!("cannot read: {e}", "无法读取（{e}）"),
            )),
        }
    }
    entries
}

fn parse_file<M: serde::de::DeserializeOwned>(
    path: &Path,
    errors: &mut Vec<Diagnostic>,
) -> Option<Parsed<M>> {
    read_source(path)
        .and_then(parse_source)
        .map_err(|d| errors.push(d))
        .ok()
}

/// Splits and parses one source file's front matter. Public so the parser
/// can be exercised without files on disk (fuzzing, tests).
pub fn parse_source<M: serde::de::DeserializeOwned>(
    file: SourceFile,
) -> Result<Parsed<M>, Diagnostic> {
    let split = split_front_matter(&file)?;
    let meta = parse_yaml::<M>(&file.path, &split)?;
    Ok(Parsed {
        meta,
        yaml: split.yaml.to_string(),
        yaml_line: split.yaml_line,
        body: split.body.to_string(),
        body_line: split.body_line,
        file: file.clone(),
    })
}

fn parse_yaml<M: serde::de::DeserializeOwned>(
    path: &Path,
    split: &Split<'_>,
) -> Result<M, Diagnostic> {
    if split.yaml.trim().is_empty() {
        return Err(Diagnostic::new(
            Location::new(path, split.yaml_line),
            text!("front matter is empty", "文件开头的字段是空的"),
        )
        .hint(text!("add at least `title:`", "至少写上“title:”（名称）")));
    }
    serde_yaml::from_str(split.yaml).map_err(|e| yaml_error(path, split.yaml_line, &e))
}

/// Turns a serde_yaml error into a diagnostic at the right line of the file.
/// `first_line` is the file line on which the YAML text starts.
pub fn yaml_error(path: &Path, first_line: usize, err: &serde_yaml::Error) -> Diagnostic {
    let (line, column) = err
        .location()
        .map_or((first_line, 0), |l| (first_line + l.line() - 1, l.column()));
    let message = strip_location(&err.to_string());
    let at = Location::new(path, line).with_column(column);
    if let Some(d) = wrong_kind(&message, at.clone()) {
        return d;
    }
    if let Some(d) = named_field(&message, at.clone()) {
        return d;
    }
    Diagnostic::new(
        at,
        text!("{message}", "这里的写法不对，handbook 读不懂（{message}）"),
    )
    .hint(text!(
        "write each field as `name: value` with a space after the colon; put text with `: ` or `#` in double quotes",
        "字段写作“字段名: 内容”，冒号后空一格；内容里有“: ”或“#”时，用英文双引号把内容括起来"
    ))
}

/// serde's messages that name a field: unknown, missing, given twice, or
/// holding a value that is not one of the allowed ones.
fn named_field(message: &str, at: Location) -> Option<Diagnostic> {
    let field = quoted_field(message)?;
    let label = field_name(&field);
    let d = if let Some(rest) = message.strip_prefix("unknown field `") {
        let allowed = rest.split_once("expected ").map_or("", |(_, a)| a);
        let allowed = allowed.trim_start_matches("one of ").replace('`', "");
        Diagnostic::new(
            at,
            text!("unknown field `{field}`", "没有“{field}”这个字段"),
        )
        .hint(text!(
            "check the spelling; the fields here are: {allowed}",
            "检查拼写；这里可以写的字段有：{allowed}"
        ))
    } else if message.starts_with("missing field `") {
        Diagnostic::new(
            at,
            text!("missing field `{field}`", "缺少字段“{field}”{label}"),
        )
        .hint(text!(
            "add a line `{field}: …` to the front matter",
            "在文件开头的字段里加一行“{field}: …”"
        ))
    } else if message.starts_with("duplicate field `") {
        Diagnostic::new(
            at,
            text!(
                "field `{field}` is given twice",
                "字段“{field}”{label}写了两次"
            ),
        )
        .hint(text!("keep one of them", "只保留一个"))
    } else {
        return None;
    };
    Some(d.field(&field))
}

/// `（直接上级）` after a field's key, where the handbook has a name for it.
fn field_name(field: &str) -> String {
    crate::error::field_label(field).map_or(String::new(), |l| format!("（{l}）"))
}

/// serde's `title: invalid type: sequence, expected a string`, said in the
/// handbook's terms: which field, what it holds, what it should hold, and
/// how to write that.
fn wrong_kind(message: &str, at: Location) -> Option<Diagnostic> {
    let (field, rest) = message.split_once(": invalid type: ")?;
    let (found, expected) = rest.rsplit_once(", expected ")?;
    let field = field.trim();
    let should = should_be(expected);
    let is = found_kind(found);
    let hint = match should.en.as_str() {
        "a list" => text!(
            "write each item on its own line under `{field}:`, starting with `- `:\n    {field}:\n      - first item\n      - second item",
            "在“{field}:”下面每项写一行，以“- ”开头：\n    {field}:\n      - 第一项\n      - 第二项"
        ),
        "one piece of text" => text!(
            "write `{field}:` and its text on one line; text with `: ` or `#` in it goes in double quotes",
            "把“{field}:”和内容写在同一行；内容里有“: ”或“#”时，用英文双引号括起来"
        ),
        _ => Text::new(
            format!("write `{field}:` with {}", should.en),
            format!("“{field}:”后面写{}", should.zh),
        ),
    };
    let last = field
        .rsplit(['.', '['])
        .next()
        .unwrap_or(field)
        .trim_end_matches(']');
    let label = field_name(last);
    Some(
        Diagnostic::new(
            at,
            Text::new(
                format!("`{field}` should be {}, but it is {}", should.en, is.en),
                format!("“{field}”{label}应当是{}，现在是{}", should.zh, is.zh),
            ),
        )
        .field(last)
        .hint(hint),
    )
}

fn should_be(expected: &str) -> Text {
    match expected {
        "a string" => text!("one piece of text", "一段文字"),
        "a sequence" => text!("a list", "一个列表"),
        e if e.contains("integer")
            || (e.get(1..).and_then(|bits| bits.parse::<u8>().ok())).is_some_and(|b| b >= 8) =>
        {
            text!("a whole number", "一个整数")
        }
        "a boolean" => text!("true or false", "true 或 false"),
        _ => text!("{expected}", "{expected}"),
    }
}

fn found_kind(found: &str) -> Text {
    match found {
        "sequence" => text!("a list", "一个列表"),
        "map" => text!(
            "a set of named values (`name: value`)",
            "一组带名称的值（“名称: 值”）"
        ),
        "unit value" | "null" => text!("empty", "空的"),
        f => match f.split_once(' ') {
            Some(("string", value)) => {
                let value = value.replace('"', "`");
                text!("the text {value}", "文字 {value}")
            }
            Some((_, value)) => text!("the value {value}", "值 {value}"),
            None => text!("{f}", "{f}"),
        },
    }
}

/// serde_yaml appends " at line L column C" to messages; the diagnostic carries
/// the location itself, with the file's line numbers rather than the YAML's.
fn strip_location(message: &str) -> String {
    match message.find(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

fn quoted_field(message: &str) -> Option<String> {
    let rest = message
        .strip_prefix("unknown field `")
        .or_else(|| message.strip_prefix("missing field `"))
        .or_else(|| message.strip_prefix("duplicate field `"))?;
    rest.split('`').next().map(str::to_string)
}

fn is_markdown(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "md")
}

fn file_stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

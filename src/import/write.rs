//! Turning the inferred documents into `content/` files: Markdown with YAML
//! front matter, in a fixed layout and key order, so the same input always
//! gives byte-identical files.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use pinyin::ToPinyin;

use super::infer::{external_superiors, Profile};
use super::keywords::Control;
use super::parse::{CustomDraft, DocDraft, Item, Located, RevisionRow, Superior};
use super::report::{EntryKind, Notes};
use super::ImportError;
use crate::model::{Fact, Placement, Section};
use crate::text::{escape_markdown, numerals};

/// A file to write, relative to the content folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    pub path: PathBuf,
    pub text: String,
}

/// Hands out role ids unique across the whole handbook.
#[derive(Debug, Default)]
pub struct RoleIds {
    taken: BTreeSet<String>,
}

impl RoleIds {
    /// Marks `id` taken: a role of a document this import does not write.
    pub fn reserve(&mut self, id: String) {
        self.taken.insert(id);
    }

    /// The slug of `title`, with `-2`, `-3` … when it is taken already.
    pub fn claim(&mut self, title: &str, line: usize, notes: &mut Notes) -> String {
        let base = role_slug(title);
        let mut id = base.clone();
        let mut n = 1;
        while self.taken.contains(&id) {
            n += 1;
            id = format!("{base}-{n}");
        }
        if n > 1 {
            notes.add(
                EntryKind::IdCollision,
                line,
                format!("the id {base} of {title} is taken by an earlier role; wrote {id}"),
            );
        }
        self.taken.insert(id.clone());
        id
    }
}

/// The pinyin of a title's characters joined by `-` (运营总监 →
/// `yun-ying-zong-jian`); ASCII words are kept, lowercased.
pub fn role_slug(title: &str) -> String {
    let mut words: Vec<String> = Vec::new();
    let mut ascii = String::new();
    for c in title.chars() {
        if c.is_ascii_alphanumeric() {
            ascii.push(c.to_ascii_lowercase());
            continue;
        }
        if !ascii.is_empty() {
            words.push(std::mem::take(&mut ascii));
        }
        if let Some(p) = c.to_pinyin() {
            // Slugs are ASCII: lü is written lv, as in pinyin input methods.
            words.push(p.plain().replace('ü', "v"));
        }
    }
    if !ascii.is_empty() {
        words.push(ascii);
    }
    if words.is_empty() {
        "role".to_string()
    } else {
        words.join("-")
    }
}

/// The folder name of document `number`: `01-property-operations`.
pub fn document_slug(profile: &Profile) -> String {
    let words: Vec<&str> = [profile.industry.map(|i| i.slug), profile.department_slug]
        .into_iter()
        .flatten()
        .collect();
    if words.is_empty() {
        "document".to_string()
    } else {
        words.join("-")
    }
}

/// The files of one document: `_index.md` and one file per role.
pub fn render_document(
    doc: &DocDraft,
    (doc_id, origin): (&str, &str),
    profile: &Profile,
    role_ids: &[String],
    convert: &dyn Fn(&str) -> String,
) -> Vec<OutputFile> {
    let dir = PathBuf::from(doc_id);
    let mut files = vec![OutputFile {
        path: dir.join("_index.md"),
        text: render_index(doc, origin, profile, convert),
    }];
    for (i, role) in doc.roles.iter().enumerate() {
        let mut yaml = FrontMatter::default();
        yaml.scalar("title", &convert(&role.display_title()));
        match &role.reports_to {
            Some(Superior::Role(j)) => yaml.scalar("reports_to", &role_ids[*j]),
            Some(Superior::External(name)) => yaml.scalar("reports_to", &convert(name)),
            None => {}
        }
        yaml.number("weight", i + 1);
        for fact in Fact::ALL {
            if let Some(value) = role.fact(fact) {
                yaml.scalar(fact.key(), &convert(&value.value));
            }
        }
        for section in Section::ALL.into_iter().filter(|&s| s != Section::Duties) {
            yaml.items(section.key(), role.list(section), convert);
        }
        yaml.sections(&role.custom, convert);
        files.push(OutputFile {
            path: dir.join(format!("{}.md", role_ids[i])),
            text: yaml.finish(&markdown_list(&role.duties, convert)),
        });
    }
    files
}

fn render_index(
    doc: &DocDraft,
    origin: &str,
    profile: &Profile,
    convert: &dyn Fn(&str) -> String,
) -> String {
    let organization = if profile.organization_from_text {
        convert(&profile.organization)
    } else {
        profile.organization.clone()
    };
    let department = profile
        .department
        .as_deref()
        .map(convert)
        .unwrap_or_default();
    let mut yaml = FrontMatter::default();
    yaml.comment(origin);
    yaml.scalar("title", &convert(&doc.title));
    yaml.scalar("organization", &organization);
    yaml.scalar("industry", profile.industry.map_or("未注明", |i| i.name));
    yaml.scalar("source", &convert(&doc.label));
    yaml.scalar("summary", &summary(&organization, &department, doc));
    for control in Control::ALL {
        if let Some((_, value)) = doc.control.iter().find(|(c, _)| *c == control) {
            yaml.scalar(control.key(), &convert(&value.value));
        }
    }
    yaml.revisions(&doc.revisions, convert);
    let externals: Vec<String> = external_superiors(doc).iter().map(|s| convert(s)).collect();
    yaml.strings("external_superiors", &externals);
    yaml.finish(&markdown_list(&doc.duties, convert))
}

/// One sentence for the home page, from what the import knows.
fn summary(organization: &str, department: &str, doc: &DocDraft) -> String {
    let whose = format!("{organization}{department}");
    let has_duties = doc.duties.iter().any(|item| item.marker.is_some());
    match (has_duties, doc.roles.len()) {
        (true, 0) => format!("{whose}的部门职责。"),
        (true, n) => format!("{whose}的部门职责与{}个岗位。", chinese_count(n)),
        (false, 0) => format!("{whose}的岗位职责。"),
        (false, n) => format!("{whose}的{}个岗位。", chinese_count(n)),
    }
}

/// A count in Chinese numerals as used before a measure word (两个, 十二个).
fn chinese_count(n: usize) -> String {
    match n {
        2 => "两".to_string(),
        _ => numerals::chinese(n),
    }
}

/// Items as Markdown: numbered items as an ordered list that keeps the source
/// numbers (a gap stays visible), sub-items as a nested list, items without a
/// number as paragraphs.
/// Sub-items indented under their item, at every depth.
fn markdown_children(
    out: &mut String,
    children: &[Item],
    indent: usize,
    convert: &dyn Fn(&str) -> String,
) {
    for child in children {
        let number = child.marker.map_or(0, |m| m.number);
        let text = escape_markdown(&convert(&child.text));
        let prefix = format!("{number}. ");
        let _ = writeln!(out, "{}{prefix}{text}", " ".repeat(indent));
        markdown_children(out, &child.children, indent + prefix.len(), convert);
    }
}

fn markdown_list(items: &[Item], convert: &dyn Fn(&str) -> String) -> String {
    let mut out = String::new();
    let mut in_list = false;
    for item in items {
        let text = escape_markdown(&convert(&item.text));
        match item.marker {
            Some(marker) => {
                if !in_list && !out.is_empty() {
                    out.push('\n');
                }
                in_list = true;
                let prefix = format!("{}. ", marker.number);
                let _ = writeln!(out, "{prefix}{text}");
                markdown_children(&mut out, &item.children, prefix.len(), convert);
            }
            None => {
                if !out.is_empty() {
                    out.push('\n');
                }
                in_list = false;
                let _ = writeln!(out, "{text}");
            }
        }
    }
    out
}

/// YAML front matter written by hand, in a fixed key order, quoting every
/// scalar that a YAML reader could take for something other than a string.
#[derive(Debug)]
struct FrontMatter {
    out: String,
}

impl Default for FrontMatter {
    fn default() -> FrontMatter {
        FrontMatter {
            out: "---\n".to_string(),
        }
    }
}

impl FrontMatter {
    /// A comment line; `text` starts with `#`.
    fn comment(&mut self, text: &str) {
        self.out.push_str(text);
        self.out.push('\n');
    }

    fn scalar(&mut self, key: &str, value: &str) {
        let _ = writeln!(self.out, "{key}: {}", yaml_scalar(value));
    }

    /// The revision history: each row's version as a quoted string, so
    /// `1.10` stays 1.10.
    fn revisions(&mut self, rows: &[Located<RevisionRow>], convert: &dyn Fn(&str) -> String) {
        if rows.is_empty() {
            return;
        }
        let _ = writeln!(self.out, "revisions:");
        for row in rows {
            let r = &row.value;
            let version = serde_json::to_string(&r.version).unwrap_or_default();
            let _ = writeln!(self.out, "  - version: {version}");
            let _ = writeln!(self.out, "    date: \"{}\"", r.date);
            let _ = writeln!(
                self.out,
                "    summary: {}",
                yaml_scalar(&convert(&r.summary))
            );
        }
    }

    fn number(&mut self, key: &str, value: usize) {
        let _ = writeln!(self.out, "{key}: {value}");
    }

    fn strings(&mut self, key: &str, values: &[String]) {
        if values.is_empty() {
            return;
        }
        let _ = writeln!(self.out, "{key}:");
        for value in values {
            let _ = writeln!(self.out, "  - {}", yaml_scalar(value));
        }
    }

    /// A list of inline-Markdown items; an item with sub-items is a mapping
    /// `{text, items}`.
    fn items(&mut self, key: &str, items: &[Item], convert: &dyn Fn(&str) -> String) {
        if items.is_empty() {
            return;
        }
        let _ = writeln!(self.out, "{key}:");
        self.item_list(items, 1, convert);
    }

    /// Items at `depth` (1: under the key), sub-items as `text` and `items`.
    fn item_list(&mut self, items: &[Item], depth: usize, convert: &dyn Fn(&str) -> String) {
        let indent = "    ".repeat(depth - 1);
        for item in items {
            let text = yaml_scalar(&escape_markdown(&convert(&item.text)));
            if item.children.is_empty() {
                let _ = writeln!(self.out, "{indent}  - {text}");
                continue;
            }
            let _ = writeln!(self.out, "{indent}  - text: {text}");
            let _ = writeln!(self.out, "{indent}    items:");
            self.item_list(&item.children, depth + 1, convert);
        }
    }

    /// The custom sections, each with its label, its place and its items;
    /// a 工作关系 heading left empty by 内部：/外部： is left out.
    fn sections(&mut self, sections: &[CustomDraft], convert: &dyn Fn(&str) -> String) {
        let kept: Vec<&CustomDraft> = (sections.iter())
            .filter(|s| !(s.container && s.items.is_empty()))
            .collect();
        if kept.is_empty() {
            return;
        }
        let _ = writeln!(self.out, "sections:");
        for section in kept {
            let label = yaml_scalar(&convert(&section.label));
            let _ = writeln!(self.out, "  - label: {label}");
            match section.placement {
                Placement::Start => self.out.push_str("    after: start\n"),
                Placement::After(s) => {
                    let _ = writeln!(self.out, "    after: {}", s.key());
                }
                Placement::End => {}
            }
            if !section.items.is_empty() {
                self.out.push_str("    items:\n");
                self.item_list(&section.items, 2, convert);
            }
        }
    }

    fn finish(mut self, body: &str) -> String {
        self.out.push_str("---\n");
        self.out.push_str(body);
        self.out
    }
}

/// `value` as a YAML scalar: plain when that is unambiguous, else double-quoted.
pub fn yaml_scalar(value: &str) -> String {
    if is_plain_safe(value) {
        return value.to_string();
    }
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Conservative: anything that starts like YAML syntax, could read as a
/// number, boolean or null, or holds `: ` / ` #` is quoted.
fn is_plain_safe(value: &str) -> bool {
    const RESERVED: &[&str] = &[
        "true", "false", "yes", "no", "on", "off", "null", "y", "n", "~",
    ];
    let Some(first) = value.chars().next() else {
        return false;
    };
    let starts_like_syntax = "-?:,[]{}#&*!|>'\"%@`".contains(first) || first.is_whitespace();
    let starts_like_number = first.is_ascii_digit() || matches!(first, '.' | '+');
    !starts_like_syntax
        && !starts_like_number
        && !value.ends_with([':', ' '])
        && !value.contains(": ")
        && !value.contains(" #")
        && !value.contains(['[', ']', '{', '}', '\\', '\n', '\t', '\r'])
        && !value.chars().any(char::is_control)
        && !RESERVED.contains(&value.to_ascii_lowercase().as_str())
}

/// Writes `files` under `into`. Without `force`, fails before writing
/// anything when a file exists already, naming the first one.
/// Fails when a file would be written through a link, or, without
/// `force`, over a file that exists.
pub fn check_targets(into: &Path, files: &[OutputFile], force: bool) -> Result<(), ImportError> {
    for file in files {
        refuse_links(into, &file.path)?;
    }
    let existing = (files.iter())
        .map(|f| into.join(&f.path))
        .find(|p| p.symlink_metadata().is_ok());
    match existing {
        Some(path) if !force => Err(ImportError::Exists { path }),
        _ => Ok(()),
    }
}

/// Removes `files` (relative to `into`): the role files an earlier import
/// of a document wrote that this one does not. Returns their paths.
pub fn remove_files(into: &Path, files: &[PathBuf]) -> Result<Vec<PathBuf>, ImportError> {
    let mut removed = Vec::new();
    for file in files {
        refuse_links(into, file)?;
        let path = into.join(file);
        std::fs::remove_file(&path).map_err(|source| ImportError::Io {
            path: path.clone(),
            source,
        })?;
        removed.push(path);
    }
    Ok(removed)
}

pub fn write_files(
    into: &Path,
    files: &[OutputFile],
    force: bool,
) -> Result<Vec<PathBuf>, ImportError> {
    check_targets(into, files, force)?;
    let targets: Vec<PathBuf> = files.iter().map(|f| into.join(&f.path)).collect();
    for (file, target) in files.iter().zip(&targets) {
        if let Some(dir) = target.parent() {
            std::fs::create_dir_all(dir).map_err(|source| ImportError::Io {
                path: dir.to_path_buf(),
                source,
            })?;
        }
        std::fs::write(target, &file.text).map_err(|source| ImportError::Io {
            path: target.clone(),
            source,
        })?;
    }
    Ok(targets)
}

/// Fails when a folder or file on the way from `into` to `rel` is a
/// symbolic link: writing through it could change files outside `into`.
fn refuse_links(into: &Path, rel: &Path) -> Result<(), ImportError> {
    let mut path = into.to_path_buf();
    for part in rel.components() {
        path.push(part);
        if path
            .symlink_metadata()
            .is_ok_and(|m| m.file_type().is_symlink())
        {
            return Err(ImportError::Link { path });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_titles() {
        assert_eq!(role_slug("运营总监"), "yun-ying-zong-jian");
        assert_eq!(role_slug("运营部部长"), "yun-ying-bu-bu-zhang");
        assert_eq!(role_slug("VIP客服专员"), "vip-ke-fu-zhuan-yuan");
        assert_eq!(role_slug("绿化主管"), "lv-hua-zhu-guan");
    }

    #[test]
    fn quotes_yaml_only_when_needed() {
        assert_eq!(
            yaml_scalar("教育背景:管理类专业本科以上学历。"),
            "教育背景:管理类专业本科以上学历。"
        );
        assert_eq!(yaml_scalar("技能技巧:"), "\"技能技巧:\"");
        assert_eq!(yaml_scalar("5年以上"), "\"5年以上\"");
        assert_eq!(yaml_scalar("no"), "\"no\"");
        assert_eq!(yaml_scalar("a \"b\" \\"), "\"a \\\"b\\\" \\\\\"");
    }

    #[test]
    fn escapes_markdown() {
        assert_eq!(
            escape_markdown("熟悉*ISO*_9001_"),
            "熟悉\\*ISO\\*\\_9001\\_"
        );
        assert_eq!(escape_markdown("1.有经验"), "1\\.有经验");
        assert_eq!(escape_markdown("- 一"), "\\- 一");
        assert_eq!(escape_markdown("(1)参与"), "(1)参与");
    }

    #[test]
    fn counts_in_chinese() {
        let counts: Vec<String> = [1, 2, 4, 10, 12, 20, 35]
            .into_iter()
            .map(chinese_count)
            .collect();
        assert_eq!(counts, ["一", "两", "四", "十", "十二", "二十", "三十五"]);
    }
}

//! `handbook new`: starts a document or a role with every field present and
//! a comment explaining it, so an author fills in blanks instead of looking
//! up the format. In a folder without `handbook.yaml` it starts that too, so
//! `handbook new 01-ops` then `handbook build` is a new handbook (the
//! default theme is built in).

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::config::CONFIG_FILE;
use crate::content::{CONTENT_DIR, INDEX_FILE};
use crate::model::is_slug;
use crate::render::builtin_theme;
use crate::render::theme::THEMES_DIR;
use crate::text::numerals;

#[derive(Debug, thiserror::Error)]
pub enum ScaffoldError {
    #[error("`{0}` is not a valid id: use lowercase ASCII letters, digits and single hyphens (e.g. 06-hr-department or ren-shi-zhu-guan)")]
    BadId(String),
    #[error("expected <document> or <document>/<role-id>, got `{0}`")]
    BadTarget(String),
    #[error("{} already exists; not overwriting it", .0.display())]
    Exists(PathBuf),
    #[error("document folder {} does not exist: create the document first with `handbook new {doc}`", .0.display(), doc = .1)]
    NoDocument(PathBuf, String),
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// Copies the built-in default theme to `themes/<name>/` under `root`, to be
/// changed there and chosen with `theme: <name>` in `handbook.yaml`; returns
/// the files written. An existing folder of that name is left alone.
pub fn new_theme(root: &Path, name: &str) -> Result<Vec<PathBuf>, ScaffoldError> {
    if !is_slug(name) {
        return Err(ScaffoldError::BadId(name.to_string()));
    }
    let dir = root.join(THEMES_DIR).join(name);
    if dir.exists() {
        return Err(ScaffoldError::Exists(dir));
    }
    (builtin_theme::FILES.iter())
        .map(|(rel, bytes)| write_new(&dir.join(rel), bytes))
        .collect()
}

/// Creates `content/<document>/_index.md` or `content/<document>/<role>.md`
/// under `root`, and `handbook.yaml` when `root` has none; returns the files
/// written.
pub fn new(root: &Path, target: &str, title: Option<&str>) -> Result<Vec<PathBuf>, ScaffoldError> {
    let file = new_content(root, target, title)?;
    let config = root.join(CONFIG_FILE);
    match config.exists() {
        true => Ok(vec![file]),
        false => Ok(vec![write_new(&config, CONFIG_TEXT.as_bytes())?, file]),
    }
}

fn new_content(root: &Path, target: &str, title: Option<&str>) -> Result<PathBuf, ScaffoldError> {
    let parts: Vec<&str> = target.trim_matches('/').split('/').collect();
    for part in &parts {
        if !is_slug(part) {
            return Err(ScaffoldError::BadId(part.to_string()));
        }
    }
    let content = root.join(CONTENT_DIR);
    match parts.as_slice() {
        [doc] => {
            let dir = content.join(doc);
            let source = format!("第{}篇", numerals::chinese(next_document(&content)));
            write_new(
                &dir.join(INDEX_FILE),
                document_text(title.unwrap_or("新文件"), &source).as_bytes(),
            )
        }
        [doc, role] => {
            let dir = content.join(doc);
            if !dir.join(INDEX_FILE).is_file() {
                return Err(ScaffoldError::NoDocument(dir, doc.to_string()));
            }
            write_new(
                &dir.join(format!("{role}.md")),
                role_text(title.unwrap_or("新岗位")).as_bytes(),
            )
        }
        _ => Err(ScaffoldError::BadTarget(target.to_string())),
    }
}

fn write_new(path: &Path, text: &[u8]) -> Result<PathBuf, ScaffoldError> {
    let io = |source| ScaffoldError::Io {
        path: path.to_path_buf(),
        source,
    };
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(io)?;
    }
    // create_new: never overwrite an author's file, even in a race.
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => ScaffoldError::Exists(path.to_path_buf()),
            _ => io(e),
        })?;
    file.write_all(text).map_err(io)?;
    Ok(path.to_path_buf())
}

/// A new handbook's settings: the defaults written out, with comments.
const CONFIG_TEXT: &str = r#"# 手册设置，详见 docs/content-format.md。
# 手册标题，显示在每页页首。
title: 岗位职责手册
# 一句话简介，显示在首页（可留空）。
description: ""
# 发布的文字版本：简体、繁体、台湾正体、香港繁体。内容用简体书写。
variants: [zh-Hans, zh-Hant, zh-TW, zh-HK]
# 主题：default 为内置主题；themes/ 下同名文件夹可替换它。
theme: default
# 网站输出到这个文件夹。
output_dir: output
# 是否允许内容中的原始 HTML（默认不允许，会被清理）。
allow_raw_html: false
"#;

fn yaml_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

/// The number of the next document: one after the highest 第N篇 among the
/// documents' `source`, or after the number of documents when none says.
fn next_document(content: &Path) -> usize {
    let indexes: Vec<String> = fs::read_dir(content)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| fs::read_to_string(entry.path().join(INDEX_FILE)).ok())
        .collect();
    let numbered = indexes.iter().filter_map(|text| {
        let source = text.lines().find_map(|l| l.strip_prefix("source:"))?;
        let source = source.trim().trim_matches(['"', '\'']);
        numerals::parse(source.strip_prefix('第')?.strip_suffix('篇')?)
    });
    numbered.max().unwrap_or(indexes.len()) + 1
}

fn document_text(title: &str, source: &str) -> String {
    format!(
        r#"---
# 文件标题，显示在首页和本篇页面上。
title: {title}
# 本篇所属的公司或单位。
organization: 某公司
# 行业，例如 物业管理、餐饮、服装零售。
industry: 待填写
# 原始文件的标签，例如 第六篇。
source: {source}
# 一句话简介，显示在首页（可留空）。
summary: ""
# 没有单独页面的上级，例如 总经理。岗位的 reports_to 可以写这里列出的名字。
external_superiors: [总经理]
---
<!-- 下面写部门职责，用有序列表，一条一行。没有部门职责可以留空。 -->
1. 第一条部门职责。
2. 第二条部门职责。
"#,
        title = yaml_string(title),
        source = yaml_string(source)
    )
}

fn role_text(title: &str) -> String {
    format!(
        r#"---
# 岗位名称。文件名（不含 .md）是岗位的 id，也是网址，只用小写字母、数字和连字符。
title: {title}
# 直接上级：本篇另一个岗位的 id（文件名），或 _index.md 中 external_superiors 列出的名字。
reports_to: 总经理
# 同一上级下的排列顺序，数字小的在前。
weight: 1
# 以下各项可填可删，留空的不显示。
# 所属部门、岗位编号、岗位等级、岗位定员、工作地点：各写一个短的值。
department: ""
code: ""
grade: ""
headcount: ""
location: ""
# 岗位目的：一两句话说明设置本岗位的目的。
purpose: []
# 岗位关键职责。
key_responsibility:
  - 一句话说明本岗位最重要的职责。
# 岗位权限。
authority:
  - 第一条权限。
# 工作关系：内部（公司内的部门和岗位）与外部（客户、政府部门等）。
internal_relations: []
external_relations: []
# 任职条件 / 任职要求。有子项时写成 text 和 items。
qualifications:
  - 第一条任职条件。
  - text: 技能技巧：
    items:
      - 第一项技能。
      - 第二项技能。
# 工作环境、考核指标、职业发展。列表只有一项时也可以直接写一句话。
environment: []
kpis: []
career: []
# 本单位自己的栏目（如 工作时间）：label 是标题；after 是它跟在哪一栏后面
# （start 表示最前，也可写 purpose、duties、qualifications 等栏目名，不写则放在最后）。
sections: []
---
<!-- 下面写岗位职责，用有序列表；子项缩进三个空格，显示为 (1)(2)。 -->
1. 第一条职责。
   1. 第一条职责的子项。
2. 第二条职责。
"#,
        title = yaml_string(title)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `handbook check` knows every placeholder the scaffolds write.
    #[test]
    fn every_placeholder_is_one_check_knows() {
        let written = format!(
            "{}{}",
            document_text("新文件", "第一篇"),
            role_text("新岗位")
        );
        for placeholder in crate::lint::PLACEHOLDERS {
            assert!(written.contains(placeholder), "{placeholder}");
        }
    }

    #[test]
    fn scaffolds_parse_and_never_overwrite() {
        let dir = tempfile::tempdir().unwrap();
        let created = new(dir.path(), "06-hr", Some("人事部岗位职责")).unwrap();
        assert_eq!(
            created,
            [
                dir.path().join(CONFIG_FILE),
                dir.path().join("content/06-hr/_index.md")
            ]
        );
        let doc = created[1].clone();
        let role = new(dir.path(), "06-hr/ren-shi-zhu-guan", None).unwrap();
        assert_eq!(role.len(), 1, "the settings are written once");
        let role = role[0].clone();
        for path in [&doc, &role] {
            let text = fs::read_to_string(path).unwrap();
            let yaml = text.split("---").nth(1).unwrap();
            let _: serde_yaml::Value = serde_yaml::from_str(yaml).unwrap();
        }
        assert!(matches!(
            new(dir.path(), "06-hr", None),
            Err(ScaffoldError::Exists(_))
        ));
        assert!(matches!(
            new(dir.path(), "../x", None),
            Err(ScaffoldError::BadId(_))
        ));
        assert!(matches!(
            new(dir.path(), "07-x/y", None),
            Err(ScaffoldError::NoDocument(..))
        ));
    }

    /// Every field of a role is in the new role's file, so an author sees
    /// what a role can hold.
    #[test]
    fn a_new_role_names_every_field() {
        use crate::model::{Fact, Section};
        let text = role_text("店长");
        let yaml = text.split("---").nth(1).unwrap();
        let map: serde_yaml::Mapping = serde_yaml::from_str(yaml).unwrap();
        let _: crate::content::RoleMeta = serde_yaml::from_str(yaml).unwrap();
        let keys = (Section::ALL
            .iter()
            .filter(|s| **s != Section::Duties)
            .map(|s| s.key()))
        .chain(Fact::ALL.iter().map(|f| f.key()))
        .chain(["title", "reports_to", "weight", "sections"]);
        for key in keys {
            assert!(map.contains_key(key), "{key} missing from the new role");
        }
    }

    #[test]
    fn the_settings_written_are_valid() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join(CONFIG_FILE), CONFIG_TEXT).unwrap();
        let config = crate::config::Config::load(dir.path()).unwrap();
        assert_eq!(config.variants, crate::variant::Variant::ALL);
        assert_eq!(config.theme, "default");
    }
}

//! Errors of the library. Content problems are collected as [`Diagnostic`]s so a
//! build reports every broken file at once, each with its file and line.

use std::fmt;
use std::path::{Path, PathBuf};

/// A place in a source file. Lines and columns count from 1; 0 means unknown.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    pub file: PathBuf,
    pub line: usize,
    pub column: usize,
    /// How many characters from the column the problem spans; 0 means to the
    /// end of the line.
    pub len: usize,
}

impl Location {
    pub fn new(file: &Path, line: usize) -> Location {
        Location {
            file: file.to_path_buf(),
            line,
            column: 0,
            len: 0,
        }
    }

    pub fn with_column(mut self, column: usize) -> Location {
        self.column = column;
        self
    }

    pub fn with_len(mut self, len: usize) -> Location {
        self.len = len;
        self
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if self.line > 0 {
            write!(f, ":{}", self.line)?;
            if self.column > 0 {
                write!(f, ":{}", self.column)?;
            }
        }
        Ok(())
    }
}

/// A message in both languages handbook speaks: English, and Chinese as
/// HR staff read it (authored in Simplified; shown in the reader's script).
/// Every message and hint of a [`Diagnostic`] is one, so none can be
/// written in one language only. Build them with [`text!`](crate::text).
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Text {
    pub en: String,
    pub zh: String,
}

impl Text {
    pub fn new(en: impl Into<String>, zh: impl Into<String>) -> Text {
        Text {
            en: en.into(),
            zh: zh.into(),
        }
    }

    /// Whether either language's text contains `part`: what tests ask.
    pub fn contains(&self, part: &str) -> bool {
        self.en.contains(part) || self.zh.contains(part)
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.en)
    }
}

/// A [`Text`] from an English and a Chinese format string with the same
/// arguments: `text!("no role `{id}`", "没有编号为 `{id}` 的岗位")`.
#[macro_export]
macro_rules! text {
    ($en:literal, $zh:literal $(,)?) => {
        $crate::error::Text::new(format!($en), format!($zh))
    };
    ($en:literal, $zh:literal, $($arg:tt)+) => {
        $crate::error::Text::new(format!($en, $($arg)+), format!($zh, $($arg)+))
    };
}

/// The Chinese name of a field, as the handbook's pages call it.
pub fn field_label(field: &str) -> Option<&'static str> {
    Some(match field {
        "title" => "名称",
        "reports_to" => "直接上级",
        "weight" => "排列顺序",
        "organization" => "单位",
        "industry" => "行业",
        "source" => "来源",
        "summary" => "简介",
        "external_superiors" => "外部上级",
        "version" => "版本",
        "effective" => "生效日期",
        "prepared_by" => "编制人",
        "reviewed_by" => "审核人",
        "approved_by" => "批准人",
        "department" => "所属部门",
        "code" => "岗位编号",
        "grade" => "岗位等级",
        "headcount" => "岗位定员",
        "location" => "工作地点",
        "purpose" => "岗位目的",
        "key_responsibility" => "岗位关键职责",
        "duties" => "岗位职责",
        "authority" => "岗位权限",
        "internal_relations" => "内部工作关系",
        "external_relations" => "外部工作关系",
        "qualifications" => "任职条件",
        "environment" => "工作环境",
        "kpis" => "考核指标",
        "career" => "职业发展",
        "sections" => "部门自己的章节",
        "phrase" => "词语",
        "synonyms" => "同义词",
        "variants" => "文字版本",
        "theme" => "主题",
        "output_dir" => "输出文件夹",
        "source_script" => "原文文字",
        _ => return None,
    })
}

/// How bad a problem is: errors stop the build, warnings (content lints) do
/// not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// One problem in the content, with where it is and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The name of the lint that raised a warning, to configure it off.
    pub code: Option<&'static str>,
    pub location: Location,
    /// The front-matter field the problem is in, if any.
    pub field: Option<String>,
    pub message: Text,
    pub hint: Option<Text>,
}

impl Diagnostic {
    pub fn new(location: Location, message: impl Into<Text>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            code: None,
            location,
            field: None,
            message: message.into(),
            hint: None,
        }
    }

    /// A warning raised by the lint `code`.
    pub fn warning(code: &'static str, location: Location, message: impl Into<Text>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            code: Some(code),
            ..Diagnostic::new(location, message)
        }
    }

    pub fn field(mut self, field: &str) -> Diagnostic {
        self.field = Some(field.to_string());
        self
    }

    pub fn hint(mut self, hint: impl Into<Text>) -> Diagnostic {
        self.hint = Some(hint.into());
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location, self.severity.as_str())?;
        if let Some(code) = self.code {
            write!(f, "[{code}]")?;
        }
        if let Some(field) = &self.field {
            write!(f, " in `{field}`")?;
        }
        write!(f, ": {}", self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
    }
}

/// Every way a build can fail.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The content or configuration has problems; all of them are listed.
    #[error("{}", list(.0))]
    Invalid(Vec<Diagnostic>),
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// A theme template failed to parse or render.
    #[error("{0}")]
    Template(String),
    /// The output folder setting names a place the build must not write:
    /// the sources, a file, a folder handbook did not write.
    #[error("{setting} `{}`: {message}\n  hint: {hint}", path.display())]
    Output {
        /// `output_dir` or `--output`.
        setting: &'static str,
        path: PathBuf,
        message: Text,
        hint: Text,
    },
    /// An output could not be made: a PDF Chromium failed to print. The
    /// output's own error says why.
    #[error("{0}")]
    Emit(Box<dyn std::error::Error + Send + Sync>),
}

impl Error {
    pub fn io(path: &Path, source: std::io::Error) -> Error {
        Error::Io {
            path: path.to_path_buf(),
            source,
        }
    }

    /// The diagnostics of an [`Error::Invalid`], empty otherwise.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        match self {
            Error::Invalid(list) => list,
            _ => &[],
        }
    }
}

impl From<Diagnostic> for Error {
    fn from(d: Diagnostic) -> Error {
        Error::Invalid(vec![d])
    }
}

fn list(diagnostics: &[Diagnostic]) -> String {
    let lines: Vec<String> = diagnostics.iter().map(|d| d.to_string()).collect();
    lines.join("\n")
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

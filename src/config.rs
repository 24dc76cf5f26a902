//! `handbook.yaml`: the site configuration.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::content::source::{read_source, SourceFile};
use crate::content::yaml_error;
use crate::error::{Diagnostic, Location, Result, Text};
use crate::lint::Lint;
use crate::text;
use crate::variant::Variant;

pub const CONFIG_FILE: &str = "handbook.yaml";
/// Where the site goes when `handbook.yaml` does not say.
pub const DEFAULT_OUTPUT_DIR: &str = "output";

/// The site configuration as written in `handbook.yaml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub title: String,
    #[serde(default)]
    pub description: String,
    #[serde(default = "default_source_script")]
    pub source_script: Variant,
    #[serde(default = "default_variants")]
    pub variants: Vec<Variant>,
    #[serde(default = "default_theme")]
    pub theme: String,
    #[serde(default = "default_output_dir")]
    pub output_dir: PathBuf,
    #[serde(default)]
    pub allow_raw_html: bool,
    /// `handbook check` lints by name; `false` turns one off.
    #[serde(default)]
    pub lints: BTreeMap<String, bool>,
    /// Above this many roles the print edition is one page per document,
    /// listed by `print.html`: one page of the whole handbook would be tens
    /// of megabytes that no browser opens usefully.
    #[serde(default = "default_print_page_limit")]
    pub print_page_limit: usize,
}

/// 1,000 roles make a print page of about 4 MB: a browser still opens and
/// prints it.
pub const PRINT_PAGE_LIMIT: usize = 1000;

fn default_print_page_limit() -> usize {
    PRINT_PAGE_LIMIT
}

fn default_source_script() -> Variant {
    Variant::Hans
}

fn default_variants() -> Vec<Variant> {
    Variant::ALL.to_vec()
}

fn default_theme() -> String {
    "default".to_string()
}

fn default_output_dir() -> PathBuf {
    PathBuf::from(DEFAULT_OUTPUT_DIR)
}

impl Config {
    /// Reads `handbook.yaml` from the site root.
    pub fn load(root: &Path) -> Result<Config> {
        let file = read_source(&root.join(CONFIG_FILE)).map_err(|d| {
            if d.location.line == 0 {
                d.hint(text!(
                    "run handbook from the folder that holds handbook.yaml, or pass --root",
                    "请在放有设置文件 handbook.yaml 的文件夹里运行 handbook，或用 --root 指明那个文件夹"
                ))
            } else {
                d
            }
        })?;
        let config: Config =
            serde_yaml::from_str(&file.text).map_err(|e| yaml_error(&file.path, 1, &e))?;
        config.validate(&file)?;
        Ok(config)
    }

    fn validate(&self, file: &SourceFile) -> Result<()> {
        let at = |key: &str| {
            let line = file
                .text
                .lines()
                .position(|l| l.starts_with(key))
                .map_or(0, |i| i + 1);
            Location::new(&file.path, line)
        };
        if self.source_script != Variant::Hans {
            return Err(Diagnostic::new(
                at("source_script"),
                text!(
                    "only zh-Hans is supported as the source script",
                    "“source_script”（原文文字）只能是 zh-Hans（简体版）"
                ),
            )
            .field("source_script")
            .into());
        }
        if self.variants.is_empty() {
            return Err(Diagnostic::new(
                at("variants"),
                text!(
                    "no variants to publish",
                    "“variants”（文字版本）是空的，没有要发布的文字版本"
                ),
            )
            .field("variants")
            .into());
        }
        if let Some(name) = self.lints.keys().find(|n| Lint::from_name(n).is_none()) {
            let names: Vec<&str> = Lint::ALL.iter().map(|l| l.name()).collect();
            return Err(Diagnostic::new(
                at("lints"),
                text!("unknown lint `{name}`", "没有名为“{name}”的检查项"),
            )
            .field("lints")
            .hint(Text::new(
                format!("lints are: {}", names.join(", ")),
                format!("可以写的检查项有：{}", names.join("、")),
            ))
            .into());
        }
        if !is_plain_name(&self.theme) {
            return Err(Diagnostic::new(
                at("theme"),
                text!(
                    "theme must be a folder name under themes/",
                    "“theme”（主题）应当是 themes 文件夹里某个文件夹的名字"
                ),
            )
            .field("theme")
            .into());
        }
        Ok(())
    }

    /// The lints turned off. The names were checked when the settings were
    /// read.
    pub fn disabled_lints(&self) -> Vec<Lint> {
        (self.lints.iter())
            .filter(|(_, on)| !**on)
            .filter_map(|(name, _)| Lint::from_name(name))
            .collect()
    }

    /// The variants to publish, in the order the site lists them, without
    /// duplicates.
    pub fn published_variants(&self) -> Vec<Variant> {
        let mut seen = Vec::new();
        for v in &self.variants {
            if !seen.contains(v) {
                seen.push(*v);
            }
        }
        seen
    }
}

fn is_plain_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

//! The build: load → validate → convert per variant → render → write.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::config::Config;
use crate::convert::Converter;
use crate::error::{Diagnostic, Error, Result};
use crate::model::Handbook;
use crate::render::{self, Page, Theme, VariantContext};
use crate::variant::Variant;
use crate::{check, content, model, output, search};

/// How many related roles a role page lists.
const RELATED_ROLES: usize = 5;

/// What to build.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The folder holding `handbook.yaml`.
    pub root: PathBuf,
    /// Overrides `output_dir` from `handbook.yaml`.
    pub output: Option<PathBuf>,
}

/// What a build produced.
#[derive(Debug, Clone)]
pub struct BuildSummary {
    pub documents: usize,
    pub roles: usize,
    pub variants: usize,
    pub pages: usize,
    pub output: PathBuf,
    pub elapsed: Duration,
}

/// Loads and validates the handbook without writing anything.
pub fn load(root: &Path) -> Result<(Config, Handbook)> {
    let config = Config::load(root)?;
    let raw = content::load(root)?;
    let handbook = model::build(&config, &raw)?;
    Ok((config, handbook))
}

/// What `handbook check` found: build errors, or else lint warnings.
#[derive(Debug, Clone, Default)]
pub struct CheckReport {
    pub errors: Vec<Diagnostic>,
    pub warnings: Vec<Diagnostic>,
}

/// Validates everything the build validates and runs the content lints,
/// writing nothing. Errors other than content errors (unreadable folders,
/// broken templates) are returned as `Err`.
pub fn check(root: &Path) -> Result<CheckReport> {
    let validated = Config::load(root).and_then(|config| {
        let raw = content::load(root)?;
        let handbook = model::build(&config, &raw)?;
        Theme::load(root, &config.theme)?;
        Ok((config, raw, handbook))
    });
    match validated {
        Ok((config, raw, handbook)) => Ok(CheckReport {
            errors: Vec::new(),
            warnings: check::lint(&raw, &handbook, &config.disabled_lints()),
        }),
        Err(Error::Invalid(errors)) => Ok(CheckReport {
            errors,
            warnings: Vec::new(),
        }),
        Err(e) => Err(e),
    }
}

/// Builds the site. On any error the previous output is left untouched.
pub fn build(options: &BuildOptions) -> Result<BuildSummary> {
    let started = Instant::now();
    let (config, handbook) = load(&options.root)?;
    let theme = Theme::load(&options.root, &config.theme)?;
    let variants = config.published_variants();
    let mut pages = render_all(&config, &handbook, &theme, &variants)?;
    pages.push(render::render_root(&theme, &variants, &handbook.title)?);
    let out_dir = options
        .output
        .clone()
        .unwrap_or_else(|| options.root.join(&config.output_dir));
    output::write_site(&out_dir, &pages, &theme.static_files)?;
    Ok(BuildSummary {
        documents: handbook.documents.len(),
        roles: handbook.role_count(),
        variants: variants.len(),
        pages: pages.len(),
        output: out_dir,
        elapsed: started.elapsed(),
    })
}

/// The folder a build writes to: `--output`, else `output_dir` from
/// `handbook.yaml`, else `output/` when the configuration cannot be read.
pub fn output_dir(options: &BuildOptions) -> PathBuf {
    options.output.clone().unwrap_or_else(|| {
        let configured = Config::load(&options.root).map(|c| c.output_dir);
        options
            .root
            .join(configured.unwrap_or_else(|_| PathBuf::from("output")))
    })
}

fn render_all(
    config: &Config,
    handbook: &Handbook,
    theme: &Theme,
    variants: &[Variant],
) -> Result<Vec<Page>> {
    let related = search::related_roles(handbook, RELATED_ROLES);
    let per_variant: Result<Vec<Vec<Page>>> = variants
        .par_iter()
        .map(|&variant| {
            let convert = text_converter(variant);
            let converted = handbook.map_text(&convert);
            let ctx = VariantContext {
                theme,
                variant,
                published: variants,
                related: &related,
                strings: theme
                    .strings
                    .iter()
                    .map(|(k, v)| (k.clone(), convert(v)))
                    .collect(),
            };
            let mut pages = render::render_variant(&ctx, &converted, config.allow_raw_html)?;
            pages.push(Page {
                path: PathBuf::from(variant.dir()).join(search::INDEX_FILE),
                content: search::index_script(&converted).into_bytes(),
            });
            Ok(pages)
        })
        .collect();
    Ok(per_variant?.into_iter().flatten().collect())
}

/// The text mapping that turns source text into `variant`'s script.
fn text_converter(variant: Variant) -> impl Fn(&str) -> String {
    let converter = variant.from_simplified().map(Converter::new);
    move |text: &str| match &converter {
        Some(c) => c.convert(text),
        None => text.to_string(),
    }
}

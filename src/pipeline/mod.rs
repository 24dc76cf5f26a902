//! The build: load → validate → convert per variant → render → write.
//!
//! [`build_with`] is the one build core: `build`, `serve` (its full
//! rebuilds) and `pdf` all run it, with the outputs they want
//! ([`emit::Emitter`]). `serve`'s incremental rebuilds start from the
//! [`Built`] handbook it returns.

pub mod emit;
mod loaded;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::config::{Config, DEFAULT_OUTPUT_DIR};
use crate::error::{Diagnostic, Error, Result};
use crate::model::Handbook;
use crate::output::Progress;
use crate::render::Page;
use crate::variant::Variant;
use crate::{check, output};
use emit::Emitter;
pub use loaded::{
    convert_document, interface_strings, related_roles, search_groups, text_converter, validated,
    Loaded, Related, Setup, VariantModel,
};

/// What to build.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The folder holding `handbook.yaml`.
    pub root: PathBuf,
    /// Overrides `output_dir` from `handbook.yaml`.
    pub output: Option<PathBuf>,
    /// Take over an existing output folder that handbook did not write.
    pub force: bool,
    /// An earlier output folder (or its `handbook.json`) to compare this
    /// build with: the changes page and the marks on changed role pages.
    pub compare_to: Option<PathBuf>,
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
    let (config, _, handbook) = validated(root)?;
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
    match Loaded::load(root) {
        Ok(loaded) => Ok(CheckReport {
            errors: Vec::new(),
            warnings: check::lint(
                &loaded.raw,
                &loaded.handbook,
                &check::Settings {
                    disabled: &loaded.setup.config.disabled_lints(),
                    variants: &loaded.setup.variants,
                    glossary: &loaded.setup.glossary,
                },
            ),
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
    build_reporting(options, None)
}

/// [`build`], counting written pages in `progress` for a progress bar.
pub fn build_reporting(
    options: &BuildOptions,
    progress: Option<Arc<Progress>>,
) -> Result<BuildSummary> {
    let built = build_with(options, emit::SITE, progress, Keep::Nothing)?;
    Ok(built.summary())
}

/// What a build keeps once it has written the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keep {
    /// Each variant's model is dropped once its files are written, so only
    /// the variants being worked on are in memory, and the raw content once
    /// it is validated.
    Nothing,
    /// The raw content, the variants' models and the paths of the pages,
    /// for `serve`'s incremental rebuilds.
    Variants,
}

/// The built handbook: what was loaded, the model in each variant's script
/// (when kept), and the pages written.
pub struct Built {
    pub loaded: Loaded,
    /// Empty unless the build was asked to keep them ([`Keep::Variants`]).
    pub variants: Vec<VariantModel<'static>>,
    /// How many pages were written (the files of [`Emitter::after_pages`],
    /// such as PDFs, are not pages).
    pub pages: usize,
    /// The pages' paths, relative to the output; empty unless kept.
    pub paths: BTreeSet<PathBuf>,
    pub target: output::Target,
    pub started: Instant,
}

impl Built {
    pub fn summary(&self) -> BuildSummary {
        BuildSummary {
            documents: self.loaded.handbook.documents.len(),
            roles: self.loaded.handbook.role_count(),
            variants: self.loaded.setup.variants.len(),
            pages: self.pages,
            output: self.target.dir.clone(),
            elapsed: self.started.elapsed(),
        }
    }
}

/// The build core: loads and validates the handbook, converts it into each
/// published variant and has every emitter write its files into a staging
/// folder, which then replaces the output. On any error the previous
/// output is left untouched.
pub fn build_with(
    options: &BuildOptions,
    emitters: &[&dyn Emitter],
    progress: Option<Arc<Progress>>,
    keep: Keep,
) -> Result<Built> {
    let started = Instant::now();
    let mut loaded = Loaded::load(&options.root)?;
    if let Some(base) = &options.compare_to {
        loaded.compare_to(base)?;
    }
    if keep == Keep::Nothing {
        // Only lints and serve's rebuilds read the raw text again: tens of
        // megabytes at 10,000 roles.
        loaded.raw = Default::default();
    }
    if let Some(progress) = &progress {
        progress.set_total(loaded.expected_pages());
    }
    let target = output_target(&loaded.setup.config, options)?;
    let staging = output::Staging::new(&target)?.report_to(progress);
    let pages = PageCount::new(keep);
    let write = |batch: Vec<Page>| {
        pages.add(&batch);
        staging.write(&batch)
    };
    // Worked out here, on every core: asked for first inside the variants'
    // parallel loop, they would be worked out on one thread while the
    // other variants wait for them.
    loaded.related();
    let published = &loaded.setup.variants;
    let variants = emit_variants(&loaded, published, (emitters, keep), &write)?;
    for emitter in emitters {
        write(emitter.top(&loaded)?)?;
    }
    staging.write_static(&loaded.setup.theme.static_files)?;
    for emitter in emitters {
        staging.write(&emitter.after_pages(&loaded, staging.dir())?)?;
    }
    staging.finish()?;
    let (pages, paths) = pages.into_parts();
    Ok(Built {
        loaded,
        variants,
        pages,
        paths,
        target,
        started,
    })
}

/// The build core without an output folder: the files `emitters` make of
/// the handbook in `variants` (published or not), in memory, sorted by
/// path. `handbook export` runs it.
pub fn emit_in_memory(
    root: &Path,
    variants: &[Variant],
    emitters: &[&dyn Emitter],
) -> Result<Vec<Page>> {
    let loaded = Loaded::load(root)?;
    let files = Mutex::new(Vec::new());
    let write = |batch: Vec<Page>| {
        let mut files = files.lock().unwrap_or_else(PoisonError::into_inner);
        files.extend(batch);
        Ok(())
    };
    emit_variants(&loaded, variants, (emitters, Keep::Nothing), &write)?;
    for emitter in emitters {
        write(emitter.top(&loaded)?)?;
    }
    let mut files = files.into_inner().unwrap_or_else(PoisonError::into_inner);
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// `variants` converted and handed to the emitters, in parallel; the models
/// are returned when kept.
fn emit_variants(
    loaded: &Loaded,
    variants: &[Variant],
    (emitters, keep): (&[&dyn Emitter], Keep),
    write: &(dyn Fn(Vec<Page>) -> Result<()> + Sync),
) -> Result<Vec<VariantModel<'static>>> {
    let kept: Vec<Option<VariantModel<'static>>> = (variants.par_iter())
        .map(|&variant| {
            let model = VariantModel::new(&loaded.setup, &loaded.handbook, variant)
                .with_changes(loaded.changes.as_ref(), &loaded.setup);
            for emitter in emitters {
                emitter.variant(loaded, &model, &mut |batch| write(batch))?;
            }
            Ok((keep == Keep::Variants).then(|| model.into_owned()))
        })
        .collect::<Result<_>>()?;
    Ok(kept.into_iter().flatten().collect())
}

/// Pages written, counted from several threads; with their paths when kept.
struct PageCount {
    count: Mutex<(usize, Option<BTreeSet<PathBuf>>)>,
}

impl PageCount {
    fn new(keep: Keep) -> PageCount {
        let paths = (keep == Keep::Variants).then(BTreeSet::new);
        PageCount {
            count: Mutex::new((0, paths)),
        }
    }

    fn add(&self, pages: &[Page]) {
        let mut count = self.count.lock().unwrap_or_else(PoisonError::into_inner);
        count.0 += pages.len();
        if let Some(paths) = &mut count.1 {
            paths.extend(pages.iter().map(|p| p.path.clone()));
        }
    }

    fn into_parts(self) -> (usize, BTreeSet<PathBuf>) {
        let (count, paths) = self
            .count
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner);
        (count, paths.unwrap_or_default())
    }
}

/// The folder a build writes to: `--output`, else `output_dir` from
/// `handbook.yaml`, else `output/` when the configuration cannot be read.
pub fn output_dir(options: &BuildOptions) -> PathBuf {
    let configured = Config::load(&options.root).map(|c| c.output_dir);
    resolve_output(
        options,
        &configured.unwrap_or_else(|_| PathBuf::from(DEFAULT_OUTPUT_DIR)),
    )
    .dir
}

/// `--output`, else `output_dir` from `handbook.yaml`, checked not to
/// overlap the sources.
pub fn output_target(config: &Config, options: &BuildOptions) -> Result<output::Target> {
    let target = resolve_output(options, &config.output_dir);
    target.check(&options.root)?;
    Ok(target)
}

/// `--output`, else `configured` under the handbook's root.
fn resolve_output(options: &BuildOptions, configured: &Path) -> output::Target {
    let (dir, setting) = match &options.output {
        Some(dir) => (dir.clone(), output::Setting::Flag),
        None => (options.root.join(configured), output::Setting::Config),
    };
    output::Target {
        dir,
        setting,
        force: options.force,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn real() -> BuildOptions {
        BuildOptions {
            root: PathBuf::from(env!("CARGO_MANIFEST_DIR")),
            output: None,
            force: false,
            compare_to: None,
        }
    }

    /// Every file under `dir` outside `static/` and the output's marker,
    /// relative to `dir`.
    fn pages_in(dir: &Path) -> BTreeSet<PathBuf> {
        let files = walkdir::WalkDir::new(dir).into_iter().flatten();
        (files.filter(|e| e.file_type().is_file()))
            .map(|e| e.path().strip_prefix(dir).unwrap_or(e.path()).to_path_buf())
            .filter(|rel| !rel.starts_with("static") && rel != Path::new(output::guard::MARKER))
            .collect()
    }

    #[test]
    fn the_page_count_is_the_pages_written_and_kept_paths_name_them() {
        let dir = tempfile::tempdir().unwrap();
        let options = BuildOptions {
            output: Some(dir.path().join("site")),
            ..real()
        };
        let built = build_with(&options, emit::SITE, None, Keep::Variants).unwrap();
        let written = pages_in(&dir.path().join("site"));
        assert_eq!(built.pages, written.len());
        assert_eq!(built.paths, written);
        assert_eq!(built.variants.len(), built.loaded.setup.variants.len());
        let summary = build(&options).unwrap();
        assert_eq!(summary.pages, written.len());
    }

    #[test]
    fn in_memory_files_are_those_a_build_writes() {
        let dir = tempfile::tempdir().unwrap();
        let options = BuildOptions {
            output: Some(dir.path().join("site")),
            ..real()
        };
        build(&options).unwrap();
        let variants = Config::load(&options.root).unwrap().published_variants();
        let files = emit_in_memory(&options.root, &variants, emit::SITE).unwrap();
        assert_eq!(files.len(), pages_in(&dir.path().join("site")).len());
        for file in files {
            let on_disk = std::fs::read(dir.path().join("site").join(&file.path)).unwrap();
            assert!(on_disk == file.content, "{}", file.path.display());
        }
    }
}

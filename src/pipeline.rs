//! The build: load → validate → convert per variant → render → write.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::config::{Config, DEFAULT_OUTPUT_DIR};
use crate::convert::glossary::Glossary;
use crate::convert::Converter;
use crate::error::{Diagnostic, Error, Result};
use crate::model::{Document, Handbook, RoleId};
use crate::output::Progress;
use crate::render::{self, Page, Theme, VariantContext};
use crate::variant::Variant;
use crate::{check, content, convert, model, output, search};

/// How many related roles a role page lists.
const RELATED_ROLES: usize = 5;

/// What to build.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The folder holding `handbook.yaml`.
    pub root: PathBuf,
    /// Overrides `output_dir` from `handbook.yaml`.
    pub output: Option<PathBuf>,
    /// Take over an existing output folder that handbook did not write.
    pub force: bool,
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
    let handbook = model::validate(&config, &raw)?;
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
        let handbook = model::validate(&config, &raw)?;
        // Everything `build` loads before it renders, so `check` passes only
        // where `build` would.
        Setup::load(root, config.clone())?;
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
    build_reporting(options, None)
}

/// Pages of a variant besides one per role and one per document: home, role
/// index, search page, org charts, not-found page, print page, search index.
const FIXED_PAGES_PER_VARIANT: usize = 7;

/// Pages at the top of the output: the variant chooser and the not-found
/// page.
const TOP_PAGES: usize = 2;

/// [`build`], counting written pages in `progress` for a progress bar.
pub fn build_reporting(
    options: &BuildOptions,
    progress: Option<Arc<Progress>>,
) -> Result<BuildSummary> {
    let started = Instant::now();
    let loaded = Loaded::load(&options.root)?;
    if let Some(progress) = &progress {
        progress.set_total(loaded.expected_pages());
    }
    let target = loaded.setup.output_target(options)?;
    let staging = output::Staging::new(&target)?.report_to(progress);
    // Each variant is written as soon as it is rendered and then dropped, so
    // only the variants being worked on are in memory.
    let pages = loaded.write_site(staging, &|variant, staging| {
        let model = VariantModel::new(&loaded.setup, &loaded.handbook, variant);
        write_variant(&loaded.setup, &model, &loaded.related, staging)
    })?;
    Ok(loaded.summary(pages, target.dir, started))
}

/// The first half of every build (`build`, `serve`'s full rebuilds, `pdf`):
/// the sources read and validated, and what all pages share.
pub struct Loaded {
    pub raw: content::RawContent,
    pub handbook: Handbook,
    pub setup: Setup,
    /// Similar roles in other documents, by role.
    pub related: Related,
}

impl Loaded {
    pub fn load(root: &Path) -> Result<Loaded> {
        let config = Config::load(root)?;
        let raw = content::load(root)?;
        let handbook = model::validate(&config, &raw)?;
        let setup = Setup::load(root, config)?;
        let related = related_roles(&handbook);
        Ok(Loaded {
            raw,
            handbook,
            setup,
            related,
        })
    }

    /// About how many pages the build writes, for a progress bar before
    /// they are rendered; [`Loaded::write_site`] counts the real ones.
    pub fn expected_pages(&self) -> usize {
        let per_variant =
            self.handbook.role_count() + self.handbook.documents.len() + FIXED_PAGES_PER_VARIANT;
        self.setup.variants.len() * per_variant + TOP_PAGES
    }

    /// Writes the site through `staging` and puts it in place: every
    /// variant through `variant` (which renders and writes one and returns
    /// how many pages it wrote), in parallel, then the pages at the top and
    /// the static files. Returns the number of pages written.
    pub fn write_site(
        &self,
        staging: output::Staging,
        variant: &(dyn Fn(Variant, &output::Staging) -> Result<usize> + Sync),
    ) -> Result<usize> {
        let counts: Vec<usize> = (self.setup.variants.par_iter())
            .map(|&v| variant(v, &staging))
            .collect::<Result<_>>()?;
        let top = [root_page(&self.setup, &self.handbook)?];
        staging.write(&top)?;
        staging.finish(&self.setup.theme.static_files)?;
        Ok(counts.iter().sum::<usize>() + top.len())
    }

    pub fn summary(&self, pages: usize, output: PathBuf, started: Instant) -> BuildSummary {
        BuildSummary {
            documents: self.handbook.documents.len(),
            roles: self.handbook.role_count(),
            variants: self.setup.variants.len(),
            pages,
            output,
            elapsed: started.elapsed(),
        }
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

/// Similar roles in other documents, by role.
pub type Related = BTreeMap<RoleId, Vec<RoleId>>;

/// What every page of a build shares besides the handbook: the settings,
/// the theme and the glossary.
pub struct Setup {
    pub config: Config,
    pub theme: Theme,
    pub glossary: Glossary,
    pub variants: Vec<Variant>,
}

impl Setup {
    pub fn load(root: &Path, config: Config) -> Result<Setup> {
        let theme = Theme::load(root, &config.theme)?;
        let glossary = Glossary::load(root)?;
        Ok(Setup {
            variants: config.published_variants(),
            config,
            theme,
            glossary,
        })
    }

    /// `--output`, else `output_dir` from `handbook.yaml`, checked not to
    /// overlap the sources.
    pub fn output_target(&self, options: &BuildOptions) -> Result<output::Target> {
        let target = resolve_output(options, &self.config.output_dir);
        target.check(&options.root)?;
        Ok(target)
    }
}

/// One variant of the handbook: the model in the variant's script and the
/// theme's interface strings converted alike.
pub struct VariantModel<'a> {
    pub variant: Variant,
    /// Borrowed when the variant is the source text as it is (Simplified,
    /// with no glossary spelling of its own): at 10,000 roles, copying the
    /// model cost as much as rendering a thousand role pages.
    pub handbook: Cow<'a, Handbook>,
    pub strings: BTreeMap<String, String>,
}

impl<'a> VariantModel<'a> {
    pub fn new(setup: &Setup, handbook: &'a Handbook, variant: Variant) -> VariantModel<'a> {
        let convert = text_converter(variant, &setup.glossary);
        let keeps_text = convert::OpenccConfig::from_simplified(variant).is_none()
            && setup.glossary.keeps_text(variant);
        VariantModel {
            variant,
            handbook: match keeps_text {
                true => Cow::Borrowed(handbook),
                false => Cow::Owned(handbook.map_text(&convert)),
            },
            strings: (setup.theme.strings.iter())
                .map(|(k, v)| (k.clone(), convert(v)))
                .collect(),
        }
    }

    /// [`VariantModel::new`], always with a model of its own, for a session
    /// that keeps it and changes it.
    pub fn owned(setup: &Setup, handbook: &Handbook, variant: Variant) -> VariantModel<'static> {
        let model = VariantModel::new(setup, handbook, variant);
        VariantModel {
            variant: model.variant,
            handbook: Cow::Owned(model.handbook.into_owned()),
            strings: model.strings,
        }
    }

    /// What the variant's pages are rendered with.
    pub fn context<'s>(&self, setup: &'s Setup, related: &'s Related) -> VariantContext<'s> {
        VariantContext::new(
            &setup.theme,
            self.variant,
            &setup.variants,
            related,
            self.strings.clone(),
        )
    }

    /// The variant's search index, `<variant>/search-index.js`.
    pub fn search_index(&self) -> Page {
        Page {
            path: PathBuf::from(self.variant.dir()).join(search::INDEX_FILE),
            content: search::index_script(&self.handbook).into_bytes(),
        }
    }
}

/// `doc` in `variant`'s script: an incremental rebuild converts only the
/// documents that changed.
pub fn convert_document(setup: &Setup, doc: &Document, variant: Variant) -> Document {
    doc.map_text(&text_converter(variant, &setup.glossary))
}

/// Renders one variant into `staging`, writing the pages a batch at a time
/// as they are rendered; returns the number of pages.
pub fn write_variant(
    setup: &Setup,
    model: &VariantModel,
    related: &Related,
    staging: &output::Staging,
) -> Result<usize> {
    let ctx = model.context(setup, related);
    let mut count = 1;
    staging.write(&[model.search_index()])?;
    let allow_raw_html = setup.config.allow_raw_html;
    render::render_variant_into(&ctx, &model.handbook, allow_raw_html, &mut |pages| {
        count += pages.len();
        staging.write(&pages)
    })?;
    Ok(count)
}

pub fn related_roles(handbook: &Handbook) -> Related {
    search::related_roles(handbook, RELATED_ROLES)
}

/// `output/index.html`, which picks a variant.
pub fn root_page(setup: &Setup, handbook: &Handbook) -> Result<Page> {
    render::render_root(&setup.theme, &setup.variants, &handbook.title)
}

/// The text mapping that turns source text into `variant`'s script: the
/// glossary's phrases first, then the OpenCC dictionaries for the rest.
pub fn text_converter(variant: Variant, glossary: &Glossary) -> impl Fn(&str) -> String + Sync {
    let converter = convert::OpenccConfig::from_simplified(variant).map(Converter::new);
    let glossary = glossary.for_variant(variant);
    move |text: &str| {
        glossary.apply(text, &|part: &str| match &converter {
            Some(c) => c.convert(part),
            None => part.to_string(),
        })
    }
}

//! The first half of every build: the sources read and validated, what all
//! pages share (settings, theme, glossary, related roles), and the model in
//! each variant's script.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::changes::{self, Changes, Snapshot, SNAPSHOT_FILE};
use crate::config::Config;
use crate::convert::glossary::Glossary;
use crate::convert::Converter;
use crate::error::Result;
use crate::error::{Diagnostic, Location};
use crate::model::{Document, Handbook, RoleId};
use crate::render::{Page, Theme, VariantContext};
use crate::text;
use crate::variant::Variant;
use crate::{content, convert, model, search};

/// How many related roles a role page lists.
const RELATED_ROLES: usize = 5;

/// Similar roles in other documents, by role.
pub type Related = BTreeMap<RoleId, Vec<RoleId>>;

/// The settings, the raw content and the model validated from it.
pub fn validated(root: &Path) -> Result<(Config, content::RawContent, Handbook)> {
    let config = Config::load(root)?;
    let raw = content::load(root)?;
    let handbook = model::validate(&config, &raw)?;
    Ok((config, raw, handbook))
}

/// The sources read and validated, and what every output of a build reads.
pub struct Loaded {
    /// Empty after a build that keeps nothing (`Keep::Nothing`).
    pub raw: content::RawContent,
    pub handbook: Handbook,
    pub setup: Setup,
    /// Worked out when an output first asks ([`Loaded::related`]): an
    /// export does not need them.
    related: OnceLock<Related>,
    /// What changed since the build compared with (`--compare-to`).
    pub changes: Option<Changes>,
}

impl Loaded {
    pub fn load(root: &Path) -> Result<Loaded> {
        let (config, raw, handbook) = validated(root)?;
        let setup = Setup::load(root, config)?;
        Ok(Loaded {
            raw,
            handbook,
            setup,
            related: OnceLock::new(),
            changes: None,
        })
    }

    /// Compares this handbook with the snapshot an earlier build left in
    /// `base` (its output folder, or the snapshot file itself).
    pub fn compare_to(&mut self, base: &Path) -> Result<()> {
        let old = read_snapshot(base)?;
        self.changes = Some(changes::compare(&old, &Snapshot::of(&self.handbook)));
        Ok(())
    }

    /// Similar roles in other documents, by role.
    pub fn related(&self) -> &Related {
        self.related.get_or_init(|| related_roles(&self.handbook))
    }

    /// Replaces the related roles, after an edit changed what they are
    /// worked out from.
    pub fn set_related(&mut self, related: Related) {
        self.related = OnceLock::from(related);
    }

    /// About how many pages a site build writes, for a progress bar before
    /// they are rendered: one per role and document in every variant, which
    /// is nearly all of them.
    pub fn expected_pages(&self) -> usize {
        let per_variant = self.handbook.role_count() + self.handbook.documents.len();
        self.setup.variants.len() * per_variant
    }
}

/// The snapshot in `base`: an output folder holding one, or the file.
fn read_snapshot(base: &Path) -> Result<Snapshot> {
    let path = match base.is_dir() {
        true => base.join(SNAPSHOT_FILE),
        false => base.to_path_buf(),
    };
    let text = std::fs::read_to_string(&path).map_err(|e| crate::error::Error::io(&path, e))?;
    Snapshot::from_json(&text).ok_or_else(|| {
        let shown = path.display().to_string();
        Diagnostic::new(
            Location::new(&path, 0),
            text!(
                "{shown} is not the handbook.json of an earlier build",
                "“{shown}”不是以前构建留下的 handbook.json"
            ),
        )
        .hint(text!(
            "name the output folder of the earlier build; every build writes handbook.json into it",
            "请指定以前那次构建的输出文件夹；每次构建都会在里面写一个 handbook.json"
        ))
        .into()
    })
}

pub fn related_roles(handbook: &Handbook) -> Related {
    search::related_roles(handbook, RELATED_ROLES)
}

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
    /// What changed since the build compared with, in this script.
    pub changes: Option<Changes>,
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
            strings: interface_strings(setup, variant, &convert),
            changes: None,
        }
    }

    /// This variant with `changes` (in the source script) in its script.
    pub fn with_changes(mut self, changes: Option<&Changes>, setup: &Setup) -> VariantModel<'a> {
        let convert = text_converter(self.variant, &setup.glossary);
        self.changes = changes.map(|c| c.map_text(&convert));
        self
    }

    /// This variant with a model of its own, for a session that keeps it
    /// and changes it.
    pub fn into_owned(self) -> VariantModel<'static> {
        VariantModel {
            variant: self.variant,
            handbook: Cow::Owned(self.handbook.into_owned()),
            strings: self.strings,
            changes: self.changes,
        }
    }

    /// What the variant's pages are rendered with.
    pub fn context<'s>(&'s self, setup: &'s Setup, related: &'s Related) -> VariantContext<'s> {
        VariantContext::new(
            &setup.theme,
            self.variant,
            &setup.variants,
            related,
            self.strings.clone(),
        )
        .with_changes(self.changes.as_ref())
        .with_print_limit(setup.config.print_page_limit)
    }

    /// The variant's search index, `<variant>/search-index.js`, with the
    /// glossary's words that mean the same.
    pub fn search_index(&self, setup: &Setup) -> Page {
        let synonyms = search_groups(&setup.glossary, self.variant);
        Page {
            path: PathBuf::from(self.variant.dir()).join(search::INDEX_FILE),
            content: search::index_script(&self.handbook, &synonyms).into_bytes(),
        }
    }
}

/// The glossary's groups of words that mean the same, each word as authored
/// and as `variant` writes it (营运长 for 首席运营官 in zh-TW).
pub fn search_groups(glossary: &Glossary, variant: Variant) -> Vec<Vec<String>> {
    let convert = text_converter(variant, glossary);
    (glossary.search_groups().into_iter())
        .map(|group| {
            let converted: Vec<String> = group.iter().map(|w| convert(w)).collect();
            group.into_iter().chain(converted).collect()
        })
        .collect()
}

/// The theme's interface strings in `variant`: the variant's own spelling
/// where `strings.yaml` gives one, else converted like the content.
pub fn interface_strings(
    setup: &Setup,
    variant: Variant,
    convert: &dyn Fn(&str) -> String,
) -> BTreeMap<String, String> {
    (setup.theme.strings.iter())
        .map(|(k, v)| {
            let own = (setup.theme.variant_strings.get(k)).and_then(|by| by.get(&variant));
            (k.clone(), own.cloned().unwrap_or_else(|| convert(v)))
        })
        .collect()
}

/// `doc` in `variant`'s script: an incremental rebuild converts only the
/// documents that changed.
pub fn convert_document(setup: &Setup, doc: &Document, variant: Variant) -> Document {
    doc.map_text(&text_converter(variant, &setup.glossary))
}

/// The text mapping that turns source text into `variant`'s script: the
/// glossary's phrases first, then OpenCC's dictionaries with the regional layer
/// (`convert::regional`) for the rest.
pub fn text_converter(variant: Variant, glossary: &Glossary) -> impl Fn(&str) -> String + Sync {
    let converter = Converter::for_variant(variant);
    let glossary = glossary.for_variant(variant);
    move |text: &str| {
        glossary.apply(text, &|part: &str| match &converter {
            Some(c) => c.convert(part),
            None => part.to_string(),
        })
    }
}

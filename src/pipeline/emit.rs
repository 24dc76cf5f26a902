//! What a build emits. Each kind of output — the site's pages, the search
//! index, PDFs, an export — is one [`Emitter`], and a command builds with
//! the list of those it wants ([`SITE`] for `build` and `serve`). The build
//! hands each emitter the model in every variant's script; what it returns
//! is written into the staging folder with everything else, so it appears
//! in the output together with the rest of the site, or not at all. mdBook's
//! `Renderer` is the model: a small trait, and the build core knows nothing
//! about the formats.

use std::path::Path;

use super::loaded::{Loaded, VariantModel};
use crate::error::Result;
use crate::render::{self, HtmlWriter, Page, Pager};

/// Where an emitter hands its files, a batch at a time: a build writes each
/// batch as it comes, so it never holds a variant's files all at once.
pub type Write<'w> = dyn FnMut(Vec<Page>) -> Result<()> + 'w;

/// One kind of output of a build.
pub trait Emitter: Sync {
    /// Every file of `model`'s variant, handed to `write` as they are made.
    /// Paths are relative to the output folder.
    fn variant(&self, loaded: &Loaded, model: &VariantModel, write: &mut Write) -> Result<()>;

    /// The files of the variant that `serve` makes again after any edit of
    /// the content: by default all of them. The site's pages about single
    /// roles and documents are left out, since `serve` works out which of
    /// those an edit changed (`incremental::plan`).
    fn after_edit(&self, loaded: &Loaded, model: &VariantModel) -> Result<Vec<Page>> {
        let mut files = Vec::new();
        self.variant(loaded, model, &mut |batch| {
            files.extend(batch);
            Ok(())
        })?;
        Ok(files)
    }

    /// Files outside the variants' folders, once a build.
    fn top(&self, _loaded: &Loaded) -> Result<Vec<Page>> {
        Ok(Vec::new())
    }

    /// Files made from the written site, once every page and the theme's
    /// static files are in `site` (the staging folder that then replaces
    /// the output): a PDF printed from the print page.
    fn after_pages(&self, _loaded: &Loaded, _site: &Path) -> Result<Vec<Page>> {
        Ok(Vec::new())
    }
}

/// The site's HTML pages: role, document and whole-handbook pages of each
/// variant, and the page at the top that picks a variant.
pub struct SitePages;

/// Each variant's search index, `<variant>/search-index.js`.
pub struct SearchIndex;

/// Each variant's sidebar data, `<variant>/nav/` (`render::nav`).
pub struct Navigation;

/// The handbook's snapshot, `handbook.json` at the top of the output, for a
/// later build to compare with (`--compare-to`).
pub struct ChangesSnapshot;

/// What `handbook build` and `handbook serve` write.
pub const SITE: &[&dyn Emitter] = &[&SitePages, &SearchIndex, &Navigation, &ChangesSnapshot];

impl SitePages {
    /// Runs `f` with a [`Pager`] for `model`'s variant.
    fn with_pager<R>(loaded: &Loaded, model: &VariantModel, f: impl FnOnce(&Pager) -> R) -> R {
        let ctx = model.context(&loaded.setup, loaded.related());
        let writer = HtmlWriter::new(&model.handbook, loaded.setup.config.allow_raw_html);
        f(&Pager::new(&ctx, &model.handbook, &writer))
    }
}

/// `selection`'s print page in `model`'s variant, for `handbook pdf --role`
/// and `--document`.
pub fn print_selection(
    loaded: &Loaded,
    model: &VariantModel,
    selection: &crate::render::Selection,
) -> Result<Page> {
    SitePages::with_pager(loaded, model, |pager| pager.print_selection(selection))
}

impl Emitter for SitePages {
    fn variant(&self, loaded: &Loaded, model: &VariantModel, write: &mut Write) -> Result<()> {
        Self::with_pager(loaded, model, |pager| pager.every_page(write))
    }

    fn after_edit(&self, loaded: &Loaded, model: &VariantModel) -> Result<Vec<Page>> {
        Self::with_pager(loaded, model, |pager| pager.whole_handbook_pages())
    }

    fn top(&self, loaded: &Loaded) -> Result<Vec<Page>> {
        let setup = &loaded.setup;
        let root = render::render_root(&setup.theme, &setup.variants, &loaded.handbook.title)?;
        Ok(vec![root])
    }
}

impl Emitter for Navigation {
    fn variant(&self, _loaded: &Loaded, model: &VariantModel, write: &mut Write) -> Result<()> {
        write(render::nav::nav_files(&model.handbook, model.variant))
    }
}

impl Emitter for ChangesSnapshot {
    fn variant(&self, _: &Loaded, _: &VariantModel, _: &mut Write) -> Result<()> {
        Ok(())
    }

    fn top(&self, loaded: &Loaded) -> Result<Vec<Page>> {
        let snapshot = crate::changes::Snapshot::of(&loaded.handbook);
        Ok(vec![Page {
            path: std::path::PathBuf::from(crate::changes::SNAPSHOT_FILE),
            content: snapshot.to_json().into_bytes(),
        }])
    }
}

impl Emitter for SearchIndex {
    fn variant(&self, loaded: &Loaded, model: &VariantModel, write: &mut Write) -> Result<()> {
        write(vec![model.search_index(&loaded.setup)])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::loaded::Loaded;

    /// What `serve` writes after an edit must be what a full build writes:
    /// each emitter's `after_edit` files are among its `variant` files, with
    /// the same bytes.
    #[test]
    fn files_made_after_an_edit_are_those_of_a_full_build() {
        let loaded = Loaded::load(Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap();
        for &variant in &loaded.setup.variants {
            let model = VariantModel::new(&loaded.setup, &loaded.handbook, variant);
            for emitter in SITE {
                let mut all = std::collections::BTreeMap::new();
                (emitter.variant(&loaded, &model, &mut |batch| {
                    all.extend(batch.into_iter().map(|p| (p.path, p.content)));
                    Ok(())
                }))
                .unwrap();
                let again = emitter.after_edit(&loaded, &model).unwrap();
                assert_eq!(
                    again.is_empty(),
                    all.is_empty(),
                    "an emitter of variant files"
                );
                for page in again {
                    let full = all.get(&page.path);
                    assert!(full == Some(&page.content), "{}", page.path.display());
                }
            }
        }
    }
}

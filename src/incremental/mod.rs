//! Incremental rebuilds for `handbook serve`: a [`Session`] keeps what the
//! last build read and made (file stamps, the raw content, the validated
//! model, the model converted into each variant, related roles), so after an
//! edit it re-reads only the changed, new or removed files, re-validates only
//! their documents (and those linking to a role whose title changed),
//! converts only the roles that changed, and renders only the pages whose
//! inputs changed. The result is the same bytes as a full build of the same
//! content (`tests/testsuite/incremental.rs`). See docs/decisions/incremental.md.
//!
//! A rebuild has two passes. The first renders the pages of the edited
//! roles and documents (and their neighbours') and writes those that
//! changed: this is what an author looks at. The second recomputes related
//! roles and renders the pages about the whole handbook (role index, org
//! charts, print page, search index), which take longer on a large handbook.
//!
//! Changes to `handbook.yaml`, the theme, template overrides or any content
//! file that is not a document's Markdown (the glossary) rebuild everything
//! through the staging folder, as `handbook build` does.

mod plan;
mod reconvert;
mod revalidate;
mod sources;

use std::collections::BTreeSet;
use std::mem;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::error::{Error, Result};
use crate::model::Handbook;
use crate::output;
use crate::pipeline::emit::{self, Emitter};
use crate::pipeline::{self, BuildOptions, BuildSummary, Built, Keep, Loaded, VariantModel};
use crate::render::{HtmlWriter, Page, Pager};
use plan::{Order, RolePages, Touched};
use revalidate::{places, revalidate, Links, Places};
use sources::{Change, Restamped, Snapshot};

/// When the second pass of the last rebuild took longer than this, browsers
/// are told to reload after the first pass already.
const PROMPT: Duration = Duration::from_millis(250);

/// Builds a handbook again and again, each time doing only what the changes
/// since the last build require.
pub struct Session {
    options: BuildOptions,
    /// `None` before the first build and after a failure to write: the next
    /// rebuild is a full one.
    state: Option<State>,
    /// How long the last second pass (or full build) took.
    second_pass: Duration,
    /// What the rebuilds that failed since the last good one were told
    /// changed.
    retry: Retry,
    /// Every rebuild a full one (`handbook serve --full`).
    always_full: bool,
}

/// What a rebuild did.
#[derive(Debug, Clone)]
pub struct Rebuilt {
    pub summary: BuildSummary,
    /// Everything was built again, through the staging folder.
    pub full: bool,
    /// Files written or removed, in both passes.
    pub written: usize,
    /// When the first pass had written its pages, for an incremental rebuild.
    pub first_pass: Option<Duration>,
    /// Whether `early` was called after the first pass.
    pub reported_early: bool,
    /// Files written or removed by the second pass.
    pub written_late: usize,
    /// Documents validated again: all of them when every content file was
    /// read again.
    pub validated: usize,
}

/// What the last successful build read and made.
struct State {
    snapshot: Snapshot,
    loaded: Loaded,
    /// Where each document's Markdown file is in `loaded.raw`.
    places: Places,
    /// The roles each document of `loaded.handbook` links to.
    links: Links,
    order: Order,
    variants: Vec<VariantModel<'static>>,
    out_dir: output::Target,
    /// Every page of the output, relative to it.
    pages: BTreeSet<PathBuf>,
}

impl Session {
    pub fn new(options: BuildOptions) -> Session {
        Session {
            options,
            state: None,
            second_pass: Duration::ZERO,
            retry: Retry::default(),
            always_full: false,
        }
    }

    /// The folder holding `handbook.yaml`.
    pub fn root(&self) -> &Path {
        &self.options.root
    }

    /// Brings the output folder up to date with the sources. `early` is
    /// called with a summary after the first pass when the second one is
    /// expected to be slow. On a content error nothing is written and the
    /// session keeps the last good build.
    /// This session, rebuilding everything after every change: the escape
    /// hatch should an incremental rebuild ever miss a change.
    pub fn always_full(self) -> Session {
        Session {
            always_full: true,
            ..self
        }
    }

    pub fn rebuild(&mut self, early: &mut dyn FnMut(&BuildSummary)) -> Result<Rebuilt> {
        self.rebuild_after(None, early)
    }

    /// [`Session::rebuild`], told which paths a file watcher saw change
    /// since the last rebuild: when they are all files directly inside
    /// known document folders (Markdown edited, new or removed, or files the
    /// build does not read), only they are looked at instead of every file
    /// of the handbook.
    pub fn rebuild_after(
        &mut self,
        changed: Option<&[PathBuf]>,
        early: &mut dyn FnMut(&BuildSummary),
    ) -> Result<Rebuilt> {
        let started = Instant::now();
        let Some(state) = self.state.take().filter(|_| !self.always_full) else {
            return self.full(Snapshot::take(&self.options.root)?, started);
        };
        let (change, stamps) = match self.find_changes(&state.snapshot, changed) {
            Ok(Found::Content(change, stamps)) => (change, stamps),
            Ok(Found::Settings(snapshot)) => return self.full(snapshot, started),
            Err(e) => return Err(self.failed(state, None, e)),
        };
        let retry = change.retry();
        let (mut state, done) = match revalidate(state, &self.options.root, change) {
            Ok(done) => done,
            Err((state, e)) => return Err(self.failed(state, retry, e)),
        };
        self.retry = Retry::default();
        match stamps {
            Stamps::Some(restamped) => state.snapshot.restamp(restamped),
            Stamps::All(snapshot) => state.snapshot = snapshot,
        }
        let prompt = self.second_pass > PROMPT;
        let outcome = update(&mut state, &done.touched, prompt, early, started);
        if let Ok((_, second)) = &outcome {
            self.second_pass = *second;
            self.state = Some(state);
        }
        outcome.map(|(rebuilt, _)| Rebuilt {
            validated: done.validated,
            ..rebuilt
        })
    }

    /// What changed since `last`: only the paths a watcher named (and those
    /// of failed rebuilds) when they tell, else every file stamped again.
    fn find_changes(&self, last: &Snapshot, changed: Option<&[PathBuf]>) -> Result<Found> {
        let named = self.retry.with(changed);
        if let Some((change, restamped)) = named.and_then(|p| last.change_of(&p)) {
            return Ok(Found::Content(change, Stamps::Some(restamped)));
        }
        let now = Snapshot::take(&self.options.root)?;
        Ok(match now.settings != last.settings {
            true => Found::Settings(now),
            false => Found::Content(last.change_to(&now), Stamps::All(now)),
        })
    }

    /// Keeps the last good build after a rebuild failed, and the paths it
    /// was to look at (`None`: every file) for the next one: the stamps of
    /// the files it read were not recorded, but a watcher will not name them
    /// again.
    fn failed(&mut self, state: State, retry: Option<Vec<PathBuf>>, e: Error) -> Error {
        self.state = Some(state);
        self.retry.add(retry);
        e
    }

    /// Builds everything into the staging folder and swaps it in, keeping
    /// what an incremental rebuild needs.
    fn full(&mut self, snapshot: Snapshot, started: Instant) -> Result<Rebuilt> {
        let built = pipeline::build_with(&self.options, emit::SITE, None, Keep::Variants)?;
        let Built {
            loaded,
            variants,
            paths,
            target,
            ..
        } = built;
        let state = State {
            snapshot,
            places: places(&loaded.raw),
            links: revalidate::links(&loaded.handbook),
            order: Order::new(&loaded.handbook),
            loaded,
            variants,
            out_dir: target,
            pages: paths,
        };
        let summary = state.summary(started);
        self.second_pass = started.elapsed();
        self.state = Some(state);
        self.retry = Retry::default();
        Ok(Rebuilt {
            written: summary.pages,
            validated: summary.documents,
            summary,
            full: true,
            first_pass: None,
            reported_early: false,
            written_late: 0,
        })
    }
}

/// What changed since the last build.
enum Found {
    /// Document files only, and the stamps to record once they are read.
    Content(Change, Stamps),
    /// Settings, theme or templates: everything is built again.
    Settings(Snapshot),
}

/// The stamps a successful rebuild records: of the files a watcher named,
/// or a whole new snapshot.
enum Stamps {
    Some(Restamped),
    All(Snapshot),
}

/// Paths that rebuilds which failed were to look at. A watcher names each
/// change once, so the next rebuild looks at them too: say a role file
/// links to a role that does not exist yet, and the next change adds it.
#[derive(Debug, Default)]
enum Retry {
    #[default]
    Nothing,
    Paths(Vec<PathBuf>),
    /// A failed rebuild looked at every file: so does the next one.
    Everything,
}

impl Retry {
    /// The paths for a rebuild told about `changed`: `None` when every file
    /// needs a look.
    fn with(&self, changed: Option<&[PathBuf]>) -> Option<Vec<PathBuf>> {
        let changed = changed?;
        match self {
            Retry::Nothing => Some(changed.to_vec()),
            Retry::Paths(paths) => Some([paths.as_slice(), changed].concat()),
            Retry::Everything => None,
        }
    }

    fn add(&mut self, more: Option<Vec<PathBuf>>) {
        *self = match (mem::take(self), more) {
            (Retry::Everything, _) | (_, None) => Retry::Everything,
            (Retry::Nothing, Some(more)) => Retry::Paths(more),
            (Retry::Paths(mut paths), Some(more)) => {
                paths.extend(more);
                Retry::Paths(paths)
            }
        };
    }
}

/// Converts the touched documents, renders and writes the pages that
/// changed. Returns the rebuild and how long its second pass took.
fn update(
    state: &mut State,
    touched: &Touched,
    prompt: bool,
    early: &mut dyn FnMut(&BuildSummary),
    started: Instant,
) -> Result<(Rebuilt, Duration)> {
    if touched.is_empty() {
        let rebuilt = state.rebuilt(started, (0, 0), None, false);
        return Ok((rebuilt, Duration::ZERO));
    }
    let (setup, handbook) = (&state.loaded.setup, &state.loaded.handbook);
    state
        .variants
        .par_iter_mut()
        .for_each(|model| reconvert::documents(setup, handbook, touched, model));
    let order = state.order.updated(handbook, touched);
    let (roles, documents) = pages_to_render(touched, handbook, &state.order, &order);
    let removed = removed_pages(touched, handbook, &state.variants);
    let written = first_pass(state, (&roles.first, &documents), &removed)?;
    let first_pass = started.elapsed();
    if prompt {
        early(&state.summary(started));
    }
    let second_started = Instant::now();
    let late = second_pass(state, touched, order, &roles.late)?;
    let rebuilt = state.rebuilt(started, (written, late), Some(first_pass), prompt);
    Ok((rebuilt, second_started.elapsed()))
}

/// The role pages (see [`plan::RolePages`]) and positions of the document
/// pages to render: all of them in the first pass when a role moved to
/// another document, since any page may link to it.
fn pages_to_render(
    touched: &Touched,
    new: &Handbook,
    old_order: &Order,
    order: &Order,
) -> (RolePages, Vec<usize>) {
    if plan::roles_moved(touched, new, old_order) {
        let first = (0..order.len()).collect();
        let all = RolePages {
            first,
            late: Vec::new(),
        };
        return (all, (0..new.documents.len()).collect());
    }
    (
        plan::role_pages(touched, new, old_order, order),
        plan::document_pages(touched, new),
    )
}

/// The pages of roles and documents that are gone, in every variant.
fn removed_pages(touched: &Touched, new: &Handbook, variants: &[VariantModel]) -> Vec<PathBuf> {
    let mut gone = Vec::new();
    for (id, old) in touched {
        let Some(old) = old else { continue };
        let now = new.documents.iter().find(|d| &d.id == id);
        if now.is_none() {
            gone.push(format!("{id}/index.html"));
            gone.push(crate::render::nav::document_file(id.as_str()));
            // A large handbook's print part of the document, if it had one.
            gone.push(crate::render::Selection::Part(id.to_string()).page());
        }
        for role in &old.roles {
            if now.and_then(|d| d.role(&role.id)).is_none() {
                gone.push(format!("{id}/{}.html", role.id));
            }
        }
    }
    (variants.iter())
        .flat_map(|m| gone.iter().map(|rel| Path::new(m.variant.dir()).join(rel)))
        .collect()
}

/// Renders and writes the role pages at `positions` and the document pages
/// at `documents`, with the related roles of the last build.
fn first_pass(
    state: &mut State,
    (positions, documents): (&[usize], &[usize]),
    removed: &[PathBuf],
) -> Result<usize> {
    let pages = render(state, &|pager| {
        let mut pages: Vec<Page> = (positions.par_iter())
            .map(|&i| pager.role_page(i))
            .collect::<Result<_>>()?;
        for &d in documents {
            pages.push(pager.document_page(d)?);
        }
        Ok(pages)
    })?;
    let written = output::write_changed(&state.out_dir, &pages, removed)?;
    for path in removed {
        state.pages.remove(path);
    }
    state.pages.extend(pages.into_iter().map(|p| p.path));
    Ok(written)
}

/// Recomputes related roles if their inputs changed, and renders the role
/// pages at positions `late`, those whose related roles differ and what
/// every output makes again after an edit ([`Emitter::after_edit`]).
fn second_pass(
    state: &mut State,
    touched: &Touched,
    order: Order,
    late: &[usize],
) -> Result<usize> {
    let handbook = &state.loaded.handbook;
    let related = plan::related_inputs_changed(touched, handbook, &state.order, &order)
        .then(|| pipeline::related_roles(handbook));
    let old = state.loaded.related();
    let mut positions =
        plan::related_pages(old, related.as_ref().unwrap_or(old), &state.order, &order);
    positions.extend(late);
    positions.sort_unstable();
    positions.dedup();
    if let Some(related) = related {
        state.loaded.set_related(related);
    }
    state.order = order;
    let mut pages = render(state, &|pager| {
        (positions.par_iter())
            .map(|&i| pager.role_page(i))
            .collect::<Result<_>>()
    })?;
    pages.extend(after_edit(&state.loaded, &state.variants, emit::SITE)?);
    // One write, under one hold of the output's lock.
    let written = output::write_changed(&state.out_dir, &pages, &[])?;
    state.pages.extend(pages.into_iter().map(|p| p.path));
    Ok(written)
}

/// What `emitters` make again after any edit, in every variant (in
/// parallel), and their files at the top of the output.
fn after_edit(
    loaded: &Loaded,
    variants: &[VariantModel],
    emitters: &[&dyn Emitter],
) -> Result<Vec<Page>> {
    let per_variant: Vec<Vec<Page>> = (variants.par_iter())
        .map(|model| {
            let files = emitters.iter().map(|e| e.after_edit(loaded, model));
            Ok(files.collect::<Result<Vec<_>>>()?.concat())
        })
        .collect::<Result<_>>()?;
    let mut pages = per_variant.concat();
    for emitter in emitters {
        pages.extend(emitter.top(loaded)?);
    }
    Ok(pages)
}

/// The pages `pick` renders in every variant, the variants in parallel,
/// with the related roles `state` holds.
fn render(
    state: &State,
    pick: &(dyn Fn(&Pager<'_>) -> Result<Vec<Page>> + Sync),
) -> Result<Vec<Page>> {
    let (setup, related) = (&state.loaded.setup, state.loaded.related());
    let per_variant: Vec<Vec<Page>> = (state.variants.par_iter())
        .map(|model| {
            let ctx = model.context(setup, related);
            let writer = HtmlWriter::new(&model.handbook, setup.config.allow_raw_html);
            pick(&Pager::new(&ctx, &model.handbook, &writer))
        })
        .collect::<Result<_>>()?;
    Ok(per_variant.into_iter().flatten().collect())
}

impl State {
    fn summary(&self, started: Instant) -> BuildSummary {
        BuildSummary {
            documents: self.loaded.handbook.documents.len(),
            roles: self.loaded.handbook.role_count(),
            variants: self.variants.len(),
            pages: self.pages.len(),
            output: self.out_dir.dir.clone(),
            elapsed: started.elapsed(),
        }
    }

    /// `written`: files written by the first and the second pass.
    fn rebuilt(
        &self,
        started: Instant,
        (first, late): (usize, usize),
        first_pass: Option<Duration>,
        reported_early: bool,
    ) -> Rebuilt {
        Rebuilt {
            summary: self.summary(started),
            full: false,
            written: first + late,
            first_pass,
            reported_early,
            written_late: late,
            validated: 0,
        }
    }
}

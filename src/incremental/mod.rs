//! Incremental rebuilds for `handbook serve`: a [`Session`] keeps what the
//! last build read and made (file stamps, the raw content, the validated
//! model, the model converted into each variant, related roles), so after an
//! edit it re-reads only the changed files, re-validates only their
//! documents, converts only those, and renders only the pages whose inputs
//! changed. The result is the same bytes as a full build of the same content
//! (`tests/incremental.rs`). See docs/decisions/incremental.md.
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
mod sources;

use std::collections::{BTreeSet, HashMap};
use std::mem;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::config::Config;
use crate::content::{self, Parsed, RawContent, RoleMeta};
use crate::error::Result;
use crate::model::{self, DocId, Handbook};
use crate::output;
use crate::pipeline::{self, BuildOptions, BuildSummary, Related, Setup, VariantModel};
use crate::render::{HtmlWriter, Page, Pager};
use plan::{Order, Touched};
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
}

/// What the last successful build read and made.
struct State {
    snapshot: Snapshot,
    setup: Setup,
    raw: RawContent,
    /// Where each document's Markdown file is in `raw`: document, and role
    /// (`None` for the document's `_index.md`).
    places: HashMap<PathBuf, (usize, Option<usize>)>,
    handbook: Handbook,
    order: Order,
    related: Related,
    variants: Vec<VariantModel>,
    out_dir: PathBuf,
    pages: usize,
}

impl Session {
    pub fn new(options: BuildOptions) -> Session {
        Session {
            options,
            state: None,
            second_pass: Duration::ZERO,
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
    pub fn rebuild(&mut self, early: &mut dyn FnMut(&BuildSummary)) -> Result<Rebuilt> {
        self.rebuild_after(None, early)
    }

    /// [`Session::rebuild`], told which paths a file watcher saw change
    /// since the last rebuild: when they are all known document files, only
    /// they are looked at instead of every file of the handbook.
    pub fn rebuild_after(
        &mut self,
        changed: Option<&[PathBuf]>,
        early: &mut dyn FnMut(&BuildSummary),
    ) -> Result<Rebuilt> {
        let started = Instant::now();
        let Some(state) = self.state.take() else {
            return self.full(Snapshot::take(&self.options.root)?, started);
        };
        let (change, stamps) = match changed.and_then(|p| state.snapshot.change_of(p)) {
            Some((change, restamped)) => (change, Stamps::Some(restamped)),
            None => match Snapshot::take(&self.options.root) {
                Ok(s) if s.settings != state.snapshot.settings => return self.full(s, started),
                Ok(s) => (state.snapshot.change_to(&s), Stamps::All(s)),
                Err(e) => {
                    self.state = Some(state);
                    return Err(e);
                }
            },
        };
        let (mut state, touched) = match revalidate(state, &self.options.root, change) {
            Ok(done) => done,
            Err((state, e)) => {
                self.state = Some(state);
                return Err(e);
            }
        };
        match stamps {
            Stamps::Some(restamped) => state.snapshot.restamp(restamped),
            Stamps::All(snapshot) => state.snapshot = snapshot,
        }
        let prompt = self.second_pass > PROMPT;
        let outcome = update(&mut state, &touched, prompt, early, started);
        if let Ok((_, second)) = &outcome {
            self.second_pass = *second;
            self.state = Some(state);
        }
        outcome.map(|(rebuilt, _)| rebuilt)
    }

    /// Builds everything into the staging folder and swaps it in, keeping
    /// what an incremental rebuild needs.
    fn full(&mut self, snapshot: Snapshot, started: Instant) -> Result<Rebuilt> {
        let root = &self.options.root;
        let config = Config::load(root)?;
        let raw = content::load(root)?;
        let handbook = model::build(&config, &raw)?;
        let setup = Setup::load(root, config)?;
        let out_dir = setup.output_dir(&self.options);
        let related = pipeline::related_roles(&handbook);
        let variants: Vec<VariantModel> = (setup.variants.par_iter())
            .map(|&v| VariantModel::new(&setup, &handbook, v))
            .collect();
        let staging = output::Staging::new(&out_dir)?;
        let counts: Vec<usize> = (variants.par_iter())
            .map(|model| pipeline::write_variant(&setup, model, &related, &staging))
            .collect::<Result<_>>()?;
        staging.write(&[pipeline::root_page(&setup, &handbook)?])?;
        staging.finish(&setup.theme.static_files)?;
        let state = State {
            snapshot,
            places: places(&raw),
            order: Order::new(&handbook),
            pages: counts.iter().sum::<usize>() + 1,
            setup,
            raw,
            handbook,
            related,
            variants,
            out_dir,
        };
        let summary = state.summary(started);
        self.second_pass = started.elapsed();
        self.state = Some(state);
        Ok(Rebuilt {
            written: summary.pages,
            summary,
            full: true,
            first_pass: None,
            reported_early: false,
            written_late: 0,
        })
    }
}

/// The stamps a successful rebuild records: of the files a watcher named,
/// or a whole new snapshot.
enum Stamps {
    Some(Restamped),
    All(Snapshot),
}

/// Where each document Markdown file of `raw` is.
fn places(raw: &RawContent) -> HashMap<PathBuf, (usize, Option<usize>)> {
    let mut out = HashMap::new();
    for (d, doc) in raw.documents.iter().enumerate() {
        out.insert(doc.index.path().to_path_buf(), (d, None));
        for (r, role) in doc.roles.iter().enumerate() {
            out.insert(role.parsed.path().to_path_buf(), (d, Some(r)));
        }
    }
    out
}

/// A file read again, to put in place of the old one in the raw content.
enum Reread {
    Index(usize, Parsed<content::DocumentMeta>),
    Role(usize, usize, Parsed<RoleMeta>),
}

/// Reads the changed files and validates the result, changing `state`'s raw
/// content and model only on success. Returns the documents that changed.
/// On a content error, gives `state` back as it was.
fn revalidate(
    mut state: State,
    root: &Path,
    change: Change,
) -> std::result::Result<(State, Touched), (State, crate::error::Error)> {
    let outcome = match change {
        Change::Nothing => Ok(Touched::new()),
        Change::Edited(paths) => match reread(&state, root, &paths) {
            Ok(Some(files)) => edit(&mut state, files),
            Ok(None) => reload(&mut state, root),
            Err(e) => Err(e),
        },
        Change::Restructured => reload(&mut state, root),
    };
    match outcome {
        Ok(touched) => Ok((state, touched)),
        Err(e) => Err((state, e)),
    }
}

/// Parses the edited files; `None` when one is not a known document file.
/// A file that does not parse is reported as the full loader reports it.
fn reread(state: &State, root: &Path, paths: &[PathBuf]) -> Result<Option<Vec<Reread>>> {
    let mut files = Vec::with_capacity(paths.len());
    for path in paths {
        let Some(&(d, role)) = state.places.get(path) else {
            return Ok(None);
        };
        let source = content::source::read_source(path);
        let parsed = match role {
            None => source
                .and_then(content::parse_source)
                .map(|p| Reread::Index(d, p)),
            Some(r) => source
                .and_then(content::parse_source)
                .map(|p| Reread::Role(d, r, p)),
        };
        match parsed {
            Ok(file) => files.push(file),
            // The loader lists every broken file, not just this one.
            Err(_) => return content::load(root).map(|_| None),
        }
    }
    Ok(Some(files))
}

/// Puts `files` into the raw content and re-validates their documents; the
/// whole handbook when a role's title changed, since titles are linked
/// across documents.
fn edit(state: &mut State, files: Vec<Reread>) -> Result<Touched> {
    let titles_changed = files.iter().any(|f| match f {
        Reread::Role(d, r, p) => {
            state.raw.documents[*d].roles[*r].parsed.meta.title != p.meta.title
        }
        Reread::Index(..) => false,
    });
    let docs: BTreeSet<usize> = files
        .iter()
        .map(|f| match f {
            Reread::Index(d, _) | Reread::Role(d, _, _) => *d,
        })
        .collect();
    let undo = swap_into(&mut state.raw, files);
    let validated = if titles_changed {
        model::build(&state.setup.config, &state.raw).map(|h| replace_all(state, h))
    } else {
        let which: Vec<usize> = docs.into_iter().collect();
        model::build_documents(&state.raw, &which).map(|new| replace_some(state, &which, new))
    };
    if validated.is_err() {
        swap_into(&mut state.raw, undo);
    }
    validated
}

/// Puts each file in its place; returns the files it replaced.
fn swap_into(raw: &mut RawContent, files: Vec<Reread>) -> Vec<Reread> {
    files
        .into_iter()
        .map(|file| match file {
            Reread::Index(d, p) => Reread::Index(d, mem::replace(&mut raw.documents[d].index, p)),
            Reread::Role(d, r, p) => {
                let old = mem::replace(&mut raw.documents[d].roles[r].parsed, p);
                Reread::Role(d, r, old)
            }
        })
        .collect()
}

/// Reads all content again (files came or went) and validates it.
fn reload(state: &mut State, root: &Path) -> Result<Touched> {
    let raw = content::load(root)?;
    let handbook = model::build(&state.setup.config, &raw)?;
    state.places = places(&raw);
    state.raw = raw;
    Ok(replace_all(state, handbook))
}

/// Replaces the model; returns the documents that differ.
fn replace_all(state: &mut State, new: Handbook) -> Touched {
    let old = mem::replace(&mut state.handbook, new);
    let mut old: HashMap<DocId, model::Document> = old
        .documents
        .into_iter()
        .map(|d| (d.id.clone(), d))
        .collect();
    let mut touched = Touched::new();
    for doc in &state.handbook.documents {
        match old.remove(&doc.id) {
            Some(was) if &was == doc => {}
            was => {
                touched.insert(doc.id.clone(), was);
            }
        }
    }
    touched.extend(old.into_iter().map(|(id, doc)| (id, Some(doc))));
    touched
}

/// Replaces the documents at positions `which`; returns those that differ.
fn replace_some(state: &mut State, which: &[usize], new: Vec<model::Document>) -> Touched {
    let mut touched = Touched::new();
    for (&d, doc) in which.iter().zip(new) {
        let was = mem::replace(&mut state.handbook.documents[d], doc);
        if was != state.handbook.documents[d] {
            touched.insert(was.id.clone(), Some(was));
        }
    }
    touched
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
    let (setup, handbook) = (&state.setup, &state.handbook);
    state
        .variants
        .par_iter_mut()
        .for_each(|model| convert_touched(setup, handbook, touched, model));
    state.pages = page_count(
        state.pages,
        &state.order,
        handbook,
        setup.variants.len(),
        touched,
    );
    let order = Order::new(handbook);
    let (roles, documents) = first_pages(touched, handbook, &state.order, &order);
    let removed = removed_pages(touched, handbook, &state.variants);
    let written = first_pass(state, (&roles, &documents), &removed)?;
    let first_pass = started.elapsed();
    if prompt {
        early(&state.summary(started));
    }
    let second_started = Instant::now();
    let late = second_pass(state, touched, order)?;
    let rebuilt = state.rebuilt(started, (written, late), Some(first_pass), prompt);
    Ok((rebuilt, second_started.elapsed()))
}

/// Positions of the role pages and document pages of the first pass: all of
/// them when a role moved to another document, since any page may link to it.
fn first_pages(
    touched: &Touched,
    new: &Handbook,
    old_order: &Order,
    order: &Order,
) -> (Vec<usize>, Vec<usize>) {
    if plan::roles_moved(old_order, order) {
        return (
            (0..order.keys.len()).collect(),
            (0..new.documents.len()).collect(),
        );
    }
    (
        plan::role_pages(touched, new, old_order, order),
        plan::document_pages(touched, new),
    )
}

/// Puts the touched documents, converted, into `model` in the new order.
fn convert_touched(setup: &Setup, new: &Handbook, touched: &Touched, model: &mut VariantModel) {
    let mut old: HashMap<DocId, model::Document> = mem::take(&mut model.handbook.documents)
        .into_iter()
        .map(|d| (d.id.clone(), d))
        .collect();
    model.handbook.documents = (new.documents.iter())
        .map(|doc| match old.remove(&doc.id) {
            Some(kept) if !touched.contains_key(&doc.id) => kept,
            _ => pipeline::convert_document(setup, doc, model.variant),
        })
        .collect();
}

/// The page count after an edit: one page per role and document per variant
/// came or went.
fn page_count(
    before: usize,
    old: &Order,
    new: &Handbook,
    variants: usize,
    touched: &Touched,
) -> usize {
    let old_docs = touched.values().flatten().count();
    let new_docs = (touched.keys())
        .filter(|id| new.documents.iter().any(|d| &d.id == *id))
        .count();
    let pages = before + (new.role_count() + new_docs) * variants;
    pages.saturating_sub((old.keys.len() + old_docs) * variants)
}

/// The pages of roles and documents that are gone, in every variant.
fn removed_pages(touched: &Touched, new: &Handbook, variants: &[VariantModel]) -> Vec<PathBuf> {
    let mut gone = Vec::new();
    for (id, old) in touched {
        let Some(old) = old else { continue };
        let now = new.documents.iter().find(|d| &d.id == id);
        if now.is_none() {
            gone.push(format!("{id}/index.html"));
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
    state: &State,
    (positions, documents): (&[usize], &[usize]),
    removed: &[PathBuf],
) -> Result<usize> {
    let pages = render(state, &state.related, &|pager| {
        let mut pages: Vec<Page> = (positions.par_iter())
            .map(|&i| pager.role_page(i))
            .collect::<Result<_>>()?;
        for &d in documents {
            pages.push(pager.document_page(d)?);
        }
        Ok(pages)
    })?;
    output::write_changed(&state.out_dir, &pages, removed)
}

/// Recomputes related roles if their inputs changed, and renders the role
/// pages whose related roles differ and the pages about the whole handbook.
fn second_pass(state: &mut State, touched: &Touched, order: Order) -> Result<usize> {
    let related = match plan::related_inputs_changed(touched, &state.handbook, &state.order, &order)
    {
        true => pipeline::related_roles(&state.handbook),
        false => state.related.clone(),
    };
    let positions = plan::related_pages(&state.related, &related, &state.order, &order);
    let pages = render(state, &related, &|pager| {
        let mut pages: Vec<Page> = (positions.par_iter())
            .map(|&i| pager.role_page(i))
            .collect::<Result<_>>()?;
        pages.extend(pager.site_pages()?);
        pages.push(pager.print_page()?);
        Ok(pages)
    })?;
    let indexes: Vec<Page> = state
        .variants
        .par_iter()
        .map(|m| m.search_index())
        .collect();
    let written = output::write_changed(&state.out_dir, &pages, &[])?
        + output::write_changed(&state.out_dir, &indexes, &[])?;
    state.related = related;
    state.order = order;
    Ok(written)
}

/// The pages `pick` renders in every variant, the variants in parallel.
fn render(
    state: &State,
    related: &Related,
    pick: &(dyn Fn(&Pager<'_>) -> Result<Vec<Page>> + Sync),
) -> Result<Vec<Page>> {
    let allow_raw_html = state.setup.config.allow_raw_html;
    let per_variant: Vec<Vec<Page>> = (state.variants.par_iter())
        .map(|model| {
            let ctx = model.context(&state.setup, related);
            let writer = HtmlWriter::new(&model.handbook, allow_raw_html);
            pick(&Pager::new(&ctx, &model.handbook, &writer))
        })
        .collect::<Result<_>>()?;
    Ok(per_variant.into_iter().flatten().collect())
}

impl State {
    fn summary(&self, started: Instant) -> BuildSummary {
        BuildSummary {
            documents: self.handbook.documents.len(),
            roles: self.handbook.role_count(),
            variants: self.variants.len(),
            pages: self.pages,
            output: self.out_dir.clone(),
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
        }
    }
}

//! `handbook pdf`: the whole handbook as one PDF per variant,
//! `output/handbook-<variant>.pdf`, printed from the variant's print page
//! (`<variant>/print.html`) by an installed headless Chromium.
//!
//! Chromium cannot fill in a table of contents' page numbers
//! (`target-counter()` is not supported), so the page is printed twice:
//!
//! 1. print, and read back on which page each document and role starts from
//!    the PDF's named destinations, which Chromium names by element id
//!    ([`outline::named_destinations`]);
//! 2. write those numbers into the contents' empty slots in the open page and
//!    print again; if a number moved anything, go round once more;
//! 3. write an outline of the contents and the documents with their roles
//!    (Chromium's own would have every heading), and write the file
//!    atomically.
//!
//! See docs/print.md.

mod browser;
pub use browser::file_url;
mod fonts;
pub mod info;
mod merge;
pub mod outline;
mod toc;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::config::Config;
use crate::pipeline::emit::{self, Emitter, Write};
use crate::pipeline::{self, BuildOptions, BuildSummary, Keep, Loaded, VariantModel};
use crate::render::{Page, Selection};
use crate::variant::Variant;

pub use browser::find_chromium;
pub use fonts::check_cjk_font;

/// The print page of a variant, relative to the variant's folder (written by
/// `render::print`).
pub const PRINT_PAGE: &str = "print.html";

/// How often a page is printed at most before its contents' page numbers
/// must have settled: the first print finds them, the second checks them.
const MAX_PRINTS: usize = 4;

/// What to print.
#[derive(Debug, Clone)]
pub struct PdfOptions {
    /// The site to build first; the PDFs go into its output folder.
    pub build: BuildOptions,
    /// The variants to print; empty means every published one.
    pub variants: Vec<Variant>,
    /// One document or role instead of the whole handbook, with signature
    /// blocks, for handing to an employee.
    pub selection: Option<Selection>,
}

/// One PDF written.
#[derive(Debug, Clone)]
pub struct PrintedPdf {
    pub variant: Variant,
    pub path: PathBuf,
    pub pages: usize,
    /// How many times Chromium printed the page.
    pub prints: usize,
    pub elapsed: Duration,
}

/// Why `handbook pdf` failed. The messages say how to fix it.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error(
        "no Chromium found (looked for chromium, chromium-browser, google-chrome on PATH); \
         `handbook pdf` prints with a headless Chromium: install one with \
         `apt-get install chromium`, or set $CHROME to a Chromium binary"
    )]
    NoChromium,
    #[error("$CHROME is set to {} but there is no such file", .0.display())]
    ChromeNotFound(PathBuf),
    #[error(
        "fc-list (fontconfig) not found, so the Chinese fonts cannot be checked: install it \
         with `apt-get install fontconfig`"
    )]
    NoFontconfig,
    #[error(
        "no Chinese font installed (`fc-list :lang=zh` lists none): Chromium would print every \
         Chinese character as an empty box; install one with `apt-get install fonts-noto-cjk`"
    )]
    NoCjkFont,
    #[error("`fc-list :lang=zh` failed: {0}")]
    Fontconfig(String),
    #[error("variant {0} is not published: add it to `variants` in handbook.yaml")]
    NotPublished(Variant),
    #[error(
        "there is no {0}: name a role by its file name without .md, a document by its folder name"
    )]
    NotFound(String),
    /// Building the site failed; its diagnostics say why.
    #[error(transparent)]
    Build(#[from] crate::error::Error),
    #[error("Chromium: {0}")]
    Browser(String),
    #[error("{}: cannot read the PDF Chromium printed: {message}", page.display())]
    Pdf { page: PathBuf, message: String },
    #[error("{}: {message}", page.display())]
    Outline { page: PathBuf, message: String },
    #[error("{}: the contents' page numbers did not settle after {MAX_PRINTS} prints", page.display())]
    Unsettled { page: PathBuf },
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// Builds the site and prints each variant's print page to
/// `<output>/handbook-<variant>.pdf`. Checks for Chromium and a Chinese font
/// first, so a machine without them fails before building anything.
pub fn print(options: &PdfOptions) -> Result<(BuildSummary, Vec<PrintedPdf>), PdfError> {
    let chromium = find_chromium()?;
    check_cjk_font()?;
    let printer = Printer {
        chromium,
        variants: chosen_variants(&options.build.root, &options.variants)?,
        selection: options.selection.clone(),
        printed: Mutex::new(Vec::new()),
    };
    let emitters = [emit::SITE, &[&printer]].concat();
    let built = pipeline::build_with(&options.build, &emitters, None, Keep::Nothing)
        .map_err(PdfError::of_build)?;
    let summary = built.summary();
    let mut printed = printer
        .printed
        .into_inner()
        .unwrap_or_else(PoisonError::into_inner);
    for pdf in &mut printed {
        pdf.path = summary.output.join(&pdf.path);
    }
    printed.sort_by_key(|pdf| pdf.variant);
    Ok((summary, printed))
}

/// Prints the chosen variants' print pages from the staged site.
struct Printer {
    chromium: PathBuf,
    variants: Vec<Variant>,
    selection: Option<Selection>,
    /// What was printed, with paths relative to the output.
    printed: Mutex<Vec<PrintedPdf>>,
}

impl Emitter for Printer {
    /// The selection's print page, in the variants to print.
    fn variant(
        &self,
        loaded: &Loaded,
        model: &VariantModel,
        write: &mut Write,
    ) -> Result<(), crate::error::Error> {
        let Some(selection) = &self.selection else {
            return Ok(());
        };
        if !selected(&loaded.handbook, selection) {
            return Err(PdfError::NotFound(described(selection)).into_build());
        }
        if !self.variants.contains(&model.variant) {
            return Ok(());
        }
        write(vec![emit::print_selection(loaded, model, selection)?])
    }

    fn after_pages(&self, loaded: &Loaded, site: &Path) -> Result<Vec<Page>, crate::error::Error> {
        let browser = browser::Chromium::launch(&self.chromium).map_err(PdfError::into_build)?;
        let meta = match &self.selection {
            Some(s) => info::Metadata::of_selection(&loaded.handbook, s),
            None => info::Metadata::of(&loaded.handbook),
        };
        let in_parts = self.selection.is_none()
            && loaded.handbook.role_count() > loaded.setup.config.print_page_limit;
        // One tab per variant, printing at the same time.
        let printed: Vec<Vec<(PrintedPdf, Vec<u8>)>> = (self.variants.par_iter())
            .map(|&v| {
                let convert = pipeline::text_converter(v, &loaded.setup.glossary);
                let meta = meta.map_text(&convert);
                match in_parts {
                    true => print_in_parts(&browser, site, v, loaded, (&meta, &convert)),
                    false => {
                        let what = Printed::new(v, self.selection.as_ref());
                        print_variant(&browser, site, &what, &meta).map(|p| vec![p])
                    }
                }
            })
            .collect::<Result<_, _>>()
            .map_err(PdfError::into_build)?;
        let printed = printed.concat();
        let mut pages = Vec::new();
        let mut done = self.printed.lock().unwrap_or_else(PoisonError::into_inner);
        for (pdf, content) in printed {
            pages.push(Page {
                path: pdf.path.clone(),
                content,
            });
            done.push(pdf);
        }
        Ok(pages)
    }
}

impl PdfError {
    /// This error as a build's, to come back out of the build unchanged
    /// ([`PdfError::of_build`]).
    fn into_build(self) -> crate::error::Error {
        crate::error::Error::Emit(Box::new(self))
    }

    /// A build's error: a printing error as it was, else the build's.
    fn of_build(e: crate::error::Error) -> PdfError {
        match e {
            crate::error::Error::Emit(e) => match e.downcast::<PdfError>() {
                Ok(pdf) => *pdf,
                Err(other) => PdfError::Browser(other.to_string()),
            },
            e => PdfError::Build(e),
        }
    }
}

/// The variants asked for, each checked to be published; all published ones
/// when none is asked for.
fn chosen_variants(root: &Path, asked: &[Variant]) -> Result<Vec<Variant>, PdfError> {
    let published = Config::load(root)?.published_variants();
    if asked.is_empty() {
        return Ok(published);
    }
    let mut chosen: Vec<Variant> = Vec::new();
    for &v in asked {
        if !published.contains(&v) {
            return Err(PdfError::NotPublished(v));
        }
        if !chosen.contains(&v) {
            chosen.push(v);
        }
    }
    Ok(chosen)
}

/// The file a variant's PDF is written to.
pub fn pdf_path(site: &Path, variant: Variant) -> PathBuf {
    site.join(pdf_name(variant))
}

fn pdf_name(variant: Variant) -> PathBuf {
    PathBuf::from(format!("handbook-{}.pdf", variant.dir()))
}

/// A large handbook's edition in parts (`print_page_limit`): a PDF per
/// document, `handbook-<variant>/<document>.pdf`, then all of them as one,
/// `handbook-<variant>.pdf`, with the documents' bookmarks joined.
fn print_in_parts(
    browser: &browser::Chromium,
    site: &Path,
    variant: Variant,
    loaded: &Loaded,
    (meta, convert): (&info::Metadata, &dyn Fn(&str) -> String),
) -> Result<Vec<(PrintedPdf, Vec<u8>)>, PdfError> {
    let started = Instant::now();
    let mut out = Vec::new();
    for doc in &loaded.handbook.documents {
        let part = Selection::Part(doc.id.to_string());
        let what = Printed {
            variant,
            page: PathBuf::from(variant.dir()).join(part.page()),
            pdf: PathBuf::from(format!("handbook-{}", variant.dir()))
                .join(format!("{}.pdf", doc.id)),
        };
        let part_meta = info::Metadata::of_selection(&loaded.handbook, &part).map_text(convert);
        out.push(print_variant(browser, site, &what, &part_meta)?);
    }
    let whole = pdf_name(variant);
    let failed = |message: String| PdfError::Pdf {
        page: site.join(&whole),
        message,
    };
    let parts = out.iter().map(|(_, bytes)| bytes.as_slice());
    let (mut merged, bookmarks) = merge::merge(parts).map_err(failed)?;
    let pages = merged.get_pages().len();
    info::set(&mut merged, meta);
    let bytes = outline::replace(&mut merged, &bookmarks).map_err(failed)?;
    let printed = PrintedPdf {
        variant,
        path: whole,
        pages,
        prints: out.iter().map(|(p, _)| p.prints).sum(),
        elapsed: started.elapsed(),
    };
    out.push((printed, bytes));
    Ok(out)
}

/// What one print makes: from which page, into which file.
struct Printed {
    variant: Variant,
    /// The print page, relative to the site.
    page: PathBuf,
    /// The PDF, relative to the site.
    pdf: PathBuf,
}

impl Printed {
    fn new(variant: Variant, selection: Option<&Selection>) -> Printed {
        let dir = PathBuf::from(variant.dir());
        match selection {
            None => Printed {
                variant,
                page: dir.join(PRINT_PAGE),
                pdf: pdf_name(variant),
            },
            Some(s) => Printed {
                variant,
                page: dir.join(s.page()),
                pdf: PathBuf::from(format!("{}-{}.pdf", selection_stem(s), variant.dir())),
            },
        }
    }
}

fn selection_stem(selection: &Selection) -> String {
    match selection {
        Selection::Role(id) => format!("role-{id}"),
        Selection::Document(id) | Selection::Part(id) => format!("document-{id}"),
    }
}

fn described(selection: &Selection) -> String {
    match selection {
        Selection::Role(id) => format!("role `{id}`"),
        Selection::Document(id) | Selection::Part(id) => format!("document `{id}`"),
    }
}

/// Whether the handbook has the selected role or document.
fn selected(handbook: &crate::model::Handbook, selection: &Selection) -> bool {
    match selection {
        Selection::Role(id) => handbook.roles().any(|(_, r)| r.id.as_str() == id),
        Selection::Document(id) | Selection::Part(id) => {
            handbook.documents.iter().any(|d| d.id.as_str() == id)
        }
    }
}

/// Prints `variant`'s print page in `site`: the PDF, named relative to the
/// site, and its bytes.
fn print_variant(
    browser: &browser::Chromium,
    site: &Path,
    what: &Printed,
    meta: &info::Metadata,
) -> Result<(PrintedPdf, Vec<u8>), PdfError> {
    let started = Instant::now();
    let variant = what.variant;
    let page_path = site.join(&what.page);
    let page = browser.open(&page_path)?;
    let headings = page.headings()?;
    let failed = |message: String| PdfError::Outline {
        page: page_path.clone(),
        message,
    };
    let mut filled: Option<BTreeMap<String, u32>> = None;
    for prints in 1..=MAX_PRINTS {
        let bytes = page.print()?;
        let mut doc = lopdf::Document::load_mem(&bytes).map_err(|e| PdfError::Pdf {
            page: page_path.clone(),
            message: e.to_string(),
        })?;
        let targets = outline::named_destinations(&doc).map_err(failed)?;
        let pages = toc::page_numbers(&headings, &targets).map_err(failed)?;
        if filled.as_ref() != Some(&pages) {
            page.fill_page_numbers(&pages)?;
            filled = Some(pages);
            continue;
        }
        let bookmarks = toc::bookmarks(&headings, &targets).map_err(failed)?;
        info::set(&mut doc, meta);
        let bytes = outline::replace(&mut doc, &bookmarks).map_err(failed)?;
        let printed = PrintedPdf {
            variant,
            path: what.pdf.clone(),
            pages: doc.get_pages().len(),
            prints,
            elapsed: started.elapsed(),
        };
        return Ok((printed, bytes));
    }
    Err(PdfError::Unsettled { page: page_path })
}

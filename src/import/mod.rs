//! `handbook import`: turns job descriptions (text files in any common
//! encoding, Word and Excel files) into `content/` files.
//!
//! The stages, each its own module: [`source`] reads the file into lines,
//! each knowing where in the file it came from; [`crate::text::clean`] repairs single
//! lines (pinyin annotations, stray spaces, garbled spans); [`split`] cuts run-on lines into
//! pieces and tells what each is; [`parse`] builds documents and roles;
//! [`infer`] fills in titles, superiors, organization and industry; [`write`]
//! converts the text to Simplified and writes the files. Every stage adds
//! what it did to the [`ImportReport`]. See docs/import.md.

mod existing;
pub(crate) mod history;
mod infer;
mod keywords;
pub mod labels;
mod parse;
mod report;
mod revisions;
pub mod source;
mod split;
mod write;

use std::path::{Path, PathBuf};

use crate::content::source::{read_regular, ReadError};
use crate::convert::{Converter, OpenccConfig};

use crate::text::clean;
pub use crate::text::clean::{remove_pinyin_annotations, UNREADABLE_MARK};
use crate::text::punctuation;
pub use report::{EntryKind, ImportReport, ReportEntry};
pub use split::split_run_on;
pub use write::role_slug;

use existing::Naming;
use parse::SourceLine;
use report::Notes;
pub use write::OutputFile;

/// Options for [`import_file`].
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// Overwrite files that already exist in the target folder.
    pub force: bool,
    /// Read text files in this encoding instead of the one detected.
    pub encoding: Option<&'static encoding_rs::Encoding>,
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: {source}")]
    Unreadable {
        path: PathBuf,
        #[source]
        source: source::SourceError,
    },
    #[error("{path}: not a regular file (a device, pipe or folder); import reads text files")]
    NotAFile { path: PathBuf },
    #[error("{path}: larger than {} MB; split the document and import the parts", MAX_INPUT >> 20)]
    TooLarge { path: PathBuf },
    #[error("{path}: is a symbolic link; import writes only inside --into and not through links")]
    Link { path: PathBuf },
    #[error("{path}: no text to import")]
    Empty { path: PathBuf },
    #[error("{path}: a folder with no file import reads (.txt, .docx, .xlsx, .csv)")]
    NothingIn { path: PathBuf },
    #[error("{path}: already exists; nothing was written (use --force to overwrite)")]
    Exists { path: PathBuf },
}

/// Imports the file `input` into the content folder `into`.
pub fn import_file(
    input: &Path,
    into: &Path,
    options: &ImportOptions,
) -> Result<ImportReport, ImportError> {
    if input.is_dir() {
        let path = input.to_path_buf();
        return Err(ImportError::NotAFile { path });
    }
    let mut reports = import_files(&[input.to_path_buf()], into, options)?;
    Ok(reports.remove(0))
}

/// Imports the files and folders `inputs` (a folder: every file in it and
/// below that import reads, in name order) into the content folder `into`,
/// as one handbook: each document gets a folder number of its own and
/// every role an id no other role of the handbook has. Every file is read
/// and planned before anything is written, so a file that cannot be read
/// writes nothing. One report per file.
pub fn import_files(
    inputs: &[PathBuf],
    into: &Path,
    options: &ImportOptions,
) -> Result<Vec<ImportReport>, ImportError> {
    let paths = expand(inputs)?;
    let names: Vec<String> = paths.iter().map(|p| file_name(p)).collect();
    let mut naming = Naming::scan(into, &names);
    let converter = Converter::new(OpenccConfig::T2s);
    let convert = |s: &str| converter.convert(s);
    let mut planned = Vec::new();
    for (path, name) in paths.iter().zip(&names) {
        let source = read_input(path, options.encoding)?;
        let label = path.file_stem().map_or_else(
            || "document".to_string(),
            |s| s.to_string_lossy().into_owned(),
        );
        let marks: Vec<source::Mark> = source.lines.iter().map(|l| l.mark.clone()).collect();
        let text = source_text(&source);
        let (files, mut report) = plan((&text, &marks), (name, &label), &convert, &mut naming);
        if report.documents == 0 {
            return Err(ImportError::Empty { path: path.clone() });
        }
        report.source = path.clone();
        report.format = source.format.to_string();
        report.places = source.lines.into_iter().map(|l| l.place).collect();
        planned.push((files, report));
    }
    let all: Vec<OutputFile> = planned
        .iter()
        .flat_map(|(f, _)| f.iter().cloned())
        .collect();
    write::check_targets(into, &all, options.force)?;
    let stale = naming.stale(&all.iter().map(|f| f.path.clone()).collect::<Vec<_>>());
    let mut reports = Vec::new();
    for (files, mut report) in planned {
        report.written = write::write_files(into, &files, options.force)?;
        reports.push(report);
    }
    let removed = write::remove_files(into, &stale)?;
    if let Some(last) = reports.last_mut() {
        last.removed = removed;
    }
    Ok(reports)
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
}

/// The files that folder inputs hold and import reads: text, Word, Excel
/// and CSV files, not hidden ones nor Word's lock files (`~$…`), in name order.
fn expand(inputs: &[PathBuf]) -> Result<Vec<PathBuf>, ImportError> {
    const READ: [&str; 6] = ["txt", "text", "docx", "xlsx", "xlsm", "csv"];
    let mut paths = Vec::new();
    for input in inputs {
        if !input.is_dir() {
            paths.push(input.clone());
            continue;
        }
        let mut found: Vec<PathBuf> = walkdir::WalkDir::new(input)
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| e.into_path())
            .filter(|p| {
                let name = file_name(p);
                let extension = p.extension().map(|e| e.to_string_lossy().to_lowercase());
                !name.starts_with('.')
                    && !name.starts_with("~$")
                    && extension.is_some_and(|e| READ.contains(&e.as_str()))
            })
            .collect();
        if found.is_empty() {
            return Err(ImportError::NothingIn {
                path: input.clone(),
            });
        }
        paths.append(&mut found);
    }
    Ok(paths)
}

/// The lines of a source as one text; line `n` of it is `source.lines[n - 1]`.
fn source_text(source: &source::Source) -> String {
    let lines: Vec<&str> = source.lines.iter().map(|l| l.text.as_str()).collect();
    lines.join("\n")
}

/// Imports text without touching the disk: the files an import would write
/// (paths relative to the content folder) and the report. The conversion to
/// Simplified is the same as [`import_file`]'s.
pub fn import_text(text: &str) -> (Vec<OutputFile>, ImportReport) {
    let converter = Converter::new(OpenccConfig::T2s);
    let mut naming = Naming::default();
    plan(
        (text, &[]),
        ("document", "document"),
        &|s: &str| converter.convert(s),
        &mut naming,
    )
}

/// The largest file import reads, counted in bytes read, not the size the
/// file system reports (which a device or a growing file can get wrong).
const MAX_INPUT: u64 = 64 << 20;

/// Reads the input: a text file in its encoding, with every line ending
/// (CR LF, a lone CR from old Mac or Excel exports) ending a line; a Word or
/// Excel file as its paragraphs and cells.
fn read_input(
    input: &Path,
    encoding: Option<&'static encoding_rs::Encoding>,
) -> Result<source::Source, ImportError> {
    let path = input.to_path_buf();
    let bytes = read_regular(input, MAX_INPUT).map_err(|e| match e {
        ReadError::NotAFile => ImportError::NotAFile { path: path.clone() },
        ReadError::TooLarge => ImportError::TooLarge { path: path.clone() },
        ReadError::Io(source) => ImportError::Io {
            path: path.clone(),
            source,
        },
    })?;
    let name = input
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    source::read(&name, &bytes, encoding).map_err(|source| ImportError::Unreadable { path, source })
}

/// Everything but the writing: the files to write and the report, for the
/// file named `file`.
fn plan(
    (text, marks): (&str, &[source::Mark]),
    (file, fallback_label): (&str, &str),
    convert: &dyn Fn(&str) -> String,
    naming: &mut Naming,
) -> (Vec<OutputFile>, ImportReport) {
    let mut report = ImportReport {
        lines: text.lines().count(),
        ..ImportReport::default()
    };
    let mut notes = Notes::default();
    // What is written is in the handbook's script with full-width
    // punctuation after Chinese text; the marks made full-width are counted
    // for the report.
    let punctuation = std::cell::Cell::new(0);
    let written = |text: &str| {
        let (text, count) = punctuation::full_width(&convert(text));
        punctuation.set(punctuation.get() + count);
        text
    };
    let lines = clean_lines(text, marks, &mut report, &mut notes);
    let mut docs = parse::parse(&lines, fallback_label, &mut notes);
    let mut files = Vec::new();
    for (k, doc) in docs.iter_mut().enumerate() {
        if doc.roles.is_empty() {
            notes.add(
                EntryKind::Dubious,
                doc.line,
                format!(
                    "{}: no role found; everything in it was written as the department's duties",
                    doc.label
                ),
            );
        }
        revisions::tidy(doc, &mut notes);
        infer::infer_roles(doc, &mut notes);
        parse::check_numbering(doc, &mut notes);
        let profile = infer::profile(doc, &mut notes);
        let doc_id = naming.folder(file, k + 1, &write::document_slug(&profile));
        let ids: Vec<String> = (doc.roles.iter())
            .map(|role| {
                let title = written(&role.display_title());
                naming.role_ids.claim(&title, role.line, &mut notes)
            })
            .collect();
        let origin = existing::origin_comment(file, k + 1);
        files.extend(write::render_document(
            doc,
            (&doc_id, &origin),
            &profile,
            &ids,
            &written,
        ));
    }
    report.documents = docs.len();
    report.roles = docs.iter().map(|d| d.roles.len()).sum();
    report.untitled = (docs.iter().flat_map(|d| &d.roles))
        .filter(|r| {
            r.title
                .as_ref()
                .is_some_and(|t| t.value == infer::UNNAMED_ROLE)
        })
        .count();
    report.unclassified = (docs.iter().flat_map(|d| &d.roles))
        .map(|r| r.unclassified.len())
        .sum();
    report.entries = notes.into_entries(convert);
    report.punctuation = punctuation.get();
    (files, report)
}

/// A table of contents: a `目录` line and the entries after it, each ending
/// in its page number (`第一节 店长……3`, `店长 3`). Returns the line
/// numbers (from 1) it spans.
fn table_of_contents(raw: &[&str]) -> Option<std::ops::RangeInclusive<usize>> {
    let start = raw.iter().position(|line| {
        let bare: String = line.chars().filter(|c| !c.is_whitespace()).collect();
        matches!(bare.as_str(), "目录" | "目錄" | "目次")
    })?;
    let is_entry = |line: &str| {
        let line = line.trim_end();
        let ends_in_page = line.chars().last().is_some_and(|c| c.is_ascii_digit());
        let body = line.trim_end_matches(|c: char| c.is_ascii_digit() || c.is_whitespace());
        let leader = body.ends_with(['.', '…', '·', '-', '—']) || line.len() > body.len() + 1;
        ends_in_page && leader && !body.trim().is_empty()
    };
    let entries = raw[start + 1..]
        .iter()
        .take_while(|line| line.trim().is_empty() || is_entry(line))
        .count();
    (entries > 0).then(|| start + 1..=start + 1 + entries)
}

/// Cleans every line, noting what was repaired; drops empty lines and a
/// table of contents.
fn clean_lines(
    text: &str,
    marks: &[source::Mark],
    report: &mut ImportReport,
    notes: &mut Notes,
) -> Vec<SourceLine> {
    let raw: Vec<&str> = text.lines().collect();
    let contents = table_of_contents(&raw);
    if let Some(range) = &contents {
        notes.add(
            EntryKind::Skipped,
            *range.start(),
            format!(
                "left out the table of contents (目录), lines {}–{}: it is not content",
                range.start(),
                range.end()
            ),
        );
    }
    let instructions: Vec<usize> = (0..raw.len())
        .filter(|&i| marks.get(i).is_some_and(|m| m.instructions))
        .collect();
    if let (Some(first), Some(last)) = (instructions.first(), instructions.last()) {
        notes.add(
            EntryKind::Skipped,
            first + 1,
            format!(
                "left out the instructions for filling in the form (填表说明), lines {}–{}: they are not content",
                first + 1,
                last + 1
            ),
        );
    }
    let mut lines = Vec::new();
    let kept = (raw.iter().enumerate())
        .filter(|(i, _)| !contents.as_ref().is_some_and(|r| r.contains(&(i + 1))))
        .filter(|(i, _)| !instructions.contains(i));
    let fields = kept.flat_map(|(i, raw)| {
        labels::split_fields(raw)
            .into_iter()
            .map(move |part| (i, part))
    });
    for (i, raw) in fields {
        let number = i + 1;
        let line = clean::clean_line(&raw);
        for annotation in &line.annotations {
            *report
                .pinyin_distinct
                .entry(annotation.clone())
                .or_default() += 1;
            report.pinyin_annotations += 1;
        }
        for spaces in &line.stray_spaces {
            notes.add(
                EntryKind::Repaired,
                number,
                format!("removed a stray space between characters: `{spaces}`"),
            );
        }
        for span in &line.unreadable {
            notes.add_verbatim(
                EntryKind::Unreadable,
                number,
                format!(
                    "`{span}` cannot be read (garbled encoding?); wrote {UNREADABLE_MARK} in its place: `{}`",
                    parse::shorten(&line.text)
                ),
            );
        }
        for c in &line.uncommon {
            notes.add_verbatim(
                EntryKind::Dubious,
                number,
                format!(
                    "uncommon character `{c}` (U+{:04X}) kept; check it against the original",
                    u32::from(*c)
                ),
            );
        }
        if !line.text.is_empty() {
            let mut mark = marks.get(i).cloned().unwrap_or_default();
            // A line split into fields starts a document once.
            if lines
                .last()
                .is_some_and(|l: &SourceLine| l.number == number)
            {
                mark.document = None;
            }
            lines.push(SourceLine {
                number,
                text: line.text,
                mark,
            });
        }
    }
    lines
}

//! `handbook import`: turns raw job-description text (shaped like the seed) into
//! `content/` files.
//!
//! The stages, each its own module: [`crate::text::clean`] repairs single
//! lines (pinyin annotations, stray spaces, garbled spans); [`split`] cuts run-on lines into
//! pieces and tells what each is; [`parse`] builds documents and roles;
//! [`infer`] fills in titles, superiors, organization and industry; [`write`]
//! converts the text to Simplified and writes the files. Every stage adds
//! what it did to the [`ImportReport`]. See docs/import.md.

mod infer;
mod keywords;
mod parse;
mod report;
mod split;
mod write;

use std::path::{Path, PathBuf};

use crate::content::source::{read_regular, ReadError};
use crate::convert::{Converter, OpenccConfig};

use crate::text::clean;
pub use crate::text::clean::{remove_pinyin_annotations, UNREADABLE_MARK};
pub use report::{EntryKind, ImportReport, ReportEntry};
pub use split::split_run_on;
pub use write::role_slug;

use parse::SourceLine;
use report::Notes;
pub use write::OutputFile;
use write::RoleIds;

/// Options for [`import_file`].
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// Overwrite files that already exist in the target folder.
    pub force: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}:{line}: not valid UTF-8{}", likely.map(|e| format!(" (it looks like {e}); save it as UTF-8 and import again")).unwrap_or_default())]
    NotUtf8 {
        path: PathBuf,
        line: usize,
        /// The encoding the bytes most likely are in.
        likely: Option<&'static str>,
    },
    #[error("{path}: not a regular file (a device, pipe or folder); import reads text files")]
    NotAFile { path: PathBuf },
    #[error("{path}: larger than {} MB; split the document and import the parts", MAX_INPUT >> 20)]
    TooLarge { path: PathBuf },
    #[error("{path}: is a symbolic link; import writes only inside --into and not through links")]
    Link { path: PathBuf },
    #[error("{path}: no text to import")]
    Empty { path: PathBuf },
    #[error("{path}: already exists; nothing was written (use --force to overwrite)")]
    Exists { path: PathBuf },
}

/// Imports `input` into the content folder `into`.
pub fn import_file(
    input: &Path,
    into: &Path,
    options: &ImportOptions,
) -> Result<ImportReport, ImportError> {
    let text = read_input(input)?;
    let converter = Converter::new(OpenccConfig::T2s);
    let convert = |s: &str| converter.convert(s);
    let fallback_label = input.file_stem().map_or_else(
        || "document".to_string(),
        |s| s.to_string_lossy().into_owned(),
    );
    let (files, mut report) = plan(&text, &fallback_label, &convert);
    if report.documents == 0 {
        return Err(ImportError::Empty {
            path: input.to_path_buf(),
        });
    }
    report.source = input.to_path_buf();
    report.written = write::write_files(into, &files, options.force)?;
    Ok(report)
}

/// Imports text without touching the disk: the files an import would write
/// (paths relative to the content folder) and the report. The conversion to
/// Simplified is the same as [`import_file`]'s.
pub fn import_text(text: &str) -> (Vec<OutputFile>, ImportReport) {
    let converter = Converter::new(OpenccConfig::T2s);
    plan(text, "document", &|s: &str| converter.convert(s))
}

/// The largest file import reads, counted in bytes read, not the size the
/// file system reports (which a device or a growing file can get wrong).
const MAX_INPUT: u64 = 64 << 20;

/// Reads the input as UTF-8, without a byte-order mark, with every line
/// ending (CR LF, a lone CR from old Mac or Excel exports) made LF.
fn read_input(input: &Path) -> Result<String, ImportError> {
    let io = |source| ImportError::Io {
        path: input.to_path_buf(),
        source,
    };
    let path = input.to_path_buf();
    let bytes = read_regular(input, MAX_INPUT).map_err(|e| match e {
        ReadError::NotAFile => ImportError::NotAFile { path },
        ReadError::TooLarge => ImportError::TooLarge { path },
        ReadError::Io(e) => io(e),
    })?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        ImportError::NotUtf8 {
            path: input.to_path_buf(),
            line: valid.iter().filter(|&&b| b == b'\n').count() + 1,
            likely: likely_encoding(e.as_bytes()),
        }
    })?;
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(&text);
    Ok(text.replace("\r\n", "\n").replace('\r', "\n"))
}

/// The encoding bytes that are not UTF-8 are most likely in: a UTF-16
/// byte-order mark, else chardetng's guess (GBK, Big5, …).
fn likely_encoding(bytes: &[u8]) -> Option<&'static str> {
    match bytes {
        [0xFF, 0xFE, ..] => return Some("UTF-16LE"),
        [0xFE, 0xFF, ..] => return Some("UTF-16BE"),
        _ => {}
    }
    use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guess = detector.guess(Some(b"cn"), Utf8Detection::Deny);
    (guess != encoding_rs::UTF_8).then(|| guess.name())
}

/// Everything but the writing: the files to write and the report.
fn plan(
    text: &str,
    fallback_label: &str,
    convert: &dyn Fn(&str) -> String,
) -> (Vec<OutputFile>, ImportReport) {
    let mut report = ImportReport {
        lines: text.lines().count(),
        ..ImportReport::default()
    };
    let mut notes = Notes::default();
    let lines = clean_lines(text, &mut report, &mut notes);
    let mut docs = parse::parse(&lines, fallback_label, &mut notes);
    let mut files = Vec::new();
    let mut role_ids = RoleIds::default();
    for (k, doc) in docs.iter_mut().enumerate() {
        infer::infer_roles(doc, &mut notes);
        parse::check_numbering(doc, &mut notes);
        let profile = infer::profile(doc, &mut notes);
        let doc_id = write::document_id(k + 1, &profile);
        let ids: Vec<String> = doc
            .roles
            .iter()
            .map(|role| role_ids.claim(&convert(&role.display_title()), role.line, &mut notes))
            .collect();
        files.extend(write::render_document(
            doc, &doc_id, &profile, &ids, convert,
        ));
    }
    report.documents = docs.len();
    report.roles = docs.iter().map(|d| d.roles.len()).sum();
    report.entries = notes.into_entries(convert);
    (files, report)
}

/// Cleans every line, noting what was repaired; drops empty lines.
fn clean_lines(text: &str, report: &mut ImportReport, notes: &mut Notes) -> Vec<SourceLine> {
    let mut lines = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let number = i + 1;
        let line = clean::clean_line(raw);
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
            lines.push(SourceLine {
                number,
                text: line.text,
            });
        }
    }
    lines
}

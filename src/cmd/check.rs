//! `handbook check`: errors and lint warnings, as text or JSON; the exit
//! code says which were found.

use std::path::Path;
use std::process::ExitCode;

use handbook::diagnostics::Reader;

use super::{error_text, stderr_color};

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum CheckFormat {
    Text,
    Json,
}

pub fn run(root: &Path, format: CheckFormat, strict: bool, fix: bool, reader: Reader) -> ExitCode {
    if fix {
        if let Err(message) = fix_punctuation(root, reader) {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    }
    let report = match handbook::pipeline::check(root) {
        Ok(report) => report,
        Err(e) => {
            eprintln!("{}", error_text(&e, root, reader));
            return ExitCode::from(2);
        }
    };
    let all: Vec<_> = report
        .errors
        .iter()
        .chain(&report.warnings)
        .cloned()
        .collect();
    match format {
        CheckFormat::Json => print!("{}", handbook::diagnostics::to_json(&all, root, reader)),
        CheckFormat::Text => {
            let all = handbook::diagnostics::render_for(&all, root, stderr_color(), reader);
            eprint!("{all}");
            let (errors, warnings) = (report.errors.len(), report.warnings.len());
            eprintln!(
                "{}",
                reader.say(
                    format!("{errors} error(s), {warnings} warning(s)"),
                    format!("{errors} 个错误，{warnings} 个警告")
                )
            );
        }
    }
    if !report.errors.is_empty() {
        ExitCode::from(2)
    } else if strict && !report.warnings.is_empty() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Makes half-width punctuation after Chinese text full-width in every
/// content file that has some, each file replaced whole (a new file renamed
/// over the old, with its permissions, byte-order mark and line endings), and
/// says what changed.
fn fix_punctuation(root: &Path, reader: Reader) -> Result<(), String> {
    let raw = handbook::content::load(root).map_err(|e| error_text(&e, root, reader))?;
    let fixes = handbook::check::punctuation_fixes(&raw);
    let total: usize = fixes.iter().map(|(_, _, n)| n).sum();
    let mut fixed = (0, 0);
    for (path, text, count) in &fixes {
        let shown = path.strip_prefix(root).unwrap_or(path).display();
        let read_only = std::fs::metadata(path).is_ok_and(|m| m.permissions().readonly());
        if read_only {
            eprintln!(
                "{}",
                reader.say(
                    format!(
                        "left {shown} as it is: the file is read-only ({count} mark(s) to fix)"
                    ),
                    format!("没有改动 {shown}：文件是只读的（有 {count} 个标点要改）")
                )
            );
            continue;
        }
        rewrite(path, text).map_err(|e| {
            let error = handbook::error::Error::io(path, e);
            super::plain_error(&error, reader)
        })?;
        eprintln!(
            "{}",
            reader.say(
                format!("fixed {count} half-width punctuation mark(s) in {shown}"),
                format!("已把 {shown} 中的 {count} 个半角标点改为全角")
            )
        );
        fixed = (fixed.0 + count, fixed.1 + 1);
    }
    let (marks, files) = fixed;
    eprintln!(
        "{}",
        reader.say(
            format!("fixed {marks} of {total} mark(s), in {files} file(s)"),
            format!("共改了 {total} 个标点中的 {marks} 个，涉及 {files} 个文件")
        )
    );
    Ok(())
}

/// Writes `text` (as handbook read the file: LF, no byte-order mark) over
/// `path`, keeping the file's own line endings and byte-order mark.
fn rewrite(path: &Path, text: &str) -> std::io::Result<()> {
    let old = std::fs::read(path)?;
    let bom = old.starts_with(b"\xEF\xBB\xBF");
    let crlf = old.windows(2).any(|w| w == b"\r\n");
    let mut bytes = Vec::with_capacity(text.len() + 3);
    if bom {
        bytes.extend_from_slice(b"\xEF\xBB\xBF");
    }
    match crlf {
        true => bytes.extend_from_slice(text.replace('\n', "\r\n").as_bytes()),
        false => bytes.extend_from_slice(text.as_bytes()),
    }
    handbook::output::replace_file(path, &bytes)
}

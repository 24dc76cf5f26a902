//! `handbook import`: job descriptions (text, Word, Excel) into content
//! files, with a report per file. Exit code 0: imported; 1: nothing written
//! (an error); 3: written, but a role was left without a title or text
//! matched no field (`--allow-partial` makes that 0).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use handbook::import::{import_files, source::text, ImportOptions};

/// The exit code of an import that wrote a role without a title, or text
/// that matched no field.
const PARTIAL: u8 = 3;

pub struct Options {
    pub force: bool,
    pub encoding: Option<String>,
    pub allow_partial: bool,
}

pub fn run(inputs: &[PathBuf], into: &Path, options: &Options) -> ExitCode {
    match import(inputs, into, options) {
        Ok((0, 0)) => ExitCode::SUCCESS,
        Ok(_) if options.allow_partial => ExitCode::SUCCESS,
        Ok((untitled, unclassified)) => {
            if untitled > 0 {
                eprintln!(
                    "import: {untitled} role(s) have no title and were written as {}; \
                     name them in their files (handbook check lists them), or pass --allow-partial",
                    handbook::lint::UNTITLED_ROLE
                );
            }
            if unclassified > 0 {
                eprintln!(
                    "import: {unclassified} line(s) of text matched no field and were kept in a role's duties \
                     (the report lists them as unclassified); check them, or pass --allow-partial"
                );
            }
            ExitCode::from(PARTIAL)
        }
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

/// Imports and prints the reports; returns how many roles have no title
/// and how many lines matched no field.
fn import(inputs: &[PathBuf], into: &Path, options: &Options) -> Result<(usize, usize), String> {
    let encoding = match options.encoding.as_deref() {
        Some(name) => Some(text::encoding_named(name).ok_or_else(|| {
            format!(
                "error: --encoding {name}: not an encoding import knows; use one of {}",
                text::NAMED.join(", ")
            )
        })?),
        None => None,
    };
    let library = ImportOptions {
        force: options.force,
        encoding,
    };
    let reports = import_files(inputs, into, &library).map_err(|e| format!("error: {e}"))?;
    for report in &reports {
        print!("{report}");
    }
    let untitled = reports.iter().map(|r| r.untitled).sum();
    let unclassified = reports.iter().map(|r| r.unclassified).sum();
    Ok((untitled, unclassified))
}

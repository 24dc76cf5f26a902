//! `handbook import`: job descriptions (text, Word, Excel) into content
//! files, with a report per file. Exit code 0: imported; 1: nothing written
//! (an error); 3: written, but a role was left without a title
//! (`--allow-partial` makes that 0).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use handbook::import::{import_files, source::text, ImportOptions};

/// The exit code of an import that wrote a role without a title.
const PARTIAL: u8 = 3;

pub struct Options {
    pub force: bool,
    pub encoding: Option<String>,
    pub allow_partial: bool,
}

pub fn run(inputs: &[PathBuf], into: &Path, options: &Options) -> ExitCode {
    match import(inputs, into, options) {
        Ok(untitled) if untitled > 0 && !options.allow_partial => {
            eprintln!(
                "import: {untitled} role(s) have no title and were written as {}; \
                 name them in their files (handbook check lists them), or pass --allow-partial",
                handbook::lint::UNTITLED_ROLE
            );
            ExitCode::from(PARTIAL)
        }
        Ok(_) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

/// Imports and prints the reports; returns how many roles have no title.
fn import(inputs: &[PathBuf], into: &Path, options: &Options) -> Result<usize, String> {
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
    Ok(reports.iter().map(|r| r.untitled).sum())
}

//! `handbook import`: job descriptions (text, Word, Excel) into content
//! files, with a report per file.

use std::path::{Path, PathBuf};

use handbook::import::{import_files, source::text, ImportOptions};

pub fn run(
    inputs: &[PathBuf],
    into: &Path,
    force: bool,
    encoding: Option<&str>,
) -> Result<(), String> {
    let encoding = match encoding {
        Some(name) => Some(text::encoding_named(name).ok_or_else(|| {
            format!(
                "error: --encoding {name}: not an encoding import knows; use one of {}",
                text::NAMED.join(", ")
            )
        })?),
        None => None,
    };
    let options = ImportOptions { force, encoding };
    let reports = import_files(inputs, into, &options).map_err(|e| format!("error: {e}"))?;
    for report in reports {
        print!("{report}");
    }
    Ok(())
}

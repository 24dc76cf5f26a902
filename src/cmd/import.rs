//! `handbook import`: raw documents into content files, with the report.

use std::path::Path;

use handbook::import::{import_file, ImportOptions};

pub fn run(file: &Path, into: &Path, force: bool) -> Result<(), String> {
    let report =
        import_file(file, into, &ImportOptions { force }).map_err(|e| format!("error: {e}"))?;
    print!("{report}");
    Ok(())
}

//! `handbook import`: turns raw job-description text (shaped like the seed) into
//! `content/` files.

use std::fmt;
use std::path::{Path, PathBuf};

/// Options for [`import_file`].
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// Overwrite files that already exist in the target folder.
    pub force: bool,
}

/// What the import did, inferred, and could not read.
#[derive(Debug, Clone, Default)]
pub struct ImportReport {
    pub documents: usize,
    pub roles: usize,
    pub written: Vec<PathBuf>,
}

impl fmt::Display for ImportReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "imported {} documents, {} roles",
            self.documents, self.roles
        )
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// Imports `input` into the content folder `into`.
pub fn import_file(
    input: &Path,
    into: &Path,
    _options: &ImportOptions,
) -> Result<ImportReport, ImportError> {
    let _ = (input, into);
    Ok(ImportReport::default())
}

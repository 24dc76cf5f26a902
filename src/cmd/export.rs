//! `handbook export`: the model as JSON or CSV, never over a source file.

use std::io::Write;
use std::path::{Path, PathBuf};

use handbook::export::{Export, Format};
use handbook::variant::Variant;

use handbook::diagnostics::Reader;

use super::error_text;

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum ExportFormat {
    Json,
    Csv,
}

pub fn run(
    root: &Path,
    format: ExportFormat,
    variant: Variant,
    output: Option<PathBuf>,
    reader: Reader,
) -> Result<(), String> {
    let format = match format {
        ExportFormat::Json => Format::Json,
        ExportFormat::Csv => Format::Csv,
    };
    let files = handbook::pipeline::emit_in_memory(root, &[variant], &[&Export { format }])
        .map_err(|e| error_text(&e, root, reader))?;
    let text: Vec<u8> = files.into_iter().flat_map(|file| file.content).collect();
    match output {
        Some(path) => {
            let source = handbook::output::guard::source_of(root, &path)
                .map_err(|e| format!("error: {}: {e}", path.display()))?;
            if let Some(source) = source {
                return Err(format!(
                    "error: --output `{}` is in the handbook's sources (`{source}`); export writes elsewhere\n  hint: name a file outside content/, themes/ and templates/, e.g. handbook.csv",
                    path.display()
                ));
            }
            std::fs::write(&path, text).map_err(|e| format!("error: {}: {e}", path.display()))
        }
        None => std::io::stdout()
            .write_all(&text)
            .map_err(|e| format!("error: {e}")),
    }
}

//! `handbook export`: the model as JSON or CSV, never over a source file.

use std::io::Write;
use std::path::{Path, PathBuf};

use handbook::convert::glossary::Glossary;
use handbook::variant::Variant;

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
) -> Result<(), String> {
    let (_, source) = handbook::pipeline::load(root).map_err(|e| error_text(&e, root))?;
    let glossary = Glossary::load(root).map_err(|e| error_text(&e, root))?;
    let handbook = source.map_text(&handbook::pipeline::text_converter(variant, &glossary));
    let text = match format {
        ExportFormat::Json => handbook::export::to_json(&handbook),
        ExportFormat::Csv => {
            handbook::export::to_csv(&handbook).map_err(|e| format!("error: {e}"))?
        }
    };
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
            .write_all(text.as_bytes())
            .map_err(|e| format!("error: {e}")),
    }
}

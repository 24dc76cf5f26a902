//! `handbook convert`: text into a variant's script, or through an OpenCC
//! config exactly.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use handbook::convert::glossary::Glossary;
use handbook::convert::{Converter, OpenccConfig};
use handbook::variant::Variant;

use super::error_text;

/// `--to` a variant converts from Simplified with the handbook's glossary
/// (when run in a handbook); an OpenCC config name converts exactly as OpenCC.
pub fn run(root: &Path, to: &str, file: Option<PathBuf>) -> Result<(), String> {
    let text = read_text(file.as_deref())?;
    let converted = match to.parse::<Variant>() {
        Ok(variant) => {
            let reader = handbook::diagnostics::Reader::english();
            let glossary = Glossary::load(root).map_err(|e| error_text(&e, root, reader))?;
            handbook::pipeline::text_converter(variant, &glossary)(&text)
        }
        Err(_) => {
            let config = to
                .parse::<OpenccConfig>()
                .map_err(|e| format!("error: {e}"))?;
            Converter::new(config).convert(&text)
        }
    };
    std::io::stdout()
        .write_all(converted.as_bytes())
        .map_err(|e| format!("error: {e}"))
}

/// A file's text, or standard input's.
fn read_text(file: Option<&Path>) -> Result<String, String> {
    match file {
        Some(path) => {
            std::fs::read_to_string(path).map_err(|e| format!("error: {}: {e}", path.display()))
        }
        None => {
            let mut text = String::new();
            std::io::stdin()
                .read_to_string(&mut text)
                .map_err(|e| format!("error: standard input: {e}"))?;
            Ok(text)
        }
    }
}

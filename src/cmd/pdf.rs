//! `handbook pdf`: the print page of each variant as a PDF, or one role's
//! or document's with signature blocks.

use handbook::diagnostics::Reader;
use handbook::pdf::{PdfError, PdfOptions};
use handbook::pipeline::BuildOptions;
use handbook::render::Selection;
use handbook::variant::Variant;

use super::failure_text;

pub fn run(
    build: BuildOptions,
    variants: &[Variant],
    selection: Option<Selection>,
    reader: Reader,
) -> Result<(), String> {
    let root = build.root.clone();
    let options = PdfOptions {
        build,
        variants: variants.to_vec(),
        selection,
    };
    match handbook::pdf::print(&options) {
        Ok((_, printed)) => {
            for pdf in printed {
                println!(
                    "wrote {} ({} pages, {} ms)",
                    pdf.path.display(),
                    pdf.pages,
                    pdf.elapsed.as_millis()
                );
            }
            Ok(())
        }
        Err(PdfError::Build(e)) => {
            let outcome = reader.say("no PDF was written", "没有写出 PDF");
            Err(failure_text(&e, &root, &outcome, reader))
        }
        Err(e) => Err(format!("error: {e}")),
    }
}

//! `handbook pdf`: the print page of each variant as a PDF.

use handbook::pdf::{PdfError, PdfOptions};
use handbook::pipeline::BuildOptions;
use handbook::variant::Variant;

pub fn run(build: BuildOptions, variants: &[Variant], color: bool) -> Result<(), String> {
    let root = build.root.clone();
    let options = PdfOptions {
        build,
        variants: variants.to_vec(),
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
        Err(PdfError::Build(e)) if !e.diagnostics().is_empty() => Err(format!(
            "{}build failed: {} error(s); no PDF was written",
            handbook::diagnostics::render(e.diagnostics(), &root, color),
            e.diagnostics().len()
        )),
        Err(e) => Err(format!("error: {e}")),
    }
}

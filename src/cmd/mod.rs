//! One file per command: each turns the command line's arguments into a call
//! of the library and shows its result. Only these files and `main.rs`
//! print.

pub mod build;
pub mod check;
pub mod convert;
pub mod export;
pub mod generate;
pub mod import;
pub mod new;
pub mod pdf;
pub mod serve;

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use handbook::pipeline::{BuildOptions, BuildSummary};

/// Where a command writes the site.
#[derive(clap::Args)]
pub struct OutputArgs {
    /// Write the site here instead of handbook.yaml's output_dir.
    #[arg(long)]
    output: Option<PathBuf>,
    /// Replace an existing output folder that handbook did not write, and
    /// everything in it.
    #[arg(long)]
    force: bool,
}

impl OutputArgs {
    pub fn options(self, root: &Path) -> BuildOptions {
        BuildOptions {
            root: root.to_path_buf(),
            output: self.output,
            force: self.force,
        }
    }
}

pub fn stderr_color() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none()
}

pub fn summary_line(summary: &BuildSummary) -> String {
    format!(
        "built {} documents, {} roles in {} variants: {} pages in {} ({} ms)",
        summary.documents,
        summary.roles,
        summary.variants,
        summary.pages,
        summary.output.display(),
        summary.elapsed.as_millis()
    )
}

/// Content errors are shown with their source lines; others get a prefix.
pub fn error_text(e: &handbook::error::Error, root: &Path) -> String {
    failure_text(e, root, "the output folder was not changed")
}

/// [`error_text`], saying what the failure left as it was (`outcome`).
pub fn failure_text(e: &handbook::error::Error, root: &Path, outcome: &str) -> String {
    let diagnostics = e.diagnostics();
    if diagnostics.is_empty() {
        return format!("error: {e}");
    }
    format!(
        "{}build failed: {} error(s); {outcome}",
        handbook::diagnostics::render(diagnostics, root, stderr_color()),
        diagnostics.len()
    )
}

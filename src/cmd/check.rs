//! `handbook check`: errors and lint warnings, as text or JSON; the exit
//! code says which were found.

use std::path::Path;
use std::process::ExitCode;

use super::{error_text, stderr_color};

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum CheckFormat {
    Text,
    Json,
}

pub fn run(root: &Path, format: CheckFormat, strict: bool) -> ExitCode {
    let report = match handbook::pipeline::check(root) {
        Ok(report) => report,
        Err(e) => {
            eprintln!("{}", error_text(&e, root));
            return ExitCode::from(2);
        }
    };
    let all: Vec<_> = report
        .errors
        .iter()
        .chain(&report.warnings)
        .cloned()
        .collect();
    match format {
        CheckFormat::Json => print!("{}", handbook::diagnostics::to_json(&all, root)),
        CheckFormat::Text => {
            eprint!(
                "{}",
                handbook::diagnostics::render(&all, root, stderr_color())
            );
            eprintln!(
                "{} error(s), {} warning(s)",
                report.errors.len(),
                report.warnings.len()
            );
        }
    }
    if !report.errors.is_empty() {
        ExitCode::from(2)
    } else if strict && !report.warnings.is_empty() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

//! `handbook serve`: the preview server, reporting on the terminal.

use std::io::Write;
use std::path::PathBuf;

use super::{error_text, summary_line, OutputArgs};

struct TerminalReporter {
    root: PathBuf,
}

impl handbook::serve::Reporter for TerminalReporter {
    fn serving(&self, url: &str) {
        println!("serving at {url} (Ctrl+C to stop)");
        let _ = std::io::stdout().flush();
    }

    fn built(&self, summary: &handbook::pipeline::BuildSummary) {
        println!("{}", summary_line(summary));
        let _ = std::io::stdout().flush();
    }

    fn failed(&self, error: &handbook::error::Error) {
        eprintln!("{}", error_text(error, &self.root));
    }
}

pub fn run(
    root: PathBuf,
    (port, bind, full): (u16, std::net::IpAddr, bool),
    output: OutputArgs,
) -> Result<(), String> {
    let options = handbook::serve::ServeOptions {
        build: output.options(&root),
        bind,
        port,
        full,
    };
    handbook::serve::serve(&options, std::sync::Arc::new(TerminalReporter { root }))
        .map_err(|e| format!("error: {e}"))
}

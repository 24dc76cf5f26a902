//! The `handbook` command line.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use handbook::convert::{Config as ConvertConfig, Converter};
use handbook::import::{import_file, ImportOptions};
use handbook::pipeline::{build, BuildOptions};
use handbook::variant::Variant;

#[derive(Parser)]
#[command(
    name = "handbook",
    version,
    about = "Builds a job-description handbook from Markdown and YAML"
)]
struct Cli {
    /// The folder holding handbook.yaml.
    #[arg(long, global = true, default_value = ".")]
    root: PathBuf,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into output/ (or --output).
    Build {
        /// Write the site here instead of handbook.yaml's output_dir.
        #[arg(long)]
        output: Option<PathBuf>,
    },
    /// Turn a raw text document (several 第N篇 documents) into content/ files.
    Import {
        /// The text file to import.
        file: PathBuf,
        /// The content folder to write into.
        #[arg(long, default_value = "content")]
        into: PathBuf,
        /// Overwrite files that already exist.
        #[arg(long)]
        force: bool,
    },
    /// Convert text between Simplified and Traditional Chinese.
    Convert {
        /// A variant (zh-Hans, zh-Hant, zh-TW, zh-HK) or an OpenCC config name (s2twp, t2s, …).
        #[arg(long)]
        to: String,
        /// The file to convert; standard input when absent.
        file: Option<PathBuf>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Build { output } => run_build(cli.root, output),
        Command::Import { file, into, force } => run_import(&file, &into, force),
        Command::Convert { to, file } => run_convert(&to, file),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

fn run_build(root: PathBuf, output: Option<PathBuf>) -> Result<(), String> {
    let summary = build(&BuildOptions { root, output }).map_err(error_text)?;
    println!(
        "built {} documents, {} roles in {} variants: {} pages in {} ({} ms)",
        summary.documents,
        summary.roles,
        summary.variants,
        summary.pages,
        summary.output.display(),
        summary.elapsed.as_millis()
    );
    Ok(())
}

fn run_import(file: &std::path::Path, into: &std::path::Path, force: bool) -> Result<(), String> {
    let report =
        import_file(file, into, &ImportOptions { force }).map_err(|e| format!("error: {e}"))?;
    print!("{report}");
    Ok(())
}

fn run_convert(to: &str, file: Option<PathBuf>) -> Result<(), String> {
    let config = match to.parse::<Variant>() {
        Ok(v) => v.from_simplified(),
        Err(_) => Some(
            to.parse::<ConvertConfig>()
                .map_err(|e| format!("error: {e}"))?,
        ),
    };
    let mut text = String::new();
    match &file {
        Some(path) => {
            text = std::fs::read_to_string(path)
                .map_err(|e| format!("error: {}: {e}", path.display()))?
        }
        None => {
            std::io::stdin()
                .read_to_string(&mut text)
                .map_err(|e| format!("error: standard input: {e}"))?;
        }
    }
    let converted = match config {
        Some(c) => Converter::new(c).convert(&text),
        None => text,
    };
    std::io::stdout()
        .write_all(converted.as_bytes())
        .map_err(|e| format!("error: {e}"))
}

/// Content errors already read `file:line: error: …`; others get a prefix.
fn error_text(e: handbook::error::Error) -> String {
    if e.diagnostics().is_empty() {
        format!("error: {e}")
    } else {
        format!(
            "{e}\nbuild failed: {} error(s); output was not changed",
            e.diagnostics().len()
        )
    }
}

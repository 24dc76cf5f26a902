//! The `handbook` command line.

use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use clap::{Parser, Subcommand};

use handbook::convert::glossary::Glossary;
use handbook::convert::{Config as ConvertConfig, Converter};
use handbook::import::{import_file, ImportOptions};
use handbook::output::Progress;
use handbook::pipeline::BuildOptions;
use handbook::variant::Variant;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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

/// Where a command writes the site.
#[derive(clap::Args)]
struct OutputArgs {
    /// Write the site here instead of handbook.yaml's output_dir.
    #[arg(long)]
    output: Option<PathBuf>,
    /// Replace an existing output folder that handbook did not write, and
    /// everything in it.
    #[arg(long)]
    force: bool,
}

impl OutputArgs {
    fn options(self, root: &Path) -> BuildOptions {
        BuildOptions {
            root: root.to_path_buf(),
            output: self.output,
            force: self.force,
        }
    }
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into output/ (or --output).
    Build {
        #[command(flatten)]
        output: OutputArgs,
    },
    /// Build, serve the site on localhost, and rebuild and reload the browser
    /// on every change. Broken edits show as an error; the last good site stays.
    Serve {
        /// The port to listen on (0 picks a free one).
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// The address to listen on. Only loopback unless you say otherwise.
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Rebuild the whole handbook after every change, not only what the
        /// change affects.
        #[arg(long)]
        full: bool,
        #[command(flatten)]
        output: OutputArgs,
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
    /// Validate everything the build validates and run the content lints,
    /// writing nothing. Exit code 0: clean; 1: warnings with --strict; 2: errors.
    Check {
        #[arg(long, value_enum, default_value = "text")]
        format: CheckFormat,
        /// Exit with 1 when there are warnings.
        #[arg(long)]
        strict: bool,
    },
    /// Start a document (`new 06-hr`) or a role (`new 06-hr/ren-shi-zhu-guan`)
    /// with every field and a comment explaining it.
    New {
        /// `<document>` or `<document>/<role-id>`.
        target: String,
        /// The title to put in the new file.
        #[arg(long)]
        title: Option<String>,
    },
    /// Write the validated handbook as JSON or CSV for other systems.
    Export {
        #[arg(long, value_enum, default_value = "json")]
        format: ExportFormat,
        /// The script to export in (default: the source script).
        #[arg(long, default_value = "zh-Hans")]
        variant: Variant,
        /// Write to this file instead of standard output.
        #[arg(long)]
        output: Option<PathBuf>,
    },
    /// Build the site, then print the whole handbook to
    /// output/handbook-<variant>.pdf with an installed headless Chromium.
    Pdf {
        /// Print this variant only (repeatable; default: every published one).
        #[arg(long)]
        variant: Vec<Variant>,
        #[command(flatten)]
        output: OutputArgs,
    },
    /// Write a synthetic handbook of N roles for benchmarks (docs/benchmarks.md).
    #[command(hide = true)]
    Generate {
        #[arg(long)]
        roles: usize,
        /// A new folder: handbook.yaml and content/ are written there (the
        /// handbook builds with the built-in default theme).
        #[arg(long)]
        out: PathBuf,
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

#[derive(Clone, Copy, clap::ValueEnum)]
enum CheckFormat {
    Text,
    Json,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum ExportFormat {
    Json,
    Csv,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Command::Check { format, strict } = cli.command {
        return run_check(&cli.root, format, strict);
    }
    let result = match cli.command {
        Command::Build { output } => run_build(cli.root, output),
        Command::Import { file, into, force } => run_import(&file, &into, force),
        Command::Convert { to, file } => run_convert(&cli.root, &to, file),
        Command::Generate { roles, out } => {
            handbook::generate::run_cli(&out, roles).map(|done| println!("{done}"))
        }
        Command::Pdf { variant, output } => {
            handbook::pdf::run_cli(output.options(&cli.root), &variant, stderr_color())
        }
        Command::Check { .. } => Ok(()),
        Command::Serve {
            port,
            bind,
            full,
            output,
        } => run_serve(cli.root, (port, bind, full), output),
        Command::New { target, title } => run_new(&cli.root, &target, title.as_deref()),
        Command::Export {
            format,
            variant,
            output,
        } => run_export(&cli.root, format, variant, output),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

fn run_build(root: PathBuf, output: OutputArgs) -> Result<(), String> {
    let options = output.options(&root);
    let progress = Arc::new(Progress::default());
    let bar = ProgressDisplay::start(progress.clone());
    let result = handbook::pipeline::build_reporting(&options, Some(progress));
    bar.stop();
    let summary = result.map_err(|e| error_text(&e, &root))?;
    println!("{}", summary_line(&summary));
    Ok(())
}

/// A progress bar on the terminal for builds that take more than a second;
/// nothing when standard error is not a terminal.
struct ProgressDisplay {
    finished: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl ProgressDisplay {
    fn start(progress: Arc<Progress>) -> ProgressDisplay {
        let finished = Arc::new(AtomicBool::new(false));
        let thread = std::io::stderr().is_terminal().then(|| {
            let finished = finished.clone();
            std::thread::spawn(move || show_progress(&progress, &finished))
        });
        ProgressDisplay { finished, thread }
    }

    fn stop(mut self) {
        self.finished.store(true, Ordering::Relaxed);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn show_progress(progress: &Progress, finished: &AtomicBool) {
    let started = Instant::now();
    let tick = Duration::from_millis(100);
    while started.elapsed() < Duration::from_secs(1) {
        if finished.load(Ordering::Relaxed) {
            return;
        }
        std::thread::sleep(tick);
    }
    let bar = indicatif::ProgressBar::new(0);
    let style = indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} pages ({elapsed})");
    if let Ok(style) = style {
        bar.set_style(style);
    }
    while !finished.load(Ordering::Relaxed) {
        let (done, total) = progress.get();
        bar.set_length(total as u64);
        bar.set_position(done as u64);
        std::thread::sleep(tick);
    }
    bar.finish_and_clear();
}

fn summary_line(summary: &handbook::pipeline::BuildSummary) -> String {
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

fn run_import(file: &std::path::Path, into: &std::path::Path, force: bool) -> Result<(), String> {
    let report =
        import_file(file, into, &ImportOptions { force }).map_err(|e| format!("error: {e}"))?;
    print!("{report}");
    Ok(())
}

fn run_check(root: &Path, format: CheckFormat, strict: bool) -> ExitCode {
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

fn stderr_color() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none()
}

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

fn run_serve(
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

fn run_new(root: &Path, target: &str, title: Option<&str>) -> Result<(), String> {
    let paths = handbook::scaffold::new(root, target, title).map_err(|e| format!("error: {e}"))?;
    for path in paths {
        println!("created {}", path.display());
    }
    Ok(())
}

fn run_export(
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

/// `--to` a variant converts from Simplified with the handbook's glossary
/// (when run in a handbook); an OpenCC config name converts exactly as OpenCC.
fn run_convert(root: &Path, to: &str, file: Option<PathBuf>) -> Result<(), String> {
    let text = read_text(file.as_deref())?;
    let converted = match to.parse::<Variant>() {
        Ok(variant) => {
            let glossary = Glossary::load(root).map_err(|e| error_text(&e, root))?;
            handbook::pipeline::text_converter(variant, &glossary)(&text)
        }
        Err(_) => {
            let config = to
                .parse::<ConvertConfig>()
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

/// Content errors are shown with their source lines; others get a prefix.
fn error_text(e: &handbook::error::Error, root: &Path) -> String {
    let diagnostics = e.diagnostics();
    if diagnostics.is_empty() {
        return format!("error: {e}");
    }
    let color = stderr_color();
    format!(
        "{}build failed: {} error(s); the output folder was not changed",
        handbook::diagnostics::render(diagnostics, root, color),
        diagnostics.len()
    )
}

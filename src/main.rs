//! The `handbook` command line.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use handbook::render::Selection;
use handbook::variant::Variant;

mod cmd;

use cmd::check::CheckFormat;
use cmd::export::ExportFormat;
use cmd::OutputArgs;

#[cfg(not(feature = "system-allocator"))]
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
    /// The language of messages: zh (Chinese in the handbook's source
    /// script, the default), zh-Hans, zh-Hant, zh-TW, zh-HK, or en.
    #[arg(long, global = true, value_enum, env = "HANDBOOK_LANG")]
    lang: Option<cmd::Lang>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into output/ (or --output).
    Build {
        #[command(flatten)]
        output: OutputArgs,
        /// Compare with an earlier build (its output folder, or the
        /// handbook.json in it): a changes page, and changed role pages
        /// marked.
        #[arg(long, value_name = "FOLDER")]
        compare_to: Option<PathBuf>,
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
        /// The files to import (text in any common encoding, Word .docx,
        /// Excel .xlsx), or folders of them.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Read text files in this encoding (GB18030, GBK, Big5, UTF-16LE,
        /// UTF-16BE, UTF-8) instead of the one detected.
        #[arg(long)]
        encoding: Option<String>,
        /// Exit with 0 although a role was left without a title (exit code 3
        /// otherwise; the files are written either way).
        #[arg(long)]
        allow_partial: bool,
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
        /// First make half-width punctuation after Chinese text full-width
        /// (，；：？！) in the content files, then check.
        #[arg(long)]
        fix: bool,
    },
    /// Start a document (`new 06-hr`) or a role (`new 06-hr/ren-shi-zhu-guan`)
    /// with every field and a comment explaining it.
    #[command(group(clap::ArgGroup::new("what").required(true).args(["target", "theme"])))]
    New {
        /// `<document>` or `<document>/<role-id>`.
        target: Option<String>,
        /// The title to put in the new file.
        #[arg(long, requires = "target")]
        title: Option<String>,
        /// Copy the built-in theme to themes/NAME, to change it there.
        #[arg(long, value_name = "NAME", conflicts_with = "target")]
        theme: Option<String>,
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
        /// Print only this role (its file name without .md), with a
        /// signature block, for handing to the employee.
        #[arg(long, value_name = "ID", conflicts_with = "document")]
        role: Option<String>,
        /// Print only this document (its folder name), each role with a
        /// signature block.
        #[arg(long, value_name = "ID")]
        document: Option<String>,
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

fn main() -> ExitCode {
    let cli = Cli::parse();
    let reader = cmd::reader(cli.lang, &cli.root);
    if let Command::Check {
        format,
        strict,
        fix,
    } = cli.command
    {
        return cmd::check::run(&cli.root, format, strict, fix, reader);
    }
    if let Command::Import {
        files,
        into,
        force,
        encoding,
        allow_partial,
    } = cli.command
    {
        let options = cmd::import::Options {
            force,
            encoding,
            allow_partial,
        };
        return cmd::import::run(&files, &into, &options);
    }
    let result = match cli.command {
        Command::Build { output, compare_to } => {
            cmd::build::run(cli.root, output, compare_to, reader)
        }
        Command::Import { .. } => Ok(()),
        Command::Convert { to, file } => cmd::convert::run(&cli.root, &to, file),
        Command::Generate { roles, out } => cmd::generate::run(&out, roles),
        Command::Pdf {
            variant,
            role,
            document,
            output,
        } => {
            let selection = (role.map(Selection::Role)).or(document.map(Selection::Document));
            cmd::pdf::run(output.options(&cli.root), &variant, selection, reader)
        }
        Command::Check { .. } => Ok(()),
        Command::Serve {
            port,
            bind,
            full,
            output,
        } => cmd::serve::run(cli.root, (port, bind, full), output, reader),
        Command::New {
            target,
            title,
            theme,
        } => match theme {
            Some(name) => cmd::new::theme(&cli.root, &name),
            None => cmd::new::run(&cli.root, target.as_deref().unwrap_or(""), title.as_deref()),
        },
        Command::Export {
            format,
            variant,
            output,
        } => cmd::export::run(&cli.root, format, variant, output, reader),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

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

use handbook::convert::Converter;
use handbook::diagnostics::Reader;
use handbook::pipeline::{BuildOptions, BuildSummary};
use handbook::variant::Variant;

/// The language of messages (`--lang`, or `HANDBOOK_LANG`).
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum Lang {
    /// Chinese, in the handbook's source script (the default).
    Zh,
    #[value(name = "zh-Hans")]
    ZhHans,
    #[value(name = "zh-Hant")]
    ZhHant,
    #[value(name = "zh-TW")]
    ZhTw,
    #[value(name = "zh-HK")]
    ZhHk,
    En,
}

/// Who reads this run's messages: `lang`, or Chinese in the script of the
/// handbook at `root` (its `source_script`; Simplified when there is no
/// readable handbook.yaml).
pub fn reader(lang: Option<Lang>, root: &Path) -> Reader<'static> {
    let variant = match lang {
        Some(Lang::En) => return Reader::english(),
        Some(Lang::ZhHans) => Variant::Hans,
        Some(Lang::ZhHant) => Variant::Hant,
        Some(Lang::ZhTw) => Variant::Tw,
        Some(Lang::ZhHk) => Variant::Hk,
        Some(Lang::Zh) | None => {
            handbook::config::Config::load(root).map_or(Variant::Hans, |c| c.source_script)
        }
    };
    Reader::chinese(script(variant))
}

/// Turns Simplified messages into `variant`'s script, for the life of the
/// program (one converter a run).
fn script(variant: Variant) -> &'static (dyn Fn(&str) -> String + Sync) {
    match Converter::for_variant(variant) {
        Some(converter) => Box::leak(Box::new(move |text: &str| converter.convert(text))),
        None => &|text: &str| text.to_string(),
    }
}

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
            compare_to: None,
        }
    }
}

pub fn stderr_color() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none()
}

pub fn summary_line(summary: &BuildSummary, reader: Reader) -> String {
    let (documents, roles, variants, pages) = (
        summary.documents,
        summary.roles,
        summary.variants,
        summary.pages,
    );
    let (output, ms) = (summary.output.display(), summary.elapsed.as_millis());
    reader.say(
        format!("built {documents} documents, {roles} roles in {variants} variants: {pages} pages in {output} ({ms} ms)"),
        format!("已构建 {documents} 个文件、{roles} 个岗位，{variants} 种文字版本，共 {pages} 个页面，写入 {output}（{ms} 毫秒）"),
    )
}

/// Content errors are shown with their source lines; others get a prefix.
pub fn error_text(e: &handbook::error::Error, root: &Path, reader: Reader) -> String {
    let outcome = reader.say("the output folder was not changed", "输出文件夹没有改动");
    failure_text(e, root, &outcome, reader)
}

/// [`error_text`], saying what the failure left as it was (`outcome`).
pub fn failure_text(
    e: &handbook::error::Error,
    root: &Path,
    outcome: &str,
    reader: Reader,
) -> String {
    let diagnostics = e.diagnostics();
    if diagnostics.is_empty() {
        return plain_error(e, reader);
    }
    let n = diagnostics.len();
    format!(
        "{}{}",
        handbook::diagnostics::render_for(diagnostics, root, stderr_color(), reader),
        reader.say(
            format!("build failed: {n} error(s); {outcome}"),
            format!("构建失败：{n} 个错误；{outcome}")
        )
    )
}

/// An error that is not about the content: a file that cannot be read or
/// written, the output folder, a theme's template, a PDF.
pub fn plain_error(e: &handbook::error::Error, reader: Reader) -> String {
    use handbook::error::Error;
    let zh = match e {
        Error::Io { path, source } => format!(
            "错误：{}：{}（{source}）",
            path.display(),
            io_problem(source.kind())
        ),
        Error::Output {
            setting,
            path,
            message,
            hint,
        } => format!(
            "错误：输出文件夹（{setting}）“{}”{}\n  提示：{}",
            path.display(),
            message.zh,
            hint.zh
        ),
        Error::Template(message) => format!("错误：主题的模板有问题：{message}"),
        Error::Emit(error) => format!("错误：{error}"),
        Error::Invalid(_) => format!("错误：{e}"),
    };
    reader.say(format!("error: {e}"), zh)
}

/// What an operating system error means, in Chinese.
fn io_problem(kind: std::io::ErrorKind) -> &'static str {
    use std::io::ErrorKind::*;
    match kind {
        NotFound => "找不到这个文件或文件夹",
        PermissionDenied => "没有权限读写",
        AlreadyExists => "已经存在",
        StorageFull => "磁盘已满",
        ReadOnlyFilesystem => "所在的磁盘是只读的",
        IsADirectory => "这是一个文件夹，不是文件",
        NotADirectory => "路径中有一部分是文件，不是文件夹",
        InvalidData => "内容无法读取",
        _ => "无法读写",
    }
}

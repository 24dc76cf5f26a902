//! `handbook serve`: the preview server, reporting on the terminal.

use std::io::Write;
use std::path::PathBuf;

use handbook::diagnostics::Reader;

use super::{error_text, summary_line, OutputArgs};

struct TerminalReporter {
    root: PathBuf,
    reader: Reader<'static>,
}

impl handbook::serve::Reporter for TerminalReporter {
    fn serving(&self, url: &str) {
        let line = self.reader.say(
            format!("serving at {url} (Ctrl+C to stop)"),
            format!("预览地址：{url}（按 Ctrl+C 停止）"),
        );
        println!("{line}");
        let _ = std::io::stdout().flush();
    }

    fn built(&self, summary: &handbook::pipeline::BuildSummary) {
        println!("{}", summary_line(summary, self.reader));
        let _ = std::io::stdout().flush();
    }

    fn failed(&self, error: &handbook::error::Error) {
        eprintln!("{}", error_text(error, &self.root, self.reader));
    }

    fn describe(&self, error: &handbook::error::Error, _root: &std::path::Path) -> String {
        let heading = self.reader.say(
            "handbook: the last edit has an error; showing the last good version.",
            "handbook：最近一次修改有错误，这里显示的是上一个没有错误的版本。",
        );
        let diagnostics = error.diagnostics();
        let body = match diagnostics.is_empty() {
            true => super::plain_error(error, self.reader),
            false => handbook::diagnostics::render_for(diagnostics, &self.root, false, self.reader),
        };
        format!("{heading}\n\n{body}")
    }
}

pub fn run(
    root: PathBuf,
    (port, bind, full): (u16, std::net::IpAddr, bool),
    output: OutputArgs,
    reader: Reader<'static>,
) -> Result<(), String> {
    let options = handbook::serve::ServeOptions {
        build: output.options(&root),
        bind,
        port,
        full,
    };
    let reporter = TerminalReporter { root, reader };
    handbook::serve::serve(&options, std::sync::Arc::new(reporter)).map_err(|e| {
        reader.say(
            format!("error: {e}"),
            format!("错误：预览服务无法启动（{e}）"),
        )
    })
}

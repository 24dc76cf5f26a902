//! Showing diagnostics to people: the offending source line with a marker and
//! the hint, in colour on a terminal and plain when piped, in English or in
//! Chinese ([`Reader`]).

use std::collections::HashMap;
use std::fmt::Write;
use std::path::{Path, PathBuf};

use codespan_reporting::diagnostic::{Diagnostic as Report, Label, Severity as ReportSeverity};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{self, termcolor::Buffer};

use crate::error::{Diagnostic, Severity, Text};

/// Who reads the messages: someone reading English, or Chinese in a script
/// (`script` turns the Simplified text into it; the edge of the program
/// makes it, since converting is a later stage than this one).
#[derive(Clone, Copy)]
pub struct Reader<'a> {
    script: Option<&'a (dyn Fn(&str) -> String + Sync)>,
}

impl<'a> Reader<'a> {
    pub fn english() -> Reader<'static> {
        Reader { script: None }
    }

    /// Chinese, through `script` (the identity for Simplified).
    pub fn chinese(script: &'a (dyn Fn(&str) -> String + Sync)) -> Reader<'a> {
        Reader {
            script: Some(script),
        }
    }

    pub fn is_chinese(&self) -> bool {
        self.script.is_some()
    }

    /// `text` in the reader's language and script.
    pub fn text(&self, text: &Text) -> String {
        match self.script {
            Some(script) => script(&text.zh),
            None => text.en.clone(),
        }
    }

    /// One of two wordings, for the program's own lines.
    pub fn say(&self, en: impl Into<String>, zh: impl Into<String>) -> String {
        self.text(&Text::new(en, zh))
    }
}

/// Renders diagnostics with source snippets, for `reader`. Paths are shown
/// relative to `base` when they are inside it.
pub fn render_for(diagnostics: &[Diagnostic], base: &Path, color: bool, reader: Reader) -> String {
    if !reader.is_chinese() {
        return render(diagnostics, base, color);
    }
    // Each file read once, however many problems it has.
    let mut sources: HashMap<PathBuf, Option<String>> = HashMap::new();
    let mut out = String::new();
    for d in diagnostics {
        let source = sources
            .entry(d.location.file.clone())
            .or_insert_with(|| read_text(&d.location.file));
        out.push_str(&chinese(d, source.as_deref(), base, reader));
    }
    out
}

/// A file's text as diagnostics show it (LF line ends); `None` if unreadable.
fn read_text(path: &Path) -> Option<String> {
    let bytes = crate::content::source::read_bytes(path).ok()?;
    Some(String::from_utf8_lossy(&bytes).replace("\r\n", "\n"))
}

/// One diagnostic in Chinese: codespan's headings (`error`, `hint`) are
/// English only, so this lays out the same parts itself.
fn chinese(d: &Diagnostic, source: Option<&str>, base: &Path, reader: Reader) -> String {
    let mut out = String::new();
    let kind = match d.severity {
        Severity::Error => "错误",
        Severity::Warning => "警告",
    };
    let code = d.code.map_or(String::new(), |c| format!("[{c}]"));
    let _ = writeln!(
        out,
        "{}",
        reader.text(&Text::new("", format!("{kind}{code}：{}", d.message.zh)))
    );
    let mut place = shown_path(&d.location.file, base);
    if d.location.line > 0 {
        place.push_str(&format!(" 第 {} 行", d.location.line));
    }
    if let Some(field) = &d.field {
        place.push_str(&format!("，字段“{field}”"));
        if let Some(label) = crate::error::field_label(field) {
            place.push_str(&format!("（{label}）"));
        }
    }
    let _ = writeln!(out, "  --> {}", reader.text(&Text::new("", place)));
    if let Some(line) = source.and_then(|s| source_line(s, d)) {
        let number = d.location.line.to_string();
        let pad = " ".repeat(number.len());
        let _ = writeln!(out, "{pad} |\n{number} | {}", line.text);
        let _ = writeln!(
            out,
            "{pad} | {}{}",
            " ".repeat(line.marker_start),
            "^".repeat(line.marker_len.max(1))
        );
    }
    if let Some(hint) = &d.hint {
        let _ = writeln!(
            out,
            "  = {}",
            reader.text(&Text::new("", format!("提示：{}", hint.zh)))
        );
    }
    out.push('\n');
    out
}

/// The source line of a diagnostic and where its marker goes, in display
/// columns (a Chinese character is two wide).
struct Shown {
    text: String,
    marker_start: usize,
    marker_len: usize,
}

fn source_line(source: &str, d: &Diagnostic) -> Option<Shown> {
    let range = span(source, d)?;
    let line_start = source[..range.start].rfind('\n').map_or(0, |i| i + 1);
    let text = source[line_start..]
        .lines()
        .next()
        .unwrap_or("")
        .to_string();
    let before = source.get(line_start..range.start)?;
    let marked = source.get(range.clone())?;
    Some(Shown {
        marker_start: width(before),
        marker_len: width(marked.lines().next().unwrap_or("")),
        text,
    })
}

fn width(text: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(text)
}

/// Renders diagnostics with source snippets, in English. Paths are shown
/// relative to `base` when they are inside it.
pub fn render(diagnostics: &[Diagnostic], base: &Path, color: bool) -> String {
    let mut files = SimpleFiles::new();
    let mut ids: HashMap<PathBuf, Option<usize>> = HashMap::new();
    let config = term::Config::default();
    let mut buffer = if color {
        Buffer::ansi()
    } else {
        Buffer::no_color()
    };
    for d in diagnostics {
        let file = *ids.entry(d.location.file.clone()).or_insert_with(|| {
            let text = read_text(&d.location.file)?;
            Some(files.add(shown_path(&d.location.file, base), text))
        });
        let report = to_report(d, file, &files, base);
        if term::emit_to_write_style(&mut buffer, &config, &files, &report).is_err() {
            buffer_plain(&mut buffer, d);
        }
    }
    String::from_utf8_lossy(buffer.as_slice()).into_owned()
}

fn to_report(
    d: &Diagnostic,
    file: Option<usize>,
    files: &SimpleFiles<String, String>,
    base: &Path,
) -> Report<usize> {
    let severity = match d.severity {
        Severity::Error => ReportSeverity::Error,
        Severity::Warning => ReportSeverity::Warning,
    };
    let mut report = Report::new(severity).with_message(&d.message.en);
    if let Some(code) = d.code {
        report = report.with_code(code);
    }
    let mut notes = Vec::new();
    let span = file.and_then(|id| Some((id, span(files.get(id).ok()?.source(), d)?)));
    match span {
        Some((id, range)) => {
            let label = d
                .field
                .as_ref()
                .map_or(String::new(), |f| format!("in `{f}`"));
            report = report.with_labels(vec![Label::primary(id, range).with_message(label)]);
        }
        None => notes.push(format!("in {}", shown_location(d, base))),
    }
    if let Some(hint) = &d.hint {
        notes.push(format!("hint: {}", hint.en));
    }
    report.with_notes(notes)
}

/// The byte range to mark: from the column to the end of the line, or the
/// whole line's text when the column is unknown.
fn span(source: &str, d: &Diagnostic) -> Option<std::ops::Range<usize>> {
    let line = d.location.line.checked_sub(1)?;
    let start = source
        .split_inclusive('\n')
        .take(line)
        .map(str::len)
        .sum::<usize>();
    let text = source.get(start..)?.lines().next().unwrap_or("");
    let indent = text.len() - text.trim_start().len();
    let column = d.location.column.saturating_sub(1);
    let offset = text.char_indices().nth(column).map_or(indent, |(i, _)| {
        if d.location.column == 0 {
            indent
        } else {
            i
        }
    });
    let end = match d.location.len {
        0 => text
            .trim_end()
            .len()
            .max(offset + 1)
            .min(text.len().max(offset)),
        len => text[offset..]
            .char_indices()
            .nth(len)
            .map_or(text.len(), |(i, _)| offset + i),
    };
    Some(start + offset..start + end)
}

fn shown_path(path: &Path, base: &Path) -> String {
    path.strip_prefix(base)
        .unwrap_or(path)
        .display()
        .to_string()
}

fn shown_location(d: &Diagnostic, base: &Path) -> String {
    let mut place = shown_path(&d.location.file, base);
    if d.location.line > 0 {
        place.push_str(&format!(":{}", d.location.line));
    }
    place
}

fn buffer_plain(buffer: &mut Buffer, d: &Diagnostic) {
    use std::io::Write;
    let _ = writeln!(buffer, "{d}");
}

/// One diagnostic for tools (`handbook check --format json`).
#[derive(serde::Serialize)]
struct JsonDiagnostic<'a> {
    severity: &'static str,
    code: Option<&'static str>,
    file: String,
    line: usize,
    column: usize,
    field: Option<&'a str>,
    message: String,
    hint: Option<String>,
}

/// Diagnostics as a JSON array, paths relative to `base`, messages for
/// `reader`.
pub fn to_json(diagnostics: &[Diagnostic], base: &Path, reader: Reader) -> String {
    let list: Vec<JsonDiagnostic> = diagnostics
        .iter()
        .map(|d| JsonDiagnostic {
            severity: d.severity.as_str(),
            code: d.code,
            file: shown_path(&d.location.file, base),
            line: d.location.line,
            column: d.location.column,
            field: d.field.as_deref(),
            message: reader.text(&d.message),
            hint: d.hint.as_ref().map(|h| reader.text(h)),
        })
        .collect();
    serde_json::to_string_pretty(&list).unwrap_or_else(|_| "[]".into()) + "\n"
}

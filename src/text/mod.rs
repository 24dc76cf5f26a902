//! Text quality: signs that a line was damaged on its way into the handbook
//! (pinyin annotations left by a converter, garbled characters). Shared by
//! the importer, which repairs or reports them, and `handbook check`, which
//! warns about any that remain. Also the plain-text escaping helpers
//! several writers share.

pub mod clean;
mod common_chars;
pub mod date;
pub mod numerals;
pub mod punctuation;

use clean::{is_ideograph, remove_pinyin_annotations, UNREADABLE_MARK};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProblemKind {
    PinyinAnnotation,
    Garbled,
}

/// A damaged span of a line; `column` counts characters from 1.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub kind: ProblemKind,
    pub column: usize,
    pub text: String,
}

/// Appends `text` to `out` with the ASCII bytes `replacement` maps replaced
/// (by `Some("")` to drop them). Byte-wise, copying the runs between
/// replacements whole: the HTML and SVG escapers run over every page's text,
/// and pushing CJK text char by char was several times slower.
pub fn replace_ascii(
    out: &mut String,
    text: &str,
    replacement: impl Fn(u8) -> Option<&'static str>,
) {
    let appended: Result<(), std::convert::Infallible> =
        for_each_replaced(text, replacement, |run| {
            out.push_str(run);
            Ok(())
        });
    let Ok(()) = appended;
}

/// [`replace_ascii`] into any sink: `emit` gets the pieces of the result in
/// order, and the first error it returns stops the walk.
pub fn for_each_replaced<E>(
    text: &str,
    replacement: impl Fn(u8) -> Option<&'static str>,
    mut emit: impl FnMut(&str) -> Result<(), E>,
) -> Result<(), E> {
    let mut start = 0;
    for (i, b) in text.bytes().enumerate() {
        // Only ASCII bytes: a byte of a multi-byte character is never cut.
        let Some(with) = b.is_ascii().then(|| replacement(b)).flatten() else {
            continue;
        };
        emit(&text[start..i])?;
        emit(with)?;
        start = i + 1;
    }
    emit(&text[start..])
}

/// Escapes what Markdown would read as markup in one line of plain text, so
/// it renders literally: inline markup, and what would start a list or a
/// heading at the beginning of the line. Used by the importer and the
/// generator, which both write plain text into Markdown.
/// What makes `title` unfit to publish as a title, if anything: no value
/// (empty, or YAML's `~` / `null` read as text), control characters (NUL),
/// or invisible characters that reorder or hide text (bidi overrides,
/// zero-width spaces), which would make two titles look alike and defeat
/// search.
pub fn title_problem(title: &str) -> Option<crate::error::Text> {
    let trimmed = title.trim();
    if trimmed.is_empty() || matches!(trimmed, "~" | "null" | "Null" | "NULL") {
        return Some(crate::text!("title is empty", "名称是空的"));
    }
    let bad = title.chars().find(|&c| c.is_control() || is_invisible(c))? as u32;
    Some(crate::text!(
        "title contains the invisible character U+{bad:04X}; retype the title",
        "名称里有看不见的字符 U+{bad:04X}；请重新输入名称"
    ))
}

/// Zero-width and bidirectional formatting characters.
fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{2069}' | '\u{061C}' | '\u{FEFF}' | '\u{00AD}')
}

pub fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' | '#' | '!'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    if out.starts_with(['-', '+', '=']) {
        out.insert(0, '\\');
    }
    // `1.` or `1)` at the start would begin a list.
    let digits = out.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && out[digits..].starts_with(['.', ')']) {
        out.insert(digits, '\\');
    }
    out
}

/// The damaged spans of `line`, in order.
pub fn problems(line: &str) -> Vec<Problem> {
    let mut found = Vec::new();
    let (_, annotations) = remove_pinyin_annotations(line);
    let mut from = 0;
    for a in annotations {
        if let Some(i) = line[from..].find(&a) {
            found.push(problem(ProblemKind::PinyinAnnotation, line, from + i, &a));
            from += i + a.len();
        }
    }
    for (i, c) in line.char_indices() {
        if c == '\u{fffd}' {
            found.push(problem(ProblemKind::Garbled, line, i, "\u{fffd}"));
        }
    }
    for (start, run) in question_runs(line) {
        if next_to_ideograph(line, start, run.len()) {
            found.push(problem(ProblemKind::Garbled, line, start, run));
        }
    }
    for span in clean::clean_line(line).unreadable {
        if let Some(i) = line.find(&span) {
            found.push(problem(ProblemKind::Garbled, line, i, &span));
        }
    }
    for (i, _) in line.match_indices(UNREADABLE_MARK) {
        found.push(problem(ProblemKind::Garbled, line, i, UNREADABLE_MARK));
    }
    found.sort_by_key(|p| p.column);
    // A `?` run is often also part of a garbled span: report each place once.
    found.dedup_by(|b, a| a.kind == b.kind && b.column < a.column + a.text.chars().count().max(1));
    found
}

fn problem(kind: ProblemKind, line: &str, byte: usize, text: &str) -> Problem {
    Problem {
        kind,
        column: line[..byte].chars().count() + 1,
        text: text.to_string(),
    }
}

/// Runs of `?`: a decoder writes one for each byte it cannot map.
fn question_runs(line: &str) -> Vec<(usize, &str)> {
    let mut runs = Vec::new();
    let mut start = None;
    for (i, c) in line
        .char_indices()
        .chain(std::iter::once((line.len(), '\0')))
    {
        match (c == '?', start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                runs.push((s, &line[s..i]));
                start = None;
            }
            _ => {}
        }
    }
    runs
}

fn next_to_ideograph(line: &str, byte: usize, len: usize) -> bool {
    let before = line[..byte].chars().next_back();
    let after = line[byte + len..].chars().next();
    before.is_some_and(is_ideograph) || after.is_some_and(is_ideograph)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_annotations_and_garbling() {
        let p = problems("發(fā)展 1.??苹 ok? 做適當?shù)");
        let kinds: Vec<(ProblemKind, usize)> = p.iter().map(|p| (p.kind, p.column)).collect();
        assert_eq!(kinds[0], (ProblemKind::PinyinAnnotation, 1));
        assert!(kinds
            .iter()
            .any(|&(k, c)| k == ProblemKind::Garbled && c == 10));
        assert!(
            !p.iter().any(|p| p.column == 14),
            "a ? after latin text is fine"
        );
        assert!(problems("负责公司VI设计;ISO9001").is_empty());
    }
}

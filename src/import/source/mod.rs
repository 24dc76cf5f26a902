//! Reading a file to import, whatever it is: a text file in any of the
//! encodings HR systems save (`text`), a Word document (`docx`) or an Excel
//! workbook (`xlsx`). Each becomes lines of text, each line knowing where
//! in the file it came from, so the rest of the importer reads one thing
//! and the report points into the original.

mod cells;
mod docx;
mod numbering;
pub mod text;
mod xlsx;

use std::fmt;

use encoding_rs::Encoding;

/// Where a line came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// A line of a text file, from 1.
    Line(usize),
    /// A paragraph of a Word document, from 1.
    Paragraph(usize),
    /// A cell of a Word table: table, row and column from 1.
    Cell {
        table: usize,
        row: usize,
        column: usize,
    },
    /// A cell of a spreadsheet: row and column from 1.
    Sheet {
        sheet: String,
        row: usize,
        column: usize,
    },
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Place::Line(n) => write!(f, "{n}"),
            Place::Paragraph(n) => write!(f, "paragraph {n}"),
            Place::Cell { table, row, column } => {
                write!(f, "table {table}, row {row}, cell {column}")
            }
            Place::Sheet { sheet, row, column } => {
                write!(f, "sheet {sheet}, cell {}{row}", column_letters(*column))
            }
        }
    }
}

/// Excel's name of a column: 1 → A, 27 → AA.
fn column_letters(mut column: usize) -> String {
    let mut letters = Vec::new();
    while column > 0 {
        let rest = (column - 1) % 26;
        letters.push(char::from(b'A' + rest as u8));
        column = (column - 1) / 26;
    }
    letters.iter().rev().collect()
}

/// One line of text to import.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub text: String,
    pub place: Place,
    pub mark: Mark,
}

/// What the file's structure says about a line, beyond its text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Mark {
    /// A Word heading (标题 1 … 9).
    pub heading: Option<u8>,
    /// The line starts a document of this title: a workbook's sheet.
    pub document: Option<String>,
    /// A line of instructions for whoever fills in the form (a 填表说明
    /// sheet): not content.
    pub instructions: bool,
}

impl Line {
    pub fn new(text: String, place: Place) -> Line {
        Line {
            text,
            place,
            mark: Mark::default(),
        }
    }
}

/// What kind of file it was, as the report names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text {
        encoding: &'static Encoding,
        decided: text::Decided,
        /// Bytes not valid in the encoding were replaced.
        malformed: bool,
    },
    Word,
    Excel,
    /// A sheet saved as comma-separated text.
    Csv {
        encoding: &'static Encoding,
        decided: text::Decided,
    },
    /// A sheet saved as tab-separated text (Excel's 文本文件/Unicode 文本).
    Tsv {
        encoding: &'static Encoding,
        decided: text::Decided,
    },
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Format::Text {
                encoding, decided, ..
            } => write!(f, "text in {} ({})", encoding.name(), how(*decided)),
            Format::Csv { encoding, decided } => {
                write!(f, "a CSV sheet in {} ({})", encoding.name(), how(*decided))
            }
            Format::Tsv { encoding, decided } => write!(
                f,
                "a sheet saved as tab-separated text in {} ({})",
                encoding.name(),
                how(*decided)
            ),
            Format::Word => f.write_str("Word document"),
            Format::Excel => f.write_str("Excel workbook"),
        }
    }
}

/// How an encoding was decided, as the report says it.
fn how(decided: text::Decided) -> &'static str {
    match decided {
        text::Decided::Named => "as asked with --encoding",
        text::Decided::Mark => "from its byte-order mark",
        text::Decided::Valid => "the bytes are valid UTF-8",
        text::Decided::Guessed => "detected; use --encoding to choose another",
    }
}

/// A file read into lines.
#[derive(Debug, Clone)]
pub struct Source {
    pub format: Format,
    pub lines: Vec<Line>,
}

/// Why a file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    #[error(transparent)]
    Word(#[from] docx::DocxError),
    #[error(transparent)]
    Excel(#[from] xlsx::XlsxError),
    #[error("an old Word (.doc) or Excel (.xls) file: save it as .docx or .xlsx (or as text) and import that")]
    OldOffice,
}

/// Reads `bytes` of a file named `name`; text files in `encoding` when
/// given, else in the one detected.
pub fn read(
    name: &str,
    bytes: &[u8],
    encoding: Option<&'static Encoding>,
) -> Result<Source, SourceError> {
    let extension = name.rsplit('.').next().unwrap_or("").to_lowercase();
    let zipped = bytes.starts_with(b"PK\x03\x04");
    // Compound files: .doc and .xls from before 2007.
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(SourceError::OldOffice);
    }
    match (zipped, extension.as_str()) {
        (true, "xlsx" | "xlsm") => Ok(Source {
            format: Format::Excel,
            lines: xlsx::read(bytes)?,
        }),
        (true, _) => Ok(Source {
            format: Format::Word,
            lines: word_lines(docx::read(bytes)?),
        }),
        (false, "csv") => read_csv(name, bytes, encoding),
        (false, _) => Ok(read_text(name, bytes, encoding)),
    }
}

/// A sheet saved as CSV, in any encoding a text file may be in.
fn read_csv(
    name: &str,
    bytes: &[u8],
    encoding: Option<&'static Encoding>,
) -> Result<Source, SourceError> {
    let decoded = text::decode(bytes, encoding);
    let sheet = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    Ok(Source {
        format: Format::Csv {
            encoding: decoded.encoding,
            decided: decoded.decided,
        },
        lines: xlsx::read_csv(sheet, &decoded.text)?,
    })
}

fn read_text(name: &str, bytes: &[u8], encoding: Option<&'static Encoding>) -> Source {
    let decoded = text::decode(bytes, encoding);
    // Excel's 文本文件 and Unicode 文本: a header row of labels between tabs.
    if xlsx::is_tab_separated_sheet(&decoded.text) {
        let sheet = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
        if let Ok(lines) = xlsx::read_delimited(sheet, &decoded.text, b'\t') {
            return Source {
                format: Format::Tsv {
                    encoding: decoded.encoding,
                    decided: decoded.decided,
                },
                lines,
            };
        }
    }
    let lines = (decoded.text.split('\n').enumerate())
        .map(|(i, line)| Line::new(line.to_string(), Place::Line(i + 1)))
        .collect();
    Source {
        format: Format::Text {
            encoding: decoded.encoding,
            decided: decoded.decided,
            malformed: decoded.malformed,
        },
        lines,
    }
}

/// A Word document's paragraphs and tables as lines.
fn word_lines(blocks: Vec<docx::Block>) -> Vec<Line> {
    let mut lines = Vec::new();
    for block in blocks {
        match block {
            docx::Block::Paragraph(p) => {
                for text in p.text.split('\n') {
                    let mut line = Line::new(text.to_string(), Place::Paragraph(p.number));
                    line.mark.heading = p.heading;
                    lines.push(line);
                }
            }
            docx::Block::Table(table) => lines.extend(table_lines(&table)),
        }
    }
    lines
}

fn table_lines(table: &docx::Table) -> Vec<Line> {
    // `序号 | 岗位名称 | 直接上级 | 岗位职责`: one role per row, as in a sheet.
    let grid: Vec<Vec<String>> = (table.rows.iter())
        .map(|row| {
            (row.iter())
                .map(|cell| match cell.continues_above {
                    true => String::new(),
                    false => (cell.paragraphs.iter().map(|p| p.text.as_str()))
                        .collect::<Vec<_>>()
                        .join("\n"),
                })
                .collect()
        })
        .collect();
    if let Some(header) = grid.iter().position(|row| cells::is_header(row)) {
        let place = |r: usize, c: usize| Place::Cell {
            table: table.number,
            row: r + 1,
            column: c + 1,
        };
        return cells::header_table_lines(&grid, header, &place);
    }
    let mut lines = Vec::new();
    for (r, row) in table.rows.iter().enumerate() {
        let cells: Vec<cells::CellText> = (row.iter().enumerate())
            .filter(|(_, cell)| !cell.continues_above)
            .map(|(c, cell)| cells::CellText {
                paragraphs: cell.paragraphs.iter().map(|p| p.text.clone()).collect(),
                place: Place::Cell {
                    table: table.number,
                    row: r + 1,
                    column: c + 1,
                },
            })
            .collect();
        lines.extend(cells::row_lines(&cells));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_read_as_a_person_finds_them() {
        assert_eq!(Place::Line(12).to_string(), "12");
        let cell = Place::Sheet {
            sheet: "岗位".to_string(),
            row: 5,
            column: 28,
        };
        assert_eq!(cell.to_string(), "sheet 岗位, cell AB5");
    }

    /// The standard 岗位说明书: a table of label and value cells, the
    /// duties numbered by Word.
    #[test]
    fn a_word_job_description_form_imports_as_a_titled_role_with_its_superior() {
        use docx::tests::{document, docx};
        let cell = |text: &str| format!("<w:tc><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>");
        let numbered = |text: &str| {
            format!("<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>")
        };
        let body = format!(
            "<w:p><w:r><w:t>仓储部岗位说明书</w:t></w:r></w:p><w:tbl>\
             <w:tr>{}{}{}{}</w:tr><w:tr>{}{}</w:tr>\
             <w:tr>{}<w:tc>{}{}</w:tc></w:tr></w:tbl>",
            cell("岗位名称"),
            cell("仓库管理员"),
            cell("所属部门"),
            cell("仓储部"),
            cell("直接上级"),
            cell("仓储主管"),
            cell("岗位职责"),
            numbered("负责货物入库验收；"),
            numbered("负责库存盘点。"),
        );
        let numbering = r#"<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/><w:suff w:val="nothing"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#;
        let bytes = docx(&[
            ("word/document.xml", &document(&body)),
            ("word/numbering.xml", numbering),
        ]);
        let source = read("仓储部.docx", &bytes, None).unwrap();
        let text: Vec<&str> = source.lines.iter().map(|l| l.text.as_str()).collect();
        let (files, report) = crate::import::import_text(&text.join("\n"));
        assert_eq!(report.roles, 1, "{report}");
        let role = files
            .iter()
            .find(|f| f.path.ends_with("cang-ku-guan-li-yuan.md"));
        let role = role.unwrap_or_else(|| panic!("{files:?}"));
        assert!(role.text.contains("title: 仓库管理员"), "{}", role.text);
        assert!(role.text.contains("reports_to: 仓储主管"), "{}", role.text);
        assert!(
            role.text
                .contains("1. 负责货物入库验收；\n2. 负责库存盘点。"),
            "{}",
            role.text
        );
    }

    #[test]
    fn word_headings_that_name_no_unit_are_roles() {
        use docx::tests::{document, docx};
        let styles = r#"<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 2"/></w:style></w:styles>"#;
        let heading = |text: &str| {
            format!("<w:p><w:pPr><w:pStyle w:val=\"2\"/></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>")
        };
        let p = |text: &str| format!("<w:p><w:r><w:t>{text}</w:t></w:r></w:p>");
        let body = [
            heading("仓储部"),
            heading("仓库管理员"),
            p("直接上级：仓储主管"),
            p("岗位职责："),
            p("1、负责入库验收。"),
            heading("叉车司机"),
            p("直接上级：仓储主管"),
            p("1、负责货物搬运。"),
        ]
        .concat();
        let bytes = docx(&[
            ("word/document.xml", &document(&body)),
            ("word/styles.xml", styles),
        ]);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("仓储部.docx");
        std::fs::write(&path, bytes).unwrap();
        let report =
            crate::import::import_file(&path, &dir.path().join("content"), &Default::default())
                .unwrap();
        assert_eq!((report.roles, report.untitled), (2, 0), "{report}");
        let shown = report.to_string();
        assert!(
            shown.contains("role 仓库管理员 (title stated); superior 仓储主管"),
            "{shown}"
        );
        assert!(shown.contains("role 叉车司机 (title stated)"), "{shown}");
    }

    #[test]
    fn old_office_files_are_refused_with_what_to_do() {
        let err = read("a.doc", &[0xD0, 0xCF, 0x11, 0xE0, 0xA1], None).unwrap_err();
        assert!(err.to_string().contains(".docx"));
    }
}

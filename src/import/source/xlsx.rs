//! Excel `.xlsx` files (the `calamine` crate). HR departments keep job
//! descriptions as one role per row under a header row of labels (岗位名称,
//! 所属部门, 直接上级, 岗位职责 …), or as a sheet laid out like a Word
//! 岗位说明书 table; both become lines of `label：value`.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};

use super::cells::{grid_lines, header_table_lines, is_header};
use super::{Line, Place};
use crate::import::keywords::Section;
use crate::import::labels::label_start;

/// A workbook or CSV sheet that cannot be read, and why.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct XlsxError(String);

/// The lines of every sheet, in order.
pub fn read(bytes: &[u8]) -> Result<Vec<Line>, XlsxError> {
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(bytes))
        .map_err(|e| XlsxError(format!("not an Excel workbook (.xlsx): {e}")))?;
    let mut sheets = Vec::new();
    for name in workbook.sheet_names() {
        let range = workbook
            .worksheet_range(&name)
            .map_err(|e| XlsxError(format!("Excel sheet {name}: {e}")))?;
        let (top, left) = range.start().unwrap_or((0, 0));
        let rows: Vec<Vec<String>> = (range.rows())
            .map(|row| row.iter().map(cell_text).collect())
            .collect();
        let sheet = Sheet {
            name: &name,
            top: top as usize,
            left: left as usize,
        };
        let header = rows.iter().position(|r| is_header(r));
        let lines = sheet.lines(&rows, header);
        sheets.push(SheetLines {
            instructions: is_instructions(&name),
            form: header.is_none(),
            name,
            lines,
        });
    }
    sheets.retain(|s| !s.lines.is_empty());
    for sheet in sheets.iter_mut().filter(|s| s.instructions) {
        sheet
            .lines
            .iter_mut()
            .for_each(|l| l.mark.instructions = true);
    }
    // A workbook of several sheets, a department to a sheet: a document
    // each, titled by the sheet's name (or its title row). A workbook of a
    // form per role is one document.
    let form_per_role = (sheets.iter()).all(|s| s.form && titles_in(&s.lines) <= 1);
    let contents = sheets.iter().filter(|s| !s.instructions).count();
    if contents > 1 && !form_per_role {
        for sheet in sheets.iter_mut().filter(|s| !s.instructions) {
            sheet.lines[0].mark.document = Some(sheet.name.clone());
        }
    }
    Ok(sheets.into_iter().flat_map(|s| s.lines).collect())
}

/// One sheet's lines, and what the workbook's reading needs to know of it.
struct SheetLines {
    name: String,
    lines: Vec<Line>,
    /// Laid out as a form: no header row of labels.
    form: bool,
    /// Instructions for whoever fills in the workbook (填表说明).
    instructions: bool,
}

/// A sheet of instructions for whoever fills in the workbook.
fn is_instructions(sheet: &str) -> bool {
    const NAMES: [&str; 6] = [
        "填表说明",
        "填写说明",
        "使用说明",
        "填表须知",
        "填表須知",
        "填写要求",
    ];
    let sheet = sheet.trim();
    NAMES.iter().any(|n| sheet.contains(n)) || matches!(sheet, "说明" | "說明")
}

/// How many roles a sheet's lines name (`岗位名称：…` lines).
fn titles_in(lines: &[Line]) -> usize {
    let names_role = |line: &&Line| matches!(label_start(&line.text), Some((Section::Title, _)));
    lines.iter().filter(names_role).count()
}

/// The lines of a CSV file (a sheet saved as text, already decoded): read
/// like one sheet named `name`.
pub fn read_csv(name: &str, text: &str) -> Result<Vec<Line>, XlsxError> {
    read_delimited(name, text, b',')
}

/// Whether a text file is a sheet saved as tab-separated text: one of its
/// first lines is a header row of labels between tabs.
pub fn is_tab_separated_sheet(text: &str) -> bool {
    const FIRST_LINES: usize = 5;
    (text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(FIRST_LINES))
    .any(|line| {
        let cells: Vec<String> = line.split('\t').map(|c| c.trim().to_string()).collect();
        cells.len() >= 3 && is_header(&cells)
    })
}

/// The lines of a sheet saved as text with `delimiter` between cells.
pub fn read_delimited(name: &str, text: &str, delimiter: u8) -> Result<Vec<Line>, XlsxError> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let rows: Vec<Vec<String>> = (reader.records())
        .map(|record| record.map(|r| r.iter().map(str::to_string).collect()))
        .collect::<Result<_, _>>()
        .map_err(|e| XlsxError(format!("a CSV record cannot be read: {e}")))?;
    let sheet = Sheet {
        name,
        top: 0,
        left: 0,
    };
    let header = rows.iter().position(|r| is_header(r));
    Ok(sheet.lines(&rows, header))
}

/// A cell's text as Excel shows it: whole numbers without `.0`.
fn cell_text(data: &Data) -> String {
    match data {
        Data::Empty => String::new(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        other => other.to_string(),
    }
}

struct Sheet<'a> {
    name: &'a str,
    top: usize,
    left: usize,
}

impl Sheet<'_> {
    fn place(&self, row: usize, column: usize) -> Place {
        Place::Sheet {
            sheet: self.name.to_string(),
            row: self.top + row + 1,
            column: self.left + column + 1,
        }
    }

    /// The lines of its rows, one role per row under the `header` row when
    /// it has one.
    fn lines(&self, rows: &[Vec<String>], header: Option<usize>) -> Vec<Line> {
        let place = |r: usize, c: usize| self.place(r, c);
        match header {
            Some(header) => header_table_lines(rows, header, &place),
            None => grid_lines(rows, &place),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    /// A one-sheet workbook of inline strings, as small as Excel reads.
    fn workbook(sheet: &str, rows: &[&[&str]]) -> Vec<u8> {
        workbook_of(&[(sheet, rows)])
    }

    fn sheet_xml(rows: &[&[&str]]) -> String {
        let mut xml = String::new();
        for (r, row) in rows.iter().enumerate() {
            xml.push_str(&format!("<row r=\"{}\">", r + 1));
            for (c, text) in row.iter().enumerate() {
                let column = char::from(b'A' + c as u8);
                xml.push_str(&format!(
                    "<c r=\"{column}{}\" t=\"inlineStr\"><is><t xml:space=\"preserve\">{text}</t></is></c>",
                    r + 1
                ));
            }
            xml.push_str("</row>");
        }
        xml
    }

    /// A workbook of sheets of inline strings.
    pub fn workbook_of(sheets: &[(&str, &[&[&str]])]) -> Vec<u8> {
        let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
        let mut types = String::new();
        let mut entries = String::new();
        let mut rels = String::new();
        let mut parts = Vec::new();
        for (n, (name, rows)) in sheets.iter().enumerate() {
            let n = n + 1;
            types.push_str(&format!("<Override PartName=\"/xl/worksheets/sheet{n}.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"));
            entries.push_str(&format!(
                "<sheet name=\"{name}\" sheetId=\"{n}\" r:id=\"rId{n}\"/>"
            ));
            rels.push_str(&format!("<Relationship Id=\"rId{n}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet{n}.xml\"/>"));
            let xml = sheet_xml(rows);
            parts.push((format!("xl/worksheets/sheet{n}.xml"), format!("<?xml version=\"1.0\"?><worksheet xmlns=\"{main}\"><sheetData>{xml}</sheetData></worksheet>")));
        }
        parts.push(("[Content_Types].xml".to_string(), format!("<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>{types}</Types>")));
        parts.push(("xl/workbook.xml".to_string(), format!("<?xml version=\"1.0\"?><workbook xmlns=\"{main}\" xmlns:r=\"{rel}\"><sheets>{entries}</sheets></workbook>")));
        parts.push(("xl/_rels/workbook.xml.rels".to_string(), format!("<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">{rels}</Relationships>")));
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        for (name, text) in parts {
            zip.start_file(name, zip::write::SimpleFileOptions::default())
                .unwrap();
            zip.write_all(text.as_bytes()).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    #[test]
    fn one_role_per_row_under_a_header_of_labels() {
        let file = workbook(
            "岗位",
            &[
                &["客服中心岗位说明书"],
                &["岗位名称", "所属部门", "直接上级", "岗位职责"],
                &[
                    "客服主管",
                    "客服中心",
                    "运营总监",
                    "1.负责客服团队管理\n2.处理重大投诉",
                ],
                &["客服专员", "客服中心", "客服主管", "1.接听客户来电"],
            ],
        );
        let lines = read(&file).unwrap();
        let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "客服中心岗位说明书",
                "岗位名称：客服主管",
                "所属部门：客服中心",
                "直接上级：运营总监",
                "岗位职责：",
                "1.负责客服团队管理",
                "2.处理重大投诉",
                "岗位名称：客服专员",
                "所属部门：客服中心",
                "直接上级：客服主管",
                "岗位职责：1.接听客户来电",
            ]
        );
        assert_eq!(lines[1].place.to_string(), "sheet 岗位, cell A3");
    }

    #[test]
    fn a_sheet_laid_out_as_a_form_reads_label_by_value() {
        let file = workbook(
            "店长",
            &[
                &["岗位名称", "店长", "所属部门", "门店"],
                &["岗位职责", "1.负责门店运营"],
            ],
        );
        let texts: Vec<String> = read(&file).unwrap().into_iter().map(|l| l.text).collect();
        assert_eq!(
            texts,
            [
                "岗位名称：店长",
                "所属部门：门店",
                "岗位职责：1.负责门店运营"
            ]
        );
    }

    #[test]
    fn each_sheet_of_a_workbook_of_several_starts_a_document() {
        let header: &[&str] = &["岗位名称", "直接上级", "岗位职责"];
        let file = workbook_of(&[
            (
                "仓储部",
                &[header, &["仓库管理员", "仓储主管", "1.负责入库"]],
            ),
            ("运输部", &[header, &["司机", "车队长", "1.负责配送"]]),
        ]);
        let lines = read(&file).unwrap();
        let documents: Vec<Option<&str>> = (lines.iter())
            .filter_map(|l| l.mark.document.as_deref().map(Some))
            .collect();
        assert_eq!(documents, [Some("仓储部"), Some("运输部")]);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("岗位.xlsx");
        std::fs::write(&path, &file).unwrap();
        let into = dir.path().join("content");
        let report = crate::import::import_file(&path, &into, &Default::default()).unwrap();
        assert_eq!(
            (report.documents, report.roles, report.untitled),
            (2, 2, 0),
            "{report}"
        );
    }

    #[test]
    fn a_csv_file_reads_like_a_sheet() {
        let text = "岗位名称,直接上级,岗位职责\n收银员,店长,\"1.负责收银\n2.负责对账\"\n";
        let lines: Vec<String> = read_csv("门店", text)
            .unwrap()
            .into_iter()
            .map(|l| l.text)
            .collect();
        assert_eq!(
            lines,
            [
                "岗位名称：收银员",
                "直接上级：店长",
                "岗位职责：",
                "1.负责收银",
                "2.负责对账"
            ]
        );
    }

    #[test]
    fn a_file_that_is_not_a_workbook_is_refused() {
        assert!(read(b"PK\x03\x04 broken").is_err());
    }
}

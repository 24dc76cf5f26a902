//! Real Word and Excel files built from short line-by-line descriptions,
//! for the import corpus (`tests/fixtures/import-corpus/*.docx.txt` and
//! `*.xlsx.txt`): reviewable as text, read by the importer as the files
//! Word and Excel write. The formats are described in
//! `tests/fixtures/import-corpus/README.md`.

use std::collections::BTreeMap;
use std::io::Write;

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn zip(parts: &[(String, String)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, text) in parts {
        zip.start_file(name.as_str(), zip::write::SimpleFileOptions::default())
            .expect("zip entry");
        zip.write_all(text.as_bytes()).expect("zip write");
    }
    zip.finish().expect("zip").into_inner()
}

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// The levels of the numbering styles a, b and c: format and text.
const STYLES: [(char, [(&str, &str); 3]); 3] = [
    (
        'a',
        [
            ("decimal", "%1、"),
            ("decimal", "（%2）"),
            ("decimalEnclosedCircle", "%3"),
        ],
    ),
    (
        'b',
        [
            ("chineseCounting", "%1、"),
            ("decimal", "%2."),
            ("decimal", "(%3)"),
        ],
    ),
    (
        'c',
        [
            ("decimal", "%1."),
            ("decimal", "%1.%2"),
            ("lowerLetter", "%3)"),
        ],
    ),
];

/// A `.docx` from its description (`H1`, `P`, `Na1.0`, `TABLE` … lines).
pub fn docx(description: &str) -> Vec<u8> {
    let mut lists: BTreeMap<String, usize> = BTreeMap::new();
    let mut body = String::new();
    let mut table: Option<Table> = None;
    for line in description.lines() {
        let line = line.trim_end();
        if line.trim().is_empty() {
            continue;
        }
        let (word, rest) = line.split_once(' ').unwrap_or((line, ""));
        match word {
            "TABLE" => table = Some(Table::default()),
            "ROW" => table.as_mut().expect("ROW inside TABLE").row(),
            "CELL" => table.as_mut().expect("CELL inside TABLE").cell(rest),
            "END" => body.push_str(&table.take().expect("END after TABLE").xml()),
            _ => {
                let p = paragraph(word, rest, &mut lists)
                    .unwrap_or_else(|| panic!("not a line of a Word description: {line}"));
                match table.as_mut() {
                    Some(t) => t.paragraph(p),
                    None => body.push_str(&p),
                }
            }
        }
    }
    let document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:document xmlns:w=\"{W}\"><w:body>{body}</w:body></w:document>"
    );
    zip(&[
        ("[Content_Types].xml".into(), CONTENT_TYPES.into()),
        ("_rels/.rels".into(), ROOT_RELS.into()),
        ("word/_rels/document.xml.rels".into(), DOCUMENT_RELS.into()),
        ("word/document.xml".into(), document),
        ("word/styles.xml".into(), styles()),
        ("word/numbering.xml".into(), numbering(&lists)),
    ])
}

/// One paragraph's XML: `H2 text`, `P text`, `Nb3.1 text`.
fn paragraph(word: &str, text: &str, lists: &mut BTreeMap<String, usize>) -> Option<String> {
    let run = format!(
        "<w:r><w:t xml:space=\"preserve\">{}</w:t></w:r>",
        escape(text)
    );
    let properties = match word {
        "P" => String::new(),
        "H1" | "H2" | "H3" => format!("<w:pPr><w:pStyle w:val=\"Heading{}\"/></w:pPr>", &word[1..]),
        _ => {
            let spec = word.strip_prefix('N')?;
            let (list, level) = spec.split_once('.')?;
            let style = list.chars().next()?;
            STYLES.iter().find(|(s, _)| *s == style)?;
            let level: u8 = level.parse().ok().filter(|l| *l < 3)?;
            let next = lists.len() + 1;
            let id = *lists.entry(list.to_string()).or_insert(next);
            format!("<w:pPr><w:numPr><w:ilvl w:val=\"{level}\"/><w:numId w:val=\"{id}\"/></w:numPr></w:pPr>")
        }
    };
    Some(format!("<w:p>{properties}{run}</w:p>"))
}

#[derive(Default)]
struct Table {
    rows: Vec<Vec<(String, String)>>,
}

impl Table {
    fn row(&mut self) {
        self.rows.push(Vec::new());
    }

    fn cell(&mut self, options: &str) {
        let mut properties = String::new();
        for option in options.split_whitespace() {
            match option.split_once('=') {
                Some(("span", n)) => properties.push_str(&format!("<w:gridSpan w:val=\"{n}\"/>")),
                Some(("vmerge", "restart")) => properties.push_str("<w:vMerge w:val=\"restart\"/>"),
                None if option == "vmerge" => properties.push_str("<w:vMerge/>"),
                _ => panic!("unknown cell option {option}"),
            }
        }
        let row = self.rows.last_mut().expect("CELL after ROW");
        row.push((properties, String::new()));
    }

    fn paragraph(&mut self, p: String) {
        let row = self.rows.last_mut().expect("a paragraph after ROW");
        row.last_mut()
            .expect("a paragraph after CELL")
            .1
            .push_str(&p);
    }

    fn xml(&self) -> String {
        let mut xml = String::from("<w:tbl>");
        for row in &self.rows {
            xml.push_str("<w:tr>");
            for (properties, paragraphs) in row {
                // Word writes an empty paragraph in an empty cell.
                let content = if paragraphs.is_empty() {
                    "<w:p/>"
                } else {
                    paragraphs
                };
                xml.push_str(&format!(
                    "<w:tc><w:tcPr>{properties}</w:tcPr>{content}</w:tc>"
                ));
            }
            xml.push_str("</w:tr>");
        }
        xml.push_str("</w:tbl>");
        xml
    }
}

fn styles() -> String {
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:styles xmlns:w=\"{W}\">"
    );
    for level in 1..=3 {
        xml.push_str(&format!(
            "<w:style w:type=\"paragraph\" w:styleId=\"Heading{level}\"><w:name w:val=\"heading {level}\"/><w:pPr><w:outlineLvl w:val=\"{}\"/></w:pPr></w:style>",
            level - 1
        ));
    }
    xml.push_str("</w:styles>");
    xml
}

/// One abstract list per list instance, so each counts from 1.
fn numbering(lists: &BTreeMap<String, usize>) -> String {
    let mut abstracts = String::new();
    let mut nums = String::new();
    for (list, id) in lists {
        let style = list.chars().next().unwrap_or('a');
        let levels = STYLES.iter().find(|(s, _)| *s == style).map(|(_, l)| l);
        abstracts.push_str(&format!("<w:abstractNum w:abstractNumId=\"{id}\">"));
        for (i, (format, text)) in levels.into_iter().flatten().enumerate() {
            abstracts.push_str(&format!(
                "<w:lvl w:ilvl=\"{i}\"><w:start w:val=\"1\"/><w:numFmt w:val=\"{format}\"/><w:lvlText w:val=\"{text}\"/><w:suff w:val=\"nothing\"/></w:lvl>"
            ));
        }
        abstracts.push_str("</w:abstractNum>");
        nums.push_str(&format!(
            "<w:num w:numId=\"{id}\"><w:abstractNumId w:val=\"{id}\"/></w:num>"
        ));
    }
    format!("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:numbering xmlns:w=\"{W}\">{abstracts}{nums}</w:numbering>")
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/></Types>"#;

const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

const DOCUMENT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/></Relationships>"#;

/// An `.xlsx` from its description: `SHEET name` lines, then rows of cells
/// separated by tabs, `\n` a line break inside a cell.
pub fn xlsx(description: &str) -> Vec<u8> {
    let mut sheets: Vec<(String, Vec<Vec<String>>)> = Vec::new();
    for line in description.lines() {
        if let Some(name) = line.strip_prefix("SHEET ") {
            sheets.push((name.trim().to_string(), Vec::new()));
            continue;
        }
        let (_, rows) = sheets.last_mut().expect("a SHEET line first");
        rows.push(line.split('\t').map(|c| c.replace("\\n", "\n")).collect());
    }
    workbook(&sheets)
}

fn column(mut c: usize) -> String {
    let mut name = String::new();
    loop {
        name.insert(0, char::from(b'A' + (c % 26) as u8));
        if c < 26 {
            return name;
        }
        c = c / 26 - 1;
    }
}

fn sheet_xml(rows: &[Vec<String>]) -> String {
    let mut xml = String::new();
    for (r, row) in rows.iter().enumerate() {
        xml.push_str(&format!("<row r=\"{}\">", r + 1));
        for (c, text) in row.iter().enumerate().filter(|(_, t)| !t.is_empty()) {
            xml.push_str(&format!(
                "<c r=\"{}{}\" t=\"inlineStr\"><is><t xml:space=\"preserve\">{}</t></is></c>",
                column(c),
                r + 1,
                escape(text)
            ));
        }
        xml.push_str("</row>");
    }
    xml
}

fn workbook(sheets: &[(String, Vec<Vec<String>>)]) -> Vec<u8> {
    let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    let (mut types, mut entries, mut rels) = (String::new(), String::new(), String::new());
    let mut parts = Vec::new();
    for (n, (name, rows)) in sheets.iter().enumerate() {
        let n = n + 1;
        types.push_str(&format!("<Override PartName=\"/xl/worksheets/sheet{n}.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"));
        entries.push_str(&format!(
            "<sheet name=\"{}\" sheetId=\"{n}\" r:id=\"rId{n}\"/>",
            escape(name)
        ));
        rels.push_str(&format!("<Relationship Id=\"rId{n}\" Type=\"{rel}/worksheet\" Target=\"worksheets/sheet{n}.xml\"/>"));
        parts.push((
            format!("xl/worksheets/sheet{n}.xml"),
            format!("<?xml version=\"1.0\"?><worksheet xmlns=\"{main}\"><sheetData>{}</sheetData></worksheet>", sheet_xml(rows)),
        ));
    }
    parts.push(("[Content_Types].xml".into(), format!("<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"xml\" ContentType=\"application/xml\"/><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>{types}</Types>")));
    parts.push(("xl/workbook.xml".into(), format!("<?xml version=\"1.0\"?><workbook xmlns=\"{main}\" xmlns:r=\"{rel}\"><sheets>{entries}</sheets></workbook>")));
    parts.push(("xl/_rels/workbook.xml.rels".into(), format!("<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">{rels}</Relationships>")));
    zip(&parts)
}

#[cfg(test)]
mod tests {
    use handbook::import::source;

    /// The builders write what the importer's readers read back.
    #[test]
    fn descriptions_become_files_the_importer_reads() {
        let word = super::docx(
            "H1 前厅部岗位说明书\nH2 前台主管\nNa1.0 负责前台排班。\nNa1.1 每周公布班表。\nTABLE\nROW\nCELL\nP 岗位名称\nCELL span=2\nP 礼宾员\nEND\n",
        );
        let lines = source::read("a.docx", &word, None).expect("a Word file");
        let texts: Vec<String> = lines.lines.iter().map(|l| l.text.clone()).collect();
        assert_eq!(
            texts,
            [
                "前厅部岗位说明书",
                "前台主管",
                "1、负责前台排班。",
                "（1）每周公布班表。",
                "岗位名称：礼宾员"
            ]
        );
        let sheet = super::xlsx(
            "SHEET 客房部\n岗位名称\t岗位职责\n客房主管\t1、检查客房。\\n2、安排清扫。\n",
        );
        let lines = source::read("a.xlsx", &sheet, None).expect("an Excel file");
        let texts: Vec<String> = lines.lines.iter().map(|l| l.text.clone()).collect();
        assert!(texts.iter().any(|t| t.contains("客房主管")), "{texts:?}");
        assert!(
            texts.iter().any(|t| t.contains("2、安排清扫。")),
            "{texts:?}"
        );
    }
}

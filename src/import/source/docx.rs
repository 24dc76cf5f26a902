//! Word `.docx` files: a zip container (the `zip` crate) of XML parts read
//! with `quick-xml`. What a reader sees is rebuilt: paragraphs in order,
//! with the number Word's automatic numbering shows before them
//! ([`super::numbering`]), their heading level, and tables cell by cell
//! (merged cells once). docs/decisions/import-formats.md says why these
//! crates.

use std::collections::BTreeMap;
use std::io::Read;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::numbering::{Level, Numbering, Suffix};

/// A part of the document body, in order.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Paragraph(Paragraph),
    Table(Table),
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Paragraph {
    /// The number Word shows before it, then its text; line breaks inside
    /// the paragraph kept as `\n`.
    pub text: String,
    /// 1 for 标题 1 / Heading 1 …
    pub heading: Option<u8>,
    /// Counting the body's paragraphs from 1, tables' included.
    pub number: usize,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Table {
    /// Counting the document's tables from 1.
    pub number: usize,
    pub rows: Vec<Vec<Cell>>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Cell {
    pub paragraphs: Vec<Paragraph>,
    /// The lower part of a vertically merged cell: its text is the cell's
    /// above.
    pub continues_above: bool,
}

impl Cell {
    #[cfg(test)]
    pub fn text(&self) -> String {
        let parts: Vec<&str> = self.paragraphs.iter().map(|p| p.text.as_str()).collect();
        parts.join("\n")
    }
}

/// Why a Word file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum DocxError {
    #[error("not a Word document (.docx): {0}")]
    Container(String),
    #[error("the Word document's {part} cannot be read: {message}")]
    Xml { part: &'static str, message: String },
}

/// The body of the Word document in `bytes`.
pub fn read(bytes: &[u8]) -> Result<Vec<Block>, DocxError> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| DocxError::Container(e.to_string()))?;
    let document = part(&mut zip, "word/document.xml")?
        .ok_or_else(|| DocxError::Container("it has no word/document.xml".to_string()))?;
    let styles = match part(&mut zip, "word/styles.xml")? {
        Some(xml) => read_styles(&xml).map_err(xml_error("styles"))?,
        None => Styles::default(),
    };
    let numbering = match part(&mut zip, "word/numbering.xml")? {
        Some(xml) => read_numbering(&xml).map_err(xml_error("numbering"))?,
        None => Numbering::default(),
    };
    Body::new(styles, numbering)
        .read(&document)
        .map_err(xml_error("text"))
}

fn xml_error(part: &'static str) -> impl Fn(quick_xml::Error) -> DocxError {
    move |e| DocxError::Xml {
        part,
        message: e.to_string(),
    }
}

/// The largest XML part read: a Word file's text is far smaller.
const MAX_PART: u64 = 64 << 20;

fn part<R: Read + std::io::Seek>(
    zip: &mut zip::ZipArchive<R>,
    name: &str,
) -> Result<Option<String>, DocxError> {
    let Ok(file) = zip.by_name(name) else {
        return Ok(None);
    };
    let mut text = String::new();
    file.take(MAX_PART)
        .read_to_string(&mut text)
        .map_err(|e| DocxError::Container(format!("{name}: {e}")))?;
    Ok(Some(text))
}

/// A paragraph's line breaks joined: nothing between Chinese characters,
/// a space between words of Latin text.
fn join_line_breaks(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut parts = text.split('\n').map(str::trim).filter(|p| !p.is_empty());
    if let Some(first) = parts.next() {
        out.push_str(first);
    }
    for part in parts {
        let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
        if latin(out.chars().next_back()) && latin(part.chars().next()) {
            out.push(' ');
        }
        out.push_str(part);
    }
    out
}

/// The value of the attribute named `local` (any prefix).
fn attr(e: &BytesStart, local: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == local.as_bytes())
        .and_then(|a| {
            let raw = String::from_utf8_lossy(&a.value).into_owned();
            quick_xml::escape::unescape(&raw)
                .ok()
                .map(|v| v.into_owned())
        })
}

fn local(e: &BytesStart) -> String {
    String::from_utf8_lossy(e.local_name().as_ref()).into_owned()
}

// ---------------------------------------------------------------------------
// styles.xml

/// What a paragraph style brings: a heading level, a list.
#[derive(Debug, Clone, Default)]
struct Style {
    based_on: Option<String>,
    heading: Option<u8>,
    list: (Option<String>, Option<u8>),
}

#[derive(Debug, Clone, Default)]
struct Styles {
    by_id: BTreeMap<String, Style>,
}

impl Styles {
    /// A style's heading level and list, looked up through `basedOn`.
    fn resolved(&self, id: &str) -> (Option<u8>, (Option<String>, Option<u8>)) {
        let (mut heading, mut list) = (None, (None, None));
        let mut at = Some(id.to_string());
        for _ in 0..16 {
            let Some(style) = at.as_deref().and_then(|id| self.by_id.get(id)) else {
                break;
            };
            heading = heading.or(style.heading);
            list.0 = list.0.or_else(|| style.list.0.clone());
            list.1 = list.1.or(style.list.1);
            at = style.based_on.clone();
        }
        (heading, list)
    }
}

/// The heading level a style's name says: `heading 2`, `标题 2`.
fn heading_of_name(name: &str) -> Option<u8> {
    let lower = name.to_lowercase();
    let rest = lower
        .strip_prefix("heading")
        .or_else(|| lower.strip_prefix("标题"))?;
    rest.trim().parse().ok().filter(|n| (1..=9).contains(n))
}

fn read_styles(xml: &str) -> Result<Styles, quick_xml::Error> {
    let mut styles = Styles::default();
    let mut current: Option<(String, Style)> = None;
    let mut reader = Reader::from_str(xml);
    loop {
        match reader.read_event()? {
            Event::Start(e) | Event::Empty(e) => {
                let name = local(&e);
                if name == "style" {
                    current = attr(&e, "styleId").map(|id| (id, Style::default()));
                    continue;
                }
                let Some((_, style)) = &mut current else {
                    continue;
                };
                let value = attr(&e, "val");
                match name.as_str() {
                    "name" => {
                        style.heading = style.heading.or(value.as_deref().and_then(heading_of_name))
                    }
                    "basedOn" => style.based_on = value,
                    "outlineLvl" => {
                        let level = value.and_then(|v| v.parse::<u8>().ok());
                        style.heading = level.filter(|l| *l < 9).map(|l| l + 1);
                    }
                    "numId" => style.list.0 = value,
                    "ilvl" => style.list.1 = value.and_then(|v| v.parse().ok()),
                    _ => {}
                }
            }
            Event::End(e) if e.local_name().as_ref() == b"style" => {
                if let Some((id, style)) = current.take() {
                    styles.by_id.insert(id, style);
                }
            }
            Event::Eof => return Ok(styles),
            _ => {}
        }
    }
}

// ---------------------------------------------------------------------------
// numbering.xml

fn read_numbering(xml: &str) -> Result<Numbering, quick_xml::Error> {
    let mut numbering = Numbering::default();
    // The abstract list and level being read, or the list and level of a
    // start override.
    let mut abstract_id: Option<String> = None;
    let mut level: Option<(u8, Level)> = None;
    let mut num: Option<(String, String, BTreeMap<u8, u32>)> = None;
    let mut override_level: Option<u8> = None;
    let mut reader = Reader::from_str(xml);
    loop {
        match reader.read_event()? {
            Event::Start(e) | Event::Empty(e) => {
                let value = attr(&e, "val");
                match local(&e).as_str() {
                    "abstractNum" => abstract_id = attr(&e, "abstractNumId"),
                    "num" => num = attr(&e, "numId").map(|id| (id, String::new(), BTreeMap::new())),
                    "abstractNumId" => {
                        if let (Some(num), Some(v)) = (&mut num, value) {
                            num.1 = v;
                        }
                    }
                    "lvlOverride" => override_level = attr(&e, "ilvl").and_then(|v| v.parse().ok()),
                    "startOverride" => {
                        if let (Some(num), Some(l)) = (&mut num, override_level) {
                            num.2
                                .insert(l, value.and_then(|v| v.parse().ok()).unwrap_or(1));
                        }
                    }
                    "lvl" if num.is_none() => {
                        let ilvl = attr(&e, "ilvl").and_then(|v| v.parse().ok()).unwrap_or(0);
                        level = Some((
                            ilvl,
                            Level {
                                start: 1,
                                ..Level::default()
                            },
                        ));
                    }
                    field => {
                        if let Some((_, level)) = &mut level {
                            set_level_field(level, field, value.unwrap_or_default());
                        }
                    }
                }
            }
            Event::End(e) => match e.local_name().as_ref() {
                b"lvl" => {
                    if let (Some(id), Some((ilvl, def))) = (&abstract_id, level.take()) {
                        numbering
                            .abstract_lists
                            .entry(id.clone())
                            .or_default()
                            .insert(ilvl, def);
                    }
                }
                b"abstractNum" => abstract_id = None,
                b"num" => {
                    if let Some((id, abstract_id, overrides)) = num.take() {
                        numbering.lists.insert(id, (abstract_id, overrides));
                    }
                }
                _ => {}
            },
            Event::Eof => return Ok(numbering),
            _ => {}
        }
    }
}

fn set_level_field(level: &mut Level, field: &str, value: String) {
    match field {
        "start" => level.start = value.parse().unwrap_or(1),
        "numFmt" => level.format = value,
        "lvlText" => level.text = value,
        "isLgl" => level.legal = value != "0" && value != "false",
        "suff" => {
            level.suffix = match value.as_str() {
                "space" => Suffix::Space,
                "nothing" => Suffix::Nothing,
                _ => Suffix::Tab,
            }
        }
        _ => {}
    }
}

// ---------------------------------------------------------------------------
// document.xml

/// Reads the body: paragraphs and tables, in order.
struct Body {
    styles: Styles,
    numbering: Numbering,
    blocks: Vec<Block>,
    /// Tables being read, innermost last (a table in a cell is read into
    /// that cell's paragraphs).
    tables: Vec<Table>,
    paragraph: Option<ParagraphState>,
    paragraphs: usize,
    /// Inside `w:del`, `w:instrText`, `w:delText`: text not shown.
    hidden: usize,
    in_text: bool,
    in_run: bool,
}

#[derive(Default)]
struct ParagraphState {
    text: String,
    style: Option<String>,
    list: (Option<String>, Option<u8>),
    heading: Option<u8>,
    in_properties: bool,
}

impl Body {
    fn new(styles: Styles, numbering: Numbering) -> Body {
        Body {
            styles,
            numbering,
            blocks: Vec::new(),
            tables: Vec::new(),
            paragraph: None,
            paragraphs: 0,
            hidden: 0,
            in_text: false,
            in_run: false,
        }
    }

    fn read(mut self, xml: &str) -> Result<Vec<Block>, quick_xml::Error> {
        let mut reader = Reader::from_str(xml);
        loop {
            match reader.read_event()? {
                Event::Start(e) => self.start(&e, false),
                Event::Empty(e) => self.start(&e, true),
                Event::End(e) => self.end(e.local_name().as_ref()),
                Event::Text(t) if self.in_text => {
                    let text = t.decode().map_err(quick_xml::Error::from)?;
                    self.push_text(&text);
                }
                // `&amp;`, `&#x4E00;`: quick-xml hands references over apart
                // from the text around them.
                Event::GeneralRef(r) if self.in_text => {
                    let named = r.decode().map_err(quick_xml::Error::from)?;
                    let resolved = match r.resolve_char_ref()? {
                        Some(c) => c.to_string(),
                        None => quick_xml::escape::resolve_predefined_entity(&named)
                            .unwrap_or_default()
                            .to_string(),
                    };
                    self.push_text(&resolved);
                }
                Event::Eof => return Ok(self.blocks),
                _ => {}
            }
        }
    }

    fn push_text(&mut self, text: &str) {
        if let (Some(p), 0) = (&mut self.paragraph, self.hidden) {
            p.text.push_str(text);
        }
    }

    fn start(&mut self, e: &BytesStart, empty: bool) {
        let name = local(e);
        match name.as_str() {
            "p" => {
                self.paragraph = Some(ParagraphState::default());
                if empty {
                    self.end(b"p");
                }
            }
            "tbl" => self.tables.push(Table::default()),
            "tr" => {
                if let Some(t) = self.tables.last_mut() {
                    t.rows.push(Vec::new());
                }
            }
            "tc" => {
                if let Some(row) = self.tables.last_mut().and_then(|t| t.rows.last_mut()) {
                    row.push(Cell::default());
                }
            }
            "vMerge" => {
                // `w:vMerge` without `restart` continues the cell above.
                let continues = attr(e, "val").is_none_or(|v| v == "continue");
                if let Some(cell) = self.cell() {
                    cell.continues_above = continues;
                }
            }
            "del" | "instrText" | "delText" if !empty => self.hidden += 1,
            "r" => self.in_run = true,
            "t" => self.in_text = !empty,
            "tab" | "br" | "cr" if self.in_run && self.hidden == 0 => {
                if let Some(p) = &mut self.paragraph {
                    p.text.push(if name == "tab" { '\t' } else { '\n' });
                }
            }
            _ => self.paragraph_property(&name, e),
        }
    }

    fn paragraph_property(&mut self, name: &str, e: &BytesStart) {
        let Some(p) = &mut self.paragraph else {
            return;
        };
        match name {
            "pPr" => p.in_properties = true,
            "pStyle" if p.in_properties => p.style = attr(e, "val"),
            "numId" if p.in_properties => p.list.0 = attr(e, "val"),
            "ilvl" if p.in_properties => p.list.1 = attr(e, "val").and_then(|v| v.parse().ok()),
            "outlineLvl" if p.in_properties => {
                let level = attr(e, "val").and_then(|v| v.parse::<u8>().ok());
                p.heading = level.filter(|l| *l < 9).map(|l| l + 1);
            }
            _ => {}
        }
    }

    fn end(&mut self, name: &[u8]) {
        match name {
            b"p" => self.finish_paragraph(),
            b"tbl" => self.finish_table(),
            b"pPr" => {
                if let Some(p) = &mut self.paragraph {
                    p.in_properties = false;
                }
            }
            b"del" | b"instrText" | b"delText" => self.hidden = self.hidden.saturating_sub(1),
            b"r" => self.in_run = false,
            b"t" => self.in_text = false,
            _ => {}
        }
    }

    fn cell(&mut self) -> Option<&mut Cell> {
        self.tables.last_mut()?.rows.last_mut()?.last_mut()
    }

    fn finish_paragraph(&mut self) {
        let Some(state) = self.paragraph.take() else {
            return;
        };
        self.paragraphs += 1;
        let (style_heading, style_list) = match &state.style {
            Some(id) => self.styles.resolved(id),
            None => (None, (None, None)),
        };
        let num = state.list.0.or(style_list.0).filter(|id| id != "0");
        let level = state.list.1.or(style_list.1).unwrap_or(0);
        let label = num.and_then(|num| self.numbering.next_label(&num, level));
        // A line break (Shift+Enter) inside a numbered item only wraps it.
        let text = match label.is_some() {
            true => join_line_breaks(&state.text),
            false => state.text.clone(),
        };
        let paragraph = Paragraph {
            text: label.unwrap_or_default() + &text,
            heading: state.heading.or(style_heading),
            number: self.paragraphs,
        };
        match self.cell() {
            Some(cell) => cell.paragraphs.push(paragraph),
            None => self.blocks.push(Block::Paragraph(paragraph)),
        }
    }

    fn finish_table(&mut self) {
        let Some(mut table) = self.tables.pop() else {
            return;
        };
        match self.cell() {
            // A table inside a cell: its cells' paragraphs join the cell.
            Some(cell) => {
                let inner = table.rows.into_iter().flatten();
                cell.paragraphs.extend(inner.flat_map(|c| c.paragraphs));
            }
            None => {
                let tables = self.blocks.iter().filter(|b| matches!(b, Block::Table(_)));
                table.number = tables.count() + 1;
                self.blocks.push(Block::Table(table));
            }
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use std::io::Write;

    use super::*;

    /// A `.docx` of the given parts, as Word lays out its zip.
    pub fn docx(parts: &[(&str, &str)]) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default();
        for (name, text) in parts {
            zip.start_file(*name, options).unwrap();
            zip.write_all(text.as_bytes()).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    const W: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";

    pub fn document(body: &str) -> String {
        format!("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:document {W}><w:body>{body}</w:body></w:document>")
    }

    fn p(text: &str) -> String {
        format!("<w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>")
    }

    fn listed(num: u32, level: u8, text: &str) -> String {
        format!("<w:p><w:pPr><w:numPr><w:ilvl w:val=\"{level}\"/><w:numId w:val=\"{num}\"/></w:numPr></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>")
    }

    const NUMBERING: &str = r#"<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
      <w:abstractNum w:abstractNumId="3">
        <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl>
        <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/><w:suff w:val="nothing"/></w:lvl>
        <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimalEnclosedCircle"/><w:lvlText w:val="%3"/><w:suff w:val="nothing"/></w:lvl>
      </w:abstractNum>
      <w:abstractNum w:abstractNumId="4">
        <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="（%1）"/><w:suff w:val="nothing"/></w:lvl>
      </w:abstractNum>
      <w:num w:numId="1"><w:abstractNumId w:val="3"/></w:num>
      <w:num w:numId="2"><w:abstractNumId w:val="4"/></w:num>
    </w:numbering>"#;

    const STYLES: &str = r#"<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
      <w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
      <w:style w:type="paragraph" w:styleId="DutyList"><w:name w:val="职责列表"/><w:pPr><w:numPr><w:numId w:val="2"/></w:numPr></w:pPr></w:style>
    </w:styles>"#;

    fn texts(blocks: &[Block]) -> Vec<String> {
        let mut out = Vec::new();
        for block in blocks {
            match block {
                Block::Paragraph(p) => out.push(p.text.clone()),
                Block::Table(t) => {
                    for row in &t.rows {
                        let cells: Vec<String> = row.iter().map(Cell::text).collect();
                        out.push(cells.join(" | "));
                    }
                }
            }
        }
        out
    }

    #[test]
    fn automatic_numbers_are_shown_as_word_shows_them() {
        let body = [
            listed(1, 0, "岗位职责"),
            listed(1, 1, "负责门店运营"),
            listed(1, 2, "排班"),
            listed(1, 2, "考勤"),
            listed(1, 1, "负责盘点"),
            listed(1, 0, "任职资格"),
            listed(1, 1, "大专以上学历"),
            "<w:p><w:pPr><w:pStyle w:val=\"DutyList\"/></w:pPr><w:r><w:t>按样式编号</w:t></w:r></w:p>".to_string(),
        ]
        .concat();
        let file = docx(&[
            ("word/document.xml", &document(&body)),
            ("word/numbering.xml", NUMBERING),
            ("word/styles.xml", STYLES),
        ]);
        let blocks = read(&file).unwrap();
        assert_eq!(
            texts(&blocks),
            [
                "一、岗位职责",
                "1.负责门店运营",
                "①排班",
                "②考勤",
                "2.负责盘点",
                "二、任职资格",
                "1.大专以上学历",
                "（1）按样式编号"
            ]
        );
    }

    #[test]
    fn headings_tabs_breaks_and_hidden_text() {
        let body = format!(
            "<w:p><w:pPr><w:pStyle w:val=\"1\"/></w:pPr><w:r><w:t>店长</w:t></w:r></w:p>\
             <w:p><w:r><w:t>岗位名称：</w:t></w:r><w:r><w:tab/><w:t>店长</w:t><w:br/><w:t>第二行</w:t></w:r>\
             <w:del><w:r><w:delText>删掉的字</w:delText></w:r></w:del>\
             <w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r></w:p>{}",
            p("&lt;说明&gt; &amp; 备注")
        );
        let blocks = read(&docx(&[
            ("word/document.xml", &document(&body)),
            ("word/styles.xml", STYLES),
        ]))
        .unwrap();
        let Block::Paragraph(heading) = &blocks[0] else {
            panic!("{blocks:?}")
        };
        assert_eq!(heading.heading, Some(1));
        assert_eq!(
            texts(&blocks)[1..],
            ["岗位名称：\t店长\n第二行", "<说明> & 备注"]
        );
    }

    #[test]
    fn tables_keep_cells_with_several_paragraphs_and_merge_once() {
        let cell =
            |content: &str, merge: &str| format!("<w:tc><w:tcPr>{merge}</w:tcPr>{content}</w:tc>");
        let body = format!(
            "<w:tbl><w:tr>{}{}</w:tr><w:tr>{}{}</w:tr><w:tr>{}{}</w:tr></w:tbl>",
            cell(&p("岗位职责"), "<w:vMerge w:val=\"restart\"/>"),
            cell(&[p("1.负责运营"), p("2.负责盘点")].concat(), ""),
            cell(&p(""), "<w:vMerge/>"),
            cell(&p("3.负责培训"), ""),
            cell(&p("岗位名称"), ""),
            cell(&p("店长"), ""),
        );
        let blocks = read(&docx(&[("word/document.xml", &document(&body))])).unwrap();
        let Block::Table(table) = &blocks[0] else {
            panic!("{blocks:?}")
        };
        assert_eq!(table.number, 1);
        assert!(table.rows[1][0].continues_above);
        assert_eq!(table.rows[0][1].paragraphs.len(), 2);
    }

    #[test]
    fn files_that_are_not_word_documents_are_refused() {
        assert!(matches!(read(b"plain text"), Err(DocxError::Container(_))));
        let empty = docx(&[("other.xml", "<x/>")]);
        assert!(matches!(read(&empty), Err(DocxError::Container(_))));
        let broken = docx(&[("word/document.xml", "<w:document><w:body><w:p></w:body>")]);
        assert!(read(&broken).is_err());
    }
}

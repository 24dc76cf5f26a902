//! The import corpus (`tests/fixtures/import-corpus/`): job descriptions
//! as HR departments of many industries write them, in every input format,
//! encoding and layout `handbook import` reads, each with what an HR reader
//! says it holds (`*.expected.yaml`). Every file is imported and scored: its
//! documents, roles, superiors, facts and the item count of every field must
//! be exact, and every sentence of the file must be in the output.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use handbook::convert::{Converter, OpenccConfig};
use handbook::import::{import_file, labels, ImportOptions};
use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use serde::Deserialize;

use super::office;

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import-corpus")
}

/// What an HR reader says a file holds.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Expected {
    #[serde(default)]
    encoding: Option<String>,
    #[serde(default)]
    line_endings: Option<String>,
    documents: Vec<Document>,
    #[serde(default)]
    left_out: Vec<String>,
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
struct Document {
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    organization: Option<String>,
    /// Document control read from a revision or approval block: version,
    /// effective (an ISO date), prepared_by, reviewed_by, approved_by.
    #[serde(default)]
    control: BTreeMap<String, String>,
    roles: Vec<Role>,
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
struct Role {
    title: String,
    #[serde(default)]
    superior: Option<String>,
    #[serde(default)]
    facts: BTreeMap<String, String>,
    #[serde(default)]
    items: BTreeMap<String, usize>,
    #[serde(default)]
    sections: BTreeMap<String, usize>,
}

impl Document {
    fn in_simplified(&self, converter: &Converter) -> Document {
        let simplified = |t: &String| converter.convert(t);
        Document {
            title: self.title.as_ref().map(simplified),
            organization: self.organization.as_ref().map(simplified),
            control: (self.control.iter())
                .map(|(k, v)| (k.clone(), simplified(v)))
                .collect(),
            roles: self
                .roles
                .iter()
                .map(|r| Role {
                    title: simplified(&r.title),
                    superior: r.superior.as_ref().map(simplified),
                    facts: (r.facts.iter())
                        .map(|(k, v)| (k.clone(), simplified(v)))
                        .collect(),
                    items: r.items.clone(),
                    sections: (r.sections.iter())
                        .map(|(k, v)| (simplified(k), *v))
                        .collect(),
                })
                .collect(),
        }
    }
}

/// A case: its expected file and its source.
struct Case {
    name: String,
    source: PathBuf,
    expected: Expected,
}

/// Descriptions of Word and Excel files, text files, and Word and Excel
/// files as Word, Excel or a library wrote them.
const SOURCE_KINDS: [&str; 6] = [".docx.txt", ".xlsx.txt", ".txt", ".csv", ".docx", ".xlsx"];

/// Whether the case's source is a committed Word or Excel file.
fn is_binary(case: &Case) -> bool {
    let name = case.source.to_string_lossy();
    SOURCE_KINDS[4..].iter().any(|k| name.ends_with(k))
}

/// Every case, or with `HANDBOOK_CORPUS=name,…` (names or their starts)
/// only those, for work on one file.
fn cases() -> Vec<Case> {
    let only: Vec<String> = std::env::var("HANDBOOK_CORPUS")
        .map(|v| v.split(',').map(str::to_string).collect())
        .unwrap_or_default();
    let mut names: Vec<String> = fs::read_dir(corpus_dir())
        .expect("the corpus folder")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter_map(|n| n.strip_suffix(".expected.yaml").map(str::to_string))
        .filter(|n| only.is_empty() || only.iter().any(|o| n.starts_with(o.as_str())))
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|name| {
            let source = SOURCE_KINDS
                .iter()
                .map(|kind| corpus_dir().join(format!("{name}{kind}")))
                .find(|p| p.is_file())
                .unwrap_or_else(|| panic!("{name}: no source file beside its expected file"));
            let text = fs::read_to_string(corpus_dir().join(format!("{name}.expected.yaml")))
                .expect("readable");
            let expected =
                serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{name}.expected.yaml: {e}"));
            Case {
                name,
                source,
                expected,
            }
        })
        .collect()
}

/// The file as the HR department would hand it over: built from its
/// description, or re-encoded with its line endings.
fn input_file(case: &Case, dir: &Path) -> PathBuf {
    if is_binary(case) {
        return case.source.clone();
    }
    let text = fs::read_to_string(&case.source).expect("corpus sources are UTF-8");
    let file_name = case
        .source
        .file_name()
        .unwrap()
        .to_string_lossy()
        .to_string();
    let (name, bytes) = if let Some(stem) = file_name.strip_suffix(".docx.txt") {
        (format!("{stem}.docx"), office::docx(&text))
    } else if let Some(stem) = file_name.strip_suffix(".xlsx.txt") {
        (format!("{stem}.xlsx"), office::xlsx(&text))
    } else {
        let text = with_line_endings(&text, case.expected.line_endings.as_deref());
        (file_name, encode(&text, case.expected.encoding.as_deref()))
    };
    let path = dir.join(name);
    fs::write(&path, bytes).expect("write input");
    path
}

fn with_line_endings(text: &str, endings: Option<&str>) -> String {
    match endings.unwrap_or("lf") {
        "lf" => text.to_string(),
        "crlf" => text.replace('\n', "\r\n"),
        "cr" => text.replace('\n', "\r"),
        other => panic!("unknown line_endings {other}"),
    }
}

fn encode(text: &str, encoding: Option<&str>) -> Vec<u8> {
    let utf16 = |big: bool| -> Vec<u8> {
        let bom = if big { [0xFE, 0xFF] } else { [0xFF, 0xFE] };
        let units = text.encode_utf16().flat_map(|u| match big {
            true => u.to_be_bytes(),
            false => u.to_le_bytes(),
        });
        bom.into_iter().chain(units).collect()
    };
    let label = match encoding.unwrap_or("utf-8") {
        "utf-8" => return text.as_bytes().to_vec(),
        "utf-8-bom" => return [&[0xEF, 0xBB, 0xBF][..], text.as_bytes()].concat(),
        "utf-16le" => return utf16(false),
        "utf-16be" => return utf16(true),
        other => other,
    };
    let encoding = encoding_rs::Encoding::for_label(label.as_bytes())
        .unwrap_or_else(|| panic!("unknown encoding {label}"));
    let (bytes, _, unmappable) = encoding.encode(text);
    assert!(!unmappable, "the text has characters {label} cannot encode");
    bytes.into_owned()
}

/// A content file's front matter and body.
fn read_content(path: &Path) -> (serde_yaml::Mapping, String) {
    let text = fs::read_to_string(path).expect("readable");
    let rest = text.strip_prefix("---\n").expect("front matter");
    let end = rest.find("\n---\n").expect("front matter ends");
    let yaml = serde_yaml::from_str(&rest[..end + 1])
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    (yaml, rest[end + 5..].to_string())
}

fn text(map: &serde_yaml::Mapping, key: &str) -> Option<String> {
    map.get(key).and_then(|v| v.as_str()).map(str::to_string)
}

/// Top-level list items and paragraphs of a Markdown body.
fn top_level_items(markdown: &str) -> usize {
    let mut depth = 0usize;
    let mut count = 0;
    for event in Parser::new(markdown) {
        match event {
            Event::Start(Tag::Item) => {
                if depth == 1 {
                    count += 1;
                }
                depth += 1;
            }
            Event::End(TagEnd::Item) => depth -= 1,
            Event::Start(Tag::List(_)) => depth += 1,
            Event::End(TagEnd::List(_)) => depth -= 1,
            Event::Start(Tag::Paragraph) if depth == 0 => count += 1,
            _ => {}
        }
    }
    count
}

const LIST_FIELDS: [&str; 9] = [
    "purpose",
    "key_responsibility",
    "authority",
    "internal_relations",
    "external_relations",
    "qualifications",
    "environment",
    "kpis",
    "career",
];
const CONTROL: [&str; 5] = [
    "version",
    "effective",
    "prepared_by",
    "reviewed_by",
    "approved_by",
];
const FACTS: [&str; 5] = ["department", "code", "grade", "headcount", "location"];

/// The imported content read back in the expected file's terms, and all its
/// text.
fn read_back(content: &Path) -> (Vec<Document>, String) {
    let mut folders: Vec<PathBuf> = fs::read_dir(content)
        .expect("content written")
        .filter_map(|e| Some(e.ok()?.path()))
        .filter(|p| p.is_dir())
        .collect();
    folders.sort();
    let mut all_text = String::new();
    let mut documents = Vec::new();
    for folder in folders {
        let (index, duties) = read_content(&folder.join("_index.md"));
        all_text.push_str(&fs::read_to_string(folder.join("_index.md")).unwrap());
        let _ = duties;
        let mut roles: Vec<(i64, String, serde_yaml::Mapping, String)> = Vec::new();
        for entry in fs::read_dir(&folder).unwrap().filter_map(Result::ok) {
            let path = entry.path();
            let stem = path.file_stem().unwrap().to_string_lossy().to_string();
            if stem == "_index" {
                continue;
            }
            all_text.push_str(&fs::read_to_string(&path).unwrap());
            let (meta, body) = read_content(&path);
            let weight = meta.get("weight").and_then(|w| w.as_i64()).unwrap_or(0);
            roles.push((weight, stem, meta, body));
        }
        roles.sort_by_key(|r| r.0);
        let titles: BTreeMap<String, String> = roles
            .iter()
            .map(|(_, id, meta, _)| (id.clone(), text(meta, "title").unwrap_or_default()))
            .collect();
        let roles = roles
            .iter()
            .map(|(_, _, meta, body)| role_read_back(meta, body, &titles))
            .collect();
        let control = CONTROL
            .iter()
            .filter_map(|k| Some((k.to_string(), text(&index, k)?)))
            .collect();
        documents.push(Document {
            title: text(&index, "title"),
            organization: text(&index, "organization"),
            control,
            roles,
        });
    }
    (documents, all_text)
}

fn role_read_back(
    meta: &serde_yaml::Mapping,
    body: &str,
    titles: &BTreeMap<String, String>,
) -> Role {
    let superior = text(meta, "reports_to").map(|s| titles.get(&s).cloned().unwrap_or(s));
    let facts = FACTS
        .iter()
        .filter_map(|k| Some((k.to_string(), text(meta, k)?)))
        .collect();
    let mut items: BTreeMap<String, usize> = LIST_FIELDS
        .iter()
        .filter_map(|k| Some((k.to_string(), meta.get(*k)?.as_sequence()?.len())))
        .collect();
    let duties = top_level_items(body);
    if duties > 0 {
        items.insert("duties".into(), duties);
    }
    let sections = meta
        .get("sections")
        .and_then(|s| s.as_sequence())
        .into_iter()
        .flatten()
        .filter_map(|s| {
            let label = s.get("label")?.as_str()?.to_string();
            let n = s
                .get("items")
                .and_then(|i| i.as_sequence())
                .map_or(0, Vec::len);
            Some((label, n))
        })
        .collect();
    Role {
        title: text(meta, "title").unwrap_or_default(),
        superior,
        facts,
        items,
        sections,
    }
}

/// What differs between what the reader expects and what was imported.
fn differences(expected: &[Document], actual: &[Document]) -> Vec<String> {
    let mut out = Vec::new();
    if expected.len() != actual.len() {
        out.push(format!(
            "{} documents, expected {}",
            actual.len(),
            expected.len()
        ));
    }
    for (d, (want, got)) in expected.iter().zip(actual).enumerate() {
        let at = format!("document {}", d + 1);
        if want.title.is_some() && want.title != got.title {
            out.push(format!(
                "{at}: title {:?}, expected {:?}",
                got.title, want.title
            ));
        }
        if want.control != got.control {
            out.push(format!(
                "{at}: control {:?}, expected {:?}",
                got.control, want.control
            ));
        }
        if want.organization.is_some() && want.organization != got.organization {
            out.push(format!(
                "{at}: organization {:?}, expected {:?}",
                got.organization, want.organization
            ));
        }
        let got_titles: Vec<&str> = got.roles.iter().map(|r| r.title.as_str()).collect();
        let want_titles: Vec<&str> = want.roles.iter().map(|r| r.title.as_str()).collect();
        if got_titles != want_titles {
            out.push(format!(
                "{at}: roles {got_titles:?}, expected {want_titles:?}"
            ));
            continue;
        }
        for (want, got) in want.roles.iter().zip(&got.roles) {
            if want != got {
                out.push(format!(
                    "{at}, {}: imported {got:?}\n    expected {want:?}",
                    want.title
                ));
            }
        }
    }
    out
}

/// Words of a text for comparison: Simplified, ideographs and ASCII letters
/// and digits only, dates as ISO dates (the importer writes `2024年3月1日`
/// as `2024-03-01`).
fn words(converter: &Converter, text: &str) -> String {
    let date = regex::Regex::new(
        r"(\d{4})\s*(?:年|-|/|\.)\s*(\d{1,2})\s*(?:月|-|/|\.)\s*(\d{1,2})\s*[日号]?",
    )
    .expect("a valid pattern");
    let text = date.replace_all(text, |c: &regex::Captures| {
        let n = |i: usize| c[i].parse::<u32>().unwrap_or(0);
        format!("{:04}{:02}{:02}", n(1), n(2), n(3))
    });
    converter
        .convert(&text)
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || is_ideograph(*c))
        .collect::<String>()
        .to_lowercase()
}

fn is_ideograph(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FFFF)
}

/// A number a reader sees as numbering, at the start of `text`: `1、`,
/// `（一）`, `1.1 `, `第二节`, `①`.
fn strip_marker(text: &str) -> &str {
    let text = text.trim_start();
    const CIRCLED: &str = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇";
    if let Some(c) = text.chars().next().filter(|c| CIRCLED.contains(*c)) {
        return &text[c.len_utf8()..];
    }
    let numeral = |c: char| {
        c.is_ascii_alphanumeric() || "一二三四五六七八九十百壹贰叁肆伍陆柒捌玖拾貳參陸".contains(c)
    };
    if let Some(rest) = text.strip_prefix('第') {
        let end = rest.find(|c: char| !numeral(c)).unwrap_or(rest.len());
        if let Some(after) = rest[end..].strip_prefix(['节', '節', '篇']) {
            return after;
        }
    }
    let (open, inner) = match text.strip_prefix(['（', '(']) {
        Some(inner) => (true, inner),
        None => (false, text),
    };
    let end = inner
        .find(|c: char| !(numeral(c) || c == '.'))
        .unwrap_or(inner.len());
    if end == 0 || end > 8 {
        return text;
    }
    let after = &inner[end..];
    let closers: &[char] = if open {
        &['）', ')']
    } else {
        &['、', '.', '．', ')', '）', ' ']
    };
    match after.strip_prefix(closers) {
        Some(rest) => rest,
        // `2.8年以上`: the `.` is in the number's run; the marker is `2.`.
        None if !open && inner[..end].contains('.') => {
            let first = inner.find('.').unwrap_or(0);
            &inner[first + 1..]
        }
        None => text,
    }
}

/// Sentences and values of the source that must be in the output.
fn source_pieces(case: &Case) -> Vec<String> {
    let text = match is_binary(case) {
        true => office_file_text(&case.source),
        false => fs::read_to_string(&case.source).expect("readable"),
    };
    let is_office = SOURCE_KINDS[..2]
        .iter()
        .any(|k| case.source.to_string_lossy().ends_with(k));
    let mut pieces = Vec::new();
    for line in text.lines() {
        let line = match is_office {
            true => office_text(line),
            false => line.to_string(),
        };
        for piece in line.split([
            '。', '；', ';', '！', '？', '\t', '：', ':', '|', '　', '"', ',', '【', '】', '、',
        ]) {
            let piece = piece.trim().replace("\\n", " ");
            for part in piece.split(' ') {
                let part = strip_marker(strip_marker(part.trim())).trim();
                // `一、…` split at its `、`: the numeral is numbering.
                let numeral = part
                    .chars()
                    .all(|c| "一二三四五六七八九十壹貳贰叁參肆伍陸陆柒捌玖拾".contains(c));
                if !part.is_empty() && !numeral && labels::field_of_label(part).is_none() {
                    pieces.push(part.to_string());
                }
            }
        }
    }
    pieces
}

/// The text of a Word or Excel file, a paragraph or a cell to a line, read
/// with zip and a pattern, apart from the importer's own readers.
fn office_file_text(path: &Path) -> String {
    let file = fs::File::open(path).expect("the corpus file");
    let mut zip = zip::ZipArchive::new(file).expect("a Word or Excel file");
    let names: Vec<String> = zip.file_names().map(str::to_string).collect();
    let texts = regex::Regex::new(r"<(?:w:)?t(?:\s[^>]*)?>([^<]*)</(?:w:)?t>").expect("a pattern");
    // openpyxl writes `&#20016;`.
    let numeric = regex::Regex::new(r"&#(x?)([0-9A-Fa-f]+);").expect("a pattern");
    let mut out = String::new();
    for name in names {
        let part = name == "word/document.xml"
            || name == "xl/sharedStrings.xml"
            || (name.starts_with("xl/worksheets/") && name.ends_with(".xml"));
        if !part {
            continue;
        }
        let mut xml = String::new();
        std::io::Read::read_to_string(&mut zip.by_name(&name).expect("a part"), &mut xml)
            .expect("UTF-8 XML");
        // A paragraph, a shared string or a cell ends a line.
        let xml = xml.replace("</w:p>", "</c>").replace("</si>", "</c>");
        for block in xml.split("</c>") {
            let line: String = texts
                .captures_iter(block)
                .map(|c| c[1].to_string())
                .collect();
            let line = numeric.replace_all(&line, |c: &regex::Captures| {
                let radix = if c[1].is_empty() { 10 } else { 16 };
                u32::from_str_radix(&c[2], radix)
                    .ok()
                    .and_then(char::from_u32)
                    .map_or(String::new(), String::from)
            });
            let line = line
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&apos;", "'")
                .replace("&amp;", "&");
            out.push_str(&line);
            out.push('\n');
        }
    }
    out
}

/// The text of a line of a Word or Excel description, without its tag.
fn office_text(line: &str) -> String {
    let (word, rest) = line.split_once(' ').unwrap_or((line, ""));
    match word {
        "SHEET" => rest.to_string(),
        "TABLE" | "ROW" | "CELL" | "END" => String::new(),
        w if w.starts_with('H') || w.starts_with('P') || w.starts_with('N') => rest.to_string(),
        _ => line.to_string(),
    }
}

/// The source's pieces not found in the output.
fn missing_sentences(case: &Case, output: &str, converter: &Converter) -> Vec<String> {
    let output = words(converter, output);
    let left_out: Vec<String> = case
        .expected
        .left_out
        .iter()
        .map(|t| words(converter, t))
        .collect();
    source_pieces(case)
        .into_iter()
        .filter(|piece| {
            let w = words(converter, piece);
            let shortened = ["岗位说明书", "职位说明书", "岗位职责", "职责"]
                .iter()
                .find_map(|s| w.strip_suffix(s))
                .unwrap_or(&w)
                .to_string();
            !w.is_empty()
                && !output.contains(&w)
                && !output.contains(&shortened)
                && !left_out.iter().any(|l| l.contains(&w))
        })
        .collect()
}

/// One case: its differences and lost sentences, empty when exact.
fn score(case: &Case, converter: &Converter) -> Vec<String> {
    let dir = tempfile::tempdir().expect("temp dir");
    let input = input_file(case, dir.path());
    let content = dir.path().join("content");
    if let Err(e) = import_file(&input, &content, &ImportOptions::default()) {
        return vec![format!("import failed: {e}")];
    }
    let (actual, text) = read_back(&content);
    // The importer writes Simplified, whatever the source's script.
    let expected: Vec<Document> = case
        .expected
        .documents
        .iter()
        .map(|d| d.in_simplified(converter))
        .collect();
    let mut problems = differences(&expected, &actual);
    for lost in missing_sentences(case, &text, converter) {
        problems.push(format!("lost: {lost}"));
    }
    problems
}

#[test]
fn every_file_of_the_corpus_imports_exactly_with_nothing_lost() {
    let cases = cases();
    let converter = Converter::new(OpenccConfig::T2s);
    let mut report = String::new();
    let mut exact = 0;
    for case in &cases {
        let problems = score(case, &converter);
        if problems.is_empty() {
            exact += 1;
            continue;
        }
        let _ = writeln!(report, "{}:", case.name);
        for p in problems {
            let _ = writeln!(report, "  {p}");
        }
    }
    assert!(
        report.is_empty(),
        "{exact} of {} files exact:\n{report}",
        cases.len()
    );
    if std::env::var_os("HANDBOOK_CORPUS").is_none() {
        assert!(cases.len() >= 20, "the corpus has {} files", cases.len());
    }
}

#[test]
fn the_corpus_covers_every_format_encoding_and_eight_industries() {
    let cases = cases();
    let kinds: Vec<&str> = SOURCE_KINDS
        .iter()
        .copied()
        .filter(|k| {
            cases
                .iter()
                .any(|c| c.source.to_string_lossy().ends_with(k))
        })
        .collect();
    assert_eq!(kinds.len(), SOURCE_KINDS.len(), "formats: {kinds:?}");
    for encoding in [
        "utf-8-bom",
        "gbk",
        "gb18030",
        "big5",
        "utf-16le",
        "utf-16be",
    ] {
        assert!(
            cases
                .iter()
                .any(|c| c.expected.encoding.as_deref() == Some(encoding)),
            "no file in {encoding}"
        );
    }
    for endings in ["crlf", "cr"] {
        assert!(
            cases
                .iter()
                .any(|c| c.expected.line_endings.as_deref() == Some(endings)),
            "no file with {endings} line endings"
        );
    }
    let industries: std::collections::BTreeSet<&str> = cases
        .iter()
        .filter_map(|c| c.name.split('-').nth(1))
        .collect();
    assert!(industries.len() >= 8, "industries: {industries:?}");
}

#[test]
fn numbering_markers_are_stripped_as_a_reader_sees_them() {
    for (text, rest) in [
        ("1、负责", "负责"),
        ("（一）组织", "组织"),
        ("(3)检查", "检查"),
        ("①记录", "记录"),
        ("1.1 制定", "制定"),
        ("2.8年以上", "8年以上"),
        ("第二节 店长", " 店长"),
        ("5年以上经验", "5年以上经验"),
        ("ISO9001", "ISO9001"),
    ] {
        assert_eq!(strip_marker(text), rest, "{text}");
    }
}

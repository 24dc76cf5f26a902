//! `handbook import` of Word files of generated job descriptions: each role
//! a standard 岗位说明书 table (title, department, superior, duties as a
//! list Word numbers, qualifications), as HR departments keep them. Prints
//! a Markdown table for docs/benchmarks.md.
//!
//! `cargo bench --bench import` (`HANDBOOK_BENCH_IMPORT_ROLES=100,1000`).

mod support;

use std::io::Write;

use support::{measure, ms};

use handbook::import::{import_files, ImportOptions};

const RUNS: usize = 5;

fn main() {
    let sizes: Vec<usize> = std::env::var("HANDBOOK_BENCH_IMPORT_ROLES")
        .unwrap_or_else(|_| "100,1000".to_string())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    println!("| roles | .docx size | import (median of {RUNS}) | per 100 roles | peak memory (at start) |");
    println!("|---:|---:|---:|---:|---:|");
    for roles in sizes {
        let dir = tempfile::tempdir().expect("temporary folder");
        let file = dir.path().join("岗位说明书.docx");
        let bytes = word_file(roles);
        std::fs::write(&file, &bytes).expect("write the Word file");
        let into = dir.path().join("content");
        let options = ImportOptions {
            force: true,
            ..Default::default()
        };
        let measured = measure(RUNS, || {
            let reports = import_files(std::slice::from_ref(&file), &into, &options)
                .expect("the Word file imports");
            assert_eq!(reports[0].roles, roles, "every role is read");
            assert_eq!(reports[0].untitled, 0, "every role is titled");
        });
        let median = measured.median();
        let per_100 = median.mul_f64(100.0 / roles as f64);
        println!(
            "| {roles} | {} KB | {} | {} | {} |",
            bytes.len() / 1024,
            ms(median),
            ms(per_100),
            measured.memory_cell()
        );
    }
}

const DUTIES: [&str; 6] = [
    "负责本岗位日常工作的计划、组织与实施；",
    "按照公司制度做好各项记录和报表，按时提交上级；",
    "配合其他部门完成跨部门协作事项；",
    "发现问题及时上报并提出改进建议；",
    "参加部门组织的业务培训与考核；",
    "完成上级临时交办的其他工作。",
];

/// A Word document of `roles` roles in ten departments: a manager per
/// department, reporting to 总经理, and staff reporting to their manager.
fn word_file(roles: usize) -> Vec<u8> {
    let mut body = String::from(&paragraph("某集团岗位说明书", None));
    for i in 0..roles {
        let department = format!("第{}事业部", i % 10 + 1);
        let (title, superior) = match i < 10 {
            true => (format!("{department}经理"), "总经理".to_string()),
            false => (
                format!("{department}专员{}", i / 10),
                format!("{department}经理"),
            ),
        };
        body.push_str(&role_table(&title, &department, &superior, i as u32 + 1));
    }
    // One list per table, each told to start at 1.
    let lists: String = (1..=roles)
        .map(|n| format!("<w:num w:numId=\"{n}\"><w:abstractNumId w:val=\"0\"/><w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"1\"/></w:lvlOverride></w:num>"))
        .collect();
    let document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}</w:body></w:document>"
    );
    let numbering = format!("<w:numbering xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:abstractNum w:abstractNumId=\"0\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%1、\"/><w:suff w:val=\"nothing\"/></w:lvl></w:abstractNum>{lists}</w:numbering>");
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    for (name, text) in [
        ("word/document.xml", document.as_str()),
        ("word/numbering.xml", numbering.as_str()),
    ] {
        zip.start_file(name, options).expect("zip entry");
        zip.write_all(text.as_bytes()).expect("zip write");
    }
    zip.finish().expect("zip").into_inner()
}

fn paragraph(text: &str, list: Option<u32>) -> String {
    let numbered = list.map_or(String::new(), |num| {
        format!("<w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"{num}\"/></w:numPr></w:pPr>")
    });
    format!("<w:p>{numbered}<w:r><w:t>{text}</w:t></w:r></w:p>")
}

fn cell(content: &str) -> String {
    format!("<w:tc>{content}</w:tc>")
}

/// One 岗位说明书: a table of label and value cells, its duties numbered
/// by Word list `list`.
fn role_table(title: &str, department: &str, superior: &str, list: u32) -> String {
    let duties: String = DUTIES.iter().map(|d| paragraph(d, Some(list))).collect();
    let rows = [
        [("岗位名称", title), ("所属部门", department)]
            .iter()
            .map(|(l, v)| cell(&paragraph(l, None)) + &cell(&paragraph(v, None)))
            .collect::<String>(),
        cell(&paragraph("直接上级", None)) + &cell(&paragraph(superior, None)),
        cell(&paragraph("岗位职责", None)) + &cell(&duties),
        cell(&paragraph("任职资格", None))
            + &cell(&paragraph("大专及以上学历，两年以上相关工作经验。", None)),
    ];
    let rows: String = rows.iter().map(|r| format!("<w:tr>{r}</w:tr>")).collect();
    format!("<w:tbl>{rows}</w:tbl>")
}

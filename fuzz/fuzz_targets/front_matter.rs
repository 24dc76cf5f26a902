//! Any bytes as a role file: decoding, front-matter parsing, validation and
//! rendering return errors, never panic.
#![no_main]

use std::path::{Path, PathBuf};

use handbook::content::source::{decode, SourceFile};
use handbook::content::{
    parse_source, DocumentMeta, Parsed, RawContent, RawDocument, RawRole, RoleMeta,
};
use handbook::render::Links;
use libfuzzer_sys::fuzz_target;

fn document() -> Parsed<DocumentMeta> {
    let text = "---\ntitle: 运营部\norganization: 某公司\nindustry: 零售\nsource: 第一篇\nexternal_superiors: [总经理]\n---\n1. 部门职责\n";
    let file = SourceFile {
        path: PathBuf::from("content/01-doc/_index.md"),
        text: text.to_string(),
    };
    parse_source(file).expect("the fixed document parses")
}

fuzz_target!(|data: &[u8]| {
    let path = Path::new("content/01-doc/fuzzed-role.md");
    let Ok(text) = decode(path, data.to_vec()) else {
        return;
    };
    let Ok(role) = parse_source::<RoleMeta>(SourceFile {
        path: path.to_path_buf(),
        text,
    }) else {
        return;
    };
    let raw = RawContent {
        documents: vec![RawDocument {
            dir_name: "01-doc".into(),
            dir: PathBuf::from("content/01-doc"),
            index: document(),
            roles: vec![RawRole {
                stem: "fuzzed-role".into(),
                parsed: role,
            }],
        }],
    };
    let config: handbook::config::Config =
        serde_yaml::from_str("title: 手册\n").expect("the fixed configuration parses");
    if let Ok(handbook) = handbook::model::validate(&config, &raw) {
        let writer = handbook::render::HtmlWriter::new(&handbook, false);
        for (_, role) in handbook.roles() {
            for links in [Links::Pages("../"), Links::Print] {
                let _ = writer.rich(&role.duties, links);
                let _ = writer.items(&role.qualifications, links);
            }
        }
    }
});

//! Any text given to the importer gives files that handbook can read back:
//! the importer never writes front matter the content loader rejects.
#![no_main]

use std::path::PathBuf;

use handbook::content::source::SourceFile;
use handbook::content::{parse_source, DocumentMeta, RoleMeta, INDEX_FILE};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (files, _report) = handbook::import::import_text(text);
    for file in files {
        let source = SourceFile {
            path: PathBuf::from(&file.path),
            text: file.text.clone(),
        };
        let parsed = if file.path.ends_with(INDEX_FILE) {
            parse_source::<DocumentMeta>(source).map(|_| ())
        } else {
            parse_source::<RoleMeta>(source).map(|_| ())
        };
        if let Err(e) = parsed {
            panic!(
                "the importer wrote a file it cannot read back: {e}\n{}",
                file.text
            );
        }
    }
});

//! Any bytes given as a text, Word, Excel or CSV file are read or refused with an
//! error, never a panic or a hang: the zip container and the XML inside are
//! input a user controls.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for name in ["job.txt", "job.docx", "job.xlsx", "job.csv"] {
        if let Ok(source) = handbook::import::source::read(name, data, None) {
            for line in &source.lines {
                let _ = line.place.to_string();
            }
        }
    }
});

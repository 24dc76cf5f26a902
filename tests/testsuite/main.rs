//! Every integration test, in one binary (as mdBook does): one link step
//! instead of one per file. Each module is one area of the handbook; run
//! one with `cargo test --test testsuite -- <module>::`.
//!
//! Helpers: [`fixture`], a small valid handbook in a temporary folder;
//! [`chromium`], the real content built once and a headless Chromium to
//! open it in.

mod chromium;
mod fixture;

/// The `handbook` binary, its messages in English: the tests of each area
/// read them in English, and `messages.rs` tests the Chinese.
pub fn handbook_command() -> std::process::Command {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_handbook"));
    command.env("HANDBOOK_LANG", "en");
    command
}

mod architecture;
mod authoring;
mod bad_input;
mod browser;
mod changes;
mod control;
mod engine_diff;
mod fields;
mod generate;
mod import;
mod import_corpus;
mod incremental;
mod injection_browser;
mod interrupt;
mod messages;
mod office;
mod opencc_suite;
mod orgchart;
mod output_safety;
mod print;
mod regional;
mod search_browser;
mod search_judged;
mod serve;
mod site;
mod themes;
mod variants;
mod variants_browser;

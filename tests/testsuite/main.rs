//! Every integration test, in one binary (as mdBook does): one link step
//! instead of one per file. Each module is one area of the handbook; run
//! one with `cargo test --test testsuite -- <module>::`.
//!
//! Helpers: [`fixture`], a small valid handbook in a temporary folder;
//! [`chromium`], the real content built once and a headless Chromium to
//! open it in.

mod chromium;
mod fixture;

mod architecture;
mod authoring;
mod bad_input;
mod browser;
mod engine_diff;
mod fields;
mod generate;
mod import;
mod import_corpus;
mod incremental;
mod injection_browser;
mod interrupt;
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

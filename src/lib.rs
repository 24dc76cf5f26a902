//! `handbook` builds a job-description handbook from Markdown and YAML sources.
//!
//! The build is a pipeline; each stage is a module and data flows forward:
//!
//! 1. [`config`] and [`content`] read `handbook.yaml` and `content/` into raw,
//!    unvalidated sources;
//! 2. [`model`] validates them into a [`model::Handbook`];
//! 3. [`convert`] produces one copy of the model per script variant;
//! 4. [`render`] turns each copy into pages with Tera;
//! 5. [`output`] writes the pages atomically.
//!
//! Beside the pipeline: [`import`] turns raw text documents into `content/`
//! files; [`check`] lints content; [`export`] writes the model as JSON or CSV;
//! [`scaffold`] starts new files; [`diagnostics`] shows errors to people.

// Content errors carry a whole diagnostic (file, line, field, hint) by value:
// they are the cold path, and boxing every one would only add noise.
#![allow(clippy::result_large_err)]

pub mod changes;
pub mod check;
pub mod config;
pub mod content;
pub mod convert;
pub mod diagnostics;
pub mod error;
pub mod export;
pub mod generate;
pub mod import;
pub mod incremental;
pub mod lint;
pub mod model;
pub mod orgchart;
pub mod output;
pub mod pdf;
pub mod pipeline;
pub mod render;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod text;
pub mod variant;

//! Search: a per-variant index loaded by the browser as a script, and related
//! roles computed at build time.
//!
//! The index cuts normalized text into character bigrams ([`text`]), stores
//! each distinct passage once with postings per bigram ([`Index`]), and is
//! queried in the browser by `themes/default/static/search.js`, which runs
//! the algorithm of [`Searcher`]. Why this design rather than Pagefind or an
//! elasticlunr index: `docs/decisions/search.md`.

mod chars;
mod entries;
mod index;
pub mod normalize;
mod query;
mod related;
mod sounds;
mod vocabulary;

#[cfg(test)]
pub mod fixture;

use std::collections::BTreeMap;

use crate::model::{Handbook, RoleId};

pub use entries::Field;
pub use index::{decode_postings, encode_postings, DocInfo, Index, IndexEntry, IndexPassage};
pub use query::{Hit, Searcher};
pub use related::RelatedInputs;
pub use vocabulary::Vocabulary;

/// The index file's name in each variant's folder.
pub const INDEX_FILE: &str = "search-index.js";

/// The search index of one variant as a JavaScript file (loaded with a
/// `<script>` tag, so it works from file://). `handbook` is in the variant's
/// script; `synonyms` are groups of words that mean the same, as authored.
pub fn index_script(handbook: &Handbook, synonyms: &[Vec<String>]) -> String {
    Index::with_synonyms(handbook, synonyms).to_script()
}

/// Up to `max` most similar roles in other documents, for every role.
pub fn related_roles(handbook: &Handbook, max: usize) -> BTreeMap<RoleId, Vec<RoleId>> {
    related::related_roles(handbook, max)
}

//! Search: a per-variant index loaded by the browser as a script, and related
//! roles computed at build time.

use std::collections::BTreeMap;

use crate::model::{Handbook, RoleId};

/// The index file's name in each variant's folder.
pub const INDEX_FILE: &str = "search-index.js";

/// The search index of one variant as a JavaScript file (loaded with a
/// `<script>` tag, so it works from file://). `handbook` is in the variant's
/// script.
pub fn index_script(_handbook: &Handbook) -> String {
    String::from("window.HANDBOOK_SEARCH = null;\n")
}

/// Up to `max` most similar roles in other documents, for every role.
pub fn related_roles(_handbook: &Handbook, _max: usize) -> BTreeMap<RoleId, Vec<RoleId>> {
    BTreeMap::new()
}

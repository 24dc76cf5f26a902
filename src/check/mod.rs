//! `handbook check`: content lints HR will want, beyond what the build
//! validates. Each lint has a name, raises warnings with file and line, and
//! can be turned off in `handbook.yaml` (`lints: {numbering-gap: false}`).

mod rules;

use crate::content::RawContent;
use crate::error::Diagnostic;
use crate::model::Handbook;

pub use crate::lint::Lint;

/// Runs every lint not turned off in `disabled`; warnings come sorted by file
/// and line.
pub fn lint(raw: &RawContent, handbook: &Handbook, disabled: &[String]) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    rules::source_lines(raw, &mut found);
    rules::sections(raw, &mut found);
    rules::reporting(raw, handbook, &mut found);
    found.retain(|d| d.code.is_none_or(|c| !disabled.iter().any(|x| x == c)));
    found.sort_by(|a, b| (&a.location, &a.message).cmp(&(&b.location, &b.message)));
    found.dedup();
    found
}

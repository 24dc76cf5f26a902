//! `handbook check`: content lints HR will want, beyond what the build
//! validates. Each lint has a name, raises warnings with file and line, and
//! can be turned off in `handbook.yaml` (`lints: {numbering-gap: false}`).

mod rules;

use crate::content::RawContent;
use crate::convert::glossary::Glossary;
use crate::error::Diagnostic;
use crate::model::Handbook;
use crate::variant::Variant;

pub use crate::lint::Lint;
pub use rules::punctuation_fixes;

/// The lints a run checks: every lint but those turned off.
pub struct Enabled(Vec<Lint>);

impl Enabled {
    pub fn all_but(disabled: &[Lint]) -> Enabled {
        Enabled(
            Lint::ALL
                .into_iter()
                .filter(|l| !disabled.contains(l))
                .collect(),
        )
    }

    pub fn has(&self, lint: Lint) -> bool {
        self.0.contains(&lint)
    }
}

/// What the lints check besides the content: the settings and glossary.
pub struct Settings<'a> {
    /// Lints turned off in `handbook.yaml`.
    pub disabled: &'a [Lint],
    /// The variants the handbook is published in.
    pub variants: &'a [Variant],
    pub glossary: &'a Glossary,
}

/// Runs every lint not turned off (a lint turned off is not run at all);
/// warnings come sorted by file and line.
pub fn lint(raw: &RawContent, handbook: &Handbook, settings: &Settings<'_>) -> Vec<Diagnostic> {
    let on = Enabled::all_but(settings.disabled);
    let mut found = Vec::new();
    rules::source_lines(raw, &on, &mut found);
    if on.has(Lint::AmbiguousConversion) {
        rules::ambiguous(raw, settings, &mut found);
    }
    if on.has(Lint::HalfWidthPunctuation) {
        rules::punctuation(raw, &mut found);
    }
    if on.has(Lint::Placeholder) {
        rules::placeholders(raw, &mut found);
    }
    rules::sections(raw, &on, &mut found);
    rules::untitled(raw, &on, &mut found);
    rules::reporting(raw, handbook, &on, &mut found);
    found.sort_by(|a, b| (&a.location, &a.message).cmp(&(&b.location, &b.message)));
    found.dedup();
    found
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    #[test]
    fn a_lint_turned_off_is_not_reported_and_leaves_the_others() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let config = crate::config::Config::load(root).expect("settings load");
        let raw = crate::content::load(root).expect("content loads");
        let handbook = crate::model::validate(&config, &raw).expect("content is valid");
        let glossary = Glossary::load(root).expect("the glossary loads");
        fn settings<'a>(disabled: &'a [Lint], glossary: &'a Glossary) -> Settings<'a> {
            Settings {
                disabled,
                variants: &Variant::ALL,
                glossary,
            }
        }
        let all = lint(&raw, &handbook, &settings(&[], &glossary));
        let mut codes: Vec<&str> = all.iter().filter_map(|d| d.code).collect();
        codes.sort_unstable();
        codes.dedup();
        assert!(
            codes.len() >= 2,
            "the real content raises several lints: {codes:?}"
        );
        for off in Lint::ALL {
            let expected: Vec<&Diagnostic> =
                all.iter().filter(|d| d.code != Some(off.name())).collect();
            let without = lint(&raw, &handbook, &settings(&[off], &glossary));
            assert_eq!(
                without.iter().collect::<Vec<_>>(),
                expected,
                "{}",
                off.name()
            );
        }
        assert!(lint(&raw, &handbook, &settings(&Lint::ALL, &glossary)).is_empty());
    }
}

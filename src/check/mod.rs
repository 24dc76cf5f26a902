//! `handbook check`: content lints HR will want, beyond what the build
//! validates. Each lint has a name, raises warnings with file and line, and
//! can be turned off in `handbook.yaml` (`lints: {numbering-gap: false}`).

mod rules;

use crate::content::RawContent;
use crate::error::Diagnostic;
use crate::model::Handbook;

/// A content lint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lint {
    pub name: &'static str,
    pub description: &'static str,
}

/// Every lint, by name.
pub const LINTS: [Lint; 9] = [
    Lint {
        name: "discriminatory-requirement",
        description:
            "a requirement about age, gender or appearance, which many jurisdictions restrict",
    },
    Lint {
        name: "numbering-gap",
        description: "list numbering that skips a number",
    },
    Lint {
        name: "empty-section",
        description: "a section with no items, or a role with no duties",
    },
    Lint {
        name: "duplicate-item",
        description: "the same item twice within one role",
    },
    Lint {
        name: "no-superior",
        description: "a role without reports_to",
    },
    Lint {
        name: "undeclared-external",
        description: "a superior without a page that is not listed in external_superiors",
    },
    Lint {
        name: "title-collision",
        description: "two roles of one document with the same title",
    },
    Lint {
        name: "mojibake",
        description: "text that looks garbled, or a mark left where text could not be read",
    },
    Lint {
        name: "pinyin-annotation",
        description: "pinyin in parentheses left after a character, such as 发(fā)",
    },
];

pub fn is_lint(name: &str) -> bool {
    LINTS.iter().any(|l| l.name == name)
}

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

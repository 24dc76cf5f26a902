//! The names of `handbook check`'s lints: what `lints:` in `handbook.yaml`
//! turns off, what a warning is labelled with. A leaf, so that the settings
//! can check the names without depending on the lints themselves
//! (`crate::check`).

/// The title `handbook import` writes for a role whose text names none;
/// `handbook check` warns on it.
pub const UNTITLED_ROLE: &str = "未命名岗位";

/// The placeholder texts `handbook new` writes for HR to replace; `handbook
/// check` warns on any left in a published field.
pub const PLACEHOLDERS: [&str; 14] = [
    "新文件",
    "新岗位",
    "某公司",
    "待填写",
    "第一条部门职责。",
    "第二条部门职责。",
    "一句话说明本岗位最重要的职责。",
    "第一条权限。",
    "第一条任职条件。",
    "第一项技能。",
    "第二项技能。",
    "第一条职责。",
    "第一条职责的子项。",
    "第二条职责。",
];

/// A content lint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Lint {
    DiscriminatoryRequirement,
    NumberingGap,
    EmptySection,
    DuplicateItem,
    NoSuperior,
    UndeclaredExternal,
    TitleCollision,
    Mojibake,
    PinyinAnnotation,
    UntitledRole,
    AmbiguousConversion,
    HalfWidthPunctuation,
    Placeholder,
}

impl Lint {
    /// Every lint, in the order `handbook check` documents them.
    pub const ALL: [Lint; 13] = [
        Lint::DiscriminatoryRequirement,
        Lint::NumberingGap,
        Lint::EmptySection,
        Lint::DuplicateItem,
        Lint::NoSuperior,
        Lint::UndeclaredExternal,
        Lint::TitleCollision,
        Lint::Mojibake,
        Lint::PinyinAnnotation,
        Lint::UntitledRole,
        Lint::AmbiguousConversion,
        Lint::HalfWidthPunctuation,
        Lint::Placeholder,
    ];

    /// The name used in `handbook.yaml` and on warnings.
    pub fn name(self) -> &'static str {
        self.about().0
    }

    pub fn description(self) -> &'static str {
        self.about().1
    }

    pub fn from_name(name: &str) -> Option<Lint> {
        Lint::ALL.into_iter().find(|l| l.name() == name)
    }

    fn about(self) -> (&'static str, &'static str) {
        match self {
            Lint::DiscriminatoryRequirement => (
                "discriminatory-requirement",
                "a requirement about age, gender or appearance, which many jurisdictions restrict",
            ),
            Lint::NumberingGap => ("numbering-gap", "list numbering that skips a number"),
            Lint::EmptySection => (
                "empty-section",
                "a section with no items, or a role with no duties",
            ),
            Lint::DuplicateItem => ("duplicate-item", "the same item twice within one role"),
            Lint::NoSuperior => ("no-superior", "a role without reports_to"),
            Lint::UndeclaredExternal => (
                "undeclared-external",
                "a superior without a page that is not listed in external_superiors",
            ),
            Lint::TitleCollision => (
                "title-collision",
                "two roles of one document with the same title",
            ),
            Lint::Mojibake => (
                "mojibake",
                "text that looks garbled, or a mark left where text could not be read",
            ),
            Lint::PinyinAnnotation => (
                "pinyin-annotation",
                "pinyin in parentheses left after a character, such as 发(fā)",
            ),
            Lint::UntitledRole => (
                "untitled-role",
                "a role whose title is the importer's placeholder 未命名岗位",
            ),
            Lint::AmbiguousConversion => (
                "ambiguous-conversion",
                "a phrase whose Taiwan or Hong Kong wording depends on its meaning (菜单, 笔记本)",
            ),
            Lint::Placeholder => (
                "placeholder",
                "a placeholder `handbook new` wrote (新岗位, 待填写, 第一条职责。) left in a published field",
            ),
            Lint::HalfWidthPunctuation => (
                "half-width-punctuation",
                "half-width , ; : ? ! after Chinese text, where Chinese uses full-width marks",
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_round_trip() {
        for lint in Lint::ALL {
            assert_eq!(Lint::from_name(lint.name()), Some(lint));
        }
        assert_eq!(Lint::from_name("no-such-lint"), None);
    }
}

//! The fields of a role beyond its title and reporting line, and the order
//! a role page shows them in. Render, search and export walk these tables,
//! so a field added here reaches every output.

use super::{Item, Rich};

/// A section of a role page: a paragraph or a list under a heading.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Section {
    /// 岗位目的, 岗位概要: usually one paragraph.
    Purpose,
    KeyResponsibility,
    /// 岗位职责: the page body.
    Duties,
    Authority,
    /// 工作关系（内部）
    InternalRelations,
    /// 工作关系（外部）
    ExternalRelations,
    Qualifications,
    /// 工作环境, 工作条件
    Environment,
    /// 考核指标, 绩效指标, KPI
    Kpis,
    /// 职业发展, 晋升通道
    Career,
}

impl Section {
    /// Page order.
    pub const ALL: [Section; 10] = [
        Section::Purpose,
        Section::KeyResponsibility,
        Section::Duties,
        Section::Authority,
        Section::InternalRelations,
        Section::ExternalRelations,
        Section::Qualifications,
        Section::Environment,
        Section::Kpis,
        Section::Career,
    ];

    /// The front-matter key, which is also the interface string of its
    /// heading. Duties have no key: they are the Markdown body.
    pub fn key(self) -> &'static str {
        match self {
            Section::Purpose => "purpose",
            Section::KeyResponsibility => "key_responsibility",
            Section::Duties => "duties",
            Section::Authority => "authority",
            Section::InternalRelations => "internal_relations",
            Section::ExternalRelations => "external_relations",
            Section::Qualifications => "qualifications",
            Section::Environment => "environment",
            Section::Kpis => "kpis",
            Section::Career => "career",
        }
    }

    pub fn from_key(key: &str) -> Option<Section> {
        Section::ALL.into_iter().find(|s| s.key() == key)
    }

    /// The section's id on the role page (`key-responsibility`).
    pub fn anchor(self) -> String {
        self.key().replace('_', "-")
    }
}

/// A short value shown with the role's title: 所属部门 and the like.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Fact {
    Department,
    Code,
    Grade,
    Headcount,
    Location,
}

impl Fact {
    pub const ALL: [Fact; 5] = [
        Fact::Department,
        Fact::Code,
        Fact::Grade,
        Fact::Headcount,
        Fact::Location,
    ];

    /// The front-matter key, which is also the interface string of its label.
    pub fn key(self) -> &'static str {
        match self {
            Fact::Department => "department",
            Fact::Code => "code",
            Fact::Grade => "grade",
            Fact::Headcount => "headcount",
            Fact::Location => "location",
        }
    }
}

/// A controlled document's facts; an empty string is a fact not given.
/// Serialized as pages and the export show it.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Control {
    /// 版本号, as written (`V2.1`).
    pub version: String,
    /// 生效日期, an ISO date (`2024-03-01`).
    pub effective: String,
    /// 编制: who prepared it.
    pub prepared_by: String,
    /// 审核: who reviewed it.
    pub reviewed_by: String,
    /// 批准: who approved it.
    pub approved_by: String,
    /// 修订记录, oldest first.
    pub revisions: Vec<Revision>,
}

/// One revision: its version, its date (ISO) and what it changed.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Revision {
    pub version: String,
    pub date: String,
    pub summary: String,
}

impl Control {
    /// The names and summaries in another script; versions and dates stay
    /// as written.
    pub fn map_text(&self, f: &dyn Fn(&str) -> String) -> Control {
        Control {
            version: self.version.clone(),
            effective: self.effective.clone(),
            prepared_by: f(&self.prepared_by),
            reviewed_by: f(&self.reviewed_by),
            approved_by: f(&self.approved_by),
            revisions: (self.revisions.iter())
                .map(|r| Revision {
                    summary: f(&r.summary),
                    ..r.clone()
                })
                .collect(),
        }
    }

    /// Whether nothing of document control is given.
    pub fn is_empty(&self) -> bool {
        *self == Control::default()
    }
}

/// The facts of a role; an empty string is a fact not given.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facts {
    /// 所属部门
    pub department: String,
    /// 岗位编号
    pub code: String,
    /// 岗位等级, 职级
    pub grade: String,
    /// 岗位定员, 编制: as written (`2人`, `1-2名`).
    pub headcount: String,
    /// 工作地点
    pub location: String,
}

impl Facts {
    pub fn get(&self, fact: Fact) -> &str {
        match fact {
            Fact::Department => &self.department,
            Fact::Code => &self.code,
            Fact::Grade => &self.grade,
            Fact::Headcount => &self.headcount,
            Fact::Location => &self.location,
        }
    }

    /// The facts given, in display order.
    pub fn given(&self) -> impl Iterator<Item = (Fact, &str)> {
        Fact::ALL
            .into_iter()
            .map(|f| (f, self.get(f)))
            .filter(|(_, v)| !v.is_empty())
    }

    pub fn map_text(&self, f: &dyn Fn(&str) -> String) -> Facts {
        let Facts {
            department,
            code,
            grade,
            headcount,
            location,
        } = self;
        Facts {
            department: f(department),
            code: f(code),
            grade: f(grade),
            headcount: f(headcount),
            location: f(location),
        }
    }
}

/// A section the standard fields have no place for (工作时间, 培训要求):
/// kept under the department's own heading.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CustomSection {
    pub label: String,
    pub placement: Placement,
    pub items: Vec<Item>,
}

/// Where a custom section stands among the standard ones.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Placement {
    /// Before every standard section.
    Start,
    /// Right after this standard section, whether or not the role has it.
    After(Section),
    /// After every standard section.
    #[default]
    End,
}

/// What a section holds.
#[derive(Debug, Clone, Copy)]
pub enum Body<'a> {
    /// Markdown: the duties.
    Rich(&'a Rich),
    Items(&'a [Item]),
}

impl Body<'_> {
    pub fn is_empty(&self) -> bool {
        match self {
            Body::Rich(rich) => rich.is_empty(),
            Body::Items(items) => items.is_empty(),
        }
    }
}

/// The heading a shown section stands under.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Heading<'a> {
    Standard(Section),
    /// Position in the role's custom sections, and its label.
    Custom(usize, &'a str),
}

impl Heading<'_> {
    /// The section's id on the role page: `duties`, or `section-2` for the
    /// second custom section.
    pub fn anchor(&self) -> String {
        match self {
            Heading::Standard(section) => section.anchor(),
            Heading::Custom(i, _) => format!("section-{}", i + 1),
        }
    }
}

/// One section as a page shows it.
#[derive(Debug, Clone, Copy)]
pub struct Shown<'a> {
    pub heading: Heading<'a>,
    pub body: Body<'a>,
}

//! The field labels HR departments write, in both scripts, with their
//! synonyms: one table, so that adding a synonym is one line
//! (docs/import.md lists it). Labels are matched after
//! [`super::keywords::fold`] and with spaces, colons and brackets around
//! them removed (`【岗位职责】`, `岗 位 名 称：`).

use super::keywords::{fold, Control, Section};
use crate::model::Fact;

/// A field of a job description.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    Title,
    Department,
    Superior,
    Reports,
    Code,
    Grade,
    Headcount,
    Location,
    Purpose,
    Duties,
    KeyResponsibility,
    Qualifications,
    Education,
    Major,
    Experience,
    Skills,
    Qualities,
    Other,
    Authority,
    Relations,
    InternalRelations,
    ExternalRelations,
    Environment,
    Kpi,
    Career,
    Version,
    Effective,
    PreparedBy,
    ReviewedBy,
    ApprovedBy,
    Revisions,
}

/// Every label, in Simplified (folded), with its field. Longer labels
/// that contain shorter ones come first where both could match a line's
/// start (岗位关键职责 before 岗位职责 before 职责).
pub const LABELS: &[(&str, Field)] = &[
    ("岗位名称", Field::Title),
    ("职位名称", Field::Title),
    ("职务名称", Field::Title),
    ("岗位", Field::Title),
    ("职位", Field::Title),
    ("职称", Field::Title),
    ("所属部门", Field::Department),
    ("所在部门", Field::Department),
    ("所在科室", Field::Department),
    ("所属单位", Field::Department),
    ("所在单位", Field::Department),
    ("部门", Field::Department),
    ("直接上级", Field::Superior),
    ("汇报对象", Field::Superior),
    ("汇报上级", Field::Superior),
    ("直属主管", Field::Superior),
    ("直属上级", Field::Superior),
    ("上级", Field::Superior),
    ("直接下级", Field::Reports),
    ("下属岗位", Field::Reports),
    ("管理对象", Field::Reports),
    ("下级", Field::Reports),
    ("岗位编号", Field::Code),
    ("职位编号", Field::Code),
    ("岗位编码", Field::Code),
    ("岗位等级", Field::Grade),
    ("职级", Field::Grade),
    ("职等", Field::Grade),
    ("岗位定员", Field::Headcount),
    ("定员", Field::Headcount),
    ("编制", Field::Headcount),
    ("工作地点", Field::Location),
    ("岗位目的", Field::Purpose),
    ("岗位概要", Field::Purpose),
    ("职位概要", Field::Purpose),
    ("岗位设置目的", Field::Purpose),
    ("工作概要", Field::Purpose),
    ("岗位关键职责", Field::KeyResponsibility),
    ("关键职责", Field::KeyResponsibility),
    ("岗位职责与权限", Field::Duties),
    ("岗位工作职责", Field::Duties),
    ("主要工作职责", Field::Duties),
    ("职责与工作任务", Field::Duties),
    ("具体职责", Field::Duties),
    ("岗位职责", Field::Duties),
    ("工作职责", Field::Duties),
    ("主要职责", Field::Duties),
    ("工作内容", Field::Duties),
    ("工作项目", Field::Duties),
    ("工作任务", Field::Duties),
    ("职责描述", Field::Duties),
    ("职责", Field::Duties),
    ("任职资格", Field::Qualifications),
    ("任职要求", Field::Qualifications),
    ("任职条件", Field::Qualifications),
    ("资格条件", Field::Qualifications),
    ("岗位要求", Field::Qualifications),
    ("学历", Field::Education),
    ("学历要求", Field::Education),
    ("专业", Field::Major),
    ("专业要求", Field::Major),
    ("工作经验", Field::Experience),
    ("经验", Field::Experience),
    ("技能", Field::Skills),
    ("知识技能", Field::Skills),
    ("技能要求", Field::Skills),
    ("素质", Field::Qualities),
    ("素质要求", Field::Qualities),
    ("个人素质", Field::Qualities),
    ("其他", Field::Other),
    ("其他要求", Field::Other),
    ("岗位权限", Field::Authority),
    ("工作权限", Field::Authority),
    ("权限", Field::Authority),
    ("工作关系", Field::Relations),
    ("内部关系", Field::InternalRelations),
    ("内部", Field::InternalRelations),
    ("外部关系", Field::ExternalRelations),
    ("外部", Field::ExternalRelations),
    ("工作环境", Field::Environment),
    ("工作条件", Field::Environment),
    ("考核指标", Field::Kpi),
    ("绩效指标", Field::Kpi),
    ("kpi", Field::Kpi),
    ("职业发展", Field::Career),
    ("晋升通道", Field::Career),
    ("发展方向", Field::Career),
    // The revision and approval block of a controlled document. 编制 is
    // also a headcount (`编制：3人`): a value that is no count is a name.
    ("版本号", Field::Version),
    ("文件版本", Field::Version),
    ("版本", Field::Version),
    ("生效日期", Field::Effective),
    ("生效时间", Field::Effective),
    ("实施日期", Field::Effective),
    ("执行日期", Field::Effective),
    ("编制人", Field::PreparedBy),
    ("编写人", Field::PreparedBy),
    ("拟制人", Field::PreparedBy),
    ("拟制", Field::PreparedBy),
    ("起草人", Field::PreparedBy),
    ("审核人", Field::ReviewedBy),
    ("审核", Field::ReviewedBy),
    ("批准人", Field::ApprovedBy),
    ("批准", Field::ApprovedBy),
    ("审批人", Field::ApprovedBy),
    ("修订记录", Field::Revisions),
    ("修订历史", Field::Revisions),
    ("修改记录", Field::Revisions),
    ("变更记录", Field::Revisions),
];

/// The section of the text reader a field's label opens; `None` for 其他,
/// whose lines stay with the section being read. Of the title labels 职称 does not count: a line `职称：中级` under
/// 任职资格 is a qualification, not a role; 岗位 and 职位 count before a
/// short title (`岗位：店长`, [`label_start`]).
pub fn section_of(label: &str, field: Field) -> Option<Section> {
    Some(match field {
        Field::Title if label != "职称" => Section::Title,
        Field::Title => Section::QualificationPart,
        Field::Department => Section::Fact(Fact::Department),
        Field::Code => Section::Fact(Fact::Code),
        Field::Grade => Section::Fact(Fact::Grade),
        Field::Headcount => Section::Fact(Fact::Headcount),
        Field::Location => Section::Fact(Fact::Location),
        Field::Superior => Section::Superior,
        Field::Reports => Section::Subordinates,
        Field::Purpose => Section::Purpose,
        Field::Duties => Section::Duties,
        Field::KeyResponsibility => Section::KeyResponsibility,
        Field::Authority => Section::Authority,
        Field::Qualifications => Section::Qualifications,
        Field::Education | Field::Major | Field::Experience | Field::Skills | Field::Qualities => {
            Section::QualificationPart
        }
        // 其他 alone says nothing of where it belongs: it stays with the
        // section being read.
        Field::Other => return None,
        Field::Relations => Section::Relations,
        Field::InternalRelations => Section::InternalRelations,
        Field::ExternalRelations => Section::ExternalRelations,
        Field::Environment => Section::Environment,
        Field::Kpi => Section::Kpis,
        Field::Career => Section::Career,
        Field::Version => Section::Control(Control::Version),
        Field::Effective => Section::Control(Control::Effective),
        Field::PreparedBy => Section::Control(Control::PreparedBy),
        Field::ReviewedBy => Section::Control(Control::ReviewedBy),
        Field::ApprovedBy => Section::Control(Control::ApprovedBy),
        Field::Revisions => Section::Revisions,
    })
}

/// A label at the start of a text, and what follows it.
struct LabelAt<'t> {
    label: &'static str,
    field: Field,
    /// The text after the label and its colon or closing bracket.
    rest: &'t str,
    /// A colon or a closing bracket follows the label (`所属部门：`,
    /// `【工作职责】`), rather than text or nothing.
    closed: bool,
}

/// Every label `text` starts with (bare or in brackets), longest first as
/// [`LABELS`] lists them.
fn labels_at(text: &str) -> impl Iterator<Item = LabelAt<'_>> {
    // `Job Title 岗位名称：`: a bilingual form's English goes with its label.
    let text = without_english(text);
    // `【 岗位职责 】` has spaces inside its brackets.
    let (open, inner) = match text.strip_prefix(['【', '[', '〔']) {
        Some(inner) => (true, inner.trim_start()),
        None => (false, text),
    };
    let folded = fold(inner);
    LABELS.iter().filter_map(move |(label, field)| {
        let after = folded.strip_prefix(label)?;
        let rest = &inner[inner.len() - after.len()..];
        let rest = match open {
            true => rest.trim_start().strip_prefix(['】', ']', '〕'])?,
            false => rest,
        };
        // `岗位名称 ：` has a space before its colon; `岗位名称⇥店长`, a
        // table saved as text, a tab or a wide gap instead of it;
        // `岗位名称/Job Title：` English before it.
        let after_label = rest.trim_start();
        let after_english = (after_label.trim_start_matches(['/', '(', '（']))
            .trim_start_matches(is_english)
            .trim_start_matches([')', '）'])
            .trim_start();
        let colon = (after_label.strip_prefix([':', '：']))
            .or_else(|| after_english.strip_prefix([':', '：']));
        Some(LabelAt {
            label,
            field: *field,
            rest: colon.unwrap_or(rest),
            closed: open || colon.is_some() || starts_with_gap(rest),
        })
    })
}

/// A character of English words as forms write them beside a label
/// (`Job Title`, `Reports to`, `R&D`).
pub fn is_english(c: char) -> bool {
    c.is_ascii_alphabetic() || matches!(c, ' ' | '/' | '&' | '-' | '.' | '\'')
}

/// `text` without a run of English words at its start (`Job Title 岗位名称`),
/// when Chinese follows it.
fn without_english(text: &str) -> &str {
    let end = text.find(|c: char| !is_english(c)).unwrap_or(text.len());
    let run = &text[..end];
    let words = run.chars().filter(|c| c.is_ascii_alphabetic()).count();
    let followed = text[end..].starts_with(crate::text::clean::is_ideograph);
    if words >= 2 && followed {
        &text[end..]
    } else {
        text
    }
}

/// A label at the start of `text`, followed by a colon (`工作职责：…`), or in
/// brackets (`【岗位职责】…`), or all of `text` (`任职资格`): its section and
/// the text after it.
pub fn label_start(text: &str) -> Option<(Section, &str)> {
    labels_at(text.trim_start()).find_map(|at| {
        if !at.closed && !at.rest.trim().is_empty() {
            return None;
        }
        let section = section_of(at.label, at.field)?;
        let rest = at.rest.trim();
        // `岗位：店长` names the role; `岗位：负责…` is a sentence.
        let short_title =
            rest.chars().count() <= 16 && !rest.contains(['。', '，', '；', ',', ';']);
        let bare_title_label = section == Section::Title && !at.label.ends_with("名称");
        if bare_title_label && (rest.is_empty() || !short_title) {
            return None;
        }
        // `部门：负责全公司……。` is a sentence, not the role's department.
        let short_field = matches!(section, Section::Fact(_) | Section::Control(_));
        if short_field && !is_short_value(rest) {
            return None;
        }
        // `编制：3人` is a headcount, `编制：人力资源部 王敏` who prepared it.
        if at.label == "编制" && !rest.is_empty() && !is_count(rest) {
            return Some((Section::Control(Control::PreparedBy), rest));
        }
        // `审核：部门费用报销单据` is a duty, not who reviewed the document.
        if matches!(section, Section::Control(_)) && !is_name_or_number(rest) {
            return None;
        }
        Some((section, rest))
    })
}

/// A control block's value: a version, a date, a name or two (`V2.1`,
/// `2024年3月1日`, `人力资源部 李静`), not a phrase of a duty.
fn is_name_or_number(text: &str) -> bool {
    const LONGEST: usize = 20;
    text.chars().count() <= LONGEST && !text.contains(['。', '；', ';', '，', ',', '、'])
}

/// A number of people: `3人`, `2名`, `1`, `三人`, `若干`.
fn is_count(text: &str) -> bool {
    let first = text.chars().next();
    first.is_some_and(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
        || text.starts_with("若干")
        || (text.ends_with(['人', '名']) && text.chars().count() <= 4)
}

/// A value that fits a fact (`运营部`, `上海市浦东新区`): short, one phrase.
fn is_short_value(text: &str) -> bool {
    const LONGEST: usize = 30;
    text.chars().count() <= LONGEST && !text.contains(['。', '；', ';'])
}

/// Whether `text` starts with a field label followed by a colon
/// (`所属部门：`), or with a bracketed label (`【工作职责】`): a field of its own
/// when it follows a tab or a run of spaces on a line.
pub fn starts_with_label(text: &str) -> bool {
    labels_at(text).any(|at| at.closed)
}

/// A tab, a full-width space or two spaces: the gap between two cells of a
/// table saved as text.
fn starts_with_gap(text: &str) -> bool {
    text.starts_with(['\t', '\u{3000}']) || text.starts_with("  ")
}

/// Splits a line of several fields laid out with tabs or runs of spaces
/// (`岗位名称：店长    所属部门：门店`, a table exported as text) before each
/// part that starts with a label; a label cell and its value cell
/// (`岗位名称⇥店长`) become `岗位名称：店长`; other tabs become spaces.
pub fn split_fields(line: &str) -> Vec<String> {
    let mut parts = vec![String::new()];
    let mut rest = line;
    while let Some(at) = rest.find(['\t', ' ', '\u{3000}']) {
        let gap_len: usize = (rest[at..].chars())
            .take_while(|c| matches!(c, '\t' | ' ' | '\u{3000}'))
            .map(char::len_utf8)
            .sum();
        let (before, gap, after) = (&rest[..at], &rest[at..at + gap_len], &rest[at + gap_len..]);
        let wide = gap.contains('\t') || gap.chars().count() >= 2;
        let last = parts.last_mut().expect("one part at least");
        last.push_str(before);
        let bare_label = field_of_label(last.trim()).is_some()
            && !last.trim_end().ends_with([':', '：', '】', ']', '〕']);
        if wide && !last.trim().is_empty() && starts_with_label(after) {
            parts.push(String::new());
        } else if wide && bare_label && !after.is_empty() {
            last.push('：');
        } else {
            last.push_str(&gap.replace('\t', " "));
        }
        rest = after;
    }
    if let Some(last) = parts.last_mut() {
        last.push_str(rest);
    }
    parts
}

/// The field `text` names when it is a label and nothing else (a table's
/// label cell, a spreadsheet's header): `岗位名称`, `【工作职责】`,
/// `任职资格：`, `岗 位 名 称`.
pub fn field_of_label(text: &str) -> Option<Field> {
    let bare: String = fold(text)
        .chars()
        .filter(|c| !c.is_whitespace() && !is_decoration(*c))
        .collect();
    LABELS
        .iter()
        .find(|(label, _)| *label == bare)
        .map(|(_, field)| *field)
}

/// Characters around a label that are not part of it.
fn is_decoration(c: char) -> bool {
    matches!(
        c,
        ':' | '：' | '【' | '】' | '[' | ']' | '〔' | '〕' | '*' | '★' | '●' | '■' | '◆'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_found_as_written() {
        let cases = [
            ("岗位名称", Field::Title),
            ("職位名稱：", Field::Title),
            ("【岗位职责】", Field::Duties),
            ("岗 位 职 责", Field::Duties),
            ("任職資格:", Field::Qualifications),
            ("KPI", Field::Kpi),
            ("汇报对象", Field::Superior),
            ("直屬主管", Field::Superior),
        ];
        assert_eq!(
            label_start("Job Title 岗位名称：客服代表"),
            Some((Section::Title, "客服代表"))
        );
        assert_eq!(
            label_start("汇报对象/Reports to：呼叫中心经理"),
            Some((Section::Superior, "呼叫中心经理"))
        );
        assert_eq!(label_start("KPI：接通率"), Some((Section::Kpis, "接通率")));
        for (text, field) in cases {
            assert_eq!(field_of_label(text), Some(field), "{text}");
        }
        assert_eq!(field_of_label("店长"), None);
        assert_eq!(field_of_label("负责门店的日常运营"), None);
    }

    #[test]
    fn labels_open_sections_at_the_start_of_a_line() {
        let cases = [
            ("岗位名称：店长", Some((Section::Title, "店长"))),
            ("職位名稱:店長", Some((Section::Title, "店長"))),
            ("【岗位职责】", Some((Section::Duties, ""))),
            ("【工作内容】负责收银", Some((Section::Duties, "负责收银"))),
            ("任职资格", Some((Section::Qualifications, ""))),
            ("汇报对象：区域经理", Some((Section::Superior, "区域经理"))),
            ("工作权限：", Some((Section::Authority, ""))),
            ("岗位名称 ：店长", Some((Section::Title, "店长"))),
            (
                "职称：中级以上",
                Some((Section::QualificationPart, "中级以上")),
            ),
            ("岗位：店长", Some((Section::Title, "店长"))),
            ("职位：负责门店日常运营，督导员工。", None),
            ("岗位", None),
            (
                "所属部门：运营部",
                Some((Section::Fact(Fact::Department), "运营部")),
            ),
            ("部门：负责全公司的人事工作。", None),
            ("学历：本科", Some((Section::QualificationPart, "本科"))),
            ("考核指标：", Some((Section::Kpis, ""))),
            ("职责范围内的其他工作", None),
        ];
        for (text, expected) in cases {
            assert_eq!(label_start(text), expected, "{text}");
        }
    }

    #[test]
    fn fields_laid_out_on_one_line_are_split_at_their_labels() {
        assert_eq!(
            split_fields("岗位名称：店长    所属部门：门店\t直接上级：区域经理"),
            ["岗位名称：店长", "所属部门：门店", "直接上级：区域经理"]
        );
        assert_eq!(split_fields("1.\t负责收银"), ["1. 负责收银"]);
        assert_eq!(
            split_fields("岗位名称\t值机主管\t所属部门\t地面服务部"),
            ["岗位名称：值机主管", "所属部门：地面服务部"]
        );
        assert_eq!(split_fields("直接上级  运营经理"), ["直接上级：运营经理"]);
        assert_eq!(split_fields("岗位职责\t"), ["岗位职责 "]);
        assert_eq!(split_fields("负责  门店运营"), ["负责  门店运营"]);
        assert_eq!(
            split_fields("【岗位职责】\t【任职资格】"),
            ["【岗位职责】", "【任职资格】"]
        );
    }

    #[test]
    fn every_label_is_folded_and_listed_once() {
        let mut seen = std::collections::BTreeSet::new();
        for (label, _) in LABELS {
            assert_eq!(fold(label), *label, "{label} is not in folded form");
            assert!(seen.insert(*label), "{label} twice");
        }
    }
}

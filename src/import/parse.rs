//! Reading the structure of cleaned lines: documents, roles, sections, items.

use super::keywords::{fold, names_unit, rank_of, Control, Section, ORGANIZATION_SUFFIXES};
use super::report::{EntryKind, Notes};
use super::source::Mark;
use super::split::{
    classify, glued_dot_number, is_form_heading, is_separator, is_title_like, role_heading,
    split_run_on, strip_bullet, Marker, MarkerStyle, Piece,
};
use crate::model::{Fact, Placement, Section as PageSection};

/// A cleaned, non-empty source line.
#[derive(Debug, Clone)]
pub struct SourceLine {
    pub number: usize,
    pub text: String,
    pub mark: Mark,
}

/// A value and the source line it comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located<T> {
    pub value: T,
    pub line: usize,
}

/// A list item, a paragraph when it has no marker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub marker: Option<Marker>,
    pub text: String,
    pub line: usize,
    pub children: Vec<Item>,
}

impl Item {
    /// The item and its children, depth first, at any depth.
    pub fn walk(&self) -> Box<dyn Iterator<Item = &Item> + '_> {
        Box::new(std::iter::once(self).chain(self.children.iter().flat_map(Item::walk)))
    }
}

/// A role's direct superior, once known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Superior {
    /// A role of the same document, by index.
    Role(usize),
    /// A superior with no page, by name (`总经理`).
    External(String),
}

/// A role as read, before and after inference.
#[derive(Debug, Clone, Default)]
pub struct RoleDraft {
    /// `None` for a role that starts without a heading until inferred.
    pub title: Option<Located<String>>,
    /// The first line of the role.
    pub line: usize,
    /// 直接上级 as written.
    pub stated_superior: Option<Located<String>>,
    /// 直接下级 as written; empty for 无.
    pub stated_reports: Option<Located<Vec<String>>>,
    /// The unit heading the role stands under, its department unless a
    /// 所属部门 line says otherwise.
    pub unit: Option<Located<String>>,
    /// The 直接下级 line's label and value as written, kept on the page
    /// when it names roles the document has no page for.
    pub reports_written: Option<(String, Located<String>)>,
    /// 所属部门, 岗位编号 …, in the order written.
    pub facts: Vec<(Fact, Located<String>)>,
    pub purpose: Vec<Item>,
    pub key_responsibility: Vec<Item>,
    pub authority: Vec<Item>,
    pub internal_relations: Vec<Item>,
    pub external_relations: Vec<Item>,
    pub qualifications: Vec<Item>,
    pub environment: Vec<Item>,
    pub kpis: Vec<Item>,
    pub career: Vec<Item>,
    pub duties: Vec<Item>,
    /// The department's own headings (工作时间), in the order written.
    pub custom: Vec<CustomDraft>,
    /// The standard section last written to: a custom section after it
    /// stands after it on the page.
    last_section: Option<PageSection>,
    /// A label or heading said where the duties are; until then, prose
    /// without a number lands in them only for want of a better place.
    duties_named: bool,
    /// Lines of prose that matched no field and were kept in the duties.
    pub unclassified: Vec<Located<String>>,
    /// Filled by inference.
    pub reports_to: Option<Superior>,
    /// Named by a 岗位名称 line: the 直接上级 and 直接下级 lines after it
    /// are its own, whatever stands between.
    pub labelled: bool,
    /// How the title and the superior were found, for the report.
    pub found: Found,
}

/// A section under a heading the standard fields have no place for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomDraft {
    pub label: String,
    pub line: usize,
    pub placement: Placement,
    pub items: Vec<Item>,
    /// 工作关系 waiting for 内部：/外部：; left out when nothing stayed in it.
    pub container: bool,
}

/// How a role's title and superior were found.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Found {
    pub title: FoundBy,
    pub superior: FoundBy,
}

/// Where a value of a role came from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum FoundBy {
    /// Nowhere: not found.
    #[default]
    Nothing,
    /// Written as a field or heading.
    Stated,
    /// Named in a sentence of the role's text.
    Text,
    /// Chosen on evidence that can be wrong.
    Guessed,
}

impl RoleDraft {
    /// The title, or a placeholder for messages about a role not yet named.
    pub fn display_title(&self) -> String {
        self.title.as_ref().map_or_else(
            || format!("(untitled role at line {})", self.line),
            |t| t.value.clone(),
        )
    }

    pub fn folded_title(&self) -> Option<String> {
        self.title.as_ref().map(|t| fold(&t.value))
    }

    /// The lists of the role with their names, in page order: the four
    /// every job description has, the others when the role has them, then
    /// the custom sections.
    pub fn lists(&self) -> Vec<(String, &Vec<Item>)> {
        const ALWAYS: [PageSection; 4] = [
            PageSection::KeyResponsibility,
            PageSection::Authority,
            PageSection::Qualifications,
            PageSection::Duties,
        ];
        let standard = (ALWAYS.into_iter())
            .chain(PageSection::ALL.into_iter().filter(|s| !ALWAYS.contains(s)))
            .map(|s| (s.key().to_string(), self.list(s)))
            .filter(|(name, list)| !list.is_empty() || ALWAYS.iter().any(|a| a.key() == name));
        let custom = (self.custom.iter())
            .filter(|c| !(c.container && c.items.is_empty()))
            .map(|c| (format!("section {}", c.label), &c.items));
        standard.chain(custom).collect()
    }

    /// The items of a standard section.
    pub fn list(&self, section: PageSection) -> &Vec<Item> {
        match section {
            PageSection::Purpose => &self.purpose,
            PageSection::KeyResponsibility => &self.key_responsibility,
            PageSection::Duties => &self.duties,
            PageSection::Authority => &self.authority,
            PageSection::InternalRelations => &self.internal_relations,
            PageSection::ExternalRelations => &self.external_relations,
            PageSection::Qualifications => &self.qualifications,
            PageSection::Environment => &self.environment,
            PageSection::Kpis => &self.kpis,
            PageSection::Career => &self.career,
        }
    }

    fn list_mut(&mut self, section: PageSection) -> &mut Vec<Item> {
        self.last_section = Some(section);
        match section {
            PageSection::Purpose => &mut self.purpose,
            PageSection::KeyResponsibility => &mut self.key_responsibility,
            PageSection::Duties => &mut self.duties,
            PageSection::Authority => &mut self.authority,
            PageSection::InternalRelations => &mut self.internal_relations,
            PageSection::ExternalRelations => &mut self.external_relations,
            PageSection::Qualifications => &mut self.qualifications,
            PageSection::Environment => &mut self.environment,
            PageSection::Kpis => &mut self.kpis,
            PageSection::Career => &mut self.career,
        }
    }

    /// The value of a fact, if the role states it.
    pub fn fact(&self, fact: Fact) -> Option<&Located<String>> {
        self.facts.iter().find(|(f, _)| *f == fact).map(|(_, v)| v)
    }

    /// Every item of the role, depth first.
    pub fn items(&self) -> impl Iterator<Item = &Item> {
        let lists: Vec<&Vec<Item>> = (PageSection::ALL.iter().map(|&s| self.list(s)))
            .chain(self.custom.iter().map(|c| &c.items))
            .collect();
        lists
            .into_iter()
            .flat_map(|list| list.iter().flat_map(Item::walk))
    }

    fn is_blank(&self) -> bool {
        self.stated_superior.is_none()
            && self.stated_reports.is_none()
            && self.items().next().is_none()
    }

    /// Opens a custom section under `label`, where the role's text stands now.
    fn open_custom(&mut self, label: &str, line: usize, container: bool) -> usize {
        let placement = self.last_section.map_or(Placement::Start, Placement::After);
        self.custom.push(CustomDraft {
            label: label.to_string(),
            line,
            placement,
            items: Vec::new(),
            container,
        });
        self.custom.len() - 1
    }
}

/// Where items go.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
enum Target {
    /// The department's duties.
    #[default]
    Document,
    /// A standard section of the last role.
    Role(PageSection),
    /// A custom section of the last role, by position.
    Custom(usize),
    /// The rows of a revision history (修订记录).
    Revisions,
}

/// A document as read, before and after inference.
#[derive(Debug, Clone, Default)]
pub struct DocDraft {
    /// `第一篇`
    pub label: String,
    pub line: usize,
    pub title: String,
    pub organization: Option<Located<String>>,
    pub department: Option<Located<String>>,
    /// The department's duties, and prose about the department.
    pub duties: Vec<Item>,
    pub roles: Vec<RoleDraft>,
    /// Every cleaned line of the document, for keyword counts.
    pub lines: Vec<SourceLine>,
    target: Target,
    /// The document started without a `第N篇` line: its first heading is
    /// its title.
    implicit_title: bool,
    /// A label alone on its line (`岗位名称`, `汇报对象`, `工作地点`): its
    /// value is on the next line.
    awaiting: Option<Section>,
    /// Facts written before any role: the first role's.
    pending_facts: Vec<(Fact, Located<String>)>,
    /// The revision and approval block: version, effective date, who
    /// prepared, reviewed and approved the document; the first of each.
    pub control: Vec<(Control, Located<String>)>,
    /// The unit a heading between roles named (`工艺部`, `德育处`): the
    /// department of the roles after it that name none.
    unit: Option<Located<String>>,
    /// A unit heading before the first role: the department of the roles
    /// under it when later headings name other units.
    pub first_unit: Option<Located<String>>,
    /// A later control line that says otherwise than the first: kept as
    /// text where it stands, and reported.
    pub conflicting_control: Vec<(Control, Located<String>)>,
    /// The rows of its revision history (修订记录), as read.
    pub revisions: Vec<Located<RevisionRow>>,
}

pub use super::history::RevisionRow;

impl DocDraft {
    fn is_preamble(&self) -> bool {
        self.duties.is_empty() && self.roles.is_empty()
    }

    fn list_mut(&mut self) -> &mut Vec<Item> {
        match (self.target, self.roles.last_mut()) {
            (Target::Role(section), Some(role)) => role.list_mut(section),
            (Target::Custom(i), Some(role)) if i < role.custom.len() => &mut role.custom[i].items,
            // A line of the history that is no row stays the document's text.
            _ => &mut self.duties,
        }
    }

    /// Adds an item, nested as the list is written: an item of a style the
    /// list already uses above goes back to that level, an item of a new
    /// style goes under the numbered item before it, text without a number
    /// stays at the top.
    fn push_item(&mut self, item: Item) {
        let list = self.list_mut();
        match item.marker.map(|m| m.style) {
            Some(style) => insert(list, item, style),
            None => list.push(item),
        }
    }

    /// `2.8年以上` after item 1 of a `1.` list: item 2, `8年以上`, and not
    /// the number 2.8.
    fn continued_number<'t>(&mut self, text: &'t str) -> Option<(Marker, &'t str)> {
        let (marker, len) = glued_dot_number(text)?;
        let rest = &text[len..];
        let previous = Marker {
            number: marker.number.checked_sub(1)?,
            ..marker
        };
        let mut list: &Vec<Item> = self.list_mut();
        while let Some(last) = list.last() {
            if last.marker == Some(previous) {
                return Some((marker, rest));
            }
            list = &last.children;
        }
        None
    }

    fn start_role(&mut self, title: Option<Located<String>>, line: usize) -> &mut RoleDraft {
        self.target = Target::Role(PageSection::Duties);
        self.roles.push(RoleDraft {
            title,
            line,
            facts: std::mem::take(&mut self.pending_facts),
            unit: self.unit.clone(),
            ..RoleDraft::default()
        });
        let last = self.roles.len() - 1;
        &mut self.roles[last]
    }

    /// Prose about to land in a role's duties that no label or heading
    /// sent there.
    fn note_unclassified(&mut self, line: usize, text: &str) {
        if self.target != Target::Role(PageSection::Duties) {
            return;
        }
        if let Some(role) = self.roles.last_mut().filter(|r| !r.duties_named) {
            role.unclassified.push(Located {
                value: text.to_string(),
                line,
            });
        }
    }

    /// `所属部门：运营部`: a fact of the role being read, or of the next one
    /// when that has it already (a form whose fields come before its
    /// 岗位名称) or when no role has started.
    fn add_fact(&mut self, line: usize, fact: Fact, value: &str) {
        if value.is_empty() {
            return;
        }
        let value = Located {
            value: value.to_string(),
            line,
        };
        if fact == Fact::Department && self.department.is_none() {
            self.department = Some(value.clone());
        }
        match self.roles.last_mut() {
            None => self.pending_facts.push((fact, value)),
            Some(role) if role.fact(fact).is_none() => role.facts.push((fact, value)),
            Some(_) => self.start_role(None, line).facts.push((fact, value)),
        }
    }

    /// `版本号：V2.0`, `审核：李强`: a fact of the document. Returns false
    /// when the document has another value for it already, so that the line
    /// stays as text.
    fn add_control(&mut self, line: usize, control: Control, value: &str) -> bool {
        let value = Located {
            value: value.to_string(),
            line,
        };
        match self.control.iter().find(|(c, _)| *c == control) {
            None => self.control.push((control, value)),
            Some((_, first)) if first.value == value.value => {}
            Some(_) => {
                self.conflicting_control.push((control, value));
                return false;
            }
        }
        true
    }

    /// `岗位名称：…`, `直接上级：…`, `直接下级：…`: who the role is and where it
    /// stands; a label with nothing after it waits for the next line.
    fn reporting_line(&mut self, line: usize, section: Section, rest: &str, text: &str) {
        let located = |value: String| Located { value, line };
        match section {
            Section::Title => self.titled_role(line, rest),
            Section::Superior => {
                let role = self.role_for_reporting_line(line, section);
                role.stated_superior = (!rest.is_empty()).then(|| located(rest.to_string()));
                self.awaiting = rest.is_empty().then_some(section);
            }
            _ => {
                let role = self.role_for_reporting_line(line, section);
                role.stated_reports = Some(Located {
                    value: names(rest),
                    line,
                });
                let written = located(rest.to_string());
                role.reports_written = Some((label_of(text).to_string(), written));
            }
        }
    }

    /// The role a 直接上级/直接下级 line belongs to: the current one while it is
    /// still blank, else a new role without a heading.
    fn role_for_reporting_line(&mut self, line: usize, section: Section) -> &mut RoleDraft {
        let reuse = self.roles.last().is_some_and(|role| match section {
            Section::Subordinates => role.stated_reports.is_none(),
            _ if role.labelled => role.stated_superior.is_none(),
            // `直接上级：` in a closing 工作关系 block of a role its heading
            // named.
            _ if role.title.is_some() => role.stated_superior.is_none(),
            _ => role.is_blank(),
        });
        if reuse {
            let last = self.roles.len() - 1;
            &mut self.roles[last]
        } else {
            self.start_role(None, line)
        }
    }

    /// A role named by a 岗位名称 line: the role being read when it has no
    /// title and no items yet (its 直接上级 came first), else a new one.
    fn titled_role(&mut self, line: usize, title: &str) {
        let title = (!title.is_empty()).then(|| Located {
            value: title.to_string(),
            line,
        });
        // A role its heading started (`店长岗位说明书`, `第一节 店长`) or its
        // 直接上级 line, with nothing in it yet.
        let untitled =
            (self.roles.last_mut()).filter(|r| !r.labelled && r.items().next().is_none());
        let role = match untitled {
            Some(role) => role,
            None => self.start_role(None, line),
        };
        let awaiting = title.is_none();
        if title.is_some() || role.title.is_none() {
            role.title = title;
        }
        role.labelled = true;
        self.awaiting = awaiting.then_some(Section::Title);
        self.target = Target::Role(PageSection::Duties);
    }

    /// The current role, started without a heading if there is none.
    fn current_role(&mut self, line: usize) -> &mut RoleDraft {
        if self.roles.is_empty() {
            return self.start_role(None, line);
        }
        let last = self.roles.len() - 1;
        &mut self.roles[last]
    }
}

/// Puts `item` at the level of `list` whose items have `style` (following
/// the last item of each level down), else under the deepest numbered item.
fn insert(list: &mut Vec<Item>, item: Item, style: MarkerStyle) {
    let depth = level_of(list, style);
    insert_at(list, item, depth);
}

/// `depth` levels down (`None`: as deep as the numbered items go).
fn insert_at(list: &mut Vec<Item>, item: Item, depth: Option<usize>) {
    let go_down = match depth {
        Some(d) => d > 0,
        None => list.last().is_some_and(|last| last.marker.is_some()),
    };
    if go_down {
        if let Some(last) = list.last_mut() {
            return insert_at(&mut last.children, item, depth.map(|d| d - 1));
        }
    }
    list.push(item);
}

/// How deep, following the last item of each level, the items have `style`.
fn level_of(list: &[Item], style: MarkerStyle) -> Option<usize> {
    let mut list = list;
    let mut depth = 0;
    while let Some(last) = list.last() {
        if last.marker?.style == style {
            return Some(depth);
        }
        list = &last.children;
        depth += 1;
    }
    None
}

/// Reads the documents of cleaned lines. Lines before the first `第N篇` form a
/// document labelled `fallback_label`.
pub fn parse(lines: &[SourceLine], fallback_label: &str, notes: &mut Notes) -> Vec<DocDraft> {
    let mut parser = Parser {
        docs: Vec::new(),
        fallback_label,
    };
    let split: Vec<Vec<&str>> = (lines.iter())
        .map(|line| split_run_on(strip_bullet(line.text.trim_start())))
        .collect();
    for (n, line) in lines.iter().enumerate() {
        // A sheet of a workbook: titled by its name, unless its first
        // heading (a title row) says more.
        if let Some(title) = &line.mark.document {
            parser.docs.push(DocDraft {
                label: title.clone(),
                line: line.number,
                title: title.clone(),
                implicit_title: true,
                ..DocDraft::default()
            });
        }
        if is_separator(&line.text) {
            notes.add(
                EntryKind::Skipped,
                line.number,
                format!(
                    "left out the separator line `{}`",
                    shorten(line.text.trim())
                ),
            );
            continue;
        }
        if parser.revision_row(line, notes) {
            continue;
        }
        let pieces = &split[n];
        report_split(line.number, pieces, notes);
        // A lone heading is read with the line after it (`1. 销售经理`).
        let before_field = pieces.len() == 1 && starts_with_field(split.get(n + 1));
        let after_roles = parser.docs.last().is_some_and(|d| !d.roles.is_empty());
        for piece in pieces.iter().copied().map(strip_bullet) {
            if is_form_heading(piece, after_roles) {
                notes.add(
                    EntryKind::Skipped,
                    line.number,
                    format!("left out the form heading `{piece}`: it is layout, not content"),
                );
            } else if !piece.is_empty() {
                let classified = classify_in_place(piece, line, before_field);
                parser.piece(line.number, piece, classified);
            }
        }
        parser.doc(line.number).lines.push(line.clone());
    }
    parser.docs
}

fn report_split(line: usize, pieces: &[&str], notes: &mut Notes) {
    if pieces.len() > 1 {
        let parts: Vec<String> = pieces.iter().map(|p| format!("`{}`", shorten(p))).collect();
        notes.add(
            EntryKind::Split,
            line,
            format!(
                "split a run-on line into {} parts: {}",
                pieces.len(),
                parts.join(" + ")
            ),
        );
    }
}

/// Whether a line (its pieces) starts with a field's label (`岗位名称：…`,
/// `直接上级：…`).
fn starts_with_field(pieces: Option<&Vec<&str>>) -> bool {
    let first = pieces.and_then(|p| p.first());
    first.is_some_and(|piece| matches!(classify(piece), Piece::Keyword { .. }))
}

/// What a piece is, knowing its line: a Word heading that names no unit
/// and no field is a role, and so is a numbered or bulleted title before a
/// field ([`role_heading`]).
fn classify_in_place<'p>(piece: &'p str, line: &SourceLine, before_field: bool) -> Piece<'p> {
    let classified = classify(piece);
    if matches!(
        classified,
        Piece::Keyword { .. } | Piece::DocumentStart { .. }
    ) {
        return classified;
    }
    if let Some(title) = role_heading(piece, before_field) {
        return Piece::RoleTitle(title);
    }
    match (classified, line.mark.heading) {
        (Piece::Caption(text), Some(_)) if is_role_heading(text) => Piece::RoleTitle(text),
        (classified, _) => classified,
    }
}

/// The start of a long text, for messages.
pub fn shorten(text: &str) -> String {
    const SHOWN: usize = 14;
    if text.chars().count() <= SHOWN + 2 {
        text.to_string()
    } else {
        let start: String = text.chars().take(SHOWN).collect();
        format!("{start}…")
    }
}

struct Parser<'a> {
    docs: Vec<DocDraft>,
    fallback_label: &'a str,
}

impl Parser<'_> {
    /// Under a 修订记录 label, a row of the history (a version, a date and
    /// what changed) or its table heading; `false` for anything else, which
    /// is read as usual.
    fn revision_row(&mut self, line: &SourceLine, notes: &mut Notes) -> bool {
        let in_history = self
            .docs
            .last()
            .is_some_and(|d| d.target == Target::Revisions);
        if !in_history {
            return false;
        }
        if super::history::is_heading_row(&line.text) {
            let shown = shorten(line.text.trim());
            let message = format!("left out the revision table's heading `{shown}`");
            notes.add(EntryKind::Skipped, line.number, message);
            self.doc(line.number).lines.push(line.clone());
            return true;
        }
        let Some(row) = super::history::row(&line.text) else {
            return false;
        };
        let doc = self.doc(line.number);
        doc.revisions.push(Located {
            value: row,
            line: line.number,
        });
        doc.lines.push(line.clone());
        true
    }

    /// The current document, started implicitly if the text has no `第N篇`.
    fn doc(&mut self, line: usize) -> &mut DocDraft {
        if self.docs.is_empty() {
            self.docs.push(DocDraft {
                label: self.fallback_label.to_string(),
                line,
                title: self.fallback_label.to_string(),
                implicit_title: true,
                ..DocDraft::default()
            });
        }
        let last = self.docs.len() - 1;
        &mut self.docs[last]
    }

    fn piece(&mut self, line: usize, text: &str, piece: Piece<'_>) {
        let located = |text: &str| Located {
            value: text.to_string(),
            line,
        };
        if self.take_awaited_value(line, &piece) {
            return;
        }
        match piece {
            Piece::DocumentStart { label, title } => self.docs.push(DocDraft {
                label: label.to_string(),
                line,
                title: if title.is_empty() { label } else { title }.to_string(),
                ..DocDraft::default()
            }),
            Piece::Keyword { section, rest } => self.keyword(line, section, rest, text),
            Piece::Heading(label) => self.own_heading(line, label, text),
            Piece::DutiesHeading { subject } => self.duties_heading(line, subject, text),
            Piece::Item { marker, text } => self.doc(line).push_item(Item {
                marker: Some(marker),
                text: text.to_string(),
                line,
                children: Vec::new(),
            }),
            Piece::RoleTitle(title) => {
                self.doc(line).start_role(Some(located(title)), line);
            }
            Piece::Organization(name) => {
                let doc = self.doc(line);
                if doc.organization.is_none() && doc.roles.is_empty() {
                    doc.organization = Some(located(name));
                } else {
                    self.text(line, name);
                }
            }
            Piece::Department(name) => {
                let doc = self.doc(line);
                if doc.department.is_none() && doc.roles.is_empty() {
                    doc.department = Some(located(name));
                    doc.first_unit = Some(located(name));
                } else {
                    // `德育处` between roles heads the roles after it.
                    doc.unit = Some(located(name));
                    doc.target = Target::Document;
                }
            }
            Piece::Caption(text) => self.caption(line, text),
            Piece::Text(text) => self.text(line, text),
        }
    }

    /// The line after a label with nothing after it (`岗位名称：`, `汇报对象`,
    /// `工作地点`), when it is a value (short, no sentence): the label's
    /// value.
    fn take_awaited_value(&mut self, line: usize, piece: &Piece<'_>) -> bool {
        const LONGEST_VALUE: usize = 20;
        // Not `self.doc`: that would start a document before a `第N篇` line.
        let Some(doc) = self.docs.last_mut() else {
            return false;
        };
        let Some(section) = doc.awaiting.take() else {
            return false;
        };
        let (Piece::RoleTitle(value)
        | Piece::Caption(value)
        | Piece::Text(value)
        | Piece::Department(value)
        | Piece::Organization(value)) = piece
        else {
            return false;
        };
        let fits =
            value.chars().count() <= LONGEST_VALUE && !value.contains(['。', '；', ';', '，']);
        if !fits {
            return false;
        }
        let located = Located {
            value: value.to_string(),
            line,
        };
        match section {
            Section::Title => match doc.roles.last_mut().filter(|r| r.title.is_none()) {
                Some(role) => role.title = Some(located),
                None => return false,
            },
            Section::Superior => match doc.roles.last_mut() {
                Some(role) => role.stated_superior = Some(located),
                None => return false,
            },
            Section::Fact(fact) => doc.add_fact(line, fact, value),
            Section::Control(control) => return doc.add_control(line, control, value),
            _ => return false,
        }
        true
    }

    fn keyword(&mut self, line: usize, section: Section, rest: &str, text: &str) {
        let doc = self.doc(line);
        match section {
            Section::Superior | Section::Subordinates | Section::Title => {
                return doc.reporting_line(line, section, rest, text);
            }
            // `工作地点` alone: the value is on the next line.
            Section::Fact(_) | Section::Control(_) if rest.is_empty() => {
                doc.awaiting = Some(section);
                return;
            }
            Section::Fact(fact) => return doc.add_fact(line, fact, rest),
            Section::Control(control) => {
                if !doc.add_control(line, control, rest) {
                    self.text(line, text);
                }
                return;
            }
            Section::QualificationPart => {
                doc.current_role(line);
                doc.target = Target::Role(PageSection::Qualifications);
                return self.text(line, text);
            }
            Section::Relations => {
                let label = label_of(text);
                let i = doc.current_role(line).open_custom(label, line, true);
                doc.target = Target::Custom(i);
            }
            Section::Duties if doc.roles.is_empty() => doc.target = Target::Document,
            // What a revision history holds is the document's, not a role's.
            Section::Revisions => doc.target = Target::Revisions,
            _ => {
                let role = doc.current_role(line);
                role.duties_named |= section == Section::Duties;
                let page = section.page_section().unwrap_or(PageSection::Duties);
                doc.target = Target::Role(page);
            }
        }
        if !rest.is_empty() {
            self.rest(line, rest);
        }
    }

    /// The text after a label on its line: an item or another field when
    /// it is one (`工作关系：内部：人事部`, `岗位职责：1、负责…`), else text of
    /// the section the label opened.
    fn rest(&mut self, line: usize, rest: &str) {
        match classify(rest) {
            piece @ (Piece::Item { .. } | Piece::Keyword { .. } | Piece::DutiesHeading { .. }) => {
                self.piece(line, rest, piece)
            }
            _ => self.text(line, rest),
        }
    }

    /// A heading of the department's own (`工作时间：`, `【培训要求】`) inside a
    /// role opens a custom section; in the qualifications it is one of
    /// them (`技能技巧：`), and outside a role it is text.
    fn own_heading(&mut self, line: usize, label: &str, text: &str) {
        let doc = self.doc(line);
        // `【工作时间】` after the qualifications is a section of its own;
        // `技能技巧：` among them is one of them.
        let bracketed = text.trim_start().starts_with(['【', '[', '〔']);
        let qualification = QUALIFICATION_TOPICS.iter().any(|t| fold(label).contains(t));
        let in_role = match doc.target {
            Target::Role(PageSection::Qualifications) => bracketed || !qualification,
            Target::Role(_) => true,
            Target::Custom(_) => true,
            Target::Document | Target::Revisions => false,
        };
        match doc.roles.last_mut().filter(|_| in_role) {
            Some(role) => {
                let i = role.open_custom(label, line, false);
                doc.target = Target::Custom(i);
            }
            None => self.text(line, text),
        }
    }

    /// `二、运营部部长职责:` starts a role; `一、运营部职责` the department's
    /// duties.
    fn duties_heading(&mut self, line: usize, subject: &str, text: &str) {
        let doc = self.doc(line);
        let folded = fold(subject);
        // `仓库管理员岗位说明书` is a role's, whatever its title ends with;
        // `仓储部岗位说明书` a department's.
        // `某某服饰有限公司门店运营岗位说明书` is the document's title.
        let organization = ORGANIZATION_SUFFIXES.iter().any(|o| folded.contains(o));
        let unit = names_unit(&folded) || organization;
        // `锦绣置业岗位说明书` opening a file is its title; later, a role's.
        let opening = doc.is_preamble() && doc.implicit_title;
        let explains = fold(text).contains("说明");
        if rank_of(&folded).is_some() || (explains && !unit && !opening) {
            let title = Located {
                value: subject.to_string(),
                line,
            };
            doc.start_role(Some(title), line).duties_named = true;
            return;
        }
        // `主要工作职责：`, `日常职责：` inside a role: that role's duties.
        let generic = !unit && !opening && !explains;
        if let Some(role) = doc.roles.last_mut().filter(|_| generic) {
            role.duties_named = true;
            doc.target = Target::Role(PageSection::Duties);
            return;
        }
        doc.target = Target::Document;
        if doc.is_preamble() && doc.implicit_title {
            let title = text
                .trim_matches(['《', '》', '【', '】'])
                .trim_end_matches([':', '：']);
            doc.title = title.trim().to_string();
            doc.implicit_title = false;
        }
        if doc.department.is_none() && folded.ends_with('部') {
            doc.department = Some(Located {
                value: subject.to_string(),
                line,
            });
        }
    }

    /// A heading right after `第N篇` that extends its title is the document's
    /// own, fuller title (`运营部岗位职责说明`); other captions are text.
    fn caption(&mut self, line: usize, text: &str) {
        let doc = self.doc(line);
        if doc.is_preamble() && doc.implicit_title {
            doc.title = text.to_string();
            doc.implicit_title = false;
        } else if doc.is_preamble() && fold(text).starts_with(&fold(&doc.title)) {
            doc.title = text.to_string();
        } else {
            self.text(line, text);
        }
    }

    fn text(&mut self, line: usize, text: &str) {
        let doc = self.doc(line);
        let (marker, text) = match doc.continued_number(text) {
            Some((marker, rest)) => (Some(marker), rest.trim()),
            None => (None, text),
        };
        if marker.is_none() {
            doc.note_unclassified(line, text);
        }
        doc.push_item(Item {
            marker,
            text: text.to_string(),
            line,
            children: Vec::new(),
        });
    }
}

/// Words of a heading that make it part of the qualifications (`技能技巧`,
/// `证书要求`) rather than a section of its own (`工作时间`, `培训要求`).
const QUALIFICATION_TOPICS: &[&str] = &[
    "技能", "技巧", "经验", "证书", "知识", "能力", "素质", "学历", "专业", "资格", "职称", "年龄",
    "身体", "语言", "外语", "性别", "资质",
];

/// The label of a label line as written: `工作关系：…` → `工作关系`.
fn label_of(text: &str) -> &str {
    let text = text.trim().trim_start_matches(['【', '[', '〔']);
    let end = text
        .find([':', '：', '】', ']', '〕'])
        .unwrap_or(text.len());
    text[..end].trim()
}

/// A heading that can be a role's title: words only, short, no unit's
/// name, no label, and no 说明书 (a unit's description).
fn is_role_heading(text: &str) -> bool {
    is_title_like(text) && !fold(text).contains("说明")
}

/// The names of a 直接下级 line; 无 names none.
fn names(text: &str) -> Vec<String> {
    text.split(['、', ',', '，', ';', '；', '/', ' '])
        .map(str::trim)
        .filter(|name| !name.is_empty() && !matches!(fold(name).as_str(), "无" | "暂无"))
        .map(str::to_string)
        .collect()
}

/// Reports numbers that skip or repeat in every list of a document.
pub fn check_numbering(doc: &DocDraft, notes: &mut Notes) {
    check_list(
        &format!("{} department duties", doc.label),
        &doc.duties,
        notes,
    );
    for role in &doc.roles {
        for (name, list) in role.lists() {
            check_list(&format!("{} {name}", role.display_title()), list, notes);
        }
    }
}

fn check_list(what: &str, items: &[Item], notes: &mut Notes) {
    check_sequence(what, items, notes);
    for item in items {
        if let Some(marker) = item.marker {
            check_list(
                &format!("{what} item {}", marker.number),
                &item.children,
                notes,
            );
        }
    }
}

/// Numbered items should count 1, 2, 3 …; a gap is kept in the output (the
/// Markdown keeps the source numbers) and reported here.
fn check_sequence(what: &str, items: &[Item], notes: &mut Notes) {
    let mut previous = 0;
    for item in items {
        let Some(marker) = item.marker else {
            continue;
        };
        let expected = previous + 1;
        if marker.number != expected {
            let message = if previous == 0 {
                format!("{what}: numbering starts at {} instead of 1", marker.number)
            } else if marker.number > expected {
                let missing = if marker.number == expected + 1 {
                    expected.to_string()
                } else {
                    format!("{expected}–{}", marker.number - 1)
                };
                format!(
                    "{what}: {previous} is followed by {} ({missing} missing)",
                    marker.number
                )
            } else {
                format!("{what}: {previous} is followed by {}", marker.number)
            };
            notes.add(EntryKind::NumberingGap, item.line, message);
        }
        previous = marker.number;
    }
}

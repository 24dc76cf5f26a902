//! Validation: from raw content to the [`Handbook`] model.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use pulldown_cmark::{CowStr, Event, Tag, TagEnd};
use rayon::prelude::*;

use super::ids::{is_reserved, is_slug, DocId, RoleId, RESERVED};
use super::rich::{self, Rich, Spanned, Target};
use super::sort::pinyin_key;
use super::written::scalar_value;
use super::{CustomSection, Document, Facts, Handbook, Item, Placement, Role, Section, Superior};
use crate::config::Config;
use crate::content::source::{key_line, BodyLines, Split};
use crate::content::{
    ListItem, Parsed, RawContent, RawDocument, RawRole, RoleMeta, Scalar, SectionMeta,
};
use crate::error::{field_label, Diagnostic, Error, Location, Result, Text};
use crate::text;

/// Validates raw content into a handbook. All problems are reported together.
pub fn validate(config: &Config, raw: &RawContent) -> Result<Handbook> {
    let all: Vec<usize> = (0..raw.documents.len()).collect();
    Ok(Handbook {
        title: config.title.clone(),
        description: config.description.clone(),
        documents: validate_documents(raw, &all)?,
    })
}

/// Validates the documents of `raw` at the positions `which`, against the
/// ids and titles of all of `raw`. A document's validation depends on
/// nothing else, so when no id or title changed anywhere an incremental
/// rebuild re-validates only the documents whose files changed.
///
/// Documents are validated in parallel; errors are sorted by place, so they
/// come out the same as one at a time.
pub fn validate_documents(raw: &RawContent, which: &[usize]) -> Result<Vec<Document>> {
    let mut errors = Vec::new();
    let index = Index::new(raw, &mut errors);
    let built: Vec<(Option<Document>, Vec<Diagnostic>)> = which
        .par_iter()
        .filter_map(|&i| raw.documents.get(i))
        .map(|doc| {
            let mut found = Vec::new();
            (build_document(doc, &index, &mut found), found)
        })
        .collect();
    let mut documents = Vec::with_capacity(built.len());
    for (doc, found) in built {
        documents.extend(doc);
        errors.extend(found);
    }
    if !errors.is_empty() {
        errors.sort_by(|a, b| a.location.cmp(&b.location));
        return Err(Error::Invalid(errors));
    }
    Ok(documents)
}

/// What links may point at: every valid document and role id, and each role's
/// title and document.
struct Index {
    documents: HashSet<String>,
    roles: HashMap<String, RoleEntry>,
}

struct RoleEntry {
    title: String,
    document: String,
}

impl Index {
    fn new(raw: &RawContent, errors: &mut Vec<Diagnostic>) -> Index {
        let mut documents = HashSet::new();
        let mut roles: HashMap<String, RoleEntry> = HashMap::new();
        let mut files: HashMap<String, &Path> = HashMap::new();
        for doc in &raw.documents {
            documents.insert(doc.dir_name.clone());
            for role in &doc.roles {
                if let Some(first) = files.get(role.stem.as_str()) {
                    errors.push(
                        Diagnostic::new(
                            Location::new(role.parsed.path(), 1),
                            text!(
                                "duplicate role id `{stem}`",
                                "岗位文件名“{stem}”重复了",
                                stem = role.stem
                            ),
                        )
                        .hint(text!(
                            "{first} has the same id; role ids are unique across the handbook: rename one file",
                            "“{first}”也用了这个岗位文件名；整本手册里岗位文件名不能重复，请改其中一个文件名",
                            first = first.display()
                        )),
                    );
                    continue;
                }
                files.insert(role.stem.clone(), role.parsed.path());
                roles.insert(
                    role.stem.clone(),
                    RoleEntry {
                        title: role.parsed.meta.title.clone(),
                        document: doc.dir_name.clone(),
                    },
                );
            }
        }
        Index { documents, roles }
    }
}

fn build_document(
    raw: &RawDocument,
    index: &Index,
    errors: &mut Vec<Diagnostic>,
) -> Option<Document> {
    let id = DocId::parse(&raw.dir_name);
    if id.is_none() {
        errors.push(
            Diagnostic::new(
                Location::new(&raw.dir, 0),
                text!(
                    "document folder name `{name}` is not a valid id",
                    "文件夹名“{name}”的写法不符合要求",
                    name = raw.dir_name
                ),
            )
            .hint(text!(
                "use lowercase ASCII letters, digits and single hyphens, e.g. 01-property-operations",
                "请只用小写英文字母、数字和连字符“-”（“-”不能连着写两个），例如 01-property-operations"
            )),
        );
    }
    if is_reserved(&raw.dir_name) {
        let what = text!("document folder", "文件夹名");
        errors.push(reserved(&raw.dir, &what, &raw.dir_name));
    }
    let meta = &raw.index.meta;
    let linker = Linker::new(raw);
    let mut ctx = RichContext {
        index,
        linker: &linker,
        current: None,
        linked: HashSet::new(),
        errors,
    };
    let split = raw.index.split();
    ctx.errors
        .extend(title_error(raw.index.path(), &split, &meta.title));
    let control = super::control::control(meta.control(), raw.index.path(), &split, ctx.errors);
    let duties = ctx.body(&raw.index, &split);
    let roles = build_roles(raw, index, &linker, ctx.errors);
    let roles = order_roles(raw, roles, ctx.errors);
    Some(Document {
        id: id?,
        title: meta.title.clone(),
        organization: meta.organization.clone(),
        industry: meta.industry.clone(),
        source: meta.source.clone(),
        summary: meta.summary.clone(),
        external_superiors: meta.external_superiors.clone(),
        control,
        duties,
        roles,
        file: raw.index.path().to_path_buf(),
        lookup: Default::default(),
    })
}

/// The error for a title that cannot be published as it is, at its line.
fn title_error(path: &Path, split: &Split, title: &str) -> Option<Diagnostic> {
    let problem = crate::text::title_problem(title)?;
    let at = Location::new(path, key_line(split, "title"));
    Some(Diagnostic::new(at, problem).field("title"))
}

/// The error for a document or role whose id is a name the build writes.
/// `what` names the id: in English before "name", in Chinese whole
/// (文件夹名), since the two languages build the phrase differently.
fn reserved(path: &Path, what: &Text, id: &str) -> Diagnostic {
    Diagnostic::new(
        Location::new(path, 0),
        Text::new(
            format!(
                "{} name `{id}` is reserved: the handbook writes a page or folder of that name",
                what.en
            ),
            format!(
                "{}“{id}”是保留名：手册自己会生成同名的页面或文件夹",
                what.zh
            ),
        ),
    )
    .hint(Text::new(
        format!(
            "rename it, e.g. `{id}-1`; reserved names: {}",
            RESERVED.join(", ")
        ),
        format!(
            "请改一个名字，例如“{id}-1”；保留名有：{}",
            RESERVED.join("、")
        ),
    ))
}

fn build_roles(
    raw: &RawDocument,
    index: &Index,
    linker: &Linker,
    errors: &mut Vec<Diagnostic>,
) -> Vec<(Role, Option<i64>)> {
    let mut roles = Vec::new();
    for role in &raw.roles {
        let Some(id) = RoleId::parse(&role.stem) else {
            errors.push(
                Diagnostic::new(
                    Location::new(role.parsed.path(), 0),
                    text!(
                        "role file name `{stem}` is not a valid id",
                        "岗位文件名“{stem}”的写法不符合要求",
                        stem = role.stem
                    ),
                )
                .hint(text!(
                    "use lowercase ASCII letters, digits and single hyphens, e.g. yun-ying-zong-jian.md",
                    "请只用小写英文字母、数字和连字符“-”（“-”不能连着写两个），例如 yun-ying-zong-jian.md"
                )),
            );
            continue;
        };
        if is_reserved(id.as_str()) {
            let what = text!("role file", "岗位文件名");
            errors.push(reserved(role.parsed.path(), &what, id.as_str()));
            continue;
        }
        let reports_to = superior(raw, role, index, errors);
        let mut ctx = RichContext {
            index,
            linker,
            current: Some(role.stem.clone()),
            linked: HashSet::new(),
            errors,
        };
        let p = &role.parsed;
        let meta: &RoleMeta = &p.meta;
        let split = p.split();
        let mut list = |key: &str, items: &[ListItem]| ctx.items(p, &split, key, items);
        let purpose = list("purpose", &meta.purpose);
        let key_responsibility = list("key_responsibility", &meta.key_responsibility);
        let authority = list("authority", &meta.authority);
        let internal_relations = list("internal_relations", &meta.internal_relations);
        let external_relations = list("external_relations", &meta.external_relations);
        let qualifications = list("qualifications", &meta.qualifications);
        let environment = list("environment", &meta.environment);
        let kpis = list("kpis", &meta.kpis);
        let career = list("career", &meta.career);
        let sections = ctx.sections(p, &split, &meta.sections);
        let duties = ctx.body(p, &split);
        ctx.errors
            .extend(title_error(p.path(), &split, &meta.title));
        let control = super::control::control(meta.control(), p.path(), &split, ctx.errors);
        roles.push((
            Role {
                control,
                id,
                title: meta.title.clone(),
                reports_to,
                direct_reports: Vec::new(),
                depth: 0,
                facts: facts(meta, &split),
                purpose,
                key_responsibility,
                duties,
                authority,
                internal_relations,
                external_relations,
                qualifications,
                environment,
                kpis,
                career,
                sections,
                sort_key: pinyin_key(&meta.title),
                file: p.path().to_path_buf(),
            },
            meta.weight,
        ));
    }
    roles
}

/// The role's short values, trimmed; a number as its line writes it.
fn facts(meta: &RoleMeta, split: &Split<'_>) -> Facts {
    let value = |key: &str, scalar: &Option<Scalar>| scalar_value(split, key, scalar);
    Facts {
        department: value("department", &meta.department),
        code: value("code", &meta.code),
        grade: value("grade", &meta.grade),
        headcount: value("headcount", &meta.headcount),
        location: value("location", &meta.location),
    }
}

/// Resolves `reports_to`: an ASCII value is a role id of the same document,
/// anything else names an external superior.
fn superior(
    doc: &RawDocument,
    role: &RawRole,
    index: &Index,
    errors: &mut Vec<Diagnostic>,
) -> Option<Superior> {
    let value = role.parsed.meta.reports_to.as_deref()?.trim();
    let at = || {
        Location::new(
            role.parsed.path(),
            key_line(&role.parsed.split(), "reports_to"),
        )
    };
    let error = |message: Text| Diagnostic::new(at(), message).field("reports_to");
    if value.is_empty() {
        errors.push(
            error(text!(
                "reports_to is empty",
                "“reports_to”（直接上级）是空的"
            ))
            .hint(text!(
                "name a role id, or remove the field",
                "请写上上级岗位的岗位文件名，或者删掉这个字段"
            )),
        );
        return None;
    }
    if !value.is_ascii() {
        return Some(Superior::External(value.to_string()));
    }
    if value == role.stem {
        errors.push(error(text!(
            "role `{value}` reports to itself",
            "岗位“{value}”的直接上级是它自己"
        )));
        return None;
    }
    match index.roles.get(value) {
        Some(entry) if entry.document == doc.dir_name => RoleId::parse(value).map(Superior::Role),
        Some(entry) => {
            errors.push(
                error(text!(
                    "`{value}` is a role of another document ({doc})",
                    "“{value}”是另一个文件（{doc}）里的岗位",
                    doc = entry.document
                ))
                .hint(text!(
                    "a role reports to a role of its own document, or to an external superior",
                    "直接上级只能是同一个文件里的岗位，或者外部上级；请改成其中一种"
                )),
            );
            None
        }
        None => {
            let message = text!("no role with id `{value}`", "没有文件名为“{value}”的岗位");
            errors.push(error(message).hint(suggest_ids(doc, value)));
            None
        }
    }
}

fn suggest_ids(doc: &RawDocument, value: &str) -> Text {
    let ids: Vec<&str> = doc.roles.iter().map(|r| r.stem.as_str()).collect();
    let closest = (ids.iter())
        .map(|id| (strsim::levenshtein(id, value), *id))
        .filter(|(distance, id)| *distance <= (id.len() / 4).max(1))
        .min();
    if let Some((_, id)) = closest {
        return text!(
            "did you mean `{id}`? (a role id is its file name without .md)",
            "是不是“{id}”？（岗位文件名不含 .md）"
        );
    }
    if ids.is_empty() {
        text!(
            "this document has no roles; name an external superior (such as 总经理) instead",
            "这个文件里还没有岗位；请改写一个外部上级（例如“总经理”）"
        )
    } else {
        Text::new(
            format!("roles of this document: {}", ids.join(", ")),
            format!("这个文件里的岗位文件名有：{}", ids.join("、")),
        )
    }
}

/// Puts roles in reporting order, derives direct reports and depths, and
/// reports reporting cycles.
fn order_roles(
    doc: &RawDocument,
    roles: Vec<(Role, Option<i64>)>,
    errors: &mut Vec<Diagnostic>,
) -> Vec<Role> {
    let sort_key = |(r, w): &(Role, Option<i64>)| (w.unwrap_or(i64::MAX), r.id.clone());
    let mut children: BTreeMap<Option<RoleId>, Vec<usize>> = BTreeMap::new();
    for (i, (role, _)) in roles.iter().enumerate() {
        let parent = match &role.reports_to {
            Some(Superior::Role(id)) => Some(id.clone()),
            _ => None,
        };
        children.entry(parent).or_default().push(i);
    }
    for list in children.values_mut() {
        list.sort_by_key(|&i| sort_key(&roles[i]));
    }
    let mut order = Vec::with_capacity(roles.len());
    let mut stack: Vec<(usize, usize)> = children
        .get(&None)
        .map(|roots| roots.iter().rev().map(|&i| (i, 0)).collect())
        .unwrap_or_default();
    while let Some((i, depth)) = stack.pop() {
        order.push((i, depth));
        if let Some(kids) = children.get(&Some(roles[i].0.id.clone())) {
            stack.extend(kids.iter().rev().map(|&k| (k, depth + 1)));
        }
    }
    report_cycles(doc, &roles, &order, errors);
    let mut slots: Vec<Option<Role>> = roles.into_iter().map(|(r, _)| Some(r)).collect();
    let mut ordered: Vec<Role> = Vec::with_capacity(order.len());
    for (i, depth) in order {
        if let Some(mut role) = slots[i].take() {
            role.depth = depth;
            ordered.push(role);
        }
    }
    fill_direct_reports(&mut ordered);
    ordered
}

/// Direct reports come from the other roles' `reports_to`; taking them in
/// reporting order keeps siblings sorted by weight.
fn fill_direct_reports(roles: &mut [Role]) {
    let position: HashMap<RoleId, usize> = roles
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.clone(), i))
        .collect();
    for i in 0..roles.len() {
        if let Some(Superior::Role(parent)) = &roles[i].reports_to {
            if let Some(&p) = position.get(parent) {
                let child = roles[i].id.clone();
                roles[p].direct_reports.push(child);
            }
        }
    }
}

/// One error per reporting cycle, naming its roles in the order they
/// report to each other. Roles reached by no root are either in a cycle or
/// report into one (or to an unknown role, reported elsewhere); only the
/// first are named.
fn report_cycles(
    doc: &RawDocument,
    roles: &[(Role, Option<i64>)],
    order: &[(usize, usize)],
    errors: &mut Vec<Diagnostic>,
) {
    let mut reached = vec![false; roles.len()];
    for &(i, _) in order {
        reached[i] = true;
    }
    let stuck: HashMap<&str, usize> = (roles.iter().enumerate())
        .filter(|(i, _)| !reached[*i])
        .map(|(i, (r, _))| (r.id.as_str(), i))
        .collect();
    for cycle in cycles(roles, &stuck) {
        let first = &roles[cycle[0]].0;
        let raw = doc.roles.iter().find(|r| r.stem == first.id.as_str());
        let line = raw.map_or(0, |r| key_line(&r.parsed.split(), "reports_to"));
        let mut ids: Vec<&str> = cycle.iter().map(|&i| roles[i].0.id.as_str()).collect();
        ids.push(first.id.as_str());
        errors.push(
            Diagnostic::new(
                Location::new(&first.file, line),
                text!(
                    "reporting cycle of {count} roles: {chain}",
                    "汇报关系形成了循环，涉及 {count} 个岗位：{chain}",
                    count = cycle.len(),
                    chain = ids.join(" → ")
                ),
            )
            .field("reports_to")
            .hint(text!(
                "one role in the cycle must report to someone outside it",
                "请把循环中某一个岗位的直接上级改成循环之外的岗位或外部上级"
            )),
        );
    }
}

/// The cycles among the `stuck` roles (id → index), each starting at its
/// smallest id, in the order of their first roles; linear in the roles.
fn cycles(roles: &[(Role, Option<i64>)], stuck: &HashMap<&str, usize>) -> Vec<Vec<usize>> {
    let parent = |i: usize| match &roles[i].0.reports_to {
        Some(Superior::Role(id)) => stuck.get(id.as_str()).copied(),
        _ => None,
    };
    // 0: not seen, 1: on the walk now, 2: done.
    let mut state = vec![0u8; roles.len()];
    let mut found = Vec::new();
    let mut starts: Vec<usize> = stuck.values().copied().collect();
    starts.sort_unstable();
    for start in starts {
        let mut walk = Vec::new();
        let mut at = Some(start);
        while let Some(i) = at.filter(|&i| state[i] != 2) {
            if state[i] == 1 {
                let from = walk.iter().position(|&w| w == i).unwrap_or(0);
                found.push(rotate_to_smallest(roles, walk[from..].to_vec()));
                break;
            }
            state[i] = 1;
            walk.push(i);
            at = parent(i);
        }
        for i in walk {
            state[i] = 2;
        }
    }
    found.sort_by(|a, b| roles[a[0]].0.id.cmp(&roles[b[0]].0.id));
    found
}

/// The walk follows `reports_to`; the cycle is shown from its smallest id.
fn rotate_to_smallest(roles: &[(Role, Option<i64>)], mut cycle: Vec<usize>) -> Vec<usize> {
    let smallest = (0..cycle.len())
        .min_by(|&a, &b| roles[cycle[a]].0.id.cmp(&roles[cycle[b]].0.id))
        .unwrap_or(0);
    cycle.rotate_left(smallest);
    cycle
}

/// Links role titles mentioned in a document's text to their pages.
struct Linker {
    matcher: Option<AhoCorasick>,
    targets: Vec<(String, String)>,
}

impl Linker {
    fn new(doc: &RawDocument) -> Linker {
        let mut targets: Vec<(String, String)> = doc
            .roles
            .iter()
            .filter(|r| is_slug(&r.stem) && !r.parsed.meta.title.trim().is_empty())
            .map(|r| (r.parsed.meta.title.trim().to_string(), r.stem.clone()))
            .collect();
        targets.sort();
        targets.dedup_by(|a, b| a.0 == b.0);
        // A contiguous NFA: building the default DFA for a document's titles
        // took longer than searching all of its text.
        let matcher = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .build(targets.iter().map(|(title, _)| title))
            .ok();
        Linker { matcher, targets }
    }
}

/// Turns Markdown into [`Rich`] text for one page: checks explicit links and
/// links the first mention of each other role of the document.
struct RichContext<'a> {
    index: &'a Index,
    linker: &'a Linker,
    /// The role whose page this is: never linked to itself.
    current: Option<String>,
    /// Roles already linked on this page.
    linked: HashSet<String>,
    errors: &'a mut Vec<Diagnostic>,
}

impl RichContext<'_> {
    /// `split` is `parsed`'s own, which the caller has already made.
    fn body<M>(&mut self, parsed: &Parsed<M>, split: &Split<'_>) -> Rich {
        let events = rich::parse(&parsed.body);
        let path = parsed.path().to_path_buf();
        let lines = BodyLines::new(split);
        self.resolve(
            events,
            &|offset| Location::new(&path, lines.line(offset)),
            None,
        )
    }

    fn items<M>(
        &mut self,
        parsed: &Parsed<M>,
        split: &Split<'_>,
        field: &str,
        items: &[ListItem],
    ) -> Vec<Item> {
        let line = key_line(split, field);
        let path = parsed.path().to_path_buf();
        items
            .iter()
            .map(|item| self.item(item, &|_| Location::new(&path, line), field))
            .collect()
    }

    /// Custom sections, each with a label and a known place.
    fn sections<M>(
        &mut self,
        parsed: &Parsed<M>,
        split: &Split<'_>,
        sections: &[SectionMeta],
    ) -> Vec<CustomSection> {
        let at = Location::new(parsed.path(), key_line(split, "sections"));
        let mut out = Vec::with_capacity(sections.len());
        for (i, section) in sections.iter().enumerate() {
            let label = section.label.trim();
            if label.is_empty() {
                self.errors.push(
                    Diagnostic::new(
                        at.clone(),
                        text!(
                            "section {n} has no label",
                            "第 {n} 个章节没有标题",
                            n = i + 1
                        ),
                    )
                    .field("sections")
                    .hint(text!(
                        "write the heading the section stands under, e.g. label: 工作时间",
                        "请写上这个章节显示的标题，例如 label: 工作时间"
                    )),
                );
            }
            let placement = self.placement(&at, i, section.after.as_deref());
            let items = (section.items.iter())
                .map(|item| self.item(item, &|_| at.clone(), "sections"))
                .collect();
            out.push(CustomSection {
                label: label.to_string(),
                placement,
                items,
            });
        }
        out
    }

    fn placement(&mut self, at: &Location, i: usize, after: Option<&str>) -> Placement {
        let Some(after) = after.map(str::trim) else {
            return Placement::End;
        };
        if after == "start" {
            return Placement::Start;
        }
        if let Some(section) = Section::from_key(after) {
            return Placement::After(section);
        }
        self.errors.push(
            Diagnostic::new(
                at.clone(),
                text!(
                    "section {n}: `after: {after}` names no section",
                    "第 {n} 个章节：“after: {after}”写的不是已有的章节",
                    n = i + 1
                ),
            )
            .field("sections")
            .hint(after_hint()),
        );
        Placement::End
    }

    fn item(&mut self, item: &ListItem, at: &dyn Fn(usize) -> Location, field: &str) -> Item {
        let (text, children) = match item {
            ListItem::Text(text) => (text.as_str(), &[][..]),
            ListItem::Nested(nested) => (nested.text.as_str(), nested.items.as_slice()),
        };
        Item {
            text: self.resolve(rich::parse_inline(text), at, Some(field)),
            items: children.iter().map(|c| self.item(c, at, field)).collect(),
        }
    }

    fn resolve(
        &mut self,
        events: Vec<Spanned>,
        at: &dyn Fn(usize) -> Location,
        field: Option<&str>,
    ) -> Rich {
        let mut out = Vec::with_capacity(events.len());
        let mut link_depth = 0usize;
        let mut in_code = false;
        let mut nesting = Nesting::default();
        let mut iter = merge_text(events).into_iter().peekable();
        while let Some((event, range)) = iter.next() {
            if let Some(depth) = nesting.step(&event) {
                self.errors.push(
                    Diagnostic::new(
                        at(range.start),
                        text!(
                            "Markdown or HTML nested {depth} levels deep (at most {MAX_NESTING})",
                            "这里的内容嵌套了 {depth} 层（最多只能 {MAX_NESTING} 层）"
                        ),
                    )
                    .hint(text!(
                        "a job description needs a list with sub-items at most; check for stray `>` or indentation",
                        "岗位说明里的条目最多再分一层子条目；请检查是否多写了“>”，或者多缩进了"
                    )),
                );
                return Rich::default();
            }
            match &event {
                Event::Start(Tag::Link { dest_url, .. }) => {
                    link_depth += 1;
                    let empty = matches!(iter.peek(), Some((Event::End(TagEnd::Link), _)));
                    let fill = self.check_link(dest_url, at(range.start), field);
                    out.push(event.clone());
                    if let (true, Some(title)) = (empty, fill) {
                        out.push(Event::Text(CowStr::from(title)));
                    }
                    continue;
                }
                Event::Start(Tag::Image { .. }) => link_depth += 1,
                Event::End(TagEnd::Link | TagEnd::Image) => {
                    link_depth = link_depth.saturating_sub(1)
                }
                Event::Start(Tag::CodeBlock(_)) => in_code = true,
                Event::End(TagEnd::CodeBlock) => in_code = false,
                Event::Text(text) if link_depth == 0 && !in_code => {
                    self.autolink(text, &mut out);
                    continue;
                }
                _ => {}
            }
            out.push(event);
        }
        Rich { events: out }
    }

    /// Checks a `role:`/`doc:` link; returns the title to show when the link
    /// text is empty.
    fn check_link(&mut self, url: &str, at: Location, field: Option<&str>) -> Option<String> {
        let target = rich::target(url)?;
        let found = match &target {
            Target::Role(id) => self.index.roles.get(*id).map(|r| r.title.clone()),
            Target::Document(id) => self.index.documents.contains(*id).then(|| id.to_string()),
        };
        if found.is_none() {
            let what = match target {
                Target::Role(id) => {
                    text!("link to unknown role `{id}`", "链接指向的岗位“{id}”不存在")
                }
                Target::Document(id) => text!(
                    "link to unknown document `{id}`",
                    "链接指向的文件“{id}”不存在"
                ),
            };
            let mut d = Diagnostic::new(at, what).hint(text!(
                "check the id: it is the file name without .md (roles) or the folder name (documents)",
                "请检查链接里的名字：岗位写岗位文件名（文件名去掉 .md），文件写文件夹名"
            ));
            if let Some(field) = field {
                d = d.field(field);
            }
            self.errors.push(d);
        }
        if let Target::Role(id) = target {
            self.linked.insert(id.to_string());
        }
        found
    }

    fn autolink(&mut self, text: &str, out: &mut Vec<Event<'static>>) {
        let Some(matcher) = &self.linker.matcher else {
            out.push(Event::Text(CowStr::from(text.to_string())));
            return;
        };
        let mut last = 0;
        for m in matcher.find_iter(text) {
            let (title, id) = &self.linker.targets[m.pattern().as_usize()];
            if self.current.as_deref() == Some(id.as_str()) || self.linked.contains(id) {
                continue;
            }
            self.linked.insert(id.clone());
            if m.start() > last {
                out.push(Event::Text(CowStr::from(text[last..m.start()].to_string())));
            }
            out.extend(rich::role_link(id, title));
            last = m.end();
        }
        if last < text.len() {
            out.push(Event::Text(CowStr::from(text[last..].to_string())));
        }
    }
}

/// What `after:` may name. The Chinese list gives each key's heading too,
/// since HR staff know the sections by their headings, not their keys.
fn after_hint() -> Text {
    let keys: Vec<&str> = Section::ALL.iter().map(|s| s.key()).collect();
    let named: Vec<String> = (keys.iter())
        .map(|&k| field_label(k).map_or(k.to_string(), |l| format!("{k}（{l}）")))
        .collect();
    Text::new(
        format!(
            "write start, or one of: {}; leave it out to show the section last",
            keys.join(", ")
        ),
        format!(
            "请写 start（放在最前），或写以下之一：{}；不写 after，这个章节就放在最后",
            named.join("、")
        ),
    )
}

/// How deeply lists and quotes may nest. Real job descriptions use two or
/// three levels; thousands would make the HTML sanitizer's tree building
/// quadratic, so such input is refused here with its line.
const MAX_NESTING: usize = 32;

#[derive(Default)]
struct Nesting {
    depth: usize,
    /// Open raw HTML elements (`<div>` inside `<div>` …), which reach the
    /// sanitizer the same way.
    html: usize,
}

impl Nesting {
    /// Follows one event; returns the depth when it passes the limit.
    fn step(&mut self, event: &Event<'_>) -> Option<usize> {
        match event {
            Event::Html(html) | Event::InlineHtml(html) => {
                let deepest;
                (self.html, deepest) = html_depth(self.html, html);
                (deepest > MAX_NESTING).then_some(deepest)
            }
            Event::Start(Tag::BlockQuote(_) | Tag::List(_) | Tag::Item) => {
                self.depth += 1;
                (self.depth > MAX_NESTING).then_some(self.depth)
            }
            Event::End(TagEnd::BlockQuote(_) | TagEnd::List(_) | TagEnd::Item) => {
                self.depth = self.depth.saturating_sub(1);
                None
            }
            _ => None,
        }
    }
}

/// Elements that never have content, so never nest.
const VOID_ELEMENTS: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// The number of open HTML elements after `html`, starting from `depth`,
/// and the most open on the way: a tag count, not a parse, which is all the
/// limit needs.
fn html_depth(mut depth: usize, html: &str) -> (usize, usize) {
    let mut deepest = depth;
    for tag in html.split('<').skip(1) {
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_ascii_lowercase();
        let self_closing = tag.split('>').next().is_some_and(|t| t.ends_with('/'));
        if name.is_empty() || VOID_ELEMENTS.contains(&name.as_str()) || self_closing {
            continue;
        }
        depth = if closing {
            depth.saturating_sub(1)
        } else {
            depth + 1
        };
        deepest = deepest.max(depth);
    }
    (depth, deepest)
}

/// pulldown-cmark splits text at special characters; a title can only be found
/// in whole runs of text.
fn merge_text(events: Vec<Spanned>) -> Vec<Spanned> {
    let mut out: Vec<Spanned> = Vec::with_capacity(events.len());
    for (event, range) in events {
        if let (Event::Text(next), Some((Event::Text(prev), prev_range))) = (&event, out.last_mut())
        {
            let joined = format!("{prev}{next}");
            *prev = CowStr::from(joined);
            prev_range.end = range.end;
            continue;
        }
        out.push((event, range));
    }
    out
}

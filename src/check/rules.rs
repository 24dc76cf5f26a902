//! The lints themselves. They read the source files line by line so every
//! warning points at the line to edit.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::OnceLock;

use regex::Regex;

use crate::content::source::key_line;
use crate::content::{Parsed, RawContent, RawDocument};
use crate::error::{field_label, Diagnostic, Location, Text};
use crate::lint::{Lint, PLACEHOLDERS};

use super::{Enabled, Settings};
use crate::convert::regional::{self, Ambiguous};
use crate::convert::Converter;
use crate::model::{Document, Handbook, Superior};
use crate::text;
use crate::text::punctuation::{apply, half_width_marks};
use crate::variant::Variant;

/// What a requirement is about, in English and Chinese.
type Topic = (&'static str, &'static str);

/// Patterns that make a requirement about age, gender or appearance.
fn discriminatory() -> &'static [(Regex, Topic)] {
    static PATTERNS: OnceLock<Vec<(Regex, Topic)>> = OnceLock::new();
    PATTERNS.get_or_init(|| {
        let rules = [
            (
                r"\d+\s*[-~～至到—–]\s*\d+\s*[岁歲周週]|\d+\s*[岁歲]以[上下内內]|年[龄齡]",
                ("age", "年龄"),
            ),
            (
                r"男女不限|限男|限女|男性|女性|性[别別]|男士|女士",
                ("gender", "性别"),
            ),
            (
                r"形象气质|形象氣質|相貌|五官端正|身高|[长長]相|容貌|外貌|气质佳|氣質佳",
                ("appearance", "外貌"),
            ),
        ];
        rules
            .into_iter()
            .filter_map(|(p, what)| Regex::new(p).ok().map(|r| (r, what)))
            .collect()
    })
}

fn ordered_marker() -> &'static Regex {
    static MARKER: OnceLock<Regex> = OnceLock::new();
    MARKER.get_or_init(|| Regex::new(r"^(\s*)(\d{1,4})[.)]\s").expect("constant pattern"))
}

/// Every file of the content with the document it belongs to.
fn files(raw: &RawContent) -> Vec<FileRef<'_>> {
    let mut out = Vec::new();
    for doc in &raw.documents {
        out.push(FileRef::of(&doc.index));
        out.extend(doc.roles.iter().map(|r| FileRef::of(&r.parsed)));
    }
    out
}

struct FileRef<'a> {
    path: &'a std::path::Path,
    text: &'a str,
    body_line: usize,
}

impl<'a> FileRef<'a> {
    fn of<M>(parsed: &'a Parsed<M>) -> FileRef<'a> {
        FileRef {
            path: parsed.path(),
            text: &parsed.file.text,
            body_line: parsed.body_line,
        }
    }

    fn at(&self, line: usize, column: usize) -> Location {
        Location::new(self.path, line).with_column(column)
    }
}

/// Lints that look at single lines: discriminatory wording, garbled text,
/// pinyin annotations, numbering gaps, duplicate items.
pub fn source_lines(raw: &RawContent, on: &Enabled, found: &mut Vec<Diagnostic>) {
    let quality = on.has(Lint::PinyinAnnotation) || on.has(Lint::Mojibake);
    for file in files(raw) {
        let mut numbering = Numbering::default();
        let mut seen: HashMap<String, usize> = HashMap::new();
        for (i, line) in file.text.lines().enumerate() {
            let n = i + 1;
            if on.has(Lint::DiscriminatoryRequirement) {
                wording(&file, n, line, found);
            }
            if quality {
                text_quality(&file, n, line, on, found);
            }
            if n >= file.body_line && on.has(Lint::NumberingGap) {
                numbering.line(&file, n, line, found);
            }
            if on.has(Lint::DuplicateItem) {
                duplicate(&file, n, line, &mut seen, found);
            }
        }
    }
}

fn column_of(line: &str, byte: usize) -> usize {
    line[..byte].chars().count() + 1
}

fn wording(file: &FileRef<'_>, n: usize, line: &str, found: &mut Vec<Diagnostic>) {
    for (pattern, (what, what_zh)) in discriminatory() {
        if let Some(m) = pattern.find(line) {
            found.push(
                Diagnostic::warning(
                    Lint::DiscriminatoryRequirement.name(),
                    file.at(n, column_of(line, m.start())).with_len(m.as_str().chars().count()),
                    text!("requirement about {what}: `{found}`", "对{what_zh}提出了要求：“{found}”", found = m.as_str()),
                )
                .hint(text!(
                    "many jurisdictions restrict requirements on age, gender and appearance; state the skill or condition the job needs instead",
                    "许多国家和地区限制招聘时对年龄、性别和外貌提出要求；请改写为这个岗位真正需要的技能或条件"
                )),
            );
        }
    }
}

fn text_quality(
    file: &FileRef<'_>,
    n: usize,
    line: &str,
    on: &Enabled,
    found: &mut Vec<Diagnostic>,
) {
    for problem in text::problems(line) {
        let (lint, hint) = match problem.kind {
            text::ProblemKind::PinyinAnnotation => (
                Lint::PinyinAnnotation,
                text!(
                    "remove the pinyin in parentheses; it is not part of the text",
                    "删去括号里的拼音，它不是正文的一部分"
                ),
            ),
            text::ProblemKind::Garbled => (
                Lint::Mojibake,
                text!(
                    "this text looks garbled (a wrong character encoding); retype it from the original document",
                    "这段文字像是乱码（文字编码不对）；请对照原稿重新录入"
                ),
            ),
        };
        if !on.has(lint) {
            continue;
        }
        found.push(
            Diagnostic::warning(
                lint.name(),
                file.at(n, problem.column)
                    .with_len(problem.text.chars().count()),
                text!("`{found}`", "“{found}”", found = problem.text),
            )
            .hint(hint),
        );
    }
}

/// Tracks ordered-list numbers per indentation to find skipped numbers.
#[derive(Default)]
struct Numbering {
    /// Last number seen at each indentation, innermost last.
    levels: Vec<(usize, u32)>,
}

impl Numbering {
    fn line(&mut self, file: &FileRef<'_>, n: usize, line: &str, found: &mut Vec<Diagnostic>) {
        let Some(caps) = ordered_marker().captures(line) else {
            if !line.trim().is_empty() && !line.starts_with(' ') {
                self.levels.clear();
            }
            return;
        };
        let indent = caps.get(1).map_or(0, |m| m.as_str().len());
        let Some(number) = caps.get(2).and_then(|m| m.as_str().parse::<u32>().ok()) else {
            return;
        };
        self.levels.retain(|&(i, _)| i <= indent);
        match self.levels.last_mut() {
            Some((i, last)) if *i == indent => {
                if number > *last + 1 {
                    found.push(
                        Diagnostic::warning(
                            Lint::NumberingGap.name(),
                            file.at(n, indent + 1),
                            text!("item {number} follows item {last}", "第 {last} 条之后是第 {number} 条"),
                        )
                        .hint(text!(
                            "an item may be missing between {last} and {number}; check the original, then renumber",
                            "第 {last} 条和第 {number} 条之间可能漏了条目；请对照原稿核实，再重新编号"
                        )),
                    );
                }
                *last = number;
            }
            _ => self.levels.push((indent, number)),
        }
    }
}

/// The text of a list item line, without its marker, if the line is one.
fn item_text(line: &str) -> Option<&str> {
    let t = line.trim_start();
    let t = t
        .strip_prefix("- text:")
        .or_else(|| t.strip_prefix("- "))
        .or_else(|| ordered_marker().find(line).map(|m| &line[m.end()..]))?;
    let t = t.trim().trim_matches('"');
    (t.chars().count() >= 4).then_some(t)
}

fn duplicate(
    file: &FileRef<'_>,
    n: usize,
    line: &str,
    seen: &mut HashMap<String, usize>,
    found: &mut Vec<Diagnostic>,
) {
    let Some(text) = item_text(line) else { return };
    match seen.get(text) {
        Some(first) => found.push(
            Diagnostic::warning(
                Lint::DuplicateItem.name(),
                file.at(n, 1),
                text!("the same item as line {first}", "与第 {first} 行的条目相同"),
            )
            .hint(text!(
                "remove one of them, or say how they differ",
                "删去其中一条，或写明两条有什么不同"
            )),
        ),
        None => {
            seen.insert(text.to_string(), n);
        }
    }
}

/// Roles titled with the importer's placeholder, in either script.
pub fn untitled(raw: &RawContent, on: &Enabled, found: &mut Vec<Diagnostic>) {
    if !on.has(Lint::UntitledRole) {
        return;
    }
    let placeholders = [crate::lint::UNTITLED_ROLE, "未命名崗位"];
    for role in raw.documents.iter().flat_map(|d| &d.roles) {
        let p = &role.parsed;
        let title = p.meta.title.trim();
        if placeholders.contains(&title) {
            let line = key_line(&p.split(), "title");
            found.push(
                Diagnostic::warning(
                    Lint::UntitledRole.name(),
                    Location::new(p.path(), line),
                    text!(
                        "the role has no title: `{title}` is a placeholder",
                        "这个岗位还没有名称：“{title}”只是占位文字"
                    ),
                )
                .field("title")
                .hint(text!(
                    "write the role's title (岗位名称) in `title`; the source document may name it in a heading or a 岗位名称 line",
                    "在字段“title”（名称）里写上岗位名称；原稿的标题或“岗位名称”那一行里可能写着"
                )),
            );
        }
    }
}

/// Empty sections and roles without duties.
pub fn sections(raw: &RawContent, on: &Enabled, found: &mut Vec<Diagnostic>) {
    if !on.has(Lint::EmptySection) {
        return;
    }
    for doc in &raw.documents {
        for role in &doc.roles {
            let p = &role.parsed;
            let split = p.split();
            let fields = [
                ("key_responsibility", p.meta.key_responsibility.is_empty()),
                ("authority", p.meta.authority.is_empty()),
                ("qualifications", p.meta.qualifications.is_empty()),
            ];
            for (field, empty) in fields {
                let line = key_line(&split, field);
                let present = split.yaml.lines().any(|l| l.starts_with(field));
                if empty && present {
                    found.push(
                        Diagnostic::warning(
                            Lint::EmptySection.name(),
                            Location::new(p.path(), line),
                            Text::new(
                                format!("`{field}` has no items"),
                                format!("字段{}没有条目", field_zh(field)),
                            ),
                        )
                        .field(field)
                        .hint(text!(
                            "add the items, or remove the field",
                            "补上条目，或删去这个字段"
                        )),
                    );
                }
            }
            if p.body.trim().is_empty() {
                found.push(
                    Diagnostic::warning(
                        Lint::EmptySection.name(),
                        Location::new(p.path(), p.body_line),
                        text!("the role has no duties", "这个岗位没有写岗位职责"),
                    )
                    .hint(text!(
                        "list the duties (岗位职责) below the front matter as a numbered list",
                        "在岗位文件开头的字段下方，用编号列表（1. 2. 3.）写出岗位职责"
                    )),
                );
            }
        }
    }
}

/// Reporting lines: roles without a superior, undeclared externals, titles
/// used twice in one document.
pub fn reporting(raw: &RawContent, handbook: &Handbook, on: &Enabled, found: &mut Vec<Diagnostic>) {
    for (doc, raw_doc) in handbook.documents.iter().zip(matching(raw, handbook)) {
        let mut titles: HashMap<&str, &std::path::Path> = HashMap::new();
        for role in &doc.roles {
            let line = raw_doc
                .and_then(|d| d.roles.iter().find(|r| r.stem == role.id.as_str()))
                .map(|r| {
                    (
                        key_line(&r.parsed.split(), "reports_to"),
                        key_line(&r.parsed.split(), "title"),
                    )
                });
            let (reports_line, title_line) = line.unwrap_or((0, 0));
            match &role.reports_to {
                None if on.has(Lint::NoSuperior) => found.push(
                    Diagnostic::warning(
                        Lint::NoSuperior.name(),
                        Location::new(&role.file, title_line),
                        text!(
                            "{title} has no `reports_to`",
                            "岗位“{title}”没有写字段“reports_to”（直接上级）",
                            title = role.title
                        ),
                    )
                    .hint(text!(
                        "name the direct superior: a role id of this document, or an external superior such as 总经理",
                        "在字段“reports_to”（直接上级）里写上直接上级：本文件中某个岗位的岗位文件名，或“总经理”这样的外部上级"
                    )),
                ),
                Some(Superior::External(name))
                    if on.has(Lint::UndeclaredExternal) && !doc.external_superiors.contains(name) =>
                {
                    found.push(
                    Diagnostic::warning(
                        Lint::UndeclaredExternal.name(),
                        Location::new(&role.file, reports_line),
                        text!(
                            "`{name}` has no page and is not listed in external_superiors",
                            "“{name}”既没有自己的岗位页面，也没有列在字段“external_superiors”（外部上级）里"
                        ),
                    )
                    .field("reports_to")
                    .hint(undeclared_hint(doc, name)),
                    )
                }
                _ => {}
            }
            let first = titles.insert(role.title.as_str(), &role.file);
            if let Some(first) = first.filter(|_| on.has(Lint::TitleCollision)) {
                found.push(
                    Diagnostic::warning(
                        Lint::TitleCollision.name(),
                        Location::new(&role.file, title_line),
                        text!(
                            "{title} is also the title of {first}",
                            "岗位文件“{first}”的名称也是“{title}”",
                            title = role.title,
                            first = first.display()
                        ),
                    )
                    .field("title")
                    .hint(text!(
                        "give the roles distinct titles so readers can tell them apart",
                        "给这些岗位起不同的名称，读者才分得清"
                    )),
                );
            }
        }
    }
}

/// What to do about a superior `name` that is neither a role nor declared:
/// a near miss of a role's title or a declared name is most likely a slip
/// (总经里 for 总经理), so that is suggested first.
fn undeclared_hint(doc: &Document, name: &str) -> Text {
    let declare = text!(
        "add {name} to external_superiors in {doc}/_index.md, or use the role id of its page",
        "请在“{doc}/_index.md”的字段“external_superiors”（外部上级）里加上“{name}”；如果它有岗位页面，就改写成那个岗位的岗位文件名",
        doc = doc.id
    );
    let roles = doc.roles.iter().map(|r| {
        let use_id = text!(
            "the role {title} (reports_to: {id})",
            "岗位“{title}”（reports_to: {id}）",
            title = r.title,
            id = r.id
        );
        (r.title.as_str(), use_id)
    });
    let declared = (doc.external_superiors.iter()).map(|e| {
        (
            e.as_str(),
            text!("the external superior {e}", "外部上级“{e}”"),
        )
    });
    let nearest = (roles.chain(declared))
        .map(|(candidate, what)| (strsim::levenshtein(candidate, name), what))
        .filter(|(distance, _)| *distance <= near_miss(name))
        .min_by_key(|(distance, _)| *distance);
    match nearest {
        Some((_, what)) => Text::new(
            format!("did you mean {}? Otherwise {}", what.en, declare.en),
            format!("是不是指{}？如果不是，{}", what.zh, declare.zh),
        ),
        None => declare,
    }
}

/// How many characters a slip may change in a name: one in a short title
/// (总经里), a third of a longer one.
fn near_miss(name: &str) -> usize {
    (name.chars().count() / 3).max(1)
}

fn matching<'a>(raw: &'a RawContent, handbook: &Handbook) -> Vec<Option<&'a RawDocument>> {
    handbook
        .documents
        .iter()
        .map(|d| raw.documents.iter().find(|r| r.dir_name == d.id.as_str()))
        .collect()
}

/// Phrases whose Taiwan or Hong Kong wording depends on their meaning: one
/// warning per phrase, at its first place, since the glossary entry that
/// settles it applies to the whole handbook. Phrases the glossary has
/// decided, and phrases no published variant writes differently for the
/// other meaning, are left alone.
pub fn ambiguous(raw: &RawContent, settings: &Settings<'_>, found: &mut Vec<Diagnostic>) {
    let regions: Vec<(Variant, Converter)> = (settings.variants.iter())
        .filter(|v| matches!(v, Variant::Tw | Variant::Hk))
        .filter_map(|&v| Some((v, Converter::for_variant(v)?)))
        .collect();
    let files = files(raw);
    for a in regional::ambiguous() {
        let wordings = wordings(a, &regions);
        let decided = settings.glossary.has_phrase(a.phrase);
        if decided || wordings.iter().all(|w| w.other.is_none()) {
            continue;
        }
        let longer = longer_phrases(a.phrase, settings);
        if let Some(d) = ambiguous_at(&files, a, &longer, &wordings) {
            found.push(d);
        }
    }
}

/// How one published regional variant writes an ambiguous phrase.
struct Wording {
    variant: Variant,
    /// As the conversion writes it.
    now: String,
    /// The other meaning's wording, where it differs.
    other: Option<&'static str>,
}

fn wordings(a: &Ambiguous, regions: &[(Variant, Converter)]) -> Vec<Wording> {
    (regions.iter())
        .map(|(variant, converter)| {
            let now = converter.convert(a.phrase);
            let other = a.other_rendering(*variant).filter(|o| *o != now);
            Wording {
                variant: *variant,
                now,
                other,
            }
        })
        .collect()
}

/// The phrases of the regional layer and the glossary that hold `phrase`:
/// where one of them covers it, its wording is settled.
fn longer_phrases<'a>(phrase: &str, settings: &Settings<'a>) -> Vec<&'a str> {
    let layer = regional::entries().iter().map(|e| e.simplified);
    (layer.chain(settings.glossary.phrases()))
        .filter(|p| p.len() > phrase.len() && p.contains(phrase))
        .collect()
}

/// Whether a longer phrase covers the occurrence of `phrase` at `at`.
fn settled(line: &str, at: usize, phrase: &str, longer: &[&str]) -> bool {
    longer.iter().any(|p| {
        p.match_indices(phrase).any(|(offset, _)| {
            at.checked_sub(offset)
                .and_then(|start| line.get(start..start + p.len()))
                .is_some_and(|there| there == *p)
        })
    })
}

/// Where a phrase is unsettled: each place in a published line (comments in
/// the front matter are not published) that no longer phrase covers.
fn places<'a>(
    file: &'a FileRef<'a>,
    phrase: &'a str,
    longer: &'a [&'a str],
) -> impl Iterator<Item = (usize, &'a str, usize)> + 'a {
    let published =
        |n: usize, line: &str| n >= file.body_line || !line.trim_start().starts_with('#');
    file.text
        .lines()
        .enumerate()
        .map(|(i, line)| (i + 1, line))
        .filter(move |&(n, line)| published(n, line))
        .flat_map(move |(n, line)| line.match_indices(phrase).map(move |(at, _)| (n, line, at)))
        .filter(move |&(_, line, at)| !settled(line, at, phrase, longer))
}

fn ambiguous_at(
    files: &[FileRef<'_>],
    a: &Ambiguous,
    longer: &[&str],
    wordings: &[Wording],
) -> Option<Diagnostic> {
    let mut all = files
        .iter()
        .flat_map(|f| places(f, a.phrase, longer).map(move |p| (f, p)));
    let (file, (n, line, at)) = all.next()?;
    let more = all.count();
    let also = match more {
        0 => Text::default(),
        n => text!(
            "; it occurs {n} more time(s) in the handbook",
            "；手册里还有 {n} 处用到它"
        ),
    };
    let becomes = converted(wordings);
    Some(
        Diagnostic::warning(
            Lint::AmbiguousConversion.name(),
            file.at(n, column_of(line, at))
                .with_len(a.phrase.chars().count()),
            Text::new(
                format!(
                    "`{}` becomes {}, meaning {}{}",
                    a.phrase, becomes.en, a.converted, also.en
                ),
                format!(
                    "“{}”{}，按“{}”的意思转换{}",
                    a.phrase, becomes.zh, a.converted, also.zh
                ),
            ),
        )
        .hint(glossary_hint(a, wordings)),
    )
}

/// `導入 in zh-TW and zh-HK`, or each variant's wording when they differ;
/// in Chinese `在台湾版和香港版里写作“導入”`.
fn converted(wordings: &[Wording]) -> Text {
    let mut by_wording: Vec<(&str, Vec<Variant>)> = Vec::new();
    for w in wordings {
        match by_wording.iter_mut().find(|(now, _)| *now == w.now) {
            Some((_, variants)) => variants.push(w.variant),
            None => by_wording.push((&w.now, vec![w.variant])),
        }
    }
    let (en, zh): (Vec<String>, Vec<String>) = (by_wording.iter())
        .map(|(now, vs)| {
            let en: Vec<String> = vs.iter().map(Variant::to_string).collect();
            let zh: Vec<&str> = vs.iter().map(|v| variant_zh(*v)).collect();
            (
                format!("{now} in {}", en.join(" and ")),
                format!("在{}里写作“{now}”", zh.join("和")),
            )
        })
        .unzip();
    Text::new(en.join(", "), zh.join("，"))
}

/// The handbook's Chinese name of a published variant.
fn variant_zh(variant: Variant) -> &'static str {
    match variant {
        Variant::Hans => "简体版",
        Variant::Hant => "繁体版",
        Variant::Tw => "台湾版",
        Variant::Hk => "香港版",
    }
}

/// A field as HR know it: its key in quotes, then its Chinese name.
fn field_zh(field: &str) -> String {
    match field_label(field) {
        Some(label) => format!("“{field}”（{label}）"),
        None => format!("“{field}”"),
    }
}

fn glossary_hint(a: &Ambiguous, wordings: &[Wording]) -> Text {
    // The YAML entry is the same in both languages: it is what HR paste.
    let entry: String = (wordings.iter())
        .filter_map(|w| Some(format!("\n      {}: {}", w.variant, w.other?)))
        .collect();
    text!(
        "where it means {other}, add to content/glossary.yaml (or add the longer phrase, to decide only the places that mean it):\n    - phrase: {phrase}{entry}",
        "如果这里指的是“{other}”，请在词汇表（content/glossary.yaml）里加上下面几行（若只有部分地方是这个意思，就把 phrase 改成那些地方所写的更长的词语）：\n    - phrase: {phrase}{entry}",
        other = a.other,
        phrase = a.phrase
    )
}

/// Lines of prose with half-width punctuation after Chinese text, one
/// warning per line.
pub fn punctuation(raw: &RawContent, found: &mut Vec<Diagnostic>) {
    for file in files(raw) {
        for (n, line) in prose_lines(&file) {
            let marks = half_width_marks(line);
            let Some(first) = marks.first() else {
                continue;
            };
            let shown: Vec<String> = marks.iter().map(|m| format!("`{}`", m.mark)).collect();
            let shown_zh: Vec<String> = marks.iter().map(|m| format!("“{}”", m.mark)).collect();
            found.push(
                Diagnostic::warning(
                    Lint::HalfWidthPunctuation.name(),
                    file.at(n, column_of(line, first.at)),
                    Text::new(
format!("half-width punctuation in Chinese text: {}", shown.join(" ")),
format!("中文里用了半角标点：{}", shown_zh.join("、")),
),
                )
                .hint(text!(
                    "Chinese text uses full-width marks (，；：？！); `handbook check --fix` changes them, leaving numbers (3,000) and Latin text alone",
                    "中文应使用全角标点（，；：？！）；运行“handbook check --fix”会自动改正，数字（3,000）和英文不受影响"
                )),
            );
        }
    }
}

/// Every content file whose prose has half-width punctuation after Chinese
/// text, with that punctuation made full-width, and how many marks were.
pub fn punctuation_fixes(raw: &RawContent) -> Vec<(PathBuf, String, usize)> {
    let mut fixes = Vec::new();
    for file in files(raw) {
        let mut lines: Vec<String> = file.text.split('\n').map(str::to_string).collect();
        let mut count = 0;
        for (n, line) in prose_lines(&file) {
            let marks = half_width_marks(line);
            count += marks.len();
            if let Some(slot) = lines.get_mut(n - 1).filter(|_| !marks.is_empty()) {
                *slot = apply(line, &marks);
            }
        }
        if count > 0 {
            fixes.push((file.path.to_path_buf(), lines.join("\n"), count));
        }
    }
    fixes
}

/// The lines a reader sees text of, with their numbers: in the front
/// matter the values (not the fences, comments or `[…]` lists, whose commas
/// are YAML's), in the body everything outside fenced code.
fn prose_lines<'a>(file: &'a FileRef<'a>) -> impl Iterator<Item = (usize, &'a str)> + 'a {
    let mut fenced = false;
    file.text
        .split('\n')
        .enumerate()
        .map(|(i, line)| (i + 1, line))
        .filter(move |&(n, line)| {
            if n < file.body_line {
                return n > 1 && n + 1 < file.body_line && is_yaml_prose(line);
            }
            let fence =
                line.trim_start().starts_with("```") || line.trim_start().starts_with("~~~");
            fenced ^= fence;
            !fence && !fenced
        })
}

/// A front-matter line whose text is a value a reader sees.
fn is_yaml_prose(line: &str) -> bool {
    let t = line.trim_start();
    let value = t
        .strip_prefix("- ")
        .unwrap_or_else(|| t.split_once(": ").map_or(t, |(_, v)| v))
        .trim_start();
    !t.starts_with('#') && !value.starts_with(['[', '{'])
}

/// Placeholders `handbook new` wrote and nobody replaced: a line whose
/// only text is one (the rest is a field name, a list marker or quotes).
pub fn placeholders(raw: &RawContent, found: &mut Vec<Diagnostic>) {
    for file in files(raw) {
        for (n, line) in prose_lines(&file) {
            let Some((at, placeholder)) = placeholder_in(line) else {
                continue;
            };
            found.push(
                Diagnostic::warning(
                    Lint::Placeholder.name(),
                    file.at(n, column_of(line, at))
                        .with_len(placeholder.chars().count()),
                    text!(
                        "`{placeholder}` is the placeholder `handbook new` wrote",
                        "“{placeholder}”是“handbook new”生成的占位文字"
                    ),
                )
                .hint(text!(
                    "replace it with the real text, or delete the line; readers see it as written",
                    "请换成实际内容，或删去这一行；不然读者会原样看到它"
                )),
            );
        }
    }
}

/// The placeholder that is all the text of `line`, with where it starts.
fn placeholder_in(line: &str) -> Option<(usize, &'static str)> {
    PLACEHOLDERS.iter().find_map(|p| {
        let at = line.find(p)?;
        let rest_is_markup = line[..at].is_ascii() && line[at + p.len()..].is_ascii();
        rest_is_markup.then_some((at, *p))
    })
}

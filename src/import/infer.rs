//! What the text implies but does not say: titles of roles without a heading,
//! superiors, the organization and the industry.

use super::keywords::{
    fold, folds_to, rank_of, Control, Industry, Rank, DEPARTMENTS, DUTY_KEYWORDS, EXTERNAL_TITLES,
    INDUSTRIES, ORGANIZATION_SUFFIXES, RANK_WORDS, SUPERIOR_CUES_AFTER, SUPERIOR_CUES_BEFORE,
    SUPERIOR_FILLERS,
};
use aho_corasick::{AhoCorasick, Input, MatchKind};

use super::parse::{CustomDraft, DocDraft, FoundBy, Item, Located, RoleDraft, Superior};
use super::report::{EntryKind, Notes};
use crate::model::{Fact, Placement};
use crate::text::clean::is_ideograph;
use crate::text::date::iso_date;

/// Written as the title of a role nothing names.
pub const UNNAMED_ROLE: &str = crate::lint::UNTITLED_ROLE;

/// Fills in titles and superiors and checks the reporting lines.
pub fn infer_roles(doc: &mut DocDraft, notes: &mut Notes) {
    infer_titles(doc, notes);
    infer_superiors(doc, notes);
    check_stated_reports(doc, notes);
    keep_reports_without_pages(doc);
    departments_from_unit_headings(doc);
    report_unknown_superiors(doc, notes);
    report_what_was_read(doc, notes);
    report_unclassified(doc, notes);
    read_control(doc, notes);
}

/// The control block as the content format holds it: the effective date
/// written as an ISO date. A date that cannot be read, and a second value
/// that contradicts the first, stay as text and are reported.
fn read_control(doc: &mut DocDraft, notes: &mut Notes) {
    let effective = doc
        .control
        .iter()
        .position(|(c, _)| *c == Control::Effective);
    if let Some(at) = effective {
        match iso_date(&doc.control[at].1.value) {
            Some(iso) => doc.control[at].1.value = iso,
            None => {
                let (_, date) = doc.control.remove(at);
                notes.add(
                    EntryKind::Dubious,
                    date.line,
                    format!(
                        "the effective date `{}` is not a date (年月日, YYYY-MM-DD); kept as text of the document",
                        date.value
                    ),
                );
                doc.duties.push(Item {
                    marker: None,
                    text: format!("生效日期：{}", date.value),
                    line: date.line,
                    children: Vec::new(),
                });
            }
        }
    }
    for (control, value) in &doc.conflicting_control {
        let first = doc.control.iter().find(|(c, _)| c == control);
        notes.add(
            EntryKind::Dubious,
            value.line,
            format!(
                "a second {} `{}`, other than the first `{}`; the document keeps the first, this line stays as text",
                control.key(),
                value.value,
                first.map_or("", |(_, v)| v.value.as_str())
            ),
        );
    }
}

/// Prose that no label or heading placed: kept in the role's duties, and
/// named so that someone checks it.
fn report_unclassified(doc: &DocDraft, notes: &mut Notes) {
    for role in &doc.roles {
        for text in &role.unclassified {
            notes.add(
                EntryKind::Unclassified,
                text.line,
                format!(
                    "text that matched no field, kept in the duties of {}: `{}`; \
                     if it is not a duty, put it under the label of its field",
                    role.display_title(),
                    super::parse::shorten(&text.value)
                ),
            );
        }
    }
}

/// One entry per role: its title and superior and how each was found, and
/// how many items each list holds.
fn report_what_was_read(doc: &DocDraft, notes: &mut Notes) {
    let how = |source: FoundBy| match source {
        FoundBy::Stated => "stated",
        FoundBy::Text => "named in its text",
        FoundBy::Guessed => "guessed",
        FoundBy::Nothing => "none found",
    };
    for role in &doc.roles {
        let superior = role.reports_to.as_ref().map_or_else(
            || "no superior".to_string(),
            |s| format!("superior {}", superior_name(doc, s)),
        );
        let counts: Vec<String> = (role.lists().iter())
            .map(|(name, list)| {
                format!(
                    "{name} {}",
                    list.iter().map(|i| i.walk().count()).sum::<usize>()
                )
            })
            .collect();
        notes.add(
            EntryKind::Read,
            role.line,
            format!(
                "role {} (title {}); {superior} ({}); items: {}",
                role.display_title(),
                how(role.found.title),
                how(role.found.superior),
                counts.join(", ")
            ),
        );
    }
}

fn infer_titles(doc: &mut DocDraft, notes: &mut Notes) {
    for i in 0..doc.roles.len() {
        if doc.roles[i].title.is_some() {
            doc.roles[i].found.title = FoundBy::Stated;
            continue;
        }
        let line = doc.roles[i].line;
        let title = match title_from_chain(doc, i) {
            Some((title, basis)) => {
                notes.add(
                    EntryKind::Guessed,
                    line,
                    format!("title {title} for the role that starts without a heading, since {basis}; the text does not say it, so check it"),
                );
                doc.roles[i].found.title = FoundBy::Guessed;
                title
            }
            None => {
                notes.add(
                    EntryKind::Dubious,
                    line,
                    format!("a role starts without a heading and nothing names it; wrote {UNNAMED_ROLE}"),
                );
                UNNAMED_ROLE.to_string()
            }
        };
        doc.roles[i].title = Some(Located { value: title, line });
    }
}

/// A title for role `i` from the reporting chain: its stated superior, or the
/// role before it, lists exactly one direct report that has no role yet.
fn title_from_chain(doc: &DocDraft, i: usize) -> Option<(String, String)> {
    let role = &doc.roles[i];
    let unclaimed = |names: &[String]| -> Vec<String> {
        names
            .iter()
            .filter(|name| find_role(doc, name).is_none())
            .cloned()
            .collect()
    };
    if let Some(superior) = &role.stated_superior {
        let reports =
            find_role(doc, &superior.value).and_then(|j| doc.roles[j].stated_reports.as_ref());
        if let Some(reports) = reports {
            if let [only] = unclaimed(&reports.value).as_slice() {
                let basis = format!(
                    "its 直接上级 {} (line {}) lists {only} as 直接下级 (line {})",
                    superior.value, superior.line, reports.line
                );
                return Some((only.clone(), basis));
            }
        }
    }
    let before = &doc.roles[i.checked_sub(1)?];
    let reports = before.stated_reports.as_ref()?;
    match unclaimed(&reports.value).as_slice() {
        [only] => {
            let basis = format!(
                "the role before it, {}, lists {only} as 直接下级 (line {})",
                before.display_title(),
                reports.line
            );
            Some((only.clone(), basis))
        }
        _ => None,
    }
}

/// The role of `doc` whose title is `name`, in either script.
fn find_role(doc: &DocDraft, name: &str) -> Option<usize> {
    let name = fold(name);
    (doc.roles.iter()).position(|r| r.title.as_ref().is_some_and(|t| folds_to(&t.value, &name)))
}

/// Whether two superiors are the same, whatever the script of their names.
fn same_superior(a: &Superior, b: &Superior) -> bool {
    match (a, b) {
        (Superior::Role(x), Superior::Role(y)) => x == y,
        (Superior::External(x), Superior::External(y)) => fold(x) == fold(y),
        _ => false,
    }
}

/// Whether the text's `named` is the stated superior by a shorter name:
/// `总经理交办` for a stated 园区总经理.
fn shorter_name_of(doc: &DocDraft, named: &Superior, stated: &Superior) -> bool {
    let (named, stated) = (superior_name(doc, named), superior_name(doc, stated));
    fold(&stated).ends_with(&fold(&named))
}

fn superior_name(doc: &DocDraft, superior: &Superior) -> String {
    match superior {
        Superior::Role(j) => doc.roles[*j].display_title(),
        Superior::External(name) => name.clone(),
    }
}

/// Superiors, by precedence: 直接上级 as stated; else what the text says
/// (`协助部长`, `向总经理负责`); else the nearest more senior role by rank.
fn infer_superiors(doc: &mut DocDraft, notes: &mut Notes) {
    let titles = Titles::new(doc);
    for i in 0..doc.roles.len() {
        let mentions = superior_mentions(doc, &titles, i);
        let (reports_to, source) = if let Some(superior) = stated_superior(doc, i) {
            check_against_text(doc, i, &superior, &mentions, notes);
            (Some(superior), FoundBy::Stated)
        } else if let Some(superior) = from_text(doc, i, &mentions, notes) {
            (Some(superior), FoundBy::Text)
        } else {
            let guessed = from_rank(doc, i, &mentions, notes).map(Superior::Role);
            let source = if guessed.is_some() {
                FoundBy::Guessed
            } else {
                FoundBy::Nothing
            };
            (guessed, source)
        };
        doc.roles[i].reports_to = reports_to;
        doc.roles[i].found.superior = source;
    }
}

/// Role `i`'s 直接上级: a role of the document, else an external superior.
fn stated_superior(doc: &DocDraft, i: usize) -> Option<Superior> {
    let stated = doc.roles[i].stated_superior.as_ref()?;
    Some(
        find_role(doc, &stated.value)
            .map_or_else(|| Superior::External(stated.value.clone()), Superior::Role),
    )
}

/// What a title mentioned in a role's text stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Named {
    One(Superior),
    /// A rank word several roles end with (`主管` in a document with five).
    Several,
}

/// A superior mentioned with a cue, as in `交部长审核`.
#[derive(Debug, Clone)]
struct Mention {
    named: Named,
    line: usize,
    phrase: String,
}

/// Titles mentioned in role `i`'s text with a superior cue before or after.
fn superior_mentions(doc: &DocDraft, titles: &Titles, i: usize) -> Vec<Mention> {
    let role = &doc.roles[i];
    // The stated superior is searched too, so that a longer title written in
    // the text (`分公司总经理`, `运营副总经理`) is read whole rather than as the
    // title it ends with (`总经理`, `副总经理`).
    let stated = (role.stated_superior.as_ref())
        .map(|s| fold(s.value.trim()))
        .filter(|s| !s.is_empty());
    let mut mentions = Vec::new();
    for item in role.items() {
        let folded = fold(&item.text);
        for (at, title) in titles.positions(&folded, stated.as_deref()) {
            let (before, after) = (&folded[..at], &folded[at + title.len()..]);
            let Some(phrase) = cued_phrase(before, title, after) else {
                continue;
            };
            let written = item.text.get(at..at + title.len()).unwrap_or(title);
            let named = if stated.as_deref() == Some(title) {
                // The stated superior itself: the text agrees with it.
                stated_superior(doc, i).map(Named::One)
            } else if is_bare_rank_word(doc, title) && glued_to_a_name(before) {
                // `营运经理`: the text names a longer title than the rank word.
                None
            } else {
                resolve_mention(doc, i, title, written)
            };
            if let Some(named) = named {
                let phrase = original_slice(&item.text, &folded, &phrase);
                mentions.push(Mention {
                    named,
                    line: item.line,
                    phrase,
                });
            }
        }
    }
    mentions
}

/// Whether `title` is only a rank word (`经理`, `主管`): no role's whole
/// title and no external superior.
fn is_bare_rank_word(doc: &DocDraft, title: &str) -> bool {
    RANK_WORDS.iter().any(|(word, _)| *word == title)
        && !EXTERNAL_TITLES.contains(&title)
        && find_role(doc, title).is_none()
}

/// Characters that end no name: a title right after one starts a name
/// (`由主管审核`, `店长及主管`).
const NOT_IN_NAMES: &[char] = &[
    '由', '请', '给', '让', '被', '及', '和', '与', '或', '的', '并', '对', '将',
];

/// Whether the text before a title glues it to a longer name written there
/// (`营运经理`): it ends with an ideograph that ends no cue (`向经理`) and no
/// filler (`部门主管`, `交公司经理`).
fn glued_to_a_name(before: &str) -> bool {
    before.chars().next_back().is_some_and(|last| {
        is_ideograph(last)
            && !NOT_IN_NAMES.contains(&last)
            && !(SUPERIOR_CUES_BEFORE.iter().chain(SUPERIOR_FILLERS)).any(|w| w.ends_with(last))
    })
}

/// Where titles occur in `text`, longest match first, without overlaps.
/// The titles a role's text may name as its superior: the document's role
/// titles, the rank words of superiors and the external titles, found
/// longest first at each place in one pass.
struct Titles {
    words: Vec<String>,
    finder: Option<AhoCorasick>,
}

impl Titles {
    fn new(doc: &DocDraft) -> Titles {
        let mut words: Vec<String> = doc
            .roles
            .iter()
            .filter_map(RoleDraft::folded_title)
            .collect();
        // Staff are nobody's superiors, and a one-character word (`员`)
        // would be found inside any word.
        let superior_words = RANK_WORDS
            .iter()
            .filter(|(word, rank)| *rank < 4 && word.len() > 3);
        words.extend(superior_words.map(|(word, _)| word.to_string()));
        words.extend(EXTERNAL_TITLES.iter().map(|t| t.to_string()));
        words.retain(|w| !w.is_empty());
        words.sort();
        words.dedup();
        let finder = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&words)
            .ok();
        Titles { words, finder }
    }

    /// Where titles stand in `text`, left to right without overlapping, the
    /// longest at each place; `also` (the role's stated superior) counts as
    /// a title too.
    fn positions<'t>(&'t self, text: &str, also: Option<&'t str>) -> Vec<(usize, &'t str)> {
        let mut found = Vec::new();
        let mut at = 0;
        while at < text.len() {
            let common = (self.finder.as_ref())
                .and_then(|f| f.find(Input::new(text).range(at..)))
                .map(|m| (m.start(), self.words[m.pattern().as_usize()].as_str()));
            let own = also.and_then(|t| text[at..].find(t).map(|i| (at + i, t)));
            let next = match (common, own) {
                (Some(c), Some(o))
                    if (o.0, std::cmp::Reverse(o.1.len()))
                        < (c.0, std::cmp::Reverse(c.1.len())) =>
                {
                    o
                }
                (Some(c), _) => c,
                (None, Some(o)) => o,
                (None, None) => break,
            };
            found.push(next);
            at = next.0 + next.1.len();
        }
        found
    }
}

/// The cue and title as they read (`交公司总经理`, `部长审核`), if the title
/// is cued as a superior.
fn cued_phrase(before: &str, title: &str, after: &str) -> Option<String> {
    let trimmed = SUPERIOR_FILLERS
        .iter()
        .find_map(|f| before.strip_suffix(f).map(|b| (b, *f)))
        .unwrap_or((before, ""));
    let cue_before = SUPERIOR_CUES_BEFORE
        .iter()
        .find(|c| trimmed.0.ends_with(*c));
    if let Some(cue) = cue_before {
        return Some(format!("{cue}{}{title}", trimmed.1));
    }
    let cue_after = SUPERIOR_CUES_AFTER.iter().find(|c| after.starts_with(*c))?;
    Some(format!("{title}{cue_after}"))
}

/// `phrase` (folded) as it is written in `original`.
fn original_slice(original: &str, folded: &str, phrase: &str) -> String {
    folded
        .find(phrase)
        .and_then(|at| original.get(at..at + phrase.len()))
        .unwrap_or(phrase)
        .to_string()
}

/// What a mentioned title means for role `i`: a role of the document (whole
/// title, or a rank word only one other role ends with), an external
/// superior, or several roles. Roles not more senior than `i` are no superiors.
fn resolve_mention(doc: &DocDraft, i: usize, title: &str, written: &str) -> Option<Named> {
    let own_rank = doc.roles[i].folded_title().and_then(|t| rank_of(&t));
    let senior = |j: usize| {
        let rank = doc.roles[j].folded_title().and_then(|t| rank_of(&t));
        j != i && !matches!((rank, own_rank), (Some(r), Some(own)) if r >= own)
    };
    if let Some(j) = find_role(doc, title) {
        return senior(j).then_some(Named::One(Superior::Role(j)));
    }
    if EXTERNAL_TITLES.contains(&title) {
        return Some(Named::One(Superior::External(written.to_string())));
    }
    let fitting: Vec<usize> = (0..doc.roles.len())
        .filter(|&j| {
            senior(j)
                && doc.roles[j]
                    .folded_title()
                    .is_some_and(|t| t.ends_with(title))
        })
        .collect();
    match fitting.as_slice() {
        [] => None,
        [j] => Some(Named::One(Superior::Role(*j))),
        _ => Some(Named::Several),
    }
}

/// The superior the text names most often (first named on a tie).
fn from_text(
    doc: &DocDraft,
    i: usize,
    mentions: &[Mention],
    notes: &mut Notes,
) -> Option<Superior> {
    let mut tally: Vec<(&Superior, Vec<&Mention>)> = Vec::new();
    for mention in mentions {
        if let Named::One(superior) = &mention.named {
            match tally.iter_mut().find(|(s, _)| same_superior(s, superior)) {
                Some((_, seen)) => seen.push(mention),
                None => tally.push((superior, vec![mention])),
            }
        }
    }
    let mut best: Option<&(&Superior, Vec<&Mention>)> = None;
    for entry in &tally {
        if best.is_none_or(|b| entry.1.len() > b.1.len()) {
            best = Some(entry);
        }
    }
    let (superior, evidence) = best?;
    let first = evidence[0];
    let also: Vec<String> = evidence[1..].iter().map(|m| m.line.to_string()).collect();
    let also = if also.is_empty() {
        String::new()
    } else {
        format!("; also line {}", also.join(", "))
    };
    notes.add(
        EntryKind::Inferred,
        first.line,
        format!(
            "{} reports to {}: the text says `{}`{also}",
            doc.roles[i].display_title(),
            superior_name(doc, superior),
            first.phrase
        ),
    );
    Some((*superior).clone())
}

/// A stated superior the text contradicts is worth a look.
fn check_against_text(
    doc: &DocDraft,
    i: usize,
    stated: &Superior,
    mentions: &[Mention],
    notes: &mut Notes,
) {
    for mention in mentions {
        if let Named::One(named) = &mention.named {
            if !same_superior(named, stated) && !shorter_name_of(doc, named, stated) {
                notes.add(
                    EntryKind::Dubious,
                    mention.line,
                    format!(
                        "{} states 直接上级 {}, but the text says `{}`",
                        doc.roles[i].display_title(),
                        superior_name(doc, stated),
                        mention.phrase
                    ),
                );
            }
        }
    }
}

/// The superior by rank: among the roles of the nearest more senior rank, the
/// last one listed before role `i` (documents list a team after its head),
/// else the first. Shared title words (`客服`, `拓展`, `推广`) confirm the
/// choice; a title word shared with another candidate is reported.
fn from_rank(doc: &DocDraft, i: usize, mentions: &[Mention], notes: &mut Notes) -> Option<usize> {
    let rank_of_role = |j: usize| doc.roles[j].folded_title().and_then(|t| rank_of(&t));
    let own = rank_of_role(i)?;
    let senior: Vec<(usize, Rank)> = (0..doc.roles.len())
        .filter(|&j| j != i)
        .filter_map(|j| rank_of_role(j).filter(|r| *r < own).map(|r| (j, r)))
        .collect();
    let nearest = senior.iter().map(|(_, r)| *r).max()?;
    let candidates: Vec<usize> = senior
        .iter()
        .filter(|(_, r)| *r == nearest)
        .map(|(j, _)| *j)
        .collect();
    let chosen = candidates
        .iter()
        .rev()
        .find(|&&j| j < i)
        .or(candidates.first())
        .copied()?;
    let role = &doc.roles[i];
    let boss = &doc.roles[chosen];
    let boss_line = boss.title.as_ref().map_or(boss.line, |t| t.line);
    let mut basis = if candidates.len() == 1 {
        format!("the only more senior role in the document (line {boss_line})")
    } else {
        format!(
            "of the {} {} roles, the one listed last before it (line {boss_line})",
            candidates.len(),
            rank_word(boss)
        )
    };
    let shared = shared_title_words(role, boss);
    if !shared.is_empty() {
        basis.push_str(&format!("; the titles share {}", shared.join(", ")));
    }
    if let Some(vague) = mentions.iter().find(|m| m.named == Named::Several) {
        basis.push_str(&format!(
            "; the text says only `{}` (line {})",
            vague.phrase, vague.line
        ));
    }
    let line = role.title.as_ref().map_or(role.line, |t| t.line);
    notes.add(
        EntryKind::Guessed,
        line,
        format!(
            "{} reports to {}, as the text names no superior: {basis}",
            role.display_title(),
            boss.display_title()
        ),
    );
    report_title_conflicts(doc, i, chosen, &candidates, notes);
    Some(chosen)
}

/// Reports candidates other than the chosen one that share a title word.
fn report_title_conflicts(
    doc: &DocDraft,
    i: usize,
    chosen: usize,
    candidates: &[usize],
    notes: &mut Notes,
) {
    let role = &doc.roles[i];
    for &j in candidates.iter().filter(|&&j| j != chosen) {
        let shared = shared_title_words(role, &doc.roles[j]);
        if !shared.is_empty() {
            let line = role.title.as_ref().map_or(role.line, |t| t.line);
            notes.add(
                EntryKind::Dubious,
                line,
                format!(
                    "{} is placed under {} by its position, but its title shares {} with {}",
                    role.display_title(),
                    doc.roles[chosen].display_title(),
                    shared.join(", "),
                    doc.roles[j].display_title()
                ),
            );
        }
    }
}

/// The rank word a role's title ends with (`主管`).
fn rank_word(role: &RoleDraft) -> &'static str {
    let title = role.folded_title().unwrap_or_default();
    RANK_WORDS
        .iter()
        .find(|(word, _)| title.ends_with(word))
        .map_or("", |(word, _)| word)
}

/// Two-character words both titles hold before their rank words, as written
/// in `role`'s title. Words across a conjunction (`及推`) are not words.
fn shared_title_words(role: &RoleDraft, other: &RoleDraft) -> Vec<String> {
    let words = |r: &RoleDraft| -> Vec<(String, String)> {
        let title = r
            .title
            .as_ref()
            .map(|t| t.value.as_str())
            .unwrap_or_default();
        let stem_len = title
            .chars()
            .count()
            .saturating_sub(rank_word(r).chars().count());
        let chars: Vec<char> = title.chars().take(stem_len).collect();
        chars
            .windows(2)
            .map(|w| w.iter().collect::<String>())
            .map(|w| (fold(&w), w))
            .filter(|(folded, _)| !folded.chars().any(|c| "及和与、".contains(c)))
            .collect()
    };
    let theirs: Vec<String> = words(other).into_iter().map(|(folded, _)| folded).collect();
    let mut shared: Vec<String> = words(role)
        .into_iter()
        .filter(|(folded, _)| theirs.contains(folded))
        .map(|(_, written)| written)
        .collect();
    shared.dedup();
    shared
}

/// 直接下级 lines should agree with the superiors: each report named is a role
/// of the document that reports to the role naming it.
fn check_stated_reports(doc: &DocDraft, notes: &mut Notes) {
    for (i, role) in doc.roles.iter().enumerate() {
        let Some(reports) = &role.stated_reports else {
            continue;
        };
        for name in &reports.value {
            let message = match find_role(doc, name) {
                None => format!(
                    "{} lists {name} as 直接下级, but no role of the document has that title",
                    role.display_title()
                ),
                Some(j) if doc.roles[j].reports_to != Some(Superior::Role(i)) => format!(
                    "{} lists {name} as 直接下级, but {name} reports to {}",
                    role.display_title(),
                    doc.roles[j]
                        .reports_to
                        .as_ref()
                        .map_or("nobody".to_string(), |s| superior_name(doc, s))
                ),
                Some(_) => continue,
            };
            notes.add(EntryKind::Dubious, reports.line, message);
        }
    }
}

/// A role under a unit heading (`工艺部` between roles) that names no
/// department of its own belongs to that unit.
fn departments_from_unit_headings(doc: &mut DocDraft) {
    // `教务处 … 德育处 …`: the first heading is a unit of its own too.
    let several = doc.roles.iter().any(|r| r.unit.is_some());
    let first = doc.first_unit.clone().filter(|_| several);
    for role in &mut doc.roles {
        if role.fact(Fact::Department).is_none() {
            if let Some(unit) = role.unit.clone().or_else(|| first.clone()) {
                role.facts.push((Fact::Department, unit));
            }
        }
    }
}

/// A 直接下级 line that names roles the document has no page for (礼宾主管
/// of a front office whose file describes only the front desk) says what
/// the org chart cannot: it stays on the role's page, under its label, where
/// it stood.
fn keep_reports_without_pages(doc: &mut DocDraft) {
    for i in 0..doc.roles.len() {
        let role = &doc.roles[i];
        let (Some(names), Some((label, written))) = (&role.stated_reports, &role.reports_written)
        else {
            continue;
        };
        let shown = |name: &String| {
            find_role(doc, name).is_some_and(|j| doc.roles[j].reports_to == Some(Superior::Role(i)))
        };
        if names.value.iter().all(shown) {
            continue;
        }
        let section = CustomDraft {
            label: label.clone(),
            line: written.line,
            placement: Placement::Start,
            items: vec![Item {
                marker: None,
                text: written.value.clone(),
                line: written.line,
                children: Vec::new(),
            }],
            container: false,
        };
        doc.roles[i].custom.insert(0, section);
    }
}

/// Cues that name a superior right after them (`上报运营长`).
const NAMING_CUES: &[&str] = &["上报", "呈交", "交由", "向", "协助"];

/// Endings of words that name a person in charge without being a rank word.
const VAGUE_TITLE_ENDS: &[&str] = &["负责人", "长"];

/// A superior the text names that is no role of the document (`上报运营长`,
/// `呈交行运营负责人`) may mean a role under another name, or a typo.
fn report_unknown_superiors(doc: &DocDraft, notes: &mut Notes) {
    for (i, role) in doc.roles.iter().enumerate() {
        for item in role.items() {
            let folded = fold(&item.text);
            for cue in NAMING_CUES {
                for (at, _) in folded.match_indices(cue) {
                    let Some(name) = title_after(&folded[at + cue.len()..]) else {
                        continue;
                    };
                    if resolve_mention(doc, i, name, name).is_some() {
                        continue;
                    }
                    let written = original_slice(&item.text, &folded, &format!("{cue}{name}"));
                    notes.add(
                        EntryKind::Dubious,
                        item.line,
                        format!(
                            "{} names a superior `{written}` that is no role of this document",
                            role.display_title()
                        ),
                    );
                }
            }
        }
    }
}

/// The shortest run of 2 to 6 characters at the start of `text` that ends
/// like a title (`运营长`).
fn title_after(text: &str) -> Option<&str> {
    const LONGEST: usize = 6;
    let mut end = 0;
    for (n, c) in text.chars().take(LONGEST).enumerate() {
        if !is_ideograph(c) {
            return None;
        }
        end += c.len_utf8();
        let candidate = &text[..end];
        if n >= 1 && VAGUE_TITLE_ENDS.iter().any(|e| candidate.ends_with(e)) {
            return Some(candidate);
        }
    }
    None
}

/// The superiors named in `reports_to` that have no page, in order.
pub fn external_superiors(doc: &DocDraft) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for role in &doc.roles {
        if let Some(Superior::External(name)) = &role.reports_to {
            if !names.iter().any(|n| fold(n) == fold(name)) {
                names.push(name.clone());
            }
        }
    }
    names
}

/// Who a document belongs to, as far as the text tells.
#[derive(Debug, Clone)]
pub struct Profile {
    pub organization: String,
    /// Whether `organization` comes from the text (converted) or is generic.
    pub organization_from_text: bool,
    pub industry: Option<&'static Industry>,
    /// The department as written (`運營部`).
    pub department: Option<String>,
    /// The department's slug word (`operations`).
    pub department_slug: Option<&'static str>,
}

/// Fallbacks when nothing is known.
const UNKNOWN_ORGANIZATION: &str = "某公司";

/// Reads organization, industry and department from a document's text.
pub fn profile(doc: &DocDraft, notes: &mut Notes) -> Profile {
    let industry = detect_industry(doc, notes);
    let (organization, organization_from_text) = match (
        &doc.organization,
        organization_in_title(&doc.title).or_else(|| organization_before_department(doc)),
    ) {
        (Some(named), _) => {
            notes.add(
                EntryKind::Inferred,
                named.line,
                format!(
                    "{}: organization {}, from a line that is only its name",
                    doc.label, named.value
                ),
            );
            (named.value.clone(), true)
        }
        (None, Some(named)) => {
            notes.add(
                EntryKind::Inferred,
                doc.line,
                format!(
                    "{}: organization {named}, from the document's title",
                    doc.label
                ),
            );
            (named, true)
        }
        (None, None) => {
            let generic = industry.map_or(UNKNOWN_ORGANIZATION, |i| i.generic_organization);
            notes.add(
                EntryKind::Inferred,
                doc.line,
                format!(
                    "{}: the text names no organization; wrote {generic}",
                    doc.label
                ),
            );
            (generic.to_string(), false)
        }
    };
    let department = (doc.department.as_ref())
        .map(|d| d.value.clone())
        .or_else(|| department_in_title(&doc.title))
        // `华东物流有限公司仓储部` names the organization too.
        .map(|d| {
            d.strip_prefix(organization.as_str())
                .unwrap_or(&d)
                .to_string()
        })
        .filter(|d| !d.is_empty());
    let department_slug = department.as_deref().and_then(|d| {
        let folded = fold(d);
        DEPARTMENTS
            .iter()
            .find(|(name, _)| *name == folded)
            .map(|(_, slug)| *slug)
    });
    Profile {
        organization,
        organization_from_text,
        industry,
        department,
        department_slug,
    }
}

/// The words of a title before its first duty keyword, as written:
/// `运营部岗位职责初稿` → `运营部`. Folding keeps byte offsets.
fn title_subject(title: &str) -> Option<&str> {
    let folded = fold(title);
    let at = DUTY_KEYWORDS.iter().filter_map(|k| folded.find(k)).min()?;
    title.get(..at)
}

/// `运营部岗位职责初稿` → `运营部`.
fn department_in_title(title: &str) -> Option<String> {
    let after_organization = organization_in_title(title).map_or(0, |o| o.len());
    let subject = title_subject(title)?.get(after_organization..)?;
    fold(subject).ends_with('部').then(|| subject.to_string())
}

/// The words of a title before the department its roles name:
/// `东海航空地面服务部岗位说明书` with 所属部门：地面服务部 → `东海航空`.
fn organization_before_department(doc: &DocDraft) -> Option<String> {
    // The department the roles name (`所属部门：地面服务部`); the document's
    // own may have been read from this very title.
    let stated = doc.roles.iter().find_map(|r| r.fact(Fact::Department));
    let department = fold(&stated.or(doc.department.as_ref())?.value);
    let subject = title_subject(&doc.title)?;
    let name = fold(subject).strip_suffix(department.as_str())?.len();
    let name = subject.get(..name)?;
    (name.chars().count() >= 2 && name.chars().all(is_ideograph)).then(|| name.to_string())
}

/// The organization a title starts with: `华东物流有限公司仓储部岗位说明书`
/// → `华东物流有限公司`.
fn organization_in_title(title: &str) -> Option<String> {
    const LONGEST_ORGANIZATION: usize = 30;
    let folded = fold(title);
    let end = (ORGANIZATION_SUFFIXES.iter())
        .filter_map(|suffix| folded.rfind(suffix).map(|at| at + suffix.len()))
        .max()?;
    let name = title.get(..end)?;
    let fits = name.chars().count() <= LONGEST_ORGANIZATION && name.chars().count() > 2;
    fits.then(|| name.to_string())
}

/// The industry whose keywords occur most often in the document; on a tie the
/// one listed first in [`INDUSTRIES`].
fn detect_industry(doc: &DocDraft, notes: &mut Notes) -> Option<&'static Industry> {
    let folded: Vec<(usize, String)> = doc
        .lines
        .iter()
        .map(|l| (l.number, fold(&l.text)))
        .collect();
    let mut best: Option<(&'static Industry, usize)> = None;
    for industry in INDUSTRIES {
        let count: usize = folded
            .iter()
            .map(|(_, text)| {
                industry
                    .keywords
                    .iter()
                    .map(|k| count_keyword(text, k))
                    .sum::<usize>()
            })
            .sum();
        if count > 0 && best.is_none_or(|(_, most)| count > most) {
            best = Some((industry, count));
        }
    }
    let Some((industry, count)) = best else {
        notes.add(
            EntryKind::Dubious,
            doc.line,
            format!("{}: no industry keyword found", doc.label),
        );
        return None;
    };
    // `协调按揭银行放款` once does not make a sales office a bank.
    // The organization's own name or the title says it once and for all.
    let names = fold(&doc.title)
        + &doc
            .organization
            .as_ref()
            .map_or(String::new(), |o| fold(&o.value));
    if count < 2
        && !industry
            .keywords
            .iter()
            .any(|k| count_keyword(&names, k) > 0)
    {
        notes.add(
            EntryKind::Dubious,
            doc.line,
            format!(
                "{}: one mention of an industry keyword ({}) is too little to name the industry",
                doc.label, industry.name
            ),
        );
        return None;
    }
    let (line, keyword) = folded
        .iter()
        .find_map(|(n, text)| {
            industry
                .keywords
                .iter()
                .find(|k| count_keyword(text, k) > 0)
                .map(|k| (*n, *k))
        })
        .unwrap_or((doc.line, industry.keywords[0]));
    notes.add(
        EntryKind::Inferred,
        line,
        format!(
            "{}: industry {} from the keyword {keyword} ({count} {} of {} in the document, first here)",
            doc.label,
            industry.name,
            if count == 1 { "mention" } else { "mentions" },
            industry.keywords.join("/")
        ),
    );
    Some(industry)
}

/// Occurrences of `keyword` in `text`; an ASCII keyword must stand as a word
/// of its own (`app`, not `apply`).
fn count_keyword(text: &str, keyword: &str) -> usize {
    if !keyword.is_ascii() {
        return text.matches(keyword).count();
    }
    text.match_indices(keyword)
        .filter(|(at, _)| {
            let before = text[..*at].chars().next_back();
            let after = text[at + keyword.len()..].chars().next();
            !before.is_some_and(|c| c.is_ascii_alphabetic())
                && !after.is_some_and(|c| c.is_ascii_alphabetic())
        })
        .count()
}

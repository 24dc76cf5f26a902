//! What can be found: every role, and every document's department duties,
//! cut into passages (the title, and one list item or paragraph each) that
//! remember their field and, for duties, the item's number.

use std::fmt::Write;

use pulldown_cmark::{Event, Tag, TagEnd};

use crate::model::{Body, Fact, Handbook, Heading, Item, Rich, Role, Section};

/// The part of a page a passage comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    Title,
    Fact(Fact),
    Section(Section),
    /// A department's own heading; the passage carries its label.
    Custom,
    /// The document's organization and industry, on each of its entries:
    /// 餐饮 or 连锁门店 narrows to that company's roles.
    Organization,
}

impl Field {
    /// Every field, in the order of their numbers in the index.
    pub const ALL: [Field; 18] = [
        Field::Title,
        Field::Section(Section::Purpose),
        Field::Section(Section::KeyResponsibility),
        Field::Section(Section::Duties),
        Field::Section(Section::Authority),
        Field::Section(Section::InternalRelations),
        Field::Section(Section::ExternalRelations),
        Field::Section(Section::Qualifications),
        Field::Section(Section::Environment),
        Field::Section(Section::Kpis),
        Field::Section(Section::Career),
        Field::Fact(Fact::Department),
        Field::Fact(Fact::Code),
        Field::Fact(Fact::Grade),
        Field::Fact(Fact::Headcount),
        Field::Fact(Fact::Location),
        Field::Custom,
        Field::Organization,
    ];

    pub const DUTIES: Field = Field::Section(Section::Duties);

    /// The field's number in the index (its place in [`Field::ALL`]).
    pub fn number(self) -> usize {
        Field::ALL.iter().position(|&f| f == self).unwrap_or(0)
    }

    /// How much a match in this field counts. The smallest gap between two
    /// weights is wider than the most that repeated matches add
    /// ([`super::query::REPEAT_BONUS`] times [`super::query::REPEAT_CAP`]),
    /// so many duty matches never outrank one in the key responsibility.
    pub fn weight(self) -> f64 {
        match self {
            Field::Title => 16.0,
            Field::Section(Section::Purpose | Section::KeyResponsibility) => 8.0,
            Field::Section(Section::Duties) => 4.0,
            Field::Fact(_)
            | Field::Section(Section::Authority | Section::Kpis)
            | Field::Section(Section::InternalRelations | Section::ExternalRelations) => 2.0,
            Field::Section(Section::Qualifications | Section::Environment | Section::Career)
            | Field::Custom
            | Field::Organization => 1.0,
        }
    }

    /// The interface string that names the field in a search result; a
    /// custom section's passages carry their own.
    pub fn label_key(self) -> &'static str {
        match self {
            Field::Title => "search_title",
            Field::Fact(fact) => fact.key(),
            Field::Section(section) => section.key(),
            Field::Custom => "",
            Field::Organization => "organization",
        }
    }

    /// The section's id on a role page, where a result in it links to.
    pub fn anchor(self) -> String {
        match self {
            Field::Section(section) => section.anchor(),
            Field::Title | Field::Fact(_) | Field::Custom | Field::Organization => String::new(),
        }
    }
}

/// One searchable piece of text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Passage {
    pub field: Field,
    /// Where in its section the passage is: for duty list items, the item's
    /// number path (`3`, `3-2`; the role page's `search.js` gives the
    /// matching `<li>` the id `duty-3-2`); for a custom section, its number
    /// (`section-2` on the page). Empty otherwise.
    pub item: String,
    /// A custom section's heading; empty otherwise.
    pub label: String,
    pub text: String,
}

/// A role, or a document's department duties (`role` is `None`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Index into `Handbook::documents`.
    pub doc: usize,
    pub role: Option<String>,
    /// The title first, then the other fields in page order.
    pub passages: Vec<Passage>,
}

/// Every entry in page order: each document's department duties (if any),
/// then its roles in reporting order.
pub fn entries(handbook: &Handbook) -> Vec<Entry> {
    let mut out = Vec::new();
    for (doc_index, doc) in handbook.documents.iter().enumerate() {
        if !doc.duties.is_empty() {
            let mut passages = vec![passage(Field::Title, String::new(), &doc.title)];
            passages.extend(rich_passages(&doc.duties));
            out.push(Entry {
                doc: doc_index,
                role: None,
                passages,
            });
        }
        for role in &doc.roles {
            out.push(Entry {
                doc: doc_index,
                role: Some(role.id.to_string()),
                passages: role_passages(role),
            });
        }
    }
    for entry in &mut out {
        let doc = &handbook.documents[entry.doc];
        for text in [&doc.organization, &doc.industry] {
            entry
                .passages
                .push(passage(Field::Organization, String::new(), text));
        }
    }
    // The title stays even if empty: the index and search.js find it first.
    out.iter_mut().for_each(|e| {
        e.passages
            .retain(|p| p.field == Field::Title || !p.text.is_empty())
    });
    out
}

/// A role's passages: the title, its facts, then its sections in page
/// order.
fn role_passages(role: &Role) -> Vec<Passage> {
    let mut out = vec![passage(Field::Title, String::new(), &role.title)];
    for (fact, value) in role.facts.given() {
        out.push(passage(Field::Fact(fact), String::new(), value));
    }
    for shown in role.shown() {
        match (shown.heading, shown.body) {
            (_, Body::Rich(rich)) => out.extend(rich_passages(rich)),
            (Heading::Standard(section), Body::Items(items)) => {
                out.extend(item_passages(Field::Section(section), items))
            }
            (Heading::Custom(i, label), Body::Items(items)) => out.extend(
                item_passages(Field::Custom, items)
                    .into_iter()
                    .map(|p| Passage {
                        item: (i + 1).to_string(),
                        label: label.to_string(),
                        ..p
                    }),
            ),
        }
    }
    out
}

fn passage(field: Field, item: String, text: &str) -> Passage {
    Passage {
        field,
        item,
        label: String::new(),
        text: squeeze(text),
    }
}

/// Collapses runs of whitespace: the text is shown as a one-line snippet.
fn squeeze(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Front-matter items (and their sub-items), one passage each. Their pages
/// link to the section, so no item number is kept.
fn item_passages(field: Field, items: &[Item]) -> Vec<Passage> {
    let mut out = Vec::new();
    for item in items {
        out.push(passage(field, String::new(), &item.text.plain_text()));
        out.extend(item_passages(field, &item.items));
    }
    out
}

/// Duties: one passage per list item (its own text, without its sub-items)
/// and per paragraph outside lists. Items are numbered by position, top-level
/// items across all top-level lists, sub-items within their parent, the way
/// `search.js` numbers the rendered `<li>` elements.
pub fn rich_passages(rich: &Rich) -> Vec<Passage> {
    let mut walk = DutyWalk::default();
    for event in &rich.events {
        walk.event(event);
    }
    walk.flush();
    walk.out
}

#[derive(Default)]
struct DutyWalk {
    out: Vec<Passage>,
    /// Number path of the item being read.
    path: Vec<usize>,
    /// Items seen so far at each depth, under the current parent.
    counters: Vec<usize>,
    text: String,
}

impl DutyWalk {
    fn event(&mut self, event: &Event<'_>) {
        match event {
            Event::Text(t) | Event::Code(t) => self.text.push_str(t),
            Event::SoftBreak | Event::HardBreak => self.text.push(' '),
            Event::Start(Tag::List(_)) => self.flush(),
            Event::Start(Tag::Item) => self.start_item(),
            Event::End(TagEnd::Item) => {
                self.flush();
                self.path.pop();
            }
            Event::End(TagEnd::Paragraph) if self.path.is_empty() => self.flush(),
            _ => {}
        }
    }

    fn start_item(&mut self) {
        self.flush();
        let depth = self.path.len();
        self.counters.truncate(depth + 1);
        if self.counters.len() <= depth {
            self.counters.resize(depth + 1, 0);
        }
        self.counters[depth] += 1;
        self.path.push(self.counters[depth]);
    }

    fn flush(&mut self) {
        let text = std::mem::take(&mut self.text);
        let mut item = String::new();
        for (i, n) in self.path.iter().enumerate() {
            if i > 0 {
                item.push('-');
            }
            let _ = write!(item, "{n}");
        }
        let p = passage(Field::DUTIES, item, &text);
        if !p.text.is_empty() {
            self.out.push(p);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::rich::parse;

    fn rich(md: &str) -> Rich {
        Rich {
            events: parse(md).into_iter().map(|(e, _)| e).collect(),
        }
    }

    fn items(md: &str) -> Vec<(String, String)> {
        rich_passages(&rich(md))
            .into_iter()
            .map(|p| (p.item, p.text))
            .collect()
    }

    fn pair(item: &str, text: &str) -> (String, String) {
        (item.to_string(), text.to_string())
    }

    #[test]
    fn numbers_duty_items_and_sub_items() {
        let md = "1. 综合管理。\n   1. 制定计划。\n   2. 调整策略。\n2. 业务指导。\n";
        assert_eq!(
            items(md),
            [
                pair("1", "综合管理。"),
                pair("1-1", "制定计划。"),
                pair("1-2", "调整策略。"),
                pair("2", "业务指导。"),
            ]
        );
    }

    #[test]
    fn paragraphs_have_no_number_and_lists_continue() {
        let md = "部门概述。\n\n1. 甲\n2. 乙\n\n中间一段。\n\n1. 丙\n";
        assert_eq!(
            items(md),
            [
                pair("", "部门概述。"),
                pair("1", "甲"),
                pair("2", "乙"),
                pair("", "中间一段。"),
                pair("3", "丙"),
            ]
        );
    }

    #[test]
    fn sub_item_numbers_restart_per_parent() {
        let md = "1. 甲\n   1. 甲一\n2. 乙\n   1. 乙一\n";
        let numbers: Vec<String> = items(md).into_iter().map(|(n, _)| n).collect();
        assert_eq!(numbers, ["1", "1-1", "2", "2-1"]);
    }

    #[test]
    fn weights_are_far_enough_apart_that_repeats_never_change_the_field_order() {
        let repeats = super::super::query::REPEAT_BONUS * super::super::query::REPEAT_CAP as f64;
        for a in Field::ALL {
            for b in Field::ALL {
                let gap = (a.weight() - b.weight()).abs();
                assert!(gap == 0.0 || gap > repeats, "{a:?} {b:?}");
            }
        }
        let w = |f: Field| f.weight();
        assert!(w(Field::Title) > w(Field::Section(Section::KeyResponsibility)));
        assert!(w(Field::Section(Section::KeyResponsibility)) > w(Field::DUTIES));
        assert!(w(Field::DUTIES) > w(Field::Section(Section::Authority)));
        assert!(w(Field::Section(Section::Authority)) > w(Field::Section(Section::Qualifications)));
    }

    #[test]
    fn field_numbers_are_their_places() {
        for (i, f) in Field::ALL.into_iter().enumerate() {
            assert_eq!(f.number(), i);
        }
    }
}

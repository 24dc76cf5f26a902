//! Rich text: Markdown parsed once into pulldown-cmark events, with links to
//! roles and documents resolved and checked. Later stages map the text events
//! (script conversion) and write HTML; they never re-parse Markdown.

use pulldown_cmark::{CowStr, Event, LinkType, Options, Parser, Tag, TagEnd};

/// Link scheme for an explicit link to a role: `[店长](role:dian-zhang)`.
pub const ROLE_SCHEME: &str = "role:";
/// Link scheme for an explicit link to a document: `[第四篇](doc:04-…)`.
pub const DOC_SCHEME: &str = "doc:";

/// Parsed Markdown.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Rich {
    pub events: Vec<Event<'static>>,
}

/// A Markdown event with the byte range it came from, before links are
/// resolved.
pub type Spanned = (Event<'static>, std::ops::Range<usize>);

pub fn markdown_options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
}

/// Parses Markdown into events with their source ranges.
pub fn parse(markdown: &str) -> Vec<Spanned> {
    Parser::new_ext(markdown, markdown_options())
        .into_offset_iter()
        .map(|(event, range)| (event.into_static(), range))
        .collect()
}

/// Parses inline Markdown (a front-matter list item), dropping the paragraph
/// that wraps it.
pub fn parse_inline(markdown: &str) -> Vec<Spanned> {
    parse(markdown)
        .into_iter()
        .filter(|(e, _)| {
            !matches!(
                e,
                Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph)
            )
        })
        .collect()
}

impl Rich {
    pub fn is_empty(&self) -> bool {
        self.events.is_empty()
    }

    /// The same text with every prose text event mapped by `f`; code, URLs and
    /// raw HTML are left alone.
    pub fn map_text(&self, f: &dyn Fn(&str) -> String) -> Rich {
        let mut in_code_block = false;
        let events = self
            .events
            .iter()
            .map(|event| match event {
                Event::Start(Tag::CodeBlock(_)) => {
                    in_code_block = true;
                    event.clone()
                }
                Event::End(TagEnd::CodeBlock) => {
                    in_code_block = false;
                    event.clone()
                }
                Event::Text(text) if !in_code_block => Event::Text(CowStr::from(f(text))),
                other => other.clone(),
            })
            .collect();
        Rich { events }
    }

    /// The plain text, for summaries and search.
    pub fn plain_text(&self) -> String {
        let mut out = String::new();
        for event in &self.events {
            match event {
                Event::Text(t) | Event::Code(t) => out.push_str(t),
                Event::SoftBreak | Event::HardBreak => out.push(' '),
                Event::End(TagEnd::Item | TagEnd::Paragraph) => out.push('\n'),
                _ => {}
            }
        }
        out
    }
}

/// A link in rich text to something the handbook knows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target<'a> {
    Role(&'a str),
    Document(&'a str),
}

/// The handbook target of a link URL, if it uses the `role:`/`doc:` scheme.
pub fn target(url: &str) -> Option<Target<'_>> {
    if let Some(id) = url.strip_prefix(ROLE_SCHEME) {
        Some(Target::Role(id.trim()))
    } else {
        url.strip_prefix(DOC_SCHEME)
            .map(|id| Target::Document(id.trim()))
    }
}

/// Builds the events of a link to a role with the given text.
pub fn role_link(id: &str, text: &str) -> [Event<'static>; 3] {
    [
        Event::Start(Tag::Link {
            link_type: LinkType::Inline,
            dest_url: CowStr::from(format!("{ROLE_SCHEME}{id}")),
            title: CowStr::from(""),
            id: CowStr::from(""),
        }),
        Event::Text(CowStr::from(text.to_string())),
        Event::End(TagEnd::Link),
    ]
}

/// A list item's plain text with its sub-items, as read from rich text.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct TextItem {
    pub text: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<TextItem>,
}

impl Rich {
    /// The items of the lists in this text, nested as written; paragraphs
    /// outside lists become items of their own so no text is lost.
    pub fn items(&self) -> Vec<TextItem> {
        let mut root: Vec<TextItem> = Vec::new();
        let mut lists: Vec<Vec<TextItem>> = Vec::new();
        let mut open: Vec<TextItem> = Vec::new();
        let mut outside = String::new();
        for event in &self.events {
            match event {
                Event::Start(Tag::List(_)) => lists.push(Vec::new()),
                Event::Start(Tag::Item) => open.push(TextItem::default()),
                Event::End(TagEnd::Item) => {
                    let mut item = open.pop().unwrap_or_default();
                    item.text = item.text.trim().to_string();
                    if let Some(list) = lists.last_mut() {
                        list.push(item);
                    }
                }
                Event::End(TagEnd::List(_)) => {
                    let list = lists.pop().unwrap_or_default();
                    match open.last_mut() {
                        Some(parent) => parent.items.extend(list),
                        None => root.extend(list),
                    }
                }
                Event::End(TagEnd::Paragraph) if open.is_empty() => {
                    push_paragraph(&mut root, &mut outside);
                }
                Event::Text(t) | Event::Code(t) => match open.last_mut() {
                    Some(item) => item.text.push_str(t),
                    None => outside.push_str(t),
                },
                Event::SoftBreak | Event::HardBreak => match open.last_mut() {
                    Some(item) => item.text.push(' '),
                    None => outside.push(' '),
                },
                _ => {}
            }
        }
        push_paragraph(&mut root, &mut outside);
        root
    }
}

fn push_paragraph(root: &mut Vec<TextItem>, outside: &mut String) {
    let text = std::mem::take(outside);
    if !text.trim().is_empty() {
        root.push(TextItem {
            text: text.trim().to_string(),
            items: Vec::new(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rich(md: &str) -> Rich {
        Rich {
            events: parse(md).into_iter().map(|(e, _)| e).collect(),
        }
    }

    #[test]
    fn items_keep_nesting_and_stray_paragraphs() {
        let r = rich("前言。\n\n1. A\n   1. a1\n   2. a2\n2. B\n");
        let items = r.items();
        assert_eq!(items.len(), 3);
        assert_eq!(items[0].text, "前言。");
        assert_eq!(items[1].text, "A");
        assert_eq!(items[1].items.len(), 2);
        assert_eq!(items[1].items[1].text, "a2");
        assert_eq!(items[2].text, "B");
    }

    #[test]
    fn map_text_leaves_code_and_urls() {
        let r = rich("运营 `运营` [运营](role:yun-ying)\n");
        let upper = r.map_text(&|s| s.replace('运', "運"));
        let html: Vec<String> = upper
            .events
            .iter()
            .filter_map(|e| match e {
                Event::Text(t) => Some(format!("T:{t}")),
                Event::Code(t) => Some(format!("C:{t}")),
                Event::Start(Tag::Link { dest_url, .. }) => Some(format!("L:{dest_url}")),
                _ => None,
            })
            .collect();
        assert_eq!(
            html,
            ["T:運营 ", "C:运营", "T: ", "L:role:yun-ying", "T:運营"]
        );
    }
}

//! Rich text to HTML: resolves `role:`/`doc:` links to relative URLs for the
//! page being written, and sanitizes raw HTML.

use std::collections::HashMap;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use crate::model::rich::{self, Target};
use crate::model::{Handbook, Item, Rich};

/// Where every role's page is, and how to write HTML for one page.
pub struct HtmlWriter {
    role_docs: HashMap<String, String>,
    sanitizer: Option<ammonia::Builder<'static>>,
}

impl HtmlWriter {
    pub fn new(handbook: &Handbook, allow_raw_html: bool) -> HtmlWriter {
        let role_docs = handbook
            .roles()
            .map(|(d, r)| (r.id.to_string(), d.id.to_string()))
            .collect();
        HtmlWriter {
            role_docs,
            sanitizer: (!allow_raw_html).then(sanitizer),
        }
    }

    /// The URL of a role page relative to the variant root.
    pub fn role_path(&self, id: &str) -> Option<String> {
        self.role_docs.get(id).map(|doc| format!("{doc}/{id}.html"))
    }

    /// HTML for rich text on a page whose path to the variant root is `root`
    /// (`""` or `"../"`).
    pub fn rich(&self, text: &Rich, root: &str) -> String {
        self.events(text.events.iter().cloned(), root)
    }

    /// HTML for a front-matter list as an ordered list with nested sub-lists;
    /// a single plain item is a paragraph, since numbering one item says
    /// nothing.
    pub fn items(&self, items: &[Item], root: &str) -> String {
        let mut events = Vec::new();
        match items {
            [] => return String::new(),
            [single] if single.items.is_empty() => {
                events.push(Event::Start(Tag::Paragraph));
                events.extend(single.text.events.iter().cloned());
                events.push(Event::End(TagEnd::Paragraph));
            }
            _ => push_list(items, &mut events),
        }
        self.events(events.into_iter(), root)
    }

    fn events(&self, events: impl Iterator<Item = Event<'static>>, root: &str) -> String {
        let mut html = String::new();
        let resolved = events.map(|e| self.resolve_link(e, root));
        pulldown_cmark::html::push_html(&mut html, resolved);
        match &self.sanitizer {
            Some(s) => s.clean(&html).to_string(),
            None => html,
        }
    }

    fn resolve_link(&self, event: Event<'static>, root: &str) -> Event<'static> {
        let Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) = event
        else {
            return event;
        };
        let dest = match rich::target(&dest_url) {
            Some(Target::Role(role)) => self
                .role_path(role)
                .map(|p| format!("{root}{p}"))
                .unwrap_or_else(|| dest_url.to_string()),
            Some(Target::Document(doc)) => format!("{root}{doc}/index.html"),
            None => dest_url.to_string(),
        };
        Event::Start(Tag::Link {
            link_type,
            dest_url: CowStr::from(dest),
            title,
            id,
        })
    }
}

fn push_list(items: &[Item], out: &mut Vec<Event<'static>>) {
    out.push(Event::Start(Tag::List(Some(1))));
    for item in items {
        out.push(Event::Start(Tag::Item));
        out.extend(item.text.events.iter().cloned());
        if !item.items.is_empty() {
            push_list(&item.items, out);
        }
        out.push(Event::End(TagEnd::Item));
    }
    out.push(Event::End(TagEnd::List(true)));
}

/// The sanitizer for Markdown's raw HTML: ammonia's safe defaults (no script,
/// no event handlers, no `javascript:` URLs), keeping relative links as they
/// are so pages work from disk.
fn sanitizer() -> ammonia::Builder<'static> {
    let mut b = ammonia::Builder::default();
    b.link_rel(None);
    b.add_tag_attributes("ol", ["start"]);
    b
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

    fn writer(allow: bool) -> HtmlWriter {
        let hb = Handbook {
            title: String::new(),
            description: String::new(),
            documents: Vec::new(),
        };
        HtmlWriter::new(&hb, allow)
    }

    #[test]
    fn raw_html_is_sanitized_by_default() {
        let html = writer(false).rich(
            &rich(
                "<script>alert(1)</script>\n\n<b onclick=\"x()\">bold</b> [x](javascript:alert(1))",
            ),
            "",
        );
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("onclick"), "{html}");
        assert!(!html.contains("javascript:"), "{html}");
        assert!(html.contains("<b>bold</b>"), "{html}");
    }

    #[test]
    fn raw_html_passes_when_allowed() {
        let html = writer(true).rich(&rich("<b onclick=\"x()\">bold</b>"), "");
        assert!(html.contains("onclick"));
    }
}

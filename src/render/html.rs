//! Rich text to HTML: resolves `role:`/`doc:` links to relative URLs for the
//! page being written, and sanitizes raw HTML.

use std::collections::HashMap;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use crate::model::rich::{self, Target};
use crate::model::{Handbook, Item, Rich};

/// Where the links to roles and documents on a page lead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Links<'a> {
    /// To their pages; the string is the path from the page to the variant
    /// root (`""` or `"../"`).
    Pages(&'a str),
    /// To their sections on the print page, which holds the whole handbook.
    Print,
}

/// The anchor of a document on the print page, where [`Links::Print`] points.
pub fn doc_anchor(id: &str) -> String {
    format!("doc-{id}")
}

/// The anchor of a role on the print page, where [`Links::Print`] points.
pub fn role_anchor(id: &str) -> String {
    format!("role-{id}")
}

impl Links<'_> {
    /// The link to role `role` of document `doc`.
    pub fn role(self, doc: &str, role: &str) -> String {
        match self {
            Links::Pages(root) => format!("{root}{doc}/{role}.html"),
            Links::Print => format!("#{}", role_anchor(role)),
        }
    }

    /// The link to document `doc`.
    pub fn document(self, doc: &str) -> String {
        match self {
            Links::Pages(root) => format!("{root}{doc}/index.html"),
            Links::Print => format!("#{}", doc_anchor(doc)),
        }
    }
}

/// HTML written for a page, and whether it links to a role or a document
/// (and so reads differently on the print page).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fragment {
    pub html: String,
    pub links: bool,
}

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

    /// HTML for rich text on a page whose links lead as `links` says.
    pub fn rich(&self, text: &Rich, links: Links<'_>) -> String {
        self.rich_fragment(text, links).html
    }

    /// [`HtmlWriter::rich`], saying whether the HTML depends on `links`.
    pub fn rich_fragment(&self, text: &Rich, links: Links<'_>) -> Fragment {
        self.events(text.events.iter().map(borrowed), links)
    }

    /// HTML for a front-matter list as an ordered list with nested sub-lists;
    /// a single plain item is a paragraph, since numbering one item says
    /// nothing.
    pub fn items(&self, items: &[Item], links: Links<'_>) -> String {
        self.items_fragment(items, links).html
    }

    /// [`HtmlWriter::items`], saying whether the HTML depends on `links`.
    pub fn items_fragment(&self, items: &[Item], links: Links<'_>) -> Fragment {
        let mut events = Vec::new();
        match items {
            [] => return Fragment::default(),
            [single] if single.items.is_empty() => {
                events.push(Event::Start(Tag::Paragraph));
                events.extend(single.text.events.iter().map(borrowed));
                events.push(Event::End(TagEnd::Paragraph));
            }
            _ => push_list(items, &mut events),
        }
        self.events(events.into_iter(), links)
    }

    fn events<'e>(&self, events: impl Iterator<Item = Event<'e>>, links: Links<'_>) -> Fragment {
        let mut html = String::new();
        let mut plain = true;
        let mut linked = false;
        let resolved = events.map(|e| {
            let (e, resolved) = self.resolve_link(e, links);
            linked |= resolved;
            plain &= is_plain(&e);
            e
        });
        pulldown_cmark::html::push_html(&mut html, resolved);
        let html = match &self.sanitizer {
            Some(s) if !(plain && is_canonical(&html)) => s.clean(&html).to_string(),
            _ => html,
        };
        Fragment {
            html,
            links: linked,
        }
    }

    /// The event with a `role:` or `doc:` link resolved, and whether it was
    /// one.
    fn resolve_link<'e>(&self, event: Event<'e>, links: Links<'_>) -> (Event<'e>, bool) {
        let Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) = event
        else {
            return (event, false);
        };
        let dest = match rich::target(&dest_url) {
            Some(Target::Role(role)) => self.role_docs.get(role).map(|doc| links.role(doc, role)),
            Some(Target::Document(doc)) => Some(links.document(doc)),
            None => None,
        };
        let resolved = dest.is_some();
        let link = Tag::Link {
            link_type,
            dest_url: dest.map_or(dest_url, CowStr::from),
            title,
            id,
        };
        (Event::Start(link), resolved)
    }
}

/// `event` borrowing its text from the model's, for writing: the model's
/// events own their text, and copying every text event of every page only
/// to write it out was a measurable part of rendering.
fn borrowed<'e>(event: &'e Event<'static>) -> Event<'e> {
    match event {
        Event::Text(t) => Event::Text(CowStr::Borrowed(t)),
        Event::Code(t) => Event::Code(CowStr::Borrowed(t)),
        Event::Html(t) => Event::Html(CowStr::Borrowed(t)),
        Event::InlineHtml(t) => Event::InlineHtml(CowStr::Borrowed(t)),
        other => other.clone(),
    }
}

fn push_list<'e>(items: &'e [Item], out: &mut Vec<Event<'e>>) {
    out.push(Event::Start(Tag::List(Some(1))));
    for item in items {
        out.push(Event::Start(Tag::Item));
        out.extend(item.text.events.iter().map(borrowed));
        if !item.items.is_empty() {
            push_list(&item.items, out);
        }
        out.push(Event::End(TagEnd::Item));
    }
    out.push(Event::End(TagEnd::List(true)));
}

/// Whether pulldown-cmark writes `event` as markup that the sanitizer keeps
/// as it is: no raw HTML, no attributes it would drop (styles, classes,
/// titles, images) and only relative or web links. Sanitizing costs more
/// than rendering, and nearly every fragment is such plain text and lists.
fn is_plain(event: &Event<'_>) -> bool {
    match event {
        Event::Text(_) | Event::Code(_) | Event::SoftBreak => true,
        Event::Start(tag) => match tag {
            Tag::Paragraph
            | Tag::List(_)
            | Tag::Item
            | Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::BlockQuote(None) => true,
            Tag::Link {
                dest_url, title, ..
            } => title.is_empty() && is_safe_url(dest_url),
            _ => false,
        },
        // An end is plain when its start was; the start decides.
        Event::End(_) => true,
        _ => false,
    }
}

/// A relative URL, or an http(s) or mailto one: what the sanitizer passes
/// unchanged.
fn is_safe_url(url: &str) -> bool {
    let before_path = url.split(['/', '?', '#']).next().unwrap_or("");
    !before_path.contains(':')
        || ["http://", "https://", "mailto:"]
            .iter()
            .any(|scheme| url.starts_with(scheme))
}

/// Whether the sanitizer's serializer would write `html` byte for byte as
/// it is: pulldown-cmark escapes `"` and `'` in text and URLs, which
/// html5ever writes plainly, and html5ever writes U+00A0 as `&nbsp;`.
fn is_canonical(html: &str) -> bool {
    !html.contains('\u{a0}')
        && html.match_indices('&').all(|(i, _)| {
            let rest = &html[i..];
            rest.starts_with("&amp;") || rest.starts_with("&lt;") || rest.starts_with("&gt;")
        })
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
            Links::Pages(""),
        );
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("onclick"), "{html}");
        assert!(!html.contains("javascript:"), "{html}");
        assert!(html.contains("<b>bold</b>"), "{html}");
    }

    /// The fast path must write exactly what the sanitizer would.
    fn assert_same_as_sanitized(html: String, what: &str) {
        let sanitized = sanitizer().clean(&html).to_string();
        assert_eq!(html, sanitized, "{what}");
    }

    fn fast(writer: &HtmlWriter, events: Vec<Event<'static>>) -> Option<String> {
        let mut html = String::new();
        let plain = events.iter().all(is_plain);
        let resolved = events
            .into_iter()
            .map(|e| writer.resolve_link(e, Links::Pages("../")).0);
        pulldown_cmark::html::push_html(&mut html, resolved);
        (plain && is_canonical(&html)).then_some(html)
    }

    #[test]
    fn links_lead_to_pages_or_to_print_page_sections() {
        let (_, real) = crate::pipeline::load(std::path::Path::new(env!("CARGO_MANIFEST_DIR")))
            .expect("the real content loads");
        let (doc, role) = real.roles().next().expect("a role");
        let w = HtmlWriter::new(&real, false);
        let text = rich(&format!(
            "[甲](role:{}) [乙](doc:{}) [丁](https://example.com/x.html)",
            role.id, doc.id
        ));
        let on_page = w.rich(&text, Links::Pages("../"));
        let role_page = format!("href=\"../{}/{}.html\"", doc.id, role.id);
        assert!(on_page.contains(&role_page), "{on_page}");
        let doc_page = format!("href=\"../{}/index.html\"", doc.id);
        assert!(on_page.contains(&doc_page), "{on_page}");
        let printed = w.rich(&text, Links::Print);
        assert!(
            printed.contains(&format!("href=\"#role-{}\"", role.id)),
            "{printed}"
        );
        assert!(
            printed.contains(&format!("href=\"#doc-{}\"", doc.id)),
            "{printed}"
        );
        for html in [&on_page, &printed] {
            assert!(
                html.contains("href=\"https://example.com/x.html\""),
                "{html}"
            );
        }
        // Whether the print page can show the role page's HTML as it is.
        assert!(w.rich_fragment(&text, Links::Print).links);
        let unlinked = rich("负责[标准](https://example.com/x.html)的执行");
        let fragment = w.rich_fragment(&unlinked, Links::Pages("../"));
        assert!(!fragment.links);
        assert_eq!(fragment.html, w.rich(&unlinked, Links::Print));
    }

    #[test]
    fn unsanitized_fragments_are_what_the_sanitizer_writes() {
        let tricky = [
            "1. 引号\"双\" 和 'single' &amp; < > ＆\n2. [链接](https://example.com/a?b=1&c='2')\n",
            "a\u{a0}b *em* **strong** ~~del~~ `code` [x](../a.html#top)\n\n> quote\n",
            "[mail](mailto:a@b.c) [rel](x/y.html) [t](a.html \"title\") [j](javascript:alert(1))\n",
            "3. 从三开始\n4. 四\n   - 子项\n",
            "1. 负责*所辖*区域 > 店铺 & [店长](../d/dian-zhang.html)。\n",
            "line  \nbreak\n\n---\n\n![img](a.png)\n\n| a | b |\n|---|:-:|\n| 1 | 2 |\n",
            "<b>raw</b> <!-- c --> 1 < 2 > 0 & 3\n",
        ];
        let w = writer(false);
        let mut checked = 0;
        for md in tricky {
            if let Some(html) = fast(&w, rich(md).events) {
                assert_same_as_sanitized(html, md);
                checked += 1;
            }
        }
        assert!(checked >= 1, "the plain cases take the fast path");
        let (_, real) = crate::pipeline::load(std::path::Path::new(env!("CARGO_MANIFEST_DIR")))
            .expect("the real content loads");
        let generated = crate::generate::Corpus::generate(
            &crate::generate::Vocabulary::embedded(),
            &crate::generate::Options {
                roles: 300,
                roles_per_document: 100,
                recombine: crate::generate::Recombine::Clauses,
            },
        )
        .to_handbook()
        .expect("generated content validates");
        let (mut total, mut plain) = (0, 0);
        for hb in [real, generated] {
            let w = HtmlWriter::new(&hb, false);
            for (doc, role) in hb.roles() {
                let mut fragments = vec![doc.duties.events.clone(), role.duties.events.clone()];
                for item in role.qualifications.iter().chain(&role.authority) {
                    fragments.push(item.text.events.clone());
                }
                for events in fragments {
                    total += 1;
                    if let Some(html) = fast(&w, events) {
                        assert_same_as_sanitized(html, role.id.as_str());
                        plain += 1;
                    }
                }
            }
        }
        assert!(
            plain * 10 > total * 9,
            "{plain} of {total} fragments are plain"
        );
    }

    #[test]
    fn raw_html_passes_when_allowed() {
        let html = writer(true).rich(&rich("<b onclick=\"x()\">bold</b>"), Links::Pages(""));
        assert!(html.contains("onclick"));
    }
}

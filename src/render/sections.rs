//! A role's sections as HTML ([`Role::shown`]: purpose, duties, …, and the
//! department's own headings), written once per render of a variant. The
//! role page shows them; the print page shows the same HTML when it links
//! to no role or document, and writes its own (with in-page anchors) only
//! when it does.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Serialize;

use super::html::{Fragment, HtmlWriter, Links};
use crate::model::{Body, Fact, Handbook, Heading, Role};

/// One section as its page shows it.
pub struct SectionHtml {
    /// The section's id on the role page (`duties`, `section-2`).
    pub anchor: String,
    pub label: String,
    pub html: Fragment,
}

/// The sections of one role as its page shows them, in page order.
pub struct Sections {
    pub shown: Vec<SectionHtml>,
}

/// Every role's sections, by position in reading order
/// ([`Handbook::roles`]), written on first use.
pub struct RoleSections<'a> {
    writer: &'a HtmlWriter,
    strings: &'a BTreeMap<String, String>,
    roles: Vec<&'a Role>,
    written: Vec<OnceLock<Sections>>,
}

/// Role pages are one folder below the variant root.
const ROLE_PAGE: Links<'static> = Links::Pages("../");

impl<'a> RoleSections<'a> {
    pub fn new(
        handbook: &'a Handbook,
        writer: &'a HtmlWriter,
        strings: &'a BTreeMap<String, String>,
    ) -> RoleSections<'a> {
        let roles: Vec<&Role> = handbook.roles().map(|(_, r)| r).collect();
        RoleSections {
            writer,
            strings,
            written: roles.iter().map(|_| OnceLock::new()).collect(),
            roles,
        }
    }

    /// The sections of the role at position `i`, as its page shows them.
    pub fn page(&self, i: usize) -> &Sections {
        self.written[i].get_or_init(|| Sections {
            shown: (self.roles[i].shown().into_iter())
                .map(|s| SectionHtml {
                    anchor: s.heading.anchor(),
                    label: heading_label(self.strings, s.heading),
                    html: body_html(self.writer, s.body, ROLE_PAGE),
                })
                .collect(),
        })
    }
}

/// The heading's text: the theme's name for a standard section, the
/// department's own for a custom one.
pub fn heading_label(strings: &BTreeMap<String, String>, heading: Heading<'_>) -> String {
    match heading {
        Heading::Standard(section) => strings.get(section.key()).cloned().unwrap_or_default(),
        Heading::Custom(_, label) => label.to_string(),
    }
}

pub fn body_html(writer: &HtmlWriter, body: Body<'_>, links: Links<'_>) -> Fragment {
    match body {
        Body::Rich(rich) => writer.rich_fragment(rich, links),
        Body::Items(items) => writer.items_fragment(items, links),
    }
}

/// A fact as a page lists it: `所属部门：运营部`.
#[derive(Serialize)]
pub struct FactShown<'a> {
    pub key: &'static str,
    pub label: String,
    pub value: &'a str,
}

/// The facts a role gives, labelled in the theme's words.
pub fn facts<'a>(strings: &BTreeMap<String, String>, role: &'a Role) -> Vec<FactShown<'a>> {
    (role.facts.given())
        .map(|(fact, value): (Fact, &str)| FactShown {
            key: fact.key(),
            label: strings.get(fact.key()).cloned().unwrap_or_default(),
            value,
        })
        .collect()
}

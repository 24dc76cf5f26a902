//! A role's four sections as HTML (key responsibility, duties, authority,
//! qualifications), written once per render of a variant. The role page
//! shows them; the print page shows the same HTML when it links to no role
//! or document, and writes its own (with in-page anchors) only when it does.

use std::sync::OnceLock;

use super::html::{Fragment, HtmlWriter, Links};
use crate::model::{Handbook, Role};

/// The sections of one role as its page shows them.
pub struct Sections {
    pub key_responsibility: Fragment,
    pub duties: Fragment,
    pub authority: Fragment,
    pub qualifications: Fragment,
}

/// Every role's sections, by position in reading order
/// ([`Handbook::roles`]), written on first use.
pub struct RoleSections<'a> {
    writer: &'a HtmlWriter,
    roles: Vec<&'a Role>,
    written: Vec<OnceLock<Sections>>,
}

/// Role pages are one folder below the variant root.
const ROLE_PAGE: Links<'static> = Links::Pages("../");

impl<'a> RoleSections<'a> {
    pub fn new(handbook: &'a Handbook, writer: &'a HtmlWriter) -> RoleSections<'a> {
        let roles: Vec<&Role> = handbook.roles().map(|(_, r)| r).collect();
        RoleSections {
            writer,
            written: roles.iter().map(|_| OnceLock::new()).collect(),
            roles,
        }
    }

    /// The sections of the role at position `i`, as its page shows them.
    pub fn page(&self, i: usize) -> &Sections {
        self.written[i].get_or_init(|| {
            let (role, w) = (self.roles[i], self.writer);
            Sections {
                key_responsibility: w.items_fragment(&role.key_responsibility, ROLE_PAGE),
                duties: w.rich_fragment(&role.duties, ROLE_PAGE),
                authority: w.items_fragment(&role.authority, ROLE_PAGE),
                qualifications: w.items_fragment(&role.qualifications, ROLE_PAGE),
            }
        })
    }
}

//! What pages show of document control: the version in force, since when,
//! who prepared, reviewed and approved it, and the revision history (the
//! `control` component of `components.html`).

use crate::model::Control;

/// `control` when anything of it is given.
pub fn shown(control: &Control) -> Option<&Control> {
    (!control.is_empty()).then_some(control)
}

/// The role's own control when it has one, else its document's: the
/// version a reader of the role page is holding.
pub fn for_role<'a>(own: &'a Control, document: &'a Control) -> Option<&'a Control> {
    shown(own).or_else(|| shown(document))
}

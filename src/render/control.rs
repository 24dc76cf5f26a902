//! What pages show of document control: the version in force, since when,
//! who prepared, reviewed and approved it, and the revision history (the
//! `control` component of `components.html`).

use serde::Serialize;

use crate::model::Control;

#[derive(Debug, Serialize)]
pub struct ControlShown<'a> {
    version: &'a str,
    effective: &'a str,
    prepared_by: &'a str,
    reviewed_by: &'a str,
    approved_by: &'a str,
    revisions: Vec<RevisionShown<'a>>,
}

#[derive(Debug, Serialize)]
struct RevisionShown<'a> {
    version: &'a str,
    date: &'a str,
    summary: &'a str,
}

impl<'a> ControlShown<'a> {
    /// `None` when nothing of document control is given.
    pub fn of(control: &'a Control) -> Option<ControlShown<'a>> {
        if control.is_empty() {
            return None;
        }
        Some(ControlShown {
            version: &control.version,
            effective: &control.effective,
            prepared_by: &control.prepared_by,
            reviewed_by: &control.reviewed_by,
            approved_by: &control.approved_by,
            revisions: (control.revisions.iter())
                .map(|r| RevisionShown {
                    version: &r.version,
                    date: &r.date,
                    summary: &r.summary,
                })
                .collect(),
        })
    }

    /// The role's own control when it has one, else its document's: the
    /// version a reader of the role page is holding.
    pub fn for_role(own: &'a Control, document: &'a Control) -> Option<ControlShown<'a>> {
        ControlShown::of(own).or_else(|| ControlShown::of(document))
    }
}

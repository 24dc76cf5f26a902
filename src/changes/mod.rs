//! What changed between an earlier build of the handbook and this one, for
//! the changes page and the marks on changed role pages.
//!
//! Every build writes a [`Snapshot`] of the handbook (`handbook.json` in the
//! output, in the source script). `handbook build --compare-to <folder>`
//! reads the one an earlier build left there and compares it with this
//! build's ([`compare`]): roles added, removed, renamed and moved to another
//! superior, and per role and document the items of each field added,
//! removed or changed. Items are compared as a set: putting them in
//! another order is no change. A changed item is one removed and one added
//! that are more alike than not, shown as a character-level difference
//! ([`char_diff`]) in the reader's script.

mod compare;
mod snapshot;

pub use compare::{
    char_diff, compare, Changes, DocChange, FieldChange, Piece, RoleChange, RoleNote,
};
pub use snapshot::{Snapshot, SNAPSHOT_FILE};

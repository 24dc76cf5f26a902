//! Script conversion of what an edit changed: only the touched documents,
//! and of those only the roles that changed.

use std::collections::HashMap;
use std::mem;

use super::plan::Touched;
use crate::model::{DocId, Document, Handbook, Role, RoleId};
use crate::pipeline::{self, Setup, VariantModel};
use crate::variant::Variant;

/// Puts the touched documents, converted, into `model` in the new order.
pub fn documents(setup: &Setup, new: &Handbook, touched: &Touched, model: &mut VariantModel) {
    let handbook = model.handbook.to_mut();
    let mut old: HashMap<DocId, Document> = mem::take(&mut handbook.documents)
        .into_iter()
        .map(|d| (d.id.clone(), d))
        .collect();
    let variant = model.variant;
    handbook.documents = (new.documents.iter())
        .map(|doc| match (old.remove(&doc.id), touched.get(&doc.id)) {
            (Some(kept), None) => kept,
            (Some(kept), Some(Some(was))) => convert_changed(setup, variant, doc, (was, kept)),
            _ => pipeline::convert_document(setup, doc, variant),
        })
        .collect();
}

/// `doc` in `variant`'s script, reusing the converted roles of its previous
/// version `was` (`kept`, converted) that did not change: conversion maps
/// each text on its own, so a role converts the same in any document.
fn convert_changed(
    setup: &Setup,
    variant: Variant,
    doc: &Document,
    (was, kept): (&Document, Document),
) -> Document {
    let convert = pipeline::text_converter(variant, &setup.glossary);
    let was: HashMap<&RoleId, &Role> = was.roles.iter().map(|r| (&r.id, r)).collect();
    let mut kept: HashMap<RoleId, Role> = (kept.roles.into_iter())
        .map(|r| (r.id.clone(), r))
        .collect();
    doc.map_text_with(&convert, &mut |r| {
        let unchanged = was.get(&r.id) == Some(&r);
        (unchanged.then(|| kept.remove(&r.id)).flatten()).unwrap_or_else(|| r.map_text(&convert))
    })
}

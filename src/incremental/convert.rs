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
    let mut old: HashMap<DocId, Document> = mem::take(&mut model.handbook.documents)
        .into_iter()
        .map(|d| (d.id.clone(), d))
        .collect();
    let variant = model.variant;
    model.handbook.documents = (new.documents.iter())
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
    let was: HashMap<&RoleId, &Role> = was.roles.iter().map(|r| (&r.id, r)).collect();
    let same = |r: &Role| was.get(&r.id) == Some(&r);
    let changed = doc.roles.iter().filter(|r| !same(r)).cloned().collect();
    let mut converted = pipeline::convert_document(setup, &with_roles(doc, changed), variant);
    let mut fresh = mem::take(&mut converted.roles).into_iter();
    let mut reused: HashMap<RoleId, Role> = (kept.roles.into_iter())
        .map(|r| (r.id.clone(), r))
        .collect();
    let roles: Option<Vec<Role>> = (doc.roles.iter())
        .map(|r| match same(r) {
            true => reused.remove(&r.id),
            false => fresh.next(),
        })
        .collect();
    match roles {
        Some(roles) => Document { roles, ..converted },
        // Not reached: `kept` is `was` converted. Converting it all is right.
        None => pipeline::convert_document(setup, doc, variant),
    }
}

/// `doc`'s own fields with `roles`.
fn with_roles(doc: &Document, roles: Vec<Role>) -> Document {
    Document {
        id: doc.id.clone(),
        title: doc.title.clone(),
        organization: doc.organization.clone(),
        industry: doc.industry.clone(),
        source: doc.source.clone(),
        summary: doc.summary.clone(),
        external_superiors: doc.external_superiors.clone(),
        duties: doc.duties.clone(),
        roles,
        file: doc.file.clone(),
    }
}

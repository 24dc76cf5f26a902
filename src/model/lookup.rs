//! A document's roles by id, built on first use.

use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

use super::{Role, RoleId};

/// Positions of a document's roles by id. Part of the document so that
/// every stage looks roles up in constant time without carrying an index
/// of its own; it takes no part in comparing or printing documents.
#[derive(Default)]
pub struct RoleLookup(OnceLock<HashMap<RoleId, usize>>);

impl RoleLookup {
    /// The role of `roles` with this id. A model is not changed after it
    /// is built, but should its roles be, a hit is checked and a miss reads
    /// the list, so the answer is always right. Misses are rare: the model
    /// names only roles that exist.
    pub fn find<'r>(&self, roles: &'r [Role], id: &RoleId) -> Option<&'r Role> {
        let index = self.0.get_or_init(|| {
            (roles.iter().enumerate())
                .map(|(i, r)| (r.id.clone(), i))
                .collect()
        });
        match index.get(id).and_then(|&i| roles.get(i)) {
            Some(role) if &role.id == id => Some(role),
            _ => roles.iter().find(|r| &r.id == id),
        }
    }
}

impl Clone for RoleLookup {
    /// A copy of a document may have its roles changed: it builds its own.
    fn clone(&self) -> RoleLookup {
        RoleLookup::default()
    }
}

impl PartialEq for RoleLookup {
    fn eq(&self, _: &RoleLookup) -> bool {
        true
    }
}

impl fmt::Debug for RoleLookup {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("RoleLookup")
    }
}

#[cfg(test)]
mod tests {

    use super::*;

    fn role(id: &str) -> Role {
        Role::for_test(id, id)
    }

    fn id(s: &str) -> RoleId {
        RoleId::parse(s).expect("slug")
    }

    #[test]
    fn finds_roles_and_misses() {
        let roles = vec![role("a"), role("b"), role("c")];
        let lookup = RoleLookup::default();
        assert_eq!(
            lookup.find(&roles, &id("b")).map(|r| &r.title),
            Some(&"b".to_string())
        );
        assert!(lookup.find(&roles, &id("z")).is_none());
    }

    #[test]
    fn stays_right_when_the_roles_change_after_it_was_built() {
        let mut roles = vec![role("a"), role("b"), role("c")];
        let lookup = RoleLookup::default();
        assert!(lookup.find(&roles, &id("c")).is_some());
        roles.remove(0);
        roles.push(role("d"));
        assert_eq!(
            lookup.find(&roles, &id("c")).map(|r| r.id.as_str()),
            Some("c")
        );
        assert_eq!(
            lookup.find(&roles, &id("d")).map(|r| r.id.as_str()),
            Some("d")
        );
        roles.truncate(1);
        assert!(lookup.find(&roles, &id("c")).is_none());
        assert_eq!(
            lookup.find(&roles, &id("b")).map(|r| r.id.as_str()),
            Some("b")
        );
    }
}

//! Ids of documents and roles: ASCII slugs that are also URL path segments and
//! stay the same in every script.

use std::fmt;

use serde::Serialize;

/// Whether `s` is a slug: lowercase ASCII letters and digits in words joined by
/// single hyphens. Slugs can never escape the output folder (no `/`, `\`, `.`).
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.split('-').all(|word| {
            !word.is_empty()
                && word
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// Names of the pages and folders a build writes beside document folders and
/// role pages. A document or role with such an id would replace one of them
/// (a role `index` is its document's own page), so these ids are refused.
pub const RESERVED: &[&str] = &[
    "index",
    "print",
    "search",
    "search-index",
    "roles",
    "orgcharts",
    "static",
    "zh-hans",
    "zh-hant",
    "zh-tw",
    "zh-hk",
];

/// Whether `s` is one of the [`RESERVED`] names.
pub fn is_reserved(s: &str) -> bool {
    RESERVED.contains(&s)
}

macro_rules! slug_id {
    ($name:ident, $what:literal) => {
        #[doc = concat!("The id of a ", $what, ": a validated slug.")]
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// Returns the id if `s` is a valid slug.
            pub fn parse(s: &str) -> Option<$name> {
                is_slug(s).then(|| $name(s.to_string()))
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

slug_id!(RoleId, "role");
slug_id!(DocId, "document");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert!(is_slug("yun-ying-zong-jian"));
        assert!(is_slug("01-property-operations"));
        for bad in [
            "", "-a", "a-", "a--b", "A", "a/b", "..", "a.b", "a\\b", "运营", "a b",
        ] {
            assert!(!is_slug(bad), "{bad:?} must not be a slug");
        }
    }
}

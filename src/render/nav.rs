//! The sidebar's data: the documents of a variant, and each document's roles
//! in reporting order, as small scripts that `static/nav.js` loads when it
//! needs them (a page never carries the whole handbook's list: at 10,000
//! roles that would be most of every page). Scripts rather than JSON, so
//! that they load from `file://` too.

use std::path::PathBuf;

use super::Page;
use crate::model::Handbook;
use crate::variant::Variant;

/// The folder of a variant the sidebar's scripts are in.
pub const NAV_DIR: &str = "nav";

/// `<variant>/nav/index.js`, the documents, and `<variant>/nav/<doc>.js`
/// for each document, its roles.
pub fn nav_files(handbook: &Handbook, variant: Variant) -> Vec<Page> {
    let dir = PathBuf::from(variant.dir()).join(NAV_DIR);
    let docs: Vec<[&str; 3]> = (handbook.documents.iter())
        .map(|d| [d.id.as_str(), d.source.as_str(), d.title.as_str()])
        .collect();
    let index = format!(
        "(window.HANDBOOK_NAV = window.HANDBOOK_NAV || {{ roles: {{}} }}).docs = {};\n",
        json(&docs)
    );
    let mut files = vec![Page {
        path: dir.join("index.js"),
        content: index.into_bytes(),
    }];
    for doc in &handbook.documents {
        let roles: Vec<(&str, &str, usize)> = (doc.roles.iter())
            .map(|r| (r.id.as_str(), r.title.as_str(), r.depth))
            .collect();
        let script = format!(
            "(window.HANDBOOK_NAV = window.HANDBOOK_NAV || {{ roles: {{}} }}).roles[{}] = {};\n",
            json(&doc.id.as_str()),
            json(&roles)
        );
        files.push(Page {
            path: PathBuf::from(variant.dir()).join(document_file(doc.id.as_str())),
            content: script.into_bytes(),
        });
    }
    files
}

/// Where a document's roles are, relative to its variant's folder.
pub fn document_file(doc_id: &str) -> String {
    format!("{NAV_DIR}/{doc_id}.js")
}

fn json<T: serde::Serialize + ?Sized>(value: &T) -> String {
    // Only strings and numbers go in, which always serialize.
    serde_json::to_string(value)
        .unwrap_or_else(|e| unreachable!("navigation data did not serialize: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::fixture::sample;

    #[test]
    fn one_script_for_the_documents_and_one_per_document() {
        let handbook = sample();
        let files = nav_files(&handbook, Variant::Tw);
        assert_eq!(files.len(), handbook.documents.len() + 1);
        assert_eq!(files[0].path, PathBuf::from("zh-tw/nav/index.js"));
        let index = String::from_utf8_lossy(&files[0].content);
        assert!(
            index.contains(handbook.documents[0].title.as_str()),
            "{index}"
        );
        let doc = &handbook.documents[0];
        let first = String::from_utf8_lossy(&files[1].content);
        assert!(first.contains(&format!(
            "[\"{}\",\"{}\",",
            doc.roles[0].id, doc.roles[0].title
        )));
    }
}

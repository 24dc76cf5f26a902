//! From the print page's bookmark headings and the PDF's named destinations
//! to the contents' page numbers and the outline.
//!
//! Chromium writes a named destination for every element id that a link on
//! the page points at, and the print page links to each of its bookmark
//! headings (the contents to the documents and roles, the contents' heading
//! to itself). So a heading's id names the place it was printed, without
//! matching titles: Chromium's own outline titles are not reliable (a heading
//! at the top of a page can come out with its text twice).

use std::collections::BTreeMap;

use super::browser::Heading;
use super::outline::{Bookmark, Target};

/// Each heading's id with the page it was printed on.
pub fn page_numbers(
    headings: &[Heading],
    targets: &BTreeMap<String, Target>,
) -> Result<BTreeMap<String, u32>, String> {
    headings
        .iter()
        .map(|h| Ok((h.id.clone(), target(h, targets)?.page)))
        .collect()
}

/// The outline to write: one bookmark per heading, titled with its text.
pub fn bookmarks(
    headings: &[Heading],
    targets: &BTreeMap<String, Target>,
) -> Result<Vec<Bookmark>, String> {
    headings
        .iter()
        .map(|h| {
            Ok(Bookmark {
                title: h.title.split_whitespace().collect::<Vec<_>>().join(" "),
                level: h.level,
                dest: target(h, targets)?.dest.clone(),
            })
        })
        .collect()
}

fn target<'a>(
    heading: &Heading,
    targets: &'a BTreeMap<String, Target>,
) -> Result<&'a Target, String> {
    targets.get(&heading.id).ok_or_else(|| {
        format!(
            "the PDF has no destination for the heading `{}` (#{}): \
             a bookmark heading must be the target of a link on the page",
            heading.title.trim(),
            heading.id
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::Object;

    fn heading(id: &str, level: u8, title: &str) -> Heading {
        Heading {
            id: id.to_string(),
            level,
            title: title.to_string(),
        }
    }

    fn targets() -> BTreeMap<String, Target> {
        [("contents", 2), ("doc-a", 3), ("role-a", 5)]
            .into_iter()
            .map(|(id, page)| {
                let dest = Object::Array(vec![Object::Integer(page.into())]);
                (id.to_string(), Target { page, dest })
            })
            .collect()
    }

    #[test]
    fn headings_get_the_pages_of_their_destinations() {
        let headings = [
            heading("contents", 1, "目录"),
            heading("doc-a", 1, "\n  第一篇\n 运营部 "),
            heading("role-a", 2, "店长"),
        ];
        let pages = page_numbers(&headings, &targets()).unwrap();
        assert_eq!(pages["contents"], 2);
        assert_eq!(pages["role-a"], 5);
        let marks = bookmarks(&headings, &targets()).unwrap();
        assert_eq!(marks[1].title, "第一篇 运营部");
        assert_eq!(marks[2].level, 2);
        assert_eq!(marks[2].dest, targets()["role-a"].dest);
    }

    #[test]
    fn a_heading_without_a_destination_is_an_error() {
        let err = page_numbers(&[heading("role-x", 2, "导购")], &targets()).unwrap_err();
        assert!(err.contains("导购") && err.contains("#role-x"), "{err}");
    }
}

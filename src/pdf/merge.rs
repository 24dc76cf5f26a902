//! One PDF from the PDFs of a large handbook's documents (its print edition
//! in parts): their pages in order under one page tree, and their outlines
//! joined, each document's bookmarks pointing at its pages in the whole.

use lopdf::{Dictionary, Document, Object, ObjectId};

use super::outline::{self, Bookmark};

/// The parts' bytes, in order, as one document, with the bookmarks for its
/// outline (written by [`outline::replace`], which also saves it).
pub fn merge<'a>(
    parts: impl IntoIterator<Item = &'a [u8]>,
) -> Result<(Document, Vec<Bookmark>), String> {
    let mut merged = Document::with_version("1.7");
    let mut pages: Vec<ObjectId> = Vec::new();
    let mut bookmarks: Vec<Bookmark> = Vec::new();
    let mut next_id = 1;
    for bytes in parts {
        let mut part = Document::load_mem(bytes).map_err(|e| e.to_string())?;
        let entries = outline::read(&part)?;
        part.renumber_objects_with(next_id);
        next_id = part.max_id + 1;
        let part_pages: Vec<ObjectId> = part.get_pages().into_values().collect();
        for entry in entries {
            let Some(&page) = part_pages.get(entry.page.saturating_sub(1) as usize) else {
                continue;
            };
            bookmarks.push(Bookmark {
                title: entry.title,
                level: u8::try_from(entry.level).unwrap_or(u8::MAX),
                dest: destination(page),
            });
        }
        pages.extend(&part_pages);
        merged.objects.extend(part.objects);
    }
    merged.max_id = next_id;
    let tree = merged.new_object_id();
    for &page in &pages {
        if let Ok(Object::Dictionary(d)) = merged.get_object_mut(page) {
            d.set("Parent", Object::Reference(tree));
        }
    }
    let mut root = Dictionary::new();
    root.set("Type", Object::Name(b"Pages".to_vec()));
    root.set(
        "Kids",
        pages
            .iter()
            .map(|&p| Object::Reference(p))
            .collect::<Vec<_>>(),
    );
    root.set("Count", Object::Integer(pages.len() as i64));
    merged.objects.insert(tree, Object::Dictionary(root));
    let mut catalog = Dictionary::new();
    catalog.set("Type", Object::Name(b"Catalog".to_vec()));
    catalog.set("Pages", Object::Reference(tree));
    let catalog_id = merged.add_object(Object::Dictionary(catalog));
    merged.trailer.set("Root", Object::Reference(catalog_id));
    Ok((merged, bookmarks))
}

/// The top of `page`, as Chromium's own destinations point.
fn destination(page: ObjectId) -> Object {
    Object::Array(vec![
        Object::Reference(page),
        Object::Name(b"XYZ".to_vec()),
        Object::Null,
        Object::Null,
        Object::Null,
    ])
}

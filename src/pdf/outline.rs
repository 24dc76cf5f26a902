//! Navigation in a PDF: its outline (bookmarks) and its named destinations,
//! each with the page it points at; and writing a new outline.

use std::collections::{BTreeMap, HashMap, HashSet};

use lopdf::{Dictionary, Document, Object, ObjectId};

/// One bookmark of a PDF's outline.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub title: String,
    /// 1 for the top level, 2 under a top-level bookmark, and so on.
    pub level: usize,
    /// The page it points at, counting from 1.
    pub page: u32,
    /// Where it points (`[page /XYZ left top zoom]`).
    pub dest: Object,
}

/// A bookmark to write: level 1 (top) or 2 (under the level-1 one before).
#[derive(Debug, Clone)]
pub struct Bookmark {
    pub title: String,
    pub level: u8,
    pub dest: Object,
}

/// Every bookmark of a PDF file, in reading order.
pub fn read_pdf(bytes: &[u8]) -> Result<Vec<Entry>, String> {
    let doc = Document::load_mem(bytes).map_err(|e| e.to_string())?;
    read(&doc)
}

/// Every bookmark of `doc`, in reading order (each before its children).
/// A PDF without an outline has none.
pub fn read(doc: &Document) -> Result<Vec<Entry>, String> {
    let catalog = doc.catalog().map_err(|e| e.to_string())?;
    let Ok(outlines) = catalog.get(b"Outlines") else {
        return Ok(Vec::new());
    };
    let pages: HashMap<ObjectId, u32> =
        doc.get_pages().into_iter().map(|(n, id)| (id, n)).collect();
    let root = dictionary(doc, outlines)?;
    let mut entries = Vec::new();
    let mut seen = HashSet::new();
    // (next item to visit, its level); children are pushed after their
    // parent's next sibling so they are visited first.
    let mut stack: Vec<(ObjectId, usize)> = first_child(root).map(|f| (f, 1)).into_iter().collect();
    while let Some((id, level)) = stack.pop() {
        if !seen.insert(id) {
            return Err(format!("the outline refers to item {id:?} twice"));
        }
        let item = doc.get_dictionary(id).map_err(|e| e.to_string())?;
        entries.push(entry(doc, item, level, &pages)?);
        if let Ok(next) = item.get(b"Next").and_then(Object::as_reference) {
            stack.push((next, level));
        }
        if let Some(child) = first_child(item) {
            stack.push((child, level + 1));
        }
    }
    Ok(entries)
}

fn first_child(item: &Dictionary) -> Option<ObjectId> {
    item.get(b"First").and_then(Object::as_reference).ok()
}

fn dictionary<'a>(doc: &'a Document, object: &'a Object) -> Result<&'a Dictionary, String> {
    let (_, object) = doc.dereference(object).map_err(|e| e.to_string())?;
    object.as_dict().map_err(|e| e.to_string())
}

fn entry(
    doc: &Document,
    item: &Dictionary,
    level: usize,
    pages: &HashMap<ObjectId, u32>,
) -> Result<Entry, String> {
    let title = item
        .get(b"Title")
        .and_then(lopdf::decode_text_string)
        .map_err(|e| format!("a bookmark without a readable title: {e}"))?;
    let dest = destination(doc, item)
        .ok_or_else(|| format!("bookmark `{title}` has no page destination"))?;
    let page = first_page(&dest, pages)
        .ok_or_else(|| format!("bookmark `{title}` points at no page of the document"))?;
    Ok(Entry {
        title,
        level,
        page,
        dest,
    })
}

/// The explicit destination of a bookmark: its `/Dest`, or the `/D` of its
/// go-to action; a named one is looked up in the document's destinations.
fn destination(doc: &Document, item: &Dictionary) -> Option<Object> {
    let dest = match item.get(b"Dest") {
        Ok(dest) => dest,
        Err(_) => dictionary(doc, item.get(b"A").ok()?).ok()?.get(b"D").ok()?,
    };
    let (_, dest) = doc.dereference(dest).ok()?;
    match dest {
        Object::Name(name) | Object::String(name, _) => {
            let name = String::from_utf8_lossy(name);
            named_destinations(doc)
                .ok()?
                .remove(name.as_ref())
                .map(|t| t.dest)
        }
        other => explicit(doc, other),
    }
}

/// Where a named destination points.
#[derive(Debug, Clone, PartialEq)]
pub struct Target {
    /// The page, counting from 1.
    pub page: u32,
    /// The explicit destination (`[page /XYZ left top zoom]`).
    pub dest: Object,
}

/// The named destinations of `doc`, by name. Chromium writes one for every
/// element id that a link of the page points at, named by the id, in the
/// catalog's `/Dests`; PDF 1.2's name tree (`/Names /Dests`) is read too.
pub fn named_destinations(doc: &Document) -> Result<BTreeMap<String, Target>, String> {
    let catalog = doc.catalog().map_err(|e| e.to_string())?;
    let pages: HashMap<ObjectId, u32> =
        doc.get_pages().into_iter().map(|(n, id)| (id, n)).collect();
    let mut named: Vec<(Vec<u8>, &Object)> = Vec::new();
    if let Ok(dests) = catalog.get(b"Dests") {
        let dests = dictionary(doc, dests)?;
        named.extend(dests.iter().map(|(k, v)| (k.clone(), v)));
    }
    if let Some(tree) = catalog
        .get(b"Names")
        .ok()
        .and_then(|n| dictionary(doc, n).ok())
        .and_then(|n| n.get(b"Dests").ok())
    {
        name_tree(doc, tree, &mut named, 0)?;
    }
    let mut out = BTreeMap::new();
    for (name, value) in named {
        let name = String::from_utf8_lossy(&name).into_owned();
        let Some(dest) = explicit(doc, value) else {
            continue;
        };
        let page = first_page(&dest, &pages)
            .ok_or_else(|| format!("destination `{name}` points at no page of the document"))?;
        out.insert(name, Target { page, dest });
    }
    Ok(out)
}

/// Collects the leaves of a name tree. Depth is bounded so a malformed,
/// cyclic tree cannot loop.
fn name_tree<'a>(
    doc: &'a Document,
    node: &'a Object,
    out: &mut Vec<(Vec<u8>, &'a Object)>,
    depth: usize,
) -> Result<(), String> {
    if depth > 32 {
        return Err("the destinations' name tree is too deep".to_string());
    }
    let node = dictionary(doc, node)?;
    if let Ok(names) = node.get(b"Names").and_then(Object::as_array) {
        for pair in names.chunks(2) {
            if let [key, value] = pair {
                out.push((key.as_str().map_err(|e| e.to_string())?.to_vec(), value));
            }
        }
    }
    if let Ok(kids) = node.get(b"Kids").and_then(Object::as_array) {
        for kid in kids {
            name_tree(doc, kid, out, depth + 1)?;
        }
    }
    Ok(())
}

/// A destination value as an explicit array: the array itself, or the `/D`
/// of a dictionary holding one.
fn explicit(doc: &Document, value: &Object) -> Option<Object> {
    let (_, value) = doc.dereference(value).ok()?;
    let value = match value.as_dict() {
        Ok(d) => doc.dereference(d.get(b"D").ok()?).ok()?.1,
        Err(_) => value,
    };
    value.as_array().ok().map(|_| value.clone())
}

fn first_page(dest: &Object, pages: &HashMap<ObjectId, u32>) -> Option<u32> {
    let id = dest.as_array().ok()?.first()?.as_reference().ok()?;
    pages.get(&id).copied()
}

/// Replaces the outline of `doc` with `bookmarks`, opened on the bookmarks
/// panel, and returns the saved PDF.
pub fn replace(doc: &mut Document, bookmarks: &[Bookmark]) -> Result<Vec<u8>, String> {
    let root = doc.new_object_id();
    let ids: Vec<ObjectId> = bookmarks.iter().map(|_| doc.new_object_id()).collect();
    let tree = Tree::of(bookmarks);
    let mut root_dict = Dictionary::new();
    root_dict.set("Type", Object::Name(b"Outlines".to_vec()));
    link_children(&mut root_dict, &tree.tops, &ids);
    root_dict.set("Count", Object::Integer(bookmarks.len() as i64));
    doc.objects.insert(root, Object::Dictionary(root_dict));
    for (i, bookmark) in bookmarks.iter().enumerate() {
        let parent = tree.parent[i].map_or(root, |p| ids[p]);
        let siblings = tree.parent[i].map_or(&tree.tops, |p| &tree.children[p]);
        let item = item(bookmark, parent, siblings, i, &tree.children[i], &ids);
        doc.objects.insert(ids[i], Object::Dictionary(item));
    }
    let catalog = doc.catalog_mut().map_err(|e| e.to_string())?;
    catalog.set("Outlines", Object::Reference(root));
    catalog.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
    doc.prune_objects();
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).map_err(|e| e.to_string())?;
    Ok(bytes)
}

/// Bookmarks as a two-level tree, by index.
struct Tree {
    tops: Vec<usize>,
    parent: Vec<Option<usize>>,
    children: Vec<Vec<usize>>,
}

impl Tree {
    /// A level-2 bookmark goes under the last level-1 one before it; one with
    /// none before it is a top-level bookmark.
    fn of(bookmarks: &[Bookmark]) -> Tree {
        let mut tree = Tree {
            tops: Vec::new(),
            parent: vec![None; bookmarks.len()],
            children: vec![Vec::new(); bookmarks.len()],
        };
        let mut last_top = None;
        for (i, b) in bookmarks.iter().enumerate() {
            match (b.level, last_top) {
                (2.., Some(top)) => {
                    tree.parent[i] = Some(top);
                    tree.children[top].push(i);
                }
                _ => {
                    tree.tops.push(i);
                    last_top = Some(i);
                }
            }
        }
        tree
    }
}

fn item(
    bookmark: &Bookmark,
    parent: ObjectId,
    siblings: &[usize],
    index: usize,
    children: &[usize],
    ids: &[ObjectId],
) -> Dictionary {
    let mut d = Dictionary::new();
    d.set("Title", lopdf::text_string(&bookmark.title));
    d.set("Parent", Object::Reference(parent));
    d.set("Dest", bookmark.dest.clone());
    let at = siblings.iter().position(|&s| s == index).unwrap_or(0);
    if let Some(&prev) = at.checked_sub(1).and_then(|p| siblings.get(p)) {
        d.set("Prev", Object::Reference(ids[prev]));
    }
    if let Some(&next) = siblings.get(at + 1) {
        d.set("Next", Object::Reference(ids[next]));
    }
    link_children(&mut d, children, ids);
    if !children.is_empty() {
        // Positive: open, so a document shows its roles.
        d.set("Count", Object::Integer(children.len() as i64));
    }
    d
}

fn link_children(d: &mut Dictionary, children: &[usize], ids: &[ObjectId]) {
    if let (Some(&first), Some(&last)) = (children.first(), children.last()) {
        d.set("First", Object::Reference(ids[first]));
        d.set("Last", Object::Reference(ids[last]));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bookmark(title: &str, level: u8) -> Bookmark {
        Bookmark {
            title: title.to_string(),
            level,
            dest: Object::Null,
        }
    }

    #[test]
    fn level_two_bookmarks_go_under_the_last_top_one() {
        let marks = [
            bookmark("cover", 1),
            bookmark("doc1", 1),
            bookmark("role1", 2),
            bookmark("role2", 2),
            bookmark("doc2", 1),
            bookmark("role3", 2),
        ];
        let tree = Tree::of(&marks);
        assert_eq!(tree.tops, vec![0, 1, 4]);
        assert_eq!(tree.children[1], vec![2, 3]);
        assert_eq!(tree.children[4], vec![5]);
        assert_eq!(tree.parent[3], Some(1));
    }

    #[test]
    fn a_level_two_bookmark_with_no_top_before_it_is_a_top() {
        let tree = Tree::of(&[bookmark("role", 2), bookmark("doc", 1)]);
        assert_eq!(tree.tops, vec![0, 1]);
    }

    /// A PDF of `pages` empty pages, built with lopdf.
    fn blank_pdf(pages: usize) -> (Document, Vec<ObjectId>) {
        let mut doc = Document::with_version("1.4");
        let pages_id = doc.new_object_id();
        let kids: Vec<ObjectId> = (0..pages)
            .map(|_| {
                let mut page = Dictionary::new();
                page.set("Type", Object::Name(b"Page".to_vec()));
                page.set("Parent", Object::Reference(pages_id));
                doc.add_object(page)
            })
            .collect();
        let mut tree = Dictionary::new();
        tree.set("Type", Object::Name(b"Pages".to_vec()));
        tree.set(
            "Kids",
            Object::Array(kids.iter().map(|&k| Object::Reference(k)).collect()),
        );
        tree.set("Count", Object::Integer(pages as i64));
        tree.set(
            "MediaBox",
            Object::Array(vec![0.into(), 0.into(), 595.into(), 842.into()]),
        );
        doc.objects.insert(pages_id, Object::Dictionary(tree));
        let mut catalog = Dictionary::new();
        catalog.set("Type", Object::Name(b"Catalog".to_vec()));
        catalog.set("Pages", Object::Reference(pages_id));
        let catalog_id = doc.add_object(catalog);
        doc.trailer.set("Root", Object::Reference(catalog_id));
        (doc, kids)
    }

    fn dest(page: ObjectId) -> Object {
        Object::Array(vec![
            Object::Reference(page),
            Object::Name(b"XYZ".to_vec()),
            0.into(),
            800.into(),
            0.into(),
        ])
    }

    #[test]
    fn written_bookmarks_read_back_with_their_pages() {
        let (mut doc, pages) = blank_pdf(3);
        let marks = vec![
            Bookmark {
                dest: dest(pages[0]),
                ..bookmark("目录", 1)
            },
            Bookmark {
                dest: dest(pages[1]),
                ..bookmark("第一篇", 1)
            },
            Bookmark {
                dest: dest(pages[2]),
                ..bookmark("店长", 2)
            },
        ];
        let bytes = replace(&mut doc, &marks).unwrap();
        let read = read_pdf(&bytes).unwrap();
        let got: Vec<(&str, usize, u32)> = read
            .iter()
            .map(|e| (e.title.as_str(), e.level, e.page))
            .collect();
        assert_eq!(got, vec![("目录", 1, 1), ("第一篇", 1, 2), ("店长", 2, 3)]);
    }

    #[test]
    fn named_destinations_come_from_the_dests_dictionary_and_the_name_tree() {
        let (mut doc, pages) = blank_pdf(3);
        let mut dests = Dictionary::new();
        dests.set("role-dian-zhang", dest(pages[2]));
        let mut tree = Dictionary::new();
        tree.set(
            "Names",
            Object::Array(vec![Object::string_literal("contents"), dest(pages[1])]),
        );
        let mut names = Dictionary::new();
        names.set("Dests", Object::Dictionary(tree));
        let catalog = doc.catalog_mut().unwrap();
        catalog.set("Dests", Object::Dictionary(dests));
        catalog.set("Names", Object::Dictionary(names));
        let found = named_destinations(&doc).unwrap();
        assert_eq!(found["role-dian-zhang"].page, 3);
        assert_eq!(found["contents"].page, 2);
        assert_eq!(found.len(), 2);
    }

    #[test]
    fn a_pdf_without_outline_has_no_bookmarks() {
        let (mut doc, _) = blank_pdf(1);
        let mut bytes = Vec::new();
        doc.save_to(&mut bytes).unwrap();
        assert_eq!(read_pdf(&bytes).unwrap(), Vec::new());
    }
}

//! Incremental rebuilds (`handbook serve`): after each kind of edit the
//! output folder holds exactly the bytes a full build of the same content
//! writes, and a broken edit changes nothing.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use handbook::incremental::{Rebuilt, Session};
use handbook::model::Handbook;
use handbook::pipeline::{self, BuildOptions};

/// A generated handbook of three documents in a temporary folder.
struct Fixture {
    dir: tempfile::TempDir,
    session: Session,
}

impl Fixture {
    fn new() -> Fixture {
        let dir = tempfile::tempdir().expect("temp dir");
        let themes = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes");
        handbook::generate::write_handbook(&dir.path().join("site"), 250, &themes)
            .expect("generate");
        let mut fixture = Fixture {
            session: Session::new(options(dir.path(), "served")),
            dir,
        };
        let first = fixture.rebuild();
        assert!(first.full, "the first build is a full one");
        fixture
    }

    fn root(&self) -> PathBuf {
        self.dir.path().join("site")
    }

    fn rebuild(&mut self) -> Rebuilt {
        self.session
            .rebuild(&mut |_| {})
            .unwrap_or_else(|e| panic!("rebuild failed: {e}"))
    }

    fn handbook(&self) -> Handbook {
        pipeline::load(&self.root()).expect("content validates").1
    }

    /// A role file by its role id.
    fn role_file(&self, id: &str) -> PathBuf {
        let hb = self.handbook();
        let (doc, _) = hb
            .roles()
            .find(|(_, r)| r.id.as_str() == id)
            .expect("role exists");
        self.root()
            .join("content")
            .join(doc.id.as_str())
            .join(format!("{id}.md"))
    }

    fn edit(&self, path: &Path, from: &str, to: &str) {
        let text = fs::read_to_string(path).expect("read");
        assert!(text.contains(from), "{} has no {from:?}", path.display());
        fs::write(path, text.replacen(from, to, 1)).expect("write");
    }

    /// Compares the served folder with a full build of the same content.
    fn assert_same_as_full_build(&self, what: &str) {
        let full = self.dir.path().join("full");
        pipeline::build(&options(self.dir.path(), "full")).expect("full build");
        let (served, built) = (files(&self.dir.path().join("served")), files(&full));
        let paths = |m: &BTreeMap<PathBuf, Vec<u8>>| m.keys().cloned().collect::<Vec<_>>();
        assert_eq!(paths(&served), paths(&built), "{what}: the same files");
        for (path, bytes) in &built {
            assert!(served[path] == *bytes, "{what}: {} differs", path.display());
        }
    }
}

fn options(dir: &Path, out: &str) -> BuildOptions {
    BuildOptions {
        root: dir.join("site"),
        output: Some(dir.join(out)),
    }
}

fn files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).expect("inside").to_path_buf();
            (rel, fs::read(e.path()).expect("read"))
        })
        .collect()
}

/// A role with a superior in its document and no reports: nothing links to it.
fn leaf(hb: &Handbook) -> (String, String, String) {
    hb.roles()
        .filter(|(_, r)| r.direct_reports.is_empty() && r.depth > 1)
        .map(|(d, r)| (d.id.to_string(), r.id.to_string(), r.title.clone()))
        .nth(3)
        .expect("a leaf role")
}

#[test]
fn every_kind_of_edit_gives_the_bytes_of_a_full_build() {
    let mut f = Fixture::new();
    f.assert_same_as_full_build("first build");

    let hb = f.handbook();
    let boss = hb.documents[1].roles[0].id.to_string();
    let boss_file = f.role_file(&boss);
    f.edit(
        &boss_file,
        "---\n1. ",
        "---\n1. 新增的职责：审核季度预算。\n2. ",
    );
    // As `handbook serve` does, name the file its watcher saw change.
    let rebuilt = (f.session)
        .rebuild_after(Some(std::slice::from_ref(&boss_file)), &mut |_| {})
        .expect("rebuild");
    assert!(!rebuilt.full && rebuilt.written > 0, "{rebuilt:?}");
    f.assert_same_as_full_build("duties edited");

    let title = hb.documents[1].roles[0].title.clone();
    f.edit(
        &boss_file,
        &format!("title: \"{title}\""),
        "title: \"集团运营副总裁\"",
    );
    f.rebuild();
    f.assert_same_as_full_build("title changed");

    let (doc, leaf_id, _) = leaf(&f.handbook());
    let new_role = f.root().join("content").join(&doc).join("xin-gang-wei.md");
    let text = format!("---\ntitle: 新设岗位\nreports_to: {leaf_id}\n---\n1. 负责新业务。\n");
    fs::write(&new_role, text).expect("write");
    f.rebuild();
    f.assert_same_as_full_build("role added");

    f.edit(&new_role, "负责新业务", "负责新业务与新产品");
    let named = [new_role.clone(), f.root().join("content")];
    let rebuilt = (f.session)
        .rebuild_after(Some(&named), &mut |_| {})
        .expect("rebuild");
    assert!(
        rebuilt.written > 0,
        "a folder among the paths: every file is looked at"
    );
    f.assert_same_as_full_build("role edited, folder named");

    fs::remove_file(&new_role).expect("remove");
    let (_, other_leaf, _) = leaf(&f.handbook());
    fs::remove_file(f.role_file(&other_leaf)).expect("remove");
    f.rebuild();
    f.assert_same_as_full_build("roles removed");

    let index = f.root().join("content").join(&doc).join("_index.md");
    f.edit(&index, "source: \"", "source: \"修订版");
    f.rebuild();
    f.assert_same_as_full_build("document edited");

    // A role moves to another document; a page of a third one links to it.
    let hb = f.handbook();
    let (from_doc, mover, _) = leaf(&hb);
    let to_doc = hb
        .documents
        .iter()
        .find(|d| d.id.as_str() != from_doc)
        .expect("doc");
    let linking = f.role_file(hb.documents[2].roles[1].id.as_str());
    f.edit(
        &linking,
        "---\n1. ",
        &format!("---\n1. 配合[](role:{mover})。\n2. "),
    );
    f.rebuild();
    let old_file = f.role_file(&mover);
    let text = fs::read_to_string(&old_file).expect("read");
    let reports_to = text
        .lines()
        .find(|l| l.starts_with("reports_to:"))
        .expect("line");
    let moved = f
        .root()
        .join("content")
        .join(to_doc.id.as_str())
        .join(format!("{mover}.md"));
    fs::write(&moved, text.replace(reports_to, "reports_to: 总经理")).expect("write");
    fs::remove_file(&old_file).expect("remove");
    f.rebuild();
    f.assert_same_as_full_build("role moved to another document");

    let unchanged = f.rebuild();
    assert_eq!(unchanged.written, 0, "nothing changed, nothing written");
}

#[test]
fn a_broken_edit_changes_nothing_and_its_fix_rebuilds() {
    let mut f = Fixture::new();
    let served = f.dir.path().join("served");
    let before = files(&served);
    let (_, id, _) = leaf(&f.handbook());
    let file = f.role_file(&id);
    let good = fs::read_to_string(&file).expect("read");
    let reports_to = good
        .lines()
        .find(|l| l.starts_with("reports_to:"))
        .expect("reports_to");
    fs::write(&file, good.replace(reports_to, "reports_to: no-such-role")).expect("write");
    let error = f
        .session
        .rebuild(&mut |_| {})
        .expect_err("broken reports_to");
    assert!(error.to_string().contains("no-such-role"), "{error}");
    assert!(files(&served) == before, "the served site is untouched");

    fs::write(
        &file,
        good.replace("---\n1. ", "---\n1. 修好后的职责。\n2. "),
    )
    .expect("write");
    let rebuilt = f.rebuild();
    assert!(
        !rebuilt.full,
        "content edits stay incremental after an error"
    );
    f.assert_same_as_full_build("fixed");
}

#[test]
fn settings_and_theme_changes_rebuild_everything() {
    let mut f = Fixture::new();
    let config = f.root().join("handbook.yaml");
    let text = fs::read_to_string(&config).expect("read");
    fs::write(
        &config,
        text.replace(
            "variants: [zh-Hans, zh-Hant, zh-TW, zh-HK]",
            "variants: [zh-Hans, zh-TW]",
        ),
    )
    .expect("write");
    assert!(f.rebuild().full);
    f.assert_same_as_full_build("variants changed");

    let strings = f.root().join("themes/default/strings.yaml");
    let text = fs::read_to_string(&strings).expect("read");
    fs::write(&strings, format!("{text}\n")).expect("write");
    assert!(f.rebuild().full);
    f.assert_same_as_full_build("theme touched");
}

//! Incremental rebuilds (`handbook serve`): after each kind of edit the
//! output folder holds exactly the bytes a full build of the same content
//! writes, and a broken edit changes nothing.

use crate::fixture;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use fixture::copy_dir;
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
        let site = dir.path().join("site");
        handbook::generate::write_handbook(&site, 250).expect("generate");
        // A theme folder of its own, so that tests can edit its files.
        copy_dir(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default"),
            &site.join("themes/default"),
        );
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

    /// Rebuilds as `handbook serve` does, naming the paths its watcher saw.
    fn rebuild_named(&mut self, paths: &[PathBuf]) -> Rebuilt {
        self.session
            .rebuild_after(Some(paths), &mut |_| {})
            .unwrap_or_else(|e| panic!("rebuild failed: {e}"))
    }

    /// Adds a first duty to a role file.
    fn add_duty(&self, path: &Path, duty: &str) {
        self.edit(path, "---\n1. ", &format!("---\n1. {duty}\n2. "));
    }

    /// Sets a role file's title.
    fn retitle(&self, path: &Path, title: &str) {
        let text = fs::read_to_string(path).expect("read");
        let line = text
            .lines()
            .find(|l| l.starts_with("title:"))
            .expect("title line");
        fs::write(path, text.replacen(line, &format!("title: \"{title}\""), 1)).expect("write");
    }

    /// A page of the served site, in Simplified script.
    fn served_page(&self, doc: &str, role: &str) -> String {
        let path = self.dir.path().join("served/zh-hans").join(doc);
        fs::read_to_string(path.join(format!("{role}.html"))).expect("served page")
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
        force: false,
        compare_to: None,
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

/// Leaf roles of document `d` (see [`leaf`]), as (document, id, title).
fn leaves(hb: &Handbook, d: usize) -> Vec<(String, String, String)> {
    let doc = &hb.documents[d];
    (doc.roles.iter())
        .filter(|r| r.direct_reports.is_empty() && r.depth > 1)
        .map(|r| (doc.id.to_string(), r.id.to_string(), r.title.clone()))
        .collect()
}

#[test]
fn a_title_that_another_document_links_to() {
    let mut f = Fixture::new();
    let hb = f.handbook();
    let (_, target, title) = leaves(&hb, 0)[2].clone();
    let (doc, linking, _) = leaves(&hb, 2)[0].clone();
    let linking_file = f.role_file(&linking);
    // An empty link shows the title (written with an escape, which hides
    // it from a search of the text), a link with text does not; a mention
    // in another document is never linked.
    f.add_duty(
        &linking_file,
        &format!("配合[](role\\:{target})与[审核人](role:{target})，并告知{title}。"),
    );
    f.rebuild_named(std::slice::from_ref(&linking_file));
    f.assert_same_as_full_build("links to another document's role");

    let target_file = f.role_file(&target);
    f.retitle(&target_file, "集团质量稽核总监");
    let rebuilt = f.rebuild_named(std::slice::from_ref(&target_file));
    assert!(!rebuilt.full, "{rebuilt:?}");
    assert_eq!(
        rebuilt.validated, 2,
        "the role's document and the linking one"
    );
    assert!(f.served_page(&doc, &linking).contains("集团质量稽核总监"));
    f.assert_same_as_full_build("title of a linked role changed");

    // Back to the old title, through the watcher's paths of a save: an
    // editor's swap file, its backup and a temporary file, gone by now.
    f.retitle(&target_file, &title);
    let swap = target_file.with_file_name(".swap.md.swp");
    fs::write(&swap, "x").expect("write");
    let backup = target_file.with_extension("md~");
    fs::write(&backup, "x").expect("write");
    let temporary = target_file.with_file_name("4913");
    let rebuilt = f.rebuild_named(&[target_file.clone(), swap, backup, temporary]);
    assert!(!rebuilt.full, "the build reads no backup: {rebuilt:?}");
    assert_eq!(rebuilt.validated, 2, "{rebuilt:?}");
    assert!(!f.served_page(&doc, &linking).contains("集团质量稽核总监"));
    f.assert_same_as_full_build("title changed back");
}

#[test]
fn a_title_change_moves_title_links() {
    let mut f = Fixture::new();
    let hb = f.handbook();
    let own = leaves(&hb, 1);
    let (doc, renamed, old_title) = own[0].clone();
    let (_, gains, _) = own[1].clone();
    let (_, loses, _) = own[2].clone();
    let (other_doc, elsewhere, _) = leaves(&hb, 0)[0].clone();
    let new_title = "区域数据治理专员";
    // Mentions of the new title in the same document and in another one,
    // and of the old title in the same document.
    let files = [
        f.role_file(&gains),
        f.role_file(&loses),
        f.role_file(&elsewhere),
    ];
    f.add_duty(&files[0], &format!("定期向{new_title}报送数据。"));
    f.add_duty(&files[1], &format!("定期向{old_title}报送报表。"));
    f.add_duty(&files[2], &format!("定期向{new_title}报送数据。"));
    f.rebuild_named(&files);
    f.assert_same_as_full_build("mentions added");
    // A title link in the duties added above.
    let link = |title: &str| format!("{renamed}.html\">{title}</a>报送");
    assert!(f.served_page(&doc, &loses).contains(&link(&old_title)));
    assert!(!f.served_page(&doc, &gains).contains(&link(new_title)));

    let file = f.role_file(&renamed);
    f.retitle(&file, new_title);
    let rebuilt = f.rebuild_named(std::slice::from_ref(&file));
    // Title links stay inside a document: the other one needs no look.
    assert_eq!(rebuilt.validated, 1, "{rebuilt:?}");
    assert!(f.served_page(&doc, &gains).contains(&link(new_title)));
    assert!(!f.served_page(&doc, &loses).contains(&link(&old_title)));
    let plain = format!("定期向{new_title}报送数据");
    assert!(f.served_page(&other_doc, &elsewhere).contains(&plain));
    f.assert_same_as_full_build("the title link moved to the new mention");
}

#[test]
fn roles_added_and_removed_as_a_watcher_names_them() {
    let mut f = Fixture::new();
    // A role page template that shows its document's number of roles,
    // which the default theme's does not: such pages change when a role
    // comes or goes.
    let theme = f.root().join("themes/default/templates/role.html");
    let template = fs::read_to_string(theme).expect("read");
    let counted = "<h1>{{ role.title }}</h1><p class=\"count\">{{ role.document.role_count }}</p>";
    let overrides = f.root().join("templates");
    fs::create_dir_all(&overrides).expect("mkdir");
    let template = template.replacen("<h1>{{ role.title }}</h1>", counted, 1);
    fs::write(overrides.join("role.html"), template).expect("write");
    assert!(f.rebuild().full, "a template override rebuilds everything");
    let hb = f.handbook();
    let (doc, boss, _) = leaves(&hb, 1)[3].clone();
    let (_, mentions, _) = leaves(&hb, 1)[4].clone();
    let (_, elsewhere, _) = leaves(&hb, 2)[1].clone();
    let title = "数据治理专员";
    let files = [f.role_file(&mentions), f.role_file(&elsewhere)];
    for file in &files {
        f.add_duty(file, &format!("配合{title}整理数据。"));
    }
    f.rebuild_named(&files);

    // A new role whose title another role of its document mentions.
    let dir = f.root().join("content").join(&doc);
    let added = dir.join("a-shu-ju-zhi-li.md");
    let text = format!("---\ntitle: {title}\nreports_to: {boss}\n---\n1. 负责数据治理。\n");
    fs::write(&added, text).expect("write");
    let rebuilt = f.rebuild_named(std::slice::from_ref(&added));
    assert!(!rebuilt.full, "{rebuilt:?}");
    assert_eq!(rebuilt.validated, 1, "only the role's document");
    assert!(f
        .served_page(&doc, &mentions)
        .contains("a-shu-ju-zhi-li.html"));
    let count = hb.documents[1].roles.len() + 1;
    let shown = format!("<p class=\"count\">{count}</p>");
    let (_, unrelated, _) = leaves(&hb, 1)[7].clone();
    assert!(f.served_page(&doc, &unrelated).contains(&shown));
    f.assert_same_as_full_build("role added");

    // Another new role, sorted last, edited right after it was made.
    let last = dir.join("zz-xin-gang-wei.md");
    fs::write(&last, "---\ntitle: 新设岗位\n---\n1. 负责新业务。\n").expect("write");
    f.edit(&last, "新业务", "新业务与新产品");
    f.rebuild_named(&[last.clone(), last.clone()]);
    f.assert_same_as_full_build("second role added");

    fs::remove_file(&added).expect("remove");
    let rebuilt = f.rebuild_named(std::slice::from_ref(&added));
    assert_eq!(rebuilt.validated, 1, "{rebuilt:?}");
    f.assert_same_as_full_build("role removed");

    // A file made and removed between two rebuilds.
    let brief = dir.join("lin-shi.md");
    let rebuilt = f.rebuild_named(std::slice::from_ref(&brief));
    assert_eq!(rebuilt.written, 0, "{rebuilt:?}");

    // A new document folder is read with everything else.
    let new_doc = f.root().join("content/00009-xin-bu-men");
    fs::create_dir(&new_doc).expect("mkdir");
    let index = "---\ntitle: 新部门\norganization: 总部\nindustry: 零售\nsource: 第9篇\n---\n";
    fs::write(new_doc.join("_index.md"), index).expect("write");
    let rebuilt = f.rebuild_named(&[new_doc.join("_index.md")]);
    assert_eq!(rebuilt.validated, 4, "{rebuilt:?}");
    f.assert_same_as_full_build("document added");
}

#[test]
fn a_removed_role_that_is_linked_and_a_link_to_a_role_not_made_yet() {
    let mut f = Fixture::new();
    let served = f.dir.path().join("served");
    let hb = f.handbook();
    let (doc, linked, _) = leaves(&hb, 0)[1].clone();
    let (_, linking, _) = leaves(&hb, 2)[2].clone();
    let linking_file = f.role_file(&linking);
    f.add_duty(&linking_file, &format!("配合[](role:{linked})工作。"));
    f.rebuild_named(std::slice::from_ref(&linking_file));

    let linked_file = f.role_file(&linked);
    let text = fs::read_to_string(&linked_file).expect("read");
    fs::remove_file(&linked_file).expect("remove");
    let before = files(&served);
    let error = (f.session)
        .rebuild_after(Some(std::slice::from_ref(&linked_file)), &mut |_| {})
        .expect_err("a link to a removed role");
    assert!(error.to_string().contains(&linked), "{error}");
    assert!(files(&served) == before, "the served site is untouched");
    // The role comes back; the watcher names only that file.
    fs::write(&linked_file, &text).expect("write");
    f.rebuild_named(std::slice::from_ref(&linked_file));
    f.assert_same_as_full_build("linked role back");

    // A link to a role not made yet fails; making the role, which is all
    // the watcher names next, brings the link in.
    let future = format!("{doc}/wei-lai-gang-wei");
    f.add_duty(&linking_file, "协助[](role:wei-lai-gang-wei)。");
    let error = (f.session)
        .rebuild_after(Some(std::slice::from_ref(&linking_file)), &mut |_| {})
        .expect_err("a link to a missing role");
    assert!(error.to_string().contains("wei-lai-gang-wei"), "{error}");
    let made = f.root().join("content").join(format!("{future}.md"));
    fs::write(&made, "---\ntitle: 未来岗位\n---\n1. 负责未来业务。\n").expect("write");
    let rebuilt = f.rebuild_named(std::slice::from_ref(&made));
    assert_eq!(rebuilt.validated, 2, "{rebuilt:?}");
    assert!(f
        .served_page(&f.handbook().documents[2].id.to_string(), &linking)
        .contains("未来岗位"));
    f.assert_same_as_full_build("link to a role made later");
}

/// `handbook serve --full`: every rebuild is a full one, and its output the
/// same as any full build's.
#[test]
fn a_session_told_to_rebuild_fully_always_does() {
    let mut f = Fixture::new();
    let out = |dir: &Path| options(dir, "served");
    f.session = Session::new(out(f.dir.path())).always_full();
    let hb = f.handbook();
    let file = f.role_file(&hb.documents[0].roles[0].id.to_string());
    for duty in ["第一次修改的职责。", "第二次修改的职责。"] {
        f.add_duty(&file, duty);
        let rebuilt = f.rebuild_named(std::slice::from_ref(&file));
        assert!(rebuilt.full, "a full rebuild after {duty}");
        f.assert_same_as_full_build(duty);
    }
}

/// A small deterministic generator, so a failing sequence can be replayed
/// from the seed the test prints (`HANDBOOK_EDIT_SEED`).
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: usize) -> usize {
        self.0 = (self.0)
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n.max(1) as u64) as usize
    }
}

/// Random sequences of every kind of edit an author makes, each followed by
/// a rebuild (told the changed paths, or not, as a watcher may lose track),
/// and each result compared byte for byte with a full build.
#[test]
fn random_edit_sequences_give_the_bytes_of_a_full_build() {
    let seed = std::env::var("HANDBOOK_EDIT_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20261202);
    eprintln!("HANDBOOK_EDIT_SEED={seed}");
    let mut rng = Lcg(seed);
    let mut f = Fixture::new();
    let mut added_roles: Vec<PathBuf> = Vec::new();
    let mut added_docs: Vec<PathBuf> = Vec::new();
    for step in 0..16 {
        // A role added to a document that was removed since went with it.
        added_roles.retain(|p| p.exists());
        let hb = f.handbook();
        let doc = &hb.documents[rng.below(hb.documents.len())];
        let role = &doc.roles[rng.below(doc.roles.len())];
        let docs_dir = f.root().join("content");
        let file = docs_dir
            .join(doc.id.as_str())
            .join(format!("{}.md", role.id));
        let (what, changed): (String, Vec<PathBuf>) = match rng.below(9) {
            0 => {
                f.retitle(&file, &format!("变更岗位{step}"));
                (format!("retitle {}", role.id), vec![file])
            }
            1 => {
                f.add_duty(&file, &format!("第{step}次新增的职责。"));
                (format!("duty for {}", role.id), vec![file])
            }
            2 if role.depth > 0 => {
                let top = &doc.roles[0].id;
                let text = fs::read_to_string(&file).expect("read");
                let line = text
                    .lines()
                    .find(|l| l.starts_with("reports_to:"))
                    .expect("superior");
                let moved = text.replacen(line, &format!("reports_to: {top}"), 1);
                fs::write(&file, moved).expect("write");
                (format!("move {} under {top}", role.id), vec![file])
            }
            3 => {
                let new = docs_dir
                    .join(doc.id.as_str())
                    .join(format!("xin-gang-wei-{step}.md"));
                let top = &doc.roles[0].id;
                let text = format!(
                    "---\ntitle: 新增岗位{step}\nreports_to: {top}\n---\n1. 新岗位的职责。\n"
                );
                fs::write(&new, text).expect("write");
                added_roles.push(new.clone());
                (format!("add a role to {}", doc.id), vec![new])
            }
            4 if !added_roles.is_empty() => {
                let gone = added_roles.remove(rng.below(added_roles.len()));
                fs::remove_file(&gone).expect("remove");
                (format!("remove {}", gone.display()), vec![gone])
            }
            5 => {
                let dir = docs_dir.join(format!("99-xin-wen-jian-{step}"));
                let index = "---\ntitle: 新增文件\norganization: 某公司\nindustry: 零售\nsource: 第九十九篇\nexternal_superiors: [总经理]\n---\n1. 部门职责。\n";
                fs::create_dir_all(&dir).expect("folder");
                fs::write(dir.join("_index.md"), index).expect("write");
                let role = "---\ntitle: 新文件主管\nreports_to: 总经理\n---\n1. 主管的职责。\n";
                let head = dir.join(format!("zhu-guan-{step}.md"));
                fs::write(&head, role).expect("write");
                added_docs.push(dir.clone());
                (
                    "add a document".to_string(),
                    vec![dir.join("_index.md"), head],
                )
            }
            6 if !added_docs.is_empty() => {
                let gone = added_docs.remove(rng.below(added_docs.len()));
                fs::remove_dir_all(&gone).expect("remove");
                (format!("remove {}", gone.display()), vec![gone])
            }
            7 => {
                let glossary = docs_dir.join("glossary.yaml");
                let old = fs::read_to_string(&glossary).unwrap_or_default();
                let entry = format!("\n- phrase: {}\n  note: 第{step}步加的。\n", role.title);
                fs::write(&glossary, old + &entry).expect("write");
                (format!("glossary keeps {}", role.title), vec![glossary])
            }
            _ => {
                let css = f.root().join("themes/default/static/style.css");
                let old = fs::read_to_string(&css).expect("theme");
                fs::write(&css, format!("{old}\n/* 第{step}步 */\n")).expect("write");
                ("theme file".to_string(), vec![css])
            }
        };
        let rebuilt = match rng.below(3) {
            0 => f.session.rebuild(&mut |_| {}),
            _ => f.session.rebuild_after(Some(&changed), &mut |_| {}),
        };
        rebuilt.unwrap_or_else(|e| panic!("step {step}, {what}: {e}"));
        f.assert_same_as_full_build(&format!("step {step}, {what} (seed {seed})"));
    }
}

//! `handbook import` on the seed: structure, inferences, the report, safety
//! (no overwrite), determinism, and agreement with the committed `content/`.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use handbook::convert::{Converter, OpenccConfig};
use handbook::import::{
    import_file, import_files, remove_pinyin_annotations, EntryKind, ImportError, ImportOptions,
    ImportReport, UNREADABLE_MARK,
};
use serde::Deserialize;

const SEED: &str = "tests/fixtures/seed.txt";

fn seed() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(SEED)
}

fn committed_content() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("content")
}

fn import_seed(into: &Path) -> ImportReport {
    import_file(&seed(), into, &ImportOptions::default()).expect("the seed imports")
}

/// The content format's front matter (docs/content-format.md), strictly.
#[derive(Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
struct DocumentMeta {
    title: String,
    organization: String,
    industry: String,
    source: String,
    #[serde(default)]
    summary: String,
    #[serde(default)]
    external_superiors: Vec<String>,
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
struct RoleMeta {
    title: String,
    reports_to: Option<String>,
    weight: Option<i64>,
    department: Option<String>,
    code: Option<String>,
    grade: Option<String>,
    headcount: Option<String>,
    location: Option<String>,
    #[serde(default)]
    purpose: Vec<ListItem>,
    #[serde(default)]
    key_responsibility: Vec<ListItem>,
    #[serde(default)]
    authority: Vec<ListItem>,
    #[serde(default)]
    internal_relations: Vec<ListItem>,
    #[serde(default)]
    external_relations: Vec<ListItem>,
    #[serde(default)]
    qualifications: Vec<ListItem>,
    #[serde(default)]
    environment: Vec<ListItem>,
    #[serde(default)]
    kpis: Vec<ListItem>,
    #[serde(default)]
    career: Vec<ListItem>,
    #[serde(default)]
    sections: Vec<SectionMeta>,
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
struct SectionMeta {
    label: String,
    after: Option<String>,
    #[serde(default)]
    items: Vec<ListItem>,
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(untagged)]
enum ListItem {
    Text(String),
    Nested {
        text: String,
        #[serde(default)]
        items: Vec<ListItem>,
    },
}

impl ListItem {
    fn text(&self) -> &str {
        match self {
            ListItem::Text(text) | ListItem::Nested { text, .. } => text,
        }
    }
}

/// Front matter and body of a content file.
/// `handbook import <source> --into <into> <args>`, run.
fn import_command(source: &Path, into: &Path, args: &[&str]) -> std::process::Output {
    crate::handbook_command()
        .arg("import")
        .args(args)
        .arg("--into")
        .arg(into)
        .arg(source)
        .output()
        .expect("run handbook import")
}

fn split_front_matter(text: &str) -> (&str, &str) {
    let rest = text
        .strip_prefix("---\n")
        .expect("front matter starts the file");
    let end = rest.find("\n---\n").expect("front matter ends");
    (&rest[..end + 1], &rest[end + 5..])
}

fn read_meta<M: for<'de> Deserialize<'de>>(path: &Path) -> M {
    let text = fs::read_to_string(path).expect("readable");
    let (yaml, _) = split_front_matter(&text);
    serde_yaml::from_str(yaml).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn read_body(path: &Path) -> String {
    let text = fs::read_to_string(path).expect("readable");
    split_front_matter(&text).1.to_string()
}

/// A content folder read back: documents by id, each with its meta and roles
/// by id.
struct Content {
    documents: BTreeMap<String, (DocumentMeta, BTreeMap<String, RoleMeta>)>,
}

fn read_content(dir: &Path) -> Content {
    let mut documents = BTreeMap::new();
    for entry in fs::read_dir(dir).expect("content folder") {
        let path = entry.expect("entry").path();
        if !path.is_dir() {
            continue;
        }
        let doc_id = path.file_name().unwrap().to_string_lossy().into_owned();
        let meta: DocumentMeta = read_meta(&path.join("_index.md"));
        let mut roles = BTreeMap::new();
        for role in fs::read_dir(&path).expect("document folder") {
            let role = role.expect("entry").path();
            let name = role.file_name().unwrap().to_string_lossy().into_owned();
            if let Some(id) = name.strip_suffix(".md").filter(|id| *id != "_index") {
                roles.insert(id.to_string(), read_meta::<RoleMeta>(&role));
            }
        }
        documents.insert(doc_id, (meta, roles));
    }
    Content { documents }
}

impl Content {
    fn role(&self, doc: &str, id: &str) -> &RoleMeta {
        self.documents[doc]
            .1
            .get(id)
            .unwrap_or_else(|| panic!("{doc}/{id}.md exists"))
    }

    fn reporting_lines(&self) -> BTreeMap<String, Option<String>> {
        self.documents
            .iter()
            .flat_map(|(doc, (_, roles))| {
                roles
                    .iter()
                    .map(move |(id, meta)| (format!("{doc}/{id}"), meta.reports_to.clone()))
            })
            .collect()
    }
}

/// Every file under `dir`, by relative path, with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(current) = stack.pop() {
        for entry in fs::read_dir(&current).expect("folder") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let bytes = fs::read(&path).expect("file");
                files.insert(path.strip_prefix(dir).unwrap().to_path_buf(), bytes);
            }
        }
    }
    files
}

const DOCUMENTS: [&str; 5] = [
    "01-property-operations",
    "02-store-operations",
    "03-catering-operations",
    "04-womenswear-operations",
    "05-platform-operations",
];

#[test]
fn imports_five_documents_with_their_roles() {
    let dir = tempfile::tempdir().unwrap();
    let report = import_seed(dir.path());
    assert_eq!(report.documents, 5);
    assert_eq!(report.roles, 18);
    let content = read_content(dir.path());
    let ids: Vec<&str> = content.documents.keys().map(String::as_str).collect();
    assert_eq!(ids, DOCUMENTS);
    let counts: Vec<usize> = content
        .documents
        .values()
        .map(|(_, roles)| roles.len())
        .collect();
    assert_eq!(counts, [2, 0, 0, 4, 12]);
    let sources: Vec<&str> = content
        .documents
        .values()
        .map(|(m, _)| m.source.as_str())
        .collect();
    assert_eq!(sources, ["第一篇", "第二篇", "第三篇", "第四篇", "第五篇"]);
    assert_eq!(report.written.len(), 5 + 18);
}

#[test]
fn role_ids_are_pinyin_of_simplified_titles() {
    let dir = tempfile::tempdir().unwrap();
    import_seed(dir.path());
    let content = read_content(dir.path());
    assert_eq!(
        content
            .role("04-womenswear-operations", "yun-ying-zong-jian")
            .title,
        "运营总监"
    );
    assert_eq!(
        content
            .role("01-property-operations", "yun-ying-bu-bu-zhang")
            .title,
        "运营部部长"
    );
    let weights: Vec<Option<i64>> = [
        "yun-ying-zong-jian",
        "yun-ying-qu-zhang",
        "dian-zhang",
        "dao-gou",
    ]
    .iter()
    .map(|id| content.role("04-womenswear-operations", id).weight)
    .collect();
    assert_eq!(weights, [Some(1), Some(2), Some(3), Some(4)]);
}

#[test]
fn infers_reporting_lines() {
    let dir = tempfile::tempdir().unwrap();
    import_seed(dir.path());
    let content = read_content(dir.path());
    let expected = [
        ("01-property-operations/yun-ying-bu-bu-zhang", "总经理"),
        (
            "01-property-operations/yun-ying-bu-zhu-guan",
            "yun-ying-bu-bu-zhang",
        ),
        ("04-womenswear-operations/yun-ying-zong-jian", "总经理"),
        (
            "04-womenswear-operations/yun-ying-qu-zhang",
            "yun-ying-zong-jian",
        ),
        ("04-womenswear-operations/dian-zhang", "yun-ying-qu-zhang"),
        ("04-womenswear-operations/dao-gou", "dian-zhang"),
        ("05-platform-operations/shou-xi-yun-ying-guan", "总经理"),
        (
            "05-platform-operations/shi-chang-tuo-zhan-zhu-guan",
            "shou-xi-yun-ying-guan",
        ),
        (
            "05-platform-operations/ke-fu-zhu-guan",
            "shou-xi-yun-ying-guan",
        ),
        (
            "05-platform-operations/ye-wu-pei-xun-zhu-guan",
            "shou-xi-yun-ying-guan",
        ),
        (
            "05-platform-operations/ce-hua-ji-tui-guang-zhu-guan",
            "shou-xi-yun-ying-guan",
        ),
        (
            "05-platform-operations/qu-dao-tuo-zhan-zhuan-yuan",
            "shi-chang-tuo-zhan-zhu-guan",
        ),
        ("05-platform-operations/ke-fu-zhuan-yuan", "ke-fu-zhu-guan"),
        (
            "05-platform-operations/xian-shang-tui-guang-zhuan-yuan",
            "ce-hua-ji-tui-guang-zhu-guan",
        ),
        (
            "05-platform-operations/xian-shang-tui-guang-ji-shu-zhi-chi",
            "ce-hua-ji-tui-guang-zhu-guan",
        ),
        (
            "05-platform-operations/she-ji-zhuan-yuan",
            "ce-hua-ji-tui-guang-zhu-guan",
        ),
        (
            "05-platform-operations/wen-an-zhuan-yuan",
            "ce-hua-ji-tui-guang-zhu-guan",
        ),
        (
            "05-platform-operations/ren-yuan-ji-ye-wu-guan-li-zhuan-yuan",
            "ce-hua-ji-tui-guang-zhu-guan",
        ),
    ];
    let expected: BTreeMap<String, Option<String>> = expected
        .iter()
        .map(|(role, superior)| (role.to_string(), Some(superior.to_string())))
        .collect();
    assert_eq!(content.reporting_lines(), expected);
    for doc in [
        "01-property-operations",
        "04-womenswear-operations",
        "05-platform-operations",
    ] {
        assert_eq!(
            content.documents[doc].0.external_superiors,
            ["总经理"],
            "{doc}"
        );
    }
    for doc in ["02-store-operations", "03-catering-operations"] {
        assert!(
            content.documents[doc].0.external_superiors.is_empty(),
            "{doc}"
        );
    }
}

#[test]
fn every_inference_names_its_seed_line() {
    let dir = tempfile::tempdir().unwrap();
    let report = import_seed(dir.path());
    let inferred: BTreeMap<usize, &str> = (report.entries.iter())
        .filter(|e| matches!(e.kind, EntryKind::Inferred | EntryKind::Guessed))
        .map(|e| {
            (
                e.line.expect("an inference names its line"),
                e.message.as_str(),
            )
        })
        .collect();
    // Every role is summed up once, saying how its title was found.
    let read: Vec<&str> = (report.entries_of(EntryKind::Read))
        .map(|e| e.message.as_str())
        .collect();
    assert_eq!(read.len(), report.roles);
    assert!(
        read.iter().any(|m| m.contains("店长 (title guessed)")),
        "{read:?}"
    );
    assert!(
        read.iter().any(|m| m.contains("(title stated)")),
        "{read:?}"
    );
    // Titles taken from another role's 直接下级 list are guesses.
    let guessed: Vec<usize> = report.lines_of(EntryKind::Guessed);
    assert!(
        guessed.contains(&155) && guessed.contains(&189),
        "{guessed:?}"
    );
    assert!(!report.lines_of(EntryKind::Inferred).contains(&155));
    assert!(inferred[&155].contains("店长"), "{}", inferred[&155]);
    assert!(inferred[&189].contains("导购"), "{}", inferred[&189]);
    assert!(inferred[&18].contains("总经理"), "{}", inferred[&18]);
    assert!(inferred[&46].contains("运营部部长"), "{}", inferred[&46]);
    assert!(inferred[&208].contains("总经理"), "{}", inferred[&208]);
    assert!(
        inferred[&79].contains("河北天喜餐饮管理集团"),
        "{}",
        inferred[&79]
    );
    // One entry per 第五篇 role placed by rank and position.
    for line in [220, 233, 240, 254, 264, 274, 284, 292, 302, 309, 317] {
        assert!(inferred.contains_key(&line), "no inference at line {line}");
    }
}

#[test]
fn infers_titles_of_roles_without_a_heading() {
    let dir = tempfile::tempdir().unwrap();
    import_seed(dir.path());
    let content = read_content(dir.path());
    assert_eq!(
        content.role("04-womenswear-operations", "dian-zhang").title,
        "店长"
    );
    assert_eq!(
        content.role("04-womenswear-operations", "dao-gou").title,
        "导购"
    );
}

#[test]
fn detects_organization_and_industry() {
    let dir = tempfile::tempdir().unwrap();
    import_seed(dir.path());
    let content = read_content(dir.path());
    let metas: Vec<(&str, &str)> = content
        .documents
        .values()
        .map(|(m, _)| (m.organization.as_str(), m.industry.as_str()))
        .collect();
    assert_eq!(
        metas,
        [
            ("某物业管理公司", "物业管理"),
            ("某连锁门店企业", "连锁零售"),
            ("河北天喜餐饮管理集团", "餐饮"),
            ("某女装品牌", "女装零售"),
            ("某互联网平台公司", "互联网平台"),
        ]
    );
}

#[test]
fn removes_every_pinyin_annotation() {
    let dir = tempfile::tempdir().unwrap();
    let report = import_seed(dir.path());
    assert_eq!(report.pinyin_annotations, 450);
    assert_eq!(report.pinyin_distinct.len(), 23);
    for (path, bytes) in snapshot(dir.path()) {
        let text = String::from_utf8(bytes).unwrap();
        let (_, left) = remove_pinyin_annotations(&text);
        assert!(left.is_empty(), "{}: {left:?}", path.display());
    }
    assert_eq!(
        report.lines_of(EntryKind::Repaired),
        [37],
        "the stray space in 经 验"
    );
}

#[test]
fn reports_unreadable_lines_instead_of_copying_them() {
    let dir = tempfile::tempdir().unwrap();
    let report = import_seed(dir.path());
    assert_eq!(report.lines_of(EntryKind::Unreadable), [121, 170]);
    let shown = report.to_string();
    assert!(shown.contains("seed.txt:121: unreadable: "), "{shown}");
    assert!(shown.contains("seed.txt:170: unreadable: "), "{shown}");
    let director = fs::read_to_string(
        dir.path()
            .join("04-womenswear-operations/yun-ying-zong-jian.md"),
    )
    .unwrap();
    assert!(
        director.contains(&format!("{UNREADABLE_MARK}历以上")),
        "{director}"
    );
    for garbled in ["??", "葘", "shù", "{"] {
        let all: String = snapshot(dir.path())
            .into_values()
            .map(|b| String::from_utf8(b).unwrap())
            .collect();
        assert!(!all.contains(garbled), "{garbled} copied into the output");
    }
}

#[test]
fn reports_numbering_gaps() {
    let dir = tempfile::tempdir().unwrap();
    let report = import_seed(dir.path());
    assert_eq!(report.lines_of(EntryKind::NumberingGap), [313]);
    // 第二篇 and 第三篇 hold department duties and no role; 呈交行运营负责人
    // and 上报运营长 name no role; 人员及业务管理专员 shares 业务 with a 主管
    // other than the one its position gives.
    assert_eq!(report.lines_of(EntryKind::Dubious), [67, 78, 269, 280, 317]);
    let body = read_body(
        &dir.path()
            .join("05-platform-operations/wen-an-zhuan-yuan.md"),
    );
    let numbers: Vec<&str> = body
        .lines()
        .filter_map(|l| l.split_once(". ").map(|(n, _)| n))
        .collect();
    assert_eq!(
        numbers,
        ["1", "2", "3", "5", "6", "7", "8"],
        "the gap stays visible"
    );
}

/// Half-width punctuation after Chinese text is written full-width, counted
/// in the report, and nowhere left in the seed's import; numbers keep
/// theirs.
#[test]
fn half_width_punctuation_is_written_full_width() {
    let dir = tempfile::tempdir().unwrap();
    let report = import_seed(&dir.path().join("content"));
    assert!(report.punctuation > 200, "{}", report.punctuation);
    let shown = report.to_string();
    assert!(
        shown.contains(&format!(
            "repaired: made {} half-width punctuation marks",
            report.punctuation
        )),
        "{shown}"
    );
    let content = handbook::content::load(dir.path()).expect("the import loads");
    let raw = handbook::check::punctuation_fixes(&content);
    assert!(
        raw.is_empty(),
        "left half-width: {:?}",
        raw.iter().map(|f| &f.0).collect::<Vec<_>>()
    );
    let text = std::fs::read_to_string(
        dir.path()
            .join("content/01-property-operations/yun-ying-bu-bu-zhang.md"),
    )
    .unwrap();
    assert!(text.contains("具备5-8年"), "{text}");
}

#[test]
fn splits_run_on_lines() {
    let dir = tempfile::tempdir().unwrap();
    let report = import_seed(dir.path());
    assert_eq!(
        report.lines_of(EntryKind::Split),
        [31, 34, 36, 42, 43, 44, 52, 59, 61, 202]
    );
    let content = read_content(dir.path());
    let head = content.role("01-property-operations", "yun-ying-bu-bu-zhang");
    assert_eq!(head.authority.len(), 3);
    let qualifications: Vec<&str> = head.qualifications.iter().map(ListItem::text).collect();
    assert_eq!(qualifications.len(), 5, "{qualifications:?}");
    assert!(qualifications[0].starts_with("教育背景"));
    assert_eq!(qualifications[1], "条件：男女不限，30-50岁");
    assert!(qualifications[2].starts_with("培训经历"));
    assert!(
        qualifications[3].starts_with("经验：具备5-8年"),
        "{}",
        qualifications[3]
    );
    match &head.qualifications[4] {
        ListItem::Nested { text, items } => {
            assert_eq!(text, "技能技巧：");
            assert_eq!(items.len(), 9);
        }
        other => panic!("技能技巧 has no sub-items: {other:?}"),
    }
    let duties = read_body(
        &dir.path()
            .join("01-property-operations/yun-ying-bu-bu-zhang.md"),
    );
    assert!(
        duties.ends_with("16. 完成总经理临时交办的工作。\n"),
        "{duties}"
    );
    let deputy = content.role("01-property-operations", "yun-ying-bu-zhu-guan");
    let texts: Vec<&str> = deputy.qualifications.iter().map(ListItem::text).collect();
    assert_eq!(texts.len(), 8);
    assert!(texts[2].starts_with("5年以上"), "{}", texts[2]);
    let guide = read_body(&dir.path().join("04-womenswear-operations/dao-gou.md"));
    assert!(guide.contains("   3. 保证所有出样货品"), "{guide}");
}

#[test]
fn writes_nested_duties_as_an_indented_list() {
    let dir = tempfile::tempdir().unwrap();
    import_seed(dir.path());
    let body = read_body(
        &dir.path()
            .join("04-womenswear-operations/yun-ying-qu-zhang.md"),
    );
    assert!(
        body.starts_with("1. 负责所辖区域店铺综合管理。\n   1. 负责所辖区域销售规划及策略"),
        "{body}"
    );
}

#[test]
fn never_overwrites_without_force() {
    let dir = tempfile::tempdir().unwrap();
    import_seed(dir.path());
    // The document's `_index.md` says which file it came from; its role
    // files are plain.
    let edited = dir
        .path()
        .join("01-property-operations/yun-ying-bu-bu-zhang.md");
    fs::write(&edited, "edited by hand\n").unwrap();
    let second = dir
        .path()
        .join("05-platform-operations/wen-an-zhuan-yuan.md");
    fs::remove_file(&second).unwrap();
    let err = import_file(&seed(), dir.path(), &ImportOptions::default()).unwrap_err();
    match &err {
        ImportError::Exists { path } => assert!(path.starts_with(dir.path()), "{path:?}"),
        other => panic!("expected Exists, got {other}"),
    }
    assert_eq!(fs::read_to_string(&edited).unwrap(), "edited by hand\n");
    assert!(!second.exists(), "nothing is written when one file exists");
    import_file(
        &seed(),
        dir.path(),
        &ImportOptions {
            force: true,
            ..Default::default()
        },
    )
    .unwrap();
    assert!(fs::read_to_string(&edited)
        .unwrap()
        .starts_with("---\ntitle: "));
    assert!(second.exists());
}

#[test]
fn imports_are_byte_identical() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let report_a = import_seed(a.path());
    let report_b = import_seed(b.path());
    assert_eq!(snapshot(a.path()), snapshot(b.path()));
    assert_eq!(report_a.entries, report_b.entries);
    for bytes in snapshot(a.path()).values() {
        assert!(!bytes.contains(&b'\r'));
        assert!(bytes.ends_with(b"\n"));
    }
}

/// Every non-empty seed line ends up in the output (repaired), or is reported
/// unreadable. A line is cut into word runs at punctuation; each run must
/// occur in the output, once structural keywords (职责描述, 直接上级 …),
/// which become front-matter keys and sections, are taken out.
#[test]
fn nothing_in_the_seed_is_dropped() {
    const KEYWORDS: &[&str] = &[
        "岗位关键职责",
        "岗位职责",
        "职责描述",
        "岗位权限",
        "任职条件",
        "任职要求",
        "直接上级",
        "直接下级",
        "职责",
    ];
    let dir = tempfile::tempdir().unwrap();
    let report = import_seed(dir.path());
    let unreadable = report.lines_of(EntryKind::Unreadable);
    let output: String = snapshot(dir.path())
        .into_values()
        .map(|b| String::from_utf8(b).unwrap().replace('\\', ""))
        .collect();
    let t2s = Converter::new(OpenccConfig::T2s);
    let seed = fs::read_to_string(seed()).unwrap();
    let mut missing = Vec::new();
    for (i, raw) in seed.lines().enumerate() {
        let number = i + 1;
        if raw.trim().is_empty() || unreadable.contains(&number) {
            continue;
        }
        let text = t2s.convert(&remove_pinyin_annotations(raw).0);
        let runs = text.split(|c: char| !(c.is_alphanumeric() || c == '-'));
        for run in runs.filter(|r| r.chars().count() >= 2 && !r.chars().all(|c| c.is_ascii_digit()))
        {
            let words = KEYWORDS
                .iter()
                .fold(run.to_string(), |s, k| s.replace(k, " "));
            let found = output.contains(run)
                || words
                    .split(' ')
                    .filter(|w| w.chars().count() >= 2)
                    .all(|w| output.contains(w));
            if !found {
                missing.push(format!("seed.txt:{number}: `{run}`"));
            }
        }
    }
    assert!(missing.is_empty(), "dropped:\n{}", missing.join("\n"));
}

#[test]
fn the_report_reads_path_line_kind_message() {
    let dir = tempfile::tempdir().unwrap();
    let report = import_seed(dir.path());
    let shown = report.to_string();
    let prefix = format!("{}:", seed().display());
    for line in shown.lines() {
        assert!(line.starts_with(&prefix), "{line}");
    }
    assert!(
        shown.contains(":313: numbering-gap: 文案专员 duties: 3 is followed by 5"),
        "{shown}"
    );
    assert!(shown.contains(":37: repaired: "), "{shown}");
}

/// The committed content/ is this import plus the hand repairs listed in
/// content/REPAIRS.yaml: same documents, titles, ids and reporting lines.
#[test]
fn committed_content_matches_the_import() {
    let dir = tempfile::tempdir().unwrap();
    import_seed(dir.path());
    let fresh = read_content(dir.path());
    let committed = read_content(&committed_content());
    assert_eq!(outline(&committed), outline(&fresh));
}

/// A document's id, title and external superiors, and its roles' ids, titles
/// and superiors.
#[derive(Debug, PartialEq)]
struct DocOutline {
    id: String,
    title: String,
    external_superiors: Vec<String>,
    roles: Vec<(String, String, Option<String>)>,
}

fn outline(content: &Content) -> Vec<DocOutline> {
    content
        .documents
        .iter()
        .map(|(id, (meta, roles))| DocOutline {
            id: id.clone(),
            title: meta.title.clone(),
            external_superiors: meta.external_superiors.clone(),
            roles: roles
                .iter()
                .map(|(rid, r)| (rid.clone(), r.title.clone(), r.reports_to.clone()))
                .collect(),
        })
        .collect()
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Repair {
    file: PathBuf,
    seed_line: usize,
    find: String,
    replace: String,
    why: String,
}

fn repairs() -> Vec<Repair> {
    let text =
        fs::read_to_string(committed_content().join("REPAIRS.yaml")).expect("content/REPAIRS.yaml");
    serde_yaml::from_str(&text).expect("REPAIRS.yaml parses")
}

#[test]
fn committed_content_has_its_repairs_applied() {
    let dir = tempfile::tempdir().unwrap();
    let report = import_seed(dir.path());
    let repairs = repairs();
    let lines: Vec<usize> = repairs.iter().map(|r| r.seed_line).collect();
    assert_eq!(
        lines,
        report.lines_of(EntryKind::Unreadable),
        "one repair per unreadable line"
    );
    for repair in &repairs {
        let fresh = fs::read_to_string(dir.path().join(&repair.file)).unwrap();
        assert!(
            fresh.contains(&repair.find),
            "{}: `{}` not in a fresh import",
            repair.file.display(),
            repair.find
        );
        let committed = fs::read_to_string(committed_content().join(&repair.file)).unwrap();
        assert_eq!(
            committed,
            fresh.replacen(&repair.find, &repair.replace, 1),
            "{}",
            repair.file.display()
        );
    }
    let pages = snapshot(&committed_content())
        .into_iter()
        .filter(|(path, _)| path.extension().is_some_and(|e| e == "md"));
    for (path, bytes) in pages {
        let text = String::from_utf8(bytes).unwrap();
        assert!(!text.contains(UNREADABLE_MARK), "{}", path.display());
    }
}

/// Regenerates content/ from the seed and applies REPAIRS.yaml: run after the
/// importer or the conversion tables change, with
/// `cargo test --test testsuite -- --ignored regenerate_content`.
#[test]
#[ignore = "rewrites content/"]
fn regenerate_content() {
    let content = committed_content();
    let report = import_file(
        &seed(),
        &content,
        &ImportOptions {
            force: true,
            ..Default::default()
        },
    )
    .expect("import");
    print!("{report}");
    for repair in repairs() {
        let path = content.join(&repair.file);
        let text = fs::read_to_string(&path).unwrap();
        assert_eq!(
            text.matches(&repair.find).count(),
            1,
            "{}: `{}`",
            path.display(),
            repair.find
        );
        fs::write(&path, text.replacen(&repair.find, &repair.replace, 1)).unwrap();
        println!("repaired {}: {}", repair.file.display(), repair.why);
    }
}

#[test]
fn a_lone_carriage_return_ends_a_line() {
    let dir = tempfile::tempdir().unwrap();
    let text = fs::read_to_string(seed()).unwrap();
    // The same name: an imported document names the file it came from.
    fs::create_dir(dir.path().join("mac")).unwrap();
    fs::create_dir(dir.path().join("unix")).unwrap();
    let mac = dir.path().join("mac/seed.txt");
    fs::write(&mac, text.replace("\r\n", "\n").replace('\n', "\r")).unwrap();
    let unix = dir.path().join("unix/seed.txt");
    fs::write(&unix, text.replace("\r\n", "\n")).unwrap();
    let a = import_file(&mac, &dir.path().join("a"), &ImportOptions::default()).unwrap();
    let b = import_file(&unix, &dir.path().join("b"), &ImportOptions::default()).unwrap();
    assert_eq!((a.documents, a.roles), (b.documents, b.roles));
    assert_eq!(
        snapshot(&dir.path().join("a")),
        snapshot(&dir.path().join("b"))
    );
}

#[test]
fn text_in_any_common_encoding_imports_as_utf8_does() {
    let dir = tempfile::tempdir().unwrap();
    let text = fs::read_to_string(seed()).unwrap();
    let utf8 = import_seed(&dir.path().join("utf8"));
    let utf8_files = snapshot(&dir.path().join("utf8"));
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let gbk = encoding_rs::GB18030.encode(&text).0.into_owned();
    for (name, bytes, shown) in [
        ("seed.txt", gbk, "GB18030"),
        ("seed.txt", utf16, "UTF-16LE"),
    ] {
        let folder = dir.path().join(shown);
        fs::create_dir(&folder).unwrap();
        let path = folder.join(name);
        fs::write(&path, &bytes).unwrap();
        let into = dir.path().join(format!("{shown}-out"));
        let report = import_file(&path, &into, &ImportOptions::default()).unwrap();
        assert!(report.to_string().contains(shown), "{report}");
        assert_eq!(report.roles, utf8.roles);
        assert_eq!(snapshot(&into), utf8_files, "{shown}");
    }
}

#[test]
fn devices_and_pipes_are_not_read() {
    let dir = tempfile::tempdir().unwrap();
    for input in [Path::new("/dev/zero"), dir.path()] {
        let err =
            import_file(input, &dir.path().join("out"), &ImportOptions::default()).unwrap_err();
        assert!(
            matches!(err, ImportError::NotAFile { .. }),
            "{input:?}: {err}"
        );
    }
    let link = dir.path().join("zero.txt");
    std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
    let err = import_file(&link, &dir.path().join("out"), &ImportOptions::default()).unwrap_err();
    assert!(matches!(err, ImportError::NotAFile { .. }), "{err}");
}

#[test]
fn import_never_writes_through_a_link() {
    let dir = tempfile::tempdir().unwrap();
    let outside = dir.path().join("outside");
    fs::create_dir(&outside).unwrap();
    let into = dir.path().join("into");
    import_seed(&into);
    let first = fs::read_dir(&into)
        .unwrap()
        .flatten()
        .find(|e| e.path().is_dir())
        .unwrap()
        .path();
    let moved = outside.join("doc");
    fs::rename(&first, &moved).unwrap();
    std::os::unix::fs::symlink(&moved, &first).unwrap();
    let before = snapshot(&outside);
    let forced = ImportOptions {
        force: true,
        ..Default::default()
    };
    let err = import_file(&seed(), &into, &forced).unwrap_err();
    assert!(matches!(err, ImportError::Link { .. }), "{err}");
    assert_eq!(before, snapshot(&outside));
}

#[test]
fn several_files_import_into_one_handbook_with_folders_and_ids_of_their_own() {
    let dir = tempfile::tempdir().unwrap();
    let text = fs::read_to_string(seed()).unwrap();
    let (a, b) = (dir.path().join("a.txt"), dir.path().join("b.txt"));
    fs::write(&a, &text).unwrap();
    fs::write(&b, &text).unwrap();
    let into = dir.path().join("content");
    let reports = import_files(&[a, b], &into, &ImportOptions::default()).unwrap();
    assert_eq!(reports.len(), 2);
    let folders: Vec<String> = fs::read_dir(&into)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    let numbers: BTreeSet<&str> = folders.iter().map(|f| &f[..2]).collect();
    assert_eq!(numbers.len(), 10, "{folders:?}");
    let content = read_content(&into);
    let ids: Vec<&String> = (content.documents.values())
        .flat_map(|(_, roles)| roles.keys())
        .collect();
    let distinct: BTreeSet<&&String> = ids.iter().collect();
    assert_eq!(ids.len(), distinct.len(), "role ids repeat: {ids:?}");
    assert_eq!(ids.len(), 2 * reports[0].roles);
}

#[test]
fn importing_a_file_again_with_force_replaces_its_documents_wholly() {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("运营部.txt");
    let two_roles = "第一篇:运营部岗位职责\n一、运营部部长岗位职责\n1.负责运营部全面工作。\n二、运营部主管岗位职责\n1.协助部长开展工作。\n";
    fs::write(&source, two_roles).unwrap();
    let into = dir.path().join("content");
    let first = import_file(&source, &into, &ImportOptions::default()).unwrap();
    assert_eq!(first.roles, 2, "{first}");
    let gone = first.written.last().unwrap().clone();
    // Another document already in the handbook keeps its folder.
    let other = into.join("02-hr");
    fs::create_dir(&other).unwrap();
    fs::write(other.join("_index.md"), "---\ntitle: 人力资源部\n---\n").unwrap();
    let one_role = "第一篇:运营部岗位职责\n一、运营部部长岗位职责\n1.负责运营部全面工作。\n";
    fs::write(&source, one_role).unwrap();
    let err = import_file(&source, &into, &ImportOptions::default()).unwrap_err();
    assert!(matches!(err, ImportError::Exists { .. }), "{err}");
    let forced = ImportOptions {
        force: true,
        ..Default::default()
    };
    let second = import_file(&source, &into, &forced).unwrap();
    assert_eq!(second.roles, 1);
    assert_eq!(second.removed, std::slice::from_ref(&gone));
    assert!(!gone.exists(), "a stale role was left: {}", gone.display());
    assert!(second.to_string().contains("removed"), "{second}");
    assert!(other.join("_index.md").exists());
    let folders: BTreeSet<&Path> = second.written.iter().filter_map(|p| p.parent()).collect();
    assert_eq!(folders.len(), 1, "{folders:?}");
}

#[test]
fn import_reads_every_file_of_a_folder_and_names_an_encoding_it_is_told() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("岗位说明书");
    fs::create_dir(&folder).unwrap();
    let text = fs::read_to_string(seed()).unwrap();
    fs::write(folder.join("a.txt"), encoding_rs::GB18030.encode(&text).0).unwrap();
    fs::write(folder.join("~$a.docx"), b"Word's lock file").unwrap();
    fs::write(folder.join("notes.pdf"), b"%PDF").unwrap();
    let out = crate::handbook_command()
        .args(["import", "--encoding", "gbk", "--into"])
        .arg(dir.path().join("content"))
        .arg(&folder)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("text in gb18030 (as asked with --encoding)"),
        "{stdout}"
    );
    let bad = crate::handbook_command()
        .args(["import", "--encoding", "klingon"])
        .arg(&folder)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&bad.stderr);
    assert!(!bad.status.success());
    assert!(stderr.contains("GB18030, GBK, Big5"), "{stderr}");
}

#[test]
fn labelled_job_descriptions_name_their_roles_superiors_and_lists() {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("人力资源部.txt");
    let text = "人力资源部岗位说明书\n岗位名称：招聘专员\n汇报对象：人力资源经理\n【工作职责】\n1、根据用人需求发布招聘信息；\n2、筛选简历并安排面试；\n任职资格：\n1、本科及以上学历；\n2、两年以上招聘工作经验。\n工作权限：\n1、对候选人有初试权。\n職位名稱：人力資源經理\n直屬主管：总经理\n工作内容\n1、制定人力资源规划；\n2、组织绩效考核。\n";
    fs::write(&source, text).unwrap();
    let into = dir.path().join("content");
    let report = import_file(&source, &into, &ImportOptions::default()).unwrap();
    assert_eq!(report.roles, 2, "{report}");
    let content = read_content(&into);
    let (_, roles) = content.documents.values().next().unwrap();
    let clerk = &roles["zhao-pin-zhuan-yuan"];
    assert_eq!(clerk.title, "招聘专员");
    assert_eq!(clerk.reports_to.as_deref(), Some("ren-li-zi-yuan-jing-li"));
    assert_eq!(clerk.qualifications.len(), 2);
    assert_eq!(clerk.authority.len(), 1);
    let manager = &roles["ren-li-zi-yuan-jing-li"];
    assert_eq!(manager.title, "人力资源经理");
    assert_eq!(manager.reports_to.as_deref(), Some("总经理"));
    let body = read_body(
        &into
            .join(content.documents.keys().next().unwrap())
            .join("ren-li-zi-yuan-jing-li.md"),
    );
    assert!(body.contains("组织绩效考核"), "{body}");
    assert_eq!(
        report
            .entries_of(EntryKind::Guessed)
            .filter(|e| e.message.contains("reports to"))
            .count(),
        0,
        "{report}"
    );
}

#[test]
fn a_role_left_without_a_title_exits_3_unless_partial_is_allowed_and_check_names_it() {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("仓储部.txt");
    // Two fields on one line, laid out with a tab and spaces; the second
    // role has a superior but no title anywhere.
    let text = "岗位名称：仓库管理员\t汇报对象：仓储主管\n岗位职责：\n1、负责货物入库验收。\n直接上级：仓储主管\n岗位职责：\n1、负责叉车调度。\n";
    fs::write(&source, text).unwrap();
    let run = |args: &[&str]| import_command(&source, &dir.path().join("content"), args);
    let partial = run(&[]);
    assert_eq!(
        partial.status.code(),
        Some(3),
        "{}",
        String::from_utf8_lossy(&partial.stderr)
    );
    assert!(String::from_utf8_lossy(&partial.stderr).contains("--allow-partial"));
    let stdout = String::from_utf8_lossy(&partial.stdout);
    assert!(
        !stdout.contains("unreadable: "),
        "a tab was taken for garbled text: {stdout}"
    );
    let content = read_content(&dir.path().join("content"));
    let (_, roles) = content.documents.values().next().unwrap();
    let keeper = &roles["cang-ku-guan-li-yuan"];
    assert_eq!(keeper.reports_to.as_deref(), Some("仓储主管"), "{stdout}");
    let accepted = run(&["--force", "--allow-partial"]);
    assert_eq!(accepted.status.code(), Some(0));
    // `handbook check` on a handbook holding the import names the role.
    fs::write(dir.path().join("handbook.yaml"), "title: 仓储部\n").unwrap();
    let check = crate::handbook_command()
        .arg("--root")
        .arg(dir.path())
        .arg("check")
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&check.stdout).into_owned()
        + &String::from_utf8_lossy(&check.stderr);
    assert!(said.contains("untitled-role"), "{said}");
}

#[test]
fn lists_nest_as_they_are_written_in_any_numbering_style() {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("生产部.txt");
    let text = "岗位名称：生产主管\n任职资格：\n1.学历要求：\n①大专及以上学历；\n②机械类专业优先。\n2.8年以上制造业工作经验；\n工作职责：\n（一）生产计划\n1.1 编制月度生产计划；\n1.2 跟踪计划执行。\n（二）现场管理\n2.1 组织班组长早会；\n";
    fs::write(&source, text).unwrap();
    let into = dir.path().join("content");
    let report = import_file(&source, &into, &ImportOptions::default()).unwrap();
    let content = read_content(&into);
    let (_, roles) = content.documents.values().next().unwrap();
    let role = &roles["sheng-chan-zhu-guan"];
    assert_eq!(role.qualifications.len(), 2, "{report}\n{role:?}");
    let folder = into.join(content.documents.keys().next().unwrap());
    let file = fs::read_to_string(folder.join("sheng-chan-zhu-guan.md")).unwrap();
    assert!(file.contains("8年以上制造业工作经验"), "{file}");
    assert!(!file.contains("2.8年"), "{file}");
    let body = read_body(&folder.join("sheng-chan-zhu-guan.md"));
    assert!(
        body.contains("1. 生产计划\n   1. 编制月度生产计划；\n   2. 跟踪计划执行。\n2. 现场管理\n   1. 组织班组长早会；"),
        "{body}"
    );
}

#[test]
fn a_title_line_a_table_of_contents_and_numbered_sections_read_as_an_hr_person_reads_them() {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("仓储部.txt");
    let text = "《华东物流有限公司仓储部岗位说明书》\n目录\n第一节 仓储经理 ........ 1\n第二节 仓库管理员 ...... 2\n\n第一节 仓储经理\n岗位名称：仓储经理\n直接上级：运营总监\n岗位职责：\n1、负责仓储部全面管理工作。\n第二节 仓库管理员岗位说明书\n直接上级：仓储经理\n岗位职责：\n（一）入库管理\n1.1 负责货物入库验收；\n";
    fs::write(&source, text).unwrap();
    let into = dir.path().join("content");
    let report = import_file(&source, &into, &ImportOptions::default()).unwrap();
    assert_eq!(report.roles, 2, "{report}");
    assert_eq!(report.untitled, 0, "{report}");
    assert_eq!(report.lines_of(EntryKind::Skipped), [2], "{report}");
    let content = read_content(&into);
    let (name, (document, roles)) = content.documents.iter().next().unwrap();
    assert!(name.ends_with("-warehouse"), "{name}");
    assert_eq!(document.title, "华东物流有限公司仓储部岗位说明书");
    assert_eq!(document.organization, "华东物流有限公司");
    let titles: Vec<(&str, Option<&str>)> = (roles.values())
        .map(|r| (r.title.as_str(), r.reports_to.as_deref()))
        .collect();
    assert!(
        titles.contains(&("仓储经理", Some("运营总监"))),
        "{titles:?}"
    );
    assert!(
        titles.contains(&("仓库管理员", Some("cang-chu-jing-li"))),
        "{titles:?}"
    );
    let index = fs::read_to_string(into.join(name).join("_index.md")).unwrap();
    assert!(
        !index.contains("目录") && !index.contains("........"),
        "{index}"
    );
}

#[test]
fn a_title_on_the_line_after_its_label_names_the_role() {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("质量部.txt");
    fs::write(
        &source,
        "岗位名称 ：\n质检员\n直接上级：质量主管\n岗位职责：\n1、负责来料检验。\n",
    )
    .unwrap();
    let into = dir.path().join("content");
    let report = import_file(&source, &into, &ImportOptions::default()).unwrap();
    assert_eq!((report.roles, report.untitled), (1, 0), "{report}");
    let content = read_content(&into);
    let (_, roles) = content.documents.values().next().unwrap();
    assert_eq!(
        roles["zhi-jian-yuan"].reports_to.as_deref(),
        Some("质量主管")
    );
}

#[test]
fn a_sheet_saved_as_csv_in_gbk_imports_one_role_per_row() {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("门店岗位.csv");
    let text = "岗位名称,所属部门,直接上级,岗位职责\r\n店长,门店,区域经理,\"1、负责门店运营\n2、负责员工排班\"\r\n收银员,门店,店长,1、负责收银\r\n";
    fs::write(&source, encoding_rs::GB18030.encode(text).0).unwrap();
    let into = dir.path().join("content");
    let report = import_file(&source, &into, &ImportOptions::default()).unwrap();
    assert_eq!((report.roles, report.untitled), (2, 0), "{report}");
    assert!(
        report.to_string().contains("a CSV sheet in gb18030"),
        "{report}"
    );
    let content = read_content(&into);
    let (_, roles) = content.documents.values().next().unwrap();
    assert_eq!(
        roles["shou-yin-yuan"].reports_to.as_deref(),
        Some("dian-zhang")
    );
    assert_eq!(roles["dian-zhang"].reports_to.as_deref(), Some("区域经理"));
}

#[test]
fn text_that_matched_no_field_is_kept_named_and_exits_3_unless_partial_is_allowed() {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("门店.txt");
    // The sentence after 岗位名称 has no label: it stays in the duties, and
    // the report names it; the numbered duties under 岗位职责 are placed.
    let text = "岗位名称：店长\n负责门店的日常运营。\n岗位职责：\n1、带领店员完成销售目标。\n2、负责门店盘点。\n";
    fs::write(&source, text).unwrap();
    let run = |args: &[&str]| import_command(&source, &dir.path().join("content"), args);
    let partial = run(&[]);
    let stdout = String::from_utf8_lossy(&partial.stdout).into_owned();
    assert_eq!(partial.status.code(), Some(3), "{stdout}");
    assert!(
        stdout.contains("门店.txt:2: unclassified: text that matched no field, kept in the duties of 店长: `负责门店的日常运营。`"),
        "{stdout}"
    );
    assert!(stdout.contains("1 unclassified"), "{stdout}");
    let content = read_content(&dir.path().join("content"));
    let (_, roles) = content.documents.values().next().unwrap();
    assert!(roles.contains_key("dian-zhang"));
    let body = fs::read_dir(dir.path().join("content"))
        .unwrap()
        .filter_map(Result::ok)
        .find(|e| e.path().is_dir())
        .map(|e| fs::read_to_string(e.path().join("dian-zhang.md")).unwrap())
        .unwrap();
    assert!(
        body.contains("负责门店的日常运营。"),
        "nothing is dropped: {body}"
    );
    assert_eq!(run(&["--force", "--allow-partial"]).status.code(), Some(0));
    // Labelled throughout: nothing to name, exit 0.
    fs::write(
        &source,
        "岗位名称：店长\n岗位职责：\n1、带领店员完成销售目标。\n",
    )
    .unwrap();
    let clean = run(&["--force"]);
    assert_eq!(
        clean.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&clean.stdout)
    );
}

#[test]
fn a_longer_title_written_in_the_text_is_not_read_as_the_title_it_ends_with() {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("工程部.txt");
    // Each role's text names its stated superior whole: 分公司总经理 is not
    // 总经理, 运营副总经理 is not 副总经理.
    let text = "岗位名称：项目经理\n直接上级：分公司总经理\n岗位职责：\n1、负责项目的全面管理；\n2、定期向分公司总经理汇报项目进展。\n岗位名称：区域营运经理\n直接上级：运营副总经理\n岗位职责：\n1、协助运营副总经理制定年度营运计划。\n2、完成运营副总经理交办的其他工作。\n";
    fs::write(&source, text).unwrap();
    let into = dir.path().join("content");
    let out = import_command(&source, &into, &[]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let dubious: Vec<&str> = stdout
        .lines()
        .filter(|l| l.contains("dubious: ") && (l.contains("直接上级") || l.contains("经理")))
        .collect();
    assert!(dubious.is_empty(), "{stdout}");
    let content = read_content(&into);
    let (_, roles) = content.documents.values().next().unwrap();
    let superiors: Vec<(&str, Option<&str>)> = (roles.values())
        .map(|r| (r.title.as_str(), r.reports_to.as_deref()))
        .collect();
    assert!(
        superiors.contains(&("项目经理", Some("分公司总经理"))),
        "{superiors:?}"
    );
    assert!(
        superiors.contains(&("区域营运经理", Some("运营副总经理"))),
        "{superiors:?}"
    );

    // A bare rank word glued to other name characters (`营运经理`) names no
    // role that merely ends with it (`项目经理`); after a cue (`向经理`) it does.
    let source = dir.path().join("营运部.txt");
    let text = "岗位名称：项目经理\n直接上级：总经理\n岗位职责：\n1、负责项目管理。\n岗位名称：营运专员\n岗位职责：\n1、完成营运经理交办的工作。\n岗位名称：项目专员\n岗位职责：\n1、向经理汇报工作。\n";
    fs::write(&source, text).unwrap();
    let report = import_file(&source, &dir.path().join("营运"), &ImportOptions::default()).unwrap();
    let inferred: Vec<&str> = (report.entries_of(EntryKind::Inferred))
        .map(|e| e.message.as_str())
        .collect();
    assert!(
        !inferred.iter().any(|m| m.contains("`经理交办`")),
        "{report}"
    );
    assert!(
        inferred
            .iter()
            .any(|m| m.contains("项目专员 reports to 项目经理: the text says `向经理`")),
        "{report}"
    );
}

//! Every page in every script: the four variants exist with the same paths,
//! carry the right `lang`, link to each other, and read right.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use scraper::{Html, Selector};

const VARIANTS: [(&str, &str); 4] = [
    ("zh-hans", "zh-Hans"),
    ("zh-hant", "zh-Hant"),
    ("zh-tw", "zh-TW"),
    ("zh-hk", "zh-HK"),
];

fn site() -> &'static Path {
    static SITE: OnceLock<tempfile::TempDir> = OnceLock::new();
    SITE.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let status = crate::handbook_command()
            .arg("--root")
            .arg(env!("CARGO_MANIFEST_DIR"))
            .arg("build")
            .arg("--output")
            .arg(dir.path().join("output"))
            .status()
            .expect("run handbook");
        assert!(status.success());
        dir
    })
    .path()
}

fn out() -> PathBuf {
    site().join("output")
}

fn page(path: &Path) -> Html {
    Html::parse_document(
        &fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display())),
    )
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).expect("selector")
}

fn text(html: &Html, selector: &str) -> String {
    html.select(&sel(selector)).flat_map(|e| e.text()).collect()
}

/// Every HTML page of a variant, by its path inside the variant folder.
fn pages_of(variant: &str) -> Vec<PathBuf> {
    let root = out().join(variant);
    let mut pages: Vec<PathBuf> = walkdir::WalkDir::new(&root)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| e.path().strip_prefix(&root).unwrap().to_path_buf())
        .collect();
    pages.sort();
    pages
}

#[test]
fn every_variant_has_the_same_pages_with_its_lang() {
    let reference = pages_of("zh-hans");
    assert!(reference.len() > 20);
    for (dir, lang) in VARIANTS {
        assert_eq!(
            pages_of(dir),
            reference,
            "{dir} has other pages than zh-hans"
        );
        for rel in &reference {
            let html = page(&out().join(dir).join(rel));
            let root = html.root_element();
            assert_eq!(
                root.value().attr("lang"),
                Some(lang),
                "{dir}/{}",
                rel.display()
            );
        }
    }
}

#[test]
fn switcher_and_alternates_lead_to_the_same_page_in_each_variant() {
    for (dir, _) in VARIANTS {
        for rel in pages_of(dir) {
            let file = out().join(dir).join(&rel);
            let html = page(&file);
            let mut switched = Vec::new();
            for a in html.select(&sel(".variant-switcher a")) {
                let href = a.value().attr("href").unwrap();
                let target = file.parent().unwrap().join(href);
                assert!(target.is_file(), "{}: {href}", file.display());
                assert!(
                    target.ends_with(&rel),
                    "{}: {href} is another page",
                    file.display()
                );
                switched.push(a.value().attr("hreflang").unwrap().to_string());
            }
            assert_eq!(
                switched.len(),
                3,
                "{}: links to the three other variants",
                file.display()
            );
            let alternates: Vec<&str> = html
                .select(&sel("link[rel=alternate][hreflang]"))
                .map(|l| l.value().attr("hreflang").unwrap())
                .collect();
            // The not-found page is for readers only (noindex), and its
            // relative addresses resolve only once its script has run.
            let expected: &[&str] = match rel.ends_with("404.html") {
                true => &[],
                false => &["zh-Hans", "zh-Hant", "zh-TW", "zh-HK"],
            };
            assert_eq!(alternates, expected, "{}", file.display());
        }
    }
}

#[test]
fn known_phrases_come_out_right_in_each_script() {
    let doc1 = |v: &str| {
        text(
            &page(&out().join(v).join("01-property-operations/index.html")),
            ".duties",
        )
    };
    // The seed's own Traditional kept 并 here; real Traditional writes 並.
    assert!(
        doc1("zh-hant").contains("並組織實施"),
        "{}",
        doc1("zh-hant")
    );
    assert!(doc1("zh-hans").contains("并组织实施"));
    let boss = |v: &str| {
        text(
            &page(
                &out()
                    .join(v)
                    .join("04-womenswear-operations/yun-ying-zong-jian.html"),
            ),
            "main",
        )
    };
    assert!(boss("zh-hans").contains("运营总监"));
    assert!(boss("zh-hans").contains("办公应用软件"));
    // Taiwan vocabulary: 软件 is 軟體 in zh-TW, 軟件 in zh-Hant and zh-HK.
    assert!(boss("zh-tw").contains("軟體"), "{}", boss("zh-tw"));
    assert!(boss("zh-hant").contains("軟件"));
    assert!(!boss("zh-tw").contains("软"));
    // The interface is converted too.
    let nav = |v: &str| text(&page(&out().join(v).join("index.html")), ".site-nav");
    assert!(nav("zh-hans").contains("岗位索引"));
    assert!(nav("zh-hant").contains("崗位索引"));
}

#[test]
fn urls_and_ids_are_never_converted() {
    for (dir, _) in VARIANTS {
        let html = page(
            &out()
                .join(dir)
                .join("04-womenswear-operations/dian-zhang.html"),
        );
        for a in html.select(&sel("a[href]")) {
            let href = a.value().attr("href").unwrap();
            assert!(href.is_ascii(), "{dir}: non-ASCII URL {href}");
        }
    }
}

#[test]
fn root_page_lists_every_variant_without_javascript() {
    let html = page(&out().join("index.html"));
    let links: Vec<(String, String)> = html
        .select(&sel("main a"))
        .map(|a| {
            (
                a.value().attr("href").unwrap().to_string(),
                a.text().collect(),
            )
        })
        .collect();
    assert_eq!(
        links,
        [
            ("zh-hans/index.html".to_string(), "简体中文".to_string()),
            ("zh-hant/index.html".into(), "繁體中文".into()),
            ("zh-tw/index.html".into(), "臺灣正體".into()),
            ("zh-hk/index.html".into(), "香港繁體".into()),
        ]
    );
}

#[test]
fn the_glossary_spells_titles_per_variant() {
    let title = |v: &str| {
        text(
            &page(
                &out()
                    .join(v)
                    .join("05-platform-operations/shou-xi-yun-ying-guan.html"),
            ),
            "h1",
        )
    };
    assert_eq!(title("zh-hans"), "首席运营官");
    assert_eq!(title("zh-hant"), "首席運營官");
    assert_eq!(title("zh-tw"), "營運長");
    assert_eq!(title("zh-hk"), "首席營運官");
    // The glossary applies wherever the title appears, links included.
    let doc = text(
        &page(&out().join("zh-hk/05-platform-operations/index.html")),
        ".role-tree",
    );
    assert!(doc.contains("首席營運官"), "{doc}");
    let catering = text(&page(&out().join("zh-tw/index.html")), "main");
    assert!(catering.contains("河北天喜餐飲管理集團"), "{catering}");
}

#[test]
fn convert_command_uses_the_glossary_and_the_regional_layer_for_variants_only() {
    let run = |to: &str, input: &str| -> String {
        use std::io::Write;
        let mut child = crate::handbook_command()
            .arg("--root")
            .arg(env!("CARGO_MANIFEST_DIR"))
            .args(["convert", "--to", to])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .expect("run handbook convert");
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    };
    assert_eq!(
        run("zh-HK", "首席运营官负责天喜的软件"),
        "首席營運官負責天喜的軟件"
    );
    assert_eq!(
        run("s2hk", "首席运营官负责天喜的软件"),
        "首席運營官負責天喜的軟件"
    );
    assert_eq!(run("zh-TW", "首席运营官负责软件"), "營運長負責軟體");
    assert_eq!(run("t2s", "並組織實施"), "并组织实施");
    // The regional layer: for the variants, never for OpenCC's configs.
    assert_eq!(run("zh-TW", "库存盘点和文件管理"), "庫存盤點和文件管理");
    assert_eq!(run("s2twp", "库存盘点和文件管理"), "庫存檔點和檔案管理");
    assert_eq!(run("zh-HK", "服务器维护"), "伺服器維護");
    assert_eq!(run("s2hk", "服务器维护"), "服務器維護");
    assert_eq!(run("zh-Hans", "运营总监"), "运营总监");
}

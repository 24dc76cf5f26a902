//! Builds the real `content/` and checks the site: documents, role pages,
//! links, the pinyin index, clean text, determinism.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use scraper::{Html, Selector};

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn build_into(out: &Path) {
    let status = crate::handbook_command()
        .arg("--root")
        .arg(repo())
        .arg("build")
        .arg("--output")
        .arg(out)
        .status()
        .expect("run handbook");
    assert!(status.success(), "handbook build failed");
}

/// The real content, built once for all tests of this file.
fn site() -> &'static Path {
    static SITE: OnceLock<tempfile::TempDir> = OnceLock::new();
    SITE.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        build_into(&dir.path().join("output"));
        dir
    })
    .path()
}

fn out(rel: &str) -> PathBuf {
    site().join("output").join(rel)
}

fn page(rel: &str) -> Html {
    let text = fs::read_to_string(out(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    Html::parse_document(&text)
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).expect("selector")
}

fn texts(html: &Html, selector: &str) -> Vec<String> {
    html.select(&sel(selector))
        .map(|e| e.text().collect::<String>().trim().to_string())
        .collect()
}

/// A role as the content files say, read independently of the build.
#[derive(Debug)]
struct SourceRole {
    doc: String,
    id: String,
    title: String,
    reports_to: Option<String>,
}

fn front_matter(path: &Path) -> serde_yaml::Value {
    let text = fs::read_to_string(path).expect("read content");
    let yaml = text
        .strip_prefix("---\n")
        .and_then(|rest| rest.split_once("\n---"))
        .map(|(yaml, _)| yaml)
        .expect("front matter");
    serde_yaml::from_str(yaml).expect("yaml")
}

fn content_documents() -> Vec<String> {
    let mut docs: Vec<String> = fs::read_dir(repo().join("content"))
        .expect("content/")
        .filter_map(Result::ok)
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    docs.sort();
    docs
}

fn content_roles() -> Vec<SourceRole> {
    let mut roles = Vec::new();
    for doc in content_documents() {
        let dir = repo().join("content").join(&doc);
        let mut files: Vec<PathBuf> = fs::read_dir(&dir)
            .expect("doc dir")
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "md") && !p.ends_with("_index.md"))
            .collect();
        files.sort();
        for file in files {
            let fm = front_matter(&file);
            roles.push(SourceRole {
                doc: doc.clone(),
                id: file.file_stem().unwrap().to_string_lossy().into_owned(),
                title: fm["title"].as_str().expect("title").to_string(),
                reports_to: fm["reports_to"].as_str().map(str::to_string),
            });
        }
    }
    roles
}

#[test]
fn home_lists_the_five_documents_with_role_counts() {
    let home = page("zh-hans/index.html");
    let links: Vec<String> = home
        .select(&sel(".document-card h3 a"))
        .map(|a| a.value().attr("href").unwrap().to_string())
        .collect();
    let docs = content_documents();
    assert_eq!(docs.len(), 5);
    let expected: Vec<String> = docs.iter().map(|d| format!("{d}/index.html")).collect();
    assert_eq!(links, expected);
    let sources = texts(&home, ".document-card .source");
    assert_eq!(sources, ["第一篇", "第二篇", "第三篇", "第四篇", "第五篇"]);
    let counts: Vec<String> = home
        .select(&sel(".document-card .facts div:nth-child(3) dd"))
        .map(|e| e.text().collect())
        .collect();
    assert_eq!(counts, ["2", "0", "0", "4", "12"]);
}

#[test]
fn every_role_has_a_page_with_its_reporting_links() {
    let roles = content_roles();
    assert_eq!(roles.len(), 18);
    let by_id: BTreeMap<&str, &SourceRole> = roles.iter().map(|r| (r.id.as_str(), r)).collect();
    for role in &roles {
        let rel = format!("zh-hans/{}/{}.html", role.doc, role.id);
        let html = page(&rel);
        assert_eq!(
            texts(&html, "h1"),
            std::slice::from_ref(&role.title),
            "{rel}"
        );
        let up: Vec<String> = html
            .select(&sel("a[rel=up]"))
            .map(|a| a.value().attr("href").unwrap().to_string())
            .collect();
        match role.reports_to.as_deref() {
            Some(id) if by_id.contains_key(id) => {
                assert_eq!(up, [format!("../{}/{id}.html", role.doc)], "{rel}");
            }
            Some(external) => {
                assert!(up.is_empty(), "{rel}");
                assert_eq!(
                    texts(&html, ".role-facts .external"),
                    [external.to_string()],
                    "{rel}"
                );
            }
            None => assert!(up.is_empty()),
        }
        let mut expected_reports: Vec<&str> = roles
            .iter()
            .filter(|r| r.reports_to.as_deref() == Some(role.id.as_str()))
            .map(|r| r.title.as_str())
            .collect();
        let mut shown = texts(&html, ".role-facts .inline-list a");
        expected_reports.sort();
        shown.sort();
        assert_eq!(shown, expected_reports, "direct reports of {rel}");
    }
}

#[test]
fn document_pages_list_their_roles_in_reporting_order() {
    let html = page("zh-hans/04-womenswear-operations/index.html");
    assert_eq!(
        texts(&html, ".role-tree a"),
        ["运营总监", "运营区长", "店长", "导购"]
    );
    let depths: Vec<String> = html
        .select(&sel(".role-tree li"))
        .map(|li| li.value().attr("class").unwrap().to_string())
        .collect();
    assert_eq!(depths, ["depth-0", "depth-1", "depth-2", "depth-3"]);
    let dept = page("zh-hans/02-store-operations/index.html");
    assert!(
        texts(&dept, ".duties li").len() >= 8,
        "department duties of 第二篇"
    );
}

#[test]
fn role_index_is_sorted_by_pinyin_and_grouped_by_initial() {
    let html = page("zh-hans/roles.html");
    let letters = texts(&html, ".letter-group h2");
    let mut sorted = letters.clone();
    sorted.sort();
    assert_eq!(letters, sorted);
    let titles = texts(&html, ".letter-group li a");
    let all: BTreeSet<String> = content_roles().into_iter().map(|r| r.title).collect();
    assert_eq!(titles.len(), all.len());
    assert_eq!(titles.iter().cloned().collect::<BTreeSet<_>>(), all);
    let keys: Vec<String> = titles
        .iter()
        .map(|t| handbook::model::pinyin_key(t))
        .collect();
    let mut sorted_keys = keys.clone();
    sorted_keys.sort();
    assert_eq!(keys, sorted_keys, "titles in pinyin order: {titles:?}");
    // 导购 (dǎo gòu) files under D, 运营总监 under Y.
    let d_group = html
        .select(&sel(".letter-group"))
        .find(|g| {
            g.select(&sel("h2"))
                .any(|h| h.text().collect::<String>() == "D")
        })
        .expect("group D");
    assert!(d_group.text().collect::<String>().contains("导购"));
}

/// Every relative link and resource in every page points at a file that
/// exists, and every fragment at an id in that file.
#[test]
fn every_internal_link_resolves() {
    let root = out("");
    let mut checked = 0;
    for entry in walkdir::WalkDir::new(&root) {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "html") {
            continue;
        }
        let html = Html::parse_document(&fs::read_to_string(entry.path()).unwrap());
        for el in html.select(&sel("a[href], link[href], script[src]")) {
            let url = el.value().attr("href").or(el.value().attr("src")).unwrap();
            if url.contains("://") || url.starts_with("mailto:") {
                panic!("{}: external URL {url}", entry.path().display());
            }
            let (file, fragment) = url.split_once('#').unwrap_or((url, ""));
            // The top 404.html is the first variant's, whose links its
            // script bases on that variant's folder.
            let folder = match entry.path() == root.join("404.html") {
                true => root.join("zh-hans"),
                false => entry.path().parent().unwrap().to_path_buf(),
            };
            let target = if file.is_empty() {
                entry.path().to_path_buf()
            } else {
                folder.join(file)
            };
            assert!(
                target.is_file(),
                "{}: broken link {url}",
                entry.path().display()
            );
            if !fragment.is_empty() {
                let doc = Html::parse_document(&fs::read_to_string(&target).unwrap());
                let id = sel(&format!("[id=\"{fragment}\"]"));
                assert!(
                    doc.select(&id).next().is_some(),
                    "{}: missing #{fragment}",
                    entry.path().display()
                );
            }
            checked += 1;
        }
    }
    assert!(checked > 500, "only {checked} links checked");
}

/// No pinyin annotation, mojibake or replacement character reaches a reader.
#[test]
fn output_text_is_clean() {
    let artifact = |text: &str| -> Option<String> {
        let chars: Vec<char> = text.chars().collect();
        for (i, w) in chars.windows(3).enumerate() {
            let cjk = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c);
            if cjk(w[0]) && w[1] == '(' && w[2].is_ascii_lowercase() {
                return Some(chars[i..(i + 8).min(chars.len())].iter().collect());
            }
            if w.contains(&'\u{fffd}') || (w[1] == '?' && (cjk(w[0]) || cjk(w[2]))) {
                return Some(w.iter().collect());
            }
        }
        None
    };
    for entry in walkdir::WalkDir::new(out("")) {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|e| e == "html") {
            let html = Html::parse_document(&fs::read_to_string(entry.path()).unwrap());
            let text: String = html.root_element().text().collect();
            if let Some(bad) = artifact(&text) {
                panic!("{}: {bad:?}", entry.path().display());
            }
        }
    }
}

#[test]
fn title_mentions_link_to_roles_of_the_same_document() {
    let html = page("zh-hans/04-womenswear-operations/yun-ying-qu-zhang.html");
    let links: Vec<String> = html
        .select(&sel(".duties a"))
        .map(|a| a.value().attr("href").unwrap().to_string())
        .collect();
    assert!(
        links.contains(&"../04-womenswear-operations/dian-zhang.html".to_string()),
        "{links:?}"
    );
}

#[test]
fn builds_are_byte_identical() {
    let dir = tempfile::tempdir().unwrap();
    build_into(&dir.path().join("again"));
    let snapshot = |root: &Path| -> BTreeMap<PathBuf, Vec<u8>> {
        walkdir::WalkDir::new(root)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                (
                    e.path().strip_prefix(root).unwrap().to_path_buf(),
                    fs::read(e.path()).unwrap(),
                )
            })
            .collect()
    };
    let first = snapshot(&out(""));
    let second = snapshot(&dir.path().join("again"));
    assert_eq!(first.len(), second.len());
    assert!(first == second, "two builds of the same content differ");
}

#[test]
fn document_pages_draw_their_org_chart_in_the_page_script() {
    for (doc, roles) in [
        ("01-property-operations", 2),
        ("04-womenswear-operations", 4),
        ("05-platform-operations", 12),
    ] {
        let html = page(&format!("zh-hans/{doc}/index.html"));
        let boxes = html.select(&sel(".orgchart svg a")).count();
        assert_eq!(boxes, roles, "{doc}: one linked box per role");
        assert_eq!(html.select(&sel(".orgchart svg title")).count(), 1);
        assert_eq!(
            html.select(&sel(".orgchart-list a")).count(),
            roles,
            "{doc}: text version"
        );
    }
    // A department-only document has no chart (it would be one box of
    // its own title), and the org charts page leaves it out.
    let dept = page("zh-hans/02-store-operations/index.html");
    assert_eq!(dept.select(&sel(".orgchart")).count(), 0);
    assert!(dept.select(&sel("#orgchart")).next().is_none());
    let all = page("zh-hans/orgcharts.html");
    assert_eq!(all.select(&sel(".orgchart-section")).count(), 3);
    // Traditional pages draw Traditional labels.
    let tw = page("zh-tw/04-womenswear-operations/index.html");
    let labels = texts(&tw, ".orgchart svg text");
    assert!(labels.iter().any(|l| l == "總經理"), "{labels:?}");
    assert!(!labels.iter().any(|l| l.contains('总')), "{labels:?}");
    assert_eq!(all.select(&sel(".orgchart svg")).count(), 3);
}

#[test]
fn role_pages_show_where_the_role_sits() {
    let html = page("zh-hans/04-womenswear-operations/dian-zhang.html");
    let labels = texts(&html, ".orgchart svg text");
    assert_eq!(labels, ["总经理", "运营总监", "运营区长", "店长", "导购"]);
    let current = texts(&html, ".orgchart svg .node-current text");
    assert_eq!(current, ["店长"]);
}

#[test]
fn role_chart_descriptions_name_the_lines_the_slice_shows() {
    let html = page("zh-hans/04-womenswear-operations/dian-zhang.html");
    let desc = texts(&html, ".orgchart svg desc");
    assert_eq!(
        desc,
        ["运营总监（直接上级：总经理）；运营区长（直接上级：运营总监）；店长（直接上级：运营区长）；导购（直接上级：店长）"]
    );
    // A sibling's line is on the document page, not on this role's.
    let doc = page("zh-hans/05-platform-operations/index.html");
    let role = page("zh-hans/05-platform-operations/ke-fu-zhu-guan.html");
    assert!(texts(&doc, ".orgchart svg desc")[0].contains("设计专员"));
    assert!(!texts(&role, ".orgchart svg desc")[0].contains("设计专员"));
}

/// The not-found page is in every variant's folder, and the first variant's
/// also at the top, byte for byte, where web servers look for it.
#[test]
fn the_not_found_page_is_at_the_top_and_in_each_variant() {
    let root = out("");
    for dir in ["zh-hans", "zh-hant", "zh-tw", "zh-hk"] {
        let html =
            Html::parse_document(&fs::read_to_string(root.join(dir).join("404.html")).unwrap());
        let robots = html
            .select(&sel("meta[name=robots]"))
            .next()
            .and_then(|m| m.value().attr("content"));
        assert_eq!(robots, Some("noindex"), "{dir}");
        assert_eq!(html.select(&sel(".not-found-links a")).count(), 2, "{dir}");
    }
    assert_eq!(
        fs::read(root.join("404.html")).unwrap(),
        fs::read(root.join("zh-hans/404.html")).unwrap()
    );
    let traditional = fs::read_to_string(root.join("zh-tw/404.html")).unwrap();
    assert!(traditional.contains("找不到這個頁面"), "{traditional}");
}

/// Taiwan's role index groups the titles as Taiwan writes them by zhuyin
/// (ㄅㄆㄇㄈ…, in that order); the Simplified one by pinyin letters.
#[test]
fn the_taiwan_role_index_groups_by_zhuyin() {
    let tw = page("zh-tw/roles.html");
    let groups = texts(&tw, ".letter-group h2");
    assert!(
        groups
            .iter()
            .all(|g| g.chars().all(|c| ('ㄅ'..='ㄩ').contains(&c) || c == '#')),
        "{groups:?}"
    );
    let mut sorted = groups.clone();
    sorted.sort();
    assert_eq!(groups, sorted, "zhuyin order");
    let yi = tw
        .select(&sel(
            "#letter-ㄧ ~ ul a, section[aria-labelledby='letter-ㄧ'] a",
        ))
        .map(|a| a.text().collect::<String>())
        .collect::<Vec<_>>();
    assert!(yi.iter().any(|t| t == "營運總監"), "{yi:?}");
    let hans = texts(&page("zh-hans/roles.html"), ".letter-group h2");
    assert!(
        hans.iter()
            .all(|g| g.chars().all(|c| c.is_ascii_uppercase() || c == '#')),
        "{hans:?}"
    );
}

/// Hong Kong's and the Traditional role index group by the stroke count of
/// the title's first character, counted as Taiwan and Hong Kong count (運
/// and 營 in 營運總監: 17), in rising order, the titles in stroke order.
#[test]
fn the_hong_kong_and_traditional_role_indexes_group_by_strokes() {
    for variant in ["zh-hk", "zh-hant"] {
        let index = page(&format!("{variant}/roles.html"));
        let groups = texts(&index, ".letter-group h2");
        let counts: Vec<u32> = groups
            .iter()
            .map(|g| {
                g.strip_suffix('畫')
                    .and_then(|n| n.parse().ok())
                    .unwrap_or_else(|| panic!("{variant}: heading {g:?}"))
            })
            .collect();
        let mut rising = counts.clone();
        rising.sort_unstable();
        rising.dedup();
        assert_eq!(counts, rising, "{variant}: {groups:?}");
        let in_group = |heading: &str| -> Vec<String> {
            index
                .select(&sel(&format!(
                    "section[aria-labelledby='letter-{heading}'] a"
                )))
                .map(|a| a.text().collect::<String>())
                .collect()
        };
        let seventeen = in_group("17畫");
        let boss = if variant == "zh-hk" {
            "營運總監"
        } else {
            "運營總監"
        };
        let first = if variant == "zh-hk" {
            &seventeen
        } else {
            &in_group("13畫")
        };
        assert!(first.iter().any(|t| t == boss), "{variant}: {first:?}");
        assert!(in_group("8畫").iter().any(|t| t == "店長"), "{variant}");
        assert!(in_group("4畫").iter().any(|t| t == "文案專員"), "{variant}");
    }
}

//! Printing: the print page (`<variant>/print.html`), `handbook pdf`, and
//! single pages printed with the print stylesheet.
//!
//! The PDF tests print the real handbook with headless Chromium and read the
//! result with poppler-utils (`pdftotext`, `pdffonts`). Without Chromium or
//! poppler-utils they print a notice and skip, and fail instead when
//! `HANDBOOK_REQUIRE_BROWSER=1` (as in CI). The print page's own structure is
//! checked without a browser.

use crate::{chromium, fixture};

use std::collections::{BTreeMap, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;
use std::time::Instant;

use handbook::model::Handbook;
use handbook::pdf::outline::{self, Entry};
use handbook::variant::Variant;
use headless_chrome::types::PrintToPdfOptions;
use scraper::{Html, Selector};

/// Interface strings that belong to the screen only: none may be printed.
const SCREEN_ONLY_KEYS: [&str; 6] = [
    "skip_to_content",
    "search_label",
    "search_placeholder",
    "print_edition_intro",
    "previous",
    "next",
];

// ---------------------------------------------------------------------------
// Helpers

/// Prints a notice (or fails when the browser is required) when a tool the
/// test needs is missing.
fn missing(what: &str, how_to_fix: &str) {
    assert!(
        !chromium::browser_required(),
        "{what}, and {}=1 requires it ({how_to_fix})",
        chromium::REQUIRE_BROWSER_VAR
    );
    let notice = format!(
        "skipping: {what} ({how_to_fix}, or set {}=1 to fail instead)\n",
        chromium::REQUIRE_BROWSER_VAR
    );
    // The harness captures eprintln!; a skip should be seen.
    let _ = std::io::stderr().write_all(notice.as_bytes());
}

pub fn chromium_available() -> bool {
    let found = chromium::find_chromium().is_some();
    if !found {
        missing(
            "chromium not found",
            "install Debian's chromium, or point $CHROME at a Chromium binary",
        );
    }
    found
}

pub fn poppler_available() -> bool {
    let found = Command::new("pdftotext").arg("-v").output().is_ok()
        && Command::new("pdffonts").arg("-v").output().is_ok();
    if !found {
        missing(
            "pdftotext/pdffonts not found",
            "install poppler-utils (apt-get install poppler-utils)",
        );
    }
    found
}

fn run(command: &mut Command) -> Output {
    let shown = format!("{command:?}");
    let output = command
        .output()
        .unwrap_or_else(|e| panic!("could not run {shown}: {e}"));
    assert!(
        output.status.success(),
        "{shown} failed ({})\n--- stdout ---\n{}\n--- stderr ---\n{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

/// The text of each page, as `pdftotext -layout` lays it out.
pub fn page_texts(pdf: &Path) -> Vec<String> {
    let output = run(Command::new("pdftotext").arg("-layout").arg(pdf).arg("-"));
    let text = String::from_utf8(output.stdout).expect("pdftotext wrote UTF-8");
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_string).collect();
    // pdftotext ends every page with a form feed, the last one too.
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
}

/// The handbook and the theme's interface strings in one variant's script,
/// converted as the build converts them.
struct Script {
    handbook: Handbook,
    strings: BTreeMap<String, String>,
}

/// Each variant's [`Script`], converted once per test binary.
fn script(variant: Variant) -> &'static Script {
    static SCRIPTS: OnceLock<Vec<(Variant, Script)>> = OnceLock::new();
    let scripts = SCRIPTS.get_or_init(|| {
        let (_, source) =
            handbook::pipeline::load(chromium::repo_root()).expect("the handbook loads");
        let root = chromium::repo_root();
        let config = handbook::config::Config::load(root).expect("settings load");
        let setup = handbook::pipeline::Setup::load(root, config).expect("the theme loads");
        Variant::ALL
            .into_iter()
            .map(|variant| {
                let convert = handbook::pipeline::text_converter(variant, &setup.glossary);
                let script = Script {
                    handbook: source.map_text(&convert),
                    strings: handbook::pipeline::interface_strings(&setup, variant, &convert),
                };
                (variant, script)
            })
            .collect()
    });
    scripts
        .iter()
        .find(|(v, _)| *v == variant)
        .map(|(_, s)| s)
        .expect("every variant is converted")
}

fn handbook_in(variant: Variant) -> &'static Handbook {
    &script(variant).handbook
}

/// A theme interface string in `variant`'s script.
fn interface_string(key: &str, variant: Variant) -> String {
    script(variant)
        .strings
        .get(key)
        .cloned()
        .unwrap_or_else(|| panic!("strings.yaml has no `{key}`"))
}

/// Text that only the screen shows, in `variant`'s script.
fn screen_only_texts(variant: Variant) -> Vec<String> {
    let mut texts: Vec<String> = SCREEN_ONLY_KEYS
        .iter()
        .map(|key| interface_string(key, variant))
        .collect();
    // The variant switcher's labels.
    texts.extend(Variant::ALL.iter().map(|v| v.label().to_string()));
    texts
}

fn document_heading(doc: &handbook::model::Document) -> String {
    format!("{} {}", doc.source, doc.title)
}

// ---------------------------------------------------------------------------
// The print page, without a browser

/// The built site, once per test binary.
fn site() -> &'static Path {
    static SITE: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, path) = SITE.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temporary folder");
        let out = chromium::build_site(&dir.path().join("site"));
        (dir, out)
    });
    path
}

fn print_page(variant: Variant) -> Html {
    let path = site().join(variant.dir()).join("print.html");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{} was not built: {e}", path.display()));
    Html::parse_document(&text)
}

fn select<'a>(html: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    let selector = Selector::parse(css).expect("valid selector");
    html.select(&selector).collect()
}

fn text_of(element: &scraper::ElementRef<'_>) -> String {
    element
        .text()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn print_page_ids_are_unique_and_its_links_stay_on_the_page() {
    for variant in Variant::ALL {
        let html = print_page(variant);
        let mut ids = HashSet::new();
        for element in select(&html, "[id]") {
            let id = element.value().attr("id").unwrap_or_default();
            assert!(
                ids.insert(id.to_string()),
                "{variant}: id `{id}` is used twice"
            );
        }
        for link in select(&html, "main a[href], main svg a") {
            let href = link
                .value()
                .attr("href")
                .or_else(|| link.value().attr("xlink:href"))
                .unwrap_or_default();
            let target = href.strip_prefix('#').unwrap_or_else(|| {
                panic!("{variant}: a link of the print page leaves it: `{href}`")
            });
            assert!(ids.contains(target), "{variant}: `{href}` points at no id");
        }
    }
}

#[test]
fn print_page_has_every_document_and_role_in_reporting_order() {
    for variant in Variant::ALL {
        let handbook = handbook_in(variant);
        let html = print_page(variant);
        let headings: Vec<(String, String)> = select(&html, "[data-outline]")
            .iter()
            .map(|h| {
                (
                    h.value()
                        .attr("data-outline")
                        .unwrap_or_default()
                        .to_string(),
                    text_of(h),
                )
            })
            .collect();
        let mut expected = vec![("1".to_string(), interface_string("contents", variant))];
        for doc in &handbook.documents {
            expected.push(("1".to_string(), document_heading(doc)));
            expected.extend(doc.roles.iter().map(|r| ("2".to_string(), r.title.clone())));
        }
        assert_eq!(headings, expected, "{variant}");
        // Every bookmark heading is a link target: `handbook pdf` finds its
        // page through the named destination Chromium writes for a target.
        let targets: HashSet<String> = select(&html, "a[href^='#']")
            .iter()
            .filter_map(|a| a.value().attr("href"))
            .map(|h| h.trim_start_matches('#').to_string())
            .collect();
        for h in select(&html, "[data-outline]") {
            let id = h.value().attr("id").unwrap_or_default();
            assert!(targets.contains(id), "{variant}: nothing links to #{id}");
        }
    }
}

#[test]
fn print_page_has_an_org_chart_per_document_and_keeps_screen_parts_apart() {
    let html = print_page(Variant::Hans);
    let documents = select(&html, "section.print-document");
    let source = handbook_in(Variant::Hans);
    assert_eq!(documents.len(), source.documents.len());
    // A document of department duties only has no chart: it would be one
    // box of its own title.
    for (doc, model) in documents.iter().zip(&source.documents) {
        let chart = Selector::parse("figure.orgchart svg").expect("valid selector");
        assert_eq!(
            doc.select(&chart).next().is_some(),
            !model.roles.is_empty(),
            "{}: a chart exactly when it has roles",
            model.id
        );
    }
    // The site's header (switcher included) is in the screen-only bar; the
    // search box and breadcrumbs are not on the page at all.
    assert!(select(&html, ".site-search, .breadcrumbs").is_empty());
    assert!(select(&html, "main .variant-switcher, main .site-nav").is_empty());
    assert_eq!(
        select(&html, ".print-screen-nav .variant-switcher").len(),
        1
    );
    let css =
        std::fs::read_to_string(chromium::repo_root().join("themes/default/static/print.css"))
            .expect("print.css exists");
    assert!(
        css.contains(".print-screen-nav"),
        "print.css must hide the print page's screen nav"
    );
}

// ---------------------------------------------------------------------------
// `handbook pdf`

/// Where `handbook pdf` wrote, once per test binary; `None` when skipped.
struct Printed {
    _dir: tempfile::TempDir,
    site: PathBuf,
}

fn printed() -> Option<&'static Printed> {
    static PRINTED: OnceLock<Option<Printed>> = OnceLock::new();
    PRINTED
        .get_or_init(|| {
            if !chromium_available() || !poppler_available() {
                return None;
            }
            let dir = tempfile::tempdir().expect("temporary folder");
            let site = dir.path().join("site");
            let started = Instant::now();
            let output = run(crate::handbook_command()
                .arg("pdf")
                .arg("--output")
                .arg(&site)
                .current_dir(chromium::repo_root()));
            let _ = writeln!(
                std::io::stderr(),
                "handbook pdf: {:.1?}\n{}",
                started.elapsed(),
                String::from_utf8_lossy(&output.stdout)
            );
            Some(Printed { _dir: dir, site })
        })
        .as_ref()
}

/// Each variant's PDF with its bookmarks and page texts.
struct Book {
    variant: Variant,
    path: PathBuf,
    outline: Vec<Entry>,
    pages: Vec<String>,
    handbook: &'static Handbook,
}

/// The PDFs of every variant, read once per test binary; `None` when skipped.
fn books() -> Option<&'static [Book]> {
    static BOOKS: OnceLock<Option<Vec<Book>>> = OnceLock::new();
    let books = BOOKS.get_or_init(|| {
        let printed = printed()?;
        let books = Variant::ALL.into_iter().map(|variant| {
            let path = handbook::pdf::pdf_path(&printed.site, variant);
            let bytes = std::fs::read(&path)
                .unwrap_or_else(|e| panic!("{} was not written: {e}", path.display()));
            Book {
                variant,
                outline: outline::read_pdf(&bytes).expect("the PDF's outline reads"),
                pages: page_texts(&path),
                handbook: handbook_in(variant),
                path,
            }
        });
        Some(books.collect())
    });
    books.as_deref()
}

#[test]
fn pdf_outline_lists_the_documents_and_their_roles() {
    let Some(books) = books() else { return };
    for book in books {
        let got: Vec<(usize, String)> = book
            .outline
            .iter()
            .map(|e| (e.level, e.title.clone()))
            .collect();
        let mut expected = vec![(1, interface_string("contents", book.variant))];
        for doc in &book.handbook.documents {
            expected.push((1, document_heading(doc)));
            expected.extend(doc.roles.iter().map(|r| (2, r.title.clone())));
        }
        assert_eq!(got, expected, "{}", book.path.display());
    }
}

#[test]
fn pdf_has_every_role_title_and_no_screen_only_text() {
    let Some(books) = books() else { return };
    for book in books {
        let text = book.pages.concat();
        for (_, role) in book.handbook.roles() {
            assert!(
                text.contains(&role.title),
                "{}: no `{}`",
                book.path.display(),
                role.title
            );
        }
        for screen in screen_only_texts(book.variant) {
            assert!(
                !text.contains(&screen),
                "{}: printed `{screen}`",
                book.path.display()
            );
        }
    }
}

#[test]
fn pdf_starts_each_document_and_role_on_a_new_page() {
    let Some(books) = books() else { return };
    for book in books {
        let mut previous = 0;
        // The contents, then each document and role, in order.
        for entry in &book.outline {
            assert!(
                entry.page > previous,
                "{}: `{}` starts on page {}, not after page {previous}",
                book.path.display(),
                entry.title,
                entry.page
            );
            previous = entry.page;
            let text = &book.pages[entry.page as usize - 1];
            assert_eq!(
                first_line_below_header(text, &book.handbook.title),
                entry.title,
                "{}: page {} does not start with `{}`:\n{text}",
                book.path.display(),
                entry.page,
                entry.title
            );
        }
    }
}

/// The first line of a page's text that is not its running header (which
/// starts with the handbook's title), with its spaces collapsed.
fn first_line_below_header(page: &str, handbook_title: &str) -> String {
    page.lines()
        .map(collapse)
        .find(|line| !line.is_empty() && !line.starts_with(handbook_title))
        .unwrap_or_default()
}

/// Whether a page's text has the footer `page / total` on a line of its own
/// (pdftotext may drop the footer's small spaces).
fn has_page_number(text: &str, page: usize, total: usize) -> bool {
    let footer = format!("{page}/{total}");
    text.lines()
        .any(|line| line.split_whitespace().collect::<String>() == footer)
}

/// A line of `pdftotext -layout` with its runs of spaces made one.
fn collapse(line: &str) -> String {
    line.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn pdf_pages_are_numbered_and_the_contents_give_the_pages() {
    let Some(books) = books() else { return };
    for book in books {
        let total = book.pages.len();
        assert!(
            !has_page_number(&book.pages[0], 1, total),
            "the cover has no number"
        );
        for (i, page) in book.pages.iter().enumerate().skip(1) {
            assert!(
                has_page_number(page, i + 1, total),
                "{}: page {} has no `{} / {total}`",
                book.path.display(),
                i + 1,
                i + 1
            );
        }
        // The contents run from their own page to the first document's.
        let contents = book.outline[0].page as usize;
        let first_document = book.outline[1].page as usize;
        let toc = book.pages[contents - 1..first_document - 1].concat();
        for entry in &book.outline[1..] {
            let listed = toc.lines().map(collapse).any(|line| {
                line.starts_with(&entry.title) && line.ends_with(&format!(" {}", entry.page))
            });
            assert!(
                listed,
                "{}: the contents do not give page {} for `{}`:\n{toc}",
                book.path.display(),
                entry.page,
                entry.title
            );
        }
    }
}

#[test]
fn pdf_embeds_a_chinese_font() {
    let Some(books) = books() else { return };
    for book in books {
        let output = run(Command::new("pdffonts").arg(&book.path));
        let listing = String::from_utf8_lossy(&output.stdout).into_owned();
        let fonts: Vec<&str> = listing.lines().skip(2).collect();
        assert!(!fonts.is_empty(), "{}: no fonts", book.path.display());
        for font in &fonts {
            // Columns: name, type (one or two words), encoding, emb, sub, uni, id.
            let columns: Vec<&str> = font.split_whitespace().collect();
            let emb = columns[columns.len() - 5];
            assert_eq!(
                emb,
                "yes",
                "{}: font not embedded: {font}",
                book.path.display()
            );
        }
        // Chromium (Skia) embeds CFF-flavoured OpenType fonts, Debian's Noto
        // CJK among them, as Type 3 fonts without a name; TrueType CJK fonts
        // keep theirs.
        let cjk = fonts.iter().any(|font| {
            font.contains("Type 3")
                || [
                    "CJK",
                    "Han",
                    "Hei",
                    "Song",
                    "Ming",
                    "WenQuanYi",
                    "AR PL",
                    "Droid",
                ]
                .iter()
                .any(|family| font.contains(family))
        });
        assert!(
            cjk,
            "{}: no Chinese font embedded:\n{listing}",
            book.path.display()
        );
    }
}

// ---------------------------------------------------------------------------
// `handbook pdf` without what it needs

#[test]
fn pdf_without_chromium_says_how_to_install_it() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let empty_path = dir.path().join("bin");
    std::fs::create_dir(&empty_path).expect("create folder");
    let output = crate::handbook_command()
        .arg("pdf")
        .arg("--output")
        .arg(dir.path().join("site"))
        .current_dir(chromium::repo_root())
        .env_remove("CHROME")
        .env("PATH", &empty_path)
        .output()
        .expect("could not run the handbook binary");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "succeeded without Chromium");
    assert!(stderr.contains("apt-get install chromium"), "{stderr}");
    assert!(
        !dir.path().join("site").exists(),
        "built although it cannot print"
    );
}

/// Whether fontconfig lists a Chinese font; prints the skip notice if not.
fn cjk_font_available() -> bool {
    let listed = Command::new("fc-list").arg(":lang=zh").output();
    let found = listed.is_ok_and(|out| !out.stdout.is_empty());
    if !found {
        missing(
            "no Chinese font (fc-list :lang=zh)",
            "install fonts-noto-cjk and fontconfig",
        );
    }
    found
}

#[test]
fn pdf_that_fails_to_print_leaves_the_site_and_its_pdfs_as_they_were() {
    if !cjk_font_available() {
        return;
    }
    let dir = tempfile::tempdir().expect("temporary folder");
    let site = dir.path().join("site");
    run(crate::handbook_command()
        .args(["build", "--output"])
        .arg(&site)
        .current_dir(chromium::repo_root()));
    let old_pdf = handbook::pdf::pdf_path(&site, Variant::Hans);
    std::fs::write(&old_pdf, b"%PDF printed earlier").expect("write a PDF");
    let before = fixture::snapshot(&site);
    // A "Chromium" that exits at once: the site builds, the printing fails.
    let output = crate::handbook_command()
        .args(["pdf", "--output"])
        .arg(&site)
        .current_dir(chromium::repo_root())
        .env("CHROME", "/bin/false")
        .output()
        .expect("could not run the handbook binary");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "succeeded without printing");
    assert!(stderr.contains("Chromium"), "{stderr}");
    assert!(
        fixture::snapshot(&site) == before,
        "the failed print changed the output"
    );
}

#[test]
fn pdf_without_a_chinese_font_says_how_to_install_one() {
    if !chromium_available() {
        return;
    }
    if Command::new("fc-list").arg("--version").output().is_err() {
        missing(
            "fc-list not found",
            "install fontconfig (apt-get install fontconfig)",
        );
        return;
    }
    let dir = tempfile::tempdir().expect("temporary folder");
    // A fontconfig configuration with no font folders: no fonts at all.
    let config = dir.path().join("fonts.conf");
    std::fs::write(
        &config,
        "<?xml version=\"1.0\"?>\n<fontconfig></fontconfig>\n",
    )
    .expect("write fonts.conf");
    let output = crate::handbook_command()
        .arg("pdf")
        .arg("--output")
        .arg(dir.path().join("site"))
        .current_dir(chromium::repo_root())
        .env("FONTCONFIG_FILE", &config)
        .output()
        .expect("could not run the handbook binary");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "succeeded without a Chinese font");
    assert!(
        stderr.contains("apt-get install fonts-noto-cjk"),
        "{stderr}"
    );
}

// ---------------------------------------------------------------------------
// Single pages printed from the browser

fn print_single(browser: &chromium::Browser, page: &Path) -> PathBuf {
    let tab = browser.open_file(page);
    let options = PrintToPdfOptions {
        prefer_css_page_size: Some(true),
        ..PrintToPdfOptions::default()
    };
    let bytes = tab
        .tab()
        .print_to_pdf(Some(options))
        .unwrap_or_else(|e| panic!("printing {} failed: {e:#}", page.display()));
    let pdf = page.with_extension("pdf");
    std::fs::write(&pdf, bytes).expect("write the PDF");
    pdf
}

#[test]
fn a_role_page_prints_as_a_job_description_on_one_or_two_pages() {
    let role_page = site().join("zh-hans/04-womenswear-operations/dian-zhang.html");
    let html = std::fs::read_to_string(&role_page).expect("the role page was built");
    assert!(
        html.contains("print.css\" media=\"print\""),
        "base.html does not link print.css: add \
         <link rel=\"stylesheet\" href=\"{{{{ site.static_root }}}}print.css\" media=\"print\">"
    );
    if !poppler_available() {
        return;
    }
    let Some(browser) = chromium::Browser::launch() else {
        return;
    };
    for variant in Variant::ALL {
        let handbook = handbook_in(variant);
        // Every role in the source script, one in each of the others.
        let roles: Vec<_> = match variant {
            Variant::Hans => handbook.roles().collect(),
            _ => handbook.roles().take(1).collect(),
        };
        for (doc, role) in roles {
            let page = site()
                .join(variant.dir())
                .join(doc.id.as_str())
                .join(format!("{}.html", role.id));
            let pdf = print_single(&browser, &page);
            let pages = page_texts(&pdf);
            assert!(
                (1..=2).contains(&pages.len()),
                "{} prints on {} pages",
                page.display(),
                pages.len()
            );
            let text = pages.concat();
            assert_eq!(
                first_line_below_header(&pages[0], &handbook.title),
                role.title,
                "{}",
                page.display()
            );
            let sections = [
                ("document", true),
                ("reports_to", true),
                ("direct_reports", true),
                ("key_responsibility", !role.key_responsibility.is_empty()),
                ("duties", !role.duties.events.is_empty()),
                ("authority", !role.authority.is_empty()),
                ("qualifications", !role.qualifications.is_empty()),
            ];
            for (key, _) in sections.iter().filter(|(_, shown)| *shown) {
                let label = interface_string(key, variant);
                assert!(text.contains(&label), "{}: no `{label}`", page.display());
            }
            for screen in screen_only_texts(variant) {
                assert!(
                    !text.contains(&screen),
                    "{}: printed `{screen}`",
                    page.display()
                );
            }
            for (i, text) in pages.iter().enumerate() {
                let number = has_page_number(text, i + 1, pages.len());
                assert!(number, "{}: page {} has no number", page.display(), i + 1);
            }
        }
    }
}

#[test]
fn print_page_has_no_serious_accessibility_problems() {
    let Some(browser) = chromium::Browser::launch() else {
        return;
    };
    if !chromium::axe_available() {
        return;
    }
    for variant in Variant::ALL {
        let page = browser.open_file(&site().join(variant.dir()).join("print.html"));
        assert_eq!(page.console_errors(), Vec::<String>::new(), "{variant}");
        let serious = chromium::serious(browser.axe(&page));
        assert!(
            serious.is_empty(),
            "{variant}:\n{}",
            chromium::describe(&serious)
        );
    }
}

/// Above `print_page_limit` roles the print edition is a page per
/// document: `print.html` lists them, each holds its document whole (no
/// signature blocks), and the whole-handbook page holds no roles.
#[test]
fn a_large_handbook_prints_a_page_per_document() {
    let site = crate::fixture::Site::new();
    site.write("handbook.yaml", "title: 测试手册\nprint_page_limit: 1\n");
    let out = site.build();
    assert!(out.status.success(), "{}", crate::fixture::stderr(&out));
    let read = |rel: &str| {
        let text = std::fs::read_to_string(site.path(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
        Html::parse_document(&text)
    };
    let index = read("output/zh-hans/print.html");
    let parts: Vec<String> = select(&index, ".print-parts a")
        .iter()
        .filter_map(|a| a.value().attr("href").map(str::to_string))
        .collect();
    assert_eq!(parts, ["print-04-demo.html"]);
    assert!(
        select(&index, ".print-role").is_empty(),
        "the index holds no roles"
    );
    let part = read("output/zh-hans/print-04-demo.html");
    let roles: Vec<String> = select(&part, ".print-role h3")
        .iter()
        .map(text_of)
        .collect();
    assert_eq!(roles, ["运营总监", "运营区长"]);
    assert!(
        select(&part, ".signature").is_empty(),
        "a part of the edition is signed by no one"
    );
    assert!(select(&part, ".print-cover").is_empty());
    let ids: Vec<&str> = part
        .select(&Selector::parse("[id]").unwrap())
        .filter_map(|e| e.value().attr("id"))
        .collect();
    for link in select(&part, "main a[href^='#']") {
        let target = link
            .value()
            .attr("href")
            .unwrap_or_default()
            .trim_start_matches('#');
        assert!(ids.contains(&target), "#{target} is on the page");
    }
}

/// `handbook pdf` of a handbook printed in parts: a PDF per document, and
/// one PDF of them all whose pages are theirs in order and whose outline
/// holds every document with its roles.
#[test]
fn pdf_of_a_handbook_in_parts_is_a_pdf_per_document_and_one_of_all() {
    if !chromium_available() {
        return;
    }
    let site = crate::fixture::Site::new();
    site.write("handbook.yaml", "title: 测试手册\nprint_page_limit: 2\n");
    site.write(
        "content/05-more/_index.md",
        "---\ntitle: 客服部岗位职责\norganization: 某平台\nindustry: 互联网\nsource: 第五篇\n---\n1. 部门职责。\n",
    );
    site.write(
        "content/05-more/ke-fu-zhu-guan.md",
        "---\ntitle: 客服主管\n---\n1. 受理客户投诉。\n",
    );
    let out = site.run(&["pdf", "--variant", "zh-Hans"]);
    assert!(out.status.success(), "{}", crate::fixture::stderr(&out));
    let part_pages = |name: &str| {
        let bytes =
            std::fs::read(site.path(&format!("output/handbook-zh-hans/{name}.pdf"))).expect(name);
        lopdf::Document::load_mem(&bytes)
            .expect("a PDF")
            .get_pages()
            .len()
    };
    let (first, second) = (part_pages("04-demo"), part_pages("05-more"));
    let whole = std::fs::read(site.path("output/handbook-zh-hans.pdf")).expect("the whole");
    let doc = lopdf::Document::load_mem(&whole).expect("a PDF");
    assert_eq!(
        doc.get_pages().len(),
        first + second,
        "the parts' pages in order"
    );
    let entries = outline::read(&doc).expect("an outline");
    let shown: Vec<(usize, &str, u32)> = entries
        .iter()
        .map(|e| (e.level, e.title.as_str(), e.page))
        .collect();
    let top: Vec<&(usize, &str, u32)> = shown.iter().filter(|e| e.0 == 1).collect();
    assert_eq!(top.len(), 2, "{shown:?}");
    assert!(
        top[0].1.contains("运营部岗位职责") && top[1].1.contains("客服部岗位职责"),
        "{shown:?}"
    );
    assert_eq!(
        top[1].2 as usize,
        first + 1,
        "the second document starts after the first's pages"
    );
    let roles: Vec<&str> = shown.iter().filter(|e| e.0 == 2).map(|e| e.1).collect();
    assert_eq!(roles, ["运营总监", "运营区长", "客服主管"]);
}

//! The regional vocabulary layer (`src/convert/data/regional.tsv`): its data
//! checked against OpenCC, and the reviewed list of HR and business phrases
//! (`tests/fixtures/regional-phrases.tsv`) that zh-TW and zh-HK must render
//! as Taiwan and Hong Kong readers expect.

use handbook::convert::regional;
use handbook::convert::{Converter, OpenccConfig};
use handbook::variant::Variant;

const PHRASES: &str = include_str!("../fixtures/regional-phrases.tsv");

fn convert(config: OpenccConfig, text: &str) -> String {
    Converter::new(config).convert(text)
}

fn to(variant: Variant, text: &str) -> String {
    match Converter::for_variant(variant) {
        Some(converter) => converter.convert(text),
        None => text.to_string(),
    }
}

#[test]
fn the_layer_matches_opencc_traditional() {
    let wrong: Vec<String> = regional::entries()
        .iter()
        .filter(|e| convert(OpenccConfig::S2t, e.simplified) != e.traditional)
        .map(|e| {
            let t = convert(OpenccConfig::S2t, e.simplified);
            format!(
                "line {}: {} is {t} in s2t, not {}",
                e.line, e.simplified, e.traditional
            )
        })
        .collect();
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// A rendering is final: it must already be in the region's character
/// forms, since no later step changes it.
#[test]
fn renderings_are_in_the_regions_character_forms() {
    let mut wrong = Vec::new();
    for e in regional::entries() {
        for (variant, config) in [
            (Variant::Tw, OpenccConfig::T2tw),
            (Variant::Hk, OpenccConfig::T2hk),
        ] {
            if let Some(r) = e.rendering(variant) {
                let forms = convert(config, r);
                if forms != r {
                    wrong.push(format!(
                        "line {}: {variant} {r} is {forms} in {config}",
                        e.line
                    ));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn each_entry_converts_to_its_rendering() {
    let mut wrong = Vec::new();
    for e in regional::entries() {
        for variant in [Variant::Tw, Variant::Hk] {
            let got = to(variant, e.simplified);
            if let Some(r) = e.rendering(variant).filter(|r| got != *r) {
                wrong.push(format!(
                    "line {}: {variant} {} → {got}, not {r}",
                    e.line, e.simplified
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// One reviewed phrase of the test list.
struct Phrase<'a> {
    line: usize,
    simplified: &'a str,
    accepted: [Vec<&'a str>; 2],
    wrong: [Vec<&'a str>; 2],
}

fn phrases() -> Vec<Phrase<'static>> {
    let split = |cell: &'static str| -> Vec<&'static str> {
        cell.split('|')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect()
    };
    PHRASES
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.starts_with('#') && !l.trim().is_empty())
        .map(|(i, l)| {
            let cells: Vec<&str> = l.split('\t').collect();
            assert!(cells.len() >= 6, "regional-phrases.tsv line {}: {l}", i + 1);
            Phrase {
                line: i + 1,
                simplified: cells[1].trim(),
                accepted: [split(cells[2]), split(cells[4])],
                wrong: [split(cells[3]), split(cells[5])],
            }
        })
        .collect()
}

#[test]
fn the_phrase_list_is_broad_and_consistent() {
    let list = phrases();
    assert!(list.len() >= 300, "{} phrases", list.len());
    let domains = PHRASES
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split('\t').next())
        .collect::<std::collections::BTreeSet<_>>();
    for domain in [
        "recruiting",
        "training",
        "payroll",
        "performance",
        "operations",
        "logistics",
        "it",
        "retail",
        "catering",
        "property",
        "finance",
    ] {
        assert!(domains.contains(domain), "no {domain} phrases");
    }
    for p in &list {
        for region in 0..2 {
            assert!(
                !p.accepted[region].is_empty(),
                "line {}: nothing accepted",
                p.line
            );
            for w in &p.wrong[region] {
                assert!(
                    !p.accepted[region].contains(w),
                    "line {}: {w} both ways",
                    p.line
                );
            }
        }
    }
}

/// Every phrase alone, and inside a sentence of a job description, renders
/// as one of its accepted forms and never as a wrong one.
#[test]
fn every_reviewed_phrase_reads_right_in_taiwan_and_hong_kong() {
    let mut wrong = Vec::new();
    for p in phrases() {
        for (region, variant) in [(0, Variant::Tw), (1, Variant::Hk)] {
            let alone = to(variant, p.simplified);
            if !p.accepted[region].contains(&alone.as_str()) {
                wrong.push(format!(
                    "line {}: {variant} {} → {alone}, expected {}",
                    p.line,
                    p.simplified,
                    p.accepted[region].join(" or ")
                ));
                continue;
            }
            let sentence = to(variant, &format!("1. 负责{}相关工作。", p.simplified));
            let bad = p.wrong[region].iter().find(|w| sentence.contains(*w));
            let good = p.accepted[region].iter().any(|a| sentence.contains(a));
            if bad.is_some() || !good {
                wrong.push(format!(
                    "line {}: {variant} in a sentence: {sentence}",
                    p.line
                ));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "{} wrong:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

/// `handbook convert` with an OpenCC config name stays OpenCC: the layer
/// applies to variants only.
#[test]
fn opencc_configs_stay_exactly_opencc() {
    assert_eq!(convert(OpenccConfig::S2twp, "库存盘点"), "庫存檔點");
    assert_eq!(to(Variant::Tw, "库存盘点"), "庫存盤點");
    assert_eq!(convert(OpenccConfig::S2hk, "服务器"), "服務器");
    assert_eq!(to(Variant::Hk, "服务器"), "伺服器");
    assert_eq!(
        to(Variant::Hant, "服务器"),
        convert(OpenccConfig::S2t, "服务器")
    );
}

/// Every interface string of the default theme as built for zh-TW and
/// zh-HK, against the reviewed texts in `tests/fixtures/strings-reviewed.yaml`:
/// a changed string, or a change of the conversion that touches one, needs
/// a reader of each region to look at it again.
#[test]
fn interface_strings_read_as_reviewed_in_taiwan_and_hong_kong() {
    type Reviewed = std::collections::BTreeMap<String, std::collections::BTreeMap<Variant, String>>;
    let root = crate::chromium::repo_root();
    let reviewed: Reviewed =
        serde_yaml::from_str(include_str!("../fixtures/strings-reviewed.yaml")).expect("yaml");
    let config = handbook::config::Config::load(root).expect("settings load");
    let setup = handbook::pipeline::Setup::load(root, config).expect("theme loads");
    let mut wrong = Vec::new();
    for variant in [Variant::Tw, Variant::Hk] {
        let convert = handbook::pipeline::text_converter(variant, &setup.glossary);
        let built = handbook::pipeline::interface_strings(&setup, variant, &convert);
        for (key, text) in &built {
            match reviewed.get(key).and_then(|by| by.get(&variant)) {
                Some(r) if r == text => {}
                Some(r) => wrong.push(format!("{key} in {variant}: built {text}, reviewed {r}")),
                None => wrong.push(format!("{key} in {variant}: {text} was never reviewed")),
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

//! Search quality on judged queries: `tests/fixtures/search-judged.tsv`
//! lists queries a reader types (single words, phrases, both scripts,
//! pinyin, initials, slips of the same sound, synonyms, other regions'
//! words, and queries that must find nothing) with the results a person
//! expects first. The real content is searched as built, in every variant
//! the set names, and success at 1 and the mean reciprocal rank must stay
//! at or above the targets of issue 17.

use std::path::Path;

use handbook::convert::glossary::Glossary;
use handbook::model::Handbook;
use handbook::search::{Index, Searcher};
use handbook::variant::Variant;

/// Share of queries whose first result is a right one.
const SUCCESS_AT_1: f64 = 0.90;
/// Mean of 1 / the rank of the first right result (0 when none is).
const MEAN_RECIPROCAL_RANK: f64 = 0.93;

/// One judged query.
#[derive(Debug)]
pub struct Judged {
    pub query: String,
    /// Entries that are right first results (`document/role`, or
    /// `document/` for a document's department duties); empty: the query
    /// must find nothing.
    pub expected: Vec<String>,
    pub kind: String,
    /// Variants the query is judged in.
    pub variants: Vec<Variant>,
    pub line: usize,
}

pub fn judged() -> Vec<Judged> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/search-judged.tsv");
    let text = std::fs::read_to_string(&path).expect("the judged queries");
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.starts_with('#') && !l.trim().is_empty())
        .map(|(i, l)| {
            let cols: Vec<&str> = l.split('\t').collect();
            assert!(
                cols.len() == 4,
                "line {}: query, expected, kind, variants",
                i + 1
            );
            let expected = match cols[1] {
                "-" => Vec::new(),
                e => e.split('|').map(str::to_string).collect(),
            };
            Judged {
                query: cols[0].to_string(),
                expected,
                kind: cols[2].to_string(),
                variants: variants(cols[3], i + 1),
                line: i + 1,
            }
        })
        .collect()
}

const VARIANTS: [Variant; 4] = [Variant::Hans, Variant::Hant, Variant::Tw, Variant::Hk];

fn variants(column: &str, line: usize) -> Vec<Variant> {
    if column == "all" {
        return VARIANTS.to_vec();
    }
    (column.split(' '))
        .map(|tag| {
            (VARIANTS.into_iter())
                .find(|v| v.lang() == tag)
                .unwrap_or_else(|| panic!("line {line}: no variant {tag}"))
        })
        .collect()
}

/// The handbook in `variant`'s script and the glossary, as the build has
/// them.
pub fn handbook_in(variant: Variant) -> (Handbook, Glossary) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (_, handbook) = handbook::pipeline::load(root).expect("the handbook loads");
    let glossary = Glossary::load(root).expect("the glossary loads");
    let converted = handbook.map_text(&handbook::pipeline::text_converter(variant, &glossary));
    (converted, glossary)
}

/// `document/role` of each result, best first.
pub fn ranked(index: &Index, searcher: &Searcher, query: &str) -> Vec<String> {
    searcher
        .search(query, None)
        .iter()
        .map(|h| {
            let e = &index.entries[h.entry];
            format!(
                "{}/{}",
                index.docs[e.doc].id,
                e.role.as_deref().unwrap_or("")
            )
        })
        .collect()
}

/// 1 / the rank of the first right result; for a query that must find
/// nothing, 1 when it finds nothing.
fn reciprocal_rank(judged: &Judged, results: &[String]) -> f64 {
    if judged.expected.is_empty() {
        return if results.is_empty() { 1.0 } else { 0.0 };
    }
    results
        .iter()
        .position(|r| judged.expected.contains(r))
        .map_or(0.0, |rank| 1.0 / (rank + 1) as f64)
}

#[test]
fn the_judged_set_is_broad() {
    let set = judged();
    assert!(set.len() >= 80, "{} queries", set.len());
    for kind in [
        "word",
        "phrase",
        "traditional",
        "pinyin",
        "initials",
        "slip",
        "synonym",
        "none",
    ] {
        assert!(
            set.iter().any(|j| j.kind == kind),
            "no query of kind {kind}"
        );
    }
}

#[test]
fn judged_queries_find_the_right_role_first_in_every_variant() {
    let set = judged();
    for variant in VARIANTS {
        let (handbook, glossary) = handbook_in(variant);
        let groups = handbook::pipeline::search_groups(&glossary, variant);
        let index = Index::with_synonyms(&handbook, &groups);
        let searcher = Searcher::new(&index);
        let mut misses = Vec::new();
        let (mut first, mut rr) = (0.0, 0.0);
        let set: Vec<&Judged> = set
            .iter()
            .filter(|j| j.variants.contains(&variant))
            .collect();
        for j in &set {
            let results = ranked(&index, &searcher, &j.query);
            let r = reciprocal_rank(j, &results);
            if r == 1.0 {
                first += 1.0;
            } else {
                let top: Vec<&String> = results.iter().take(3).collect();
                misses.push(format!(
                    "  line {} [{}] {}: {:?}",
                    j.line, j.kind, j.query, top
                ));
            }
            rr += r;
        }
        let n = set.len() as f64;
        let (s1, mrr) = (first / n, rr / n);
        eprintln!(
            "{variant:?}: success@1 {s1:.3}, MRR {mrr:.3}\n{}",
            misses.join("\n")
        );
        assert!(
            s1 >= SUCCESS_AT_1 && mrr >= MEAN_RECIPROCAL_RANK,
            "{variant:?}: success@1 {s1:.3} (at least {SUCCESS_AT_1}), MRR {mrr:.3} (at least {MEAN_RECIPROCAL_RANK})\nnot first:\n{}",
            misses.join("\n")
        );
    }
}

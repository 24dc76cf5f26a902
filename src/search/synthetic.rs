//! Large made-up handbooks for the search benchmark and the browser latency
//! test: the real handbook's titles and sentences, recombined
//! deterministically.

use std::path::PathBuf;

use super::entries::rich_passages;
use crate::model::rich::{parse, parse_inline};
use crate::model::{DocId, Document, Handbook, Item, Rich, Role, RoleId};

/// Roles per made-up document.
const ROLES_PER_DOCUMENT: usize = 50;

/// How new text is made from the real text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recombine {
    /// Whole real sentences in new combinations: what a grown handbook of
    /// the same companies looks like, with its boilerplate repeated.
    Sentences,
    /// New sentences from real clauses (split at ，；、): nearly every
    /// passage is new, the worst case for an index that stores each distinct
    /// passage once.
    Clauses,
}

/// A handbook of `roles` roles made from `source`'s vocabulary; the same
/// arguments always give the same handbook.
pub fn synthetic_handbook(source: &Handbook, roles: usize, how: Recombine) -> Handbook {
    let pools = Pools::new(source);
    let mut rng = Rng(0x5eed_1234_abcd_0042);
    let documents = (0..roles.div_ceil(ROLES_PER_DOCUMENT))
        .map(|d| {
            let count = ROLES_PER_DOCUMENT.min(roles - d * ROLES_PER_DOCUMENT);
            let made: Vec<Role> = (0..count)
                .map(|r| pools.role(&mut rng, d * ROLES_PER_DOCUMENT + r, how))
                .collect();
            pools.document(&mut rng, d, made, how)
        })
        .collect();
    Handbook {
        title: source.title.clone(),
        description: source.description.clone(),
        documents,
    }
}

/// A small deterministic generator (SplitMix64); no dependency needed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `low..=high`.
    fn between(&mut self, low: usize, high: usize) -> usize {
        low + (self.next() % (high - low + 1) as u64) as usize
    }

    fn pick<'a>(&mut self, pool: &'a [String]) -> &'a str {
        if pool.is_empty() {
            return "";
        }
        &pool[self.between(0, pool.len() - 1)]
    }

    /// Between `low` and `high` picks from `pool`.
    fn some(&mut self, pool: &[String], low: usize, high: usize) -> Vec<String> {
        let n = self.between(low, high);
        (0..n).map(|_| self.pick(pool).to_string()).collect()
    }
}

struct Pools {
    titles: Vec<String>,
    document_titles: Vec<String>,
    key: Vec<String>,
    duties: Vec<String>,
    clauses: Vec<String>,
    authority: Vec<String>,
    qualifications: Vec<String>,
}

impl Pools {
    fn new(source: &Handbook) -> Pools {
        let roles: Vec<&Role> = source.roles().map(|(_, r)| r).collect();
        let mut duties: Vec<String> = roles
            .iter()
            .flat_map(|r| rich_passages(&r.duties))
            .chain(
                source
                    .documents
                    .iter()
                    .flat_map(|d| rich_passages(&d.duties)),
            )
            .map(|p| p.text)
            .collect();
        duties.sort();
        duties.dedup();
        let clauses = duties
            .iter()
            .flat_map(|s| s.split(['，', ',', '；', ';', '、', '。']))
            .map(str::trim)
            .filter(|c| c.chars().count() >= 2)
            .map(str::to_string)
            .collect();
        Pools {
            titles: roles.iter().map(|r| r.title.clone()).collect(),
            document_titles: source.documents.iter().map(|d| d.title.clone()).collect(),
            key: roles
                .iter()
                .flat_map(|r| texts(&r.key_responsibility))
                .collect(),
            duties,
            clauses,
            authority: roles.iter().flat_map(|r| texts(&r.authority)).collect(),
            qualifications: roles
                .iter()
                .flat_map(|r| texts(&r.qualifications))
                .collect(),
        }
    }

    fn sentence(&self, rng: &mut Rng, how: Recombine) -> String {
        match how {
            Recombine::Sentences => rng.pick(&self.duties).to_string(),
            Recombine::Clauses => {
                let parts: Vec<&str> = (0..rng.between(2, 3))
                    .map(|_| rng.pick(&self.clauses))
                    .collect();
                format!("{}。", parts.join("，"))
            }
        }
    }

    fn duties_markdown(&self, rng: &mut Rng, how: Recombine) -> String {
        let mut md = String::new();
        for n in 1..=rng.between(5, 12) {
            md.push_str(&format!("{n}. {}\n", self.sentence(rng, how)));
            if rng.between(0, 3) == 0 {
                for m in 1..=rng.between(2, 4) {
                    md.push_str(&format!("   {m}. {}\n", self.sentence(rng, how)));
                }
            }
        }
        md
    }

    fn role(&self, rng: &mut Rng, n: usize, how: Recombine) -> Role {
        let id = format!("r-{n:05}");
        let key = rng.some(&self.key, 0, 1);
        let authority = rng.some(&self.authority, 0, 3);
        let qualifications = rng.some(&self.qualifications, 1, 5);
        Role {
            id: RoleId::parse(&id).unwrap_or_else(|| unreachable!("{id} is a slug")),
            title: rng.pick(&self.titles).to_string(),
            reports_to: None,
            direct_reports: Vec::new(),
            depth: 0,
            key_responsibility: items(key),
            duties: rich(&self.duties_markdown(rng, how)),
            authority: items(authority),
            qualifications: items(qualifications),
            sort_key: id.clone(),
            file: PathBuf::from(format!("{id}.md")),
        }
    }

    fn document(&self, rng: &mut Rng, n: usize, roles: Vec<Role>, how: Recombine) -> Document {
        let id = format!("syn-{n:04}");
        let duties = if rng.between(0, 1) == 0 {
            self.duties_markdown(rng, how)
        } else {
            String::new()
        };
        Document {
            id: DocId::parse(&id).unwrap_or_else(|| unreachable!("{id} is a slug")),
            title: rng.pick(&self.document_titles).to_string(),
            organization: format!("合成单位{n}"),
            industry: String::new(),
            source: format!("第{}篇", n + 1),
            summary: String::new(),
            external_superiors: Vec::new(),
            duties: rich(&duties),
            roles,
            file: PathBuf::from(format!("{id}/_index.md")),
        }
    }
}

fn texts(items: &[Item]) -> Vec<String> {
    items
        .iter()
        .flat_map(|i| std::iter::once(i.text.plain_text()).chain(texts(&i.items)))
        .filter(|t| !t.trim().is_empty())
        .collect()
}

fn rich(markdown: &str) -> Rich {
    Rich {
        events: parse(markdown).into_iter().map(|(e, _)| e).collect(),
    }
}

fn items(texts: Vec<String>) -> Vec<Item> {
    texts
        .into_iter()
        .filter(|t| !t.is_empty())
        .map(|t| Item {
            text: Rich {
                events: parse_inline(&t).into_iter().map(|(e, _)| e).collect(),
            },
            items: Vec::new(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::fixture::sample;

    #[test]
    fn makes_the_requested_number_of_roles_deterministically() {
        let source = sample();
        let a = synthetic_handbook(&source, 120, Recombine::Sentences);
        assert_eq!(a.role_count(), 120);
        assert_eq!(a.documents.len(), 3);
        let b = synthetic_handbook(&source, 120, Recombine::Sentences);
        let titles = |h: &Handbook| h.roles().map(|(_, r)| r.title.clone()).collect::<Vec<_>>();
        assert_eq!(titles(&a), titles(&b));
        assert_eq!(
            a.documents[1].roles[0].duties,
            b.documents[1].roles[0].duties
        );
    }

    #[test]
    fn clauses_make_new_sentences() {
        let source = sample();
        let hb = synthetic_handbook(&source, 50, Recombine::Clauses);
        let text = hb.documents[0].roles[0].duties.plain_text();
        assert!(text.contains('。'), "{text}");
    }
}

//! Similar roles in other documents: TF-IDF cosine similarity over the
//! bigrams of each role's title, key responsibility and duties, the same
//! segmentation the search index uses.

use std::collections::BTreeMap;

use rayon::prelude::*;

use super::chars;
use super::entries::{rich_passages, Field};
use super::text::{bigrams, words, Normalizer};
use crate::model::{Handbook, Item, Role, RoleId};

/// A title bigram counts as much as this many bigrams of body text: the
/// title says what the job is, the duties say how.
const TITLE_WEIGHT: f64 = 3.0;
/// The key responsibility sums the job up, so it counts more than a duty.
const KEY_WEIGHT: f64 = 1.5;
/// Below this cosine two roles share only boilerplate.
const MIN_SIMILARITY: f64 = 0.05;

/// Up to `max` most similar roles in other documents for every role, most
/// similar first, ties by id.
pub fn related_roles(handbook: &Handbook, max: usize) -> BTreeMap<RoleId, Vec<RoleId>> {
    let normalizer = Normalizer::new(chars::full_table());
    let roles: Vec<(usize, &Role)> = handbook
        .documents
        .iter()
        .enumerate()
        .flat_map(|(d, doc)| doc.roles.iter().map(move |r| (d, r)))
        .collect();
    let counts: Vec<BTreeMap<String, f64>> = roles
        .iter()
        .map(|(_, r)| term_counts(&normalizer, r))
        .collect();
    let vectors = tf_idf(&counts);
    let postings = invert(&vectors);
    let common = common_term_limit(roles.len());
    let best: Vec<Vec<RoleId>> = (0..roles.len())
        .into_par_iter()
        .map(|i| {
            let scores = similarities(&vectors[i], &postings, roles.len(), common);
            let doc = roles[i].0;
            let candidates: Vec<(f64, &RoleId)> = scores
                .into_iter()
                .enumerate()
                .filter(|&(j, s)| roles[j].0 != doc && s >= MIN_SIMILARITY)
                .map(|(j, s)| (s, &roles[j].1.id))
                .collect();
            top(candidates, max)
        })
        .collect();
    roles
        .iter()
        .zip(best)
        .map(|((_, role), ids)| (role.id.clone(), ids))
        .collect()
}

/// The `max` best candidates, most similar first, ties by id, without
/// sorting all of them.
fn top(mut candidates: Vec<(f64, &RoleId)>, max: usize) -> Vec<RoleId> {
    let order =
        |a: &(f64, &RoleId), b: &(f64, &RoleId)| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1));
    if candidates.len() > max && max > 0 {
        candidates.select_nth_unstable_by(max - 1, order);
        candidates.truncate(max);
    }
    candidates.sort_by(order);
    candidates
        .into_iter()
        .take(max)
        .map(|(_, id)| id.clone())
        .collect()
}

/// A term found in more roles than this is left out of the scoring. Such
/// terms weigh little after IDF, and walking their long posting lists for
/// every role is what makes related roles quadratic in a large handbook; a
/// small handbook keeps every term.
fn common_term_limit(roles: usize) -> usize {
    (roles / 10).max(200)
}

/// Weighted bigram counts of a role's title, key responsibility and duties.
fn term_counts(normalizer: &Normalizer, role: &Role) -> BTreeMap<String, f64> {
    let mut counts = BTreeMap::new();
    add_terms(&mut counts, normalizer, &role.title, TITLE_WEIGHT);
    for text in item_texts(&role.key_responsibility) {
        add_terms(&mut counts, normalizer, &text, KEY_WEIGHT);
    }
    for p in rich_passages(&role.duties) {
        debug_assert_eq!(p.field, Field::Duties);
        add_terms(&mut counts, normalizer, &p.text, 1.0);
    }
    counts
}

fn item_texts(items: &[Item]) -> Vec<String> {
    items
        .iter()
        .flat_map(|i| std::iter::once(i.text.plain_text()).chain(item_texts(&i.items)))
        .collect()
}

fn add_terms(counts: &mut BTreeMap<String, f64>, normalizer: &Normalizer, text: &str, weight: f64) {
    let normalized = normalizer.text(text);
    for gram in words(&normalized).flat_map(bigrams) {
        *counts.entry(gram.to_string()).or_insert(0.0) += weight;
    }
}

/// Sparse unit vectors `(term id, weight)` sorted by term id, with
/// sublinear term frequency and inverse document frequency.
fn tf_idf(counts: &[BTreeMap<String, f64>]) -> Vec<Vec<(usize, f64)>> {
    let mut ids: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for c in counts {
        for term in c.keys() {
            ids.entry(term.as_str()).or_insert((0, 0)).1 += 1;
        }
    }
    for (next, value) in ids.values_mut().enumerate() {
        value.0 = next;
    }
    let n = counts.len() as f64;
    counts
        .iter()
        .map(|c| {
            let mut v: Vec<(usize, f64)> = c
                .iter()
                .filter_map(|(term, &tf)| {
                    let &(id, df) = ids.get(term.as_str())?;
                    let w = (1.0 + tf.ln()) * (n / df as f64).ln();
                    (w > 0.0).then_some((id, w))
                })
                .collect();
            let norm = v.iter().map(|(_, w)| w * w).sum::<f64>().sqrt();
            v.iter_mut().for_each(|(_, w)| *w /= norm);
            v.sort_by_key(|(id, _)| *id);
            v
        })
        .collect()
}

/// For each term id, the roles having it: `(role, weight)` by role.
fn invert(vectors: &[Vec<(usize, f64)>]) -> Vec<Vec<(usize, f64)>> {
    let terms = vectors
        .iter()
        .flat_map(|v| v.iter().map(|(id, _)| id + 1))
        .max()
        .unwrap_or(0);
    let mut postings = vec![Vec::new(); terms];
    for (role, v) in vectors.iter().enumerate() {
        for &(id, w) in v {
            postings[id].push((role, w));
        }
    }
    postings
}

/// Cosine similarity of one role with every role, summed in a fixed order
/// so the result is the same on every run.
fn similarities(
    vector: &[(usize, f64)],
    postings: &[Vec<(usize, f64)>],
    roles: usize,
    common: usize,
) -> Vec<f64> {
    let mut scores = vec![0.0; roles];
    for &(id, w) in vector {
        if postings[id].len() > common {
            continue;
        }
        for &(role, w2) in &postings[id] {
            scores[role] += w * w2;
        }
    }
    scores
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::fixture::{document, handbook, role, sample, R};

    fn related(id: &str) -> Vec<String> {
        let all = related_roles(&sample(), 5);
        let key = RoleId::parse(id).expect("fixture id");
        all[&key].iter().map(|r| r.to_string()).collect()
    }

    #[test]
    fn finds_the_same_job_in_another_document() {
        assert_eq!(
            related("zong-jian").first().map(String::as_str),
            Some("coo")
        );
        assert_eq!(
            related("coo").first().map(String::as_str),
            Some("zong-jian")
        );
    }

    #[test]
    fn customer_service_roles_of_different_companies_find_each_other() {
        let hb = handbook(vec![
            document(
                "01-a",
                "第一篇",
                "甲公司",
                "",
                vec![
                    role(R(
                        "a-ke-fu",
                        "客服专员",
                        &[],
                        "1. 接待客户咨询。\n2. 受理客户投诉并及时反馈。\n",
                        &[],
                        &[],
                    )),
                    role(R(
                        "a-cang-ku",
                        "仓库管理员",
                        &[],
                        "1. 管理仓库货品出入库。\n",
                        &[],
                        &[],
                    )),
                ],
            ),
            document(
                "02-b",
                "第二篇",
                "乙公司",
                "",
                vec![
                    role(R(
                        "b-cai-wu",
                        "财务会计",
                        &[],
                        "1. 编制财务报表。\n",
                        &[],
                        &[],
                    )),
                    role(R(
                        "b-ke-fu",
                        "客服主管",
                        &[],
                        "1. 处理客户投诉。\n2. 回访客户并记录咨询。\n",
                        &[],
                        &[],
                    )),
                ],
            ),
        ]);
        let all = related_roles(&hb, 5);
        let first = |id: &str| {
            let key = RoleId::parse(id).expect("fixture id");
            all[&key].first().map(|r| r.to_string())
        };
        assert_eq!(first("a-ke-fu").as_deref(), Some("b-ke-fu"));
        assert_eq!(first("b-ke-fu").as_deref(), Some("a-ke-fu"));
    }

    #[test]
    fn never_lists_roles_of_the_same_document() {
        let hb = sample();
        let all = related_roles(&hb, 5);
        for (doc, role) in hb.roles() {
            for other in &all[&role.id] {
                assert!(doc.role(other).is_none(), "{} lists {other}", role.id);
            }
        }
    }

    #[test]
    fn respects_the_maximum_and_is_deterministic() {
        let hb = sample();
        let first = related_roles(&hb, 1);
        assert!(first.values().all(|v| v.len() <= 1));
        assert_eq!(related_roles(&hb, 5), related_roles(&hb, 5));
        assert_eq!(first.len(), hb.role_count());
    }
}

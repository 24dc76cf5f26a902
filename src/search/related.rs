//! Similar roles in other documents: TF-IDF cosine similarity over the
//! bigrams of each role's title, key responsibility and duties, the same
//! segmentation the search index uses.
//!
//! This runs on every build, so it has to stay close to linear in the number
//! of roles:
//!
//! - A term is always two characters (see [`super::normalize::bigrams`]), so it
//!   packs into a `u64` that sorts like the string: no allocation per
//!   bigram, and term ids are ranks in that order, the same on every run.
//! - Roles are counted, weighted and scored in parallel, each on its own.
//! - A role's similarities are summed only over the roles sharing a scored
//!   term with it, in a scratch array each thread reuses, so a role costs the
//!   postings it walks rather than the number of roles.
//! - Similarity is symmetric, so each pair is scored once, from the role
//!   that comes first, and offered to the best lists of both.
//! - Every sum runs in a fixed order (a role's terms by id, each posting list
//!   by role), and the best lists are ordered by score then id, so the result
//!   is byte-identical on every run and thread count.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use rayon::prelude::*;

use super::chars;
use super::entries::{rich_passages, Field};
use super::normalize::{words, Normalizer};
use crate::model::{Handbook, Item, Rich, Role, RoleId};

/// A title bigram counts as much as this many bigrams of body text: the
/// title says what the job is, the duties say how.
const TITLE_WEIGHT: f64 = 3.0;
/// The key responsibility sums the job up, so it counts more than a duty.
const KEY_WEIGHT: f64 = 1.5;
/// Below this cosine two roles share only boilerplate.
const MIN_SIMILARITY: f64 = 0.05;

/// A bigram as `first << 32 | second` (code points): unique, and ordered
/// like the bigram strings, since UTF-8 sorts by code point.
type Term = u64;

/// Sparse unit vector `(term id, weight)` sorted by term id; every weight
/// is positive.
type Vector = Vec<(usize, f64)>;

/// Up to `max` most similar roles in other documents for every role, most
/// similar first, ties by id.
pub fn related_roles(handbook: &Handbook, max: usize) -> BTreeMap<RoleId, Vec<RoleId>> {
    let roles: Vec<(usize, &Role)> = handbook
        .documents
        .iter()
        .enumerate()
        .flat_map(|(d, doc)| doc.roles.iter().map(move |r| (d, r)))
        .collect();
    let vectors = vectors(&roles);
    let postings = Postings::new(&vectors);
    let pairs = Pairs {
        documents: roles.iter().map(|&(d, _)| d).collect(),
        ranks: id_ranks(&roles),
        vectors: &vectors,
        postings: &postings,
        common: common_term_limit(roles.len()),
    };
    let best = pairs.best(max);
    roles
        .iter()
        .enumerate()
        .map(|(i, (_, role))| {
            let ids = best.of(i).iter().map(|&(_, j)| roles[j].1.id.clone());
            (role.id.clone(), ids.collect())
        })
        .collect()
}

/// A term found in more roles than this is left out of the scoring. Such
/// terms weigh little after IDF, and walking their long posting lists for
/// every role is what makes related roles quadratic in a large handbook; a
/// small handbook keeps every term. The cap keeps the work per role bounded
/// beyond 20,000 roles, so a handbook of 100,000 takes about ten times as
/// long as one of 10,000, not a hundred.
fn common_term_limit(roles: usize) -> usize {
    (roles / 10).clamp(200, 2_000)
}

/// The TF-IDF vector of every role.
fn vectors(roles: &[(usize, &Role)]) -> Vec<Vector> {
    let normalizer = Normalizer::new(chars::full_table());
    let counts: Vec<Vec<(Term, f64)>> = roles
        .par_iter()
        .map(|(_, r)| term_counts(&normalizer, r))
        .collect();
    let vocabulary = Vocabulary::new(&counts);
    counts.par_iter().map(|c| vocabulary.tf_idf(c)).collect()
}

/// Each role's position in id order, which breaks ties between equal
/// similarities.
fn id_ranks(roles: &[(usize, &Role)]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..roles.len()).collect();
    order.sort_by(|&a, &b| roles[a].1.id.cmp(&roles[b].1.id));
    let mut ranks = vec![0; roles.len()];
    for (rank, &role) in order.iter().enumerate() {
        ranks[role] = rank;
    }
    ranks
}

/// What of a role the related-roles statistics read, and all they read of
/// it besides its id and document. An incremental rebuild compares these to
/// know whether related roles must be found again.
#[derive(Debug, PartialEq)]
pub struct RelatedInputs<'a> {
    title: &'a str,
    key_responsibility: &'a [Item],
    duties: &'a Rich,
}

impl<'a> RelatedInputs<'a> {
    pub fn of(role: &'a Role) -> RelatedInputs<'a> {
        RelatedInputs {
            title: &role.title,
            key_responsibility: &role.key_responsibility,
            duties: &role.duties,
        }
    }
}

/// Weighted bigram counts of a role's title, key responsibility and duties,
/// sorted by term.
fn term_counts(normalizer: &Normalizer, role: &Role) -> Vec<(Term, f64)> {
    let inputs = RelatedInputs::of(role);
    let mut grams = Vec::new();
    add_terms(&mut grams, normalizer, inputs.title, TITLE_WEIGHT);
    for text in item_texts(inputs.key_responsibility) {
        add_terms(&mut grams, normalizer, &text, KEY_WEIGHT);
    }
    for p in rich_passages(inputs.duties) {
        debug_assert_eq!(p.field, Field::DUTIES);
        add_terms(&mut grams, normalizer, &p.text, 1.0);
    }
    // Stable, so a term's weights add up in text order.
    grams.sort_by_key(|&(term, _)| term);
    let mut counts: Vec<(Term, f64)> = Vec::with_capacity(grams.len());
    for (term, weight) in grams {
        match counts.last_mut() {
            Some((last, sum)) if *last == term => *sum += weight,
            _ => counts.push((term, weight)),
        }
    }
    counts
}

fn item_texts(items: &[Item]) -> Vec<String> {
    items
        .iter()
        .flat_map(|i| std::iter::once(i.text.plain_text()).chain(item_texts(&i.items)))
        .collect()
}

fn add_terms(grams: &mut Vec<(Term, f64)>, normalizer: &Normalizer, text: &str, weight: f64) {
    let normalized = normalizer.text(text);
    for word in words(&normalized) {
        grams.extend(word_terms(word).map(|term| (term, weight)));
    }
}

/// The [bigrams](super::normalize::bigrams) of a word as [`Term`]s, read
/// straight off its characters rather than through a `&str` each.
fn word_terms(word: &str) -> impl Iterator<Item = Term> + '_ {
    let pairs = word.chars().zip(word.chars().skip(1));
    pairs.map(|(a, b)| Term::from(a) << 32 | Term::from(b))
}

/// Every distinct term of the handbook in order (its index is its id), and
/// its inverse document frequency.
struct Vocabulary {
    terms: Vec<Term>,
    idf: Vec<f64>,
}

impl Vocabulary {
    /// `counts` has the terms of each role, each once.
    fn new(counts: &[Vec<(Term, f64)>]) -> Vocabulary {
        let mut all: Vec<Term> = Vec::with_capacity(counts.iter().map(Vec::len).sum());
        all.extend(counts.iter().flatten().map(|&(term, _)| term));
        all.par_sort_unstable();
        let mut terms = Vec::new();
        let mut roles: Vec<usize> = Vec::new();
        for term in all {
            match (terms.last(), roles.last_mut()) {
                (Some(&last), Some(df)) if last == term => *df += 1,
                _ => {
                    terms.push(term);
                    roles.push(1);
                }
            }
        }
        let n = counts.len() as f64;
        let idf = roles.iter().map(|&df| (n / df as f64).ln()).collect();
        Vocabulary { terms, idf }
    }

    /// A unit vector with sublinear term frequency and inverse document
    /// frequency. A term every role has weighs nothing and is left out.
    fn tf_idf(&self, counts: &[(Term, f64)]) -> Vector {
        let mut v: Vector = Vec::with_capacity(counts.len());
        v.extend(counts.iter().filter_map(|&(term, tf)| {
            let id = self.terms.binary_search(&term).ok()?;
            let w = (1.0 + tf.ln()) * self.idf[id];
            (w > 0.0).then_some((id, w))
        }));
        let norm = v.iter().map(|(_, w)| w * w).sum::<f64>().sqrt();
        v.iter_mut().for_each(|(_, w)| *w /= norm);
        v
    }
}

/// For each term id, the roles having it and their weights, by role, all
/// in two arrays: the scoring walks them end to end, so they are kept small
/// and apart.
struct Postings {
    /// Term `id` has `roles[starts[id]..starts[id + 1]]`.
    starts: Vec<usize>,
    roles: Vec<u32>,
    weights: Vec<f64>,
    /// Where each role's own entry is, for each term of its vector in
    /// order, so the roles after it need no search.
    places: Vec<Vec<usize>>,
}

impl Postings {
    fn new(vectors: &[Vector]) -> Postings {
        let terms = vectors
            .iter()
            .flat_map(|v| v.iter().map(|(id, _)| id + 1))
            .max()
            .unwrap_or(0);
        let mut starts = vec![0; terms + 1];
        for &(id, _) in vectors.iter().flatten() {
            starts[id + 1] += 1;
        }
        for id in 0..terms {
            starts[id + 1] += starts[id];
        }
        let mut next = starts.clone();
        let mut roles = vec![0; starts[terms]];
        let mut weights = vec![0.0; starts[terms]];
        let mut places = Vec::with_capacity(vectors.len());
        for (role, v) in vectors.iter().enumerate() {
            let mut own = Vec::with_capacity(v.len());
            // Four bytes a role keep the walk fast; a handbook of four
            // billion roles would not fit in memory to get here.
            let role = u32::try_from(role).expect("fewer than 2^32 roles");
            for &(id, w) in v {
                let at = next[id];
                roles[at] = role;
                weights[at] = w;
                own.push(at);
                next[id] += 1;
            }
            places.push(own);
        }
        Postings {
            starts,
            roles,
            weights,
            places,
        }
    }

    /// How many roles have term `id`.
    fn len(&self, id: usize) -> usize {
        self.starts[id + 1] - self.starts[id]
    }

    /// The roles after the one at `place` in the list of term `id`, with
    /// their weights.
    fn after(&self, id: usize, place: usize) -> (&[u32], &[f64]) {
        let after = place + 1..self.starts[id + 1];
        (&self.roles[after.clone()], &self.weights[after])
    }
}

/// What scoring the pairs of roles needs.
struct Pairs<'a> {
    /// The document of each role.
    documents: Vec<usize>,
    /// Each role's position in id order.
    ranks: Vec<usize>,
    vectors: &'a [Vector],
    postings: &'a Postings,
    common: usize,
}

impl Pairs<'_> {
    /// Every role's best `max` candidates. Each thread scores the pairs of
    /// its roles into its own best lists, which are merged at the end; the
    /// lists keep the best by a total order, so how the roles were split
    /// between threads does not change them.
    fn best(&self, max: usize) -> Best {
        let n = self.vectors.len();
        let max = max.min(n);
        (0..n)
            .into_par_iter()
            .fold(
                || (Scratch::new(n), Best::new(n, max)),
                |(mut scratch, mut best), i| {
                    self.score(i, &mut scratch, &mut best);
                    (scratch, best)
                },
            )
            .map(|(_, best)| best)
            .reduce_with(|a, b| a.merge(b, &self.ranks))
            .unwrap_or_else(|| Best::new(n, max))
    }

    /// Scores role `i` against the roles after it and offers each pair to
    /// both roles' lists.
    fn score(&self, i: usize, scratch: &mut Scratch, best: &mut Best) {
        scratch.add(i, &self.vectors[i], self.postings, self.common);
        let doc = self.documents[i];
        scratch.take(|j, s| {
            if self.documents[j] != doc && s >= MIN_SIMILARITY {
                best.offer(i, (s, j), &self.ranks);
                best.offer(j, (s, i), &self.ranks);
            }
        });
    }
}

/// One thread's running cosine similarities of a role with the others,
/// reused from role to role; only the touched entries are read and reset.
///
/// An untouched score is -0.0: adding a product of two weights, which are
/// never negative, gives the same sum as starting from 0.0 but clears the
/// sign, so the sign tells a role seen before without a second array.
struct Scratch {
    scores: Vec<f64>,
    /// The first `len` are the touched roles; one spare slot.
    touched: Vec<u32>,
    len: usize,
}

impl Scratch {
    fn new(roles: usize) -> Scratch {
        Scratch {
            scores: vec![-0.0; roles],
            touched: vec![0; roles + 1],
            len: 0,
        }
    }

    /// Adds the dot products of role `i`'s `vector` with every later role
    /// sharing a term with it, term by term in id order: the same products
    /// in the same order as from the other role, so each sum is the same
    /// from either side and on every run.
    fn add(&mut self, i: usize, vector: &[(usize, f64)], postings: &Postings, common: usize) {
        for (&(id, w), &place) in vector.iter().zip(&postings.places[i]) {
            if postings.len(id) > common {
                continue;
            }
            let (roles, weights) = postings.after(id, place);
            for (&role, &w2) in roles.iter().zip(weights) {
                let score = &mut self.scores[role as usize];
                // Without a branch: every role is written past the end of
                // the list, and a new one is kept.
                self.touched[self.len] = role;
                self.len += usize::from(score.is_sign_negative());
                *score += w * w2;
            }
        }
    }

    /// Calls `f` with the `(role, score)` of every touched role, leaving
    /// the scratch clean for the next role.
    fn take(&mut self, mut f: impl FnMut(usize, f64)) {
        for &role in &self.touched[..self.len] {
            let role = role as usize;
            f(role, std::mem::replace(&mut self.scores[role], -0.0));
        }
        self.len = 0;
    }
}

/// The best `max` candidates `(score, role)` of every role so far, most
/// similar first, ties by id.
struct Best {
    max: usize,
    /// Role `i` has `slots[i * max..][..lens[i]]`.
    slots: Vec<(f64, usize)>,
    lens: Vec<usize>,
    /// The score of each role's last candidate once its list is full: most
    /// offers fall below it, and a small array of them stays in cache.
    floors: Vec<f64>,
}

impl Best {
    fn new(roles: usize, max: usize) -> Best {
        Best {
            max,
            slots: vec![(0.0, 0); roles * max],
            lens: vec![0; roles],
            floors: vec![f64::NEG_INFINITY; roles],
        }
    }

    fn of(&self, role: usize) -> &[(f64, usize)] {
        &self.slots[role * self.max..][..self.lens[role]]
    }

    /// Keeps `candidate` for `role` if it is among the best so far. Inline:
    /// it runs for every pair, and nearly always only compares.
    #[inline]
    fn offer(&mut self, role: usize, candidate: (f64, usize), ranks: &[usize]) {
        if candidate.0 >= self.floors[role] {
            self.insert(role, candidate, ranks);
        }
    }

    fn insert(&mut self, role: usize, candidate: (f64, usize), ranks: &[usize]) {
        let before = |a: &(f64, usize), b: &(f64, usize)| {
            b.0.total_cmp(&a.0)
                .then_with(|| ranks[a.1].cmp(&ranks[b.1]))
                == Ordering::Less
        };
        let len = self.lens[role];
        let list = &mut self.slots[role * self.max..][..self.max];
        let at = list[..len].partition_point(|kept| before(kept, &candidate));
        if at == self.max {
            return;
        }
        let end = (len + 1).min(self.max);
        list.copy_within(at..end - 1, at + 1);
        list[at] = candidate;
        self.lens[role] = end;
        if end == self.max {
            self.floors[role] = list[end - 1].0;
        }
    }

    fn merge(mut self, other: Best, ranks: &[usize]) -> Best {
        for role in 0..other.lens.len() {
            for &candidate in other.of(role) {
                self.offer(role, candidate, ranks);
            }
        }
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::fixture::{document, handbook, role, sample, R};
    use crate::search::normalize::bigrams;

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

    /// The term of a two-character string.
    fn term(gram: &str) -> Term {
        let chars: Vec<char> = gram.chars().collect();
        assert_eq!(chars.len(), 2, "{gram}");
        Term::from(chars[0]) << 32 | Term::from(chars[1])
    }

    #[test]
    fn terms_are_the_bigrams_of_the_search_index() {
        for word in ["外判单位", "vi设计", "iso9001", "店", "", "𠀀字z"] {
            let expected: Vec<Term> = bigrams(word).map(term).collect();
            assert_eq!(word_terms(word).collect::<Vec<_>>(), expected, "{word}");
        }
    }

    #[test]
    fn terms_sort_like_their_strings() {
        let mut grams = [
            "设计", "vi", "i设", "𠀀字", "字z", "z𠀀", "ab", "a中", "中a",
        ];
        let mut terms: Vec<Term> = grams.iter().map(|g| term(g)).collect();
        grams.sort_unstable();
        terms.sort_unstable();
        assert_eq!(grams.map(term).to_vec(), terms);
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

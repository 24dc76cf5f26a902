//! Making a synthetic handbook: documents of about a hundred roles with a
//! reporting tree several levels deep, duties, authority and qualifications
//! recombined from a [`Vocabulary`].

use super::rng::Rng;
use super::Vocabulary;
use crate::import::role_slug;
use crate::text::escape_markdown;

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

/// What to generate.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    pub roles: usize,
    pub roles_per_document: usize,
    pub recombine: Recombine,
}

impl Options {
    /// `roles` roles in documents of 100, whole sentences.
    pub fn new(roles: usize) -> Options {
        Options {
            roles,
            roles_per_document: 100,
            recombine: Recombine::Sentences,
        }
    }
}

/// A generated handbook, as the texts its content files hold.
#[derive(Debug, Clone)]
pub struct Corpus {
    pub title: String,
    pub description: String,
    pub documents: Vec<GenDocument>,
}

#[derive(Debug, Clone)]
pub struct GenDocument {
    pub id: String,
    pub title: String,
    pub organization: String,
    pub industry: String,
    pub source: String,
    pub summary: String,
    pub external_superior: String,
    pub duties: Vec<Duty>,
    pub roles: Vec<GenRole>,
}

#[derive(Debug, Clone)]
pub struct GenRole {
    pub id: String,
    pub title: String,
    /// A role id of the same document, or the external superior.
    pub reports_to: String,
    pub weight: Option<usize>,
    pub key_responsibility: Vec<String>,
    pub duties: Vec<Duty>,
    pub authority: Vec<String>,
    pub qualifications: Vec<String>,
}

/// A numbered duty (inline Markdown) with its sub-duties.
#[derive(Debug, Clone)]
pub struct Duty {
    pub text: String,
    pub items: Vec<String>,
}

/// Prefixes that make the few real titles into the many of a group with
/// regions, channels and grades.
const QUALIFIERS: [&str; 14] = [
    "华东区",
    "华南区",
    "华北区",
    "华中区",
    "西南区",
    "西北区",
    "东北区",
    "线上",
    "门店",
    "总部",
    "高级",
    "资深",
    "见习",
    "区域",
];

/// Fixed so every run gives the same handbook; each document has a stream
/// of its own, so a smaller handbook is the start of a larger one.
const SEED: u64 = 0x5eed_1234_abcd_0042;

impl Corpus {
    pub fn generate(vocabulary: &Vocabulary, options: &Options) -> Corpus {
        let pools = Pools::new(vocabulary, options.recombine);
        let per = options.roles_per_document.max(1);
        let documents = (0..options.roles.div_ceil(per))
            .map(|d| {
                let count = per.min(options.roles - d * per);
                pools.document(d, d * per, count)
            })
            .collect();
        Corpus {
            title: format!("某集团岗位职责手册（合成，{} 个岗位）", options.roles),
            description: "由 handbook generate 从真实岗位说明书的词句重新组合而成，用于性能测试。"
                .to_string(),
            documents,
        }
    }

    pub fn role_count(&self) -> usize {
        self.documents.iter().map(|d| d.roles.len()).sum()
    }
}

struct Pools<'a> {
    v: &'a Vocabulary,
    how: Recombine,
    clauses: Vec<String>,
    /// Slugs of `v.role_titles` and of the qualifiers, computed once.
    title_slugs: Vec<String>,
    qualifier_slugs: Vec<String>,
}

impl<'a> Pools<'a> {
    fn new(v: &'a Vocabulary, how: Recombine) -> Pools<'a> {
        let clauses = v
            .duties
            .iter()
            .flat_map(|s| s.split(['，', ',', '；', ';', '、', '。']))
            .map(str::trim)
            .filter(|c| c.chars().count() >= 2)
            .map(str::to_string)
            .collect();
        Pools {
            v,
            how,
            clauses,
            title_slugs: v.role_titles.iter().map(|t| role_slug(t)).collect(),
            qualifier_slugs: QUALIFIERS.iter().map(|q| role_slug(q)).collect(),
        }
    }

    fn document(&self, d: usize, first_role: usize, count: usize) -> GenDocument {
        let mut rng = Rng::new(SEED ^ (d as u64 + 1).wrapping_mul(0x2545_f491_4f6c_dd1d));
        let organization = format!("{}第{}分公司", rng.pick(&self.v.organizations), d + 1);
        let title = rng.pick(&self.v.document_titles).to_string();
        let industry = rng.pick(&self.v.industries).to_string();
        let external = match rng.pick(&self.v.external_superiors) {
            "" => "总经理".to_string(),
            name => name.to_string(),
        };
        let duties = (0..rng.between(3, 8))
            .map(|_| Duty {
                text: escape_markdown(&self.department_duty(&mut rng)),
                items: Vec::new(),
            })
            .collect();
        let mut roles: Vec<GenRole> = Vec::with_capacity(count);
        for i in 0..count {
            let role = self.role(&mut rng, first_role + i, i, &roles, &external);
            roles.push(role);
        }
        GenDocument {
            id: format!("{:05}-{}", d + 1, role_slug(&industry)),
            summary: format!("{organization}{title}，共 {count} 个岗位。"),
            title,
            organization,
            industry,
            source: format!("第{}篇", d + 1),
            external_superior: external,
            duties,
            roles,
        }
    }

    /// Role `i` of its document (`n` in the handbook). Each role reports to
    /// one between a sixth and a half of the way up the list, which makes
    /// trees four to six levels deep with a few to a dozen reports each.
    fn role(
        &self,
        rng: &mut Rng,
        n: usize,
        i: usize,
        earlier: &[GenRole],
        external: &str,
    ) -> GenRole {
        let base = rng.between(0, self.v.role_titles.len().saturating_sub(1));
        let qualifier =
            (i > 0 && rng.between(0, 3) > 0).then(|| rng.between(0, QUALIFIERS.len() - 1));
        let base_title = self.v.role_titles.get(base).map_or("专员", String::as_str);
        let base_slug = self
            .title_slugs
            .get(base)
            .map_or("zhuan-yuan", String::as_str);
        let (title, id) = match qualifier {
            Some(q) => (
                format!("{}{base_title}", QUALIFIERS[q]),
                format!("{}-{base_slug}-{n}", self.qualifier_slugs[q]),
            ),
            None => (base_title.to_string(), format!("{base_slug}-{n}")),
        };
        let parent = (i > 0).then(|| &earlier[rng.between((i - 1) / 6, (i - 1) / 2)]);
        let mut duties = self.duties(rng);
        if let Some(p) = parent.filter(|_| rng.between(0, 4) == 0) {
            duties.push(Duty {
                text: format!("配合[](role:{})完成相关工作。", p.id),
                items: Vec::new(),
            });
        }
        GenRole {
            reports_to: parent.map_or_else(|| external.to_string(), |p| p.id.clone()),
            weight: (rng.between(0, 1) == 0).then(|| rng.between(1, 9)),
            key_responsibility: self.some(rng, &self.v.key_responsibility, 0, 1),
            duties,
            authority: self.some(rng, &self.v.authority, 0, 3),
            qualifications: self.some(rng, &self.v.qualifications, 1, 5),
            id,
            title,
        }
    }

    fn duties(&self, rng: &mut Rng) -> Vec<Duty> {
        (0..rng.between(5, 12))
            .map(|_| {
                if rng.between(0, 3) == 0 && !self.v.duty_heads.is_empty() {
                    let head = rng.pick(&self.v.duty_heads).to_string();
                    let items = (0..rng.between(2, 4))
                        .map(|_| escape_markdown(&self.sentence(rng)))
                        .collect();
                    Duty {
                        text: escape_markdown(&head),
                        items,
                    }
                } else {
                    Duty {
                        text: escape_markdown(&self.sentence(rng)),
                        items: Vec::new(),
                    }
                }
            })
            .collect()
    }

    fn sentence(&self, rng: &mut Rng) -> String {
        match self.how {
            Recombine::Sentences => rng.pick(&self.v.duties).to_string(),
            Recombine::Clauses => {
                let parts: Vec<&str> = (0..rng.between(2, 3))
                    .map(|_| rng.pick(&self.clauses))
                    .collect();
                format!("{}。", parts.join("，"))
            }
        }
    }

    fn department_duty(&self, rng: &mut Rng) -> String {
        match self.v.department_duties.is_empty() {
            true => self.sentence(rng),
            false => rng.pick(&self.v.department_duties).to_string(),
        }
    }

    /// Between `low` and `high` texts from `pool`, escaped for Markdown.
    fn some(&self, rng: &mut Rng, pool: &[String], low: usize, high: usize) -> Vec<String> {
        let n = rng.between(low, high);
        (0..n)
            .map(|_| escape_markdown(rng.pick(pool)))
            .filter(|t| !t.is_empty())
            .collect()
    }
}

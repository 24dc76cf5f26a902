//! What each config does, transcribed from OpenCC 1.4.2's config JSON (kept
//! in `src/convert/data/config/`; a unit test checks the two agree).
//!
//! Every config first normalizes CJK compatibility ideographs, then either
//! converts the whole text with its single step or, when it names a
//! segmentation, splits the text by maximum forward matching and sends each
//! segment through the steps separately.

use std::sync::OnceLock;

use super::table::{parse_text_dict, Table};
use crate::convert::{regional, OpenccConfig};
use crate::variant::Variant;

macro_rules! dict {
    ($name:literal) => {
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/src/convert/data/",
            $name,
            ".txt"
        ))
    };
}

/// The dictionary files used by the 12 configs, as (file stem, contents).
pub(crate) mod dicts {
    pub(crate) const CJK_COMPATIBILITY_IDEOGRAPHS: &str = dict!("CJK_Compatibility_Ideographs");
    pub(crate) const HK_VARIANTS: &str = dict!("HKVariants");
    pub(crate) const HK_VARIANTS_PHRASES: &str = dict!("HKVariantsPhrases");
    pub(crate) const HK_VARIANTS_REV: &str = dict!("HKVariantsRev");
    pub(crate) const HK_VARIANTS_REV_PHRASES: &str = dict!("HKVariantsRevPhrases");
    pub(crate) const ST_CHARACTERS: &str = dict!("STCharacters");
    pub(crate) const ST_PHRASES: &str = dict!("STPhrases");
    pub(crate) const ST_PHRASES_REGIONAL: &str = dict!("STPhrases_GeneratedFromRegionalPhrases");
    pub(crate) const TS_CHARACTERS: &str = dict!("TSCharacters");
    pub(crate) const TS_CHARACTERS_EXT: &str = dict!("TSCharactersExt");
    pub(crate) const TS_PHRASES: &str = dict!("TSPhrases");
    pub(crate) const TW_PHRASES: &str = dict!("TWPhrases");
    pub(crate) const TW_PHRASES_REV: &str = dict!("TWPhrasesRev");
    pub(crate) const TW_VARIANTS: &str = dict!("TWVariants");
    pub(crate) const TW_VARIANTS_PHRASES: &str = dict!("TWVariantsPhrases");
    pub(crate) const TW_VARIANTS_REV: &str = dict!("TWVariantsRev");
    pub(crate) const TW_VARIANTS_REV_PHRASES: &str = dict!("TWVariantsRevPhrases");

    /// Every shipped dictionary with its file stem, for tests.
    #[cfg(test)]
    pub(crate) const ALL: [(&str, &str); 17] = [
        ("CJK_Compatibility_Ideographs", CJK_COMPATIBILITY_IDEOGRAPHS),
        ("HKVariants", HK_VARIANTS),
        ("HKVariantsPhrases", HK_VARIANTS_PHRASES),
        ("HKVariantsRev", HK_VARIANTS_REV),
        ("HKVariantsRevPhrases", HK_VARIANTS_REV_PHRASES),
        ("STCharacters", ST_CHARACTERS),
        ("STPhrases", ST_PHRASES),
        (
            "STPhrases_GeneratedFromRegionalPhrases",
            ST_PHRASES_REGIONAL,
        ),
        ("TSCharacters", TS_CHARACTERS),
        ("TSCharactersExt", TS_CHARACTERS_EXT),
        ("TSPhrases", TS_PHRASES),
        ("TWPhrases", TW_PHRASES),
        ("TWPhrasesRev", TW_PHRASES_REV),
        ("TWVariants", TW_VARIANTS),
        ("TWVariantsPhrases", TW_VARIANTS_PHRASES),
        ("TWVariantsRev", TW_VARIANTS_REV),
        ("TWVariantsRevPhrases", TW_VARIANTS_REV_PHRASES),
    ];
}

/// One compiled conversion step, shared by every config that uses it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TableId {
    /// CJK compatibility ideographs to their unified forms.
    Normalize,
    /// Simplified to Traditional: union(STPhrases, regional) | STCharacters.
    St,
    /// Traditional to Simplified: TSPhrases | TSCharactersExt | TSCharacters.
    /// TSCharactersExt is OpenCC's `may_output_tofu` dictionary, included by
    /// default (`include_tofu_risk_dictionaries = true`).
    Ts,
    Tw,
    TwPhrases,
    Hk,
    TwRev,
    TwPhrasesRev,
    HkRev,
    /// St with the regional layer's phrases in its first tier, so that
    /// segmentation keeps each of them whole.
    StRegional,
    /// TwPhrases with the regional layer's Taiwan entries in its first tier.
    TwRegional,
    /// Hk with the regional layer's Hong Kong entries in its first tier.
    HkRegional,
}

/// Where a tier's entries come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Source {
    /// An OpenCC text dictionary's contents.
    Opencc(&'static str),
    /// The regional layer's renderings for a variant (`convert::regional`).
    Regional(Variant),
    /// The regional layer's phrases, Simplified to OpenCC Traditional.
    RegionalPhrases,
}

impl Source {
    pub(crate) fn entries(self) -> Box<dyn Iterator<Item = (&'static str, &'static str)>> {
        match self {
            Source::Opencc(contents) => Box::new(parse_text_dict(contents)),
            Source::Regional(variant) => Box::new(regional::dictionary(variant)),
            Source::RegionalPhrases => Box::new(regional::phrases()),
        }
    }
}

impl TableId {
    const COUNT: usize = 12;

    fn index(self) -> usize {
        self as usize
    }

    /// The step's tiers in short-circuit order; each tier is a union.
    pub(crate) fn tiers(self) -> &'static [&'static [Source]] {
        use dicts::*;
        use Source::Opencc as O;
        match self {
            TableId::Normalize => &[&[O(CJK_COMPATIBILITY_IDEOGRAPHS)]],
            TableId::St => &[
                &[O(ST_PHRASES), O(ST_PHRASES_REGIONAL)],
                &[O(ST_CHARACTERS)],
            ],
            TableId::Ts => &[
                &[O(TS_PHRASES)],
                &[O(TS_CHARACTERS_EXT)],
                &[O(TS_CHARACTERS)],
            ],
            TableId::Tw => &[&[O(TW_VARIANTS_PHRASES)], &[O(TW_VARIANTS)]],
            TableId::TwPhrases => &[
                &[O(TW_PHRASES)],
                &[O(TW_VARIANTS_PHRASES)],
                &[O(TW_VARIANTS)],
            ],
            TableId::Hk => &[&[O(HK_VARIANTS_PHRASES)], &[O(HK_VARIANTS)]],
            TableId::TwRev => &[&[O(TW_VARIANTS_REV_PHRASES)], &[O(TW_VARIANTS_REV)]],
            TableId::TwPhrasesRev => &[
                &[O(TW_PHRASES_REV)],
                &[O(TW_VARIANTS_REV_PHRASES)],
                &[O(TW_VARIANTS_REV)],
            ],
            TableId::HkRev => &[&[O(HK_VARIANTS_REV_PHRASES)], &[O(HK_VARIANTS_REV)]],
            // Last: its values are OpenCC's own for the same keys.
            TableId::StRegional => &[
                &[
                    O(ST_PHRASES),
                    O(ST_PHRASES_REGIONAL),
                    Source::RegionalPhrases,
                ],
                &[O(ST_CHARACTERS)],
            ],
            // The layer first: on keys of equal length a union's earlier
            // member wins.
            TableId::TwRegional => &[
                &[Source::Regional(Variant::Tw), O(TW_PHRASES)],
                &[O(TW_VARIANTS_PHRASES)],
                &[O(TW_VARIANTS)],
            ],
            TableId::HkRegional => &[
                &[Source::Regional(Variant::Hk), O(HK_VARIANTS_PHRASES)],
                &[O(HK_VARIANTS)],
            ],
        }
    }

    /// The compiled table, built on first use and shared afterwards.
    pub(crate) fn table(self) -> &'static Table {
        static TABLES: [OnceLock<Table>; TableId::COUNT] =
            [const { OnceLock::new() }; TableId::COUNT];
        TABLES[self.index()].get_or_init(|| Table::build(self.tiers()))
    }
}

/// How one config converts text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Plan {
    pub normalize: TableId,
    /// Segmentation dictionary: tier 0 of this table (`None`: the whole
    /// text is one segment).
    pub segmentation: Option<TableId>,
    pub steps: &'static [TableId],
}

pub(crate) fn plan(config: OpenccConfig) -> Plan {
    use TableId::*;
    let (segmentation, steps): (Option<TableId>, &'static [TableId]) = match config {
        OpenccConfig::S2t => (None, &[St]),
        OpenccConfig::S2tw => (Some(St), &[St, Tw]),
        OpenccConfig::S2twp => (Some(St), &[St, TwPhrases]),
        OpenccConfig::S2hk => (Some(St), &[St, Hk]),
        OpenccConfig::T2s => (None, &[Ts]),
        OpenccConfig::Tw2s => (Some(Ts), &[TwRev, Ts]),
        OpenccConfig::Tw2sp => (Some(Ts), &[TwPhrasesRev, Ts]),
        OpenccConfig::Hk2s => (Some(Ts), &[HkRev, Ts]),
        OpenccConfig::T2tw => (None, &[Tw]),
        OpenccConfig::T2hk => (None, &[Hk]),
        OpenccConfig::Tw2t => (None, &[TwRev]),
        OpenccConfig::Hk2t => (None, &[HkRev]),
    };
    Plan {
        normalize: Normalize,
        segmentation,
        steps,
    }
}

/// Simplified into `variant` with the regional layer: s2twp and s2hk with
/// the layer's phrases added to segmentation (a phrase is one segment, as
/// OpenCC's own regional phrases are) and its renderings joined to the
/// regional step; `None` where the layer has nothing to add (Simplified,
/// standard Traditional).
pub(crate) fn regional_plan(variant: Variant) -> Option<Plan> {
    use TableId::*;
    let steps: &'static [TableId] = match variant {
        Variant::Tw => &[StRegional, TwRegional],
        Variant::Hk => &[StRegional, HkRegional],
        Variant::Hans | Variant::Hant => return None,
    };
    Some(Plan {
        normalize: Normalize,
        segmentation: Some(StRegional),
        steps,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    fn config_json(config: OpenccConfig) -> Value {
        let path = format!(
            "{}/src/convert/data/config/{}.json",
            env!("CARGO_MANIFEST_DIR"),
            config.name()
        );
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    fn stem(contents: &str) -> &'static str {
        dicts::ALL
            .iter()
            .find(|(_, c)| *c == contents)
            .map(|(name, _)| *name)
            .unwrap_or("?")
    }

    /// A JSON dict node as a union's member file stems.
    fn union_members(node: &Value) -> Vec<String> {
        match node["type"].as_str() {
            Some("text") => vec![node["file"]
                .as_str()
                .unwrap_or("?")
                .trim_end_matches(".txt")
                .to_string()],
            Some("group") => {
                assert_eq!(
                    node["match_policy"], "union",
                    "nested group must be a union: {node}"
                );
                node["dicts"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .flat_map(union_members)
                    .collect()
            }
            other => panic!("unexpected dict type {other:?}"),
        }
    }

    /// A JSON conversion dict as tiers of file stems.
    fn json_tiers(node: &Value) -> Vec<Vec<String>> {
        if node["type"] == "group" && node["match_policy"] != "union" {
            assert_eq!(node["match_policy"], "short_circuit");
            node["dicts"]
                .as_array()
                .into_iter()
                .flatten()
                .map(union_members)
                .collect()
        } else {
            vec![union_members(node)]
        }
    }

    fn our_tiers(id: TableId) -> Vec<Vec<String>> {
        let name = |source: &Source| match source {
            Source::Opencc(contents) => stem(contents).to_string(),
            Source::Regional(variant) => format!("regional {variant}"),
            Source::RegionalPhrases => "regional phrases".to_string(),
        };
        id.tiers()
            .iter()
            .map(|tier| tier.iter().map(name).collect())
            .collect()
    }

    #[test]
    fn plans_match_opencc_configs() {
        for config in OpenccConfig::ALL {
            let json = config_json(config);
            let plan = plan(config);
            let norm = json["normalization"]
                .as_array()
                .cloned()
                .unwrap_or_default();
            assert_eq!(norm.len(), 1, "{config}");
            assert_eq!(
                json_tiers(&norm[0]["dict"]),
                our_tiers(plan.normalize),
                "{config}"
            );
            match plan.segmentation {
                None => assert!(json.get("segmentation").is_none(), "{config}"),
                Some(id) => {
                    let seg = &json["segmentation"];
                    assert_eq!(seg["type"], "mmseg", "{config}");
                    assert_eq!(
                        vec![union_members(&seg["dict"])],
                        our_tiers(id)[..1].to_vec(),
                        "{config}"
                    );
                }
            }
            let chain = json["conversion_chain"]
                .as_array()
                .cloned()
                .unwrap_or_default();
            assert_eq!(chain.len(), plan.steps.len(), "{config}");
            for (step, id) in chain.iter().zip(plan.steps) {
                assert_eq!(json_tiers(&step["dict"]), our_tiers(*id), "{config}");
            }
        }
    }

    #[test]
    fn dictionaries_have_no_empty_keys_or_values() {
        for (name, contents) in dicts::ALL {
            let mut entries = 0;
            for (key, value) in parse_text_dict(contents) {
                assert!(!key.is_empty() && !value.is_empty(), "{name}: {key:?}");
                entries += 1;
            }
            assert!(entries > 0, "{name} is empty");
        }
    }
}

//! The script variants a handbook is published in.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A published script. Content is authored in [`Variant::Hans`]; the others are
/// generated from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Variant {
    #[serde(rename = "zh-Hans")]
    Hans,
    #[serde(rename = "zh-Hant")]
    Hant,
    #[serde(rename = "zh-TW")]
    Tw,
    #[serde(rename = "zh-HK")]
    Hk,
}

impl Variant {
    pub const ALL: [Variant; 4] = [Variant::Hans, Variant::Hant, Variant::Tw, Variant::Hk];

    /// The BCP 47 tag, for `<html lang>` and `hreflang`.
    pub fn lang(self) -> &'static str {
        match self {
            Variant::Hans => "zh-Hans",
            Variant::Hant => "zh-Hant",
            Variant::Tw => "zh-TW",
            Variant::Hk => "zh-HK",
        }
    }

    /// The folder the variant is written to (`output/zh-hans/`).
    pub fn dir(self) -> &'static str {
        match self {
            Variant::Hans => "zh-hans",
            Variant::Hant => "zh-hant",
            Variant::Tw => "zh-tw",
            Variant::Hk => "zh-hk",
        }
    }

    /// The variant's name in its own script, for the switcher.
    pub fn label(self) -> &'static str {
        match self {
            Variant::Hans => "简体中文",
            Variant::Hant => "繁體中文",
            Variant::Tw => "臺灣正體",
            Variant::Hk => "香港繁體",
        }
    }
}

impl fmt::Display for Variant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.lang())
    }
}

#[derive(Debug, thiserror::Error)]
#[error("unknown variant `{0}` (expected zh-Hans, zh-Hant, zh-TW or zh-HK)")]
pub struct UnknownVariant(pub String);

impl FromStr for Variant {
    type Err = UnknownVariant;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Variant::ALL
            .into_iter()
            .find(|v| v.lang().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| UnknownVariant(s.to_string()))
    }
}

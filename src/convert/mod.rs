//! Script conversion between Simplified and Traditional Chinese.
//!
//! The engine follows OpenCC 1.4.2: a config names a segmentation dictionary
//! and a chain of conversion dictionaries; text is segmented by maximum forward
//! matching and each segment goes through the chain in order.

pub mod builtin;
pub mod glossary;
pub mod regional;
#[cfg(feature = "system-opencc")]
pub mod system;

use std::fmt;
use std::str::FromStr;

use crate::variant::Variant;

/// An OpenCC conversion config, by its OpenCC name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum OpenccConfig {
    S2t,
    S2tw,
    S2twp,
    S2hk,
    T2s,
    Tw2s,
    Tw2sp,
    Hk2s,
    T2tw,
    T2hk,
    Tw2t,
    Hk2t,
}

impl OpenccConfig {
    /// The config that turns Simplified source text into `variant`; `None`
    /// for Simplified itself.
    pub fn from_simplified(variant: Variant) -> Option<OpenccConfig> {
        match variant {
            Variant::Hans => None,
            Variant::Hant => Some(OpenccConfig::S2t),
            Variant::Tw => Some(OpenccConfig::S2twp),
            Variant::Hk => Some(OpenccConfig::S2hk),
        }
    }

    pub const ALL: [OpenccConfig; 12] = [
        OpenccConfig::S2t,
        OpenccConfig::S2tw,
        OpenccConfig::S2twp,
        OpenccConfig::S2hk,
        OpenccConfig::T2s,
        OpenccConfig::Tw2s,
        OpenccConfig::Tw2sp,
        OpenccConfig::Hk2s,
        OpenccConfig::T2tw,
        OpenccConfig::T2hk,
        OpenccConfig::Tw2t,
        OpenccConfig::Hk2t,
    ];

    /// The OpenCC name of the config (`s2twp`).
    pub fn name(self) -> &'static str {
        match self {
            OpenccConfig::S2t => "s2t",
            OpenccConfig::S2tw => "s2tw",
            OpenccConfig::S2twp => "s2twp",
            OpenccConfig::S2hk => "s2hk",
            OpenccConfig::T2s => "t2s",
            OpenccConfig::Tw2s => "tw2s",
            OpenccConfig::Tw2sp => "tw2sp",
            OpenccConfig::Hk2s => "hk2s",
            OpenccConfig::T2tw => "t2tw",
            OpenccConfig::T2hk => "t2hk",
            OpenccConfig::Tw2t => "tw2t",
            OpenccConfig::Hk2t => "hk2t",
        }
    }
}

impl fmt::Display for OpenccConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[derive(Debug, thiserror::Error)]
#[error("unknown conversion config `{0}` (expected one of s2t, s2tw, s2twp, s2hk, t2s, tw2s, tw2sp, hk2s, t2tw, t2hk, tw2t, hk2t)")]
pub struct UnknownConfig(pub String);

impl FromStr for OpenccConfig {
    type Err = UnknownConfig;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let lower = s.trim().to_ascii_lowercase();
        let lower = lower.strip_suffix(".json").unwrap_or(&lower);
        OpenccConfig::ALL
            .into_iter()
            .find(|c| c.name() == lower)
            .ok_or_else(|| UnknownConfig(s.to_string()))
    }
}

/// Which engine a [`Converter`] runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EngineKind {
    /// The built-in engine, [`builtin::Engine`] (OpenCC 1.4.2 behaviour and
    /// dictionaries).
    Builtin,
    /// The system OpenCC library (feature `system-opencc`).
    System,
}

/// Converts text with one OpenCC config.
///
/// By default this is the built-in engine ([`builtin::Engine`]), which matches
/// OpenCC 1.4.2. With the `system-opencc` feature it is the system OpenCC
/// library instead; if that library cannot open the config, or fails on a
/// text, the built-in engine is used so that conversion never fails.
/// Cheap to create and to clone: dictionaries are shared process-wide.
#[derive(Debug, Clone)]
pub struct Converter {
    engine: builtin::Engine,
    #[cfg(feature = "system-opencc")]
    system: Option<system::Engine>,
}

impl Converter {
    /// Exactly OpenCC's `config`.
    pub fn new(config: OpenccConfig) -> Converter {
        Converter {
            engine: builtin::Engine::new(config),
            #[cfg(feature = "system-opencc")]
            system: system::Engine::new(config).ok(),
        }
    }

    /// Simplified source text into `variant`'s script and wording: OpenCC's
    /// config for the variant, with the regional layer for zh-TW and zh-HK.
    /// `None` for Simplified itself. The layer lives in the built-in
    /// engine's tables, so these converters never use the system library
    /// for zh-TW and zh-HK.
    pub fn for_variant(variant: Variant) -> Option<Converter> {
        let config = OpenccConfig::from_simplified(variant)?;
        Some(match builtin::Engine::regional(variant) {
            Some(engine) => Converter {
                engine,
                #[cfg(feature = "system-opencc")]
                system: None,
            },
            None => Converter::new(config),
        })
    }

    pub fn config(&self) -> OpenccConfig {
        self.engine.config()
    }

    /// The engine that [`Converter::convert`] uses.
    pub fn engine_kind(&self) -> EngineKind {
        #[cfg(feature = "system-opencc")]
        if self.system.is_some() {
            return EngineKind::System;
        }
        EngineKind::Builtin
    }

    pub fn convert(&self, text: &str) -> String {
        #[cfg(feature = "system-opencc")]
        if let Some(converted) = self.system.as_ref().and_then(|s| s.convert(text).ok()) {
            return converted;
        }
        self.engine.convert(text)
    }
}

/// The regional vocabulary as pairs of (OpenCC Traditional, regional
/// rendering): OpenCC's Taiwan phrases, and the regional layer's Taiwan and
/// Hong Kong renderings. Search uses it to find text written in one
/// region's words with a query in the other's. A phrase the layer renders
/// differently keeps OpenCC's pair too: 項目 is 專案 in Taiwan when it means
/// a project.
pub fn regional_vocabulary() -> Vec<(&'static str, &'static str)> {
    builtin::tw_phrases()
        .chain(regional::dictionary(Variant::Tw))
        .chain(regional::dictionary(Variant::Hk))
        .collect()
}

//! Script conversion between Simplified and Traditional Chinese.
//!
//! The engine follows OpenCC 1.4.2: a config names a segmentation dictionary
//! and a chain of conversion dictionaries; text is segmented by maximum forward
//! matching and each segment goes through the chain in order.

use std::fmt;
use std::str::FromStr;

/// An OpenCC conversion config, by its OpenCC name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Config {
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

impl Config {
    pub const ALL: [Config; 12] = [
        Config::S2t,
        Config::S2tw,
        Config::S2twp,
        Config::S2hk,
        Config::T2s,
        Config::Tw2s,
        Config::Tw2sp,
        Config::Hk2s,
        Config::T2tw,
        Config::T2hk,
        Config::Tw2t,
        Config::Hk2t,
    ];

    /// The OpenCC name of the config (`s2twp`).
    pub fn name(self) -> &'static str {
        match self {
            Config::S2t => "s2t",
            Config::S2tw => "s2tw",
            Config::S2twp => "s2twp",
            Config::S2hk => "s2hk",
            Config::T2s => "t2s",
            Config::Tw2s => "tw2s",
            Config::Tw2sp => "tw2sp",
            Config::Hk2s => "hk2s",
            Config::T2tw => "t2tw",
            Config::T2hk => "t2hk",
            Config::Tw2t => "tw2t",
            Config::Hk2t => "hk2t",
        }
    }
}

impl fmt::Display for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[derive(Debug, thiserror::Error)]
#[error("unknown conversion config `{0}` (expected one of s2t, s2tw, s2twp, s2hk, t2s, tw2s, tw2sp, hk2s, t2tw, t2hk, tw2t, hk2t)")]
pub struct UnknownConfig(pub String);

impl FromStr for Config {
    type Err = UnknownConfig;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let lower = s.trim().to_ascii_lowercase();
        let lower = lower.strip_suffix(".json").unwrap_or(&lower);
        Config::ALL
            .into_iter()
            .find(|c| c.name() == lower)
            .ok_or_else(|| UnknownConfig(s.to_string()))
    }
}

/// Converts text with one OpenCC config.
///
/// Placeholder: returns the text unchanged until the dictionary engine lands.
#[derive(Debug, Clone)]
pub struct Converter {
    config: Config,
}

impl Converter {
    pub fn new(config: Config) -> Converter {
        Converter { config }
    }

    pub fn config(&self) -> Config {
        self.config
    }

    pub fn convert(&self, text: &str) -> String {
        text.to_string()
    }
}

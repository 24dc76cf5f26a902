//! OpenCC through the system library (libopencc), behind the `system-opencc`
//! feature. The library is whatever version the machine has (Debian ships
//! 1.1.6, whose dictionaries are older than the built-in 1.4.2 ones).

use std::fmt;
use std::sync::{Arc, OnceLock};

use super::OpenccConfig;

/// Why the system library could not open a config or convert text.
#[derive(Debug, Clone, thiserror::Error)]
#[error("system OpenCC, config {config}: {message}")]
pub struct SystemError {
    pub config: OpenccConfig,
    pub message: String,
}

/// A converter backed by the system OpenCC library.
#[derive(Clone)]
pub struct Engine {
    config: OpenccConfig,
    opencc: Arc<opencc_rust::OpenCC>,
}

impl fmt::Debug for Engine {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("system::Engine")
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

impl Engine {
    /// Opens the config with the library's own search path (its data
    /// directory, e.g. `/usr/share/opencc/s2t.json`). Opening loads the
    /// dictionaries, so each config is opened once per process and shared.
    pub fn new(config: OpenccConfig) -> Result<Engine, SystemError> {
        static OPENED: [OnceLock<Result<Engine, SystemError>>; OpenccConfig::ALL.len()] =
            [const { OnceLock::new() }; OpenccConfig::ALL.len()];
        let slot = OpenccConfig::ALL
            .iter()
            .position(|c| *c == config)
            .unwrap_or(0);
        OPENED[slot].get_or_init(|| open(config)).clone()
    }

    pub fn config(&self) -> OpenccConfig {
        self.config
    }

    pub fn convert(&self, text: &str) -> Result<String, SystemError> {
        self.opencc.convert(text).map_err(|e| SystemError {
            config: self.config,
            message: e.to_string(),
        })
    }
}

fn open(config: OpenccConfig) -> Result<Engine, SystemError> {
    let file = format!("{}.json", config.name());
    match opencc_rust::OpenCC::new(&file) {
        Ok(opencc) => Ok(Engine {
            config,
            opencc: Arc::new(opencc),
        }),
        Err(e) => Err(SystemError {
            config,
            message: e.to_string(),
        }),
    }
}

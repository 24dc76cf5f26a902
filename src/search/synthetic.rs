//! Large made-up handbooks for the search benchmark and the browser latency
//! test. The generator lives in [`crate::generate`]; these names stay so the
//! search code and tests read as before.

pub use crate::generate::{synthetic_handbook, Recombine};

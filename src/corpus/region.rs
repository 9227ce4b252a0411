//! Which region a report belongs to, from its text, with a confidence.
//!
//! PLACEHOLDER (owned by the gazetteer work).

use super::meta::{Meta, MetaInput};
use super::model::Region;

/// The inferred region and any doubts about it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RegionGuess {
    pub region: Option<Region>,
    /// Human-readable warnings, for example
    /// `region 新安县 is uncertain (confidence 0.55): the file name says 安新县`.
    pub warnings: Vec<String>,
}

/// Infers the region of a report.
#[must_use]
pub fn infer(input: &MetaInput<'_>, meta: &Meta) -> RegionGuess {
    let _ = (input, meta);
    RegionGuess::default()
}

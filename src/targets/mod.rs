//! Targets and results: what growth each report sets for its year (主要预期目标), what it
//! reports for the year before, and its plan's goals, per indicator, each linked to the
//! sentence it came from.
//!
//! [`extract`] reads a parsed [`crate::corpus::Report`] and knows nothing of search or
//! screens; the catalog builder in `search` calls it once per report and keeps the
//! [`Figure`]s with the report's outline, so commands read them without parsing again.

pub mod export;
mod extract;
mod fold;
mod model;

pub use extract::extract;
pub use model::{Figure, Indicator, Kind, Modifier, compact};

//! China's administrative divisions (GB/T 2260), embedded.
//!
//! PLACEHOLDER (owned by the gazetteer work).

use super::model::Region;

/// Resolves a GB/T 2260 code (`410323`) or an unambiguous name (`新安县`,
/// `河南省洛阳市新安县`) to a region with its full hierarchy.
#[must_use]
pub fn resolve(name_or_code: &str) -> Option<Region> {
    let _ = name_or_code;
    None
}

//! The 名词解释 entries of the whole corpus: each term with its definition and where it
//! comes from (report and paragraph).

use serde::Serialize;

use super::profile::Profiles;
use crate::search::{Catalog, normalize};

/// One glossary entry and its report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Definition {
    pub term: String,
    pub definition: String,
    /// Report id.
    pub report: String,
    /// Paragraph index in the report where the entry starts.
    pub paragraph: usize,
}

/// Every entry whose term contains `term` (normalised; all entries when `None`), by
/// term, then report order.
#[must_use]
pub fn definitions(catalog: &Catalog, profiles: &Profiles, term: Option<&str>) -> Vec<Definition> {
    let want = term.map(normalize);
    let mut out: Vec<Definition> = Vec::new();
    for (entry, list) in catalog.reports.iter().zip(profiles.glossary()) {
        for g in list {
            if want
                .as_deref()
                .is_some_and(|w| !normalize(&g.term).contains(w))
            {
                continue;
            }
            out.push(Definition {
                term: g.term.clone(),
                definition: g.definition.clone(),
                report: entry.meta.id.clone(),
                paragraph: g.paragraph,
            });
        }
    }
    out.sort_by(|a, b| a.term.cmp(&b.term));
    out
}

/// The distinct terms some report defines, normalised (for marking them in a text).
#[must_use]
pub fn defined_terms(profiles: &Profiles) -> Vec<String> {
    let mut v: Vec<String> = profiles
        .glossary()
        .iter()
        .flatten()
        .map(|g| normalize(&g.term))
        .filter(|t| !t.is_empty())
        .collect();
    v.sort();
    v.dedup();
    v
}

//! The light list of a corpus's reports: each report's metadata and length, in catalog
//! order, without its outline or targets. What browsing needs of every report (the
//! regions tree, `<` / `>`, filters, trends), for a fraction of the catalog's memory:
//! the TUI keeps this list for the whole session and reads a full [`CatalogEntry`] when it
//! needs one ([`super::Engine::entry`]).
//!
//! A distinct type, so that code holding it can never take it for a whole [`Catalog`]
//! whose reports have no sections or targets.

use std::ops::Deref;

use super::{Catalog, CatalogEntry};
use crate::corpus::ReportMeta;

/// One report of the light list.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportInfo {
    pub meta: ReportMeta,
    /// Characters of the report's text ([`CatalogEntry::chars`]).
    pub chars: u64,
}

impl ReportInfo {
    /// The light part of a catalog entry.
    #[must_use]
    pub fn of(entry: &CatalogEntry) -> ReportInfo {
        ReportInfo {
            meta: entry.meta.clone(),
            chars: entry.chars,
        }
    }
}

impl From<CatalogEntry> for ReportInfo {
    fn from(entry: CatalogEntry) -> ReportInfo {
        ReportInfo {
            meta: entry.meta,
            chars: entry.chars,
        }
    }
}

/// Every report of a corpus in catalog order (by region code, then year), as
/// [`ReportInfo`]: position `i` here is position `i` of the catalog.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Reports {
    reports: Vec<ReportInfo>,
}

impl Reports {
    /// The light list of a whole catalog.
    #[must_use]
    pub fn of(catalog: &Catalog) -> Reports {
        catalog.reports.iter().map(ReportInfo::of).collect()
    }

    /// The report with this id.
    #[must_use]
    pub fn get(&self, id: &str) -> Option<&ReportInfo> {
        self.reports.iter().find(|r| r.meta.id == id)
    }

    /// The catalog position of the report with this id.
    #[must_use]
    pub fn position(&self, id: &str) -> Option<usize> {
        self.reports.iter().position(|r| r.meta.id == id)
    }
}

impl FromIterator<ReportInfo> for Reports {
    fn from_iter<I: IntoIterator<Item = ReportInfo>>(iter: I) -> Reports {
        let mut reports: Vec<ReportInfo> = iter.into_iter().collect();
        reports.shrink_to_fit();
        Reports { reports }
    }
}

impl Deref for Reports {
    type Target = [ReportInfo];

    fn deref(&self) -> &[ReportInfo] {
        &self.reports
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(id: &str, year: u16) -> CatalogEntry {
        CatalogEntry {
            meta: ReportMeta {
                id: id.into(),
                file: format!("{id}.txt"),
                year: Some(year),
                paragraphs: 2,
                ..ReportMeta::default()
            },
            sections: Vec::new(),
            targets: Vec::new(),
            chars: u64::from(year),
        }
    }

    #[test]
    fn keeps_the_catalogs_order_metadata_and_lengths() {
        let catalog = Catalog {
            reports: vec![entry("a-2020", 2020), entry("b-2021", 2021)],
            rejected: Vec::new(),
        };
        let reports = Reports::of(&catalog);
        assert_eq!(reports.len(), 2);
        assert_eq!(reports[1].meta, catalog.reports[1].meta);
        assert_eq!(reports[1].chars, 2021);
        assert_eq!(reports.position("b-2021"), Some(1));
        assert_eq!(reports.get("a-2020").map(|r| r.chars), Some(2020));
        assert!(reports.get("c-2022").is_none());
    }
}

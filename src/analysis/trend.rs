//! How often queries occur across the corpus, grouped by year, region, level or report,
//! and normalised by the size of each group's text (corpora are unbalanced: a year with
//! twice the reports has twice the matches).
//!
//! A group's `reports` and `chars` are those of its reports that the query's `region:`,
//! `level:` and `year:` filters select (`section:` narrows the matches, not the text
//! size). Counts are exact, like the search: `paragraphs` are the matching paragraphs,
//! `occurrences` every match of the query's strings in them (overlapping matches each
//! count), and `per_10k` the occurrences per 10,000 characters.

use std::collections::BTreeMap;

use serde::{Serialize, Serializer};

use crate::corpus::Level;
use crate::search::{Engine, Query, SearchError};

/// How to group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum By {
    Year,
    Region,
    Level,
    Report,
}

/// A group's key.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Key {
    Year(u16),
    /// A GB/T 2260 code, a level name or a report id.
    Text(String),
    /// Reports without a year or a region.
    Unknown,
}

impl Serialize for Key {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Key::Year(y) => s.serialize_u16(*y),
            Key::Text(t) => s.serialize_str(t),
            Key::Unknown => s.serialize_none(),
        }
    }
}

impl std::fmt::Display for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Key::Year(y) => write!(f, "{y}"),
            Key::Text(t) => f.write_str(t),
            Key::Unknown => f.write_str("?"),
        }
    }
}

/// One query's counts in one group.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrendRow {
    pub query: String,
    pub key: Key,
    /// The region's name, the report's title, else the key.
    pub label: String,
    pub reports: usize,
    pub matching_reports: usize,
    pub paragraphs: u64,
    pub occurrences: u64,
    pub chars: u64,
    pub per_10k: f64,
}

/// Occurrences per 10,000 characters.
#[must_use]
pub fn per_10k(occurrences: u64, chars: u64) -> f64 {
    if chars == 0 {
        0.0
    } else {
        occurrences as f64 * 10_000.0 / chars as f64
    }
}

/// The counts of each query, grouped; a group's characters are its reports' (the
/// catalog's [`crate::search::ReportInfo::chars`]: nothing is segmented). Years come in
/// order, levels from the national down, regions and reports ranked by `per_10k` (then
/// occurrences).
///
/// # Errors
/// A [`SearchError::Query`] for a malformed query.
pub fn trend(engine: &Engine, queries: &[String], by: By) -> Result<Vec<TrendRow>, SearchError> {
    let reports = engine.reports();
    let mut out = Vec::new();
    for text in queries {
        let q = Query::parse(text)?;
        let counts = engine.occurrences(text)?;
        let mut groups: BTreeMap<(u8, Key), TrendRow> = BTreeMap::new();
        for (i, entry) in reports.iter().enumerate() {
            if !q.selects(&entry.meta) {
                continue;
            }
            let region = entry.meta.region.as_ref();
            let (order, key, label) = match by {
                By::Year => {
                    let k = entry.meta.year.map_or(Key::Unknown, Key::Year);
                    (0, k.clone(), k.to_string())
                }
                By::Region => region.map_or((0, Key::Unknown, "?".into()), |r| {
                    (0, Key::Text(r.code.clone()), r.name.clone())
                }),
                By::Level => region.map_or((9, Key::Unknown, "?".into()), |r| {
                    (
                        level_order(r.level),
                        Key::Text(r.level.as_str().into()),
                        r.level.as_str().into(),
                    )
                }),
                By::Report => (
                    0,
                    Key::Text(entry.meta.id.clone()),
                    entry.meta.title.clone(),
                ),
            };
            let row = groups
                .entry((order, key.clone()))
                .or_insert_with(|| TrendRow {
                    query: text.clone(),
                    key,
                    label,
                    reports: 0,
                    matching_reports: 0,
                    paragraphs: 0,
                    occurrences: 0,
                    chars: 0,
                    per_10k: 0.0,
                });
            let c = counts.get(i).copied().unwrap_or_default();
            row.reports += 1;
            row.chars += entry.chars;
            if c.paragraphs > 0 {
                row.matching_reports += 1;
                row.paragraphs += u64::from(c.paragraphs);
                row.occurrences += c.occurrences;
            }
        }
        let mut rows: Vec<TrendRow> = groups
            .into_values()
            .map(|mut r| {
                r.per_10k = per_10k(r.occurrences, r.chars);
                r
            })
            .collect();
        if matches!(by, By::Region | By::Report) {
            rows.sort_by(|a, b| {
                b.per_10k
                    .total_cmp(&a.per_10k)
                    .then(b.occurrences.cmp(&a.occurrences))
                    .then_with(|| a.key.cmp(&b.key))
            });
        }
        out.extend(rows);
    }
    Ok(out)
}

fn level_order(l: Level) -> u8 {
    match l {
        Level::National => 0,
        Level::Province => 1,
        Level::Prefecture => 2,
        Level::County => 3,
    }
}

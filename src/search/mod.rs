//! The search engine: a tantivy index of paragraphs plus the cached catalog of reports.
//!
//! [`Engine::open`] finds (or builds, or updates) the index of a corpus under the data dir,
//! sends [`Progress::Catalog`] as soon as the catalog is known, then indexes what changed.
//! [`Engine::search`] runs a [`Query`] (see [`query`] for the syntax). The TUI and the CLI
//! use only what is re-exported here.

mod collect;
mod engine;
pub(crate) mod indexer;
pub mod normalize;
mod nosync;
mod occurrences;
pub mod query;
mod reports;
mod scan;
mod schema;
mod sections;
pub mod segmenter;
mod snippet;
mod store;
pub mod tokenizer;
mod watch;

use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::corpus::overrides::OverrideError;
use crate::corpus::{Rejected, ReportMeta, Section};

pub use engine::{CatalogLoad, Engine, OpenOptions, corpus_dir};
pub use normalize::normalize;
pub use occurrences::FileCount;
pub use query::Query;
pub use reports::{ReportInfo, Reports};
pub use segmenter::Segmenter;
pub use snippet::snippet;
pub use store::dir_bytes;
pub use watch::CorpusWatcher;

/// One report in the catalog: its metadata and its outline, without the text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CatalogEntry {
    pub meta: ReportMeta,
    pub sections: Vec<Section>,
    /// Targets, last year's results and plan goals ([`crate::targets::extract`]).
    #[serde(default)]
    pub targets: Vec<crate::targets::Figure>,
    /// Characters of the report's text: every character of its paragraphs' cleaned
    /// text, the line breaks between them not counted (what trends normalise by).
    #[serde(default)]
    pub chars: u64,
}

impl CatalogEntry {
    /// The entry of a parsed report, with its targets.
    #[must_use]
    pub fn of(report: &crate::corpus::Report, targets: Vec<crate::targets::Figure>) -> Self {
        CatalogEntry {
            meta: report.meta.clone(),
            sections: report.sections.clone(),
            targets,
            chars: report
                .paragraphs
                .iter()
                .map(|p| p.text.chars().count() as u64)
                .sum(),
        }
    }
}

/// Every report of a corpus (sorted by region code, then year), and the files that were not reports.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Catalog {
    pub reports: Vec<CatalogEntry>,
    pub rejected: Vec<Rejected>,
}

impl Catalog {
    /// The report with this id.
    #[must_use]
    pub fn get(&self, id: &str) -> Option<&CatalogEntry> {
        self.reports.iter().find(|r| r.meta.id == id)
    }

    /// Number of reports per region name, most first.
    #[must_use]
    pub fn per_region(&self) -> Vec<(String, usize)> {
        let mut m: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
        for r in &self.reports {
            if let Some(g) = &r.meta.region {
                *m.entry(g.name.as_str()).or_default() += 1;
            }
        }
        let mut v: Vec<(String, usize)> = m.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        v
    }
}

/// What a long job is doing, for a progress bar or the TUI's gauge.
#[derive(Debug, Clone)]
pub enum Progress {
    /// Reading and parsing files for the catalog.
    Parsing { done: usize, total: usize },
    /// The catalog is ready (from the cache or freshly parsed); browsing can start. The
    /// light list of its reports: a full entry comes from [`Engine::entry`].
    Catalog(Arc<Reports>),
    /// Splitting paragraphs into words with jieba, the first pass of indexing (counted in
    /// reports).
    Segmenting { done: usize, total: usize },
    /// Adding paragraphs to the index (counted in reports).
    Indexing { done: usize, total: usize },
    /// An index was there but is rebuilt from scratch, for this reason (sent before the
    /// build's own progress).
    Rebuilding(Rebuild),
    /// Another gwr process holds the index; waiting for it.
    Waiting,
    /// The index is up to date.
    Ready,
}

/// Why an existing index is rebuilt from scratch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rebuild {
    /// The user dictionary (the config's `dictionary`) was added, changed or removed:
    /// the ranking words are segmented with it.
    Dictionary,
    /// Any other reason (a new gwr version, a damaged index, `--rebuild`…), in English.
    Other(String),
}

impl std::fmt::Display for Rebuild {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Rebuild::Dictionary => f.write_str("the user dictionary changed"),
            Rebuild::Other(why) => f.write_str(why),
        }
    }
}

/// How many hits to return.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    Top(usize),
    All,
}

/// One matching paragraph.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Hit {
    /// Report id.
    pub report: String,
    /// Region name as the report names itself.
    pub region: String,
    pub year: Option<u16>,
    /// Section path (`2.3`).
    pub section: String,
    pub section_title: String,
    /// Paragraph index in the report.
    pub paragraph: usize,
    /// A window of the paragraph around the first hit.
    pub snippet: String,
    /// Byte ranges of the hits inside `snippet`.
    pub highlights: Vec<Range<usize>>,
    pub score: f32,
    /// Byte ranges of the hits inside the whole paragraph (for a reader view).
    #[serde(default)]
    pub paragraph_highlights: Vec<Range<usize>>,
}

/// The answer to a query.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SearchResults {
    pub hits: Vec<Hit>,
    pub total_paragraphs: usize,
    pub total_reports: usize,
    /// (year, matching paragraphs), by year.
    pub per_year: Vec<(u16, usize)>,
    /// (region name, matching paragraphs), most first.
    pub per_region: Vec<(String, usize)>,
    pub elapsed: Duration,
}

/// A query the user typed could not be understood.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct QueryError(pub String);

/// A filter value that names nothing in the corpus (`region:火星`, `year:1800`,
/// `section:火星`): said so instead of answering with zero results.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FilterError {
    /// No report's region (nor any enclosing region) has this name or code.
    #[error(
        "region:{0} is no region of this corpus: give a name or a GB/T 2260 code of one (region:河北省, region:130600)"
    )]
    UnknownRegion(String),
    /// No report of the corpus is of these years.
    #[error("year:{value}: the corpus has reports of {first}–{last} only")]
    NoYear {
        value: String,
        first: u16,
        last: u16,
    },
    /// No section title of the corpus contains these words.
    #[error("section:{0} is in no section title of this corpus")]
    UnknownSection(String),
    /// No report has this id.
    #[error("report:{0} is no report of this corpus: give an id from gwr list")]
    UnknownReport(String),
}

/// Errors of the engine, each keeping its cause as its own type: callers match on the
/// variant, never on the message.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// A query the user typed could not be understood.
    #[error(transparent)]
    Query(#[from] QueryError),
    #[error(transparent)]
    Filter(#[from] FilterError),
    /// The index (tantivy) failed.
    #[error("search index: {0}")]
    Index(#[from] tantivy::TantivyError),
    /// The index's folder cannot be written (the engine then opens the index it has
    /// read-only, if it has one).
    #[error("cannot write to {}: {source}", dir.display())]
    Unwritable {
        dir: PathBuf,
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    /// Reading the corpus, or the index's own files.
    #[error(transparent)]
    Io(#[from] std::io::Error),
    /// The corpus's `gwr-overrides.toml` cannot be used.
    #[error(transparent)]
    Overrides(#[from] OverrideError),
    /// No report of the catalog has this id.
    #[error("no report with id {0}")]
    NoReport(String),
    /// A report's file can no longer be read as a report.
    #[error("cannot read {}: {}", .0.file, .0.reason)]
    Unreadable(Rejected),
    /// A search found the index or its catalog cache damaged; the index is marked, and the
    /// next open rebuilds it.
    #[error("search index damaged ({0}); it is rebuilt on the next start")]
    Damaged(String),
    /// The user dictionary is missing or malformed.
    #[error(
        "user dictionary {}: {reason} (fix the file, or remove `dictionary` from the config)",
        path.display()
    )]
    Dictionary { path: PathBuf, reason: String },
    /// The corpus folder cannot be watched for changes (the TUI then works without it).
    #[error("cannot watch {} for changes: {source}", dir.display())]
    Watch { dir: PathBuf, source: notify::Error },
}

impl SearchError {
    /// The index's folder `dir` cannot be written.
    pub(crate) fn unwritable(
        dir: &std::path::Path,
        source: impl Into<Box<dyn std::error::Error + Send + Sync>>,
    ) -> SearchError {
        SearchError::Unwritable {
            dir: dir.to_path_buf(),
            source: source.into(),
        }
    }
}

/// What opening the engine did, for `gwr index`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct IndexStats {
    pub reports: usize,
    pub rejected: usize,
    pub paragraphs: u64,
    /// Bytes of the index on disk (0 in memory).
    pub index_bytes: u64,
    /// Files parsed this time.
    pub parsed: usize,
    pub added: usize,
    pub changed: usize,
    pub removed: usize,
    /// Why the whole index was rebuilt, if it was.
    pub rebuilt: Option<String>,
    /// The corpus was checked for changes by the quick listing (its folders had not
    /// moved), not walked.
    pub quick_listing: bool,
    /// Where the index lives (None: in memory).
    pub location: Option<PathBuf>,
    pub elapsed: Duration,
}

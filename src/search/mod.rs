//! The search engine: a tantivy index of paragraphs plus the cached catalog of reports.
//!
//! PLACEHOLDER API (owned by the search work). The TUI and the CLI use only what is here:
//! [`Engine::open`], [`Engine::catalog`], [`Engine::search`], [`Engine::load_report`] and
//! [`Query`] for highlighting.

use std::ops::Range;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::corpus::{Corpus, Rejected, Report, ReportMeta, Section};

/// One report in the catalog: its metadata and its outline, without the text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CatalogEntry {
    pub meta: ReportMeta,
    pub sections: Vec<Section>,
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
}

/// What a long job is doing, for a progress bar or the TUI's gauge.
#[derive(Debug, Clone)]
pub enum Progress {
    /// Reading and parsing files for the catalog.
    Parsing { done: usize, total: usize },
    /// The catalog is ready (from the cache or freshly parsed); browsing can start.
    Catalog(Arc<Catalog>),
    /// Adding paragraphs to the index.
    Indexing { done: usize, total: usize },
    /// Another gwr process holds the index; waiting for it.
    Waiting,
    /// The index is up to date.
    Ready,
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

/// Errors of the engine.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error(transparent)]
    Query(#[from] QueryError),
    #[error("{0}")]
    Other(String),
}

/// A parsed query, usable to highlight its terms in any text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    pub text: String,
}

impl Query {
    /// Parses the query syntax of `gwr search`.
    ///
    /// # Errors
    /// A [`QueryError`] with a message for the user.
    pub fn parse(text: &str) -> Result<Query, QueryError> {
        Ok(Query {
            text: text.to_string(),
        })
    }

    /// Byte ranges of `text` that the query's positive terms match (what to highlight).
    #[must_use]
    pub fn highlight(&self, text: &str) -> Vec<Range<usize>> {
        if self.text.is_empty() {
            return Vec::new();
        }
        text.match_indices(self.text.as_str())
            .map(|(i, m)| i..i + m.len())
            .collect()
    }
}

/// The opened corpus: catalog plus search index.
pub struct Engine {
    corpus: Corpus,
    catalog: Arc<Catalog>,
    reports: Vec<Report>,
}

impl Engine {
    /// Opens (building or updating as needed) the catalog and index of `corpus` under `data_dir`.
    ///
    /// # Errors
    /// When the corpus cannot be read or the data dir cannot be used.
    pub fn open(
        corpus: &Corpus,
        data_dir: &Path,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<Engine, SearchError> {
        let _ = data_dir;
        let loaded = crate::corpus::load(corpus, |done, total| {
            progress(Progress::Parsing { done, total });
        })
        .map_err(|e| SearchError::Other(e.to_string()))?;
        let catalog = Arc::new(Catalog {
            reports: loaded
                .reports
                .iter()
                .map(|r| CatalogEntry {
                    meta: r.meta.clone(),
                    sections: r.sections.clone(),
                })
                .collect(),
            rejected: loaded.rejected,
        });
        progress(Progress::Catalog(catalog.clone()));
        progress(Progress::Ready);
        Ok(Engine {
            corpus: corpus.clone(),
            catalog,
            reports: loaded.reports,
        })
    }

    #[must_use]
    pub fn catalog(&self) -> &Arc<Catalog> {
        &self.catalog
    }

    #[must_use]
    pub fn corpus(&self) -> &Corpus {
        &self.corpus
    }

    /// Runs a query.
    ///
    /// # Errors
    /// A [`SearchError::Query`] for a malformed query.
    pub fn search(&self, query: &str, limit: Limit) -> Result<SearchResults, SearchError> {
        let q = Query::parse(query)?;
        let mut res = SearchResults::default();
        for r in &self.reports {
            for (i, p) in r.paragraphs.iter().enumerate() {
                let hl = q.highlight(&p.text);
                if hl.is_empty() {
                    continue;
                }
                res.total_paragraphs += 1;
                if let Limit::Top(n) = limit {
                    if res.hits.len() >= n {
                        continue;
                    }
                }
                let s = &r.sections[p.section];
                res.hits.push(Hit {
                    report: r.meta.id.clone(),
                    region: r
                        .meta
                        .region
                        .as_ref()
                        .map(|g| g.name.clone())
                        .unwrap_or_default(),
                    year: r.meta.year,
                    section: s.path.clone(),
                    section_title: s.title.clone(),
                    paragraph: i,
                    snippet: p.text.clone(),
                    highlights: hl,
                    score: 1.0,
                });
            }
        }
        Ok(res)
    }

    /// Loads the full text of a report (parsing its file again).
    ///
    /// # Errors
    /// When the id is unknown or the file can no longer be read.
    pub fn load_report(&self, id: &str) -> Result<Report, SearchError> {
        self.reports
            .iter()
            .find(|r| r.meta.id == id)
            .cloned()
            .ok_or_else(|| SearchError::Other(format!("no report with id {id}")))
    }
}

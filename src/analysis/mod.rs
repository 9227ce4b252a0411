//! Analyses over the whole corpus, above the search engine and below the TUI and the CLI:
//! [`trend`] (how often a query occurs, by year, region, level or report),
//! [`keywords`] (the words that set a report apart, and the words new in it),
//! [`diff`] (two reports side by side, sections aligned), [`glossary`] (the 名词解释
//! entries of every report).
//!
//! They read the catalog and the index through the engine's public methods, and the
//! per-report values computed from the text (characters, jieba word counts, glossary)
//! from [`profile::Profiles`], a cache beside the index built on first use. The words
//! come from jieba as the index segments ([`words`]: gwr's policy terms and the user's
//! dictionary).

pub mod diff;
pub mod glossary;
pub mod keywords;
pub mod profile;
pub mod stopwords;
pub mod trend;
pub mod words;

use std::path::PathBuf;

use crate::search::SearchError;

/// Errors of the analyses.
#[derive(Debug, thiserror::Error)]
pub enum AnalysisError {
    #[error(transparent)]
    Search(#[from] SearchError),
    /// The cache could not be written or read back.
    #[error("cannot write {path}: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    /// A cache file cannot be read back.
    #[error("{} is damaged ({reason}): delete it and run again", path.display())]
    Damaged { path: PathBuf, reason: String },
    #[error("cannot encode the analysis cache: {0}")]
    Encode(#[from] postcard::Error),
}

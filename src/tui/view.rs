//! The analysis views (a query's trend, a report's keywords, two reports side by side):
//! what to ask the worker for, what it answers, and the view's own state. They take the
//! screen above the status line until `Esc`.

use std::sync::Arc;

use super::job::Generations;
use crate::analysis::diff::ReportDiff;
use crate::analysis::keywords::{Keyword, NewWords};
use crate::analysis::trend::{By, TrendRow};
use crate::corpus::Report;

/// What to compute.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Request {
    Trend { queries: Vec<String>, by: By },
    Keywords { report: String },
    Diff { old: String, new: String },
}

impl Request {
    /// Whether the answer needs the corpus's word counts (computed once, on first use):
    /// keywords and diffs do, a trend does not.
    #[must_use]
    pub fn needs_word_counts(&self) -> bool {
        !matches!(self, Request::Trend { .. })
    }
}

/// What the worker answers.
#[derive(Debug, Clone)]
pub enum Analysis {
    Trend {
        queries: Vec<String>,
        by: By,
        rows: Vec<TrendRow>,
    },
    Keywords {
        report: String,
        title: String,
        keywords: Vec<Keyword>,
        new_words: NewWords,
    },
    Diff {
        diff: ReportDiff,
        old: Arc<Report>,
        new: Arc<Report>,
    },
    /// The definitions of the defined terms on the screen.
    Glossary {
        definitions: Vec<crate::analysis::glossary::Definition>,
    },
}

/// The view's state.
#[derive(Debug, Clone, Default)]
pub struct ViewPane {
    /// Requests sent: only the newest one's answer is shown.
    pub jobs: Generations,
    pub request: Option<Request>,
    pub shown: Option<Arc<Analysis>>,
    pub error: Option<String>,
    /// First line shown (keywords, diff, the ranked list of a trend by region).
    pub scroll: usize,
    /// The selected year of a trend chart (index into its years).
    pub selected: usize,
    /// The corpus's word counts being computed (reports done, total): keywords and
    /// diffs wait for them.
    pub counting: Option<(usize, usize)>,
}

impl ViewPane {
    /// The years of a trend by year, in order.
    #[must_use]
    pub fn years(&self) -> Vec<u16> {
        let Some(Analysis::Trend {
            rows, by: By::Year, ..
        }) = self.shown.as_deref()
        else {
            return Vec::new();
        };
        let mut v: Vec<u16> = rows
            .iter()
            .filter_map(|r| match r.key {
                crate::analysis::trend::Key::Year(y) => Some(y),
                _ => None,
            })
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    }
}

//! The one message type (everything that can change the state) and the commands `update`
//! asks the runtime to carry out.

use std::sync::Arc;

use crossterm::event::KeyEvent;

use super::state::Saved;
use crate::corpus::Report;
use crate::search::{Progress, SearchResults};

/// Everything that happens: input, worker results, signals.
#[derive(Debug, Clone)]
pub enum Msg {
    Key(KeyEvent),
    /// Bracketed paste.
    Paste(String),
    Resize(u16, u16),
    /// Mouse wheel (only with `mouse = true`): positive scrolls down.
    Scroll(i8),
    /// From `Engine::open`.
    Progress(Progress),
    /// The engine is open: searches and report loads go through it from now on.
    EngineReady,
    EngineFailed(String),
    ReportLoaded {
        generation: u64,
        report: Arc<Report>,
    },
    ReportFailed {
        generation: u64,
        error: String,
    },
    SearchDone {
        generation: u64,
        result: Result<Arc<SearchResults>, String>,
    },
    /// The answer to [`Cmd::Targets`].
    TargetsDone {
        generation: u64,
        result: Result<Arc<super::targets::TargetsTable>, String>,
    },
    /// The answer to [`Cmd::Analyse`].
    AnalysisDone {
        generation: u64,
        result: Result<Arc<super::view::Analysis>, String>,
    },
    /// Counting the words of the corpus (keywords and diffs wait for it; once per
    /// corpus, then read from the cache): reports done of total.
    WordCounts {
        done: usize,
        total: usize,
    },
    /// Every glossary entry of the corpus (once the analyses' word counts are ready).
    Glossary(Arc<crate::analysis::glossary::Glossary>),
    /// SIGTERM or SIGHUP: leave now.
    Terminate,
    /// A line for the status bar (the corpus changed on disk, …).
    Notice(String),
    /// The clipboard sequence was written (characters copied), or why not; with what
    /// was copied (paragraph or section, in the interface's language).
    Copied {
        result: Result<usize, crate::clipboard::CopyError>,
        what: String,
    },
}

/// Work for the runtime.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cmd {
    /// Run a query; the answer comes back as [`Msg::SearchDone`] with the same generation.
    Search { generation: u64, query: String },
    /// Load a report's text; the answer is [`Msg::ReportLoaded`] with the same generation.
    LoadReport { generation: u64, id: String },
    /// Read the targets view's table of region `code` (its children's for `year`); the
    /// answer is [`Msg::TargetsDone`].
    Targets {
        generation: u64,
        code: String,
        year: Option<u16>,
    },
    /// Compute a trend, keywords or a diff; the answer is [`Msg::AnalysisDone`].
    Analyse {
        generation: u64,
        request: super::view::Request,
    },
    /// Remember the reading position.
    Save(Saved),
    /// Ctrl-Z: restore the terminal, stop, and take it back on resume.
    Suspend,
    /// Write the marks to their file.
    SaveMarks(crate::marks::Marks),
    /// Copy text to the user's clipboard (OSC 52); the answer is [`Msg::Copied`].
    Copy { text: String, what: String },
}

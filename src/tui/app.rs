//! The application state. Only `update` changes it; rendering reads it.

use std::collections::HashSet;
use std::ops::Range;
use std::sync::Arc;

use ratatui::layout::Rect;

use super::input::Input;
use super::keymap::Mode;
use super::msg::Saved;
use super::regions::{RegionTree, Row};
use super::theme::Theme;
use super::wrap::Wrapped;
use crate::corpus::Report;
use crate::search::{Catalog, SearchResults};

/// The three panes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pane {
    Regions,
    Outline,
    Reader,
}

impl Pane {
    pub const ALL: [Pane; 3] = [Pane::Regions, Pane::Outline, Pane::Reader];
}

/// How the index is getting on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IndexState {
    Starting,
    Parsing { done: usize, total: usize },
    Segmenting { done: usize, total: usize },
    Indexing { done: usize, total: usize },
    Waiting,
    Ready,
    Failed(String),
}

/// The regions pane.
#[derive(Debug, Clone, Default)]
pub struct RegionsPane {
    pub tree: RegionTree,
    pub expanded: HashSet<usize>,
    pub filter: Input,
    pub rows: Vec<Row>,
    pub selected: usize,
    pub scroll: usize,
}

/// The outline pane: rows are section indices.
#[derive(Debug, Clone, Default)]
pub struct OutlinePane {
    pub collapsed: HashSet<usize>,
    pub rows: Vec<usize>,
    pub selected: usize,
    pub scroll: usize,
}

/// Where to put the reader once a report arrives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Jump {
    Paragraph(usize),
    /// A search hit: the paragraph; the query's hits get highlighted.
    Hit {
        paragraph: usize,
        first: bool,
    },
    /// The section with this path, else the top.
    Section(String),
}

/// The reader pane.
#[derive(Debug, Clone, Default)]
pub struct ReaderPane {
    pub report: Option<Arc<Report>>,
    /// The report wrapped at the reader's width (from `App::wrap_cache`).
    pub wrapped: Option<Arc<Wrapped>>,
    /// First screen line shown.
    pub top: usize,
    /// Query whose hits are highlighted.
    pub query: Option<String>,
    /// Every hit of `query` in the report: (paragraph, byte range).
    pub hits: Vec<(usize, Range<usize>)>,
    /// The hit `n`/`N` is on.
    pub hit: Option<usize>,
    /// A report being loaded, and where to go in it.
    pub loading: Option<(String, Jump)>,
}

/// The search line and its results.
#[derive(Debug, Clone, Default)]
pub struct SearchPane {
    pub input: Input,
    /// Generation of the newest request; answers with another generation are dropped.
    pub generation: u64,
    /// Generation of the answer shown.
    pub shown: u64,
    pub results: Option<Arc<SearchResults>>,
    pub error: Option<String>,
    pub selected: usize,
    pub scroll: usize,
    /// Index in `results.hits` of the hit last opened (for `n`/`N` across results).
    pub opened: Option<usize>,
}

/// The fuzzy section picker.
#[derive(Debug, Clone, Default)]
pub struct PickerPane {
    pub input: Input,
    /// Section indices, best match first.
    pub matches: Vec<usize>,
    pub selected: usize,
}

/// Everything the TUI shows.
#[derive(Debug, Clone)]
pub struct App {
    pub size: Rect,
    pub theme: Theme,
    pub mode: Mode,
    pub focus: Pane,
    pub catalog: Option<Arc<Catalog>>,
    pub regions: RegionsPane,
    pub outline: OutlinePane,
    pub reader: ReaderPane,
    pub search: SearchPane,
    pub goto: Input,
    pub picker: PickerPane,
    pub help_scroll: usize,
    pub index: IndexState,
    pub engine_ready: bool,
    /// A one-line message for the status line (an error or a hint).
    pub message: Option<String>,
    /// Generation of the newest report load.
    pub report_generation: u64,
    /// Wrapped reports, newest last, keyed by (report, width).
    pub wrap_cache: Vec<Arc<Wrapped>>,
    /// The position to restore when the catalog arrives.
    pub restore: Option<Saved>,
    pub quit: bool,
}

impl App {
    /// A fresh state for a terminal of `width` × `height`, restoring `saved` once the
    /// catalog is known.
    #[must_use]
    pub fn new(width: u16, height: u16, theme: Theme, saved: Option<Saved>) -> App {
        App {
            size: Rect::new(0, 0, width, height),
            theme,
            mode: Mode::Normal,
            focus: Pane::Reader,
            catalog: None,
            regions: RegionsPane::default(),
            outline: OutlinePane::default(),
            reader: ReaderPane::default(),
            search: SearchPane::default(),
            goto: Input::default(),
            picker: PickerPane::default(),
            help_scroll: 0,
            index: IndexState::Starting,
            engine_ready: false,
            message: None,
            report_generation: 0,
            wrap_cache: Vec::new(),
            restore: saved,
            quit: false,
        }
    }

    /// The section under the reading position.
    #[must_use]
    pub fn current_section(&self) -> Option<usize> {
        let report = self.reader.report.as_ref()?;
        let para = self.top_paragraph()?;
        report.paragraphs.get(para).map(|p| p.section)
    }

    /// The paragraph at the top of the reader.
    #[must_use]
    pub fn top_paragraph(&self) -> Option<usize> {
        let w = self.reader.wrapped.as_ref()?;
        if w.lines.is_empty() {
            return None;
        }
        Some(w.paragraph_at(self.reader.top))
    }

    /// The reading position to remember.
    #[must_use]
    pub fn saved(&self) -> Option<Saved> {
        let report = self.reader.report.as_ref()?;
        Some(Saved {
            report: report.meta.id.clone(),
            paragraph: self.top_paragraph().unwrap_or(0),
        })
    }

    /// The catalog index of the open report.
    #[must_use]
    pub fn current_report_index(&self) -> Option<usize> {
        let id = &self.reader.report.as_ref()?.meta.id;
        self.catalog
            .as_ref()?
            .reports
            .iter()
            .position(|r| &r.meta.id == id)
    }

    /// Titles of the current section and its ancestors, outermost first, with their paths.
    #[must_use]
    pub fn breadcrumb(&self) -> Vec<(String, String)> {
        let (Some(report), Some(mut s)) = (self.reader.report.as_ref(), self.current_section())
        else {
            return Vec::new();
        };
        let mut out = Vec::new();
        loop {
            let sec = &report.sections[s];
            out.push((sec.path.clone(), sec.title.clone()));
            match sec.parent {
                Some(p) => s = p,
                None => break,
            }
        }
        out.reverse();
        out
    }

    /// How far through the report the reader is, 0 to 100.
    #[must_use]
    pub fn percent(&self) -> u16 {
        let Some(w) = self.reader.wrapped.as_ref() else {
            return 0;
        };
        let height = match super::layout::areas(self).reader_height() {
            0 => self.size.height.saturating_sub(3) as usize,
            h => h,
        };
        let total = w.lines.len();
        if total <= height {
            return 100;
        }
        let seen = (self.reader.top + height).min(total);
        (seen * 100 / total) as u16
    }
}

//! The application state. Only `update` changes it; rendering reads it.

use std::sync::Arc;

use ratatui::layout::Rect;

use super::cursor::ListCursor;
pub use super::focus::{Mode, Pane};
use super::input::Input;
use super::keymap::Keymap;
use super::layout::{self, Areas};
pub use super::panes::{
    Direction, Jump, OutlinePane, PickerPane, ReaderPane, RegionsPane, SearchPane,
};
use super::state::Saved;
use super::targets::TargetsPane;
use super::theme::Theme;
use super::wrap::Wrapped;
use crate::lang::Lang;
use crate::marks::Marks;
use crate::search::Reports;

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

/// Everything the TUI shows.
#[derive(Debug, Clone)]
pub struct App {
    pub size: Rect,
    pub theme: Theme,
    pub mode: Mode,
    pub focus: Pane,
    /// The light list of the corpus's reports (a report's outline and targets are read
    /// when they are needed: the open report's, the targets view's).
    pub catalog: Option<Arc<Reports>>,
    pub regions: RegionsPane,
    pub outline: OutlinePane,
    pub reader: ReaderPane,
    pub search: SearchPane,
    pub goto: Input,
    pub picker: PickerPane,
    pub help_scroll: usize,
    /// The targets view.
    pub targets: TargetsPane,
    /// The analysis view (trend, keywords, side by side).
    pub view: super::view::ViewPane,
    /// Every glossary entry of the corpus (the reader marks their terms).
    pub glossary: Option<Arc<crate::analysis::glossary::Glossary>>,
    /// How the index is getting on (`Ready`: searches go through the open engine).
    pub index: IndexState,
    /// A one-line message for the status line (an error or a hint).
    pub message: Option<String>,
    /// Wrapped reports, newest last, keyed by (report, width).
    pub wrap_cache: Vec<Arc<Wrapped>>,
    /// The position to restore when the catalog arrives.
    pub restore: Option<Saved>,
    pub quit: bool,
    /// The interface's language.
    pub lang: Lang,
    /// The keymap in effect (the config file's `[keys]` applied).
    pub keys: Keymap,
    /// The marks of this corpus, and the marks list's cursor.
    pub marks: Marks,
    pub marks_cursor: ListCursor,
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
            targets: TargetsPane::default(),
            view: super::view::ViewPane::default(),
            glossary: None,
            index: IndexState::Starting,
            message: None,
            wrap_cache: Vec::new(),
            restore: saved,
            quit: false,
            lang: Lang::Zh,
            keys: Keymap::default(),
            marks: Marks::default(),
            marks_cursor: ListCursor::default(),
        }
    }

    /// Where each pane goes on the screen this state is drawn on.
    #[must_use]
    pub fn areas(&self) -> Areas {
        layout::areas(self.size, self.mode, self.focus)
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
        self.catalog.as_ref()?.position(id)
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
        let height = self.areas().page(Pane::Reader);
        let total = w.lines.len();
        if total <= height {
            return 100;
        }
        let seen = (self.reader.top + height).min(total);
        (seen * 100 / total) as u16
    }
}

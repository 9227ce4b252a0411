//! The state of each pane and input overlay, with the changes that belong to one pane
//! alone (rebuilding a tree's rows, selecting a row). `update` calls them; a new view
//! brings its own pane state here or in a module of its own.

use std::collections::HashSet;
use std::ops::Range;
use std::sync::Arc;

use super::cursor::ListCursor;
use super::input::Input;
use super::job::Generations;
use super::regions::{RegionTree, Row};
use super::wrap::Wrapped;
use crate::corpus::Report;
use crate::search::{Reports, SearchResults};

/// The regions pane.
#[derive(Debug, Clone, Default)]
pub struct RegionsPane {
    pub tree: RegionTree,
    pub expanded: HashSet<usize>,
    pub filter: Input,
    pub rows: Vec<Row>,
    pub cursor: ListCursor,
}

impl RegionsPane {
    /// A fresh tree for a new catalog: nothing selected, a lone root expanded.
    pub fn set_tree(&mut self, tree: RegionTree) {
        self.expanded.clear();
        if tree.roots.len() == 1 {
            self.expanded.insert(tree.roots[0]);
        }
        self.tree = tree;
        self.rows.clear();
        self.cursor.selected = 0;
    }

    /// The row under the cursor.
    #[must_use]
    pub fn current(&self) -> Option<Row> {
        self.rows.get(self.cursor.selected).copied()
    }

    /// Recomputes the visible rows (expanded nodes, filter), keeping the selected row
    /// selected when it is still shown.
    pub fn rebuild(&mut self, catalog: &Reports) {
        let keep = self.current();
        self.rows = self.tree.rows(&self.expanded, &self.filter.text, catalog);
        if let Some(row) = keep {
            self.select(row);
        }
    }

    /// Selects `row` (a node by its node, a report by its report, whatever the depth)
    /// when it is shown.
    pub fn select(&mut self, row: Row) {
        let node_of = |r: &Row| match r {
            Row::Node { node, .. } => Some(*node),
            Row::Report { .. } => None,
        };
        if let Some(i) = self.rows.iter().position(|r| match (r, row) {
            (Row::Report { report: a, .. }, Row::Report { report: b, .. }) => *a == b,
            _ => node_of(r).is_some() && node_of(r) == node_of(&row),
        }) {
            self.cursor.selected = i;
        }
    }

    /// Selects a region node.
    pub fn select_node(&mut self, node: usize) {
        self.select(Row::Node { node, depth: 0 });
    }
}

/// The outline pane: rows are section indices.
#[derive(Debug, Clone, Default)]
pub struct OutlinePane {
    pub collapsed: HashSet<usize>,
    pub rows: Vec<usize>,
    pub cursor: ListCursor,
}

impl OutlinePane {
    /// The outline of a newly opened report: sections below the top level that have
    /// sub-sections start collapsed; the cursor on the first row.
    pub fn reset(&mut self, report: &Report) {
        self.collapsed = report
            .sections
            .iter()
            .enumerate()
            .filter(|(_, s)| s.level >= 2 && !s.children.is_empty())
            .map(|(i, _)| i)
            .collect();
        self.cursor.reset();
    }

    /// The section under the cursor.
    #[must_use]
    pub fn current(&self) -> Option<usize> {
        self.rows.get(self.cursor.selected).copied()
    }

    /// Selects the row of section `s`; false when it is not shown.
    pub fn select(&mut self, s: usize) -> bool {
        match self.rows.iter().position(|r| *r == s) {
            Some(i) => {
                self.cursor.selected = i;
                true
            }
            None => false,
        }
    }

    /// Recomputes the visible rows (every section not under a collapsed one), keeping
    /// the selected section selected when it is still shown. No report: no rows.
    pub fn rebuild(&mut self, report: Option<&Report>) {
        let Some(report) = report else {
            self.rows.clear();
            return;
        };
        let keep = self.current();
        let hidden = |mut s: usize| {
            while let Some(p) = report.sections[s].parent {
                if self.collapsed.contains(&p) {
                    return true;
                }
                s = p;
            }
            false
        };
        self.rows = (0..report.sections.len()).filter(|s| !hidden(*s)).collect();
        if let Some(k) = keep {
            self.select(k);
        }
    }
}

/// Where to put the reader once a report arrives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Jump {
    Paragraph(usize),
    /// A search hit: the paragraph; the query's hits get highlighted. Going forward, the
    /// reader lands on the first hit from the paragraph on; going back, on the report's
    /// last hit.
    Hit {
        paragraph: usize,
        direction: Direction,
    },
    /// The section with this path, else the top.
    Section(String),
    /// A figure of the targets view: its phrase (a byte range of the paragraph) becomes
    /// the one highlighted hit.
    Figure {
        paragraph: usize,
        range: Range<usize>,
    },
}

/// Which way a move goes (sections, hits, years).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Forward,
    Back,
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
    /// Report loads: only the newest one's answer is shown.
    pub loads: Generations,
}

/// The search line and its results.
#[derive(Debug, Clone, Default)]
pub struct SearchPane {
    pub input: Input,
    /// Queries sent: only the newest one's answer is shown.
    pub jobs: Generations,
    pub results: Option<Arc<SearchResults>>,
    pub error: Option<String>,
    pub cursor: ListCursor,
    /// Index in `results.hits` of the hit last opened (for `n`/`N` across results).
    pub opened: Option<usize>,
    /// Where to search (`Ctrl-s` cycles it).
    pub scope: SearchScope,
    /// How the results are ordered (`Ctrl-o` cycles it).
    pub order: Order,
}

/// Where the search line searches.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SearchScope {
    /// Every report.
    #[default]
    All,
    /// The open report's region and the regions inside it.
    Region,
    /// The open report.
    Report,
}

impl SearchScope {
    #[must_use]
    pub fn next(self) -> SearchScope {
        match self {
            SearchScope::All => SearchScope::Region,
            SearchScope::Region => SearchScope::Report,
            SearchScope::Report => SearchScope::All,
        }
    }
}

/// How search results are ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Order {
    /// Best match first (the engine's ranking).
    #[default]
    Relevance,
    /// Newest report first.
    Year,
    /// By region name, then newest first.
    Region,
}

impl Order {
    #[must_use]
    pub fn next(self) -> Order {
        match self {
            Order::Relevance => Order::Year,
            Order::Year => Order::Region,
            Order::Region => Order::Relevance,
        }
    }
}

impl SearchPane {
    /// How many results there are to choose from.
    #[must_use]
    pub fn len(&self) -> usize {
        self.results.as_ref().map_or(0, |r| r.hits.len())
    }

    /// Whether there is no result to choose.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The fuzzy section picker.
#[derive(Debug, Clone, Default)]
pub struct PickerPane {
    pub input: Input,
    /// Section indices, best match first.
    pub matches: Vec<usize>,
    pub cursor: ListCursor,
}

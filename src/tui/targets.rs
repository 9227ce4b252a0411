//! The targets view's state: a region's targets by year, each beside the next report's
//! figure for that year, and, on a region with children, the children's targets for one
//! year. Read by the targets worker from the catalog entries of the reports the table
//! shows, each once (no report is parsed, no other entry is read), into copies of the
//! figures the pane keeps; a pure function over a reader of figures, tested here.
//!
//! ```text
//!  目标与实绩 河北省            生产总值        规上工业        …
//!  2024                        ≈5.5% 5.4%✓    ≈5.5% 7.5%✓
//!  2025                        ≥5%            ≈5.5%
//!  ── 下级 2025 ──
//!  保定市                      ≈6%            ≈7%
//! ```

use std::sync::Arc;

use crate::search::Reports;
use crate::targets::{Figure, Indicator, Kind};

use super::cursor::ListCursor;
use super::job::Generations;

/// One figure the view shows: a copy of it, and the id of the report it is in (where
/// Enter opens).
#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    pub report: String,
    pub figure: Figure,
}

/// One cell: the target a report set for its year, and the figure the next report of the
/// region gives for that year.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Cell {
    pub target: Option<Placed>,
    pub actual: Option<Placed>,
}

/// A row of the table.
#[derive(Debug, Clone, PartialEq)]
pub enum TableRow {
    /// A report's year (or a child region's name) and its cells, one per indicator.
    Year {
        label: String,
        year: u16,
        cells: Vec<Cell>,
    },
    /// A heading between the region's years and its children (`下级 2025`).
    Heading(String),
}

/// What the view shows of a region, as the worker reads it from the catalog's entries.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TargetsTable {
    /// The region (its name).
    pub region: String,
    /// The year asked for (the cursor starts on its row).
    pub year: Option<u16>,
    pub rows: Vec<TableRow>,
}

/// The targets view.
#[derive(Debug, Clone, Default)]
pub struct TargetsPane {
    /// The region shown (its name).
    pub region: String,
    pub rows: Vec<TableRow>,
    /// The table is being read (the view shows "…").
    pub loading: bool,
    /// The requests for tables: only the newest one's answer lands.
    pub jobs: Generations,
    pub cursor: ListCursor,
    /// The selected indicator column (index into [`Indicator::ALL`]).
    pub column: usize,
    /// The first indicator column shown (the view scrolls to keep `column` in sight).
    pub first_column: usize,
}

/// The report of region `code` for `year`, if any (the first, when there are two).
fn report_of(reports: &Reports, code: &str, year: u16) -> Option<usize> {
    reports.iter().position(|e| {
        e.meta.year == Some(year) && e.meta.region.as_ref().is_some_and(|r| r.code == code)
    })
}

/// Reads reports' figures, each report once.
struct Figures<'a> {
    reports: &'a Reports,
    read: &'a mut dyn FnMut(usize) -> Result<Vec<Figure>, String>,
    seen: std::collections::HashMap<usize, Arc<Vec<Figure>>>,
}

impl Figures<'_> {
    fn of(&mut self, report: usize) -> Result<Arc<Vec<Figure>>, String> {
        if let Some(f) = self.seen.get(&report) {
            return Ok(f.clone());
        }
        let f = Arc::new((self.read)(report)?);
        self.seen.insert(report, f.clone());
        Ok(f)
    }

    /// A report's figure of one indicator and kind, copied.
    fn find(
        &mut self,
        report: usize,
        indicator: Indicator,
        kind: Kind,
    ) -> Result<Option<Placed>, String> {
        let figures = self.of(report)?;
        Ok(figures
            .iter()
            .find(|f| f.indicator == indicator && f.kind == kind)
            .map(|f| Placed {
                report: self.reports[report].meta.id.clone(),
                figure: f.clone(),
            }))
    }

    /// The cells of one report: its targets, and the actuals for its year from `next`
    /// (the region's report of the following year).
    fn cells(&mut self, report: usize, next: Option<usize>) -> Result<Vec<Cell>, String> {
        Indicator::ALL
            .iter()
            .map(|&ind| {
                Ok(Cell {
                    target: self.find(report, ind, Kind::Target)?,
                    actual: match next {
                        Some(n) => self.find(n, ind, Kind::Actual)?,
                        None => None,
                    },
                })
            })
            .collect()
    }
}

impl TargetsTable {
    /// The table for region `code`: one row per year it has a report for (or whose
    /// figure a later report gives), then, when other reports lie under it, its
    /// children's rows for `year`. `figures` reads the targets of the report at a catalog
    /// position (each report's once): only the reports the table shows are read.
    ///
    /// # Errors
    /// The first error of `figures`.
    pub fn read(
        reports: &Reports,
        code: &str,
        year: Option<u16>,
        figures: &mut dyn FnMut(usize) -> Result<Vec<Figure>, String>,
    ) -> Result<TargetsTable, String> {
        let mut figures = Figures {
            reports,
            read: figures,
            seen: std::collections::HashMap::new(),
        };
        let mine: Vec<usize> = (0..reports.len())
            .filter(|&i| {
                reports[i]
                    .meta
                    .region
                    .as_ref()
                    .is_some_and(|r| r.code == code)
            })
            .collect();
        // The name the region goes by in the year asked for (清苑县 became 清苑区).
        let region = mine
            .iter()
            .find(|&&i| reports[i].meta.year == year)
            .or(mine.last())
            .and_then(|&i| reports[i].meta.region.as_ref())
            .map_or_else(|| code.to_string(), |r| r.name.clone());
        let mut rows = Vec::new();
        let mut seen = std::collections::BTreeSet::new();
        for &i in &mine {
            let Some(y) = reports[i].meta.year else {
                continue;
            };
            if !seen.insert(y) {
                continue;
            }
            rows.push(TableRow::Year {
                label: y.to_string(),
                year: y,
                cells: figures.cells(i, report_of(reports, code, y + 1))?,
            });
        }
        let children: Vec<usize> = year.map_or_else(Vec::new, |y| {
            (0..reports.len())
                .filter(|&i| {
                    let m = &reports[i].meta;
                    m.year == Some(y)
                        && m.region.as_ref().is_some_and(|r| {
                            r.code != code
                                && (code == "100000" || r.ancestors.iter().any(|a| a == code))
                        })
                })
                .collect()
        });
        if let (Some(y), false) = (year, children.is_empty()) {
            rows.push(TableRow::Heading(format!("下级 {y}")));
            for i in children {
                let r = reports[i].meta.region.as_ref().expect("filtered");
                rows.push(TableRow::Year {
                    label: r.name.clone(),
                    year: y,
                    cells: figures.cells(i, report_of(reports, &r.code, y + 1))?,
                });
            }
        }
        Ok(TargetsTable { region, year, rows })
    }
}

impl TargetsPane {
    /// Shows a table read for the view, the cursor on the row of the year asked for (else
    /// the first row); the indicator column stays.
    pub fn show(&mut self, table: &TargetsTable) {
        self.region.clone_from(&table.region);
        self.rows.clone_from(&table.rows);
        self.loading = false;
        self.cursor = ListCursor::default();
        self.cursor.selected = self
            .rows
            .iter()
            .position(|r| matches!(r, TableRow::Year { year: y, .. } if Some(*y) == table.year))
            .unwrap_or(0);
        self.first_column = 0;
    }

    /// The cell under the cursor.
    #[must_use]
    pub fn current(&self) -> Option<&Cell> {
        match self.rows.get(self.cursor.selected)? {
            TableRow::Year { cells, .. } => cells.get(self.column),
            TableRow::Heading(_) => None,
        }
    }
}

/// Width of the label (year or region) column, and of each indicator column.
pub const LABEL: usize = 10;
pub const COLUMN: usize = 16;

/// Table rows the view shows on a screen `height` rows high: less its frame, header and
/// the status line.
#[must_use]
pub fn rows_shown(height: u16) -> usize {
    usize::from(height).saturating_sub(4)
}

/// Indicator columns that fit on a screen `width` columns wide beside the label column.
#[must_use]
pub fn columns_shown(width: u16) -> usize {
    (usize::from(width).saturating_sub(2 + LABEL) / COLUMN).max(1)
}

/// A cell as the table shows it: the target, the actual and whether it met the target
/// (✓ met, ✗ missed: marks, not colours).
#[must_use]
pub fn cell_text(cell: &Cell) -> String {
    let target = cell.target.as_ref().map(|p| &p.figure);
    let actual = cell.actual.as_ref().map(|p| &p.figure);
    let mut out = target.map_or_else(|| "·".to_string(), Figure::compact);
    if let Some(a) = actual {
        out.push(' ');
        out.push_str(&a.compact());
        match target.and_then(|t| t.met_by(a)) {
            Some(true) => out.push('✓'),
            Some(false) => out.push('✗'),
            None => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Level, Region, ReportMeta};
    use crate::search::{Catalog, CatalogEntry};
    use crate::targets::Modifier;

    fn fig(indicator: Indicator, kind: Kind, value: f64, modifier: Modifier) -> Figure {
        Figure {
            indicator,
            kind,
            value: Some(value),
            low: None,
            high: None,
            unit: Some("%".into()),
            modifier,
            aim: None,
            estimated: false,
            horizon: None,
            text: String::new(),
            paragraph: 0,
            start: 0,
            end: 0,
        }
    }

    fn entry(
        code: &str,
        name: &str,
        anc: &[&str],
        year: u16,
        targets: Vec<Figure>,
    ) -> CatalogEntry {
        CatalogEntry {
            meta: ReportMeta {
                id: format!("{code}-{year}"),
                file: format!("{code}-{year}.txt"),
                year: Some(year),
                region: Some(Region {
                    name: name.into(),
                    full: name.into(),
                    level: if anc.is_empty() {
                        Level::Province
                    } else {
                        Level::Prefecture
                    },
                    code: code.into(),
                    ancestors: anc.iter().map(|s| (*s).to_string()).collect(),
                    ancestor_names: Vec::new(),
                    confidence: 1.0,
                }),
                ..ReportMeta::default()
            },
            sections: Vec::new(),
            targets,
            chars: 0,
        }
    }

    #[test]
    fn years_down_with_the_next_reports_actual_and_children_under() {
        use Indicator::Gdp;
        let catalog = Catalog {
            reports: vec![
                entry(
                    "130000",
                    "河北省",
                    &[],
                    2023,
                    vec![fig(Gdp, Kind::Target, 6.0, Modifier::About)],
                ),
                entry(
                    "130000",
                    "河北省",
                    &[],
                    2024,
                    vec![
                        fig(Gdp, Kind::Target, 5.5, Modifier::About),
                        fig(Gdp, Kind::Actual, 5.5, Modifier::Point),
                    ],
                ),
                entry(
                    "130600",
                    "保定市",
                    &["130000"],
                    2024,
                    vec![fig(Gdp, Kind::Target, 6.0, Modifier::AtLeast)],
                ),
                entry(
                    "130600",
                    "保定市",
                    &["130000"],
                    2025,
                    vec![fig(Gdp, Kind::Actual, 5.9, Modifier::Point)],
                ),
                entry(
                    "140000",
                    "山西省",
                    &[],
                    2024,
                    vec![fig(Gdp, Kind::Target, 5.0, Modifier::About)],
                ),
            ],
            rejected: Vec::new(),
        };
        let mut read = Vec::new();
        let table = TargetsTable::read(&Reports::of(&catalog), "130000", Some(2024), &mut |i| {
            read.push(i);
            Ok(catalog.reports[i].targets.clone())
        })
        .unwrap();
        read.sort_unstable();
        assert_eq!(read, [0, 1, 2, 3], "each report shown read once, no other");
        let mut pane = TargetsPane {
            column: 0,
            ..TargetsPane::default()
        };
        pane.show(&table);
        let text: Vec<String> = pane
            .rows
            .iter()
            .map(|r| match r {
                TableRow::Year { label, cells, .. } => {
                    format!("{label} {}", cell_text(&cells[0]))
                }
                TableRow::Heading(h) => h.clone(),
            })
            .collect();
        assert_eq!(
            text,
            [
                "2023 ≈6% 5.5%✗",
                "2024 ≈5.5%",
                "下级 2024",
                "保定市 ≥6% 5.9%✗"
            ]
        );
        assert_eq!(pane.cursor.selected, 1, "starts on the year asked for");
        let target = pane.current().unwrap().target.clone().unwrap();
        assert_eq!(target.report, "130000-2024");
        assert_eq!(target.figure, catalog.reports[1].targets[0]);
        // A reader that fails: the table says so.
        let failed = TargetsTable::read(&Reports::of(&catalog), "130000", None, &mut |_| {
            Err("unreadable".into())
        });
        assert_eq!(failed, Err("unreadable".to_string()));
    }
}

//! The targets view's state: a region's targets by year, each beside the next report's
//! figure for that year, and, on a region with children, the children's targets for one
//! year. Built from the catalog (no report is parsed); a pure function, tested here.
//!
//! ```text
//!  目标与实绩 河北省            生产总值        规上工业        …
//!  2024                        ≈5.5% 5.4%✓    ≈5.5% 7.5%✓
//!  2025                        ≥5%            ≈5.5%
//!  ── 下级 2025 ──
//!  保定市                      ≈6%            ≈7%
//! ```

use crate::search::Catalog;
use crate::targets::{Figure, Indicator, Kind};

use super::cursor::ListCursor;

/// One figure in the catalog: (report index, figure index in its `targets`).
pub type FigureRef = (usize, usize);

/// One cell: the target a report set for its year, and the figure the next report of the
/// region gives for that year.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cell {
    pub target: Option<FigureRef>,
    pub actual: Option<FigureRef>,
}

/// A row of the table.
#[derive(Debug, Clone, PartialEq, Eq)]
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

/// The targets view.
#[derive(Debug, Clone, Default)]
pub struct TargetsPane {
    /// The region shown (its name).
    pub region: String,
    pub rows: Vec<TableRow>,
    pub cursor: ListCursor,
    /// The selected indicator column (index into [`Indicator::ALL`]).
    pub column: usize,
    /// The first indicator column shown (the view scrolls to keep `column` in sight).
    pub first_column: usize,
}

/// Finds a report's figure of one indicator and kind.
fn find(catalog: &Catalog, report: usize, indicator: Indicator, kind: Kind) -> Option<FigureRef> {
    catalog.reports[report]
        .targets
        .iter()
        .position(|f| f.indicator == indicator && f.kind == kind)
        .map(|i| (report, i))
}

/// The cells of one report: its targets, and the actuals for its year from `next` (the
/// region's report of the following year).
fn cells(catalog: &Catalog, report: usize, next: Option<usize>) -> Vec<Cell> {
    Indicator::ALL
        .iter()
        .map(|&ind| Cell {
            target: find(catalog, report, ind, Kind::Target),
            actual: next.and_then(|n| find(catalog, n, ind, Kind::Actual)),
        })
        .collect()
}

/// The report of region `code` for `year`, if any (the first, when there are two).
fn report_of(catalog: &Catalog, code: &str, year: u16) -> Option<usize> {
    catalog.reports.iter().position(|e| {
        e.meta.year == Some(year) && e.meta.region.as_ref().is_some_and(|r| r.code == code)
    })
}

impl TargetsPane {
    /// The view for region `code`: one row per year it has a report for (or whose figure
    /// a later report gives), then, when other reports lie under it, its children's rows
    /// for `year`.
    #[must_use]
    pub fn build(catalog: &Catalog, code: &str, year: Option<u16>) -> TargetsPane {
        let mine: Vec<usize> = (0..catalog.reports.len())
            .filter(|&i| {
                catalog.reports[i]
                    .meta
                    .region
                    .as_ref()
                    .is_some_and(|r| r.code == code)
            })
            .collect();
        // The name the region goes by in the year asked for (清苑县 became 清苑区).
        let region = mine
            .iter()
            .find(|&&i| catalog.reports[i].meta.year == year)
            .or(mine.last())
            .and_then(|&i| catalog.reports[i].meta.region.as_ref())
            .map_or_else(|| code.to_string(), |r| r.name.clone());
        let mut rows = Vec::new();
        let mut seen = std::collections::BTreeSet::new();
        for &i in &mine {
            let Some(y) = catalog.reports[i].meta.year else {
                continue;
            };
            if !seen.insert(y) {
                continue;
            }
            rows.push(TableRow::Year {
                label: y.to_string(),
                year: y,
                cells: cells(catalog, i, report_of(catalog, code, y + 1)),
            });
        }
        let children: Vec<usize> = year.map_or_else(Vec::new, |y| {
            (0..catalog.reports.len())
                .filter(|&i| {
                    let m = &catalog.reports[i].meta;
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
                let r = catalog.reports[i].meta.region.as_ref().expect("filtered");
                rows.push(TableRow::Year {
                    label: r.name.clone(),
                    year: y,
                    cells: cells(catalog, i, report_of(catalog, &r.code, y + 1)),
                });
            }
        }
        let mut pane = TargetsPane {
            region,
            rows,
            ..TargetsPane::default()
        };
        // Start on the row of the year asked for, else the last year.
        pane.cursor.selected = pane
            .rows
            .iter()
            .position(|r| matches!(r, TableRow::Year { year: y, .. } if Some(*y) == year))
            .unwrap_or(0);
        pane
    }

    /// The cell under the cursor.
    #[must_use]
    pub fn current(&self) -> Option<Cell> {
        match self.rows.get(self.cursor.selected)? {
            TableRow::Year { cells, .. } => cells.get(self.column).copied(),
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

/// The figure a reference points at.
#[must_use]
pub fn figure(catalog: &Catalog, (report, i): FigureRef) -> Option<&Figure> {
    catalog.reports.get(report)?.targets.get(i)
}

/// A cell as the table shows it: the target, the actual and whether it met the target
/// (✓ met, ✗ missed: marks, not colours).
#[must_use]
pub fn cell_text(catalog: &Catalog, cell: Cell) -> String {
    let target = cell.target.and_then(|r| figure(catalog, r));
    let actual = cell.actual.and_then(|r| figure(catalog, r));
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
    use crate::search::CatalogEntry;
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
                title: String::new(),
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
                meeting_date: None,
                meeting: None,
                speaker: None,
                speaker_title: None,
                glossary: 0,
                paragraphs: 0,
                text_bytes: 0,
                warnings: Vec::new(),
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
            ],
            rejected: Vec::new(),
        };
        let pane = TargetsPane::build(&catalog, "130000", Some(2024));
        let text: Vec<String> = pane
            .rows
            .iter()
            .map(|r| match r {
                TableRow::Year { label, cells, .. } => {
                    format!("{label} {}", cell_text(&catalog, cells[0]))
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
        assert_eq!(pane.current().unwrap().target, Some((1, 0)));
    }
}

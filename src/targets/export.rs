//! Targets as rows for people and programs: a text table, JSON and CSV.
//!
//! One row per report × indicator × kind. `year` is the year the figure is for: the
//! report's year for a target or a plan (whose end is `horizon`), the year before for an
//! actual.

use std::fmt::Write as _;
use std::io::{self, Write};

use serde::Serialize;

use super::model::{Figure, Indicator, Kind, Modifier, compact};
use crate::corpus::{Level, ReportMeta};

/// The region of a row.
#[derive(Debug, Clone, Serialize)]
pub struct RowRegion<'a> {
    pub name: &'a str,
    pub code: &'a str,
    pub level: Option<Level>,
}

/// One row: a figure with its report.
#[derive(Debug, Clone, Serialize)]
pub struct Row<'a> {
    pub report: &'a str,
    pub region: RowRegion<'a>,
    pub year: Option<u16>,
    pub indicator: Indicator,
    pub kind: Kind,
    pub value: Option<f64>,
    pub low: Option<f64>,
    pub high: Option<f64>,
    pub unit: Option<&'a str>,
    pub modifier: Modifier,
    pub aim: Option<&'a str>,
    pub estimated: bool,
    pub horizon: Option<u16>,
    pub text: &'a str,
    pub paragraph: usize,
}

impl<'a> Row<'a> {
    #[must_use]
    pub fn new(meta: &'a ReportMeta, f: &'a Figure) -> Row<'a> {
        let region = meta.region.as_ref();
        Row {
            report: &meta.id,
            region: RowRegion {
                name: region.map_or("", |r| r.name.as_str()),
                code: region.map_or("", |r| r.code.as_str()),
                level: region.map(|r| r.level),
            },
            year: match f.kind {
                Kind::Actual => meta.year.map(|y| y - 1),
                Kind::Target | Kind::Plan => meta.year,
            },
            indicator: f.indicator,
            kind: f.kind,
            value: f.value,
            low: f.low,
            high: f.high,
            unit: f.unit.as_deref(),
            modifier: f.modifier,
            aim: f.aim.as_deref(),
            estimated: f.estimated,
            horizon: f.horizon,
            text: &f.text,
            paragraph: f.paragraph,
        }
    }
}

/// The CSV header.
pub const CSV_HEADER: [&str; 17] = [
    "report",
    "region",
    "region_code",
    "level",
    "year",
    "indicator",
    "kind",
    "value",
    "low",
    "high",
    "unit",
    "modifier",
    "aim",
    "estimated",
    "horizon",
    "text",
    "paragraph",
];

fn num(v: Option<f64>) -> String {
    v.map_or_else(String::new, |v| {
        let s = format!("{v:.4}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    })
}

/// Writes rows as CSV: UTF-8 with a byte-order mark (so that Excel reads it as UTF-8),
/// a header, one record per row.
pub fn write_csv<'a>(rows: impl IntoIterator<Item = Row<'a>>, out: impl Write) -> io::Result<()> {
    let mut out = io::BufWriter::new(out);
    out.write_all("\u{feff}".as_bytes())?;
    let mut w = csv::Writer::from_writer(out);
    w.write_record(CSV_HEADER)?;
    for r in rows {
        let year = r.year.map_or_else(String::new, |y| y.to_string());
        let horizon = r.horizon.map_or_else(String::new, |y| y.to_string());
        let paragraph = r.paragraph.to_string();
        let (value, low, high) = (num(r.value), num(r.low), num(r.high));
        w.write_record([
            r.report,
            r.region.name,
            r.region.code,
            r.region.level.map_or("", Level::as_str),
            &year,
            r.indicator.key(),
            r.kind.as_str(),
            &value,
            &low,
            &high,
            r.unit.unwrap_or(""),
            r.modifier.as_str(),
            r.aim.unwrap_or(""),
            if r.estimated { "true" } else { "false" },
            &horizon,
            r.text,
            &paragraph,
        ])?;
    }
    w.flush()
}

/// Writes rows as a JSON array.
pub fn write_json<'a>(rows: impl IntoIterator<Item = Row<'a>>, out: impl Write) -> io::Result<()> {
    let rows: Vec<Row<'a>> = rows.into_iter().collect();
    let mut out = io::BufWriter::new(out);
    serde_json::to_writer_pretty(&mut out, &rows)?;
    out.write_all(b"\n")?;
    out.flush()
}

/// A text table: report, year, indicator, kind, the compact figure and the phrase.
pub fn table<'a>(rows: impl IntoIterator<Item = Row<'a>>) -> String {
    let mut out = String::new();
    for r in rows {
        let year = r.year.map_or_else(|| "????".to_string(), |y| y.to_string());
        let kind = match (r.kind, r.estimated, r.horizon) {
            (Kind::Actual, true, _) => "actual~".to_string(),
            (Kind::Plan, _, Some(h)) => format!("plan→{h}"),
            (k, ..) => k.as_str().to_string(),
        };
        let compact = compact(r.modifier, r.value, r.low, r.high, r.unit);
        let _ = writeln!(
            out,
            "{:<18} {} {year} {:<12} {:<10} {} {}",
            r.report,
            pad(r.region.name, 10),
            r.indicator.key(),
            kind,
            pad(&compact, 10),
            r.text
        );
    }
    out
}

/// Pads to a display width (Chinese characters take two columns).
fn pad(s: &str, width: usize) -> String {
    let w = unicode_width::UnicodeWidthStr::width(s);
    format!("{s}{}", " ".repeat(width.saturating_sub(w)))
}

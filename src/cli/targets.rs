//! `gwr targets`: targets, last year's results and plan goals, read from the catalog.

use std::io::Write as _;
use std::process::ExitCode;

use anyhow::{Context as _, bail};
use clap::Args;

use super::Context;
use super::reports::{find, open_engine};
use crate::corpus::Level;
use crate::search::{Catalog, CatalogEntry};
use crate::targets::export::{self, Row};
use crate::targets::{Indicator, Kind};

/// Arguments of `gwr targets`.
#[derive(Debug, Args)]
pub struct TargetsArgs {
    /// A report id, or a region (name or code) with or without a year; all reports if left out.
    #[arg(num_args = 0..=2, value_name = "REPORT")]
    pub report: Vec<String>,
    /// Only these indicators (gdp, industry, investment, retail, revenue, cpi,
    /// unemployment, jobs, income, trade, energy), comma-separated.
    #[arg(long, value_delimiter = ',', value_name = "KEYS")]
    pub indicator: Vec<String>,
    /// Only targets, actuals or plans (comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "KINDS")]
    pub kind: Vec<String>,
    /// Only reports of this level: national, province, prefecture, county.
    #[arg(long, value_name = "LEVEL")]
    pub level: Option<String>,
    /// Only reports of this year or range of years (2020, 2020..2024).
    #[arg(long, value_name = "YEARS")]
    pub year: Option<String>,
    /// Print a JSON array.
    #[arg(long, conflicts_with = "csv")]
    pub json: bool,
    /// Print CSV (UTF-8 with BOM, one row per report × indicator × kind).
    #[arg(long)]
    pub csv: bool,
}

/// A year or an inclusive range of years: `2020`, `2020..2024`.
fn years(s: &str) -> anyhow::Result<(u16, u16)> {
    let bad = || format!("--year {s:?}: give a year (2020) or a range (2020..2024)");
    let (a, b) = s.split_once("..").unwrap_or((s, s));
    let a: u16 = a.trim().parse().with_context(bad)?;
    let b: u16 = b.trim_start_matches('=').trim().parse().with_context(bad)?;
    if a > b {
        bail!(bad());
    }
    Ok((a, b))
}

/// The reports a user named: none (all), an id or file, a region, a region and a year.
fn select<'a>(catalog: &'a Catalog, args: &[String]) -> anyhow::Result<Vec<&'a CatalogEntry>> {
    match args {
        [] => Ok(catalog.reports.iter().collect()),
        [one] => {
            if let Some(e) = catalog.get(one) {
                return Ok(vec![e]);
            }
            if let Some(e) = catalog.reports.iter().find(|e| &e.meta.file == one) {
                return Ok(vec![e]);
            }
            let of_region: Vec<&CatalogEntry> = catalog
                .reports
                .iter()
                .filter(|e| {
                    e.meta.region.as_ref().is_some_and(|r| {
                        r.name == *one
                            || r.code == *one
                            || r.full == *one
                            || r.full.ends_with(one.as_str())
                    })
                })
                .collect();
            if of_region.is_empty() {
                bail!(
                    "no report or region matches {one}: give an id from `gwr list`, a region name or code, or a region and a year"
                );
            }
            Ok(of_region)
        }
        _ => Ok(vec![find(catalog, args)?]),
    }
}

pub fn targets(ctx: &Context, args: &TargetsArgs) -> anyhow::Result<ExitCode> {
    let indicators: Vec<Indicator> = args
        .indicator
        .iter()
        .filter(|s| !s.trim().is_empty())
        .map(|s| {
            Indicator::parse(s).with_context(|| {
                let keys: Vec<&str> = Indicator::ALL.iter().map(|i| i.key()).collect();
                format!("unknown indicator {s:?}: use {}", keys.join(", "))
            })
        })
        .collect::<anyhow::Result<_>>()?;
    let kinds: Vec<Kind> = args
        .kind
        .iter()
        .map(|s| match s.trim() {
            "target" => Ok(Kind::Target),
            "actual" => Ok(Kind::Actual),
            "plan" => Ok(Kind::Plan),
            other => bail!("unknown kind {other:?}: use target, actual or plan"),
        })
        .collect::<anyhow::Result<_>>()?;
    let level = match &args.level {
        None => None,
        Some(s) => Some(Level::parse(s).with_context(|| {
            format!("unknown level {s:?}: use national, province, prefecture or county")
        })?),
    };
    let years = args.year.as_deref().map(years).transpose()?;
    let engine = open_engine(ctx)?;
    let reports = select(engine.catalog(), &args.report)?;
    let rows = reports
        .into_iter()
        .filter(|e| level.is_none_or(|l| e.meta.region.as_ref().is_some_and(|r| r.level == l)))
        .filter(|e| years.is_none_or(|(a, b)| e.meta.year.is_some_and(|y| (a..=b).contains(&y))))
        .flat_map(|e| e.targets.iter().map(move |f| (e, f)))
        .filter(|(_, f)| indicators.is_empty() || indicators.contains(&f.indicator))
        .filter(|(_, f)| kinds.is_empty() || kinds.contains(&f.kind))
        .map(|(e, f)| Row::new(&e.meta, f));
    let stdout = std::io::stdout().lock();
    let result = if args.csv {
        export::write_csv(rows, stdout)
    } else if args.json {
        export::write_json(rows, stdout)
    } else {
        let text = crate::text::terminal_safe(&export::table(rows)).into_owned();
        let mut stdout = stdout;
        stdout
            .write_all(text.as_bytes())
            .and_then(|()| stdout.flush())
    };
    match result {
        // A closed pipe (`gwr targets | head`) is not an error.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
        other => other
            .map(|()| ExitCode::SUCCESS)
            .context("cannot write to standard output"),
    }
}

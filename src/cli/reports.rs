//! `gwr list`, `gwr show`, `gwr outline`.

use std::fmt::Write as _;
use std::io::Write as _;
use std::process::ExitCode;

use anyhow::{Context as _, bail};
use serde_json::json;

use super::Context;
use crate::corpus::{Report, Section, model::top_level_titles};
use crate::search::{Catalog, CatalogEntry, Engine};
use crate::text::terminal_safe;

/// Opens the engine quietly (progress goes to stderr only on a terminal).
pub(super) fn open_engine(ctx: &Context) -> anyhow::Result<Engine> {
    super::search::open(ctx, crate::search::OpenOptions::default())
}

fn print(out: &str) -> anyhow::Result<()> {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(terminal_safe(out).as_bytes())
        .and_then(|()| stdout.flush())
    {
        // A closed pipe (`gwr list | head`) is not an error.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.context("cannot write to standard output"),
    }
}

fn region_json(entry: &CatalogEntry) -> serde_json::Value {
    entry
        .meta
        .region
        .as_ref()
        .map_or(serde_json::Value::Null, |r| {
            json!({
                "name": r.name,
                "full": r.full,
                "level": r.level,
                "code": r.code,
                "confidence": r.confidence,
            })
        })
}

/// The JSON object `gwr list --json` prints for one report.
#[must_use]
pub fn report_json(entry: &CatalogEntry) -> serde_json::Value {
    let m = &entry.meta;
    json!({
        "id": m.id,
        "file": m.file,
        "title": m.title,
        "year": m.year,
        "region": region_json(entry),
        "meeting_date": m.meeting_date,
        "meeting": m.meeting,
        "speaker": m.speaker,
        "speaker_title": m.speaker_title,
        "sections": top_level_titles(&entry.sections),
        "glossary": m.glossary,
        "paragraphs": m.paragraphs,
        "warnings": m.warnings,
    })
}

pub fn list(ctx: &Context, json: bool) -> anyhow::Result<ExitCode> {
    let engine = open_engine(ctx)?;
    let catalog = engine.catalog();
    for r in &catalog.rejected {
        eprintln!(
            "gwr: skipped {}: {}",
            terminal_safe(&r.file),
            terminal_safe(&r.reason)
        );
    }
    let mut out = String::new();
    if json {
        // The reports, then the files that are not, each with its reason.
        let all: Vec<_> = catalog
            .reports
            .iter()
            .map(report_json)
            .chain(
                catalog
                    .rejected
                    .iter()
                    .map(|r| json!({"file": r.file, "rejected": r.reason})),
            )
            .collect();
        out = serde_json::to_string_pretty(&all)?;
        out.push('\n');
    } else {
        for e in &catalog.reports {
            let m = &e.meta;
            let region = m.region.as_ref().map_or("?", |r| r.name.as_str());
            let year = m.year.map_or_else(|| "????".to_string(), |y| y.to_string());
            let _ = writeln!(
                out,
                "{:<18} {year} {region}  {}  ({})",
                m.id, m.title, m.file
            );
        }
    }
    print(&out)?;
    Ok(ExitCode::SUCCESS)
}

/// Finds the report a user named: an id, a file path, or a region name and a year.
pub(super) fn find<'a>(catalog: &'a Catalog, args: &[String]) -> anyhow::Result<&'a CatalogEntry> {
    let first = args[0].as_str();
    let year: Option<u16> = match args.get(1) {
        Some(y) => Some(
            y.trim_end_matches('年')
                .parse()
                .with_context(|| format!("{y:?} is not a year"))?,
        ),
        None => None,
    };
    if year.is_none() {
        if let Some(e) = catalog.get(first) {
            return Ok(e);
        }
        if let Some(e) = catalog.reports.iter().find(|e| e.meta.file == first) {
            return Ok(e);
        }
    }
    let matches: Vec<&CatalogEntry> = catalog
        .reports
        .iter()
        .filter(|e| {
            let region_ok = e.meta.region.as_ref().is_some_and(|r| {
                r.name == first
                    || r.code == first
                    || r.full == first
                    || r.name.starts_with(first)
                    || r.full.ends_with(first)
            });
            region_ok && year.is_none_or(|y| e.meta.year == Some(y))
        })
        .collect();
    match matches.as_slice() {
        [one] => Ok(one),
        [] => bail!(
            "no report matches {}: give an id from `gwr list` or a region name and a year",
            args.join(" ")
        ),
        many => {
            let ids: Vec<String> = many
                .iter()
                .map(|e| format!("{} ({})", e.meta.id, e.meta.title))
                .collect();
            bail!(
                "{} matches {} reports: {}",
                args.join(" "),
                many.len(),
                ids.join(", ")
            )
        }
    }
}

pub fn show(
    ctx: &Context,
    args: &[String],
    section: Option<&str>,
    raw: bool,
    json: bool,
) -> anyhow::Result<ExitCode> {
    let engine = open_engine(ctx)?;
    let entry = find(engine.catalog(), args)?;
    if raw {
        let bytes = ctx.corpus.read(&entry.meta.file)?;
        let decoded = crate::corpus::formats::read(&entry.meta.file, &bytes)
            .with_context(|| format!("cannot decode {}", entry.meta.file))?;
        if json {
            let v = json!({"id": entry.meta.id, "file": entry.meta.file,
                "encoding": decoded.encoding, "raw": decoded.text});
            print(&(serde_json::to_string_pretty(&v)? + "\n"))?;
        } else {
            print(&decoded.text)?;
        }
        return Ok(ExitCode::SUCCESS);
    }
    let report = engine.load_report(&entry.meta.id)?;
    let range = match section {
        None => 0..report.paragraphs.len(),
        Some(path) => {
            let Some(i) = report.section_by_path(path) else {
                bail!(
                    "report {} has no section {path}: see `gwr outline {}`",
                    report.meta.id,
                    report.meta.id
                );
            };
            let s = &report.sections[i];
            s.first_paragraph..s.end_paragraph
        }
    };
    let mut out = String::new();
    if json {
        let paragraphs: Vec<_> = range
            .map(|i| {
                let p = &report.paragraphs[i];
                json!({"index": i, "section": report.sections[p.section].path, "text": p.text})
            })
            .collect();
        let v = json!({"id": report.meta.id, "title": report.meta.title, "paragraphs": paragraphs});
        out = serde_json::to_string_pretty(&v)? + "\n";
    } else {
        for p in &report.paragraphs[range] {
            out.push_str(&p.text);
            out.push('\n');
        }
    }
    print(&out)?;
    Ok(ExitCode::SUCCESS)
}

fn outline_json(report: &Report, ids: &[usize]) -> Vec<serde_json::Value> {
    ids.iter()
        .map(|&i| {
            let s: &Section = &report.sections[i];
            json!({
                "number": s.number,
                "title": s.title,
                "level": s.level,
                "path": s.path,
                "kind": s.kind,
                "paragraph": s.first_paragraph,
                "children": outline_json(report, &s.children),
            })
        })
        .collect()
}

pub fn outline(ctx: &Context, args: &[String], json: bool) -> anyhow::Result<ExitCode> {
    let engine = open_engine(ctx)?;
    let entry = find(engine.catalog(), args)?;
    let report = engine.load_report(&entry.meta.id)?;
    let roots: Vec<usize> = (0..report.sections.len())
        .filter(|&i| report.sections[i].parent.is_none())
        .collect();
    let mut out = String::new();
    if json {
        out = serde_json::to_string_pretty(&outline_json(&report, &roots))? + "\n";
    } else {
        let _ = writeln!(out, "{}  {}", report.meta.id, report.meta.title);
        for s in &report.sections {
            let indent = "  ".repeat(usize::from(s.level.saturating_sub(1)));
            // Numbers are stored without their punctuation: print them as reports write them.
            let number = match s.number.as_deref() {
                None => String::new(),
                Some(n) if n.chars().all(|c| c.is_ascii_digit()) => format!("{n}. "),
                Some(n) if crate::corpus::numbering::chinese_value(n).is_some() => format!("{n}、"),
                Some(n) => n.to_string(),
            };
            let _ = writeln!(out, "{:<8} {indent}{number}{}", s.path, s.title);
        }
    }
    print(&out)?;
    Ok(ExitCode::SUCCESS)
}

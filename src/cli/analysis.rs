//! `gwr trend`, `gwr keywords`, `gwr diff`, `gwr glossary`.

use std::fmt::Write as _;
use std::process::ExitCode;

use anyhow::Context as _;
use clap::Args;
use serde_json::json;

use super::Context;
use super::reports::find;
use super::search::{open, progress_printer, write_out};
use crate::analysis::profile::Profiles;
use crate::analysis::trend::{By, trend};
use crate::analysis::{diff, glossary, keywords};
use crate::search::{Engine, OpenOptions, Progress, SearchError};
use crate::text::terminal_safe;

/// Arguments of `gwr trend`.
#[derive(Debug, Args)]
pub struct TrendArgs {
    /// One or more queries in the search syntax, each one argument (quote a query with
    /// spaces or filters: "region:河北省 数字经济").
    #[arg(required = true, value_name = "QUERY")]
    pub queries: Vec<String>,
    /// Group by year, region, level or report.
    #[arg(long, value_enum, default_value = "year")]
    pub by: By,
    /// Print JSON.
    #[arg(long, conflicts_with = "csv")]
    pub json: bool,
    /// Print CSV.
    #[arg(long)]
    pub csv: bool,
}

/// Arguments of `gwr keywords`.
#[derive(Debug, Args)]
pub struct KeywordsArgs {
    /// A report id, or a region name and a year.
    #[arg(required = true, num_args = 1..=2, value_name = "REPORT")]
    pub report: Vec<String>,
    /// How many keywords.
    #[arg(long, default_value = "20")]
    pub top: usize,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `gwr diff`.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The older report (an id).
    pub old: String,
    /// The newer report (an id).
    pub new: String,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `gwr glossary`.
#[derive(Debug, Args)]
pub struct GlossaryArgs {
    /// Only the terms containing this.
    pub term: Option<String>,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

/// The engine and the profiles, with a progress bar while the profiles are computed.
fn open_all(ctx: &Context) -> anyhow::Result<(Engine, Profiles)> {
    let engine = open(ctx, OpenOptions::default())?;
    // The shared progress bar: counting words is segmenting every report again, once.
    let mut printer = progress_printer();
    let mut said = false;
    let mut progress = |done: usize, total: usize| {
        if !said && done < total {
            said = true;
            eprintln!(
                "gwr: counting the words of {} reports for keywords and diffs (once: later runs read them from the cache)",
                total - done
            );
        }
        printer(Progress::Segmenting { done, total });
    };
    let profiles = Profiles::open(&engine, &ctx.data_dir, &mut progress)
        .with_context(|| format!("cannot analyse the corpus {}", ctx.corpus.label()))?;
    printer(Progress::Ready);
    if let Some(why) = &profiles.rebuilt {
        // Say so: a changed dictionary or corpus recomputed the word counts.
        eprintln!(
            "gwr: word counts computed for {} reports ({why})",
            engine.reports().len()
        );
    }
    Ok((engine, profiles))
}

fn query_error(e: &SearchError) -> Option<ExitCode> {
    if let SearchError::Query(q) = e {
        eprintln!("gwr: {}", terminal_safe(&q.to_string()));
        return Some(ExitCode::from(2));
    }
    None
}

pub fn trend_cmd(ctx: &Context, args: &TrendArgs) -> anyhow::Result<ExitCode> {
    for q in &args.queries {
        if let Err(e) = crate::search::Query::parse(q) {
            eprintln!("gwr: {q}: {}", terminal_safe(&e.to_string()));
            return Ok(ExitCode::from(2));
        }
    }
    // A trend needs no word counts: the characters of each report are in the catalog.
    let engine = open(ctx, OpenOptions::default())?;
    let rows = match trend(&engine, &args.queries, args.by) {
        Ok(r) => r,
        Err(e) => return query_error(&e).map_or_else(|| Err(e.into()), Ok),
    };
    let mut out = String::new();
    if args.json {
        out = serde_json::to_string_pretty(&rows)? + "\n";
    } else if args.csv {
        out.push_str(
            "query,key,label,reports,matching_reports,paragraphs,occurrences,chars,per_10k\n",
        );
        let field = |s: &str| {
            if s.contains([',', '"', '\n']) {
                format!("\"{}\"", s.replace('"', "\"\""))
            } else {
                s.to_string()
            }
        };
        for r in &rows {
            let _ = writeln!(
                out,
                "{},{},{},{},{},{},{},{},{:.3}",
                field(&r.query),
                field(&r.key.to_string()),
                field(&r.label),
                r.reports,
                r.matching_reports,
                r.paragraphs,
                r.occurrences,
                r.chars,
                r.per_10k
            );
        }
    } else {
        let mut last = None;
        for r in &rows {
            if last != Some(&r.query) {
                let _ = writeln!(
                    out,
                    "{}{}\n{:<24} {:>7} {:>8} {:>10} {:>11} {:>11} {:>9}",
                    if last.is_some() { "\n" } else { "" },
                    terminal_safe(&r.query),
                    "group",
                    "reports",
                    "matching",
                    "paragraphs",
                    "occurrences",
                    "chars",
                    "per 10k"
                );
                last = Some(&r.query);
            }
            let label = if r.label == r.key.to_string() {
                r.label.clone()
            } else {
                format!("{} {}", r.key, r.label)
            };
            let label = fit_width(&terminal_safe(&label), 24);
            let _ = writeln!(
                out,
                "{label} {:>7} {:>8} {:>10} {:>11} {:>11} {:>9.2}",
                r.reports, r.matching_reports, r.paragraphs, r.occurrences, r.chars, r.per_10k
            );
        }
    }
    write_out(&out)?;
    Ok(ExitCode::SUCCESS)
}

pub fn keywords_cmd(ctx: &Context, args: &KeywordsArgs) -> anyhow::Result<ExitCode> {
    let (engine, profiles) = open_all(ctx)?;
    let catalog = engine.catalog();
    let entry = find(catalog, &args.report)?;
    let i = position(&engine, &entry.meta.id)?;
    let kw = keywords::keywords(&profiles, i, args.top)?;
    let new = keywords::new_words(engine.reports(), &profiles, i)?;
    let mut out = String::new();
    if args.json {
        let v = json!({"report": entry.meta.id, "keywords": kw, "new_words": new});
        out = serde_json::to_string_pretty(&v)? + "\n";
    } else {
        let _ = writeln!(
            out,
            "{} {}",
            entry.meta.id,
            terminal_safe(&entry.meta.title)
        );
        for k in &kw {
            let _ = writeln!(
                out,
                "{:>8.1} {:>5}  {}",
                k.score,
                k.count,
                terminal_safe(&k.word)
            );
        }
        let list = |v: &[keywords::NewWord]| {
            v.iter()
                .take(30)
                .map(|w| format!("{}({})", terminal_safe(&w.word), w.count))
                .collect::<Vec<_>>()
                .join(" ")
        };
        if !new.earlier_reports.is_empty() {
            let _ = writeln!(
                out,
                "\nnew to the region (against {}): {}",
                new.earlier_reports.join(", "),
                list(&new.new_in_region)
            );
        }
        if let Some(y) = new.previous_year.filter(|_| new.previous_year_reports > 0) {
            let _ = writeln!(
                out,
                "\nnew to the corpus (against the {} reports of {y}): {}",
                new.previous_year_reports,
                list(&new.new_in_corpus)
            );
        }
    }
    write_out(&out)?;
    Ok(ExitCode::SUCCESS)
}

fn position(engine: &Engine, id: &str) -> anyhow::Result<usize> {
    engine
        .reports()
        .position(id)
        .with_context(|| format!("no report with id {id}: see `gwr list`"))
}

pub fn diff_cmd(ctx: &Context, args: &DiffArgs) -> anyhow::Result<ExitCode> {
    let (engine, profiles) = open_all(ctx)?;
    let old = find(engine.catalog(), std::slice::from_ref(&args.old))?
        .meta
        .id
        .clone();
    let new = find(engine.catalog(), std::slice::from_ref(&args.new))?
        .meta
        .id
        .clone();
    let (d, a, b) = diff::compare(&engine, &profiles, &old, &new)?;
    let mut out = String::new();
    if args.json {
        out = serde_json::to_string_pretty(&d)? + "\n";
    } else {
        let _ = writeln!(out, "--- {} {}", d.old, terminal_safe(&a.meta.title));
        let _ = writeln!(out, "+++ {} {}", d.new, terminal_safe(&b.meta.title));
        for s in &d.sections {
            let mark = match s.change {
                diff::Change::Same => "=",
                diff::Change::Changed => "~",
                diff::Change::Moved => ">",
                diff::Change::Added => "+",
                diff::Change::Removed => "-",
            };
            let show = |x: &Option<diff::Side>| {
                x.as_ref().map_or(String::new(), |x| {
                    format!("{} {}", x.path, terminal_safe(&x.title))
                })
            };
            let indent = "  ".repeat(
                usize::from(s.new.as_ref().or(s.old.as_ref()).map_or(1, |x| x.level))
                    .saturating_sub(1),
            );
            let _ = writeln!(
                out,
                "{mark} {indent}{:<40} | {}",
                fit_width(&show(&s.old), 40),
                show(&s.new)
            );
        }
        let list = |v: &[diff::Term]| {
            v.iter()
                .take(40)
                .map(|w| format!("{}({})", terminal_safe(&w.word), w.count))
                .collect::<Vec<_>>()
                .join(" ")
        };
        let _ = writeln!(out, "\nnew terms: {}", list(&d.new_terms));
        let _ = writeln!(out, "dropped terms: {}", list(&d.dropped_terms));
    }
    write_out(&out)?;
    Ok(ExitCode::SUCCESS)
}

pub fn glossary_cmd(ctx: &Context, args: &GlossaryArgs) -> anyhow::Result<ExitCode> {
    let (engine, profiles) = open_all(ctx)?;
    let defs = glossary::definitions(engine.reports(), &profiles, args.term.as_deref());
    let mut out = String::new();
    if args.json {
        out = serde_json::to_string_pretty(&defs)? + "\n";
    } else {
        for d in &defs {
            let _ = writeln!(
                out,
                "{}：{}\n    ({} 第{}段)",
                terminal_safe(&d.term),
                terminal_safe(&d.definition),
                d.report,
                // Counted from 1, as the TUI and the marks' citations count.
                d.paragraph + 1
            );
        }
    }
    if defs.is_empty() && !args.json {
        eprintln!(
            "gwr: no 名词解释 entry{}",
            args.term
                .as_deref()
                .map_or(String::new(), |t| format!(" for {}", terminal_safe(t)))
        );
        return Ok(ExitCode::from(1));
    }
    write_out(&out)?;
    Ok(ExitCode::SUCCESS)
}

/// `s` cut or padded to `width` columns (display width, so Chinese counts double).
fn fit_width(s: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthChar as _;
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = c.width().unwrap_or(0);
        if w + cw > width {
            break;
        }
        out.push(c);
        w += cw;
    }
    out.extend(std::iter::repeat_n(' ', width - w));
    out
}

//! `gwr search`, `gwr index`, `gwr bench`, and the progress printer.

use std::fmt::Write as _;
use std::io::{IsTerminal as _, Write as _};
use std::mem::ManuallyDrop;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Context as _;
use clap::Args;
use serde_json::json;

use super::Context;
use crate::search::{Engine, Hit, Limit, OpenOptions, Progress, SearchError};
use crate::text::terminal_safe;

/// Arguments of `gwr search`.
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// The query: words (AND), "phrases", -excluded, OR, region: year: level: section: filters.
    /// Quote a query that starts with -, or put it after --.
    #[arg(required = true)]
    pub query: Vec<String>,
    /// How many hits to print: a number or `all`.
    #[arg(long, default_value = "20")]
    pub limit: String,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
    /// Print only the number of matching paragraphs.
    #[arg(long)]
    pub count: bool,
}

/// Arguments of `gwr index`.
#[derive(Debug, Args)]
pub struct IndexArgs {
    /// Rebuild from scratch.
    #[arg(long)]
    pub rebuild: bool,
    /// Print JSON statistics.
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `gwr bench`.
#[derive(Debug, Args)]
pub struct BenchArgs {
    /// Number of synthetic reports.
    #[arg(long, default_value = "5000")]
    pub reports: usize,
    /// Print one JSON object.
    #[arg(long)]
    pub json: bool,
    /// Keep the synthetic corpus and its index in this folder (default: a temporary one).
    #[arg(long, value_name = "DIR")]
    pub keep: Option<std::path::PathBuf>,
    /// Internal: run only the search phase on an existing bench folder and print JSON.
    #[arg(long, hide = true, value_name = "DIR")]
    pub search_phase: Option<std::path::PathBuf>,
    /// Internal: run only the command-line phase on an existing bench folder and print JSON.
    #[arg(long, hide = true, value_name = "DIR")]
    pub cli_phase: Option<std::path::PathBuf>,
    /// Internal: measure only the analyses on an existing bench folder (`--keep DIR`).
    #[arg(long, hide = true, value_name = "DIR")]
    pub analysis_phase: Option<std::path::PathBuf>,
}

pub(super) fn write_out(s: &str) -> anyhow::Result<()> {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(s.as_bytes()).and_then(|()| stdout.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.context("cannot write to standard output"),
    }
}

/// Opens the engine with the config's user dictionary, progress on stderr.
pub(super) fn open(ctx: &Context, mut opts: OpenOptions) -> anyhow::Result<Engine> {
    let mut progress = progress_printer();
    opts.dictionary.clone_from(&ctx.config.dictionary);
    let engine = Engine::open_with(&ctx.corpus, &ctx.data_dir, opts, &mut progress)
        .with_context(|| format!("cannot open the corpus {}", ctx.corpus.label()))?;
    for w in engine.warnings() {
        eprintln!("gwr: warning: {}", terminal_safe(w));
    }
    Ok(engine)
}

/// A hit's snippet with the highlights marked (`[煤炭]`, or reverse video on a terminal).
fn marked(hit: &Hit, tty: bool) -> String {
    let (open, close) = if tty {
        ("\x1b[7m", "\x1b[0m")
    } else {
        ("[", "]")
    };
    let mut out = String::with_capacity(hit.snippet.len() + 16);
    let mut at = 0;
    for r in &hit.highlights {
        if r.start < at || r.end > hit.snippet.len() {
            continue;
        }
        out.push_str(&terminal_safe(&hit.snippet[at..r.start]));
        out.push_str(open);
        out.push_str(&terminal_safe(&hit.snippet[r.clone()]));
        out.push_str(close);
        at = r.end;
    }
    out.push_str(&terminal_safe(&hit.snippet[at..]));
    out
}

/// The JSON object of one hit.
#[must_use]
pub fn hit_json(h: &Hit) -> serde_json::Value {
    json!({
        "report": h.report,
        "region": h.region,
        "year": h.year,
        "section": h.section,
        "section_title": h.section_title,
        "paragraph": h.paragraph,
        "snippet": h.snippet,
        "highlights": h.highlights.iter().map(|r| [r.start, r.end]).collect::<Vec<_>>(),
        "score": h.score,
    })
}

pub fn search(ctx: &Context, args: &SearchArgs) -> anyhow::Result<ExitCode> {
    let limit = if args.limit.eq_ignore_ascii_case("all") {
        Limit::All
    } else {
        Limit::Top(args.limit.parse().with_context(|| {
            format!(
                "--limit {} is not a number: give a number or `all`",
                args.limit
            )
        })?)
    };
    let query = args.query.join(" ");
    // Check the query before any index work.
    if let Err(e) = crate::search::Query::parse(&query) {
        eprintln!("gwr: {}", terminal_safe(&e.to_string()));
        return Ok(ExitCode::from(2));
    }
    // The catalog stays on disk but for the reports the answer names, and jieba's
    // dictionary is not loaded: a whole `gwr search` takes milliseconds.
    let opts = OpenOptions {
        catalog: crate::search::CatalogLoad::OnDemand,
        ..OpenOptions::default()
    };
    // Left to the exit: the process ends right after the answer, and unmapping the
    // index's files one by one while other threads live costs the kernel a TLB flush on
    // each core per file, freeing the manifest a call per file name.
    let engine = ManuallyDrop::new(open(ctx, opts.clone())?);
    let limit = if args.count { Limit::Top(0) } else { limit };
    let res = match engine.search(&query, limit) {
        Ok(r) => r,
        Err(SearchError::Damaged(why)) => {
            // The search marked the index; opening again rebuilds it.
            eprintln!(
                "gwr: warning: the search index is damaged ({}); rebuilding it",
                terminal_safe(&why)
            );
            drop(ManuallyDrop::into_inner(engine));
            open(ctx, opts)?.search(&query, limit)?
        }
        Err(e @ (SearchError::Query(_) | SearchError::Filter(_))) => {
            eprintln!("gwr: {}", terminal_safe(&e.to_string()));
            return Ok(ExitCode::from(2));
        }
        Err(e) => return Err(e.into()),
    };
    if args.count {
        write_out(&format!("{}\n", res.total_paragraphs))?;
        return Ok(ExitCode::SUCCESS);
    }
    if args.json {
        let hits: Vec<_> = res.hits.iter().map(hit_json).collect();
        write_out(&format!("{}\n", serde_json::to_string_pretty(&hits)?))?;
        return Ok(ExitCode::SUCCESS);
    }
    let tty = std::io::stdout().is_terminal();
    let mut out = String::new();
    for h in &res.hits {
        let year = h.year.map_or_else(|| "----".to_string(), |y| y.to_string());
        let _ = writeln!(
            out,
            "{}\t{}\t{}\t§{}\t{}",
            h.report,
            terminal_safe(&h.region),
            year,
            h.section,
            marked(h, tty)
        );
    }
    let _ = writeln!(
        out,
        "{} paragraphs in {} reports ({} shown, {:.1} ms)",
        res.total_paragraphs,
        res.total_reports,
        res.hits.len(),
        res.elapsed.as_secs_f64() * 1000.0
    );
    write_out(&out)?;
    Ok(ExitCode::SUCCESS)
}

pub fn index(ctx: &Context, args: &IndexArgs) -> anyhow::Result<ExitCode> {
    let engine = open(
        ctx,
        OpenOptions {
            rebuild: args.rebuild,
            ..OpenOptions::default()
        },
    )?;
    let s = engine.stats();
    let cat = engine.catalog();
    if args.json {
        let v = json!({
            "corpus": ctx.corpus.label(),
            "reports": s.reports,
            "rejected": cat.rejected.iter().map(|r| json!({"file": r.file, "reason": r.reason})).collect::<Vec<_>>(),
            "paragraphs": s.paragraphs,
            "index_bytes": s.index_bytes,
            "parsed": s.parsed,
            "added": s.added,
            "changed": s.changed,
            "removed": s.removed,
            "rebuilt": s.rebuilt,
            "location": s.location,
            "seconds": s.elapsed.as_secs_f64(),
            "warnings": engine.warnings(),
        });
        write_out(&format!("{}\n", serde_json::to_string_pretty(&v)?))?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut out = String::new();
    let _ = writeln!(out, "corpus      {}", terminal_safe(&ctx.corpus.label()));
    if let Some(l) = &s.location {
        let _ = writeln!(
            out,
            "index       {}",
            terminal_safe(&l.display().to_string())
        );
    } else {
        out.push_str("index       in memory\n");
    }
    let _ = writeln!(out, "reports     {}", s.reports);
    let _ = writeln!(out, "paragraphs  {}", s.paragraphs);
    let _ = writeln!(
        out,
        "index size  {:.1} MB",
        s.index_bytes as f64 / 1_000_000.0
    );
    let what = match &s.rebuilt {
        Some(why) => format!("built from scratch ({why}), {} files", s.parsed),
        None if s.parsed == 0 && s.removed == 0 => "up to date, nothing re-indexed".to_string(),
        None => format!(
            "updated: {} added, {} changed, {} removed",
            s.added, s.changed, s.removed
        ),
    };
    let _ = writeln!(out, "changes     {}", terminal_safe(&what));
    let _ = writeln!(out, "time        {:.2} s", s.elapsed.as_secs_f64());
    let _ = writeln!(out, "rejected    {}", cat.rejected.len());
    for r in &cat.rejected {
        let _ = writeln!(
            out,
            "  {}: {}",
            terminal_safe(&r.file),
            terminal_safe(&r.reason)
        );
    }
    write_out(&out)?;
    Ok(ExitCode::SUCCESS)
}

pub fn bench(ctx: &Context, args: &BenchArgs) -> anyhow::Result<ExitCode> {
    let _ = ctx;
    let phase = match (&args.search_phase, &args.cli_phase) {
        (Some(dir), _) => Some(crate::bench::search_phase(dir)?),
        (None, Some(dir)) => Some(crate::bench::cli_phase(dir)?),
        (None, None) => None,
    };
    if let Some(v) = phase {
        write_out(&format!("{}\n", serde_json::to_string(&v)?))?;
        return Ok(ExitCode::SUCCESS);
    }
    if let Some(dir) = &args.analysis_phase {
        let f = crate::bench_analysis::measure(dir, !args.json)?;
        write_out(&crate::bench_analysis::human(&f))?;
        return Ok(ExitCode::SUCCESS);
    }
    let report = crate::bench::run(args.reports, args.keep.as_deref(), !args.json)?;
    if args.json {
        write_out(&format!("{}\n", serde_json::to_string_pretty(&report)?))?;
    } else {
        write_out(&crate::bench::human(&report))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// A progress callback: a progress bar on stderr when it is a terminal, nothing otherwise;
/// the reason of a rebuild always.
pub(super) fn progress_printer() -> impl FnMut(Progress) {
    let tty = std::io::stderr().is_terminal();
    let mut bar: Option<indicatif::ProgressBar> = None;
    let mut stage = "";
    move |p| {
        if let Progress::Rebuilding(why) = &p {
            eprintln!(
                "gwr: rebuilding the search index: {}",
                terminal_safe(&why.to_string())
            );
            return;
        }
        if !tty {
            return;
        }
        let (name, done, total) = match p {
            Progress::Parsing { done, total } => ("parsing", done, total),
            Progress::Segmenting { done, total } => ("segmenting", done, total),
            Progress::Indexing { done, total } => ("indexing", done, total),
            Progress::Waiting => {
                eprintln!("gwr: another gwr is updating the index; waiting for it…");
                return;
            }
            Progress::Catalog(_) | Progress::Rebuilding(_) => return,
            Progress::Ready => {
                if let Some(b) = bar.take() {
                    b.finish_and_clear();
                }
                return;
            }
        };
        if total < 2 {
            return;
        }
        if stage != name {
            if let Some(b) = bar.take() {
                b.finish_and_clear();
            }
            let b = indicatif::ProgressBar::new(total as u64);
            b.set_style(
                indicatif::ProgressStyle::with_template(
                    "{msg:>9} [{bar:40}] {pos}/{len} {elapsed}",
                )
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
                .progress_chars("=> "),
            );
            b.set_message(name);
            b.enable_steady_tick(Duration::from_millis(200));
            bar = Some(b);
            stage = name;
        }
        if let Some(b) = &bar {
            b.set_position(done as u64);
        }
    }
}

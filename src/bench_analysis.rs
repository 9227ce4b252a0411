//! The analyses' part of `gwr bench`: on the bench corpus and its index, the first
//! computation of the word-count cache, then a trend of a common term by year, the
//! keywords of a report and a diff of two reports, each timed over several runs
//! (median and the slowest).

use std::fmt::Write as _;
use std::path::Path;
use std::time::Instant;

use serde::Serialize;

use crate::analysis::profile::Profiles;
use crate::analysis::{diff, keywords, trend};
use crate::corpus::Corpus;
use crate::search::Engine;

/// The analyses' figures.
#[derive(Debug, Clone, Default, Serialize)]
pub struct AnalysisFigures {
    /// Computing every report's characters, word counts and glossary (first use).
    pub profile_build_s: f64,
    /// This process's heap (MB) before and after counting: what counting leaves behind.
    pub profile_heap_mb: (f64, f64),
    /// `gwr trend 发展 --by year`: median and slowest of the runs.
    pub trend_ms: f64,
    pub trend_max_ms: f64,
    /// The same for a rarer term (数字经济).
    pub trend_rare_ms: f64,
    /// `gwr keywords` (top 20) of reports spread over the catalog.
    pub keywords_ms: f64,
    pub keywords_max_ms: f64,
    /// `gwr diff` of a report and the next of its region: both loaded, aligned, terms.
    pub diff_ms: f64,
    pub diff_max_ms: f64,
    /// Runs of each (trend) and reports or pairs (keywords, diff).
    pub runs: usize,
}

fn median_max(mut v: Vec<f64>) -> (f64, f64) {
    v.sort_by(f64::total_cmp);
    if v.is_empty() {
        return (0.0, 0.0);
    }
    (v[v.len() / 2], v[v.len() - 1])
}

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1000.0
}

/// Measures the analyses on the bench folder `root` (its `corpus` and `data`).
///
/// # Errors
/// When the engine cannot be opened or an analysis fails.
pub fn measure(root: &Path, verbose: bool) -> anyhow::Result<AnalysisFigures> {
    const RUNS: usize = 21;
    let corpus = Corpus::dir(root.join("corpus"))?;
    let data = root.join("data");
    let engine = Engine::open(&corpus, &data, &mut |_| {})?;
    if verbose {
        eprintln!("bench: computing word counts");
    }
    let heap_before = crate::bench::Rss::now().anon;
    let start = Instant::now();
    let profiles = Profiles::open(&engine, &data, &mut |_, _| {})?;
    let mut figures = AnalysisFigures {
        profile_build_s: start.elapsed().as_secs_f64(),
        profile_heap_mb: (heap_before, crate::bench::Rss::now().anon),
        runs: RUNS,
        ..AnalysisFigures::default()
    };
    if verbose {
        eprintln!("bench: trends, keywords, diffs");
    }
    let trend_of = |term: &str| -> anyhow::Result<Vec<f64>> {
        (0..RUNS)
            .map(|_| {
                let start = Instant::now();
                let rows = trend::trend(&engine, &[term.to_string()], trend::By::Year)?;
                std::hint::black_box(rows);
                Ok(ms(start))
            })
            .collect()
    };
    (figures.trend_ms, figures.trend_max_ms) = median_max(trend_of("发展")?);
    figures.trend_rare_ms = median_max(trend_of("数字经济")?).0;
    let reports = engine.reports();
    let count = reports.len().max(1);
    let picks: Vec<usize> = (0..RUNS)
        .map(|k| k * (count - 1) / (RUNS - 1).max(1))
        .collect();
    let mut times = Vec::new();
    for &i in &picks {
        let start = Instant::now();
        std::hint::black_box(keywords::keywords(&profiles, i, 20)?);
        times.push(ms(start));
    }
    (figures.keywords_ms, figures.keywords_max_ms) = median_max(times);
    let mut times = Vec::new();
    for &i in &picks {
        let code = |k: usize| reports[k].meta.region.as_ref().map(|r| r.code.clone());
        // The next report of the same region (the catalog is sorted by region, then year).
        let j = if i + 1 < count && code(i + 1) == code(i) {
            i + 1
        } else {
            i.saturating_sub(1)
        };
        let start = Instant::now();
        let (old, new) = (&reports[j.min(i)].meta.id, &reports[j.max(i)].meta.id);
        std::hint::black_box(diff::compare(&engine, &profiles, old, new)?);
        times.push(ms(start));
    }
    (figures.diff_ms, figures.diff_max_ms) = median_max(times);
    Ok(figures)
}

/// The figures as text, in `gwr bench`'s layout.
#[must_use]
pub fn human(f: &AnalysisFigures) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "word counts        {:.2} s (every report segmented once, cached for keywords and diffs); heap {:.0} MB before, {:.0} MB after",
        f.profile_build_s, f.profile_heap_mb.0, f.profile_heap_mb.1
    );
    let _ = writeln!(
        s,
        "trend by year      发展 median {:.1} ms, slowest {:.1} ms; 数字经济 median {:.1} ms ({} runs)",
        f.trend_ms, f.trend_max_ms, f.trend_rare_ms, f.runs
    );
    let _ = writeln!(
        s,
        "keywords           median {:.1} ms, slowest {:.1} ms ({} reports, top 20)",
        f.keywords_ms, f.keywords_max_ms, f.runs
    );
    let _ = writeln!(
        s,
        "diff               median {:.1} ms, slowest {:.1} ms ({} pairs of one region)",
        f.diff_ms, f.diff_max_ms, f.runs
    );
    s
}

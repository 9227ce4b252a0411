//! `gwr bench`: a synthetic corpus, built and searched, with timings.

use std::path::Path;

use serde::Serialize;

/// The figures `gwr bench` prints.
#[derive(Debug, Clone, Default, Serialize)]
pub struct BenchReport {
    pub reports: usize,
}

/// Runs the benchmark.
///
/// # Errors
/// When the temporary corpus cannot be written or the index cannot be built.
pub fn run(reports: usize, keep: Option<&Path>, verbose: bool) -> anyhow::Result<BenchReport> {
    let _ = (keep, verbose);
    Ok(BenchReport { reports })
}

/// The search phase, in its own process.
///
/// # Errors
/// When the bench folder cannot be opened.
pub fn search_phase(dir: &Path) -> anyhow::Result<serde_json::Value> {
    let _ = dir;
    Ok(serde_json::Value::Null)
}

/// The figures as text.
#[must_use]
pub fn human(r: &BenchReport) -> String {
    format!("{r:?}\n")
}

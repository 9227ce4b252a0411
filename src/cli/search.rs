//! `gwr search`, `gwr index`, `gwr bench`.
//!
//! PLACEHOLDER (owned by the search work).

use std::process::ExitCode;

use clap::Args;

use super::Context;

/// Arguments of `gwr search`.
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// The query: words (AND), "phrases", -excluded, OR, region: year: level: section: filters.
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
}

pub fn search(ctx: &Context, args: &SearchArgs) -> anyhow::Result<ExitCode> {
    let _ = (ctx, args);
    anyhow::bail!("search is not built yet")
}

pub fn index(ctx: &Context, args: &IndexArgs) -> anyhow::Result<ExitCode> {
    let _ = (ctx, args);
    anyhow::bail!("index is not built yet")
}

pub fn bench(ctx: &Context, args: &BenchArgs) -> anyhow::Result<ExitCode> {
    let _ = (ctx, args);
    anyhow::bail!("bench is not built yet")
}

/// A progress callback that prints nothing (placeholder).
pub(super) fn progress_printer() -> impl FnMut(crate::search::Progress) {
    |_| {}
}

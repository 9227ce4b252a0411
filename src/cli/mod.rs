//! The command line: `gwr [list|show|outline|search|targets|index|bench|config|marks|trend|
//! keywords|diff|glossary]`; no subcommand opens the TUI.

mod analysis;
mod reports;
mod search;
mod settings;
mod targets;

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use clap::{Parser, Subcommand};

use crate::corpus::Corpus;

/// A terminal browser for Chinese government work reports (政府工作报告).
#[derive(Debug, Parser)]
#[command(name = "gwr", version, about)]
pub struct Cli {
    /// The corpus folder (default: `corpus` from the config file, else the embedded demo corpus).
    #[arg(long, global = true, value_name = "DIR")]
    pub corpus: Option<PathBuf>,
    /// Where gwr keeps its index and state (env `GWR_DATA_DIR`).
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// The config file (env `GWR_CONFIG`) (default: config.toml in the user's config dir).
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Use the embedded demo corpus even when a corpus is configured.
    #[arg(long, global = true, conflicts_with = "corpus")]
    pub demo: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the reports of the corpus, one per line.
    List {
        /// Print a JSON array instead.
        #[arg(long)]
        json: bool,
    },
    /// Print a report's cleaned text.
    Show {
        /// A report id (`152921-2023`), or a region name and a year (`准格尔旗 2023`).
        #[arg(required = true, num_args = 1..=2, value_name = "REPORT")]
        report: Vec<String>,
        /// Only this section (a path such as `2.3`).
        #[arg(long, value_name = "PATH")]
        section: Option<String>,
        /// The decoded original file instead of the cleaned text.
        #[arg(long, conflicts_with = "section")]
        raw: bool,
        /// Print JSON (paragraphs with their section paths).
        #[arg(long)]
        json: bool,
    },
    /// Print a report's section tree.
    Outline {
        /// A report id, or a region name and a year.
        #[arg(required = true, num_args = 1..=2, value_name = "REPORT")]
        report: Vec<String>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Search the corpus.
    Search(search::SearchArgs),
    /// Targets (主要预期目标), last year's results and plan goals, per indicator.
    Targets(targets::TargetsArgs),
    /// Build or update the search index and print statistics.
    Index(search::IndexArgs),
    /// Benchmark parsing, indexing and search on a synthetic corpus.
    Bench(search::BenchArgs),
    /// Print the settings in effect and every file gwr uses, with its size.
    Config,
    /// Print the marked paragraphs (m + a letter in gwr), with their citations.
    Marks(settings::MarksArgs),
    /// Count queries by year, region, level or report, per 10,000 characters.
    Trend(analysis::TrendArgs),
    /// The words that set a report apart, and the words new in it.
    Keywords(analysis::KeywordsArgs),
    /// Compare two reports: sections aligned, terms new and dropped.
    Diff(analysis::DiffArgs),
    /// The 名词解释 entries of the corpus.
    Glossary(analysis::GlossaryArgs),
}

/// What every command needs: the corpus, the data dir and the config.
pub struct Context {
    pub corpus: Corpus,
    pub data_dir: PathBuf,
    pub config: crate::config::Config,
}

impl Context {
    fn from_cli(cli: &Cli) -> anyhow::Result<Context> {
        let config_path = crate::config::config_path(cli.config.as_deref());
        let config = crate::config::load(config_path.as_deref())?;
        // Action names are the keymap's: checked here so every command names a bad line.
        crate::tui::keymap::Keymap::from_config(&config)?;
        let corpus = if cli.demo {
            Corpus::Demo
        } else if let Some(dir) = cli.corpus.as_ref().or(config.corpus.as_ref()) {
            Corpus::dir(dir).with_context(|| {
                "give an existing folder with --corpus DIR, or leave it out to use the demo corpus"
            })?
        } else {
            Corpus::Demo
        };
        Ok(Context {
            corpus,
            data_dir: crate::config::data_dir(cli.data_dir.as_deref()),
            config,
        })
    }
}

/// Runs the command line (the whole program).
#[must_use]
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(&cli) {
        Ok(code) => code,
        Err(e) => {
            // One clear line: the error and its causes.
            let msg = format!("{e:#}");
            eprintln!("gwr: {}", crate::text::terminal_safe(&msg));
            ExitCode::FAILURE
        }
    }
}

fn run(cli: &Cli) -> anyhow::Result<ExitCode> {
    let ctx = Context::from_cli(cli)?;
    let _log = crate::logging::init(&ctx.data_dir);
    tracing::info!(
        corpus = %ctx.corpus.label(),
        args = ?std::env::args().skip(1).collect::<Vec<_>>(),
        "gwr started"
    );
    match &cli.command {
        None => {
            crate::tui::run(&ctx.corpus, &ctx.data_dir, &ctx.config)?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::List { json }) => reports::list(&ctx, *json),
        Some(Command::Show {
            report,
            section,
            raw,
            json,
        }) => reports::show(&ctx, report, section.as_deref(), *raw, *json),
        Some(Command::Outline { report, json }) => reports::outline(&ctx, report, *json),
        Some(Command::Search(args)) => search::search(&ctx, args),
        Some(Command::Targets(args)) => targets::targets(&ctx, args),
        Some(Command::Index(args)) => search::index(&ctx, args),
        Some(Command::Bench(args)) => search::bench(&ctx, args),
        Some(Command::Config) => settings::config(&ctx),
        Some(Command::Marks(args)) => settings::marks(&ctx, args),
        Some(Command::Trend(args)) => analysis::trend_cmd(&ctx, args),
        Some(Command::Keywords(args)) => analysis::keywords_cmd(&ctx, args),
        Some(Command::Diff(args)) => analysis::diff_cmd(&ctx, args),
        Some(Command::Glossary(args)) => analysis::glossary_cmd(&ctx, args),
    }
}

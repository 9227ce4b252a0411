//! gwr: a terminal browser for Chinese government work reports (政府工作报告).
//!
//! The engine knows nothing of the screen: [`corpus`] turns raw files into reports,
//! [`targets`] reads their targets and results, [`search`] indexes and queries them;
//! [`tui`] and [`cli`] sit on top, and the benchmark
//! (`gwr bench`, [`bench`]) above the engine and the TUI it measures. [`analysis`] (trends,
//! keywords, diffs, the glossary) reads the engine, below the TUI and the CLI.

#![forbid(unsafe_code)]

pub mod analysis;
#[doc(hidden)]
pub mod bench;
#[doc(hidden)]
pub mod bench_analysis;
pub mod cli;
pub mod clipboard;
pub mod config;
pub mod corpus;
pub mod lang;
pub mod logging;
pub mod marks;
pub mod search;
pub mod targets;
pub mod text;
pub mod tui;

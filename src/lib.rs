//! gwr: a terminal browser for Chinese government work reports (政府工作报告).
//!
//! The engine knows nothing of the screen: [`corpus`] turns raw files into reports,
//! [`targets`] reads their targets and results, [`search`] indexes and queries them;
//! [`tui`] and [`cli`] sit on top, and the benchmark
//! (`gwr bench`, [`bench`]) above the engine and the TUI it measures.

#![forbid(unsafe_code)]

#[doc(hidden)]
pub mod bench;
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

//! Logs go to `gwr.log` in the data directory, never to the screen (the TUI owns it).
//! `GWR_LOG` sets the filter (default `info`), e.g. `GWR_LOG=debug`.

use std::path::Path;

use tracing_subscriber::EnvFilter;

/// Starts logging to `<data_dir>/gwr.log`. Returns a guard that flushes on drop; `None` when
/// the data dir cannot be written (gwr then runs without a log).
pub fn init(data_dir: &Path) -> Option<tracing_appender::non_blocking::WorkerGuard> {
    std::fs::create_dir_all(data_dir).ok()?;
    let file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(data_dir.join("gwr.log"))
        .ok()?;
    // tracing-appender's default queue holds 128,000 lines, allocated and zeroed at once
    // (4 MB: 5% of a whole `gwr search --count`, perf 2026-12-05); gwr logs a few lines a
    // command. A full queue drops lines rather than blocking.
    let (writer, guard) = tracing_appender::non_blocking::NonBlockingBuilder::default()
        .buffered_lines_limit(1024)
        .lossy(true)
        .finish(file);
    let filter = EnvFilter::try_from_env("GWR_LOG").unwrap_or_else(|_| EnvFilter::new("info"));
    tracing_subscriber::fmt()
        .with_writer(writer)
        .with_ansi(false)
        .with_env_filter(filter)
        .try_init()
        .ok()?;
    Some(guard)
}

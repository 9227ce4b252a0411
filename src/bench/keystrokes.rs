//! Keystroke-to-screen latency (the "key to screen" line of `gwr bench`): the TUI driven
//! headless on `TestBackend` over a real engine and the real search worker.

use std::sync::Arc;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use crate::search::{Engine, Progress};
use crate::tui::app::App;
use crate::tui::msg::{Cmd, Msg};
use crate::tui::theme::Theme;
use crate::tui::worker::{Shared, start_search_worker};
use crate::tui::{render, update};

/// Latency figures, in milliseconds.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Latency {
    pub keystrokes: usize,
    pub p50_ms: f64,
    pub p99_ms: f64,
    pub max_ms: f64,
    /// Drawing the frame alone (update + render of the results), p99.
    pub frame_p99_ms: f64,
}

fn key(c: char) -> Msg {
    Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

/// For every prefix of every query, types the next character into the search line and
/// measures the time from the key to the first frame drawn with that prefix's results
/// (the search runs on the search worker, as in the real program). Frames are 120x40.
///
/// # Errors
/// When the worker stops answering (more than 30 s for one keystroke).
pub fn keystroke_latency(engine: &Arc<Engine>, queries: &[&str]) -> anyhow::Result<Latency> {
    let (tx, rx) = mpsc::channel();
    let shared = Arc::new(Shared::default());
    shared.set_engine(engine.clone());
    start_search_worker(&shared, tx.clone(), crate::lang::Lang::Zh);
    let mut terminal = Terminal::new(TestBackend::new(120, 40))?;
    let mut app = App::new(120, 40, Theme::default(), None);
    let mut pending = update(
        &mut app,
        Msg::Progress(Progress::Catalog(engine.reports().clone())),
    );
    pending.extend(update(&mut app, Msg::EngineReady));
    for cmd in pending {
        if let Cmd::LoadReport { generation, id } = cmd {
            if let Ok(report) = engine.load_report(&id) {
                update(
                    &mut app,
                    Msg::ReportLoaded {
                        generation,
                        report: Arc::new(report),
                    },
                );
            }
        }
    }
    terminal.draw(|f| render::draw(f, &app))?;
    let mut samples: Vec<Duration> = Vec::new();
    let mut frames: Vec<Duration> = Vec::new();
    for q in queries {
        update(&mut app, key('/'));
        update(
            &mut app,
            Msg::Key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL)),
        );
        for c in q.chars() {
            let t0 = Instant::now();
            for cmd in update(&mut app, key(c)) {
                if let Cmd::Search { generation, query } = cmd {
                    shared.submit_search(generation, query);
                }
            }
            if app.search.jobs.pending() {
                loop {
                    let msg = rx.recv_timeout(Duration::from_secs(30))?;
                    update(&mut app, msg);
                    if !app.search.jobs.pending() {
                        break;
                    }
                }
            }
            let t1 = Instant::now();
            terminal.draw(|f| render::draw(f, &app))?;
            frames.push(t1.elapsed());
            samples.push(t0.elapsed());
        }
        update(
            &mut app,
            Msg::Key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE)),
        );
    }
    shared.close();
    drop(tx);
    samples.sort();
    frames.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let at = |v: &[Duration], p: f64| {
        v.get(((v.len() as f64 - 1.0) * p).round() as usize)
            .map_or(0.0, |d| ms(*d))
    };
    let pick = |p: f64| at(&samples, p);
    Ok(Latency {
        keystrokes: samples.len(),
        p50_ms: pick(0.5),
        p99_ms: pick(0.99),
        max_ms: samples.last().map_or(0.0, |d| ms(*d)),
        frame_p99_ms: at(&frames, 0.99),
    })
}

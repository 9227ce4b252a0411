//! The run loop itself on `TestBackend`: messages in, commands out to a host, frames drawn.

use std::sync::Arc;
use std::sync::mpsc::{self, Sender};

use crate::common::{Source, reports, screen};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use gwr::search::Progress;
use gwr::tui::app::App;
use gwr::tui::msg::{Cmd, Msg};
use gwr::tui::theme::Theme;
use gwr::tui::{Host, run_loop};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// Answers loads from the fixture; quits (Ctrl-C) once the position has been saved.
struct TestHost {
    source: Source,
    tx: Sender<Msg>,
    seen: Vec<Cmd>,
}

impl Host for TestHost {
    fn exec(&mut self, cmd: Cmd) {
        self.seen.push(cmd.clone());
        match cmd {
            Cmd::LoadReport { generation, id } => {
                let report = Arc::new(self.source.load(&id).unwrap());
                self.tx
                    .send(Msg::ReportLoaded { generation, report })
                    .unwrap();
            }
            Cmd::Save(_) => {
                let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
                self.tx.send(Msg::Key(ctrl_c)).unwrap();
            }
            Cmd::Search { .. }
            | Cmd::Analyse { .. }
            | Cmd::Targets { .. }
            | Cmd::Suspend
            | Cmd::SaveMarks(_)
            | Cmd::Copy { .. } => {}
        }
    }

    fn suspend(&mut self) -> anyhow::Result<()> {
        Ok(())
    }
}

#[test]
fn the_loop_draws_after_each_batch_and_quits() {
    let (tx, rx) = mpsc::channel();
    let source = Source::Fixture(reports());
    tx.send(Msg::Progress(Progress::Catalog(source.catalog())))
        .unwrap();
    tx.send(Msg::EngineReady).unwrap();
    let mut host = TestHost {
        source,
        tx,
        seen: Vec::new(),
    };
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let mut app = App::new(
        120,
        40,
        Theme {
            no_color: true,
            ..Theme::default()
        },
        None,
    );
    run_loop(&mut terminal, &mut app, &rx, &mut host).unwrap();
    assert!(app.quit);
    assert!(matches!(host.seen[0], Cmd::LoadReport { .. }));
    assert!(host.seen.iter().any(|c| matches!(c, Cmd::Save(_))));
    // The last frame drawn before quitting shows the report.
    let shown = screen(terminal.backend().buffer());
    assert!(shown.contains("2024年国务院政府工作报告"), "{shown}");
    assert!(shown.contains("过去一年工作回顾"), "{shown}");
}

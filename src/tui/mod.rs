//! The terminal user interface.
//!
//! The shape: one message type ([`msg::Msg`]); [`update`] is
//! the only place the state ([`app::App`]) changes and returns commands ([`msg::Cmd`]) for
//! the runtime; [`render::draw`] reads `&App`; the keymap ([`keymap::keymap`]) is a pure
//! function from (key, mode) to an action; background work (opening the engine,
//! searching, loading reports) runs on threads in [`worker`] and answers with messages
//! (searches and report loads: the newest request wins, [`job`]);
//! [`run_loop`] is generic over the backend so tests drive it on `TestBackend`.
//! The layout is drawn in [`layout`].

pub mod app;
pub mod cursor;
pub mod focus;
pub mod input;
pub mod job;
pub mod keymap;
pub mod layout;
pub mod msg;
pub mod panes;
pub mod regions;
pub mod render;
pub mod state;
pub mod targets;
pub mod term;
pub mod text;
pub mod theme;
pub mod update;
pub mod view;
pub mod watch;
pub mod worker;
pub mod wrap;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender};

use ratatui::Terminal;
use ratatui::backend::{Backend, CrosstermBackend};

pub use app::App;
pub use update::update;

use crate::corpus::Corpus;
use msg::{Cmd, Msg};

/// What the run loop needs from the world: carrying out commands, and Ctrl-Z.
pub trait Host {
    /// Starts the work a command asks for (answers come back as messages).
    fn exec(&mut self, cmd: Cmd);
    /// Gives the terminal back and stops the process until it is resumed.
    ///
    /// # Errors
    /// When the terminal cannot be taken back.
    fn suspend(&mut self) -> anyhow::Result<()>;
    /// Before a frame is written.
    fn begin_frame(&mut self) {}
    /// After a frame is written and flushed.
    fn end_frame(&mut self) {}
}

/// Most messages handled before a frame is drawn (a burst of progress or pasted keys
/// becomes one frame, but the screen still moves during a flood).
const BATCH: usize = 256;

/// Bulk work in the TUI (parsing and indexing a new or changed corpus, counting words for
/// keywords and diffs) runs on rayon's global pool: its threads run at a lower priority
/// (nice 10), so that the UI, the input and the searches (on threads of their own) keep the
/// cores while the user types. Best effort: rayon's pool may already be made.
pub fn background_pool() {
    let built = rayon::ThreadPoolBuilder::new()
        .thread_name(|i| format!("gwr-bulk-{i}"))
        .start_handler(|_| {
            let me = rustix::thread::gettid();
            if let Err(e) = rustix::process::setpriority_process(Some(me), 10) {
                tracing::debug!(%e, "bulk thread left at normal priority");
            }
        })
        .build_global();
    if let Err(e) = built {
        tracing::debug!(%e, "rayon's pool was made before the TUI");
    }
}

/// Keeps the rest of this process's heap in 4 KB pages. mimalloc asks for transparent huge
/// pages for its arena, so each of the TUI's threads and each new stretch of heap took a
/// whole 2 MB page: 77–81 MB of heap right after the first search at 5,000 reports, 66–67 MB
/// without (`gwr bench`'s TUI figure, two runs each, 2026-12-05). Short commands keep them
/// (their CPU time was no better without). Best effort: a kernel without the setting keeps
/// them too.
pub fn small_pages() {
    if let Err(e) = nix::sys::prctl::set_thp_disable(true) {
        tracing::debug!(%e, "transparent huge pages left on");
    }
}

/// Runs the app until it quits: draw, wait for a message, update, carry out commands,
/// draw again. Nothing is drawn without a message (no busy loop); ratatui sends only the
/// cells that changed, and each frame goes out between the host's `begin_frame` and
/// `end_frame`.
///
/// # Errors
/// When the terminal cannot be drawn to.
pub fn run_loop<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    rx: &Receiver<Msg>,
    host: &mut dyn Host,
) -> anyhow::Result<()>
where
    B::Error: Send + Sync + 'static,
{
    draw(terminal, app, host)?;
    while !app.quit {
        let Ok(first) = rx.recv() else { break };
        let mut cmds = update(app, first);
        for _ in 0..BATCH {
            if app.quit {
                break;
            }
            match rx.try_recv() {
                Ok(m) => cmds.extend(update(app, m)),
                Err(_) => break,
            }
        }
        for cmd in cmds {
            if cmd == Cmd::Suspend {
                host.suspend()?;
                // Redraw everything (and at the size the terminal has now). Not
                // `Terminal::clear`: it asks the terminal for the cursor position, whose
                // answer the input thread would swallow.
                let size = terminal.size()?;
                terminal.resize(ratatui::layout::Rect::new(0, 0, size.width, size.height))?;
                update(app, Msg::Resize(size.width, size.height));
            } else {
                host.exec(cmd);
            }
        }
        if app.quit {
            break;
        }
        draw(terminal, app, host)?;
    }
    Ok(())
}

fn draw<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &App,
    host: &mut dyn Host,
) -> anyhow::Result<()>
where
    B::Error: Send + Sync + 'static,
{
    host.begin_frame();
    let drawn = terminal.draw(|f| render::draw(f, app));
    host.end_frame();
    drawn?;
    Ok(())
}

/// The host of the real program: worker threads, `state.json`, Ctrl-Z.
pub struct WorkerHost {
    pub shared: Arc<worker::Shared>,
    pub data_dir: PathBuf,
    pub mouse: bool,
    /// For answers the host gives itself (what copying did).
    pub tx: Sender<Msg>,
    /// What the terminal does with the clipboard sequence.
    pub clipboard: crate::clipboard::Env,
}

impl Host for WorkerHost {
    fn exec(&mut self, cmd: Cmd) {
        match cmd {
            Cmd::Search { generation, query } => self.shared.submit_search(generation, query),
            Cmd::LoadReport { generation, id } => self.shared.submit_load(generation, id),
            Cmd::Analyse {
                generation,
                request,
            } => self.shared.submit_analysis(generation, request),
            Cmd::Targets {
                generation,
                code,
                year,
            } => self.shared.submit_targets(generation, code, year),
            Cmd::Save(saved) => {
                if let Err(e) = state::save(&self.data_dir, &saved) {
                    tracing::warn!("cannot save the reading position: {e}");
                }
            }
            Cmd::Suspend => {}
            Cmd::SaveMarks(marks) => {
                if let Err(e) = marks.save() {
                    tracing::warn!("{e}");
                    let _ = self.tx.send(Msg::Copied {
                        result: Err(crate::clipboard::CopyError::Write(e.to_string())),
                        what: String::new(),
                    });
                }
            }
            Cmd::Copy { text, what } => {
                let mut out = std::io::stdout().lock();
                let result = crate::clipboard::copy(&text, &self.clipboard, &mut out);
                let _ = self.tx.send(Msg::Copied { result, what });
            }
        }
    }

    fn suspend(&mut self) -> anyhow::Result<()> {
        term::suspend(self.mouse)?;
        Ok(())
    }

    fn begin_frame(&mut self) {
        term::synchronized(true);
    }

    fn end_frame(&mut self) {
        term::synchronized(false);
    }
}

/// Runs the TUI on a corpus (the config's `dictionary` is the user dictionary of the
/// index and the analysis views).
///
/// # Errors
/// When the terminal cannot be used.
pub fn run(corpus: &Corpus, data_dir: &Path, config: &crate::config::Config) -> anyhow::Result<()> {
    use std::io::IsTerminal as _;
    if !std::io::stdout().is_terminal() {
        anyhow::bail!("the TUI needs a terminal; use a subcommand (gwr --help) for plain output");
    }
    small_pages();
    background_pool();
    let mouse = config.mouse;
    let keys = keymap::Keymap::from_config(config)?;
    let (lang, _) = crate::lang::Lang::from_env(config.lang);
    let marks = crate::marks::Marks::load(&crate::marks::Marks::file(corpus, data_dir))?;
    let (tx, rx) = mpsc::channel();
    let shared = Arc::new(worker::Shared::default());
    // The index segments its ranking words with the user dictionary too; the catalog
    // stays on disk but for the light list of its reports.
    let opts = crate::search::OpenOptions {
        dictionary: config.dictionary.clone(),
        catalog: crate::search::CatalogLoad::Light,
        ..crate::search::OpenOptions::default()
    };
    worker::open_engine(
        &shared,
        corpus.clone(),
        data_dir.to_path_buf(),
        opts.clone(),
        tx.clone(),
    );
    worker::start_search_worker(&shared, tx.clone(), lang);
    worker::start_report_worker(&shared, corpus.clone(), tx.clone(), lang);
    worker::start_targets_worker(&shared, tx.clone(), lang);
    let _watcher = watch::start(&shared, corpus, data_dir, opts, tx.clone());
    worker::start_analysis_worker(&shared, data_dir.to_path_buf(), tx.clone(), lang);
    term::spawn_signals(tx.clone())?;
    let saved = state::load(data_dir);

    term::install_panic_hook();
    term::enter(mouse)?;
    let mut input = None;
    let result = (|| -> anyhow::Result<()> {
        let mut terminal = Terminal::new(CrosstermBackend::new(std::io::stdout()))?;
        let size = terminal.size()?;
        terminal.resize(ratatui::layout::Rect::new(0, 0, size.width, size.height))?;
        let theme = theme::Theme::with_config(config);
        let mut app = App::new(size.width, size.height, theme, saved);
        app.lang = lang;
        app.keys = keys;
        app.marks = marks;
        input = Some(term::spawn_input(tx.clone()));
        let mut host = WorkerHost {
            shared: shared.clone(),
            data_dir: data_dir.to_path_buf(),
            mouse,
            tx,
            clipboard: crate::clipboard::Env::current(),
        };
        run_loop(&mut terminal, &mut app, &rx, &mut host)
    })();
    if let Some(input) = input {
        input.stop();
    }
    term::leave();
    shared.close();
    result
}

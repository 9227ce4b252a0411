//! The real terminal: raw mode and the alternate screen, and getting out of them on quit,
//! error, panic, SIGTERM/SIGHUP and around Ctrl-Z.

use std::io::{self, Write as _};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::Sender;
use std::time::Duration;

use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture, Event,
    KeyEventKind, MouseEventKind,
};
use crossterm::terminal::{
    BeginSynchronizedUpdate, EndSynchronizedUpdate, EnterAlternateScreen, LeaveAlternateScreen,
    disable_raw_mode, enable_raw_mode,
};
use crossterm::{cursor, execute, queue};

use super::msg::Msg;

/// Takes the terminal: raw mode, alternate screen, bracketed paste, and mouse capture if asked.
///
/// # Errors
/// When the terminal cannot be set up (it is restored before returning).
pub fn enter(mouse: bool) -> io::Result<()> {
    enable_raw_mode()?;
    let mut out = io::stdout();
    let r = execute!(out, EnterAlternateScreen, EnableBracketedPaste).and_then(|()| {
        if mouse {
            execute!(out, EnableMouseCapture)
        } else {
            Ok(())
        }
    });
    if r.is_err() {
        leave();
    }
    r
}

/// Gives the terminal back. Safe to call more than once.
pub fn leave() {
    let mut out = io::stdout();
    let _ = execute!(
        out,
        EndSynchronizedUpdate,
        DisableMouseCapture,
        DisableBracketedPaste,
        LeaveAlternateScreen,
        cursor::Show
    );
    let _ = disable_raw_mode();
    let _ = out.flush();
}

/// Opens (`true`) or closes a synchronized update (mode 2026): a terminal that knows it
/// shows the frame whole instead of painting it as the bytes arrive, so a frame split
/// over several packets on a slow SSH link never shows half drawn. Others ignore it.
pub fn synchronized(begin: bool) {
    let mut out = io::stdout();
    let _ = if begin {
        queue!(out, BeginSynchronizedUpdate)
    } else {
        execute!(out, EndSynchronizedUpdate)
    };
}

/// Restores the terminal before the previous panic hook prints the message, when the
/// panic is on the UI thread (the one calling this). A worker thread's panic is logged
/// instead: the worker turns it into an error message and the screen stays intact.
pub fn install_panic_hook() {
    let ui = std::thread::current().id();
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if std::thread::current().id() == ui {
            leave();
            previous(info);
        } else {
            tracing::error!("panic in a worker thread: {info}");
        }
    }));
}

/// Ctrl-Z: give the terminal back, stop until `fg`, then take it again.
///
/// # Errors
/// When the terminal cannot be taken back.
pub fn suspend(mouse: bool) -> io::Result<()> {
    leave();
    signal_hook::low_level::raise(signal_hook::consts::SIGTSTP)?;
    enter(mouse)
}

/// The thread that reads the terminal, until [`Input::stop`].
pub struct Input {
    stop: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Input {
    /// Stops reading the terminal (within [`INPUT_POLL`]) and waits for the thread, so
    /// that what is typed once gwr has given the terminal back goes to the shell rather
    /// than to a reader that is still running.
    pub fn stop(mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// How long the input thread waits for an event before it looks whether to stop.
const INPUT_POLL: Duration = Duration::from_millis(50);

/// Turns terminal events into messages, on a thread of its own.
pub fn spawn_input(tx: Sender<Msg>) -> Input {
    let stop = Arc::new(AtomicBool::new(false));
    let stopped = stop.clone();
    let thread = std::thread::spawn(move || {
        loop {
            // Never read once asked to stop: a poll that saw input leaves it unread.
            match crossterm::event::poll(INPUT_POLL) {
                _ if stopped.load(Ordering::Relaxed) => return,
                Ok(false) => continue,
                Ok(true) => {}
                Err(_) => return,
            }
            let msg = match crossterm::event::read() {
                Ok(Event::Key(k)) if k.kind != KeyEventKind::Release => Msg::Key(k),
                Ok(Event::Paste(s)) => Msg::Paste(s),
                Ok(Event::Resize(w, h)) => Msg::Resize(w, h),
                Ok(Event::Mouse(m)) => match m.kind {
                    MouseEventKind::ScrollDown => Msg::Scroll(1),
                    MouseEventKind::ScrollUp => Msg::Scroll(-1),
                    _ => continue,
                },
                Ok(_) => continue,
                Err(_) => return,
            };
            if tx.send(msg).is_err() {
                return;
            }
        }
    });
    Input {
        stop,
        thread: Some(thread),
    }
}

/// Turns SIGTERM, SIGHUP and SIGINT into [`Msg::Terminate`], so the loop restores the
/// terminal and saves the position before leaving.
///
/// # Errors
/// When the handlers cannot be installed.
pub fn spawn_signals(tx: Sender<Msg>) -> io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT])?;
    std::thread::spawn(move || {
        for _ in signals.forever() {
            if tx.send(Msg::Terminate).is_err() {
                return;
            }
        }
    });
    Ok(())
}

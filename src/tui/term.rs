//! The real terminal: raw mode and the alternate screen, and getting out of them on quit,
//! error, panic, SIGTERM/SIGHUP and around Ctrl-Z.

use std::fs;
use std::io::{self, Write as _};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender};
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
    /// Closed when the thread ends.
    done: Receiver<()>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Input {
    /// Stops reading the terminal (within [`INPUT_POLL`]) and waits for the thread, so
    /// that what is typed once gwr has given the terminal back goes to the shell rather
    /// than to a reader that is still running. A thread that does not end within
    /// [`INPUT_STOP`] is left behind (the process is about to exit): crossterm's reader
    /// can spin on a terminal that went away (crossterm-rs/crossterm#793).
    pub fn stop(mut self) {
        self.stop.store(true, Ordering::Relaxed);
        let ended = matches!(
            self.done.recv_timeout(INPUT_STOP),
            Err(RecvTimeoutError::Disconnected)
        );
        if let Some(t) = self.thread.take()
            && ended
        {
            let _ = t.join();
        }
    }
}

/// How long the input thread waits for an event before it looks whether to stop.
const INPUT_POLL: Duration = Duration::from_millis(50);

/// How long [`Input::stop`] waits for the input thread.
const INPUT_STOP: Duration = Duration::from_millis(500);

/// What the terminal has for the input thread.
#[derive(Debug, PartialEq, Eq)]
enum Tty {
    /// Bytes to read (or a signal came: crossterm may have a resize to tell).
    Ready,
    /// Nothing within the wait.
    Idle,
    /// Hung up: the terminal (an SSH connection, a tmux pane) is gone.
    Gone,
}

/// Waits up to `wait` for the controlling terminal `tty`. crossterm is asked for events
/// only once this says there is something: on a terminal that hung up, crossterm's
/// reader loops on empty reads forever and its poll never returns, whatever its
/// timeout (crossterm-rs/crossterm#793), so a hang-up must be seen here first.
fn wait_tty(tty: &fs::File, wait: Duration) -> Tty {
    use nix::poll::{PollFd, PollFlags, PollTimeout, poll};
    use std::os::fd::AsFd as _;
    let mut fds = [PollFd::new(tty.as_fd(), PollFlags::POLLIN)];
    let ms = PollTimeout::try_from(wait).unwrap_or(PollTimeout::MAX);
    match poll(&mut fds, ms) {
        Ok(0) => Tty::Idle,
        Ok(_) => {
            let got = fds[0].revents().unwrap_or(PollFlags::empty());
            if got.intersects(PollFlags::POLLHUP | PollFlags::POLLERR | PollFlags::POLLNVAL) {
                Tty::Gone
            } else {
                Tty::Ready
            }
        }
        Err(nix::errno::Errno::EINTR) => Tty::Ready,
        Err(_) => Tty::Gone,
    }
}

/// One terminal event as a message (`None` for events the app does not use).
fn message(event: Event) -> Option<Msg> {
    match event {
        Event::Key(k) if k.kind != KeyEventKind::Release => Some(Msg::Key(k)),
        Event::Paste(s) => Some(Msg::Paste(s)),
        Event::Resize(w, h) => Some(Msg::Resize(w, h)),
        Event::Mouse(m) => match m.kind {
            MouseEventKind::ScrollDown => Some(Msg::Scroll(1)),
            MouseEventKind::ScrollUp => Some(Msg::Scroll(-1)),
            _ => None,
        },
        _ => None,
    }
}

/// Turns terminal events into messages, on a thread of its own. When the terminal hangs
/// up, says [`Msg::Terminate`] (as SIGHUP does) and ends.
pub fn spawn_input(tx: Sender<Msg>) -> Input {
    let stop = Arc::new(AtomicBool::new(false));
    let stopped = stop.clone();
    let (done_tx, done) = std::sync::mpsc::channel::<()>();
    let thread = std::thread::spawn(move || {
        let _done = done_tx;
        // The terminal crossterm reads (stdin when it is one, else /dev/tty).
        let tty = fs::File::open("/dev/tty").ok();
        loop {
            if stopped.load(Ordering::Relaxed) {
                return;
            }
            let wait = match &tty {
                Some(tty) => match wait_tty(tty, INPUT_POLL) {
                    Tty::Idle => continue,
                    Tty::Gone => {
                        let _ = tx.send(Msg::Terminate);
                        return;
                    }
                    Tty::Ready => Duration::ZERO,
                },
                None => INPUT_POLL,
            };
            // Every event crossterm has now (a paste arrives as many). Never read once
            // asked to stop: a poll that saw input leaves it unread.
            loop {
                match crossterm::event::poll(wait) {
                    _ if stopped.load(Ordering::Relaxed) => return,
                    Ok(false) => break,
                    Ok(true) => {}
                    Err(_) => return,
                }
                match crossterm::event::read() {
                    Ok(event) => {
                        if let Some(msg) = message(event)
                            && tx.send(msg).is_err()
                        {
                            return;
                        }
                    }
                    Err(_) => return,
                }
            }
        }
    });
    Input {
        stop,
        done,
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

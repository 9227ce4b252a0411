//! A tmux server of a test's own (`tmux -L <socket>`), with one session running a shell:
//! the harness of the tests that drive the real binary in a real terminal
//! ([`super::e2e_tmux`], [`super::clipboard_tmux`]).

use std::process::{Command, Output};
use std::time::{Duration, Instant};

/// The session every test drives.
const SESSION: &str = "e2e";

/// The shell words that run the gwr under test with its data in `data`.
pub fn gwr_line(data: &std::path::Path) -> String {
    format!(
        "GWR_DATA_DIR='{}' '{}'",
        data.display(),
        env!("CARGO_BIN_EXE_gwr")
    )
}

pub struct Tmux {
    socket: String,
}

impl Tmux {
    /// A server of its own with a `width`x`height` session running a shell, or `None`
    /// (with a printed reason) when tmux is not installed; CI installs it (`.ci/run`).
    pub fn start(name: &str, width: u16, height: u16) -> Option<Tmux> {
        if Command::new("tmux").arg("-V").output().is_err() {
            eprintln!("SKIPPED: tmux is not installed (CI installs it: .ci/run)");
            return None;
        }
        let t = Tmux {
            socket: format!("gwr-{name}-{}", std::process::id()),
        };
        let (w, h) = (width.to_string(), height.to_string());
        let started = t.run(&[
            "-f",
            "/dev/null",
            "new-session",
            "-d",
            "-s",
            SESSION,
            "-x",
            &w,
            "-y",
            &h,
            "sh",
        ]);
        assert!(started.status.success(), "{started:?}");
        Some(t)
    }

    pub fn run(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .expect("tmux runs")
    }

    /// Sends keys by tmux's names (`Enter`, `Escape`, `C-t`) or as text.
    pub fn send(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", SESSION];
        args.extend_from_slice(keys);
        assert!(self.run(&args).status.success());
    }

    /// Sends text literally (UTF-8 included), one string.
    pub fn type_text(&self, text: &str) {
        self.send(&["-l", text]);
    }

    /// The screen as text, with its SGR sequences when `escapes`.
    pub fn capture(&self, escapes: bool) -> String {
        let mut args = vec!["capture-pane", "-p", "-t", SESSION];
        if escapes {
            args.push("-e");
        }
        String::from_utf8_lossy(&self.run(&args).stdout).into_owned()
    }

    /// Waits until the screen satisfies `ok` and has settled, or fails with the last screen.
    pub fn wait_for(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        self.wait_for_capture(what, false, ok)
    }

    /// [`Tmux::wait_for`] on the screen with its SGR sequences when `escapes`.
    ///
    /// A capture can fall in the middle of a frame being written (CI once saw the text
    /// pane's first lines drawn and the outline still empty), so a screen counts only when
    /// two captures in a row, 100 ms apart, are the same and satisfy `ok`.
    pub fn wait_for_capture(&self, what: &str, escapes: bool, ok: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        let mut last: Option<String> = None;
        loop {
            let screen = self.capture(escapes);
            if ok(&screen) {
                if last.as_deref() == Some(screen.as_str()) {
                    return screen;
                }
                last = Some(screen);
                std::thread::sleep(Duration::from_millis(100));
                continue;
            }
            last = None;
            assert!(
                start.elapsed() < Duration::from_secs(60),
                "timed out waiting for {what}; the screen was:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.run(&["kill-server"]);
    }
}

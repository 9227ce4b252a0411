//! OSC 52 through a real tmux with `set-clipboard on`: the sequence gwr writes becomes
//! tmux's paste buffer (`tmux show-buffer`), Chinese text and citation intact; and the
//! real TUI in tmux: `y` copies the paragraph with its citation, and a mark set with
//! `m` is there after gwr quits (`gwr marks`).
//!
//! Skipped (with a printed reason) only when tmux is not installed; CI installs it.

use std::process::{Command, Output};
use std::time::{Duration, Instant};

struct Tmux {
    socket: String,
}

impl Tmux {
    fn start(name: &str) -> Option<Tmux> {
        if Command::new("tmux").arg("-V").output().is_err() {
            eprintln!("SKIPPED: tmux is not installed (CI installs it: .ci/run)");
            return None;
        }
        let t = Tmux {
            socket: format!("gwr-{name}-{}", std::process::id()),
        };
        let started = t.run(&[
            "-f",
            "/dev/null",
            "new-session",
            "-d",
            "-s",
            "clip",
            "-x",
            "100",
            "-y",
            "30",
            "sh",
        ]);
        assert!(started.status.success(), "{started:?}");
        let set = t.run(&["set-option", "-g", "set-clipboard", "on"]);
        assert!(set.status.success(), "{set:?}");
        Some(t)
    }

    fn screen(&self) -> String {
        String::from_utf8_lossy(&self.run(&["capture-pane", "-p", "-t", "clip"]).stdout)
            .into_owned()
    }

    fn wait_for(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if ok(&screen) {
                return screen;
            }
            assert!(
                start.elapsed() < Duration::from_secs(60),
                "timed out waiting for {what}; the screen was:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn send(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "clip"];
        args.extend_from_slice(keys);
        assert!(self.run(&args).status.success());
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .expect("tmux runs")
    }

    /// The newest paste buffer, once there is one with `want` in it.
    fn buffer_with(&self, want: &str) -> String {
        let start = Instant::now();
        loop {
            let out = self.run(&["show-buffer"]);
            let text = String::from_utf8_lossy(&out.stdout).into_owned();
            if text.contains(want) {
                return text;
            }
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "no tmux buffer with {want:?}; show-buffer gave {text:?} ({:?})",
                String::from_utf8_lossy(&out.stderr)
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.run(&["kill-server"]);
    }
}

#[test]
fn the_osc_52_sequence_reaches_tmux_buffer() {
    let Some(t) = Tmux::start("osc52") else {
        return;
    };
    let text = "精准发力促进消费提振。\n——《2024年河北省政府工作报告》二、（二）第4段";
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("seq");
    let mut out = Vec::new();
    let env = gwr::clipboard::Env {
        term: Some("tmux-256color".into()),
        tmux_clipboard: Some("on".into()),
        screen: false,
    };
    gwr::clipboard::copy(text, &env, &mut out).unwrap();
    std::fs::write(&file, &out).unwrap();
    let cmd = format!("cat '{}'", file.display());
    assert!(
        t.run(&["send-keys", "-t", "clip", &cmd, "Enter"])
            .status
            .success()
    );
    assert_eq!(t.buffer_with("第4段"), text);
}

#[test]
fn y_in_the_tui_copies_the_paragraph_and_marks_outlive_it() {
    let Some(t) = Tmux::start("tui") else {
        return;
    };
    let data = tempfile::tempdir().unwrap();
    let gwr = env!("CARGO_BIN_EXE_gwr");
    let cmd = format!(
        "GWR_DATA_DIR='{0}' GWR_CONFIG='{0}/none.toml' '{gwr}'",
        data.path().display()
    );
    t.send(&[&cmd, "Enter"]);
    t.wait_for("the demo report", |s| {
        s.contains("? 帮助") && s.contains("政府工作报告")
    });
    // The demo opens at the top of the 2024 national report: its title line.
    t.send(&["y"]);
    let copied = t.buffer_with("——《");
    assert_eq!(
        copied,
        "政府工作报告\n——《2024年国务院政府工作报告》前言第1段"
    );
    t.wait_for("the copy message", |s| s.contains("已复制本段"));

    t.send(&["]"]);
    t.send(&["m", "k"]);
    t.wait_for("the mark message", |s| s.contains("已标记 k"));
    t.send(&["q"]);
    t.wait_for("the shell", |s| !s.contains("? 帮助"));
    let out = Command::new(gwr)
        .env("GWR_DATA_DIR", data.path())
        .env("GWR_CONFIG", data.path().join("none.toml"))
        .args(["marks", "--csv"])
        .output()
        .unwrap();
    let csv = String::from_utf8_lossy(&out.stdout);
    assert!(
        csv.contains("\r\nk,《2024年国务院政府工作报告》一、,"),
        "{csv}"
    );
}

//! OSC 52 through a real tmux with `set-clipboard on`: the sequence gwr writes becomes
//! tmux's paste buffer (`tmux show-buffer`), Chinese text and citation intact.
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

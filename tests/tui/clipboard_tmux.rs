//! OSC 52 through a real tmux with `set-clipboard on`: the sequence gwr writes becomes
//! tmux's paste buffer (`tmux show-buffer`), Chinese text and citation intact; and the
//! real TUI in tmux: `y` copies the paragraph with its citation, and a mark set with
//! `m` is there after gwr quits (`gwr marks`).
//!
//! Skipped (with a printed reason) only when tmux is not installed; CI installs it.

use std::process::Command;
use std::time::{Duration, Instant};

use super::tmux::Tmux;

/// A tmux with `set-clipboard on`, so OSC 52 sets its paste buffer.
fn start(name: &str) -> Option<Tmux> {
    let t = Tmux::start(name, 100, 30)?;
    let set = t.run(&["set-option", "-g", "set-clipboard", "on"]);
    assert!(set.status.success(), "{set:?}");
    Some(t)
}

/// The newest paste buffer, once there is one with `want` in it.
fn buffer_with(t: &Tmux, want: &str) -> String {
    let start = Instant::now();
    loop {
        let out = t.run(&["show-buffer"]);
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

#[test]
fn the_osc_52_sequence_reaches_tmux_buffer() {
    let Some(t) = start("osc52") else {
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
        t.run(&["send-keys", "-t", "e2e", &cmd, "Enter"])
            .status
            .success()
    );
    assert_eq!(buffer_with(&t, "第4段"), text);
}

#[test]
fn y_in_the_tui_copies_the_paragraph_and_marks_outlive_it() {
    let Some(t) = start("clip-tui") else {
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
    let copied = buffer_with(&t, "——《");
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

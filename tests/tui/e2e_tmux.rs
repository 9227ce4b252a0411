//! The real binary in a real terminal (tmux) at 80x24: it starts on the demo corpus with
//! the three panes on the first screen, a typed Chinese query shows results, Enter opens
//! the hit highlighted, `]` moves to the next section, `K`, `D` and Ctrl-t open the
//! keywords, two years side by side and a trend chart, `q` quits and the shell is usable
//! afterwards.
//!
//! Skipped (with a printed reason) only when tmux is not installed; CI installs it.

use super::tmux::{Tmux, gwr_line};

/// Whether an SGR parameter list sets a background colour or reverse video.
fn marks(params: &str) -> bool {
    let ps: Vec<&str> = params.split(';').collect();
    let mut i = 0;
    while i < ps.len() {
        match ps[i] {
            "38" => i += if ps.get(i + 1) == Some(&"5") { 2 } else { 4 },
            "7" | "48" => return true,
            p if (p.len() == 2 && p.starts_with('4') && p != "49")
                || (p.len() == 3 && p.starts_with("10")) =>
            {
                return true;
            }
            _ => {}
        }
        i += 1;
    }
    false
}

/// Whether some occurrence of `word` in an `-e` capture comes right after SGR sequences
/// that mark it (a background colour or reverse video).
fn highlighted(escaped: &str, word: &str) -> bool {
    escaped.match_indices(word).any(|(i, _)| {
        let mut before = &escaped[..i];
        // Walk back over the escapes immediately before the word.
        while let Some(rest) = before.strip_suffix('m') {
            let Some(esc) = rest.rfind("\u{1b}[") else {
                return false;
            };
            if marks(&rest[esc + 2..]) {
                return true;
            }
            before = &rest[..esc];
        }
        false
    })
}

#[test]
fn highlight_detection() {
    assert!(highlighted(
        "ab\u{1b}[38;5;0m\u{1b}[48;5;3m乡村振兴",
        "乡村振兴"
    ));
    assert!(highlighted("\u{1b}[7m乡村振兴", "乡村振兴"));
    assert!(highlighted("\u{1b}[30;43m乡村振兴", "乡村振兴"));
    assert!(!highlighted("\u{1b}[38;5;42m乡村振兴", "乡村振兴"));
    assert!(!highlighted("\u{1b}[48;5;3mx乡村振兴", "乡村振兴"));
    assert!(!highlighted("\u{1b}[39m\u{1b}[49m乡村振兴", "乡村振兴"));
    assert!(!highlighted("乡村振兴", "乡村振兴"));
}

#[test]
fn tui_in_tmux() {
    let Some(t) = Tmux::start("e2e", 80, 24) else {
        return;
    };
    let data = tempfile::tempdir().unwrap();
    t.send(&[&gwr_line(data.path()), "Enter"]);

    // At 80x24 the first screen has the three panes: regions with their years, the
    // report's outline, and its text.
    let screen = t.wait_for("the three panes", |s| {
        s.contains("地区") && s.contains("目录") && s.contains("各位代表") && s.contains("? 帮助")
    });
    assert!(screen.lines().count() >= 23, "{screen}");
    assert!(
        screen.contains("全国 2 2018–2024"),
        "regions and years:\n{screen}"
    );
    assert!(screen.contains("前言"), "the outline:\n{screen}");
    assert!(
        screen.contains("┏ 2024年国务院政府工作报告"),
        "the reader, focused:\n{screen}"
    );

    // A Chinese query typed into the search line shows results.
    t.send(&["/"]);
    t.type_text("乡村振兴");
    let screen = t.wait_for("search results", |s| {
        s.contains("/乡村振兴") && s.contains("搜索结果") && s.matches("乡村振兴").count() > 3
    });
    assert!(
        screen.contains('§'),
        "results name their section:\n{screen}"
    );

    // Enter opens the hit, highlighted (the report is loaded in the background: the
    // search line may close before the reader has moved to the hit).
    t.send(&["Enter"]);
    t.wait_for_capture("the hit, highlighted in the report", true, |s| {
        !s.contains("搜索结果") && highlighted(s, "乡村振兴")
    });

    // ] moves to the next section: the breadcrumb changes (or, in a report without
    // sections, the status line says there is none).
    let status = |s: &str| s.lines().last().unwrap_or_default().to_string();
    let before = status(&t.capture(false));
    t.send(&["]"]);
    let after = t.wait_for("] to act", |s| status(s) != before);
    let after = status(&after);
    assert!(
        after.contains('§') || after.contains("已是最后一节"),
        "status after ]: {after:?} (before: {before:?})"
    );

    // t opens the targets view of the open report's region (河北省 2024, with its children
    // that year); Enter opens the report at the GDP target, highlighted.
    t.send(&["/"]);
    t.send(&["C-u"]); // the search line keeps the last query
    t.type_text("region:河北省 level:province year:2024 生产总值");
    // Only the full query's answer (or a prefix's with the same one report) will do.
    t.wait_for("the 2024 results", |s| {
        s.contains("year:2024 生产总值") && s.contains("· 1 篇") && !s.contains("篇 …")
    });
    t.send(&["Enter"]);
    t.wait_for("the 2024 report", |s| {
        !s.contains("搜索结果") && s.contains("2024年河北省政府工作报告")
    });
    t.send(&["t"]);
    let screen = t.wait_for("the targets view", |s| {
        s.contains("目标与实绩 河北省") && s.contains("下级 2024")
    });
    assert!(screen.contains('✓') || screen.contains('✗'), "{screen}");
    t.send(&["Enter"]);
    t.wait_for("the figure", |s| {
        !s.contains("目标与实绩") && s.contains("主要预期目标是：地区生产总值增长")
    });
    // The phrase (地区生产总值增长5.5%左右) wraps at this width: its first line's part.
    let escaped = t.capture(true);
    assert!(
        highlighted(&escaped, "地区生产总值增长"),
        "the figure is not highlighted:\n{escaped}"
    );
    // K shows the report's keywords; Esc goes back.
    t.send(&["K"]);
    t.wait_for("the keywords", |s| {
        s.contains("关键词 ·") && s.contains("对数似然")
    });
    t.send(&["Escape"]);
    t.wait_for("the reader again", |s| !s.contains("关键词 ·"));

    // D puts 南山区 2023 beside 2022.
    t.send(&["/"]);
    t.send(&["C-u"]);
    t.type_text("西丽湖 region:南山区 year:2023");
    t.wait_for("its results", |s| {
        s.contains("搜索结果") && s.contains("西丽湖")
    });
    t.send(&["Enter"]);
    t.wait_for("the 2023 report", |s| {
        !s.contains("搜索结果") && s.contains("南山区 2023")
    });
    t.send(&["D"]);
    t.wait_for("the two years", |s| {
        s.contains("对照 · 2022年南山区政府工作报告 ↔ 2023年南山区政府工作报告")
            && s.contains("新词")
    });
    t.send(&["Escape"]);
    // Wait for the view to close: an Esc followed at once by / reads as Alt-/.
    t.wait_for("the reader again", |s| !s.contains("对照 ·"));

    // Ctrl-t on a search shows its trend by year.
    t.send(&["/"]);
    t.send(&["C-u"]);
    t.type_text("数字经济");
    t.wait_for("the query's results", |s| {
        s.contains("/数字经济") && s.contains("搜索结果")
    });
    t.send(&["C-t"]);
    t.wait_for("the trend chart", |s| {
        s.contains("趋势 · 按年") && s.contains("██ 数字经济") && s.contains("2026: 数字经济")
    });
    t.send(&["Escape"]);
    t.wait_for("the reader again", |s| !s.contains("趋势 · 按年"));

    // q quits; the terminal is back to the shell, which still works.
    t.send(&["q"]);
    t.wait_for("the shell", |s| !s.contains("? 帮助"));
    t.send(&["echo e2e''done", "Enter"]);
    let screen = t.wait_for("the shell to answer", |s| {
        // The output line (not the echoed command, which has the quotes in it).
        s.lines().any(|l| l.trim_end().ends_with("e2edone"))
    });
    assert!(!screen.contains("地区"), "{screen}");
    assert!(
        data.path().join("state.json").exists(),
        "the position was saved"
    );
}

/// A corpus folder with a dangling link, a link loop and a file name that is not UTF-8
/// opens in the TUI with its good report.
#[cfg(unix)]
#[test]
fn tui_opens_a_corpus_with_bad_entries() {
    use std::os::unix::ffi::OsStrExt as _;
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    std::fs::create_dir_all(corpus.join("sub")).unwrap();
    let report = gwr::corpus::Corpus::Demo
        .read("reportData_2014.txt")
        .unwrap();
    std::fs::write(corpus.join("a.txt"), &report).unwrap();
    std::os::unix::fs::symlink("nothere.txt", corpus.join("dangling.txt")).unwrap();
    std::os::unix::fs::symlink("..", corpus.join("sub/loop")).unwrap();
    let gbk = std::ffi::OsStr::from_bytes(b"\xb1\xa8\xb8\xe6.txt");
    std::fs::write(corpus.join(gbk), &report).unwrap();
    let Some(t) = Tmux::start("e2e-faults", 100, 30) else {
        return;
    };
    let cmd = format!(
        "{} --corpus '{}'",
        gwr_line(&tmp.path().join("data")),
        corpus.display()
    );
    t.send(&[&cmd, "Enter"]);
    let screen = t.wait_for("the report", |s| {
        s.contains("地区") && s.contains("海拉尔区") && s.contains("各位代表")
    });
    assert!(!screen.contains("cannot read"), "{screen}");
    t.send(&["q"]);
    t.wait_for("the shell", |s| !s.contains("? 帮助"));
}

/// A terminal that goes away (an SSH connection dropped, a tmux pane killed) ends gwr: it
/// neither stays behind nor spins on the dead terminal (crossterm's reader loops forever
/// on a hung-up terminal, crossterm-rs/crossterm#793; a gwr left this way used a core
/// for half an hour before it was found).
#[test]
fn the_tui_ends_when_its_terminal_goes_away() {
    let Some(t) = Tmux::start("hangup", 80, 24) else {
        return;
    };
    let data = tempfile::tempdir().unwrap();
    // exec: the pane's process is gwr itself.
    let cmd = format!("exec env {}", gwr_line(data.path()));
    t.send(&[&cmd, "Enter"]);
    t.wait_for("the first screen", |s| {
        s.contains("各位代表") && s.contains("? 帮助")
    });
    // With the search line open (where the reader was first seen left behind).
    t.send(&["/"]);
    t.type_text("碳达峰");
    t.wait_for("the results", |s| {
        s.contains("/碳达峰") && s.contains("搜索结果")
    });
    let out = t.run(&["display-message", "-p", "-t", "e2e", "#{pane_pid}"]);
    let pid: u32 = String::from_utf8_lossy(&out.stdout).trim().parse().unwrap();
    let state = || {
        std::fs::read_to_string(format!("/proc/{pid}/stat"))
            .ok()
            .and_then(|s| s.rsplit(") ").next().and_then(|r| r.chars().next()))
    };
    assert!(state().is_some(), "gwr runs in the pane");
    t.run(&["kill-server"]);
    let start = std::time::Instant::now();
    while state().is_some_and(|s| s != 'Z') {
        if start.elapsed() > std::time::Duration::from_secs(5) {
            let _ = std::process::Command::new("kill")
                .args(["-9", &pid.to_string()])
                .status();
            panic!("gwr still ran 5 s after its terminal went away");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

//! `update` without a terminal: navigation, section jumps, `:2.3`, year switching, the
//! search flow (generations, stale answers dropped, Enter, n/N), the picker, the filter,
//! restore, resize.

use crate::common::Harness;
use crossterm::event::KeyCode;
use gwr::tui::app::Pane;
use gwr::tui::focus::Mode;
use gwr::tui::msg::{Cmd, Msg};
use gwr::tui::regions::Row;
use gwr::tui::state::Saved;

fn started() -> Harness {
    let mut h = Harness::fixture(120, 40);
    h.start();
    h
}

#[test]
fn first_launch_opens_the_national_report() {
    let h = started();
    assert_eq!(h.report_id(), "100000-2024");
    assert!(matches!(h.cmds[0], Cmd::LoadReport { generation: 1, .. }));
    assert!(
        h.cmds
            .iter()
            .any(|c| matches!(c, Cmd::Save(s) if s.report == "100000-2024"))
    );
    // The tree shows 全国 and 河北省 at the top, the open report selected under 全国.
    let rows = &h.app.regions.rows;
    let Row::Node { node, .. } = rows[0] else {
        panic!()
    };
    assert_eq!(h.app.regions.tree.nodes[node].name, "全国");
    assert!(matches!(
        rows[h.app.regions.cursor.selected],
        Row::Report { report: 0, .. }
    ));
    assert_eq!(h.app.focus, Pane::Reader);
}

#[test]
fn navigation_scrolls_and_switches_panes() {
    let mut h = started();
    h.key(KeyCode::Char('j'));
    h.key(KeyCode::Char('j'));
    assert_eq!(h.app.reader.top, 2);
    h.key(KeyCode::Char('k'));
    assert_eq!(h.app.reader.top, 1);
    h.key(KeyCode::Char('G'));
    let total = h.app.reader.wrapped.as_ref().unwrap().lines.len();
    assert_eq!(h.app.reader.top, total.saturating_sub(37));
    h.key(KeyCode::Char('g'));
    assert_eq!(h.app.reader.top, 0);
    h.ctrl('d');
    assert_eq!(h.app.reader.top, (total - 1).min(18));
    h.key(KeyCode::Tab);
    assert_eq!(h.app.focus, Pane::Regions);
    h.key(KeyCode::Tab);
    assert_eq!(h.app.focus, Pane::Outline);
    h.send(Msg::Key(crossterm::event::KeyEvent::new(
        KeyCode::BackTab,
        crossterm::event::KeyModifiers::SHIFT,
    )));
    assert_eq!(h.app.focus, Pane::Regions);
    h.key(KeyCode::Char('3'));
    assert_eq!(h.app.focus, Pane::Reader);
}

#[test]
fn section_jumps() {
    let mut h = started();
    assert_eq!(h.top_para(), 0);
    h.key(KeyCode::Char(']'));
    assert_eq!(h.top_para(), 4, "] goes to 一、");
    h.key(KeyCode::Char(']'));
    assert_eq!(h.top_para(), 6, "] goes to （一）");
    assert_eq!(h.app.breadcrumb().last().unwrap().0, "1.1");
    h.key(KeyCode::Char('}'));
    assert_eq!(h.top_para(), 10, "}} goes to 二、");
    h.key(KeyCode::Char('['));
    assert_eq!(h.top_para(), 8, "[ goes back to （二）");
    h.key(KeyCode::Char('{'));
    assert_eq!(h.top_para(), 4, "{{ goes back to 一、");
    h.key(KeyCode::Char('['));
    assert_eq!(h.top_para(), 0);
    h.key(KeyCode::Char('['));
    assert!(h.app.message.is_some(), "no section before the first");
    // :2.3
    h.keys(":2.3");
    assert_eq!(h.app.mode, Mode::Goto);
    h.key(KeyCode::Enter);
    assert_eq!(h.app.mode, Mode::Normal);
    assert_eq!(h.top_para(), 15);
    assert_eq!(
        h.app.breadcrumb(),
        [
            ("2".to_string(), "今年工作安排".to_string()),
            ("2.3".to_string(), "着力推进乡村振兴".to_string())
        ]
    );
    h.keys(":9.9");
    h.key(KeyCode::Enter);
    assert_eq!(h.top_para(), 15);
    assert!(h.app.message.as_deref().unwrap().contains("9.9"));
}

#[test]
fn outline_follows_the_reading_position_and_jumps() {
    let mut h = started();
    h.keys(":1.2");
    h.key(KeyCode::Enter);
    let report = h.app.reader.report.clone().unwrap();
    let sel = h.app.outline.rows[h.app.outline.cursor.selected];
    assert_eq!(report.sections[sel].path, "1.2");
    // Choose 2 in the outline.
    h.key(KeyCode::Char('2'));
    h.key(KeyCode::Char('j'));
    let sel = h.app.outline.rows[h.app.outline.cursor.selected];
    assert_eq!(report.sections[sel].path, "2");
    h.key(KeyCode::Enter);
    assert_eq!(h.top_para(), 10);
    // Collapse 2: its children leave the outline.
    let before = h.app.outline.rows.len();
    h.key(KeyCode::Char('h'));
    assert_eq!(h.app.outline.rows.len(), before - 3);
    h.key(KeyCode::Char('l'));
    assert_eq!(h.app.outline.rows.len(), before);
}

#[test]
fn year_switching_keeps_the_region_and_section() {
    let mut h = started();
    // Open 河北省 2024 from the regions tree.
    h.key(KeyCode::Char('1'));
    let idx = h
        .app
        .regions
        .rows
        .iter()
        .position(|r| matches!(r, Row::Node { node, .. } if h.app.regions.tree.nodes[*node].name == "河北省"))
        .unwrap();
    h.app.regions.cursor.selected = idx;
    h.key(KeyCode::Enter); // expand
    h.key(KeyCode::Char('j'));
    h.key(KeyCode::Char('j')); // 2024
    h.key(KeyCode::Enter);
    assert_eq!(h.report_id(), "130000-2024");
    assert_eq!(h.app.focus, Pane::Reader);
    h.keys(":2.3");
    h.key(KeyCode::Enter);
    h.key(KeyCode::Char('<'));
    assert_eq!(h.report_id(), "130000-2023");
    assert_eq!(
        h.app.breadcrumb().last().unwrap().0,
        "2.3",
        "same section in the other year"
    );
    h.key(KeyCode::Char('<'));
    assert_eq!(h.report_id(), "130000-2023");
    assert!(h.app.message.is_some());
    h.key(KeyCode::Char('>'));
    assert_eq!(h.report_id(), "130000-2024");
}

#[test]
fn search_flow_drops_stale_answers_and_walks_hits() {
    let mut h = started();
    h.hold_searches = true;
    h.key(KeyCode::Char('/'));
    assert_eq!(h.app.mode, Mode::Search);
    h.keys("乡村");
    let gens: Vec<u64> = h
        .held
        .iter()
        .map(|c| match c {
            Cmd::Search { generation, .. } => *generation,
            _ => 0,
        })
        .collect();
    assert_eq!(gens, [1, 2]);
    assert_eq!(
        h.held[1],
        Cmd::Search {
            generation: 2,
            query: "乡村".to_string()
        }
    );
    // The answer to generation 1 arrives late: dropped.
    let old = h.source.search("乡").unwrap();
    h.send(Msg::SearchDone {
        generation: 1,
        result: Ok(std::sync::Arc::new(old)),
    });
    assert!(h.app.search.results.is_none());
    // Generation 3 supersedes 2 before 2 answers.
    h.keys("振兴");
    let latest = h.app.search.jobs.newest();
    assert_eq!(latest, 4);
    let res = h.source.search("乡村").unwrap();
    h.send(Msg::SearchDone {
        generation: 2,
        result: Ok(std::sync::Arc::new(res)),
    });
    assert!(h.app.search.results.is_none(), "stale answer shown");
    let res = h.source.search("乡村振兴").unwrap();
    let n_hits = res.hits.len();
    h.send(Msg::SearchDone {
        generation: latest,
        result: Ok(std::sync::Arc::new(res)),
    });
    assert_eq!(h.app.search.results.as_ref().unwrap().hits.len(), n_hits);
    // Down, Enter: the second hit opens at its paragraph with the hits highlighted.
    h.key(KeyCode::Down);
    let hit = h.app.search.results.as_ref().unwrap().hits[1].clone();
    h.key(KeyCode::Enter);
    assert_eq!(h.app.mode, Mode::Normal);
    assert_eq!(h.report_id(), hit.report);
    let cur = h.app.reader.hit.unwrap();
    assert_eq!(h.app.reader.hits[cur].0, hit.paragraph);
    assert!(!h.app.reader.hits.is_empty());
    let w = h.app.reader.wrapped.clone().unwrap();
    let line = w.line_of(hit.paragraph, h.app.reader.hits[cur].1.start);
    assert!(
        line >= h.app.reader.top && line < h.app.reader.top + 38,
        "hit on screen"
    );
    // n walks the hits of the report, then moves to the next report of the results.
    let in_report = h.app.reader.hits.len();
    let first_report = h.report_id();
    for _ in cur + 1..in_report {
        h.key(KeyCode::Char('n'));
        assert_eq!(h.report_id(), first_report);
    }
    assert_eq!(h.app.reader.hit, Some(in_report - 1));
    h.key(KeyCode::Char('n'));
    assert_ne!(
        h.report_id(),
        first_report,
        "n crossed to the next result's report"
    );
    assert_eq!(h.app.reader.hit, Some(0));
    h.key(KeyCode::Char('N'));
    assert_eq!(h.report_id(), first_report, "N came back");
    assert_eq!(
        h.app.reader.hit,
        Some(in_report - 1),
        "to the last hit of that report"
    );
}

#[test]
fn empty_query_clears_results_and_errors_are_shown() {
    let mut h = started();
    h.key(KeyCode::Char('/'));
    h.keys("乡");
    assert!(h.app.search.results.is_some());
    h.key(KeyCode::Backspace);
    assert!(h.app.search.results.is_none());
    let g = h.app.search.jobs.newest();
    h.keys("x");
    h.send(Msg::SearchDone {
        generation: g + 1,
        result: Err("unbalanced quote".to_string()),
    });
    assert_eq!(h.app.search.error.as_deref(), Some("unbalanced quote"));
    h.key(KeyCode::Esc);
    assert_eq!(h.app.mode, Mode::Normal);
}

#[test]
fn pasted_text_is_a_query() {
    let mut h = started();
    h.send(Msg::Paste("乡村\n振兴".to_string()));
    assert_eq!(h.app.mode, Mode::Search);
    assert_eq!(h.app.search.input.text, "乡村 振兴");
    assert!(matches!(h.cmds.last(), Some(Cmd::Search { query, .. }) if query == "乡村 振兴"));
}

#[test]
fn picker_and_filter() {
    let mut h = started();
    h.key(KeyCode::Char('s'));
    assert_eq!(h.app.mode, Mode::Picker);
    h.keys("产业体系");
    h.key(KeyCode::Enter);
    assert_eq!(h.app.breadcrumb().last().unwrap().0, "2.2");
    h.key(KeyCode::Char('f'));
    assert_eq!(h.app.mode, Mode::Filter);
    assert_eq!(h.app.focus, Pane::Regions);
    h.keys("保定");
    let names: Vec<String> = h
        .app
        .regions
        .rows
        .iter()
        .filter_map(|r| match r {
            Row::Node { node, .. } => Some(h.app.regions.tree.nodes[*node].name.clone()),
            Row::Report { .. } => None,
        })
        .collect();
    assert_eq!(names, ["河北省", "保定市"]);
    h.key(KeyCode::Enter);
    assert_eq!(h.app.mode, Mode::Normal);
    assert_eq!(h.app.regions.filter.text, "保定");
    h.key(KeyCode::Char('f'));
    h.key(KeyCode::Esc);
    assert!(h.app.regions.filter.text.is_empty());
    assert!(h.app.regions.rows.len() > 2);
}

#[test]
fn saved_position_is_restored() {
    let mut h = Harness::fixture(120, 40);
    h.app.restore = Some(Saved {
        report: "130600-2024".to_string(),
        paragraph: 10,
    });
    h.start();
    assert_eq!(h.report_id(), "130600-2024");
    assert_eq!(h.top_para(), 10);
    h.ctrl('c');
    assert!(h.app.quit);
    assert!(matches!(h.cmds.last(), Some(Cmd::Save(s)) if s.paragraph == 10));
}

#[test]
fn resize_rewraps_and_keeps_the_paragraph() {
    let mut h = started();
    h.keys(":1.2");
    h.key(KeyCode::Enter);
    h.resize(80, 24);
    assert!(h.app.reader.wrapped.as_ref().unwrap().width < 80);
    assert_eq!(h.top_para(), 8);
    h.resize(200, 60);
    assert_eq!(h.top_para(), 8);
    h.send(Msg::Terminate);
    assert!(h.app.quit);
}

#[test]
fn help_opens_and_closes() {
    let mut h = started();
    h.key(KeyCode::Char('?'));
    assert_eq!(h.app.mode, Mode::Help);
    h.key(KeyCode::Char('j'));
    assert_eq!(h.app.help_scroll, 1);
    h.key(KeyCode::Esc);
    assert_eq!(h.app.mode, Mode::Normal);
}

#[test]
fn opening_a_report_shows_it_in_the_regions_tree() {
    let mut h = started();
    h.key(KeyCode::Char('/'));
    h.keys("县域");
    h.key(KeyCode::Enter);
    assert_eq!(h.report_id(), "130600-2024");
    let sel = h.app.regions.rows[h.app.regions.cursor.selected];
    assert_eq!(
        sel,
        Row::Report {
            report: 3,
            depth: 2
        }
    );
}

//! Whole screens on `TestBackend` (insta snapshots at 80x24 and 120x40 with Chinese text),
//! tiny sizes without panics, and exact buffers for the wrapper.
//!
//! The `demo_*` snapshots are of the embedded demo corpus and change when the parser
//! does (review them with `cargo insta review`); the `fixture_*` ones use hand-made reports.

use std::sync::Arc;

use crate::common::{Harness, Source};
use crossterm::event::KeyCode;
use gwr::corpus::Corpus;
use gwr::search::Engine;
use gwr::tui::msg::Msg;
use gwr::tui::render::put;
use gwr::tui::wrap::wrap;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

pub(crate) fn demo_engine() -> Arc<Engine> {
    static ENGINE: std::sync::OnceLock<Arc<Engine>> = std::sync::OnceLock::new();
    ENGINE
        .get_or_init(|| {
            // Kept between runs (the engine brings it up to date), under target/tmp.
            let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("tui-snapshots-data");
            // Opened as the TUI opens it: the light list, entries read when needed.
            let opts = gwr::search::OpenOptions {
                catalog: gwr::search::CatalogLoad::Light,
                ..gwr::search::OpenOptions::default()
            };
            Arc::new(Engine::open_with(&Corpus::Demo, &dir, opts, &mut |_| {}).unwrap())
        })
        .clone()
}

pub(crate) fn demo(w: u16, h: u16) -> Harness {
    let mut h = Harness::new(Source::Engine(demo_engine()), w, h);
    h.start();
    h
}

/// The snapshot text of the current frame; never with hidden wide characters.
pub(crate) fn frame(h: &mut Harness) -> String {
    let text = h.draw();
    assert!(
        !text.contains("Hidden by multi-width symbols"),
        "a wide character was overwritten:\n{text}"
    );
    text
}

#[test]
fn demo_start() {
    for (w, ht) in [(80, 24), (120, 40)] {
        let mut h = demo(w, ht);
        let screen = frame(&mut h);
        // The first screen shows the regions with their years, the report's outline and
        // its text together; the focused pane (the reader) has the heavy border.
        let lines: Vec<&str> = screen.lines().collect();
        assert!(
            screen.contains("地区") && screen.contains("全国 2 2018–2024"),
            "{screen}"
        );
        assert!(
            screen.contains("目录") && screen.contains("前言"),
            "{screen}"
        );
        assert!(screen.contains("┏ 2024年国务院政府工作报告"), "{screen}");
        assert!(screen.contains("各位代表"), "{screen}");
        assert!(
            lines.iter().all(|l| !l.contains("Tab/")),
            "folded:\n{screen}"
        );
        assert_eq!(
            screen.matches('┏').count(),
            1,
            "one focused pane:\n{screen}"
        );
        insta::assert_snapshot!(format!("demo_start_{w}x{ht}"), screen);
    }
}

#[test]
fn demo_search_results_and_open_hit() {
    for (w, ht) in [(80, 24), (120, 40)] {
        let mut h = demo(w, ht);
        h.key(KeyCode::Char('/'));
        h.keys("乡村振兴");
        let screen = frame(&mut h);
        assert!(screen.contains("乡村振兴"));
        insta::assert_snapshot!(format!("demo_search_{w}x{ht}"), screen);
        h.key(KeyCode::Enter);
        insta::assert_snapshot!(format!("demo_open_hit_{w}x{ht}"), frame(&mut h));
    }
}

#[test]
fn demo_help_overlay() {
    for (w, ht) in [(80, 24), (120, 40)] {
        let mut h = demo(w, ht);
        h.key(KeyCode::Char('?'));
        let screen = frame(&mut h);
        assert!(screen.contains("Ctrl-d"));
        insta::assert_snapshot!(format!("demo_help_{w}x{ht}"), screen);
    }
}

/// The help in English (`GWR_LANG=en` or `lang = "en"`): every heading and action name.
#[test]
fn demo_help_overlay_in_english() {
    for (w, ht) in [(80, 24), (120, 40)] {
        let mut h = demo(w, ht);
        h.app.lang = gwr::lang::Lang::En;
        h.key(KeyCode::Char('?'));
        let screen = frame(&mut h);
        assert!(screen.contains("— Browsing —"), "{screen}");
        assert!(screen.contains("half a page down"), "{screen}");
        assert!(!screen.contains("浏览"), "{screen}");
        insta::assert_snapshot!(format!("demo_help_en_{w}x{ht}"), screen);
    }
}

/// Two marks set with m, listed with M: letter, citation, region and text.
#[test]
fn demo_marks_list() {
    for (w, ht) in [(80, 24), (120, 40)] {
        let mut h = demo(w, ht);
        h.key(KeyCode::Char('m'));
        h.key(KeyCode::Char('a'));
        assert!(
            h.app
                .message
                .as_deref()
                .unwrap_or("")
                .starts_with("已标记 a")
        );
        h.key(KeyCode::Char(']'));
        h.key(KeyCode::Char(']'));
        h.key(KeyCode::Char('m'));
        h.key(KeyCode::Char('b'));
        h.key(KeyCode::Char('M'));
        let screen = frame(&mut h);
        assert!(screen.contains(" a "), "{screen}");
        assert!(screen.contains(" b "), "{screen}");
        assert!(screen.contains('《'), "{screen}");
        insta::assert_snapshot!(format!("demo_marks_{w}x{ht}"), screen);
        // Enter on b goes there; Esc would have closed the list.
        h.key(KeyCode::Down);
        h.key(KeyCode::Enter);
        assert_eq!(h.app.mode, gwr::tui::focus::Mode::Normal);
    }
}

/// Ctrl-s in the search line: the whole corpus, then the open report's region (its
/// name in the prompt), then the open report; the results follow.
#[test]
fn demo_search_scope() {
    for (w, ht) in [(80, 24), (120, 40)] {
        let mut h = demo(w, ht);
        let region = h
            .app
            .reader
            .report
            .as_ref()
            .and_then(|r| r.meta.region.as_ref().map(|g| g.name.clone()))
            .unwrap();
        h.key(KeyCode::Char('/'));
        h.keys("发展");
        let all = h.app.search.results.as_ref().unwrap().total_reports;
        h.ctrl('s');
        let screen = frame(&mut h);
        assert!(
            screen.contains(&format!("/[本地区 {region}] 发展")),
            "{screen}"
        );
        // The demo opens on a national report: its region holds every other.
        let in_region = h.app.search.results.as_ref().unwrap().total_reports;
        assert_eq!(in_region, all);
        insta::assert_snapshot!(format!("demo_search_scope_region_{w}x{ht}"), screen);
        h.ctrl('s');
        let screen = frame(&mut h);
        assert!(screen.contains("/[本报告 "), "{screen}");
        assert_eq!(h.app.search.results.as_ref().unwrap().total_reports, 1);
        insta::assert_snapshot!(format!("demo_search_scope_report_{w}x{ht}"), screen);
        h.ctrl('s');
        assert!(frame(&mut h).contains("/发展"));
        assert_eq!(h.app.search.results.as_ref().unwrap().total_reports, all);
    }
}

#[test]
fn demo_narrow_fold() {
    // Below 60 columns one pane at a time.
    let mut h = demo(56, 24);
    h.key(KeyCode::Tab);
    let regions = frame(&mut h);
    // One pane, focused; the others named in its title.
    assert!(regions.contains("┏ 地区 Tab/2目录/3正文"), "{regions}");
    assert!(!regions.contains('┌'), "{regions}");
    insta::assert_snapshot!("demo_narrow_regions_56x24", regions);
    h.key(KeyCode::Tab);
    insta::assert_snapshot!("demo_narrow_outline_56x24", frame(&mut h));
}

#[test]
fn fixture_sections_and_hits() {
    for (w, ht) in [(80, 24), (120, 40)] {
        let mut h = Harness::fixture(w, ht);
        h.start();
        h.keys(":1.2");
        h.key(KeyCode::Enter);
        insta::assert_snapshot!(format!("fixture_section_{w}x{ht}"), frame(&mut h));
        h.key(KeyCode::Char('/'));
        h.keys("乡村振兴");
        insta::assert_snapshot!(format!("fixture_search_{w}x{ht}"), frame(&mut h));
        h.key(KeyCode::Enter);
        insta::assert_snapshot!(format!("fixture_open_hit_{w}x{ht}"), frame(&mut h));
    }
}

#[test]
fn fixture_picker() {
    let mut h = Harness::fixture(120, 40);
    h.start();
    h.key(KeyCode::Char('s'));
    h.keys("乡村");
    insta::assert_snapshot!("fixture_picker_120x40", frame(&mut h));
}

/// Results appear in the first frame drawn after the result message arrives.
#[test]
fn results_in_the_first_frame_after_the_answer() {
    let mut h = Harness::fixture(120, 40);
    h.start();
    h.hold_searches = true;
    h.key(KeyCode::Char('/'));
    h.keys("示范区");
    let before = h.draw();
    assert!(
        !before.contains("示范区建设"),
        "no results before the answer"
    );
    let res = h.source.search("示范区").unwrap();
    let generation = h.app.search.jobs.newest();
    h.send(Msg::SearchDone {
        generation,
        result: Ok(Arc::new(res)),
    });
    let after = h.draw();
    assert!(after.contains("示范区建设"), "{after}");
    assert!(after.contains("河北省 2024 §1.2"), "{after}");
}

#[test]
fn tiny_sizes_do_not_panic() {
    for (w, ht) in [(0, 0), (1, 1), (20, 5), (40, 10), (2, 30), (200, 3)] {
        let mut h = Harness::fixture(w, ht);
        h.start();
        frame(&mut h);
        for keys in [
            ":2.3\r",
            "]",
            "/乡村\r",
            "?",
            "\u{1b}s",
            "\u{1b}f保",
            "\u{1b}\t",
            "\t",
            "n",
        ] {
            for c in keys.chars() {
                let code = match c {
                    '\r' => KeyCode::Enter,
                    '\u{1b}' => KeyCode::Esc,
                    '\t' => KeyCode::Tab,
                    c => KeyCode::Char(c),
                };
                h.key(code);
            }
            frame(&mut h);
        }
    }
}

#[test]
fn cursor_sits_at_the_caret_for_input_methods() {
    let mut h = Harness::fixture(120, 40);
    h.start();
    h.key(KeyCode::Char('/'));
    h.keys("乡村a");
    h.draw();
    // "/" + 乡村 (4 columns) + "a" = column 6 on the last row.
    let pos = h.terminal.get_cursor_position().unwrap();
    assert_eq!((pos.x, pos.y), (6, 39));
}

fn symbols(buf: &Buffer) -> Vec<String> {
    buf.content()
        .iter()
        .map(|c| c.symbol().to_string())
        .collect()
}

fn wrapped_buffer(text: &str, width: u16, height: u16) -> Buffer {
    let mut buf = Buffer::empty(Rect::new(0, 0, width, height));
    for (y, r) in wrap(text, width as usize).into_iter().enumerate() {
        put(
            &mut buf,
            0,
            y as u16,
            width,
            &[(text[r].to_string(), Style::default())],
        );
    }
    buf
}

#[test]
fn wrapper_buffers_keep_punctuation_rules() {
    let buf = wrapped_buffer("一二三，四五", 6, 3);
    assert_eq!(
        symbols(&buf),
        symbols(&Buffer::with_lines(["一二  ", "三，四", "五    "]))
    );
    let buf = wrapped_buffer("发展（新质生产力）。", 8, 3);
    // 力 moves down with ） so that ） does not start the line.
    assert_eq!(
        symbols(&buf),
        symbols(&Buffer::with_lines(["发展（新", "质生产  ", "力）。  "]))
    );
    // Escapes in the text never reach the terminal.
    let buf = wrapped_buffer("a\u{1b}[2Jb", 8, 1);
    assert_eq!(
        symbols(&buf),
        symbols(&Buffer::with_lines(["a\u{fffd}[2Jb  "]))
    );
}

#[test]
fn status_line_shows_region_year_and_breadcrumb() {
    let mut h = Harness::fixture(120, 40);
    h.start();
    h.keys(":2.3");
    h.key(KeyCode::Enter);
    let screen = h.draw();
    let last = screen.lines().last().unwrap();
    assert!(
        last.starts_with(" 全国 2024 §2 今年工作安排 › §2.3 着力推进乡村振兴"),
        "{last:?}"
    );
    assert!(last.ends_with("? 帮助 "), "{last:?}");
}

/// Opens the report a query's first hit is in (`region:… year:…`), then the targets view.
fn targets_view(h: &mut Harness, query: &str) {
    h.key(KeyCode::Char('/'));
    h.keys(query);
    h.key(KeyCode::Enter);
    h.key(KeyCode::Char('t'));
}

#[test]
fn demo_targets_view_of_a_county_and_of_a_provinces_children() {
    for (w, ht) in [(80, 24), (120, 40)] {
        // 清苑区: six reports from 2008 to 2025; 2024 set 生产总值增长6%左右 and the 2025
        // report gives 同比增长6%以上 for 2024 (✓).
        let mut h = demo(w, ht);
        targets_view(&mut h, "region:清苑区 year:2024 生产总值");
        assert_eq!(h.report_id(), "130608-2024");
        let screen = frame(&mut h);
        assert!(screen.contains("目标与实绩 清苑区"), "{screen}");
        assert!(screen.contains("≈6% ≥6%✓"), "{screen}");
        assert!(
            screen.contains("2008") && screen.contains("2025"),
            "{screen}"
        );
        insta::assert_snapshot!(format!("demo_targets_county_{w}x{ht}"), screen);
        // 河北省 2024, with 保定市 and 清苑区 of 2024 under it.
        let mut h = demo(w, ht);
        targets_view(&mut h, "region:河北省 level:province year:2024 生产总值");
        assert_eq!(h.report_id(), "130000-2024");
        let screen = frame(&mut h);
        assert!(screen.contains("下级 2024"), "{screen}");
        assert!(
            screen.contains("保定市") && screen.contains("清苑区"),
            "{screen}"
        );
        insta::assert_snapshot!(format!("demo_targets_children_{w}x{ht}"), screen);
    }
}

#[test]
fn targets_view_enter_opens_the_report_at_the_figure() {
    let mut h = demo(80, 24);
    targets_view(&mut h, "region:清苑区 year:2024 生产总值");
    // Up to 2023 (7%), then the GDP column's Enter: the 2023 report at its target.
    h.key(KeyCode::Char('k'));
    h.key(KeyCode::Enter);
    assert_eq!(h.report_id(), "130608-2023");
    let (para, range) = h.app.reader.hits[0].clone();
    let report = h.app.reader.report.clone().unwrap();
    assert_eq!(&report.paragraphs[para].text[range], "地区生产总值增长7%");
    assert_eq!(h.app.reader.hit, Some(0));
    let screen = frame(&mut h);
    assert!(screen.contains("地区生产总值增长7%"), "{screen}");
    // → moves the indicator column; Esc closes the view.
    h.key(KeyCode::Char('t'));
    h.key(KeyCode::Right);
    assert_eq!(h.app.targets.column, 1);
    h.key(KeyCode::Esc);
    assert_eq!(h.app.mode, gwr::tui::focus::Mode::Normal);
}

#[test]
fn targets_view_at_tiny_sizes_and_without_colour() {
    for (w, ht) in [(0, 0), (1, 1), (20, 5), (40, 10), (200, 3)] {
        let mut h = demo(w, ht);
        targets_view(&mut h, "region:河北省 level:province year:2024 生产总值");
        let _ = frame(&mut h);
        h.key(KeyCode::Right);
        h.key(KeyCode::Down);
        let _ = frame(&mut h);
    }
    let mut h = demo(80, 24);
    h.app.theme = gwr::tui::theme::Theme {
        no_color: true,
        ..gwr::tui::theme::Theme::default()
    };
    targets_view(&mut h, "region:清苑区 year:2024 生产总值");
    let screen = frame(&mut h);
    // Met and missed are marks, and the selected column is bracketed: no colour needed.
    assert!(
        screen.contains('✓') && screen.contains("[生产总值]"),
        "{screen}"
    );
}

/// The TUI's engine (opened as `demo_engine` opens it, with the light list) never decodes
/// the whole catalog: a `section:` filter, the targets view and Enter on a figure, `<`,
/// a trend and keywords read the light list and single entries; and what they read is
/// what the whole catalog holds.
#[test]
fn the_tui_reads_single_entries_never_the_whole_catalog() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("tui-snapshots-data");
    let opts = gwr::search::OpenOptions {
        catalog: gwr::search::CatalogLoad::Light,
        ..gwr::search::OpenOptions::default()
    };
    let engine = Arc::new(Engine::open_with(&Corpus::Demo, &dir, opts, &mut |_| {}).unwrap());
    let mut h = Harness::new(Source::Engine(engine.clone()), 100, 30);
    h.start();
    h.key(KeyCode::Char('/'));
    h.keys("乡村振兴 section:乡村");
    let res = h.app.search.results.clone().unwrap();
    assert_eq!(res.total_paragraphs, 27, "as gwr search --count says");
    assert!(
        res.hits
            .iter()
            .all(|hit| hit.section_title.contains("乡村"))
    );
    h.ctrl('u');
    h.key(KeyCode::Esc);
    targets_view(&mut h, "region:河北省 level:province year:2024 生产总值");
    assert_eq!(h.report_id(), "130000-2024");
    assert_eq!(h.app.mode, gwr::tui::focus::Mode::Targets);
    assert!(frame(&mut h).contains("保定市"));
    h.key(KeyCode::Enter);
    assert_eq!(h.report_id(), "130000-2024");
    h.key(KeyCode::Char('<'));
    h.key(KeyCode::Char('K'));
    h.key(KeyCode::Esc);
    h.key(KeyCode::Char('/'));
    h.ctrl('u');
    h.keys("数字经济");
    h.ctrl('t');
    assert!(frame(&mut h).contains("数字经济"));
    assert!(
        !engine.catalog_decoded(),
        "the TUI decoded the whole catalog"
    );
    // What it read is the whole catalog's: the light list, and a targets table.
    let whole = Engine::open(&Corpus::Demo, &dir, &mut |_| {}).unwrap();
    let all = whole.catalog();
    assert_eq!(**engine.reports(), gwr::search::Reports::of(all));
    let from_whole = gwr::tui::targets::TargetsTable::read(
        &gwr::search::Reports::of(all),
        "130000",
        Some(2024),
        &mut |i| Ok(all.reports[i].targets.clone()),
    );
    assert_eq!(
        gwr::tui::worker::targets_table(&engine, "130000", Some(2024)),
        from_whole
    );
}

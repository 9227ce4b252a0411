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
            Arc::new(Engine::open(&Corpus::Demo, &dir, &mut |_| {}).unwrap())
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
        insta::assert_snapshot!(format!("demo_start_{w}x{ht}"), frame(&mut h));
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

#[test]
fn demo_narrow_fold() {
    let mut h = demo(80, 24);
    h.key(KeyCode::Tab);
    let regions = frame(&mut h);
    assert!(regions.contains("地区"));
    insta::assert_snapshot!("demo_narrow_regions_80x24", regions);
    h.key(KeyCode::Tab);
    insta::assert_snapshot!("demo_narrow_outline_80x24", frame(&mut h));
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

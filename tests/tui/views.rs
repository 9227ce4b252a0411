//! The analysis views on the demo corpus: a trend chart of two queries (80x24, 120x40),
//! by region, Enter on a year; a report's keywords; two years side by side, and `<` to walk.

use crossterm::event::KeyCode;
use gwr::tui::app::Mode;

use crate::common::Harness;
use crate::screens::{demo, frame};

/// Opens the first hit of `query` (hits come in report order in the harness).
fn open(h: &mut Harness, query: &str) {
    h.key(KeyCode::Char('/'));
    h.keys(query);
    h.key(KeyCode::Enter);
    assert_eq!(h.app.mode, Mode::Normal);
}

#[test]
fn trend_chart_of_two_queries() {
    for (w, ht) in [(80, 24), (120, 40)] {
        let mut h = demo(w, ht);
        h.key(KeyCode::Char('/'));
        h.keys("数字经济 | 互联网+");
        h.ctrl('t');
        assert_eq!(h.app.mode, Mode::View);
        let screen = frame(&mut h);
        // Both queries with their patterns, the years, and the selected (last) year's
        // figures: 数字经济 10 times in 2026 (gwr trend 数字经济 gives the same).
        assert!(
            screen.contains("██ 数字经济") && screen.contains("▒▒ 互联网+"),
            "{screen}"
        );
        // Both queries' figures, whole (at 80 columns the occurrences and the rate only).
        assert!(screen.contains("2026: 数字经济 10次 "), "{screen}");
        assert!(screen.contains("互联网+ 0次 "), "{screen}");
        assert!(screen.contains("0.00/万字"), "{screen}");
        insta::assert_snapshot!(format!("view_trend_{w}x{ht}"), screen);
    }
}

#[test]
fn trend_by_region_and_a_years_hits() {
    let mut h = demo(80, 24);
    h.key(KeyCode::Char('/'));
    h.keys("数字经济");
    h.ctrl('t');
    h.key(KeyCode::Char('r'));
    let screen = frame(&mut h);
    assert!(
        screen.contains("按地区排名") && screen.contains("  1. "),
        "{screen}"
    );
    insta::assert_snapshot!("view_trend_region_80x24", screen);
    h.key(KeyCode::Char('r'));
    // Back by year, on the last year; two years back is 2024; Enter lists its hits.
    h.key(KeyCode::Left);
    h.key(KeyCode::Left);
    h.key(KeyCode::Enter);
    assert_eq!(h.app.mode, Mode::Search);
    assert_eq!(h.app.search.input.text, "数字经济 year:2024");
    let res = h.app.search.results.clone().unwrap();
    assert_eq!(
        res.total_paragraphs, 6,
        "2024: 6 paragraphs, as the chart says"
    );
    assert!(res.hits.iter().all(|hit| hit.year == Some(2024)));
}

#[test]
fn keywords_of_a_report() {
    for (w, ht) in [(80, 24), (120, 40)] {
        let mut h = demo(w, ht);
        open(&mut h, "巴彦浩特 region:阿拉善左旗");
        assert_eq!(h.report_id(), "152921-2020");
        h.key(KeyCode::Char('K'));
        let screen = frame(&mut h);
        assert!(
            screen.contains("阿拉善") && screen.contains("乌力吉"),
            "{screen}"
        );
        insta::assert_snapshot!(format!("view_keywords_{w}x{ht}"), screen);
        h.key(KeyCode::Esc);
        assert_eq!(h.app.mode, Mode::Normal);
    }
}

#[test]
fn two_years_side_by_side() {
    for (w, ht) in [(80, 24), (120, 40)] {
        let mut h = demo(w, ht);
        open(&mut h, "西丽湖 region:南山区 year:2023");
        assert_eq!(h.report_id(), "440305-2023");
        h.key(KeyCode::Char('D'));
        let screen = frame(&mut h);
        assert!(
            screen.contains("2022年南山区") && screen.contains("2023年南山区"),
            "{screen}"
        );
        assert!(screen.contains("新词"), "{screen}");
        // From 120 columns a changed section's two headings stand on one row.
        let paired = screen.lines().any(|l| l.matches("改动").count() == 2);
        assert_eq!(paired, w >= 120, "side by side at {w}:\n{screen}");
        insta::assert_snapshot!(format!("view_diff_{w}x{ht}"), screen);
        // A year back: 2018 beside 2022.
        h.key(KeyCode::Char('<'));
        let screen = frame(&mut h);
        assert!(
            screen.contains("2018年南山区") && screen.contains("2022年南山区"),
            "{screen}"
        );
    }
}

#[test]
fn defined_terms_are_marked_and_w_shows_their_definitions() {
    let mut h = demo(80, 24);
    let engine = crate::screens::demo_engine();
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("tui-analysis-data");
    let profiles = gwr::analysis::profile::Profiles::open(&engine, &dir, &mut |_, _| {}).unwrap();
    let defs = gwr::analysis::glossary::definitions(engine.reports(), &profiles, None);
    h.send(gwr::tui::msg::Msg::Glossary(std::sync::Arc::new(
        gwr::analysis::glossary::Glossary::new(defs),
    )));
    // 南山区 2022, the paragraph with “配置2000台AED” (AED is in its 名词解释).
    open(&mut h, "2000台AED");
    assert_eq!(h.report_id(), "440305-2022");
    h.key(KeyCode::Esc);
    let text = frame(&mut h);
    let buf = h.terminal.backend().buffer().clone();
    // Some cell of a term on screen is underlined (the hit itself is reversed instead).
    let underlined = (0..buf.area.height).any(|y| {
        (0..buf.area.width).any(|x| {
            buf[(x, y)]
                .modifier
                .contains(ratatui::style::Modifier::UNDERLINED)
        })
    });
    assert!(underlined, "no defined term marked:\n{text}");
    h.key(KeyCode::Char('w'));
    assert_eq!(h.app.mode, Mode::View);
    let screen = frame(&mut h);
    // Both reports' definitions of AED, read in the files (2022 line 95, 2024 line 93).
    assert!(screen.contains("AED：自动体外除颤器"), "{screen}");
    assert!(screen.contains("440305-2022 第95段"), "{screen}");
    assert!(screen.contains("AED：即自动体外除颤器"), "{screen}");
    insta::assert_snapshot!("view_glossary_80x24", screen);
}

/// The workers' messages come in the interface's language: a keywords request for a report
/// that is not in the catalog says so in English when the interface is English.
#[test]
fn worker_errors_follow_the_interface_language() {
    use gwr::lang::Lang;
    use gwr::tui::view::Request;
    let engine = crate::screens::demo_engine();
    let request = Request::Keywords {
        report: "000000-1999".to_string(),
    };
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("tui-analysis-data");
    let profiles = gwr::analysis::profile::Profiles::open(&engine, &dir, &mut |_, _| {}).unwrap();
    let said = |lang| gwr::tui::worker::analyse(&engine, Some(&profiles), &request, lang).err();
    assert_eq!(
        said(Lang::En).as_deref(),
        Some("No report with id 000000-1999")
    );
    assert_eq!(
        said(Lang::Zh).as_deref(),
        Some("没有编号为 000000-1999 的报告")
    );
}

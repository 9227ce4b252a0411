//! Marks, copying and the search scope through `update`: `m` + letter sets a mark that a
//! save command carries, `'` + letter comes back to it from another report, `y` / `Y`
//! ask the host to copy the paragraph or section with its citation, and `Ctrl-s` /
//! `Ctrl-o` in the search line change the query's scope and the results' order; a filter
//! value that names nothing is said on the screen.

use crate::common::Harness;
use crossterm::event::KeyCode;
use gwr::lang::Lang;
use gwr::tui::msg::{Cmd, Msg};
use gwr::tui::state::Saved;

/// The demo corpus opened at 河北省 2024, paragraph `p` (numbered sections, read by hand:
/// paragraph 30 is 精准发力促进消费提振, the fourth of 二、（二）, whose heading runs into
/// paragraph 27).
fn hebei_at(p: usize) -> Harness {
    static ENGINE: std::sync::OnceLock<std::sync::Arc<gwr::search::Engine>> =
        std::sync::OnceLock::new();
    let engine = ENGINE
        .get_or_init(|| {
            let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("tui-marks-data");
            std::sync::Arc::new(
                gwr::search::Engine::open(&gwr::corpus::Corpus::Demo, &dir, &mut |_| {}).unwrap(),
            )
        })
        .clone();
    let mut h = Harness::new(crate::common::Source::Engine(engine), 120, 40);
    h.app.restore = Some(Saved {
        report: "130000-2024".to_string(),
        paragraph: p,
    });
    h.start();
    assert_eq!(h.report_id(), "130000-2024");
    assert_eq!(h.top_para(), p);
    h
}

/// The fixture opened at 保定市 2024, paragraph `p`.
fn at(p: usize) -> Harness {
    let mut h = Harness::fixture(120, 40);
    h.app.restore = Some(Saved {
        report: "130600-2024".to_string(),
        paragraph: p,
    });
    h.start();
    assert_eq!(h.report_id(), "130600-2024");
    h
}

#[test]
fn a_mark_is_set_saved_and_followed_across_reports() {
    let mut h = hebei_at(30);
    h.cmds.clear();
    h.key(KeyCode::Char('m'));
    h.key(KeyCode::Char('q'));
    assert_eq!(h.app.message.as_deref(), Some("已标记 q: 二、（二）第4段"));
    let saved = h.cmds.iter().find_map(|c| match c {
        Cmd::SaveMarks(m) => Some(m.clone()),
        _ => None,
    });
    let m = saved.expect("a save command").get('q').cloned().unwrap();
    assert_eq!(m.citation(), "《2024年河北省政府工作报告》二、（二）第4段");
    assert!(m.text.starts_with("精准发力促进消费提振"));
    assert_eq!(m.region, "河北省");

    // Elsewhere (another report), ' q comes back.
    h.key(KeyCode::Char('<'));
    assert_eq!(h.report_id(), "130000-2023");
    h.key(KeyCode::Char('\''));
    h.key(KeyCode::Char('q'));
    assert_eq!(h.report_id(), "130000-2024");
    assert_eq!(h.top_para(), 30);

    // An unset letter says so; Esc after m sets nothing.
    h.key(KeyCode::Char('\''));
    h.key(KeyCode::Char('z'));
    assert_eq!(h.app.message.as_deref(), Some("没有标记 z: 用 mz 标记一段"));
    h.key(KeyCode::Char('m'));
    h.key(KeyCode::Esc);
    assert_eq!(h.app.marks.len(), 1);
    // The list deletes.
    h.key(KeyCode::Char('M'));
    h.key(KeyCode::Char('d'));
    assert!(h.app.marks.is_empty());
}

#[test]
fn y_and_shift_y_copy_with_the_citation() {
    let mut h = hebei_at(30);
    let text = h.app.reader.report.as_ref().unwrap().paragraphs[30]
        .text
        .clone();
    assert!(text.starts_with("精准发力促进消费提振"));
    h.cmds.clear();
    h.key(KeyCode::Char('y'));
    assert_eq!(
        h.cmds,
        vec![Cmd::Copy {
            text: format!("{text}\n——《2024年河北省政府工作报告》二、（二）第4段"),
            what: "本段".to_string(),
        }]
    );
    h.cmds.clear();
    h.key(KeyCode::Char('Y'));
    let Some(Cmd::Copy { text, .. }) = h.cmds.first() else {
        panic!("{:?}", h.cmds);
    };
    assert!(text.starts_with("（二）充分挖掘内需潜力"), "{text}");
    assert!(text.contains("\n精准发力促进消费提振"), "{text}");
    assert!(
        text.ends_with("\n——《2024年河北省政府工作报告》二、（二）"),
        "{text}"
    );
    // What the host did comes back as a message, in the interface's language.
    h.send(Msg::Copied {
        result: Ok(42),
        what: "本段".into(),
    });
    assert_eq!(h.app.message.as_deref(), Some("已复制本段 42 字 (OSC 52)"));
    h.app.lang = Lang::En;
    h.send(Msg::Copied {
        result: Err(gwr::clipboard::CopyError::Unsupported("linux".into())),
        what: String::new(),
    });
    assert!(
        h.app
            .message
            .as_deref()
            .unwrap()
            .starts_with("This terminal (TERM=linux) has no clipboard sequence")
    );
}

#[test]
fn the_search_scope_and_order_change_the_query_and_the_list() {
    let mut h = at(0);
    h.key(KeyCode::Char('/'));
    h.keys("乡村振兴");
    let all = h.app.search.results.as_ref().unwrap().total_reports;
    assert_eq!(all, 4);
    h.cmds.clear();
    h.ctrl('s');
    assert!(
        matches!(h.cmds.last(), Some(Cmd::Search { query, .. }) if query == "乡村振兴 region:130600"),
        "{:?}",
        h.cmds
    );
    h.ctrl('s');
    assert!(
        matches!(h.cmds.last(), Some(Cmd::Search { query, .. }) if query == "乡村振兴 report:130600-2024"),
        "{:?}",
        h.cmds
    );
    h.ctrl('s');
    assert!(matches!(h.cmds.last(), Some(Cmd::Search { query, .. }) if query == "乡村振兴"));
    // Order by year: newest first; by region: grouped by name.
    h.ctrl('o');
    let years: Vec<Option<u16>> = h
        .app
        .search
        .results
        .as_ref()
        .unwrap()
        .hits
        .iter()
        .map(|x| x.year)
        .collect();
    let mut sorted = years.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(years, sorted);
    h.ctrl('o');
    let regions: Vec<String> = h
        .app
        .search
        .results
        .as_ref()
        .unwrap()
        .hits
        .iter()
        .map(|x| x.region.clone())
        .collect();
    let mut sorted = regions.clone();
    sorted.sort();
    assert_eq!(regions, sorted);
}

#[test]
fn an_unknown_filter_value_is_said_in_the_search_pane() {
    let mut h = hebei_at(0);
    h.key(KeyCode::Char('/'));
    h.keys("发展 region:火星");
    let screen = h.draw();
    assert!(
        screen.contains("region:火星 不是本语料中的地区"),
        "{screen}"
    );
    assert!(h.app.search.error.is_some());
}

//! `update`: the only place the state changes. A message in, commands out.

use std::sync::Arc;

use crossterm::event::KeyEventKind;
use ratatui::layout::Rect;

use super::app::{App, IndexState, Jump, Pane};
use super::input::Input;
use super::keymap::{Action, Mode, keymap};
use super::layout::areas;
use super::msg::{Cmd, Msg};
use super::regions::{RegionTree, Row};
use super::wrap::Wrapped;
use crate::corpus::{Level, Report};
use crate::search::{Catalog, Progress, Query};

/// Wrapped reports kept for quick switching (report × width).
const WRAP_CACHE: usize = 6;

/// Applies a message to the state and returns the work it asks for.
pub fn update(app: &mut App, msg: Msg) -> Vec<Cmd> {
    let mut cmds = Vec::new();
    match msg {
        Msg::Key(ev) => {
            if ev.kind != KeyEventKind::Release {
                if let Some(action) = keymap(ev, app.mode) {
                    act(app, action, &mut cmds);
                }
            }
        }
        Msg::Paste(text) => paste(app, &text, &mut cmds),
        Msg::Resize(w, h) => app.size = Rect::new(0, 0, w, h),
        Msg::Scroll(d) => {
            if app.mode == Mode::Normal {
                scroll_reader(app, 3 * i64::from(d));
            }
        }
        Msg::Progress(p) => match p {
            Progress::Parsing { done, total } => app.index = IndexState::Parsing { done, total },
            Progress::Catalog(c) => set_catalog(app, &c, &mut cmds),
            Progress::Segmenting { done, total } => {
                app.index = IndexState::Segmenting { done, total };
            }
            Progress::Indexing { done, total } => app.index = IndexState::Indexing { done, total },
            Progress::Waiting => app.index = IndexState::Waiting,
            Progress::Ready => app.index = IndexState::Ready,
        },
        Msg::Notice(text) => app.message = Some(text),
        Msg::EngineReady => {
            app.engine_ready = true;
            app.index = IndexState::Ready;
        }
        Msg::EngineFailed(e) => {
            app.message = Some(format!("索引不可用: {e}"));
            app.index = IndexState::Failed(e);
        }
        Msg::ReportLoaded { generation, report } => {
            if generation == app.report_generation {
                let jump = match app.reader.loading.take() {
                    Some((id, jump)) if id == report.meta.id => jump,
                    _ => Jump::Paragraph(0),
                };
                show_report(app, report, &jump, &mut cmds);
            }
        }
        Msg::ReportFailed { generation, error } => {
            if generation == app.report_generation {
                app.reader.loading = None;
                app.message = Some(error);
            }
        }
        Msg::SearchDone { generation, result } => {
            // An answer to an older query: a newer one is on its way.
            if generation == app.search.generation {
                app.search.shown = generation;
                match result {
                    Ok(res) => {
                        app.search.results = Some(res);
                        app.search.error = None;
                        app.search.selected = 0;
                        app.search.scroll = 0;
                        app.search.opened = None;
                    }
                    Err(e) => app.search.error = Some(e),
                }
            }
        }
        Msg::Terminate => quit(app, &mut cmds),
    }
    sync(app);
    cmds
}

fn quit(app: &mut App, cmds: &mut Vec<Cmd>) {
    app.quit = true;
    if let Some(s) = app.saved() {
        cmds.push(Cmd::Save(s));
    }
}

fn paste(app: &mut App, text: &str, cmds: &mut Vec<Cmd>) {
    if app.mode == Mode::Normal {
        // Pasting while browsing starts a search for the pasted text.
        app.mode = Mode::Search;
        app.search.input.clear();
    }
    if let Some(input) = active_input(app) {
        input.insert(text);
        input_changed(app, cmds);
    }
}

fn active_input(app: &mut App) -> Option<&mut Input> {
    match app.mode {
        Mode::Search => Some(&mut app.search.input),
        Mode::Filter => Some(&mut app.regions.filter),
        Mode::Goto => Some(&mut app.goto),
        Mode::Picker => Some(&mut app.picker.input),
        Mode::Normal | Mode::Help => None,
    }
}

fn act(app: &mut App, action: Action, cmds: &mut Vec<Cmd>) {
    app.message = None;
    match action {
        Action::Quit => return quit(app, cmds),
        Action::Suspend => return cmds.push(Cmd::Suspend),
        _ => {}
    }
    match app.mode {
        Mode::Help => match action {
            Action::Cancel | Action::Help => app.mode = Mode::Normal,
            Action::Down => app.help_scroll += 1,
            Action::Up => app.help_scroll = app.help_scroll.saturating_sub(1),
            _ => {}
        },
        Mode::Search | Mode::Filter | Mode::Goto | Mode::Picker => line_action(app, action, cmds),
        Mode::Normal => normal_action(app, action, cmds),
    }
}

fn line_action(app: &mut App, action: Action, cmds: &mut Vec<Cmd>) {
    let edited = {
        let Some(input) = active_input(app) else {
            return;
        };
        match action {
            Action::Char(c) => {
                input.insert(c.encode_utf8(&mut [0; 4]));
                true
            }
            Action::Backspace => input.backspace(),
            Action::Delete => input.delete(),
            Action::ClearLine => {
                input.clear();
                true
            }
            Action::CaretLeft => {
                input.left();
                false
            }
            Action::CaretRight => {
                input.right();
                false
            }
            Action::CaretHome => {
                input.home();
                false
            }
            Action::CaretEnd => {
                input.end();
                false
            }
            _ => false,
        }
    };
    if edited {
        return input_changed(app, cmds);
    }
    let page = list_height(app).max(1);
    match (app.mode, action) {
        (Mode::Search, Action::Submit) => {
            app.mode = Mode::Normal;
            if app
                .search
                .results
                .as_ref()
                .is_some_and(|r| !r.hits.is_empty())
            {
                open_hit(app, app.search.selected, true, cmds);
            }
        }
        (Mode::Search, Action::Down) => move_result(app, 1),
        (Mode::Search, Action::Up) => move_result(app, -1),
        (Mode::Search, Action::PageDown) => move_result(app, page as i64 / 2),
        (Mode::Search, Action::PageUp) => move_result(app, -(page as i64 / 2)),
        (Mode::Picker, Action::Down) => {
            app.picker.selected =
                (app.picker.selected + 1).min(app.picker.matches.len().saturating_sub(1));
        }
        (Mode::Picker, Action::Up) => app.picker.selected = app.picker.selected.saturating_sub(1),
        (Mode::Picker, Action::PageDown) => {
            app.picker.selected =
                (app.picker.selected + page).min(app.picker.matches.len().saturating_sub(1));
        }
        (Mode::Picker, Action::PageUp) => {
            app.picker.selected = app.picker.selected.saturating_sub(page);
        }
        (Mode::Picker, Action::Submit) => {
            app.mode = Mode::Normal;
            if let Some(&s) = app.picker.matches.get(app.picker.selected) {
                jump_to_section(app, s);
            }
        }
        (Mode::Goto, Action::Submit) => {
            app.mode = Mode::Normal;
            let path = app
                .goto
                .text
                .trim()
                .trim_start_matches([':', '§'])
                .trim()
                .to_string();
            let found = app
                .reader
                .report
                .as_ref()
                .and_then(|r| r.section_by_path(&path));
            match found {
                Some(s) => jump_to_section(app, s),
                None => app.message = Some(format!("没有编号为 {path} 的章节")),
            }
        }
        (Mode::Filter, Action::Cancel) => {
            app.mode = Mode::Normal;
            app.regions.filter.clear();
            rebuild_regions(app);
        }
        (Mode::Filter, Action::Submit) | (_, Action::Cancel) => app.mode = Mode::Normal,
        _ => {}
    }
}

fn move_result(app: &mut App, by: i64) {
    let n = app.search.results.as_ref().map_or(0, |r| r.hits.len());
    app.search.selected = step(app.search.selected, by, n);
}

fn step(cur: usize, by: i64, len: usize) -> usize {
    if len == 0 {
        return 0;
    }
    let next = cur as i64 + by;
    next.clamp(0, len as i64 - 1) as usize
}

fn input_changed(app: &mut App, cmds: &mut Vec<Cmd>) {
    match app.mode {
        Mode::Search => search_changed(app, cmds),
        Mode::Filter => {
            rebuild_regions(app);
            app.regions.selected = 0;
            app.regions.scroll = 0;
        }
        Mode::Picker => picker_changed(app),
        _ => {}
    }
}

/// A new query: a new generation; older answers will be dropped when they arrive.
fn search_changed(app: &mut App, cmds: &mut Vec<Cmd>) {
    app.search.generation += 1;
    let query = app.search.input.text.trim().to_string();
    if query.is_empty() {
        app.search.results = None;
        app.search.error = None;
        app.search.shown = app.search.generation;
        return;
    }
    cmds.push(Cmd::Search {
        generation: app.search.generation,
        query,
    });
}

fn picker_changed(app: &mut App) {
    let Some(report) = app.reader.report.clone() else {
        app.picker.matches.clear();
        return;
    };
    let needle = app.picker.input.text.trim().to_lowercase();
    let mut scored: Vec<(i64, usize)> = report
        .sections
        .iter()
        .enumerate()
        .filter_map(|(i, s)| {
            let hay = format!("{} {}", s.path, s.title).to_lowercase();
            fuzzy_score(&hay, &needle).map(|sc| (sc, i))
        })
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    app.picker.matches = scored.into_iter().map(|(_, i)| i).collect();
    app.picker.selected = 0;
}

/// A fuzzy match score: every needle character in order in `hay`, runs and early starts
/// scoring higher. `None` when the needle is not a subsequence.
#[must_use]
pub fn fuzzy_score(hay: &str, needle: &str) -> Option<i64> {
    if needle.is_empty() {
        return Some(0);
    }
    let hay: Vec<char> = hay.chars().collect();
    let mut score = 0i64;
    let mut pos = 0usize;
    let mut last: Option<usize> = None;
    for c in needle.chars().filter(|c| !c.is_whitespace()) {
        let found = hay[pos..].iter().position(|h| *h == c)? + pos;
        score += 10;
        match last {
            Some(l) if found == l + 1 => score += 15,
            Some(l) => score -= (found - l) as i64,
            None => score -= found as i64,
        }
        last = Some(found);
        pos = found + 1;
    }
    Some(score - hay.len() as i64 / 8)
}

fn normal_action(app: &mut App, action: Action, cmds: &mut Vec<Cmd>) {
    let height = pane_height(app, app.focus).max(1);
    match action {
        Action::Help => {
            app.mode = Mode::Help;
            app.help_scroll = 0;
        }
        Action::NextPane | Action::PrevPane => {
            let i = Pane::ALL.iter().position(|p| *p == app.focus).unwrap_or(2);
            let next = if action == Action::NextPane {
                (i + 1) % 3
            } else {
                (i + 2) % 3
            };
            app.focus = Pane::ALL[next];
        }
        Action::FocusPane(n) => app.focus = Pane::ALL[usize::from(n.clamp(1, 3)) - 1],
        Action::Up => move_in_pane(app, -1),
        Action::Down => move_in_pane(app, 1),
        Action::HalfPageDown => move_in_pane(app, height as i64 / 2),
        Action::HalfPageUp => move_in_pane(app, -(height as i64 / 2)),
        Action::PageDown => move_in_pane(app, height as i64),
        Action::PageUp => move_in_pane(app, -(height as i64)),
        Action::Top => move_in_pane(app, i64::MIN / 2),
        Action::Bottom => match app.focus {
            Pane::Reader => {
                let total = app.reader.wrapped.as_ref().map_or(0, |w| w.lines.len());
                app.reader.top = total.saturating_sub(height);
            }
            _ => move_in_pane(app, i64::MAX / 2),
        },
        Action::Collapse => collapse(app),
        Action::Expand => expand(app),
        Action::Select => select(app, cmds),
        Action::NextSection => section_jump(app, true, false),
        Action::PrevSection => section_jump(app, false, false),
        Action::NextTopSection => section_jump(app, true, true),
        Action::PrevTopSection => section_jump(app, false, true),
        Action::StartGoto => {
            app.mode = Mode::Goto;
            app.goto.clear();
        }
        Action::StartSearch => {
            app.mode = Mode::Search;
            app.search.input.end();
        }
        Action::StartFilter => {
            app.mode = Mode::Filter;
            app.focus = Pane::Regions;
            app.regions.filter.end();
        }
        Action::StartPicker => {
            app.mode = Mode::Picker;
            app.picker.input.clear();
            picker_changed(app);
        }
        Action::NextHit => next_hit(app, true, cmds),
        Action::PrevHit => next_hit(app, false, cmds),
        Action::PrevYear => other_year(app, false, cmds),
        Action::NextYear => other_year(app, true, cmds),
        _ => {}
    }
}

fn pane_height(app: &App, pane: Pane) -> usize {
    let h = areas(app).height(pane);
    if h == 0 {
        app.size.height.saturating_sub(3) as usize
    } else {
        h
    }
}

fn list_height(app: &App) -> usize {
    // Search results take two lines each under a header line.
    pane_height(app, Pane::Reader).saturating_sub(1) / 2
}

fn move_in_pane(app: &mut App, by: i64) {
    match app.focus {
        Pane::Regions => {
            app.regions.selected = step(app.regions.selected, by, app.regions.rows.len());
        }
        Pane::Outline => {
            app.outline.selected = step(app.outline.selected, by, app.outline.rows.len());
        }
        Pane::Reader => scroll_reader(app, by),
    }
}

fn scroll_reader(app: &mut App, by: i64) {
    let total = app.reader.wrapped.as_ref().map_or(0, |w| w.lines.len());
    app.reader.top = step(app.reader.top, by, total);
}

fn collapse(app: &mut App) {
    match app.focus {
        Pane::Regions => match app.regions.rows.get(app.regions.selected).copied() {
            Some(Row::Node { node, .. }) => {
                if !app.regions.expanded.remove(&node) {
                    if let Some(p) = app.regions.tree.parent(node) {
                        select_region_row(app, Row::Node { node: p, depth: 0 });
                    }
                }
                rebuild_regions(app);
            }
            Some(Row::Report { report, .. }) => {
                if let Some(&node) = app.regions.tree.path_to_report(report).last() {
                    select_region_row(app, Row::Node { node, depth: 0 });
                }
            }
            None => {}
        },
        Pane::Outline => {
            let Some(&s) = app.outline.rows.get(app.outline.selected) else {
                return;
            };
            let Some(report) = app.reader.report.clone() else {
                return;
            };
            if !report.sections[s].children.is_empty() && app.outline.collapsed.insert(s) {
                rebuild_outline(app);
            } else if let Some(p) = report.sections[s].parent {
                if let Some(row) = app.outline.rows.iter().position(|r| *r == p) {
                    app.outline.selected = row;
                }
            }
        }
        Pane::Reader => {}
    }
}

fn expand(app: &mut App) {
    match app.focus {
        Pane::Regions => {
            if let Some(Row::Node { node, .. }) =
                app.regions.rows.get(app.regions.selected).copied()
            {
                app.regions.expanded.insert(node);
                rebuild_regions(app);
            }
        }
        Pane::Outline => {
            if let Some(&s) = app.outline.rows.get(app.outline.selected) {
                if app.outline.collapsed.remove(&s) {
                    rebuild_outline(app);
                }
            }
        }
        Pane::Reader => {}
    }
}

fn select(app: &mut App, cmds: &mut Vec<Cmd>) {
    match app.focus {
        Pane::Regions => match app.regions.rows.get(app.regions.selected).copied() {
            Some(Row::Node { node, .. }) => {
                if !app.regions.expanded.remove(&node) {
                    app.regions.expanded.insert(node);
                }
                rebuild_regions(app);
            }
            Some(Row::Report { report, .. }) => {
                if let Some(id) = app
                    .catalog
                    .as_ref()
                    .map(|c| c.reports[report].meta.id.clone())
                {
                    open_report(app, &id, Jump::Paragraph(0), cmds);
                    app.focus = Pane::Reader;
                }
            }
            None => {}
        },
        Pane::Outline => {
            if let Some(&s) = app.outline.rows.get(app.outline.selected) {
                jump_to_section(app, s);
                if areas(app).narrow {
                    app.focus = Pane::Reader;
                }
            }
        }
        Pane::Reader => {}
    }
}

fn select_region_row(app: &mut App, row: Row) {
    let node_of = |r: &Row| match r {
        Row::Node { node, .. } => Some(*node),
        Row::Report { .. } => None,
    };
    if let Some(i) = app.regions.rows.iter().position(|r| match (r, row) {
        (Row::Report { report: a, .. }, Row::Report { report: b, .. }) => *a == b,
        _ => node_of(r).is_some() && node_of(r) == node_of(&row),
    }) {
        app.regions.selected = i;
    }
}

fn rebuild_regions(app: &mut App) {
    let Some(catalog) = app.catalog.clone() else {
        return;
    };
    let keep = app.regions.rows.get(app.regions.selected).copied();
    app.regions.rows =
        app.regions
            .tree
            .rows(&app.regions.expanded, &app.regions.filter.text, &catalog);
    if let Some(row) = keep {
        select_region_row(app, row);
    }
}

fn rebuild_outline(app: &mut App) {
    let Some(report) = app.reader.report.clone() else {
        app.outline.rows.clear();
        return;
    };
    let keep = app.outline.rows.get(app.outline.selected).copied();
    let hidden = |mut s: usize| {
        while let Some(p) = report.sections[s].parent {
            if app.outline.collapsed.contains(&p) {
                return true;
            }
            s = p;
        }
        false
    };
    app.outline.rows = (0..report.sections.len()).filter(|s| !hidden(*s)).collect();
    if let Some(k) = keep {
        if let Some(i) = app.outline.rows.iter().position(|r| *r == k) {
            app.outline.selected = i;
        }
    }
}

fn set_catalog(app: &mut App, catalog: &Arc<Catalog>, cmds: &mut Vec<Cmd>) {
    let tree = RegionTree::build(catalog);
    app.regions.expanded.clear();
    if tree.roots.len() == 1 {
        app.regions.expanded.insert(tree.roots[0]);
    }
    app.regions.tree = tree;
    app.regions.rows.clear();
    app.regions.selected = 0;
    app.catalog = Some(catalog.clone());
    rebuild_regions(app);
    if app.reader.report.is_some() || app.reader.loading.is_some() {
        return;
    }
    if catalog.reports.is_empty() {
        app.message = Some("语料中没有报告".to_string());
        return;
    }
    if let Some(saved) = app.restore.take() {
        if catalog.get(&saved.report).is_some() {
            return open_report(app, &saved.report, Jump::Paragraph(saved.paragraph), cmds);
        }
    }
    // First launch: the newest national report, else the first report.
    let first = catalog
        .reports
        .iter()
        .filter(|r| {
            r.meta
                .region
                .as_ref()
                .is_some_and(|g| g.level == Level::National)
        })
        .max_by_key(|r| r.meta.year)
        .unwrap_or(&catalog.reports[0]);
    let id = first.meta.id.clone();
    open_report(app, &id, Jump::Paragraph(0), cmds);
}

/// Opens a report (asking the runtime to load it unless it is the one shown).
fn open_report(app: &mut App, id: &str, jump: Jump, cmds: &mut Vec<Cmd>) {
    if let Some(report) = app.reader.report.clone() {
        if report.meta.id == id {
            apply_jump(app, &jump);
            return;
        }
    }
    app.report_generation += 1;
    app.reader.loading = Some((id.to_string(), jump));
    cmds.push(Cmd::LoadReport {
        generation: app.report_generation,
        id: id.to_string(),
    });
}

fn show_report(app: &mut App, report: Arc<Report>, jump: &Jump, cmds: &mut Vec<Cmd>) {
    app.outline.collapsed = report
        .sections
        .iter()
        .enumerate()
        .filter(|(_, s)| s.level >= 2 && !s.children.is_empty())
        .map(|(i, _)| i)
        .collect();
    app.outline.selected = 0;
    app.outline.scroll = 0;
    app.reader.report = Some(report);
    app.reader.wrapped = None;
    app.reader.top = 0;
    app.reader.hit = None;
    rebuild_outline(app);
    ensure_wrapped(app);
    compute_hits(app);
    apply_jump(app, jump);
    // Show the report in the regions tree.
    if let Some(ri) = app.current_report_index() {
        let path = app.regions.tree.path_to_report(ri);
        let mut changed = false;
        for n in path {
            changed |= app.regions.expanded.insert(n);
        }
        if changed {
            rebuild_regions(app);
        }
        select_region_row(
            app,
            Row::Report {
                report: ri,
                depth: 0,
            },
        );
    }
    if let Some(s) = app.saved() {
        cmds.push(Cmd::Save(s));
    }
}

fn compute_hits(app: &mut App) {
    app.reader.hits.clear();
    app.reader.hit = None;
    let (Some(report), Some(q)) = (app.reader.report.as_ref(), app.reader.query.as_ref()) else {
        return;
    };
    let Ok(query) = Query::parse(q) else { return };
    for (i, p) in report.paragraphs.iter().enumerate() {
        for r in query.highlight(&p.text) {
            app.reader.hits.push((i, r));
        }
    }
}

fn apply_jump(app: &mut App, jump: &Jump) {
    match jump {
        Jump::Paragraph(p) => jump_to_paragraph(app, *p),
        Jump::Section(path) => {
            let s = app
                .reader
                .report
                .as_ref()
                .and_then(|r| r.section_by_path(path));
            match s {
                Some(s) => jump_to_section(app, s),
                None => jump_to_paragraph(app, 0),
            }
        }
        Jump::Hit { paragraph, first } => {
            let hits = &app.reader.hits;
            let h = if *first {
                hits.iter().position(|(p, _)| p >= paragraph)
            } else {
                hits.len().checked_sub(1)
            };
            match h {
                Some(h) => goto_hit(app, h),
                None => jump_to_paragraph(app, *paragraph),
            }
        }
    }
}

fn jump_to_paragraph(app: &mut App, p: usize) {
    if let Some(w) = app.reader.wrapped.as_ref() {
        app.reader.top = w.para_start.get(p).copied().unwrap_or(0);
    }
}

fn jump_to_section(app: &mut App, s: usize) {
    let Some(first) = app
        .reader
        .report
        .as_ref()
        .and_then(|r| r.sections.get(s))
        .map(|s| s.first_paragraph)
    else {
        return;
    };
    jump_to_paragraph(app, first);
}

fn goto_hit(app: &mut App, h: usize) {
    app.reader.hit = Some(h);
    let (para, range) = app.reader.hits[h].clone();
    let height = pane_height(app, Pane::Reader);
    if let Some(w) = app.reader.wrapped.as_ref() {
        let line = w.line_of(para, range.start);
        if line < app.reader.top || line >= app.reader.top + height {
            // Show the hit near the top, with its paragraph's start when that fits.
            let start = w.para_start[para];
            app.reader.top = if line - start < height / 2 {
                start
            } else {
                line.saturating_sub(2)
            };
        }
    }
}

fn section_jump(app: &mut App, forward: bool, top_level: bool) {
    let (Some(report), Some(cur)) = (app.reader.report.clone(), app.top_paragraph()) else {
        return;
    };
    let eligible = report
        .sections
        .iter()
        .filter(|s| !top_level || s.level == 1);
    let target = if forward {
        eligible
            .filter(|s| s.first_paragraph > cur)
            .min_by_key(|s| s.first_paragraph)
    } else {
        eligible
            .filter(|s| s.first_paragraph < cur)
            .max_by_key(|s| s.first_paragraph)
    };
    match target {
        Some(s) => jump_to_paragraph(app, s.first_paragraph),
        None => {
            app.message = Some(
                if forward {
                    "已是最后一节"
                } else {
                    "已是第一节"
                }
                .to_string(),
            );
        }
    }
}

fn open_hit(app: &mut App, index: usize, first: bool, cmds: &mut Vec<Cmd>) {
    let Some(hit) = app
        .search
        .results
        .as_ref()
        .and_then(|r| r.hits.get(index))
        .cloned()
    else {
        return;
    };
    app.search.opened = Some(index);
    app.search.selected = index;
    app.focus = Pane::Reader;
    let query = app.search.input.text.trim().to_string();
    if app.reader.query.as_deref() != Some(&query) {
        app.reader.query = Some(query);
        compute_hits(app);
    }
    open_report(
        app,
        &hit.report,
        Jump::Hit {
            paragraph: hit.paragraph,
            first,
        },
        cmds,
    );
}

fn next_hit(app: &mut App, forward: bool, cmds: &mut Vec<Cmd>) {
    let n = app.reader.hits.len();
    if n > 0 {
        let next = match app.reader.hit {
            Some(h) if forward => (h + 1 < n).then_some(h + 1),
            Some(h) => h.checked_sub(1),
            None => {
                // From the reading position.
                let top_para = app.top_paragraph().unwrap_or(0);
                if forward {
                    app.reader.hits.iter().position(|(p, _)| *p >= top_para)
                } else {
                    app.reader.hits.iter().rposition(|(p, _)| *p < top_para)
                }
            }
        };
        if let Some(h) = next {
            return goto_hit(app, h);
        }
    }
    // Past the report's hits: the next (previous) result in another report.
    let current = app.reader.report.as_ref().map(|r| r.meta.id.clone());
    let Some(results) = app.search.results.clone() else {
        app.message = Some("没有搜索结果: 按 / 搜索".to_string());
        return;
    };
    let other = |i: &usize| Some(&results.hits[*i].report) != current.as_ref();
    let found = if forward {
        let start = app.search.opened.map_or(0, |o| o + 1);
        (start..results.hits.len()).find(other)
    } else {
        let end = app.search.opened.unwrap_or(0);
        (0..end).rev().find(other)
    };
    match found {
        Some(i) => open_hit(app, i, forward, cmds),
        None => {
            app.message = Some(
                if forward {
                    "已是最后一处"
                } else {
                    "已是第一处"
                }
                .to_string(),
            );
        }
    }
}

fn other_year(app: &mut App, forward: bool, cmds: &mut Vec<Cmd>) {
    let (Some(catalog), Some(ri)) = (app.catalog.clone(), app.current_report_index()) else {
        return;
    };
    let meta = &catalog.reports[ri].meta;
    let Some(code) = meta.region.as_ref().map(|r| r.code.clone()) else {
        app.message = Some("这份报告没有识别出地区".to_string());
        return;
    };
    let year = meta.year.unwrap_or(0);
    let same = catalog
        .reports
        .iter()
        .filter(|r| r.meta.region.as_ref().is_some_and(|g| g.code == code) && r.meta.id != meta.id);
    let target = if forward {
        same.filter(|r| r.meta.year.unwrap_or(0) > year)
            .min_by_key(|r| r.meta.year)
    } else {
        same.filter(|r| r.meta.year.unwrap_or(0) < year)
            .max_by_key(|r| r.meta.year)
    };
    match target {
        Some(t) => {
            let path = app
                .current_section()
                .and_then(|s| {
                    app.reader
                        .report
                        .as_ref()
                        .map(|r| r.sections[s].path.clone())
                })
                .unwrap_or_default();
            let id = t.meta.id.clone();
            open_report(app, &id, Jump::Section(path), cmds);
        }
        None => {
            app.message = Some(format!(
                "{}没有{}一年的报告",
                meta.region.as_ref().map_or("", |r| r.name.as_str()),
                if forward { "后" } else { "前" }
            ));
        }
    }
}

/// Wraps the open report at the reader's width (from the cache when it can), keeping the
/// reading position.
fn ensure_wrapped(app: &mut App) {
    let Some(report) = app.reader.report.clone() else {
        return;
    };
    let width = areas(app).reader_width();
    if width == 0 {
        return; // The reader is folded away: keep the old wrapping.
    }
    if let Some(w) = &app.reader.wrapped {
        if w.width == width && w.report == report.meta.id {
            return;
        }
    }
    let old = app.reader.wrapped.as_ref().and_then(|w| {
        w.lines
            .get(app.reader.top)
            .map(|l| (l.paragraph, l.range.start))
    });
    let cached = app
        .wrap_cache
        .iter()
        .position(|w| w.width == width && w.report == report.meta.id);
    let wrapped = match cached {
        Some(i) => app.wrap_cache.remove(i),
        None => Arc::new(Wrapped::new(&report, width)),
    };
    app.wrap_cache.push(wrapped.clone());
    if app.wrap_cache.len() > WRAP_CACHE {
        app.wrap_cache.remove(0);
    }
    if let Some((para, offset)) = old {
        app.reader.top = wrapped.line_of(para, offset);
    }
    app.reader.wrapped = Some(wrapped);
}

fn follow(selected: usize, scroll: usize, height: usize) -> usize {
    if height == 0 {
        return scroll;
    }
    if selected < scroll {
        selected
    } else if selected >= scroll + height {
        selected + 1 - height
    } else {
        scroll
    }
}

/// Keeps the derived state consistent with the layout: wrapping, scroll offsets, the
/// outline's mark of the current section.
fn sync(app: &mut App) {
    ensure_wrapped(app);
    let a = areas(app);
    let total = app.reader.wrapped.as_ref().map_or(0, |w| w.lines.len());
    app.reader.top = app.reader.top.min(total.saturating_sub(1));
    app.regions.selected = app
        .regions
        .selected
        .min(app.regions.rows.len().saturating_sub(1));
    app.regions.scroll = follow(
        app.regions.selected,
        app.regions.scroll,
        a.height(Pane::Regions),
    );
    if app.focus != Pane::Outline {
        if let (Some(report), Some(mut s)) = (app.reader.report.clone(), app.current_section()) {
            loop {
                if let Some(i) = app.outline.rows.iter().position(|r| *r == s) {
                    app.outline.selected = i;
                    break;
                }
                match report.sections[s].parent {
                    Some(p) => s = p,
                    None => break,
                }
            }
        }
    }
    app.outline.selected = app
        .outline
        .selected
        .min(app.outline.rows.len().saturating_sub(1));
    app.outline.scroll = follow(
        app.outline.selected,
        app.outline.scroll,
        a.height(Pane::Outline),
    );
    app.search.scroll = follow(app.search.selected, app.search.scroll, list_height(app));
}

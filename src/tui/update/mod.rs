//! `update`: the only place the state changes. A message in, commands out.
//!
//! By concern: [`line`] the input lines (search, filter, `:`, picker), [`tree`] the
//! regions and outline trees, [`reader`] the reader and jumps within a report, [`nav`]
//! moves across reports (hits, results, years), [`view`] what the analysis views share,
//! with [`trend`], [`keywords`], [`diff`] and [`glossary`] one a view; this file
//! dispatches messages and keeps the derived state (wrapping, scroll offsets) in step
//! with the layout. A new view brings its own module here.

mod diff;
mod glossary;
mod keywords;
mod line;
mod marks;
mod nav;
mod reader;
mod targets;
mod tree;
mod trend;
mod view;

use crossterm::event::KeyEventKind;
use ratatui::layout::Rect;

pub use line::fuzzy_score;

use super::app::{App, Direction, IndexState, Jump, Mode, Pane};
use super::keymap::Action;
use super::layout;
use super::msg::{Cmd, Msg};
use crate::search::{Progress, Rebuild};

/// Which sections a section jump stops at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sections {
    /// Every section and sub-section (`]` / `[`).
    All,
    /// Top-level sections only (`}` / `{`).
    Top,
}

/// Applies a message to the state and returns the work it asks for.
pub fn update(app: &mut App, msg: Msg) -> Vec<Cmd> {
    let mut cmds = Vec::new();
    match msg {
        Msg::Key(ev) => {
            if ev.kind != KeyEventKind::Release {
                if let Some(action) = app.keys.action(ev, app.mode) {
                    act(app, action, &mut cmds);
                }
            }
        }
        Msg::Paste(text) => line::paste(app, &text, &mut cmds),
        Msg::Resize(w, h) => app.size = Rect::new(0, 0, w, h),
        Msg::Scroll(d) => {
            if app.mode == Mode::Normal {
                reader::scroll(app, 3 * i64::from(d));
            }
        }
        Msg::Progress(p) => match p {
            Progress::Parsing { done, total } => app.index = IndexState::Parsing { done, total },
            Progress::Catalog(c) => tree::set_catalog(app, &c, &mut cmds),
            Progress::Segmenting { done, total } => {
                app.index = IndexState::Segmenting { done, total };
            }
            Progress::Indexing { done, total } => app.index = IndexState::Indexing { done, total },
            Progress::Waiting => app.index = IndexState::Waiting,
            Progress::Ready => app.index = IndexState::Ready,
            Progress::Rebuilding(why) => {
                let ui = app.lang.ui();
                app.message = Some(match why {
                    Rebuild::Dictionary => ui.index_rebuilding_dictionary.to_string(),
                    Rebuild::Other(why) => (ui.index_rebuilding)(&why),
                });
            }
        },
        Msg::EngineReady => app.index = IndexState::Ready,
        Msg::Notice(text) => app.message = Some(text),
        Msg::EngineFailed(e) => {
            app.message = Some((app.lang.ui().index_failed)(&e));
            app.index = IndexState::Failed(e);
        }
        Msg::ReportLoaded { generation, report } => {
            if app.reader.loads.accept(generation) {
                let jump = match app.reader.loading.take() {
                    Some((id, jump)) if id == report.meta.id => jump,
                    _ => Jump::Paragraph(0),
                };
                reader::show_report(app, report, &jump, &mut cmds);
            }
        }
        Msg::ReportFailed { generation, error } => {
            if app.reader.loads.accept(generation) {
                app.reader.loading = None;
                app.message = Some(error);
            }
        }
        Msg::SearchDone { generation, result } => {
            // An answer to an older query is dropped: a newer one is on its way.
            if app.search.jobs.accept(generation) {
                match result {
                    Ok(res) => {
                        app.search.results = Some(res);
                        app.search.error = None;
                        app.search.cursor.reset();
                        app.search.opened = None;
                        if app.search.order != crate::tui::panes::Order::Relevance {
                            line::order_results(app);
                        }
                    }
                    Err(e) => app.search.error = Some(e),
                }
            }
        }
        Msg::AnalysisDone { generation, result } => view::done(app, generation, result),
        Msg::TargetsDone { generation, result } => targets::done(app, generation, result),
        Msg::Glossary(g) => app.glossary = Some(g),
        Msg::WordCounts { done, total } => {
            app.view.counting = (done < total).then_some((done, total));
        }
        Msg::Terminate => quit(app, &mut cmds),
        Msg::Copied { result, what } => {
            app.message = Some(match result {
                Ok(n) => (app.lang.ui().copied)(n, &what),
                Err(e) => crate::tui::text::copy_error(app.lang, &e),
            });
        }
    }
    sync(app);
    cmds
}

/// Quits, remembering the reading position.
fn quit(app: &mut App, cmds: &mut Vec<Cmd>) {
    app.quit = true;
    if let Some(s) = app.saved() {
        cmds.push(Cmd::Save(s));
    }
}

/// Carries out a key's action in the current mode.
fn act(app: &mut App, action: Action, cmds: &mut Vec<Cmd>) {
    app.message = None;
    match action {
        Action::Quit => return quit(app, cmds),
        Action::Suspend => return cmds.push(Cmd::Suspend),
        _ => {}
    }
    if action == Action::ShowTrend && app.mode == Mode::Search {
        return trend::show_trend(app, cmds);
    }
    match app.mode {
        Mode::View => {
            let page = app.size.height.saturating_sub(4) as usize;
            view::action(app, action, page, cmds);
        }
        Mode::Help => match action {
            Action::Cancel | Action::Help => app.mode = Mode::Normal,
            Action::Down => app.help_scroll += 1,
            Action::Up => app.help_scroll = app.help_scroll.saturating_sub(1),
            _ => {}
        },
        Mode::Search | Mode::Filter | Mode::Goto | Mode::Picker => {
            line::action(app, action, cmds);
        }
        Mode::MarkSet | Mode::MarkJump => marks::pending(app, action, cmds),
        Mode::Marks => marks::list(app, action, cmds),
        Mode::Targets => targets::action(app, action, cmds),
        Mode::Normal => normal_action(app, action, cmds),
    }
}

/// Browsing: keys move within the focused pane, switch panes, jump, or open a line.
fn normal_action(app: &mut App, action: Action, cmds: &mut Vec<Cmd>) {
    let height = page(app, app.focus).max(1);
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
            Pane::Reader => reader::bottom(app, height),
            _ => move_in_pane(app, i64::MAX / 2),
        },
        Action::Collapse => tree::collapse(app),
        Action::Expand => tree::expand(app),
        Action::Select => tree::select(app, cmds),
        Action::NextSection => reader::section_jump(app, Direction::Forward, Sections::All),
        Action::PrevSection => reader::section_jump(app, Direction::Back, Sections::All),
        Action::NextTopSection => reader::section_jump(app, Direction::Forward, Sections::Top),
        Action::PrevTopSection => reader::section_jump(app, Direction::Back, Sections::Top),
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
            line::picker_changed(app);
        }
        Action::NextHit => nav::next_hit(app, Direction::Forward, cmds),
        Action::PrevHit => nav::next_hit(app, Direction::Back, cmds),
        Action::PrevYear => nav::other_year(app, Direction::Back, cmds),
        Action::StartMark => app.mode = Mode::MarkSet,
        Action::StartJump => app.mode = Mode::MarkJump,
        Action::ShowMarks => marks::show(app),
        Action::CopyParagraph => marks::copy(app, false, cmds),
        Action::CopySection => marks::copy(app, true, cmds),
        Action::NextYear => nav::other_year(app, Direction::Forward, cmds),
        Action::Targets => targets::open(app, cmds),
        Action::ShowTrend => trend::show_trend(app, cmds),
        Action::ShowKeywords => keywords::show_keywords(app, cmds),
        Action::ShowDiff => diff::show_diff(app, cmds),
        Action::ShowGlossary => glossary::show_glossary(app),
        _ => {}
    }
}

/// Lines a pane pages by (see `Areas::page`).
fn page(app: &App, pane: Pane) -> usize {
    app.areas().page(pane)
}

/// Rows of search results shown: two lines each under a header line.
fn list_height(app: &App) -> usize {
    page(app, Pane::Reader).saturating_sub(1) / 2
}

/// Moves the focused pane's cursor (or the reader) by `by` rows.
fn move_in_pane(app: &mut App, by: i64) {
    match app.focus {
        Pane::Regions => app.regions.cursor.step(by, app.regions.rows.len()),
        Pane::Outline => app.outline.cursor.step(by, app.outline.rows.len()),
        Pane::Reader => reader::scroll(app, by),
    }
}

/// Keeps the derived state consistent with the layout: wrapping, scroll offsets, the
/// outline's mark of the current section.
fn sync(app: &mut App) {
    reader::ensure_wrapped(app);
    let a = app.areas();
    let total = app.reader.wrapped.as_ref().map_or(0, |w| w.lines.len());
    app.reader.top = app.reader.top.min(total.saturating_sub(1));
    app.regions.cursor.clamp(app.regions.rows.len());
    app.regions.cursor.follow(a.height(Pane::Regions));
    if app.focus != Pane::Outline {
        // The outline follows the reading position: the current section, or the nearest
        // of its ancestors shown.
        if let (Some(report), Some(mut s)) = (app.reader.report.clone(), app.current_section()) {
            while !app.outline.select(s) {
                match report.sections[s].parent {
                    Some(p) => s = p,
                    None => break,
                }
            }
        }
    }
    app.outline.cursor.clamp(app.outline.rows.len());
    app.outline.cursor.follow(a.height(Pane::Outline));
    let results = list_height(app);
    app.search.cursor.follow(results);
    app.picker.cursor.follow(layout::picker_rows(app.size));
    targets::sync(app);
}

//! The bottom line: the status (title, section breadcrumb, percent, index gauge, messages),
//! or the input line of search, filter and `:`.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};

use std::fmt::Write as _;

use super::{put, safe};
use crate::tui::app::{App, IndexState};
use crate::tui::focus::Mode;
use crate::tui::panes::{Order, SearchScope};
use crate::tui::wrap::str_width;

/// Draws the bottom line; returns where the terminal cursor goes (at an input's caret).
pub fn draw(buf: &mut Buffer, app: &App, area: Rect) -> Option<Position> {
    if area.height == 0 || area.width == 0 {
        return None;
    }
    let t = app.theme;
    let ui = app.lang.ui();
    let (prompt, input) = match app.mode {
        Mode::Search => (search_prompt(app), &app.search.input),
        Mode::Filter => (ui.filter_prompt.to_string(), &app.regions.filter),
        Mode::Goto => (":".to_string(), &app.goto),
        Mode::MarkSet | Mode::MarkJump => {
            let what = if app.mode == Mode::MarkSet {
                ui.mark_prompt
            } else {
                ui.jump_prompt
            };
            put(
                buf,
                area.x,
                area.y,
                area.width,
                &[(what.to_string(), t.accent())],
            );
            return None;
        }
        _ => return status(buf, app, area),
    };
    let prompt = prompt.as_str();
    let mut line = format!("{prompt}{}", safe(&input.text));
    let hint = match app.mode {
        Mode::Search => ui.search_keys,
        Mode::Goto => ui.goto_keys,
        _ => ui.line_keys,
    };
    let cursor_x = str_width(prompt) + input.caret_columns();
    if str_width(&line) + str_width(hint) < area.width as usize {
        put(
            buf,
            area.x,
            area.y,
            area.width,
            &[
                (std::mem::take(&mut line), ratatui::style::Style::default()),
                (hint.to_string(), t.dim()),
            ],
        );
    } else {
        put(
            buf,
            area.x,
            area.y,
            area.width,
            &[(line, ratatui::style::Style::default())],
        );
    }
    let x =
        (area.x as usize + cursor_x).min((area.x + area.width).saturating_sub(1) as usize) as u16;
    Some(Position::new(x, area.y))
}

fn status(buf: &mut Buffer, app: &App, area: Rect) -> Option<Position> {
    let t = app.theme;
    let ui = app.lang.ui();
    for x in area.x..area.x + area.width {
        buf[(x, area.y)].set_symbol(" ").set_style(t.status());
    }
    let mut right = String::new();
    match &app.index {
        IndexState::Parsing { done, total } => {
            let _ = write!(right, "{} {done}/{total} ", ui.parsing);
        }
        IndexState::Segmenting { done, total } => {
            let _ = write!(right, "{} {done}/{total} ", ui.segmenting);
        }
        IndexState::Indexing { done, total } => {
            let pct = if *total == 0 { 0 } else { done * 100 / total };
            let filled = pct / 10;
            let _ = write!(
                right,
                "{} {}{} {pct}% ",
                ui.indexing,
                "█".repeat(filled),
                "░".repeat(10 - filled.min(10))
            );
        }
        IndexState::Waiting => right.push_str(ui.waiting_lock),
        IndexState::Starting => right.push_str(ui.opening),
        IndexState::Failed(_) => right.push_str(ui.index_unavailable),
        IndexState::Ready => {}
    }
    if let Some((done, total)) = app.view.counting {
        right.push_str(&(ui.word_counts)(done, total));
        right.push(' ');
    }
    if app.reader.report.is_some() {
        let _ = write!(right, "{:>3}% ", app.percent());
    }
    right.push_str(ui.help_hint);
    let right_w = str_width(&right) as u16;
    let left = if let Some(m) = &app.message {
        vec![(format!(" {m}"), t.status().patch(t.error()))]
    } else {
        let mut s = String::from(" ");
        if let Some(r) = app.reader.report.as_ref() {
            let year = r.meta.year.map(|y| format!("{y} ")).unwrap_or_default();
            let region = r
                .meta
                .region
                .as_ref()
                .map(|g| format!("{} ", g.name))
                .unwrap_or_default();
            let _ = write!(s, "{region}{year}");
            let crumbs: Vec<String> = app
                .breadcrumb()
                .iter()
                .map(|(p, title)| {
                    if p.chars().all(|c| c.is_ascii_digit() || c == '.') && p != "0" {
                        format!("§{p} {title}")
                    } else {
                        title.clone()
                    }
                })
                .collect();
            s.push_str(&crumbs.join(" › "));
        }
        vec![(s, t.status())]
    };
    let left_w = area.width.saturating_sub(right_w + 1);
    put(buf, area.x, area.y, left_w, &left);
    if right_w <= area.width {
        put(
            buf,
            area.x + area.width - right_w,
            area.y,
            right_w,
            &[(right, t.status())],
        );
    }
    None
}

/// What the search prompt shows of the scope and order: `/` alone for the whole corpus
/// by relevance, else `/[本地区 河北省 · 年份] `.
#[must_use]
pub fn search_prompt(app: &App) -> String {
    let ui = app.lang.ui();
    let mut parts = Vec::new();
    let report = app.reader.report.as_ref();
    match (app.search.scope, report) {
        (SearchScope::All, _) | (_, None) => {}
        (SearchScope::Region, Some(r)) => {
            let name = r.meta.region.as_ref().map_or("", |g| g.name.as_str());
            parts.push(format!("{} {name}", ui.scope_region));
        }
        (SearchScope::Report, Some(r)) => {
            let year = r.meta.year.map(|y| y.to_string()).unwrap_or_default();
            let name = r.meta.region.as_ref().map_or("", |g| g.name.as_str());
            parts.push(format!("{} {name}{year}", ui.scope_report));
        }
    }
    match app.search.order {
        Order::Relevance => {}
        Order::Year => parts.push(ui.order_year.to_string()),
        Order::Region => parts.push(ui.order_region.to_string()),
    }
    if parts.is_empty() {
        "/".to_string()
    } else {
        format!("/[{}] ", parts.join(" · "))
    }
}

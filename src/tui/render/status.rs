//! The bottom line: the status (title, section breadcrumb, percent, index gauge, messages),
//! or the input line of search, filter and `:`.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};

use std::fmt::Write as _;

use super::{put, safe};
use crate::tui::app::{App, IndexState};
use crate::tui::focus::Mode;
use crate::tui::wrap::str_width;

/// Draws the bottom line; returns where the terminal cursor goes (at an input's caret).
pub fn draw(buf: &mut Buffer, app: &App, area: Rect) -> Option<Position> {
    if area.height == 0 || area.width == 0 {
        return None;
    }
    let t = app.theme;
    let (prompt, input) = match app.mode {
        Mode::Search => ("/", &app.search.input),
        Mode::Filter => ("筛选地区: ", &app.regions.filter),
        Mode::Goto => (":", &app.goto),
        _ => return status(buf, app, area),
    };
    let mut line = format!("{prompt}{}", safe(&input.text));
    let hint = match app.mode {
        Mode::Search => "  Enter 打开 · ↑↓ 选择 · Esc 返回",
        Mode::Goto => "  章节编号如 2.3, Enter 跳转",
        _ => "  Enter 确定 · Esc 清除",
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
    for x in area.x..area.x + area.width {
        buf[(x, area.y)].set_symbol(" ").set_style(t.status());
    }
    let mut right = String::new();
    match &app.index {
        IndexState::Parsing { done, total } => {
            let _ = write!(right, "解析 {done}/{total} ");
        }
        IndexState::Segmenting { done, total } => {
            let _ = write!(right, "分词 {done}/{total} ");
        }
        IndexState::Indexing { done, total } => {
            let pct = if *total == 0 { 0 } else { done * 100 / total };
            let filled = pct / 10;
            let _ = write!(
                right,
                "索引 {}{} {pct}% ",
                "█".repeat(filled),
                "░".repeat(10 - filled.min(10))
            );
        }
        IndexState::Waiting => right.push_str("等待索引锁… "),
        IndexState::Starting => right.push_str("打开索引… "),
        IndexState::Failed(_) => right.push_str("索引不可用 "),
        IndexState::Ready => {}
    }
    if app.reader.report.is_some() {
        let _ = write!(right, "{:>3}% ", app.percent());
    }
    right.push_str("? 帮助 ");
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

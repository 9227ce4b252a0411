//! The fuzzy section picker.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::widgets::Block;

use super::outline::label;
use super::{clear_overlay, put, render_in, safe};
use crate::tui::app::App;
use crate::tui::layout::{self, inner};

pub fn draw(buf: &mut Buffer, app: &App, screen: Rect) -> Option<Position> {
    let area = layout::picker(screen);
    clear_overlay(area, buf);
    let block = Block::bordered()
        .border_style(app.theme.border(true))
        .title(" 跳到章节 (模糊匹配) ");
    render_in(block, area, buf);
    let inner = inner(area);
    if inner.height == 0 || inner.width == 0 {
        return None;
    }
    let input = &app.picker.input;
    put(
        buf,
        inner.x,
        inner.y,
        inner.width,
        &[(format!("› {}", safe(&input.text)), Style::default())],
    );
    let report = app.reader.report.as_ref()?;
    let rows = app
        .picker
        .matches
        .iter()
        .enumerate()
        .skip(app.picker.cursor.scroll);
    for (y, (i, &s)) in (inner.y + 1..inner.y + inner.height).zip(rows) {
        let style = if i == app.picker.cursor.selected {
            app.theme.selected(true)
        } else {
            Style::default()
        };
        put(
            buf,
            inner.x,
            y,
            inner.width,
            &[(label(&report.sections[s]), style)],
        );
    }
    let x = (inner.x + 2 + input.caret_columns() as u16).min(inner.x + inner.width - 1);
    Some(Position::new(x, inner.y))
}

//! The help overlay, generated from the keymap table.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::Block;

use super::{clear_overlay, put, render_in};
use crate::tui::app::App;
use crate::tui::keymap::help_rows;
use crate::tui::layout::{centered, inner};

pub fn draw(buf: &mut Buffer, app: &App, screen: Rect) {
    let area = centered(screen, 72, screen.height.saturating_sub(2));
    clear_overlay(area, buf);
    let block = Block::bordered()
        .border_style(app.theme.border(true))
        .title(" 按键 Keys — Esc 关闭, j/k 滚动 ");
    render_in(block, area, buf);
    let inner = inner(area);
    let rows = help_rows();
    let key_w = 26.min(inner.width / 2);
    let scroll = app
        .help_scroll
        .min(rows.len().saturating_sub(inner.height as usize));
    for (y, (keys, what)) in (inner.y..inner.y + inner.height).zip(rows.iter().skip(scroll)) {
        if what.is_empty() {
            put(
                buf,
                inner.x,
                y,
                inner.width,
                &[(keys.clone(), app.theme.title(true))],
            );
        } else {
            put(
                buf,
                inner.x,
                y,
                key_w,
                &[(
                    format!(" {keys}"),
                    Style::default().add_modifier(Modifier::BOLD),
                )],
            );
            put(
                buf,
                inner.x + key_w,
                y,
                inner.width - key_w,
                &[(what.clone(), Style::default())],
            );
        }
    }
}

//! The marks list: each mark's letter, citation and the start of its text.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::Block;

use super::{clear_overlay, put, render_in};
use crate::tui::app::App;
use crate::tui::layout::{centered, inner};

pub fn draw(buf: &mut Buffer, app: &App, screen: Rect) {
    let area = centered(screen, 100, screen.height.saturating_sub(4));
    clear_overlay(area, buf);
    let block = Block::bordered()
        .border_style(app.theme.border(true))
        .title(app.lang.ui().marks_title);
    render_in(block, area, buf);
    let inner = inner(area);
    if inner.height == 0 || inner.width == 0 {
        return;
    }
    if app.marks.is_empty() {
        put(
            buf,
            inner.x,
            inner.y,
            inner.width,
            &[(app.lang.ui().no_marks.to_string(), app.theme.dim())],
        );
        return;
    }
    // Two lines a mark: letter and citation, then the text.
    let rows = (inner.height as usize / 2).max(1);
    let cursor = &app.marks_cursor;
    let scroll = if cursor.selected >= rows {
        cursor.selected + 1 - rows
    } else {
        0
    };
    let mut y = inner.y;
    for (i, (letter, m)) in app.marks.iter().enumerate().skip(scroll).take(rows) {
        let selected = i == cursor.selected;
        let head = if selected {
            app.theme.selected(true)
        } else {
            Style::default().add_modifier(Modifier::BOLD)
        };
        let region = if m.region.is_empty() {
            String::new()
        } else {
            format!("  {}", m.region)
        };
        put(
            buf,
            inner.x,
            y,
            inner.width,
            &[
                (format!(" {letter} "), head),
                (format!(" {}", m.citation()), app.theme.accent()),
                (region, app.theme.dim()),
            ],
        );
        put(
            buf,
            inner.x,
            y + 1,
            inner.width,
            &[(format!("   {}", m.text), Style::default())],
        );
        y += 2;
    }
}

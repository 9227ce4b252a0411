//! The targets view: years (and children) down, indicators across, each cell the target
//! beside the next report's figure for that year, ✓ met / ✗ missed.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::Block;

use super::{clear_overlay, fit, put, render_in};
use crate::targets::Indicator;
use crate::tui::app::App;
use crate::tui::layout::inner;
use crate::tui::targets::{COLUMN, LABEL, TableRow, cell_text, columns_shown};

pub fn draw(buf: &mut Buffer, app: &App, screen: Rect) {
    let area = Rect::new(
        screen.x,
        screen.y,
        screen.width,
        screen.height.saturating_sub(1),
    );
    clear_overlay(area, buf);
    let t = app.theme;
    let pane = &app.targets;
    let title = format!(
        " 目标与实绩 {} — ←→ 指标  Enter 原文  Esc 关闭 ",
        pane.region
    );
    let block = Block::bordered()
        .border_style(t.border(true))
        .title(fit(&title, usize::from(area.width.saturating_sub(2))).to_string());
    render_in(block, area, buf);
    let inner = inner(area);
    if inner.height < 2 || inner.width < 4 {
        return;
    }
    let shown = columns_shown(app.size.width);
    let columns: Vec<usize> = (pane.first_column..Indicator::ALL.len())
        .take(shown)
        .collect();
    let bold = Style::default().add_modifier(Modifier::BOLD);
    // Header: the indicators, the selected one marked with brackets (not only a colour).
    let mut x = inner.x + LABEL as u16;
    put(
        buf,
        inner.x,
        inner.y,
        LABEL as u16,
        &[("年份".to_string(), t.dim())],
    );
    for &c in &columns {
        let label = Indicator::ALL[c].label();
        let text = if c == pane.column {
            format!("[{label}]")
        } else {
            format!(" {label}")
        };
        put(buf, x, inner.y, COLUMN as u16, &[(text, bold)]);
        x += COLUMN as u16;
    }
    let first_row = inner.y + 1;
    let height = usize::from(inner.height - 1);
    if pane.rows.is_empty() {
        let text = if pane.loading {
            "…"
        } else {
            "这个地区的报告没有目标数字"
        };
        put(
            buf,
            inner.x,
            first_row,
            inner.width,
            &[(text.to_string(), t.dim())],
        );
        return;
    }
    for (k, row) in pane
        .rows
        .iter()
        .enumerate()
        .skip(pane.cursor.scroll)
        .take(height)
    {
        let y = first_row + (k - pane.cursor.scroll) as u16;
        let selected = k == pane.cursor.selected;
        match row {
            TableRow::Heading(h) => {
                put(
                    buf,
                    inner.x,
                    y,
                    inner.width,
                    &[(format!("── {h} ──"), t.accent())],
                );
            }
            TableRow::Year { label, cells, .. } => {
                let marker = if selected { "▸" } else { " " };
                put(
                    buf,
                    inner.x,
                    y,
                    LABEL as u16,
                    &[(
                        format!("{marker}{label}"),
                        if selected { bold } else { Style::default() },
                    )],
                );
                let mut x = inner.x + LABEL as u16;
                for &c in &columns {
                    let text = format!(" {}", cell_text(&cells[c]));
                    let style = if selected && c == pane.column {
                        t.selected(true)
                    } else {
                        Style::default()
                    };
                    put(buf, x, y, COLUMN as u16 - 1, &[(text, style)]);
                    x += COLUMN as u16;
                }
            }
        }
    }
}

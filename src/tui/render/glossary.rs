//! The glossary view: each defined term on the screen with its definitions and the
//! report and paragraph each comes from.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::Block;

use super::{put, render_in};
use crate::analysis::glossary::Definition;
use crate::tui::app::App;
use crate::tui::layout::inner;
use crate::tui::wrap::wrap;

pub fn draw(buf: &mut Buffer, app: &App, area: Rect, definitions: &[Definition]) {
    let t = app.theme;
    render_in(
        Block::bordered()
            .title(" 名词解释 · 本屏标出的名词 ")
            .border_style(t.border(true)),
        area,
        buf,
    );
    let inner = inner(area);
    if inner.height < 2 || inner.width < 8 {
        return;
    }
    let mut lines: Vec<Vec<(String, Style)>> = Vec::new();
    for d in definitions {
        let text = format!("{}：{}", d.term, d.definition);
        for (k, r) in wrap(&text, inner.width as usize).into_iter().enumerate() {
            let style = if k == 0 {
                t.title(true)
            } else {
                Style::default()
            };
            lines.push(vec![(text[r].to_string(), style)]);
        }
        lines.push(vec![(
            format!("    — {} 第{}段", d.report, d.paragraph + 1),
            t.dim(),
        )]);
    }
    let body = inner.height - 1;
    let top = app.view.scroll.min(lines.len().saturating_sub(1));
    for (y, line) in (inner.y..inner.y + body).zip(lines.iter().skip(top)) {
        put(buf, inner.x, y, inner.width, line);
    }
    put(
        buf,
        inner.x,
        inner.y + body,
        inner.width,
        &[("j/k 滚动 · Esc 返回".to_string(), t.dim())],
    );
}

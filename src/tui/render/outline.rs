//! The outline pane: the open report's section tree.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::{pane_block, put, render_in};
use crate::corpus::{Section, SectionKind};
use crate::tui::app::{App, Pane};
use crate::tui::layout::inner;

/// How the outline and the breadcrumb name a section.
#[must_use]
pub fn label(s: &Section) -> String {
    match s.kind {
        SectionKind::Body if !s.path.is_empty() => format!("{} {}", s.path, s.title),
        _ => s.title.clone(),
    }
}

pub fn draw(buf: &mut Buffer, app: &App, area: Rect, narrow: bool) {
    render_in(pane_block(app, Pane::Outline, "目录", narrow), area, buf);
    let inner = inner(area);
    let t = app.theme;
    let Some(report) = app.reader.report.as_ref() else {
        return;
    };
    if report.sections.is_empty() {
        put(
            buf,
            inner.x,
            inner.y,
            inner.width,
            &[("（没有章节）".to_string(), t.dim())],
        );
        return;
    }
    let focused = app.focus == Pane::Outline;
    let current = app.current_section();
    let rows = app
        .outline
        .rows
        .iter()
        .enumerate()
        .skip(app.outline.cursor.scroll);
    for (y, (i, &s)) in (inner.y..inner.y + inner.height).zip(rows) {
        let sec = &report.sections[s];
        let marker = if sec.children.is_empty() {
            " "
        } else if app.outline.collapsed.contains(&s) {
            "▸"
        } else {
            "▾"
        };
        // The current section, or the collapsed section hiding it.
        let is_current = current == Some(s);
        let mut style = if is_current {
            t.current()
        } else {
            Style::default()
        };
        if i == app.outline.cursor.selected && (focused || is_current) {
            style = style.patch(t.selected(focused));
        }
        let indent = "  ".repeat(usize::from(sec.level.saturating_sub(1)));
        put(
            buf,
            inner.x,
            y,
            inner.width,
            &[(format!("{indent}{marker}{}", label(sec)), style)],
        );
    }
}

//! The reader pane: the report's pre-wrapped lines, headings styled by level, hits marked.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::{marked, pane_block, put, render_in};
use crate::tui::app::{App, Pane};
use crate::tui::layout::inner;

pub fn draw(buf: &mut Buffer, app: &App, area: Rect, narrow: bool) {
    let title = app.reader.report.as_ref().map_or_else(
        || app.lang.ui().reader.to_string(),
        |r| r.meta.title.clone(),
    );
    render_in(pane_block(app, Pane::Reader, &title, narrow), area, buf);
    let inner = inner(area);
    let t = app.theme;
    let (Some(report), Some(wrapped)) = (app.reader.report.as_ref(), app.reader.wrapped.as_ref())
    else {
        let text = if app.reader.loading.is_some() {
            app.lang.ui().loading
        } else {
            app.lang.ui().choose_report
        };
        put(
            buf,
            inner.x,
            inner.y,
            inner.width,
            &[(text.to_string(), t.dim())],
        );
        return;
    };
    let hits = &app.reader.hits;
    for (y, line) in
        (inner.y..inner.y + inner.height).zip(wrapped.lines.iter().skip(app.reader.top))
    {
        let para = &report.paragraphs[line.paragraph];
        let base = if para.heading {
            let level = report.sections.get(para.section).map_or(1, |s| s.level);
            t.heading(level)
        } else {
            Style::default()
        };
        let from = hits.partition_point(|(p, _)| *p < line.paragraph);
        let mut marks: Vec<_> = hits[from..]
            .iter()
            .enumerate()
            .take_while(|(_, (p, _))| *p == line.paragraph)
            .map(|(k, (_, r))| {
                let style = if app.reader.hit == Some(from + k) {
                    t.current_hit()
                } else {
                    t.hit()
                };
                (r.clone(), style)
            })
            .collect();
        // Terms some report defines (w shows their definitions): underlined, under the hits.
        if let Some(g) = &app.glossary {
            for (r, _) in g.finder.find(&para.text) {
                if r.end > line.range.start
                    && r.start < line.range.end
                    && !marks
                        .iter()
                        .any(|(m, _)| m.start < r.end && r.start < m.end)
                {
                    marks.push((r, t.defined()));
                }
            }
            marks.sort_by_key(|(r, _)| r.start);
        }
        put(
            buf,
            inner.x,
            y,
            inner.width,
            &marked(&para.text, &line.range, base, &marks),
        );
    }
}

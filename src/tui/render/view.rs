//! The analysis views over the whole screen above the status line: the one the worker
//! answered, or a waiting or error line.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Block;

use super::{diff, glossary, keywords, put, render_in, trend};
use crate::tui::app::App;
use crate::tui::layout::inner;
use crate::tui::view::Analysis;

pub fn draw(buf: &mut Buffer, app: &App, area: Rect) {
    let t = app.theme;
    let ui = app.lang.ui();
    let waiting = app.view.jobs.pending();
    match (app.view.shown.as_deref(), waiting, &app.view.error) {
        (Some(a), false, None) => match a {
            Analysis::Trend { queries, by, rows } => {
                trend::draw(buf, app, area, queries, *by, rows);
            }
            Analysis::Keywords {
                title,
                keywords: k,
                new_words,
                ..
            } => keywords::draw(buf, app, area, (title, k, new_words)),
            Analysis::Diff { diff: d, old, new } => diff::draw(buf, app, area, d, old, new),
            Analysis::Glossary { definitions } => glossary::draw(buf, app, area, definitions),
        },
        (_, _, error) => {
            render_in(Block::bordered().border_style(t.border(true)), area, buf);
            let i = inner(area);
            let (text, style) = match error {
                Some(e) => (format!("{e} (Esc 返回)"), t.error()),
                None => match app.view.counting {
                    Some((done, total)) => (
                        format!("分析中… {}", (ui.word_counts)(done, total)),
                        t.dim(),
                    ),
                    None => ("分析中…".to_string(), t.dim()),
                },
            };
            put(buf, i.x, i.y, i.width, &[(text, style)]);
        }
    }
}

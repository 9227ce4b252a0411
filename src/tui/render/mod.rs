//! Drawing. Every function here reads `&App` and draws into the frame's buffer; nothing
//! changes state. Text goes through [`safe`] on its way to the buffer.

mod diff;
mod glossary;
mod help;
mod keywords;
mod marks;
mod outline;
mod picker;
mod reader;
mod regions;
mod results;
mod status;
mod targets;
mod trend;
mod view;

use std::ops::Range;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Widget};
use unicode_width::UnicodeWidthStr;

use super::app::{App, Pane};
use super::focus::Mode;
use super::layout::Areas;
use super::wrap::char_width;

/// Draws the whole screen.
pub fn draw(frame: &mut Frame, app: &App) {
    let a = app.areas();
    let buf = frame.buffer_mut();
    draw_panes(buf, app, &a);
    if let Some(cursor) = status::draw(buf, app, a.bottom) {
        frame.set_cursor_position(cursor);
    }
    let buf = frame.buffer_mut();
    match app.mode {
        Mode::Help => help::draw(buf, app, app.size),
        Mode::Marks => marks::draw(buf, app, app.size),
        Mode::Targets => targets::draw(buf, app, app.size),
        Mode::Picker => {
            if let Some(cursor) = picker::draw(buf, app, app.size) {
                frame.set_cursor_position(cursor);
            }
        }
        _ => {}
    }
}

fn draw_panes(buf: &mut Buffer, app: &App, a: &Areas) {
    if app.mode == Mode::View {
        let main = Rect::new(
            app.size.x,
            app.size.y,
            app.size.width,
            a.bottom.y - app.size.y,
        );
        return view::draw(buf, app, main);
    }
    if let Some(r) = a.regions {
        regions::draw(buf, app, r, a.narrow);
    }
    if let Some(r) = a.outline {
        outline::draw(buf, app, r, a.narrow);
    }
    if let Some(r) = a.reader {
        if app.mode == Mode::Search {
            results::draw(buf, app, r);
        } else {
            reader::draw(buf, app, r, a.narrow);
        }
    }
}

/// Text made safe for the terminal: control characters and escapes become visible
/// stand-ins, tabs and line breaks spaces.
#[must_use]
pub fn safe(s: &str) -> String {
    crate::text::terminal_safe(s)
        .chars()
        .map(|c| if c == '\t' || c == '\n' { ' ' } else { c })
        .collect()
}

/// The longest prefix of `s` that fits in `width` columns.
#[must_use]
pub fn fit(s: &str, width: usize) -> &str {
    let mut used = 0;
    for (i, c) in s.char_indices() {
        let w = char_width(c);
        if used + w > width {
            return &s[..i];
        }
        used += w;
    }
    s
}

/// A bordered pane with a title; in narrow mode the title also lists the panes.
fn pane_block<'a>(app: &App, pane: Pane, title: &str, narrow: bool) -> Block<'a> {
    let focused = app.focus == pane || (narrow && app.mode != Mode::Search);
    let mut spans = vec![Span::styled(
        format!(" {} ", safe(title)),
        app.theme.title(focused),
    )];
    if narrow {
        let ui = app.lang.ui();
        let names = [
            (Pane::Regions, format!("1{}", ui.regions)),
            (Pane::Outline, format!("2{}", ui.outline)),
            (Pane::Reader, format!("3{}", ui.reader)),
        ];
        let others: Vec<&str> = names
            .iter()
            .filter(|(p, _)| *p != pane)
            .map(|(_, n)| n.as_str())
            .collect();
        spans.push(Span::styled(
            format!("Tab/{} ", others.join("/")),
            app.theme.dim(),
        ));
    }
    // The focused pane's border is heavy, so focus shows without colour too.
    Block::bordered()
        .border_type(if focused {
            BorderType::Thick
        } else {
            BorderType::Plain
        })
        .border_style(app.theme.border(focused))
        .title(Line::from(spans))
}

/// Draws one line of styled pieces at (x, y), cut at `width` columns.
pub fn put(buf: &mut Buffer, x: u16, y: u16, width: u16, pieces: &[(String, Style)]) {
    let area = buf.area;
    if y < area.y || y >= area.y + area.height || x >= area.x + area.width {
        return;
    }
    let mut col = x;
    let end = x.saturating_add(width).min(area.x + area.width);
    for (text, style) in pieces {
        if col >= end {
            break;
        }
        let room = (end - col) as usize;
        // Cut first (the reader's widths count a control character as one column, like
        // its visible stand-in), then make safe.
        let shown = safe(fit(text, room));
        buf.set_stringn(col, y, &shown, room, *style);
        col += shown.width() as u16;
    }
}

/// Splits `text[range]` into pieces styled `base`, with `marks` (byte ranges of `text`,
/// each with its style) laid over it.
#[must_use]
pub fn marked(
    text: &str,
    range: &Range<usize>,
    base: Style,
    marks: &[(Range<usize>, Style)],
) -> Vec<(String, Style)> {
    let mut out = Vec::new();
    let mut pos = range.start;
    for (m, style) in marks {
        let s = m.start.max(pos).min(range.end);
        let e = m.end.min(range.end);
        if e <= s || !text.is_char_boundary(s) || !text.is_char_boundary(e) {
            continue;
        }
        if s > pos {
            out.push((text[pos..s].to_string(), base));
        }
        out.push((text[s..e].to_string(), base.patch(*style)));
        pos = e;
    }
    if pos < range.end && text.is_char_boundary(pos) {
        out.push((text[pos..range.end].to_string(), base));
    }
    out
}

/// Clears the area of an overlay, including a wide character that straddles its left
/// edge (its right half would otherwise hide the overlay's border).
pub fn clear_overlay(area: Rect, buf: &mut Buffer) {
    render_in(ratatui::widgets::Clear, area, buf);
    let area = area.intersection(buf.area);
    if area.x == 0 || area.width == 0 {
        return;
    }
    for y in area.y..area.y + area.height {
        let left = &mut buf[(area.x - 1, y)];
        if left.symbol().width() > 1 {
            left.set_symbol(" ");
        }
    }
}

/// Renders a widget only into a non-empty area.
fn render_in<W: Widget>(w: W, area: Rect, buf: &mut Buffer) {
    let area = area.intersection(buf.area);
    if area.width > 0 && area.height > 0 {
        w.render(area, buf);
    }
}

/// `s` cut or padded with spaces to exactly `width` columns.
#[must_use]
pub fn pad(s: &str, width: usize) -> String {
    let shown = fit(s, width);
    format!("{shown}{}", " ".repeat(width - shown.width()))
}

//! The regions pane: the tree of regions with their years.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::{pane_block, put, render_in};
use crate::tui::app::{App, Pane};
use crate::tui::focus::Mode;
use crate::tui::layout::inner;
use crate::tui::regions::Row;

pub fn draw(buf: &mut Buffer, app: &App, area: Rect, narrow: bool) {
    let filter = &app.regions.filter.text;
    let title = if filter.is_empty() {
        app.lang.ui().regions.to_string()
    } else {
        format!("{} /{filter}", app.lang.ui().regions)
    };
    render_in(pane_block(app, Pane::Regions, &title, narrow), area, buf);
    let inner = inner(area);
    let t = app.theme;
    let Some(catalog) = app.catalog.as_ref() else {
        put(
            buf,
            inner.x,
            inner.y,
            inner.width,
            &[(app.lang.ui().loading_catalog.to_string(), t.dim())],
        );
        return;
    };
    if app.regions.rows.is_empty() && !filter.is_empty() {
        put(
            buf,
            inner.x,
            inner.y,
            inner.width,
            &[(app.lang.ui().no_region_matches.to_string(), t.dim())],
        );
    }
    let focused = app.focus == Pane::Regions || app.mode == Mode::Filter;
    let current = app.current_report_index();
    let rows = app
        .regions
        .rows
        .iter()
        .enumerate()
        .skip(app.regions.cursor.scroll);
    for (y, (i, row)) in (inner.y..inner.y + inner.height).zip(rows) {
        let selected = i == app.regions.cursor.selected;
        let pieces = match *row {
            Row::Node { node, depth } => {
                let n = &app.regions.tree.nodes[node];
                let open = app.regions.expanded.contains(&node) || !filter.is_empty();
                let years = match n.years {
                    Some((a, b)) if a != b => format!(" {a}–{b}"),
                    Some((a, _)) => format!(" {a}"),
                    None => String::new(),
                };
                vec![
                    (
                        format!(
                            "{}{} {}",
                            "  ".repeat(depth as usize),
                            if open { "▾" } else { "▸" },
                            n.name
                        ),
                        if selected {
                            t.selected(focused)
                        } else {
                            ratatui::style::Style::default()
                        },
                    ),
                    (format!(" {}{years}", n.total), t.dim()),
                ]
            }
            Row::Report { report, depth } => {
                let m = &catalog[report].meta;
                let year = m.year.map_or("----".to_string(), |y| y.to_string());
                let mark = if Some(report) == current { "●" } else { "·" };
                let base = if selected {
                    t.selected(focused)
                } else if Some(report) == current {
                    t.current()
                } else {
                    ratatui::style::Style::default()
                };
                vec![
                    (
                        format!("{}{mark} {year}", "  ".repeat(depth as usize)),
                        base,
                    ),
                    // The row already shows the year: do not repeat it from the title.
                    (
                        format!(
                            " {}",
                            m.title
                                .strip_prefix(&format!("{year}年"))
                                .filter(|rest| !rest.is_empty())
                                .unwrap_or(&m.title)
                        ),
                        t.dim(),
                    ),
                ]
            }
        };
        put(buf, inner.x, y, inner.width, &pieces);
    }
}

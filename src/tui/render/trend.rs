//! The trend view: by year, one bar chart per query (ratatui's `BarChart`), each bar the
//! occurrences per 10,000 characters with the raw count written in it, every chart on
//! one scale, each query with its own bar pattern (█ ▒ ░ ▚) so that it reads without
//! colour; by region, a ranked list. The selected year is reversed; Enter lists its hits.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::symbols::bar;
use ratatui::text::Line;
use ratatui::widgets::{Bar, BarChart, Block};

use super::{put, render_in};
use crate::analysis::trend::{By, Key, TrendRow};
use crate::tui::app::App;
use crate::tui::layout::inner;
use crate::tui::wrap::str_width;

/// A bar pattern a query: solid, then shades, so that queries differ without colour.
fn pattern(k: usize) -> (bar::Set<'static>, &'static str) {
    let shade = |s: &'static str| bar::Set {
        full: s,
        seven_eighths: s,
        three_quarters: s,
        five_eighths: s,
        half: s,
        three_eighths: s,
        one_quarter: s,
        one_eighth: s,
        empty: " ",
    };
    match k % 4 {
        0 => (bar::NINE_LEVELS, "█"),
        1 => (shade("▒"), "▒"),
        2 => (shade("░"), "░"),
        _ => (shade("▚"), "▚"),
    }
}

pub fn draw(
    buf: &mut Buffer,
    app: &App,
    area: Rect,
    queries: &[String],
    by: By,
    rows: &[TrendRow],
) {
    let t = app.theme;
    let title = match by {
        By::Year => " 趋势 · 按年 · 每万字出现次数 (柱内为原始次数) ",
        _ => " 趋势 · 按地区排名 · 每万字出现次数 ",
    };
    render_in(
        Block::bordered().title(title).border_style(t.border(true)),
        area,
        buf,
    );
    let inner = inner(area);
    if inner.height < 3 || inner.width < 10 {
        return;
    }
    let hint = match by {
        By::Year => "←→ 选年 · Enter 该年命中 · r 按地区 · Esc 返回",
        _ => "j/k 滚动 · r 按年 · Esc 返回",
    };
    let foot = Rect::new(inner.x, inner.y + inner.height - 1, inner.width, 1);
    put(
        buf,
        foot.x,
        foot.y,
        foot.width,
        &[(hint.to_string(), t.dim())],
    );
    let body = Rect::new(inner.x, inner.y, inner.width, inner.height - 1);
    match by {
        By::Year => chart(buf, app, body, queries, rows),
        _ => ranked(buf, app, body, queries, rows),
    }
}

fn chart(buf: &mut Buffer, app: &App, area: Rect, queries: &[String], rows: &[TrendRow]) {
    let t = app.theme;
    let years = app.view.years();
    if years.is_empty() {
        return;
    }
    let selected = years.get(app.view.selected).copied();
    let scale = |r: &TrendRow| (r.per_10k * 100.0).round() as u64;
    let max = rows.iter().map(scale).max().unwrap_or(1).max(1);
    // One line for the selected year's figures, then the charts.
    let count = queries.len().max(1) as u16;
    let per = (area.height.saturating_sub(1) / count).max(3);
    let slots = years.len() as u16;
    let width = ((area.width + 1) / slots.max(1))
        .saturating_sub(1)
        .clamp(1, 6);
    for (k, q) in queries.iter().enumerate() {
        let y = area.y + per * k as u16;
        if y + 2 > area.y + area.height {
            break;
        }
        let (set, sym) = pattern(k);
        let of = |year: u16| {
            rows.iter()
                .find(|r| &r.query == q && r.key == Key::Year(year))
        };
        let bars: Vec<Bar> = years
            .iter()
            .map(|&year| {
                let r = of(year);
                let label = format!("{:02}", year % 100);
                let mut label = Line::from(label);
                let mut b = Bar::new(r.map_or(0, scale))
                    .text_value(r.map_or(0, |r| r.occurrences).to_string());
                if Some(year) == selected {
                    label = label.style(Style::default().add_modifier(Modifier::REVERSED));
                    b = b.style(Style::default().add_modifier(Modifier::BOLD));
                }
                b.label(label)
            })
            .collect();
        put(
            buf,
            area.x,
            y,
            area.width,
            &[(format!("{sym}{sym} {q}"), t.title(true))],
        );
        let chart = BarChart::vertical(bars)
            .bar_set(set)
            .bar_width(width)
            .bar_gap(1)
            .max(max)
            .value_style(Style::default().add_modifier(Modifier::REVERSED));
        render_in(chart, Rect::new(area.x, y + 1, area.width, per - 1), buf);
    }
    if let Some(year) = selected {
        let head = format!("{year}: ");
        let found: Vec<&TrendRow> = queries
            .iter()
            .filter_map(|q| {
                rows.iter()
                    .find(|r| &r.query == q && r.key == Key::Year(year))
            })
            .collect();
        let full = |r: &TrendRow| {
            format!(
                "{} {}次 {}段 {}/{}份 {:.2}/万字  ",
                r.query, r.occurrences, r.paragraphs, r.matching_reports, r.reports, r.per_10k
            )
        };
        let short =
            |r: &TrendRow| format!("{} {}次 {:.2}/万字  ", r.query, r.occurrences, r.per_10k);
        // Every query's figures in full when they fit, else the occurrences and the rate
        // of each; whole queries only, since a figure cut at the edge would mislead.
        let room = usize::from(area.width) + 2 - str_width(&head).min(usize::from(area.width));
        let width =
            |f: &dyn Fn(&TrendRow) -> String| found.iter().map(|r| str_width(&f(r))).sum::<usize>();
        let form: &dyn Fn(&TrendRow) -> String = if width(&full) <= room { &full } else { &short };
        let mut pieces = vec![(head, t.title(true))];
        let mut used = 0;
        for r in found {
            let piece = form(r);
            used += str_width(&piece);
            if used > room {
                break;
            }
            pieces.push((piece, Style::default()));
        }
        put(buf, area.x, area.y + area.height - 1, area.width, &pieces);
    }
}

fn ranked(buf: &mut Buffer, app: &App, area: Rect, queries: &[String], rows: &[TrendRow]) {
    let t = app.theme;
    let mut lines: Vec<Vec<(String, Style)>> = Vec::new();
    for (k, q) in queries.iter().enumerate() {
        let (_, sym) = pattern(k);
        lines.push(vec![(format!("{sym}{sym} {q}"), t.title(true))]);
        for (i, r) in rows.iter().filter(|r| &r.query == q).enumerate() {
            lines.push(vec![
                (format!("{:>3}. ", i + 1), t.dim()),
                (super::pad(&r.label, 12), Style::default()),
                (format!(" {:>7.2}/万字", r.per_10k), t.accent()),
                (
                    format!(
                        "  {} 次 {} 段  {}/{} 份  {}",
                        r.occurrences, r.paragraphs, r.matching_reports, r.reports, r.key
                    ),
                    t.dim(),
                ),
            ]);
        }
        lines.push(Vec::new());
    }
    let top = app.view.scroll.min(lines.len().saturating_sub(1));
    for (y, line) in (area.y..area.y + area.height).zip(lines.iter().skip(top)) {
        put(buf, area.x, y, area.width, line);
    }
}

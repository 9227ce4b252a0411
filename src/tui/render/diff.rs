//! Two reports side by side: the sections aligned (same, changed, moved, added, removed,
//! each marked by a word as well as a sign, so it reads without colour), their text
//! scrolling together, the terms new this year and dropped since marked in it and listed
//! at the top. From 120 columns the two texts stand side by side; below, each section of
//! the old report is followed by its partner in the new.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::Block;

use super::{marked, put, render_in};
use crate::analysis::diff::{Aligned, Change, ReportDiff, Side};
use crate::corpus::Report;
use crate::tui::app::App;
use crate::tui::layout::inner;
use crate::tui::wrap::{str_width, wrap};

/// At least this many columns: side by side.
pub const SIDE_BY_SIDE: u16 = 120;

type Pieces = Vec<(String, Style)>;

fn label(c: Change) -> &'static str {
    match c {
        Change::Same => "= 相同",
        Change::Changed => "~ 改动",
        Change::Moved => "» 移动",
        Change::Added => "+ 新增",
        Change::Removed => "- 删除",
    }
}

/// Byte ranges of `terms` in `text`.
fn term_marks(text: &str, terms: &[&str], style: Style) -> Vec<(std::ops::Range<usize>, Style)> {
    let mut v: Vec<std::ops::Range<usize>> = Vec::new();
    for t in terms {
        for (at, _) in text.match_indices(t) {
            v.push(at..at + t.len());
        }
    }
    v.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
    let mut out: Vec<(std::ops::Range<usize>, Style)> = Vec::new();
    for r in v {
        if out.last().is_some_and(|(l, _)| r.start < l.end) {
            continue;
        }
        out.push((r, style));
    }
    out
}

/// The lines of one side of a section: its heading, then its own paragraphs (not its
/// sub-sections', which are aligned on their own), wrapped to `width`.
fn side_lines(
    report: &Report,
    side: &Side,
    change: Change,
    width: usize,
    terms: &[&str],
    mark: Style,
    heading: Style,
) -> Vec<Pieces> {
    let s = &report.sections[side.index];
    let own_end = s
        .children
        .first()
        .map_or(s.end_paragraph, |&c| report.sections[c].first_paragraph)
        .min(report.paragraphs.len());
    let mut out: Vec<Pieces> = vec![vec![(
        format!("{} {} {}", label(change), side.path, s.title),
        heading,
    )]];
    for p in &report.paragraphs[side.first_paragraph.min(own_end)..own_end] {
        if p.heading && p.text.chars().count() <= s.title.chars().count() + 6 {
            continue;
        }
        let marks = term_marks(&p.text, terms, mark);
        for r in wrap(&p.text, width.max(4)) {
            out.push(marked(&p.text, &r, Style::default(), &marks));
        }
    }
    out
}

/// Every screen line of the view at `width` columns: (left, right) when side by side,
/// else one column in `left`.
fn lines(
    app: &App,
    d: &ReportDiff,
    old: &Report,
    new: &Report,
    width: u16,
) -> Vec<(Pieces, Pieces)> {
    let t = app.theme;
    let wide = app.size.width >= SIDE_BY_SIDE;
    let col = if wide {
        (width as usize - 3) / 2
    } else {
        width as usize
    };
    let new_terms: Vec<&str> = d
        .new_terms
        .iter()
        .take(50)
        .map(|w| w.word.as_str())
        .collect();
    let dropped: Vec<&str> = d
        .dropped_terms
        .iter()
        .take(50)
        .map(|w| w.word.as_str())
        .collect();
    let new_mark = t.hit().add_modifier(Modifier::BOLD);
    let old_mark = t.hit().add_modifier(Modifier::CROSSED_OUT);
    let heading = |c: Change| match c {
        Change::Same => t.dim(),
        _ => t.heading(2),
    };
    let mut out = Vec::new();
    for Aligned {
        change,
        old: o,
        new: n,
        ..
    } in &d.sections
    {
        let left = o
            .as_ref()
            .map(|s| side_lines(old, s, *change, col, &dropped, old_mark, heading(*change)))
            .unwrap_or_default();
        let right = n
            .as_ref()
            .map(|s| side_lines(new, s, *change, col, &new_terms, new_mark, heading(*change)))
            .unwrap_or_default();
        if wide {
            let rows = left.len().max(right.len());
            for i in 0..rows {
                out.push((
                    left.get(i).cloned().unwrap_or_default(),
                    right.get(i).cloned().unwrap_or_default(),
                ));
            }
        } else {
            let year = |r: &Report| r.meta.year.map_or(String::new(), |y| format!("{y} "));
            for (k, l) in left.into_iter().enumerate() {
                let mut l = l;
                if k == 0 {
                    let y = if *change == Change::Same {
                        format!("{}{}", year(old), year(new))
                    } else {
                        year(old)
                    };
                    l.insert(0, (format!("{y}▏"), t.dim()));
                }
                out.push((l, Vec::new()));
            }
            // The same text once; otherwise the new year's under the old's.
            if *change != Change::Same || o.is_none() {
                for (k, r) in right.into_iter().enumerate() {
                    let mut r = r;
                    if k == 0 {
                        r.insert(0, (format!("{}▕", year(new)), t.dim()));
                    }
                    out.push((r, Vec::new()));
                }
            }
        }
        out.push((Vec::new(), Vec::new()));
    }
    out
}

pub fn draw(buf: &mut Buffer, app: &App, area: Rect, d: &ReportDiff, old: &Report, new: &Report) {
    let t = app.theme;
    let title = format!(" 对照 · {} ↔ {} ", old.meta.title, new.meta.title);
    render_in(
        Block::bordered().title(title).border_style(t.border(true)),
        area,
        buf,
    );
    let inner = inner(area);
    if inner.height < 4 || inner.width < 10 {
        return;
    }
    // As many whole terms as fit in `room` columns: a term cut at the edge would read
    // as another word.
    let list = |terms: &[crate::analysis::diff::Term], label: &str| {
        let room = usize::from(inner.width).saturating_sub(str_width(label));
        let mut out = String::new();
        for w in terms.iter().take(12) {
            let item = format!("{}({})", w.word, w.count);
            let gap = usize::from(!out.is_empty());
            if str_width(&out) + gap + str_width(&item) > room {
                break;
            }
            if gap == 1 {
                out.push(' ');
            }
            out.push_str(&item);
        }
        out
    };
    put(
        buf,
        inner.x,
        inner.y,
        inner.width,
        &[
            ("新词 ".to_string(), t.title(true)),
            (
                list(&d.new_terms, "新词 "),
                t.hit().add_modifier(Modifier::BOLD),
            ),
        ],
    );
    put(
        buf,
        inner.x,
        inner.y + 1,
        inner.width,
        &[
            ("不再出现 ".to_string(), t.title(true)),
            (
                list(&d.dropped_terms, "不再出现 "),
                t.hit().add_modifier(Modifier::CROSSED_OUT),
            ),
        ],
    );
    put(
        buf,
        inner.x,
        inner.y + inner.height - 1,
        inner.width,
        &[(
            "j/k 同步滚动 · < > 前后一年 · Esc 返回".to_string(),
            t.dim(),
        )],
    );
    let body = Rect::new(inner.x, inner.y + 2, inner.width, inner.height - 3);
    let all = lines(app, d, old, new, body.width);
    let top = app.view.scroll.min(all.len().saturating_sub(1));
    let wide = app.size.width >= SIDE_BY_SIDE;
    let col = (body.width.saturating_sub(3)) / 2;
    for (y, (l, r)) in (body.y..body.y + body.height).zip(all.iter().skip(top)) {
        if wide {
            put(buf, body.x, y, col, l);
            put(buf, body.x + col + 1, y, 1, &[("│".to_string(), t.dim())]);
            put(buf, body.x + col + 3, y, col, r);
        } else {
            put(buf, body.x, y, body.width, l);
        }
    }
}

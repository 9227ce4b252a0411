//! The keywords view: the report's keywords (word, count, log-likelihood) and the words
//! new in it (against the region's earlier reports, and against the year before), side by
//! side from 100 columns, one after the other below.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::Block;

use super::{pad, put, render_in};
use crate::analysis::keywords::{Keyword, NewWords};
use crate::tui::app::App;
use crate::tui::layout::inner;

type Lines = Vec<Vec<(String, Style)>>;

fn keyword_lines(app: &App, keywords: &[Keyword]) -> Lines {
    let t = app.theme;
    let mut out: Lines = vec![vec![(
        "关键词 (对数似然, 与全库其余报告相比)".to_string(),
        t.title(true),
    )]];
    for (i, k) in keywords.iter().enumerate() {
        out.push(vec![
            (format!("{:>3}. ", i + 1), t.dim()),
            (pad(&k.word, 14), Style::default()),
            (format!("{:>5} 次", k.count), t.accent()),
            (format!("  {:>7.1}", k.score), t.dim()),
        ]);
    }
    out
}

fn new_lines(app: &App, new: &NewWords) -> Lines {
    let t = app.theme;
    let mut out: Lines = Vec::new();
    let list = |out: &mut Lines, words: &[crate::analysis::keywords::NewWord]| {
        let mut line = Vec::new();
        for w in words.iter().take(60) {
            line.push((format!("{}({}) ", w.word, w.count), Style::default()));
        }
        // Folded into lines of about 6 words.
        for chunk in line.chunks(6) {
            out.push(chunk.to_vec());
        }
        if words.is_empty() {
            out.push(vec![("(无)".to_string(), t.dim())]);
        }
    };
    if new.earlier_reports.is_empty() {
        out.push(vec![("本地区没有更早的报告".to_string(), t.dim())]);
    } else {
        out.push(vec![(
            format!(
                "本地区首次出现 (对照 {} 份更早的报告)",
                new.earlier_reports.len()
            ),
            t.title(true),
        )]);
        list(&mut out, &new.new_in_region);
    }
    out.push(Vec::new());
    match new.previous_year {
        Some(y) if new.previous_year_reports > 0 => {
            out.push(vec![(
                format!(
                    "全库{y}年未出现 (对照 {} 份报告)",
                    new.previous_year_reports
                ),
                t.title(true),
            )]);
            list(&mut out, &new.new_in_corpus);
        }
        _ => out.push(vec![("全库没有上一年的报告".to_string(), t.dim())]),
    }
    out
}

pub fn draw(
    buf: &mut Buffer,
    app: &App,
    area: Rect,
    (title, keywords, new): (&str, &[Keyword], &NewWords),
) {
    let t = app.theme;
    render_in(
        Block::bordered()
            .title(format!(" 关键词 · {title} "))
            .border_style(t.border(true)),
        area,
        buf,
    );
    let inner = inner(area);
    if inner.height < 2 {
        return;
    }
    let body = Rect::new(inner.x, inner.y, inner.width, inner.height - 1);
    put(
        buf,
        inner.x,
        inner.y + inner.height - 1,
        inner.width,
        &[("j/k 滚动 · Esc 返回".to_string(), t.dim())],
    );
    let left = keyword_lines(app, keywords);
    let right = new_lines(app, new);
    let top = app.view.scroll;
    if body.width >= 98 {
        let lw = 40.min(body.width / 2);
        for (y, line) in (body.y..body.y + body.height).zip(left.iter().skip(top)) {
            put(buf, body.x, y, lw, line);
        }
        let rx = body.x + lw + 2;
        for (y, line) in (body.y..body.y + body.height).zip(right.iter().skip(top)) {
            put(buf, rx, y, body.width - lw - 2, line);
        }
    } else {
        let blank = Vec::new();
        let all: Vec<&Vec<(String, Style)>> = left
            .iter()
            .chain(std::iter::once(&blank))
            .chain(right.iter())
            .collect();
        for (y, line) in (body.y..body.y + body.height).zip(all.into_iter().skip(top)) {
            put(buf, body.x, y, body.width, line);
        }
    }
}

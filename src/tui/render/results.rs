//! The search results list (in the reader's place while the search line is open).

use std::fmt::Write as _;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::{marked, pane_block, put, render_in};
use crate::tui::app::{App, IndexState, Pane};
use crate::tui::layout::inner;
use crate::tui::wrap::char_width;

pub fn draw(buf: &mut Buffer, app: &App, area: Rect) {
    let s = &app.search;
    let t = app.theme;
    let pending = s.jobs.pending();
    let title = match &s.results {
        Some(r) => format!(
            "搜索结果 {} 段 · {} 篇{}",
            r.total_paragraphs,
            r.total_reports,
            if pending { " …" } else { "" }
        ),
        None if pending => "搜索中…".to_string(),
        None => "搜索".to_string(),
    };
    render_in(pane_block(app, Pane::Reader, &title, false), area, buf);
    let inner = inner(area);
    if inner.height == 0 {
        return;
    }
    let mut header = String::new();
    let mut header_style = t.dim();
    if let Some(e) = &s.error {
        header.clone_from(e);
        header_style = t.error();
    } else if app.index != IndexState::Ready && !s.input.text.trim().is_empty() {
        header = match &app.index {
            IndexState::Segmenting { done, total } => {
                format!("正在建立索引（分词 {done}/{total}），完成后显示结果")
            }
            IndexState::Indexing { done, total } => {
                format!("正在建立索引 {done}/{total}，完成后显示结果")
            }
            IndexState::Failed(e) => format!("索引不可用: {e}"),
            _ => "正在打开索引，完成后显示结果".to_string(),
        };
    } else if let Some(r) = &s.results {
        if r.hits.is_empty() {
            header = "没有找到".to_string();
        } else {
            for (year, n) in &r.per_year {
                let _ = write!(header, "{year}:{n} ");
            }
        }
    } else {
        header =
            "输入关键词；空格=并且，\"短语\"，-排除，OR，region: year: level: section:".to_string();
    }
    put(
        buf,
        inner.x,
        inner.y,
        inner.width,
        &[(header, header_style)],
    );
    let Some(r) = &s.results else { return };
    let width = inner.width as usize;
    let mut y = inner.y + 1;
    for (i, hit) in r.hits.iter().enumerate().skip(s.cursor.scroll) {
        if y >= inner.y + inner.height {
            break;
        }
        let selected = i == s.cursor.selected;
        let style = if selected {
            t.selected(true)
        } else {
            t.accent()
        };
        let year = hit.year.map_or("----".to_string(), |y| y.to_string());
        let region = if hit.region.is_empty() {
            crate::tui::regions::UNKNOWN
        } else {
            hit.region.as_str()
        };
        let head = format!("{region} {year} §{} {}", hit.section, hit.section_title);
        put(buf, inner.x, y, inner.width, &[(head, style)]);
        y += 1;
        if y >= inner.y + inner.height {
            break;
        }
        // Start the snippet so that its first hit is on screen, and cut it at the width.
        let text = &hit.snippet;
        let (start, end) = window(text, hit.highlights.first(), width.saturating_sub(2));
        let marks: Vec<_> = hit
            .highlights
            .iter()
            .map(|h| (h.clone(), t.hit()))
            .collect();
        let mut pieces = vec![("  ".to_string(), Style::default())];
        pieces.extend(marked(text, &(start..end), Style::default(), &marks));
        put(buf, inner.x, y, inner.width, &pieces);
        y += 1;
    }
}

/// The byte window of `text` to show in `width` columns: from the start, or, when the
/// first hit would not fit, ending just after that hit.
fn window(text: &str, hit: Option<&std::ops::Range<usize>>, width: usize) -> (usize, usize) {
    let fits = |from: usize| {
        let mut used = 0;
        for (i, c) in text[from..].char_indices() {
            used += char_width(c);
            if used > width {
                return from + i;
            }
        }
        text.len()
    };
    let end = fits(0);
    let Some(hit) = hit.filter(|h| h.end <= text.len() && text.is_char_boundary(h.end)) else {
        return (0, end);
    };
    if hit.end <= end {
        return (0, end);
    }
    // Walk back from the hit's end until the width is used.
    let mut used = 0;
    let mut start = hit.end;
    for (i, c) in text[..hit.end].char_indices().rev() {
        used += char_width(c);
        if used > width {
            break;
        }
        start = i;
    }
    (start, fits(start))
}

#[cfg(test)]
mod tests {
    use super::window;

    #[test]
    fn the_window_shows_the_first_hit() {
        let text = "一二三四五六七八九十乡村振兴甲乙";
        let at = |s: &str| text.find(s).unwrap();
        // Fits from the start.
        assert_eq!(window(text, Some(&(0..3)), 10), (0, at("六")));
        // The hit is further on: the window ends right after it.
        let hit = at("乡")..at("甲");
        let (s, e) = window(text, Some(&hit), 10);
        assert_eq!(&text[s..e], "十乡村振兴");
        let (s, e) = window(text, Some(&hit), 12);
        assert_eq!(&text[s..e], "九十乡村振兴");
        assert_eq!(window("", None, 5), (0, 0));
    }
}

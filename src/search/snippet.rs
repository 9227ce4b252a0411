//! Snippets: a window of about [`WIDTH`] display columns of a paragraph around its first hit.

use std::ops::Range;

use unicode_width::UnicodeWidthChar;

/// Display columns of a snippet.
pub const WIDTH: usize = 60;
/// Columns kept before the first hit.
const LEAD: usize = 16;

fn width(c: char) -> usize {
    c.width().unwrap_or(0)
}

/// Cuts `text` to about `WIDTH` columns around the first of `highlights` (byte ranges of
/// `text`), marking cuts with `…`; returns the snippet and the highlights inside it.
#[must_use]
pub fn snippet(text: &str, highlights: &[Range<usize>]) -> (String, Vec<Range<usize>>) {
    let total: usize = text.chars().map(width).sum();
    if total <= WIDTH {
        return (text.to_string(), highlights.to_vec());
    }
    let anchor = highlights.first().map_or(0, |r| r.start);
    // Walk back from the anchor up to LEAD columns.
    let mut start = anchor;
    let mut cols = 0;
    for (i, c) in text[..anchor].char_indices().rev() {
        if cols + width(c) > LEAD {
            break;
        }
        cols += width(c);
        start = i;
    }
    // Forward until WIDTH columns.
    let mut end = start;
    let mut cols = 0;
    for (i, c) in text[start..].char_indices() {
        if cols + width(c) > WIDTH {
            break;
        }
        cols += width(c);
        end = start + i + c.len_utf8();
    }
    // Use the room left at the end to show more before the hit.
    if end == text.len() {
        for (i, c) in text[..start].char_indices().rev() {
            if cols + width(c) > WIDTH {
                break;
            }
            cols += width(c);
            start = i;
        }
    }
    // Never cut a hit in two: a window edge inside one moves out to its end.
    for r in highlights {
        if r.start < end && end < r.end {
            end = r.end;
        }
        if r.start < start && start < r.end {
            start = r.start;
        }
    }
    let mut out = String::with_capacity(end - start + 6);
    let prefix = if start > 0 { "…" } else { "" };
    out.push_str(prefix);
    out.push_str(&text[start..end]);
    if end < text.len() {
        out.push('…');
    }
    let shift = prefix.len();
    let hl = highlights
        .iter()
        .filter(|r| r.end > start && r.start < end)
        .map(|r| (r.start.max(start) - start + shift)..(r.end.min(end) - start + shift))
        .collect();
    (out, hl)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_text_is_whole() {
        let hl = std::iter::once(2..8).collect::<Vec<_>>();
        let (s, h) = snippet("推进煤炭清洁利用", &hl);
        assert_eq!(s, "推进煤炭清洁利用");
        assert_eq!(h, hl);
    }

    #[test]
    fn long_text_is_cut_around_the_hit_on_char_boundaries() {
        let text = "一".repeat(100) + "煤炭" + &"二".repeat(100);
        let at = text.find("煤炭").unwrap();
        let hl = std::iter::once(at..at + 6).collect::<Vec<_>>();
        let (s, h) = snippet(&text, &hl);
        assert_eq!(&s[h[0].clone()], "煤炭");
        assert!(s.starts_with('…') && s.ends_with('…'));
        let cols: usize = s.chars().map(width).sum();
        assert!(cols <= WIDTH + 2, "{cols}");
    }

    #[test]
    fn a_hit_at_the_window_end_is_shown_whole() {
        // The window ends 44 columns after the first hit; the second one starts 40 columns
        // after it.
        let text =
            "一".repeat(30) + "高质量发展" + &"二".repeat(15) + "高质量发展" + &"三".repeat(50);
        let hits: Vec<Range<usize>> = text
            .match_indices("高质量发展")
            .map(|(i, m)| i..i + m.len())
            .collect();
        let (s, h) = snippet(&text, &hits);
        assert_eq!(h.len(), 2, "{s}");
        for r in &h {
            assert_eq!(&s[r.clone()], "高质量发展", "{s} {h:?}");
        }
        assert!(s.ends_with("高质量发展…"), "{s}");
    }
}

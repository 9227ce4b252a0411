//! Wrapping paragraphs into screen lines by display width.
//!
//! Each paragraph is wrapped once per width into byte ranges of the original string, so
//! search-hit byte offsets map straight to screen lines. The Chinese line-breaking rule is
//! kept: closing punctuation (。，、；：？！）」》” …) never starts a line and opening
//! punctuation (（「《“ …) never ends one. ratatui's own wrapping is not used for CJK text
//! (it moves a whole CJK run after a space to the next line, ratatui issue 1199).

use std::ops::Range;

use unicode_width::UnicodeWidthChar;

use crate::corpus::Report;

/// Characters that may not start a line.
const NO_START: &str = "。，、；：？！）」』》〉】〕”’…—·.,;:?!)]}%";
/// Characters that may not end a line.
const NO_END: &str = "（「『《〈【〔“‘([{";

/// Display width of one character as the reader draws it (control characters are drawn
/// as one replacement character, see [`crate::text::terminal_safe`]).
#[must_use]
pub fn char_width(c: char) -> usize {
    if c.is_control() {
        1
    } else {
        c.width().unwrap_or(0)
    }
}

/// Display width of a string as the reader draws it.
#[must_use]
pub fn str_width(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

fn is_word(c: char) -> bool {
    c.is_ascii_alphanumeric()
}

/// Whether a line must not break before `chars[b]`: closing punctuation would start a line,
/// opening punctuation would end one, or an ASCII word or a decimal number (`5.2`) would be cut.
fn bad_break(chars: &[(usize, char)], b: usize) -> bool {
    let next = chars[b].1;
    let prev = chars[b - 1].1;
    let decimal_point =
        prev == '.' && next.is_ascii_digit() && b >= 2 && chars[b - 2].1.is_ascii_digit();
    NO_START.contains(next)
        || NO_END.contains(prev)
        || (is_word(next) && is_word(prev))
        || decimal_point
}

/// Wraps `text` into lines of at most `width` columns, as byte ranges of `text`.
///
/// An empty text gives one empty line; a width of 0 gives no lines.
#[must_use]
pub fn wrap(text: &str, width: usize) -> Vec<Range<usize>> {
    if width == 0 {
        return Vec::new();
    }
    if text.is_empty() {
        #[allow(clippy::single_range_in_vec_init)] // one empty line
        return vec![0..0];
    }
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut lines = Vec::new();
    let mut start = 0; // index into `chars`
    while start < chars.len() {
        // Greedy: as many characters as fit.
        let mut used = 0;
        let mut end = start;
        while end < chars.len() {
            let w = char_width(chars[end].1);
            if used + w > width && end > start {
                break;
            }
            used += w;
            end += 1;
        }
        if end < chars.len() {
            // Move the break back so that no line starts with closing punctuation, none ends
            // with opening punctuation, and an ASCII word is not cut (when that is possible).
            let mut b = end;
            while b > start + 1 && bad_break(&chars, b) {
                b -= 1;
            }
            // Give up on the rule only when the whole line would have to move.
            let too_far = b == start + 1 && bad_break(&chars, b);
            if !too_far {
                end = b;
            }
        }
        let from = chars[start].0;
        let to = chars.get(end).map_or(text.len(), |c| c.0);
        lines.push(from..to);
        start = end;
    }
    lines
}

/// One screen line of a wrapped report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrappedLine {
    /// Paragraph index.
    pub paragraph: usize,
    /// Byte range inside the paragraph's text.
    pub range: Range<usize>,
}

/// A whole report wrapped at one width.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wrapped {
    pub report: String,
    pub width: usize,
    pub lines: Vec<WrappedLine>,
    /// Index in `lines` of each paragraph's first line.
    pub para_start: Vec<usize>,
}

impl Wrapped {
    /// Wraps every paragraph of a report.
    #[must_use]
    pub fn new(report: &Report, width: usize) -> Wrapped {
        let mut lines = Vec::new();
        let mut para_start = Vec::with_capacity(report.paragraphs.len());
        for (i, p) in report.paragraphs.iter().enumerate() {
            para_start.push(lines.len());
            for range in wrap(&p.text, width) {
                lines.push(WrappedLine {
                    paragraph: i,
                    range,
                });
            }
        }
        Wrapped {
            report: report.meta.id.clone(),
            width,
            lines,
            para_start,
        }
    }

    /// The screen line holding byte `offset` of paragraph `para`.
    #[must_use]
    pub fn line_of(&self, para: usize, offset: usize) -> usize {
        let Some(&first) = self.para_start.get(para) else {
            return self.lines.len().saturating_sub(1);
        };
        let mut line = first;
        while let Some(next) = self.lines.get(line + 1) {
            if next.paragraph != para || next.range.start > offset {
                break;
            }
            line += 1;
        }
        line
    }

    /// The paragraph shown on screen line `line` (the last one past the end).
    #[must_use]
    pub fn paragraph_at(&self, line: usize) -> usize {
        self.lines
            .get(line)
            .or(self.lines.last())
            .map_or(0, |l| l.paragraph)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(text: &str, width: usize) -> Vec<&str> {
        wrap(text, width).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn wraps_by_display_width() {
        assert_eq!(pieces("一二三四五六", 4), ["一二", "三四", "五六"]);
        assert_eq!(pieces("一二三四五六", 5), ["一二", "三四", "五六"]);
        assert_eq!(pieces("ab一二", 3), ["ab", "一", "二"]);
    }

    #[test]
    fn closing_punctuation_never_starts_a_line() {
        assert_eq!(pieces("一二三，四五", 6), ["一二", "三，四", "五"]);
        assert_eq!(pieces("一二三。”四五", 6), ["一二", "三。”", "四五"]);
    }

    #[test]
    fn opening_punctuation_never_ends_a_line() {
        assert_eq!(pieces("一二三（四", 8), ["一二三", "（四"]);
        assert_eq!(pieces("一二《三》", 6), ["一二", "《三》"]);
    }

    #[test]
    fn ascii_words_are_kept_whole() {
        assert_eq!(pieces("发展5G网络", 5), ["发展", "5G网", "络"]);
        assert_eq!(pieces("GDP增长", 4), ["GDP", "增长"]);
    }

    #[test]
    fn decimal_numbers_are_kept_whole() {
        // Greedy wrapping at 9 columns would end the first line on 增长5. and start the next
        // with 2%; the number moves to the next line whole.
        assert_eq!(
            pieces("经济增长5.2%，就业", 9),
            vec!["经济增长", "5.2%，就", "业"]
        );
        // A full stop after a number is not a decimal point: 。 rules still apply.
        assert_eq!(pieces("ab. cd", 3), vec!["ab.", " cd"]);
    }

    #[test]
    fn impossible_rules_fall_back_to_the_width() {
        assert_eq!(pieces("，，，，", 4), ["，，", "，，"]);
        assert_eq!(pieces("一", 1), ["一"]);
        assert!(pieces("一二", 0).is_empty());
        assert_eq!(pieces("", 5), [""]);
    }

    #[test]
    fn lines_never_exceed_the_width() {
        let text = "今年发展主要预期目标是：国内生产总值增长5%左右；城镇新增就业1200万人以上，（城镇调查失业率）5.5%左右。";
        for w in 2..30 {
            for r in wrap(text, w) {
                assert!(str_width(&text[r.clone()]) <= w, "{w}: {:?}", &text[r]);
            }
            let joined: String = wrap(text, w).into_iter().map(|r| &text[r]).collect();
            assert_eq!(joined, text);
        }
    }
}

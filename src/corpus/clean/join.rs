//! Joining hard line breaks back into paragraphs.
//!
//! Scraped pages break sentences where the page had a link or a styled span (`河北省_2021` has
//! a line holding only “亲自”), and a dateline is often set over two or three lines. A line is
//! joined onto the paragraph before it only when that paragraph is visibly unfinished: it ends
//! with a clause mark (，、“《（) or with no closing mark at all while long, or the line is a
//! short fragment or starts with closing punctuation. Never across a blank line (except inside
//! a dateline), never onto a heading that stands alone, never a heading or a preamble line
//! onto anything.

use super::lines::{self, Preamble, is_numbered, is_prose, is_terminal, preamble};

/// A line kept for the report, and whether a blank line came before it.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub text: String,
    pub gap_before: bool,
}

/// Closing punctuation that cannot start a paragraph.
fn is_continuation_start(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '、'
            | '；'
            | '：'
            | '！'
            | '？'
            | '）'
            | '》'
            | '」'
            | '』'
            | '”'
            | '’'
            | '%'
            | '％'
            | '‰'
            | ','
            | '.'
            | ';'
            | ')'
    )
}

/// Marks that leave a clause open.
fn is_open_end(c: char) -> bool {
    matches!(
        c,
        '，' | '、' | '“' | '‘' | '《' | '（' | '(' | '「' | '『' | ',' | '和' | '与' | '及'
    )
}

/// True when the paragraph's last mark closes a sentence (。 ！ ？ ； ： …, also inside a
/// closing quote or bracket: 。” ！）).
fn ends_closed(a: &str) -> bool {
    let mut rev = a.chars().rev();
    match rev.next() {
        None => true,
        Some(c) if is_terminal(c) => true,
        Some('”' | '’' | '）' | ')' | '」' | '』' | '》') => {
            rev.next().is_some_and(is_terminal)
        }
        Some(_) => false,
    }
}

/// How a paragraph starts: plainly, with a heading number (一、 （一） 1. …), or as an
/// appendix (附件, 名词解释).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Start {
    Plain,
    Numbered,
    Appendix,
}

/// The paragraph being built, with what the joining rules ask of it kept up to date, so a
/// long run of joined lines costs linear time.
struct Para {
    text: String,
    chars: usize,
    pre: Option<Preamble>,
    /// How the paragraph starts.
    start: Start,
    /// Holds a sentence stop (。！？；).
    stop: bool,
    comma: bool,
    /// Built by joining.
    joined: bool,
    /// Characters of its last source line.
    last_len: usize,
}

impl Para {
    fn new(text: String) -> Para {
        Para {
            chars: text.chars().count(),
            pre: preamble(&text),
            start: if lines::is_appendix_start(&text) {
                Start::Appendix
            } else if is_numbered(&text) {
                Start::Numbered
            } else {
                Start::Plain
            },
            stop: text.contains(['。', '！', '？', '；']),
            comma: text.contains('，'),
            joined: false,
            last_len: text.chars().count(),
            text,
        }
    }

    fn push(&mut self, b: &str) {
        let ascii_seam = self
            .text
            .chars()
            .last()
            .is_some_and(|x| x.is_ascii_alphanumeric())
            && b.chars().next().is_some_and(|x| x.is_ascii_alphanumeric());
        if ascii_seam {
            self.text.push(' ');
            self.chars += 1;
        }
        self.text.push_str(b);
        self.last_len = b.chars().count();
        self.chars += self.last_len;
        self.stop |= b.contains(['。', '！', '？', '；']);
        self.comma |= b.contains('，');
        self.joined = self.pre != Some(Preamble::DatelineStart);
        self.pre = if self.chars <= 90 {
            preamble(&self.text)
        } else {
            None
        };
    }

    fn last(&self) -> Option<char> {
        self.text.chars().next_back()
    }

    /// A heading standing alone: numbered, no sentence in it, not left open.
    fn bare_heading(&self) -> bool {
        self.start == Start::Numbered && !self.stop && !self.last().is_some_and(is_open_end)
    }
}

/// Whether `b` continues the paragraph `a`; `c` is the line after `b` if no blank line
/// separates them.
fn should_join(a: &Para, b: &str, gap_before: bool, c: Option<&str>, wrap: Option<usize>) -> bool {
    let pb = preamble(b);
    let b_chars = b.chars().count();
    if a.pre == Some(Preamble::DatelineStart) {
        return b_chars <= 40
            && !matches!(
                pb,
                Some(Preamble::Opening | Preamble::Speaker | Preamble::Title)
            )
            && !is_numbered(b)
            && lines::furniture(b).is_none();
    }
    if gap_before || a.pre.is_some() || pb.is_some() {
        return false;
    }
    if is_numbered(b) || lines::is_appendix_start(b) || a.start == Start::Appendix {
        return false;
    }
    let Some(first) = b.chars().next() else {
        return false;
    };
    if is_continuation_start(first) && !b.starts_with("——") {
        return true;
    }
    if a.bare_heading() || ends_closed(&a.text) {
        return false;
    }
    if a.last().is_some_and(is_open_end) {
        return true;
    }
    // Unfinished: long, or a clause already under way, or `b` is a fragment — short, or
    // itself continued by closing punctuation on the next line.
    let b_continued = c
        .and_then(|c| c.chars().next())
        .is_some_and(is_continuation_start);
    // A fragment of a word or two (新建省 / 级乡村振兴示范区…), or a paragraph already built
    // from fragments, goes on.
    let a_fragment = a.joined
        || (a.chars <= 4
            && a.text.chars().all(lines::is_han)
            && !matches!(
                a.text.as_str(),
                "前言" | "序言" | "引言" | "结语" | "结束语"
            ));
    // A line as wide as the text's wrap width (a converted PDF or a fixed-width text) was
    // wrapped, not ended.
    let wrapped = wrap.is_some_and(|w| a.last_len + 2 >= w);
    a.chars >= 30
        || a.stop
        || wrapped
        || a_fragment
        || (b_chars <= 8 && !is_prose(b))
        || (!is_prose(b) && (a.comma || b_continued))
}

/// The width at which the text was wrapped, if it was: the most common line length (15 to
/// 60 characters), when at least a fifth of the lines (and 8 or more) have it, give or take one.
fn wrap_width(cands: &[Candidate]) -> Option<usize> {
    let mut counts = [0usize; 62];
    for c in cands {
        let n = c.text.chars().take(62).count();
        if (15..=60).contains(&n) {
            counts[n] += 1;
        }
    }
    let (w, k) = (16..=60)
        .map(|w| (w, counts[w - 1] + counts[w] + counts[w + 1]))
        .max_by_key(|&(w, k)| (k, w))?;
    (k >= 8 && k * 5 >= cands.len()).then_some(w + 1)
}

/// Joins hard-broken lines into paragraphs.
pub fn join(cands: Vec<Candidate>) -> Vec<String> {
    let wrap = wrap_width(&cands);
    let mut out: Vec<String> = Vec::with_capacity(cands.len());
    let mut para: Option<Para> = None;
    let mut iter = cands.into_iter().peekable();
    while let Some(c) = iter.next() {
        let next = iter
            .peek()
            .filter(|n| !n.gap_before)
            .map(|n| n.text.as_str());
        if let Some(a) = para.as_mut() {
            if should_join(a, &c.text, c.gap_before, next, wrap) {
                a.push(&c.text);
                continue;
            }
        }
        if let Some(done) = para.replace(Para::new(c.text)) {
            out.push(done.text);
        }
    }
    if let Some(done) = para {
        out.push(done.text);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(lines: &[&str]) -> Vec<String> {
        join(
            lines
                .iter()
                .map(|l| Candidate {
                    text: (*l).to_string(),
                    gap_before: false,
                })
                .collect(),
        )
    }

    #[test]
    fn joins_broken_sentences() {
        let got = run(&[
            "一、2020年工作回顾",
            "2020年是极不平凡的一年，习近平总书记高瞻远瞩、审时度势，",
            "亲自",
            "指挥、",
            "亲自",
            "部署，带领全党全国各族人民沉着应对。",
            "（一）疫情防控取得重大成果。",
        ]);
        assert_eq!(
            got,
            [
                "一、2020年工作回顾",
                "2020年是极不平凡的一年，习近平总书记高瞻远瞩、审时度势，亲自指挥、亲自部署，带领全党全国各族人民沉着应对。",
                "（一）疫情防控取得重大成果。",
            ]
        );
    }

    #[test]
    fn joins_lines_wrapped_at_a_fixed_width() {
        let mut lines = vec!["各位代表："];
        for _ in 0..5 {
            lines.extend([
                "现在，我代表市人民政府，向大会报告工作，请予",
                "审议，并请市政协委员和列席人员提出意见。",
            ]);
        }
        let got = run(&lines);
        assert_eq!(got.len(), 6);
        assert_eq!(
            got[1],
            "现在，我代表市人民政府，向大会报告工作，请予审议，并请市政协委员和列席人员提出意见。"
        );
    }

    #[test]
    fn keeps_headings_and_preamble_apart() {
        let got = run(&[
            "政府工作报告",
            "——2020年3月31日在市八届人大六次会议上",
            "市长 李春生",
            "各位代表：",
            "2017年工作回顾",
            "过去一年，我们砥砺前行，取得了新成绩。",
        ]);
        assert_eq!(got.len(), 6);
    }

    #[test]
    fn joins_a_dateline_over_lines_and_blanks() {
        let got = join(vec![
            Candidate {
                text: "2020年6月29日在阿拉善左旗".into(),
                gap_before: false,
            },
            Candidate {
                text: "第十五届人民代表大会第三次会议上".into(),
                gap_before: true,
            },
            Candidate {
                text: "阿拉善左旗人民政府旗长 戈 明".into(),
                gap_before: true,
            },
        ]);
        assert_eq!(
            got,
            [
                "2020年6月29日在阿拉善左旗第十五届人民代表大会第三次会议上",
                "阿拉善左旗人民政府旗长 戈 明"
            ]
        );
    }
}

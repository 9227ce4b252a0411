//! Paragraphs to the section tree: numbering levels, preamble, closing, appendices, glossary.
//!
//! The tree is built in one pass over the lines after three cheap scans:
//! 1. where the appendices start (名词解释, 附件), so their numbered entries are not headings;
//! 2. which numbered lines may be headings ([`parse_numbering`] plus a length check);
//! 3. whether the report has unnumbered top-level parts (bare lines such as “2017年工作回顾”
//!    before each restart of 一、).
//!
//! A numbered line becomes a heading only when it continues the sequence under its parent
//! (the next number, or 1 under a new parent), so lists inside paragraphs and stray
//! numbers do not break the tree. The level of a numbering style is decided by the order in
//! which the styles first appear in the report; a heading's parent is the innermost open
//! section whose style came earlier, so a report may skip a level (一、 then 1.).

mod glossary;
mod run_in;

use std::collections::{HashMap, HashSet};

use super::model::{GlossaryEntry, Paragraph, Section, SectionKind};
use super::numbering::{NumberStyle, Numbering, parse_numbering};

/// A run-in heading's title (the lead phrase) longer than this is taken for a paragraph.
const MAX_TITLE_CHARS: usize = 60;
/// A heading standing alone on its line may be this long.
const MAX_LINE_TITLE_CHARS: usize = 80;
/// A bare (unnumbered) top-level heading is at most this long.
const MAX_BARE_CHARS: usize = 30;
/// A numbered line with at most this much after its number, and no word, is a heading cut
/// by a hard line break.
const CUT_HEADING_CHARS: usize = 3;
/// A cut heading's title is looked for in this many following lines.
const CUT_HEADING_LINES: usize = 3;
/// The opening address line is at most this long (各位代表、各位委员、同志们：).
const OPENING_CHARS: usize = 14;
/// The head of a report with no opening address is looked for in this many lines.
const HEAD_SCAN: usize = 10;
/// A line of the head is at most this long.
const MAX_HEAD_CHARS: usize = 50;
/// An excerpt's first heading may be numbered up to this.
const MAX_EXCERPT_START: u32 = 3;
/// A bare top-level heading is followed by a line at least this long.
const MIN_BODY_CHARS: usize = 30;
/// The 各位代表 line that ends the preamble is looked for in this many lines.
const PREAMBLE_SCAN: usize = 80;
/// The closing appeal stands within this many paragraphs of the end of the body.
const CLOSING_SCAN: usize = 12;

/// The parsed structure of a report.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Outline {
    pub sections: Vec<Section>,
    /// One per input line, in order, with the same text.
    pub paragraphs: Vec<Paragraph>,
    pub glossary: Vec<GlossaryEntry>,
    /// What stayed uncertain (a heading whose end is a guess, numbering that restarts).
    pub warnings: Vec<String>,
}

/// The line with its indentation (ASCII, U+3000, U+00A0 spaces) removed.
pub(crate) fn trim(line: &str) -> &str {
    line.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}' || c == '\u{a0}')
}

/// Is this the address that opens the speech (各位代表：, 各位代表、同志们：, 同志们：)?
/// A 各位代表！ inside the speech is not: the opening stands alone or runs into 现在，….
pub(crate) fn is_opening_address(line: &str) -> bool {
    let t = trim(line);
    let Some(rest) = ["各位代表", "同志们", "各位委员"]
        .iter()
        .find_map(|w| t.strip_prefix(w))
    else {
        return false;
    };
    if t.chars().count() <= OPENING_CHARS {
        return true;
    }
    // 各位代表：现在，我代表… (the address joined with the first paragraph)
    let mut after = rest.chars();
    while after
        .clone()
        .next()
        .is_some_and(|c| !matches!(c, '：' | ':' | '！' | '!' | '，' | ','))
    {
        after.next();
    }
    after.next();
    trim(after.as_str()).starts_with("现在")
}

fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3400}'..='\u{4dbf}').contains(&c)
}

/// Whether [`squeeze`] keeps `c` (it is not a space of any width).
fn is_kept(c: char) -> bool {
    !c.is_whitespace() && c != '\u{3000}' && c != '\u{a0}'
}

/// The line with every space removed: `名 词 解 释` → `名词解释`.
fn squeeze(line: &str) -> String {
    line.chars().filter(|&c| is_kept(c)).collect()
}

/// Punctuation trimmed from the end of a title, and the `?` or U+FFFD that stands for a
/// character lost in conversion (2014年重点工作?).
fn is_trailing_punct(c: char) -> bool {
    matches!(
        c,
        '。' | '：' | ':' | '；' | ';' | '，' | ',' | '、' | '.' | '．' | '?' | '\u{fffd}'
    ) || c.is_whitespace()
        || c == '\u{3000}'
}

/// The title of a heading from the text after its numbering: the lead phrase up to the first
/// 。 or ：, or up to where its first sentence starts when the heading runs straight into it
/// (`2023年工作回顾2023年，面对…`: see [`run_in`]), trailing punctuation trimmed.
pub(crate) fn heading_title(rest: &str) -> String {
    let rest = trim(rest);
    let cut = rest
        .char_indices()
        .find(|(i, c)| {
            *c == '。'
                || *c == '：'
                // an ASCII colon, but not a time such as 10:30
                || (*c == ':'
                    && !rest[i + 1..]
                        .chars()
                        .next()
                        .is_some_and(|d| d.is_ascii_digit()))
        })
        .map_or(rest.len(), |(i, _)| i);
    let lead = &rest[..cut];
    let cut = [run_in::sentence_start(lead), run_in::part_name_end(lead)]
        .into_iter()
        .flatten()
        .min()
        .unwrap_or(cut);
    rest[..cut].trim_end_matches(is_trailing_punct).to_string()
}

/// Is this the heading of a glossary (名词解释, 名 词 解 释, 有关名词解释, 注释, 附：名词解释)?
pub(crate) fn is_glossary_heading(line: &str) -> bool {
    let s = squeeze(line);
    let s = s.trim_end_matches(['：', ':']);
    if s.chars().count() > 24 {
        return false;
    }
    let s = s
        .strip_prefix("附件")
        .map(|r| r.trim_start_matches(|c: char| c.is_ascii_digit()))
        .or_else(|| s.strip_prefix("附"))
        .map_or(s, |r| r.trim_start_matches(['：', ':']));
    // 《政府工作报告》有关名词解释, 政府工作报告名词、术语注释
    let s = match s.strip_prefix('《') {
        Some(r) => r.split_once('》').map_or(s, |(_, after)| after),
        None => s.strip_prefix("政府工作报告").unwrap_or(s),
    };
    let s = s.strip_prefix("有关").unwrap_or(s);
    // 名词、术语注释 / 名词和术语解释 → 名词术语注释
    let s = ["名词、术语", "名词和术语", "名词及术语"]
        .iter()
        .fold(s.to_string(), |acc, sep| acc.replace(sep, "名词术语"));
    matches!(
        s.as_str(),
        "名词解释"
            | "名词注释"
            | "名词解析"
            | "词语解释"
            | "注释"
            | "注解"
            | "释义"
            | "名词释义"
            | "名词术语解释"
            | "名词术语注释"
            | "术语解释"
            | "术语注释"
    )
}

/// Is this the heading of an attachment (附件, 附件：, 附件1：…, 附录, 附表, 附：…)?
fn is_attachment_heading(line: &str) -> bool {
    let s = squeeze(line);
    if s.chars().count() <= 40
        && ["附：", "附:", "附录", "附表"]
            .iter()
            .any(|p| s.starts_with(p))
    {
        return true;
    }
    let Some(rest) = s.strip_prefix("附件") else {
        return false;
    };
    let rest = rest.trim_start_matches(|c: char| c.is_ascii_digit());
    s.chars().count() <= 40 && (rest.is_empty() || rest.starts_with(['：', ':']))
}

/// A part of a report titled by its year: 2015年工作回顾, 2016年工作安排, 2004年工作重点,
/// 2004年经济社会发展主要情况.
pub(crate) fn is_year_part(t: &str) -> bool {
    let Some(rest) = t
        .get(..4)
        .filter(|y| y.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|_| t[4..].strip_prefix('年'))
    else {
        return false;
    };
    rest.chars().count() <= 14
        && [
            "工作回顾",
            "工作安排",
            "工作总结",
            "工作重点",
            "主要任务",
            "工作任务",
            "主要情况",
            "发展目标",
        ]
        .iter()
        .any(|k| rest.ends_with(k))
}

/// A line that is only a year part's title, with or without a colon (2015年工作回顾：).
pub(crate) fn is_year_part_line(line: &str) -> bool {
    is_year_part(trim(line).trim_end_matches(['：', ':']))
}

/// A slogan before a part's name: 2 to 8 Chinese characters (承前启后, 砥砺奋进).
const MAX_SLOGAN_CHARS: usize = 8;

/// Could this line be a bare (unnumbered) top-level heading such as “2017年工作回顾”, or
/// a slogan and a part's name (承前启后：2015年工作回顾)?
pub(crate) fn is_bare_heading(line: &str) -> bool {
    let t = trim(line);
    if let Some((slogan, name)) = t.split_once(['：', ':']) {
        let n = slogan.chars().count();
        if (2..=MAX_SLOGAN_CHARS).contains(&n)
            && slogan.chars().all(is_han)
            && !["专栏", "附", "注", "来源", "标题", "报告", "代表", "同志"]
                .iter()
                .any(|w| slogan.contains(w))
            && run_in::names_a_part(name)
            && plain_bare_heading(name)
        {
            return true;
        }
    }
    plain_bare_heading(t)
}

/// [`is_bare_heading`] for a line without a slogan.
fn plain_bare_heading(t: &str) -> bool {
    // A part titled with its year may end with a colon (summaries: 2015年工作回顾：).
    let t = match t.strip_suffix(['：', ':']) {
        Some(r) if is_year_part(r) => r,
        _ => t,
    };
    let chars = t.chars().count();
    if !(4..=MAX_BARE_CHARS).contains(&chars) || parse_numbering(t).is_some() {
        return false;
    }
    if t.chars().any(|c| {
        matches!(
            c,
            '。' | '，'
                | '；'
                | '：'
                | '！'
                | '？'
                | ','
                | ';'
                | ':'
                | '!'
                | '?'
                | '、'
                | '…'
                | '—'
                | '-'
                | '（'
                | '('
                | '【'
                | '['
                | '《'
                | '|'
                | '>'
                | '/'
        ) || c.is_whitespace()
            || c == '\u{3000}'
    }) {
        return false;
    }
    let han = t.chars().filter(|c| is_han(*c)).count();
    han * 2 >= chars
        && ![
            "工作报告",
            "会议",
            "各位代表",
            "人民政府",
            "责任编辑",
            "来源",
        ]
        .iter()
        .any(|w| t.contains(w))
}

/// Is the line a heading alone, with no sentence after it (at most a final 。)?
fn stands_alone(line: &str) -> bool {
    !trim(line)
        .trim_end_matches('。')
        .contains(['。', '：', ':'])
}

/// A numbered line that may be a heading, with its title.
#[derive(Debug, Clone)]
struct Candidate {
    line: usize,
    numbering: Numbering,
    title: String,
    /// The number of the next candidate in the same style, if any.
    next_value: Option<u32>,
    /// The lead phrase is too long for a title and no sentence start was found in it: a
    /// heading only where the outermost numbering sequence needs it, with its title a guess.
    weak: bool,
    /// The title goes on over the next line (a heading split over two lines).
    joined: bool,
}

/// A line that carries on the heading above it is at most this long.
const MAX_CONTINUATION_CHARS: usize = 24;

/// Does `next` carry on a heading that stands alone on `line` (a heading split over two
/// lines)? Only when the text shows it: the heading ends in a word or mark that cannot end a
/// title (和, 的, 、, an open “ or 《) or the next line starts with one that cannot start a
/// line (”, 》, 、), and the next line is short, plain and not a heading itself.
fn continues_heading(line: &str, next: &str) -> bool {
    let (line, next) = (trim(line), trim(next));
    let open_quotes =
        line.matches(['“', '《', '（', '(']).count() > line.matches(['”', '》', '）', ')']).count();
    let cut = open_quotes
        || line.ends_with(['和', '与', '及', '的', '、', '，', '“', '《', '—'])
        || next.starts_with(['”', '》', '）', '、', '和', '与', '及']);
    let n = next.chars().count();
    cut && (2..=MAX_CONTINUATION_CHARS).contains(&n)
        && !next.contains(['。', '；', '：', '！', '？', ';', ':', '!', '?'])
        && parse_numbering(next).is_none()
        && !is_year_part_line(next)
        && next.chars().any(is_han)
}

/// The title guessed for a heading that runs into its text with no sign of where it ends:
/// its first clause up to a likely sentence opener (面对, 我们, 全市), cut to a title's length.
fn guessed_title(rest: &str) -> String {
    let rest = trim(rest);
    let clause = rest
        .split(['，', ',', '。', '；', '：'])
        .next()
        .unwrap_or(rest);
    let clause = &clause[..run_in::likely_sentence_start(clause).unwrap_or(clause.len())];
    clause
        .chars()
        .take(MAX_BARE_CHARS)
        .collect::<String>()
        .trim_end_matches(is_trailing_punct)
        .to_string()
}

/// The numbered lines of `lines[from..to]` that may be headings: a number, then a short
/// lead phrase.
fn numbered_candidates(lines: &[String], from: usize, to: usize) -> Vec<Candidate> {
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate().take(to).skip(from) {
        let Some(numbering) = parse_numbering(line) else {
            continue;
        };
        let rest = &line[numbering.len..];
        let mut title = heading_title(rest);
        // A heading cut by hard line breaks ("二、“" / "十四五" / "”时期…"): its title goes on
        // over the following short fragments.
        let fragment = !title.chars().any(is_han) && rest.chars().count() <= CUT_HEADING_CHARS;
        if fragment {
            let mut acc = trim(rest).to_string();
            for next in lines.iter().take(to).skip(i + 1).take(CUT_HEADING_LINES) {
                let next = trim(next);
                acc.push_str(next);
                if next.chars().count() > CUT_HEADING_CHARS + 1 {
                    break;
                }
            }
            title = heading_title(&acc);
        }
        let alone = stands_alone(line);
        let joined = !fragment && alone && i + 1 < to && continues_heading(line, &lines[i + 1]);
        if joined {
            title = heading_title(&format!("{}{}", trim(rest), trim(&lines[i + 1])));
        }
        let chars = title.chars().count();
        // A title needs words: "1. <blockquote>" (markup) is not one.
        let wordy = title.chars().any(is_han);
        let max = if alone {
            MAX_LINE_TITLE_CHARS
        } else {
            MAX_TITLE_CHARS
        };
        if !wordy {
            continue;
        }
        let weak = chars > max;
        // Only the outermost styles may have a heading whose end is a guess: a long
        // numbered paragraph in a list of 1. 2. 3. is not a heading.
        if weak && !matches!(numbering.style, NumberStyle::Chinese | NumberStyle::Part) {
            continue;
        }
        if weak {
            title = guessed_title(rest);
        }
        out.push(Candidate {
            line: i,
            numbering,
            title,
            next_value: None,
            weak,
            joined,
        });
    }
    let mut next: HashMap<NumberStyle, u32> = HashMap::new();
    for c in out.iter_mut().rev() {
        c.next_value = next.insert(c.numbering.style, c.numbering.value);
    }
    out
}

/// Is a bare line followed by real text (a line of some length) before the next bare line?
fn has_body(lines: &[String], line: usize, to: usize) -> bool {
    lines[line + 1..to]
        .iter()
        .take_while(|l| !is_bare_heading(l))
        .any(|l| trim(l).chars().count() >= MIN_BODY_CHARS)
}

/// Lines that are unnumbered top-level parts (2018年南山区: “2017年工作回顾” 一、…
/// “2018年主要工作” 一、…; 2026年甘肃省: “‘十四五’时期工作回顾” with no numbering at all
/// until the third part).
///
/// The report is taken to have them when the outermost numbering style restarts (一、
/// again) with a bare line before each restart, or when a bare line comes before the first
/// numbered heading and there are at least two. Then every bare line followed by text is a
/// part, unless it would cut a numbered sequence (the next heading of the outermost style
/// after it must be a 1, or there must be none).
fn bare_top_level(lines: &[String], cands: &[Candidate], from: usize, to: usize) -> Vec<usize> {
    let bare: Vec<usize> = (from..to)
        // a year part (2004年工作重点：) may head only short numbered items
        .filter(|&i| {
            is_bare_heading(&lines[i]) && (has_body(lines, i, to) || is_year_part_line(&lines[i]))
        })
        .collect();
    let Some(&first_bare) = bare.first() else {
        return Vec::new();
    };
    let first_top = cands.iter().find(|c| c.numbering.value == 1);
    let style = first_top.map(|c| c.numbering.style);
    // Lines and numbers of the headings in the outermost style, in order.
    let top: Vec<(usize, u32)> = cands
        .iter()
        .filter(|c| Some(c.numbering.style) == style)
        .map(|c| (c.line, c.numbering.value))
        .collect();
    let bare_between = |lo: usize, hi: usize| {
        let k = bare.partition_point(|&b| b < lo);
        bare.get(k).is_some_and(|&b| b < hi)
    };
    // (A) every 1 of the outermost style has a bare line between it and the previous
    // heading of that style (or the preamble).
    let mut starts = 0;
    let mut restarts = true;
    for (k, &(line, value)) in top.iter().enumerate() {
        if value == 1 {
            starts += 1;
            let floor = if k == 0 { from } else { top[k - 1].0 + 1 };
            restarts &= bare_between(floor, line);
        }
    }
    let restarts = restarts && starts >= 2;
    // (B) the report opens its body with a bare line.
    let opens_bare = bare.len() >= 2 && first_top.is_none_or(|t| first_bare < t.line);
    if !restarts && !opens_bare {
        return Vec::new();
    }
    bare.iter()
        .copied()
        .filter(|&b| {
            let k = top.partition_point(|&(line, _)| line <= b);
            top.get(k).is_none_or(|&(_, value)| value == 1)
        })
        .collect()
}

/// Index one past the 各位代表 line that opens the speech, if it comes before the first
/// numbered heading; else 0. Numbered lines before it are not headings.
fn preamble_end(lines: &[String]) -> usize {
    for (i, l) in lines.iter().enumerate().take(PREAMBLE_SCAN) {
        if is_opening_address(l) {
            return i + 1;
        }
        if parse_numbering(l).is_some_and(|n| n.value == 1 && l[n.len..].chars().any(is_han)) {
            return 0;
        }
    }
    0
}

/// With no opening address: one past the last line of the head (title, dateline, speaker:
/// lines naming 工作报告, 会议 or 人民政府, or opening with a dash) among the first lines, so
/// a masthead such as 中华人民共和国 is not taken for a part.
fn head_end(lines: &[String]) -> usize {
    lines
        .iter()
        .take(HEAD_SCAN)
        .rposition(|l| {
            let t = trim(l);
            // a head line, not a sentence of the speech that mentions the meeting
            let short = t.chars().count() <= MAX_HEAD_CHARS && !t.contains(['，', '。', ',']);
            short
                && (["工作报告", "会议", "人民政府"]
                    .iter()
                    .any(|w| t.contains(w))
                    || t.starts_with(['—', '―', '-', '－']))
        })
        .map_or(0, |i| i + 1)
}

/// Whether [`squeeze`] would leave at most `n` characters of `line` (a heading's length;
/// the longer lines of a report are told apart without copying them).
fn at_most_chars(line: &str, n: usize) -> bool {
    line.chars().filter(|&c| is_kept(c)).nth(n).is_none()
}

/// Where the appendices start: glossary and attachment headings in the second half of the
/// report's text (a stray 注释 line in the body must not swallow the speech).
fn appendix_starts(lines: &[String]) -> Vec<(usize, SectionKind)> {
    let total: usize = lines.iter().map(String::len).sum();
    let mut before = 0;
    let mut out = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        let at = before;
        before += l.len();
        if i == 0 || at * 2 < total || !at_most_chars(l, 40) {
            continue;
        }
        if is_glossary_heading(l) {
            out.push((i, SectionKind::Glossary));
        } else if is_attachment_heading(l) {
            out.push((i, SectionKind::Appendix));
        }
    }
    out
}

/// A section being built, with the position of its style in the report's style order.
struct Open {
    index: usize,
    /// Position of the numbering style in the report's order; bare top-level parts are 0.
    rank: usize,
}

/// Builds the tree, one section at a time, keeping the open sections on a stack.
struct Builder {
    sections: Vec<Section>,
    stack: Vec<Open>,
    /// Numbering styles in order of first appearance (a bare top-level style takes slot 0).
    styles: Vec<Option<NumberStyle>>,
    /// Last number used per (parent, style rank).
    last: HashMap<(Option<usize>, usize), u32>,
}

impl Builder {
    fn new(bare: bool) -> Self {
        Builder {
            sections: Vec::new(),
            stack: Vec::new(),
            styles: if bare { vec![None] } else { Vec::new() },
            last: HashMap::new(),
        }
    }

    fn close_until(&mut self, rank: usize, at: usize) {
        while self.stack.last().is_some_and(|o| o.rank >= rank) {
            let o = self.stack.pop().expect("checked");
            self.sections[o.index].end_paragraph = at;
        }
    }

    fn close_all(&mut self, at: usize) {
        self.close_until(0, at);
    }

    /// Would a heading of this numbering continue the sequence here? Returns its rank.
    /// `excerpt`: the text may start in the middle of a report, so its first heading need
    /// not be a 1.
    fn accepts(&self, n: &Numbering, strong: bool, excerpt: bool) -> Option<usize> {
        match self.styles.iter().position(|s| *s == Some(n.style)) {
            Some(rank) => {
                let parent = self
                    .stack
                    .iter()
                    .rev()
                    .find(|o| o.rank < rank)
                    .map(|o| o.index);
                let expected = self.last.get(&(parent, rank)).copied().unwrap_or(0) + 1;
                // One missing heading is tolerated when the line is plainly a heading.
                (n.value == expected || (strong && n.value == expected + 1 && expected > 1))
                    .then_some(rank)
            }
            None => {
                (n.value == 1 || (excerpt && self.styles.is_empty())).then_some(self.styles.len())
            }
        }
    }

    /// Opens a body section at `line` with this rank; a new style is recorded.
    fn open(
        &mut self,
        line: usize,
        rank: usize,
        style: Option<NumberStyle>,
        number: Option<String>,
        value: u32,
        title: String,
    ) {
        if rank == self.styles.len() {
            self.styles.push(style);
        }
        self.close_until(rank, line);
        let parent = self.stack.last().map(|o| o.index);
        let level = parent.map_or(1, |p| self.sections[p].level.saturating_add(1));
        let index = self.sections.len();
        if let Some(p) = parent {
            self.sections[p].children.push(index);
        }
        self.last.insert((parent, rank), value);
        self.sections.push(Section {
            number,
            title,
            level,
            path: String::new(),
            kind: SectionKind::Body,
            parent,
            children: Vec::new(),
            first_paragraph: line,
            end_paragraph: line,
        });
        self.stack.push(Open { index, rank });
    }

    /// Opens a top-level section that is not part of the body (closing, appendix).
    fn open_other(&mut self, line: usize, kind: SectionKind, title: String, path: String) {
        self.close_all(line);
        let index = self.sections.len();
        self.sections.push(Section {
            number: None,
            title,
            level: 1,
            path,
            kind,
            parent: None,
            children: Vec::new(),
            first_paragraph: line,
            end_paragraph: line,
        });
        // Rank 0 with nothing allowed to nest: the stack only holds it to close it.
        self.stack.push(Open { index, rank: 0 });
    }
}

/// Where the closing appeal starts: the 各位代表！…让我们… paragraphs at the very end of the
/// body, after its last heading. Conservative: `None` unless clearly there.
fn closing_start(lines: &[String], last_heading: usize, body_end: usize) -> Option<usize> {
    let from = (last_heading + 1).max(body_end.saturating_sub(CLOSING_SCAN));
    let appeal_words = |t: &str| {
        [
            "让我们",
            "团结在以",
            "更加紧密",
            "奋力",
            "奋斗",
            "实干",
            "凝心聚力",
        ]
        .iter()
        .any(|w| t.contains(w))
    };
    // 各位代表！…让我们…, or a bare 各位代表！ line before the appeal.
    let is_appeal = |i: usize| {
        let t = trim(&lines[i]);
        t.starts_with("各位代表")
            && (appeal_words(t)
                || (t.chars().count() <= 6 && lines.get(i + 1).is_some_and(|n| appeal_words(n))))
    };
    let mut start = (from..body_end).rev().find(|&i| is_appeal(i))?;
    // Earlier 各位代表 paragraphs right before it belong to the same appeal.
    while start > from && trim(&lines[start - 1]).starts_with("各位代表") {
        start -= 1;
    }
    Some(start)
}

/// The lines of `lines[from..to]` the file styles as top-level headings (`styled`: a
/// `.docx`'s `Heading 1` paragraphs), when they are the report's unnumbered parts: at least
/// two, none of them numbered (numbered parts are read from their numbers). Compared
/// without white space, which cleaning may have changed.
fn styled_parts(lines: &[String], styled: &[String], from: usize, to: usize) -> Option<Vec<usize>> {
    if styled.len() < 2 {
        return None;
    }
    let key = |s: &str| -> String { s.chars().filter(|c| !c.is_whitespace()).collect() };
    let wanted: HashSet<String> = styled.iter().map(|h| key(h)).collect();
    let parts: Vec<usize> = (from..to)
        .filter(|&i| wanted.contains(&key(&lines[i])))
        .collect();
    (parts.len() >= 2 && parts.iter().all(|&i| parse_numbering(&lines[i]).is_none()))
        .then_some(parts)
}

/// Builds the section tree over the cleaned lines. Each line becomes one paragraph with
/// exactly the same text; every paragraph belongs to exactly one section.
#[must_use]
pub fn build(lines: Vec<String>) -> Outline {
    build_with_headings(lines, &[])
}

/// [`build`], with the lines the file itself styles as top-level headings (a `.docx`'s
/// `Heading 1` paragraphs): unnumbered ones are the report's parts, whatever their words.
#[must_use]
pub fn build_with_headings(lines: Vec<String>, styled: &[String]) -> Outline {
    let n = lines.len();
    let appendices = appendix_starts(&lines);
    let body_end = appendices.first().map_or(n, |a| a.0);
    let from = preamble_end(&lines);
    let cands = numbered_candidates(&lines, from, body_end);
    let bare_from = if from == 0 { head_end(&lines) } else { from };
    let strong: Vec<Candidate> = cands.iter().filter(|c| !c.weak).cloned().collect();
    let bare = styled_parts(&lines, styled, bare_from.min(body_end), body_end)
        .unwrap_or_else(|| bare_top_level(&lines, &strong, bare_from.min(body_end), body_end));
    // A heading whose end is a guess stands only in a whole outermost sequence (一、二、三、
    // in order with nothing missing or repeated), the report's own evidence that it heads.
    let weak_styles: Vec<NumberStyle> = [NumberStyle::Part, NumberStyle::Chinese]
        .into_iter()
        .filter(|&st| cands.iter().any(|c| c.weak && c.numbering.style == st))
        .filter(|&st| whole_sequence(&cands, st))
        .collect();
    let outermost = usize::from(!bare.is_empty());
    // The outermost numbering is the style numbered 一、二、三、 in order through the body
    // (第一部分 before 一、): it is the top level even when a （一） list comes first, and
    // the numbered lines of other styles before its first heading are not headings.
    let seeded = [NumberStyle::Part, NumberStyle::Chinese]
        .into_iter()
        .find(|&st| bare.is_empty() && whole_sequence(&cands, st));
    let outer_from = seeded.and_then(|st| {
        cands
            .iter()
            .find(|c| c.numbering.style == st && (!c.weak || weak_styles.contains(&st)))
            .map(|c| c.line)
    });

    let mut b = Builder::new(!bare.is_empty());
    if let Some(st) = seeded {
        b.styles.push(Some(st));
    }
    let mut warnings = Vec::new();
    let mut heading = vec![false; n];
    let mut next_cand = cands.iter().peekable();
    let mut next_bare = bare.iter().peekable();
    for i in from..body_end {
        if next_bare.peek() == Some(&&i) {
            next_bare.next();
            let title = trim(&lines[i]).trim_end_matches(['：', ':']).to_string();
            b.open(i, 0, None, None, 0, title);
            heading[i] = true;
            continue;
        }
        while next_cand.peek().is_some_and(|c| c.line < i) {
            next_cand.next();
        }
        let Some(c) = next_cand.peek().filter(|c| c.line == i) else {
            continue;
        };
        if outer_from.is_some_and(|f| i < f) && Some(c.numbering.style) != seeded {
            continue;
        }
        // A heading standing alone on its line (no sentence after it) is a strong one.
        let strong = stands_alone(&lines[i]);
        // An excerpt that starts at 二、: the first heading is a 2 (or 3) standing alone,
        // followed in its style by the next number.
        let v = c.numbering.value;
        let excerpt = strong
            && (2..=MAX_EXCERPT_START).contains(&v)
            && c.next_value.is_none_or(|next| next == v + 1);
        let accepted = b.accepts(&c.numbering, strong, excerpt).filter(|&rank| {
            !c.weak || (rank == outermost && weak_styles.contains(&c.numbering.style))
        });
        if accepted.is_none()
            && c.numbering.value == 1
            && !c.weak
            && b.styles.get(outermost) == Some(&Some(c.numbering.style))
        {
            warnings.push(format!(
                "numbering restarts at {}、 (paragraph {}) with no part heading above it: read as text",
                c.numbering.label,
                i + 1
            ));
        }
        if let Some(rank) = accepted {
            if c.weak {
                warnings.push(format!(
                    "heading {}、 (paragraph {}) runs into its text with no clear end: title “{}” is a guess",
                    c.numbering.label,
                    i + 1,
                    c.title
                ));
            }
            if c.joined {
                heading[i + 1] = true;
            }
            let label = c.numbering.label.clone();
            b.open(
                i,
                rank,
                Some(c.numbering.style),
                Some(label),
                c.numbering.value,
                c.title.clone(),
            );
            heading[i] = true;
        }
    }
    // The closing appeal, after the last heading of the body.
    if let Some(last) = (0..body_end).rev().find(|&i| heading[i]) {
        if let Some(c) = closing_start(&lines, last, body_end) {
            b.open_other(
                c,
                SectionKind::Closing,
                "结束语".to_string(),
                "C".to_string(),
            );
        }
    }
    let mut glossary = Vec::new();
    for (k, &(start, kind)) in appendices.iter().enumerate() {
        let end = appendices.get(k + 1).map_or(n, |a| a.0);
        let title = squeeze(&lines[start])
            .trim_end_matches(is_trailing_punct)
            .to_string();
        b.open_other(start, kind, title, format!("A{}", k + 1));
        heading[start] = true;
        if kind == SectionKind::Glossary {
            glossary.extend(glossary::parse(&lines, start + 1, end));
        }
    }
    b.close_all(n);
    let mut sections = b.sections;
    // Anything before the first section is the preamble.
    let first = sections.first().map_or(n, |s| s.first_paragraph);
    // (Only when it has paragraphs: an empty text has no sections at all.)
    if first > 0 {
        sections.insert(
            0,
            Section {
                number: None,
                title: "前言".to_string(),
                level: 1,
                path: "0".to_string(),
                kind: SectionKind::Preamble,
                parent: None,
                children: Vec::new(),
                first_paragraph: 0,
                end_paragraph: first,
            },
        );
        for s in sections.iter_mut().skip(1) {
            s.parent = s.parent.map(|p| p + 1);
            for c in &mut s.children {
                *c += 1;
            }
        }
    }
    assign_paths(&mut sections);
    let paragraphs = assign_paragraphs(lines, &sections, &heading);
    Outline {
        sections,
        paragraphs,
        glossary,
        warnings,
    }
}

/// Do the candidates of this style number 1, 2, …, k (k ≥ 2) in order, nothing missing or
/// repeated?
fn whole_sequence(cands: &[Candidate], style: NumberStyle) -> bool {
    let mut expected = 1;
    for c in cands.iter().filter(|c| c.numbering.style == style) {
        if c.numbering.value != expected {
            return false;
        }
        expected += 1;
    }
    expected > 2
}

/// Dotted paths for the body sections: 1, 2, … at the top, 2.1, 2.2 below.
fn assign_paths(sections: &mut [Section]) {
    let mut top = 0;
    for i in 0..sections.len() {
        if sections[i].kind != SectionKind::Body {
            continue;
        }
        sections[i].path = match sections[i].parent {
            None => {
                top += 1;
                top.to_string()
            }
            Some(p) => {
                let k = sections[p]
                    .children
                    .iter()
                    .position(|&c| c == i)
                    .map_or(0, |k| k + 1);
                format!("{}.{k}", sections[p].path)
            }
        };
    }
}

/// One paragraph per line, each in the innermost section holding it.
fn assign_paragraphs(lines: Vec<String>, sections: &[Section], heading: &[bool]) -> Vec<Paragraph> {
    // Sections are in document order and each starts at its first paragraph, so the
    // innermost section of a paragraph is the last one starting at or before it.
    let mut out = Vec::with_capacity(lines.len());
    let mut cur = 0;
    for (i, text) in lines.into_iter().enumerate() {
        while cur + 1 < sections.len() && sections[cur + 1].first_paragraph <= i {
            cur += 1;
        }
        out.push(Paragraph {
            text,
            section: cur,
            heading: heading[i],
        });
    }
    out
}

#[cfg(test)]
mod tests;

//! Decoded text to the report's paragraphs: HTML, site furniture, duplicates, hard breaks.
//!
//! The report is found by its structure rather than by long keyword lists:
//!
//! 1. HTML is turned into lines ([`html`]), a report stored as one line is cut into its
//!    paragraphs ([`walls`]); each line is trimmed and classified ([`lines`]):
//!    blank, furniture (soft: headers, index blocks, widgets, captions; hard: footers and
//!    sidebars that only follow a report), or text.
//! 2. **Start**: the opening 各位代表 (else the first dateline, else the first sentence), then
//!    back over the preamble above it (speaker, dateline, title) and any furniture in between.
//!    Everything above is page furniture (navigation, page titles, crawler headers).
//! 3. **Duplicates**: a line of text seen before (from the start on) is dropped when it is long
//!    or sits among dropped long lines, so a body that appears twice is kept once.
//! 4. **End**: the first hard footer after which (almost) no new text follows; then back over
//!    the short lines above it (link lists, a repeated title). Appendices (名词解释, 附件) and
//!    numbered lines stop that walk.
//! 5. Hard line breaks are joined ([`join`]).
//!
//! Furniture lines inside the report are removed too. Every removed line that is not a
//! duplicate goes to [`Cleaned::furniture`], in order: metadata extraction reads it for hints.
//! When the kept copy of a duplicated body has no preamble of its own but the dropped copy
//! does (`国务院政府工作报告_2024年`), that preamble (title, dateline, speaker) is moved to the top.

pub mod html;
pub mod join;
pub mod lines;
pub mod walls;

use lines::{Furniture, Preamble};
use rustc_hash::FxHashSet;

/// The cleaned report.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cleaned {
    /// The report's paragraphs in order: one logical paragraph each (hard line breaks inside
    /// sentences joined), indentation trimmed, entities decoded, tags and furniture removed,
    /// a duplicated body kept once. Title, dateline and speaker lines stay (they are the preamble).
    pub lines: Vec<String>,
    /// Lines removed as site furniture (crawler headers, navigation, index blocks, footers,
    /// page titles, a second copy's header), in order. They are not part of the report but are
    /// hints for its metadata. Lines dropped as repeats of kept text are not listed.
    pub furniture: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Blank,
    Furniture(Furniture),
    Text,
}

/// Lines with at least this many Chinese characters are unique enough to compare as duplicates.
const LONG_HAN: usize = 16;

/// Cleans decoded text.
#[must_use]
pub fn clean(text: &str) -> Cleaned {
    let text = html::to_text(text);
    let raw: Vec<String> = text
        .split('\n')
        .flat_map(walls::split)
        .flat_map(lines::split_trailer)
        .map(lines::normalise)
        .collect();
    let kinds = classify(&raw);
    let han: Vec<usize> = raw
        .iter()
        .zip(&kinds)
        .map(|(l, k)| {
            if *k == Kind::Text {
                lines::han_count(l)
            } else {
                0
            }
        })
        .collect();
    let start = find_start(&raw, &kinds, &han);
    let dup = mark_duplicates(&raw, &kinds, &han, start);
    let cut = find_cut(&raw, &kinds, &han, &dup, start);
    let end = trim_tail(&raw, &kinds, &dup, start, cut);
    let rescued = rescue_preamble(&raw, &kinds, start, end);

    let mut furniture = Vec::new();
    let mut cands: Vec<join::Candidate> = rescued
        .iter()
        .map(|&i| join::Candidate {
            text: raw[i].clone(),
            gap_before: false,
        })
        .collect();
    let mut gap = false;
    for (i, line) in raw.iter().enumerate() {
        match kinds[i] {
            Kind::Blank => gap = true,
            Kind::Furniture(_) => furniture.push(line.clone()),
            Kind::Text if dup[i] || rescued.contains(&i) => {}
            Kind::Text if i < start || i >= end => furniture.push(line.clone()),
            Kind::Text => {
                cands.push(join::Candidate {
                    text: line.clone(),
                    gap_before: gap,
                });
                gap = false;
            }
        }
    }
    Cleaned {
        lines: join::join(cands),
        furniture,
    }
}

/// Blank, furniture or text, with the two furniture forms that span lines: a font-size
/// widget set one word a line (【字体： / 大 / 中 / 小 / 】) and a label on its own line whose
/// value is the next line (内容摘要： / …, 来源: / 四川日报).
fn classify(raw: &[String]) -> Vec<Kind> {
    let mut kinds: Vec<Kind> = raw
        .iter()
        .map(|l| {
            if l.is_empty() {
                Kind::Blank
            } else {
                lines::furniture(l).map_or(Kind::Text, Kind::Furniture)
            }
        })
        .collect();
    let mut i = 0;
    while i < raw.len() {
        if let Kind::Furniture(Furniture::Soft) = kinds[i] {
            let sq = lines::squeeze(&raw[i]);
            let label = sq.trim_start_matches(['【', '[']);
            if (label.starts_with("字体") || label.starts_with("字号"))
                && label.chars().count() <= 4
            {
                // The widget's words follow, one a line, up to 】.
                let mut j = i + 1;
                while j < raw.len() && j <= i + 8 && raw[j].chars().count() <= 4 {
                    if kinds[j] == Kind::Text {
                        kinds[j] = Kind::Furniture(Furniture::Soft);
                    }
                    j += 1;
                    if raw[j - 1].ends_with('】') {
                        break;
                    }
                }
                i = j;
                continue;
            }
            // 正文： introduces the report itself, not a one-line value.
            let body_label = sq.trim_end_matches(['：', ':']) == "正文";
            if sq.ends_with(['：', ':']) && sq.chars().count() <= 6 && !body_label {
                // A label whose value is on the next line (never a numbered heading).
                if let Some(j) = (i + 1..raw.len()).find(|&j| kinds[j] != Kind::Blank) {
                    let next = &raw[j];
                    let summary = sq.contains("摘要");
                    if kinds[j] == Kind::Text
                        && !lines::is_numbered(next)
                        && (summary
                            || (next.chars().count() <= 20
                                && !lines::is_prose(next)
                                && lines::preamble(next).is_none()))
                    {
                        kinds[j] = Kind::Furniture(Furniture::Soft);
                    }
                }
            }
        }
        i += 1;
    }
    kinds
}

/// Where the report starts: see the module documentation.
fn find_start(raw: &[String], kinds: &[Kind], han: &[usize]) -> usize {
    let total: usize = han.iter().sum();
    // An anchor must come early: in the first 40% of the text.
    let mut early = Vec::new();
    let mut before = 0;
    for (i, h) in han.iter().enumerate() {
        if before * 10 > total * 4 {
            break;
        }
        if kinds[i] == Kind::Text {
            early.push(i);
        }
        before += h;
    }
    let pre = |i: usize| lines::preamble(&raw[i]);
    // The opening proper (各位代表： or 各位代表：现在…) may come later, after a long page
    // header; a looser 各位代表 line only early (a closing 各位代表！ must not be taken).
    let strict = |i: usize| {
        pre(i) == Some(Preamble::Opening) && {
            let sq = lines::squeeze(&raw[i]);
            sq.ends_with(['：', ':']) || sq.contains("现在")
        }
    };
    let mut wide = Vec::new();
    let mut seen = 0;
    for (i, h) in han.iter().enumerate() {
        if seen * 10 > total * 7 {
            break;
        }
        if kinds[i] == Kind::Text {
            wide.push(i);
        }
        seen += h;
    }
    let (anchor, loose) = if let Some(&i) = wide.iter().find(|&&i| strict(i)) {
        (i, false)
    } else if let Some(&i) = early.iter().find(|&&i| pre(i) == Some(Preamble::Opening)) {
        (i, false)
    } else if let Some(&i) = early
        .iter()
        .find(|&&i| matches!(pre(i), Some(Preamble::Dateline | Preamble::DatelineStart)))
    {
        (i, false)
    } else if let Some(&i) = early
        .iter()
        .find(|&&i| lines::is_prose(&raw[i]) && han[i] >= 10)
    {
        (i, true)
    } else {
        return 0;
    };
    let mut start = anchor;
    let mut i = anchor;
    while i > 0 {
        i -= 1;
        if kinds[i] != Kind::Text {
            continue;
        }
        let line = &raw[i];
        match pre(i) {
            Some(Preamble::Title) => {
                start = i;
                break;
            }
            Some(_) => start = i,
            // A name alone over 各位代表 or beside its post (某某县人民政府县长 / 王  强).
            None if lines::is_bare_name(line)
                && matches!(pre(start), Some(Preamble::Opening | Preamble::Speaker)) =>
            {
                start = i;
            }
            None if loose
                && (lines::is_numbered(line)
                    || crate::corpus::structure::is_year_part_line(line)) =>
            {
                start = i;
            }
            // A bare part title right above the prose it heads (a digest's “十四五”时期…回顾).
            None if loose
                && crate::corpus::structure::is_bare_heading(line)
                && lines::is_prose(&raw[start]) =>
            {
                start = i;
            }
            // One unknown short line (a speaker in an unusual form) right under a title or
            // dateline still belongs to the preamble.
            None if line.chars().count() <= 20
                && !lines::is_prose(line)
                && (0..i)
                    .rev()
                    .find(|&j| kinds[j] == Kind::Text)
                    .is_some_and(|j| {
                        matches!(
                            pre(j),
                            Some(
                                Preamble::Title
                                    | Preamble::Dateline
                                    | Preamble::DatelineStart
                                    | Preamble::DatelineRest
                                    | Preamble::Speaker
                            )
                        )
                    }) =>
            {
                start = i;
            }
            None => break,
        }
    }
    start
}

/// Lines (from `start` on) that repeat earlier text and are dropped.
fn mark_duplicates(raw: &[String], kinds: &[Kind], han: &[usize], start: usize) -> Vec<bool> {
    let n = raw.len();
    let mut dup = vec![false; n];
    // Keys are hashes already: the set's own hashing need not mix them again.
    let mut seen: FxHashSet<u128> = FxHashSet::default();
    let mut repeat = vec![false; n];
    let mut long = vec![false; n];
    for i in start..n {
        if kinds[i] != Kind::Text {
            continue;
        }
        long[i] = han[i] >= LONG_HAN;
        repeat[i] = !seen.insert(lines::fold_hash(&raw[i]));
    }
    // A long repeated line is dropped when it is part of a repeated run: the long line before
    // or after it repeats too. (A single repeated line, such as a linked phrase like
    // “全面建设社会主义现代化新征程” set on its own line, is text.)
    let longs: Vec<usize> = (start..n).filter(|&i| long[i]).collect();
    for (k, &i) in longs.iter().enumerate() {
        let prev = k > 0 && repeat[longs[k - 1]];
        let next = longs.get(k + 1).is_some_and(|&j| repeat[j]);
        dup[i] = repeat[i] && (prev || next);
    }
    // A short repeated line (a heading, a fragment) goes with the long lines around it.
    let mut prev_long: Option<usize> = None;
    let mut next_long = vec![None; n];
    let mut next: Option<usize> = None;
    for i in (start..n).rev() {
        next_long[i] = next;
        if long[i] {
            next = Some(i);
        }
    }
    for i in start..n {
        if long[i] {
            prev_long = Some(i);
            continue;
        }
        if repeat[i] {
            let p = prev_long.is_some_and(|p| dup[p]);
            let q = next_long[i].is_none_or(|q| dup[q]);
            dup[i] = p && q;
        }
    }
    dup
}

/// The first hard footer after which almost no new text follows (the line count if none).
fn find_cut(raw: &[String], kinds: &[Kind], han: &[usize], dup: &[bool], start: usize) -> usize {
    let n = raw.len();
    let prose_han: Vec<usize> = (0..n)
        .map(|i| {
            // New sentences count (a sidebar's article titles rarely end one).
            if i >= start
                && kinds[i] == Kind::Text
                && !dup[i]
                && han[i] >= 15
                && raw[i].contains(['。', '！', '？'])
            {
                han[i]
            } else {
                0
            }
        })
        .collect();
    let total: usize = prose_han.iter().sum();
    let mut before = 0;
    for i in start..n {
        before += prose_han[i];
        if kinds[i] == Kind::Furniture(Furniture::Hard) {
            let after = total - before;
            if after <= (before / 4).max(200) && before > 0 {
                return i;
            }
        }
    }
    n
}

/// Back from the cut over short lines that are not the report (link lists, a repeated title
/// or header), stopping at text, a numbered line or an appendix.
fn trim_tail(raw: &[String], kinds: &[Kind], dup: &[bool], start: usize, cut: usize) -> usize {
    let mut end = cut;
    while end > start {
        let i = end - 1;
        let line = &raw[i];
        let drop = match kinds[i] {
            Kind::Blank | Kind::Furniture(_) => true,
            Kind::Text if dup[i] => true,
            Kind::Text => {
                if lines::is_prose(line)
                    || lines::is_numbered(line)
                    || lines::is_appendix_start(line)
                {
                    false
                } else {
                    lines::preamble(line).is_some() || line.chars().count() <= 20
                }
            }
        };
        if !drop {
            break;
        }
        end -= 1;
    }
    end
}

/// The title, dateline and speaker of a dropped second copy, when the kept text has none.
fn rescue_preamble(raw: &[String], kinds: &[Kind], start: usize, end: usize) -> Vec<usize> {
    let text = |i: usize| kinds[i] == Kind::Text;
    let has_own = (start..end).filter(|&i| text(i)).take(8).any(|i| {
        matches!(
            lines::preamble(&raw[i]),
            Some(Preamble::Dateline | Preamble::DatelineStart | Preamble::Speaker)
        )
    });
    if has_own {
        return Vec::new();
    }
    let Some(opening) =
        (end..raw.len()).find(|&i| text(i) && lines::preamble(&raw[i]) == Some(Preamble::Opening))
    else {
        return Vec::new();
    };
    let mut found: Vec<usize> = (end..opening)
        .rev()
        .filter(|&i| text(i))
        .take(8)
        .filter(|&i| {
            matches!(
                lines::preamble(&raw[i]),
                Some(
                    Preamble::Title
                        | Preamble::Dateline
                        | Preamble::DatelineStart
                        | Preamble::DatelineRest
                        | Preamble::Speaker
                )
            )
        })
        .collect();
    found.reverse();
    let dated = found.iter().any(|&i| {
        matches!(
            lines::preamble(&raw[i]),
            Some(Preamble::Dateline | Preamble::DatelineStart | Preamble::Speaker)
        )
    });
    if dated { found } else { Vec::new() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_report_inside_a_page() {
        let text = "标题：2021年某省政府工作报告\n来源URL：http://x\n\n正文：\n网站首页\n人大概览\n\
                    政府工作报告\n——2021年2月19日在某省第十三届人民代表大会第四次会议上\n\
                    某省人民政府省长 张三\n某某作政府工作报告。日报记者某某摄\n各位代表：\n\
                    现在，我代表省人民政府向大会作工作报告，请予审议。\n一、2020年工作回顾\n\
                    过去一年，我们坚持稳中求进，经济社会发展取得新成绩。\n\
                    各位代表！让我们更加紧密地团结起来，为建设现代化新某省而努力奋斗！\n\
                    来源：某某新闻网\n石家庄市\n承德市\n冀ICP备06016263号-1\n网站标识码：1300000013\n放弃";
        let c = clean(text);
        assert_eq!(
            c.lines,
            [
                "政府工作报告",
                "——2021年2月19日在某省第十三届人民代表大会第四次会议上",
                "某省人民政府省长 张三",
                "各位代表：",
                "现在，我代表省人民政府向大会作工作报告，请予审议。",
                "一、2020年工作回顾",
                "过去一年，我们坚持稳中求进，经济社会发展取得新成绩。",
                "各位代表！让我们更加紧密地团结起来，为建设现代化新某省而努力奋斗！",
            ]
        );
        assert!(
            c.furniture
                .contains(&"标题：2021年某省政府工作报告".to_string())
        );
        assert!(c.furniture.contains(&"网站首页".to_string()));
        assert!(c.furniture.contains(&"石家庄市".to_string()));
    }

    #[test]
    fn a_copy_in_other_punctuation_is_still_a_copy() {
        let a = "各位代表：\n现在，我代表县人民政府向大会报告工作，请予审议。\n\
                 一、过去一年工作回顾\n过去一年，我们坚持稳中求进，全县经济社会发展取得新成绩。\n\
                 各位代表！让我们团结一心，为建设美丽新县城而努力奋斗！\n";
        let b = a.replace('，', ",").replace('：', ":").replace('！', "!");
        let c = clean(&format!("{a}{b}"));
        assert_eq!(c.lines.len(), 5, "{:?}", c.lines);
    }

    #[test]
    fn keeps_a_duplicated_body_once() {
        let body = "各位代表：\n现在，我代表国务院，向大会报告政府工作，请予审议。\n一、2023年工作回顾\n\
                    过去一年，是全面贯彻党的二十大精神的开局之年，成绩来之不易。\n\
                    各位代表！\n使命重在担当，奋斗创造未来。我们要更加紧密地团结起来！\n";
        let text = format!(
            "{body}新华社北京3月12日电\n政府工作报告\n——2024年3月5日在第十四届全国人民代表大会第二次会议上\n国务院总理 李强\n{body}【我要纠错】责任编辑：王安"
        );
        let c = clean(&text);
        assert_eq!(
            c.lines,
            [
                "政府工作报告",
                "——2024年3月5日在第十四届全国人民代表大会第二次会议上",
                "国务院总理 李强",
                "各位代表：",
                "现在，我代表国务院，向大会报告政府工作，请予审议。",
                "一、2023年工作回顾",
                "过去一年，是全面贯彻党的二十大精神的开局之年，成绩来之不易。",
                "各位代表！",
                "使命重在担当，奋斗创造未来。我们要更加紧密地团结起来！",
            ]
        );
        assert!(c.furniture.contains(&"新华社北京3月12日电".to_string()));
    }
}

//! Where a heading run straight into its paragraph ends.
//!
//! Most run-in headings end at a 。 or a ：(`（一）坚持创新驱动。今年…`), but some reports run
//! the heading into its first sentence with no punctuation at all:
//! `一、2023年工作回顾2023年，面对复杂严峻的形势…`, `二、2024年目标任务和重点工作今年是…`,
//! `（一）坚持创新驱动推动高质量发展过去一年，我们…`. The title then ends where the sentence
//! really starts, which the text itself shows:
//! - a time phrase followed by a comma or by 是 (`2023年，`, `今年是`, `过去一年，`, `五年来，`),
//!   or the address `各位代表`: a title never holds one in its middle;
//! - after a part's name when the title opened with a year (`2023年工作回顾` then `面对…`):
//!   the name ends the title when a number or a word that opens sentences follows it.

/// A title shorter than this (in characters) is not cut: the opener is the title itself.
const MIN_TITLE: usize = 2;
/// A part's name is looked for within this many bytes of the start (a year part title is
/// short: `2024年目标任务和重点工作` is 15 characters).
const PART_SCAN_BYTES: usize = 30 * 3;

/// Time phrases that open a sentence when a comma (or 是, 以来) follows them.
const TIME_OPENERS: [&str; 16] = [
    "今年",
    "去年",
    "明年",
    "过去一年",
    "过去的一年",
    "过去五年",
    "过去的五年",
    "一年来",
    "五年来",
    "三年来",
    "近年来",
    "本届政府以来",
    "当前",
    "目前",
    "这一年",
    "新的一年",
];

/// What may follow a time phrase that opens a sentence.
const AFTER_TIME: [&str; 6] = ["，", ",", "是", "以来，", "以来,", "来，"];

/// The names that end a year part's title (`2023年工作回顾`, `2024年重点工作`).
const PART_NAMES: [&str; 16] = [
    "工作回顾",
    "工作总结",
    "工作安排",
    "工作重点",
    "工作任务",
    "工作目标",
    "工作建议",
    "主要工作",
    "重点工作",
    "重点任务",
    "主要任务",
    "目标任务",
    "发展目标",
    "主要情况",
    "总体要求",
    "工作部署",
];

/// Does `s` start a sentence with a year: `2023年，`, `2023年是`, `2023年以来，`?
fn year_opener(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() > 4
        && b[..4].iter().all(u8::is_ascii_digit)
        && s[4..]
            .strip_prefix('年')
            .is_some_and(|r| AFTER_TIME.iter().any(|a| r.starts_with(a)))
}

/// Does `s` start a sentence (a time phrase with its comma, or 各位代表)?
fn opens_sentence(s: &str) -> bool {
    if year_opener(s) || s.starts_with("各位代表") {
        return true;
    }
    TIME_OPENERS.iter().any(|t| {
        s.strip_prefix(t)
            .is_some_and(|r| AFTER_TIME.iter().any(|a| r.starts_with(a)))
    })
}

/// Does the title open with a year or a period (`2023年`, `过去一年`, `今年`)?
fn opens_with_period(s: &str) -> bool {
    let b = s.as_bytes();
    (b.len() > 4 && b[..4].iter().all(u8::is_ascii_digit) && s[4..].starts_with('年'))
        || ["过去", "今年", "明年", "本届政府", "未来"]
            .iter()
            .any(|p| s.starts_with(p))
}

/// The byte offset where the heading in `rest` (the text after the numbering, up to its
/// first 。 or ：) ends because a sentence starts there with no punctuation between them.
#[must_use]
pub(crate) fn sentence_start(rest: &str) -> Option<usize> {
    let mut prev_digit = true;
    for (k, (i, c)) in rest.char_indices().enumerate() {
        let digit = c.is_ascii_digit();
        // not inside a number, and not before the title has begun
        if k >= MIN_TITLE && !prev_digit && opens_sentence(&rest[i..]) {
            return Some(i);
        }
        prev_digit = digit;
    }
    None
}

/// The end of a year part's name (`2023年工作回顾|面对…`) when a number or a word that
/// opens sentences (a time phrase, 面对, 全县) follows it, not a longer name (`重点工作举措`).
#[must_use]
pub(crate) fn part_name_end(rest: &str) -> Option<usize> {
    if !opens_with_period(rest) {
        return None;
    }
    let scan_end = rest
        .char_indices()
        .map(|(i, _)| i)
        .find(|&i| i >= PART_SCAN_BYTES)
        .unwrap_or(rest.len());
    let scan = &rest[..scan_end];
    let mut best: Option<usize> = None;
    for name in PART_NAMES {
        for (at, _) in scan.match_indices(name) {
            let end = at + name.len();
            let after = &rest[end..];
            let opens = after.starts_with(|c: char| c.is_ascii_digit())
                || TIME_OPENERS.iter().any(|w| after.starts_with(w))
                || LIKELY_OPENERS.iter().any(|w| after.starts_with(w))
                || AFTER_PART_OPENERS.iter().any(|w| after.starts_with(w));
            if !opens {
                continue;
            }
            best = Some(best.map_or(end, |b: usize| b.min(end)));
        }
    }
    best
}

/// Verbs and words that open a sentence right after a part's name, where no title goes on
/// (`2014年重点工作做好今年政府工作，要以…`, `…主要任务根据…`, `…工作回顾全年…`).
const AFTER_PART_OPENERS: [&str; 5] = ["全年", "做好", "根据", "按照", "围绕"];

/// Words that often open a report's sentence (面对…, 我们…, 全市…). Too common inside titles
/// to cut every heading at them; used only to guess where a heading with no other sign ends.
const LIKELY_OPENERS: [&str; 12] = [
    "面对",
    "我们",
    "在党中央",
    "在省委",
    "在市委",
    "在县委",
    "在区委",
    "全省",
    "全市",
    "全县",
    "全区",
    "全旗",
];

/// The byte offset of the first likely sentence opener in `clause` after its first two
/// characters, for a heading whose end the text does not show.
#[must_use]
pub(crate) fn likely_sentence_start(clause: &str) -> Option<usize> {
    clause
        .char_indices()
        .skip(MIN_TITLE)
        .map(|(i, _)| i)
        .find(|&i| LIKELY_OPENERS.iter().any(|w| clause[i..].starts_with(w)))
}

/// Does this title name a part of a report (`2015年工作回顾`, `今年重点工作`, `过去五年回顾`)?
#[must_use]
pub(crate) fn names_a_part(title: &str) -> bool {
    let title = title.trim_end_matches(['：', ':']);
    PART_NAMES.iter().any(|p| title.ends_with(p))
        || title.ends_with("工作")
        || title.ends_with("回顾")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut(s: &str) -> &str {
        let end = [sentence_start(s), part_name_end(s)]
            .into_iter()
            .flatten()
            .min()
            .unwrap_or(s.len());
        &s[..end]
    }

    #[test]
    fn the_sentence_starts_at_a_year_and_its_comma() {
        assert_eq!(
            cut("2023年工作回顾2023年，面对复杂严峻的形势，全县上下"),
            "2023年工作回顾"
        );
        assert_eq!(
            cut("2024年目标任务和重点工作今年是实施“十四五”规划的关键之年"),
            "2024年目标任务和重点工作"
        );
        assert_eq!(
            cut("坚持创新驱动推动高质量发展过去一年，我们深入实施"),
            "坚持创新驱动推动高质量发展"
        );
        assert_eq!(cut("过去五年工作回顾五年来，我们"), "过去五年工作回顾");
        assert_eq!(
            cut("2023年工作回顾面对复杂严峻的外部环境"),
            "2023年工作回顾"
        );
        assert_eq!(
            cut("2023年工作回顾全年地区生产总值增长5.8%"),
            "2023年工作回顾"
        );
        assert_eq!(cut("2016年工作安排各位代表，今年是"), "2016年工作安排");
        assert_eq!(
            cut("2014年重点工作做好今年政府工作，要以深化改革为强大动力"),
            "2014年重点工作"
        );
    }

    #[test]
    fn a_title_is_not_cut_inside() {
        for s in [
            "2019年工作回顾",
            "过去五年工作回顾",
            "2018年经济社会发展总体要求和政策取向",
            "2024年目标任务和重点工作",
            "2020年主要工作任务",
            "对2018年政府工作的建议",
            "今年工作安排",
            "坚持稳中求进，推动经济高质量发展",
            "实施12345便民服务热线整合",
            "2015年工作回顾和2016年工作安排",
            "今年重点工作举措",
            "2024年重点工作任务",
        ] {
            assert_eq!(cut(s), s, "{s}");
        }
    }
}

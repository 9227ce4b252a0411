//! Walls of text: a whole report stored as one line (a spreadsheet or CSV cell, a database
//! dump with one report a line, a page whose paragraphs lost their breaks). Its paragraphs
//! are then set apart only by their indentation (`　　` pairs, tab runs), or by nothing at
//! all: `…提出意见。一、2013年工作回顾过去一年是…`.
//!
//! A line that long is cut into paragraphs before anything else reads it: at indentation
//! runs when it has them, else before the opening address and before a numbered heading
//! that follows the end of a sentence. A heading run into its first sentence stays one
//! piece: the structure reader takes it apart ([`crate::corpus::structure`]).

use std::sync::LazyLock;

use regex::Regex;

/// A line at least this long (in characters) may be a wall. The longest real paragraph of
/// the sample reports has about 700.
const WALL_CHARS: usize = 1500;

/// A wall set apart by indentation has at least this many indentation runs.
const MIN_RUNS: usize = 5;

/// An indentation run: white space holding two or more ideographic spaces or tabs
/// (`　　`, `\t\t`, `\t \t　　`, `\u{a0}　　`). A single ideographic space (`国务院总理　李强`)
/// or a pair of en spaces is spacing inside a line, not a paragraph break.
static INDENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[\t\u{3000}][\t\u{3000}\u{a0}\u{2002} ]*[\t\u{3000}]").expect("valid regex")
});

/// Where an unindented wall breaks: before 各位代表 opening the speech, before a
/// numbered heading (一、, （一）) that follows the end of a sentence, and before a title
/// that runs into its dateline (`…新华社北京3月14日电政府工作报告——2014年3月5日在…`: the
/// caption and news line before it are not the report's head).
static BREAK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"各位代表[：:，,！!]|[。！？!?；](?:[一二三四五六七八九十]{1,3}、|（[一二三四五六七八九十]{1,3}）)|(?:\d{4}年)?政府工作报告——",
    )
    .expect("valid regex")
});

fn is_wall(line: &str) -> bool {
    // Bytes first: a wall of ideographs has at least three bytes a character.
    line.len() >= WALL_CHARS && line.chars().count() >= WALL_CHARS
}

/// The line's paragraphs: the line itself unless it is a wall.
#[must_use]
pub fn split(line: &str) -> Vec<&str> {
    if !is_wall(line) {
        return vec![line];
    }
    if INDENT.find_iter(line).nth(MIN_RUNS - 1).is_some() {
        return INDENT
            .split(line)
            .flat_map(split_unindented)
            .filter(|p| !p.trim().is_empty())
            .collect();
    }
    split_unindented(line)
}

/// A wall without indentation, cut before each break (after the sentence-ending mark).
fn split_unindented(line: &str) -> Vec<&str> {
    if !is_wall(line) {
        return vec![line];
    }
    let mut out = Vec::new();
    let mut from = 0;
    for m in BREAK.find_iter(line) {
        let at = if m.as_str().starts_with("各位代表") || m.as_str().ends_with("——") {
            m.start()
        } else {
            // After the sentence end: it belongs to the paragraph before.
            m.start() + m.as_str().chars().next().map_or(0, char::len_utf8)
        };
        if at > from {
            out.push(&line[from..at]);
            from = at;
        }
    }
    out.push(&line[from..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paragraph(n: usize) -> String {
        "过去一年，我们坚持稳中求进，经济运行总体平稳。".repeat(n)
    }

    #[test]
    fn short_lines_are_left_alone() {
        let l = format!("各位代表：　　现在，我代表国务院。　　一、{}", paragraph(3));
        assert_eq!(split(&l), vec![l.as_str()]);
    }

    #[test]
    fn an_indented_wall_splits_at_its_indentation_runs() {
        let body = paragraph(25);
        let l = format!(
            "政府工作报告\t\t——2006年3月5日在第十届全国人民代表大会第四次会议上\t\t国务院总理　温家宝　　各位代表：　　一、去年工作回顾　　{body}　　{body}　　二、今年主要任务　　{body}"
        );
        let got = split(&l);
        assert_eq!(
            got,
            vec![
                "政府工作报告",
                "——2006年3月5日在第十届全国人民代表大会第四次会议上",
                "国务院总理　温家宝",
                "各位代表：",
                "一、去年工作回顾",
                body.as_str(),
                body.as_str(),
                "二、今年主要任务",
                body.as_str(),
            ]
        );
    }

    #[test]
    fn an_unindented_wall_splits_before_the_address_and_numbered_headings() {
        let body = paragraph(40);
        let l = format!(
            "国务院总理李克强各位代表：现在，我代表国务院，向大会作政府工作报告。一、2013年工作回顾{body}（一）加强宏观调控。{body}二、2014年工作总体部署{body}"
        );
        let got = split(&l);
        assert_eq!(got[0], "国务院总理李克强");
        assert_eq!(
            got[1],
            "各位代表：现在，我代表国务院，向大会作政府工作报告。"
        );
        assert!(got[2].starts_with("一、2013年工作回顾过去一年"));
        assert!(got[3].starts_with("（一）加强宏观调控。"));
        assert!(got[4].starts_with("二、2014年工作总体部署"));
        assert_eq!(got.concat(), l);
    }

    #[test]
    fn a_caption_run_into_the_title_breaks_before_the_title() {
        let body = paragraph(60);
        let l = format!(
            "3月5日，李克强代表国务院在十二届全国人大二次会议上作《政府工作报告》。新华社记者姚大伟摄新华社北京3月14日电政府工作报告——2014年3月5日在第十二届全国人民代表大会第二次会议上国务院总理 李克强各位代表：现在，我代表国务院。一、2013年工作回顾{body}"
        );
        let got = split(&l);
        assert!(got[0].ends_with("新华社北京3月14日电"), "{:?}", got[0]);
        assert_eq!(
            got[1],
            "政府工作报告——2014年3月5日在第十二届全国人民代表大会第二次会议上国务院总理 李克强"
        );
        assert!(got[2].starts_with("各位代表："));
        assert_eq!(got.concat(), l);
    }

    #[test]
    fn numbers_inside_a_sentence_do_not_break_it() {
        let l = format!("主要是：一、稳增长，二、调结构，{}", paragraph(80));
        assert_eq!(split(&l), vec![l.as_str()]);
    }
}

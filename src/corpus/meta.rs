//! Title, year, meeting date, meeting, speaker and speaker title.
//!
//! Everything is read from the report's preamble (the lines before 各位代表): the title
//! line, the dateline (`——2020年6月29日在…第十五届人民代表大会第三次会议上`, also split over
//! two lines or written 二〇二一年一月二十日) and the speaker line (`…人民政府旗长 戈 明`).
//! Crawler furniture (`标题：`, `报告人：`) is used where the text says nothing. The year
//! falls back from the dateline to the title, the text itself (`2016年工作安排`,
//! `2015年工作回顾`) and the file name, with a warning saying where it came from.

pub mod date;
pub mod speaker;

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use crate::corpus::clean::lines::squeeze;
use crate::corpus::structure::{is_opening_address, trim};

/// The preamble is looked for in this many lines when no 各位代表 line ends it.
const PREAMBLE_LINES: usize = 15;

/// A news account names the speaker in its first lines (县长…作政府工作报告).
const NEWS_LINES: usize = 40;
/// A 各位代表 line further down than this does not end the preamble.
const PREAMBLE_MAX: usize = 80;
/// The year is inferred from the text's first lines only.
const YEAR_SCAN_LINES: usize = 400;
/// A title line is at most this long.
const MAX_TITLE_CHARS: usize = 40;

/// What metadata extraction reads.
#[derive(Debug, Clone, Copy)]
pub struct MetaInput<'a> {
    /// The file's path relative to the corpus (a hint only: names can be wrong).
    pub file: &'a str,
    /// The cleaned paragraphs.
    pub lines: &'a [String],
    /// Furniture lines removed by cleaning (crawler headers and the like; hints only).
    pub furniture: &'a [String],
}

/// Metadata found in a report.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Meta {
    pub title: Option<String>,
    pub year: Option<u16>,
    /// `YYYY-MM-DD`
    pub meeting_date: Option<String>,
    pub meeting: Option<String>,
    pub speaker: Option<String>,
    pub speaker_title: Option<String>,
    pub warnings: Vec<String>,
}

/// Index one past the preamble: the first 各位代表 line if it is early, else a few lines.
fn preamble_end(lines: &[String]) -> usize {
    lines
        .iter()
        .take(PREAMBLE_MAX)
        .position(|l| is_opening_address(l))
        .unwrap_or_else(|| lines.len().min(PREAMBLE_LINES))
}

/// The value of a furniture line `key：value` (`标题：…`, `报告人：…`).
fn furniture_value<'a>(furniture: &'a [String], key: &str) -> Option<&'a str> {
    furniture.iter().find_map(|l| {
        let t = trim(l);
        let rest = t.strip_prefix(key)?;
        let rest = rest.trim_start_matches([' ', '\u{3000}']);
        let rest = rest.strip_prefix(['：', ':'])?;
        let v = trim(rest);
        (!v.is_empty()).then_some(v)
    })
}

static TITLE_DECOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[（(][^）)]{1,8}[）)])?(?P<t>.*?)(?:[（(][^）)]*[）)])?$")
        .expect("valid regex")
});

/// The report's own title from one line: `政 府 工 作 报 告`, `(内蒙古)2020年…政府工作报告(全文)`,
/// `政府工作报告（摘要）`,
/// `政府工作报告——2025年1月13日在…` (the part before the dateline).
fn title_from_line(line: &str) -> Option<String> {
    // Every title ends in 工作报告 (spaced or not): most lines are out at once.
    if !line.contains('告') {
        return None;
    }
    let s = squeeze(line);
    let s = s
        .strip_prefix("标题")
        .map_or(&*s, |r| r.trim_start_matches(['：', ':']));
    if s.contains(['>', '|', '/', '＞']) {
        // a breadcrumb: 首页>公开>政府工作报告
        return None;
    }
    let s = s
        .split(['—', '―'])
        .next()
        .unwrap_or(s)
        .trim_end_matches(['-', '－']);
    let t = TITLE_DECOR.captures(s)?.name("t")?.as_str();
    let chars = t.chars().count();
    (t.ends_with("工作报告") && (6..=MAX_TITLE_CHARS).contains(&chars) && !t.contains('在'))
        .then(|| t.to_string())
}

static YEAR_IN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(19[5-9]\d|20\d\d)").expect("valid regex"));

/// Phrases that give away the year a report plans for: `2015年工作回顾` (the year after),
/// `2016年工作安排`, `2016年主要工作`, `做好2016年工作`, `今年（2016年）` (that year).
static YEAR_PHRASE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?P<past>(?:19|20)\d\d)年(?:政府)?工作回顾|(?P<plan>(?:19|20)\d\d)年(?:政府)?(?:主要工作|重点工作|工作安排|工作计划|工作任务|主要任务|工作目标|目标任务|工作重点|工作总体要求|政府工作的建议|经济社会发展总体要求|经济社会发展的?主要目标|经济社会发展的?主要预期目标|政府工作任务|政府重点工作)|做好(?P<plan2>(?:19|20)\d\d)年(?:的)?(?:政府)?(?:各项)?工作|今年[（(]?即?(?P<plan3>(?:19|20)\d\d)年[）)]|(?P<now>(?:19|20)\d\d)年是",
    )
    .expect("valid regex")
});

/// A year written in Chinese numerals before 年 (二〇一五年).
static CHINESE_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[〇○零一二][〇○零一二三四五六七八九]{3}年").expect("valid regex")
});

/// The line with its Chinese-numeral years in digits (二〇一五年工作回顾 → 2015年工作回顾).
fn digit_years(line: &str) -> std::borrow::Cow<'_, str> {
    if !line.contains(['〇', '○', '零']) {
        return std::borrow::Cow::Borrowed(line);
    }
    CHINESE_YEAR.replace_all(line, |c: &regex::Captures<'_>| {
        let y: String = c[0]
            .chars()
            .filter_map(|ch| match ch {
                '〇' | '○' | '零' => Some('0'),
                '年' => Some('年'),
                _ => crate::corpus::numbering::chinese_value(ch.encode_utf8(&mut [0; 4]))
                    .and_then(|v| char::from_digit(v, 10)),
            })
            .collect();
        y
    })
}

/// A top-level heading line: 一、… to 十、… (after the line's own indentation).
static PART_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[\s\u{3000}]*[一二三四五六七八九十]{1,2}[、．.]").expect("valid regex")
});

/// The years the top-level headings name: a report that reviews one year and plans the
/// next names both (`一、2023年主要工作` / `二、2024年主要目标和重点工作`), and then the later
/// one is the year it plans for, whatever words the headings use. The heading naming that
/// year is returned with it.
fn year_from_headings(lines: &[String]) -> Option<(u16, String)> {
    let mut years: Vec<(u16, &str)> = Vec::new();
    for l in lines.iter().take(YEAR_SCAN_LINES) {
        if !PART_HEADING.is_match(l) {
            continue;
        }
        for m in YEAR_IN.find_iter(l) {
            if l[m.end()..].starts_with('年') {
                if let Ok(y) = m.as_str().parse::<u16>() {
                    years.push((y, l.as_str()));
                }
            }
        }
    }
    let &(latest, heading) = years.iter().max_by_key(|(y, _)| *y)?;
    years
        .iter()
        .any(|(y, _)| *y + 1 == latest)
        .then(|| (latest, trim(heading).to_string()))
}

/// The year the report plans for, from what its text says: the years its top-level
/// headings name, else the most votes of its phrases, with the phrase that weighed most for
/// it, as written.
fn year_from_text(lines: &[String]) -> Option<(u16, String)> {
    if let Some(found) = year_from_headings(lines) {
        return Some(found);
    }
    // year → (votes, the first strong phrase, else the first phrase)
    let mut votes: HashMap<u16, (usize, String, usize)> = HashMap::new();
    for l in lines.iter().take(YEAR_SCAN_LINES) {
        let l = digit_years(l);
        for c in YEAR_PHRASE.captures_iter(&l) {
            let (y, weight) = if let Some(m) = c.name("past") {
                (m.as_str().parse::<u16>().ok().map(|y| y + 1), 2)
            } else if let Some(m) = c
                .name("plan")
                .or_else(|| c.name("plan2"))
                .or_else(|| c.name("plan3"))
            {
                (m.as_str().parse::<u16>().ok(), 2)
            } else {
                (
                    c.name("now").and_then(|m| m.as_str().parse::<u16>().ok()),
                    1,
                )
            };
            if let Some(y) = y {
                let e = votes.entry(y).or_insert((0, String::new(), 0));
                e.0 += weight;
                if weight > e.2 {
                    e.1 = c[0].to_string();
                    e.2 = weight;
                }
            }
        }
    }
    votes
        .into_iter()
        .max_by_key(|(y, (v, _, _))| (*v, *y))
        .map(|(y, (_, phrase, _))| (y, phrase))
}

/// A report signed at its end with a bare date (`某某县人民政府` / `2016年1月10日`) is
/// looked for in this many last lines.
const SIGNATURE_LINES: usize = 4;

/// The first plausible year in a string (a title or a file name).
fn year_in(s: &str) -> Option<u16> {
    YEAR_IN.find(s).and_then(|m| m.as_str().parse().ok())
}

/// Extracts the metadata.
#[must_use]
pub fn extract(input: &MetaInput<'_>) -> Meta {
    let lines = input.lines;
    let mut meta = Meta::default();
    let end = preamble_end(lines);

    // Dateline and meeting: in the preamble, else anywhere in the text (a report printed
    // twice, a second copy with its dateline), else in a crawler's 标题 line.
    let found = date::find_dateline(lines, 0, end.max(PREAMBLE_LINES).min(lines.len()))
        .or_else(|| date::find_dateline(lines, 0, lines.len()).filter(|d| d.strict))
        .or_else(|| {
            date::find_dateline(input.furniture, 0, input.furniture.len()).filter(|d| d.strict)
        });
    if let Some(d) = &found {
        meta.meeting_date = Some(d.date.to_string());
        meta.meeting.clone_from(&d.meeting);
    }
    if meta.meeting.is_none() {
        meta.meeting = date::find_meeting_line(lines, 0, end.max(PREAMBLE_LINES));
    }

    // Speaker: a line of the preamble (and of the lines after a dateline found further
    // down, in a second copy of the report), else the crawler's 报告人：.
    let pre = end.min(lines.len());
    // The window holds the 各位代表 line too: a bare name is taken right over it.
    let mut window: Vec<&str> = lines[..(pre + 1).min(lines.len())]
        .iter()
        .map(String::as_str)
        .collect();
    let mut dateline = found.as_ref().map(|d| d.line).filter(|&l| l < pre);
    if let Some(d) = found
        .as_ref()
        .filter(|d| d.line > pre && d.line < lines.len())
    {
        dateline = Some(window.len());
        window.extend(lines[d.line..].iter().take(4).map(String::as_str));
    }
    if let Some(s) = speaker::find(&window, dateline) {
        meta.speaker = s.name;
        meta.speaker_title = s.title;
    } else if let Some(s) = furniture_value(input.furniture, "报告人").and_then(speaker::parse_line)
    {
        meta.speaker = s.name;
        meta.speaker_title = s.title;
    } else if let Some(s) = speaker::from_news(
        &lines
            .iter()
            .take(NEWS_LINES)
            .map(String::as_str)
            .collect::<Vec<_>>(),
    ) {
        // A news account of the session, not the speech itself.
        meta.speaker = s.name;
        meta.speaker_title = s.title;
    }

    // Title: the report's own title line, else the crawler's.
    meta.title = lines[..end.min(lines.len())]
        .iter()
        .find_map(|l| title_from_line(l))
        .or_else(|| furniture_value(input.furniture, "标题").and_then(title_from_line));

    // Year.
    meta.year = if let Some(d) = &found {
        // A session held in November or December for the coming year (即将过去的2023年,
        // 2024年工作安排) is filed under the year it plans for.
        let next = (d.date.month >= 11)
            .then(|| year_from_text(lines))
            .flatten()
            .filter(|(y, _)| *y == d.date.year + 1);
        if let Some((y, phrase)) = next {
            meta.warnings.push(format!(
                "year {y}: delivered on {} but it plans for {y} (“{phrase}”)",
                d.date
            ));
            Some(y)
        } else {
            Some(d.date.year)
        }
    } else if let Some(y) = meta.title.as_deref().and_then(year_in) {
        meta.warnings
            .push(format!("year {y} taken from the title (no dateline)"));
        Some(y)
    } else if let Some(d) = date::find_dateline(
        lines,
        lines.len().saturating_sub(SIGNATURE_LINES),
        lines.len(),
    ) {
        meta.warnings.push(format!(
            "year {} taken from the date that signs the text, {} (no dateline)",
            d.date.year,
            trim(&lines[d.line])
        ));
        Some(d.date.year)
    } else if let Some((y, phrase)) = year_from_text(lines) {
        meta.warnings.push(format!(
            "year {y} inferred from the text (no dateline): “{phrase}”"
        ));
        Some(y)
    } else if let Some(y) = year_in(input.file.rsplit('/').next().unwrap_or(input.file)) {
        meta.warnings.push(format!(
            "year {y} taken from the file name (no dateline, a hint only)"
        ));
        Some(y)
    } else {
        meta.warnings.push("year unknown: no dateline".to_string());
        None
    };

    // A speech without a dateline whose photo caption says when and by whom it was
    // delivered (3月5日，国务院总理温家宝在…会议上作政府工作报告): the caption is
    // furniture, but what it states is the report's.
    if found.is_none() && meta.meeting_date.is_none() {
        let first: Vec<String> = lines.iter().take(NEWS_LINES).cloned().collect();
        let delivered = meta.year.and_then(|y| {
            date::find_delivery(input.furniture, y).or_else(|| date::find_delivery(&first, y))
        });
        if let Some((d, who)) = delivered {
            meta.warnings.push(format!(
                "meeting date {} read from a caption (no dateline)",
                d.date
            ));
            meta.meeting_date = Some(d.date.to_string());
            if meta.meeting.is_none() {
                meta.meeting = d.meeting;
            }
            if meta.speaker.is_none() {
                if let Some(s) = speaker::parse_line(&who).filter(|s| s.name.is_some()) {
                    meta.speaker = s.name;
                    meta.speaker_title = s.title;
                }
            }
        }
    }

    // A news account of the session: 1月12日上午，…第十八届人民代表大会第三次会议隆重开幕.
    // Only in an account: a speech (it opens with 各位代表) is dated by its own dateline.
    let speech = lines.iter().take(NEWS_LINES).any(|l| is_opening_address(l));
    if found.is_none() && !speech {
        if let Some(d) = meta
            .year
            .and_then(|y| date::find_news_opening(lines, NEWS_LINES, y))
        {
            meta.meeting_date = Some(d.date.to_string());
            if meta.meeting.is_none() {
                meta.meeting = d.meeting;
            }
        }
    }
    meta
}

#[cfg(test)]
mod tests;

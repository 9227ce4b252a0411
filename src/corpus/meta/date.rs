//! Datelines: `——2020年6月29日在阿拉善左旗第十五届人民代表大会第三次会议上`, split over two
//! lines, written in Chinese numerals (二〇二六年一月二十七日), or a bare `（2008年3月27日）`.

use std::fmt;
use std::sync::LazyLock;

use regex::Regex;

use crate::corpus::numbering::chinese_value;
use crate::corpus::structure::trim;

/// A calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// A dateline found in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dateline {
    /// Index of the line holding the date.
    pub line: usize,
    pub date: Date,
    /// 第十五届人民代表大会第三次会议, as written, without the region, 在 and 上.
    pub meeting: Option<String>,
    /// True for `…日在…会议上` (a dateline beyond doubt); false for a bare date line.
    pub strict: bool,
}

/// Optional `标题：`, an optional title ending in 工作报告, dashes and brackets, then the date.
static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:标题[:：])?(?:[^—―\-－(（]{0,40}?工作报告)?[\s\u{3000}—―\-－–~～(（]*(?P<y>\d{4}|[〇零○Ｏ一二三四五六七八九]{4})\s*年\s*(?P<m>\d{1,2}|[元一二三四五六七八九十]{1,3})\s*月\s*(?P<d>\d{1,2}|[一二三四五六七八九十]{1,3})\s*日[\s\u{3000})）]*(?P<rest>.*)$",
    )
    .expect("valid regex")
});

/// A dateline that names the meeting before the date:
/// `——在某某县第十八届人民代表大会第四次会议上（2024年1月9日）`, or without 在:
/// `第十二届全国人大二次会议，2014年3月5日` (then the meeting's ordinal must be there).
static MEETING_THEN_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:[^—―\-－(（]{0,40}?工作报告)?[\s\u{3000}—―\-－–~～(（]*(?P<at>在)?(?P<rest>.{2,60}?会议)上?[\s\u{3000}，,]*[(（]?(?P<y>\d{4}|[〇零○Ｏ一二三四五六七八九]{4})\s*年\s*(?P<m>\d{1,2}|[元一二三四五六七八九十]{1,3})\s*月\s*(?P<d>\d{1,2}|[一二三四五六七八九十]{1,3})\s*日[)）]?$",
    )
    .expect("valid regex")
});

/// A dateline without a date: `——在第十四届全国人民代表大会第三次会议上`.
static MEETING_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[^—―\-－(（]{0,40}?工作报告)?[\s\u{3000}—―\-－–~～(（]*在(?P<rest>.{2,60}?会议)上?[)）]?$")
        .expect("valid regex")
});

/// The meeting named by a dateline that gives no date, in `lines[from..to]`.
#[must_use]
pub fn find_meeting_line(lines: &[String], from: usize, to: usize) -> Option<String> {
    lines[from.min(lines.len())..to.min(lines.len())]
        .iter()
        .find_map(|l| {
            let c = MEETING_LINE.captures(trim(l))?;
            MEETING.find(&c["rest"]).map(|m| squeeze_spaces(m.as_str()))
        })
}

fn squeeze_spaces(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{3000}')
        .collect()
}

/// The meeting: from the ordinal of the congress to 会议.
static MEETING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"第?[〇零一二三四五六七八九十]+届.*?会议").expect("valid regex"));

/// Full-width digits (２０２１) as ASCII, other characters unchanged.
fn ascii_digits(s: &str) -> String {
    s.chars()
        .map(|c| crate::text::ascii_number_char(c).unwrap_or(c))
        .collect()
}

/// The value of a year written in digits or Chinese numerals (二〇二六).
fn year_value(s: &str) -> Option<u16> {
    let s = &ascii_digits(s);
    if s.bytes().all(|b| b.is_ascii_digit()) {
        return s.parse().ok();
    }
    s.chars().try_fold(0u16, |acc, c| {
        let d = match c {
            '〇' | '零' | '○' | 'Ｏ' => 0,
            _ => chinese_value(c.encode_utf8(&mut [0; 4]))? as u16,
        };
        Some(acc * 10 + d)
    })
}

/// The value of a month or day written in digits or Chinese numerals (二十七).
fn small_value(s: &str) -> Option<u8> {
    if s == "元" {
        // 元月: January
        return Some(1);
    }
    let s = &ascii_digits(s);
    if s.bytes().all(|b| b.is_ascii_digit()) {
        return s.parse().ok();
    }
    chinese_value(s).and_then(|v| u8::try_from(v).ok())
}

/// Parses a date written `2020年6月29日` or `二〇二一年一月二十日` (nothing else on the line).
#[must_use]
pub fn parse_date(s: &str) -> Option<Date> {
    let c = DATELINE.captures(trim(s))?;
    if !c["rest"].is_empty() {
        return None;
    }
    date_of(&c)
}

fn date_of(c: &regex::Captures<'_>) -> Option<Date> {
    let date = Date {
        year: year_value(&c["y"])?,
        month: small_value(&c["m"])?,
        day: small_value(&c["d"])?,
    };
    ((1949..=2100).contains(&date.year)
        && (1..=12).contains(&date.month)
        && (1..=31).contains(&date.day))
    .then_some(date)
}

/// Reads the dateline at `lines[i]`, joining the next line when the dateline is split
/// (`2020年6月29日在阿拉善左旗` / `第十五届人民代表大会第三次会议上`).
fn dateline_at(lines: &[String], i: usize) -> Option<Dateline> {
    let line = trim(&lines[i]);
    if line.chars().count() > 120 {
        return None;
    }
    // A spaced title before the dash (政 府 工 作 报 告 ——2006年3月5日在…): read squeezed.
    let squeezed;
    let line =
        if line.contains('告') && line.contains(char::is_whitespace) && !DATELINE.is_match(line) {
            squeezed = squeeze_spaces(line);
            &squeezed
        } else {
            line
        };
    let Some(c) = DATELINE.captures(line) else {
        let c = MEETING_THEN_DATE.captures(line)?;
        let meeting = MEETING.find(&c["rest"]).map(|m| squeeze_spaces(m.as_str()));
        if c.name("at").is_none() && meeting.is_none() {
            return None;
        }
        return Some(Dateline {
            line: i,
            date: date_of(&c)?,
            meeting,
            strict: true,
        });
    };
    let date = date_of(&c)?;
    let rest = c["rest"].trim();
    if rest.is_empty() {
        return Some(Dateline {
            line: i,
            date,
            meeting: None,
            strict: false,
        });
    }
    if !rest.starts_with('在') {
        return None;
    }
    let mut text = rest.to_string();
    if !text.contains("会议") {
        if let Some(next) = lines.get(i + 1).map(|l| trim(l)) {
            if next.contains("会议") && next.chars().count() <= 40 {
                text.push_str(next);
            }
        }
    }
    let meeting = MEETING.find(&text).map(|m| squeeze_spaces(m.as_str()));
    Some(Dateline {
        line: i,
        date,
        strict: meeting.is_some() || text.contains("会议"),
        meeting,
    })
}

/// The dateline of `lines[from..to]`: the first one that names its meeting, else the first
/// bare date line.
#[must_use]
pub fn find_dateline(lines: &[String], from: usize, to: usize) -> Option<Dateline> {
    let mut bare = None;
    for i in from..to.min(lines.len()) {
        if let Some(d) = dateline_at(lines, i) {
            if d.strict {
                return Some(d);
            }
            bare.get_or_insert(d);
        }
    }
    bare
}

/// A news account's opening sentence: `1月12日上午，高阳县第十八届人民代表大会第三次会议隆重开幕`.
static NEWS_OPENING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:^|[。！\s])(?P<m>\d{1,2})月(?P<d>\d{1,2})日(?:上午|下午|晚上?)?[，,]?(?P<rest>[^。]{0,40}?(?:人民代表大会第[〇零一二三四五六七八九十]+次会议|[一二三四五六七八九十]+届人大[一二三四五六七八九十]+次会议))[^。]{0,12}?(?:开幕|召开|举行|作政府工作报告)",
    )
    .expect("valid regex")
});

/// The date a news account gives for the session's opening (its year from elsewhere: the
/// account names only month and day), in `lines[..to]`.
#[must_use]
pub fn find_news_opening(lines: &[String], to: usize, year: u16) -> Option<Dateline> {
    lines.iter().take(to).enumerate().find_map(|(i, l)| {
        let c = NEWS_OPENING.captures(l)?;
        let month: u8 = c["m"].parse().ok()?;
        let day: u8 = c["d"].parse().ok()?;
        if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
            return None;
        }
        Some(Dateline {
            line: i,
            date: Date { year, month, day },
            meeting: MEETING.find(&c["rest"]).map(|m| squeeze_spaces(m.as_str())),
            strict: false,
        })
    })
}

/// A photo caption or news line saying who delivered the report, where and on which day:
/// `3月5日，国务院总理温家宝在第十一届全国人民代表大会第五次会议上作政府工作报告`.
static DELIVERED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:^|[。！\s])(?P<m>\d{1,2})月(?P<d>\d{1,2})日(?:上午|下午)?[，,]\s*(?P<who>[^，。在]{2,30}?)在(?P<rest>[^。]{2,40}?会议)上?作[《〈“]?政府工作报告",
    )
    .expect("valid regex")
});

/// The day a caption or news line gives for the report's delivery, with who delivered it
/// as written (`国务院总理温家宝`), in `lines`; the year is the report's (a caption names
/// only month and day; a session held in November or December is the coming year's).
#[must_use]
pub fn find_delivery(lines: &[String], year: u16) -> Option<(Dateline, String)> {
    lines.iter().enumerate().find_map(|(i, l)| {
        if !l.contains("政府工作报告") {
            return None;
        }
        let c = DELIVERED.captures(l)?;
        let month: u8 = c["m"].parse().ok()?;
        let day: u8 = c["d"].parse().ok()?;
        if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
            return None;
        }
        let year = if month >= 11 {
            year.saturating_sub(1)
        } else {
            year
        };
        let dateline = Dateline {
            line: i,
            date: Date { year, month, day },
            meeting: MEETING.find(&c["rest"]).map(|m| squeeze_spaces(m.as_str())),
            strict: false,
        };
        Some((dateline, c["who"].trim().to_string()))
    })
}

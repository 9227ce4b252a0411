//! Speaker lines: `阿拉善左旗人民政府旗长 戈 明`, `代县长 李锴栋`, `区长?? 张三`,
//! `国务院总理 李强`, a bare name line, or a post without a name.

use std::sync::LazyLock;

use regex::Regex;

use crate::corpus::structure::{is_opening_address, trim};

/// The speaker and the post as written before the name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Speaker {
    pub name: Option<String>,
    pub title: Option<String>,
}

/// A speaker line is at most this long.
const MAX_LINE_CHARS: usize = 40;

static SPEAKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?P<pre>.*?)(?P<title>(?:国务院)?代?(?:省长|市长|县长|区长|旗长|州长|盟长|主席|总理|主任|专员))[\s\u{3000}?？\u{fffd}：:]*(?P<name>[\p{Han}·](?:[\s\u{3000}]?[\p{Han}·]){1,11})?[\s\u{3000}]*$",
    )
    .expect("valid regex")
});

/// Words that are never part of a person's name.
const NOT_NAME: [&str; 14] = [
    "政府", "报告", "代表", "工作", "会议", "人民", "委员", "同志", "全文", "摘要", "目录", "正文",
    "附件", "首页",
];

fn valid_name(name: &str) -> bool {
    let n = name.chars().count();
    // Uyghur and other transcribed names are longer, with a middle dot: 艾尔肯·吐尼亚孜.
    let max = if name.contains('·') { 12 } else { 6 };
    (2..=max).contains(&n)
        && !name.starts_with('·')
        && !name.ends_with('·')
        && !NOT_NAME.iter().any(|w| name.contains(w))
}

/// Parses one speaker line.
#[must_use]
pub fn parse_line(line: &str) -> Option<Speaker> {
    let line = trim(line);
    // A title, dateline and speaker run into one line: 政府工作报告——2016年3月5日在…会议上
    // 国务院总理 李克强. The speaker is what follows the meeting.
    let line = line
        .rsplit_once("会议上")
        .map_or(line, |(_, tail)| trim(tail));
    let line = line
        .strip_prefix("报告人")
        .map_or(line, |r| r.trim_start_matches(['：', ':', ' ', '\u{3000}']));
    if line.chars().count() > MAX_LINE_CHARS {
        return None;
    }
    let c = SPEAKER.captures(line)?;
    let pre = c["pre"].trim();
    if pre.ends_with('副') || pre.contains(['，', '。', ',', '：', ':']) {
        return None;
    }
    let title = c["title"].to_string();
    match c.name("name") {
        Some(m) => {
            let name: String = m
                .as_str()
                .chars()
                .filter(|c| !c.is_whitespace() && *c != '\u{3000}')
                .collect();
            valid_name(&name).then_some(Speaker {
                name: Some(name),
                title: Some(title),
            })
        }
        // A post with no name ("海拉尔区人民政府区长"): only after a government's name.
        None => pre.ends_with("人民政府").then_some(Speaker {
            name: None,
            title: Some(title),
        }),
    }
}

/// A line that is only a name (2 to 4 Chinese characters), spaced or not (`王  强`).
fn bare_name(line: &str) -> Option<String> {
    let t = trim(line);
    // A spaced name has at most 4 characters with one run of spaces between each.
    if t.chars().count() > 4 * 3 {
        return None;
    }
    let name: String = t
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{3000}')
        .collect();
    let n = name.chars().count();
    ((2..=4).contains(&n)
        && name.chars().all(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
        && valid_name(&name))
    .then_some(name)
}

/// A line that is only a post (`县长`, `代市长`), waiting for its name on the next line.
fn bare_post(line: &str) -> Option<String> {
    let t = trim(line);
    let c = SPEAKER.captures(t)?;
    (c["pre"].trim().is_empty() && c.name("name").is_none()).then(|| c["title"].to_string())
}

/// The speaker in the preamble `lines`. `dateline` is the index of the dateline among
/// them: a bare name line is accepted right after it, right over it or right before
/// 各位代表, or next to
/// a line that gives the post without a name (`某某县人民政府县长` under or over `王  强`).
#[must_use]
pub fn find(lines: &[&str], dateline: Option<usize>) -> Option<Speaker> {
    let beside = |i: usize| {
        [i + 1, i.wrapping_sub(1)]
            .into_iter()
            .filter_map(|j| lines.get(j))
            .find_map(|l| bare_name(l))
    };
    let mut nameless = None;
    for (i, l) in lines.iter().enumerate() {
        let post = match parse_line(l) {
            Some(s) if s.name.is_some() => return Some(s),
            Some(s) => s.title,
            None => bare_post(l),
        };
        let Some(post) = post else { continue };
        if let Some(name) = beside(i) {
            return Some(Speaker {
                name: Some(name),
                title: Some(post),
            });
        }
        // A post alone on its line with no name beside it says nothing.
        if parse_line(l).is_some() {
            nameless.get_or_insert(Speaker {
                name: None,
                title: Some(post),
            });
        }
    }
    if nameless.is_some() {
        return nameless;
    }
    lines.iter().enumerate().find_map(|(i, l)| {
        // right under the dateline, or right over it (under the title)
        let after_dateline = dateline.is_some_and(|d| i == d + 1 || i == d + 2 || i + 1 == d);
        let before_address = lines.get(i + 1).is_some_and(|n| is_opening_address(n));
        if !(after_dateline || before_address) {
            return None;
        }
        bare_name(l).map(|name| Speaker {
            name: Some(name),
            title: None,
        })
    })
}

/// A news account of the session names the speaker in running text:
/// `在热烈的掌声中，县长蒋东方作高阳县人民政府工作报告。`
static NEWS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?P<pre>.?)(?P<title>代?(?:省长|市长|县长|区长|旗长|州长|盟长|主席))(?P<name>\p{Han}{2,3}?)(?:同志)?(?:在[^，。]{2,30}?上)?作(?:了)?\p{Han}{0,24}?政府工作报告",
    )
    .expect("valid regex")
});

/// The speaker named in a news account (`县长蒋东方作…政府工作报告`) among `lines`.
#[must_use]
pub fn from_news(lines: &[&str]) -> Option<Speaker> {
    lines.iter().find_map(|l| {
        // Every match ends in 政府工作报告: a plain substring search rules out most lines
        // before the regex, whose leading `.?` gives it no literal to look for.
        if !l.contains("政府工作报告") {
            return None;
        }
        NEWS.captures_iter(l).find_map(|c| {
            let name = c["name"].to_string();
            // 市长王某所作政府工作报告: 所 is not part of the name.
            let ok = &c["pre"] != "副" && !name.ends_with(['所', '在', '的']) && valid_name(&name);
            ok.then(|| Speaker {
                name: Some(name),
                title: Some(c["title"].to_string()),
            })
        })
    })
}

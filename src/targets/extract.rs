//! Finding targets, last year's figures and plan goals in a parsed report.
//!
//! A report states its targets in one passage, opened by a marker such as
//! 主要预期目标是 / 主要目标为 / 预期目标：, and runs on to the end of that paragraph. The
//! sentence (and the section) around the marker say whether it is this year's targets
//! (今年, the report's year) or a plan's (十四五, 今后五年, 到2025年). Last year's figures
//! come from the paragraphs before this year's passage (the review of last year),
//! leaving out sentences about several years (五年, 年均, 累计, another year).
//!
//! Inside a passage or a review sentence, text is cut into clauses at ，；：。 and each
//! clause is searched for indicator names; what follows a name up to the next name is
//! read as a figure: a number with its unit and hedge (6%左右, 不低于6%, 5%—5.5%) or a
//! relative phrase (与经济增长同步, 高于全省1个百分点). Names joined by 、 or 和 share
//! the figure that follows the last of them. A clause with a name and no figure borrows
//! the next clause when that one begins with 增长 / 年均增长 / 实现 … and names nothing.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::fold::Folded;
use super::model::{Figure, Indicator, Kind, Modifier};
use crate::corpus::Report;

/// Indicator names. Alternatives that start at the same place are tried in order, so the
/// `skip` names (per-capita output, shares of GDP, sector value added) and energy use
/// (单位GDP能耗) come before GDP.
static NAMES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?P<energy>(?:单位|万元)(?:国内|地区)?(?:生产总值|GDP)(?:综合)?能耗)",
        r"|(?P<skip>人均(?:国内|地区)?生产总值|人均GDP|占(?:国内|地区)?生产总值|占GDP|GDP比重",
        r"|第[一二三]产业增加值|[一二三]产增加值|服务业增加值)",
        r"|(?P<industry>(?:规模以上|规上)工业增加值)",
        r"|(?P<gdp>(?:国内|地区|本地|全省|全市|全县|全区|全旗)?生产总值|GDP|经济增长)",
        r"|(?P<investment>固定资产投资(?:总额|额)?)",
        r"|(?P<retail>社会消费品零售(?:总)?额|社消零(?:总额)?)",
        r"|(?P<revenue>(?:地方)?(?:一般公共|公共财政|财政一般|一般)(?:财政)?预算收入)",
        r"|(?P<cpi>居民消费价格(?:指数)?(?:涨幅|上涨|总水平)?|CPI(?:涨幅)?)",
        r"|(?P<unemployment>(?:城镇)?(?:调查|登记)失业率)",
        r"|(?P<jobs>城镇新增就业(?:人数)?|新增城镇就业(?:人数)?)",
        r"|(?P<income>(?:全体|城乡|城镇|农村牧区|农村)?(?:常住)?居民(?:年)?人均可支配收入",
        r"|农民人均纯收入|居民收入)",
        r"|(?P<trade>(?:外贸)?进出口(?:总额|总值)?)",
    ))
    .expect("indicator names regex")
});

const GROUPS: [(&str, Option<Indicator>); 12] = [
    ("energy", Some(Indicator::Energy)),
    ("skip", None),
    ("industry", Some(Indicator::Industry)),
    ("gdp", Some(Indicator::Gdp)),
    ("investment", Some(Indicator::Investment)),
    ("retail", Some(Indicator::Retail)),
    ("revenue", Some(Indicator::Revenue)),
    ("cpi", Some(Indicator::Cpi)),
    ("unemployment", Some(Indicator::Unemployment)),
    ("jobs", Some(Indicator::Jobs)),
    ("income", Some(Indicator::Income)),
    ("trade", Some(Indicator::Trade)),
];

/// The marker that opens a targets passage (主要预期目标是, 主要目标为, 预期目标：).
static MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:主要预期目标|预期目标|主要目标|预期指标|主要指标|发展目标)[^，。；,;]{0,4}?(?:是|为|：|:)")
        .expect("marker regex")
});

/// Words that make a marker a plan's rather than this year's.
static PLAN_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"十[一二三四五六]五|五年|到20\d\d年|远景|20\d\d年远景|中长期").expect("plan regex")
});

/// A range: 5%—5.5%, 7%-7.5%, 7至7.5%.
static RANGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(\d+(?:\.\d+)?)\s*[%％]?\s*(?:-|—|–|－|~|～|至|到)+\s*(\d+(?:\.\d+)?)\s*([%％‰])")
        .expect("range regex")
});

/// A number with a unit this module reads.
static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(\d+(?:\.\d+)?)\s*([%％‰]|个百分点|万人|人)").expect("number regex")
});

/// Words that make a figure relative to something else.
static RELATIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"同步|持平|高于|快于|不高于|不低于全|正增长|翻一番|翻番").expect("relative regex")
});

/// "We set no target" (不设定具体的增长目标).
static NO_TARGET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:不再?|未|没有)(?:设定?|提出)(?:具体的?|全年的?)*(?:经济|GDP)?(?:增长|增速)(?:速度)?(?:具体的?|预期)?(?:目标|指标)",
    )
        .expect("no-target regex")
});

/// Sentences about several years, which are not last year's figures.
static NOT_LAST_YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"五年|十[一二三四五]五").expect("multi-year regex"));

/// Clauses about several years or part of one.
static MULTI_PERIOD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"年均|累计|季度|上半年|\d+-\d+月|\d+月份").expect("multi-period regex")
});

static YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(20\d\d|19\d\d)年").expect("year regex"));

/// A clause begins with a figure for the name in the clause before (…67665亿元，增长5.5%).
static CONTINUES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:全年|同比|比上年|年均|实现|保持|确保|按可比口径|按可比价计算|按可比价|可比)*(?:增长|下降|增速|正增长|上涨|涨幅)",
    )
        .expect("continuation regex")
});

/// A secondary aim (力争8%, 在实际工作中争取更好结果).
static AIM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:在实际工作中|实际工作中)?(?:尽可能|尽力)?(?:努力|力争|争取)[^，。；]*")
        .expect("aim regex")
});

/// Extracts every figure of a report: at most one per indicator and kind, the first the
/// report gives.
#[must_use]
pub fn extract(report: &Report) -> Vec<Figure> {
    let year = report.meta.year;
    let folded: Vec<Folded> = report
        .paragraphs
        .iter()
        .map(|p| Folded::new(&p.text))
        .collect();
    let texts: Vec<&str> = folded.iter().map(Folded::text).collect();
    let passages = passages(report, &texts, year);
    let mut out: Vec<Figure> = Vec::new();
    for p in &passages {
        let text = texts[p.paragraph];
        for f in figures_in(text, p.range.clone(), p.paragraph, p.kind, p.horizon) {
            push(&mut out, f);
        }
    }
    // Last year's figures: the paragraphs before this year's targets (a plan's passage
    // may come first, as in a report opening a five-year plan), leaving out the passages.
    let review_end = passages
        .iter()
        .find(|p| p.kind == Kind::Target)
        .map_or(report.paragraphs.len(), |p| p.paragraph);
    let last_year = year.map(|y| format!("{}年", y - 1));
    for (i, para) in report.paragraphs[..review_end].iter().enumerate() {
        if passages.iter().any(|p| p.paragraph == i) {
            continue;
        }
        let text = texts[i];
        // Most paragraphs hold no rate at all: they are passed over before any splitting.
        if !may_hold_a_figure(text) || (para.heading && text.chars().count() < 40) {
            continue;
        }
        // A paragraph that opens on five years (这五年, “十三五”时期), or stands in a
        // section about them that does not name last year, is not about last year, up
        // to a sentence that turns to it (过去一年，…; 2012年，…).
        let sentences = sentences(text);
        let titles = section_titles(report, para.section);
        let names_last_year = |s: &str| {
            last_year.as_ref().is_some_and(|y| s.contains(y.as_str()))
                || s.contains("过去一年")
                || s.contains("过去的一年")
                || s.contains("刚刚过去的")
        };
        let first = sentences.first().map_or("", |s| &text[s.clone()]);
        let opens_on_last_year = names_last_year(first);
        let mut about_last_year = !((NOT_LAST_YEAR.is_match(first) && !opens_on_last_year)
            || (NOT_LAST_YEAR.is_match(&titles)
                && !opens_on_last_year
                && !last_year
                    .as_ref()
                    .is_some_and(|y| titles.contains(y.as_str()))));
        for s in sentences {
            let sentence = &text[s.clone()];
            if !about_last_year {
                if !names_last_year(sentence) || NOT_LAST_YEAR.is_match(sentence) {
                    continue;
                }
                about_last_year = true;
            }
            if !may_hold_a_figure(sentence) {
                continue;
            }
            // A sentence about several years is passed over; a part of one (粮食连续五年
            // 增产 after a semicolon) only leaves that part out.
            let parts = split(text, s, &['；', ';']);
            if parts
                .first()
                .is_some_and(|p| NOT_LAST_YEAR.is_match(&text[p.clone()]))
            {
                continue;
            }
            for part in parts {
                if NOT_LAST_YEAR.is_match(&text[part.clone()]) {
                    continue;
                }
                for f in figures_in(text, part, i, Kind::Actual, None) {
                    // A clause naming another year (相较于2020年) is not last year's figure.
                    if !names_other_year(&text[f.start..f.end], year) {
                        push(&mut out, f);
                    }
                }
            }
        }
    }
    if !out
        .iter()
        .any(|f| f.indicator == Indicator::Gdp && f.kind == Kind::Target)
    {
        if let Some(f) = no_target(&texts) {
            push(&mut out, f);
        }
    }
    // Offsets and phrases as the report writes them.
    for f in &mut out {
        let fold = &folded[f.paragraph];
        (f.start, f.end) = (fold.original(f.start), fold.original(f.end));
        f.text = report.paragraphs[f.paragraph].text[f.start..f.end].to_string();
    }
    out.sort_by_key(|f| (f.kind, f.indicator));
    out
}

/// Whether a text may hold a figure this module reads: a rate (%, ‰) or a number of jobs.
fn may_hold_a_figure(text: &str) -> bool {
    text.contains(['%', '％', '‰']) || text.contains("就业")
}

/// Adds a figure unless one of its indicator and kind is already there.
fn push(out: &mut Vec<Figure>, f: Figure) {
    if !out
        .iter()
        .any(|g| g.indicator == f.indicator && g.kind == f.kind)
    {
        out.push(f);
    }
}

/// A passage of targets: where it is and what kind of figures it holds.
#[derive(Debug)]
struct Passage {
    paragraph: usize,
    /// Byte range in the paragraph: from the end of the marker to the paragraph's end.
    range: Range<usize>,
    kind: Kind,
    horizon: Option<u16>,
}

fn passages(report: &Report, texts: &[&str], year: Option<u16>) -> Vec<Passage> {
    let mut out = Vec::new();
    for (i, para) in report.paragraphs.iter().enumerate() {
        let text = texts[i];
        let Some(m) = MARKER.find_iter(text).find(|m| {
            let before = &text[..m.start()];
            !before.ends_with("上述") && !before.ends_with("实现")
        }) else {
            continue;
        };
        let sentence_start = text[..m.start()]
            .rfind(['。', '！', '？'])
            .map_or(0, |p| p + '。'.len_utf8());
        let prefix = &text[sentence_start..m.start()];
        let this_year = prefix.contains("今年")
            || prefix.contains("本年")
            || year.is_some_and(|y| prefix.contains(&format!("{y}年")));
        let titles = section_titles(report, para.section);
        let kind = if this_year {
            Kind::Target
        } else if PLAN_WORDS.is_match(prefix)
            || (PLAN_WORDS.is_match(&titles)
                && !titles.contains("今年")
                && !year.is_some_and(|y| titles.contains(&format!("{y}年"))))
        {
            Kind::Plan
        } else {
            Kind::Target
        };
        let horizon = (kind == Kind::Plan)
            .then(|| horizon(&format!("{titles}{}", &text[sentence_start..]), year))
            .flatten();
        let rest = text[m.end()..].trim_matches(|c: char| c.is_whitespace() || "：:".contains(c));
        if !rest.is_empty() {
            out.push(Passage {
                paragraph: i,
                range: m.end()..text.len(),
                kind,
                horizon,
            });
            continue;
        }
        // The marker closes its paragraph (今年的主要预期目标是：): the list is the next
        // paragraph, and the short items after it.
        for (k, next) in texts.iter().enumerate().skip(i + 1).take(12) {
            let item = k == i + 1 || (next.chars().count() <= 80 && may_hold_a_figure(next));
            if !item || MARKER.is_match(next) {
                break;
            }
            out.push(Passage {
                paragraph: k,
                range: 0..next.len(),
                kind,
                horizon,
            });
        }
    }
    out
}

/// The titles of a section and its ancestors, joined.
fn section_titles(report: &Report, mut section: usize) -> String {
    let mut out = String::new();
    while let Some(s) = report.sections.get(section) {
        out.push_str(&s.title);
        out.push('|');
        match s.parent {
            Some(p) => section = p,
            None => break,
        }
    }
    out
}

/// The year a plan runs to: 到2030年, else the five-year plan's last year, else four
/// years after the report's.
fn horizon(text: &str, year: Option<u16>) -> Option<u16> {
    static TO: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"到(20\d\d)年").expect("horizon regex"));
    if let Some(c) = TO.captures(text) {
        return c[1].parse().ok();
    }
    for (name, end) in [
        ("十一五", 2010),
        ("十二五", 2015),
        ("十三五", 2020),
        ("十四五", 2025),
        ("十五五", 2030),
        ("十六五", 2035),
    ] {
        if text.contains(name) {
            return Some(end);
        }
    }
    year.map(|y| y + 4)
}

/// Whether a sentence names a year other than the one before the report's.
fn names_other_year(sentence: &str, year: Option<u16>) -> bool {
    let Some(y) = year else { return false };
    YEAR.captures_iter(sentence)
        .any(|c| c[1].parse::<u16>().is_ok_and(|n| n + 1 != y))
}

/// Byte ranges of the sentences of a paragraph (ending at 。！？).
fn sentences(text: &str) -> Vec<Range<usize>> {
    split(text, 0..text.len(), &['。', '！', '？'])
}

/// Byte ranges of the parts of `range` cut at `seps` (each part keeps its separator).
fn split(text: &str, range: Range<usize>, seps: &[char]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = range.start;
    for (i, c) in text[range.clone()].char_indices() {
        if seps.contains(&c) {
            let end = range.start + i + c.len_utf8();
            if end > start {
                out.push(start..end);
            }
            start = end;
        }
    }
    if start < range.end {
        out.push(start..range.end);
    }
    out
}

const CLAUSE_SEPS: [char; 10] = ['，', '；', '：', '。', '！', '？', ',', ';', ':', '\n'];

/// One indicator name found in a clause.
struct Name {
    indicator: Indicator,
    range: Range<usize>,
}

/// The indicator names of a clause, in order (`skip` names dropped, a bare 经济增长 kept
/// only at the start of the clause, a name followed by 占 or 比重 dropped).
fn names(text: &str, clause: &Range<usize>) -> Vec<Name> {
    let mut out = Vec::new();
    let body = &text[clause.clone()];
    // Find the names with the fast matcher, then which group matched on the name alone.
    for m in NAMES.find_iter(body) {
        let Some(c) = NAMES.captures(m.as_str()) else {
            continue;
        };
        let Some(indicator) = GROUPS.iter().find_map(|(g, ind)| c.name(g).map(|_| *ind)) else {
            continue;
        };
        let Some(indicator) = indicator else { continue };
        let lead = body[..m.start()].trim_start_matches(|c: char| {
            c.is_whitespace() || "一二三四五是今年全年，、".contains(c)
        });
        if m.as_str() == "经济增长" && !lead.is_empty() {
            continue;
        }
        let after = &body[m.end()..];
        if after.starts_with('占') || after.starts_with("比重") || after.starts_with("的比重")
        {
            continue;
        }
        out.push(Name {
            indicator,
            range: clause.start + m.start()..clause.start + m.end(),
        });
    }
    out
}

/// A figure read from the words after a name.
#[derive(Debug, Clone, PartialEq)]
struct Reading {
    value: Option<f64>,
    low: Option<f64>,
    high: Option<f64>,
    unit: Option<String>,
    modifier: Modifier,
    /// A secondary aim read with the figure (保8争9: 争9).
    aim: Option<String>,
    /// Byte offset (in the words read) just past the figure.
    end: usize,
}

/// A floor and an aim in two characters each (增速“保8争9”: at least 8%, aim 9%).
static FLOOR_AND_AIM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[^，。；0-9]{0,8}?保(\d+(?:\.\d+)?)%?争(\d+(?:\.\d+)?)%?")
        .expect("floor-and-aim regex")
});

/// Reads a figure from the words after an indicator's name.
fn read(words: &str, indicator: Indicator, kind: Kind) -> Option<Reading> {
    if kind == Kind::Target
        && let Some(c) = FLOOR_AND_AIM.captures(words)
    {
        return Some(Reading {
            value: Some(c[1].parse().ok()?),
            low: None,
            high: None,
            unit: Some("%".into()),
            modifier: Modifier::AtLeast,
            aim: Some(format!("争{}%", &c[2])),
            end: c.get(0)?.end(),
        });
    }
    let rel = RELATIVE.find(words);
    let range = RANGE.captures(words);
    let number = NUMBER.captures(words);
    let number_at = number.as_ref().and_then(|c| c.get(0)).map(|m| m.start());
    let unit_pp = number.as_ref().is_some_and(|c| &c[2] == "个百分点");
    // A relative phrase: no number, or one in 个百分点, or words between the relation and
    // the number (高于全省1个百分点; but 高于6% is a floor).
    if let Some(r) = rel {
        let relative = match number_at {
            None => true,
            Some(n) => unit_pp || (r.start() < n && r.end() < n),
        };
        if relative {
            if kind == Kind::Actual {
                return None;
            }
            let end = number
                .as_ref()
                .filter(|_| unit_pp)
                .and_then(|c| c.get(0))
                .map_or(r.end(), |m| m.end().max(r.end()));
            let end = end + hedge_after(&words[end..]).map_or(0, |(_, n)| n);
            return Some(Reading {
                value: None,
                low: None,
                high: None,
                unit: None,
                modifier: Modifier::Relative,
                aim: None,
                end,
            });
        }
    }
    let before_limit = |start: usize| {
        let before = &words[..start];
        // The number must belong to this name: not far, no share, no multi-year average
        // (but for a plan's).
        before.chars().count() <= 20
            && !before.contains("比重")
            && (kind == Kind::Plan || !before.contains("年均"))
    };
    if let Some(c) = range.filter(|c| c.get(0).is_some_and(|m| before_limit(m.start())))
        && kind != Kind::Actual
    {
        let m = c.get(0).expect("whole match");
        let low: f64 = c[1].parse().ok()?;
        let high: f64 = c[2].parse().ok()?;
        if low < high && number_at.is_none_or(|n| n >= m.start()) {
            return Some(Reading {
                value: None,
                low: Some(low),
                high: Some(high),
                unit: Some(normal_unit(&c[3])),
                modifier: Modifier::Range,
                aim: None,
                end: m.end(),
            });
        }
    }
    let c = number?;
    let m = c.get(0)?;
    let unit = normal_unit(&c[2]);
    let unit_ok = match indicator {
        Indicator::Jobs => unit == "万人" || unit == "人",
        _ => unit == "%" || unit == "‰",
    };
    if !unit_ok || !before_limit(m.start()) {
        return None;
    }
    let before = &words[..m.start()];
    if kind == Kind::Actual
        && !matches!(
            indicator,
            Indicator::Unemployment | Indicator::Jobs | Indicator::Cpi
        )
        && !["增长", "下降", "增速", "上涨", "涨幅", "增加", "回落"]
            .iter()
            .any(|w| before.contains(w))
    {
        return None;
    }
    let mut value: f64 = c[1].parse().ok()?;
    if indicator != Indicator::Energy && (before.contains("下降") || before.contains("负增长"))
    {
        value = -value;
    }
    let mut end = m.end();
    let modifier = if let Some((modifier, n)) = hedge_after(&words[end..]) {
        end += n;
        modifier
    } else {
        // Longest words first: 不超过 before 超过, 不低于 before 低于.
        [
            ("不低于", Modifier::AtLeast),
            ("不少于", Modifier::AtLeast),
            ("不超过", Modifier::AtMost),
            ("不高于", Modifier::AtMost),
            ("超过", Modifier::AtLeast),
            ("高于", Modifier::AtLeast),
            ("确保", Modifier::AtLeast),
            ("低于", Modifier::AtMost),
            ("控制在", Modifier::AtMost),
            ("约", Modifier::About),
        ]
        .into_iter()
        .find(|(w, _)| before.ends_with(w))
        .map_or(Modifier::Point, |(_, m)| m)
    };
    Some(Reading {
        value: Some(value),
        low: None,
        high: None,
        unit: Some(unit),
        modifier,
        aim: None,
        end,
    })
}

/// A hedge right after a number: 左右, 以上, 以内, 以下 (and its length in bytes).
fn hedge_after(words: &str) -> Option<(Modifier, usize)> {
    let w = words.trim_start();
    let skipped = words.len() - w.len();
    [
        ("左右", Modifier::About),
        ("以上", Modifier::AtLeast),
        ("以内", Modifier::AtMost),
        ("以下", Modifier::AtMost),
    ]
    .into_iter()
    .find(|(s, _)| w.starts_with(s))
    .map(|(s, m)| (m, skipped + s.len()))
}

fn normal_unit(u: &str) -> String {
    if u == "％" { "%".into() } else { u.into() }
}

/// The figures of the clauses of `range` (a passage or a review sentence) of paragraph
/// `paragraph`, whose text is `text`.
fn figures_in(
    text: &str,
    range: Range<usize>,
    paragraph: usize,
    kind: Kind,
    horizon: Option<u16>,
) -> Vec<Figure> {
    let clauses = split(text, range, &CLAUSE_SEPS);
    let mut out = Vec::new();
    for (ci, clause) in clauses.iter().enumerate() {
        // A last-year figure is a rate in this clause or one of the few it borrows from.
        if kind == Kind::Actual
            && !clauses[ci..]
                .iter()
                .take(4)
                .any(|c| may_hold_a_figure(&text[c.clone()]))
        {
            continue;
        }
        let names = names(text, clause);
        if names.is_empty() {
            continue;
        }
        let body = &text[clause.clone()];
        if kind == Kind::Target && (body.contains("年均") || other_horizon(body)) {
            continue;
        }
        let mut group: Vec<&Name> = Vec::new();
        for (ni, name) in names.iter().enumerate() {
            group.push(name);
            let words_end = names.get(ni + 1).map_or(clause.end, |n| n.range.start);
            let words = &text[name.range.end..words_end];
            // Names joined by 、 / 和 / 及 share the figure after the last.
            if ni + 1 < names.len() && matches!(words, "、" | "和" | "及" | "与" | "以及") {
                continue;
            }
            let mut reading = read(words, name.indicator, kind);
            let mut span_end = name.range.end + reading.as_ref().map_or(0, |r| r.end);
            if reading.is_none() && ni + 1 == names.len() {
                if let Some((r, end)) = borrowed(text, &clauses[ci + 1..], name.indicator, kind) {
                    span_end = end;
                    reading = Some(r);
                }
            }
            if kind == Kind::Actual && MULTI_PERIOD.is_match(&text[clause.start..span_end]) {
                group.clear();
                continue;
            }
            let Some(r) = reading else {
                group.clear();
                continue;
            };
            // Income given apart for urban and rural residents is not the residents'.
            if r.modifier != Modifier::Relative
                && !whole_income(text, &group, &text[name.range.end..span_end])
            {
                group.retain(|n| n.indicator != Indicator::Income);
            }
            let estimated = kind == Kind::Actual && {
                let s = text[..clause.start]
                    .rfind(['。', '！', '？'])
                    .map_or(0, |p| p + '。'.len_utf8());
                let lead = &text[s..span_end];
                lead.contains("预计")
                    || lead.contains("初步核算")
                    || lead.contains("初步统计")
                    // …增长5%左右（预计数，下同）
                    || ["（预计", "(预计"]
                        .iter()
                        .any(|w| text[span_end..].trim_start().starts_with(w))
            };
            // The clause the figure ends in (a borrowed figure ends in a later one).
            let last = clauses[ci..]
                .iter()
                .position(|c| span_end <= c.end)
                .map_or(ci, |k| ci + k);
            let aim = r.aim.clone().or_else(|| {
                (kind != Kind::Actual)
                    .then(|| aim(text, span_end, clauses[last].end, clauses.get(last + 1)))
                    .flatten()
            });
            for n in group.drain(..) {
                let start = group_start(text, clause, n);
                out.push(Figure {
                    indicator: n.indicator,
                    kind,
                    value: r.value,
                    low: r.low,
                    high: r.high,
                    unit: r.unit.clone(),
                    modifier: r.modifier,
                    aim: aim.clone(),
                    estimated,
                    horizon,
                    text: text[start..span_end].to_string(),
                    paragraph,
                    start,
                    end: span_end,
                });
            }
        }
    }
    out
}

/// Whether the income names of a group, sharing one figure, speak for all residents:
/// 居民 / 全体居民 / 城乡居民, or urban and rural together (城镇、农村居民…均增长8%); not
/// one of them alone (城镇居民…增长12%, 农民人均纯收入) nor each its own figure (城乡居民
/// 人均可支配收入分别增长7%和8%).
fn whole_income(text: &str, group: &[&Name], after: &str) -> bool {
    let names: Vec<&str> = group
        .iter()
        .filter(|n| n.indicator == Indicator::Income)
        .map(|n| &text[n.range.clone()])
        .collect();
    if names.is_empty() {
        return true;
    }
    // 城镇和农村居民… is read as the name 农村居民…: the words before it count.
    let urban = names.iter().any(|n| n.starts_with("城镇"))
        || group.iter().any(|n| {
            let before = &text[..n.range.start];
            ["城镇和", "城镇、", "城镇及", "城镇与"]
                .iter()
                .any(|w| before.ends_with(w))
        });
    let rural = names
        .iter()
        .any(|n| n.starts_with("农村") || n.starts_with("农民"));
    let whole = names
        .iter()
        .any(|n| !n.starts_with("城镇") && !n.starts_with("农村") && !n.starts_with("农民"));
    (whole || (urban && rural)) && !after.contains("分别")
}

/// A figure borrowed from the clauses after a name without one: `…67665亿元，增长5.5%`,
/// `…突破4000亿元，达4601.5亿元，增长9.1%` (amounts are skipped, at most two clauses).
fn borrowed(
    text: &str,
    next: &[Range<usize>],
    indicator: Indicator,
    kind: Kind,
) -> Option<(Reading, usize)> {
    for clause in next.iter().take(3) {
        let body = &text[clause.clone()];
        if !names(text, clause).is_empty() {
            return None;
        }
        if CONTINUES.is_match(body) {
            let r = read(body, indicator, kind)?;
            let end = clause.start + r.end;
            return Some((r, end));
        }
        let amount = body.chars().count() <= 16
            && !body.contains(['%', '％'])
            && (body.starts_with(['达', '突', '超', '为', '共', '总'])
                || body.starts_with("按可比"));
        if !amount {
            return None;
        }
    }
    None
}

/// Where a figure's phrase starts: at its clause's first word, leaving out numbering and
/// the clause's leading punctuation.
fn group_start(text: &str, clause: &Range<usize>, name: &Name) -> usize {
    let body = &text[clause.start..name.range.start];
    let trimmed =
        body.trim_start_matches(|c: char| c.is_whitespace() || "一二三四五是：:".contains(c));
    // Start at the name unless the words before it are short (全区, 500万元以上).
    if trimmed.chars().count() <= 12 {
        clause.end.min(clause.start + (body.len() - trimmed.len()))
    } else {
        name.range.start
    }
}

/// Whether a clause speaks of a later year (力争到2025年) than the report's.
fn other_horizon(body: &str) -> bool {
    body.contains("到20")
}

/// A secondary aim in the rest of the clause or in the next clause.
fn aim(text: &str, from: usize, clause_end: usize, next: Option<&Range<usize>>) -> Option<String> {
    let rest = &text[from..clause_end];
    let trim = |s: &str| {
        s.trim_matches(|c: char| c.is_whitespace() || "，。；,;：:".contains(c))
            .to_string()
    };
    if let Some(m) = AIM.find(rest) {
        return Some(trim(m.as_str()));
    }
    let next = &text[next?.clone()];
    AIM.find(next)
        .filter(|m| m.start() == 0)
        .map(|m| trim(m.as_str()))
        .filter(|s| !s.contains("进入") && !s.contains("前列") && !s.contains("前三"))
}

/// "We set no growth target", as a GDP figure with modifier `none`.
fn no_target(texts: &[&str]) -> Option<Figure> {
    texts.iter().enumerate().find_map(|(i, text)| {
        let m = NO_TARGET.find(text)?;
        Some(Figure {
            indicator: Indicator::Gdp,
            kind: Kind::Target,
            value: None,
            low: None,
            high: None,
            unit: None,
            modifier: Modifier::None,
            aim: None,
            estimated: false,
            horizon: None,
            text: m.as_str().to_string(),
            paragraph: i,
            start: m.start(),
            end: m.end(),
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The figures of one passage of targets.
    fn targets(passage: &str) -> Vec<Figure> {
        figures_in(passage, 0..passage.len(), 0, Kind::Target, None)
    }

    fn one(passage: &str, indicator: Indicator) -> Figure {
        targets(passage)
            .into_iter()
            .find(|f| f.indicator == indicator)
            .unwrap_or_else(|| panic!("no {indicator:?} in {passage}"))
    }

    #[test]
    fn ranges_with_either_dash_or_zhi() {
        for p in [
            "地区生产总值增长7%-7.5%",
            "地区生产总值增长7%至7.5%",
            "地区生产总值增长7—7.5%",
        ] {
            let f = one(p, Indicator::Gdp);
            assert_eq!(
                (f.modifier, f.low, f.high),
                (Modifier::Range, Some(7.0), Some(7.5)),
                "{p}"
            );
            assert_eq!(f.compact(), "7–7.5%");
        }
    }

    #[test]
    fn hedges_before_and_after_the_number() {
        let cases = [
            ("生产总值增长不低于6%", Modifier::AtLeast),
            ("生产总值增长超过6%", Modifier::AtLeast),
            ("生产总值增长6%以上", Modifier::AtLeast),
            ("城镇调查失业率控制在6%以内", Modifier::AtMost),
            ("城镇调查失业率不超过6%", Modifier::AtMost),
            ("生产总值增长6%左右", Modifier::About),
            ("生产总值增长6%", Modifier::Point),
        ];
        for (p, m) in cases {
            let f = targets(p).into_iter().next().unwrap();
            assert_eq!((f.modifier, f.value), (m, Some(6.0)), "{p}");
        }
    }

    #[test]
    fn relative_targets_keep_their_words() {
        let f = one(
            "居民人均可支配收入增长高于全省1个百分点左右",
            Indicator::Income,
        );
        assert_eq!((f.modifier, f.value), (Modifier::Relative, None));
        assert!(f.text.ends_with("1个百分点左右"), "{}", f.text);
        let f = one("居民收入增长和经济增长同步", Indicator::Income);
        assert_eq!(f.modifier, Modifier::Relative);
        // 经济增长 inside the clause is not a GDP target.
        assert!(
            targets("居民收入增长和经济增长同步")
                .iter()
                .all(|f| f.indicator != Indicator::Gdp)
        );
    }

    #[test]
    fn a_secondary_aim_is_kept() {
        let f = one(
            "地区生产总值增长7.5%左右，力争8%；城镇调查失业率5.5%以内",
            Indicator::Gdp,
        );
        assert_eq!((f.value, f.aim.as_deref()), (Some(7.5), Some("力争8%")));
        let f = one(
            "地区生产总值增长5%左右，在实际工作中力争更好结果",
            Indicator::Gdp,
        );
        assert_eq!(f.aim.as_deref(), Some("在实际工作中力争更好结果"));
        let f = one("地区生产总值增长5%左右，尽可能争取更好结果", Indicator::Gdp);
        assert_eq!(f.aim.as_deref(), Some("尽可能争取更好结果"));
        let f = one(
            "地区生产总值增速“保8争9”，规上工业增加值增长11%以上",
            Indicator::Gdp,
        );
        assert_eq!(
            (f.value, f.modifier, f.aim.as_deref()),
            (Some(8.0), Modifier::AtLeast, Some("争9%"))
        );
    }

    #[test]
    fn an_estimate_marked_after_the_figure() {
        let p = "全市地区生产总值增长5%左右（预计数，下同），地方一般公共预算收入增长7%";
        let got = figures_in(p, 0..p.len(), 0, Kind::Actual, None);
        let gdp = got.iter().find(|f| f.indicator == Indicator::Gdp).unwrap();
        assert!(gdp.estimated);
    }

    #[test]
    fn income_given_apart_is_not_the_residents_income() {
        let none = |p: &str| targets(p).iter().all(|f| f.indicator != Indicator::Income);
        assert!(none("城乡居民人均可支配收入分别增长7%和8%左右"));
        assert!(none("城镇居民人均可支配收入增长12%，农民人均纯收入增长14%"));
        assert!(none("农村居民人均可支配收入增长9%"));
        for p in [
            "城镇、农村常住居民人均可支配收入均增长8%",
            "城镇和农村居民人均可支配收入增长8%",
            "全体居民人均可支配收入增长8%左右",
            "城乡居民人均可支配收入增长8%",
        ] {
            assert_eq!(one(p, Indicator::Income).value, Some(8.0), "{p}");
        }
        // A relation holds for both.
        let f = one(
            "城镇、农村居民人均可支配收入与经济增长同步",
            Indicator::Income,
        );
        assert_eq!(f.modifier, Modifier::Relative);
    }

    #[test]
    fn names_joined_by_he_share_the_figure() {
        let got = targets("城镇登记失业率和CPI涨幅控制在3.5%以内");
        let cpi = got.iter().find(|f| f.indicator == Indicator::Cpi).unwrap();
        let unemp = got
            .iter()
            .find(|f| f.indicator == Indicator::Unemployment)
            .unwrap();
        assert_eq!((cpi.value, cpi.modifier), (Some(3.5), Modifier::AtMost));
        assert_eq!((unemp.value, unemp.modifier), (Some(3.5), Modifier::AtMost));
    }

    #[test]
    fn shares_and_per_capita_output_are_not_gdp() {
        assert!(targets("研发经费支出占GDP比重达到2.5%，人均地区生产总值增长6%").is_empty());
        let f = one("单位GDP能耗下降3%", Indicator::Energy);
        assert_eq!(f.value, Some(3.0));
    }

    #[test]
    fn falls_are_negative_but_energy_savings_are_not() {
        let got = figures_in(
            "地区生产总值下降2.1%",
            0..("地区生产总值下降2.1%".len()),
            0,
            Kind::Actual,
            None,
        );
        assert_eq!(got[0].value, Some(-2.1));
    }

    #[test]
    fn horizons_of_plans() {
        assert_eq!(horizon("“十四五”时期", Some(2021)), Some(2025));
        assert_eq!(horizon("到2035年，基本实现", Some(2021)), Some(2035));
        assert_eq!(horizon("今后五年", Some(2022)), Some(2026));
    }

    #[test]
    fn a_report_that_sets_no_growth_target() {
        assert!(NO_TARGET.is_match("我们没有提出全年经济增速具体目标，主要考虑"));
        assert!(NO_TARGET.is_match("今年不设定具体的经济增长目标"));
        assert!(!NO_TARGET.is_match("经济增长目标为5%左右"));
    }
}

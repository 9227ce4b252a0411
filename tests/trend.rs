//! `gwr trend --json` against counts made by brute force over the text `gwr show --json`
//! prints, for every demo report: by year and by region, over 30 queries written here
//! with what each one means (strings that must occur, alternatives, exclusions, filters),
//! so that the brute force does not use gwr's own query parser.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use gwr::search::normalize;
use serde_json::Value;

#[path = "common/demo.rs"]
mod demo;
use demo::json as gwr;

/// A report as the brute force sees it.
struct Doc {
    year: u64,
    code: String,
    level: String,
    /// Normalised paragraphs.
    paragraphs: Vec<String>,
    chars: u64,
}

/// What a query means, written by hand.
struct Meaning {
    query: &'static str,
    /// Groups that must all match; each is a list of alternatives.
    must: &'static [&'static [&'static str]],
    exclude: &'static [&'static str],
    years: Option<(u64, u64)>,
    level: Option<&'static str>,
    /// Province code prefix (`13` for 河北省).
    province: Option<&'static str>,
}

const fn q(query: &'static str, must: &'static [&'static [&'static str]]) -> Meaning {
    Meaning {
        query,
        must,
        exclude: &[],
        years: None,
        level: None,
        province: None,
    }
}

fn meanings() -> Vec<Meaning> {
    vec![
        q("数字经济", &[&["数字经济"]]),
        q("互联网+", &[&["互联网+"]]),
        q("乡村振兴", &[&["乡村振兴"]]),
        q("高质量发展", &[&["高质量发展"]]),
        q("煤", &[&["煤"]]),
        q("5G", &[&["5g"]]),
        q("５Ｇ", &[&["5g"]]),
        q("营商环境", &[&["营商环境"]]),
        q("脱贫攻坚", &[&["脱贫攻坚"]]),
        q("新质生产力", &[&["新质生产力"]]),
        q("疫情", &[&["疫情"]]),
        q("碳达峰", &[&["碳达峰"]]),
        q("生态", &[&["生态"]]),
        q("养老", &[&["养老"]]),
        q("一带一路", &[&["一带一路"]]),
        q("雄安", &[&["雄安"]]),
        q("人人", &[&["人人"]]),
        q("%", &[&["%"]]),
        q("发展", &[&["发展"]]),
        q("的", &[&["的"]]),
        q("乡村 振兴", &[&["乡村"], &["振兴"]]),
        q("\"推动高质量发展\"", &[&["推动高质量发展"]]),
        q("煤炭 OR 钢铁", &[&["煤炭", "钢铁"]]),
        q("5G OR 数字经济", &[&["5g", "数字经济"]]),
        q("教育 医疗", &[&["教育"], &["医疗"]]),
        Meaning {
            exclude: &["优化"],
            ..q("营商环境 -优化", &[&["营商环境"]])
        },
        Meaning {
            years: Some((2020, 2022)),
            ..q("疫情 year:2020..2022", &[&["疫情"]])
        },
        Meaning {
            years: Some((2024, 2024)),
            ..q("year:2024 新质生产力", &[&["新质生产力"]])
        },
        Meaning {
            level: Some("county"),
            ..q("level:county 旅游", &[&["旅游"]])
        },
        Meaning {
            province: Some("13"),
            ..q("region:河北省 雄安", &[&["雄安"]])
        },
        Meaning {
            province: Some("44"),
            level: Some("county"),
            ..q("region:广东省 level:county 科技", &[&["科技"]])
        },
        Meaning {
            exclude: &["乡村"],
            years: Some((2016, 2021)),
            ..q("振兴 -乡村 year:2016..2021", &[&["振兴"]])
        },
    ]
}

/// Every start of `needle` in `hay`, overlapping ones too.
fn occurrences(hay: &str, needle: &str) -> u64 {
    let mut n = 0;
    let mut from = 0;
    while let Some(at) = hay[from..].find(needle) {
        n += 1;
        from += at + hay[from + at..].chars().next().map_or(1, char::len_utf8);
    }
    n
}

#[derive(Debug, Default, PartialEq)]
struct Row {
    reports: u64,
    matching_reports: u64,
    paragraphs: u64,
    occurrences: u64,
    chars: u64,
}

fn brute(docs: &[Doc], m: &Meaning, by_year: bool) -> BTreeMap<String, Row> {
    let mut strings: Vec<&str> = m.must.iter().flat_map(|g| g.iter().copied()).collect();
    strings.sort_unstable();
    strings.dedup();
    let mut out: BTreeMap<String, Row> = BTreeMap::new();
    for d in docs {
        if m.years.is_some_and(|(a, b)| !(a..=b).contains(&d.year))
            || m.level.is_some_and(|l| l != d.level)
            || m.province.is_some_and(|p| !d.code.starts_with(p))
        {
            continue;
        }
        let key = if by_year {
            d.year.to_string()
        } else {
            d.code.clone()
        };
        let row = out.entry(key).or_default();
        row.reports += 1;
        row.chars += d.chars;
        let mut paragraphs = 0;
        for p in &d.paragraphs {
            let hit = m.must.iter().all(|g| g.iter().any(|s| p.contains(s)))
                && !m.exclude.iter().any(|s| p.contains(s));
            if hit {
                paragraphs += 1;
                row.occurrences += strings.iter().map(|s| occurrences(p, s)).sum::<u64>();
            }
        }
        if paragraphs > 0 {
            row.matching_reports += 1;
            row.paragraphs += paragraphs;
        }
    }
    out
}

#[test]
fn trend_counts_equal_brute_force_over_the_shown_text() {
    let data = tempfile::tempdir().unwrap();
    let list = gwr(data.path(), &["list", "--json"]);
    let mut docs = Vec::new();
    for r in list.as_array().unwrap() {
        let id = r["id"].as_str().unwrap();
        let shown = gwr(data.path(), &["show", id, "--json"]);
        let texts: Vec<&str> = shown["paragraphs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["text"].as_str().unwrap())
            .collect();
        docs.push(Doc {
            year: r["year"].as_u64().unwrap(),
            code: r["region"]["code"].as_str().unwrap().to_string(),
            level: r["region"]["level"].as_str().unwrap().to_string(),
            chars: texts.iter().map(|t| t.chars().count() as u64).sum(),
            paragraphs: texts.iter().map(|t| normalize(t)).collect(),
        });
    }
    assert_eq!(docs.len(), 39);
    let meanings = meanings();
    assert!(meanings.len() >= 30);
    let queries: Vec<&str> = meanings.iter().map(|m| m.query).collect();
    let mut checked = 0;
    for (by, by_year) in [("year", true), ("region", false)] {
        let mut args = vec!["trend", "--by", by, "--json", "--"];
        args.extend(&queries);
        let rows = gwr(data.path(), &args);
        for m in &meanings {
            let want = brute(&docs, m, by_year);
            let got: BTreeMap<String, Row> = rows
                .as_array()
                .unwrap()
                .iter()
                .filter(|r| r["query"] == m.query)
                .map(|r| {
                    let key = match &r["key"] {
                        Value::Number(n) => n.to_string(),
                        k => k.as_str().unwrap().to_string(),
                    };
                    let n = |f: &str| r[f].as_u64().unwrap();
                    let row = Row {
                        reports: n("reports"),
                        matching_reports: n("matching_reports"),
                        paragraphs: n("paragraphs"),
                        occurrences: n("occurrences"),
                        chars: n("chars"),
                    };
                    let per = r["per_10k"].as_f64().unwrap();
                    let expect = row.occurrences as f64 * 10_000.0 / row.chars as f64;
                    assert!((per - expect).abs() < 1e-9, "{}: per_10k {per}", m.query);
                    (key, row)
                })
                .collect();
            assert_eq!(got, want, "{} by {by}", m.query);
            assert!(
                want.values().any(|r| r.occurrences > 0),
                "{} should occur somewhere (a query that matches nothing checks little)",
                m.query
            );
            checked += 1;
        }
    }
    assert_eq!(checked, 2 * meanings.len());
    // The characters come from the catalog: no trend waited for the word counts.
    let analysis =
        gwr::search::corpus_dir(&gwr::corpus::Corpus::Demo, data.path()).join("analysis");
    assert!(
        !analysis.join("words.bin").exists(),
        "a trend segmented the corpus"
    );
}

/// Overlapping matches each count, and a string split across bigrams still counts: on a
/// report written here (`哈哈哈` holds `哈哈` twice; `煤炭煤` holds `煤` twice).
#[test]
fn overlapping_matches_each_count() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    let mut text = String::from(
        "易县2023年政府工作报告\n各位代表：\n现在，我代表县人民政府向大会报告工作，请予审议。\n一、工作回顾\n",
    );
    for k in 1..=20 {
        let _ = writeln!(
            text,
            "第{k}项：煤炭产业稳定发展，群众笑声哈哈哈，煤炭煤矿安全生产，全年检查{k}次。"
        );
    }
    std::fs::write(corpus.join("易县2023年政府工作报告.txt"), &text).unwrap();
    let corpus = gwr::corpus::Corpus::dir(&corpus).unwrap();
    let engine = gwr::search::Engine::open(&corpus, &dir.path().join("data"), &mut |_| {}).unwrap();
    assert_eq!(
        engine.catalog().reports.len(),
        1,
        "{:?}",
        engine.catalog().rejected
    );
    let count = |q: &str| {
        let c = engine.occurrences(q).unwrap();
        (c[0].paragraphs, c[0].occurrences)
    };
    assert_eq!(count("哈哈"), (20, 40));
    assert_eq!(count("哈哈哈"), (20, 20));
    assert_eq!(count("煤"), (20, 60));
    assert_eq!(count("煤炭"), (20, 40));
    assert_eq!(count("炭煤"), (20, 20));
    assert_eq!(count("煤炭 OR 哈哈"), (20, 80));
    assert_eq!(count("煤炭 -哈哈"), (0, 0));
}

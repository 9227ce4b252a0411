//! Targets and results of the demo reports against values written by reading them
//! (tests/targets/demo.toml), and `gwr targets --csv / --json` read back.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use gwr::corpus::{Corpus, parse_report};
use gwr::targets::{Figure, Indicator, Kind, Modifier, export::CSV_HEADER, extract};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
struct Golden {
    report: Vec<GoldenReport>,
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct GoldenReport {
    file: String,
    figures: Vec<String>,
    #[serde(default)]
    absent: Vec<String>,
    notes: Option<String>,
}

fn golden() -> Vec<GoldenReport> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/targets/demo.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let g: Golden = toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    g.report
}

fn kind(s: &str) -> Kind {
    match s {
        "target" => Kind::Target,
        "actual" => Kind::Actual,
        "plan" => Kind::Plan,
        _ => panic!("unknown kind {s}"),
    }
}

fn modifier(s: &str) -> Modifier {
    serde_json::from_value(serde_json::Value::String(s.to_string()))
        .unwrap_or_else(|_| panic!("unknown modifier {s}"))
}

fn figures_of(file: &str) -> Vec<Figure> {
    let bytes = Corpus::Demo.read(file).unwrap();
    extract(&parse_report(file, &bytes).unwrap())
}

/// Compares one expected line (`gdp target 6.5 % about est`) with what was extracted.
fn check(line: &str, got: &[Figure]) -> Result<(), String> {
    let w: Vec<&str> = line.split_whitespace().collect();
    assert!(w.len() >= 5, "bad golden line {line:?}");
    let indicator = Indicator::parse(w[0]).unwrap_or_else(|| panic!("unknown indicator {}", w[0]));
    let kind = kind(w[1]);
    let flags = &w[5..];
    let Some(f) = got
        .iter()
        .find(|f| f.indicator == indicator && f.kind == kind)
    else {
        return Err(format!("{line}: not found"));
    };
    let (value, low, high) = match w[2] {
        "-" => (None, None, None),
        v if v.contains('-') => {
            let (lo, hi) = v.split_once('-').unwrap();
            (
                None,
                Some(lo.parse::<f64>().unwrap()),
                Some(hi.parse::<f64>().unwrap()),
            )
        }
        v => (Some(v.parse::<f64>().unwrap()), None, None),
    };
    let unit = (w[3] != "-").then(|| w[3].to_string());
    let want_estimated = flags.contains(&"est");
    let horizon = flags
        .iter()
        .find_map(|f| f.strip_prefix("to"))
        .map(|y| y.parse::<u16>().unwrap());
    let ok = f.value == value
        && f.low == low
        && f.high == high
        && f.unit == unit
        && f.modifier == modifier(w[4])
        && (kind != Kind::Actual || f.estimated == want_estimated)
        && (!flags.contains(&"aim") || f.aim.is_some())
        && (kind != Kind::Plan || horizon.is_none() || f.horizon == horizon);
    if ok {
        Ok(())
    } else {
        Err(format!(
            "{line}: got {} {:?} {:?}-{:?} {:?} {} est={} aim={:?} horizon={:?} ({})",
            f.kind.as_str(),
            f.value,
            f.low,
            f.high,
            f.unit,
            f.modifier.as_str(),
            f.estimated,
            f.aim,
            f.horizon,
            f.text
        ))
    }
}

#[test]
fn every_demo_report_has_targets_written_down() {
    let written: BTreeSet<String> = golden().into_iter().map(|g| g.file).collect();
    let files: BTreeSet<String> = Corpus::Demo
        .files()
        .unwrap()
        .into_iter()
        .map(|f| f.rel)
        .collect();
    assert_eq!(written, files);
    for g in golden() {
        let has_gdp = |k: &str| {
            g.figures
                .iter()
                .any(|l| l.starts_with(&format!("gdp {k} ")))
                || g.absent.iter().any(|a| a == &format!("gdp/{k}"))
        };
        assert!(
            has_gdp("target") && has_gdp("actual"),
            "{}: say what the report gives for GDP, target and actual",
            g.file
        );
        let others: BTreeSet<&str> = g
            .figures
            .iter()
            .filter_map(|l| l.split_whitespace().next())
            .filter(|i| *i != "gdp")
            .collect();
        assert!(
            others.len() >= 3,
            "{}: at least three indicators besides GDP",
            g.file
        );
    }
}

#[test]
fn targets_and_results_match_the_reports() {
    let mut misses = Vec::new();
    let mut checked = 0;
    for g in golden() {
        let got = figures_of(&g.file);
        for line in &g.figures {
            checked += 1;
            if let Err(e) = check(line, &got) {
                misses.push(format!("{}: {e}", g.file));
            }
        }
        for a in &g.absent {
            let (ind, k) = a.split_once('/').unwrap();
            let ind = Indicator::parse(ind).unwrap();
            if let Some(f) = got.iter().find(|f| f.indicator == ind && f.kind == kind(k)) {
                misses.push(format!(
                    "{}: {a} should be absent, got {:?} ({})",
                    g.file,
                    f.compact(),
                    f.text
                ));
            }
        }
    }
    assert!(checked > 300, "only {checked} figures checked");
    assert!(
        misses.is_empty(),
        "{} of {checked} wrong:\n{}",
        misses.len(),
        misses.join("\n")
    );
}

#[test]
fn every_figure_points_at_its_phrase() {
    for f in Corpus::Demo.files().unwrap() {
        let bytes = Corpus::Demo.read(&f.rel).unwrap();
        let report = parse_report(&f.rel, &bytes).unwrap();
        for fig in extract(&report) {
            let para = &report.paragraphs[fig.paragraph].text;
            assert_eq!(&para[fig.start..fig.end], fig.text, "{}", f.rel);
            if let Some(v) = fig.value {
                let n = format!("{}", v.abs());
                assert!(
                    fig.text.contains(n.trim_end_matches(".0")),
                    "{}: {} in {}",
                    f.rel,
                    n,
                    fig.text
                );
            }
        }
    }
}

fn gwr(data: &Path, args: &[&str]) -> Vec<u8> {
    let out = Command::new(env!("CARGO_BIN_EXE_gwr"))
        .arg("--demo")
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

#[test]
fn csv_reads_back_with_the_expected_rows() {
    let data = tempfile::tempdir().unwrap();
    let out = gwr(data.path(), &["targets", "--csv"]);
    assert!(
        out.starts_with("\u{feff}".as_bytes()),
        "CSV starts with a BOM for Excel"
    );
    let mut r = csv::Reader::from_reader(&out[3..]);
    let header: Vec<String> = r.headers().unwrap().iter().map(str::to_string).collect();
    assert_eq!(header, CSV_HEADER);
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    let expected: usize = Corpus::Demo
        .files()
        .unwrap()
        .iter()
        .map(|f| figures_of(&f.rel).len())
        .sum();
    assert_eq!(rows.len(), expected);
    let col = |name: &str| CSV_HEADER.iter().position(|h| *h == name).unwrap();
    // 2018 national report: 国内生产总值增长6.5%左右, and 2017's 6.9%.
    let find = |report: &str, ind: &str, kind: &str| {
        rows.iter()
            .find(|r| {
                &r[col("report")] == report
                    && &r[col("indicator")] == ind
                    && &r[col("kind")] == kind
            })
            .unwrap_or_else(|| panic!("no {report} {ind} {kind} row"))
    };
    let t = find("100000-2018", "gdp", "target");
    assert_eq!(&t[col("value")], "6.5");
    assert_eq!(&t[col("unit")], "%");
    assert_eq!(&t[col("modifier")], "about");
    assert_eq!(&t[col("year")], "2018");
    assert_eq!(&t[col("level")], "national");
    assert!(t[col("text")].contains("国内生产总值增长6.5%左右"));
    let a = find("100000-2018", "gdp", "actual");
    assert_eq!(&a[col("value")], "6.9");
    assert_eq!(&a[col("year")], "2017");
    let z = find("330000-2026", "gdp", "target");
    assert_eq!(
        (&z[col("low")], &z[col("high")], &z[col("modifier")]),
        ("5", "5.5", "range")
    );
}

#[test]
fn json_carries_every_field_and_filters_apply() {
    let data = tempfile::tempdir().unwrap();
    let out = gwr(
        data.path(),
        &[
            "targets",
            "河北省",
            "--indicator",
            "gdp,cpi",
            "--year",
            "2023..2024",
            "--json",
        ],
    );
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let rows = v.as_array().unwrap();
    assert!(!rows.is_empty());
    for r in rows {
        for key in [
            "report",
            "region",
            "year",
            "indicator",
            "kind",
            "value",
            "low",
            "high",
            "unit",
            "modifier",
            "aim",
            "estimated",
            "horizon",
            "text",
            "paragraph",
        ] {
            assert!(r.get(key).is_some(), "{key} missing in {r}");
        }
        for key in ["name", "code", "level"] {
            assert!(
                r["region"].get(key).is_some(),
                "region.{key} missing in {r}"
            );
        }
        assert_eq!(r["region"]["code"], "130000");
        assert!(["gdp", "cpi"].contains(&r["indicator"].as_str().unwrap()));
        assert!(["130000-2023", "130000-2024"].contains(&r["report"].as_str().unwrap()));
    }
    // 2024: 地区生产总值增长5.5%左右 in paragraph …, which `gwr show --json` numbers alike.
    let t = rows
        .iter()
        .find(|r| r["report"] == "130000-2024" && r["indicator"] == "gdp" && r["kind"] == "target")
        .unwrap();
    assert_eq!(t["value"], 5.5);
    let show: serde_json::Value =
        serde_json::from_slice(&gwr(data.path(), &["show", "130000-2024", "--json"])).unwrap();
    let para = t["paragraph"].as_u64().unwrap() as usize;
    let text = show["paragraphs"][para]["text"].as_str().unwrap();
    assert!(text.contains(t["text"].as_str().unwrap()));
}

#[test]
fn unknown_indicator_is_a_clear_error() {
    let data = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_gwr"))
        .args(["--demo", "--data-dir"])
        .arg(data.path())
        .args(["targets", "--indicator", "gdpp"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("gdpp") && err.contains("unemployment"),
        "{err}"
    );
}

/// A report written for the rules found on the unseen set (tests/unseen/TARGETS.md).
fn report_of(text: &str) -> Vec<Figure> {
    let report = parse_report("某某市2024年政府工作报告.txt", text.as_bytes()).unwrap();
    extract(&report)
}

fn gdp(figures: &[Figure], kind: Kind) -> Option<&Figure> {
    figures
        .iter()
        .find(|f| f.indicator == Indicator::Gdp && f.kind == kind)
}

const FILLER: &str = "我们坚持稳中求进工作总基调，完整准确全面贯彻新发展理念，统筹发展和安全，\
                      推动经济实现质的有效提升和量的合理增长，全市经济社会发展取得新成效。";

#[test]
fn a_marker_closing_its_paragraph_and_full_width_numbers() {
    let text = format!(
        "某某市2024年政府工作报告\n各位代表：\n一、2023年工作回顾\n{FILLER}\n\
         过去一年，全市地区生产总值１２３４．５亿元，比上年增长６．２％；粮食连续五年增产。\n\
         二、2024年工作安排\n{FILLER}\n今年经济社会发展的主要预期目标是：\n\
         地区生产总值增长５．５％左右；城镇调查失业率５．５％以内。\n{FILLER}\n"
    );
    let figures = report_of(&text);
    let target = gdp(&figures, Kind::Target).expect("a target in the paragraph after the marker");
    assert_eq!(
        (target.value, target.modifier),
        (Some(5.5), Modifier::About)
    );
    assert_eq!(target.text, "地区生产总值增长５．５％左右");
    let actual = gdp(&figures, Kind::Actual).expect("last year's growth");
    assert_eq!(actual.value, Some(6.2));
    assert!(actual.text.ends_with("增长６．２％"), "{}", actual.text);
}

#[test]
fn last_year_after_a_five_year_opening() {
    let text = format!(
        "某某市2024年政府工作报告\n各位代表：\n一、过去五年工作回顾\n{FILLER}\n\
         五年来，全市地区生产总值年均增长6.5%。过去一年，我们的各项工作取得了很大成绩。\
         地区生产总值增长5.3%，居民消费价格上涨0.4%。\n\
         二、2024年工作安排\n今年的主要预期目标是：地区生产总值增长5%左右。\n{FILLER}\n"
    );
    let figures = report_of(&text);
    assert_eq!(gdp(&figures, Kind::Actual).and_then(|f| f.value), Some(5.3));
}

#[test]
fn last_year_after_a_plan_passage() {
    let text = format!(
        "某某市2024年政府工作报告\n各位代表：\n一、“十四五”时期主要目标\n{FILLER}\n\
         今后五年的主要目标是：地区生产总值年均增长6%左右。\n\
         二、2024年工作安排\n2024年，是关键之年。过去一年，我们的各项工作取得了很大成绩。\
         地区生产总值增长5.3%，城镇新增就业5万人。\n\
         今年的主要预期目标是：地区生产总值增长5%左右。\n{FILLER}\n"
    );
    let figures = report_of(&text);
    assert_eq!(gdp(&figures, Kind::Actual).and_then(|f| f.value), Some(5.3));
    assert_eq!(gdp(&figures, Kind::Target).and_then(|f| f.value), Some(5.0));
}

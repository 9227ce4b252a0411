//! Golden tests: every sample report's metadata and top-level sections against values
//! written by reading the report (tests/golden/*.toml; format in tests/golden/README.md).

use std::collections::BTreeMap;
use std::path::Path;

use gwr::corpus::{Corpus, Level, parse_report};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
struct GoldenRegion {
    name: String,
    full: String,
    level: Level,
    code: String,
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Golden {
    file: String,
    title: Option<String>,
    year: u16,
    meeting_date: Option<String>,
    meeting: Option<String>,
    speaker: Option<String>,
    speaker_title: Option<String>,
    glossary: usize,
    sections: Vec<String>,
    notes: Option<String>,
    region: GoldenRegion,
}

fn goldens() -> Vec<Golden> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let mut out: Vec<Golden> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "toml"))
        .map(|e| {
            let text = std::fs::read_to_string(e.path()).unwrap();
            toml::from_str(&text).unwrap_or_else(|err| panic!("{}: {err}", e.path().display()))
        })
        .collect();
    out.sort_by(|a, b| a.file.cmp(&b.file));
    out
}

#[test]
fn every_demo_report_has_a_golden_file() {
    let golden: Vec<String> = goldens().into_iter().map(|g| g.file).collect();
    let files: Vec<String> = Corpus::Demo
        .files()
        .unwrap()
        .into_iter()
        .map(|f| f.rel)
        .collect();
    assert_eq!(golden, files);
}

/// Compares one field; records a mismatch under its category.
fn check<T: PartialEq + std::fmt::Debug>(
    misses: &mut BTreeMap<&'static str, Vec<String>>,
    category: &'static str,
    file: &str,
    got: &T,
    want: &T,
) {
    if got != want {
        misses
            .entry(category)
            .or_default()
            .push(format!("{file}: got {got:?}, want {want:?}"));
    }
}

#[test]
fn metadata_and_sections_match_the_reports() {
    let mut misses: BTreeMap<&'static str, Vec<String>> = BTreeMap::new();
    let goldens = goldens();
    for g in &goldens {
        let bytes = Corpus::Demo.read(&g.file).unwrap();
        let report = match parse_report(&g.file, &bytes) {
            Ok(r) => r,
            Err(e) => {
                misses
                    .entry("parse")
                    .or_default()
                    .push(format!("{}: {e}", g.file));
                continue;
            }
        };
        let m = &report.meta;
        let f = g.file.as_str();
        let region = m.region.as_ref();
        check(
            &mut misses,
            "region.name",
            f,
            &region.map(|r| r.name.as_str()),
            &Some(g.region.name.as_str()),
        );
        check(
            &mut misses,
            "region.full",
            f,
            &region.map(|r| r.full.as_str()),
            &Some(g.region.full.as_str()),
        );
        check(
            &mut misses,
            "region.level",
            f,
            &region.map(|r| r.level),
            &Some(g.region.level),
        );
        check(
            &mut misses,
            "region.code",
            f,
            &region.map(|r| r.code.as_str()),
            &Some(g.region.code.as_str()),
        );
        check(&mut misses, "year", f, &m.year, &Some(g.year));
        check(
            &mut misses,
            "meeting_date",
            f,
            &m.meeting_date,
            &g.meeting_date,
        );
        check(&mut misses, "meeting", f, &m.meeting, &g.meeting);
        check(&mut misses, "speaker", f, &m.speaker, &g.speaker);
        check(
            &mut misses,
            "speaker_title",
            f,
            &m.speaker_title,
            &g.speaker_title,
        );
        check(
            &mut misses,
            "sections",
            f,
            &report.top_level_titles(),
            &g.sections,
        );
        check(&mut misses, "glossary", f, &m.glossary, &g.glossary);
    }
    let total: usize = misses.values().map(Vec::len).sum();
    for (category, list) in &misses {
        eprintln!("== {category}: {} of {} wrong", list.len(), goldens.len());
        for line in list {
            eprintln!("   {line}");
        }
    }
    assert_eq!(total, 0, "{total} golden mismatches (listed above)");
}

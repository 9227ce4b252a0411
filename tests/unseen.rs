//! Blind score on real reports this project was never tuned to (tests/unseen/: the files,
//! their sources in SOURCES.md and the labels written by reading them in labels.toml).
//!
//! Each report is parsed with `gwr::corpus::parse_report` and compared field by field with
//! its label. Region (by GB/T 2260 code) and year are scored over every report; meeting date and speaker over
//! the reports that state them (a value found where the label says "not stated" is listed
//! as spurious but not scored); top-level section titles count as right only when the
//! whole list matches after the normalisation a reader accepts (NFKC width folding, case,
//! white space).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use gwr::corpus::{Report, parse_report};
use serde::Deserialize;

#[path = "common/unseen.rs"]
mod unseen;
use unseen::{Field, dir};

#[derive(Debug, Deserialize)]
struct Label {
    file: String,
    /// 1: the first set (106 reports); 2: the fresh blind batch gathered after the
    /// parser had been tuned to the first.
    #[serde(default = "unseen::first_batch")]
    batch: u8,
    region: String,
    code: String,
    year: u16,
    meeting_date: Option<String>,
    speaker: Option<String>,
    sections: Vec<String>,
    #[allow(dead_code)]
    notes: Option<String>,
}

fn labels() -> Vec<Label> {
    unseen::read_labels("labels.toml")
}

/// A title as a reader compares it: NFKC, lower case, no white space.
fn fold(title: &str) -> String {
    gwr::search::normalize(title)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

fn folded(titles: &[String]) -> Vec<String> {
    titles.iter().map(|t| fold(t)).collect()
}

const FIELDS: [&str; 5] = ["region", "year", "meeting_date", "speaker", "sections"];

struct Scores {
    fields: BTreeMap<&'static str, Field>,
    spurious: Vec<String>,
    reports: usize,
}

fn optional(
    field: &mut Field,
    spurious: &mut Vec<String>,
    name: &str,
    file: &str,
    got: Option<&String>,
    want: Option<&String>,
) {
    match want {
        Some(w) => field.record(got == Some(w), || {
            format!("{file}: got {got:?}, want {w:?}")
        }),
        None => {
            if let Some(g) = got {
                spurious.push(format!("{name} {file}: got {g:?}, the report states none"));
            }
        }
    }
}

fn score_one(scores: &mut Scores, label: &Label, report: &Report) {
    let f = label.file.as_str();
    let m = &report.meta;
    let fields = &mut scores.fields;
    let region = m
        .region
        .as_ref()
        .map(|r| (r.name.as_str(), r.code.as_str()));
    // The code decides: a name can be written several ways (凉山州, 凉山彝族自治州).
    let right = region.is_some_and(|(_, code)| code == label.code);
    fields.get_mut("region").unwrap().record(right, || {
        format!(
            "{f}: got {region:?}, want ({:?}, {:?})",
            label.region, label.code
        )
    });
    fields
        .get_mut("year")
        .unwrap()
        .record(m.year == Some(label.year), || {
            format!("{f}: got {:?}, want {}", m.year, label.year)
        });
    optional(
        fields.get_mut("meeting_date").unwrap(),
        &mut scores.spurious,
        "meeting_date",
        f,
        m.meeting_date.as_ref(),
        label.meeting_date.as_ref(),
    );
    optional(
        fields.get_mut("speaker").unwrap(),
        &mut scores.spurious,
        "speaker",
        f,
        m.speaker.as_ref(),
        label.speaker.as_ref(),
    );
    let got = report.top_level_titles();
    fields
        .get_mut("sections")
        .unwrap()
        .record(folded(&got) == folded(&label.sections), || {
            format!(
                "{f}:\n        got  {got:?}\n        want {:?}",
                label.sections
            )
        });
}

/// Scores the reports whose batch `keep` accepts.
fn score(keep: impl Fn(u8) -> bool) -> Scores {
    let mut scores = Scores {
        fields: FIELDS.iter().map(|&k| (k, Field::default())).collect(),
        spurious: Vec::new(),
        reports: 0,
    };
    for label in labels().into_iter().filter(|l| keep(l.batch)) {
        scores.reports += 1;
        let path = dir().join("reports").join(&label.file);
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        match parse_report(&label.file, &bytes) {
            Ok(report) => score_one(&mut scores, &label, &report),
            Err(e) => {
                // A rejected file fails every field its label scores: a date or speaker
                // the report does not state is not scored, read or not.
                let stated = |k: &str| match k {
                    "meeting_date" => label.meeting_date.is_some(),
                    "speaker" => label.speaker.is_some(),
                    _ => true,
                };
                for k in FIELDS.into_iter().filter(|k| stated(k)) {
                    scores
                        .fields
                        .get_mut(k)
                        .unwrap()
                        .record(false, || format!("{}: rejected: {e}", label.file));
                }
            }
        }
    }
    scores
}

fn table(name: &str, scores: &Scores) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{name}: {} reports", scores.reports);
    let _ = writeln!(
        out,
        "{:<14} {:>5} {:>6} {:>7}",
        "field", "right", "scored", "%"
    );
    for k in FIELDS {
        let f = &scores.fields[k];
        let _ = writeln!(
            out,
            "{k:<14} {:>5} {:>6} {:>6.1}%",
            f.right,
            f.scored,
            f.percent()
        );
    }
    for k in FIELDS {
        for line in &scores.fields[k].failures {
            let _ = writeln!(out, "FAIL {k} {line}");
        }
    }
    for line in &scores.spurious {
        let _ = writeln!(out, "SPURIOUS {line}");
    }
    out
}

#[test]
fn every_unseen_file_has_one_label() {
    let labelled = unseen::sorted_once(labels().into_iter().map(|l| l.file).collect());
    let files = unseen::report_files();
    assert_eq!(labelled, files);
    assert!(files.len() >= 60, "only {} unseen reports", files.len());
}

#[test]
fn labels_are_well_formed() {
    for l in labels() {
        assert!(!l.sections.is_empty(), "{}: no sections", l.file);
        assert!(
            (2005..=2026).contains(&l.year),
            "{}: year {}",
            l.file,
            l.year
        );
        if let Some(d) = &l.meeting_date {
            assert!(
                d.len() == 10 && d.starts_with(&l.year.to_string()),
                "{}: date {d}",
                l.file
            );
        }
    }
}

#[test]
fn fold_accepts_width_and_spaces_only() {
    assert_eq!(fold("一、２００８年 工作回顾"), fold("一、2008年工作回顾"));
    assert_ne!(fold("2008年工作回顾"), fold("2009年工作回顾"));
}

/// The issue-13 thresholds on the whole set (both batches). Prints the score table and
/// each failure; run with `--nocapture` to see it.
#[test]
fn unseen_scores_meet_the_thresholds() {
    for batch in [1, 2] {
        let name = format!("batch {batch}");
        eprintln!("{}", table(&name, &score(|b| b == batch)));
    }
    let scores = score(|_| true);
    let report = table("whole unseen set", &scores);
    eprintln!("{report}");
    let pct = |k: &str| scores.fields[k].percent();
    assert!(
        (pct("region") - 100.0).abs() < f64::EPSILON,
        "region below 100%"
    );
    assert!(
        (pct("year") - 100.0).abs() < f64::EPSILON,
        "year below 100%"
    );
    assert!(pct("sections") >= 95.0, "top-level sections below 95%");
    assert!(pct("speaker") >= 95.0, "speaker below 95%");
    assert!(pct("meeting_date") >= 95.0, "meeting date below 95%");
}

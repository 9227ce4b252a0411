//! What the unseen-set scorers (`tests/unseen.rs`, `tests/unseen_targets.rs`) share: the
//! set's folder, its report files, reading a label file, and one field's score.

use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde::de::DeserializeOwned;

/// `tests/unseen`.
pub fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/unseen")
}

/// A label's batch when it names none.
pub fn first_batch() -> u8 {
    1
}

#[derive(Deserialize)]
#[serde(bound = "L: DeserializeOwned")]
struct Labels<L> {
    report: Vec<L>,
}

/// The `[[report]]` entries of `tests/unseen/<file>`.
pub fn read_labels<L: DeserializeOwned>(file: &str) -> Vec<L> {
    let path = dir().join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    let labels: Labels<L> =
        toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    labels.report
}

/// The file names in `tests/unseen/reports`, sorted.
pub fn report_files() -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir(dir().join("reports"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    files.sort();
    files
}

/// `names` sorted, failing if one is there twice.
pub fn sorted_once(mut names: Vec<String>) -> Vec<String> {
    let n = names.len();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), n, "a file is labelled twice");
    names
}

/// One field's score: right answers out of those scored, with the failures.
#[derive(Default)]
pub struct Field {
    pub right: usize,
    pub scored: usize,
    pub failures: Vec<String>,
}

impl Field {
    pub fn record(&mut self, ok: bool, failure: impl FnOnce() -> String) {
        self.scored += 1;
        if ok {
            self.right += 1;
        } else {
            self.failures.push(failure());
        }
    }

    pub fn percent(&self) -> f64 {
        if self.scored == 0 {
            100.0
        } else {
            100.0 * self.right as f64 / self.scored as f64
        }
    }
}

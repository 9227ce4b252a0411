//! The words that set a report apart from the rest of the corpus, and the words new in it.
//!
//! A report's keywords are its jieba words ranked by log-likelihood (Dunning's G²) of
//! their count in the report against their count in the rest of the corpus, keeping the
//! words the report uses more than the rest does; stopwords and government function
//! words ([`super::stopwords`]), numbers and single characters are left out.
//!
//! The words new in a report are those it has that no earlier report of its region has,
//! and those that no report of the year before has, anywhere in the corpus (both listed).

use serde::Serialize;

use super::AnalysisError;
use super::profile::{Profiles, VocabEntry};
use super::stopwords::is_stopword;
use crate::search::Reports;

/// One keyword of a report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Keyword {
    pub word: String,
    /// Occurrences in the report.
    pub count: u32,
    /// Log-likelihood against the rest of the corpus.
    pub score: f64,
}

/// A word's G² for `a` occurrences in `c` words, against `b` in `d` words.
#[must_use]
#[allow(clippy::many_single_char_names)]
pub fn log_likelihood(a: f64, b: f64, c: f64, d: f64) -> f64 {
    let e1 = c * (a + b) / (c + d);
    let e2 = d * (a + b) / (c + d);
    let term = |o: f64, e: f64| {
        if o > 0.0 && e > 0.0 {
            o * (o / e).ln()
        } else {
            0.0
        }
    };
    2.0 * (term(a, e1) + term(b, e2))
}

/// The `top` keywords of the report at catalog position `report`, best first.
///
/// # Errors
/// When the cache cannot be read.
pub fn keywords(
    profiles: &Profiles,
    report: usize,
    top: usize,
) -> Result<Vec<Keyword>, AnalysisError> {
    let vocab = profiles.vocab()?;
    let words = profiles.words(&[report])?.pop().unwrap_or_default();
    Ok(rank(&vocab, &words, profiles.tokens(), report, top))
}

#[allow(clippy::many_single_char_names)] // a, b, c, d as in Dunning's table
fn rank(
    vocab: &[VocabEntry],
    words: &[(u32, u32)],
    tokens: &[u64],
    report: usize,
    top: usize,
) -> Vec<Keyword> {
    let c = tokens.get(report).copied().unwrap_or(0) as f64;
    let all: u64 = tokens.iter().sum();
    let d = all as f64 - c;
    let mut out: Vec<Keyword> = words
        .iter()
        .filter_map(|&(id, count)| {
            let v = vocab.get(id as usize)?;
            let a = f64::from(count);
            let b = v.total as f64 - a;
            // Over-used here, and not a function word.
            if (d > 0.0 && a / c <= b / d) || is_stopword(&v.word) {
                return None;
            }
            Some(Keyword {
                word: v.word.clone(),
                count,
                score: log_likelihood(a, b, c, d),
            })
        })
        .collect();
    out.sort_by(|x, y| {
        y.score
            .total_cmp(&x.score)
            .then(y.count.cmp(&x.count))
            .then_with(|| x.word.cmp(&y.word))
    });
    out.truncate(top);
    out
}

/// A word new in a report, with its count there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NewWord {
    pub word: String,
    pub count: u32,
}

/// The words new in a report.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct NewWords {
    /// Ids of the earlier reports of the same region compared against.
    pub earlier_reports: Vec<String>,
    /// In the report, in none of the earlier reports of its region (empty when there
    /// is no earlier report).
    pub new_in_region: Vec<NewWord>,
    /// The year before, which the second list compares against.
    pub previous_year: Option<u16>,
    /// How many reports of that year the corpus has.
    pub previous_year_reports: usize,
    /// In the report, in no report of the year before (empty when the corpus has none).
    pub new_in_corpus: Vec<NewWord>,
}

/// The words of the report at `report` that earlier reports of its region, and the
/// reports of the year before, do not have (stopwords left out), most frequent first.
///
/// # Errors
/// When the cache cannot be read.
pub fn new_words(
    reports: &Reports,
    profiles: &Profiles,
    report: usize,
) -> Result<NewWords, AnalysisError> {
    let meta = &reports[report].meta;
    let code = meta.region.as_ref().map(|r| r.code.as_str());
    let year = meta.year;
    let earlier: Vec<usize> = reports
        .iter()
        .enumerate()
        .filter(|(i, e)| {
            *i != report
                && code.is_some()
                && e.meta.region.as_ref().map(|r| r.code.as_str()) == code
                && matches!((e.meta.year, year), (Some(a), Some(b)) if a < b)
        })
        .map(|(i, _)| i)
        .collect();
    let previous_year = year.and_then(|y| y.checked_sub(1));
    let last_year: Vec<usize> = reports
        .iter()
        .enumerate()
        .filter(|(_, e)| previous_year.is_some() && e.meta.year == previous_year)
        .map(|(i, _)| i)
        .collect();
    let mut ids = vec![report];
    ids.extend(&earlier);
    ids.extend(&last_year);
    let lists = profiles.words(&ids)?;
    let vocab = profiles.vocab()?;
    let seen = |lists: &[Vec<(u32, u32)>]| -> rustc_hash::FxHashSet<u32> {
        lists.iter().flatten().map(|&(id, _)| id).collect()
    };
    let in_earlier = seen(&lists[1..=earlier.len()]);
    let in_last_year = seen(&lists[1 + earlier.len()..]);
    let pick = |seen: &rustc_hash::FxHashSet<u32>| -> Vec<NewWord> {
        let mut v: Vec<NewWord> = lists[0]
            .iter()
            .filter(|(id, _)| !seen.contains(id))
            .filter_map(|&(id, count)| {
                let w = &vocab.get(id as usize)?.word;
                (!is_stopword(w)).then(|| NewWord {
                    word: w.clone(),
                    count,
                })
            })
            .collect();
        v.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.word.cmp(&b.word)));
        v
    };
    Ok(NewWords {
        earlier_reports: earlier
            .iter()
            .map(|&i| reports[i].meta.id.clone())
            .collect(),
        new_in_region: if earlier.is_empty() {
            Vec::new()
        } else {
            pick(&in_earlier)
        },
        previous_year,
        previous_year_reports: last_year.len(),
        new_in_corpus: if last_year.is_empty() {
            Vec::new()
        } else {
            pick(&in_last_year)
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_likelihood_is_zero_for_equal_rates_and_grows_with_the_gap() {
        assert!(log_likelihood(10.0, 100.0, 1000.0, 10_000.0).abs() < 1e-9);
        let small = log_likelihood(20.0, 100.0, 1000.0, 10_000.0);
        let large = log_likelihood(50.0, 100.0, 1000.0, 10_000.0);
        assert!(small > 0.0 && large > small, "{small} {large}");
    }

    #[test]
    fn ranking_keeps_over_used_words_and_drops_stopwords() {
        let v = |w: &str, total| VocabEntry {
            word: w.into(),
            total,
            reports: 2,
        };
        let vocab = vec![v("煤炭", 12), v("我们", 50), v("教育", 20)];
        // Report 0: 1,000 words; 煤炭 10 of 12, 我们 40 of 50, 教育 2 of 20.
        let words = [(0, 10), (1, 40), (2, 2)];
        let ranked = rank(&vocab, &words, &[1000, 1000], 0, 10);
        let names: Vec<&str> = ranked.iter().map(|k| k.word.as_str()).collect();
        assert_eq!(names, ["煤炭"]);
    }
}

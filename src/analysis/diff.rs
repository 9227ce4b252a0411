//! Two reports side by side: their sections aligned by title and content, and the terms
//! one has and the other does not.
//!
//! Sections of the same level are paired greedily, best first, by a score of
//! 0.3 × title similarity + 0.7 × content similarity (Dice coefficients over the sets of
//! character bigrams of the normalised title and of the section's text, its
//! sub-sections included), when the score reaches [`MATCH_THRESHOLD`]. A pair whose
//! order differs from the other pairs' (outside the longest run that keeps the old
//! order) has moved; a section without a partner was added or removed.

use rustc_hash::{FxHashMap, FxHashSet};
use serde::Serialize;

use super::stopwords::is_stopword;
use crate::corpus::Report;
use crate::search::normalize;

/// The lowest score at which two sections are taken for the same.
pub const MATCH_THRESHOLD: f64 = 0.35;

/// What became of a section.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Change {
    /// Same title and text.
    Same,
    /// Paired, with a different title or text.
    Changed,
    /// Paired, in another order than its neighbours.
    Moved,
    /// Only in the new report.
    Added,
    /// Only in the old report.
    Removed,
}

/// One side of an aligned pair.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Side {
    /// Index in the report's outline.
    pub index: usize,
    pub path: String,
    pub title: String,
    pub level: u8,
    pub first_paragraph: usize,
    pub end_paragraph: usize,
}

/// A section of the old report, of the new, or of both.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Aligned {
    pub change: Change,
    pub old: Option<Side>,
    pub new: Option<Side>,
    /// The pair's score (0 for an unpaired section).
    pub similarity: f64,
}

/// A term and its count in the report that has it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Term {
    pub word: String,
    pub count: u32,
}

/// The comparison of two reports.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportDiff {
    pub old: String,
    pub new: String,
    /// In the new report's order, each removed section after the pair before it.
    pub sections: Vec<Aligned>,
    /// Words of the new report that the old does not have, most frequent first.
    pub new_terms: Vec<Term>,
    /// Words of the old report that the new does not have, most frequent first.
    pub dropped_terms: Vec<Term>,
}

fn bigrams(text: &str) -> FxHashSet<u64> {
    let chars: Vec<char> = normalize(text)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect();
    if chars.len() == 1 {
        return std::iter::once(u64::from(chars[0])).collect();
    }
    chars
        .windows(2)
        .map(|w| (u64::from(w[0]) << 32) | u64::from(w[1]))
        .collect()
}

fn dice(a: &FxHashSet<u64>, b: &FxHashSet<u64>) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let (small, large) = if a.len() < b.len() { (a, b) } else { (b, a) };
    let common = small.iter().filter(|x| large.contains(x)).count();
    2.0 * common as f64 / (a.len() + b.len()) as f64
}

struct Prepared {
    title: FxHashSet<u64>,
    text: FxHashSet<u64>,
    raw: String,
}

/// A heading paragraph without its section's number (`二、农业农村` → `农业农村`), so a
/// section renumbered by a move still reads the same.
fn without_number<'a>(text: &'a str, number: Option<&str>) -> &'a str {
    let Some(rest) = number.and_then(|n| text.strip_prefix(n)) else {
        return text;
    };
    rest.strip_prefix(['、', '.', '．', '，', ',', ' ', '　'])
        .unwrap_or(rest)
}

fn prepare(r: &Report) -> Vec<Prepared> {
    r.sections
        .iter()
        .map(|s| {
            let end = s.end_paragraph.min(r.paragraphs.len());
            let start = s.first_paragraph.min(end);
            let raw: String = r.paragraphs[start..end]
                .iter()
                .enumerate()
                .map(|(k, p)| {
                    if k == 0 && p.heading {
                        without_number(&p.text, s.number.as_deref())
                    } else {
                        p.text.as_str()
                    }
                })
                .collect::<Vec<_>>()
                .join("\n");
            Prepared {
                title: bigrams(&s.title),
                text: bigrams(&raw),
                raw,
            }
        })
        .collect()
}

fn side(r: &Report, i: usize) -> Side {
    let s = &r.sections[i];
    Side {
        index: i,
        path: s.path.clone(),
        title: s.title.clone(),
        level: s.level,
        first_paragraph: s.first_paragraph,
        end_paragraph: s.end_paragraph,
    }
}

/// Positions (into `seq`) of a longest strictly increasing subsequence.
fn longest_increasing(seq: &[usize]) -> FxHashSet<usize> {
    let mut tails: Vec<usize> = Vec::new(); // positions of the smallest tail per length
    let mut prev: Vec<Option<usize>> = vec![None; seq.len()];
    for (i, &x) in seq.iter().enumerate() {
        let k = tails.partition_point(|&t| seq[t] < x);
        prev[i] = k.checked_sub(1).map(|k| tails[k]);
        if k == tails.len() {
            tails.push(i);
        } else {
            tails[k] = i;
        }
    }
    let mut out = FxHashSet::default();
    let mut at = tails.last().copied();
    while let Some(i) = at {
        out.insert(i);
        at = prev[i];
    }
    out
}

/// Compares two reports: `old_words` and `new_words` are their word counts (see
/// [`super::profile::word_counts`]).
#[must_use]
pub fn diff(
    old: &Report,
    new: &Report,
    old_words: &[(String, u32)],
    new_words: &[(String, u32)],
) -> ReportDiff {
    let (a, b) = (prepare(old), prepare(new));
    let mut candidates: Vec<(f64, usize, usize)> = Vec::new();
    for (i, sa) in old.sections.iter().enumerate() {
        for (j, sb) in new.sections.iter().enumerate() {
            if sa.level != sb.level {
                continue;
            }
            let score = 0.3 * dice(&a[i].title, &b[j].title) + 0.7 * dice(&a[i].text, &b[j].text);
            if score >= MATCH_THRESHOLD {
                candidates.push((score, i, j));
            }
        }
    }
    candidates.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
    let mut partner_of_new: Vec<Option<(usize, f64)>> = vec![None; new.sections.len()];
    let mut taken_old = vec![false; old.sections.len()];
    for (score, i, j) in candidates {
        if !taken_old[i] && partner_of_new[j].is_none() {
            taken_old[i] = true;
            partner_of_new[j] = Some((i, score));
        }
    }
    // Pairs in the new order; those outside the longest run in the old order moved.
    let pairs: Vec<(usize, usize, f64)> = partner_of_new
        .iter()
        .enumerate()
        .filter_map(|(j, p)| p.map(|(i, s)| (i, j, s)))
        .collect();
    let olds: Vec<usize> = pairs.iter().map(|p| p.0).collect();
    let in_order = longest_increasing(&olds);
    let mut moved = FxHashSet::default();
    for (k, p) in pairs.iter().enumerate() {
        if !in_order.contains(&k) {
            moved.insert(p.1);
        }
    }
    // A removed section comes right after the pair of the nearest paired section before
    // it in the old report (or first, when there is none).
    let mut after: Vec<Vec<usize>> = vec![Vec::new(); old.sections.len() + 1];
    let mut anchor = old.sections.len();
    for (i, &taken) in taken_old.iter().enumerate() {
        if taken {
            anchor = i;
        } else {
            after[anchor].push(i);
        }
    }
    let removed = |i: usize| Aligned {
        change: Change::Removed,
        old: Some(side(old, i)),
        new: None,
        similarity: 0.0,
    };
    let mut sections: Vec<Aligned> = after[old.sections.len()]
        .iter()
        .map(|&i| removed(i))
        .collect();
    for (j, p) in partner_of_new.iter().enumerate() {
        match *p {
            Some((i, score)) => {
                let change = if moved.contains(&j) {
                    Change::Moved
                } else if old.sections[i].title == new.sections[j].title && a[i].raw == b[j].raw {
                    Change::Same
                } else {
                    Change::Changed
                };
                sections.push(Aligned {
                    change,
                    old: Some(side(old, i)),
                    new: Some(side(new, j)),
                    similarity: score,
                });
                sections.extend(after[i].iter().map(|&k| removed(k)));
            }
            None => sections.push(Aligned {
                change: Change::Added,
                old: None,
                new: Some(side(new, j)),
                similarity: 0.0,
            }),
        }
    }
    ReportDiff {
        old: old.meta.id.clone(),
        new: new.meta.id.clone(),
        sections,
        new_terms: only_in(new_words, old_words),
        dropped_terms: only_in(old_words, new_words),
    }
}

/// Compares two reports of the engine's corpus by id: both loaded, their word counts from
/// the profiles; returns the comparison and the two reports.
///
/// # Errors
/// When an id is unknown, a report cannot be read, or the cache cannot be.
pub fn compare(
    engine: &crate::search::Engine,
    profiles: &super::profile::Profiles,
    old: &str,
    new: &str,
) -> Result<(ReportDiff, Report, Report), super::AnalysisError> {
    let position = |id: &str| {
        engine
            .reports()
            .position(id)
            .ok_or_else(|| crate::search::SearchError::NoReport(id.to_string()))
    };
    let (i, j) = (position(old)?, position(new)?);
    let a = engine.load_report(old)?;
    let b = engine.load_report(new)?;
    let lists = profiles.word_counts(&[i, j])?;
    Ok((diff(&a, &b, &lists[0], &lists[1]), a, b))
}

/// Words of `a` that `b` does not have (stopwords left out), most frequent first.
fn only_in(a: &[(String, u32)], b: &[(String, u32)]) -> Vec<Term> {
    let have: FxHashMap<&str, u32> = b.iter().map(|(w, c)| (w.as_str(), *c)).collect();
    let mut out: Vec<Term> = a
        .iter()
        .filter(|(w, _)| !have.contains_key(w.as_str()) && !is_stopword(w))
        .map(|(w, c)| Term {
            word: w.clone(),
            count: *c,
        })
        .collect();
    out.sort_by(|x, y| y.count.cmp(&x.count).then_with(|| x.word.cmp(&y.word)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_increasing_keeps_the_most_pairs_in_order() {
        let lis = longest_increasing(&[0, 1, 5, 2, 3, 4]);
        assert_eq!(lis.len(), 5);
        assert!(!lis.contains(&2), "5 is the one out of order");
        assert!(longest_increasing(&[]).is_empty());
    }

    #[test]
    fn dice_of_bigrams() {
        assert!((dice(&bigrams("乡村振兴"), &bigrams("乡村振兴")) - 1.0).abs() < 1e-9);
        assert!(dice(&bigrams("乡村振兴"), &bigrams("数字经济")).abs() < 1e-9);
    }
}

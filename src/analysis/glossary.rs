//! The 名词解释 entries of the whole corpus: each term with its definition and where it
//! comes from (report and paragraph).

use serde::Serialize;

use super::profile::Profiles;
use crate::search::{Reports, normalize};

/// One glossary entry and its report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Definition {
    pub term: String,
    pub definition: String,
    /// Report id.
    pub report: String,
    /// Paragraph index in the report where the entry starts.
    pub paragraph: usize,
}

/// Every entry whose term contains `term` (normalised; all entries when `None`), by
/// term, then report order.
#[must_use]
pub fn definitions(reports: &Reports, profiles: &Profiles, term: Option<&str>) -> Vec<Definition> {
    let want = term.map(normalize);
    let mut out: Vec<Definition> = Vec::new();
    for (entry, list) in reports.iter().zip(profiles.glossary()) {
        for g in list {
            if want
                .as_deref()
                .is_some_and(|w| !normalize(&g.term).contains(w))
            {
                continue;
            }
            out.push(Definition {
                term: g.term.clone(),
                definition: g.definition.clone(),
                report: entry.meta.id.clone(),
                paragraph: g.paragraph,
            });
        }
    }
    out.sort_by(|a, b| a.term.cmp(&b.term));
    out
}

/// The distinct terms some report defines, normalised (for marking them in a text).
#[must_use]
pub fn defined_terms(profiles: &Profiles) -> Vec<String> {
    let mut v: Vec<String> = profiles
        .glossary()
        .iter()
        .flatten()
        .map(|g| normalize(&g.term))
        .filter(|t| !t.is_empty())
        .collect();
    v.sort();
    v.dedup();
    v
}

/// Finds the terms some report defines in a text (leftmost-longest, like a reader reads).
pub struct TermFinder {
    ac: Option<daachorse::CharwiseDoubleArrayAhoCorasick<u32>>,
    terms: Vec<String>,
}

impl std::fmt::Debug for TermFinder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "TermFinder({} terms)", self.terms.len())
    }
}

impl TermFinder {
    /// A finder of the definitions' terms (of two characters or more).
    #[must_use]
    pub fn new(defs: &[Definition]) -> TermFinder {
        let mut terms: Vec<String> = defs
            .iter()
            .map(|d| d.term.trim().to_string())
            .filter(|t| t.chars().nth(1).is_some())
            .collect();
        terms.sort();
        terms.dedup();
        let ac = daachorse::CharwiseDoubleArrayAhoCorasickBuilder::new()
            .match_kind(daachorse::MatchKind::LeftmostLongest)
            .build_with_values(
                terms
                    .iter()
                    .enumerate()
                    .map(|(i, t)| (t.as_str(), u32::try_from(i).unwrap_or(u32::MAX))),
            )
            .ok();
        TermFinder { ac, terms }
    }

    /// The defined terms in `text`: byte range and term.
    #[must_use]
    pub fn find<'a>(&'a self, text: &str) -> Vec<(std::ops::Range<usize>, &'a str)> {
        let Some(ac) = &self.ac else {
            return Vec::new();
        };
        ac.leftmost_find_iter(text)
            .filter_map(|m| {
                let t = self.terms.get(m.value() as usize)?;
                Some((m.start()..m.end(), t.as_str()))
            })
            .collect()
    }
}

/// The glossary of a corpus with its term finder (what the reader marks).
#[derive(Debug)]
pub struct Glossary {
    pub definitions: Vec<Definition>,
    pub finder: TermFinder,
}

impl Glossary {
    #[must_use]
    pub fn new(definitions: Vec<Definition>) -> Glossary {
        let finder = TermFinder::new(&definitions);
        Glossary {
            definitions,
            finder,
        }
    }

    /// The definitions of `term`, exactly.
    #[must_use]
    pub fn of(&self, term: &str) -> Vec<&Definition> {
        self.definitions
            .iter()
            .filter(|d| d.term.trim() == term)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn def(term: &str) -> Definition {
        Definition {
            term: term.into(),
            definition: "…".into(),
            report: "x".into(),
            paragraph: 0,
        }
    }

    #[test]
    fn the_finder_marks_the_longest_defined_term() {
        let g = Glossary::new(vec![
            def("AED"),
            def("专精特新"),
            def("专精特新企业"),
            def("新"),
        ]);
        let text = "培育专精特新企业，配置AED。";
        let found: Vec<&str> = g.finder.find(text).into_iter().map(|(_, t)| t).collect();
        assert_eq!(
            found,
            ["专精特新企业", "AED"],
            "single characters are not marked"
        );
        assert_eq!(g.of("AED").len(), 1);
    }
}

//! The query language of `gwr search` and the TUI.
//!
//! - A word matches where that string occurs in a paragraph, like grep (after NFKC and case
//!   folding on both sides): `煤` finds 煤炭, `５Ｇ` finds 5G.
//! - Words separated by spaces must all occur (AND); `"..."` is a phrase (spaces kept);
//!   `-word` or `-"..."` excludes; `a OR b` matches either.
//! - Filters: `region:` (a name or GB/T 2260 code of any level: `region:河北省`,
//!   `region:130000`), `year:2020`, `year:2018..2022`, `level:county`, `section:` (words of
//!   the section titles), `report:` (a report id, `130600-2024`: the TUI's search scope).
//!   A query of filters only lists every paragraph of those reports.
//! - Malformed queries (empty, unbalanced quotes, a lone `-`, `OR` with nothing on one side,
//!   `year:abc`, an unknown level) are a [`QueryError`].

use std::ops::{Bound, Range};

use std::sync::Arc;

use rustc_hash::FxHashSet;
use tantivy::query::doc_predicate_query::{DocPredicateQuery, FunctionPredicate};
use tantivy::query::{
    AllQuery, BooleanQuery, ConstScoreQuery, EmptyQuery, Occur, PhrasePrefixQuery, PhraseQuery,
    Query as TQuery, RangeQuery, TermQuery, TermSetQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocId, SegmentReader, Term};

use super::QueryError;
use super::normalize::{Normalized, normalize};
use super::schema::Fields;
use super::tokenizer::{MAX_PAIRS, Pairs, exact_terms};
use crate::corpus::Level;

/// A parsed query, usable to highlight its terms in any text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    /// The query as typed.
    pub text: String,
    /// Groups that must all match; each is a list of alternatives (`OR`), normalised.
    pub must: Vec<Vec<String>>,
    /// Normalised strings that must not occur.
    pub exclude: Vec<String>,
    /// `region:` values (normalised), any of which may match.
    pub regions: Vec<String>,
    /// `year:` range, inclusive.
    pub years: Option<(u16, u16)>,
    /// `level:` values, any of which may match.
    pub levels: Vec<Level>,
    /// `section:` values (normalised), all of which must occur in the section titles.
    pub sections: Vec<String>,
    /// `report:` ids, any of which may match.
    pub reports: Vec<String>,
}

#[derive(Debug)]
enum Item {
    Word { text: String, negated: bool },
    Or,
    Filter { key: String, value: String },
}

const FILTERS: [&str; 5] = ["region", "year", "level", "section", "report"];

fn err(msg: impl Into<String>) -> QueryError {
    QueryError(msg.into())
}

/// Splits the query into words, quoted phrases, `OR` and filters.
fn lex(text: &str) -> Result<Vec<Item>, QueryError> {
    let mut items = Vec::new();
    let mut rest = text.trim_start();
    while !rest.is_empty() {
        let mut negated = false;
        let mut s = rest;
        if let Some(t) = s.strip_prefix('-') {
            negated = true;
            s = t;
            if s.is_empty() || s.starts_with(char::is_whitespace) {
                return Err(err(
                    "a lone - excludes nothing: write -word to leave out paragraphs with word",
                ));
            }
        }
        // A filter key?
        let mut key = None;
        if !negated {
            if let Some((k, _)) = s.split_once(':') {
                if FILTERS.contains(&k.to_ascii_lowercase().as_str()) {
                    key = Some(k.to_ascii_lowercase());
                    s = &s[k.len() + 1..];
                }
            }
        }
        let (value, quoted, after) = if let Some(t) = s.strip_prefix(['"', '“', '”']) {
            let end = t.find(['"', '“', '”']).ok_or_else(|| {
                err("unbalanced quote: a phrase needs a closing \" (\"高质量 发展\")")
            })?;
            let q = t[end..].chars().next().map_or(1, char::len_utf8);
            (&t[..end], true, &t[end + q..])
        } else {
            let end = s.find(char::is_whitespace).unwrap_or(s.len());
            (&s[..end], false, &s[end..])
        };
        if !quoted && value.contains(['"', '“', '”']) {
            return Err(err(
                "unbalanced quote: quotes go around a whole phrase (\"高质量 发展\")",
            ));
        }
        if let Some(key) = key {
            if value.trim().is_empty() {
                return Err(err(format!(
                    "{key}: needs a value, for example {}",
                    match key.as_str() {
                        "region" => "region:河北省",
                        "year" => "year:2020 or year:2018..2022",
                        "level" => "level:county",
                        "report" => "report:130600-2024",
                        _ => "section:就业",
                    }
                )));
            }
            items.push(Item::Filter {
                key,
                value: value.to_string(),
            });
        } else if !quoted && !negated && value == "OR" {
            items.push(Item::Or);
        } else {
            if value.trim().is_empty() {
                return Err(err(
                    "an empty phrase \"\" matches nothing: put words inside",
                ));
            }
            items.push(Item::Word {
                text: value.to_string(),
                negated,
            });
        }
        rest = after.trim_start();
    }
    Ok(items)
}

fn parse_year(s: &str, whole: &str) -> Result<u16, QueryError> {
    s.trim()
        .parse::<u16>()
        .ok()
        .filter(|y| (1949..=2200).contains(y))
        .ok_or_else(|| {
            err(format!(
                "year:{whole} is not a year: write year:2020 or year:2018..2022"
            ))
        })
}

impl Query {
    /// Parses the query syntax of `gwr search`.
    ///
    /// # Errors
    /// A [`QueryError`] with a message for the user.
    pub fn parse(text: &str) -> Result<Query, QueryError> {
        if text.trim().is_empty() {
            return Err(err("empty query: type some words"));
        }
        let items = lex(text)?;
        let mut q = Query {
            text: text.to_string(),
            must: Vec::new(),
            exclude: Vec::new(),
            regions: Vec::new(),
            years: None,
            levels: Vec::new(),
            sections: Vec::new(),
            reports: Vec::new(),
        };
        let mut pending_or = false;
        for (i, item) in items.iter().enumerate() {
            match item {
                Item::Or => {
                    let prev_ok = matches!(
                        items.get(i.wrapping_sub(1)),
                        Some(Item::Word { negated: false, .. })
                    );
                    let next_ok =
                        matches!(items.get(i + 1), Some(Item::Word { negated: false, .. }));
                    if !prev_ok || !next_ok {
                        return Err(err("OR needs a word on each side: 煤炭 OR 钢铁"));
                    }
                    pending_or = true;
                }
                Item::Word { text, negated } => {
                    let n = normalize(text);
                    if *negated {
                        q.exclude.push(n);
                    } else if pending_or {
                        if let Some(last) = q.must.last_mut() {
                            last.push(n);
                        }
                        pending_or = false;
                    } else {
                        q.must.push(vec![n]);
                    }
                }
                Item::Filter { key, value } => match key.as_str() {
                    "region" => q.regions.push(normalize(value.trim())),
                    "section" => q.sections.push(normalize(value.trim())),
                    "report" => q.reports.push(value.trim().to_string()),
                    "level" => {
                        let l = Level::parse(value.trim()).ok_or_else(|| {
                            err(format!(
                                "level:{value} is not a level: write level:national, province, prefecture or county"
                            ))
                        })?;
                        q.levels.push(l);
                    }
                    _ => {
                        if q.years.is_some() {
                            return Err(err("give one year: filter (year:2018..2022 for a range)"));
                        }
                        let (a, b) = if let Some((a, b)) = value.split_once("..") {
                            (parse_year(a, value)?, parse_year(b, value)?)
                        } else {
                            let y = parse_year(value, value)?;
                            (y, y)
                        };
                        if a > b {
                            return Err(err(format!(
                                "year:{value} is an empty range: write the earlier year first"
                            )));
                        }
                        q.years = Some((a, b));
                    }
                },
            }
        }
        if q.must.is_empty() && !q.has_filters() {
            return Err(err(
                "only exclusions: add a word or a filter to search in (乡村 -旅游)",
            ));
        }
        Ok(q)
    }

    /// True when the query is one word of one character or two (a lone term of the index).
    #[must_use]
    pub fn is_single_term(&self, pairs: &Pairs) -> bool {
        self.must.len() == 1
            && self.must[0].len() == 1
            && self.exclude.is_empty()
            && !self.has_filters()
            && {
                let t = exact_terms(&self.must[0][0], pairs);
                t.terms.len() == 1 && t.prefix.is_none()
            }
    }

    /// True when the report passes the query's `region:`, `level:` and `year:` filters
    /// (`section:` selects paragraphs, not reports).
    #[must_use]
    pub fn selects(&self, meta: &crate::corpus::ReportMeta) -> bool {
        let region = meta.region.as_ref();
        (self.levels.is_empty() || region.is_some_and(|r| self.levels.contains(&r.level)))
            && (self.regions.is_empty()
                || region.is_some_and(|r| super::indexer::region_selected(r, &self.regions)))
            && self
                .years
                .is_none_or(|(a, b)| meta.year.is_some_and(|y| (a..=b).contains(&y)))
    }

    /// True when the query has filters (region, year, level, section, report).
    #[must_use]
    pub fn has_filters(&self) -> bool {
        !self.regions.is_empty()
            || self.years.is_some()
            || !self.levels.is_empty()
            || !self.sections.is_empty()
            || !self.reports.is_empty()
    }

    /// Byte ranges of `text` that the query's positive terms match (what to highlight),
    /// sorted and merged.
    #[must_use]
    pub fn highlight(&self, text: &str) -> Vec<Range<usize>> {
        if self.must.is_empty() {
            return Vec::new();
        }
        let n = Normalized::new(text);
        let mut out: Vec<Range<usize>> = Vec::new();
        for term in self.must.iter().flatten() {
            if term.is_empty() {
                continue;
            }
            let mut from = 0;
            while let Some(at) = n.text[from..].find(term.as_str()) {
                let start = from + at;
                out.push(n.original_range(&(start..start + term.len())));
                from = start + n.text[start..].chars().next().map_or(1, char::len_utf8);
            }
        }
        out.sort_by_key(|r| (r.start, r.end));
        let mut merged: Vec<Range<usize>> = Vec::with_capacity(out.len());
        for r in out {
            match merged.last_mut() {
                Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
                _ => merged.push(r),
            }
        }
        merged
    }

    /// The tantivy query: exact clauses scored (BM25), filters unscored, and jieba words
    /// of the positive terms as optional clauses for ranking when jieba is ready.
    pub(crate) fn to_tantivy(
        &self,
        f: &Fields,
        pairs: &Pairs,
        rank_words: &[Term],
        scope: &Scope,
    ) -> Box<dyn TQuery> {
        let mut clauses: Vec<(Occur, Box<dyn TQuery>)> = Vec::new();
        for group in &self.must {
            let mut alts: Vec<Box<dyn TQuery>> =
                group.iter().map(|t| exact(f.exact, t, pairs)).collect();
            if alts.len() == 1 {
                clauses.push((Occur::Must, alts.remove(0)));
            } else {
                clauses.push((
                    Occur::Must,
                    Box::new(BooleanQuery::new(
                        alts.into_iter().map(|q| (Occur::Should, q)).collect(),
                    )),
                ));
            }
        }
        for t in &self.exclude {
            clauses.push((Occur::MustNot, exact(f.exact, t, pairs)));
        }
        let mut filters: Vec<Box<dyn TQuery>> = Vec::new();
        if !scope.is_all() {
            filters.push(scope.query(f));
        }
        if let Some((a, b)) = self.years {
            filters.push(Box::new(RangeQuery::new(
                Bound::Included(Term::from_field_u64(f.year, u64::from(a))),
                Bound::Included(Term::from_field_u64(f.year, u64::from(b))),
            )));
        }
        if self.must.is_empty() {
            filters.push(Box::new(AllQuery));
        }
        for q in filters {
            clauses.push((Occur::Must, Box::new(ConstScoreQuery::new(q, 0.0))));
        }
        for w in rank_words {
            clauses.push((
                Occur::Should,
                Box::new(TermQuery::new(w.clone(), IndexRecordOption::WithFreqs)),
            ));
        }
        // A lone clause goes alone: tantivy prunes (block-WAND) a plain term query.
        if clauses.len() == 1 && clauses[0].0 == Occur::Must {
            return clauses.remove(0).1;
        }
        Box::new(BooleanQuery::new(clauses))
    }
}

/// The `region:`, `level:` and `section:` filters as the catalog resolves them (the
/// engine does): which file numbers, and which sections ([`section_key`]), a matching
/// paragraph may have; `None` when the query does not restrict them. A paragraph has
/// one file-number term, and its section is checked on the `sec` fast field, which
/// keeps a dozen region and title terms out of every paragraph's document.
#[derive(Debug, Clone, Default)]
pub(crate) struct Scope {
    /// File numbers, sorted.
    pub files: Option<Vec<u64>>,
    /// Sections, of the files in scope (their files need not be in `files` too).
    pub sections: Option<Arc<FxHashSet<u64>>>,
}

/// A section of file number `fnum` as one number.
pub(crate) fn section_key(fnum: u32, sec: u64) -> u64 {
    (u64::from(fnum) << 32) | (sec & 0xffff_ffff)
}

impl Scope {
    fn is_all(&self) -> bool {
        self.files.is_none() && self.sections.is_none()
    }

    /// The documents in scope: those of the files (their `fnum` terms), and of those the
    /// ones whose `sec` fast field names a section in scope.
    fn query(&self, f: &Fields) -> Box<dyn TQuery> {
        let mut parts: Vec<(Occur, Box<dyn TQuery>)> = Vec::new();
        if let Some(files) = &self.files {
            parts.push((Occur::Must, any_file(f.fnum, files)));
        }
        if let Some(sections) = &self.sections {
            // The files with a section in scope first, so that only their paragraphs
            // have their section looked up.
            let mut files: Vec<u64> = sections.iter().map(|k| k >> 32).collect();
            files.sort_unstable();
            files.dedup();
            parts.push((Occur::Must, any_file(f.fnum, &files)));
            let sections = sections.clone();
            let (fnum, sec) = (f.fnum, f.sec);
            let predicate = FunctionPredicate::from(move |segment: &SegmentReader| {
                let fast = segment.fast_fields();
                let fnums = fast.u64(segment.schema().get_field_name(fnum))?;
                let secs = fast.u64(segment.schema().get_field_name(sec))?;
                let sections = sections.clone();
                Ok(
                    move |doc: DocId| match (fnums.first(doc), secs.first(doc)) {
                        (Some(n), Some(k)) => {
                            sections.contains(&section_key(u32::try_from(n).unwrap_or(u32::MAX), k))
                        }
                        _ => false,
                    },
                )
            });
            parts.push((Occur::Must, Box::new(DocPredicateQuery::from(predicate))));
        }
        Box::new(BooleanQuery::new(parts))
    }
}

/// Documents of any of these file numbers.
fn any_file(field: Field, fnums: &[u64]) -> Box<dyn TQuery> {
    if fnums.is_empty() {
        return Box::new(EmptyQuery);
    }
    Box::new(TermSetQuery::new(
        fnums.iter().map(|&n| Term::from_field_u64(field, n)),
    ))
}

/// The exact (grep) query for one normalised string: the phrase of its
/// [`exact_terms`], ending in a prefix term when its last character stands alone.
pub(crate) fn exact(field: Field, normalized: &str, pairs: &Pairs) -> Box<dyn TQuery> {
    let parts = exact_terms(normalized, pairs);
    let term = |(o, t): (usize, String)| (o, Term::from_field_text(field, &t));
    let mut terms: Vec<(usize, Term)> = parts.terms.into_iter().map(term).collect();
    if let Some(prefix) = parts.prefix {
        terms.push(term(prefix));
        let mut q = PhrasePrefixQuery::new_with_offset(terms);
        // The character and every bigram starting with it: no fewer, or matches are lost.
        q.set_max_expansions(u32::try_from(MAX_PAIRS + 1).unwrap_or(u32::MAX));
        return Box::new(q);
    }
    match terms.len() {
        0 => Box::new(EmptyQuery),
        1 => Box::new(TermQuery::new(
            terms.remove(0).1,
            IndexRecordOption::WithFreqs,
        )),
        _ => Box::new(PhraseQuery::new_with_offset(terms)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_words_phrases_exclusions_or_and_filters() {
        let q = Query::parse(r#"乡村 "高质量 发展" -旅游 煤炭 OR 钢铁 region:河北省 year:2018..2022 level:county section:就业"#).unwrap();
        assert_eq!(
            q.must,
            vec![
                vec!["乡村".to_string()],
                vec!["高质量 发展".to_string()],
                vec!["煤炭".to_string(), "钢铁".to_string()]
            ]
        );
        assert_eq!(q.exclude, vec!["旅游".to_string()]);
        assert_eq!(q.regions, vec!["河北省".to_string()]);
        assert_eq!(q.years, Some((2018, 2022)));
        assert_eq!(q.levels, vec![Level::County]);
        assert_eq!(q.sections, vec!["就业".to_string()]);
    }

    #[test]
    fn malformed_queries_are_errors() {
        for bad in [
            "",
            "  ",
            "\"高质量",
            "- 乡村",
            "-",
            "year:abc",
            "year:2022..2018",
            "OR 乡村",
            "乡村 OR",
            "level:planet",
            "-乡村",
            "region:",
            "\"\"",
            "ab\"c",
        ] {
            assert!(Query::parse(bad).is_err(), "{bad:?} should be an error");
        }
    }

    /// An in-memory index of `texts` (one document each, exact field only) with `pairs`,
    /// and a function giving the documents a quoted phrase finds, in order.
    fn phrase_finder(texts: &[&str], pairs: Pairs) -> impl Fn(&str) -> Vec<u32> {
        use tantivy::collector::DocSetCollector;
        use tantivy::schema::TantivyDocument;

        let pairs = std::sync::Arc::new(pairs);
        let (schema, f) = Fields::build();
        let index = tantivy::Index::create_in_ram(schema);
        super::super::tokenizer::register(&index, &pairs);
        let mut w: tantivy::IndexWriter<TantivyDocument> = index.writer(15_000_000).unwrap();
        for t in texts {
            let mut d = TantivyDocument::default();
            d.add_text(f.exact, t);
            w.add_document(d).unwrap();
        }
        w.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        move |q| {
            let query = Query::parse(&format!("\"{q}\"")).unwrap();
            let mut v: Vec<u32> = searcher
                .search(
                    &*query.to_tantivy(&f, &pairs, &[], &Scope::default()),
                    &DocSetCollector,
                )
                .unwrap()
                .into_iter()
                .map(|a| a.doc_id)
                .collect();
            v.sort_unstable();
            v
        }
    }

    /// Phrases with spaces and one-character runs, on an index of a few spaced paragraphs
    /// (the corpus cleaner removes most spaces, so the demo cannot show this).
    #[test]
    fn phrases_with_spaces_and_one_character_runs_are_exact() {
        let texts = [
            "推进 5 G 建设，a b c d 指标，经 济 增长",
            "完成 a b 任务，5 Gb 网络",
            "a bc 与 ab c 不同",
            "经济增长 5g",
        ];
        let mut nonempty = 0;
        // With the pairs of these texts, and with none (every phrase over characters).
        for pairs in [Pairs::choose(&texts), Pairs::default()] {
            let find = phrase_finder(&texts, pairs);
            for q in [
                "5 g",
                "进 5",
                "g 建",
                "a b",
                "b c",
                "a b c d",
                "c d 指",
                "经 济",
                "济 增",
                "5 gb",
                "a b 任",
                "5 g 建设",
                "x y",
                "a bc",
                "ab c",
                "b",
                "5g",
                "济增",
            ] {
                let got = find(q);
                let want: Vec<u32> = (0..texts.len() as u32)
                    .filter(|&i| normalize(texts[i as usize]).contains(q))
                    .collect();
                nonempty += usize::from(!want.is_empty());
                assert_eq!(got, want, "{q}");
            }
        }
        assert!(nonempty >= 28, "{nonempty}");
    }

    #[test]
    fn filters_only_is_allowed() {
        assert!(Query::parse("year:2020").unwrap().must.is_empty());
    }

    #[test]
    fn highlights_map_back_through_normalisation() {
        let q = Query::parse("５g 煤").unwrap();
        let text = "建设5G基站，煤炭和煤";
        let hl = q.highlight(text);
        let words: Vec<&str> = hl.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(words, vec!["5G", "煤", "煤"]);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]

        /// Any pair set, any texts, any query string: the phrase finds exactly the texts
        /// that contain the string (bigram runs, lone characters, prefixes at the end).
        #[test]
        fn exact_queries_are_grep_for_any_pairs(
            texts in proptest::collection::vec("[甲乙丙丁a ]{0,14}", 1..6),
            queries in proptest::collection::vec("[甲乙丙丁a]{1,3}( [甲乙丙丁a]{1,2})?", 1..6),
            keys in proptest::collection::vec((0usize..5, 0usize..5), 0..12),
        ) {
            const ALPHABET: [char; 5] = ['甲', '乙', '丙', '丁', 'a'];
            let keys: Vec<u64> = keys
                .iter()
                .map(|&(a, b)| {
                    (u64::from(u32::from(ALPHABET[a])) << 32) | u64::from(u32::from(ALPHABET[b]))
                })
                .collect();
            let text_refs: Vec<&str> = texts.iter().map(String::as_str).collect();
            let find = phrase_finder(&text_refs, Pairs::from_keys(&keys));
            for q in &queries {
                let got = find(q);
                let want: Vec<u32> = (0..texts.len() as u32)
                    .filter(|&i| texts[i as usize].contains(q.as_str()))
                    .collect();
                proptest::prop_assert_eq!(got, want, "{:?} in {:?}", q, texts);
            }
        }
    }
}

//! The section titles of every report, normalised, for `section:` filters: made once (on
//! the first such filter) from the catalog's entries read one at a time, and kept in one
//! string with offsets, so that neither the entries nor a string per title stay in memory.

use std::ops::Range;

use super::CatalogEntry;
use super::normalize::normalize;

/// One section: where its normalised title ends in [`SectionTitles::text`] (it starts
/// where the previous section's ends), and its parent (`u32::MAX`: none).
#[derive(Debug, Clone, Copy)]
struct Title {
    end: u32,
    parent: u32,
}

/// Per catalog position, its sections' normalised titles and parents.
#[derive(Debug, Default)]
pub struct SectionTitles {
    text: String,
    titles: Vec<Title>,
    /// Per report, its sections in `titles`.
    reports: Vec<Range<u32>>,
}

impl SectionTitles {
    /// Adds the next report's sections.
    pub fn push(&mut self, e: &CatalogEntry) {
        let first = self.titles.len() as u32;
        for s in &e.sections {
            self.text.push_str(&normalize(&s.title));
            self.titles.push(Title {
                end: self.text.len() as u32,
                parent: s.parent.map_or(u32::MAX, |p| p as u32),
            });
        }
        self.reports.push(first..self.titles.len() as u32);
    }

    /// Done adding: gives back what the vectors hold spare.
    pub fn shrink(&mut self) {
        self.text.shrink_to_fit();
        self.titles.shrink_to_fit();
        self.reports.shrink_to_fit();
    }

    fn title(&self, k: u32) -> &str {
        let start = if k == 0 {
            0
        } else {
            self.titles[k as usize - 1].end as usize
        };
        &self.text[start..self.titles[k as usize].end as usize]
    }

    /// The sections (indexes in the report) of the report at `report` whose title, or an
    /// enclosing section's title, contains every one of `words`.
    pub fn matching<'a>(
        &'a self,
        report: usize,
        words: &'a [String],
    ) -> impl Iterator<Item = usize> + 'a {
        let range = self.reports.get(report).cloned().unwrap_or(0..0);
        let first = range.start;
        let in_chain = move |k: u32, w: &str| {
            let mut s = Some(k);
            while let Some(k) = s {
                if self.title(first + k).contains(w) {
                    return true;
                }
                let p = self.titles[(first + k) as usize].parent;
                s = (p != u32::MAX).then_some(p);
            }
            false
        };
        (0..range.end - range.start)
            .filter(move |&k| words.iter().all(|w| in_chain(k, w)))
            .map(|k| k as usize)
    }

    /// Whether some title of the corpus contains `word`.
    #[must_use]
    pub fn any_contains(&self, word: &str) -> bool {
        (0..self.titles.len() as u32).any(|k| self.title(k).contains(word))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Section, SectionKind};

    fn section(title: &str, parent: Option<usize>) -> Section {
        Section {
            number: None,
            title: title.into(),
            level: 1,
            path: String::new(),
            kind: SectionKind::Body,
            parent,
            children: Vec::new(),
            first_paragraph: 0,
            end_paragraph: 0,
        }
    }

    fn entry(sections: Vec<Section>) -> CatalogEntry {
        let meta: crate::corpus::ReportMeta = serde_json::from_value(serde_json::json!({
            "id": "x", "file": "x.txt", "title": "", "year": null, "region": null,
            "meeting_date": null, "meeting": null, "speaker": null, "speaker_title": null,
            "glossary": 0, "paragraphs": 0, "text_bytes": 0, "warnings": []
        }))
        .unwrap();
        CatalogEntry {
            meta,
            sections,
            targets: Vec::new(),
            chars: 0,
        }
    }

    #[test]
    fn a_section_matches_through_its_own_title_or_an_enclosing_one() {
        let reports = [
            entry(vec![
                section("前言", None),
                section("2024年工作任务", None),
                section("扎实推进乡村全面振兴", Some(1)),
                section("加快建设现代化产业体系", Some(1)),
            ]),
            entry(Vec::new()),
            entry(vec![section("乡村振兴", None)]),
        ];
        let mut t = SectionTitles::default();
        for r in &reports {
            t.push(r);
        }
        t.shrink();
        let words = |w: &[&str]| w.iter().map(|s| normalize(s)).collect::<Vec<_>>();
        let m = |r, w: &[String]| t.matching(r, w).collect::<Vec<_>>();
        assert_eq!(m(0, &words(&["工作任务"])), [1, 2, 3]);
        assert_eq!(m(0, &words(&["工作任务", "乡村"])), [2]);
        assert_eq!(m(0, &words(&["产业"])), [3]);
        assert!(m(1, &words(&["乡村"])).is_empty());
        assert_eq!(m(2, &words(&["乡村"])), [0]);
        assert!(m(7, &words(&["乡村"])).is_empty(), "no such report");
        assert!(t.any_contains("现代化") && !t.any_contains("火星"));
    }
}

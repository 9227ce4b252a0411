//! Counting every occurrence of a query's strings per report file, from the positions of
//! the exact field's postings (no stored text is read).
//!
//! A string is spelled by its [`ExactTerms`]: a term at each offset, and possibly a last
//! character matched as a prefix (the character, or any bigram starting with it). It
//! occurs at a position `p` of a paragraph when every term is at `p + offset`. Positions
//! are characters of the normalised text, so overlapping matches (`哈哈` twice in `哈哈哈`)
//! are each counted.

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::postings::{Postings, SegmentPostings};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocId, DocSet, Score, SegmentOrdinal, SegmentReader, TERMINATED, Term};

use super::tokenizer::ExactTerms;

/// Matching paragraphs and occurrences of one report file.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FileCount {
    pub paragraphs: u32,
    pub occurrences: u64,
}

/// Counts, per file number, the matching paragraphs and the occurrences of the strings
/// in them.
pub struct Occurrences {
    /// One more than the largest file number.
    pub files: usize,
    pub field: Field,
    pub strings: Vec<ExactTerms>,
}

/// One string's cursors in a segment.
struct Cursor {
    /// Fixed terms: (offset, postings). `None` when a term is absent from the segment.
    terms: Option<Vec<(u32, SegmentPostings)>>,
    /// The prefix: its offset and the postings of every term it expands to.
    prefix: Option<(u32, Vec<SegmentPostings>)>,
}

pub struct SegmentOccurrences {
    column: Column<u64>,
    counts: Vec<FileCount>,
    cursors: Vec<Cursor>,
    lists: Vec<Vec<u32>>,
    prefix_positions: Vec<u32>,
    buf: Vec<u32>,
}

fn postings(reader: &SegmentReader, field: Field, s: &ExactTerms) -> tantivy::Result<Cursor> {
    let inv = reader.inverted_index(field)?;
    let opt = IndexRecordOption::WithFreqsAndPositions;
    let mut terms = Some(Vec::with_capacity(s.terms.len()));
    for (offset, t) in &s.terms {
        match inv.read_postings(&Term::from_field_text(field, t), opt)? {
            Some(p) => {
                if let Some(v) = terms.as_mut() {
                    v.push((*offset as u32, p));
                }
            }
            None => terms = None,
        }
    }
    let prefix = match &s.prefix {
        None => None,
        Some((offset, c)) => {
            // Every term that starts with the character: its bytes, up to the next key.
            let lo = c.as_bytes().to_vec();
            let mut hi = lo.clone();
            if let Some(last) = hi.last_mut() {
                *last = last.saturating_add(1);
            }
            let mut stream = inv.terms().range().ge(&lo).lt(&hi).into_stream()?;
            let mut all = Vec::new();
            while stream.advance() {
                all.push(inv.read_postings_from_terminfo(stream.value(), opt)?);
            }
            if all.is_empty() {
                terms = None;
            }
            Some((*offset as u32, all))
        }
    };
    Ok(Cursor { terms, prefix })
}

impl Collector for Occurrences {
    type Fruit = Vec<FileCount>;
    type Child = SegmentOccurrences;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentOccurrences> {
        let cursors = self
            .strings
            .iter()
            .map(|s| postings(reader, self.field, s))
            .collect::<tantivy::Result<Vec<_>>>()?;
        Ok(SegmentOccurrences {
            column: reader.fast_fields().u64("fnum")?,
            counts: vec![FileCount::default(); self.files],
            cursors,
            lists: Vec::new(),
            prefix_positions: Vec::new(),
            buf: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Vec<FileCount>>) -> tantivy::Result<Vec<FileCount>> {
        let mut out = vec![FileCount::default(); self.files];
        for f in fruits {
            for (o, c) in out.iter_mut().zip(f) {
                o.paragraphs += c.paragraphs;
                o.occurrences += c.occurrences;
            }
        }
        Ok(out)
    }
}

/// Moves `p` to `doc`; true when `doc` has the term.
fn at(p: &mut SegmentPostings, doc: DocId) -> bool {
    if p.doc() == TERMINATED {
        return false;
    }
    if p.doc() < doc {
        p.seek(doc);
    }
    p.doc() == doc
}

impl SegmentOccurrences {
    fn count(&mut self, k: usize, doc: DocId) -> u64 {
        let cursor = &mut self.cursors[k];
        let Some(terms) = cursor.terms.as_mut() else {
            return 0;
        };
        // Positions of each fixed term, shifted back to the string's start.
        self.lists.resize_with(terms.len(), Vec::new);
        for (i, (offset, p)) in terms.iter_mut().enumerate() {
            if !at(p, doc) {
                return 0;
            }
            self.buf.clear();
            p.positions(&mut self.buf);
            let list = &mut self.lists[i];
            list.clear();
            list.extend(
                self.buf
                    .iter()
                    .filter(|&&pos| pos >= *offset)
                    .map(|&pos| pos - *offset),
            );
        }
        let lists = &self.lists[..terms.len()];
        let prefix = match cursor.prefix.as_mut() {
            None => None,
            Some((offset, all)) => {
                self.prefix_positions.clear();
                for p in all.iter_mut() {
                    if at(p, doc) {
                        self.buf.clear();
                        p.positions(&mut self.buf);
                        self.prefix_positions.extend(
                            self.buf
                                .iter()
                                .filter(|&&pos| pos >= *offset)
                                .map(|&pos| pos - *offset),
                        );
                    }
                }
                self.prefix_positions.sort_unstable();
                Some(&self.prefix_positions)
            }
        };
        // Starts from the first list, each checked in the others.
        let (first, rest): (&[u32], Vec<&Vec<u32>>) = match (lists.first(), prefix) {
            (Some(f), p) => (f, lists[1..].iter().chain(p).collect()),
            (None, Some(p)) => (p, Vec::new()),
            (None, None) => return 0,
        };
        first
            .iter()
            .filter(|pos| rest.iter().all(|l| l.binary_search(pos).is_ok()))
            .count() as u64
    }
}

impl SegmentCollector for SegmentOccurrences {
    type Fruit = Vec<FileCount>;

    fn collect(&mut self, doc: DocId, _: Score) {
        let Some(f) = self.column.first(doc) else {
            return;
        };
        let mut n = 0;
        for k in 0..self.cursors.len() {
            n += self.count(k, doc);
        }
        if let Some(c) = self.counts.get_mut(f as usize) {
            c.paragraphs += 1;
            c.occurrences += n;
        }
    }

    fn harvest(self) -> Vec<FileCount> {
        self.counts
    }
}

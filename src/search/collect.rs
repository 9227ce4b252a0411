//! Counting matches per report file without touching stored documents: one fast-field
//! read per matching paragraph, summed per segment.

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

/// Counts matching paragraphs per file number (the `fnum` fast field).
pub struct PerFile {
    /// One more than the largest file number.
    pub files: usize,
}

pub struct SegmentPerFile {
    column: Column<u64>,
    counts: Vec<u32>,
    buf: Vec<Option<u64>>,
}

impl Collector for PerFile {
    type Fruit = Vec<u32>;
    type Child = SegmentPerFile;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentPerFile> {
        Ok(SegmentPerFile {
            column: reader.fast_fields().u64("fnum")?,
            counts: vec![0; self.files],
            buf: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Vec<u32>>) -> tantivy::Result<Vec<u32>> {
        let mut out = vec![0u32; self.files];
        for f in fruits {
            for (o, c) in out.iter_mut().zip(f) {
                *o += c;
            }
        }
        Ok(out)
    }
}

impl SegmentPerFile {
    fn add(&mut self, fnum: u64) {
        if let Some(c) = self.counts.get_mut(fnum as usize) {
            *c += 1;
        }
    }
}

impl SegmentCollector for SegmentPerFile {
    type Fruit = Vec<u32>;

    fn collect(&mut self, doc: DocId, _: Score) {
        if let Some(f) = self.column.first(doc) {
            self.add(f);
        }
    }

    fn collect_block(&mut self, docs: &[DocId]) {
        self.buf.resize(docs.len(), None);
        self.column.first_vals(docs, &mut self.buf);
        for i in 0..docs.len() {
            if let Some(f) = self.buf[i] {
                self.add(f);
            }
        }
    }

    fn harvest(self) -> Vec<u32> {
        self.counts
    }
}

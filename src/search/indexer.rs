//! Turning reports into paragraph documents: parsing files in parallel, building the
//! catalog, and feeding tantivy's writer.

use std::collections::HashSet;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::Duration;

use rayon::prelude::*;
use tantivy::schema::TantivyDocument;
use tantivy::{Index, IndexWriter, Term};

use super::normalize::normalize_cow;
use super::schema::Fields;
use super::store::{FileEntry, State};
use super::tokenizer::{Pairs, ranking_words};
use super::{Catalog, CatalogEntry, Progress, SearchError};
use crate::corpus::{self, Corpus, Overrides, Region, Rejected, Report, SourceFile};

/// One file read and parsed.
pub struct Parsed {
    pub file: SourceFile,
    pub hash: u64,
    pub result: Result<Report, Rejected>,
}

/// A report to index: its file number, and the `words` field of each paragraph (filled
/// in by [`write`]).
pub struct ToIndex {
    pub fnum: u32,
    pub report: Report,
    pub words: Vec<String>,
}

/// Runs `work` (which uses rayon's pool and counts what it has done in the counter it is
/// given) while this thread reports the count every 50 ms and once at the end. One
/// parallel pass over everything, so no core waits at a barrier for progress reports.
fn with_progress<R: Send>(
    work: impl FnOnce(&AtomicUsize) -> R + Send,
    mut report: impl FnMut(usize),
) -> R {
    let done = AtomicUsize::new(0);
    let (tx, rx) = mpsc::channel::<()>();
    let out = std::thread::scope(|s| {
        let worker = s.spawn(|| {
            let r = work(&done);
            drop(tx);
            r
        });
        while let Err(RecvTimeoutError::Timeout) = rx.recv_timeout(Duration::from_millis(50)) {
            report(done.load(Ordering::Relaxed));
        }
        worker.join()
    });
    report(done.load(Ordering::Relaxed));
    out.unwrap_or_else(|e| std::panic::resume_unwind(e))
}

/// Reads, hashes and parses one file.
fn parse_file(corpus: &Corpus, f: &SourceFile, overrides: &Overrides) -> Parsed {
    let rejected = |reason: String| Rejected {
        file: f.rel.clone(),
        reason,
    };
    let (hash, result) = match corpus.read(&f.rel) {
        Ok(bytes) => (
            super::store::content_hash(&bytes),
            corpus::parse_report(&f.rel, &bytes)
                .map(|mut r| {
                    overrides.apply(&mut r.meta);
                    r
                })
                .map_err(|e| rejected(e.to_string())),
        ),
        Err(e) => (0, Err(rejected(e.to_string()))),
    };
    Parsed {
        file: f.clone(),
        hash,
        result,
    }
}

/// Reads, hashes and parses files on all cores, reporting progress.
pub fn parse_files(
    corpus: &Corpus,
    files: &[SourceFile],
    overrides: &Overrides,
    progress: &mut dyn FnMut(Progress),
) -> Vec<Parsed> {
    let total = files.len();
    progress(Progress::Parsing { done: 0, total });
    with_progress(
        |done| {
            files
                .par_iter()
                .map(|f| {
                    let p = parse_file(corpus, f, overrides);
                    done.fetch_add(1, Ordering::Relaxed);
                    p
                })
                .collect()
        },
        |done| progress(Progress::Parsing { done, total }),
    )
}

/// The next state: `old` without the `dropped` files, plus the `parsed` ones (which get new
/// file numbers). Returns it with the reports to index and their file numbers.
pub fn next_state(
    old: Option<&State>,
    dropped: &HashSet<String>,
    parsed: Vec<Parsed>,
    version: &str,
    overrides: u64,
) -> (State, Vec<ToIndex>) {
    let mut state = State {
        version: version.to_string(),
        overrides,
        next_fnum: old.map_or(0, |s| s.next_fnum),
        pairs: Vec::new(),
        files: Vec::new(),
        catalog: Catalog::default(),
    };
    if let Some(old) = old {
        state.pairs.clone_from(&old.pairs);
        state.files = old
            .files
            .iter()
            .filter(|f| !dropped.contains(&f.rel))
            .cloned()
            .collect();
        state.catalog.reports = old
            .catalog
            .reports
            .iter()
            .filter(|r| !dropped.contains(&r.meta.file))
            .cloned()
            .collect();
        state.catalog.rejected = old
            .catalog
            .rejected
            .iter()
            .filter(|r| !dropped.contains(&r.file))
            .cloned()
            .collect();
    }
    let mut to_index = Vec::new();
    for p in parsed {
        let fnum = state.next_fnum;
        state.next_fnum += 1;
        state.files.push(FileEntry {
            rel: p.file.rel.clone(),
            size: p.file.size,
            mtime_ns: p.file.mtime_ns,
            hash: p.hash,
            fnum,
        });
        match p.result {
            Ok(r) => {
                state.catalog.reports.push(CatalogEntry {
                    meta: r.meta.clone(),
                    sections: r.sections.clone(),
                });
                to_index.push(ToIndex {
                    fnum,
                    report: r,
                    words: Vec::new(),
                });
            }
            Err(e) => state.catalog.rejected.push(e),
        }
    }
    if old.is_none() {
        let texts: Vec<&str> = to_index
            .iter()
            .flat_map(|t| t.report.paragraphs.iter().map(|p| p.text.as_str()))
            .collect();
        let t = std::time::Instant::now();
        state.pairs = Pairs::choose(&texts).keys();
        tracing::debug!(elapsed = ?t.elapsed(), pairs = state.pairs.len(), "character pairs chosen");
    }
    state.files.sort_by(|a, b| a.rel.cmp(&b.rel));
    finish_catalog(&mut state.catalog);
    (state, to_index)
}

/// Assigns ids over the whole catalog and sorts it (region code, year, file).
pub fn finish_catalog(c: &mut Catalog) {
    let mut metas: Vec<_> = c.reports.iter().map(|r| r.meta.clone()).collect();
    corpus::assign_ids(&mut metas);
    for (r, m) in c.reports.iter_mut().zip(metas) {
        r.meta.id = m.id;
    }
    c.reports.sort_by(|a, b| {
        let code = |e: &CatalogEntry| e.meta.region.as_ref().map(|r| r.code.clone());
        (code(a), a.meta.year, &a.meta.file).cmp(&(code(b), b.meta.year, &b.meta.file))
    });
    c.rejected.sort_by(|a, b| a.file.cmp(&b.file));
}

/// Region names without their suffix (河北省 → 河北), for `region:` filters.
fn short_name(name: &str) -> Option<&str> {
    const SUFFIXES: [&str; 12] = [
        "维吾尔自治区",
        "壮族自治区",
        "回族自治区",
        "特别行政区",
        "自治区",
        "自治州",
        "地区",
        "省",
        "市",
        "县",
        "区",
        "旗",
    ];
    let s = SUFFIXES.iter().find_map(|s| name.strip_suffix(s))?;
    (s.chars().count() >= 2).then_some(s)
}

/// Whether a `region:` filter with any of `values` (normalised) selects a report of
/// `region`: the name, full name or code of the region or of an enclosing one, or one of
/// those names without its suffix (河北省 → 河北). No allocation for names already in
/// normal form, so a query checks every report of a large catalog in well under a
/// millisecond.
#[must_use]
pub fn region_selected(region: &Region, values: &[String]) -> bool {
    let is = |t: &str| {
        let t = normalize_cow(t);
        values.iter().any(|v| *v == *t)
    };
    let r = region;
    std::iter::once(&r.name)
        .chain([&r.full, &r.code])
        .chain(&r.ancestors)
        .chain(&r.ancestor_names)
        .any(|t| is(t))
        || std::iter::once(&r.name)
            .chain(&r.ancestor_names)
            .filter_map(|n| short_name(n))
            .any(is)
}

/// Adds one document per paragraph of a report.
pub fn add_report(writer: &IndexWriter, f: &Fields, item: &ToIndex) -> tantivy::Result<()> {
    let report = &item.report;
    let year = u64::from(report.meta.year.unwrap_or(0));
    for (i, p) in report.paragraphs.iter().enumerate() {
        let mut doc = TantivyDocument::default();
        doc.add_text(f.file, &report.meta.file);
        doc.add_u64(f.fnum, u64::from(item.fnum));
        doc.add_u64(f.para, i as u64);
        doc.add_u64(f.sec, p.section as u64);
        doc.add_text(f.exact, &p.text);
        if let Some(w) = item.words.get(i) {
            doc.add_text(f.words, w);
        }
        doc.add_u64(f.year, year);
        writer.add_document(doc)?;
    }
    Ok(())
}

/// Fills in the ranking words of every paragraph, on all cores. This is a pass of its
/// own, before tantivy's: jieba's dictionary and tantivy's term tables each run faster
/// with the cache to themselves than side by side.
fn segment(reports: &mut [ToIndex], progress: &mut dyn FnMut(Progress)) {
    let clock = std::time::Instant::now();
    let total = reports.len();
    progress(Progress::Segmenting { done: 0, total });
    with_progress(
        |done| {
            reports.par_iter_mut().for_each(|item| {
                item.words = item
                    .report
                    .paragraphs
                    .iter()
                    .map(|p| ranking_words(&p.text))
                    .collect();
                done.fetch_add(1, Ordering::Relaxed);
            });
        },
        |done| progress(Progress::Segmenting { done, total }),
    );
    tracing::debug!(elapsed = ?clock.elapsed(), reports = total, "paragraphs segmented");
}

/// Deletes the paragraphs of `delete`, adds `reports`, and commits with `stamp` as payload.
pub fn write(
    index: &Index,
    f: &Fields,
    delete: &[String],
    reports: &mut [ToIndex],
    stamp: u64,
    progress: &mut dyn FnMut(Progress),
) -> Result<(), SearchError> {
    segment(reports, progress);
    let threads = std::thread::available_parallelism()
        .map_or(2, std::num::NonZero::get)
        .clamp(1, 4);
    let mut writer: IndexWriter<TantivyDocument> =
        index.writer_with_num_threads(threads, threads * 120_000_000)?;
    for rel in delete {
        writer.delete_term(Term::from_field_text(f.file, rel));
    }
    let total = reports.len();
    progress(Progress::Indexing { done: 0, total });
    for (i, item) in reports.iter().enumerate() {
        add_report(&writer, f, item)?;
        if (i + 1) % 16 == 0 || i + 1 == total {
            progress(Progress::Indexing { done: i + 1, total });
        }
    }
    let mut pc = writer.prepare_commit()?;
    pc.set_payload(&stamp.to_string());
    pc.commit()?;
    writer.wait_merging_threads()?;
    Ok(())
}

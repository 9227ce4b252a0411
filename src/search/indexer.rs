//! Turning reports into paragraph documents: parsing files in parallel, building the
//! catalog, and feeding tantivy's writer. A full build ([`build`]) streams the corpus
//! through parse → segment → index in batches of about [`BATCH_BYTES`], so that its memory does
//! not grow with the corpus's text: only the catalog (metadata and outlines) is kept whole.

use std::collections::HashSet;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::Duration;
use std::time::Instant;

use rayon::prelude::*;
use tantivy::schema::TantivyDocument;
use tantivy::{Index, IndexWriter, Term};

use super::normalize::normalize_cow;
use super::schema::Fields;
use super::segmenter::Segmenter;
use super::store::{FileEntry, State};
use super::tokenizer::{Pairs, ranking_words_of};
use super::{Catalog, CatalogEntry, Progress, Reports, SearchError};
use crate::corpus::{self, Corpus, Overrides, Region, Rejected, Report, SourceFile};

/// One file read and parsed.
pub struct Parsed {
    pub file: SourceFile,
    pub hash: u64,
    pub result: Result<Report, Rejected>,
    /// The report's targets and results (extracted here, on the parsing threads).
    pub targets: Vec<crate::targets::Figure>,
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
    let targets = result
        .as_ref()
        .map_or_else(|_| Vec::new(), crate::targets::extract);
    Parsed {
        file: f.clone(),
        hash,
        result,
        targets,
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

/// About how many bytes of files a full build parses, segments and indexes before it reads
/// the next ones (a batch holds at least one file and at most [`BATCH_FILES`]).
///
/// Large batches keep the phases apart: while tantivy indexes a batch, the parsing threads
/// wait, and only the last 10,000 paragraphs of a batch (what tantivy's writer queues) are
/// indexed beside the parsing and segmenting of the next. jieba's dictionary and tantivy's
/// term tables each run faster with the cache to themselves (see [`segment`]). With
/// batches of 256 files most of each batch was indexed beside the next one's parsing: a
/// build of 5,000 reports took 21.5 s of CPU against 19.3 s now and 18.1 s for one pass
/// per phase over the whole corpus (medians of six alternating runs, 2026-12-05).
pub const BATCH_BYTES: u64 = 48 << 20;

/// The most files in one batch of a full build.
const BATCH_FILES: usize = 4096;

/// `files` cut into consecutive batches of about `bytes` bytes (at least one file, at most
/// [`BATCH_FILES`]).
fn batches(files: &[SourceFile], bytes: u64) -> Vec<&[SourceFile]> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut sum = 0;
    for (i, f) in files.iter().enumerate() {
        sum += f.size;
        if sum >= bytes || i + 1 - start >= BATCH_FILES {
            out.push(&files[start..=i]);
            start = i + 1;
            sum = 0;
        }
    }
    if start < files.len() {
        out.push(&files[start..]);
    }
    out
}

/// How many files, evenly spaced over the corpus, the character pairs are chosen from.
const PAIR_FILES: usize = 400;

/// The character pairs of a new index (see [`Pairs::choose`]), from the paragraphs of at
/// most [`PAIR_FILES`] files spread over the corpus (all of them in a smaller corpus).
pub fn sample_pairs(corpus: &Corpus, files: &[SourceFile], overrides: &Overrides) -> Vec<u64> {
    let t = Instant::now();
    let step = files.len().div_ceil(PAIR_FILES).max(1);
    let sample: Vec<&SourceFile> = files.iter().step_by(step).collect();
    let parsed: Vec<Parsed> = sample
        .par_iter()
        .map(|f| parse_file(corpus, f, overrides))
        .collect();
    let texts: Vec<&str> = parsed
        .iter()
        .filter_map(|p| p.result.as_ref().ok())
        .flat_map(|r| r.paragraphs.iter().map(|p| p.text.as_str()))
        .collect();
    let keys = Pairs::choose(&texts).keys();
    tracing::debug!(elapsed = ?t.elapsed(), files = sample.len(), pairs = keys.len(), "character pairs chosen");
    keys
}

/// Adds a parsed file to `state` under the next file number: its fingerprint, and its
/// catalog entry (or why it is not a report). Returns the report to index.
fn admit(state: &mut State, p: Parsed) -> Option<ToIndex> {
    let fnum = state.next_fnum;
    state.next_fnum += 1;
    state.files.push(FileEntry {
        rel: p.file.rel,
        size: p.file.size,
        mtime_ns: p.file.mtime_ns,
        hash: p.hash,
        fnum,
    });
    match p.result {
        Ok(r) => {
            state.catalog.reports.push(CatalogEntry::of(&r, p.targets));
            Some(ToIndex {
                fnum,
                report: r,
                words: Vec::new(),
            })
        }
        Err(e) => {
            state.catalog.rejected.push(e);
            None
        }
    }
}

/// A full build into the empty `index`: the files in batches of about `batch_bytes`
/// ([`BATCH_BYTES`]),
/// each parsed, segmented and handed to tantivy before the next is read; then the catalog
/// is finished, the walk's `faults` join its rejected files, `before_commit` gets the
/// whole state (to write it where the commit payload `stamp` names it), and the index is
/// committed. `state` comes with its version, override and dictionary hashes and pairs;
/// `seg` segments the ranking words.
///
/// Progress: [`Progress::Indexing`] counted in files (a batch's parsing, segmenting and
/// indexing each move it a third of the batch), and after a batch that doubled the
/// reports since the last one sent, [`Progress::Catalog`] with the reports so far (ids
/// assigned among them), so that they can be browsed while the rest is built.
#[allow(clippy::too_many_arguments)]
pub fn build(
    index: &Index,
    f: &Fields,
    corpus: &Corpus,
    files: &[SourceFile],
    faults: &[Rejected],
    overrides: &Overrides,
    mut state: State,
    stamp: u64,
    seg: &Segmenter,
    batch_bytes: u64,
    before_commit: &mut dyn FnMut(&State) -> Result<(), SearchError>,
    progress: &mut dyn FnMut(Progress),
) -> Result<State, SearchError> {
    let clock = Instant::now();
    let writer = new_writer(index)?;
    let total = files.len();
    progress(Progress::Indexing { done: 0, total });
    let mut done = 0;
    let mut sent = 0;
    let mut spent = [Duration::ZERO; 4];
    let batches = batches(files, batch_bytes);
    for (i, batch) in batches.iter().enumerate() {
        let n = batch.len();
        let third = n / 3;
        let t = Instant::now();
        let parsed = parse_files(corpus, batch, overrides, &mut |p| {
            if let Progress::Parsing { done: k, .. } = p {
                progress(Progress::Indexing {
                    done: done + k / 3,
                    total,
                });
            }
        });
        let mut todo: Vec<ToIndex> = parsed
            .into_iter()
            .filter_map(|p| admit(&mut state, p))
            .collect();
        spent[0] += t.elapsed();
        let t = Instant::now();
        let m = todo.len().max(1);
        segment(&mut todo, seg, &mut |p| {
            if let Progress::Segmenting { done: k, .. } = p {
                progress(Progress::Indexing {
                    done: done + third + k * third / m,
                    total,
                });
            }
        });
        spent[1] += t.elapsed();
        let t = Instant::now();
        for (k, item) in todo.iter().enumerate() {
            add_report(&writer, f, item)?;
            if k % 16 == 15 {
                progress(Progress::Indexing {
                    done: done + 2 * third + (k + 1) * (n - 2 * third) / m,
                    total,
                });
            }
        }
        drop(todo);
        spent[2] += t.elapsed();
        done += n;
        progress(Progress::Indexing { done, total });
        let reports = state.catalog.reports.len();
        if i + 1 < batches.len() && reports >= (2 * sent).max(1) {
            let t = Instant::now();
            let mut so_far = state.catalog.clone();
            finish_catalog(&mut so_far);
            progress(Progress::Catalog(std::sync::Arc::new(Reports::of(&so_far))));
            sent = reports;
            spent[3] += t.elapsed();
        }
    }
    state.files.sort_by(|a, b| a.rel.cmp(&b.rel));
    finish_catalog(&mut state.catalog);
    set_faults(&mut state.catalog, &state.files, faults);
    tracing::debug!(
        elapsed = ?clock.elapsed(),
        files = total,
        batches = batches.len(),
        parse = ?spent[0],
        segment = ?spent[1],
        queue = ?spent[2],
        partial_catalogs = ?spent[3],
        "files parsed, segmented and queued"
    );
    before_commit(&state)?;
    let t = Instant::now();
    commit(writer, stamp)?;
    tracing::debug!(elapsed = ?t.elapsed(), "index committed");
    Ok(state)
}

/// The next state: `old` without the `dropped` files, plus the `parsed` ones (which get new
/// file numbers). Returns it with the reports to index and their file numbers.
pub fn next_state(
    old: Option<&State>,
    dropped: &HashSet<String>,
    parsed: Vec<Parsed>,
    version: &str,
    overrides: u64,
    dictionary: u64,
) -> (State, Vec<ToIndex>) {
    let mut state = State {
        version: version.to_string(),
        overrides,
        dictionary,
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
    let to_index: Vec<ToIndex> = parsed
        .into_iter()
        .filter_map(|p| admit(&mut state, p))
        .collect();
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

/// The catalog's rejected entries that name no file of `files`: the faults of the walk
/// that listed them (a dangling link, an unreadable folder…).
fn old_faults<'a>(catalog: &'a Catalog, files: &[FileEntry]) -> Vec<&'a Rejected> {
    let listed: HashSet<&str> = files.iter().map(|f| f.rel.as_str()).collect();
    catalog
        .rejected
        .iter()
        .filter(|r| !listed.contains(r.file.as_str()))
        .collect()
}

/// Whether the walk's `faults` differ from those the catalog holds.
pub fn faults_changed(catalog: &Catalog, files: &[FileEntry], faults: &[Rejected]) -> bool {
    let old = old_faults(catalog, files);
    old.len() != faults.len() || old.iter().zip(faults).any(|(a, b)| **a != *b)
}

/// Puts the walk's `faults` (sorted by file) in the catalog in place of the old ones.
pub fn set_faults(catalog: &mut Catalog, files: &[FileEntry], faults: &[Rejected]) {
    let listed: HashSet<&str> = files.iter().map(|f| f.rel.as_str()).collect();
    catalog
        .rejected
        .retain(|r| listed.contains(r.file.as_str()));
    catalog.rejected.extend_from_slice(faults);
    catalog.rejected.sort_by(|a, b| a.file.cmp(&b.file));
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
fn segment(reports: &mut [ToIndex], seg: &Segmenter, progress: &mut dyn FnMut(Progress)) {
    let jieba = seg.jieba();
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
                    .map(|p| ranking_words_of(jieba, &p.text))
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
    seg: &Segmenter,
    progress: &mut dyn FnMut(Progress),
) -> Result<(), SearchError> {
    segment(reports, seg, progress);
    let writer = new_writer(index)?;
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
    commit(writer, stamp)
}

/// Segments of this many paragraphs or more are not merged again. A merge reads its
/// sources whole and copies each one's document store in one piece, so with tantivy's
/// default bound (10 million) the last merges of a large build would hold a store of
/// hundreds of MB and grow with the corpus; with this one a merge holds at most the store
/// of a segment under 300,000 paragraphs (about 200 MB, 75 MB for the usual source).
/// tantivy's writer flushes segments of about 110,000 paragraphs (120 MB of indexing
/// memory each), merged eight at a time into segments of about 900,000, which stay: a
/// corpus of 50,000 reports (3.4 million paragraphs) has about ten segments either way.
const MAX_MERGE_SOURCE_DOCS: usize = 300_000;

/// tantivy's writer: up to 4 indexing threads with 120 MB each, merges bounded by
/// [`MAX_MERGE_SOURCE_DOCS`].
fn new_writer(index: &Index) -> Result<IndexWriter<TantivyDocument>, SearchError> {
    let threads = std::thread::available_parallelism()
        .map_or(2, std::num::NonZero::get)
        .clamp(1, 4);
    let writer = index.writer_with_num_threads(threads, threads * 120_000_000)?;
    let mut policy = tantivy::indexer::LogMergePolicy::default();
    policy.set_max_docs_before_merge(MAX_MERGE_SOURCE_DOCS);
    writer.set_merge_policy(Box::new(policy));
    Ok(writer)
}

/// Commits with `stamp` as payload and waits for the merges.
fn commit(mut writer: IndexWriter<TantivyDocument>, stamp: u64) -> Result<(), SearchError> {
    let mut pc = writer.prepare_commit()?;
    pc.set_payload(&stamp.to_string());
    pc.commit()?;
    writer.wait_merging_threads()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;

    fn source(rel: &str, size: u64) -> SourceFile {
        SourceFile {
            rel: rel.into(),
            size,
            mtime_ns: 0,
        }
    }

    #[test]
    fn batches_hold_about_the_bytes_asked_for_and_every_file_once() {
        let files: Vec<SourceFile> = (0..10).map(|i| source(&format!("{i}.txt"), 40)).collect();
        let b = batches(&files, 100);
        let sizes: Vec<usize> = b.iter().map(|b| b.len()).collect();
        assert_eq!(
            sizes,
            vec![3, 3, 3, 1],
            "120 bytes reach 100; the rest last"
        );
        assert_eq!(batches(&files, 1).len(), 10, "at least one file a batch");
        assert_eq!(batches(&files, u64::MAX).len(), 1);
        assert!(batches(&[], 100).is_empty());
        let many: Vec<SourceFile> = (0..=BATCH_FILES)
            .map(|i| source(&i.to_string(), 0))
            .collect();
        assert_eq!(
            batches(&many, u64::MAX).len(),
            2,
            "at most BATCH_FILES a batch"
        );
    }

    /// A full build in small batches shows the reports of the finished batches (ids
    /// assigned, sorted as the catalog is) before the build ends, each such catalog a part
    /// of the next, and finishes with every report, indexed.
    #[test]
    fn a_build_shows_the_finished_batches_for_browsing() {
        let corpus = Corpus::Demo;
        let files = corpus.files().unwrap();
        let overrides = Overrides::default();
        let (builder, fields) = super::super::schema::Fields::index_builder();
        let index = builder.create_in_ram().unwrap();
        let state = State {
            pairs: sample_pairs(&corpus, &files, &overrides),
            ..State::default()
        };
        let pairs = Arc::new(Pairs::from_keys(&state.pairs));
        super::super::tokenizer::register(&index, &pairs);
        let total = files.len();
        let mut seen: Vec<(usize, Arc<Reports>)> = Vec::new();
        let mut done_now = 0;
        let mut committed = false;
        let state = build(
            &index,
            &fields,
            &corpus,
            &files,
            &[],
            &overrides,
            state,
            7,
            &Segmenter::standard(),
            200_000,
            &mut |s| {
                assert_eq!(s.catalog.reports.len() + s.catalog.rejected.len(), total);
                committed = true;
                Ok(())
            },
            &mut |p| match p {
                Progress::Indexing { done, .. } => done_now = done,
                Progress::Catalog(c) => seen.push((done_now, c)),
                _ => {}
            },
        )
        .unwrap();
        assert!(committed);
        assert!(seen.len() >= 2, "several partial catalogs: {}", seen.len());
        let all = &state.catalog;
        for (done, c) in &seen {
            assert!(*done < total, "shown before the build ends");
            assert!(!c.is_empty() && c.len() < all.reports.len());
            let mut ids: Vec<&str> = c.iter().map(|r| r.meta.id.as_str()).collect();
            assert!(ids.iter().all(|id| !id.is_empty()), "ids assigned");
            ids.sort_unstable();
            ids.dedup();
            assert_eq!(ids.len(), c.len(), "ids unique");
            // In catalog order: as the whole catalog orders the same files.
            let at = |file: &str| all.reports.iter().position(|a| a.meta.file == file);
            let order: Vec<Option<usize>> = c.iter().map(|r| at(&r.meta.file)).collect();
            assert!(
                order.iter().all(Option::is_some),
                "every file in the catalog"
            );
            assert!(order.is_sorted(), "in catalog order");
        }
        // What the TUI's report worker does with an entry while the index builds.
        let first = &seen[0].1[0];
        let report = crate::corpus::load_file(&corpus, &first.meta.file, &overrides).unwrap();
        assert_eq!(report.paragraphs.len(), first.meta.paragraphs);
        for w in seen.windows(2) {
            assert!(w[0].1.len() < w[1].1.len(), "grows");
            for r in w[0].1.iter() {
                assert!(w[1].1.iter().any(|n| n.meta.file == r.meta.file));
            }
        }
        let reader = index.reader().unwrap();
        let paragraphs: usize = all.reports.iter().map(|r| r.meta.paragraphs).sum();
        assert_eq!(reader.searcher().num_docs() as usize, paragraphs);
    }
}

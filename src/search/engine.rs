//! [`Engine`]: opening (building, updating, waiting for another process) and searching.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs::{self, File};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use std::time::Instant;

use rustc_hash::FxHashSet;
use tantivy::collector::TopDocs;
use tantivy::schema::{TantivyDocument, Value};
use tantivy::{Index, IndexReader, ReloadPolicy};

use super::collect::PerFile;
use super::indexer::region_selected;
use super::indexer::{self, ToIndex};
use super::nosync::NoSyncDirectory;
use super::occurrences::{FileCount, Occurrences};
use super::query::{Query, Scope, section_key};
use super::reports::Reports;
use super::scan::{self, Listing};
use super::schema::Fields;
use super::sections::SectionTitles;
use super::segmenter::Segmenter;
use super::store::{self, Brief, CatalogFile, DirStamps, Paths, State};
use super::tokenizer::{self, Pairs, is_indexed_word, jieba_words};
use super::{
    Catalog, CatalogEntry, FilterError, Hit, IndexStats, Limit, Progress, Rebuild, SearchError,
    SearchResults,
};
use crate::corpus::{self, Corpus, Overrides, Report, SourceFile};

/// How much of the catalog an engine decodes and keeps.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum CatalogLoad {
    /// The whole catalog, decoded at open and kept (commands that read every entry:
    /// `gwr list`, `gwr targets`…).
    #[default]
    Whole,
    /// For the TUI: the light list ([`Reports`]) decoded at open (entry by entry) and sent
    /// as [`Progress::Catalog`]; every full entry read from disk when asked for
    /// ([`Engine::entry`]); jieba's dictionary loaded in the background. An index
    /// rebuilt or updated at open is left on disk the same way once written.
    Light,
    /// For a command that touches a few reports (`gwr search`): leave the catalog on disk
    /// and read the entries a search needs (the light list is read on the first
    /// `region:`/`level:`/`year:` filter, the whole catalog on the first call to
    /// [`Engine::catalog`]), send no [`Progress::Catalog`] unless the index is rebuilt or
    /// updated, and do not load jieba's dictionary (ranking then weighs the exact field's
    /// terms alone, as any search does before the dictionary is loaded).
    OnDemand,
}

impl CatalogLoad {
    /// Whether the catalog stays on disk.
    fn lazy(self) -> bool {
        self != CatalogLoad::Whole
    }
}

/// How to open.
#[derive(Debug, Clone, Default)]
pub struct OpenOptions {
    /// Rebuild the index from scratch.
    pub rebuild: bool,
    /// How much of the catalog to decode and keep.
    pub catalog: CatalogLoad,
    /// The user dictionary (the config's `dictionary`): the ranking words are segmented
    /// with it, and an index segmented with another one (or none) is rebuilt.
    pub dictionary: Option<PathBuf>,
}

/// The opened corpus: catalog plus search index.
pub struct Engine {
    corpus: Corpus,
    /// The whole catalog, once decoded.
    catalog: OnceLock<Arc<Catalog>>,
    /// The light list of its reports, once made.
    reports: OnceLock<Arc<Reports>>,
    /// Where the catalog is on disk, when it was left there ([`OpenOptions::catalog`] not [`CatalogLoad::Whole`]).
    catalog_file: Option<CatalogFile>,
    /// Per catalog position, what counting needs.
    briefs: Vec<Brief>,
    reader: IndexReader,
    fields: Fields,
    /// The character pairs the exact field has as bigrams.
    pairs: Arc<Pairs>,
    /// Catalog position of each file number (`u32::MAX`: not a report).
    by_fnum: Vec<u32>,
    /// Per catalog position, the report's section titles, normalised (made on the first
    /// section filter).
    section_titles: OnceLock<SectionTitles>,
    /// Per catalog position, the content fingerprint ([`Engine::content_keys`]).
    content_keys: Vec<u64>,
    /// The entries read from disk lately for searches' hits, most recent last.
    recent: std::sync::Mutex<Vec<(u32, Arc<CatalogEntry>)>>,
    /// jieba with the user's dictionary: the index's ranking words and the queries'.
    segmenter: Arc<Segmenter>,
    stats: IndexStats,
    warnings: Vec<String>,
}

/// How many entries read from disk for searches' hits the engine keeps
/// ([`Engine::recent_entry`]): at a few KB each, well under a megabyte.
const RECENT: usize = 64;

/// A catalog entry borrowed from the decoded catalog, or shared with the entries read
/// lately.
enum EntryRef<'a> {
    Decoded(&'a CatalogEntry),
    Shared(Arc<CatalogEntry>),
}

impl std::ops::Deref for EntryRef<'_> {
    type Target = CatalogEntry;

    fn deref(&self) -> &CatalogEntry {
        match self {
            EntryRef::Decoded(e) => e,
            EntryRef::Shared(e) => e,
        }
    }
}

/// An index generation as published on disk.
struct Published {
    gen_name: String,
    index: Index,
    reader: IndexReader,
    fields: Fields,
    stamp: u64,
    /// The manifest, with the catalog decoded unless it was opened lazily.
    state: State,
    /// The light list, when it was asked for ([`CatalogLoad::Light`]).
    reports: Option<Arc<Reports>>,
    briefs: Vec<Brief>,
    catalog_file: CatalogFile,
    pairs: Arc<Pairs>,
    /// The folder times recorded with this state, when freshness was asked for.
    stamps: Option<DirStamps>,
    /// Whether the corpus is as this state recorded it, checked while the index opened.
    check: Option<scan::Check>,
}

/// Opens the published generation. With `corpus`, the check that the corpus is as the
/// index recorded it ([`scan::Check`]) starts as soon as the manifest is read and runs
/// while the index opens.
fn load_published(
    paths: &Paths,
    load: CatalogLoad,
    corpus: Option<&Corpus>,
) -> Result<Published, String> {
    let gen_name = paths.published().ok_or("no index yet")?;
    let dir = paths.generation(&gen_name);
    if let Ok(why) = fs::read_to_string(store::damaged_marker(&dir)) {
        return Err(format!("index damaged ({})", why.trim()));
    }
    let index = Index::open_in_dir(&dir).map_err(|e| format!("index unreadable: {e}"))?;
    let fields = Fields::of(&index.schema()).ok_or("index of another schema")?;
    let metas = index
        .load_metas()
        .map_err(|e| format!("index unreadable: {e}"))?;
    let stamp: u64 = metas
        .payload
        .as_deref()
        .and_then(|p| p.parse().ok())
        .ok_or("index has no state stamp")?;
    let t = Instant::now();
    let (mut state, briefs, catalog_file) = store::open_state(&store::state_path(&dir, stamp))?;
    if state.version != store::version() {
        return Err(format!(
            "index built by another version ({} → {})",
            state.version,
            store::version()
        ));
    }
    let reports = match load {
        CatalogLoad::Whole => {
            state.catalog = catalog_file.read_all()?;
            None
        }
        CatalogLoad::Light => Some(Arc::new(catalog_file.reports()?)),
        CatalogLoad::OnDemand => None,
    };
    tracing::debug!(elapsed = ?t.elapsed(), ?load, "catalog cache read");
    // After the catalog, which the TUI shows first: started before, the check took CPU time
    // from decoding it on a busy 2-core machine (catalog at 76–121 ms against 47–67 ms).
    let stamps = corpus.and_then(|_| DirStamps::load(&dir, stamp));
    let check = corpus.and_then(|c| scan::Check::start(c, &state.files, stamps.as_ref()));
    let pairs = Arc::new(Pairs::from_keys(&state.pairs));
    tokenizer::register(&index, &pairs);
    let t = Instant::now();
    let reader = open_reader(&index).map_err(|e| format!("index damaged: {e}"))?;
    check_segments(&reader.searcher(), &fields).map_err(|e| format!("index damaged: {e}"))?;
    tracing::debug!(elapsed = ?t.elapsed(), "index reader opened");
    let docs = reader.searcher().num_docs();
    let expected: u64 = briefs.iter().map(|b| u64::from(b.paragraphs)).sum();
    if docs != expected {
        return Err(format!(
            "index damaged: {docs} paragraphs indexed, {expected} expected"
        ));
    }
    Ok(Published {
        gen_name,
        index,
        reader,
        fields,
        stamp,
        state,
        reports,
        briefs,
        catalog_file,
        pairs,
        stamps,
        check,
    })
}

/// Opens every part of every segment that a search reads, so that a missing or truncated
/// file is found now, when the index can still be rebuilt, rather than by a query. (tantivy
/// opens a field's term dictionary and positions on first use, and takes a missing
/// positions file for an empty one.)
fn check_segments(searcher: &tantivy::Searcher, f: &Fields) -> tantivy::Result<()> {
    for seg in searcher.segment_readers() {
        for field in [f.file, f.fnum, f.exact, f.words, f.year] {
            seg.inverted_index(field)?;
        }
        for name in ["fnum", "sec", "year"] {
            seg.fast_fields().u64(name)?;
        }
        for field in [f.exact, f.words] {
            seg.get_fieldnorms_reader(field)?;
        }
        seg.get_store_reader(0)?;
    }
    Ok(())
}

/// The threads a search runs its segments on, one per core (at most four); made on the
/// first search.
fn search_executor() -> Option<tantivy::Executor> {
    static POOL: OnceLock<Option<Arc<rayon::ThreadPool>>> = OnceLock::new();
    POOL.get_or_init(|| {
        let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
        if threads < 2 {
            return None;
        }
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads.min(4))
            .thread_name(|i| format!("gwr-search-{i}"))
            .build()
            .map(Arc::new)
            .inspect_err(|e| tracing::debug!(%e, "searching on one thread"))
            .ok()
    })
    .clone()
    .map(tantivy::Executor::ThreadPool)
}

/// A reader whose searches run the index's segments side by side.
fn open_reader(index: &Index) -> tantivy::Result<IndexReader> {
    let mut index = index.clone();
    if let Some(executor) = search_executor() {
        index.set_executor(executor);
    }
    index
        .reader_builder()
        .reload_policy(ReloadPolicy::Manual)
        .try_into()
}

fn overrides_hash(corpus: &Corpus) -> u64 {
    corpus
        .root()
        .and_then(|r| fs::read(r.join(corpus::overrides::FILE_NAME)).ok())
        .map_or(0, |b| store::content_hash(&b))
}

/// What changed since the published state.
#[derive(Default)]
struct Diff {
    added: Vec<SourceFile>,
    changed: Vec<SourceFile>,
    removed: Vec<String>,
    /// Files whose size or mtime moved but whose content did not.
    touched: Vec<SourceFile>,
}

impl Diff {
    fn is_empty(&self) -> bool {
        self.added.is_empty() && self.changed.is_empty() && self.removed.is_empty()
    }
}

fn diff(corpus: &Corpus, state: &State, files: &[SourceFile]) -> Diff {
    let old: HashMap<&str, &store::FileEntry> =
        state.files.iter().map(|f| (f.rel.as_str(), f)).collect();
    let mut d = Diff::default();
    let demo = matches!(corpus, Corpus::Demo);
    for f in files {
        match old.get(f.rel.as_str()) {
            None => d.added.push(f.clone()),
            Some(e) if !demo && e.size == f.size && e.mtime_ns == f.mtime_ns => {}
            Some(e) => {
                let same = corpus
                    .read(&f.rel)
                    .is_ok_and(|b| store::content_hash(&b) == e.hash && b.len() as u64 == e.size);
                if !same {
                    d.changed.push(f.clone());
                } else if e.mtime_ns != f.mtime_ns || e.size != f.size {
                    d.touched.push(f.clone());
                }
            }
        }
    }
    let now: HashSet<&str> = files.iter().map(|f| f.rel.as_str()).collect();
    d.removed = state
        .files
        .iter()
        .filter(|f| !now.contains(f.rel.as_str()))
        .map(|f| f.rel.clone())
        .collect();
    d
}

/// The catalog as `finish` gets it: decoded, or left on disk with the briefs read; with
/// its light list when that is made already.
enum Cat {
    Decoded(Arc<Catalog>, Option<Arc<Reports>>),
    OnDisk(CatalogFile, Vec<Brief>, Option<Arc<Reports>>),
}

/// The catalog of an index just built or updated, as the engine keeps it: decoded, or
/// (`load` lazy) left in the state file just written at `path`, with its light list.
fn kept(catalog: Arc<Catalog>, reports: Arc<Reports>, load: CatalogLoad, path: &Path) -> Cat {
    if load.lazy() {
        match store::open_state(path) {
            Ok((_, briefs, file)) => return Cat::OnDisk(file, briefs, Some(reports)),
            Err(e) => tracing::warn!(%e, "catalog kept decoded"),
        }
    }
    Cat::Decoded(catalog, Some(reports))
}

impl Engine {
    /// Opens (building or updating as needed) the catalog and index of `corpus` under `data_dir`.
    ///
    /// # Errors
    /// When the corpus cannot be read, or the index can be neither used nor built.
    pub fn open(
        corpus: &Corpus,
        data_dir: &Path,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<Engine, SearchError> {
        Engine::open_with(corpus, data_dir, OpenOptions::default(), progress)
    }

    /// [`Engine::open`] with options (`gwr index --rebuild`, `gwr search`, the user
    /// dictionary).
    ///
    /// # Errors
    /// As [`Engine::open`], and [`SearchError::Dictionary`] when the user dictionary
    /// cannot be read.
    #[allow(clippy::needless_pass_by_value)] // options are made for the one call
    pub fn open_with(
        corpus: &Corpus,
        data_dir: &Path,
        opts: OpenOptions,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<Engine, SearchError> {
        let start = Instant::now();
        let seg = Arc::new(Segmenter::from_config(opts.dictionary.as_deref())?);
        let paths = Paths::new(data_dir, &corpus.key());
        let lock = match prepare_dir(&paths) {
            Ok(l) => l,
            Err(e) => {
                let why = format!("cannot write to {}: {e}", paths.root.display());
                return Engine::open_read_only(corpus, &paths, &why, &seg, start, progress);
            }
        };
        let mut sent_catalog = false;
        if fs4::FileExt::try_lock(&lock).is_err() {
            if opts.catalog != CatalogLoad::OnDemand {
                if let Ok(p) = load_published(&paths, opts.catalog, None) {
                    let reports = p
                        .reports
                        .unwrap_or_else(|| Arc::new(Reports::of(&p.state.catalog)));
                    progress(Progress::Catalog(reports));
                    sent_catalog = true;
                }
            }
            progress(Progress::Waiting);
            fs4::FileExt::lock(&lock)?;
        }
        let result =
            Engine::open_locked(corpus, &paths, &opts, &seg, start, sent_catalog, progress);
        let _ = fs4::FileExt::unlock(&lock);
        match result {
            Err(e @ SearchError::Unwritable { .. }) => {
                Engine::open_read_only(corpus, &paths, &e.to_string(), &seg, start, progress)
            }
            r => r,
        }
    }

    /// The engine over the published generation `p` as it is (no files to index), its
    /// catalog decoded or read lazily from its file.
    fn finish_published(
        corpus: &Corpus,
        p: Published,
        catalog: Option<Arc<Catalog>>,
        seg: &Arc<Segmenter>,
        stats: IndexStats,
        start: Instant,
        progress: &mut dyn FnMut(Progress),
    ) -> Engine {
        let cat = match catalog {
            Some(c) => Cat::Decoded(c, p.reports),
            None => Cat::OnDisk(p.catalog_file, p.briefs, p.reports),
        };
        Engine::finish(
            corpus,
            &p.state,
            cat,
            (p.reader, p.fields, p.pairs, seg.clone()),
            stats,
            start,
            progress,
        )
    }

    #[allow(clippy::too_many_arguments)]
    fn open_locked(
        corpus: &Corpus,
        paths: &Paths,
        opts: &OpenOptions,
        seg: &Arc<Segmenter>,
        start: Instant,
        sent_catalog: bool,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<Engine, SearchError> {
        let ov = overrides_hash(corpus);
        let published = if opts.rebuild {
            Err(Rebuild::Other("rebuild asked for".to_string()))
        } else {
            load_published(paths, opts.catalog, Some(corpus))
                .map_err(Rebuild::Other)
                .and_then(|p| {
                    if p.state.overrides != ov {
                        Err(Rebuild::Other("the override file changed".to_string()))
                    } else if p.state.dictionary != seg.hash() {
                        Err(Rebuild::Dictionary)
                    } else {
                        Ok(p)
                    }
                })
        };
        let mut p = match published {
            Ok(p) => p,
            Err(reason) => {
                let listing = list(corpus, start, None)?;
                return Engine::rebuild(
                    corpus,
                    paths,
                    &listing,
                    &reason,
                    seg,
                    opts.catalog,
                    start,
                    progress,
                );
            }
        };
        let dir = paths.generation(&p.gen_name);
        // Browsing can start now; then look for changed files.
        // The catalog moves out of the state (a clone of 5000 reports' outlines costs
        // tens of milliseconds); the paths that write the state put a copy back.
        let catalog = match opts.catalog {
            CatalogLoad::OnDemand => None,
            CatalogLoad::Whole => {
                let catalog = Arc::new(std::mem::take(&mut p.state.catalog));
                if !sent_catalog {
                    let reports = Arc::new(Reports::of(&catalog));
                    progress(Progress::Catalog(reports.clone()));
                    p.reports = Some(reports);
                }
                Some(catalog)
            }
            CatalogLoad::Light => {
                if let (false, Some(reports)) = (sent_catalog, &p.reports) {
                    progress(Progress::Catalog(reports.clone()));
                }
                None
            }
        };
        if opts.catalog != CatalogLoad::OnDemand {
            // Queries rank with jieba's words once its dictionary is loaded (about 80
            // ms): load it now, after the catalog, so that it does not slow the way to
            // browsing.
            seg.preload();
        }
        if p.check.take().is_some_and(scan::Check::finish) {
            // Every folder and file as the index recorded them: what the quick listing and
            // the diff below would find, without them.
            tracing::debug!(elapsed = ?start.elapsed(), "corpus unchanged");
            let stats = IndexStats {
                quick_listing: true,
                location: Some(dir),
                ..IndexStats::default()
            };
            return Ok(Engine::finish_published(
                corpus, p, catalog, seg, stats, start, progress,
            ));
        }
        let stamps = p.stamps.take();
        let listing = list(corpus, start, Some((&p.state.files, stamps.as_ref())))?;
        let files = &listing.files[..];
        let d = diff(corpus, &p.state, files);
        if d.added.len() > p.state.files.len() {
            // The index's character pairs were chosen from a corpus now mostly new (or
            // empty): choose them again from the whole of it.
            let reason = Rebuild::Other(format!(
                "{} files added to {}: rebuilding for the new text",
                d.added.len(),
                p.state.files.len()
            ));
            return Engine::rebuild(
                corpus,
                paths,
                &listing,
                &reason,
                seg,
                opts.catalog,
                start,
                progress,
            );
        }
        // The whole catalog, for the paths that write the state.
        let whole = |p: &Published, catalog: &Option<Arc<Catalog>>| match catalog {
            Some(c) => Ok((**c).clone()),
            None => p.catalog_file.read_all().map_err(SearchError::Damaged),
        };
        let mut stats = IndexStats {
            quick_listing: listing.quick,
            ..IndexStats::default()
        };
        if d.is_empty() {
            let mut catalog = catalog;
            // The walk's faults are known after a full listing only (a quick check holds
            // when no folder changed), and compared where the catalog is decoded.
            let new_faults = !listing.quick
                && catalog
                    .as_ref()
                    .is_some_and(|c| indexer::faults_changed(c, &p.state.files, &listing.faults));
            if new_faults && let Some(old) = &catalog {
                // Only the walk's faults changed (a link fixed or broken): a new catalog.
                let mut c = (**old).clone();
                indexer::set_faults(&mut c, &p.state.files, &listing.faults);
                let c = Arc::new(c);
                let reports = Arc::new(Reports::of(&c));
                progress(Progress::Catalog(reports.clone()));
                p.reports = Some(reports);
                catalog = Some(c);
            }
            if !d.touched.is_empty() || new_faults {
                // Same content, new mtimes or faults: refresh the fingerprints and catalog.
                let new: HashMap<&str, &SourceFile> =
                    d.touched.iter().map(|f| (f.rel.as_str(), f)).collect();
                for e in &mut p.state.files {
                    if let Some(f) = new.get(e.rel.as_str()) {
                        e.size = f.size;
                        e.mtime_ns = f.mtime_ns;
                    }
                }
                p.state.catalog = whole(&p, &catalog)?;
                store::write_state(&store::state_path(&dir, p.stamp), &p.state)
                    .map_err(|e| SearchError::unwritable(&dir, e))?;
                p.state.catalog = Catalog::default();
            }
            if !listing.quick {
                save_stamps(&dir, p.stamp, corpus, &listing);
            }
            stats.location = Some(dir);
            return Ok(Engine::finish_published(
                corpus, p, catalog, seg, stats, start, progress,
            ));
        }
        // Incremental update of the published generation.
        let overrides = Overrides::load(corpus)?;
        let todo: Vec<SourceFile> = d.added.iter().chain(&d.changed).cloned().collect();
        let parsed = indexer::parse_files(corpus, &todo, &overrides, progress);
        let dropped: HashSet<String> = d
            .removed
            .iter()
            .chain(d.changed.iter().map(|f| &f.rel))
            .cloned()
            .collect();
        p.state.catalog = whole(&p, &catalog)?;
        let (mut state, mut to_index) = indexer::next_state(
            Some(&p.state),
            &dropped,
            parsed,
            store::version(),
            ov,
            seg.hash(),
        );
        if !listing.quick {
            indexer::set_faults(&mut state.catalog, &state.files, &listing.faults);
        }
        for e in &mut state.files {
            if let Some(f) = d.touched.iter().find(|f| f.rel == e.rel) {
                e.size = f.size;
                e.mtime_ns = f.mtime_ns;
            }
        }
        let catalog = Arc::new(state.catalog.clone());
        let reports = Arc::new(Reports::of(&catalog));
        progress(Progress::Catalog(reports.clone()));
        let stamp = p.stamp + 1;
        let state_path = store::state_path(&dir, stamp);
        store::write_state(&state_path, &state).map_err(|e| SearchError::unwritable(&dir, e))?;
        let delete: Vec<String> = dropped.into_iter().collect();
        indexer::write(
            &p.index,
            &p.fields,
            &delete,
            &mut to_index,
            stamp,
            seg,
            progress,
        )?;
        store::remove_other_states(&dir, stamp);
        save_stamps(&dir, stamp, corpus, &listing);
        p.reader.reload()?;
        stats.parsed = todo.len();
        stats.added = d.added.len();
        stats.changed = d.changed.len();
        stats.removed = d.removed.len();
        stats.location = Some(dir);
        Ok(Engine::finish(
            corpus,
            &state,
            kept(catalog, reports, opts.catalog, &state_path),
            (p.reader, p.fields, p.pairs, seg.clone()),
            stats,
            start,
            progress,
        ))
    }

    /// Builds a new generation from scratch and publishes it.
    #[allow(clippy::too_many_arguments)]
    fn rebuild(
        corpus: &Corpus,
        paths: &Paths,
        listing: &Listing,
        reason: &Rebuild,
        seg: &Arc<Segmenter>,
        load: CatalogLoad,
        start: Instant,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<Engine, SearchError> {
        // Segmenting needs jieba's dictionary: load it while the files are parsed.
        seg.preload();
        let keep = paths.published().unwrap_or_default();
        if !keep.is_empty() {
            tracing::info!(%reason, "rebuilding the index");
            progress(Progress::Rebuilding(reason.clone()));
        }
        // Half-built generations of a killed process: nobody reads them.
        for (_, name) in paths.generations() {
            if name != keep {
                let _ = fs::remove_dir_all(paths.generation(&name));
            }
        }
        let gen_name = paths.next_generation();
        let dir = paths.generation(&gen_name);
        fs::create_dir_all(&dir).map_err(|e| SearchError::unwritable(&dir, e))?;
        let (builder, fields) = Fields::index_builder();
        let directory =
            NoSyncDirectory::open(&dir).map_err(|e| SearchError::unwritable(&dir, e))?;
        let index = builder
            .open_or_create(directory)
            .map_err(|e| SearchError::unwritable(&dir, e))?;
        let files = &listing.files;
        let overrides = Overrides::load(corpus)?;
        let state = State {
            version: store::version().to_string(),
            overrides: overrides_hash(corpus),
            dictionary: seg.hash(),
            pairs: indexer::sample_pairs(corpus, files, &overrides),
            ..State::default()
        };
        let pairs = Arc::new(Pairs::from_keys(&state.pairs));
        tokenizer::register(&index, &pairs);
        let stamp = 1;
        // The state goes to disk before the commit that names it.
        let mut write_state = |state: &State| {
            let bytes = store::write_state(&store::state_path(&dir, stamp), state)
                .map_err(|e| SearchError::unwritable(&dir, e))?;
            tracing::debug!(elapsed = ?start.elapsed(), bytes, "catalog cache written");
            Ok(())
        };
        let mut state = indexer::build(
            &index,
            &fields,
            corpus,
            files,
            &listing.faults,
            &overrides,
            state,
            stamp,
            seg,
            indexer::BATCH_BYTES,
            &mut write_state,
            progress,
        )?;
        let catalog = Arc::new(std::mem::take(&mut state.catalog));
        let reports = Arc::new(Reports::of(&catalog));
        progress(Progress::Catalog(reports.clone()));
        save_stamps(&dir, stamp, corpus, listing);
        paths
            .publish(&gen_name)
            .map_err(|e| SearchError::unwritable(&dir, e))?;
        paths.remove_others(&gen_name);
        // Searches read the index mapped (the build's directory reads with pread).
        drop(index);
        let index = Index::open_in_dir(&dir)?;
        tokenizer::register(&index, &pairs);
        let reader = open_reader(&index)?;
        let cat = kept(catalog, reports, load, &store::state_path(&dir, stamp));
        let stats = IndexStats {
            parsed: files.len(),
            added: files.len(),
            rebuilt: Some(reason.to_string()),
            location: Some(dir),
            ..IndexStats::default()
        };
        Ok(Engine::finish(
            corpus,
            &state,
            cat,
            (reader, fields, pairs, seg.clone()),
            stats,
            start,
            progress,
        ))
    }

    fn parse_all(
        corpus: &Corpus,
        listing: &Listing,
        seg: &Segmenter,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<(State, Vec<ToIndex>), SearchError> {
        let files = &listing.files;
        let overrides = Overrides::load(corpus)?;
        let t = Instant::now();
        let parsed = indexer::parse_files(corpus, files, &overrides, progress);
        tracing::debug!(elapsed = ?t.elapsed(), files = files.len(), "files parsed");
        let (mut state, to_index) = indexer::next_state(
            None,
            &HashSet::new(),
            parsed,
            store::version(),
            overrides_hash(corpus),
            seg.hash(),
        );
        indexer::set_faults(&mut state.catalog, &state.files, &listing.faults);
        Ok((state, to_index))
    }

    /// The data dir cannot be written: use the published index if it is up to date,
    /// else build one in memory for this session.
    fn open_read_only(
        corpus: &Corpus,
        paths: &Paths,
        why: &str,
        seg: &Arc<Segmenter>,
        start: Instant,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<Engine, SearchError> {
        let listing = list(corpus, start, None)?;
        let files = &listing.files[..];
        if let Ok(mut p) = load_published(paths, CatalogLoad::Whole, None) {
            if p.state.overrides == overrides_hash(corpus)
                && p.state.dictionary == seg.hash()
                && diff(corpus, &p.state, files).is_empty()
            {
                let mut catalog = std::mem::take(&mut p.state.catalog);
                indexer::set_faults(&mut catalog, &p.state.files, &listing.faults);
                let catalog = Arc::new(catalog);
                let reports = Arc::new(Reports::of(&catalog));
                progress(Progress::Catalog(reports.clone()));
                seg.preload();
                let stats = IndexStats {
                    location: Some(paths.generation(&p.gen_name)),
                    ..IndexStats::default()
                };
                let mut e = Engine::finish(
                    corpus,
                    &p.state,
                    Cat::Decoded(catalog, Some(reports)),
                    (p.reader, p.fields, p.pairs, seg.clone()),
                    stats,
                    start,
                    progress,
                );
                e.warnings
                    .push(format!("{why}; using the index already there (read-only)"));
                return Ok(e);
            }
        }
        seg.preload();
        let (builder, fields) = Fields::index_builder();
        let index = builder.create_in_ram()?;
        let (state, mut to_index) = Engine::parse_all(corpus, &listing, seg, progress)?;
        let pairs = Arc::new(Pairs::from_keys(&state.pairs));
        tokenizer::register(&index, &pairs);
        let catalog = Arc::new(state.catalog.clone());
        let reports = Arc::new(Reports::of(&catalog));
        progress(Progress::Catalog(reports.clone()));
        indexer::write(&index, &fields, &[], &mut to_index, 1, seg, progress)?;
        let reader = open_reader(&index)?;
        let stats = IndexStats {
            parsed: files.len(),
            added: files.len(),
            rebuilt: Some("in memory".into()),
            ..IndexStats::default()
        };
        let mut e = Engine::finish(
            corpus,
            &state,
            Cat::Decoded(catalog, Some(reports)),
            (reader, fields, pairs, seg.clone()),
            stats,
            start,
            progress,
        );
        e.warnings.push(format!(
            "{why}; searching an index built in memory for this session"
        ));
        Ok(e)
    }

    /// The engine over an index that is ready: `searching` is its reader, fields, pairs
    /// and segmenter.
    fn finish(
        corpus: &Corpus,
        state: &State,
        cat: Cat,
        searching: (IndexReader, Fields, Arc<Pairs>, Arc<Segmenter>),
        mut stats: IndexStats,
        start: Instant,
        progress: &mut dyn FnMut(Progress),
    ) -> Engine {
        let (reader, fields, pairs, segmenter) = searching;
        let (catalog, catalog_file, briefs, light) = match cat {
            Cat::Decoded(c, light) => {
                let briefs = store::briefs(&state.files, &c);
                (OnceLock::from(c), None, briefs, light)
            }
            Cat::OnDisk(file, briefs, light) => (OnceLock::new(), Some(file), briefs, light),
        };
        let reports = OnceLock::new();
        if let Some(light) = light {
            let _ = reports.set(light);
        }
        let mut by_fnum = vec![u32::MAX; state.next_fnum as usize];
        let parser = store::content_hash(state.version.as_bytes());
        // Content hashes by file number (a table, not a map: 50,000 inserts into a map
        // were a measurable part of opening).
        let mut hash_of: Vec<Option<u64>> = vec![None; state.next_fnum as usize];
        for f in &state.files {
            if let Some(slot) = hash_of.get_mut(f.fnum as usize) {
                *slot = Some(f.hash);
            }
        }
        let mut content_keys = vec![0; briefs.len()];
        for (i, b) in briefs.iter().enumerate() {
            content_keys[i] = hash_of
                .get(b.fnum as usize)
                .copied()
                .flatten()
                .map_or(0, |h| h ^ parser.rotate_left(17));
            if let Some(slot) = by_fnum.get_mut(b.fnum as usize) {
                *slot = i as u32;
            }
        }
        stats.reports = briefs.len();
        stats.rejected = catalog.get().map_or(0, |c: &Arc<Catalog>| c.rejected.len());
        stats.paragraphs = reader.searcher().num_docs();
        stats.index_bytes = stats.location.as_deref().map_or(0, store::dir_bytes);
        stats.elapsed = start.elapsed();
        progress(Progress::Ready);
        Engine {
            corpus: corpus.clone(),
            pairs,
            catalog,
            reports,
            catalog_file,
            briefs,
            reader,
            fields,
            by_fnum,
            section_titles: OnceLock::new(),
            content_keys,
            recent: std::sync::Mutex::default(),
            segmenter,
            stats,
            warnings: Vec::new(),
        }
    }

    /// The whole catalog (read from disk on the first call when the engine was opened with
    /// the catalog left there, and then kept: for commands that need every entry, never
    /// the TUI, which reads [`Engine::reports`] and [`Engine::entry`]; empty, with the
    /// index marked for a rebuild, if that read finds the cache damaged).
    #[must_use]
    pub fn catalog(&self) -> &Arc<Catalog> {
        or_empty(self.try_catalog(), &self.catalog)
    }

    fn try_catalog(&self) -> Result<&Arc<Catalog>, SearchError> {
        if let Some(c) = self.catalog.get() {
            return Ok(c);
        }
        let c = match &self.catalog_file {
            Some(f) => f.read_all().map_err(|e| self.damaged(&e))?,
            None => Catalog::default(),
        };
        Ok(self.catalog.get_or_init(|| Arc::new(c)))
    }

    /// Whether the whole catalog is decoded and kept (what [`CatalogLoad::Light`] is to
    /// avoid: the TUI's tests and the bench check that it stays on disk).
    #[must_use]
    pub fn catalog_decoded(&self) -> bool {
        self.catalog.get().is_some()
    }

    /// The light list of every report (its metadata and length; made on the first call,
    /// from the decoded catalog or entry by entry from disk, when the engine was not opened
    /// with it; empty, with the index marked for a rebuild, if that read finds the cache
    /// damaged). What browsing, filters and trends need, without the whole catalog.
    #[must_use]
    pub fn reports(&self) -> &Arc<Reports> {
        or_empty(self.try_reports(), &self.reports)
    }

    fn try_reports(&self) -> Result<&Arc<Reports>, SearchError> {
        if let Some(r) = self.reports.get() {
            return Ok(r);
        }
        let r = match (self.catalog.get(), &self.catalog_file) {
            (Some(c), _) => Reports::of(c),
            (None, Some(f)) => f.reports().map_err(|e| self.damaged(&e))?,
            (None, None) => Reports::default(),
        };
        Ok(self.reports.get_or_init(|| Arc::new(r)))
    }

    /// The normalised section titles of every report, for `section:` filters (made on the
    /// first call, from the decoded catalog or entry by entry from disk).
    fn section_titles(&self) -> Result<&SectionTitles, SearchError> {
        if let Some(t) = self.section_titles.get() {
            return Ok(t);
        }
        let mut titles = SectionTitles::default();
        match (self.catalog.get(), &self.catalog_file) {
            (Some(c), _) => c.reports.iter().for_each(|e| titles.push(e)),
            (None, Some(f)) => f
                .each(&mut |e| titles.push(&e))
                .map_err(|e| self.damaged(&e))?,
            (None, None) => {}
        }
        titles.shrink();
        Ok(self.section_titles.get_or_init(|| titles))
    }

    /// The catalog entry at a position (of [`Engine::reports`]): from the decoded
    /// catalog, or read alone from disk.
    ///
    /// # Errors
    /// [`SearchError::Damaged`] when there is no such entry or it cannot be read.
    pub fn entry(&self, pos: usize) -> Result<Cow<'_, CatalogEntry>, SearchError> {
        if let Some(c) = self.catalog.get() {
            return c
                .reports
                .get(pos)
                .map(Cow::Borrowed)
                .ok_or_else(|| SearchError::Damaged(format!("no catalog entry {pos}")));
        }
        match &self.catalog_file {
            Some(f) => f.entry(pos).map(Cow::Owned).map_err(|e| self.damaged(&e)),
            None => Err(SearchError::Damaged(format!("no catalog entry {pos}"))),
        }
    }

    /// The entry at a position for a search's hit: from the decoded catalog, or from the
    /// entries read lately ([`RECENT`] of them: a search's hits come a few to a report,
    /// and the next keystroke's mostly from the same reports), else read from disk.
    fn recent_entry(&self, pos: u32) -> Result<EntryRef<'_>, SearchError> {
        if let Some(c) = self.catalog.get() {
            return c
                .reports
                .get(pos as usize)
                .map(EntryRef::Decoded)
                .ok_or_else(|| SearchError::Damaged(format!("no catalog entry {pos}")));
        }
        let lock = || {
            self.recent
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
        };
        {
            let mut recent = lock();
            if let Some(k) = recent.iter().position(|(p, _)| *p == pos) {
                let e = recent.remove(k);
                let entry = e.1.clone();
                recent.push(e);
                return Ok(EntryRef::Shared(entry));
            }
        }
        let entry = Arc::new(self.entry(pos as usize)?.into_owned());
        let mut recent = lock();
        if recent.len() >= RECENT {
            recent.remove(0);
        }
        recent.push((pos, entry.clone()));
        Ok(EntryRef::Shared(entry))
    }

    /// Marks the index damaged, so that the next open rebuilds it, and says so: for
    /// damage a search found (in a file the checks at open could not see into).
    fn damaged(&self, e: &dyn std::fmt::Display) -> SearchError {
        let msg = e.to_string();
        tracing::error!(error = %msg, "index damaged");
        if let Some(dir) = &self.stats.location {
            let _ = fs::write(store::damaged_marker(dir), &msg);
        }
        SearchError::Damaged(msg)
    }

    #[must_use]
    pub fn corpus(&self) -> &Corpus {
        &self.corpus
    }

    /// What opening did: counts, what changed, index size, time.
    #[must_use]
    pub fn stats(&self) -> &IndexStats {
        &self.stats
    }

    /// Problems the user should know about (a read-only data dir, …).
    #[must_use]
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    /// The query's `region:`, `level:` and `section:` filters resolved through the
    /// catalog: the file numbers of the reports they select, and the sections (of those
    /// reports) whose titles, or their ancestors' titles, contain every `section:` value.
    fn scope(&self, q: &Query) -> Result<Scope, SearchError> {
        let by_region = !q.regions.is_empty();
        let by_level = !q.levels.is_empty();
        let by_report = !q.reports.is_empty();
        let mut scope = Scope::default();
        if !by_region && !by_level && !by_report && q.sections.is_empty() {
            return Ok(scope);
        }
        let reports = self.try_reports()?;
        let files: Vec<(u32, usize)> = self
            .by_fnum
            .iter()
            .enumerate()
            .filter(|&(_, &i)| i != u32::MAX)
            .map(|(n, &i)| (n as u32, i as usize))
            .filter(|&(_, i)| {
                let region = reports[i].meta.region.as_ref();
                (!by_level || region.is_some_and(|r| q.levels.contains(&r.level)))
                    && (!by_region || region.is_some_and(|r| region_selected(r, &q.regions)))
                    && (!by_report || q.reports.contains(&reports[i].meta.id))
            })
            .collect();
        if q.sections.is_empty() {
            scope.files = Some(files.iter().map(|&(n, _)| u64::from(n)).collect());
        } else {
            let titles = self.section_titles()?;
            let mut keys = FxHashSet::default();
            for &(fnum, i) in &files {
                keys.extend(
                    titles
                        .matching(i, &q.sections)
                        .map(|k| section_key(fnum, k as u64)),
                );
            }
            // The sections are of the files in scope already.
            scope.sections = Some(Arc::new(keys));
        }
        Ok(scope)
    }

    /// Filter values that name nothing in the corpus, said so instead of zero results:
    /// a `year:` range without reports always; `region:` and `section:` values when the
    /// filters select nothing (so the common case costs nothing), or when there are
    /// several `region:` values (any of which may match, so one naming nothing would
    /// pass unnoticed), and then the first value that matches nothing on its own. Values
    /// that each match something but not together are an honest zero.
    fn check_filters(&self, q: &Query, scope: &Scope) -> Result<(), SearchError> {
        let selects_nothing = scope.files.as_ref().is_some_and(Vec::is_empty)
            || scope.sections.as_ref().is_some_and(|s| s.is_empty());
        if q.years.is_none() && !selects_nothing && q.regions.len() < 2 {
            return Ok(());
        }
        let reports = self.try_reports()?;
        if let Some((a, b)) = q.years {
            let years = || reports.iter().filter_map(|r| r.meta.year);
            if !years().any(|y| (a..=b).contains(&y)) {
                if let (Some(first), Some(last)) = (years().min(), years().max()) {
                    let value = if a == b {
                        a.to_string()
                    } else {
                        format!("{a}..{b}")
                    };
                    return Err(FilterError::NoYear { value, first, last }.into());
                }
            }
        }
        if !selects_nothing && q.regions.len() < 2 {
            return Ok(());
        }
        for v in &q.regions {
            let known = reports.iter().any(|r| {
                r.meta
                    .region
                    .as_ref()
                    .is_some_and(|g| region_selected(g, std::slice::from_ref(v)))
            });
            if !known {
                return Err(FilterError::UnknownRegion(v.clone()).into());
            }
        }
        if !selects_nothing {
            return Ok(());
        }
        for id in &q.reports {
            if reports.get(id).is_none() {
                return Err(FilterError::UnknownReport(id.clone()).into());
            }
        }
        if let Some(titles) = self.section_titles.get() {
            for w in &q.sections {
                if !titles.any_contains(w) {
                    return Err(FilterError::UnknownSection(w.clone()).into());
                }
            }
        }
        Ok(())
    }

    /// Runs a query: the top hits with snippets, and counts over every match.
    ///
    /// # Errors
    /// A [`SearchError::Query`] for a malformed query, a [`SearchError::Filter`] for a
    /// filter value that names nothing in the corpus.
    pub fn search(&self, query: &str, limit: Limit) -> Result<SearchResults, SearchError> {
        let start = Instant::now();
        let q = Query::parse(query)?;
        let searcher = self.reader.searcher();
        // Words in more than a tenth of the paragraphs add little to BM25 and cost a
        // full scan: rank without them.
        let common = searcher.num_docs() / 10;
        let rank_words: Vec<tantivy::Term> = rank_words(&self.segmenter, &q)
            .into_iter()
            .filter_map(|w| {
                // Long words are in the jieba field; a word of two characters is a bigram
                // of the exact field when it is one of the index's pairs. One character
                // ranks nothing the exact clause does not already.
                if is_indexed_word(&w) {
                    Some(tantivy::Term::from_field_text(self.fields.words, &w))
                } else {
                    let mut c = w.chars();
                    match (c.next(), c.next(), c.next()) {
                        (Some(a), Some(b), None) if self.pairs.contains(a, b) => {
                            Some(tantivy::Term::from_field_text(self.fields.exact, &w))
                        }
                        _ => None,
                    }
                }
            })
            .filter(|t| searcher.doc_freq(t).is_ok_and(|n| n <= common))
            .collect();
        let scope = self.scope(&q)?;
        self.check_filters(&q, &scope)?;
        let tq = q.to_tantivy(&self.fields, &self.pairs, &rank_words, &scope);
        let per_file = PerFile {
            files: self.by_fnum.len(),
        };
        let want = match limit {
            Limit::Top(n) => n,
            Limit::All => usize::MAX,
        };
        // A lone term is ranked by block-WAND, which a counting pass beside it would
        // defeat: count apart. Anything else scores every match anyway: one pass.
        let (counts, mut top) = if want == 0 {
            (
                searcher
                    .search(&*tq, &per_file)
                    .map_err(|e| self.damaged(&e))?,
                Vec::new(),
            )
        } else if want == usize::MAX || (q.is_single_term(&self.pairs) && rank_words.is_empty()) {
            let counts = searcher
                .search(&*tq, &per_file)
                .map_err(|e| self.damaged(&e))?;
            let n = (counts.iter().sum::<u32>() as usize).min(want);
            let top = if n == 0 {
                Vec::new()
            } else {
                searcher
                    .search(&*tq, &TopDocs::with_limit(n).order_by_score())
                    .map_err(|e| self.damaged(&e))?
            };
            (counts, top)
        } else {
            let collector = (TopDocs::with_limit(want).order_by_score(), per_file);
            let (top, counts) = searcher
                .search(&*tq, &collector)
                .map_err(|e| self.damaged(&e))?;
            (counts, top)
        };
        let mut res = SearchResults::default();
        let mut per_year: BTreeMap<u16, usize> = BTreeMap::new();
        let mut per_region: HashMap<&str, usize> = HashMap::new();
        for (fnum, &c) in counts.iter().enumerate() {
            if c == 0 {
                continue;
            }
            let Some(brief) = self
                .by_fnum
                .get(fnum)
                .and_then(|&i| self.briefs.get(i as usize))
            else {
                continue;
            };
            let c = c as usize;
            res.total_paragraphs += c;
            res.total_reports += 1;
            if let Some(y) = brief.year {
                *per_year.entry(y).or_default() += c;
            }
            if let Some(r) = &brief.region {
                *per_region.entry(&**r).or_default() += c;
            }
        }
        res.per_year = per_year.into_iter().collect();
        let mut regions: Vec<(String, usize)> = per_region
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect();
        regions.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        res.per_region = regions;
        res.hits.reserve(top.len());
        for (score, addr) in top.drain(..) {
            let doc: TantivyDocument = searcher.doc(addr).map_err(|e| self.damaged(&e))?;
            if let Some(hit) = self.hit(&q, &doc, score)? {
                res.hits.push(hit);
            }
        }
        res.elapsed = start.elapsed();
        Ok(res)
    }

    fn hit(
        &self,
        q: &Query,
        doc: &TantivyDocument,
        score: f32,
    ) -> Result<Option<Hit>, SearchError> {
        let f = &self.fields;
        let u = |field| doc.get_first(field).and_then(|v| v.as_u64());
        let Some(&pos) = u(f.fnum).and_then(|n| self.by_fnum.get(n as usize)) else {
            return Ok(None);
        };
        if pos == u32::MAX {
            return Ok(None);
        }
        let entry = self.recent_entry(pos)?;
        let (Some(sec), Some(para)) = (u(f.sec), u(f.para)) else {
            return Ok(None);
        };
        let text = doc
            .get_first(f.exact)
            .and_then(|v| v.as_str())
            .unwrap_or("");
        let sec = entry.sections.get(sec as usize);
        let paragraph_highlights = q.highlight(text);
        let (snippet, highlights) = super::snippet::snippet(text, &paragraph_highlights);
        Ok(Some(Hit {
            report: entry.meta.id.clone(),
            region: entry
                .meta
                .region
                .as_ref()
                .map(|g| g.name.clone())
                .unwrap_or_default(),
            year: entry.meta.year,
            section: sec.map(|s| s.path.clone()).unwrap_or_default(),
            section_title: sec.map(|s| s.title.clone()).unwrap_or_default(),
            paragraph: para as usize,
            snippet,
            highlights,
            score,
            paragraph_highlights,
        }))
    }

    /// Per report (by catalog position): the paragraphs a query matches, and every
    /// occurrence of its positive strings in them (overlapping matches each count; see
    /// [`super::occurrences`]). Exact like [`Engine::search`]'s totals.
    ///
    /// # Errors
    /// A [`SearchError::Query`] for a malformed query.
    pub fn occurrences(&self, query: &str) -> Result<Vec<FileCount>, SearchError> {
        let q = Query::parse(query)?;
        let searcher = self.reader.searcher();
        let scope = self.scope(&q)?;
        let tq = q.to_tantivy(&self.fields, &self.pairs, &[], &scope);
        let mut strings: Vec<&String> = q.must.iter().flatten().collect();
        strings.sort();
        strings.dedup();
        let collector = Occurrences {
            files: self.by_fnum.len(),
            field: self.fields.exact,
            strings: strings
                .into_iter()
                .map(|s| tokenizer::exact_terms(s, &self.pairs))
                .collect(),
        };
        let per_file = searcher.search(&*tq, &collector)?;
        let mut out = vec![FileCount::default(); self.briefs.len()];
        for (fnum, c) in per_file.into_iter().enumerate() {
            if let Some(o) = self
                .by_fnum
                .get(fnum)
                .and_then(|&i| out.get_mut(i as usize))
            {
                *o = c;
            }
        }
        Ok(out)
    }

    /// jieba as the index segments with it: gwr's policy terms and the user dictionary
    /// the engine was opened with.
    #[must_use]
    pub fn segmenter(&self) -> &Segmenter {
        &self.segmenter
    }

    /// Per report (by catalog position), a fingerprint of its file's content and of the
    /// parser: what a cache of values computed from its text is keyed on.
    #[must_use]
    pub fn content_keys(&self) -> &[u64] {
        &self.content_keys
    }

    /// Loads the full text of a report (parsing its file again).
    ///
    /// # Errors
    /// When the id is unknown or the file can no longer be read.
    pub fn load_report(&self, id: &str) -> Result<Report, SearchError> {
        let entry = self
            .try_reports()?
            .get(id)
            .ok_or_else(|| SearchError::NoReport(id.to_string()))?;
        let overrides = Overrides::load(&self.corpus)?;
        let mut r = corpus::load_file(&self.corpus, &entry.meta.file, &overrides)
            .map_err(SearchError::Unreadable)?;
        r.meta.id.clone_from(&entry.meta.id);
        Ok(r)
    }
}

/// jieba words of the query's positive terms, for ranking (none until jieba is loaded).
fn rank_words(seg: &Segmenter, q: &Query) -> Vec<String> {
    let Some(j) = seg.jieba_if_ready() else {
        return Vec::new();
    };
    let mut out: Vec<String> = Vec::new();
    for t in q.must.iter().flatten() {
        for (a, b) in jieba_words(j, t) {
            let w = &t[a..b];
            if !out.iter().any(|o| o == w) {
                out.push(w.to_string());
            }
        }
    }
    out
}

/// Lists the corpus: quickly from the known files and folder times when given them.
fn list(
    corpus: &Corpus,
    start: Instant,
    known: Option<(&[store::FileEntry], Option<&DirStamps>)>,
) -> Result<Listing, SearchError> {
    let listing = match known {
        Some((files, stamps)) => scan::quick(corpus, files, stamps),
        None => scan::full(corpus),
    }?;
    tracing::debug!(
        elapsed = ?start.elapsed(),
        files = listing.files.len(),
        quick = listing.quick,
        faults = listing.faults.len(),
        "corpus listed"
    );
    Ok(listing)
}

/// What was read from the catalog cache, or (the read failed: logged, and the index is
/// marked for a rebuild) an empty value kept in `cell` for the rest of the session.
fn or_empty<'a, T: Default>(
    read: Result<&'a Arc<T>, SearchError>,
    cell: &'a OnceLock<Arc<T>>,
) -> &'a Arc<T> {
    read.unwrap_or_else(|e| {
        tracing::error!(%e, "catalog unreadable");
        cell.get_or_init(Arc::default)
    })
}

/// Records the folder times of a listing for the next quick check (a cache: a failure
/// only costs the next open a full listing).
fn save_stamps(dir: &Path, stamp: u64, corpus: &Corpus, listing: &Listing) {
    if listing.dirs.is_empty() {
        return;
    }
    let listing = scan::settle(corpus, listing);
    let stamps = DirStamps {
        stamp,
        listed_ns: listing.listed_ns,
        dirs: listing.dirs.clone(),
    };
    if let Err(e) = stamps.save(dir) {
        tracing::warn!(%e, "cannot save the folder times");
    }
}

fn prepare_dir(paths: &Paths) -> std::io::Result<File> {
    fs::create_dir_all(&paths.root)?;
    File::options()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(paths.lock())
}

/// The directory an engine for `corpus` keeps under `data_dir` (for tests and tools).
#[must_use]
pub fn corpus_dir(corpus: &Corpus, data_dir: &Path) -> PathBuf {
    Paths::new(data_dir, &corpus.key()).root
}

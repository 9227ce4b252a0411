//! Background work: opening the engine (with progress), searching, loading reports and
//! reading the targets view's tables (each on one worker thread that runs the newest
//! request, [`Newest`]). Everything answers through the message channel.
//!
//! The engine is opened with [`CatalogLoad::Light`]: the UI and the workers keep the light
//! list of the reports, and read a report's full catalog entry when they need it.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::sync::mpsc::Sender;
use std::sync::{Arc, Condvar, Mutex, PoisonError, mpsc};
use std::time::{Duration, Instant};

use super::job::Newest;
use super::msg::Msg;
use super::targets::TargetsTable;
use super::view::{Analysis, Request};
use crate::analysis::profile::Profiles;
use crate::analysis::{diff, keywords, trend};
use crate::corpus::{Corpus, Overrides, Report};
use crate::lang::Lang;
use crate::search::{CatalogLoad, Engine, Limit, OpenOptions, Progress, Reports};

/// How many hits a search asks for (the results list and `n`/`N` walk them).
pub const SEARCH_LIMIT: usize = 50;

#[derive(Default)]
struct EngineState {
    engine: Option<Arc<Engine>>,
    failed: bool,
    catalog: Option<Arc<Reports>>,
    closed: bool,
}

/// What waiting for the engine came to.
enum Opened {
    Engine(Arc<Engine>),
    Failed,
    Closed,
}

/// The workers were stopped (the TUI is closing).
struct Stopped;

/// State shared by the UI thread's host and the workers.
#[derive(Default)]
pub struct Shared {
    state: Mutex<EngineState>,
    changed: Condvar,
    /// Queries waiting for the search worker.
    searches: Newest<String>,
    /// Report ids waiting for the report worker.
    loads: Newest<String>,
    /// Analyses waiting for the analysis worker.
    analyses: Newest<Request>,
    /// Targets tables (region code, year) waiting for the targets worker.
    targets: Newest<(String, Option<u16>)>,
}

impl Shared {
    fn lock(&self) -> std::sync::MutexGuard<'_, EngineState> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Makes an engine available (tests and the benchmark use this directly).
    pub fn set_engine(&self, engine: Arc<Engine>) {
        let mut s = self.lock();
        s.catalog = Some(engine.reports().clone());
        s.engine = Some(engine);
        self.changed.notify_all();
    }

    fn fail(&self) {
        self.lock().failed = true;
        self.changed.notify_all();
    }

    /// Waits until the engine is open or has failed, or the workers are stopped.
    fn wait_engine(&self) -> Opened {
        let mut s = self.lock();
        loop {
            if s.closed {
                return Opened::Closed;
            }
            if let Some(engine) = &s.engine {
                return Opened::Engine(engine.clone());
            }
            if s.failed {
                return Opened::Failed;
            }
            s = self.changed.wait(s).unwrap_or_else(PoisonError::into_inner);
        }
    }

    /// For a worker: the engine once it is open (`None` when opening failed: the worker
    /// answers that the index is not available), or [`Stopped`] when the workers are
    /// stopped first.
    fn engine_when_open(&self) -> Result<Option<Arc<Engine>>, Stopped> {
        match self.wait_engine() {
            Opened::Engine(engine) => Ok(Some(engine)),
            Opened::Failed => Ok(None),
            Opened::Closed => Err(Stopped),
        }
    }

    /// Queues a search, replacing any queued one that has not started.
    pub fn submit_search(&self, generation: u64, query: String) {
        self.searches.submit(generation, query);
    }

    /// Queues a report load, replacing any queued one that has not started.
    pub fn submit_load(&self, generation: u64, id: String) {
        self.loads.submit(generation, id);
    }

    /// Queues a targets table, replacing any queued one that has not started.
    pub fn submit_targets(&self, generation: u64, code: String, year: Option<u16>) {
        self.targets.submit(generation, (code, year));
    }

    /// Queues an analysis, replacing any queued one that has not started.
    pub fn submit_analysis(&self, generation: u64, request: Request) {
        self.analyses.submit(generation, request);
    }

    /// Stops the workers.
    pub fn close(&self) {
        self.lock().closed = true;
        self.changed.notify_all();
        self.searches.close();
        self.loads.close();
        self.analyses.close();
        self.targets.close();
    }
}

/// Starts the thread that opens the engine (with [`CatalogLoad::Light`], whatever `opts`
/// say), forwarding its progress.
pub fn open_engine(
    shared: &Arc<Shared>,
    corpus: Corpus,
    data_dir: PathBuf,
    opts: OpenOptions,
    tx: Sender<Msg>,
) {
    let shared = shared.clone();
    let opts = OpenOptions {
        catalog: CatalogLoad::Light,
        ..opts
    };
    std::thread::spawn(move || {
        let mut last: Option<Instant> = None;
        let mut progress = |p: Progress| {
            match &p {
                Progress::Catalog(c) => {
                    shared.lock().catalog = Some(c.clone());
                }
                // Enough for a gauge: at most 20 updates a second.
                Progress::Parsing { done, total }
                | Progress::Segmenting { done, total }
                | Progress::Indexing { done, total } => {
                    if done < total && last.is_some_and(|l| l.elapsed() < Duration::from_millis(50))
                    {
                        return;
                    }
                    last = Some(Instant::now());
                }
                _ => {}
            }
            let _ = tx.send(Msg::Progress(p));
        };
        let opened = catch_unwind(AssertUnwindSafe(|| {
            Engine::open_with(&corpus, &data_dir, opts, &mut progress).map_err(|e| e.to_string())
        }))
        .unwrap_or_else(|_| Err("the index could not be opened (internal error)".to_string()));
        match opened {
            Ok(engine) => {
                let engine = Arc::new(engine);
                let catalog = engine.reports().clone();
                let had_catalog = shared.lock().catalog.is_some();
                shared.set_engine(engine);
                if !had_catalog {
                    let _ = tx.send(Msg::Progress(Progress::Catalog(catalog)));
                }
                let _ = tx.send(Msg::EngineReady);
            }
            Err(e) => {
                shared.fail();
                let _ = tx.send(Msg::EngineFailed(e));
            }
        }
    });
}

/// Starts the search worker: one search at a time, always the newest request, once the
/// engine is open (requests made before then wait, the newest replacing the others).
pub fn start_search_worker(shared: &Arc<Shared>, tx: Sender<Msg>, lang: Lang) {
    let shared = shared.clone();
    std::thread::spawn(move || {
        let Ok(engine) = shared.engine_when_open() else {
            return;
        };
        while let Some((generation, query)) = shared.searches.take() {
            let result = match &engine {
                Some(engine) => catch_unwind(AssertUnwindSafe(|| {
                    engine.search(&query, Limit::Top(SEARCH_LIMIT))
                }))
                .map_err(|_| "搜索出错 (internal error)".to_string())
                .and_then(|r| {
                    r.map(Arc::new)
                        .map_err(|e| super::text::search_error(lang, &e))
                }),
                None => Err(lang.ui().index_unavailable.trim().to_string()),
            };
            if tx.send(Msg::SearchDone { generation, result }).is_err() {
                return;
            }
        }
    });
}

/// Starts the report worker: one load at a time, always the newest request. A report
/// comes through the engine when it is open, else from parsing the report's file (so
/// browsing works while the index builds).
pub fn start_report_worker(shared: &Arc<Shared>, corpus: Corpus, tx: Sender<Msg>, lang: Lang) {
    let shared = shared.clone();
    std::thread::spawn(move || {
        while let Some((generation, id)) = shared.loads.take() {
            let (engine, catalog) = {
                let s = shared.lock();
                (s.engine.clone(), s.catalog.clone())
            };
            let result = catch_unwind(AssertUnwindSafe(|| match (engine, catalog) {
                (Some(engine), _) => engine.load_report(&id).map_err(|e| e.to_string()),
                (None, Some(catalog)) => parse_entry(&corpus, &catalog, &id, lang),
                (None, None) => Err(lang.ui().catalog_not_loaded.to_string()),
            }))
            .unwrap_or_else(|_| Err("internal error".to_string()));
            let msg = match result {
                Ok(report) => Msg::ReportLoaded {
                    generation,
                    report: Arc::new(report),
                },
                Err(error) => Msg::ReportFailed {
                    generation,
                    error: (lang.ui().cannot_open)(&id, &error),
                },
            };
            if tx.send(msg).is_err() {
                return;
            }
        }
    });
}

fn parse_entry(corpus: &Corpus, catalog: &Reports, id: &str, lang: Lang) -> Result<Report, String> {
    let entry = catalog.get(id).ok_or_else(|| (lang.ui().no_report)(id))?;
    let overrides = Overrides::load(corpus).map_err(|e| e.to_string())?;
    let mut report =
        crate::corpus::load_file(corpus, &entry.meta.file, &overrides).map_err(|e| e.reason)?;
    report.meta.id = id.to_string();
    Ok(report)
}

/// Starts the targets worker: once the engine is open, one table at a time, always the
/// newest request (requests made before then wait, the newest replacing the others).
pub fn start_targets_worker(shared: &Arc<Shared>, tx: Sender<Msg>, lang: Lang) {
    let shared = shared.clone();
    std::thread::spawn(move || {
        let Ok(engine) = shared.engine_when_open() else {
            return;
        };
        while let Some((generation, (code, year))) = shared.targets.take() {
            let result = catch_unwind(AssertUnwindSafe(|| match &engine {
                Some(engine) => targets_table(engine, &code, year),
                None => Err(lang.ui().index_unavailable.trim().to_string()),
            }))
            .unwrap_or_else(|_| Err("目标与实绩出错 (internal error)".to_string()));
            let msg = Msg::TargetsDone {
                generation,
                result: result.map(Arc::new),
            };
            if tx.send(msg).is_err() {
                return;
            }
        }
    });
}

/// The targets view's table of region `code` (its children's for `year`): the figures of
/// the reports it shows, each entry read from the engine in turn (the worker's job; tests
/// call it directly).
///
/// # Errors
/// A message for the status line when an entry cannot be read.
pub fn targets_table(
    engine: &Engine,
    code: &str,
    year: Option<u16>,
) -> Result<TargetsTable, String> {
    TargetsTable::read(engine.reports(), code, year, &mut |i| {
        engine
            .entry(i)
            .map(|e| e.targets.clone())
            .map_err(|e| e.to_string())
    })
}

/// Starts the analysis worker: once the engine is open, the word counts are read or
/// computed on a thread of their own (see [`Profiles::open`]; the first time on a corpus
/// this segments every report, shown on the status line as [`Msg::WordCounts`]), and the
/// worker answers each newest request: a trend at once (it needs no word counts),
/// keywords and diffs once the word counts are there.
pub fn start_analysis_worker(shared: &Arc<Shared>, data_dir: PathBuf, tx: Sender<Msg>, lang: Lang) {
    let shared = shared.clone();
    std::thread::spawn(move || {
        let Ok(engine) = shared.engine_when_open() else {
            return;
        };
        let (counted, counts) = mpsc::channel::<Result<Profiles, String>>();
        let mut profiles: Option<Result<Profiles, String>> = None;
        if let Some(engine) = &engine {
            // Up front, so that the reader can mark the glossary's terms.
            let (engine, tx) = (engine.clone(), tx.clone());
            std::thread::spawn(move || {
                let _ = counted.send(count_words(&engine, &data_dir, &tx));
            });
        }
        while let Some((generation, request)) = shared.analyses.take() {
            if request.needs_word_counts() && !wait_counts(&mut profiles, &counts, &shared, lang) {
                // A newer request came while the counts were being made: it is the one
                // whose answer is shown (a trend is answered without them).
                continue;
            }
            let result = catch_unwind(AssertUnwindSafe(|| {
                let unavailable = || lang.ui().index_unavailable.trim().to_string();
                let engine = engine.as_ref().ok_or_else(unavailable)?;
                let p = match (&profiles, request.needs_word_counts()) {
                    (Some(p), true) => Some(p.as_ref().map_err(Clone::clone)?),
                    _ => None,
                };
                analyse(engine, p, &request, lang)
            }))
            .unwrap_or_else(|_| Err("分析出错 (internal error)".to_string()));
            let msg = Msg::AnalysisDone {
                generation,
                result: result.map(Arc::new),
            };
            if tx.send(msg).is_err() {
                return;
            }
        }
    });
}

/// Waits for the word counts (into `profiles`, once) unless a newer analysis is asked
/// for meanwhile: whether they are there.
fn wait_counts(
    profiles: &mut Option<Result<Profiles, String>>,
    counts: &mpsc::Receiver<Result<Profiles, String>>,
    shared: &Shared,
    lang: Lang,
) -> bool {
    while profiles.is_none() {
        match counts.recv_timeout(Duration::from_millis(100)) {
            Ok(p) => *profiles = Some(p),
            Err(mpsc::RecvTimeoutError::Timeout) => {
                if shared.analyses.superseded() {
                    return false;
                }
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                *profiles = Some(Err(lang.ui().index_unavailable.trim().to_string()));
            }
        }
    }
    true
}

/// Reads or computes the word counts, with their progress (at most 20 updates a second)
/// and then the glossary as messages.
fn count_words(
    engine: &Engine,
    data_dir: &std::path::Path,
    tx: &Sender<Msg>,
) -> Result<Profiles, String> {
    let mut last: Option<Instant> = None;
    let mut progress = |done: usize, total: usize| {
        if done < total && last.is_some_and(|l| l.elapsed() < Duration::from_millis(50)) {
            return;
        }
        last = Some(Instant::now());
        let _ = tx.send(Msg::WordCounts { done, total });
    };
    let opened = catch_unwind(AssertUnwindSafe(|| {
        Profiles::open(engine, data_dir, &mut progress).map_err(|e| e.to_string())
    }))
    .unwrap_or_else(|_| Err("词频统计出错 (internal error)".to_string()));
    if let Ok(p) = &opened {
        let defs = crate::analysis::glossary::definitions(engine.reports(), p, None);
        let g = crate::analysis::glossary::Glossary::new(defs);
        let _ = tx.send(Msg::Glossary(Arc::new(g)));
    }
    opened
}

/// Computes what a view asks for (the worker's job; tests call it directly).
///
/// # Errors
/// A message for the status line when a query is malformed or a report cannot be read.
/// `profiles` are the word counts, which keywords and diffs need
/// ([`Request::needs_word_counts`]).
pub fn analyse(
    engine: &Engine,
    profiles: Option<&Profiles>,
    request: &Request,
    lang: Lang,
) -> Result<Analysis, String> {
    let profiles = || profiles.ok_or_else(|| "internal error: no word counts".to_string());
    let position = |id: &str| {
        engine
            .reports()
            .position(id)
            .ok_or_else(|| (lang.ui().no_report)(id))
    };
    match request {
        Request::Trend { queries, by } => {
            let rows = trend::trend(engine, queries, *by).map_err(|e| e.to_string())?;
            Ok(Analysis::Trend {
                queries: queries.clone(),
                by: *by,
                rows,
            })
        }
        Request::Keywords { report } => {
            let i = position(report)?;
            let e = |e: crate::analysis::AnalysisError| e.to_string();
            Ok(Analysis::Keywords {
                report: report.clone(),
                title: engine.reports()[i].meta.title.clone(),
                keywords: keywords::keywords(profiles()?, i, 40).map_err(e)?,
                new_words: keywords::new_words(engine.reports(), profiles()?, i).map_err(e)?,
            })
        }
        Request::Diff { old, new } => {
            let (diff, a, b) =
                diff::compare(engine, profiles()?, old, new).map_err(|e| e.to_string())?;
            Ok(Analysis::Diff {
                diff,
                old: Arc::new(a),
                new: Arc::new(b),
            })
        }
    }
}

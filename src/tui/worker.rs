//! Background work: opening the engine (with progress), searching and loading reports
//! (each on one worker thread that runs the newest request, [`Newest`]). Everything
//! answers through the message channel.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::sync::mpsc::Sender;
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::time::{Duration, Instant};

use super::job::Newest;
use super::msg::Msg;
use super::view::{Analysis, Request};
use crate::analysis::dictionary::Segmenter;
use crate::analysis::profile::Profiles;
use crate::analysis::{diff, keywords, trend};
use crate::corpus::{Corpus, Overrides, Report};
use crate::lang::Lang;
use crate::search::{Catalog, Engine, Limit, Progress};

/// How many hits a search asks for (the results list and `n`/`N` walk them).
pub const SEARCH_LIMIT: usize = 50;

#[derive(Default)]
struct EngineState {
    engine: Option<Arc<Engine>>,
    failed: bool,
    catalog: Option<Arc<Catalog>>,
    closed: bool,
}

/// What waiting for the engine came to.
enum Opened {
    Engine(Arc<Engine>),
    Failed,
    Closed,
}

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
}

impl Shared {
    fn lock(&self) -> std::sync::MutexGuard<'_, EngineState> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Makes an engine available (tests and the benchmark use this directly).
    pub fn set_engine(&self, engine: Arc<Engine>) {
        let mut s = self.lock();
        s.catalog = Some(engine.catalog().clone());
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

    /// Queues a search, replacing any queued one that has not started.
    pub fn submit_search(&self, generation: u64, query: String) {
        self.searches.submit(generation, query);
    }

    /// Queues a report load, replacing any queued one that has not started.
    pub fn submit_load(&self, generation: u64, id: String) {
        self.loads.submit(generation, id);
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
    }
}

/// Starts the thread that opens the engine, forwarding its progress.
pub fn open_engine(shared: &Arc<Shared>, corpus: Corpus, data_dir: PathBuf, tx: Sender<Msg>) {
    let shared = shared.clone();
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
            Engine::open(&corpus, &data_dir, &mut progress).map_err(|e| e.to_string())
        }))
        .unwrap_or_else(|_| Err("the index could not be opened (internal error)".to_string()));
        match opened {
            Ok(engine) => {
                let engine = Arc::new(engine);
                let catalog = engine.catalog().clone();
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
        let engine = match shared.wait_engine() {
            Opened::Engine(engine) => Some(engine),
            Opened::Failed => None,
            Opened::Closed => return,
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
pub fn start_report_worker(shared: &Arc<Shared>, corpus: Corpus, tx: Sender<Msg>) {
    let shared = shared.clone();
    std::thread::spawn(move || {
        while let Some((generation, id)) = shared.loads.take() {
            let (engine, catalog) = {
                let s = shared.lock();
                (s.engine.clone(), s.catalog.clone())
            };
            let result = catch_unwind(AssertUnwindSafe(|| match (engine, catalog) {
                (Some(engine), _) => engine.load_report(&id).map_err(|e| e.to_string()),
                (None, Some(catalog)) => parse_entry(&corpus, &catalog, &id),
                (None, None) => Err("目录尚未载入".to_string()),
            }))
            .unwrap_or_else(|_| Err("internal error".to_string()));
            let msg = match result {
                Ok(report) => Msg::ReportLoaded {
                    generation,
                    report: Arc::new(report),
                },
                Err(error) => Msg::ReportFailed {
                    generation,
                    error: format!("无法打开 {id}: {error}"),
                },
            };
            if tx.send(msg).is_err() {
                return;
            }
        }
    });
}

fn parse_entry(corpus: &Corpus, catalog: &Catalog, id: &str) -> Result<Report, String> {
    let entry = catalog
        .get(id)
        .ok_or_else(|| format!("没有编号为 {id} 的报告"))?;
    let overrides = Overrides::load(corpus).map_err(|e| e.to_string())?;
    let mut report =
        crate::corpus::load_file(corpus, &entry.meta.file, &overrides).map_err(|e| e.reason)?;
    report.meta.id = id.to_string();
    Ok(report)
}

/// Starts the analysis worker: once the engine is open, computes the word-count cache on
/// the first request (see [`Profiles::open`]), then answers each newest request.
pub fn start_analysis_worker(
    shared: &Arc<Shared>,
    data_dir: PathBuf,
    dictionary: Option<PathBuf>,
    tx: Sender<Msg>,
) {
    let shared = shared.clone();
    std::thread::spawn(move || {
        let engine = match shared.wait_engine() {
            Opened::Engine(engine) => Some(engine),
            Opened::Failed => None,
            Opened::Closed => return,
        };
        let mut profiles: Option<Profiles> = None;
        // The word counts up front, so that the reader can mark the glossary's terms.
        if let Some(engine) = &engine {
            let opened = catch_unwind(AssertUnwindSafe(|| {
                let seg = Segmenter::from_config(dictionary.as_deref()).ok()?;
                Profiles::open(engine, &data_dir, &seg, &mut |_, _| {}).ok()
            }))
            .ok()
            .flatten();
            if let Some(p) = opened {
                let defs = crate::analysis::glossary::definitions(engine.catalog(), &p, None);
                let g = crate::analysis::glossary::Glossary::new(defs);
                if tx.send(Msg::Glossary(Arc::new(g))).is_err() {
                    return;
                }
                profiles = Some(p);
            }
        }
        while let Some((generation, request)) = shared.analyses.take() {
            let result = catch_unwind(AssertUnwindSafe(|| {
                let engine = engine.as_ref().ok_or_else(|| "索引不可用".to_string())?;
                if profiles.is_none() {
                    let seg =
                        Segmenter::from_config(dictionary.as_deref()).map_err(|e| e.to_string())?;
                    profiles = Some(
                        Profiles::open(engine, &data_dir, &seg, &mut |_, _| {})
                            .map_err(|e| e.to_string())?,
                    );
                }
                let p = profiles
                    .as_ref()
                    .ok_or_else(|| "internal error".to_string())?;
                analyse(engine, p, &request)
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

/// Computes what a view asks for (the worker's job; tests call it directly).
///
/// # Errors
/// A message for the status line when a query is malformed or a report cannot be read.
pub fn analyse(
    engine: &Engine,
    profiles: &Profiles,
    request: &Request,
) -> Result<Analysis, String> {
    let position = |id: &str| {
        engine
            .catalog()
            .reports
            .iter()
            .position(|e| e.meta.id == id)
            .ok_or_else(|| format!("没有编号为 {id} 的报告"))
    };
    match request {
        Request::Trend { queries, by } => {
            let rows =
                trend::trend(engine, profiles.chars(), queries, *by).map_err(|e| e.to_string())?;
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
                title: engine.catalog().reports[i].meta.title.clone(),
                keywords: keywords::keywords(profiles, i, 40).map_err(e)?,
                new_words: keywords::new_words(engine.catalog(), profiles, i).map_err(e)?,
            })
        }
        Request::Diff { old, new } => {
            let (diff, a, b) =
                diff::compare(engine, profiles, old, new).map_err(|e| e.to_string())?;
            Ok(Analysis::Diff {
                diff,
                old: Arc::new(a),
                new: Arc::new(b),
            })
        }
    }
}

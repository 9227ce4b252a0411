//! Watching a corpus folder while gwr runs: after a burst of changes (a report added,
//! changed or removed) the engine is opened again, which indexes what changed, and handed
//! to the caller, without a restart.

use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

use notify::{RecursiveMode, Watcher as _};

use super::{Engine, OpenOptions, SearchError};
use crate::corpus::Corpus;

/// How long the watcher waits after a change for more before it updates: a save or a copy
/// of many files is several events.
pub const SETTLE: Duration = Duration::from_millis(300);

/// Watches a corpus folder; dropping it stops the watching (and its thread).
pub struct CorpusWatcher {
    _watcher: notify::RecommendedWatcher,
}

impl CorpusWatcher {
    /// Starts watching `corpus` (`Ok(None)` for the embedded demo, which cannot change).
    /// After each burst of changes, `on_update` gets the engine opened again with `opts`
    /// (up to date, see [`Engine::stats`] for what changed) or why it could not be opened.
    ///
    /// # Errors
    /// When the folder cannot be watched (the message names it).
    pub fn spawn(
        corpus: &Corpus,
        data_dir: &Path,
        opts: OpenOptions,
        mut on_update: impl FnMut(Result<Engine, SearchError>) + Send + 'static,
    ) -> Result<Option<CorpusWatcher>, SearchError> {
        let Corpus::Dir(root) = corpus else {
            return Ok(None);
        };
        let cannot = |source: notify::Error| SearchError::Watch {
            dir: root.clone(),
            source,
        };
        let (tx, rx) = mpsc::channel::<()>();
        // The index's own writes, if the data dir lies inside the corpus, are not changes.
        let data = data_dir.to_path_buf();
        let mut watcher = notify::recommended_watcher(move |ev: notify::Result<notify::Event>| {
            let relevant = ev.is_ok_and(|e| {
                !e.kind.is_access() && !e.paths.iter().all(|p| p.starts_with(&data))
            });
            if relevant {
                let _ = tx.send(());
            }
        })
        .map_err(cannot)?;
        watcher
            .watch(root, RecursiveMode::Recursive)
            .map_err(cannot)?;
        let corpus = corpus.clone();
        let data_dir = data_dir.to_path_buf();
        std::thread::spawn(move || {
            while rx.recv().is_ok() {
                while rx.recv_timeout(SETTLE).is_ok() {}
                on_update(Engine::open_with(
                    &corpus,
                    &data_dir,
                    opts.clone(),
                    &mut |_| {},
                ));
            }
        });
        Ok(Some(CorpusWatcher { _watcher: watcher }))
    }
}

//! The TUI's side of watching the corpus ([`CorpusWatcher`]): the engine opened again
//! after a change replaces the old one, and the new catalog and a status line come in as
//! messages; the reader keeps its place.

use std::path::Path;
use std::sync::Arc;
use std::sync::mpsc::Sender;

use super::msg::Msg;
use super::worker::Shared;
use crate::corpus::Corpus;
use crate::search::{CorpusWatcher, OpenOptions, Progress};

/// Starts watching `corpus` (nothing for the demo, or when the folder cannot be watched:
/// that is logged). Keep the watcher while the TUI runs.
pub fn start(
    shared: &Arc<Shared>,
    corpus: &Corpus,
    data_dir: &Path,
    opts: OpenOptions,
    tx: Sender<Msg>,
) -> Option<CorpusWatcher> {
    let shared = shared.clone();
    let watcher = CorpusWatcher::spawn(corpus, data_dir, opts, move |opened| match opened {
        Ok(engine) => {
            let s = engine.stats();
            if s.rebuilt.is_none() && s.added + s.changed + s.removed == 0 {
                return;
            }
            let note = format!(
                "语料已更新：新增 {}，修改 {}，删除 {}",
                s.added, s.changed, s.removed
            );
            let engine = Arc::new(engine);
            let catalog = engine.reports().clone();
            shared.set_engine(engine);
            let _ = tx.send(Msg::Progress(Progress::Catalog(catalog)));
            let _ = tx.send(Msg::Notice(note));
        }
        Err(e) => {
            let _ = tx.send(Msg::Notice(format!("语料更新失败：{e}")));
        }
    });
    watcher.unwrap_or_else(|e| {
        tracing::warn!(%e, "corpus not watched");
        None
    })
}

//! The corpus watcher: a report added and one removed while the engine is open are
//! reflected without a restart.

use std::sync::mpsc;
use std::time::{Duration, Instant};

use gwr::corpus::Corpus;
use gwr::search::{CorpusWatcher, Engine, Limit, OpenOptions};

const WORD: &str = "独一无二观察词";

#[test]
fn a_report_added_and_one_removed_while_open_are_reflected() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    let data = tmp.path().join("data");
    std::fs::create_dir_all(&corpus).unwrap();
    let demo = Corpus::Demo.files().unwrap();
    for f in demo.iter().take(6) {
        std::fs::write(corpus.join(&f.rel), Corpus::Demo.read(&f.rel).unwrap()).unwrap();
    }
    let c = Corpus::dir(&corpus).unwrap();
    let engine = Engine::open(&c, &data, &mut |_| {}).unwrap();
    assert_eq!(engine.catalog().reports.len(), 6);
    assert_eq!(
        engine.search(WORD, Limit::Top(0)).unwrap().total_paragraphs,
        0
    );

    let (tx, rx) = mpsc::channel();
    let _watcher = CorpusWatcher::spawn(&c, &data, OpenOptions::default(), move |opened| {
        let e = opened.unwrap();
        let found = e.search(WORD, Limit::Top(0)).unwrap().total_paragraphs;
        let _ = tx.send((found, e.catalog().reports.len(), e.stats().clone()));
    })
    .unwrap()
    .expect("a folder is watched");

    // One report added (with a paragraph found nowhere else), one removed.
    let start = Instant::now();
    let extra = &demo[10];
    let mut bytes = Corpus::Demo.read(&extra.rel).unwrap().into_owned();
    bytes.extend_from_slice(
        format!("\n我们要把{WORD}落到实处，推动各项工作取得新成效。\n").as_bytes(),
    );
    std::fs::write(corpus.join(&extra.rel), &bytes).unwrap();
    std::fs::remove_file(corpus.join(&demo[0].rel)).unwrap();
    let mut seen = Vec::new();
    let reflected = loop {
        match rx.recv_timeout(Duration::from_secs(20)) {
            Ok((found, reports, stats)) => {
                seen.push((found, reports, stats.added, stats.removed));
                if found == 1 && reports == 6 {
                    break start.elapsed();
                }
            }
            Err(e) => panic!("not reflected ({e}); updates seen: {seen:?}"),
        }
    };
    eprintln!("reflected after {reflected:?}: {seen:?}");
    // The engine opened first still answers (from its own view of the index).
    assert_eq!(
        engine.search(WORD, Limit::Top(0)).unwrap().total_paragraphs,
        0
    );
}

//! The TUI's way of opening the engine ([`CatalogLoad::Light`]): after a full build, after
//! an update and on an index already up to date, the catalog stays on disk; the light list
//! it sends and keeps, each entry read alone, and a search's hits are what an engine with
//! the whole catalog decoded gives.

use std::path::Path;
use std::sync::Arc;

use gwr::corpus::Corpus;
use gwr::search::{CatalogLoad, Engine, Limit, OpenOptions, Progress, Reports};

const WORD: &str = "独一无二新鲜词";

fn light(corpus: &Path, data: &Path) -> (Engine, Vec<Arc<Reports>>) {
    let opts = OpenOptions {
        catalog: CatalogLoad::Light,
        ..OpenOptions::default()
    };
    let mut sent = Vec::new();
    let engine = Engine::open_with(&Corpus::dir(corpus).unwrap(), data, opts, &mut |p| {
        if let Progress::Catalog(c) = p {
            sent.push(c);
        }
    })
    .unwrap();
    (engine, sent)
}

/// Checks `engine` against an engine opened with the whole catalog on the same index.
fn same_as_whole(engine: &Engine, corpus: &Path, data: &Path, query: &str) {
    assert!(!engine.catalog_decoded(), "the catalog stays on disk");
    let whole = Engine::open(&Corpus::dir(corpus).unwrap(), data, &mut |_| {}).unwrap();
    let all = whole.catalog();
    assert_eq!(**engine.reports(), Reports::of(all));
    for (i, e) in all.reports.iter().enumerate() {
        assert_eq!(&*engine.entry(i).unwrap(), e);
    }
    let hits = |e: &Engine| {
        let mut h: Vec<_> = e
            .search(query, Limit::All)
            .unwrap()
            .hits
            .into_iter()
            .map(|h| (h.report, h.paragraph, h.section, h.section_title))
            .collect();
        h.sort();
        h
    };
    let found = hits(engine);
    assert!(!found.is_empty(), "{query} finds something");
    assert_eq!(found, hits(&whole));
    // Twice: the second time from the entries kept since the first.
    assert_eq!(hits(engine), found);
    assert!(!engine.catalog_decoded());
}

#[test]
fn built_updated_and_reopened_the_catalog_stays_on_disk() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    let data = tmp.path().join("data");
    std::fs::create_dir_all(&corpus).unwrap();
    let files = Corpus::Demo.files().unwrap();
    for f in files.iter().take(8) {
        let name = f.rel.rsplit('/').next().unwrap();
        std::fs::write(corpus.join(name), Corpus::Demo.read(&f.rel).unwrap()).unwrap();
    }
    // Built: the light list sent is the one kept.
    let (engine, sent) = light(&corpus, &data);
    assert!(engine.stats().rebuilt.is_some());
    assert_eq!(engine.reports().len(), 8);
    assert_eq!(sent.last().map(|s| &**s), Some(&**engine.reports()));
    same_as_whole(&engine, &corpus, &data, "发展 section:工作");
    drop(engine);

    // Updated: a paragraph appended to one report.
    let first = files[0].rel.rsplit('/').next().unwrap();
    let mut f = std::fs::OpenOptions::new()
        .append(true)
        .open(corpus.join(first))
        .unwrap();
    std::io::Write::write_all(&mut f, format!("\n我们要把{WORD}落到实处。\n").as_bytes()).unwrap();
    drop(f);
    let (engine, sent) = light(&corpus, &data);
    assert_eq!(engine.stats().changed, 1);
    assert_eq!(sent.last().map(|s| &**s), Some(&**engine.reports()));
    same_as_whole(&engine, &corpus, &data, WORD);
    drop(engine);

    // Up to date: the light list is read from the state file, entry by entry.
    let (engine, sent) = light(&corpus, &data);
    assert_eq!(engine.stats().parsed, 0);
    assert_eq!(sent.len(), 1, "sent once, before the corpus is checked");
    assert_eq!(*sent[0], **engine.reports());
    let code = engine.reports()[0]
        .meta
        .region
        .as_ref()
        .unwrap()
        .code
        .clone();
    same_as_whole(&engine, &corpus, &data, &format!("region:{code} 发展"));
}

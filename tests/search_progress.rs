//! What a build tells the user while it runs: a full build's one streamed phase (indexing,
//! counted in files) and then the catalog; an update's phases in order (the old catalog,
//! parsing, the new catalog, segmenting, indexing, ready), each count climbing to its total;
//! and an up-to-date index that opens with the catalog alone.

use gwr::corpus::Corpus;
use gwr::search::{Engine, Progress};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    Parsing,
    Catalog,
    Segmenting,
    Indexing,
    Ready,
}

/// The phases in the order seen (repeats collapsed), and each counted phase's counts.
fn record(corpus: &Corpus, data: &std::path::Path) -> (Vec<Phase>, Vec<(Phase, usize, usize)>) {
    let mut phases: Vec<Phase> = Vec::new();
    let mut counts = Vec::new();
    Engine::open(corpus, data, &mut |p| {
        let phase = match p {
            Progress::Parsing { done, total } => {
                counts.push((Phase::Parsing, done, total));
                Phase::Parsing
            }
            Progress::Catalog(_) => Phase::Catalog,
            Progress::Segmenting { done, total } => {
                counts.push((Phase::Segmenting, done, total));
                Phase::Segmenting
            }
            Progress::Indexing { done, total } => {
                counts.push((Phase::Indexing, done, total));
                Phase::Indexing
            }
            Progress::Waiting => panic!("nobody else holds the index"),
            // Said before the phases of a rebuild, which these tests follow.
            Progress::Rebuilding(_) => return,
            Progress::Ready => Phase::Ready,
        };
        if phases.last() != Some(&phase) {
            phases.push(phase);
        }
    })
    .unwrap();
    (phases, counts)
}

#[test]
fn a_build_reports_each_phase_in_order_up_to_its_total() {
    let data = tempfile::tempdir().unwrap();
    let corpus = Corpus::Demo;
    let files = corpus.files().unwrap().len();
    let (phases, counts) = record(&corpus, data.path());
    // A full build streams the files through parse, segment and index in batches: one
    // phase counted in files, then the whole catalog.
    assert_eq!(phases, vec![Phase::Indexing, Phase::Catalog, Phase::Ready]);
    let seen: Vec<(usize, usize)> = counts.iter().map(|c| (c.1, c.2)).collect();
    assert!(counts.iter().all(|c| c.0 == Phase::Indexing), "{counts:?}");
    assert_eq!(seen.first(), Some(&(0, files)));
    assert_eq!(seen.last(), Some(&(files, files)), "ends full");
    assert!(
        seen.windows(2).all(|w| w[0].0 <= w[1].0 && w[1].1 == files),
        "never goes back: {seen:?}"
    );

    // An update parses the changed files, shows the new catalog, then segments and
    // indexes them: each phase in order, each counted up to its total.
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("corpus");
    std::fs::create_dir_all(&dir).unwrap();
    let demo = corpus.files().unwrap();
    for f in demo.iter().take(6) {
        std::fs::write(dir.join(&f.rel), corpus.read(&f.rel).unwrap()).unwrap();
    }
    let dir_corpus = Corpus::dir(&dir).unwrap();
    record(&dir_corpus, data.path());
    for f in demo.iter().skip(6).take(3) {
        std::fs::write(dir.join(&f.rel), corpus.read(&f.rel).unwrap()).unwrap();
    }
    let (phases, counts) = record(&dir_corpus, data.path());
    assert_eq!(
        phases,
        vec![
            Phase::Catalog,
            Phase::Parsing,
            Phase::Catalog,
            Phase::Segmenting,
            Phase::Indexing,
            Phase::Ready
        ]
    );
    for phase in [Phase::Parsing, Phase::Segmenting, Phase::Indexing] {
        let seen: Vec<(usize, usize)> = counts
            .iter()
            .filter(|c| c.0 == phase)
            .map(|c| (c.1, c.2))
            .collect();
        assert_eq!(seen.first(), Some(&(0, 3)), "{phase:?}: {seen:?}");
        assert_eq!(seen.last(), Some(&(3, 3)), "{phase:?}: {seen:?}");
    }

    // Opened again, up to date: the catalog from its cache, nothing parsed or indexed.
    let (phases, counts) = record(&dir_corpus, data.path());
    assert_eq!(phases, vec![Phase::Catalog, Phase::Ready]);
    assert!(counts.is_empty());
}

//! What a build tells the user while it runs: each phase in order (parsing, the catalog,
//! segmenting, indexing, ready), each count climbing to its total; and an up-to-date index
//! that opens with the catalog alone.

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
    assert_eq!(
        phases,
        vec![
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
        let total = seen[0].1;
        assert!(total > 0 && total <= files, "{phase:?}: {seen:?}");
        assert_eq!(seen.first().unwrap().0, 0, "{phase:?} starts at 0");
        assert_eq!(*seen.last().unwrap(), (total, total), "{phase:?} ends full");
        assert!(
            seen.windows(2).all(|w| w[0].0 <= w[1].0 && w[1].1 == total),
            "{phase:?} never goes back: {seen:?}"
        );
    }
    // Parsing counts files; segmenting and indexing count the reports kept.
    assert_eq!(counts[0].2, files);

    // Opened again, up to date: the catalog from its cache, nothing parsed or indexed.
    let (phases, counts) = record(&corpus, data.path());
    assert_eq!(phases, vec![Phase::Catalog, Phase::Ready]);
    assert!(counts.is_empty());
}

//! Faults around the index: a build killed midway, index files truncated or deleted, a
//! read-only data dir, two processes at once, corpus files edited or removed between
//! launches. After each, the next open works and answers like a clean build.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use gwr::corpus::Corpus;
use gwr::search::{Engine, Limit, SearchError, corpus_dir};

const QUERIES: &[&str] = &[
    "煤炭",
    "的",
    "高质量发展",
    "5G",
    "就业 -教育",
    "独一无二测试词",
];

type Answers = Vec<(String, usize, BTreeSet<(String, usize, String)>)>;

fn answers(engine: &Engine) -> Answers {
    QUERIES
        .iter()
        .map(|q| {
            let r = engine.search(q, Limit::All).unwrap();
            let hits = r
                .hits
                .iter()
                .map(|h| (h.report.clone(), h.paragraph, h.snippet.clone()))
                .collect();
            ((*q).to_string(), r.total_paragraphs, hits)
        })
        .collect()
}

fn open(corpus: &Path, data: &Path) -> Engine {
    Engine::open(&Corpus::dir(corpus).unwrap(), data, &mut |_| {}).unwrap()
}

/// What a clean build in a fresh data dir answers.
fn clean(corpus: &Path) -> Answers {
    let data = tempfile::tempdir().unwrap();
    answers(&open(corpus, data.path()))
}

/// A corpus folder holding the first `n` demo files.
fn demo_corpus(dir: &Path, n: usize) {
    std::fs::create_dir_all(dir).unwrap();
    for f in Corpus::Demo.files().unwrap().iter().take(n) {
        std::fs::write(dir.join(&f.rel), Corpus::Demo.read(&f.rel).unwrap()).unwrap();
    }
}

fn gwr(corpus: &Path, data: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_gwr"));
    c.arg("--corpus").arg(corpus).arg("--data-dir").arg(data);
    c
}

fn index_files(corpus: &Path, data: &Path) -> Vec<PathBuf> {
    let root = corpus_dir(&Corpus::dir(corpus).unwrap(), data);
    let current = std::fs::read_to_string(root.join("CURRENT")).unwrap();
    let mut v: Vec<PathBuf> = std::fs::read_dir(root.join(current.trim()))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    v.sort();
    v
}

#[test]
fn a_build_killed_midway_is_recovered() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    gwr::bench::generate(&corpus, 60).unwrap();
    demo_corpus(&corpus, 5);
    let data = tmp.path().join("data");
    let root = corpus_dir(&Corpus::dir(&corpus).unwrap(), &data);
    let mut child = gwr(&corpus, &data).arg("index").spawn().unwrap();
    let start = Instant::now();
    while !root.join("g1").exists() && start.elapsed() < Duration::from_secs(60) {
        std::thread::sleep(Duration::from_millis(2));
    }
    std::thread::sleep(Duration::from_millis(300));
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    if root.join("CURRENT").exists() {
        eprintln!("note: the build finished before the kill");
    }
    let engine = open(&corpus, &data);
    assert_eq!(answers(&engine), clean(&corpus));
    // And once more, now from the published index.
    drop(engine);
    let engine = open(&corpus, &data);
    assert_eq!(engine.stats().parsed, 0);
}

/// Every kind of file of an index generation, by how its name ends or starts.
const KINDS: [&str; 9] = [
    ".pos",
    ".idx",
    ".term",
    ".store",
    ".fast",
    ".fieldnorm",
    "meta.json",
    "state-",   // the catalog cache, state-<stamp>.bin
    "dirs.bin", // the folder times of the quick listing (a cache: no rebuild needed)
];

fn is_kind(p: &Path, kind: &str) -> bool {
    let name = p.file_name().unwrap().to_string_lossy();
    name.ends_with(kind) || name.starts_with(kind)
}

/// `gwr search --count` for each query, through the command line.
fn cli_counts(corpus: &Path, data: &Path) -> Vec<String> {
    QUERIES
        .iter()
        .map(|q| {
            let out = gwr(corpus, data)
                .args(["search", "--count", "--", q])
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "{q}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            String::from_utf8_lossy(&out.stdout).trim().to_string()
        })
        .collect()
}

#[test]
fn truncated_or_deleted_index_files_are_rebuilt() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    demo_corpus(&corpus, 12);
    let data = tmp.path().join("data");
    let want = clean(&corpus);
    let want_counts: Vec<String> = want.iter().map(|(_, n, _)| n.to_string()).collect();
    drop(open(&corpus, &data));
    let hurts: [(&str, Hurt); 2] = [
        ("deleted", |p| std::fs::remove_file(p).unwrap()),
        ("truncated", |p| truncate(p)),
    ];
    for kind in KINDS {
        for (how, hurt) in hurts {
            for via_cli in [false, true] {
                let victim = index_files(&corpus, &data)
                    .into_iter()
                    .find(|p| is_kind(p, kind))
                    .unwrap_or_else(|| panic!("no {kind} file"));
                hurt(&victim);
                let what = format!("{} {how}", victim.display());
                if via_cli {
                    // The command line's own way in (the catalog left on disk).
                    assert_eq!(cli_counts(&corpus, &data), want_counts, "{what}");
                } else {
                    let engine = open(&corpus, &data);
                    assert_eq!(
                        engine.stats().rebuilt.is_some(),
                        kind != "dirs.bin",
                        "{what}"
                    );
                    assert_eq!(answers(&engine), want, "{what}");
                }
            }
        }
    }
}

#[test]
fn damage_found_by_a_search_rebuilds_the_index() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    demo_corpus(&corpus, 12);
    let data = tmp.path().join("data");
    let search = |extra: &[&str]| {
        let out = gwr(&corpus, &data)
            .args(["search", "--limit", "all", "的"])
            .args(extra)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        // The hits as a set: hits of equal score come in index order, which a rebuild
        // may change.
        let hits: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let hits: BTreeSet<String> = hits
            .as_array()
            .unwrap()
            .iter()
            .map(|h| format!("{} {} {}", h["report"], h["paragraph"], h["snippet"]))
            .collect();
        (hits, String::from_utf8_lossy(&out.stderr).to_string())
    };
    let (want, _) = search(&["--json"]);
    assert!(want.len() > 100, "{}", want.len());
    // Damage the last catalog entries at the end of the cache: opening reads only the
    // head, which is whole, so the damage shows when the search reads the entries of its
    // hits (every report has a 的).
    let state = index_files(&corpus, &data)
        .into_iter()
        .find(|p| {
            p.extension().is_some_and(|e| e == "bin") && p.to_string_lossy().contains("state-")
        })
        .unwrap();
    let mut bytes = std::fs::read(&state).unwrap();
    let n = bytes.len();
    for b in &mut bytes[n - 65..n - 1] {
        *b ^= 0x5a;
    }
    std::fs::write(&state, &bytes).unwrap();
    let (got, err) = search(&["--json"]);
    assert!(err.contains("damaged"), "{err}");
    assert!(got == want, "{} hits, {} wanted", got.len(), want.len());
    // Rebuilt for good: the next search has nothing to say.
    let (got, err) = search(&["--json"]);
    assert_eq!(err, "");
    assert!(got == want, "{} hits, {} wanted", got.len(), want.len());
    // An engine that was open when the damage happened finds it at its next search, and
    // marks the index so that the next open rebuilds it.
    let engine = open(&corpus, &data);
    assert_eq!(engine.stats().rebuilt, None);
    drop(engine);
    let opts = gwr::search::OpenOptions {
        catalog: gwr::search::CatalogLoad::OnDemand,
        ..Default::default()
    };
    let c = Corpus::dir(&corpus).unwrap();
    let engine = Engine::open_with(&c, &data, opts, &mut |_| {}).unwrap();
    let state = index_files(&corpus, &data)
        .into_iter()
        .find(|p| p.to_string_lossy().contains("state-"))
        .unwrap();
    let mut bytes = std::fs::read(&state).unwrap();
    let n = bytes.len();
    for b in &mut bytes[n / 2..] {
        *b = 0;
    }
    std::fs::write(&state, &bytes).unwrap();
    let err = engine.search("的", Limit::All).unwrap_err();
    assert!(matches!(err, gwr::search::SearchError::Damaged(_)), "{err}");
    drop(engine);
    let engine = open(&corpus, &data);
    assert!(engine.stats().rebuilt.is_some());
    assert_eq!(answers(&engine), clean(&corpus));
}

type Hurt = fn(&Path);

fn truncate(p: &Path) {
    let len = std::fs::metadata(p).unwrap().len();
    let f = std::fs::OpenOptions::new().write(true).open(p).unwrap();
    f.set_len(len / 2).unwrap();
}

#[test]
fn a_read_only_data_dir_still_searches() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    demo_corpus(&corpus, 8);
    // Tests run as root, where permissions do not stop writes: a data dir below a regular
    // file can never be created, whoever we are.
    let blocker = tmp.path().join("not-a-dir");
    std::fs::write(&blocker, "x").unwrap();
    let data = blocker.join("data");
    let engine = open(&corpus, &data);
    assert!(
        engine.warnings().iter().any(|w| w.contains("cannot write")),
        "{:?}",
        engine.warnings()
    );
    assert_eq!(answers(&engine), clean(&corpus));
    // The command line too: a warning, not a failure.
    let out = gwr(&corpus, &data)
        .args(["search", "--count", "煤炭"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("warning"));
}

#[test]
fn two_processes_at_once() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    demo_corpus(&corpus, 20);
    let data = tmp.path().join("data");
    // Really concurrent: spawn all, then wait.
    let kids: Vec<_> = (0..3)
        .map(|i| {
            let mut c = gwr(&corpus, &data);
            if i == 1 {
                c.args(["search", "--count", "煤炭"]);
            } else {
                c.args(["index", "--rebuild", "--json"]);
            }
            c.stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let mut reports = Vec::new();
    for k in kids {
        let out = k.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8_lossy(&out.stdout).to_string();
        match serde_json::from_str::<serde_json::Value>(&text) {
            Ok(serde_json::Value::Object(v)) => reports.push(v["reports"].as_u64().unwrap()),
            _ => assert!(text.trim().parse::<usize>().unwrap() > 0, "{text}"),
        }
    }
    assert_eq!(reports.len(), 2);
    assert_eq!(reports[0], reports[1]);
    assert_eq!(answers(&open(&corpus, &data)), clean(&corpus));
}

/// Errors keep their cause as a variant that callers match on, naming what failed.
#[test]
fn errors_are_variants_to_match() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    demo_corpus(&corpus, 3);
    let engine = open(&corpus, &tmp.path().join("data"));
    match engine.load_report("000000-1900") {
        Err(SearchError::NoReport(id)) => assert_eq!(id, "000000-1900"),
        other => panic!("{:?}", other.map(|r| r.meta.id)),
    }
    let entry = engine.catalog().reports[0].meta.clone();
    // A malformed gwr-overrides.toml.
    let overrides = corpus.join("gwr-overrides.toml");
    std::fs::write(&overrides, "[[report]\nfile = ").unwrap();
    match engine.load_report(&entry.id) {
        Err(e @ SearchError::Overrides(_)) => {
            assert!(e.to_string().contains("gwr-overrides.toml"), "{e}");
        }
        other => panic!("{:?}", other.map(|r| r.meta.id)),
    }
    std::fs::remove_file(&overrides).unwrap();
    // A report's file removed since it was indexed.
    std::fs::remove_file(corpus.join(&entry.file)).unwrap();
    match engine.load_report(&entry.id) {
        Err(e @ SearchError::Unreadable(_)) => assert!(e.to_string().contains(&entry.file), "{e}"),
        other => panic!("{:?}", other.map(|r| r.meta.id)),
    }
    assert!(matches!(
        engine.search("year:abc", Limit::Top(5)),
        Err(SearchError::Query(_))
    ));
}

#[test]
fn edited_added_and_removed_files_are_reindexed_alone() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    demo_corpus(&corpus, 10);
    let data = tmp.path().join("data");
    drop(open(&corpus, &data));
    let files = Corpus::dir(&corpus).unwrap().files().unwrap();
    // Edit one (a new paragraph with a word found nowhere else), remove one, add one.
    let edited = corpus.join(&files[0].rel);
    let mut text = std::fs::read(&edited).unwrap();
    text.extend_from_slice(
        "\n我们要把独一无二测试词落到实处，推动各项工作取得新成效。\n".as_bytes(),
    );
    std::fs::write(&edited, text).unwrap();
    std::fs::remove_file(corpus.join(&files[1].rel)).unwrap();
    let extra = &Corpus::Demo.files().unwrap()[20];
    std::fs::write(
        corpus.join(&extra.rel),
        Corpus::Demo.read(&extra.rel).unwrap(),
    )
    .unwrap();
    // Touch one without changing it.
    let same = corpus.join(&files[2].rel);
    std::fs::write(&same, std::fs::read(&same).unwrap()).unwrap();
    let engine = open(&corpus, &data);
    let s = engine.stats();
    assert!(s.rebuilt.is_none(), "{s:?}");
    assert_eq!((s.added, s.changed, s.removed), (1, 1, 1), "{s:?}");
    assert_eq!(s.parsed, 2);
    let got = answers(&engine);
    assert_eq!(got, clean(&corpus));
    assert!(got.iter().any(|(q, n, _)| q == "独一无二测试词" && *n == 1));
    // The next launch has nothing to do.
    drop(engine);
    let engine = open(&corpus, &data);
    assert_eq!(engine.stats().parsed, 0);
    assert!(engine.stats().rebuilt.is_none());
}

#[test]
fn a_corpus_that_is_mostly_new_is_rebuilt_with_pairs_from_all_of_it() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    let data = tmp.path().join("data");
    // First launch on an empty folder, then on two files, then on twelve.
    std::fs::create_dir_all(&corpus).unwrap();
    drop(open(&corpus, &data));
    demo_corpus(&corpus, 2);
    let engine = open(&corpus, &data);
    assert!(engine.stats().rebuilt.is_some(), "{:?}", engine.stats());
    drop(engine);
    demo_corpus(&corpus, 12);
    let engine = open(&corpus, &data);
    let s = engine.stats();
    assert!(
        s.rebuilt
            .as_deref()
            .is_some_and(|r| r.contains("10 files added to 2")),
        "{s:?}"
    );
    assert_eq!(answers(&engine), clean(&corpus));
    // A few more files are an update, not a rebuild.
    drop(engine);
    demo_corpus(&corpus, 14);
    let engine = open(&corpus, &data);
    assert!(engine.stats().rebuilt.is_none(), "{:?}", engine.stats());
    assert_eq!(engine.stats().added, 2);
    assert_eq!(answers(&engine), clean(&corpus));
}

//! Freshness between two command-line calls: a report appended to, added or removed
//! between two `gwr search` calls is reflected by the second, whether the corpus was walked
//! again or checked by the quick listing (folders whose times have not moved).

use std::path::Path;
use std::process::Command;
use std::time::{Duration, SystemTime};

use gwr::corpus::Corpus;
use gwr::search::{Engine, OpenOptions};

const WORD: &str = "独一无二新鲜词";

fn paragraph() -> String {
    format!("\n我们要把{WORD}落到实处，推动各项工作取得新成效。\n")
}

fn count(corpus: &Path, data: &Path) -> usize {
    let out = Command::new(env!("CARGO_BIN_EXE_gwr"))
        .arg("--corpus")
        .arg(corpus)
        .arg("--data-dir")
        .arg(data)
        .args(["search", "--count", WORD])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().parse().unwrap()
}

/// Sets every folder's time an hour back, as if the corpus had settled long ago (the quick
/// listing does not trust folders that changed in the last two seconds).
fn settle(dir: &Path) {
    let old = SystemTime::now() - Duration::from_secs(3600);
    for e in walkdir::WalkDir::new(dir) {
        let e = e.unwrap();
        if e.file_type().is_dir() {
            std::fs::File::open(e.path())
                .unwrap()
                .set_modified(old)
                .unwrap();
        }
    }
}

/// Whether opening the engine now takes the quick listing.
fn quick(corpus: &Path, data: &Path) -> bool {
    let opts = OpenOptions {
        catalog: gwr::search::CatalogLoad::OnDemand,
        ..OpenOptions::default()
    };
    let engine = Engine::open_with(&Corpus::dir(corpus).unwrap(), data, opts, &mut |_| {}).unwrap();
    engine.stats().quick_listing
}

fn demo_file(n: usize) -> (String, Vec<u8>) {
    let f = &Corpus::Demo.files().unwrap()[n];
    let name = f.rel.rsplit('/').next().unwrap().to_string();
    (name, Corpus::Demo.read(&f.rel).unwrap().into_owned())
}

#[test]
fn appended_added_and_removed_reports_show_in_the_next_search() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    let data = tmp.path().join("data");
    std::fs::create_dir_all(corpus.join("省/市")).unwrap();
    for n in 0..6 {
        let (name, bytes) = demo_file(n);
        let dir = if n % 2 == 0 {
            corpus.clone()
        } else {
            corpus.join("省/市")
        };
        std::fs::write(dir.join(name), bytes).unwrap();
    }
    settle(&corpus);
    assert_eq!(count(&corpus, &data), 0);
    // The first search walked the settled folders and recorded their times.
    assert!(quick(&corpus, &data));

    // Appended to (no folder time moves): still the quick listing, and the new paragraph
    // is found.
    let (name, _) = demo_file(1);
    let appended = corpus.join("省/市").join(&name);
    let mut f = std::fs::OpenOptions::new()
        .append(true)
        .open(&appended)
        .unwrap();
    std::io::Write::write_all(&mut f, paragraph().as_bytes()).unwrap();
    drop(f);
    assert_eq!(count(&corpus, &data), 1);
    assert!(quick(&corpus, &data));

    // Added, in a sub-folder: the folder's time moved.
    let (name, bytes) = demo_file(10);
    let mut bytes = bytes;
    bytes.extend_from_slice(paragraph().as_bytes());
    std::fs::write(corpus.join("省/市").join(&name), &bytes).unwrap();
    assert_eq!(count(&corpus, &data), 2);

    // Removed, at once (the folder has not settled: walked again).
    std::fs::remove_file(&appended).unwrap();
    assert_eq!(count(&corpus, &data), 1);

    // Added to a folder created after the last listing.
    settle(&corpus);
    assert_eq!(count(&corpus, &data), 1);
    assert!(quick(&corpus, &data));
    std::fs::create_dir_all(corpus.join("新")).unwrap();
    let (name, mut bytes) = demo_file(10);
    bytes.extend_from_slice(paragraph().as_bytes());
    std::fs::write(corpus.join("新").join(&name), &bytes).unwrap();
    assert_eq!(count(&corpus, &data), 2);

    // Removed after the folders settled.
    settle(&corpus);
    assert_eq!(count(&corpus, &data), 2);
    std::fs::remove_file(corpus.join("新").join(&name)).unwrap();
    assert_eq!(count(&corpus, &data), 1);
    // And what the index answers is what a clean build answers.
    let clean = tempfile::tempdir().unwrap();
    assert_eq!(count(&corpus, clean.path()), 1);
}

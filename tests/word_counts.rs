//! The word counts behind keywords and diffs (`analysis/words.bin`): after one report
//! changes, counting again segments that report only and writes exactly what counting
//! the changed corpus from scratch writes.

use gwr::analysis::profile::Profiles;
use gwr::corpus::Corpus;
use gwr::search::Engine;

const FILES: [&str; 4] = [
    "2016年南山区政府工作报告_2016.txt",
    "2018年南山区政府工作报告_2018.txt",
    "2022年南山区政府工作报告_2022.txt",
    "2023年南山区政府工作报告_2023.txt",
];

/// Opens the corpus under `data` and counts its words: the reason they were counted
/// again (None when the cache held), how many reports were segmented, and `words.bin`.
fn count(root: &std::path::Path, data: &std::path::Path) -> (Option<String>, usize, Vec<u8>) {
    let corpus = Corpus::dir(root).unwrap();
    let engine = Engine::open(&corpus, data, &mut |_| {}).unwrap();
    let mut first = None;
    let p = Profiles::open(&engine, data, &mut |done, _| {
        first.get_or_insert(done);
    })
    .unwrap();
    // No progress at all: the cache held and nothing was segmented.
    let segmented = first.map_or(0, |kept| engine.reports().len() - kept);
    let words = std::fs::read(
        gwr::search::corpus_dir(&corpus, data)
            .join("analysis")
            .join("words.bin"),
    )
    .unwrap();
    (p.rebuilt.clone(), segmented, words)
}

#[test]
fn a_changed_report_is_counted_again_and_the_rest_kept_as_a_full_count_would() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("corpus");
    std::fs::create_dir_all(&root).unwrap();
    for f in FILES {
        std::fs::write(root.join(f), Corpus::Demo.read(f).unwrap()).unwrap();
    }
    let data = tmp.path().join("data");
    let (why, segmented, before) = count(&root, &data);
    assert_eq!(why.as_deref(), Some("no analysis cache yet"));
    assert_eq!(segmented, 4);
    let (why, segmented, same) = count(&root, &data);
    assert_eq!((why, segmented), (None, 0), "the cache holds");
    assert!(same == before, "the cache was rewritten");

    // One report gains a paragraph with words no other report has.
    let changed = root.join(FILES[1]);
    let mut text = std::fs::read(&changed).unwrap();
    text.extend_from_slice("\n加快建设蓝绿交织的湾区碳汇走廊示范带。\n".as_bytes());
    std::fs::write(&changed, text).unwrap();
    let (why, segmented, again) = count(&root, &data);
    assert_eq!(why.as_deref(), Some("reports changed"));
    assert_eq!(segmented, 1, "only the changed report is segmented again");
    assert!(
        again != before,
        "the words of the changed report were not counted"
    );

    // The same bytes as counting the changed corpus from scratch.
    let fresh = tmp.path().join("fresh");
    let (_, segmented, scratch) = count(&root, &fresh);
    assert_eq!(segmented, 4);
    assert!(
        again == scratch,
        "a recount differs from a count from scratch"
    );
}

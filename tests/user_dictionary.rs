//! The user dictionary reaches the index: its words are segmented whole in the ranking
//! field, so a query ranks differently with it; and an index segmented with another
//! dictionary (or none) is rebuilt on the next open, which says so.

use std::path::Path;

use gwr::corpus::Corpus;
use gwr::search::{Engine, Limit, OpenOptions, Progress, Rebuild};

/// Two paragraphs with 信息技术 once each: the first shorter (in characters and in
/// ranking words), the second with it as a word of its own. jieba cuts 新一代信息技术 into 新一代 and 信息技术; with
/// 新一代信息技术 in the user dictionary it is one word, and the first paragraph no
/// longer has the word 信息技术 (search mode adds only the two- and three-character words
/// inside a longer one).
const REPORT: &str = "易县2023年政府工作报告
——2023年1月12日在易县第十七届人民代表大会第二次会议上
县长 某某
各位代表：
现在，我代表县人民政府向大会报告工作，请予审议。
一、产业发展
发展新一代信息技术。
推广信息技术，提高生产率，扩大覆盖面。
二、社会民生
";

fn filler(i: usize) -> String {
    format!("第{i}项民生工程按期完工，群众满意度提高，公共服务水平持续提升。\n")
}

fn setup(dir: &Path) -> Corpus {
    let corpus = dir.join("corpus");
    std::fs::create_dir_all(&corpus).unwrap();
    // Enough other paragraphs that 信息技术 is rare enough to rank with (a word in more
    // than a tenth of the paragraphs is left out of ranking).
    let mut text = REPORT.to_string();
    for i in 0..40 {
        text.push_str(&filler(i));
    }
    std::fs::write(corpus.join("易县2023年政府工作报告.txt"), text).unwrap();
    Corpus::dir(&corpus).unwrap()
}

/// The paragraphs `信息技术` finds, best first, and what the open said about a rebuild.
fn ranked(
    corpus: &Corpus,
    data: &Path,
    dictionary: Option<&Path>,
) -> (Vec<usize>, Vec<Rebuild>, Option<String>) {
    let opts = OpenOptions {
        dictionary: dictionary.map(Path::to_path_buf),
        ..OpenOptions::default()
    };
    let mut said = Vec::new();
    let engine = Engine::open_with(corpus, data, opts, &mut |p| {
        if let Progress::Rebuilding(why) = p {
            said.push(why);
        }
    })
    .unwrap();
    // Queries rank with jieba's words once it is loaded.
    engine.segmenter().jieba();
    let res = engine.search("信息技术", Limit::Top(10)).unwrap();
    assert_eq!(res.total_paragraphs, 2);
    let order = res.hits.iter().map(|h| h.paragraph).collect();
    (order, said, engine.stats().rebuilt.clone())
}

#[test]
fn the_user_dictionary_changes_ranking_and_rebuilds_the_index() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = setup(dir.path());
    let data = dir.path().join("data");
    let dict = dir.path().join("dict.txt");

    let (plain, said, rebuilt) = ranked(&corpus, &data, None);
    assert!(said.is_empty(), "a first build is no rebuild: {said:?}");
    assert_eq!(rebuilt.as_deref(), Some("no index yet"));
    // Both have the word 信息技术: the shorter paragraph first.
    let (short, long) = (plain[0], plain[1]);

    std::fs::write(&dict, "新一代信息技术 1000 n\n").unwrap();
    let (with, said, rebuilt) = ranked(&corpus, &data, Some(&dict));
    assert_eq!(said, vec![Rebuild::Dictionary]);
    assert_eq!(rebuilt.as_deref(), Some("the user dictionary changed"));
    // Only the longer paragraph has the word 信息技术 now, and it ranks first.
    assert_eq!(with, vec![long, short]);

    // The same dictionary again: no rebuild.
    let (again, said, rebuilt) = ranked(&corpus, &data, Some(&dict));
    assert_eq!((again, said, rebuilt), (vec![long, short], vec![], None));

    // An edited dictionary, then none: rebuilt each time.
    std::fs::write(&dict, "新一代信息技术 1000 n\n技术应用 10 n\n").unwrap();
    let (_, said, _) = ranked(&corpus, &data, Some(&dict));
    assert_eq!(said, vec![Rebuild::Dictionary]);
    let (back, said, _) = ranked(&corpus, &data, None);
    assert_eq!(said, vec![Rebuild::Dictionary]);
    assert_eq!(back, plain);
}

#[test]
fn a_bad_dictionary_stops_the_open_and_names_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = setup(dir.path());
    let dict = dir.path().join("dict.txt");
    std::fs::write(&dict, "新一代信息技术 lots n\n").unwrap();
    let opts = OpenOptions {
        dictionary: Some(dict),
        ..OpenOptions::default()
    };
    let e = Engine::open_with(&corpus, &dir.path().join("data"), opts, &mut |_| {})
        .err()
        .unwrap()
        .to_string();
    assert!(
        e.contains("dict.txt") && e.contains("line 1") && e.contains("remove `dictionary`"),
        "{e}"
    );
}

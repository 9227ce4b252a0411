//! `gwr diff` on two reports written here, with known added, removed, moved, changed and
//! unchanged sections and known new and dropped terms; and the user dictionary: a changed
//! file rebuilds the index and recomputes the word counts, and says so.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

const OLD: &str = "易县2022年政府工作报告
——2022年1月10日在易县第十七届人民代表大会第一次会议上
县长 某某
各位代表：
现在，我代表县人民政府向大会报告工作，请予审议。
一、农业农村
粮食生产稳定，果品产业壮大，农村道路硬化里程增加，农民收入稳步提高。
二、工业经济
工业园区扩容，钢铁企业改造完成，新材料项目投产，工业增加值增长。
三、生态环境
治理沙尘暴，保护湿地公园，空气质量好转，河流水质达标。
四、社会民生
新建学校两所，医院病床增加，养老服务覆盖乡镇，就业岗位增加。
五、政府建设
依法行政，政务公开，廉洁从政。
";

/// 社会民生 moved to the front (same text, new number), 农业农村 and 政府建设 unchanged
/// but renumbered or not, 工业经济 with its clauses in another order, 生态环境 removed,
/// 数字经济 added; the preamble's meeting line changed (第二次).
const NEW: &str = "易县2023年政府工作报告
——2023年1月12日在易县第十七届人民代表大会第二次会议上
县长 某某
各位代表：
现在，我代表县人民政府向大会报告工作，请予审议。
一、社会民生
新建学校两所，医院病床增加，养老服务覆盖乡镇，就业岗位增加。
二、农业农村
粮食生产稳定，果品产业壮大，农村道路硬化里程增加，农民收入稳步提高。
三、工业经济
工业园区扩容，新材料项目投产，钢铁企业改造完成，工业增加值增长。
四、数字经济
建设算力中心，培育数据要素市场，工业园区接入算力中心。
五、政府建设
依法行政，政务公开，廉洁从政。
";

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gwr"))
        .arg("--corpus")
        .arg(dir.join("corpus"))
        .arg("--data-dir")
        .arg(dir.join("data"))
        .arg("--config")
        .arg(dir.join("config.toml"))
        .args(args)
        .output()
        .unwrap()
}

fn setup(dictionary: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    std::fs::write(corpus.join("易县2022年政府工作报告.txt"), OLD).unwrap();
    std::fs::write(corpus.join("易县2023年政府工作报告.txt"), NEW).unwrap();
    std::fs::write(dir.path().join("dict.txt"), dictionary).unwrap();
    // Relative to the config file.
    std::fs::write(
        dir.path().join("config.toml"),
        "dictionary = \"dict.txt\"\n",
    )
    .unwrap();
    dir
}

fn words(v: &Value) -> Vec<(String, u64)> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["word"].as_str().unwrap().to_string(),
                t["count"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn diff_reports_the_known_changes_exactly() {
    let dir = setup("算力中心 1000 n\n数据要素 1000 n\n");
    let out = run(
        dir.path(),
        &["diff", "130633-2022", "130633-2023", "--json"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let d: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(d["old"], "130633-2022");
    assert_eq!(d["new"], "130633-2023");
    let side = |s: &Value| {
        if s.is_null() {
            String::new()
        } else {
            format!(
                "{} {}",
                s["path"].as_str().unwrap(),
                s["title"].as_str().unwrap()
            )
        }
    };
    let got: Vec<(String, String, String)> = d["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["change"].as_str().unwrap().to_string(),
                side(&s["old"]),
                side(&s["new"]),
            )
        })
        .collect();
    let want: Vec<(String, String, String)> = [
        ("changed", "0 前言", "0 前言"),
        ("moved", "4 社会民生", "1 社会民生"),
        ("same", "1 农业农村", "2 农业农村"),
        ("changed", "2 工业经济", "3 工业经济"),
        ("removed", "3 生态环境", ""),
        ("added", "", "4 数字经济"),
        ("same", "5 政府建设", "5 政府建设"),
    ]
    .iter()
    .map(|(a, b, c)| ((*a).to_string(), (*b).to_string(), (*c).to_string()))
    .collect();
    assert_eq!(got, want);
    // The added section's words (建设 and 培育 are function words; 工业园区 is in both),
    // the dictionary keeping 算力中心 and 数据要素 whole.
    let s = |w: &str, c: u64| (w.to_string(), c);
    assert_eq!(
        words(&d["new_terms"]),
        [
            s("算力中心", 2),
            s("市场", 1),
            s("接入", 1),
            s("数字经济", 1),
            s("数据要素", 1)
        ]
    );
    // The removed section's words (jieba cuts 湿地公园 in two); 第一次 and 第二次 are
    // numbers, not terms.
    assert_eq!(
        words(&d["dropped_terms"]),
        [
            s("保护", 1),
            s("公园", 1),
            s("好转", 1),
            s("水质", 1),
            s("沙尘暴", 1),
            s("河流", 1),
            s("治理", 1),
            s("湿地", 1),
            s("生态环境", 1),
            s("空气质量", 1),
            s("达标", 1),
        ]
    );
}

#[test]
fn changing_the_user_dictionary_recomputes_the_words_and_says_so() {
    let dir = setup("算力中心 1000 n\n");
    let new_terms = |out: &Output| -> Vec<String> {
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let d: Value = serde_json::from_slice(&out.stdout).unwrap();
        words(&d["new_terms"]).into_iter().map(|w| w.0).collect()
    };
    let args = ["diff", "130633-2022", "130633-2023", "--json"];
    let first = run(dir.path(), &args);
    assert!(!new_terms(&first).contains(&"数据要素".to_string()));
    let err = String::from_utf8_lossy(&first.stderr);
    assert!(err.contains("no analysis cache yet"), "{err}");
    assert!(
        err.contains("counting the words of 2 reports for keywords and diffs (once"),
        "{err}"
    );
    let again = run(dir.path(), &args);
    assert!(
        !String::from_utf8_lossy(&again.stderr).contains("word counts computed"),
        "an unchanged dictionary keeps the cache: {}",
        String::from_utf8_lossy(&again.stderr)
    );
    std::fs::write(
        dir.path().join("dict.txt"),
        "算力中心 1000 n\n数据要素 1000 n\n",
    )
    .unwrap();
    let after = run(dir.path(), &args);
    assert!(new_terms(&after).contains(&"数据要素".to_string()));
    let err = String::from_utf8_lossy(&after.stderr);
    // The index is segmented with the dictionary too: rebuilt, and said so.
    assert!(
        err.contains("gwr: rebuilding the search index: the user dictionary changed"),
        "{err}"
    );
    assert!(
        err.contains("word counts computed for 2 reports (the user dictionary changed)"),
        "{err}"
    );
    // A malformed dictionary names the file and the line.
    std::fs::write(dir.path().join("dict.txt"), "算力中心 many n\n").unwrap();
    let bad = run(dir.path(), &args);
    assert!(!bad.status.success());
    let err = String::from_utf8_lossy(&bad.stderr);
    assert!(err.contains("dict.txt") && err.contains("line 1"), "{err}");
}

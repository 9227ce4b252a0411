//! `gwr glossary`: every 名词解释 entry of the demo corpus, as many as the golden files
//! (written by reading the reports) count, with the entries read from the reports.

use serde_json::Value;

#[path = "common/demo.rs"]
mod demo;

fn glossary(data: &std::path::Path, args: &[&str]) -> Value {
    let args: Vec<&str> = ["glossary"]
        .into_iter()
        .chain(args.iter().copied())
        .chain(["--json"])
        .collect();
    demo::json(data, &args)
}

#[test]
fn the_glossary_has_every_entry_of_the_corpus() {
    let data = tempfile::tempdir().unwrap();
    let all = glossary(data.path(), &[]);
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let golden: u64 = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "toml"))
        .map(|e| {
            let v: toml::Value =
                toml::from_str(&std::fs::read_to_string(e.path()).unwrap()).unwrap();
            v["glossary"].as_integer().unwrap() as u64
        })
        .sum();
    assert_eq!(all.as_array().unwrap().len() as u64, golden);
    // Two reports define AED: 2022年南山区政府工作报告 line 95 (“19.AED：自动体外除颤器，…”,
    // its paragraph 94) and 2024年南山区政府工作报告 line 93 (“7.AED：即自动体外除颤器，…”,
    // paragraph 92).
    let aed = glossary(data.path(), &["AED"]);
    let got: Vec<(&str, &str, u64)> = aed
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            assert_eq!(e["term"], "AED");
            (
                e["report"].as_str().unwrap(),
                e["definition"].as_str().unwrap(),
                e["paragraph"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                "440305-2022",
                "自动体外除颤器，可被非专业人员使用的用于抢救心脏骤停患者的医疗设备。",
                94
            ),
            (
                "440305-2024",
                "即自动体外除颤器，一种可供非专业人员用于抢救心脏骤停患者的便携式医疗设备。",
                92
            ),
        ]
    );
    // A term nobody defines: an empty list in JSON.
    assert_eq!(
        glossary(data.path(), &["没有这个词条"]),
        Value::Array(Vec::new())
    );
}

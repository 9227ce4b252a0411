//! `gwr config` (settings in effect, every file with its size, a bad line named) and
//! `gwr marks` (marks set through the library, printed as a list, Markdown and CSV).

use std::path::Path;
use std::process::Command;

use gwr::corpus::Corpus;
use gwr::marks::{Mark, Marks};
use gwr::search::Engine;

fn gwr(data: &Path, config: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_gwr"))
        .env_remove("GWR_LANG")
        .env_remove("NO_COLOR")
        .args(["--demo", "--data-dir"])
        .arg(data)
        .arg("--config")
        .arg(config)
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn config_prints_settings_and_files_with_sizes() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let config = dir.path().join("config.toml");
    std::fs::write(
        &config,
        "lang = \"en\"\n[keys]\nstart_search = \"Ctrl-f /\"\n[theme]\nhit = \"black on yellow\"\n",
    )
    .unwrap();
    // An index to measure.
    let (code, _, err) = gwr(&data, &config, &["index"]);
    assert_eq!(code, Some(0), "{err}");
    let (code, out, err) = gwr(&data, &config, &["config"]);
    assert_eq!(code, Some(0), "{err}");
    let line = |what: &str| {
        out.lines()
            .find(|l| l.trim_start().starts_with(what))
            .unwrap_or_else(|| panic!("no {what} line in\n{out}"))
            .to_string()
    };
    assert!(line("lang").contains("en (config file)"), "{out}");
    assert!(line("keys").contains("start_search = Ctrl-f /"), "{out}");
    assert!(line("colours").contains("hit = Black on Yellow"), "{out}");
    assert!(
        line("config").contains(&config.display().to_string()),
        "{out}"
    );
    assert!(line("config").ends_with("B)"), "{out}");
    assert!(line("index").contains("corpora"), "{out}");
    assert!(line("index").ends_with("MB)"), "{out}");
    assert!(line("log").contains("gwr.log"), "{out}");
    assert!(line("marks").ends_with("(not there yet)"), "{out}");
}

#[test]
fn a_bad_config_line_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    std::fs::write(
        &config,
        "mouse = true\n\n[theme]\nhit = \"black on mauve\"\n",
    )
    .unwrap();
    let (code, out, err) = gwr(dir.path(), &config, &["config"]);
    assert_eq!(code, Some(1));
    assert!(out.is_empty());
    assert_eq!(
        err.trim_end(),
        format!(
            "gwr: {}, line 4: hit: `mauve` is not a colour: write a name (yellow, lightred, \
             darkgray), #rrggbb or 0-255, and \"fg on bg\" for both",
            config.display()
        )
    );
}

#[test]
fn marks_print_as_a_list_markdown_and_csv() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let config = dir.path().join("none.toml");
    let (_, _, err) = gwr(&data, &config, &["marks"]);
    assert!(err.contains("no marks yet"), "{err}");

    let engine = Engine::open(&Corpus::Demo, &data, &mut |_| {}).unwrap();
    let report = engine.load_report("130000-2024").unwrap();
    let i = report
        .paragraphs
        .iter()
        .position(|p| p.text.starts_with("精准发力促进消费提振"))
        .unwrap();
    let mut marks = Marks::load(&Marks::file(&Corpus::Demo, &data)).unwrap();
    marks.set('q', Mark::of(&report, i));
    marks.save().unwrap();

    let (code, out, _) = gwr(&data, &config, &["marks"]);
    assert_eq!(code, Some(0));
    assert!(
        out.starts_with("q  《2024年河北省政府工作报告》二、（二）第4段  精准发力促进消费提振"),
        "{out}"
    );
    let (_, md, _) = gwr(&data, &config, &["marks", "--md"]);
    assert!(md.starts_with("> 精准发力促进消费提振"), "{md}");
    assert!(
        md.contains("《2024年河北省政府工作报告》二、（二）第4段，河北省，2024年"),
        "{md}"
    );
    let (_, csv, _) = gwr(&data, &config, &["marks", "--csv"]);
    assert!(csv.starts_with("mark,citation,"), "{csv}");
    assert!(
        csv.contains("\r\nq,《2024年河北省政府工作报告》二、（二）第4段,"),
        "{csv}"
    );
    let (code, _, err) = gwr(&data, &config, &["marks", "--md", "--csv"]);
    assert_eq!(code, Some(2), "{err}");
}

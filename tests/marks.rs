//! Marks: citations read off the demo reports, persistence across a restart (a fresh
//! load of the file), and the Markdown and CSV exports carrying each citation.
//!
//! Expected citations come from reading the reports: in `河北省_2024_report.txt` the
//! section （二）充分挖掘内需潜力 of part 二 opens with its heading run into its first
//! paragraph, and its fourth paragraph begins 精准发力促进消费提振; in
//! `国务院政府工作报告_2024年.txt` the heading 一、2023年工作回顾 stands on its own line,
//! followed by 过去一年 (第1段) and ——经济总体回升向好 (第2段).

use std::sync::OnceLock;

use gwr::corpus::{Corpus, Report};
use gwr::marks::{Mark, Marks};
use gwr::search::Engine;

fn reports() -> &'static (Report, Report) {
    static R: OnceLock<(Report, Report)> = OnceLock::new();
    R.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let engine = Engine::open(&Corpus::Demo, dir.path(), &mut |_| {}).unwrap();
        (
            engine.load_report("130000-2024").unwrap(),
            engine.load_report("100000-2024").unwrap(),
        )
    })
}

fn paragraph_starting(r: &Report, start: &str) -> usize {
    r.paragraphs
        .iter()
        .position(|p| p.text.starts_with(start))
        .unwrap_or_else(|| panic!("no paragraph starts with {start}"))
}

#[test]
fn citations_name_the_report_section_and_paragraph() {
    let (hebei, national) = reports();
    let i = paragraph_starting(hebei, "精准发力促进消费提振");
    let m = Mark::of(hebei, i);
    assert_eq!(m.citation(), "《2024年河北省政府工作报告》二、（二）第4段");
    assert_eq!(m.region, "河北省");
    assert_eq!(m.year, Some(2024));
    assert_eq!(m.section, "二、（二）");
    assert_eq!(m.section_path, "2.2");
    assert_eq!(m.number, 4);
    assert!(m.text.starts_with("精准发力促进消费提振"));
    // A heading run into its paragraph is that section's first paragraph.
    let i = paragraph_starting(hebei, "（二）充分挖掘内需潜力");
    assert_eq!(Mark::of(hebei, i).place(), "二、（二）第1段");

    // A heading on a line of its own is cited as the section; the text after it counts from 1.
    let i = paragraph_starting(national, "一、2023年工作回顾");
    assert_eq!(
        Mark::of(national, i).citation(),
        "《2024年国务院政府工作报告》一、"
    );
    assert_eq!(Mark::of(national, i + 1).place(), "一、第1段");
    assert!(national.paragraphs[i + 1].text.starts_with("过去一年"));
    let i = paragraph_starting(national, "——经济总体回升向好");
    assert_eq!(Mark::of(national, i).place(), "一、第2段");
    assert_eq!(Mark::of(national, i).region, "全国");
    // Unnumbered parts are named by their title.
    let i = paragraph_starting(national, "各位代表：");
    assert!(Mark::of(national, i).place().starts_with("前言第"));
}

#[test]
fn marks_survive_a_restart() {
    let (hebei, national) = reports();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("corpora/demo/marks.json");
    let mut marks = Marks::load(&file).unwrap();
    assert!(marks.is_empty());
    let a = Mark::of(hebei, paragraph_starting(hebei, "精准发力促进消费提振"));
    let b = Mark::of(national, paragraph_starting(national, "——经济总体回升向好"));
    marks.set('a', a.clone());
    marks.set('B', b.clone());
    marks.set('c', b.clone());
    assert!(marks.remove('c'));
    marks.save().unwrap();
    drop(marks);

    // A new process: read from disk.
    let again = Marks::load(&file).unwrap();
    assert_eq!(again.len(), 2);
    assert_eq!(again.get('a'), Some(&a));
    assert_eq!(again.get('B'), Some(&b));
    assert_eq!(again.get('c'), None);
    assert!(!file.with_extension("json.tmp").exists());

    // A damaged file is an error that names it and the way out.
    std::fs::write(&file, "{not json").unwrap();
    let e = Marks::load(&file).unwrap_err().to_string();
    assert!(e.contains("marks.json is damaged"), "{e}");
    assert!(e.contains("move it aside"), "{e}");
}

#[test]
fn exports_carry_the_citation() {
    let (hebei, national) = reports();
    let dir = tempfile::tempdir().unwrap();
    let mut marks = Marks::load(&dir.path().join("marks.json")).unwrap();
    marks.set(
        'a',
        Mark::of(hebei, paragraph_starting(hebei, "精准发力促进消费提振")),
    );
    marks.set(
        'b',
        Mark::of(national, paragraph_starting(national, "——经济总体回升向好")),
    );

    let md = marks.to_markdown();
    let quotes: Vec<&str> = md.split("\n\n").collect();
    assert_eq!(quotes.len(), 2, "{md}");
    assert!(quotes[0].starts_with("> 精准发力促进消费提振"), "{md}");
    assert!(
        quotes[0].ends_with(
            "> —— 《2024年河北省政府工作报告》二、（二）第4段，河北省，2024年（标记 a）"
        ),
        "{md}"
    );
    assert!(quotes[1].starts_with("> ——经济总体回升向好"), "{md}");
    assert!(
        quotes[1].contains("《2024年国务院政府工作报告》一、第2段，全国，2024年"),
        "{md}"
    );

    let csv = marks.to_csv();
    let rows: Vec<&str> = csv.split("\r\n").filter(|r| !r.is_empty()).collect();
    assert_eq!(rows.len(), 3, "{csv}");
    assert_eq!(
        rows[0],
        "mark,citation,title,region,year,section,section_path,paragraph,report,paragraph_index,text"
    );
    let hebei_row = rows[1];
    assert!(
        hebei_row.starts_with(
            "a,《2024年河北省政府工作报告》二、（二）第4段,2024年河北省政府工作报告,河北省,2024,二、（二）,2.2,4,130000-2024,"
        ),
        "{hebei_row}"
    );
    // The text has commas (，is not one, but a field with , or " is quoted).
    assert!(hebei_row.contains(",精准发力促进消费提振"), "{hebei_row}");
}

#[test]
fn csv_quotes_fields_with_commas_and_quotes() {
    let (hebei, _) = reports();
    let mut m = Mark::of(hebei, 0);
    m.text = "a, \"b\"\nc".to_string();
    let dir = tempfile::tempdir().unwrap();
    let mut marks = Marks::load(&dir.path().join("marks.json")).unwrap();
    marks.set('z', m);
    assert!(marks.to_csv().ends_with(",\"a, \"\"b\"\"\nc\"\r\n"));
}

//! The section tree over every demo report, through the whole pipeline: the paragraphs are
//! the cleaned text, every paragraph sits in exactly one section, the ranges nest; and a few
//! reports' titles and glossaries checked against what they say.

use std::collections::HashSet;

use gwr::corpus::structure::{Outline, build};
use gwr::corpus::{Corpus, Report, SectionKind, clean, decode, parse_report};

fn demo_reports() -> Vec<(String, Vec<String>, Report)> {
    Corpus::Demo
        .files()
        .unwrap()
        .into_iter()
        .filter_map(|f| {
            let bytes = Corpus::Demo.read(&f.rel).unwrap();
            let report = parse_report(&f.rel, &bytes).ok()?;
            let text = decode::decode(&bytes).unwrap().text;
            Some((f.rel, clean::clean(&text).lines, report))
        })
        .collect()
}

/// Checks every invariant of a section tree over `n` paragraphs.
fn check_tree(name: &str, sections: &[gwr::corpus::Section], paragraph_sections: &[usize]) {
    let n = paragraph_sections.len();
    if n == 0 {
        assert!(sections.is_empty(), "{name}: sections without text");
        return;
    }
    assert!(!sections.is_empty(), "{name}: no sections");
    // Paths are unique.
    let mut paths = HashSet::new();
    for s in sections {
        assert!(
            paths.insert(s.path.clone()),
            "{name}: path {} twice",
            s.path
        );
    }
    // Top-level sections tile the text in order.
    let tops: Vec<&gwr::corpus::Section> = sections.iter().filter(|s| s.parent.is_none()).collect();
    assert_eq!(
        tops[0].first_paragraph, 0,
        "{name}: text before the first section"
    );
    assert_eq!(
        tops.last().unwrap().end_paragraph,
        n,
        "{name}: text after the last section"
    );
    for w in tops.windows(2) {
        assert_eq!(
            w[0].end_paragraph, w[1].first_paragraph,
            "{name}: gap or overlap at top level"
        );
    }
    for (i, s) in sections.iter().enumerate() {
        assert!(
            s.first_paragraph <= s.end_paragraph,
            "{name}: section {i} reversed"
        );
        // Parent and children agree, and children nest in order inside their parent.
        if let Some(p) = s.parent {
            assert!(p < i, "{name}: parent after child");
            assert!(
                sections[p].children.contains(&i),
                "{name}: {i} not among its parent's children"
            );
            assert_eq!(
                s.level,
                sections[p].level + 1,
                "{name}: level of {}",
                s.path
            );
            assert!(
                s.path.starts_with(&format!("{}.", sections[p].path)),
                "{name}: path {}",
                s.path
            );
            assert!(
                sections[p].first_paragraph < s.first_paragraph
                    && s.end_paragraph <= sections[p].end_paragraph,
                "{name}: {} not inside its parent",
                s.path
            );
        } else {
            assert_eq!(
                s.level, 1,
                "{name}: top-level section {} at level {}",
                s.path, s.level
            );
        }
        for &c in &s.children {
            assert_eq!(
                sections[c].parent,
                Some(i),
                "{name}: child {c} of {i} disowns it"
            );
        }
        for w in s.children.windows(2) {
            assert_eq!(
                sections[w[0]].end_paragraph, sections[w[1]].first_paragraph,
                "{name}: siblings {} and {} do not meet",
                sections[w[0]].path, sections[w[1]].path
            );
        }
        if let Some(&last) = s.children.last() {
            assert_eq!(
                sections[last].end_paragraph, s.end_paragraph,
                "{name}: {} ends early",
                s.path
            );
        }
    }
    // Every paragraph is in exactly one section: the innermost one whose range holds it.
    for (i, &sec) in paragraph_sections.iter().enumerate() {
        let s = &sections[sec];
        assert!(
            s.first_paragraph <= i && i < s.end_paragraph,
            "{name}: paragraph {i} outside its section {}",
            s.path
        );
        for &c in &s.children {
            let c = &sections[c];
            assert!(
                !(c.first_paragraph <= i && i < c.end_paragraph),
                "{name}: paragraph {i} belongs to the inner section {}",
                c.path
            );
        }
    }
}

#[test]
fn every_demo_report_keeps_its_text_and_a_sound_tree() {
    let reports = demo_reports();
    assert!(
        reports.len() >= 30,
        "only {} demo reports parsed",
        reports.len()
    );
    for (name, lines, report) in &reports {
        let texts: Vec<&str> = report.paragraphs.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(&texts, lines, "{name}: paragraphs are not the cleaned text");
        let owners: Vec<usize> = report.paragraphs.iter().map(|p| p.section).collect();
        check_tree(name, &report.sections, &owners);
        for g in &report.glossary {
            let s = &report.sections[report.paragraphs[g.paragraph].section];
            assert_eq!(
                s.kind,
                SectionKind::Glossary,
                "{name}: entry {} outside the glossary",
                g.term
            );
        }
    }
}

#[test]
fn tree_invariants_hold_on_odd_inputs() {
    let cases: Vec<Vec<&str>> = vec![
        vec![],
        vec!["一、"],
        vec!["名词解释", "1.甲：乙"],
        vec!["各位代表！让我们更加紧密地团结起来。"],
        vec![
            "一、甲",
            "（一）乙",
            "1.丙",
            "（1）丁",
            "①戊",
            "二、己",
            "名 词 解 释",
            "附件：",
            "x",
        ],
        vec![
            "2017年工作回顾",
            "一、甲",
            "2018年主要工作",
            "一、乙",
            "附件",
        ],
        vec![
            "（三）乙",
            "一、甲",
            "三、丙",
            "二、丁",
            "（一）戊",
            "（二）己",
            "1.5亿元",
        ],
    ];
    for (k, lines) in cases.into_iter().enumerate() {
        let lines: Vec<String> = lines.into_iter().map(String::from).collect();
        let o: Outline = build(lines.clone());
        let texts: Vec<String> = o.paragraphs.iter().map(|p| p.text.clone()).collect();
        assert_eq!(texts, lines, "case {k}");
        let owners: Vec<usize> = o.paragraphs.iter().map(|p| p.section).collect();
        check_tree(&format!("case {k}"), &o.sections, &owners);
    }
}

fn report(file: &str) -> Report {
    let bytes = Corpus::Demo.read(file).unwrap();
    parse_report(file, &bytes).unwrap()
}

/// Titles of the top-level sections and their children's numbers, read from the reports.
#[test]
fn titles_match_the_reports() {
    let r = report("000_f572882625c485d1.txt");
    assert_eq!(
        r.top_level_titles(),
        [
            "2019年和今年以来工作回顾",
            "今年发展主要目标和下一阶段工作部署",
            "努力建设人民满意政府"
        ]
    );
    let first = r.section_by_path("1").unwrap();
    assert_eq!(r.sections[first].children.len(), 7);
    assert_eq!(
        r.sections[r.section_by_path("1.1").unwrap()].title,
        "攻坚任务取得积极进展"
    );
    assert_eq!(
        r.sections[r.section_by_path("2.8").unwrap()].title,
        "提升社会治理能力,全力维护和谐稳定"
    );

    // Run-in headings: the lead phrase up to the first 。.
    let r = report("004_6decaba540618215.txt");
    assert_eq!(
        r.sections[r.section_by_path("1.1").unwrap()].title,
        "聚焦短板弱项,三大攻坚战取得实效"
    );
    assert_eq!(
        r.sections[r.section_by_path("2").unwrap()].children.len(),
        10
    );

    // Unnumbered top level with 一、 restarting inside each part.
    let r = report("2018年南山区政府工作报告_2018.txt");
    assert_eq!(r.top_level_titles(), ["2017年工作回顾", "2018年主要工作"]);
    assert_eq!(
        r.sections[r.section_by_path("2").unwrap()].children.len(),
        8
    );
    assert_eq!(
        r.sections[r.section_by_path("1.2").unwrap()].title,
        "科技创新新业绩"
    );

    // （一） as the outermost numbering of an excerpt.
    let r = report("保定市_2024_report.txt");
    assert_eq!(r.top_level_titles().len(), 6);
    assert_eq!(
        r.top_level_titles()[0],
        "聚力灾后恢复重建，提升防灾减灾救灾能力"
    );
}

#[test]
fn glossaries_match_the_reports() {
    for (file, entries, first_term) in [
        ("003_47f0735d5ffac42a.txt", 25, "“六稳”“六保”"),
        ("2022年南山区政府工作报告_2022.txt", 19, "“四上”企业"),
        (
            "2023年南山区政府工作报告_2023.txt",
            20,
            "14大战略性新兴产业和7大未来产业",
        ),
        ("2024年南山区政府工作报告_2024.txt", 30, "“四上”企业"),
        (
            "龙华区2021年政府工作报告_2021.txt",
            19,
            "跨境司机“五个一”管理服务",
        ),
        ("2026_四川省_政府工作报告.full_text.txt", 20, "“两重”"),
    ] {
        let r = report(file);
        assert_eq!(r.glossary.len(), entries, "{file}");
        assert_eq!(r.glossary[0].term, first_term, "{file}");
        let g = r
            .sections
            .iter()
            .find(|s| s.kind == SectionKind::Glossary)
            .unwrap();
        assert!(g.path.starts_with('A'), "{file}");
        assert!(
            !r.top_level_titles().iter().any(|t| t.contains("名词解释")),
            "{file}"
        );
    }
    // 龙华: “18.8所1中心：…” is entry 18 (term 8所1中心), not the number 18.8.
    let r = report("龙华区2021年政府工作报告_2021.txt");
    assert_eq!(r.glossary[17].term, "8所1中心");
    // 2016年南山区 ends with an 附件 list: an appendix, not a glossary.
    let r = report("2016年南山区政府工作报告_2016.txt");
    assert!(r.glossary.is_empty());
    assert_eq!(r.sections.last().unwrap().kind, SectionKind::Appendix);
}

mod no_panic {
    use gwr::corpus::meta::{MetaInput, extract};
    use gwr::corpus::structure::build;
    use proptest::prelude::*;

    /// Lines built from the characters the parsers look at.
    fn line() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "一",
            "二",
            "三",
            "十",
            "、",
            "（",
            "）",
            "(",
            ")",
            "1",
            "2",
            "0",
            ".",
            "．",
            "①",
            "②",
            "第",
            "部分",
            "章",
            "各位代表",
            "同志们",
            "：",
            ":",
            "。",
            "，",
            "！",
            "年",
            "月",
            "日",
            "在",
            "届",
            "人民代表大会",
            "次会议",
            "上",
            "名词解释",
            "名 词 解 释",
            "附件",
            "——",
            "—",
            "人民政府",
            "县长",
            "市长",
            "国务院总理",
            "代",
            " ",
            "\u{3000}",
            "张三",
            "工作回顾",
            "政府工作报告",
            "“",
            "”",
            "[",
            "]",
            "?",
            "\u{fffd}",
            "a",
            "Z",
            "〇",
            "○",
            "标题",
            "让我们",
            "更加紧密",
        ]);
        prop::collection::vec(pieces, 0..12).prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]
        #[test]
        fn structure_and_meta_never_panic(
            lines in prop::collection::vec(line(), 0..40),
            furniture in prop::collection::vec(line(), 0..4),
        ) {
            let o = build(lines.clone());
            prop_assert_eq!(o.paragraphs.len(), lines.len());
            let owners: Vec<usize> = o.paragraphs.iter().map(|p| p.section).collect();
            super::check_tree("generated", &o.sections, &owners);
            let _ = extract(&MetaInput { file: "x/2020.txt", lines: &lines, furniture: &furniture });
        }
    }
}

use super::*;

fn lines(s: &[&str]) -> Vec<String> {
    s.iter().map(|l| (*l).to_string()).collect()
}

/// (path, title, level, kind) of every section.
fn shape(o: &Outline) -> Vec<(String, String, u8, SectionKind)> {
    o.sections
        .iter()
        .map(|s| (s.path.clone(), s.title.clone(), s.level, s.kind))
        .collect()
}

fn paths_titles(o: &Outline) -> Vec<(&str, &str)> {
    o.sections
        .iter()
        .map(|s| (s.path.as_str(), s.title.as_str()))
        .collect()
}

const P: &str = "去年以来，我们坚持稳中求进工作总基调，经济社会持续健康发展。";

#[test]
fn chinese_levels_and_preamble() {
    let o = build(lines(&[
        "政府工作报告",
        "——2020年3月31日在市八届人大六次会议上",
        "市长 李春生",
        "各位代表：",
        "现在，我代表市人民政府向大会报告工作。",
        "一、2019年工作回顾",
        P,
        "（一）聚焦短板弱项，三大攻坚战取得实效。脱贫攻坚成果巩固。",
        "(二)众志成城,全力抗击新冠肺炎疫情。在党中央坚强领导下。",
        "二、2020年主要工作",
        "（一）坚持抓重点攻难点",
        "1.加快项目建设",
        P,
        "2．推进改革",
        "（1）深化放管服",
        "（2）优化营商环境：持续推进。",
        "①第一件",
        "②第二件",
        "（二）坚持抓项目稳增长",
    ]));
    assert_eq!(
        paths_titles(&o),
        vec![
            ("0", "前言"),
            ("1", "2019年工作回顾"),
            ("1.1", "聚焦短板弱项，三大攻坚战取得实效"),
            ("1.2", "众志成城,全力抗击新冠肺炎疫情"),
            ("2", "2020年主要工作"),
            ("2.1", "坚持抓重点攻难点"),
            ("2.1.1", "加快项目建设"),
            ("2.1.2", "推进改革"),
            ("2.1.2.1", "深化放管服"),
            ("2.1.2.2", "优化营商环境"),
            ("2.1.2.2.1", "第一件"),
            ("2.1.2.2.2", "第二件"),
            ("2.2", "坚持抓项目稳增长"),
        ]
    );
    assert_eq!(o.sections[1].number.as_deref(), Some("一"));
    assert_eq!(o.sections[2].number.as_deref(), Some("（一）"));
    assert_eq!(o.sections[10].level, 5);
    assert_eq!(o.sections[0].end_paragraph, 5);
    assert!(o.paragraphs[5].heading);
    assert!(!o.paragraphs[6].heading);
}

#[test]
fn skipped_level_nests_under_the_parent() {
    let o = build(lines(&[
        "各位代表：",
        "一、工作回顾",
        "1.经济平稳",
        P,
        "2.民生改善",
        "二、今年安排",
        "（一）稳增长",
        "1.抓项目",
    ]));
    assert_eq!(
        shape(&o)[1..]
            .iter()
            .map(|(p, t, l, _)| (p.as_str(), t.as_str(), *l))
            .collect::<Vec<_>>(),
        vec![
            ("1", "工作回顾", 1),
            ("1.1", "经济平稳", 2),
            ("1.2", "民生改善", 2),
            ("2", "今年安排", 1),
            ("2.1", "稳增长", 2),
            ("2.2", "抓项目", 2),
        ]
    );
}

#[test]
fn numbered_lines_that_are_not_headings() {
    let o = build(lines(&[
        "各位代表：",
        "一、工作回顾",
        "1.5亿元用于民生，一是加快建设，二是优化服务。",
        "一是经济平稳。",
        "五、这是一个不在序列中的编号",
        "1.第一项",
        "3.不连续的编号，不是标题。后面还有很多话。",
        "二、今年安排",
        "1、2号线建成通车。",
        "（二）不是从一开始的编号",
    ]));
    assert_eq!(
        paths_titles(&o)[1..],
        [("1", "工作回顾"), ("1.1", "第一项"), ("2", "今年安排")]
    );
}

#[test]
fn run_in_heading_takes_the_lead_phrase() {
    assert_eq!(
        heading_title("众志成城,全力抗击新冠肺炎疫情。在党中央坚强领导下，我们……"),
        "众志成城,全力抗击新冠肺炎疫情"
    );
    assert_eq!(
        heading_title("坚持创新驱动：推动产业升级。"),
        "坚持创新驱动"
    );
    assert_eq!(heading_title("2019年工作回顾："), "2019年工作回顾");
    assert_eq!(heading_title("　加强政府自身建设，"), "加强政府自身建设");
    // a character lost in conversion
    assert_eq!(heading_title("2014年重点工作?"), "2014年重点工作");
}

#[test]
fn unnumbered_top_level_parts() {
    let o = build(lines(&[
        "各位代表：",
        "现在，我代表南山区人民政府向大会作政府工作报告，请予审议。",
        "　　2017年工作回顾",
        P,
        "　　一、经济发展新业绩",
        P,
        "　　二、科技创新新业绩",
        P,
        "　　2018年主要工作",
        P,
        "　　一、对标国际、瞄准一流，实施营商环境改革行动",
        "　　（一）优化政务服务",
        "　　二、高位竞进、总部集聚，实施实体经济强基行动",
        "各位代表！让我们更加紧密地团结在以习近平同志为核心的党中央周围。",
    ]));
    assert_eq!(
        shape(&o),
        vec![
            ("0".into(), "前言".into(), 1, SectionKind::Preamble),
            ("1".into(), "2017年工作回顾".into(), 1, SectionKind::Body),
            ("1.1".into(), "经济发展新业绩".into(), 2, SectionKind::Body),
            ("1.2".into(), "科技创新新业绩".into(), 2, SectionKind::Body),
            ("2".into(), "2018年主要工作".into(), 1, SectionKind::Body),
            (
                "2.1".into(),
                "对标国际、瞄准一流，实施营商环境改革行动".into(),
                2,
                SectionKind::Body
            ),
            ("2.1.1".into(), "优化政务服务".into(), 3, SectionKind::Body),
            (
                "2.2".into(),
                "高位竞进、总部集聚，实施实体经济强基行动".into(),
                2,
                SectionKind::Body
            ),
            ("C".into(), "结束语".into(), 1, SectionKind::Closing),
        ]
    );
    assert_eq!(top_level(&o), ["2017年工作回顾", "2018年主要工作"]);
}

fn top_level(o: &Outline) -> Vec<String> {
    crate::corpus::model::top_level_titles(&o.sections)
}

#[test]
fn bare_parts_without_any_numbering() {
    let o = build(lines(&[
        "保定市人民政府市长 闫继红",
        "2022年政府工作回顾",
        "1月30日，市长闫继红在市十六届人大四次会议上作政府工作报告时说。",
        "一是经济运行稳中有进、稳中向好。",
        "阔步迈上新征程",
        P,
        "2023年主要工作",
        P,
    ]));
    assert_eq!(
        top_level(&o),
        ["2022年政府工作回顾", "阔步迈上新征程", "2023年主要工作"]
    );
}

#[test]
fn a_short_line_without_a_restart_is_not_a_part() {
    let o = build(lines(&[
        "各位代表：",
        "一、工作回顾",
        "主要经济指标",
        P,
        "二、今年安排",
    ]));
    assert_eq!(top_level(&o), ["工作回顾", "今年安排"]);
}

#[test]
fn part_numbering() {
    let o = build(lines(&[
        "各位代表：",
        "第一部分 过去一年工作回顾",
        "一、经济平稳",
        "第二部分　今年工作安排",
        "一、稳增长",
    ]));
    assert_eq!(
        paths_titles(&o)[1..],
        [
            ("1", "过去一年工作回顾"),
            ("1.1", "经济平稳"),
            ("2", "今年工作安排"),
            ("2.1", "稳增长")
        ]
    );
}

#[test]
fn closing_and_glossary() {
    let o = build(lines(&[
        "各位代表：",
        "一、工作回顾",
        P,
        "二、今年安排",
        P,
        "各位代表，万众一心加油干，越是艰险越向前！",
        "各位代表！实干铸就伟业，奋斗开创未来。让我们更加紧密地团结在一起！",
        "名 词 解 释",
        "1.“六稳”“六保”：“六稳”是指稳就业。",
        "2.三大攻坚战：是指防范化解重大风险攻坚战。",
        "附件：",
        "1．附件1：民生实事项目一览表.doc",
    ]));
    assert_eq!(
        shape(&o)[3..],
        [
            ("C".into(), "结束语".into(), 1, SectionKind::Closing),
            ("A1".into(), "名词解释".into(), 1, SectionKind::Glossary),
            ("A2".into(), "附件".into(), 1, SectionKind::Appendix),
        ]
    );
    assert_eq!(o.sections[3].first_paragraph, 5);
    assert_eq!(o.glossary.len(), 2);
    assert_eq!(o.glossary[1].term, "三大攻坚战");
    assert_eq!(o.glossary[1].paragraph, 9);
    assert_eq!(top_level(&o), ["工作回顾", "今年安排"]);
}

#[test]
fn glossary_headings() {
    for h in [
        "名词解释",
        "名 词 解 释",
        "有关名词解释",
        "　　有关名词解释",
        "注释",
        "名词解释：",
        "附：名词解释",
        "《政府工作报告》有关名词解释",
        "政府工作报告名词、术语注释",
        "名词和术语解释",
        "《政府工作报告》名词解释",
    ] {
        assert!(is_glossary_heading(h), "{h}");
    }
    for h in [
        "名词解释是一项工作",
        "一、名词解释",
        "注释说明了很多东西，也包括别的",
        "政府工作报告",
        "和注释",
    ] {
        assert!(!is_glossary_heading(h), "{h}");
    }
}

#[test]
fn degenerate_inputs() {
    let o = build(Vec::new());
    // An empty text has no sections: the preamble exists only when it has paragraphs.
    assert!(o.sections.is_empty() && o.paragraphs.is_empty());
    let o = build(lines(&["只有一行"]));
    assert_eq!(o.sections.len(), 1);
    assert_eq!(o.paragraphs[0].section, 0);
    let o = build(lines(&["一、开头就是标题", P]));
    assert_eq!(paths_titles(&o), [("1", "开头就是标题")]);
}

#[test]
fn heading_cut_by_a_hard_line_break() {
    let o = build(lines(&[
        "各位代表：",
        "一、工作回顾",
        P,
        "二、“",
        "十四五”时期发展的总体思路和重点任务",
        P,
        "三、2021年主要工作",
    ]));
    assert_eq!(
        top_level(&o),
        [
            "工作回顾",
            "“十四五”时期发展的总体思路和重点任务",
            "2021年主要工作"
        ]
    );
}

#[test]
fn heading_cut_into_fragments() {
    let o = build(lines(&[
        "各位代表：",
        "一、工作回顾",
        P,
        "二、“",
        "十四五",
        "”时期发展的总体思路和重点任务",
        "“",
        P,
    ]));
    assert_eq!(
        top_level(&o),
        ["工作回顾", "“十四五”时期发展的总体思路和重点任务"]
    );
}

#[test]
fn excerpt_starting_at_the_second_part() {
    let o = build(lines(&[
        "各位代表！前进的道路充满希望，我们也清醒认识到，发展还存在一些挑战和不足。",
        "二、2023年重点工作安排",
        P,
        "（一）打好“生态牌”，促进人与自然和谐共生。深入践行习近平生态文明思想。",
        "（二）打好“产业牌”，着力打造现代化产业体系。始终立足产业优势。",
        "三、加强政府自身建设",
    ]));
    assert_eq!(top_level(&o), ["2023年重点工作安排", "加强政府自身建设"]);
    // Not when a 1 of the style follows: that "二、" was not a heading.
    let o = build(lines(&[
        "各位代表：",
        "二、不是标题",
        "一、工作回顾",
        "二、今年安排",
    ]));
    assert_eq!(top_level(&o), ["工作回顾", "今年安排"]);
}

#[test]
fn opening_addresses() {
    for l in [
        "各位代表：",
        "　　各位代表、同志们：",
        "同志们：",
        "各位代表：现在，我代表市人民政府向大会报告工作。",
    ] {
        assert!(is_opening_address(l), "{l}");
    }
    for l in [
        "各位代表，在2007年分设光明区后，2011年再次分设龙华新区。",
        "各位代表！前进的道路充满希望。",
    ] {
        assert!(!is_opening_address(l), "{l}");
    }
}

#[test]
fn a_later_address_does_not_hide_the_first_part() {
    let o = build(lines(&[
        "同志们：",
        "现在，我代表宝安区人民政府向大会作工作报告，请予审议。",
        "过去五年工作回顾",
        P,
        "各位代表，在2007年分设光明区后，2011年再次分设龙华新区。五年来，我们始终保持着深入的交流。",
        "未来五年工作",
        P,
        "一、深入落实创新驱动和供给侧结构性改革，着力培育经济发展新动能",
        P,
        "二、扎实推进中国制造2025先行区建设，厚植产业名城根基",
    ]));
    assert_eq!(top_level(&o), ["过去五年工作回顾", "未来五年工作"]);
}

#[test]
fn a_stray_note_line_early_is_not_an_appendix() {
    let mut l = vec!["各位代表：", "一、工作回顾", "注释", P];
    l.extend([P; 6]);
    l.push("二、今年安排");
    l.extend([P; 6]);
    let o = build(lines(&l));
    assert_eq!(top_level(&o), ["工作回顾", "今年安排"]);
    assert!(o.sections.iter().all(|s| s.kind != SectionKind::Glossary));
}

#[test]
fn a_masthead_is_not_a_part() {
    let o = build(lines(&[
        "中华人民共和国",
        "政府工作报告",
        "——在第十四届全国人民代表大会第三次会议上",
        "一、过去一年工作回顾",
        P,
        "专栏一经济指标",
        P,
        "二、今年发展主要预期目标",
        P,
    ]));
    assert_eq!(top_level(&o), ["过去一年工作回顾", "今年发展主要预期目标"]);
}

#[test]
fn glossary_titled_with_the_report_name_is_an_appendix() {
    let mut lines: Vec<String> = vec!["各位代表：".into(), "一、2019年工作回顾".into()];
    lines.extend((0..6).map(|i| format!("过去一年，我们做了第{i}件工作，成效明显。")));
    lines.push("二、2020年主要工作任务".into());
    lines.extend((0..6).map(|i| format!("今年，我们要做好第{i}件工作，确保落实。")));
    lines.push("政府工作报告名词、术语注释".into());
    lines.push("1.MCC：Multi—Country Consolidation，即多国集拼业务。".into());
    lines.push("2.五治融合：政治、法治、德治、自治、智治相融合。".into());
    let o = build(lines);
    assert_eq!(o.glossary.len(), 2, "{:?}", o.glossary);
    let body: Vec<_> = o
        .sections
        .iter()
        .filter(|s| s.kind == SectionKind::Body && s.level == 1)
        .map(|s| s.title.as_str())
        .collect();
    assert_eq!(body, ["2019年工作回顾", "2020年主要工作任务"]);
}

#[test]
fn year_parts_ending_with_a_colon_are_bare_top_level_headings() {
    let lines: Vec<String> = [
        "2015年工作回顾：",
        "2015年，全市上下坚持稳中求进工作总基调，经济社会发展呈现稳中有进的态势。",
        "经济运行总体平稳。全市生产总值完成2955亿元，增长6.8%。",
        "2016年工作安排：",
        "2016年经济社会发展的主要预期目标是：生产总值增长7.5%左右。",
        "重点工作：",
        "（一）深入推进京津冀协同发展。",
        "（二）加快产业转型升级。",
    ]
    .iter()
    .map(|l| (*l).to_string())
    .collect();
    let o = build(lines);
    let top: Vec<_> = o
        .sections
        .iter()
        .filter(|s| s.kind == SectionKind::Body && s.level == 1)
        .map(|s| s.title.as_str())
        .collect();
    assert_eq!(top, ["2015年工作回顾", "2016年工作安排"]);
    assert!(is_year_part("2004年经济社会发展主要情况"));
    assert!(!is_year_part("2016年经济社会发展的主要预期目标是"));
    assert!(!is_bare_heading("今年要突出抓好十个方面的工作："));
}

#[test]
fn year_parts_above_numbered_items_are_the_top_level() {
    let lines: Vec<String> = [
        "2004年某市经济社会发展主要情况：",
        "一、经济发展",
        "全市生产总值保持稳定增长，固定资产投资持续扩大，社会消费品零售总额稳步提升。",
        "二、农业发展",
        "粮食产量稳定，农业产业化步伐加快，农民收入持续增长。",
        "2004年工作重点：",
        "（一）保持经济平稳较快发展。",
        "（二）加快产业结构调整。",
    ]
    .iter()
    .map(|l| (*l).to_string())
    .collect();
    let o = build(lines);
    let top: Vec<_> = o
        .sections
        .iter()
        .filter(|s| s.kind == SectionKind::Body && s.level == 1)
        .map(|s| s.title.as_str())
        .collect();
    assert_eq!(top, ["2004年某市经济社会发展主要情况", "2004年工作重点"]);
}

/// A review paragraph in the style of a county report.
const REVIEW: &str = "全县地区生产总值完成186.4亿元，增长5.8%；一般公共预算收入完成12.3亿元，增长7.1%；城乡居民人均可支配收入分别增长5.2%和7.4%。";
/// A plan paragraph.
const PLAN: &str = "今年经济社会发展的主要预期目标是：地区生产总值增长6%左右，一般公共预算收入增长5%，城乡居民收入增长与经济增长基本同步。";

#[test]
fn top_level_headings_run_into_their_paragraphs() {
    let o = build(lines(&[
        "政府工作报告",
        "——2024年1月18日在某某县第十八届人民代表大会第四次会议上",
        "各位代表：",
        "现在，我代表县人民政府，向大会报告工作，请予审议，并请县政协委员和其他列席人员提出意见。",
        "一、2023年工作回顾2023年，面对复杂严峻的形势和艰巨繁重的任务，在县委的坚强领导下，全县上下攻坚克难，经济社会发展稳中有进。",
        REVIEW,
        "（一）经济运行稳中向好。坚持稳增长、调结构、促转型，主要经济指标增速好于预期。",
        P,
        "（二）项目建设提质增效。全年实施重点项目126个，完成投资158亿元。",
        "（三）民生福祉持续增进。民生支出占一般公共预算支出的81%。",
        "二、2024年目标任务和重点工作今年是全面贯彻落实党的二十大精神的关键之年，做好今年工作意义重大。",
        PLAN,
        "（一）聚力产业升级，加快构建现代化产业体系。坚持把发展经济的着力点放在实体经济上。",
        "（二）聚力扩大内需，持续增强发展动力。牢牢抓住项目建设这个“牛鼻子”。",
        "三、全面加强政府自身建设过去一年，我们自觉接受人大法律监督和政协民主监督，办理人大代表建议和政协委员提案236件。",
        P,
        "各位代表！让我们更加紧密地团结在以习近平同志为核心的党中央周围，奋力谱写高质量发展新篇章！",
    ]));
    assert_eq!(
        top_level(&o),
        [
            "2023年工作回顾",
            "2024年目标任务和重点工作",
            "全面加强政府自身建设"
        ]
    );
    assert_eq!(
        paths_titles(&o)[2..5],
        [
            ("1.1", "经济运行稳中向好"),
            ("1.2", "项目建设提质增效"),
            ("1.3", "民生福祉持续增进")
        ]
    );
    assert_eq!(
        paths_titles(&o)[6],
        ("2.1", "聚力产业升级，加快构建现代化产业体系")
    );
    assert!(o.warnings.is_empty(), "{:?}", o.warnings);
}

#[test]
fn run_in_headings_at_the_second_level() {
    let o = build(lines(&[
        "各位代表：",
        "一、2023年工作回顾",
        REVIEW,
        "（一）坚持创新驱动推动产业转型升级过去一年，我们深入实施创新驱动发展战略，新增高新技术企业42家，研发经费投入强度达到2.3%。",
        "（二）坚持项目为王扩大有效投资2023年，全县实施省市重点项目38个，完成投资91亿元，新开工亿元以上项目27个，竣工投产项目19个。",
        "（三）坚持以人民为中心增进民生福祉一年来，我们把70%以上的财力用于民生，城镇新增就业5600人，新改扩建中小学校9所。",
        "二、2024年主要工作",
        PLAN,
        "（一）稳住经济基本盘。",
    ]));
    assert_eq!(
        paths_titles(&o)[1..],
        [
            ("1", "2023年工作回顾"),
            ("1.1", "坚持创新驱动推动产业转型升级"),
            ("1.2", "坚持项目为王扩大有效投资"),
            ("1.3", "坚持以人民为中心增进民生福祉"),
            ("2", "2024年主要工作"),
            ("2.1", "稳住经济基本盘"),
        ]
    );
}

#[test]
fn a_part_heading_with_no_sign_of_its_end_is_kept_with_a_warning() {
    // The 一、 line runs into a sentence that opens with no time phrase: the numbering
    // sequence (一、二、三、 in order) says it is a heading, its title is a guess.
    let o = build(lines(&[
        "各位代表：",
        "一、过去一年的工作面对需求收缩、供给冲击、预期转弱三重压力，全市上下坚定信心、真抓实干，经济社会发展取得新的成效，主要指标好于全省平均水平。全市地区生产总值增长5.6%。",
        REVIEW,
        "（一）经济运行稳中向好。",
        "（二）改革开放纵深推进。",
        "二、今年的主要任务",
        PLAN,
        "（一）扩大有效需求。",
        "三、加强政府自身建设",
        P,
    ]));
    assert_eq!(
        top_level(&o),
        ["过去一年的工作", "今年的主要任务", "加强政府自身建设"]
    );
    assert_eq!(o.sections[2].path, "1.1");
    assert_eq!(o.warnings.len(), 1, "{:?}", o.warnings);
    assert!(o.warnings[0].contains("paragraph 2"), "{:?}", o.warnings);
    // Without the sequence, a long 一、 paragraph stays a paragraph.
    let o = build(lines(&[
        "各位代表：",
        "（一）经济运行稳中向好。",
        "一、过去一年的工作面对需求收缩、供给冲击、预期转弱三重压力，全市上下坚定信心、真抓实干，经济社会发展取得新的成效，主要指标好于全省平均水平。",
        "（二）改革开放纵深推进。",
    ]));
    assert_eq!(top_level(&o), ["经济运行稳中向好", "改革开放纵深推进"]);
}

#[test]
fn parts_named_with_a_slogan_and_no_number() {
    let o = build(lines(&[
        "政府工作报告",
        "——2016年1月20日在某某区第六届人民代表大会第五次会议上",
        "各位代表：",
        "现在，我代表区人民政府向大会报告工作，请予审议，并请政协委员和其他列席人员提出意见。",
        "承前启后：2015年工作回顾",
        "2015年，面对错综复杂的宏观环境，我们坚持稳中求进工作总基调，全区经济社会发展保持良好态势。",
        "一、经济发展稳中有进",
        REVIEW,
        "二、城乡建设成效明显",
        P,
        "砥砺奋进：2016年重点工作",
        "2016年是“十三五”规划的开局之年，做好今年工作意义重大。",
        "一、着力稳增长，推动经济平稳健康发展",
        PLAN,
        "二、着力惠民生，提高人民群众幸福感",
        P,
    ]));
    assert_eq!(
        top_level(&o),
        ["承前启后：2015年工作回顾", "砥砺奋进：2016年重点工作"]
    );
    assert_eq!(paths_titles(&o)[3], ("1.2", "城乡建设成效明显"));
    assert!(is_bare_heading("奋楫争先：过去五年工作回顾"));
    assert!(!is_bare_heading("主要预期目标：地区生产总值增长"));
    assert!(!is_bare_heading("专栏一：重点项目建设"));
    assert!(!is_bare_heading("各位代表：今年工作"));
}

#[test]
fn a_heading_split_over_two_lines() {
    let o = build(lines(&[
        "各位代表：",
        "一、2023年工作回顾",
        REVIEW,
        "二、坚持稳中求进工作总基调，全面推进“",
        "十四五”规划目标任务落地见效",
        PLAN,
        "（一）着力扩大有效需求，推动经济",
        "和社会协调发展",
        P,
        "三、加强政府自身建设",
        "主要经济指标",
        P,
    ]));
    assert_eq!(
        top_level(&o),
        [
            "2023年工作回顾",
            "坚持稳中求进工作总基调，全面推进“十四五”规划目标任务落地见效",
            "加强政府自身建设"
        ]
    );
    assert_eq!(
        paths_titles(&o)[3],
        ("2.1", "着力扩大有效需求，推动经济和社会协调发展")
    );
    assert!(o.paragraphs[4].heading && !o.paragraphs[5].heading);
    assert!(!o.paragraphs[10].heading);
}

#[test]
fn numbering_that_restarts_in_an_appendix() {
    let mut l = vec![
        "各位代表：",
        "一、2023年工作回顾",
        REVIEW,
        "（一）经济运行稳中向好。",
        P,
        "二、2024年主要工作",
        PLAN,
        "（一）扩大有效需求。",
        P,
        P,
        P,
        P,
        "附：2024年县政府十件民生实事",
        "一、新建改扩建中小学校3所，新增学位2400个。",
        "二、实施老旧小区改造12个。",
    ];
    l.extend([P; 2]);
    let o = build(lines(&l));
    assert_eq!(top_level(&o), ["2023年工作回顾", "2024年主要工作"]);
    let last = o.sections.last().unwrap();
    assert_eq!(
        (last.kind, last.title.as_str()),
        (SectionKind::Appendix, "附：2024年县政府十件民生实事")
    );
    assert!(o.warnings.is_empty(), "{:?}", o.warnings);
}

#[test]
fn a_restart_in_the_body_is_text_with_a_warning() {
    let o = build(lines(&[
        "各位代表：",
        "一、2023年工作回顾",
        REVIEW,
        "二、2024年主要工作",
        PLAN,
        "一、扩大有效需求",
        P,
    ]));
    assert_eq!(top_level(&o), ["2023年工作回顾", "2024年主要工作"]);
    assert_eq!(o.warnings.len(), 1, "{:?}", o.warnings);
    assert!(o.warnings[0].contains("restarts"), "{:?}", o.warnings);
}

#[test]
fn part_numbering_run_into_the_text() {
    let o = build(lines(&[
        "各位代表：",
        "第一部分 2023年工作回顾2023年，是全面贯彻党的二十大精神的开局之年。",
        "一、经济平稳",
        REVIEW,
        "第二部分 2024年工作安排今年是实现“十四五”规划目标任务的关键一年。",
        "一、稳增长",
        PLAN,
    ]));
    assert_eq!(
        paths_titles(&o)[1..],
        [
            ("1", "2023年工作回顾"),
            ("1.1", "经济平稳"),
            ("2", "2024年工作安排"),
            ("2.1", "稳增长")
        ]
    );
}

#[test]
fn a_list_before_the_first_part_does_not_take_the_top_level() {
    // A news digest opens with a （一）（二） list before the speech's 一、二、三、.
    let o = build(lines(&[
        "1月12日上午，某某县第十八届人民代表大会第三次会议隆重开幕，县长王强作政府工作报告。",
        "报告指出，过去一年全县主要做了以下工作：",
        "（一）经济运行稳中有进。",
        "（二）民生福祉持续增进。",
        "一、2023年工作回顾",
        REVIEW,
        "（一）聚焦项目建设，经济发展动能持续增强。",
        "（二）聚焦城乡融合，县域面貌持续改善。",
        "二、2024年工作安排",
        PLAN,
        "（一）坚持项目为王。",
        "三、加强政府自身建设",
        P,
    ]));
    assert_eq!(
        top_level(&o),
        ["2023年工作回顾", "2024年工作安排", "加强政府自身建设"]
    );
    assert_eq!(
        paths_titles(&o)[2],
        ("1.1", "聚焦项目建设，经济发展动能持续增强")
    );
}

#[test]
fn styled_parts_are_used_only_when_unnumbered() {
    let text = lines(&[
        "各位代表：",
        "现在，我代表市人民政府向大会报告工作。",
        "回顾过去，我们攻坚克难",
        "一、坚持稳中求进",
        P,
        "展望今年，我们砥砺前行",
        "一、扩大有效需求",
        P,
    ]);
    let styled = lines(&["回顾过去，我们攻坚克难", "展望今年，我们砥砺前行"]);
    let o = build_with_headings(text.clone(), &styled);
    let parts: Vec<String> = shape(&o)
        .into_iter()
        .filter(|(_, _, level, kind)| *level == 1 && *kind == SectionKind::Body)
        .map(|(_, t, _, _)| t)
        .collect();
    assert_eq!(parts, ["回顾过去，我们攻坚克难", "展望今年，我们砥砺前行"]);
    assert_eq!(
        shape(&o)
            .iter()
            .filter(|(_, t, level, _)| *level == 2 && t.ends_with("需求"))
            .count(),
        1
    );
    // Without the style the restarting 一、 is read as text, and the parts are not seen.
    let plain = build(text.clone());
    assert!(plain.sections.iter().all(|s| !s.title.contains("回顾过去")));
    // Styled lines that are numbered are read from their numbers, as without a style; a
    // single styled line is not a set of parts.
    let numbered = lines(&["一、坚持稳中求进", "一、扩大有效需求"]);
    assert_eq!(
        shape(&build_with_headings(text.clone(), &numbered)),
        shape(&plain)
    );
    assert_eq!(
        shape(&build_with_headings(text.clone(), &styled[..1])),
        shape(&plain)
    );
}

//! Patterns the sample reports do not show, each in a whole report read through the whole
//! pipeline (decode, clean, structure, metadata): headings run straight into their text, parts
//! named with a slogan and no number, the speaker's name alone beside the post, no year in the
//! title or the header.

use gwr::corpus::{Report, parse_report};

fn parse(text: &str) -> Report {
    parse_report("某县/报告.txt", text.as_bytes()).expect("a report")
}

/// A county report whose parts run into their first sentence with no punctuation between
/// them, the speaker's name alone under the post, no year in the title.
const RUN_IN: &str = "\
某某县人民政府工作报告
——2024年1月9日在某某县第十八届人民代表大会第四次会议上
某某县人民政府县长
王  强
各位代表：
现在，我代表县人民政府，向大会报告工作，请予审议，并请县政协委员和其他列席人员提出意见。
一、2023年工作回顾2023年，面对复杂严峻的形势和艰巨繁重的任务，在县委的坚强领导下，全县上下攻坚克难、真抓实干，经济社会发展稳中有进、进中向好。
全县地区生产总值完成186.4亿元，增长5.8%；一般公共预算收入完成12.3亿元，增长7.1%；城乡居民人均可支配收入分别增长5.2%和7.4%。
（一）经济运行稳中向好。坚持稳增长、调结构、促转型，主要经济指标增速好于全市平均水平，规模以上工业增加值增长8.2%。
（二）项目建设提质增效。全年实施重点项目126个，完成投资158亿元，新开工亿元以上项目41个，竣工投产项目27个。
（三）民生福祉持续增进。民生支出占一般公共预算支出的81%，城镇新增就业5600人，新改扩建中小学校9所。
二、2024年目标任务和重点工作今年是全面贯彻落实党的二十大精神的关键之年，是实现“十四五”规划目标任务的攻坚之年，做好今年工作意义重大。
今年经济社会发展的主要预期目标是：地区生产总值增长6%左右，一般公共预算收入增长5%，城乡居民收入增长与经济增长基本同步。
（一）聚力产业升级，加快构建现代化产业体系。坚持把发展经济的着力点放在实体经济上，推动传统产业改造提升。
（二）聚力扩大内需，持续增强发展动力。牢牢抓住项目建设这个“牛鼻子”，全年谋划实施重点项目130个以上。
三、全面加强政府自身建设过去一年，我们自觉接受人大法律监督和政协民主监督，办理人大代表建议和政协委员提案236件，办复率100%。
新的一年，我们将坚持依法行政，持续改进作风，建设人民满意的服务型政府。
各位代表！让我们更加紧密地团结在以习近平同志为核心的党中央周围，奋力谱写某某高质量发展新篇章！
";

#[test]
fn parts_run_into_their_text_and_a_name_under_the_post() {
    let r = parse(RUN_IN);
    assert_eq!(
        r.top_level_titles(),
        [
            "2023年工作回顾",
            "2024年目标任务和重点工作",
            "全面加强政府自身建设"
        ]
    );
    let second: Vec<&str> = r
        .sections
        .iter()
        .filter(|s| s.level == 2)
        .map(|s| s.title.as_str())
        .collect();
    assert_eq!(
        second,
        [
            "经济运行稳中向好",
            "项目建设提质增效",
            "民生福祉持续增进",
            "聚力产业升级，加快构建现代化产业体系",
            "聚力扩大内需，持续增强发展动力"
        ]
    );
    assert_eq!(r.meta.year, Some(2024));
    assert_eq!(r.meta.meeting_date.as_deref(), Some("2024-01-09"));
    assert_eq!(
        (r.meta.speaker.as_deref(), r.meta.speaker_title.as_deref()),
        (Some("王强"), Some("县长"))
    );
}

/// A district report with unnumbered parts (a slogan, a colon, the part's name), no dateline
/// and no year in its title.
const SLOGANS: &str = "\
政府工作报告
区长  李明华
各位代表：
现在，我代表区人民政府向大会报告工作，请予审议，并请区政协委员和其他列席人员提出意见。
承前启后：2015年工作回顾
2015年，面对错综复杂的宏观环境和艰巨繁重的改革发展任务，我们坚持稳中求进工作总基调，全区经济社会发展保持良好态势。
一、经济发展稳中有进
全区地区生产总值完成912亿元，增长8.1%；社会消费品零售总额完成305亿元，增长10.2%。
二、城乡建设成效明显
完成城市更新项目18个，新建改造道路46公里，新增公园绿地32万平方米，城区面貌持续改善。
砥砺奋进：2016年重点工作
2016年是“十三五”规划的开局之年，做好今年工作意义重大。我们要坚定信心、迎难而上，确保“十三五”开好局、起好步。
一、着力稳增长，推动经济平稳健康发展
坚持投资、消费、出口协调拉动，全年完成固定资产投资420亿元，社会消费品零售总额增长10%左右。
二、着力惠民生，提高人民群众幸福感
坚持把七成以上的财力用于民生，办好十件民生实事，让改革发展成果更多更公平地惠及全区人民。
各位代表！让我们紧密团结在以习近平同志为核心的党中央周围，为全面建成小康社会而努力奋斗！
";

#[test]
fn slogan_parts_and_a_year_from_the_text() {
    let r = parse(SLOGANS);
    assert_eq!(
        r.top_level_titles(),
        ["承前启后：2015年工作回顾", "砥砺奋进：2016年重点工作"]
    );
    assert_eq!(r.meta.year, Some(2016));
    let w = r
        .meta
        .warnings
        .iter()
        .find(|w| w.starts_with("year"))
        .expect("a year warning");
    assert!(
        w.contains("inferred from the text") && w.contains("2015年工作回顾"),
        "{w}"
    );
    assert_eq!(
        (r.meta.speaker.as_deref(), r.meta.speaker_title.as_deref()),
        (Some("李明华"), Some("区长"))
    );
}

#[test]
fn a_name_over_the_post_and_a_heading_split_over_two_lines() {
    let text = RUN_IN
        .replace(
            "某某县人民政府县长\n王  强\n",
            "王  强\n某某县人民政府代县长\n",
        )
        .replace(
            "三、全面加强政府自身建设过去一年，",
            "三、全面加强政府自身建设，努力建设人民满意的“\n服务型”政府\n过去一年，",
        );
    let r = parse(&text);
    assert_eq!(
        (r.meta.speaker.as_deref(), r.meta.speaker_title.as_deref()),
        (Some("王强"), Some("代县长"))
    );
    assert_eq!(
        r.top_level_titles().last().map(String::as_str),
        Some("全面加强政府自身建设，努力建设人民满意的“服务型”政府")
    );
}

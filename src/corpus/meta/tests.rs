use super::*;

fn lines(s: &[&str]) -> Vec<String> {
    s.iter().map(|l| (*l).to_string()).collect()
}

fn run(file: &str, text: &[&str], furniture: &[&str]) -> Meta {
    let l = lines(text);
    let f = lines(furniture);
    extract(&MetaInput {
        file,
        lines: &l,
        furniture: &f,
    })
}

#[test]
fn split_dateline_and_spaced_name() {
    let m = run(
        "000.txt",
        &[
            "(内蒙古)2020年阿拉善左旗人民政府工作报告(全文)",
            "2020年6月29日在阿拉善左旗",
            "第十五届人民代表大会第三次会议上",
            "阿拉善左旗人民政府旗长 戈 明",
            "各位代表:",
        ],
        &[],
    );
    assert_eq!(m.title.as_deref(), Some("2020年阿拉善左旗人民政府工作报告"));
    assert_eq!(m.year, Some(2020));
    assert_eq!(m.meeting_date.as_deref(), Some("2020-06-29"));
    assert_eq!(m.meeting.as_deref(), Some("第十五届人民代表大会第三次会议"));
    assert_eq!(m.speaker.as_deref(), Some("戈明"));
    assert_eq!(m.speaker_title.as_deref(), Some("旗长"));
    assert!(m.warnings.is_empty());
}

#[test]
fn abbreviated_meeting_and_short_title() {
    let m = run(
        "x.txt",
        &[
            "政 府 工 作 报 告",
            "——2020年3月31日在市八届人大六次会议上",
            "市长 李春生",
            "各位代表:",
        ],
        &[],
    );
    assert_eq!(m.title.as_deref(), Some("政府工作报告"));
    assert_eq!(m.meeting.as_deref(), Some("八届人大六次会议"));
    assert_eq!(
        (m.speaker.as_deref(), m.speaker_title.as_deref()),
        (Some("李春生"), Some("市长"))
    );
}

#[test]
fn chinese_numeral_dates() {
    let m = run(
        "x.txt",
        &[
            "2026年甘肃省政府工作报告",
            "——二〇二六年一月二十七日在甘肃省十四届人民代表大会第四次会议上",
            "甘肃省省长 任振鹤",
            "各位代表：",
        ],
        &[],
    );
    assert_eq!(m.meeting_date.as_deref(), Some("2026-01-27"));
    assert_eq!(m.meeting.as_deref(), Some("十四届人民代表大会第四次会议"));
    assert_eq!(
        (m.speaker.as_deref(), m.speaker_title.as_deref()),
        (Some("任振鹤"), Some("省长"))
    );
    assert_eq!(
        date::parse_date("二〇二一年一月二十日").map(|d| d.to_string()),
        Some("2021-01-20".to_string())
    );
    assert_eq!(
        date::parse_date("（2008年3月27日）").map(|d| d.to_string()),
        Some("2008-03-27".to_string())
    );
    assert_eq!(date::parse_date("2026年02月10日 07时41分"), None);
    assert_eq!(date::parse_date("2020年13月1日"), None);
}

#[test]
fn speaker_lines() {
    let p = |s: &str| speaker::parse_line(s).map(|s| (s.title, s.name));
    let some = |t: &str, n: Option<&str>| Some((Some(t.to_string()), n.map(str::to_string)));
    assert_eq!(p("代县长 李锴栋"), some("代县长", Some("李锴栋")));
    assert_eq!(
        p("准格尔旗人民政府旗长苏日嘎拉图"),
        some("旗长", Some("苏日嘎拉图"))
    );
    assert_eq!(
        p("保定市清苑区人民政府区长?? 李英英"),
        some("区长", Some("李英英"))
    );
    assert_eq!(
        p("海拉尔区人民政府代区长　　杜联合"),
        some("代区长", Some("杜联合"))
    );
    assert_eq!(p("国务院总理 李强"), some("国务院总理", Some("李强")));
    assert_eq!(p("海拉尔区人民政府区长  "), some("区长", None));
    assert_eq!(p("浙江省省长 刘捷"), some("省长", Some("刘捷")));
    assert_eq!(p("保定市市长 郭建英"), some("市长", Some("郭建英")));
    assert_eq!(p("副市长 张三"), None);
    assert_eq!(p("市长：张三"), some("市长", Some("张三")));
    assert_eq!(p("报告人：保定市市长 郭建英"), some("市长", Some("郭建英")));
    assert_eq!(p("阿里地区行政公署专员 张三"), some("专员", Some("张三")));
    assert_eq!(
        p("内蒙古自治区人民政府主席 王莉霞"),
        some("主席", Some("王莉霞"))
    );
    assert_eq!(
        p("市长闫继红在市十六届人大四次会议上作政府工作报告时说"),
        None
    );
    assert_eq!(p("各位代表"), None);
}

#[test]
fn bare_name_and_crawler_hints() {
    let m = run(
        "保定市_2025_report.txt",
        &[
            "——2025年1月21日在保定市第十六届人民代表大会第六次会议上",
            "闫继红",
            "各位代表：",
        ],
        &[],
    );
    assert_eq!(m.speaker.as_deref(), Some("闫继红"));
    assert_eq!(m.speaker_title, None);
    let m = run(
        "保定市_2018_report.txt",
        &["各位代表：", "现在，我代表市人民政府，向大会报告工作。"],
        &[
            "标题：政府工作报告——2018年2月10日在保定市第十五届人民代表大会第三次会议上",
            "发文时间：2018-02-10",
            "报告人：保定市市长 郭建英",
        ],
    );
    assert_eq!(m.meeting_date.as_deref(), Some("2018-02-10"));
    assert_eq!(m.meeting.as_deref(), Some("第十五届人民代表大会第三次会议"));
    assert_eq!(m.speaker.as_deref(), Some("郭建英"));
    assert_eq!(m.title.as_deref(), Some("政府工作报告"));
}

#[test]
fn year_without_dateline() {
    let m = run(
        "2016年南山区政府工作报告_2016.txt",
        &[
            "各位代表：",
            "现在，我代表南山区人民政府向大会作政府工作报告。",
            "2015年工作回顾",
            "2016年主要工作",
        ],
        &[],
    );
    assert_eq!(m.year, Some(2016));
    assert_eq!(m.meeting_date, None);
    assert_eq!(
        m.warnings,
        ["year 2016 inferred from the text (no dateline): “2015年工作回顾”"]
    );
    let m = run("reports/2019.txt", &["各位代表：", "没有年份的文字。"], &[]);
    assert_eq!(m.year, Some(2019));
    assert!(m.warnings[0].contains("file name"));
    let m = run(
        "x.txt",
        &["2021年呼伦贝尔市海拉尔区政府工作报告", "各位代表："],
        &[],
    );
    assert_eq!(m.year, Some(2021));
    assert!(m.warnings[0].contains("title"));
}

#[test]
fn dateline_without_a_date_and_full_width_digits() {
    let m = run(
        "x.txt",
        &[
            "中华人民共和国",
            "政府工作报告",
            "——在第十四届全国人民代表大会第三次会议上",
            "2024年3月",
            "各位代表：",
        ],
        &[],
    );
    assert_eq!(
        m.meeting.as_deref(),
        Some("第十四届全国人民代表大会第三次会议")
    );
    assert_eq!(m.meeting_date, None);
    assert_eq!(
        date::parse_date("２０２１年１月２０日").map(|d| d.to_string()),
        Some("2021-01-20".to_string())
    );
    let m = run(
        "x.txt",
        &[
            "政府工作报告",
            "——2025年3月5日在第十四届全国人民代表大会第三次会议上国务院总理李强",
            "各位代表：",
        ],
        &[],
    );
    assert_eq!(m.meeting_date.as_deref(), Some("2025-03-05"));
    assert_eq!(
        (m.speaker.as_deref(), m.speaker_title.as_deref()),
        (Some("李强"), Some("国务院总理"))
    );
}

#[test]
fn january_as_yuanyue_and_bracketed_title_notes() {
    assert_eq!(
        date::parse_date("2023年元月12日").map(|d| d.to_string()),
        Some("2023-01-12".to_string())
    );
    let m = run(
        "x.txt",
        &[
            "2021年政府工作报告（在深圳市罗湖区第八届人民代表大会第一次会议上）",
            "各位代表：",
        ],
        &[],
    );
    assert_eq!(m.title.as_deref(), Some("2021年政府工作报告"));
    let m = run("x.txt", &["政府工作报告（摘要）", "各位代表："], &[]);
    assert_eq!(m.title.as_deref(), Some("政府工作报告"));
}

#[test]
fn speaker_of_a_news_account() {
    let m = run(
        "x.txt",
        &[
            "【聚焦两会】某县第十八届人民代表大会第三次会议隆重开幕",
            "县委书记王一、县长蒋东方、县委副书记李二在主席台就座。",
            "在热烈的掌声中，县长蒋东方作某县人民政府工作报告。",
            "县委常委、常务副县长徐润宽作关于民生实事的报告。",
            "报告指出，去年以来全县经济社会发展发生积极变化。",
        ],
        &[],
    );
    assert_eq!(m.speaker.as_deref(), Some("蒋东方"));
    assert_eq!(m.speaker_title.as_deref(), Some("县长"));
    // A deputy's report is not the work report.
    let m = run(
        "x.txt",
        &[
            "常务副县长徐润宽作政府工作报告。",
            "报告指出，全县经济平稳。",
        ],
        &[],
    );
    assert_eq!(m.speaker, None);
    let m = run(
        "x.txt",
        &["认真贯彻市长王某所作政府工作报告精神。", "全县经济平稳。"],
        &[],
    );
    assert_eq!(m.speaker, None);
}

#[test]
fn transcribed_name_with_a_middle_dot() {
    let m = run(
        "x.txt",
        &[
            "2026年某自治区政府工作报告",
            "——2026年1月27日在某自治区第十四届人民代表大会第四次会议上",
            "自治区主席 艾尔肯·吐尼亚孜",
            "各位代表：",
        ],
        &[],
    );
    assert_eq!(m.speaker.as_deref(), Some("艾尔肯·吐尼亚孜"));
    assert_eq!(m.speaker_title.as_deref(), Some("主席"));
    // Without a dot, seven characters are not a name.
    assert_eq!(speaker::parse_line("县长 张三李四王五六"), None);
}

#[test]
fn date_of_a_news_account() {
    let m = run(
        "x.txt",
        &[
            "【聚焦两会】某县第十八届人民代表大会第三次会议隆重开幕",
            "激情奋进“十四五”，加速崛起新某县。1月12日上午，某县第十八届人民代表大会第三次会议隆重开幕。",
            "在热烈的掌声中，县长蒋东方作某县人民政府工作报告。",
        ],
        &["标题：某县2023年政府工作报告"],
    );
    assert_eq!(m.year, Some(2023));
    assert_eq!(m.meeting_date.as_deref(), Some("2023-01-12"));
    assert_eq!(m.meeting.as_deref(), Some("第十八届人民代表大会第三次会议"));
    // A speech that mentions a session's opening is not dated by it.
    let m = run(
        "x.txt",
        &[
            "各位代表：",
            "现在，我代表县人民政府向大会报告工作，请予审议。",
            "2022年，1月10日，县第十八届人民代表大会第二次会议召开以来，我们做了很多工作。",
        ],
        &["标题：某县2023年政府工作报告"],
    );
    assert_eq!(m.meeting_date, None);
}

#[test]
fn a_digest_names_date_speaker_and_abbreviated_meeting() {
    let m = run(
        "x.txt",
        &[
            "某人在某市十六届人大七次会议上的政府工作报告（摘登）",
            "“十四五”时期经济社会发展回顾",
            "本报讯 2月4日，市长闫继红在市十六届人大七次会议上作政府工作报告时指出，过去五年极不平凡。",
        ],
        &["标题：2026年某市政府工作报告"],
    );
    assert_eq!(m.speaker.as_deref(), Some("闫继红"));
    assert_eq!(m.speaker_title.as_deref(), Some("市长"));
    assert_eq!(m.meeting_date.as_deref(), Some("2026-02-04"));
}

#[test]
fn a_name_alone_beside_the_post() {
    // The name under the post, spaced as a two-character name often is.
    let m = run(
        "x.txt",
        &[
            "某某县人民政府工作报告",
            "——2024年1月9日在某某县第十八届人民代表大会第四次会议上",
            "某某县人民政府县长",
            "王  强",
            "各位代表：",
            "现在，我代表县人民政府，向大会报告工作，请予审议。",
        ],
        &[],
    );
    assert_eq!(
        (m.speaker.as_deref(), m.speaker_title.as_deref()),
        (Some("王强"), Some("县长"))
    );
    // The name over the post.
    let m = run(
        "x.txt",
        &[
            "政府工作报告",
            "2023年2月14日在某某市第十五届人民代表大会第二次会议上",
            "李 明 华",
            "某某市人民政府代市长",
            "各位代表：",
        ],
        &[],
    );
    assert_eq!(
        (m.speaker.as_deref(), m.speaker_title.as_deref()),
        (Some("李明华"), Some("代市长"))
    );
    // The post alone on its line, the name under it.
    let m = run(
        "x.txt",
        &[
            "政府工作报告",
            "——2022年1月6日在某某区第三届人民代表大会第一次会议上",
            "区长",
            "欧阳晓晖",
            "各位代表：",
        ],
        &[],
    );
    assert_eq!(
        (m.speaker.as_deref(), m.speaker_title.as_deref()),
        (Some("欧阳晓晖"), Some("区长"))
    );
    // A post with no name anywhere stays nameless.
    let m = run(
        "x.txt",
        &[
            "政府工作报告",
            "——2022年1月6日在某某区第三届人民代表大会第一次会议上",
            "某某区人民政府区长",
            "各位代表：",
        ],
        &[],
    );
    assert_eq!(
        (m.speaker.as_deref(), m.speaker_title.as_deref()),
        (None, Some("区长"))
    );
}

#[test]
fn year_inferred_from_the_text_says_from_what() {
    // No year in the title or the header: the review part names the year before.
    let m = run(
        "x.txt",
        &[
            "政府工作报告",
            "各位代表：",
            "现在，我代表县人民政府，向大会报告工作，请予审议。",
            "一、2023年工作回顾2023年，面对复杂严峻的形势，全县上下攻坚克难。",
            "二、今年的主要任务",
            "今年是全面贯彻落实党的二十大精神的关键之年。",
        ],
        &[],
    );
    assert_eq!(m.year, Some(2024));
    assert_eq!(
        m.warnings,
        ["year 2024 inferred from the text (no dateline): “2023年工作回顾”"]
    );
    // A 今年 sentence that names the year, the year written in Chinese numerals.
    let m = run(
        "x.txt",
        &[
            "政府工作报告",
            "各位代表：",
            "二〇一五年工作回顾",
            "今年（2016年）是“十三五”规划的开局之年。",
        ],
        &[],
    );
    assert_eq!(m.year, Some(2016));
    assert!(
        m.warnings[0].contains("inferred from the text"),
        "{:?}",
        m.warnings
    );
    // The date that signs the text at its end, after the preamble.
    let mut text = vec![
        "政府工作报告",
        "各位代表：",
        "现在，我代表县人民政府，向大会报告工作，请予审议。",
    ];
    text.extend(["全县经济运行稳中向好，主要指标好于预期，民生福祉持续增进。"; 20]);
    text.extend([
        "让我们团结一心，奋力谱写新篇章！",
        "某某县人民政府",
        "2019年1月15日",
    ]);
    let m = run("x.txt", &text, &[]);
    assert_eq!(m.year, Some(2019));
    assert!(m.warnings[0].contains("2019年1月15日"), "{:?}", m.warnings);
}

#[test]
fn meeting_before_the_date_and_a_name_over_the_dateline() {
    let m = run(
        "x.txt",
        &[
            "某某县政府工作报告",
            "张  伟",
            "——在某某县第十八届人民代表大会第四次会议上（2024年1月9日）",
            "各位代表：",
            "现在，我代表县人民政府，向大会报告工作，请予审议。",
        ],
        &[],
    );
    assert_eq!(m.meeting_date.as_deref(), Some("2024-01-09"));
    assert_eq!(m.meeting.as_deref(), Some("第十八届人民代表大会第四次会议"));
    assert_eq!(m.year, Some(2024));
    assert_eq!(m.speaker.as_deref(), Some("张伟"));
    assert!(m.warnings.is_empty(), "{:?}", m.warnings);
    // A word of the page furniture over the dateline is not a name.
    let m = run(
        "x.txt",
        &[
            "某某县政府工作报告",
            "全文",
            "——2024年1月9日在某某县第十八届人民代表大会第四次会议上",
            "各位代表：",
        ],
        &[],
    );
    assert_eq!(m.speaker, None);
}

#[test]
fn a_name_over_the_address_and_a_speaker_after_the_meeting() {
    let m = run(
        "x.txt",
        &["2021年政府工作报告", "李克强", "各位代表："],
        &[],
    );
    assert_eq!(m.speaker.as_deref(), Some("李克强"));
    // Title, dateline and speaker run into one line.
    let m = run(
        "x.txt",
        &[
            "新华社北京3月17日电",
            "政府工作报告——2016年3月5日在第十二届全国人民代表大会第四次会议上国务院总理\u{a0} 李克强",
            "各位代表：",
        ],
        &[],
    );
    assert_eq!(m.meeting_date.as_deref(), Some("2016-03-05"));
    assert_eq!(
        (m.speaker.as_deref(), m.speaker_title.as_deref()),
        (Some("李克强"), Some("国务院总理"))
    );
}

#[test]
fn a_spaced_title_before_the_dateline() {
    let m = run(
        "x.txt",
        &[
            "政 府 工 作 报 告 ——2006年3月5日在第十届全国人民代表大会第四次会议上",
            "各位代表：",
        ],
        &[],
    );
    assert_eq!(m.meeting_date.as_deref(), Some("2006-03-05"));
    assert_eq!(
        m.meeting.as_deref(),
        Some("第十届全国人民代表大会第四次会议")
    );
}

#[test]
fn the_later_year_the_headings_name_is_the_plan_year() {
    // 绍兴's parts: the review is headed 2023年主要工作, a plan's words; the next part
    // names 2024. A report reviews one year and plans the next.
    let m = run(
        "x.txt",
        &[
            "各位代表：",
            "现在，我代表市人民政府，向大会报告工作。",
            "一、2023年主要工作",
            "2023年是具有重要里程碑意义的一年。",
            "二、2024年主要目标和重点工作",
            "今年政府工作的总体要求是：……",
        ],
        &[],
    );
    assert_eq!(m.year, Some(2024));
    assert!(
        m.warnings
            .iter()
            .any(|w| w.contains("二、2024年主要目标和重点工作")),
        "{:?}",
        m.warnings
    );
}

#[test]
fn a_december_session_for_the_coming_year_is_filed_under_that_year() {
    let m = run(
        "x.txt",
        &[
            "政府工作报告",
            "——2023年12月28日在郴州市第七届人民代表大会第三次会议上",
            "各位代表：",
            "一、2023年工作回顾",
            "即将过去的2023年，极不平凡。",
            "二、2024年工作安排",
        ],
        &[],
    );
    assert_eq!(m.year, Some(2024));
    // The date is kept as stated.
    assert_eq!(m.meeting_date.as_deref(), Some("2023-12-28"));
    assert!(
        m.warnings
            .iter()
            .any(|w| w.contains("delivered on 2023-12-28")),
        "{:?}",
        m.warnings
    );
    // A January session keeps its own year, whatever its headings say.
    let m = run(
        "x.txt",
        &[
            "——2024年1月8日在某某市第七届人民代表大会第四次会议上",
            "各位代表：",
            "一、2023年工作回顾",
            "二、2024年工作安排",
        ],
        &[],
    );
    assert_eq!(m.year, Some(2024));
}

#[test]
fn a_meeting_then_its_date_without_zai() {
    let m = run(
        "x.txt",
        &[
            "政府工作报告",
            "第十二届全国人大二次会议，2014年3月5日",
            "国务院总理 李克强",
            "各位代表：",
        ],
        &[],
    );
    assert_eq!(m.meeting_date.as_deref(), Some("2014-03-05"));
    assert_eq!(m.meeting.as_deref(), Some("第十二届全国人大二次会议"));
    // Without 在 and without a congress's ordinal, a sentence that ends in a date is not a
    // dateline.
    let m = run(
        "x.txt",
        &["各位代表：", "国务院常务会议，2014年3月5日"],
        &[],
    );
    assert_eq!(m.meeting_date, None);
}

#[test]
fn date_and_speaker_from_a_photo_caption() {
    // The caption is furniture (…记者…摄), but it states the delivery.
    let m = run(
        "x.txt",
        &[
            "各位代表：",
            "现在，我代表国务院，向大会报告政府工作。",
            "一、2011年工作回顾",
            "三、2012年主要任务",
        ],
        &[
            "3月5日，国务院总理温家宝在第十一届全国人民代表大会第五次会议上作政府工作报告。记者 李 舸摄",
        ],
    );
    assert_eq!(m.year, Some(2012));
    assert_eq!(m.meeting_date.as_deref(), Some("2012-03-05"));
    assert_eq!(m.speaker.as_deref(), Some("温家宝"));
    assert!(
        m.warnings.iter().any(|w| w.contains("caption")),
        "{:?}",
        m.warnings
    );
}

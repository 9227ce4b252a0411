//! Short texts: a summary that calls itself a work report is kept; other short text is not.

use gwr::corpus::clean::clean;
use gwr::corpus::parse_report;

/// About 170 Chinese characters (140 without the crawler header): below the general minimum,
/// above the titled one.
const SUMMARY: &str = "标题：某县2004年政府工作报告\n发文单位：某县人民政府\n\n正文：\n\n2004年经济社会发展主要情况：\n\n一、经济发展\n全县生产总值保持稳定增长，固定资产投资持续扩大，社会消费品零售总额稳步提升。\n\n二、农业发展\n粮食产量稳定，农业产业化步伐加快，农民收入持续增长。\n\n三、民生改善\n城镇居民人均可支配收入和农民人均纯收入持续增长。\n\n四、城乡建设\n城镇化率不断提高，县城道路改造提升工程持续推进，城乡面貌发生显著变化，人居环境明显改善。\n";

#[test]
fn a_short_summary_titled_as_a_work_report_is_kept() {
    let r = parse_report("x.txt", SUMMARY.as_bytes()).expect("a titled summary is a report");
    assert_eq!(r.meta.year, Some(2004));
}

#[test]
fn short_text_without_such_a_title_is_rejected() {
    let text = SUMMARY.replace("政府工作报告", "情况通报");
    assert!(parse_report("x.txt", text.as_bytes()).is_err());
    assert!(
        parse_report(
            "x.txt",
            "某县政府工作报告。全县生产总值保持稳定增长。".as_bytes()
        )
        .is_err()
    );
}

#[test]
fn the_first_heading_after_a_crawler_body_label_is_kept() {
    let text = "标题：某县2012年政府工作报告\n报告人：某县人民政府县长\n\n正文：\n\n一、2011年工作回顾\n\n2011年，全县经济社会发展保持稳定增长。\n\n二、2012年工作安排\n\n重点工作：推进产业转型升级。\n";
    let c = clean(text);
    assert_eq!(c.lines[0], "一、2011年工作回顾", "{c:?}");
    assert!(c.furniture.iter().any(|l| l == "正文："));
    // A label with its value on the next line is still furniture.
    let c = clean(
        "来源：\n四川日报\n各位代表：\n现在，我代表省人民政府向大会报告工作，请予审议。\n一、2020年工作回顾\n过去一年，我们坚持稳中求进，全省经济社会发展取得新成绩。",
    );
    assert!(c.furniture.iter().any(|l| l == "四川日报"), "{c:?}");
}

#[test]
fn a_summary_opening_with_a_year_part_keeps_it() {
    let text = "标题：某市2016年政府工作报告\n发文时间：2016-01-25\n\n正文：\n\n2015年工作回顾：\n\n2015年，全市上下坚持稳中求进工作总基调，经济社会发展呈现稳中向好的态势。\n\n2016年工作安排：\n\n生产总值增长7.5%左右。\n";
    let c = clean(text);
    assert_eq!(c.lines[0], "2015年工作回顾：", "{c:?}");
}

#[test]
fn a_digest_keeps_its_first_bare_part_title() {
    let text = "标题：2026年某市政府工作报告\n\n正文：\n\n某人在某市十六届人大七次会议上的政府工作报告（摘登）\n添加时间 2026/2/12 15:20:47  浏览次数 4034 次\n“十四五”时期经济社会发展回顾\n本报讯 2月4日，市长某某在市十六届人大七次会议上作政府工作报告时指出，过去五年极不平凡。\n“十五五”时期主要目标任务\n本报讯 某某指出，“十五五”时期是关键时期，我们要加快发展。\n";
    let c = clean(text);
    assert_eq!(c.lines[0], "“十四五”时期经济社会发展回顾", "{c:?}");
}

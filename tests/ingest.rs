//! Every demo file through decoding and cleaning: no control characters, no site furniture,
//! the report's first and last sentences present, nothing invented, duplicates kept once.

use gwr::corpus::{Corpus, clean, decode};

/// Markers that only site furniture carries.
const FURNITURE: [&str; 22] = [
    "ICP",
    "网站标识码",
    "公网安备",
    "责任编辑",
    "扫一扫",
    "浏览次数",
    "索引号",
    "来源URL",
    "发文单位",
    "发文时间",
    "版权所有",
    "我要纠错",
    "即将离开",
    "打印本页",
    "关闭窗口",
    "相关报道",
    "相关新闻",
    "相关文章",
    "阅读排行",
    "标签云",
    "内容摘要",
    "百度马 克",
];

/// (file, a phrase of the report's first sentence after 各位代表 (or its first paragraph),
/// a phrase of its last sentence), picked by reading each file.
const ENDS: [(&str, &str, &str); 39] = [
    (
        "000_f572882625c485d1.txt",
        "现在,我代表旗人民政府向大会报告工作",
        "开创阿拉善左旗美好前景而努力奋斗!",
    ),
    (
        "001_41762010afd6dccc.txt",
        "现在,我受兴和县第十五届人民政府委托",
        "奋力谱写兴和高质量发展新篇章!",
    ),
    (
        "002_c16cbae8faf348a9.txt",
        "现在,我代表旗人民政府向大会报告工作",
        "奋力谱写中国式现代化准格尔新篇章!",
    ),
    (
        "003_47f0735d5ffac42a.txt",
        "现在,我代表区人民政府向大会报告工作",
        "优异成绩向中国共产党成立100周年献礼!",
    ),
    (
        "004_6decaba540618215.txt",
        "现在,我代表市人民政府向大会报告工作",
        "为建设富裕文明和谐美丽新德令哈作出新的更大贡献!",
    ),
    (
        "2016年南山区政府工作报告_2016.txt",
        "现在，我代表南山区人民政府向大会作政府工作报告",
        "国际化创新型滨海中心城区而努力奋斗！",
    ),
    (
        "2018年南山区政府工作报告_2018.txt",
        "现在，我代表南山区人民政府向大会作政府工作报告",
        "共同开创更加美好的未来！",
    ),
    (
        "2021年龙华区二届人大一次会议政府工作报告_2021.txt",
        "现在，我代表龙华区人民政府，向大会报告政府工作",
        "奋力谱写社会主义现代化建设新华章！",
    ),
    (
        "2022年南山区政府工作报告_2022.txt",
        "现在，我代表南山区人民政府，向大会报告政府工作",
        "携手共奋进，一起向未来！",
    ),
    (
        "2023年南山区政府工作报告_2023.txt",
        "现在，我代表南山区人民政府，向大会报告政府工作",
        "中心城市和现代化国际大都市贡献更大力量！",
    ),
    (
        "2024年南山区政府工作报告_2024.txt",
        "现在，我代表南山区人民政府，向大会报告政府工作",
        "为强国建设、民族复兴作出新的更大贡献！",
    ),
    (
        "2026_四川省_政府工作报告.full_text.txt",
        "现在，我代表省人民政府，向大会报告工作",
        "为谱写中国式现代化四川新篇章不懈奋斗！",
    ),
    (
        "2026_浙江省_政府工作报告.full_text.txt",
        "现在，我代表省人民政府向大会作政府工作报告",
        "实现社会主义现代化的生动图景而努力奋斗！",
    ),
    (
        "2026_甘肃省_政府工作报告.full_text.txt",
        "我代表省人民政府，向大会报告工作，请与《甘肃省国",
        "奋力谱写中国式现代化甘肃篇章！",
    ),
    (
        "reportData_2014.txt",
        "现在，我代表海拉尔区人民政府向大会作工作报告",
        "区域中心城市建设新局面而努力奋斗!",
    ),
    (
        "reportData_2016.txt",
        "现在，我代表海拉尔区人民政府向大会作工作报告",
        "为建设和谐美好幸福海拉尔而努力奋斗！",
    ),
    (
        "reportData_2017.txt",
        "现在,我代表海拉尔区人民政府向大会作工作报告",
        "冰雪运动名城、文化旅游名城而努力奋斗!",
    ),
    (
        "reportData_2019.txt",
        "现在，我代表区人民政府向大会报告工作",
        "以优异成绩庆祝新中国成立70周年！",
    ),
    (
        "保定市_2018_report.txt",
        "现在，我代表市人民政府，向大会报告工作",
        "实施县域创新发展跃升工程，",
    ),
    (
        "保定市_2021_report.txt",
        "现在，我代表市人民政府向大会作工作报告",
        "以“十四五”的良好开局向中国共产党成立100周年献礼！",
    ),
    (
        "保定市_2023_report.txt",
        "1月30日，市长闫继红在市十六届人大四次会议上作政府工作报告时说",
        "全面推进中华民族伟大复兴而不懈奋斗！",
    ),
    (
        "保定市_2024_report.txt",
        "今年政府工作的总体要求是",
        "建好“城市大脑”，让城市会思考、生活更美好。",
    ),
    (
        "保定市_2025_report.txt",
        "现在，我代表保定市人民政府向大会报告工作",
        "奋力谱写中国式现代化建设保定篇章！",
    ),
    (
        "保定市各县政府工作报告_H124.txt",
        "现在，我代表县人民政府，向大会报告工作",
        "在全市县域经济高质量发展中走在前、作示范而努力奋斗！",
    ),
    (
        "保定市各县政府工作报告_H129.txt",
        "现在，我代表易县人民政府，向大会报告工作",
        "迎接中华人民共和国成立70周年！",
    ),
    (
        "保定市各县政府工作报告_H13.txt",
        "现在，我代表县政府向大会作政府工作报告",
        "共同开创清苑更加美好的明天！",
    ),
    (
        "保定市各县政府工作报告_H18.txt",
        "现在，我代表县政府向大会作工作报告",
        "共同谱写全面建成小康社会的壮丽篇章！",
    ),
    (
        "保定市各县政府工作报告_H26.txt",
        "现在，我代表区政府向大会作工作报告，请连同《保定",
        "优异成绩向中国共产党成立100周年献礼！",
    ),
    (
        "保定市各县政府工作报告_H28.txt",
        "现在，我代表区政府向大会作工作报告，请予审议",
        "奋力谱写中国式现代化清苑场景新篇章！",
    ),
    (
        "保定市各县政府工作报告_H29.txt",
        "现在，我代表区政府向大会作工作报告，请予审议",
        "加快书写清苑高质量发展的新篇章！",
    ),
    (
        "保定市各县政府工作报告_H30.txt",
        "现在，我代表区政府向大会作工作报告，请予审议",
        "为“十五五”良好开局打牢基础!",
    ),
    (
        "国务院政府工作报告_2018年.txt",
        "现在，我代表国务院，向大会报告过去五年政府工作",
        "实现中华民族伟大复兴的中国梦作出新的贡献！",
    ),
    (
        "国务院政府工作报告_2024年.txt",
        "现在，我代表国务院，向大会报告政府工作",
        "全面推进强国建设、民族复兴伟业不懈奋斗！",
    ),
    (
        "河北省_2021_report.txt",
        "现在，我代表河北省人民政府向大会作工作报告",
        "全面建设经济强省、美丽河北新篇章！",
    ),
    (
        "河北省_2022_report.txt",
        "现在，我代表省人民政府向大会报告工作",
        "以优异成绩迎接党的二十大胜利召开！",
    ),
    (
        "河北省_2023_report.txt",
        "现在，我代表省人民政府向大会报告工作",
        "全面推进中华民族伟大复兴而努力奋斗！",
    ),
    (
        "河北省_2024_report.txt",
        "现在，我代表省人民政府向大会报告工作",
        "奋力谱写中国式现代化建设河北篇章！",
    ),
    (
        "河北省_2025_report.txt",
        "现在，我代表省人民政府向大会报告工作",
        "奋力谱写中国式现代化建设河北篇章！",
    ),
    (
        "龙华区2021年政府工作报告_2021.txt",
        "现在，我代表龙华区人民政府，向大会报告工作",
        "以优异成绩庆祝建党100周年！",
    ),
];

fn cleaned(rel: &str) -> (String, clean::Cleaned) {
    let bytes = Corpus::Demo.read(rel).unwrap();
    let decoded = decode::decode(&bytes).unwrap_or_else(|e| panic!("{rel}: {e}"));
    let c = clean::clean(&decoded.text);
    (decoded.text, c)
}

fn demo_files() -> Vec<String> {
    Corpus::Demo
        .files()
        .unwrap()
        .into_iter()
        .map(|f| f.rel)
        .collect()
}

#[test]
fn every_demo_file_is_listed_here() {
    let mut listed: Vec<&str> = ENDS.iter().map(|e| e.0).collect();
    listed.sort_unstable();
    let mut files = demo_files();
    files.sort();
    assert_eq!(listed, files);
}

#[test]
fn no_control_characters_or_escapes() {
    for rel in demo_files() {
        let (raw, c) = cleaned(&rel);
        assert!(
            !raw.chars()
                .any(|ch| ch.is_control() && ch != '\n' && ch != '\t'),
            "{rel}: raw text"
        );
        for l in c.lines.iter().chain(&c.furniture) {
            assert!(!l.chars().any(char::is_control), "{rel}: {l}");
        }
    }
}

#[test]
fn no_furniture_survives() {
    for rel in demo_files() {
        let (_, c) = cleaned(&rel);
        for l in &c.lines {
            for m in FURNITURE {
                assert!(!l.contains(m), "{rel}: furniture {m} in {l}");
            }
            assert!(!l.contains('<') || !l.contains('>'), "{rel}: tag in {l}");
            assert!(!l.contains("&nbsp;"), "{rel}: entity in {l}");
        }
    }
}

#[test]
fn first_and_last_sentences_are_kept() {
    for (rel, first, last) in ENDS {
        let (_, c) = cleaned(rel);
        let i = c
            .lines
            .iter()
            .position(|l| l.contains(first))
            .unwrap_or_else(|| panic!("{rel}: first sentence missing: {first}"));
        let j = c
            .lines
            .iter()
            .rposition(|l| l.contains(last))
            .unwrap_or_else(|| panic!("{rel}: last sentence missing: {last}"));
        assert!(i < j, "{rel}");
        // Only the opening (title, dateline, speaker, 各位代表) comes before the first sentence.
        assert!(
            i <= 6,
            "{rel}: {i} lines before the first sentence: {:?}",
            &c.lines[..i]
        );
    }
}

/// How much of `needle` occurs in order in `hay`, and where the match ended.
fn subsequence(hay: &[char], needle: &[char]) -> (usize, usize) {
    let mut k = 0;
    for (i, &ch) in hay.iter().enumerate() {
        if k == needle.len() {
            return (k, i);
        }
        if ch == needle[k] {
            k += 1;
        }
    }
    (k, hay.len())
}

/// Every cleaned line's non-space characters occur, in order, in the decoded text (entities
/// decoded, tags removed): nothing is invented.
#[test]
fn nothing_is_invented() {
    for rel in demo_files() {
        let (raw, c) = cleaned(&rel);
        let plain = clean::html::to_text(&raw);
        let hay: Vec<char> = plain.chars().filter(|ch| !ch.is_whitespace()).collect();
        let mut from = 0;
        for l in &c.lines {
            let needle: Vec<char> = l.chars().filter(|ch| !ch.is_whitespace()).collect();
            // Lines follow the source in order, so search on from the last match; a moved
            // line (a rescued preamble) is searched again from the start.
            let (k, end) = match subsequence(&hay[from..], &needle) {
                (k, end) if k == needle.len() => (k, from + end),
                _ => subsequence(&hay, &needle),
            };
            from = end;
            assert_eq!(k, needle.len(), "{rel}: not in the source: {l}");
        }
    }
}

/// A line of the report occurs once, even where the file holds the body twice.
#[test]
fn duplicated_bodies_are_kept_once() {
    for (rel, sentence) in [
        (
            "国务院政府工作报告_2024年.txt",
            "现在，我代表国务院，向大会报告政府工作，请予审议，并请全国政协委员提出意见。",
        ),
        (
            "河北省_2021_report.txt",
            "现在，我代表河北省人民政府向大会作工作报告，请予审议，并请省政协委员和列席人员提出意见。",
        ),
        (
            "河北省_2023_report.txt",
            "现在，我代表省人民政府向大会报告工作，请予审议，并请省政协委员和列席人员提出意见。",
        ),
        (
            "003_47f0735d5ffac42a.txt",
            "现在,我代表区人民政府向大会报告工作,请予审议,并请政协委员和其他列席会议的同志提出意见。",
        ),
        (
            "2026_四川省_政府工作报告.full_text.txt",
            "现在，我代表省人民政府，向大会报告工作，请予审议，并请省政协委员提出意见。",
        ),
        (
            "保定市各县政府工作报告_H26.txt",
            "现在，我代表区政府向大会作工作报告，请连同《保定市清苑区",
        ),
    ] {
        let (_, c) = cleaned(rel);
        let n = c.lines.iter().filter(|l| l.contains(sentence)).count();
        assert_eq!(n, 1, "{rel}: {sentence}");
    }
    for rel in demo_files() {
        let (_, c) = cleaned(&rel);
        let mut seen = std::collections::HashSet::new();
        for l in c.lines.iter().filter(|l| l.chars().count() >= 40) {
            assert!(seen.insert(l), "{rel}: repeated paragraph {l}");
        }
    }
}

#[test]
fn the_second_copys_preamble_is_kept() {
    let (_, c) = cleaned("国务院政府工作报告_2024年.txt");
    assert_eq!(c.lines[0], "政府工作报告");
    assert!(c.lines[1].starts_with("——2024年3月5日在第十四届全国人民代表大会第二次会议上"));
    assert!(c.lines[2].contains("李强"));
    assert!(c.furniture.iter().any(|f| f == "新华社北京3月12日电"));
}

#[test]
fn hard_breaks_are_joined() {
    let (_, c) = cleaned("河北省_2021_report.txt");
    assert!(
        c.lines
            .iter()
            .any(|l| l.contains("审时度势，亲自指挥、亲自部署，带领全党"))
    );
    assert!(!c.lines.iter().any(|l| l == "亲自"));
    let (_, c) = cleaned("000_f572882625c485d1.txt");
    assert!(
        c.lines
            .iter()
            .any(|l| l == "2020年6月29日在阿拉善左旗第十五届人民代表大会第三次会议上")
    );
    let (_, c) = cleaned("001_41762010afd6dccc.txt");
    assert!(
        c.lines
            .iter()
            .any(|l| l.starts_with("2022年 1月6日在兴和县第十六届人民代表大会第一次会议上"))
    );
}

#[test]
fn crawler_headers_go_to_furniture() {
    let (_, c) = cleaned("保定市_2018_report.txt");
    assert!(c.furniture.iter().any(|f| f == "报告人：保定市市长 郭建英"));
    assert!(
        c.furniture
            .iter()
            .any(|f| f.starts_with("标题：政府工作报告——2018年2月10日"))
    );
    let (_, c) = cleaned("2026_四川省_政府工作报告.full_text.txt");
    assert_eq!(c.lines[0], "2026年四川省人民政府工作报告");
}

#[test]
fn glossaries_and_attachments_stay() {
    for (rel, head) in [
        ("2022年南山区政府工作报告_2022.txt", "有关名词解释"),
        ("003_47f0735d5ffac42a.txt", "名 词 解 释"),
        ("2016年南山区政府工作报告_2016.txt", "附件："),
        ("龙华区2021年政府工作报告_2021.txt", "附：名词解释"),
    ] {
        let (_, c) = cleaned(rel);
        assert!(c.lines.iter().any(|l| l == head), "{rel}: {head}");
    }
}

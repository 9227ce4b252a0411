//! `gwr keywords`: no stopword, function word, number or single character among the
//! keywords of any demo report, and the top 10 of four reports as reading them gives.

use std::collections::BTreeSet;

use gwr::analysis::stopwords::GOVERNMENT_FUNCTION_WORDS;
use gwr::search::normalize;

#[path = "common/demo.rs"]
mod demo;
use demo::json as gwr;

fn top(data: &std::path::Path, id: &str, n: usize) -> Vec<(String, u64)> {
    let v = gwr(data, &["keywords", id, "--top", &n.to_string(), "--json"]);
    assert_eq!(v["report"], id);
    v["keywords"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| {
            (
                k["word"].as_str().unwrap().to_string(),
                k["count"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn keywords_leave_out_stopwords_numbers_and_single_characters() {
    let data = tempfile::tempdir().unwrap();
    let stop: BTreeSet<String> = stop_words::get("zh")
        .iter()
        .chain(GOVERNMENT_FUNCTION_WORDS)
        .map(|w| normalize(w))
        .collect();
    assert!(stop.len() > 900, "both lists: {}", stop.len());
    let list = gwr(data.path(), &["list", "--json"]);
    for r in list.as_array().unwrap() {
        let id = r["id"].as_str().unwrap();
        let kw = top(data.path(), id, 50);
        assert!(kw.len() >= 20, "{id}: only {} keywords", kw.len());
        for (w, count) in &kw {
            assert!(!stop.contains(w), "{id}: stopword {w}");
            assert!(w.chars().count() >= 2, "{id}: single character {w}");
            assert!(
                !w.chars().all(|c| c.is_ascii_digit() || "〇零一二两三四五六七八九十百千万亿".contains(c)),
                "{id}: number {w}"
            );
            assert!(*count >= 1);
        }
    }
}

/// The top 10 of four reports, each word checked in the report's text (`gwr show`).
#[test]
fn top_ten_as_reading_the_reports_gives() {
    let data = tempfile::tempdir().unwrap();
    let cases: [(&str, [&str; 10]); 4] = [
        // The 2024 national report: macro policy (政策; 积极的财政政策要适度加力; 财税
        // 体制改革, 财税金融支持), the 全球发展/安全/文明倡议, 教育强国、科技强国、人才强国
        // (强国建设), free-trade agreements (自贸协定, DEPA, CPTPP), strategy (国家战略
        // 科技力量, 战略性新兴产业), 公平竞争审查, 外资企业 (国民待遇) and the army
        // (新时代军事战略方针, 实战化军事训练). Not 地区 or 制定 (各地区各部门, 制定实施
        // …), words every report uses that the press's 高频词 tables leave out.
        (
            "100000-2024",
            [
                "政策",
                "倡议",
                "强国",
                "协定",
                "战略",
                "公平竞争",
                "外资企业",
                "财政政策",
                "军事",
                "财税",
            ],
        ),
        // 阿拉善左旗 2020: its own places (the banner, its seat 巴彦浩特, the 乌力吉 port,
        // 吉兰泰 town, 敖伦布拉格 base, which jieba cuts as 敖伦 / 布拉格, the 贺兰山),
        // the pastoral areas (牧区), poverty relief (扶贫, 14 times in 2020, the last year
        // of the campaign) and the league's party committee (盟委) a banner reports to.
        (
            "152921-2020",
            [
                "阿拉善",
                "乌力吉",
                "巴彦浩特",
                "布拉格",
                "贺兰山",
                "阿拉善左旗",
                "牧区",
                "扶贫",
                "吉兰泰",
                "盟委",
            ],
        ),
        // 德令哈 2020: the city, its industrial park, the prefecture (州委, 州政府) it
        // answers to, solar-thermal power (光热之都), the 柴达木 basin, the 飞地经济
        // enclave parks, farming-and-herding areas, and 投身“五个示范省”建设.
        (
            "632802-2020",
            [
                "德令哈",
                "工业园",
                "州委",
                "德令哈市",
                "光热",
                "投身",
                "柴达木",
                "飞地",
                "农牧区",
                "州政府",
            ],
        ),
        // 南山区 2023: Shenzhen's 南山, the 西丽湖 science-and-education city, the X9
        // alliance of universities and research institutes (X9高校院所联盟), enterprises
        // (企业, 83 times), credit (信用) and the closing 面向未来.
        (
            "440305-2023",
            [
                "深圳",
                "南山",
                "西丽湖",
                "企业",
                "面向未来",
                "南山区",
                "x9",
                "院所",
                "信用",
                "高校",
            ],
        ),
    ];
    for (id, want) in cases {
        let got: BTreeSet<String> = top(data.path(), id, 10).into_iter().map(|k| k.0).collect();
        let want: BTreeSet<String> = want.iter().map(|w| (*w).to_string()).collect();
        assert_eq!(got, want, "{id}");
        // Every keyword is in the report's text.
        let shown = gwr(data.path(), &["show", id, "--json"]);
        let text: String = shown["paragraphs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| normalize(p["text"].as_str().unwrap()))
            .collect();
        for w in &got {
            assert!(text.contains(w.as_str()), "{id}: {w} not in the text");
        }
    }
}

//! Region inference: the gazetteer's resolve API, crafted texts for each signal and trap,
//! and every demo report against its golden file (tests/golden/*.toml).

use std::path::Path;

use gwr::corpus::gazetteer::{self, resolve};
use gwr::corpus::meta::{Meta, MetaInput};
use gwr::corpus::model::Level;
use gwr::corpus::region::{RegionGuess, infer};

fn guess(file: &str, text: &str) -> RegionGuess {
    let lines: Vec<String> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(String::from)
        .collect();
    let input = MetaInput {
        file,
        lines: &lines,
        furniture: &[],
    };
    infer(&input, &Meta::default())
}

fn code_of(g: &RegionGuess) -> &str {
    g.region.as_ref().map_or("none", |r| r.code.as_str())
}

// ---- resolve ----

#[test]
fn resolve_by_code() {
    let r = resolve("410323").unwrap();
    assert_eq!(r.name, "新安县");
    assert_eq!(r.full, "河南省洛阳市新安县");
    assert_eq!(r.level, Level::County);
    assert_eq!(r.ancestors, ["410000", "410300"]);
    assert_eq!(r.ancestor_names, ["河南省", "洛阳市"]);
    assert!((r.confidence - 1.0).abs() < f32::EPSILON);
    let r = resolve("100000").unwrap();
    assert_eq!(
        (r.name.as_str(), r.full.as_str()),
        ("全国", "中华人民共和国")
    );
    assert_eq!(r.level, Level::National);
    assert_eq!(resolve("130000").unwrap().full, "河北省");
    assert!(resolve("999999").is_none());
}

#[test]
fn resolve_by_name_and_full_name() {
    assert_eq!(resolve("新安县").unwrap().code, "410323");
    assert_eq!(
        resolve("准格尔旗").unwrap().full,
        "内蒙古自治区鄂尔多斯市准格尔旗"
    );
    assert_eq!(resolve("河南省洛阳市新安县").unwrap().code, "410323");
    assert_eq!(resolve("北京市朝阳区").unwrap().code, "110105");
    assert_eq!(resolve("北京市朝阳区").unwrap().full, "北京市朝阳区");
    assert_eq!(resolve("辽宁省朝阳市朝阳县").unwrap().code, "211321");
    // Ambiguous alone.
    assert!(resolve("朝阳区").is_none());
    assert!(resolve("龙华区").is_none());
    assert_eq!(resolve("广东省深圳市龙华区").unwrap().code, "440309");
    assert_eq!(resolve("深圳市龙华区").unwrap().code, "440309");
    assert_eq!(resolve("全国").unwrap().code, "100000");
}

#[test]
fn resolve_former_names_and_codes() {
    let r = resolve("清苑县").unwrap();
    assert_eq!((r.name.as_str(), r.code.as_str()), ("清苑县", "130608"));
    assert_eq!(r.full, "河北省保定市清苑区");
    let r = resolve("河北省保定市清苑县").unwrap();
    assert_eq!((r.name.as_str(), r.code.as_str()), ("清苑县", "130608"));
    assert_eq!(resolve("130622").unwrap().code, "130608");
    assert_eq!(resolve("襄樊市").unwrap().code, "420600");
    assert_eq!(resolve("海东地区").unwrap().code, "630200");
    // One-character stems renamed with a second character: 蓟县 → 蓟州区, 陕县 → 陕州区.
    let r = resolve("蓟县").unwrap();
    assert_eq!((r.name.as_str(), r.full.as_str()), ("蓟县", "天津市蓟州区"));
    assert_eq!(resolve("陕县").unwrap().code, "411203");
}

#[test]
fn resolve_short_names() {
    let r = resolve("德令哈").unwrap();
    assert_eq!((r.name.as_str(), r.code.as_str()), ("德令哈市", "632802"));
    assert_eq!(resolve("海西州").unwrap().code, "632800");
    assert_eq!(resolve("内蒙古").unwrap().code, "150000");
    assert_eq!(resolve("保定").unwrap().code, "130600");
}

#[test]
fn api_for_codes() {
    assert_eq!(
        gazetteer::province_of("150622").unwrap().name,
        "内蒙古自治区"
    );
    assert_eq!(
        gazetteer::prefecture_of("150622").unwrap().name,
        "鄂尔多斯市"
    );
    assert!(gazetteer::prefecture_of("110105").is_none());
    assert_eq!(
        gazetteer::full_name("632802").unwrap(),
        "青海省海西蒙古族藏族自治州德令哈市"
    );
    let names: Vec<_> = gazetteer::ancestors("130608")
        .iter()
        .map(|d| d.name)
        .collect();
    assert_eq!(names, ["河北省", "保定市"]);
}

// ---- inference on crafted texts ----

#[test]
fn dateline_names_the_county() {
    let g = guess(
        "a.txt",
        "2022年1月6日在兴和县第十六届\n人民代表大会第一次会议上\n代县长 李锴栋\n各位代表：\n全县经济增长，乌兰察布市、内蒙古自治区。",
    );
    assert_eq!(code_of(&g), "150924");
}

#[test]
fn speaker_level_beats_parent_mentions() {
    let body = "在保定市委、市政府的领导下，保定市发展很快。保定市、河北省。".repeat(10);
    let g = guess(
        "a.txt",
        &format!(
            "各位代表：\n现在，我代表易县人民政府，向大会报告工作。\n一、回顾\n{body}全县上下，易县发展。"
        ),
    );
    assert_eq!(code_of(&g), "130633");
}

#[test]
fn body_mentions_with_level_and_parent_context() {
    // 德令哈: named only in the body, the level from 市长 and 在市八届人大.
    let g = guess(
        "a.txt",
        "政府工作报告\n——2020年3月31日在市八届人大六次会议上\n市长 李春生\n各位代表：\n一、回顾\n德令哈经济发展，对照海西州要求，海西州州委州政府，德令哈全市。格尔木。德令哈。",
    );
    assert_eq!(code_of(&g), "632802");
    assert_eq!(g.region.unwrap().name, "德令哈市");
}

#[test]
fn former_name_for_an_old_county_report() {
    let g = guess(
        "保定市各县.txt",
        "政府工作报告\n（2008年3月27日）\n各位代表：\n现在，我代表县政府向大会作政府工作报告。\n一、回顾\n全县经济，和谐清苑，清苑路，全县，全县，保定市。",
    );
    let r = g.region.unwrap();
    assert_eq!((r.name.as_str(), r.code.as_str()), ("清苑县", "130608"));
    assert_eq!(r.full, "河北省保定市清苑区");
}

#[test]
fn same_named_districts_are_told_apart_by_their_city() {
    let g = guess(
        "a.txt",
        "各位代表：\n现在，我代表龙华区人民政府，向大会报告工作。\n一、回顾\n深圳经济特区，深圳市，全区，龙华。",
    );
    assert_eq!(code_of(&g), "440309");
}

#[test]
fn mislabelled_file_name_is_a_warning() {
    let g = guess(
        "安新县_2024.txt",
        "各位代表：\n现在，我代表县人民政府，向大会报告工作。\n一、回顾\n全景新安，新安经开区，新安荣膺河南省肉羊大县，技能洛阳，全县，全县，全县。新安。",
    );
    assert_eq!(code_of(&g), "410323");
    assert!(
        g.warnings
            .iter()
            .any(|w| w.contains("安新县") && w.contains("新安县")),
        "{:?}",
        g.warnings
    );
}

#[test]
fn national_report() {
    let g = guess(
        "a.txt",
        "各位代表：\n现在，我代表国务院，向大会报告政府工作。\n一、回顾\n河北省、广东省、深圳、香港特别行政区。",
    );
    assert_eq!(code_of(&g), "100000");
}

#[test]
fn province_report_mentioning_all_its_cities() {
    let cities = "石家庄市、唐山市、保定市、邯郸市、沧州市。".repeat(5);
    let g = guess(
        "a.txt",
        &format!(
            "2026年河北省政府工作报告\n各位代表：\n现在，我代表省人民政府向大会报告工作。\n一、回顾\n{cities}全省，河北。"
        ),
    );
    assert_eq!(code_of(&g), "130000");
}

#[test]
fn sidebar_lists_do_not_win() {
    let g = guess(
        "a.txt",
        "准格尔旗2023年政府工作报告\n——2023年2月15日在准格尔旗\n第十八届人民代表大会第二次会议上\n准格尔旗人民政府旗长苏日嘎拉图\n各位代表：\n一、回顾\n全旗。\n相关文章\n达拉特旗2023年政府工作报告\n伊金霍洛旗2023年政府工作报告\n杭锦旗政府工作报告",
    );
    assert_eq!(code_of(&g), "150622");
}

#[test]
fn unknown_region_is_a_warning_not_a_guess() {
    let g = guess(
        "a.txt",
        "各位代表：\n现在，我代表政府向大会报告工作。\n一、回顾\n经济发展。",
    );
    assert!(g.region.is_none());
    assert!(!g.warnings.is_empty());
}

// ---- every demo report against its golden file ----

#[derive(serde::Deserialize)]
struct Golden {
    file: String,
    region: GoldenRegion,
}

#[derive(serde::Deserialize)]
struct GoldenRegion {
    name: String,
    full: String,
    level: String,
    code: String,
}

#[test]
fn demo_regions_match_the_golden_files() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut demo: Vec<_> = std::fs::read_dir(root.join("demo"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    demo.sort();
    assert!(demo.len() >= 39, "demo has {} reports", demo.len());
    let mut failures = Vec::new();
    for path in &demo {
        let file = path.file_name().unwrap().to_str().unwrap();
        let stem = file.strip_suffix(".txt").unwrap();
        let golden_path = root.join("tests/golden").join(format!("{stem}.toml"));
        let Ok(text) = std::fs::read_to_string(&golden_path) else {
            failures.push(format!("{file}: no golden file {}", golden_path.display()));
            continue;
        };
        let golden: Golden = toml::from_str(&text).unwrap();
        assert_eq!(golden.file, file);
        let bytes = std::fs::read(path).unwrap();
        let got = match gwr::corpus::parse_report(file, &bytes) {
            Ok(r) => r.meta.region,
            Err(e) => {
                failures.push(format!("{file}: rejected: {e}"));
                continue;
            }
        };
        let want = &golden.region;
        let got_tuple = got.as_ref().map(|r| {
            (
                r.name.clone(),
                r.full.clone(),
                r.level.as_str().to_string(),
                r.code.clone(),
            )
        });
        let want_tuple = Some((
            want.name.clone(),
            want.full.clone(),
            want.level.clone(),
            want.code.clone(),
        ));
        if got_tuple != want_tuple {
            failures.push(format!("{file}: got {got_tuple:?}, want {want_tuple:?}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} demo reports differ:\n{}",
        failures.len(),
        demo.len(),
        failures.join("\n")
    );
}

#[test]
fn gazetteer_and_matcher_load_fast() {
    // First use parses the embedded table; the first inference builds the name matcher.
    let t = std::time::Instant::now();
    assert!(gazetteer::by_code("130600").is_some());
    let parse = t.elapsed();
    let t = std::time::Instant::now();
    let _ = guess("a.txt", "各位代表：\n我代表易县人民政府。");
    let first = t.elapsed();
    eprintln!("gazetteer parse {parse:?}, first inference (matcher build) {first:?}");
    // Debug builds are several times slower than release; the bound is generous.
    assert!(parse.as_millis() < 100, "{parse:?}");
}

// ---- more shapes of report head and more traps ----

#[test]
fn autonomous_prefecture_with_its_short_name() {
    let g = guess(
        "a.txt",
        "政府工作报告\n——2024年1月10日在海西州第十五届人民代表大会第三次会议上\n海西州人民政府州长 某某\n各位代表：\n一、回顾\n全州经济，德令哈、格尔木、德令哈、格尔木。",
    );
    let r = g.region.unwrap();
    assert_eq!(r.code, "632800");
    assert_eq!(r.level, Level::Prefecture);
}

#[test]
fn league_and_banner() {
    let g = guess(
        "a.txt",
        "政府工作报告\n——2023年1月在阿拉善盟第十届人民代表大会第二次会议上\n阿拉善盟行政公署盟长 某某\n各位代表：\n一、回顾\n全盟经济，阿拉善左旗、阿拉善右旗、额济纳旗。阿拉善左旗。",
    );
    assert_eq!(code_of(&g), "152900");
}

#[test]
fn autonomous_region_chairman() {
    let g = guess(
        "a.txt",
        "政府工作报告\n——2024年1月在内蒙古自治区第十四届人民代表大会第二次会议上\n内蒙古自治区人民政府主席 某某\n各位代表：\n一、回顾\n全区经济，呼和浩特市、包头市、鄂尔多斯市、呼和浩特市、包头市。",
    );
    let r = g.region.unwrap();
    assert_eq!(
        (r.code.as_str(), r.name.as_str()),
        ("150000", "内蒙古自治区")
    );
}

#[test]
fn autonomous_region_named_only_in_the_body() {
    let g = guess(
        "a.txt",
        "各位代表：\n现在，我代表自治区人民政府，向大会报告工作。\n一、回顾\n全区经济，内蒙古，内蒙古，呼和浩特市、包头市、呼和浩特市、包头市。",
    );
    assert_eq!(code_of(&g), "150000");
}

#[test]
fn municipality_district() {
    let g = guess(
        "a.txt",
        "北京市朝阳区人民政府工作报告\n——2024年1月在北京市朝阳区第十七届人民代表大会第三次会议上\n北京市朝阳区人民政府区长 某某\n各位代表：\n一、回顾\n全区经济。",
    );
    let r = g.region.unwrap();
    assert_eq!(
        (r.code.as_str(), r.full.as_str()),
        ("110105", "北京市朝阳区")
    );
}

#[test]
fn county_level_city_mentioning_its_prefecture() {
    let body = "在苏州市委、市政府的领导下，苏州市的要求，昆山。".repeat(6);
    let g = guess(
        "a.txt",
        &format!(
            "各位代表：\n现在，我代表市人民政府，向大会报告工作。\n一、回顾\n{body}昆山经济，昆山，昆山，昆山市，全市。昆山开发区，昆山，昆山。"
        ),
    );
    assert_eq!(code_of(&g), "320583");
}

#[test]
fn city_report_reposted_on_a_county_site() {
    let lines: Vec<String> = [
        "政府工作报告",
        "——2018年2月10日在保定市第十五届人民代表大会第三次会议上",
        "保定市人民政府市长 郭建英",
        "各位代表：",
        "现在，我代表市人民政府，向大会报告工作。",
        "一、回顾",
        "全市经济，定兴县、涞水县、易县。",
    ]
    .iter()
    .map(|s| (*s).to_string())
    .collect();
    let furniture = vec![
        "定兴县人民政府网站".to_string(),
        "来源URL：http://www.dingxing.gov.cn/content-3-16445.html".to_string(),
    ];
    let input = MetaInput {
        file: "定兴县/a.txt",
        lines: &lines,
        furniture: &furniture,
    };
    let g = infer(&input, &Meta::default());
    assert_eq!(code_of(&g), "130600");
}

#[test]
fn province_named_only_by_its_short_name() {
    let body = "河北，全省，石家庄、保定、唐山，河北经济，雄安新区。".repeat(4);
    let g = guess(
        "a.txt",
        &format!("各位代表：\n现在，我代表省人民政府，向大会报告工作。\n一、回顾\n{body}"),
    );
    assert_eq!(code_of(&g), "130000");
}

#[test]
fn common_words_are_not_places() {
    // 振兴 (振兴区), 新兴 (新兴县), 合作 (合作市), 公安 (公安县) are everyday words here.
    let body = "乡村振兴，新兴产业，合作共赢，公安机关，平安建设。".repeat(20);
    let g = guess(
        "a.txt",
        &format!(
            "各位代表：\n现在，我代表县人民政府，向大会报告工作。\n一、回顾\n{body}涞源，涞源县，全县。"
        ),
    );
    assert_eq!(code_of(&g), "130630");
}

#[test]
fn meta_speaker_title_sets_the_level() {
    let lines: Vec<String> = [
        "各位代表：",
        "一、回顾",
        "保定市，保定市，保定市，满城，满城。",
    ]
    .iter()
    .map(|s| (*s).to_string())
    .collect();
    let input = MetaInput {
        file: "a.txt",
        lines: &lines,
        furniture: &[],
    };
    let meta = Meta {
        speaker_title: Some("区长".to_string()),
        ..Meta::default()
    };
    let g = infer(&input, &meta);
    assert_eq!(code_of(&g), "130607");
    assert_eq!(g.region.unwrap().name, "满城区");
}

#[test]
fn national_with_premier_line() {
    let g = guess(
        "a.txt",
        "政府工作报告\n——2024年3月5日在第十四届全国人民代表大会第二次会议上\n国务院总理 李强\n各位代表：\n一、回顾\n北京市、上海市。",
    );
    assert_eq!(code_of(&g), "100000");
}

#[test]
fn autonomous_county_speaks_of_itself_as_a_county() {
    let g = guess(
        "a.txt",
        "各位代表：\n现在，我代表自治县人民政府，向大会报告工作。\n一、回顾\n都安经济，河池市，都安，都安瑶族自治县，全县。巴马。",
    );
    let r = g.region.unwrap();
    assert_eq!(
        (r.code.as_str(), r.name.as_str()),
        ("451228", "都安瑶族自治县")
    );
}

#[test]
fn praise_from_the_state_council_is_not_a_national_report() {
    let g = guess(
        "a.txt",
        "各位代表：\n现在，我代表省人民政府，向大会报告工作。\n一、回顾\n受国务院表彰。河北，河北，全省。",
    );
    assert_eq!(code_of(&g), "130000");
}

#[test]
fn a_wrong_crawler_header_is_a_warning() {
    let lines: Vec<String> = [
        "政府工作报告",
        "——2024年1月10日在新安县第十七届人民代表大会第三次会议上",
        "新安县人民政府县长 某某",
        "各位代表：",
        "一、回顾",
        "全县经济，洛阳。",
    ]
    .iter()
    .map(|s| (*s).to_string())
    .collect();
    let furniture = vec!["标题：安新县2024年政府工作报告".to_string()];
    let input = MetaInput {
        file: "report.txt",
        lines: &lines,
        furniture: &furniture,
    };
    let g = infer(&input, &Meta::default());
    assert_eq!(code_of(&g), "410323");
    assert!(
        g.warnings
            .iter()
            .any(|w| w == "the page header says 安新县 but the text names 新安县"),
        "{:?}",
        g.warnings
    );
}

/// The speaker's title for a division's name.
fn title_for(name: &str, level: Level) -> &'static str {
    match level {
        Level::Province if name.ends_with("自治区") => "主席",
        Level::Province => "省长",
        _ if name.ends_with('州') => "州长",
        _ if name.ends_with('盟') => "盟长",
        _ if name.ends_with("地区") => "专员",
        _ if name.ends_with('旗') => "旗长",
        _ if name.ends_with('县') => "县长",
        _ if name.ends_with('区') => "区长",
        _ => "市长",
    }
}

#[test]
fn every_division_is_found_from_a_plain_head() {
    // For every current division: a report head naming it, a body naming its parents and
    // a few other places. The inference must give the division back.
    let mut failures = Vec::new();
    let all = gazetteer::divisions();
    for (i, d) in all.iter().enumerate() {
        if d.level == Level::National || d.code.starts_with("71") || d.code.starts_with('8') {
            continue;
        }
        let parents: String = gazetteer::ancestors(d.code)
            .iter()
            .map(|a| ["在", a.name, "的领导下，"].concat())
            .collect();
        let other = &all[(i * 7 + 13) % all.len()];
        let text = format!(
            "{n}2023年政府工作报告\n——2023年1月10日在{n}第十届人民代表大会第三次会议上\n{n}人民政府{t} 某某\n各位代表：\n一、回顾\n{parents}{n}经济发展。{o}来考察。\n",
            n = d.name,
            t = title_for(d.name, d.level),
            o = other.name,
        );
        let g = guess("a.txt", &text);
        if code_of(&g) != d.code {
            failures.push(format!("{} {}: got {}", d.code, d.name, code_of(&g)));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn most_divisions_are_found_from_body_mentions() {
    // No names in the head: the level from 我代表县人民政府, the place from the body, where
    // the parents are named more often than the place itself and a sibling appears too.
    let mut failures = Vec::new();
    let mut total = 0;
    let all = gazetteer::divisions();
    for d in all {
        if d.level == Level::National || d.code.starts_with("71") || d.code.starts_with('8') {
            continue;
        }
        total += 1;
        let anc = gazetteer::ancestors(d.code);
        let parents: String = anc
            .iter()
            .map(|a| format!("在{}的领导下，{}发展。", a.name, a.name).repeat(3))
            .collect();
        let sibling = all
            .iter()
            .find(|s| s.parent == d.parent && s.code != d.code && s.level == d.level)
            .map_or("", |s| s.name);
        let short = gazetteer::short_forms(d.name, d.level)
            .into_iter()
            .next()
            .unwrap_or_else(|| d.name.to_string());
        let word = match title_for(d.name, d.level) {
            "主席" => "自治区",
            "省长" => "省",
            "州长" => "州",
            "盟长" => "盟",
            "专员" => "地区",
            "旗长" => "旗",
            "县长" => "县",
            "区长" => "区",
            _ => "市",
        };
        let text = format!(
            "各位代表：\n现在，我代表{word}人民政府，向大会报告工作。\n一、回顾\n{parents}{n}经济发展，{s}，{s}，{s}。{sib}来交流。全{word}上下。\n",
            n = d.name,
            s = short,
            sib = sibling,
        );
        let g = guess("a.txt", &text);
        if code_of(&g) != d.code {
            failures.push(format!("{} {}: got {}", d.code, d.name, code_of(&g)));
        }
    }
    // Same-named places with the same parent names cannot all be told apart; allow a few.
    eprintln!("{} of {total} not found: {failures:?}", failures.len());
    assert!(
        failures.len() * 100 <= total,
        "{} of {total} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn head_found_after_long_site_navigation() {
    let nav = "网站首页\n人大概览\n新闻中心\n".repeat(12);
    let g = guess(
        "a.txt",
        &format!(
            "{nav}2022年河北省政府工作报告\n——2022年1月20日在河北省第十三届人民代表大会第五次会议上\n代省长 王正谱\n各位代表：\n现在，我代表省人民政府，向大会报告工作。\n一、回顾\n保定、石家庄。"
        ),
    );
    assert_eq!(code_of(&g), "130000");
    assert!(g.region.unwrap().confidence >= 0.9);
}

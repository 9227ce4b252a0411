//! Nothing a corpus folder can hold makes the pipeline panic, and every file is either a
//! report or listed as rejected with a clear reason.

use std::path::Path;

use gwr::corpus::{self, Corpus, decode, parse_report};
use proptest::prelude::*;

/// Pieces that real (and broken) report files are made of.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("政府工作报告".to_string()),
        Just("——2020年3月31日在市八届人大六次会议上".to_string()),
        Just("2020年6月29日在阿拉善左旗".to_string()),
        Just("市长 李春生".to_string()),
        Just("各位代表：".to_string()),
        Just("一、2019年工作回顾".to_string()),
        Just("（一）众志成城，全力抗击疫情。在".to_string()),
        Just("1.".to_string()),
        Just("（1）".to_string()),
        Just("①".to_string()),
        Just("第一部分".to_string()),
        Just("名 词 解 释".to_string()),
        Just("附件：".to_string()),
        Just("\\r\\n".to_string()),
        Just("\r\n".to_string()),
        Just("\r".to_string()),
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        Just("\u{3000}\u{3000}".to_string()),
        Just("&nbsp;".to_string()),
        Just("&ems".to_string()),
        Just("&#x4e00;".to_string()),
        Just("&#99999999;".to_string()),
        Just("<p>".to_string()),
        Just("</div>".to_string()),
        Just("<script>".to_string()),
        Just("<!--".to_string()),
        Just("<".to_string()),
        Just("\u{1b}[31m".to_string()),
        Just("\u{1b}]0;".to_string()),
        Just("\u{9b}".to_string()),
        Just("\u{fffd}".to_string()),
        Just("????".to_string()),
        Just("冀ICP备06016263号-1".to_string()),
        Just("责任编辑：王安".to_string()),
        Just("来源：".to_string()),
        Just("【字体：".to_string()),
        Just("，".to_string()),
        Just("。".to_string()),
        Just("亲自".to_string()),
        "[\\p{Han}，。、：；！？“”（）]{0,40}",
        "\\PC{0,20}",
        any::<String>(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
        let _ = parse_report("x.txt", &bytes);
    }

    #[test]
    fn arbitrary_report_like_text_never_panics(parts in proptest::collection::vec(piece(), 0..80)) {
        let text = parts.concat();
        let _ = parse_report("x.txt", text.as_bytes());
        // A long enough body is parsed as a report; its text never carries a control character.
        let body = format!("{text}{}", "各位代表，我们要坚持稳中求进，推动高质量发展。".repeat(20));
        if let Ok(r) = parse_report("y.txt", body.as_bytes()) {
            for p in &r.paragraphs {
                prop_assert!(!p.text.chars().any(char::is_control), "{:?}", p.text);
            }
        }
    }

    #[test]
    fn decoded_text_never_holds_a_control_character(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        if let Ok(d) = decode::decode(&bytes) {
            prop_assert!(!d.text.chars().any(|c| c.is_control() && c != '\n' && c != '\t'));
        }
    }
}

/// A short report: preamble, two parts, closing.
fn report_text() -> String {
    let paras = [
        "过去一年，我们坚持稳中求进工作总基调，统筹推进稳增长、促改革、调结构、惠民生、防风险各项工作，经济社会发展取得新成绩。",
        "全市地区生产总值增长百分之六，一般公共预算收入增长百分之八，城乡居民人均可支配收入分别增长百分之七和百分之九。",
        "今年经济社会发展的主要预期目标是：地区生产总值增长百分之六左右，城镇新增就业三千人以上，居民收入增长与经济增长基本同步。",
        "我们将坚定不移推进改革开放，持续优化营商环境，全力抓好项目建设，加快构建现代产业体系，不断增进人民群众福祉。",
    ];
    format!(
        "政府工作报告\n——2020年3月31日在市八届人大六次会议上\n市长 李春生\n各位代表：\n\
         现在，我代表市人民政府向大会报告工作，请予审议。\n一、2019年工作回顾\n{}\n{}\n\
         二、2020年工作安排\n{}\n{}\n各位代表！让我们更加紧密地团结起来，为建设美丽新德令哈而努力奋斗！\n",
        paras[0], paras[1], paras[2], paras[3]
    )
}

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    std::fs::write(dir.join(name), bytes).unwrap();
}

#[test]
fn a_corpus_of_bad_files_is_listed_with_reasons() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let report = report_text();

    write(dir, "empty.txt", b"");
    write(dir, "blank.txt", b"  \r\n\t\r\n   ");
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend((0u32..4000).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8));
    write(dir, "image.txt", &png);
    let (gbk, _, _) = encoding_rs::GBK.encode(&report);
    // Cut inside the last two-byte character (the closing ！ is full-width: two GBK bytes).
    let cut_at = gbk.len() - 2;
    write(dir, "truncated_gbk.txt", &gbk[..cut_at]);
    let mut le = vec![0xff, 0xfe];
    let mut be = vec![0xfe, 0xff];
    for u in report.replace('\n', "\r\n").encode_utf16() {
        le.extend_from_slice(&u.to_le_bytes());
        be.extend_from_slice(&u.to_be_bytes());
    }
    write(dir, "utf16le.txt", &le);
    write(dir, "utf16be.txt", &be);
    let big = "各位代表，我们要坚持稳中求进。\n".repeat(50 * 1024 * 1024 / 46 + 1);
    write(dir, "huge.txt", big.as_bytes());
    let escaped = report.replace(
        "各位代表：",
        "\u{1b}[2J\u{1b}[31m各位代表：\u{1b}[0m\u{1b}]0;pwned\u{7}",
    );
    write(dir, "escapes.txt", escaped.as_bytes());
    let plain: String = report
        .lines()
        .filter(|l| !l.starts_with("一、") && !l.starts_with("二、"))
        .flat_map(|l| [l, "\n"])
        .collect();
    write(dir, "no_headings.txt", plain.as_bytes());
    let page = format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>2020年德令哈市政府工作报告</title>\
         <style>p {{ margin: 0 }}</style><script>var x = \"<p>not text</p>\";</script></head><body>\
         <div class=\"nav\">网站首页 &gt; 政务公开</div>{}<div class=\"footer\">版权所有 &copy; 德令哈市人民政府</div>\
         </body></html>",
        report
            .lines()
            .flat_map(|l| ["<p>&emsp;&emsp;", l, "</p>\r\n"])
            .collect::<String>()
    );
    write(dir, "page.html", page.as_bytes());
    write(
        dir,
        "note.txt",
        b"Remember to buy milk and send the quarterly numbers to the team by Friday.\n",
    );

    let loaded = corpus::load(&Corpus::dir(dir).unwrap(), |_, _| {}).unwrap();
    assert_eq!(
        loaded.reports.len() + loaded.rejected.len(),
        11,
        "nothing dropped"
    );
    let reason = |name: &str| {
        loaded
            .rejected
            .iter()
            .find(|r| r.file == name)
            .map_or_else(|| panic!("{name} should be rejected"), |r| r.reason.clone())
    };
    let text = |name: &str| -> Vec<String> {
        loaded
            .reports
            .iter()
            .find(|r| r.meta.file == name)
            .unwrap_or_else(|| panic!("{name} should be a report: {:?}", loaded.rejected))
            .paragraphs
            .iter()
            .map(|p| p.text.clone())
            .collect()
    };

    assert!(reason("empty.txt").contains("empty"));
    assert!(reason("blank.txt").contains("empty"));
    assert!(reason("image.txt").contains("binary"));
    assert!(reason("huge.txt").contains("too large"));
    assert!(reason("note.txt").contains("not a report"));

    let expected = [
        "政府工作报告",
        "——2020年3月31日在市八届人大六次会议上",
        "市长 李春生",
        "各位代表：",
    ];
    for name in ["utf16le.txt", "utf16be.txt", "escapes.txt", "page.html"] {
        let t = text(name);
        assert_eq!(&t[..4], expected, "{name}");
        assert!(t.iter().any(|l| l == "一、2019年工作回顾"), "{name}");
        assert!(t.last().unwrap().ends_with("而努力奋斗！"), "{name}");
        for l in &t {
            assert!(!l.chars().any(char::is_control), "{name}: {l:?}");
            assert!(
                !l.contains("版权所有") && !l.contains("网站首页"),
                "{name}: {l}"
            );
        }
    }
    let t = text("truncated_gbk.txt");
    assert_eq!(&t[..4], expected);
    assert!(t.iter().any(|l| l == "一、2019年工作回顾"));
    let t = text("no_headings.txt");
    assert!(t.iter().any(|l| l.starts_with("现在，我代表市人民政府")));
}

//! What a single line is: site furniture, a preamble line (title, dateline, speaker,
//! 各位代表), prose, or a heading. Each test looks at one line only; the cleaning pipeline
//! combines them with the line's position in the file.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;

use crate::corpus::numbering::parse_numbering;

/// Furniture: how strongly a line marks the page around the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Furniture {
    /// Page furniture that may sit anywhere (headers, index blocks, widgets, captions).
    Soft,
    /// A footer or sidebar marker: the report has ended (ICP, 版权所有, 责任编辑, 相关新闻 …).
    Hard,
}

/// A line of the report's preamble.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Preamble {
    /// 政府工作报告, 2023年某县政府工作报告, 政 府 工 作 报 告.
    Title,
    /// ——2020年3月31日在市八届人大六次会议上, （2008年3月27日）.
    Dateline,
    /// The start of a dateline broken over lines: 2020年6月29日在阿拉善左旗.
    DatelineStart,
    /// The rest of a broken dateline: 第十五届人民代表大会第三次会议上.
    DatelineRest,
    /// 市长 李春生, 河北省人民政府省长 许勤.
    Speaker,
    /// 各位代表： (the opening salutation).
    Opening,
    /// A subtitle: ——奋力推动…
    Subtitle,
}

fn re(s: &str) -> Regex {
    Regex::new(s).expect("valid regex")
}

/// One regex matching any of the patterns (one pass over a line instead of one per pattern).
fn any_of(patterns: &[&str]) -> Regex {
    let joined: Vec<String> = patterns.iter().map(|p| format!("(?:{p})")).collect();
    re(&joined.join("|"))
}

static SOFT: LazyLock<Regex> = LazyLock::new(|| {
    any_of(&[
        // crawler headers
        r"^(?:标题|发文单位|发文机关|发文时间|发文日期|发文字号|报告人|来源URL|来源网址|原文链接|原文地址|原文网址|网址|正文)\s*[：:]",
        // index / metadata blocks and aggregator frames
        r"^(?:索引号|发布机构|主题分类|组配分类|体裁分类|服务对象分类|主题词|成文日期|发布日期|发布时间|更新时间|生效日期|废止日期|来源|信息来源|文章来源|稿件来源|稿源|文号|名称|浏览次数|浏览量|点击数|点击量|点击率|访问量|阅读次数|阅读量|字体|字号|作者|编辑|时间|日期|所属机构|内容摘要|摘要)\s*[：:]",
        r"^(?:阅读|评论|点击|浏览|点赞|收藏|转发)\s*[：:]?\s*\d*\s*(?:次)?$",
        // navigation and breadcrumbs
        r"^(?:您现在所在的位置|您当前的位置|您现在的位置|您的位置|当前位置|所在位置)\s*(?:[：:]|$)",
        r"^(?:网站)?首页\s*(?:>|＞|›|»|/|\||｜|$)",
        r"^[>＞›»|｜/\\·•\s]+$",
        r"^\S{1,12}\s*(?:>|＞|›|»)+\s*\S{1,12}\s*(?:>|＞|›|»)+",
        // widgets
        r"^[【\[]?\s*(?:字体|字号)\s*[：:]?.{0,16}$",
        r"^[【\[]?\s*(?:打印本页|打印此页|打印文章|打印|关闭窗口|关闭本页|关闭|保存|收藏本页|收藏|分享|下载|全屏|返回顶部|返回|顶部|加大|减小|还原|默认|A-|A\+|A|T|【|】)\s*[】\]]?\s*[：:]?$",
        r"^.{0,12}扫一扫.{0,16}$",
        r"^(?:QQ空间|新浪微博|腾讯微博|人人网|开心网|百度空间|和讯|天涯社区|豆瓣|微信|微博|朋友圈)$",
        r"^[^，。、（(一二三四五六七八九十\d]{0,24}(?:官方)?(?:微信|微博|客户端|公众号)$",
        // bare numbers, dates and times, hexadecimal ids
        r"^\d{1,9}$",
        // page numbers of a converted document: - 3 -, —3—, 第3页 共9页
        r"^[-－—–]\s*\d{1,3}\s*[-－—–]$|^第\s*\d{1,3}\s*页(?:\s*共\s*\d{1,3}\s*页)?$",
        r"^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$",
        r"^\d{4}年\d{1,2}月\d{1,2}日\s*\d{1,2}[时:：]\d{2}(?:分)?$",
        r"^\d{1,2}-\d{1,2}$",
        r"^[0-9a-fA-F]{32}\s*[：:]?$",
        // wire-service datelines: 新华社北京3月12日电
        r"^新华社.{0,12}电$",
    ])
});

/// Footer words anywhere in a line. Apart from [`HARD`]'s line starts: every branch here
/// begins with a literal, which the regex engine looks for before running its automaton,
/// while a mix with `^` branches would run the automaton over every line.
static HARD_ANYWHERE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"ICP备|ICP证|ICP\s*\d|网站标识码|公网安备|版权所有|Copyright|©|责任编辑|我要纠错|即将离开.{0,30}网站|不良信息举报|建议使用.{0,24}(?:分辨率|浏览器)",
    )
});

/// Footer lines by how they start.
static HARD: LazyLock<Regex> = LazyLock::new(|| {
    any_of(&[
        r"^(?:技术支持|网站地图|转载声明|免责声明|联系我们|网站声明|隐私声明|关于我们)\s*(?:[：:|｜]|$)",
        r"^(?:主办|承办|协办|主管|维护|运维)(?:单位)?\s*[：:]",
        r"^(?:相关新闻|相关报道|相关文章|相关链接|相关附件|相关阅读|相关资讯|相关稿件|相关信息|延伸阅读|阅读排行|热门文章|热点推荐|推荐阅读|标签云|热门标签|本栏最新|本栏推荐|上一篇|下一篇|分享到)\s*(?:>>|》|：|:)?",
    ])
});

/// Photo captions: 许勤作政府工作报告。河北日报记者孟宇光摄
static CAPTION: LazyLock<Regex> = LazyLock::new(|| {
    re(r"记者.{0,20}摄(?:影)?\s*$|作(?:政府工作报告|《政府工作报告》)。.{0,30}记者")
});

static DATE_START: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^[（(]?\s*[—–\-－―─]*\s*[（(]?\s*(?:\d{4}|[〇零一二三四五六七八九○Ｏ]{4})\s*年\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*日",
    )
});

static DATELINE_REST: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?:人民代表大会|人大|代表大会).{0,16}会议(?:上)?$|会议上$|大会上$"));

static SPEAKER: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?:总理|主席|省长|市长|县长|区长|旗长|州长|盟长|专员|镇长|乡长)([\s?？\u{fffd}]*[\p{Han}·•](?:\s?[\p{Han}·•]){1,5})?$",
    )
});

static OPENING: LazyLock<Regex> = LazyLock::new(|| {
    // A `?` or U+FFFD after the colon is a character lost in conversion (各位代表：?).
    re(
        r"^各位代表(?:[、，,]\s*(?:同志们|各位委员|各位同志)[、，,]?)?\s*[：:，,！!]?[\s?\u{fffd}]*(?:$|现在)",
    )
});

/// A source credit glued to the end of the last sentence: `…而努力奋斗！    来源：某某网`.
static TRAILER: LazyLock<Regex> = LazyLock::new(|| {
    re(r"^(.*[。！？!?”])[\s\u{3000}]{2,}((?:来源|稿源|信息来源|责任编辑|编辑)\s*[：:].{1,40})$")
});

/// The line, or the line and a source credit glued to its end as two lines.
pub fn split_trailer(line: &str) -> Vec<&str> {
    let mut cut = line.len().saturating_sub(150);
    while !line.is_char_boundary(cut) {
        cut += 1;
    }
    let tail = &line[cut..];
    if !(tail.contains("来源") || tail.contains("编辑")) {
        return vec![line];
    }
    match TRAILER.captures(line) {
        Some(c) => vec![
            c.get(1).map_or("", |m| m.as_str()),
            c.get(2).map_or("", |m| m.as_str()),
        ],
        None => vec![line],
    }
}

/// Characters that end a sentence or a clause that can stand alone.
pub fn is_terminal(c: char) -> bool {
    matches!(
        c,
        '。' | '！' | '？' | '!' | '?' | '；' | ';' | '：' | ':' | '…' | '.'
    )
}

/// A Chinese character.
pub fn is_han(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}' | '\u{f900}'..='\u{faff}')
}

/// Number of Chinese characters.
pub fn han_count(s: &str) -> usize {
    s.chars().filter(|&c| is_han(c)).count()
}

/// A sentence of report text: ends a sentence somewhere, or is a long clause.
pub fn is_prose(s: &str) -> bool {
    s.contains(['。', '！', '？', '!', '?', '；'])
        || (s.contains(['，', ',']) && han_count(s) >= 20)
}

/// Zero-width characters that pages leave at the ends of lines: space, non-joiner, joiner
/// (`各位代表：\u{200d}`), word joiner.
fn is_zero_width(c: char) -> bool {
    matches!(c, '\u{200b}'..='\u{200d}' | '\u{2060}')
}

/// The line trimmed of indentation (spaces, U+3000, U+00A0, tabs, zero-width characters)
/// with tabs inside turned into spaces.
pub fn normalise(line: &str) -> String {
    let t = line.trim_matches(|c: char| c.is_whitespace() || is_zero_width(c));
    if !t.contains(|c: char| c.is_whitespace() && c != ' ') && !t.contains("  ") {
        return t.to_string();
    }
    // Inner runs of tabs, U+3000, U+00A0 and other spaces become one ASCII space.
    let mut out = String::with_capacity(t.len());
    let mut space = false;
    for c in t.chars() {
        if c.is_whitespace() {
            if !space {
                out.push(' ');
            }
            space = true;
        } else {
            out.push(c);
            space = false;
        }
    }
    out
}

/// The line without any whitespace (for comparing lines and matching preamble forms).
pub fn squeeze(s: &str) -> Cow<'_, str> {
    let gone = |c: char| crate::text::is_space(c) || c == '\u{200b}';
    if s.contains(gone) {
        let mut out = String::with_capacity(s.len());
        out.extend(s.chars().filter(|&c| !gone(c)));
        Cow::Owned(out)
    } else {
        Cow::Borrowed(s)
    }
}

/// The comparison key of a line, hashed: no whitespace, full-width ASCII forms folded
/// (，/, ：/: （/( …), so a copy that differs only in punctuation width still matches. The
/// 128-bit hash stands for the key itself (a collision among a report's lines is out of
/// reach), so the key is never built: runs of characters that stay as they are go to the
/// hasher whole.
pub fn fold_hash(s: &str) -> u128 {
    let mut h = twox_hash::XxHash3_128::new();
    let mut run = 0;
    for (i, c) in s.char_indices() {
        let folded = match c {
            '\u{ff01}'..='\u{ff5e}' => Some(u8::try_from(u32::from(c) - 0xfee0).ok()),
            '\u{200b}' => Some(None),
            c if crate::text::is_space(c) => Some(None),
            _ => None,
        };
        if let Some(f) = folded {
            h.write(&s.as_bytes()[run..i]);
            if let Some(b) = f {
                h.write(&[b]);
            }
            run = i + c.len_utf8();
        }
    }
    h.write(&s.as_bytes()[run..]);
    h.finish_128()
}

/// Whether the line is site furniture, and how strong a marker it is.
pub fn furniture(line: &str) -> Option<Furniture> {
    let chars = line.chars().count();
    if chars > 200 {
        // Long lines are text, except an aggregator's frame line (时间：…作者：…).
        return (line.starts_with("时间") && line.contains("作者")).then_some(Furniture::Soft);
    }
    // A header line (发布时间：… 责任编辑：…) is soft even when it names a footer item.
    if SOFT.is_match(line) || (chars <= 80 && CAPTION.is_match(line)) {
        return Some(Furniture::Soft);
    }
    (HARD.is_match(line) || HARD_ANYWHERE.is_match(line)).then_some(Furniture::Hard)
}

/// The preamble form of a line, if it has one.
pub fn preamble(line: &str) -> Option<Preamble> {
    let chars = line.chars().count();
    if chars > 90 {
        return None;
    }
    if OPENING.is_match(line) {
        return Some(Preamble::Opening);
    }
    let sq = squeeze(line);
    let sq_chars = sq.chars().count();
    if !sq.contains(['。', '；', '！']) && DATE_START.is_match(&sq) && sq_chars <= 80 {
        let ends_meeting =
            sq.ends_with('上') || sq.ends_with("会议") || sq.ends_with('）') || sq.ends_with(')');
        if sq.contains('在') && !ends_meeting {
            return Some(Preamble::DatelineStart);
        }
        if sq.contains('在') || sq_chars <= 16 {
            return Some(Preamble::Dateline);
        }
        return None;
    }
    if sq_chars <= 50
        && sq.contains("工作报告")
        && !sq.contains(['。', '，', '；', '：', ':'])
        && parse_numbering(&sq).is_none()
    {
        return Some(Preamble::Title);
    }
    if sq_chars <= 40 && !sq.contains(['。', '，', '；']) && DATELINE_REST.is_match(&sq) {
        return Some(Preamble::DatelineRest);
    }
    if chars <= 30
        && !line.contains(['。', '，', '：', ':', '；'])
        && SPEAKER
            .captures(line)
            .is_some_and(|c| c.get(1).is_some() || line.contains("政府"))
    {
        return Some(Preamble::Speaker);
    }
    let dashed = sq.starts_with("——") || sq.starts_with("--") || sq.starts_with("――");
    if dashed && chars <= 80 && !sq.contains('。') && sq.contains("会议") && sq.contains('在') {
        // ——在某市第十届人民代表大会第三次会议上（2023年1月10日）
        return Some(Preamble::Dateline);
    }
    if dashed && chars <= 60 && !sq.contains('。') {
        return Some(Preamble::Subtitle);
    }
    None
}

/// A bare personal name on its own line (a speaker line without a title): 2–4 characters,
/// spaced or not (`王  强`, `李 明 华`).
pub fn is_bare_name(line: &str) -> bool {
    let line = line.trim();
    if line.chars().count() > 12 {
        return false;
    }
    let mut n = 0;
    for c in line.chars() {
        if is_han(c) {
            n += 1;
        } else if !crate::text::is_space(c) {
            return false;
        }
    }
    (2..=4).contains(&n)
}

/// A heading by its numbering (一、 （一） 1. （1） ① 第一部分).
pub fn is_numbered(line: &str) -> bool {
    parse_numbering(line).is_some()
}

/// A line that starts an appendix: 附件, 名词解释 (also spaced), 有关名词解释.
pub fn is_appendix_start(line: &str) -> bool {
    let head = line
        .char_indices()
        .nth(40)
        .map_or(line, |(i, _)| &line[..i]);
    let sq = squeeze(head);
    let sq = sq.trim_start_matches(['《', '〈']);
    sq.starts_with("附件")
        || sq.starts_with("附：")
        || (sq.contains("名词解释") && line.chars().nth(30).is_none())
        || sq.starts_with("注释")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_hash_ignores_spaces_and_width() {
        let h = fold_hash("各位代表，现在我代表市人民政府（１）");
        assert_eq!(h, fold_hash("各位代表,现在 我代表\u{3000}市人民政府(1)"));
        assert_eq!(h, fold_hash("各位代表,\u{200b}现在我代表市人民政府（1）\t"));
        assert_ne!(h, fold_hash("各位代表，现在我代表县人民政府（１）"));
        assert_ne!(h, fold_hash("各位代表，现在我代表市人民政府（１"));
        assert_ne!(fold_hash("ab"), fold_hash("a"));
    }

    #[test]
    fn furniture_lines() {
        for l in [
            "标题：2021年河北省政府工作报告",
            "来源URL：http://x",
            "正文：",
            "索引号: 11152101011603325K/202103-00002 组配分类: 政府工作报告",
            "发布时间:2022-08-06 22:09   责任编辑:www",
            "您现在所在的位置: 网站首页> 政务公开 > 海拉尔区人民政府",
            "首页>公开>规划计划>政府工作报告",
            ">>",
            "A-",
            "【字体：大 中 小】",
            "打印本页",
            "扫一扫在手机打开当前页",
            "许勤作政府工作报告。河北日报记者孟宇光摄",
            "2022-01-24 09:09:00",
            "abcd39f1fb7f426d9dfb6bd0fa1f2146:",
            "来源：百度马 克 数据网",
            "新华社北京3月12日电",
            "296",
            "- 3 -",
            "第2页 共9页",
        ] {
            assert_eq!(furniture(l), Some(Furniture::Soft), "{l}");
        }
        for l in [
            "冀ICP备06016263号-1",
            "网站标识码：1300000013",
            "（责任编辑：杨淼）",
            "【我要纠错】责任编辑：王安",
            "主办：河北省人民政府办公厅",
            "相关报道：",
            "相关附件>>",
            "版权所有：河北省人民政府",
        ] {
            assert_eq!(furniture(l), Some(Furniture::Hard), "{l}");
        }
        for l in [
            "各位代表：",
            "一、2019年工作回顾",
            "政府工作报告",
            "亲自",
            "现在，我代表市人民政府向大会报告工作，请予审议。",
            "2017年工作回顾",
            "主要做了以下工作：",
            "强化科技人才和技术支持，建设网站地图服务平台。",
            "推广“扫一扫”办事，让群众少跑腿，进一步优化营商环境和政务服务水平。",
        ] {
            assert_eq!(furniture(l), None, "{l}");
        }
    }

    #[test]
    fn trailing_source_credit_is_split_off() {
        assert_eq!(
            split_trailer("而努力奋斗！    来源：百度马 克 数据网"),
            ["而努力奋斗！", "来源：百度马 克 数据网"]
        );
        assert_eq!(split_trailer("来源于群众。"), ["来源于群众。"]);
    }

    #[test]
    fn preamble_lines() {
        use Preamble::*;
        for (l, p) in [
            ("政府工作报告", Title),
            ("政 府 工 作 报 告", Title),
            ("(内蒙古)2020年阿拉善左旗人民政府工作报告(全文)", Title),
            ("——2020年3月31日在市八届人大六次会议上", Dateline),
            (
                "—2021年3月2日在海拉尔区第十五届人民代表大会第五次会议上",
                Dateline,
            ),
            (
                "--2014年2月19日在海拉尔区第十四届人民代表大会第三次会议上",
                Dateline,
            ),
            ("（2008年3月27日）", Dateline),
            (
                "——在某市第十届人民代表大会第三次会议上（2023年1月10日）",
                Dateline,
            ),
            ("2013年3月19日", Dateline),
            (
                "——二〇二六年一月二十七日在甘肃省十四届人民代表大会第四次会议上",
                Dateline,
            ),
            ("2020年6月29日在阿拉善左旗", DatelineStart),
            ("2022年 1月6日在兴和县第十六届", DatelineStart),
            ("第十五届人民代表大会第三次会议上", DatelineRest),
            ("市长 李春生", Speaker),
            ("阿拉善左旗人民政府旗长 戈 明", Speaker),
            ("准格尔旗人民政府旗长苏日嘎拉图", Speaker),
            ("保定市清苑区人民政府区长?? 李英英", Speaker),
            ("国务院总理 李强", Speaker),
            ("海拉尔区人民政府区长", Speaker),
            ("海拉尔区人民政府区长\u{3000}\u{3000}杜联合", Speaker),
            ("各位代表：", Opening),
            ("各位代表、同志们：", Opening),
            ("各位代表:", Opening),
            (
                "——奋力推动现代化品质生活之城更高质量、更有韧性、更有活力",
                Subtitle,
            ),
        ] {
            assert_eq!(preamble(l), Some(p), "{l}");
        }
        for l in [
            "一、2019年工作回顾",
            "各位代表，刚刚过去的一年，我们砥砺前行。",
            "（一）经济发展稳中向好。",
            "克强总理",
            "现在，我代表市人民政府向大会报告工作。",
        ] {
            assert_eq!(preamble(l), None, "{l}");
        }
    }
}

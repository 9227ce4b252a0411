//! Recognising the numbering that starts a heading: 一、 / （一） / 1. / （1） / ① / 第一部分.

/// The style of a heading number, from the outermost level inward as reports usually nest them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NumberStyle {
    /// 第一部分, 第一章
    Part,
    /// 一、
    Chinese,
    /// （一） or (一)
    ParenChinese,
    /// 1. 1、 1．
    Arabic,
    /// （1） or (1)
    ParenArabic,
    /// ① ② …
    Circled,
}

/// A heading number found at the start of a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Numbering {
    pub style: NumberStyle,
    /// The number's value: 一 = 1, （十二） = 12, ⑤ = 5.
    pub value: u32,
    /// The number as written, without the trailing 、 or . (`一`, `（一）`, `1`, `（1）`, `①`).
    pub label: String,
    /// Byte length of the prefix to strip: the number, its punctuation and any spaces after.
    pub len: usize,
}

/// Value of a Chinese numeral from 一 to 九十九 (also 〇, 两); `None` otherwise.
#[must_use]
pub fn chinese_value(s: &str) -> Option<u32> {
    let digit = |c: char| -> Option<u32> {
        Some(match c {
            '〇' | '零' => 0,
            '一' => 1,
            '二' | '两' => 2,
            '三' => 3,
            '四' => 4,
            '五' => 5,
            '六' => 6,
            '七' => 7,
            '八' => 8,
            '九' => 9,
            _ => return None,
        })
    };
    let chars: Vec<char> = s.chars().collect();
    match chars.as_slice() {
        ['十'] => Some(10),
        ['十', d] => Some(10 + digit(*d)?),
        [d, '十'] => Some(digit(*d)? * 10),
        [d, '十', e] => Some(digit(*d)? * 10 + digit(*e)?),
        [d] => digit(*d).filter(|v| *v > 0),
        _ => None,
    }
}

fn is_cn_numeral(c: char) -> bool {
    matches!(
        c,
        '〇' | '零' | '一' | '二' | '两' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'
    )
}

fn skip_spaces(s: &str, mut at: usize) -> usize {
    while let Some(c) = s[at..].chars().next() {
        if c == ' ' || c == '\u{3000}' || c == '\u{a0}' || c == '\t' {
            at += c.len_utf8();
        } else {
            break;
        }
    }
    at
}

/// Recognises the numbering at the very start of `line`. Leading spaces (ASCII, U+3000,
/// U+00A0) are skipped and counted in [`Numbering::len`].
#[must_use]
pub fn parse_numbering(line: &str) -> Option<Numbering> {
    let lead = skip_spaces(line, 0);
    let mut n = parse_at_start(&line[lead..])?;
    n.len += lead;
    Some(n)
}

fn parse_at_start(line: &str) -> Option<Numbering> {
    let first = line.chars().next()?;
    // ① … ⑳
    if ('\u{2460}'..='\u{2473}').contains(&first) {
        let value = u32::from(first) - 0x2460 + 1;
        let at = skip_spaces(line, first.len_utf8());
        return Some(Numbering {
            style: NumberStyle::Circled,
            value,
            label: first.to_string(),
            len: at,
        });
    }
    // （一） (一) （1） (1)
    if first == '（' || first == '(' {
        let rest = &line[first.len_utf8()..];
        let close = rest.find(['）', ')'])?;
        let inner = rest[..close].trim();
        let close_len = rest[close..].chars().next()?.len_utf8();
        let end = first.len_utf8() + close + close_len;
        let (style, value) = if let Some(v) = chinese_value(inner) {
            (NumberStyle::ParenChinese, v)
        } else if !inner.is_empty() && inner.len() <= 3 && inner.bytes().all(|b| b.is_ascii_digit())
        {
            (NumberStyle::ParenArabic, inner.parse().ok()?)
        } else {
            return None;
        };
        // "（一）、" sometimes carries a stray 、 or .
        let mut at = end;
        if let Some(c) = line[at..].chars().next() {
            if c == '、' || c == '.' || c == '．' {
                at += c.len_utf8();
            }
        }
        return Some(Numbering {
            style,
            value,
            label: line[..end].to_string(),
            len: skip_spaces(line, at),
        });
    }
    // 第一部分 / 第一章
    if first == '第' {
        let rest = &line[first.len_utf8()..];
        let num_end = rest
            .char_indices()
            .find(|(_, c)| !is_cn_numeral(*c))
            .map_or(rest.len(), |(i, _)| i);
        let value = chinese_value(&rest[..num_end])?;
        for unit in ["部分", "章", "篇"] {
            if rest[num_end..].starts_with(unit) {
                let end = first.len_utf8() + num_end + unit.len();
                let mut at = skip_spaces(line, end);
                if let Some(c) = line[at..].chars().next() {
                    if matches!(c, '、' | '：' | ':' | '.' | '．') {
                        at = skip_spaces(line, at + c.len_utf8());
                    }
                }
                return Some(Numbering {
                    style: NumberStyle::Part,
                    value,
                    label: line[..end].to_string(),
                    len: at,
                });
            }
        }
        return None;
    }
    // 一、
    if is_cn_numeral(first) {
        let end = line
            .char_indices()
            .find(|(_, c)| !is_cn_numeral(*c))
            .map_or(line.len(), |(i, _)| i);
        let value = chinese_value(&line[..end])?;
        let sep = line[end..].chars().next()?;
        let after = line[end + sep.len_utf8()..].chars().next();
        // "一、二、三产业" is a list of numerals, not a heading.
        let list = after.is_some_and(is_cn_numeral)
            && line[end + sep.len_utf8()..]
                .chars()
                .nth(1)
                .is_some_and(|c| c == '、');
        if matches!(sep, '、' | '．' | '.') && !list {
            return Some(Numbering {
                style: NumberStyle::Chinese,
                value,
                label: line[..end].to_string(),
                len: skip_spaces(line, end + sep.len_utf8()),
            });
        }
        return None;
    }
    // 1. 1、 1．
    if first.is_ascii_digit() {
        let end = line
            .char_indices()
            .find(|(_, c)| !c.is_ascii_digit())
            .map_or(line.len(), |(i, _)| i);
        if end > 2 {
            return None;
        }
        let sep = line[end..].chars().next()?;
        let after = line[end + sep.len_utf8()..].chars().next();
        // "1." but not "1.5亿" or "1、2号线"
        let ok = matches!(sep, '、' | '．' | '.') && !after.is_some_and(|c| c.is_ascii_digit());
        if ok {
            return Some(Numbering {
                style: NumberStyle::Arabic,
                value: line[..end].parse().ok()?,
                label: line[..end].to_string(),
                len: skip_spaces(line, end + sep.len_utf8()),
            });
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_each_style() {
        let n = parse_numbering("一、2019年工作回顾").unwrap();
        assert_eq!(
            (n.style, n.value, n.label.as_str()),
            (NumberStyle::Chinese, 1, "一")
        );
        assert_eq!(&"一、2019年工作回顾"[n.len..], "2019年工作回顾");
        let n = parse_numbering("（十二）着力扩大内需").unwrap();
        assert_eq!((n.style, n.value), (NumberStyle::ParenChinese, 12));
        let n = parse_numbering("(三)众志成城,全力抗击").unwrap();
        assert_eq!((n.style, n.value), (NumberStyle::ParenChinese, 3));
        let n = parse_numbering("12．加快").unwrap();
        assert_eq!((n.style, n.value), (NumberStyle::Arabic, 12));
        let n = parse_numbering("（3）推进").unwrap();
        assert_eq!((n.style, n.value), (NumberStyle::ParenArabic, 3));
        let n = parse_numbering("③完善").unwrap();
        assert_eq!((n.style, n.value), (NumberStyle::Circled, 3));
        let n = parse_numbering("第二部分 今年工作").unwrap();
        assert_eq!((n.style, n.value), (NumberStyle::Part, 2));
        let n = parse_numbering("（1）推进").unwrap();
        assert_eq!(
            (n.style, n.label.as_str()),
            (NumberStyle::ParenArabic, "（1）")
        );
        let n = parse_numbering("(2)推进").unwrap();
        assert_eq!((n.style, n.value), (NumberStyle::ParenArabic, 2));
        let n = parse_numbering("3、推进").unwrap();
        assert_eq!((n.style, n.value), (NumberStyle::Arabic, 3));
        let n = parse_numbering("4.推进").unwrap();
        assert_eq!((n.style, n.value), (NumberStyle::Arabic, 4));
        let n = parse_numbering("二.推进").unwrap();
        assert_eq!((n.style, n.value), (NumberStyle::Chinese, 2));
        let n = parse_numbering("十三、推进").unwrap();
        assert_eq!((n.style, n.value), (NumberStyle::Chinese, 13));
        let n = parse_numbering("第三章　保障").unwrap();
        assert_eq!(
            (n.style, n.value, n.label.as_str()),
            (NumberStyle::Part, 3, "第三章")
        );
    }

    #[test]
    fn skips_indentation() {
        let line = "　　（二）科技创新成绩单。";
        let n = parse_numbering(line).unwrap();
        assert_eq!(
            (n.style, n.value, n.label.as_str()),
            (NumberStyle::ParenChinese, 2, "（二）")
        );
        assert_eq!(&line[n.len..], "科技创新成绩单。");
    }

    #[test]
    fn rejects_ordinary_text() {
        for s in [
            "1.5亿元",
            "2019年工作回顾",
            "一是加快",
            "一年来",
            "（注：数据）",
            "第一次会议",
            "一、二、三产业协调发展",
            "1、2号线",
            "",
        ] {
            assert!(parse_numbering(s).is_none(), "{s}");
        }
    }
}

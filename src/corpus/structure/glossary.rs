//! 名词解释 entries: `1.term：definition`, `1. term。definition`, `[term]definition`,
//! or unnumbered `term：definition`.

use super::trim;
use crate::corpus::model::GlossaryEntry;
use crate::corpus::numbering::parse_numbering;

/// A term is at most this long; a longer lead is a sentence, not a term.
const MAX_TERM_CHARS: usize = 40;
/// A term cut at 。 (`1. term。definition`) is at most this long.
const MAX_DOT_TERM_CHARS: usize = 20;

/// Keys of site furniture that can follow a glossary when cleaning left them in.
const FURNITURE: [&str; 14] = [
    "转载声明",
    "主办",
    "承办",
    "网站标识码",
    "举报电话",
    "建议使用",
    "邮箱",
    "责任编辑",
    "技术支持",
    "联系电话",
    "联系我们",
    "网站地图",
    "版权所有",
    "ICP",
];

/// Splits an entry's text (numbering removed) into term and definition.
fn split_entry(text: &str) -> Option<(String, String)> {
    let text = trim(text);
    for (open, close) in [('[', ']'), ('【', '】'), ('［', '］')] {
        if let Some(rest) = text.strip_prefix(open) {
            if let Some((term, def)) = rest.split_once(close) {
                return Some((trim(term).to_string(), trim(def).to_string()));
            }
        }
    }
    let colon = text.find(['：', ':']);
    if let Some(at) = colon {
        let term = trim(&text[..at]);
        if (1..=MAX_TERM_CHARS).contains(&term.chars().count()) {
            let def = &text[at + text[at..].chars().next().map_or(1, char::len_utf8)..];
            return Some((term.to_string(), trim(def).to_string()));
        }
    }
    if let Some((term, def)) = text.split_once('。') {
        let term = trim(term);
        if (1..=MAX_DOT_TERM_CHARS).contains(&term.chars().count()) {
            return Some((term.to_string(), trim(def).to_string()));
        }
    }
    None
}

/// The byte length of the entry number at the start of `t`, if it has one. `next` is the
/// number the next entry should carry: “18.8所1中心：…” is entry 18 (term 8所1中心) when 18 is
/// due, though alone it reads like the number 18.8.
fn entry_number(t: &str, next: u32) -> Option<usize> {
    if let Some(n) = parse_numbering(t) {
        return Some(n.len);
    }
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    let value: u32 = t[..digits].parse().ok()?;
    let sep = t[digits..].chars().next()?;
    (value == next && matches!(sep, '.' | '．' | '、')).then_some(digits + sep.len_utf8())
}

/// Parses the glossary in `lines[from..to]` (the lines after its heading).
///
/// In a numbered glossary every numbered line starts an entry and other lines continue the
/// one before; in an unnumbered glossary every `term：definition` line starts one.
pub(super) fn parse(lines: &[String], from: usize, to: usize) -> Vec<GlossaryEntry> {
    let first_real = (from..to).find(|&i| !trim(&lines[i]).is_empty());
    let numbered = first_real.is_some_and(|i| entry_number(trim(&lines[i]), 1).is_some());
    let mut out: Vec<GlossaryEntry> = Vec::new();
    for (i, line) in lines.iter().enumerate().take(to).skip(from) {
        let t = trim(line);
        if t.is_empty() {
            continue;
        }
        let entry = if numbered {
            let next = u32::try_from(out.len())
                .unwrap_or(u32::MAX)
                .saturating_add(1);
            entry_number(t, next).map(|len| {
                let rest = &t[len..];
                split_entry(rest).unwrap_or_else(|| (trim(rest).to_string(), String::new()))
            })
        } else {
            split_entry(t)
        };
        // Site furniture after the glossary (主办：…, 网站标识码：…) ends it.
        if entry
            .as_ref()
            .is_some_and(|(term, _)| FURNITURE.iter().any(|w| term.contains(w)))
        {
            break;
        }
        match entry {
            Some((term, definition)) => out.push(GlossaryEntry {
                term,
                definition,
                paragraph: i,
            }),
            None => {
                if let Some(last) = out.last_mut() {
                    if !last.definition.is_empty() {
                        last.definition.push('\n');
                    }
                    last.definition.push_str(t);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(s: &[&str]) -> Vec<String> {
        s.iter().map(|l| (*l).to_string()).collect()
    }

    #[test]
    fn numbered_entries() {
        let l = lines(&[
            "1.“六稳”“六保”：“六稳”是指稳就业。",
            "　　2. 三供一业：是指企业的供水、供电。",
            "3.放管服。是指简政放权。",
            "这是第三条的续行。",
            "4.[三个收官]即实现脱贫攻坚。",
            "5.8所1中心：龙华区看守所。",
        ]);
        let g = parse(&l, 0, l.len());
        assert_eq!(g.len(), 5);
        assert_eq!(g[4].term, "8所1中心");
        assert_eq!(g[0].term, "“六稳”“六保”");
        assert_eq!(g[0].definition, "“六稳”是指稳就业。");
        assert_eq!(g[1].term, "三供一业");
        assert_eq!(g[1].paragraph, 1);
        assert_eq!(g[2].term, "放管服");
        assert_eq!(g[2].definition, "是指简政放权。\n这是第三条的续行。");
        assert_eq!(g[3].term, "三个收官");
        assert_eq!(g[3].definition, "即实现脱贫攻坚。");
    }

    #[test]
    fn unnumbered_entries() {
        let l = lines(&[
            "14条产业链:包括新能源重卡产业链、绿氢产业链。",
            "一刻钟养老服务圈:是以智能化手段为支撑。",
            "接诉即办“三率”：指接诉响应率、问题解决率和群众满意率。",
            "转载声明:转载请注明出处并做回链",
            "主办:鄂尔多斯市人民政府",
        ]);
        let g = parse(&l, 0, l.len());
        assert_eq!(g.len(), 3);
        assert_eq!(g[0].term, "14条产业链");
        assert_eq!(g[2].term, "接诉即办“三率”");
    }
}

//! HTML to plain lines: whole pages and leftover tags, and character entities.
//!
//! A careful one-pass tag stripper rather than an HTML parser: report files are mostly plain
//! text with HTML debris (tag-only lines, `&nbsp;` indentation, an entity cut in half), and a
//! conforming parser would treat that text as one document, fold its line breaks into
//! whitespace and repair fragments into elements. Here only real markup is touched: `<` must
//! start a tag name, `</`, `<!` or `<?`; block tags (`p`, `br`, `div`, `li`, `tr`, `h1`…)
//! become line breaks; `<script>`, `<style>`, `<head>` and similar lose their content; a page
//! `<title>` is kept as its own first line (a hint for the metadata). Linear time.

use std::borrow::Cow;

/// Tags whose content is never report text.
const DROP_CONTENT: [&str; 9] = [
    "script", "style", "head", "noscript", "template", "svg", "iframe", "object", "select",
];

/// Tags that start or end a line.
const BLOCK: [&str; 32] = [
    "p",
    "br",
    "div",
    "li",
    "tr",
    "td",
    "th",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "table",
    "section",
    "article",
    "header",
    "footer",
    "nav",
    "blockquote",
    "pre",
    "hr",
    "title",
    "body",
    "html",
    "form",
    "center",
];

/// True when the text holds something that looks like markup.
fn has_markup(s: &str) -> bool {
    let b = s.as_bytes();
    b.iter().enumerate().any(|(i, &c)| {
        c == b'<'
            && b.get(i + 1)
                .is_some_and(|&n| n.is_ascii_alphabetic() || n == b'/' || n == b'!' || n == b'?')
    })
}

/// Strips tags (block tags become line breaks) and decodes entities.
#[must_use]
pub fn to_text(s: &str) -> Cow<'_, str> {
    let stripped = if has_markup(s) {
        Cow::Owned(strip_tags(s))
    } else {
        Cow::Borrowed(s)
    };
    if stripped.contains('&') {
        Cow::Owned(decode_entities(&stripped))
    } else {
        stripped
    }
}

/// The tag at the start of `s` (which begins with `<`): its lower-case name, whether it is a
/// closing tag, and its byte length. `None` when `s` does not start a tag.
fn parse_tag(s: &str) -> Option<(String, bool, usize)> {
    let b = s.as_bytes();
    if let Some(body) = s.strip_prefix("<!--") {
        let end = body.find("-->").map_or(s.len(), |i| i + 4 + 3);
        return Some(("!--".to_string(), false, end));
    }
    let (closing, name_at) = match b.get(1)? {
        b'/' => (true, 2),
        b'!' | b'?' => (false, 1),
        c if c.is_ascii_alphabetic() => (false, 1),
        _ => return None,
    };
    let name_end = b[name_at..]
        .iter()
        .position(|c| !(c.is_ascii_alphanumeric() || matches!(c, b'-' | b':' | b'!' | b'?')))
        .map_or(b.len(), |p| name_at + p);
    let name = s[name_at..name_end].to_ascii_lowercase();
    if name.is_empty() {
        return None;
    }
    // The tag ends at the first `>` outside quotes, within a sane distance.
    let mut quote = None;
    for (i, &c) in b.iter().enumerate().skip(name_end).take(4096) {
        match (quote, c) {
            (None, b'"' | b'\'') => quote = Some(c),
            (Some(q), _) if c == q => quote = None,
            (None, b'>') => return Some((name, closing, i + 1)),
            (None, b'<') => return None,
            _ => {}
        }
    }
    None
}

fn strip_tags(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    // Close tags known to be absent from the rest of the text (so an unclosed `<script>`
    // repeated many times costs one search, not one per occurrence).
    let mut absent: Vec<String> = Vec::new();
    while let Some(at) = rest.find('<') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let Some((name, closing, len)) = parse_tag(rest) else {
            out.push('<');
            rest = &rest[1..];
            continue;
        };
        rest = &rest[len..];
        if !closing && DROP_CONTENT.contains(&name.as_str()) && !absent.contains(&name) {
            // Skip to the matching close tag (case-insensitive), or drop nothing if absent.
            let close = format!("</{name}");
            let found = find_ci(rest, &close);
            if found.is_none() {
                absent.push(name.clone());
            }
            if let Some(end) = found {
                let after = &rest[end..];
                let gt = after.find('>').map_or(after.len(), |i| i + 1);
                if name == "head" {
                    // Keep the page title: a hint for the metadata.
                    if let Some(t) = page_title(&rest[..end]) {
                        out.push('\n');
                        out.push_str(&t);
                        out.push('\n');
                    }
                }
                rest = &after[gt..];
                out.push('\n');
                continue;
            }
        }
        if BLOCK.contains(&name.as_str()) {
            out.push('\n');
        }
    }
    out.push_str(rest);
    out
}

/// The text of a `<title>` element, tags stripped and whitespace collapsed.
fn page_title(head: &str) -> Option<String> {
    let start = find_ci(head, "<title")?;
    let open_end = head[start..].find('>')? + start + 1;
    let end = find_ci(&head[open_end..], "</title").map_or(head.len(), |e| e + open_end);
    let t: String = head[open_end..end]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    (!t.is_empty()).then_some(t)
}

/// Byte offset of `needle` (ASCII, lower case) in `hay`, ignoring ASCII case.
fn find_ci(hay: &str, needle: &str) -> Option<usize> {
    let h = hay.as_bytes();
    let n = needle.as_bytes();
    if n.is_empty() || h.len() < n.len() {
        return None;
    }
    (0..=h.len() - n.len()).find(|&i| h[i..i + n.len()].eq_ignore_ascii_case(n))
}

/// Named entities met in Chinese government pages (the rest are left as written).
fn named_entity(name: &str) -> Option<&'static str> {
    Some(match name {
        "nbsp" | "NBSP" => "\u{a0}",
        "emsp" => "\u{2003}",
        "ensp" => "\u{2002}",
        "thinsp" => "\u{2009}",
        "ideographicspace" => "\u{3000}",
        "amp" | "AMP" => "&",
        "lt" | "LT" => "<",
        "gt" | "GT" => ">",
        "quot" | "QUOT" => "\"",
        "apos" => "'",
        "ldquo" => "“",
        "rdquo" => "”",
        "lsquo" => "‘",
        "rsquo" => "’",
        "laquo" => "«",
        "raquo" => "»",
        "mdash" => "—",
        "ndash" => "–",
        "hellip" => "…",
        "middot" => "·",
        "bull" => "•",
        "times" => "×",
        "divide" => "÷",
        "plusmn" => "±",
        "deg" => "°",
        "permil" => "‰",
        "yen" => "¥",
        "copy" => "©",
        "reg" => "®",
        "trade" => "™",
        "sect" => "§",
        "para" => "¶",
        "le" => "≤",
        "ge" => "≥",
        "ne" => "≠",
        "asymp" => "≈",
        "rarr" => "→",
        "larr" => "←",
        "uarr" => "↑",
        "darr" => "↓",
        "shy" => "",
        "zwsp" | "ZeroWidthSpace" => "\u{200b}",
        _ => return None,
    })
}

/// Decodes `&name;`, `&#123;` and `&#x1F;` references. Anything else, a cut reference like
/// `&ems…` included, stays as written. Numeric references to control characters become
/// nothing (they must never reach a terminal).
#[must_use]
pub fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let body_end = rest[1..]
            .char_indices()
            .take(32)
            .find(|(_, c)| !(c.is_ascii_alphanumeric() || *c == '#'))
            .map(|(i, c)| (i + 1, c));
        let decoded = match body_end {
            Some((end, ';')) => {
                let body = &rest[1..end];
                let value = if let Some(num) = body.strip_prefix('#') {
                    let code = if let Some(hex) = num.strip_prefix(['x', 'X']) {
                        u32::from_str_radix(hex, 16).ok()
                    } else {
                        num.parse::<u32>().ok()
                    };
                    code.and_then(char::from_u32).map(|c| {
                        if c.is_control() && c != '\n' && c != '\t' {
                            String::new()
                        } else {
                            c.to_string()
                        }
                    })
                } else {
                    named_entity(body).map(str::to_string)
                };
                value.map(|v| (v, end + 1))
            }
            _ => None,
        };
        if let Some((v, len)) = decoded {
            out.push_str(&v);
            rest = &rest[len..];
        } else {
            out.push('&');
            rest = &rest[1..];
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities() {
        assert_eq!(
            decode_entities("&nbsp;&emsp;a&amp;b&#20013;&#x4e00;&lt;&ems……&unknown;&"),
            "\u{a0}\u{2003}a&b中一<&ems……&unknown;&"
        );
        assert_eq!(decode_entities("&#27;[31m&#x1b;"), "[31m");
    }

    #[test]
    fn tags_become_lines() {
        let t = to_text("<p>各位代表：</p><p>现在，我代表<b>市</b>政府<br/>报告&nbsp;工作</p>");
        let lines: Vec<&str> = t.lines().filter(|l| !l.trim().is_empty()).collect();
        assert_eq!(
            lines,
            ["各位代表：", "现在，我代表市政府", "报告\u{a0}工作"]
        );
    }

    #[test]
    fn whole_page() {
        let page = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>2023年某县政府工作报告</title>\
                    <style>p{color:red}</style><script>var a = '<p>x</p>';</script></head>\
                    <body><div class=\"nav\">首页</div><!-- comment --><div><p>各位代表：</p></div>\
                    <SCRIPT>alert(1)</SCRIPT></body></html>";
        let t = to_text(page);
        let lines: Vec<&str> = t.lines().filter(|l| !l.trim().is_empty()).collect();
        assert_eq!(lines, ["2023年某县政府工作报告", "首页", "各位代表："]);
    }

    #[test]
    fn text_that_is_not_markup_stays() {
        assert_eq!(to_text("a < b，1<2，《纲要》"), "a < b，1<2，《纲要》");
        assert_eq!(to_text("x<2 and 3>1"), "x<2 and 3>1");
    }
}

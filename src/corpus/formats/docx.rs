//! Word `.docx` files: the paragraphs of `word/document.xml`, each with the list number
//! Word draws for it (automatic numbering is not in the text: it is rendered here from
//! `word/numbering.xml`, the paragraph's own `numPr` or its style's) and its heading level
//! (from the paragraph's or its style's `outlineLvl`, or a `heading N` style name). Page headers and footers
//! live in parts of their own and are never read; tables give one line per cell paragraph.

use std::collections::HashMap;
use std::io::{Cursor, Read as _};

use quick_xml::events::{BytesStart, Event};

use super::FormatError;

/// One paragraph of a Word document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocxParagraph {
    /// The list number Word shows before the text (`一、`, `（二）`, `3.`), if any.
    pub number: String,
    /// The paragraph's text (a manual line break starts a new line).
    pub text: String,
    /// 1 for a top-level heading style, 2 for the next…; `None` for body text.
    pub heading: Option<u8>,
}

/// Parts larger than this are not unpacked (a zip bomb is not a report).
const MAX_PART_BYTES: u64 = 256 * 1024 * 1024;

/// The paragraphs of a `.docx` file.
///
/// # Errors
/// [`FormatError::Docx`] when the file is not a readable Word document.
pub fn paragraphs(bytes: &[u8]) -> Result<Vec<DocxParagraph>, FormatError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| FormatError::Docx(format!("not a zip archive ({e})")))?;
    let mut part = |name: &str| -> Result<Option<String>, FormatError> {
        let f = match zip.by_name(name) {
            Ok(f) => f,
            Err(zip::result::ZipError::FileNotFound) => return Ok(None),
            Err(e) => return Err(FormatError::Docx(format!("{name}: {e}"))),
        };
        let mut s = String::new();
        f.take(MAX_PART_BYTES)
            .read_to_string(&mut s)
            .map_err(|e| FormatError::Docx(format!("{name}: {e}")))?;
        Ok(Some(s))
    };
    let document = part("word/document.xml")?.ok_or_else(|| {
        FormatError::Docx("no word/document.xml: not a Word document".to_string())
    })?;
    let styles = part("word/styles.xml")?
        .map(|s| Styles::parse(&s))
        .transpose()?
        .unwrap_or_default();
    let numbering = part("word/numbering.xml")?
        .map(|s| Numbering::parse(&s))
        .transpose()?
        .unwrap_or_default();
    read_document(&document, &styles, numbering)
}

/// The text of a `.docx` file, one line per paragraph, list numbers rendered.
///
/// # Errors
/// As [`paragraphs`].
pub fn text(bytes: &[u8]) -> Result<String, FormatError> {
    text_and_headings(bytes).map(|(text, _)| text)
}

/// [`text`], with the lines of the paragraphs styled as top-level headings (`Heading 1`, a
/// `标题 1` style, outline level 1), as they appear in the text: the structure reader takes
/// them for the report's parts when their text alone does not show it.
///
/// # Errors
/// As [`paragraphs`].
pub fn text_and_headings(bytes: &[u8]) -> Result<(String, Vec<String>), FormatError> {
    let mut out = String::new();
    let mut headings = Vec::new();
    for p in paragraphs(bytes)? {
        if p.text.trim().is_empty() {
            continue;
        }
        let start = out.len();
        out.push_str(&p.number);
        out.push_str(&p.text);
        if p.heading == Some(1) {
            headings.push(out[start..].to_string());
        }
        out.push('\n');
    }
    Ok((out, headings))
}

fn xml_error(part: &str, e: &impl std::fmt::Display) -> FormatError {
    FormatError::Docx(format!("{part} is damaged: {e}"))
}

/// The value of attribute `w:<name>` (any prefix).
fn attr(e: &BytesStart<'_>, name: &[u8]) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        (a.key.local_name().as_ref() == name)
            .then(|| {
                a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                    .ok()
                    .map(std::borrow::Cow::into_owned)
            })
            .flatten()
    })
}

fn attr_num(e: &BytesStart<'_>, name: &[u8]) -> Option<i64> {
    attr(e, name).and_then(|v| v.trim().parse().ok())
}

/// A paragraph's numbering reference.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct NumRef {
    num_id: Option<i64>,
    ilvl: Option<i64>,
}

/// The paragraph styles: numbering and heading level, following `basedOn`.
#[derive(Debug, Default)]
struct Styles {
    by_id: HashMap<String, Style>,
}

#[derive(Debug, Default, Clone)]
struct Style {
    based_on: Option<String>,
    num: NumRef,
    outline: Option<i64>,
    name: String,
}

impl Styles {
    fn parse(xml: &str) -> Result<Styles, FormatError> {
        let mut r = quick_xml::Reader::from_str(xml);
        let mut styles = Styles::default();
        let mut cur: Option<(String, Style)> = None;
        loop {
            let ev = r.read_event().map_err(|e| xml_error("styles.xml", &e))?;
            match &ev {
                Event::Start(e) | Event::Empty(e) => {
                    let name = e.local_name();
                    match name.as_ref() {
                        b"style" => {
                            let id = attr(e, b"styleId").unwrap_or_default();
                            cur = Some((id, Style::default()));
                        }
                        b"name" => {
                            if let Some((_, s)) = &mut cur {
                                s.name = attr(e, b"val").unwrap_or_default();
                            }
                        }
                        b"basedOn" => {
                            if let Some((_, s)) = &mut cur {
                                s.based_on = attr(e, b"val");
                            }
                        }
                        b"numId" => {
                            if let Some((_, s)) = &mut cur {
                                s.num.num_id = attr_num(e, b"val");
                            }
                        }
                        b"ilvl" => {
                            if let Some((_, s)) = &mut cur {
                                s.num.ilvl = attr_num(e, b"val");
                            }
                        }
                        b"outlineLvl" => {
                            if let Some((_, s)) = &mut cur {
                                s.outline = attr_num(e, b"val");
                            }
                        }
                        _ => {}
                    }
                }
                Event::End(e) if e.local_name().as_ref() == b"style" => {
                    if let Some((id, s)) = cur.take() {
                        styles.by_id.insert(id, s);
                    }
                }
                Event::Eof => break,
                _ => {}
            }
        }
        Ok(styles)
    }

    /// The style's chain: itself, then what it is based on (at most 16 deep).
    fn chain<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a Style> + 'a {
        let mut next = Some(id);
        std::iter::from_fn(move || {
            let s = self.by_id.get(next?)?;
            next = s.based_on.as_deref();
            Some(s)
        })
        .take(16)
    }

    fn num(&self, id: &str) -> NumRef {
        let mut out = NumRef::default();
        for s in self.chain(id) {
            out.num_id = out.num_id.or(s.num.num_id);
            out.ilvl = out.ilvl.or(s.num.ilvl);
        }
        out
    }

    /// 1-based heading level: the style's outline level, or a `heading N` / `标题 N` name.
    fn heading(&self, id: &str) -> Option<u8> {
        for s in self.chain(id) {
            if let Some(l) = s.outline {
                return u8::try_from(l + 1).ok().filter(|l| *l <= 9);
            }
            let name = s.name.to_lowercase();
            for prefix in ["heading", "标题"] {
                if let Some(n) = name.strip_prefix(prefix) {
                    if let Ok(n) = n.trim().parse::<u8>() {
                        return Some(n);
                    }
                }
            }
        }
        None
    }
}

/// One level of a list definition.
#[derive(Debug, Clone, Default)]
struct Level {
    start: i64,
    format: String,
    text: String,
}

/// The list definitions and, while the document is read, their counters.
#[derive(Debug, Default)]
struct Numbering {
    abstracts: HashMap<i64, HashMap<i64, Level>>,
    /// numId → (abstractNumId, start overrides per level).
    nums: HashMap<i64, (i64, HashMap<i64, i64>)>,
    /// Counters per numId: the current value at each level.
    counters: HashMap<i64, Vec<Option<i64>>>,
}

impl Numbering {
    fn parse(xml: &str) -> Result<Numbering, FormatError> {
        let mut r = quick_xml::Reader::from_str(xml);
        let mut n = Numbering::default();
        let mut abs: Option<(i64, HashMap<i64, Level>)> = None;
        let mut lvl: Option<(i64, Level)> = None;
        let mut num: Option<(i64, i64, HashMap<i64, i64>)> = None;
        let mut override_lvl: Option<i64> = None;
        loop {
            let ev = r.read_event().map_err(|e| xml_error("numbering.xml", &e))?;
            match &ev {
                Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                    b"abstractNum" => {
                        abs = Some((attr_num(e, b"abstractNumId").unwrap_or(-1), HashMap::new()));
                    }
                    b"lvl" if abs.is_some() => {
                        let level = Level {
                            start: 1,
                            ..Level::default()
                        };
                        lvl = Some((attr_num(e, b"ilvl").unwrap_or(0), level));
                    }
                    b"start" => {
                        if let Some((_, l)) = &mut lvl {
                            l.start = attr_num(e, b"val").unwrap_or(1);
                        }
                    }
                    b"numFmt" => {
                        if let Some((_, l)) = &mut lvl {
                            l.format = attr(e, b"val").unwrap_or_default();
                        }
                    }
                    b"lvlText" => {
                        if let Some((_, l)) = &mut lvl {
                            l.text = attr(e, b"val").unwrap_or_default();
                        }
                    }
                    b"num" => {
                        num = Some((attr_num(e, b"numId").unwrap_or(-1), -1, HashMap::new()));
                    }
                    b"abstractNumId" => {
                        if let Some((_, a, _)) = &mut num {
                            *a = attr_num(e, b"val").unwrap_or(-1);
                        }
                    }
                    b"lvlOverride" => override_lvl = attr_num(e, b"ilvl"),
                    b"startOverride" => {
                        if let (Some((_, _, o)), Some(l)) = (&mut num, override_lvl) {
                            o.insert(l, attr_num(e, b"val").unwrap_or(1));
                        }
                    }
                    _ => {}
                },
                Event::End(e) => match e.local_name().as_ref() {
                    b"lvl" => {
                        if let (Some((_, levels)), Some((i, l))) = (&mut abs, lvl.take()) {
                            levels.insert(i, l);
                        }
                    }
                    b"abstractNum" => {
                        if let Some((id, levels)) = abs.take() {
                            n.abstracts.insert(id, levels);
                        }
                    }
                    b"num" => {
                        if let Some((id, a, o)) = num.take() {
                            n.nums.insert(id, (a, o));
                        }
                    }
                    _ => {}
                },
                Event::Eof => break,
                _ => {}
            }
        }
        Ok(n)
    }

    /// The number Word draws for the next paragraph at `ilvl` of list `num_id`, counting it.
    fn next(&mut self, num_id: i64, ilvl: i64) -> String {
        let Some((abs_id, overrides)) = self.nums.get(&num_id) else {
            return String::new();
        };
        let Some(levels) = self.abstracts.get(abs_id) else {
            return String::new();
        };
        let Some(level) = levels.get(&ilvl) else {
            return String::new();
        };
        let start = |l: i64| {
            overrides
                .get(&l)
                .copied()
                .or_else(|| levels.get(&l).map(|x| x.start))
                .unwrap_or(1)
        };
        let depth = usize::try_from(ilvl.clamp(0, 8)).unwrap_or(0);
        let counters = self.counters.entry(num_id).or_insert_with(|| vec![None; 9]);
        counters[depth] = Some(counters[depth].map_or_else(|| start(ilvl), |v| v + 1));
        for c in &mut counters[depth + 1..] {
            *c = None;
        }
        if level.format == "bullet" || level.format == "none" {
            return String::new();
        }
        let mut out = String::new();
        let mut rest = level.text.as_str();
        while let Some(i) = rest.find('%') {
            out.push_str(&rest[..i]);
            let d = rest[i + 1..].chars().next().and_then(|c| c.to_digit(10));
            match d {
                Some(d) if (1..=9).contains(&d) => {
                    let l = i64::from(d) - 1;
                    let li = usize::try_from(l).unwrap_or(0);
                    let value = counters[li].unwrap_or_else(|| start(l));
                    let format = levels.get(&l).map_or("decimal", |x| x.format.as_str());
                    out.push_str(&format_number(value, format));
                    rest = &rest[i + 2..];
                }
                _ => {
                    out.push('%');
                    rest = &rest[i + 1..];
                }
            }
        }
        out.push_str(rest);
        out
    }
}

/// A list number in one of Word's formats (the ones Chinese documents use, and the common
/// Western ones; others fall back to decimal).
fn format_number(n: i64, format: &str) -> String {
    match format {
        "chineseCounting"
        | "chineseCountingThousand"
        | "japaneseCounting"
        | "taiwaneseCounting"
        | "taiwaneseCountingThousand"
        | "chineseLegalSimplified" => chinese(n),
        "ideographTraditional" => cycle(n, "甲乙丙丁戊己庚辛壬癸"),
        "ideographZodiac" => cycle(n, "子丑寅卯辰巳午未申酉戌亥"),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" if (1..=20).contains(&n) => {
            char::from_u32(0x2460 + u32::try_from(n - 1).unwrap_or(0))
                .map_or_else(|| n.to_string(), String::from)
        }
        "decimalFullWidth" | "decimalFullWidth2" => n
            .to_string()
            .chars()
            .map(|c| char::from_u32(u32::from(c) - 0x30 + 0xFF10).unwrap_or(c))
            .collect(),
        "lowerLetter" => letters(n, b'a'),
        "upperLetter" => letters(n, b'A'),
        "lowerRoman" => roman(n).to_lowercase(),
        "upperRoman" => roman(n),
        _ => n.to_string(),
    }
}

fn cycle(n: i64, chars: &str) -> String {
    let c: Vec<char> = chars.chars().collect();
    let len = i64::try_from(c.len()).unwrap_or(1);
    c[usize::try_from((n - 1).rem_euclid(len)).unwrap_or(0)].to_string()
}

fn letters(n: i64, base: u8) -> String {
    if n < 1 {
        return n.to_string();
    }
    // Word repeats the letter: a … z, aa … zz.
    let times = usize::try_from((n - 1) / 26 + 1).unwrap_or(1);
    let c = char::from(base + u8::try_from((n - 1) % 26).unwrap_or(0));
    std::iter::repeat_n(c, times).collect()
}

fn roman(mut n: i64) -> String {
    const R: [(i64, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (v, s) in R {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

/// 一 … 十 … 九十九 … 一百二十三: Chinese counting as Word draws it.
fn chinese(n: i64) -> String {
    const D: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    if !(1..10_000).contains(&n) {
        return n.to_string();
    }
    let digit = |i: i64| D[usize::try_from(i).unwrap_or(0)];
    let (th, h, t, u) = (n / 1000, n / 100 % 10, n / 10 % 10, n % 10);
    let mut out = String::new();
    if th > 0 {
        out.push(digit(th));
        out.push('千');
    }
    if h > 0 {
        out.push(digit(h));
        out.push('百');
    } else if th > 0 && (t > 0 || u > 0) {
        out.push('〇');
    }
    if t > 0 {
        if !(t == 1 && n < 20) {
            out.push(digit(t));
        }
        out.push('十');
    } else if (th > 0 || h > 0) && u > 0 && !out.ends_with('〇') {
        out.push('〇');
    }
    if u > 0 {
        out.push(digit(u));
    }
    out
}

/// Reads the body's paragraphs in order.
fn read_document(
    xml: &str,
    styles: &Styles,
    mut numbering: Numbering,
) -> Result<Vec<DocxParagraph>, FormatError> {
    let mut r = quick_xml::Reader::from_str(xml);
    let mut out = Vec::new();
    // The paragraph being read: its style, numbering and text.
    let mut style = String::new();
    let mut num = NumRef::default();
    let mut text = String::new();
    let mut in_p = 0usize;
    // Inside <w:t> (text to keep); inside <w:delText>, <w:instrText> and the like, not.
    let mut in_t = false;
    // Inside <mc:Fallback>: a second copy of what <mc:Choice> holds (text boxes).
    let mut in_fallback = 0usize;
    // The paragraph's own outline level (w:pPr/w:outlineLvl), which beats its style's.
    let mut outline: Option<i64> = None;
    let finish = |style: &str,
                  num: NumRef,
                  outline: Option<i64>,
                  text: &mut String,
                  numbering: &mut Numbering,
                  out: &mut Vec<DocxParagraph>| {
        let from_style = styles.num(style);
        let num_id = num.num_id.or(from_style.num_id);
        let ilvl = num.ilvl.or(from_style.ilvl).unwrap_or(0);
        // numId 0 switches numbering off.
        let number = match num_id {
            Some(id) if id > 0 => numbering.next(id, ilvl),
            _ => String::new(),
        };
        // Outline level 9 is body text; 0–8 are heading levels 1–9.
        let heading = match outline {
            Some(l) => u8::try_from(l + 1).ok().filter(|l| *l <= 9),
            None => styles.heading(style),
        };
        for (i, line) in std::mem::take(text).split('\n').enumerate() {
            out.push(DocxParagraph {
                number: if i == 0 {
                    number.clone()
                } else {
                    String::new()
                },
                text: line.to_string(),
                heading,
            });
        }
    };
    loop {
        let ev = r.read_event().map_err(|e| xml_error("document.xml", &e))?;
        if in_fallback > 0 {
            match &ev {
                Event::Start(e) if e.local_name().as_ref() == b"Fallback" => in_fallback += 1,
                Event::End(e) if e.local_name().as_ref() == b"Fallback" => in_fallback -= 1,
                Event::Eof => break,
                _ => {}
            }
            continue;
        }
        match ev {
            Event::Start(e) => match e.local_name().as_ref() {
                b"Fallback" => in_fallback = 1,
                b"p" => {
                    in_p += 1;
                    if in_p == 1 {
                        style.clear();
                        num = NumRef::default();
                        outline = None;
                        text.clear();
                    }
                }
                b"t" => in_t = true,
                b"pStyle" => style = attr(&e, b"val").unwrap_or_default(),
                _ => {}
            },
            Event::Empty(e) => match e.local_name().as_ref() {
                b"pStyle" => style = attr(&e, b"val").unwrap_or_default(),
                b"numId" if in_p > 0 => num.num_id = attr_num(&e, b"val"),
                b"ilvl" if in_p > 0 => num.ilvl = attr_num(&e, b"val"),
                b"outlineLvl" if in_p > 0 => outline = attr_num(&e, b"val"),
                b"tab" if in_p > 0 => text.push('\t'),
                b"br" | b"cr" if in_p > 0 => text.push('\n'),
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                b"t" => in_t = false,
                b"p" => {
                    in_p = in_p.saturating_sub(1);
                    if in_p == 0 {
                        finish(&style, num, outline, &mut text, &mut numbering, &mut out);
                    }
                }
                _ => {}
            },
            Event::Text(t) if in_t => {
                text.push_str(&t.decode().map_err(|e| xml_error("document.xml", &e))?);
            }
            Event::CData(t) if in_t => {
                text.push_str(&t.decode().map_err(|e| xml_error("document.xml", &e))?);
            }
            Event::GeneralRef(g) if in_t => {
                if let Ok(Some(c)) = g.resolve_char_ref() {
                    text.push(c);
                } else if let Ok(name) = g.decode() {
                    if let Some(s) = quick_xml::escape::resolve_predefined_entity(&name) {
                        text.push_str(s);
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

//! PDF files with a text layer: the text of every page, placed where the page draws it,
//! then put back into paragraphs.
//!
//! Each page's content stream is followed through its text operators (`Tf Td TD Tm T* Tj
//! TJ ' "`, with `cm`, `q` and `Q`), and each string is decoded with its font's `ToUnicode`
//! map (CJK `Type0` fonts with `Identity-H` included), else its encoding (`GBK-EUC-H` and
//! its kin as GBK; `UniGB-UCS2-H` as UTF-16). Strings on one baseline make a line. Lines
//! that repeat at the top or bottom of the pages (running headers and footers) and page
//! numbers (`3`, `- 3 -`, `第3页`, `3/12`) are dropped. A line joins the one before it when
//! that one ran to the right margin and this one is not indented and not set apart by a
//! larger gap, so a paragraph broken over lines, or over a page break, is one line again.
//!
//! Glyph widths are estimated (a full-width character one em, others half) rather than
//! read from the fonts: they only decide whether a line reached the margin.

use std::collections::HashMap;

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Encoding, Object, ObjectId};
use unicode_width::UnicodeWidthChar as _;

use super::FormatError;

/// An affine matrix `[a b c d e f]` as PDF writes them (row vectors).
#[derive(Debug, Clone, Copy, PartialEq)]
struct Matrix([f32; 6]);

impl Matrix {
    const IDENTITY: Matrix = Matrix([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);

    fn translate(x: f32, y: f32) -> Matrix {
        Matrix([1.0, 0.0, 0.0, 1.0, x, y])
    }

    /// `self × other`: first self, then other.
    fn then(self, other: Matrix) -> Matrix {
        let (m, n) = (self.0, other.0);
        Matrix([
            m[0] * n[0] + m[1] * n[2],
            m[0] * n[1] + m[1] * n[3],
            m[2] * n[0] + m[3] * n[2],
            m[2] * n[1] + m[3] * n[3],
            m[4] * n[0] + m[5] * n[2] + n[4],
            m[4] * n[1] + m[5] * n[3] + n[5],
        ])
    }

    fn apply(self, x: f32, y: f32) -> (f32, f32) {
        let m = self.0;
        (x * m[0] + y * m[2] + m[4], x * m[1] + y * m[3] + m[5])
    }
}

/// A string drawn on a page, in page space (y up).
#[derive(Debug, Clone)]
struct Run {
    x: f32,
    y: f32,
    end: f32,
    size: f32,
    text: String,
}

/// A line of a page.
#[derive(Debug, Clone)]
struct Line {
    x: f32,
    y: f32,
    end: f32,
    size: f32,
    text: String,
}

/// How a font's string bytes become text.
enum Decoder<'a> {
    Lopdf(Encoding<'a>),
    Gbk,
    /// A CID font with neither a `ToUnicode` map nor a known encoding: its codes are glyph
    /// numbers, which say nothing about the characters.
    Unmapped,
}

impl Decoder<'_> {
    fn decode(&self, bytes: &[u8]) -> Option<String> {
        match self {
            Decoder::Lopdf(e) => e.bytes_to_string(bytes).ok(),
            Decoder::Gbk => Some(
                encoding_rs::GBK
                    .decode_without_bom_handling(bytes)
                    .0
                    .into_owned(),
            ),
            Decoder::Unmapped => None,
        }
    }
}

/// A page's font, made ready for decoding: with a `ToUnicode` map, the `Encoding` entry is
/// dropped so that the map is what decodes (lopdf prefers the encoding).
fn prepare(doc: &Document, font: &Dictionary) -> (Dictionary, Option<bool>) {
    let mut f = font.clone();
    if f.get(b"ToUnicode").is_ok() {
        f.remove(b"Encoding");
        return (f, None);
    }
    let type0 = f.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Type0");
    let encoding = f
        .get_deref(b"Encoding", doc)
        .and_then(Object::as_name)
        .map(<[u8]>::to_vec)
        .unwrap_or_default();
    let gbk = encoding.starts_with(b"GB") && !encoding.starts_with(b"GBT");
    let unicode = encoding.starts_with(b"UniGB-UCS2") || encoding.starts_with(b"UniGB-UTF16");
    match (type0, gbk, unicode) {
        (_, true, _) => (f, Some(true)),
        (true, _, false) => (f, Some(false)),
        _ => (f, None),
    }
}

fn decoder<'a>(doc: &'a Document, f: &'a Dictionary, kind: Option<bool>) -> Decoder<'a> {
    match kind {
        Some(true) => Decoder::Gbk,
        Some(false) => Decoder::Unmapped,
        None => f
            .get_font_encoding(doc)
            .map_or(Decoder::Unmapped, Decoder::Lopdf),
    }
}

fn num(o: &Object) -> f32 {
    o.as_float().unwrap_or(0.0)
}

/// The text state that matters for positions.
struct TextState {
    ctm: Matrix,
    stack: Vec<Matrix>,
    tm: Matrix,
    tlm: Matrix,
    font: Vec<u8>,
    size: f32,
    leading: f32,
    char_spacing: f32,
    word_spacing: f32,
    scale: f32,
    rise: f32,
}

/// Glyphs a page drew with fonts that have no Unicode map.
struct PageText {
    runs: Vec<Run>,
    unmapped: usize,
}

fn page_runs(doc: &Document, page: ObjectId) -> PageText {
    let mut out = PageText {
        runs: Vec::new(),
        unmapped: 0,
    };
    let fonts = doc.get_page_fonts(page).unwrap_or_default();
    let prepared: Vec<(Vec<u8>, Dictionary, Option<bool>)> = fonts
        .into_iter()
        .map(|(name, f)| {
            let (d, k) = prepare(doc, f);
            (name, d, k)
        })
        .collect();
    let decoders: HashMap<&[u8], Decoder<'_>> = prepared
        .iter()
        .map(|(n, d, k)| (n.as_slice(), decoder(doc, d, *k)))
        .collect();
    let Ok(bytes) = doc.get_page_content(page) else {
        return out;
    };
    let Ok(content) = Content::decode(&bytes) else {
        return out;
    };
    let mut st = TextState {
        ctm: Matrix::IDENTITY,
        stack: Vec::new(),
        tm: Matrix::IDENTITY,
        tlm: Matrix::IDENTITY,
        font: Vec::new(),
        size: 12.0,
        leading: 0.0,
        char_spacing: 0.0,
        word_spacing: 0.0,
        scale: 1.0,
        rise: 0.0,
    };
    for op in &content.operations {
        let o = &op.operands;
        let arg = |i: usize| o.get(i).map_or(0.0, num);
        match op.operator.as_str() {
            "q" => st.stack.push(st.ctm),
            "Q" => st.ctm = st.stack.pop().unwrap_or(Matrix::IDENTITY),
            "cm" if o.len() == 6 => {
                let m = Matrix([arg(0), arg(1), arg(2), arg(3), arg(4), arg(5)]);
                st.ctm = m.then(st.ctm);
            }
            "BT" => {
                st.tm = Matrix::IDENTITY;
                st.tlm = Matrix::IDENTITY;
            }
            "Tf" => {
                st.font = o
                    .first()
                    .and_then(|n| n.as_name().ok())
                    .map(<[u8]>::to_vec)
                    .unwrap_or_default();
                st.size = arg(1);
            }
            "TL" => st.leading = arg(0),
            "Tc" => st.char_spacing = arg(0),
            "Tw" => st.word_spacing = arg(0),
            "Tz" => st.scale = arg(0) / 100.0,
            "Ts" => st.rise = arg(0),
            "Td" | "TD" => {
                if op.operator == "TD" {
                    st.leading = -arg(1);
                }
                st.tlm = Matrix::translate(arg(0), arg(1)).then(st.tlm);
                st.tm = st.tlm;
            }
            "Tm" if o.len() == 6 => {
                st.tlm = Matrix([arg(0), arg(1), arg(2), arg(3), arg(4), arg(5)]);
                st.tm = st.tlm;
            }
            "T*" => {
                st.tlm = Matrix::translate(0.0, -st.leading).then(st.tlm);
                st.tm = st.tlm;
            }
            "Tj" | "'" | "\"" | "TJ" => {
                if op.operator == "'" || op.operator == "\"" {
                    if op.operator == "\"" {
                        st.word_spacing = arg(0);
                        st.char_spacing = arg(1);
                    }
                    st.tlm = Matrix::translate(0.0, -st.leading).then(st.tlm);
                    st.tm = st.tlm;
                }
                let Some(dec) = decoders.get(st.font.as_slice()) else {
                    continue;
                };
                let parts: Vec<&Object> = match o.last() {
                    Some(Object::Array(a)) if op.operator == "TJ" => a.iter().collect(),
                    Some(s) => vec![s],
                    None => continue,
                };
                show(&mut st, dec, &parts, &mut out);
            }
            _ => {}
        }
    }
    out
}

/// Draws the strings of one text-showing operator: records a run, moves the text matrix.
fn show(st: &mut TextState, dec: &Decoder<'_>, parts: &[&Object], out: &mut PageText) {
    let start = st.tm.then(st.ctm);
    let (x, y) = start.apply(0.0, st.rise);
    let size = st.size * start.0[2].hypot(start.0[3]);
    let mut text = String::new();
    for p in parts {
        match p {
            Object::String(bytes, _) => {
                let Some(s) = dec.decode(bytes) else {
                    out.unmapped += bytes.len() / 2;
                    continue;
                };
                let mut advance = 0.0;
                for c in s.chars() {
                    let em = if c.width() == Some(2) { 1.0 } else { 0.5 };
                    advance += em * st.size + st.char_spacing;
                    if c == ' ' {
                        advance += st.word_spacing;
                    }
                }
                st.tm = Matrix::translate(advance * st.scale, 0.0).then(st.tm);
                text.push_str(&s);
            }
            other => {
                let n = num(other);
                st.tm = Matrix::translate(-n / 1000.0 * st.size * st.scale, 0.0).then(st.tm);
            }
        }
    }
    if text.is_empty() {
        return;
    }
    let (end, _) = st.tm.then(st.ctm).apply(0.0, 0.0);
    out.runs.push(Run {
        x,
        y,
        end,
        size: if size > 0.0 { size } else { st.size.abs() },
        text,
    });
}

/// The page's runs as lines, top to bottom.
fn lines(mut runs: Vec<Run>) -> Vec<Line> {
    runs.sort_by(|a, b| b.y.total_cmp(&a.y));
    let mut lines: Vec<Vec<Run>> = Vec::new();
    for r in runs {
        match lines.last_mut() {
            Some(l) if (l[0].y - r.y).abs() < 0.3 * l[0].size.max(r.size) => l.push(r),
            _ => lines.push(vec![r]),
        }
    }
    lines
        .into_iter()
        .filter_map(|mut l| {
            l.sort_by(|a, b| a.x.total_cmp(&b.x));
            let mut text = String::new();
            let mut prev_end: Option<f32> = None;
            for r in &l {
                let gap = prev_end.map_or(0.0, |e| r.x - e);
                let ascii_edge = text
                    .chars()
                    .last()
                    .is_some_and(|c| c.is_ascii_alphanumeric())
                    && r.text
                        .chars()
                        .next()
                        .is_some_and(|c| c.is_ascii_alphanumeric());
                if ascii_edge && gap > 0.2 * r.size {
                    text.push(' ');
                }
                text.push_str(&r.text);
                prev_end = Some(r.end);
            }
            let text = text.trim().to_string();
            if text.is_empty() {
                return None;
            }
            let size = l.iter().map(|r| r.size).fold(0.0, f32::max);
            Some(Line {
                x: l[0].x,
                y: l[0].y,
                end: l.iter().map(|r| r.end).fold(f32::MIN, f32::max),
                size,
                text,
            })
        })
        .collect()
}

/// A page number as printed in a header or footer: `3`, `- 3 -`, `— 3 —`, `第3页`,
/// `第 3 页 共 12 页`, `3/12`, `Page 3 of 12`.
fn is_page_number(s: &str) -> bool {
    let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    let s = s.trim_matches(|c| matches!(c, '-' | '—' | '–' | '－' | '·' | '•'));
    let digits = |t: &str| !t.is_empty() && t.len() <= 4 && t.chars().all(|c| c.is_ascii_digit());
    if digits(s) {
        return true;
    }
    if let Some((a, b)) = s.split_once(['/', '／']) {
        return digits(a) && digits(b);
    }
    if let Some(rest) = s.strip_prefix('第') {
        let (n, tail) = rest.split_once('页').unwrap_or((rest, ""));
        let tail_ok = tail.is_empty()
            || tail
                .strip_prefix('共')
                .and_then(|t| t.strip_suffix('页'))
                .is_some_and(digits);
        return digits(n) && tail_ok;
    }
    let lower = s.to_ascii_lowercase();
    if let Some(rest) = lower.strip_prefix("page") {
        let n = rest.split("of").next().unwrap_or(rest);
        return digits(n);
    }
    false
}

/// A header or footer line with its digits folded, so `第3页` and `第4页` compare equal.
fn furniture_key(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect()
}

/// How many lines at each end of a page may be header or footer.
const EDGE_LINES: usize = 2;

/// Drops running headers and footers and page numbers from the pages' lines.
fn drop_furniture(pages: &mut [Vec<Line>]) {
    let mut seen: HashMap<String, usize> = HashMap::new();
    for page in pages.iter() {
        let n = page.len();
        let mut keys: Vec<String> = page
            .iter()
            .enumerate()
            .filter(|(i, _)| *i < EDGE_LINES || *i + EDGE_LINES >= n)
            .map(|(_, l)| furniture_key(&l.text))
            .collect();
        keys.sort();
        keys.dedup();
        for k in keys {
            *seen.entry(k).or_default() += 1;
        }
    }
    let with_text = pages.iter().filter(|p| !p.is_empty()).count();
    let repeated = |k: &str| {
        let c = seen.get(k).copied().unwrap_or(0);
        c >= 2 && c * 3 >= with_text
    };
    for page in pages.iter_mut() {
        let n = page.len();
        let mut i = 0;
        page.retain(|l| {
            let edge = i < EDGE_LINES || i + EDGE_LINES >= n;
            i += 1;
            !(edge && (is_page_number(&l.text) || repeated(&furniture_key(&l.text))))
        });
    }
}

fn median(mut v: Vec<f32>) -> Option<f32> {
    if v.is_empty() {
        return None;
    }
    v.sort_by(f32::total_cmp);
    Some(v[v.len() / 2])
}

/// Joins the lines of all pages into paragraphs, one a line.
fn paragraphs(pages: &[Vec<Line>]) -> String {
    let all: Vec<&Line> = pages.iter().flatten().collect();
    let Some(size) = median(all.iter().map(|l| l.size).collect()) else {
        return String::new();
    };
    // The body's left margin: the most common start (to a tenth of an em).
    let mut starts: HashMap<i64, usize> = HashMap::new();
    for l in &all {
        *starts
            .entry((l.x / size * 10.0).round() as i64)
            .or_default() += 1;
    }
    let left = starts
        .iter()
        .max_by_key(|(k, c)| (**c, -**k))
        .map_or(0.0, |(k, _)| *k as f32 / 10.0 * size);
    // The right margin: where the longer lines end.
    let mut ends: Vec<f32> = all.iter().map(|l| l.end).collect();
    ends.sort_by(f32::total_cmp);
    let right = ends[ends.len() * 9 / 10];
    let spacing = median(
        pages
            .iter()
            .flat_map(|p| p.windows(2).map(|w| w[0].y - w[1].y))
            .filter(|d| *d > 0.0)
            .collect(),
    )
    .unwrap_or(size * 1.5);
    let mut out = String::new();
    for page in pages {
        for (i, l) in page.iter().enumerate() {
            let prev: Option<&Line> = if i > 0 { page.get(i - 1) } else { None };
            let gap_ok = prev.is_none_or(|p| p.y - l.y < spacing * 1.4);
            let full = |p: &Line| p.end >= right - 1.2 * size;
            let last_full = match prev {
                Some(p) => full(p),
                // The first line of a page follows the last line of the page before.
                None => page_break_full(pages, l, &full),
            };
            let not_indented = l.x <= left + 0.5 * size;
            let joins = !out.is_empty() && last_full && not_indented && gap_ok;
            if joins {
                if out.ends_with(|c: char| c.is_ascii_alphanumeric())
                    && l.text.starts_with(|c: char| c.is_ascii_alphanumeric())
                {
                    out.push(' ');
                }
            } else if !out.is_empty() {
                out.push('\n');
            }
            out.push_str(&l.text);
        }
    }
    out.push('\n');
    out
}

/// Whether the line before `first` (the first line of a page), on an earlier page, ran to
/// the margin.
fn page_break_full(pages: &[Vec<Line>], first: &Line, full: &impl Fn(&Line) -> bool) -> bool {
    let mut before: Option<&Line> = None;
    for p in pages {
        if p.first().is_some_and(|f| std::ptr::eq(f, first)) {
            return before.is_some_and(full);
        }
        if let Some(l) = p.last() {
            before = Some(l);
        }
    }
    false
}

/// Whether the file's trailer asks for encryption.
fn declares_encryption(bytes: &[u8]) -> bool {
    bytes.windows(8).any(|w| w == b"/Encrypt")
}

/// The text of a PDF file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PdfText {
    /// One paragraph a line.
    pub text: String,
    pub pages: usize,
    /// The (1-based) pages with no text while others have some: scanned pages, or pages
    /// that are pictures.
    pub without_text: Vec<usize>,
}

/// The text of a PDF file, one paragraph a line.
///
/// # Errors
/// [`FormatError::Encrypted`] when it needs a password, [`FormatError::Scanned`] when no
/// page has text, [`FormatError::NoUnicode`] when its text cannot be mapped to characters,
/// [`FormatError::Pdf`] when it cannot be read at all.
pub fn text(bytes: &[u8]) -> Result<PdfText, FormatError> {
    let doc = Document::load_mem(bytes).map_err(|e| {
        if declares_encryption(bytes) {
            FormatError::Encrypted
        } else {
            FormatError::Pdf(e.to_string())
        }
    })?;
    if doc.is_encrypted() {
        return Err(FormatError::Encrypted);
    }
    let pages = doc.get_pages();
    let mut unmapped = 0;
    let mut lines_of: Vec<Vec<Line>> = pages
        .values()
        .map(|id| {
            let t = page_runs(&doc, *id);
            unmapped += t.unmapped;
            lines(t.runs)
        })
        .collect();
    if lines_of.iter().all(Vec::is_empty) {
        return Err(if unmapped > 0 {
            FormatError::NoUnicode
        } else {
            FormatError::Scanned { pages: pages.len() }
        });
    }
    let without_text = lines_of
        .iter()
        .enumerate()
        .filter(|(_, l)| l.is_empty())
        .map(|(i, _)| i + 1)
        .collect();
    drop_furniture(&mut lines_of);
    Ok(PdfText {
        text: paragraphs(&lines_of),
        pages: pages.len(),
        without_text,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers() {
        for s in [
            "3",
            "- 3 -",
            "— 12 —",
            "第3页",
            "第 3 页 共 12 页",
            "3/12",
            "Page 3 of 12",
        ] {
            assert!(is_page_number(s), "{s}");
        }
        for s in ["2019年", "一、总体要求", "3.5%", "第三部分", "12345"] {
            assert!(!is_page_number(s), "{s}");
        }
    }

    #[test]
    fn matrices_compose_in_pdf_order() {
        let m = Matrix::translate(10.0, 20.0).then(Matrix([2.0, 0.0, 0.0, 2.0, 0.0, 0.0]));
        assert_eq!(m.apply(1.0, 1.0), (22.0, 42.0));
    }
}

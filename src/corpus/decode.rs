//! Bytes to text: encoding detection, line-break normalisation, sanitising.
//!
//! The encoding is found from the bytes alone, never from the file name: a byte-order mark
//! (UTF-8, UTF-16 LE/BE), else valid UTF-8, else the guess of `chardetng` (GBK, GB18030, Big5 …)
//! decoded with `encoding_rs`. Line breaks become `\n` (CRLF, CR, and the literal four-character
//! text `\r\n` that spreadsheet cells use), and every control character and terminal escape
//! sequence is removed, so nothing read from a file can ever drive a terminal. U+FFFD and `??`
//! runs are kept as they are: they are what the source says.

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};

/// Decoded text of a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text with line breaks normalised to `\n` (CRLF, CR and the literal text `\r\n`)
    /// and control characters and escape sequences removed. This is what `gwr show --raw` prints.
    pub text: String,
    /// The encoding that was detected, for example `UTF-8`, `GBK`, `UTF-16LE`.
    pub encoding: &'static str,
    /// Lines the file itself marks as top-level headings (a `.docx`'s `Heading 1`
    /// paragraphs), as they appear in `text`; empty for plain text.
    pub headings: Vec<String>,
}

/// Why a file could not be read as a report.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("the file is empty")]
    Empty,
    #[error("the file is binary, not text")]
    Binary,
    #[error("the file is not valid text in any supported encoding")]
    Undecodable,
    #[error("the file is too large ({bytes} bytes; the limit is {limit})")]
    TooLarge { bytes: usize, limit: usize },
}

/// How many leading bytes the binary sniffing looks at.
const SNIFF_BYTES: usize = 64 * 1024;

/// Magic numbers of common binary formats a corpus folder may hold by mistake.
const MAGIC: [&[u8]; 12] = [
    b"\x89PNG",
    b"PK\x03\x04",
    b"\x7fELF",
    b"%PDF-",
    b"GIF87a",
    b"GIF89a",
    b"\xff\xd8\xff",
    b"\xd0\xcf\x11\xe0",
    b"\x1f\x8b",
    b"BZh",
    b"7z\xbc\xaf",
    b"Rar!",
];

/// Decodes the bytes of one report file.
///
/// # Errors
/// [`DecodeError`] when the bytes are empty (or only whitespace), binary or undecodable.
/// (Size is checked by the caller, which knows the limit.)
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(DecodeError::Empty);
    }
    let (raw, encoding) = to_unicode(bytes)?;
    // Most files need no change: they are kept without a copy.
    let text = match first_special(&raw) {
        Some(i) => sanitise_from(&raw, i),
        None => raw,
    };
    if text.chars().all(char::is_whitespace) {
        return Err(DecodeError::Empty);
    }
    Ok(Decoded {
        text,
        encoding,
        headings: Vec::new(),
    })
}

/// Decodes to Unicode without any clean-up, naming the encoding used.
fn to_unicode(bytes: &[u8]) -> Result<(String, &'static str), DecodeError> {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let body = &bytes[bom_len..];
        let (text, _) = enc.decode_without_bom_handling(body);
        let name = if enc == UTF_16LE {
            "UTF-16LE"
        } else if enc == UTF_16BE {
            "UTF-16BE"
        } else {
            "UTF-8"
        };
        return Ok((text.into_owned(), name));
    }
    if MAGIC.iter().any(|m| bytes.starts_with(m)) {
        return Err(DecodeError::Binary);
    }
    if let Some(enc) = utf16_without_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(bytes);
        let name = if enc == UTF_16LE {
            "UTF-16LE"
        } else {
            "UTF-16BE"
        };
        return Ok((text.into_owned(), name));
    }
    if looks_binary(bytes) {
        return Err(DecodeError::Binary);
    }
    // The SIMD check first (most files are valid UTF-8, and it is several times faster);
    // the standard one says where an invalid file goes wrong.
    if let Ok(s) = simdutf8::basic::from_utf8(bytes) {
        return Ok((s.to_string(), "UTF-8"));
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => return Ok((s.to_string(), "UTF-8")),
        // Valid UTF-8 cut inside its last character: keep it UTF-8.
        Err(e) if e.error_len().is_none() && e.valid_up_to() + 4 > bytes.len() => {
            return Ok((String::from_utf8_lossy(bytes).into_owned(), "UTF-8"));
        }
        Err(_) => {}
    }
    let mut enc = guess(bytes);
    if !is_cjk(enc) && bytes.last().is_some_and(|&b| b >= 0x80) {
        // A file cut inside its last character counts against the right encoding: guess
        // again without the last byte (it is still decoded, as U+FFFD).
        let again = guess(&bytes[..bytes.len() - 1]);
        if is_cjk(again) {
            enc = again;
        }
    }
    let (text, _, _) = enc.decode(bytes);
    let total = text.chars().count().max(1);
    let bad = text.chars().filter(|&c| c == '\u{fffd}').count();
    if enc == UTF_8 && bad * 10 > total {
        return Err(DecodeError::Undecodable);
    }
    if bad * 5 > total {
        return Err(DecodeError::Undecodable);
    }
    Ok((text.into_owned(), enc.name()))
}

fn is_han(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}' | '\u{f900}'..='\u{faff}')
}

fn guess(bytes: &[u8]) -> &'static Encoding {
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    // The first 8 KB tell the encoding as well as the whole file, at a fraction of the cost
    // (the detector is the slowest step of reading a GBK file).
    let sample = &bytes[..bytes.len().min(8 * 1024)];
    detector.feed(sample, sample.len() == bytes.len());
    detector.guess(None, chardetng::Utf8Detection::Deny)
}

fn is_cjk(enc: &'static Encoding) -> bool {
    [
        encoding_rs::GBK,
        encoding_rs::GB18030,
        encoding_rs::BIG5,
        encoding_rs::EUC_KR,
        encoding_rs::SHIFT_JIS,
        encoding_rs::EUC_JP,
    ]
    .contains(&enc)
}

/// UTF-16 without a byte-order mark: NULs on one side of the byte pairs only (the high byte
/// of ASCII characters), and the decoded text mostly letters, CJK and ordinary punctuation.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(SNIFF_BYTES) & !1];
    if head.len() < 4 {
        return None;
    }
    let even = head.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd = head.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    let enc = if odd > 0 && even * 100 <= odd {
        UTF_16LE
    } else if even > 0 && odd * 100 <= even {
        UTF_16BE
    } else {
        return None;
    };
    let text = enc.decode_without_bom_handling_and_without_replacement(head)?;
    let total = text.chars().count().max(1);
    let plausible = text
        .chars()
        .filter(|&c| {
            matches!(c,
                ' '..='~' | '\n' | '\r' | '\t'
                | '\u{3000}'..='\u{303f}'
                | '\u{ff00}'..='\u{ffef}'
                | '\u{2000}'..='\u{206f}'
                | '\u{a0}'..='\u{ff}')
                || is_han(c)
        })
        .count();
    (plausible * 10 >= total * 9).then_some(enc)
}

/// NUL bytes, a known binary magic number, or mostly control bytes.
fn looks_binary(bytes: &[u8]) -> bool {
    if MAGIC.iter().any(|m| bytes.starts_with(m)) {
        return true;
    }
    let head = &bytes[..bytes.len().min(SNIFF_BYTES)];
    if head.contains(&0) {
        return true;
    }
    // Control bytes other than whitespace and ESC (a text file may carry escape sequences).
    let control = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c | 0x1b))
        .count();
    control * 10 > head.len()
}

/// Normalises line breaks and removes control characters and escape sequences.
///
/// One pass over the characters: CRLF, CR, U+2028/U+2029 and the literal text `\r\n` become
/// `\n`; ESC sequences (CSI `ESC [ … final`, OSC `ESC ] … BEL|ST`, DCS/SOS/PM/APC `… ST`, and
/// two-character escapes), C0 and C1 controls (the 8-bit CSI U+009B included), DEL, bidi
/// overrides and stray byte-order marks are dropped. Tabs and `\n` stay.
#[must_use]
pub fn sanitise(s: &str) -> String {
    match first_special(s) {
        Some(i) => sanitise_from(s, i),
        None => s.to_string(),
    }
}

/// [`sanitise`], given the index of the first special character of `s`.
fn sanitise_from(s: &str, first: usize) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    let mut next = Some(first);
    loop {
        // Copy the run of ordinary characters in one go.
        let Some(i) = next.take().or_else(|| first_special(rest)) else {
            out.push_str(rest);
            return out;
        };
        out.push_str(&rest[..i]);
        let c = rest[i..].chars().next().unwrap_or_default();
        let after = &rest[i + c.len_utf8()..];
        rest = match c {
            '\r' => {
                out.push('\n');
                after.strip_prefix('\n').unwrap_or(after)
            }
            '\\' => {
                // The literal text \r\n used as a line break.
                if let Some(r) = after.strip_prefix("r\\n") {
                    out.push('\n');
                    r
                } else {
                    out.push('\\');
                    after
                }
            }
            '\u{1b}' => skip_escape(after),
            '\u{9b}' => skip_csi(after),
            '\u{90}' | '\u{98}' | '\u{9d}' | '\u{9e}' | '\u{9f}' => skip_string(after),
            '\u{2028}' | '\u{2029}' => {
                out.push('\n');
                after
            }
            // Other controls, bidi overrides and stray byte-order marks are dropped.
            _ => after,
        };
    }
}

/// A character copied as it is (everything but controls other than `\n` and `\t`, the
/// backslash that may start a literal `\r\n`, line/paragraph separators, bidi controls
/// and U+FEFF).
fn is_plain(c: char) -> bool {
    if c < ' ' {
        return c == '\n' || c == '\t';
    }
    if c.is_ascii() {
        return c != '\\' && c != '\u{7f}';
    }
    !matches!(c,
        '\u{80}'..='\u{9f}'
        | '\u{feff}'
        | '\u{200e}'
        | '\u{200f}'
        | '\u{2028}'..='\u{202e}'
        | '\u{2066}'..='\u{2069}')
}

/// The byte index of the first character of `s` that is not [`is_plain`]. It is found on
/// the bytes, since those characters are all ASCII or begin with the byte C2, E2 or EF:
/// the ideographs in between are stepped over without being decoded.
fn first_special(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let mut i = 0;
    while let Some(&x) = b.get(i) {
        match x {
            0xC2 | 0xE2 | 0xEF => {
                let c = s[i..].chars().next().unwrap_or_default();
                if !is_plain(c) {
                    return Some(i);
                }
                i += c.len_utf8();
            }
            _ if x < 0x80 && !is_plain(char::from(x)) => return Some(i),
            _ => i += 1,
        }
    }
    None
}

/// After ESC: the text after the rest of the sequence.
fn skip_escape(s: &str) -> &str {
    let mut chars = s.chars();
    match chars.next() {
        Some('[') => skip_csi(chars.as_str()),
        Some(']' | 'P' | 'X' | '^' | '_') => skip_string(chars.as_str()),
        Some(c) if ('\u{20}'..='\u{2f}').contains(&c) => {
            // nF escape: intermediates then one final byte.
            let rest = s.trim_start_matches(|c: char| ('\u{20}'..='\u{2f}').contains(&c));
            let mut r = rest.chars();
            match r.next() {
                Some(c) if ('\u{30}'..='\u{7e}').contains(&c) => r.as_str(),
                _ => rest,
            }
        }
        Some(c) if ('\u{30}'..='\u{7e}').contains(&c) => chars.as_str(),
        _ => s,
    }
}

/// Skips CSI parameters and intermediates and the final byte. Stops early (keeping the text)
/// at anything that cannot belong to a CSI sequence, such as a line break or a CJK character.
fn skip_csi(s: &str) -> &str {
    let rest = s.trim_start_matches(|c: char| ('\u{20}'..='\u{3f}').contains(&c));
    let mut r = rest.chars();
    match r.next() {
        Some(c) if ('\u{40}'..='\u{7e}').contains(&c) => r.as_str(),
        _ => rest,
    }
}

/// Skips an OSC/DCS-style string up to BEL or ST (`ESC \` or U+009C); a line break also ends
/// it, so a stray opener never swallows the rest of a report.
fn skip_string(s: &str) -> &str {
    for (i, c) in s.char_indices() {
        match c {
            '\u{7}' | '\u{9c}' => return &s[i + c.len_utf8()..],
            '\u{1b}' => {
                let r = &s[i + 1..];
                return r.strip_prefix('\\').unwrap_or(r);
            }
            '\n' | '\r' => return &s[i..],
            _ => {}
        }
    }
    ""
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        let d = decode("政府工作报告\r\n各位代表：".as_bytes()).unwrap();
        assert_eq!(d.text, "政府工作报告\n各位代表：");
        assert_eq!(d.encoding, "UTF-8");
        let mut b = vec![0xef, 0xbb, 0xbf];
        b.extend_from_slice("各位代表".as_bytes());
        assert_eq!(decode(&b).unwrap().text, "各位代表");
    }

    #[test]
    fn utf16_with_bom() {
        let mut le = vec![0xff, 0xfe];
        let mut be = vec![0xfe, 0xff];
        for u in "各位代表：\r\n现在".encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
            be.extend_from_slice(&u.to_be_bytes());
        }
        let d = decode(&le).unwrap();
        assert_eq!(
            (d.text.as_str(), d.encoding),
            ("各位代表：\n现在", "UTF-16LE")
        );
        let d = decode(&be).unwrap();
        assert_eq!(
            (d.text.as_str(), d.encoding),
            ("各位代表：\n现在", "UTF-16BE")
        );
    }

    #[test]
    fn utf16_without_bom_is_sniffed() {
        let mut le = Vec::new();
        for u in
            "政府工作报告\r\n各位代表：\r\n现在，我代表市人民政府向大会报告工作。".encode_utf16()
        {
            le.extend_from_slice(&u.to_le_bytes());
        }
        let d = decode(&le).unwrap();
        assert_eq!(d.encoding, "UTF-16LE");
        assert!(d.text.starts_with("政府工作报告\n各位代表："));
    }

    #[test]
    fn gbk_detected_and_truncated_gbk_still_decodes() {
        let text = "各位代表：现在，我代表区人民政府向大会作工作报告，请予审议。".repeat(4);
        let (gbk, _, _) = encoding_rs::GBK.encode(&text);
        let d = decode(&gbk).unwrap();
        assert_eq!(d.text, text);
        assert!(
            d.encoding == "GBK" || d.encoding == "gb18030",
            "{}",
            d.encoding
        );
        let cut = &gbk[..gbk.len() - 1];
        let d = decode(cut).unwrap();
        assert!(d.text.starts_with("各位代表：现在"));
    }

    #[test]
    fn line_breaks_normalised() {
        let d = decode(b"a\r\nb\rc\\r\\nd\ne").unwrap();
        assert_eq!(d.text, "a\nb\nc\nd\ne");
        assert_eq!(decode(b"C:\\road").unwrap().text, "C:\\road");
    }

    #[test]
    fn escapes_and_controls_removed() {
        let s = "\u{1b}[31m红色\u{1b}[0m\u{1b}]0;title\u{7}正文\u{1b}]8;;http://x\u{1b}\\链接\u{1b}(B\u{7}\u{8}\u{9b}2J清屏\u{0}\t制表\u{202e}";
        let d = sanitise(s);
        assert_eq!(d, "红色正文链接清屏\t制表");
        assert!(!d.chars().any(|c| c.is_control() && c != '\t' && c != '\n'));
    }

    #[test]
    fn special_characters_found_on_the_bytes() {
        // Every character of the first planes, between ideographs: the byte scan finds
        // exactly the characters that are not plain.
        for c in ('\0'..='\u{3100}').chain('\u{fe00}'..='\u{ffff}') {
            let s = format!("各位{c}代表");
            let want = (!is_plain(c)).then_some("各位".len());
            assert_eq!(first_special(&s), want, "U+{:04X}", u32::from(c));
        }
        assert_eq!(first_special("各位代表，现在"), None);
    }

    #[test]
    fn replacement_characters_and_question_marks_stay() {
        let d = decode("二\u{fffd}\u{fffd}三五????".as_bytes()).unwrap();
        assert_eq!(d.text, "二\u{fffd}\u{fffd}三五????");
    }

    #[test]
    fn empty_binary() {
        assert_eq!(decode(b""), Err(DecodeError::Empty));
        assert_eq!(decode(b" \r\n\t "), Err(DecodeError::Empty));
        assert_eq!(
            decode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
            Err(DecodeError::Binary)
        );
        assert_eq!(
            decode(b"\x7fELF\x02\x01\x01\0\0\0"),
            Err(DecodeError::Binary)
        );
        assert_eq!(decode(&[1, 2, 3, 4, 5, 6, 7, 8]), Err(DecodeError::Binary));
    }
}

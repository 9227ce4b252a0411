//! The one normalisation both the index and the queries go through: NFKC, then lower case.
//!
//! It works character by character (each character's NFKC form, lower-cased), so every
//! normalised character can be traced back to the original character it came from. That
//! map is what turns a match in normalised text into byte ranges of the original text.

use std::ops::Range;

use unicode_normalization::UnicodeNormalization;

fn is_stable(c: char) -> bool {
    // CJK unified ideographs and common CJK punctuation are their own NFKC form.
    matches!(
        c,
        '\u{4e00}'..='\u{9fff}'
            | '\u{3400}'..='\u{4dbf}'
            | '\u{3001}'..='\u{3002}'
            | '\u{300a}'..='\u{3011}'
            | '\u{2014}'..='\u{2015}'
            | '\u{2018}'..='\u{201f}'
    )
}

fn push_normalized(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
    } else if is_stable(c) {
        out.push(c);
    } else if let '\u{ff01}'..='\u{ff5e}' = c {
        // Full-width ASCII (，：（）％５Ｇ): NFKC is the ASCII character.
        let a = char::from_u32(c as u32 - 0xfee0).unwrap_or(c);
        out.push(a.to_ascii_lowercase());
    } else {
        for n in std::iter::once(c).nfkc() {
            for l in n.to_lowercase() {
                out.push(l);
            }
        }
    }
}

/// Whether `c` is its own normalised form (most of a report: ideographs, 、。, digits).
fn is_own_form(c: char) -> bool {
    (c.is_ascii() && !c.is_ascii_uppercase()) || is_stable(c)
}

/// `text` in NFKC, lower-cased.
#[must_use]
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // Runs of characters that are their own form are copied whole.
    let mut run = 0;
    for (i, c) in text.char_indices() {
        if !is_own_form(c) {
            out.push_str(&text[run..i]);
            push_normalized(c, &mut out);
            run = i + c.len_utf8();
        }
    }
    out.push_str(&text[run..]);
    out
}

/// [`normalize`], borrowing `text` when it is its own normal form (most names are).
#[must_use]
pub fn normalize_cow(text: &str) -> std::borrow::Cow<'_, str> {
    if text.chars().all(is_own_form) {
        std::borrow::Cow::Borrowed(text)
    } else {
        std::borrow::Cow::Owned(normalize(text))
    }
}

/// Normalised text with, for each of its bytes, the byte range of the original character
/// it came from.
#[derive(Debug, Clone, Default)]
pub struct Normalized {
    pub text: String,
    origin: Vec<(u32, u32)>,
}

impl Normalized {
    #[must_use]
    pub fn new(original: &str) -> Normalized {
        let mut text = String::with_capacity(original.len());
        let mut origin = Vec::with_capacity(original.len());
        for (i, c) in original.char_indices() {
            let before = text.len();
            push_normalized(c, &mut text);
            let span = (i as u32, (i + c.len_utf8()) as u32);
            origin.resize(origin.len() + (text.len() - before), span);
        }
        Normalized { text, origin }
    }

    /// The byte range of the original text that a range of the normalised text came from.
    #[must_use]
    pub fn original_range(&self, r: &Range<usize>) -> Range<usize> {
        if r.start >= r.end || r.end > self.origin.len() {
            return 0..0;
        }
        self.origin[r.start].0 as usize..self.origin[r.end - 1].1 as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_and_case_fold() {
        assert_eq!(normalize("５Ｇ网络"), "5g网络");
        assert_eq!(normalize("GDP增长3.5％"), "gdp增长3.5%");
        assert_eq!(normalize("各位代表："), "各位代表:");
        // The fast paths agree with NFKC.
        for c in ('\u{2000}'..='\u{3100}').chain('\u{ff00}'..='\u{ffef}') {
            let mut fast = String::new();
            push_normalized(c, &mut fast);
            let slow: String = std::iter::once(c)
                .nfkc()
                .flat_map(char::to_lowercase)
                .collect();
            assert_eq!(fast, slow, "{c:?}");
        }
    }

    #[test]
    fn runs_copied_whole_agree_with_one_character_at_a_time() {
        let text = "Ａ股ＧＤＰ增长３.５％，“十四五”规划Ⅻ　ABC ﬁ 5G。";
        let mut slow = String::new();
        for c in text.chars() {
            push_normalized(c, &mut slow);
        }
        assert_eq!(normalize(text), slow);
        assert_eq!(normalize(text), Normalized::new(text).text);
    }

    #[test]
    fn normal_text_is_borrowed() {
        assert!(matches!(
            normalize_cow("河北省130000"),
            std::borrow::Cow::Borrowed(_)
        ));
        assert_eq!(normalize_cow("Ｈebei"), "hebei");
        assert!(matches!(normalize_cow("Hebei"), std::borrow::Cow::Owned(_)));
    }

    #[test]
    fn maps_back_to_original_bytes() {
        let n = Normalized::new("建设５Ｇ基站");
        let at = n.text.find("5g").unwrap();
        let r = n.original_range(&(at..at + 2));
        assert_eq!(&"建设５Ｇ基站"[r], "５Ｇ");
    }
}

//! Full-width digits and points (２００９年, ７．５％) read as ASCII, with the way back to the
//! original text's byte offsets so a figure still points at the phrase as written.

use std::borrow::Cow;

/// A paragraph's text with full-width digits, points and percent signs folded to ASCII.
pub(super) struct Folded<'a> {
    text: Cow<'a, str>,
    /// For each byte offset of the folded text (and its end), the original's; empty when
    /// nothing was folded.
    map: Vec<usize>,
}

use crate::text::ascii_number_char as ascii;

impl<'a> Folded<'a> {
    pub(super) fn new(original: &'a str) -> Self {
        if !original.chars().any(|c| ascii(c).is_some()) {
            return Folded {
                text: Cow::Borrowed(original),
                map: Vec::new(),
            };
        }
        let mut text = String::with_capacity(original.len());
        let mut map = Vec::with_capacity(original.len() + 1);
        for (i, c) in original.char_indices() {
            let out = ascii(c).unwrap_or(c);
            map.extend(std::iter::repeat_n(i, out.len_utf8()));
            text.push(out);
        }
        map.push(original.len());
        Folded {
            text: Cow::Owned(text),
            map,
        }
    }

    pub(super) fn text(&self) -> &str {
        &self.text
    }

    /// The original's byte offset for a folded one.
    pub(super) fn original(&self, offset: usize) -> usize {
        self.map.get(offset).copied().unwrap_or(offset)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_numbers_fold_and_map_back() {
        let s = "增长７．５％左右";
        let f = Folded::new(s);
        assert_eq!(f.text(), "增长7.5%左右");
        let start = f.text().find('7').unwrap();
        let end = f.text().find("左").unwrap();
        assert_eq!(&s[f.original(start)..f.original(end)], "７．５％");
        assert_eq!(f.original(f.text().len()), s.len());
        let plain = Folded::new("增长7.5%");
        assert_eq!((plain.text(), plain.original(3)), ("增长7.5%", 3));
    }
}

//! Small text helpers shared by the parser, the index, the CLI and the TUI.

/// Replaces anything a terminal could interpret (control characters, escape sequences,
/// bidi overrides) with a visible stand-in, keeping `\n` and `\t`.
#[must_use]
pub fn terminal_safe(s: &str) -> std::borrow::Cow<'_, str> {
    let bad = |c: char| {
        (c.is_control() && c != '\n' && c != '\t')
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    };
    if !s.chars().any(bad) {
        return std::borrow::Cow::Borrowed(s);
    }
    std::borrow::Cow::Owned(
        s.chars()
            .map(|c| if bad(c) { '\u{fffd}' } else { c })
            .collect(),
    )
}

/// `char::is_whitespace`, answered without a table lookup for the characters a report
/// is made of: the ideographs and the CJK punctuation after U+3000 are never spaces. (The
/// standard one looks every non-ASCII character up in a table, which shows in profiles of
/// the parser and the indexer, where it runs on every character.)
#[must_use]
#[inline]
pub fn is_space(c: char) -> bool {
    if c.is_ascii() {
        matches!(c, ' ' | '\t' | '\n' | '\x0b' | '\x0c' | '\r')
    } else {
        c <= '\u{3000}' && c.is_whitespace()
    }
}

/// The ASCII form of a full-width digit, point or percent sign (７．５％ → 7.5%), which
/// reports write as often as the ASCII ones; `None` for any other character.
#[must_use]
pub fn ascii_number_char(c: char) -> Option<char> {
    match c {
        '０'..='９' => char::from_u32(u32::from(c) - u32::from('０') + u32::from('0')),
        '．' => Some('.'),
        '％' => Some('%'),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn is_space_is_is_whitespace() {
        for c in (0..=0x10_ffff).filter_map(char::from_u32) {
            assert_eq!(is_space(c), c.is_whitespace(), "U+{:04X}", u32::from(c));
        }
    }

    #[test]
    fn escapes_are_neutralised() {
        assert_eq!(terminal_safe("a\u{1b}[31mb"), "a\u{fffd}[31mb");
        assert_eq!(terminal_safe("各位代表：\n"), "各位代表：\n");
    }
}

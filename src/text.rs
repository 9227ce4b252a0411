//! Small text helpers shared by the CLI and the TUI.

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_are_neutralised() {
        assert_eq!(terminal_safe("a\u{1b}[31mb"), "a\u{fffd}[31mb");
        assert_eq!(terminal_safe("各位代表：\n"), "各位代表：\n");
    }
}

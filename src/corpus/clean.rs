//! Decoded text to the report's paragraphs: HTML, site furniture, duplicates, hard breaks.
//!
//! PLACEHOLDER (owned by the ingest work): splits lines and trims them.

/// The cleaned report.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cleaned {
    /// The report's paragraphs in order: one logical paragraph each (hard line breaks inside
    /// sentences joined), indentation trimmed, entities decoded, tags and furniture removed,
    /// a duplicated body kept once. Title, dateline and speaker lines stay (they are the preamble).
    pub lines: Vec<String>,
    /// Lines removed as site furniture (crawler headers, navigation, index blocks, footers),
    /// in order. They are not part of the report but are hints for its metadata.
    pub furniture: Vec<String>,
}

/// Cleans decoded text.
#[must_use]
pub fn clean(text: &str) -> Cleaned {
    Cleaned {
        lines: text
            .lines()
            .map(|l| l.trim_matches(|c: char| c.is_whitespace()).to_string())
            .filter(|l| !l.is_empty())
            .collect(),
        furniture: Vec::new(),
    }
}

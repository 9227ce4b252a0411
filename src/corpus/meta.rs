//! Title, year, meeting date, meeting, speaker and speaker title.
//!
//! PLACEHOLDER (owned by the structure work).

/// What metadata extraction reads.
#[derive(Debug, Clone, Copy)]
pub struct MetaInput<'a> {
    /// The file's path relative to the corpus (a hint only: names can be wrong).
    pub file: &'a str,
    /// The cleaned paragraphs.
    pub lines: &'a [String],
    /// Furniture lines removed by cleaning (crawler headers and the like; hints only).
    pub furniture: &'a [String],
}

/// Metadata found in a report.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Meta {
    pub title: Option<String>,
    pub year: Option<u16>,
    /// `YYYY-MM-DD`
    pub meeting_date: Option<String>,
    pub meeting: Option<String>,
    pub speaker: Option<String>,
    pub speaker_title: Option<String>,
    pub warnings: Vec<String>,
}

/// Extracts the metadata.
#[must_use]
pub fn extract(input: &MetaInput<'_>) -> Meta {
    let _ = input;
    Meta::default()
}

//! Paragraphs to the section tree: numbering levels, preamble, closing, appendices, glossary.
//!
//! PLACEHOLDER (owned by the structure work): everything in one preamble section.

use super::model::{GlossaryEntry, Paragraph, Section, SectionKind};

/// The parsed structure of a report.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Outline {
    pub sections: Vec<Section>,
    /// One per input line, in order, with the same text.
    pub paragraphs: Vec<Paragraph>,
    pub glossary: Vec<GlossaryEntry>,
}

/// Builds the section tree over the cleaned lines. Each line becomes one paragraph with
/// exactly the same text; every paragraph belongs to exactly one section.
#[must_use]
pub fn build(lines: Vec<String>) -> Outline {
    let n = lines.len();
    let sections = vec![Section {
        number: None,
        title: "前言".to_string(),
        level: 1,
        path: "0".to_string(),
        kind: SectionKind::Preamble,
        parent: None,
        children: Vec::new(),
        first_paragraph: 0,
        end_paragraph: n,
    }];
    let paragraphs = lines
        .into_iter()
        .map(|text| Paragraph {
            text,
            section: 0,
            heading: false,
        })
        .collect();
    Outline {
        sections,
        paragraphs,
        glossary: Vec::new(),
    }
}

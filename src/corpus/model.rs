//! The report model: what one raw file becomes once gwr has read it.
//!
//! A [`Report`] is its metadata ([`ReportMeta`], cheap, cached in the catalog), its
//! section tree ([`Section`], also cached) and its paragraphs (parsed from the file on
//! demand). The paragraphs in order, joined with `\n`, are the whole cleaned text; each
//! belongs to exactly one section.

use serde::{Deserialize, Serialize};

/// Administrative level of a region, from the whole country down to a county.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    National,
    Province,
    Prefecture,
    County,
}

impl Level {
    /// The lower-case English name used in JSON and in `level:` filters.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Level::National => "national",
            Level::Province => "province",
            Level::Prefecture => "prefecture",
            Level::County => "county",
        }
    }

    /// Parses `national`, `province`, `prefecture`, `county` (and a few synonyms).
    #[must_use]
    pub fn parse(s: &str) -> Option<Level> {
        match s.to_ascii_lowercase().as_str() {
            "national" | "country" | "nation" | "全国" | "国家" => Some(Level::National),
            "province" | "provincial" | "省" | "省级" => Some(Level::Province),
            "prefecture" | "city" | "市" | "地级" | "地市" => Some(Level::Prefecture),
            "county" | "district" | "县" | "区" | "县级" => Some(Level::County),
            _ => None,
        }
    }
}

/// The region a report belongs to.
///
/// `name` is how the report names itself (准格尔旗), `full` the whole hierarchy
/// (内蒙古自治区鄂尔多斯市准格尔旗), `code` the six-digit GB/T 2260 code. `ancestors`
/// holds the codes of the province and prefecture above it (empty for a province).
/// The whole country is `全国` / `中华人民共和国` / `100000`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Region {
    pub name: String,
    pub full: String,
    pub level: Level,
    pub code: String,
    /// Codes of the enclosing regions, outermost first (province, then prefecture).
    #[serde(default)]
    pub ancestors: Vec<String>,
    /// Names of the enclosing regions, outermost first, matching `ancestors`.
    #[serde(default)]
    pub ancestor_names: Vec<String>,
    /// How sure the inference is, 0.0 to 1.0 (1.0 for an override).
    #[serde(default = "one")]
    pub confidence: f32,
}

fn one() -> f32 {
    1.0
}

/// What role a section plays in the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SectionKind {
    /// Title, dateline, speaker, 各位代表: everything before the first part.
    Preamble,
    /// A numbered (or unnumbered top-level) part of the speech, or a sub-section of one.
    Body,
    /// The closing appeal after the last part, where it stands apart.
    Closing,
    /// 名词解释: a glossary, parsed into [`GlossaryEntry`]s.
    Glossary,
    /// 附件 and other appendices.
    Appendix,
}

/// One node of the section tree. Sections are stored flat, in document order, in
/// [`Report::sections`]; `parent` and `children` index into that vector.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Section {
    /// The numbering as written, without trailing punctuation: `一`, `（一）`, `1`, `（1）`, `①`;
    /// `None` for unnumbered parts, the preamble, closing and appendices.
    pub number: Option<String>,
    /// The heading with its numbering removed. For a heading that runs into its
    /// paragraph, the lead phrase (up to the first 。 or ：).
    pub title: String,
    /// Depth in the tree: 1 for top-level parts.
    pub level: u8,
    /// Dotted position among the body sections, `2.3` = second part, third sub-section.
    /// The preamble is `0`, the closing `C`, appendices `A1`, `A2`, ….
    pub path: String,
    pub kind: SectionKind,
    pub parent: Option<usize>,
    pub children: Vec<usize>,
    /// Index of the section's first paragraph (its heading, for a numbered section).
    pub first_paragraph: usize,
    /// One past the last paragraph of the section *including* its descendants.
    pub end_paragraph: usize,
}

/// One paragraph of cleaned text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Paragraph {
    pub text: String,
    /// Index into [`Report::sections`] of the innermost section holding this paragraph.
    pub section: usize,
    /// True when the paragraph is (or begins with) the heading of its section.
    pub heading: bool,
}

/// One 名词解释 entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GlossaryEntry {
    pub term: String,
    pub definition: String,
    /// Index of the paragraph the entry starts in.
    pub paragraph: usize,
}

/// The metadata of a report: everything the catalog keeps without the text.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ReportMeta {
    /// Stable, typeable ASCII id, for example `152921-2023`.
    pub id: String,
    /// Path relative to the corpus root, with `/` separators.
    pub file: String,
    pub title: String,
    /// The year the report is delivered in.
    pub year: Option<u16>,
    pub region: Option<Region>,
    /// `YYYY-MM-DD`.
    pub meeting_date: Option<String>,
    /// 第十八届人民代表大会第二次会议
    pub meeting: Option<String>,
    /// 苏日嘎拉图
    pub speaker: Option<String>,
    /// 旗长
    pub speaker_title: Option<String>,
    /// Number of glossary entries.
    pub glossary: usize,
    /// Number of paragraphs.
    pub paragraphs: usize,
    /// Bytes of cleaned text.
    pub text_bytes: usize,
    pub warnings: Vec<String>,
}

/// A whole report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub meta: ReportMeta,
    pub sections: Vec<Section>,
    pub paragraphs: Vec<Paragraph>,
    pub glossary: Vec<GlossaryEntry>,
}

impl Report {
    /// The cleaned text: all paragraphs in order, joined with `\n`.
    #[must_use]
    pub fn text(&self) -> String {
        let mut out = String::with_capacity(self.meta.text_bytes);
        for (i, p) in self.paragraphs.iter().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            out.push_str(&p.text);
        }
        out
    }

    /// Titles of the top-level body sections, numbering removed, appendices excluded.
    #[must_use]
    pub fn top_level_titles(&self) -> Vec<String> {
        top_level_titles(&self.sections)
    }

    /// The section with this dotted path (`2.3`), if any.
    #[must_use]
    pub fn section_by_path(&self, path: &str) -> Option<usize> {
        self.sections.iter().position(|s| s.path == path)
    }
}

/// Titles of the top-level body sections of an outline.
#[must_use]
pub fn top_level_titles(sections: &[Section]) -> Vec<String> {
    sections
        .iter()
        .filter(|s| s.level == 1 && s.kind == SectionKind::Body)
        .map(|s| s.title.clone())
        .collect()
}

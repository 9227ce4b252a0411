//! Marks: a letter on a paragraph (`m` + letter in the TUI, `'` + letter to come back),
//! kept per corpus in `marks.json` in the data directory, and exported for quoting as
//! Markdown or CSV (`gwr marks --md|--csv`), each with its citation:
//! `《保定市2024年政府工作报告》三、（二）第5段`.
//!
//! A mark keeps the paragraph's text and citation as they were when it was set, so the
//! list and the exports need neither the index nor the report files.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::corpus::{Report, SectionKind};

/// The file the marks of a corpus live in, inside its folder of the data directory.
pub const FILE_NAME: &str = "marks.json";

/// One marked paragraph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mark {
    /// Report id (`130600-2024`).
    pub report: String,
    /// Paragraph index in the report (from 0).
    pub paragraph: usize,
    /// The report's title (保定市2024年政府工作报告).
    pub title: String,
    /// The region's full name (河北省保定市; 全国 for the country), empty when unknown.
    pub region: String,
    pub year: Option<u16>,
    /// The section's dotted path (`3.2`).
    pub section_path: String,
    /// The section as the report numbers it (`三、（二）`, or a title such as 前言).
    pub section: String,
    /// The paragraph's number inside its section (第5段), 0 for a heading line.
    pub number: usize,
    /// The paragraph's text.
    pub text: String,
}

impl Mark {
    /// The mark of paragraph `paragraph` of `report`.
    #[must_use]
    pub fn of(report: &Report, paragraph: usize) -> Mark {
        let text = report
            .paragraphs
            .get(paragraph)
            .map(|p| p.text.clone())
            .unwrap_or_default();
        let (section, section_path, number) = place(report, paragraph);
        Mark {
            report: report.meta.id.clone(),
            paragraph,
            title: report.meta.title.clone(),
            region: report
                .meta
                .region
                .as_ref()
                .map(|r| {
                    if r.level == crate::corpus::Level::National {
                        r.name.clone()
                    } else {
                        r.full.clone()
                    }
                })
                .unwrap_or_default(),
            year: report.meta.year,
            section_path,
            section,
            number,
            text,
        }
    }

    /// Where in the report: `三、（二）第5段`.
    #[must_use]
    pub fn place(&self) -> String {
        if self.number == 0 {
            self.section.clone()
        } else {
            format!("{}第{}段", self.section, self.number)
        }
    }

    /// The citation: `《保定市2024年政府工作报告》三、（二）第5段`.
    #[must_use]
    pub fn citation(&self) -> String {
        format!("《{}》{}", self.title, self.place())
    }
}

/// A section number with the punctuation the reports write after it: `三、`, `1.`;
/// bracketed and circled numbers stand as they are.
fn numbered(n: &str) -> String {
    if n.chars().all(|c| c.is_ascii_digit()) {
        format!("{n}.")
    } else if n.chars().all(|c| "零〇一二三四五六七八九十百".contains(c)) {
        format!("{n}、")
    } else {
        n.to_string()
    }
}

/// The section of paragraph `i` as the report numbers it (its chain of numbers from the
/// top, or the title of an unnumbered part), its path, and the paragraph's number in
/// it (heading lines not counted; 0 for a heading line itself).
fn place(report: &Report, i: usize) -> (String, String, usize) {
    let Some(p) = report.paragraphs.get(i) else {
        return (String::new(), String::new(), 0);
    };
    let mut chain = Vec::new();
    let mut s = Some(p.section);
    while let Some(k) = s {
        let Some(sec) = report.sections.get(k) else {
            break;
        };
        chain.push(sec);
        s = sec.parent;
    }
    chain.reverse();
    let mut label = String::new();
    for sec in &chain {
        match &sec.number {
            Some(n) => label.push_str(&numbered(n)),
            None if sec.kind == SectionKind::Body && sec.level > 1 => {}
            None => label.push_str(&sec.title),
        }
    }
    let path = chain.last().map(|s| s.path.clone()).unwrap_or_default();
    let Some(sec) = report.sections.get(p.section) else {
        return (label, path, 0);
    };
    let heading_line = |k: usize| {
        let q = &report.paragraphs[k];
        q.heading && sec.number.is_some() && is_heading_line(&q.text, &sec.title)
    };
    if heading_line(i) {
        return (label, path, 0);
    }
    let number = (sec.first_paragraph..=i)
        .filter(|&k| report.paragraphs[k].section == p.section && !heading_line(k))
        .count();
    (label, path, number)
}

/// Whether a heading paragraph is the heading alone (not a heading running into its text).
fn is_heading_line(text: &str, title: &str) -> bool {
    match text.find(title) {
        Some(at) => text[at + title.len()..]
            .trim_matches(|c: char| c.is_whitespace() || "。：:．.".contains(c))
            .is_empty(),
        None => false,
    }
}

/// A mark's letter: a–z or A–Z.
#[must_use]
pub fn is_mark_letter(c: char) -> bool {
    c.is_ascii_alphabetic()
}

/// The marks of a corpus, by letter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Marks {
    path: PathBuf,
    marks: BTreeMap<char, Mark>,
}

/// Marks that cannot be read or written.
#[derive(Debug, thiserror::Error)]
pub enum MarksError {
    #[error("cannot read {}: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{} is damaged ({source}); move it aside to start with no marks", path.display())]
    Damaged {
        path: PathBuf,
        source: serde_json::Error,
    },
    #[error("cannot write {}: {source}", path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// The file as stored: letters as one-character strings.
#[derive(Serialize, Deserialize)]
struct Stored {
    marks: BTreeMap<String, Mark>,
}

impl Marks {
    /// Where the marks of `corpus` live under `data_dir`.
    #[must_use]
    pub fn file(corpus: &crate::corpus::Corpus, data_dir: &Path) -> PathBuf {
        crate::search::corpus_dir(corpus, data_dir).join(FILE_NAME)
    }

    /// Reads the marks in `path`; no file is no marks.
    ///
    /// # Errors
    /// When the file cannot be read or is not a marks file.
    pub fn load(path: &Path) -> Result<Marks, MarksError> {
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(Marks {
                    path: path.to_path_buf(),
                    marks: BTreeMap::new(),
                });
            }
            Err(source) => {
                return Err(MarksError::Read {
                    path: path.to_path_buf(),
                    source,
                });
            }
        };
        let stored: Stored =
            serde_json::from_slice(&bytes).map_err(|source| MarksError::Damaged {
                path: path.to_path_buf(),
                source,
            })?;
        let marks = stored
            .marks
            .into_iter()
            .filter_map(|(k, m)| {
                let mut c = k.chars();
                match (c.next(), c.next()) {
                    (Some(l), None) if is_mark_letter(l) => Some((l, m)),
                    _ => None,
                }
            })
            .collect();
        Ok(Marks {
            path: path.to_path_buf(),
            marks,
        })
    }

    /// Writes the marks (aside first, then renamed into place, so a crash never leaves
    /// half a file).
    ///
    /// # Errors
    /// When the file cannot be written.
    pub fn save(&self) -> Result<(), MarksError> {
        let err = |source| MarksError::Write {
            path: self.path.clone(),
            source,
        };
        let stored = Stored {
            marks: self
                .marks
                .iter()
                .map(|(k, m)| (k.to_string(), m.clone()))
                .collect(),
        };
        let bytes = serde_json::to_vec_pretty(&stored).map_err(|e| err(e.into()))?;
        if let Some(dir) = self.path.parent() {
            std::fs::create_dir_all(dir).map_err(err)?;
        }
        let tmp = self.path.with_extension("json.tmp");
        std::fs::write(&tmp, bytes).map_err(err)?;
        std::fs::rename(&tmp, &self.path).map_err(err)
    }

    #[must_use]
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Sets (or moves) mark `letter`.
    pub fn set(&mut self, letter: char, mark: Mark) {
        self.marks.insert(letter, mark);
    }

    /// Removes mark `letter`; whether there was one.
    pub fn remove(&mut self, letter: char) -> bool {
        self.marks.remove(&letter).is_some()
    }

    #[must_use]
    pub fn get(&self, letter: char) -> Option<&Mark> {
        self.marks.get(&letter)
    }

    /// The marks in letter order (A–Z, then a–z).
    pub fn iter(&self) -> impl Iterator<Item = (char, &Mark)> {
        self.marks.iter().map(|(k, m)| (*k, m))
    }

    #[must_use]
    pub fn len(&self) -> usize {
        self.marks.len()
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.marks.is_empty()
    }

    /// The marks as Markdown quotes, each followed by its citation, region and year.
    #[must_use]
    pub fn to_markdown(&self) -> String {
        let mut out = String::new();
        for (letter, m) in self.iter() {
            if !out.is_empty() {
                out.push('\n');
            }
            for line in m.text.lines() {
                let _ = writeln!(out, "> {line}");
            }
            let mut about = vec![m.citation()];
            if !m.region.is_empty() {
                about.push(m.region.clone());
            }
            if let Some(y) = m.year {
                about.push(format!("{y}年"));
            }
            let _ = writeln!(out, ">\n> —— {}（标记 {letter}）", about.join("，"));
        }
        out
    }

    /// The marks as CSV (RFC 4180, a header row, UTF-8): `mark`, `citation`, `title`,
    /// `region`, `year`, `section`, `section_path`, `paragraph` (its number in the
    /// section), `report`, `paragraph_index` (in the report), `text`.
    #[must_use]
    pub fn to_csv(&self) -> String {
        let mut out = String::from(
            "mark,citation,title,region,year,section,section_path,paragraph,report,paragraph_index,text\r\n",
        );
        for (letter, m) in self.iter() {
            let fields = [
                letter.to_string(),
                m.citation(),
                m.title.clone(),
                m.region.clone(),
                m.year.map(|y| y.to_string()).unwrap_or_default(),
                m.section.clone(),
                m.section_path.clone(),
                m.number.to_string(),
                m.report.clone(),
                m.paragraph.to_string(),
                m.text.clone(),
            ];
            let row: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
            out.push_str(&row.join(","));
            out.push_str("\r\n");
        }
        out
    }
}

/// A CSV field, quoted when it holds a comma, a quote or a line break.
fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

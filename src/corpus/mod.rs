//! From raw bytes to reports: decoding, cleaning, structure, metadata and region.
//!
//! The pipeline for one file is [`parse_report`]: [`formats::read`] (Word and PDF files,
//! else [`decode`]) → [`clean`] →
//! [`structure::build`] → [`meta::extract`] → [`region::infer`], then any correction from
//! the corpus's override file. [`load`] runs it over a whole [`Corpus`] and gives every
//! report its stable id.

pub mod clean;
pub mod decode;
pub mod formats;
pub mod gazetteer;
pub mod meta;
pub mod model;
pub mod numbering;
pub mod overrides;
pub mod region;
pub mod source;
pub mod structure;

use std::collections::HashMap;

pub use model::{
    GlossaryEntry, Level, Paragraph, Region, Report, ReportMeta, Section, SectionKind,
};
pub use overrides::Overrides;
pub use source::{Corpus, Listing, SourceDir, SourceFile};

/// Files larger than this are listed as rejected rather than parsed.
pub const MAX_FILE_BYTES: usize = 32 * 1024 * 1024;

/// Fewer Chinese characters than this after cleaning and the file is not taken for a report
/// (unless it calls itself one: see [`MIN_TITLED_REPORT_HAN`]).
pub const MIN_REPORT_HAN: usize = 200;

/// A shorter text is still a report when it calls itself one (a line or a crawler header says
/// 工作报告): the summaries some scrapers store for years whose full text was lost.
pub const MIN_TITLED_REPORT_HAN: usize = 100;

/// A file that is not a report, with the reason.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Rejected {
    pub file: String,
    pub reason: String,
}

/// Why a single file was not taken as a report.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RejectReason {
    #[error(transparent)]
    Decode(#[from] decode::DecodeError),
    #[error(transparent)]
    Format(#[from] formats::FormatError),
    #[error("not a report: {0}")]
    NotAReport(String),
}

fn is_han(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}' | '\u{f900}'..='\u{faff}')
}

/// Parses one file into a report. The id is left empty: [`assign_ids`] sets it for a corpus.
///
/// # Errors
/// [`RejectReason`] when the bytes are not a readable report.
pub fn parse_report(file: &str, bytes: &[u8]) -> Result<Report, RejectReason> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(decode::DecodeError::TooLarge {
            bytes: bytes.len(),
            limit: MAX_FILE_BYTES,
        }
        .into());
    }
    let (decoded, format_warnings) = formats::read_report(file, bytes)?;
    let cleaned = clean::clean(&decoded.text);
    // Counted up to the larger threshold only: past it, the exact count does not matter.
    let han = cleaned
        .lines
        .iter()
        .flat_map(|l| l.chars())
        .filter(|c| is_han(*c))
        .take(MIN_REPORT_HAN.max(MIN_TITLED_REPORT_HAN))
        .count();
    let titled = || {
        cleaned
            .lines
            .iter()
            .chain(&cleaned.furniture)
            .any(|l| l.contains("工作报告"))
    };
    if han < MIN_TITLED_REPORT_HAN || (han < MIN_REPORT_HAN && !titled()) {
        return Err(RejectReason::NotAReport(format!(
            "only {han} Chinese characters of text (a report has at least {MIN_REPORT_HAN})"
        )));
    }
    let input = meta::MetaInput {
        file,
        lines: &cleaned.lines,
        furniture: &cleaned.furniture,
    };
    let meta = meta::extract(&input);
    let guess = region::infer(&input, &meta);
    let outline = structure::build_with_headings(cleaned.lines, &decoded.headings);
    let mut warnings = format_warnings;
    warnings.extend(meta.warnings);
    warnings.extend(guess.warnings);
    warnings.extend(outline.warnings.iter().cloned());
    if !outline.sections.iter().any(|s| s.kind == SectionKind::Body) {
        warnings.push("no section headings found".to_string());
    }
    let text_bytes = outline
        .paragraphs
        .iter()
        .map(|p| p.text.len() + 1)
        .sum::<usize>();
    let title = display_title(meta.title, meta.year, guess.region.as_ref(), file);
    Ok(Report {
        meta: ReportMeta {
            id: String::new(),
            file: file.to_string(),
            title,
            year: meta.year,
            region: guess.region,
            meeting_date: meta.meeting_date,
            meeting: meta.meeting,
            speaker: meta.speaker,
            speaker_title: meta.speaker_title,
            glossary: outline.glossary.len(),
            paragraphs: outline.paragraphs.len(),
            text_bytes: text_bytes.saturating_sub(1),
            warnings,
        },
        sections: outline.sections,
        paragraphs: outline.paragraphs,
        glossary: outline.glossary,
    })
}

/// The title shown for a report: its own title line when that says which report it is;
/// otherwise (no title, or the bare 政府工作报告) one made from the year and region
/// (2020年德令哈市政府工作报告); failing those, the file's name.
fn display_title(
    own: Option<String>,
    year: Option<u16>,
    region: Option<&Region>,
    file: &str,
) -> String {
    let generic = own
        .as_deref()
        .is_none_or(|t| t.trim().is_empty() || t == "政府工作报告");
    if !generic {
        return own.unwrap_or_default();
    }
    match (year, region) {
        (Some(y), Some(r)) if r.level == Level::National => format!("{y}年国务院政府工作报告"),
        (Some(y), Some(r)) => format!("{y}年{}政府工作报告", r.name),
        _ => own.unwrap_or_else(|| {
            let name = file.rsplit('/').next().unwrap_or(file);
            name.rsplit_once('.')
                .map_or(name, |(stem, _)| stem)
                .to_string()
        }),
    }
}

/// The id of a report before disambiguation: `<code>-<year>`, with `000000` and `0000`
/// standing for an unknown region or year.
fn base_id(meta: &ReportMeta) -> String {
    let code = meta.region.as_ref().map_or("000000", |r| r.code.as_str());
    match meta.year {
        Some(y) => format!("{code}-{y}"),
        None => format!("{code}-0000"),
    }
}

/// Gives every report its stable, typeable id: `<GB/T 2260 code>-<year>` (`152921-2023`),
/// and where two reports of a corpus would share one, a suffix from a hash of each file's
/// path (`440309-2021-7f3a`), so an id depends only on the report itself and its file.
pub fn assign_ids<'a>(metas: impl IntoIterator<Item = &'a mut ReportMeta>) {
    let mut metas: Vec<&mut ReportMeta> = metas.into_iter().collect();
    let bases: Vec<String> = metas.iter().map(|m| base_id(m)).collect();
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for b in &bases {
        *counts.entry(b.as_str()).or_default() += 1;
    }
    for (m, base) in metas.iter_mut().zip(&bases) {
        let base = base.clone();
        m.id = if counts[base.as_str()] > 1 {
            let h = twox_hash::XxHash64::oneshot(0, m.file.as_bytes());
            format!("{base}-{:04x}", h & 0xffff)
        } else {
            base
        };
    }
}

/// Parses one file of a corpus, with the corpus's overrides applied (id left empty).
///
/// # Errors
/// A [`Rejected`] naming the file and the reason.
pub fn load_file(corpus: &Corpus, rel: &str, overrides: &Overrides) -> Result<Report, Rejected> {
    let bytes = corpus.read(rel).map_err(|e| Rejected {
        file: rel.to_string(),
        reason: e.to_string(),
    })?;
    let mut report = parse_report(rel, &bytes).map_err(|e| Rejected {
        file: rel.to_string(),
        reason: e.to_string(),
    })?;
    overrides.apply(&mut report.meta);
    Ok(report)
}

/// A whole corpus, parsed.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    pub reports: Vec<Report>,
    pub rejected: Vec<Rejected>,
}

/// Parses every file of a corpus (calling `progress(done, total)` as it goes) and assigns ids.
/// Entries the walk could not take are listed among the rejected.
///
/// # Errors
/// When the corpus folder or its override file cannot be read.
pub fn load(corpus: &Corpus, progress: impl FnMut(usize, usize)) -> anyhow::Result<Loaded> {
    load_listed(corpus, corpus.walk()?, progress)
}

/// [`load`] over a listing already made (the files may have changed since: a file gone by
/// the time it is read is rejected with its reason).
///
/// # Errors
/// When the corpus's override file cannot be read.
pub fn load_listed(
    corpus: &Corpus,
    listing: Listing,
    mut progress: impl FnMut(usize, usize),
) -> anyhow::Result<Loaded> {
    let files = listing.files;
    let overrides = Overrides::load(corpus)?;
    let mut loaded = Loaded {
        reports: Vec::new(),
        rejected: listing.faults,
    };
    for (i, f) in files.iter().enumerate() {
        let size = usize::try_from(f.size).unwrap_or(usize::MAX);
        if size > MAX_FILE_BYTES {
            // Too large to be a report: rejected from its size, without reading it.
            loaded.rejected.push(Rejected {
                file: f.rel.clone(),
                reason: decode::DecodeError::TooLarge {
                    bytes: size,
                    limit: MAX_FILE_BYTES,
                }
                .to_string(),
            });
            progress(i + 1, files.len());
            continue;
        }
        match load_file(corpus, &f.rel, &overrides) {
            Ok(r) => loaded.reports.push(r),
            Err(e) => loaded.rejected.push(e),
        }
        progress(i + 1, files.len());
    }
    loaded.rejected.sort_by(|a, b| a.file.cmp(&b.file));
    assign_ids(loaded.reports.iter_mut().map(|r| &mut r.meta));
    Ok(loaded)
}

//! Word and PDF files: their text, as lines for the same cleaning and structure pipeline
//! as a `.txt` or `.html` report, and the reasons a file of these kinds cannot be read.
//!
//! The kind of a file is found from its first bytes, its name only telling a `.docx` from
//! another zip archive: `%PDF-` is a PDF, a zip holding `word/document.xml` a Word
//! document, an OLE2 compound file (`D0 CF 11 E0`) an old binary Office file (`.doc`, or a
//! password-protected `.docx`), anything else text.

pub mod docx;
pub mod pdf;

use super::RejectReason;
use super::decode::{self, Decoded};

/// Why a Word or PDF file gives no text, each with what to do.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FormatError {
    #[error(
        "old binary Word file (.doc): save it as .docx or .txt (Word: Save As; LibreOffice: \
         `soffice --headless --convert-to docx FILE`)"
    )]
    LegacyDoc,
    #[error(
        "password-protected Word file: save a copy without the password (Word: File › Info › \
         Protect Document)"
    )]
    EncryptedDocx,
    #[error(
        "encrypted PDF: it needs a password; save a copy without it (e.g. \
         `qpdf --decrypt --password=PASSWORD in.pdf out.pdf`)"
    )]
    Encrypted,
    #[error(
        "scanned PDF: no text layer on any of its {pages} pages; run OCR first (e.g. \
         `ocrmypdf -l chi_sim in.pdf out.pdf`)"
    )]
    Scanned { pages: usize },
    #[error(
        "PDF without a Unicode map for its fonts (no ToUnicode): its text cannot be read \
         out; run OCR first (e.g. `ocrmypdf --force-ocr -l chi_sim in.pdf out.pdf`)"
    )]
    NoUnicode,
    #[error("damaged PDF: {0}")]
    Pdf(String),
    #[error("damaged Word file: {0}")]
    Docx(String),
}

/// What a file holds, from its first bytes (and, for a zip archive, its name).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    Docx,
    Pdf,
    /// An OLE2 compound file: an old `.doc`, or an encrypted `.docx`.
    Ole,
}

const OLE_MAGIC: &[u8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1";

fn has_extension(file: &str, ext: &str) -> bool {
    file.rsplit_once('.')
        .is_some_and(|(_, e)| e.eq_ignore_ascii_case(ext))
}

/// The kind of a file.
#[must_use]
pub fn sniff(file: &str, bytes: &[u8]) -> Kind {
    let head = &bytes[..bytes.len().min(1024)];
    if head.windows(5).any(|w| w == b"%PDF-") {
        Kind::Pdf
    } else if bytes.starts_with(OLE_MAGIC) {
        Kind::Ole
    } else if bytes.starts_with(b"PK\x03\x04")
        && (has_extension(file, "docx") || bytes.windows(17).any(|w| w == b"word/document.xml"))
    {
        Kind::Docx
    } else {
        Kind::Text
    }
}

/// Runs a reader of a damaged-file-prone format so that a panic inside the reading crate
/// becomes a reason for this file rather than the end of the corpus's load.
fn guarded<T>(
    read: impl FnOnce() -> Result<T, FormatError>,
    damaged: fn(String) -> FormatError,
) -> Result<T, FormatError> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(read))
        .unwrap_or_else(|_| Err(damaged("the reader failed on it".to_string())))
}

/// The text of a report file of any supported kind, sanitised like decoded text (the
/// `encoding` is `DOCX` or `PDF` for those).
///
/// # Errors
/// [`RejectReason`] when the file gives no text, with the reason.
pub fn read(file: &str, bytes: &[u8]) -> Result<Decoded, RejectReason> {
    read_report(file, bytes).map(|(d, _)| d)
}

/// [`read`], with warnings about what of the file could not be read (a PDF's pages without
/// text, when others have some).
///
/// # Errors
/// As [`read`].
pub fn read_report(file: &str, bytes: &[u8]) -> Result<(Decoded, Vec<String>), RejectReason> {
    let mut warnings = Vec::new();
    let mut headings = Vec::new();
    let (text, encoding) = match sniff(file, bytes) {
        Kind::Text => return Ok((decode::decode(bytes)?, warnings)),
        Kind::Ole if has_extension(file, "docx") => return Err(FormatError::EncryptedDocx.into()),
        Kind::Ole => return Err(FormatError::LegacyDoc.into()),
        Kind::Docx => {
            let (text, styled) = guarded(|| docx::text_and_headings(bytes), FormatError::Docx)?;
            headings = styled.iter().map(|h| decode::sanitise(h)).collect();
            (text, "DOCX")
        }
        Kind::Pdf => {
            let pdf = guarded(|| pdf::text(bytes), FormatError::Pdf)?;
            if !pdf.without_text.is_empty() {
                let list: Vec<String> = pdf.without_text.iter().map(ToString::to_string).collect();
                warnings.push(format!(
                    "PDF pages without a text layer (scanned?): {} of {}; their text is \
                     missing: run OCR on the file (e.g. `ocrmypdf --skip-text -l chi_sim`)",
                    list.join(", "),
                    pdf.pages
                ));
            }
            (pdf.text, "PDF")
        }
    };
    let text = decode::sanitise(&text);
    if text.chars().all(char::is_whitespace) {
        return Err(decode::DecodeError::Empty.into());
    }
    Ok((
        Decoded {
            text,
            encoding,
            headings,
        },
        warnings,
    ))
}

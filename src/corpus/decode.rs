//! Bytes to text: encoding detection, line-break normalisation, sanitising.
//!
//! PLACEHOLDER (owned by the ingest work): UTF-8 lossy only.

/// Decoded text of a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text with line breaks normalised to `\n` (CRLF, CR and the literal text `\r\n`)
    /// and control characters and escape sequences removed. This is what `gwr show --raw` prints.
    pub text: String,
    /// The encoding that was detected, for example `UTF-8`, `GBK`, `UTF-16LE`.
    pub encoding: &'static str,
}

/// Why a file could not be read as a report.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("the file is empty")]
    Empty,
    #[error("the file is binary, not text")]
    Binary,
    #[error("the file is not valid text in any supported encoding")]
    Undecodable,
    #[error("the file is too large ({bytes} bytes; the limit is {limit})")]
    TooLarge { bytes: usize, limit: usize },
}

/// Decodes the bytes of one report file.
///
/// # Errors
/// [`DecodeError`] when the bytes are empty, binary, undecodable or too large.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if bytes.is_empty() {
        return Err(DecodeError::Empty);
    }
    let text = String::from_utf8_lossy(bytes).replace("\r\n", "\n");
    Ok(Decoded {
        text,
        encoding: "UTF-8",
    })
}

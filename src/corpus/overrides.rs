//! Corrections a user writes for reports whose metadata gwr gets wrong.
//!
//! The file is `gwr-overrides.toml` in the corpus folder:
//!
//! ```toml
//! [[report]]
//! file = "保定市各县政府工作报告_H124.txt"   # path relative to the corpus folder
//! region = "410323"                         # a GB/T 2260 code, or a name such as 新安县
//! year = 2024
//! meeting_date = "2024-01-10"
//! title = "新安县2024年政府工作报告"
//! speaker = "某某"
//! speaker_title = "县长"
//! ```

use std::path::PathBuf;

use serde::Deserialize;

use super::model::{Region, ReportMeta};
use super::source::Corpus;

/// Name of the override file inside a corpus folder.
pub const FILE_NAME: &str = "gwr-overrides.toml";

/// One report's corrections; fields left out keep what gwr found.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Override {
    pub file: String,
    pub region: Option<String>,
    pub year: Option<u16>,
    pub meeting_date: Option<String>,
    pub meeting: Option<String>,
    pub title: Option<String>,
    pub speaker: Option<String>,
    pub speaker_title: Option<String>,
}

/// All corrections of a corpus.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Overrides {
    #[serde(default, rename = "report")]
    pub reports: Vec<Override>,
}

/// The override file could not be used.
#[derive(Debug, thiserror::Error)]
pub enum OverrideError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path} is not a valid override file: {message}")]
    Parse { path: PathBuf, message: String },
    #[error("{path}: report {file}: {message}")]
    Invalid {
        path: PathBuf,
        file: String,
        message: String,
    },
}

impl Overrides {
    /// Reads the corpus's override file; no file means no overrides.
    ///
    /// # Errors
    /// When the file exists but cannot be read or parsed, or names an unknown region.
    pub fn load(corpus: &Corpus) -> Result<Overrides, OverrideError> {
        let Some(root) = corpus.root() else {
            return Ok(Overrides::default());
        };
        let path = root.join(FILE_NAME);
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Overrides::default()),
            Err(source) => return Err(OverrideError::Read { path, source }),
        };
        Overrides::parse(&text).map_err(|e| match e {
            OverrideError::Parse { message, .. } => OverrideError::Parse {
                path: path.clone(),
                message,
            },
            OverrideError::Invalid { file, message, .. } => OverrideError::Invalid {
                path: path.clone(),
                file,
                message,
            },
            other @ OverrideError::Read { .. } => other,
        })
    }

    /// Parses the text of an override file.
    ///
    /// # Errors
    /// When the TOML is malformed, a date is not `YYYY-MM-DD`, or a region is unknown.
    pub fn parse(text: &str) -> Result<Overrides, OverrideError> {
        let o: Overrides = toml::from_str(text).map_err(|e| OverrideError::Parse {
            path: PathBuf::from(FILE_NAME),
            message: e.to_string(),
        })?;
        for r in &o.reports {
            let invalid = |message: String| OverrideError::Invalid {
                path: PathBuf::from(FILE_NAME),
                file: r.file.clone(),
                message,
            };
            if let Some(region) = &r.region {
                if super::gazetteer::resolve(region).is_none() {
                    return Err(invalid(format!(
                        "unknown region {region:?}: give a GB/T 2260 code or a full name"
                    )));
                }
            }
            if let Some(d) = &r.meeting_date {
                let ok = d.len() == 10
                    && d.bytes().enumerate().all(|(i, b)| {
                        if i == 4 || i == 7 {
                            b == b'-'
                        } else {
                            b.is_ascii_digit()
                        }
                    });
                if !ok {
                    return Err(invalid(format!("meeting_date {d:?} is not YYYY-MM-DD")));
                }
            }
        }
        Ok(o)
    }

    /// Applies the corrections for `meta.file`, if any.
    pub fn apply(&self, meta: &mut ReportMeta) {
        for o in self.reports.iter().filter(|o| o.file == meta.file) {
            if let Some(region) = o.region.as_deref().and_then(super::gazetteer::resolve) {
                meta.region = Some(Region {
                    confidence: 1.0,
                    ..region
                });
                meta.warnings.retain(|w| !w.starts_with("region"));
            }
            if let Some(y) = o.year {
                meta.year = Some(y);
            }
            set(&mut meta.meeting_date, o.meeting_date.as_ref());
            set(&mut meta.meeting, o.meeting.as_ref());
            set(&mut meta.speaker, o.speaker.as_ref());
            set(&mut meta.speaker_title, o.speaker_title.as_ref());
            if let Some(t) = &o.title {
                meta.title.clone_from(t);
            }
        }
    }
}

fn set(field: &mut Option<String>, value: Option<&String>) {
    if let Some(v) = value {
        *field = Some(v.clone());
    }
}

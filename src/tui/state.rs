//! The reading position remembered between launches: `<data_dir>/state.json`.

use std::path::Path;

use serde::{Deserialize, Serialize};

const FILE: &str = "state.json";

/// What `state.json` remembers between launches.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Saved {
    /// Report id.
    pub report: String,
    /// Paragraph at the top of the reader.
    pub paragraph: usize,
}

/// The saved position, if there is a readable one.
#[must_use]
pub fn load(data_dir: &Path) -> Option<Saved> {
    let text = std::fs::read_to_string(data_dir.join(FILE)).ok()?;
    serde_json::from_str(&text).ok()
}

/// Saves the position (written aside, then renamed into place).
///
/// # Errors
/// When the data dir cannot be written.
pub fn save(data_dir: &Path, saved: &Saved) -> std::io::Result<()> {
    std::fs::create_dir_all(data_dir)?;
    let tmp = data_dir.join(format!("{FILE}.tmp"));
    std::fs::write(&tmp, serde_json::to_vec_pretty(saved)?)?;
    std::fs::rename(tmp, data_dir.join(FILE))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(load(dir.path()), None);
        let s = Saved {
            report: "130000-2024".to_string(),
            paragraph: 17,
        };
        save(dir.path(), &s).unwrap();
        assert_eq!(load(dir.path()), Some(s));
        std::fs::write(dir.path().join(FILE), "{oops").unwrap();
        assert_eq!(load(dir.path()), None);
    }
}

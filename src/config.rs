//! Where gwr keeps its files, and the user's configuration.
//!
//! Paths come from `directories`; `--data-dir` / `GWR_DATA_DIR` and `--config` /
//! `GWR_CONFIG` override them. The config file is TOML (see `config.example.toml`).

use std::path::{Path, PathBuf};

use serde::Deserialize;

/// The user's configuration. Every field has a default, so an empty file is valid.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// The corpus folder to open when `--corpus` is not given.
    pub corpus: Option<PathBuf>,
    /// Scroll with the mouse wheel in the TUI (off by default, so terminal selection works).
    pub mouse: bool,
    /// A user dictionary for jieba (its format: `word [frequency] [tag]` a line), adding
    /// policy terms to the segmentation of keywords, new words and diffs.
    pub dictionary: Option<PathBuf>,
}

/// The example configuration shipped with gwr (and tested to parse).
pub const EXAMPLE: &str = include_str!("config.example.toml");

fn project_dirs() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("", "", "gwr")
}

/// The data directory: the flag, else `GWR_DATA_DIR`, else the platform's data dir.
#[must_use]
pub fn data_dir(flag: Option<&Path>) -> PathBuf {
    if let Some(p) = flag {
        return p.to_path_buf();
    }
    if let Some(p) = std::env::var_os("GWR_DATA_DIR").filter(|v| !v.is_empty()) {
        return PathBuf::from(p);
    }
    project_dirs().map_or_else(|| PathBuf::from(".gwr"), |d| d.data_dir().to_path_buf())
}

/// The config file: the flag, else `GWR_CONFIG`, else `config.toml` in the platform's config dir.
#[must_use]
pub fn config_path(flag: Option<&Path>) -> Option<PathBuf> {
    if let Some(p) = flag {
        return Some(p.to_path_buf());
    }
    if let Some(p) = std::env::var_os("GWR_CONFIG").filter(|v| !v.is_empty()) {
        return Some(PathBuf::from(p));
    }
    project_dirs().map(|d| d.config_dir().join("config.toml"))
}

/// Reads the config file; a missing file gives the defaults.
///
/// # Errors
/// When the file exists but cannot be read or is not valid.
pub fn load(path: Option<&Path>) -> anyhow::Result<Config> {
    let Some(path) = path else {
        return Ok(Config::default());
    };
    match std::fs::read_to_string(path) {
        Ok(text) => {
            let mut c: Config = toml::from_str(&text).map_err(|e| {
                anyhow::anyhow!("{} is not a valid config file: {e}", path.display())
            })?;
            // A relative dictionary path is relative to the config file.
            if let (Some(d), Some(dir)) = (c.dictionary.as_mut(), path.parent()) {
                if d.is_relative() {
                    *d = dir.join(&*d);
                }
            }
            Ok(c)
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Config::default()),
        Err(e) => Err(anyhow::anyhow!("cannot read {}: {e}", path.display())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn example_config_parses() {
        let c: Config = toml::from_str(EXAMPLE).unwrap();
        assert_eq!(c.corpus.as_deref(), Some(Path::new("/srv/reports")));
        assert!(!c.mouse);
        assert_eq!(
            c.dictionary.as_deref(),
            Some(Path::new("/srv/policy-terms.txt"))
        );
    }
}

//! Where report files come from: a folder on disk (searched recursively) or the demo
//! corpus embedded in the binary.

use std::borrow::Cow;
use std::io;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use include_dir::{Dir, include_dir};

static DEMO: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/demo");

/// File name endings read as reports.
pub const REPORT_EXTENSIONS: [&str; 3] = ["txt", "htm", "html"];

/// One report file of a corpus.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    /// Path relative to the corpus root, `/`-separated.
    pub rel: String,
    pub size: u64,
    /// Modification time in nanoseconds since the epoch (0 for the embedded demo).
    pub mtime_ns: u128,
}

/// A folder of a corpus and its modification time when it was listed: adding, removing
/// or renaming a file in a folder changes the folder's time, so folders whose times have
/// not moved hold the same files (see `search::scan`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SourceDir {
    /// Path relative to the corpus root, `/`-separated (empty for the root).
    pub rel: String,
    pub mtime_ns: u128,
}

/// A corpus: a folder of raw report files, or the embedded demo.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Corpus {
    Dir(PathBuf),
    Demo,
}

fn is_report_file(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| REPORT_EXTENSIONS.iter().any(|x| x.eq_ignore_ascii_case(e)))
}

impl Corpus {
    /// A corpus folder, checked to exist.
    ///
    /// # Errors
    /// When the folder does not exist or is not a directory.
    pub fn dir(path: impl AsRef<Path>) -> io::Result<Corpus> {
        let path = path.as_ref();
        let meta = std::fs::metadata(path).map_err(|e| {
            io::Error::new(
                e.kind(),
                format!("cannot open corpus {}: {e}", path.display()),
            )
        })?;
        if !meta.is_dir() {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("corpus {} is not a folder", path.display()),
            ));
        }
        Ok(Corpus::Dir(path.canonicalize()?))
    }

    /// A short human name: `demo` or the folder's path.
    #[must_use]
    pub fn label(&self) -> String {
        match self {
            Corpus::Dir(p) => p.display().to_string(),
            Corpus::Demo => "demo corpus (embedded)".to_string(),
        }
    }

    /// A file-name-safe key that tells corpora apart in the data directory.
    #[must_use]
    pub fn key(&self) -> String {
        match self {
            Corpus::Demo => "demo".to_string(),
            Corpus::Dir(p) => {
                let name: String = p
                    .file_name()
                    .and_then(|n| n.to_str())
                    .unwrap_or("corpus")
                    .chars()
                    .map(|c| {
                        if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                            c
                        } else {
                            '_'
                        }
                    })
                    .take(32)
                    .collect();
                let hash = twox_hash::XxHash64::oneshot(0, p.as_os_str().as_encoded_bytes());
                format!("{name}-{hash:016x}")
            }
        }
    }

    /// The report files, sorted by relative path.
    ///
    /// # Errors
    /// When the folder cannot be read.
    pub fn files(&self) -> io::Result<Vec<SourceFile>> {
        self.scan().map(|(files, _)| files)
    }

    /// The report files, sorted by relative path, and every folder under the root (the
    /// root included) with its modification time, read before its entries are.
    ///
    /// # Errors
    /// When the folder cannot be read.
    pub fn scan(&self) -> io::Result<(Vec<SourceFile>, Vec<SourceDir>)> {
        let mut out = Vec::new();
        let mut dirs = Vec::new();
        match self {
            Corpus::Demo => collect_demo(&DEMO, &mut out),
            Corpus::Dir(root) => {
                for entry in walkdir::WalkDir::new(root).follow_links(true) {
                    let entry = entry.map_err(|e| {
                        let path = e
                            .path()
                            .map(|p| p.display().to_string())
                            .unwrap_or_default();
                        io::Error::other(format!("cannot read {path}: {e}"))
                    })?;
                    let is_dir = entry.file_type().is_dir();
                    if !is_dir && (!entry.file_type().is_file() || !is_report_file(entry.path())) {
                        continue;
                    }
                    let rel = entry.path().strip_prefix(root).unwrap_or(entry.path());
                    let rel = rel
                        .components()
                        .map(|c| c.as_os_str().to_string_lossy())
                        .collect::<Vec<_>>()
                        .join("/");
                    let meta = entry.metadata().map_err(io::Error::other)?;
                    let mtime_ns = mtime_ns(&meta);
                    if is_dir {
                        dirs.push(SourceDir { rel, mtime_ns });
                    } else {
                        out.push(SourceFile {
                            rel,
                            size: meta.len(),
                            mtime_ns,
                        });
                    }
                }
            }
        }
        out.sort_by(|a, b| a.rel.cmp(&b.rel));
        Ok((out, dirs))
    }

    /// Reads one file's bytes.
    ///
    /// # Errors
    /// When the file cannot be read (the message names it).
    pub fn read(&self, rel: &str) -> io::Result<Cow<'static, [u8]>> {
        match self {
            Corpus::Demo => DEMO
                .get_file(rel)
                .map(|f| Cow::Borrowed(f.contents()))
                .ok_or_else(|| {
                    io::Error::new(io::ErrorKind::NotFound, format!("no demo file {rel}"))
                }),
            Corpus::Dir(root) => {
                let path = root.join(rel);
                std::fs::read(&path).map(Cow::Owned).map_err(|e| {
                    io::Error::new(e.kind(), format!("cannot read {}: {e}", path.display()))
                })
            }
        }
    }

    /// The folder holding the corpus, if it is on disk.
    #[must_use]
    pub fn root(&self) -> Option<&Path> {
        match self {
            Corpus::Dir(p) => Some(p),
            Corpus::Demo => None,
        }
    }
}

/// A file's modification time in nanoseconds since the epoch (0 when unknown).
#[must_use]
pub fn mtime_ns(meta: &std::fs::Metadata) -> u128 {
    meta.modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos())
}

fn collect_demo(dir: &'static Dir<'static>, out: &mut Vec<SourceFile>) {
    for f in dir.files() {
        if is_report_file(f.path()) {
            out.push(SourceFile {
                rel: f.path().to_string_lossy().replace('\\', "/"),
                size: f.contents().len() as u64,
                mtime_ns: 0,
            });
        }
    }
    for d in dir.dirs() {
        collect_demo(d, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_has_the_39_sample_reports() {
        let files = Corpus::Demo.files().unwrap();
        assert_eq!(files.len(), 39);
        assert!(files.iter().any(|f| f.rel == "reportData_2014.txt"));
        let bytes = Corpus::Demo.read("reportData_2014.txt").unwrap();
        assert_eq!(bytes.len(), 18_837);
    }
}

//! The data directory of one corpus: the published index generation, its manifest and
//! catalog cache, and the lock that lets one process write while others read or wait.
//!
//! ```text
//! <data_dir>/corpora/<corpus key>/
//!     lock            held (fs4) by the one process updating this corpus
//!     CURRENT         the name of the published generation, replaced atomically
//!     g<N>/           a tantivy index plus state-<stamp>.bin (manifest + catalog)
//! ```
//!
//! The tantivy commit payload names the state file (`<stamp>`) written just before the
//! commit, so the index, the manifest and the catalog always agree: a crash before the
//! commit leaves the previous payload pointing at the previous state file. A full rebuild
//! goes into a fresh `g<N+1>` and is published by replacing `CURRENT`.

use std::fs::{self, File};
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::Catalog;
use super::schema::SCHEMA_VERSION;

/// The manifest's fingerprint of one corpus file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileEntry {
    pub rel: String,
    pub size: u64,
    pub mtime_ns: u128,
    /// xxh64 of the content.
    pub hash: u64,
    /// The file's number (the `fnum` field of its paragraphs).
    pub fnum: u32,
}

/// What is cached next to the index: the manifest and the catalog.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct State {
    pub version: String,
    /// xxh64 of the corpus's override file (0 when none).
    pub overrides: u64,
    pub next_fnum: u32,
    /// The frequent character pairs the exact field indexes as bigrams (sorted keys of
    /// [`super::tokenizer::Pairs`]); chosen at a full build, kept by updates.
    pub pairs: Vec<u64>,
    /// Every corpus file (reports and rejected), sorted by `rel`.
    pub files: Vec<FileEntry>,
    pub catalog: Catalog,
}

const MAGIC: &[u8; 8] = b"GWRSTAT2";

static PARSER_SOURCES: include_dir::Dir<'static> =
    include_dir::include_dir!("$CARGO_MANIFEST_DIR/src/corpus");
/// The extractor of targets, whose figures the catalog keeps.
static TARGETS_SOURCES: include_dir::Dir<'static> =
    include_dir::include_dir!("$CARGO_MANIFEST_DIR/src/targets");

fn hash_dir(dir: &include_dir::Dir<'_>, h: &mut twox_hash::XxHash64) {
    use std::hash::Hasher as _;
    for f in dir.files() {
        h.write(f.path().to_string_lossy().as_bytes());
        h.write(f.contents());
    }
    for d in dir.dirs() {
        hash_dir(d, h);
    }
}

/// gwr's version, the schema version and a hash of the parser's and the targets
/// extractor's sources: any change
/// rebuilds the catalog and the index.
pub fn version() -> &'static str {
    static V: OnceLock<String> = OnceLock::new();
    V.get_or_init(|| {
        use std::hash::Hasher as _;
        let mut h = twox_hash::XxHash64::with_seed(0);
        hash_dir(&PARSER_SOURCES, &mut h);
        hash_dir(&TARGETS_SOURCES, &mut h);
        format!(
            "gwr {} schema {SCHEMA_VERSION} parser {:016x}",
            env!("CARGO_PKG_VERSION"),
            h.finish()
        )
    })
}

/// The content hash used in fingerprints.
#[must_use]
pub fn content_hash(bytes: &[u8]) -> u64 {
    twox_hash::XxHash64::oneshot(0, bytes)
}

impl State {
    /// Serialises: magic, xxh64 of the body, postcard body.
    pub fn to_bytes(&self) -> io::Result<Vec<u8>> {
        let body = postcard::to_stdvec(self).map_err(io::Error::other)?;
        let mut out = Vec::with_capacity(body.len() + 16);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&content_hash(&body).to_le_bytes());
        out.extend_from_slice(&body);
        Ok(out)
    }

    /// Parses what [`State::to_bytes`] wrote, checking the checksum.
    pub fn from_bytes(bytes: &[u8]) -> Result<State, String> {
        if bytes.len() < 16 || &bytes[..8] != MAGIC {
            return Err("not a gwr state file".into());
        }
        let sum = u64::from_le_bytes(bytes[8..16].try_into().unwrap_or_default());
        let body = &bytes[16..];
        if content_hash(body) != sum {
            return Err("state file damaged (checksum)".into());
        }
        postcard::from_bytes(body).map_err(|e| format!("state file unreadable: {e}"))
    }
}

/// Paths of one corpus's data.
#[derive(Debug, Clone)]
pub struct Paths {
    pub root: PathBuf,
}

impl Paths {
    #[must_use]
    pub fn new(data_dir: &Path, key: &str) -> Paths {
        Paths {
            root: data_dir.join("corpora").join(key),
        }
    }

    #[must_use]
    pub fn lock(&self) -> PathBuf {
        self.root.join("lock")
    }

    #[must_use]
    pub fn current(&self) -> PathBuf {
        self.root.join("CURRENT")
    }

    #[must_use]
    pub fn generation(&self, name: &str) -> PathBuf {
        self.root.join(name)
    }

    /// The published generation's name, if any.
    #[must_use]
    pub fn published(&self) -> Option<String> {
        let s = fs::read_to_string(self.current()).ok()?;
        let name = s.trim();
        (name.starts_with('g') && name[1..].chars().all(|c| c.is_ascii_digit()) && name.len() > 1)
            .then(|| name.to_string())
    }

    /// Generation directories present on disk.
    #[must_use]
    pub fn generations(&self) -> Vec<(u64, String)> {
        let mut out = Vec::new();
        if let Ok(rd) = fs::read_dir(&self.root) {
            for e in rd.flatten() {
                let name = e.file_name().to_string_lossy().to_string();
                if let Some(n) = name.strip_prefix('g').and_then(|n| n.parse::<u64>().ok()) {
                    out.push((n, name));
                }
            }
        }
        out.sort();
        out
    }

    /// A name for a new generation, after every one on disk.
    #[must_use]
    pub fn next_generation(&self) -> String {
        let n = self.generations().last().map_or(1, |(n, _)| n + 1);
        format!("g{n}")
    }

    /// Publishes `name`: writes CURRENT atomically.
    pub fn publish(&self, name: &str) -> io::Result<()> {
        write_atomic(&self.current(), format!("{name}\n").as_bytes())
    }

    /// Removes generations other than `keep` (best effort: another process may still
    /// read an old one through its open files, which Unix keeps alive).
    pub fn remove_others(&self, keep: &str) {
        for (_, name) in self.generations() {
            if name != keep {
                let _ = fs::remove_dir_all(self.generation(&name));
            }
        }
    }
}

/// The state file of a generation for a commit stamp.
#[must_use]
pub fn state_path(gen_dir: &Path, stamp: u64) -> PathBuf {
    gen_dir.join(format!("state-{stamp}.bin"))
}

/// Removes state files of a generation other than the one for `stamp`.
pub fn remove_other_states(gen_dir: &Path, stamp: u64) {
    let keep = format!("state-{stamp}.bin");
    if let Ok(rd) = fs::read_dir(gen_dir) {
        for e in rd.flatten() {
            let name = e.file_name().to_string_lossy().to_string();
            if name.starts_with("state-") && name != keep {
                let _ = fs::remove_file(e.path());
            }
        }
    }
}

/// Writes a file so that readers see the old content or the new, never a mix.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let tmp = path.with_extension("tmp");
    {
        let mut f = File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
    }
    fs::rename(&tmp, path)?;
    if let Some(parent) = path.parent() {
        if let Ok(d) = File::open(parent) {
            let _ = d.sync_all();
        }
    }
    Ok(())
}

/// Total size of the files under a directory.
#[must_use]
pub fn dir_bytes(dir: &Path) -> u64 {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter_map(|e| e.metadata().ok())
        .filter(std::fs::Metadata::is_file)
        .map(|m| m.len())
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn state_round_trips_and_detects_damage() {
        let s = State {
            version: version().to_string(),
            overrides: 7,
            next_fnum: 1,
            pairs: vec![(u64::from(u32::from('煤')) << 32) | u64::from(u32::from('炭'))],
            files: vec![FileEntry {
                rel: "a.txt".into(),
                size: 3,
                mtime_ns: 5,
                hash: 9,
                fnum: 0,
            }],
            catalog: Catalog::default(),
        };
        let bytes = s.to_bytes().unwrap();
        assert_eq!(State::from_bytes(&bytes).unwrap(), s);
        assert!(State::from_bytes(&bytes[..bytes.len() - 1]).is_err());
    }
}

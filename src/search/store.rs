//! The data directory of one corpus: the published index generation, its manifest and
//! catalog cache, and the lock that lets one process write while others read or wait.
//!
//! ```text
//! <data_dir>/corpora/<corpus key>/
//!     lock            held (fs4) by the one process updating this corpus
//!     CURRENT         the name of the published generation, replaced atomically
//!     g<N>/           a tantivy index plus state-<stamp>.bin (manifest + catalog),
//!                     dirs.bin (the corpus folders' times, for the quick freshness check)
//!                     and, once a search found it damaged, the marker `damaged`
//! ```
//!
//! A state file is read in parts, so that a command touching a few reports does not decode
//! the catalog of all of them:
//!
//! ```text
//! GWRSTAT5  head length (u64)  xxh64 of the head (u64)  head  body
//! ```
//!
//! The head (postcard) holds the manifest (version, the override file's and the user
//! dictionary's hashes, file fingerprints, character pairs), a
//! [`Brief`] of each report (what counting needs) and where each catalog entry lies in the
//! body, with its xxh64. Its tables are stored column by column, fixed-width numbers as
//! little-endian bytes, so that reading them costs a copy rather than a decode per value. Each entry is a postcard [`super::CatalogEntry`] of its own, checked
//! and decoded when it is asked for. A new per-report field is one more serde field of
//! `CatalogEntry` (or of `Brief`, if counting needs it) and a bump of
//! [`super::schema::SCHEMA_VERSION`], which rebuilds older indexes.
//!
//! The tantivy commit payload names the state file (`<stamp>`) written just before the
//! commit, so the index, the manifest and the catalog always agree: a crash before the
//! commit leaves the previous payload pointing at the previous state file. A full rebuild
//! goes into a fresh `g<N+1>` and is published by replacing `CURRENT`.

use std::collections::HashMap;
use std::fs::{self, File};
use std::io::{self, Write as _};
use std::os::unix::fs::FileExt as _;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use serde::{Deserialize, Serialize};

use super::reports::{ReportInfo, Reports};
use super::schema::SCHEMA_VERSION;
use super::{Catalog, CatalogEntry};
use crate::corpus::{Rejected, SourceDir};

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
    /// xxh64 of the user dictionary the ranking words were segmented with (0 when none;
    /// [`super::Segmenter::hash`]).
    pub dictionary: u64,
    pub next_fnum: u32,
    /// The frequent character pairs the exact field indexes as bigrams (sorted keys of
    /// [`super::tokenizer::Pairs`]); chosen at a full build, kept by updates.
    pub pairs: Vec<u64>,
    /// Every corpus file (reports and rejected), sorted by `rel`.
    pub files: Vec<FileEntry>,
    pub catalog: Catalog,
}

const MAGIC: &[u8; 8] = b"GWRSTAT5";

/// How much of the catalog's body [`CatalogFile::reports`] reads at a time.
const READ_PIECE: usize = 1 << 20;

/// What a search needs of a report without decoding its catalog entry: which file it is,
/// and what the counts per year and per region add up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Brief {
    /// The file's number (`u32::MAX` if the manifest does not have it).
    pub fnum: u32,
    pub year: Option<u16>,
    /// The region's name, as the report names itself (one copy per region).
    pub region: Option<Arc<str>>,
    pub paragraphs: u32,
}

/// Where a piece of the body lies, and its xxh64.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
struct Blob {
    offset: u64,
    len: u32,
    hash: u64,
}

/// The head as written and read. Its tables are columns of fixed-width little-endian
/// numbers and one string of all the file names: reading them is a copy, not a decode
/// per value. At 50,000 reports the postcard head of one value per field took 15 ms of a
/// 66 ms `gwr search --count` (a third of it allocating names; debug log, 2026-12-05).
#[derive(Serialize, Deserialize)]
struct Head {
    version: String,
    overrides: u64,
    dictionary: u64,
    next_fnum: u32,
    /// u64 each.
    #[serde(with = "serde_bytes")]
    pairs: Vec<u8>,
    files: FileColumns,
    briefs: BriefColumns,
    /// Each entry's [`Blob`]: offset (u64), length (u32), hash (u64).
    #[serde(with = "serde_bytes")]
    entries: Vec<u8>,
    rejected: Blob,
}

/// [`State::files`], column by column.
#[derive(Default, Serialize, Deserialize)]
struct FileColumns {
    /// The relative paths, one after the other.
    names: String,
    /// Where each path ends in `names` (u32 each), then size (u64), modification time
    /// (u128), content hash (u64) and file number (u32).
    #[serde(with = "serde_bytes")]
    ends: Vec<u8>,
    #[serde(with = "serde_bytes")]
    sizes: Vec<u8>,
    #[serde(with = "serde_bytes")]
    mtimes: Vec<u8>,
    #[serde(with = "serde_bytes")]
    hashes: Vec<u8>,
    #[serde(with = "serde_bytes")]
    fnums: Vec<u8>,
}

/// The [`Brief`]s, column by column.
#[derive(Default, Serialize, Deserialize)]
struct BriefColumns {
    /// The distinct region names.
    regions: Vec<String>,
    /// File number (u32), year (u16, 0 for none), region (u32 index into `regions`,
    /// `u32::MAX` for none), paragraphs (u32).
    #[serde(with = "serde_bytes")]
    fnums: Vec<u8>,
    #[serde(with = "serde_bytes")]
    years: Vec<u8>,
    #[serde(with = "serde_bytes")]
    region: Vec<u8>,
    #[serde(with = "serde_bytes")]
    paragraphs: Vec<u8>,
}

/// Little-endian numbers in a byte column.
trait Le: Sized + Copy {
    const N: usize;
    fn put(self, out: &mut Vec<u8>);
    fn get(b: &[u8]) -> Self;
}

macro_rules! le {
    ($($t:ty),*) => {$(
        impl Le for $t {
            const N: usize = std::mem::size_of::<$t>();
            fn put(self, out: &mut Vec<u8>) {
                out.extend_from_slice(&self.to_le_bytes());
            }
            fn get(b: &[u8]) -> Self {
                <$t>::from_le_bytes(b.try_into().unwrap_or_default())
            }
        }
    )*};
}
le!(u16, u32, u64, u128);

fn column<T: Le>(values: impl Iterator<Item = T>) -> Vec<u8> {
    let mut out = Vec::new();
    for v in values {
        v.put(&mut out);
    }
    out
}

/// The values of a column, or `None` when it does not hold exactly `n` of them.
fn values<'a, T: Le + 'a>(bytes: &'a [u8], n: usize) -> Option<impl Iterator<Item = T> + 'a> {
    (bytes.len() == n * T::N).then(|| bytes.chunks_exact(T::N).map(T::get))
}

impl FileColumns {
    fn of(files: &[FileEntry]) -> FileColumns {
        let mut names = String::with_capacity(files.iter().map(|f| f.rel.len()).sum());
        let mut ends = Vec::with_capacity(files.len() * 4);
        for f in files {
            names.push_str(&f.rel);
            (names.len() as u32).put(&mut ends);
        }
        FileColumns {
            names,
            ends,
            sizes: column(files.iter().map(|f| f.size)),
            mtimes: column(files.iter().map(|f| f.mtime_ns)),
            hashes: column(files.iter().map(|f| f.hash)),
            fnums: column(files.iter().map(|f| f.fnum)),
        }
    }

    fn files(&self) -> Option<Vec<FileEntry>> {
        let n = self.ends.len() / 4;
        let mut start = 0;
        let mut out = Vec::with_capacity(n);
        let columns = values::<u32>(&self.ends, n)?
            .zip(values::<u64>(&self.sizes, n)?)
            .zip(values::<u128>(&self.mtimes, n)?)
            .zip(values::<u64>(&self.hashes, n)?)
            .zip(values::<u32>(&self.fnums, n)?);
        for ((((end, size), mtime_ns), hash), fnum) in columns {
            let rel = self.names.get(start..end as usize)?;
            start = end as usize;
            out.push(FileEntry {
                rel: rel.to_string(),
                size,
                mtime_ns,
                hash,
                fnum,
            });
        }
        Some(out)
    }
}

impl BriefColumns {
    fn of(briefs: &[Brief]) -> BriefColumns {
        let mut regions: Vec<String> = Vec::new();
        let mut index: HashMap<&str, u32> = HashMap::new();
        let mut region = Vec::with_capacity(briefs.len() * 4);
        for b in briefs {
            let i = b.region.as_deref().map_or(u32::MAX, |r| {
                *index.entry(r).or_insert_with(|| {
                    regions.push(r.to_string());
                    (regions.len() - 1) as u32
                })
            });
            i.put(&mut region);
        }
        BriefColumns {
            regions,
            fnums: column(briefs.iter().map(|b| b.fnum)),
            years: column(briefs.iter().map(|b| b.year.unwrap_or(0))),
            region,
            paragraphs: column(briefs.iter().map(|b| b.paragraphs)),
        }
    }

    fn briefs(&self) -> Option<Vec<Brief>> {
        let n = self.fnums.len() / 4;
        let names: Vec<Arc<str>> = self.regions.iter().map(|r| Arc::from(r.as_str())).collect();
        let mut out = Vec::with_capacity(n);
        let columns = values::<u32>(&self.fnums, n)?
            .zip(values::<u16>(&self.years, n)?)
            .zip(values::<u32>(&self.region, n)?)
            .zip(values::<u32>(&self.paragraphs, n)?);
        for (((fnum, year), region), paragraphs) in columns {
            let region = if region == u32::MAX {
                None
            } else {
                Some(names.get(region as usize)?.clone())
            };
            out.push(Brief {
                fnum,
                year: (year != 0).then_some(year),
                region,
                paragraphs,
            });
        }
        Some(out)
    }
}

fn blob_column(blobs: &[Blob]) -> Vec<u8> {
    let mut out = Vec::with_capacity(blobs.len() * 20);
    for b in blobs {
        b.offset.put(&mut out);
        b.len.put(&mut out);
        b.hash.put(&mut out);
    }
    out
}

fn blobs(bytes: &[u8]) -> Option<Vec<Blob>> {
    (bytes.len() % 20 == 0).then(|| {
        bytes
            .chunks_exact(20)
            .map(|c| Blob {
                offset: u64::get(&c[..8]),
                len: u32::get(&c[8..12]),
                hash: u64::get(&c[12..]),
            })
            .collect()
    })
}

/// The [`Brief`] of each report of `catalog`, in catalog order.
#[must_use]
pub fn briefs(files: &[FileEntry], catalog: &Catalog) -> Vec<Brief> {
    let fnum: HashMap<&str, u32> = files.iter().map(|f| (f.rel.as_str(), f.fnum)).collect();
    catalog
        .reports
        .iter()
        .map(|r| Brief {
            fnum: fnum.get(r.meta.file.as_str()).copied().unwrap_or(u32::MAX),
            year: r.meta.year,
            region: r.meta.region.as_ref().map(|g| Arc::from(g.name.as_str())),
            paragraphs: r.meta.paragraphs as u32,
        })
        .collect()
}

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
    /// Serialises: see the module's documentation for the layout.
    #[cfg(test)]
    pub fn to_bytes(&self) -> io::Result<Vec<u8>> {
        Ok(self.to_parts()?.concat())
    }

    /// The serialised state in two parts, the fixed fields with the head and the body,
    /// which [`write_state`] writes one after the other (no copy of the whole).
    fn to_parts(&self) -> io::Result<[Vec<u8>; 2]> {
        // Each piece is serialised straight onto the body.
        let mut body = Vec::new();
        let mut entries = Vec::with_capacity(self.catalog.reports.len());
        for r in &self.catalog.reports {
            entries.push(put(&mut body, r)?);
        }
        let rejected = put(&mut body, &self.catalog.rejected)?;
        let briefs = briefs(&self.files, &self.catalog);
        let head = postcard::to_stdvec(&Head {
            version: self.version.clone(),
            overrides: self.overrides,
            dictionary: self.dictionary,
            next_fnum: self.next_fnum,
            pairs: column(self.pairs.iter().copied()),
            files: FileColumns::of(&self.files),
            briefs: BriefColumns::of(&briefs),
            entries: blob_column(&entries),
            rejected,
        })
        .map_err(io::Error::other)?;
        let mut first = Vec::with_capacity(24 + head.len());
        first.extend_from_slice(MAGIC);
        first.extend_from_slice(&(head.len() as u64).to_le_bytes());
        first.extend_from_slice(&content_hash(&head).to_le_bytes());
        first.extend_from_slice(&head);
        Ok([first, body])
    }

    /// Parses what [`State::to_bytes`] wrote, checking every checksum.
    #[cfg(test)]
    pub fn from_bytes(bytes: &[u8]) -> Result<State, String> {
        let (mut state, _, file) = open_parts(&mut io::Cursor::new(bytes))?;
        state.catalog = file.decode_all(bytes.get(file.body_at..).unwrap_or_default())?;
        Ok(state)
    }
}

/// Serialises `value` onto the end of `body`; returns where it lies.
fn put<T: Serialize>(body: &mut Vec<u8>, value: &T) -> io::Result<Blob> {
    let offset = body.len();
    *body = postcard::to_extend(value, std::mem::take(body)).map_err(io::Error::other)?;
    let bytes = &body[offset..];
    Ok(Blob {
        offset: offset as u64,
        len: bytes.len() as u32,
        hash: content_hash(bytes),
    })
}

/// Reads `len` bytes at `at`.
trait ReadAt {
    fn read_at_exact(&mut self, at: u64, len: usize) -> io::Result<Vec<u8>>;
}

#[cfg(test)]
impl ReadAt for io::Cursor<&[u8]> {
    fn read_at_exact(&mut self, at: u64, len: usize) -> io::Result<Vec<u8>> {
        let all = *self.get_ref();
        let at = usize::try_from(at).map_err(io::Error::other)?;
        all.get(at..at.saturating_add(len))
            .map(<[u8]>::to_vec)
            .ok_or_else(|| io::Error::from(io::ErrorKind::UnexpectedEof))
    }
}

/// The manifest (a [`State`] with an empty catalog), the briefs, and where the catalog's
/// entries are.
fn open_parts(r: &mut dyn ReadAt) -> Result<(State, Vec<Brief>, CatalogFile), String> {
    let damaged = |what: &str| format!("catalog cache damaged ({what})");
    let fixed = r.read_at_exact(0, 24).map_err(|_| damaged("too short"))?;
    if &fixed[..8] != MAGIC {
        return Err("not a gwr state file of this version".into());
    }
    let word = |i: usize| u64::from_le_bytes(fixed[i..i + 8].try_into().unwrap_or_default());
    let (head_len, head_sum) = (word(8), word(16));
    let head_len = usize::try_from(head_len).map_err(|_| damaged("head length"))?;
    let head = r
        .read_at_exact(24, head_len)
        .map_err(|_| damaged("truncated"))?;
    if content_hash(&head) != head_sum {
        return Err(damaged("checksum"));
    }
    let h: Head =
        postcard::from_bytes(&head).map_err(|e| format!("catalog cache unreadable: {e}"))?;
    let pairs = values::<u64>(&h.pairs, h.pairs.len() / 8).ok_or_else(|| damaged("pairs"))?;
    let files = h.files.files().ok_or_else(|| damaged("file table"))?;
    let briefs = h.briefs.briefs().ok_or_else(|| damaged("report table"))?;
    let entries = blobs(&h.entries).ok_or_else(|| damaged("entry table"))?;
    if briefs.len() != entries.len() {
        return Err(damaged("entry table"));
    }
    let state = State {
        version: h.version,
        overrides: h.overrides,
        dictionary: h.dictionary,
        next_fnum: h.next_fnum,
        pairs: pairs.collect(),
        files,
        catalog: Catalog::default(),
    };
    let file = CatalogFile {
        file: None,
        body_at: 24 + head_len,
        entries,
        rejected: h.rejected,
    };
    Ok((state, briefs, file))
}

/// A state file whose catalog entries are read when asked for.
#[derive(Debug)]
pub struct CatalogFile {
    file: Option<File>,
    /// Where the body starts.
    body_at: usize,
    entries: Vec<Blob>,
    rejected: Blob,
}

/// Reads a state file's manifest and briefs, leaving its catalog on disk (see
/// [`CatalogFile`]).
pub fn open_state(path: &Path) -> Result<(State, Vec<Brief>, CatalogFile), String> {
    let f = File::open(path).map_err(|e| format!("catalog cache unreadable: {e}"))?;
    let (state, briefs, mut file) = open_parts(&mut &f)?;
    file.file = Some(f);
    Ok((state, briefs, file))
}

fn decode_blob<T: serde::de::DeserializeOwned>(bytes: &[u8], b: Blob) -> Result<T, String> {
    if bytes.len() != b.len as usize || content_hash(bytes) != b.hash {
        return Err("catalog cache damaged (an entry's checksum)".into());
    }
    postcard::from_bytes(bytes).map_err(|e| format!("catalog cache unreadable: {e}"))
}

impl CatalogFile {
    /// The catalog entry at position `i`, read and checked.
    pub fn entry(&self, i: usize) -> Result<CatalogEntry, String> {
        let b = *self.entries.get(i).ok_or("no such catalog entry")?;
        let mut f = self.file.as_ref().ok_or("catalog cache not open")?;
        let bytes = f
            .read_at_exact(self.body_at as u64 + b.offset, b.len as usize)
            .map_err(|e| format!("catalog cache unreadable: {e}"))?;
        decode_blob(&bytes, b)
    }

    /// The light list of every report ([`Reports`]), made as [`CatalogFile::each`] reads
    /// the entries: each kept as its metadata and length alone, so that the whole catalog
    /// is never in memory.
    pub fn reports(&self) -> Result<Reports, String> {
        let mut out = Vec::with_capacity(self.entries.len());
        self.each(&mut |e| out.push(ReportInfo::from(e)))?;
        Ok(out.into_iter().collect())
    }

    /// Every entry in catalog order, each read, checked and decoded in turn and handed to
    /// `f`: the file is read in pieces of about [`READ_PIECE`] bytes.
    pub fn each(&self, f: &mut dyn FnMut(CatalogEntry)) -> Result<(), String> {
        self.each_in_pieces(READ_PIECE, f)
    }

    fn each_in_pieces(
        &self,
        piece_len: usize,
        f: &mut dyn FnMut(CatalogEntry),
    ) -> Result<(), String> {
        let mut file = self.file.as_ref().ok_or("catalog cache not open")?;
        let mut piece: Vec<u8> = Vec::new();
        let mut piece_at = 0u64;
        let body_end = self
            .entries
            .iter()
            .map(|e| e.offset + u64::from(e.len))
            .max()
            .unwrap_or(0);
        for &b in &self.entries {
            let (at, end) = (b.offset, b.offset + u64::from(b.len));
            if at < piece_at || end > piece_at + piece.len() as u64 {
                // The next piece starts at this entry (entries lie in catalog order).
                let len = (piece_len as u64).min(body_end - at).max(u64::from(b.len));
                piece = file
                    .read_at_exact(self.body_at as u64 + at, len as usize)
                    .map_err(|_| "catalog cache damaged (truncated)".to_string())?;
                piece_at = at;
            }
            let from = (at - piece_at) as usize;
            f(decode_blob(&piece[from..from + b.len as usize], b)?);
        }
        Ok(())
    }

    /// The whole catalog, read in one go.
    pub fn read_all(&self) -> Result<Catalog, String> {
        let mut f = self.file.as_ref().ok_or("catalog cache not open")?;
        let len = self
            .entries
            .iter()
            .chain([&self.rejected])
            .map(|b| b.offset + u64::from(b.len))
            .max()
            .unwrap_or(0);
        let body = f
            .read_at_exact(self.body_at as u64, len as usize)
            .map_err(|_| "catalog cache damaged (truncated)".to_string())?;
        self.decode_all(&body)
    }

    fn decode_all(&self, body: &[u8]) -> Result<Catalog, String> {
        let slice = |b: Blob| {
            let at = b.offset as usize;
            body.get(at..at + b.len as usize)
                .ok_or_else(|| "catalog cache damaged (truncated)".to_string())
        };
        let reports = self
            .entries
            .iter()
            .map(|&b| decode_blob::<CatalogEntry>(slice(b)?, b))
            .collect::<Result<Vec<_>, _>>()?;
        let rejected: Vec<Rejected> = decode_blob(slice(self.rejected)?, self.rejected)?;
        Ok(Catalog { reports, rejected })
    }
}

impl ReadAt for &File {
    fn read_at_exact(&mut self, at: u64, len: usize) -> io::Result<Vec<u8>> {
        // A damaged length must not ask for more memory than the file has bytes.
        if at.saturating_add(len as u64) > self.metadata()?.len() {
            return Err(io::ErrorKind::UnexpectedEof.into());
        }
        let mut buf = vec![0; len];
        self.read_exact_at(&mut buf, at)?;
        Ok(buf)
    }
}

/// The corpus folders as a full listing found them, for the quick freshness check
/// (`scan`); good for the state of one commit stamp.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DirStamps {
    pub stamp: u64,
    /// When that listing started (ns since the epoch).
    pub listed_ns: u128,
    pub dirs: Vec<SourceDir>,
}

const DIRS_MAGIC: &[u8; 8] = b"GWRDIRS1";

impl DirStamps {
    #[must_use]
    pub fn path(gen_dir: &Path) -> PathBuf {
        gen_dir.join("dirs.bin")
    }

    /// The stamps of a generation, if they are there, whole, and for `stamp`.
    #[must_use]
    pub fn load(gen_dir: &Path, stamp: u64) -> Option<DirStamps> {
        let bytes = fs::read(DirStamps::path(gen_dir)).ok()?;
        let body = bytes.strip_prefix(DIRS_MAGIC)?;
        let (sum, body) = body.split_at_checked(8)?;
        if content_hash(body).to_le_bytes() != sum {
            return None;
        }
        let d: DirStamps = postcard::from_bytes(body).ok()?;
        (d.stamp == stamp).then_some(d)
    }

    /// Writes them (a cache: not forced to the disk; a torn file fails its checksum).
    pub fn save(&self, gen_dir: &Path) -> io::Result<()> {
        let body = postcard::to_stdvec(self).map_err(io::Error::other)?;
        let mut out = Vec::with_capacity(body.len() + 16);
        out.extend_from_slice(DIRS_MAGIC);
        out.extend_from_slice(&content_hash(&body).to_le_bytes());
        out.extend_from_slice(&body);
        let path = DirStamps::path(gen_dir);
        let tmp = path.with_extension("tmp");
        fs::write(&tmp, &out)?;
        fs::rename(&tmp, &path)
    }
}

/// The marker a search leaves in a generation it found damaged; the next open rebuilds.
#[must_use]
pub fn damaged_marker(gen_dir: &Path) -> PathBuf {
    gen_dir.join("damaged")
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

/// Writes `state` to `path` as [`write_atomic`] does; returns its size in bytes.
pub fn write_state(path: &Path, state: &State) -> io::Result<usize> {
    let parts = state.to_parts()?;
    write_atomic_parts(path, &[&parts[0], &parts[1]])?;
    Ok(parts.iter().map(Vec::len).sum())
}

/// Writes a file so that readers see the old content or the new, never a mix.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomic_parts(path, &[bytes])
}

/// [`write_atomic`] of the concatenation of `parts`.
fn write_atomic_parts(path: &Path, parts: &[&[u8]]) -> io::Result<()> {
    let tmp = path.with_extension("tmp");
    {
        let mut f = File::create(&tmp)?;
        for p in parts {
            f.write_all(p)?;
        }
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
            dictionary: 9,
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

    fn entry(file: &str, year: u16) -> CatalogEntry {
        CatalogEntry {
            meta: crate::corpus::ReportMeta {
                file: file.into(),
                year: Some(year),
                paragraphs: 3,
                ..crate::corpus::ReportMeta::default()
            },
            sections: Vec::new(),
            targets: Vec::new(),
            chars: 0,
        }
    }

    #[test]
    fn report_and_file_tables_survive_their_columns() {
        let hebei: Arc<str> = Arc::from("河北省");
        let briefs = vec![
            Brief {
                fnum: 3,
                year: Some(2024),
                region: Some(hebei.clone()),
                paragraphs: 7,
            },
            Brief {
                fnum: 1,
                year: None,
                region: None,
                paragraphs: 0,
            },
            Brief {
                fnum: u32::MAX,
                year: Some(2008),
                region: Some(hebei),
                paragraphs: 120,
            },
        ];
        let cols = BriefColumns::of(&briefs);
        assert_eq!(cols.regions, ["河北省"], "one copy of each region's name");
        assert_eq!(cols.briefs().unwrap(), briefs);
        let files = vec![
            FileEntry {
                rel: "河北/2024.txt".into(),
                size: u64::MAX,
                mtime_ns: u128::MAX - 1,
                hash: 42,
                fnum: 3,
            },
            FileEntry {
                rel: String::new(),
                size: 0,
                mtime_ns: 0,
                hash: 0,
                fnum: 0,
            },
        ];
        let mut cols = FileColumns::of(&files);
        assert_eq!(cols.files().unwrap(), files);
        // A column that does not hold one value per file is damage, not a short table.
        cols.sizes.pop();
        assert!(cols.files().is_none());
    }

    #[test]
    fn entries_are_read_one_at_a_time_and_checked() {
        let files = ["a.txt", "b.txt", "c.txt"];
        let s = State {
            version: version().to_string(),
            files: files
                .iter()
                .enumerate()
                .map(|(i, f)| FileEntry {
                    rel: (*f).into(),
                    size: 1,
                    mtime_ns: 1,
                    hash: 1,
                    fnum: i as u32 + 10,
                })
                .collect(),
            catalog: Catalog {
                reports: vec![
                    entry("a.txt", 2020),
                    entry("b.txt", 2021),
                    entry("c.txt", 2022),
                ],
                rejected: vec![Rejected {
                    file: "x.txt".into(),
                    reason: "empty".into(),
                }],
            },
            ..State::default()
        };
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state-1.bin");
        let bytes = s.to_bytes().unwrap();
        std::fs::write(&path, &bytes).unwrap();
        let (head, briefs, cat) = open_state(&path).unwrap();
        assert!(head.catalog.reports.is_empty());
        assert_eq!(head.files, s.files);
        assert_eq!(
            briefs.iter().map(|b| (b.fnum, b.year)).collect::<Vec<_>>(),
            [(10, Some(2020)), (11, Some(2021)), (12, Some(2022))]
        );
        assert_eq!(cat.entry(1).unwrap(), s.catalog.reports[1]);
        assert_eq!(cat.read_all().unwrap(), s.catalog);
        // The light list, whole and in pieces smaller than an entry or holding several.
        let light = crate::search::Reports::of(&s.catalog);
        assert_eq!(cat.reports().unwrap(), light);
        for piece in [1, 100, 250] {
            let mut each = Vec::new();
            cat.each_in_pieces(piece, &mut |e| each.push(e)).unwrap();
            assert_eq!(each, s.catalog.reports, "{piece}");
        }
        // One byte of the second entry changed (its file name, which the body holds after
        // the head's copy): that entry and the whole catalog fail, the others still read.
        let mut bad = bytes.clone();
        let at = bytes.windows(5).rposition(|w| w == b"b.txt").unwrap();
        bad[at] = b'B';
        std::fs::write(&path, &bad).unwrap();
        let (_, _, cat) = open_state(&path).unwrap();
        assert!(cat.read_all().is_err());
        assert!(cat.reports().is_err());
        assert!(cat.entry(1).is_err());
        assert_eq!(cat.entry(2).unwrap(), s.catalog.reports[2]);
        // A truncated file fails at open or when its entries are read.
        std::fs::write(&path, &bytes[..bytes.len() / 2]).unwrap();
        assert!(
            open_state(&path).is_err_and(|e| e.contains("damaged")) || {
                let (_, _, cat) = open_state(&path).unwrap();
                cat.read_all().is_err()
            }
        );
    }
}

//! Where report files come from: a folder on disk (searched recursively) or the demo
//! corpus embedded in the binary.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::io;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use include_dir::{Dir, include_dir};

use super::Rejected;

static DEMO: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/demo");

/// File name endings read as reports (`.doc` only to be listed with its reason).
pub const REPORT_EXTENSIONS: [&str; 6] = ["txt", "htm", "html", "docx", "pdf", "doc"];

/// One report file of a corpus.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    /// Path relative to the corpus root, `/`-separated.
    pub rel: String,
    pub size: u64,
    /// Modification time in nanoseconds since the epoch (0 for the embedded demo).
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

    /// The report files, sorted by relative path (without the entries the walk could not
    /// take: see [`Corpus::walk`]).
    ///
    /// # Errors
    /// When the corpus folder itself cannot be read.
    pub fn files(&self) -> io::Result<Vec<SourceFile>> {
        self.walk().map(|l| l.files)
    }

    /// Walks the corpus: the report files, sorted by relative path, and every entry that
    /// could not be taken (a dangling link, a link loop, an unreadable folder, a name that
    /// is not UTF-8…), each with its reason. One bad entry never hides the rest.
    ///
    /// # Errors
    /// Only when the corpus folder itself cannot be read.
    pub fn walk(&self) -> io::Result<Listing> {
        let mut out = Listing::default();
        match self {
            Corpus::Demo => collect_demo(&DEMO, &mut out.files),
            Corpus::Dir(root) => walk_dir(root, &mut out)?,
        }
        out.files.sort_by(|a, b| a.rel.cmp(&b.rel));
        out.faults.sort_by(|a, b| a.file.cmp(&b.file));
        Ok(out)
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
                    io::Error::new(
                        e.kind(),
                        format!("cannot read {}: {}", path.display(), read_error(&e)),
                    )
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

/// A corpus walked: its report files and the entries it could not take.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Listing {
    /// The report files, sorted by relative path.
    pub files: Vec<SourceFile>,
    /// Entries left out, each with its reason, sorted by path.
    pub faults: Vec<Rejected>,
}

/// What went wrong reading a file, with what to do about it.
fn read_error(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => {
            "the file is gone (removed or renamed after the corpus was listed): open the corpus again"
                .to_string()
        }
        io::ErrorKind::PermissionDenied => {
            format!("{e}: make the file readable (chmod a+r) or remove it from the corpus")
        }
        io::ErrorKind::IsADirectory => format!("{e}: not a file"),
        _ => e.to_string(),
    }
}

/// A path relative to the corpus root, `/`-separated; bytes that are not UTF-8 shown as
/// `\xNN`.
fn rel_name(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| escape_name(c.as_os_str().as_encoded_bytes()))
        .collect::<Vec<_>>()
        .join("/")
}

fn escape_name(bytes: &[u8]) -> String {
    let mut out = String::new();
    for chunk in bytes.utf8_chunks() {
        out.push_str(chunk.valid());
        for b in chunk.invalid() {
            let _ = write!(out, "\\x{b:02X}");
        }
    }
    out
}

/// The reason a name that is not UTF-8 is left out, with its reading as GBK when it has one.
fn not_utf8_reason(name: &[u8], what: &str) -> String {
    let (gbk, _, bad) = encoding_rs::GB18030.decode(name);
    let guess = if bad {
        String::new()
    } else {
        format!(" (as GBK: {gbk})")
    };
    format!(
        "{what} name is not UTF-8{guess}: rename it to UTF-8, e.g. `convmv -f gbk -t utf-8 --notest -r DIR`"
    )
}

/// Why the walk could not take an entry, from walkdir's error.
fn walk_fault(root: &Path, e: &walkdir::Error) -> Rejected {
    let path = e.path().unwrap_or(root);
    let file = rel_name(root, path);
    let reason = if let Some(ancestor) = e.loop_ancestor() {
        format!(
            "symbolic link loop (leads back to {}): remove the link",
            display_rel(root, ancestor)
        )
    } else if std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
        && std::fs::metadata(path).is_err()
    {
        let target = std::fs::read_link(path)
            .map(|t| t.display().to_string())
            .unwrap_or_default();
        format!(
            "dangling symbolic link (its target {target} does not exist): remove the link or restore the target"
        )
    } else {
        match e.io_error() {
            Some(io) if io.kind() == io::ErrorKind::PermissionDenied => {
                let what = if std::fs::metadata(path).is_ok_and(|m| m.is_dir()) {
                    "folder"
                } else {
                    "file"
                };
                format!("{io}: make the {what} readable (chmod a+rX) or remove it from the corpus")
            }
            Some(io) if io.kind() == io::ErrorKind::NotFound => {
                "removed while the corpus was being listed".to_string()
            }
            Some(io) => format!("cannot read: {io}"),
            None => format!("cannot read: {e}"),
        }
    };
    Rejected { file, reason }
}

fn display_rel(root: &Path, path: &Path) -> String {
    match path.strip_prefix(root) {
        Ok(r) if r.as_os_str().is_empty() => "the corpus folder".to_string(),
        Ok(_) => rel_name(root, path),
        Err(_) => path.display().to_string(),
    }
}

/// Whether a walk fault concerns something that could hold reports: a folder, or an entry
/// whose name (or, for a link, whose target's name) is a report file's.
fn fault_matters(e: &walkdir::Error) -> bool {
    let Some(path) = e.path() else { return true };
    if e.loop_ancestor().is_some() || e.depth() == 0 {
        return true;
    }
    let target = std::fs::read_link(path).ok();
    let named = |p: &Path| p.extension().is_none() || is_report_file(p);
    named(path) || target.as_deref().is_some_and(is_report_file)
}

fn walk_dir(root: &Path, out: &mut Listing) -> io::Result<()> {
    let mut it = walkdir::WalkDir::new(root).follow_links(true).into_iter();
    while let Some(entry) = it.next() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) if e.depth() == 0 => {
                return Err(io::Error::other(format!(
                    "cannot read the corpus folder {}: {e}",
                    root.display()
                )));
            }
            Err(e) => {
                if fault_matters(&e) {
                    out.faults.push(walk_fault(root, &e));
                }
                continue;
            }
        };
        let name = entry.file_name().as_encoded_bytes();
        if entry.file_type().is_dir() {
            if entry.depth() > 0 && std::str::from_utf8(name).is_err() {
                out.faults.push(Rejected {
                    file: rel_name(root, entry.path()),
                    reason: format!(
                        "{}; the files in it are skipped",
                        not_utf8_reason(name, "folder")
                    ),
                });
                it.skip_current_dir();
            }
            continue;
        }
        if !is_report_file(entry.path()) {
            continue;
        }
        if !entry.file_type().is_file() {
            // A named pipe, socket or device with a report's name: never opened (reading a
            // pipe would wait for a writer).
            out.faults.push(Rejected {
                file: rel_name(root, entry.path()),
                reason: "not a regular file (a named pipe, socket or device): remove it or \
                         put the report's text in a file"
                    .to_string(),
            });
            continue;
        }
        let rel = rel_name(root, entry.path());
        if std::str::from_utf8(name).is_err() {
            out.faults.push(Rejected {
                file: rel,
                reason: not_utf8_reason(name, "file"),
            });
            continue;
        }
        let meta = match entry.metadata() {
            Ok(m) => m,
            Err(e) => {
                out.faults.push(walk_fault(root, &e));
                continue;
            }
        };
        let mtime_ns = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos());
        out.files.push(SourceFile {
            rel,
            size: meta.len(),
            mtime_ns,
        });
    }
    Ok(())
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

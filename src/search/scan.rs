//! Listing a corpus for changes, quickly when its folders have not moved.
//!
//! A full listing walks every folder and stats every report file. The quick check stats
//! only what the last full listing found: each folder (adding, removing or renaming a file
//! changes its folder's modification time) and each known file (an edit changes its size
//! or time, which the diff then checks against the content hash). When any folder's time
//! moved, or a known file is gone, it falls back to the full listing, so the answer is the
//! same as the full listing's. A folder whose time was within [`RACY_NS`] of the listing
//! that recorded it is not trusted (a file added in the same clock tick would leave the
//! time as it was): it forces a full listing, which records it again once it has settled.
//!
//! Opening an up-to-date index needs no listing at all: [`Check`] compares each folder's
//! time and each known file's size and time with what the index recorded, on a thread
//! started as soon as the manifest is read, while the index opens; the opening thread helps
//! with what is left. When every one matches (what the quick listing followed by the diff
//! would find), nothing is listed, cloned or compared; anything else falls back to them.

use std::fs;
use std::io;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::thread::JoinHandle;
use std::time::{SystemTime, UNIX_EPOCH};

use nix::fcntl::AtFlags;
use nix::sys::stat::{SFlag, fstatat};
use rayon::prelude::*;

use super::store::{DirStamps, FileEntry};
use crate::corpus::source::mtime_ns;
use crate::corpus::{Corpus, SourceDir, SourceFile};

/// How long after a folder changed its time is trusted: longer than the coarsest
/// timestamps of common file systems (2 s on FAT).
pub const RACY_NS: u128 = 2_100_000_000;

/// The report files of a corpus, and how they were found.
#[derive(Debug, Clone, Default)]
pub struct Listing {
    /// Sorted by relative path.
    pub files: Vec<SourceFile>,
    /// The folders (none for the embedded demo).
    pub dirs: Vec<SourceDir>,
    /// When the listing that found `dirs` started (ns since the epoch).
    pub listed_ns: u128,
    /// True when the folders were not read again (the quick check held).
    pub quick: bool,
    /// Entries the walk could not take, each with its reason (a full listing only: a quick
    /// check holds only when no folder changed, so the catalog's faults stand).
    pub faults: Vec<crate::corpus::Rejected>,
}

fn now_ns() -> u128 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos())
}

/// Walks the whole corpus.
///
/// # Errors
/// When a folder cannot be read.
pub fn full(corpus: &Corpus) -> io::Result<Listing> {
    let listed_ns = now_ns();
    let walked = corpus.walk()?;
    Ok(Listing {
        files: walked.files,
        dirs: walked.dirs,
        listed_ns,
        quick: false,
        faults: walked.faults,
    })
}

/// Whether every folder of a listing had kept its time for longer than [`RACY_NS`] when
/// the listing started (so that the time can be trusted to move on any later change).
fn times_settled(dirs: &[SourceDir], listed_ns: u128) -> bool {
    dirs.iter()
        .all(|d| d.mtime_ns.saturating_add(RACY_NS) < listed_ns)
}

/// The listing whose folder times the next open should trust, for an index made from
/// `listing`. A corpus written just before it was listed (the usual first build) has
/// folders too fresh to trust, and the next open would list the whole corpus again (at
/// 50,000 reports that first search took 83 MB where the others take 55–60). Once those
/// times are older than [`RACY_NS`], a second listing that finds the same files and
/// faults proves the first complete (a file added in the same clock tick as the first
/// listing is in the second), and its folder times are settled: it is the one to record.
/// Otherwise `listing` itself, and the next open lists again as before.
#[must_use]
pub fn settle<'a>(corpus: &Corpus, listing: &'a Listing) -> std::borrow::Cow<'a, Listing> {
    use std::borrow::Cow;
    let newest = listing.dirs.iter().map(|d| d.mtime_ns).max().unwrap_or(0);
    if listing.dirs.is_empty()
        || times_settled(&listing.dirs, listing.listed_ns)
        || now_ns() <= newest.saturating_add(RACY_NS)
    {
        return Cow::Borrowed(listing);
    }
    match full(corpus) {
        Ok(again)
            if again.files == listing.files
                && again.faults == listing.faults
                && times_settled(&again.dirs, again.listed_ns) =>
        {
            Cow::Owned(again)
        }
        _ => Cow::Borrowed(listing),
    }
}

/// The files of `known` (sorted by relative path) as they are now, if the folders of
/// `stamps` have not changed since; else [`full`].
///
/// # Errors
/// When a folder cannot be read.
pub fn quick(
    corpus: &Corpus,
    known: &[FileEntry],
    stamps: Option<&DirStamps>,
) -> io::Result<Listing> {
    let (Corpus::Dir(root), Some(stamps)) = (corpus, stamps) else {
        return full(corpus);
    };
    if stamps.dirs.is_empty() || !folders_unchanged(root, stamps) {
        return full(corpus);
    }
    let files: Option<Vec<SourceFile>> = known
        .par_iter()
        .with_min_len(1024)
        .map(|f| {
            let meta = fs::metadata(root.join(&f.rel)).ok()?;
            meta.is_file().then(|| SourceFile {
                rel: f.rel.clone(),
                size: meta.len(),
                mtime_ns: mtime_ns(&meta),
            })
        })
        .collect();
    match files {
        Some(files) => Ok(Listing {
            files,
            dirs: stamps.dirs.clone(),
            listed_ns: stamps.listed_ns,
            quick: true,
            faults: Vec::new(),
        }),
        None => full(corpus),
    }
}

/// Whether every folder of `stamps` is still a folder with the time it had, and that
/// time was settled when it was recorded.
fn folders_unchanged(root: &Path, stamps: &DirStamps) -> bool {
    stamps.dirs.par_iter().with_min_len(256).all(|d| {
        d.mtime_ns.saturating_add(RACY_NS) < stamps.listed_ns
            && fs::metadata(root.join(&d.rel))
                .is_ok_and(|m| m.is_dir() && mtime_ns(&m) == d.mtime_ns)
    })
}

/// Files a thread of [`Check`] takes at a time.
const CHUNK: usize = 256;

/// Whether a corpus is as an index recorded it, checked beside other work: see the module's
/// documentation.
pub struct Check {
    work: Arc<CheckWork>,
    helper: Option<JoinHandle<()>>,
}

struct CheckWork {
    /// The corpus folder, open.
    root: fs::File,
    /// The recorded folders (checked first) …
    dirs: Vec<SourceDir>,
    /// … and files: where each one's relative path lies in `names`, its size and its
    /// modification time (the paths in one string: a copy of 50,000 paths as strings of
    /// their own cost more than the check of most of them).
    files: Vec<(std::ops::Range<usize>, u64, u128)>,
    names: String,
    /// The next item (folders, then files) a thread takes.
    next: AtomicUsize,
    /// Set by the first difference found; the threads then stop.
    changed: AtomicBool,
}

impl CheckWork {
    fn items(&self) -> usize {
        self.dirs.len() + self.files.len()
    }

    /// Whether item `i` is as recorded.
    fn same(&self, i: usize) -> bool {
        if let Some(d) = self.dirs.get(i) {
            return self
                .stat(&d.rel)
                .is_some_and(|(kind, _, mtime)| kind == SFlag::S_IFDIR && mtime == d.mtime_ns);
        }
        let Some((rel, size, mtime)) = self.files.get(i - self.dirs.len()) else {
            return true;
        };
        self.stat(&self.names[rel.clone()])
            .is_some_and(|s| s == (SFlag::S_IFREG, *size, *mtime))
    }

    /// The kind, size and modification time (as [`mtime_ns`] gives it) of a path under the
    /// root, links followed as [`fs::metadata`] does. Looked up from the root's descriptor:
    /// a path from `/` costs the kernel a lookup per folder on the way, a third of the
    /// check's time at 5,000 files (perf, 2026-12-05).
    fn stat(&self, rel: &str) -> Option<(SFlag, u64, u128)> {
        let rel = if rel.is_empty() { "." } else { rel };
        let st = fstatat(&self.root, rel, AtFlags::empty()).ok()?;
        let kind = SFlag::from_bits_truncate(st.st_mode) & SFlag::S_IFMT;
        let mtime = u128::try_from(st.st_mtime).map_or(0, |s| {
            s * 1_000_000_000 + u128::try_from(st.st_mtime_nsec).unwrap_or(0)
        });
        Some((kind, u64::try_from(st.st_size).ok()?, mtime))
    }

    /// Checks items until none are left or one differs.
    fn run(&self) {
        let n = self.items();
        while !self.changed.load(Ordering::Relaxed) {
            let from = self.next.fetch_add(CHUNK, Ordering::Relaxed);
            if from >= n {
                return;
            }
            if !(from..n.min(from + CHUNK)).all(|i| self.same(i)) {
                self.changed.store(true, Ordering::Relaxed);
            }
        }
    }
}

impl Check {
    /// Starts checking `known` (the index's files) and the folders of `stamps` on a thread
    /// of its own (one helper: the bench machine has two cores). `None` when only a listing
    /// can tell: the embedded demo, no folder times, or a folder whose time was not settled
    /// when it was recorded.
    #[must_use]
    pub fn start(
        corpus: &Corpus,
        known: &[FileEntry],
        stamps: Option<&DirStamps>,
    ) -> Option<Check> {
        let (Corpus::Dir(root), Some(stamps)) = (corpus, stamps) else {
            return None;
        };
        if stamps.dirs.is_empty() || !times_settled(&stamps.dirs, stamps.listed_ns) {
            return None;
        }
        let mut names = String::with_capacity(known.iter().map(|f| f.rel.len()).sum());
        let files = known
            .iter()
            .map(|f| {
                let at = names.len();
                names.push_str(&f.rel);
                (at..names.len(), f.size, f.mtime_ns)
            })
            .collect();
        let work = Arc::new(CheckWork {
            root: fs::File::open(root).ok()?,
            dirs: stamps.dirs.clone(),
            files,
            names,
            next: AtomicUsize::new(0),
            changed: AtomicBool::new(false),
        });
        let helper = (work.items() > CHUNK).then(|| {
            let w = work.clone();
            std::thread::spawn(move || w.run())
        });
        Some(Check { work, helper })
    }

    /// Helps with what is left, then says whether every folder and file is as recorded.
    #[must_use]
    pub fn finish(mut self) -> bool {
        self.work.run();
        if let Some(h) = self.helper.take() {
            // A helper that panicked proves nothing: count it as a change.
            if h.join().is_err() {
                return false;
            }
        }
        !self.work.changed.load(Ordering::Relaxed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(rel: &str) -> FileEntry {
        FileEntry {
            rel: rel.into(),
            size: 0,
            mtime_ns: 0,
            hash: 0,
            fnum: 0,
        }
    }

    /// Stamps as a full listing would record them, `age_s` seconds ago.
    fn settled(corpus: &Corpus, age_s: u64) -> (Vec<FileEntry>, DirStamps) {
        let l = full(corpus).unwrap();
        let known = l.files.iter().map(|f| entry(&f.rel)).collect();
        let stamps = DirStamps {
            stamp: 1,
            listed_ns: now_ns() + u128::from(age_s) * 1_000_000_000,
            dirs: l.dirs,
        };
        (known, stamps)
    }

    #[test]
    fn quick_listing_matches_the_full_one_and_notices_new_and_removed_files() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        fs::create_dir_all(root.join("省/市")).unwrap();
        fs::create_dir_all(root.join("空")).unwrap();
        fs::write(root.join("a.txt"), "甲").unwrap();
        fs::write(root.join("省/市/b.txt"), "乙").unwrap();
        fs::write(root.join("省/notes.md"), "not a report").unwrap();
        let corpus = Corpus::dir(root).unwrap();
        // Pretend the listing was taken well after the folders last changed.
        let (known, stamps) = settled(&corpus, 10);
        assert_eq!(stamps.dirs.len(), 4, "{:?}", stamps.dirs);
        let q = quick(&corpus, &known, Some(&stamps)).unwrap();
        assert!(q.quick);
        assert_eq!(q.files, full(&corpus).unwrap().files);
        // An append: still quick, and the new size shows.
        fs::write(root.join("省/市/b.txt"), "乙丙").unwrap();
        let q = quick(&corpus, &known, Some(&stamps)).unwrap();
        assert!(q.quick);
        assert_eq!(q.files, full(&corpus).unwrap().files);
        // A file added to a folder that held none: that folder's time moved.
        fs::write(root.join("空/c.txt"), "丁").unwrap();
        let q = quick(&corpus, &known, Some(&stamps)).unwrap();
        assert!(!q.quick);
        assert!(q.files.iter().any(|f| f.rel == "空/c.txt"));
        // A removed file.
        let (known, stamps) = settled(&corpus, 10);
        fs::remove_file(root.join("a.txt")).unwrap();
        let q = quick(&corpus, &known, Some(&stamps)).unwrap();
        assert!(!q.quick);
        assert!(!q.files.iter().any(|f| f.rel == "a.txt"));
    }

    /// The manifest's entries for the files of a full listing.
    fn recorded(corpus: &Corpus) -> Vec<FileEntry> {
        full(corpus)
            .unwrap()
            .files
            .into_iter()
            .map(|f| FileEntry {
                rel: f.rel,
                size: f.size,
                mtime_ns: f.mtime_ns,
                hash: 0,
                fnum: 0,
            })
            .collect()
    }

    #[test]
    fn the_check_beside_the_open_sees_every_kind_of_change() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        fs::create_dir_all(root.join("省/市")).unwrap();
        // More files than one chunk, so that the helper thread takes part.
        for i in 0..(2 * CHUNK + 7) {
            let dir = if i % 2 == 0 {
                root.join("省/市")
            } else {
                root.to_path_buf()
            };
            fs::write(dir.join(format!("{i:04}.txt")), "甲乙").unwrap();
        }
        let corpus = Corpus::dir(root).unwrap();
        let (_, stamps) = settled(&corpus, 10);
        let known = recorded(&corpus);
        let same = || {
            Check::start(&corpus, &known, Some(&stamps))
                .unwrap()
                .finish()
        };
        assert!(same());
        // Appended to: the size moved.
        let last = root.join("省/市").join(format!("{:04}.txt", 2 * CHUNK + 6));
        fs::write(&last, "甲乙丙").unwrap();
        assert!(!same());
        // Written again with the same size: the time moved.
        fs::write(&last, "甲乙").unwrap();
        let old = std::time::SystemTime::now() - std::time::Duration::from_secs(60);
        fs::File::options()
            .write(true)
            .open(&last)
            .unwrap()
            .set_modified(old)
            .unwrap();
        assert!(!same());
        // As recorded again: the same.
        let known = recorded(&corpus);
        assert!(
            Check::start(&corpus, &known, Some(&stamps))
                .unwrap()
                .finish()
        );
        // A file removed: its folder's time moved …
        let first = root.join("0001.txt");
        fs::remove_file(&first).unwrap();
        assert!(
            !Check::start(&corpus, &known, Some(&stamps))
                .unwrap()
                .finish()
        );
        // … and with the folder's time set back, the file is still missed, and a folder of
        // its name is not it.
        let put_back = || {
            let d = stamps.dirs.iter().find(|d| d.rel.is_empty()).unwrap();
            let t = UNIX_EPOCH + std::time::Duration::from_nanos(d.mtime_ns as u64);
            fs::File::open(root).unwrap().set_modified(t).unwrap();
        };
        put_back();
        assert!(
            !Check::start(&corpus, &known, Some(&stamps))
                .unwrap()
                .finish()
        );
        fs::create_dir(&first).unwrap();
        put_back();
        assert!(
            !Check::start(&corpus, &known, Some(&stamps))
                .unwrap()
                .finish()
        );
        // Back as it was: the same.
        fs::remove_dir(&first).unwrap();
        fs::write(&first, "甲乙").unwrap();
        put_back();
        let known = recorded(&corpus);
        assert!(
            Check::start(&corpus, &known, Some(&stamps))
                .unwrap()
                .finish()
        );
        // A file added: its folder's time moved.
        fs::write(root.join("新.txt"), "甲乙").unwrap();
        assert!(
            !Check::start(&corpus, &known, Some(&stamps))
                .unwrap()
                .finish()
        );
        // Folder times not settled when recorded, or none: only a listing can tell.
        let (_, fresh) = settled(&corpus, 0);
        assert!(Check::start(&corpus, &known, Some(&fresh)).is_none());
        assert!(Check::start(&corpus, &known, None).is_none());
        assert!(Check::start(&Corpus::Demo, &known, Some(&stamps)).is_none());
    }

    /// Sets a folder's modification time `ago` seconds back.
    fn age(dir: &Path, ago: u64) {
        let t = SystemTime::now() - std::time::Duration::from_secs(ago);
        fs::File::open(dir).unwrap().set_modified(t).unwrap();
    }

    #[test]
    fn a_listing_too_fresh_to_trust_is_settled_by_a_second_that_finds_the_same() {
        use std::borrow::Cow;
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        fs::create_dir_all(root.join("省")).unwrap();
        fs::write(root.join("a.txt"), "甲").unwrap();
        fs::write(root.join("省/b.txt"), "乙").unwrap();
        age(&root.join("省"), 10);
        age(root, 10);
        let corpus = Corpus::dir(root).unwrap();
        // Listed one second after the folders last changed (a corpus written just before
        // its build): too fresh to trust.
        let mut first = full(&corpus).unwrap();
        let newest = first.dirs.iter().map(|d| d.mtime_ns).max().unwrap();
        first.listed_ns = newest + 1_000_000_000;
        assert!(!times_settled(&first.dirs, first.listed_ns));
        let again = settle(&corpus, &first);
        assert!(matches!(again, Cow::Owned(_)), "listed again");
        assert!(times_settled(&again.dirs, again.listed_ns));
        assert_eq!(again.files, first.files);
        // A file the first listing missed, added in the same clock tick (its folder's time
        // unchanged): the first listing stays untrusted.
        fs::write(root.join("c.txt"), "丙").unwrap();
        age(root, 10);
        let kept = settle(&corpus, &first);
        assert!(matches!(kept, Cow::Borrowed(_)));
        // Folders that changed just now: too soon to tell, nothing is listed again.
        fs::write(root.join("d.txt"), "丁").unwrap();
        let fresh = full(&corpus).unwrap();
        assert!(matches!(settle(&corpus, &fresh), Cow::Borrowed(_)));
        // A listing already settled is recorded as it is.
        age(root, 10);
        let old = full(&corpus).unwrap();
        assert!(matches!(settle(&corpus, &old), Cow::Borrowed(_)));
        assert!(times_settled(&old.dirs, old.listed_ns));
    }

    #[test]
    fn folders_that_changed_just_before_the_listing_are_not_trusted() {
        let tmp = tempfile::tempdir().unwrap();
        fs::write(tmp.path().join("a.txt"), "甲").unwrap();
        let corpus = Corpus::dir(tmp.path()).unwrap();
        let (known, stamps) = settled(&corpus, 0);
        assert!(!quick(&corpus, &known, Some(&stamps)).unwrap().quick);
        assert!(!quick(&corpus, &known, None).unwrap().quick);
        let (known, stamps) = settled(&corpus, 10);
        assert!(quick(&corpus, &known, Some(&stamps)).unwrap().quick);
        // The demo has no folders to check.
        assert!(!quick(&Corpus::Demo, &known, Some(&stamps)).unwrap().quick);
    }
}

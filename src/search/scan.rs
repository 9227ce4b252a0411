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

use std::fs;
use std::io;
use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

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

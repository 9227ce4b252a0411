//! The directory a full build writes its index through: tantivy's memory-mapped
//! directory, except that finished files are not forced to the disk.
//!
//! The index is a cache of the corpus. tantivy's `MmapDirectory` calls `fdatasync` on
//! every file it finishes, and a build of 5000 reports (about 400 MB of index) then waits
//! for the disk, on the indexing threads and at the commit. What the build gives up is
//! durability across a power cut or an operating-system crash, never across a killed
//! process (the kernel keeps the written pages): after a power cut, a generation whose
//! files did not reach the disk is damaged, fails to open, and the next launch rebuilds
//! it, as for any damaged index. `meta.json` is still written atomically and synced, by
//! the wrapped directory.
//!
//! It also reads files with `pread` instead of mapping them. The build's reads are
//! tantivy's merges, which read their source segments through once: mapped, every page
//! they touch counted in the process's resident memory until the merge ends (a merge of
//! eight segments of a 50,000-report build mapped about 1 GB, most of the build's 1.4 GB
//! peak); read, the pages stay in the kernel's page cache, shared and reclaimable, and the
//! process holds only what tantivy keeps at once (a source segment's document store while
//! it is copied, tens of MB). Searches after a build open the index again, mapped.

use std::fs::{File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::ops::Range;
use std::os::unix::fs::FileExt as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use tantivy::HasLen;
use tantivy::directory::error::{
    DeleteError, LockError, OpenDirectoryError, OpenReadError, OpenWriteError,
};
use tantivy::directory::{
    AntiCallToken, Directory, DirectoryLock, FileHandle, Lock, MmapDirectory, OwnedBytes,
    TerminatingWrite, WatchCallback, WatchHandle, WritePtr,
};

/// [`MmapDirectory`] without `fdatasync` on the files it writes, reading with `pread`.
#[derive(Debug, Clone)]
pub struct NoSyncDirectory {
    inner: MmapDirectory,
    root: PathBuf,
}

impl NoSyncDirectory {
    /// The directory at `root`, which must exist.
    ///
    /// # Errors
    /// When `root` is not a readable directory.
    pub fn open(root: &Path) -> Result<NoSyncDirectory, OpenDirectoryError> {
        Ok(NoSyncDirectory {
            inner: MmapDirectory::open(root)?,
            root: root.to_path_buf(),
        })
    }
}

/// A file written through a buffer and, when tantivy is done with it, flushed to the
/// kernel only.
struct Unsynced(File);

impl Write for Unsynced {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}

impl TerminatingWrite for Unsynced {
    fn terminate_ref(&mut self, _: AntiCallToken) -> io::Result<()> {
        self.0.flush()
    }
}

/// A file tantivy reads: each read a `pread` into a buffer of its own.
#[derive(Debug)]
struct ReadFile {
    file: File,
    len: usize,
}

impl HasLen for ReadFile {
    fn len(&self) -> usize {
        self.len
    }
}

impl FileHandle for ReadFile {
    fn read_bytes(&self, range: Range<usize>) -> io::Result<OwnedBytes> {
        if range.end > self.len {
            return Err(io::ErrorKind::UnexpectedEof.into());
        }
        let mut buf = vec![0; range.len()];
        self.file.read_exact_at(&mut buf, range.start as u64)?;
        Ok(OwnedBytes::new(buf))
    }
}

impl Directory for NoSyncDirectory {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        let full = self.root.join(path);
        let file = File::open(&full).map_err(|e| {
            if e.kind() == io::ErrorKind::NotFound {
                OpenReadError::FileDoesNotExist(path.to_path_buf())
            } else {
                OpenReadError::wrap_io_error(e, path.to_path_buf())
            }
        })?;
        let len = file
            .metadata()
            .map_err(|e| OpenReadError::wrap_io_error(e, path.to_path_buf()))?
            .len();
        let len = usize::try_from(len)
            .map_err(|e| OpenReadError::wrap_io_error(io::Error::other(e), path.to_path_buf()))?;
        Ok(Arc::new(ReadFile { file, len }))
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        self.inner.delete(path)
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.inner.exists(path)
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        // As MmapDirectory does: a new file, never one that is there already.
        let file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(self.root.join(path))
            .map_err(|e| {
                if e.kind() == io::ErrorKind::AlreadyExists {
                    OpenWriteError::FileAlreadyExists(path.to_path_buf())
                } else {
                    OpenWriteError::wrap_io_error(e, path.to_path_buf())
                }
            })?;
        Ok(BufWriter::new(Box::new(Unsynced(file))))
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        self.inner.atomic_read(path)
    }

    fn atomic_write(&self, path: &Path, data: &[u8]) -> io::Result<()> {
        self.inner.atomic_write(path, data)
    }

    fn sync_directory(&self) -> io::Result<()> {
        Ok(())
    }

    fn acquire_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
        self.inner.acquire_lock(lock)
    }

    fn watch(&self, watch_callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.inner.watch(watch_callback)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::schema::{STORED, Schema, TEXT};
    use tantivy::{Index, TantivyDocument, doc};

    #[test]
    fn an_index_written_through_it_reads_back() {
        let dir = tempfile::tempdir().unwrap();
        let mut b = Schema::builder();
        let text = b.add_text_field("text", TEXT | STORED);
        let index = Index::create(
            NoSyncDirectory::open(dir.path()).unwrap(),
            b.build(),
            tantivy::IndexSettings::default(),
        )
        .unwrap();
        let mut w: tantivy::IndexWriter<TantivyDocument> = index.writer(15_000_000).unwrap();
        w.add_document(doc!(text => "hello world")).unwrap();
        w.add_document(doc!(text => "other words")).unwrap();
        w.commit().unwrap();
        drop(w);
        // Read back through it (pread), as the build's merges do.
        let searcher = index.reader().unwrap().searcher();
        assert_eq!(searcher.num_docs(), 2);
        assert!(index.validate_checksum().unwrap().is_empty());
        let nd = NoSyncDirectory::open(dir.path()).unwrap();
        let meta = nd.get_file_handle(Path::new("meta.json")).unwrap();
        assert_eq!(meta.read_bytes(0..0).unwrap().len(), 0);
        assert!(meta.read_bytes(0..meta.len() + 1).is_err(), "past the end");
        assert!(matches!(
            nd.get_file_handle(Path::new("missing.idx")),
            Err(OpenReadError::FileDoesNotExist(_))
        ));
        // Opened again as a plain directory, as a later launch does.
        let again = Index::open_in_dir(dir.path()).unwrap();
        let searcher = again.reader().unwrap().searcher();
        assert_eq!(searcher.num_docs(), 2);
        assert!(again.validate_checksum().unwrap().is_empty());
        // A file is never overwritten.
        let name = Path::new("meta.json");
        let nd = NoSyncDirectory::open(dir.path()).unwrap();
        assert!(matches!(
            nd.open_write(name),
            Err(OpenWriteError::FileAlreadyExists(_))
        ));
    }
}

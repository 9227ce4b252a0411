//! What the analyses need of each report's text, computed once and cached beside the
//! index (`analysis/` in the corpus's data folder):
//!
//! - `profile.bin`: per report (catalog order) its content key, how many words were
//!   counted in it, and its glossary entries; small, read by keywords, diffs and the
//!   glossary (a trend needs none of it: the catalog has each report's characters);
//! - `words.bin`: the vocabulary (each word with its count over the corpus and the number
//!   of reports it occurs in) and, per report, its word counts, each report's list
//!   readable on its own, so keywords read the vocabulary and one list.
//!
//! The cache is keyed on each report's content ([`Engine::content_keys`]) and on the
//! user dictionary's hash: a changed file is segmented again (the others are kept), a
//! changed dictionary rebuilds all of it, and [`Profiles::rebuilt`] says why.
//!
//! Measured and dropped (2026-12-05, 200 reports of the 5000-report bench corpus, one
//! thread, three rounds): counting each report's precise words from the index build's own
//! search-mode segmentation (the tokens no longer token covers) took the segmentation
//! from 0.24-0.25 s to 0.39-0.40 s of CPU, about 3.8 s more at 5000 reports on a build of
//! 24.9 s CPU (+15%, on a build already over its time goal), to save a one-off 15.5 s of
//! CPU here; this separate pass (precise cut alone) is 0.33 s per 200 reports, the rest is
//! parsing the files again.

use std::fs::File;
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use super::AnalysisError;
use super::words::words;
use crate::corpus::{self, GlossaryEntry, Overrides, Report};
use crate::search::{Engine, SearchError, Segmenter, corpus_dir};

const PROFILE_MAGIC: &[u8; 8] = b"GWRPROF2";
const WORDS_MAGIC: &[u8; 8] = b"GWRWORD1";

/// A word of the corpus.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VocabEntry {
    pub word: String,
    /// Occurrences over the whole corpus.
    pub total: u64,
    /// Reports it occurs in.
    pub reports: u32,
}

/// A hash of how words are counted (the segmenter's source): a change recomputes them.
fn counting_version() -> u64 {
    twox_hash::XxHash64::oneshot(1, include_str!("words.rs").as_bytes())
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct Summary {
    /// [`counting_version`] when written.
    counting: u64,
    dictionary: u64,
    keys: Vec<u64>,
    tokens: Vec<u64>,
    glossary: Vec<Vec<GlossaryEntry>>,
    /// Length of `words.bin` when it was written with this summary.
    words_len: u64,
}

/// The per-report values of a corpus, by catalog position.
pub struct Profiles {
    summary: Summary,
    words_path: PathBuf,
    /// Why the cache was (re)built this time (None: it was up to date).
    pub rebuilt: Option<String>,
}

/// One report's values, computed from its text.
struct Computed {
    words: Vec<(String, u32)>,
    glossary: Vec<GlossaryEntry>,
}

/// A report's word counts, sorted by word.
#[must_use]
pub fn word_counts(seg: &Segmenter, report: &Report) -> Vec<(String, u32)> {
    let mut m: FxHashMap<String, u32> = FxHashMap::default();
    for p in &report.paragraphs {
        words(seg, &p.text, |w| {
            if let Some(c) = m.get_mut(w) {
                *c += 1;
            } else {
                m.insert(w.to_string(), 1);
            }
        });
    }
    let mut v: Vec<(String, u32)> = m.into_iter().collect();
    v.sort_unstable();
    v
}

fn compute(seg: &Segmenter, report: &Report) -> Computed {
    Computed {
        words: word_counts(seg, report),
        glossary: report.glossary.clone(),
    }
}

fn framed(magic: [u8; 8], body: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(body.len() + 16);
    out.extend_from_slice(&magic);
    out.extend_from_slice(&twox_hash::XxHash64::oneshot(0, body).to_le_bytes());
    out.extend_from_slice(body);
    out
}

fn unframed(magic: [u8; 8], bytes: &[u8]) -> Option<&[u8]> {
    if bytes.len() < 16 || bytes[..8] != magic {
        return None;
    }
    let sum = u64::from_le_bytes(bytes[8..16].try_into().ok()?);
    let body = &bytes[16..];
    (twox_hash::XxHash64::oneshot(0, body) == sum).then_some(body)
}

/// A temporary name beside `path` of this write's own: two writers of one process (the
/// TUI's analysis worker and another thread computing the same cache) must not share a
/// temporary file, or one renames it from under the other.
fn temporary(path: &Path) -> PathBuf {
    static WRITES: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = WRITES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    path.with_extension(format!("tmp{}-{n}", std::process::id()))
}

fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), AnalysisError> {
    let err = |source| AnalysisError::Write {
        path: path.to_path_buf(),
        source,
    };
    let tmp = temporary(path);
    let mut f = File::create(&tmp).map_err(err)?;
    f.write_all(bytes).map_err(err)?;
    drop(f);
    std::fs::rename(&tmp, path).map_err(err)
}

fn read_u64(f: &mut File) -> std::io::Result<u64> {
    let mut b = [0u8; 8];
    f.read_exact(&mut b)?;
    Ok(u64::from_le_bytes(b))
}

fn damaged(path: &Path, what: impl std::fmt::Display) -> AnalysisError {
    AnalysisError::Damaged {
        path: path.to_path_buf(),
        reason: what.to_string(),
    }
}

impl Profiles {
    /// The profiles of the engine's corpus, from the cache under `data_dir` when it is up
    /// to date, else computed (the changed reports only, unless the dictionary changed),
    /// with `progress(done, total)` in reports. Words are segmented as the index
    /// segments them ([`Engine::segmenter`], with the user dictionary it was opened with).
    ///
    /// # Errors
    /// When a report can no longer be read, or the cache cannot be written.
    pub fn open(
        engine: &Engine,
        data_dir: &Path,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<Profiles, AnalysisError> {
        let seg = engine.segmenter();
        let dir = corpus_dir(engine.corpus(), data_dir).join("analysis");
        let profile_path = dir.join("profile.bin");
        let words_path = dir.join("words.bin");
        let keys = engine.content_keys();
        let old = std::fs::read(&profile_path)
            .ok()
            .and_then(|b| postcard::from_bytes::<Summary>(unframed(*PROFILE_MAGIC, &b)?).ok());
        let words_len = std::fs::metadata(&words_path).map_or(0, |m| m.len());
        let reason = match &old {
            None => "no analysis cache yet".to_string(),
            Some(s) if s.words_len != words_len => "the analysis cache is incomplete".into(),
            Some(s) if s.counting != counting_version() => "gwr counts words differently".into(),
            Some(s) if s.dictionary != seg.hash() => "the user dictionary changed".into(),
            Some(s) if s.keys != keys => "reports changed".into(),
            Some(_) => String::new(),
        };
        if let (Some(summary), true) = (old.clone(), reason.is_empty()) {
            return Ok(Profiles {
                summary,
                words_path,
                rebuilt: None,
            });
        }
        // Keep what is still valid: the same content, segmented with the same dictionary.
        // Kept lists are read back one chunk at a time as they are written again.
        let old_profiles = old
            .filter(|s| {
                s.dictionary == seg.hash()
                    && s.words_len == words_len
                    && s.counting == counting_version()
            })
            .map(|summary| Profiles {
                summary,
                words_path: words_path.clone(),
                rebuilt: None,
            });
        let old_vocab = old_profiles.as_ref().and_then(|p| p.vocab().ok());
        let mut kept: FxHashMap<u64, usize> = FxHashMap::default();
        if let (Some(p), Some(_)) = (&old_profiles, &old_vocab) {
            for (i, k) in p.summary.keys.iter().enumerate() {
                kept.insert(*k, i);
            }
        }
        let overrides = Overrides::load(engine.corpus()).map_err(SearchError::from)?;
        let reports = engine.reports();
        let total = reports.len();
        let mut slots: Vec<Slot> = keys
            .iter()
            .map(|k| kept.get(k).map_or(Slot::Todo, |&i| Slot::Kept(i)))
            .collect();
        let todo: Vec<usize> = (0..total)
            .filter(|&i| matches!(slots[i], Slot::Todo))
            .collect();
        let mut done = total - todo.len();
        progress(done, total);
        std::fs::create_dir_all(&dir).map_err(|source| AnalysisError::Write {
            path: dir.clone(),
            source,
        })?;
        let mut writer = WordsWriter::new(&words_path)?;
        let old = old_profiles.as_ref().zip(old_vocab.as_deref());
        writer.drain(&mut slots, old)?;
        for chunk in todo.chunks(64) {
            let computed: Vec<Result<Computed, AnalysisError>> = chunk
                .par_iter()
                .map(|&i| {
                    let rel = &reports[i].meta.file;
                    let r = corpus::load_file(engine.corpus(), rel, &overrides)
                        .map_err(SearchError::Unreadable)?;
                    Ok(compute(seg, &r))
                })
                .collect();
            for (&i, c) in chunk.iter().zip(computed) {
                slots[i] = Slot::Computed(c?);
            }
            writer.drain(&mut slots, old)?;
            done += chunk.len();
            progress(done, total);
        }
        let (words_len, tokens, glossary) = writer.finish(&words_path)?;
        let summary = Summary {
            counting: counting_version(),
            dictionary: seg.hash(),
            keys: keys.to_vec(),
            tokens,
            glossary,
            words_len,
        };
        let body = postcard::to_stdvec(&summary)?;
        write_atomic(&profile_path, &framed(*PROFILE_MAGIC, &body))?;
        Ok(Profiles {
            summary,
            words_path,
            rebuilt: Some(reason),
        })
    }

    /// Words counted in each report (catalog order).
    #[must_use]
    pub fn tokens(&self) -> &[u64] {
        &self.summary.tokens
    }

    /// Glossary entries of each report (catalog order).
    #[must_use]
    pub fn glossary(&self) -> &[Vec<GlossaryEntry>] {
        &self.summary.glossary
    }

    /// The vocabulary of the corpus (word ids index it).
    ///
    /// # Errors
    /// When `words.bin` cannot be read.
    pub fn vocab(&self) -> Result<Vec<VocabEntry>, AnalysisError> {
        let path = &self.words_path;
        let read = || -> std::io::Result<Vec<u8>> {
            let mut f = File::open(path)?;
            let mut head = [0u8; 16];
            f.read_exact(&mut head)?;
            let len = read_u64(&mut f)?;
            let mut body = vec![0u8; len as usize];
            f.read_exact(&mut body)?;
            Ok(body)
        };
        let body = read().map_err(|e| damaged(path, e))?;
        postcard::from_bytes(&body).map_err(|e| damaged(path, e))
    }

    /// The word counts of the reports at these catalog positions: (word id, count),
    /// sorted by word id.
    ///
    /// # Errors
    /// When `words.bin` cannot be read.
    pub fn words(&self, reports: &[usize]) -> Result<Vec<Vec<(u32, u32)>>, AnalysisError> {
        let path = &self.words_path;
        let n = self.summary.keys.len();
        let read = || -> std::io::Result<Vec<Vec<u8>>> {
            let mut f = File::open(path)?;
            f.seek(SeekFrom::Start(16))?;
            let vocab_len = read_u64(&mut f)?;
            let table = 24 + vocab_len;
            let blobs = table + 8 * (n as u64 + 1);
            let mut out = Vec::with_capacity(reports.len());
            for &i in reports {
                f.seek(SeekFrom::Start(table + 8 * i as u64))?;
                let (a, b) = (read_u64(&mut f)?, read_u64(&mut f)?);
                let mut buf = vec![0u8; b.saturating_sub(a) as usize];
                f.seek(SeekFrom::Start(blobs + a))?;
                f.read_exact(&mut buf)?;
                out.push(buf);
            }
            Ok(out)
        };
        let raw = read().map_err(|e| damaged(path, e))?;
        raw.iter()
            .map(|b| postcard::from_bytes(b).map_err(|e| damaged(path, e)))
            .collect()
    }
}

impl Profiles {
    /// The word counts of the reports at these catalog positions, as words: (word,
    /// count), sorted by word id.
    ///
    /// # Errors
    /// When `words.bin` cannot be read.
    pub fn word_counts(&self, reports: &[usize]) -> Result<Vec<Vec<(String, u32)>>, AnalysisError> {
        let vocab = self.vocab()?;
        Ok(self
            .words(reports)?
            .into_iter()
            .map(|l| {
                l.into_iter()
                    .filter_map(|(id, c)| Some((vocab.get(id as usize)?.word.clone(), c)))
                    .collect()
            })
            .collect())
    }
}

/// A report's place in a recount: its words still to count, counted, or kept from the
/// last count (its position there).
enum Slot {
    Todo,
    Computed(Computed),
    Kept(usize),
    Written,
}

/// `words.bin` (magic and checksum of the vocabulary, its length and the vocabulary, then
/// `n + 1` offsets and each report's list) written as the reports are counted, in catalog
/// order: each report's list is interned and goes to a temporary file at once, so that
/// counting holds the vocabulary and one chunk of reports, not every report's words.
/// Holding them all as strings took a TUI on 5,000 reports to 549 MB resident after its
/// first count (the allocator kept the freed memory; 2026-12-05), ten times that at 50,000.
struct WordsWriter {
    ids: FxHashMap<String, u32>,
    vocab: Vec<VocabEntry>,
    lists: std::io::BufWriter<File>,
    lists_path: PathBuf,
    /// Where each written list ends in `lists`.
    ends: Vec<u64>,
    tokens: Vec<u64>,
    glossary: Vec<Vec<GlossaryEntry>>,
}

impl WordsWriter {
    fn new(words_path: &Path) -> Result<WordsWriter, AnalysisError> {
        let lists_path = temporary(words_path);
        let file = File::create(&lists_path).map_err(|source| AnalysisError::Write {
            path: lists_path.clone(),
            source,
        })?;
        Ok(WordsWriter {
            ids: FxHashMap::default(),
            vocab: Vec::new(),
            lists: std::io::BufWriter::new(file),
            lists_path,
            ends: Vec::new(),
            tokens: Vec::new(),
            glossary: Vec::new(),
        })
    }

    fn write_err(&self, source: std::io::Error) -> AnalysisError {
        AnalysisError::Write {
            path: self.lists_path.clone(),
            source,
        }
    }

    /// Adds the next report's words (sorted by word) and glossary.
    fn push<'a>(
        &mut self,
        words: impl Iterator<Item = (&'a str, u32)>,
        glossary: Vec<GlossaryEntry>,
    ) -> Result<(), AnalysisError> {
        let mut list = Vec::new();
        let mut total = 0u64;
        for (w, c) in words {
            let id = if let Some(&id) = self.ids.get(w) {
                id
            } else {
                let id = self.vocab.len() as u32;
                self.vocab.push(VocabEntry {
                    word: w.to_string(),
                    total: 0,
                    reports: 0,
                });
                self.ids.insert(w.to_string(), id);
                id
            };
            let e = &mut self.vocab[id as usize];
            e.total += u64::from(c);
            e.reports += 1;
            total += u64::from(c);
            list.push((id, c));
        }
        list.sort_unstable();
        let blob = postcard::to_stdvec(&list)?;
        self.lists.write_all(&blob).map_err(|e| self.write_err(e))?;
        let end = self.ends.last().copied().unwrap_or(0) + blob.len() as u64;
        self.ends.push(end);
        self.tokens.push(total);
        self.glossary.push(glossary);
        Ok(())
    }

    /// Writes the reports whose words are ready, from the next one on, in order; kept ones
    /// are read back from the last count (`old`: its profiles and vocabulary).
    fn drain(
        &mut self,
        slots: &mut [Slot],
        old: Option<(&Profiles, &[VocabEntry])>,
    ) -> Result<(), AnalysisError> {
        let mut next = self.ends.len();
        while next < slots.len() {
            // The run of kept reports from here, read back in one go (at most 64).
            let kept: Vec<usize> = slots[next..]
                .iter()
                .take(64)
                .map_while(|s| match s {
                    Slot::Kept(i) => Some(*i),
                    _ => None,
                })
                .collect();
            if let (false, Some((profiles, vocab))) = (kept.is_empty(), old) {
                let lists = profiles.words(&kept)?;
                for (list, &i) in lists.iter().zip(&kept) {
                    let words = list
                        .iter()
                        .filter_map(|&(id, c)| Some((vocab.get(id as usize)?.word.as_str(), c)));
                    let glossary = profiles
                        .summary
                        .glossary
                        .get(i)
                        .cloned()
                        .unwrap_or_default();
                    self.push(words, glossary)?;
                    slots[next] = Slot::Written;
                    next += 1;
                }
                continue;
            }
            match std::mem::replace(&mut slots[next], Slot::Written) {
                Slot::Computed(c) => {
                    self.push(c.words.iter().map(|(w, n)| (w.as_str(), *n)), c.glossary)?;
                    next += 1;
                }
                other => {
                    slots[next] = other;
                    break;
                }
            }
        }
        Ok(())
    }

    /// Writes `words.bin` (replacing it at once); its length, and each report's count of
    /// words and glossary.
    #[allow(clippy::type_complexity)]
    fn finish(
        mut self,
        words_path: &Path,
    ) -> Result<(u64, Vec<u64>, Vec<Vec<GlossaryEntry>>), AnalysisError> {
        self.lists.flush().map_err(|e| self.write_err(e))?;
        let vocab_bytes = postcard::to_stdvec(&self.vocab)?;
        let mut head = Vec::with_capacity(24 + vocab_bytes.len() + 8 * (self.ends.len() + 1));
        head.extend_from_slice(WORDS_MAGIC);
        head.extend_from_slice(&twox_hash::XxHash64::oneshot(0, &vocab_bytes).to_le_bytes());
        head.extend_from_slice(&(vocab_bytes.len() as u64).to_le_bytes());
        head.extend_from_slice(&vocab_bytes);
        head.extend_from_slice(&0u64.to_le_bytes());
        for end in &self.ends {
            head.extend_from_slice(&end.to_le_bytes());
        }
        let err = |source| AnalysisError::Write {
            path: words_path.to_path_buf(),
            source,
        };
        let tmp = temporary(words_path);
        let mut out = std::io::BufWriter::new(File::create(&tmp).map_err(err)?);
        out.write_all(&head).map_err(err)?;
        let mut lists = File::open(&self.lists_path).map_err(err)?;
        std::io::copy(&mut lists, &mut out).map_err(err)?;
        out.into_inner().map_err(|e| err(e.into_error()))?;
        let len = head.len() as u64 + self.ends.last().copied().unwrap_or(0);
        std::fs::rename(&tmp, words_path).map_err(err)?;
        // The list file goes when `self` is dropped.
        Ok((
            len,
            std::mem::take(&mut self.tokens),
            std::mem::take(&mut self.glossary),
        ))
    }
}

impl Drop for WordsWriter {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.lists_path);
    }
}

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

fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), AnalysisError> {
    // A name of this write's own: two writers of one process (the TUI's analysis worker
    // and another thread computing the same cache) must not share a temporary file, or
    // one renames it from under the other.
    static WRITES: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let err = |source| AnalysisError::Write {
        path: path.to_path_buf(),
        source,
    };
    let n = WRITES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let tmp = path.with_extension(format!("tmp{}-{n}", std::process::id()));
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
        let mut kept: FxHashMap<u64, Computed> = FxHashMap::default();
        if let Some(s) = old.filter(|s| {
            s.dictionary == seg.hash()
                && s.words_len == words_len
                && s.counting == counting_version()
        }) {
            let lists = read_all_words(&words_path, s.keys.len()).unwrap_or_default();
            if lists.len() == s.keys.len() {
                for (i, words) in lists.into_iter().enumerate() {
                    kept.insert(
                        s.keys[i],
                        Computed {
                            words,
                            glossary: s.glossary[i].clone(),
                        },
                    );
                }
            }
        }
        let overrides = Overrides::load(engine.corpus()).map_err(SearchError::from)?;
        let reports = engine.reports();
        let total = reports.len();
        let mut done_values: Vec<Option<Computed>> = (0..total).map(|_| None).collect();
        for (i, k) in keys.iter().enumerate() {
            done_values[i] = kept.remove(k);
        }
        let todo: Vec<usize> = (0..total).filter(|&i| done_values[i].is_none()).collect();
        let mut done = total - todo.len();
        progress(done, total);
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
                done_values[i] = Some(c?);
            }
            done += chunk.len();
            progress(done, total);
        }
        let values: Vec<Computed> = done_values.into_iter().flatten().collect();
        std::fs::create_dir_all(&dir).map_err(|source| AnalysisError::Write {
            path: dir.clone(),
            source,
        })?;
        let words_bytes = encode_words(&values)?;
        write_atomic(&words_path, &words_bytes)?;
        let summary = Summary {
            counting: counting_version(),
            dictionary: seg.hash(),
            keys: keys.to_vec(),
            tokens: values
                .iter()
                .map(|v| v.words.iter().map(|w| u64::from(w.1)).sum())
                .collect(),
            glossary: values.into_iter().map(|v| v.glossary).collect(),
            words_len: words_bytes.len() as u64,
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

/// `words.bin`: magic and checksum of the vocabulary, its length and the vocabulary,
/// then `n + 1` offsets and each report's list.
fn encode_words(values: &[Computed]) -> Result<Vec<u8>, AnalysisError> {
    let mut ids: FxHashMap<&str, u32> = FxHashMap::default();
    let mut vocab: Vec<VocabEntry> = Vec::new();
    let mut lists: Vec<Vec<(u32, u32)>> = Vec::with_capacity(values.len());
    for v in values {
        let mut list = Vec::with_capacity(v.words.len());
        for (w, c) in &v.words {
            let id = *ids.entry(w.as_str()).or_insert_with(|| {
                vocab.push(VocabEntry {
                    word: w.clone(),
                    total: 0,
                    reports: 0,
                });
                (vocab.len() - 1) as u32
            });
            let e = &mut vocab[id as usize];
            e.total += u64::from(*c);
            e.reports += 1;
            list.push((id, *c));
        }
        list.sort_unstable();
        lists.push(list);
    }
    let vocab_bytes = postcard::to_stdvec(&vocab)?;
    let mut out = Vec::new();
    out.extend_from_slice(WORDS_MAGIC);
    out.extend_from_slice(&twox_hash::XxHash64::oneshot(0, &vocab_bytes).to_le_bytes());
    out.extend_from_slice(&(vocab_bytes.len() as u64).to_le_bytes());
    out.extend_from_slice(&vocab_bytes);
    let blobs: Vec<Vec<u8>> = lists
        .iter()
        .map(postcard::to_stdvec)
        .collect::<Result<_, _>>()?;
    let mut at = 0u64;
    out.extend_from_slice(&at.to_le_bytes());
    for b in &blobs {
        at += b.len() as u64;
        out.extend_from_slice(&at.to_le_bytes());
    }
    for b in &blobs {
        out.extend_from_slice(b);
    }
    Ok(out)
}

/// Every report's word counts as words (to keep them across a rebuild).
fn read_all_words(path: &Path, n: usize) -> Option<Vec<Vec<(String, u32)>>> {
    let bytes = std::fs::read(path).ok()?;
    if bytes.len() < 24 || &bytes[..8] != WORDS_MAGIC {
        return None;
    }
    let vocab_len = u64::from_le_bytes(bytes[16..24].try_into().ok()?) as usize;
    let vocab_bytes = bytes.get(24..24 + vocab_len)?;
    let sum = u64::from_le_bytes(bytes[8..16].try_into().ok()?);
    if twox_hash::XxHash64::oneshot(0, vocab_bytes) != sum {
        return None;
    }
    let vocab: Vec<VocabEntry> = postcard::from_bytes(vocab_bytes).ok()?;
    let table = 24 + vocab_len;
    let blobs = table + 8 * (n + 1);
    let off = |i: usize| -> Option<usize> {
        Some(u64::from_le_bytes(
            bytes
                .get(table + 8 * i..table + 8 * i + 8)?
                .try_into()
                .ok()?,
        ) as usize)
    };
    (0..n)
        .map(|i| {
            let b = bytes.get(blobs + off(i)?..blobs + off(i + 1)?)?;
            let list: Vec<(u32, u32)> = postcard::from_bytes(b).ok()?;
            list.into_iter()
                .map(|(id, c)| Some((vocab.get(id as usize)?.word.clone(), c)))
                .collect()
        })
        .collect()
}

//! jieba as the index and the analyses use it: gwr's policy terms
//! ([`super::tokenizer::USER_WORDS`]) and, when the config names one, the user's
//! dictionary (`dictionary = "FILE"`, jieba's format: a word a line, then optionally its
//! frequency and its part of speech, separated by spaces).
//!
//! The file is read and checked when the engine opens (a bad line is an error naming the
//! file and the line); the jieba with its words is made on first use, from a copy of the
//! standard one. Everything segmented with it is keyed on [`Segmenter::hash`]: the index
//! records it in its manifest and is rebuilt when it changes, and so are the analyses'
//! word counts.

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use jieba_rs::Jieba;

use super::SearchError;
use super::normalize::normalize;
use super::tokenizer;

/// The words of a user dictionary file, as read.
#[derive(Debug, Clone)]
struct UserWords {
    file: PathBuf,
    /// xxh64 of the file's bytes.
    hash: u64,
    /// (word normalised, frequency, part of speech) a line.
    words: Vec<(String, Option<usize>, Option<String>)>,
}

/// jieba with the policy terms, and the user's dictionary if there is one.
#[derive(Default)]
pub struct Segmenter {
    user: Option<UserWords>,
    /// jieba with the user's words, once made.
    own: OnceLock<Jieba>,
    /// Set when the background load has been started.
    preload: OnceLock<()>,
}

impl std::fmt::Debug for Segmenter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Segmenter")
            .field("file", &self.file())
            .field("hash", &self.hash())
            .finish_non_exhaustive()
    }
}

impl Segmenter {
    /// jieba without a user dictionary (gwr's policy terms only).
    #[must_use]
    pub fn standard() -> Segmenter {
        Segmenter::default()
    }

    /// jieba with the user dictionary `file` added.
    ///
    /// # Errors
    /// [`SearchError::Dictionary`] when the file cannot be read or a line is malformed
    /// (the error names the file and the line).
    pub fn with_dictionary(file: &Path) -> Result<Segmenter, SearchError> {
        let bad = |reason: String| SearchError::Dictionary {
            path: file.to_path_buf(),
            reason,
        };
        let bytes = std::fs::read(file).map_err(|e| bad(format!("cannot read it: {e}")))?;
        let text = std::str::from_utf8(&bytes)
            .map_err(|e| bad(format!("not UTF-8 text ({e}): save it as UTF-8")))?;
        let mut words = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let mut parts = line.split_whitespace();
            let Some(word) = parts.next() else { continue };
            let freq = match parts.next() {
                None => None,
                Some(f) => Some(f.parse::<usize>().map_err(|_| {
                    bad(format!(
                        "line {}: frequency `{f}` is not a whole number; each line is `word [frequency] [tag]`",
                        n + 1
                    ))
                })?),
            };
            words.push((normalize(word), freq, parts.next().map(str::to_string)));
        }
        Ok(Segmenter {
            user: Some(UserWords {
                file: file.to_path_buf(),
                hash: twox_hash::XxHash64::oneshot(0, &bytes),
                words,
            }),
            ..Segmenter::default()
        })
    }

    /// The segmenter the config asks for.
    ///
    /// # Errors
    /// As [`Segmenter::with_dictionary`].
    pub fn from_config(dictionary: Option<&Path>) -> Result<Segmenter, SearchError> {
        dictionary.map_or_else(|| Ok(Segmenter::standard()), Segmenter::with_dictionary)
    }

    /// xxh64 of the user dictionary file (0: none).
    #[must_use]
    pub fn hash(&self) -> u64 {
        self.user.as_ref().map_or(0, |u| u.hash)
    }

    /// The user dictionary file, if any.
    #[must_use]
    pub fn file(&self) -> Option<&Path> {
        self.user.as_ref().map(|u| u.file.as_path())
    }

    /// jieba with the user's words (made on first use: a copy of the standard jieba,
    /// which loads its own dictionary on first use, about 80 ms).
    pub fn jieba(&self) -> &Jieba {
        let Some(user) = &self.user else {
            return tokenizer::jieba();
        };
        self.own.get_or_init(|| {
            let mut j = tokenizer::jieba().clone();
            // Word by word: jieba-rs's own `load_dict` resets the dictionary's total
            // frequency, which would skew every segmentation towards short words.
            for (word, freq, tag) in &user.words {
                j.add_word(word, *freq, tag.as_deref());
            }
            j
        })
    }

    /// jieba if it is made already.
    pub fn jieba_if_ready(&self) -> Option<&Jieba> {
        match &self.user {
            None => tokenizer::jieba_if_ready(),
            Some(_) => self.own.get(),
        }
    }

    /// Starts making jieba on a background thread (once).
    pub fn preload(self: &Arc<Self>) {
        self.preload.get_or_init(|| {
            let me = self.clone();
            std::thread::spawn(move || {
                me.jieba();
            });
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn precise(s: &Segmenter, text: &str) -> Vec<String> {
        s.jieba()
            .cut(text, false)
            .into_iter()
            .map(|t| t.word.to_string())
            .collect()
    }

    #[test]
    fn a_user_dictionary_keeps_its_words_whole() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("dict.txt");
        let text = "推动新一代信息技术产业集群发展";
        let before = precise(&Segmenter::standard(), text);
        assert!(
            !before.iter().any(|w| w == "信息技术产业集群"),
            "{before:?}"
        );
        // A full-width word is normalised as the text is.
        std::fs::write(&file, "信息技术产业集群 1000 n\n\n  \nＡＩ＋ 5\n").unwrap();
        let s = Segmenter::with_dictionary(&file).unwrap();
        assert_ne!(s.hash(), 0);
        assert_eq!(s.file(), Some(file.as_path()));
        let after = precise(&s, text);
        assert!(after.iter().any(|w| w == "信息技术产业集群"), "{after:?}");
        assert_eq!(Segmenter::standard().hash(), 0);
    }

    #[test]
    fn a_bad_dictionary_names_the_file_and_line() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("dict.txt");
        std::fs::write(&file, "新质生产力 100\n新质生产力 many n\n").unwrap();
        let e = Segmenter::with_dictionary(&file).err().unwrap().to_string();
        assert!(e.contains("dict.txt") && e.contains("line 2"), "{e}");
        let e = Segmenter::with_dictionary(&dir.path().join("none.txt"))
            .err()
            .unwrap()
            .to_string();
        assert!(e.contains("none.txt") && e.contains("cannot read"), "{e}");
        std::fs::write(&file, b"\xff\xfe").unwrap();
        let e = Segmenter::with_dictionary(&file).err().unwrap().to_string();
        assert!(e.contains("UTF-8"), "{e}");
    }
}

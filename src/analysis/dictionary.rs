//! The segmenter of the analyses: jieba with gwr's policy terms
//! ([`crate::search::tokenizer::USER_WORDS`]) and, when the config names one, the user's
//! dictionary (`dictionary = "FILE"`, jieba's format: a word a line, then optionally its
//! frequency and its part of speech, separated by spaces).
//!
//! What depends on the segmentation (the cached word counts of [`super::profile`]) is
//! keyed on [`Segmenter::hash`], so changing the file rebuilds it.

use std::path::{Path, PathBuf};

use jieba_rs::Jieba;

use super::AnalysisError;
use crate::search::normalize;
use crate::search::tokenizer::jieba;

/// jieba with the user's dictionary, or the engine's own jieba when there is none.
pub struct Segmenter {
    own: Option<Jieba>,
    /// xxh64 of the dictionary file (0: none).
    pub hash: u64,
    /// The dictionary file, if any.
    pub file: Option<PathBuf>,
}

impl Segmenter {
    /// jieba without a user dictionary (gwr's policy terms only).
    #[must_use]
    pub fn standard() -> Segmenter {
        Segmenter {
            own: None,
            hash: 0,
            file: None,
        }
    }

    /// jieba with the user dictionary `file` added.
    ///
    /// # Errors
    /// [`AnalysisError::Dictionary`] when the file cannot be read or a line is malformed
    /// (the error names the file and the line).
    pub fn with_dictionary(file: &Path) -> Result<Segmenter, AnalysisError> {
        let bad = |reason: String| AnalysisError::Dictionary {
            path: file.to_path_buf(),
            reason,
        };
        let bytes = std::fs::read(file).map_err(|e| bad(format!("cannot read it: {e}")))?;
        let text = std::str::from_utf8(&bytes)
            .map_err(|e| bad(format!("not UTF-8 text ({e}): save it as UTF-8")))?;
        let mut j = jieba().clone();
        // Word by word: jieba-rs's own `load_dict` resets the dictionary's total
        // frequency, which would skew every segmentation towards short words.
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
            j.add_word(&normalize(word), freq, parts.next());
        }
        Ok(Segmenter {
            own: Some(j),
            hash: twox_hash::XxHash64::oneshot(0, &bytes),
            file: Some(file.to_path_buf()),
        })
    }

    /// The segmenter the config asks for.
    ///
    /// # Errors
    /// As [`Segmenter::with_dictionary`].
    pub fn from_config(dictionary: Option<&Path>) -> Result<Segmenter, AnalysisError> {
        dictionary.map_or_else(|| Ok(Segmenter::standard()), Segmenter::with_dictionary)
    }

    fn jieba(&self) -> &Jieba {
        self.own.as_ref().unwrap_or_else(|| jieba())
    }

    /// The countable words of a text, normalised: jieba's precise-mode words of two
    /// characters or more, made of letters and digits with at least one letter (so no
    /// punctuation, no numbers, no single characters).
    pub fn words(&self, text: &str, mut each: impl FnMut(&str)) {
        let norm = normalize(text);
        for t in self.jieba().cut(&norm, false) {
            if is_countable(t.word) {
                each(t.word);
            }
        }
    }
}

/// Chinese numerals, with the ordinal prefix and the counters that make numbers of them:
/// a word of these only is a number (十三, 一百, 第二次, 三届).
const NUMERALS: &str = "〇零一二两三四五六七八九十百千万亿第次届个";

/// Two characters or more, all letters or digits, at least one letter (CJK counts as a
/// letter) that is not a Chinese numeral.
#[must_use]
pub fn is_countable(word: &str) -> bool {
    word.chars().nth(1).is_some()
        && word.chars().all(char::is_alphanumeric)
        && word
            .chars()
            .any(|c| c.is_alphabetic() && !NUMERALS.contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn countable_words_are_two_letters_or_more() {
        assert!(is_countable("数字经济"));
        assert!(is_countable("5g"));
        assert!(!is_countable("煤"));
        assert!(!is_countable("2024"));
        assert!(!is_countable("3.5"));
        assert!(!is_countable("十三"));
        assert!(is_countable("三农"));
        assert!(!is_countable("第二次"));
        assert!(!is_countable("，。"));
    }

    #[test]
    fn a_user_dictionary_keeps_its_words_whole() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("dict.txt");
        let text = "推动新一代信息技术产业集群发展";
        let mut before = Vec::new();
        Segmenter::standard().words(text, |w| before.push(w.to_string()));
        assert!(
            !before.iter().any(|w| w == "信息技术产业集群"),
            "{before:?}"
        );
        std::fs::write(&file, "信息技术产业集群 1000 n\n").unwrap();
        let s = Segmenter::with_dictionary(&file).unwrap();
        assert_ne!(s.hash, 0);
        let mut after = Vec::new();
        s.words(text, |w| after.push(w.to_string()));
        assert!(after.iter().any(|w| w == "信息技术产业集群"), "{after:?}");
    }

    #[test]
    fn a_bad_dictionary_names_the_file_and_line() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("dict.txt");
        std::fs::write(&file, "新质生产力 many n\n").unwrap();
        let e = Segmenter::with_dictionary(&file).err().unwrap().to_string();
        assert!(e.contains("dict.txt") && e.contains("line 1"), "{e}");
        let e = Segmenter::with_dictionary(&dir.path().join("none.txt"))
            .err()
            .unwrap()
            .to_string();
        assert!(e.contains("none.txt") && e.contains("cannot read"), "{e}");
    }
}

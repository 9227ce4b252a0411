//! The words the analyses count: jieba's precise-mode words of a text, segmented as the
//! index segments it ([`crate::search::Segmenter`]: gwr's policy terms and the user's
//! dictionary), without punctuation, numbers and single characters.

use crate::search::{Segmenter, normalize};

/// The countable words of a text, normalised: jieba's precise-mode words of two
/// characters or more, made of letters and digits with at least one letter (so no
/// punctuation, no numbers, no single characters).
pub fn words(seg: &Segmenter, text: &str, mut each: impl FnMut(&str)) {
    let norm = normalize(text);
    for t in seg.jieba().cut(&norm, false) {
        if is_countable(t.word) {
            each(t.word);
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
}

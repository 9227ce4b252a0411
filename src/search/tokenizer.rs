//! The two tokenisers of the index, and the lazily loaded jieba dictionary.
//!
//! - [`CharTokenizer`] (`gwr_exact`, paragraphs and section titles): every character of
//!   the normalised text (spaces too) is a token at its own position, and a pair of adjacent
//!   non-space characters is a bigram token at the first one's position when it is one of
//!   the corpus's frequent [`Pairs`]. A query string is then an exact phrase over bigrams
//!   and characters, which is grep: `煤` finds 煤炭, `5g` finds 5G, `3.5%` finds 3.5%.
//! - The `words` field (BM25 ranking only) holds jieba's search-mode words of the
//!   normalised text, with a small dictionary of policy terms and the user's dictionary
//!   ([`super::Segmenter`]), keeping the words of three characters or more (the shorter
//!   ones are exact-field terms already). The indexer
//!   segments each paragraph while it parses the files ([`ranking_words`]) and hands the
//!   words to tantivy joined by spaces, which its [`WORDS`] tokeniser splits again: jieba
//!   then runs on its own, not beside tantivy's term tables where the two evict each
//!   other's memory from the cache (that costs a quarter of a build's time).
//!
//! Why bigrams of the frequent pairs only: they make common phrases fast (`高质` is far
//! rarer than `高`), and the long tail of rare pairs is what fills tantivy's term tables
//! during a build. The pairs are the top [`MAX_PAIRS`] of a sample of the corpus's
//! paragraphs, chosen when the index is built and kept with it. The last lone character
//! of a query is matched as a prefix (the character, or a bigram starting with it), so
//! `中国农业发展银行` finds exactly that string and `煤` finds 煤炭.
//!
//! Measured and dropped (the bench corpus of 5000 reports, 2026-11):
//! - tokens that do not overlap (a bigram covering both of its characters) cut tantivy's
//!   work by 37% and a build by about 2.5 s, but a string may then begin on a bigram's
//!   second half, so a two-character query intersects two unions of bigrams: keystroke
//!   p99 rose from about 5 to 26 ms;
//! - a smaller jieba dictionary (its words of frequency 5 or more) segments only 13%
//!   faster, and the ranking words then differ from the full dictionary's in about a
//!   third of cases (Jaccard 0.64 over 20,000 paragraphs).

use std::sync::{Arc, OnceLock};

use jieba_rs::Jieba;
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use tantivy::Index;
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

use super::normalize::normalize;
use crate::text::is_space;

/// Name of the exact tokeniser: characters, bigrams of frequent pairs.
pub const EXACT: &str = "gwr_exact";
/// Name of the `words` field's tokeniser: tantivy's built-in whitespace splitter, over
/// the words [`ranking_words`] chose.
pub const WORDS: &str = "whitespace";

/// Policy terms jieba should keep whole.
pub const USER_WORDS: &[&str] = &[
    "新质生产力",
    "高质量发展",
    "放管服",
    "一带一路",
    "乡村振兴",
    "营商环境",
    "共同富裕",
    "双循环",
    "碳达峰",
    "碳中和",
    "专精特新",
    "数字经济",
    "京津冀协同发展",
    "雄安新区",
    "供给侧结构性改革",
    "三去一降一补",
    "脱贫攻坚",
    "河长制",
    "林长制",
    "最多跑一次",
    "一网通办",
    "六稳",
    "六保",
    "新型城镇化",
    "生态文明",
    "人大代表",
    "政协委员",
    "民生实事",
];

static JIEBA_DICT: OnceLock<Jieba> = OnceLock::new();

/// jieba with its dictionary and the policy terms (loads it on first use, about 80 ms).
pub fn jieba() -> &'static Jieba {
    JIEBA_DICT.get_or_init(|| {
        let mut j = Jieba::new();
        for w in USER_WORDS {
            j.add_word(w, None, None);
        }
        j
    })
}

/// jieba if its dictionary is already loaded.
pub fn jieba_if_ready() -> Option<&'static Jieba> {
    JIEBA_DICT.get()
}

/// Starts loading jieba's dictionary on a background thread (once).
pub fn preload_jieba() {
    static STARTED: std::sync::Once = std::sync::Once::new();
    STARTED.call_once(|| {
        std::thread::spawn(|| {
            jieba();
        });
    });
}

/// Registers the exact tokeniser on an index (needed after every open) with the index's
/// frequent pairs.
pub fn register(index: &Index, pairs: &Arc<Pairs>) {
    index.tokenizers().register(
        EXACT,
        CharTokenizer {
            pairs: pairs.clone(),
        },
    );
}

/// The character pairs of a corpus frequent enough to be indexed as bigrams.
///
/// Every character is indexed on its own; a pair of adjacent characters is indexed as a
/// bigram too when it is one of these. The bigrams are what make a phrase of common
/// characters fast to find (高质 is far rarer than 高), and keeping them to the frequent
/// pairs keeps the indexer's term table small enough to stay in the cache: a rare pair is
/// found as two characters at adjacent positions. The set is chosen once per index
/// (from a sample of its text) and stored with it, so queries cover their strings the
/// same way.
#[derive(Debug, Clone, Default)]
pub struct Pairs {
    set: FxHashSet<u64>,
}

/// How many pairs an index keeps at most.
pub const MAX_PAIRS: usize = 4096;
/// About how many paragraphs the pair counts are taken from.
const PAIR_SAMPLE: usize = 20_000;

fn pair_key(a: char, b: char) -> u64 {
    (u64::from(a) << 32) | u64::from(b)
}

impl Pairs {
    /// The pairs of the given keys (as stored by [`Pairs::keys`]).
    #[must_use]
    pub fn from_keys(keys: &[u64]) -> Pairs {
        Pairs {
            set: keys.iter().copied().collect(),
        }
    }

    /// The stored form: sorted keys.
    #[must_use]
    pub fn keys(&self) -> Vec<u64> {
        let mut k: Vec<u64> = self.set.iter().copied().collect();
        k.sort_unstable();
        k
    }

    /// The most frequent pairs of adjacent non-space characters in (a sample of) the
    /// normalised `texts`, at most [`MAX_PAIRS`], each seen at least twice.
    #[must_use]
    pub fn choose(texts: &[&str]) -> Pairs {
        let step = (texts.len() / PAIR_SAMPLE).max(1);
        let counts = texts
            .par_iter()
            .enumerate()
            .filter(|(i, _)| i % step == 0)
            .fold(FxHashMap::<u64, u32>::default, |mut m, (_, t)| {
                let mut prev: Option<char> = None;
                for c in normalize(t).chars() {
                    if is_space(c) {
                        prev = None;
                        continue;
                    }
                    if let Some(p) = prev {
                        *m.entry(pair_key(p, c)).or_default() += 1;
                    }
                    prev = Some(c);
                }
                m
            })
            .reduce(FxHashMap::default, |mut a, b| {
                for (k, v) in b {
                    *a.entry(k).or_default() += v;
                }
                a
            });
        let mut ranked: Vec<(u64, u32)> = counts.into_iter().filter(|&(_, n)| n >= 2).collect();
        ranked.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked.truncate(MAX_PAIRS);
        Pairs {
            set: ranked.into_iter().map(|(k, _)| k).collect(),
        }
    }

    #[must_use]
    pub fn contains(&self, a: char, b: char) -> bool {
        self.set.contains(&pair_key(a, b))
    }
}

/// The exact tokeniser: one token at each character's position, the bigram of the
/// character and the next one when they are one of the frequent [`Pairs`], else the
/// character alone.
#[derive(Debug, Clone, Default)]
pub struct CharTokenizer {
    pub pairs: Arc<Pairs>,
}

pub struct CharStream {
    text: String,
    pairs: Arc<Pairs>,
    /// Byte index of the next character to read.
    next: usize,
    /// That character (each character is decoded once).
    peek: Option<char>,
    /// Position of the next character to read.
    pos: usize,
    token: Token,
}

impl Tokenizer for CharTokenizer {
    type TokenStream<'a> = CharStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> CharStream {
        let text = normalize(text);
        CharStream {
            peek: text.chars().next(),
            text,
            pairs: self.pairs.clone(),
            next: 0,
            pos: 0,
            token: Token::default(),
        }
    }
}

impl TokenStream for CharStream {
    fn advance(&mut self) -> bool {
        let Some(c) = self.peek else {
            return false;
        };
        let start = self.next;
        let end = start + c.len_utf8();
        let next = self.text[end..].chars().next();
        self.token.text.clear();
        self.token.text.push(c);
        let mut to = end;
        // A space is a token too, so that a phrase with a space matches only text with
        // that space there; it starts no bigram.
        if let Some(n) = next {
            if !is_space(c) && self.pairs.contains(c, n) {
                self.token.text.push(n);
                to += n.len_utf8();
            }
        }
        self.token.offset_from = start;
        self.token.offset_to = to;
        self.token.position = self.pos;
        self.next = end;
        self.peek = next;
        self.pos += 1;
        true
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

/// jieba's search-mode words of normalised text, without spaces and punctuation.
pub fn jieba_words(j: &Jieba, normalized: &str) -> Vec<(usize, usize)> {
    j.cut_for_search(normalized, false)
        .into_iter()
        .filter(|t| t.word.chars().any(char::is_alphanumeric))
        .map(|t| (t.byte_start, t.byte_end))
        .collect()
}

/// The shortest word the `words` field indexes, in characters. Shorter words are terms of
/// the exact field already (every character, and the frequent pairs as bigrams), so
/// ranking looks them up there; indexing them twice would double the build's work.
pub const MIN_WORD_CHARS: usize = 3;

/// Whether the `words` field has `word` (jieba's output) as a term.
#[must_use]
pub fn is_indexed_word(word: &str) -> bool {
    word.chars().nth(MIN_WORD_CHARS - 1).is_some() && word.chars().any(char::is_alphanumeric)
}

/// The `words` field's value for a paragraph: its normalised jieba words of
/// [`MIN_WORD_CHARS`] characters or more, joined by spaces (a word is never split, since
/// jieba keeps spaces apart).
#[must_use]
pub fn ranking_words(text: &str) -> String {
    ranking_words_of(jieba(), text)
}

/// [`ranking_words`] with this jieba (the one with the user's dictionary,
/// [`super::Segmenter::jieba`]).
#[must_use]
pub fn ranking_words_of(j: &Jieba, text: &str) -> String {
    let norm = normalize(text);
    let mut out = String::new();
    for t in j.cut_for_search(&norm, false) {
        if is_indexed_word(t.word) && !t.word.contains(is_space) {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(t.word);
        }
    }
    out
}

/// The exact-field terms that spell one query string (already normalised), as a phrase:
/// `(offset, term)` pairs, and the character to match as a prefix at the end when the
/// string's last character is not inside one of the bigrams.
///
/// Inside the string, the token the index has at each position is known (the bigram
/// of that character and the next when it is a pair, else the character), so a bigram
/// term covers two characters and the next term comes two positions on. Only the last
/// character's token depends on the text after the match: the character alone, or a
/// bigram starting with it, which is what a prefix term matches.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ExactTerms {
    pub terms: Vec<(usize, String)>,
    pub prefix: Option<(usize, String)>,
}

#[must_use]
pub fn exact_terms(normalized: &str, pairs: &Pairs) -> ExactTerms {
    let chars: Vec<char> = normalized.trim().chars().collect();
    let n = chars.len();
    let mut out = ExactTerms::default();
    if n == 0 {
        return out;
    }
    let bigram_at =
        |i: usize| i + 1 < n && !is_space(chars[i]) && pairs.contains(chars[i], chars[i + 1]);
    let mut i = 0;
    while i + 1 < n {
        if bigram_at(i) {
            out.terms.push((i, chars[i..i + 2].iter().collect()));
            i += 2;
        } else {
            out.terms.push((i, chars[i].to_string()));
            i += 1;
        }
    }
    if i == n - 1 {
        if n >= 2 && bigram_at(n - 2) {
            out.terms.push((n - 2, chars[n - 2..].iter().collect()));
        } else {
            out.prefix = Some((n - 1, chars[n - 1].to_string()));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(pairs: &Pairs, text: &str) -> Vec<(String, usize)> {
        let mut t = CharTokenizer {
            pairs: Arc::new(pairs.clone()),
        };
        let mut s = t.token_stream(text);
        let mut out = Vec::new();
        while s.advance() {
            out.push((s.token().text.clone(), s.token().position));
        }
        out
    }

    fn terms(v: &[(usize, &str)]) -> Vec<(usize, String)> {
        v.iter().map(|(o, t)| (*o, (*t).to_string())).collect()
    }

    #[test]
    fn ranking_words_are_long_normalised_jieba_words() {
        let text = "深化供给侧结构性改革，推进乡村振兴，建设５Ｇ基站。";
        let words = ranking_words(text);
        let list: Vec<&str> = words.split(' ').collect();
        // The policy terms of the user dictionary come out whole.
        assert!(list.contains(&"供给侧结构性改革"), "{words}");
        assert!(list.contains(&"乡村振兴"), "{words}");
        // Only words of three characters or more; 5G and 基站 are exact-field terms.
        for w in &list {
            assert!(w.chars().count() >= MIN_WORD_CHARS, "{w} in {words}");
            assert!(normalize(text).contains(w), "{w} is not in the text");
        }
        assert!(!words.contains("基站") && !words.contains("5g"), "{words}");
        assert_eq!(ranking_words("，。 5G"), "");
    }

    #[test]
    fn one_token_a_position_bigrams_of_frequent_pairs() {
        let pairs = Pairs::choose(&["煤炭业 煤炭 5G", "煤炭 5G", "煤炭", "煤炭"]);
        assert!(pairs.contains('煤', '炭'));
        assert!(pairs.contains('5', 'g'));
        assert!(!pairs.contains('炭', '业'), "seen once");
        assert_eq!(
            tokens(&pairs, "煤炭业 ５Ｇ"),
            vec![
                ("煤炭".into(), 0),
                ("炭".into(), 1),
                ("业".into(), 2),
                (" ".into(), 3),
                ("5g".into(), 4),
                ("g".into(), 5),
            ]
        );
        assert_eq!(Pairs::from_keys(&pairs.keys()).keys(), pairs.keys());
    }

    #[test]
    fn query_terms_spell_the_string() {
        let pairs = Pairs::choose(&["高质 发展 质量", "高质 发展 质量", "高质 发展 质量"]);
        // 高质 covers 高 and 质; 量 has no pair with 发; 发展 ends the string.
        assert_eq!(
            exact_terms("高质量发展", &pairs),
            ExactTerms {
                terms: terms(&[(0, "高质"), (2, "量"), (3, "发展")]),
                prefix: None,
            }
        );
        // The last character alone: a prefix (量 or a bigram starting with 量).
        assert_eq!(
            exact_terms("高质量", &pairs),
            ExactTerms {
                terms: terms(&[(0, "高质"), (1, "质量")]),
                prefix: None,
            }
        );
        assert_eq!(
            exact_terms("发量", &pairs),
            ExactTerms {
                terms: terms(&[(0, "发")]),
                prefix: Some((1, "量".into())),
            }
        );
        assert_eq!(
            exact_terms("煤", &pairs),
            ExactTerms {
                terms: Vec::new(),
                prefix: Some((0, "煤".into())),
            }
        );
        assert_eq!(
            exact_terms(" a b ", &Pairs::default()),
            ExactTerms {
                terms: terms(&[(0, "a"), (1, " ")]),
                prefix: Some((2, "b".into())),
            }
        );
    }
}

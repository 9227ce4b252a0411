//! The two tokenisers of the index, and the lazily loaded jieba dictionary.
//!
//! - [`CharTokenizer`] (`gwr_chars`): every non-space character of the normalised text is a
//!   token at its own position, and every pair of adjacent characters is a bigram token at
//!   the first one's position. Spaces take a position but give no token. A query string is
//!   then an exact phrase over bigrams (or one character), which is grep: `煤` finds 煤炭,
//!   `5g` finds 5G, `3.5%` finds 3.5%.
//! - [`JiebaTokenizer`] (`gwr_jieba`): jieba's search mode over the normalised text, with a
//!   small dictionary of policy terms; for BM25 ranking only.

use std::sync::OnceLock;

use jieba_rs::Jieba;
use tantivy::Index;
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

use super::normalize::normalize;

/// Name of the exact tokeniser with every character and bigram (section titles).
pub const CHARS: &str = "gwr_chars";
/// Name of the exact tokeniser of paragraphs: bigrams, characters at run edges.
pub const BIGRAMS: &str = "gwr_bigrams";
/// Name of the tokeniser of single characters.
pub const UNIGRAMS: &str = "gwr_unigrams";
/// Name of the jieba tokeniser.
pub const JIEBA: &str = "gwr_jieba";

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

/// Registers both tokenisers on an index (needed after every open).
pub fn register(index: &Index) {
    index
        .tokenizers()
        .register(CHARS, CharTokenizer(CharMode::All));
    index
        .tokenizers()
        .register(BIGRAMS, CharTokenizer(CharMode::Bigrams));
    index
        .tokenizers()
        .register(UNIGRAMS, CharTokenizer(CharMode::Unigrams));
    index.tokenizers().register(JIEBA, JiebaTokenizer);
}

/// Which tokens a [`CharTokenizer`] emits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CharMode {
    /// Every character and every bigram (short fields: section titles).
    #[default]
    All,
    /// Every bigram, and characters only next to a space or an end (the positional
    /// paragraph field: phrases over bigrams, one-character runs of a phrase at its edges).
    Bigrams,
    /// Every character (the paragraph field for one-character queries, without positions).
    Unigrams,
}

/// The exact tokeniser: characters and bigrams with positions.
#[derive(Debug, Clone, Copy, Default)]
pub struct CharTokenizer(pub CharMode);

pub struct CharStream {
    text: String,
    mode: CharMode,
    /// Byte index of the next character to read.
    next: usize,
    /// Position of the next character to read.
    pos: usize,
    /// Whether the character before `next` was a space (or the start).
    after_space: bool,
    /// The bigram still to emit after the unigram just emitted.
    bigram: Option<(usize, usize, usize)>,
    token: Token,
}

impl Tokenizer for CharTokenizer {
    type TokenStream<'a> = CharStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> CharStream {
        CharStream {
            text: normalize(text),
            mode: self.0,
            next: 0,
            pos: 0,
            after_space: true,
            bigram: None,
            token: Token::default(),
        }
    }
}

impl CharStream {
    fn set(&mut self, start: usize, end: usize, pos: usize) {
        self.token.text.clear();
        self.token.text.push_str(&self.text[start..end]);
        self.token.offset_from = start;
        self.token.offset_to = end;
        self.token.position = pos;
    }
}

impl TokenStream for CharStream {
    fn advance(&mut self) -> bool {
        if let Some((start, end, pos)) = self.bigram.take() {
            self.set(start, end, pos);
            return true;
        }
        loop {
            let Some(c) = self.text[self.next..].chars().next() else {
                return false;
            };
            let start = self.next;
            let end = start + c.len_utf8();
            let pos = self.pos;
            self.next = end;
            self.pos += 1;
            let after_space = std::mem::replace(&mut self.after_space, c.is_whitespace());
            if c.is_whitespace() {
                continue;
            }
            let next = self.text[end..]
                .chars()
                .next()
                .filter(|n| !n.is_whitespace());
            let bigram = match (self.mode, next) {
                (CharMode::Unigrams, _) | (_, None) => None,
                (_, Some(n)) => Some((start, end + n.len_utf8(), pos)),
            };
            let unigram = match self.mode {
                CharMode::All | CharMode::Unigrams => true,
                CharMode::Bigrams => after_space || next.is_none(),
            };
            if unigram {
                self.set(start, end, pos);
                self.bigram = bigram;
                return true;
            }
            if let Some((s, e, p)) = bigram {
                self.set(s, e, p);
                return true;
            }
        }
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

/// The ranking tokeniser: jieba's search mode.
#[derive(Debug, Clone, Copy, Default)]
pub struct JiebaTokenizer;

pub struct VecStream {
    tokens: Vec<Token>,
    i: usize,
}

/// jieba's search-mode words of normalised text, without spaces and punctuation.
pub fn jieba_words(j: &Jieba, normalized: &str) -> Vec<(usize, usize)> {
    j.cut_for_search(normalized, false)
        .into_iter()
        .filter(|t| t.word.chars().any(char::is_alphanumeric))
        .map(|t| (t.byte_start, t.byte_end))
        .collect()
}

impl Tokenizer for JiebaTokenizer {
    type TokenStream<'a> = VecStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> VecStream {
        let norm = normalize(text);
        let tokens = jieba_words(jieba(), &norm)
            .into_iter()
            .enumerate()
            .map(|(position, (from, to))| Token {
                offset_from: from,
                offset_to: to,
                position,
                text: norm[from..to].to_string(),
                position_length: 1,
            })
            .collect();
        VecStream { tokens, i: 0 }
    }
}

impl TokenStream for VecStream {
    fn advance(&mut self) -> bool {
        if self.i < self.tokens.len() {
            self.i += 1;
            true
        } else {
            false
        }
    }

    fn token(&self) -> &Token {
        &self.tokens[self.i - 1]
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.i - 1]
    }
}

/// The exact-field terms of one query string (already normalised): `(offset, term)` pairs,
/// bigrams covering every run of two or more characters, single characters alone.
#[must_use]
pub fn exact_terms(normalized: &str) -> Vec<(usize, String)> {
    let chars: Vec<char> = normalized.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && !chars[i].is_whitespace() {
            i += 1;
        }
        let len = i - start;
        if len == 1 {
            out.push((start, chars[start].to_string()));
            continue;
        }
        let mut k = 0;
        loop {
            let k2 = k.min(len - 2);
            out.push((
                start + k2,
                chars[start + k2..start + k2 + 2].iter().collect(),
            ));
            if k2 == len - 2 {
                break;
            }
            k += 2;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(text: &str) -> Vec<(String, usize)> {
        tokens_in(CharMode::All, text)
    }

    fn tokens_in(mode: CharMode, text: &str) -> Vec<(String, usize)> {
        let mut t = CharTokenizer(mode);
        let mut s = t.token_stream(text);
        let mut out = Vec::new();
        while s.advance() {
            out.push((s.token().text.clone(), s.token().position));
        }
        out
    }

    #[test]
    fn characters_and_bigrams() {
        assert_eq!(
            tokens("煤炭 ５Ｇ"),
            vec![
                ("煤".into(), 0),
                ("煤炭".into(), 0),
                ("炭".into(), 1),
                ("5".into(), 3),
                ("5g".into(), 3),
                ("g".into(), 4),
            ]
        );
    }

    #[test]
    fn bigram_mode_keeps_characters_only_at_run_edges() {
        assert_eq!(
            tokens_in(CharMode::Bigrams, "煤炭业 a b"),
            vec![
                ("煤".into(), 0),
                ("煤炭".into(), 0),
                ("炭业".into(), 1),
                ("业".into(), 2),
                ("a".into(), 4),
                ("b".into(), 6),
            ]
        );
        assert_eq!(
            tokens_in(CharMode::Unigrams, "煤炭 a"),
            vec![("煤".into(), 0), ("炭".into(), 1), ("a".into(), 3)]
        );
    }

    #[test]
    fn query_terms_cover_the_string() {
        assert_eq!(exact_terms("煤"), vec![(0, "煤".to_string())]);
        assert_eq!(exact_terms("农业"), vec![(0, "农业".to_string())]);
        assert_eq!(
            exact_terms("高质量发展"),
            vec![(0, "高质".into()), (2, "量发".into()), (3, "发展".into())]
        );
        assert_eq!(exact_terms("a bc"), vec![(0, "a".into()), (2, "bc".into())]);
    }
}

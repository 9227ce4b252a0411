//! A one-line text input with a caret (the search line, the region filter, `:`).

use super::wrap::str_width;

/// Text plus a caret position (a byte offset on a char boundary).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Input {
    pub text: String,
    pub caret: usize,
}

impl Input {
    /// An input holding `text` with the caret at its end.
    #[must_use]
    pub fn with_text(text: &str) -> Input {
        Input {
            text: text.to_string(),
            caret: text.len(),
        }
    }

    /// Inserts text at the caret (line breaks and other control characters become spaces).
    pub fn insert(&mut self, s: &str) {
        let clean: String = s
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        self.text.insert_str(self.caret, &clean);
        self.caret += clean.len();
    }

    /// Deletes the character before the caret.
    pub fn backspace(&mut self) -> bool {
        let Some(c) = self.text[..self.caret].chars().next_back() else {
            return false;
        };
        self.caret -= c.len_utf8();
        self.text.remove(self.caret);
        true
    }

    /// Deletes the character under the caret.
    pub fn delete(&mut self) -> bool {
        if self.caret >= self.text.len() {
            return false;
        }
        self.text.remove(self.caret);
        true
    }

    pub fn left(&mut self) {
        if let Some(c) = self.text[..self.caret].chars().next_back() {
            self.caret -= c.len_utf8();
        }
    }

    pub fn right(&mut self) {
        if let Some(c) = self.text[self.caret..].chars().next() {
            self.caret += c.len_utf8();
        }
    }

    pub fn home(&mut self) {
        self.caret = 0;
    }

    pub fn end(&mut self) {
        self.caret = self.text.len();
    }

    pub fn clear(&mut self) {
        self.text.clear();
        self.caret = 0;
    }

    /// Display columns before the caret (where the terminal cursor goes).
    #[must_use]
    pub fn caret_columns(&self) -> usize {
        str_width(&self.text[..self.caret])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_chinese_text_by_characters() {
        let mut i = Input::default();
        i.insert("乡村");
        i.insert("振兴");
        assert_eq!(i.caret_columns(), 8);
        i.left();
        i.backspace();
        assert_eq!(i.text, "乡村兴");
        assert_eq!(i.caret_columns(), 4);
        i.right();
        i.insert("\n5G");
        assert_eq!(i.text, "乡村兴 5G");
        i.home();
        assert!(i.delete());
        assert_eq!(i.text, "村兴 5G");
        assert!(!Input::default().backspace());
    }
}

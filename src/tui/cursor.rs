//! A list cursor: the selected row and the first row shown, for every list pane (regions,
//! outline, search results, section picker).

/// The selected row of a list and its scroll offset (the first row shown).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ListCursor {
    pub selected: usize,
    pub scroll: usize,
}

impl ListCursor {
    /// Back to the first row, scrolled to the top.
    pub fn reset(&mut self) {
        *self = ListCursor::default();
    }

    /// Moves the selection by `by` rows (negative: up), staying within `len` rows.
    pub fn step(&mut self, by: i64, len: usize) {
        self.selected = step(self.selected, by, len);
    }

    /// Keeps the selection within `len` rows (on the last one when it was past it).
    pub fn clamp(&mut self, len: usize) {
        self.selected = self.selected.min(len.saturating_sub(1));
    }

    /// Scrolls just enough for the selection to be among the `height` rows shown.
    pub fn follow(&mut self, height: usize) {
        self.scroll = follow(self.selected, self.scroll, height);
    }
}

/// `cur` moved by `by`, clamped to `0..len` (0 for an empty list).
#[must_use]
pub fn step(cur: usize, by: i64, len: usize) -> usize {
    if len == 0 {
        return 0;
    }
    let next = cur as i64 + by;
    next.clamp(0, len as i64 - 1) as usize
}

/// The scroll offset that shows row `selected` among `height` rows, moving `scroll` as
/// little as it can. A list with no room (`height` 0, folded away) keeps its offset.
#[must_use]
pub fn follow(selected: usize, scroll: usize, height: usize) -> usize {
    if height == 0 {
        return scroll;
    }
    if selected < scroll {
        selected
    } else if selected >= scroll + height {
        selected + 1 - height
    } else {
        scroll
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn step_stays_in_the_list() {
        assert_eq!(step(3, 1, 10), 4);
        assert_eq!(step(3, -1, 10), 2);
        assert_eq!(step(0, -1, 10), 0);
        assert_eq!(step(9, 1, 10), 9);
        assert_eq!(step(2, 100, 10), 9);
        assert_eq!(step(7, -100, 10), 0);
        assert_eq!(step(5, i64::MIN / 2, 10), 0);
        assert_eq!(step(5, i64::MAX / 2, 10), 9);
        // An empty list has only row 0, whatever the start.
        assert_eq!(step(4, 1, 0), 0);
        assert_eq!(step(0, -1, 0), 0);
    }

    #[test]
    fn follow_moves_the_window_as_little_as_it_can() {
        // Inside the window: unchanged.
        assert_eq!(follow(5, 3, 4), 3);
        assert_eq!(follow(6, 3, 4), 3);
        // Below it: the selection becomes the last row shown.
        assert_eq!(follow(7, 3, 4), 4);
        assert_eq!(follow(20, 3, 4), 17);
        // Above it: the selection becomes the first row shown.
        assert_eq!(follow(1, 3, 4), 1);
        // No room: the offset stays.
        assert_eq!(follow(20, 3, 0), 3);
        assert_eq!(follow(0, 0, 1), 0);
    }

    #[test]
    fn cursor_steps_clamps_and_follows() {
        let mut c = ListCursor::default();
        c.step(5, 3);
        assert_eq!(c.selected, 2);
        c.step(-1, 3);
        assert_eq!(c.selected, 1);
        c.selected = 8;
        c.clamp(5);
        assert_eq!(c.selected, 4);
        c.clamp(0);
        assert_eq!(c.selected, 0);
        c.selected = 9;
        c.follow(4);
        assert_eq!((c.selected, c.scroll), (9, 6));
        c.step(-8, 10);
        c.follow(4);
        assert_eq!((c.selected, c.scroll), (1, 1));
        c.reset();
        assert_eq!(c, ListCursor::default());
    }
}

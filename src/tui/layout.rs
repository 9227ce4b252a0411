//! Where each pane goes. A pure function of the terminal size, the mode and the focused
//! pane, used by `update` (page sizes, wrap width) and by rendering alike
//! (`App::areas`).
//!
//! ```text
//! wide (≥ 100 columns)                      narrow (< 100 columns)
//! ┌ 地区 ──┬ 目录 ────┬ 正文 ──────────┐      ┌ 正文 (1 2 [3]) ─────────┐
//! │ 全国   │ 1 回顾   │ 各位代表：     │      │ the focused pane, full   │
//! │ 河北省 │ 2 任务   │ …              │      │ width; Tab / 1 2 3 switch│
//! └────────┴──────────┴────────────────┘      └──────────────────────────┘
//!  status line (or the input line: / f : s)    status line
//! ```

use ratatui::layout::Rect;

use super::focus::{Mode, Pane};

/// Below this width only one pane is shown at a time.
pub const NARROW: u16 = 100;

/// The areas of one frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Areas {
    pub regions: Option<Rect>,
    pub outline: Option<Rect>,
    /// The reader, or the search results in search mode.
    pub reader: Option<Rect>,
    /// The status line, or the input line.
    pub bottom: Rect,
    pub narrow: bool,
    /// Text lines of a full-height pane: what a folded-away pane pages by.
    pub full_height: usize,
}

/// The inside of a bordered pane.
#[must_use]
pub fn inner(r: Rect) -> Rect {
    Rect {
        x: r.x.saturating_add(1),
        y: r.y.saturating_add(1),
        width: r.width.saturating_sub(2),
        height: r.height.saturating_sub(2),
    }
}

impl Areas {
    /// Text lines the reader (or results list) can show.
    #[must_use]
    pub fn reader_height(&self) -> usize {
        self.reader.map_or(0, |r| inner(r).height as usize)
    }

    /// Columns the reader wraps to.
    #[must_use]
    pub fn reader_width(&self) -> usize {
        self.reader.map_or(0, |r| inner(r).width as usize)
    }

    /// Text lines of a pane to page and scroll by: its height, or the height it would
    /// have when it is folded away (narrow terminals).
    #[must_use]
    pub fn page(&self, pane: Pane) -> usize {
        match self.height(pane) {
            0 => self.full_height,
            h => h,
        }
    }

    /// Text lines of a pane (0 when it is folded away).
    #[must_use]
    pub fn height(&self, pane: Pane) -> usize {
        let r = match pane {
            Pane::Regions => self.regions,
            Pane::Outline => self.outline,
            Pane::Reader => self.reader,
        };
        r.map_or(0, |r| inner(r).height as usize)
    }
}

/// Lays out a frame of `size`: below [`NARROW`] columns only the focused pane is shown
/// (the reader, with the search results, while searching).
#[must_use]
pub fn areas(size: Rect, mode: Mode, focus: Pane) -> Areas {
    let full_height = size.height.saturating_sub(3) as usize;
    let main_h = size.height.saturating_sub(1);
    let bottom = Rect::new(size.x, size.y + main_h, size.width, size.height.min(1));
    let main = Rect::new(size.x, size.y, size.width, main_h);
    let narrow = size.width < NARROW;
    if narrow {
        let shown = if mode == Mode::Search {
            Pane::Reader
        } else {
            focus
        };
        return Areas {
            regions: (shown == Pane::Regions).then_some(main),
            outline: (shown == Pane::Outline).then_some(main),
            reader: (shown == Pane::Reader).then_some(main),
            bottom,
            narrow,
            full_height,
        };
    }
    let w = size.width;
    let rw = (w * 22 / 100).clamp(18, 32);
    let ow = (w * 26 / 100).clamp(20, 40);
    let reader_w = w - rw - ow;
    Areas {
        regions: Some(Rect::new(main.x, main.y, rw, main_h)),
        outline: Some(Rect::new(main.x + rw, main.y, ow, main_h)),
        reader: Some(Rect::new(main.x + rw + ow, main.y, reader_w, main_h)),
        bottom,
        narrow,
        full_height,
    }
}

/// A centred rectangle of at most `w` × `h` inside `area`.
#[must_use]
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

/// The section picker's overlay on a screen of `size`.
#[must_use]
pub fn picker(size: Rect) -> Rect {
    centered(size, 64, size.height.saturating_sub(4))
}

/// Rows of matches the section picker shows (under its input line).
#[must_use]
pub fn picker_rows(size: Rect) -> usize {
    inner(picker(size)).height.saturating_sub(1) as usize
}

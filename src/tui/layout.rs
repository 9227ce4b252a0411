//! Where each pane goes. A pure function of the terminal size and the state, used by
//! `update` (page sizes, wrap width) and by rendering alike.
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

use super::app::{App, Pane};
use super::keymap::Mode;

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

    /// Text lines of a pane.
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

/// Lays out a frame for the state.
#[must_use]
pub fn areas(app: &App) -> Areas {
    let size = app.size;
    let main_h = size.height.saturating_sub(1);
    let bottom = Rect::new(size.x, size.y + main_h, size.width, size.height.min(1));
    let main = Rect::new(size.x, size.y, size.width, main_h);
    let narrow = size.width < NARROW;
    if narrow {
        let shown = if app.mode == Mode::Search {
            Pane::Reader
        } else {
            app.focus
        };
        return Areas {
            regions: (shown == Pane::Regions).then_some(main),
            outline: (shown == Pane::Outline).then_some(main),
            reader: (shown == Pane::Reader).then_some(main),
            bottom,
            narrow,
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
    }
}

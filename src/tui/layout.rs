//! Where each pane goes. A pure function of the terminal size, the mode and the focused
//! pane, used by `update` (page sizes, wrap width) and by rendering alike
//! (`App::areas`).
//!
//! ```text
//! wide (≥ 100 columns)               medium (60 to 99)          narrow (< 60)
//! ┌ 地区 ─┐┌ 目录 ─┐┏ 正文 ━━━━━┓    ┌ 地区 ─┐┏ 正文 ━━━━┓     ┏ 正文 Tab/1地区/2目录 ┓
//! │ 全国  ││ 1 回顾│┃ 各位代表：┃    │ 全国  │┃ 各位代表 ┃     ┃ the focused pane,   ┃
//! │ 河北省││ 2 任务│┃ …         ┃    └───────┘┃ …        ┃     ┃ full width; Tab or  ┃
//! │       ││       │┃           ┃    ┌ 目录 ─┐┃          ┃     ┃ 1 2 3 switch        ┃
//! │       ││       │┃           ┃    │ 1 回顾│┃          ┃     ┃                     ┃
//! └───────┘└───────┘┗━━━━━━━━━━━┛    └───────┘┗━━━━━━━━━━┛     ┗━━━━━━━━━━━━━━━━━━━━━┛
//!  status line (or the input line: / f : s), the focused pane's border heavy
//! ```

use ratatui::layout::Rect;

use super::focus::{Mode, Pane};

/// From this width on, the three panes stand side by side.
pub const WIDE: u16 = 100;

/// Below this width only one pane is shown at a time; from it up to [`WIDE`], the
/// regions stand over the outline in a left column beside the reader.
pub const NARROW: u16 = 60;

/// Columns of the left column (regions over outline) at medium widths: at 80 columns,
/// 24, leaving the reader 54 columns of text.
fn left_column(width: u16) -> u16 {
    (width * 30 / 100).clamp(24, 30)
}

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

/// Lays out a frame of `size`: the three panes side by side from [`WIDE`] columns,
/// regions over outline beside the reader from [`NARROW`], and below it only the
/// focused pane (the reader, with the search results, while searching).
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
    if w < WIDE {
        let lw = left_column(w);
        let regions_h = main_h / 2;
        return Areas {
            regions: Some(Rect::new(main.x, main.y, lw, regions_h)),
            outline: Some(Rect::new(
                main.x,
                main.y + regions_h,
                lw,
                main_h - regions_h,
            )),
            reader: Some(Rect::new(main.x + lw, main.y, w - lw, main_h)),
            bottom,
            narrow,
            full_height,
        };
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn at(w: u16, h: u16) -> Areas {
        areas(Rect::new(0, 0, w, h), Mode::Normal, Pane::Reader)
    }

    #[test]
    fn three_panes_from_60_columns_one_below() {
        // 80x24: regions over outline in a 24-column left column, the reader beside.
        let a = at(80, 24);
        assert!(!a.narrow);
        assert_eq!(a.regions, Some(Rect::new(0, 0, 24, 11)));
        assert_eq!(a.outline, Some(Rect::new(0, 11, 24, 12)));
        assert_eq!(a.reader, Some(Rect::new(24, 0, 56, 23)));
        assert_eq!(a.bottom, Rect::new(0, 23, 80, 1));
        assert_eq!((a.height(Pane::Regions), a.height(Pane::Outline)), (9, 10));
        assert_eq!(a.reader_width(), 54);
        // 120x40: three columns.
        let a = at(120, 40);
        assert_eq!(a.regions.map(|r| (r.x, r.height)), Some((0, 39)));
        assert_eq!(a.outline.map(|r| r.height), Some(39));
        assert!(a.outline.unwrap().x > 0 && a.reader.unwrap().x > a.outline.unwrap().x);
        // 60 columns still show all three; 59 fold to the focused pane.
        assert!(at(60, 24).regions.is_some() && at(60, 24).outline.is_some());
        let a = at(59, 24);
        assert!(a.narrow && a.regions.is_none() && a.outline.is_none());
        assert_eq!(a.reader, Some(Rect::new(0, 0, 59, 23)));
        assert_eq!(a.page(Pane::Regions), 21);
    }
}

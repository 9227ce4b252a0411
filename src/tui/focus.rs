//! What has the keyboard: the [`Mode`] (browsing, or one of the input lines and overlays)
//! and the focused [`Pane`]. State, read by the keymap, the layout, `update` and rendering.

/// What the keyboard is doing: browsing, or typing into one of the input lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mode {
    /// Browsing the panes.
    Normal,
    /// Typing a search query; the results list is shown.
    Search,
    /// Typing a filter for the regions tree.
    Filter,
    /// Typing a section number after `:`.
    Goto,
    /// The fuzzy section picker.
    Picker,
    /// The help overlay.
    Help,
    /// After `m`: the next letter marks the paragraph being read.
    MarkSet,
    /// After `'`: the next letter goes to that mark.
    MarkJump,
    /// The marks list.
    Marks,
    /// The targets view (targets and results of the region, by year).
    Targets,
    /// An analysis view (trend, keywords, side by side).
    View,
}

impl Mode {
    /// Whether printable keys are text in this mode.
    #[must_use]
    pub fn is_text(self) -> bool {
        matches!(
            self,
            Mode::Search | Mode::Filter | Mode::Goto | Mode::Picker
        )
    }
}

/// The three panes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pane {
    Regions,
    Outline,
    Reader,
}

impl Pane {
    pub const ALL: [Pane; 3] = [Pane::Regions, Pane::Outline, Pane::Reader];
}

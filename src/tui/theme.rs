//! Styles. Sixteen named colours at most; with `NO_COLOR` set, modifiers only.

use ratatui::style::{Color, Modifier, Style};

/// Every style the TUI draws with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub no_color: bool,
}

impl Theme {
    /// The theme for the environment (`NO_COLOR` set and non-empty turns colours off).
    #[must_use]
    pub fn from_env() -> Theme {
        Theme {
            no_color: std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
        }
    }

    fn fg(self, c: Color) -> Style {
        if self.no_color {
            Style::default()
        } else {
            Style::default().fg(c)
        }
    }

    #[must_use]
    pub fn border(self, focused: bool) -> Style {
        if focused {
            self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
        } else {
            self.fg(Color::DarkGray)
        }
    }

    #[must_use]
    pub fn title(self, focused: bool) -> Style {
        let s = Style::default().add_modifier(Modifier::BOLD);
        if focused && !self.no_color {
            s.fg(Color::Cyan)
        } else {
            s
        }
    }

    /// A heading in the reader, by section level (1 = top).
    #[must_use]
    pub fn heading(self, level: u8) -> Style {
        let bold = Style::default().add_modifier(Modifier::BOLD);
        match (self.no_color, level) {
            (true, 1) => bold.add_modifier(Modifier::UNDERLINED),
            (true, _) => bold,
            (false, 1) => bold.fg(Color::Yellow),
            (false, 2) => bold.fg(Color::Green),
            (false, _) => bold.fg(Color::Cyan),
        }
    }

    /// A search hit.
    #[must_use]
    pub fn hit(self) -> Style {
        if self.no_color {
            Style::default().add_modifier(Modifier::REVERSED)
        } else {
            Style::default().fg(Color::Black).bg(Color::Yellow)
        }
    }

    /// A term some report's 名词解释 defines (underlined, so it shows without colour).
    #[must_use]
    pub fn defined(self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::UNDERLINED)
    }

    /// The hit `n`/`N` is on.
    #[must_use]
    pub fn current_hit(self) -> Style {
        if self.no_color {
            Style::default()
                .add_modifier(Modifier::REVERSED | Modifier::BOLD | Modifier::UNDERLINED)
        } else {
            Style::default()
                .fg(Color::Black)
                .bg(Color::LightRed)
                .add_modifier(Modifier::BOLD)
        }
    }

    /// The selected row of a list.
    #[must_use]
    pub fn selected(self, focused: bool) -> Style {
        if focused {
            Style::default().add_modifier(Modifier::REVERSED)
        } else {
            Style::default().add_modifier(Modifier::BOLD)
        }
    }

    /// The section under the reading position, in the outline.
    #[must_use]
    pub fn current(self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }

    #[must_use]
    pub fn dim(self) -> Style {
        if self.no_color {
            Style::default().add_modifier(Modifier::DIM)
        } else {
            Style::default().fg(Color::DarkGray)
        }
    }

    #[must_use]
    pub fn accent(self) -> Style {
        self.fg(Color::Cyan)
    }

    #[must_use]
    pub fn status(self) -> Style {
        if self.no_color {
            Style::default().add_modifier(Modifier::REVERSED)
        } else {
            Style::default().fg(Color::White).bg(Color::Blue)
        }
    }

    #[must_use]
    pub fn error(self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_color_uses_modifiers_only() {
        let t = Theme { no_color: true };
        for s in [
            t.border(true),
            t.heading(1),
            t.heading(3),
            t.hit(),
            t.current_hit(),
            t.current(),
            t.dim(),
            t.status(),
            t.error(),
            t.defined(),
        ] {
            assert_eq!((s.fg, s.bg), (None, None), "{s:?}");
        }
        assert!(t.hit().add_modifier.contains(Modifier::REVERSED));
        assert_ne!(t.hit(), t.current_hit());
    }
}

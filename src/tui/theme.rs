//! Styles. Sixteen named colours at most by default, any the config file's `[theme]`
//! gives by role; with `NO_COLOR` set, modifiers only (it wins over the config file).

use ratatui::style::{Color, Modifier, Style};

use crate::config::{Colours, THEME_ROLES};

/// Every style the TUI draws with.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Theme {
    pub no_color: bool,
    /// The config file's colours, by role (in the order of `THEME_ROLES`).
    pub palette: [Option<Colours>; THEME_ROLES.len()],
}

impl Theme {
    /// The theme for the environment (`NO_COLOR` set and non-empty turns colours off).
    #[must_use]
    pub fn from_env() -> Theme {
        Theme {
            no_color: std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
            ..Theme::default()
        }
    }

    /// [`Theme::from_env`] with the config file's `[theme]`.
    #[must_use]
    pub fn with_config(config: &crate::config::Config) -> Theme {
        let mut t = Theme::from_env();
        for (i, (role, _)) in THEME_ROLES.iter().enumerate() {
            t.palette[i] = config.theme.get(*role).copied();
        }
        t
    }

    /// `style` with the colours the config file gives `role`, unless colours are off.
    fn paint(self, role: &str, style: Style) -> Style {
        if self.no_color {
            return style;
        }
        let Some(i) = THEME_ROLES.iter().position(|(r, _)| *r == role) else {
            return style;
        };
        match self.palette[i] {
            Some(c) => {
                let mut s = style;
                if let Some(fg) = c.fg {
                    s = s.fg(fg);
                }
                if let Some(bg) = c.bg {
                    s = s.bg(bg);
                }
                s
            }
            None => style,
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
            self.paint("focus", self.fg(Color::Cyan).add_modifier(Modifier::BOLD))
        } else {
            self.paint("border", self.fg(Color::DarkGray))
        }
    }

    #[must_use]
    pub fn title(self, focused: bool) -> Style {
        let s = Style::default().add_modifier(Modifier::BOLD);
        if focused && !self.no_color {
            self.paint("focus", s.fg(Color::Cyan))
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
            (false, 1) => self.paint("heading1", bold.fg(Color::Yellow)),
            (false, 2) => self.paint("heading2", bold.fg(Color::Green)),
            (false, _) => self.paint("heading3", bold.fg(Color::Cyan)),
        }
    }

    /// A search hit.
    #[must_use]
    pub fn hit(self) -> Style {
        if self.no_color {
            Style::default().add_modifier(Modifier::REVERSED)
        } else {
            self.paint("hit", Style::default().fg(Color::Black).bg(Color::Yellow))
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
            self.paint(
                "current_hit",
                Style::default()
                    .fg(Color::Black)
                    .bg(Color::LightRed)
                    .add_modifier(Modifier::BOLD),
            )
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
        self.paint(
            "current",
            self.fg(Color::Yellow).add_modifier(Modifier::BOLD),
        )
    }

    #[must_use]
    pub fn dim(self) -> Style {
        if self.no_color {
            Style::default().add_modifier(Modifier::DIM)
        } else {
            self.paint("dim", Style::default().fg(Color::DarkGray))
        }
    }

    #[must_use]
    pub fn accent(self) -> Style {
        self.paint("accent", self.fg(Color::Cyan))
    }

    #[must_use]
    pub fn status(self) -> Style {
        if self.no_color {
            Style::default().add_modifier(Modifier::REVERSED)
        } else {
            self.paint("status", Style::default().fg(Color::White).bg(Color::Blue))
        }
    }

    #[must_use]
    pub fn error(self) -> Style {
        self.paint("error", self.fg(Color::Red).add_modifier(Modifier::BOLD))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_color_uses_modifiers_only() {
        let config = crate::config::parse(
            "[theme]\nhit = \"black on #ffcc00\"\nstatus = \"on 17\"\n",
            std::path::Path::new("config.toml"),
        )
        .unwrap();
        let t = Theme {
            no_color: true,
            ..Theme::with_config(&config)
        };
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

    #[test]
    fn the_config_colours_roles_and_no_color_wins() {
        let config = crate::config::parse(
            "[theme]\nhit = \"black on #ffcc00\"\nstatus = \"on 17\"\nheading1 = \"208\"\n",
            std::path::Path::new("config.toml"),
        )
        .unwrap();
        let t = Theme {
            no_color: false,
            ..Theme::with_config(&config)
        };
        assert_eq!(t.hit().fg, Some(Color::Black));
        assert_eq!(t.hit().bg, Some(Color::Rgb(0xff, 0xcc, 0)));
        assert_eq!(t.status().bg, Some(Color::Indexed(17)));
        assert_eq!(t.status().fg, Some(Color::White));
        assert_eq!(t.heading(1).fg, Some(Color::Indexed(208)));
        assert!(t.heading(1).add_modifier.contains(Modifier::BOLD));
        // Roles the file leaves out keep their default.
        assert_eq!(t.error().fg, Some(Color::Red));
        assert_eq!(Theme::default().hit().bg, Some(Color::Yellow));
    }
}

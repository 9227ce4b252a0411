//! The keymap: a pure function from (key, mode) to an [`Action`], driven by one table
//! ([`BINDINGS`]) from which the help overlay is generated, so the two cannot drift.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::focus::Mode;

mod bindings;
pub use bindings::BINDINGS;

/// Something the user asked for. `update` gives it its meaning in context.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Quit,
    Suspend,
    Help,
    /// Leave the current input line or overlay.
    Cancel,
    NextPane,
    PrevPane,
    /// Show / focus pane 1, 2 or 3 (regions, outline, reader).
    FocusPane(u8),
    Up,
    Down,
    HalfPageDown,
    HalfPageUp,
    PageDown,
    PageUp,
    Top,
    Bottom,
    /// Collapse a tree node (or go to its parent).
    Collapse,
    /// Expand a tree node.
    Expand,
    /// Open what is selected.
    Select,
    NextSection,
    PrevSection,
    NextTopSection,
    PrevTopSection,
    StartGoto,
    StartSearch,
    StartFilter,
    StartPicker,
    NextHit,
    PrevHit,
    PrevYear,
    NextYear,
    /// The trend of the search query (by year).
    ShowTrend,
    /// The keywords of the open report.
    ShowKeywords,
    /// The open report beside the same region's previous year.
    ShowDiff,
    /// A trend by year or by region.
    ToggleBy,
    /// The definitions of the glossary terms on the screen.
    ShowGlossary,
    /// A character typed into an input line.
    Char(char),
    Backspace,
    Delete,
    CaretLeft,
    CaretRight,
    CaretHome,
    CaretEnd,
    ClearLine,
    /// Enter in an input line.
    Submit,
}

/// A key as the table writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

const fn key(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::NONE,
    }
}

const fn ch(c: char) -> Key {
    key(KeyCode::Char(c))
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::CONTROL,
    }
}

impl Key {
    /// How the help overlay writes the key.
    #[must_use]
    pub fn label(self) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Up => "↑".to_string(),
            KeyCode::Down => "↓".to_string(),
            KeyCode::Left => "←".to_string(),
            KeyCode::Right => "→".to_string(),
            KeyCode::PageUp => "PgUp".to_string(),
            KeyCode::PageDown => "PgDn".to_string(),
            KeyCode::Home => "Home".to_string(),
            KeyCode::End => "End".to_string(),
            KeyCode::Enter => "Enter".to_string(),
            KeyCode::Esc => "Esc".to_string(),
            KeyCode::Tab => "Tab".to_string(),
            KeyCode::BackTab => "Shift-Tab".to_string(),
            KeyCode::Backspace => "Backspace".to_string(),
            KeyCode::Delete => "Del".to_string(),
            KeyCode::F(n) => format!("F{n}"),
            other => format!("{other:?}"),
        };
        if self.mods.contains(KeyModifiers::CONTROL) {
            format!("Ctrl-{base}")
        } else {
            base
        }
    }

    fn matches(self, ev: &KeyEvent) -> bool {
        let want_ctrl = self.mods.contains(KeyModifiers::CONTROL);
        let has_ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
        if want_ctrl != has_ctrl || ev.modifiers.contains(KeyModifiers::ALT) {
            return false;
        }
        match (self.code, ev.code) {
            // Shift is part of the character itself (N, ?, {).
            (KeyCode::Char(a), KeyCode::Char(b)) => a == b,
            (KeyCode::BackTab, KeyCode::BackTab) => true,
            (a, b) => a == b && !ev.modifiers.contains(KeyModifiers::SHIFT),
        }
    }
}

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Every mode.
    Global,
    /// Browsing.
    Normal,
    /// Any input line (search, filter, `:`, picker).
    Line,
    /// The search line and the section picker (their result lists).
    List,
    Help,
    /// The analysis views.
    View,
}

impl Scope {
    fn applies(self, mode: Mode) -> bool {
        match self {
            Scope::Global => true,
            Scope::Normal => mode == Mode::Normal,
            Scope::Line => mode.is_text(),
            Scope::List => matches!(mode, Mode::Search | Mode::Picker),
            Scope::Help => mode == Mode::Help,
            Scope::View => mode == Mode::View,
        }
    }

    /// The heading of this scope in the help overlay.
    #[must_use]
    pub fn heading(self) -> &'static str {
        match self {
            Scope::Global => "Everywhere",
            Scope::Normal => "Browsing",
            Scope::Line => "Input lines (/ f : s)",
            Scope::List => "Search results and section picker",
            Scope::Help => "This help",
            Scope::View => "Trend, keywords, side by side",
        }
    }
}

/// One row of the keymap.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub scope: Scope,
    pub keys: &'static [Key],
    pub action: Action,
    pub help: &'static str,
}

/// The action for a key in a mode, if any.
#[must_use]
pub fn keymap(ev: KeyEvent, mode: Mode) -> Option<Action> {
    for b in BINDINGS {
        if b.scope.applies(mode) && b.keys.iter().any(|k| k.matches(&ev)) {
            return Some(b.action);
        }
    }
    if mode.is_text() {
        if let KeyCode::Char(c) = ev.code {
            if !ev
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
            {
                return Some(Action::Char(c));
            }
        }
    }
    None
}

/// The help overlay's rows: (scope heading or empty, keys, description).
#[must_use]
pub fn help_rows() -> Vec<(String, String)> {
    let mut rows = Vec::new();
    let mut last: Option<Scope> = None;
    for b in BINDINGS {
        if last != Some(b.scope) {
            if last.is_some() {
                rows.push((String::new(), String::new()));
            }
            rows.push((format!("— {} —", b.scope.heading()), String::new()));
            if b.scope == Scope::Line {
                rows.push((
                    "text".to_string(),
                    "typed or pasted text, CJK included".to_string(),
                ));
            }
            last = Some(b.scope);
        }
        let keys: Vec<String> = b.keys.iter().map(|k| k.label()).collect();
        rows.push((keys.join(" "), b.help.to_string()));
    }
    rows
}

/// The key table as Markdown, for the README (a test keeps the README's copy current).
#[must_use]
pub fn markdown_table() -> String {
    use std::fmt::Write as _;
    let mut out = String::from("| Keys | Action |\n|---|---|\n");
    for (keys, what) in help_rows() {
        if keys.is_empty() {
            continue;
        }
        if what.is_empty() {
            let heading = keys.trim_matches(|c| c == '—' || c == ' ');
            let _ = writeln!(out, "| **{heading}** | |");
        } else {
            let keys: Vec<String> = keys
                .split(' ')
                .map(|k| {
                    if k == "|" {
                        "`\\|`".to_string()
                    } else {
                        format!("`{k}`")
                    }
                })
                .collect();
            let _ = writeln!(out, "| {} | {what} |", keys.join(" "));
        }
    }
    out
}

#[cfg(test)]
mod tests;

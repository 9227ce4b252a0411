//! The keymap: a pure function from (key, mode) to an [`Action`], driven by one table
//! ([`BINDINGS`]) from which the help overlay is generated, so the two cannot drift.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::focus::Mode;

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
}

impl Scope {
    fn applies(self, mode: Mode) -> bool {
        match self {
            Scope::Global => true,
            Scope::Normal => mode == Mode::Normal,
            Scope::Line => mode.is_text(),
            Scope::List => matches!(mode, Mode::Search | Mode::Picker),
            Scope::Help => mode == Mode::Help,
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

macro_rules! bind {
    ($scope:ident, [$($k:expr),+], $action:expr, $help:literal) => {
        Binding { scope: Scope::$scope, keys: &[$($k),+], action: $action, help: $help }
    };
}

/// The keymap. Earlier rows win; printable characters in input lines are text unless a
/// `Line` or `List` row claims them (none does).
pub const BINDINGS: &[Binding] = &[
    bind!(Normal, [ch('q')], Action::Quit, "quit"),
    bind!(
        Normal,
        [ch('?'), key(KeyCode::F(1))],
        Action::Help,
        "this help"
    ),
    bind!(Normal, [key(KeyCode::Tab)], Action::NextPane, "next pane"),
    bind!(
        Normal,
        [key(KeyCode::BackTab)],
        Action::PrevPane,
        "previous pane"
    ),
    bind!(Normal, [ch('1')], Action::FocusPane(1), "regions pane"),
    bind!(Normal, [ch('2')], Action::FocusPane(2), "outline pane"),
    bind!(Normal, [ch('3')], Action::FocusPane(3), "reader pane"),
    bind!(Normal, [ch('j'), key(KeyCode::Down)], Action::Down, "down"),
    bind!(Normal, [ch('k'), key(KeyCode::Up)], Action::Up, "up"),
    bind!(
        Normal,
        [ctrl('d')],
        Action::HalfPageDown,
        "half a page down"
    ),
    bind!(Normal, [ctrl('u')], Action::HalfPageUp, "half a page up"),
    bind!(
        Normal,
        [key(KeyCode::PageDown), ch(' '), ctrl('f')],
        Action::PageDown,
        "page down"
    ),
    bind!(
        Normal,
        [key(KeyCode::PageUp), ctrl('b')],
        Action::PageUp,
        "page up"
    ),
    bind!(Normal, [ch('g'), key(KeyCode::Home)], Action::Top, "top"),
    bind!(
        Normal,
        [ch('G'), key(KeyCode::End)],
        Action::Bottom,
        "bottom"
    ),
    bind!(
        Normal,
        [ch('h'), key(KeyCode::Left)],
        Action::Collapse,
        "collapse / parent"
    ),
    bind!(
        Normal,
        [ch('l'), key(KeyCode::Right)],
        Action::Expand,
        "expand"
    ),
    bind!(
        Normal,
        [key(KeyCode::Enter)],
        Action::Select,
        "open / expand"
    ),
    bind!(Normal, [ch(']')], Action::NextSection, "next section"),
    bind!(Normal, [ch('[')], Action::PrevSection, "previous section"),
    bind!(
        Normal,
        [ch('}')],
        Action::NextTopSection,
        "next top-level section"
    ),
    bind!(
        Normal,
        [ch('{')],
        Action::PrevTopSection,
        "previous top-level section"
    ),
    bind!(
        Normal,
        [ch(':')],
        Action::StartGoto,
        "go to section by number (:2.3)"
    ),
    bind!(
        Normal,
        [ch('s')],
        Action::StartPicker,
        "fuzzy section picker"
    ),
    bind!(
        Normal,
        [ch('/')],
        Action::StartSearch,
        "search (results as you type)"
    ),
    bind!(Normal, [ch('f')], Action::StartFilter, "filter the regions"),
    bind!(
        Normal,
        [ch('n')],
        Action::NextHit,
        "next hit (then next result)"
    ),
    bind!(Normal, [ch('N')], Action::PrevHit, "previous hit"),
    bind!(
        Normal,
        [ch('<')],
        Action::PrevYear,
        "same region, previous year"
    ),
    bind!(
        Normal,
        [ch('>')],
        Action::NextYear,
        "same region, next year"
    ),
    bind!(Line, [key(KeyCode::Esc)], Action::Cancel, "close the line"),
    bind!(Line, [key(KeyCode::Enter)], Action::Submit, "accept / open"),
    bind!(
        Line,
        [key(KeyCode::Backspace)],
        Action::Backspace,
        "delete back"
    ),
    bind!(Line, [key(KeyCode::Delete)], Action::Delete, "delete"),
    bind!(Line, [key(KeyCode::Left)], Action::CaretLeft, "caret left"),
    bind!(
        Line,
        [key(KeyCode::Right)],
        Action::CaretRight,
        "caret right"
    ),
    bind!(
        Line,
        [key(KeyCode::Home), ctrl('a')],
        Action::CaretHome,
        "line start"
    ),
    bind!(
        Line,
        [key(KeyCode::End), ctrl('e')],
        Action::CaretEnd,
        "line end"
    ),
    bind!(Line, [ctrl('u')], Action::ClearLine, "clear the line"),
    bind!(
        List,
        [key(KeyCode::Down), ctrl('n'), key(KeyCode::Tab)],
        Action::Down,
        "next result"
    ),
    bind!(
        List,
        [key(KeyCode::Up), ctrl('p'), key(KeyCode::BackTab)],
        Action::Up,
        "previous result"
    ),
    bind!(
        List,
        [key(KeyCode::PageDown)],
        Action::PageDown,
        "results page down"
    ),
    bind!(
        List,
        [key(KeyCode::PageUp)],
        Action::PageUp,
        "results page up"
    ),
    bind!(
        Help,
        [key(KeyCode::Esc), ch('q'), ch('?')],
        Action::Cancel,
        "close the help"
    ),
    bind!(
        Help,
        [ch('j'), key(KeyCode::Down)],
        Action::Down,
        "scroll down"
    ),
    bind!(Help, [ch('k'), key(KeyCode::Up)], Action::Up, "scroll up"),
    bind!(Global, [ctrl('c')], Action::Quit, "quit"),
    bind!(
        Global,
        [ctrl('z')],
        Action::Suspend,
        "suspend (fg to come back)"
    ),
];

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
mod tests {
    use super::*;

    fn k(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn c(ch: char) -> KeyEvent {
        k(KeyCode::Char(ch))
    }

    fn ctl(ch: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(ch), KeyModifiers::CONTROL)
    }

    #[test]
    fn browsing_keys() {
        let n = Mode::Normal;
        assert_eq!(keymap(c('q'), n), Some(Action::Quit));
        assert_eq!(keymap(ctl('c'), n), Some(Action::Quit));
        assert_eq!(keymap(ctl('z'), n), Some(Action::Suspend));
        assert_eq!(keymap(c('j'), n), Some(Action::Down));
        assert_eq!(keymap(k(KeyCode::Down), n), Some(Action::Down));
        assert_eq!(keymap(c('k'), n), Some(Action::Up));
        assert_eq!(keymap(c('g'), n), Some(Action::Top));
        assert_eq!(keymap(c('G'), n), Some(Action::Bottom));
        assert_eq!(
            keymap(KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT), n),
            Some(Action::Bottom)
        );
        assert_eq!(keymap(ctl('d'), n), Some(Action::HalfPageDown));
        assert_eq!(keymap(ctl('u'), n), Some(Action::HalfPageUp));
        assert_eq!(keymap(k(KeyCode::Tab), n), Some(Action::NextPane));
        assert_eq!(
            keymap(KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT), n),
            Some(Action::PrevPane)
        );
        assert_eq!(keymap(c(']'), n), Some(Action::NextSection));
        assert_eq!(keymap(c('['), n), Some(Action::PrevSection));
        assert_eq!(keymap(c('}'), n), Some(Action::NextTopSection));
        assert_eq!(keymap(c('{'), n), Some(Action::PrevTopSection));
        assert_eq!(keymap(c(':'), n), Some(Action::StartGoto));
        assert_eq!(keymap(c('/'), n), Some(Action::StartSearch));
        assert_eq!(keymap(c('n'), n), Some(Action::NextHit));
        assert_eq!(keymap(c('N'), n), Some(Action::PrevHit));
        assert_eq!(keymap(c('?'), n), Some(Action::Help));
        assert_eq!(keymap(c('2'), n), Some(Action::FocusPane(2)));
        assert_eq!(keymap(c('x'), n), None);
        assert_eq!(keymap(c('乡'), n), None);
    }

    #[test]
    fn input_lines_take_text() {
        for m in [Mode::Search, Mode::Filter, Mode::Goto, Mode::Picker] {
            assert_eq!(keymap(c('q'), m), Some(Action::Char('q')));
            assert_eq!(keymap(c('乡'), m), Some(Action::Char('乡')));
            assert_eq!(keymap(c('j'), m), Some(Action::Char('j')));
            assert_eq!(keymap(c(' '), m), Some(Action::Char(' ')));
            assert_eq!(keymap(k(KeyCode::Esc), m), Some(Action::Cancel));
            assert_eq!(keymap(k(KeyCode::Enter), m), Some(Action::Submit));
            assert_eq!(keymap(k(KeyCode::Backspace), m), Some(Action::Backspace));
            assert_eq!(keymap(ctl('u'), m), Some(Action::ClearLine));
            assert_eq!(keymap(ctl('c'), m), Some(Action::Quit));
        }
        assert_eq!(keymap(k(KeyCode::Down), Mode::Search), Some(Action::Down));
        assert_eq!(keymap(ctl('n'), Mode::Search), Some(Action::Down));
        assert_eq!(keymap(k(KeyCode::Down), Mode::Goto), None);
    }

    #[test]
    fn help_mode_closes() {
        assert_eq!(keymap(c('q'), Mode::Help), Some(Action::Cancel));
        assert_eq!(keymap(k(KeyCode::Esc), Mode::Help), Some(Action::Cancel));
        assert_eq!(keymap(c('/'), Mode::Help), None);
    }

    #[test]
    fn help_lists_every_binding() {
        let rows = help_rows();
        for b in BINDINGS {
            let keys: Vec<String> = b.keys.iter().map(|k| k.label()).collect();
            assert!(
                rows.iter()
                    .any(|(k, h)| *k == keys.join(" ") && h == b.help)
            );
        }
        assert!(rows.iter().any(|(k, _)| k == "Ctrl-d"));
    }
}

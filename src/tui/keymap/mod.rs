//! The keymap: a pure function from (key, mode) to an [`Action`], driven by one table
//! ([`BINDINGS`]) from which the help overlay is generated, so the two cannot drift.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::focus::Mode;
use crate::config::{Config, ConfigError};
use crate::lang::Lang;

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
    /// Open (or close) the targets view.
    Targets,
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
    /// `m`: the next letter marks the paragraph being read.
    StartMark,
    /// `'`: the next letter goes to that mark.
    StartJump,
    /// The marks list.
    ShowMarks,
    /// Delete the mark selected in the list.
    DeleteMark,
    /// Copy the paragraph being read, with its citation (OSC 52).
    CopyParagraph,
    /// Copy the section being read, with its citation.
    CopySection,
    /// In the search line: all reports, this region, this report.
    CycleScope,
    /// In the search line: by relevance, by year, by region.
    CycleOrder,
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
    /// The marks list.
    Marks,
    Help,
    /// The targets view.
    Targets,
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
            Scope::Marks => mode == Mode::Marks,
            Scope::Help => mode == Mode::Help,
            Scope::Targets => mode == Mode::Targets,
            Scope::View => mode == Mode::View,
        }
    }

    /// The heading of this scope in the help overlay.
    #[must_use]
    pub fn heading(self, lang: Lang) -> &'static str {
        let ui = lang.ui();
        match self {
            Scope::Global => ui.heading_global,
            Scope::Normal => ui.heading_normal,
            Scope::Line => ui.heading_line,
            Scope::List => ui.heading_list,
            Scope::Marks => ui.heading_marks,
            Scope::Help => ui.heading_help,
            Scope::Targets => ui.heading_targets,
            Scope::View => ui.heading_view,
        }
    }

    /// The prefix of its actions' names in the config file (`list.down`).
    fn prefix(self) -> &'static str {
        match self {
            Scope::Global => "global.",
            Scope::Normal => "",
            Scope::Line => "line.",
            Scope::List => "list.",
            Scope::Marks => "marks.",
            Scope::Help => "help.",
            Scope::Targets => "targets.",
            Scope::View => "view.",
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
    /// The help line in Chinese.
    pub zh: &'static str,
}

impl Binding {
    /// The action's name in the config file's `[keys]`: the action in snake case, with
    /// its scope before it outside browsing (`down`, `focus_pane_2`, `list.down`).
    #[must_use]
    pub fn name(&self) -> String {
        let debug = format!("{:?}", self.action);
        let mut out = String::from(self.scope.prefix());
        for (i, c) in debug.chars().enumerate() {
            match c {
                'A'..='Z' => {
                    if i > 0 {
                        out.push('_');
                    }
                    out.push(c.to_ascii_lowercase());
                }
                '(' => out.push('_'),
                ')' => {}
                c => out.push(c),
            }
        }
        out
    }

    /// The help line in `lang`.
    #[must_use]
    pub fn help(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => self.zh,
            Lang::En => self.help,
        }
    }
}

/// The keymap in effect: [`BINDINGS`] with the config file's `[keys]` in place of an
/// action's default keys.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Keymap {
    /// (index in `BINDINGS`, its keys now).
    overrides: Vec<(usize, Vec<Key>)>,
}

impl Keymap {
    /// The keymap with the config file's bindings.
    ///
    /// # Errors
    /// An unknown action name, with the line it is on.
    pub fn from_config(config: &Config) -> Result<Keymap, ConfigError> {
        let mut overrides = Vec::new();
        for kb in &config.keys {
            let Some(i) = BINDINGS.iter().position(|b| b.name() == kb.action) else {
                let mut names: Vec<String> = BINDINGS.iter().map(Binding::name).collect();
                names.dedup();
                return Err(config.error_at(
                    kb.line,
                    format!(
                        "[keys] has no action {}: the actions are {}",
                        kb.action,
                        names.join(", ")
                    ),
                ));
            };
            let keys = kb
                .keys
                .iter()
                .map(|k| Key {
                    code: k.code,
                    mods: k.mods,
                })
                .collect();
            overrides.push((i, keys));
        }
        Ok(Keymap { overrides })
    }

    /// The keys binding `i` of [`BINDINGS`] answers to.
    #[must_use]
    pub fn keys(&self, i: usize) -> &[Key] {
        self.overrides
            .iter()
            .rev()
            .find(|(j, _)| *j == i)
            .map_or(BINDINGS[i].keys, |(_, k)| k.as_slice())
    }

    /// The action for a key in a mode, if any. Keys the config file gives win over the
    /// defaults of other actions.
    #[must_use]
    pub fn action(&self, ev: KeyEvent, mode: Mode) -> Option<Action> {
        for (i, keys) in self.overrides.iter().rev() {
            let b = &BINDINGS[*i];
            if b.scope.applies(mode) && keys.iter().any(|k| k.matches(&ev)) {
                return Some(b.action);
            }
        }
        for (i, b) in BINDINGS.iter().enumerate() {
            if b.scope.applies(mode) && self.keys(i).iter().any(|k| k.matches(&ev)) {
                return Some(b.action);
            }
        }
        if mode.is_text() || matches!(mode, Mode::MarkSet | Mode::MarkJump) {
            if matches!(mode, Mode::MarkSet | Mode::MarkJump) && ev.code == KeyCode::Esc {
                return Some(Action::Cancel);
            }
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
}

/// The action for a key in a mode with the default keys, if any.
#[must_use]
pub fn keymap(ev: KeyEvent, mode: Mode) -> Option<Action> {
    Keymap::default().action(ev, mode)
}

/// The help overlay's rows in `lang` for `keymap`: (scope heading or empty, keys,
/// description).
#[must_use]
pub fn help_rows(lang: Lang, keymap: &Keymap) -> Vec<(String, String)> {
    let ui = lang.ui();
    let mut rows = Vec::new();
    let mut last: Option<Scope> = None;
    for (i, b) in BINDINGS.iter().enumerate() {
        if last != Some(b.scope) {
            if last.is_some() {
                rows.push((String::new(), String::new()));
            }
            rows.push((format!("— {} —", b.scope.heading(lang)), String::new()));
            if b.scope == Scope::Line {
                rows.push((ui.text_keys.to_string(), ui.text_help.to_string()));
            }
            last = Some(b.scope);
        }
        let keys: Vec<String> = keymap.keys(i).iter().map(|k| k.label()).collect();
        rows.push((keys.join(" "), b.help(lang).to_string()));
    }
    rows
}

/// The key table as Markdown in `lang`, for the README (a test keeps the README's copies
/// current).
#[must_use]
pub fn markdown_table(lang: Lang) -> String {
    use std::fmt::Write as _;
    let mut out = match lang {
        Lang::En => String::from("| Keys | Action |\n|---|---|\n"),
        Lang::Zh => String::from("| 按键 | 作用 |\n|---|---|\n"),
    };
    for (keys, what) in help_rows(lang, &Keymap::default()) {
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

//! Where gwr keeps its files, and the user's configuration.
//!
//! Paths come from `directories`; `--data-dir` / `GWR_DATA_DIR` and `--config` /
//! `GWR_CONFIG` override them. The config file is TOML (see `config.example.toml`):
//! `corpus`, `mouse`, `lang`, key bindings under `[keys]` (action = keys) and colours
//! under `[theme]` (role = colour). A mistake is a [`ConfigError`] naming the file and
//! the line.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use crossterm::event::{KeyCode, KeyModifiers};
use ratatui::style::Color;
use serde::Deserialize;
use toml::Spanned;

use crate::lang::Lang;

/// The user's configuration. Every field has a default, so an empty file is valid.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Config {
    /// The corpus folder to open when `--corpus` is not given.
    pub corpus: Option<PathBuf>,
    /// Scroll with the mouse wheel in the TUI (off by default, so terminal selection works).
    pub mouse: bool,
    /// The interface language the file asks for (`GWR_LANG` beats it; see [`Lang::from_env`]).
    pub lang: Option<Lang>,
    /// `[keys]`: key bindings that replace the keymap's for an action, in file order.
    pub keys: Vec<KeyBinding>,
    /// `[theme]`: colours by role (`NO_COLOR` still wins).
    pub theme: BTreeMap<String, Colours>,
    /// A user dictionary for jieba (its format: `word [frequency] [tag]` a line), adding
    /// policy terms to the segmentation of the search index's ranking words, keywords,
    /// new words and diffs (relative to the config file).
    pub dictionary: Option<PathBuf>,
    /// The file this was read from, or looked for (`None`: no config directory).
    pub path: Option<PathBuf>,
}

/// One line of `[keys]`: the keys that now do `action`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyBinding {
    /// The action's name as the help and `gwr config` write it (`down`, `search`).
    pub action: String,
    pub keys: Vec<KeyPress>,
    /// The line of the file (from 1), for errors found later (an unknown action).
    pub line: usize,
}

/// A key as the config file writes it (`j`, `Ctrl-d`, `PgDn`, `F1`, `Space`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeyPress {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

/// A role's colours: `"yellow"`, `"black on yellow"`, `"#ffcc00"`, `"208"`, `"on blue"`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Colours {
    pub fg: Option<Color>,
    pub bg: Option<Color>,
}

/// The roles `[theme]` can colour, with what each is.
pub const THEME_ROLES: &[(&str, &str)] = &[
    ("border", "pane borders"),
    ("focus", "the focused pane's border and title"),
    ("heading1", "top-level headings in the reader"),
    ("heading2", "second-level headings"),
    ("heading3", "deeper headings"),
    ("hit", "search hits in the text"),
    ("current_hit", "the hit n / N is on"),
    ("current", "the section being read, in the outline"),
    ("dim", "counts, years and hints"),
    ("accent", "prompts and markers"),
    ("status", "the status line"),
    ("error", "messages about a problem"),
];

/// A mistake in the config file, with the file and (when known) the line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct ConfigError {
    pub path: PathBuf,
    /// From 1.
    pub line: Option<usize>,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(l) => write!(f, "{}, line {l}: {}", self.path.display(), self.message),
            None => write!(f, "{}: {}", self.path.display(), self.message),
        }
    }
}

impl Config {
    /// An error at line `line` of this config's file (for checks made after loading,
    /// such as the keymap's of action names).
    #[must_use]
    pub fn error_at(&self, line: usize, message: impl Into<String>) -> ConfigError {
        ConfigError {
            path: self.path.clone().unwrap_or_else(|| PathBuf::from("config")),
            line: Some(line),
            message: message.into(),
        }
    }
}

/// The example configuration shipped with gwr (and tested to parse).
pub const EXAMPLE: &str = include_str!("config.example.toml");

fn project_dirs() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("", "", "gwr")
}

/// The data directory: the flag, else `GWR_DATA_DIR`, else the platform's data dir.
#[must_use]
pub fn data_dir(flag: Option<&Path>) -> PathBuf {
    if let Some(p) = flag {
        return p.to_path_buf();
    }
    if let Some(p) = std::env::var_os("GWR_DATA_DIR").filter(|v| !v.is_empty()) {
        return PathBuf::from(p);
    }
    project_dirs().map_or_else(|| PathBuf::from(".gwr"), |d| d.data_dir().to_path_buf())
}

/// The config file: the flag, else `GWR_CONFIG`, else `config.toml` in the platform's config dir.
#[must_use]
pub fn config_path(flag: Option<&Path>) -> Option<PathBuf> {
    if let Some(p) = flag {
        return Some(p.to_path_buf());
    }
    if let Some(p) = std::env::var_os("GWR_CONFIG").filter(|v| !v.is_empty()) {
        return Some(PathBuf::from(p));
    }
    project_dirs().map(|d| d.config_dir().join("config.toml"))
}

/// Reads the config file; a missing file gives the defaults.
///
/// # Errors
/// When the file exists but cannot be read or is not valid.
pub fn load(path: Option<&Path>) -> Result<Config, ConfigError> {
    let Some(path) = path else {
        return Ok(Config::default());
    };
    match std::fs::read_to_string(path) {
        Ok(text) => parse(&text, path),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Config {
            path: Some(path.to_path_buf()),
            ..Config::default()
        }),
        Err(e) => Err(ConfigError {
            path: path.to_path_buf(),
            line: None,
            message: format!("cannot read it: {e}"),
        }),
    }
}

/// The file as serde reads it, with the places of what is checked afterwards.
#[derive(Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
struct Raw {
    corpus: Option<PathBuf>,
    mouse: bool,
    lang: Option<Spanned<String>>,
    keys: BTreeMap<Spanned<String>, Spanned<Keys>>,
    theme: BTreeMap<Spanned<String>, Spanned<String>>,
    dictionary: Option<PathBuf>,
}

/// `down = "j"`, `down = "j Down"` or `down = ["j", "Down"]`.
#[derive(Deserialize)]
#[serde(untagged)]
enum Keys {
    One(String),
    Many(Vec<String>),
}

/// Parses a config file's text (`path` is for the messages).
///
/// # Errors
/// A [`ConfigError`] naming the line of the first mistake.
pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
    let at = |span: Option<std::ops::Range<usize>>, message: String| ConfigError {
        path: path.to_path_buf(),
        line: span.map(|s| line_of(text, s.start)),
        message,
    };
    let raw: Raw = toml::from_str(text).map_err(|e| {
        let message = e.message().trim().replace('\n', " ");
        at(e.span(), message)
    })?;
    let lang = match raw.lang {
        None => None,
        Some(l) => Some(Lang::parse(l.get_ref()).ok_or_else(|| {
            at(
                Some(l.span()),
                format!("lang = \"{}\": give \"zh\" or \"en\"", l.get_ref()),
            )
        })?),
    };
    let mut keys = Vec::with_capacity(raw.keys.len());
    for (action, value) in raw.keys {
        let line = line_of(text, action.span().start);
        let words: Vec<String> = match value.get_ref() {
            Keys::One(s) => s.split_whitespace().map(str::to_string).collect(),
            Keys::Many(v) => v.clone(),
        };
        if words.is_empty() {
            return Err(at(
                Some(value.span()),
                format!(
                    "{} has no keys: give at least one (\"j\")",
                    action.get_ref()
                ),
            ));
        }
        let presses = words
            .iter()
            .map(|w| parse_key(w))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|m| at(Some(value.span()), format!("{}: {m}", action.get_ref())))?;
        keys.push(KeyBinding {
            action: action.into_inner(),
            keys: presses,
            line,
        });
    }
    keys.sort_by_key(|k| k.line);
    let mut theme = BTreeMap::new();
    for (role, value) in raw.theme {
        if !THEME_ROLES.iter().any(|(r, _)| *r == role.get_ref()) {
            let roles: Vec<&str> = THEME_ROLES.iter().map(|(r, _)| *r).collect();
            return Err(at(
                Some(role.span()),
                format!(
                    "[theme] has no role {}: the roles are {}",
                    role.get_ref(),
                    roles.join(", ")
                ),
            ));
        }
        let colours = parse_colours(value.get_ref())
            .map_err(|m| at(Some(value.span()), format!("{}: {m}", role.get_ref())))?;
        theme.insert(role.into_inner(), colours);
    }
    Ok(Config {
        corpus: raw.corpus,
        mouse: raw.mouse,
        lang,
        keys,
        theme,
        // A relative dictionary path is relative to the config file.
        dictionary: raw.dictionary.map(|d| match path.parent() {
            Some(dir) if d.is_relative() => dir.join(d),
            _ => d,
        }),
        path: Some(path.to_path_buf()),
    })
}

/// The line (from 1) of byte offset `at` in `text`.
fn line_of(text: &str, at: usize) -> usize {
    text.get(..at).unwrap_or(text).matches('\n').count() + 1
}

/// Parses a key as the help writes it: a character (`j`, `?`, `乡`), `Space`, `Enter`,
/// `Esc`, `Tab`, `Shift-Tab`, `Backspace`, `Del`, `Home`, `End`, `PgUp`, `PgDn`,
/// `Up`/`↑`, `Down`/`↓`, `Left`/`←`, `Right`/`→`, `F1`–`F12`, and `Ctrl-` before a letter.
///
/// # Errors
/// A message saying what is wrong and what would do.
pub fn parse_key(s: &str) -> Result<KeyPress, String> {
    let (ctrl, base) = match s.get(..5) {
        Some(p) if p.eq_ignore_ascii_case("ctrl-") && s.len() > 5 => (true, &s[5..]),
        _ => (false, s),
    };
    let mut chars = base.chars();
    let one = match (chars.next(), chars.next()) {
        (Some(c), None) if !c.is_control() && c != ' ' => Some(c),
        _ => None,
    };
    let code = match base.to_ascii_lowercase().as_str() {
        "space" => KeyCode::Char(' '),
        "enter" | "return" => KeyCode::Enter,
        "esc" | "escape" => KeyCode::Esc,
        "tab" => KeyCode::Tab,
        "shift-tab" | "backtab" => KeyCode::BackTab,
        "backspace" => KeyCode::Backspace,
        "del" | "delete" => KeyCode::Delete,
        "home" => KeyCode::Home,
        "end" => KeyCode::End,
        "pgup" | "pageup" => KeyCode::PageUp,
        "pgdn" | "pagedown" => KeyCode::PageDown,
        "up" | "↑" => KeyCode::Up,
        "down" | "↓" => KeyCode::Down,
        "left" | "←" => KeyCode::Left,
        "right" | "→" => KeyCode::Right,
        f if f.starts_with('f') && f[1..].parse::<u8>().is_ok_and(|n| (1..=12).contains(&n)) => {
            KeyCode::F(f[1..].parse().unwrap_or(1))
        }
        _ => match one {
            Some(c) => KeyCode::Char(c),
            None => {
                return Err(format!(
                    "`{s}` is not a key: write a character (j), Ctrl-d, Space, Enter, Esc, \
                         Tab, PgDn, Up, F1, …"
                ));
            }
        },
    };
    if ctrl {
        match code {
            KeyCode::Char(c) if c.is_ascii_alphabetic() => {
                return Ok(KeyPress {
                    code: KeyCode::Char(c.to_ascii_lowercase()),
                    mods: KeyModifiers::CONTROL,
                });
            }
            _ => return Err(format!("`{s}`: Ctrl- goes with a letter (Ctrl-d)")),
        }
    }
    Ok(KeyPress {
        code,
        mods: KeyModifiers::NONE,
    })
}

/// Parses `"fg"`, `"fg on bg"` or `"on bg"`; a colour is a name (`yellow`, `lightred`,
/// `darkgray`), `#rrggbb`, or a number 0–255.
fn parse_colours(s: &str) -> Result<Colours, String> {
    let colour = |c: &str| {
        c.trim().parse::<Color>().map_err(|_| {
            format!(
                "`{}` is not a colour: write a name (yellow, lightred, darkgray), #rrggbb or \
                 0-255, and \"fg on bg\" for both",
                c.trim()
            )
        })
    };
    let s = s.trim();
    let (fg, bg) = match s.split_once(" on ") {
        Some((f, b)) => (Some(f), Some(b)),
        None => match s.strip_prefix("on ") {
            Some(b) => (None, Some(b)),
            None => (Some(s), None),
        },
    };
    Ok(Colours {
        fg: fg
            .filter(|f| !f.trim().is_empty())
            .map(colour)
            .transpose()?,
        bg: bg.map(colour).transpose()?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(text: &str) -> Result<Config, ConfigError> {
        parse(text, Path::new("config.toml"))
    }

    #[test]
    fn example_config_parses() {
        let c = parsed(EXAMPLE).unwrap();
        assert_eq!(c.corpus.as_deref(), Some(Path::new("/srv/reports")));
        assert!(!c.mouse);
        assert_eq!(c.lang, Some(Lang::Zh));
        assert!(!c.keys.is_empty());
        assert!(!c.theme.is_empty());
    }

    #[test]
    fn an_empty_file_is_the_defaults() {
        let c = parsed("").unwrap();
        assert_eq!(
            c,
            Config {
                path: Some(PathBuf::from("config.toml")),
                ..Config::default()
            }
        );
    }

    #[test]
    fn keys_and_colours_are_read() {
        let c = parsed(
            "lang = \"en\"\n[keys]\nsearch = \"Ctrl-s\"\ndown = [\"j\", \"Down\", \"PgDn\"]\n\
             [theme]\nhit = \"black on #ffcc00\"\nstatus = \"on 17\"\naccent = \"lightred\"\n",
        )
        .unwrap();
        assert_eq!(c.lang, Some(Lang::En));
        assert_eq!(c.keys.len(), 2);
        assert_eq!(c.keys[0].action, "search");
        assert_eq!(c.keys[0].line, 3);
        assert_eq!(
            c.keys[0].keys,
            vec![KeyPress {
                code: KeyCode::Char('s'),
                mods: KeyModifiers::CONTROL
            }]
        );
        assert_eq!(c.keys[1].line, 4);
        assert_eq!(c.keys[1].keys[2].code, KeyCode::PageDown);
        assert_eq!(
            c.theme["hit"],
            Colours {
                fg: Some(Color::Black),
                bg: Some(Color::Rgb(0xff, 0xcc, 0))
            }
        );
        assert_eq!(c.theme["status"].bg, Some(Color::Indexed(17)));
        assert_eq!(c.theme["accent"].fg, Some(Color::LightRed));
    }

    /// Every kind of mistake names the line it is on.
    #[test]
    fn mistakes_name_their_line() {
        for (text, line, words) in [
            ("mouse = true\nlang = \"fr\"\n", 2, "give \"zh\" or \"en\""),
            ("\n\n[keys]\ndown = \"Ctrl-\"\n", 4, "not a key"),
            (
                "[keys]\nup = \"k\"\ndown = \"Ctrl-1\"\n",
                3,
                "Ctrl- goes with a letter",
            ),
            ("[keys]\ndown = []\n", 2, "no keys"),
            (
                "[theme]\nhit = \"black on mauve\"\n",
                2,
                "`mauve` is not a colour",
            ),
            ("[theme]\n\nlink = \"red\"\n", 3, "no role link"),
            ("mouse = true\ncolour = 1\n", 2, "unknown field"),
            ("mouse = \"yes\"\n", 1, "bool"),
            ("[keys\n", 1, ""),
        ] {
            let e = parsed(text).unwrap_err();
            assert_eq!(e.line, Some(line), "{text:?}: {e}");
            assert!(e.message.contains(words), "{text:?}: {e}");
            assert!(
                e.to_string()
                    .starts_with(&format!("config.toml, line {line}: ")),
                "{e}"
            );
            assert!(!e.to_string().contains('\n'), "{e}");
        }
    }

    #[test]
    fn keys_parse_as_the_help_writes_them() {
        for (s, code, ctrl) in [
            ("j", KeyCode::Char('j'), false),
            ("?", KeyCode::Char('?'), false),
            ("G", KeyCode::Char('G'), false),
            ("Space", KeyCode::Char(' '), false),
            ("Ctrl-D", KeyCode::Char('d'), true),
            ("ctrl-u", KeyCode::Char('u'), true),
            ("PgDn", KeyCode::PageDown, false),
            ("↑", KeyCode::Up, false),
            ("Shift-Tab", KeyCode::BackTab, false),
            ("F1", KeyCode::F(1), false),
            ("Del", KeyCode::Delete, false),
        ] {
            let k = parse_key(s).unwrap();
            assert_eq!(k.code, code, "{s}");
            assert_eq!(k.mods.contains(KeyModifiers::CONTROL), ctrl, "{s}");
        }
        for bad in ["", "jj", "F13", "Ctrl-", "Ctrl-Enter", "Hyper-x"] {
            assert!(parse_key(bad).is_err(), "{bad:?}");
        }
    }
}

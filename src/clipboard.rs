//! Copying to the user's clipboard through the terminal: the OSC 52 sequence
//! `ESC ] 52 ; c ; <base64 of the text> BEL`, which works over SSH (the terminal on the
//! user's side does the copying) and inside tmux with `set -g set-clipboard on` (tmux
//! keeps the text as a paste buffer and passes it on).
//!
//! Whether a terminal honours the sequence cannot be asked; what can be known is said
//! ([`Support`]): the Linux console, `dumb` terminals and GNU screen never do, tmux only
//! with `set-clipboard on`. There nothing is written (so nothing can show up on the
//! screen) and the user gets a one-line reason instead.

use std::io::Write;

use base64::Engine as _;

/// The most text one copy sends, in bytes of base64 (xterm and tmux take more; some
/// terminals stop near 100 000).
pub const MAX_BASE64: usize = 100_000;

/// The OSC 52 sequence that puts `text` on the clipboard.
#[must_use]
pub fn osc52(text: &str) -> String {
    format!(
        "\x1b]52;c;{}\x07",
        base64::engine::general_purpose::STANDARD.encode(text)
    )
}

/// What gwr knows of the terminal it runs in, from the environment.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Env {
    /// `TERM`.
    pub term: Option<String>,
    /// Inside tmux (`TMUX` set): tmux's `set-clipboard` option (`on`, `external`, `off`).
    pub tmux_clipboard: Option<String>,
    /// Inside GNU screen (`STY` set).
    pub screen: bool,
}

impl Env {
    /// The environment of this process (asks tmux for its option when inside tmux).
    #[must_use]
    pub fn current() -> Env {
        let tmux_clipboard = std::env::var_os("TMUX").filter(|v| !v.is_empty()).map(|_| {
            std::process::Command::new("tmux")
                .args(["show-options", "-gv", "set-clipboard"])
                .output()
                .ok()
                .filter(|o| o.status.success())
                .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
                .unwrap_or_default()
        });
        Env {
            term: std::env::var("TERM").ok(),
            tmux_clipboard,
            screen: std::env::var_os("STY").is_some_and(|v| !v.is_empty()),
        }
    }
}

/// Whether the clipboard sequence will be honoured.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Support {
    /// As far as can be known (the sequence is sent).
    Yes,
    /// tmux with `set-clipboard` other than `on`: it would drop the sequence.
    TmuxOff(String),
    /// GNU screen: it does not pass OSC 52 on.
    Screen,
    /// A terminal without the sequence (`TERM=linux`, `dumb`, …).
    Unsupported(String),
}

impl Env {
    /// What this environment does with OSC 52.
    #[must_use]
    pub fn support(&self) -> Support {
        if let Some(v) = &self.tmux_clipboard {
            return if v == "on" {
                Support::Yes
            } else {
                Support::TmuxOff(v.clone())
            };
        }
        if self.screen {
            return Support::Screen;
        }
        match self.term.as_deref() {
            None | Some("" | "dumb" | "linux" | "vt100" | "vt102" | "vt220" | "cons25") => {
                Support::Unsupported(self.term.clone().unwrap_or_default())
            }
            Some(t) if t.starts_with("screen") && self.tmux_clipboard.is_none() => Support::Screen,
            _ => Support::Yes,
        }
    }
}

/// Why nothing was copied.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CopyError {
    #[error(
        "tmux drops the clipboard sequence (set-clipboard {0}): add `set -g set-clipboard on` to ~/.tmux.conf"
    )]
    TmuxOff(String),
    #[error("GNU screen does not pass the clipboard sequence (OSC 52) on; copy with the mouse")]
    Screen,
    #[error("this terminal (TERM={0}) has no clipboard sequence (OSC 52); copy with the mouse")]
    Unsupported(String),
    #[error("too long to copy at once ({0} KB; terminals take about 70 KB)")]
    TooLong(usize),
    #[error("cannot write to the terminal: {0}")]
    Write(String),
}

/// Copies `text` by writing its OSC 52 sequence to `out`, when `env` will honour it.
/// Returns the number of characters copied.
///
/// # Errors
/// A [`CopyError`] saying why nothing was written.
pub fn copy(text: &str, env: &Env, out: &mut dyn Write) -> Result<usize, CopyError> {
    match env.support() {
        Support::Yes => {}
        Support::TmuxOff(v) => return Err(CopyError::TmuxOff(v)),
        Support::Screen => return Err(CopyError::Screen),
        Support::Unsupported(t) => return Err(CopyError::Unsupported(t)),
    }
    let seq = osc52(text);
    if seq.len() > MAX_BASE64 + 10 {
        return Err(CopyError::TooLong(text.len().div_ceil(1000)));
    }
    out.write_all(seq.as_bytes())
        .and_then(|()| out.flush())
        .map_err(|e| CopyError::Write(e.to_string()))?;
    Ok(text.chars().count())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(term: &str) -> Env {
        Env {
            term: Some(term.to_string()),
            ..Env::default()
        }
    }

    #[test]
    fn the_sequence_is_osc_52_with_base64() {
        // base64 of the UTF-8 bytes of 乡村振兴 is 5Lmh5p2R5oyv5YW0.
        assert_eq!(osc52("乡村振兴"), "\x1b]52;c;5Lmh5p2R5oyv5YW0\x07");
        assert_eq!(osc52(""), "\x1b]52;c;\x07");
        assert_eq!(osc52("a\nb"), "\x1b]52;c;YQpi\x07");
    }

    #[test]
    fn copy_writes_the_sequence_where_it_is_honoured() {
        let mut out = Vec::new();
        assert_eq!(copy("乡村振兴", &env("xterm-256color"), &mut out), Ok(4));
        assert_eq!(out, b"\x1b]52;c;5Lmh5p2R5oyv5YW0\x07");
        let tmux_on = Env {
            tmux_clipboard: Some("on".into()),
            ..env("screen-256color")
        };
        let mut out = Vec::new();
        assert_eq!(copy("x", &tmux_on, &mut out), Ok(1));
        assert_eq!(out, b"\x1b]52;c;eA==\x07");
    }

    #[test]
    fn nothing_is_written_where_it_is_not() {
        let tmux_external = Env {
            tmux_clipboard: Some("external".into()),
            ..env("tmux-256color")
        };
        let screen = Env {
            screen: true,
            ..env("screen")
        };
        let long = "字".repeat(30_000);
        for (e, text, want) in [
            (env("linux"), "x", CopyError::Unsupported("linux".into())),
            (env("dumb"), "x", CopyError::Unsupported("dumb".into())),
            (Env::default(), "x", CopyError::Unsupported(String::new())),
            (tmux_external, "x", CopyError::TmuxOff("external".into())),
            (screen, "x", CopyError::Screen),
            (env("xterm"), long.as_str(), CopyError::TooLong(90)),
        ] {
            let mut out = Vec::new();
            assert_eq!(copy(text, &e, &mut out), Err(want), "{e:?}");
            assert!(out.is_empty(), "{e:?}");
        }
        let msg = CopyError::TmuxOff("off".into()).to_string();
        assert!(msg.contains("set -g set-clipboard on"), "{msg}");
        assert!(!msg.contains('\n'));
    }
}

//! The TUI's integration tests, one test binary: `update` driven by messages with the
//! results checked on the state ([`update`]), whole screens as insta snapshots
//! ([`screens`]), the run loop with a fake host ([`run_loop`]), keystroke latency over a
//! real engine ([`latency`]), the analysis views ([`views`]), marks ([`marks`]), the
//! README's key table ([`readme`]), and the real binary in tmux ([`e2e_tmux`], and
//! [`clipboard_tmux`] for copies through OSC 52). [`common`] holds the fixtures and the
//! harness, [`tmux`] the terminal.

mod clipboard_tmux;
mod common;
mod e2e_tmux;
mod latency;
mod marks;
mod readme;
mod run_loop;
mod screens;
mod tmux;
mod update;
mod views;

//! The analysis views' common part: sending a request and opening the view, the
//! worker's answer, and the keys every view shares (scroll, Esc); each view's own keys
//! are in its module ([`super::trend`], [`super::diff`]).

use std::sync::Arc;

use super::{diff, trend};
use crate::tui::app::{App, Mode};
use crate::tui::keymap::Action;
use crate::tui::msg::Cmd;
use crate::tui::view::{Analysis, Request};

/// Sends a request and opens the view (it shows "…" until the answer).
pub(super) fn request(app: &mut App, r: Request, cmds: &mut Vec<Cmd>) {
    app.mode = Mode::View;
    app.view.request = Some(r.clone());
    app.view.error = None;
    app.view.scroll = 0;
    let generation = app.view.jobs.issue();
    cmds.push(Cmd::Analyse {
        generation,
        request: r,
    });
}

/// An answer from the worker: only the newest request's lands.
pub(super) fn done(app: &mut App, generation: u64, result: Result<Arc<Analysis>, String>) {
    if !app.view.jobs.accept(generation) {
        return;
    }
    match result {
        Ok(a) => {
            app.view.shown = Some(a);
            app.view.error = None;
            // A chart starts on its last year.
            app.view.selected = app.view.years().len().saturating_sub(1);
        }
        Err(e) => app.view.error = Some(e),
    }
}

/// Keys in a view.
pub(super) fn action(app: &mut App, action: Action, page: usize, cmds: &mut Vec<Cmd>) {
    match action {
        Action::Cancel => app.mode = Mode::Normal,
        Action::Down => app.view.scroll += 1,
        Action::Up => app.view.scroll = app.view.scroll.saturating_sub(1),
        Action::PageDown => app.view.scroll += page.max(1),
        Action::PageUp => app.view.scroll = app.view.scroll.saturating_sub(page.max(1)),
        Action::Collapse | Action::Expand | Action::Select | Action::ToggleBy => {
            trend::action(app, action, cmds);
        }
        Action::PrevYear | Action::NextYear => diff::walk(app, action == Action::NextYear, cmds),
        _ => {}
    }
}

//! The keywords view: `K` opens it on the open report.

use super::view::request;
use crate::tui::app::App;
use crate::tui::msg::Cmd;
use crate::tui::view::Request;

/// `K`: the keywords of the open report.
pub(super) fn show_keywords(app: &mut App, cmds: &mut Vec<Cmd>) {
    let Some(id) = app.reader.report.as_ref().map(|r| r.meta.id.clone()) else {
        app.message = Some("先打开一份报告".to_string());
        return;
    };
    request(app, Request::Keywords { report: id }, cmds);
}

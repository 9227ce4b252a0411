//! Two reports side by side: `D` opens the open report beside its region's previous
//! year; `<` / `>` walk the pair through the years.

use super::view::request;
use crate::tui::app::App;
use crate::tui::msg::Cmd;
use crate::tui::view::Request;

/// The report of the same region a year before or after `id` (the nearest year).
fn neighbour(app: &App, id: &str, forward: bool) -> Option<String> {
    let catalog = app.catalog.as_ref()?;
    let meta = &catalog.get(id)?.meta;
    let code = &meta.region.as_ref()?.code;
    let year = meta.year?;
    let same = catalog.iter().filter(|r| {
        r.meta.id != meta.id && r.meta.region.as_ref().is_some_and(|g| &g.code == code)
    });
    let pick = if forward {
        same.filter(|r| r.meta.year.is_some_and(|y| y > year))
            .min_by_key(|r| r.meta.year)
    } else {
        same.filter(|r| r.meta.year.is_some_and(|y| y < year))
            .max_by_key(|r| r.meta.year)
    };
    pick.map(|r| r.meta.id.clone())
}

/// `D`: the open report beside the same region's previous year.
pub(super) fn show_diff(app: &mut App, cmds: &mut Vec<Cmd>) {
    let Some(id) = app.reader.report.as_ref().map(|r| r.meta.id.clone()) else {
        app.message = Some("先打开一份报告".to_string());
        return;
    };
    match neighbour(app, &id, false) {
        Some(old) => request(app, Request::Diff { old, new: id }, cmds),
        None => app.message = Some("这个地区没有更早一年的报告可以对照".to_string()),
    }
}

/// `<` / `>`: the pair moves a year back (or on) in the region.
pub(super) fn walk(app: &mut App, forward: bool, cmds: &mut Vec<Cmd>) {
    if let Some(Request::Diff { old, new }) = app.view.request.clone() {
        let next = if forward {
            neighbour(app, &new, true).map(|n| (new.clone(), n))
        } else {
            neighbour(app, &old, false).map(|o| (o, old.clone()))
        };
        match next {
            Some((old, new)) => request(app, Request::Diff { old, new }, cmds),
            None => app.message = Some("没有更多年份".to_string()),
        }
    }
}

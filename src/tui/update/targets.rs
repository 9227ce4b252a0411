//! The targets view: opening it on the current region (the table is read by the targets
//! worker, [`Cmd::Targets`]; only the newest request's answer lands), moving the cursor
//! across years and indicator columns, and Enter opening the report at the figure's
//! phrase.

use std::sync::Arc;

use super::reader;
use crate::targets::Indicator;
use crate::tui::app::{App, Jump, Mode};
use crate::tui::keymap::Action;
use crate::tui::msg::Cmd;
use crate::tui::targets::{TargetsTable, columns_shown, rows_shown};

/// `t`: the view for the open report's region, its year first (and its children that
/// year), once the worker has read it.
pub(super) fn open(app: &mut App, cmds: &mut Vec<Cmd>) {
    let Some(report) = app.reader.report.clone() else {
        app.message = Some("先打开一份报告 (open a report first)".to_string());
        return;
    };
    let Some(region) = report.meta.region.as_ref() else {
        app.message = Some("这份报告没有地区 (the report has no region)".to_string());
        return;
    };
    let t = &mut app.targets;
    t.region.clone_from(&region.name);
    t.rows.clear();
    t.loading = true;
    let generation = t.jobs.issue();
    cmds.push(Cmd::Targets {
        generation,
        code: region.code.clone(),
        year: report.meta.year,
    });
    app.mode = Mode::Targets;
}

/// The worker's answer: only the newest request's lands.
pub(super) fn done(app: &mut App, generation: u64, result: Result<Arc<TargetsTable>, String>) {
    if !app.targets.jobs.accept(generation) {
        return;
    }
    app.targets.loading = false;
    match result {
        Ok(table) => app.targets.show(&table),
        Err(e) => {
            app.message = Some(e);
            if app.mode == Mode::Targets {
                app.mode = Mode::Normal;
            }
        }
    }
}

/// A key in the targets view.
pub(super) fn action(app: &mut App, action: Action, cmds: &mut Vec<Cmd>) {
    let rows = app.targets.rows.len();
    let page = rows_shown(app.size.height).max(1) as i64;
    let columns = Indicator::ALL.len();
    match action {
        Action::Cancel | Action::Targets => app.mode = Mode::Normal,
        Action::Down => app.targets.cursor.step(1, rows),
        Action::Up => app.targets.cursor.step(-1, rows),
        Action::PageDown => app.targets.cursor.step(page, rows),
        Action::PageUp => app.targets.cursor.step(-page, rows),
        Action::Collapse => app.targets.column = app.targets.column.saturating_sub(1),
        Action::Expand => app.targets.column = (app.targets.column + 1).min(columns - 1),
        Action::Select => open_figure(app, cmds),
        _ => {}
    }
}

/// Enter: the report of the cell's target (else of its actual), at the figure's phrase,
/// highlighted.
fn open_figure(app: &mut App, cmds: &mut Vec<Cmd>) {
    let Some(cell) = app.targets.current() else {
        return;
    };
    let Some(placed) = cell.target.as_ref().or(cell.actual.as_ref()) else {
        app.message = Some("这一格没有数字 (nothing in this cell)".to_string());
        return;
    };
    let id = placed.report.clone();
    let f = &placed.figure;
    let jump = Jump::Figure {
        paragraph: f.paragraph,
        range: f.start..f.end,
    };
    app.mode = Mode::Normal;
    reader::open_report(app, &id, jump, cmds);
}

/// Keeps the cursor and the first column shown in step with the screen.
pub(super) fn sync(app: &mut App) {
    let rows = rows_shown(app.size.height);
    let len = app.targets.rows.len();
    app.targets.cursor.clamp(len);
    app.targets.cursor.follow(rows);
    let shown = columns_shown(app.size.width);
    let t = &mut app.targets;
    if t.column < t.first_column {
        t.first_column = t.column;
    } else if t.column >= t.first_column + shown {
        t.first_column = t.column + 1 - shown;
    }
}

//! The reader: opening and showing a report, wrapping it to the reader's width, scrolling,
//! and jumps within the report (paragraph, section, hit).

use std::sync::Arc;

use super::{Sections, page, tree};
use crate::corpus::Report;
use crate::search::Query;
use crate::tui::app::{App, Direction, Jump, Pane};
use crate::tui::msg::Cmd;
use crate::tui::regions::Row;
use crate::tui::wrap::Wrapped;

/// Wrapped reports kept for quick switching (report × width).
const WRAP_CACHE: usize = 6;

/// Scrolls the reader by `by` screen lines (negative: up).
pub(super) fn scroll(app: &mut App, by: i64) {
    let total = app.reader.wrapped.as_ref().map_or(0, |w| w.lines.len());
    app.reader.top = crate::tui::cursor::step(app.reader.top, by, total);
}

/// `G`: the last `height` lines of the report.
pub(super) fn bottom(app: &mut App, height: usize) {
    let total = app.reader.wrapped.as_ref().map_or(0, |w| w.lines.len());
    app.reader.top = total.saturating_sub(height);
}

/// Opens a report at `jump`: at once when it is the one shown, else by asking the runtime
/// to load it (the newest load wins; the jump waits in `reader.loading`).
pub(super) fn open_report(app: &mut App, id: &str, jump: Jump, cmds: &mut Vec<Cmd>) {
    if let Some(report) = app.reader.report.clone() {
        if report.meta.id == id {
            apply_jump(app, &jump);
            return;
        }
    }
    let generation = app.reader.loads.issue();
    app.reader.loading = Some((id.to_string(), jump));
    cmds.push(Cmd::LoadReport {
        generation,
        id: id.to_string(),
    });
}

/// A loaded report becomes the one shown: its outline, wrapping and hits, the jump, its
/// row in the regions tree; the new reading position is saved.
pub(super) fn show_report(app: &mut App, report: Arc<Report>, jump: &Jump, cmds: &mut Vec<Cmd>) {
    app.outline.reset(&report);
    app.reader.report = Some(report);
    app.reader.wrapped = None;
    app.reader.top = 0;
    app.reader.hit = None;
    tree::rebuild_outline(app);
    ensure_wrapped(app);
    compute_hits(app);
    apply_jump(app, jump);
    // Show the report in the regions tree.
    if let Some(ri) = app.current_report_index() {
        let path = app.regions.tree.path_to_report(ri);
        let mut changed = false;
        for n in path {
            changed |= app.regions.expanded.insert(n);
        }
        if changed {
            tree::rebuild_regions(app);
        }
        app.regions.select(Row::Report {
            report: ri,
            depth: 0,
        });
    }
    if let Some(s) = app.saved() {
        cmds.push(Cmd::Save(s));
    }
}

/// Finds every hit of the highlighted query in the open report.
pub(super) fn compute_hits(app: &mut App) {
    app.reader.hits.clear();
    app.reader.hit = None;
    let (Some(report), Some(q)) = (app.reader.report.as_ref(), app.reader.query.as_ref()) else {
        return;
    };
    let Ok(query) = Query::parse(q) else { return };
    for (i, p) in report.paragraphs.iter().enumerate() {
        for r in query.highlight(&p.text) {
            app.reader.hits.push((i, r));
        }
    }
}

/// Puts the reader where a jump says.
fn apply_jump(app: &mut App, jump: &Jump) {
    match jump {
        Jump::Paragraph(p) => jump_to_paragraph(app, *p),
        Jump::Section(path) => {
            let s = app
                .reader
                .report
                .as_ref()
                .and_then(|r| r.section_by_path(path));
            match s {
                Some(s) => jump_to_section(app, s),
                None => jump_to_paragraph(app, 0),
            }
        }
        Jump::Hit {
            paragraph,
            direction,
        } => {
            let hits = &app.reader.hits;
            let h = match direction {
                Direction::Forward => hits.iter().position(|(p, _)| p >= paragraph),
                Direction::Back => hits.len().checked_sub(1),
            };
            match h {
                Some(h) => goto_hit(app, h),
                None => jump_to_paragraph(app, *paragraph),
            }
        }
    }
}

/// Paragraph `p` at the top of the reader.
fn jump_to_paragraph(app: &mut App, p: usize) {
    if let Some(w) = app.reader.wrapped.as_ref() {
        app.reader.top = w.para_start.get(p).copied().unwrap_or(0);
    }
}

/// Section `s`'s first paragraph at the top of the reader.
pub(super) fn jump_to_section(app: &mut App, s: usize) {
    let Some(first) = app
        .reader
        .report
        .as_ref()
        .and_then(|r| r.sections.get(s))
        .map(|s| s.first_paragraph)
    else {
        return;
    };
    jump_to_paragraph(app, first);
}

/// Makes hit `h` the current one, scrolling only when it is off the screen.
pub(super) fn goto_hit(app: &mut App, h: usize) {
    app.reader.hit = Some(h);
    let (para, range) = app.reader.hits[h].clone();
    let height = page(app, Pane::Reader);
    if let Some(w) = app.reader.wrapped.as_ref() {
        let line = w.line_of(para, range.start);
        if line < app.reader.top || line >= app.reader.top + height {
            // Show the hit near the top, with its paragraph's start when that fits.
            let start = w.para_start[para];
            app.reader.top = if line - start < height / 2 {
                start
            } else {
                line.saturating_sub(2)
            };
        }
    }
}

/// `]` `[` `}` `{`: the next or previous section (of any level, or top-level only) from
/// the paragraph at the top of the reader.
pub(super) fn section_jump(app: &mut App, direction: Direction, sections: Sections) {
    let (Some(report), Some(cur)) = (app.reader.report.clone(), app.top_paragraph()) else {
        return;
    };
    let eligible = report
        .sections
        .iter()
        .filter(|s| sections == Sections::All || s.level == 1);
    let target = match direction {
        Direction::Forward => eligible
            .filter(|s| s.first_paragraph > cur)
            .min_by_key(|s| s.first_paragraph),
        Direction::Back => eligible
            .filter(|s| s.first_paragraph < cur)
            .max_by_key(|s| s.first_paragraph),
    };
    match target {
        Some(s) => jump_to_paragraph(app, s.first_paragraph),
        None => {
            app.message = Some(
                match direction {
                    Direction::Forward => "已是最后一节",
                    Direction::Back => "已是第一节",
                }
                .to_string(),
            );
        }
    }
}

/// Wraps the open report at the reader's width (from the cache when it can), keeping the
/// reading position.
pub(super) fn ensure_wrapped(app: &mut App) {
    let Some(report) = app.reader.report.clone() else {
        return;
    };
    let width = app.areas().reader_width();
    if width == 0 {
        return; // The reader is folded away: keep the old wrapping.
    }
    if let Some(w) = &app.reader.wrapped {
        if w.width == width && w.report == report.meta.id {
            return;
        }
    }
    let old = app.reader.wrapped.as_ref().and_then(|w| {
        w.lines
            .get(app.reader.top)
            .map(|l| (l.paragraph, l.range.start))
    });
    let cached = app
        .wrap_cache
        .iter()
        .position(|w| w.width == width && w.report == report.meta.id);
    let wrapped = match cached {
        Some(i) => app.wrap_cache.remove(i),
        None => Arc::new(Wrapped::new(&report, width)),
    };
    app.wrap_cache.push(wrapped.clone());
    if app.wrap_cache.len() > WRAP_CACHE {
        app.wrap_cache.remove(0);
    }
    if let Some((para, offset)) = old {
        app.reader.top = wrapped.line_of(para, offset);
    }
    app.reader.wrapped = Some(wrapped);
}

//! Moves across reports: opening a search result, `n` / `N` through the hits of a report
//! and on to the next result, `<` / `>` to the same region's other years.

use super::reader::{compute_hits, goto_hit, open_report};
use crate::tui::app::{App, Direction, Jump, Pane};
use crate::tui::msg::Cmd;

/// Opens search result `index` at its paragraph, highlighting the query's hits: going
/// forward on the first hit from there, going back on the report's last.
pub(super) fn open_hit(app: &mut App, index: usize, direction: Direction, cmds: &mut Vec<Cmd>) {
    let Some(hit) = app
        .search
        .results
        .as_ref()
        .and_then(|r| r.hits.get(index))
        .cloned()
    else {
        return;
    };
    app.search.opened = Some(index);
    app.search.cursor.selected = index;
    app.focus = Pane::Reader;
    let query = app.search.input.text.trim().to_string();
    if app.reader.query.as_deref() != Some(&query) {
        app.reader.query = Some(query);
        compute_hits(app);
    }
    open_report(
        app,
        &hit.report,
        Jump::Hit {
            paragraph: hit.paragraph,
            direction,
        },
        cmds,
    );
}

/// `n` / `N`: the next (previous) hit in the report, from the current hit or the reading
/// position; past the report's hits, the next (previous) result in another report.
pub(super) fn next_hit(app: &mut App, direction: Direction, cmds: &mut Vec<Cmd>) {
    let forward = direction == Direction::Forward;
    let n = app.reader.hits.len();
    if n > 0 {
        let next = match app.reader.hit {
            Some(h) if forward => (h + 1 < n).then_some(h + 1),
            Some(h) => h.checked_sub(1),
            None => {
                // From the reading position.
                let top_para = app.top_paragraph().unwrap_or(0);
                if forward {
                    app.reader.hits.iter().position(|(p, _)| *p >= top_para)
                } else {
                    app.reader.hits.iter().rposition(|(p, _)| *p < top_para)
                }
            }
        };
        if let Some(h) = next {
            return goto_hit(app, h);
        }
    }
    // Past the report's hits: the next (previous) result in another report.
    let current = app.reader.report.as_ref().map(|r| r.meta.id.clone());
    let Some(results) = app.search.results.clone() else {
        app.message = Some(app.lang.ui().no_results.to_string());
        return;
    };
    let other = |i: &usize| Some(&results.hits[*i].report) != current.as_ref();
    let found = if forward {
        let start = app.search.opened.map_or(0, |o| o + 1);
        (start..results.hits.len()).find(other)
    } else {
        let end = app.search.opened.unwrap_or(0);
        (0..end).rev().find(other)
    };
    if let Some(i) = found {
        open_hit(app, i, direction, cmds);
    } else {
        let ui = app.lang.ui();
        app.message = Some(if forward { ui.last_hit } else { ui.first_hit }.to_string());
    }
}

/// `<` / `>`: the same region's report of the year before (after), at the section with
/// the same number as the current one.
pub(super) fn other_year(app: &mut App, direction: Direction, cmds: &mut Vec<Cmd>) {
    let (Some(catalog), Some(ri)) = (app.catalog.clone(), app.current_report_index()) else {
        return;
    };
    let meta = &catalog[ri].meta;
    let Some(code) = meta.region.as_ref().map(|r| r.code.clone()) else {
        app.message = Some(app.lang.ui().no_region.to_string());
        return;
    };
    let year = meta.year.unwrap_or(0);
    let same = catalog
        .iter()
        .filter(|r| r.meta.region.as_ref().is_some_and(|g| g.code == code) && r.meta.id != meta.id);
    let target = match direction {
        Direction::Forward => same
            .filter(|r| r.meta.year.unwrap_or(0) > year)
            .min_by_key(|r| r.meta.year),
        Direction::Back => same
            .filter(|r| r.meta.year.unwrap_or(0) < year)
            .max_by_key(|r| r.meta.year),
    };
    match target {
        Some(t) => {
            let path = app
                .current_section()
                .and_then(|s| {
                    app.reader
                        .report
                        .as_ref()
                        .map(|r| r.sections[s].path.clone())
                })
                .unwrap_or_default();
            let id = t.meta.id.clone();
            open_report(app, &id, Jump::Section(path), cmds);
        }
        None => {
            app.message = Some((app.lang.ui().no_year)(
                meta.region.as_ref().map_or("", |r| r.name.as_str()),
                direction == Direction::Forward,
            ));
        }
    }
}

//! The analysis views: opening them (`t` on a search, `K`, `D`), their answers, and their
//! keys (scroll, choose a year of the chart, Enter for that year's hits, `r` by year or by
//! region, `<` / `>` to walk the years side by side).

use std::sync::Arc;

use super::line;
use crate::analysis::trend::By;
use crate::tui::app::{App, Mode};
use crate::tui::keymap::Action;
use crate::tui::msg::Cmd;
use crate::tui::view::{Analysis, Request};

/// Sends a request and opens the view (it shows "…" until the answer).
fn request(app: &mut App, r: Request, cmds: &mut Vec<Cmd>) {
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

/// The queries of the search line: one, or several separated by `|`.
fn queries(text: &str) -> Vec<String> {
    text.split('|')
        .map(str::trim)
        .filter(|q| !q.is_empty())
        .map(str::to_string)
        .collect()
}

/// `t` (or Ctrl-t on the search line): the trend of the search query by year.
pub(super) fn show_trend(app: &mut App, cmds: &mut Vec<Cmd>) {
    let qs = queries(&app.search.input.text);
    if qs.is_empty() {
        app.mode = Mode::Normal;
        app.message = Some("先搜索 (/)，再按 t 看趋势；多个词用 | 分开".to_string());
        return;
    }
    request(
        app,
        Request::Trend {
            queries: qs,
            by: By::Year,
        },
        cmds,
    );
}

/// `K`: the keywords of the open report.
pub(super) fn show_keywords(app: &mut App, cmds: &mut Vec<Cmd>) {
    let Some(id) = app.reader.report.as_ref().map(|r| r.meta.id.clone()) else {
        app.message = Some("先打开一份报告".to_string());
        return;
    };
    request(app, Request::Keywords { report: id }, cmds);
}

/// The report of the same region a year before or after `id` (the nearest year).
fn neighbour(app: &App, id: &str, forward: bool) -> Option<String> {
    let catalog = app.catalog.as_ref()?;
    let meta = &catalog.get(id)?.meta;
    let code = &meta.region.as_ref()?.code;
    let year = meta.year?;
    let same = catalog.reports.iter().filter(|r| {
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

/// `w`: the definitions of the defined terms in the reader's visible text, and where
/// they come from (shown at once: the glossary is in memory).
pub(super) fn show_glossary(app: &mut App) {
    let (Some(g), Some(report), Some(wrapped)) = (
        app.glossary.clone(),
        app.reader.report.clone(),
        app.reader.wrapped.clone(),
    ) else {
        app.message = Some("名词解释尚未载入, 或没有打开报告".to_string());
        return;
    };
    let height = app.areas().reader_height();
    let mut paras: Vec<usize> = wrapped
        .lines
        .iter()
        .skip(app.reader.top)
        .take(height.max(1))
        .map(|l| l.paragraph)
        .collect();
    paras.dedup();
    let mut terms: Vec<&str> = paras
        .iter()
        .flat_map(|&p| g.finder.find(&report.paragraphs[p].text))
        .map(|(_, t)| t)
        .collect();
    terms.sort_unstable();
    terms.dedup();
    if terms.is_empty() {
        app.message = Some("这一屏没有其他报告解释过的名词".to_string());
        return;
    }
    let definitions = terms.iter().flat_map(|t| g.of(t)).cloned().collect();
    app.mode = Mode::View;
    app.view.request = None;
    app.view.error = None;
    app.view.scroll = 0;
    app.view.jobs.issue();
    app.view.jobs.settle();
    app.view.shown = Some(Arc::new(Analysis::Glossary { definitions }));
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
    let years = app.view.years();
    match action {
        Action::Cancel => app.mode = Mode::Normal,
        Action::Down => app.view.scroll += 1,
        Action::Up => app.view.scroll = app.view.scroll.saturating_sub(1),
        Action::PageDown => app.view.scroll += page.max(1),
        Action::PageUp => app.view.scroll = app.view.scroll.saturating_sub(page.max(1)),
        Action::Collapse => app.view.selected = app.view.selected.saturating_sub(1),
        Action::Expand => {
            app.view.selected = (app.view.selected + 1).min(years.len().saturating_sub(1));
        }
        Action::Select => {
            // That year's hits: the first query with a year filter, in the search list.
            let (Some(year), Some(Request::Trend { queries, .. })) =
                (years.get(app.view.selected), app.view.request.clone())
            else {
                return;
            };
            let q = format!("{} year:{year}", queries[0]);
            app.search.input.clear();
            app.search.input.insert(&q);
            app.mode = Mode::Search;
            line::search_changed(app, cmds);
        }
        Action::ToggleBy => {
            if let Some(Request::Trend { queries, by }) = app.view.request.clone() {
                let by = if by == By::Year { By::Region } else { By::Year };
                request(app, Request::Trend { queries, by }, cmds);
            }
        }
        Action::PrevYear | Action::NextYear => {
            if let Some(Request::Diff { old, new }) = app.view.request.clone() {
                let forward = action == Action::NextYear;
                // Walk: the pair moves a year back (or on) in the region.
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
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn several_queries_are_separated_by_bars() {
        assert_eq!(queries("数字经济 | 互联网+"), ["数字经济", "互联网+"]);
        assert_eq!(queries("  "), Vec::<String>::new());
        assert_eq!(queries("region:河北省 雄安"), ["region:河北省 雄安"]);
    }
}

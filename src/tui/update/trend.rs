//! The trend view's keys: `t` opens it, `←` `→` choose a year, Enter lists that year's
//! hits, `r` by year or by region.

use super::line;
use super::view::request;
use crate::analysis::trend::By;
use crate::tui::app::{App, Mode};
use crate::tui::keymap::Action;
use crate::tui::msg::Cmd;
use crate::tui::view::Request;

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

/// A key of the chart.
pub(super) fn action(app: &mut App, action: Action, cmds: &mut Vec<Cmd>) {
    let years = app.view.years();
    match action {
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

//! The input lines: the search line (results as you type), the regions filter, `:` (go to
//! a section by number) and the fuzzy section picker.

use super::{list_height, nav, reader, tree};
use crate::tui::app::{App, Direction, Mode};
use crate::tui::input::Input;
use crate::tui::keymap::Action;
use crate::tui::msg::Cmd;
use crate::tui::panes::{Order, SearchScope};

/// Bracketed paste: into the open line, or, while browsing, into a new search.
pub(super) fn paste(app: &mut App, text: &str, cmds: &mut Vec<Cmd>) {
    if app.mode == Mode::Normal {
        // Pasting while browsing starts a search for the pasted text.
        app.mode = Mode::Search;
        app.search.input.clear();
    }
    if let Some(input) = active_input(app) {
        input.insert(text);
        input_changed(app, cmds);
    }
}

/// The input line the keys type into in this mode.
fn active_input(app: &mut App) -> Option<&mut Input> {
    match app.mode {
        Mode::Search => Some(&mut app.search.input),
        Mode::Filter => Some(&mut app.regions.filter),
        Mode::Goto => Some(&mut app.goto),
        Mode::Picker => Some(&mut app.picker.input),
        _ => None,
    }
}

/// A key while an input line is open: editing keys edit the line; the others move in the
/// list under it (results, picker), accept (Enter) or close it (Esc).
pub(super) fn action(app: &mut App, action: Action, cmds: &mut Vec<Cmd>) {
    let edited = {
        let Some(input) = active_input(app) else {
            return;
        };
        match action {
            Action::Char(c) => {
                input.insert(c.encode_utf8(&mut [0; 4]));
                true
            }
            Action::Backspace => input.backspace(),
            Action::Delete => input.delete(),
            Action::ClearLine => {
                input.clear();
                true
            }
            Action::CaretLeft => {
                input.left();
                false
            }
            Action::CaretRight => {
                input.right();
                false
            }
            Action::CaretHome => {
                input.home();
                false
            }
            Action::CaretEnd => {
                input.end();
                false
            }
            _ => false,
        }
    };
    if edited {
        return input_changed(app, cmds);
    }
    let page = list_height(app).max(1);
    match (app.mode, action) {
        (Mode::Search, Action::CycleScope) => {
            app.search.scope = app.search.scope.next();
            search_changed(app, cmds);
        }
        (Mode::Search, Action::CycleOrder) => {
            app.search.order = app.search.order.next();
            order_results(app);
            app.search.cursor.reset();
        }
        (Mode::Search, Action::Submit) => {
            app.mode = Mode::Normal;
            if !app.search.is_empty() {
                nav::open_hit(app, app.search.cursor.selected, Direction::Forward, cmds);
            }
        }
        (Mode::Search, Action::Down) => move_result(app, 1),
        (Mode::Search, Action::Up) => move_result(app, -1),
        (Mode::Search, Action::PageDown) => move_result(app, page as i64 / 2),
        (Mode::Search, Action::PageUp) => move_result(app, -(page as i64 / 2)),
        (Mode::Picker, Action::Down) => move_match(app, 1),
        (Mode::Picker, Action::Up) => move_match(app, -1),
        (Mode::Picker, Action::PageDown) => move_match(app, page as i64),
        (Mode::Picker, Action::PageUp) => move_match(app, -(page as i64)),
        (Mode::Picker, Action::Submit) => {
            app.mode = Mode::Normal;
            if let Some(&s) = app.picker.matches.get(app.picker.cursor.selected) {
                reader::jump_to_section(app, s);
            }
        }
        (Mode::Goto, Action::Submit) => {
            app.mode = Mode::Normal;
            let path = app
                .goto
                .text
                .trim()
                .trim_start_matches([':', '§'])
                .trim()
                .to_string();
            let found = app
                .reader
                .report
                .as_ref()
                .and_then(|r| r.section_by_path(&path));
            match found {
                Some(s) => reader::jump_to_section(app, s),
                None => app.message = Some((app.lang.ui().no_section)(&path)),
            }
        }
        (Mode::Filter, Action::Cancel) => {
            app.mode = Mode::Normal;
            app.regions.filter.clear();
            tree::rebuild_regions(app);
        }
        (Mode::Filter, Action::Submit) | (_, Action::Cancel) => app.mode = Mode::Normal,
        _ => {}
    }
}

/// Moves the selection in the search results.
fn move_result(app: &mut App, by: i64) {
    let n = app.search.len();
    app.search.cursor.step(by, n);
}

/// Moves the selection in the section picker.
fn move_match(app: &mut App, by: i64) {
    app.picker.cursor.step(by, app.picker.matches.len());
}

/// The open line's text changed: search again, filter the regions, or match sections.
fn input_changed(app: &mut App, cmds: &mut Vec<Cmd>) {
    match app.mode {
        Mode::Search => search_changed(app, cmds),
        Mode::Filter => {
            tree::rebuild_regions(app);
            app.regions.cursor.reset();
        }
        Mode::Picker => picker_changed(app),
        _ => {}
    }
}

/// A new query: a new generation; older answers will be dropped when they arrive.
pub(super) fn search_changed(app: &mut App, cmds: &mut Vec<Cmd>) {
    let generation = app.search.jobs.issue();
    let query = app.search.input.text.trim().to_string();
    if query.is_empty() {
        app.search.results = None;
        app.search.error = None;
        app.search.jobs.settle();
        return;
    }
    let query = match scope_filter(app) {
        Some(f) => format!("{query} {f}"),
        None => query,
    };
    cmds.push(Cmd::Search { generation, query });
}

/// The filter the search scope adds to the query: the open report's region (which
/// selects the regions inside it too; none for the whole country, whose regions are all)
/// or the open report; none for the whole corpus or without an open report.
fn scope_filter(app: &App) -> Option<String> {
    let report = app.reader.report.as_ref()?;
    match app.search.scope {
        SearchScope::All => None,
        SearchScope::Region => {
            // The whole country's regions are all of them: no filter.
            let region = report.meta.region.as_ref()?;
            (region.level != crate::corpus::Level::National)
                .then(|| format!("region:{}", region.code))
        }
        SearchScope::Report => Some(format!("report:{}", report.meta.id)),
    }
}

/// Orders the results as `order` asks (a stable sort of the hits the engine returned).
pub(super) fn order_results(app: &mut App) {
    let Some(res) = app.search.results.as_ref() else {
        return;
    };
    let mut res = (**res).clone();
    match app.search.order {
        Order::Relevance => res.hits.sort_by(|a, b| b.score.total_cmp(&a.score)),
        Order::Year => res.hits.sort_by(|a, b| {
            b.year
                .cmp(&a.year)
                .then_with(|| b.score.total_cmp(&a.score))
        }),
        Order::Region => res.hits.sort_by(|a, b| {
            a.region
                .cmp(&b.region)
                .then_with(|| b.year.cmp(&a.year))
                .then_with(|| b.score.total_cmp(&a.score))
        }),
    }
    app.search.results = Some(std::sync::Arc::new(res));
}

/// The picker's text changed: the open report's sections that match it, best first.
pub(super) fn picker_changed(app: &mut App) {
    let Some(report) = app.reader.report.clone() else {
        app.picker.matches.clear();
        return;
    };
    let needle = app.picker.input.text.trim().to_lowercase();
    let mut scored: Vec<(i64, usize)> = report
        .sections
        .iter()
        .enumerate()
        .filter_map(|(i, s)| {
            let hay = format!("{} {}", s.path, s.title).to_lowercase();
            fuzzy_score(&hay, &needle).map(|sc| (sc, i))
        })
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    app.picker.matches = scored.into_iter().map(|(_, i)| i).collect();
    app.picker.cursor.reset();
}

/// A fuzzy match score: every needle character in order in `hay`, runs and early starts
/// scoring higher. `None` when the needle is not a subsequence.
#[must_use]
pub fn fuzzy_score(hay: &str, needle: &str) -> Option<i64> {
    if needle.is_empty() {
        return Some(0);
    }
    let hay: Vec<char> = hay.chars().collect();
    let mut score = 0i64;
    let mut pos = 0usize;
    let mut last: Option<usize> = None;
    for c in needle.chars().filter(|c| !c.is_whitespace()) {
        let found = hay[pos..].iter().position(|h| *h == c)? + pos;
        score += 10;
        match last {
            Some(l) if found == l + 1 => score += 15,
            Some(l) => score -= (found - l) as i64,
            None => score -= found as i64,
        }
        last = Some(found);
        pos = found + 1;
    }
    Some(score - hay.len() as i64 / 8)
}

#[cfg(test)]
mod tests {
    use super::fuzzy_score;

    #[test]
    fn fuzzy_score_needs_every_character_in_order() {
        assert_eq!(fuzzy_score("3.7 坚持不懈抓好三农工作", ""), Some(0));
        assert!(fuzzy_score("3.7 坚持不懈抓好三农工作", "三农").is_some());
        assert!(fuzzy_score("3.7 坚持不懈抓好三农工作", "农三").is_none());
        assert!(fuzzy_score("前言", "结束").is_none());
        // Spaces in the needle are ignored.
        assert_eq!(
            fuzzy_score("2 2024年经济社会发展总体要求", "经济 社会"),
            fuzzy_score("2 2024年经济社会发展总体要求", "经济社会")
        );
    }

    #[test]
    fn fuzzy_score_prefers_runs_and_early_starts() {
        // 10 a character, 15 more for following the one before, less a point for every
        // 8 characters of the haystack.
        assert_eq!(fuzzy_score("abcdefgh", "ab"), Some(10 + 10 + 15 - 1));
        // A run scores above the same characters apart.
        let run = fuzzy_score("乡村振兴 生态", "乡村").unwrap();
        let apart = fuzzy_score("乡镇村落 生态", "乡村").unwrap();
        assert!(run > apart, "{run} {apart}");
        // An early start scores above a late one, in haystacks of one length.
        let early = fuzzy_score("民生保障工作任务", "民生").unwrap();
        let late = fuzzy_score("工作任务保障民生", "民生").unwrap();
        assert!(early > late, "{early} {late}");
    }
}

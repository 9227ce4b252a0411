//! Errors as the TUI says them, in the interface's language (the strings are in
//! `crate::lang`): filter values that name nothing, and why nothing was copied.

use crate::clipboard::CopyError;
use crate::lang::Lang;
use crate::search::{FilterError, SearchError};

/// A search error: filter values in `lang`, the query syntax's own messages as they are.
#[must_use]
pub fn search_error(lang: Lang, e: &SearchError) -> String {
    let ui = lang.ui();
    match e {
        SearchError::Filter(FilterError::UnknownRegion(v)) => (ui.unknown_region_filter)(v),
        SearchError::Filter(FilterError::NoYear { value, first, last }) => {
            (ui.no_year_filter)(value, *first, *last)
        }
        SearchError::Filter(FilterError::UnknownSection(v)) => (ui.unknown_section_filter)(v),
        SearchError::Filter(FilterError::UnknownReport(v)) => (ui.no_report)(v),
        other => other.to_string(),
    }
}

/// Why nothing was copied, in `lang`.
#[must_use]
pub fn copy_error(lang: Lang, e: &CopyError) -> String {
    let ui = lang.ui();
    match e {
        CopyError::TmuxOff(v) => (ui.copy_tmux_off)(v),
        CopyError::Screen => ui.copy_screen.to_string(),
        CopyError::Unsupported(t) => (ui.copy_unsupported)(t),
        CopyError::TooLong(kb) => (ui.copy_too_long)(*kb),
        CopyError::Write(w) => w.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filter_errors_in_both_languages() {
        let e = SearchError::Filter(FilterError::UnknownRegion("火星".into()));
        assert!(search_error(Lang::Zh, &e).starts_with("region:火星 不是本语料中的地区"));
        assert!(search_error(Lang::En, &e).starts_with("region:火星 is no region"));
        let c = CopyError::TmuxOff("external".into());
        assert!(copy_error(Lang::Zh, &c).contains("set -g set-clipboard on"));
    }
}

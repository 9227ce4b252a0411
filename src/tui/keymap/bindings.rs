//! The keymap's one table: every key, the mode it works in, its action and its line in
//! the help overlay and the README.

use crossterm::event::KeyCode;

use super::{Action, Binding, Scope, ch, ctrl, key};

macro_rules! bind {
    ($scope:ident, [$($k:expr),+], $action:expr, $help:literal) => {
        Binding { scope: Scope::$scope, keys: &[$($k),+], action: $action, help: $help }
    };
}

/// The keymap. Earlier rows win; printable characters in input lines are text unless a
/// `Line` or `List` row claims them (none does).
pub const BINDINGS: &[Binding] = &[
    bind!(Normal, [ch('q')], Action::Quit, "quit"),
    bind!(
        Normal,
        [ch('?'), key(KeyCode::F(1))],
        Action::Help,
        "this help"
    ),
    bind!(Normal, [key(KeyCode::Tab)], Action::NextPane, "next pane"),
    bind!(
        Normal,
        [key(KeyCode::BackTab)],
        Action::PrevPane,
        "previous pane"
    ),
    bind!(Normal, [ch('1')], Action::FocusPane(1), "regions pane"),
    bind!(Normal, [ch('2')], Action::FocusPane(2), "outline pane"),
    bind!(Normal, [ch('3')], Action::FocusPane(3), "reader pane"),
    bind!(Normal, [ch('j'), key(KeyCode::Down)], Action::Down, "down"),
    bind!(Normal, [ch('k'), key(KeyCode::Up)], Action::Up, "up"),
    bind!(
        Normal,
        [ctrl('d')],
        Action::HalfPageDown,
        "half a page down"
    ),
    bind!(Normal, [ctrl('u')], Action::HalfPageUp, "half a page up"),
    bind!(
        Normal,
        [key(KeyCode::PageDown), ch(' '), ctrl('f')],
        Action::PageDown,
        "page down"
    ),
    bind!(
        Normal,
        [key(KeyCode::PageUp), ctrl('b')],
        Action::PageUp,
        "page up"
    ),
    bind!(Normal, [ch('g'), key(KeyCode::Home)], Action::Top, "top"),
    bind!(
        Normal,
        [ch('G'), key(KeyCode::End)],
        Action::Bottom,
        "bottom"
    ),
    bind!(
        Normal,
        [ch('h'), key(KeyCode::Left)],
        Action::Collapse,
        "collapse / parent"
    ),
    bind!(
        Normal,
        [ch('l'), key(KeyCode::Right)],
        Action::Expand,
        "expand"
    ),
    bind!(
        Normal,
        [key(KeyCode::Enter)],
        Action::Select,
        "open / expand"
    ),
    bind!(Normal, [ch(']')], Action::NextSection, "next section"),
    bind!(Normal, [ch('[')], Action::PrevSection, "previous section"),
    bind!(
        Normal,
        [ch('}')],
        Action::NextTopSection,
        "next top-level section"
    ),
    bind!(
        Normal,
        [ch('{')],
        Action::PrevTopSection,
        "previous top-level section"
    ),
    bind!(
        Normal,
        [ch(':')],
        Action::StartGoto,
        "go to section by number (:2.3)"
    ),
    bind!(
        Normal,
        [ch('s')],
        Action::StartPicker,
        "fuzzy section picker"
    ),
    bind!(
        Normal,
        [ch('/')],
        Action::StartSearch,
        "search (results as you type)"
    ),
    bind!(Normal, [ch('f')], Action::StartFilter, "filter the regions"),
    bind!(
        Normal,
        [ch('n')],
        Action::NextHit,
        "next hit (then next result)"
    ),
    bind!(Normal, [ch('N')], Action::PrevHit, "previous hit"),
    bind!(
        Normal,
        [ch('<')],
        Action::PrevYear,
        "same region, previous year"
    ),
    bind!(
        Normal,
        [ch('>')],
        Action::NextYear,
        "same region, next year"
    ),
    bind!(
        Normal,
        [ch('t')],
        Action::ShowTrend,
        "trend of the search by year"
    ),
    bind!(
        Normal,
        [ch('K')],
        Action::ShowKeywords,
        "keywords of the report"
    ),
    bind!(
        Normal,
        [ch('D')],
        Action::ShowDiff,
        "beside the previous year"
    ),
    bind!(
        Normal,
        [ch('w')],
        Action::ShowGlossary,
        "名词解释 of the marked terms on screen"
    ),
    bind!(Line, [key(KeyCode::Esc)], Action::Cancel, "close the line"),
    bind!(Line, [key(KeyCode::Enter)], Action::Submit, "accept / open"),
    bind!(
        Line,
        [key(KeyCode::Backspace)],
        Action::Backspace,
        "delete back"
    ),
    bind!(Line, [key(KeyCode::Delete)], Action::Delete, "delete"),
    bind!(Line, [key(KeyCode::Left)], Action::CaretLeft, "caret left"),
    bind!(
        Line,
        [key(KeyCode::Right)],
        Action::CaretRight,
        "caret right"
    ),
    bind!(
        Line,
        [key(KeyCode::Home), ctrl('a')],
        Action::CaretHome,
        "line start"
    ),
    bind!(
        Line,
        [key(KeyCode::End), ctrl('e')],
        Action::CaretEnd,
        "line end"
    ),
    bind!(Line, [ctrl('u')], Action::ClearLine, "clear the line"),
    bind!(
        List,
        [key(KeyCode::Down), ctrl('n'), key(KeyCode::Tab)],
        Action::Down,
        "next result"
    ),
    bind!(
        List,
        [key(KeyCode::Up), ctrl('p'), key(KeyCode::BackTab)],
        Action::Up,
        "previous result"
    ),
    bind!(
        List,
        [key(KeyCode::PageDown)],
        Action::PageDown,
        "results page down"
    ),
    bind!(
        List,
        [key(KeyCode::PageUp)],
        Action::PageUp,
        "results page up"
    ),
    bind!(
        Help,
        [key(KeyCode::Esc), ch('q'), ch('?')],
        Action::Cancel,
        "close the help"
    ),
    bind!(
        Help,
        [ch('j'), key(KeyCode::Down)],
        Action::Down,
        "scroll down"
    ),
    bind!(Help, [ch('k'), key(KeyCode::Up)], Action::Up, "scroll up"),
    bind!(List, [ctrl('t')], Action::ShowTrend, "trend of the query"),
    bind!(
        View,
        [key(KeyCode::Esc), ch('q')],
        Action::Cancel,
        "close the view"
    ),
    bind!(
        View,
        [ch('j'), key(KeyCode::Down)],
        Action::Down,
        "scroll down"
    ),
    bind!(View, [ch('k'), key(KeyCode::Up)], Action::Up, "scroll up"),
    bind!(
        View,
        [key(KeyCode::PageDown), ch(' ')],
        Action::PageDown,
        "page down"
    ),
    bind!(View, [key(KeyCode::PageUp)], Action::PageUp, "page up"),
    bind!(
        View,
        [ch('h'), key(KeyCode::Left)],
        Action::Collapse,
        "previous year of the chart"
    ),
    bind!(
        View,
        [ch('l'), key(KeyCode::Right)],
        Action::Expand,
        "next year of the chart"
    ),
    bind!(
        View,
        [key(KeyCode::Enter)],
        Action::Select,
        "that year's hits"
    ),
    bind!(
        View,
        [ch('r')],
        Action::ToggleBy,
        "trend by year / by region"
    ),
    bind!(
        View,
        [ch('<')],
        Action::PrevYear,
        "side by side: a year back"
    ),
    bind!(View, [ch('>')], Action::NextYear, "side by side: a year on"),
    bind!(Global, [ctrl('c')], Action::Quit, "quit"),
    bind!(
        Global,
        [ctrl('z')],
        Action::Suspend,
        "suspend (fg to come back)"
    ),
];

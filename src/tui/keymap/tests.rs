//! The keymap's table read as a function, and the help and README generated from it.

use super::*;

fn k(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn c(ch: char) -> KeyEvent {
    k(KeyCode::Char(ch))
}

fn ctl(ch: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(ch), KeyModifiers::CONTROL)
}

#[test]
fn browsing_keys() {
    let n = Mode::Normal;
    assert_eq!(keymap(c('q'), n), Some(Action::Quit));
    assert_eq!(keymap(ctl('c'), n), Some(Action::Quit));
    assert_eq!(keymap(ctl('z'), n), Some(Action::Suspend));
    assert_eq!(keymap(c('j'), n), Some(Action::Down));
    assert_eq!(keymap(k(KeyCode::Down), n), Some(Action::Down));
    assert_eq!(keymap(c('k'), n), Some(Action::Up));
    assert_eq!(keymap(c('g'), n), Some(Action::Top));
    assert_eq!(keymap(c('G'), n), Some(Action::Bottom));
    assert_eq!(
        keymap(KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT), n),
        Some(Action::Bottom)
    );
    assert_eq!(keymap(ctl('d'), n), Some(Action::HalfPageDown));
    assert_eq!(keymap(ctl('u'), n), Some(Action::HalfPageUp));
    assert_eq!(keymap(k(KeyCode::Tab), n), Some(Action::NextPane));
    assert_eq!(
        keymap(KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT), n),
        Some(Action::PrevPane)
    );
    assert_eq!(keymap(c(']'), n), Some(Action::NextSection));
    assert_eq!(keymap(c('['), n), Some(Action::PrevSection));
    assert_eq!(keymap(c('}'), n), Some(Action::NextTopSection));
    assert_eq!(keymap(c('{'), n), Some(Action::PrevTopSection));
    assert_eq!(keymap(c(':'), n), Some(Action::StartGoto));
    assert_eq!(keymap(c('/'), n), Some(Action::StartSearch));
    assert_eq!(keymap(c('n'), n), Some(Action::NextHit));
    assert_eq!(keymap(c('N'), n), Some(Action::PrevHit));
    assert_eq!(keymap(c('?'), n), Some(Action::Help));
    assert_eq!(keymap(c('2'), n), Some(Action::FocusPane(2)));
    assert_eq!(keymap(c('x'), n), None);
    assert_eq!(keymap(c('乡'), n), None);
}

#[test]
fn input_lines_take_text() {
    for m in [Mode::Search, Mode::Filter, Mode::Goto, Mode::Picker] {
        assert_eq!(keymap(c('q'), m), Some(Action::Char('q')));
        assert_eq!(keymap(c('乡'), m), Some(Action::Char('乡')));
        assert_eq!(keymap(c('j'), m), Some(Action::Char('j')));
        assert_eq!(keymap(c(' '), m), Some(Action::Char(' ')));
        assert_eq!(keymap(k(KeyCode::Esc), m), Some(Action::Cancel));
        assert_eq!(keymap(k(KeyCode::Enter), m), Some(Action::Submit));
        assert_eq!(keymap(k(KeyCode::Backspace), m), Some(Action::Backspace));
        assert_eq!(keymap(ctl('u'), m), Some(Action::ClearLine));
        assert_eq!(keymap(ctl('c'), m), Some(Action::Quit));
    }
    assert_eq!(keymap(k(KeyCode::Down), Mode::Search), Some(Action::Down));
    assert_eq!(keymap(ctl('n'), Mode::Search), Some(Action::Down));
    assert_eq!(keymap(k(KeyCode::Down), Mode::Goto), None);
}

#[test]
fn help_mode_closes() {
    assert_eq!(keymap(c('q'), Mode::Help), Some(Action::Cancel));
    assert_eq!(keymap(k(KeyCode::Esc), Mode::Help), Some(Action::Cancel));
    assert_eq!(keymap(c('/'), Mode::Help), None);
}

#[test]
fn help_lists_every_binding() {
    for lang in [Lang::Zh, Lang::En] {
        let rows = help_rows(lang, &Keymap::default());
        for b in BINDINGS {
            let keys: Vec<String> = b.keys.iter().map(|k| k.label()).collect();
            assert!(
                rows.iter()
                    .any(|(k, h)| *k == keys.join(" ") && h == b.help(lang))
            );
        }
        assert!(rows.iter().any(|(k, _)| k == "Ctrl-d"));
    }
    let zh = help_rows(Lang::Zh, &Keymap::default());
    assert!(zh.iter().any(|(k, h)| k == "q" && h == "退出"));
    assert!(zh.iter().any(|(k, _)| k == "— 浏览 —"));
}

#[test]
fn marks_and_copy_keys() {
    let n = Mode::Normal;
    assert_eq!(keymap(c('m'), n), Some(Action::StartMark));
    assert_eq!(keymap(c('\''), n), Some(Action::StartJump));
    assert_eq!(keymap(c('M'), n), Some(Action::ShowMarks));
    assert_eq!(keymap(c('y'), n), Some(Action::CopyParagraph));
    assert_eq!(keymap(c('Y'), n), Some(Action::CopySection));
    // After m or ': a letter is a letter, Esc cancels, even letters bound while browsing.
    for m in [Mode::MarkSet, Mode::MarkJump] {
        assert_eq!(keymap(c('q'), m), Some(Action::Char('q')));
        assert_eq!(keymap(c('a'), m), Some(Action::Char('a')));
        assert_eq!(keymap(k(KeyCode::Esc), m), Some(Action::Cancel));
    }
    assert_eq!(keymap(c('d'), Mode::Marks), Some(Action::DeleteMark));
    assert_eq!(keymap(k(KeyCode::Enter), Mode::Marks), Some(Action::Select));
    assert_eq!(keymap(ctl('s'), Mode::Search), Some(Action::CycleScope));
    assert_eq!(keymap(ctl('o'), Mode::Search), Some(Action::CycleOrder));
}

/// Action names are unique, so `[keys]` names one binding.
#[test]
fn action_names_are_unique() {
    let mut names: Vec<String> = BINDINGS.iter().map(Binding::name).collect();
    let n = names.len();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), n, "{names:?}");
    assert!(names.contains(&"half_page_down".to_string()));
    assert!(names.contains(&"focus_pane_2".to_string()));
    assert!(names.contains(&"list.down".to_string()));
}

/// A remapped key works, the old one no longer does, and others keep theirs; an unknown
/// action is an error naming its line.
#[test]
fn remapped_keys_work() {
    let config = crate::config::parse(
        "mouse = false\n[keys]\nstart_search = \"Ctrl-f\"\ndown = [\"n\", \"Down\"]\n",
        std::path::Path::new("config.toml"),
    )
    .unwrap();
    let km = Keymap::from_config(&config).unwrap();
    let n = Mode::Normal;
    assert_eq!(km.action(ctl('f'), n), Some(Action::StartSearch));
    assert_eq!(km.action(c('/'), n), None);
    // n was next hit; the config gives it to down.
    assert_eq!(km.action(c('n'), n), Some(Action::Down));
    assert_eq!(km.action(c('j'), n), None);
    assert_eq!(km.action(c('k'), n), Some(Action::Up));
    // In the search line, Ctrl-f is still nothing special and text is text.
    assert_eq!(km.action(c('n'), Mode::Search), Some(Action::Char('n')));
    let rows = help_rows(Lang::En, &km);
    assert!(
        rows.iter()
            .any(|(k, h)| k == "Ctrl-f" && h.starts_with("search"))
    );

    let bad = crate::config::parse(
        "[keys]\nup = \"k\"\nsearh = \"/\"\n",
        std::path::Path::new("config.toml"),
    )
    .unwrap();
    let e = Keymap::from_config(&bad).unwrap_err();
    assert_eq!(e.line, Some(3));
    assert!(
        e.to_string()
            .starts_with("config.toml, line 3: [keys] has no action searh: the actions are quit,"),
        "{e}"
    );
}

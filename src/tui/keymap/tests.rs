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
    let rows = help_rows();
    for b in BINDINGS {
        let keys: Vec<String> = b.keys.iter().map(|k| k.label()).collect();
        assert!(
            rows.iter()
                .any(|(k, h)| *k == keys.join(" ") && h == b.help)
        );
    }
    assert!(rows.iter().any(|(k, _)| k == "Ctrl-d"));
}

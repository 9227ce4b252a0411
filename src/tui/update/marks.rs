//! Marks and copying: `m` + letter marks the paragraph being read, `'` + letter goes back
//! to it (across reports), the marks list (`M`), and `y` / `Y` copy the paragraph or the
//! section being read with its citation (the host writes the OSC 52 sequence).

use super::reader;
use crate::marks::{Mark, is_mark_letter};
use crate::tui::app::{App, Jump, Mode};
use crate::tui::keymap::Action;
use crate::tui::msg::Cmd;

/// A key after `m` or `'`: a letter sets or follows the mark; anything else cancels.
pub(super) fn pending(app: &mut App, action: Action, cmds: &mut Vec<Cmd>) {
    let mode = app.mode;
    app.mode = Mode::Normal;
    let Action::Char(c) = action else {
        return;
    };
    if !is_mark_letter(c) {
        return;
    }
    match mode {
        Mode::MarkSet => set(app, c, cmds),
        Mode::MarkJump => jump(app, c, cmds),
        _ => {}
    }
}

/// Marks the paragraph at the top of the reader as `letter`.
fn set(app: &mut App, letter: char, cmds: &mut Vec<Cmd>) {
    let (Some(report), Some(p)) = (app.reader.report.clone(), app.top_paragraph()) else {
        return;
    };
    let mark = Mark::of(&report, p);
    app.message = Some((app.lang.ui().marked)(letter, &mark.place()));
    app.marks.set(letter, mark);
    cmds.push(Cmd::SaveMarks(app.marks.clone()));
}

/// Goes to mark `letter`, opening its report if need be.
fn jump(app: &mut App, letter: char, cmds: &mut Vec<Cmd>) {
    match app.marks.get(letter) {
        Some(m) => {
            let (id, p) = (m.report.clone(), m.paragraph);
            reader::open_report(app, &id, Jump::Paragraph(p), cmds);
        }
        None => app.message = Some((app.lang.ui().no_mark)(letter)),
    }
}

/// A key in the marks list.
pub(super) fn list(app: &mut App, action: Action, cmds: &mut Vec<Cmd>) {
    let len = app.marks.len();
    match action {
        Action::Cancel => app.mode = Mode::Normal,
        Action::Down => app.marks_cursor.step(1, len),
        Action::Up => app.marks_cursor.step(-1, len),
        Action::Select | Action::DeleteMark => {
            let Some((letter, _)) = app.marks.iter().nth(app.marks_cursor.selected) else {
                return;
            };
            if action == Action::Select {
                app.mode = Mode::Normal;
                jump(app, letter, cmds);
            } else {
                app.marks.remove(letter);
                app.marks_cursor.clamp(app.marks.len());
                cmds.push(Cmd::SaveMarks(app.marks.clone()));
            }
        }
        _ => {}
    }
}

/// Opens the marks list.
pub(super) fn show(app: &mut App) {
    app.mode = Mode::Marks;
    app.marks_cursor.clamp(app.marks.len());
}

/// `y` / `Y`: the paragraph (or the section) being read with its citation, to the
/// clipboard.
pub(super) fn copy(app: &mut App, section: bool, cmds: &mut Vec<Cmd>) {
    let (Some(report), Some(p)) = (app.reader.report.clone(), app.top_paragraph()) else {
        return;
    };
    let mark = Mark::of(&report, p);
    let (text, what) = if section {
        let sec = &report.sections[report.paragraphs[p].section];
        let body: Vec<&str> = report.paragraphs[sec.first_paragraph..sec.end_paragraph]
            .iter()
            .map(|q| q.text.as_str())
            .collect();
        let zh = app.lang == crate::lang::Lang::Zh;
        (
            format!("{}\n——《{}》{}", body.join("\n"), mark.title, mark.section),
            if zh { "本节" } else { "the section" },
        )
    } else {
        let zh = app.lang == crate::lang::Lang::Zh;
        (
            format!("{}\n——{}", mark.text, mark.citation()),
            if zh { "本段" } else { "the paragraph" },
        )
    };
    cmds.push(Cmd::Copy {
        text,
        what: what.to_string(),
    });
}

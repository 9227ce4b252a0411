//! The glossary view: `w` lists the definitions of the defined terms on the screen.

use std::sync::Arc;

use crate::tui::app::{App, Mode};
use crate::tui::view::Analysis;

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

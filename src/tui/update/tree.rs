//! The regions and outline trees: a new catalog, collapsing, expanding and opening what is
//! selected. The rows themselves are rebuilt by the panes' own state
//! (`RegionsPane::rebuild`, `OutlinePane::rebuild`).

use std::sync::Arc;

use super::reader::{jump_to_section, open_report};
use crate::corpus::Level;
use crate::search::Reports;
use crate::tui::app::{App, Jump, Pane};
use crate::tui::msg::Cmd;
use crate::tui::regions::{RegionTree, Row};

/// The regions pane's rows from the current catalog (nothing before it arrives).
pub(super) fn rebuild_regions(app: &mut App) {
    if let Some(catalog) = app.catalog.as_deref() {
        app.regions.rebuild(catalog);
    }
}

/// The outline pane's rows for the open report.
pub(super) fn rebuild_outline(app: &mut App) {
    app.outline.rebuild(app.reader.report.as_deref());
}

/// The catalog arrived (or changed): a new regions tree, and on first arrival a report to
/// open: the saved one, else the newest national report, else the first.
pub(super) fn set_catalog(app: &mut App, catalog: &Arc<Reports>, cmds: &mut Vec<Cmd>) {
    app.regions.set_tree(RegionTree::build(catalog));
    app.catalog = Some(catalog.clone());
    rebuild_regions(app);
    if app.reader.report.is_some() || app.reader.loading.is_some() {
        return;
    }
    if catalog.is_empty() {
        app.message = Some(app.lang.ui().empty_corpus.to_string());
        return;
    }
    if let Some(saved) = app.restore.take() {
        if catalog.get(&saved.report).is_some() {
            return open_report(app, &saved.report, Jump::Paragraph(saved.paragraph), cmds);
        }
    }
    // First launch: the newest national report, else the first report.
    let first = catalog
        .iter()
        .filter(|r| {
            r.meta
                .region
                .as_ref()
                .is_some_and(|g| g.level == Level::National)
        })
        .max_by_key(|r| r.meta.year)
        .unwrap_or(&catalog[0]);
    let id = first.meta.id.clone();
    open_report(app, &id, Jump::Paragraph(0), cmds);
}

/// `h` / `←`: collapses the selected node, or goes to its parent (a report: to its region).
pub(super) fn collapse(app: &mut App) {
    match app.focus {
        Pane::Regions => match app.regions.current() {
            Some(Row::Node { node, .. }) => {
                if !app.regions.expanded.remove(&node) {
                    if let Some(p) = app.regions.tree.parent(node) {
                        app.regions.select_node(p);
                    }
                }
                rebuild_regions(app);
            }
            Some(Row::Report { report, .. }) => {
                if let Some(&node) = app.regions.tree.path_to_report(report).last() {
                    app.regions.select_node(node);
                }
            }
            None => {}
        },
        Pane::Outline => {
            let Some(s) = app.outline.current() else {
                return;
            };
            let Some(report) = app.reader.report.clone() else {
                return;
            };
            if !report.sections[s].children.is_empty() && app.outline.collapsed.insert(s) {
                rebuild_outline(app);
            } else if let Some(p) = report.sections[s].parent {
                app.outline.select(p);
            }
        }
        Pane::Reader => {}
    }
}

/// `l` / `→`: expands the selected node.
pub(super) fn expand(app: &mut App) {
    match app.focus {
        Pane::Regions => {
            if let Some(Row::Node { node, .. }) = app.regions.current() {
                app.regions.expanded.insert(node);
                rebuild_regions(app);
            }
        }
        Pane::Outline => {
            if let Some(s) = app.outline.current() {
                if app.outline.collapsed.remove(&s) {
                    rebuild_outline(app);
                }
            }
        }
        Pane::Reader => {}
    }
}

/// Enter: toggles a region, opens a report, or jumps to a section (showing the reader on
/// a narrow terminal).
pub(super) fn select(app: &mut App, cmds: &mut Vec<Cmd>) {
    match app.focus {
        Pane::Regions => match app.regions.current() {
            Some(Row::Node { node, .. }) => {
                if !app.regions.expanded.remove(&node) {
                    app.regions.expanded.insert(node);
                }
                rebuild_regions(app);
            }
            Some(Row::Report { report, .. }) => {
                if let Some(id) = app.catalog.as_ref().map(|c| c[report].meta.id.clone()) {
                    open_report(app, &id, Jump::Paragraph(0), cmds);
                    app.focus = Pane::Reader;
                }
            }
            None => {}
        },
        Pane::Outline => {
            if let Some(s) = app.outline.current() {
                jump_to_section(app, s);
                if app.areas().narrow {
                    app.focus = Pane::Reader;
                }
            }
        }
        Pane::Reader => {}
    }
}

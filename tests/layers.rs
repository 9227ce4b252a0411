//! The layers of the crate, read from its source: nothing imports upward
//! (corpus → search → tui → bench / cli → main) and the TUI's modules import one another
//! without a cycle. A `use` that breaks either fails here with the file and the path.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The crate's top modules from the bottom up; a module may use only those before it
/// (`config`, `logging` and `text` are leaves anyone may use).
const LAYERS: &[&str] = &["corpus", "search", "tui", "bench", "cli"];

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every `.rs` file under `dir`, with its text.
fn sources(dir: &Path) -> Vec<(PathBuf, String)> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.path().extension().is_some_and(|x| x == "rs"))
        .map(|e| {
            let text = std::fs::read_to_string(e.path()).unwrap();
            (e.path().to_path_buf(), text)
        })
        .collect()
}

/// The first module names of the paths that follow `prefix` in `text` (`prefix::a::b`,
/// `prefix::{a::b, c}`), comments left out.
fn names_after(text: &str, prefix: &str) -> Vec<String> {
    let code: String = text
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n");
    let mut out = Vec::new();
    let mut rest = code.as_str();
    while let Some(i) = rest.find(prefix) {
        let before = rest[..i].chars().next_back();
        rest = &rest[i + prefix.len()..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
            continue; // `x_crate::`, `super::super::`: not this prefix.
        }
        if let Some(tree) = rest.strip_prefix('{') {
            // The top-level items of the braces.
            let mut depth = 0;
            let mut item = String::new();
            for c in tree.chars() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        out.push(first_name(&item));
                        item.clear();
                        continue;
                    }
                    _ => {}
                }
                item.push(c);
            }
            out.push(first_name(&item));
        } else {
            out.push(first_name(rest));
        }
    }
    out.retain(|n| !n.is_empty());
    out
}

fn first_name(s: &str) -> String {
    s.trim_start()
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect()
}

#[test]
fn no_module_imports_upward() {
    let mut wrong = Vec::new();
    let mut seen = BTreeSet::new();
    for (i, layer) in LAYERS.iter().enumerate() {
        let dir = src().join(layer);
        let mut files = sources(&dir);
        let file = src().join(format!("{layer}.rs"));
        if file.exists() {
            files.push((file.clone(), std::fs::read_to_string(&file).unwrap()));
        }
        assert!(!files.is_empty(), "no source for {layer}");
        for (path, text) in files {
            for name in names_after(&text, "crate::") {
                if LAYERS[i + 1..].contains(&name.as_str()) {
                    wrong.push(format!("{}: crate::{name}", path.display()));
                }
                seen.insert(format!("{layer} → {name}"));
            }
        }
    }
    // The leaves use none of the layers.
    for leaf in ["config.rs", "logging.rs", "text.rs"] {
        let text = std::fs::read_to_string(src().join(leaf)).unwrap();
        for name in names_after(&text, "crate::") {
            if LAYERS.contains(&name.as_str()) {
                wrong.push(format!("{leaf}: crate::{name}"));
            }
        }
    }
    assert!(wrong.is_empty(), "upward imports:\n{}", wrong.join("\n"));
    // The reading sees the downward imports there are.
    for edge in [
        "search → corpus",
        "tui → search",
        "bench → tui",
        "cli → tui",
    ] {
        assert!(seen.contains(edge), "{edge} not seen in {seen:?}");
    }
}

/// Depth-first search from `m`: the first cycle found, as the path around it.
fn visit(
    m: &str,
    edges: &BTreeMap<String, BTreeSet<String>>,
    path: &mut Vec<String>,
    done: &mut BTreeSet<String>,
) -> Option<Vec<String>> {
    if let Some(i) = path.iter().position(|p| p == m) {
        let mut cycle = path[i..].to_vec();
        cycle.push(m.to_string());
        return Some(cycle);
    }
    if done.contains(m) {
        return None;
    }
    path.push(m.to_string());
    for n in edges.get(m).into_iter().flatten() {
        if let Some(c) = visit(n, edges, path, done) {
            return Some(c);
        }
    }
    path.pop();
    done.insert(m.to_string());
    None
}

#[test]
fn the_tui_modules_have_no_import_cycle() {
    let tui = src().join("tui");
    let modules: BTreeSet<String> = std::fs::read_dir(&tui)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter_map(|p| {
            let stem = p.file_stem()?.to_str()?.to_string();
            (p.is_dir() || p.extension().is_some_and(|x| x == "rs")).then_some(stem)
        })
        .filter(|m| m != "mod")
        .collect();
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (path, text) in sources(&tui) {
        let rel = path.strip_prefix(&tui).unwrap();
        let parts: Vec<&str> = rel.iter().map(|p| p.to_str().unwrap()).collect();
        let module = parts[0].trim_end_matches(".rs").to_string();
        if module == "mod" {
            continue; // tui/mod.rs runs the loop over all of them.
        }
        // In tui/x.rs and tui/x/mod.rs, `super::` is the tui module itself.
        let mut names = names_after(&text, "crate::tui::");
        if parts.len() == 1 || parts.get(1) == Some(&"mod.rs") {
            names.extend(names_after(&text, "super::"));
        }
        for name in names {
            if modules.contains(&name) && name != module {
                edges.entry(module.clone()).or_default().insert(name);
            }
        }
    }
    let mut done = BTreeSet::new();
    for m in &modules {
        if let Some(cycle) = visit(m, &edges, &mut Vec::new(), &mut done) {
            panic!("import cycle in src/tui: {}", cycle.join(" → "));
        }
    }
    // The edges the layout rests on: the layout and the focus know nothing of the app.
    assert!(!edges.get("layout").is_some_and(|e| e.contains("app")));
    assert!(edges.get("app").is_some_and(|e| e.contains("layout")));
}

#[test]
fn the_reader_of_paths_sees_what_a_use_names() {
    let text = "use super::{app::{App, Pane}, keymap::Mode, layout};\n\
                // use super::worker;\n\
                let h = super::layout::areas(x); use crate::tui::wrap::Wrapped;";
    assert_eq!(
        names_after(text, "super::"),
        ["app", "keymap", "layout", "layout"]
    );
    assert_eq!(names_after(text, "crate::tui::"), ["wrap"]);
}

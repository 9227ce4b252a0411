//! `gwr config` (the settings in effect and every file gwr uses, with its size) and
//! `gwr marks` (the marked paragraphs, as a list, Markdown or CSV).

use std::fmt::Write as _;
use std::path::Path;
use std::process::ExitCode;

use clap::Args;

use super::Context;
use super::search::write_out;
use crate::lang::Lang;
use crate::marks::Marks;
use crate::text::terminal_safe;

/// Arguments of `gwr marks`.
#[derive(Debug, Args)]
pub struct MarksArgs {
    /// Markdown quotes, each with its citation.
    #[arg(long, conflicts_with = "csv")]
    pub md: bool,
    /// CSV with a header row (mark, citation, title, region, year, section, …).
    #[arg(long)]
    pub csv: bool,
}

/// A size for people: `312 B`, `12.1 KB`, `401.2 MB`.
fn size(bytes: u64) -> String {
    match bytes {
        0..1_000 => format!("{bytes} B"),
        1_000..1_000_000 => format!("{:.1} KB", bytes as f64 / 1e3),
        1_000_000..1_000_000_000 => format!("{:.1} MB", bytes as f64 / 1e6),
        _ => format!("{:.2} GB", bytes as f64 / 1e9),
    }
}

/// A path and its size (a folder's is of everything in it), or that it is not there.
fn path_line(out: &mut String, what: &str, path: &Path) {
    let shown = match std::fs::metadata(path) {
        Ok(m) if m.is_dir() => size(crate::search::dir_bytes(path)),
        Ok(m) => size(m.len()),
        Err(_) => "not there yet".to_string(),
    };
    let _ = writeln!(
        out,
        "  {what:<12}{}  ({shown})",
        terminal_safe(&path.display().to_string())
    );
}

pub fn config(ctx: &Context) -> anyhow::Result<ExitCode> {
    let c = &ctx.config;
    let mut out = String::from("settings\n");
    let (lang, from) = Lang::from_env(c.lang);
    let _ = writeln!(
        out,
        "  {:<12}{}",
        "corpus",
        terminal_safe(&ctx.corpus.label())
    );
    let _ = writeln!(out, "  {:<12}{} ({from})", "lang", lang.code());
    let _ = writeln!(
        out,
        "  {:<12}{}",
        "mouse",
        if c.mouse { "on (wheel scrolls)" } else { "off" }
    );
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let theme = if c.theme.is_empty() {
        "default".to_string()
    } else {
        c.theme
            .iter()
            .map(|(role, col)| {
                let fg = col.fg.map(|f| f.to_string()).unwrap_or_default();
                match col.bg {
                    Some(bg) => format!("{role} = {fg} on {bg}").replace("=  on", "= on"),
                    None => format!("{role} = {fg}"),
                }
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    let theme = if no_color {
        format!("{theme} (not used: NO_COLOR is set)")
    } else {
        theme
    };
    let _ = writeln!(out, "  {:<12}{}", "colours", terminal_safe(&theme));
    if c.keys.is_empty() {
        let _ = writeln!(out, "  {:<12}default (? in gwr lists them)", "keys");
    } else {
        for (i, k) in c.keys.iter().enumerate() {
            let keys: Vec<String> = k
                .keys
                .iter()
                .map(|p| {
                    crate::tui::keymap::Key {
                        code: p.code,
                        mods: p.mods,
                    }
                    .label()
                })
                .collect();
            let _ = writeln!(
                out,
                "  {:<12}{} = {}",
                if i == 0 { "keys" } else { "" },
                terminal_safe(&k.action),
                terminal_safe(&keys.join(" "))
            );
        }
    }
    out.push_str("files\n");
    match &c.path {
        Some(p) => path_line(&mut out, "config", p),
        None => {
            let _ = writeln!(out, "  {:<12}none (no config directory)", "config");
        }
    }
    path_line(&mut out, "data dir", &ctx.data_dir);
    path_line(
        &mut out,
        "index",
        &crate::search::corpus_dir(&ctx.corpus, &ctx.data_dir),
    );
    path_line(&mut out, "marks", &Marks::file(&ctx.corpus, &ctx.data_dir));
    path_line(&mut out, "state", &ctx.data_dir.join("state.json"));
    path_line(&mut out, "log", &ctx.data_dir.join("gwr.log"));
    write_out(&out)?;
    Ok(ExitCode::SUCCESS)
}

pub fn marks(ctx: &Context, args: &MarksArgs) -> anyhow::Result<ExitCode> {
    let marks = Marks::load(&Marks::file(&ctx.corpus, &ctx.data_dir))?;
    if marks.is_empty() {
        eprintln!(
            "gwr: no marks yet for {}: in gwr, m and a letter marks the paragraph under the \
             cursor",
            terminal_safe(&ctx.corpus.label())
        );
        return Ok(ExitCode::SUCCESS);
    }
    let text = if args.md {
        marks.to_markdown()
    } else if args.csv {
        marks.to_csv()
    } else {
        let mut out = String::new();
        for (letter, m) in marks.iter() {
            let excerpt: String = m.text.chars().take(40).collect();
            let more = if m.text.chars().count() > 40 {
                "…"
            } else {
                ""
            };
            let _ = writeln!(out, "{letter}  {}  {excerpt}{more}", m.citation());
        }
        out
    };
    // The list is for the terminal; the exports are data (their text was cleaned of
    // control characters when the report was read) and keep CSV's CRLF.
    if args.md || args.csv {
        write_out(&text)?;
    } else {
        write_out(&terminal_safe(&text))?;
    }
    Ok(ExitCode::SUCCESS)
}

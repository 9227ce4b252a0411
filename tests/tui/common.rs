//! Shared fixtures for the TUI tests: hand-made reports with a known section tree and
//! regions (so the tests do not depend on how well the parser does), and a harness that
//! drives `update` and draws on `TestBackend`.

#![allow(dead_code)]

use std::fmt::Write as _;
use std::sync::Arc;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use gwr::corpus::{Level, Paragraph, Region, Report, ReportMeta, Section, SectionKind};
use gwr::search::{Catalog, CatalogEntry, Engine, Hit, Progress, Query, Reports, SearchResults};
use gwr::tui::app::App;
use gwr::tui::msg::{Cmd, Msg};
use gwr::tui::theme::Theme;
use gwr::tui::{render, update};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// A line of a fixture report: its text and, for a heading, (level, path, title, kind).
type Line<'a> = (&'a str, Option<(u8, &'a str, &'a str, SectionKind)>);

const B: SectionKind = SectionKind::Body;

fn build(id: &str, title: &str, year: u16, region: Region, lines: &[Line<'_>]) -> Report {
    let mut sections: Vec<Section> = Vec::new();
    let mut paragraphs = Vec::new();
    let mut stack: Vec<usize> = Vec::new();
    for (i, (text, head)) in lines.iter().enumerate() {
        if let Some((level, path, title, kind)) = head {
            while stack.last().is_some_and(|s| sections[*s].level >= *level) {
                stack.pop();
            }
            let parent = stack.last().copied();
            let idx = sections.len();
            if let Some(p) = parent {
                sections[p].children.push(idx);
            }
            sections.push(Section {
                number: None,
                title: (*title).to_string(),
                level: *level,
                path: (*path).to_string(),
                kind: *kind,
                parent,
                children: Vec::new(),
                first_paragraph: i,
                end_paragraph: i,
            });
            stack.push(idx);
        }
        let section = *stack.last().expect("the first line opens a section");
        paragraphs.push(Paragraph {
            text: (*text).to_string(),
            section,
            heading: head.is_some() && kind_of(head.as_ref()) == B,
        });
        // Every open section now reaches this paragraph.
        for s in &stack {
            sections[*s].end_paragraph = i + 1;
        }
    }
    let text_bytes = paragraphs
        .iter()
        .map(|p: &Paragraph| p.text.len() + 1)
        .sum::<usize>()
        - 1;
    Report {
        meta: ReportMeta {
            id: id.to_string(),
            file: format!("{id}.txt"),
            title: title.to_string(),
            year: Some(year),
            region: Some(region),
            paragraphs: paragraphs.len(),
            text_bytes,
            ..ReportMeta::default()
        },
        sections,
        paragraphs,
        glossary: Vec::new(),
    }
}

fn kind_of(head: Option<&(u8, &str, &str, SectionKind)>) -> SectionKind {
    head.map_or(SectionKind::Preamble, |h| h.3)
}

fn region(name: &str, code: &str, level: Level, anc: &[(&str, &str)]) -> Region {
    Region {
        name: name.to_string(),
        full: anc.iter().map(|a| a.1).collect::<String>() + name,
        level,
        code: code.to_string(),
        ancestors: anc.iter().map(|a| a.0.to_string()).collect(),
        ancestor_names: anc.iter().map(|a| a.1.to_string()).collect(),
        confidence: 1.0,
    }
}

/// A report in the usual shape: preamble, two parts with sub-sections, a closing.
fn shaped(id: &str, name: &str, year: u16, region: Region, extra: &str) -> Report {
    let title = format!("{year}年{name}政府工作报告");
    let lines: Vec<Line<'_>> = vec![
        (
            title.as_str(),
            Some((1, "0", "前言", SectionKind::Preamble)),
        ),
        ("——在人民代表大会第二次会议上", None),
        ("各位代表：", None),
        (
            "现在，我代表人民政府向大会报告工作，请予审议，并请各位政协委员和列席会议的同志提出意见。",
            None,
        ),
        (
            "一、过去一年工作回顾",
            Some((1, "1", "过去一年工作回顾", B)),
        ),
        (
            "过去一年，我们坚持稳中求进工作总基调，全力以赴拼经济、抓发展、保民生，经济社会发展主要目标任务圆满完成。地区生产总值增长5.5%，一般公共预算收入增长8.2%。",
            None,
        ),
        (
            "（一）经济运行回升向好。坚持扩大有效投资，实施重点项目，带动投资持续增长（见附表）。",
            Some((2, "1.1", "经济运行回升向好", B)),
        ),
        (
            "推动消费扩容提质，社会消费品零售总额增长6.8%，“文旅融合”成效明显。",
            None,
        ),
        (
            "（二）乡村振兴扎实推进。粮食总产量稳定在较高水平，高标准农田建设有序推进。",
            Some((2, "1.2", "乡村振兴扎实推进", B)),
        ),
        (extra, None),
        ("二、今年工作安排", Some((1, "2", "今年工作安排", B))),
        (
            "今年是关键之年，做好政府工作，要坚持以高质量发展为首要任务。",
            None,
        ),
        (
            "（一）着力扩大有效需求。",
            Some((2, "2.1", "着力扩大有效需求", B)),
        ),
        ("实施扩大内需战略，推动消费和投资良性循环。", None),
        (
            "（二）着力建设现代化产业体系。",
            Some((2, "2.2", "着力建设现代化产业体系", B)),
        ),
        (
            "（三）着力推进乡村振兴。",
            Some((2, "2.3", "着力推进乡村振兴", B)),
        ),
        (
            "坚持农业农村优先发展，学习运用“千万工程”经验，全面推进乡村振兴，建设宜居宜业和美乡村。",
            None,
        ),
        (
            "各位代表！让我们团结奋斗，为全面建设社会主义现代化国家作出新的更大贡献！",
            Some((1, "C", "结束语", SectionKind::Closing)),
        ),
    ];
    build(id, &title, year, region, &lines)
}

/// Four reports: the national one (2024), 河北省 2023 and 2024, 保定市 2024.
pub fn reports() -> Vec<Report> {
    let hb: &[(&str, &str)] = &[("130000", "河北省")];
    vec![
        shaped(
            "100000-2024",
            "国务院",
            2024,
            region("全国", "100000", Level::National, &[]),
            "乡村振兴全面推进，农村改革持续深化。",
        ),
        shaped(
            "130000-2023",
            "河北省",
            2023,
            region("河北省", "130000", Level::Province, &[]),
            "大力实施乡村振兴战略，建设美丽乡村。",
        ),
        shaped(
            "130000-2024",
            "河北省",
            2024,
            region("河北省", "130000", Level::Province, &[]),
            "乡村振兴取得新进展，乡村振兴示范区建设加快。",
        ),
        shaped(
            "130600-2024",
            "保定市",
            2024,
            region("保定市", "130600", Level::Prefecture, hb),
            "扎实推进乡村振兴，县域经济加快发展。",
        ),
    ]
}

/// The catalog of [`reports`].
pub fn catalog(reports: &[Report]) -> Arc<Catalog> {
    Arc::new(Catalog {
        reports: reports
            .iter()
            .map(|r| CatalogEntry::of(r, gwr::targets::extract(r)))
            .collect(),
        rejected: Vec::new(),
    })
}

/// Where the answers come from.
pub enum Source {
    Fixture(Vec<Report>),
    Engine(Arc<Engine>),
}

impl Source {
    /// The light list of the reports, as the engine opener sends it.
    pub fn catalog(&self) -> Arc<Reports> {
        match self {
            Source::Fixture(r) => Arc::new(Reports::of(&catalog(r))),
            Source::Engine(e) => e.reports().clone(),
        }
    }

    /// The targets view's table, as the targets worker reads it.
    pub fn targets(
        &self,
        code: &str,
        year: Option<u16>,
    ) -> Result<gwr::tui::targets::TargetsTable, String> {
        match self {
            Source::Engine(e) => gwr::tui::worker::targets_table(e, code, year),
            Source::Fixture(r) => {
                let all = catalog(r);
                gwr::tui::targets::TargetsTable::read(&Reports::of(&all), code, year, &mut |i| {
                    Ok(all.reports[i].targets.clone())
                })
            }
        }
    }

    pub fn load(&self, id: &str) -> Option<Report> {
        match self {
            Source::Fixture(r) => r.iter().find(|r| r.meta.id == id).cloned(),
            Source::Engine(e) => e.load_report(id).ok(),
        }
    }

    pub fn search(&self, query: &str) -> Result<SearchResults, String> {
        match self {
            // Ranking may differ from run to run (BM25 before and after the engine's
            // word dictionary has loaded), so snapshots get every hit in document order.
            Source::Engine(e) => e
                .search(query, gwr::search::Limit::All)
                .map(|mut res| {
                    res.hits
                        .sort_by(|a, b| (&a.report, a.paragraph).cmp(&(&b.report, b.paragraph)));
                    res.hits.truncate(50);
                    res
                })
                // As the search worker says it (in the default language).
                .map_err(|e| gwr::tui::text::search_error(gwr::lang::Lang::Zh, &e)),
            Source::Fixture(reports) => {
                let q = Query::parse(query).map_err(|e| e.to_string())?;
                let mut res = SearchResults::default();
                for r in reports {
                    for (i, p) in r.paragraphs.iter().enumerate() {
                        let hl = q.highlight(&p.text);
                        if hl.is_empty() {
                            continue;
                        }
                        let s = &r.sections[p.section];
                        res.total_paragraphs += 1;
                        // Built from JSON so that fields the engine adds later (with
                        // serde defaults) do not break this fixture.
                        let hit: Hit = serde_json::from_value(serde_json::json!({
                            "report": r.meta.id,
                            "region": r.meta.region.as_ref().unwrap().name,
                            "year": r.meta.year,
                            "section": s.path,
                            "section_title": s.title,
                            "paragraph": i,
                            "snippet": p.text,
                            "highlights": hl,
                            "score": 1.0,
                        }))
                        .unwrap();
                        res.hits.push(hit);
                    }
                }
                res.total_reports = reports.len();
                Ok(res)
            }
        }
    }
}

/// The app on a `TestBackend`, with commands answered at once from a [`Source`].
pub struct Harness {
    pub app: App,
    pub terminal: Terminal<TestBackend>,
    pub source: Source,
    /// Every command `update` returned, in order.
    pub cmds: Vec<Cmd>,
    /// Search commands are held here until [`Harness::answer_searches`] (to test stale answers).
    pub hold_searches: bool,
    pub held: Vec<Cmd>,
    /// The analyses' word counts (made on the first analysis of an engine source).
    pub profiles: Option<gwr::analysis::profile::Profiles>,
}

impl Harness {
    pub fn new(source: Source, w: u16, h: u16) -> Harness {
        Harness {
            app: App::new(w, h, Theme::default(), None),
            terminal: Terminal::new(TestBackend::new(w, h)).unwrap(),
            source,
            cmds: Vec::new(),
            hold_searches: false,
            held: Vec::new(),
            profiles: None,
        }
    }

    pub fn fixture(w: u16, h: u16) -> Harness {
        Harness::new(Source::Fixture(reports()), w, h)
    }

    /// Sends the catalog and the engine-ready message, like the opener thread does.
    pub fn start(&mut self) {
        let c = self.source.catalog();
        self.send(Msg::Progress(Progress::Catalog(c)));
        self.send(Msg::EngineReady);
    }

    pub fn send(&mut self, msg: Msg) {
        let cmds = update(&mut self.app, msg);
        for cmd in cmds {
            self.cmds.push(cmd.clone());
            self.run(cmd);
        }
    }

    fn run(&mut self, cmd: Cmd) {
        match cmd {
            Cmd::LoadReport { generation, id } => {
                let report = self.source.load(&id).expect("report exists");
                self.send(Msg::ReportLoaded {
                    generation,
                    report: Arc::new(report),
                });
            }
            Cmd::Search { generation, query } => {
                if self.hold_searches {
                    self.held.push(Cmd::Search { generation, query });
                } else {
                    let result = self.source.search(&query).map(Arc::new);
                    self.send(Msg::SearchDone { generation, result });
                }
            }
            Cmd::Save(_) | Cmd::Suspend | Cmd::SaveMarks(_) | Cmd::Copy { .. } => {}
            Cmd::Targets {
                generation,
                code,
                year,
            } => {
                let result = self.source.targets(&code, year).map(Arc::new);
                self.send(Msg::TargetsDone { generation, result });
            }
            Cmd::Analyse {
                generation,
                request,
            } => {
                let result = match &self.source {
                    Source::Engine(e) => {
                        let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
                            .join("tui-analysis-data");
                        let profiles = self.profiles.get_or_insert_with(|| {
                            gwr::analysis::profile::Profiles::open(e, &dir, &mut |_, _| {}).unwrap()
                        });
                        gwr::tui::worker::analyse(e, Some(profiles), &request, gwr::lang::Lang::Zh)
                            .map(Arc::new)
                    }
                    Source::Fixture(_) => Err("no engine for the fixture".to_string()),
                };
                self.send(Msg::AnalysisDone { generation, result });
            }
        }
    }

    pub fn key(&mut self, code: KeyCode) {
        self.send(Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    }

    pub fn ctrl(&mut self, c: char) {
        self.send(Msg::Key(KeyEvent::new(
            KeyCode::Char(c),
            KeyModifiers::CONTROL,
        )));
    }

    /// Types each character as one key event (as a terminal sends CJK input).
    pub fn keys(&mut self, text: &str) {
        for c in text.chars() {
            self.key(KeyCode::Char(c));
        }
    }

    pub fn resize(&mut self, w: u16, h: u16) {
        self.terminal
            .resize(ratatui::layout::Rect::new(0, 0, w, h))
            .unwrap();
        self.send(Msg::Resize(w, h));
    }

    /// Draws a frame and returns the screen as text.
    pub fn draw(&mut self) -> String {
        let app = &self.app;
        // The frame's own buffer: the backend's keeps stale symbols in cells that a wide
        // character covers (the diff never sends them), which a terminal does not show.
        let done = self.terminal.draw(|f| render::draw(f, app)).unwrap();
        screen(done.buffer)
    }

    /// The id of the open report.
    pub fn report_id(&self) -> String {
        self.app
            .reader
            .report
            .as_ref()
            .map(|r| r.meta.id.clone())
            .unwrap_or_default()
    }

    /// The paragraph at the top of the reader.
    pub fn top_para(&self) -> usize {
        self.app.top_paragraph().unwrap()
    }
}

/// The screen as text, one line per row, as a terminal shows it: a wide character once,
/// the cell it covers not printed.
///
/// ratatui's own `TestBackend` view writes "Hidden by multi-width symbols" after every row
/// with a wide character in it (it lists the blank cell each CJK character covers), so
/// it cannot be used as is for Chinese screens. Here the covered cells are checked instead:
/// one holding anything but a blank means something drawn there was hidden by a wide
/// character, and the returned text then says "Hidden by multi-width symbols".
pub fn screen(buf: &ratatui::buffer::Buffer) -> String {
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut skip = 0;
        let mut hidden = Vec::new();
        for x in 0..buf.area.width {
            let sym = buf[(x, y)].symbol();
            if skip > 0 {
                skip -= 1;
                if sym != " " && !sym.is_empty() {
                    hidden.push((x, sym.to_string()));
                }
                continue;
            }
            out.push_str(sym);
            skip = unicode_width::UnicodeWidthStr::width(sym).saturating_sub(1);
        }
        if !hidden.is_empty() {
            let _ = write!(out, " Hidden by multi-width symbols: {hidden:?}");
        }
        out.push('\n');
    }
    out
}

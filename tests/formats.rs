//! Word and PDF files: a `.docx` and a text-layer `.pdf` made here from a demo report's text
//! give the same region, year, date, speaker, section tree and paragraphs as the `.txt`;
//! scanned, encrypted and old `.doc` files are listed with reasons that say what to do.
//!
//! The fixtures are written by the code below. The `.docx` has its chapter numbers (一、
//! and （一）) as Word's automatic numbering (numbering.xml), not in the text, and its text
//! split over several runs. The PDF uses a `Type0` font with `Identity-H` codes (one glyph
//! id per character) and a `ToUnicode` map; no font file is embedded (the font is named
//! `SimSun`, which a viewer would substitute): the text comes from the map alone. Its pages
//! have a running header (from page 2 on), a footer with the page number (— 3 —), and its
//! paragraphs broken into lines of the page's width, the first line indented, paragraphs
//! running on over page breaks, as Word or WPS print them.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write as _;

use gwr::corpus::{self, Corpus, Report, clean, decode, parse_report};
use lopdf::content::{Content, Operation};
use lopdf::{Dictionary, Document, Object, Stream, StringFormat, dictionary};

/// The report's text as its cleaned lines: what a person copies into Word.
fn report_lines(rel: &str) -> Vec<String> {
    let bytes = Corpus::Demo.read(rel).unwrap();
    let text = decode::decode(&bytes).unwrap().text;
    clean::clean(&text).lines
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

const CHINESE: [&str; 20] = [
    "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四",
    "十五", "十六", "十七", "十八", "十九", "二十",
];

/// The list level and the rest of a line numbered 一、 (level 0) or （一） (level 1), when
/// its number is the one Word's counter would draw next.
fn numbered<'a>(line: &'a str, counters: &mut [usize; 2]) -> Option<(usize, &'a str)> {
    let next0 = CHINESE.get(counters[0])?;
    if let Some(rest) = line.strip_prefix(&format!("{next0}、")) {
        counters[0] += 1;
        counters[1] = 0;
        return Some((0, rest));
    }
    let next1 = CHINESE.get(counters[1])?;
    if counters[0] > 0 {
        if let Some(rest) = line.strip_prefix(&format!("（{next1}）")) {
            counters[1] += 1;
            return Some((1, rest));
        }
    }
    None
}

/// A `.docx` of the lines: one paragraph each, chapter numbers as automatic numbering.
fn make_docx(lines: &[String]) -> Vec<u8> {
    let mut body = String::new();
    let mut counters = [0usize; 2];
    for line in lines {
        let (ppr, text) = match numbered(line, &mut counters) {
            Some((lvl, rest)) => (
                format!(
                    "<w:pPr><w:pStyle w:val=\"{}\"/><w:numPr><w:ilvl w:val=\"{lvl}\"/>\
                     <w:numId w:val=\"1\"/></w:numPr></w:pPr>",
                    lvl + 1
                ),
                rest,
            ),
            None => (String::new(), line.as_str()),
        };
        body.push_str("<w:p>");
        body.push_str(&ppr);
        // Runs of up to 20 characters, as Word splits text where formatting or editing
        // sessions changed.
        let chars: Vec<char> = text.chars().collect();
        for run in chars.chunks(20) {
            let run: String = run.iter().collect();
            let _ = write!(
                body,
                "<w:r><w:rPr><w:rFonts w:hint=\"eastAsia\"/></w:rPr><w:t xml:space=\"preserve\">{}</w:t></w:r>",
                xml_escape(&run)
            );
        }
        body.push_str("</w:p>");
    }
    package(&body)
}

/// A `.docx` whose `document.xml` body is `body`, with the styles `1` (heading 1, outline
/// level 0) and `2` (heading 2) and a list definition for 一、 and （一）.
fn package(body: &str) -> Vec<u8> {
    let w = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";
    let parts = [
        (
            "[Content_Types].xml",
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
             <Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
             <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
             <Default Extension=\"xml\" ContentType=\"application/xml\"/>\
             <Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>\
             </Types>"
                .to_string(),
        ),
        (
            "_rels/.rels",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
             <Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
             <Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>\
             </Relationships>"
                .to_string(),
        ),
        (
            "word/document.xml",
            format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
                 <w:document {w}><w:body>{body}<w:sectPr/></w:body></w:document>"
            ),
        ),
        (
            "word/styles.xml",
            format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:styles {w}>\
                 <w:style w:type=\"paragraph\" w:styleId=\"1\"><w:name w:val=\"heading 1\"/>\
                 <w:pPr><w:outlineLvl w:val=\"0\"/></w:pPr></w:style>\
                 <w:style w:type=\"paragraph\" w:styleId=\"2\"><w:name w:val=\"heading 2\"/>\
                 <w:basedOn w:val=\"1\"/><w:pPr><w:outlineLvl w:val=\"1\"/></w:pPr></w:style>\
                 </w:styles>"
            ),
        ),
        (
            "word/numbering.xml",
            format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:numbering {w}>\
                 <w:abstractNum w:abstractNumId=\"0\">\
                 <w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"chineseCounting\"/><w:lvlText w:val=\"%1、\"/></w:lvl>\
                 <w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"chineseCounting\"/><w:lvlText w:val=\"（%2）\"/></w:lvl>\
                 </w:abstractNum><w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>\
                 </w:numbering>"
            ),
        ),
        (
            "word/header1.xml",
            format!("<w:hdr {w}><w:p><w:r><w:t>页眉不是正文</w:t></w:r></w:p></w:hdr>"),
        ),
    ];
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, text) in parts {
        zip.start_file(name, opts).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// The width of a character in ems, as the page lays it out.
fn em(c: char) -> f32 {
    if c.is_ascii() { 0.5 } else { 1.0 }
}

const PAGE_W: f32 = 595.0;
const PAGE_H: f32 = 842.0;
const MARGIN: f32 = 72.0;
const SIZE: f32 = 12.0;
const LEADING: f32 = 20.0;
const TOP: f32 = 760.0;
const BOTTOM: f32 = 80.0;

/// The lines a paragraph is broken into: the first indented two ems; the title centred.
fn break_lines(text: &str, width: f32) -> Vec<(f32, String)> {
    let mut out = Vec::new();
    let mut line = String::new();
    let mut used = 2.0;
    let mut indent = 2.0;
    for c in text.chars() {
        if used + em(c) > width {
            out.push((indent, std::mem::take(&mut line)));
            used = 0.0;
            indent = 0.0;
        }
        line.push(c);
        used += em(c);
    }
    out.push((indent, line));
    out
}

/// A text-layer PDF of the lines.
fn make_pdf(lines: &[String]) -> Vec<u8> {
    let mut doc = Document::with_version("1.7");
    let pages_id = doc.new_object_id();
    // Glyph ids: one per distinct character, from 1.
    let mut cid: BTreeMap<char, u16> = BTreeMap::new();
    for c in lines
        .iter()
        .flat_map(|l| l.chars())
        .chain("第页—人民政府工作报告0123456789 ".chars())
    {
        let n = u16::try_from(cid.len() + 1).unwrap();
        cid.entry(c).or_insert(n);
    }
    let encode = |s: &str| -> Object {
        let bytes: Vec<u8> = s.chars().flat_map(|c| cid[&c].to_be_bytes()).collect();
        Object::String(bytes, StringFormat::Hexadecimal)
    };
    let mut cmap = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
         /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
         /CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
         1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    let entries: Vec<(&char, &u16)> = cid.iter().collect();
    for chunk in entries.chunks(100) {
        let _ = writeln!(cmap, "{} beginbfchar", chunk.len());
        for (c, id) in chunk {
            let mut units = [0u16; 2];
            let _ = write!(cmap, "<{id:04X}> <");
            for u in c.encode_utf16(&mut units) {
                let _ = write!(cmap, "{u:04X}");
            }
            cmap.push_str(">\n");
        }
        cmap.push_str("endbfchar\n");
    }
    cmap.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    let to_unicode = doc.add_object(Stream::new(Dictionary::new(), cmap.into_bytes()));
    let descendant = doc.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "CIDFontType2",
        "BaseFont" => "SimSun",
        "CIDSystemInfo" => dictionary! {
            "Registry" => Object::string_literal("Adobe"),
            "Ordering" => Object::string_literal("Identity"),
            "Supplement" => 0,
        },
        "DW" => 1000,
    });
    let font = doc.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "Type0",
        "BaseFont" => "SimSun",
        "Encoding" => "Identity-H",
        "DescendantFonts" => vec![descendant.into()],
        "ToUnicode" => to_unicode,
    });
    let resources = doc.add_object(dictionary! {
        "Font" => dictionary! { "F1" => font },
    });

    // Lay the paragraphs out on pages.
    let width = (PAGE_W - 2.0 * MARGIN) / SIZE;
    let mut pages: Vec<Vec<(f32, f32, String)>> = vec![Vec::new()];
    let mut y = TOP;
    for (i, line) in lines.iter().enumerate() {
        let broken = if i == 0 {
            // The title, centred.
            let w: f32 = line.chars().map(em).sum();
            vec![((width - w) / 2.0, line.clone())]
        } else {
            break_lines(line, width)
        };
        for (indent, text) in broken {
            if y < BOTTOM {
                pages.push(Vec::new());
                y = TOP;
            }
            pages
                .last_mut()
                .unwrap()
                .push((MARGIN + indent * SIZE, y, text));
            y -= LEADING;
        }
    }
    let mut kids = Vec::new();
    let n_pages = pages.len();
    for (p, page) in pages.into_iter().enumerate() {
        let mut ops = Vec::new();
        if p > 0 {
            // The running header, placed with a text matrix.
            ops.extend([
                Operation::new("BT", vec![]),
                Operation::new("Tf", vec!["F1".into(), 9.into()]),
                Operation::new(
                    "Tm",
                    vec![
                        1.into(),
                        0.into(),
                        0.into(),
                        1.into(),
                        240.into(),
                        800.into(),
                    ],
                ),
                Operation::new("Tj", vec![encode("人民政府工作报告")]),
                Operation::new("ET", vec![]),
            ]);
        }
        // The body, each line placed relative to the one before (Td), its text in two
        // pieces (TJ, with a kerning number between them). The first page's title is a
        // form XObject of its own, placed by the form's matrix, as some producers draw it.
        let mut page = page.into_iter();
        if p == 0 {
            let (x, y, title) = page.next().unwrap();
            let form = Content {
                operations: vec![
                    Operation::new("BT", vec![]),
                    Operation::new("Tf", vec!["F1".into(), SIZE.into()]),
                    Operation::new("Tj", vec![encode(&title)]),
                    Operation::new("ET", vec![]),
                ],
            };
            let form = doc.add_object(Stream::new(
                dictionary! {
                    "Type" => "XObject", "Subtype" => "Form",
                    "BBox" => vec![0.into(), 0.into(), PAGE_W.into(), 30.into()],
                    "Matrix" => vec![1.into(), 0.into(), 0.into(), 1.into(), x.into(), y.into()],
                },
                form.encode().unwrap(),
            ));
            doc.get_dictionary_mut(resources)
                .unwrap()
                .set("XObject", dictionary! { "Title" => form });
            ops.extend([
                Operation::new("q", vec![]),
                Operation::new("Do", vec!["Title".into()]),
                Operation::new("Q", vec![]),
            ]);
        }
        ops.push(Operation::new("BT", vec![]));
        ops.push(Operation::new("Tf", vec!["F1".into(), SIZE.into()]));
        let mut at = (0.0, 0.0);
        for (x, y, text) in page {
            ops.push(Operation::new(
                "Td",
                vec![(x - at.0).into(), (y - at.1).into()],
            ));
            at = (x, y);
            let cut = text
                .char_indices()
                .nth(text.chars().count() / 2)
                .map_or(0, |(i, _)| i);
            let (a, b) = text.split_at(cut);
            ops.push(Operation::new(
                "TJ",
                vec![Object::Array(vec![
                    encode(a),
                    Object::Integer(0),
                    encode(b),
                ])],
            ));
        }
        ops.push(Operation::new("ET", vec![]));
        // The page number, centred at the foot.
        let footer = format!("— {} —", p + 1);
        ops.extend([
            Operation::new("BT", vec![]),
            Operation::new("Tf", vec!["F1".into(), 10.5.into()]),
            Operation::new("Td", vec![280.into(), 40.into()]),
            Operation::new("Tj", vec![encode(&footer)]),
            Operation::new("ET", vec![]),
        ]);
        let content = Content { operations: ops };
        let mut stream = Stream::new(Dictionary::new(), content.encode().unwrap());
        stream.compress().unwrap();
        let content_id = doc.add_object(stream);
        let page_id = doc.add_object(dictionary! {
            "Type" => "Page",
            "Parent" => pages_id,
            "Contents" => content_id,
            "Resources" => resources,
            "MediaBox" => vec![0.into(), 0.into(), PAGE_W.into(), PAGE_H.into()],
        });
        kids.push(page_id.into());
    }
    assert!(n_pages > 1, "the report fills more than one page");
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages",
            "Kids" => kids,
            "Count" => i64::try_from(n_pages).unwrap(),
        }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

/// Writes a fixture to the folder named by `GWR_KEEP_FIXTURES`, if set, to look at it.
fn keep(name: &str, bytes: &[u8]) {
    if let Some(dir) = std::env::var_os("GWR_KEEP_FIXTURES") {
        std::fs::write(std::path::Path::new(&dir).join(name), bytes).unwrap();
    }
}

/// What must agree between the `.txt` and a `.docx` or `.pdf` of it.
fn summary(r: &Report) -> String {
    let m = &r.meta;
    let mut s = format!(
        "title {}\nyear {:?}\nregion {:?}\ndate {:?}\nmeeting {:?}\nspeaker {:?} {:?}\n",
        m.title,
        m.year,
        m.region.as_ref().map(|g| (&g.code, &g.name)),
        m.meeting_date,
        m.meeting,
        m.speaker,
        m.speaker_title
    );
    for sec in &r.sections {
        let _ = writeln!(s, "section {:?} {:?} {}", sec.kind, sec.number, sec.title);
    }
    for p in &r.paragraphs {
        let _ = writeln!(s, "paragraph {} {}", p.section, p.text);
    }
    s
}

/// Demo reports with chapter numbers, a date line and a speaker.
const REPORTS: [&str; 2] = ["reportData_2014.txt", "国务院政府工作报告_2024年.txt"];

#[test]
fn a_docx_of_a_report_reads_as_its_txt() {
    for rel in REPORTS {
        let txt = parse_report(rel, &Corpus::Demo.read(rel).unwrap()).unwrap();
        let lines = report_lines(rel);
        let docx = make_docx(&lines);
        let name = rel.replace(".txt", ".docx");
        // The fixture really has its chapter numbers outside the text.
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&docx)).unwrap();
        let mut xml = String::new();
        std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml)
            .unwrap();
        assert!(xml.contains("<w:numId w:val=\"1\"/>"));
        assert!(!xml.contains(">一、") && !xml.contains(">（一）"), "{rel}");
        keep(&name, &docx);
        let from_docx = parse_report(&name, &docx).unwrap();
        assert!(txt.sections.len() > 3, "{rel}");
        assert_eq!(summary(&from_docx), summary(&txt), "{rel}");
    }
}

#[test]
fn a_text_layer_pdf_of_a_report_reads_as_its_txt() {
    for rel in REPORTS {
        let txt = parse_report(rel, &Corpus::Demo.read(rel).unwrap()).unwrap();
        let pdf = make_pdf(&report_lines(rel));
        let name = rel.replace(".txt", ".pdf");
        keep(&name, &pdf);
        let from_pdf = parse_report(&name, &pdf).unwrap();
        let text = corpus::formats::read(&name, &pdf).unwrap().text;
        assert!(
            !text.contains("— 2 —") && !text.contains("人民政府工作报告\n"),
            "{text}"
        );
        assert_eq!(summary(&from_pdf), summary(&txt), "{rel}");
    }
}

#[test]
fn a_pdf_with_a_scanned_page_reads_with_a_warning() {
    let rel = "reportData_2014.txt";
    let txt = parse_report(rel, &Corpus::Demo.read(rel).unwrap()).unwrap();
    let mut doc = Document::load_mem(&make_pdf(&report_lines(rel))).unwrap();
    // A page with a picture's place and no text, added at the end.
    let pages_id = doc
        .catalog()
        .unwrap()
        .get(b"Pages")
        .unwrap()
        .as_reference()
        .unwrap();
    let page = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages_id,
        "MediaBox" => vec![0.into(), 0.into(), PAGE_W.into(), PAGE_H.into()],
    });
    let pages = doc.get_dictionary_mut(pages_id).unwrap();
    let n = pages.get(b"Count").unwrap().as_i64().unwrap();
    pages.set("Count", n + 1);
    pages
        .get_mut(b"Kids")
        .unwrap()
        .as_array_mut()
        .unwrap()
        .push(page.into());
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).unwrap();
    let r = parse_report("reportData_2014.pdf", &bytes).unwrap();
    assert_eq!(summary(&r), summary(&txt));
    let last = n + 1;
    assert!(
        r.meta.warnings.iter().any(|w| w.starts_with(&format!(
            "PDF pages without a text layer (scanned?): {last} of {last}"
        ))),
        "{:?}",
        r.meta.warnings
    );
}

/// A report whose three parts are unnumbered and worded like sentences (a comma inside),
/// with 一、二、 restarting in each: only the parts' style says they are parts. The first two
/// use the `Heading 1` style, the third a paragraph outline level (`w:outlineLvl` 0).
fn styled_parts_docx() -> (Vec<u8>, Vec<String>, Vec<&'static str>) {
    let parts = [
        "回顾过去，我们攻坚克难",
        "展望今年，我们砥砺前行",
        "加强自身建设，建设人民满意政府",
    ];
    // Paragraphs that differ (cleaning keeps a repeated passage once).
    let body_text = |k: usize, n: usize| {
        format!(
            "全市上下团结奋斗，第{}项工作扎实推进，地区生产总值增长百分之{}，一般公共预算收入增长百分之{}，城乡居民收入稳步提高，各项社会事业全面进步。",
            CHINESE[k * 2 + n],
            CHINESE[k + 3],
            CHINESE[n + 4]
        )
    };
    let items = [
        ["一、坚持稳中求进", "二、推动高质量发展"],
        ["一、扩大有效需求", "二、深化改革开放"],
    ];
    let mut lines: Vec<(u8, String)> = vec![
        (0, "政府工作报告".into()),
        (
            0,
            "——2024年1月10日在某某市第七届人民代表大会第四次会议上".into(),
        ),
        (0, "各位代表：".into()),
        (
            0,
            "现在，我代表市人民政府，向大会报告工作，请予审议。".into(),
        ),
    ];
    for (k, part) in parts.iter().enumerate() {
        lines.push((if k < 2 { 1 } else { 9 }, (*part).into()));
        if let Some(items) = items.get(k) {
            for (n, item) in items.iter().enumerate() {
                lines.push((0, (*item).into()));
                lines.push((0, body_text(k, n)));
            }
        } else {
            lines.push((0, body_text(k, 0)));
        }
    }
    let mut body = String::new();
    for (kind, text) in &lines {
        let ppr = match kind {
            1 => "<w:pPr><w:pStyle w:val=\"1\"/></w:pPr>",
            9 => "<w:pPr><w:outlineLvl w:val=\"0\"/></w:pPr>",
            _ => "",
        };
        let _ = write!(
            body,
            "<w:p>{ppr}<w:r><w:t>{}</w:t></w:r></w:p>",
            xml_escape(text)
        );
    }
    let text = lines.into_iter().map(|(_, t)| t).collect();
    (package(&body), text, parts.to_vec())
}

#[test]
fn docx_heading_styles_make_unnumbered_parts() {
    let (docx, lines, parts) = styled_parts_docx();
    keep("styled_parts.docx", &docx);
    let r = parse_report("styled_parts.docx", &docx).unwrap();
    assert_eq!(r.top_level_titles(), parts);
    // The numbered items restart under each part, one level down.
    let items: Vec<(u8, &str)> = r
        .sections
        .iter()
        .filter(|s| s.number.is_some())
        .map(|s| (s.level, s.title.as_str()))
        .collect();
    assert_eq!(
        items,
        [
            (2, "坚持稳中求进"),
            (2, "推动高质量发展"),
            (2, "扩大有效需求"),
            (2, "深化改革开放")
        ]
    );
    // The same words as plain text do not show the parts: the style is the evidence.
    let txt = parse_report("styled_parts.txt", lines.join("\n").as_bytes()).unwrap();
    assert_ne!(txt.top_level_titles(), parts);
    // Paragraph texts are the same either way.
    let texts = |r: &Report| {
        r.paragraphs
            .iter()
            .map(|p| p.text.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(texts(&r), texts(&txt));
}

#[test]
fn docx_heading_styles_and_numbers_are_kept_as_evidence() {
    let lines = report_lines("reportData_2014.txt");
    let paras = corpus::formats::docx::paragraphs(&make_docx(&lines)).unwrap();
    let first = paras.iter().find(|p| !p.number.is_empty()).unwrap();
    assert_eq!(first.number, "一、");
    assert_eq!(first.heading, Some(1));
    let sub = paras.iter().find(|p| p.number.starts_with('（')).unwrap();
    assert_eq!(sub.number, "（一）");
    assert_eq!(sub.heading, Some(2));
    assert!(paras.iter().all(|p| !p.text.contains("页眉")));
}

/// A PDF whose one page draws only a rectangle (where a scan would draw its image).
fn scanned_pdf() -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let content = Content {
        operations: vec![
            Operation::new("re", vec![72.into(), 72.into(), 451.into(), 698.into()]),
            Operation::new("f", vec![]),
        ],
    };
    let content_id = doc.add_object(Stream::new(Dictionary::new(), content.encode().unwrap()));
    let page = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages_id, "Contents" => content_id,
        "MediaBox" => vec![0.into(), 0.into(), PAGE_W.into(), PAGE_H.into()],
    });
    doc.objects.insert(
        pages_id,
        Object::Dictionary(
            dictionary! { "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1 },
        ),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

/// A PDF whose trailer asks for the standard security handler with a user password (the
/// check values are not those of the empty password).
fn encrypted_pdf() -> Vec<u8> {
    let mut doc = Document::load_mem(&scanned_pdf()).unwrap();
    let encrypt = doc.add_object(dictionary! {
        "Filter" => "Standard",
        "V" => 1,
        "R" => 2,
        "O" => Object::String(vec![0x5a; 32], StringFormat::Hexadecimal),
        "U" => Object::String(vec![0xa5; 32], StringFormat::Hexadecimal),
        "P" => -4,
    });
    doc.trailer.set("Encrypt", encrypt);
    doc.trailer.set(
        "ID",
        vec![
            Object::String(vec![1; 16], StringFormat::Hexadecimal),
            Object::String(vec![1; 16], StringFormat::Hexadecimal),
        ],
    );
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

#[test]
fn scanned_encrypted_and_old_word_files_are_listed_with_what_to_do() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let lines = report_lines("reportData_2014.txt");
    std::fs::write(dir.join("report.docx"), make_docx(&lines)).unwrap();
    std::fs::write(dir.join("report.pdf"), make_pdf(&lines)).unwrap();
    std::fs::write(dir.join("scan.pdf"), scanned_pdf()).unwrap();
    std::fs::write(dir.join("locked.pdf"), encrypted_pdf()).unwrap();
    let mut doc = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1".to_vec();
    doc.resize(4096, 0);
    std::fs::write(dir.join("old.doc"), &doc).unwrap();
    std::fs::write(dir.join("locked.docx"), &doc).unwrap();

    let loaded = corpus::load(&Corpus::dir(dir).unwrap(), |_, _| {}).unwrap();
    let files: Vec<&str> = loaded
        .reports
        .iter()
        .map(|r| r.meta.file.as_str())
        .collect();
    assert_eq!(files.len(), 2, "{files:?} {:#?}", loaded.rejected);
    let reason = |f: &str| {
        loaded.rejected.iter().find(|r| r.file == f).map_or_else(
            || panic!("{f}: {:#?}", loaded.rejected),
            |r| r.reason.clone(),
        )
    };
    assert!(reason("scan.pdf").starts_with("scanned PDF: no text layer"));
    assert!(reason("scan.pdf").contains("run OCR first"));
    assert!(reason("locked.pdf").starts_with("encrypted PDF"));
    assert!(reason("locked.pdf").contains("qpdf --decrypt"));
    assert!(reason("old.doc").starts_with("old binary Word file (.doc)"));
    assert!(reason("old.doc").contains("--convert-to docx"));
    assert!(reason("locked.docx").starts_with("password-protected Word file"));

    // gwr list says the same, and opens the rest.
    let data = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_gwr"))
        .arg("--corpus")
        .arg(dir)
        .arg("--data-dir")
        .arg(data.path())
        .arg("list")
        .output()
        .unwrap();
    assert!(out.status.success());
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stdout.contains("(report.docx)") && stdout.contains("(report.pdf)"),
        "{stdout}"
    );
    assert!(
        stderr.contains("gwr: skipped scan.pdf: scanned PDF"),
        "{stderr}"
    );
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]

    /// A damaged Word or PDF file (bytes changed or cut off) is a report or a reason,
    /// never a crash.
    #[test]
    fn damaged_word_and_pdf_files_never_crash(
        cut in 0.0f64..1.0,
        edits in proptest::collection::vec((0.0f64..1.0, proptest::prelude::any::<u8>()), 0..8),
    ) {
        let lines = fixture_lines();
        for (name, mut bytes) in [("r.pdf", make_pdf(lines)), ("r.docx", make_docx(lines))] {
            for (at, b) in &edits {
                let last = bytes.len() - 1;
                let i = (*at * bytes.len() as f64) as usize;
                bytes[i.min(last)] = *b;
            }
            bytes.truncate(((cut * 1.5).min(1.0) * bytes.len() as f64) as usize);
            let _ = corpus::formats::read(name, &bytes);
        }
    }
}

fn fixture_lines() -> &'static [String] {
    static LINES: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    LINES.get_or_init(|| report_lines("reportData_2014.txt"))
}

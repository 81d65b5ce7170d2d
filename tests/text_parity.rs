//! Plain text at parity with reStructuredText (issue 15, point 5): every corpus rst page with an
//! operation is rendered to plain text the way seed 004 is (one table cell per paragraph, `•`
//! list items, section names at the left margin, blocks inside list items indented, no markup:
//! see `render_text`), read back by the text reader and transcribed; the measure is the same spec
//! from both renderings, compared in API terms (`drift::diff`: method, path, status, query,
//! bodies, types, fields, required, enums, constraints). Pages that differ are then checked
//! against their rst page read without markup: the ones that differ only by what plain text
//! cannot show (bold, backticks) are counted apart.
//!
//! `PARITY_ALL=1` lists every page that differs with all its differences; `PARITY_DUMP=DIR`
//! writes the renderings there.

mod common;

use std::fmt::Write;

use sdkgen::document::{Block, Document};
use sdkgen::transcribe::page::{transcribe_page, PageInput, PageResult};

/// The page as the plain-text rendering of seed 004 shows it: what a browser shows, copied as
/// text. Section titles at the left margin; `•` list items indented two spaces per level, their
/// further paragraphs at their text column; a table as its caption line (`Table N caption`; a
/// table without a number has no caption line), its header cells, then every cell as paragraphs
/// of its own (an empty cell shows nothing); blocks that sit inside a list item in the source
/// (the tables and examples under "  • Normal response") indented four spaces; no markup
/// (`**bold**` and `` `code` `` show as their text), notes as their title (`Note`) alone.
fn render_text(doc: &Document, source: &str) -> String {
    let lines: Vec<&str> = source.lines().collect();
    // the indentation of a block: one list level (4 spaces) per 3 columns of rst indentation
    let indent_at = |line: usize| -> usize {
        let l = lines.get(line.saturating_sub(1)).copied().unwrap_or("");
        let cols = l.len() - l.trim_start().len();
        4 * cols.div_ceil(3).min(2)
    };
    let mut out = String::new();
    let _ = writeln!(out, "{}\n", doc.title);
    for block in &doc.blocks {
        match block {
            Block::Heading(h) if h.level == 1 => {}
            Block::Heading(h) => {
                let _ = writeln!(out, "{}\n", plain(&h.text));
            }
            Block::Paragraph(p) => render_cell(&p.text, indent_at(p.line), &mut out),
            Block::List(l) => {
                for item in &l.items {
                    let indent = 2 * (usize::from(item.level) + 1);
                    let mut text = String::new();
                    render_cell(&item.text, indent + 2, &mut text);
                    // the first paragraph carries the bullet
                    let body = text.get(indent + 2..).unwrap_or("");
                    let _ = write!(out, "{}• {body}", " ".repeat(indent));
                }
            }
            Block::Note(n) => {
                let ind = indent_at(n.line);
                let _ = writeln!(out, "{}{}\n", " ".repeat(ind), title_case(&n.kind));
                render_cell(&n.text, ind, &mut out);
            }
            Block::Table(t) => {
                let ind = " ".repeat(indent_at(t.line));
                if let Some(n) = t.number {
                    let _ = writeln!(out, "{ind}Table {n} {}\n", plain(t.caption.trim()));
                }
                for h in &t.header {
                    let _ = writeln!(out, "{ind}{}\n", plain(h.trim()));
                }
                for row in &t.rows {
                    for cell in &row.cells {
                        render_cell(&cell.text, ind.len(), &mut out);
                    }
                }
            }
            Block::Code(c) => {
                let ind = " ".repeat(indent_at(c.line));
                for line in c.text.trim_end().lines() {
                    let _ = writeln!(out, "{ind}{line}");
                }
                out.push('\n');
            }
        }
    }
    out
}

/// The document with its text as the plain-text rendering shows it (no `**`, no backticks).
fn without_markup(doc: &Document) -> Document {
    let mut doc = doc.clone();
    for block in &mut doc.blocks {
        match block {
            Block::Heading(h) => h.text = plain(&h.text),
            Block::Paragraph(p) => p.text = plain(&p.text),
            Block::List(l) => l.items.iter_mut().for_each(|i| i.text = plain(&i.text)),
            Block::Note(n) => n.text = plain(&n.text),
            Block::Table(t) => {
                t.caption = plain(&t.caption);
                t.header.iter_mut().for_each(|h| *h = plain(h));
                t.rows.iter_mut().flat_map(|r| r.cells.iter_mut()).for_each(|c| c.text = plain(&c.text));
            }
            Block::Code(_) => {}
        }
    }
    doc
}

/// Text as a browser shows it: no `**`, no backticks.
fn plain(text: &str) -> String {
    text.replace("**", "").replace('`', "")
}

fn title_case(kind: &str) -> String {
    let mut t = kind.to_string();
    if let Some(f) = t.get_mut(..1) {
        f.make_ascii_uppercase();
    }
    t
}

/// Markdown-ish text (a cell, a paragraph, an item) as paragraphs at `indent`: each paragraph
/// and each list item its own chunk, code lines as they are, `Note:` as `Note`. List items sit
/// two spaces deeper per list level, counting the lists around the text (seed 004: `  • x` in a
/// table at the margin, `    • x` in a table inside a list item, whose cells are at 4).
fn render_cell(text: &str, indent: usize, out: &mut String) {
    let mut para: Option<(usize, String)> = None;
    let flush = |para: &mut Option<(usize, String)>, out: &mut String| {
        if let Some((ind, text)) = para.take() {
            let text = plain(text.trim());
            let text = match text.strip_suffix(':') {
                Some(kind) if ["Note", "Notice", "Important", "Caution", "Warning", "Danger", "Tip"].contains(&kind) => kind.to_string(),
                _ => text,
            };
            let _ = writeln!(out, "{}{text}\n", " ".repeat(ind));
        }
    };
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        let t = line.trim_start();
        let lead = line.len() - t.len();
        if t.starts_with("```") {
            flush(&mut para, out);
            for code in lines.by_ref() {
                if code.trim_start().starts_with("```") {
                    break;
                }
                let _ = writeln!(out, "{}{code}", " ".repeat(indent));
            }
            out.push('\n');
            continue;
        }
        if t.is_empty() {
            flush(&mut para, out);
            continue;
        }
        let ordered = t.split_once(". ").is_some_and(|(n, _)| !n.is_empty() && n.len() <= 2 && n.bytes().all(|b| b.is_ascii_digit()));
        if let Some(item) = t.strip_prefix("- ") {
            flush(&mut para, out);
            para = Some((indent / 2 + 2 + lead, format!("• {item}")));
        } else if ordered {
            flush(&mut para, out);
            para = Some((indent / 2 + 2 + lead, t.to_string()));
        } else if let Some((_, p)) = para.as_mut() {
            p.push(' ');
            p.push_str(t);
        } else {
            para = Some((indent + lead, t.to_string()));
        }
    }
    flush(&mut para, out);
}

fn operations(name: &str, text: &str, doc: &Document) -> Vec<sdkgen::spec::Spec> {
    let input = PageInput { name, text, service: "svc" };
    match transcribe_page(&input, doc) {
        (PageResult::Operations(ops), _) => ops.into_iter().map(|t| t.spec).collect(),
        (PageResult::Skipped(_), _) => Vec::new(),
    }
}

#[test]
fn plain_text_renderings_give_the_same_spec_as_restructured_text() {
    let corpus = common::repo().join("../shared/corpus/otc");
    let dirs = if corpus.is_dir() { vec![corpus] } else { vec![common::fixture("ops/widgets")] };
    let pages = sdkgen::transcribe::collect_pages(&dirs, None);
    let (mut compared, mut same, mut unreadable, mut markup_only) = (0, 0, 0, 0);
    let mut worst: Vec<(usize, String, Vec<String>)> = Vec::new();
    for page in pages.iter().filter(|p| p.display.ends_with(".rst")) {
        let rst = std::fs::read_to_string(&page.path).expect("page");
        let Ok(doc) = sdkgen::read::read_page(&page.display, &rst) else { continue };
        let from_rst = operations(&page.display, &rst, &doc);
        let Some(a) = from_rst.first() else { continue };
        if a.types.is_empty() {
            continue;
        }
        compared += 1;
        let text = render_text(&doc, &rst);
        let name = page.display.replace(".rst", ".txt");
        if let Some(dir) = std::env::var_os("PARITY_DUMP") {
            // the renderings, to look at (`PARITY_DUMP=/tmp/parity cargo test --test text_parity`)
            let path = std::path::Path::new(&dir).join(name.replace('/', "__"));
            let _ = std::fs::create_dir_all(&dir);
            let _ = std::fs::write(path, &text);
        }
        let b = match sdkgen::read::read_as(sdkgen::document::Format::Text, &name, &text) {
            Ok(doc) => operations(&name, &text, &doc).into_iter().next().ok_or_else(|| "the text rendering gave no operation".to_owned()),
            Err(e) => Err(format!("the text reader refused the rendering: {e}")),
        };
        let b = match b {
            Ok(b) => b,
            Err(why) => {
                unreadable += 1;
                worst.push((usize::MAX, page.display.clone(), vec![why]));
                continue;
            }
        };
        let mut diff = sdkgen::transcribe::drift::diff(a, &b);
        if a.operation.id != b.operation.id {
            diff.push(format!("id {} → {}", a.operation.id, b.operation.id));
        }
        if diff.is_empty() {
            same += 1;
            continue;
        }
        // the same page read without its markup: does the text give that spec?
        let bare = without_markup(&doc);
        if operations(&page.display, &rst, &bare).first().is_some_and(|c| sdkgen::transcribe::drift::diff(c, &b).is_empty()) {
            markup_only += 1;
            diff.insert(0, "(markup only: the rst page read without ** and ` gives the text's spec)".to_owned());
        }
        worst.push((diff.len(), page.display.clone(), diff));
    }
    worst.sort_by(|x, y| y.0.cmp(&x.0).then(x.1.cmp(&y.1)));
    // PARITY_ALL=1: every page that differs, with all its differences
    let all = std::env::var_os("PARITY_ALL").is_some();
    for (_, page, diff) in worst.iter().take(if all { usize::MAX } else { 20 }) {
        println!("{page}: {} difference(s), first: {}", diff.len(), diff[0]);
        if all {
            for d in diff.iter().skip(1) {
                println!("    {d}");
            }
        }
    }
    let share = same as f64 / compared.max(1) as f64;
    println!("text parity: {same} of {compared} rst pages with types give the same spec from their plain-text rendering ({:.1} %); {unreadable} give none", share * 100.0);
    println!(
        "of the {} that differ, {markup_only} differ only by markup the plain text does not show (their rst page read without `**` and backticks gives the text's spec)",
        compared - same
    );
    assert!(compared > 0);
    // The floor is the figure measured when this test was written; raise it as readers improve.
    if dirs_are_corpus() {
        assert!(share >= PARITY_FLOOR, "text parity fell to {:.1} % (floor {:.1} %)", share * 100.0, PARITY_FLOOR * 100.0);
    }
}

/// Share of corpus pages at parity: 355 of 362 (98.1 %) since the value rules read plain versions
/// before a stop, `x. This value …` / `x (case-sensitive): …` items, lower-case engine names and
/// a one value a later line explains (351, 97.0 %, before; 324, 89.5 %, before the plain one
/// values; 310, 85.6 %, with the c15t text reader; 51.1 % before that).
// 0.539 when written (h15f); 0.511 after the prose rules and the naming policy joined; 0.856 after
// the text reader learnt section vocabulary, tables without a caption line, type names as links,
// nested cell bullets and prose Mandatory cells (and the renderer was made faithful to seed 004);
// 0.903 once `**Status code: 201**` paragraphs were read as status lines in rst (they kept 200 and
// took the error body as the response) and the text reader ended a table at a status line.
// Every page that still differs differs only by markup plain text cannot show (the second line
// the test prints): value sets marked only by bold ("The value is **Cluster**.", "- **manual**: …"),
// 35 pages. With the later prose rounds of issue 15 merged beside it (sets shown by bold alone,
// "only **private** is supported", are sets in rst and plain words in text): 324 of 362 (89.5 %),
// the 38 others differing by markup only. Once the value rules read plain one values ("The value
// is Cluster.", "Its value is self, indicating …") and plain paragraphs after a value phrase
// ("Value:\n\nmanual: manual full backup", "Cluster, indicating …"): 351 of 362 (97.0 %); the 11
// others hold sets only bold marks (a lower-case word: "The value is **creating**.", "only
// **private** is supported", "- **master**: …" with an item the text cannot tell from prose).
// After "… or 4.0." (a version before the sentence's stop), "unknown. This value is …",
// "Enterprise (case-sensitive): …", "cassandra: …" / "3.11, indicating …" after a value phrase
// and "The value is sync. … sync indicates …": 355 of 362 (98.1 %); the 7 others are lower-case
// one values only bold marks ("The value is **creating**.", "**rwuser**", "**mongodb**",
// "only **private** is supported"). A plain lower-case one value ("The value is creating.") is
// a candidate the page's examples confirm (they hold the field, always with that word): 362 of
// 362 (100.0 %).
const PARITY_FLOOR: f64 = 1.0;

fn dirs_are_corpus() -> bool {
    common::repo().join("../shared/corpus/otc").is_dir()
}

/// The fixture page of plain-text renderings (`tests/fixtures/pages/plain_text_rendering.txt`)
/// transcribed: what the reader recovered reaches the spec (the request body of a table without
/// a caption line, objects typed by the tables their names link, the status from the status table).
#[test]
fn a_plain_text_rendering_transcribes_like_its_markup() {
    let path = common::fixture("pages/plain_text_rendering.txt");
    let text = std::fs::read_to_string(&path).expect("fixture");
    let doc = sdkgen::read::read_page("plain_text_rendering.txt", &text).expect("readable");
    let ops = operations("plain_text_rendering.txt", &text, &doc);
    let spec = ops.first().expect("an operation");
    assert_eq!((spec.operation.method.as_str(), spec.operation.status), ("PUT", Some(202)));
    let request = spec.operation.request.as_deref().expect("a request body");
    let fields = |ty: &str| -> Vec<(String, String, bool)> {
        let def = spec.types.get(ty).unwrap_or_else(|| panic!("type {ty}"));
        def.fields.iter().flatten().map(|f| (f.json.clone(), f.ty.clone(), f.required)).collect()
    };
    let body = fields(request);
    let types: Vec<(&str, &str)> = body.iter().map(|(j, t, _)| (j.as_str(), t.as_str())).collect();
    assert_eq!(types.len(), 4, "{types:?}");
    let policy = types[0].1;
    assert_eq!(types[0].0, "policy");
    assert!(types[1].1.starts_with("array<") && types[1].1 != "array<any>", "{types:?}");
    assert_ne!(types[2].1, "any", "{types:?}");
    // the linked tables are the types: PolicyInfo's fields, the prose Mandatory cell optional
    let policy_fields: Vec<(String, bool)> = fields(policy).into_iter().map(|(j, _, r)| (j, r)).collect();
    assert_eq!(policy_fields, [("mode".to_string(), true), ("zone".to_string(), false), ("description".to_string(), false)]);
}

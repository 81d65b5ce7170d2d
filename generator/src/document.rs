//! The document model: what a reference page says, whatever format it came in.
//!
//! The readers (`crate::read`) turn a page — reStructuredText, Markdown with HTML tables, or a
//! plain-text rendering — into a [`Document`]: a flat list of [`Block`]s in source order.
//! Nothing format-specific is left: no rst directives, no HTML, no Markdown escapes.
//!
//! Rules every reader keeps:
//!
//! - The document is **flat**. Headings are blocks; a section is everything up to the next
//!   heading of the same or a higher level ([`Document::sections`]). Tables and code blocks are
//!   never nested: a table inside a list item or a note comes out as its own block right after
//!   the text that precedes it (so "-  Normal response" is the list item just before the
//!   response table).
//! - Every element carries its **1-based source line** (a row: the line where it starts).
//! - Text is "Markdown-ish plain text": paragraphs separated by a blank line, list items as
//!   `- ` (or `1. `) lines, nested ones indented by two spaces, `**bold**` kept, inline code as
//!   `` `code` ``, emphasis markers dropped (`{*Endpoint*}` → `{Endpoint}`), links reduced to
//!   their text (the target is in [`Link`]), code inside a table cell fenced with ```` ``` ````.
//!   Admonitions inside text start with their kind as a paragraph (`Note:`).
//! - Text is kept as written: full-width punctuation (`String。`, `PATH：`) is not changed;
//!   [`fold_width`] is there for whoever interprets the text.

use std::fmt::Write as _;

use serde::Serialize;

/// The format a page was read as.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// reStructuredText (the OTC `api-ref` sources).
    Rst,
    /// Markdown, possibly with HTML `<table>` blocks (Huawei's reference pages).
    Markdown,
    /// A plain-text rendering: one table cell per paragraph.
    Text,
}

/// One reference page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Document {
    pub format: Format,
    /// The text of the first level-1 heading ("" when the page has none).
    pub title: String,
    pub blocks: Vec<Block>,
    /// Things the reader could read but found odd (kept going; the text is in the blocks).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<Warning>,
}

/// A recoverable oddity of a page, at a line.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Warning {
    pub line: usize,
    pub message: String,
}

/// A block of a page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Block {
    Heading(Heading),
    Paragraph(Paragraph),
    List(List),
    /// An admonition (rst `.. note::`, Markdown `> ![](icon-note.gif) **说明：**`, text "Note").
    Note(Note),
    Table(Table),
    Code(CodeBlock),
}

impl Block {
    /// The 1-based line the block starts at.
    pub fn line(&self) -> usize {
        match self {
            Block::Heading(b) => b.line,
            Block::Paragraph(b) => b.line,
            Block::List(b) => b.line,
            Block::Note(b) => b.line,
            Block::Table(b) => b.line,
            Block::Code(b) => b.line,
        }
    }
}

/// A section title. Level 1 is the page title; deeper levels count up.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Heading {
    pub level: u8,
    pub text: String,
    /// The anchor naming the heading (rst `.. _label:` before it, Markdown `<a name="…">`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    pub line: usize,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Paragraph {
    pub text: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<Link>,
    pub line: usize,
}

/// A bullet or numbered list; nested lists are flattened into `items` with a deeper `level`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct List {
    pub items: Vec<ListItem>,
    pub line: usize,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ListItem {
    /// 0 for a top-level item, 1 for an item of a list inside an item, …
    pub level: u8,
    pub ordered: bool,
    /// The item's text paragraphs (its tables and code blocks follow the list as blocks).
    pub text: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<Link>,
    pub line: usize,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Note {
    /// `note`, `important`, `warning`, … (lower case; Chinese titles map to these too).
    pub kind: String,
    pub text: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<Link>,
    pub line: usize,
}

/// A table with its caption (`**Table 4** datastore field data structure description`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Table {
    /// `4` of "Table 4" / "表 4"; `None` when the caption has no number or there is no caption.
    pub number: Option<u32>,
    /// The caption without its number; for a table without a caption, the short paragraph
    /// right before it (an rst list item "Parameters in the request body", "auth.identity"),
    /// else "".
    pub caption: String,
    /// The anchor naming the table: rst `.. _label:` before it, HTML `<a name>` before it.
    pub label: Option<String>,
    /// One text per column (several header rows are joined with a space); empty when the
    /// table has no header.
    pub header: Vec<String>,
    pub rows: Vec<Row>,
    pub line: usize,
}

impl Table {
    /// The index of the first column whose header is one of `names` (case-insensitive).
    pub fn column(&self, names: &[&str]) -> Option<usize> {
        self.header.iter().position(|h| names.iter().any(|n| h.trim().eq_ignore_ascii_case(n)))
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Row {
    /// The cells that start in this row, left to right. Without spans, one per column.
    pub cells: Vec<Cell>,
    pub line: usize,
}

impl Row {
    /// The text of the cell covering column `col` (spans counted), "" past the end.
    pub fn text(&self, col: usize) -> &str {
        let mut start = 0usize;
        for cell in &self.cells {
            let span = cell.col_span.max(1) as usize;
            if col < start + span {
                return &cell.text;
            }
            start += span;
        }
        ""
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Cell {
    pub text: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<Link>,
    #[serde(skip_serializing_if = "is_one")]
    pub col_span: u32,
    #[serde(skip_serializing_if = "is_one")]
    pub row_span: u32,
}

impl Cell {
    pub fn new(text: String, links: Vec<Link>) -> Self {
        Cell { text, links, col_span: 1, row_span: 1 }
    }
}

fn is_one(n: &u32) -> bool {
    *n == 1
}

/// An example (rst `.. code-block::`, literal block after `::`, Markdown fence, indented JSON
/// in a plain-text rendering).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CodeBlock {
    /// The language named by the page (`text`, `json`, …), if any.
    pub lang: Option<String>,
    /// The code, dedented, without trailing blank lines.
    pub text: String,
    pub line: usize,
}

/// A reference from text to somewhere else.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Link {
    /// The text shown (`Table 3`, `表3`, `authenticate`).
    pub text: String,
    /// The anchor it points to (rst `:ref:` label, `#fragment` of an HTML/Markdown link).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target_label: Option<String>,
    /// N when the link names "Table N" / "表N" (also plain text "see Table 4", "参见表4").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub table_number: Option<u32>,
    /// The address of a link to another page or site (`https://…`, `创建实例.md`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// For "Table 3 in section Querying Database Specifications": the other page's title.
    /// A table link with this set names a table of *another* page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub in_section: Option<String>,
}

impl Link {
    pub fn new(text: impl Into<String>) -> Self {
        Link { text: text.into(), target_label: None, table_number: None, url: None, in_section: None }
    }
}

/// A section of a document: a heading and the blocks up to the next heading of the same or a
/// higher level (sub-sections included).
#[derive(Clone, Copy, Debug)]
pub struct Section<'a> {
    pub heading: &'a Heading,
    /// Index of the heading in `Document::blocks`.
    pub index: usize,
    /// The blocks after the heading, up to the end of the section.
    pub blocks: &'a [Block],
}

impl Document {
    /// Every table, in page order.
    pub fn tables(&self) -> impl Iterator<Item = &Table> {
        self.blocks.iter().filter_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
    }

    /// Every code block, in page order.
    pub fn code_blocks(&self) -> impl Iterator<Item = &CodeBlock> {
        self.blocks.iter().filter_map(|b| match b {
            Block::Code(c) => Some(c),
            _ => None,
        })
    }

    /// The first table numbered `number`.
    pub fn table(&self, number: u32) -> Option<&Table> {
        self.tables().find(|t| t.number == Some(number))
    }

    /// The table carrying `label`.
    pub fn table_by_label(&self, label: &str) -> Option<&Table> {
        self.tables().find(|t| t.label.as_deref() == Some(label))
    }

    /// Every section (one per heading), in page order.
    pub fn sections(&self) -> Vec<Section<'_>> {
        let mut out = Vec::new();
        for (index, block) in self.blocks.iter().enumerate() {
            let Block::Heading(heading) = block else { continue };
            let rest = self.blocks.get(index + 1..).unwrap_or(&[]);
            let len = rest.iter().position(|b| matches!(b, Block::Heading(h) if h.level <= heading.level)).unwrap_or(rest.len());
            out.push(Section { heading, index, blocks: rest.get(..len).unwrap_or(&[]) });
        }
        out
    }

    /// The headings enclosing block `index`, outermost first.
    pub fn heading_path(&self, index: usize) -> Vec<&Heading> {
        let mut path: Vec<&Heading> = Vec::new();
        for block in self.blocks.iter().take(index) {
            if let Block::Heading(h) = block {
                while path.last().is_some_and(|p| p.level >= h.level) {
                    path.pop();
                }
                path.push(h);
            }
        }
        path
    }

    /// A readable, deterministic dump of the document (for snapshots and debugging).
    pub fn outline(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(s, "format: {:?}", self.format);
        let _ = writeln!(s, "title: {}", self.title);
        for block in &self.blocks {
            outline_block(&mut s, block);
        }
        for w in &self.warnings {
            let _ = writeln!(s, "warning {}: {}", w.line, w.message);
        }
        s
    }
}

fn outline_block(s: &mut String, block: &Block) {
    match block {
        Block::Heading(h) => {
            let _ = write!(s, "{}: {} {}", h.line, "#".repeat(h.level as usize), h.text);
            if let Some(l) = &h.label {
                let _ = write!(s, "  [label {l}]");
            }
            s.push('\n');
        }
        Block::Paragraph(p) => {
            let _ = writeln!(s, "{}: para {}", p.line, indent_text(&p.text, "    "));
            outline_links(s, &p.links, "    ");
        }
        Block::List(l) => {
            let _ = writeln!(s, "{}: list", l.line);
            for item in &l.items {
                let pad = "  ".repeat(item.level as usize + 1);
                let marker = if item.ordered { "1." } else { "-" };
                let inner = format!("{pad}   ");
                let _ = writeln!(s, "{pad}{}: {marker} {}", item.line, indent_text(&item.text, &inner));
                outline_links(s, &item.links, &inner);
            }
        }
        Block::Note(n) => {
            let _ = writeln!(s, "{}: note({}) {}", n.line, n.kind, indent_text(&n.text, "    "));
            outline_links(s, &n.links, "    ");
        }
        Block::Code(c) => {
            let _ = writeln!(s, "{}: code lang={}", c.line, c.lang.as_deref().unwrap_or("-"));
            for line in c.text.lines() {
                let _ = writeln!(s, "    | {line}");
            }
        }
        Block::Table(t) => {
            let number = t.number.map(|n| n.to_string()).unwrap_or_else(|| "-".to_string());
            let _ = write!(s, "{}: table {number} {:?}", t.line, t.caption);
            if let Some(l) = &t.label {
                let _ = write!(s, "  [label {l}]");
            }
            s.push('\n');
            let header = if t.header.is_empty() { "-".to_string() } else { t.header.join(" | ") };
            let _ = writeln!(s, "    header: {header}");
            for row in &t.rows {
                let _ = writeln!(s, "    row {}:", row.line);
                for cell in &row.cells {
                    let mut spans = String::new();
                    if cell.col_span != 1 || cell.row_span != 1 {
                        spans = format!(" (span {}x{})", cell.col_span, cell.row_span);
                    }
                    let _ = writeln!(s, "      - {}{spans}", indent_text(&cell.text, "        "));
                    outline_links(s, &cell.links, "        ");
                }
            }
        }
    }
}

fn outline_links(s: &mut String, links: &[Link], pad: &str) {
    for l in links {
        let _ = write!(s, "{pad}link {:?}", l.text);
        if let Some(n) = l.table_number {
            let _ = write!(s, " table={n}");
        }
        if let Some(t) = &l.target_label {
            let _ = write!(s, " label={t}");
        }
        if let Some(u) = &l.url {
            let _ = write!(s, " url={u}");
        }
        if let Some(sec) = &l.in_section {
            let _ = write!(s, " in_section={sec:?}");
        }
        s.push('\n');
    }
}

fn indent_text(text: &str, pad: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
            if !line.is_empty() {
                out.push_str(pad);
            }
        }
        out.push_str(line);
    }
    out
}

/// `text` without the inline markup the readers keep (`**bold**`, `` `code` ``), for rules that
/// read what a sentence says: `**Status code: 201**` and ``Status code: `201` `` say
/// "Status code: 201". Emphasis markers are already dropped by the readers.
pub fn unmarked(text: &str) -> String {
    text.replace("**", "").replace('`', "")
}

/// Full-width ASCII variants (`：`, `（`, `，`, `Ａ`, U+FF01–U+FF5E) and the ideographic space
/// folded to ASCII; `。` (ideographic full stop) to `.`. For interpreting text such as
/// `PATH：/v1/…` or a type cell `String。`; the readers themselves keep text as written.
pub fn fold_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            '\u{3002}' => '.',
            _ => c,
        })
        .collect()
}

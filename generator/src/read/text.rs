//! Plain-text reader: renderings of reference pages where every table cell is a paragraph of
//! its own (seed 004): what a browser shows, copied as text, without markup or link targets.
//!
//! The page is first cut into chunks: paragraphs (runs of non-blank lines) and JSON examples.
//! A JSON example starts at a line beginning with `{` or `[` whose brackets stay open at the
//! end of the line (also right under a paragraph line, its title); it runs, across blank lines,
//! until its brackets close (strings counted), or, if they never do, until a line less indented
//! than its first line.
//!
//! Then, chunk by chunk:
//! - The first chunk, when it is one short line at the left margin, is the title (level 1).
//!   A capitalized one-line chunk at the left margin that is a known section name (`Function`,
//!   `URI`, `Request`, … see [`SECTION_NAMES`]) or a few words of section vocabulary naming a
//!   part (`Requests`, `Normal Response`, `(Optional) Request Body`) is a level-2 heading.
//! - `•` chunks are list items; their level follows their indentation; a paragraph indented at
//!   least to an item's text column belongs to that item.
//! - `Note` / `Important` / `NOTICE` alone is a note whose text is the next chunk.
//! - **Tables**: a one-line `Table N caption` chunk followed by at least two header chunks
//!   (known column names, capitalized, none twice: `Name`/`Parameter`, `Mandatory`, `Type`,
//!   `Description`, … see `column_kind`), or such header chunks alone when a row fitting them
//!   follows (a table without a caption line: its caption is the one-line paragraph or list
//!   item before it, as the other readers take it). Each row then has one chunk per column,
//!   except the last column when it is a free-text one (`Description`), which takes every chunk
//!   up to the next row, and a Mandatory cell in prose (a few sentences saying when the field
//!   is mandatory). A row starts at a one-line chunk at the table's indentation followed by
//!   chunks that fit the fixed columns: `Mandatory` cells are `Yes`/`No`/…, `Type` cells start
//!   with a type word (`String`, `Integer`, `Array of objects`, `backup object`, …). In a table
//!   without such columns a row starts at an identifier-like chunk (no spaces, not ending in
//!   `.`/`:`). The table ends at: a chunk less indented than the table, another table, a
//!   section heading, a JSON example, a status line ("Status code: 400"), or a short `•` item followed by a more indented paragraph
//!   (a page-level list item with a body, "  • Example" then "    POST …"). The first row not
//!   fitting the fixed columns of a captioned table is a [`Diagnostic`].
//! - Cell text: paragraphs separated by blank lines, `•` items as `- ` lines (nested ones
//!   indented), `Note` as `Note:`; "see Table 4" becomes a link (and "in section X" after it),
//!   and so does a type name that captions a table (`MysqlBackupPolicy object` and `Table 4
//!   MysqlBackupPolicy`: the rendered page's link, whose target the text lost).

use crate::document::{Block, Cell, CodeBlock, Document, Format, Heading, Link, List, ListItem, Note, Paragraph, Row, Table};
use crate::read::rich::{is_space, parse_caption, status_line, Rich};
use crate::Diagnostic;
use std::collections::BTreeMap;
use std::ops::Bound;

/// Section names that make a left-margin chunk a heading.
pub const SECTION_NAMES: [&str; 36] = [
    "Function",
    "Function Description",
    "Description",
    "API Description",
    "Constraints",
    "Restrictions",
    "Precautions",
    "URI",
    "URI Parameters",
    "Request",
    "Request Parameters",
    "Request Header",
    "Request Body",
    "Response",
    "Response Parameters",
    "Response Header",
    "Response Body",
    "Parameters",
    "Example",
    "Examples",
    "Example Request",
    "Example Requests",
    "Request Example",
    "Request Examples",
    "Example Response",
    "Example Responses",
    "Response Example",
    "Response Examples",
    "Status Code",
    "Status Codes",
    "Error Code",
    "Error Codes",
    "Authorization",
    "Authorization Information",
    "Debugging",
    "Overview",
];

const NOTE_WORDS: [(&str, &str); 7] = [
    ("note", "note"),
    ("notice", "notice"),
    ("important", "important"),
    ("caution", "caution"),
    ("warning", "warning"),
    ("danger", "danger"),
    ("tip", "tip"),
];

/// What a table column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Col {
    /// The row's key: one chunk.
    Name,
    /// `Yes` / `No`: one chunk.
    Mandatory,
    /// A type word: one chunk.
    Type,
    /// Free text: one chunk, or every chunk up to the next row when it is the last column.
    Text,
}

/// The kind of a header cell, `None` when the text is not a known column name.
fn column_kind(header: &str) -> Option<Col> {
    let h = header.trim().to_ascii_lowercase();
    Some(match h.as_str() {
        "name" | "parameter" | "parameter name" | "field" | "key" | "status code" | "error code" | "code" | "item" | "method" | "uri" => {
            Col::Name
        }
        "mandatory" | "required" | "optional" | "mandatory/optional" | "mandatory or optional" | "is mandatory" => Col::Mandatory,
        "type" | "parameter type" | "data type" => Col::Type,
        // where a parameter goes (`header`, `query`)
        "in" | "position" | "parameter position" => Col::Text,
        "description" | "value" | "values" | "value range" | "default" | "default value" | "example" | "example value" | "remarks"
        | "error message" | "message" | "meaning" | "unit" | "constraint" | "constraints" | "location" | "version" | "category"
        | "subtype" | "solution" | "status" | "release date" => Col::Text,
        _ => return None,
    })
}

const TYPE_WORDS: [&str; 33] = [
    "string",
    "integer",
    "int",
    "long",
    "boolean",
    "bool",
    "object",
    "array",
    "float",
    "double",
    "number",
    "list",
    "map",
    "dict",
    "dictionary",
    "json",
    "enum",
    "date",
    "datetime",
    "timestamp",
    "bigdecimal",
    "decimal",
    "char",
    "byte",
    "short",
    "uuid",
    "set",
    "file",
    "struct",
    "int32",
    "int64",
    "float32",
    "float64",
];

/// A Type cell: a type word first (`String`, `Dictionary data structure. For details, see
/// Table 3.`: the first sentence counts), a named object (`Table 6 object`, `backup object`,
/// `project-quotas object`), a list of anything (`Array of ShowResourcesDetailResponseBody
/// objects`), or `None` (a parameter without a value: `{"restart": {}}`).
fn is_type_word(s: &str) -> bool {
    let t = s.trim();
    let t = t.split(". ").next().unwrap_or(t).trim();
    if t.is_empty() || t.chars().count() > 80 || t.contains('\n') {
        return false;
    }
    let first: String = t.chars().take_while(|c| c.is_ascii_alphanumeric()).collect::<String>().to_ascii_lowercase();
    // plurals too: `Objects in Table 6`, `Strings`
    if TYPE_WORDS.contains(&first.as_str()) || TYPE_WORDS.contains(&first.trim_end_matches('s')) || t == "None" {
        return true;
    }
    let words: Vec<&str> = t.split_whitespace().collect();
    // a name, not a determiner ("the object", "each object" are prose)
    let named = |w: &str| {
        w.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-'))
            && w.starts_with(|c: char| c.is_ascii_alphabetic())
            && !["the", "a", "an", "this", "that", "each", "every", "one", "any", "no", "its", "their", "same"]
                .contains(&w.to_ascii_lowercase().as_str())
    };
    match words.as_slice() {
        [name, last] => named(name) && matches!(*last, "object" | "objects"),
        ["Table", n, last] => n.chars().all(|c| c.is_ascii_digit()) && matches!(*last, "object" | "objects"),
        _ => false,
    }
}

fn is_mandatory_word(s: &str) -> bool {
    let t = s.trim();
    if t.is_empty() || t.chars().count() > 40 || t.contains('\n') {
        return false;
    }
    let first: String = t.chars().take_while(|c| c.is_alphanumeric()).collect::<String>().to_lowercase();
    matches!(first.as_str(), "yes" | "no" | "mandatory" | "optional" | "required" | "conditional" | "true" | "false" | "是" | "否")
}

/// A row key without spaces, not ending like a sentence.
fn is_identifier_like(s: &str) -> bool {
    let t = s.trim();
    !t.is_empty()
        && t.chars().count() <= 64
        && !t.contains(char::is_whitespace)
        && !t.ends_with(['.', ':', ',', ';', '。', '：'])
        && !t.starts_with(['•', '{', '['])
}

#[derive(Clone, Debug)]
enum ChunkKind {
    Para,
    Bullet,
    Code,
}

/// A paragraph (or JSON example) of the page.
#[derive(Clone, Debug)]
struct Chunk {
    kind: ChunkKind,
    /// Indentation of the first line (spaces).
    ind: usize,
    /// 1-based line of the first line.
    line: usize,
    /// Para: lines joined with spaces; Bullet: the text after `•`; Code: the dedented lines.
    text: String,
    /// Number of source lines (a one-line chunk is a candidate cell, caption or heading).
    lines: usize,
}

impl Chunk {
    fn one_line(&self) -> bool {
        self.lines == 1 && matches!(self.kind, ChunkKind::Para)
    }
}

fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// Bracket depth change of a JSON line (brackets inside strings ignored).
fn bracket_delta(line: &str) -> i64 {
    let mut depth = 0i64;
    let mut in_str = false;
    let mut escaped = false;
    for c in line.chars() {
        if in_str {
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_str = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_str = true,
            '{' | '[' => depth += 1,
            '}' | ']' => depth -= 1,
            _ => {}
        }
    }
    depth
}

/// A line that starts a JSON example: `{` or `[` first, brackets left open.
fn opens_json(t: &str) -> bool {
    (t.starts_with('{') || t.starts_with('[')) && bracket_delta(t) > 0
}

fn chunks(lines: &[&str]) -> Vec<Chunk> {
    let mut out = Vec::new();
    let mut i = 0usize;
    while let Some(first) = lines.get(i) {
        if first.trim().is_empty() {
            i += 1;
            continue;
        }
        let ind = indent_of(first);
        let t = first.trim();
        if opens_json(t) {
            // a JSON example: until its brackets close
            let mut depth = 0i64;
            let mut j = i;
            while let Some(l) = lines.get(j) {
                let lt = l.trim();
                if j > i && !lt.is_empty() && indent_of(l) < ind && !lt.starts_with(['}', ']']) {
                    break;
                }
                depth += bracket_delta(lt);
                j += 1;
                if depth <= 0 {
                    break;
                }
            }
            let body = lines.get(i..j).unwrap_or(&[]);
            let min = body.iter().filter(|l| !l.trim().is_empty()).map(|l| indent_of(l)).min().unwrap_or(0);
            let text: Vec<&str> = body.iter().map(|l| l.get(min..).unwrap_or("").trim_end()).collect();
            let text = text.join("\n").trim_end().to_string();
            out.push(Chunk { kind: ChunkKind::Code, ind, line: i + 1, text, lines: j - i });
            i = j;
            continue;
        }
        // a paragraph: up to a blank line, or a JSON example right under it (a code block
        // whose first line is its title: "Creating an instance:" then "{")
        let mut j = i + 1;
        while lines.get(j).is_some_and(|l| !l.trim().is_empty() && !opens_json(l.trim())) {
            j += 1;
        }
        let body = lines.get(i..j).unwrap_or(&[]);
        let joined = body.iter().map(|l| l.trim()).collect::<Vec<_>>().join(" ");
        let (kind, text) = match joined.strip_prefix('•') {
            Some(rest) => (ChunkKind::Bullet, rest.trim_start_matches(is_space).to_string()),
            None => (ChunkKind::Para, joined),
        };
        out.push(Chunk { kind, ind, line: i + 1, text, lines: j - i });
        i = j;
    }
    out
}

/// Words a section title of an API reference page is made of ("Requests", "Normal Response",
/// "(Optional) Request Body", "Error Code Description", "Request URI").
const SECTION_WORDS: [&str; 44] = [
    "function",
    "description",
    "api",
    "apis",
    "constraints",
    "restrictions",
    "precautions",
    "uri",
    "url",
    "request",
    "requests",
    "response",
    "responses",
    "parameter",
    "parameters",
    "header",
    "headers",
    "body",
    "example",
    "examples",
    "status",
    "code",
    "codes",
    "error",
    "errors",
    "authorization",
    "information",
    "debugging",
    "overview",
    "normal",
    "abnormal",
    "optional",
    "method",
    "methods",
    "scenario",
    "scenarios",
    "format",
    "query",
    "path",
    "result",
    "results",
    "and",
    "of",
    "the",
];

/// Words one of which a section title names (so "The Code" is no title, nor the caption-like
/// paragraph "Parameter description").
const SECTION_HEADS: [&str; 12] = [
    "function",
    "constraints",
    "uri",
    "request",
    "requests",
    "response",
    "responses",
    "parameters",
    "example",
    "examples",
    "status",
    "error",
];

/// A section title: a one-line chunk at the left margin, capitalized (a row key `description`
/// is none), that is a known section name ([`SECTION_NAMES`]) or two to six words of section
/// vocabulary ("Requests", "Normal Response", "(Optional) Request Body").
fn is_section_name(c: &Chunk) -> bool {
    let t = c.text.trim();
    if c.ind != 0 || !c.one_line() || !t.starts_with(|ch: char| ch.is_ascii_uppercase() || ch == '(') {
        return false;
    }
    if SECTION_NAMES.iter().any(|s| s.eq_ignore_ascii_case(t)) {
        return true;
    }
    let words: Vec<String> = t.split_whitespace().map(|w| w.trim_matches(['(', ')']).to_ascii_lowercase()).collect();
    (1..=6).contains(&words.len())
        && words.iter().all(|w| SECTION_WORDS.contains(&w.as_str()))
        && words.iter().any(|w| SECTION_HEADS.contains(&w.as_str()))
}

fn note_kind(c: &Chunk) -> Option<&'static str> {
    if !c.one_line() {
        return None;
    }
    let t = c.text.trim().trim_end_matches(':').to_ascii_lowercase();
    NOTE_WORDS.iter().find(|(w, _)| *w == t).map(|(_, k)| *k)
}

/// Reads a plain-text page. `page` names it in errors.
pub fn read(page: &str, text: &str) -> Result<Document, Diagnostic> {
    let text = super::normalize(text, true);
    let lines: Vec<&str> = text.split('\n').collect();
    let chunks = chunks(&lines);
    let named = named_tables(&chunks);
    let mut r = Reader { page, chunks: &chunks, named, blocks: Vec::new(), list: None };
    r.run()?;
    let title = r
        .blocks
        .iter()
        .find_map(|b| match b {
            Block::Heading(h) if h.level == 1 => Some(h.text.clone()),
            _ => None,
        })
        .unwrap_or_default();
    Ok(Document { format: Format::Text, title, blocks: r.blocks, warnings: Vec::new() })
}

/// A table's caption: number, caption text, header cells with their column kinds.
type Caption = (u32, String, Vec<(String, Col)>);

/// An open list: the list and the indentation of its items per level.
struct OpenList {
    list: List,
    indents: Vec<usize>,
    /// The text column of the last item (a chunk indented this far belongs to it).
    text_col: usize,
}

struct Reader<'c> {
    page: &'c str,
    chunks: &'c [Chunk],
    /// Tables captioned by a type name alone (`Table 4 MysqlBackupPolicy`).
    named: Named,
    blocks: Vec<Block>,
    list: Option<OpenList>,
}

impl Reader<'_> {
    fn close_list(&mut self) {
        if let Some(open) = self.list.take() {
            self.blocks.push(Block::List(open.list));
        }
    }

    fn run(&mut self) -> Result<(), Diagnostic> {
        let mut i = 0usize;
        while let Some(c) = self.chunks.get(i) {
            if i == 0 && c.ind == 0 && c.one_line() && c.text.chars().count() <= 120 {
                self.blocks.push(Block::Heading(Heading { level: 1, text: c.text.trim().to_string(), label: None, line: c.line }));
                i += 1;
                continue;
            }
            // a table first: a status table's header `Status Code` is a section name too
            if let Some((table, next)) = self.table(i)? {
                self.close_list();
                self.blocks.push(Block::Table(table));
                i = next;
                continue;
            }
            if is_section_name(c) {
                self.close_list();
                self.blocks.push(Block::Heading(Heading { level: 2, text: c.text.trim().to_string(), label: None, line: c.line }));
                i += 1;
                continue;
            }
            match c.kind {
                ChunkKind::Code => {
                    self.close_list();
                    self.blocks.push(Block::Code(CodeBlock { lang: None, text: c.text.clone(), line: c.line }));
                }
                ChunkKind::Bullet => self.bullet(c),
                ChunkKind::Para => {
                    if let Some(kind) = note_kind(c) {
                        if let Some(next) = self.chunks.get(i + 1).filter(|n| !matches!(n.kind, ChunkKind::Code)) {
                            self.close_list();
                            let (text, links) = Rich::plain(next.text.clone()).finish().into_parts();
                            self.blocks.push(Block::Note(Note { kind: kind.to_string(), text, links, line: c.line }));
                            i += 2;
                            continue;
                        }
                    }
                    let in_item = self.list.as_ref().is_some_and(|l| c.ind >= l.text_col);
                    let rich = Rich::plain(c.text.clone()).finish();
                    if in_item {
                        if let Some(item) = self.list.as_mut().and_then(|l| l.list.items.last_mut()) {
                            let (text, mut links) = rich.into_parts();
                            item.text.push_str("\n\n");
                            item.text.push_str(&text);
                            item.links.append(&mut links);
                        }
                    } else {
                        self.close_list();
                        let (text, links) = rich.into_parts();
                        self.blocks.push(Block::Paragraph(Paragraph { text, links, line: c.line }));
                    }
                }
            }
            i += 1;
        }
        self.close_list();
        Ok(())
    }

    fn bullet(&mut self, c: &Chunk) {
        let open = self.list.get_or_insert_with(|| OpenList {
            list: List { items: Vec::new(), line: c.line },
            indents: Vec::new(),
            text_col: usize::MAX,
        });
        // the level: the position of this indentation among the open levels
        while open.indents.last().is_some_and(|&top| top > c.ind) {
            open.indents.pop();
        }
        if open.indents.last() != Some(&c.ind) {
            open.indents.push(c.ind);
        }
        let level = u8::try_from(open.indents.len().saturating_sub(1)).unwrap_or(u8::MAX);
        open.text_col = c.ind + 2;
        let (text, links) = Rich::plain(c.text.clone()).finish().into_parts();
        open.list.items.push(ListItem { level, ordered: false, text, links, line: c.line });
    }

    /// The table names a cell of column `k` of the table captioned at chunk `at` links: none
    /// for the row key.
    fn names_for(&self, k: usize, at: usize) -> Option<Names<'_>> {
        (k > 0 && !self.named.is_empty()).then_some(Names { named: &self.named, at })
    }

    fn err(&self, line: usize, expected: impl Into<String>, found: &str) -> Diagnostic {
        let short: String = found.chars().take(60).collect();
        Diagnostic::expected(self.page, line, &expected.into(), &format!("`{short}`"))
    }

    /// Whether chunk `j` ends the table whose cells sit at indentation `ind`.
    fn ends_table(&self, j: usize, ind: usize) -> bool {
        let Some(c) = self.chunks.get(j) else { return true };
        if c.ind < ind
            || is_section_name(c)
            || matches!(c.kind, ChunkKind::Code)
            || self.caption_at(j).is_some()
            || self.bare_header_at(j).is_some()
            || (c.one_line() && status_line(&c.text).is_some())
        {
            return true;
        }
        // a page-level list item: a short bullet ("Example", "Normal response") with a more
        // indented body after it (not a cell's bullet whose nested items follow it)
        matches!(c.kind, ChunkKind::Bullet)
            && c.text.chars().count() <= 60
            && !c.text.trim_end().ends_with(['.', ':', ';', ',', '。', '：'])
            && self.chunks.get(j + 1).is_some_and(|n| n.ind > c.ind && !matches!(n.kind, ChunkKind::Bullet))
    }

    /// `Table N caption` at chunk `i` followed by header chunks.
    fn caption_at(&self, i: usize) -> Option<Caption> {
        let c = self.chunks.get(i)?;
        if !c.one_line() {
            return None;
        }
        let (number, caption) = parse_caption(&c.text)?;
        let header = self.header_at(i + 1);
        (header.len() >= 2).then_some((number, caption, header))
    }

    /// The header chunks from chunk `j`: known column names, capitalized ("Name"; a row key
    /// "name" is not one), distinct, one line each, at one indentation.
    fn header_at(&self, j: usize) -> Vec<(String, Col)> {
        let mut header: Vec<(String, Col)> = Vec::new();
        let ind = self.chunks.get(j).map(|c| c.ind);
        for h in self.chunks.iter().skip(j).take(12) {
            let t = h.text.trim();
            let capitalized = t.chars().next().is_some_and(|c| !c.is_ascii_lowercase());
            let repeated = header.iter().any(|(x, _)| x.eq_ignore_ascii_case(t));
            let Some(kind) = column_kind(t).filter(|_| h.one_line() && capitalized && !repeated && Some(h.ind) == ind) else {
                break;
            };
            header.push((t.to_string(), kind));
        }
        header
    }

    /// A table without a caption line at chunk `i` (`Name`, `Type`, `Description` after a list
    /// item "Request parameters"; a status table `Status Code`, `Description`): two or more
    /// header chunks and a first row that fits them.
    fn bare_header_at(&self, i: usize) -> Option<Vec<(String, Col)>> {
        let c = self.chunks.get(i)?;
        column_kind(&c.text)?;
        let header = self.header_at(i);
        let cols: Vec<Col> = header.iter().map(|(_, k)| *k).collect();
        // one key column at most ("Status Code" then "Error Code" are two headings)
        let keys = cols.iter().filter(|k| **k == Col::Name).count();
        (header.len() >= 2 && keys <= 1 && self.row_starts(i + header.len(), c.ind, &cols)).then_some(header)
    }

    /// The caption of a table without one, at indentation `ind`: as the other readers take it,
    /// the short one-line paragraph right before it, or the text of the list item it sits in
    /// ("Request parameters"), without a final colon.
    fn caption_before(&self, ind: usize) -> String {
        let text = match (&self.list, self.blocks.last()) {
            (Some(open), _) if ind >= open.text_col => open.list.items.last().map(|i| i.text.as_str()),
            (None, Some(Block::Paragraph(p))) => Some(p.text.as_str()),
            _ => None,
        };
        text.filter(|t| !t.contains('\n') && t.chars().count() <= 150)
            .map(|t| t.trim_end_matches([':', '：']).trim().to_string())
            .unwrap_or_default()
    }

    /// Whether a row starts at chunk `j`: its key chunk, then chunks fitting the fixed columns.
    fn row_starts(&self, j: usize, ind: usize, cols: &[Col]) -> bool {
        self.row_widths(j, ind, cols).is_some()
    }

    /// The chunks each column of the row at chunk `j` takes (one, but for a Mandatory cell
    /// in prose), `None` when no row starts there.
    fn row_widths(&self, j: usize, ind: usize, cols: &[Col]) -> Option<Vec<usize>> {
        let key = self.chunks.get(j)?;
        let bad_key = key.text.chars().count() > 80
            || key.text.ends_with(['.', ':', '。', '：'])
            || (note_kind(key).is_some() && key.text.starts_with(|c: char| c.is_ascii_uppercase()));
        if !key.one_line() || key.ind != ind || bad_key {
            return None;
        }
        let mut widths = vec![1];
        let mut at = j + 1;
        let mut fixed = 0;
        for (k, col) in cols.iter().enumerate().skip(1) {
            let cell = self.chunks.get(at)?;
            let width = match col {
                Col::Mandatory if cell.one_line() && is_mandatory_word(&cell.text) => 1,
                Col::Mandatory => self.prose_mandatory(at, cols.get(k + 1))?,
                Col::Type if cell.one_line() && is_type_word(&cell.text) => 1,
                Col::Type => return None,
                Col::Name | Col::Text => 1,
            };
            fixed += usize::from(matches!(col, Col::Mandatory | Col::Type));
            widths.push(width);
            at += width;
        }
        (fixed > 0 || is_identifier_like(&key.text)).then_some(widths)
    }

    /// A Mandatory cell in prose at chunk `at` ("If `mode` is `multi`, this parameter is
    /// mandatory." and a paragraph more): up to three paragraphs, the first saying mandatory,
    /// required or optional, followed by a Type cell. Its number of chunks.
    fn prose_mandatory(&self, at: usize, next: Option<&Col>) -> Option<usize> {
        let first = self.chunks.get(at)?.text.to_ascii_lowercase();
        if next != Some(&Col::Type) || !["mandatory", "required", "optional"].iter().any(|w| first.contains(w)) {
            return None;
        }
        (1..=3).find(|&m| {
            // sentences, not a row key or a Yes/No cell of the next row
            let sentence = |c: &Chunk| matches!(c.kind, ChunkKind::Para) && c.text.trim().contains(' ') && note_kind(c).is_none();
            let paras = (at..at + m).all(|x| self.chunks.get(x).is_some_and(sentence));
            paras && self.chunks.get(at + m).is_some_and(|c| c.one_line() && is_type_word(&c.text))
        })
    }

    /// A table starting at chunk `i` (its caption), with the index of the chunk after it.
    fn table(&self, i: usize) -> Result<Option<(Table, usize)>, Diagnostic> {
        let Some(cap) = self.chunks.get(i) else { return Ok(None) };
        let (number, caption, header, first_header) = match self.caption_at(i) {
            Some((number, caption, header)) => (Some(number), caption, header, i + 1),
            None => match self.bare_header_at(i) {
                Some(header) => (None, self.caption_before(cap.ind), header, i),
                None => return Ok(None),
            },
        };
        let cols: Vec<Col> = header.iter().map(|(_, k)| *k).collect();
        let first_cell = first_header + header.len();
        let ind = self.chunks.get(first_header).map(|c| c.ind).unwrap_or(cap.ind);
        let which = number.map(|n| format!("Table {n}")).unwrap_or_else(|| "the table".to_string());
        let multi_last = cols.last() == Some(&Col::Text);
        let mut rows = Vec::new();
        let mut j = first_cell;
        while !self.ends_table(j, ind) {
            let Some(key) = self.chunks.get(j) else { break };
            if !self.row_starts(j, ind, &cols) {
                if rows.is_empty() {
                    // the first row must fit: say which column does not
                    let (col, found) = self.first_misfit(j, &cols);
                    let name = header.get(col).map(|(n, _)| n.as_str()).unwrap_or("?");
                    let what = match cols.get(col) {
                        Some(Col::Mandatory) => format!("Yes/No in column {name} of the first row of {which}"),
                        Some(Col::Type) => {
                            format!("a type (String, Integer, …) in column {name} of the first row of {which}")
                        }
                        _ => format!("a one-line row key in column {name} of the first row of {which}"),
                    };
                    return Err(self.err(found.line, what, &found.text));
                }
                break; // cannot happen: description chunks are consumed below
            }
            let widths = self.row_widths(j, ind, &cols).unwrap_or_default();
            let mut cells = Vec::with_capacity(cols.len());
            for k in 0..cols.len() {
                let last = k + 1 == cols.len();
                if last && multi_last {
                    // every chunk up to the next row or the end of the table
                    let mut parts = Vec::new();
                    while !self.ends_table(j, ind) && (parts.is_empty() || !self.row_starts(j, ind, &cols)) {
                        if let Some(c) = self.chunks.get(j) {
                            parts.push(c);
                        }
                        j += 1;
                    }
                    cells.push(cell_of(&parts, self.names_for(k, i), cols.get(k) == Some(&Col::Type)));
                } else if self.chunks.get(j).is_some() && !(k > 0 && self.ends_table(j, ind)) {
                    let width = widths.get(k).copied().unwrap_or(1);
                    let parts: Vec<&Chunk> = self.chunks.iter().skip(j).take(width).collect();
                    cells.push(cell_of(&parts, self.names_for(k, i), cols.get(k) == Some(&Col::Type)));
                    j += width;
                } else {
                    cells.push(Cell::new(String::new(), Vec::new()));
                }
            }
            rows.push(Row { cells, line: key.line });
        }
        let header = header.into_iter().map(|(h, _)| h).collect();
        Ok(Some((Table { number, caption, label: None, header, rows, line: cap.line }, j)))
    }

    /// The first column of the row at chunk `j` that does not fit, and the chunk found there.
    fn first_misfit(&self, j: usize, cols: &[Col]) -> (usize, &Chunk) {
        let fallback = self.chunks.get(j).or_else(|| self.chunks.last());
        let Some(fallback) = fallback else { return (0, &EMPTY) };
        if !fallback.one_line() {
            return (0, fallback);
        }
        for (k, col) in cols.iter().enumerate().skip(1) {
            let Some(cell) = self.chunks.get(j + k) else { return (k, fallback) };
            let fits = match col {
                Col::Mandatory => cell.one_line() && is_mandatory_word(&cell.text),
                Col::Type => cell.one_line() && is_type_word(&cell.text),
                _ => true,
            };
            if !fits {
                return (k, cell);
            }
        }
        (0, fallback)
    }
}

static EMPTY: Chunk = Chunk { kind: ChunkKind::Para, ind: 0, line: 1, text: String::new(), lines: 0 };

/// Tables captioned by a type name alone: name → (caption chunk, table number), in page order.
type Named = BTreeMap<String, Vec<(usize, u32)>>;

/// Tables whose caption is a type name alone (`Table 4 MysqlBackupPolicy`): what a cell naming
/// that type links to (in the rendered page, `MysqlBackupPolicy object` was a link to the
/// table; the text keeps only the name).
fn named_tables(chunks: &[Chunk]) -> Named {
    let mut named = Named::new();
    for (i, c) in chunks.iter().enumerate().filter(|(_, c)| c.one_line()) {
        let Some((n, caption)) = parse_caption(&c.text) else { continue };
        if is_type_name(&caption) {
            named.entry(caption).or_default().push((i, n));
        }
    }
    named
}

/// The type names a cell of the table captioned at chunk `at` can link.
struct Names<'a> {
    named: &'a Named,
    at: usize,
}

impl Names<'_> {
    /// The table `name` links. A name captioning several tables names the first one after
    /// `at` (the request's `Datastore`, then the response's), else the last one before.
    fn get(&self, name: &str) -> Option<u32> {
        let tables = self.named.get(name)?;
        let after = tables.partition_point(|(i, _)| *i <= self.at);
        let before = tables.get(..after).and_then(|b| b.iter().rev().find(|(i, _)| *i < self.at));
        tables.get(after).or(before).map(|(_, n)| *n)
    }

    /// The one name that starts with `prefix` and is longer.
    fn only_longer(&self, prefix: &str) -> Option<u32> {
        let mut longer = self.named.range::<str, _>((Bound::Excluded(prefix), Bound::Unbounded)).take_while(|(m, _)| m.starts_with(prefix));
        match (longer.next(), longer.next()) {
            (Some((name, _)), None) => self.get(name),
            _ => None,
        }
    }
}

/// A type name: one word of letters, digits, `_` and `-`, starting with a letter
/// (`MysqlBackupPolicy`, `restorableTime`, `project-quotas`). Names without an upper-case
/// letter (`quota`; also IAM's path captions `auth`, `token`) link only from a Type cell.
fn is_type_name(s: &str) -> bool {
    s.len() >= 3
        && s.len() <= 64
        && s.starts_with(|c: char| c.is_ascii_alphabetic())
        && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// The object a Type cell names: `X` of `X object`, `X objects`, `Array of X objects`,
/// `Array of X`, with its byte range.
fn object_name(text: &str) -> Option<(std::ops::Range<usize>, &str)> {
    let t = text.lines().next()?.trim_end();
    let start = ["Array of ", "List of "].iter().find_map(|p| t.starts_with(p).then_some(p.len())).unwrap_or(0);
    let rest = t.get(start..)?;
    let name = rest.split_whitespace().next()?;
    let tail = rest.get(name.len()..)?.trim();
    let fits = matches!(tail, "object" | "objects") || (start > 0 && tail.is_empty());
    (fits && is_type_name(name)).then(|| (start..start + name.len(), name))
}

/// Links to the tables of `names` in a cell's text: whole-word occurrences of a type name with
/// an upper-case letter (`MysqlBackupPolicy`; not inside a longer name, not after `.`: `a.Links`
/// is a path); in a Type cell (`type_cell`), also the object it names (`quota object`), or else
/// the one table whose name starts with it (`MysqlDatastore object` → `MysqlDatastoreWithKernelVersion`,
/// as the rendered page's link said). Linear in the text: each word is looked up.
fn name_links(text: &str, names: &Names<'_>, type_cell: bool) -> Vec<(std::ops::Range<usize>, Link)> {
    let mut out = Vec::new();
    let link = |range: std::ops::Range<usize>, n: u32| {
        let mut link = Link::new(text.get(range.clone()).unwrap_or(""));
        link.table_number = Some(n);
        (range, link)
    };
    let in_word = |c: char| c.is_ascii_alphanumeric() || matches!(c, '_' | '-');
    let mut word_start: Option<usize> = None;
    for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        if in_word(c) {
            word_start.get_or_insert(i);
            continue;
        }
        let Some(s) = word_start.take() else { continue };
        let after_dot = text.get(..s).is_some_and(|t| t.ends_with('.'));
        let word = text.get(s..i).unwrap_or("");
        if !after_dot && word.chars().any(|c| c.is_ascii_uppercase()) && is_type_name(word) {
            if let Some(n) = names.get(word) {
                out.push(link(s..i, n));
            }
        }
    }
    let Some((range, name)) = type_cell.then(|| object_name(text)).flatten() else { return out };
    if !name.chars().any(|c| c.is_ascii_uppercase()) {
        if let Some(n) = names.get(name) {
            out.push(link(range, n));
            return out;
        }
    }
    if out.is_empty() {
        if let Some(n) = names.only_longer(name) {
            out.push(link(range, n));
        }
    }
    out
}

/// The text of a cell made of chunks: paragraphs, `- ` items, `Note:`; the type names of
/// `names` in it link their tables.
fn cell_of(parts: &[&Chunk], names: Option<Names<'_>>, type_cell: bool) -> Cell {
    let mut rich = Rich::default();
    // the indentations of the open list levels, and whether the last chunk was in an item
    let mut levels: Vec<usize> = Vec::new();
    let mut in_item = false;
    for (k, c) in parts.iter().enumerate() {
        let sep = |rich: &mut Rich, tight: bool| {
            if k > 0 {
                rich.push_str(if tight { "\n" } else { "\n\n" });
            }
        };
        match c.kind {
            ChunkKind::Bullet => {
                while levels.last().is_some_and(|&top| top > c.ind) {
                    levels.pop();
                }
                // a nested list starts after a blank line, as the item's next paragraph
                let deeper = levels.last().is_some_and(|&top| c.ind > top);
                if levels.last() != Some(&c.ind) {
                    levels.push(c.ind);
                }
                sep(&mut rich, in_item && !deeper);
                rich.push_str(&"  ".repeat(levels.len() - 1));
                rich.push_str("- ");
                rich.push_str(&c.text);
                in_item = true;
            }
            ChunkKind::Para if note_kind(c).is_none() && levels.last().is_some_and(|&top| c.ind >= top + 2) => {
                // an item's further paragraph, at its text column
                sep(&mut rich, false);
                rich.push_str(&"  ".repeat(levels.len()));
                rich.push_str(&c.text);
            }
            ChunkKind::Code => {
                sep(&mut rich, false);
                rich.push_str("```\n");
                rich.push_str(&c.text);
                rich.push_str("\n```");
                (levels, in_item) = (Vec::new(), false);
            }
            ChunkKind::Para => {
                sep(&mut rich, false);
                match note_kind(c) {
                    Some(kind) => {
                        let mut title = kind.to_string();
                        if let Some(f) = title.get_mut(..1) {
                            f.make_ascii_uppercase();
                        }
                        rich.push_str(&title);
                        rich.push_char(':');
                    }
                    None => rich.push_str(&c.text),
                }
                (levels, in_item) = (Vec::new(), false);
            }
        }
    }
    if let Some(names) = names {
        let found = name_links(&rich.text, &names, type_cell);
        rich.links.extend(found);
    }
    let (text, links) = rich.finish().into_parts();
    Cell::new(text, links)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words() {
        let types = [
            "Array of objects",
            "String",
            "Dictionary data structure. For details, see Table 3.",
            "Table 6 object",
            "ResizeInstanceOption object",
            "backup object",
            "project-quotas object",
            "Array of ShowResourcesDetailResponseBody objects",
            "None",
            "Objects in Table 6",
        ];
        for t in types {
            assert!(is_type_word(t), "{t}");
        }
        let prose = [
            "the object",
            "none of these",
            "Specifies whether the backup object is kept.",
            "Specifies the name. The value is a string of many many words.",
        ];
        for t in prose {
            assert!(!is_type_word(t), "{t}");
        }
        assert!(is_type_word("List<String>"));
        assert!(!is_type_word("Specifies the type."));
        assert!(is_mandatory_word("Yes"));
        assert!(is_mandatory_word("No"));
        assert!(!is_mandatory_word("Nothing to say here"));
        assert!(is_identifier_like("availability_zone"));
        assert!(!is_identifier_like("Value:"));
    }

    fn chunk(text: &str, ind: usize) -> Chunk {
        Chunk { kind: ChunkKind::Para, ind, line: 1, text: text.to_string(), lines: 1 }
    }

    #[test]
    fn section_titles() {
        for t in [
            "Request",
            "Requests",
            "Responses",
            "Normal Response",
            "(Optional) Request Body",
            "Request URI",
            "Status Codes",
            "Function Description",
            "Error Code Description",
        ] {
            assert!(is_section_name(&chunk(t, 0)), "{t}");
        }
        // a row key, an indented chunk, a caption-like paragraph, prose, a sentence
        for (t, ind) in [
            ("description", 0),
            ("Request", 4),
            ("Parameter description", 0),
            ("The Code", 0),
            ("Normal", 0),
            ("Request body.", 0),
            ("Creating a request:", 0),
        ] {
            assert!(!is_section_name(&chunk(t, ind)), "{t}");
        }
    }

    #[test]
    fn tables_named_by_a_type_name() {
        let lines =
            ["Table 3 Response body", "", "Table 4 MysqlBackupPolicy", "", "Table 5 auth", "", "Table 6 Links", "", "Table 7 Links"];
        let chunks = chunks(&lines);
        let named = named_tables(&chunks);
        // a sentence names no type; chunks 3 and 4 are both "Links"
        let names: Vec<(&str, &[(usize, u32)])> = named.iter().map(|(n, t)| (n.as_str(), t.as_slice())).collect();
        assert_eq!(names, [("Links", &[(3, 6), (4, 7)][..]), ("MysqlBackupPolicy", &[(1, 4)][..]), ("auth", &[(2, 5)][..])]);
        // a name captioning two tables: the first after the cell's table, else the last before
        let r = Reader { page: "p", chunks: &chunks, named, blocks: Vec::new(), list: None };
        let links = |at: usize| r.names_for(1, at).and_then(|n| n.get("Links"));
        assert_eq!((links(0), links(3), links(4)), (Some(6), Some(7), Some(6)));
        assert_eq!(r.names_for(1, 0).and_then(|n| n.get("MysqlBackupPolicy")), Some(4));
        assert!(r.names_for(0, 0).is_none(), "a row key links nothing");
    }

    #[test]
    fn name_links_in_cells() {
        let mut named = Named::new();
        for (name, n) in [("MysqlBackupPolicy", 4), ("quota", 5), ("MysqlDatastoreWithKernelVersion", 6)] {
            named.insert(name.to_string(), vec![(n as usize, n)]);
        }
        let names = Names { named: &named, at: 0 };
        let found = |text: &str, type_cell: bool| -> Vec<(String, Option<u32>)> {
            name_links(text, &names, type_cell).into_iter().map(|(_, l)| (l.text, l.table_number)).collect()
        };
        // whole words only, anywhere but the row key; not after a `.` (a path)
        assert_eq!(
            found("MysqlBackupPolicy object; see x.MysqlBackupPolicy and MysqlBackupPolicyV2, MysqlBackupPolicy-x.", false),
            [("MysqlBackupPolicy".to_string(), Some(4))]
        );
        assert_eq!(found("(MysqlBackupPolicy)", false), [("MysqlBackupPolicy".to_string(), Some(4))]);
        // a name without capitals: only as the object of a Type cell
        assert!(found("The quota of the tenant.", false).is_empty());
        assert!(found("quota object", false).is_empty());
        assert_eq!(found("Array of quota objects", true), [("quota".to_string(), Some(5))]);
        // the object of a Type cell that no table is named: the one table whose name starts with it
        assert_eq!(found("MysqlDatastore object", true), [("MysqlDatastore".to_string(), Some(6))]);
        assert!(found("MysqlDatastore object", false).is_empty());
        assert!(found("Mysql object", true).is_empty(), "two tables start with it: none");
        assert!(found("String", true).is_empty());
        assert_eq!(
            object_name("Array of MysqlFlavorsInfo objects").map(|(r, n)| (r, n.to_string())),
            Some((9..25, "MysqlFlavorsInfo".to_string()))
        );
        assert_eq!(object_name("project-quotas object").map(|(_, n)| n.to_string()), Some("project-quotas".to_string()));
        assert_eq!(object_name("Array of strings").map(|(_, n)| n.to_string()), Some("strings".to_string()));
        assert!(object_name("Object").is_none());
        assert!(object_name("the object of it").is_none());
    }

    #[test]
    fn a_type_cell_links_its_named_table() {
        let page = "T\n\nTable 1 Body\n\nName\n\nType\n\nDescription\n\npolicy\n\nPolicyInfo object\n\nThe policy.\n\npolicy2\n\nString\n\nLike PolicyInfo.\n\nTable 2 PolicyInfo\n\nName\n\nType\n\nDescription\n\nkeep\n\nInteger\n\nDays.\n";
        let doc = read("p.txt", page).unwrap();
        let t1 = doc.table(1).unwrap();
        assert_eq!(t1.rows[0].cells[2].links.len(), 0, "the description cell has no link");
        assert_eq!(t1.rows[0].cells[1].links[0].table_number, Some(2));
        assert_eq!(t1.rows[1].cells[2].links[0].table_number, Some(2), "any cell but the row key");
        assert!(t1.rows[1].cells[0].links.is_empty());
    }

    #[test]
    fn tables_without_a_caption_line() {
        let doc = read("p.txt", "T\n\nStatus Code\n\nStatus Code\n\nDescription\n\n202\n\nAccepted.\n").unwrap();
        let t = doc.tables().next().expect("a status table");
        assert_eq!((t.number, t.header.len(), t.rows.len()), (None, 2, 1));
        assert!(matches!(&doc.blocks[1], Block::Heading(h) if h.text == "Status Code"));
        // two key columns are two headings, whatever follows
        let doc = read("p.txt", "T\n\nStatus Code\n\nError Code\n\nx_y\n").unwrap();
        assert_eq!(doc.tables().count(), 0);
        // header chunks without a row that fits them are text
        let doc = read("p.txt", "T\n\nName\n\nType\n\nThe name and the type are given below.\n").unwrap();
        assert_eq!(doc.tables().count(), 0);
        // the caption: the list item the table sits in
        let doc =
            read("p.txt", "T\n\n  • Request parameters\n\n    Name\n\n    Type\n\n    Description\n\n    a\n\n    String\n\n    A.\n")
                .unwrap();
        let t = doc.tables().next().expect("a table");
        assert_eq!((t.caption.as_str(), t.rows.len()), ("Request parameters", 1));
    }

    #[test]
    fn a_status_line_ends_a_table() {
        let page = "T\n\nResponse\n\nStatus code: 201\n\nTable 1 Body\n\nParameter\n\nType\n\nDescription\n\nid\n\nString\n\nID.\n\nStatus code: 400\n\nTable 2 Body\n\nParameter\n\nType\n\nDescription\n\nerror_code\n\nString\n\nError code.\n";
        let doc = read("p.txt", page).unwrap();
        let t = doc.table(1).expect("table 1");
        assert_eq!(t.rows[0].text(2), "ID.");
        let paras: Vec<&str> =
            doc.blocks.iter().filter_map(|b| if let Block::Paragraph(p) = b { Some(p.text.as_str()) } else { None }).collect();
        assert_eq!(paras, ["Status code: 201", "Status code: 400"]);
        // a description that only mentions a status code is still the cell's
        let doc = read("p.txt", &page.replace("Status code: 400\n\nTable 2", "Returns status code 400 when the ID is wrong.\n\nTable 2"))
            .unwrap();
        assert_eq!(doc.table(1).expect("table 1").rows[0].text(2), "ID.\n\nReturns status code 400 when the ID is wrong.");
    }

    #[test]
    fn json_chunks_cross_blank_lines() {
        let lines = ["  {", "    \"a\": 1,", "", "    \"b\": \"}\"", "  }", "after"];
        let c = chunks(&lines);
        assert_eq!(c.len(), 2);
        assert!(matches!(c[0].kind, ChunkKind::Code));
        assert_eq!(c[0].text, "{\n  \"a\": 1,\n\n  \"b\": \"}\"\n}");
        assert_eq!(c[1].text, "after");
        // a title line right above the example is a paragraph of its own
        let c = chunks(&["Creating one:", "{", "  \"a\": [1,", "  2]", "}"]);
        assert_eq!(c.len(), 2);
        assert_eq!((c[0].text.as_str(), c[0].lines), ("Creating one:", 1));
        assert!(matches!(c[1].kind, ChunkKind::Code));
        assert_eq!(c[1].line, 2);
        // a bracket inside a paragraph's later line that closes on it is text
        let c = chunks(&["Values:", "[1, 2] are allowed."]);
        assert_eq!(c.len(), 1);
    }
}

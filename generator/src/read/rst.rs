//! reStructuredText reader (the OTC `api-ref` sources, seed 003).
//!
//! A small block parser over indented lines, enough for the reference pages:
//!
//! - **Section titles**: a line underlined (optionally also overlined) with a repeated
//!   punctuation character; levels in order of first appearance of each style, as docutils does.
//! - **Explicit markup** (`.. `): `.. _label:` anchors (they name the next heading or table);
//!   directives `table` (its argument `**Table N** caption` is the caption; options skipped),
//!   `code-block`/`code`/`sourcecode` (argument = language), admonitions (`note`, `important`,
//!   `warning`, `caution`, `tip`, `hint`, `attention`, `danger`, `notice`, `admonition`);
//!   `figure`/`image`/`toctree`/`raw`/`include`/`meta`/`contents` are skipped; any other
//!   directive's body is read as ordinary content (its text is kept); comments are skipped.
//! - **Grid tables** (`+---+`): the docutils corner-scanning algorithm, so a `|` inside a cell
//!   (``a|b``) is just text, cells may span columns and rows, lines may be of any length, and
//!   East Asian wide characters count two columns. A grid that does not close is a
//!   [`Diagnostic`]. The header is the rows above the `+===+` line.
//! - **Simple tables** (`=== ===`): columns from the top border, a row whose first column is
//!   blank continues the row above, the header is above the middle border; text in a column
//!   gap is kept (in the cell to its left) with a warning.
//! - **Cells** are parsed as rst themselves (paragraphs, bullet lists, notes, code blocks) and
//!   rendered as Markdown-ish text (`crate::read::tree::render`).
//! - **Lists**: bullets `-`, `*`, `+`, `•`; enumerators `#.`, `1.`, `(1)`, `1)`. The item body
//!   is everything indented past the marker.
//! - **Literal blocks**: a paragraph ending in `::` followed by an indented block (the `::` is
//!   removed, or becomes `:` after a word, like docutils).
//! - **Indented blocks** (block quotes, definition-list bodies) are read as content.
//! - **Inline markup**: `**x**` kept, ``` ``x`` ``` → `` `x` ``, `*x*` → `x`, ``:ref:`text
//!   <label>` `` → text + [`Link`] (`Table 3` → table number 3), `` `text <url>`__ `` → text +
//!   link with the url, other roles → their text, backslash escapes resolved.
//!
//! Nesting deeper than `MAX_DEPTH` (24) indented levels is read as plain paragraphs (no stack
//! overflow on hostile input).

use std::borrow::Cow;
use std::collections::BTreeSet;

use unicode_width::UnicodeWidthChar;

use crate::document::{Cell, Document, Format, Link, Row, Table, Warning};
use crate::read::rich::{is_space, parse_caption, table_number_of, Rich};
use crate::read::tree::{self, push_table, Item, Node};
use crate::Diagnostic;

/// Deepest nesting of indented blocks read as structure.
const MAX_DEPTH: usize = 24;

/// Reads a reStructuredText page. `page` names it in errors.
pub fn read(page: &str, text: &str) -> Result<Document, Diagnostic> {
    let text = super::normalize(text, true);
    let lines: Vec<L<'_>> = text.split('\n').enumerate().map(|(i, t)| L::new(i + 1, t)).collect();
    let mut p = Parser { styles: Vec::new(), warnings: Vec::new() };
    let nodes = p.body(&lines, 0, true).map_err(|e| e.in_file(page))?;
    Ok(tree::flatten(Format::Rst, nodes, p.warnings))
}

/// A failure inside the reader, before the page name is known (named by [`read`]).
fn fail(line: usize, expected: impl Into<String>, found: impl Into<String>) -> Diagnostic {
    Diagnostic::expected("", line, &expected.into(), &found.into())
}

/// One source line: number, indentation (spaces) and the text after it (trailing whitespace
/// removed; empty for a blank line).
#[derive(Clone, Debug)]
struct L<'a> {
    no: usize,
    ind: usize,
    text: Cow<'a, str>,
}

impl<'a> L<'a> {
    fn new(no: usize, raw: &'a str) -> Self {
        let trimmed = raw.trim_end();
        let body = trimmed.trim_start_matches(' ');
        L { no, ind: trimmed.len() - body.len(), text: Cow::Borrowed(body) }
    }

    fn owned(no: usize, raw: &str) -> L<'static> {
        let trimmed = raw.trim_end();
        let body = trimmed.trim_start_matches(' ');
        L { no, ind: trimmed.len() - body.len(), text: Cow::Owned(body.to_string()) }
    }

    fn blank(&self) -> bool {
        self.text.is_empty()
    }
}

/// Shows a line in an error message (shortened).
fn shown(s: &str) -> String {
    let short: String = s.chars().take(60).collect();
    if short.len() < s.len() {
        format!("`{short}…`")
    } else {
        format!("`{short}`")
    }
}

struct Parser {
    /// Title styles in order of first appearance: (character, overlined).
    styles: Vec<(char, bool)>,
    warnings: Vec<Warning>,
}

/// `=====`, `-----`, `~~~~~`: a line of one repeated punctuation character (at least 2).
fn adornment(t: &str) -> Option<char> {
    let c = t.chars().next()?;
    if !c.is_ascii_punctuation() || t.len() < 2 || !t.chars().all(|x| x == c) {
        return None;
    }
    Some(c)
}

/// `=== ====== ===`: a simple-table border (two or more columns) → column ranges (chars).
fn simple_border(t: &str) -> Option<Vec<(usize, usize)>> {
    if !t.starts_with('=') || !t.contains(' ') || !t.bytes().all(|b| b == b'=' || b == b' ') {
        return None;
    }
    let mut cols = Vec::new();
    let mut start = None;
    for (i, b) in t.bytes().enumerate() {
        match (b, start) {
            (b'=', None) => start = Some(i),
            (b' ', Some(s)) => {
                cols.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        cols.push((s, t.len()));
    }
    (cols.len() >= 2).then_some(cols)
}

/// The width of a bullet or enumerator at the start of `t` (marker and following spaces),
/// and whether it is an enumerator.
fn list_marker(t: &str) -> Option<(usize, bool)> {
    let after = |len: usize| -> Option<usize> {
        let rest = t.get(len..)?;
        if rest.is_empty() {
            return Some(len);
        }
        let spaces = rest.len() - rest.trim_start_matches(' ').len();
        (spaces > 0).then_some(len + spaces)
    };
    let first = t.chars().next()?;
    if matches!(first, '-' | '*' | '+' | '•') {
        // "-" / "*" not followed by a space are text ("-1", "**bold**")
        return after(first.len_utf8()).map(|w| (w, false));
    }
    if t.starts_with("#.") {
        return after(2).map(|w| (w, true));
    }
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && digits <= 3 {
        match t.as_bytes().get(digits) {
            Some(b'.') | Some(b')') => return after(digits + 1).map(|w| (w, true)),
            _ => {}
        }
    }
    if t.starts_with('(') {
        let d = t.bytes().skip(1).take_while(u8::is_ascii_digit).count();
        if d > 0 && d <= 3 && t.as_bytes().get(d + 1) == Some(&b')') {
            return after(d + 2).map(|w| (w, true));
        }
    }
    None
}

/// The first index at or after `from` of a non-blank line indented at most `ind`.
fn block_end(lines: &[L<'_>], from: usize, ind: usize) -> usize {
    let mut j = from;
    while let Some(l) = lines.get(j) {
        if !l.blank() && l.ind <= ind {
            break;
        }
        j += 1;
    }
    j
}

/// Lines dedented by their common indentation, leading/trailing blank lines dropped.
fn dedent(lines: &[L<'_>]) -> String {
    let min = lines.iter().filter(|l| !l.blank()).map(|l| l.ind).min().unwrap_or(0);
    let first = lines.iter().position(|l| !l.blank()).unwrap_or(lines.len());
    let last = lines.iter().rposition(|l| !l.blank()).map(|i| i + 1).unwrap_or(first);
    let mut out = String::new();
    for (k, l) in lines.get(first..last).unwrap_or(&[]).iter().enumerate() {
        if k > 0 {
            out.push('\n');
        }
        if !l.blank() {
            out.extend(std::iter::repeat_n(' ', l.ind - min));
            out.push_str(&l.text);
        }
    }
    out
}

/// Joins paragraph lines with spaces.
fn join_lines(lines: &[L<'_>]) -> String {
    let mut s = String::new();
    for l in lines {
        if !s.is_empty() {
            s.push(' ');
        }
        s.push_str(&l.text);
    }
    s
}

const SKIPPED_DIRECTIVES: [&str; 8] = ["figure", "image", "toctree", "raw", "include", "meta", "contents", "only"];
const ADMONITIONS: [&str; 11] =
    ["note", "important", "warning", "caution", "tip", "hint", "attention", "danger", "notice", "error", "admonition"];

impl Parser {
    /// Parses a body: lines at a common base indentation (the smallest one). `top`: the page
    /// itself (section titles allowed).
    fn body(&mut self, lines: &[L<'_>], depth: usize, top: bool) -> Result<Vec<Node>, Diagnostic> {
        let base = lines.iter().filter(|l| !l.blank()).map(|l| l.ind).min().unwrap_or(0);
        let mut nodes: Vec<Node> = Vec::new();
        let mut i = 0usize;
        while let Some(line) = lines.get(i) {
            if line.blank() {
                i += 1;
                continue;
            }
            let t: &str = &line.text;
            if line.ind > base {
                // an indented block: a block quote or a definition's body
                let end = block_end(lines, i, base);
                let chunk = lines.get(i..end).unwrap_or(&[]);
                if depth >= MAX_DEPTH {
                    nodes.push(Node::Para { text: Rich::plain(join_lines(chunk)), label: None, line: line.no });
                } else {
                    nodes.push(Node::Group(self.body(chunk, depth + 1, false)?));
                }
                i = end;
                continue;
            }
            if t == ".." || t.starts_with(".. ") {
                i = self.explicit(lines, i, &mut nodes, depth)?;
                continue;
            }
            if top {
                if let Some((level, text, consumed)) = self.title(lines, i) {
                    nodes.push(Node::Heading { level, text: inline(text), label: None, line: line.no });
                    i += consumed;
                    continue;
                }
                if i == 0 || nodes.is_empty() {
                    // the page's field list (":original_name: x.html"): not content
                    if t.starts_with(':') && t.get(1..).is_some_and(|r| r.contains(": ") || r.ends_with(':')) {
                        i = block_end(lines, i + 1, line.ind);
                        continue;
                    }
                }
            }
            if adornment(t).is_some() && t.len() >= 4 && lines.get(i + 1).is_none_or(|n| n.blank()) {
                i += 1; // a transition
                continue;
            }
            if t.starts_with('+') && t.ends_with('+') && t.len() >= 3 && t.bytes().all(|b| matches!(b, b'+' | b'-' | b'=')) {
                let (table, end) = self.grid_table(lines, i, depth)?;
                push_table(&mut nodes, table);
                i = end;
                continue;
            }
            if let Some(cols) = simple_border(t) {
                let (table, end) = self.simple_table(lines, i, &cols, depth)?;
                push_table(&mut nodes, table);
                i = end;
                continue;
            }
            if let Some((_, ordered)) = list_marker(t) {
                i = self.list(lines, i, ordered, &mut nodes, depth)?;
                continue;
            }
            i = self.paragraph(lines, i, base, &mut nodes);
        }
        Ok(nodes)
    }

    /// A section title at `i` (underline, or overline + underline): level, text, lines used.
    fn title<'t>(&mut self, lines: &'t [L<'_>], i: usize) -> Option<(u8, &'t str, usize)> {
        let line = lines.get(i)?;
        let t: &str = &line.text;
        let next = lines.get(i + 1)?;
        let width = |s: &str| s.chars().map(|c| c.width().unwrap_or(0)).sum::<usize>();
        let (style, text, consumed) = if let Some(c) = adornment(t) {
            // overline, title, underline
            let under = lines.get(i + 2)?;
            if next.blank() || adornment(&next.text).is_some() || adornment(&under.text) != Some(c) || under.ind != line.ind {
                return None;
            }
            ((c, true), &*next.text, 3)
        } else {
            let c = adornment(&next.text)?;
            // docutils: an underline shorter than the title still counts from 4 characters on
            let long_enough = next.text.len() >= width(t) || next.text.len() >= 4;
            if next.ind != line.ind || !long_enough {
                return None;
            }
            // a one-line paragraph only: the line before must be blank (or nothing)
            if i > 0 && lines.get(i - 1).is_some_and(|p| !p.blank()) {
                return None;
            }
            ((c, false), t, 2)
        };
        let level = match self.styles.iter().position(|s| *s == style) {
            Some(p) => p + 1,
            None => {
                self.styles.push(style);
                self.styles.len()
            }
        };
        Some((u8::try_from(level).unwrap_or(u8::MAX), text.trim(), consumed))
    }

    /// A paragraph from `i`; handles a trailing `::` (a literal block follows). Returns the
    /// next line index.
    fn paragraph(&mut self, lines: &[L<'_>], i: usize, base: usize, nodes: &mut Vec<Node>) -> usize {
        let Some(first) = lines.get(i) else { return i + 1 };
        let mut j = i;
        while let Some(l) = lines.get(j) {
            if l.blank() || l.ind != first.ind {
                break;
            }
            j += 1;
        }
        let chunk = lines.get(i..j).unwrap_or(&[]);
        let mut text = join_lines(chunk);
        let literal = text.ends_with("::");
        if literal {
            let stem = text.trim_end_matches(':');
            text = if stem.is_empty() {
                String::new()
            } else if stem.ends_with(char::is_whitespace) {
                stem.trim_end().to_string()
            } else {
                format!("{stem}:")
            };
        }
        if !text.is_empty() {
            nodes.push(Node::Para { text: inline(&text), label: None, line: first.no });
        }
        if literal {
            // the literal block: the indented lines after blank lines
            let mut k = j;
            while lines.get(k).is_some_and(|l| l.blank()) {
                k += 1;
            }
            if lines.get(k).is_some_and(|l| l.ind > base.max(first.ind)) {
                let end = block_end(lines, k, first.ind);
                let body = lines.get(k..end).unwrap_or(&[]);
                let line = lines.get(k).map(|l| l.no).unwrap_or(first.no);
                nodes.push(Node::Code { lang: None, text: dedent(body), line });
                return end;
            }
        }
        j
    }

    /// A bullet or enumerated list starting at `i`.
    fn list(&mut self, lines: &[L<'_>], mut i: usize, ordered: bool, nodes: &mut Vec<Node>, depth: usize) -> Result<usize, Diagnostic> {
        let Some(first) = lines.get(i) else { return Ok(i + 1) };
        let ind = first.ind;
        let first_char = first.text.chars().next();
        let mut items = Vec::new();
        while let Some(line) = lines.get(i) {
            let same_kind = |t: &str| -> Option<usize> {
                let (w, o) = list_marker(t)?;
                let same = if ordered { o } else { !o && t.chars().next() == first_char };
                same.then_some(w)
            };
            let Some(w) = (if line.ind == ind { same_kind(&line.text) } else { None }) else { break };
            let end = block_end(lines, i + 1, ind);
            // the item body: the rest of the marker line (at the content column), then the
            // indented lines
            let mut body: Vec<L<'_>> = Vec::with_capacity(end - i);
            let rest = line.text.get(w..).unwrap_or("");
            body.push(L { no: line.no, ind: ind + w, text: Cow::Owned(rest.to_string()) });
            body.extend(lines.get(i + 1..end).unwrap_or(&[]).iter().cloned());
            let children = if depth >= MAX_DEPTH {
                vec![Node::Para { text: Rich::plain(join_lines(&body)), label: None, line: line.no }]
            } else {
                self.body(&body, depth + 1, false)?
            };
            items.push(Item { line: line.no, children });
            // next item: skip blank lines
            let mut k = end;
            while lines.get(k).is_some_and(|l| l.blank()) {
                k += 1;
            }
            i = k;
            if lines.get(k).is_none_or(|l| l.ind != ind || same_kind(&l.text).is_none()) {
                i = end;
                break;
            }
        }
        nodes.push(Node::List { ordered, items });
        Ok(i)
    }

    /// Explicit markup at `i` (`..`): label, directive or comment.
    fn explicit(&mut self, lines: &[L<'_>], i: usize, nodes: &mut Vec<Node>, depth: usize) -> Result<usize, Diagnostic> {
        let Some(line) = lines.get(i) else { return Ok(i + 1) };
        let ind = line.ind;
        let end = block_end(lines, i + 1, ind);
        let rest = line.text.get(2..).unwrap_or("").trim_start();
        // `.. _label:` (an internal target; `.. _name: url` is an external one: skipped)
        if let Some(target) = rest.strip_prefix('_') {
            if let Some(name) = target.strip_suffix(':') {
                let name = name.trim_matches('`');
                if !name.is_empty() {
                    nodes.push(Node::Label { name: name.to_string() });
                }
            }
            return Ok(end);
        }
        // `.. name:: argument`
        let Some((name, arg)) = rest.split_once("::") else { return Ok(end) }; // a comment
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':')) {
            return Ok(end);
        }
        let name = name.to_ascii_lowercase();
        let body = lines.get(i + 1..end).unwrap_or(&[]);
        // argument continuation lines (for the directives whose argument is a title), then
        // options (`:widths: …`), then the content
        let mut k = 0;
        let mut arg = arg.trim().to_string();
        while let Some(l) = body.get(k).filter(|_| name == "table" || name == "admonition") {
            if l.blank() || l.text.starts_with(':') {
                break;
            }
            if !arg.is_empty() {
                arg.push(' ');
            }
            arg.push_str(&l.text);
            k += 1;
        }
        while let Some(l) = body.get(k) {
            if l.blank() || !(l.text.starts_with(':') && l.text.get(1..).is_some_and(|r| r.contains(':'))) {
                break;
            }
            k += 1;
        }
        let content = body.get(k..).unwrap_or(&[]);
        let has_content = content.iter().any(|l| !l.blank());
        match name.as_str() {
            "table" => {
                let inner = if depth >= MAX_DEPTH { Vec::new() } else { self.body(content, depth + 1, false)? };
                let mut table_found = false;
                for n in inner {
                    match n {
                        Node::Table(mut table) if !table_found => {
                            table_found = true;
                            let caption = inline(&arg).finish();
                            match parse_caption(&caption.text) {
                                Some((number, rest)) => {
                                    table.number = Some(number);
                                    table.caption = rest;
                                }
                                None => {
                                    table.number = None;
                                    table.caption = caption.text;
                                }
                            }
                            table.line = line.no;
                            nodes.push(Node::Table(table));
                        }
                        other => nodes.push(other),
                    }
                }
                if !table_found {
                    let found = content.iter().find(|l| !l.blank());
                    return Err(fail(
                        found.map(|l| l.no).unwrap_or(line.no),
                        "a grid or simple table in the `.. table::` directive",
                        found.map(|l| shown(&l.text)).unwrap_or_else(|| "nothing".to_string()),
                    ));
                }
            }
            "code-block" | "code" | "sourcecode" => {
                let lang = arg.trim();
                let lang = (!lang.is_empty()).then(|| lang.to_string());
                nodes.push(Node::Code { lang, text: dedent(content), line: line.no });
            }
            n if ADMONITIONS.contains(&n) => {
                let mut children = Vec::new();
                if !arg.is_empty() && n != "admonition" {
                    children.push(Node::Para { text: inline(&arg), label: None, line: line.no });
                }
                if has_content && depth < MAX_DEPTH {
                    children.extend(self.body(content, depth + 1, false)?);
                }
                let kind = if n == "admonition" && !arg.is_empty() { arg.to_lowercase() } else { n.to_string() };
                nodes.push(Node::Note { kind, children, line: line.no });
            }
            n if SKIPPED_DIRECTIVES.contains(&n) => {}
            _ => {
                if has_content && depth < MAX_DEPTH {
                    nodes.push(Node::Group(self.body(content, depth + 1, false)?));
                }
            }
        }
        Ok(end)
    }

    /// A simple table whose top border is line `i`.
    fn simple_table(&mut self, lines: &[L<'_>], i: usize, cols: &[(usize, usize)], depth: usize) -> Result<(Table, usize), Diagnostic> {
        let Some(top) = lines.get(i) else { return Err(fail(0, "a simple table", "the end of the page")) };
        let ind = top.ind;
        // find the borders: the last one is followed by a blank line or the end of the block
        let mut borders = vec![i];
        let mut j = i + 1;
        let end = loop {
            let Some(l) = lines.get(j) else {
                return Err(fail(top.no, "a simple table closed by a `=== ===` border", "the end of the block"));
            };
            if !l.blank() && l.ind < ind {
                return Err(fail(l.no, "a simple table closed by a `=== ===` border", shown(&l.text)));
            }
            if !l.blank() && l.ind == ind && simple_border(&l.text).is_some() {
                borders.push(j);
                if lines.get(j + 1).is_none_or(|n| n.blank() || n.ind < ind) {
                    break j + 1;
                }
            }
            j += 1;
        };
        let head_sep = if borders.len() >= 3 { borders.get(1).copied() } else { None };
        let last = borders.last().copied().unwrap_or(i);
        // rows: a line whose first column is blank continues the row above
        struct RawRow {
            line: usize,
            head: bool,
            cells: Vec<Vec<(usize, String)>>,
        }
        let mut raw: Vec<RawRow> = Vec::new();
        let mut gap_warned = false;
        for k in i + 1..last {
            if borders.contains(&k) {
                continue;
            }
            let Some(l) = lines.get(k) else { continue };
            if l.blank() {
                continue;
            }
            let t: &str = &l.text;
            if t.bytes().all(|b| b == b'-' || b == b' ') {
                continue; // a column-span underline: spans are not kept
            }
            // the line as columns (char positions relative to the table's indentation)
            let chars: Vec<char> = std::iter::repeat_n(' ', l.ind - ind).chain(t.chars()).collect();
            let mut cells = Vec::with_capacity(cols.len());
            for (c, &(start, stop)) in cols.iter().enumerate() {
                let until = if c + 1 == cols.len() { chars.len() } else { cols.get(c + 1).map(|n| n.0).unwrap_or(stop) };
                let s: String =
                    chars.get(start.min(chars.len())..until.min(chars.len()).max(start.min(chars.len()))).unwrap_or(&[]).iter().collect();
                if !gap_warned
                    && c + 1 < cols.len()
                    && chars.get(stop..until.min(chars.len())).is_some_and(|g| g.iter().any(|ch| *ch != ' '))
                {
                    gap_warned = true;
                    self.warnings.push(Warning { line: l.no, message: "simple table: text in a column gap".to_string() });
                }
                cells.push(s);
            }
            let head = head_sep.is_some_and(|h| k < h);
            let continues = cells.first().is_some_and(|c| c.trim().is_empty()) && raw.last().is_some_and(|r| r.head == head);
            match raw.last_mut() {
                Some(row) if continues => {
                    for (c, s) in cells.into_iter().enumerate() {
                        if let Some(cell) = row.cells.get_mut(c) {
                            cell.push((l.no, s));
                        }
                    }
                }
                _ => raw.push(RawRow { line: l.no, head, cells: cells.into_iter().map(|s| vec![(l.no, s)]).collect() }),
            }
        }
        let mut header: Vec<String> = Vec::new();
        let mut rows = Vec::new();
        for r in raw {
            let mut cells = Vec::with_capacity(r.cells.len());
            for cell_lines in &r.cells {
                cells.push(self.cell(cell_lines, depth)?);
            }
            if r.head {
                merge_header(&mut header, cells.into_iter().map(|c| c.text).collect());
            } else {
                rows.push(Row { cells, line: r.line });
            }
        }
        let table = Table { number: None, caption: String::new(), label: None, header, rows, line: top.no };
        Ok((table, end))
    }

    /// Parses and renders the text of one cell: `(line number, text)` per source line.
    fn cell(&mut self, cell_lines: &[(usize, String)], depth: usize) -> Result<Cell, Diagnostic> {
        let ls: Vec<L<'static>> = cell_lines.iter().map(|(no, s)| L::owned(*no, s)).collect();
        self.cell_of(&ls, depth)
    }

    /// [`Parser::cell`] of lines already made.
    fn cell_of(&mut self, ls: &[L<'_>], depth: usize) -> Result<Cell, Diagnostic> {
        let rich = if depth >= MAX_DEPTH {
            Rich::plain(join_lines(ls))
        } else {
            let nodes = self.body(ls, depth + 1, false)?;
            tree::render(&nodes)
        };
        let (text, links) = rich.into_parts();
        Ok(Cell::new(text, links))
    }

    /// A grid table whose top border is line `i`.
    fn grid_table(&mut self, lines: &[L<'_>], i: usize, depth: usize) -> Result<(Table, usize), Diagnostic> {
        let Some(top) = lines.get(i) else { return Err(fail(0, "a grid table", "the end of the page")) };
        let ind = top.ind;
        let mut end = i;
        while let Some(l) = lines.get(end) {
            if l.blank() || l.ind != ind || !(l.text.starts_with('+') || l.text.starts_with('|')) {
                break;
            }
            end += 1;
        }
        let block = lines.get(i..end).unwrap_or(&[]);
        let grid = Grid::new(block);
        let Some(last) = block.last() else { return Err(fail(top.no, "a grid table", "nothing")) };
        if !last.text.starts_with('+') {
            let next = lines.get(end).map(|l| shown(&l.text)).unwrap_or_else(|| "the end of the page".to_string());
            return Err(fail(last.no + 1, "the bottom border `+---+` of the grid table", next));
        }
        let cells = grid.parse().map_err(|(r, what)| {
            let l = block.get(r).unwrap_or(top);
            fail(l.no, format!("a well-formed grid table ({what})"), shown(&l.text))
        })?;
        // rows and columns from the cells' corners
        let mut row_tops: Vec<usize> = cells.iter().map(|c| c.top).collect();
        row_tops.sort_unstable();
        row_tops.dedup();
        let mut col_lefts: Vec<usize> = cells.iter().map(|c| c.left).collect();
        col_lefts.sort_unstable();
        col_lefts.dedup();
        let mut row_bottoms = row_tops.clone();
        row_bottoms.push(grid.height.saturating_sub(1));
        let mut col_rights = col_lefts.clone();
        col_rights.push(grid.width.saturating_sub(1));
        let mut header = Vec::new();
        let mut rows: Vec<Row> = Vec::new();
        let mut current_top = usize::MAX;
        for c in &cells {
            // spans: the column (row) boundaries in (left, right] ((top, bottom]); both sorted
            let between = |v: &[usize], lo: usize, hi: usize| v.partition_point(|x| *x <= hi) - v.partition_point(|x| *x <= lo);
            let col_span = between(&col_rights, c.left, c.right).max(1);
            let row_span = between(&row_bottoms, c.top, c.bottom).max(1);
            let line_of = |r: usize| block.get(r).map(|l| l.no).unwrap_or(top.no);
            let cell_lines: Vec<L<'_>> = (c.top + 1..c.bottom)
                .map(|r| match grid.slice(r, c.left + 1, c.right) {
                    Cow::Borrowed(s) => L::new(line_of(r), s),
                    Cow::Owned(s) => L::owned(line_of(r), &s),
                })
                .collect();
            let mut cell = self.cell_of(&cell_lines, depth)?;
            cell.col_span = u32::try_from(col_span).unwrap_or(u32::MAX);
            cell.row_span = u32::try_from(row_span).unwrap_or(u32::MAX);
            if grid.head_sep.is_some_and(|h| c.top < h) {
                // a header cell; spans repeat the text over the columns it covers
                let col = col_lefts.partition_point(|l| *l < c.left);
                while header.len() < col + col_span {
                    header.push(String::new());
                }
                if let Some(h) = header.get_mut(col) {
                    if !h.is_empty() {
                        h.push(' ');
                    }
                    h.push_str(&strip_bold(&cell.text));
                }
                continue;
            }
            if c.top != current_top || rows.is_empty() {
                current_top = c.top;
                rows.push(Row { cells: Vec::new(), line: line_of(c.top + 1) });
            }
            if let Some(row) = rows.last_mut() {
                row.cells.push(cell);
            }
        }
        let table = Table { number: None, caption: String::new(), label: None, header, rows, line: top.no };
        Ok((table, end))
    }
}

/// Adds a header row to the header (several header rows: texts joined per column).
fn merge_header(header: &mut Vec<String>, row: Vec<String>) {
    for (c, text) in row.into_iter().enumerate() {
        let text = strip_bold(&text);
        match header.get_mut(c) {
            Some(h) if !text.is_empty() => {
                if !h.is_empty() {
                    h.push(' ');
                }
                h.push_str(&text);
            }
            Some(_) => {}
            None => header.push(text),
        }
    }
}

/// A header cell's text: one line, `**` removed.
fn strip_bold(s: &str) -> String {
    let one_line = s.split_whitespace().collect::<Vec<_>>().join(" ");
    one_line.replace("**", "")
}

/// A cell found by the grid scan: its border rows/columns (grid coordinates).
#[derive(Debug)]
struct GridCell {
    top: usize,
    left: usize,
    bottom: usize,
    right: usize,
}

/// A grid table as a rectangle of characters. East Asian wide characters are followed by a
/// padding character (`\0`) so that one grid column is one display column, as in docutils.
/// Short lines are padded with spaces to the width of the longest.
struct Grid<'a> {
    rows: Vec<GridRow<'a>>,
    width: usize,
    height: usize,
    /// The row of the `+===+` line, if any (read as `+---+`).
    head_sep: Option<usize>,
}

/// One line of a grid. Most lines are ASCII: read in place, one column per byte (no copy, no
/// width lookup per character); the others as characters with padding after wide ones.
enum GridRow<'a> {
    Ascii(&'a str),
    Chars(Vec<char>),
}

const PAD: char = '\0';

impl<'a> GridRow<'a> {
    fn new(text: &'a str) -> Self {
        if text.bytes().all(|b| b.is_ascii() && b != 0) {
            return GridRow::Ascii(text);
        }
        let mut v = Vec::with_capacity(text.len());
        for c in text.chars() {
            v.push(if c == PAD { ' ' } else { c });
            if c.width() == Some(2) {
                v.push(PAD);
            }
        }
        GridRow::Chars(v)
    }

    fn len(&self) -> usize {
        match self {
            GridRow::Ascii(t) => t.len(),
            GridRow::Chars(v) => v.len(),
        }
    }

    fn at(&self, c: usize) -> Option<char> {
        match self {
            GridRow::Ascii(t) => t.as_bytes().get(c).map(|b| char::from(*b)),
            GridRow::Chars(v) => v.get(c).copied(),
        }
    }

    /// `+===+`: a header separator.
    fn is_head_sep(&self) -> bool {
        let all = |chars: &mut dyn Iterator<Item = char>| {
            let (mut first, mut equals, mut only) = (None, false, true);
            for c in chars {
                first.get_or_insert(c);
                equals |= c == '=';
                only &= matches!(c, '+' | '=');
            }
            first == Some('+') && equals && only
        };
        match self {
            GridRow::Ascii(t) => all(&mut t.chars()),
            GridRow::Chars(v) => all(&mut v.iter().copied()),
        }
    }
}

impl<'a> Grid<'a> {
    fn new(block: &'a [L<'_>]) -> Grid<'a> {
        let rows: Vec<GridRow<'a>> = block.iter().map(|l| GridRow::new(&l.text)).collect();
        let width = rows.iter().map(GridRow::len).max().unwrap_or(0);
        let head_sep = rows.iter().enumerate().skip(1).find(|(_, row)| row.is_head_sep()).map(|(r, _)| r);
        let height = rows.len();
        Grid { rows, width, height, head_sep }
    }

    fn at(&self, r: usize, c: usize) -> char {
        match self.rows.get(r).and_then(|row| row.at(c)) {
            Some('=') if self.head_sep == Some(r) => '-',
            Some(ch) => ch,
            None => ' ',
        }
    }

    /// The text of row `r` between columns `from` and `to` (exclusive), padding removed.
    fn slice(&self, r: usize, from: usize, to: usize) -> Cow<'a, str> {
        let (from, to) = (from.min(self.width), to.min(self.width));
        let Some(row) = self.rows.get(r).filter(|_| from < to) else { return Cow::Borrowed("") };
        let len = row.len();
        let mut out: Cow<'a, str> = match row {
            GridRow::Ascii(t) => Cow::Borrowed(t.get(from.min(len)..to.min(len)).unwrap_or("")),
            GridRow::Chars(v) => Cow::Owned(v.get(from.min(len)..to.min(len)).unwrap_or(&[]).iter().filter(|c| **c != PAD).collect()),
        };
        if self.head_sep == Some(r) && out.contains('=') {
            out = Cow::Owned(out.replace('=', "-"));
        }
        if to > len {
            // the spaces a short line is padded with
            out.to_mut().extend(std::iter::repeat_n(' ', to - from.max(len)));
        }
        out
    }

    /// The docutils algorithm: from each top-left corner, scan right, down, left and up along
    /// the cell's border. Cells come out in row-major order of their top-left corners. Error:
    /// (grid row, what went wrong).
    fn parse(&self) -> Result<Vec<GridCell>, (usize, &'static str)> {
        let (bottom, right) = (self.height.saturating_sub(1), self.width.saturating_sub(1));
        if self.height < 2 || self.width < 2 || self.at(0, 0) != '+' {
            return Err((0, "a table needs a top border and a bottom border"));
        }
        // done[col] = the last grid row already covered by a cell in that column
        let mut done: Vec<Option<usize>> = vec![None; self.width];
        // corners still to scan, smallest (row, column) first
        let mut corners: BTreeSet<(usize, usize)> = BTreeSet::from([(0, 0)]);
        let mut cells = Vec::new();
        while let Some((top, left)) = corners.pop_first() {
            // a corner already inside or on top of a found cell
            if top >= bottom || left >= right || done.get(left).copied().flatten().is_some_and(|d| top < d) {
                continue;
            }
            let Some((cell_bottom, cell_right)) = self.scan_cell(top, left) else { continue };
            for d in done.iter_mut().take(cell_right).skip(left) {
                *d = Some(cell_bottom);
            }
            cells.push(GridCell { top, left, bottom: cell_bottom, right: cell_right });
            corners.insert((top, cell_right));
            corners.insert((cell_bottom, left));
        }
        // every column must be covered down to the bottom border
        if let Some(col) = done.iter().take(right).position(|d| *d != Some(bottom)) {
            let covered = done.get(col).copied().flatten().unwrap_or(0);
            return Err((covered + 1, "a cell is not closed"));
        }
        cells.sort_by_key(|c| (c.top, c.left));
        Ok(cells)
    }

    fn scan_cell(&self, top: usize, left: usize) -> Option<(usize, usize)> {
        if self.at(top, left) != '+' {
            return None;
        }
        // right along the top border
        for c in left + 1..self.width {
            match self.at(top, c) {
                '+' => {
                    if let Some(b) = self.scan_down(top, left, c) {
                        return Some((b, c));
                    }
                }
                '-' => {}
                _ => return None,
            }
        }
        None
    }

    fn scan_down(&self, top: usize, left: usize, right: usize) -> Option<usize> {
        for r in top + 1..self.height {
            match self.at(r, right) {
                '+' => {
                    if self.scan_left(top, left, r, right) {
                        return Some(r);
                    }
                }
                '|' => {}
                _ => return None,
            }
        }
        None
    }

    fn scan_left(&self, top: usize, left: usize, bottom: usize, right: usize) -> bool {
        for c in (left + 1..right).rev() {
            if !matches!(self.at(bottom, c), '+' | '-') {
                return false;
            }
        }
        if self.at(bottom, left) != '+' {
            return false;
        }
        // up along the left border
        (top + 1..bottom).all(|r| matches!(self.at(r, left), '+' | '|'))
    }
}

/// Inline markup to Markdown-ish text with links (see the module documentation).
pub(crate) fn inline(s: &str) -> Rich {
    let mut out = Rich::default();
    let b = s.as_bytes();
    let mut i = 0usize;
    // positions from which a search for a closing marker already failed (they fail later too)
    let mut no_close: [usize; 4] = [usize::MAX; 4];
    let prev_char = |i: usize| s.get(..i).and_then(|p| p.chars().next_back());
    let start_ok = |i: usize, after: usize| -> bool {
        let before_ok = prev_char(i).is_none_or(|p| is_space(p) || "-:/'\"<([{\u{2018}\u{201c}".contains(p));
        let next_ok = s.get(after..).and_then(|r| r.chars().next()).is_some_and(|n| !n.is_whitespace());
        before_ok && next_ok
    };
    // `_` may follow a closing backquote (`text <url>`__)
    let end_ok = |j: usize, after: usize, backquote: bool| -> bool {
        let prev_ok = prev_char(j).is_some_and(|p| !p.is_whitespace());
        let next_ok = s
            .get(after..)
            .and_then(|r| r.chars().next())
            .is_none_or(|n| is_space(n) || "-.,:;!?\\/'\")]}>\u{2019}\u{201d}".contains(n) || !n.is_ascii() || (backquote && n == '_'));
        prev_ok && next_ok
    };
    // the first valid closing `marker` at or after `from`
    let find_close = |from: usize, marker: &str, kind: usize, no_close: &mut [usize; 4]| -> Option<usize> {
        if no_close.get(kind).is_some_and(|&n| from >= n) {
            return None;
        }
        let mut k = from;
        while let Some(off) = s.get(k..).and_then(|r| r.find(marker)) {
            let j = k + off;
            if end_ok(j, j + marker.len(), marker == "`") {
                return Some(j);
            }
            k = j + 1;
        }
        if let Some(n) = no_close.get_mut(kind) {
            *n = (*n).min(from);
        }
        None
    };
    while i < b.len() {
        let rest = s.get(i..).unwrap_or("");
        let c = rest.chars().next().unwrap_or(' ');
        match c {
            '\\' => {
                let next = rest.get(1..).and_then(|r| r.chars().next());
                match next {
                    Some(n) if n.is_whitespace() => i += 1 + n.len_utf8(),
                    Some(n) => {
                        out.push_char(n);
                        i += 1 + n.len_utf8();
                    }
                    None => i += 1,
                }
                continue;
            }
            '`' if rest.starts_with("``") && start_ok(i, i + 2) => {
                if let Some(j) = find_close(i + 3, "``", 0, &mut no_close) {
                    out.push_char('`');
                    out.push_str(s.get(i + 2..j).unwrap_or(""));
                    out.push_char('`');
                    i = j + 2;
                    continue;
                }
            }
            '`' if start_ok(i, i + 1) => {
                if let Some(j) = find_close(i + 2, "`", 1, &mut no_close) {
                    let content = s.get(i + 1..j).unwrap_or("");
                    let mut after = j + 1;
                    let underscores = s.get(after..).map(|r| r.bytes().take_while(|x| *x == b'_').count()).unwrap_or(0);
                    after += underscores.min(2);
                    let (text, target) = split_target(content);
                    let mut link = Link::new(unescape(text));
                    if underscores > 0 {
                        link.url = target.map(str::to_string);
                        if link.url.is_none() {
                            link.target_label = Some(text.to_string());
                        }
                        out.push_link(link);
                    } else {
                        out.push_str(&unescape(content)); // interpreted text: its text
                    }
                    i = after;
                    continue;
                }
            }
            ':' if start_ok(i, i + 1) => {
                // a role: :name:`content`
                let name_len = rest
                    .get(1..)
                    .map(|r| r.bytes().take_while(|x| x.is_ascii_alphanumeric() || matches!(x, b'-' | b'_' | b'+' | b'.')).count())
                    .unwrap_or(0);
                if name_len > 0 && rest.get(1 + name_len..).is_some_and(|r| r.starts_with(":`")) {
                    let role = rest.get(1..1 + name_len).unwrap_or("");
                    let open = i + name_len + 3; // after ":name:`"
                    if let Some(j) = find_close(open + 1, "`", 2, &mut no_close) {
                        let content = s.get(open..j).unwrap_or("");
                        match role {
                            "ref" | "doc" | "numref" => {
                                let (text, target) = split_target(content);
                                let mut link = Link::new(unescape(text));
                                let target = target.unwrap_or(text).to_string();
                                if role == "doc" {
                                    link.url = Some(target);
                                } else {
                                    link.target_label = Some(target);
                                }
                                link.table_number = table_number_of(&link.text);
                                out.push_link(link);
                            }
                            "literal" | "code" | "file" | "command" => {
                                out.push_char('`');
                                out.push_str(content);
                                out.push_char('`');
                            }
                            _ => out.push_str(&unescape(content)),
                        }
                        i = j + 1;
                        continue;
                    }
                }
            }
            '*' if rest.starts_with("**") && start_ok(i, i + 2) => {
                if let Some(j) = find_close(i + 3, "**", 3, &mut no_close) {
                    out.push_str("**");
                    out.push_str(&unescape(s.get(i + 2..j).unwrap_or("")));
                    out.push_str("**");
                    i = j + 2;
                    continue;
                }
            }
            '*' if start_ok(i, i + 1) && !rest.starts_with("**") => {
                if let Some(j) = s.get(i + 2..).and_then(|r| r.find('*')).map(|o| o + i + 2) {
                    if end_ok(j, j + 1, false) && s.get(j + 1..).is_none_or(|r| !r.starts_with('*')) {
                        out.push_str(&unescape(s.get(i + 1..j).unwrap_or("")));
                        i = j + 1;
                        continue;
                    }
                }
            }
            _ => {}
        }
        out.push_char(c);
        i += c.len_utf8().max(1);
    }
    out
}

/// `text <target>` → ("text", Some("target")); `text` → ("text", None).
fn split_target(content: &str) -> (&str, Option<&str>) {
    let c = content.trim();
    if let Some(stripped) = c.strip_suffix('>') {
        if let Some(open) = stripped.rfind('<') {
            let text = stripped.get(..open).unwrap_or("").trim();
            let target = stripped.get(open + 1..).unwrap_or("").trim();
            if !target.is_empty() {
                return (if text.is_empty() { target } else { text }, Some(target));
            }
        }
    }
    (c, None)
}

/// Backslash escapes resolved (`\*` → `*`, `\ ` → nothing).
fn unescape(s: &str) -> String {
    if !s.contains('\\') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some(n) if n.is_whitespace() => {}
                Some(n) => out.push(n),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> String {
        inline(s).text
    }

    #[test]
    fn inline_markup() {
        assert_eq!(text("**bold** and ``lit|eral`` and *em*"), "**bold** and `lit|eral` and em");
        assert_eq!(text("https://{*Endpoint*}/v3"), "https://{Endpoint}/v3");
        assert_eq!(text("a \\*b\\* c\\ d"), "a *b* cd");
        assert_eq!(text("x * y ** z"), "x * y ** z");
        assert_eq!(text("\"**********\""), "\"**********\"");
        let r = inline("see :ref:`Table 3 <lbl_3>` and `Regions <https://x.example/r>`__.");
        assert_eq!(r.text, "see Table 3 and Regions.");
        assert_eq!(r.links[0].1.table_number, Some(3));
        assert_eq!(r.links[0].1.target_label.as_deref(), Some("lbl_3"));
        assert_eq!(r.links[1].1.url.as_deref(), Some("https://x.example/r"));
    }

    #[test]
    fn list_markers() {
        assert_eq!(list_marker("-  text"), Some((3, false)));
        assert_eq!(list_marker("#. step"), Some((3, true)));
        assert_eq!(list_marker("12. step"), Some((4, true)));
        assert_eq!(list_marker("-1 is bad"), None);
        assert_eq!(list_marker("**bold**"), None);
    }
}

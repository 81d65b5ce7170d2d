//! HTML inside Markdown pages: `<table>` blocks (Huawei's parameter tables) and other HTML
//! blocks, parsed with `scraper` (html5ever: the browsers' parsing algorithm, so unclosed
//! `<p>`/`<td>`, implied `<tbody>` and entities are handled as a browser would).
//!
//! Rules:
//! - The table's slice of the page runs from `<table` to its matching `</table>` (nested tables
//!   counted), even across blank lines that end Markdown HTML blocks.
//! - Header: the rows in `<thead>`; without one, a first row made only of `<th>` cells or only
//!   of fully bold cells. Otherwise the table has no header.
//! - Rows: the `<tr>`s of the table itself (not of nested tables); a row's line is the line
//!   of its `<tr` tag. `colspan`/`rowspan` become the cell's spans.
//! - Cell text: `<p>`/`<div>` are paragraphs, `<ul>`/`<ol>` items `- `/`1. ` lines, `<br>` a
//!   line break, `<strong>`/`<b>` `**x**`, `<code>` `` `x` ``, `<pre>` a fenced block,
//!   `<a href>` a [`Link`] (`#label` → target label; text `表N`/`Table N` → table number),
//!   `<img>` dropped, whitespace collapsed as a browser does.
//! - Elements nested deeper than 64 are read as their plain text (no deep recursion).

use std::collections::HashMap;

use ego_tree::{NodeId, NodeRef};
use scraper::{Html, Node as HNode};

use crate::document::{Cell, Link, Row, Table};
use crate::read::rich::{table_number_of, Rich};
use crate::read::LineIndex;

const MAX_DEPTH: usize = 64;

fn starts_with_tag(bytes: &[u8], at: usize, tag: &[u8]) -> bool {
    let Some(slice) = bytes.get(at..at + tag.len()) else { return false };
    if !slice.eq_ignore_ascii_case(tag) {
        return false;
    }
    // the tag name must end there: `<table>`, `<table class…`, `<tr/>`; not `<trace>`
    bytes.get(at + tag.len()).is_none_or(|b| b.is_ascii_whitespace() || *b == b'>' || *b == b'/')
}

/// The offset of the first `<table` tag in `text`, if any.
pub(crate) fn find_table_start(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    text.match_indices('<').map(|(i, _)| i).find(|&i| starts_with_tag(bytes, i, b"<table"))
}

/// The offset just past the `</table>` matching the `<table` at `start`.
pub(crate) fn table_end(text: &str, start: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    for (i, _) in text.get(start..)?.match_indices('<') {
        let at = start + i;
        if starts_with_tag(bytes, at, b"<table") {
            depth += 1;
        } else if starts_with_tag(bytes, at, b"</table") {
            depth = depth.saturating_sub(1);
            if depth == 0 {
                let close = text.get(at..)?.find('>')?;
                return Some(at + close + 1);
            }
        }
    }
    None
}

fn element_name<'a>(node: &NodeRef<'a, HNode>) -> Option<&'a str> {
    node.value().as_element().map(|e| e.name())
}

fn attr<'a>(node: &NodeRef<'a, HNode>, name: &str) -> Option<&'a str> {
    node.value().as_element().and_then(|e| e.attr(name))
}

/// Reads the `<table>` of `src` (the page's slice from `<table` to `</table>`, starting at byte
/// `abs_start` of the page). `None` when html5ever finds no table element in it.
pub(crate) fn read_table(src: &str, abs_start: usize, idx: &LineIndex) -> Option<Table> {
    let html = Html::parse_fragment(src);
    let root = html.tree.root();
    let table = root.descendants().find(|n| element_name(n) == Some("table"))?;
    let table_id = table.id();
    // source positions of the `<tr` tags, matched in order with the parsed `tr` elements
    let bytes = src.as_bytes();
    let tr_pos: Vec<usize> = src.match_indices('<').map(|(i, _)| i).filter(|&i| starts_with_tag(bytes, i, b"<tr")).collect();
    // the n-th `tr` element in document order ↔ the n-th `<tr` tag
    let tr_index: HashMap<NodeId, usize> =
        root.descendants().filter(|n| element_name(n) == Some("tr")).enumerate().map(|(i, n)| (n.id(), i)).collect();
    let table_line = idx.line(abs_start);
    let mut header_rows: Vec<Vec<Cell>> = Vec::new();
    let mut rows: Vec<Row> = Vec::new();
    let own_trs = table.descendants().filter(|n| {
        element_name(n) == Some("tr") && n.ancestors().find(|a| element_name(a) == Some("table")).map(|a| a.id()) == Some(table_id)
    });
    for tr in own_trs {
        let in_head =
            tr.ancestors().find(|a| matches!(element_name(a), Some("thead" | "tbody" | "tfoot" | "table"))).and_then(|a| element_name(&a))
                == Some("thead");
        let cells: Vec<(Cell, bool)> = tr
            .children()
            .filter(|c| matches!(element_name(c), Some("td" | "th")))
            .map(|c| {
                let (text, links) = render_children(c).finish().into_parts();
                let mut cell = Cell::new(text, links);
                cell.col_span = span(attr(&c, "colspan"));
                cell.row_span = span(attr(&c, "rowspan"));
                (cell, element_name(&c) == Some("th"))
            })
            .collect();
        let position = tr_index.get(&tr.id()).copied();
        let line = position.and_then(|p| tr_pos.get(p)).map(|p| idx.line(abs_start + p)).unwrap_or(table_line);
        let first_row = rows.is_empty() && header_rows.is_empty();
        let all_th = !cells.is_empty() && cells.iter().all(|(_, th)| *th);
        let all_bold =
            !cells.is_empty() && cells.iter().all(|(c, _)| c.text.len() > 4 && c.text.starts_with("**") && c.text.ends_with("**"));
        let cells: Vec<Cell> = cells.into_iter().map(|(c, _)| c).collect();
        if in_head || (first_row && (all_th || all_bold)) {
            header_rows.push(cells);
        } else {
            rows.push(Row { cells, line });
        }
    }
    let mut header: Vec<String> = Vec::new();
    for row in header_rows {
        let mut col = 0usize;
        for cell in row {
            let text = cell.text.replace("**", "").split_whitespace().collect::<Vec<_>>().join(" ");
            while header.len() <= col {
                header.push(String::new());
            }
            if let Some(h) = header.get_mut(col) {
                if !h.is_empty() && !text.is_empty() {
                    h.push(' ');
                }
                h.push_str(&text);
            }
            col += cell.col_span.max(1) as usize;
        }
    }
    Some(Table { number: None, caption: String::new(), label: None, header, rows, line: table_line })
}

fn span(value: Option<&str>) -> u32 {
    value.and_then(|v| v.trim().parse::<u32>().ok()).filter(|n| *n >= 1).unwrap_or(1).min(1000)
}

/// The anchors (`<a name="x">`, `<a id="x">`) of an HTML fragment, in order.
pub(crate) fn anchors(src: &str) -> Vec<String> {
    let html = Html::parse_fragment(src);
    html.tree
        .root()
        .descendants()
        .filter(|n| element_name(n) == Some("a") && attr(n, "href").is_none())
        .filter_map(|n| attr(&n, "name").or_else(|| attr(&n, "id")).map(str::to_string))
        .filter(|s| !s.is_empty())
        .collect()
}

/// The text of an HTML fragment (an HTML block that is not a table).
pub(crate) fn fragment_text(src: &str) -> Rich {
    let html = Html::parse_fragment(src);
    render_children(html.tree.root()).finish()
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Para,
    Item,
}

/// Text being built: finished parts (paragraphs, list items) and the current paragraph.
#[derive(Default)]
struct Out {
    parts: Vec<(Rich, bool)>, // (text, is a list item)
    cur: Rich,
}

impl Out {
    fn flush(&mut self) {
        let cur = std::mem::take(&mut self.cur).trimmed();
        if !cur.is_blank() {
            self.parts.push((cur, false));
        }
    }

    fn push(&mut self, rich: Rich, kind: Kind) {
        self.flush();
        if !rich.is_blank() {
            self.parts.push((rich, kind == Kind::Item));
        }
    }

    fn finish(mut self) -> Rich {
        self.flush();
        let mut out = Rich::default();
        let mut prev_item = false;
        for (i, (part, item)) in self.parts.into_iter().enumerate() {
            if i > 0 {
                out.push_str(if prev_item && item { "\n" } else { "\n\n" });
            }
            prev_item = item;
            out.push_rich(part);
        }
        out
    }

    /// Text with whitespace collapsed; no space at the start of a line.
    fn text(&mut self, t: &str) {
        for (i, word) in t.split(|c: char| c.is_ascii_whitespace()).enumerate() {
            if i > 0 && !(self.cur.text.is_empty() || self.cur.text.ends_with([' ', '\n'])) {
                self.cur.push_char(' ');
            }
            self.cur.push_str(word);
        }
    }
}

fn render_children(node: NodeRef<'_, HNode>) -> Rich {
    let mut out = Out::default();
    for c in node.children() {
        walk(c, &mut out, 0);
    }
    out.finish()
}

fn plain_text(node: NodeRef<'_, HNode>) -> String {
    node.descendants().filter_map(|n| n.value().as_text().map(|t| t.to_string())).collect()
}

fn walk(node: NodeRef<'_, HNode>, out: &mut Out, depth: usize) {
    if let Some(t) = node.value().as_text() {
        out.text(t);
        return;
    }
    let Some(name) = element_name(&node) else { return };
    if depth > MAX_DEPTH {
        out.text(&plain_text(node));
        return;
    }
    let children = |out: &mut Out| {
        for c in node.children() {
            walk(c, out, depth + 1);
        }
    };
    // inline markers around the children, dropped again when nothing came between
    let wrap = |out: &mut Out, marker: &str| {
        let mark = out.cur.text.len();
        out.cur.push_str(marker);
        children(out);
        if out.cur.text.len() == mark + marker.len() {
            out.cur.text.truncate(mark);
        } else {
            // no space just inside the markers
            let trailing = out.cur.text.len() - out.cur.text.trim_end().len();
            out.cur.text.truncate(out.cur.text.len() - trailing);
            out.cur.push_str(marker);
            if trailing > 0 {
                out.cur.push_char(' ');
            }
        }
    };
    match name {
        "script" | "style" | "img" | "head" | "title" => {}
        "br" => out.cur.push_char('\n'),
        "ul" | "ol" => {
            out.flush();
            let ordered = name == "ol";
            let mut n = 0usize;
            for c in node.children() {
                if element_name(&c) == Some("li") {
                    n += 1;
                    let item = render_children_at(c, depth + 1);
                    let marker = if ordered { format!("{n}. ") } else { "- ".to_string() };
                    let pad = " ".repeat(marker.len());
                    out.push(item.prefixed(&marker, &pad), Kind::Item);
                } else {
                    walk(c, out, depth + 1);
                }
            }
            out.flush();
        }
        "pre" => {
            let text = plain_text(node);
            out.push(Rich::plain(format!("```\n{}\n```", text.trim_end_matches('\n'))), Kind::Para);
        }
        "table" => {
            out.flush();
            let mut lines = Vec::new();
            for tr in node.descendants().filter(|n| element_name(n) == Some("tr")) {
                let cells: Vec<String> = tr
                    .children()
                    .filter(|c| matches!(element_name(c), Some("td" | "th")))
                    .map(|c| render_children_at(c, depth + 1).text.replace('\n', " "))
                    .collect();
                lines.push(cells.join(" | "));
            }
            out.push(Rich::plain(lines.join("\n")), Kind::Para);
        }
        "strong" | "b" => wrap(out, "**"),
        "code" | "tt" | "kbd" | "samp" => wrap(out, "`"),
        "a" => match attr(&node, "href") {
            Some(href) => {
                let start = out.cur.text.len();
                children(out);
                let shown = out.cur.text.get(start..).unwrap_or("").trim().to_string();
                if !shown.is_empty() {
                    let mut link = Link::new(shown.clone());
                    if let Some(label) = href.strip_prefix('#') {
                        link.target_label = Some(label.to_string());
                    } else {
                        link.url = Some(href.to_string());
                        link.target_label = href.split_once('#').map(|(_, f)| f.to_string()).filter(|f| !f.is_empty());
                    }
                    link.table_number = table_number_of(&shown);
                    let end = out.cur.text.len();
                    out.cur.links.push((start..end, link));
                }
            }
            None => children(out),
        },
        "p" | "div" | "li" | "dt" | "dd" | "dl" | "blockquote" | "section" | "caption" | "center" | "h1" | "h2" | "h3" | "h4" | "h5"
        | "h6" | "thead" | "tbody" | "tr" => {
            out.flush();
            children(out);
            out.flush();
        }
        "td" | "th" => {
            children(out);
            out.cur.push_char(' ');
        }
        _ => children(out),
    }
}

fn render_children_at(node: NodeRef<'_, HNode>, depth: usize) -> Rich {
    let mut out = Out::default();
    for c in node.children() {
        walk(c, &mut out, depth + 1);
    }
    out.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_end_counts_nesting() {
        let s = "x<table><tr><td><TABLE><tr><td>a</td></tr></TABLE></td></tr></table>y";
        let start = find_table_start(s).unwrap();
        assert_eq!(start, 1);
        assert_eq!(&s[table_end(s, start).unwrap()..], "y");
        assert_eq!(table_end("<table><tr>", 0), None);
    }

    #[test]
    fn cell_rendering() {
        let r = fragment_text(
            "<p>a <strong>b</strong> <code>c</code></p><ul><li>x</li><li>y<br>z</li></ul><p>see <a href=\"#t5\">表5</a>。</p>",
        );
        assert_eq!(r.text, "a **b** `c`\n\n- x\n- y\n  z\n\nsee 表5。");
        let l = &r.links[0].1;
        assert_eq!((l.table_number, l.target_label.as_deref()), (Some(5), Some("t5")));
    }
}

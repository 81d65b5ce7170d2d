//! Markdown reader (Huawei's Chinese reference pages, seeds 000–002), on `pulldown-cmark`.
//!
//! Rules:
//! - CRLF / CR line ends are normalized first; line numbers count source lines.
//! - Headings: `#` level; an inline `<a name="x"></a>` in the heading is its label.
//! - Paragraphs and list items: inline text with `**bold**` kept, `` `code` `` kept, emphasis
//!   markers dropped (`_DDS的Endpoint_` → `DDS的Endpoint`), Markdown escapes resolved
//!   (`\{project\_id\}` → `{project_id}`), links reduced to their text plus a [`Link`]
//!   (`#label` or `page.md#label` targets; text `表N` → table number), images dropped, soft
//!   line breaks joined with a space (none after a CJK character), `<br>` a line break.
//!   Inline HTML other than `a`, `br`, `span`, `strong`, `b`, `em`, `i`, `code`, `sup`, `sub`,
//!   `u`, `font`, `p`, `div`, `img` is kept as text (`<instance_id>` is not a tag to drop).
//! - Fenced and indented code blocks → code blocks (info string = language).
//! - Block quotes → notes. The kind comes from the icon (`icon-note.gif` → `note`,
//!   `icon-notice` → `notice`, …) or the bold title (`**说明：**` → `note`, `**注意：**`/`**须知：**`
//!   → `notice`, `**警告：**` → `warning`, `NOTE:` …); the title itself is removed. A block quote
//!   with neither is read as ordinary content.
//! - HTML blocks: `<table>` → a table (see `crate::read::html`); an unclosed `<table>` is a
//!   [`Diagnostic`]. `<a name="x">` alone → a label for the next heading or table. Any other
//!   HTML block → a paragraph of its text.
//! - Captions: a paragraph `**表 N** caption` (or `**Table N** caption`) right before a table
//!   (labels may stand between) is the table's number and caption, not a paragraph.
//! - GitHub pipe tables are read too (first row = header).

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

use crate::document::{Cell, Document, Format, Link, Row, Table};
use crate::read::html;
use crate::read::rich::{is_space, table_number_of, Rich};
use crate::read::tree::{self, push_table, Item, Node};
use crate::read::LineIndex;
use crate::Diagnostic;

/// Deepest container nesting kept as structure: deeper lists, quotes, … have their content
/// merged into the container at this depth (no deep recursion later).
const MAX_DEPTH: usize = 48;

/// Reads a Markdown page. `page` names it in errors.
pub fn read(page: &str, text: &str) -> Result<Document, Diagnostic> {
    let text = super::normalize(text, false);
    let idx = LineIndex::new(&text);
    let mut b =
        Builder { stack: vec![Frame::container(Kind::Root, 1)], links: Vec::new(), image_depth: 0, idx: &idx, scratch: Rich::default() };
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    // events inside a table's source (an HTML table that spans blank lines) are skipped;
    // `skip_depth` keeps Start/End balanced while skipping
    let mut skip_until = 0usize;
    let mut skip_depth = 0usize;
    for (event, range) in Parser::new_ext(&text, options).into_offset_iter() {
        if range.start < skip_until || skip_depth > 0 {
            match event {
                Event::Start(_) => {
                    skip_depth += 1;
                    continue;
                }
                Event::End(_) if skip_depth > 0 => {
                    skip_depth -= 1;
                    continue;
                }
                Event::End(_) => {}
                _ => continue,
            }
        }
        let line = idx.line(range.start);
        match event {
            Event::Start(tag) => b.start(tag, line, range.start),
            Event::End(tag) => {
                if let Some(end) =
                    b.end(tag, &text).map_err(|(line, expected, found)| Diagnostic::expected(page, line, &expected, &found))?
                {
                    skip_until = end;
                }
            }
            Event::Text(t) => b.text(&t),
            Event::Code(t) => {
                let s = b.sink();
                s.push_char('`');
                s.push_str(&t);
                s.push_char('`');
            }
            Event::InlineMath(t) | Event::DisplayMath(t) => b.text(&t),
            Event::Html(t) => b.html_line(&t),
            Event::InlineHtml(t) => b.inline_html(&t),
            Event::SoftBreak => b.soft_break(),
            Event::HardBreak => b.sink().push_char('\n'),
            Event::TaskListMarker(done) => b.text(if done { "[x] " } else { "[ ] " }),
            Event::FootnoteReference(_) | Event::Rule => {}
        }
    }
    // close whatever is open (the parser balances its events; this is for safety)
    while b.stack.len() > 1 {
        b.close_top();
    }
    let nodes = match b.stack.pop() {
        Some(Frame { kind: Kind::Root, children, pending, .. }) => {
            let mut children = children;
            if let Some((rich, line)) = pending {
                children.push(Node::Para { text: rich, label: None, line });
            }
            children
        }
        _ => Vec::new(),
    };
    Ok(tree::flatten(Format::Markdown, nodes, Vec::new()))
}

#[derive(Debug)]
enum Kind {
    Root,
    Para {
        rich: Rich,
        label: Option<String>,
    },
    Heading {
        level: u8,
        rich: Rich,
        label: Option<String>,
    },
    List {
        ordered: bool,
        items: Vec<Item>,
    },
    Item,
    Quote {
        icon: Option<String>,
    },
    Code {
        lang: Option<String>,
        text: String,
    },
    Html {
        buf: String,
        start: usize,
    },
    Table {
        header: Vec<String>,
        rows: Vec<Row>,
        row: Vec<Cell>,
        row_line: usize,
        in_head: bool,
    },
    Cell {
        rich: Rich,
    },
    /// A container without meaning here (footnote definition, definition list, …).
    Other,
}

/// An open element: its kind, its line, and for containers the nodes inside it plus inline
/// text not yet in a paragraph (a tight list item's text).
#[derive(Debug)]
struct Frame {
    kind: Kind,
    line: usize,
    children: Vec<Node>,
    pending: Option<(Rich, usize)>,
}

impl Frame {
    fn container(kind: Kind, line: usize) -> Frame {
        Frame { kind, line, children: Vec::new(), pending: None }
    }
}

struct Builder<'i> {
    stack: Vec<Frame>,
    /// Open `<a>`/links: (start offset in the current sink, the link; `None` for an anchor
    /// `<a name>`, whose `</a>` closes nothing).
    links: Vec<(usize, Option<Link>)>,
    image_depth: usize,
    idx: &'i LineIndex,
    /// Where inline text goes when there is no frame at all (cannot happen; no panic either).
    scratch: Rich,
}

type EndError = (usize, String, String);

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x2E80..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF | 0x20000..=0x2FFFF)
}

/// Inline HTML tags treated as markup; any other `<…>` stays text.
const KNOWN_TAGS: [&str; 15] = ["a", "br", "span", "strong", "b", "em", "i", "code", "sup", "sub", "u", "font", "p", "div", "img"];

fn tag_name(tag: &str) -> Option<(bool, String)> {
    let t = tag.trim().strip_prefix('<')?;
    let (closing, t) = match t.strip_prefix('/') {
        Some(rest) => (true, rest),
        None => (false, t),
    };
    let name: String = t.chars().take_while(|c| c.is_ascii_alphanumeric()).collect::<String>().to_ascii_lowercase();
    (!name.is_empty()).then_some((closing, name))
}

/// `name="x"` / `href='x'` in a tag.
fn tag_attr(tag: &str, name: &str) -> Option<String> {
    let lower = tag.to_ascii_lowercase();
    let mut from = 0;
    while let Some(pos) = lower.get(from..).and_then(|l| l.find(name)).map(|p| p + from) {
        from = pos + name.len();
        let before_ok = lower.get(..pos).and_then(|b| b.chars().next_back()).is_some_and(|c| c.is_whitespace());
        let rest = tag.get(pos + name.len()..)?.trim_start();
        let Some(rest) = rest.strip_prefix('=').filter(|_| before_ok) else { continue };
        let rest = rest.trim_start();
        let quote = rest.chars().next()?;
        return if quote == '"' || quote == '\'' {
            let inner = rest.get(1..)?;
            inner.find(quote).and_then(|e| inner.get(..e)).map(str::to_string)
        } else {
            Some(rest.chars().take_while(|c| !c.is_whitespace() && *c != '>').collect())
        };
    }
    None
}

impl Builder<'_> {
    /// The rich text that inline content goes to (a paragraph, heading, cell, or the pending
    /// text of the innermost container).
    fn sink(&mut self) -> &mut Rich {
        let Some(frame) = self.stack.last_mut() else { return &mut self.scratch };
        let line = frame.line;
        match &mut frame.kind {
            Kind::Para { rich, .. } | Kind::Heading { rich, .. } | Kind::Cell { rich } => rich,
            _ => &mut frame.pending.get_or_insert_with(|| (Rich::default(), line)).0,
        }
    }

    fn text(&mut self, t: &str) {
        if self.image_depth > 0 {
            return;
        }
        if let Some(Frame { kind: Kind::Code { text, .. }, .. }) = self.stack.last_mut() {
            text.push_str(t);
            return;
        }
        self.sink().push_str(t);
    }

    fn soft_break(&mut self) {
        let sink = self.sink();
        let prev = sink.text.chars().next_back();
        // Chinese text is not separated by spaces: join CJK lines directly
        if !prev.is_some_and(is_cjk) {
            sink.push_char(' ');
        }
    }

    fn html_line(&mut self, t: &str) {
        if let Some(Frame { kind: Kind::Html { buf, .. }, .. }) = self.stack.last_mut() {
            buf.push_str(t);
        } else {
            self.inline_html(t);
        }
    }

    fn inline_html(&mut self, t: &str) {
        let Some((closing, name)) = tag_name(t) else {
            self.sink().push_str(t);
            return;
        };
        if !KNOWN_TAGS.contains(&name.as_str()) {
            self.sink().push_str(t);
            return;
        }
        match (closing, name.as_str()) {
            (false, "a") => {
                if let Some(href) = tag_attr(t, "href") {
                    let start = self.sink().text.len();
                    let mut link = Link::new("");
                    match href.strip_prefix('#') {
                        Some(label) => link.target_label = Some(label.to_string()),
                        None => link.url = Some(href),
                    }
                    self.links.push((start, Some(link)));
                } else if let Some(name) = tag_attr(t, "name").or_else(|| tag_attr(t, "id")) {
                    self.links.push((0, None));
                    if let Some(frame) = self.stack.last_mut() {
                        match &mut frame.kind {
                            Kind::Heading { label, .. } | Kind::Para { label, .. } => {
                                label.get_or_insert(name);
                            }
                            _ => {}
                        }
                    }
                }
            }
            (true, "a") => self.close_link(),
            (_, "br") => self.sink().push_char('\n'),
            (false, "strong") | (false, "b") | (true, "strong") | (true, "b") => self.sink().push_str("**"),
            (_, "code") => self.sink().push_char('`'),
            _ => {}
        }
    }

    fn close_link(&mut self) {
        let Some((start, Some(mut link))) = self.links.pop() else { return };
        let sink = self.sink();
        let start = start.min(sink.text.len());
        let end = sink.text.len();
        let shown = sink.text.get(start..end).unwrap_or("").trim_matches(is_space).to_string();
        if shown.is_empty() {
            return;
        }
        link.table_number = table_number_of(&shown);
        if link.target_label.is_none() {
            link.target_label = link.url.as_deref().and_then(|u| u.split_once('#')).map(|(_, f)| f.to_string()).filter(|f| !f.is_empty());
        }
        link.text = shown;
        sink.links.push((start..end, link));
    }

    /// A block starts inside the top container: its pending inline text becomes a paragraph.
    fn flush_pending(&mut self) {
        if let Some(frame) = self.stack.last_mut() {
            if let Some((rich, line)) = frame.pending.take() {
                if !rich.is_blank() {
                    frame.children.push(Node::Para { text: rich.trimmed(), label: None, line });
                }
            }
        }
    }

    fn start(&mut self, tag: Tag<'_>, line: usize, offset: usize) {
        let inline = matches!(
            tag,
            Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. } | Tag::Image { .. } | Tag::Superscript | Tag::Subscript
        );
        if !inline {
            if matches!(self.stack.last().map(|f| &f.kind), Some(Kind::Para { .. } | Kind::Heading { .. } | Kind::Cell { .. })) {
                // a block inside an inline container cannot happen in CommonMark; be safe
                self.close_top();
            }
            self.flush_pending();
        }
        let kind = match tag {
            Tag::Paragraph => Kind::Para { rich: Rich::default(), label: None },
            Tag::Heading { level, .. } => Kind::Heading { level: level as u8, rich: Rich::default(), label: None },
            Tag::BlockQuote(_) => Kind::Quote { icon: None },
            Tag::CodeBlock(kind) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => {
                        let l = info.split_whitespace().next().unwrap_or("").to_string();
                        (!l.is_empty()).then_some(l)
                    }
                    CodeBlockKind::Indented => None,
                };
                Kind::Code { lang, text: String::new() }
            }
            Tag::HtmlBlock => Kind::Html { buf: String::new(), start: offset },
            Tag::List(first) => Kind::List { ordered: first.is_some(), items: Vec::new() },
            Tag::Item => Kind::Item,
            Tag::Table(_) => Kind::Table { header: Vec::new(), rows: Vec::new(), row: Vec::new(), row_line: line, in_head: false },
            Tag::TableHead => {
                if let Some(Frame { kind: Kind::Table { in_head, row_line, .. }, .. }) = self.stack.last_mut() {
                    *in_head = true;
                    *row_line = line;
                }
                return;
            }
            Tag::TableRow => {
                if let Some(Frame { kind: Kind::Table { row_line, .. }, .. }) = self.stack.last_mut() {
                    *row_line = line;
                }
                return;
            }
            Tag::TableCell => Kind::Cell { rich: Rich::default() },
            Tag::Strong => {
                self.sink().push_str("**");
                return;
            }
            Tag::Emphasis | Tag::Strikethrough | Tag::Superscript | Tag::Subscript => return,
            Tag::Link { dest_url, .. } => {
                let start = self.sink().text.len();
                let mut link = Link::new("");
                match dest_url.strip_prefix('#') {
                    Some(label) => link.target_label = Some(label.to_string()),
                    None => link.url = Some(dest_url.to_string()),
                }
                self.links.push((start, Some(link)));
                return;
            }
            Tag::Image { dest_url, .. } => {
                self.image_depth += 1;
                // the icon of a Huawei note: `![](public_sys-resources/icon-note.gif)`
                if let Some(f) = self.stack.iter_mut().rev().find(|f| matches!(f.kind, Kind::Quote { .. })) {
                    if let Kind::Quote { icon } = &mut f.kind {
                        if icon.is_none() && dest_url.contains("icon-") {
                            *icon = Some(dest_url.to_string());
                        }
                    }
                }
                return;
            }
            _ => Kind::Other,
        };
        self.stack.push(Frame::container(kind, line));
    }

    /// Ends `tag`. `Ok(Some(end))`: a table was read up to byte `end` of the page (skip the
    /// events before it).
    fn end(&mut self, tag: TagEnd, text: &str) -> Result<Option<usize>, EndError> {
        match tag {
            TagEnd::Strong => {
                self.sink().push_str("**");
                Ok(None)
            }
            TagEnd::Emphasis | TagEnd::Strikethrough | TagEnd::Superscript | TagEnd::Subscript => Ok(None),
            TagEnd::Link => {
                self.close_link();
                Ok(None)
            }
            TagEnd::Image => {
                self.image_depth = self.image_depth.saturating_sub(1);
                Ok(None)
            }
            TagEnd::TableHead => {
                if let Some(Frame { kind: Kind::Table { header, row, in_head, .. }, .. }) = self.stack.last_mut() {
                    header.extend(row.drain(..).map(|c| c.text.replace("**", "")));
                    *in_head = false;
                }
                Ok(None)
            }
            TagEnd::TableRow => {
                if let Some(Frame { kind: Kind::Table { rows, row, row_line, .. }, .. }) = self.stack.last_mut() {
                    rows.push(Row { cells: std::mem::take(row), line: *row_line });
                }
                Ok(None)
            }
            TagEnd::HtmlBlock => self.end_html(text),
            _ => {
                self.close_top();
                Ok(None)
            }
        }
    }

    /// Ends an HTML block: a table, anchors, or a paragraph of its text.
    fn end_html(&mut self, text: &str) -> Result<Option<usize>, EndError> {
        let Some(frame) = self.stack.pop() else { return Ok(None) };
        let Kind::Html { buf, start } = frame.kind else {
            self.stack.push(frame);
            return Ok(None);
        };
        let line = frame.line;
        let mut nodes = Vec::new();
        let mut skip = None;
        let table_at = html::find_table_start(&buf);
        let before = table_at.and_then(|t| buf.get(..t)).unwrap_or(&buf);
        for name in html::anchors(before) {
            nodes.push(Node::Label { name });
        }
        match table_at {
            Some(_) => {
                // the table in the page text: from `<table` to its `</table>`
                let abs = text.get(start..).and_then(html::find_table_start).map(|p| start + p).unwrap_or(start);
                let Some(end) = html::table_end(text, abs) else {
                    return Err((
                        self.idx.line(abs),
                        "`</table>` closing the table opened here".to_string(),
                        "the end of the page".to_string(),
                    ));
                };
                let src = text.get(abs..end).unwrap_or("");
                if let Some(table) = html::read_table(src, abs, self.idx) {
                    self.push_nodes(nodes);
                    self.push_table(table);
                    nodes = Vec::new();
                }
                skip = Some(end);
            }
            None => {
                let rich = html::fragment_text(&buf);
                if !rich.is_blank() {
                    nodes.push(Node::Para { text: rich, label: None, line });
                }
            }
        }
        self.push_nodes(nodes);
        Ok(skip)
    }

    fn push_nodes(&mut self, nodes: Vec<Node>) {
        if let Some(top) = self.stack.last_mut() {
            top.children.extend(nodes);
        }
    }

    fn push_table(&mut self, table: Table) {
        if let Some(top) = self.stack.last_mut() {
            push_table(&mut top.children, table);
        }
    }

    /// Closes the top frame into a node of its parent.
    fn close_top(&mut self) {
        if self.stack.len() <= 1 {
            return;
        }
        let Some(mut frame) = self.stack.pop() else { return };
        if let Some((rich, line)) = frame.pending.take() {
            if !rich.is_blank() {
                frame.children.push(Node::Para { text: rich.trimmed(), label: None, line });
            }
        }
        let line = frame.line;
        if self.stack.len() >= MAX_DEPTH {
            // too deep: the content joins the parent (lists: their items' content)
            let nodes = match frame.kind {
                Kind::List { items, .. } => items.into_iter().flat_map(|i| i.children).collect(),
                Kind::Root | Kind::Item | Kind::Quote { .. } | Kind::Other => frame.children,
                kind => return self.close_shallow_frame(Frame { kind, line, children: frame.children, pending: None }),
            };
            self.push_nodes(nodes);
            return;
        }
        self.close_shallow_frame(frame);
    }

    /// Turns a closed frame into a node of the frame now on top.
    fn close_shallow_frame(&mut self, frame: Frame) {
        let line = frame.line;
        let node = match frame.kind {
            Kind::Root => Some(Node::Group(frame.children)),
            Kind::Para { rich, label } => {
                let rich = rich.trimmed();
                match label {
                    // `<a name="x"></a>` alone on a line: a label
                    Some(name) if rich.is_blank() => Some(Node::Label { name }),
                    _ => (!rich.is_blank()).then_some(Node::Para { text: rich, label, line }),
                }
            }
            Kind::Heading { level, rich, label } => Some(Node::Heading { level, text: rich.trimmed(), label, line }),
            Kind::List { ordered, items } => Some(Node::List { ordered, items }),
            Kind::Item => {
                if let Some(Frame { kind: Kind::List { items, .. }, .. }) = self.stack.last_mut() {
                    items.push(Item { line, children: frame.children });
                    None
                } else {
                    Some(Node::Group(frame.children))
                }
            }
            Kind::Quote { icon } => Some(quote_node(icon, frame.children, line)),
            Kind::Code { lang, text } => Some(Node::Code { lang, text: text.trim_end_matches('\n').to_string(), line }),
            Kind::Html { buf, .. } => {
                let rich = html::fragment_text(&buf);
                (!rich.is_blank()).then_some(Node::Para { text: rich, label: None, line })
            }
            Kind::Table { header, rows, .. } => {
                let table = Table { number: None, caption: String::new(), label: None, header, rows, line };
                self.push_table(table);
                None
            }
            Kind::Cell { rich } => {
                if let Some(Frame { kind: Kind::Table { row, .. }, .. }) = self.stack.last_mut() {
                    let (text, links) = rich.trimmed().finish().into_parts();
                    row.push(Cell::new(text, links));
                }
                None
            }
            Kind::Other => Some(Node::Group(frame.children)),
        };
        if let Some(node) = node {
            self.push_nodes(vec![node]);
        }
    }
}

/// Note titles: the bold word a Huawei note starts with → kind.
fn title_kind(title: &str) -> Option<&'static str> {
    let t = title.trim().trim_end_matches([':', '：']).trim().to_ascii_lowercase();
    Some(match t.as_str() {
        "说明" | "note" | "notes" => "note",
        "注意" | "须知" | "notice" | "important" => "notice",
        "警告" | "warning" => "warning",
        "危险" | "danger" => "danger",
        "小心" | "caution" => "caution",
        "提示" | "tip" | "tips" => "tip",
        _ => return None,
    })
}

fn quote_node(icon: Option<String>, mut children: Vec<Node>, line: usize) -> Node {
    let icon_kind = icon
        .as_deref()
        .and_then(|i| ["note", "notice", "caution", "warning", "danger", "tip"].into_iter().find(|k| i.contains(&format!("icon-{k}"))));
    // a bold title at the start of the first paragraph: "**说明：**"
    let mut title_found = None;
    if let Some(Node::Para { text, .. }) = children.first_mut() {
        let t = text.text.trim_start();
        if let Some(rest) = t.strip_prefix("**") {
            if let Some(close) = rest.find("**") {
                if let Some(kind) = rest.get(..close).and_then(title_kind) {
                    title_found = Some(kind);
                    let cut = text.text.len() - t.len() + 2 + close + 2;
                    let mut stripped = Rich::plain(text.text.get(cut..).unwrap_or("").to_string());
                    stripped.links =
                        text.links.iter().filter(|(r, _)| r.start >= cut).map(|(r, l)| (r.start - cut..r.end - cut, l.clone())).collect();
                    *text = stripped.trimmed();
                }
            }
        }
        if text.is_blank() {
            children.remove(0);
        }
    }
    match icon_kind.or(title_found) {
        Some(kind) => Node::Note { kind: kind.to_string(), children, line },
        None => Node::Group(children),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn note_with_a_list_and_unknown_tags() {
        let doc = read(
            "n.md",
            ">![](public_sys-resources/icon-notice.gif) **须知：**   \n>-   第一项  \n>-   第二项\n\nGET /v1/<instance>/<db_id>\n",
        )
        .unwrap();
        let crate::document::Block::Note(note) = &doc.blocks[0] else { panic!("{:?}", doc.blocks) };
        assert_eq!((note.kind.as_str(), note.text.as_str()), ("notice", "- 第一项\n- 第二项"));
        let crate::document::Block::Paragraph(p) = &doc.blocks[1] else { panic!("{:?}", doc.blocks) };
        assert_eq!(p.text, "GET /v1/<instance>/<db_id>");
    }

    #[test]
    fn tag_helpers() {
        assert_eq!(tag_name("<a name=\"x\">"), Some((false, "a".to_string())));
        assert_eq!(tag_name("</A>"), Some((true, "a".to_string())));
        assert_eq!(tag_attr("<a name=\"x_1\"></a>", "name").as_deref(), Some("x_1"));
        assert_eq!(tag_attr("<a href='#t'>", "href").as_deref(), Some("#t"));
        assert_eq!(tag_attr("<a rename=\"x\">", "name"), None);
    }
}

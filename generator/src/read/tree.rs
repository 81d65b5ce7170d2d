//! The tree the rst and Markdown readers build before it becomes a flat [`Document`], and the
//! two ways out of it: [`flatten`] (page level) and [`render`] (text of a table cell or note).
//!
//! Flattening rules:
//! - Headings, paragraphs, notes, tables and code blocks become blocks in source order.
//! - A list becomes one `List` block whose items carry a `level`; an item's text is its
//!   paragraphs. When a table, code block, note or heading appears inside an item, the list
//!   is closed there, that block follows it, and later paragraphs of the same item become
//!   paragraphs (the next item opens a new `List`).
//! - A label (rst `.. _x:`, HTML `<a name="x">` alone) names the next heading or table, when at
//!   most one paragraph (or list item text: "auth.identity") stands between them; else it is
//!   dropped.
//! - Inside a note, tables and code blocks are taken out and follow the note as blocks.

use crate::document::{Block, CodeBlock, Document, Format, Heading, List, ListItem, Note, Paragraph, Table, Warning};
use crate::read::rich::{parse_caption, Rich};

/// A node of the reader tree.
#[derive(Clone, Debug)]
pub(crate) enum Node {
    Heading {
        level: u8,
        text: Rich,
        label: Option<String>,
        line: usize,
    },
    /// `label`: an anchor inside the paragraph (Markdown `<a name>`), used when the paragraph is
    /// a table caption.
    Para {
        text: Rich,
        label: Option<String>,
        line: usize,
    },
    List {
        ordered: bool,
        items: Vec<Item>,
    },
    Code {
        lang: Option<String>,
        text: String,
        line: usize,
    },
    Note {
        kind: String,
        children: Vec<Node>,
        line: usize,
    },
    Table(Table),
    Label {
        name: String,
    },
    /// Content without a block of its own (block quote, unknown directive): its children.
    Group(Vec<Node>),
}

#[derive(Clone, Debug)]
pub(crate) struct Item {
    pub line: usize,
    pub children: Vec<Node>,
}

/// Pushes `table` onto `siblings`, taking its caption from the paragraph just before it when it
/// has none: a caption paragraph ("**Table 2** Request parameters", "**表 2** 请求参数") is
/// consumed; any other short one-line paragraph ("Parameters in the request body",
/// "auth.identity") is copied and stays. Labels between them are kept.
pub(crate) fn push_table(siblings: &mut Vec<Node>, mut table: Table) {
    if table.number.is_none() && table.caption.is_empty() {
        // the paragraph before the table, looking past labels
        let mut idx = siblings.len();
        while idx > 0 && matches!(siblings.get(idx - 1), Some(Node::Label { .. })) {
            idx -= 1;
        }
        if let Some(Node::Para { text, label, .. }) = idx.checked_sub(1).and_then(|i| siblings.get(i)) {
            let one_line = !text.text.contains('\n') && text.text.chars().count() <= 150;
            if let Some((n, caption)) = parse_caption(&text.text).filter(|_| one_line) {
                table.number = Some(n);
                table.caption = caption.trim_end_matches([':', '：']).to_string();
                if table.label.is_none() {
                    table.label = label.clone();
                }
                siblings.remove(idx - 1);
            } else if one_line {
                table.caption = text.text.trim_end_matches([':', '：']).trim().to_string();
            }
        }
    }
    siblings.push(Node::Table(table));
}

/// Turns the tree into a document. `title` is the first heading of the smallest level.
pub(crate) fn flatten(format: Format, nodes: Vec<Node>, warnings: Vec<Warning>) -> Document {
    let mut f = Flattener::default();
    for n in nodes {
        f.node(n, None, 0);
    }
    f.close_list();
    let title = f
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading(h) => Some(h),
            _ => None,
        })
        .min_by_key(|h| h.level)
        .map(|h| h.text.clone())
        .unwrap_or_default();
    Document { format, title, blocks: f.blocks, warnings }
}

#[derive(Default)]
struct Flattener {
    blocks: Vec<Block>,
    list: Option<List>,
    /// Bumped each time the open list is closed: an item remembers the generation it was
    /// pushed in, so its later paragraphs know whether it is still open.
    generation: usize,
    /// A label and how many text blocks have passed since.
    pending_label: Option<(String, u8)>,
}

/// Where an item lives: the list generation and its index in the list.
type ItemRef = (usize, usize);

impl Flattener {
    fn close_list(&mut self) {
        if let Some(list) = self.list.take() {
            if !list.items.is_empty() {
                self.blocks.push(Block::List(list));
            }
        }
        self.generation += 1;
    }

    fn text_passed(&mut self) {
        if let Some((_, n)) = &mut self.pending_label {
            *n += 1;
            if *n > 1 {
                self.pending_label = None;
            }
        }
    }

    fn take_label(&mut self) -> Option<String> {
        self.pending_label.take().map(|(l, _)| l)
    }

    /// `item`: the list item this node is inside of (its paragraphs extend the item's text).
    fn node(&mut self, node: Node, item: Option<ItemRef>, level: u8) {
        match node {
            Node::Label { name } => self.pending_label = Some((name, 0)),
            Node::Heading { level: hl, text, label, line } => {
                self.close_list();
                let label = label.or_else(|| self.take_label());
                let (text, _) = text.into_parts();
                self.blocks.push(Block::Heading(Heading { level: hl, text, label, line }));
            }
            Node::Para { text, line, .. } => {
                self.text_passed();
                let text = text.finish();
                if let Some(open) = self.open_item(item) {
                    append_text(open, text);
                } else {
                    self.close_list();
                    let (text, links) = text.into_parts();
                    self.blocks.push(Block::Paragraph(Paragraph { text, links, line }));
                }
            }
            Node::List { ordered, items, .. } => {
                for it in items {
                    if self.list.is_none() {
                        // a list split by a table or code block starts again at this item
                        self.list = Some(List { items: Vec::new(), line: it.line });
                    }
                    let Some(list) = self.list.as_mut() else { continue };
                    list.items.push(ListItem { level, ordered, text: String::new(), links: Vec::new(), line: it.line });
                    let me = (self.generation, list.items.len() - 1);
                    for child in it.children {
                        match child {
                            Node::List { .. } => self.node(child, Some(me), level.saturating_add(1).min(16)),
                            _ => self.node(child, Some(me), level),
                        }
                    }
                }
            }
            Node::Code { lang, text, line } => {
                self.close_list();
                self.pending_label = None;
                self.blocks.push(Block::Code(CodeBlock { lang, text, line }));
            }
            Node::Note { kind, children, line } => {
                self.close_list();
                let mut taken = Vec::new();
                let text = render_taking(&children, &mut taken).finish();
                let (text, links) = text.into_parts();
                self.blocks.push(Block::Note(Note { kind, text, links, line }));
                for t in taken {
                    self.node(t, None, 0);
                }
            }
            Node::Table(mut table) => {
                self.close_list();
                if let Some(l) = self.take_label() {
                    table.label.get_or_insert(l);
                }
                self.blocks.push(Block::Table(table));
            }
            Node::Group(children) => {
                for c in children {
                    self.node(c, item, level);
                }
            }
        }
    }

    fn open_item(&mut self, item: Option<ItemRef>) -> Option<&mut ListItem> {
        let (generation, index) = item?;
        if generation != self.generation {
            return None;
        }
        self.list.as_mut()?.items.get_mut(index)
    }
}

fn append_text(item: &mut ListItem, text: Rich) {
    let mut rich = Rich::plain(std::mem::take(&mut item.text));
    // the item's links are already final: keep them aside, add the new ones after
    if !rich.text.is_empty() {
        rich.push_str("\n\n");
    }
    rich.push_rich(text);
    let (t, mut links) = rich.into_parts();
    item.text = t;
    item.links.append(&mut links);
}

/// Renders nodes as Markdown-ish text (the text of a table cell).
pub(crate) fn render(nodes: &[Node]) -> Rich {
    render_inner(nodes, &mut None).finish()
}

/// Renders nodes as text, taking tables and code blocks out into `taken` (a note's body).
fn render_taking(nodes: &[Node], taken: &mut Vec<Node>) -> Rich {
    let mut sink = Some(taken);
    render_inner(nodes, &mut sink)
}

fn render_inner(nodes: &[Node], taken: &mut Option<&mut Vec<Node>>) -> Rich {
    let mut parts: Vec<(Rich, bool)> = Vec::new(); // (text, is list)
    for node in nodes {
        match node {
            Node::Heading { text, .. } | Node::Para { text, .. } => {
                if !text.is_blank() {
                    parts.push((text.clone(), false));
                }
            }
            Node::List { ordered, items, .. } => {
                let mut lines = Vec::new();
                for (i, item) in items.iter().enumerate() {
                    let body = render_inner(&item.children, taken);
                    let marker = if *ordered { format!("{}. ", i + 1) } else { "- ".to_string() };
                    let pad = " ".repeat(marker.len());
                    lines.push(body.prefixed(&marker, &pad));
                }
                if !lines.is_empty() {
                    parts.push((Rich::join(lines, "\n"), true));
                }
            }
            Node::Code { text, lang, line } => match taken {
                Some(t) => t.push(Node::Code { lang: lang.clone(), text: text.clone(), line: *line }),
                None => parts.push((Rich::plain(format!("```\n{text}\n```")), false)),
            },
            Node::Note { kind, children, .. } => {
                let body = render_inner(children, taken);
                let mut title = kind.clone();
                if let Some(first) = title.get_mut(..1) {
                    first.make_ascii_uppercase();
                }
                parts.push((Rich::plain(format!("{title}:")), false));
                if !body.is_blank() {
                    parts.push((body, false));
                }
            }
            Node::Table(table) => match taken {
                Some(t) => t.push(Node::Table(table.clone())),
                None => {
                    let mut lines = Vec::new();
                    if !table.header.is_empty() {
                        lines.push(Rich::plain(table.header.join(" | ")));
                    }
                    for row in &table.rows {
                        let cells: Vec<Rich> = row
                            .cells
                            .iter()
                            .map(|c| {
                                let mut r = Rich::plain(c.text.replace('\n', " "));
                                // the links are kept without positions: they sit at the start
                                for l in &c.links {
                                    r.links.push((0..0, l.clone()));
                                }
                                r
                            })
                            .collect();
                        lines.push(Rich::join(cells, " | "));
                    }
                    parts.push((Rich::join(lines, "\n"), false));
                }
            },
            Node::Label { .. } => {}
            Node::Group(children) => {
                let inner = render_inner(children, taken);
                if !inner.is_blank() {
                    parts.push((inner, false));
                }
            }
        }
    }
    let mut out = Rich::default();
    for (i, (part, _)) in parts.into_iter().enumerate() {
        if i > 0 {
            out.push_str("\n\n");
        }
        out.push_rich(part);
    }
    out
}

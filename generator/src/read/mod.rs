//! Page readers: a reference page (reStructuredText, Markdown, plain text) → [`Document`].
//!
//! [`read_page`] picks the reader by the file's extension, and for `.txt` (or anything else)
//! by sniffing the text ([`sniff`]): the seed pages 000–002 are Markdown in `.txt` files,
//! 003 is reStructuredText in a `.txt` file, 004 is a plain-text rendering.
//!
//! Readers never panic on any input; what they cannot read is a [`Diagnostic`] naming the page,
//! the line, and what was expected and found. Oddities they can read past become
//! [`Document::warnings`](crate::document::Document).
//!
//! See `docs/readers.md` for the rules of each reader and their known limits.

pub(crate) mod html;
pub mod markdown;
pub(crate) mod rich;
pub mod rst;
pub mod text;
pub(crate) mod tree;

use std::path::Path;

use crate::document::{Document, Format};
use crate::Diagnostic;

/// Reads one page. `path_or_name` picks the reader by extension (`.rst`, `.md`/`.markdown`)
/// and names the page in errors; any other extension (`.txt`, none) is sniffed.
pub fn read_page(path_or_name: &str, text: &str) -> Result<Document, Diagnostic> {
    let format = format_for(path_or_name, text);
    read_as(format, path_or_name, text)
}

/// Reads a page in a known format.
pub fn read_as(format: Format, page: &str, text: &str) -> Result<Document, Diagnostic> {
    if let Some(pos) = text.find('\0') {
        let line = text.get(..pos).map(|t| t.matches('\n').count() + 1).unwrap_or(1);
        return Err(Diagnostic::expected(page, line, "text", "a NUL byte (binary data)"));
    }
    if text.trim().is_empty() {
        return Err(Diagnostic::expected(page, 1, "a reference page", "an empty page"));
    }
    match format {
        Format::Rst => rst::read(page, text),
        Format::Markdown => markdown::read(page, text),
        Format::Text => text::read(page, text),
    }
}

/// The format `read_page` uses for a page.
pub fn format_for(path_or_name: &str, text: &str) -> Format {
    let ext = Path::new(path_or_name).extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("rst") | Some("rest") => Format::Rst,
        Some("md") | Some("markdown") => Format::Markdown,
        _ => sniff(text),
    }
}

/// Guesses the format from the text (its first 400 lines), by counting telltale lines:
///
/// - reStructuredText: `:original_name:`, `.. _label:`, `.. directive::`, ``:ref:` ``, a title
///   underlined with `===`/`---` of its length, grid-table borders `+---+`;
/// - Markdown: `# ` headings, fences, `<a name=`, `<table`, `**表 N**`/`**Table N**` captions,
///   `>![](` notes;
/// - plain text: `Table N caption` lines alone, `•` bullets.
///
/// The highest count wins; a tie (or nothing) is plain text.
pub fn sniff(text: &str) -> Format {
    let (mut rst, mut md, mut txt) = (0u32, 0u32, 0u32);
    let mut prev = "";
    for line in text.lines().take(400) {
        let t = line.trim_end_matches('\r');
        let s = t.trim_start();
        if s.starts_with(":original_name:") {
            rst += 5;
        }
        if s.starts_with(".. ") && (s.contains("::") || (s.starts_with(".. _") && s.ends_with(':'))) {
            rst += 3;
        }
        if s.contains(":ref:`") {
            rst += 2;
        }
        if s.starts_with("+-") && s.ends_with('+') {
            rst += 1;
        }
        let p = prev.trim();
        if !p.is_empty()
            && s.len() >= 3
            && s.len() >= p.chars().count()
            && (s.bytes().all(|b| b == b'=') || s.bytes().all(|b| b == b'-'))
            && !prev.starts_with(' ')
        {
            rst += 2;
        }
        if (1..=6).any(|n| s.starts_with(&format!("{} ", "#".repeat(n)))) {
            md += 3;
        }
        if s.starts_with("```") {
            md += 3;
        }
        if s.contains("<a name=") || s.starts_with("<table") {
            md += 3;
        }
        if s.starts_with("**表") || s.starts_with("**Table") || s.starts_with(">![](") {
            md += 2;
        }
        if s.starts_with('•') {
            txt += 1;
        }
        if rich::parse_caption(s).is_some() && !s.starts_with('*') && !s.contains('|') {
            txt += 2;
        }
        prev = t;
    }
    if rst > md && rst > txt {
        Format::Rst
    } else if md > rst && md > txt {
        Format::Markdown
    } else {
        Format::Text
    }
}

/// The text every reader starts from: no BOM, `\n` line ends (CRLF and lone CR converted),
/// tabs expanded to 8-column stops when `expand_tabs`.
pub(crate) fn normalize(text: &str, expand_tabs: bool) -> String {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // Most pages have neither: one copy, not a walk char by char.
    if !(text.contains('\r') || expand_tabs && text.contains('\t')) {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut col = 0usize;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push('\n');
                col = 0;
            }
            '\n' => {
                out.push('\n');
                col = 0;
            }
            '\t' if expand_tabs => {
                let n = 8 - col % 8;
                out.extend(std::iter::repeat_n(' ', n));
                col += n;
            }
            _ => {
                out.push(c);
                col += 1;
            }
        }
    }
    out
}

/// Byte offset → 1-based line number.
pub(crate) struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    pub fn line(&self, offset: usize) -> usize {
        self.starts.partition_point(|s| *s <= offset).max(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_line_ends_and_tabs() {
        assert_eq!(normalize("\u{feff}a\r\nb\rc\td", true), "a\nb\nc       d");
        assert_eq!(normalize("a\tb", false), "a\tb");
    }

    #[test]
    fn line_index() {
        let idx = LineIndex::new("ab\ncd\n\nx");
        assert_eq!(idx.line(0), 1);
        assert_eq!(idx.line(3), 2);
        assert_eq!(idx.line(6), 3);
        assert_eq!(idx.line(7), 4);
    }

    #[test]
    fn sniffing() {
        assert_eq!(sniff("# Title<a name=\"x\"></a>\n\ntext\n"), Format::Markdown);
        assert_eq!(sniff(":original_name: a.html\n\n.. _a:\n\nTitle\n=====\n"), Format::Rst);
        assert_eq!(sniff("Title\n\nTable 1 Parameters\n\nName\n\nType\n"), Format::Text);
        assert_eq!(format_for("x.rst", "# not markdown"), Format::Rst);
    }
}

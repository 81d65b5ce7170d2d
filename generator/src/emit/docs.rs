//! Doc comments: the spec's Markdown made safe for rustdoc, and the one line of facts per field.

use proc_macro2::TokenStream;
use quote::quote;

use crate::model::{FieldModel, JsonType, Ty};
use crate::spec::Constraints;

/// `#[doc = "..."]` attributes for `text` (outer `///`), one per line. `text` is the generator's
/// own Markdown: text from a page must go through [`sanitize`] first.
pub fn outer(text: &str) -> TokenStream {
    let lines = lines(text);
    quote! { #(#[doc = #lines])* }
}

/// `#![doc = "..."]` attributes for `text` (inner `//!`), one per line.
pub fn inner(text: &str) -> TokenStream {
    let lines = lines(text);
    quote! { #(#![doc = #lines])* }
}

/// The value of each doc attribute of `text`: the line itself, or under [`deferring`] its
/// placeholder.
fn lines(text: &str) -> Vec<String> {
    DEFERRED.with_borrow_mut(|deferred| {
        text.lines()
            .map(|l| {
                let line = if l.is_empty() { String::new() } else { format!(" {l}") };
                match deferred {
                    Some(table) => {
                        table.push(line);
                        format!("{MARK}{}{MARK}", table.len() - 1)
                    }
                    None => line,
                }
            })
            .collect()
    })
}

/// Starts and ends a placeholder. prettyplease prints a doc line as `///` and its value; any other
/// control character it prints escaped, inside a string literal. So in the printed file, this
/// character appears only in placeholders.
const MARK: char = '\u{1}';

thread_local! {
    /// The doc lines taken out of the tokens while [`deferring`] (`None` when not).
    static DEFERRED: std::cell::RefCell<Option<Vec<String>>> = const { std::cell::RefCell::new(None) };
}

/// Doc lines written while `make` runs, left out of its tokens: each doc attribute's value is a
/// short placeholder, and the lines are returned apart, for [`restore`] to put into the printed
/// file. Parsing and printing a long string literal (escaping it into tokens, syn checking and
/// unescaping it, prettyplease copying it) was an eighth of the generator's time; docs are most
/// of the text of a generated file, and prettyplease prints each doc line on a line of its own,
/// whatever its length, so a placeholder changes nothing else of the layout.
pub(crate) fn deferring<T>(make: impl FnOnce() -> T) -> (T, Vec<String>) {
    /// Puts back the table of an enclosing call, even when `make` panics.
    struct Restore(Option<Option<Vec<String>>>);
    impl Drop for Restore {
        fn drop(&mut self) {
            if let Some(outer) = self.0.take() {
                DEFERRED.set(outer);
            }
        }
    }
    let mut restore = Restore(Some(DEFERRED.replace(Some(Vec::new()))));
    let made = make();
    let table = DEFERRED.replace(restore.0.take().unwrap_or_default()).unwrap_or_default();
    (made, table)
}

/// `printed` (prettyplease's output of tokens made under [`deferring`]) with each placeholder
/// replaced by its doc line of `table`, trailing spaces trimmed as prettyplease trims them. An
/// error when a placeholder is malformed or not in the table. (Lines made but left out of the
/// tokens are not printed.)
pub(crate) fn restore(printed: &str, table: &[String]) -> Result<String, String> {
    let extra: usize = table.iter().map(String::len).sum();
    let mut out = String::with_capacity(printed.len() + extra);
    let mut rest = printed;
    while let Some(start) = rest.find(MARK) {
        out.push_str(&rest[..start]);
        let after = &rest[start + MARK.len_utf8()..];
        let end = after.find(MARK).ok_or("a doc placeholder is not closed")?;
        let line = after[..end].parse::<usize>().ok().and_then(|i| table.get(i)).ok_or("a doc placeholder is not in the table")?;
        out.push_str(line.trim_end_matches(' '));
        rest = &after[end + MARK.len_utf8()..];
    }
    out.push_str(rest);
    Ok(out)
}

/// Makes Markdown from a page render cleanly in rustdoc, with no doctest and no warning:
/// - text that rustdoc would read as HTML or as a link (`<ip address>`, `[x]`) is escaped;
/// - bare URLs are wrapped in `<…>`;
/// - indentation that would start an (executable) indented code block is reduced;
/// - fenced blocks without a language become `text` blocks;
/// - runs of blank lines collapse, and trailing blanks go.
pub fn sanitize(text: &str) -> String {
    let mut out = Vec::new();
    let mut in_fence = false;
    for raw in text.replace("\r\n", "\n").lines() {
        let trimmed = raw.trim_start();
        if trimmed.starts_with("```") {
            if !in_fence {
                let lang = trimmed.trim_start_matches('`').trim();
                out.push(if lang.is_empty() || lang == "rust" { "```text".to_owned() } else { format!("```{lang}") });
            } else {
                out.push("```".to_owned());
            }
            in_fence = !in_fence;
            continue;
        }
        if in_fence {
            out.push(raw.to_owned());
            continue;
        }
        let indent = raw.len() - trimmed.len();
        let line = format!("{}{}", " ".repeat(indent.min(3)), escape_line(trimmed.trim_end()));
        if line.trim().is_empty() {
            if out.last().is_some_and(|l: &String| l.is_empty()) || out.is_empty() {
                continue;
            }
            out.push(String::new());
        } else {
            out.push(line);
        }
    }
    if in_fence {
        out.push("```".to_owned());
    }
    while out.last().is_some_and(|l| l.is_empty()) {
        out.pop();
    }
    out.join("\n")
}

/// Escapes one line outside of code spans.
fn escape_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut in_code = false;
    let mut rest = line;
    if rest.starts_with('#') {
        out.push('\\');
    }
    while let Some(c) = rest.chars().next() {
        if c == '`' {
            in_code = !in_code;
            out.push(c);
            rest = &rest[1..];
            continue;
        }
        if !in_code {
            if let Some(url_len) = url_at(rest) {
                out.push('<');
                out.push_str(&rest[..url_len]);
                out.push('>');
                rest = &rest[url_len..];
                continue;
            }
            if matches!(c, '<' | '>' | '[' | ']' | '\\' | '|') {
                out.push('\\');
            }
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    if in_code {
        // An unclosed code span would swallow the rest of the paragraph: close it.
        out.push('`');
    }
    out
}

/// The length of a URL starting at the beginning of `s`, if one does.
fn url_at(s: &str) -> Option<usize> {
    if !(s.starts_with("http://") || s.starts_with("https://")) {
        return None;
    }
    let end = s.find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '`' | ')' | ']')).unwrap_or(s.len());
    let url = s[..end].trim_end_matches(['.', ',', ';', ':']);
    Some(url.len())
}

/// The one line of facts every field doc ends with: required or not, constraints, default,
/// accepted JSON types, sensitivity.
/// The documented constraints as sentences ("Length 4 to 64 characters.", "Range 1 to 100."), for
/// fields and parameters alike.
pub fn constraint_facts(c: &Constraints) -> Vec<String> {
    let mut out = Vec::new();
    let len = match (c.min_length, c.max_length) {
        (Some(a), Some(b)) => Some(format!("Length {a} to {b} characters.")),
        (Some(a), None) => Some(format!("At least {a} characters.")),
        (None, Some(b)) => Some(format!("At most {b} characters.")),
        _ => None,
    };
    out.extend(len);
    if let Some(p) = &c.pattern {
        out.push(format!("Pattern: {}.", code(p)));
    }
    let num = |v: f64| if v.fract() == 0.0 { format!("{}", v as i64) } else { v.to_string() };
    match (c.minimum, c.maximum) {
        (Some(a), Some(b)) => out.push(format!("Range {} to {}.", num(a), num(b))),
        (Some(a), None) => out.push(format!("Minimum {}.", num(a))),
        (None, Some(b)) => out.push(format!("Maximum {}.", num(b))),
        _ => {}
    }
    if let Some(m) = c.multiple_of {
        out.push(format!("Multiple of {}.", num(m)));
    }
    match (c.min_items, c.max_items) {
        (Some(a), Some(b)) => out.push(format!("{a} to {b} items.")),
        (Some(a), None) => out.push(format!("At least {a} items.")),
        (None, Some(b)) => out.push(format!("At most {b} items.")),
        _ => {}
    }
    out
}

pub fn facts(f: &FieldModel, in_request: bool) -> String {
    let mut parts = vec![if f.required { "**Required.**".to_owned() } else { "*Optional.*".to_owned() }];
    parts.extend(constraint_facts(&f.constraints));
    if let Some(d) = &f.default {
        parts.push(format!("Default: {}.", code(d)));
    }
    if !f.accepts.is_empty() {
        let wires: Vec<&str> = f.accepts.iter().map(|w| w.name()).collect();
        let what = if matches!(f.ty, Ty::Array(_)) && f.accepts.iter().all(|w| *w != JsonType::Array) {
            "a single item".to_owned()
        } else {
            wires.join(" or ")
        };
        parts.push(format!("Also accepts {what} on the wire."));
    }
    if f.sensitive {
        parts.push("Sensitive: redacted in `Debug`.".to_owned());
    }
    if in_request && !f.constraints.is_empty() {
        parts.push("Checked by `build()` and `validate()`.".to_owned());
    }
    parts.push(format!("Wire name: {}.", code(&f.wire)));
    parts.join(" ")
}

/// `s` as a Markdown code span, whatever backticks it holds.
pub fn code(s: &str) -> String {
    let ticks = if s.contains('`') { "``" } else { "`" };
    let pad = if s.starts_with('`') || s.ends_with('`') { " " } else { "" };
    format!("{ticks}{pad}{s}{pad}{ticks}")
}

/// The first paragraph of `text`, on one line (for short docs: setters, variants).
pub fn first_paragraph(text: &str) -> String {
    text.trim().split("\n\n").next().unwrap_or("").lines().map(str::trim).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_html_and_links() {
        assert_eq!(sanitize("Use <ip address> or [x]."), "Use \\<ip address\\> or \\[x\\].");
        assert_eq!(sanitize("Keep `<code>` as is."), "Keep `<code>` as is.");
        assert_eq!(sanitize("See https://x.y/z."), "See <https://x.y/z>.");
    }

    #[test]
    fn no_indented_code_blocks() {
        assert_eq!(sanitize("a\n\n        b"), "a\n\n   b");
        assert_eq!(sanitize("```\nx\n```"), "```text\nx\n```");
    }
}

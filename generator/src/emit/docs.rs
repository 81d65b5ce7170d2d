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

/// The attributes of [`outer`], as syntax (for items built as syntax trees: `emit/splice.rs`).
pub(crate) fn outer_attributes(text: &str) -> Vec<syn::Attribute> {
    let span = proc_macro2::Span::call_site();
    lines(text)
        .into_iter()
        .map(|line| syn::Attribute {
            pound_token: Default::default(),
            style: syn::AttrStyle::Outer,
            bracket_token: Default::default(),
            meta: syn::Meta::NameValue(syn::MetaNameValue {
                path: proc_macro2::Ident::new("doc", span).into(),
                eq_token: Default::default(),
                value: syn::Expr::Lit(syn::ExprLit { attrs: Vec::new(), lit: syn::LitStr::new(&line, span).into() }),
            }),
        })
        .collect()
}

/// The value of each doc attribute of `text`: its lines, or under [`deferring`] one placeholder
/// for all of them.
fn lines(text: &str) -> Vec<String> {
    DEFERRED.with_borrow_mut(|deferred| match deferred {
        Some(table) if text.lines().next().is_some() => {
            table.push(text.to_owned());
            vec![format!("{MARK}{}{MARK}", table.len() - 1)]
        }
        _ => text.lines().map(line).collect(),
    })
}

/// A doc attribute's value for a line of text.
fn line(l: &str) -> String {
    if l.is_empty() {
        String::new()
    } else {
        format!(" {l}")
    }
}

/// Starts and ends a placeholder. prettyplease prints a doc line as `///` and its value; any other
/// control character it prints escaped, inside a string literal. So in the printed file, this
/// character appears only in placeholders.
const MARK: char = '\u{1}';

thread_local! {
    /// The doc lines taken out of the tokens while [`deferring`] (`None` when not).
    static DEFERRED: std::cell::RefCell<Option<Vec<String>>> = const { std::cell::RefCell::new(None) };
}

/// Docs written while `make` runs, left out of its tokens: a doc's attributes are one attribute
/// whose value is a short placeholder, and the docs are returned apart, for [`restore`] to put
/// into the printed file. Parsing and printing long string literals (escaping them into tokens,
/// syn checking and unescaping them, prettyplease copying them), one attribute per line, was an
/// eighth of the generator's time; docs are most of the text of a generated file, and prettyplease
/// prints each doc attribute on a line of its own, whatever its length, so a placeholder changes
/// nothing else of the layout.
pub(crate) fn deferring<T>(make: impl FnOnce() -> T) -> (T, Vec<String>) {
    super::set_aside(&DEFERRED, make)
}

/// `printed` (prettyplease's output of tokens made under [`deferring`]) with each placeholder
/// replaced by the lines of its doc in `table`, each after the indentation and `///` (or `//!`)
/// the placeholder's line starts with, trailing spaces trimmed as prettyplease trims them. An error
/// when a placeholder is malformed, not in the table, or not after a doc comment's start. (Docs made
/// but left out of the tokens are not printed.)
pub(crate) fn restore(printed: &str, table: &[String]) -> Result<String, String> {
    let extra: usize = table.iter().map(|doc| doc.len() * 2).sum();
    let mut out = String::with_capacity(printed.len() + extra);
    let mut rest = printed;
    while let Some(start) = rest.find(MARK) {
        out.push_str(&rest[..start]);
        let after = &rest[start + MARK.len_utf8()..];
        let end = after.find(MARK).ok_or("a doc placeholder is not closed")?;
        let doc = after[..end].parse::<usize>().ok().and_then(|i| table.get(i)).ok_or("a doc placeholder is not in the table")?;
        let prefix_start = out.rfind('\n').map_or(0, |i| i + 1);
        let prefix = out[prefix_start..].to_owned();
        if !matches!(prefix.trim_start(), "///" | "//!") {
            return Err(format!("a doc placeholder after `{prefix}`"));
        }
        for (i, l) in doc.lines().enumerate() {
            if i > 0 {
                out.push('\n');
                out.push_str(&prefix);
            }
            if !l.is_empty() {
                out.push(' ');
                out.push_str(l);
            }
            out.truncate(out.trim_end_matches(' ').len());
        }
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
    /// The text made so far, one line at a time.
    struct Lines {
        text: String,
        count: usize,
        last_empty: bool,
        /// The length of `text` up to the last non-empty line (trailing blank lines go).
        kept: usize,
    }
    impl Lines {
        fn start(&mut self) {
            if self.count > 0 {
                self.text.push('\n');
            }
            self.count += 1;
        }
        fn end(&mut self) {
            let start = self.text.rfind('\n').map_or(0, |i| i + 1);
            self.last_empty = self.text.len() == start;
            if !self.last_empty {
                self.kept = self.text.len();
            }
        }
        fn push(&mut self, line: &str) {
            self.start();
            self.text.push_str(line);
            self.end();
        }
    }
    let mut out = Lines { text: String::with_capacity(text.len() + 16), count: 0, last_empty: false, kept: 0 };
    let mut in_fence = false;
    // `lines` also ends a line at `\r\n`.
    for raw in text.lines() {
        let trimmed = raw.trim_start();
        if trimmed.starts_with("```") {
            if !in_fence {
                let lang = trimmed.trim_start_matches('`').trim();
                out.start();
                out.text.push_str("```");
                out.text.push_str(if lang.is_empty() || lang == "rust" { "text" } else { lang });
                out.end();
            } else {
                out.push("```");
            }
            in_fence = !in_fence;
            continue;
        }
        if in_fence {
            out.push(raw);
            continue;
        }
        let content = trimmed.trim_end();
        if content.is_empty() {
            if out.count == 0 || out.last_empty {
                continue;
            }
            out.push("");
        } else {
            let indent = raw.len() - trimmed.len();
            out.start();
            out.text.push_str(&"   "[..indent.min(3)]);
            escape_line(content, &mut out.text);
            out.end();
        }
    }
    if in_fence {
        out.push("```");
    }
    out.text.truncate(out.kept);
    out.text
}

/// Escapes one line outside of code spans, onto `out`.
fn escape_line(line: &str, out: &mut String) {
    let mut in_code = false;
    if line.starts_with('#') {
        out.push('\\');
    }
    let mut rest = line;
    // Up to the next character that may need work (all ASCII): copied as it is.
    while let Some(i) = rest.find(['`', 'h', '<', '>', '[', ']', '\\', '|']) {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let c = char::from(rest.as_bytes()[0]);
        if c == '`' {
            in_code = !in_code;
        } else if !in_code && c == 'h' {
            if let Some(url_len) = url_at(rest) {
                out.push('<');
                out.push_str(&rest[..url_len]);
                out.push('>');
                rest = &rest[url_len..];
                continue;
            }
        } else if !in_code {
            out.push('\\');
        }
        out.push(c);
        rest = &rest[1..];
    }
    out.push_str(rest);
    if in_code {
        // An unclosed code span would swallow the rest of the paragraph: close it.
        out.push('`');
    }
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

    #[test]
    fn blank_lines_collapse_and_fences_keep_their_lines() {
        assert_eq!(sanitize("\r\n\na\r\n\r\n\r\n  b  \n\n"), "a\n\n  b");
        assert_eq!(sanitize("a\n```json\n{\n\n  \"k\": [1]\n```\n\n\nb"), "a\n```json\n{\n\n  \"k\": [1]\n```\n\nb");
        assert_eq!(sanitize("# Title\n```\nunclosed <x>"), "\\# Title\n```text\nunclosed <x>\n```");
        assert_eq!(sanitize("`open [x] | y\nhttp is not https://a.b, [h]"), "`open [x] | y`\nhttp is not <https://a.b>, \\[h\\]");
        assert_eq!(sanitize("  \n \t "), "");
    }

    /// Tokens of docs in the places the generator puts them: module, item, field, impl function.
    fn documented(module: &str, item: &str, field: &str) -> TokenStream {
        let (module, item, field) = (inner(module), outer(item), outer(field));
        quote! {
            #module
            #item
            pub struct S {
                #field
                pub x: i32,
            }
            impl S {
                #item
                pub fn f(&self) {}
            }
        }
    }

    #[test]
    fn deferred_docs_print_as_the_docs_themselves() {
        let cases = [
            ("Module.", "One line.", "Field."),
            ("A\n\nB  \n- c", "Item `a`;\n\n  indented  \n\n/// not a doc start\nend", "x\n\u{1}0\u{1} kept as text"),
            ("", "   ", "\"quotes\" and \\ and ünïcode"),
        ];
        for (module, item, field) in cases {
            let direct = super::super::render("t", documented(module, item, field)).unwrap();
            let deferred = super::super::render_made("t", || documented(module, item, field)).unwrap();
            assert_eq!(deferred, direct, "{module:?} {item:?} {field:?}");
            assert!(direct.contains("///"), "{direct}");
        }
    }

    #[test]
    fn a_placeholder_outside_a_doc_comment_or_the_table_is_an_error() {
        let table = vec!["doc".to_owned()];
        assert_eq!(restore("    ///\u{1}0\u{1}\nx", &table).unwrap(), "    /// doc\nx");
        assert!(restore("let s = \u{1}0\u{1};", &table).unwrap_err().contains("after `let s = `"));
        assert!(restore("///\u{1}1\u{1}", &table).unwrap_err().contains("not in the table"));
        assert!(restore("///\u{1}0", &table).unwrap_err().contains("not closed"));
    }
}

//! The spec files `transcribe` writes, read back without serde_yaml (issue 19: serde_yaml's
//! libyaml port was a sixth of a transcription, reading the committed specs, and most of loading
//! `spec/`). Only the YAML [`super::write`] makes is read: block mappings and sequences
//! (indentless under a key, as libyaml writes them), plain, single-quoted and literal (`|`, `|-`)
//! scalars, `{}` and `[]`, comment lines before the document. A read is **kept only if writing
//! the value back gives the file's text** (after its leading comments): serde_yaml reads its own
//! text back as that value, so a kept read is serde_yaml's read. Anything else (a hand-edited
//! layout, double quotes, anchors, a bad spec) is left to serde_yaml, which also words the errors.

use std::borrow::Cow;

use serde::de::{self, DeserializeOwned, IntoDeserializer, Visitor};
use serde::Serialize;

/// `text` read as `T` when it is exactly the YAML [`super::write`] writes for the value read; `None`
/// otherwise (then serde_yaml reads it).
pub fn read<T: DeserializeOwned + Serialize>(text: &str) -> Option<T> {
    let body = skip_comments(text);
    let value = Parser::new(body)?.document()?;
    let read = T::deserialize(value).ok()?;
    (super::write::to_string(&read).ok()? == body).then_some(read)
}

/// The text after the comment lines it starts with.
fn skip_comments(text: &str) -> &str {
    let mut rest = text;
    while rest.starts_with('#') {
        match rest.find('\n') {
            Some(i) => rest = &rest[i + 1..],
            None => return "",
        }
    }
    rest
}

/// A node of the document.
enum Node<'a> {
    /// A plain scalar (its type decided by what reads it).
    Plain(&'a str),
    /// A quoted or literal scalar: a string.
    Str(Cow<'a, str>),
    Map(Vec<(Node<'a>, Node<'a>)>),
    Seq(Vec<Node<'a>>),
}

struct Parser<'a> {
    /// Each line without its break: (indent, text after the indent). A sequence item's line is
    /// rewritten to its content, two columns in, as it is read.
    lines: Vec<(usize, &'a str)>,
    /// The raw lines (for literal blocks).
    raw: Vec<&'a str>,
    at: usize,
    /// Collections open: a document nested deeper than [`MAX_DEPTH`] is left to serde_yaml
    /// (whose recursion limit words the error), not read on this thread's stack.
    depth: usize,
}

/// The deepest nesting read here (a spec nests about 5 deep).
const MAX_DEPTH: usize = 64;

impl<'a> Parser<'a> {
    fn new(text: &'a str) -> Option<Self> {
        // (A tab or CR is no layout of ours: the text written back differs.)
        if !text.ends_with('\n') {
            return None;
        }
        let raw: Vec<&str> = text[..text.len() - 1].split('\n').collect();
        let lines = raw
            .iter()
            .map(|l| {
                let content = l.trim_start_matches(' ');
                (l.len() - content.len(), content)
            })
            .collect();
        Some(Parser { lines, raw, at: 0, depth: 0 })
    }

    fn document(mut self) -> Option<Node<'a>> {
        let node = match self.lines.first() {
            Some((0, "{}")) => {
                self.at = 1;
                Node::Map(Vec::new())
            }
            _ => self.map(0)?,
        };
        (self.at == self.lines.len()).then_some(node)
    }

    fn peek(&self) -> Option<(usize, &'a str)> {
        self.lines.get(self.at).copied()
    }

    /// A block mapping whose keys are at `indent`, from the current line.
    fn map(&mut self, indent: usize) -> Option<Node<'a>> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return None;
        }
        let mut entries = Vec::new();
        while let Some((n, content)) = self.peek() {
            if n < indent {
                break;
            }
            if n > indent || content.is_empty() || content.starts_with('#') {
                return None;
            }
            let (key, rest) = split_key(content)?;
            self.at += 1;
            let value = if rest.is_empty() {
                // The value is on the next lines: an indentless sequence, or a deeper block.
                match self.peek() {
                    Some((m, c)) if m == indent && is_item(c) => self.seq(indent)?,
                    Some((m, c)) if m > indent => {
                        if is_item(c) {
                            self.seq(m)?
                        } else {
                            self.map(m)?
                        }
                    }
                    _ => return None,
                }
            } else {
                self.inline(rest.strip_prefix(' ')?, indent + 2)?
            };
            entries.push((key, value));
        }
        self.depth -= 1;
        Some(Node::Map(entries))
    }

    /// A block sequence whose `-` are at `indent`, from the current line.
    fn seq(&mut self, indent: usize) -> Option<Node<'a>> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return None;
        }
        let mut items = Vec::new();
        while let Some((n, content)) = self.peek() {
            if n < indent || (n == indent && !is_item(content)) {
                break;
            }
            if n > indent {
                return None;
            }
            let item = content.strip_prefix("- ")?;
            // The item's content, two columns in: a mapping's first key, a nested sequence or
            // a scalar.
            self.lines[self.at] = (indent + 2, item);
            let node = if is_item(item) {
                self.seq(indent + 2)?
            } else if split_key(item).is_some() && !item.starts_with(['|', '{', '[']) {
                self.map(indent + 2)?
            } else {
                self.at += 1;
                self.inline(item, indent + 2)?
            };
            items.push(node);
        }
        self.depth -= 1;
        Some(Node::Seq(items))
    }

    /// A value on the line of its key or `-`: `{}`, `[]`, a literal block (its lines at
    /// `indent`), a single-quoted or a plain scalar.
    fn inline(&mut self, text: &'a str, indent: usize) -> Option<Node<'a>> {
        match text {
            "{}" => return Some(Node::Map(Vec::new())),
            "[]" => return Some(Node::Seq(Vec::new())),
            "|" => return Some(Node::Str(Cow::Owned(self.literal(indent, true)))),
            "|-" => return Some(Node::Str(Cow::Owned(self.literal(indent, false)))),
            _ => {}
        }
        if text.starts_with('\'') {
            let (s, rest) = single_quoted(text)?;
            return rest.is_empty().then_some(Node::Str(s));
        }
        // What follows a plain scalar is no deeper than its key or `-` (else it continues it).
        match self.peek() {
            Some((n, _)) if n + 2 > indent => None,
            _ => Some(Node::Plain(text)),
        }
    }

    /// The lines of a literal block at `indent` (empty lines inside it are empty), joined;
    /// with one final break when `clip`, none when stripped.
    fn literal(&mut self, indent: usize, clip: bool) -> String {
        let start = self.at;
        while self.at < self.raw.len() && (self.raw[self.at].is_empty() || self.lines[self.at].0 >= indent) {
            self.at += 1;
        }
        // Trailing empty lines are no part of the text.
        while self.at > start && self.raw[self.at - 1].is_empty() {
            self.at -= 1;
        }
        let mut out = String::new();
        for (i, line) in self.raw[start..self.at].iter().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            out.push_str(line.get(indent..).unwrap_or(""));
        }
        if clip && !out.is_empty() {
            out.push('\n');
        }
        out
    }
}

/// Whether a line's content is a sequence item (`- …`).
fn is_item(content: &str) -> bool {
    content.starts_with("- ") || content == "-"
}

/// A mapping line's key and what follows its `:` (empty, or a space and the value).
fn split_key(content: &str) -> Option<(Node<'_>, &str)> {
    if content.starts_with('\'') {
        let (key, rest) = single_quoted(content)?;
        return Some((Node::Str(key), rest.strip_prefix(':')?));
    }
    let bytes = content.as_bytes();
    let colon = (0..bytes.len()).find(|&i| bytes[i] == b':' && (i + 1 == bytes.len() || bytes[i + 1] == b' '))?;
    Some((Node::Plain(&content[..colon]), &content[colon + 1..]))
}

/// A single-quoted scalar at the start of `text` (`''` is a quote), and the text after it.
fn single_quoted(text: &str) -> Option<(Cow<'_, str>, &str)> {
    let inner = text.strip_prefix('\'')?;
    let mut owned: Option<String> = None;
    let mut start = 0;
    let bytes = inner.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'\'' {
            if bytes.get(i + 1) == Some(&b'\'') {
                owned.get_or_insert_with(String::new).push_str(&inner[start..=i]);
                i += 2;
                start = i;
                continue;
            }
            let s = match owned {
                Some(mut o) => {
                    o.push_str(&inner[start..i]);
                    Cow::Owned(o)
                }
                None => Cow::Borrowed(&inner[..i]),
            };
            return Some((s, &inner[i + 1..]));
        }
        i += 1;
    }
    None
}

/// Any failure: the caller leaves the text to serde_yaml.
#[derive(Debug)]
struct Bail;

impl std::fmt::Display for Bail {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("not read here")
    }
}

impl std::error::Error for Bail {}

impl de::Error for Bail {
    fn custom<T: std::fmt::Display>(_msg: T) -> Self {
        Bail
    }
}

impl<'a> Node<'a> {
    fn plain(&self) -> Result<&'a str, Bail> {
        match self {
            Node::Plain(s) => Ok(s),
            _ => Err(Bail),
        }
    }
}

macro_rules! numbers {
    ($($method:ident => $visit:ident: $t:ty),*) => {
        $(fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Bail> {
            visitor.$visit(self.plain()?.parse::<$t>().map_err(|_| Bail)?)
        })*
    };
}

impl<'de> de::Deserializer<'de> for Node<'de> {
    type Error = Bail;

    numbers!(deserialize_i8 => visit_i64: i64, deserialize_i16 => visit_i64: i64, deserialize_i32 => visit_i64: i64,
        deserialize_i64 => visit_i64: i64, deserialize_u8 => visit_u64: u64, deserialize_u16 => visit_u64: u64,
        deserialize_u32 => visit_u64: u64, deserialize_u64 => visit_u64: u64, deserialize_f32 => visit_f64: f64,
        deserialize_f64 => visit_f64: f64);

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Bail> {
        match self {
            Node::Map(_) => self.deserialize_map(visitor),
            Node::Seq(_) => self.deserialize_seq(visitor),
            // A plain scalar's type is not resolved here.
            Node::Plain(_) => Err(Bail),
            Node::Str(_) => self.deserialize_string(visitor),
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Bail> {
        match self.plain()? {
            "true" => visitor.visit_bool(true),
            "false" => visitor.visit_bool(false),
            _ => Err(Bail),
        }
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Bail> {
        self.deserialize_str(visitor)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Bail> {
        match self {
            Node::Plain(s) | Node::Str(Cow::Borrowed(s)) => visitor.visit_borrowed_str(s),
            Node::Str(Cow::Owned(s)) => visitor.visit_string(s),
            _ => Err(Bail),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Bail> {
        self.deserialize_str(visitor)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, Bail> {
        Err(Bail)
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, Bail> {
        Err(Bail)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Bail> {
        visitor.visit_some(self)
    }

    fn deserialize_unit<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, Bail> {
        Err(Bail)
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(self, _name: &'static str, _visitor: V) -> Result<V::Value, Bail> {
        Err(Bail)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _name: &'static str, visitor: V) -> Result<V::Value, Bail> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Bail> {
        match self {
            Node::Seq(items) => {
                let mut access = de::value::SeqDeserializer::new(items.into_iter());
                let value = visitor.visit_seq(&mut access)?;
                access.end()?;
                Ok(value)
            }
            _ => Err(Bail),
        }
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, Bail> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(self, _name: &'static str, _len: usize, visitor: V) -> Result<V::Value, Bail> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Bail> {
        match self {
            // (A key twice: a struct refuses it, a map keeps one, so the text written back differs.)
            Node::Map(entries) => {
                let mut access = de::value::MapDeserializer::new(entries.into_iter());
                let value = visitor.visit_map(&mut access)?;
                access.end()?;
                Ok(value)
            }
            _ => Err(Bail),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Bail> {
        self.deserialize_map(visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Bail> {
        match self {
            Node::Plain(s) | Node::Str(Cow::Borrowed(s)) => visitor.visit_enum(s.into_deserializer()),
            Node::Str(Cow::Owned(s)) => visitor.visit_enum(s.into_deserializer()),
            _ => Err(Bail),
        }
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Bail> {
        self.deserialize_str(visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Bail> {
        visitor.visit_unit()
    }
}

impl<'de> IntoDeserializer<'de, Bail> for Node<'de> {
    type Deserializer = Self;

    fn into_deserializer(self) -> Self {
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::Spec;

    fn serde_yaml_read(text: &str) -> Spec {
        serde_yaml::from_str(text).expect("serde_yaml reads it")
    }

    #[test]
    fn every_committed_spec_is_read_here_as_serde_yaml_reads_it() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
        let mut n = 0;
        for key in crate::transcribe::specs_on_disk(&dir) {
            let text = std::fs::read_to_string(dir.join(format!("{key}.yaml"))).unwrap();
            let ours: Spec = read(&text).unwrap_or_else(|| panic!("{key} is not read here"));
            assert_eq!(ours, serde_yaml_read(&text), "{key}");
            n += 1;
        }
        assert!(n > 300, "spec/ has {n} specs");
    }

    const SPEC: &str = "# a comment\noperation:\n  id: create_widget\n  title: 'Create: a widget'\n  doc: |-\n    One.\n\n    - Two: it''s\n  method: POST\n  path: /v3/w\n  status: 202\n  request: Req\nsource:\n  doc: a.rst\n  also:\n  - doc: b.rst\n    sha256: '0123'\ntypes:\n  Req:\n    fields:\n    - json: size\n      type: integer\n      required: true\n      constraints:\n        minimum: 1.0\n        maximum: 100.5\n    - json: tags\n      type: array<string>\n      required: false\n      accepts:\n      - string\n      - '1'\n  Empty: {}\n  Kind:\n    enum:\n    - value: A\n      doc: |\n        first\n\n        line\n    - value: 'null'\nexamples:\n- kind: request\n  json: |\n    {\n      \"size\": 1\n    }\n";

    #[test]
    fn a_spec_in_our_layout_is_read_as_serde_yaml_reads_it() {
        let ours: Spec = read(SPEC).expect("read here");
        assert_eq!(ours, serde_yaml_read(SPEC));
    }

    #[test]
    fn any_other_layout_is_left_to_serde_yaml() {
        for other in [
            // Another indent, a flow mapping, double quotes, a folded plain scalar, a comment
            // inside, a blank line, an anchor, a missing final break.
            SPEC.replace("\n  id:", "\n   id:"),
            SPEC.replace("  Empty: {}", "  Empty: {doc: x}"),
            SPEC.replace("title: 'Create: a widget'", "title: \"Create: a widget\""),
            SPEC.replace("  method: POST\n", "  method: POST\n    AND\n"),
            SPEC.replace("  method: POST\n", "  # why\n  method: POST\n"),
            SPEC.replace("  method: POST\n", "\n  method: POST\n"),
            SPEC.replace("  path: /v3/w", "  path: &p /v3/w"),
            SPEC.trim_end().to_owned(),
            // Values serde_yaml reads otherwise than their text, or refuses.
            SPEC.replace("status: 202", "status: 0x202"),
            SPEC.replace("required: true", "required: yes"),
            SPEC.replace("id: create_widget", "id: 12"),
            SPEC.replace("minimum: 1.0", "minimum: 1"),
            SPEC.replace("  status: 202\n", "  status: 202\n  status: 203\n"),
            SPEC.replace("  method: POST\n", "  method: POST\n  colour: red\n"),
            SPEC.replace("  Empty: {}\n", "  Empty: {}\n  Empty: {}\n"),
        ] {
            assert!(read::<Spec>(&other).is_none(), "read here:\n{other}");
        }
    }

    #[test]
    fn a_deeply_nested_document_is_left_to_serde_yaml() {
        let deep = format!("types:\n  A:\n    fields:\n    {}x\n", "- ".repeat(100_000));
        assert!(read::<Spec>(&deep).is_none());
    }
}

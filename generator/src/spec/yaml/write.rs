//! The YAML of `spec/` written without serde_yaml, byte for byte as serde_yaml 0.9 writes it
//! (its libyaml emitter: block style, 2-space indent, unlimited width, Unicode unescaped), ~10×
//! fewer instructions (issue 19). Only what serde_yaml would write in block style with plain,
//! single-quoted or literal (`|`, `|-`) scalars is written here; anything else (a scalar needing
//! double quotes, a `|+` block, a key that is not a short one-line scalar, tags) is [`Unsupported`] and [`super::to_yaml`] asks serde_yaml instead. The rules
//! are libyaml's (`yaml_emitter_analyze_scalar`, `select_scalar_style`, `write_indent`, …) and
//! serde_yaml's (which strings are quoted because they would read back as another type); a test
//! compares both writers on every corner of them.

use std::fmt::{self, Display, Write as _};

use serde::ser::{self, Serialize};

/// The value needs something this writer leaves to serde_yaml (or its `Serialize` failed).
#[derive(Debug)]
pub struct Unsupported;

impl Display for Unsupported {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("outside the YAML this writer makes")
    }
}

impl std::error::Error for Unsupported {}

impl ser::Error for Unsupported {
    fn custom<T: Display>(_msg: T) -> Self {
        Unsupported
    }
}

type Result<T = ()> = std::result::Result<T, Unsupported>;

/// `value` as serde_yaml would write it, or [`Unsupported`].
pub fn to_string<T: Serialize + ?Sized>(value: &T) -> Result<String> {
    let mut e = Emitter { out: String::with_capacity(4096), column: 0, whitespace: true, indention: true, indent: -1 };
    value.serialize(Node { e: &mut e, ctx: Ctx::Root })?;
    // The implicit document end: a line break unless the last line already ended.
    e.write_indent();
    Ok(e.out)
}

/// libyaml's emitter state, as far as block output needs it.
struct Emitter {
    out: String,
    /// Bytes on the current line. libyaml counts characters, but a column is only compared while
    /// the line holds nothing but indentation and `-` (`indention`), all ASCII; otherwise the
    /// next indent starts a new line whatever the column.
    column: usize,
    /// The last thing written was whitespace (or nothing).
    whitespace: bool,
    /// Only indentation is on the current line.
    indention: bool,
    /// The current block's indent (-1: none yet).
    indent: i32,
}

/// Where a node sits (libyaml's `root_context`, `sequence_context`, `mapping_context`,
/// `simple_key_context`).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Ctx {
    Root,
    Key,
    Value,
    Item,
}

/// The scalar style serde_yaml asks for.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Style {
    Any,
    Plain,
    Single,
    Literal,
}

impl Emitter {
    fn put(&mut self, c: char) {
        self.out.push(c);
        self.column += c.len_utf8();
    }

    fn put_break(&mut self) {
        self.out.push('\n');
        self.column = 0;
    }

    fn write_indent(&mut self) {
        let indent = self.indent.max(0) as usize;
        if !self.indention || self.column > indent || (self.column == indent && !self.whitespace) {
            self.put_break();
        }
        while self.column < indent {
            self.put(' ');
        }
        self.whitespace = true;
        self.indention = true;
    }

    fn write_indicator(&mut self, indicator: &str, need_whitespace: bool, is_whitespace: bool, is_indention: bool) {
        if need_whitespace && !self.whitespace {
            self.put(' ');
        }
        self.out.push_str(indicator);
        self.column += indicator.len();
        self.whitespace = is_whitespace;
        self.indention = self.indention && is_indention;
    }

    /// libyaml's `increase_indent` for a block collection (`flow` false) or a scalar (`flow` true);
    /// the indent before.
    fn increase_indent(&mut self, flow: bool, indentless: bool) -> i32 {
        let before = self.indent;
        if self.indent < 0 {
            self.indent = if flow { 2 } else { 0 };
        } else if !indentless {
            self.indent += 2;
        }
        before
    }

    fn scalar(&mut self, value: &str, requested: Style, ctx: Ctx) -> Result {
        if requested != Style::Single && is_word(value) {
            // Most keys and many values: plain, whatever the context.
            let before = self.increase_indent(true, false);
            self.plain(value);
            self.indent = before;
            return Ok(());
        }
        let a = analyze(value).ok_or(Unsupported)?;
        let simple_key = ctx == Ctx::Key;
        if simple_key && (a.multiline || value.len() > 128) {
            return Err(Unsupported);
        }
        let mut style = if requested == Style::Any { Style::Plain } else { requested };
        if style == Style::Plain && (!a.block_plain_allowed || (value.is_empty() && simple_key)) {
            style = Style::Single;
        }
        if style == Style::Single && !a.single_quoted_allowed {
            return Err(Unsupported);
        }
        if style == Style::Literal && (!a.block_allowed || simple_key) {
            return Err(Unsupported);
        }
        let before = self.increase_indent(true, false);
        match style {
            Style::Plain | Style::Any => self.plain(value),
            Style::Single => {
                if value.contains('\n') {
                    return Err(Unsupported);
                }
                self.write_indicator("'", true, false, false);
                for c in value.chars() {
                    if c == '\'' {
                        self.put('\'');
                    }
                    self.put(c);
                }
                self.write_indicator("'", false, false, false);
                self.whitespace = false;
                self.indention = false;
            }
            Style::Literal => self.literal(value)?,
        }
        self.indent = before;
        Ok(())
    }

    fn plain(&mut self, value: &str) {
        if !self.whitespace && !value.is_empty() {
            self.put(' ');
        }
        self.out.push_str(value);
        self.column += value.len();
        self.whitespace = false;
        self.indention = false;
    }

    fn literal(&mut self, value: &str) -> Result {
        self.write_indicator("|", true, false, false);
        if value.starts_with([' ', '\n']) {
            self.write_indicator("2", false, false, false);
        }
        match value.strip_suffix('\n') {
            None => self.write_indicator("-", false, false, false),
            // A single trailing break is the default chomping; more (or only a break) is `|+`.
            Some(rest) if rest.is_empty() || rest.ends_with('\n') => return Err(Unsupported),
            Some(_) => {}
        }
        self.put_break();
        self.indention = true;
        self.whitespace = true;
        let mut breaks = true;
        for (i, line) in value.split('\n').enumerate() {
            if i > 0 {
                self.put_break();
                self.indention = true;
                breaks = true;
            }
            if !line.is_empty() {
                if breaks {
                    self.write_indent();
                }
                self.out.push_str(line);
                self.column += line.len();
                self.indention = false;
                breaks = false;
            }
        }
        Ok(())
    }

    /// A collection's first element: its block indent (the indent before is returned).
    fn open(&mut self, seq: bool, ctx: Ctx) -> i32 {
        let indentless = seq && ctx == Ctx::Value && !self.indention;
        self.increase_indent(false, indentless)
    }

    /// An empty collection: `{}` or `[]`.
    fn empty(&mut self, seq: bool) {
        let (open, close) = if seq { ("[", "]") } else { ("{", "}") };
        self.write_indicator(open, true, true, false);
        self.write_indicator(close, false, false, false);
    }
}

/// What libyaml's `yaml_emitter_analyze_scalar` finds (block context only).
struct Analysis {
    multiline: bool,
    block_plain_allowed: bool,
    single_quoted_allowed: bool,
    block_allowed: bool,
}

fn is_printable(c: char) -> bool {
    matches!(c as u32, 0x0A | 0x20..=0x7E | 0xA0..=0xD7FF | 0xE000..=0xFFFD | 0x10000..) && c != '\u{FEFF}'
}

/// A short word of letters, digits and `_` (not a null or bool word): written plain wherever
/// it is (no indicator, space, break or number in it).
fn is_word(v: &str) -> bool {
    v.len() <= 128
        && v.as_bytes().first().is_some_and(u8::is_ascii_alphabetic)
        && v.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
        && !matches!(v, "null" | "Null" | "NULL" | "true" | "True" | "TRUE" | "false" | "False" | "FALSE")
}

/// What libyaml's `yaml_emitter_analyze_scalar` finds (block context only), byte by byte for
/// ASCII; `None` for a line break other than `\n` (left to serde_yaml).
fn analyze(value: &str) -> Option<Analysis> {
    if value.is_empty() {
        return Some(Analysis { multiline: false, block_plain_allowed: true, single_quoted_allowed: true, block_allowed: false });
    }
    let bytes = value.as_bytes();
    // Blank, break or the end (the NUL after libyaml's copy of the value).
    let blankz_at = |i: usize| matches!(bytes.get(i), None | Some(b' ' | b'\t' | b'\n' | b'\r' | b'\0'));
    let mut block_indicators = value.starts_with("---") || value.starts_with("...");
    let (mut line_breaks, mut special) = (false, false);
    let (mut leading_space, mut leading_break, mut trailing_space, mut trailing_break) = (false, false, false, false);
    let (mut break_space, mut space_break, mut previous_space, mut previous_break) = (false, false, false, false);
    let mut preceded_by_whitespace = true;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        // Past the first character, printable ASCII other than space, `:` and `#` changes
        // nothing but the neighbours' flags (most of a description).
        if i > 0 && (0x21..=0x7E).contains(&b) && b != b':' && b != b'#' {
            previous_space = false;
            previous_break = false;
            preceded_by_whitespace = false;
            i += 1;
            continue;
        }
        let width = if b < 0x80 {
            1
        } else {
            let c = value[i..].chars().next().unwrap_or('\0');
            if matches!(c, '\u{85}' | '\u{2028}' | '\u{2029}') {
                return None;
            }
            special |= !is_printable(c);
            c.len_utf8()
        };
        let first = i == 0;
        let last = i + width == bytes.len();
        match b {
            b' ' => {
                leading_space |= first;
                trailing_space |= last;
                break_space |= previous_break;
                previous_space = true;
                previous_break = false;
            }
            b'\n' => {
                line_breaks = true;
                leading_break |= first;
                trailing_break |= last;
                space_break |= previous_space;
                previous_space = false;
                previous_break = true;
            }
            b'\r' => return None,
            _ => {
                previous_space = false;
                previous_break = false;
                if b < 0x80 {
                    if !(0x20..=0x7E).contains(&b) {
                        special = true;
                    } else if !b.is_ascii_alphanumeric() {
                        let followed_by_whitespace = blankz_at(i + 1);
                        if first {
                            if matches!(
                                b,
                                b'#' | b','
                                    | b'['
                                    | b']'
                                    | b'{'
                                    | b'}'
                                    | b'&'
                                    | b'*'
                                    | b'!'
                                    | b'|'
                                    | b'>'
                                    | b'\''
                                    | b'"'
                                    | b'%'
                                    | b'@'
                                    | b'`'
                            ) || (matches!(b, b'?' | b':' | b'-') && followed_by_whitespace)
                            {
                                block_indicators = true;
                            }
                        } else if (b == b':' && followed_by_whitespace) || (b == b'#' && preceded_by_whitespace) {
                            block_indicators = true;
                        }
                    }
                }
            }
        }
        preceded_by_whitespace = matches!(b, b' ' | b'\t' | b'\n' | b'\0');
        i += width;
    }
    let mut a = Analysis { multiline: line_breaks, block_plain_allowed: true, single_quoted_allowed: true, block_allowed: true };
    if leading_space || leading_break || trailing_space || trailing_break || line_breaks || block_indicators {
        a.block_plain_allowed = false;
    }
    if trailing_space {
        a.block_allowed = false;
    }
    if break_space {
        a.block_plain_allowed = false;
        a.single_quoted_allowed = false;
    }
    if space_break || special {
        a.block_plain_allowed = false;
        a.single_quoted_allowed = false;
        a.block_allowed = false;
    }
    Some(a)
}

/// The style serde_yaml asks for a string: literal when it has a line break, quoted when plain
/// it would read back as null, a bool, a number (or digits with leading zeros), else any.
fn string_style(v: &str) -> Style {
    if v.contains('\n') {
        Style::Literal
    } else if reads_as_other_type(v) {
        Style::Single
    } else {
        Style::Any
    }
}

// serde_yaml 0.9's resolution of a plain scalar (`de::visit_untagged_scalar` and the parsers it
// calls), kept to what decides whether a string is quoted.
fn reads_as_other_type(v: &str) -> bool {
    match v.as_bytes().first() {
        None => return true,
        // A number starts so (Rust's float syntax too; its `inf` and `nan` are not finite).
        Some(b'0'..=b'9' | b'+' | b'-' | b'.') => {}
        _ => return matches!(v, "null" | "Null" | "NULL" | "~" | "true" | "True" | "TRUE" | "false" | "False" | "FALSE"),
    }
    matches!(v, "null" | "Null" | "NULL" | "~" | "true" | "True" | "TRUE" | "false" | "False" | "FALSE")
        || parse_unsigned_int(v)
        || parse_negative_int(v)
        || digits_but_not_number(v)
        || parse_f64(v)
}

fn parse_unsigned_int(scalar: &str) -> bool {
    let unpositive = scalar.strip_prefix('+').unwrap_or(scalar);
    for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] {
        if let Some(rest) = unpositive.strip_prefix(prefix) {
            if rest.starts_with(['+', '-']) {
                return false;
            }
            if u128::from_str_radix(rest, radix).is_ok() {
                return true;
            }
        }
    }
    if unpositive.starts_with(['+', '-']) || digits_but_not_number(scalar) {
        return false;
    }
    unpositive.parse::<u128>().is_ok()
}

fn parse_negative_int(scalar: &str) -> bool {
    for (prefix, radix) in [("-0x", 16), ("-0o", 8), ("-0b", 2)] {
        if let Some(rest) = scalar.strip_prefix(prefix) {
            if i128::from_str_radix(&format!("-{rest}"), radix).is_ok() {
                return true;
            }
        }
    }
    !digits_but_not_number(scalar) && scalar.parse::<i128>().is_ok()
}

fn parse_f64(scalar: &str) -> bool {
    let unpositive = match scalar.strip_prefix('+') {
        Some(u) if u.starts_with(['+', '-']) => return false,
        Some(u) => u,
        None => scalar,
    };
    matches!(unpositive, ".inf" | ".Inf" | ".INF")
        || matches!(scalar, "-.inf" | "-.Inf" | "-.INF" | ".nan" | ".NaN" | ".NAN")
        || unpositive.parse::<f64>().is_ok_and(f64::is_finite)
}

fn digits_but_not_number(scalar: &str) -> bool {
    let scalar = scalar.strip_prefix(['-', '+']).unwrap_or(scalar);
    scalar.len() > 1 && scalar.starts_with('0') && scalar[1..].bytes().all(|b| b.is_ascii_digit())
}

/// A node being written, and where.
struct Node<'a> {
    e: &'a mut Emitter,
    ctx: Ctx,
}

impl<'a> Node<'a> {
    fn plain(self, v: &str) -> Result {
        self.e.scalar(v, Style::Plain, self.ctx)
    }

    fn collection(self, seq: bool) -> Result<Collection<'a>> {
        if self.ctx == Ctx::Key {
            return Err(Unsupported);
        }
        Ok(Collection { e: self.e, ctx: self.ctx, seq, before: None })
    }
}

/// A mapping or sequence being written: block style from its first element, `{}` / `[]` if it
/// has none.
struct Collection<'a> {
    e: &'a mut Emitter,
    ctx: Ctx,
    seq: bool,
    /// The indent before the first element (`None`: no element yet).
    before: Option<i32>,
}

impl Collection<'_> {
    fn start(&mut self) {
        if self.before.is_none() {
            self.before = Some(self.e.open(self.seq, self.ctx));
        }
    }

    fn key(&mut self, key: &str) -> Result {
        self.start();
        self.e.write_indent();
        self.e.scalar(key, string_style(key), Ctx::Key)?;
        self.e.write_indicator(":", false, false, false);
        Ok(())
    }

    fn any_key<K: Serialize + ?Sized>(&mut self, key: &K) -> Result {
        self.start();
        self.e.write_indent();
        key.serialize(Node { e: &mut *self.e, ctx: Ctx::Key })?;
        self.e.write_indicator(":", false, false, false);
        Ok(())
    }

    fn value<V: Serialize + ?Sized>(&mut self, value: &V) -> Result {
        value.serialize(Node { e: &mut *self.e, ctx: Ctx::Value })
    }

    fn item<V: Serialize + ?Sized>(&mut self, value: &V) -> Result {
        self.start();
        self.e.write_indent();
        self.e.write_indicator("-", true, false, true);
        value.serialize(Node { e: &mut *self.e, ctx: Ctx::Item })
    }

    fn finish(self) -> Result {
        match self.before {
            Some(indent) => self.e.indent = indent,
            None => self.e.empty(self.seq),
        }
        Ok(())
    }
}

macro_rules! integers {
    ($($method:ident: $t:ty),*) => {
        $(fn $method(self, v: $t) -> Result {
            let mut s = String::new();
            let _ = write!(s, "{v}");
            self.plain(&s)
        })*
    };
}

impl<'a> ser::Serializer for Node<'a> {
    type Ok = ();
    type Error = Unsupported;
    type SerializeSeq = Collection<'a>;
    type SerializeTuple = Collection<'a>;
    type SerializeTupleStruct = Collection<'a>;
    type SerializeTupleVariant = ser::Impossible<(), Unsupported>;
    type SerializeMap = Collection<'a>;
    type SerializeStruct = Collection<'a>;
    type SerializeStructVariant = ser::Impossible<(), Unsupported>;

    integers!(serialize_i8: i8, serialize_i16: i16, serialize_i32: i32, serialize_i64: i64, serialize_i128: i128,
        serialize_u8: u8, serialize_u16: u16, serialize_u32: u32, serialize_u64: u64, serialize_u128: u128);

    fn serialize_bool(self, v: bool) -> Result {
        self.plain(if v { "true" } else { "false" })
    }

    fn serialize_f32(self, v: f32) -> Result {
        match v.classify() {
            std::num::FpCategory::Infinite | std::num::FpCategory::Nan => self.serialize_f64(f64::from(v)),
            _ => self.plain(ryu::Buffer::new().format_finite(v)),
        }
    }

    fn serialize_f64(self, v: f64) -> Result {
        let mut buffer = ryu::Buffer::new();
        let text = match v.classify() {
            std::num::FpCategory::Infinite if v.is_sign_positive() => ".inf",
            std::num::FpCategory::Infinite => "-.inf",
            std::num::FpCategory::Nan => ".nan",
            _ => buffer.format_finite(v),
        };
        self.plain(text)
    }

    fn serialize_char(self, v: char) -> Result {
        self.e.scalar(v.encode_utf8(&mut [0u8; 4]), Style::Single, self.ctx)
    }

    fn serialize_str(self, v: &str) -> Result {
        self.e.scalar(v, string_style(v), self.ctx)
    }

    fn serialize_bytes(self, _v: &[u8]) -> Result {
        Err(Unsupported)
    }

    fn serialize_none(self) -> Result {
        self.plain("null")
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result {
        self.plain("null")
    }

    fn serialize_unit_struct(self, _name: &'static str) -> Result {
        self.plain("null")
    }

    fn serialize_unit_variant(self, _name: &'static str, _index: u32, variant: &'static str) -> Result {
        self.serialize_str(variant)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _name: &'static str, value: &T) -> Result {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(self, _: &'static str, _: u32, _: &'static str, _: &T) -> Result {
        Err(Unsupported)
    }

    fn serialize_seq(self, _len: Option<usize>) -> Result<Collection<'a>> {
        self.collection(true)
    }

    fn serialize_tuple(self, _len: usize) -> Result<Collection<'a>> {
        self.collection(true)
    }

    fn serialize_tuple_struct(self, _name: &'static str, _len: usize) -> Result<Collection<'a>> {
        self.collection(true)
    }

    fn serialize_tuple_variant(self, _: &'static str, _: u32, _: &'static str, _: usize) -> Result<Self::SerializeTupleVariant> {
        Err(Unsupported)
    }

    fn serialize_map(self, _len: Option<usize>) -> Result<Collection<'a>> {
        self.collection(false)
    }

    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Collection<'a>> {
        self.collection(false)
    }

    fn serialize_struct_variant(self, _: &'static str, _: u32, _: &'static str, _: usize) -> Result<Self::SerializeStructVariant> {
        Err(Unsupported)
    }

    fn collect_str<T: Display + ?Sized>(self, _value: &T) -> Result {
        // serde_yaml reads a tag (`!name`) from a one-key map's key written this way.
        Err(Unsupported)
    }
}

/// A sequence's elements, whichever serde calls it.
macro_rules! sequences {
    ($($trait:ident::$method:ident),*) => {
        $(impl ser::$trait for Collection<'_> {
            type Ok = ();
            type Error = Unsupported;

            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
                self.item(value)
            }

            fn end(self) -> Result {
                self.finish()
            }
        })*
    };
}

sequences!(SerializeSeq::serialize_element, SerializeTuple::serialize_element, SerializeTupleStruct::serialize_field);

impl ser::SerializeMap for Collection<'_> {
    type Ok = ();
    type Error = Unsupported;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result {
        self.any_key(key)
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
        self.value(value)
    }

    fn end(self) -> Result {
        self.finish()
    }
}

impl ser::SerializeStruct for Collection<'_> {
    type Ok = ();
    type Error = Unsupported;

    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result {
        self.key(key)?;
        self.value(value)
    }

    fn end(self) -> Result {
        self.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::Spec;

    /// Both writers on `value`: ours must write serde_yaml's text or leave it to serde_yaml.
    fn same<T: Serialize + fmt::Debug>(value: &T) -> bool {
        let theirs = serde_yaml::to_string(value).expect("serde_yaml writes it");
        match to_string(value) {
            Ok(ours) => {
                assert_eq!(ours, theirs, "for {value:?}");
                true
            }
            Err(Unsupported) => false,
        }
    }

    /// A small deterministic generator (xorshift), so the test needs no dependency.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }

        fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
            &items[(self.next() % items.len() as u64) as usize]
        }
    }

    /// Strings from pieces that exercise every rule: indicators first and inside, spaces and
    /// breaks at either end and next to each other, numbers, bools, nulls, quotes, non-ASCII,
    /// characters libyaml will not write unescaped.
    fn tricky(rng: &mut Rng) -> String {
        const PIECES: &[&str] = &[
            "a", "word", " ", "  ", "\n", "\n\n", ":", ": ", " #", "#", "-", "- ", "---", "...", "?", "? ", ",", "[", "]", "{", "}", "&",
            "*", "!", "|", ">", "'", "\"", "%", "@", "`", "0", "007", "1", "1.5", "1e5", "-3", "+4", "0x1F", "0o7", "0b1", "-0x1", ".inf",
            "-.Inf", ".nan", "true", "False", "null", "~", "NULL", "é", "日本", "\t", "\u{7f}", "\u{a0}", "\u{feff}", "\u{85}", "\u{2028}",
            "\r", "\0", "😀", "x: y", "a - b",
        ];
        let n = rng.next() % 5;
        (0..n).map(|_| *rng.pick(PIECES)).collect()
    }

    #[test]
    fn every_string_is_written_as_serde_yaml_writes_it_or_left_to_it() {
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        let mut written = 0;
        for _ in 0..40_000 {
            let s = tricky(&mut rng);
            // As a value, a list item, a key, and nested one level deeper.
            let mut map = indexmap::IndexMap::new();
            map.insert(s.clone(), vec![s.clone()]);
            let mut outer = indexmap::IndexMap::new();
            outer.insert("k".to_owned(), map.clone());
            written += usize::from(same(&s)) + usize::from(same(&vec![s.clone(), s.clone()])) + usize::from(same(&outer));
            same(&vec![map]);
        }
        // Most strings are ours to write (the rest need double quotes or `|+`).
        assert!(written > 60_000, "only {written} written here");
    }

    #[test]
    fn numbers_bools_empty_collections_and_nulls_are_as_serde_yaml_writes_them() {
        #[derive(Debug, serde::Serialize)]
        struct All {
            n: u64,
            i: i32,
            f: Vec<f64>,
            b: bool,
            none: Option<String>,
            empty_map: indexmap::IndexMap<String, u8>,
            empty_list: Vec<u8>,
            list_of_empty: Vec<Vec<u8>>,
            c: char,
            unit: (),
        }
        let all = All {
            n: u64::MAX,
            i: -7,
            f: vec![1.0, 0.1, -2.5e-8, 1e20, f64::INFINITY, f64::NEG_INFINITY, f64::NAN, 100.0],
            b: true,
            none: None,
            empty_map: indexmap::IndexMap::new(),
            empty_list: Vec::new(),
            list_of_empty: vec![Vec::new()],
            c: '\'',
            unit: (),
        };
        assert!(same(&all));
        assert!(same(&indexmap::IndexMap::<String, u8>::new()));
        assert!(same(&Vec::<u8>::new()));
        assert!(same(&"top"));
    }

    #[test]
    fn every_committed_spec_is_written_as_serde_yaml_writes_it() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
        let (specs, errors) = crate::transcribe::read_specs(&dir);
        assert!(errors.is_empty(), "{errors:?}");
        assert!(specs.len() > 300, "spec/ has {} specs", specs.len());
        for spec in specs.values() {
            assert!(same::<Spec>(spec));
        }
    }
}

//! Request examples as builder code: for each request example, the builder calls that produce its
//! JSON, as a test of the generated crate that serializes the built value and compares it with
//! the example's expected JSON (the same value the round-trip test uses).
//!
//! How a JSON value of a spec type becomes code:
//!
//! | type | JSON | code |
//! |---|---|---|
//! | struct | object | `Type::builder().field(value)….build()?`, setters in the example's key order |
//! | `one_of` | object | the alternative the runtime picks, `Alternative::builder()….build()?`, passed where the `one_of` is expected (`From`); `OneOf::from(…)` at the root and in lists and maps |
//! | enum | string | `Type::Variant` for a documented value (case-insensitive ones: the documented spelling), else `Type::from("value")` |
//! | `string` | string | `"text"` (`"text".to_owned()` in lists and maps); sensitive fields too |
//! | `integer` / `long` | integer | `8` |
//! | `number` | number | `8.0`, always with a decimal point |
//! | `boolean` | boolean | `true` |
//! | `any` | anything | `serde_json::json!(…)`; a large value (beyond what `json!` expands within the default recursion limit) parsed from its text |
//! | `array<T>` | array | `vec![…]` of literals; `Vec::from([…])` of builds (or `json!`, maps, negative numbers, which a macro's arguments would print unformatted) |
//! | `map<T>` | object | `BTreeMap::from([("key".to_owned(), …), …])` |
//!
//! `accepts` conversions are applied first (`8635` for a string field is `"8635"`), as the
//! deserializer does. `null` for an optional field leaves it unset. A key the type does not know is
//! left out (the expected JSON has none either); a value the builders cannot produce (`null` where
//! the type has no null, an object where it says string, a number out of range) leaves its field
//! unset and is removed from the expected JSON. Both are named in the test's docs.
//!
//! When a `build()` would fail because the example breaks a documented rule (lengths, pattern,
//! range, multiple, list sizes, undocumented enum values, missing required fields: the rules of the
//! runtime's `Problems`, applied here the same way), the test asserts that the first `build()` to
//! run fails, naming exactly the paths the runtime reports; the round-trip test checks the JSON.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote, ToTokens};
use serde_json::{Map, Value};

use std::collections::BTreeSet;
use std::sync::{Mutex, OnceLock};

use otc_db_sdk_runtime::error::{Problem, Rule};
use otc_db_sdk_runtime::validate::Problems;

use super::examples;
use crate::idents::ident;
use crate::model::{ExampleModel, FieldModel, Kind, OperationModel, Ty, VariantModel};

/// The builder test of a request example.
pub enum BuilderTest {
    /// The test function, formatted.
    Test(String),
    /// Why the example's root cannot be built (it is not a JSON value of its type, or it fits no
    /// `one_of` alternative).
    NotBuildable(String),
}

/// The builder test of request example `n` of `op`; `Err` only for a bug (code that does not parse).
pub fn builder_test(op: &OperationModel, ex: &ExampleModel, n: usize) -> Result<BuilderTest, String> {
    let plan = match plan(op, ex) {
        Ok(plan) => plan,
        Err(why) => return Ok(BuilderTest::NotBuildable(why)),
    };
    let test = format!("{}_{}_{}_request_{n}_builders", op.service, op.version_module, op.id);
    let round_trip = format!("{}_{}_{}_request_{n}", op.service, op.version_module, op.id);
    let module: syn::Path = syn::parse_str(&format!("otc_db_sdk::{}", op.module_path())).map_err(|e| e.to_string())?;
    let title = ex.title.as_deref().unwrap_or("untitled").replace('\n', " ");

    let mut docs = vec![format!("{} — request example {n}, built with the builders: {title}", op.spec_file)];
    let unknown: Vec<String> = plan.skipped.iter().filter(|s| s.why.is_none()).map(|s| format!("`{}`", s.display)).collect();
    if !unknown.is_empty() {
        docs.push(String::new());
        docs.push(format!("Left out, the type has no such field: {}.", unknown.join(", ")));
    }
    let unproducible: Vec<&Skipped> = plan.skipped.iter().filter(|s| s.why.is_some()).collect();
    if !unproducible.is_empty() {
        docs.push(String::new());
        docs.push("Left out and removed from the expected JSON, the builders cannot produce the value:".to_owned());
        for s in unproducible {
            docs.push(format!("- `{}`: {}", s.display, s.why.as_deref().unwrap_or_default()));
        }
    }

    let mut render = Render::default();
    let body = match plan.root.first_failure() {
        None => {
            let value = render.root(&plan.root);
            let expected = raw_literal(&examples::pretty(&plan.expected));
            quote! {
                let value = #value;
                let json = serde_json::to_value(value)?;
                let expected: Value = serde_json::from_str(#expected)?;
                assert_eq!(json, expected);
            }
        }
        Some(failing) => {
            let at = if failing.at.is_empty() { String::new() } else { format!(" (at `{}`)", failing.at) };
            docs.push(String::new());
            docs.push(format!("The example breaks documented rules, so `{}::build`{at} fails first, with:", failing.ty));
            for v in &failing.violations {
                docs.push(format!("- `{}` {}", v.path, v.rule));
            }
            docs.push(String::new());
            docs.push(format!("The page's JSON itself is checked by `{round_trip}`."));
            let type_name = Literal::string(&failing.ty);
            let paths = failing.violations.iter().map(|v| Literal::string(&v.path));
            let own = plan.root.own_build().ok_or("an enum value has no build to fail")?;
            let err = if std::ptr::eq(own, failing) {
                // The root's own build fails: call it directly.
                let value = render.build(own, false);
                quote!(let err = #value.expect_err("the example breaks documented rules");)
            } else {
                // A nested build fails: the root's builder code, in a function, stops at it.
                let own_ty = format_ident!("{}", own.ty);
                let value = render.build(own, false);
                quote! {
                    fn build() -> Result<#own_ty, otc_db_sdk::BuildError> {
                        #value
                    }
                    let err = build().expect_err("the example breaks documented rules");
                }
            };
            quote! {
                #err
                assert_eq!(err.type_name, #type_name);
                let paths: Vec<&str> = err.problems.iter().map(|p| p.path.as_str()).collect();
                assert_eq!(paths, [#(#paths),*]);
            }
        }
    };
    let map_use = if render.maps {
        quote!(
            use std::collections::BTreeMap;
        )
    } else {
        quote!()
    };
    let allow = if render.approx_constant { quote!(#[allow(clippy::approx_constant)]) } else { quote!() };
    let docs = docs.iter().map(|d| {
        let d = Literal::string(&if d.is_empty() { String::new() } else { format!(" {d}") });
        quote!(#[doc = #d])
    });
    let feature = Literal::string(&op.service);
    // Formatted under a short name, so that the signature stays on one line.
    let name = format_ident!("{PLACEHOLDER}");
    let tokens = quote! {
        #(#docs)*
        #[cfg(feature = #feature)]
        #[test]
        #allow
        fn #name() -> Result<(), Box<dyn std::error::Error>> {
            use #module::*;
            #map_use

            #body
            Ok(())
        }
    };
    let file: syn::File = syn::parse2(tokens).map_err(|e| format!("the builder test of {} does not parse: {e}", op.spec_file))?;
    let text = prettyplease::unparse(&file).replacen(&format!("fn {PLACEHOLDER}("), &format!("fn {test}("), 1);
    Ok(BuilderTest::Test(spaced(&text)))
}

const PLACEHOLDER: &str = "builders";

/// Blank lines inside the test function where a person would put them: after the `use` lines and
/// after the nested function.
fn spaced(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut prev = "";
    for line in text.lines() {
        let after_uses = prev.starts_with("    use ") && !line.starts_with("    use ");
        let after_fn = prev == "    }";
        if (after_uses || after_fn) && !line.trim().is_empty() && line != "}" {
            out.push('\n');
        }
        out.push_str(line);
        out.push('\n');
        prev = line;
    }
    out
}

/// What a request example becomes: the builder code's tree, the keys left out, the expected JSON.
struct Plan {
    root: Code,
    skipped: Vec<Skipped>,
    expected: Value,
}

/// A part of the example that the builder code leaves out.
#[derive(Debug)]
struct Skipped {
    /// The JSON path (`widget.nodes[0].x`).
    display: String,
    /// Where the value is in the expected JSON (for removal).
    steps: Vec<Step>,
    /// Why the builders cannot produce it; `None`: the type has no such field.
    why: Option<String>,
}

#[derive(Clone, Debug)]
enum Step {
    Key(String),
    Index(usize),
}

/// A value as builder code.
#[derive(Debug)]
enum Code {
    Build(Build),
    /// A `one_of` type and the alternative's build.
    OneOf(String, Build),
    /// An enum type, the documented variant (or `None`), the wire value.
    Enum(String, Option<String>, String),
    Str(String),
    Int(i64),
    Long(i64),
    Float(f64),
    Bool(bool),
    Any(Value),
    List(Vec<Code>),
    Map(Vec<(String, Code)>),
}

/// A struct built with its builder.
#[derive(Debug)]
struct Build {
    ty: String,
    /// Where the value is, from the example's root (empty at the root), as the runtime writes paths.
    at: String,
    /// Setter (Rust field name) and value, in the example's key order.
    setters: Vec<(String, Code)>,
    /// What this `build()` reports, in the runtime's order.
    /// Relative to the value built, as in `BuildError::problems`.
    violations: Vec<Problem>,
}

impl Code {
    /// The first `build()` that fails when the code runs: arguments are evaluated before the
    /// call that takes them, so nested builds come first, in setter order.
    fn first_failure(&self) -> Option<&Build> {
        match self {
            Code::Build(b) | Code::OneOf(_, b) => {
                for (_, code) in &b.setters {
                    if let Some(f) = code.first_failure() {
                        return Some(f);
                    }
                }
                (!b.violations.is_empty()).then_some(b)
            }
            Code::List(items) => items.iter().find_map(Code::first_failure),
            Code::Map(entries) => entries.iter().find_map(|(_, c)| c.first_failure()),
            _ => None,
        }
    }

    /// Whether the code is a literal (or a list of them) that reads well inside `vec![…]`.
    fn flat(&self) -> bool {
        match self {
            // Inside a macro, `-1` prints as `- 1`.
            Code::Int(i) | Code::Long(i) => *i >= 0,
            Code::Float(f) => f.is_sign_positive(),
            Code::Str(_) | Code::Bool(_) | Code::Enum(..) => true,
            Code::List(items) => items.iter().all(Code::flat),
            Code::Build(_) | Code::OneOf(..) | Code::Any(_) | Code::Map(_) => false,
        }
    }

    /// The build of this value itself: the struct's, or the `one_of` alternative's.
    fn own_build(&self) -> Option<&Build> {
        match self {
            Code::Build(b) | Code::OneOf(_, b) => Some(b),
            _ => None,
        }
    }
}

fn plan(op: &OperationModel, ex: &ExampleModel) -> Result<Plan, String> {
    let mut walk = Walk { op, skipped: Vec::new() };
    let Some(t) = op.get(&ex.ty) else { return Err(format!("the type `{}` is not defined", ex.ty)) };
    let root = match (&t.kind, &ex.value) {
        (Kind::Struct(_), Value::Object(_)) | (Kind::OneOf(_), Value::Object(_)) | (Kind::Enum { .. }, Value::String(_)) => {
            let kind = match t.kind {
                Kind::Struct(_) => crate::model::NamedKind::Struct,
                Kind::OneOf(_) => crate::model::NamedKind::OneOf,
                Kind::Enum { .. } => crate::model::NamedKind::Enum,
            };
            walk.value(&Ty::Named(ex.ty.clone(), kind), &ex.value, "", &mut Vec::new())?
        }
        _ => return Err(format!("the example is not a JSON value of `{}`", ex.ty)),
    };
    let mut expected = examples::expected(op, &ex.ty, &ex.value);
    for s in walk.skipped.iter().rev().filter(|s| s.why.is_some()) {
        remove(&mut expected, &s.steps);
    }
    Ok(Plan { root, skipped: walk.skipped, expected })
}

/// Removes the value at `steps` (an object key; list items are never removed alone).
fn remove(value: &mut Value, steps: &[Step]) {
    let Some((last, parents)) = steps.split_last() else { return };
    let mut v = value;
    for step in parents {
        let next = match (step, v) {
            (Step::Key(k), Value::Object(m)) => m.get_mut(k),
            (Step::Index(i), Value::Array(a)) => a.get_mut(*i),
            _ => None,
        };
        let Some(next) = next else { return };
        v = next;
    }
    if let (Step::Key(k), Value::Object(m)) = (last, v) {
        m.shift_remove(k);
    }
}

/// The walk over an example: builds the [`Code`] tree and records what it leaves out.
struct Walk<'a> {
    op: &'a OperationModel,
    skipped: Vec<Skipped>,
}

impl Walk<'_> {
    /// The code of a value of `ty`; `Err` (why) when the builders cannot produce it. `at` is the
    /// runtime's path of the value, `steps` its place in the expected JSON.
    fn value(&mut self, ty: &Ty, v: &Value, at: &str, steps: &mut Vec<Step>) -> Result<Code, String> {
        let found = || format!("`{}` expected, found {}", ty.spec_name(), json_kind(v));
        Ok(match (ty, v) {
            (Ty::Any, _) => Code::Any(v.clone()),
            (Ty::String, Value::String(s)) => Code::Str(s.clone()),
            (Ty::Integer, Value::Number(n)) => match n.as_i64().filter(|i| i32::try_from(*i).is_ok()) {
                Some(i) => Code::Int(i),
                None => return Err(format!("`integer` (32 bits) expected, found {n}")),
            },
            (Ty::Long, Value::Number(n)) => match n.as_i64() {
                Some(i) => Code::Long(i),
                None => return Err(format!("`long` (64 bits) expected, found {n}")),
            },
            (Ty::Number, Value::Number(n)) => Code::Float(n.as_f64().unwrap_or_default()),
            (Ty::Boolean, Value::Bool(b)) => Code::Bool(*b),
            (Ty::Named(name, _), _) => {
                let Some(t) = self.op.get(name) else { return Err(found()) };
                match (&t.kind, v) {
                    (Kind::Struct(fields), Value::Object(obj)) => Code::Build(self.build(name, fields, t.in_request, obj, at, steps)),
                    (Kind::OneOf(alts), Value::Object(obj)) => {
                        let Some(alt) = examples::pick(self.op, alts, obj) else {
                            return Err(format!("fits no alternative of `{name}` (a required field is missing)"));
                        };
                        let Some(alt_t) = self.op.get(alt) else { return Err(found()) };
                        let Kind::Struct(fields) = &alt_t.kind else { return Err(found()) };
                        Code::OneOf(name.clone(), self.build(alt, fields, alt_t.in_request, obj, at, steps))
                    }
                    (Kind::Enum { values, case_insensitive }, Value::String(s)) => enum_code(name, values, *case_insensitive, s),
                    _ => return Err(found()),
                }
            }
            (Ty::Array(inner), Value::Array(items)) => {
                let mut out = Vec::with_capacity(items.len());
                for (i, item) in items.iter().enumerate() {
                    steps.push(Step::Index(i));
                    let code = self.value(inner, item, &format!("{at}[{i}]"), steps);
                    steps.pop();
                    out.push(code.map_err(|why| format!("item {i}: {why}"))?);
                }
                Code::List(out)
            }
            (Ty::Map(inner), Value::Object(m)) => {
                let mut out = Vec::with_capacity(m.len());
                for (k, item) in m {
                    steps.push(Step::Key(k.clone()));
                    let code = self.value(inner, item, &join(at, k), steps);
                    steps.pop();
                    out.push((k.clone(), code.map_err(|why| format!("entry `{k}`: {why}"))?));
                }
                Code::Map(out)
            }
            _ => return Err(found()),
        })
    }

    /// A struct from an object: setters for the keys it knows, then what its `build()` reports.
    fn build(
        &mut self,
        name: &str,
        fields: &[FieldModel],
        validated: bool,
        obj: &Map<String, Value>,
        at: &str,
        steps: &mut Vec<Step>,
    ) -> Build {
        let mut setters = Vec::new();
        let mut set: Vec<(&FieldModel, usize)> = Vec::new();
        for (key, v) in obj {
            steps.push(Step::Key(key.clone()));
            let display = display(steps);
            match fields.iter().find(|f| &f.wire == key) {
                None => self.skipped.push(Skipped { display, steps: steps.clone(), why: None }),
                // `null` for an optional field: the field is not set (as the deserializer does).
                Some(f) if v.is_null() && !f.required => {}
                Some(f) => {
                    let v = if f.accepts.is_empty() { v.clone() } else { examples::convert(&f.ty, &f.accepts, v) };
                    let mark = self.skipped.len();
                    match self.value(&f.ty, &v, &join(at, key), steps) {
                        Ok(code) => {
                            set.push((f, setters.len()));
                            setters.push((f.rust.clone(), code));
                        }
                        Err(why) => {
                            // Whatever was recorded inside goes with the value.
                            self.skipped.truncate(mark);
                            self.skipped.push(Skipped { display, steps: steps.clone(), why: Some(why) });
                        }
                    }
                }
            }
            steps.pop();
        }
        let mut problems = Problems::default();
        for f in fields {
            let value = set.iter().find(|(g, _)| std::ptr::eq(*g, f)).map(|(_, i)| &setters[*i].1);
            check_field(self.op, f, validated, value, &mut problems);
        }
        let violations = problems.into_error("").problems;
        Build { ty: name.to_owned(), at: at.to_owned(), setters, violations }
    }
}

fn enum_code(name: &str, values: &[VariantModel], case_insensitive: bool, s: &str) -> Code {
    let variant =
        values.iter().find(|v| if case_insensitive { v.value.eq_ignore_ascii_case(s) } else { v.value == s }).map(|v| v.rust.clone());
    Code::Enum(name.to_owned(), variant, s.to_owned())
}

/// The generated `record_problems` of one field (`structs::record_lines`), on the value the code sets: the
/// same calls of the runtime's [`Problems`], in the same order, so a rule exists once.
fn check_field(op: &OperationModel, f: &FieldModel, validated: bool, value: Option<&Code>, problems: &mut Problems) {
    if f.required {
        problems.required("", &f.wire, value);
    }
    let Some(value) = value else { return };
    if !validated || (f.constraints.is_empty() && !f.ty.has_named()) {
        return;
    }
    let (c, name) = (&f.constraints, f.wire.as_str());
    if let Code::Str(s) = value {
        if c.min_length.is_some() || c.max_length.is_some() {
            problems.length("", name, s, c.min_length, c.max_length);
        }
        if let Some(p) = &c.pattern {
            problems.pattern("", name, s, interned(p));
        }
    }
    match *value {
        Code::Int(v) | Code::Long(v) => {
            // As the generated `record_problems` compares: in the field's integer type, the bounds truncated.
            problems.range("", name, v, c.minimum.map(|m| m as i64), c.maximum.map(|m| m as i64));
            if let Some(m) = c.multiple_of {
                problems.multiple_of("", name, v, m as i64);
            }
        }
        Code::Float(v) => {
            problems.range("", name, v, c.minimum, c.maximum);
            if let Some(m) = c.multiple_of {
                problems.multiple_of_f64("", name, v, m);
            }
        }
        _ => {}
    }
    if let Code::List(items) = value {
        if c.min_items.is_some() || c.max_items.is_some() {
            problems.items("", name, items.len(), c.min_items, c.max_items);
        }
    }
    if f.ty.has_named() {
        unknown_values(op, value, name, problems);
    }
}

/// Undocumented enum values inside a field's value, up to the nested builds (which check their
/// own values: a value they hold has passed), as the runtime's `KnownValue` check reports them.
fn unknown_values(op: &OperationModel, code: &Code, at: &str, problems: &mut Problems) {
    match code {
        Code::Enum(name, None, value) => {
            let known: Vec<&str> = match op.get(name).map(|t| &t.kind) {
                Some(Kind::Enum { values, .. }) => values.iter().map(|v| v.value.as_str()).collect(),
                _ => Vec::new(),
            };
            let rule = Rule::UnknownValue { value: value.clone(), known: interned_list(&known) };
            problems.push("", at, rule);
        }
        Code::List(items) => {
            for (i, item) in items.iter().enumerate() {
                unknown_values(op, item, &format!("{at}[{i}]"), problems);
            }
        }
        Code::Map(entries) => {
            for (k, item) in entries {
                unknown_values(op, item, &join(at, k), problems);
            }
        }
        _ => {}
    }
}

/// The runtime's rules name a pattern and an enum's documented values as `&'static str` (generated
/// code passes literals). The generator keeps each distinct one it checks for the rest of the
/// process: a few hundred short strings at most, whatever the number of runs.
fn interned(s: &str) -> &'static str {
    static SEEN: OnceLock<Mutex<BTreeSet<&'static str>>> = OnceLock::new();
    let mut seen = SEEN.get_or_init(Default::default).lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some(s) = seen.get(s) {
        return s;
    }
    let s: &'static str = Box::leak(s.to_owned().into_boxed_str());
    seen.insert(s);
    s
}

/// [`interned`] for a list of documented values.
fn interned_list(values: &[&str]) -> &'static [&'static str] {
    static SEEN: OnceLock<Mutex<BTreeSet<&'static [&'static str]>>> = OnceLock::new();
    let mut seen = SEEN.get_or_init(Default::default).lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some(list) = seen.iter().find(|list| **list == values) {
        return list;
    }
    let list: &'static [&'static str] = Box::leak(values.iter().map(|v| interned(v)).collect::<Vec<_>>().into_boxed_slice());
    seen.insert(list);
    list
}

/// `at.name`, or `name` at the root (the runtime's `validate::join`).
fn join(at: &str, name: &str) -> String {
    if at.is_empty() {
        name.to_owned()
    } else {
        format!("{at}.{name}")
    }
}

fn display(steps: &[Step]) -> String {
    let mut out = String::new();
    for s in steps {
        match s {
            Step::Key(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
            Step::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    out
}

fn json_kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(n) if n.is_f64() => "a fractional number",
        Value::Number(_) => "an integer",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// `r#"…"#` (a plain string literal if that did not lex, which a raw string always does).
fn raw_literal(s: &str) -> TokenStream {
    examples::raw(s).parse::<TokenStream>().unwrap_or_else(|_| Literal::string(s).into_token_stream())
}

/// Where a value is written: its syntax depends on what infers its type.
#[derive(Clone, Copy, PartialEq)]
enum At {
    /// The argument of a setter (`impl Into<String>` for strings, else the field's type).
    Setter,
    /// An item of `vec![…]` or a map entry.
    Item,
}

/// Code → tokens; remembers what the test needs (`BTreeMap`, an `approx_constant` allowance).
#[derive(Default)]
struct Render {
    maps: bool,
    approx_constant: bool,
}

impl Render {
    /// The example's value: every build with `?`, a `one_of` wrapped in its type.
    fn root(&mut self, code: &Code) -> TokenStream {
        match code {
            Code::OneOf(name, b) => {
                let ty = format_ident!("{}", name);
                let alt = self.build(b, true);
                quote!(#ty::from(#alt))
            }
            code => self.code(code, At::Item),
        }
    }

    fn build(&mut self, b: &Build, question: bool) -> TokenStream {
        let ty = format_ident!("{}", b.ty);
        let setters: Vec<TokenStream> = b
            .setters
            .iter()
            .map(|(field, code)| {
                let id = ident(field);
                let v = self.code(code, At::Setter);
                quote!(.#id(#v))
            })
            .collect();
        let q = if question { quote!(?) } else { quote!() };
        quote!(#ty::builder() #(#setters)* .build() #q)
    }

    fn code(&mut self, code: &Code, at: At) -> TokenStream {
        match code {
            Code::Build(b) => self.build(b, true),
            Code::OneOf(name, b) => {
                let alt = self.build(b, true);
                if at == At::Setter {
                    alt
                } else {
                    let ty = format_ident!("{}", name);
                    quote!(#ty::from(#alt))
                }
            }
            Code::Enum(name, variant, value) => {
                let ty = format_ident!("{}", name);
                match variant {
                    Some(v) => {
                        let v = format_ident!("{}", v);
                        quote!(#ty::#v)
                    }
                    None => {
                        let lit = Literal::string(value);
                        quote!(#ty::from(#lit))
                    }
                }
            }
            Code::Str(s) => {
                let lit = Literal::string(s);
                if at == At::Setter {
                    quote!(#lit)
                } else {
                    quote!(#lit.to_owned())
                }
            }
            Code::Int(i) => int(*i, false),
            Code::Long(i) => int(*i, false),
            Code::Float(f) => self.float(*f),
            Code::Bool(b) => quote!(#b),
            Code::Any(v) if json_macro_fits(v) => {
                let v = self.json(v);
                quote!(serde_json::json!(#v))
            }
            // Beyond what `json!` expands within the default recursion limit: parse the text.
            Code::Any(v) => {
                let text = raw_literal(&serde_json::to_string(v).unwrap_or_default());
                quote!(serde_json::from_str::<serde_json::Value>(#text).expect("the value is JSON"))
            }
            Code::List(items) => {
                let flat = items.iter().all(Code::flat);
                let items: Vec<TokenStream> = items.iter().map(|i| self.code(i, At::Item)).collect();
                // Macro arguments are printed as tokens, not formatted: builder chains go in
                // `Vec::from([…])`, which is.
                if flat {
                    quote!(vec![#(#items),*])
                } else {
                    quote!(Vec::from([#(#items),*]))
                }
            }
            Code::Map(entries) => {
                self.maps = true;
                if entries.is_empty() {
                    return quote!(BTreeMap::new());
                }
                let entries: Vec<TokenStream> = entries
                    .iter()
                    .map(|(k, c)| {
                        let k = Literal::string(k);
                        let v = self.code(c, At::Item);
                        quote!((#k.to_owned(), #v))
                    })
                    .collect();
                quote!(BTreeMap::from([#(#entries),*]))
            }
        }
    }

    fn float(&mut self, f: f64) -> TokenStream {
        let lit = Literal::f64_unsuffixed(f.abs());
        if approximates_constant(&lit.to_string()) {
            self.approx_constant = true;
        }
        if f.is_sign_negative() {
            quote!(-#lit)
        } else {
            quote!(#lit)
        }
    }

    /// The tokens of `serde_json::json!` for a value (integers beyond `i32` suffixed, as the
    /// macro's `to_value(&1234567890123)` would not infer them).
    fn json(&mut self, v: &Value) -> TokenStream {
        match v {
            Value::Null => quote!(null),
            Value::Bool(b) => quote!(#b),
            Value::Number(n) => match (n.as_i64(), n.as_u64()) {
                (Some(i), _) => int(i, i32::try_from(i).is_err()),
                (None, Some(u)) => format!("{u}_u64").parse().unwrap_or_default(),
                _ => self.float(n.as_f64().unwrap_or_default()),
            },
            Value::String(s) => {
                let lit = Literal::string(s);
                quote!(#lit)
            }
            Value::Array(items) => {
                let items: Vec<TokenStream> = items.iter().map(|i| self.json(i)).collect();
                quote!([#(#items),*])
            }
            Value::Object(m) => {
                let entries: Vec<TokenStream> = m
                    .iter()
                    .map(|(k, v)| {
                        let k = Literal::string(k);
                        let v = self.json(v);
                        quote!(#k: #v)
                    })
                    .collect();
                quote!({ #(#entries),* })
            }
        }
    }
}

/// Whether `json!` expands the value within the default recursion limit (it munches tokens one
/// macro call at a time): small values only, which is what the pages' `any` fields hold.
fn json_macro_fits(v: &Value) -> bool {
    fn walk(v: &Value, depth: usize, nodes: &mut usize) -> bool {
        *nodes += 1;
        if depth > 8 || *nodes > 32 {
            return false;
        }
        match v {
            Value::Array(items) => items.iter().all(|i| walk(i, depth + 1, nodes)),
            Value::Object(m) => m.values().all(|i| walk(i, depth + 1, nodes)),
            _ => true,
        }
    }
    walk(v, 0, &mut 0)
}

/// An integer literal, `_i64`-suffixed when asked; negative ones as a negation.
fn int(i: i64, suffixed: bool) -> TokenStream {
    let digits = i.unsigned_abs().to_string();
    let text = if suffixed { format!("{digits}_i64") } else { digits };
    let lit: TokenStream = text.parse().unwrap_or_default();
    if i < 0 {
        quote!(-#lit)
    } else {
        lit
    }
}

/// Whether clippy's `approx_constant` (deny by default) fires on this float literal: it is a
/// truncated or rounded mathematical constant, with enough digits.
fn approximates_constant(literal: &str) -> bool {
    use std::f64::consts as c;
    const KNOWN: [(f64, usize); 19] = [
        (c::E, 4),
        (c::FRAC_1_PI, 4),
        (c::FRAC_1_SQRT_2, 5),
        (c::FRAC_2_PI, 5),
        (c::FRAC_2_SQRT_PI, 5),
        (c::FRAC_PI_2, 5),
        (c::FRAC_PI_3, 5),
        (c::FRAC_PI_4, 5),
        (c::FRAC_PI_6, 5),
        (c::FRAC_PI_8, 5),
        (c::LN_10, 5),
        (c::LN_2, 5),
        (c::LOG10_E, 5),
        (c::LOG2_E, 5),
        (c::LOG2_10, 5),
        (c::LOG10_2, 5),
        (c::PI, 3),
        (c::SQRT_2, 5),
        (c::TAU, 3),
    ];
    KNOWN.iter().any(|&(constant, min_digits)| {
        literal.len() > min_digits && (constant.to_string().starts_with(literal) || format!("{constant:.*}", literal.len() - 2) == literal)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::locate::Locator;
    use crate::spec::{yaml, SpecFile};

    /// The operation of a spec whose `types` are `types` and whose examples are `examples`
    /// (request examples of `Req` unless they say otherwise).
    fn op(types: &str, examples: &str) -> OperationModel {
        let text = format!(
            "operation:\n  id: make_thing\n  title: Making a thing\n  method: POST\n  path: /v1/things\n  request: Req\n\
             types:\n{types}\nexamples:\n{examples}"
        );
        let file = SpecFile {
            display: "spec/demo/v1/make_thing.yaml".into(),
            relative: "demo/v1/make_thing.yaml".into(),
            service: "demo".into(),
            version: "v1".into(),
            stem: "make_thing".into(),
            spec: yaml::parse_spec(&text).unwrap_or_else(|e| panic!("{}", e.message)),
            locator: Locator::new(&text),
        };
        crate::resolve::resolve_file(&file).unwrap_or_else(|e| panic!("{e:?}"))
    }

    fn example(json: &str) -> String {
        format!("  - kind: request\n    json: '{json}'\n")
    }

    const TYPES: &str = r#"
  Req:
    fields:
      - json: name
        type: string
        required: true
        constraints: {min_length: 4, max_length: 6, pattern: '^[a-z]+$'}
      - json: size
        type: integer
        constraints: {minimum: 10, maximum: 100, multiple_of: 5}
      - json: ratio
        type: number
        constraints: {minimum: 0.5, maximum: 2.5, multiple_of: 0.5}
      - json: big
        type: long
        constraints: {maximum: 10}
      - json: tags
        type: array<string>
        constraints: {min_items: 1, max_items: 2}
      - json: kinds
        type: array<Kind>
      - json: kmap
        type: map<Kind>
      - json: kind
        type: Kind
      - json: mode
        type: Mode
      - json: items
        type: array<Item>
      - json: body
        type: Body
      - json: bodies
        type: array<Body>
      - json: extra
        type: any
      - json: labels
        type: map<string>
      - json: matrix
        type: array<array<integer>>
      - json: port
        type: string
        accepts: [integer]
      - json: secret
        type: string
        sensitive: true
        constraints: {min_length: 8}
      - json: one
        type: array<Item>
        accepts: [object]
      - json: type
        type: string
  Item:
    fields:
      - json: id
        type: string
        required: true
        constraints: {max_length: 3}
      - json: kind
        type: Kind
  Body:
    one_of: [A, B]
  A:
    fields:
      - json: a
        type: string
        required: true
  B:
    fields:
      - json: b
        type: integer
        required: true
      - json: c
        type: Kind
  Kind:
    enum:
      - value: X
      - value: "Y"
  Mode:
    case_insensitive: true
    enum:
      - value: Ha
"#;

    fn plan_of(json: &str) -> (OperationModel, Plan) {
        let op = op(TYPES, &example(json));
        let plan = plan(&op, &op.examples[0]).unwrap_or_else(|e| panic!("{e}"));
        (op, plan)
    }

    fn test_of(json: &str) -> String {
        let op = op(TYPES, &example(json));
        match builder_test(&op, &op.examples[0], 1) {
            Ok(BuilderTest::Test(code)) => code,
            Ok(BuilderTest::NotBuildable(why)) => panic!("not buildable: {why}"),
            Err(e) => panic!("{e}"),
        }
    }

    fn paths(b: &Build) -> Vec<&str> {
        b.violations.iter().map(|v| v.path.as_str()).collect()
    }

    #[test]
    fn a_valid_example_is_built_and_compared() {
        let code = test_of(
            r#"{"name": "abcd", "size": 20, "ratio": 1.5, "big": -3000000000, "tags": ["t"], "kinds": ["X"],
                "kmap": {"k": "Y"}, "mode": "ha", "items": [{"id": "i1"}], "body": {"b": 1}, "bodies": [{"a": "x"}],
                "extra": {"n": [1, "s"]}, "labels": {"a": "b"}, "matrix": [[1, 2], [3]], "port": 8080,
                "secret": "Secret@123", "one": {"id": "o1"}, "type": "t"}"#,
        );
        for line in [
            "fn demo_v1_make_thing_request_1_builders() -> Result<(), Box<dyn std::error::Error>> {",
            "    use otc_db_sdk::demo::v1::make_thing::*;",
            "    use std::collections::BTreeMap;",
            "    let value = Req::builder()",
            "        .name(\"abcd\")",
            "        .size(20)",
            "        .ratio(1.5)",
            "        .big(-3000000000)",
            "        .tags(vec![\"t\".to_owned()])",
            "        .kinds(vec![Kind::X])",
            "        .kmap(BTreeMap::from([(\"k\".to_owned(), Kind::Y)]))",
            "        .mode(Mode::Ha)",
            "        .items(Vec::from([Item::builder().id(\"i1\").build()?]))",
            "        .body(B::builder().b(1).build()?)",
            "        .bodies(Vec::from([Body::from(A::builder().a(\"x\").build()?)]))",
            "        .labels(BTreeMap::from([(\"a\".to_owned(), \"b\".to_owned())]))",
            "        .matrix(vec![vec![1, 2], vec![3]])",
            "        .port(\"8080\")",
            "        .secret(\"Secret@123\")",
            "        .one(Vec::from([Item::builder().id(\"o1\").build()?]))",
            "        .r#type(\"t\")",
            "    let json = serde_json::to_value(value)?;",
            "    assert_eq!(json, expected);",
        ] {
            assert!(code.lines().any(|l| l == line), "no line {line:?} in\n{code}");
        }
        assert!(code.contains("serde_json::json!"), "{code}");
        // The expected JSON has the declared conversions.
        assert!(code.contains(r#""port": "8080""#) && code.contains(r#""mode": "Ha""#), "{code}");
        assert!(!code.contains("approx_constant"), "{code}");
    }

    #[test]
    fn every_rule_of_the_root_build() {
        let (_, plan) = plan_of(
            r#"{"name": "ABCDEFG", "size": 7, "ratio": 2.75, "big": 3000000000, "tags": ["a", "b", "c"],
                "kinds": ["Z", "X"], "kmap": {"a": "Z"}, "kind": "Z", "secret": "***", "items": [{"id": "ok"}]}"#,
        );
        let failing = plan.root.first_failure().expect("a failure");
        assert_eq!(failing.ty, "Req");
        assert_eq!(
            paths(failing),
            ["name", "name", "size", "size", "ratio", "ratio", "big", "tags", "kinds[0]", "kmap.a", "kind", "secret"]
        );
        assert_eq!(failing.violations[0].rule.to_string(), "must be at most 6 characters long (is 7)");
        assert_eq!(failing.violations[1].rule.to_string(), "must match the pattern `^[a-z]+$`");
        assert_eq!(failing.violations[8].rule.to_string(), "has the undocumented value \"Z\" (documented: X, Y)");
    }

    #[test]
    fn missing_required_fields_and_too_few_items() {
        let (_, plan) = plan_of(r#"{"size": 10, "tags": []}"#);
        let failing = plan.root.first_failure().expect("a failure");
        assert_eq!(paths(failing), ["name", "tags"]);
        assert_eq!(failing.violations[0].rule, Rule::Missing);
    }

    #[test]
    fn the_first_build_to_run_is_the_one_that_fails() {
        // items[1] is built before the root, and before `bodies` (setter order).
        let code = test_of(r#"{"name": "a", "items": [{"id": "ok"}, {"id": "toolong", "kind": "Q"}], "bodies": [{"b": 1, "c": "Q"}]}"#);
        assert!(code.contains("/// The example breaks documented rules, so `Item::build` (at `items[1]`) fails first, with:"), "{code}");
        assert!(code.contains("    fn build() -> Result<Req, otc_db_sdk::BuildError> {"), "{code}");
        assert!(code.contains("    let err = build().expect_err(\"the example breaks documented rules\");"), "{code}");
        assert!(code.contains("    assert_eq!(err.type_name, \"Item\");"), "{code}");
        assert!(code.contains("    assert_eq!(paths, [\"id\", \"kind\"]);"), "{code}");

        // A `one_of` alternative in a list.
        let (_, plan) = plan_of(r#"{"name": "abcd", "bodies": [{"a": "x"}, {"b": 1, "c": "Q"}]}"#);
        let failing = plan.root.first_failure().expect("a failure");
        assert_eq!((failing.ty.as_str(), failing.at.as_str()), ("B", "bodies[1]"));
        assert_eq!(paths(failing), ["c"]);
    }

    #[test]
    fn a_failing_root_build_is_called_directly() {
        let code = test_of(r#"{"name": "abcd", "secret": "******"}"#);
        assert!(code.contains("    let err = Req::builder()"), "{code}");
        assert!(code.contains("        .build()\n        .expect_err(\"the example breaks documented rules\");"), "{code}");
        assert!(code.contains("/// - `secret` must be at least 8 characters long (is 6)"), "{code}");
        assert!(!code.contains("fn build()"), "{code}");
        assert!(!code.contains("let value"), "{code}");
    }

    #[test]
    fn unknown_keys_and_values_the_builders_cannot_produce_are_left_out() {
        let (_, plan) = plan_of(
            r#"{"name": "abcd", "zzz": 1, "size": "x", "items": [{"id": "a", "unknown": 2}], "tags": [null],
                "kind": {"x": 1}, "body": {"zz": 1}, "big": 1.5, "extra": null}"#,
        );
        let skipped: Vec<(&str, Option<&str>)> = plan.skipped.iter().map(|s| (s.display.as_str(), s.why.as_deref())).collect();
        assert_eq!(
            skipped,
            [
                ("zzz", None),
                ("size", Some("`integer` expected, found a string")),
                ("items[0].unknown", None),
                ("tags", Some("item 0: `string` expected, found null")),
                ("kind", Some("`Kind` expected, found an object")),
                ("body", Some("fits no alternative of `Body` (a required field is missing)")),
                ("big", Some("`long` (64 bits) expected, found 1.5")),
            ]
        );
        assert!(plan.root.first_failure().is_none());
        // The expected JSON: the page's, without unknown keys (as the round trip) nor unproducible values.
        assert_eq!(plan.expected, serde_json::json!({"name": "abcd", "items": [{"id": "a"}]}));
    }

    #[test]
    fn a_required_value_that_cannot_be_produced_is_missing() {
        let (_, plan) = plan_of(r#"{"name": null}"#);
        assert_eq!(plan.skipped[0].why.as_deref(), Some("`string` expected, found null"));
        assert_eq!(paths(plan.root.first_failure().expect("a failure")), ["name"]);
    }

    #[test]
    fn roots_that_are_not_values_of_their_type_get_no_test() {
        let op = op(
            TYPES,
            &format!(
                "{}  - kind: request\n    json: '[1]'\n",
                example(r#"{"zz": 1}"#).replace("kind: request", "kind: request\n    type: Body")
            ),
        );
        for ex in &op.examples {
            assert!(matches!(builder_test(&op, ex, 1), Ok(BuilderTest::NotBuildable(_))));
        }
    }

    #[test]
    fn one_of_and_enum_roots() {
        let op =
            op(TYPES, "  - kind: request\n    type: Body\n    json: '{\"b\": 2}'\n  - kind: request\n    type: Kind\n    json: '\"Z\"'\n");
        let Ok(BuilderTest::Test(code)) = builder_test(&op, &op.examples[0], 1) else { panic!("no test") };
        assert!(code.contains("    let value = Body::from(B::builder().b(2).build()?);"), "{code}");
        let Ok(BuilderTest::Test(code)) = builder_test(&op, &op.examples[1], 2) else { panic!("no test") };
        assert!(code.contains("    let value = Kind::from(\"Z\");"), "{code}");
    }

    #[test]
    fn lists_of_builds_and_negative_numbers_are_arrays() {
        let code = test_of(r#"{"name": "abcd", "matrix": [[-1], [2]], "items": [{"id": "a"}]}"#);
        assert!(code.contains(".matrix(Vec::from([Vec::from([-1]), vec![2]]))"), "{code}");
    }

    #[test]
    fn floats_like_constants_allow_clippy_approx_constant() {
        assert!(approximates_constant("3.14"));
        assert!(approximates_constant("2.718"));
        assert!(!approximates_constant("3.1"));
        assert!(!approximates_constant("1.5"));
        let code = test_of(r#"{"name": "abcd", "ratio": 3.14159}"#);
        assert!(code.contains("#[allow(clippy::approx_constant)]"), "{code}");
    }

    #[test]
    fn big_any_values_are_parsed_not_expanded() {
        let big: Map<String, Value> = (0..40).map(|i| (format!("k{i}"), Value::from(i))).collect();
        assert!(!json_macro_fits(&Value::Object(big)));
        assert!(json_macro_fits(&serde_json::json!({"a": [1, 2, {"b": null}]})));
    }
}

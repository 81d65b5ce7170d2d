//! The page's examples as tests of the generated crate: each deserializes into its type and
//! serializes back to the same JSON, modulo the conversions the spec declares (`accepts`, the
//! documented spelling of case-insensitive enum values, `null` for an absent optional field, an
//! integer in a `number` field as a float); response types read every lossless encoding (the
//! runtime's `lenient`) and keep the keys they do not know (`other`), while request types ignore
//! such keys (the doc lint reports them). Request examples are also built with the builders
//! (`example_code`).

use serde_json::{Map, Value};

use crate::model::{FieldModel, JsonType, Kind, OperationModel, Ty};

/// What the example should serialize back to.
pub fn expected(op: &OperationModel, ty_name: &str, value: &Value) -> Value {
    named(op, ty_name, value)
}

fn named(op: &OperationModel, name: &str, value: &Value) -> Value {
    let Some(t) = op.get(name) else { return value.clone() };
    match (&t.kind, value) {
        (Kind::Struct(fields), Value::Object(obj)) => object(op, fields, obj, t.in_response),
        (Kind::Enum { values, case_insensitive: true }, Value::String(s)) => {
            values.iter().find(|v| v.value.eq_ignore_ascii_case(s)).map(|v| Value::String(v.value.clone())).unwrap_or_else(|| value.clone())
        }
        (Kind::OneOf(alts), Value::Object(obj)) => match pick(op, alts, obj) {
            Some(alt) => named(op, alt, value),
            None => value.clone(),
        },
        _ => value.clone(),
    }
}

/// A struct's object: documented fields converted; other keys kept by a response type (written
/// back after the documented fields), ignored by a request type.
fn object(op: &OperationModel, fields: &[FieldModel], obj: &Map<String, Value>, response: bool) -> Value {
    let mut out = Map::new();
    for (key, v) in obj {
        match fields.iter().find(|f| &f.wire == key) {
            Some(f) if v.is_null() && !f.required => {}
            Some(f) if response => {
                out.insert(key.clone(), lenient(op, &f.ty, v));
            }
            Some(f) => {
                out.insert(key.clone(), field(op, f, v));
            }
            // Kept in `other` by a response type; ignored by a request type (the doc lint
            // reported it when transcribing).
            None if response => {
                out.insert(key.clone(), v.clone());
            }
            None => {}
        }
    }
    Value::Object(out)
}

fn field(op: &OperationModel, f: &FieldModel, v: &Value) -> Value {
    let v = if f.accepts.is_empty() { v.clone() } else { convert(&f.ty, &f.accepts, v) };
    typed(op, &f.ty, &v)
}

/// A response field's value as the runtime's `lenient` readers make it: every lossless encoding
/// converted, a single value where a list is documented as a one-element list, at every depth.
fn lenient(op: &OperationModel, ty: &Ty, v: &Value) -> Value {
    match (ty, v) {
        // An enum reads like a string.
        (Ty::Named(n, crate::model::NamedKind::Enum), _) => named(op, n, &lenient_scalar(&Ty::String, v)),
        // A one-element list where one object is documented: its element.
        (Ty::Named(n, _), Value::Array(items)) if items.len() == 1 && items[0].is_object() => named(op, n, &items[0]),
        (Ty::Named(n, _), _) => named(op, n, v),
        (Ty::Array(inner), Value::Array(items)) => Value::Array(items.iter().map(|i| lenient(op, inner, i)).collect()),
        (Ty::Array(inner), single) if !single.is_null() => Value::Array(vec![lenient(op, inner, single)]),
        (Ty::Map(inner), Value::Object(m)) => Value::Object(m.iter().map(|(k, i)| (k.clone(), lenient(op, inner, i))).collect()),
        (Ty::String | Ty::Integer | Ty::Long | Ty::Number | Ty::Boolean, _) => typed(op, ty, &lenient_scalar(ty, v)),
        _ => typed(op, ty, v),
    }
}

/// A scalar as the runtime's `lenient` reader of its type reads it (the generated `Deserialize`
/// of a response field calls the same reader): the one statement of the conversions. A value the
/// reader does not convert stays as it is (the SDK keeps it raw and writes it back unchanged).
fn lenient_scalar(ty: &Ty, v: &Value) -> Value {
    use otc_db_sdk_runtime::lenient::{Lenient, Read};
    let read = v.clone();
    let converted = match ty {
        Ty::String => String::read(read).ok().and_then(Read::typed).map(Value::from),
        Ty::Integer => i32::read(read).ok().and_then(Read::typed).map(Value::from),
        Ty::Long => i64::read(read).ok().and_then(Read::typed).map(Value::from),
        Ty::Number => f64::read(read).ok().and_then(Read::typed).map(Value::from),
        Ty::Boolean => bool::read(read).ok().and_then(Read::typed).map(Value::from),
        _ => None,
    };
    converted.unwrap_or_else(|| v.clone())
}

fn typed(op: &OperationModel, ty: &Ty, v: &Value) -> Value {
    match (ty, v) {
        (Ty::Named(n, _), _) => named(op, n, v),
        (Ty::Array(inner), Value::Array(items)) => Value::Array(items.iter().map(|i| typed(op, inner, i)).collect()),
        (Ty::Map(inner), Value::Object(m)) => Value::Object(m.iter().map(|(k, i)| (k.clone(), typed(op, inner, i))).collect()),
        // `2` in a `number` field is the `f64` 2.0, which serializes as `2.0`.
        (Ty::Number, Value::Number(n)) if !n.is_f64() => n.as_f64().map(Value::from).unwrap_or_else(|| v.clone()),
        _ => v.clone(),
    }
}

/// The `accepts` conversions: the runtime's lenient reader of the field (the one its generated
/// `Deserialize` calls, [`structs::lenient_reader`](super::structs)) applied to the example's
/// value. A value the reader refuses stays as it is (deserialization then fails, and says so).
pub(super) fn convert(ty: &Ty, accepts: &[JsonType], v: &Value) -> Value {
    use otc_db_sdk_runtime::accepts;
    if accepts.is_empty() {
        return v.clone();
    }
    let read = v.clone();
    let converted: Option<Value> = match lenient_reader(ty) {
        "opt_string" => accepts::opt_string(read).ok().flatten().map(Value::from),
        "opt_integer" => accepts::opt_integer(read).ok().flatten().map(Value::from),
        "opt_long" => accepts::opt_long(read).ok().flatten().map(Value::from),
        "opt_number" => accepts::opt_number(read).ok().flatten().map(Value::from),
        "opt_boolean" => accepts::opt_boolean(read).ok().flatten().map(Value::from),
        "opt_via_string" => accepts::opt_via_string::<_, String>(read).ok().flatten().map(Value::from),
        _ => accepts::opt_one_or_many::<_, Value>(read).ok().flatten().map(Value::Array),
    };
    converted.unwrap_or_else(|| v.clone())
}

/// The name of the runtime's lenient reader (`runtime::accepts`) of a field of type `ty` that
/// `accepts` other JSON types: the generated `Deserialize` calls it, and [`convert`] applies it.
pub(super) fn lenient_reader(ty: &Ty) -> &'static str {
    match ty {
        Ty::String => "opt_string",
        Ty::Integer => "opt_integer",
        Ty::Long => "opt_long",
        Ty::Number => "opt_number",
        Ty::Boolean => "opt_boolean",
        Ty::Named(_, crate::model::NamedKind::Enum) => "opt_via_string",
        _ => "opt_one_or_many",
    }
}

/// The alternative the runtime's `one_of::pick` chooses (the shapes are those the generated
/// `Shape` impls declare: every wire field, and the required ones).
pub(super) fn pick<'a>(op: &OperationModel, alts: &'a [String], obj: &Map<String, Value>) -> Option<&'a String> {
    let mut shaped: Vec<&String> = Vec::new();
    let mut shapes: Vec<(Vec<&str>, Vec<&str>)> = Vec::new();
    for alt in alts {
        // An alternative that is not a struct has no shape (`resolve` refuses such specs).
        let Some(Kind::Struct(fields)) = op.get(alt).map(|t| &t.kind) else { continue };
        let all = fields.iter().map(|f| f.wire.as_str()).collect();
        let required = fields.iter().filter(|f| f.required).map(|f| f.wire.as_str()).collect();
        shaped.push(alt);
        shapes.push((all, required));
    }
    let shapes: Vec<(&[&str], &[&str])> = shapes.iter().map(|(a, r)| (a.as_slice(), r.as_slice())).collect();
    let index = otc_db_sdk_runtime::one_of::pick(&Value::Object(obj.clone()), &shapes)?;
    shaped.get(index).copied()
}

/// The Rust source of the example test file of the generated crate.
pub fn tests_file(ops: &[OperationModel]) -> String {
    let mut out = tests_header();
    for op in ops {
        out.push_str(&tests_of(op));
    }
    out
}

/// The start of the example tests file: its docs and helpers.
pub fn tests_header() -> String {
    let mut out = super::header("spec/ (the examples of every operation)");
    out.push_str(
        "\n\
         //! Every JSON example of the reference pages deserializes into its type and serializes back\n\
         //! to the same JSON, modulo the conversions its spec declares (`accepts`, the documented\n\
         //! spelling of case-insensitive values, `null` for absent optional fields, keys the type\n\
         //! does not know: the doc lint reports those).\n//!\n\
         //! Every request example is also built with the builders (`…_builders` tests): the built value\n\
         //! serializes to the same JSON, or, where the page's example breaks a documented rule, `build()`\n\
         //! fails naming exactly the offending fields.\n\n\
         use serde_json::Value;\n\n\
         fn round_trip<T: serde::de::DeserializeOwned + serde::Serialize>(page: &str, expected: &str) {\n    \
             let page: Value = serde_json::from_str(page).expect(\"the example is JSON\");\n    \
             let expected: Value = serde_json::from_str(expected).expect(\"the expected value is JSON\");\n    \
             let typed: T = serde_json::from_value(page).expect(\"the example deserializes\");\n    \
             let back = serde_json::to_value(&typed).expect(\"the value serializes\");\n    \
             assert_eq!(back, expected);\n\
         }\n\n\
         /// A page example that lacks a field the page's tables mark mandatory: it does not\n\
         /// deserialize, and the error names one of the missing fields.\n\
         #[allow(dead_code)]\n\
         fn refused<T: serde::de::DeserializeOwned + std::fmt::Debug>(page: &str, missing: &[&str]) {\n    \
             let err = serde_json::from_str::<T>(page).expect_err(\"a mandatory field is missing\").to_string();\n    \
             assert!(missing.iter().any(|m| err.contains(&format!(\"missing field `{m}`\"))), \"{err}\");\n\
         }\n",
    );
    out
}

/// The example tests of one operation (its part of [`tests_file`]).
pub fn tests_of(op: &OperationModel) -> String {
    let mut out = String::new();
    let mut counters = [0usize; 2];
    for ex in &op.examples {
        let kind = if ex.request { "request" } else { "response" };
        let n = &mut counters[usize::from(!ex.request)];
        *n += 1;
        let test = format!("{}_{}_{}_{}_{}", op.service, op.version_module, op.id, kind, n);
        let page = pretty(&ex.value);
        let expected = pretty(&expected(op, &ex.ty, &ex.value));
        let ty = format!("otc_db_sdk::{}::{}", op.module_path(), ex.ty);
        let title = ex.title.as_deref().unwrap_or("untitled");
        let cfg = format!("#[cfg(feature = \"{}\")]\n", op.service);
        let expected_arg = if expected == page { "PAGE".to_owned() } else { raw(&expected) };
        let missing = missing_required(op, &ex.ty, &ex.value);
        let check = if missing.is_empty() {
            format!("round_trip::<{ty}>(PAGE, {expected_arg});")
        } else {
            let names: Vec<String> = missing.iter().map(|m| format!("{m:?}")).collect();
            format!(
                "// The page's tables mark these mandatory; the example lacks them (see the doc lint).\n    refused::<{ty}>(PAGE, &[{}]);",
                names.join(", ")
            )
        };
        out.push_str(&format!(
            "\n/// {} — {kind} example {n}: {}\n{cfg}#[test]\nfn {test}() {{\n    const PAGE: &str = {};\n    {check}\n}}\n",
            op.spec_file,
            title.replace('\n', " "),
            raw(&page),
        ));
        if ex.request {
            match super::example_code::builder_test(op, ex, *n) {
                Ok(super::example_code::BuilderTest::Test(code)) => {
                    out.push('\n');
                    out.push_str(&code);
                }
                Ok(super::example_code::BuilderTest::NotBuildable(why)) => {
                    out.push_str(&format!("\n// No builder test for {kind} example {n} of {}: {why}.\n", op.spec_file));
                }
                // A bug of the generator: the generated crate must not compile.
                Err(e) => out.push_str(&format!("\ncompile_error!({e:?});\n")),
            }
        }
    }
    out
}

/// The required fields an example lacks, at any depth (their wire names).
pub fn missing_required(op: &OperationModel, ty: &str, value: &Value) -> Vec<String> {
    let mut out = Vec::new();
    collect_missing(op, ty, value, &mut out);
    out
}

fn collect_missing(op: &OperationModel, ty: &str, value: &Value, out: &mut Vec<String>) {
    let Some(t) = op.get(ty) else { return };
    match (&t.kind, value) {
        (Kind::Struct(fields), Value::Object(obj)) => {
            for f in fields {
                match obj.get(&f.wire) {
                    None | Some(Value::Null) if f.required => out.push(f.wire.clone()),
                    Some(v) => collect_missing_ty(op, &f.ty, v, out),
                    None => {}
                }
            }
        }
        (Kind::OneOf(alts), Value::Object(obj)) => {
            if let Some(alt) = pick(op, alts, obj) {
                collect_missing(op, alt, value, out);
            }
        }
        _ => {}
    }
}

fn collect_missing_ty(op: &OperationModel, ty: &Ty, value: &Value, out: &mut Vec<String>) {
    match (ty, value) {
        (Ty::Named(n, _), _) => collect_missing(op, n, value, out),
        (Ty::Array(inner), Value::Array(items)) => items.iter().for_each(|i| collect_missing_ty(op, inner, i, out)),
        (Ty::Map(inner), Value::Object(m)) => m.values().for_each(|i| collect_missing_ty(op, inner, i, out)),
        _ => {}
    }
}

pub(super) fn pretty(v: &Value) -> String {
    serde_json::to_string_pretty(v).unwrap_or_default()
}

/// A raw string literal that holds `s`, whatever `#`s it contains.
pub(super) fn raw(s: &str) -> String {
    let mut hashes = 1;
    while s.contains(&format!("\"{}", "#".repeat(hashes))) {
        hashes += 1;
    }
    let h = "#".repeat(hashes);
    format!("r{h}\"{s}\"{h}")
}

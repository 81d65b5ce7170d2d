//! Named types, fields and parameters → JSON Schema 2020-12 (the dialect of OpenAPI 3.1).
//!
//! One function per spec concept, each adding only what the spec states: a new spec key (a
//! constraint on query parameters, say) is one more line in [`constraints`] or [`parameter`].

use serde_json::{json, Map, Value};

use crate::model::{FieldModel, JsonType, Kind, OperationModel, ParamModel, Ty, TypeModel};
use crate::spec::Constraints;

/// Prefix of this project's extensions (`x-otc-accepts`, …).
pub const EXT: &str = "x-otc-";

/// The component name of a named type: the Rust module path below the service,
/// `v3.create_instance.Volume`. Types are per operation, so names never collide.
pub fn component_name(op: &OperationModel, ty: &str) -> String {
    format!("{}.{}.{}", op.version_module, op.id, ty)
}

/// A `$ref` to a named type of `op`.
pub fn reference(op: &OperationModel, ty: &str) -> Value {
    json!({ "$ref": format!("#/components/schemas/{}", component_name(op, ty)) })
}

/// The schema of a type expression.
pub fn ty_schema(op: &OperationModel, ty: &Ty) -> Value {
    match ty {
        Ty::String => json!({ "type": "string" }),
        Ty::Integer => json!({ "type": "integer", "format": "int32" }),
        Ty::Long => json!({ "type": "integer", "format": "int64" }),
        Ty::Number => json!({ "type": "number", "format": "double" }),
        Ty::Boolean => json!({ "type": "boolean" }),
        // Any JSON value: the empty schema.
        Ty::Any => json!({}),
        Ty::Named(name, _) => reference(op, name),
        Ty::Array(item) => json!({ "type": "array", "items": ty_schema(op, item) }),
        Ty::Map(value) => json!({ "type": "object", "additionalProperties": ty_schema(op, value) }),
    }
}

/// The schema of a named type (a component).
pub fn type_schema(op: &OperationModel, t: &TypeModel) -> Value {
    let mut s = Map::new();
    match &t.kind {
        Kind::Struct(fields) => {
            s.insert("type".into(), json!("object"));
            describe(&mut s, t.doc.as_deref());
            let mut properties = Map::new();
            for f in fields {
                properties.insert(f.wire.clone(), field(op, t, f));
            }
            s.insert("properties".into(), Value::Object(properties));
            let required: Vec<&str> = fields.iter().filter(|f| f.required).map(|f| f.wire.as_str()).collect();
            if !required.is_empty() {
                s.insert("required".into(), json!(required));
            }
        }
        Kind::Enum { values, case_insensitive } => {
            s.insert("type".into(), json!("string"));
            describe(&mut s, t.doc.as_deref());
            s.insert("enum".into(), json!(values.iter().map(|v| v.value.as_str()).collect::<Vec<_>>()));
            let docs: Map<String, Value> = values.iter().filter_map(|v| Some((v.value.clone(), json!(v.doc.as_deref()?)))).collect();
            if !docs.is_empty() {
                // Read by Redoc and other renderers: the meaning of each value.
                s.insert("x-enumDescriptions".into(), Value::Object(docs));
            }
            if *case_insensitive {
                s.insert(format!("{EXT}case-insensitive"), json!(true));
            }
        }
        Kind::OneOf(alternatives) => {
            describe(&mut s, t.doc.as_deref());
            s.insert("oneOf".into(), json!(alternatives.iter().map(|a| reference(op, a)).collect::<Vec<_>>()));
        }
    }
    if let Some(table) = &t.table {
        s.insert(format!("{EXT}table"), json!(table));
    }
    Value::Object(s)
}

/// The schema of one field of struct `owner`.
fn field(op: &OperationModel, owner: &TypeModel, f: &FieldModel) -> Value {
    let Value::Object(mut s) = ty_schema(op, &f.ty) else { unreachable!("schemas are objects") };
    describe(&mut s, f.doc.as_deref());
    default(&mut s, &f.ty, f.default.as_deref());
    constraints(&mut s, &f.constraints);
    if f.sensitive {
        if f.ty == Ty::String {
            s.insert("format".into(), json!("password"));
        }
        // Sent, never returned: only where the type is not part of a response.
        if owner.in_request && !owner.in_response {
            s.insert("writeOnly".into(), json!(true));
        }
    }
    if f.accepts.is_empty() {
        return Value::Object(s);
    }
    accepting(op, f, s)
}

/// A field with `accepts`: the table's schema first, then each JSON type also read (a single
/// element where a list is documented is the element's schema), as `anyOf`; the list itself
/// in `x-otc-accepts`. Documentation stays outside, on the field.
fn accepting(op: &OperationModel, f: &FieldModel, mut table: Map<String, Value>) -> Value {
    let mut outer = Map::new();
    for key in ["description", "default", "writeOnly"] {
        if let Some(v) = table.remove(key) {
            outer.insert(key.into(), v);
        }
    }
    if let Some(v) = table.remove(&format!("{EXT}default")) {
        outer.insert(format!("{EXT}default"), v);
    }
    let mut alternatives = vec![Value::Object(table)];
    for w in &f.accepts {
        alternatives.push(match (&f.ty, w) {
            (Ty::Array(item), w) if *w != JsonType::Array => ty_schema(op, item),
            _ => json!({ "type": w.name() }),
        });
    }
    outer.insert("anyOf".into(), Value::Array(alternatives));
    outer.insert(format!("{EXT}accepts"), json!(f.accepts.iter().map(|w| w.name()).collect::<Vec<_>>()));
    Value::Object(outer)
}

/// The schema of a path or query parameter.
pub fn parameter(op: &OperationModel, p: &ParamModel) -> Value {
    let Value::Object(mut s) = ty_schema(op, &p.ty) else { unreachable!("schemas are objects") };
    default(&mut s, &p.ty, p.default.as_deref());
    constraints(&mut s, &p.constraints);
    Value::Object(s)
}

/// The JSON Schema keywords of the spec's constraints, in the spec's order.
pub fn constraints(s: &mut Map<String, Value>, c: &Constraints) {
    let mut put = |key: &str, v: Option<Value>| {
        if let Some(v) = v {
            s.insert(key.into(), v);
        }
    };
    put("minLength", c.min_length.map(Value::from));
    put("maxLength", c.max_length.map(Value::from));
    put("pattern", c.pattern.as_deref().map(|p| json!(anchored(p))));
    put("minimum", c.minimum.map(number));
    put("maximum", c.maximum.map(number));
    put("multipleOf", c.multiple_of.map(number));
    put("minItems", c.min_items.map(Value::from));
    put("maxItems", c.max_items.map(Value::from));
}

/// A spec pattern must match the whole value; a JSON Schema pattern matches anywhere: anchor it.
pub fn anchored(pattern: &str) -> String {
    if pattern.starts_with('^') && pattern.ends_with('$') && !pattern.ends_with("\\$") {
        pattern.to_owned()
    } else {
        format!("^(?:{pattern})$")
    }
}

/// A number as written: `40`, not `40.0`, when it is whole.
pub fn number(n: f64) -> Value {
    if n.fract() == 0.0 && n.abs() < 9.0e15 {
        json!(n as i64)
    } else {
        json!(n)
    }
}

fn describe(s: &mut Map<String, Value>, doc: Option<&str>) {
    if let Some(doc) = doc {
        s.insert("description".into(), json!(doc));
    }
}

/// The documented default, typed when it is a value of the type; otherwise kept as text in
/// `x-otc-default` (a page's "default: the current time" is no JSON value).
fn default(s: &mut Map<String, Value>, ty: &Ty, text: Option<&str>) {
    let Some(text) = text else { return };
    match typed_default(ty, text) {
        Some(v) => s.insert("default".into(), v),
        None => s.insert(format!("{EXT}default"), json!(text)),
    };
}

/// `text` as a value of `ty`, when it is one.
pub fn typed_default(ty: &Ty, text: &str) -> Option<Value> {
    match ty {
        Ty::String => Some(json!(text)),
        Ty::Integer => text.parse::<i32>().ok().map(Value::from),
        Ty::Long => text.parse::<i64>().ok().map(Value::from),
        Ty::Number => text.parse::<f64>().ok().filter(|n| n.is_finite()).map(number),
        Ty::Boolean => text.parse::<bool>().ok().map(Value::from),
        _ => None,
    }
}

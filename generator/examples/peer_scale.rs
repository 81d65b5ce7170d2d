//! The input of the peer comparison (issue 19, docs/benchmarks.md, "Is generation >= 2x faster than
//! progenitor on this machine?"): the operation our scale test copies, RDS v3 "Creating a DB
//! Instance", taken from our own `openapi/rds.yaml` (OpenAPI 3.1) and written as an OpenAPI 3.0
//! JSON document with the operation copied N times under new names (operation ids, paths and
//! schema names suffixed `_0001` … `_N`), for generators that read 3.0 only (cargo-progenitor).
//!
//! ```sh
//! cargo run --release -p sdkgen --example peer_scale -- 1000 /tmp/peer1000.json [openapi/rds.yaml]
//! ```
//!
//! 3.1 → 3.0: `type: [T, "null"]` and an `anyOf`/`oneOf` branch `{type: "null"}` become
//! `nullable: true`, `const` a one-value `enum`, `examples` one `example`, a numeric
//! `exclusiveMinimum`/`exclusiveMaximum` the 3.0 boolean beside `minimum`/`maximum`; the siblings
//! of a `$ref` (3.0 ignores them) and our `x-` extensions are dropped. A 3.1 keyword with no 3.0
//! form is an error, not silently kept. Page examples are left out: generators ignore them.
//! The document is deterministic: schemas in the order of `components/schemas`.

use serde_json::{json, Map, Value};
use std::collections::BTreeSet;

/// The operation, where `openapi/rds.yaml` has it (it shares its method and path with
/// "Restoring Data to a New DB Instance": `x-otc-operations` tells them apart).
const OPERATION: &str = "v3_create_instance";
const PATH: &str = "/v3/{project_id}/instances";
const METHOD: &str = "post";
/// The prefix of its schema names in `components/schemas`, dropped from the copies' names.
const PREFIX: &str = "v3.create_instance.";
const REF: &str = "#/components/schemas/";

fn main() {
    if let Err(e) = run() {
        eprintln!("peer_scale: {e}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = "usage: peer_scale N OUT.json [openapi/rds.yaml]";
    let n: usize = match args.first().map(|a| a.parse()) {
        Some(Ok(n)) if n > 0 => n,
        _ => return Err(usage.to_owned()),
    };
    let out = args.get(1).ok_or(usage)?;
    let input = match args.get(2) {
        Some(p) => p.clone(),
        None => concat!(env!("CARGO_MANIFEST_DIR"), "/../openapi/rds.yaml").to_owned(),
    };
    let text = std::fs::read_to_string(&input).map_err(|e| format!("{input}: {e}"))?;
    let yaml: serde_yaml::Value = serde_yaml::from_str(&text).map_err(|e| format!("{input}: {e}"))?;
    let doc = serde_json::to_value(yaml).map_err(|e| format!("{input}: {e}"))?;
    let document = peer_document(&doc, n).map_err(|e| format!("{input}: {e}"))?;
    let mut text = serde_json::to_string_pretty(&document).map_err(|e| e.to_string())?;
    text.push('\n');
    std::fs::write(out, text).map_err(|e| format!("{out}: {e}"))
}

/// The 3.0 document of `OPERATION` copied `n` times.
fn peer_document(doc: &Value, n: usize) -> Result<Value, String> {
    let at = |v: &Value, what: &str| v.pointer(what).cloned().ok_or(format!("no `{what}`"));
    let op =
        doc.pointer(&format!("/paths/{}/{METHOD}", PATH.replace('~', "~0").replace('/', "~1"))).ok_or(format!("no `{METHOD} {PATH}`"))?;
    // The operation is either the path's own or one of its `x-otc-operations`.
    let entry = op
        .get("x-otc-operations")
        .and_then(Value::as_array)
        .and_then(|ops| ops.iter().find(|o| o["operationId"] == OPERATION))
        .ok_or(format!("no `{OPERATION}` under `x-otc-operations` of `{METHOD} {PATH}`"))?;
    let request = schema_name(&at(entry, "/requestBody/$ref")?)?;
    let response = schema_name(&at(entry, "/response/$ref")?)?;
    let status = at(entry, "/status")?.as_str().ok_or("`status` is not a string")?.to_owned();
    let schemas = at(doc, "/components/schemas")?;
    let schemas = schemas.as_object().ok_or("`components/schemas` is not a map")?;
    let used = reachable(schemas, &[request.clone(), response.clone()])?;
    for name in &used {
        if !name.starts_with(PREFIX) {
            return Err(format!("schema `{name}` is not under `{PREFIX}`"));
        }
    }

    let mut paths = Map::new();
    let mut components = Map::new();
    for i in 1..=n {
        let suffix = format!("_{i:04}");
        let renamed = |name: &str| format!("{}{suffix}", &name[PREFIX.len()..]);
        let reference = |name: &str| json!({ "$ref": format!("{REF}{}", renamed(name)) });
        let operation = json!({
            "operationId": format!("{OPERATION}{suffix}"),
            "summary": entry["summary"],
            "description": entry["description"],
            "parameters": op["parameters"],
            "requestBody": {
                "required": true,
                "content": { "application/json": { "schema": reference(&request) } },
            },
            "responses": {
                status.as_str(): {
                    "description": "The documented success response.",
                    "content": { "application/json": { "schema": reference(&response) } },
                },
            },
        });
        paths.insert(format!("{PATH}{suffix}"), json!({ METHOD: operation }));
        for (name, schema) in schemas.iter().filter(|(name, _)| used.contains(*name)) {
            let at = format!("components/schemas/{name}");
            components.insert(renamed(name), to_3_0(schema, &at, &|r| Ok(renamed(&schema_name(r)?)))?);
        }
    }
    Ok(json!({
        "openapi": "3.0.3",
        "info": {
            "title": format!("{OPERATION} of openapi/rds.yaml, copied {n} times"),
            "version": "1.0.0",
        },
        "servers": doc["servers"],
        "paths": paths,
        "components": { "schemas": components },
    }))
}

/// `v3.create_instance.Volume` of `#/components/schemas/v3.create_instance.Volume`.
fn schema_name(reference: &Value) -> Result<String, String> {
    let r = reference.as_str().ok_or("a `$ref` that is not a string")?;
    r.strip_prefix(REF).map(str::to_owned).ok_or(format!("`$ref: {r}` is not under `{REF}`"))
}

/// The schemas `roots` refer to, themselves included.
fn reachable(schemas: &Map<String, Value>, roots: &[String]) -> Result<BTreeSet<String>, String> {
    fn refs(v: &Value, out: &mut Vec<Value>) {
        match v {
            Value::Object(m) => m.iter().for_each(|(k, v)| match k.as_str() {
                "$ref" => out.push(v.clone()),
                _ => refs(v, out),
            }),
            Value::Array(a) => a.iter().for_each(|v| refs(v, out)),
            _ => {}
        }
    }
    let mut seen = BTreeSet::new();
    let mut todo = roots.to_vec();
    while let Some(name) = todo.pop() {
        let schema = schemas.get(&name).ok_or(format!("no schema `{name}`"))?;
        if seen.insert(name) {
            let mut found = Vec::new();
            refs(schema, &mut found);
            for r in &found {
                todo.push(schema_name(r)?);
            }
        }
    }
    Ok(seen)
}

/// A 3.1 schema (JSON Schema 2020-12) as a 3.0 schema, `$ref`s renamed by `rename`.
fn to_3_0(schema: &Value, at: &str, rename: &dyn Fn(&Value) -> Result<String, String>) -> Result<Value, String> {
    let m = schema.as_object().ok_or(format!("{at}: a schema that is not a map"))?;
    if let Some(r) = m.get("$ref") {
        return Ok(json!({ "$ref": format!("{REF}{}", rename(r)?) }));
    }
    let mut out = Map::new();
    let mut nullable = false;
    for (key, value) in m {
        let here = format!("{at}/{key}");
        match key.as_str() {
            k if k.starts_with("x-") => {}
            "type" => match value {
                Value::Array(types) => {
                    let kept: Vec<&Value> = types.iter().filter(|t| *t != "null").collect();
                    nullable |= kept.len() < types.len();
                    match kept.as_slice() {
                        [one] => drop(out.insert(key.clone(), (*one).clone())),
                        _ => return Err(format!("{here}: {value} has no 3.0 form")),
                    }
                }
                _ => drop(out.insert(key.clone(), value.clone())),
            },
            "properties" => {
                let props = value.as_object().ok_or(format!("{here}: not a map"))?;
                let mut converted = Map::new();
                for (name, p) in props {
                    converted.insert(name.clone(), to_3_0(p, &format!("{here}/{name}"), rename)?);
                }
                out.insert(key.clone(), Value::Object(converted));
            }
            "items" | "not" => drop(out.insert(key.clone(), to_3_0(value, &here, rename)?)),
            "additionalProperties" if !value.is_boolean() => {
                out.insert(key.clone(), to_3_0(value, &here, rename)?);
            }
            "anyOf" | "oneOf" | "allOf" => {
                let branches = value.as_array().ok_or(format!("{here}: not a list"))?;
                let mut kept = Vec::new();
                for (i, b) in branches.iter().enumerate() {
                    if key != "allOf" && b.get("type").is_some_and(|t| t == "null") && b.as_object().is_some_and(|b| b.len() == 1) {
                        nullable = true;
                    } else {
                        kept.push(to_3_0(b, &format!("{here}/{i}"), rename)?);
                    }
                }
                match kept.len() {
                    0 => return Err(format!("{here}: only `null`")),
                    1 if key != "allOf" => {
                        // `anyOf: [X, {type: null}]`: X itself, nullable (3.0 has no `null` type).
                        if let Some(Value::Object(one)) = kept.pop() {
                            out.extend(one);
                        }
                    }
                    _ => drop(out.insert(key.clone(), Value::Array(kept))),
                }
            }
            "const" => drop(out.insert("enum".to_owned(), json!([value]))),
            "examples" => {
                if let Some(first) = value.as_array().and_then(|e| e.first()) {
                    out.insert("example".to_owned(), first.clone());
                }
            }
            "exclusiveMinimum" | "exclusiveMaximum" if value.is_number() => {
                let bound = if key == "exclusiveMinimum" { "minimum" } else { "maximum" };
                out.insert(bound.to_owned(), value.clone());
                out.insert(key.clone(), Value::Bool(true));
            }
            "$defs"
            | "prefixItems"
            | "contains"
            | "dependentSchemas"
            | "dependentRequired"
            | "unevaluatedProperties"
            | "unevaluatedItems"
            | "if"
            | "then"
            | "else"
            | "patternProperties"
            | "propertyNames"
            | "contentEncoding"
            | "contentMediaType"
            | "$id"
            | "$anchor"
            | "$schema" => {
                return Err(format!("{here}: a 3.1 keyword with no 3.0 form"));
            }
            _ => drop(out.insert(key.clone(), value.clone())),
        }
    }
    if nullable {
        out.insert("nullable".to_owned(), Value::Bool(true));
    }
    Ok(Value::Object(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rename(r: &Value) -> Result<String, String> {
        Ok(format!("{}_0007", schema_name(r)?))
    }

    #[test]
    fn schemas_become_3_0() {
        let schema = json!({
            "type": "object",
            "x-otc-table": "Table 2",
            "properties": {
                "a": { "type": ["string", "null"], "examples": ["x", "y"] },
                "b": { "anyOf": [{ "type": "integer" }, { "type": "null" }], "exclusiveMinimum": 0 },
                "c": { "const": "MySQL" },
                "d": { "$ref": "#/components/schemas/Ha", "description": "dropped in 3.0" },
                "e": { "type": "array", "items": { "$ref": "#/components/schemas/Volume" } },
                "examples": { "type": "string" },
            },
        });
        let expected = json!({
            "type": "object",
            "properties": {
                "a": { "type": "string", "example": "x", "nullable": true },
                "b": { "type": "integer", "minimum": 0, "exclusiveMinimum": true, "nullable": true },
                "c": { "enum": ["MySQL"] },
                "d": { "$ref": "#/components/schemas/Ha_0007" },
                "e": { "type": "array", "items": { "$ref": "#/components/schemas/Volume_0007" } },
                "examples": { "type": "string" },
            },
        });
        assert_eq!(to_3_0(&schema, "s", &rename).unwrap(), expected);
    }

    #[test]
    fn keywords_without_3_0_form_are_errors() {
        let schema = json!({ "properties": { "a": { "type": "array", "prefixItems": [] } } });
        let err = to_3_0(&schema, "components/schemas/X", &rename).unwrap_err();
        assert_eq!(err, "components/schemas/X/properties/a/prefixItems: a 3.1 keyword with no 3.0 form");
        let two = json!({ "type": ["string", "integer"] });
        assert!(to_3_0(&two, "s", &rename).unwrap_err().contains("no 3.0 form"));
    }

    /// The repository's own `openapi/rds.yaml`, copied twice: every reference resolves inside
    /// the document, and the copies differ only in their suffix.
    #[test]
    fn copies_of_the_repository_operation() {
        let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../openapi/rds.yaml")).unwrap();
        let doc = serde_json::to_value(serde_yaml::from_str::<serde_yaml::Value>(&text).unwrap()).unwrap();
        let out = peer_document(&doc, 2).unwrap();
        assert_eq!(out["openapi"], "3.0.3");
        let paths = out["paths"].as_object().unwrap();
        let keys: Vec<&String> = paths.keys().collect();
        assert_eq!(keys, ["/v3/{project_id}/instances_0001", "/v3/{project_id}/instances_0002"]);
        assert_eq!(paths[keys[1]]["post"]["operationId"], "v3_create_instance_0002");
        let schemas = out["components"]["schemas"].as_object().unwrap();
        assert!(schemas.contains_key("CreateInstanceRequest_0001") && schemas.contains_key("Volume_0002"));
        assert_eq!(schemas.len() % 2, 0);
        let mut refs = Vec::new();
        let mut keys = Vec::new();
        fn walk(v: &Value, refs: &mut Vec<String>, keys: &mut Vec<String>) {
            match v {
                Value::Object(m) => m.iter().for_each(|(k, v)| {
                    keys.push(k.clone());
                    match (k.as_str(), v) {
                        ("$ref", Value::String(r)) => refs.push(r.clone()),
                        _ => walk(v, refs, keys),
                    }
                }),
                Value::Array(a) => a.iter().for_each(|v| walk(v, refs, keys)),
                _ => {}
            }
        }
        walk(&out, &mut refs, &mut keys);
        assert!(!refs.is_empty());
        for r in &refs {
            let name = r.strip_prefix(REF).unwrap();
            assert!(schemas.contains_key(name), "{r} does not resolve");
        }
        assert!(!keys.iter().any(|k| k.starts_with("x-otc") || k == "examples" || k == "const"));
        let first = serde_json::to_string(&schemas["CreateDbInstance_0001"]).unwrap();
        let second = serde_json::to_string(&schemas["CreateDbInstance_0002"]).unwrap();
        assert_eq!(first.replace("_0001", "_0002"), second);
    }
}

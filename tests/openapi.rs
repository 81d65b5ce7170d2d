//! The OpenAPI documents (`openapi/<service>.yaml`): up to date, deterministic, the spec and
//! nothing else, every example valid against its schema, and a snapshot of the fixture operation.

mod common;

use std::collections::BTreeSet;

use sdkgen::model::{Kind, OperationModel, Ty, TypeModel};
use sdkgen::openapi::{component_name, operation_id, AKSK_SCHEME, TOKEN_SCHEME};
use serde_json::Value;

/// Where the page examples that break their own schema are kept, with the reasons.
const BREAKING: &str = "x-otc-examples-breaking-schema";

/// The strings of a JSON list (none when it is no list).
fn strings(v: &Value) -> Vec<&str> {
    v.as_array().into_iter().flatten().filter_map(Value::as_str).collect()
}

fn model() -> sdkgen::Model {
    sdkgen::load_model(&common::repo().join("spec"), "spec").unwrap_or_else(|e| panic!("{e}"))
}

fn documents(model: &sdkgen::Model) -> sdkgen::emit::Files {
    sdkgen::openapi(model, "spec").unwrap_or_else(|e| panic!("{e}"))
}

fn parse(name: &str, text: &str) -> Value {
    sdkgen::spec::yaml::parse_any(text).unwrap_or_else(|e| panic!("{name} is no YAML: {}", e.message))
}

#[test]
fn committed_documents_are_up_to_date() {
    let stale = sdkgen::write::stale(&common::repo().join("openapi"), &documents(&model())).expect("openapi/ is readable");
    let list: Vec<String> = stale.iter().map(ToString::to_string).collect();
    assert!(list.is_empty(), "openapi/ is stale; run `cargo run`:\n{}", list.join("\n"));
}

#[test]
fn exporting_twice_gives_identical_documents() {
    let m = model();
    assert_eq!(documents(&m), documents(&m));
    assert_eq!(
        documents(&m).keys().collect::<Vec<_>>(),
        ["dds.yaml", "gaussdb.yaml", "geminidb.yaml", "iam.yaml", "rds.yaml", "taurusdb.yaml"]
    );
}

#[test]
fn server_is_the_clients_endpoint_template() {
    let client = std::fs::read_to_string(common::repo().join("generator/runtime/client/endpoint.rs")).expect("client source");
    let line = format!("pub const DEFAULT_TEMPLATE: &str = \"{}\";", sdkgen::openapi::SERVER_TEMPLATE);
    assert!(client.contains(&line), "the client's DEFAULT_TEMPLATE changed: update SERVER_TEMPLATE ({line})");
}

/// Where an operation is in its document: the OpenAPI operation and, for a shared method and
/// path, its entry under `x-otc-operations`.
fn find<'a>(doc: &'a Value, op: &OperationModel) -> (&'a Value, Option<&'a Value>) {
    let o = &doc["paths"][&op.path][op.method.to_ascii_lowercase()];
    assert!(o.is_object(), "{}: no {} {}", op.spec_file, op.method, op.path);
    match o.get("x-otc-operations") {
        None => {
            assert_eq!(o["operationId"], operation_id(op), "{}", op.spec_file);
            (o, None)
        }
        Some(members) => {
            let m = members.as_array().into_iter().flatten().find(|m| m["operationId"] == operation_id(op));
            (o, Some(m.unwrap_or_else(|| panic!("{}: not among x-otc-operations", op.spec_file))))
        }
    }
}

fn reference(op: &OperationModel, ty: &str) -> Value {
    serde_json::json!({ "$ref": format!("#/components/schemas/{}", component_name(op, ty)) })
}

/// Whether `schema` is the schema of `ty` (its type keywords; constraints are checked apart).
fn is_schema_of(schema: &Value, ty: &Ty, op: &OperationModel) -> bool {
    let t = |name: &str, format: Option<&str>| schema["type"] == name && format.is_none_or(|f| schema["format"] == f);
    match ty {
        Ty::String => t("string", None),
        Ty::Integer => t("integer", Some("int32")),
        Ty::Long => t("integer", Some("int64")),
        Ty::Number => t("number", None),
        Ty::Boolean => t("boolean", None),
        Ty::Any => schema.get("type").is_none() && schema.get("$ref").is_none(),
        Ty::Named(n, _) => schema["$ref"] == reference(op, n)["$ref"],
        Ty::Array(item) => t("array", None) && is_schema_of(&schema["items"], item, op),
        Ty::Map(value) => t("object", None) && is_schema_of(&schema["additionalProperties"], value, op),
    }
}

/// The keys of a schema other than documentation and the type's own keywords.
/// The JSON Schema keywords the spec's constraints must become.
fn expected_constraint_keys(c: &sdkgen::spec::Constraints) -> BTreeSet<&'static str> {
    [
        ("minLength", c.min_length.is_some()),
        ("maxLength", c.max_length.is_some()),
        ("pattern", c.pattern.is_some()),
        ("minimum", c.minimum.is_some()),
        ("maximum", c.maximum.is_some()),
        ("multipleOf", c.multiple_of.is_some()),
        ("minItems", c.min_items.is_some()),
        ("maxItems", c.max_items.is_some()),
    ]
    .into_iter()
    .filter_map(|(k, on)| on.then_some(k))
    .collect()
}

fn constraint_keys(schema: &Value) -> BTreeSet<&str> {
    const CONSTRAINTS: [&str; 8] = ["minLength", "maxLength", "pattern", "minimum", "maximum", "multipleOf", "minItems", "maxItems"];
    schema.as_object().into_iter().flatten().map(|(k, _)| k.as_str()).filter(|k| CONSTRAINTS.contains(k)).collect()
}

fn check_type(doc: &Value, op: &OperationModel, t: &TypeModel) {
    let at = format!("{}: {}", op.spec_file, t.name);
    let s = &doc["components"]["schemas"][component_name(op, &t.name)];
    assert!(s.is_object(), "{at}: no component");
    assert_eq!(s.get("description").and_then(Value::as_str), t.doc.as_deref(), "{at}");
    match &t.kind {
        Kind::Struct(fields) => {
            assert_eq!(s["type"], "object", "{at}");
            let props = s["properties"].as_object().unwrap_or_else(|| panic!("{at}: no properties"));
            let wires: Vec<&str> = fields.iter().map(|f| f.wire.as_str()).collect();
            assert_eq!(props.keys().map(String::as_str).collect::<Vec<_>>(), wires, "{at}: properties are the fields, in order");
            let required: Vec<&str> = fields.iter().filter(|f| f.required).map(|f| f.wire.as_str()).collect();
            let found: Vec<&str> = strings(&s["required"]);
            assert_eq!(found, required, "{at}: required");
            for f in fields {
                let outer = &props[&f.wire];
                let at = format!("{at}.{}", f.wire);
                assert_eq!(outer.get("description").and_then(Value::as_str), f.doc.as_deref(), "{at}");
                // With `accepts`, the table's schema is the first of `anyOf`, the accepted wire types follow.
                let p = if f.accepts.is_empty() { outer } else { &outer["anyOf"][0] };
                assert!(is_schema_of(p, &f.ty, op), "{at}: {p} is not {}", f.ty.spec_name());
                let c = &f.constraints;
                let expected = expected_constraint_keys(c);
                assert_eq!(constraint_keys(p), expected, "{at}: constraints");
                assert_eq!(p["minLength"].as_u64(), c.min_length, "{at}");
                assert_eq!(p["maxLength"].as_u64(), c.max_length, "{at}");
                assert_eq!(p["minimum"].as_f64(), c.minimum, "{at}");
                assert_eq!(p["maximum"].as_f64(), c.maximum, "{at}");
                assert_eq!(p["multipleOf"].as_f64(), c.multiple_of, "{at}");
                assert_eq!(p["minItems"].as_u64(), c.min_items, "{at}");
                assert_eq!(p["maxItems"].as_u64(), c.max_items, "{at}");
                if let Some(pattern) = &c.pattern {
                    assert_eq!(p["pattern"], sdkgen::openapi::anchored(pattern), "{at}");
                }
                assert_eq!(f.sensitive && f.ty == Ty::String, p["format"] == "password", "{at}: secret");
                let accepts: Vec<&str> = f.accepts.iter().map(|w| w.name()).collect();
                let found: Vec<&str> = strings(&outer["x-otc-accepts"]);
                assert_eq!(found, accepts, "{at}: accepts");
                let alternatives = outer.get("anyOf").and_then(Value::as_array).map_or(0, Vec::len);
                assert_eq!(alternatives, if accepts.is_empty() { 0 } else { 1 + accepts.len() }, "{at}: accepts as anyOf");
                match &f.default {
                    None => assert!(outer.get("default").is_none() && outer.get("x-otc-default").is_none(), "{at}: default"),
                    Some(d) => match sdkgen::openapi::typed_default(&f.ty, d) {
                        Some(v) => assert_eq!(outer["default"], v, "{at}: default"),
                        None => assert_eq!(outer["x-otc-default"], d.as_str(), "{at}: default"),
                    },
                }
            }
        }
        Kind::Enum { values, case_insensitive } => {
            assert_eq!(s["type"], "string", "{at}");
            let found: Vec<&str> = strings(&s["enum"]);
            assert_eq!(found, values.iter().map(|v| v.value.as_str()).collect::<Vec<_>>(), "{at}: enum");
            assert_eq!(s.get("x-otc-case-insensitive").is_some(), *case_insensitive, "{at}");
        }
        Kind::OneOf(alternatives) => {
            let refs: Vec<Value> = alternatives.iter().map(|a| reference(op, a)).collect();
            assert_eq!(s["oneOf"], Value::Array(refs), "{at}: oneOf");
        }
    }
}

fn check_operation(doc: &Value, op: &OperationModel) {
    let at = op.spec_file.as_str();
    let (o, member) = find(doc, op);
    let own = member.unwrap_or(o);
    assert_eq!(own["summary"], op.title.as_str(), "{at}: summary");
    assert_eq!(own.get("x-otc-source").and_then(Value::as_str), op.source.as_deref(), "{at}: source");
    assert_eq!(own.get("x-otc-notes").map_or(0, |n| n.as_array().map_or(0, Vec::len)), op.notes.len(), "{at}: notes");
    if let Some(doc_text) = &op.doc {
        assert!(own["description"].as_str().is_some_and(|d| d.starts_with(doc_text.as_str())), "{at}: description");
    }
    let params = o["parameters"].as_array().cloned().unwrap_or_default();
    let param = |place: &str, name: &str| {
        params.iter().find(|p| p["in"] == place && p["name"] == name).unwrap_or_else(|| panic!("{at}: no {place} parameter {name}"))
    };
    for p in &op.path_params {
        let found = param("path", &p.wire);
        assert_eq!(found["required"], true, "{at}: {}", p.wire);
        assert!(is_schema_of(&found["schema"], &p.ty, op), "{at}: {}", p.wire);
    }
    for p in op.path_params.iter().chain(&op.query_params) {
        let place = if op.path_params.iter().any(|x| x.wire == p.wire) { "path" } else { "query" };
        if member.is_none() {
            let found = param(place, &p.wire);
            assert_eq!(constraint_keys(&found["schema"]), expected_constraint_keys(&p.constraints), "{at}: {} constraints", p.wire);
        }
    }
    // Deprecated operations say so (and why); current ones do not.
    match (&op.deprecated, member) {
        (Some(why), None) => {
            assert_eq!(o["deprecated"], true, "{at}: deprecated");
            assert_eq!(o["x-otc-deprecated"], why.as_str(), "{at}: why");
        }
        (Some(_), Some(m)) => assert_eq!(m["deprecated"], true, "{at}: deprecated member"),
        (None, None) => assert!(o.get("deprecated").is_none(), "{at}: not deprecated"),
        (None, Some(m)) => assert!(m.get("deprecated").is_none(), "{at}: not deprecated"),
    }
    for p in &op.query_params {
        let found = param("query", &p.wire);
        if member.is_none() {
            assert_eq!(found["required"], p.required, "{at}: {}", p.wire);
        }
        assert!(is_schema_of(&found["schema"], &p.ty, op), "{at}: {}", p.wire);
    }
    for h in &op.headers {
        if h.name.eq_ignore_ascii_case(sdkgen::openapi::TOKEN_HEADER) {
            let security = o["security"].as_array().unwrap_or_else(|| panic!("{at}: no security"));
            assert!(security.iter().any(|s| s.get(TOKEN_SCHEME).is_some()), "{at}: token");
            assert!(security.iter().any(|s| s.get(AKSK_SCHEME).is_some()), "{at}: AK/SK signing, the other way to authenticate");
            assert_eq!(
                security.iter().any(|s| s.as_object().is_some_and(|m| m.is_empty())),
                !h.required || member.is_some() && security.len() == 3,
                "{at}: token optional"
            );
        } else {
            let found = param("header", &h.name);
            assert_eq!(found["schema"]["format"] == "password", h.sensitive, "{at}: {}", h.name);
        }
    }
    if !op.headers.iter().any(|h| h.name.eq_ignore_ascii_case(sdkgen::openapi::TOKEN_HEADER)) && member.is_none() {
        assert!(o.get("security").is_none(), "{at}: security without a token header");
    }
    let media = |body: &Value| body["content"]["application/json"].clone();
    match (&op.request, member) {
        (Some(r), None) => assert_eq!(media(&o["requestBody"])["schema"], reference(op, r), "{at}: request"),
        (Some(r), Some(m)) => {
            assert_eq!(m["requestBody"], reference(op, r), "{at}: request");
            let schema = media(&o["requestBody"])["schema"].clone();
            let among = schema["anyOf"].as_array().is_some_and(|a| a.contains(&reference(op, r)));
            assert!(among || schema == reference(op, r), "{at}: request among anyOf");
        }
        (None, None) => assert!(o.get("requestBody").is_none(), "{at}: request body"),
        (None, Some(m)) => assert!(m.get("requestBody").is_none(), "{at}: request body"),
    }
    let response = &o["responses"][op.status.to_string()];
    assert!(response.is_object(), "{at}: no response {}", op.status);
    match (&op.response, member) {
        (Some(r), None) => assert_eq!(media(response)["schema"], reference(op, r), "{at}: response"),
        (Some(r), Some(m)) => assert_eq!(m["response"], reference(op, r), "{at}: response"),
        (None, None) => assert!(response.get("content").is_none(), "{at}: response body"),
        (None, Some(m)) => assert!(m.get("response").is_none(), "{at}: response body"),
    }
    for (i, ex) in op.examples.iter().enumerate() {
        if sdkgen::openapi::is_body_example(op, ex) {
            let body = if ex.request { o["requestBody"].clone() } else { response.clone() };
            let key = format!("{}_{}", operation_id(op), i + 1);
            let media = media(&body);
            let found = if media["examples"].get(&key).is_some() { &media["examples"][&key] } else { &media[BREAKING][&key] };
            assert_eq!(found["value"], ex.value, "{at}: example {}", i + 1);
        } else {
            let component = &doc["components"]["schemas"][component_name(op, &ex.ty)];
            let fits = component["examples"].as_array().is_some_and(|e| e.contains(&ex.value));
            let breaks = component[BREAKING].as_array().is_some_and(|e| e.iter().any(|b| b["value"] == ex.value));
            assert!(fits || breaks, "{at}: example {}", i + 1);
        }
    }
    for t in &op.types {
        check_type(doc, op, t);
    }
}

#[test]
fn every_document_reads_back_as_its_spec_and_nothing_else() {
    let m = model();
    for (name, text) in &documents(&m) {
        let doc = parse(name, text);
        assert_eq!(doc["openapi"], "3.1.0");
        let service = name.trim_end_matches(".yaml");
        let ops: Vec<&OperationModel> = m.operations.iter().filter(|o| o.service == service).collect();
        for op in &ops {
            check_operation(&doc, op);
        }
        // Nothing else: as many operations (shared ones counted per member) and components as the spec has.
        let mut count = 0;
        for item in doc["paths"].as_object().expect("paths").values() {
            for o in item.as_object().expect("path item").values() {
                count += o.get("x-otc-operations").map_or(1, |m| m.as_array().map_or(0, Vec::len));
            }
        }
        assert_eq!(count, ops.len(), "{name}: operations");
        let types: usize = ops.iter().map(|o| o.types.len()).sum();
        assert_eq!(doc["components"]["schemas"].as_object().map_or(0, |s| s.len()), types, "{name}: components");
    }
}

/// Every example of a document (media types and components) validates against its own schema,
/// and every example set apart as breaking it does not, with the reasons given.
#[test]
fn every_example_validates_against_its_schema() {
    let m = model();
    let (mut fitting, mut breaking) = (0, 0);
    let mut failures = Vec::new();
    for (name, text) in &documents(&m) {
        let doc = parse(name, text);
        let mut validate = |at: String, schema: &Value, example: &Value, should_fit: bool| {
            let mut root = schema.clone();
            root["components"] = doc["components"].clone();
            let validator = jsonschema::draft202012::new(&root).unwrap_or_else(|e| panic!("{name} {at}: schema: {e}"));
            let errors: Vec<String> = validator.iter_errors(example).map(|e| format!("{} at {}", e, e.instance_path())).collect();
            if should_fit && !errors.is_empty() {
                failures.push(format!("{name} {at}:\n  {}", errors.join("\n  ")));
            }
            if !should_fit && errors.is_empty() {
                failures.push(format!("{name} {at}: set apart as breaking its schema, but fits it"));
            }
            if should_fit {
                fitting += 1
            } else {
                breaking += 1
            }
        };
        for (path, item) in doc["paths"].as_object().expect("paths") {
            for (method, o) in item.as_object().expect("path item") {
                let mut bodies = vec![("request".to_owned(), &o["requestBody"])];
                for (status, r) in o["responses"].as_object().into_iter().flatten() {
                    bodies.push((status.clone(), r));
                }
                for (which, body) in bodies {
                    let media = &body["content"]["application/json"];
                    for (key, ex) in media["examples"].as_object().into_iter().flatten() {
                        validate(format!("{method} {path} {which} {key}"), &media["schema"], &ex["value"], true);
                    }
                    for (key, ex) in media[BREAKING].as_object().into_iter().flatten() {
                        assert!(ex["problems"].as_array().is_some_and(|p| !p.is_empty()), "{name} {path} {key}: no reasons");
                        // It breaks the body of its own operation (`<operation id>_<n>`), which at a
                        // shared endpoint is one of the `anyOf`.
                        let (id, n) = key.rsplit_once('_').expect("<operation id>_<n>");
                        let op = m
                            .operations
                            .iter()
                            .find(|o| o.service == name.trim_end_matches(".yaml") && operation_id(o) == id)
                            .expect("the example's operation");
                        let own = reference(op, &op.examples[n.parse::<usize>().expect("a number") - 1].ty);
                        validate(format!("{method} {path} {which} {key}"), &own, &ex["value"], false);
                    }
                }
            }
        }
        for (component, schema) in doc["components"]["schemas"].as_object().expect("schemas") {
            let own = serde_json::json!({ "$ref": format!("#/components/schemas/{component}") });
            for ex in schema["examples"].as_array().into_iter().flatten() {
                validate(format!("component {component}"), &own, ex, true);
            }
            for ex in schema[BREAKING].as_array().into_iter().flatten() {
                assert!(ex["problems"].as_array().is_some_and(|p| !p.is_empty()), "{name} {component}: no reasons");
                validate(format!("component {component}"), &own, &ex["value"], false);
            }
        }
    }
    let examples: usize = m.operations.iter().map(|o| o.examples.len()).sum();
    assert_eq!(fitting + breaking, examples, "every example of the spec was checked once");
    assert!(fitting > breaking * 3, "most examples fit their schema: {fitting} fit, {breaking} break");
    assert!(failures.is_empty(), "{} of {} examples are misplaced:\n{}", failures.len(), examples, failures.join("\n"));
    println!("examples: {fitting} fit their schema, {breaking} break it (set apart with the reasons)");
}

#[test]
fn snapshot_of_the_fixture_operation() {
    let m = sdkgen::load_model(&common::fixture("specs"), "specs").unwrap_or_else(|e| panic!("{e}"));
    let files = sdkgen::openapi(&m, "specs").unwrap_or_else(|e| panic!("{e}"));
    insta::assert_snapshot!("demo", files["demo.yaml"]);
}

#[test]
fn cli_writes_and_checks_the_documents() {
    let spec = common::fixture("specs");
    let spec = spec.to_str().expect("utf-8 path");
    let tmp = tempfile::tempdir().expect("temp dir");
    let out = tmp.path().join("generated");
    let api = tmp.path().join("openapi");
    let (out, api) = (out.to_str().expect("utf-8"), api.to_str().expect("utf-8"));
    let (code, stdout, stderr) = common::cli(&["openapi", "--spec", spec, "--openapi", api]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(stdout.contains("wrote   demo.yaml"), "{stdout}");
    assert!(!std::path::Path::new(out).exists(), "`openapi` writes the documents only");
    let (code, stdout, stderr) = common::cli(&["--spec", spec, "--out", out, "--openapi", api]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(stdout.contains("OpenAPI: 1 documents, made in"), "{stdout}");
    assert!(stdout.contains("0 files written, 1 unchanged"), "{stdout}");
    let (code, stdout, _) = common::cli(&["check", "--spec", spec, "--out", out, "--openapi", api]);
    assert_eq!(code, 0, "{stdout}");
    std::fs::write(tmp.path().join("openapi/demo.yaml"), "openapi: 3.1.0\n").expect("writable");
    std::fs::write(tmp.path().join("openapi/old.yaml"), "openapi: 3.1.0\n").expect("writable");
    let (code, stdout, stderr) = common::cli(&["check", "--spec", spec, "--out", out, "--openapi", api]);
    assert_eq!(code, 1, "{stdout}");
    assert!(stdout.contains("differs:   demo.yaml"), "{stdout}");
    assert!(stdout.contains("not generated by any spec: old.yaml"), "{stdout}");
    assert!(stderr.contains("2 stale file(s)"), "{stderr}");
}

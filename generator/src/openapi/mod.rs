//! `Model` → one OpenAPI 3.1 document per service (`openapi/<service>.yaml`), for every tool that
//! is not our Rust SDK: other languages' generators, Swagger UI / Redoc, mock servers.
//!
//! Everything the spec knows and nothing else. What OpenAPI has no keyword for is kept in
//! extensions named `x-otc-…` (see `docs/openapi.md`). Deterministic: keys are inserted in a
//! fixed order (serde_json keeps insertion order), paths are sorted, operations follow the spec tree.

mod examples;
mod operation;
mod pieces;
mod schema;
mod yaml;

use std::collections::BTreeMap;

use serde_json::{json, Map, Value};

pub use operation::{endpoint_id, is_body_example, operation_id, AKSK_SCHEME, TOKEN_HEADER, TOKEN_SCHEME};

/// The extension naming the signing algorithm of the AK/SK security scheme.
const EXT_SIGNING: &str = "x-otc-signing";
pub use schema::{anchored, component_name, typed_default, EXT};

use crate::cache::Cache;
use crate::emit::Files;
use crate::model::{Model, OperationModel};
use operation::Endpoint;

/// The OpenAPI version written.
pub const OPENAPI_VERSION: &str = "3.1.0";

/// The server URL pattern: the HTTP client's default endpoint template
/// (`generator/runtime/client/endpoint.rs`, `DEFAULT_TEMPLATE`; a test keeps them equal).
pub const SERVER_TEMPLATE: &str = "https://{service}.{region}.otc.t-systems.com";

/// The region offered by default (the client documentation's example region).
pub const DEFAULT_REGION: &str = "eu-de";

/// HTTP methods in the order OpenAPI lists them in a path item.
const METHODS: [&str; 8] = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/// Every service's document: `<service>.yaml` → text.
pub fn emit(model: &Model) -> Result<Files, String> {
    emit_with(model, crate::parallel::threads(), None)
}

/// [`emit`] on up to `threads` threads (one service each). With a `cache`, a service's document
/// is taken whole from it when it holds it for exactly the service's operations and this
/// generator; else it is put together from pieces (see `openapi::pieces`): each path item and each
/// operation's components, taken from the cache where they did not change and made afresh where
/// they did. Both are stored for the next run. The documents are the same either way (a test
/// renders the spec tree both ways); without a cache (`check`), each document is made whole.
pub fn emit_with(model: &Model, threads: usize, cache: Option<&Cache>) -> Result<Files, String> {
    let services: Vec<(&str, Vec<&OperationModel>)> = by_service(model).into_iter().collect();
    let documents = crate::parallel::map_in_order(&services, threads, |(service, ops)| {
        let file = format!("{service}.yaml");
        let Some(cache) = cache else { return render(service, ops).map(|text| (file, text)) };
        // A service's document depends on its operations alone.
        let key = format!("openapi/{service}");
        let models: Vec<String> = ops.iter().map(|op| format!("{op:?}")).collect();
        let inputs: Vec<&str> = models.iter().map(String::as_str).collect();
        if let Some(mut hit) = cache.get(&key, &inputs).filter(|o| o.len() == 1 && o[0].0 == file) {
            return Ok(hit.remove(0));
        }
        let text = pieces::assemble(service, ops, &inputs, cache)?;
        cache.put(&key, &inputs, &[(file.clone(), text.clone())]);
        Ok((file, text))
    });
    documents.into_iter().collect()
}

/// The operations of each service (one document each), in spec order.
fn by_service(model: &Model) -> BTreeMap<&str, Vec<&OperationModel>> {
    let mut out: BTreeMap<&str, Vec<&OperationModel>> = BTreeMap::new();
    for op in &model.operations {
        out.entry(op.service.as_str()).or_default().push(op);
    }
    out
}

/// The text of a service's document, made whole.
fn render(service: &str, ops: &[&OperationModel]) -> Result<String, String> {
    document(service, ops).and_then(|doc| yaml::render(&source(service), &doc))
}

/// What a document names as its source (its first line).
fn source(service: &str) -> String {
    format!("spec/{service}/")
}

/// The document of one service, as a JSON value.
pub fn document(service: &str, ops: &[&OperationModel]) -> Result<Value, String> {
    let mut d = head(service, ops);
    let schemas = schemas(ops)?;
    let mut components = Map::new();
    components.insert("schemas".into(), schemas);
    let components = Value::Object(components);
    d.insert("paths".into(), paths(ops, &examples::SchemaValidator::new(&components))?);
    let Value::Object(mut components) = components else { unreachable!("built as an object") };
    if let Some(schemes) = security_schemes(ops) {
        components.insert("securitySchemes".into(), schemes);
    }
    d.insert("components".into(), Value::Object(components));
    Ok(Value::Object(d))
}

/// What comes before the paths: the OpenAPI version, `info`, `servers` and `tags`.
fn head(service: &str, ops: &[&OperationModel]) -> Map<String, Value> {
    let mut versions: Vec<&str> = ops.iter().map(|op| op.version.as_str()).collect();
    versions.dedup();
    let mut d = Map::new();
    d.insert("openapi".into(), json!(OPENAPI_VERSION));
    d.insert(
        "info".into(),
        json!({
            "title": format!("{} API of Open Telekom Cloud (transcribed)", service),
            "version": versions.join(", "),
            "description": format!(
                "Transcribed by otc-sdkgen from the API reference pages of `{service}` (the spec files under \
                 `spec/{service}/`): {} operations. Extensions `{EXT}*` keep what OpenAPI has no keyword for.",
                ops.len()
            ),
        }),
    );
    d.insert(
        "servers".into(),
        json!([{
            "url": SERVER_TEMPLATE.replace("{service}", service),
            "variables": { "region": { "default": DEFAULT_REGION, "description": "The region of the endpoint." } },
        }]),
    );
    d.insert(
        "tags".into(),
        Value::Array(versions.iter().map(|v| json!({ "name": v, "description": format!("API version `{v}`.") })).collect()),
    );
    d
}

/// The security schemes, when an operation takes the token header.
fn security_schemes(ops: &[&OperationModel]) -> Option<Value> {
    ops.iter().any(|op| op.headers.iter().any(operation::is_token_header)).then(|| {
        json!({ TOKEN_SCHEME: {
            "type": "apiKey",
            "in": "header",
            "name": TOKEN_HEADER,
            "description": "A token obtained from IAM (`POST /v3/auth/tokens`, the `X-Subject-Token` response header).",
        },
        AKSK_SCHEME: {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "AK/SK signing (`SDK-HMAC-SHA256`, the OTC API signing guide): `Authorization: SDK-HMAC-SHA256 Access=…, SignedHeaders=…, Signature=…` over the canonical request, with the `X-Sdk-Date` header (and `X-Security-Token` for temporary keys). OpenAPI has no scheme for request signing: this names the header; `x-otc-signing` names the algorithm.",
            EXT_SIGNING: "SDK-HMAC-SHA256",
        }})
    })
}

/// The operations grouped by path and method, sorted so (see [`Endpoint`]).
type Endpoints<'a> = BTreeMap<(&'a str, usize), Endpoint<'a>>;

fn endpoints<'a>(ops: &[&'a OperationModel]) -> Result<Endpoints<'a>, String> {
    let mut endpoints: Endpoints = BTreeMap::new();
    for op in ops {
        let method = op.method.to_ascii_lowercase();
        let Some(m) = METHODS.iter().position(|x| *x == method) else {
            return Err(format!("{}: method `{}` has no OpenAPI equivalent", op.spec_file, op.method));
        };
        endpoints
            .entry((op.path.as_str(), m))
            .or_insert_with(|| Endpoint { method: METHODS[m], path: &op.path, members: Vec::new() })
            .members
            .push(op);
    }
    Ok(endpoints)
}

/// Each endpoint's `operationId` is its own.
fn unique_ids(endpoints: &Endpoints) -> Result<(), String> {
    let mut ids: BTreeMap<String, &str> = BTreeMap::new();
    for ((path, _), e) in endpoints {
        let id = endpoint_id(e);
        if let Some(other) = ids.insert(id.clone(), path) {
            return Err(format!("operationId `{id}` of {path} is also that of {other}"));
        }
    }
    Ok(())
}

/// The path items, sorted by path; each method once (see [`Endpoint`]).
fn paths(ops: &[&OperationModel], validator: &examples::SchemaValidator) -> Result<Value, String> {
    let endpoints = endpoints(ops)?;
    unique_ids(&endpoints)?;
    let mut paths = Map::new();
    for ((path, _), e) in &endpoints {
        let item = paths.entry(path.to_string()).or_insert_with(|| json!({}));
        let operation = operation::operation(e, validator)?;
        item.as_object_mut().map(|m| m.insert(e.method.to_owned(), operation));
    }
    Ok(Value::Object(paths))
}

/// Every named type of every operation, in spec order; the examples of a type that is not a
/// body go in its schema (`examples`, or `x-otc-examples-breaking-schema` with the reasons).
fn schemas(ops: &[&OperationModel]) -> Result<Value, String> {
    unique_components(ops)?;
    let mut out = Map::new();
    for op in ops {
        for t in &op.types {
            out.insert(component_name(op, &t.name), schema::type_schema(op, t));
        }
    }
    // The examples, checked against the finished components.
    let components = json!({ "schemas": out });
    let validator = examples::SchemaValidator::new(&components);
    let mut placed: Vec<(String, &'static str, Value)> = Vec::new();
    for op in ops {
        for ex in op.examples.iter().filter(|ex| !is_body_example(op, ex)) {
            let name = component_name(op, &ex.ty);
            let problems = validator.problems(&schema::reference(op, &ex.ty), &ex.value)?;
            if problems.is_empty() {
                placed.push((name, "examples", ex.value.clone()));
            } else {
                placed.push((name, "breaking", examples::example(None, &ex.value, &problems)));
            }
        }
    }
    let Value::Object(mut components) = components else { unreachable!("built as an object") };
    let Some(Value::Object(mut out)) = components.remove("schemas") else { unreachable!("built as an object") };
    for (name, key, value) in placed {
        let key = if key == "examples" { key.to_owned() } else { examples::breaking_key() };
        if let Some(Value::Object(s)) = out.get_mut(&name) {
            match s.entry(key).or_insert_with(|| json!([])) {
                Value::Array(list) => list.push(value),
                _ => unreachable!("inserted as a list"),
            }
        }
    }
    Ok(Value::Object(out))
}

/// No two types have one component name.
fn unique_components(ops: &[&OperationModel]) -> Result<(), String> {
    let mut names = std::collections::BTreeSet::new();
    for op in ops {
        for t in &op.types {
            let name = component_name(op, &t.name);
            if !names.insert(name.clone()) {
                return Err(format!("{}: component `{name}` is defined twice", op.spec_file));
            }
        }
    }
    Ok(())
}

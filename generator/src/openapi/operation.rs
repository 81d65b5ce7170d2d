//! Operations → OpenAPI operation objects: parameters, request and response bodies with their
//! examples, security, provenance.
//!
//! OpenAPI has one operation per method and path; the reference has several operations on one
//! (`POST …/action`, told apart by the body). Such a group becomes one OpenAPI operation whose
//! bodies are the `oneOf` of the members' bodies, and each member is listed, with its own id,
//! title, description, bodies and source, under `x-otc-operations`. [`Endpoint`] is that group.

use serde_json::{json, Map, Value};

use super::examples::{self as schema_examples, SchemaValidator};
use super::schema::{self, EXT};
use crate::model::{ExampleModel, HeaderModel, OperationModel};

/// The name of the security scheme of the token header.
pub const TOKEN_SCHEME: &str = "token";
/// The name of the security scheme of AK/SK request signing (what the client's `Auth::aksk` does).
pub const AKSK_SCHEME: &str = "aksk";
/// The header that carries an IAM token.
pub const TOKEN_HEADER: &str = "X-Auth-Token";

/// The operations of one method and path (usually one).
pub struct Endpoint<'a> {
    pub method: &'a str,
    pub path: &'a str,
    pub members: Vec<&'a OperationModel>,
}

/// The `operationId` of one operation: its module path below the service, `v3_create_instance`.
pub fn operation_id(op: &OperationModel) -> String {
    format!("{}_{}", op.version_module, op.id)
}

/// The `operationId` of an endpoint: its members' ids joined by `_or_`.
pub fn endpoint_id(e: &Endpoint) -> String {
    e.members.iter().map(|op| operation_id(op)).collect::<Vec<_>>().join("_or_")
}

/// Whether a header is the token header (header names are case-insensitive).
pub fn is_token_header(h: &HeaderModel) -> bool {
    h.name.eq_ignore_ascii_case(TOKEN_HEADER)
}

/// The operation object of an endpoint.
pub fn operation(e: &Endpoint, validator: &SchemaValidator) -> Result<Value, String> {
    let first = e.members[0];
    let single = e.members.len() == 1;
    let mut o = Map::new();
    o.insert("tags".into(), json!([first.version]));
    if single {
        o.insert("summary".into(), json!(first.title));
        if let Some(d) = description(first) {
            o.insert("description".into(), json!(d));
        }
    } else {
        o.insert("summary".into(), json!(e.members.iter().map(|m| m.title.as_str()).collect::<Vec<_>>().join(" / ")));
        o.insert(
            "description".into(),
            json!(format!(
                "Several operations of the reference share this method and path; the request body tells them apart. \
                 Each is described under `{EXT}operations`: {}.",
                e.members.iter().map(|m| format!("`{}` ({})", operation_id(m), m.title)).collect::<Vec<_>>().join(", ")
            )),
        );
    }
    o.insert("operationId".into(), json!(endpoint_id(e)));
    // Deprecated when every operation of the endpoint is (older API folders of the reference).
    if e.members.iter().all(|m| m.deprecated.is_some()) {
        o.insert("deprecated".into(), json!(true));
    }
    let parameters = parameters(e);
    if !parameters.is_empty() {
        o.insert("parameters".into(), Value::Array(parameters));
    }
    if let Some(body) = request_body(e, validator)? {
        o.insert("requestBody".into(), body);
    }
    o.insert("responses".into(), responses(e, validator)?);
    if let Some(security) = security(e) {
        o.insert("security".into(), security);
    }
    if single {
        provenance(&mut o, first);
    } else {
        let members: Vec<Value> = e.members.iter().map(|m| member(m)).collect();
        o.insert(format!("{EXT}operations"), Value::Array(members));
    }
    Ok(Value::Object(o))
}

/// The page's text and the page it comes from.
fn description(op: &OperationModel) -> Option<String> {
    let source = op.source.as_ref().map(|s| format!("Source page: `{s}`."));
    match (&op.doc, source) {
        (Some(d), Some(s)) => Some(format!("{d}\n\n{s}")),
        (Some(d), None) => Some(d.clone()),
        (None, s) => s,
    }
}

/// `x-otc-source`, `x-otc-notes` and `x-otc-deprecated` (why the operation is deprecated).
fn provenance(o: &mut Map<String, Value>, op: &OperationModel) {
    if let Some(why) = &op.deprecated {
        o.insert(format!("{EXT}deprecated"), json!(why));
    }
    if let Some(source) = &op.source {
        o.insert(format!("{EXT}source"), json!(source));
    }
    if !op.notes.is_empty() {
        let notes: Vec<Value> = op.notes.iter().map(|n| json!({ "about": n.about, "why": n.why })).collect();
        o.insert(format!("{EXT}notes"), Value::Array(notes));
    }
}

/// One member of a shared endpoint, under `x-otc-operations`.
fn member(op: &OperationModel) -> Value {
    let mut m = Map::new();
    m.insert("operationId".into(), json!(operation_id(op)));
    m.insert("summary".into(), json!(op.title));
    if let Some(d) = description(op) {
        m.insert("description".into(), json!(d));
    }
    if let Some(r) = &op.request {
        m.insert("requestBody".into(), schema::reference(op, r));
    }
    m.insert("status".into(), json!(op.status.to_string()));
    if op.deprecated.is_some() {
        m.insert("deprecated".into(), json!(true));
    }
    if let Some(r) = &op.response {
        m.insert("response".into(), schema::reference(op, r));
    }
    provenance(&mut m, op);
    Value::Object(m)
}

/// Path, query and header parameters (the token header is a security scheme instead), each once
/// across the members; required when every member requires it.
fn parameters(e: &Endpoint) -> Vec<Value> {
    let mut out: Vec<(String, String, Map<String, Value>)> = Vec::new();
    let n = e.members.len();
    let mut add = |place: &str, name: &str, required: bool, doc: Option<&str>, schema: Value| {
        if let Some((_, _, p)) = out.iter_mut().find(|(pl, nm, _)| pl == place && nm == name) {
            let count = p.get("x-count").and_then(Value::as_u64).unwrap_or(1) + u64::from(required);
            p.insert("x-count".into(), json!(count));
            return;
        }
        let mut p = Map::new();
        p.insert("name".into(), json!(name));
        p.insert("in".into(), json!(place));
        if let Some(doc) = doc {
            p.insert("description".into(), json!(doc));
        }
        p.insert("required".into(), json!(required));
        p.insert("schema".into(), schema);
        p.insert("x-count".into(), json!(u64::from(required)));
        out.push((place.to_owned(), name.to_owned(), p));
    };
    for op in &e.members {
        for p in &op.path_params {
            add("path", &p.wire, true, p.doc.as_deref(), schema::parameter(op, p));
        }
        for p in &op.query_params {
            add("query", &p.wire, p.required, p.doc.as_deref(), schema::parameter(op, p));
        }
        for h in op.headers.iter().filter(|h| !is_token_header(h)) {
            let schema = if h.sensitive { json!({ "type": "string", "format": "password" }) } else { json!({ "type": "string" }) };
            add("header", &h.name, h.required, h.doc.as_deref(), schema);
        }
    }
    out.into_iter()
        .map(|(_, _, mut p)| {
            let count = p.remove("x-count").and_then(|c| c.as_u64()).unwrap_or(0);
            p.insert("required".into(), json!(count as usize == n));
            Value::Object(p)
        })
        .collect()
}

/// The request body: the member's body type, or the `anyOf` of the members' bodies (`anyOf`:
/// the members' bodies may overlap; `x-otc-operations` says which is which).
fn request_body(e: &Endpoint, validator: &SchemaValidator) -> Result<Option<Value>, String> {
    let with_body: Vec<&&OperationModel> = e.members.iter().filter(|op| op.request.is_some()).collect();
    if with_body.is_empty() {
        return Ok(None);
    }
    let schema = one_or_many(with_body.iter().map(|op| schema::reference(op, op.request.as_deref().unwrap_or_default())).collect());
    let media = media_type(e, schema, true, validator)?;
    Ok(Some(json!({
        "required": with_body.len() == e.members.len(),
        "content": { "application/json": media },
    })))
}

/// The documented success status of each member, with its response body.
fn responses(e: &Endpoint, validator: &SchemaValidator) -> Result<Value, String> {
    let mut statuses: Vec<u16> = e.members.iter().map(|op| op.status).collect();
    statuses.sort_unstable();
    statuses.dedup();
    let mut out = Map::new();
    for status in statuses {
        let members: Vec<&&OperationModel> = e.members.iter().filter(|op| op.status == status).collect();
        let bodies: Vec<Value> = members.iter().filter_map(|op| Some(schema::reference(op, op.response.as_deref()?))).collect();
        let mut r = Map::new();
        r.insert("description".into(), json!("The documented success response."));
        if !bodies.is_empty() {
            let sub = Endpoint { method: e.method, path: e.path, members: members.into_iter().copied().collect() };
            r.insert("content".into(), json!({ "application/json": media_type(&sub, one_or_many(bodies), false, validator)? }));
        }
        out.insert(status.to_string(), Value::Object(r));
    }
    Ok(Value::Object(out))
}

fn one_or_many(mut schemas: Vec<Value>) -> Value {
    if schemas.len() == 1 {
        schemas.remove(0)
    } else {
        json!({ "anyOf": schemas })
    }
}

/// A media type: the schema, the page examples of the members' request (or response) bodies that
/// fit it, named `<operation id>_<n>` (`n`: the example's place in the spec, from 1), and those
/// that do not. Examples of other types are in their component.
fn media_type(e: &Endpoint, schema: Value, request: bool, validator: &SchemaValidator) -> Result<Value, String> {
    let mut fitting = Map::new();
    let mut breaking = Map::new();
    for op in &e.members {
        for (i, ex) in op.examples.iter().enumerate() {
            if is_body_example(op, ex) && ex.request == request {
                // Against the member's own body: its reasons are the useful ones (and fitting it is fitting `anyOf`).
                let problems = validator.problems(&schema::reference(op, &ex.ty), &ex.value)?;
                let name = format!("{}_{}", operation_id(op), i + 1);
                let to = if problems.is_empty() { &mut fitting } else { &mut breaking };
                to.insert(name, schema_examples::example(ex.title.as_deref(), &ex.value, &problems));
            }
        }
    }
    let mut m = Map::new();
    m.insert("schema".into(), schema);
    if !fitting.is_empty() {
        m.insert("examples".into(), Value::Object(fitting));
    }
    if !breaking.is_empty() {
        m.insert(schema_examples::breaking_key(), Value::Object(breaking));
    }
    Ok(Value::Object(m))
}

/// Whether an example is of the operation's request or response body (others go to the
/// component of their type).
pub fn is_body_example(op: &OperationModel, ex: &ExampleModel) -> bool {
    let body = if ex.request { &op.request } else { &op.response };
    body.as_deref() == Some(ex.ty.as_str())
}

/// The token header as a security requirement: required by every member, or optional.
fn security(e: &Endpoint) -> Option<Value> {
    let token: Vec<Option<bool>> = e.members.iter().map(|op| op.headers.iter().find(|h| is_token_header(h)).map(|h| h.required)).collect();
    if token.iter().all(Option::is_none) {
        return None;
    }
    // A token or an AK/SK signature authenticates a call (either; OpenAPI lists alternatives).
    Some(if token.iter().all(|t| *t == Some(true)) {
        json!([{ TOKEN_SCHEME: [] }, { AKSK_SCHEME: [] }])
    } else {
        json!([{ TOKEN_SCHEME: [] }, { AKSK_SCHEME: [] }, {}])
    })
}

//! `Spec` → `Model`: every reference resolved, every name valid, every error collected with its
//! file and line. Checking goes on after an error, so that one run reports them all.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use crate::diag::Diagnostic;
use crate::idents;
use crate::model::*;
use crate::spec::locate::Step;
use crate::spec::{Constraints, ExampleKind, Field, Param, ServiceMarks, SpecFile, TypeDef, TypeExpr};

const METHODS: &[&str] = &["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD"];

/// Checks every loaded file; the operations of the files without errors, and every error.
pub fn resolve_all(files: &[SpecFile]) -> (Model, Vec<Diagnostic>) {
    let mut model = Model::default();
    let mut errors = Vec::new();
    // Each file on its own, on the emit threads (in file order whatever the thread count).
    for result in crate::parallel::map_in_order(files, crate::parallel::threads(), resolve_file) {
        match result {
            Ok(op) => model.operations.push(op),
            Err(mut e) => errors.append(&mut e),
        }
    }
    model.operations.sort_by(|a, b| (&a.service, &a.version_module, &a.id).cmp(&(&b.service, &b.version_module, &b.id)));
    // Two spec folders that map to one module (`v3.1` and `v3_1`) would overwrite each other.
    let mut seen: HashMap<String, &str> = HashMap::new();
    for op in &model.operations {
        if let Some(other) = seen.insert(op.module_path(), &op.spec_file) {
            errors.push(Diagnostic::new(op.spec_file.clone(), None, format!("module `{}` is also produced by {other}", op.module_path())));
        }
    }
    (model, errors)
}

/// Puts the marks of whole services into `model`: each must name a service with operations, and
/// its busy codes must be codes (`DBS.200011`), each once.
pub fn resolve_service_marks(model: &mut Model, marks: BTreeMap<String, ServiceMarks>, display_root: &str) -> Vec<Diagnostic> {
    let mut errors = Vec::new();
    for (service, m) in marks {
        let file = format!("{}/{service}/{}", display_root.trim_end_matches('/'), crate::spec::SERVICE_MARKS_FILE);
        if !model.operations.iter().any(|op| op.service == service) {
            errors.push(Diagnostic::new(
                file,
                None,
                format!("expected the marks of a service with operations, found `{service}`, which has none"),
            ));
            continue;
        }
        let mut seen = BTreeSet::new();
        for c in &m.busy_codes {
            if c.code.is_empty() || c.code.contains(char::is_whitespace) {
                errors.push(Diagnostic::new(
                    file.clone(),
                    None,
                    format!("busy_codes: expected an error code such as `DBS.200011`, found `{}`", c.code),
                ));
            } else if !seen.insert(c.code.as_str()) {
                errors.push(Diagnostic::new(file.clone(), None, format!("busy_codes: `{}` is listed twice", c.code)));
            }
        }
        model.service_marks.insert(service, m);
    }
    errors
}

struct Resolver<'a> {
    file: &'a SpecFile,
    errors: Vec<Diagnostic>,
}

fn k(s: &str) -> Step {
    Step::Key(s.to_owned())
}

impl<'a> Resolver<'a> {
    fn error(&mut self, path: &[Step], message: impl Into<String>) {
        let line = self.file.locator.line(path);
        self.errors.push(Diagnostic::new(self.file.display.clone(), line, message));
    }
}

/// Checks one spec file.
pub fn resolve_file(file: &SpecFile) -> Result<OperationModel, Vec<Diagnostic>> {
    let mut c = Resolver { file, errors: Vec::new() };
    let spec = &file.spec;
    let op = &spec.operation;

    // The operation.
    if !idents::is_snake(&op.id) {
        c.error(&[k("operation"), k("id")], format!("expected a snake_case operation id, found `{}`", op.id));
    } else if op.id != file.stem {
        c.error(&[k("operation"), k("id")], format!("expected operation id `{}` (the file name), found `{}`", file.stem, op.id));
    }
    let method = op.method.to_ascii_uppercase();
    if !METHODS.contains(&method.as_str()) {
        c.error(&[k("operation"), k("method")], format!("expected one of {}, found `{}`", METHODS.join(", "), op.method));
    }
    if !op.path.starts_with('/') {
        c.error(&[k("operation"), k("path")], format!("expected a path starting with `/`, found `{}`", op.path));
    }
    let type_name = idents::camel(&op.id);
    // Every name the emitter puts beside the spec's types: the operation's own types, the runtime's
    // imports, and each struct's builder and slots (a type `VolumeBuilder` next to `Volume` would
    // not compile).
    let mut reserved: Vec<(String, String)> = vec![
        (type_name.clone(), "the operation's type".to_owned()),
        (names::path_params(&type_name), "the operation's path parameters".to_owned()),
        (names::query(&type_name), "the operation's query parameters".to_owned()),
    ];
    reserved.extend(RUNTIME_NAMES.iter().map(|n| (n.to_string(), "imported from the runtime".to_owned())));
    for name in spec.types.iter().filter(|(_, d)| d.fields.is_some()).map(|(name, _)| name) {
        reserved.push((names::builder(name), format!("the builder of `{name}`")));
        reserved.push((names::slots(name), format!("the reading slots of `{name}`")));
    }

    // Type names, first: fields refer to them.
    let mut kinds: HashMap<&str, NamedKind> = HashMap::new();
    let mut modules: HashMap<String, &str> = HashMap::new();
    for (name, def) in &spec.types {
        let at = [k("types"), k(name)];
        if !idents::is_upper_camel(name) {
            c.error(&at, format!("expected an UpperCamelCase type name, found `{name}`"));
        } else if idents::RESERVED_TYPE_NAMES.contains(&name.as_str()) {
            c.error(&at, format!("type name `{name}` is reserved by the generated code; choose another"));
        } else if let Some((_, what)) = reserved.iter().find(|(r, _)| r == name) {
            c.error(&at, format!("type name `{name}` is also {what} in the generated code; choose another"));
        }
        let module = idents::snake(name);
        if let Some(other) = modules.insert(module.clone(), name) {
            c.error(&at, format!("types `{other}` and `{name}` would both be module `{module}`"));
        }
        let shapes = [def.fields.is_some(), def.values.is_some(), def.one_of.is_some()];
        match shapes {
            [true, false, false] => {
                kinds.insert(name, NamedKind::Struct);
            }
            [false, true, false] => {
                kinds.insert(name, NamedKind::Enum);
            }
            [false, false, true] => {
                kinds.insert(name, NamedKind::OneOf);
            }
            _ => c.error(
                &at,
                format!(
                    "expected exactly one of `fields`, `enum`, `one_of` in type `{name}`, found {}",
                    shapes.iter().filter(|s| **s).count()
                ),
            ),
        }
    }

    let path_params = resolve_params(&mut c, "path_params", &op.path_params, &kinds, true);
    let query_params = resolve_params(&mut c, "query_params", &op.query_params, &kinds, false);
    resolve_path(&mut c, &op.path, &path_params);

    let mut headers = Vec::new();
    let mut header_names = HashSet::new();
    for (i, h) in op.headers.iter().enumerate() {
        if !header_names.insert(h.name.to_ascii_lowercase()) {
            c.error(&[k("operation"), k("headers"), Step::Index(i)], format!("duplicate header `{}`", h.name));
        }
        headers.push(HeaderModel { name: h.name.clone(), required: h.required, sensitive: h.sensitive, doc: h.doc.clone() });
    }

    let mut types = Vec::new();
    for (name, def) in &spec.types {
        let Some(kind) = resolve_type(&mut c, name, def, &kinds) else { continue };
        types.push(TypeModel {
            name: name.clone(),
            module: idents::snake(name),
            doc: def.doc.clone(),
            table: def.table.clone(),
            kind,
            in_request: false,
            in_response: false,
        });
    }

    for (key, value) in [("request", &op.request), ("response", &op.response)] {
        if let Some(name) = value {
            if !kinds.contains_key(name.as_str()) {
                c.error(&[k("operation"), k(key)], format!("expected a type defined under `types`, found `{name}`"));
            }
        }
    }

    // Examples.
    let mut examples = Vec::new();
    for (i, ex) in spec.examples.iter().enumerate() {
        let at = [k("examples"), Step::Index(i)];
        let request = ex.kind == ExampleKind::Request;
        let ty = ex.ty.clone().or_else(|| if request { op.request.clone() } else { op.response.clone() });
        let Some(ty) = ty else {
            c.error(
                &at,
                format!(
                    "expected a `type` for this {} example: the operation has no {} type",
                    if request { "request" } else { "response" },
                    if request { "request" } else { "response" }
                ),
            );
            continue;
        };
        if !kinds.contains_key(ty.as_str()) {
            c.error(&at, format!("expected a type defined under `types`, found `{ty}`"));
            continue;
        }
        match serde_json::from_str::<serde_json::Value>(&ex.json) {
            Ok(value) => examples.push(ExampleModel { title: ex.title.clone(), request, ty, value }),
            Err(e) => {
                let line = file.locator.line(&[k("examples"), Step::Index(i), k("json")]).map(|l| l + e.line());
                c.errors.push(Diagnostic::new(
                    file.display.clone(),
                    line,
                    format!("expected valid JSON in the example, found an error: {e}"),
                ));
            }
        }
    }

    if !c.errors.is_empty() {
        return Err(c.errors);
    }

    // Reachability: which types are part of requests (validated) and of responses.
    let mut model = OperationModel {
        // Headers name the file as the repository does, whatever the `--spec` spelling (`./spec`,
        // an absolute path): generated output never depends on where it was run from.
        spec_file: file.source_name(),
        service: file.service.clone(),
        version: file.version.clone(),
        version_module: version_module(&file.version),
        id: op.id.clone(),
        type_name,
        title: op.title.clone(),
        doc: op.doc.clone(),
        method,
        path: op.path.clone(),
        status: op.status.unwrap_or(200),
        path_params,
        query_params,
        headers,
        request: op.request.clone(),
        response: op.response.clone(),
        deprecated: op.deprecated.clone(),
        types,
        examples,
        notes: spec.notes.clone(),
        source: spec.source.as_ref().map(|s| s.doc.clone()),
        paging: op.paging.clone(),
        job_query: op.job_query.clone(),
        instance_query: op.instance_query.clone(),
    };
    resolve_marks(&mut c, &model);
    if !c.errors.is_empty() {
        return Err(c.errors);
    }
    let mut roots_req: Vec<String> = model.request.iter().cloned().collect();
    let mut roots_resp: Vec<String> = model.response.iter().cloned().collect();
    for ex in &model.examples {
        if ex.request {
            roots_req.push(ex.ty.clone())
        } else {
            roots_resp.push(ex.ty.clone())
        }
    }
    let resp = reachable(&model, &roots_resp);
    // A type no body reaches is still generated; it is treated as a request type (checked), and
    // so is everything it reaches.
    let mut req = reachable(&model, &roots_req);
    let orphans: Vec<String> = model.types.iter().map(|t| t.name.clone()).filter(|n| !req.contains(n) && !resp.contains(n)).collect();
    roots_req.extend(orphans);
    req = reachable(&model, &roots_req);
    for t in &mut model.types {
        t.in_request = req.contains(&t.name);
        t.in_response = resp.contains(&t.name);
    }
    Ok(model)
}

/// `v3.1` → `v3_1`.
pub fn version_module(version: &str) -> String {
    version.replace(['.', '-'], "_").to_ascii_lowercase()
}

fn reachable(model: &OperationModel, roots: &[String]) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut todo: Vec<String> = roots.to_vec();
    while let Some(name) = todo.pop() {
        if !seen.insert(name.clone()) {
            continue;
        }
        let Some(t) = model.get(&name) else { continue };
        match &t.kind {
            Kind::Struct(fields) => {
                for f in fields {
                    f.ty.collect_named(&mut todo);
                }
            }
            Kind::OneOf(alts) => todo.extend(alts.iter().cloned()),
            Kind::Enum { .. } => {}
        }
    }
    seen
}

/// Parses a spec type (`array<map<Volume>>`, [`TypeExpr`]) and resolves it ([`resolve_ty`]).
pub fn parse_ty(s: &str, kinds: &HashMap<&str, NamedKind>) -> Result<Ty, String> {
    resolve_ty(&s.parse::<TypeExpr>()?, kinds)
}

/// A spec type with its names resolved against the file's types.
pub fn resolve_ty(t: &TypeExpr, kinds: &HashMap<&str, NamedKind>) -> Result<Ty, String> {
    Ok(match t {
        TypeExpr::String => Ty::String,
        TypeExpr::Integer => Ty::Integer,
        TypeExpr::Long => Ty::Long,
        TypeExpr::Number => Ty::Number,
        TypeExpr::Boolean => Ty::Boolean,
        TypeExpr::Any => Ty::Any,
        TypeExpr::Array(inner) => Ty::Array(Box::new(resolve_ty(inner, kinds)?)),
        TypeExpr::Map(inner) => Ty::Map(Box::new(resolve_ty(inner, kinds)?)),
        TypeExpr::Named(name) => match kinds.get(name.as_str()) {
            Some(kind) => Ty::Named(name.clone(), *kind),
            None => {
                return Err(format!(
                    "expected string, integer, long, number, boolean, any, array<T>, map<T> or a type defined under `types`, found `{name}`"
                ))
            }
        },
    })
}

fn resolve_params(c: &mut Resolver, key: &str, params: &[Param], kinds: &HashMap<&str, NamedKind>, path: bool) -> Vec<ParamModel> {
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    for (i, p) in params.iter().enumerate() {
        let at = [k("operation"), k(key), Step::Index(i)];
        let rust = idents::snake(&p.name);
        if !seen.insert(rust.clone()) {
            c.error(&at, format!("duplicate parameter `{}`", p.name));
            continue;
        }
        let ty = match parse_ty(&p.ty, kinds) {
            Ok(ty) => ty,
            Err(e) => {
                c.error(&[k("operation"), k(key), Step::Index(i), k("type")], e);
                continue;
            }
        };
        let scalar = |t: &Ty| matches!(t, Ty::String | Ty::Integer | Ty::Long | Ty::Number | Ty::Boolean | Ty::Named(_, NamedKind::Enum));
        let ok = scalar(&ty) || (!path && matches!(&ty, Ty::Array(inner) if scalar(inner)));
        if !ok {
            c.error(
                &[k("operation"), k(key), Step::Index(i), k("type")],
                format!("expected a scalar or enum type for a {} parameter, found `{}`", if path { "path" } else { "query" }, p.ty),
            );
            continue;
        }
        resolve_constraints(c, &p.constraints, &ty, &[k("operation"), k(key), Step::Index(i), k("constraints")]);
        if path && !p.constraints.is_empty() && !matches!(ty, Ty::String) {
            c.error(
                &[k("operation"), k(key), Step::Index(i), k("constraints")],
                format!("constraints on a path parameter apply to a `string` (path values are text), found `{}`", p.ty),
            );
        }
        out.push(ParamModel {
            wire: p.name.clone(),
            rust,
            ty,
            required: p.required.unwrap_or(path),
            doc: p.doc.clone(),
            default: p.default.clone(),
            constraints: p.constraints.clone(),
        });
    }
    out
}

fn resolve_path(c: &mut Resolver, path: &str, params: &[ParamModel]) {
    let mut placeholders = Vec::new();
    let mut rest = path;
    while let Some(open) = rest.find('{') {
        match rest[open..].find('}') {
            Some(close) => {
                placeholders.push(rest[open + 1..open + close].to_owned());
                rest = &rest[open + close + 1..];
            }
            None => {
                c.error(&[k("operation"), k("path")], format!("expected `}}` after `{{` in path `{path}`"));
                return;
            }
        }
    }
    for name in &placeholders {
        if !params.iter().any(|p| &p.wire == name) {
            c.error(
                &[k("operation"), k("path")],
                format!("path parameter `{{{name}}}` is missing from `path_params` (expected an entry `- name: {name}`)"),
            );
        }
    }
    for (i, p) in params.iter().enumerate() {
        if !placeholders.contains(&p.wire) {
            c.error(
                &[k("operation"), k("path_params"), Step::Index(i)],
                format!("path parameter `{}` does not appear in path `{path}`", p.wire),
            );
        }
    }
}

fn resolve_type(c: &mut Resolver, name: &str, def: &TypeDef, kinds: &HashMap<&str, NamedKind>) -> Option<Kind> {
    let at = |extra: &[Step]| {
        let mut p = vec![k("types"), k(name)];
        p.extend_from_slice(extra);
        p
    };
    if let Some(fields) = &def.fields {
        let mut out = Vec::new();
        let mut wires = HashSet::new();
        let mut rusts: HashMap<String, String> = HashMap::new();
        for (i, f) in fields.iter().enumerate() {
            let here = at(&[k("fields"), Step::Index(i)]);
            if f.json.is_empty() {
                c.error(&here, "expected a wire name in `json`, found an empty string");
                continue;
            }
            if !wires.insert(f.json.clone()) {
                c.error(&here, format!("duplicate field `{}` in type `{name}`", f.json));
                continue;
            }
            let rust = f.name.clone().unwrap_or_else(|| idents::snake(&f.json));
            if !idents::is_identifier(&rust) || idents::is_forbidden(&rust) {
                c.error(&here, format!("expected a Rust field name, found `{rust}` (set `name:` to choose one)"));
                continue;
            }
            if rust == "other" {
                // Response structs hold the fields a page does not document in `other`.
                c.error(&here, "expected a Rust field name other than `other` (it holds the undocumented fields of a response), found `other` (set `name:` to choose one)");
                continue;
            }
            if let Some(other) = rusts.insert(rust.clone(), f.json.clone()) {
                c.error(
                    &here,
                    format!("fields `{other}` and `{}` of type `{name}` would both be `{rust}` in Rust (set `name:` on one)", f.json),
                );
                continue;
            }
            if let Some(field) = resolve_field(c, f, &here, kinds, rust) {
                out.push(field);
            }
        }
        return Some(Kind::Struct(out));
    }
    if let Some(values) = &def.values {
        if values.is_empty() {
            c.error(&at(&[k("enum")]), format!("expected at least one value in enum `{name}`, found none"));
            return None;
        }
        let mut out = Vec::new();
        let mut seen_values = HashSet::new();
        let mut seen_names = HashSet::new();
        for (i, v) in values.iter().enumerate() {
            let here = at(&[k("enum"), Step::Index(i)]);
            let key = if def.case_insensitive { v.value.to_lowercase() } else { v.value.clone() };
            if !seen_values.insert(key) {
                c.error(&here, format!("duplicate value `{}` in enum `{name}`", v.value));
                continue;
            }
            let rust = v.name.clone().unwrap_or_else(|| idents::camel(&v.value));
            if !(idents::is_identifier(&rust) && rust.starts_with(|ch: char| ch.is_ascii_uppercase())) {
                c.error(&here, format!("expected an UpperCamelCase variant name, found `{rust}`"));
                continue;
            }
            if rust == "Unknown" {
                c.error(&here, "variant name `Unknown` is the catch-all for undocumented values; set `name:` to another");
                continue;
            }
            if !seen_names.insert(rust.clone()) {
                c.error(&here, format!("two values of enum `{name}` would both be variant `{rust}` (set `name:` on one)"));
                continue;
            }
            out.push(VariantModel { value: v.value.clone(), rust, doc: v.doc.clone() });
        }
        return Some(Kind::Enum { values: out, case_insensitive: def.case_insensitive });
    }
    if let Some(alts) = &def.one_of {
        if alts.len() < 2 {
            c.error(&at(&[k("one_of")]), format!("expected at least two alternatives in `one_of`, found {}", alts.len()));
        }
        for (i, alt) in alts.iter().enumerate() {
            match kinds.get(alt.as_str()) {
                Some(NamedKind::Struct) => {}
                Some(_) => c.error(
                    &at(&[k("one_of"), Step::Index(i)]),
                    format!("expected a struct type (with `fields`) as alternative, found `{alt}`"),
                ),
                None => c.error(&at(&[k("one_of"), Step::Index(i)]), format!("expected a type defined under `types`, found `{alt}`")),
            }
        }
        return Some(Kind::OneOf(alts.clone()));
    }
    None
}

fn resolve_field(c: &mut Resolver, f: &Field, here: &[Step], kinds: &HashMap<&str, NamedKind>, rust: String) -> Option<FieldModel> {
    let sub = |s: &str| {
        let mut p = here.to_vec();
        p.push(k(s));
        p
    };
    let ty = match parse_ty(&f.ty, kinds) {
        Ok(ty) => ty,
        Err(e) => {
            c.error(&sub("type"), e);
            return None;
        }
    };
    let mut accepts = Vec::new();
    for a in &f.accepts {
        match JsonType::parse(a) {
            Some(w) if accepts_ok(&ty, w) => accepts.push(w),
            Some(_) => {
                c.error(&sub("accepts"), format!("`{}` cannot be read losslessly as `{}` (see spec/README.md for what converts)", a, f.ty))
            }
            None => {
                c.error(&sub("accepts"), format!("expected a wire type (string, integer, number, boolean, object, array), found `{a}`"))
            }
        }
    }
    if f.sensitive && ty != Ty::String {
        c.error(&sub("sensitive"), format!("expected `sensitive` only on string fields, found it on `{}`", f.ty));
    }
    if f.sensitive && !accepts.is_empty() {
        c.error(&sub("accepts"), "a sensitive field cannot have `accepts`");
    }
    resolve_constraints(c, &f.constraints, &ty, &sub("constraints"));
    if f.sensitive && (f.constraints.minimum.is_some() || f.constraints.maximum.is_some() || f.constraints.multiple_of.is_some()) {
        c.error(&sub("constraints"), "a sensitive field cannot have a numeric range (a range problem would show its value)");
    }
    Some(FieldModel {
        wire: f.json.clone(),
        rust,
        ty,
        required: f.required,
        doc: f.doc.clone(),
        default: f.default.clone(),
        sensitive: f.sensitive,
        constraints: f.constraints.clone(),
        accepts,
    })
}

/// Whether JSON type `w` converts losslessly into `ty` (the rule for `accepts`; the transcriber
/// uses it too when an example disagrees with its table).
pub fn accepts_ok(ty: &Ty, w: JsonType) -> bool {
    match ty {
        Ty::String => matches!(w, JsonType::Integer | JsonType::Number | JsonType::Boolean),
        Ty::Integer | Ty::Long | Ty::Number | Ty::Boolean => w == JsonType::String,
        Ty::Named(_, NamedKind::Enum) => matches!(w, JsonType::Integer | JsonType::Number | JsonType::Boolean),
        Ty::Array(inner) => match w {
            JsonType::Object => matches!(**inner, Ty::Named(_, NamedKind::Struct | NamedKind::OneOf) | Ty::Any | Ty::Map(_)),
            JsonType::String => matches!(**inner, Ty::String | Ty::Named(_, NamedKind::Enum)),
            JsonType::Integer => matches!(**inner, Ty::Integer | Ty::Long | Ty::Number),
            JsonType::Number => **inner == Ty::Number,
            JsonType::Boolean => **inner == Ty::Boolean,
            JsonType::Array => false,
        },
        _ => false,
    }
}

/// Which types a constraint applies to: lengths and patterns to strings; ranges and multiples to
/// numbers and to strings (a `port` documented as String with a range holds a number: the value is
/// parsed and compared, `Problems::numeric_text`); list sizes to arrays. The one statement of the
/// rule: the transcriber's last stage (`transcribe::accept`) drops what does not fit by it.
pub struct ConstraintFit {
    pub lengths_and_pattern: bool,
    pub range_and_multiple: bool,
    pub list_sizes: bool,
}

/// [`ConstraintFit`] of `ty`.
pub fn constraint_fit(ty: &Ty) -> ConstraintFit {
    ConstraintFit {
        lengths_and_pattern: matches!(ty, Ty::String),
        range_and_multiple: matches!(ty, Ty::Integer | Ty::Long | Ty::Number | Ty::String),
        list_sizes: matches!(ty, Ty::Array(_)),
    }
}

fn resolve_constraints(c: &mut Resolver, cons: &Constraints, ty: &Ty, at: &[Step]) {
    let sub = |s: &str| {
        let mut p = at.to_vec();
        p.push(k(s));
        p
    };
    let fit = constraint_fit(ty);
    let (is_string, is_number, is_array) = (fit.lengths_and_pattern, fit.range_and_multiple, fit.list_sizes);
    let checks: [(&str, bool, bool, &str); 8] = [
        ("min_length", cons.min_length.is_some(), is_string, "a string"),
        ("max_length", cons.max_length.is_some(), is_string, "a string"),
        ("pattern", cons.pattern.is_some(), is_string, "a string"),
        ("minimum", cons.minimum.is_some(), is_number, "a number or a string holding one"),
        ("maximum", cons.maximum.is_some(), is_number, "a number or a string holding one"),
        ("multiple_of", cons.multiple_of.is_some(), is_number, "a number or a string holding one"),
        ("min_items", cons.min_items.is_some(), is_array, "an array"),
        ("max_items", cons.max_items.is_some(), is_array, "an array"),
    ];
    for (name, set, fits, what) in checks {
        if set && !fits {
            c.error(&sub(name), format!("`{name}` applies to {what}, found it on `{}`", ty.spec_name()));
        }
    }
    if let Some(p) = &cons.pattern {
        if let Err(e) = regex_lite::Regex::new(p) {
            c.error(&sub("pattern"), format!("expected a valid regular expression, found `{p}`: {e}"));
        }
    }
    if let (Some(lo), Some(hi)) = (cons.minimum, cons.maximum) {
        if lo > hi {
            c.error(&sub("minimum"), format!("minimum {lo} is above maximum {hi}"));
        }
    }
    if let (Some(lo), Some(hi)) = (cons.min_length, cons.max_length) {
        if lo > hi {
            c.error(&sub("min_length"), format!("min_length {lo} is above max_length {hi}"));
        }
    }
    if matches!(ty, Ty::Integer | Ty::Long) {
        for (name, v) in [("minimum", cons.minimum), ("maximum", cons.maximum), ("multiple_of", cons.multiple_of)] {
            if let Some(v) = v {
                if v.fract() != 0.0 {
                    c.error(&sub(name), format!("expected a whole number for `{name}` of an integer field, found {v}"));
                }
            }
        }
    }
}

/// The client's marks name query parameters and response fields that exist, of the right kind.
fn resolve_marks(c: &mut Resolver<'_>, op: &OperationModel) {
    let query = |name: &str| op.query_params.iter().any(|p| p.wire == name);
    let response_field = |name: &str| -> Option<&FieldModel> {
        let Kind::Struct(fields) = &op.get(op.response.as_deref()?)?.kind else { return None };
        fields.iter().find(|f| f.wire == name)
    };
    let missing_query = |c: &mut Resolver<'_>, mark: &str, key: &str, name: &str| {
        if !query(name) {
            c.error(&[k("operation"), k(mark), k(key)], format!("expected a query parameter of the operation, found `{name}`"));
        }
    };
    if let Some(p) = &op.paging {
        missing_query(c, "paging", "offset", &p.offset);
        missing_query(c, "paging", "limit", &p.limit);
        match response_field(&p.items) {
            Some(f) if matches!(f.ty, Ty::Array(_)) && !f.sensitive => {}
            Some(f) => c.error(
                &[k("operation"), k("paging"), k("items")],
                format!("expected a list field of the response, found `{}` of type `{}`", p.items, f.ty.spec_name()),
            ),
            None => {
                c.error(&[k("operation"), k("paging"), k("items")], format!("expected a field of the response body, found `{}`", p.items))
            }
        }
        if let Some(total) = &p.total {
            match response_field(total) {
                Some(f) if matches!(f.ty, Ty::Integer | Ty::Long) => {}
                _ => c.error(
                    &[k("operation"), k("paging"), k("total")],
                    format!("expected an integer field of the response body, found `{total}`"),
                ),
            }
        }
    }
    if let Some(j) = &op.job_query {
        missing_query(c, "job_query", "id", &j.id);
        if response_field(&j.job).is_none() {
            c.error(&[k("operation"), k("job_query"), k("job")], format!("expected a field of the response body, found `{}`", j.job));
        }
    }
    if let Some(i) = &op.instance_query {
        missing_query(c, "instance_query", "id", &i.id);
        if !response_field(&i.items).is_some_and(|f| matches!(f.ty, Ty::Array(_))) {
            c.error(
                &[k("operation"), k("instance_query"), k("items")],
                format!("expected a list field of the response body, found `{}`", i.items),
            );
        }
    }
}

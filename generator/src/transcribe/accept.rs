//! The last stage of a transcription: make the spec one the generator accepts.
//!
//! Whatever a page says, `generate` must take the transcriber's output. Each conflict the
//! generator's resolver (`crate::resolve`) would refuse is resolved here, and every resolution is a
//! lint (`name-conflict` for names, `spec-conflict` for the rest) naming what was changed:
//!
//! - type names that are not UpperCamelCase (`V3_1ApiRequest`), that are reserved, or that would
//!   be one module, get an UpperCamelCase name (every reference follows);
//! - field names that are no Rust identifier (`显示名`) or that would be one Rust name
//!   (`region_id` and `regionId`) get `name:`;
//! - enum values: duplicates are dropped, variant names that collide or are no identifier get
//!   `name:`;
//! - a field type naming no type becomes `any`; `accepts` that cannot convert, `accepts` on a
//!   sensitive field, `sensitive` on a non-string, and constraints that do not fit the type are
//!   dropped.
//!
//! Then the resolver itself runs on the result; what it still refuses is a `spec-conflict` lint
//! (the transcription test asserts there is none).

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use crate::idents;
use crate::model::{JsonType, NamedKind, Ty};
use crate::resolve::{accepts_ok, resolve_file, resolve_ty};
use crate::spec::load::SpecFile;
use crate::spec::locate::Locator;
use crate::spec::{type_expr, Constraints, Spec, TypeDef, TypeExpr};

use crate::diag::LintKind;
use crate::Diagnostic;

/// Resolves every conflict the generator would refuse in `spec` (stored under `key`,
/// `<service>/<version>/<operation>`), with a lint for each.
pub fn make_acceptable(key: &str, spec: &mut Spec, lints: &mut Vec<Diagnostic>) {
    let page = spec.source.as_ref().map(|s| s.doc.clone()).unwrap_or_else(|| key.to_owned());
    let mut out = Out { page: &page, key, lints };
    type_names(spec, &mut out);
    let kinds: HashMap<String, NamedKind> = spec.types.iter().filter_map(|(n, d)| kind_of(d).map(|k| (n.clone(), k))).collect();
    let kind_refs: HashMap<&str, NamedKind> = kinds.iter().map(|(n, k)| (n.as_str(), *k)).collect();
    let names: Vec<String> = spec.types.keys().cloned().collect();
    for name in names {
        let Some(def) = spec.types.get_mut(&name) else { continue };
        field_names(&name, def, &mut out);
        enum_values(&name, def, &mut out);
        field_types(&name, def, &kind_refs, &mut out);
    }
    for (key_name, value) in [("request", &mut spec.operation.request), ("response", &mut spec.operation.response)] {
        if let Some(name) = value {
            if !kinds.contains_key(name.as_str()) {
                out.conflict(
                    LintKind::SpecConflict,
                    format!("the {key_name} type `{name}` is not defined: the operation has no {key_name} body"),
                );
                *value = None;
            }
        }
    }
    let (request, response) = (spec.operation.request.clone(), spec.operation.response.clone());
    let before = spec.examples.len();
    spec.examples.retain(|e| {
        let ty = e.ty.clone().or_else(|| if e.kind == crate::spec::ExampleKind::Request { request.clone() } else { response.clone() });
        ty.is_some_and(|t| kinds.contains_key(&t)) && serde_json::from_str::<serde_json::Value>(&e.json).is_ok()
    });
    if spec.examples.len() < before {
        out.conflict(
            LintKind::SpecConflict,
            format!("{} example(s) with no type to check them against were dropped", before - spec.examples.len()),
        );
    }
    for problem in remaining_problems(key, spec) {
        out.conflict(LintKind::SpecConflict, format!("the generator still refuses it: {problem}"));
    }
}

struct Out<'a> {
    page: &'a str,
    key: &'a str,
    lints: &'a mut Vec<Diagnostic>,
}

impl Out<'_> {
    fn conflict(&mut self, kind: LintKind, message: String) {
        self.lints.push(Diagnostic::warning(self.page, 1, kind, format!("`{}`: {message}", self.key)));
    }
}

fn kind_of(def: &TypeDef) -> Option<NamedKind> {
    match (def.fields.is_some(), def.values.is_some(), def.one_of.is_some()) {
        (true, false, false) => Some(NamedKind::Struct),
        (false, true, false) => Some(NamedKind::Enum),
        (false, false, true) => Some(NamedKind::OneOf),
        _ => None,
    }
}

/// An UpperCamelCase name with no underscore: `V3_1ApiRequest` → `V31ApiRequest`,
/// `显示名` → `Type` (no ASCII letters to keep).
pub fn upper_camel(name: &str) -> String {
    let mut out = String::new();
    for part in name.split(|c: char| !c.is_ascii_alphanumeric()).filter(|p| !p.is_empty()) {
        let mut chars = part.chars();
        if let Some(first) = chars.next() {
            out.push(first.to_ascii_uppercase());
            out.extend(chars);
        }
    }
    if out.is_empty() {
        out.push_str("Type");
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, 'V');
    }
    out
}

fn type_names(spec: &mut Spec, out: &mut Out<'_>) {
    let op_type = idents::camel(&spec.operation.id);
    let reserved: Vec<String> = vec![op_type.clone(), format!("{op_type}PathParams"), format!("{op_type}Query")];
    let mut renames: Vec<(String, String)> = Vec::new();
    let mut taken_modules: HashSet<String> = HashSet::new();
    let mut taken_names: HashSet<String> = HashSet::new();
    for name in spec.types.keys() {
        let ok = idents::is_upper_camel(name) && !idents::RESERVED_TYPE_NAMES.contains(&name.as_str()) && !reserved.contains(name);
        let mut new = if ok { name.clone() } else { upper_camel(name) };
        let base = new.clone();
        let mut n = 1;
        while idents::RESERVED_TYPE_NAMES.contains(&new.as_str())
            || reserved.contains(&new)
            || taken_names.contains(&new)
            || taken_modules.contains(&idents::snake(&new))
        {
            n += 1;
            new = format!("{base}{}", if n == 2 { "Body".to_owned() } else { format!("Body{n}") });
        }
        taken_modules.insert(idents::snake(&new));
        taken_names.insert(new.clone());
        if &new != name {
            out.conflict(
                LintKind::NameConflict,
                format!("type `{name}` is named `{new}` (the generator needs a unique UpperCamelCase type name)"),
            );
            renames.push((name.clone(), new));
        }
    }
    if renames.is_empty() {
        return;
    }
    let map: HashMap<String, String> = renames.into_iter().collect();
    let types = std::mem::take(&mut spec.types);
    for (name, mut def) in types {
        for f in def.fields.iter_mut().flatten() {
            f.ty = rename_in_type(&f.ty, &map);
        }
        for alt in def.one_of.iter_mut().flatten() {
            *alt = rename_in_type(alt, &map);
        }
        spec.types.insert(map.get(&name).cloned().unwrap_or(name), def);
    }
    for v in [&mut spec.operation.request, &mut spec.operation.response].into_iter().flatten() {
        *v = rename_in_type(v, &map);
    }
    for p in spec.operation.path_params.iter_mut().chain(spec.operation.query_params.iter_mut()) {
        p.ty = rename_in_type(&p.ty, &map);
    }
    for e in &mut spec.examples {
        if let Some(t) = &mut e.ty {
            *t = rename_in_type(t, &map);
        }
    }
}

/// `array<Old>` → `array<New>`: every type name of a spec type expression renamed.
fn rename_in_type(ty: &str, map: &HashMap<String, String>) -> String {
    type_expr::rename_in(ty, |n| map.get(n).map(String::as_str))
}

fn field_names(type_name: &str, def: &mut TypeDef, out: &mut Out<'_>) {
    let Some(fields) = def.fields.as_mut() else { return };
    let mut wires = HashSet::new();
    let before = fields.len();
    fields.retain(|f| !f.json.is_empty() && wires.insert(f.json.clone()));
    if fields.len() < before {
        out.conflict(LintKind::NameConflict, format!("{} empty or repeated field(s) of `{type_name}` dropped", before - fields.len()));
    }
    let mut taken: HashSet<String> = HashSet::new();
    for (i, f) in fields.iter_mut().enumerate() {
        let rust = f.name.clone().unwrap_or_else(|| idents::snake(&f.json));
        let valid = idents::is_identifier(&rust) && !idents::is_forbidden(&rust);
        let base = if valid { rust.clone() } else { ascii_snake(&f.json).unwrap_or_else(|| format!("field_{}", i + 1)) };
        let mut new = base.clone();
        let mut n = 1;
        while taken.contains(&new) || idents::is_forbidden(&new) {
            n += 1;
            new = format!("{base}_{n}");
        }
        taken.insert(new.clone());
        if new != rust {
            let why = if valid { format!("`{rust}` is already a field of `{type_name}`") } else { format!("`{rust}` is no Rust name") };
            out.conflict(LintKind::NameConflict, format!("field `{}` of `{type_name}` is named `{new}` ({why})", f.json));
            f.name = Some(new);
        }
    }
}

/// The snake_case of the ASCII letters and digits of `s`, if any.
fn ascii_snake(s: &str) -> Option<String> {
    let ascii: String = s.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' }).collect();
    let snake = idents::snake(ascii.trim());
    (ascii.chars().any(|c| c.is_ascii_alphabetic()) && idents::is_identifier(&snake)).then_some(snake)
}

fn enum_values(type_name: &str, def: &mut TypeDef, out: &mut Out<'_>) {
    let Some(values) = def.values.as_mut() else { return };
    let mut seen = HashSet::new();
    let before = values.len();
    let ci = def.case_insensitive;
    values.retain(|v| seen.insert(if ci { v.value.to_lowercase() } else { v.value.clone() }));
    if values.len() < before {
        out.conflict(LintKind::SpecConflict, format!("{} repeated value(s) of enum `{type_name}` dropped", before - values.len()));
    }
    let mut taken: HashSet<String> = HashSet::new();
    for (i, v) in values.iter_mut().enumerate() {
        let rust = v.name.clone().unwrap_or_else(|| idents::camel(&v.value));
        let valid = idents::is_identifier(&rust) && rust.starts_with(|c: char| c.is_ascii_uppercase()) && rust != "Unknown";
        let base = if valid {
            rust.clone()
        } else if rust == "Unknown" {
            "UnknownValue".to_owned()
        } else {
            let c = upper_camel(&v.value);
            if c == "Type" {
                format!("Value{}", i + 1)
            } else {
                c
            }
        };
        let mut new = base.clone();
        let mut n = 1;
        while taken.contains(&new) {
            n += 1;
            new = format!("{base}{n}");
        }
        taken.insert(new.clone());
        if new != rust {
            out.conflict(
                LintKind::NameConflict,
                format!("value `{}` of enum `{type_name}` is variant `{new}` (`{rust}` is taken or no variant name)", v.value),
            );
            v.name = Some(new);
        }
    }
    if values.is_empty() {
        out.conflict(LintKind::SpecConflict, format!("enum `{type_name}` has no value: it becomes a struct with no fields"));
        def.values = None;
        def.fields = Some(Vec::new());
    }
}

fn field_types(type_name: &str, def: &mut TypeDef, kinds: &HashMap<&str, NamedKind>, out: &mut Out<'_>) {
    if let Some(alts) = def.one_of.as_mut() {
        let before = alts.len();
        alts.retain(|a| kinds.get(a.as_str()) == Some(&NamedKind::Struct));
        if alts.len() < before {
            out.conflict(
                LintKind::SpecConflict,
                format!("{} alternative(s) of `{type_name}` that are no struct dropped", before - alts.len()),
            );
        }
        if alts.len() < 2 {
            out.conflict(
                LintKind::SpecConflict,
                format!("`{type_name}` has fewer than two alternatives: it becomes a struct with no fields"),
            );
            def.one_of = None;
            def.fields = Some(Vec::new());
        }
    }
    let Some(fields) = def.fields.as_mut() else { return };
    for f in fields.iter_mut() {
        let at = format!("field `{}` of `{type_name}`", f.json);
        let ty = match f.ty.parse::<TypeExpr>().and_then(|t| resolve_ty(&t, kinds)) {
            Ok(ty) => ty,
            Err(_) => {
                out.conflict(LintKind::SpecConflict, format!("{at}: type `{}` is unknown, read as `any`", f.ty));
                f.ty = "any".to_owned();
                Ty::Any
            }
        };
        let before = f.accepts.len();
        f.accepts.retain(|a| JsonType::parse(a).is_some_and(|w| accepts_ok(&ty, w)));
        if f.accepts.len() < before {
            out.conflict(LintKind::SpecConflict, format!("{at}: `accepts` that `{}` cannot read losslessly dropped", f.ty));
        }
        if f.sensitive && ty != Ty::String {
            out.conflict(LintKind::SpecConflict, format!("{at}: `sensitive` dropped (only strings are redacted; it is `{}`)", f.ty));
            f.sensitive = false;
        }
        if f.sensitive && !f.accepts.is_empty() {
            out.conflict(LintKind::SpecConflict, format!("{at}: `accepts` dropped (a sensitive field is read as a string only)"));
            f.accepts.clear();
        }
        if let Some(what) = unfit_constraints(&mut f.constraints, &ty) {
            out.conflict(LintKind::SpecConflict, format!("{at}: {what} dropped (they do not fit `{}`)", f.ty));
        }
    }
}

/// Drops the constraints the resolver would refuse on `ty`; what was dropped, if anything.
fn unfit_constraints(c: &mut Constraints, ty: &Ty) -> Option<String> {
    let mut dropped = Vec::new();
    let fit = crate::resolve::constraint_fit(ty);
    let (is_string, is_number, is_array) = (fit.lengths_and_pattern, fit.range_and_multiple, fit.list_sizes);
    let is_integer = matches!(ty, Ty::Integer | Ty::Long);
    if !is_string && (c.min_length.is_some() || c.max_length.is_some() || c.pattern.is_some()) {
        (c.min_length, c.max_length, c.pattern) = (None, None, None);
        dropped.push("length and pattern");
    }
    if c.pattern.as_deref().is_some_and(|p| regex_lite::Regex::new(p).is_err()) {
        c.pattern = None;
        dropped.push("an invalid pattern");
    }
    let fractional = |v: Option<f64>| v.is_some_and(|v| v.fract() != 0.0);
    let unfit_range = !is_number || (is_integer && (fractional(c.minimum) || fractional(c.maximum) || fractional(c.multiple_of)));
    if unfit_range && (c.minimum.is_some() || c.maximum.is_some() || c.multiple_of.is_some()) {
        (c.minimum, c.maximum, c.multiple_of) = (None, None, None);
        dropped.push("range and multiple");
    }
    if !is_array && (c.min_items.is_some() || c.max_items.is_some()) {
        (c.min_items, c.max_items) = (None, None);
        dropped.push("list sizes");
    }
    if matches!((c.minimum, c.maximum), (Some(lo), Some(hi)) if lo > hi) {
        (c.minimum, c.maximum) = (None, None);
        dropped.push("an empty range");
    }
    if matches!((c.min_length, c.max_length), (Some(lo), Some(hi)) if lo > hi) {
        (c.min_length, c.max_length) = (None, None);
        dropped.push("an empty length range");
    }
    (!dropped.is_empty()).then(|| dropped.join(", "))
}

/// What the generator's resolver still refuses in `spec`, as messages.
/// What the resolver still refuses in `spec`: its messages only (no lines: the spec has no file
/// yet, so the locator is empty and no YAML is written for it).
fn remaining_problems(key: &str, spec: &Spec) -> Vec<String> {
    let mut parts = key.splitn(3, '/');
    let (service, version, stem) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    let file = SpecFile {
        display: format!("{key}.yaml"),
        relative: PathBuf::from(format!("{key}.yaml")),
        service: service.to_owned(),
        version: version.to_owned(),
        stem: stem.to_owned(),
        locator: Locator::default(),
        spec: spec.clone(),
    };
    match resolve_file(&file) {
        Ok(_) => Vec::new(),
        Err(errors) => errors.into_iter().map(|d| d.message).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::{Field, Operation};

    fn field(json: &str, ty: &str) -> Field {
        Field::new(json.to_owned(), ty.to_owned())
    }

    fn spec_with(types: Vec<(&str, TypeDef)>) -> Spec {
        let operation = Operation {
            id: "create_widget".into(),
            title: "t".into(),
            doc: None,
            method: "POST".into(),
            path: "/v3/widgets".into(),
            status: None,
            path_params: Vec::new(),
            query_params: Vec::new(),
            headers: Vec::new(),
            request: None,
            response: None,
            deprecated: None,
            paging: None,
            job_query: None,
            instance_query: None,
        };
        let mut spec = Spec { operation, source: None, notes: Vec::new(), types: Default::default(), examples: Vec::new() };
        for (n, d) in types {
            spec.types.insert(n.to_owned(), d);
        }
        spec
    }

    fn structure(fields: Vec<Field>) -> TypeDef {
        TypeDef { fields: Some(fields), ..TypeDef::default() }
    }

    #[test]
    fn upper_camel_names() {
        assert_eq!(upper_camel("V3_1ApiRequest"), "V31ApiRequest");
        assert_eq!(upper_camel("显示名"), "Type");
        assert_eq!(upper_camel("db_user"), "DbUser");
        assert_eq!(upper_camel("3az"), "V3az");
    }

    #[test]
    fn renames_references_in_type_expressions() {
        let map: HashMap<String, String> = [("A_1".to_owned(), "A1".to_owned())].into();
        assert_eq!(rename_in_type("array<map<A_1>>", &map), "array<map<A1>>");
        assert_eq!(rename_in_type("A_1", &map), "A1");
        assert_eq!(rename_in_type("A_12", &map), "A_12");
    }

    #[test]
    fn colliding_and_foreign_field_names_get_names() {
        let mut spec = spec_with(vec![(
            "V3_1ApiRequest",
            structure(vec![
                field("region_id", "string"),
                field("regionId", "string"),
                field("显示名", "string"),
                field("self", "V3_1ApiRequest"),
            ]),
        )]);
        spec.operation.request = Some("V3_1ApiRequest".into());
        let mut lints = Vec::new();
        make_acceptable("svc/v3/create_widget", &mut spec, &mut lints);
        let t = &spec.types["V31ApiRequest"];
        let names: Vec<Option<&str>> = t.fields.as_ref().unwrap().iter().map(|f| f.name.as_deref()).collect();
        // `self` is already `self_` by the generator's own rule: no `name:` needed.
        assert_eq!(names, [None, Some("region_id_2"), Some("field_3"), None]);
        assert_eq!(t.fields.as_ref().unwrap()[3].ty, "V31ApiRequest");
        assert_eq!(spec.operation.request.as_deref(), Some("V31ApiRequest"));
        assert!(lints.iter().all(|l| l.kind != Some(LintKind::SpecConflict)), "{lints:?}");
        assert_eq!(lints.iter().filter(|l| l.kind == Some(LintKind::NameConflict)).count(), 3, "{lints:?}");
    }

    #[test]
    fn sensitive_with_accepts_and_unfit_constraints_are_resolved() {
        let mut pw = field("password", "string");
        pw.sensitive = true;
        pw.accepts = vec!["integer".into()];
        let mut port = field("port", "integer");
        port.constraints.min_length = Some(1);
        port.constraints.minimum = Some(1.5);
        let mut count = field("count", "widget_ref");
        count.sensitive = true;
        let mut spec = spec_with(vec![("Body", structure(vec![pw, port, count]))]);
        spec.operation.request = Some("Body".into());
        let mut lints = Vec::new();
        make_acceptable("svc/v3/create_widget", &mut spec, &mut lints);
        let f = spec.types["Body"].fields.as_ref().unwrap();
        assert!(f[0].sensitive && f[0].accepts.is_empty());
        assert!(f[1].constraints.is_empty());
        assert_eq!(f[2].ty, "any");
        assert!(!f[2].sensitive);
        assert!(lints.iter().all(|l| !l.message.contains("still refuses")), "{lints:?}");
    }

    #[test]
    fn reserved_type_names_and_enum_variants() {
        let values = ["a-b", "A_B", "Unknown", "中文", "a-b"]
            .iter()
            .map(|v| crate::spec::EnumValue { value: (*v).to_owned(), name: None, doc: None })
            .collect();
        let mut spec = spec_with(vec![
            ("CreateWidget", structure(vec![field("kind", "Kind")])),
            ("Kind", TypeDef { values: Some(values), ..TypeDef::default() }),
        ]);
        spec.operation.request = Some("CreateWidget".into());
        let mut lints = Vec::new();
        make_acceptable("svc/v3/create_widget", &mut spec, &mut lints);
        assert!(spec.types.contains_key("CreateWidgetBody"));
        assert_eq!(spec.operation.request.as_deref(), Some("CreateWidgetBody"));
        let v = spec.types["Kind"].values.as_ref().unwrap();
        let names: Vec<Option<&str>> = v.iter().map(|v| v.name.as_deref()).collect();
        assert_eq!(names, [None, Some("AB2"), Some("UnknownValue"), Some("Value4")]);
        assert!(lints.iter().all(|l| !l.message.contains("still refuses")), "{lints:?}");
    }

    #[test]
    fn an_acceptable_spec_is_left_alone() {
        let mut spec = spec_with(vec![("Body", structure(vec![field("name", "string")]))]);
        spec.operation.request = Some("Body".into());
        let before = spec.clone();
        let mut lints = Vec::new();
        make_acceptable("svc/v3/create_widget", &mut spec, &mut lints);
        assert_eq!(spec, before);
        assert!(lints.is_empty());
    }
}

//! The example lint: each example against its type (the doc lint: fields not in the tables, type
//! mismatches recorded in `accepts`, mandatory fields missing), for a page's own examples and
//! for examples other pages add.

use super::*;

/// Lints examples added from other pages against `spec`'s types (recording `accepts` and the
/// fields response examples show), as a page's own examples are.
pub fn lint_examples(spec: &mut crate::spec::Spec, examples: &[(String, crate::spec::Example)], lints: &mut Vec<Diagnostic>) {
    let empty = Document { format: crate::document::Format::Text, title: String::new(), blocks: Vec::new(), warnings: Vec::new() };
    let types = std::mem::take(&mut spec.types);
    let library = Library::default();
    let mut b = TypeBuilder { types, ..TypeBuilder::new(&empty, "", "", &library) };
    for (page, ex) in examples {
        let request = ex.kind == ExampleKind::Request;
        let root = ex.ty.clone().or_else(|| if request { spec.operation.request.clone() } else { spec.operation.response.clone() });
        let (Some(root), Ok(value)) = (root, serde_json::from_str::<Value>(&ex.json)) else { continue };
        b.page = page;
        b.lint_example(&value, &root, request, 1, "");
    }
    spec.types = b.types;
    lints.append(&mut b.lints);
}

impl<'d> TypeBuilder<'d> {
    /// Lints an example against its type and records other JSON types in `accepts`.
    pub(super) fn lint_example(&mut self, value: &Value, ty: &str, request: bool, line: usize, path: &str) {
        let Some(def) = self.types.get(ty).cloned() else { return };
        if let Some(alts) = &def.one_of {
            // The alternative with the most known keys.
            let obj = value.as_object();
            let best = alts.iter().max_by_key(|a| {
                let fields = self.types.get(*a).and_then(|t| t.fields.clone()).unwrap_or_default();
                obj.map(|o| o.keys().filter(|k| fields.iter().any(|f| &f.json == *k)).count()).unwrap_or(0)
            });
            if let Some(best) = best.cloned() {
                self.lint_example(value, &best, request, line, path);
            }
            return;
        }
        let Some(fields) = def.fields.clone() else { return };
        let Some(obj) = value.as_object() else { return };
        for (k, v) in obj {
            let at = if path.is_empty() { k.clone() } else { format!("{path}.{k}") };
            match fields.iter().position(|f| &f.json == k) {
                None if !request && k.trim() == k && !k.is_empty() => {
                    // A response shows what the server sends: the field is real, the table
                    // incomplete. It is added (optional, typed from the example) and reported.
                    self.lint(
                        line,
                        LintKind::ExampleFieldNotInTable,
                        format!("the response example has `{at}`, which the tables of `{ty}` do not list (added from the example)"),
                    );
                    let inferred = self.infer_type(&[v], k, Side::Response, &BTreeMap::new(), &at);
                    if let Some(fields) = self.types.get_mut(ty).and_then(|t| t.fields.as_mut()) {
                        fields.push(Field {
                            doc: Some("Not in the page's parameter tables; its response example shows it.".to_owned()),
                            ..Field::new(k.clone(), inferred)
                        });
                    }
                }
                None => self.lint(
                    line,
                    LintKind::ExampleFieldNotInTable,
                    format!(
                        "the {} example has `{at}`, which the tables of `{ty}` do not list",
                        if request { "request" } else { "response" }
                    ),
                ),
                Some(i) => self.lint_value(v, ty, i, request, line, &at),
            }
        }
        if request {
            for f in fields.iter().filter(|f| f.required) {
                if !obj.contains_key(&f.json) {
                    let at = if path.is_empty() { f.json.clone() } else { format!("{path}.{}", f.json) };
                    self.lint(line, LintKind::MandatoryMissingFromExample, format!("the request example lacks mandatory `{at}`"));
                }
            }
        }
    }

    pub(super) fn lint_value(&mut self, v: &Value, owner: &str, index: usize, request: bool, line: usize, at: &str) {
        let Some(field) = self.types.get(owner).and_then(|t| t.fields.as_ref()).and_then(|f| f.get(index)).cloned() else { return };
        let mut ty = field.ty.as_str();
        let mut value = v;
        let element = field.ty.parse::<TypeExpr>().ok().and_then(|t| t.element().map(ToString::to_string));
        if let Some(inner) = element.as_deref() {
            match v {
                Value::Array(items) => {
                    for item in items {
                        self.lint_scalar_or_named(item, inner, owner, index, request, line, at, true);
                    }
                    return;
                }
                Value::Null => return,
                _ => {
                    let before = field.ty.clone();
                    self.mismatch_value(owner, index, v, line, at, &before);
                    let after = self.types.get(owner).and_then(|t| t.fields.as_ref()).and_then(|f| f.get(index)).map(|f| f.ty.clone());
                    if after.as_deref() != Some(before.as_str()) {
                        return; // retyped from the example
                    }
                    ty = inner;
                    value = v;
                }
            }
        }
        self.lint_scalar_or_named(value, ty, owner, index, request, line, at, false);
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn lint_scalar_or_named(
        &mut self,
        v: &Value,
        ty: &str,
        owner: &str,
        index: usize,
        request: bool,
        line: usize,
        at: &str,
        in_array: bool,
    ) {
        let expected = match ty {
            "string" => Some("string"),
            "integer" | "long" => Some("integer"),
            "number" => Some("number"),
            "boolean" => Some("boolean"),
            "any" => None,
            named => {
                match self.types.get(named).map(|t| (t.fields.is_some() || t.one_of.is_some(), t.values.is_some())) {
                    Some((true, _)) if v.is_object() => self.lint_example(v, named, request, line, at),
                    Some((true, _)) if !v.is_null() && !in_array => self.mismatch_value(owner, index, v, line, at, "object"),
                    Some((_, true)) if !v.is_string() && !v.is_null() && !in_array => {
                        self.mismatch_value(owner, index, v, line, at, "string");
                    }
                    _ => {}
                }
                None
            }
        };
        let Some(expected) = expected else { return };
        let found = json_type_of(v);
        // Numbers wider than the table says (a millisecond timestamp documented as Integer, a
        // fraction documented as Long): the field widens to what the API sends.
        let widen = match (ty, v) {
            ("integer", Value::Number(n))
                if n.as_i64().is_some_and(|x| i32::try_from(x).is_err()) || n.is_u64() && n.as_i64().is_none() =>
            {
                Some("long")
            }
            ("integer" | "long", Value::Number(n)) if !(n.is_i64() || n.is_u64()) => Some("number"),
            _ => None,
        };
        if let Some(wider) = widen {
            if let Some(f) = self.types.get_mut(owner).and_then(|t| t.fields.as_mut()).and_then(|f| f.get_mut(index)) {
                f.ty = if in_array { TypeExpr::array(TypeExpr::word(wider)).to_string() } else { wider.to_owned() };
                f.constraints.multiple_of = None;
            }
            self.lint(
                line,
                LintKind::ExampleTypeMismatch,
                format!("the example sends `{at}` = {v}, wider than the table's {ty}: typed `{wider}`"),
            );
            return;
        }
        let fits = found == expected || (expected == "number" && found == "integer") || v.is_null();
        if !fits && !in_array {
            self.mismatch_value(owner, index, v, line, at, expected);
        }
    }

    /// Whether a value of JSON type `found` converts losslessly into spec type `ty`: the
    /// resolver's rule for `accepts`, on this page's types.
    pub(super) fn converts(&self, ty: &str, found: &str) -> bool {
        let kinds: HashMap<&str, NamedKind> = self
            .types
            .iter()
            .map(|(name, t)| {
                let kind = if t.values.is_some() {
                    NamedKind::Enum
                } else if t.one_of.is_some() {
                    NamedKind::OneOf
                } else {
                    NamedKind::Struct
                };
                (name.as_str(), kind)
            })
            .collect();
        match (ty.parse::<TypeExpr>().and_then(|t| crate::resolve::resolve_ty(&t, &kinds)), JsonType::parse(found)) {
            (Ok(ty), Some(found)) => crate::resolve::accepts_ok(&ty, found),
            _ => false,
        }
    }

    /// An example value of another JSON type than its field's: a lossless conversion is
    /// recorded in `accepts`; otherwise the example shows what the API really sends (an object
    /// where the table says String), and the field takes the example's type.
    pub(super) fn mismatch_value(&mut self, owner: &str, index: usize, value: &Value, line: usize, at: &str, expected: &str) {
        let found = json_type_of(value);
        let ty = self.types.get(owner).and_then(|t| t.fields.as_ref()).and_then(|f| f.get(index)).map(|f| f.ty.clone());
        let Some(ty) = ty else { return };
        // A string converts to a number only when it is one ("8", not "rds.mysql.volume.essd").
        let parses = match (ty.as_str(), value) {
            ("integer" | "long", Value::String(v)) => v.trim().parse::<i64>().is_ok(),
            ("number", Value::String(v)) => v.trim().parse::<f64>().is_ok(),
            ("boolean", Value::String(v)) => v.eq_ignore_ascii_case("true") || v.eq_ignore_ascii_case("false"),
            _ => true,
        };
        if parses && self.converts(&ty, found) {
            if let Some(f) = self.types.get_mut(owner).and_then(|t| t.fields.as_mut()).and_then(|f| f.get_mut(index)) {
                if !f.accepts.iter().any(|a| a == found) {
                    f.accepts.push(found.to_owned());
                }
            }
            self.lint(
                line,
                LintKind::ExampleTypeMismatch,
                format!("the example sends `{at}` as {found}, the table says {expected} (recorded in `accepts`)"),
            );
            return;
        }
        let field_name = at.rsplit('.').next().unwrap_or(at).to_owned();
        let side = self.sides.get(owner).copied().unwrap_or(Side::Response);
        let inferred = self.infer_type(&[value], &field_name, side, &BTreeMap::new(), at);
        if let Some(f) = self.types.get_mut(owner).and_then(|t| t.fields.as_mut()).and_then(|f| f.get_mut(index)) {
            f.ty = inferred.clone();
            f.accepts.clear();
            f.constraints = Constraints::default();
        }
        self.lint(
            line,
            LintKind::ExampleTypeMismatch,
            format!("the example sends `{at}` as {found}, the table says {expected}: typed `{inferred}` from the example"),
        );
    }
}

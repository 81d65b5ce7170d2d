//! Hand fixes: `spec/<service>/<version>/<operation>.fix.yaml`, corrections applied on top of a
//! transcription, merged by type and field. Every correction says why (`why:`). A fix naming a
//! type or field the transcription no longer has is an error, not silence (unless it adds it:
//! `new: true`). `transcribe` reads fix files; it never writes or deletes them.

use indexmap::IndexMap;
use serde::Deserialize;

use crate::spec::locate::{Locator, Step};
use crate::spec::{Constraints, EnumValue, HeaderParam, InstanceQuery, JobQuery, Note, Paging, Param, Spec, TypeDef};
use crate::Diagnostic;

/// A fix file.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FixFile {
    #[serde(default)]
    pub operation: Option<OperationFix>,
    #[serde(default)]
    pub types: IndexMap<String, TypeFix>,
    /// Replacements of examples, by index (a page's example that is wrong, not just malformed).
    #[serde(default)]
    pub examples: Vec<ExampleFix>,
    /// Notes added to the spec (decisions a reviewer must know).
    #[serde(default)]
    pub notes: Vec<Note>,
}

/// Corrections of the `operation` key.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OperationFix {
    pub why: String,
    pub id: Option<String>,
    pub title: Option<String>,
    pub doc: Option<String>,
    pub method: Option<String>,
    pub path: Option<String>,
    pub status: Option<u16>,
    pub path_params: Option<Vec<Param>>,
    pub query_params: Option<Vec<Param>>,
    pub headers: Option<Vec<HeaderParam>>,
    pub request: Option<String>,
    pub response: Option<String>,
    /// Sets the paging mark (where the page is unclear, e.g. two lists in the response).
    pub paging: Option<Paging>,
    /// Sets the job query mark.
    pub job_query: Option<JobQuery>,
    /// Sets the instance query mark.
    pub instance_query: Option<InstanceQuery>,
    /// Removes marks the transcriber set wrongly: `paging`, `job_query`, `instance_query`.
    #[serde(default)]
    pub unmark: Vec<String>,
}

/// Corrections of one type.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TypeFix {
    pub why: String,
    /// The type is added by the fix (the transcription does not have it).
    #[serde(default)]
    pub new: bool,
    /// Rename the type (and every reference to it).
    pub rename: Option<String>,
    pub doc: Option<String>,
    pub table: Option<String>,
    pub one_of: Option<Vec<String>>,
    #[serde(rename = "enum")]
    pub values: Option<Vec<EnumValue>>,
    pub case_insensitive: Option<bool>,
    /// Field corrections, matched by `json`.
    #[serde(default)]
    pub fields: Vec<FieldFix>,
    /// Wire names of fields to remove.
    #[serde(default)]
    pub remove_fields: Vec<String>,
}

/// Corrections of one field (only the keys given change).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldFix {
    pub json: String,
    pub why: String,
    #[serde(default)]
    pub new: bool,
    /// A new wire name.
    pub rename_json: Option<String>,
    pub name: Option<String>,
    #[serde(rename = "type")]
    pub ty: Option<String>,
    pub required: Option<bool>,
    pub doc: Option<String>,
    pub default: Option<String>,
    pub sensitive: Option<bool>,
    pub constraints: Option<Constraints>,
    pub accepts: Option<Vec<String>>,
}

/// A replaced example.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExampleFix {
    pub index: usize,
    pub why: String,
    pub json: String,
}

/// Parses a fix file. An error names the line, not the file: the caller names it
/// ([`Diagnostic::in_file`]).
pub fn parse(text: &str) -> Result<FixFile, Diagnostic> {
    crate::spec::yaml::parse_any::<FixFile>(text).map_err(|e| Diagnostic { message: format!("invalid fix file: {}", e.message), ..e })
}

fn k(s: &str) -> Step {
    Step::Key(s.to_owned())
}

/// Applies `fix` to `spec`; every correction that no longer applies is an error.
/// Like [`parse`], the errors name the line, not the file.
pub fn apply(spec: &mut Spec, fix: &FixFile, text: &str) -> Result<(), Vec<Diagnostic>> {
    let loc = Locator::new(text);
    let mut errors = Vec::new();
    let mut err = |path: &[Step], message: String| errors.push(Diagnostic::new("", loc.line(path), message));

    if let Some(o) = &fix.operation {
        if o.why.trim().is_empty() {
            err(&[k("operation")], "expected a `why:` for the operation fix, found none".to_owned());
        }
        if let Some(new_id) = &o.id {
            rename_operation(spec, new_id);
        }
        let op = &mut spec.operation;
        if let Some(v) = &o.id {
            op.id = v.clone()
        }
        if let Some(v) = &o.title {
            op.title = v.clone()
        }
        if let Some(v) = &o.doc {
            op.doc = Some(v.clone())
        }
        if let Some(v) = &o.method {
            op.method = v.clone()
        }
        if let Some(v) = &o.path {
            op.path = v.clone()
        }
        if let Some(v) = o.status {
            op.status = Some(v)
        }
        if let Some(v) = &o.path_params {
            op.path_params = v.clone()
        }
        if let Some(v) = &o.query_params {
            op.query_params = v.clone()
        }
        if let Some(v) = &o.headers {
            op.headers = v.clone()
        }
        if let Some(v) = &o.request {
            op.request = Some(v.clone())
        }
        if let Some(v) = &o.response {
            op.response = Some(v.clone())
        }
        if let Some(v) = &o.paging {
            op.paging = Some(v.clone())
        }
        if let Some(v) = &o.job_query {
            op.job_query = Some(v.clone())
        }
        if let Some(v) = &o.instance_query {
            op.instance_query = Some(v.clone())
        }
        for (i, mark) in o.unmark.iter().enumerate() {
            let at = [k("operation"), k("unmark"), Step::Index(i)];
            match mark.as_str() {
                "paging" if op.paging.is_some() => op.paging = None,
                "job_query" if op.job_query.is_some() => op.job_query = None,
                "instance_query" if op.instance_query.is_some() => op.instance_query = None,
                "paging" | "job_query" | "instance_query" => {
                    err(&at, format!("the fix removes the mark `{mark}`, which the transcription does not set (remove it from `unmark`)"))
                }
                _ => err(&at, format!("expected `paging`, `job_query` or `instance_query` in `unmark`, found `{mark}`")),
            }
        }
    }

    let mut renames = Vec::new();
    for (name, tf) in &fix.types {
        let at = [k("types"), k(name)];
        if tf.why.trim().is_empty() {
            err(&at, format!("expected a `why:` for the fix of type `{name}`, found none"));
        }
        if !spec.types.contains_key(name) {
            if tf.new {
                spec.types.insert(name.clone(), TypeDef::default());
            } else {
                err(&at, format!("the fix names type `{name}`, which the transcription no longer has (remove the fix, or set `new: true` to add the type)"));
                continue;
            }
        } else if tf.new {
            err(&at, format!("the fix adds type `{name}` (`new: true`), but the transcription already has it"));
        }
        let Some(t) = spec.types.get_mut(name) else { continue };
        if let Some(v) = &tf.doc {
            t.doc = Some(v.clone())
        }
        if let Some(v) = &tf.table {
            t.table = Some(v.clone())
        }
        if let Some(v) = &tf.one_of {
            t.one_of = Some(v.clone());
            t.fields = None;
            t.values = None;
        }
        if let Some(v) = &tf.values {
            t.values = Some(v.clone());
            t.fields = None;
            t.one_of = None;
        }
        if let Some(v) = tf.case_insensitive {
            t.case_insensitive = v
        }
        for (i, ff) in tf.fields.iter().enumerate() {
            let fat = [k("types"), k(name), k("fields"), Step::Index(i)];
            if ff.why.trim().is_empty() {
                err(&fat, format!("expected a `why:` for the fix of `{name}.{}`, found none", ff.json));
            }
            let fields = t.fields.get_or_insert_with(Vec::new);
            let pos = fields.iter().position(|f| f.json == ff.json);
            let pos = match (pos, ff.new) {
                (Some(p), false) => p,
                (None, true) => {
                    fields.push(crate::spec::Field::new(ff.json.clone(), "string".to_owned()));
                    fields.len() - 1
                }
                (Some(_), true) => {
                    err(&fat, format!("the fix adds field `{name}.{}` (`new: true`), but the transcription already has it", ff.json));
                    continue;
                }
                (None, false) => {
                    err(
                        &fat,
                        format!(
                            "the fix names field `{name}.{}`, which the transcription no longer has (remove the fix, or set `new: true`)",
                            ff.json
                        ),
                    );
                    continue;
                }
            };
            let f = &mut fields[pos];
            if let Some(v) = &ff.rename_json {
                f.json = v.clone()
            }
            if let Some(v) = &ff.name {
                f.name = Some(v.clone())
            }
            if let Some(v) = &ff.ty {
                f.ty = v.clone()
            }
            if let Some(v) = ff.required {
                f.required = v
            }
            if let Some(v) = &ff.doc {
                f.doc = Some(v.clone())
            }
            if let Some(v) = &ff.default {
                f.default = Some(v.clone())
            }
            if let Some(v) = ff.sensitive {
                f.sensitive = v
            }
            if let Some(v) = &ff.constraints {
                f.constraints = v.clone()
            }
            if let Some(v) = &ff.accepts {
                f.accepts = v.clone()
            }
        }
        for (i, json) in tf.remove_fields.iter().enumerate() {
            let fields = t.fields.get_or_insert_with(Vec::new);
            match fields.iter().position(|f| &f.json == json) {
                Some(p) => {
                    fields.remove(p);
                }
                None => err(
                    &[k("types"), k(name), k("remove_fields"), Step::Index(i)],
                    format!("the fix removes field `{name}.{json}`, which the transcription no longer has"),
                ),
            }
        }
        if let Some(new_name) = &tf.rename {
            renames.push((name.clone(), new_name.clone()));
        }
    }
    for (old, new) in renames {
        rename_type(spec, &old, &new);
    }

    for (i, ef) in fix.examples.iter().enumerate() {
        let at = [k("examples"), Step::Index(i)];
        if ef.why.trim().is_empty() {
            err(&at, "expected a `why:` for the example fix, found none".to_owned());
        }
        match spec.examples.get_mut(ef.index) {
            Some(ex) => ex.json = ef.json.clone(),
            None => {
                err(&at, format!("the fix replaces example {}, but the transcription has {} example(s)", ef.index, spec.examples.len()))
            }
        }
    }
    spec.notes.extend(fix.notes.iter().cloned());
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// Renames the operation, and its bodies with it (`<Op>Request…`, `<Op>Response…` are named
/// after the operation).
pub fn rename_operation(spec: &mut Spec, new_id: &str) {
    let (old, new) = (crate::idents::camel(&spec.operation.id), crate::idents::camel(new_id));
    let renamed: Vec<String> = spec
        .types
        .keys()
        .filter(|n| n.strip_prefix(&old).is_some_and(|rest| rest.starts_with("Request") || rest.starts_with("Response")))
        .cloned()
        .collect();
    for name in renamed {
        let to = format!("{new}{}", &name[old.len()..]);
        if !spec.types.contains_key(&to) {
            rename_type(spec, &name, &to);
        }
    }
    spec.operation.id = new_id.to_owned();
}

/// Renames a type and every reference to it.
pub fn rename_type(spec: &mut Spec, old: &str, new: &str) {
    let Some(index) = spec.types.get_index_of(old) else { return };
    let Some((_, def)) = spec.types.shift_remove_index(index) else { return };
    spec.types.shift_insert(index, new.to_owned(), def);
    let fix_ref = |s: &mut String| {
        *s = replace_type_name(s, old, new);
    };
    for t in spec.types.values_mut() {
        for f in t.fields.iter_mut().flatten() {
            fix_ref(&mut f.ty);
        }
        for a in t.one_of.iter_mut().flatten() {
            fix_ref(a);
        }
    }
    if let Some(r) = spec.operation.request.as_mut() {
        fix_ref(r)
    }
    if let Some(r) = spec.operation.response.as_mut() {
        fix_ref(r)
    }
    for e in &mut spec.examples {
        if let Some(t) = e.ty.as_mut() {
            fix_ref(t)
        }
    }
}

/// `array<Old>` → `array<New>` (whole names only).
fn replace_type_name(ty: &str, old: &str, new: &str) -> String {
    crate::spec::type_expr::rename_in(ty, |w| (w == old).then_some(new))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_whole_names() {
        assert_eq!(replace_type_name("array<Volume>", "Volume", "Disk"), "array<Disk>");
        assert_eq!(replace_type_name("VolumeType", "Volume", "Disk"), "VolumeType");
    }
}

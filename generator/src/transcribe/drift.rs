//! API-level differences between two specs of an operation (committed vs a fresh transcription):
//! what changed for users, not a text diff of YAML.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::PageFile;
use crate::spec::{Constraints, Spec, TypeDef};

/// How one freshly transcribed operation compares with the committed spec folder.
#[derive(Debug, PartialEq)]
pub enum Drift {
    /// No committed spec (or none that parses) has this key: the operation is new.
    Added { key: String, method: String, path: String },
    /// The committed spec differs in API terms: the differences, one line each ([`diff`]).
    Changed { key: String, changes: Vec<String> },
}

impl std::fmt::Display for Drift {
    /// `+ operation <key> (<METHOD> <path>) added`, or `operation <key>:` and one indented line per change.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Drift::Added { key, method, path } => write!(f, "+ operation {key} ({method} {path}) added"),
            Drift::Changed { key, changes } => {
                write!(f, "operation {key}:")?;
                for c in changes {
                    write!(f, "\n  {c}")?;
                }
                Ok(())
            }
        }
    }
}

/// The drift of a fresh transcription of `pages` (`args`: how they were named on the command line)
/// against the specs in `spec_dir`: each operation added or changed ([`compare`]), then each
/// committed operation whose page is gone ([`removed`]), one report line each. Empty: no drift.
pub fn report(fresh: &BTreeMap<String, Spec>, spec_dir: &Path, pages: &[PageFile], args: &[PathBuf]) -> Vec<String> {
    let mut lines: Vec<String> = compare(fresh, spec_dir).iter().map(Drift::to_string).collect();
    lines.extend(removed(&super::committed_specs(spec_dir), fresh, pages, args));
    lines
}

/// Every operation of `fresh` (key → spec) that is new or differs from `<spec_dir>/<key>.yaml`, in
/// key order. Empty: no drift.
pub fn compare<'a>(fresh: impl IntoIterator<Item = (&'a String, &'a Spec)>, spec_dir: &Path) -> Vec<Drift> {
    let mut out = Vec::new();
    for (key, spec) in fresh {
        let path = spec_dir.join(format!("{key}.yaml"));
        let committed = std::fs::read_to_string(&path).ok().and_then(|t| crate::spec::yaml::parse_spec(&t).ok());
        match committed {
            None => out.push(Drift::Added { key: key.clone(), method: spec.operation.method.clone(), path: spec.operation.path.clone() }),
            Some(old) => {
                let changes = diff(&old, spec);
                if !changes.is_empty() {
                    out.push(Drift::Changed { key: key.clone(), changes });
                }
            }
        }
    }
    out
}

/// Every API difference from `old` to `new`, one line each, in a stable order. A new title is
/// reported (the name stays: names follow the page's identity, not its title).
pub fn diff(old: &Spec, new: &Spec) -> Vec<String> {
    let mut out = Vec::new();
    let (o, n) = (&old.operation, &new.operation);
    if o.title != n.title {
        out.push(format!("title: \"{}\" → \"{}\" (name kept: {})", o.title, n.title, n.id));
    }
    if o.method != n.method || o.path != n.path {
        out.push(format!("operation: {} {} → {} {}", o.method, o.path, n.method, n.path));
    }
    if o.status != n.status {
        out.push(format!("status: {:?} → {:?}", o.status, n.status));
    }
    let names = |ps: &[crate::spec::Param]| ps.iter().map(|p| p.name.clone()).collect::<Vec<_>>();
    if names(&o.query_params) != names(&n.query_params) {
        out.push(format!("query parameters: {:?} → {:?}", names(&o.query_params), names(&n.query_params)));
    }
    if o.request != n.request {
        out.push(format!("request body: {:?} → {:?}", o.request, n.request));
    }
    if o.response != n.response {
        out.push(format!("response body: {:?} → {:?}", o.response, n.response));
    }
    for (name, t) in &old.types {
        match new.types.get(name) {
            None => out.push(format!("- type {name} removed")),
            Some(nt) => type_diff(name, t, nt, &mut out),
        }
    }
    for name in new.types.keys() {
        if !old.types.contains_key(name) {
            out.push(format!("+ type {name} added{}", describe(&new.types[name])));
        }
    }
    out
}

fn describe(t: &TypeDef) -> String {
    if let Some(f) = &t.fields {
        format!(" ({} fields: {})", f.len(), f.iter().map(|f| f.json.as_str()).collect::<Vec<_>>().join(", "))
    } else if let Some(v) = &t.values {
        format!(" (enum: {})", v.iter().map(|v| v.value.as_str()).collect::<Vec<_>>().join(", "))
    } else if let Some(a) = &t.one_of {
        format!(" (one of: {})", a.join(", "))
    } else {
        String::new()
    }
}

fn type_diff(name: &str, old: &TypeDef, new: &TypeDef, out: &mut Vec<String>) {
    if let (Some(of), Some(nf)) = (&old.fields, &new.fields) {
        for f in of {
            match nf.iter().find(|x| x.json == f.json) {
                None => out.push(format!("- field {name}.{} removed", f.json)),
                Some(g) => {
                    if f.ty != g.ty {
                        out.push(format!("~ field {name}.{} retyped: {} → {}", f.json, f.ty, g.ty));
                    }
                    if f.required != g.required {
                        out.push(format!("~ field {name}.{} required: {} → {}", f.json, f.required, g.required));
                    }
                    if f.sensitive != g.sensitive {
                        out.push(format!("~ field {name}.{} sensitive: {} → {}", f.json, f.sensitive, g.sensitive));
                    }
                    if f.constraints != g.constraints {
                        out.push(format!("~ field {name}.{} constraints: {} → {}", f.json, cons(&f.constraints), cons(&g.constraints)));
                    }
                    if f.accepts != g.accepts {
                        out.push(format!("~ field {name}.{} accepts: {:?} → {:?}", f.json, f.accepts, g.accepts));
                    }
                }
            }
        }
        for g in nf {
            if !of.iter().any(|f| f.json == g.json) {
                out.push(format!("+ field {name}.{} added: {}{}", g.json, g.ty, if g.required { ", required" } else { "" }));
            }
        }
    } else if old.fields.is_some() != new.fields.is_some() || old.values.is_some() != new.values.is_some() {
        out.push(format!("~ type {name} changed kind{} →{}", describe(old), describe(new)));
        return;
    }
    if let (Some(ov), Some(nv)) = (&old.values, &new.values) {
        for v in ov {
            if !nv.iter().any(|x| x.value == v.value) {
                out.push(format!("- enum value {name}::{} removed", v.value));
            }
        }
        for v in nv {
            if !ov.iter().any(|x| x.value == v.value) {
                out.push(format!("+ enum value {name}::{} added", v.value));
            }
        }
        if old.case_insensitive != new.case_insensitive {
            out.push(format!("~ enum {name} case-insensitive: {} → {}", old.case_insensitive, new.case_insensitive));
        }
    }
    if old.one_of != new.one_of && old.one_of.is_some() && new.one_of.is_some() {
        out.push(format!("~ one_of {name}: {:?} → {:?}", old.one_of, new.one_of));
    }
}

fn cons(c: &Constraints) -> String {
    let mut parts = Vec::new();
    if let Some(v) = c.min_length {
        parts.push(format!("min_length={v}"))
    }
    if let Some(v) = c.max_length {
        parts.push(format!("max_length={v}"))
    }
    if let Some(v) = &c.pattern {
        parts.push(format!("pattern={v}"))
    }
    if let Some(v) = c.minimum {
        parts.push(format!("minimum={v}"))
    }
    if let Some(v) = c.maximum {
        parts.push(format!("maximum={v}"))
    }
    if let Some(v) = c.multiple_of {
        parts.push(format!("multiple_of={v}"))
    }
    if let Some(v) = c.min_items {
        parts.push(format!("min_items={v}"))
    }
    if let Some(v) = c.max_items {
        parts.push(format!("max_items={v}"))
    }
    if parts.is_empty() {
        "none".to_owned()
    } else {
        parts.join(" ")
    }
}

/// The committed operations whose page is gone: specs of `committed` (by key) that no fresh
/// transcription in `fresh` produced and whose page lay where the pages were read (under a
/// folder of `args`, or beside a page read). One line each, sorted.
pub fn removed(committed: &BTreeMap<String, Spec>, fresh: &BTreeMap<String, Spec>, pages: &[PageFile], args: &[PathBuf]) -> Vec<String> {
    let mut prefixes: Vec<String> =
        args.iter().filter(|a| a.is_dir()).map(|a| super::display_of(&a.join("_")).trim_end_matches('_').to_owned()).collect();
    for p in pages {
        if let Some((dir, _)) = p.display.rsplit_once('/') {
            prefixes.push(format!("{dir}/"));
        }
    }
    let mut out = Vec::new();
    for (key, spec) in committed {
        if fresh.contains_key(key) {
            continue;
        }
        let Some(doc) = spec.source.as_ref().map(|s| s.doc.as_str()) else { continue };
        let beside = prefixes.iter().any(|p| doc.starts_with(p.as_str()) && !doc[p.len()..].contains('/'));
        let under = args.iter().filter(|a| a.is_dir()).any(|a| {
            let p = super::display_of(&a.join("_"));
            doc.starts_with(p.trim_end_matches('_'))
        });
        if beside || under {
            out.push(format!("- operation {key} removed ({} {}): its page {doc} is gone", spec.operation.method, spec.operation.path));
        }
    }
    out
}

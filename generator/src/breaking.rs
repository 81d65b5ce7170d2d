//! The breaking-change report: which public items of the generated SDK a change of `spec/`
//! removes, renames or changes, from the specs before and after (`cargo run -- breaking`).
//!
//! Each spec is an operation module `otc_db_sdk::<service>::<version>::<operation>` and each of
//! its types a public item of that module, so the spec diff is the API diff: an operation or
//! type gone is a removal; one under another name (same page identity for an operation, same
//! definition for a type) a rename; a field removed, retyped or newly required, an enum value
//! removed, a change of method or path is a change. Additions are listed apart: they break
//! nothing for users of the builders and of responses (response structs are `Default`).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::{Command, Stdio};

use crate::spec::{Spec, TypeDef};

/// One difference, as a line of the report.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Change {
    /// Breaks users (removal, rename, change), else an addition.
    pub breaking: bool,
    pub line: String,
}

/// The module path of an operation key (`rds/v3/list_instances` → `rds::v3::list_instances`).
fn module(key: &str) -> String {
    key.split('/').map(crate::idents::snake).collect::<Vec<_>>().join("::")
}

/// Every public difference from `old` to `new` (specs by `<service>/<version>/<operation>`),
/// breaking ones first, each group sorted.
pub fn report(old: &BTreeMap<String, Spec>, new: &BTreeMap<String, Spec>) -> Vec<Change> {
    let mut out = Vec::new();
    // Both a spec's page identity and its page path identify it (specs written before
    // `source.page` existed have only the path).
    let marks = |s: &Spec| -> Vec<String> {
        let Some(src) = s.source.as_ref() else {
            return Vec::new();
        };
        src.page.iter().map(|p| format!("page:{p}")).chain(std::iter::once(format!("doc:{}", src.doc))).collect()
    };
    // Operations gone under their key: renamed when a new key of the same service and version
    // has the same page and is not matched otherwise.
    let mut new_by_page: BTreeMap<(String, String), Vec<&String>> = BTreeMap::new();
    for (k, s) in new {
        if old.contains_key(k) {
            continue;
        }
        for m in marks(s) {
            new_by_page.entry((k.rsplit_once('/').map(|x| x.0).unwrap_or("").to_owned(), m)).or_default().push(k);
        }
    }
    let mut matched_new: BTreeSet<String> = BTreeSet::new();
    let mut renamed_to: BTreeMap<&String, &String> = BTreeMap::new();
    // Page identities first, then page paths.
    for kind in ["page:", "doc:"] {
        for (k, s) in old {
            if new.contains_key(k) || renamed_to.contains_key(k) {
                continue;
            }
            let dir = k.rsplit_once('/').map(|x| x.0).unwrap_or("").to_owned();
            let candidate = marks(s).into_iter().filter(|m| m.starts_with(kind)).find_map(|m| {
                new_by_page.get(&(dir.clone(), m)).and_then(|ks| ks.iter().find(|n| !matched_new.contains(n.as_str())).copied())
            });
            if let Some(nk) = candidate {
                matched_new.insert(nk.clone());
                renamed_to.insert(k, nk);
            }
        }
    }
    let mut pairs: Vec<(&String, &String)> = Vec::new();
    for (k, s) in old {
        if new.contains_key(k) {
            pairs.push((k, k));
            continue;
        }
        match renamed_to.get(k) {
            Some(nk) => {
                out.push(Change { breaking: true, line: format!("renamed operation {} → {}", module(k), module(nk)) });
                pairs.push((k, nk));
            }
            None => out.push(Change {
                breaking: true,
                line: format!("removed operation {} ({} {})", module(k), s.operation.method, s.operation.path),
            }),
        }
    }
    for (k, s) in new {
        if !old.contains_key(k) && !matched_new.contains(k) {
            out.push(Change {
                breaking: false,
                line: format!("added operation {} ({} {})", module(k), s.operation.method, s.operation.path),
            });
        }
    }
    for (ok, nk) in pairs {
        operation_changes(&module(nk), &old[ok], &new[nk], &mut out);
    }
    out.sort_by(|a, b| b.breaking.cmp(&a.breaking).then_with(|| a.line.cmp(&b.line)));
    out
}

/// A type's definition without its docs and with names made neutral, to recognize a renamed
/// type by its shape.
fn shape(t: &TypeDef, names: &BTreeMap<String, String>) -> String {
    let mut t = t.clone();
    t.doc = None;
    t.table = None;
    for f in t.fields.iter_mut().flatten() {
        f.doc = None;
        f.ty = rename_words(&f.ty, names);
    }
    for a in t.one_of.iter_mut().flatten() {
        if let Some(to) = names.get(a.as_str()) {
            *a = to.clone();
        }
    }
    format!("{t:?}")
}

/// `array<Old>` → `array<New>` for every name of `names` at once (whole names only).
fn rename_words(ty: &str, names: &BTreeMap<String, String>) -> String {
    crate::spec::type_expr::rename_in(ty, |w| names.get(w).map(String::as_str))
}

fn operation_changes(m: &str, old: &Spec, new: &Spec, out: &mut Vec<Change>) {
    let (o, n) = (&old.operation, &new.operation);
    if o.method != n.method || o.path != n.path {
        out.push(Change { breaking: true, line: format!("changed {m}: {} {} → {} {}", o.method, o.path, n.method, n.path) });
    }
    for p in &o.query_params {
        if !n.query_params.iter().any(|q| q.name == p.name) {
            out.push(Change { breaking: true, line: format!("removed query parameter {m}::{}", p.name) });
        }
    }
    // Types: gone names whose shape reappears under a new name are renames.
    let gone: Vec<&String> = old.types.keys().filter(|k| !new.types.contains_key(*k)).collect();
    let fresh: Vec<&String> = new.types.keys().filter(|k| !old.types.contains_key(*k)).collect();
    let empty = BTreeMap::new();
    let mut renamed: BTreeMap<&String, &String> = BTreeMap::new();
    for g in &gone {
        let s = shape(&old.types[*g], &empty);
        if let Some(f) = fresh.iter().find(|f| !renamed.values().any(|v| v == *f) && shape(&new.types[**f], &empty) == s) {
            renamed.insert(g, f);
        }
    }
    // More passes with the renames known (a list of a renamed type is the same list), until
    // nothing more is recognized.
    let mut names: BTreeMap<String, String> = BTreeMap::new();
    while names.len() < renamed.len() {
        names = renamed.iter().map(|(a, b)| ((*a).clone(), (*b).clone())).collect();
        for g in &gone {
            if renamed.contains_key(g) {
                continue;
            }
            let s = shape(&old.types[*g], &names);
            if let Some(f) = fresh.iter().find(|f| !renamed.values().any(|v| v == *f) && shape(&new.types[**f], &empty) == s) {
                renamed.insert(g, f);
            }
        }
    }
    for g in gone {
        match renamed.get(g) {
            Some(f) => out.push(Change { breaking: true, line: format!("renamed type {m}::{g} → {m}::{f}") }),
            None => out.push(Change { breaking: true, line: format!("removed type {m}::{g}") }),
        }
    }
    for f in fresh {
        if !renamed.values().any(|v| *v == f) {
            out.push(Change { breaking: false, line: format!("added type {m}::{f}") });
        }
    }
    for (name, ot) in &old.types {
        let Some(nt) = new.types.get(name) else {
            continue;
        };
        if let (Some(of), Some(nf)) = (&ot.fields, &nt.fields) {
            for f in of {
                match nf.iter().find(|g| g.json == f.json) {
                    None => out.push(Change { breaking: true, line: format!("removed field {m}::{name}.{}", f.json) }),
                    Some(g) => {
                        let retyped = rename_words(&f.ty, &names);
                        if retyped != g.ty {
                            out.push(Change {
                                breaking: true, line: format!("changed field {m}::{name}.{}: {} → {}", f.json, f.ty, g.ty)
                            });
                        }
                        if !f.required && g.required {
                            out.push(Change { breaking: true, line: format!("changed field {m}::{name}.{}: now required", f.json) });
                        }
                    }
                }
            }
            for g in nf {
                if !of.iter().any(|f| f.json == g.json) {
                    out.push(Change {
                        breaking: g.required,
                        line: format!("added field {m}::{name}.{}{}", g.json, if g.required { " (required)" } else { "" }),
                    });
                }
            }
        }
        if let (Some(ov), Some(nv)) = (&ot.values, &nt.values) {
            for v in ov {
                if !nv.iter().any(|x| x.value == v.value) {
                    out.push(Change { breaking: true, line: format!("removed enum value {m}::{name}::{}", v.value) });
                }
            }
        }
    }
}

/// The specs of `spec_dir` as they were at git revision `base` (the folder's path in the
/// repository at that revision), read into a temporary folder.
/// Its errors are git's or tar's (what failed, and their words), not problems of a file: text,
/// not a [`Diagnostic`](crate::Diagnostic).
pub fn specs_at(spec_dir: &Path, base: &str) -> Result<BTreeMap<String, Spec>, String> {
    let git = |args: &[&str]| -> Result<String, String> {
        let out = Command::new("git").arg("-C").arg(spec_dir).args(args).output().map_err(|e| format!("cannot run git: {e}"))?;
        if !out.status.success() {
            return Err(format!("git {}: {}", args.join(" "), String::from_utf8_lossy(&out.stderr).trim()));
        }
        Ok(String::from_utf8_lossy(&out.stdout).trim().to_owned())
    };
    let top = git(&["rev-parse", "--show-toplevel"])?;
    let prefix = git(&["rev-parse", "--show-prefix"])?;
    let tmp = std::env::temp_dir().join(format!("otc-sdkgen-breaking-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    std::fs::create_dir_all(&tmp).map_err(|e| format!("cannot create {}: {e}", tmp.display()))?;
    let result = (|| {
        let mut archive = Command::new("git")
            .arg("-C")
            .arg(&top)
            .args(["archive", "--format=tar", &format!("{base}:{prefix}")])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| format!("cannot run git archive: {e}"))?;
        let stdout = archive.stdout.take().ok_or("git archive: no output")?;
        let tar = Command::new("tar").arg("-x").arg("-C").arg(&tmp).stdin(stdout).output().map_err(|e| format!("cannot run tar: {e}"))?;
        let status = archive.wait_with_output().map_err(|e| e.to_string())?;
        if !status.status.success() {
            return Err(format!("git archive {base}:{prefix}: {}", String::from_utf8_lossy(&status.stderr).trim()));
        }
        if !tar.status.success() {
            return Err(format!("tar: {}", String::from_utf8_lossy(&tar.stderr).trim()));
        }
        let (specs, errors) = crate::transcribe::read_specs(&tmp);
        match errors.first() {
            None => Ok(specs),
            Some(_) => {
                let errors: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
                Err(format!("the specs at {base} do not parse: {}", errors.join("; ")))
            }
        }
    })();
    let _ = std::fs::remove_dir_all(&tmp);
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(id: &str, page: &str, types: &[(&str, &str)]) -> Spec {
        let fields: String = types.iter().map(|(n, f)| format!("  {n}:\n    fields:\n      - {{ json: {f}, type: string }}\n")).collect();
        let text = format!(
            "operation:\n  id: {id}\n  title: T\n  method: GET\n  path: /v3/x\nsource:\n  doc: d.rst\n  page: {page}\ntypes:\n{fields}"
        );
        crate::spec::yaml::parse_spec(&text).unwrap()
    }

    #[test]
    fn renames_removals_additions() {
        let old: BTreeMap<String, Spec> = [
            ("rds/v3/query_instances".to_owned(), spec("query_instances", "p1", &[("QueryInstancesResponse", "a"), ("Instances", "b")])),
            ("rds/v3/gone".to_owned(), spec("gone", "p2", &[("GoneResponse", "a")])),
        ]
        .into();
        let new: BTreeMap<String, Spec> = [(
            "rds/v3/list_instances".to_owned(),
            spec("list_instances", "p1", &[("ListInstancesResponse", "a"), ("Instance", "b"), ("Extra", "c")]),
        )]
        .into();
        let lines: Vec<String> =
            report(&old, &new).into_iter().map(|c| format!("{} {}", if c.breaking { "!" } else { "+" }, c.line)).collect();
        assert_eq!(
            lines,
            [
                "! removed operation rds::v3::gone (GET /v3/x)",
                "! renamed operation rds::v3::query_instances → rds::v3::list_instances",
                "! renamed type rds::v3::list_instances::Instances → rds::v3::list_instances::Instance",
                "! renamed type rds::v3::list_instances::QueryInstancesResponse → rds::v3::list_instances::ListInstancesResponse",
                "+ added type rds::v3::list_instances::Extra",
            ]
        );
    }
}

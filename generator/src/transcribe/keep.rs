//! Type names that stay put: a fresh transcription of a page whose committed spec has other
//! names for the same types (a caption or field name reworded) takes the committed names back
//! (`docs/naming.md`). Types are matched by where they sit: their path from the bodies
//! (`response.instances[]`, `request.volume`), not by their names.

use std::collections::{BTreeMap, BTreeSet};

use super::fix::rename_type;
use crate::spec::Spec;

/// Type name by path from the bodies (`request`, `response`, `request.volume`,
/// `response.instances`, `request|1` for a `one_of`'s second alternative).
fn paths(spec: &Spec) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let mut todo: Vec<(String, String)> = Vec::new();
    if let Some(r) = &spec.operation.request {
        todo.push(("request".to_owned(), r.clone()));
    }
    if let Some(r) = &spec.operation.response {
        todo.push(("response".to_owned(), r.clone()));
    }
    let mut seen = BTreeSet::new();
    while let Some((path, name)) = todo.pop() {
        let Some(t) = spec.types.get(&name) else { continue };
        if !seen.insert(name.clone()) {
            continue;
        }
        out.insert(path.clone(), name.clone());
        for f in t.fields.iter().flatten() {
            for word in f.ty.split(|c: char| !(c.is_alphanumeric() || c == '_')) {
                if spec.types.contains_key(word) {
                    todo.push((format!("{path}.{}", f.json), word.to_owned()));
                }
            }
        }
        for (i, alt) in t.one_of.iter().flatten().enumerate() {
            todo.push((format!("{path}|{i}"), alt.clone()));
        }
    }
    out
}

/// Renames the types of `fresh` to the names `committed` has for the types at the same paths,
/// where that name is free. Returns the renames made (`old → kept`).
pub fn type_names(fresh: &mut Spec, committed: &Spec) -> Vec<(String, String)> {
    let old = paths(committed);
    let mut done = Vec::new();
    for (path, name) in paths(fresh) {
        let Some(kept) = old.get(&path) else { continue };
        // `fresh` changes as we go: the name at this path may have been renamed already.
        if *kept != name && fresh.types.contains_key(&name) && !fresh.types.contains_key(kept) {
            rename_type(fresh, &name, kept);
            done.push((name, kept.clone()));
        }
    }
    done
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(volume: &str) -> Spec {
        let text = format!(
            "operation:\n  id: create_widget\n  title: T\n  method: POST\n  path: /v3/w\n  request: CreateWidgetRequest\n\
             types:\n  CreateWidgetRequest:\n    fields:\n      - {{ json: volume, type: {volume} }}\n      - {{ json: tags, type: 'array<Tag>' }}\n\
             \x20 {volume}:\n    fields:\n      - {{ json: size, type: integer }}\n  Tag:\n    fields:\n      - {{ json: key, type: string }}\n"
        );
        crate::spec::yaml::parse_spec(&text).unwrap()
    }

    #[test]
    fn a_reworded_caption_keeps_the_type_name() {
        let committed = spec("Volume");
        let mut fresh = spec("Disk");
        assert_eq!(type_names(&mut fresh, &committed), [("Disk".to_owned(), "Volume".to_owned())]);
        assert_eq!(fresh, committed);
        // Nothing to keep: nothing renamed.
        assert!(type_names(&mut fresh, &committed).is_empty());
    }
}

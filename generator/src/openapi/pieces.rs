//! A service's document put together from pieces kept in the cache (issue 19), so that
//! `cargo run` after one spec changed makes again only the pieces of that spec's path, not the
//! whole document (building it checks every page example against its schema, and writing its
//! YAML is most of what is left).
//!
//! A document's YAML is its head (version, `info`, `servers`, `tags`), `paths:` and one piece
//! per path item, in path order, then `components:`, `schemas:` and one piece per operation (its
//! named types), in spec order, then the security schemes. Each piece is the text of its entries
//! exactly as the whole document has it: the emitter writes an entry from the entry and its depth
//! alone ([`yaml::entries`]). A path item depends on the operations of that path, whose types it
//! needs to check their examples: the path's operations' pieces are one cache entry, stored
//! under the path's first operation for exactly these operations' models (their `Debug` text).
//! What the whole document checks across operations (component names, operation ids) is checked
//! on every assembly, before any piece is taken.

use std::collections::BTreeMap;

use serde_json::{json, Map, Value};

use super::examples::SchemaValidator;
use super::{component_name, operation_id, yaml};
use crate::cache::{Cache, Outputs};
use crate::model::OperationModel;

/// The name of a path item's piece in its cache entry; each operation's components follow it.
const PATH_ITEM: &str = "path item";

/// The pieces of one path: the path item and, for each of its operations, its components.
struct Piece {
    path: String,
    components: Vec<Option<String>>,
}

/// The text of the document of `service` (the same as [`super::render`]'s), from the pieces of
/// `cache` that were made for the same operations, and new pieces (stored) for the others.
/// `models[i]` is the model of `ops[i]` as the cache compares it.
pub fn assemble(service: &str, ops: &[&OperationModel], models: &[&str], cache: &Cache) -> Result<String, String> {
    let source = super::source(service);
    super::unique_components(ops)?;
    super::unique_ids(&super::endpoints(ops)?)?;
    // The operations of each path, in spec order, by their place in `ops`.
    let mut by_path: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, op) in ops.iter().enumerate() {
        by_path.entry(op.path.as_str()).or_default().push(i);
    }
    let mut components: Vec<Option<String>> = vec![None; ops.len()];
    let mut body = yaml::body(&source, &Value::Object(super::head(service, ops)))?;
    body.push_str("\npaths:");
    for places in by_path.values() {
        let path_ops: Vec<&OperationModel> = places.iter().map(|&i| ops[i]).collect();
        let inputs: Vec<&str> = places.iter().map(|&i| models[i]).collect();
        let piece = cached(&source, service, &path_ops, &inputs, cache)?;
        body.push('\n');
        body.push_str(&piece.path);
        for (&i, c) in places.iter().zip(piece.components) {
            components[i] = c;
        }
    }
    body.push_str("\ncomponents:\n  schemas:");
    if components.iter().all(Option::is_none) {
        body.push_str(" {}");
    }
    for c in components.iter().flatten() {
        body.push('\n');
        body.push_str(c);
    }
    if let Some(schemes) = super::security_schemes(ops) {
        let doc = json!({ "components": { "securitySchemes": schemes } });
        if let Some(text) = yaml::entries(&source, &doc, &["components"])? {
            body.push('\n');
            body.push_str(&text);
        }
    }
    Ok(yaml::document(&source, &body))
}

/// The pieces of the operations of one path: from `cache` when it holds them for exactly these
/// models, else made and stored.
fn cached(source: &str, service: &str, ops: &[&OperationModel], models: &[&str], cache: &Cache) -> Result<Piece, String> {
    let key = format!("openapi-path/{service}/{}/{}", ops[0].version_module, ops[0].id);
    if let Some(piece) = cache.get(&key, models).and_then(|outputs| from_outputs(ops, outputs)) {
        return Ok(piece);
    }
    let piece = make(source, ops)?;
    cache.put(&key, models, &to_outputs(ops, &piece));
    Ok(piece)
}

/// The pieces of the operations of one path (all of them: one path, in spec order).
fn make(source: &str, ops: &[&OperationModel]) -> Result<Piece, String> {
    let components = json!({ "schemas": super::schemas(ops)? });
    let paths = super::paths(ops, &SchemaValidator::new(&components))?;
    let path = yaml::entries(source, &json!({ "paths": paths }), &["paths"])?
        .ok_or_else(|| format!("{source}: no path item for {}", ops[0].path))?;
    let Value::Object(mut schemas) = components["schemas"].clone() else { unreachable!("built as an object") };
    let mut each = Vec::with_capacity(ops.len());
    for op in ops {
        let own: Map<String, Value> = op
            .types
            .iter()
            .filter_map(|t| {
                let name = component_name(op, &t.name);
                schemas.remove(&name).map(|s| (name, s))
            })
            .collect();
        each.push(yaml::entries(source, &json!({ "components": { "schemas": own } }), &["components", "schemas"])?);
    }
    Ok(Piece { path, components: each })
}

/// A piece as a cache entry's outputs: the path item, then each operation's components, named
/// by the operation (empty when it has no named type).
fn to_outputs(ops: &[&OperationModel], piece: &Piece) -> Outputs {
    let mut out = vec![(PATH_ITEM.to_owned(), piece.path.clone())];
    for (op, c) in ops.iter().zip(&piece.components) {
        out.push((operation_id(op), c.clone().unwrap_or_default()));
    }
    out
}

/// The piece of a cache entry's outputs; `None` when they are not one of these operations.
fn from_outputs(ops: &[&OperationModel], outputs: Outputs) -> Option<Piece> {
    let mut outputs = outputs.into_iter();
    let (name, path) = outputs.next()?;
    if name != PATH_ITEM || path.is_empty() || outputs.len() != ops.len() {
        return None;
    }
    let mut components = Vec::with_capacity(ops.len());
    for (op, (name, text)) in ops.iter().zip(outputs) {
        if name != operation_id(op) {
            return None;
        }
        components.push((!text.is_empty()).then_some(text));
    }
    Some(Piece { path, components })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cache::Entry;

    fn model(dir: &str) -> crate::Model {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
        crate::load_model(&dir, "spec").unwrap_or_else(|e| panic!("{e}"))
    }

    fn models(ops: &[&OperationModel]) -> Vec<String> {
        ops.iter().map(|op| format!("{op:?}")).collect()
    }

    /// Every document of the spec tree, put together from pieces made afresh and then from the
    /// cache, is the document made whole: byte for byte.
    #[test]
    fn assembled_documents_are_the_whole_documents() {
        let model = model("../spec");
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::new(dir.path(), "g");
        let services = super::super::by_service(&model);
        assert!(services.len() > 3, "the spec tree has its services");
        for (service, ops) in &services {
            let whole = super::super::render(service, ops).unwrap();
            let models = models(ops);
            let inputs: Vec<&str> = models.iter().map(String::as_str).collect();
            let fresh = assemble(service, ops, &inputs, &cache).unwrap();
            assert!(fresh == whole, "{service}: assembled from new pieces differs from the whole document");
            let cached = assemble(service, ops, &inputs, &cache).unwrap();
            assert!(cached == whole, "{service}: assembled from cached pieces differs from the whole document");
        }
        // Paths shared by several operations (one entry each) and operations without types are there.
        let entries = cache.entries();
        assert!(entries.len() < model.operations.len(), "{} entries", entries.len());
        assert!(entries.iter().any(|(_, e)| e.outputs.iter().skip(1).any(|(_, text)| text.is_empty())));

        // One operation changed: its path's pieces are made again, every other piece is taken
        // from the cache (poisoned here, so that it shows).
        let ops = &services["iam"];
        for (path, mut entry) in cache.entries().into_iter().filter(|(p, _)| p.to_string_lossy().contains("%2Fiam%2F")) {
            entry.outputs[0].1 = format!("  /poisoned/{}: {{}}", entry.outputs[0].1.len());
            entry.write(&path).unwrap();
        }
        let mut models = models(ops);
        models[1].push(' ');
        let inputs: Vec<&str> = models.iter().map(String::as_str).collect();
        let text = assemble("iam", ops, &inputs, &cache).unwrap();
        let paths: BTreeMap<&str, ()> = ops.iter().map(|op| (op.path.as_str(), ())).collect();
        assert_eq!(text.matches("\n  /poisoned/").count(), paths.len() - 1, "{text}");
        let changed = format!("\n  {}:\n", ops[1].path);
        assert!(text.contains(&changed), "{changed} is made again: {text}");
    }

    /// A cached piece is used for exactly the models it was made for; one that is not the
    /// operations' (another name, another count, no path item) is made again and replaced.
    #[test]
    fn a_piece_is_taken_for_the_same_models_and_operations_only() {
        let model = model("../tests/fixtures/specs");
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::new(dir.path(), "g");
        let ops: Vec<&OperationModel> = model.operations.iter().collect();
        let models = models(&ops);
        let inputs: Vec<&str> = models.iter().map(String::as_str).collect();
        let whole = super::super::render("demo", &ops).unwrap();
        assert_eq!(assemble("demo", &ops, &inputs, &cache).unwrap(), whole);
        let entries = cache.entries();
        assert_eq!(entries.len(), 1, "{entries:?}");
        let (path, entry) = &entries[0];
        // A poisoned piece for the same models is used: the cache is trusted for its inputs.
        let mut poisoned = entry.clone();
        poisoned.outputs[0].1 = "  /poisoned: {}".to_owned();
        poisoned.write(path).unwrap();
        assert!(assemble("demo", &ops, &inputs, &cache).unwrap().contains("\n  /poisoned: {}\n"));
        // Pieces that are not those of the operations are made again (and replaced).
        for damage in [
            |o: &mut Outputs| o[0].0 = "other".to_owned(),
            |o: &mut Outputs| o[1].0 = "v9_other".to_owned(),
            |o: &mut Outputs| o.truncate(1),
            |o: &mut Outputs| o[0].1.clear(),
        ] {
            let mut bad = entry.clone();
            damage(&mut bad.outputs);
            bad.write(path).unwrap();
            assert_eq!(assemble("demo", &ops, &inputs, &cache).unwrap(), whole);
            assert_eq!(&Entry::read(path).unwrap(), entry, "replaced by the right piece");
        }
        // Another model of the operation misses.
        poisoned.write(path).unwrap();
        let other = [format!("{} ", models[0])];
        let other: Vec<&str> = other.iter().map(String::as_str).collect();
        assert_eq!(assemble("demo", &ops, &other, &cache).unwrap(), whole);
    }
}

// Copied by otc-sdkgen from generator/runtime/one_of.rs. Do not edit here: edit that file and run `cargo run`.

//! Deserializing `one_of` bodies by shape: the alternative whose required fields are all present
//! and which knows most of the object's keys wins; ties go to the first documented alternative.

use serde_json::Value;

/// The shape of a struct: its wire field names and the required ones.
pub trait Shape {
    /// Every wire field name, in documented order.
    const FIELDS: &'static [&'static str];
    /// The required wire field names.
    const REQUIRED: &'static [&'static str];
}

/// The index of the alternative `value` has the shape of, among `shapes` (`(fields, required)`),
/// or `None` when it is not an object or lacks a required field of every alternative.
pub fn pick(value: &Value, shapes: &[(&[&str], &[&str])]) -> Option<usize> {
    let object = value.as_object()?;
    let mut best: Option<(usize, usize)> = None;
    for (index, (fields, required)) in shapes.iter().enumerate() {
        if !required.iter().all(|r| object.contains_key(*r)) {
            continue;
        }
        let known = object.keys().filter(|k| fields.contains(&k.as_str())).count();
        if best.is_none_or(|(_, score)| known > score) {
            best = Some((index, known));
        }
    }
    best.map(|(index, _)| index)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_by_required_then_known_keys() {
        let a: (&[&str], &[&str]) = (&["name", "datastore"], &["name", "datastore"]);
        let b: (&[&str], &[&str]) = (&["name", "replica_of_id"], &["name", "replica_of_id"]);
        let v = serde_json::json!({"name": "x", "replica_of_id": "y"});
        assert_eq!(pick(&v, &[a, b]), Some(1));
        let v = serde_json::json!({"name": "x", "datastore": {}});
        assert_eq!(pick(&v, &[a, b]), Some(0));
        assert_eq!(pick(&serde_json::json!({"name": "x"}), &[a, b]), None);
        assert_eq!(pick(&serde_json::json!([1]), &[a, b]), None);
    }
}

//! [`OtherFields`]: the fields of a response that its page does not document, kept as received.
//!
//! Policy (README, "Nothing received is lost"): every response struct has a public `other` field
//! of this type. Reading fills it with each key the type does not know (name → raw JSON value);
//! writing puts those keys back after the documented fields, so a response read and written again
//! is the same JSON (`serde_json::Value` equality). Its `Debug` shows the key names only: a field
//! the page does not document may hold a secret the spec could not mark `sensitive`.

use std::fmt;
use std::ops::{Deref, DerefMut};
use std::sync::OnceLock;

use serde_json::{Map, Value};

/// Undocumented fields of a response: name → raw JSON value. Read it like a
/// `serde_json::Map` (it dereferences to one): `response.other.get("description")`.
///
/// Empty, it holds no map at all (one pointer, nothing to make or drop): most responses have
/// nothing undocumented, and every response struct carries one.
#[derive(Clone, Default)]
pub struct OtherFields(Option<Box<Map<String, Value>>>);

impl OtherFields {
    /// No field.
    pub fn new() -> Self {
        OtherFields(None)
    }

    /// The map of undocumented fields.
    pub fn into_map(self) -> Map<String, Value> {
        self.0.map(|map| *map).unwrap_or_default()
    }
}

impl Deref for OtherFields {
    type Target = Map<String, Value>;
    fn deref(&self) -> &Map<String, Value> {
        static EMPTY: OnceLock<Map<String, Value>> = OnceLock::new();
        match &self.0 {
            Some(map) => map,
            None => EMPTY.get_or_init(Map::new),
        }
    }
}

impl DerefMut for OtherFields {
    fn deref_mut(&mut self) -> &mut Map<String, Value> {
        self.0.get_or_insert_with(Box::default)
    }
}

/// Equal when they hold the same fields (an empty map is no map).
impl PartialEq for OtherFields {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

impl From<Map<String, Value>> for OtherFields {
    fn from(map: Map<String, Value>) -> Self {
        OtherFields(Some(Box::new(map)))
    }
}

/// Key names only: the values may hold secrets no page marked as such.
impl fmt::Debug for OtherFields {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.keys()).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_shows_keys_never_values() {
        let mut other = OtherFields::new();
        other.insert("admin_password".to_owned(), Value::from("s3cret"));
        other.insert("dbPort".to_owned(), Value::from(3306));
        let shown = format!("{other:?}");
        assert_eq!(shown, r#"{"admin_password", "dbPort"}"#);
        assert!(!shown.contains("s3cret"));
        assert_eq!(other.get("dbPort"), Some(&Value::from(3306)));
    }

    #[test]
    fn empty_is_empty_however_made() {
        let mut touched = OtherFields::new();
        assert!(touched.is_empty());
        touched.insert("a".to_owned(), Value::Null);
        touched.remove("a");
        assert_eq!(touched, OtherFields::default());
        assert_eq!(OtherFields::from(Map::new()), OtherFields::new());
        assert!(OtherFields::new().into_map().is_empty());
        let one = OtherFields::from(Map::from_iter([("k".to_owned(), Value::from(1))]));
        assert_ne!(one, OtherFields::new());
        assert_eq!(one.clone().into_map().get("k"), Some(&Value::from(1)));
    }
}

//! [`OtherFields`]: the fields of a response that its page does not document, kept as received.
//!
//! Policy (README, "Nothing received is lost"): every response struct has a public `other` field
//! of this type. Reading fills it with each key the type does not know (name → raw JSON value);
//! writing puts those keys back after the documented fields, so a response read and written again
//! is the same JSON (`serde_json::Value` equality). Its `Debug` shows the key names only: a field
//! the page does not document may hold a secret the spec could not mark `sensitive`.

use std::fmt;
use std::ops::{Deref, DerefMut};

use serde_json::{Map, Value};

/// Undocumented fields of a response: name → raw JSON value. Read it like a
/// `serde_json::Map` (it dereferences to one): `response.other.get("description")`.
#[derive(Clone, Default, PartialEq)]
pub struct OtherFields(Map<String, Value>);

impl OtherFields {
    /// No field.
    pub fn new() -> Self {
        OtherFields(Map::new())
    }

    /// The map of undocumented fields.
    pub fn into_map(self) -> Map<String, Value> {
        self.0
    }
}

impl Deref for OtherFields {
    type Target = Map<String, Value>;
    fn deref(&self) -> &Map<String, Value> {
        &self.0
    }
}

impl DerefMut for OtherFields {
    fn deref_mut(&mut self) -> &mut Map<String, Value> {
        &mut self.0
    }
}

impl From<Map<String, Value>> for OtherFields {
    fn from(map: Map<String, Value>) -> Self {
        OtherFields(map)
    }
}

/// Key names only: the values may hold secrets no page marked as such.
impl fmt::Debug for OtherFields {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.0.keys()).finish()
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
}

// Copied by otc-sdkgen from generator/runtime/sensitive.rs. Do not edit here: edit that file and run `cargo run`.

//! Secrets (passwords, tokens): kept, sent, but never shown.
//!
//! Policy: a field the spec marks `sensitive` has the type [`Sensitive<T>`]. Its `Debug` prints
//! `"** redacted **"`, it has no `Display`, and [`BuildError`](crate::error::BuildError) never holds
//! its value (only lengths). Serialization is transparent: the real value goes on the wire.
//! Read it with [`Sensitive::expose`], which makes every such read easy to find in review.

use std::fmt;

/// A secret value: transparent on the wire, redacted in `Debug`.
#[derive(Clone, PartialEq, Eq, Hash, Default)]
pub struct Sensitive<T>(T);

impl<T: serde::Serialize> serde::Serialize for Sensitive<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl<'de, T: serde::Deserialize<'de>> serde::Deserialize<'de> for Sensitive<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        T::deserialize(deserializer).map(Sensitive)
    }
}

impl<T> Sensitive<T> {
    /// Wraps a secret.
    pub fn new(value: T) -> Self {
        Sensitive(value)
    }

    /// The secret itself.
    pub fn expose(&self) -> &T {
        &self.0
    }

    /// The secret itself, unwrapped.
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> From<T> for Sensitive<T> {
    fn from(value: T) -> Self {
        Sensitive(value)
    }
}

impl From<&str> for Sensitive<String> {
    fn from(value: &str) -> Self {
        Sensitive(value.to_owned())
    }
}

impl<T> fmt::Debug for Sensitive<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("\"** redacted **\"")
    }
}

impl AsRef<str> for Sensitive<String> {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_redacts() {
        let s: Sensitive<String> = Sensitive::from("Test@123");
        assert_eq!(format!("{s:?}"), "\"** redacted **\"");
        assert_eq!(s.expose(), "Test@123");
    }
}

//! Lenient deserializers for the spec's `accepts`: a field documented with one wire type that the
//! cloud (or the page's examples) also sends as another. The value is converted to the documented
//! type: `8635` → `"8635"` for a string field, `"8"` → `8` for an integer field, a single object
//! → a one-item list for a list field. Serialization always uses the documented type.

use serde::de::{Deserialize, DeserializeOwned, Deserializer, Error};
use serde_json::Value;

fn to_string<E: Error>(value: Value) -> Result<String, E> {
    match value {
        Value::String(s) => Ok(s),
        Value::Number(n) => Ok(n.to_string()),
        Value::Bool(b) => Ok(b.to_string()),
        other => Err(E::custom(format!("expected a string, found {other}"))),
    }
}

fn to_i64<E: Error>(value: Value) -> Result<i64, E> {
    match &value {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
    .ok_or_else(|| E::custom(format!("expected an integer, found {value}")))
}

fn to_f64<E: Error>(value: Value) -> Result<f64, E> {
    match &value {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
    .ok_or_else(|| E::custom(format!("expected a number, found {value}")))
}

fn to_bool<E: Error>(value: Value) -> Result<bool, E> {
    match &value {
        Value::Bool(b) => Some(*b),
        Value::String(s) if s.eq_ignore_ascii_case("true") => Some(true),
        Value::String(s) if s.eq_ignore_ascii_case("false") => Some(false),
        _ => None,
    }
    .ok_or_else(|| E::custom(format!("expected a boolean, found {value}")))
}

fn to_i32<E: Error>(value: Value) -> Result<i32, E> {
    let n = to_i64::<E>(value)?;
    i32::try_from(n).map_err(|_| E::custom(format!("integer {n} out of range")))
}

fn to_list<T: DeserializeOwned, E: Error>(value: Value) -> Result<Vec<T>, E> {
    let items = match value {
        Value::Array(items) => items,
        single => vec![single],
    };
    items.into_iter().map(|item| serde_json::from_value(item).map_err(E::custom)).collect()
}

/// An optional field's value converted by `conv`; `null` is `None`.
fn nullable<'de, D: Deserializer<'de>, T>(d: D, conv: fn(Value) -> Result<T, D::Error>) -> Result<Option<T>, D::Error> {
    match Value::deserialize(d)? {
        Value::Null => Ok(None),
        value => conv(value).map(Some),
    }
}

// Every field is read into an `Option` slot (see `wire`), so each reader has the `Option` form
// only: `null` is `None`, and a required field that stays `None` is reported missing.

macro_rules! lenient {
    ($(#[$doc:meta] $opt:ident -> $t:ty = $conv:ident;)*) => {$(
        #[$doc]
        pub fn $opt<'de, D: Deserializer<'de>>(d: D) -> Result<Option<$t>, D::Error> {
            nullable(d, $conv)
        }
    )*};
}

lenient! {
    /// A string that may arrive as a number or a boolean.
    opt_string -> String = to_string;
    /// A 32-bit integer that may arrive as a string.
    opt_integer -> i32 = to_i32;
    /// A 64-bit integer that may arrive as a string.
    opt_long -> i64 = to_i64;
    /// A number that may arrive as a string.
    opt_number -> f64 = to_f64;
    /// A boolean that may arrive as `"true"` / `"false"`.
    opt_boolean -> bool = to_bool;
}

/// A closed-set value (a generated enum) that may arrive as a number or a boolean.
pub fn opt_via_string<'de, D: Deserializer<'de>, T: From<String>>(d: D) -> Result<Option<T>, D::Error> {
    nullable(d, |value| to_string(value).map(T::from))
}

/// A list that may arrive as a single item.
pub fn opt_one_or_many<'de, D: Deserializer<'de>, T: DeserializeOwned>(d: D) -> Result<Option<Vec<T>>, D::Error> {
    nullable(d, to_list)
}

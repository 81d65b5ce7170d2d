//! Lenient reading of responses: every lossless encoding of a field's documented type.
//!
//! Policy (README, "Lenient reading, strict writing"): the cloud sends what it sends, and the
//! pages do not always say it. Every field of a response type is read with [`Lenient::read`]:
//!
//! - a string also from a number or a boolean (`3306` → `"3306"`, `true` → `"true"`);
//! - an integer also from a numeric string (`"100"`) or an integral float (`100.0`), when it fits;
//! - a number also from a numeric string; a boolean also from `"true"` / `"false"`;
//! - a closed set (enum) like a string;
//! - a list also from a single value (one object, or one scalar: a one-element list);
//! - `null` as absent (the slot's `Option`).
//!
//! Anything else (a word for an integer, `1.5` for an integer, an object for a string) is an error:
//! those conversions would lose or invent information. Serialization always writes the documented
//! type. Requests built by users are typed strictly: this is for reading only.
//!
//! Readers are visitors (no intermediate `serde_json::Value`), so a body that already has the
//! documented types costs what a plain `Deserialize` costs.

use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

use serde::de::value::{BorrowedStrDeserializer, MapAccessDeserializer, StrDeserializer};
use serde::de::{self, DeserializeSeed, Deserializer, IntoDeserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

use crate::sensitive::Sensitive;

/// A type read leniently from a response (see the module docs). Generated structs and `one_of`
/// bodies use their own `Deserialize` (their fields are lenient already); scalars, lists, maps and
/// enums convert.
pub trait Lenient<'de>: Deserialize<'de> {
    /// Reads a value, accepting every lossless encoding of it.
    fn read<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Self::deserialize(deserializer)
    }
}

impl<'de> Lenient<'de> for serde_json::Value {}

/// A value that did not convert: what was found, what was expected.
fn wrong<E: de::Error>(found: de::Unexpected<'_>, expected: &'static str) -> E {
    E::invalid_value(found, &expected)
}

/// `String`: also from a number or a boolean.
struct StringVisitor;

impl Visitor<'_> for StringVisitor {
    type Value = String;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string (or a number or boolean)")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<String, E> {
        Ok(v.to_owned())
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<String, E> {
        Ok(v)
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<String, E> {
        // As JSON writes it (`8.0` stays "8.0": a version, not the integer 8).
        match serde_json::Number::from_f64(v) {
            Some(n) => Ok(n.to_string()),
            None => Ok(v.to_string()),
        }
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<String, E> {
        Ok(v.to_string())
    }
}

impl<'de> Lenient<'de> for String {
    fn read<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(StringVisitor)
    }
}

impl<'de> Lenient<'de> for Sensitive<String> {
    fn read<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::read(deserializer).map(Sensitive::new)
    }
}

/// An integer type: also from a numeric string or an integral float, when it fits.
struct IntegerVisitor<T>(PhantomData<T>);

/// The integer `v` as `T`, or an error naming the value.
fn fit<T: TryFrom<i128>, E: de::Error>(v: i128, expected: &'static str) -> Result<T, E> {
    T::try_from(v).map_err(|_| E::custom(format_args!("integer {v} out of range, expected {expected}")))
}

/// An integral float as an integer; `None` when it has a fraction or is out of range.
fn integral(v: f64) -> Option<i128> {
    // Both bounds are exact in f64; the integers checked here are far inside them.
    (v.fract() == 0.0 && v.abs() < 1e38).then_some(v as i128)
}

macro_rules! integer {
    ($t:ty, $expected:literal) => {
        impl<'de> Visitor<'de> for IntegerVisitor<$t> {
            type Value = $t;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str($expected)
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<$t, E> {
                fit(i128::from(v), $expected)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<$t, E> {
                fit(i128::from(v), $expected)
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<$t, E> {
                match integral(v) {
                    Some(i) => fit(i, $expected),
                    None => Err(wrong(de::Unexpected::Float(v), $expected)),
                }
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<$t, E> {
                let t = v.trim();
                if let Ok(i) = t.parse::<i128>() {
                    return fit(i, $expected);
                }
                match t.parse::<f64>().ok().filter(|f| f.is_finite()).and_then(integral) {
                    Some(i) => fit(i, $expected),
                    None => Err(wrong(de::Unexpected::Str(v), $expected)),
                }
            }
        }

        impl<'de> Lenient<'de> for $t {
            fn read<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                deserializer.deserialize_any(IntegerVisitor::<$t>(PhantomData))
            }
        }
    };
}

integer!(i32, "a 32-bit integer (or a numeric string)");
integer!(i64, "a 64-bit integer (or a numeric string)");

/// `f64`: also from a numeric string.
struct NumberVisitor;

const NUMBER: &str = "a number (or a numeric string)";

impl Visitor<'_> for NumberVisitor {
    type Value = f64;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(NUMBER)
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<f64, E> {
        Ok(v as f64)
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<f64, E> {
        Ok(v as f64)
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<f64, E> {
        Ok(v)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<f64, E> {
        v.trim().parse::<f64>().ok().filter(|f| f.is_finite()).ok_or_else(|| wrong(de::Unexpected::Str(v), NUMBER))
    }
}

impl<'de> Lenient<'de> for f64 {
    fn read<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(NumberVisitor)
    }
}

/// `bool`: also from `"true"` / `"false"` (any case).
struct BoolVisitor;

const BOOLEAN: &str = "a boolean (or \"true\" / \"false\")";

impl Visitor<'_> for BoolVisitor {
    type Value = bool;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(BOOLEAN)
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<bool, E> {
        Ok(v)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<bool, E> {
        match v.trim() {
            t if t.eq_ignore_ascii_case("true") => Ok(true),
            t if t.eq_ignore_ascii_case("false") => Ok(false),
            _ => Err(wrong(de::Unexpected::Str(v), BOOLEAN)),
        }
    }
}

impl<'de> Lenient<'de> for bool {
    fn read<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(BoolVisitor)
    }
}

/// Reads one `T` leniently (a seed, for list elements and map values).
struct Read<T>(PhantomData<T>);

impl<'de, T: Lenient<'de>> DeserializeSeed<'de> for Read<T> {
    type Value = T;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<T, D::Error> {
        T::read(deserializer)
    }
}

/// `Vec<T>`: a list, or a single value as a one-element list.
struct ListVisitor<T>(PhantomData<T>);

impl<'de, T: Lenient<'de>> ListVisitor<T> {
    fn one<E: de::Error>(item: Result<T, E>) -> Result<Vec<T>, E> {
        item.map(|item| vec![item])
    }
}

impl<'de, T: Lenient<'de>> Visitor<'de> for ListVisitor<T> {
    type Value = Vec<T>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list (or a single item)")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        while let Some(item) = seq.next_element_seed(Read::<T>(PhantomData))? {
            items.push(item);
        }
        Ok(items)
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Vec<T>, A::Error> {
        Self::one(T::read(MapAccessDeserializer::new(map)))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Vec<T>, E> {
        Self::one(T::read(StrDeserializer::<E>::new(v)))
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Vec<T>, E> {
        Self::one(T::read(BorrowedStrDeserializer::<E>::new(v)))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Vec<T>, E> {
        Self::one(T::read(v.into_deserializer()))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Vec<T>, E> {
        Self::one(T::read(v.into_deserializer()))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Vec<T>, E> {
        Self::one(T::read(v.into_deserializer()))
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Vec<T>, E> {
        Self::one(T::read(v.into_deserializer()))
    }
}

impl<'de, T: Lenient<'de>> Lenient<'de> for Vec<T> {
    fn read<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ListVisitor::<T>(PhantomData))
    }
}

/// `BTreeMap<String, T>`: each value read leniently.
struct MapVisitor<T>(PhantomData<T>);

impl<'de, T: Lenient<'de>> Visitor<'de> for MapVisitor<T> {
    type Value = BTreeMap<String, T>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut out = BTreeMap::new();
        while let Some(key) = map.next_key::<String>()? {
            let value = map.next_value_seed(Read::<T>(PhantomData))?;
            out.insert(key, value);
        }
        Ok(out)
    }
    // A map written as a list of pairs is not a lossless encoding of a map: not accepted.
    fn visit_seq<A: SeqAccess<'de>>(self, _seq: A) -> Result<Self::Value, A::Error> {
        Err(de::Error::invalid_type(de::Unexpected::Seq, &self))
    }
}

impl<'de, T: Lenient<'de>> Lenient<'de> for BTreeMap<String, T> {
    fn read<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(MapVisitor::<T>(PhantomData))
    }
}

/// An optional field: `null` is `None`, anything else is read leniently.
struct OptionVisitor<T>(PhantomData<T>);

impl<'de, T: Lenient<'de>> Visitor<'de> for OptionVisitor<T> {
    type Value = Option<T>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a value or null")
    }
    fn visit_none<E: de::Error>(self) -> Result<Option<T>, E> {
        Ok(None)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Option<T>, E> {
        Ok(None)
    }
    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Option<T>, D::Error> {
        T::read(deserializer).map(Some)
    }
}

/// Reads an optional value leniently: `null` (or nothing) is `None`.
pub fn read_option<'de, T: Lenient<'de>, D: Deserializer<'de>>(deserializer: D) -> Result<Option<T>, D::Error> {
    deserializer.deserialize_option(OptionVisitor::<T>(PhantomData))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read<T: for<'de> Lenient<'de>>(json: &str) -> Result<Option<T>, String> {
        let mut de = serde_json::Deserializer::from_str(json);
        read_option::<T, _>(&mut de).map_err(|e| e.to_string())
    }

    #[test]
    fn scalars_read_every_lossless_encoding() {
        assert_eq!(read::<String>("3306"), Ok(Some("3306".to_owned())));
        assert_eq!(read::<String>("true"), Ok(Some("true".to_owned())));
        assert_eq!(read::<String>("8.0"), Ok(Some("8.0".to_owned())));
        assert_eq!(read::<String>("\"x\""), Ok(Some("x".to_owned())));
        assert_eq!(read::<i32>("\"100\""), Ok(Some(100)));
        assert_eq!(read::<i32>("100.0"), Ok(Some(100)));
        assert_eq!(read::<i32>("\" 7 \""), Ok(Some(7)));
        assert_eq!(read::<i64>("\"1700000000000\""), Ok(Some(1_700_000_000_000)));
        assert_eq!(read::<f64>("\"2.5\""), Ok(Some(2.5)));
        assert_eq!(read::<f64>("3"), Ok(Some(3.0)));
        assert_eq!(read::<bool>("\"TRUE\""), Ok(Some(true)));
        assert_eq!(read::<bool>("false"), Ok(Some(false)));
        assert_eq!(read::<i32>("null"), Ok(None));
    }

    #[test]
    fn lossy_conversions_are_errors() {
        assert!(read::<i32>("1.5").unwrap_err().starts_with("invalid value: floating point `1.5`"));
        assert!(read::<i32>("\"ten\"").unwrap_err().starts_with("invalid value: string \"ten\""));
        assert!(read::<i32>("3000000000").unwrap_err().starts_with("integer 3000000000 out of range"));
        assert!(read::<bool>("1").is_err());
        assert!(read::<String>("{}").is_err());
        assert!(read::<f64>("\"NaN\"").is_err());
    }

    #[test]
    fn lists_take_a_single_item_and_maps_read_values_leniently() {
        assert_eq!(read::<Vec<i32>>("[1,\"2\"]"), Ok(Some(vec![1, 2])));
        assert_eq!(read::<Vec<i32>>("\"5\""), Ok(Some(vec![5])));
        assert_eq!(read::<Vec<String>>("\"a\""), Ok(Some(vec!["a".to_owned()])));
        let one = read::<Vec<serde_json::Value>>(r#"{"a":1}"#).unwrap().unwrap();
        assert_eq!(one, vec![serde_json::json!({"a": 1})]);
        let map = read::<BTreeMap<String, i64>>(r#"{"a":"1","b":2}"#).unwrap().unwrap();
        assert_eq!(map, BTreeMap::from([("a".to_owned(), 1), ("b".to_owned(), 2)]));
        assert!(read::<BTreeMap<String, i64>>("[1]").is_err());
    }
}

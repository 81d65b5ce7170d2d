//! Lenient reading of responses: every lossless encoding of a field's documented type, and
//! nothing received lost.
//!
//! Policy (README, "Lenient reading, strict writing"): the cloud sends what it sends, and the
//! pages do not always say it. Every field of a response type is read with [`Lenient::read`]:
//!
//! - a string also from a number or a boolean (`3306` → `"3306"`, `true` → `"true"`);
//! - an integer also from a numeric string (`"100"`) or an integral float (`100.0`), when it fits;
//! - a number also from a numeric string; a boolean also from `"true"` / `"false"`;
//! - a closed set (enum) like a string;
//! - a list also from a single value (one object, or one scalar: a one-element list);
//! - a single value (an object, a scalar, a map) also from a one-element list holding it;
//! - `null` as absent (the slot's `Option`).
//!
//! The wire wins: a value that none of these reads as the documented type (a word for an integer,
//! `1.5` for an integer, a scalar or a longer list where an object is documented, …) is not an
//! error and is not converted: the read gives [`Read::Raw`], the value exactly as received. A
//! struct keeps it in its `other` fields under the field's name (the field itself is absent) and
//! writes it back unchanged. In a list or a map with such an element, the whole list (or map) is
//! kept that way; its elements that do read are written back in their documented type.
//! Serialization always writes the documented type. Requests built by users are typed strictly:
//! this is for reading only.
//!
//! Readers are visitors (no intermediate `serde_json::Value`), so a body that already has the
//! documented types costs what a plain `Deserialize` costs; a `Value` is built only for what is
//! kept raw.

use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

use serde::de::value::{MapAccessDeserializer, StrDeserializer};
use serde::de::{self, DeserializeSeed, Deserializer, IntoDeserializer, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::sensitive::Sensitive;
use crate::validate::KnownValue;
use crate::wire::Put;

/// What a lenient read gives: the value in its documented type, or the value as received.
#[derive(Debug, PartialEq)]
pub enum Read<T> {
    /// Read as the documented type (after the lossless conversions).
    Typed(T),
    /// Not readable as the documented type: the JSON value exactly as received, to be kept.
    Raw(Box<Value>),
}

impl<T> Read<T> {
    /// The typed value, `None` when the value was kept raw.
    pub fn typed(self) -> Option<T> {
        match self {
            Read::Typed(value) => Some(value),
            Read::Raw(_) => None,
        }
    }

    /// Converts the typed value; a raw value stays raw.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Read<U> {
        match self {
            Read::Typed(value) => Read::Typed(f(value)),
            Read::Raw(raw) => Read::Raw(raw),
        }
    }
}

#[cold]
fn raw<T>(value: Value) -> Read<T> {
    Read::Raw(Box::new(value))
}

/// A type read leniently from a response (see the module docs). Generated structs and `one_of`
/// bodies use the default: an object is read with their own `Deserialize` (their fields are
/// lenient already), a one-element list as its element, anything else is kept raw. Scalars,
/// lists, maps and enums convert.
pub trait Lenient<'de>: Deserialize<'de> {
    /// Reads a value, accepting every lossless encoding of it; what does not read is kept raw.
    fn read<D: Deserializer<'de>>(deserializer: D) -> Result<Read<Self>, D::Error> {
        read_as::<Object<Self>, D>(deserializer)
    }

    /// Reads an optional value (a struct's field): `null` is `None`, anything else reads as
    /// [`Lenient::read`] reads it, in one look at the JSON kind (no `deserialize_option` first).
    /// Every type of this crate that overrides `read` overrides this too.
    #[doc(hidden)]
    fn read_option<D: Deserializer<'de>>(deserializer: D) -> Result<Option<Read<Self>>, D::Error> {
        read_option_as::<Object<Self>, D>(deserializer)
    }

    /// Reads an optional value into `slot` (a struct's field), as [`Lenient::read_option`]
    /// reads it; an object is read straight into the slot, not handed up through the readers.
    /// Every type of this crate that overrides `read` overrides this too.
    #[doc(hidden)]
    #[inline(never)]
    fn read_into<D: Deserializer<'de>>(slot: &mut Option<Self>, deserializer: D) -> Result<Put, D::Error> {
        deserializer.deserialize_any(IntoSlot(slot))
    }
}

/// Puts what [`Lenient::read_option`] gave into `slot`.
#[inline(always)]
pub(crate) fn store<T>(slot: &mut Option<T>, read: Option<Read<T>>) -> Put {
    match read {
        Some(Read::Typed(value)) => {
            // The slot is empty: a field given twice is an error before its value is read.
            slot.get_or_insert(value);
            Put::Present
        }
        None => Put::Absent,
        Some(Read::Raw(value)) => Put::Raw(value),
    }
}

/// Reads a generated struct (or `one_of` body) into its slot: an object with the type's own
/// `Deserialize`, straight into the slot; every other kind as [`Object`] reads it.
struct IntoSlot<'a, T>(&'a mut Option<T>);

impl<'de, T: Lenient<'de>> Visitor<'de> for IntoSlot<'_, T> {
    type Value = Put;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(Object::<T>::EXPECTING)
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Put, A::Error> {
        // The slot is empty (see `store`).
        self.0.get_or_insert(T::deserialize(MapAccessDeserializer::new(map))?);
        Ok(Put::Present)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Put, E> {
        Ok(Put::Absent)
    }
    fn visit_none<E: de::Error>(self) -> Result<Put, E> {
        Ok(Put::Absent)
    }
    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Put, D::Error> {
        deserializer.deserialize_any(self)
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Put, E> {
        Ok(store(self.0, Visit::<Object<T>>(PhantomData).visit_bool(v)?))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Put, E> {
        Ok(store(self.0, Visit::<Object<T>>(PhantomData).visit_i64(v)?))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Put, E> {
        Ok(store(self.0, Visit::<Object<T>>(PhantomData).visit_u64(v)?))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Put, E> {
        Ok(store(self.0, Visit::<Object<T>>(PhantomData).visit_f64(v)?))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Put, E> {
        Ok(store(self.0, Visit::<Object<T>>(PhantomData).visit_str(v)?))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Put, A::Error> {
        Ok(store(self.0, Visit::<Object<T>>(PhantomData).visit_seq(seq)?))
    }
}

/// `read` and `read_option` of a [`Lenient`] type read with the conversions of `$convert`.
macro_rules! converted {
    ($convert:ty) => {
        fn read<D: Deserializer<'de>>(deserializer: D) -> Result<Read<Self>, D::Error> {
            read_as::<$convert, D>(deserializer)
        }
        fn read_option<D: Deserializer<'de>>(deserializer: D) -> Result<Option<Read<Self>>, D::Error> {
            read_option_as::<$convert, D>(deserializer)
        }
        #[inline(never)]
        fn read_into<D: Deserializer<'de>>(slot: &mut Option<Self>, deserializer: D) -> Result<Put, D::Error> {
            Ok(store(slot, read_option_as::<$convert, D>(deserializer)?))
        }
    };
}

impl<'de> Lenient<'de> for Value {
    fn read<D: Deserializer<'de>>(deserializer: D) -> Result<Read<Self>, D::Error> {
        Value::deserialize(deserializer).map(Read::Typed)
    }
    fn read_option<D: Deserializer<'de>>(deserializer: D) -> Result<Option<Read<Self>>, D::Error> {
        Option::<Value>::deserialize(deserializer).map(|value| value.map(Read::Typed))
    }
    fn read_into<D: Deserializer<'de>>(slot: &mut Option<Self>, deserializer: D) -> Result<Put, D::Error> {
        Ok(store(slot, Self::read_option(deserializer)?))
    }
}

/// How one kind of value converts from each JSON kind; `None` (or a raw `Read`) keeps the value
/// as received. One [`Visit`] over it does the reading, so that every type handles every JSON
/// kind the same way.
#[doc(hidden)]
pub trait Convert<'de>: Sized {
    /// The type read.
    type Out;
    /// What is expected, for messages.
    const EXPECTING: &'static str;
    /// From a JSON boolean.
    fn from_bool(_v: bool) -> Option<Self::Out> {
        None
    }
    /// From a JSON integer that fits in `i64`.
    fn from_i64(_v: i64) -> Option<Self::Out> {
        None
    }
    /// From a JSON integer above `i64::MAX`.
    fn from_u64(_v: u64) -> Option<Self::Out> {
        None
    }
    /// From a JSON number with a fraction or an exponent.
    fn from_f64(_v: f64) -> Option<Self::Out> {
        None
    }
    /// From a JSON string.
    fn from_str(_v: &str) -> Option<Self::Out> {
        None
    }
    /// From a JSON string, owned; the string back when it does not convert.
    fn from_string(v: String) -> Result<Self::Out, String> {
        Self::from_str(&v).ok_or(v)
    }
    /// From a JSON object: kept raw unless the type reads objects.
    #[cold]
    fn from_map<A: MapAccess<'de>>(map: A) -> Result<Read<Self::Out>, A::Error> {
        Value::deserialize(MapAccessDeserializer::new(map)).map(raw)
    }
    /// From a JSON array: its only element, when that reads; else kept raw.
    #[cold]
    fn from_seq<A: SeqAccess<'de>>(seq: A) -> Result<Read<Self::Out>, A::Error> {
        only_element(seq, read_as::<Self, Value>)
    }
}

/// Reads a value with the conversions of `C` (`null` is kept raw).
#[doc(hidden)]
pub fn read_as<'de, C: Convert<'de>, D: Deserializer<'de>>(deserializer: D) -> Result<Read<C::Out>, D::Error> {
    Ok(read_option_as::<C, D>(deserializer)?.unwrap_or_else(null))
}

/// Reads an optional value with the conversions of `C`: `null` is `None`.
#[doc(hidden)]
#[inline]
pub fn read_option_as<'de, C: Convert<'de>, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Read<C::Out>>, D::Error> {
    deserializer.deserialize_any(Visit::<C>(PhantomData))
}

/// `null` where a value is documented: kept as received.
#[cold]
fn null<T>() -> Read<T> {
    raw(Value::Null)
}

/// A list where one value is documented: its only element when that reads as the value; else
/// the list as received.
fn only_element<'de, A: SeqAccess<'de>, T>(
    mut seq: A,
    read: impl FnOnce(Value) -> Result<Read<T>, serde_json::Error>,
) -> Result<Read<T>, A::Error> {
    let mut items = Vec::new();
    while let Some(item) = seq.next_element::<Value>()? {
        items.push(item);
    }
    if let [item] = items.as_slice() {
        if let Ok(Read::Typed(value)) = read(item.clone()) {
            return Ok(Read::Typed(value));
        }
    }
    Ok(raw(Value::Array(items)))
}

/// The one visitor of lenient reading: each JSON kind goes to its [`Convert`] method, and what
/// does not convert is kept as received. `null` is `None` (a field's `Option`; [`read_as`] keeps
/// it raw where a value is documented).
struct Visit<C>(PhantomData<C>);

impl<'de, C: Convert<'de>> Visitor<'de> for Visit<C> {
    type Value = Option<Read<C::Out>>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(C::EXPECTING)
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        Ok(Some(C::from_bool(v).map_or_else(|| raw(Value::Bool(v)), Read::Typed)))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Some(C::from_i64(v).map_or_else(|| raw(Value::from(v)), Read::Typed)))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Some(C::from_u64(v).map_or_else(|| raw(Value::from(v)), Read::Typed)))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        Ok(Some(C::from_f64(v).map_or_else(|| raw(Value::from(v)), Read::Typed)))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Some(C::from_str(v).map_or_else(|| raw(Value::String(v.to_owned())), Read::Typed)))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(Some(C::from_string(v).map_or_else(|v| raw(Value::String(v)), Read::Typed)))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        C::from_map(map).map(Some)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        C::from_seq(seq).map(Some)
    }
}

/// A type that reads objects with its own `Deserialize` (generated structs, `one_of` bodies).
#[doc(hidden)]
pub struct Object<T>(PhantomData<T>);

impl<'de, T: Lenient<'de>> Convert<'de> for Object<T> {
    type Out = T;
    const EXPECTING: &'static str = "an object";
    fn from_map<A: MapAccess<'de>>(map: A) -> Result<Read<T>, A::Error> {
        T::deserialize(MapAccessDeserializer::new(map)).map(Read::Typed)
    }
    fn from_seq<A: SeqAccess<'de>>(seq: A) -> Result<Read<T>, A::Error> {
        only_element(seq, T::read)
    }
}

/// Text: `String` and the generated enums (made from their text). Also from a number or a
/// boolean, as JSON writes it (`8.0` stays "8.0": a version, not the integer 8).
#[doc(hidden)]
pub struct Text<T>(PhantomData<T>);

impl<'de, T: for<'a> From<&'a str> + From<String>> Convert<'de> for Text<T> {
    type Out = T;
    const EXPECTING: &'static str = "a string (or a number or boolean)";
    fn from_str(v: &str) -> Option<T> {
        Some(T::from(v))
    }
    fn from_string(v: String) -> Result<T, String> {
        Ok(T::from(v))
    }
    fn from_i64(v: i64) -> Option<T> {
        Some(T::from(v.to_string()))
    }
    fn from_u64(v: u64) -> Option<T> {
        Some(T::from(v.to_string()))
    }
    fn from_f64(v: f64) -> Option<T> {
        Some(T::from(serde_json::Number::from_f64(v).map_or_else(|| v.to_string(), |n| n.to_string())))
    }
    fn from_bool(v: bool) -> Option<T> {
        Some(T::from(v.to_string()))
    }
}

impl<'de> Lenient<'de> for String {
    converted!(Text<String>);
}

/// The generated enums (`string_enum!`): read as text, like a `String`. One impl for all of
/// them, so that an enum costs no function of its own to check.
impl<'de, T: KnownValue + for<'a> From<&'a str> + From<String> + Deserialize<'de>> Lenient<'de> for T {
    converted!(Text<T>);
}

impl<'de> Lenient<'de> for Sensitive<String> {
    fn read<D: Deserializer<'de>>(deserializer: D) -> Result<Read<Self>, D::Error> {
        String::read(deserializer).map(|read| read.map(Sensitive::new))
    }
    fn read_option<D: Deserializer<'de>>(deserializer: D) -> Result<Option<Read<Self>>, D::Error> {
        String::read_option(deserializer).map(|read| read.map(|read| read.map(Sensitive::new)))
    }
    fn read_into<D: Deserializer<'de>>(slot: &mut Option<Self>, deserializer: D) -> Result<Put, D::Error> {
        Ok(store(slot, Self::read_option(deserializer)?))
    }
}

/// An integral float as an integer; `None` when it has a fraction or is out of range.
fn integral(v: f64) -> Option<i128> {
    // Both bounds are exact in f64; the integers checked here are far inside them.
    (v.fract() == 0.0 && v.abs() < 1e38).then_some(v as i128)
}

/// An integer from a numeric string (`" 7 "`, `"100.0"`), when it is integral.
fn integer_text(v: &str) -> Option<i128> {
    let t = v.trim();
    t.parse::<i128>().ok().or_else(|| t.parse::<f64>().ok().filter(|f| f.is_finite()).and_then(integral))
}

macro_rules! integer {
    ($t:ty, $expected:literal) => {
        /// Also from a numeric string or an integral float, when it fits.
        impl<'de> Convert<'de> for $t {
            type Out = $t;
            const EXPECTING: &'static str = $expected;
            fn from_i64(v: i64) -> Option<$t> {
                <$t>::try_from(v).ok()
            }
            fn from_u64(v: u64) -> Option<$t> {
                <$t>::try_from(v).ok()
            }
            fn from_f64(v: f64) -> Option<$t> {
                integral(v).and_then(|i| <$t>::try_from(i).ok())
            }
            fn from_str(v: &str) -> Option<$t> {
                integer_text(v).and_then(|i| <$t>::try_from(i).ok())
            }
        }

        impl<'de> Lenient<'de> for $t {
            converted!($t);
        }
    };
}

integer!(i32, "a 32-bit integer (or a numeric string)");
integer!(i64, "a 64-bit integer (or a numeric string)");

/// `f64`: also from a numeric string.
impl<'de> Convert<'de> for f64 {
    type Out = f64;
    const EXPECTING: &'static str = "a number (or a numeric string)";
    fn from_i64(v: i64) -> Option<f64> {
        Some(v as f64)
    }
    fn from_u64(v: u64) -> Option<f64> {
        Some(v as f64)
    }
    fn from_f64(v: f64) -> Option<f64> {
        Some(v)
    }
    fn from_str(v: &str) -> Option<f64> {
        v.trim().parse::<f64>().ok().filter(|f| f.is_finite())
    }
}

impl<'de> Lenient<'de> for f64 {
    converted!(f64);
}

/// `bool`: also from `"true"` / `"false"` (any case).
impl<'de> Convert<'de> for bool {
    type Out = bool;
    const EXPECTING: &'static str = "a boolean (or \"true\" / \"false\")";
    fn from_bool(v: bool) -> Option<bool> {
        Some(v)
    }
    fn from_str(v: &str) -> Option<bool> {
        match v.trim() {
            t if t.eq_ignore_ascii_case("true") => Some(true),
            t if t.eq_ignore_ascii_case("false") => Some(false),
            _ => None,
        }
    }
}

impl<'de> Lenient<'de> for bool {
    converted!(bool);
}

/// Reads one `T` leniently (a seed, for list elements and map values).
struct Seed<T>(PhantomData<T>);

impl<'de, T: Lenient<'de>> DeserializeSeed<'de> for Seed<T> {
    type Value = Read<T>;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Read<T>, D::Error> {
        T::read(deserializer)
    }
}

/// An element of a list (or map) that is kept raw: as JSON, in its documented type when it read.
fn element<T: Serialize, E: de::Error>(item: Read<T>) -> Result<Value, E> {
    match item {
        Read::Typed(value) => serde_json::to_value(value).map_err(E::custom),
        Read::Raw(value) => Ok(*value),
    }
}

/// `Vec<T>`: a list, or a single value as a one-element list.
#[doc(hidden)]
pub struct ListOf<T>(PhantomData<T>);

/// A single value as a one-element list, when it reads as `T`.
fn one<T>(item: Result<Read<T>, de::value::Error>) -> Option<Vec<T>> {
    item.ok()?.typed().map(|item| vec![item])
}

impl<'de, T: Lenient<'de> + Serialize> Convert<'de> for ListOf<T> {
    type Out = Vec<T>;
    const EXPECTING: &'static str = "a list (or a single item)";
    fn from_bool(v: bool) -> Option<Vec<T>> {
        one(T::read(v.into_deserializer()))
    }
    fn from_i64(v: i64) -> Option<Vec<T>> {
        one(T::read(v.into_deserializer()))
    }
    fn from_u64(v: u64) -> Option<Vec<T>> {
        one(T::read(v.into_deserializer()))
    }
    fn from_f64(v: f64) -> Option<Vec<T>> {
        one(T::read(v.into_deserializer()))
    }
    fn from_str(v: &str) -> Option<Vec<T>> {
        one(T::read(StrDeserializer::<de::value::Error>::new(v)))
    }
    fn from_map<A: MapAccess<'de>>(map: A) -> Result<Read<Vec<T>>, A::Error> {
        Ok(T::read(MapAccessDeserializer::new(map))?.map(|item| vec![item]))
    }
    fn from_seq<A: SeqAccess<'de>>(mut seq: A) -> Result<Read<Vec<T>>, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        // Each element is read into `slot` (a struct straight into it), then moved to the list.
        let mut slot = None;
        while let Some(put) = seq.next_element_seed(IntoSeed(&mut slot))? {
            let kept = match (put, slot.take()) {
                (Put::Present, Some(item)) => {
                    items.push(item);
                    continue;
                }
                (Put::Raw(item), _) => *item,
                // `null` where an element is documented: kept as received.
                _ => Value::Null,
            };
            return kept_list(items, kept, seq);
        }
        Ok(Read::Typed(items))
    }
}

/// A list with an element that does not read (`item`, after `items`): kept as received from
/// here on, the elements read so far as written.
#[cold]
fn kept_list<'de, T: Lenient<'de> + Serialize, A: SeqAccess<'de>>(
    items: Vec<T>,
    item: Value,
    mut seq: A,
) -> Result<Read<Vec<T>>, A::Error> {
    let mut kept = items.into_iter().map(|item| element(Read::Typed(item))).collect::<Result<Vec<_>, _>>()?;
    kept.push(item);
    while let Some(item) = seq.next_element_seed(Seed::<T>(PhantomData))? {
        kept.push(element(item)?);
    }
    Ok(raw(Value::Array(kept)))
}

/// Reads one element into a slot with [`Lenient::read_into`] (a seed).
struct IntoSeed<'a, T>(&'a mut Option<T>);

impl<'de, T: Lenient<'de>> DeserializeSeed<'de> for IntoSeed<'_, T> {
    type Value = Put;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Put, D::Error> {
        T::read_into(self.0, deserializer)
    }
}

impl<'de, T: Lenient<'de> + Serialize> Lenient<'de> for Vec<T> {
    converted!(ListOf<T>);
}

/// `BTreeMap<String, T>`: each value read leniently.
#[doc(hidden)]
pub struct MapOf<T>(PhantomData<T>);

impl<'de, T: Lenient<'de> + Serialize> Convert<'de> for MapOf<T> {
    type Out = BTreeMap<String, T>;
    const EXPECTING: &'static str = "an object";
    fn from_map<A: MapAccess<'de>>(mut map: A) -> Result<Read<Self::Out>, A::Error> {
        let mut out = BTreeMap::new();
        while let Some(key) = map.next_key::<String>()? {
            match map.next_value_seed(Seed::<T>(PhantomData))? {
                Read::Typed(value) => {
                    out.insert(key, value);
                }
                Read::Raw(value) => {
                    let mut kept = serde_json::Map::new();
                    for (key, value) in out {
                        kept.insert(key, element(Read::Typed(value))?);
                    }
                    kept.insert(key, *value);
                    while let Some(key) = map.next_key::<String>()? {
                        let value = map.next_value_seed(Seed::<T>(PhantomData))?;
                        kept.insert(key, element(value)?);
                    }
                    return Ok(raw(Value::Object(kept)));
                }
            }
        }
        Ok(Read::Typed(out))
    }
}

impl<'de, T: Lenient<'de> + Serialize> Lenient<'de> for BTreeMap<String, T> {
    converted!(MapOf<T>);
}

/// Reads an optional value leniently: `null` (or nothing) is `None`.
#[inline]
pub fn read_option<'de, T: Lenient<'de>, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Read<T>>, D::Error> {
    T::read_option(deserializer)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// The typed value, `None` for `null`; a value kept raw is `Err(raw)`.
    fn read<T: for<'de> Lenient<'de>>(text: &str) -> Result<Option<T>, Value> {
        let mut de = serde_json::Deserializer::from_str(text);
        match read_option::<T, _>(&mut de).expect("lenient reading never fails on valid JSON") {
            None => Ok(None),
            Some(Read::Typed(value)) => Ok(Some(value)),
            Some(Read::Raw(raw)) => Err(*raw),
        }
    }

    /// Kept raw: exactly the JSON received.
    fn kept<T: for<'de> Lenient<'de> + fmt::Debug>(text: &str) {
        let received: Value = serde_json::from_str(text).unwrap();
        assert_eq!(read::<T>(text).unwrap_err(), received, "{text}");
    }

    #[test]
    fn scalars_read_every_lossless_encoding() {
        assert_eq!(read::<String>("3306"), Ok(Some("3306".to_owned())));
        assert_eq!(read::<String>("true"), Ok(Some("true".to_owned())));
        assert_eq!(read::<String>("8.0"), Ok(Some("8.0".to_owned())));
        assert_eq!(read::<String>("\"x\""), Ok(Some("x".to_owned())));
        assert_eq!(read::<String>("\"a\\nb\""), Ok(Some("a\nb".to_owned())));
        assert_eq!(read::<i32>("\"100\""), Ok(Some(100)));
        assert_eq!(read::<i32>("100.0"), Ok(Some(100)));
        assert_eq!(read::<i32>("\" 7 \""), Ok(Some(7)));
        assert_eq!(read::<i32>("-3"), Ok(Some(-3)));
        assert_eq!(read::<i64>("\"1700000000000\""), Ok(Some(1_700_000_000_000)));
        assert_eq!(read::<f64>("\"2.5\""), Ok(Some(2.5)));
        assert_eq!(read::<f64>("3"), Ok(Some(3.0)));
        assert_eq!(read::<bool>("\"TRUE\""), Ok(Some(true)));
        assert_eq!(read::<bool>("false"), Ok(Some(false)));
        assert_eq!(read::<i32>("null"), Ok(None));
    }

    #[test]
    fn what_would_lose_or_invent_information_is_kept_raw() {
        kept::<i32>("1.5");
        kept::<i32>("\"ten\"");
        kept::<i32>("3000000000");
        kept::<bool>("1");
        kept::<String>(r#"{"a": 1}"#);
        kept::<f64>("\"NaN\"");
        kept::<i64>("[1, 2]");
        kept::<i64>("[]");
        kept::<BTreeMap<String, i64>>("[1]");
        kept::<BTreeMap<String, i64>>("\"x\"");
    }

    #[test]
    fn a_one_element_list_reads_as_its_element() {
        assert_eq!(read::<i32>("[\"5\"]"), Ok(Some(5)));
        assert_eq!(read::<String>("[\"a\"]"), Ok(Some("a".to_owned())));
        let map = read::<BTreeMap<String, i64>>(r#"[{"a": "1"}]"#).unwrap().unwrap();
        assert_eq!(map, BTreeMap::from([("a".to_owned(), 1)]));
        // Its element does not read: the list, as received.
        kept::<i32>("[\"x\"]");
    }

    #[test]
    fn lists_take_a_single_item_and_maps_read_values_leniently() {
        assert_eq!(read::<Vec<i32>>("[1,\"2\"]"), Ok(Some(vec![1, 2])));
        assert_eq!(read::<Vec<i32>>("\"5\""), Ok(Some(vec![5])));
        assert_eq!(read::<Vec<String>>("\"a\""), Ok(Some(vec!["a".to_owned()])));
        assert_eq!(read::<Vec<bool>>("true"), Ok(Some(vec![true])));
        let one = read::<Vec<Value>>(r#"{"a":1}"#).unwrap().unwrap();
        assert_eq!(one, vec![json!({"a": 1})]);
        let map = read::<BTreeMap<String, i64>>(r#"{"a":"1","b":2}"#).unwrap().unwrap();
        assert_eq!(map, BTreeMap::from([("a".to_owned(), 1), ("b".to_owned(), 2)]));
        kept::<Vec<i32>>("\"x\"");
        kept::<Vec<i32>>(r#"{"a": 1}"#);
    }

    /// A list (or map) with an element that does not read is kept whole; the elements that do
    /// read are written in their documented type.
    #[test]
    fn a_list_or_map_with_an_unreadable_element_is_kept_whole() {
        assert_eq!(read::<Vec<i32>>(r#"[1, "2", "x", "4", {"a": 1}]"#), Err(json!([1, 2, "x", 4, {"a": 1}])));
        assert_eq!(read::<Vec<Vec<i32>>>(r#"[[1], [2, "y"]]"#), Err(json!([[1], [2, "y"]])));
        assert_eq!(read::<BTreeMap<String, bool>>(r#"{"a": "true", "b": 7, "c": false}"#), Err(json!({"a": true, "b": 7, "c": false})));
        // `null` where an element is documented is kept as received too.
        assert_eq!(read::<Vec<i32>>("[1, null]"), Err(json!([1, null])));
        assert_eq!(read::<Vec<String>>(r#"[null, "a"]"#), Err(json!([null, "a"])));
    }
}

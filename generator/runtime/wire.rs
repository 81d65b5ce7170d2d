//! How a generated struct goes on and comes off the wire: serde without derives.
//!
//! Policy: a generated struct's `Serialize` and `Deserialize` impls are a few lines each that
//! list the fields; the work is done here, once, by functions that are not generic over the
//! struct. `#[derive(Serialize, Deserialize)]` writes a field enum, two visitors and a match
//! arm per field for every struct, which is most of what the compiler has to check in a crate
//! of hundreds of operations; with these functions a struct costs one line per field.
//!
//! The wire format is what the derives would give with `#[serde(default,
//! skip_serializing_if = "Option::is_none")]` on the optional fields:
//!
//! - serialize: a struct (a JSON object) of the fields in documented order, `None` left out;
//! - deserialize: a struct (or a sequence, fields in order) where every field may be absent or
//!   `null` (absent and `null` are `None`), keys the docs do not list are ignored (request types)
//!   or kept in the struct's [`OtherFields`] (response types), a key given twice is an error, and
//!   a missing required field (absent or `null`) is a `missing field` error;
//! - response types: fields are read with [`put_lenient`] (every lossless encoding, see
//!   [`lenient`](super::lenient)); a value that does not read as its documented type is kept,
//!   as received, in [`OtherFields`] under the field's name (the field is absent; for a required
//!   field that is an error), and [`write_struct_with_other`] writes the kept fields back.
//!
//! Writing, field values go through [`erased_serde`] (a dynamic call per field); reading, the
//! visitor here is generic over the struct's [`Slots`], so it is compiled for each struct only
//! when code is generated, not when the crate is checked. A key finds its field in one step
//! through the struct's key table ([`Fields`], made by the generator with [`key_table`]): what
//! the derive's `match` on the name does, as data instead of a function body per struct.
//! `cargo bench --bench serde` in the generator's repository measures the cost at run time.

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::ser::{SerializeStruct, Serializer};
use serde::{Deserialize, Serialize};

pub use crate::lenient::Lenient;
pub use crate::other::OtherFields;

/// A field to serialize: its wire name and its value, `None` when it is left out.
pub type Field<'a> = (&'static str, Option<&'a dyn erased_serde::Serialize>);

/// A field that is always sent.
pub fn field<'a, T: Serialize>(name: &'static str, value: &'a T) -> Field<'a> {
    (name, Some(value))
}

/// An optional field: sent when it is `Some`.
pub fn optional<'a, T: Serialize>(name: &'static str, value: &'a Option<T>) -> Field<'a> {
    (name, value.as_ref().map(|v| v as &dyn erased_serde::Serialize))
}

/// Serializes a struct named `name` with `fields` in order; left-out fields are skipped.
pub fn write_struct<S: Serializer>(serializer: S, name: &'static str, fields: &[Field<'_>]) -> Result<S::Ok, S::Error> {
    let len = fields.iter().filter(|(_, value)| value.is_some()).count();
    let mut state = serializer.serialize_struct(name, len)?;
    for (key, value) in fields {
        match value {
            Some(value) => state.serialize_field(key, value)?,
            None => state.skip_field(key)?,
        }
    }
    state.end()
}

/// Serializes a response struct: its documented fields as [`write_struct`] does, then the
/// undocumented fields it was read with (`other`), except any that a documented field already
/// wrote. A struct with no other field is written exactly as by [`write_struct`].
pub fn write_struct_with_other<S: Serializer>(
    serializer: S,
    name: &'static str,
    fields: &[Field<'_>],
    other: &OtherFields,
) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeMap;
    if other.is_empty() {
        return write_struct(serializer, name, fields);
    }
    let written = |key: &str| fields.iter().any(|(name, value)| value.is_some() && *name == key);
    let mut map = serializer.serialize_map(None)?;
    for (key, value) in fields {
        if let Some(value) = value {
            map.serialize_entry(key, value)?;
        }
    }
    for (key, value) in other.iter() {
        if !written(key) {
            map.serialize_entry(key, value)?;
        }
    }
    map.end()
}

/// What reading a field's value gave.
pub enum Put {
    /// `null`: the slot stays `None`.
    Absent,
    /// A value, now in the slot.
    Present,
    /// A value that does not read as the field's type (response types): kept as received, in
    /// the struct's [`OtherFields`] under the field's name.
    Raw(Box<serde_json::Value>),
}

/// Where a generated `Deserialize` collects a struct's fields while reading: the builder of a
/// request type, the response struct itself (every field optional), or a private slots struct.
/// Each field is an `Option`; `put` reads field number `field` (its place in the field list)
/// with [`put`], [`put_lenient`], [`put_with`] or [`skip`].
pub trait Slots<'de> {
    /// Reads the value of field number `field` into its slot.
    fn put<D: Deserializer<'de>>(&mut self, field: usize, value: D) -> Result<Put, D::Error>;

    /// Where keys the struct does not know are kept (response types); `None`: they are ignored.
    fn other(&mut self) -> Option<&mut OtherFields> {
        None
    }
}

/// A struct's wire field names and the table that finds a key among them in one step.
///
/// `table` has a power-of-two length; `table[key_slot(name, seed, table.len())]` holds the field
/// number + 1 of each name (0: no field). The generator finds a `seed` without collisions with
/// [`key_table`] (this crate's function, so generating and reading agree). With an empty table
/// (no seed found, or hand-written code) keys are searched in `names`.
pub struct Fields {
    /// The wire names in documented order; a name's place is its field number in `Slots::put`.
    pub names: &'static [&'static str],
    /// The seed of [`key_slot`] for `table`.
    pub seed: u32,
    /// Field number + 1 at each name's slot, 0 elsewhere; or empty.
    pub table: &'static [u8],
}

impl Fields {
    /// The field number of `key`, if it names a field: the hash, one table byte and one compare
    /// of the name, all inline and without a call; `None` too when there is no table (then
    /// [`Fields::search`], off the hot path). The words of the key make both the hash and the
    /// compare (a name of the same length has them at the same places).
    #[inline(always)]
    fn position(&self, key: &[u8]) -> Option<usize> {
        let n = key.len();
        // The field number and name at `bits`'s slot, when the name has the key's length.
        let entry = |bits: u64| {
            let index = usize::from(*self.table.get(slot(bits, n, self.seed, self.table.len()))?).wrapping_sub(1);
            let name = self.names.get(index)?.as_bytes();
            (name.len() == n).then_some((index, name))
        };
        match n {
            8.. => {
                let (first, last) = (word(key, 0), word(key, n - 8));
                let (index, name) = entry(first ^ last.rotate_left(23))?;
                let same = word(name, 0) == first && word(name, n - 8) == last && (n <= 16 || middle_same(name, key));
                same.then_some(index)
            }
            4..8 => {
                let (first, last) = (half(key, 0), half(key, n - 4));
                let (index, name) = entry(first | last << 32)?;
                (half(name, 0) == first && half(name, n - 4) == last).then_some(index)
            }
            1..4 => {
                let bytes = short(key);
                let (index, name) = entry(bytes)?;
                (short(name) == bytes).then_some(index)
            }
            0 => entry(0).map(|(index, _)| index),
        }
    }

    /// The field number of `key` without a table: a search of the names.
    #[cold]
    #[inline(never)]
    fn search(&self, key: &[u8]) -> Option<usize> {
        self.names.iter().position(|f| f.as_bytes() == key)
    }
}

/// Whether two texts are equal, lengths first; short ones (field names) without a call: two
/// overlapping words (8 bytes for 8–16 bytes, 4 bytes for 4–7), bytes below.
#[inline(always)]
fn same(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    match n {
        8.. => word(a, 0) == word(b, 0) && word(a, n - 8) == word(b, n - 8) && (n <= 16 || middle_same(a, b)),
        4..8 => half(a, 0) == half(b, 0) && half(a, n - 4) == half(b, n - 4),
        1..4 => short(a) == short(b),
        0 => true,
    }
}

/// The 8 bytes of `key` at `at` (as a number).
#[inline(always)]
fn word(key: &[u8], at: usize) -> u64 {
    u64::from_le_bytes(key[at..at + 8].try_into().unwrap_or([0; 8]))
}

/// The 4 bytes of `key` at `at`.
#[inline(always)]
fn half(key: &[u8], at: usize) -> u64 {
    u64::from(u32::from_le_bytes(key[at..at + 4].try_into().unwrap_or([0; 4])))
}

/// The bytes of a key of 1 to 3 bytes in one number (first, middle, last: all of them).
#[inline(always)]
fn short(key: &[u8]) -> u64 {
    let n = key.len();
    u64::from(key[0]) | u64::from(key[n / 2]) << 8 | u64::from(key[n - 1]) << 16
}

/// Whether two texts of more than 16 bytes and the same length are equal in their bytes 8 to
/// `len - 8` (the first and last 8 are compared already), 8 at a time, without a call.
#[inline(always)]
fn middle_same(a: &[u8], b: &[u8]) -> bool {
    let mut at = 8;
    while at + 8 < a.len() {
        if word(a, at) != word(b, at) {
            return false;
        }
        at += 8;
    }
    true
}

/// The hash input of `key` (see [`key_slot`]).
#[inline(always)]
fn bits(key: &[u8]) -> u64 {
    let n = key.len();
    match n {
        8.. => word(key, 0) ^ word(key, n - 8).rotate_left(23),
        4..8 => half(key, 0) | half(key, n - 4) << 32,
        1..4 => short(key),
        0 => 0,
    }
}

/// The slot of `key` in a table of `len` slots (a power of two) for `seed`: a multiplicative hash
/// of the length and of up to 16 bytes (the first and last 8; all of a name of up to 16 bytes).
#[inline(always)]
pub fn key_slot(key: &[u8], seed: u32, len: usize) -> usize {
    slot(bits(key), key.len(), seed, len)
}

/// [`key_slot`] of a key of `n` bytes whose hash input is `bits`. With `len` 0 (no table) the
/// slot is out of range.
#[inline(always)]
fn slot(bits: u64, n: usize, seed: u32, len: usize) -> usize {
    // One 64 × 64 → 128-bit multiplication, the halves folded: every bit of the input reaches the
    // low bits of the result.
    let multiplier = 0x9E37_79B9_7F4A_7C15_u64 ^ u64::from(seed).wrapping_mul(0xA076_1D64_78BD_642F);
    let product = u128::from(bits ^ ((n as u64) << 56)) * u128::from(multiplier);
    ((product as u64) ^ ((product >> 64) as u64)) as usize & len.wrapping_sub(1)
}

/// A seed and a table for [`Fields`] without collisions among `names` (the generator calls it
/// once per struct): the smallest table of at least 4 slots per name for which one of the first
/// 4,096 seeds works, up to 64 slots per name; `None` when there is none (more than 254 names, the
/// same name twice, or names that agree in length and in their first and last 8 bytes).
pub fn key_table(names: &[&str]) -> Option<(u32, Vec<u8>)> {
    if names.len() > 254 {
        return None;
    }
    let mut len = (names.len() * 4).next_power_of_two();
    while len <= (names.len() * 64).next_power_of_two() {
        let mut table = vec![0; len];
        for seed in 0..4096 {
            table.fill(0);
            let mut placed = true;
            for (index, name) in names.iter().enumerate() {
                let slot = &mut table[key_slot(name.as_bytes(), seed, len)];
                if *slot != 0 {
                    placed = false;
                    break;
                }
                *slot = index as u8 + 1;
            }
            if placed {
                return Some((seed, table));
            }
        }
        len *= 2;
    }
    None
}

/// Reads a struct named `name` whose wire fields are `fields` into `slots`, then makes the value
/// with `assemble` (the holder's, or `Some` when the struct is its own holder). A field of
/// `required` that is absent or `null` is a `missing field` error, with its place in the input.
///
/// A generated `Deserialize` is this one call: the work per field is in `Slots::put`, and
/// `assemble` is a plain function of the holder, not a generic one. This part is inlined into
/// the `Deserialize` (a few instructions), so that `assemble` is a direct call there (`Some`:
/// no call and no copy through a function pointer); the reading is `read_slots`.
#[inline(always)]
pub fn read<'de, D: Deserializer<'de>, S: Slots<'de>, T>(
    deserializer: D,
    name: &'static str,
    fields: &'static Fields,
    required: &'static [&'static str],
    mut slots: S,
    assemble: fn(S) -> Option<T>,
) -> Result<T, D::Error> {
    read_slots(deserializer, name, fields, required, &mut slots)?;
    // The visitor has reported any missing required field; `None` here means a holder whose
    // required fields differ from `required`, which the generator never writes.
    match assemble(slots) {
        Some(value) => Ok(value),
        None => Err(not_assembled(name)),
    }
}

/// Reads a struct into `slots` (see [`read`]).
fn read_slots<'de, D: Deserializer<'de>, S: Slots<'de>>(
    deserializer: D,
    name: &'static str,
    fields: &'static Fields,
    required: &'static [&'static str],
    slots: &mut S,
) -> Result<(), D::Error> {
    deserializer.deserialize_struct(name, fields.names, StructVisitor { name, fields, required, slots })
}

/// The error of a holder that cannot make its struct after reading (never, in generated code).
#[cold]
fn not_assembled<E: de::Error>(name: &str) -> E {
    E::custom(format_args!("struct {name}: a required field is missing"))
}

/// Whether a slot holds a value.
fn presence<T>(slot: &Option<T>) -> Put {
    match slot {
        Some(_) => Put::Present,
        None => Put::Absent,
    }
}

/// Reads a field's value into its slot: absent stays `None`, `null` is `None`.
pub fn put<'de, T: Deserialize<'de>, D: Deserializer<'de>>(slot: &mut Option<T>, value: D) -> Result<Put, D::Error> {
    *slot = Option::<T>::deserialize(value)?;
    Ok(presence(slot))
}

/// Reads a response field's value leniently (every lossless encoding of its type, see
/// [`lenient`](super::lenient)): absent stays `None`, `null` is `None`, a value that does not
/// read as the type is [`Put::Raw`].
#[inline(always)]
pub fn put_lenient<'de, T: Lenient<'de>, D: Deserializer<'de>>(slot: &mut Option<T>, value: D) -> Result<Put, D::Error> {
    T::read_into(slot, value)
}

/// Reads a field's value with a lenient reader (`accepts` in the spec; see
/// [`accepts`](super::accepts)).
pub fn put_with<'de, T, D: Deserializer<'de>>(
    slot: &mut Option<T>,
    value: D,
    read: fn(D) -> Result<Option<T>, D::Error>,
) -> Result<Put, D::Error> {
    *slot = read(value)?;
    Ok(presence(slot))
}

/// Skips a value (for a field number that is not a field: never, in generated code).
pub fn skip<'de, D: Deserializer<'de>>(value: D) -> Result<Put, D::Error> {
    IgnoredAny::deserialize(value).map(|_| Put::Absent)
}

struct StructVisitor<'a, S> {
    name: &'static str,
    fields: &'static Fields,
    required: &'static [&'static str],
    slots: &'a mut S,
}

impl<'de, S: Slots<'de>> StructVisitor<'_, S> {
    /// The first required field without a value: not `seen`, or seen `null` (`empty`).
    fn missing(&self, seen: &Marks, empty: &Marks) -> Option<&'static str> {
        if self.required.is_empty() {
            return None;
        }
        let has = |name: &str| self.fields.names.iter().enumerate().any(|(i, f)| seen.get(i) && !empty.get(i) && *f == name);
        self.required.iter().copied().find(|r| !has(r))
    }

    /// Records what reading field number `index` gave: `null` (marked `empty`: nothing to do for
    /// a value, the common case), or a value kept raw.
    #[inline]
    fn took<E: de::Error>(&mut self, index: usize, put: Put, empty: &mut Marks) -> Result<(), E> {
        match put {
            Put::Present => {}
            Put::Absent => {
                empty.set(index);
            }
            Put::Raw(value) => return self.keep_raw(index, *value),
        }
        Ok(())
    }

    /// Keeps the value of field number `index`, which does not read as its type, in `other`
    /// under the field's name; an error for a required field (it has no value).
    #[cold]
    fn keep_raw<E: de::Error>(&mut self, index: usize, value: serde_json::Value) -> Result<(), E> {
        let name = self.fields.names[index];
        if self.required.contains(&name) {
            return Err(E::custom(format_args!(
                "field `{name}` of struct {} is required, and its value does not read as its documented type",
                self.name
            )));
        }
        match self.slots.other() {
            Some(other) => {
                other.insert(name.to_owned(), value);
                Ok(())
            }
            None => Err(E::custom(format_args!("field `{name}`: a value of the wrong type"))),
        }
    }
}

impl<'de, S: Slots<'de>> StructVisitor<'_, S> {
    /// Reads the value of a key that is not a field: kept under `name` in `other` when the
    /// struct keeps other keys (then `name` is set), else skipped.
    #[cold]
    fn other_value<A: MapAccess<'de>>(&mut self, map: &mut A, name: Option<String>) -> Result<(), A::Error> {
        match (name, self.slots.other()) {
            (Some(name), Some(other)) => {
                other.insert(name, map.next_value::<serde_json::Value>()?);
            }
            _ => {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(())
    }
}

impl<'de, S: Slots<'de>> Visitor<'de> for StructVisitor<'_, S> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "struct {}", self.name)
    }

    fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<(), A::Error> {
        let mut seen = Marks::new(self.fields.names.len());
        let mut empty = Marks::new(self.fields.names.len());
        let keep = self.slots.other().is_some();
        let mut state = KeyState { keep, next: 0, unknown: None };
        while let Some(index) = map.next_key_seed(Key { fields: self.fields, state: &mut state })? {
            if index != NOT_A_FIELD {
                if seen.set(index) {
                    return Err(de::Error::duplicate_field(self.fields.names[index]));
                }
                let put = map.next_value_seed(FieldValue { index, slots: &mut *self.slots })?;
                self.took(index, put, &mut empty)?;
            } else {
                self.other_value(&mut map, state.unknown.take())?;
            }
        }
        match self.missing(&seen, &empty) {
            Some(name) => Err(de::Error::missing_field(name)),
            None => Ok(()),
        }
    }

    fn visit_seq<A: SeqAccess<'de>>(mut self, mut seq: A) -> Result<(), A::Error> {
        let mut seen = Marks::new(self.fields.names.len());
        let mut empty = Marks::new(self.fields.names.len());
        for index in 0..self.fields.names.len() {
            match seq.next_element_seed(FieldValue { index, slots: &mut *self.slots })? {
                Some(put) => {
                    seen.set(index);
                    self.took(index, put, &mut empty)?;
                }
                None => break,
            }
        }
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        match self.missing(&seen, &empty) {
            Some(name) => Err(de::Error::missing_field(name)),
            None => Ok(()),
        }
    }
}

/// One mark per field of a struct being read: the first 64 in a register (almost every struct
/// of the reference has fewer fields), the rest on the heap. Reading a struct of up to 64 fields
/// allocates nothing of its own.
struct Marks {
    inline: u64,
    heap: Vec<bool>,
}

impl Marks {
    #[inline]
    fn new(fields: usize) -> Self {
        Marks { inline: 0, heap: if fields > 64 { vec![false; fields - 64] } else { Vec::new() } }
    }

    fn get(&self, index: usize) -> bool {
        if index < 64 {
            self.inline & (1 << index) != 0
        } else {
            self.heap.get(index - 64).copied().unwrap_or(false)
        }
    }

    /// Marks field number `index`; whether it was marked already.
    fn set(&mut self, index: usize) -> bool {
        if index < 64 {
            let was = self.inline & (1 << index) != 0;
            self.inline |= 1 << index;
            was
        } else if let Some(mark) = self.heap.get_mut(index - 64) {
            std::mem::replace(mark, true)
        } else {
            false
        }
    }
}

/// A key of the struct's fields: its field number, or [`NOT_A_FIELD`]. The name of another key
/// goes to `unknown` when it is kept (`Some`): the number alone comes back in registers (as the
/// derive's field enum does), which a name in the value would not. Two words: passed in
/// registers too.
struct Key<'a> {
    fields: &'static Fields,
    state: &'a mut KeyState,
}

/// What the keys of one object share: whether other keys are kept, the field expected next
/// (the one after the last key's: keys usually come in documented order, and a name compared
/// costs less than a hash), and the name of the last other key when it is kept.
struct KeyState {
    keep: bool,
    next: usize,
    unknown: Option<String>,
}

/// The number [`Key`] gives a key that names no field.
const NOT_A_FIELD: usize = usize::MAX;

impl Key<'_> {
    /// The field number of `key`, or [`NOT_A_FIELD`] with the key's name kept (`name`).
    #[inline(always)]
    fn find(self, key: &[u8], name: impl FnOnce() -> String) -> usize {
        let next = self.state.next;
        if self.fields.names.get(next).is_some_and(|expected| same(expected.as_bytes(), key)) {
            self.state.next = next + 1;
            return next;
        }
        match self.fields.position(key) {
            Some(index) => {
                self.state.next = index + 1;
                index
            }
            None => self.not_found(key, name),
        }
    }

    /// A key the table does not hold: searched among the names when there is no table, else
    /// [`Key::other`] (out of the hot path).
    #[cold]
    #[inline(never)]
    fn not_found(self, key: &[u8], name: impl FnOnce() -> String) -> usize {
        match self.fields.table.is_empty().then(|| self.fields.search(key)).flatten() {
            Some(index) => index,
            None => self.other(name),
        }
    }

    /// [`NOT_A_FIELD`], the key's name kept when the struct keeps other keys.
    #[cold]
    fn other(self, name: impl FnOnce() -> String) -> usize {
        if self.state.keep {
            self.state.unknown = Some(name());
        }
        NOT_A_FIELD
    }
}

impl<'de> DeserializeSeed<'de> for Key<'_> {
    type Value = usize;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<usize, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl<'de> Visitor<'de> for Key<'_> {
    type Value = usize;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a field name")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<usize, E> {
        Ok(self.find(key.as_bytes(), || key.to_owned()))
    }

    fn visit_bytes<E: de::Error>(self, key: &[u8]) -> Result<usize, E> {
        Ok(self.find(key, || String::from_utf8_lossy(key).into_owned()))
    }

    fn visit_u64<E: de::Error>(self, index: u64) -> Result<usize, E> {
        match usize::try_from(index).ok().filter(|i| *i < self.fields.names.len()) {
            Some(field) => Ok(field),
            None => Ok(self.other(|| index.to_string())),
        }
    }
}

/// A field's value, handed to the slots.
struct FieldValue<'a, S> {
    index: usize,
    slots: &'a mut S,
}

impl<'de, S: Slots<'de>> DeserializeSeed<'de> for FieldValue<'_, S> {
    type Value = Put;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Put, D::Error> {
        self.slots.put(self.index, deserializer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The `Fields` the generator writes for `names` (with the table of [`key_table`]).
    fn fields(names: &'static [&'static str]) -> &'static Fields {
        let (seed, table) = key_table(names).expect("a table without collisions");
        Box::leak(Box::new(Fields { names, seed, table: table.leak() }))
    }

    /// A struct written the way the generator writes them.
    #[derive(Debug, PartialEq)]
    struct Disk {
        size: i32,
        kind: Option<String>,
    }

    impl Serialize for Disk {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            write_struct(serializer, "Disk", &[field("size", &self.size), optional("type", &self.kind)])
        }
    }

    #[derive(Default)]
    struct DiskSlots {
        size: Option<i32>,
        kind: Option<String>,
    }

    impl DiskSlots {
        fn assemble(self) -> Option<Disk> {
            match self.size {
                Some(size) => Some(Disk { size, kind: self.kind }),
                None => None,
            }
        }
    }

    impl<'de> Slots<'de> for DiskSlots {
        fn put<D: Deserializer<'de>>(&mut self, field: usize, value: D) -> Result<Put, D::Error> {
            match field {
                0 => put(&mut self.size, value),
                1 => put(&mut self.kind, value),
                _ => skip(value),
            }
        }
    }

    impl<'de> Deserialize<'de> for Disk {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            read(deserializer, "Disk", fields(&["size", "type"]), &["size"], DiskSlots::default(), DiskSlots::assemble)
        }
    }

    fn parse(json: &str) -> Result<Disk, String> {
        serde_json::from_str(json).map_err(|e| e.to_string())
    }

    #[test]
    fn writes_fields_in_order_and_leaves_out_none() {
        let disk = Disk { size: 40, kind: Some("SSD".to_owned()) };
        assert_eq!(serde_json::to_string(&disk).unwrap(), r#"{"size":40,"type":"SSD"}"#);
        let disk = Disk { size: 40, kind: None };
        assert_eq!(serde_json::to_string(&disk).unwrap(), r#"{"size":40}"#);
    }

    #[test]
    fn reads_present_absent_null_and_unknown_keys() {
        assert_eq!(parse(r#"{"type":"SSD","size":40}"#), Ok(Disk { size: 40, kind: Some("SSD".to_owned()) }));
        assert_eq!(parse(r#"{"size":40,"type":null,"extra":{"a":[1]}}"#), Ok(Disk { size: 40, kind: None }));
        assert_eq!(parse(r#"[40,"SSD"]"#), Ok(Disk { size: 40, kind: Some("SSD".to_owned()) }));
    }

    #[test]
    fn errors_name_the_field_and_the_place() {
        assert_eq!(parse(r#"{"type":"SSD"}"#).unwrap_err(), "missing field `size` at line 1 column 14");
        assert_eq!(parse(r#"{"size":null}"#).unwrap_err(), "missing field `size` at line 1 column 13");
        assert_eq!(parse(r#"["#).unwrap_err(), "EOF while parsing a list at line 1 column 1");
        assert_eq!(parse(r#"[]"#).unwrap_err(), "missing field `size` at line 1 column 2");
        assert_eq!(parse(r#"{"size":40,"size":50}"#).unwrap_err(), "duplicate field `size` at line 1 column 17");
        let wrong = parse(r#"{"size":"forty"}"#).unwrap_err();
        assert!(wrong.starts_with("invalid type: string \"forty\", expected i32"), "{wrong}");
        assert!(wrong.contains("line 1 column"), "{wrong}");
        assert!(parse("7").unwrap_err().starts_with("invalid type: integer `7`, expected struct Disk"));
    }

    /// A response struct as the generator writes them: every field optional, keeps other keys.
    #[derive(Debug, Default, PartialEq)]
    struct Volume {
        size: Option<i32>,
        kind: Option<String>,
        other: OtherFields,
    }

    impl Serialize for Volume {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            write_struct_with_other(serializer, "Volume", &[optional("size", &self.size), optional("type", &self.kind)], &self.other)
        }
    }

    impl<'de> Slots<'de> for Volume {
        fn put<D: Deserializer<'de>>(&mut self, field: usize, value: D) -> Result<Put, D::Error> {
            match field {
                0 => put_lenient(&mut self.size, value),
                1 => put_lenient(&mut self.kind, value),
                _ => skip(value),
            }
        }
        fn other(&mut self) -> Option<&mut OtherFields> {
            Some(&mut self.other)
        }
    }

    impl<'de> Deserialize<'de> for Volume {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            read(deserializer, "Volume", fields(&["size", "type"]), &[], Volume::default(), Some)
        }
    }

    #[test]
    fn a_response_keeps_unknown_keys_and_writes_them_back() {
        let json = serde_json::json!({"size": "100", "type": 7, "used": 3.5, "extra": {"a": [1, null]}});
        let volume: Volume = serde_json::from_value(json).unwrap();
        assert_eq!(volume.size, Some(100));
        assert_eq!(volume.kind.as_deref(), Some("7"));
        // Key order is serde_json's (sorted, or as received with its `preserve_order` feature).
        let mut keys: Vec<&String> = volume.other.keys().collect();
        keys.sort();
        assert_eq!(keys, ["extra", "used"]);
        let back = serde_json::to_value(&volume).unwrap();
        assert_eq!(back, serde_json::json!({"size": 100, "type": "7", "used": 3.5, "extra": {"a": [1, null]}}));
        // Nothing kept: written as a plain struct, in documented order.
        let plain = Volume { size: Some(1), ..Volume::default() };
        assert_eq!(serde_json::to_string(&plain).unwrap(), r#"{"size":1}"#);
        // A kept key never overrides a documented field that is set.
        let mut clash = Volume { size: Some(1), ..Volume::default() };
        clash.other.insert("size".to_owned(), serde_json::json!(2));
        clash.other.insert("new".to_owned(), serde_json::json!(true));
        assert_eq!(serde_json::to_string(&clash).unwrap(), r#"{"size":1,"new":true}"#);
    }

    /// A value that does not read as its field's type is kept under the field's name, the field
    /// absent, and written back unchanged; a nested struct given as a one-element list reads.
    #[test]
    fn a_value_of_another_shape_is_kept_under_its_name() {
        let json = serde_json::json!({"size": {"gb": 100}, "type": [7], "used": 1});
        let volume: Volume = serde_json::from_value(json.clone()).unwrap();
        assert_eq!((volume.size, volume.kind.as_deref()), (None, Some("7")));
        assert_eq!(volume.other.get("size"), Some(&serde_json::json!({"gb": 100})));
        let back = serde_json::to_value(&volume).unwrap();
        assert_eq!(back, serde_json::json!({"size": {"gb": 100}, "type": "7", "used": 1}));
        let volume: Volume = serde_json::from_str(r#"{"size": [1, 2]}"#).unwrap();
        assert_eq!((volume.size, volume.other.get("size")), (None, Some(&serde_json::json!([1, 2]))));
    }

    /// A required field whose value does not read is an error that names it (there is no value).
    #[test]
    fn a_required_field_of_another_shape_is_an_error() {
        struct Strict(Option<i32>, OtherFields);
        impl<'de> Slots<'de> for Strict {
            fn put<D: Deserializer<'de>>(&mut self, field: usize, value: D) -> Result<Put, D::Error> {
                match field {
                    0 => put_lenient(&mut self.0, value),
                    _ => skip(value),
                }
            }
            fn other(&mut self) -> Option<&mut OtherFields> {
                Some(&mut self.1)
            }
        }
        let mut de = serde_json::Deserializer::from_str(r#"{"size": "big"}"#);
        let error = read(&mut de, "Strict", fields(&["size"]), &["size"], Strict(None, OtherFields::new()), |s| s.0).unwrap_err();
        assert_eq!(
            error.to_string(),
            "field `size` of struct Strict is required, and its value does not read as its documented type at line 1 column 15"
        );
    }

    /// A struct of 130 fields (beyond the 64 marks kept in a register): duplicates and missing
    /// required fields are found among the last ones too.
    #[test]
    fn marks_beyond_the_register() {
        const N: usize = 130;
        static NAMES: std::sync::LazyLock<Vec<&'static str>> =
            std::sync::LazyLock::new(|| (0..N).map(|i| &*format!("f{i}").leak()).collect());

        struct Wide(Vec<Option<u8>>);
        impl<'de> Slots<'de> for Wide {
            fn put<D: Deserializer<'de>>(&mut self, field: usize, value: D) -> Result<Put, D::Error> {
                put(&mut self.0[field], value)
            }
        }
        fn wide(json: &str) -> Result<Vec<Option<u8>>, String> {
            static FIELDS: std::sync::LazyLock<&'static Fields> = std::sync::LazyLock::new(|| fields(NAMES.as_slice()));
            let names: &'static [&'static str] = NAMES.as_slice();
            let mut de = serde_json::Deserializer::from_str(json);
            read(&mut de, "Wide", *FIELDS, &names[N - 1..], Wide(vec![None; N]), |w| Some(w.0)).map_err(|e| e.to_string())
        }
        let read = wide(r#"{"f0":1,"f128":2,"f129":3}"#).expect("reads");
        assert_eq!((read[0], read[128], read[129], read[1]), (Some(1), Some(2), Some(3), None));
        assert_eq!(wide(r#"{"f129":3,"f129":4}"#).unwrap_err(), "duplicate field `f129` at line 1 column 16");
        assert_eq!(wide(r#"{"f128":3,"f129":null}"#).unwrap_err(), "missing field `f129` at line 1 column 22");
    }

    /// A holder whose `assemble` needs a field that `required` does not list (the generator
    /// never writes one): an error naming the struct, not a panic.
    #[test]
    fn a_holder_that_cannot_assemble_is_an_error() {
        let mut json = serde_json::Deserializer::from_str(r#"{"type":"SSD"}"#);
        let read = read(&mut json, "Disk", fields(&["size", "type"]), &[], DiskSlots::default(), DiskSlots::assemble);
        assert_eq!(read.unwrap_err().to_string(), "struct Disk: a required field is missing");
    }

    /// Every name of a table finds its own field number, in one step; other keys find none.
    #[test]
    fn a_key_table_finds_each_name_and_nothing_else() {
        let lists: [&'static [&'static str]; 4] = [
            &["id", "name", "status", "datastore", "ha", "configuration_id", "port", "backup_strategy", "disk_encryption_id"],
            &["a", "b", "ab", "ba", "abc", "", "a_very_long_field_name_of_thirty", "a_very_long_field_name_of_thirtx", "availability_zone"],
            &["x"],
            &[],
        ];
        for names in lists {
            let fields = fields(names);
            assert!(fields.table.len().is_power_of_two() && fields.table.len() >= 4 * names.len(), "{names:?}");
            for (index, name) in names.iter().enumerate() {
                assert_eq!(fields.position(name.as_bytes()), Some(index), "{name:?} of {names:?}");
            }
            // The last two differ from a name only between its first and last 8 bytes (same hash).
            let middle = ["availabiXity_zone", "a_very_long_field_nXme_of_thirty"];
            for other in ["idx", "Id", "nam", "b_", "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz", "\u{e9}"].into_iter().chain(middle) {
                assert_eq!(fields.position(other.as_bytes()), None, "{other:?} in {names:?}");
            }
        }
        // Deterministic: the generated code and the reader agree.
        assert_eq!(key_table(&["type", "size"]), key_table(&["type", "size"]));
    }

    /// No table for what a table cannot tell apart; such a struct is read by searching its names.
    #[test]
    fn without_a_table_keys_are_searched() {
        assert_eq!(key_table(&["size", "size"]), None);
        let many: Vec<String> = (0..255).map(|i| format!("f{i}")).collect();
        assert_eq!(key_table(&many.iter().map(String::as_str).collect::<Vec<_>>()), None);
        // Same length, same first and last 8 bytes: one hash whatever the seed.
        const ALIKE: &[&str] = &["instance_a_backups", "instance_b_backups"];
        assert_eq!(key_table(ALIKE), None);
        let fields = Fields { names: ALIKE, seed: 0, table: &[] };
        // Without a table the hot path finds nothing, and the search finds the name.
        assert_eq!(fields.position(b"instance_b_backups"), None);
        assert_eq!((fields.search(b"instance_b_backups"), fields.search(b"instance_c_backups")), (Some(1), None));
        struct Two(Option<i32>, Option<i32>);
        impl<'de> Slots<'de> for Two {
            fn put<D: Deserializer<'de>>(&mut self, field: usize, value: D) -> Result<Put, D::Error> {
                match field {
                    0 => put(&mut self.0, value),
                    _ => put(&mut self.1, value),
                }
            }
        }
        static SEARCHED: Fields = Fields { names: ALIKE, seed: 0, table: &[] };
        let mut de = serde_json::Deserializer::from_str(r#"{"instance_b_backups": 2, "instance_a_backups": 1, "x": 0}"#);
        let read = read(&mut de, "Two", &SEARCHED, &[], Two(None, None), |t| Some((t.0, t.1)));
        assert_eq!(read.unwrap(), (Some(1), Some(2)));
    }
}

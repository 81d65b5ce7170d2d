//! Forward-compatible enums: a documented closed set plus a catch-all for values the docs do not
//! list, so that a new value the cloud starts sending deserializes and serializes back unchanged.

use std::fmt;

/// A value of a closed set that the docs do not list, kept exactly as received.
///
/// Only an enum's `From<&str>` makes it (its constructor is hidden: it is for generated code), and
/// only for strings that are not a documented value, so a documented value is always its own
/// variant.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UnknownValue(String);

impl UnknownValue {
    #[doc(hidden)]
    pub fn new(value: &str) -> Self {
        UnknownValue(value.to_owned())
    }

    /// The value as received.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for UnknownValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

/// Implements, for a generated enum that has `as_str()`, `KNOWN`, `is_known()` and
/// `From<&str>`: `Display`, `FromStr` (never fails), `From<String>`, `AsRef<str>`, serde,
/// `KnownValue` (and so `Validate`: an undocumented value is a validation problem of requests;
/// and `Lenient`, through the one impl for every `KnownValue`: its text read without a copy, a
/// number or boolean read as its text).
#[doc(hidden)]
#[macro_export]
macro_rules! string_enum {
    ($name:ident) => {
        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = ::std::convert::Infallible;
            fn from_str(s: &str) -> ::std::result::Result<Self, Self::Err> {
                Ok(Self::from(s))
            }
        }

        impl ::std::convert::From<String> for $name {
            fn from(s: String) -> Self {
                Self::from(s.as_str())
            }
        }

        impl ::std::convert::AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
                let s = <::std::borrow::Cow<'de, str> as ::serde::Deserialize>::deserialize(d)?;
                Ok(Self::from(s.as_ref()))
            }
        }

        impl $crate::validate::KnownValue for $name {
            const NAME: &'static str = stringify!($name);
            const KNOWN: &'static [&'static str] = Self::KNOWN;
            fn wire(&self) -> &str {
                self.as_str()
            }
        }
    };
}

#[doc(hidden)]
pub use crate::string_enum;

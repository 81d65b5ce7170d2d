//! The type expressions of the spec format (`string`, `array<Volume>`, `map<array<string>>`): the
//! `type:` of a field or parameter. The one place that writes ([`Display`](fmt::Display)) and
//! reads ([`FromStr`]) their syntax: the transcriber builds types with it, `resolve` resolves what
//! it parses against the spec's types, renames go through [`TypeExpr::rename`]. The spec model
//! keeps the text as written (`Field::ty`), so errors quote it and YAML round-trips unchanged.

use std::fmt;
use std::str::FromStr;

/// A type as a spec writes it. A name is any other word; whether the spec defines it is for
/// `resolve` to say.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum TypeExpr {
    String,
    Integer,
    Long,
    Number,
    Boolean,
    Any,
    Array(Box<TypeExpr>),
    Map(Box<TypeExpr>),
    /// A type defined under `types`.
    Named(String),
}

impl TypeExpr {
    /// `array<inner>`.
    pub fn array(inner: TypeExpr) -> Self {
        TypeExpr::Array(Box::new(inner))
    }

    /// `map<inner>` (string keys).
    pub fn map(inner: TypeExpr) -> Self {
        TypeExpr::Map(Box::new(inner))
    }

    /// A scalar by its spec word (`string`, `integer`, `long`, `number`, `boolean`, `any`), else
    /// a type name.
    pub fn word(word: &str) -> Self {
        match word {
            "string" => TypeExpr::String,
            "integer" => TypeExpr::Integer,
            "long" => TypeExpr::Long,
            "number" => TypeExpr::Number,
            "boolean" => TypeExpr::Boolean,
            "any" => TypeExpr::Any,
            name => TypeExpr::Named(name.to_owned()),
        }
    }

    /// The element type of `array<T>`.
    pub fn element(&self) -> Option<&TypeExpr> {
        match self {
            TypeExpr::Array(t) => Some(t),
            _ => None,
        }
    }

    /// The same expression with every type name `n` for which `rename(n)` is `Some` replaced
    /// (`array<Old>` → `array<New>`; `OldItem` stays).
    pub fn rename<'a>(&self, rename: &impl Fn(&str) -> Option<&'a str>) -> TypeExpr {
        match self {
            TypeExpr::Named(n) => TypeExpr::Named(rename(n).unwrap_or(n).to_owned()),
            TypeExpr::Array(t) => TypeExpr::array(t.rename(rename)),
            TypeExpr::Map(t) => TypeExpr::map(t.rename(rename)),
            scalar => scalar.clone(),
        }
    }
}

/// `ty` (spec text) with type names renamed ([`TypeExpr::rename`]); text that is no type
/// expression stays as it is (`resolve` reports it).
pub fn rename_in<'a>(ty: &str, rename: impl Fn(&str) -> Option<&'a str>) -> String {
    match ty.parse::<TypeExpr>() {
        Ok(t) => t.rename(&rename).to_string(),
        Err(_) => ty.to_owned(),
    }
}

impl fmt::Display for TypeExpr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TypeExpr::String => f.write_str("string"),
            TypeExpr::Integer => f.write_str("integer"),
            TypeExpr::Long => f.write_str("long"),
            TypeExpr::Number => f.write_str("number"),
            TypeExpr::Boolean => f.write_str("boolean"),
            TypeExpr::Any => f.write_str("any"),
            TypeExpr::Array(t) => write!(f, "array<{t}>"),
            TypeExpr::Map(t) => write!(f, "map<{t}>"),
            TypeExpr::Named(n) => f.write_str(n),
        }
    }
}

impl FromStr for TypeExpr {
    /// What was expected and found (`expected `>` at the end of `array<Volume``).
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let s = s.trim();
        for (prefix, wrap) in [("array<", TypeExpr::array as fn(TypeExpr) -> TypeExpr), ("map<", TypeExpr::map)] {
            if let Some(inner) = s.strip_prefix(prefix) {
                let inner = inner.strip_suffix('>').ok_or_else(|| format!("expected `>` at the end of `{s}`"))?;
                return Ok(wrap(inner.parse()?));
            }
        }
        Ok(TypeExpr::word(s))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_as_read() {
        for text in ["string", "integer", "long", "number", "boolean", "any", "Volume", "array<map<array<Tag>>>", "map<string>"] {
            assert_eq!(text.parse::<TypeExpr>().unwrap().to_string(), text);
        }
        assert_eq!(" array<Tag> ".parse::<TypeExpr>(), Ok(TypeExpr::array(TypeExpr::Named("Tag".into()))));
        assert_eq!("array<Tag".parse::<TypeExpr>(), Err("expected `>` at the end of `array<Tag`".to_owned()));
        assert_eq!("array<A>".parse::<TypeExpr>().unwrap().element(), Some(&TypeExpr::Named("A".into())));
    }

    #[test]
    fn renames_whole_names() {
        let disk = |n: &str| (n == "Volume").then_some("Disk");
        assert_eq!(rename_in("array<Volume>", disk), "array<Disk>");
        assert_eq!(rename_in("map<array<Volume>>", disk), "map<array<Disk>>");
        assert_eq!(rename_in("VolumeType", disk), "VolumeType");
        assert_eq!(rename_in("array<Volume", disk), "array<Volume");
    }
}

//! Type words of the pages' Type column: `String`, `Integer`, `Int`, `Long`, `Float`, `Double`,
//! `Boolean`, `Object`, `Dictionary data structure`, `Array of objects`, `Array of strings`,
//! `List<String>`, `Map<String,String>`, `JSONArray`, "`Tag` object" (a name and object), lower-case and Chinese variants,
//! full-width punctuation (`String。`).

/// What a Type cell says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TypeWord {
    /// `string`, `integer`, `long`, `number`, `boolean`, `any` (spec spelling).
    Scalar(&'static str),
    /// An object: its fields are in another table (or unknown: `any`).
    Object,
    Array(Box<TypeWord>),
    Map(Box<TypeWord>),
    /// Not a type word we know (a warning; the field becomes `any`).
    Unknown(String),
}

impl TypeWord {
    /// Whether an object is involved (`Object`, `Array of objects`): a nested table is expected.
    pub fn wants_table(&self) -> bool {
        match self {
            TypeWord::Object => true,
            TypeWord::Array(t) | TypeWord::Map(t) => t.wants_table(),
            _ => false,
        }
    }
}

fn scalar(word: &str) -> Option<TypeWord> {
    let w = word.trim().trim_end_matches(['s', '.']).to_ascii_lowercase();
    Some(TypeWord::Scalar(match w.as_str() {
        "string" | "str" | "字符串" | "char" | "varchar" | "text" | "date" | "datetime" | "uuid" => "string",
        "integer" | "int" | "int32" | "整型" | "整数" | "short" => "integer",
        "long" | "int64" | "长整型" | "bigint" => "long",
        "float" | "double" | "number" | "decimal" | "bigdecimal" | "浮点型" | "numeric" => "number",
        "boolean" | "bool" | "布尔" | "布尔型" => "boolean",
        "anytype" | "any" | "任意类型" => "any",
        "object" | "dictionary data structure" | "dictionary" | "dict" | "对象" | "json" | "jsonobject" | "json object" | "struct" => {
            return Some(TypeWord::Object)
        }
        _ => return None,
    }))
}

/// Parses a Type cell. Table references ("For details, see Table 4") are not part of it: the
/// caller strips the cell to its first line or sentence.
pub fn parse_type_word(cell: &str) -> TypeWord {
    // Full-width punctuation and markup off; first line only.
    let text = crate::document::unmarked(&crate::document::fold_width(cell));
    let first = text.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or("");
    let first = first.split(". ").next().unwrap_or(first).trim().trim_end_matches('.');
    let lower = first.to_ascii_lowercase();

    if let Some(t) = scalar(first) {
        return t;
    }
    // List<String>, Array<Object>, Set<String>
    for prefix in ["list<", "array<", "set<", "arraylist<"] {
        if let Some(inner) = lower.strip_prefix(prefix).and_then(|r| r.strip_suffix('>')) {
            return TypeWord::Array(Box::new(inner_word(inner)));
        }
    }
    if let Some(inner) = lower.strip_prefix("map<").and_then(|r| r.strip_suffix('>')) {
        let value = inner.split(',').nth(1).unwrap_or("string");
        return TypeWord::Map(Box::new(inner_word(value)));
    }
    if lower.starts_with("map") {
        return TypeWord::Map(Box::new(TypeWord::Scalar("string")));
    }
    // "Array of objects", "Array of strings", "Array of Table 4 objects", "Array of String"
    if let Some(rest) = lower.strip_prefix("array of ").or_else(|| lower.strip_prefix("list of ")) {
        let last = rest.split_whitespace().last().unwrap_or("");
        return TypeWord::Array(Box::new(inner_word(last)));
    }
    // "Json Array" (IAM's token.catalog) is a list, never one object.
    if matches!(lower.as_str(), "array" | "list" | "jsonarray" | "json array" | "数组" | "list data structure" | "array data structure") {
        return TypeWord::Array(Box::new(TypeWord::Object));
    }
    if lower.ends_with("[]") {
        return TypeWord::Array(Box::new(inner_word(lower.trim_end_matches("[]"))));
    }
    if lower.starts_with("dictionary") || lower.starts_with("object") {
        return TypeWord::Object;
    }
    // "`Tag` object", "ResourceTag objects", "Tag structure": one named object, described by the
    // table whose caption or anchor is that name. More than a name before the word ("any valid
    // object") is not a type word.
    if let Some(named) = ["objects", "object", "structure"].iter().find_map(|w| lower.strip_suffix(w)) {
        let named = named.trim();
        if !named.is_empty() && !named.contains(char::is_whitespace) && named.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            return TypeWord::Object;
        }
    }
    TypeWord::Unknown(first.to_owned())
}

fn inner_word(s: &str) -> TypeWord {
    let s = s.trim();
    match scalar(s) {
        Some(t) => t,
        None if s.is_empty() || s.contains("object") || s.contains("table") => TypeWord::Object,
        None => {
            let t = parse_type_word(s);
            if let TypeWord::Unknown(_) = t {
                TypeWord::Object
            } else {
                t
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use TypeWord::*;

    #[test]
    fn words() {
        assert_eq!(parse_type_word("String"), Scalar("string"));
        assert_eq!(parse_type_word("String。"), Scalar("string"));
        assert_eq!(parse_type_word("integer"), Scalar("integer"));
        assert_eq!(parse_type_word("Int"), Scalar("integer"));
        assert_eq!(parse_type_word("Long"), Scalar("long"));
        assert_eq!(parse_type_word("Double"), Scalar("number"));
        assert_eq!(parse_type_word("AnyType"), Scalar("any"));
        assert_eq!(parse_type_word("Boolean"), Scalar("boolean"));
        assert_eq!(parse_type_word("Object"), Object);
        assert_eq!(parse_type_word("Dictionary data structure. For details, see Table 5."), Object);
        assert_eq!(parse_type_word("Array of objects"), Array(Box::new(Object)));
        assert_eq!(parse_type_word("Array of strings"), Array(Box::new(Scalar("string"))));
        assert_eq!(parse_type_word("Array of Table 4 objects"), Array(Box::new(Object)));
        assert_eq!(parse_type_word("List<String>"), Array(Box::new(Scalar("string"))));
        assert_eq!(parse_type_word("Map<String,String>"), Map(Box::new(Scalar("string"))));
        assert_eq!(parse_type_word("字符串"), Scalar("string"));
        assert_eq!(parse_type_word("JSONArray"), Array(Box::new(Object)));
        assert_eq!(parse_type_word("Json Array"), Array(Box::new(Object)));
        assert_eq!(parse_type_word("JSON Object"), Object);
        assert!(matches!(parse_type_word("Blob"), Unknown(_)));
    }

    /// "`X` object" names the nested table's caption or anchor: an object, alone or in an array.
    #[test]
    fn a_named_object() {
        assert_eq!(parse_type_word("`Tag` object"), Object);
        assert_eq!(parse_type_word("ResourceTag objects"), Object);
        assert_eq!(parse_type_word("Array of `Tag` objects"), Array(Box::new(Object)));
        assert_eq!(parse_type_word("Array of ResourceTag"), Array(Box::new(Object)));
        assert_eq!(parse_type_word("List of `Tag` objects"), Array(Box::new(Object)));
        // Not a name: several words, or nothing before "object".
        assert!(matches!(parse_type_word("any valid object"), Unknown(_)));
        assert!(matches!(parse_type_word("Tag list"), Unknown(_)));
    }
}

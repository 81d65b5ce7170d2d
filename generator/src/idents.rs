//! Rust names: case rules (heck) and keywords. The only place that knows them.

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Rust keywords (all editions, reserved ones included) that can be raw identifiers.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn", "else", "enum", "extern", "false",
    "final", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub",
    "ref", "return", "static", "struct", "trait", "true", "try", "type", "typeof", "union", "unsafe", "unsized", "use", "virtual", "where",
    "while", "yield",
];

/// Keywords that cannot be raw identifiers.
const NOT_RAW: &[&str] = &["crate", "self", "Self", "super", "_"];

/// Type names a spec must not use: they would shadow what generated code relies on.
pub const RESERVED_TYPE_NAMES: &[&str] = &[
    "Option",
    "Some",
    "None",
    "Result",
    "Ok",
    "Err",
    "String",
    "Vec",
    "Box",
    "Self",
    "BuildError",
    "Problems",
    "Sensitive",
    "Serialize",
    "Deserialize",
    "Value",
    "BTreeMap",
];

/// Whether `s` is a Rust keyword that needs `r#`.
pub fn is_keyword(s: &str) -> bool {
    KEYWORDS.contains(&s)
}

/// Whether `s` can never be an identifier, even raw.
pub fn is_forbidden(s: &str) -> bool {
    NOT_RAW.contains(&s)
}

/// A field or module name from a wire name: `flavorRef` → `flavor_ref`, `X-Language` → `x_language`.
pub fn snake(s: &str) -> String {
    // Already snake case (lowercase ASCII words joined by single `_`, most wire names): heck
    // would give it back unchanged, at ~3,700 instructions a call (issue 19).
    let plain = !s.is_empty()
        && !s.starts_with('_')
        && !s.ends_with('_')
        && !s.contains("__")
        && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
    let mut out = if plain { s.to_owned() } else { s.to_snake_case() };
    if out.is_empty() || out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert_str(0, "field_");
    }
    if is_forbidden(&out) {
        // `self`, `crate`, `super` cannot even be raw identifiers.
        out.push('_');
    }
    out
}

/// A type or variant name: `postPaid` → `PostPaid`, `5.7` → `V5_7`.
pub fn camel(s: &str) -> String {
    // heck drops separators between digits ("5.7" → "57"); keep them as underscores.
    let mut parts: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut last_digit = false;
    for c in s.chars() {
        if c.is_alphanumeric() {
            current.push(c);
            last_digit = c.is_ascii_digit();
        } else if last_digit {
            // a separator after a digit: keep a boundary
            parts.push(std::mem::take(&mut current));
            last_digit = false;
        } else {
            current.push(' ');
        }
    }
    parts.push(current);
    // Join, with `_` only between two digits (rustc's camel-case lint allows no other).
    let mut out = String::new();
    for part in parts.iter().map(|p| p.to_upper_camel_case()).filter(|p| !p.is_empty()) {
        if out.ends_with(|c: char| c.is_ascii_digit()) && part.starts_with(|c: char| c.is_ascii_digit()) {
            out.push('_');
        }
        out.push_str(&part);
    }
    if out.is_empty() {
        out = "Empty".to_owned();
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, 'V');
    }
    if out == "Self" {
        // The one UpperCamel keyword.
        out.push_str("Value");
    }
    out
}

/// Whether `s` is a valid identifier (ASCII letters, digits, underscores; not starting with a digit).
pub fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_') && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Whether `s` is UpperCamelCase as the spec requires for type names.
pub fn is_upper_camel(s: &str) -> bool {
    is_identifier(s) && s.starts_with(|c: char| c.is_ascii_uppercase()) && !s.contains('_')
}

/// Whether `s` is snake_case as the spec requires for operation ids.
pub fn is_snake(s: &str) -> bool {
    is_identifier(s) && s == s.to_ascii_lowercase() && !s.starts_with('_')
}

/// A token for an identifier, raw when it is a keyword.
pub fn ident(s: &str) -> proc_macro2::Ident {
    if is_keyword(s) {
        proc_macro2::Ident::new_raw(s, proc_macro2::Span::call_site())
    } else {
        proc_macro2::Ident::new(s, proc_macro2::Span::call_site())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_snake_case_name_is_what_heck_makes_of_it() {
        // The shortcut of `snake` against heck itself, on every string of up to four
        // characters from letters, digits and `_` (and some longer ones).
        let alphabet = ['a', 'z', '0', '9', '_', 'A'];
        let mut words: Vec<String> = vec![String::new()];
        for _ in 0..4 {
            let longer: Vec<String> = words.iter().flat_map(|w| alphabet.iter().map(move |c| format!("{w}{c}"))).collect();
            words.extend(longer);
        }
        words.extend(["project_id", "v3_1", "x_language", "a1b2_c3", "sha256", "flavor_ref", "self", "crate"].map(String::from));
        for w in &words {
            let mut expected = w.to_snake_case();
            if expected.is_empty() || expected.starts_with(|c: char| c.is_ascii_digit()) {
                expected.insert_str(0, "field_");
            }
            if is_forbidden(&expected) {
                expected.push('_');
            }
            assert_eq!(snake(w), expected, "{w:?}");
        }
    }

    #[test]
    fn names() {
        assert_eq!(snake("flavorRef"), "flavor_ref");
        assert_eq!(snake("availabilityZone"), "availability_zone");
        assert_eq!(snake("X-Auth-Token"), "x_auth_token");
        assert_eq!(snake("dbRtPd"), "db_rt_pd");
        assert_eq!(camel("postPaid"), "PostPaid");
        assert_eq!(camel("COMMON"), "Common");
        assert_eq!(camel("centralization_standard"), "CentralizationStandard");
        assert_eq!(camel("5.7"), "V5_7");
        assert_eq!(camel("2017_SE"), "V2017Se");
        assert_eq!(camel("MySQL"), "MySql");
        assert!(is_keyword("type"));
        assert!(!is_keyword("name"));
    }
}

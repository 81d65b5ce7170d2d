//! What descriptions state in prose: closed sets of values (enums), limits, secrets — for body
//! fields and query/path parameters alike, in English and Chinese.
//!
//! One job per module: [`values`] (closed sets, one-value sets), [`limits`] (lengths, ranges,
//! multiples, list sizes, name patterns); secrets are here. Every rule is conservative: a wrong
//! enum or constraint refuses good requests, a missing one only documents less. The rules and
//! their negative cases are unit-tested in each module.

use std::sync::OnceLock;

use regex::Regex;

pub mod limits;
pub mod values;

pub use limits::find_constraints;
pub use values::{confirmed_by_examples, find_enum, find_enum_of, plain_candidate, ProseEnum};

/// A built-in regex, compiled once.
pub(crate) fn re(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pattern).unwrap_or_else(|e| panic!("bad built-in regex {pattern}: {e}")))
}

/// The closed set (if the parameter is a string or a list of strings) and the limits the
/// description of the path or query parameter `name` states, for its spec type `ty`.
pub fn param_rules(name: &str, desc: &str, ty: &str) -> (Option<ProseEnum>, crate::spec::Constraints) {
    let set = if matches!(ty, "string" | "array<string>") { find_enum_of(name, desc) } else { None };
    let limits = match (&set, ty) {
        (Some(_), _) => crate::spec::Constraints::default(),
        (None, "string" | "integer" | "long" | "number") => find_constraints(desc, ty),
        (None, t) if t.starts_with("array<") => find_constraints(desc, ty),
        _ => crate::spec::Constraints::default(),
    };
    (set, limits)
}

/// Whether a field holds a secret.
pub fn is_sensitive(name: &str, desc: &str) -> bool {
    let n = name.to_ascii_lowercase();
    let by_name = ["password", "passwd", "pwd", "secret"].iter().any(|w| n.contains(w)) && !n.contains("type") && !n.contains("policy");
    static DESC: OnceLock<Regex> = OnceLock::new();
    let d = re(&DESC, r"(?i)^(?:specifies|indicates)? ?(?:the )?(?:database |new |user |administrator )?password\b");
    by_name || d.is_match(desc.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets() {
        assert!(is_sensitive("password", ""));
        assert!(is_sensitive("dbRtPd", "Specifies the password for user **root** of the database."));
        assert!(!is_sensitive("password_type", ""));
        assert!(!is_sensitive("name", "Specifies the DB instance name."));
    }

    #[test]
    fn parameters() {
        let (set, limits) = param_rules("type", "Instance type. The value can be **Single**, **Ha**, or **Replica**.", "string");
        assert_eq!(set.unwrap().values.iter().map(|v| v.value.as_str()).collect::<Vec<_>>(), ["Single", "Ha", "Replica"]);
        assert!(limits.is_empty());
        let (set, limits) = param_rules("limit", "Number of records. The value ranges from 1 to 100.", "integer");
        assert!(set.is_none());
        assert_eq!((limits.minimum, limits.maximum), (Some(1.0), Some(100.0)));
        let (set, limits) =
            param_rules("limit", "Number of records. The minimum value is **1** and the maximum value is **100**.", "string");
        assert!(set.is_none(), "a number held in a string is not a set");
        assert_eq!((limits.minimum, limits.maximum), (Some(1.0), Some(100.0)));
        let (set, limits) = param_rules("all", "Whether to query. The value can be **true** or **false**.", "boolean");
        assert!(set.is_none() && limits.is_empty());
    }
}

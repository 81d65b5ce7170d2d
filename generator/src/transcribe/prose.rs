//! What descriptions state in prose: closed sets of values (enums), constraints, secrets.
//!
//! Rules (conservative: a wrong enum or constraint is worse than a missing one):
//! - **Enums** (string fields only): a bullet list introduced by "Value", "Values", "value can be",
//!   "following", "options", "取值" whose items are single tokens (`- **backup**`,
//!   `- COMMON: SATA storage.`, `- MySQL`); "The value is Ha (case-insensitive)"; "the value is
//!   **a** or **b**" / "async or semisync" after "the value is" (repeated sentences union).
//!   A list given twice is one enum.
//! - **Lengths**: "4 to 64 characters", "a maximum of 64 characters", "up to 64 characters",
//!   "at least 8 characters".
//! - **Ranges** (integer/number fields): "ranges from 1024 to 65535", "from 0 to 732",
//!   "Value: **0** to **732**", "value range: 1–100"; "multiple of 10".
//! - **Patterns**: "start with a letter" + "only letters, digits, hyphens (-), and underscores (_)"
//!   → `^[A-Za-z][A-Za-z0-9_-]*$` (the characters named make the class).
//! - **Sensitive**: a name like password/passwd/pwd/secret, or a description that starts with
//!   "(Specifies|Indicates) the ... password".

use std::sync::OnceLock;

use regex_lite::Regex;

use crate::spec::{Constraints, EnumValue};

/// An enum found in a description.
#[derive(Clone, Debug, PartialEq)]
pub struct ProseEnum {
    pub values: Vec<EnumValue>,
    pub case_insensitive: bool,
}

fn re(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pattern).unwrap_or_else(|e| panic!("bad built-in regex {pattern}: {e}")))
}

/// A token that can be an enum value: no spaces, not a sentence.
fn value_token(s: &str) -> Option<String> {
    let s = s.trim().trim_end_matches(['.', ',', ';', '。']).trim();
    let s = s.strip_prefix("**").and_then(|r| r.strip_suffix("**")).unwrap_or(s);
    let s = s.trim_matches('`').trim_matches('"');
    let ok = !s.is_empty()
        && s.len() <= 48
        && !s.contains(char::is_whitespace)
        && s.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | ':' | '/'))
        && s.chars().any(|c| c.is_ascii_alphabetic());
    ok.then(|| s.to_owned())
}

/// The enum a string field's description documents, if any.
pub fn find_enum(desc: &str) -> Option<ProseEnum> {
    static CI: OnceLock<Regex> = OnceLock::new();
    static OR: OnceLock<Regex> = OnceLock::new();
    let ci = re(&CI, r"(?i)the value is \**([A-Za-z0-9_.-]+)\**\s*\(case[- ]insensitive\)");
    if let Some(m) = ci.captures(desc) {
        return Some(ProseEnum { values: vec![ev(&m[1], None)], case_insensitive: true });
    }
    let mut values: Vec<EnumValue> = Vec::new();
    let push = |v: String, doc: Option<String>, values: &mut Vec<EnumValue>| {
        if !values.iter().any(|e| e.value == v) {
            values.push(ev(&v, doc));
        }
    };

    // Bullet lists introduced by a value phrase.
    let lines: Vec<&str> = desc.lines().collect();
    let mut i = 0;
    while i < lines.len() {
        let intro = lines[i].to_ascii_lowercase();
        let introduces = !intro.trim_start().starts_with("- ")
            && (intro.trim_end().ends_with(':') || intro.trim_end().ends_with('：'))
            && ["value", "can be", "following", "option", "取值", "enumerat", "supported", "type"]
                .iter()
                .any(|w| intro.contains(w));
        if introduces {
            let mut j = i + 1;
            while j < lines.len() && lines[j].trim().is_empty() {
                j += 1;
            }
            let mut found = Vec::new();
            let mut all_tokens = true;
            while j < lines.len() && lines[j].trim_start().starts_with("- ") {
                let item = lines[j].trim_start().trim_start_matches("- ").trim();
                let (head, doc) = match item.split_once(": ").or_else(|| item.split_once("：")) {
                    Some((h, d)) => (h, Some(d.trim().to_owned())),
                    None => (item, None),
                };
                match value_token(head) {
                    Some(v) if !item.to_ascii_lowercase().starts_with("for ") => found.push((v, doc)),
                    _ => {
                        // "For a replica set instance, the value is **replica**."
                        let in_sentence = sentence_values(item);
                        if in_sentence.is_empty() {
                            all_tokens = false;
                        }
                        found.extend(in_sentence.into_iter().map(|v| (v, None)));
                    }
                }
                j += 1;
            }
            if all_tokens && !found.is_empty() {
                for (v, d) in found {
                    push(v, d, &mut values);
                }
            }
            i = j.max(i + 1);
            continue;
        }
        i += 1;
    }

    // "the value is async or semisync", "The value can be **strong** or **eventual**".
    let or = re(&OR, r"(?im)(?:the )?value (?:is|can be|must be) ((?:\**[A-Za-z0-9_.-]+\**(?:, | or |, or ))+\**[A-Za-z0-9_.-]+\**)(?:\.|;|$|\s*\()");
    for m in or.captures_iter(desc) {
        if !m[1].contains(" or ") {
            continue;
        }
        for part in m[1].split([',']).flat_map(|p| p.split(" or ")) {
            if let Some(v) = value_token(part) {
                if !matches!(v.as_str(), "true" | "false") {
                    push(v, None, &mut values);
                }
            }
        }
    }
    if values.is_empty() || values.iter().all(|v| matches!(v.value.as_str(), "true" | "false")) {
        return None;
    }
    Some(ProseEnum { values, case_insensitive: false })
}

/// Values named by "the value is **x**" / "the value can be **a**, **b**, or **c**" in a sentence.
fn sentence_values(text: &str) -> Vec<String> {
    static ONE: OnceLock<Regex> = OnceLock::new();
    let one = re(&ONE, r"(?i)(?:the )?value (?:is|can be|must be) ((?:\**[A-Za-z0-9_.-]+\**(?:, | or |, or ))*\**[A-Za-z0-9_.-]+\**)(?:\.|;|$|\s*\()");
    let mut out = Vec::new();
    for m in one.captures_iter(text) {
        for part in m[1].split(',').flat_map(|p| p.split(" or ")) {
            if let Some(v) = value_token(part) {
                if !matches!(v.as_str(), "true" | "false") && !out.contains(&v) {
                    out.push(v);
                }
            }
        }
    }
    out
}

fn ev(value: &str, doc: Option<String>) -> EnumValue {
    EnumValue { value: value.to_owned(), name: None, doc: doc.filter(|d| !d.is_empty()) }
}

/// Constraints a description states, for a field of spec type `ty`.
pub fn find_constraints(desc: &str, ty: &str) -> Constraints {
    static LEN: OnceLock<Regex> = OnceLock::new();
    static MAXLEN: OnceLock<Regex> = OnceLock::new();
    static MINLEN: OnceLock<Regex> = OnceLock::new();
    static RANGE: OnceLock<Regex> = OnceLock::new();
    static MULT: OnceLock<Regex> = OnceLock::new();
    let mut c = Constraints::default();
    let text = desc.replace("**", "");
    if ty == "string" {
        let len = re(&LEN, r"(?i)(\d+) ?(?:to|到|～|~) ?(\d+) ?(?:characters|个字符|字符)");
        if let Some(m) = len.captures(&text) {
            c.min_length = m[1].parse().ok();
            c.max_length = m[2].parse().ok();
        } else {
            let max = re(&MAXLEN, r"(?i)(?:maximum of|up to|at most|cannot exceed|no more than) (\d+) characters");
            if let Some(m) = max.captures(&text) {
                c.max_length = m[1].parse().ok();
            }
            let min = re(&MINLEN, r"(?i)(?:at least|minimum of) (\d+) characters");
            if let Some(m) = min.captures(&text) {
                c.min_length = m[1].parse().ok();
            }
        }
        c.pattern = name_pattern(&text);
    }
    if matches!(ty, "integer" | "long" | "number") {
        // Only when the description states one range: several ("For MySQL ... For PostgreSQL ...")
        // depend on something else and stay in the docs.
        let range = re(&RANGE, r"(?i)(?:range[sd]? (?:is )?from|value range is from|value range: ?|value: ?|from) (-?\d+)(?: [A-Za-z]+)? (?:to|-|–) (-?\d+)");
        let found: Vec<_> = range.captures_iter(&text).collect();
        if found.len() == 1 {
            c.minimum = found[0][1].parse().ok();
            c.maximum = found[0][2].parse().ok();
        }
        // "from 40 GB to 4 TB": different units, not a range of the same number.
        if let (Some(lo), Some(hi)) = (c.minimum, c.maximum) {
            if lo > hi {
                c.minimum = None;
                c.maximum = None;
            }
        }
        let mult = re(&MULT, r"(?i)multiple of (\d+)");
        let found: Vec<_> = mult.captures_iter(&text).collect();
        if found.len() == 1 {
            c.multiple_of = found[0][1].parse().ok();
        }
    }
    c
}

/// "start with a letter … only letters, digits, hyphens (-), and underscores (_)" → a pattern.
fn name_pattern(text: &str) -> Option<String> {
    let lower = text.to_ascii_lowercase();
    if !lower.contains("start with a letter") || !lower.contains("only") {
        return None;
    }
    let only = &lower[lower.find("only")?..];
    let only = only.split(['.', ';']).next().unwrap_or(only);
    let mut class = String::new();
    if only.contains("letter") {
        class.push_str("A-Za-z");
    }
    if only.contains("digit") || only.contains("number") {
        class.push_str("0-9");
    }
    if only.contains("underscore") {
        class.push('_');
    }
    if only.contains("period") || only.contains("dot") {
        class.push('.');
    }
    if only.contains("hyphen") {
        class.push('-'); // last: literal in a class
    }
    if class.is_empty() {
        return None;
    }
    Some(format!("^[A-Za-z][{class}]*$"))
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

    fn vals(e: &ProseEnum) -> Vec<&str> {
        e.values.iter().map(|v| v.value.as_str()).collect()
    }

    #[test]
    fn enums() {
        let e = find_enum("Restoration type. Value:\n\n- **backup**: by backup.\n- **timestamp**: PITR.\n\nValue:\n\n- **backup**\n- **timestamp**").unwrap();
        assert_eq!(vals(&e), ["backup", "timestamp"]);
        assert_eq!(e.values[0].doc.as_deref(), Some("by backup."));
        let e = find_enum("Specifies the volume type.\n\nIts value can be any of the following and is case-sensitive:\n\n- COMMON: SATA storage.\n- ULTRAHIGH: ultra-high I/O storage.").unwrap();
        assert_eq!(vals(&e), ["COMMON", "ULTRAHIGH"]);
        let e = find_enum("Specifies the primary/standby or cluster instance type. The value is Ha (case-insensitive).").unwrap();
        assert!(e.case_insensitive);
        assert_eq!(vals(&e), ["Ha"]);
        let e = find_enum("Value:\n\n- For MySQL, the value is async or semisync.\n- For PostgreSQL, the value is async or sync.").unwrap();
        assert_eq!(vals(&e), ["async", "semisync", "sync"]);
        assert!(find_enum("Specifies the DB instance name.").is_none());
        assert!(find_enum("The value can be **true** or **false**.").is_none());
    }

    #[test]
    fn constraints() {
        let c = find_constraints("The value must be 4 to 64 characters in length and start with a letter. It is case-sensitive and can contain only letters, digits, hyphens (-), and underscores (_).", "string");
        assert_eq!((c.min_length, c.max_length), (Some(4), Some(64)));
        assert_eq!(c.pattern.as_deref(), Some("^[A-Za-z][A-Za-z0-9_-]*$"));
        let c = find_constraints("Its value must be a multiple of 10 and the value range is from 40 GB to 4000 GB.", "integer");
        assert_eq!((c.minimum, c.maximum, c.multiple_of), (Some(40.0), Some(4000.0), Some(10.0)));
        let c = find_constraints("部件名称，长度为4到64个字符。", "string");
        assert_eq!((c.min_length, c.max_length), (Some(4), Some(64)));
        let c = find_constraints("The value range is from 0 to 732.", "integer");
        assert_eq!((c.minimum, c.maximum), (Some(0.0), Some(732.0)));
        let c = find_constraints("- MySQL ranges from 1024 to 65535.\n- PostgreSQL ranges from 2100 to 9500.", "integer");
        assert_eq!(c.minimum, None);
    }

    #[test]
    fn secrets() {
        assert!(is_sensitive("password", ""));
        assert!(is_sensitive("dbRtPd", "Specifies the password for user **root** of the database."));
        assert!(!is_sensitive("password_type", ""));
        assert!(!is_sensitive("name", "Specifies the DB instance name."));
    }
}

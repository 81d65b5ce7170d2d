//! Names from page text: the operation id from the title, type names from captions or fields.
//!
//! **Operation id rule** (documented in `docs/transcriber.md`): lower-case the title, drop
//! punctuation, turn the leading gerund into its base verb (`Creating` → `create`, `Querying` →
//! `query`, `Obtaining` → `obtain`), drop the stop words of [`STOP_WORDS`], and join with `_`. `Creating a DB Instance` → `create_instance`; `Restoring Data to a New DB
//! Instance` → `restore_to_new_instance`. A hand fix can override it.

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Words left out of operation ids.
pub const STOP_WORDS: &[&str] = &["a", "an", "the", "db", "data"];

/// Gerunds whose base form is not the gerund minus `ing`.
const IRREGULAR: &[(&str, &str)] = &[
    ("creating", "create"),
    ("deleting", "delete"),
    ("changing", "change"),
    ("configuring", "configure"),
    ("enabling", "enable"),
    ("disabling", "disable"),
    ("releasing", "release"),
    ("restoring", "restore"),
    ("rebooting", "reboot"),
    ("resizing", "resize"),
    ("scaling", "scale"),
    ("updating", "update"),
    ("using", "use"),
    ("upgrading", "upgrade"),
    ("removing", "remove"),
    ("replicating", "replicate"),
    ("purging", "purge"),
    ("managing", "manage"),
    ("associating", "associate"),
    ("disassociating", "disassociate"),
    ("terminating", "terminate"),
    ("migrating", "migrate"),
    ("synchronizing", "synchronize"),
    ("authorizing", "authorize"),
    ("revoking", "revoke"),
    ("retrying", "retry"),
    ("binding", "bind"),
    ("unbinding", "unbind"),
    ("setting", "set"),
    ("resetting", "reset"),
    ("getting", "get"),
    ("stopping", "stop"),
    ("shrinking", "shrink"),
    ("modifying", "modify"),
    ("copying", "copy"),
    ("applying", "apply"),
    ("specifying", "specify"),
    ("querying", "query"),
    ("switching", "switch"),
    ("adding", "add"),
    ("killing", "kill"),
    ("obtaining", "obtain"),
    ("listing", "list"),
    ("starting", "start"),
    ("checking", "check"),
    ("performing", "perform"),
    ("returning", "return"),
    ("downloading", "download"),
    ("uploading", "upload"),
    ("expanding", "expand"),
    ("promoting", "promote"),
    ("renaming", "rename"),
    ("viewing", "view"),
];

/// The base verb of a gerund (`creating` → `create`), or the word itself.
pub fn base_verb(word: &str) -> String {
    let lower = word.to_ascii_lowercase();
    if let Some((_, base)) = IRREGULAR.iter().find(|(g, _)| *g == lower) {
        return (*base).to_owned();
    }
    match lower.strip_suffix("ing") {
        Some(stem) if stem.len() >= 3 => {
            let b = stem.as_bytes();
            // doubled consonant: "stopping" → "stop"
            if b.len() >= 2 && b[b.len() - 1] == b[b.len() - 2] && !matches!(b[b.len() - 1], b'l' | b's') {
                stem[..stem.len() - 1].to_owned()
            } else {
                stem.to_owned()
            }
        }
        _ => lower,
    }
}

/// The operation id of a page title (see the module docs for the rule).
pub fn operation_id(title: &str) -> String {
    let cleaned: String = title
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { ' ' })
        .collect();
    let mut words: Vec<String> = Vec::new();
    for (i, w) in cleaned.split_whitespace().enumerate() {
        if i == 0 {
            words.push(base_verb(w));
        } else if !STOP_WORDS.contains(&w) {
            words.push(w.to_owned());
        }
    }
    let id = words.join("_");
    if id.is_empty() || id.starts_with(|c: char| c.is_ascii_digit()) {
        format!("op_{id}")
    } else {
        id
    }
}

/// The singular of an English plural noun, for list items (`instances` → `instance`,
/// `policies` → `policy`); other words unchanged.
pub fn singular(word: &str) -> String {
    word.strip_suffix("ies")
        .map(|s| format!("{s}y"))
        .or_else(|| word.strip_suffix('s').map(str::to_owned))
        .unwrap_or_else(|| word.to_owned())
}

/// A type name from a table caption: the field part of "`datastore` field data structure
/// description" / "Description of the `instance` field" / "`instance` description", else the
/// caption's first words. `None` when the caption says nothing usable ("Parameter description").
pub fn type_name_from_caption(caption: &str) -> Option<String> {
    let c = caption.trim().trim_end_matches('.');
    let lower = c.to_ascii_lowercase();
    let generic = ["parameter description", "parameters", "request parameters", "response parameters", "description", ""];
    if generic.contains(&lower.as_str()) || lower.starts_with("parameter description") {
        return None;
    }
    for suffix in [
        " field data structure description",
        " field data structure",
        " data structure description",
        " data structure",
        " field description",
        " structure description",
        " description",
        " field",
        " fields",
        " object",
    ] {
        if let Some(head) = lower.strip_suffix(suffix) {
            let name = &c[..head.len()];
            if let Some(n) = camel_from_words(name) {
                return Some(n);
            }
        }
    }
    for prefix in ["description of the ", "description of ", "structure of the ", "data structure of "] {
        if let Some(rest) = lower.strip_prefix(prefix) {
            let name = &c[prefix.len()..prefix.len() + rest.len()];
            let name = name.trim_end_matches(" field").trim_end_matches(" parameter");
            if let Some(n) = camel_from_words(name) {
                return Some(n);
            }
        }
    }
    // A caption that is one identifier-like word ("auth.identity", "instances").
    if !c.contains(' ') {
        let last = c.rsplit('.').next().unwrap_or(c);
        return camel_from_words(last);
    }
    None
}

/// `backup_strategy` / `backupStrategy` / `charge info` → `BackupStrategy` / `ChargeInfo`.
pub fn camel_from_words(s: &str) -> Option<String> {
    // Only the leading ASCII words: "disk字段数据结构说明" (a Chinese caption) → "disk".
    let end = s.find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, ' ' | '_' | '-' | '.'))).unwrap_or(s.len());
    let s = s[..end].trim().trim_matches(|c: char| !c.is_alphanumeric());
    if s.is_empty() || s.split_whitespace().count() > 4 {
        return None;
    }
    let name = s.to_snake_case().to_upper_camel_case();
    if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
        None
    } else {
        Some(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operation_ids() {
        assert_eq!(operation_id("Creating a DB Instance"), "create_instance");
        assert_eq!(operation_id("Restoring Data to a New DB Instance"), "restore_to_new_instance");
        assert_eq!(operation_id("Querying DB Instances"), "query_instances");
        assert_eq!(operation_id("Obtaining a User Token Through Password Authentication"), "obtain_user_token_through_password_authentication");
        assert_eq!(operation_id("Stopping an Instance"), "stop_instance");
        assert_eq!(operation_id("Deleting a Manual Backup"), "delete_manual_backup");
    }

    #[test]
    fn type_names() {
        assert_eq!(type_name_from_caption("datastore field data structure description").as_deref(), Some("Datastore"));
        assert_eq!(type_name_from_caption("backupStrategy field data structure description").as_deref(), Some("BackupStrategy"));
        assert_eq!(type_name_from_caption("instance description").as_deref(), Some("Instance"));
        assert_eq!(type_name_from_caption("Parameter description"), None);
        assert_eq!(type_name_from_caption("auth.identity").as_deref(), Some("Identity"));
        assert_eq!(camel_from_words("disk字段数据结构说明").as_deref(), Some("Disk"));
        assert_eq!(camel_from_words("路径参数"), None);
    }
}

//! Operation names for pages whose title names nothing usable (not English: `重启实例`; or one
//! word: "Example"). The name comes from what the page gives, in this order:
//!
//! 1. its **file name**, when that is English words (`restarting_an_instance.md` →
//!    `restart_instance`, by the title rule of `naming::operation_id`);
//! 2. its request body's **root key**, when the body is one object under one key
//!    (`POST …/instances/{id}/action` with `{"restart": {…}}` → `restart_instance`): the action
//!    pages of one path stay apart;
//! 3. its **path**: method and last literal segment (`GET …/instances` → `list_instances`).
//!
//! The lint `derived-name` says which was used, so a reviewer can set a better name in a hand fix.

use serde_json::Value;

use super::naming::{operation_id, singular};
use super::uri::{version_of, Uri};

/// Words of file names that are not names of an operation (`zh-cn_topic_0000001`, `index`).
const NOT_NAME_WORDS: &[&str] = &["zh", "cn", "en", "us", "topic", "api", "apis", "index", "page", "md", "rst", "txt"];

/// Path segments that say "an action on the resource before" (`…/instances/{id}/action`).
const ACTION_SEGMENTS: &[&str] = &["action", "actions", "operation", "operations"];

/// Where a derived name came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameSource {
    FileName,
    BodyRootKey,
    Path,
}

impl NameSource {
    /// How the lint says it.
    pub fn describe(self) -> &'static str {
        match self {
            NameSource::FileName => "the file name",
            NameSource::BodyRootKey => "the request body's root key",
            NameSource::Path => "the method and the path's last literal segment",
        }
    }
}

/// Whether a title gives no usable operation id (no English words, or a single one).
pub fn title_names_nothing(title_id: &str) -> bool {
    title_id.starts_with("op_") || title_id.split('_').count() < 2
}

/// The operation id of a page whose title names nothing: from `file` (the page's path), the
/// first request example `body`, or `uri`.
pub fn derive_operation_id(file: &str, body: Option<&Value>, uri: &Uri) -> (String, NameSource) {
    if let Some(id) = from_file_name(file) {
        return (id, NameSource::FileName);
    }
    if let Some(key) = body.and_then(root_key) {
        let key = crate::idents::snake(key);
        let resource = resource_segment(uri).map(|r| singular(&crate::idents::snake(r)));
        let id = match resource {
            Some(r) if r != key && !key.ends_with(&r) => format!("{key}_{r}"),
            _ => key,
        };
        return (id, NameSource::BodyRootKey);
    }
    (path_operation_id(uri), NameSource::Path)
}

/// An id from a file name made of two or more English words (`restarting_an_instance.md`).
pub fn from_file_name(file: &str) -> Option<String> {
    let name = file.rsplit(['/', '\\']).next()?;
    let stem = name.rsplit_once('.').map(|(s, _)| s).unwrap_or(name);
    let words: Vec<&str> = stem.split(['_', '-', ' ']).filter(|w| !w.is_empty()).collect();
    let english = words.len() >= 2
        && words.iter().all(|w| w.chars().all(|c| c.is_ascii_alphabetic()))
        && !words.iter().any(|w| NOT_NAME_WORDS.contains(&w.to_ascii_lowercase().as_str()));
    if !english {
        return None;
    }
    let id = operation_id(&words.join(" "));
    (!title_names_nothing(&id)).then_some(id)
}

/// The one key of a body that is a single object under a single key (`{"restart": {}}`).
pub fn root_key(body: &Value) -> Option<&str> {
    let obj = body.as_object()?;
    if obj.len() != 1 {
        return None;
    }
    let (key, value) = obj.iter().next()?;
    (value.is_object() || value.is_null()).then_some(key.as_str())
}

/// The resource an action acts on: the last literal segment that is not a version or an action
/// word (`/v3/{p}/instances/{id}/action` → `instances`).
fn resource_segment(uri: &Uri) -> Option<&str> {
    uri.path
        .split('/')
        .filter(|s| !s.is_empty() && !s.starts_with('{') && version_of(&format!("/{s}")).is_none())
        .rfind(|s| !ACTION_SEGMENTS.contains(&s.to_ascii_lowercase().as_str()))
}

/// The id from method and path: `POST …/instances` → `create_instance`, `GET …/instances` →
/// `list_instances`, `GET …/instances/{id}` → `show_instance`, `PUT` → `update_…`, `DELETE` →
/// `delete_…`.
pub fn path_operation_id(uri: &Uri) -> String {
    let segments: Vec<&str> = uri.path.split('/').filter(|s| !s.is_empty()).collect();
    let last_is_param = segments.last().is_some_and(|s| s.starts_with('{'));
    let resource =
        segments.iter().rev().find(|s| !s.starts_with('{') && version_of(&format!("/{s}")).is_none()).copied().unwrap_or("resource");
    let resource = crate::idents::snake(resource);
    let singular = singular(&resource);
    match (uri.method.as_str(), last_is_param) {
        ("GET", false) => format!("list_{resource}"),
        ("GET", true) => format!("show_{singular}"),
        ("POST", _) => format!("create_{singular}"),
        ("PUT", _) | ("PATCH", _) => format!("update_{singular}"),
        ("DELETE", _) => format!("delete_{singular}"),
        (m, _) => format!("{}_{resource}", m.to_ascii_lowercase()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn uri(method: &str, path: &str) -> Uri {
        Uri { method: method.into(), path: path.into(), query: Vec::new(), line: 1 }
    }

    #[test]
    fn titles_that_name_nothing() {
        assert!(title_names_nothing(&operation_id("重启实例")));
        assert!(title_names_nothing(&operation_id("Example")));
        assert!(!title_names_nothing(&operation_id("Restarting an Instance")));
    }

    #[test]
    fn file_names_of_english_words() {
        assert_eq!(from_file_name("zh/restarting_an_instance.md").as_deref(), Some("restart_instance"));
        assert_eq!(from_file_name("a/b/resize-flavor.md").as_deref(), Some("resize_flavor"));
        assert_eq!(from_file_name("000_687d36abad6e412d.txt"), None);
        assert_eq!(from_file_name("zh-cn_topic_0000001.md"), None);
        assert_eq!(from_file_name("zh-cn_topic.md"), None);
        assert_eq!(from_file_name("restart.md"), None);
    }

    #[test]
    fn body_root_keys() {
        assert_eq!(root_key(&json!({"restart": {}})), Some("restart"));
        assert_eq!(root_key(&json!({"resize": {"flavor_ref": "x"}})), Some("resize"));
        assert_eq!(root_key(&json!({"name": "x"})), None, "a scalar under one key is a field, not an action");
        assert_eq!(root_key(&json!({"a": {}, "b": {}})), None);
        assert_eq!(root_key(&json!([{"a": {}}])), None);
    }

    #[test]
    fn derivation_order() {
        let action = uri("POST", "/v3/{project_id}/instances/{instance_id}/action");
        let page = "zh/api/000_1.md";
        assert_eq!(
            derive_operation_id(page, Some(&json!({"restart": {}})), &action),
            ("restart_instance".to_owned(), NameSource::BodyRootKey)
        );
        assert_eq!(derive_operation_id(page, Some(&json!({"resize": {"flavor_ref": "s"}})), &action).0, "resize_instance");
        assert_eq!(derive_operation_id(page, None, &action), ("create_action".to_owned(), NameSource::Path));
        let named = "zh/restarting_an_instance.md";
        assert_eq!(
            derive_operation_id(named, Some(&json!({"restart": {}})), &action),
            ("restart_instance".to_owned(), NameSource::FileName)
        );
        // A root key that already names the resource is not repeated.
        let backups = uri("POST", "/v3/{project_id}/backups");
        assert_eq!(derive_operation_id(page, Some(&json!({"backup": {"name": "b"}})), &backups).0, "backup");
    }

    #[test]
    fn path_ids() {
        assert_eq!(path_operation_id(&uri("GET", "/v3/{p}/instances")), "list_instances");
        assert_eq!(path_operation_id(&uri("GET", "/v3/{p}/instances/{id}")), "show_instance");
        assert_eq!(path_operation_id(&uri("DELETE", "/v3/{p}/instances/{id}")), "delete_instance");
        assert_eq!(path_operation_id(&uri("PATCH", "/v3/{p}/configurations/{id}")), "update_configuration");
    }
}

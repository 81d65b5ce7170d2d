//! Which pages describe the same operation, and what each operation is called.
//!
//! An operation is its service, version, method and path (path parameters compared by position,
//! not by name) and, for pages with tables, its name: pages that share these are one operation (a
//! seed page and its corpus page; a quick-start page joins the page it illustrates); pages that
//! differ in any of them are two operations, even when their titles give them the same name
//! (`transcribe::group_pages`). Names are told apart by `naming::settle`.
//!
//! Folders the reference keeps its older APIs in (`apis_unavailable_soon/`, `historical_apis/`,
//! `api_v1_to_be_discarded/`) make their operations deprecated ([`deprecated_by_folder`]).

/// Words of a folder name that say its pages are older APIs.
const OLDER_API_WORDS: &[&str] =
    &["unavailable", "discarded", "historical", "deprecated", "obsolete", "outdated", "legacy", "历史", "废弃", "下线"];

/// Why a page is deprecated, when one of the folders on its path holds older APIs
/// (`corpus/otc/taurusdb/apis_unavailable_soon/x.rst` → "…`apis_unavailable_soon/`…").
pub fn deprecated_by_folder(display: &str) -> Option<String> {
    let mut parts: Vec<&str> = display.split(['/', '\\']).collect();
    parts.pop(); // the file itself
    let folder = parts.into_iter().find(|p| {
        let lower = p.to_lowercase();
        OLDER_API_WORDS.iter().any(|w| lower.contains(w))
    })?;
    Some(format!("The reference keeps this page among its older APIs (`{folder}/`)."))
}

/// The identity of an operation: `service/version METHOD path`, path parameters written `{}`.
pub fn identity(service: &str, version: &str, method: &str, path: &str) -> String {
    let mut norm = String::new();
    let mut in_param = false;
    for c in path.trim_end_matches('/').chars() {
        match c {
            '{' => {
                in_param = true;
                norm.push_str("{}");
            }
            '}' => in_param = false,
            _ if in_param => {}
            _ => norm.push(c),
        }
    }
    format!("{service}/{version} {} {}", method.to_ascii_uppercase(), if norm.is_empty() { "/" } else { &norm })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn older_api_folders_are_deprecated() {
        assert!(deprecated_by_folder("corpus/otc/taurusdb/apis_unavailable_soon/x/creating.rst")
            .unwrap()
            .contains("`apis_unavailable_soon/`"));
        assert!(deprecated_by_folder("corpus/otc/rds/api_v1_to_be_discarded/a.rst").is_some());
        assert!(deprecated_by_folder("corpus/otc/gaussdb-opengauss/historical_apis/a/b.rst").is_some());
        assert_eq!(deprecated_by_folder("corpus/otc/rds/api_v3_recommended/a.rst"), None);
        // The file name alone says nothing about the folder.
        assert_eq!(deprecated_by_folder("corpus/otc/rds/querying_historical_logs.rst"), None);
    }

    #[test]
    fn identity_ignores_parameter_names_and_trailing_slash() {
        assert_eq!(
            identity("rds", "v3", "get", "/v3/{project_id}/instances/{id}/"),
            identity("rds", "v3", "GET", "/v3/{projectId}/instances/{instance_id}")
        );
        assert_ne!(identity("rds", "v3", "GET", "/v3/{p}/instances"), identity("rds", "v3", "POST", "/v3/{p}/instances"));
        assert_ne!(identity("t", "v3", "POST", "/mysql/v3/{p}/instances"), identity("t", "v3", "POST", "/v3/{p}/instances"));
    }
}

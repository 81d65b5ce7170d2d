//! Which pages describe the same operation, and what each operation is called.
//!
//! An operation is its service, version, method and path (path parameters compared by position,
//! not by name): pages that share these are one operation (a seed page and its corpus page, a
//! quick-start page and the page it illustrates); pages that differ in any of them are two
//! operations, even when their titles give them the same name. When names collide, the current
//! operation keeps the name and the others are told apart by a qualifier (see [`qualify`]).
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

/// One operation's claim on a name, for [`assign_names`].
#[derive(Clone, Debug)]
pub struct Claim {
    /// `service/version`
    pub module: String,
    /// The name its page gives (`create_instance`).
    pub id: String,
    pub path: String,
    pub method: String,
    pub deprecated: bool,
}

/// The name of each claim, in order: claims that want the same name in one module are told apart.
/// The current operation listed first keeps the name (deprecated ones yield to current ones); each
/// other gets [`qualify`]'s name.
pub fn assign_names(claims: &[Claim]) -> Vec<String> {
    let mut order: Vec<usize> = (0..claims.len()).collect();
    order.sort_by_key(|&i| claims[i].deprecated); // stable: page order within each kind
    let mut taken: std::collections::BTreeSet<(String, String)> = std::collections::BTreeSet::new();
    let mut holder: std::collections::BTreeMap<(String, String), usize> = std::collections::BTreeMap::new();
    let mut names = vec![String::new(); claims.len()];
    for i in order {
        let c = &claims[i];
        let key = (c.module.clone(), c.id.clone());
        let name = match holder.get(&key) {
            None => c.id.clone(),
            Some(&first) => qualify(c, &claims[first], |n| taken.contains(&(c.module.clone(), n.to_owned()))),
        };
        holder.entry(key).or_insert(i);
        taken.insert((c.module.clone(), name.clone()));
        names[i] = name;
    }
    names
}

/// A name for `c`, whose name `first` already holds: `<id>_legacy` when `c` is deprecated, else
/// `<id>_<segment>` with the first literal path segment `first`'s path lacks, else
/// `<id>_<method>`, else `<id>_2`, `<id>_3`, ….
pub fn qualify(c: &Claim, first: &Claim, taken: impl Fn(&str) -> bool) -> String {
    let mut candidates = Vec::new();
    if c.deprecated {
        candidates.push(format!("{}_legacy", c.id));
    }
    let literal = |p: &str| -> Vec<String> {
        p.split('/').filter(|s| !s.is_empty() && !s.starts_with('{')).map(crate::idents::snake).collect()
    };
    let theirs = literal(&first.path);
    if let Some(seg) = literal(&c.path).into_iter().find(|s| !s.is_empty() && !theirs.contains(s)) {
        candidates.push(format!("{}_{seg}", c.id));
    }
    candidates.push(format!("{}_{}", c.id, c.method.to_ascii_lowercase()));
    for name in candidates {
        if !taken(&name) {
            return name;
        }
    }
    (2..).map(|n| format!("{}_{n}", c.id)).find(|n| !taken(n)).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claim(id: &str, method: &str, path: &str, deprecated: bool) -> Claim {
        Claim { module: "taurusdb/v3".into(), id: id.into(), path: path.into(), method: method.into(), deprecated }
    }

    #[test]
    fn older_api_folders_are_deprecated() {
        assert!(deprecated_by_folder("corpus/otc/taurusdb/apis_unavailable_soon/x/creating.rst").unwrap().contains("`apis_unavailable_soon/`"));
        assert!(deprecated_by_folder("corpus/otc/rds/api_v1_to_be_discarded/a.rst").is_some());
        assert!(deprecated_by_folder("corpus/otc/gaussdb-opengauss/historical_apis/a/b.rst").is_some());
        assert_eq!(deprecated_by_folder("corpus/otc/rds/api_v3_recommended/a.rst"), None);
        // The file name alone says nothing about the folder.
        assert_eq!(deprecated_by_folder("corpus/otc/rds/querying_historical_logs.rst"), None);
    }

    #[test]
    fn identity_ignores_parameter_names_and_trailing_slash() {
        assert_eq!(identity("rds", "v3", "get", "/v3/{project_id}/instances/{id}/"), identity("rds", "v3", "GET", "/v3/{projectId}/instances/{instance_id}"));
        assert_ne!(identity("rds", "v3", "GET", "/v3/{p}/instances"), identity("rds", "v3", "POST", "/v3/{p}/instances"));
        assert_ne!(identity("t", "v3", "POST", "/mysql/v3/{p}/instances"), identity("t", "v3", "POST", "/v3/{p}/instances"));
    }

    #[test]
    fn current_operation_keeps_the_name_whatever_the_page_order() {
        let claims = [claim("create_instance", "POST", "/mysql/v3/{p}/instances", true), claim("create_instance", "POST", "/v3/{p}/instances", false)];
        assert_eq!(assign_names(&claims), ["create_instance_legacy", "create_instance"]);
    }

    #[test]
    fn two_current_operations_are_told_apart_by_path_then_method_then_number() {
        let claims = [
            claim("restart", "POST", "/v3/{p}/instances/{i}/action", false),
            claim("restart", "POST", "/v3/{p}/nodes/{i}/action", false),
            claim("restart", "PUT", "/v3/{p}/instances/{i}/action", false),
            claim("restart", "PUT", "/v3/{p}/instances/{i}/action/", false),
        ];
        assert_eq!(assign_names(&claims), ["restart", "restart_nodes", "restart_put", "restart_2"]);
    }

    #[test]
    fn different_modules_do_not_collide() {
        let mut b = claim("x", "GET", "/v3.1/a", false);
        b.module = "taurusdb/v3.1".into();
        assert_eq!(assign_names(&[claim("x", "GET", "/v3/a", false), b]), ["x", "x"]);
    }
}

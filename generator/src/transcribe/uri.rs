//! Method and path of an operation, in every form the pages use:
//! `POST https://{Endpoint}/v3/{project_id}/instances`, `{*Endpoint*}` (read as `{Endpoint}`),
//! `{{Endpoint}}`, `DDS的Endpoint`, the split `PATH: /rds/v1/…` + `Method: POST` form, query
//! templates (`?offset={offset}&limit={limit}`), and curl commands of call-example pages.

use std::sync::OnceLock;

use regex::Regex;

/// An operation's method and path as a page states them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Uri {
    pub method: String,
    /// The path without host and query (`/v3/{project_id}/instances`).
    pub path: String,
    /// Query parameter names of the template, in order.
    pub query: Vec<String>,
    pub line: usize,
}

/// A curl command of a call-example page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Curl {
    pub uri: Uri,
    /// Header names sent (`X-Auth-Token`).
    pub headers: Vec<String>,
    /// The `-d` body, as written.
    pub body: Option<String>,
}

fn re(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pattern).unwrap_or_else(|e| panic!("bad built-in regex {pattern}: {e}")))
}

/// Normalizes what readers leave of the text: full-width colon and quotes, Markdown escapes.
fn normalize(text: &str) -> String {
    crate::document::fold_width(text).replace(['“', '”'], "\"").replace("\\{", "{").replace("\\}", "}").replace("\\_", "_")
}

/// Splits `/a/{b}?x={x}&y={y}` into the path and the query names.
fn split_query(target: &str) -> (String, Vec<String>) {
    let target = target.trim_end_matches(['.', ',', '"', '\'', ')', '`', '。']);
    match target.split_once('?') {
        Some((path, query)) => {
            let names = query
                .split('&')
                .filter_map(|kv| kv.split('=').next())
                .map(|k| k.trim().to_owned())
                .filter(|k| !k.is_empty() && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-'))
                .collect();
            (path.to_owned(), names)
        }
        None => (target.to_owned(), Vec::new()),
    }
}

/// The first `METHOD https://host/path` (or `PATH:` + `Method:`) in `text`; `line` is the text's
/// first line.
pub fn find_in_text(text: &str, line: usize) -> Option<Uri> {
    static INLINE: OnceLock<Regex> = OnceLock::new();
    static PATH: OnceLock<Regex> = OnceLock::new();
    static METHOD: OnceLock<Regex> = OnceLock::new();
    let text = normalize(text);
    let inline = re(
        &INLINE,
        r"\b(GET|POST|PUT|DELETE|PATCH|HEAD)\s+(https?://[^/\s]*(?: [^/\s]*[Ee]ndpoint)?|\{+[^}\s]*\}+|[^/\s]*Endpoint[^/\s]*)?(/[^\s\x22'`<>”*]*)?",
    );
    // A host with no path (`GET https://{Endpoint}`) is the root.
    if let Some(m) = inline.captures_iter(&text).find(|m| m.get(2).is_some() || m.get(3).is_some()) {
        let (path, query) = split_query(m.get(3).map(|p| p.as_str()).unwrap_or("/"));
        let offset = text[..m.get(0).map(|g| g.start()).unwrap_or(0)].matches('\n').count();
        return Some(Uri { method: m[1].to_owned(), path, query, line: line + offset });
    }
    let path = re(&PATH, r"(?i)\bPATH\s*:\s*(/[^\s\x22'`<>]*)");
    let method = re(&METHOD, r"(?i)(?:\bMethod|方法)\s*:\s*(GET|POST|PUT|DELETE|PATCH|HEAD)\b");
    if let (Some(p), Some(m)) = (path.captures(&text), method.captures(&text)) {
        let (path, query) = split_query(&p[1]);
        let offset = text[..p.get(0).map(|g| g.start()).unwrap_or(0)].matches('\n').count();
        return Some(Uri { method: m[1].to_ascii_uppercase(), path, query, line: line + offset });
    }
    None
}

/// Every curl command in a code block's text.
pub fn find_curls(text: &str, line: usize) -> Vec<Curl> {
    static URL: OnceLock<Regex> = OnceLock::new();
    static METHOD: OnceLock<Regex> = OnceLock::new();
    static HEADER: OnceLock<Regex> = OnceLock::new();
    let url = re(&URL, r"(?:\$\{?[A-Za-z_]+\}?|https?://[^/\s]+)(/[^\s\x22']*)");
    let method = re(&METHOD, r"-X\s*(GET|POST|PUT|DELETE|PATCH|HEAD)\b");
    let header = re(&HEADER, r#""([A-Za-z][A-Za-z0-9-]*)\s*:"#);
    let text = normalize(text);
    let mut out = Vec::new();
    for (start, _) in text.match_indices("curl ") {
        let end = text[start + 5..].find("curl ").map(|e| start + 5 + e).unwrap_or(text.len());
        let cmd = &text[start..end];
        let Some(u) = url.captures(cmd) else { continue };
        let m = method.captures(cmd).map(|m| m[1].to_owned());
        let body = body_of(cmd);
        let (path, query) = split_query(&u[1]);
        let method = m.unwrap_or_else(|| if body.is_some() { "POST".to_owned() } else { "GET".to_owned() });
        let headers = header.captures_iter(cmd).map(|h| h[1].to_owned()).filter(|h| !h.eq_ignore_ascii_case("http")).collect();
        let offset = text[..start].matches('\n').count();
        out.push(Curl { uri: Uri { method, path, query, line: line + offset }, headers, body });
    }
    out
}

/// The `-d '…'` (or `--data`) body of a curl command.
fn body_of(cmd: &str) -> Option<String> {
    let at = cmd.find(" -d ").or_else(|| cmd.find(" --data "))?;
    let rest = cmd[at..].trim_start_matches([' ', '-', 'd', 'a', 't']);
    let rest = rest.trim_start();
    let quote = rest.chars().next()?;
    if quote == '\'' || quote == '"' {
        let inner = &rest[1..];
        let end = inner.rfind(quote)?;
        Some(inner[..end].to_owned())
    } else {
        Some(rest.split_whitespace().next()?.to_owned())
    }
}

/// Path parameters of a path, in order (`{project_id}` → `project_id`).
pub fn path_params(path: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = path;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else { break };
        let name = rest[open + 1..open + close].trim_matches('*').to_owned();
        if !name.is_empty() && !out.contains(&name) {
            out.push(name);
        }
        rest = &rest[open + close + 1..];
    }
    out
}

/// The API version of a path: its first segment like `v3`, `v3.1`, `v1.0` (`None`: unversioned).
pub fn version_of(path: &str) -> Option<String> {
    path.split('/')
        .find(|s| {
            s.len() >= 2
                && s.starts_with('v')
                && s[1..].chars().next().is_some_and(|c| c.is_ascii_digit())
                && s[1..].chars().all(|c| c.is_ascii_digit() || c == '.')
        })
        .map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_forms() {
        let u = find_in_text("POST https://{Endpoint}/v3/{project_id}/instances", 7).unwrap();
        assert_eq!((u.method.as_str(), u.path.as_str(), u.line), ("POST", "/v3/{project_id}/instances", 7));
        let u = find_in_text("GET https://{{Endpoint}}/v3/{project_id}/instances?offset={offset}&limit={limit}", 1).unwrap();
        assert_eq!(u.path, "/v3/{project_id}/instances");
        assert_eq!(u.query, ["offset", "limit"]);
        let u = find_in_text("发送“POST https://DDS的Endpoint/v3/\\{project\\_id\\}/instances”。", 1).unwrap();
        assert_eq!(u.path, "/v3/{project_id}/instances");
        let u = find_in_text("PATH: /rds/v1/{project_id}/instances\n\nMethod: POST", 3).unwrap();
        assert_eq!((u.method.as_str(), u.path.as_str(), u.line), ("POST", "/rds/v1/{project_id}/instances", 3));
        assert!(find_in_text("This API is used to create an instance.", 1).is_none());
        assert_eq!(find_in_text("GET https://{Endpoint}", 1).map(|u| u.path).as_deref(), Some("/"));
        assert_eq!(
            find_in_text("Send **POST https://DDS endpoint/v3/{project_id}/instances**.", 1).map(|u| u.path).as_deref(),
            Some("/v3/{project_id}/instances")
        );
    }

    #[test]
    fn curl_commands() {
        let c = find_curls(
            "curl -X POST $SERVER_URL/v1/{project_id}/instances -H \"Content-Type: application/json\" \"X-Auth-Token: $X\" -d '{\"a\": 1}'",
            4,
        );
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].uri.method, "POST");
        assert_eq!(c[0].uri.path, "/v1/{project_id}/instances");
        assert_eq!(c[0].headers, ["Content-Type", "X-Auth-Token"]);
        assert_eq!(c[0].body.as_deref(), Some("{\"a\": 1}"));
        let c = find_curls("curl -H \"X-Auth-Token: $X\"$SERVER_URL/v1/{project_id}/instances", 1);
        assert_eq!((c[0].uri.method.as_str(), c[0].uri.path.as_str()), ("GET", "/v1/{project_id}/instances"));
    }

    #[test]
    fn versions_and_params() {
        assert_eq!(version_of("/v3/{project_id}/instances").as_deref(), Some("v3"));
        assert_eq!(version_of("/rds/v1/{project_id}/instances").as_deref(), Some("v1"));
        assert_eq!(version_of("/v3.1/{project_id}/x").as_deref(), Some("v3.1"));
        assert_eq!(version_of("/instances"), None);
        assert_eq!(path_params("/v3/{project_id}/instances/{instance_id}"), ["project_id", "instance_id"]);
    }
}

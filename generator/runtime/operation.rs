//! What every generated operation is: method, path template, success status, body types.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// An HTTP method, as the reference pages name it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Method {
    /// `GET`
    Get,
    /// `POST`
    Post,
    /// `PUT`
    Put,
    /// `DELETE`
    Delete,
    /// `PATCH`
    Patch,
    /// `HEAD`
    Head,
}

impl Method {
    /// The method as sent on the wire (`"POST"`).
    pub fn as_str(&self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
            Method::Patch => "PATCH",
            Method::Head => "HEAD",
        }
    }

    /// Whether repeating the request has no further effect (RFC 9110, 9.2.2): safe to retry.
    pub fn is_idempotent(&self) -> bool {
        !matches!(self, Method::Post | Method::Patch)
    }
}

impl std::fmt::Display for Method {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A request header the reference page documents for an operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Header {
    /// The header name, as the page spells it (`X-Auth-Token`).
    pub name: &'static str,
    /// Whether the page marks it mandatory.
    pub required: bool,
    /// Whether its value is a secret (never logged nor shown).
    pub sensitive: bool,
}

/// One API operation of the cloud: implemented by a unit struct per operation module
/// (`rds::v3::create_instance::CreateInstance`).
pub trait Operation {
    /// The service the operation belongs to (`"rds"`).
    const SERVICE: &'static str;
    /// The API version module (`"v3"`).
    const VERSION: &'static str;
    /// The operation id, the module name (`"create_instance"`).
    const ID: &'static str;
    /// The page's title (`"Creating a DB Instance"`).
    const TITLE: &'static str;
    /// The HTTP method.
    const METHOD: Method;
    /// The path template, with `{name}` placeholders (`"/v3/{project_id}/instances"`).
    const PATH: &'static str;
    /// The documented success status.
    const SUCCESS_STATUS: u16;
    /// The request headers the page documents.
    const HEADERS: &'static [Header];
    /// Whether the operation sends a JSON body ([`Operation::Request`] is `()` when not).
    const HAS_REQUEST_BODY: bool;
    /// Whether the operation documents a JSON response body ([`Operation::Response`] is `()` when not).
    const HAS_RESPONSE_BODY: bool;

    /// The path parameters other than `project_id` (which a client supplies once).
    type PathParams: PathParameters;
    /// The query parameters.
    type Query: QueryParameters;
    /// The whole JSON request body, envelope included; `()` when there is none.
    type Request: serde::Serialize + crate::validate::Validate;
    /// The whole JSON response body, envelope included; `()` when none is documented.
    type Response: serde::de::DeserializeOwned;

    /// The request path: [`Operation::PATH`] with every placeholder filled and percent-encoded.
    fn path(project_id: &str, params: &Self::PathParams) -> String {
        fill_path(Self::PATH, |name| if name == "project_id" { Some(project_id) } else { params.get(name) })
    }
}

/// A list operation that pages (marked `paging` in its spec): the client's `paginate` fetches
/// its pages one after the other and yields the items.
pub trait Paginated: Operation {
    /// One item of the list.
    type Item;
    /// How the operation pages, as its page documents.
    const PAGING: Paging;

    /// The items and the total a response holds.
    fn into_page(response: Self::Response) -> Page<Self::Item>;
}

/// How a list operation pages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Paging {
    /// What the position parameter counts.
    pub style: PageStyle,
    /// The query parameter of the position (`offset`).
    pub offset: &'static str,
    /// The query parameter of the page size (`limit`).
    pub limit: &'static str,
    /// The largest page size the page documents, when it gives one.
    pub max_limit: Option<u32>,
    /// The response field holding the list (`instances`).
    pub items: &'static str,
    /// The response field holding the total number of items (`total_count`), when there is one.
    pub total: Option<&'static str>,
}

/// What the position parameter of a list operation counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum PageStyle {
    /// Items skipped: `offset=N` starts at item N+1.
    Offset,
    /// Pages, numbered from 1.
    Page,
}

/// The items of one page of a list, and the total the server reported.
#[derive(Clone, Debug, PartialEq)]
pub struct Page<T> {
    /// The items of this page.
    pub items: Vec<T>,
    /// The total number of items the server reported, when it did.
    pub total: Option<i64>,
}

/// Path parameters of an operation, looked up by their name in the path template.
pub trait PathParameters {
    /// The value of the parameter `name`, if this type has it.
    fn get(&self, name: &str) -> Option<&str>;
}

/// The path parameters of an operation whose only parameter is `project_id` (or none).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct NoPathParams;

impl PathParameters for NoPathParams {
    fn get(&self, _name: &str) -> Option<&str> {
        None
    }
}

/// Query parameters of an operation.
pub trait QueryParameters {
    /// The parameters that are set, as `(name, value)` pairs in documented order (not encoded).
    fn pairs(&self) -> Vec<(&'static str, String)>;
}

/// The query of an operation that documents no query parameters.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct NoQuery;

impl QueryParameters for NoQuery {
    fn pairs(&self) -> Vec<(&'static str, String)> {
        Vec::new()
    }
}

/// Characters left as they are in a path segment: RFC 3986 unreserved characters.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// Percent-encodes one path segment: everything but RFC 3986 unreserved characters.
pub fn encode_segment(value: &str) -> String {
    utf8_percent_encode(value, SEGMENT).to_string()
}

/// Fills a path template: each `{name}` is replaced by `lookup(name)`, percent-encoded.
///
/// A placeholder `lookup` does not know stays as it is (generated operations always know all of
/// theirs: the generator checks that every placeholder is a path parameter).
pub fn fill_path<'a>(template: &str, lookup: impl Fn(&str) -> Option<&'a str>) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        let name = &rest[open + 1..open + close];
        out.push_str(&rest[..open]);
        match lookup(name) {
            Some(value) => out.push_str(&encode_segment(value)),
            None => out.push_str(&rest[open..=open + close]),
        }
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_and_encodes() {
        let path = fill_path("/v3/{project_id}/instances/{id}", |n| match n {
            "project_id" => Some("p1"),
            "id" => Some("a b/c"),
            _ => None,
        });
        assert_eq!(path, "/v3/p1/instances/a%20b%2Fc");
    }

    #[test]
    fn unknown_placeholder_stays() {
        assert_eq!(fill_path("/x/{y}", |_| None), "/x/{y}");
    }
}

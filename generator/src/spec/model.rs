//! The serde model of a spec file (see `spec/README.md`): exactly what the YAML says, unresolved.

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

/// One spec file: one API operation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Spec {
    /// What the operation is.
    pub operation: Operation,
    /// Where it was transcribed from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
    /// Decisions a reviewer must know: page contradictions and what was modelled instead.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Note>,
    /// The body types, in page order.
    #[serde(default)]
    pub types: IndexMap<String, TypeDef>,
    /// The page's JSON examples.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<Example>,
}

/// The `operation` key.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Operation {
    pub id: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc: Option<String>,
    pub method: String,
    pub path: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub path_params: Vec<Param>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub query_params: Vec<Param>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub headers: Vec<HeaderParam>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response: Option<String>,
    /// Why the operation is deprecated (the reference keeps it among older APIs); absent when it
    /// is current. Generated docs say so; nothing is dropped.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deprecated: Option<String>,
    /// (added) The operation lists page by page: how the client pages through it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paging: Option<Paging>,
    /// (added) The operation is its service's job query: how the client waits for a job.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub job_query: Option<JobQuery>,
    /// (added) The operation lists instances with their status: how the client waits for one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instance_query: Option<InstanceQuery>,
}

/// How a list operation pages (`operation.paging`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Paging {
    /// `offset`: the query parameter counts items (N starts at item N+1); `page`: it numbers
    /// pages from 1.
    pub style: PageStyle,
    /// The query parameter of the position (`offset`).
    pub offset: String,
    /// The query parameter of the page size (`limit`).
    pub limit: String,
    /// The largest page size the page documents.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_limit: Option<u32>,
    /// The response field (wire name) holding the list.
    pub items: String,
    /// The response field (wire name) holding the total number of items.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<String>,
}

/// What the position parameter of a list operation counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PageStyle {
    /// Items skipped (0 is the first item).
    Offset,
    /// Pages, from 1.
    Page,
}

/// The job query of a service (`operation.job_query`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JobQuery {
    /// The query parameter taking the job id.
    pub id: String,
    /// The response field (wire name) holding the job (an object, or a list of jobs).
    pub job: String,
}

/// An instance query with the instances' status (`operation.instance_query`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InstanceQuery {
    /// The query parameter taking the instance id.
    pub id: String,
    /// The response field (wire name) holding the list of instances.
    pub items: String,
    /// The field of an instance holding its status.
    pub status: String,
    /// The status values the page documents (empty: the page lists none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<String>,
}

/// What `spec/<service>/marks.yaml` says of a whole service rather than of one operation
/// (added by the transcriber from the service's appendix pages, corrected by
/// `marks.fix.yaml`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceMarks {
    /// The error codes meaning the instance is busy (another operation is under way): a request
    /// refused with one may succeed later (the client's `send_when_free` sends it again).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub busy_codes: Vec<BusyCode>,
}

/// One "instance busy" error code of a service (`busy_codes` of `spec/<service>/marks.yaml`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BusyCode {
    /// The error code (`DBS.200011`).
    pub code: String,
    /// The HTTP status the appendix gives it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    /// What the appendix says of it (or, for a code a hand fix adds, why it is one).
    pub message: String,
    /// The page it is from (`corpus/otc/rds/appendix/error_codes.rst`), or the hand fix.
    pub page: String,
}

/// A path or query parameter.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Param {
    pub name: String,
    #[serde(rename = "type", default = "string_type")]
    pub ty: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub required: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<String>,
    /// What the page states about the parameter's values (as for fields; checked by `validate()`).
    #[serde(default, skip_serializing_if = "Constraints::is_empty")]
    pub constraints: Constraints,
}

impl Param {
    /// A string parameter `name`, with nothing else said (the spec's default type).
    pub fn new(name: impl Into<String>) -> Self {
        Param { name: name.into(), ty: string_type(), required: None, doc: None, default: None, constraints: Constraints::default() }
    }
}

fn string_type() -> String {
    "string".to_owned()
}

/// A request header.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HeaderParam {
    pub name: String,
    #[serde(default)]
    pub required: bool,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub sensitive: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc: Option<String>,
}

/// The `source` key.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub doc: String,
    /// The page's identity (`:original_name:` / rst label / Markdown anchor / path): names made
    /// from the page are kept while it stays the same (`docs/naming.md`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sha256: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub also: Vec<Source>,
}

/// A reviewer's note.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Note {
    pub about: String,
    pub why: String,
}

/// A named type: a struct (`fields`), an enum (`enum`) or alternatives (`one_of`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TypeDef {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub table: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fields: Option<Vec<Field>>,
    #[serde(rename = "enum", default, skip_serializing_if = "Option::is_none")]
    pub values: Option<Vec<EnumValue>>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub case_insensitive: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub one_of: Option<Vec<String>>,
}

/// A field of a struct.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Field {
    pub json: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(rename = "type")]
    pub ty: String,
    #[serde(default)]
    pub required: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub sensitive: bool,
    #[serde(default, skip_serializing_if = "Constraints::is_empty")]
    pub constraints: Constraints,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub accepts: Vec<String>,
}

impl Field {
    /// A field `json` of type `ty`, optional, with nothing else said.
    pub fn new(json: impl Into<String>, ty: impl Into<String>) -> Self {
        Field {
            json: json.into(),
            name: None,
            ty: ty.into(),
            required: false,
            doc: None,
            default: None,
            sensitive: false,
            constraints: Constraints::default(),
            accepts: Vec::new(),
        }
    }
}

/// What the page states about a field's values.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Constraints {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_length: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_length: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pattern: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minimum: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub maximum: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub multiple_of: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_items: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_items: Option<u64>,
}

impl Constraints {
    /// Whether no constraint is stated.
    pub fn is_empty(&self) -> bool {
        *self == Constraints::default()
    }
}

/// A value of a closed set.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnumValue {
    pub value: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc: Option<String>,
}

/// A JSON example of the page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Example {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    pub kind: ExampleKind,
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub ty: Option<String>,
    pub json: String,
}

/// Whether an example is a request or a response body.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ExampleKind {
    Request,
    Response,
}

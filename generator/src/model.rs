//! The checked model: every reference resolved, every Rust name chosen. The emitter reads only this.

use crate::spec::{Constraints, Note};

/// Every operation of a spec tree, sorted by (service, version, id).
#[derive(Clone, Debug, Default)]
pub struct Model {
    pub operations: Vec<OperationModel>,
    /// The marks of whole services (`spec/<service>/marks.yaml`), by service: only services
    /// with operations.
    pub service_marks: std::collections::BTreeMap<String, crate::spec::ServiceMarks>,
}

/// One operation, ready to emit.
#[derive(Clone, Debug)]
pub struct OperationModel {
    /// The spec file as shown to users (`spec/rds/v3/create_instance.yaml`).
    pub spec_file: String,
    /// `rds`
    pub service: String,
    /// `v3.1` (as in the spec tree)
    pub version: String,
    /// `v3_1` (the module name)
    pub version_module: String,
    /// `create_instance`
    pub id: String,
    /// `CreateInstance`
    pub type_name: String,
    pub title: String,
    pub doc: Option<String>,
    /// `POST`
    pub method: String,
    pub path: String,
    pub status: u16,
    pub path_params: Vec<ParamModel>,
    pub query_params: Vec<ParamModel>,
    pub headers: Vec<HeaderModel>,
    pub request: Option<String>,
    pub response: Option<String>,
    /// Why the operation is deprecated, when the reference keeps it among older APIs.
    pub deprecated: Option<String>,
    pub types: Vec<TypeModel>,
    pub examples: Vec<ExampleModel>,
    pub notes: Vec<Note>,
    pub source: Option<String>,
    /// How the operation pages (checked: its parameters and fields exist).
    pub paging: Option<crate::spec::Paging>,
    /// The operation is its service's job query.
    pub job_query: Option<crate::spec::JobQuery>,
    /// The operation lists instances with their status.
    pub instance_query: Option<crate::spec::InstanceQuery>,
}

/// A path or query parameter.
#[derive(Clone, Debug)]
pub struct ParamModel {
    pub wire: String,
    pub rust: String,
    pub ty: Ty,
    pub required: bool,
    pub doc: Option<String>,
    pub default: Option<String>,
    /// Checked by the parameter type's `Validate`.
    pub constraints: Constraints,
}

/// A documented request header.
#[derive(Clone, Debug)]
pub struct HeaderModel {
    pub name: String,
    pub required: bool,
    pub sensitive: bool,
    pub doc: Option<String>,
}

/// A named type of an operation.
#[derive(Clone, Debug)]
pub struct TypeModel {
    pub name: String,
    /// The module (file) name: snake_case of `name`.
    pub module: String,
    pub doc: Option<String>,
    pub table: Option<String>,
    pub kind: Kind,
    /// Reachable from the request body: gets validation.
    pub in_request: bool,
    /// Reachable from the response body.
    pub in_response: bool,
}

/// What a named type is.
#[derive(Clone, Debug)]
pub enum Kind {
    Struct(Vec<FieldModel>),
    Enum { values: Vec<VariantModel>, case_insensitive: bool },
    OneOf(Vec<String>),
}

/// A field of a struct.
#[derive(Clone, Debug)]
pub struct FieldModel {
    pub wire: String,
    /// The Rust name, possibly a keyword (emitted as a raw identifier).
    pub rust: String,
    pub ty: Ty,
    pub required: bool,
    pub doc: Option<String>,
    pub default: Option<String>,
    pub sensitive: bool,
    pub constraints: Constraints,
    pub accepts: Vec<JsonType>,
}

/// A value of a closed set.
#[derive(Clone, Debug)]
pub struct VariantModel {
    pub value: String,
    pub rust: String,
    pub doc: Option<String>,
}

/// A resolved field type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Ty {
    String,
    Integer,
    Long,
    Number,
    Boolean,
    Any,
    Named(String, NamedKind),
    Array(Box<Ty>),
    Map(Box<Ty>),
}

/// What a named type reference points at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NamedKind {
    Struct,
    Enum,
    OneOf,
}

/// The JSON type of a value (the words of `accepts`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JsonType {
    String,
    Integer,
    Number,
    Boolean,
    Object,
    Array,
}

impl JsonType {
    /// Parses a JSON type name of `accepts`.
    pub fn parse(s: &str) -> Option<JsonType> {
        Some(match s {
            "string" => JsonType::String,
            "integer" | "long" => JsonType::Integer,
            "number" => JsonType::Number,
            "boolean" => JsonType::Boolean,
            "object" => JsonType::Object,
            "array" => JsonType::Array,
            _ => return None,
        })
    }

    /// The name, as written in specs.
    pub fn name(self) -> &'static str {
        match self {
            JsonType::String => "string",
            JsonType::Integer => "integer",
            JsonType::Number => "number",
            JsonType::Boolean => "boolean",
            JsonType::Object => "object",
            JsonType::Array => "array",
        }
    }
}

/// A JSON example, parsed.
#[derive(Clone, Debug)]
pub struct ExampleModel {
    pub title: Option<String>,
    pub request: bool,
    /// The type it is an instance of.
    pub ty: String,
    pub value: serde_json::Value,
}

impl Ty {
    /// Whether values of this type may need validation (nested named types).
    pub fn has_named(&self) -> bool {
        match self {
            Ty::Named(..) => true,
            Ty::Array(t) | Ty::Map(t) => t.has_named(),
            _ => false,
        }
    }

    /// Pushes every type name this type refers to (`array<map<Volume>>` → `Volume`) onto `out`.
    pub fn collect_named(&self, out: &mut Vec<String>) {
        match self {
            Ty::Named(n, _) => out.push(n.clone()),
            Ty::Array(t) | Ty::Map(t) => t.collect_named(out),
            _ => {}
        }
    }

    /// The spec spelling (`array<Volume>`).
    pub fn spec_name(&self) -> String {
        self.expr().to_string()
    }

    /// The spec type this was resolved from.
    pub fn expr(&self) -> crate::spec::TypeExpr {
        use crate::spec::TypeExpr;
        match self {
            Ty::String => TypeExpr::String,
            Ty::Integer => TypeExpr::Integer,
            Ty::Long => TypeExpr::Long,
            Ty::Number => TypeExpr::Number,
            Ty::Boolean => TypeExpr::Boolean,
            Ty::Any => TypeExpr::Any,
            Ty::Named(n, _) => TypeExpr::Named(n.clone()),
            Ty::Array(t) => TypeExpr::array(t.expr()),
            Ty::Map(t) => TypeExpr::map(t.expr()),
        }
    }
}

/// The names the generated code imports from the runtime into an operation's module or a type's
/// file (`emit`): a spec type may not be called like one of them.
pub const RUNTIME_NAMES: &[&str] = &[
    "Header",
    "Method",
    "Operation",
    "PathParameters",
    "NoPathParams",
    "NoQuery",
    "QueryParameters",
    "Problems",
    "Validate",
    "BuildError",
    "Sensitive",
    "UnknownValue",
    "Shape",
];

/// The Rust names derived from a spec name, each derived here only (the emitter and `resolve` both
/// use these).
pub mod names {
    /// The builder of request struct `ty`.
    pub fn builder(ty: &str) -> String {
        format!("{ty}Builder")
    }
    /// The private struct that holds the fields of response struct `ty` while it is read.
    pub fn slots(ty: &str) -> String {
        format!("{ty}Slots")
    }
    /// The path parameters of the operation whose type is `op_type`.
    pub fn path_params(op_type: &str) -> String {
        format!("{op_type}PathParams")
    }
    /// The query parameters of the operation whose type is `op_type`.
    pub fn query(op_type: &str) -> String {
        format!("{op_type}Query")
    }
}

impl OperationModel {
    /// The named type `name`.
    pub fn get(&self, name: &str) -> Option<&TypeModel> {
        self.types.iter().find(|t| t.name == name)
    }

    /// The module path inside the crate (`rds::v3::create_instance`).
    pub fn module_path(&self) -> String {
        format!("{}::{}::{}", self.service, self.version_module, self.id)
    }
}

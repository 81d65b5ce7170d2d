//! YAML ↔ [`Spec`]: the serde model of the spec format, loading with file:line errors.

pub mod load;
pub mod locate;
pub mod model;
pub mod type_expr;
pub mod yaml;

pub use load::{load_dir, load_file, SpecFile};
pub use type_expr::TypeExpr;

/// The manifest of the pages `spec/` is transcribed from (read by `transcribe::sources`); it sits
/// in the spec folder and is not a spec.
pub const SOURCES_FILE: &str = "sources.yaml";

/// The marks of a whole service, `spec/<service>/marks.yaml` ([`ServiceMarks`]): not an operation.
pub const SERVICE_MARKS_FILE: &str = "marks.yaml";
pub use model::*;

//! YAML ↔ [`Spec`]: the serde model of the spec format, loading with file:line errors.

pub mod load;
pub mod locate;
pub mod model;
pub mod yaml;

pub use load::{load_dir, load_file, SpecFile};
pub use model::*;

//! Reference pages → specs: `Document` (from `crate::read`) → `Spec`.

pub mod json;
pub mod uri;
pub mod naming;
pub mod prose;
pub mod types;

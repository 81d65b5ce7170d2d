//! `sdkgen`: the library behind `otc-sdkgen`. The pipeline, one module a stage:
//!
//! ```text
//! spec/*.yaml ──spec::load──▶ Spec ──resolve──▶ Model ──emit──▶ files ──write──▶ generated/
//!                                                  └──openapi──▶ files ──write──▶ openapi/
//! ```
//!
//! The CLI (`src/main.rs` of the top-level package) only parses arguments and prints.

pub mod breaking;
pub mod cache;
pub mod diag;
pub mod digest;
pub mod document;
pub mod emit;
pub mod idents;
pub mod measure;
pub mod model;
pub mod openapi;
pub mod parallel;
pub mod read;
pub mod resolve;
pub mod spec;
pub mod transcribe;
pub mod write;

use std::path::Path;

pub use diag::{Diagnostic, Diagnostics};
pub use model::Model;

/// The result of generating: the model and every file of the crate.
#[derive(Debug)]
pub struct Generated {
    pub model: Model,
    pub files: emit::Files,
}

/// Loads and resolves every spec under `spec_dir` (shown as `display_root` in messages).
/// Every error of every file is reported, not only the first.
pub fn load_model(spec_dir: &Path, display_root: &str) -> Result<Model, Diagnostics> {
    let (files, mut errors) = spec::load_dir(spec_dir, display_root);
    let (marks, mut mark_errors) = spec::load::load_service_marks(spec_dir, display_root);
    errors.append(&mut mark_errors);
    let (mut model, mut resolve_errors) = resolve::resolve_all(&files);
    errors.append(&mut resolve_errors);
    errors.extend(resolve::resolve_service_marks(&mut model, marks, display_root));
    if errors.is_empty() {
        Ok(model)
    } else {
        errors.sort();
        Err(Diagnostics(errors))
    }
}

/// The OpenAPI documents of a resolved model (`openapi/<service>.yaml`), in memory.
pub fn openapi(model: &Model, display_root: &str) -> Result<emit::Files, Diagnostics> {
    openapi_with(model, display_root, None)
}

/// [`openapi()`], taking each service's document from `cache` where it holds it (see [`cache`]).
pub fn openapi_with(model: &Model, display_root: &str, cache: Option<&cache::Cache>) -> Result<emit::Files, Diagnostics> {
    openapi::emit_with(model, parallel::threads(), cache).map_err(|e| Diagnostics(vec![Diagnostic::new(display_root, None, e)]))
}

/// Loads, resolves and emits: the whole crate in memory. Nothing is written.
pub fn generate(spec_dir: &Path, display_root: &str) -> Result<Generated, Diagnostics> {
    generate_with(spec_dir, display_root, None)
}

/// [`generate`], taking each operation's files from `cache` where it holds them for exactly
/// that operation and this generator (the files are the same either way; see [`cache`]).
pub fn generate_with(spec_dir: &Path, display_root: &str, cache: Option<&cache::Cache>) -> Result<Generated, Diagnostics> {
    let model = load_model(spec_dir, display_root)?;
    let files =
        emit::emit_with(&model, parallel::threads(), cache).map_err(|e| Diagnostics(vec![Diagnostic::new(display_root, None, e)]))?;
    Ok(Generated { model, files })
}

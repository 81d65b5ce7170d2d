//! The hand-written core of the SDK: the [`Operation`](operation::Operation) trait, builder errors,
//! validation, forward-compatible enums, secrets, lenient reading of responses and the
//! undocumented fields they keep.
//!
//! One crate that every generated service crate uses, so that a `BuildError` or an `Operation` is
//! the same type in every service. Use it through `otc-db-sdk`, which re-exports it as
//! `otc_db_sdk::runtime`. Items marked hidden are for generated code only.
//!
//! The crate is hand-written (`generator/runtime/` of the otc-sdkgen repository) and tested there
//! (`cargo test -p otc-db-sdk-runtime`); the generated crates depend on it by path. The generator
//! uses it too: the builder tests it writes for the spec's examples expect exactly the problems
//! [`validate::Problems`] reports.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod accepts;
pub mod enums;
pub mod error;
pub mod lenient;
pub mod one_of;
pub mod operation;
pub mod other;
pub mod sensitive;
pub mod validate;
pub mod wire;

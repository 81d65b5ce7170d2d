// Copied by otc-sdkgen from generator/runtime/lib.rs. Do not edit here: edit that file and run `cargo run`.

//! The hand-written core of the SDK: the [`Operation`](operation::Operation) trait, builder errors,
//! validation, forward-compatible enums, secrets, lenient reading of responses and the
//! undocumented fields they keep.
//!
//! One crate that every generated service crate uses, so that a `BuildError` or an `Operation` is
//! the same type in every service. Use it through `otc-db-sdk`, which re-exports it as
//! `otc_db_sdk::runtime`. Items marked hidden are for generated code only.
//!
//! This crate is copied verbatim by the generator from `generator/runtime/`; edit it there.

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

// Copied by otc-sdkgen from generator/runtime/mod.rs. Do not edit here: edit that file and run `cargo run`.

//! The hand-written core of the SDK: the [`Operation`](operation::Operation) trait, builder errors,
//! validation, forward-compatible enums, secrets and lenient deserialization.
//!
//! This module is copied verbatim by the generator from `generator/runtime/`; edit it there.

pub mod accepts;
pub mod enums;
pub mod error;
pub mod one_of;
pub mod operation;
pub mod sensitive;
pub mod validate;
pub mod wire;

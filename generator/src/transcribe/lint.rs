//! The doc lint: contradictions of a page, each a warning [`Diagnostic`](crate::Diagnostic) with
//! the page, the line and its [`LintKind`].

pub use crate::diag::LintKind;

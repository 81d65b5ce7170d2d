//! The one module that knows YAML (its submodules `read` and `write` are our fast path for the
//! layout `transcribe` writes) and the YAML library. serde_yaml is deprecated upstream: swapping it for
//! a maintained fork (serde_yml, serde_norway) is a change of this file alone (and of the tests
//! of `write`, which writes serde_yaml's text faster and compares itself with it).

mod read;
mod write;

use super::model::Spec;
use crate::Diagnostic;

/// Parses a spec file's text. An error names its line and column when the parser knows them, and
/// no file: the caller names it ([`Diagnostic::in_file`]).
pub fn parse_spec(text: &str) -> Result<Spec, Diagnostic> {
    // The layout `transcribe` writes is read without serde_yaml (the same value, checked).
    match read::read(text) {
        Some(spec) => Ok(spec),
        None => parse_any(text),
    }
}

/// Parses any YAML document into `T` (errors as [`parse_spec`]'s).
pub fn parse_any<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, Diagnostic> {
    serde_yaml::from_str(text).map_err(|e: serde_yaml::Error| {
        let location = e.location();
        Diagnostic {
            column: location.as_ref().map(|l| l.column()),
            ..Diagnostic::new("", location.as_ref().map(|l| l.line()), strip_location(&e.to_string()))
        }
    })
}

/// Renders a spec (or another part of `spec/`) as YAML text: serde_yaml's text, written by
/// [`write`] when it can (every spec of `spec/` today), else by serde_yaml.
pub fn to_yaml<T: serde::Serialize>(value: &T) -> Result<String, String> {
    match write::to_string(value) {
        Ok(text) => Ok(text),
        Err(_) => serde_yaml::to_string(value).map_err(|e| e.to_string()),
    }
}

/// serde_yaml appends " at line L column C" to its messages; the diagnostic shows the place itself.
fn strip_location(message: &str) -> String {
    match message.find(" at line ") {
        Some(i) => message[..i].to_owned(),
        None => message.to_owned(),
    }
}

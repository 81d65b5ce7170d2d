//! The one module that knows the YAML library. serde_yaml is deprecated upstream: swapping it for
//! a maintained fork (serde_yml, serde_norway) is a change of this file alone.

use super::model::Spec;

/// A YAML error with its place (1-based line and column) when the parser knows it.
#[derive(Debug)]
pub struct YamlError {
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
}

/// Parses a spec file's text.
pub fn parse_spec(text: &str) -> Result<Spec, YamlError> {
    parse_any(text)
}

/// Parses any YAML document into `T`.
pub fn parse_any<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, YamlError> {
    serde_yaml::from_str(text).map_err(|e: serde_yaml::Error| {
        let location = e.location();
        YamlError {
            line: location.as_ref().map(|l| l.line()),
            column: location.as_ref().map(|l| l.column()),
            message: strip_location(&e.to_string()),
        }
    })
}

/// Renders a spec (or another part of `spec/`) as YAML text.
pub fn to_yaml<T: serde::Serialize>(value: &T) -> Result<String, String> {
    serde_yaml::to_string(value).map_err(|e| e.to_string())
}

/// serde_yaml appends " at line L column C" to its messages; the diagnostic shows the place itself.
fn strip_location(message: &str) -> String {
    match message.find(" at line ") {
        Some(i) => message[..i].to_owned(),
        None => message.to_owned(),
    }
}

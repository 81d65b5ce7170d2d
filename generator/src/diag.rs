//! Diagnostics: what is wrong, where (file, line), expected versus found. Every stage reports
//! problems of its input as [`Diagnostic`]s (spec errors, page read errors, hand-fix errors, doc-lint
//! warnings), and they are written out in one place: `Display` here (`file:line:column: message`,
//! `file:line: warning[kind]: message`), which the CLI prints, with the offending source line when
//! it has the file.

use std::fmt;

/// How bad a [`Diagnostic`] is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The input cannot be used as it is: nothing is written.
    #[default]
    Error,
    /// The input is used, but contradicts itself (the doc lint): reported, and an error only with
    /// `--strict`.
    Warning,
}

/// One problem of an input file.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    /// The file, as the user named it (`spec/rds/v3/create_instance.yaml`).
    pub file: String,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// 1-based column, when known.
    pub column: Option<usize>,
    /// What was expected and what was found.
    pub message: String,
    /// An error, or a warning.
    pub severity: Severity,
    /// What kind of warning (the doc lint's kinds, `example-type-mismatch`), for counting and
    /// filtering; `None` for errors.
    pub kind: Option<&'static str>,
}

impl Diagnostic {
    /// An error at a line of a file.
    pub fn new(file: impl Into<String>, line: Option<usize>, message: impl Into<String>) -> Self {
        Diagnostic { file: file.into(), line, column: None, message: message.into(), severity: Severity::Error, kind: None }
    }

    /// A warning of kind `kind` at a line of a file.
    pub fn warning(file: impl Into<String>, line: usize, kind: &'static str, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Warning, kind: Some(kind), ..Diagnostic::new(file, Some(line), message) }
    }

    /// An error that says what was expected and what was found instead.
    pub fn expected(file: impl Into<String>, line: usize, expected: &str, found: &str) -> Self {
        Diagnostic::new(file, Some(line), format!("expected {expected}, found {found}"))
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        match (self.severity, self.kind) {
            (Severity::Error, _) => write!(f, ": {}", self.message),
            (Severity::Warning, Some(kind)) => write!(f, ": warning[{kind}]: {}", self.message),
            (Severity::Warning, None) => write!(f, ": warning: {}", self.message),
        }
    }
}

/// Several diagnostics, the error of a stage that checks everything before failing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.0 {
            writeln!(f, "error: {d}")?;
        }
        write!(f, "{} error{}", self.0.len(), if self.0.len() == 1 { "" } else { "s" })
    }
}

impl std::error::Error for Diagnostics {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_rendering_for_errors_and_warnings() {
        assert_eq!(Diagnostic::new("a.yaml", Some(3), "bad").to_string(), "a.yaml:3: bad");
        assert_eq!(Diagnostic { column: Some(7), ..Diagnostic::new("a.yaml", Some(3), "bad") }.to_string(), "a.yaml:3:7: bad");
        assert_eq!(Diagnostic::new("a.yaml", None, "bad").to_string(), "a.yaml: bad");
        assert_eq!(Diagnostic::expected("p.rst", 9, "a table", "text").to_string(), "p.rst:9: expected a table, found text");
        assert_eq!(Diagnostic::warning("p.rst", 2, "bad-example", "odd").to_string(), "p.rst:2: warning[bad-example]: odd");
    }
}

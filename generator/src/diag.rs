//! Diagnostics: what is wrong, where (file, line), expected versus found. Every stage reports
//! problems of its input as [`Diagnostic`]s (spec and YAML errors, page read errors, hand-fix
//! errors, `sources.yaml` errors, doc-lint warnings with their [`LintKind`]), and they are written
//! out here only: `Display` (`file:line:column: message`, `file:line: warning[kind]: message`), and
//! [`render`] (with the offending source line, when the caller has the file's text).

use std::fmt;
use std::path::Path;

use codespan_reporting::diagnostic::{Diagnostic as Report, Label};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{self, termcolor::Buffer};

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
    /// What kind of warning (the doc lint's kinds), for counting and filtering; `None` for errors.
    pub kind: Option<LintKind>,
}

impl Diagnostic {
    /// An error at a line of a file.
    pub fn new(file: impl Into<String>, line: Option<usize>, message: impl Into<String>) -> Self {
        Diagnostic { file: file.into(), line, column: None, message: message.into(), severity: Severity::Error, kind: None }
    }

    /// A warning of kind `kind` at a line of a file.
    pub fn warning(file: impl Into<String>, line: usize, kind: LintKind, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Warning, kind: Some(kind), ..Diagnostic::new(file, Some(line), message) }
    }

    /// An error that says what was expected and what was found instead.
    pub fn expected(file: impl Into<String>, line: usize, expected: &str, found: &str) -> Self {
        Diagnostic::new(file, Some(line), format!("expected {expected}, found {found}"))
    }

    /// The same problem in `file`: for stages that find a problem before they know the file's
    /// name (the YAML parser, the rst reader's inner functions).
    pub fn in_file(self, file: impl Into<String>) -> Self {
        Diagnostic { file: file.into(), ..self }
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
            (Severity::Warning, Some(kind)) => write!(f, ": warning[{}]: {}", kind.name(), self.message),
            (Severity::Warning, None) => write!(f, ": warning: {}", self.message),
        }
    }
}

/// What kind of contradiction.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LintKind {
    /// An example has a field the tables do not list.
    ExampleFieldNotInTable,
    /// A request example lacks a mandatory field.
    MandatoryMissingFromExample,
    /// An example value has another type than the table (recorded in `accepts`).
    ExampleTypeMismatch,
    /// A "Table N" reference to a table the page does not have.
    MissingTable,
    /// The same field twice in one table.
    DuplicateField,
    /// A Type cell with a type word we do not know.
    UnknownTypeWord,
    /// An object field with no table describing it.
    ObjectWithoutTable,
    /// An example that is not JSON even after repair.
    BadExample,
    /// An example that needed repair (comments, trailing commas, placeholders).
    RepairedExample,
    /// Something the reader found odd.
    Reader,
    /// Two pages describe the same operation with parameter tables.
    DuplicateOperation,
    /// Another operation of the module has the name the page gives: this one was qualified.
    NameTaken,
    /// A name the generator would refuse (not UpperCamelCase, no Rust name, two fields one
    /// Rust name) was replaced (`name:` set, type renamed).
    NameConflict,
    /// Something else the generator would refuse was resolved (dropped, or read as `any`).
    SpecConflict,
    /// An operation named from what the page gives (its title names nothing usable).
    DerivedName,
}

impl LintKind {
    /// A short stable name, for summaries.
    pub fn name(self) -> &'static str {
        match self {
            LintKind::ExampleFieldNotInTable => "example-field-not-in-table",
            LintKind::MandatoryMissingFromExample => "mandatory-missing-from-example",
            LintKind::ExampleTypeMismatch => "example-type-mismatch",
            LintKind::MissingTable => "missing-table",
            LintKind::DuplicateField => "duplicate-field",
            LintKind::UnknownTypeWord => "unknown-type-word",
            LintKind::ObjectWithoutTable => "object-without-table",
            LintKind::BadExample => "bad-example",
            LintKind::RepairedExample => "repaired-example",
            LintKind::Reader => "reader",
            LintKind::DuplicateOperation => "duplicate-operation",
            LintKind::NameTaken => "name-taken",
            LintKind::NameConflict => "name-conflict",
            LintKind::SpecConflict => "spec-conflict",
            LintKind::DerivedName => "derived-name",
        }
    }

    /// Whether `--strict` makes it an error (repairs are information, not contradictions).
    pub fn is_contradiction(self) -> bool {
        !matches!(self, LintKind::RepairedExample)
    }
}

/// `d` rendered for a terminal: the message, and when `source` (the text of `d.file`) and the line
/// are known, that line of the source marked (codespan-reporting); else the one-line form. ANSI
/// colours when `color`.
pub fn render(d: &Diagnostic, source: Option<&str>, color: bool) -> String {
    let mut out = if color { Buffer::ansi() } else { Buffer::no_color() };
    let mut files = SimpleFiles::new();
    let mut report = match d.severity {
        Severity::Error => Report::error(),
        Severity::Warning => Report::warning(),
    }
    .with_message(&d.message);
    if let (Some(source), Some(line)) = (source, d.line.filter(|l| *l > 0)) {
        let start: usize = source.split_inclusive('\n').take(line - 1).map(str::len).sum();
        let start = start.min(source.len());
        let len = source[start..].find('\n').unwrap_or(source.len() - start);
        let id = files.add(d.file.clone(), source);
        report = report.with_labels(vec![Label::primary(id, start..start + len)]);
    } else {
        report = report.with_notes(vec![format!("in {d}")]);
    }
    match term::emit(&mut out, &term::Config::default(), &files, &report) {
        Ok(()) => String::from_utf8_lossy(out.as_slice()).into_owned(),
        Err(_) => format!("error: {d}\n"),
    }
}

/// Every diagnostic of a folder's files rendered ([`render`]), each with its source line: a
/// diagnostic's file is `display_root/<relative path>`, read from `dir/<relative path>`.
pub fn render_in(dir: &Path, display_root: &str, diags: &[Diagnostic], color: bool) -> String {
    diags
        .iter()
        .map(|d| {
            let rel = d.file.strip_prefix(display_root).map(|r| r.trim_start_matches('/')).unwrap_or(&d.file);
            render(d, std::fs::read_to_string(dir.join(rel)).ok().as_deref(), color)
        })
        .collect()
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
        assert_eq!(Diagnostic::warning("p.rst", 2, LintKind::BadExample, "odd").to_string(), "p.rst:2: warning[bad-example]: odd");
        assert_eq!(Diagnostic::new("", Some(3), "bad").in_file("b.yaml").to_string(), "b.yaml:3: bad");
    }

    #[test]
    fn rendered_with_the_source_line() {
        let d = Diagnostic::new("a.yaml", Some(2), "expected a string, found a map");
        let text = render(&d, Some("one: 1\ntwo: {}\nthree: 3\n"), false);
        assert!(text.starts_with("error: expected a string, found a map\n"), "{text}");
        assert!(text.contains("a.yaml:2:1"), "{text}");
        assert!(text.contains("two: {}"), "{text}");
        assert!(!text.contains("three"), "{text}");
        // No source, or a line past its end: the one-line form, never a panic.
        assert!(render(&d, None, false).contains("in a.yaml:2: expected"), "{}", render(&d, None, false));
        let far = Diagnostic::new("a.yaml", Some(99), "bad");
        assert!(render(&far, Some("x\n"), false).contains("bad"));
    }
}

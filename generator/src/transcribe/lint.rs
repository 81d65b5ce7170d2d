//! The doc lint: contradictions of a page, each with the page and line.

use std::fmt;

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

/// One warning of the doc lint.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Lint {
    pub page: String,
    pub line: usize,
    pub kind: LintKind,
    pub message: String,
}

impl Lint {
    /// The warning as a [`Diagnostic`](crate::Diagnostic) (how it is rendered).
    pub fn diagnostic(&self) -> crate::Diagnostic {
        crate::Diagnostic::warning(self.page.clone(), self.line, self.kind.name(), self.message.clone())
    }
}

impl fmt::Display for Lint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.diagnostic().fmt(f)
    }
}

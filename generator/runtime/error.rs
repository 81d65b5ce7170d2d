//! [`BuildError`]: every problem of a request value, found at once.

use std::fmt;

/// A request value that is not valid: every missing required field and every broken constraint,
/// each with its field path (`volume.size`, `flavor[1].num`).
///
/// Returned by the builders' `build()` and by [`Validate::validate`](crate::validate::Validate::validate).
/// It never contains the value of a sensitive field, nor of a free-text string field (only its
/// length, [`Rule::MinLength`], [`Rule::MaxLength`]). The one value it holds is a closed-set value
/// the docs do not list, as sent ([`Rule::UnknownValue`]): a value of a generated enum, never a
/// secret.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct BuildError {
    /// The type that was built or validated (`"CreateDbInstance"`).
    pub type_name: &'static str,
    /// Every problem found, in field order.
    pub problems: Vec<Problem>,
}

/// One problem of a request value.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Problem {
    /// Where: the wire names from the value's root, dot-separated, with `[i]` for list items.
    pub path: String,
    /// What rule is broken.
    pub rule: Rule,
}

/// The rule a [`Problem`] breaks.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Rule {
    /// A required field is not set.
    Missing,
    /// A string is shorter than `min` characters (it has `actual`).
    MinLength {
        /// The documented bound.
        min: u64,
        /// What the value has.
        actual: u64,
    },
    /// A string is longer than `max` characters (it has `actual`).
    MaxLength {
        /// The documented bound.
        max: u64,
        /// What the value has.
        actual: u64,
    },
    /// A string does not match the documented pattern.
    Pattern {
        /// The documented pattern.
        pattern: &'static str,
    },
    /// A number is below the documented minimum.
    Minimum {
        /// The documented bound.
        minimum: String,
        /// What the value has.
        actual: String,
    },
    /// A number is above the documented maximum.
    Maximum {
        /// The documented bound.
        maximum: String,
        /// What the value has.
        actual: String,
    },
    /// A number is not a multiple of `multiple_of`.
    MultipleOf {
        /// The documented divisor.
        multiple_of: String,
        /// What the value has.
        actual: String,
    },
    /// A list has fewer than `min` items.
    MinItems {
        /// The documented bound.
        min: u64,
        /// What the value has.
        actual: u64,
    },
    /// A list has more than `max` items.
    MaxItems {
        /// The documented bound.
        max: u64,
        /// What the value has.
        actual: u64,
    },
    /// A value outside a documented closed set.
    UnknownValue {
        /// The value sent.
        value: String,
        /// The documented values.
        known: &'static [&'static str],
    },
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Rule::Missing => write!(f, "is required but not set"),
            Rule::MinLength { min, actual } => {
                write!(f, "must be at least {min} characters long (is {actual})")
            }
            Rule::MaxLength { max, actual } => {
                write!(f, "must be at most {max} characters long (is {actual})")
            }
            Rule::Pattern { pattern } => write!(f, "must match the pattern `{pattern}`"),
            Rule::Minimum { minimum, actual } => write!(f, "must be at least {minimum} (is {actual})"),
            Rule::Maximum { maximum, actual } => write!(f, "must be at most {maximum} (is {actual})"),
            Rule::MultipleOf { multiple_of, actual } => {
                write!(f, "must be a multiple of {multiple_of} (is {actual})")
            }
            Rule::MinItems { min, actual } => write!(f, "must have at least {min} items (has {actual})"),
            Rule::MaxItems { max, actual } => write!(f, "must have at most {max} items (has {actual})"),
            Rule::UnknownValue { value, known } => {
                write!(f, "has the undocumented value {value:?} (documented: {})", known.join(", "))
            }
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` {}", self.path, self.rule)
    }
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.problems.len();
        write!(f, "invalid {}: {n} problem{}", self.type_name, if n == 1 { "" } else { "s" })?;
        for (i, problem) in self.problems.iter().enumerate() {
            write!(f, "{}{problem}", if i == 0 { ": " } else { "; " })?;
        }
        Ok(())
    }
}

impl std::error::Error for BuildError {}

impl BuildError {
    /// The paths of the missing required fields.
    pub fn missing(&self) -> impl Iterator<Item = &str> {
        self.problems.iter().filter(|p| p.rule == Rule::Missing).map(|p| p.path.as_str())
    }
}

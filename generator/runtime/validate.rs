//! Checking request values against the documented constraints.

use std::collections::HashMap;
use std::fmt::Display;
use std::sync::{Mutex, OnceLock};

use super::error::{BuildError, Problem, Rule};

/// A request type whose documented constraints can be checked.
///
/// Builders check when they build; `validate` checks a value made any other way (deserialized,
/// mutated after building). Responses are never checked: they are whatever the server sends.
pub trait Validate {
    /// The name reported in [`BuildError::type_name`].
    const TYPE_NAME: &'static str;

    /// Appends every problem of `self` to `problems`; `at` is the path of `self` (empty at the root).
    fn validate_at(&self, at: &str, problems: &mut Problems);

    /// Every problem of `self`, at once.
    fn validate(&self) -> Result<(), BuildError> {
        let mut problems = Problems::default();
        self.validate_at("", &mut problems);
        problems.finish(Self::TYPE_NAME)
    }
}

impl Validate for () {
    const TYPE_NAME: &'static str = "()";
    fn validate_at(&self, _at: &str, _problems: &mut Problems) {}
}

impl<T: Validate> Validate for Vec<T> {
    const TYPE_NAME: &'static str = T::TYPE_NAME;
    fn validate_at(&self, at: &str, problems: &mut Problems) {
        for (i, item) in self.iter().enumerate() {
            item.validate_at(&format!("{at}[{i}]"), problems);
        }
    }
}

impl<T: Validate> Validate for Option<T> {
    const TYPE_NAME: &'static str = T::TYPE_NAME;
    fn validate_at(&self, at: &str, problems: &mut Problems) {
        if let Some(value) = self {
            value.validate_at(at, problems);
        }
    }
}

impl<T: Validate> Validate for std::collections::BTreeMap<String, T> {
    const TYPE_NAME: &'static str = T::TYPE_NAME;
    fn validate_at(&self, at: &str, problems: &mut Problems) {
        for (key, item) in self {
            item.validate_at(&join(at, key), problems);
        }
    }
}

/// What a string holding a number must look like (reported when it holds none).
pub const DECIMAL: &str = "^-?[0-9]+(\\.[0-9]+)?$";

/// `at.name`, or `name` at the root.
pub fn join(at: &str, name: &str) -> String {
    if at.is_empty() {
        name.to_owned()
    } else {
        format!("{at}.{name}")
    }
}

/// A value of a closed set (a generated enum): knows whether the docs list it.
pub trait KnownValue {
    /// The enum's name, reported in [`BuildError::type_name`].
    const NAME: &'static str;
    /// The documented values.
    const KNOWN: &'static [&'static str];
    /// The value on the wire.
    fn wire(&self) -> &str;
    /// Whether the docs list this value. (An enum keeps a value in its catch-all variant only
    /// when the docs do not list it, so this is whether the wire value is a documented one.)
    fn is_known(&self) -> bool {
        Self::KNOWN.contains(&self.wire())
    }
}

/// An enum value of a request: an undocumented value is a problem.
impl<E: KnownValue> Validate for E {
    const TYPE_NAME: &'static str = E::NAME;
    fn validate_at(&self, at: &str, problems: &mut Problems) {
        problems.known_at(at, self);
    }
}

/// The problems found so far; see [`Validate`].
#[derive(Debug, Default)]
pub struct Problems {
    found: Vec<Problem>,
}

/// `pattern` compiled to match whole values only (`^(?:pattern)$`): the docs promise that the whole
/// value matches, and a documented pattern rarely carries its own anchors. `None` when it does not
/// compile (the generator's `resolve` stage refuses such specs).
fn whole_value_regex(pattern: &'static str) -> Option<regex_lite::Regex> {
    static CACHE: OnceLock<Mutex<HashMap<&'static str, Option<regex_lite::Regex>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    let mut cache = cache.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    cache.entry(pattern).or_insert_with(|| regex_lite::Regex::new(&format!("^(?:{pattern})$")).ok()).clone()
}

impl Problems {
    /// Records a broken rule at `at.name`.
    pub fn push(&mut self, at: &str, name: &str, rule: Rule) {
        self.found.push(Problem { path: join(at, name), rule });
    }

    /// The [`BuildError`] listing the problems found.
    pub fn into_error(self, type_name: &'static str) -> BuildError {
        BuildError { type_name, problems: self.found }
    }

    /// Whether no problem was found.
    pub fn is_empty(&self) -> bool {
        self.found.is_empty()
    }

    /// `Ok` when no problem was found, else the [`BuildError`] listing them all.
    pub fn finish(self, type_name: &'static str) -> Result<(), BuildError> {
        self.build(type_name, Some(()))
    }

    /// What a builder's `build()` returns: the `value` it assembled when no problem was found,
    /// else the [`BuildError`] listing them all. (`value` is `None` only when a required field
    /// is unset, which `record_problems` has recorded as a problem.)
    pub fn build<T>(self, type_name: &'static str, value: Option<T>) -> Result<T, BuildError> {
        match value {
            Some(value) if self.is_empty() => Ok(value),
            _ => Err(self.into_error(type_name)),
        }
    }

    /// A required field: `Missing` when `None`.
    pub fn required<T>(&mut self, at: &str, name: &str, value: Option<&T>) {
        if value.is_none() {
            self.push(at, name, Rule::Missing);
        }
    }

    /// String length in characters.
    pub fn length(&mut self, at: &str, name: &str, value: &str, min: Option<u64>, max: Option<u64>) {
        let actual = value.chars().count() as u64;
        if let Some(min) = min.filter(|min| actual < *min) {
            self.push(at, name, Rule::MinLength { min, actual });
        }
        if let Some(max) = max.filter(|max| actual > *max) {
            self.push(at, name, Rule::MaxLength { max, actual });
        }
    }

    /// The whole string matches `pattern`.
    pub fn pattern(&mut self, at: &str, name: &str, value: &str, pattern: &'static str) {
        if let Some(re) = whole_value_regex(pattern) {
            if !re.is_match(value) {
                self.push(at, name, Rule::Pattern { pattern });
            }
        }
    }

    /// Numeric range, inclusive.
    pub fn range<N: PartialOrd + Display + Copy>(&mut self, at: &str, name: &str, value: N, minimum: Option<N>, maximum: Option<N>) {
        if let Some(minimum) = minimum.filter(|m| value < *m) {
            let (minimum, actual) = (minimum.to_string(), value.to_string());
            self.push(at, name, Rule::Minimum { minimum, actual });
        }
        if let Some(maximum) = maximum.filter(|m| value > *m) {
            let (maximum, actual) = (maximum.to_string(), value.to_string());
            self.push(at, name, Rule::Maximum { maximum, actual });
        }
    }

    /// A string that holds a number (a port documented as a string with a range): the number must
    /// parse and lie in the range (and be a multiple); text that is no number breaks the pattern
    /// of a decimal number.
    pub fn numeric_text(
        &mut self,
        at: &str,
        name: &str,
        value: &str,
        minimum: Option<f64>,
        maximum: Option<f64>,
        multiple_of: Option<f64>,
    ) {
        match value.trim().parse::<f64>() {
            Ok(number) if number.is_finite() => {
                self.range(at, name, number, minimum, maximum);
                if let Some(m) = multiple_of {
                    self.multiple_of_f64(at, name, number, m);
                }
            }
            _ => self.push(at, name, Rule::Pattern { pattern: DECIMAL }),
        }
    }

    /// Integer multiple.
    pub fn multiple_of(&mut self, at: &str, name: &str, value: i64, multiple_of: i64) {
        if multiple_of != 0 && value % multiple_of != 0 {
            let (multiple_of, actual) = (multiple_of.to_string(), value.to_string());
            self.push(at, name, Rule::MultipleOf { multiple_of, actual });
        }
    }

    /// Number multiple (floating point, with a small tolerance).
    pub fn multiple_of_f64(&mut self, at: &str, name: &str, value: f64, multiple_of: f64) {
        if multiple_of != 0.0 {
            let q = value / multiple_of;
            if (q - q.round()).abs() > 1e-9 {
                let (multiple_of, actual) = (multiple_of.to_string(), value.to_string());
                self.push(at, name, Rule::MultipleOf { multiple_of, actual });
            }
        }
    }

    /// List length.
    pub fn items(&mut self, at: &str, name: &str, len: usize, min: Option<u64>, max: Option<u64>) {
        let actual = len as u64;
        if let Some(min) = min.filter(|min| actual < *min) {
            self.push(at, name, Rule::MinItems { min, actual });
        }
        if let Some(max) = max.filter(|max| actual > *max) {
            self.push(at, name, Rule::MaxItems { max, actual });
        }
    }

    /// A value of a closed set that the docs do not list, at the path `at`.
    pub fn known_at<E: KnownValue>(&mut self, at: &str, value: &E) {
        if !value.is_known() {
            let value = value.wire().to_owned();
            let path = at.to_owned();
            self.found.push(Problem { path, rule: Rule::UnknownValue { value, known: E::KNOWN } });
        }
    }

    /// A nested request value.
    pub fn nested<T: Validate>(&mut self, at: &str, name: &str, value: &T) {
        value.validate_at(&join(at, name), self);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pattern_problems(value: &str, pattern: &'static str) -> usize {
        let mut problems = Problems::default();
        problems.pattern("", "name", value, pattern);
        problems.found.len()
    }

    #[test]
    fn a_pattern_matches_the_whole_value() {
        assert_eq!(pattern_problems("abc", "[a-z]+"), 0);
        assert_eq!(pattern_problems("abc1", "[a-z]+"), 1, "a value that only contains a match is refused");
        assert_eq!(pattern_problems("1abc", "[a-z]+"), 1);
        assert_eq!(pattern_problems("abc", "^[a-z]+$"), 0, "anchored patterns keep working");
        assert_eq!(pattern_problems("b", "a|b"), 0, "alternatives are anchored as a group");
        assert_eq!(pattern_problems("ab", "a|b"), 1);
    }

    #[test]
    fn lengths_ranges_multiples_and_items() {
        let mut p = Problems::default();
        p.length("", "s", "héllo", Some(6), Some(10));
        p.length("", "t", "héllo", None, Some(4));
        p.range("", "n", 5, Some(1), Some(4));
        p.multiple_of("", "m", 10, 4);
        p.multiple_of_f64("", "f", 0.3, 0.1);
        p.items("", "l", 0, Some(1), None);
        p.required::<u8>("a", "r", None);
        let paths: Vec<String> = p.found.iter().map(|f| format!("{} {:?}", f.path, f.rule)).collect();
        assert_eq!(paths.len(), 6, "{paths:?}");
        assert!(paths[0].starts_with("s MinLength { min: 6, actual: 5 }"), "{paths:?}");
        assert!(paths[5].starts_with("a.r Missing"), "{paths:?}");
    }
}

// Copied by otc-sdkgen from generator/runtime/client/validation.rs. Do not edit here: edit that file and run `cargo run`.

//! [`Validation`]: what the client checks before it sends a request.
//!
//! Builders (`build()`) and [`Validate::validate`] always check everything the page documents;
//! this setting only decides which of those problems make the client refuse to send. Set it per
//! client ([`ClientBuilder::validation`](super::ClientBuilder::validation)) and per call
//! ([`Client::with_validation`](super::Client::with_validation)).
//!
//! The default is [`Validation::AllowUnknownValues`]: pages lag the cloud, and a closed set is
//! what lags most (volume types a current page dropped are still accepted and still sent by real
//! tools), so refusing a value the page does not list would block requests the cloud accepts.
//! Such a value costs at most a 400 from the server, which comes back as a typed
//! [`Error::Status`](super::Error::Status) with the cloud's error code. Lengths, patterns, ranges
//! and required fields stay checked: they rarely change, and catching them before sending saves
//! a round trip.

use crate::runtime::error::{BuildError, Rule};
#[cfg(doc)]
use crate::runtime::validate::Validate;

/// Which documented constraints make the client refuse to send a request.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum Validation {
    /// Refuse any problem [`Validate::validate`] reports, values the page does not list for a
    /// closed set ([`Rule::UnknownValue`]) included.
    Strict,
    /// Refuse broken documented constraints (missing required fields, lengths, patterns, ranges,
    /// multiples, list sizes), but send values the page does not list for a closed set. The
    /// default (see the module documentation for why).
    #[default]
    AllowUnknownValues,
}

impl Validation {
    /// The problems of `error` this mode refuses to send with; `None` when there are none left.
    pub fn refuses(self, mut error: BuildError) -> Option<BuildError> {
        if self == Validation::AllowUnknownValues {
            error.problems.retain(|p| !matches!(p.rule, Rule::UnknownValue { .. }));
        }
        (!error.problems.is_empty()).then_some(error)
    }
}

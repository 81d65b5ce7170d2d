//! When a failed attempt is sent again, and after how long.
//!
//! | failure | retried for |
//! | --- | --- |
//! | connection not established (nothing was sent) | every method |
//! | 429 Too Many Requests, 503 Service Unavailable (the server did not process it) | every method |
//! | 502 Bad Gateway, 504 Gateway Timeout | idempotent methods only |
//! | timeout, connection lost after sending | idempotent methods only |
//! | anything else (4xx, 500, a 2xx that does not deserialize) | never |
//!
//! `POST` and `PATCH` are not idempotent ([`Method::is_idempotent`]): after a gateway error or a
//! timeout the cloud may have created the instance, and sending again could create a second one.
//!
//! The delay before retry `n` (from 0) is `base_delay × 2ⁿ`, at most `max_delay`, with jitter
//! (a random value between half of it and all of it) so that many clients throttled at once do
//! not come back at once. A `Retry-After: <seconds>` header of a 429/503 is honoured, capped at
//! `max_delay`.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::time::Duration;

use crate::runtime::operation::Method;

/// How many times, and how fast, a failed call is retried; see the [module documentation](self).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    max_retries: u32,
    base_delay: Duration,
    max_delay: Duration,
}

impl Default for RetryPolicy {
    /// 3 retries, 200 ms base delay, 5 s maximum delay.
    fn default() -> Self {
        RetryPolicy { max_retries: 3, base_delay: Duration::from_millis(200), max_delay: Duration::from_secs(5) }
    }
}

impl RetryPolicy {
    /// `max_retries` retries after the first attempt, waiting `base_delay × 2ⁿ` before retry `n`.
    pub fn new(max_retries: u32, base_delay: Duration) -> Self {
        RetryPolicy { max_retries, base_delay, ..RetryPolicy::default() }
    }

    /// No retry: every failure is returned at once.
    pub fn none() -> Self {
        RetryPolicy { max_retries: 0, ..RetryPolicy::default() }
    }

    /// Caps each delay (and each `Retry-After`) at `max_delay`.
    pub fn max_delay(mut self, max_delay: Duration) -> Self {
        self.max_delay = max_delay;
        self
    }

    /// The number of retries after the first attempt.
    pub fn max_retries(&self) -> u32 {
        self.max_retries
    }

    /// The delay before retry `retry` (from 0): exponential, capped, with jitter; or the server's
    /// `Retry-After`, capped.
    pub(crate) fn delay(&self, retry: u32, retry_after: Option<Duration>) -> Duration {
        if let Some(after) = retry_after {
            return after.min(self.max_delay);
        }
        let factor = 1u32.checked_shl(retry.min(20)).unwrap_or(u32::MAX);
        let full = self.base_delay.saturating_mul(factor).min(self.max_delay);
        let half = full / 2;
        let spread = u64::try_from(half.as_nanos()).unwrap_or(u64::MAX);
        let jitter = if spread == 0 { 0 } else { random() % (spread + 1) };
        half + Duration::from_nanos(jitter)
    }
}

/// What went wrong with one attempt.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Failure {
    /// The connection could not be established: nothing was sent.
    Connect,
    /// The connection failed after (part of) the request was sent.
    Transport,
    /// No whole response within the timeout.
    Timeout,
    /// The server answered with this status.
    Status(u16),
}

/// Whether a failure of a `method` request is worth sending again; see the
/// [module documentation](self).
pub(crate) fn should_retry(method: Method, failure: Failure) -> bool {
    match failure {
        Failure::Connect | Failure::Status(429 | 503) => true,
        Failure::Transport | Failure::Timeout | Failure::Status(502 | 504) => method.is_idempotent(),
        Failure::Status(_) => false,
    }
}

/// A random `u64` from the standard library's randomly keyed hasher (no extra dependency).
fn random() -> u64 {
    let mut hasher = RandomState::new().build_hasher();
    hasher.write_u64(0x9E37_79B9_7F4A_7C15);
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_only_what_is_safe() {
        assert!(should_retry(Method::Post, Failure::Status(429)));
        assert!(should_retry(Method::Post, Failure::Status(503)));
        assert!(should_retry(Method::Post, Failure::Connect));
        assert!(!should_retry(Method::Post, Failure::Status(502)));
        assert!(!should_retry(Method::Post, Failure::Timeout));
        assert!(should_retry(Method::Get, Failure::Status(504)));
        assert!(should_retry(Method::Get, Failure::Timeout));
        assert!(!should_retry(Method::Get, Failure::Status(500)));
        assert!(!should_retry(Method::Get, Failure::Status(404)));
    }

    #[test]
    fn delays_grow_and_are_capped() {
        let p = RetryPolicy::new(5, Duration::from_millis(100)).max_delay(Duration::from_millis(300));
        let d0 = p.delay(0, None);
        assert!(d0 >= Duration::from_millis(50) && d0 <= Duration::from_millis(100));
        let d3 = p.delay(3, None);
        assert!(d3 >= Duration::from_millis(150) && d3 <= Duration::from_millis(300));
        assert_eq!(p.delay(0, Some(Duration::from_secs(60))), Duration::from_millis(300));
        assert!(p.delay(u32::MAX, None) <= Duration::from_millis(300));
    }
}

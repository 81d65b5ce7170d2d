//! [`Error`]: everything a call can fail with, one variant per kind of failure.
//!
//! Secrets never appear here: the client's password and tokens are replaced by
//! `** redacted **` in every text an error carries (bodies and messages included, in case a
//! server echoes them), and the request itself (which may hold sensitive fields) is never kept.

use std::fmt;
use std::time::Duration;

use crate::runtime::error::BuildError;

/// Which operation an error is about: `rds/v3/create_instance`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct OperationName {
    /// The service (`"rds"`).
    pub service: &'static str,
    /// The API version module (`"v3"`).
    pub version: &'static str,
    /// The operation id (`"create_instance"`).
    pub id: &'static str,
}

impl OperationName {
    /// The name of operation `O`.
    pub fn of<O: crate::runtime::operation::Operation>() -> Self {
        OperationName { service: O::SERVICE, version: O::VERSION, id: O::ID }
    }
}

impl fmt::Display for OperationName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}/{}", self.service, self.version, self.id)
    }
}

/// A call that failed. Match on the variant to tell what to do: fix the request
/// ([`Error::Invalid`]), retry later ([`Error::Transport`], [`Error::Timeout`], a 429 or 503
/// [`Error::Status`]), read the raw body ([`Error::Decode`]), fix credentials ([`Error::Auth`]).
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// The client is not configured well enough to send (a missing project id or credentials, an
    /// endpoint that is not a URL, a token that cannot be a header value). Nothing was sent.
    Config {
        /// What is wrong.
        message: String,
    },
    /// The request breaks a documented constraint ([`Validate::validate`](crate::Validate::validate)).
    /// Nothing was sent.
    Invalid {
        /// The operation that was called.
        operation: OperationName,
        /// Every problem of the request, with its field path.
        error: BuildError,
    },
    /// The request could not be serialized to JSON. Nothing was sent.
    Encode {
        /// The operation that was called.
        operation: OperationName,
        /// What serde_json reported.
        source: serde_json::Error,
    },
    /// The server could not be reached, or the connection failed before a whole response was read
    /// (after the retries the [`RetryPolicy`](super::RetryPolicy) allows).
    Transport {
        /// The operation that was called.
        operation: OperationName,
        /// The URL that was called (without any user info).
        url: String,
        /// How many times the request was sent (or tried to be).
        attempts: u32,
        /// The HTTP library's error.
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    /// No whole response within the configured timeout (after the retries the policy allows).
    Timeout {
        /// The operation that was called.
        operation: OperationName,
        /// The timeout of one attempt.
        timeout: Duration,
        /// How many attempts timed out or failed.
        attempts: u32,
    },
    /// The server answered with a status that is not a success (not 2xx).
    Status(Box<StatusError>),
    /// The server answered with a success status but its body does not deserialize into the
    /// documented response type. The raw body is kept: read it leniently (e.g. as
    /// `serde_json::Value`) if you need what it has.
    Decode(Box<DecodeError>),
    /// IAM answered a token request with a success status but without the `X-Subject-Token`
    /// header that carries the token.
    MissingToken {
        /// IAM's `X-Request-Id`, when it sent one.
        request_id: Option<String>,
    },
    /// Obtaining a token from IAM (password authentication) failed; the inner error says why (an
    /// IAM [`Error::Status`] with 401 for wrong credentials, a transport failure, ...).
    Auth(Box<Error>),
    /// The job waited for ended `Failed`; the job holds the service's `fail_reason`, when given.
    JobFailed(Box<super::wait::Job>),
    /// The instance waited for reached a failed status (`CREATE FAIL`, `createfail`, …).
    InstanceFailed(Box<super::wait::Instance>),
    /// Waiting ran out of time ([`WaitPolicy`](super::WaitPolicy)'s `max_wait`).
    WaitTimeout {
        /// What was waited for (`job 0a1b… of rds`).
        what: String,
        /// How long the client waited.
        waited: Duration,
        /// The last status seen (a job or instance status, or the busy error code), if any.
        last_status: Option<String>,
    },
}

/// A response whose status is not a success (or a 2xx whose body is only a v1.0 error): the
/// cloud's error code and message when its body has them, in any of the services' shapes
/// (`{"error_code": "DBS.200001", "error_msg": "..."}`, `{"error": {"code": ..., "message": ...}}`,
/// v1.0's `{"errCode": "RDS.1102", "externalMessage": "..."}`, Trove's
/// `{"itemNotFound": {"code": 404, "message": "..."}}`), and always the raw body.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct StatusError {
    /// The operation that was called.
    pub operation: OperationName,
    /// The HTTP status received.
    pub status: u16,
    /// The documented success status of the operation.
    pub expected: u16,
    /// The cloud's error code (`DBS.200001`), when the body has one.
    pub error_code: Option<String>,
    /// The cloud's error message, when the body has one.
    pub error_msg: Option<String>,
    /// The `X-Request-Id` response header, when present (quote it to the cloud's support).
    pub request_id: Option<String>,
    /// The whole response body, as text.
    pub body: String,
    /// How many times the request was sent.
    pub attempts: u32,
}

/// A success response whose body does not deserialize into the documented type.
#[derive(Debug)]
#[non_exhaustive]
pub struct DecodeError {
    /// The operation that was called.
    pub operation: OperationName,
    /// The HTTP status received (a 2xx).
    pub status: u16,
    /// The `X-Request-Id` response header, when present.
    pub request_id: Option<String>,
    /// The whole response body, as text: read it leniently if you need what it has.
    pub body: String,
    /// What serde_json reported.
    pub source: serde_json::Error,
}

impl Error {
    /// The HTTP status, for [`Error::Status`] and [`Error::Decode`] (and their [`Error::Auth`]).
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Status(e) => Some(e.status),
            Error::Decode(e) => Some(e.status),
            Error::Auth(e) => e.status(),
            _ => None,
        }
    }

    /// The cloud's error code (`DBS.200001`), when the server sent one.
    pub fn error_code(&self) -> Option<&str> {
        match self {
            Error::Status(e) => e.error_code.as_deref(),
            Error::Auth(e) => e.error_code(),
            _ => None,
        }
    }

    /// The `X-Request-Id` of the response, when there was a response and it had one.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Error::Status(e) => e.request_id.as_deref(),
            Error::Decode(e) => e.request_id.as_deref(),
            Error::MissingToken { request_id } => request_id.as_deref(),
            Error::Auth(e) => e.request_id(),
            _ => None,
        }
    }

    /// Replaces every occurrence of each secret in the texts this error carries.
    pub(crate) fn redact(self, secrets: &[&str]) -> Self {
        let scrub = |text: &mut String| {
            for secret in secrets.iter().filter(|s| !s.is_empty()) {
                if text.contains(secret) {
                    *text = text.replace(secret, REDACTED);
                }
            }
        };
        match self {
            Error::Config { mut message } => {
                scrub(&mut message);
                Error::Config { message }
            }
            Error::Status(mut e) => {
                scrub(&mut e.body);
                if let Some(m) = e.error_msg.as_mut() {
                    scrub(m);
                }
                if let Some(c) = e.error_code.as_mut() {
                    scrub(c);
                }
                Error::Status(e)
            }
            Error::Decode(mut e) => {
                scrub(&mut e.body);
                // serde_json's message may quote a piece of the body.
                if secrets.iter().any(|s| !s.is_empty() && e.source.to_string().contains(s)) {
                    e.source = <serde_json::Error as serde::de::Error>::custom(REDACTED);
                }
                Error::Decode(e)
            }
            Error::Auth(inner) => Error::Auth(Box::new(inner.redact(secrets))),
            other => other,
        }
    }
}

/// What a secret is replaced with.
pub(crate) const REDACTED: &str = "** redacted **";

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Config { message } => write!(f, "client configuration: {message}"),
            Error::Invalid { operation, error } => write!(f, "{operation}: nothing sent: {error}"),
            Error::Encode { operation, source } => {
                write!(f, "{operation}: nothing sent: the request does not serialize: {source}")
            }
            Error::Transport { operation, url, attempts, source } => {
                write!(f, "{operation}: transport failure calling {url} ({attempts} attempt(s)): {source}")
            }
            Error::Timeout { operation, timeout, attempts } => {
                write!(f, "{operation}: no response within {timeout:?} ({attempts} attempt(s))")
            }
            Error::Status(e) => e.fmt(f),
            Error::Decode(e) => e.fmt(f),
            Error::MissingToken { request_id } => {
                write!(f, "IAM returned no X-Subject-Token header")?;
                if let Some(id) = request_id {
                    write!(f, " [request id {id}]")?;
                }
                Ok(())
            }
            Error::Auth(inner) => write!(f, "obtaining a token from IAM failed: {inner}"),
            Error::JobFailed(job) => {
                write!(f, "job {} of {} failed", job.id, job.service)?;
                if let Some(reason) = &job.fail_reason {
                    write!(f, ": {reason}")?;
                }
                Ok(())
            }
            Error::InstanceFailed(i) => write!(f, "instance {} of {} is {}", i.id, i.service, i.status),
            Error::WaitTimeout { what, waited, last_status } => {
                write!(f, "gave up waiting for {what} after {:.1} s", waited.as_secs_f64())?;
                if let Some(status) = last_status {
                    write!(f, " (last status: {status})")?;
                }
                Ok(())
            }
        }
    }
}

impl fmt::Display for StatusError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: HTTP {} (expected {})", self.operation, self.status, self.expected)?;
        match (&self.error_code, &self.error_msg) {
            (Some(code), Some(msg)) => write!(f, ": {code}: {msg}")?,
            (Some(code), None) => write!(f, ": {code}")?,
            (None, Some(msg)) => write!(f, ": {msg}")?,
            (None, None) => {}
        }
        if let Some(id) = &self.request_id {
            write!(f, " [request id {id}]")?;
        }
        Ok(())
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: the HTTP {} response body does not deserialize into the documented type: {}",
            self.operation, self.status, self.source
        )?;
        if let Some(id) = &self.request_id {
            write!(f, " [request id {id}]")?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Invalid { error, .. } => Some(error),
            Error::Encode { source, .. } => Some(source),
            Error::Transport { source, .. } => Some(source.as_ref()),
            Error::Decode(e) => Some(&e.source),
            Error::Auth(inner) => Some(inner.as_ref()),
            _ => None,
        }
    }
}

impl std::error::Error for StatusError {}

/// A string or a number as text.
fn text(v: Option<&serde_json::Value>) -> Option<String> {
    match v {
        Some(serde_json::Value::String(s)) => Some(s.clone()),
        Some(serde_json::Value::Number(n)) => Some(n.to_string()),
        _ => None,
    }
}

/// The cloud's error code and message in an error body, in the shapes the services use:
/// `{"error_code", "error_msg"}` (v3), `{"error": {"code", "message"}}` (IAM; the code may be a
/// number), `{"errCode", "externalMessage"}` (v1 and v1.0), `{"<type>": {"code", "message"}}`
/// (Trove-style v1.0: `itemNotFound`, `badRequest`; the code is the type when there is no
/// `code`) and `{"code", "message"}`.
pub(crate) fn cloud_error(body: &[u8]) -> (Option<String>, Option<String>) {
    let Ok(serde_json::Value::Object(root)) = serde_json::from_slice::<serde_json::Value>(body) else {
        return (None, None);
    };
    for (code, msg) in [("error_code", "error_msg"), ("errCode", "externalMessage")] {
        let (code, msg) = (text(root.get(code)), text(root.get(msg)));
        if code.is_some() || msg.is_some() {
            return (code, msg);
        }
    }
    if let Some(serde_json::Value::Object(inner)) = root.get("error") {
        return (text(inner.get("code")), text(inner.get("message")));
    }
    if let (1, Some((kind, serde_json::Value::Object(inner)))) = (root.len(), root.iter().next()) {
        if inner.contains_key("message") {
            return (text(inner.get("code")).or_else(|| Some(kind.clone())), text(inner.get("message")));
        }
    }
    (text(root.get("code")), text(root.get("message")))
}

/// The v1.0 success code (`"RDS.0041"`, "Operation successful.") that some v1.0 operations
/// document as their whole response body.
const V1_SUCCESS: &str = "RDS.0041";

/// A 2xx body that is only a v1.0 error (RDS v1.0 may answer an error with a 200): an object of
/// nothing but `errCode` (not the success code) and `externalMessage`. Its code and message.
pub(crate) fn error_in_success(body: &[u8]) -> Option<(Option<String>, Option<String>)> {
    // Most success bodies are not: skip parsing them twice.
    if !body.windows(9).any(|w| w == b"\"errCode\"") {
        return None;
    }
    let Ok(serde_json::Value::Object(root)) = serde_json::from_slice::<serde_json::Value>(body) else {
        return None;
    };
    let code = text(root.get("errCode"))?;
    let only_error = root.keys().all(|k| k == "errCode" || k == "externalMessage");
    (only_error && code != V1_SUCCESS).then(|| (Some(code), text(root.get("externalMessage"))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_error_shapes() {
        let rds = br#"{"error_code": "DBS.200001", "error_msg": "bad"}"#;
        assert_eq!(cloud_error(rds), (Some("DBS.200001".into()), Some("bad".into())));
        let iam = br#"{"error": {"code": 401, "message": "The request you have made requires authentication.", "title": "Unauthorized"}}"#;
        assert_eq!(cloud_error(iam).0.as_deref(), Some("401"));
        assert_eq!(cloud_error(b"<html>"), (None, None));
        let v1 = br#"{"errCode": "RDS.1102", "externalMessage": "The DB instance name already exists."}"#;
        assert_eq!(cloud_error(v1), (Some("RDS.1102".into()), Some("The DB instance name already exists.".into())));
        let trove = br#"{"itemNotFound": {"message": "The resource could not be found.", "code": 404}}"#;
        assert_eq!(cloud_error(trove), (Some("404".into()), Some("The resource could not be found.".into())));
        let trove = br#"{"badRequest": {"message": "Invalid flavor."}}"#;
        assert_eq!(cloud_error(trove), (Some("badRequest".into()), Some("Invalid flavor.".into())));
    }

    #[test]
    fn a_v1_error_in_a_success_is_found_and_the_success_code_is_not_an_error() {
        let error = br#"{"errCode": "RDS.1102", "externalMessage": "exists"}"#;
        assert_eq!(error_in_success(error), Some((Some("RDS.1102".into()), Some("exists".into()))));
        assert_eq!(error_in_success(br#"{"errCode": "RDS.0041", "externalMessage": "Operation successful."}"#), None);
        assert_eq!(error_in_success(br#"{"errCode": "RDS.1102", "instance": {}}"#), None);
        assert_eq!(error_in_success(br#"{"job_id": "x"}"#), None);
        assert_eq!(error_in_success(b""), None);
    }
}

// Copied by otc-sdkgen from generator/runtime/client/send.rs. Do not edit here: edit that file and run `cargo run`.

//! One call on the wire: prepare (validate, serialize, build the URL), send with retries, read.

use std::time::Duration;

use reqwest::header::{HeaderMap, HeaderName, HeaderValue, ACCEPT, CONTENT_TYPE};

use super::endpoint::Endpoints;
use super::error::{cloud_error, error_in_success, DecodeError, Error, OperationName, StatusError};
use super::retry::{should_retry, Failure, RetryPolicy};
use super::validation::Validation;
use super::Reply;
use crate::runtime::operation::{Method, Operation, QueryParameters};
use crate::runtime::sensitive::Sensitive;
use crate::runtime::validate::Validate;

/// The token header of every documented operation.
pub(crate) const AUTH_TOKEN: &str = "X-Auth-Token";
/// The request id the services return.
const REQUEST_ID: [&str; 2] = ["X-Request-Id", "X-Openstack-Request-Id"];

/// What every call shares: the HTTP client and the settings of sending.
#[derive(Debug)]
pub(crate) struct Transport {
    pub(crate) http: reqwest::Client,
    pub(crate) endpoints: Endpoints,
    pub(crate) retry: RetryPolicy,
    pub(crate) timeout: Duration,
    pub(crate) language: Option<HeaderValue>,
}

/// A request ready to be sent (as often as the retry policy allows). No `Debug`: its body may
/// hold secrets.
pub(crate) struct Prepared {
    operation: OperationName,
    method: Method,
    url: reqwest::Url,
    body: Option<Vec<u8>>,
    expected: u16,
}

/// A response as received, whatever its status. No `Debug`: its headers may hold a token.
pub(crate) struct Raw {
    pub(crate) status: u16,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Vec<u8>,
    pub(crate) attempts: u32,
}

/// Validates and serializes the request and builds the URL. Nothing is sent: every error here is
/// returned before any network traffic.
pub(crate) fn prepare<O: Operation>(
    endpoints: &Endpoints,
    project_id: &str,
    validation: Validation,
    path: &O::PathParams,
    query: &O::Query,
    request: &O::Request,
) -> Result<Prepared, Error> {
    let operation = OperationName::of::<O>();
    if let Some(error) = request.validate().err().and_then(|e| validation.refuses(e)) {
        return Err(Error::Invalid { operation, error });
    }
    let body = if O::HAS_REQUEST_BODY {
        Some(serde_json::to_vec(request).map_err(|source| Error::Encode { operation, source })?)
    } else {
        None
    };
    let mut url = endpoints.resolve(O::SERVICE)?;
    url.push_str(&O::path(project_id, path));
    for (i, (name, value)) in query.pairs().iter().enumerate() {
        url.push(if i == 0 { '?' } else { '&' });
        url.push_str(&encode_query(name));
        url.push('=');
        url.push_str(&encode_query(value));
    }
    let url = reqwest::Url::parse(&url)
        .map_err(|e| Error::Config { message: format!("{operation}: the request URL is not valid: {e}") })?;
    Ok(Prepared { operation, method: O::METHOD, url, body, expected: O::SUCCESS_STATUS })
}

/// Percent-encodes a query name or value (everything but RFC 3986 unreserved characters).
fn encode_query(text: &str) -> String {
    crate::runtime::operation::encode_segment(text)
}

/// Sends `prepared`, retrying as the policy allows; returns the last response, whatever its
/// status, or the last transport failure.
pub(crate) async fn execute(
    transport: &Transport,
    prepared: &Prepared,
    token: Option<&Sensitive<String>>,
) -> Result<Raw, Error> {
    let mut headers = HeaderMap::new();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    headers.insert(ACCEPT, HeaderValue::from_static("application/json"));
    if let Some(token) = token {
        let mut value = HeaderValue::from_str(token.expose())
            .map_err(|_| Error::Config { message: "the token is not a valid HTTP header value".to_owned() })?;
        value.set_sensitive(true);
        headers.insert(HeaderName::from_static("x-auth-token"), value);
    }
    if let Some(language) = &transport.language {
        headers.insert(HeaderName::from_static("x-language"), language.clone());
    }
    // `Method` is non-exhaustive (it lives in the runtime crate): go through its wire name.
    let method = reqwest::Method::from_bytes(prepared.method.as_str().as_bytes()).map_err(|_| Error::Config {
        message: format!("{}: `{}` is not an HTTP method", prepared.operation, prepared.method.as_str()),
    })?;

    let mut attempt: u32 = 0;
    loop {
        attempt += 1;
        let mut request = transport
            .http
            .request(method.clone(), prepared.url.clone())
            .headers(headers.clone())
            .timeout(transport.timeout);
        if let Some(body) = &prepared.body {
            request = request.body(body.clone());
        }
        let outcome = match request.send().await {
            Ok(response) => {
                let status = response.status().as_u16();
                let headers = response.headers().clone();
                response.bytes().await.map(|body| Raw { status, headers, body: body.to_vec(), attempts: attempt })
            }
            Err(e) => Err(e),
        };
        let may_retry = attempt <= transport.retry.max_retries();
        match outcome {
            Ok(raw) => {
                if may_retry && should_retry(prepared.method, Failure::Status(raw.status)) {
                    let wait = transport.retry.delay(attempt - 1, retry_after(&raw.headers));
                    tokio::time::sleep(wait).await;
                    continue;
                }
                return Ok(raw);
            }
            Err(e) => {
                let failure = if e.is_connect() {
                    Failure::Connect
                } else if e.is_timeout() {
                    Failure::Timeout
                } else {
                    Failure::Transport
                };
                if may_retry && should_retry(prepared.method, failure) {
                    tokio::time::sleep(transport.retry.delay(attempt - 1, None)).await;
                    continue;
                }
                return Err(if e.is_timeout() {
                    Error::Timeout { operation: prepared.operation, timeout: transport.timeout, attempts: attempt }
                } else {
                    Error::Transport {
                        operation: prepared.operation,
                        url: display_url(&prepared.url),
                        attempts: attempt,
                        source: Box::new(e.without_url()),
                    }
                });
            }
        }
    }
}

/// Checks the status and deserializes the body.
///
/// Any 2xx is a success, the documented one or not ([`Reply::status`] tells which): a 2xx means
/// the cloud accepted the request, and reporting it as an error would invite the caller to send a
/// create again. Anything else is an [`Error::Status`].
pub(crate) fn finish<O: Operation>(prepared: &Prepared, raw: Raw) -> Result<Reply<O::Response>, Error> {
    let request_id = request_id(&raw.headers);
    let text = || String::from_utf8_lossy(&raw.body).into_owned();
    let v1_error = if (200..300).contains(&raw.status) { error_in_success(&raw.body) } else { None };
    if !(200..300).contains(&raw.status) || v1_error.is_some() {
        let (error_code, error_msg) = v1_error.unwrap_or_else(|| cloud_error(&raw.body));
        return Err(Error::Status(Box::new(StatusError {
            operation: prepared.operation,
            status: raw.status,
            expected: prepared.expected,
            error_code,
            error_msg,
            request_id,
            body: text(),
            attempts: raw.attempts,
        })));
    }
    let body = if O::HAS_RESPONSE_BODY {
        serde_json::from_slice::<O::Response>(&raw.body)
    } else {
        // `()`: whatever the body, there is nothing documented to read.
        serde_json::from_value::<O::Response>(serde_json::Value::Null)
    };
    match body {
        Ok(body) => Ok(Reply { body, status: raw.status, documented_status: prepared.expected, request_id }),
        Err(source) => Err(Error::Decode(Box::new(DecodeError {
            operation: prepared.operation,
            status: raw.status,
            request_id,
            body: text(),
            source,
        }))),
    }
}

/// The request id header, when present.
pub(crate) fn request_id(headers: &HeaderMap) -> Option<String> {
    REQUEST_ID
        .iter()
        .find_map(|name| headers.get(*name))
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}

/// `Retry-After: <seconds>` (the HTTP-date form is not used by the services and is ignored).
fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let value = headers.get(reqwest::header::RETRY_AFTER)?.to_str().ok()?;
    value.trim().parse::<u64>().ok().map(Duration::from_secs)
}

/// The URL without user info, for messages.
fn display_url(url: &reqwest::Url) -> String {
    let mut url = url.clone();
    let _ = url.set_password(None);
    let _ = url.set_username("");
    url.to_string()
}

// Copied by otc-sdkgen from generator/runtime/client/sign.rs. Do not edit here: edit that file and run `cargo run`.

//! AK/SK signing: `SDK-HMAC-SHA256`, as the OTC / Huawei Cloud API signing guide describes.
//!
//! ```text
//! CanonicalRequest = method \n canonical URI \n canonical query \n canonical headers \n
//!                    signed headers \n hex(SHA-256(body bytes))
//! StringToSign     = "SDK-HMAC-SHA256" \n X-Sdk-Date \n hex(SHA-256(CanonicalRequest))
//! Signature        = hex(HMAC-SHA256(secret key, StringToSign))
//! Authorization    = SDK-HMAC-SHA256 Access=<access key>, SignedHeaders=<h1;h2>, Signature=<sig>
//! ```
//!
//! - the canonical URI is the path with each segment percent-encoded (everything but
//!   `A-Z a-z 0-9 - _ . ~`) and a trailing `/`;
//! - the canonical query is every `name=value` pair encoded the same way, sorted by name, then
//!   value (repeated names stay, each pair once);
//! - the canonical headers are `name:value\n` for each signed header, names lower-cased and
//!   sorted, values trimmed; the signed headers are their names joined by `;`;
//! - the body is hashed exactly as it is sent (the empty string for no body).
//!
//! The client signs `content-type`, `host`, `x-project-id`, `x-sdk-date` and, with temporary
//! keys, `x-security-token`. The published test vectors of the Huawei Cloud SDK are in
//! `tests/client_signing.rs`.

use std::fmt::Write;

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

/// The signing algorithm's name, first word of the `Authorization` header.
pub const ALGORITHM: &str = "SDK-HMAC-SHA256";

/// What is signed of one request. Header names may have any case; they are lower-cased.
#[derive(Clone, Copy, Debug)]
pub struct Canonical<'a> {
    /// `GET`, `POST`, …
    pub method: &'a str,
    /// The path as sent (percent-encoded or not: it is decoded and encoded again).
    pub path: &'a str,
    /// The query pairs, decoded.
    pub query: &'a [(String, String)],
    /// The headers to sign, with their values.
    pub headers: &'a [(String, String)],
    /// The body bytes exactly as sent.
    pub body: &'a [u8],
}

impl Canonical<'_> {
    /// The canonical request text.
    pub fn request(&self) -> String {
        let mut headers: Vec<(String, &str)> = self.headers.iter().map(|(n, v)| (n.to_ascii_lowercase(), v.trim())).collect();
        headers.sort();
        let mut text = String::with_capacity(256);
        text.push_str(self.method);
        text.push('\n');
        text.push_str(&canonical_uri(self.path));
        text.push('\n');
        text.push_str(&canonical_query(self.query));
        text.push('\n');
        for (name, value) in &headers {
            let _ = writeln!(text, "{name}:{value}");
        }
        text.push('\n');
        text.push_str(&signed_headers(&headers));
        text.push('\n');
        text.push_str(&hex(&Sha256::digest(self.body)));
        text
    }

    /// The `Authorization` header value for these keys at `sdk_date` (`20060102T150405Z`).
    pub fn authorization(&self, access_key: &str, secret_key: &str, sdk_date: &str) -> String {
        let mut headers: Vec<(String, &str)> = self.headers.iter().map(|(n, v)| (n.to_ascii_lowercase(), v.trim())).collect();
        headers.sort();
        let string_to_sign = format!("{ALGORITHM}\n{sdk_date}\n{}", hex(&Sha256::digest(self.request().as_bytes())));
        // HMAC takes keys of any length: `new_from_slice` cannot fail for it.
        let signature = match Hmac::<Sha256>::new_from_slice(secret_key.as_bytes()) {
            Ok(mut mac) => {
                mac.update(string_to_sign.as_bytes());
                hex(&mac.finalize().into_bytes())
            }
            Err(_) => String::new(),
        };
        format!("{ALGORITHM} Access={access_key}, SignedHeaders={}, Signature={signature}", signed_headers(&headers))
    }
}

fn signed_headers(sorted: &[(String, &str)]) -> String {
    sorted.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>().join(";")
}

/// The path, each segment decoded and encoded again, with a trailing `/`.
fn canonical_uri(path: &str) -> String {
    let mut uri = path.split('/').map(|s| escape(&decode(s))).collect::<Vec<_>>().join("/");
    if !uri.ends_with('/') {
        uri.push('/');
    }
    uri
}

/// The query pairs, encoded and sorted.
fn canonical_query(query: &[(String, String)]) -> String {
    let mut pairs: Vec<(String, String)> = query.iter().map(|(n, v)| (escape(n), escape(v))).collect();
    pairs.sort();
    pairs.iter().map(|(n, v)| format!("{n}={v}")).collect::<Vec<_>>().join("&")
}

/// Percent-encodes everything but RFC 3986 unreserved characters.
fn escape(text: &str) -> String {
    crate::runtime::operation::encode_segment(text)
}

/// Decodes `%XX` escapes (invalid ones stay as they are).
fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex_at = |j: usize| bytes.get(j).and_then(|b| (*b as char).to_digit(16));
        match (bytes[i], hex_at(i + 1), hex_at(i + 2)) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Lower-case hex.
fn hex(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(s, "{b:02x}");
    }
    s
}

/// `X-Sdk-Date` of a time given as seconds since the Unix epoch: `20060102T150405Z` (UTC).
pub fn sdk_date(unix_seconds: u64) -> String {
    let days = (unix_seconds / 86_400) as i64;
    let secs = unix_seconds % 86_400;
    let (y, m, d) = super::time::civil_from_days(days);
    format!("{y:04}{m:02}{d:02}T{:02}{:02}{:02}Z", secs / 3600, secs % 3600 / 60, secs % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_uris() {
        assert_eq!(sdk_date(1_136_214_245), "20060102T150405Z");
        assert_eq!(sdk_date(0), "19700101T000000Z");
        assert_eq!(canonical_uri("/v3/p/instances"), "/v3/p/instances/");
        assert_eq!(canonical_uri("/a%20b/"), "/a%20b/");
        let q = [("b".to_owned(), "2".to_owned()), ("a".to_owned(), "x y".to_owned()), ("a".to_owned(), "1".to_owned())];
        assert_eq!(canonical_query(&q), "a=1&a=x%20y&b=2");
    }
}

//! The client's longer jobs against a local axum server: waiting for jobs and instances, busy
//! retries, paging, AK/SK signing (checked by the server with its own implementation of the
//! algorithm, and against the published test vectors), credentials from the environment and
//! `clouds.yaml`, the region table, and tracing without secrets. Every client runs on a
//! `VirtualClock`: waits of minutes and retry back-offs take milliseconds of real time, and the
//! tests check the virtual time that passed, the sleeps taken and the number of requests.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::Response;
use axum::Router;
use futures_util::TryStreamExt;
use hmac::{Hmac, Mac};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use otc_db_sdk::client::clock::Clock;
use otc_db_sdk::client::sign::Canonical;
use otc_db_sdk::client::{Auth, Client, Error, JobStatus, RetryPolicy, VirtualClock, WaitPolicy};
use otc_db_sdk::rds::v3::list_instances::{ListInstances, ListInstancesQuery};
use otc_db_sdk::rds::v3::reboot_instance::{RebootInstance, RebootInstancePathParams, RebootInstanceRequest};
use otc_db_sdk::runtime::operation::{NoPathParams, NoQuery};

const PROJECT: &str = "0549e7d8c1ab4f8bbd8e2b5a4f5d6c7e";
const TOKEN: &str = "MIIDkgYJKoZIhvcNAQcCoIIDgzCCA38CAQExDTALfixed";
const AK: &str = "HSTAKEXAMPLEACCESS01";
const SK: &str = "sK-never-shown-0123456789abcdefSECRET";
const ST: &str = "security-token-never-shown";

// ---------------------------------------------------------------------------------------------
// The server: answers with a function of the request and its number, records every request.

#[derive(Clone, Debug)]
struct Seen {
    method: String,
    path: String,
    query: Vec<(String, String)>,
    headers: HeaderMap,
    body: Bytes,
}

impl Seen {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    fn param(&self, name: &str) -> Option<&str> {
        self.query.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }
}

type Answer = Box<dyn Fn(&Seen, usize) -> (u16, Value) + Send + Sync>;

struct Mock {
    answer: Answer,
    seen: Mutex<Vec<Seen>>,
    /// Signature checks of the server (`None`: the request was not signed).
    signatures: Mutex<Vec<Result<(), String>>>,
}

struct Server {
    addr: SocketAddr,
    mock: Arc<Mock>,
}

impl Server {
    async fn start(answer: impl Fn(&Seen, usize) -> (u16, Value) + Send + Sync + 'static) -> Server {
        let mock = Arc::new(Mock { answer: Box::new(answer), seen: Mutex::new(Vec::new()), signatures: Mutex::new(Vec::new()) });
        let app = Router::new().fallback(handle).with_state(mock.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let addr = listener.local_addr().expect("addr");
        tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        Server { addr, mock }
    }

    fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    fn seen(&self) -> Vec<Seen> {
        self.mock.seen.lock().expect("lock").clone()
    }

    fn signatures(&self) -> Vec<Result<(), String>> {
        self.mock.signatures.lock().expect("lock").clone()
    }

    /// A client of this server on a virtual clock of its own.
    fn client(&self, auth: Auth) -> Client {
        self.client_on(auth, &VirtualClock::new())
    }

    fn client_on(&self, auth: Auth, clock: &VirtualClock) -> Client {
        Client::builder()
            .project_id(PROJECT)
            .base_url(self.url())
            .auth(auth)
            .retry(RetryPolicy::none())
            .clock(clock.clone())
            .build()
            .expect("client")
    }
}

async fn handle(State(mock): State<Arc<Mock>>, method: Method, uri: Uri, headers: HeaderMap, body: Bytes) -> Response {
    let query = uri.query().map(parse_query).unwrap_or_default();
    let seen = Seen { method: method.to_string(), path: uri.path().to_owned(), query, headers, body };
    if let Some(auth) = seen.header("authorization") {
        let check = verify(&seen, auth, SK);
        mock.signatures.lock().expect("lock").push(check);
    }
    let n = {
        let mut all = mock.seen.lock().expect("lock");
        all.push(seen.clone());
        all.len() - 1
    };
    let (status, mut body) = (mock.answer)(&seen, n);
    let mut response = Response::builder()
        .status(StatusCode::from_u16(status).expect("status"))
        .header("content-type", "application/json")
        .header("x-request-id", format!("req-{n}"));
    // An answer's `_headers` object becomes response headers (`Retry-After`, `X-Subject-Token`).
    if let Some(Value::Object(headers)) = body.as_object_mut().and_then(|o| o.remove("_headers")) {
        for (name, value) in headers {
            response = response.header(name, value.as_str().map_or_else(|| value.to_string(), str::to_owned));
        }
    }
    response.body(axum::body::Body::from(body.to_string())).expect("response")
}

/// `a=1&b=x%20y` → decoded pairs, in order.
fn parse_query(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (n, v) = p.split_once('=').unwrap_or((p, ""));
            (percent_decode(n), percent_decode(v))
        })
        .collect()
}

fn percent_decode(s: &str) -> String {
    let mut out = Vec::new();
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            if let Ok(v) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8(out).expect("utf-8")
}

// ---------------------------------------------------------------------------------------------
// The server's own implementation of SDK-HMAC-SHA256 (written from the signing guide, sharing no
// code with the client): it checks what the client sent.

/// RFC 3986 unreserved characters stay; every other byte is %XX (upper case).
fn guide_escape(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn verify(seen: &Seen, authorization: &str, secret: &str) -> Result<(), String> {
    let rest = authorization.strip_prefix("SDK-HMAC-SHA256 ").ok_or("not SDK-HMAC-SHA256")?;
    let parts: BTreeMap<&str, &str> = rest.split(", ").filter_map(|p| p.split_once('=')).collect();
    let signed: Vec<&str> = parts.get("SignedHeaders").ok_or("no SignedHeaders")?.split(';').collect();
    let date = seen.header("x-sdk-date").ok_or("no X-Sdk-Date")?;
    let mut uri = seen.path.split('/').map(|seg| guide_escape(&percent_decode(seg))).collect::<Vec<_>>().join("/");
    if !uri.ends_with('/') {
        uri += "/";
    }
    let mut q: Vec<String> = seen.query.iter().map(|(n, v)| format!("{}={}", guide_escape(n), guide_escape(v))).collect();
    q.sort();
    let mut canonical_headers = String::new();
    for h in &signed {
        let value = seen.header(h).ok_or(format!("signed header {h} not sent"))?;
        canonical_headers += &format!("{h}:{}\n", value.trim());
    }
    let body_hash = hex_of(&Sha256::digest(&seen.body));
    let canonical = format!("{}\n{uri}\n{}\n{canonical_headers}\n{}\n{body_hash}", seen.method, q.join("&"), signed.join(";"));
    let to_sign = format!("SDK-HMAC-SHA256\n{date}\n{}", hex_of(&Sha256::digest(canonical.as_bytes())));
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).map_err(|e| e.to_string())?;
    mac.update(to_sign.as_bytes());
    let expected = hex_of(&mac.finalize().into_bytes());
    match parts.get("Signature") {
        Some(sig) if *sig == expected => Ok(()),
        other => Err(format!("signature {other:?}, expected {expected}")),
    }
}

fn hex_of(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

const MINUTE: Duration = Duration::from_secs(60);

/// Polls every 10 s (no back-off), at most `max_wait`.
fn every_10s(max_wait: Duration) -> WaitPolicy {
    WaitPolicy::new(max_wait).interval(Duration::from_secs(10)).backoff(1.0)
}

/// The virtual time passed on `clock` when the server answers, in seconds.
fn at(clock: &VirtualClock) -> u64 {
    clock.elapsed().as_secs()
}

fn job(status: &str) -> Value {
    json!({"job": {"id": "job-1", "name": "CreateMysqlSingleHAInstance", "status": status, "process": "", "instance": {"id": "i1", "name": "db"}}})
}

// ---------------------------------------------------------------------------------------------
// Jobs.

#[tokio::test]
async fn a_job_unknown_for_a_moment_then_running_then_completed() {
    // Unknown (404) for 12 s, then an empty `job` until 25 s, running until 5 minutes, then done.
    let clock = VirtualClock::new();
    let server_clock = clock.clone();
    let server = Server::start(move |_, _| match at(&server_clock) {
        0..12 => (404, json!({"error_code": "DBS.200001", "error_msg": "job not found"})),
        12..25 => (200, json!({"job": {}})),
        25..300 => (200, job("Running")),
        _ => (200, job("Completed")),
    })
    .await;
    let client = server.client_on(Auth::token(TOKEN), &clock);
    let real = std::time::Instant::now();
    let done = client.wait_for_job("rds", "job-1", every_10s(30 * MINUTE)).await.expect("completes");
    assert_eq!((done.id.as_str(), &done.status), ("job-1", &JobStatus::Completed));
    assert_eq!(done.body["instance"]["id"], "i1");
    // Polls at 0, 10, …, 300 s: 31 polls, 30 sleeps of 10 s, 5 virtual minutes.
    assert_eq!(clock.elapsed(), 5 * MINUTE);
    assert_eq!(clock.sleeps(), vec![Duration::from_secs(10); 30]);
    let seen = server.seen();
    assert_eq!(seen.len(), 31);
    for s in &seen {
        assert_eq!((s.method.as_str(), s.path.as_str()), ("GET", "/v3/0549e7d8c1ab4f8bbd8e2b5a4f5d6c7e/jobs"));
        assert_eq!(s.param("id"), Some("job-1"));
        assert_eq!(s.header("x-auth-token"), Some(TOKEN));
    }
    assert!(real.elapsed() < Duration::from_secs(5), "real time: {:?}", real.elapsed());
}

#[tokio::test]
async fn a_failed_job_is_an_error_with_its_fail_reason() {
    let clock = VirtualClock::new();
    let server_clock = clock.clone();
    let server = Server::start(move |_, _| match at(&server_clock) {
        0..90 => (200, job("Running")),
        _ => (200, json!({"job": {"id": "job-1", "status": "Failed", "fail_reason": "Insufficient quota"}})),
    })
    .await;
    let err = server.client_on(Auth::token(TOKEN), &clock).wait_for_job("dds", "job-1", every_10s(MINUTE * 30)).await.expect_err("fails");
    let Error::JobFailed(job) = &err else { panic!("expected JobFailed, got {err:?}") };
    assert_eq!((job.status.clone(), job.fail_reason.as_deref()), (JobStatus::Failed, Some("Insufficient quota")));
    assert!(err.to_string().contains("job job-1 of dds failed: Insufficient quota"), "{err}");
    assert_eq!((clock.elapsed(), server.seen().len()), (Duration::from_secs(90), 10));
}

#[tokio::test]
async fn a_job_that_never_ends_times_out_after_30_virtual_minutes() {
    let server = Server::start(|_, _| (200, job("Running"))).await;
    let clock = VirtualClock::new();
    let real = std::time::Instant::now();
    // The default policy: 5 s, growing by half up to 30 s.
    let policy = WaitPolicy::new(30 * MINUTE);
    let err = server.client_on(Auth::token(TOKEN), &clock).wait_for_job("gaussdb", "job-1", policy).await.expect_err("times out");
    let Error::WaitTimeout { what, waited, last_status } = &err else { panic!("expected WaitTimeout, got {err:?}") };
    assert_eq!((what.as_str(), last_status.as_deref()), ("job job-1 of gaussdb", Some("Running")));
    // Sleeps 5, 7.5, 11.25, 16.875, 25.3125 (65.9375 s in all), then 30 s each: after 57 of
    // them (1775.9375 s) one more would pass 1800 s, so it gives up: 62 sleeps, 63 polls.
    let ms = |n: u64| Duration::from_micros(n * 1000);
    let mut expected = vec![ms(5_000), ms(7_500), ms(11_250), Duration::from_micros(16_875_000), Duration::from_micros(25_312_500)];
    expected.extend(std::iter::repeat_n(ms(30_000), 57));
    assert_eq!(clock.sleeps(), expected);
    assert_eq!(*waited, Duration::from_micros(1_775_937_500));
    assert_eq!(clock.elapsed(), *waited);
    assert_eq!(server.seen().len(), 63);
    assert!(err.to_string().contains("1775.9"), "{err}");
    assert!(real.elapsed() < Duration::from_secs(5), "real time: {:?}", real.elapsed());
}

#[tokio::test]
async fn an_unknown_job_after_the_grace_period_is_the_services_error() {
    let server = Server::start(|_, _| (404, json!({"error_code": "DBS.200001", "error_msg": "job not found"}))).await;
    let clock = VirtualClock::new();
    // The default grace is 30 s: polls at 0, 10, 20 and 30 s, then the service's answer.
    let err = server.client_on(Auth::token(TOKEN), &clock).wait_for_job("rds", "nope", every_10s(30 * MINUTE)).await.expect_err("unknown");
    assert_eq!((err.status(), err.error_code()), (Some(404), Some("DBS.200001")));
    assert_eq!((clock.elapsed(), server.seen().len()), (Duration::from_secs(30), 4));
    // A longer grace waits longer.
    let clock = VirtualClock::new();
    let policy = every_10s(30 * MINUTE).grace(2 * MINUTE);
    server.client_on(Auth::token(TOKEN), &clock).wait_for_job("rds", "nope", policy).await.expect_err("unknown");
    assert_eq!(clock.elapsed(), 2 * MINUTE);
}

#[tokio::test]
async fn statuses_the_docs_do_not_list_are_kept_and_geminidb_lists_jobs() {
    let server = Server::start(|_, n| match n {
        0 => (200, json!({"jobs": [{"id": "job-1", "status": "Pending"}], "total_count": 1})),
        _ => (200, json!({"jobs": [{"id": "other", "status": "Running"}, {"id": "job-1", "status": "Completed"}], "total_count": 2})),
    })
    .await;
    let client = server.client(Auth::token(TOKEN));
    let first = client.job("geminidb", "job-1").await.expect("query").expect("known");
    assert_eq!(first.status, JobStatus::Unknown("Pending".to_owned()));
    let done = client.wait_for_job("geminidb", "job-1", every_10s(MINUTE)).await.expect("completes");
    assert_eq!(done.status, JobStatus::Completed);
}

#[tokio::test]
async fn a_service_without_a_job_query_is_a_config_error() {
    let client = Client::builder().project_id(PROJECT).base_url("http://127.0.0.1:9").auth(Auth::token(TOKEN)).build().expect("client");
    let err = client.wait_for_job("iam", "x", every_10s(MINUTE)).await.expect_err("no job query");
    let text = err.to_string();
    assert!(matches!(err, Error::Config { .. }) && text.contains("rds") && text.contains("dds"), "{text}");
}

// ---------------------------------------------------------------------------------------------
// Instances and busy retries.

#[tokio::test]
async fn waits_for_an_instance_status_the_page_documents() {
    let clock = VirtualClock::new();
    let server_clock = clock.clone();
    let server = Server::start(move |_, _| {
        let status = if at(&server_clock) < 12 * 60 { "BUILD" } else { "ACTIVE" };
        (200, json!({"instances": [{"id": "i1", "status": status, "name": "db"}], "total_count": 1}))
    })
    .await;
    let client = server.client_on(Auth::token(TOKEN), &clock);
    let policy = WaitPolicy::new(30 * MINUTE).interval(Duration::from_secs(30)).backoff(1.0);
    let i = client.wait_for_instance("rds", "i1", "ACTIVE", policy).await.expect("active");
    assert_eq!((i.status.as_str(), i.body["name"].as_str()), ("ACTIVE", Some("db")));
    // Polls every 30 s from 0 to 12 minutes.
    assert_eq!((clock.elapsed(), server.seen().len()), (12 * MINUTE, 25));
    assert_eq!(server.seen()[0].path, format!("/v3/{PROJECT}/instances"));
    assert_eq!(server.seen()[0].param("id"), Some("i1"));
    let err = client.wait_for_instance("rds", "i1", "RUNNING", every_10s(MINUTE)).await.expect_err("not documented");
    assert!(err.to_string().contains("ACTIVE") && err.to_string().contains("BUILD"), "{err}");
    let err = client.wait_for_instance("dds", "i1", "ACTIVE", every_10s(MINUTE)).await.expect_err("dds says normal");
    assert!(err.to_string().contains("normal"), "{err}");
}

#[tokio::test]
async fn a_failed_instance_status_ends_the_wait() {
    let server = Server::start(|_, _| (200, json!({"instances": [{"id": "i1", "status": "createfail"}], "total_count": 1}))).await;
    let err = server.client(Auth::token(TOKEN)).wait_for_instance("dds", "i1", "normal", every_10s(MINUTE)).await.expect_err("failed");
    assert!(matches!(&err, Error::InstanceFailed(i) if i.status == "createfail"), "{err:?}");
}

fn reboot() -> RebootInstanceRequest {
    serde_json::from_value(json!({"restart": {}})).expect("reboot body")
}

#[tokio::test]
async fn a_busy_instance_is_retried_until_free_when_asked() {
    // Busy for 2 minutes, then accepted.
    let clock = VirtualClock::new();
    let server_clock = clock.clone();
    let server = Server::start(move |_, _| match at(&server_clock) {
        0..120 => (409, json!({"error_code": "DBS.200011", "error_msg": "Another operation is being performed on the DB instance"})),
        _ => (202, json!({"job_id": "job-9"})),
    })
    .await;
    let client = server.client_on(Auth::token(TOKEN), &clock);
    let path = RebootInstancePathParams::new("i1");
    let policy = WaitPolicy::new(10 * MINUTE).interval(Duration::from_secs(20)).backoff(1.0);
    let reply = client.send_when_free(RebootInstance, &path, &NoQuery, &reboot(), policy.clone()).await.expect("accepted");
    assert_eq!(reply.status, 202);
    // Sent at 0, 20, …, 120 s.
    assert_eq!((clock.elapsed(), server.seen().len()), (2 * MINUTE, 7));
    // Without asking, the busy error is returned at once.
    let server = Server::start(|_, _| (409, json!({"error_code": "DBS.200019", "error_msg": "busy"}))).await;
    let clock = VirtualClock::new();
    let client = server.client_on(Auth::token(TOKEN), &clock);
    let err = client.send(RebootInstance, &path, &NoQuery, &reboot()).await.expect_err("busy");
    assert_eq!((err.error_code(), clock.elapsed()), (Some("DBS.200019"), Duration::ZERO));
    // Still busy after 10 minutes: sent at 0, 20, …, 600 s.
    let err = client.send_when_free(RebootInstance, &path, &NoQuery, &reboot(), policy.clone()).await.expect_err("still busy");
    assert!(
        matches!(&err, Error::WaitTimeout { last_status: Some(c), waited, .. } if c == "DBS.200019" && *waited == 10 * MINUTE),
        "{err:?}"
    );
    assert_eq!(server.seen().len(), 1 + 31);
    // Another error code is not retried.
    let server = Server::start(|_, _| (400, json!({"error_code": "DBS.200001", "error_msg": "bad"}))).await;
    let err = server.client(Auth::token(TOKEN)).send_when_free(RebootInstance, &path, &NoQuery, &reboot(), policy).await.expect_err("bad");
    assert_eq!((err.error_code(), server.seen().len()), (Some("DBS.200001"), 1));
}

#[tokio::test]
async fn busy_codes_are_each_services_own_from_the_specs() {
    use otc_db_sdk::client::wait::busy_codes;
    use otc_db_sdk::dds::v3::restart_instance::{RestartInstance, RestartInstancePathParams, RestartInstanceRequest};
    // The client's codes are those of spec/<service>/marks.yaml.
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("spec");
    for service in ["dds", "gaussdb", "geminidb", "rds", "taurusdb"] {
        let text = std::fs::read_to_string(root.join(service).join("marks.yaml")).expect("marks.yaml");
        let codes: Vec<&str> = text.lines().filter_map(|l| l.strip_prefix("- code: ")).collect();
        assert_eq!(busy_codes(service), codes.as_slice(), "{service}");
    }
    assert!(busy_codes("iam").is_empty());
    // DBS.200011 is "another operation is being performed" in the RDS appendix, and "this
    // instance status does not allow the operation" in the DDS one: a DDS restart refused with
    // it is not sent again; with DBS.201015 ("another operation is being performed") it is.
    assert!(busy_codes("rds").contains(&"DBS.200011") && !busy_codes("dds").contains(&"DBS.200011"));
    let request: RestartInstanceRequest = serde_json::from_value(json!({"target_id": "i1"})).expect("restart body");
    let path = RestartInstancePathParams::new("i1");
    let policy = every_10s(10 * MINUTE);
    let server = Server::start(|_, _| (403, json!({"error_code": "DBS.200011", "error_msg": "status does not allow"}))).await;
    let err = server.client(Auth::token(TOKEN)).send_when_free(RestartInstance, &path, &NoQuery, &request, policy.clone()).await;
    assert_eq!((err.expect_err("refused").error_code(), server.seen().len()), (Some("DBS.200011"), 1));
    let server = Server::start(|_, n| match n {
        0 => (403, json!({"error_code": "DBS.201015", "error_msg": "Another operation is being performed."})),
        _ => (202, json!({"job_id": "job-1"})),
    })
    .await;
    let clock = VirtualClock::new();
    let reply = server.client_on(Auth::token(TOKEN), &clock).send_when_free(RestartInstance, &path, &NoQuery, &request, policy).await;
    assert_eq!((reply.expect("accepted").status, server.seen().len(), clock.elapsed()), (202, 2, Duration::from_secs(10)));
}

#[tokio::test]
async fn retry_back_off_runs_on_the_clock() {
    // 503 with `Retry-After: 3` twice, then 200: two sleeps of exactly 3 s.
    let server = Server::start(|_, n| match n {
        0 | 1 => (503, json!({"error_code": "APIGW.0308", "error_msg": "throttled", "_headers": {"retry-after": "3"}})),
        _ => (200, json!({"instances": [], "total_count": 0})),
    })
    .await;
    let clock = VirtualClock::new();
    let client = Client::builder()
        .project_id(PROJECT)
        .base_url(server.url())
        .auth(Auth::token(TOKEN))
        .clock(clock.clone())
        .build()
        .expect("client with the default retry policy");
    let _: Vec<_> = client.paginate(ListInstances, &NoPathParams, &ListInstancesQuery::default()).try_collect().await.expect("listed");
    assert_eq!(clock.sleeps(), [Duration::from_secs(3), Duration::from_secs(3)]);
    assert_eq!(clock.elapsed(), Duration::from_secs(6));
    // Without Retry-After: 200 ms × 2ⁿ with jitter (half of it to all of it), 3 retries, then the error.
    let server = Server::start(|_, _| (503, json!({"error_code": "APIGW.0308", "error_msg": "throttled"}))).await;
    let clock = VirtualClock::new();
    let client =
        Client::builder().project_id(PROJECT).base_url(server.url()).auth(Auth::token(TOKEN)).clock(clock.clone()).build().expect("client");
    let err = client.send(RebootInstance, &RebootInstancePathParams::new("i1"), &NoQuery, &reboot()).await.expect_err("503");
    assert!(matches!(&err, Error::Status(e) if e.attempts == 4), "{err:?}");
    let sleeps = clock.sleeps();
    assert_eq!(sleeps.len(), 3);
    for (sleep, full_ms) in sleeps.iter().zip([200, 400, 800]) {
        let full = Duration::from_millis(full_ms);
        assert!(*sleep >= full / 2 && *sleep <= full, "{sleep:?} outside {:?}..={full:?}", full / 2);
    }
}

#[tokio::test]
async fn a_password_token_is_renewed_after_23_virtual_hours() {
    // IAM issues tokens living 24 hours; the default margin renews them 1 hour before the end.
    let server = Server::start(|seen, n| {
        if seen.path == "/v3/auth/tokens" {
            let token =
                json!({"issued_at": "2015-11-09T00:00:00.000000Z", "expires_at": "2015-11-10T00:00:00.000000Z", "methods": ["password"]});
            (201, json!({"token": token, "_headers": {"x-subject-token": format!("token-{n}")}}))
        } else {
            (200, json!({"instances": [], "total_count": 0}))
        }
    })
    .await;
    let clock = VirtualClock::new();
    let client = Client::builder()
        .project_id(PROJECT)
        .base_url(server.url())
        .auth(Auth::password("user", "pw-never-shown", "domain"))
        .clock(clock.clone())
        .build()
        .expect("client");
    let list = || async {
        let _: Vec<_> = client.paginate(ListInstances, &NoPathParams, &ListInstancesQuery::default()).try_collect().await.expect("listed");
    };
    list().await;
    clock.advance(Duration::from_secs(23 * 3600 - 1));
    list().await;
    clock.advance(Duration::from_secs(2));
    list().await;
    let tokens: Vec<_> =
        server.seen().iter().filter(|s| s.path != "/v3/auth/tokens").map(|s| s.header("x-auth-token").map(str::to_owned)).collect();
    assert_eq!(tokens, [Some("token-0".to_owned()), Some("token-0".to_owned()), Some("token-3".to_owned())]);
}

#[tokio::test]
async fn the_signing_date_is_the_clocks() {
    let server = Server::start(|_, _| (200, json!({"instances": [], "total_count": 0}))).await;
    // 2006-01-02T15:04:05Z, the date of the published test vectors.
    let clock = VirtualClock::starting_at(std::time::UNIX_EPOCH + Duration::from_secs(1_136_214_245));
    let client = server.client_on(Auth::aksk(AK, SK), &clock);
    let list = || async {
        let _: Vec<_> = client.paginate(ListInstances, &NoPathParams, &ListInstancesQuery::default()).try_collect().await.expect("listed");
    };
    list().await;
    clock.advance(Duration::from_secs(3600));
    list().await;
    let dates: Vec<_> = server.seen().iter().map(|s| s.header("x-sdk-date").unwrap_or("").to_owned()).collect();
    assert_eq!(dates, ["20060102T150405Z", "20060102T160405Z"]);
    assert_eq!(server.signatures(), [Ok(()), Ok(())]);
    assert!(clock.now() > std::time::Instant::now(), "an hour ahead of the real clock");
}

// ---------------------------------------------------------------------------------------------
// Paging.

/// A server holding `count` instances that pages by `offset`/`limit` (default 10), reporting
/// `total` (or the true count).
async fn list_server(count: usize, total: Option<usize>) -> Server {
    Server::start(move |seen, _| {
        let offset: usize = seen.param("offset").and_then(|v| v.parse().ok()).unwrap_or(0);
        let limit: usize = seen.param("limit").and_then(|v| v.parse().ok()).unwrap_or(10);
        let items: Vec<Value> = (offset..count.min(offset + limit)).map(|i| json!({"id": format!("i{i}"), "status": "ACTIVE"})).collect();
        (200, json!({"instances": items, "total_count": total.unwrap_or(count)}))
    })
    .await
}

async fn ids(client: &Client, query: &ListInstancesQuery) -> Result<Vec<String>, Error> {
    let items: Vec<_> = client.paginate(ListInstances, &NoPathParams, query).try_collect().await?;
    Ok(items.into_iter().map(|i| i.id.unwrap_or_default()).collect())
}

#[tokio::test]
async fn pages_over_several_pages_without_skipping_or_repeating() {
    let server = list_server(5, None).await;
    let client = server.client(Auth::token(TOKEN));
    let got = ids(&client, &ListInstancesQuery::default().limit(2).name("db a&b")).await.expect("pages");
    assert_eq!(got, ["i0", "i1", "i2", "i3", "i4"]);
    let seen = server.seen();
    let offsets: Vec<_> = seen.iter().map(|s| (s.param("offset").unwrap_or(""), s.param("limit").unwrap_or(""))).collect();
    assert_eq!(offsets, [("0", "2"), ("2", "2"), ("4", "2")]);
    assert!(seen.iter().all(|s| s.param("name") == Some("db a&b")));
}

#[tokio::test]
async fn the_documented_maximum_limit_is_used_and_caps_the_callers() {
    let server = list_server(3, None).await;
    let client = server.client(Auth::token(TOKEN));
    assert_eq!(ids(&client, &ListInstancesQuery::default()).await.expect("pages").len(), 3);
    assert_eq!(ids(&client, &ListInstancesQuery::default().limit(500)).await.expect("pages").len(), 3);
    let limits: Vec<_> = server.seen().iter().map(|s| s.param("limit").unwrap_or("").to_owned()).collect();
    assert_eq!(limits, ["100", "100"]);
}

#[tokio::test]
async fn an_empty_list_is_one_request_and_no_item() {
    let server = list_server(0, None).await;
    let got = ids(&server.client(Auth::token(TOKEN)), &ListInstancesQuery::default()).await.expect("pages");
    assert!(got.is_empty());
    assert_eq!(server.seen().len(), 1);
}

#[tokio::test]
async fn a_total_count_that_lies_neither_loops_nor_repeats() {
    // Says 50, holds 3: an empty page ends it.
    let server = list_server(3, Some(50)).await;
    let got = ids(&server.client(Auth::token(TOKEN)), &ListInstancesQuery::default().limit(2)).await.expect("pages");
    assert_eq!(got, ["i0", "i1", "i2"]);
    assert_eq!(server.seen().len(), 3);
    // Says 2, holds 5: the total ends it.
    let server = list_server(5, Some(2)).await;
    let got = ids(&server.client(Auth::token(TOKEN)), &ListInstancesQuery::default().limit(2)).await.expect("pages");
    assert_eq!(got, ["i0", "i1"]);
    // A server that ignores the offset and always answers a full page, without a total.
    let server = Server::start(|_, _| (200, json!({"instances": [{"id": "same"}, {"id": "same2"}]}))).await;
    let client = server.client(Auth::token(TOKEN));
    let stream = client.paginate(ListInstances, &NoPathParams, &ListInstancesQuery::default().limit(2));
    let result: Result<Vec<_>, Error> = stream.try_collect().await;
    assert!(matches!(result, Err(Error::Config { .. })), "stops with an error");
    assert_eq!(server.seen().len() as u64, otc_db_sdk::client::paginate::MAX_PAGES);
}

#[tokio::test]
async fn an_error_page_is_yielded_and_ends_the_stream() {
    let server = Server::start(|_, n| match n {
        0 => (200, json!({"instances": [{"id": "a"}, {"id": "b"}], "total_count": 4})),
        _ => (500, json!({"error_code": "DBS.200999", "error_msg": "boom"})),
    })
    .await;
    let client = server.client(Auth::token(TOKEN));
    let items: Vec<Result<_, Error>> =
        futures_util::StreamExt::collect(client.paginate(ListInstances, &NoPathParams, &ListInstancesQuery::default().limit(2))).await;
    assert_eq!(items.len(), 3);
    assert!(matches!(&items[2], Err(e) if e.status() == Some(500)));
}

// ---------------------------------------------------------------------------------------------
// AK/SK signing.

/// The published test vectors of the Huawei Cloud SDK's signer
/// (huaweicloud-sdk-go-v3, `core/auth/signer/signer_test.go`): AK `AccessKey`, SK `SecretKey`,
/// `X-Sdk-Date: 20060102T150405Z`, host `example.huaweicloud.com`, only `x-sdk-date` signed.
#[test]
fn published_test_vectors() {
    let headers = [("X-Sdk-Date".to_owned(), "20060102T150405Z".to_owned())];
    let get = Canonical { method: "GET", path: "/path", query: &[("limit".to_owned(), "1".to_owned())], headers: &headers, body: b"" };
    assert_eq!(
        get.authorization("AccessKey", "SecretKey", "20060102T150405Z"),
        "SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=x-sdk-date, Signature=5a2ce64c865e0e6046321c6f3d5a77ba8413eeaf355c3166c03d58d02ac79624"
    );
    // The body is Go's json.Encoder output of {Name: "test", Id: 1}, newline included.
    let post = Canonical {
        method: "POST",
        path: "/path",
        query: &[("key".to_owned(), "value".to_owned())],
        headers: &headers,
        body: b"{\"Name\":\"test\",\"Id\":1}\n",
    };
    assert_eq!(
        post.authorization("AccessKey", "SecretKey", "20060102T150405Z"),
        "SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=x-sdk-date, Signature=cecc2af119b18ab70b4d094c0750f3b42c02f254903179a0fc2cc72fc9db4f59"
    );
}

#[test]
fn canonical_request_of_repeated_keys_and_characters_that_need_encoding() {
    let query = [
        ("multi".to_owned(), "3".to_owned()),
        ("test".to_owned(), "一 (&=?!#%.*)".to_owned()),
        ("multi".to_owned(), "1".to_owned()),
        ("path".to_owned(), "/tmp/123".to_owned()),
    ];
    let headers = [("Host".to_owned(), " h.example ".to_owned()), ("X-Sdk-Date".to_owned(), "20060102T150405Z".to_owned())];
    let c = Canonical { method: "GET", path: "/v3/a b/", query: &query, headers: &headers, body: b"" };
    let text = c.request();
    let lines: Vec<&str> = text.split('\n').collect();
    assert_eq!(lines[1], "/v3/a%20b/");
    // The query line of the published canonicalQueryString test, with repeated keys sorted by value.
    assert_eq!(lines[2], "multi=1&multi=3&path=%2Ftmp%2F123&test=%E4%B8%80%20%28%26%3D%3F%21%23%25.%2A%29");
    assert_eq!(&lines[3..7], ["host:h.example", "x-sdk-date:20060102T150405Z", "", "host;x-sdk-date"]);
    assert_eq!(lines[7], "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

#[tokio::test]
async fn every_request_is_signed_and_the_server_verifies_it() {
    let server = Server::start(|seen, _| {
        if seen.method == "POST" {
            (202, json!({"job_id": "job-9"}))
        } else {
            (200, json!({"instances": [], "total_count": 0}))
        }
    })
    .await;
    let client = server.client(Auth::aksk(AK, SK));
    // POST with a body.
    client.send(RebootInstance, &RebootInstancePathParams::new("i 1/é"), &NoQuery, &reboot()).await.expect("signed POST");
    // GET with a query that needs encoding.
    let q = ListInstancesQuery::default().name("a b&c=d/é").limit(7);
    let _: Vec<_> = client.paginate(ListInstances, &NoPathParams, &q).try_collect().await.expect("signed GET");
    let seen = server.seen();
    assert_eq!(seen.len(), 2);
    assert_eq!(server.signatures(), [Ok(()), Ok(())]);
    for s in &seen {
        assert_eq!(s.header("x-project-id"), Some(PROJECT));
        assert!(s.header("x-auth-token").is_none(), "no token with AK/SK");
        let auth = s.header("authorization").expect("signed");
        assert!(
            auth.starts_with(&format!("SDK-HMAC-SHA256 Access={AK}, SignedHeaders=content-type;host;x-project-id;x-sdk-date, Signature=")),
            "{auth}"
        );
        let date = s.header("x-sdk-date").expect("date");
        assert!(date.len() == 16 && date.ends_with('Z') && date.as_bytes()[8] == b'T', "{date}");
    }
    // A wrong secret does not verify.
    let s = &seen[0];
    assert!(verify(s, s.header("authorization").expect("signed"), "another secret").is_err());
}

#[tokio::test]
async fn temporary_keys_send_and_sign_their_security_token() {
    let server = Server::start(|_, _| (200, json!({"instances": [], "total_count": 0}))).await;
    let client = server.client(Auth::aksk_with_token(AK, SK, ST));
    let _: Vec<_> = client.paginate(ListInstances, &NoPathParams, &ListInstancesQuery::default()).try_collect().await.expect("signed");
    let s = &server.seen()[0];
    assert_eq!(s.header("x-security-token"), Some(ST));
    assert!(s.header("authorization").expect("signed").contains("x-sdk-date;x-security-token"));
    assert_eq!(server.signatures(), [Ok(())]);
}

#[tokio::test]
async fn keys_are_never_shown() {
    let auth = Auth::aksk_with_token(AK, SK, ST);
    let debug = format!("{auth:?}");
    for secret in [AK, SK, ST] {
        assert!(!debug.contains(secret), "{debug}");
    }
    // A server echoing the request's secrets in an error body.
    let server = Server::start(|seen, _| (400, json!({"error_code": "X", "error_msg": format!("bad {:?}", seen.headers)}))).await;
    let client = server.client(auth);
    let err = client.send(RebootInstance, &RebootInstancePathParams::new("i1"), &NoQuery, &reboot()).await.expect_err("400");
    let shown = format!("{err} {err:?} {client:?}");
    for secret in [SK, ST, AK] {
        assert!(!shown.contains(secret), "{secret} in {shown}");
    }
}

// ---------------------------------------------------------------------------------------------
// Credentials from the environment and clouds.yaml; regions.

fn vars(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
    let map: BTreeMap<String, String> = pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect();
    move |name| map.get(name).cloned()
}

fn config_message(result: Result<Client, Error>) -> String {
    match result {
        Err(Error::Config { message }) => message,
        other => panic!("expected a config error, got {other:?}"),
    }
}

#[tokio::test]
async fn from_env_reads_every_variable() {
    let server = Server::start(|_, _| (200, json!({"instances": [], "total_count": 0}))).await;
    let url = server.url();
    let iam = format!("{url}/v3");
    // Password: OS_AUTH_URL becomes the IAM endpoint (without /v3).
    let client = Client::builder()
        .from_vars(vars(&[
            ("OS_AUTH_URL", &iam),
            ("OS_USERNAME", "user"),
            ("OS_PASSWORD", "pw-never-shown"),
            ("OS_USER_DOMAIN_NAME", "OTC-EU-DE-000000000010000XXXXX"),
            ("OS_PROJECT_ID", PROJECT),
            ("OS_PROJECT_NAME", "eu-nl"),
            ("OS_REGION_NAME", "eu-ch2"),
        ]))
        .expect("from vars")
        .build()
        .expect("client");
    assert_eq!(client.project_id(), Some(PROJECT));
    assert_eq!(client.endpoint("iam").expect("iam"), url);
    assert_eq!(client.endpoint("rds").expect("rds"), "https://rds.eu-ch2.sc.otc.t-systems.com");
    assert!(!format!("{client:?}").contains("pw-never-shown"));
    // OS_DOMAIN_NAME stands in for OS_USER_DOMAIN_NAME; the region comes from the project name.
    let client = Client::builder()
        .from_vars(vars(&[
            ("OS_USERNAME", "u"),
            ("OS_PASSWORD", "p"),
            ("OS_DOMAIN_NAME", "d"),
            ("OS_PROJECT_ID", PROJECT),
            ("OS_PROJECT_NAME", "eu-nl_sub"),
        ]))
        .expect("from vars")
        .build()
        .expect("client");
    assert_eq!(client.endpoint("taurusdb").expect("taurusdb"), "https://gaussdb-mysql.eu-nl.otc.t-systems.com");
    // A token; AK/SK with a security token: requests are signed.
    let client = Client::builder()
        .from_vars(vars(&[("OS_TOKEN", TOKEN), ("OS_PROJECT_ID", PROJECT), ("OS_REGION_NAME", "eu-de")]))
        .and_then(|b| b.base_url(url.clone()).build())
        .expect("token client");
    let _: Vec<_> = client.paginate(ListInstances, &NoPathParams, &ListInstancesQuery::default()).try_collect().await.expect("call");
    assert_eq!(server.seen()[0].header("x-auth-token"), Some(TOKEN));
    let client = Client::builder()
        .from_vars(vars(&[("OS_ACCESS_KEY", AK), ("OS_SECRET_KEY", SK), ("OS_SECURITY_TOKEN", ST), ("OS_PROJECT_ID", PROJECT)]))
        .and_then(|b| b.base_url(url.clone()).build())
        .expect("aksk client");
    let _: Vec<_> = client.paginate(ListInstances, &NoPathParams, &ListInstancesQuery::default()).try_collect().await.expect("call");
    assert_eq!(server.seen()[1].header("x-security-token"), Some(ST));
    assert_eq!(server.signatures(), [Ok(())]);
}

/// An IAM that knows the project `eu-de_proj` (id `PROJECT`): password tokens scoped to it by
/// name, and a fixed token scoped to it answering `GET /v3/auth/tokens`.
async fn iam_with_projects() -> Server {
    Server::start(|seen, n| match (seen.method.as_str(), seen.path.as_str()) {
        ("POST", "/v3/auth/tokens") => {
            let body: Value = serde_json::from_slice(&seen.body).expect("JSON");
            let project = &body["auth"]["scope"]["project"];
            if project["name"] == "eu-de_proj" || project["id"] == PROJECT {
                let token = json!({"expires_at": "2015-11-10T00:00:00Z", "issued_at": "2015-11-09T00:00:00Z",
                    "project": {"id": PROJECT, "name": "eu-de_proj", "domain": {"id": "d1", "name": "dom"}}});
                (201, json!({"token": token, "_headers": {"x-subject-token": format!("token-{n}")}}))
            } else {
                (401, json!({"error": {"code": 401, "message": "The request you have made requires authentication."}}))
            }
        }
        ("GET", "/v3/auth/tokens") => {
            let project = if seen.header("x-subject-token") == Some(TOKEN) { "eu-de_proj" } else { "eu-nl_other" };
            (200, json!({"token": {"project": {"id": if project == "eu-de_proj" { PROJECT } else { "other-id" }, "name": project}}}))
        }
        _ => (200, json!({"instances": [], "total_count": 0})),
    })
    .await
}

#[tokio::test]
async fn a_project_name_is_resolved_through_iam_once() {
    let server = iam_with_projects().await;
    let vars_of = |auth: &[(&'static str, &'static str)], name: &'static str| {
        let mut pairs = vec![("OS_PROJECT_NAME", name)];
        pairs.extend_from_slice(auth);
        Client::builder().from_vars(vars(&pairs)).and_then(|b| b.base_url(server.url()).clock(VirtualClock::new()).build()).expect("client")
    };
    let password = [("OS_USERNAME", "user"), ("OS_PASSWORD", "pw-never-shown"), ("OS_USER_DOMAIN_NAME", "dom")];
    // A password: the token is asked for scoped to the project by name; its project id is used
    // for every path, and the token for the calls.
    let client = vars_of(&password, "eu-de_proj");
    assert_eq!(client.project_id(), None);
    for _ in 0..2 {
        let _: Vec<_> = client.paginate(ListInstances, &NoPathParams, &ListInstancesQuery::default()).try_collect().await.expect("listed");
    }
    assert_eq!(client.project_id(), Some(PROJECT));
    let seen = server.seen();
    let shown: Vec<(&str, &str)> = seen.iter().map(|s| (s.method.as_str(), s.path.as_str())).collect();
    let list_path = format!("/v3/{PROJECT}/instances");
    assert_eq!(shown, [("POST", "/v3/auth/tokens"), ("GET", list_path.as_str()), ("GET", list_path.as_str())]);
    let token_request: Value = serde_json::from_slice(&seen[0].body).expect("JSON");
    assert_eq!(token_request["auth"]["scope"], json!({"project": {"name": "eu-de_proj"}}));
    assert!(seen[1..].iter().all(|s| s.header("x-auth-token") == Some("token-0")), "the token of the lookup is used");
    // An unknown name: a configuration error naming it, without the password.
    let client = vars_of(&password, "eu-de_nope");
    let err = client.resolve_project_id().await.expect_err("unknown project");
    let text = format!("{err} {err:?}");
    assert!(matches!(err, Error::Config { .. }) && text.contains("`eu-de_nope`") && text.contains("401"), "{text}");
    assert!(!text.contains("pw-never-shown"), "{text}");
    // A fixed token: GET /v3/auth/tokens tells its project, which must be the one named.
    let client = vars_of(&[("OS_TOKEN", TOKEN)], "eu-de_proj");
    assert_eq!(client.resolve_project_id().await.expect("resolved"), PROJECT);
    let check = server.seen().into_iter().rev().find(|s| s.method == "GET" && s.path == "/v3/auth/tokens").expect("token check");
    assert_eq!((check.header("x-auth-token"), check.header("x-subject-token")), (Some(TOKEN), Some(TOKEN)));
    let client = vars_of(&[("OS_TOKEN", TOKEN)], "eu-de_other");
    let err = client.resolve_project_id().await.expect_err("another project");
    assert!(err.to_string().contains("scoped to the project `eu-de_proj`") && !err.to_string().contains(TOKEN), "{err}");
}

#[test]
fn from_env_names_what_is_missing() {
    let build = |pairs: &[(&str, &str)]| Client::builder().from_vars(vars(pairs)).and_then(|b| b.build());
    let m = config_message(build(&[("OS_TOKEN", TOKEN)]));
    assert!(m.contains("OS_PROJECT_ID or OS_PROJECT_NAME"), "{m}");
    // A project name alone: resolved through IAM with a token or a password, refused with AK/SK.
    let client = build(&[("OS_TOKEN", TOKEN), ("OS_PROJECT_NAME", "eu-de_proj")]).expect("a client of a project name");
    assert_eq!((client.project_name(), client.project_id()), (Some("eu-de_proj"), None));
    assert_eq!(client.endpoint("rds").expect("rds"), "https://rds.eu-de.otc.t-systems.com");
    let m = config_message(build(&[("OS_ACCESS_KEY", AK), ("OS_SECRET_KEY", SK), ("OS_PROJECT_NAME", "eu-de_proj")]));
    assert!(m.contains("AK/SK") && m.contains("OS_PROJECT_ID") && !m.contains(SK), "{m}");
    assert!(config_message(build(&[("OS_PROJECT_ID", PROJECT)])).contains("no credentials"));
    let m = config_message(build(&[("OS_PROJECT_ID", PROJECT), ("OS_USERNAME", "u")]));
    assert!(m.contains("OS_PASSWORD") && m.contains("OS_USER_DOMAIN_NAME") && !m.contains("OS_USERNAME ("), "{m}");
    assert!(config_message(build(&[("OS_PROJECT_ID", PROJECT), ("OS_ACCESS_KEY", AK)])).contains("OS_SECRET_KEY"));
    assert!(config_message(build(&[("OS_PROJECT_ID", PROJECT), ("OS_SECRET_KEY", SK)])).contains("OS_ACCESS_KEY"));
    let m = config_message(build(&[("OS_CLOUD", "otc"), ("OS_CLIENT_CONFIG_FILE", "/nonexistent/clouds.yaml"), ("HOME", "/nonexistent")]));
    assert!(m.contains("no clouds.yaml") && m.contains("/nonexistent/clouds.yaml"), "{m}");
    for secret in [SK, TOKEN] {
        assert!(!m.contains(secret));
    }
}

#[test]
fn clouds_yaml_picks_the_cloud_and_the_environment_wins() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("clouds.yaml");
    let yaml = format!(
        "clouds:\n  other:\n    auth: {{token: x}}\n  otc:\n    region_name: eu-nl\n    auth:\n      auth_url: https://iam.eu-nl.otc.t-systems.com/v3\n      ak: {AK}\n      sk: {SK}\n      project_id: {PROJECT}\n      project_name: eu-nl\n"
    );
    std::fs::write(&file, yaml).expect("write");
    let path = file.display().to_string();
    let client = Client::builder()
        .from_vars(vars(&[("OS_CLOUD", "otc"), ("OS_CLIENT_CONFIG_FILE", &path)]))
        .and_then(|b| b.build())
        .expect("client");
    assert_eq!(client.endpoint("iam").expect("iam"), "https://iam.eu-nl.otc.t-systems.com");
    assert_eq!(client.endpoint("dds").expect("dds"), "https://dds.eu-nl.otc.t-systems.com");
    assert_eq!(client.project_id(), Some(PROJECT));
    // The environment wins over the file.
    let client = Client::builder()
        .from_vars(vars(&[("OS_CLOUD", "otc"), ("OS_CLIENT_CONFIG_FILE", &path), ("OS_REGION_NAME", "eu-de")]))
        .and_then(|b| b.build())
        .expect("client");
    assert_eq!(client.endpoint("dds").expect("dds"), "https://dds.eu-de.otc.t-systems.com");
    // $XDG_CONFIG_HOME/openstack/clouds.yaml is a search path.
    std::fs::create_dir_all(dir.path().join("openstack")).expect("mkdir");
    std::fs::copy(&file, dir.path().join("openstack/clouds.yaml")).expect("copy");
    let xdg = dir.path().display().to_string();
    assert!(Client::builder().from_vars(vars(&[("OS_CLOUD", "otc"), ("XDG_CONFIG_HOME", &xdg)])).is_ok());
    // A cloud the file does not have, and a file that is not YAML.
    let m = config_message(
        Client::builder().from_vars(vars(&[("OS_CLOUD", "nope"), ("OS_CLIENT_CONFIG_FILE", &path)])).and_then(|b| b.build()),
    );
    assert!(m.contains("`nope`") && m.contains("other, otc"), "{m}");
    std::fs::write(&file, "clouds: [unclosed").expect("write");
    let m =
        config_message(Client::builder().from_vars(vars(&[("OS_CLOUD", "otc"), ("OS_CLIENT_CONFIG_FILE", &path)])).and_then(|b| b.build()));
    assert!(m.contains(&path) && m.contains("not valid YAML"), "{m}");
}

#[test]
fn eu_ch2_and_the_other_regions() {
    let client = |region: &str| Client::builder().project_id(PROJECT).region(region).auth(Auth::token(TOKEN)).build().expect("client");
    let ch2 = client("eu-ch2");
    assert_eq!(ch2.endpoint("rds").expect("rds"), "https://rds.eu-ch2.sc.otc.t-systems.com");
    assert_eq!(ch2.endpoint("iam").expect("iam"), "https://iam-pub.eu-ch2.sc.otc.t-systems.com");
    assert_eq!(ch2.endpoint("geminidb").expect("geminidb"), "https://gaussdb-nosql.eu-ch2.sc.otc.t-systems.com");
    let de = client("eu-de");
    assert_eq!(de.endpoint("iam").expect("iam"), "https://iam.eu-de.otc.t-systems.com");
    assert_eq!(de.endpoint("taurusdb").expect("taurusdb"), "https://gaussdb-mysql.eu-de.otc.t-systems.com");
    assert_eq!(client("eu-nl").endpoint("gaussdb").expect("gaussdb"), "https://gaussdb.eu-nl.otc.t-systems.com");
}

// ---------------------------------------------------------------------------------------------
// Tracing.

/// A subscriber that writes every span's and event's fields into one string.
#[derive(Clone, Default)]
struct Capture(Arc<Mutex<String>>);

struct Fields<'a>(&'a mut String);

impl tracing::field::Visit for Fields<'_> {
    fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
        self.0.push_str(&format!(" {}={value:?}", field.name()));
    }
}

impl tracing::Subscriber for Capture {
    fn enabled(&self, _: &tracing::Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, span: &tracing::span::Attributes<'_>) -> tracing::span::Id {
        let mut text = self.0.lock().expect("lock");
        text.push_str(&format!("\nspan {}", span.metadata().name()));
        span.record(&mut Fields(&mut text));
        tracing::span::Id::from_u64(1)
    }
    fn record(&self, _: &tracing::span::Id, values: &tracing::span::Record<'_>) {
        values.record(&mut Fields(&mut self.0.lock().expect("lock")));
    }
    fn record_follows_from(&self, _: &tracing::span::Id, _: &tracing::span::Id) {}
    fn event(&self, event: &tracing::Event<'_>) {
        let mut text = self.0.lock().expect("lock");
        text.push_str("\nevent");
        event.record(&mut Fields(&mut text));
    }
    fn enter(&self, _: &tracing::span::Id) {}
    fn exit(&self, _: &tracing::span::Id) {}
}

#[tokio::test]
async fn tracing_shows_each_call_and_no_secret() {
    // The global default (not a thread's): the tests of this file run at once on other threads,
    // and tracing caches per call site whether anyone listens. Every test's trace is then
    // checked for secrets, not only this one's.
    let capture = Capture::default();
    tracing::subscriber::set_global_default(capture.clone()).expect("the only subscriber of this test binary");
    let server = Server::start(|seen, n| match (seen.method.as_str(), n) {
        ("POST", _) => (409, json!({"error_code": "DBS.200011", "error_msg": format!("echo {SK} {TOKEN}")})),
        _ => (200, json!({"instances": [{"id": "i1", "status": "ACTIVE"}], "total_count": 1})),
    })
    .await;
    for auth in [Auth::aksk_with_token(AK, SK, ST), Auth::token(TOKEN)] {
        let client = server.client(auth);
        let q = ListInstancesQuery::default().name("secret-filter-value");
        let _: Vec<_> = client.paginate(ListInstances, &NoPathParams, &q).try_collect().await.expect("list");
        let _ = client.send_when_free(RebootInstance, &RebootInstancePathParams::new("i1"), &NoQuery, &reboot(), every_10s(MINUTE)).await;
    }
    let text = capture.0.lock().expect("lock").clone();
    assert!(text.contains("span otc_db_sdk.call"), "{text}");
    assert!(text.contains("operation=rds/v3/list_instances") && text.contains("method=GET"), "{text}");
    assert!(text.contains(&format!("url={}/v3/{PROJECT}/instances", server.url())), "{text}");
    assert!(text.contains("status=200") && text.contains("request_id=\"req-") && text.contains("attempt=1"), "{text}");
    assert!(text.contains("elapsed_ms=") && text.contains("error_code=DBS.200011"), "{text}");
    for secret in [AK, SK, ST, TOKEN, "secret-filter-value", "SDK-HMAC-SHA256"] {
        assert!(!text.contains(secret), "{secret} in the trace:{text}");
    }
}

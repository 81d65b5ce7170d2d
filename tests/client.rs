//! The HTTP client (`otc_db_sdk::client`, feature `client`) against a real HTTP server on
//! 127.0.0.1: an in-process axum server that serves the IAM token endpoint and the seed
//! operations with the responses of their reference pages (read from the spec files' `examples`
//! at test time), and records what the client sends.

use std::net::SocketAddr;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode, Uri};
use axum::response::Response;
use axum::Router;
use serde::de::DeserializeOwned;
use serde_json::{json, Value};

use otc_db_sdk::client::{Auth, Client, ClientBuilder, Error, RetryPolicy, Validation};
use otc_db_sdk::runtime::operation::{NoPathParams, NoQuery, Operation};
use otc_db_sdk::{dds, gaussdb, rds};

const PROJECT: &str = "0549e7d8c1ab4f8bbd8e2b5a4f5d6c7e";
const USER: &str = "user A";
const DOMAIN: &str = "domain A";
const PASSWORD: &str = "Pa55w0rd!never-shown";
const FIXED_TOKEN: &str = "MIIDkgYJKoZIhvcNAQcCoIIDgzCCA38CAQExDTALfixed";

// ---------------------------------------------------------------------------------------------
// The server.

/// A request as the server received it.
#[derive(Clone, Debug)]
struct Seen {
    method: String,
    path: String,
    query: Option<String>,
    headers: HeaderMap,
    body: Bytes,
}

impl Seen {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    fn json(&self) -> Value {
        serde_json::from_slice(&self.body).expect("the client sent JSON")
    }
}

/// What the server answers.
#[derive(Clone, Debug)]
struct Canned {
    status: u16,
    headers: Vec<(&'static str, String)>,
    body: String,
    delay: Duration,
}

impl Canned {
    fn new(status: u16, body: impl Into<String>) -> Self {
        Canned { status, headers: Vec::new(), body: body.into(), delay: Duration::ZERO }
    }

    fn header(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.headers.push((name, value.into()));
        self
    }

    fn delay(mut self, delay: Duration) -> Self {
        self.delay = delay;
        self
    }
}

/// The answer to the `n`-th (from 0) operation request.
type Responder = Box<dyn Fn(&Seen, usize) -> Canned + Send + Sync>;

struct Mock {
    /// Every request but the IAM ones.
    seen: Mutex<Vec<Seen>>,
    /// The IAM token requests.
    iam: Mutex<Vec<Seen>>,
    iam_calls: AtomicUsize,
    /// `expires_at` of the tokens IAM returns (`issued_at` is the page's).
    expires_at: &'static str,
    iam_delay: Duration,
    /// When set, IAM answers this instead of a token.
    iam_failure: Option<Canned>,
    respond: Responder,
}

impl Mock {
    fn new(respond: impl Fn(&Seen, usize) -> Canned + Send + Sync + 'static) -> Self {
        Mock {
            seen: Mutex::new(Vec::new()),
            iam: Mutex::new(Vec::new()),
            iam_calls: AtomicUsize::new(0),
            expires_at: "2015-11-10T00:42:57.527404Z", // 24 hours after the page's issued_at
            iam_delay: Duration::ZERO,
            iam_failure: None,
            respond: Box::new(respond),
        }
    }

    /// The IAM answer: the page's response example with this mock's `expires_at`, and the token
    /// `token-<n>` in `X-Subject-Token`.
    fn iam_answer(&self) -> Canned {
        if let Some(failure) = &self.iam_failure {
            return failure.clone();
        }
        let n = self.iam_calls.fetch_add(1, Ordering::SeqCst) + 1;
        let (_, example) =
            examples("spec/iam/v3/show_user_token.yaml", "response").into_iter().next().expect("the IAM spec has a response example");
        let mut body: Value = serde_json::from_str(&example).expect("the example is JSON");
        body["token"]["expires_at"] = json!(self.expires_at);
        Canned::new(201, body.to_string())
            .header("X-Subject-Token", format!("token-{n}"))
            .header("X-Request-Id", format!("iam-req-{n}"))
            .delay(self.iam_delay)
    }

    fn seen(&self) -> Vec<Seen> {
        self.seen.lock().expect("lock").clone()
    }

    fn iam_seen(&self) -> Vec<Seen> {
        self.iam.lock().expect("lock").clone()
    }

    fn iam_calls(&self) -> usize {
        self.iam.lock().expect("lock").len()
    }
}

struct Server {
    addr: SocketAddr,
    mock: Arc<Mock>,
}

impl Server {
    async fn start(mock: Mock) -> Server {
        let mock = Arc::new(mock);
        let app = Router::new().fallback(handle).with_state(mock.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind 127.0.0.1");
        let addr = listener.local_addr().expect("local address");
        tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        Server { addr, mock }
    }

    fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// A client of this server: fixed token, fast retries.
    fn client(&self) -> ClientBuilder {
        Client::builder()
            .project_id(PROJECT)
            .base_url(self.url())
            .auth(Auth::token(FIXED_TOKEN))
            .retry(RetryPolicy::new(2, Duration::from_millis(1)))
            .timeout(Duration::from_secs(5))
    }

    /// A client of this server with password authentication.
    fn password_client(&self) -> ClientBuilder {
        self.client().auth(Auth::password(USER, PASSWORD, DOMAIN))
    }
}

async fn handle(State(mock): State<Arc<Mock>>, method: Method, uri: Uri, headers: HeaderMap, body: Bytes) -> Response {
    let seen = Seen { method: method.to_string(), path: uri.path().to_owned(), query: uri.query().map(str::to_owned), headers, body };
    let canned = if seen.path == "/v3/auth/tokens" {
        mock.iam.lock().expect("lock").push(seen);
        mock.iam_answer()
    } else {
        let n = {
            let mut all = mock.seen.lock().expect("lock");
            all.push(seen.clone());
            all.len() - 1
        };
        (mock.respond)(&seen, n)
    };
    if !canned.delay.is_zero() {
        tokio::time::sleep(canned.delay).await;
    }
    let mut response = Response::new(axum::body::Body::from(canned.body));
    *response.status_mut() = StatusCode::from_u16(canned.status).expect("a status");
    response.headers_mut().insert("content-type", HeaderValue::from_static("application/json"));
    for (name, value) in canned.headers {
        let name = HeaderName::from_bytes(name.as_bytes()).expect("a header name");
        response.headers_mut().insert(name, HeaderValue::from_str(&value).expect("a header value"));
    }
    response
}

// ---------------------------------------------------------------------------------------------
// The pages' examples, read from the spec files.

/// The `(title, json)` of the examples of `kind` of a spec file that have the operation's own type.
fn examples(spec: &str, kind: &str) -> Vec<(String, String)> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(spec);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let yaml: Value = sdkgen_yaml(&text);
    yaml["examples"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|e| e["kind"] == kind && e.get("type").is_none())
        .map(|e| (e["title"].as_str().unwrap_or_default().to_owned(), e["json"].as_str().expect("an example has json").to_owned()))
        .collect()
}

/// A spec file as JSON, through the generator's own spec reader.
fn sdkgen_yaml(text: &str) -> Value {
    let spec = sdkgen::spec::yaml::parse_spec(text).expect("the spec parses");
    serde_json::to_value(spec).expect("the spec serializes")
}

fn parse<T: DeserializeOwned>(json: &str) -> T {
    serde_json::from_str(json).unwrap_or_else(|e| panic!("the example deserializes: {e}\n{json}"))
}

// ---------------------------------------------------------------------------------------------
// Happy paths: every seed operation.

/// Sends every request example of `spec` (or `()` when the operation has no body), after
/// `unmask` (pages that mask a secret as `******` break its documented length), and checks what
/// was sent and what came back.
async fn happy_path<O>(op: O, spec: &str, path: &str, unmask: fn(&mut Value))
where
    O: Operation<PathParams = NoPathParams, Query = NoQuery> + Copy,
    O::Request: DeserializeOwned,
    O::Response: PartialEq + std::fmt::Debug,
{
    let responses = examples(spec, "response");
    assert!(!responses.is_empty(), "{spec} has a response example");
    let served = responses.clone();
    let server = Server::start(Mock::new(move |_, n| {
        Canned::new(O::SUCCESS_STATUS, served[n.min(served.len() - 1)].1.clone()).header("X-Request-Id", format!("req-{n}"))
    }))
    .await;
    let client = server.client().build().expect("a client");

    let mut requests: Vec<Value> = examples(spec, "request").into_iter().map(|(_, j)| parse(&j)).collect();
    requests.iter_mut().for_each(unmask);
    if requests.is_empty() {
        assert!(!O::HAS_REQUEST_BODY);
        requests.push(Value::Null);
    }
    let mut n = 0; // requests sent so far
    for (index, page_request) in requests.into_iter().enumerate() {
        let request: O::Request = serde_json::from_value(page_request).expect("the request example deserializes");
        if let Err(expected) = otc_db_sdk::Validate::validate(&request) {
            // A page example that breaks the page's own rules (a masked password, a value the
            // tables do not list) is refused before anything is sent by a strict client.
            let strict = client.with_validation(Validation::Strict);
            let err = strict.send(op, &NoPathParams, &NoQuery, &request).await.expect_err("an invalid example is refused");
            let Error::Invalid { error, .. } = &err else { panic!("{spec} #{index}: expected Error::Invalid, got {err:?}") };
            assert_eq!(error, &expected);
            assert_eq!(server.mock.seen().len(), n, "{spec} #{index}: nothing sent");
            continue;
        }
        let reply = client.send(op, &NoPathParams, &NoQuery, &request).await.unwrap_or_else(|e| panic!("{spec} #{index}: {e}"));

        let seen = server.mock.seen();
        let sent = &seen[n];
        assert_eq!(sent.method, O::METHOD.as_str());
        assert_eq!(sent.path, path);
        assert_eq!(sent.query, None);
        assert_eq!(sent.header("content-type"), Some("application/json"));
        assert_eq!(sent.header("x-auth-token"), Some(FIXED_TOKEN));
        assert_eq!(sent.header("x-language"), None);
        if O::HAS_REQUEST_BODY {
            assert_eq!(sent.json(), serde_json::to_value(&request).expect("serializes"), "{spec} #{n}: the body sent");
        } else {
            assert!(sent.body.is_empty(), "no body for {spec}");
        }

        let expected: O::Response = parse(&responses[n.min(responses.len() - 1)].1);
        assert_eq!(reply.status, O::SUCCESS_STATUS);
        assert!(reply.is_documented_status());
        assert_eq!(reply.request_id.as_deref(), Some(format!("req-{n}").as_str()));
        assert_eq!(reply.body, expected, "{spec} #{index}: the body received");
        n += 1;
    }
    assert!(n > 0, "{spec}: at least one page example is valid and sent");
    assert_eq!(server.mock.iam_calls(), 0, "a fixed token needs no IAM");
}

#[tokio::test]
async fn rds_v3_create_instance_every_page_example() {
    happy_path(
        rds::v3::create_instance::CreateInstance,
        "spec/rds/v3/create_instance.yaml",
        &format!("/v3/{PROJECT}/instances"),
        // The page masks passwords, and its examples use the volume type ULTRAHIGH that its
        // current Table 7 no longer lists: as they are, every example is refused (checked for the
        // others by `happy_path`); these are made valid.
        |request| {
            if request.get("password").is_some() {
                request["password"] = json!("Test@12345678");
            }
            if request["volume"]["type"] == "ULTRAHIGH" {
                request["volume"]["type"] = json!("CLOUDSSD");
            }
        },
    )
    .await;
}

#[tokio::test]
async fn rds_v1_create_instance_every_page_example() {
    happy_path(
        rds::v1::create_instance::CreateInstance,
        "spec/rds/v1/create_instance.yaml",
        &format!("/rds/v1/{PROJECT}/instances"),
        |_| {},
    )
    .await;
}

#[tokio::test]
async fn rds_v1_list_instances_page_example() {
    happy_path(rds::v1::list_instances::ListInstances, "spec/rds/v1/list_instances.yaml", &format!("/rds/v1/{PROJECT}/instances"), |_| {})
        .await;
}

#[tokio::test]
async fn dds_v3_create_instance_page_example() {
    happy_path(
        dds::v3::create_instance::CreateInstance,
        "spec/dds/v3/create_instance.yaml",
        &format!("/v3/{PROJECT}/instances"),
        // The first two examples mask the password as "******" (8 to 32 characters); the third
        // asks for version 3.4, which the page's list (5.0, 4.4, 4.2, 4.0) no longer has.
        |request| {
            if request["password"] == "******" {
                request["password"] = json!("Test@12345678");
            }
        },
    )
    .await;
}

#[tokio::test]
async fn gaussdb_v3_restore_to_new_instance_every_page_example() {
    happy_path(
        gaussdb::v3::restore_to_new_instance::RestoreToNewInstance,
        "spec/gaussdb/v3/restore_to_new_instance.yaml",
        &format!("/v3/{PROJECT}/instances"),
        // The page masks the password as "******" (see the spec's note): 8 to 32 characters.
        |request| {
            assert_eq!(request["password"], "******");
            request["password"] = json!("Test@12345678");
        },
    )
    .await;
}

/// The first request example of RDS v3 "Creating a DB Instance".
fn rds_v3_request() -> rds::v3::create_instance::CreateInstanceRequest {
    parse(&rds_v3_request_json().to_string())
}

/// The first request example of RDS v3 "Creating a DB Instance", made valid: the page masks the
/// password and uses the volume type `ULTRAHIGH`, which its current Table 7 no longer lists.
fn rds_v3_request_json() -> Value {
    let mut page: Value = parse(&examples("spec/rds/v3/create_instance.yaml", "request")[0].1);
    page["password"] = json!("Test@12345678");
    page["volume"]["type"] = json!("CLOUDSSD");
    page
}

/// The first response example of RDS v3 "Creating a DB Instance".
fn rds_v3_response() -> String {
    examples("spec/rds/v3/create_instance.yaml", "response")[0].1.clone()
}

async fn create_rds(client: &Client) -> Result<otc_db_sdk::client::Reply<rds::v3::create_instance::CreateInstanceResponse>, Error> {
    client.send(rds::v3::create_instance::CreateInstance, &NoPathParams, &NoQuery, &rds_v3_request()).await
}

async fn list_rds(client: &Client) -> Result<rds::v1::list_instances::ListInstancesResponse, Error> {
    client.call(rds::v1::list_instances::ListInstances, &NoPathParams, &NoQuery, &()).await
}

fn list_response() -> String {
    examples("spec/rds/v1/list_instances.yaml", "response")[0].1.clone()
}

#[tokio::test]
async fn a_202_returns_the_job_id_of_the_page() {
    let server = Server::start(Mock::new(|_, _| Canned::new(202, rds_v3_response()))).await;
    let client = server.client().build().expect("a client");
    let reply = create_rds(&client).await.expect("created");
    assert_eq!(reply.status, 202);
    assert_eq!(reply.body.job_id.as_deref(), Some("dff1d289-4d03-4942-8b9f-463ea07c000d"));
}

#[tokio::test]
async fn x_language_is_sent_when_set() {
    let server = Server::start(Mock::new(|_, _| Canned::new(200, list_response()))).await;
    let client = server.client().language("en-us").build().expect("a client");
    let list = list_rds(&client).await.expect("listed");
    assert_eq!(list.instances.map(|i| i.len()), Some(1));
    assert_eq!(server.mock.seen()[0].header("x-language"), Some("en-us"));
}

#[tokio::test]
async fn the_project_id_is_percent_encoded_into_the_path() {
    let server = Server::start(Mock::new(|_, _| Canned::new(200, list_response()))).await;
    let client = server.client().project_id("a b/ü").build().expect("a client");
    list_rds(&client).await.expect("listed");
    assert_eq!(server.mock.seen()[0].path, "/rds/v1/a%20b%2F%C3%BC/instances");
}

#[tokio::test]
async fn another_2xx_than_documented_is_a_success_that_says_so() {
    let server = Server::start(Mock::new(|_, _| Canned::new(200, rds_v3_response()))).await;
    let client = server.client().build().expect("a client");
    let reply = create_rds(&client).await.expect("a 2xx is a success");
    assert_eq!((reply.status, reply.documented_status), (200, 202));
    assert!(!reply.is_documented_status());
}

// ---------------------------------------------------------------------------------------------
// Tokens.

fn iam_request_body() -> Value {
    json!({
        "auth": {
            "identity": {
                "methods": ["password"],
                "password": {"user": {"domain": {"name": DOMAIN}, "name": USER, "password": PASSWORD}}
            },
            "scope": {"project": {"id": PROJECT}}
        }
    })
}

#[tokio::test]
async fn a_token_is_obtained_once_and_reused() {
    let server = Server::start(Mock::new(|_, _| Canned::new(200, list_response()))).await;
    let client = server.password_client().build().expect("a client");
    for _ in 0..3 {
        list_rds(&client).await.expect("listed");
    }
    let iam = server.mock.iam_seen();
    assert_eq!(iam.len(), 1, "one token request");
    let token_request = &iam[0];
    assert_eq!(token_request.method, "POST");
    assert_eq!(token_request.path, "/v3/auth/tokens");
    assert_eq!(token_request.query.as_deref(), Some("nocatalog=true"));
    assert_eq!(token_request.header("content-type"), Some("application/json"));
    assert_eq!(token_request.header("x-auth-token"), None);
    assert_eq!(token_request.json(), iam_request_body());
    let tokens: Vec<_> = server.mock.seen().iter().map(|s| s.header("x-auth-token").map(str::to_owned)).collect();
    assert_eq!(tokens, vec![Some("token-1".to_owned()); 3]);
}

#[tokio::test]
async fn an_expired_token_is_renewed() {
    // The token lives 0 s (expires_at = the page's issued_at): every call needs a new one.
    let mut mock = Mock::new(|_, _| Canned::new(200, list_response()));
    mock.expires_at = "2015-11-09T00:42:57.527404Z";
    let server = Server::start(mock).await;
    let client = server.password_client().build().expect("a client");
    list_rds(&client).await.expect("listed");
    list_rds(&client).await.expect("listed");
    assert_eq!(server.mock.iam_calls(), 2);
    let tokens: Vec<_> = server.mock.seen().iter().map(|s| s.header("x-auth-token").map(str::to_owned)).collect();
    assert_eq!(tokens, vec![Some("token-1".to_owned()), Some("token-2".to_owned())]);
}

#[tokio::test]
async fn a_token_is_renewed_within_the_margin_before_its_end() {
    // The token lives 30 minutes; the default margin is 1 hour: renewed at every call. With a
    // 10-minute margin it is kept.
    let mut mock = Mock::new(|_, _| Canned::new(200, list_response()));
    mock.expires_at = "2015-11-09T01:12:57.527404Z";
    let server = Server::start(mock).await;
    let client = server.password_client().build().expect("a client");
    list_rds(&client).await.expect("listed");
    list_rds(&client).await.expect("listed");
    assert_eq!(server.mock.iam_calls(), 2);
    let client = server.password_client().renew_before(Duration::from_secs(600)).build().expect("a client");
    list_rds(&client).await.expect("listed");
    list_rds(&client).await.expect("listed");
    assert_eq!(server.mock.iam_calls(), 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_calls_share_one_renewal() {
    let mut mock = Mock::new(|_, _| Canned::new(200, list_response()));
    // IAM is slow: every call arrives while the first token request is under way.
    mock.iam_delay = Duration::from_millis(200);
    let server = Server::start(mock).await;
    let client = server.password_client().build().expect("a client");
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..16 {
        let client = client.clone();
        tasks.spawn(async move { list_rds(&client).await.map(|_| ()) });
    }
    while let Some(done) = tasks.join_next().await {
        done.expect("the task ran").expect("listed");
    }
    assert_eq!(server.mock.iam_calls(), 1, "one renewal for 16 concurrent calls");
    let seen = server.mock.seen();
    assert_eq!(seen.len(), 16);
    assert!(seen.iter().all(|s| s.header("x-auth-token") == Some("token-1")));
}

#[tokio::test]
async fn a_401_with_a_cached_token_renews_it_once_and_resends() {
    let server = Server::start(Mock::new(|_, n| {
        if n == 0 {
            Canned::new(
                401,
                r#"{"error_code": "APIGW.0301", "error_msg": "Incorrect IAM authentication information: the token must be updated"}"#,
            )
        } else {
            Canned::new(200, list_response())
        }
    }))
    .await;
    let client = server.password_client().build().expect("a client");
    list_rds(&client).await.expect("listed after a renewal");
    assert_eq!(server.mock.iam_calls(), 2);
    let tokens: Vec<_> = server.mock.seen().iter().map(|s| s.header("x-auth-token").map(str::to_owned)).collect();
    assert_eq!(tokens, vec![Some("token-1".to_owned()), Some("token-2".to_owned())]);

    // Always 401: one renewal only, then the error.
    let server = Server::start(Mock::new(|_, _| Canned::new(401, r#"{"error_code": "APIGW.0301", "error_msg": "no"}"#))).await;
    let client = server.password_client().build().expect("a client");
    let err = list_rds(&client).await.expect_err("401");
    assert_eq!(err.status(), Some(401));
    assert_eq!((server.mock.iam_calls(), server.mock.seen().len()), (2, 2));
}

#[tokio::test]
async fn iam_refusing_the_password_is_an_auth_error_and_nothing_else_is_sent() {
    let mut mock = Mock::new(|_, _| Canned::new(200, list_response()));
    mock.iam_failure = Some(
        Canned::new(401, r#"{"error": {"code": 401, "message": "The username or password is wrong.", "title": "Unauthorized"}}"#)
            .header("X-Request-Id", "iam-401"),
    );
    let server = Server::start(mock).await;
    let client = server.password_client().build().expect("a client");
    let err = list_rds(&client).await.expect_err("no token");
    let Error::Auth(inner) = &err else { panic!("expected Error::Auth, got {err:?}") };
    let Error::Status(status) = inner.as_ref() else { panic!("expected a status error, got {inner:?}") };
    assert_eq!(status.status, 401);
    assert_eq!(status.expected, 201);
    assert_eq!(status.error_code.as_deref(), Some("401"));
    assert_eq!(status.error_msg.as_deref(), Some("The username or password is wrong."));
    assert_eq!(err.request_id(), Some("iam-401"));
    assert!(server.mock.seen().is_empty(), "the operation is not sent without a token");
}

#[tokio::test]
async fn iam_without_a_subject_token_header_is_an_auth_error() {
    let mut mock = Mock::new(|_, _| Canned::new(200, list_response()));
    mock.iam_failure = Some(Canned::new(201, r#"{"token": {}}"#));
    let server = Server::start(mock).await;
    let client = server.password_client().build().expect("a client");
    let err = list_rds(&client).await.expect_err("no token");
    assert!(matches!(&err, Error::Auth(inner) if matches!(inner.as_ref(), Error::MissingToken { .. })), "{err:?}");
}

// ---------------------------------------------------------------------------------------------
// Errors.

#[tokio::test]
async fn error_statuses_carry_the_cloud_error() {
    let cases: [(u16, &str, &str, &str); 6] = [
        (
            401,
            r#"{"error_code": "APIGW.0301", "error_msg": "Incorrect IAM authentication information"}"#,
            "APIGW.0301",
            "Incorrect IAM authentication information",
        ),
        (
            403,
            r#"{"error": {"code": "IAM.0003", "message": "Policy doesn't allow rds:instance:create to be performed."}}"#,
            "IAM.0003",
            "Policy doesn't allow rds:instance:create to be performed.",
        ),
        (404, r#"{"error_code": "DBS.200001", "error_msg": "The project does not exist."}"#, "DBS.200001", "The project does not exist."),
        (
            409,
            r#"{"error_code": "DBS.200022", "error_msg": "The DB instance name already exists."}"#,
            "DBS.200022",
            "The DB instance name already exists.",
        ),
        (
            429,
            r#"{"error_code": "APIGW.0308", "error_msg": "The throttling threshold has been reached"}"#,
            "APIGW.0308",
            "The throttling threshold has been reached",
        ),
        (500, r#"{"error_code": "DBS.200047", "error_msg": "Internal server error."}"#, "DBS.200047", "Internal server error."),
    ];
    for (status, body, code, msg) in cases {
        let server = Server::start(Mock::new(move |_, _| Canned::new(status, body).header("X-Request-Id", "r-42"))).await;
        let client = server.client().retry(RetryPolicy::none()).build().expect("a client");
        let err = create_rds(&client).await.expect_err("an error status");
        let Error::Status(e) = &err else { panic!("{status}: expected Error::Status, got {err:?}") };
        assert_eq!(e.status, status);
        assert_eq!(e.expected, 202);
        assert_eq!(e.error_code.as_deref(), Some(code), "{status}");
        assert_eq!(e.error_msg.as_deref(), Some(msg), "{status}");
        assert_eq!(e.request_id.as_deref(), Some("r-42"));
        assert_eq!(e.body, body);
        assert_eq!(e.operation.to_string(), "rds/v3/create_instance");
        assert_eq!(err.status(), Some(status));
        assert_eq!(err.error_code(), Some(code));
        assert!(err.to_string().contains(code), "{err}");
        assert_eq!(server.mock.seen().len(), 1);
    }
}

/// The v1.0 and Trove error shapes, and a v1.0 error sent with a 200, read into `Error::Status`
/// with the request id; the v1.0 success code in a 200 is a success.
#[tokio::test]
async fn every_error_shape_is_read_with_the_request_id() {
    let cases: [(u16, &str, &str, &str); 4] = [
        (
            400,
            r#"{"errCode": "RDS.1102", "externalMessage": "The DB instance name already exists."}"#,
            "RDS.1102",
            "The DB instance name already exists.",
        ),
        (200, r#"{"errCode": "RDS.0005", "externalMessage": "Invalid parameter."}"#, "RDS.0005", "Invalid parameter."),
        (
            404,
            r#"{"itemNotFound": {"message": "The resource could not be found.", "code": 404}}"#,
            "404",
            "The resource could not be found.",
        ),
        (
            401,
            r#"{"error": {"code": 401, "message": "The request you have made requires authentication.", "title": "Unauthorized"}}"#,
            "401",
            "The request you have made requires authentication.",
        ),
    ];
    for (status, body, code, msg) in cases {
        let server = Server::start(Mock::new(move |_, _| Canned::new(status, body).header("X-Request-Id", "r-14"))).await;
        let client = server.client().retry(RetryPolicy::none()).build().expect("a client");
        let err = list_rds(&client).await.expect_err("an error");
        let Error::Status(e) = &err else { panic!("{status}: expected Error::Status, got {err:?}") };
        assert_eq!((e.status, e.error_code.as_deref(), e.error_msg.as_deref()), (status, Some(code), Some(msg)), "{body}");
        assert_eq!(err.request_id(), Some("r-14"));
        assert_eq!(e.body, body);
    }
    // The success code of v1.0 in a 200 is the documented response, not an error.
    const OK: &str = r#"{"errCode": "RDS.0041", "externalMessage": "Operation successful."}"#;
    let server = Server::start(Mock::new(|_, _| Canned::new(200, OK))).await;
    let client = server.client().build().expect("a client");
    let reply = client
        .call(
            rds::v1_0::add_custom_parameters::AddCustomParameters,
            &rds::v1_0::add_custom_parameters::AddCustomParametersPathParams::new("c1"),
            &NoQuery,
            &serde_json::from_value(json!({"configuration": {"values": {"max_connections": "10"}}})).expect("a request"),
        )
        .await
        .expect("a success");
    assert_eq!(reply.err_code.as_deref(), Some("RDS.0041"));
}

/// The client's validation choice: by default a value the page does not list for a closed set is
/// sent (pages lag the cloud), documented constraints are still checked; `Strict` refuses both.
/// Per client and per call.
#[tokio::test]
async fn validation_lets_unknown_values_through_unless_strict() {
    let server = Server::start(Mock::new(|_, _| Canned::new(202, rds_v3_response()))).await;
    let mut page = rds_v3_request_json();
    page["volume"]["type"] = json!("ULTRAHIGH"); // sent by real tools, dropped by the current page
    let unknown: rds::v3::create_instance::CreateInstanceRequest = serde_json::from_value(page.clone()).expect("deserializes");
    page["name"] = json!("db"); // 4 to 64 characters
    let broken: rds::v3::create_instance::CreateInstanceRequest = serde_json::from_value(page).expect("deserializes");
    let create = |client: Client, request| async move {
        client.send(rds::v3::create_instance::CreateInstance, &NoPathParams, &NoQuery, &request).await
    };

    let default = server.client().build().expect("a client");
    assert_eq!(default.validation(), Validation::AllowUnknownValues);
    create(default.clone(), unknown.clone()).await.expect("sent");
    assert_eq!(server.mock.seen()[0].json()["volume"]["type"], "ULTRAHIGH");
    let err = create(default.clone(), broken.clone()).await.expect_err("a broken length is refused");
    let Error::Invalid { error, .. } = &err else { panic!("{err:?}") };
    assert_eq!(error.problems.iter().map(|p| p.path.as_str()).collect::<Vec<_>>(), ["name"]);
    assert_eq!(server.mock.seen().len(), 1);

    // Per call on the default client, and per client.
    let err = create(default.with_validation(Validation::Strict), unknown.clone()).await.expect_err("refused");
    let Error::Invalid { error, .. } = &err else { panic!("{err:?}") };
    assert_eq!(error.problems.iter().map(|p| p.path.as_str()).collect::<Vec<_>>(), ["volume.type"]);
    let strict = server.client().validation(Validation::Strict).build().expect("a client");
    create(strict.clone(), unknown.clone()).await.expect_err("refused");
    assert_eq!(server.mock.seen().len(), 1, "nothing more sent");
    create(strict.with_validation(Validation::AllowUnknownValues), unknown).await.expect("sent");
    assert_eq!(server.mock.seen().len(), 2);
}

/// A response with fields the page does not document is read (leniently) and keeps them.
#[tokio::test]
async fn a_response_keeps_what_the_page_does_not_document() {
    const BODY: &str = r#"{"job_id": "dff1d289", "order_id": "CS2001", "instance": {"id": "i-1", "port": 3306, "volume": {"type": "CLOUDSSD", "size": "40", "used": 1}}}"#;
    let server = Server::start(Mock::new(|_, _| Canned::new(202, BODY))).await;
    let client = server.client().build().expect("a client");
    let reply = create_rds(&client).await.expect("read");
    let instance = reply.body.instance.as_ref().expect("an instance");
    assert_eq!(instance.port.as_deref(), Some("3306"));
    assert_eq!(instance.volume.as_ref().and_then(|v| v.size), Some(40));
    // Written back with the documented types, and with what the page does not document.
    let mut expected: Value = serde_json::from_str(BODY).expect("JSON");
    expected["instance"]["port"] = json!("3306");
    expected["instance"]["volume"]["size"] = json!(40);
    assert_eq!(serde_json::to_value(&reply.body).expect("serializes"), expected);
}

#[tokio::test]
async fn an_error_body_that_is_not_json_is_kept_as_text() {
    let server = Server::start(Mock::new(|_, _| Canned::new(500, "<html>Internal Server Error</html>"))).await;
    let client = server.client().build().expect("a client");
    let err = list_rds(&client).await.expect_err("500");
    let Error::Status(e) = &err else { panic!("{err:?}") };
    assert_eq!((e.error_code.as_deref(), e.error_msg.as_deref()), (None, None));
    assert_eq!(e.body, "<html>Internal Server Error</html>");
    assert_eq!(e.request_id, None);
}

/// A body of other shapes than the page's is read: what does not fit is kept raw in `other`.
#[tokio::test]
async fn a_body_of_other_shapes_is_read_and_kept() {
    const BODY: &str = r#"{"instance": "not an object", "job_id": ["x"]}"#;
    let server = Server::start(Mock::new(|_, _| Canned::new(202, BODY))).await;
    let client = server.client().build().expect("a client");
    let reply = create_rds(&client).await.expect("read");
    assert_eq!((reply.body.instance.as_ref(), reply.body.other.get("instance")), (None, Some(&json!("not an object"))));
    assert_eq!(reply.body.job_id.as_deref(), Some("x"), "a one-element list read as its value");
}

/// A body that is not JSON (cut short) is an `Error::Decode` that keeps the body as received.
#[tokio::test]
async fn a_body_that_does_not_deserialize_is_kept_raw() {
    const BODY: &str = r#"{"instance": {"id": "i-1"}, "job_id": "#;
    let server = Server::start(Mock::new(|_, _| Canned::new(202, BODY).header("X-Request-Id", "r-7"))).await;
    let client = server.client().build().expect("a client");
    let err = create_rds(&client).await.expect_err("does not deserialize");
    let Error::Decode(e) = &err else { panic!("expected Error::Decode, got {err:?}") };
    assert_eq!(e.status, 202);
    assert_eq!(e.body, BODY);
    assert_eq!(e.request_id.as_deref(), Some("r-7"));
    assert_eq!(server.mock.seen().len(), 1, "a decode failure is not retried");
}

#[tokio::test]
async fn a_timeout_is_retried_for_get_only() {
    let slow = |_: &Seen, _| Canned::new(200, list_response()).delay(Duration::from_secs(10));
    let server = Server::start(Mock::new(slow)).await;
    let client = server.client().timeout(Duration::from_millis(150)).build().expect("a client");

    let err = list_rds(&client).await.expect_err("too slow");
    assert!(matches!(err, Error::Timeout { attempts: 3, .. }), "{err:?}");
    assert_eq!(server.mock.seen().len(), 3, "GET is idempotent: retried twice");

    let err = create_rds(&client).await.expect_err("too slow");
    assert!(matches!(err, Error::Timeout { attempts: 1, .. }), "{err:?}");
    assert_eq!(server.mock.seen().len(), 4, "POST is not retried after a timeout");
}

#[tokio::test]
async fn a_validation_failure_sends_nothing() {
    let server = Server::start(Mock::new(|_, _| Canned::new(202, rds_v3_response()))).await;
    let client = server.password_client().build().expect("a client");
    let mut page = rds_v3_request_json();
    page["name"] = json!("db"); // 4 to 64 characters
    page["password"] = json!(PASSWORD.repeat(3)); // 8 to 32 characters
    let request: rds::v3::create_instance::CreateInstanceRequest = serde_json::from_value(page).expect("deserializes");
    let err = client.send(rds::v3::create_instance::CreateInstance, &NoPathParams, &NoQuery, &request).await.expect_err("invalid");
    let Error::Invalid { error, .. } = &err else { panic!("expected Error::Invalid, got {err:?}") };
    let paths: Vec<&str> = error.problems.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(paths, ["name", "password"]);
    assert!(!format!("{err} {err:?}").contains(PASSWORD));
    assert!(server.mock.seen().is_empty());
    assert_eq!(server.mock.iam_calls(), 0, "not even a token is requested");
}

#[tokio::test]
async fn the_password_and_token_never_appear_in_errors_or_debug() {
    // IAM echoes the password in its error message; the server echoes the token.
    let mut mock = Mock::new(|_, _| Canned::new(200, list_response()));
    mock.iam_failure = Some(Canned::new(401, format!(r#"{{"error": {{"code": 401, "message": "password {PASSWORD} is wrong"}}}}"#)));
    let server = Server::start(mock).await;
    let builder = server.password_client();
    let client = builder.clone().build().expect("a client");
    let err = list_rds(&client).await.expect_err("refused");
    assert_eq!(server.mock.iam_seen()[0].json(), iam_request_body(), "the password was sent to IAM");
    let shown = format!("{err}\n{err:?}\n{builder:?}\n{client:?}\n{:?}", Auth::password(USER, PASSWORD, DOMAIN));
    assert!(!shown.contains(PASSWORD), "{shown}");
    assert!(shown.contains("** redacted **"));
    assert_eq!(err.status(), Some(401));

    let echo = |seen: &Seen, _| {
        let token = seen.header("x-auth-token").unwrap_or_default().to_owned();
        Canned::new(400, format!(r#"{{"error_code": "DBS.01", "error_msg": "bad token {token}"}}"#))
    };
    let server = Server::start(Mock::new(echo)).await;
    let builder = server.client();
    let client = builder.clone().build().expect("a client");
    let err = list_rds(&client).await.expect_err("400");
    let shown = format!("{err}\n{err:?}\n{builder:?}\n{client:?}");
    assert!(!shown.contains(FIXED_TOKEN), "{shown}");
    assert_eq!(server.mock.seen()[0].header("x-auth-token"), Some(FIXED_TOKEN), "the token was sent");
}

// ---------------------------------------------------------------------------------------------
// Retries.

#[tokio::test]
async fn throttling_and_unavailable_are_retried_for_every_method() {
    let server = Server::start(Mock::new(|_, n| match n {
        0 => Canned::new(503, r#"{"error_code": "DBS.01", "error_msg": "unavailable"}"#),
        1 => Canned::new(429, r#"{"error_code": "APIGW.0308", "error_msg": "throttled"}"#).header("Retry-After", "0"),
        _ => Canned::new(202, rds_v3_response()),
    }))
    .await;
    let client = server.client().build().expect("a client");
    let reply = create_rds(&client).await.expect("created at the third attempt");
    assert_eq!(reply.status, 202);
    let seen = server.mock.seen();
    assert_eq!(seen.len(), 3);
    assert_eq!(seen[0].body, seen[2].body, "the same request is sent again");
}

#[tokio::test]
async fn retries_stop_after_the_configured_count() {
    let server = Server::start(Mock::new(|_, _| Canned::new(429, r#"{"error_code": "APIGW.0308", "error_msg": "throttled"}"#))).await;
    let client = server.client().retry(RetryPolicy::new(3, Duration::from_millis(1))).build().expect("a client");
    let err = create_rds(&client).await.expect_err("throttled");
    let Error::Status(e) = &err else { panic!("{err:?}") };
    assert_eq!((e.status, e.attempts), (429, 4));
    assert_eq!(server.mock.seen().len(), 4);
}

#[tokio::test]
async fn gateway_errors_are_retried_for_idempotent_methods_only() {
    let flaky = |_: &Seen, n| if n < 2 { Canned::new(502, "bad gateway") } else { Canned::new(200, list_response()) };
    let server = Server::start(Mock::new(flaky)).await;
    let client = server.client().build().expect("a client");
    list_rds(&client).await.expect("GET retried past two 502s");
    assert_eq!(server.mock.seen().len(), 3);

    let server = Server::start(Mock::new(|_, _| Canned::new(502, "bad gateway"))).await;
    let client = server.client().build().expect("a client");
    let err = create_rds(&client).await.expect_err("502");
    assert_eq!(err.status(), Some(502));
    assert_eq!(server.mock.seen().len(), 1, "POST is not retried after a 502: it may have been done");

    let server = Server::start(Mock::new(|_, _| Canned::new(500, "{}"))).await;
    let client = server.client().build().expect("a client");
    list_rds(&client).await.expect_err("500");
    assert_eq!(server.mock.seen().len(), 1, "500 is not retried");
}

#[tokio::test]
async fn a_refused_connection_is_a_transport_error_after_retries() {
    // A port nothing listens on: bind one, then free it.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().expect("address");
    drop(listener);
    let client = Client::builder()
        .project_id(PROJECT)
        .base_url(format!("http://{addr}"))
        .auth(Auth::token(FIXED_TOKEN))
        .retry(RetryPolicy::new(2, Duration::from_millis(1)))
        .build()
        .expect("a client");
    let err = create_rds(&client).await.expect_err("refused");
    let Error::Transport { attempts, url, .. } = &err else { panic!("expected Error::Transport, got {err:?}") };
    assert_eq!(*attempts, 3, "nothing was sent: retried even for POST");
    assert_eq!(url, &format!("http://{addr}/v3/{PROJECT}/instances"));
}

// ---------------------------------------------------------------------------------------------
// Endpoints and configuration.

#[tokio::test]
async fn each_service_can_have_its_own_endpoint() {
    let iam = Server::start(Mock::new(|_, _| Canned::new(500, "IAM only"))).await;
    let rds = Server::start(Mock::new(|_, _| Canned::new(200, list_response()))).await;
    let client = rds.password_client().endpoint("iam", iam.url()).build().expect("a client");
    list_rds(&client).await.expect("listed");
    assert_eq!((iam.mock.iam_calls(), iam.mock.seen().len()), (1, 0));
    assert_eq!((rds.mock.iam_calls(), rds.mock.seen().len()), (0, 1));
    assert_eq!(rds.mock.seen()[0].header("x-auth-token"), Some("token-1"));
}

#[test]
fn default_endpoints_follow_the_documented_template() {
    let client = Client::builder().project_id(PROJECT).region("eu-de").auth(Auth::token("t")).build().expect("a client");
    for (service, url) in [
        ("rds", "https://rds.eu-de.otc.t-systems.com"),
        ("dds", "https://dds.eu-de.otc.t-systems.com"),
        ("gaussdb", "https://gaussdb.eu-de.otc.t-systems.com"),
        ("iam", "https://iam.eu-de.otc.t-systems.com"),
    ] {
        assert_eq!(client.endpoint(service).expect("an endpoint"), url);
    }
    let client = Client::builder()
        .project_id(PROJECT)
        .region("eu-ch2")
        .endpoint_template("https://{service}.{region}.sc.otc.t-systems.com")
        .endpoint("rds", "https://proxy.example/rds/")
        .auth(Auth::token("t"))
        .build()
        .expect("a client");
    assert_eq!(client.endpoint("dds").expect("an endpoint"), "https://dds.eu-ch2.sc.otc.t-systems.com");
    assert_eq!(client.endpoint("rds").expect("an endpoint"), "https://proxy.example/rds");
}

#[test]
fn incomplete_configuration_is_refused() {
    let no_project = Client::builder().region("eu-de").auth(Auth::token("t")).build();
    assert!(matches!(no_project, Err(Error::Config { .. })));
    let no_auth = Client::builder().region("eu-de").project_id(PROJECT).build();
    assert!(matches!(no_auth, Err(Error::Config { .. })));
    let bad_url = Client::builder().project_id(PROJECT).auth(Auth::token("t")).base_url("ftp://x").build();
    assert!(matches!(bad_url, Err(Error::Config { .. })));
}

#[tokio::test]
async fn no_region_nor_base_url_is_a_config_error_at_the_call() {
    let client = Client::builder().project_id(PROJECT).auth(Auth::token("t")).build().expect("a client");
    let err = list_rds(&client).await.expect_err("no endpoint");
    assert!(matches!(err, Error::Config { .. }), "{err:?}");
}

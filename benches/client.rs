//! Throughput and latency of the client (`otc_db_sdk::client`) against a local server: a benchmark
//! binary, not a test (`harness = false`).
//!
//! ```text
//! cargo bench --bench client
//! ```
//!
//! An in-process axum server on 127.0.0.1 answers `GET /rds/v1/{project_id}/instances` ("Obtaining a
//! DB Instance List") with the page's response example; the client sends that call with a fixed
//! token, then signed with AK/SK (`SDK-HMAC-SHA256`), and deserializes every answer. Measured per
//! authentication: sequential calls, then calls from several tasks at once; then the signature
//! alone. Each run is bounded in count (`CALLS`) and in time (`LIMIT`), whichever ends first.

use std::path::Path;
use std::time::{Duration, Instant};

use axum::routing::get;
use axum::Router;
use otc_db_sdk::client::sign::Canonical;
use otc_db_sdk::client::{Auth, Client, RetryPolicy};
use otc_db_sdk::rds::v1::list_instances::ListInstances;
use otc_db_sdk::runtime::operation::{NoPathParams, NoQuery, Operation};

const CALLS: usize = 5_000;
const TASKS: usize = 8;
const LIMIT: Duration = Duration::from_secs(10);

/// The page's response example of "Obtaining a DB Instance List", from its spec.
fn page_response() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("spec/rds/v1/list_instances.yaml");
    let text = std::fs::read_to_string(&path).expect("the spec file");
    let spec = sdkgen::spec::yaml::parse_spec(&text).expect("the spec parses");
    spec.examples.into_iter().next().expect("a response example").json
}

fn report(name: &str, mut latencies: Vec<Duration>, elapsed: Duration) {
    latencies.sort();
    let n = latencies.len();
    let at = |q: f64| latencies[((n as f64 * q) as usize).min(n - 1)];
    println!(
        "{name:<22} {n:>6} calls in {:>7.3} s  {:>8.0} req/s  p50 {:>7.1} µs  p90 {:>7.1} µs  p99 {:>7.1} µs  max {:>8.1} µs",
        elapsed.as_secs_f64(),
        n as f64 / elapsed.as_secs_f64(),
        at(0.50).as_secs_f64() * 1e6,
        at(0.90).as_secs_f64() * 1e6,
        at(0.99).as_secs_f64() * 1e6,
        at(1.0).as_secs_f64() * 1e6,
    );
}

/// Calls until `calls` are done or `LIMIT` has passed; the latency of each.
async fn calls(client: Client, calls: usize, deadline: Instant) -> Vec<Duration> {
    let mut latencies = Vec::with_capacity(calls);
    for _ in 0..calls {
        if Instant::now() >= deadline {
            break;
        }
        let start = Instant::now();
        let list = client.call(ListInstances, &NoPathParams, &NoQuery, &()).await.expect("the call succeeds");
        latencies.push(start.elapsed());
        std::hint::black_box(list);
    }
    latencies
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let body = page_response();
    // The operation's own path template (`/rds/v1/{project_id}/instances`): axum's syntax too.
    let app = Router::new().route(
        ListInstances::PATH,
        get(move || {
            let body = body.clone();
            async move { ([("content-type", "application/json")], body) }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind 127.0.0.1");
    let addr = listener.local_addr().expect("address");
    let server = tokio::spawn(async move { axum::serve(listener, app).await });

    println!("client benchmark: GET {} against http://{addr} (page example body)", ListInstances::PATH);
    for (label, auth) in
        [("token", Auth::token("bench-token")), ("AK/SK signed", Auth::aksk("BENCHACCESSKEY000001", "bench-secret-key-0123456789"))]
    {
        let client = Client::builder()
            .project_id("0549e7d8c1ab4f8bbd8e2b5a4f5d6c7e")
            .base_url(format!("http://{addr}"))
            .auth(auth)
            .retry(RetryPolicy::none())
            .build()
            .expect("a client");
        // Warm-up: connections opened, code paths hot.
        calls(client.clone(), 200, Instant::now() + LIMIT).await;

        let start = Instant::now();
        let latencies = calls(client.clone(), CALLS, start + LIMIT).await;
        report(&format!("{label}, sequential"), latencies, start.elapsed());

        let start = Instant::now();
        let tasks: Vec<_> = (0..TASKS).map(|_| tokio::spawn(calls(client.clone(), CALLS / TASKS, start + LIMIT))).collect();
        let mut latencies = Vec::with_capacity(CALLS);
        for task in tasks {
            latencies.extend(task.await.expect("the task ran"));
        }
        report(&format!("{label}, {TASKS} tasks"), latencies, start.elapsed());
    }

    // The signature alone: canonical request, two SHA-256, one HMAC, per call.
    let headers = [
        ("content-type".to_owned(), "application/json".to_owned()),
        ("host".to_owned(), "rds.eu-de.otc.t-systems.com".to_owned()),
        ("x-project-id".to_owned(), "0549e7d8c1ab4f8bbd8e2b5a4f5d6c7e".to_owned()),
        ("x-sdk-date".to_owned(), "20260101T000000Z".to_owned()),
    ];
    let query = [("offset".to_owned(), "0".to_owned()), ("limit".to_owned(), "100".to_owned())];
    let canonical =
        Canonical { method: "GET", path: "/v3/0549e7d8c1ab4f8bbd8e2b5a4f5d6c7e/instances", query: &query, headers: &headers, body: b"" };
    let n = 100_000;
    let start = Instant::now();
    for _ in 0..n {
        std::hint::black_box(canonical.authorization("BENCHACCESSKEY000001", "bench-secret-key-0123456789", "20260101T000000Z"));
    }
    let each = start.elapsed() / n;
    println!("signature alone        {n:>6} signatures: {:.2} µs each", each.as_secs_f64() * 1e6);

    server.abort();
}

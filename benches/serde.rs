//! Run-time cost of the generated serde impls: a benchmark binary, not a test (`harness = false`).
//!
//! ```text
//! cargo bench --bench serde
//! ```
//!
//! The generated structs serialize and deserialize through `runtime/wire.rs` (a dynamic call per
//! field) instead of serde derives, to keep the crate cheap to compile. This measures what that
//! costs when it runs: the page examples of two operations, read from their specs, are
//! deserialized into the generated types and serialized back, in a release build; for scale,
//! the same text parsed into an untyped `serde_json::Value`. Median of `SERDE_BENCH_RUNS` batches
//! (default 11), each batch long enough to take about 20 ms.

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use otc_db_sdk::rds::v1::list_instances::ListInstancesResponse;
use otc_db_sdk::rds::v3::create_instance::{CreateInstanceRequest, CreateInstanceResponse};
use sdkgen::spec::model::ExampleKind;
use serde::de::DeserializeOwned;
use serde::Serialize;

/// The first example of `kind` of a spec, as compact JSON.
fn example(spec: &str, kind: ExampleKind) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("spec").join(spec);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let spec = sdkgen::spec::yaml::parse_spec(&text).unwrap_or_else(|e| panic!("{}: {e:?}", path.display()));
    let json = spec
        .examples
        .iter()
        .find(|e| e.kind == kind)
        .map(|e| e.json.clone())
        .unwrap_or_else(|| panic!("{}: no {kind:?} example", path.display()));
    let value: serde_json::Value = serde_json::from_str(&json).expect("the example is JSON");
    value.to_string()
}

/// Nanoseconds per call of `f`: median over batches.
fn time(runs: usize, mut f: impl FnMut()) -> f64 {
    // Size a batch to about 20 ms.
    let start = Instant::now();
    let mut calibrate = 0u32;
    while start.elapsed() < Duration::from_millis(20) {
        f();
        calibrate += 1;
    }
    let batch = calibrate.max(1);
    let mut per_call: Vec<f64> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            for _ in 0..batch {
                f();
            }
            t.elapsed().as_nanos() as f64 / f64::from(batch)
        })
        .collect();
    per_call.sort_by(f64::total_cmp);
    per_call[per_call.len() / 2]
}

fn case<T: DeserializeOwned + Serialize>(runs: usize, name: &str, json: &str) {
    let typed: T = serde_json::from_str(json).unwrap_or_else(|e| panic!("{name}: {e}"));
    let de = time(runs, || {
        black_box(serde_json::from_str::<T>(black_box(json)).expect("deserializes"));
    });
    let ser = time(runs, || {
        black_box(serde_json::to_string(black_box(&typed)).expect("serializes"));
    });
    let value = time(runs, || {
        black_box(serde_json::from_str::<serde_json::Value>(black_box(json)).expect("parses"));
    });
    println!(
        "| {name} | {} B | {:.2} µs | {:.2} µs | {:.2} µs |",
        json.len(),
        de / 1000.0,
        ser / 1000.0,
        value / 1000.0
    );
}

fn main() {
    let runs = std::env::var("SERDE_BENCH_RUNS").ok().and_then(|v| v.parse().ok()).filter(|n| *n > 0).unwrap_or(11);
    println!("serde benchmark: median of {runs} batches");
    println!();
    println!("| example | size | deserialize (typed) | serialize (typed) | parse as serde_json::Value |");
    println!("|---|---|---|---|---|");
    case::<CreateInstanceRequest>(runs, "rds v3 create_instance request", &example("rds/v3/create_instance.yaml", ExampleKind::Request));
    case::<CreateInstanceResponse>(runs, "rds v3 create_instance response", &example("rds/v3/create_instance.yaml", ExampleKind::Response));
    case::<ListInstancesResponse>(runs, "rds v1 list_instances response", &example("rds/v1/list_instances.yaml", ExampleKind::Response));
}

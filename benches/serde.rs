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
//!
//! Side by side with `#[derive(Deserialize)]`: [`twin`] and [`twin_list`] hold hand-written
//! derived twins of RDS v3 `CreateInstanceResponse` and RDS v1 `ListInstancesResponse` (the same
//! structs, fields, wire names and leaf types), read from the same examples; each run prints the
//! generated type's time over the twin's (target ≤ 1.10×).
//! For instruction counts of the two, see [`only`].

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

/// A hand-written `#[derive(Deserialize)]` twin of the generated RDS v3 `CreateInstanceResponse`:
/// the same structs and fields in the same order, every field optional (`#[serde(default)]`), the
/// same enums (the generated ones, so only the structs' reading differs). The one difference a
/// hand writer would make: `datastore.version` is a plain string (the generated field also takes
/// a number, the spec's `accepts`).
mod twin {
    use otc_db_sdk::rds::v3::create_instance::{DatastoreType, ReplicationMode, VolumeType};
    use serde::Deserialize;

    #[derive(Debug, Default, Deserialize)]
    #[serde(default)]
    pub struct CreateInstanceResponse {
        pub instance: Option<Instance>,
        pub job_id: Option<String>,
    }

    #[derive(Debug, Default, Deserialize)]
    #[serde(default)]
    pub struct Instance {
        pub id: Option<String>,
        pub name: Option<String>,
        pub status: Option<String>,
        pub datastore: Option<DatastoreResponse>,
        pub ha: Option<HaResponse>,
        pub configuration_id: Option<String>,
        pub port: Option<String>,
        pub backup_strategy: Option<BackupStrategyResponse>,
        pub disk_encryption_id: Option<String>,
        pub flavor_ref: Option<String>,
        pub volume: Option<VolumeResponse>,
        pub region: Option<String>,
        pub availability_zone: Option<String>,
        pub vpc_id: Option<String>,
        pub subnet_id: Option<String>,
        pub security_group_id: Option<String>,
        pub charge_info: Option<ChargeInfoResponse>,
        pub collation: Option<String>,
    }

    #[derive(Debug, Default, Deserialize)]
    #[serde(default)]
    pub struct DatastoreResponse {
        pub r#type: Option<DatastoreType>,
        pub version: Option<String>,
    }

    #[derive(Debug, Default, Deserialize)]
    #[serde(default)]
    pub struct HaResponse {
        pub mode: Option<String>,
        pub replication_mode: Option<ReplicationMode>,
    }

    #[derive(Debug, Default, Deserialize)]
    #[serde(default)]
    pub struct BackupStrategyResponse {
        pub start_time: Option<String>,
        pub keep_days: Option<i32>,
    }

    #[derive(Debug, Default, Deserialize)]
    #[serde(default)]
    pub struct VolumeResponse {
        pub r#type: Option<VolumeType>,
        pub size: Option<i32>,
    }

    #[derive(Debug, Default, Deserialize)]
    #[serde(default)]
    pub struct ChargeInfoResponse {
        pub charge_mode: Option<String>,
    }
}

/// A hand-written derived twin of the generated RDS v1 `ListInstancesResponse` (a list of
/// instances, camel-case wire names), as [`twin`] is of the v3 create_instance response.
mod twin_list {
    use otc_db_sdk::rds::v1::list_instances::ReplicationMode;
    use serde::Deserialize;

    #[derive(Debug, Default, Deserialize)]
    #[serde(default)]
    pub struct ListInstancesResponse {
        pub instances: Option<Vec<Instance>>,
    }

    #[derive(Debug, Default, Deserialize)]
    #[serde(default, rename_all = "camelCase")]
    pub struct Instance {
        pub id: Option<String>,
        pub status: Option<String>,
        pub name: Option<String>,
        pub created: Option<String>,
        pub hostname: Option<String>,
        pub r#type: Option<String>,
        pub region: Option<String>,
        pub updated: Option<String>,
        pub availability_zone: Option<String>,
        pub vpc: Option<String>,
        pub nics: Option<Nics>,
        pub security_group: Option<SecurityGroup>,
        pub flavor: Option<Flavor>,
        pub volume: Option<Volume>,
        pub data_store_info: Option<DataStoreInfo>,
        pub db_port: Option<i32>,
        pub backup_strategy: Option<BackupStrategy>,
        pub slave_id: Option<String>,
        pub ha: Option<Ha>,
        pub replica_of: Option<String>,
    }

    #[derive(Debug, Default, Deserialize)]
    #[serde(default, rename_all = "camelCase")]
    pub struct Nics {
        pub subnet_id: Option<String>,
    }

    #[derive(Debug, Default, Deserialize)]
    #[serde(default)]
    pub struct SecurityGroup {
        pub id: Option<String>,
    }

    #[derive(Debug, Default, Deserialize)]
    #[serde(default)]
    pub struct Flavor {
        pub id: Option<String>,
    }

    #[derive(Debug, Default, Deserialize)]
    #[serde(default)]
    pub struct Volume {
        pub r#type: Option<String>,
        pub size: Option<i32>,
    }

    #[derive(Debug, Default, Deserialize)]
    #[serde(default)]
    pub struct DataStoreInfo {
        pub r#type: Option<String>,
        pub version: Option<String>,
    }

    #[derive(Debug, Default, Deserialize)]
    #[serde(default, rename_all = "camelCase")]
    pub struct BackupStrategy {
        pub start_time: Option<String>,
        pub keep_days: Option<i32>,
    }

    #[derive(Debug, Default, Deserialize)]
    #[serde(default, rename_all = "camelCase")]
    pub struct Ha {
        pub replication_mode: Option<ReplicationMode>,
    }
}

/// Nanoseconds per deserialization of `json` as `T`.
fn deserialize_time<T: DeserializeOwned>(runs: usize, json: &str) -> f64 {
    time(runs, || {
        black_box(serde_json::from_str::<T>(black_box(json)).expect("deserializes"));
    })
}

/// The generated type against its derived twin on the same text, interleaved (generated, twin,
/// generated, …) so that a change of machine load hits both; the median of each.
/// Both must read the same values: their `Debug` texts (same names, fields and leaf types) are
/// compared first.
fn side_by_side<Generated: DeserializeOwned + std::fmt::Debug, Twin: DeserializeOwned + std::fmt::Debug>(
    runs: usize,
    name: &str,
    json: &str,
) {
    let generated: Generated = serde_json::from_str(json).unwrap_or_else(|e| panic!("{name}: {e}"));
    let twin: Twin = serde_json::from_str(json).unwrap_or_else(|e| panic!("{name}, twin: {e}"));
    // The twin has no `other` (the fields the page does not document): the example has none, so
    // every `other` of the generated value is empty, and is left out of the comparison.
    let generated_text = format!("{generated:?}").replace(", other: {}", "");
    assert!(!generated_text.contains("other: {"), "{name}: the example has undocumented fields: {generated_text}");
    assert_eq!(generated_text, format!("{twin:?}"), "{name}: the twin reads other values");
    let mut generated = Vec::with_capacity(runs);
    let mut twin = Vec::with_capacity(runs);
    for _ in 0..runs {
        generated.push(deserialize_time::<Generated>(1, json));
        twin.push(deserialize_time::<Twin>(1, json));
    }
    let median = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let (g, t) = (median(&mut generated), median(&mut twin));
    println!("| {name} | {} B | {:.2} µs | {:.2} µs | **{:.2}×** |", json.len(), g / 1000.0, t / 1000.0, g / t);
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
    println!("| {name} | {} B | {:.2} µs | {:.2} µs | {:.2} µs |", json.len(), de / 1000.0, ser / 1000.0, value / 1000.0);
}

/// `SERDE_BENCH_ONLY=generated|twin|generated-list|twin-list SERDE_BENCH_CALLS=N`: only N reads
/// of the create_instance response (or the v1 list_instances response) into one type, for
/// instruction counts (`valgrind --tool=callgrind`): the count at N minus the count at 0, over N,
/// is the count per read, independent of the machine's load.
fn only(which: &str) {
    let calls: usize = std::env::var("SERDE_BENCH_CALLS").ok().and_then(|v| v.parse().ok()).unwrap_or(1000);
    let create = example("rds/v3/create_instance.yaml", ExampleKind::Response);
    let list = example("rds/v1/list_instances.yaml", ExampleKind::Response);
    for _ in 0..calls {
        match which {
            "generated" => drop(black_box(serde_json::from_str::<CreateInstanceResponse>(black_box(&create)).expect("reads"))),
            "twin" => drop(black_box(serde_json::from_str::<twin::CreateInstanceResponse>(black_box(&create)).expect("reads"))),
            "generated-list" => drop(black_box(serde_json::from_str::<ListInstancesResponse>(black_box(&list)).expect("reads"))),
            "twin-list" => drop(black_box(serde_json::from_str::<twin_list::ListInstancesResponse>(black_box(&list)).expect("reads"))),
            other => panic!("SERDE_BENCH_ONLY={other}: expected generated, twin, generated-list or twin-list"),
        }
    }
}

fn main() {
    if let Ok(which) = std::env::var("SERDE_BENCH_ONLY") {
        return only(&which);
    }
    let runs = std::env::var("SERDE_BENCH_RUNS").ok().and_then(|v| v.parse().ok()).filter(|n| *n > 0).unwrap_or(11);
    println!("serde benchmark: median of {runs} batches");
    println!();
    println!("| example | size | deserialize (typed) | serialize (typed) | parse as serde_json::Value |");
    println!("|---|---|---|---|---|");
    case::<CreateInstanceRequest>(runs, "rds v3 create_instance request", &example("rds/v3/create_instance.yaml", ExampleKind::Request));
    case::<CreateInstanceResponse>(runs, "rds v3 create_instance response", &example("rds/v3/create_instance.yaml", ExampleKind::Response));
    case::<ListInstancesResponse>(runs, "rds v1 list_instances response", &example("rds/v1/list_instances.yaml", ExampleKind::Response));
    println!();
    println!("Reading, generated vs `#[derive(Deserialize)]` (target ≤ 1.10×):");
    println!();
    println!("| example | size | generated | derived twin | generated / derived |");
    println!("|---|---|---|---|---|");
    side_by_side::<CreateInstanceResponse, twin::CreateInstanceResponse>(
        runs,
        "rds v3 create_instance response",
        &example("rds/v3/create_instance.yaml", ExampleKind::Response),
    );
    side_by_side::<ListInstancesResponse, twin_list::ListInstancesResponse>(
        runs,
        "rds v1 list_instances response",
        &example("rds/v1/list_instances.yaml", ExampleKind::Response),
    );
}

//! Which crate each operation goes to.
//!
//! The generated SDK is a workspace of small crates behind one facade, as smithy-rs lays out the
//! AWS SDK: the facade `otc-db-sdk` (crate docs, cargo features, the HTTP client, the example
//! tests) re-exports a runtime crate and one crate per service. Users depend on the facade only;
//! its module paths (`otc_db_sdk::rds::v3::create_instance`) do not change with the layout.
//!
//! A service whose operations have more than [`FIELDS_PER_CRATE`] fields together is cut into
//! parts of at most that many fields each, in operation order (`otc-db-sdk-rds-01`, `-02`, …).
//! rustc type-checks one crate in one process and keeps all of it in memory until the end, so a
//! crate's peak memory grows with its size; parts bound it, and cargo checks two parts at once on
//! two cores. The budget is chosen so that no service of the reference is cut today (the largest,
//! RDS, has 1,786 fields) and so that a part needs about 1 GiB to check (measured: the
//! benchmark's scale test, `docs/benchmarks.md`).

use std::collections::BTreeMap;

use crate::model::{Kind, Model, OperationModel};

/// The most fields (struct fields, path and query parameters) one service crate holds.
pub const FIELDS_PER_CRATE: usize = 6_000;

/// The name of the runtime crate.
pub const RUNTIME_CRATE: &str = "otc-db-sdk-runtime";

/// Where the runtime crate lives, relative to the generated facade's folder (`generated/`): the
/// hand-written crate `generator/runtime/`, a member of this workspace. The generated crates
/// depend on it by path rather than on a copy, so that it is compiled, tested and documented where
/// it is written (see ARCHITECTURE.md).
pub const RUNTIME_DIR: &str = "../generator/runtime";

/// The `[dependencies]` line of the runtime crate for the generated crate in `crate_dir` (`""` for
/// the facade, `crates/rds` for a service crate).
pub fn runtime_dependency(crate_dir: &str) -> String {
    let up = "../".repeat(crate_dir.split('/').filter(|s| !s.is_empty()).count());
    format!("{RUNTIME_CRATE} = {{ version = \"0.1.0\", path = \"{up}{RUNTIME_DIR}\" }}\n")
}

/// Points every generated `Cargo.toml` at the runtime crate in `runtime_dir` (an absolute path), for
/// a crate generated outside this repository (the fixture crate test, the scale benchmark).
pub fn relocate_runtime(files: &mut BTreeMap<String, String>, runtime_dir: &std::path::Path) {
    let line = format!("{RUNTIME_CRATE} = {{ version = \"0.1.0\", path = {:?} }}", runtime_dir.display().to_string());
    for (_, text) in files.iter_mut().filter(|(p, _)| p.ends_with("Cargo.toml")) {
        *text = text
            .lines()
            .map(|l| if l.starts_with(&format!("{RUNTIME_CRATE} = ")) { line.as_str() } else { l })
            .collect::<Vec<_>>()
            .join("\n")
            + "\n";
    }
}

/// One generated crate of a service: all of its operations, or a part of them.
#[derive(Debug)]
pub struct ServiceCrate<'m> {
    /// `rds`
    pub service: &'m str,
    /// `otc-db-sdk-rds`, or `otc-db-sdk-rds-02` for the second of several parts.
    pub name: String,
    /// The crate's folder under `generated/`: `crates/rds`, `crates/rds-02`.
    pub dir: String,
    /// 1-based; `None` when the service is one crate.
    pub part: Option<(usize, usize)>,
    /// Its operations, in model order (version, then id).
    pub operations: Vec<&'m OperationModel>,
}

impl ServiceCrate<'_> {
    /// The Rust name of the crate (`otc_db_sdk_rds`).
    pub fn lib_name(&self) -> String {
        lib_name(&self.name)
    }
}

/// The Rust name of a crate: `otc-db-sdk-runtime` → `otc_db_sdk_runtime`.
pub fn lib_name(crate_name: &str) -> String {
    crate_name.replace('-', "_")
}

/// A service's operations by version module, in model order.
pub type Versions<'m> = BTreeMap<&'m str, Vec<&'m OperationModel>>;

/// The services of a model: service → version module → operations.
pub fn services(model: &Model) -> BTreeMap<&str, Versions<'_>> {
    let mut services: BTreeMap<&str, Versions<'_>> = BTreeMap::new();
    for op in &model.operations {
        services.entry(&op.service).or_default().entry(&op.version_module).or_default().push(op);
    }
    services
}

/// The fields of an operation: its struct fields, path and query parameters.
pub fn field_count(op: &OperationModel) -> usize {
    let fields: usize = op
        .types
        .iter()
        .map(|t| match &t.kind {
            Kind::Struct(fields) => fields.len(),
            _ => 0,
        })
        .sum();
    fields + op.path_params.len() + op.query_params.len()
}

/// The service crates of a model, by service, with at most `budget` fields each (an operation
/// larger than the budget gets a part of its own). Deterministic: the model is sorted.
pub fn service_crates(model: &Model, budget: usize) -> Result<Vec<ServiceCrate<'_>>, String> {
    let mut crates = Vec::new();
    for (service, versions) in services(model) {
        if service == "runtime" {
            return Err("a service may not be called `runtime`: that is the runtime crate's name".to_owned());
        }
        let mut parts: Vec<Vec<&OperationModel>> = vec![Vec::new()];
        let mut fields = 0;
        for op in versions.into_values().flatten() {
            let n = field_count(op);
            let current = parts.last_mut().expect("never empty");
            if !current.is_empty() && fields + n > budget {
                parts.push(vec![op]);
                fields = n;
            } else {
                current.push(op);
                fields += n;
            }
        }
        let count = parts.len();
        let width = count.to_string().len().max(2);
        for (i, operations) in parts.into_iter().enumerate() {
            let (suffix, part) = if count == 1 { (String::new(), None) } else { (format!("-{:0width$}", i + 1), Some((i + 1, count))) };
            crates.push(ServiceCrate {
                service,
                name: format!("otc-db-sdk-{service}{suffix}"),
                dir: format!("crates/{service}{suffix}"),
                part,
                operations,
            });
        }
    }
    Ok(crates)
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::model::{FieldModel, Ty, TypeModel};

    /// An operation with one request type `Body` of `fields` optional string fields.
    pub(in crate::emit) fn op(service: &str, version: &str, id: &str, fields: usize) -> OperationModel {
        let field = |i: usize| FieldModel {
            wire: format!("f{i}"),
            rust: format!("f{i}"),
            ty: Ty::String,
            required: false,
            doc: None,
            default: None,
            sensitive: false,
            constraints: Default::default(),
            accepts: Vec::new(),
        };
        OperationModel {
            spec_file: format!("spec/{service}/{version}/{id}.yaml"),
            service: service.to_owned(),
            version: version.to_owned(),
            version_module: version.to_owned(),
            id: id.to_owned(),
            type_name: "Op".to_owned(),
            title: id.to_owned(),
            doc: None,
            method: "GET".to_owned(),
            path: "/".to_owned(),
            status: 200,
            path_params: Vec::new(),
            query_params: Vec::new(),
            headers: Vec::new(),
            request: None,
            response: None,
            deprecated: None,
            types: vec![TypeModel {
                name: "Body".to_owned(),
                module: "body".to_owned(),
                doc: None,
                table: None,
                kind: Kind::Struct((0..fields).map(field).collect()),
                in_request: true,
                in_response: false,
            }],
            examples: Vec::new(),
            notes: Vec::new(),
            source: None,
            paging: None,
            job_query: None,
            instance_query: None,
        }
    }

    fn layout(model: &Model, budget: usize) -> Vec<(String, String, Vec<String>)> {
        service_crates(model, budget)
            .unwrap()
            .into_iter()
            .map(|c| (c.name, c.dir, c.operations.iter().map(|o| format!("{}/{}", o.version, o.id)).collect()))
            .collect()
    }

    #[test]
    fn a_service_within_the_budget_is_one_crate() {
        let model =
            Model { operations: vec![op("abc", "v1", "a", 3), op("abc", "v2", "b", 3), op("xyz", "v1", "c", 9)], ..Model::default() };
        assert_eq!(
            layout(&model, 10),
            [
                ("otc-db-sdk-abc".to_owned(), "crates/abc".to_owned(), vec!["v1/a".to_owned(), "v2/b".to_owned()]),
                ("otc-db-sdk-xyz".to_owned(), "crates/xyz".to_owned(), vec!["v1/c".to_owned()]),
            ]
        );
    }

    #[test]
    fn a_larger_service_is_cut_in_operation_order_across_versions() {
        let model = Model {
            operations: vec![
                op("abc", "v1", "a", 4),
                op("abc", "v1", "b", 4),
                op("abc", "v2", "c", 4),
                op("abc", "v2", "d", 12),
                op("abc", "v2", "e", 1),
            ],
            ..Model::default()
        };
        let names: Vec<_> = layout(&model, 10).into_iter().map(|(n, d, ops)| format!("{n} {d} {}", ops.join(","))).collect();
        // An operation larger than the budget gets a part of its own.
        assert_eq!(
            names,
            [
                "otc-db-sdk-abc-01 crates/abc-01 v1/a,v1/b",
                "otc-db-sdk-abc-02 crates/abc-02 v2/c",
                "otc-db-sdk-abc-03 crates/abc-03 v2/d",
                "otc-db-sdk-abc-04 crates/abc-04 v2/e"
            ]
        );
        let crates = service_crates(&model, 10).unwrap();
        assert_eq!(crates[1].part, Some((2, 4)));
        assert_eq!(crates[1].lib_name(), "otc_db_sdk_abc_02");
    }

    #[test]
    fn every_crate_reaches_the_runtime_crate_by_path() {
        assert_eq!(runtime_dependency(""), "otc-db-sdk-runtime = { version = \"0.1.0\", path = \"../generator/runtime\" }\n");
        assert!(runtime_dependency("crates/rds").contains("path = \"../../../generator/runtime\""));
        let mut files = BTreeMap::new();
        files.insert("Cargo.toml".to_owned(), format!("[dependencies]\n{}serde = \"1\"\n", runtime_dependency("")));
        files.insert("src/lib.rs".to_owned(), runtime_dependency(""));
        relocate_runtime(&mut files, std::path::Path::new("/r/generator/runtime"));
        assert_eq!(
            files["Cargo.toml"],
            "[dependencies]\notc-db-sdk-runtime = { version = \"0.1.0\", path = \"/r/generator/runtime\" }\nserde = \"1\"\n"
        );
        assert_eq!(files["src/lib.rs"], runtime_dependency(""), "only manifests are touched");
    }

    #[test]
    fn a_service_named_like_the_runtime_is_an_error() {
        let model = Model { operations: vec![op("runtime", "v1", "a", 1)], ..Model::default() };
        assert!(service_crates(&model, 10).unwrap_err().contains("`runtime`"));
    }
}

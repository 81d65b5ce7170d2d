//! The emitter on a small fixture spec that exercises every feature (keywords, enums, one_of,
//! accepts, sensitive, nested arrays and maps, envelopes, path and query parameters): one snapshot
//! per generated file, so that every change of output is a reviewable diff.

mod common;

#[test]
fn fixture_operation_files() {
    let generated = sdkgen::generate(&common::fixture("specs"), "tests/fixtures/specs").unwrap_or_else(|e| panic!("{e}"));
    let prefix = "crates/demo/src/v1/create_widget/";
    let mut count = 0;
    for (path, text) in &generated.files {
        if let Some(file) = path.strip_prefix(prefix) {
            let name = format!("create_widget__{}", file.trim_end_matches(".rs"));
            insta::assert_snapshot!(name, text);
            count += 1;
        }
    }
    // mod.rs + one file per type (9 types).
    assert_eq!(count, 10);
    insta::assert_snapshot!("create_widget__example_tests", generated.files["tests/examples.rs"]);
}

/// The crates around the operations: the facade's manifest and version module (re-exporting the
/// service crate), the service crate's manifest, root and version module.
#[test]
fn fixture_crate_layout_files() {
    let generated = sdkgen::generate(&common::fixture("specs"), "tests/fixtures/specs").unwrap_or_else(|e| panic!("{e}"));
    for (path, name) in [
        ("Cargo.toml", "layout__facade_cargo_toml"),
        ("src/demo/v1.rs", "layout__facade_demo_v1"),
        ("crates/demo/Cargo.toml", "layout__demo_cargo_toml"),
        ("crates/demo/src/lib.rs", "layout__demo_lib"),
        ("crates/demo/src/v1/mod.rs", "layout__demo_v1_mod"),
    ] {
        let text = generated.files.get(path).unwrap_or_else(|| panic!("{path} is generated"));
        insta::assert_snapshot!(name, text);
    }
}

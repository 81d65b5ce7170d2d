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

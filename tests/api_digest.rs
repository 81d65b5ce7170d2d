//! One snapshot per operation of the committed specs: a compact digest of the API users see
//! (fields, types, required, constraints, enum values). A spec change shows here as a small diff;
//! accept it with `cargo insta review`.

mod common;

#[test]
fn api_digest_of_every_operation() {
    let model = sdkgen::load_model(&common::repo().join("spec"), "spec").unwrap_or_else(|e| panic!("{e}"));
    assert!(!model.operations.is_empty());
    for op in &model.operations {
        let name = format!("{}__{}__{}", op.service, op.version_module, op.id);
        insta::assert_snapshot!(name, sdkgen::digest::digest(op));
    }
}

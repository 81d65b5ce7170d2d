//! Bad input gets a clear error naming the file and the line, never a panic; every bad file is
//! reported in one run; and when generation fails, the output folder is left exactly as it was.

mod common;

use sdkgen::Diagnostic;

fn errors(case: &str) -> Vec<Diagnostic> {
    let root = common::fixture(&format!("bad/{case}"));
    match sdkgen::generate(&root, case) {
        Ok(_) => panic!("{case}: expected errors, generation succeeded"),
        Err(d) => d.0,
    }
}

fn only(case: &str) -> Diagnostic {
    let mut e = errors(case);
    assert_eq!(e.len(), 1, "{case}: {e:?}");
    e.remove(0)
}

#[test]
fn malformed_yaml_names_file_and_line() {
    let e = only("malformed_yaml");
    assert_eq!(e.file, "malformed_yaml/svc/v1/get_thing.yaml");
    assert_eq!(e.line, Some(8), "{e}");
    assert!(e.message.starts_with("invalid spec:"), "{e}");
}

#[test]
fn undefined_type_names_the_field_line() {
    let e = only("undefined_type");
    assert_eq!(e.line, Some(13), "{e}");
    assert!(e.message.contains("found `Volume`"), "{e}");
    assert!(e.message.contains("expected string, integer"), "{e}");
}

#[test]
fn duplicate_field_is_an_error() {
    let e = only("duplicate_field");
    assert_eq!(e.line, Some(14), "{e}");
    assert_eq!(e.message, "duplicate field `id` in type `Thing`");
}

/// `other` holds a response's undocumented fields: a documented field cannot take the name.
#[test]
fn a_field_named_other_in_rust_is_an_error() {
    let e = only("reserved_field_name");
    assert_eq!(e.line, Some(12), "{e}");
    assert_eq!(
        e.message,
        "expected a Rust field name other than `other` (it holds the undocumented fields of a response), found `other` (set `name:` to choose one)"
    );
}

#[test]
fn path_parameter_missing_from_path_params() {
    let e = only("missing_path_param");
    assert_eq!(e.line, Some(5), "{e}");
    assert!(e.message.contains("`{thing_id}` is missing from `path_params`"), "{e}");
}

#[test]
fn parameter_constraints_must_fit_the_parameter() {
    let e = errors("param_constraints");
    assert_eq!(e.len(), 2, "{e:?}");
    assert_eq!(e[0].line, Some(11), "{}", e[0]);
    assert!(e[0].message.contains("constraints on a path parameter apply to a `string`"), "{}", e[0]);
    assert_eq!(e[1].line, Some(17), "{}", e[1]);
    assert_eq!(e[1].message, "`maximum` applies to a number or a string holding one, found it on `boolean`");
}

#[test]
fn enum_with_no_values() {
    let e = only("empty_enum");
    assert_eq!(e.line, Some(13), "{e}");
    assert_eq!(e.message, "expected at least one value in enum `Kind`, found none");
}

#[test]
fn unknown_key_is_not_silently_ignored() {
    let e = only("unknown_key");
    assert_eq!(e.line, Some(12), "{e}");
    assert!(e.message.contains("unknown field `requird`"), "{e}");
}

#[test]
fn type_names_the_generated_code_also_uses_are_errors() {
    let e = errors("emitted_names");
    let found: Vec<(Option<usize>, &str)> = e.iter().map(|d| (d.line, d.message.as_str())).collect();
    assert_eq!(
        found,
        [
            (Some(16), "type name `ThingBuilder` is also the builder of `Thing` in the generated code; choose another"),
            (Some(20), "type name `Header` is also imported from the runtime in the generated code; choose another"),
        ],
        "{e:?}"
    );
}

#[test]
fn client_marks_name_existing_parameters_and_fields() {
    let e = errors("bad_marks");
    let found: Vec<(Option<usize>, &str)> = e.iter().map(|d| (d.line, d.message.as_str())).collect();
    assert_eq!(e.len(), 3, "{found:?}");
    assert_eq!(e[0].line, Some(13), "{}", e[0]);
    assert!(e[0].message.contains("expected a query parameter of the operation, found `limit`"), "{}", e[0]);
    assert_eq!(e[1].line, Some(14), "{}", e[1]);
    assert!(e[1].message.contains("expected a list field of the response, found `count` of type `integer`"), "{}", e[1]);
    assert_eq!(e[2].line, Some(15), "{}", e[2]);
    assert!(e[2].message.contains("expected an integer field of the response body, found `things`"), "{}", e[2]);
}

/// `spec/<service>/marks.yaml`: a key the format does not have (with its line), a service
/// without operations, a code listed twice.
#[test]
fn bad_service_marks() {
    let e = errors("bad_service_marks");
    let found: Vec<String> = e.iter().map(|d| d.to_string()).collect();
    assert_eq!(e.len(), 3, "{found:?}");
    assert_eq!(e[0].file, "bad_service_marks/other/marks.yaml");
    assert!(e[0].message.contains("found `other`, which has none"), "{}", e[0]);
    assert_eq!(e[1].file, "bad_service_marks/svc/marks.yaml");
    assert!(e[1].message.contains("`SVC.0001` is listed twice"), "{}", e[1]);
    assert_eq!((e[2].file.as_str(), e[2].line), ("bad_service_marks/third/marks.yaml", Some(2)));
    assert!(e[2].message.contains("unknown field `retry_codes`"), "{}", e[2]);
}

#[test]
fn every_bad_file_is_reported_in_one_run() {
    let root = common::fixture("bad");
    // Each case folder is a spec root; as one tree, the paths have too many components:
    // the loader reports each file instead of stopping at the first.
    let e = sdkgen::generate(&root, "bad").unwrap_err().0;
    assert_eq!(e.len(), 14, "{e:?}");
    // A service's marks.yaml one level down is read as an operation spec, and is not one.
    assert!(e.iter().all(|d| d.message.contains("<service>/<version>/<operation>.yaml")
        || (d.file.ends_with("/marks.yaml") && d.message.contains("invalid spec"))));
}

#[test]
fn failed_generation_leaves_the_output_exactly_as_it_was() {
    let out = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir_all(out.path().join("src")).unwrap();
    std::fs::write(out.path().join("src/lib.rs"), "// before\n").unwrap();
    std::fs::write(out.path().join("keep.txt"), "keep").unwrap();
    let before = common::snapshot_dir(out.path());
    let spec = common::fixture("bad/undefined_type");
    let (code, stdout, stderr) = common::cli(&["--spec", spec.to_str().unwrap(), "--out", out.path().to_str().unwrap()]);
    assert_eq!(code, 1, "{stdout}{stderr}");
    assert!(stderr.contains("get_thing.yaml:13"), "{stderr}");
    assert!(stderr.contains("nothing was written"), "{stderr}");
    assert_eq!(common::snapshot_dir(out.path()), before);
}

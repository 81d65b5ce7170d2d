//! The transcriber: fixture pages in all three formats (rst grid and simple tables, a plain-text
//! rendering, Chinese Markdown with HTML tables and CRLF, a Markdown call example with curl) → reviewed specs; the doc lint; hand fixes;
//! `--strict`; and, where `../shared` exists, the committed `spec/` is exactly the transcription
//! of `spec/sources.yaml` and the drift from seed 004 to the current corpus page is shown.

mod common;

use std::path::{Path, PathBuf};

use sdkgen::transcribe::{collect_pages, transcribe, Run};

fn fixture_run(fix_dir: &Path) -> Run {
    let pages = collect_pages(&[common::fixture("ops/widgets")], Some("demo"));
    transcribe(&pages, fix_dir, |_| {})
}

#[test]
fn fixture_pages_in_three_formats_transcribe_to_reviewed_specs() {
    let none = tempfile::tempdir().expect("temp dir");
    let run = fixture_run(none.path());
    assert_eq!(run.pages, 4);
    assert!(run.failed.is_empty(), "{:?}", run.failed);
    let keys: Vec<&str> = run.specs.keys().map(String::as_str).collect();
    assert_eq!(keys, ["demo/v2/create_gadget", "demo/v2/update_widget", "demo/v3/create_widget", "demo/v3/list_widgets"]);
    for (key, spec) in &run.specs {
        let name = key.replace('/', "__");
        insta::assert_snapshot!(name, sdkgen::transcribe::to_text(key, spec).expect("YAML"));
    }
}

#[test]
fn doc_lint_names_page_line_and_contradiction() {
    let none = tempfile::tempdir().expect("temp dir");
    let run = fixture_run(none.path());
    let lines: Vec<String> = run.lints.iter().map(ToString::to_string).collect();
    let has = |s: &str| lines.iter().any(|l| l.contains(s));
    assert!(has("widgets/creating_a_widget.rst:52: warning[missing-table]: `tags` links to Table 9"), "{lines:#?}");
    assert!(has("creating_a_widget.rst:74: warning[example-type-mismatch]: the example sends `port` as integer"), "{lines:#?}");
    assert!(has("warning[example-field-not-in-table]: the request example has `colour`"), "{lines:#?}");
    assert!(has("warning[example-field-not-in-table]: the response example has `widget_id`"), "{lines:#?}");
    let widget = &run.specs["demo/v3/create_widget"];
    let port = widget.types["CreateWidgetRequest"].fields.as_ref().unwrap().iter().find(|f| f.json == "port").unwrap();
    assert_eq!(port.accepts, ["integer"]);
}

#[test]
fn a_hand_fix_applies_and_a_stale_one_is_an_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir_all(dir.path().join("demo/v3")).unwrap();
    std::fs::write(
        dir.path().join("demo/v3/create_widget.fix.yaml"),
        "types:\n  Volume:\n    why: the page's size range is wrong\n    fields:\n      - json: size\n        why: sizes go to 8000\n        constraints: {minimum: 40, maximum: 8000}\n",
    )
    .unwrap();
    let run = fixture_run(dir.path());
    assert!(run.failed.is_empty(), "{:?}", run.failed);
    let volume = &run.specs["demo/v3/create_widget"].types["Volume"];
    let size = volume.fields.as_ref().unwrap().iter().find(|f| f.json == "size").unwrap();
    assert_eq!(size.constraints.maximum, Some(8000.0));

    std::fs::write(
        dir.path().join("demo/v3/create_widget.fix.yaml"),
        "types:\n  Volume:\n    why: x\n    fields:\n      - json: weight\n        why: gone\n        required: true\n",
    )
    .unwrap();
    let run = fixture_run(dir.path());
    assert_eq!(run.failed.len(), 1, "{:?}", run.failed);
    assert!(
        run.failed[0]
            .to_string()
            .contains("create_widget.fix.yaml:5: the fix names field `Volume.weight`, which the transcription no longer has"),
        "{}",
        run.failed[0]
    );
    assert!(!run.specs.contains_key("demo/v3/create_widget"), "a spec whose fix fails is not written");
}

#[test]
fn strict_makes_warnings_errors_and_writes_nothing() {
    let out = tempfile::tempdir().expect("temp dir");
    let pages = common::fixture("ops/widgets");
    let (code, stdout, stderr) =
        common::cli(&["transcribe", "--strict", "--service", "demo", "--out", out.path().to_str().unwrap(), pages.to_str().unwrap()]);
    assert_eq!(code, 1, "{stdout}{stderr}");
    assert!(stderr.contains("--strict"), "{stderr}");
    assert!(common::snapshot_dir(out.path()).is_empty());
    let (code, stdout, _) =
        common::cli(&["transcribe", "--service", "demo", "--out", out.path().to_str().unwrap(), pages.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert!(stdout.contains("4 pages read, 4 specs written (0 unchanged, 0 removed), 0 skipped, 0 failed"), "{stdout}");
    assert!(out.path().join("demo/v3/create_widget.yaml").exists());
}

/// `../shared`, when its corpus is there (see `common::shared`: missing in CI is a failure).
fn shared() -> Option<PathBuf> {
    common::shared("corpus/otc").map(|_| common::repo().join("../shared"))
}

#[test]
fn committed_spec_is_the_transcription_of_its_sources() {
    let Some(_) = shared() else { return };
    let spec = common::repo().join("spec");
    let pages = sdkgen::transcribe::sources::pages(&spec, None).unwrap_or_else(|e| panic!("{e}"));
    let started = std::time::Instant::now();
    let run = transcribe(&pages, &spec, |_| {});
    let counts: Vec<String> = run.lint_counts().iter().map(|(k, n)| format!("{k}: {n}")).collect();
    let rules: Vec<String> = run.rule_counts().iter().map(|(k, n)| format!("{k}: {n}")).collect();
    println!(
        "corpus: {} pages, {} operation specs, {} skipped, {} failed, {} warnings [{}], value sets and limits [{}], {} hand fixes ({:.2?})",
        run.pages,
        run.specs.len(),
        run.skipped.len(),
        run.failed.len(),
        run.lints.len(),
        counts.join(", "),
        rules.join(", "),
        run.fixes_applied.len(),
        started.elapsed()
    );
    assert!(run.failed.is_empty(), "{:#?}", run.failed);
    for (key, s) in &run.specs {
        let text = sdkgen::transcribe::to_text(key, s).expect("YAML");
        let committed = std::fs::read_to_string(spec.join(format!("{key}.yaml"))).unwrap_or_default();
        assert!(committed == text, "spec/{key}.yaml is not the transcription of its page: run `cargo run -- transcribe`");
    }
    let (files, _) = sdkgen::spec::load_dir(&spec, "spec");
    for f in &files {
        let key = f.relative.to_string_lossy().trim_end_matches(".yaml").replace('\\', "/");
        assert!(run.specs.contains_key(&key), "spec/{key}.yaml is not produced by any page of spec/sources.yaml");
    }
    let coverage = std::fs::read_to_string(spec.join("COVERAGE.md")).unwrap_or_default();
    assert_eq!(coverage, sdkgen::transcribe::coverage(&run), "spec/COVERAGE.md is stale: run `cargo run -- transcribe`");
    // The marks of whole services: the busy codes of every error-code appendix.
    for (service, marks) in &run.service_marks {
        let text = sdkgen::transcribe::service_marks::to_text(marks).expect("YAML");
        let committed = std::fs::read_to_string(spec.join(service).join("marks.yaml")).unwrap_or_default();
        assert!(committed == text, "spec/{service}/marks.yaml is not the transcription of its pages: run `cargo run -- transcribe`");
    }
    let on_disk: Vec<String> = sdkgen::spec::load::service_marks_files(&spec).into_iter().map(|(s, _)| s).collect();
    assert_eq!(on_disk, run.service_marks.keys().cloned().collect::<Vec<_>>(), "marks.yaml of a service no page gives");
    assert_eq!(on_disk, ["dds", "gaussdb", "geminidb", "rds", "taurusdb"], "every error-code appendix gives busy codes");
}

/// Transcription runs on threads (`transcribe_on`): the run (specs, lints, skipped and failed
/// pages, marks, fixes applied) is the same on 1 and 3 threads, in the same order. The fixture
/// pages (a table linked from another page), and where `../shared` exists every third page of
/// `spec/sources.yaml` with the hand fixes of `spec/`.
#[test]
fn a_transcription_is_the_same_whatever_the_thread_count() {
    use sdkgen::transcribe::{transcribe_on, Names};
    let none = tempfile::tempdir().expect("temp dir");
    let fixtures = collect_pages(&[common::fixture("ops/widgets"), common::fixture("ops/linked_tables")], Some("demo"));
    let mut sets = vec![(fixtures, none.path().to_path_buf())];
    if shared().is_some() {
        let spec = common::repo().join("spec");
        let pages = sdkgen::transcribe::sources::pages(&spec, None).unwrap_or_else(|e| panic!("{e}"));
        sets.push((pages.into_iter().step_by(3).collect(), spec));
    }
    for (pages, fix_dir) in &sets {
        let runs: Vec<(Run, Vec<usize>)> = [1, 3]
            .into_iter()
            .map(|threads| {
                let mut progress = Vec::new();
                let run = transcribe_on(pages, fix_dir, Names::Keep, threads, |n| progress.push(n));
                (run, progress)
            })
            .collect();
        let [(one, progress_one), (three, progress_three)] = &runs[..] else { unreachable!() };
        assert!(one.specs.len() >= 5 && !one.lints.is_empty(), "too little to compare: {} specs", one.specs.len());
        assert_eq!(one.pages, pages.len());
        assert_eq!(one.specs, three.specs, "specs differ between 1 and 3 threads");
        assert_eq!(format!("{one:#?}"), format!("{three:#?}"), "the runs differ between 1 and 3 threads");
        // Progress counts every page once, in order, whichever thread finished it (every page
        // here reads; a hand fix of an operation whose other pages are left out may fail).
        let all: Vec<usize> = (1..=pages.len()).collect();
        assert_eq!((progress_one, progress_three), (&all, &all));
    }
}

#[test]
fn drift_from_seed_004_to_the_current_corpus_page() {
    let Some(shared) = shared() else { return };
    let old = tempfile::tempdir().expect("temp dir");
    let out = old.path().to_str().unwrap();
    std::fs::create_dir_all(old.path().join("rds/v3")).unwrap();
    std::fs::copy(common::repo().join("spec/rds/v3/create_instance.fix.yaml"), old.path().join("rds/v3/create_instance.fix.yaml")).unwrap();
    let seed = shared.join("seeds/004_8546b5c2c6b5aacc.txt");
    let (code, _, stderr) = common::cli(&["transcribe", "--service", "rds", "--out", out, seed.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    let page = shared.join("corpus/otc/rds/api_v3_recommended/db_instance_management/creating_a_db_instance.rst");
    let (code, stdout, stderr) = common::cli(&["drift", "--spec", out, page.to_str().unwrap()]);
    assert_eq!(code, 1, "drift exits 1 when anything differs: {stdout}{stderr}");
    for expected in [
        "operation rds/v3/create_instance:",
        "+ field CreateDbInstance.time_zone added: string",
        "- enum value VolumeType::COMMON removed",
        "- enum value VolumeType::ULTRAHIGH removed",
        "+ enum value VolumeType::CLOUDSSD added",
        "+ enum value VolumeType::ESSD added",
    ] {
        assert!(stdout.contains(expected), "missing `{expected}` in:\n{stdout}");
    }
    // No drift against itself.
    let (code, stdout, _) = common::cli(&["drift", "--spec", out, seed.to_str().unwrap(), "--service", "rds"]);
    assert_eq!(code, 0, "{stdout}");
    assert!(stdout.contains("no drift"), "{stdout}");
}

#[test]
fn mangled_pages_never_panic_the_transcriber() {
    // Every prefix cut at a line boundary, and every line dropped once, of every fixture page:
    // read and transcribed without a panic (an error or a skip is fine).
    let mut runs = 0;
    let entries = ["ops/widgets", "ops/linked_tables"].into_iter().flat_map(|d| std::fs::read_dir(common::fixture(d)).expect("fixtures"));
    for entry in entries {
        let path = entry.expect("entry").path();
        let text = std::fs::read_to_string(&path).expect("text");
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let lines: Vec<&str> = text.split_inclusive('\n').collect();
        let mut variants: Vec<String> = (0..lines.len()).map(|n| lines[..n].concat()).collect();
        variants.extend((0..lines.len()).map(|skip| lines.iter().enumerate().filter(|(i, _)| *i != skip).map(|(_, l)| *l).collect()));
        for v in variants {
            if let Ok(doc) = sdkgen::read::read_page(&name, &v) {
                let input = sdkgen::transcribe::page::PageInput { name: &name, text: &v, service: "demo" };
                let _ = sdkgen::transcribe::page::transcribe_page(&input, &doc);
            }
            runs += 1;
        }
    }
    assert!(runs > 600, "{runs}");
}

/// Pages are one operation when method, path and name agree: older APIs on other paths with the same
/// titles are operations of their own (deprecated, qualified `_legacy`), two pages on one path with
/// other names stay two, and a quick-start page without tables adds its example to the operation
/// of its path.
#[test]
fn older_apis_and_shared_paths_are_operations_of_their_own() {
    let none = tempfile::tempdir().expect("temp dir");
    let pages = collect_pages(&[common::fixture("ops/older_apis")], Some("demo"));
    let run = transcribe(&pages, none.path(), |_| {});
    assert!(run.failed.is_empty(), "{:?}", run.failed);
    let keys: Vec<&str> = run.specs.keys().map(String::as_str).collect();
    assert_eq!(keys, ["demo/v3/create_gizmo", "demo/v3/create_gizmo_legacy", "demo/v3/resize_gizmo", "demo/v3/restart_gizmo"]);
    let current = &run.specs["demo/v3/create_gizmo"];
    let legacy = &run.specs["demo/v3/create_gizmo_legacy"];
    assert_eq!(current.operation.path, "/v3/{project_id}/gizmos");
    assert_eq!(current.operation.deprecated, None);
    assert_eq!(legacy.operation.path, "/gizmo/v3/{project_id}/gizmos");
    let why = legacy.operation.deprecated.as_deref().expect("deprecated");
    assert!(why.contains("`apis_unavailable_soon/`") && why.contains("`v3::create_gizmo`"), "{why}");
    let also: Vec<&str> = current.source.as_ref().unwrap().also.iter().map(|s| s.doc.as_str()).collect();
    assert_eq!(also, ["older_apis/quick_start.rst"]);
    assert_eq!(run.specs["demo/v3/restart_gizmo"].operation.path, run.specs["demo/v3/resize_gizmo"].operation.path);
    let lints: Vec<String> = run.lints.iter().map(ToString::to_string).collect();
    assert!(lints.iter().any(|l| l.contains("warning[name-taken]") && l.contains("is `create_gizmo_legacy`")), "{lints:#?}");
    assert!(!lints.iter().any(|l| l.contains("duplicate-operation")), "{lints:#?}");
}

/// Transcribing a whole reference removes the specs no page gives any more, and says so.
#[test]
fn a_spec_whose_page_is_gone_is_removed() {
    let out = tempfile::tempdir().expect("temp dir");
    let export = tempfile::tempdir().expect("temp dir");
    let pages = export.path().join("gizmos");
    std::fs::create_dir_all(&pages).unwrap();
    common::copy_dir(&common::fixture("ops/older_apis"), &pages);
    let manifest = format!(
        "export:\n  path: {}\n  name: export\nrepositories:\n  - repository: example/gizmos\n    path: api-ref\n    commit: 0000000000000000000000000000000000000000\n    export: gizmos\n    service: demo\n",
        export.path().display()
    );
    std::fs::write(out.path().join("sources.yaml"), manifest).unwrap();
    let run = |args: &[&str]| common::cli(&[&["transcribe", "--out", out.path().to_str().unwrap()], args].concat());
    let (code, stdout, stderr) = run(&[]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(out.path().join("demo/v3/restart_gizmo.yaml").exists());
    std::fs::remove_file(pages.join("apis_recommended/restarting_a_gizmo.rst")).unwrap();
    let (code, stdout, stderr) = run(&[]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(stdout.contains("removed ") && stdout.contains("demo/v3/restart_gizmo.yaml"), "{stdout}");
    assert!(stdout.contains("(4 unchanged, 1 removed)") || stdout.contains("(3 unchanged, 1 removed)"), "{stdout}");
    assert!(!out.path().join("demo/v3/restart_gizmo.yaml").exists());
    assert!(out.path().join("demo/v3/resize_gizmo.yaml").exists());
    // A hand fix of the operation that is gone corrects nothing: an error, not silence.
    std::fs::write(out.path().join("demo/v3/restart_gizmo.fix.yaml"), "operation:\n  why: x\n").unwrap();
    let (code, stdout, stderr) = run(&[]);
    assert_ne!(code, 0, "{stdout}{stderr}");
    assert!(stderr.contains("restart_gizmo.fix.yaml: the hand fix applies to no operation the pages give"), "{stderr}");
}

/// Formats of other references (issue 15, point 4): a field typed by a table of ANOTHER page of
/// the run (a `:ref:` to its anchor, "Table 4 in section …"), "Array of `Tag` objects" and
/// "`Owner` object" naming a table by caption or anchor, and a `Status code: 400` error body
/// that is not the response.
#[test]
fn tables_linked_from_another_page_and_named_objects() {
    let none = tempfile::tempdir().expect("temp dir");
    let pages = collect_pages(&[common::fixture("ops/linked_tables")], Some("demo"));
    let run = transcribe(&pages, none.path(), |_| {});
    assert!(run.failed.is_empty(), "{:?}", run.failed);
    let lints: Vec<String> = run.lints.iter().map(ToString::to_string).collect();
    assert!(lints.is_empty(), "{lints:#?}");
    let spec = &run.specs["demo/v3/create_sprocket"];
    insta::assert_snapshot!("demo__v3__create_sprocket", sdkgen::transcribe::to_text("demo/v3/create_sprocket", spec).expect("YAML"));
    let fields = |ty: &str| -> Vec<(String, String)> {
        spec.types[ty].fields.as_ref().expect("struct").iter().map(|f| (f.json.clone(), f.ty.clone())).collect()
    };
    let request = fields("CreateSprocketRequest");
    let ty = |name: &str| request.iter().find(|(j, _)| j == name).map(|(_, t)| t.as_str()).expect(name);
    // The other page's Table 3 (by anchor), with its own nested Table 4 and enum.
    assert_eq!(ty("flavor"), "Flavors");
    assert_eq!(
        fields("Flavors"),
        [("spec_code".into(), "string".into()), ("vcpus".into(), "integer".into()), ("az_status".into(), "AzStatus".into())]
    );
    assert_eq!(spec.types["Flavors"].table.as_deref(), Some("Table 3 in section Querying Sprocket Flavors"));
    assert_eq!(ty("backup"), "AzStatus", "Table 4 in section Querying Sprocket Flavors");
    assert!(spec.types["AzStatusStatus"].values.is_some());
    assert_eq!(ty("tags"), "array<Tag>");
    assert_eq!(ty("owner"), "Owner");
    assert_eq!(fields("Owner"), [("user_id".into(), "string".into())]);
    // The 400 body is not the response, and its example is not a response example.
    assert_eq!(fields("CreateSprocketResponse"), [("job_id".into(), "string".into())]);
    assert!(!spec.types.values().any(|t| t.fields.iter().flatten().any(|f| f.json == "error_code")));
    assert!(spec.examples.iter().all(|e| !e.json.contains("error_code")));

    // Alone, the page cannot follow the link: the anchor's field is untyped and said so; this
    // page's own Table 3 (`Tag`) is not taken for the other page's.
    let alone = collect_pages(&[common::fixture("ops/linked_tables/creating_a_sprocket.rst")], Some("demo"));
    let run = transcribe(&alone, none.path(), |_| {});
    let spec = &run.specs["demo/v3/create_sprocket"];
    let flavor = spec.types["CreateSprocketRequest"].fields.as_ref().unwrap().iter().find(|f| f.json == "flavor").unwrap();
    assert_eq!(flavor.ty, "any");
    let lints: Vec<String> = run.lints.iter().map(ToString::to_string).collect();
    assert!(lints.iter().any(|l| l.contains("warning[missing-table]: `flavor` links to Table 3")), "{lints:#?}");
}

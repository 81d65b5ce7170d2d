//! Pages the transcriber has never seen (issue 15): whatever it writes, `generate` accepts; a
//! row it cannot read degrades, not the page; formats of other OTC references
//! (`tests/fixtures/first_sight/formats/`); pages with non-English titles are named from what
//! they give and never merged (`tests/fixtures/first_sight/zh_actions/`).

mod common;

use std::path::{Path, PathBuf};

use sdkgen::diag::LintKind;
use sdkgen::spec::Spec;
use sdkgen::transcribe::{collect_pages, transcribe, Run};

fn run_of(dirs: &[PathBuf], service: Option<&str>) -> Run {
    let pages = collect_pages(dirs, service);
    let none = tempfile::tempdir().expect("temp dir");
    transcribe(&pages, none.path(), |_| {})
}

fn first_sight(rel: &str) -> Run {
    run_of(&[common::fixture(&format!("first_sight/{rel}"))], Some("demo"))
}

fn field_types(spec: &Spec, ty: &str) -> Vec<(String, String)> {
    let fields = spec.types.get(ty).unwrap_or_else(|| panic!("type {ty} in {:?}", spec.types.keys())).fields.as_ref().expect("a struct");
    fields.iter().map(|f| (f.json.clone(), f.ty.clone())).collect()
}

fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
    v.iter().map(|(a, b)| ((*a).to_owned(), (*b).to_owned())).collect()
}

/// Writes `run`'s specs as `transcribe --out` does and generates them in memory.
fn generate(run: &Run, dir: &Path) -> Result<sdkgen::Generated, String> {
    for (key, spec) in &run.specs {
        let path = dir.join(format!("{key}.yaml"));
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(&path, sdkgen::transcribe::to_text(key, spec).expect("YAML")).expect("write");
    }
    sdkgen::generate(dir, "scratch").map_err(|e| e.to_string())
}

#[test]
fn every_page_we_have_transcribes_into_a_spec_the_generator_accepts() {
    let mut dirs: Vec<PathBuf> = ["pages", "ops", "first_sight"].iter().map(|d| common::fixture(d)).collect();
    let shared = common::repo().join("../shared");
    if shared.join("corpus/otc").is_dir() {
        dirs.push(shared.join("corpus/otc"));
        dirs.push(shared.join("seeds"));
    } else {
        eprintln!("../shared is absent: fixtures only");
    }
    let run = run_of(&dirs, None);
    let refused: Vec<String> = run.lints.iter().filter(|l| l.message.contains("still refuses")).map(|l| l.to_string()).collect();
    assert!(refused.is_empty(), "{refused:#?}");
    // Only the two reader fixtures that are broken on purpose fail (a table the reader cannot cut).
    assert!(run.failed.iter().all(|f| f.to_string().starts_with("pages/bad_")), "{:#?}", run.failed);
    let scratch = tempfile::tempdir().expect("temp dir");
    let generated = generate(&run, scratch.path()).unwrap_or_else(|e| panic!("generate refused the transcription:\n{e}"));
    assert_eq!(generated.model.operations.len(), run.specs.len());
    println!(
        "first sight: {} pages, {} operations generated, {} warnings [{:?}]",
        run.pages,
        run.specs.len(),
        run.lints.len(),
        run.lint_counts()
    );
}

#[test]
fn mangled_pages_transcribe_into_specs_the_generator_accepts() {
    // Every line dropped once, of every first-sight and widget fixture page: each variant is a
    // page of its own service, and the generator's resolver accepts what comes out.
    let scratch = tempfile::tempdir().expect("temp dir");
    let mut n = 0;
    for dir in [
        common::fixture("first_sight/formats"),
        common::fixture("first_sight/zh_actions"),
        common::fixture("first_sight/bold_status"),
        common::fixture("ops/widgets"),
    ] {
        for entry in std::fs::read_dir(&dir).expect("fixtures") {
            let path = entry.expect("entry").path();
            let text = std::fs::read_to_string(&path).expect("text");
            let lines: Vec<&str> = text.split_inclusive('\n').collect();
            for skip in 0..lines.len() {
                let variant: String = lines.iter().enumerate().filter(|(i, _)| *i != skip).map(|(_, l)| *l).collect();
                let folder = scratch.path().join(format!("m{n:04}"));
                std::fs::create_dir_all(&folder).expect("mkdir");
                std::fs::write(folder.join(path.file_name().expect("name")), variant).expect("write");
                n += 1;
            }
        }
    }
    let pages = collect_pages(&[scratch.path().to_path_buf()], None);
    assert_eq!(pages.len(), n);
    let run = transcribe(&pages, scratch.path(), |_| {});
    let refused: Vec<String> = run.lints.iter().filter(|l| l.message.contains("still refuses")).map(|l| l.to_string()).collect();
    assert!(refused.is_empty(), "{refused:#?}");
    assert!(run.specs.len() > n / 2, "{} specs of {n} variants", run.specs.len());
}

#[test]
fn an_unknown_type_word_degrades_the_row_not_the_page() {
    let run = first_sight("formats");
    assert!(run.failed.is_empty(), "{:?}", run.failed);
    let spec = &run.specs["demo/v2/create_gizmo_backup"];
    let fields = field_types(spec, "CreateGizmoBackupRequest");
    assert!(fields.contains(&("shape".to_owned(), "any".to_owned())), "{fields:?}");
    assert_eq!(fields.len(), 8, "every other row is transcribed: {fields:?}");
    let lint = run.lints.iter().find(|l| l.kind == Some(LintKind::UnknownTypeWord)).expect("a lint");
    assert_eq!((lint.file.as_str(), lint.line), ("formats/creating_a_gizmo_backup.rst", Some(49)));
    assert!(lint.message.contains("`Widgetish`"), "{lint}");
}

#[test]
fn formats_of_other_references() {
    let run = first_sight("formats");
    let keys: Vec<&str> = run.specs.keys().map(String::as_str).collect();
    assert_eq!(keys, ["demo/v2/create_gizmo_backup", "demo/v3/delete_gizmo_tags", "demo/v3/list_gizmos"]);

    // Type before Mandatory; "URL format" and a URI without host; type words of other references;
    // "Status code: 202" as a paragraph; a 400 error body beside the success table; "Example
    // Requests" with a bare `POST https://…` line before the JSON.
    let backup = &run.specs["demo/v2/create_gizmo_backup"];
    assert_eq!((backup.operation.method.as_str(), backup.operation.path.as_str()), ("POST", "/v2/{project_id}/gizmos/{gizmo_id}/backups"));
    assert_eq!(backup.operation.status, Some(202));
    let required: Vec<bool> = backup.types["CreateGizmoBackupRequest"].fields.as_ref().unwrap().iter().map(|f| f.required).collect();
    assert_eq!(required, [true, false, false, false, false, false, false, false]);
    assert_eq!(
        field_types(backup, "CreateGizmoBackupRequest"),
        pairs(&[
            ("name", "string"),
            ("tables", "array<integer>"),
            ("retention", "integer"),
            ("ratio", "number"),
            ("extra", "any"),
            ("quotas", "map<integer>"),
            ("shape", "any"),
            ("labels", "array<Label>"),
        ])
    );
    assert_eq!(field_types(backup, "CreateGizmoBackupResponse"), pairs(&[("backup_id", "string")]), "the 400 body is not the response");
    let kinds: Vec<_> = backup.examples.iter().map(|e| (e.kind, e.json.contains("error_code"))).collect();
    assert_eq!(kinds.iter().filter(|(_, err)| *err).count(), 0, "the 400 example is not a response example: {kinds:?}");
    assert_eq!(backup.examples.len(), 2);

    // A list done by POST; `Array of :ref:` and `Objects in :ref:`; the status only in a table;
    // a nested table with no anchor and no link whose caption names the field.
    let list = &run.specs["demo/v3/list_gizmos"];
    assert_eq!(list.operation.method, "POST");
    assert_eq!(list.operation.status, Some(200));
    assert_eq!(
        field_types(list, "ListGizmosResponse"),
        pairs(&[("gizmos", "array<GizmoInfo>"), ("owner", "Owner"), ("total", "integer"), ("region", "Region")])
    );
    assert_eq!(field_types(list, "Region"), pairs(&[("code", "string")]));
    assert_eq!(field_types(list, "Owner"), pairs(&[("user", "string")]));

    // DELETE with a body; a bare URL without method in the example; "Status code: 204".
    let delete = &run.specs["demo/v3/delete_gizmo_tags"];
    assert_eq!(delete.operation.method, "DELETE");
    assert_eq!(delete.operation.status, Some(204));
    assert_eq!(field_types(delete, "DeleteGizmoTagsRequest"), pairs(&[("keys", "array<string>")]));
    assert_eq!(delete.examples.len(), 1);
}

#[test]
fn non_english_titles_are_named_from_the_page_and_never_merged() {
    let run = first_sight("zh_actions");
    assert!(run.failed.is_empty(), "{:?}", run.failed);
    let keys: Vec<&str> = run.specs.keys().map(String::as_str).collect();
    // Two pages of `POST …/instances/{instance_id}/action` stay two operations.
    assert_eq!(keys, ["demo/v3/create_backup_copy", "demo/v3/list_instances", "demo/v3/resize_instance", "demo/v3/restart_instance"]);
    assert!(run.lints.iter().all(|l| l.kind != Some(LintKind::DuplicateOperation)));
    let mut derived: Vec<String> = run
        .lints
        .iter()
        .filter(|l| l.kind == Some(LintKind::DerivedName))
        .map(|l| format!("{}: {}", l.file.rsplit('/').next().unwrap_or(""), l.message.rsplit(": ").next().unwrap_or("")))
        .collect();
    derived.sort();
    assert_eq!(
        derived,
        [
            "creating_a_backup_copy.md: named `create_backup_copy` from the file name",
            "zh-cn_topic_0000001.md: named `restart_instance` from the request body's root key",
            "zh-cn_topic_0000002.md: named `resize_instance` from the request body's root key",
            "zh-cn_topic_0000004.md: named `list_instances` from the method and the path's last literal segment",
        ]
    );
    // A field whose name is no Rust name gets `name:`, with a lint.
    let copy = &run.specs["demo/v3/create_backup_copy"];
    let field = &copy.types["CreateBackupCopyRequest"].fields.as_ref().unwrap()[1];
    assert_eq!((field.json.as_str(), field.name.as_deref()), ("显示名", Some("field_2")));
    assert!(run.lints.iter().any(|l| l.kind == Some(LintKind::NameConflict) && l.message.contains("显示名")));
    let scratch = tempfile::tempdir().expect("temp dir");
    generate(&run, scratch.path()).expect("generated");
}

#[test]
fn status_paragraphs_with_markup_and_error_bodies() {
    // Bold, bold-number and code-number status paragraphs (rst, Markdown with HTML tables) and
    // plain ones (plain text): the 2xx status is the operation's, and a table or example after a
    // 4xx/5xx status is never the response, even under an "Example response" cue.
    let run = first_sight("bold_status");
    assert!(run.failed.is_empty(), "{:?}", run.failed);
    let keys: Vec<&str> = run.specs.keys().map(String::as_str).collect();
    assert_eq!(keys, ["demo/v3/create_gizmo_snapshot", "demo/v3/delete_gizmo_snapshot", "demo/v3/reset_gizmo_password"]);

    let create = &run.specs["demo/v3/create_gizmo_snapshot"];
    assert_eq!(create.operation.status, Some(201));
    assert_eq!(create.operation.response.as_deref(), Some("CreateGizmoSnapshotResponse"));
    assert_eq!(field_types(create, "CreateGizmoSnapshotResponse"), pairs(&[("snapshot_id", "string"), ("created", "string")]));
    assert!(create.examples.iter().all(|e| !e.json.contains("error_code")), "{:?}", create.examples);

    let delete = &run.specs["demo/v3/delete_gizmo_snapshot"];
    assert_eq!(delete.operation.status, Some(202));
    assert_eq!(field_types(delete, "DeleteGizmoSnapshotResponse"), pairs(&[("job_id", "string")]));
    assert!(delete.examples.iter().all(|e| !e.json.contains("error_code")), "{:?}", delete.examples);

    // Only error bodies under "Response Parameters": the operation has no response body.
    let reset = &run.specs["demo/v3/reset_gizmo_password"];
    assert_eq!(reset.operation.status, Some(202));
    assert_eq!(reset.operation.response, None, "{:?}", reset.types.keys());
    assert!(reset.types.keys().all(|k| !k.ends_with("Response")), "{:?}", reset.types.keys());

    for (key, spec) in &run.specs {
        insta::assert_snapshot!(key.replace('/', "__"), sdkgen::transcribe::to_text(key, spec).expect("YAML"));
    }
    let scratch = tempfile::tempdir().expect("temp dir");
    generate(&run, scratch.path()).expect("generated");
}

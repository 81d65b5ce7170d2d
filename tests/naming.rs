//! Names that stay put (`docs/naming.md`): a page whose title (and file name) and a caption are
//! edited keeps its operation's and types' names, and `drift` reports the new title; a page removed shows as a removal;
//! `transcribe --rename` renames on purpose and `breaking` reports the rename against git.

mod common;

use std::path::Path;
use std::process::Command;

/// The fixture page `creating_a_widget.rst` and the plain-text `listing_widgets.txt` in a folder
/// of their own.
fn pages(dir: &Path) {
    for name in ["creating_a_widget.rst", "listing_widgets.txt"] {
        std::fs::copy(common::fixture("ops/widgets").join(name), dir.join(name)).expect("copy fixture");
    }
}

/// The fixture page with another title and a reworded caption (Table 3 of `volume` now says
/// "disk"), under the file name the new title gives; its identity (`:original_name:
/// widget_0001.html`, `.. _widget_0001:`) is unchanged.
fn retitle(dir: &Path) {
    let text = std::fs::read_to_string(dir.join("creating_a_widget.rst")).expect("page");
    let text = text
        .replace("Creating a Widget\n=================", "Making a New Widget\n===================")
        .replace("**Table 3** volume field data structure description", "**Table 3** disk field data structure description");
    assert!(text.contains("Making a New Widget") && text.contains("disk field"), "the fixture changed");
    std::fs::remove_file(dir.join("creating_a_widget.rst")).expect("remove");
    std::fs::write(dir.join("making_a_new_widget.rst"), text).expect("write");
}

fn transcribe(out: &Path, pages: &Path, extra: &[&str]) {
    let mut args = vec!["transcribe", "--service", "demo", "--out", out.to_str().unwrap()];
    args.extend_from_slice(extra);
    args.push(pages.to_str().unwrap());
    let (code, stdout, stderr) = common::cli(&args);
    assert_eq!(code, 0, "{stdout}{stderr}");
}

/// `drift` of the pages of `dir` against the specs of `out`: exit code and output.
fn drift(out: &Path, dir: &Path) -> (i32, String) {
    let (code, stdout, _) = common::cli(&["drift", "--service", "demo", "--spec", out.to_str().unwrap(), dir.to_str().unwrap()]);
    (code, stdout)
}

fn specs(out: &Path) -> Vec<String> {
    let mut names: Vec<String> =
        std::fs::read_dir(out.join("demo/v3")).expect("specs").map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

#[test]
fn an_edited_title_keeps_the_name_and_drift_reports_it() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let (dir, out) = (tmp.path().join("widgets"), tmp.path().join("spec"));
    std::fs::create_dir_all(&dir).unwrap();
    pages(&dir);
    transcribe(&out, &dir, &[]);
    assert_eq!(specs(&out), ["create_widget.yaml", "list_widgets.yaml"]);

    retitle(&dir);
    let (code, stdout) = drift(&out, &dir);
    assert_eq!(code, 1, "a new title is drift: {stdout}");
    assert!(stdout.contains("operation demo/v3/create_widget:"), "{stdout}");
    assert!(stdout.contains(r#"title: "Creating a Widget" → "Making a New Widget" (name kept: create_widget)"#), "{stdout}");
    assert!(!stdout.contains("removed"), "the retitled page is no removal: {stdout}");

    transcribe(&out, &dir, &[]);
    assert_eq!(specs(&out), ["create_widget.yaml", "list_widgets.yaml"], "the name stays");
    let spec = std::fs::read_to_string(out.join("demo/v3/create_widget.yaml")).unwrap();
    assert!(spec.contains("title: Making a New Widget"), "the title follows the page:\n{spec}");
    assert!(spec.contains("page: widget_0001"), "{spec}");
    assert!(spec.contains("CreateWidgetRequest"), "the bodies keep their names too");
    assert!(spec.contains("\n  Volume:\n") && !spec.contains("Disk"), "a reworded caption keeps the type's name:\n{spec}");

    // On purpose: `--rename` names by the rules.
    transcribe(&out, &dir, &["--rename"]);
    assert!(specs(&out).contains(&"make_new_widget.yaml".to_owned()), "{:?}", specs(&out));
    let spec = std::fs::read_to_string(out.join("demo/v3/make_new_widget.yaml")).unwrap();
    assert!(spec.contains("\n  Disk:\n"), "{spec}");
    assert!(spec.contains("MakeNewWidgetRequest"), "{spec}");
}

#[test]
fn a_removed_page_is_a_removal_in_drift() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let (dir, out) = (tmp.path().join("widgets"), tmp.path().join("spec"));
    std::fs::create_dir_all(&dir).unwrap();
    pages(&dir);
    transcribe(&out, &dir, &[]);
    std::fs::remove_file(dir.join("listing_widgets.txt")).unwrap();
    let (code, stdout) = drift(&out, &dir);
    assert_eq!(code, 1, "{stdout}");
    assert!(
        stdout.contains(
            "- operation demo/v3/list_widgets removed (GET /v3/{project_id}/widgets): its page widgets/listing_widgets.txt is gone"
        ),
        "{stdout}"
    );
    assert!(!stdout.contains("create_widget"), "the other page did not change: {stdout}");
}

fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git").arg("-C").arg(dir).args(args).output().expect("git");
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn breaking_reports_a_rename_against_git() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let (dir, out) = (tmp.path().join("widgets"), tmp.path().join("spec"));
    std::fs::create_dir_all(&dir).unwrap();
    pages(&dir);
    transcribe(&out, &dir, &[]);
    git(tmp.path(), &["init", "-q"]);
    git(tmp.path(), &["add", "spec"]);
    git(tmp.path(), &["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "specs"]);

    let (code, stdout, stderr) = common::cli(&["breaking", "--spec", out.to_str().unwrap()]);
    assert_eq!(code, 0, "nothing changed: {stdout}{stderr}");
    assert!(stdout.contains("0 breaking change(s), 0 addition(s) since HEAD (2 operations then, 2 now)"), "{stdout}");

    retitle(&dir);
    transcribe(&out, &dir, &["--rename"]);
    std::fs::remove_file(out.join("demo/v3/create_widget.yaml")).unwrap();
    let (code, stdout, stderr) = common::cli(&["breaking", "--spec", out.to_str().unwrap(), "--base", "HEAD"]);
    assert_eq!(code, 1, "a rename breaks: {stdout}{stderr}");
    for expected in [
        "! renamed operation demo::v3::create_widget → demo::v3::make_new_widget",
        "! renamed type demo::v3::make_new_widget::CreateWidgetRequest → demo::v3::make_new_widget::MakeNewWidgetRequest",
        "! renamed type demo::v3::make_new_widget::CreateWidgetResponse → demo::v3::make_new_widget::MakeNewWidgetResponse",
        "! renamed type demo::v3::make_new_widget::Volume → demo::v3::make_new_widget::Disk",
        "the next release is a major version",
    ] {
        assert!(stdout.contains(expected), "missing `{expected}` in:\n{stdout}");
    }

    // A spec that does not parse is an error naming it, not a removal.
    std::fs::write(out.join("demo/v3/list_widgets.yaml"), "operation: [").unwrap();
    let (code, stdout, stderr) = common::cli(&["breaking", "--spec", out.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(stderr.contains("list_widgets.yaml") && stderr.contains("1 spec(s) do not parse; no report"), "{stderr}");
    assert!(!stdout.contains("removed operation"), "{stdout}");

    let (code, _, stderr) = common::cli(&["breaking", "--spec", out.to_str().unwrap(), "--base", "no-such-revision"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("error: git archive no-such-revision"), "{stderr}");
}

//! The crate generated from the fixture spec compiles, is clippy- and rustdoc-clean, and behaves:
//! its example round trips pass, and `fixtures/fixture_crate_behaviour.rs` (copied into its tests)
//! checks builders, validation, enums, `accepts`, `one_of`, paths and queries at run time.
//!
//! It is built in a scratch directory (never committed), seeded with the workspace's `Cargo.lock`, offline,
//! in `target/fixture-crate` so that dependencies are built once.

mod common;

use std::process::Command;

#[test]
fn fixture_crate_compiles_and_its_tests_pass() {
    let generated = sdkgen::generate(&common::fixture("specs"), "tests/fixtures/specs").unwrap_or_else(|e| panic!("{e}"));
    let scratch = tempfile::tempdir().expect("a temp dir");
    let root = scratch.path().join("otc-db-sdk");
    let mut files = generated.files.clone();
    // The runtime is a dependency by path, relative to `generated/`: point it at this repository's.
    sdkgen::emit::layout::relocate_runtime(&mut files, &common::repo().join("generator/runtime"));
    // A workspace of its own, so that the repository's workspace does not claim it.
    files.entry("Cargo.toml".to_owned()).and_modify(|t| t.push_str("\n[workspace]\n"));
    files.insert(
        "tests/behaviour.rs".to_owned(),
        std::fs::read_to_string(common::fixture("fixture_crate_behaviour.rs")).expect("behaviour test"),
    );
    sdkgen::write::write(&root, &files).expect("scratch crate written");
    std::fs::copy(common::repo().join("Cargo.lock"), root.join("Cargo.lock")).expect("lock file copied");

    let target = common::repo().join("target/fixture-crate");
    let run = |args: &[&str], extra_env: &[(&str, &str)]| {
        let mut cmd = Command::new(env!("CARGO"));
        cmd.args(args).current_dir(&root).env("CARGO_TARGET_DIR", &target);
        for (k, v) in extra_env {
            cmd.env(k, v);
        }
        let out = cmd.output().expect("cargo runs");
        assert!(
            out.status.success(),
            "cargo {} failed:\n{}\n{}",
            args.join(" "),
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let tests = run(&["test", "--offline"], &[]);
    assert!(tests.contains("test result: ok"), "{tests}");
    run(&["clippy", "--offline", "--all-targets", "--", "-D", "warnings"], &[]);
    run(&["doc", "--offline", "--no-deps"], &[("RUSTDOCFLAGS", "-D warnings")]);
}

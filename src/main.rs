//! `otc-sdkgen`: the command line. It parses arguments, calls the `sdkgen` library and prints;
//! all logic lives in the library (`generator/`).

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::{Args, Parser, Subcommand};
use codespan_reporting::diagnostic::{Diagnostic as Report, Label};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{self, termcolor::{ColorChoice, StandardStream}};

/// Turns cloud API reference pages into a Rust SDK: specs in `spec/`, the crate in `generated/`.
///
/// With no subcommand, regenerates `generated/` from `spec/` (same as `generate`).
#[derive(Parser)]
#[command(name = "otc-sdkgen", version, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    dirs: Dirs,
}

#[derive(Subcommand)]
enum Command {
    /// Regenerate the crate from the specs: write what changed, remove what no spec produces.
    Generate(DirsArg),
    /// Write nothing; exit 1 and list every stale file when the crate is not what the specs produce.
    Check(DirsArg),
}

#[derive(Args)]
struct DirsArg {
    #[command(flatten)]
    dirs: Dirs,
}

#[derive(Args, Clone)]
struct Dirs {
    /// The spec folder [default: spec/ of this repository]
    #[arg(long, global = true, value_name = "DIR")]
    spec: Option<PathBuf>,
    /// The generated crate's folder [default: generated/ of this repository]
    #[arg(long, global = true, value_name = "DIR")]
    out: Option<PathBuf>,
}

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

impl Dirs {
    fn spec(&self) -> PathBuf {
        self.spec.clone().unwrap_or_else(|| repo().join("spec"))
    }
    fn out(&self) -> PathBuf {
        self.out.clone().unwrap_or_else(|| repo().join("generated"))
    }
    fn display_spec(&self) -> String {
        self.spec.as_ref().map(|p| p.display().to_string()).unwrap_or_else(|| "spec".to_owned())
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let (check, dirs) = match cli.command {
        None => (false, cli.dirs),
        Some(Command::Generate(a)) => (false, merge(cli.dirs, a.dirs)),
        Some(Command::Check(a)) => (true, merge(cli.dirs, a.dirs)),
    };
    run(check, &dirs)
}

fn merge(outer: Dirs, inner: Dirs) -> Dirs {
    Dirs { spec: inner.spec.or(outer.spec), out: inner.out.or(outer.out) }
}

fn run(check: bool, dirs: &Dirs) -> ExitCode {
    let started = Instant::now();
    let spec_dir = dirs.spec();
    let out_dir = dirs.out();
    let generated = match sdkgen::generate(&spec_dir, &dirs.display_spec()) {
        Ok(g) => g,
        Err(diags) => {
            report(&spec_dir, &dirs.display_spec(), &diags.0);
            eprintln!("error: {} problem(s) in the specs; nothing was written", diags.0.len());
            return ExitCode::FAILURE;
        }
    };
    let ops = generated.model.operations.len();
    let types: usize = generated.model.operations.iter().map(|o| o.types.len()).sum();
    if check {
        match sdkgen::write::stale(&out_dir, &generated.files) {
            Ok(stale) if stale.is_empty() => {
                println!("{} is up to date: {ops} operations, {types} types, {} files", out_dir.display(), generated.files.len());
                ExitCode::SUCCESS
            }
            Ok(stale) => {
                for s in &stale {
                    println!("{s}");
                }
                eprintln!("error: {} stale file(s) in {}; run `cargo run` to regenerate", stale.len(), out_dir.display());
                ExitCode::FAILURE
            }
            Err(e) => {
                eprintln!("error: cannot read {}: {e}", out_dir.display());
                ExitCode::FAILURE
            }
        }
    } else {
        match sdkgen::write::write(&out_dir, &generated.files) {
            Ok(summary) => {
                for f in &summary.written {
                    println!("wrote   {f}");
                }
                for f in &summary.removed {
                    println!("removed {f}");
                }
                println!(
                    "{ops} operations, {types} types: {} files written, {} unchanged, {} removed ({:.2?})",
                    summary.written.len(),
                    summary.unchanged,
                    summary.removed.len(),
                    started.elapsed()
                );
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: cannot write {}: {e}", out_dir.display());
                ExitCode::FAILURE
            }
        }
    }
}

/// Prints diagnostics with the offending source line, when the file and line are known.
fn report(spec_dir: &Path, display_root: &str, diags: &[sdkgen::Diagnostic]) {
    let writer = StandardStream::stderr(ColorChoice::Auto);
    let config = term::Config::default();
    let mut files = SimpleFiles::new();
    for d in diags {
        let rel = d.file.strip_prefix(display_root).map(|r| r.trim_start_matches('/')).unwrap_or(&d.file);
        let source = std::fs::read_to_string(spec_dir.join(rel)).ok();
        let mut report = Report::error().with_message(&d.message);
        if let (Some(source), Some(line)) = (source, d.line) {
            let start: usize = source.split_inclusive('\n').take(line.saturating_sub(1)).map(str::len).sum();
            let len = source[start..].find('\n').unwrap_or(source.len() - start);
            let id = files.add(d.file.clone(), source);
            report = report.with_labels(vec![Label::primary(id, start..start + len)]);
        } else {
            report = report.with_notes(vec![format!("in {d}")]);
        }
        if term::emit(&mut writer.lock(), &config, &files, &report).is_err() {
            eprintln!("error: {d}");
        }
    }
}

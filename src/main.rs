//! `otc-sdkgen`: the command line. It parses arguments, calls the `sdkgen` library and prints;
//! all logic lives in the library (`generator/`).

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::{Args, Parser, Subcommand};

/// mimalloc, not the system allocator: emitting makes and drops millions of small tokens and
/// strings (docs/benchmarks.md, "How fast is generation at 1,000 copies?").
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
    /// Write nothing; exit 1 and list every stale file when the crate or the OpenAPI documents are not what the specs produce.
    Check(DirsArg),
    /// Write only the OpenAPI 3.1 documents, one per service (`openapi/<service>.yaml`).
    Openapi(DirsArg),
    /// Read reference pages (rst, Markdown, plain text) and write one spec per operation page.
    Transcribe(TranscribeArgs),
    /// Compare reference pages with the committed specs in API terms; exit 1 when anything differs.
    Drift(DriftArgs),
    /// Print how a reader sees one page: its blocks, tables and code (to debug a reader).
    Outline {
        /// The page (`*.rst`, `*.md`, `*.txt`)
        page: PathBuf,
    },
    /// List the public items of the SDK that the specs' change since a git revision removes,
    /// renames or changes (and what it adds); exit 1 when anything breaks.
    Breaking(BreakingArgs),
}

#[derive(Args)]
struct BreakingArgs {
    /// The git revision to compare with (a tag of the last release, a branch, a commit)
    #[arg(long, default_value = "HEAD")]
    base: String,
    /// The spec folder [default: spec/ of this repository]
    #[arg(long, value_name = "DIR")]
    spec: Option<PathBuf>,
}

#[derive(Args)]
struct TranscribeArgs {
    /// Pages or folders of pages (`*.rst`, `*.md`, `*.txt` below a folder) [default: those listed in <out>/sources.yaml]
    #[arg(value_name = "PAGE_OR_FOLDER")]
    pages: Vec<PathBuf>,
    /// Where specs are written: <out>/<service>/<version>/<operation>.yaml; hand fixes are read from there too [default: spec/ of this repository]
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// The service of every page given [default: from the folder: rds, dds, gaussdb-opengauss → gaussdb, iam]
    #[arg(long)]
    service: Option<String>,
    /// A folder of clones of the reference repositories named in <out>/sources.yaml (each under its
    /// name, at the commit named there) [default: the export folder named there, ../shared/corpus/otc]
    #[arg(long, value_name = "DIR")]
    checkouts: Option<PathBuf>,
    /// Treat doc-lint warnings as errors: write nothing and exit 1 when a page contradicts itself
    #[arg(long)]
    strict: bool,
    /// Print every doc-lint warning, not only the counts
    #[arg(long, short)]
    verbose: bool,
    /// Name every operation by the naming rules, even where a committed spec of the same page
    /// has another name (a breaking rename: see `breaking`) [default: committed names are kept]
    #[arg(long)]
    rename: bool,
}

#[derive(Args)]
struct DriftArgs {
    /// Pages or folders of pages
    #[arg(required = true, value_name = "PAGE_OR_FOLDER")]
    pages: Vec<PathBuf>,
    /// The committed specs to compare with (and their hand fixes) [default: spec/ of this repository]
    #[arg(long, value_name = "DIR")]
    spec: Option<PathBuf>,
    /// The service of every page [default: from the folder]
    #[arg(long)]
    service: Option<String>,
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
    /// The OpenAPI documents' folder [default: openapi/ of this repository, unless --out is given: then none is written or checked]
    #[arg(long, global = true, value_name = "DIR")]
    openapi: Option<PathBuf>,
    /// Emit every operation, not only those whose spec changed since the last run, and store them
    /// afresh in the cache of emitted files (target/<profile>/sdkgen-cache/, or $SDKGEN_CACHE_DIR;
    /// `check` never uses it)
    #[arg(long, global = true)]
    no_cache: bool,
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
    /// Where the OpenAPI documents go: `--openapi`, else `openapi/` beside the default `generated/`;
    /// a run with another `--out` (a test's temporary crate) leaves the committed documents alone.
    fn openapi(&self) -> Option<PathBuf> {
        self.openapi.clone().or_else(|| self.out.is_none().then(|| repo().join("openapi")))
    }
    fn display_spec(&self) -> String {
        self.spec.as_ref().map(|p| p.display().to_string()).unwrap_or_else(|| "spec".to_owned())
    }
    /// The cache of emitted files, when writing (`check` compares with freshly emitted files only);
    /// only written with `--no-cache`.
    fn cache(&self, check: bool) -> Option<sdkgen::cache::Cache> {
        let cache = if check { None } else { sdkgen::cache::Cache::for_executable() };
        cache.map(|c| if self.no_cache { c.write_only() } else { c })
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let (check, dirs) = match cli.command {
        None => (false, cli.dirs),
        Some(Command::Generate(a)) => (false, merge(cli.dirs, a.dirs)),
        Some(Command::Check(a)) => (true, merge(cli.dirs, a.dirs)),
        Some(Command::Openapi(a)) => return openapi_only(&merge(cli.dirs, a.dirs)),
        Some(Command::Transcribe(a)) => return transcribe(a),
        Some(Command::Drift(a)) => return drift(a),
        Some(Command::Outline { page }) => return outline(&page),
        Some(Command::Breaking(a)) => return breaking(a),
    };
    run(check, &dirs)
}

fn progress_bar(len: usize) -> Option<indicatif::ProgressBar> {
    use std::io::IsTerminal;
    (len > 20 && std::io::stderr().is_terminal()).then(|| {
        let bar = indicatif::ProgressBar::new(len as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} pages {elapsed}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar
    })
}

fn transcribe(args: TranscribeArgs) -> ExitCode {
    let started = Instant::now();
    let out = args.out.clone().unwrap_or_else(|| repo().join("spec"));
    let pages = match sdkgen::transcribe::pages_to_read(&args.pages, args.service.as_deref(), &out, args.checkouts.as_deref()) {
        Ok(pages) => pages,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let bar = progress_bar(pages.len());
    let names = if args.rename { sdkgen::transcribe::Names::Fresh } else { sdkgen::transcribe::Names::Keep };
    let run = sdkgen::transcribe::transcribe_with(&pages, &out, names, |n| {
        if let Some(b) = &bar {
            b.set_position(n as u64);
        }
    });
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    for (page, reason) in &run.skipped {
        println!("skipped {page}: {reason}");
    }
    let contradictions = run.contradictions();
    if args.verbose || args.strict {
        for l in &run.lints {
            eprintln!("{l}");
        }
    }
    for f in &run.failed {
        eprintln!("error: {f}");
    }
    let strict_failed = args.strict && contradictions > 0;
    let mut done = sdkgen::transcribe::output::Written::default();
    if !strict_failed {
        // Without pages on the command line, the whole reference was read: COVERAGE.md too.
        done = sdkgen::transcribe::output::write_specs(&run, &out, args.pages.is_empty());
        for path in &done.written {
            println!("wrote   {}", path.display());
        }
        for path in &done.removed {
            println!("removed {}", path.display());
        }
        for fix in &done.orphaned_fixes {
            eprintln!("warning: {} corrects a spec no page gives any more", fix.display());
        }
        for e in &done.errors {
            eprintln!("error: {e}");
        }
    }
    let (written, unchanged, removed, write_errors) = (done.written.len(), done.unchanged, done.removed.len(), done.errors.len());
    let counts: Vec<String> = run.lint_counts().iter().map(|(k, n)| format!("{k}: {n}")).collect();
    println!(
        "{} pages read, {} specs written ({unchanged} unchanged, {removed} removed), {} skipped, {} failed, {} warnings{} ({:.2?})",
        run.pages,
        written,
        run.skipped.len(),
        run.failed.len() + write_errors,
        run.lints.len(),
        if counts.is_empty() { String::new() } else { format!(" [{}]", counts.join(", ")) },
        started.elapsed()
    );
    if strict_failed {
        eprintln!("error: --strict: {contradictions} doc-lint warning(s); nothing was written");
        return ExitCode::FAILURE;
    }
    if run.failed.is_empty() && write_errors == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn drift(args: DriftArgs) -> ExitCode {
    let spec_dir = args.spec.clone().unwrap_or_else(|| repo().join("spec"));
    let pages = sdkgen::transcribe::collect_pages(&args.pages, args.service.as_deref());
    let run = sdkgen::transcribe::transcribe(&pages, &spec_dir, |_| {});
    for f in &run.failed {
        eprintln!("error: {f}");
    }
    let lines = sdkgen::transcribe::drift::report(&run.specs, &spec_dir, &pages, &args.pages);
    for line in &lines {
        println!("{line}");
    }
    let differs = !lines.is_empty();
    if !differs {
        println!("no drift: {} operation(s) match the specs in {}", run.specs.len(), spec_dir.display());
    }
    if differs || !run.failed.is_empty() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn outline(page: &Path) -> ExitCode {
    let text = match std::fs::read_to_string(page) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("error: cannot read {}: {e}", page.display());
            return ExitCode::FAILURE;
        }
    };
    match sdkgen::read::read_page(&page.display().to_string(), &text) {
        Ok(doc) => {
            println!("{}", doc.outline());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn breaking(args: BreakingArgs) -> ExitCode {
    let spec_dir = args.spec.clone().unwrap_or_else(|| repo().join("spec"));
    let old = match sdkgen::breaking::specs_at(&spec_dir, &args.base) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let (new, errors) = sdkgen::transcribe::read_specs(&spec_dir);
    if !errors.is_empty() {
        // A spec that does not parse would show as a removal: say so instead.
        for e in &errors {
            eprintln!("error: {e}");
        }
        eprintln!("error: {} spec(s) do not parse; no report", errors.len());
        return ExitCode::FAILURE;
    }
    let changes = sdkgen::breaking::report(&old, &new);
    let breaking = changes.iter().filter(|c| c.breaking).count();
    for c in &changes {
        println!("{} {}", if c.breaking { "!" } else { "+" }, c.line);
    }
    println!(
        "{breaking} breaking change(s), {} addition(s) since {} ({} operations then, {} now){}",
        changes.len() - breaking,
        args.base,
        old.len(),
        new.len(),
        if breaking > 0 { ": the next release is a major version" } else { "" }
    );
    if breaking > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn merge(outer: Dirs, inner: Dirs) -> Dirs {
    Dirs {
        spec: inner.spec.or(outer.spec),
        out: inner.out.or(outer.out),
        openapi: inner.openapi.or(outer.openapi),
        no_cache: inner.no_cache || outer.no_cache,
    }
}

fn run(check: bool, dirs: &Dirs) -> ExitCode {
    let started = Instant::now();
    let spec_dir = dirs.spec();
    let out_dir = dirs.out();
    let cache = dirs.cache(check);
    let generated = match sdkgen::generate_with(&spec_dir, &dirs.display_spec(), cache.as_ref()) {
        Ok(g) => g,
        Err(diags) => return spec_errors(&spec_dir, &dirs.display_spec(), &diags),
    };
    // Both outputs are made before anything is written: an error leaves both folders untouched.
    let openapi_started = Instant::now();
    let openapi =
        match dirs.openapi().map(|dir| sdkgen::openapi_with(&generated.model, &dirs.display_spec(), cache.as_ref()).map(|f| (dir, f))) {
            None => None,
            Some(Ok(o)) => Some(o),
            Some(Err(diags)) => return spec_errors(&spec_dir, &dirs.display_spec(), &diags),
        };
    let openapi_time = openapi_started.elapsed();
    let ops = generated.model.operations.len();
    let types: usize = generated.model.operations.iter().map(|o| o.types.len()).sum();
    let mut ok = sync(check, &out_dir, &generated.files, &format!("{ops} operations, {types} types"), started);
    if let Some((dir, files)) = openapi {
        let label = format!("OpenAPI: {} documents, made in {openapi_time:.2?}", files.len());
        ok &= sync(check, &dir, &files, &label, openapi_started);
    }
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// `cargo run -- openapi`: the OpenAPI documents alone.
fn openapi_only(dirs: &Dirs) -> ExitCode {
    let started = Instant::now();
    let spec_dir = dirs.spec();
    let model = match sdkgen::load_model(&spec_dir, &dirs.display_spec()) {
        Ok(m) => m,
        Err(diags) => return spec_errors(&spec_dir, &dirs.display_spec(), &diags),
    };
    let files = match sdkgen::openapi_with(&model, &dirs.display_spec(), dirs.cache(false).as_ref()) {
        Ok(f) => f,
        Err(diags) => return spec_errors(&spec_dir, &dirs.display_spec(), &diags),
    };
    let dir = dirs.openapi.clone().unwrap_or_else(|| repo().join("openapi"));
    let label = format!("OpenAPI: {} operations, {} documents", model.operations.len(), files.len());
    if sync(false, &dir, &files, &label, started) {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn spec_errors(spec_dir: &Path, display: &str, diags: &sdkgen::Diagnostics) -> ExitCode {
    use std::io::IsTerminal;
    eprint!("{}", sdkgen::diag::render_in(spec_dir, display, &diags.0, std::io::stderr().is_terminal()));
    eprintln!("error: {} problem(s) in the specs; nothing was written", diags.0.len());
    ExitCode::FAILURE
}

/// Checks (`check`) or writes `files` into `dir`, printing what happened; false on failure.
fn sync(check: bool, dir: &Path, files: &sdkgen::emit::Files, label: &str, started: Instant) -> bool {
    if check {
        match sdkgen::write::stale(dir, files) {
            Ok(stale) if stale.is_empty() => {
                println!("{} is up to date: {label}, {} files", dir.display(), files.len());
                true
            }
            Ok(stale) => {
                for s in &stale {
                    println!("{s}");
                }
                eprintln!("error: {} stale file(s) in {}; run `cargo run` to regenerate", stale.len(), dir.display());
                false
            }
            Err(e) => {
                eprintln!("error: cannot read {}: {e}", dir.display());
                false
            }
        }
    } else {
        match sdkgen::write::write(dir, files) {
            Ok(summary) => {
                // File by file when few changed; a long list helps nobody (git shows it).
                if summary.written.len() + summary.removed.len() <= 20 {
                    for f in &summary.written {
                        println!("wrote   {f}");
                    }
                    for f in &summary.removed {
                        println!("removed {f}");
                    }
                }
                println!(
                    "{label}: {} files written, {} unchanged, {} removed ({:.2?})",
                    summary.written.len(),
                    summary.unchanged,
                    summary.removed.len(),
                    started.elapsed()
                );
                true
            }
            Err(e) => {
                eprintln!("error: cannot write {}: {e}", dir.display());
                false
            }
        }
    }
}

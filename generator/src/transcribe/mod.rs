//! Reference pages → specs: each page is read (`crate::read`) into a `Document`, transcribed
//! (`page`) into one spec per operation, merged with other pages of the same operation, corrected
//! by its hand fix (`fix`), and written as YAML. `drift` compares fresh transcriptions with the
//! committed specs in API terms. The rules are in `docs/transcriber.md`.

pub mod accept;
pub mod derived_name;
pub mod drift;
pub mod fix;
pub mod group;
pub mod identity;
pub mod json;
pub mod keep;
pub mod marks;
pub mod naming;
pub mod output;
pub mod page;
pub mod prose;
pub mod service_marks;
pub mod sources;
pub mod types;
pub mod uri;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::diag::LintKind;
use crate::spec::{yaml, Spec, TypeDef};
use crate::Diagnostic;
use page::{Library, LibraryPage, PageInput, PageResult, Transcribed};

/// Folder names (before any `-suffix`) that name a service.
pub const KNOWN_SERVICES: &[&str] = &["rds", "dds", "gaussdb", "iam", "taurusdb", "geminidb", "drs", "das", "ddm"];

/// A page found on disk.
#[derive(Clone, Debug)]
pub struct PageFile {
    pub path: PathBuf,
    /// How messages and `source.doc` name it (`corpus/otc/rds/…/creating_a_db_instance.rst`).
    pub display: String,
    pub service: String,
}

/// The pages a `transcribe` reads: those under `args` ([`collect_pages`]), or with no arguments
/// every page `<spec_dir>/sources.yaml` lists ([`sources::pages`]).
pub fn pages_to_read(
    args: &[PathBuf],
    service: Option<&str>,
    spec_dir: &Path,
    checkouts: Option<&Path>,
) -> Result<Vec<PageFile>, Diagnostic> {
    if args.is_empty() {
        sources::pages(spec_dir, checkouts)
    } else {
        Ok(collect_pages(args, service))
    }
}

/// Every page under the arguments (files as given; folders: `*.rst`, `*.md`, `*.txt` below, sorted),
/// with its service: `service` if given, else the nearest folder on its path named after a known
/// service (`gaussdb-opengauss` → `gaussdb`), else its parent folder's name.
pub fn collect_pages(args: &[PathBuf], service: Option<&str>) -> Vec<PageFile> {
    let mut out = Vec::new();
    for arg in args {
        let mut files = Vec::new();
        if arg.is_dir() {
            walk(arg, &mut files);
            files.sort();
        } else {
            files.push(arg.clone());
        }
        for path in files {
            let service = service.map(str::to_owned).unwrap_or_else(|| service_of(&path));
            out.push(PageFile { display: display_of(&path), path, service });
        }
    }
    out
}

/// The pages below `dir` (`*.rst`, `*.md`, `*.txt`, but not READMEs and licences).
fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    files_below(dir, out, &|p| {
        matches!(p.extension().and_then(|e| e.to_str()), Some("rst" | "md" | "txt"))
            && !p.file_name().is_some_and(|n| n == "README.md" || n == "SOURCES.md" || n.to_string_lossy().starts_with("LICENSE"))
    });
}

/// The files below `dir` that `keep` accepts, recursively.
pub(crate) fn files_below(dir: &Path, out: &mut Vec<PathBuf>, keep: &dyn Fn(&Path) -> bool) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            files_below(&p, out, keep);
        } else if keep(&p) {
            out.push(p);
        }
    }
}

fn service_of(path: &Path) -> String {
    for a in path.ancestors().skip(1) {
        let name = a.file_name().map(|n| n.to_string_lossy().to_lowercase()).unwrap_or_default();
        let head = name.split('-').next().unwrap_or("");
        if KNOWN_SERVICES.contains(&head) {
            return head.to_owned();
        }
    }
    path.parent().and_then(|p| p.file_name()).map(|n| crate::idents::snake(&n.to_string_lossy())).unwrap_or_else(|| "service".to_owned())
}

/// The page's path from the folder that holds the docs roots (`shared/`), else from its parent.
pub(crate) fn display_of(path: &Path) -> String {
    let comps: Vec<String> = path.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
    let start = comps.iter().rposition(|c| c == "shared").map(|i| i + 1).unwrap_or(comps.len().saturating_sub(2));
    comps[start..].join("/")
}

/// What a transcription run produced.
#[derive(Debug, Default)]
pub struct Run {
    pub pages: usize,
    /// `<service>/<version>/<operation>` → spec, merged, fixes applied.
    pub specs: BTreeMap<String, Spec>,
    /// Pages that describe no operation, with the reason.
    pub skipped: Vec<(String, String)>,
    /// Pages (or fixes) that failed, each with where and why.
    pub failed: Vec<crate::Diagnostic>,
    pub lints: Vec<Diagnostic>,
    /// Hand fixes applied, by spec.
    pub fixes_applied: Vec<String>,
    /// The marks of whole services (`<service>/marks.yaml`), by service, fixes applied.
    pub service_marks: BTreeMap<String, crate::spec::ServiceMarks>,
}

impl Run {
    /// Value sets and limits in the specs: `enum` counts the enum types, each constraint kind
    /// the fields and parameters that state it (the corpus counts of `.ci/run`).
    pub fn rule_counts(&self) -> BTreeMap<&'static str, usize> {
        let mut m: BTreeMap<&'static str, usize> = BTreeMap::new();
        let mut count = |c: &crate::spec::Constraints| {
            for (k, set) in [
                ("min_length", c.min_length.is_some()),
                ("max_length", c.max_length.is_some()),
                ("pattern", c.pattern.is_some()),
                ("minimum", c.minimum.is_some()),
                ("maximum", c.maximum.is_some()),
                ("multiple_of", c.multiple_of.is_some()),
                ("min_items", c.min_items.is_some()),
                ("max_items", c.max_items.is_some()),
            ] {
                if set {
                    *m.entry(k).or_insert(0) += 1;
                }
            }
        };
        let mut enums = 0;
        for spec in self.specs.values() {
            for p in spec.operation.path_params.iter().chain(&spec.operation.query_params) {
                count(&p.constraints);
            }
            for t in spec.types.values() {
                enums += usize::from(t.values.is_some());
                for f in t.fields.iter().flatten() {
                    count(&f.constraints);
                }
            }
        }
        m.insert("enum", enums);
        m
    }

    /// Warnings by kind, for the summary.
    pub fn lint_counts(&self) -> BTreeMap<&'static str, usize> {
        let mut m = BTreeMap::new();
        for l in &self.lints {
            *m.entry(l.kind.map_or("other", LintKind::name)).or_insert(0) += 1;
        }
        m
    }

    /// The warnings `--strict` makes errors ([`LintKind::is_contradiction`]).
    pub fn contradictions(&self) -> usize {
        self.lints.iter().filter(|l| l.kind.is_none_or(LintKind::is_contradiction)).count()
    }
}

/// How a transcription names operations (`docs/naming.md`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Names {
    /// A page whose identity has a committed spec keeps that spec's operation name, whatever its
    /// title says now.
    Keep,
    /// Every name from the naming rules (`transcribe --rename`: a deliberate, breaking rename).
    Fresh,
}

/// Transcribes `pages`, merges operations described by several pages, applies the hand fixes
/// found under `fix_dir` (the spec folder); names are kept ([`Names::Keep`]). `progress` is
/// called after each page.
pub fn transcribe(pages: &[PageFile], fix_dir: &Path, progress: impl FnMut(usize)) -> Run {
    transcribe_with(pages, fix_dir, Names::Keep, progress)
}

/// [`transcribe`], naming operations as `names` says, on [`crate::parallel::threads`] threads.
pub fn transcribe_with(pages: &[PageFile], fix_dir: &Path, names: Names, progress: impl FnMut(usize)) -> Run {
    transcribe_on(pages, fix_dir, names, crate::parallel::threads(), progress)
}

/// What one page gave, made on any thread and added to the run in page order.
struct PageDone {
    result: PageResult,
    lints: Vec<Diagnostic>,
    /// A skipped page's busy codes (an error-code appendix).
    busy: Vec<crate::spec::BusyCode>,
}

/// [`transcribe_with`] on up to `threads` threads. Pages are read, then transcribed, on the
/// threads (each page is independent once every page is read: a table may be linked from another
/// page of the run); the committed specs are read on them too. Everything is gathered in page
/// and key order, so the run is the same whatever the thread count. `progress` is called on the
/// calling thread with the number of pages transcribed so far.
pub fn transcribe_on(pages: &[PageFile], fix_dir: &Path, names: Names, threads: usize, mut progress: impl FnMut(usize)) -> Run {
    use crate::parallel::{for_each_done, map_in_order};
    let mut run = Run { pages: pages.len(), ..Run::default() };
    // Every page is read first: a table may be linked from another page of the run.
    let read = map_in_order(pages, threads, |page| {
        let text = std::fs::read(&page.path)
            .map(|bytes| String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
            .map_err(|e| crate::Diagnostic::new(page.display.clone(), None, format!("cannot read: {e}")))?;
        let doc = crate::read::read_page(&page.display, &text)?;
        Ok((text, doc))
    });
    let mut texts: Vec<(&PageFile, String)> = Vec::new();
    let mut docs: Vec<LibraryPage> = Vec::new();
    for (page, r) in pages.iter().zip(read) {
        match r {
            Ok((text, doc)) => {
                docs.push(LibraryPage { name: page.display.clone(), service: page.service.clone(), doc });
                texts.push((page, text));
            }
            Err(e) => run.failed.push(e),
        }
    }
    let library = Library::new(docs);
    let jobs: Vec<(&(&PageFile, String), &LibraryPage)> = texts.iter().zip(&library.pages).collect();
    let mut done: Vec<Option<PageDone>> = std::iter::repeat_with(|| None).take(jobs.len()).collect();
    let mut finished = 0;
    for_each_done(
        &jobs,
        threads,
        |((page, text), lib_page)| {
            let doc = &lib_page.doc;
            let input = PageInput { name: &page.display, text, service: &page.service };
            let (result, lints) = page::transcribe_page_in(&input, doc, &library);
            let busy = match &result {
                PageResult::Skipped(_) => service_marks::busy_codes(&page.display, doc),
                PageResult::Operations(_) => Vec::new(),
            };
            PageDone { result, lints, busy }
        },
        |i, d| {
            done[i] = Some(d);
            finished += 1;
            progress(finished);
            true
        },
    );
    let mut transcribed: Vec<(String, Transcribed)> = Vec::new();
    for ((page, _), d) in texts.iter().zip(done) {
        let Some(PageDone { result, lints, busy }) = d else { continue };
        match result {
            PageResult::Skipped(reason) => {
                let reason = if busy.is_empty() {
                    reason
                } else {
                    let n = busy.len();
                    run.service_marks.entry(page.service.clone()).or_default().busy_codes.extend(busy);
                    format!("error codes, not an operation: its {n} busy codes are in `{}/marks.yaml`", page.service)
                };
                run.skipped.push((page.display.clone(), reason));
                run.lints.extend(lints);
            }
            PageResult::Operations(ops) => {
                run.lints.extend(lints);
                for mut op in ops {
                    op.spec.operation.deprecated = group::deprecated_by_folder(&page.display);
                    transcribed.push((page.display.clone(), op));
                }
            }
        }
    }
    let committed = if names == Names::Keep { read_specs_on(fix_dir, threads).0 } else { BTreeMap::new() };
    let found = name_operations(group_pages(transcribed), &names_by_page(&committed), &mut run.lints);
    // A hand fix may rename an operation (`operation.id`): its pages then join that operation.
    let mut rekeyed: BTreeMap<String, Vec<(String, Transcribed)>> = BTreeMap::new();
    let mut fix_keys: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (key, ops) in found {
        let new_key = renamed_key(fix_dir, &key).unwrap_or_else(|| key.clone());
        rekeyed.entry(new_key.clone()).or_default().extend(ops);
        let keys = fix_keys.entry(new_key.clone()).or_default();
        for k in [key, new_key] {
            if !keys.contains(&k) {
                keys.push(k);
            }
        }
    }
    // Each operation is finished (pages merged, fixes applied, made acceptable) on the threads.
    // (Each job's pages are taken out of their slot by the one thread that finishes them.)
    type Slot = std::sync::Mutex<Vec<(String, Transcribed)>>;
    let operations: Vec<(String, Slot)> = rekeyed.into_iter().map(|(key, ops)| (key, Slot::new(ops))).collect();
    let finished = map_in_order(&operations, threads, |(key, slot)| {
        let ops = std::mem::take(&mut *slot.lock().unwrap_or_else(std::sync::PoisonError::into_inner));
        finish_operation(key, ops, fix_keys.get(key).map(Vec::as_slice).unwrap_or_default(), fix_dir, &committed)
    });
    for ((key, _), f) in operations.into_iter().zip(finished) {
        let Some(f) = f else { continue };
        run.lints.extend(f.lints);
        run.failed.extend(f.failed);
        run.fixes_applied.extend(f.fixes_applied);
        if let Some(spec) = f.spec {
            run.specs.insert(key, spec);
        }
    }
    apply_service_fixes(&mut run, fix_dir);
    run
}

/// One operation finished: its spec (none when a hand fix failed), and what to add to the run.
struct Finished {
    spec: Option<Spec>,
    lints: Vec<Diagnostic>,
    failed: Vec<Diagnostic>,
    fixes_applied: Vec<String>,
}

/// The spec of the operation `key` from its pages (the page with parameter tables is the base;
/// the others contribute examples), marked, corrected by the hand fixes of `fix_keys`, with the
/// type names of the committed spec of the same page kept, made acceptable. `None` for no pages.
fn finish_operation(
    key: &str,
    mut ops: Vec<(String, Transcribed)>,
    fix_keys: &[String],
    fix_dir: &Path,
    committed: &BTreeMap<String, Spec>,
) -> Option<Finished> {
    let mut out = Finished { spec: None, lints: Vec::new(), failed: Vec::new(), fixes_applied: Vec::new() };
    ops.sort_by_key(|(_, t)| !t.from_tables);
    let mut iter = ops.into_iter();
    let (first_page, base) = iter.next()?;
    let mut spec = base.spec;
    let mut added_examples = Vec::new();
    for (page, other) in iter {
        for e in &other.spec.examples {
            added_examples.push((page.clone(), e.clone()));
        }
        if base.from_tables && other.from_tables {
            out.lints.push(Diagnostic::warning(
                page.clone(),
                1,
                LintKind::DuplicateOperation,
                format!("describes `{key}` as {first_page} does; the first page is kept, this one adds its examples"),
            ));
        }
        merge(&mut spec, other.spec, base.from_tables);
    }
    if base.from_tables {
        added_examples.retain(|(_, e)| spec.examples.contains(e));
        page::lint_examples(&mut spec, &added_examples, &mut out.lints);
    }
    marks::mark(&mut spec);
    let mut failed = false;
    for fix_key in fix_keys {
        let fix_path = fix_dir.join(format!("{fix_key}.fix.yaml"));
        let Ok(text) = std::fs::read_to_string(&fix_path) else { continue };
        let shown = fix_path.display().to_string();
        match fix::parse(&text) {
            Ok(f) => match fix::apply(&mut spec, &f, &text) {
                Ok(()) => out.fixes_applied.push(shown),
                Err(errors) => {
                    out.failed.extend(errors.into_iter().map(|e| e.in_file(shown.clone())));
                    failed = true;
                }
            },
            Err(e) => {
                out.failed.push(e.in_file(shown.clone()));
                failed = true;
            }
        }
    }
    if !failed {
        // The committed spec of the same page: its type names stay (a reworded caption).
        let page = |s: &Spec| s.source.as_ref().and_then(|s| s.page.clone());
        if let Some(old) = committed.get(key).filter(|old| page(old).is_some() && page(old) == page(&spec)) {
            keep::type_names(&mut spec, old);
        }
        accept::make_acceptable(key, &mut spec, &mut out.lints);
        out.spec = Some(spec);
    }
    Some(out)
}

/// Sorts each service's marks and applies its `<service>/marks.fix.yaml`.
fn apply_service_fixes(run: &mut Run, fix_dir: &Path) {
    let mut fixes = Vec::new();
    files_below(fix_dir, &mut fixes, &|p| p.file_name().is_some_and(|n| n == "marks.fix.yaml"));
    fixes.sort();
    for path in fixes {
        let Some(service) =
            path.strip_prefix(fix_dir).ok().and_then(|r| r.parent()).and_then(|p| p.to_str()).filter(|s| !s.contains(['/', '\\']))
        else {
            continue;
        };
        let shown = path.display().to_string();
        let Ok(text) = std::fs::read_to_string(&path) else { continue };
        let marks = run.service_marks.entry(service.to_owned()).or_default();
        match service_marks::apply_fix(marks, &text, &shown, &format!("{service}/marks.fix.yaml")) {
            Ok(()) => run.fixes_applied.push(shown),
            Err(mut errors) => run.failed.append(&mut errors),
        }
    }
    for marks in run.service_marks.values_mut() {
        service_marks::sort(marks);
    }
    run.service_marks.retain(|_, m| *m != crate::spec::ServiceMarks::default());
}

/// The pages of each operation, in page order. Pages with parameter tables are one operation when
/// they share method, path (`group::identity`) and name: pages on one path with other names are
/// other operations (`POST …/action` with different bodies), and so are pages of one name on other
/// paths. A page without tables (a call example, a quick start) joins the operation of its method
/// and path that has its name, else the first one, else the operation of its module with its name
/// (call examples that spell the path otherwise); alone, it is an operation of its own.
fn group_pages(transcribed: Vec<(String, Transcribed)>) -> Vec<Vec<(String, Transcribed)>> {
    let identity = |t: &Transcribed| group::identity(&t.service, &t.version, &t.spec.operation.method, &t.spec.operation.path);
    let mut groups: Vec<Vec<(String, Transcribed)>> = Vec::new();
    let mut by_key: BTreeMap<(String, String), usize> = BTreeMap::new();
    let (with_tables, without): (Vec<_>, Vec<_>) = transcribed.into_iter().partition(|(_, t)| t.from_tables);
    for (page, t) in with_tables.into_iter().chain(without) {
        let id = identity(&t);
        // The whole name the title gives (its qualifier and aside too): "… with Virtual MFA" is
        // another operation than the one without, on the same path.
        let name = &match &t.name {
            Some(n) => format!("{}|{}|{}", n.base, n.qualifier.join(" "), n.aside.as_deref().unwrap_or("")),
            None => t.spec.operation.id.clone(),
        };
        let module = format!("{}/{} ", t.service, t.version);
        let at = by_key.get(&(id.clone(), name.clone())).copied().or_else(|| {
            if t.from_tables {
                return None;
            }
            let same_path = by_key.iter().filter(|((i, _), _)| *i == id).map(|(_, &g)| g).min();
            let same_name = || {
                by_key
                    .iter()
                    .filter(|((i, n), _)| i.starts_with(&module) && n.split('|').next() == Some(name.as_str()))
                    .map(|(_, &g)| g)
                    .min()
            };
            same_path.or_else(same_name)
        });
        match at {
            Some(g) => groups[g].push((page, t)),
            None => {
                by_key.insert((id, name.clone()), groups.len());
                groups.push(vec![(page, t)]);
            }
        }
    }
    groups
}

/// Each operation (its pages, the one with tables first) under its key `service/version/name`.
/// Names by `naming::settle`: the name the base page's title gives, a committed name of the same
/// page identity kept (`pins`), colliding names told apart (a lint says so). An operation is
/// deprecated only when all its pages are; a deprecated one names the current operation of the
/// same title.
fn name_operations(
    groups: Vec<Vec<(String, Transcribed)>>,
    pins: &BTreeMap<String, (String, String)>,
    lints: &mut Vec<Diagnostic>,
) -> BTreeMap<String, Vec<(String, Transcribed)>> {
    let mut groups = groups;
    for g in &mut groups {
        g.sort_by_key(|(_, t)| !t.from_tables);
        let deprecated = g.iter().all(|(_, t)| t.spec.operation.deprecated.is_some());
        if !deprecated {
            for (_, t) in g.iter_mut() {
                t.spec.operation.deprecated = None;
            }
        }
    }
    let candidates: Vec<naming::Candidate> = groups
        .iter()
        .map(|g| {
            let t = &g[0].1;
            let o = &t.spec.operation;
            let module = format!("{}/{}", t.service, t.version);
            let identity = t.spec.source.as_ref().and_then(|s| s.page.clone());
            let pinned = identity.and_then(|p| pins.get(&p)).filter(|(m, _)| *m == module).map(|(_, id)| id.clone());
            let name = t.name.clone().unwrap_or_else(|| naming::OpName { base: o.id.clone(), ..naming::OpName::default() });
            naming::Candidate { module, method: o.method.clone(), path: o.path.clone(), name, legacy: o.deprecated.is_some(), pinned }
        })
        .collect();
    let names = naming::settle(&candidates);
    let current: BTreeMap<(String, String), String> = groups
        .iter()
        .zip(&names)
        .filter(|(g, _)| g[0].1.spec.operation.deprecated.is_none())
        .map(|(g, n)| {
            (
                (g[0].1.service.clone(), g[0].1.spec.operation.title.to_lowercase()),
                format!("{}::{n}", crate::idents::snake(&g[0].1.version)),
            )
        })
        .collect();
    let mut found: BTreeMap<String, Vec<(String, Transcribed)>> = BTreeMap::new();
    for ((mut g, name), c) in groups.into_iter().zip(names).zip(candidates) {
        let (page, t) = &mut g[0];
        if name != c.name.base && c.pinned.as_deref() != Some(name.as_str()) {
            lints.push(Diagnostic::warning(
                page.clone(),
                1,
                LintKind::NameTaken,
                format!("another operation of `{}` is named `{}`; this one ({} {}) is `{name}`", c.module, c.name.base, c.method, c.path),
            ));
        }
        if let Some(why) = t.spec.operation.deprecated.as_mut() {
            if let Some(now) = current.get(&(t.service.clone(), t.spec.operation.title.to_lowercase())) {
                why.push_str(&format!(" The current API is `{now}`."));
            }
        }
        let key = format!("{}/{}/{name}", t.service, t.version);
        for (_, t) in g.iter_mut() {
            if t.spec.operation.id != name {
                fix::rename_operation(&mut t.spec, &name);
            }
        }
        found.entry(key).or_default().extend(g);
    }
    found
}

/// The keys (`service/version/operation`) of the specs under `dir`, sorted; hand fixes and
/// `sources.yaml` are not specs.
pub fn specs_on_disk(dir: &Path) -> Vec<String> {
    spec_files(dir).into_iter().map(|(key, _)| key).collect()
}

/// The spec files under `dir` (`<service>/<version>/<operation>.yaml`, not hand fixes) by key,
/// sorted.
fn spec_files(dir: &Path) -> Vec<(String, PathBuf)> {
    let mut files = Vec::new();
    files_below(dir, &mut files, &|p| p.extension().is_some_and(|e| e == "yaml"));
    let mut out: Vec<(String, PathBuf)> = files
        .into_iter()
        .filter_map(|f| {
            let rel = f.strip_prefix(dir).ok()?.to_str()?.replace('\\', "/");
            let key = rel.strip_suffix(".yaml")?.to_owned();
            (!key.ends_with(".fix") && key.matches('/').count() == 2).then_some((key, f))
        })
        .collect();
    out.sort();
    out
}

/// The committed operation names by page identity: `page` → (`<service>/<version>`, id).
fn names_by_page(committed: &BTreeMap<String, Spec>) -> BTreeMap<String, (String, String)> {
    let mut out = BTreeMap::new();
    for (key, spec) in committed {
        let Some(page) = spec.source.as_ref().and_then(|s| s.page.clone()) else { continue };
        let Some((module, id)) = key.rsplit_once('/') else { continue };
        out.insert(page, (module.to_owned(), id.to_owned()));
    }
    out
}

/// Every committed spec under `spec_dir` (`<service>/<version>/<operation>.yaml`) by key;
/// files that do not parse are left out (`cargo run` reports them).
pub fn committed_specs(spec_dir: &Path) -> BTreeMap<String, Spec> {
    read_specs(spec_dir).0
}

/// Every spec under `spec_dir` by key, and for each file that cannot be read or parsed an
/// error naming it.
pub fn read_specs(spec_dir: &Path) -> (BTreeMap<String, Spec>, Vec<Diagnostic>) {
    read_specs_on(spec_dir, 1)
}

/// [`read_specs`], parsing on up to `threads` threads.
fn read_specs_on(spec_dir: &Path, threads: usize) -> (BTreeMap<String, Spec>, Vec<Diagnostic>) {
    let files = spec_files(spec_dir);
    let parsed = crate::parallel::map_in_order(&files, threads, |(_, path)| {
        let text =
            std::fs::read_to_string(path).map_err(|e| Diagnostic::new(path.display().to_string(), None, format!("cannot read: {e}")))?;
        yaml::parse_spec(&text).map_err(|e| Diagnostic { line: e.line.or(Some(1)), column: None, ..e.in_file(path.display().to_string()) })
    });
    let mut out = BTreeMap::new();
    let mut errors = Vec::new();
    for ((key, _), r) in files.into_iter().zip(parsed) {
        match r {
            Ok(spec) => {
                out.insert(key, spec);
            }
            Err(e) => errors.push(e),
        }
    }
    errors.sort();
    (out, errors)
}

/// The operation key a hand fix renames `key` to (`operation.id` in `<key>.fix.yaml`).
fn renamed_key(fix_dir: &Path, key: &str) -> Option<String> {
    let text = std::fs::read_to_string(fix_dir.join(format!("{key}.fix.yaml"))).ok()?;
    let id = fix::parse(&text).ok()?.operation?.id?;
    let (dir, _) = key.rsplit_once('/')?;
    Some(format!("{dir}/{id}"))
}

/// Adds what `other` (another page of the same operation) knows to `spec`: its examples, its
/// source, and (when neither page has tables) the fields its examples show.
fn merge(spec: &mut Spec, other: Spec, tables: bool) {
    if let (Some(s), Some(o)) = (spec.source.as_mut(), other.source) {
        s.also.push(crate::spec::Source { doc: o.doc, page: o.page, sha256: o.sha256, also: Vec::new() });
    }
    if !tables {
        for (name, t) in other.types {
            match spec.types.get_mut(&name) {
                None => {
                    spec.types.insert(name, t);
                }
                Some(existing) => merge_type(existing, t),
            }
        }
        if spec.operation.request.is_none() {
            spec.operation.request = other.operation.request;
        }
        if spec.operation.response.is_none() {
            spec.operation.response = other.operation.response;
        }
        for h in other.operation.headers {
            if !spec.operation.headers.iter().any(|x| x.name.eq_ignore_ascii_case(&h.name)) {
                spec.operation.headers.push(h);
            }
        }
    }
    for e in other.examples {
        if !spec.examples.iter().any(|x| x.json == e.json && x.kind == e.kind) {
            spec.examples.push(e);
        }
    }
}

fn merge_type(into: &mut TypeDef, other: TypeDef) {
    if let (Some(a), Some(b)) = (into.fields.as_mut(), other.fields) {
        for f in b {
            if !a.iter().any(|x| x.json == f.json) {
                a.push(f);
            }
        }
    }
}

/// The YAML text of a transcribed spec, with a header saying where it came from.
pub fn to_text(key: &str, spec: &Spec) -> Result<String, String> {
    let body = yaml::to_yaml(spec)?;
    let page = spec.source.as_ref().map(|s| s.doc.as_str()).unwrap_or("?");
    Ok(format!(
        "# Transcribed by otc-sdkgen from {page}. Do not edit: corrections go in {}.fix.yaml (with a `why:`).\n{body}",
        key.rsplit('/').next().unwrap_or(key)
    ))
}

/// `spec/COVERAGE.md`: operations per service and version, and every page not covered, with why.
pub fn coverage(run: &Run) -> String {
    let mut per: BTreeMap<(String, String), usize> = BTreeMap::new();
    for key in run.specs.keys() {
        let mut parts = key.split('/');
        let (Some(service), Some(version)) = (parts.next(), parts.next()) else { continue };
        *per.entry((service.to_owned(), version.to_owned())).or_insert(0) += 1;
    }
    let mut out = String::from(
        "# Coverage\n\nWritten by `cargo run -- transcribe` (from `spec/sources.yaml`); do not edit.\n\n\
         ## Operations per service and version\n\n| service | version | operations |\n|---|---|---|\n",
    );
    for ((s, v), n) in &per {
        out.push_str(&format!("| {s} | {v} | {n} |\n"));
    }
    out.push_str(&format!("| **all** | | **{}** |\n", run.specs.len()));
    out.push_str(&format!(
        "\n## Pages not covered\n\n{} of {} pages describe no operation (introductions, indexes, appendices, \
         permission lists); {} failed.\n\n| page | why |\n|---|---|\n",
        run.skipped.len(),
        run.pages,
        run.failed.len()
    ));
    for (page, why) in &run.skipped {
        out.push_str(&format!("| `{page}` | {why} |\n"));
    }
    for f in &run.failed {
        out.push_str(&format!("| | failed: {} |\n", f.to_string().replace('|', "\\|")));
    }
    let counts: Vec<String> = run.lint_counts().iter().map(|(k, n)| format!("- {k}: {n}")).collect();
    out.push_str(&format!("\n## Doc-lint warnings\n\n{}\n\nHand fixes applied: {}.\n", counts.join("\n"), run.fixes_applied.len()));
    out
}

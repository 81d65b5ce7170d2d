//! Reference pages → specs: each page is read (`crate::read`) into a `Document`, transcribed
//! (`page`) into one spec per operation, merged with other pages of the same operation, corrected
//! by its hand fix (`fix`), and written as YAML. `drift` compares fresh transcriptions with the
//! committed specs in API terms. The rules are in `docs/transcriber.md`.

pub mod drift;
pub mod fix;
pub mod json;
pub mod lint;
pub mod marks;
pub mod naming;
pub mod page;
pub mod prose;
pub mod sources;
pub mod types;
pub mod uri;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::spec::{yaml, Spec, TypeDef};
use lint::{Lint, LintKind};
use page::{PageInput, PageResult, Transcribed};

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

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            walk(&p, out);
        } else if matches!(p.extension().and_then(|e| e.to_str()), Some("rst" | "md" | "txt"))
            && !p.file_name().is_some_and(|n| n == "README.md" || n == "SOURCES.md" || n.to_string_lossy().starts_with("LICENSE"))
        {
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
fn display_of(path: &Path) -> String {
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
    /// Pages (or fixes) that failed: `page:line: message`.
    pub failed: Vec<String>,
    pub lints: Vec<Lint>,
    /// Hand fixes applied, by spec.
    pub fixes_applied: Vec<String>,
}

impl Run {
    /// Warnings by kind, for the summary.
    pub fn lint_counts(&self) -> BTreeMap<&'static str, usize> {
        let mut m = BTreeMap::new();
        for l in &self.lints {
            *m.entry(l.kind.name()).or_insert(0) += 1;
        }
        m
    }
}

/// Transcribes `pages`, merges operations described by several pages, applies the hand fixes
/// found under `fix_dir`. `progress` is called after each page.
pub fn transcribe(pages: &[PageFile], fix_dir: &Path, mut progress: impl FnMut(usize)) -> Run {
    let mut run = Run::default();
    let mut found: BTreeMap<String, Vec<(String, Transcribed)>> = BTreeMap::new();
    for (i, page) in pages.iter().enumerate() {
        run.pages += 1;
        progress(i + 1);
        let text = match std::fs::read(&page.path) {
            Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
            Err(e) => {
                run.failed.push(format!("{}: cannot read: {e}", page.display));
                continue;
            }
        };
        let doc = match crate::read::read_page(&page.display, &text) {
            Ok(d) => d,
            Err(e) => {
                run.failed.push(e.to_string());
                continue;
            }
        };
        let input = PageInput { name: &page.display, text: &text, service: &page.service };
        match page::transcribe_page(&input, &doc) {
            (PageResult::Skipped(reason), lints) => {
                run.skipped.push((page.display.clone(), reason));
                run.lints.extend(lints);
            }
            (PageResult::Operations(ops), lints) => {
                run.lints.extend(lints);
                for op in ops {
                    let key = format!("{}/{}/{}", op.service, op.version, op.spec.operation.id);
                    found.entry(key).or_default().push((page.display.clone(), op));
                }
            }
        }
    }
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
    for (key, mut ops) in rekeyed {
        // The page with parameter tables is the base; the others contribute examples.
        ops.sort_by_key(|(_, t)| !t.from_tables);
        let mut iter = ops.into_iter();
        let Some((first_page, base)) = iter.next() else { continue };
        let mut spec = base.spec;
        let mut added_examples = Vec::new();
        for (page, other) in iter {
            for e in &other.spec.examples {
                added_examples.push((page.clone(), e.clone()));
            }
            if base.from_tables && other.from_tables {
                run.lints.push(Lint {
                    page: page.clone(),
                    line: 1,
                    kind: LintKind::DuplicateOperation,
                    message: format!("describes `{key}` as {first_page} does; the first page is kept, this one adds its examples"),
                });
            }
            merge(&mut spec, other.spec, base.from_tables);
        }
        if base.from_tables {
            added_examples.retain(|(_, e)| spec.examples.contains(e));
            page::check_examples(&mut spec, &added_examples, &mut run.lints);
        }
        marks::mark(&mut spec);
        let mut failed = false;
        for fix_key in fix_keys.get(&key).cloned().unwrap_or_default() {
            let fix_path = fix_dir.join(format!("{fix_key}.fix.yaml"));
            let Ok(text) = std::fs::read_to_string(&fix_path) else { continue };
            let shown = fix_path.display().to_string();
            match fix::parse(&text) {
                Ok(f) => match fix::apply(&mut spec, &f, &text) {
                    Ok(()) => run.fixes_applied.push(shown),
                    Err(errors) => {
                        for e in errors {
                            run.failed.push(format!("{shown}:{}: {}", e.line.unwrap_or(1), e.message));
                        }
                        failed = true;
                    }
                },
                Err(e) => {
                    run.failed.push(format!("{shown}:{}: {}", e.line.unwrap_or(1), e.message));
                    failed = true;
                }
            }
        }
        if !failed {
            run.specs.insert(key, spec);
        }
    }
    run
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
        s.also.push(crate::spec::Source { doc: o.doc, sha256: o.sha256, also: Vec::new() });
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
        out.push_str(&format!("| | failed: {} |\n", f.replace('|', "\\|")));
    }
    let counts: Vec<String> = run.lint_counts().iter().map(|(k, n)| format!("- {k}: {n}")).collect();
    out.push_str(&format!("\n## Doc-lint warnings\n\n{}\n\nHand fixes applied: {}.\n", counts.join("\n"), run.fixes_applied.len()));
    out
}

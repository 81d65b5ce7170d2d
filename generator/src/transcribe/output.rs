//! Writing a transcription: one YAML file per operation under the spec folder and one
//! `<service>/marks.yaml` per service with marks (only those that changed, each atomically), and
//! `COVERAGE.md` beside them when the whole reference was read.

use std::path::{Path, PathBuf};

use super::{coverage, to_text, Run};
use crate::write::write_atomic;
use crate::Diagnostic;

/// What [`write_specs`] did.
#[derive(Debug, Default)]
pub struct Written {
    /// The spec files written (they were new or different), in key order.
    pub written: Vec<PathBuf>,
    /// How many specs were already as transcribed.
    pub unchanged: usize,
    /// The specs removed: no page gives them any more (only when the whole reference was read).
    pub removed: Vec<PathBuf>,
    /// Hand fixes whose spec was removed: they correct nothing now.
    pub orphaned_fixes: Vec<PathBuf>,
    /// Each spec or file that could not be rendered or written, with why.
    pub errors: Vec<Diagnostic>,
}

/// Writes every spec of `run` to `<out>/<key>.yaml` that differs from the file there, and, when
/// `whole_reference` (the pages of `sources.yaml` were read, not a selection), `<out>/COVERAGE.md`
/// and the removal of every spec no page gives any more (its page disappeared, or now gives
/// another operation) — unless some page failed, since its specs would look gone.
pub fn write_specs(run: &Run, out: &Path, whole_reference: bool) -> Written {
    let mut done = Written::default();
    for (key, text) in render_specs(run, crate::parallel::threads()) {
        let path = out.join(format!("{key}.yaml"));
        let text = match text {
            Ok(t) => t,
            Err(e) => {
                done.errors.push(Diagnostic::new(key.clone(), None, format!("cannot render YAML: {e}")));
                continue;
            }
        };
        match write_if_changed(&path, &text) {
            Ok(true) => done.written.push(path),
            Ok(false) => done.unchanged += 1,
            Err(e) => done.errors.push(e),
        }
    }
    for (service, marks) in &run.service_marks {
        let path = out.join(service).join(crate::spec::SERVICE_MARKS_FILE);
        match super::service_marks::to_text(marks) {
            Ok(text) => match write_if_changed(&path, &text) {
                Ok(true) => done.written.push(path),
                Ok(false) => done.unchanged += 1,
                Err(e) => done.errors.push(e),
            },
            Err(e) => done.errors.push(Diagnostic::new(path.display().to_string(), None, format!("cannot render the marks: {e}"))),
        }
    }
    if whole_reference && run.failed.is_empty() {
        // Marks of a service the pages no longer give.
        for (service, path) in crate::spec::load::service_marks_files(out) {
            if !run.service_marks.contains_key(&service) {
                match std::fs::remove_file(&path) {
                    Ok(()) => done.removed.push(path),
                    Err(e) => done.errors.push(Diagnostic::new(path.display().to_string(), None, format!("cannot remove: {e}"))),
                }
            }
        }
    }
    if whole_reference {
        // A hand fix that applied to nothing corrects nothing: its operation was renamed or its
        // page is gone. Said, never silently ignored.
        let mut fixes = Vec::new();
        super::files_below(out, &mut fixes, &|p| p.to_str().is_some_and(|n| n.ends_with(".fix.yaml")));
        fixes.sort();
        for fix in fixes {
            let shown = fix.display().to_string();
            if !run.fixes_applied.contains(&shown) && !run.failed.iter().any(|d| d.file == shown) {
                let why = "the hand fix applies to no operation the pages give (renamed or gone: rename the file after its operation, or remove it)";
                done.errors.push(Diagnostic::new(shown, None, why));
            }
        }
    }
    if whole_reference && run.failed.is_empty() {
        for key in super::specs_on_disk(out) {
            if run.specs.contains_key(&key) {
                continue;
            }
            let path = out.join(format!("{key}.yaml"));
            match std::fs::remove_file(&path) {
                Ok(()) => done.removed.push(path),
                Err(e) => done.errors.push(Diagnostic::new(path.display().to_string(), None, format!("cannot remove: {e}"))),
            }
            let fix = out.join(format!("{key}.fix.yaml"));
            if fix.exists() {
                done.orphaned_fixes.push(fix);
            }
        }
    }
    if whole_reference {
        if let Err(e) = write_if_changed(&out.join("COVERAGE.md"), &coverage(run)) {
            done.errors.push(e);
        }
    }
    done
}

/// The YAML text of every spec of `run` ([`to_text`]), in key order, made on up to `threads`
/// threads: what [`write_specs`] writes.
pub fn render_specs(run: &Run, threads: usize) -> Vec<(&String, Result<String, String>)> {
    let specs: Vec<(&String, &crate::spec::Spec)> = run.specs.iter().collect();
    let texts = crate::parallel::map_in_order(&specs, threads, |(key, spec)| to_text(key, spec));
    specs.into_iter().map(|(key, _)| key).zip(texts).collect()
}

/// Writes `text` to `path` unless the file already holds it; whether it wrote.
fn write_if_changed(path: &Path, text: &str) -> Result<bool, Diagnostic> {
    if std::fs::read_to_string(path).is_ok_and(|old| old == text) {
        return Ok(false);
    }
    write_atomic(path, text.as_bytes()).map_err(|e| Diagnostic::new(path.display().to_string(), None, format!("cannot write: {e}")))?;
    Ok(true)
}

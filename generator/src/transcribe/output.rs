//! Writing a transcription: one YAML file per operation under the spec folder (only those that
//! changed, each atomically), and `COVERAGE.md` beside them when the whole reference was read.

use std::path::{Path, PathBuf};

use super::{coverage, to_text, Run};
use crate::write::write_atomic;

/// What [`write_specs`] did.
#[derive(Debug, Default)]
pub struct Written {
    /// The spec files written (they were new or different), in key order.
    pub written: Vec<PathBuf>,
    /// How many specs were already as transcribed.
    pub unchanged: usize,
    /// Each spec or file that could not be rendered or written, with why.
    pub errors: Vec<String>,
}

/// Writes every spec of `run` to `<out>/<key>.yaml` that differs from the file there, and, when
/// `whole_reference` (the pages of `sources.yaml` were read, not a selection), `<out>/COVERAGE.md`.
pub fn write_specs(run: &Run, out: &Path, whole_reference: bool) -> Written {
    let mut done = Written::default();
    for (key, spec) in &run.specs {
        let path = out.join(format!("{key}.yaml"));
        let text = match to_text(key, spec) {
            Ok(t) => t,
            Err(e) => {
                done.errors.push(format!("{key}: cannot render YAML: {e}"));
                continue;
            }
        };
        match write_if_changed(&path, &text) {
            Ok(true) => done.written.push(path),
            Ok(false) => done.unchanged += 1,
            Err(e) => done.errors.push(e),
        }
    }
    if whole_reference {
        if let Err(e) = write_if_changed(&out.join("COVERAGE.md"), &coverage(run)) {
            done.errors.push(e);
        }
    }
    done
}

/// Writes `text` to `path` unless the file already holds it; whether it wrote.
fn write_if_changed(path: &Path, text: &str) -> Result<bool, String> {
    if std::fs::read_to_string(path).is_ok_and(|old| old == text) {
        return Ok(false);
    }
    write_atomic(path, text.as_bytes()).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    Ok(true)
}

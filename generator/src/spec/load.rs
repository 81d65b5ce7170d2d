//! Reading spec files from disk: `spec/<service>/<version>/<operation>.yaml`, and the marks of
//! whole services, `spec/<service>/marks.yaml`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::locate::{Locator, Step};
use super::model::{ServiceMarks, Spec};
use super::yaml;
use crate::diag::Diagnostic;

/// One loaded spec file, with what is needed to report errors in it.
#[derive(Debug)]
pub struct SpecFile {
    /// The path as shown to users (`spec/rds/v3/create_instance.yaml`).
    pub display: String,
    /// The path relative to the spec root (`rds/v3/create_instance.yaml`).
    pub relative: PathBuf,
    /// The service folder (`rds`).
    pub service: String,
    /// The version folder (`v3`, `v3.1`).
    pub version: String,
    /// The file stem (`create_instance`).
    pub stem: String,
    /// The parsed spec.
    pub spec: Spec,
    /// Lines of the YAML nodes.
    pub locator: Locator,
}

impl SpecFile {
    /// The name generated files give their source: `spec/<service>/<version>/<operation>.yaml`
    /// whatever the spec folder is called or how it was spelled (always with `/`).
    pub fn source_name(&self) -> String {
        let parts: Vec<String> = self.relative.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
        format!("spec/{}", parts.join("/"))
    }
}

/// Every spec file below `root`, sorted by path; `display_root` prefixes the paths in messages.
/// Files that fail to load are reported and skipped, so that one bad file does not hide the
/// errors of the others. Files are read and parsed on up to `SDKGEN_THREADS` threads
/// ([`crate::parallel::threads`]), gathered in path order.
pub fn load_dir(root: &Path, display_root: &str) -> (Vec<SpecFile>, Vec<Diagnostic>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    let mut paths = Vec::new();
    collect(root, &mut paths, &mut errors);
    let marks: Vec<PathBuf> = service_marks_files(root).into_iter().map(|(_, p)| p).collect();
    paths.retain(|p| !marks.contains(p));
    paths.sort();
    // Read and parsed on the emit threads (in path order whatever the thread count).
    let loaded = crate::parallel::map_in_order(&paths, crate::parallel::threads(), |path| {
        load_file(path, path.strip_prefix(root).unwrap_or(path), display_root)
    });
    for result in loaded {
        match result {
            Ok(file) => files.push(file),
            Err(e) => errors.push(e),
        }
    }
    (files, errors)
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>, errors: &mut Vec<Diagnostic>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            errors.push(Diagnostic::new(dir.display().to_string(), None, format!("cannot read directory: {e}")));
            return;
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out, errors);
        } else if is_spec_file(&path) && path.file_name().is_some_and(|n| n != super::SOURCES_FILE) {
            out.push(path);
        }
    }
}

/// The marks files of the services under `root` (`<service>/marks.yaml`), by service, sorted.
pub fn service_marks_files(root: &Path) -> Vec<(String, PathBuf)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(root).into_iter().flatten().flatten() {
        let path = entry.path().join(super::SERVICE_MARKS_FILE);
        if path.is_file() {
            out.push((entry.file_name().to_string_lossy().into_owned(), path));
        }
    }
    out.sort();
    out
}

/// Loads every `<service>/marks.yaml` under `root`: the marks by service, and an error (file,
/// line) for each file that does not read as [`ServiceMarks`].
pub fn load_service_marks(root: &Path, display_root: &str) -> (BTreeMap<String, ServiceMarks>, Vec<Diagnostic>) {
    let mut marks = BTreeMap::new();
    let mut errors = Vec::new();
    for (service, path) in service_marks_files(root) {
        let display = format!("{}/{service}/{}", display_root.trim_end_matches('/'), super::SERVICE_MARKS_FILE);
        let parsed = std::fs::read_to_string(&path)
            .map_err(|e| Diagnostic::new(display.clone(), None, format!("cannot read file: {e}")))
            .and_then(|text| {
                yaml::parse_any::<ServiceMarks>(&text).map_err(|e| Diagnostic {
                    column: e.column,
                    ..Diagnostic::new(display.clone(), e.line, format!("invalid service marks: {}", e.message))
                })
            });
        match parsed {
            Ok(m) => {
                marks.insert(service, m);
            }
            Err(e) => errors.push(e),
        }
    }
    (marks, errors)
}

/// `*.yaml`, but not the hand fixes (`*.fix.yaml`), which apply to transcriptions.
pub fn is_spec_file(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    name.ends_with(".yaml") && !name.ends_with(".fix.yaml")
}

/// Loads one spec file; `relative` must be `<service>/<version>/<operation>.yaml`.
pub fn load_file(path: &Path, relative: &Path, display_root: &str) -> Result<SpecFile, Diagnostic> {
    let display = if display_root.is_empty() {
        relative.display().to_string()
    } else {
        format!("{}/{}", display_root.trim_end_matches('/'), relative.display())
    };
    let parts: Vec<String> = relative.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
    let [service, version, file_name] = parts.as_slice() else {
        return Err(Diagnostic::new(
            display,
            None,
            format!("expected a spec at <service>/<version>/<operation>.yaml, found {} path component(s)", parts.len()),
        ));
    };
    let stem = file_name.trim_end_matches(".yaml").to_owned();
    let text = std::fs::read_to_string(path).map_err(|e| Diagnostic::new(display.clone(), None, format!("cannot read file: {e}")))?;
    let spec = yaml::parse_spec(&text).map_err(|e| {
        // serde_yaml places an unknown key at its mapping; the locator finds the key itself.
        let precise = precise_line(&Locator::new(&text), &e.message);
        Diagnostic {
            column: if precise.is_some() { None } else { e.column },
            ..Diagnostic::new(display.clone(), precise.or(e.line), format!("invalid spec: {}", e.message))
        }
    })?;
    let locator = Locator::new(text);
    Ok(SpecFile { display, relative: relative.to_path_buf(), service: service.clone(), version: version.clone(), stem, spec, locator })
}

/// The line of the key an error names: `types.A.fields[0]: unknown field `x`, …` → the `x:` line.
fn precise_line(locator: &Locator, message: &str) -> Option<usize> {
    let (path, rest) = message.split_once(": ")?;
    if path.contains(' ') {
        return None;
    }
    let mut steps = parse_path(path)?;
    let key = rest.strip_prefix("unknown field `")?.split('`').next()?;
    steps.push(Step::Key(key.to_owned()));
    let line = locator.line(&steps)?;
    // Only trust an exact hit: the nearest ancestor is what serde_yaml already reports.
    (locator.line(&steps[..steps.len() - 1]) != Some(line)).then_some(line)
}

/// `types.A.fields[0]` → steps.
fn parse_path(path: &str) -> Option<Vec<Step>> {
    let mut steps = Vec::new();
    for part in path.split('.') {
        let (key, mut rest) = match part.find('[') {
            Some(i) => (&part[..i], &part[i..]),
            None => (part, ""),
        };
        if !key.is_empty() {
            steps.push(Step::Key(key.to_owned()));
        }
        while let Some(r) = rest.strip_prefix('[') {
            let (n, after) = r.split_once(']')?;
            steps.push(Step::Index(n.parse().ok()?));
            rest = after;
        }
    }
    Some(steps)
}

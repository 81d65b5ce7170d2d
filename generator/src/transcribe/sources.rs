//! `spec/sources.yaml`: the pages `transcribe` reads when given none, in priority order (when
//! several pages with parameter tables describe one operation, the first listed wins; the others
//! add their examples).

use std::path::{Path, PathBuf};

use serde::Deserialize;

/// The manifest's name, in the spec folder.
pub const FILE: &str = "sources.yaml";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Manifest {
    sources: Vec<Entry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    /// A page or a folder, relative to the repository (the spec folder's parent).
    path: PathBuf,
    /// The service of its pages, when the folders do not say.
    #[serde(default)]
    service: Option<String>,
}

/// The manifest's entries: (path, service), paths resolved against `spec_dir`'s parent.
pub fn load(spec_dir: &Path) -> Result<Vec<(PathBuf, Option<String>)>, String> {
    let file = spec_dir.join(FILE);
    let text = std::fs::read_to_string(&file).map_err(|e| format!("{}: cannot read: {e}", file.display()))?;
    let m: Manifest = crate::spec::yaml::parse_any(&text).map_err(|e| format!("{}:{}: {}", file.display(), e.line.unwrap_or(1), e.message))?;
    let root = spec_dir.parent().unwrap_or(Path::new("."));
    Ok(m.sources.into_iter().map(|e| (root.join(e.path), e.service)).collect())
}

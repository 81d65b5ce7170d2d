//! `spec/sources.yaml`: the pages `transcribe` reads when given none, in priority order (when
//! several pages with parameter tables describe one operation, the first listed wins; the others
//! add their examples).
//!
//! Each reference repository is named as upstream has it: the GitHub repository, the folder of its
//! pages, and the commit `spec/` was transcribed from. Where its checkout is on disk is the
//! maintainer's choice: `transcribe --checkouts DIR` reads a clone of each repository at
//! `DIR/<repository name>/<path>` (`git clone https://github.com/<repository>` in `DIR`, then
//! `git checkout <commit>`); without it, the manifest's `export` folder is read, an export of those
//! commits with one folder per repository holding what is below its `path` (ours is
//! `../shared/corpus/otc`, described by its `SOURCES.md`). Pages are named
//! `<export.name>/<export>/<path below the repository's folder>` in specs and messages, wherever the
//! checkout is, so `spec/` never depends on it. Seed pages (given to the project, in no public
//! repository) are files relative to the repository.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::{collect_pages, PageFile};
use crate::Diagnostic;

/// The manifest's name, in the spec folder.
pub const FILE: &str = crate::spec::SOURCES_FILE;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Manifest {
    export: Export,
    repositories: Vec<Repository>,
    #[serde(default)]
    seeds: Vec<Seed>,
}

/// The default place of the checkouts, and how pages are named.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Export {
    /// The export folder, relative to the repository (the spec folder's parent).
    path: PathBuf,
    /// The prefix of page names (`corpus/otc`).
    name: String,
}

/// One upstream repository of reference pages.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Repository {
    /// `owner/name` on GitHub.
    repository: String,
    /// The folder of its pages in the repository (`api-ref/source`).
    path: String,
    /// The commit `spec/` was transcribed from.
    commit: String,
    /// Its folder in the export (`rds`).
    export: String,
    /// The service of its pages.
    service: String,
}

/// A page given to the project, in no public repository.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Seed {
    /// The page, relative to the repository.
    path: PathBuf,
    service: String,
}

/// Every page the manifest of `spec_dir` lists, in its order: each repository's pages from its
/// checkout under `checkouts` when given, else from the export; then the seeds. A repository or
/// seed that is not on disk is an error naming where it was looked for and what to fetch.
pub fn pages(spec_dir: &Path, checkouts: Option<&Path>) -> Result<Vec<PageFile>, Diagnostic> {
    let file = spec_dir.join(FILE);
    let shown = file.display().to_string();
    let text = std::fs::read_to_string(&file).map_err(|e| Diagnostic::new(&shown, None, format!("cannot read: {e}")))?;
    let m: Manifest = crate::spec::yaml::parse_any(&text).map_err(|e| e.in_file(&shown))?;
    let root = spec_dir.parent().unwrap_or(Path::new("."));
    let mut out = Vec::new();
    for r in &m.repositories {
        let dir = match checkouts {
            Some(dir) => dir.join(r.repository.rsplit('/').next().unwrap_or(&r.repository)).join(&r.path),
            None => root.join(&m.export.path).join(&r.export),
        };
        if !dir.is_dir() {
            return Err(Diagnostic::new(
                &shown,
                None,
                format!(
                    "no pages of {} at {} (expected a checkout of https://github.com/{} at commit {}, its folder `{}`{})",
                    r.repository,
                    dir.display(),
                    r.repository,
                    r.commit,
                    r.path,
                    if checkouts.is_some() { "" } else { "; or pass --checkouts DIR, a folder of clones" }
                ),
            ));
        }
        for mut page in collect_pages(std::slice::from_ref(&dir), Some(&r.service)) {
            let below = page.path.strip_prefix(&dir).unwrap_or(&page.path);
            let below: Vec<String> = below.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
            page.display = format!("{}/{}/{}", m.export.name, r.export, below.join("/"));
            out.push(page);
        }
    }
    for s in &m.seeds {
        let path = root.join(&s.path);
        if !path.is_file() {
            return Err(Diagnostic::new(&shown, None, format!("the seed page {} is missing", path.display())));
        }
        out.extend(collect_pages(std::slice::from_ref(&path), Some(&s.service)));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, rel: &str, text: &str) {
        let path = dir.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    const MANIFEST: &str = "export:\n  path: export\n  name: corpus/otc\n\
        repositories:\n  - repository: opentelekomcloud-docs/relational-database-service\n    path: api-ref/source\n    \
        commit: 03eecfd\n    export: rds\n    service: rds\nseeds:\n  - path: seeds/a.txt\n    service: dds\n";

    #[test]
    fn pages_are_named_alike_from_the_export_and_from_a_clone() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        write(root, "spec/sources.yaml", MANIFEST);
        write(root, "export/rds/apis/create.rst", "x");
        write(root, "clones/relational-database-service/api-ref/source/apis/create.rst", "x");
        write(root, "seeds/a.txt", "x");
        let names = |pages: Vec<PageFile>| pages.into_iter().map(|p| (p.display, p.service)).collect::<Vec<_>>();
        let expected = ("corpus/otc/rds/apis/create.rst".to_owned(), "rds".to_owned());
        let from_export = pages(&root.join("spec"), None).unwrap();
        assert_eq!(from_export[0].path, root.join("export/rds/apis/create.rst"));
        assert_eq!(names(from_export)[0], expected);
        let from_clones = pages(&root.join("spec"), Some(&root.join("clones"))).unwrap();
        assert_eq!(from_clones[0].path, root.join("clones/relational-database-service/api-ref/source/apis/create.rst"));
        assert_eq!(names(from_clones)[0], expected);
        assert_eq!(names(pages(&root.join("spec"), None).unwrap())[1].1, "dds");
    }

    #[test]
    fn a_missing_checkout_says_what_to_fetch() {
        let tmp = tempfile::tempdir().unwrap();
        write(tmp.path(), "spec/sources.yaml", MANIFEST);
        let e = pages(&tmp.path().join("spec"), Some(&tmp.path().join("clones"))).unwrap_err().to_string();
        assert!(e.contains("https://github.com/opentelekomcloud-docs/relational-database-service at commit 03eecfd"), "{e}");
        let e = pages(&tmp.path().join("spec"), None).unwrap_err().to_string();
        assert!(e.contains("or pass --checkouts DIR"), "{e}");
    }

    #[test]
    fn unknown_keys_name_the_line() {
        let tmp = tempfile::tempdir().unwrap();
        write(tmp.path(), "spec/sources.yaml", &MANIFEST.replace("    service: rds\n", "    service: rds\n    branch: main\n"));
        let e = pages(&tmp.path().join("spec"), None).unwrap_err().to_string();
        assert!(e.contains("sources.yaml:") && e.contains("branch"), "{e}");
    }
}

//! What emitting produced, kept between runs, so that `cargo run` after a small change emits only
//! what the change touches (issue 19). Nothing here decides what is written: the writer still
//! compares every file on disk with its text, so a hand-edited or deleted generated file is
//! restored whether its text came from the cache or not, and `check` never uses the cache.
//!
//! An entry is one file of the cache folder, named by its key (`op/rds/v3/create_instance`). It
//! holds the identity of the generator that wrote it, the inputs verbatim and the outputs (named
//! texts). A lookup is a hit only when identity and every input are byte-for-byte those asked
//! for: no hash is trusted. The inputs of an operation are everything its emit reads (the checked
//! `OperationModel`, printed with `Debug`, and the folder it goes to), so a changed spec, a changed
//! crate layout and a changed generator all miss. Entries are written to a temporary file and
//! renamed (concurrent runs see an old or a new entry, never half of one); an entry that cannot be
//! read or parsed is a miss, and a cache that cannot be written only costs speed.

use std::path::{Path, PathBuf};

/// The environment variable naming the cache folder of [`Cache::for_executable`].
pub const DIR_VAR: &str = "SDKGEN_CACHE_DIR";

/// The first line of every entry (and the format's version).
const MAGIC: &[u8] = b"otc-sdkgen cache 1\n";

/// A cache folder and the identity of the generator using it.
#[derive(Clone, Debug)]
pub struct Cache {
    dir: PathBuf,
    identity: String,
    read: bool,
}

/// Named texts: what one entry keeps (file paths and their contents, or any other named piece).
pub type Outputs = Vec<(String, String)>;

impl Cache {
    /// A cache in `dir` (created when first written) for the generator `identity`: entries
    /// written under another identity are misses.
    pub fn new(dir: impl Into<PathBuf>, identity: impl Into<String>) -> Self {
        Cache { dir: dir.into(), identity: identity.into(), read: true }
    }

    /// The same cache, only written: every lookup misses, and what is emitted replaces what was
    /// stored (`generate --no-cache`).
    pub fn write_only(self) -> Self {
        Cache { read: false, ..self }
    }

    /// The cache of the running executable, for the identity [`executable_identity`]: in
    /// `$SDKGEN_CACHE_DIR` when set, else `sdkgen-cache/` beside the executable
    /// (`target/debug/sdkgen-cache/` for `cargo run`: `cargo clean` removes it, and each profile
    /// has its own). `None` when the executable cannot be found.
    pub fn for_executable() -> Option<Self> {
        let exe = std::env::current_exe().ok()?;
        let identity = executable_identity(&exe)?;
        let dir = match std::env::var_os(DIR_VAR) {
            Some(dir) if !dir.is_empty() => PathBuf::from(dir),
            _ => exe.parent()?.join("sdkgen-cache"),
        };
        Some(Cache::new(dir, identity))
    }

    /// The folder of the entries.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The outputs stored under `key` for exactly these `inputs` by this generator, if any.
    pub fn get(&self, key: &str, inputs: &[&str]) -> Option<Outputs> {
        if !self.read {
            return None;
        }
        let bytes = std::fs::read(self.path(key)).ok()?;
        let mut r = Reader { rest: bytes.strip_prefix(MAGIC)? };
        // Identity and inputs are compared as they are read: a miss reads no further.
        if r.item()? != self.identity.as_bytes() || r.count()? != inputs.len() {
            return None;
        }
        for input in inputs {
            if r.item()? != input.as_bytes() {
                return None;
            }
        }
        r.outputs()
    }

    /// Stores `outputs` under `key` for `inputs`, replacing what was there. Errors are ignored:
    /// a cache that cannot be written makes the next run slower, not wrong.
    pub fn put(&self, key: &str, inputs: &[&str], outputs: &[(String, String)]) {
        let entry =
            Entry { identity: self.identity.clone(), inputs: inputs.iter().map(|i| i.to_string()).collect(), outputs: outputs.to_vec() };
        let _ = std::fs::create_dir_all(&self.dir).and_then(|()| entry.write(&self.path(key)));
    }

    /// The entries of the folder (unreadable ones left out): for inspecting a cache.
    pub fn entries(&self) -> Vec<(PathBuf, Entry)> {
        let mut out: Vec<(PathBuf, Entry)> = std::fs::read_dir(&self.dir)
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(|e| Entry::read(&e.path()).map(|entry| (e.path(), entry)))
            .collect();
        out.sort_by(|a, b| a.0.cmp(&b.0));
        out
    }

    /// `key` as a file of the folder: every character but `[a-z0-9_.-]` written as `%XX` (so
    /// `op/rds/v3.1/x` is one file, `op%2Frds%2Fv3.1%2Fx`, and no key names another's file).
    fn path(&self, key: &str) -> PathBuf {
        let mut name = String::with_capacity(key.len() + 8);
        for b in key.bytes() {
            if b.is_ascii_lowercase() || b.is_ascii_digit() || b"_.-".contains(&b) {
                name.push(char::from(b));
            } else {
                name.push_str(&format!("%{b:02X}"));
            }
        }
        self.dir.join(name)
    }
}

/// One entry, as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The generator that wrote it.
    pub identity: String,
    /// What was emitted from, verbatim.
    pub inputs: Vec<String>,
    /// What was emitted.
    pub outputs: Outputs,
}

impl Entry {
    /// The entry in the file at `path`; `None` when it cannot be read or is not an entry.
    pub fn read(path: &Path) -> Option<Entry> {
        let bytes = std::fs::read(path).ok()?;
        let mut r = Reader { rest: bytes.strip_prefix(MAGIC)? };
        let identity = String::from_utf8(r.item()?.to_vec()).ok()?;
        let n = r.count()?;
        let inputs = (0..n).map(|_| String::from_utf8(r.item()?.to_vec()).ok()).collect::<Option<Vec<_>>>()?;
        Some(Entry { identity, inputs, outputs: r.outputs()? })
    }

    /// Writes the entry to `path` through a temporary file in its folder, then renames it, so
    /// readers see the old or the new entry. Not synced: after a crash, an entry is whole, empty
    /// or unreadable, and the last two miss.
    pub fn write(&self, path: &Path) -> std::io::Result<()> {
        let mut bytes = MAGIC.to_vec();
        item(&mut bytes, self.identity.as_bytes());
        count(&mut bytes, self.inputs.len());
        for input in &self.inputs {
            item(&mut bytes, input.as_bytes());
        }
        count(&mut bytes, self.outputs.len());
        for (name, text) in &self.outputs {
            item(&mut bytes, name.as_bytes());
            item(&mut bytes, text.as_bytes());
        }
        let mut tmp = tempfile::NamedTempFile::new_in(path.parent().unwrap_or(Path::new(".")))?;
        std::io::Write::write_all(&mut tmp, &bytes)?;
        tmp.persist(path).map_err(|e| e.error)?;
        Ok(())
    }
}

/// The identity of the generator in the executable at `exe`: the crate's version and the
/// executable's path, size and modification time. Any rebuild (of the generator, of a dependency,
/// with another compiler) writes a new executable, so entries of an older build are misses; a
/// rebuild that changes nothing costs one slow run. (Hashing the 150 MB dev-profile executable
/// would cost more than the cache saves.)
pub fn executable_identity(exe: &Path) -> Option<String> {
    let meta = std::fs::metadata(exe).ok()?;
    let modified = meta.modified().ok()?.duration_since(std::time::UNIX_EPOCH).ok()?;
    Some(format!(
        "sdkgen {} {} {} bytes, modified {}.{:09}",
        env!("CARGO_PKG_VERSION"),
        exe.display(),
        meta.len(),
        modified.as_secs(),
        modified.subsec_nanos()
    ))
}

/// Items are `<length>\n<bytes>\n`; counts are `<n>\n`.
fn item(out: &mut Vec<u8>, bytes: &[u8]) {
    count(out, bytes.len());
    out.extend_from_slice(bytes);
    out.push(b'\n');
}

fn count(out: &mut Vec<u8>, n: usize) {
    out.extend_from_slice(n.to_string().as_bytes());
    out.push(b'\n');
}

struct Reader<'a> {
    rest: &'a [u8],
}

impl<'a> Reader<'a> {
    fn count(&mut self) -> Option<usize> {
        let end = self.rest.iter().position(|&b| b == b'\n')?;
        let n = std::str::from_utf8(&self.rest[..end]).ok()?.parse().ok()?;
        self.rest = &self.rest[end + 1..];
        Some(n)
    }

    /// The outputs, the last part of an entry (nothing may follow them).
    fn outputs(&mut self) -> Option<Outputs> {
        let n = self.count()?;
        let mut out = Vec::with_capacity(n);
        for _ in 0..n {
            let name = String::from_utf8(self.item()?.to_vec()).ok()?;
            let text = String::from_utf8(self.item()?.to_vec()).ok()?;
            out.push((name, text));
        }
        self.rest.is_empty().then_some(out)
    }

    fn item(&mut self) -> Option<&'a [u8]> {
        let len = self.count()?;
        let bytes = self.rest.get(..len)?;
        if self.rest.get(len) != Some(&b'\n') {
            return None;
        }
        self.rest = &self.rest[len + 1..];
        Some(bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outputs(pairs: &[(&str, &str)]) -> Outputs {
        pairs.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
    }

    #[test]
    fn a_hit_needs_the_same_identity_and_inputs() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::new(dir.path(), "gen 1");
        let files = outputs(&[("a/mod.rs", "fn a() {}\n"), ("a/b.rs", ""), ("odd\nname", "12\n\n3")]);
        assert_eq!(cache.get("op/x", &["spec", "dir"]), None, "empty cache");
        cache.put("op/x", &["spec", "dir"], &files);
        assert_eq!(cache.get("op/x", &["spec", "dir"]), Some(files.clone()));
        assert_eq!(cache.get("op/x", &["spec 2", "dir"]), None, "changed input");
        assert_eq!(cache.get("op/x", &["spec", "dir", ""]), None, "another input count");
        assert_eq!(cache.get("op/x", &["spec"]), None, "fewer inputs");
        assert_eq!(cache.get("op/y", &["spec", "dir"]), None, "another key");
        assert_eq!(Cache::new(dir.path(), "gen 2").get("op/x", &["spec", "dir"]), None, "another generator");
        // The newer generator's entry replaces the older one.
        Cache::new(dir.path(), "gen 2").put("op/x", &["spec", "dir"], &outputs(&[("a/mod.rs", "new")]));
        assert_eq!(cache.get("op/x", &["spec", "dir"]), None);
        // Write-only: misses, and stores what it is given.
        let refresh = Cache::new(dir.path(), "gen 1").write_only();
        refresh.put("op/x", &["spec", "dir"], &files);
        assert_eq!(refresh.get("op/x", &["spec", "dir"]), None);
        assert_eq!(cache.get("op/x", &["spec", "dir"]), Some(files.clone()));
    }

    #[test]
    fn keys_are_files_of_the_folder_that_never_collide() {
        let cache = Cache::new("/c", "g");
        assert_eq!(cache.path("op/rds/v3.1/x_y"), Path::new("/c/op%2Frds%2Fv3.1%2Fx_y"));
        assert_ne!(cache.path("op/a%2Fb"), cache.path("op/a/b"));
        assert_eq!(cache.path("../../etc").parent(), Some(Path::new("/c")));
    }

    #[test]
    fn a_damaged_entry_is_a_miss() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::new(dir.path(), "g");
        cache.put("k", &["in"], &outputs(&[("f", "text")]));
        let path = cache.path("k");
        let whole = std::fs::read(&path).unwrap();
        for cut in [0, MAGIC.len(), whole.len() / 2, whole.len() - 1] {
            std::fs::write(&path, &whole[..cut]).unwrap();
            assert_eq!(cache.get("k", &["in"]), None, "cut at {cut}");
        }
        let mut longer = whole.clone();
        longer.extend_from_slice(b"x");
        std::fs::write(&path, longer).unwrap();
        assert_eq!(cache.get("k", &["in"]), None, "trailing bytes");
    }

    #[test]
    fn the_executable_identity_changes_when_the_executable_does() {
        let dir = tempfile::tempdir().unwrap();
        let exe = dir.path().join("gen");
        std::fs::write(&exe, "build 1").unwrap();
        let first = executable_identity(&exe).unwrap();
        std::fs::write(&exe, "build 2, longer").unwrap();
        assert_ne!(executable_identity(&exe).unwrap(), first);
        assert_eq!(executable_identity(&dir.path().join("none")), None);
    }
}

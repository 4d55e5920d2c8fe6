//! File-system calls that put the path into every error, so a failure reads
//! "public/x: Permission denied" and not a bare "Permission denied".

use std::path::{Path, PathBuf};

use crate::error::Error;

/// Whether `path`, with every symlink on the way resolved, lies inside one of
/// `roots` (themselves canonical). A path that cannot be resolved (it does not
/// exist, a loop) counts as inside: reading it fails on its own.
pub fn resolves_inside(path: &Path, roots: &[&Path]) -> bool {
    match path.canonicalize() {
        Ok(real) => roots.iter().any(|root| real.starts_with(root)),
        Err(_) => true,
    }
}

/// `content/proposals/2019/0003.yaml`: the path relative to the site root, `/`-separated.
pub fn display_path(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.iter()
        .map(|s| s.to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// A new file in `dir` whose name is removed at once: it lasts as long as
/// its handle, and nothing is left behind even if the process is killed.
/// Returns the handle and the name it had, for messages (the spill files of
/// `content::spill` and `search::spill`).
pub fn unlinked_file(dir: &Path, prefix: &str) -> std::io::Result<(std::fs::File, PathBuf)> {
    let named = tempfile::Builder::new().prefix(prefix).tempfile_in(dir)?;
    let (file, path) = named.into_parts();
    // Dropping the `TempPath` at the end of this line removes the name.
    Ok((file, path.to_path_buf()))
}

pub fn read(path: &Path) -> Result<Vec<u8>, Error> {
    std::fs::read(path).map_err(|e| Error::io(path, e))
}

pub fn read_to_string(path: &Path) -> Result<String, Error> {
    std::fs::read_to_string(path).map_err(|e| Error::io(path, e))
}

pub fn write(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    std::fs::write(path, bytes).map_err(|e| Error::io(path, e))
}

pub fn copy(from: &Path, to: &Path) -> Result<(), Error> {
    std::fs::copy(from, to)
        .map(|_| ())
        .map_err(|e| Error::io(from, e))
}

pub fn create_dir_all(path: &Path) -> Result<(), Error> {
    std::fs::create_dir_all(path).map_err(|e| Error::io(path, e))
}

pub fn remove_dir_all(path: &Path) -> Result<(), Error> {
    std::fs::remove_dir_all(path).map_err(|e| Error::io(path, e))
}

pub fn rename(from: &Path, to: &Path) -> Result<(), Error> {
    std::fs::rename(from, to).map_err(|e| Error::io(from, e))
}

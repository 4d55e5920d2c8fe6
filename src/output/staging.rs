//! Safe replacement of the output folder.
//!
//! A build renders into `.<name>.staging` beside the output folder, then swaps it
//! into place in one step: on Linux with `renameat2(RENAME_EXCHANGE)`, which
//! exchanges the two folders atomically, so at every instant `public/` is either
//! the complete old build or the complete new one, even if the process is killed.
//! Elsewhere (and on file systems without `RENAME_EXCHANGE`) the old folder is
//! renamed aside and the new one renamed in: two renames with a moment between
//! them in which `public/` is absent, never half-written. The old build is then
//! deleted. A build killed in that moment leaves the old build in `.<name>.old`
//! and no output; the next build first moves it back. Other leftovers (a
//! half-written or a superseded staging folder) are deleted by the next build.
//!
//! A lock file (`.<name>.lock`, beside the output) serialises builds into one
//! output folder: a second build waits for the first, and says so.

use std::fs::File;
use std::path::{Path, PathBuf};

use crate::error::{Error, OutputRefusal};
use crate::fs;

/// A staging folder, locked against other builds, swapped in by [`Staging::commit`].
/// Dropping it without committing deletes it and leaves the output untouched.
pub struct Staging {
    output: PathBuf,
    staging: PathBuf,
    old: PathBuf,
    _lock: File,
    committed: bool,
}

impl Staging {
    /// Locks the output folder and creates a fresh staging folder beside it.
    /// `on_wait` is called once if another build holds the lock.
    pub fn begin(output: &Path, on_wait: impl FnOnce(&Path)) -> Result<Staging, Error> {
        let parent = output
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        fs::create_dir_all(parent)?;
        let name = output
            .file_name()
            .ok_or_else(|| Error::OutputRefused {
                path: output.to_path_buf(),
                reason: OutputRefusal::NoName,
            })?
            .to_string_lossy()
            .into_owned();
        let lock_path = parent.join(format!(".{name}.lock"));
        let lock = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .map_err(|e| Error::io(&lock_path, e))?;
        match lock.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                on_wait(&lock_path);
                lock.lock().map_err(|e| Error::io(&lock_path, e))?;
            }
            Err(std::fs::TryLockError::Error(e)) => return Err(Error::io(&lock_path, e)),
        }
        let staging = parent.join(format!(".{name}.staging"));
        let old = parent.join(format!(".{name}.old"));
        // Holding the lock, anything left at these paths is from a killed build.
        // A build killed between the two renames of the fallback swap left the
        // previous build aside and no output: put it back before anything else.
        if output.symlink_metadata().is_err() && old.is_dir() {
            fs::rename(&old, output)?;
        }
        for leftover in [&staging, &old] {
            if leftover.symlink_metadata().is_ok() {
                fs::remove_dir_all(leftover)?;
            }
        }
        fs::create_dir_all(&staging)?;
        Ok(Staging {
            output: output.to_path_buf(),
            staging,
            old,
            _lock: lock,
            committed: false,
        })
    }

    /// The folder to write into.
    pub fn path(&self) -> &Path {
        &self.staging
    }

    /// Puts the staged build in place of the output folder and deletes the old one.
    pub fn commit(mut self) -> Result<(), Error> {
        if let Ok(meta) = self.output.symlink_metadata() {
            if !meta.is_dir() {
                return Err(Error::OutputRefused {
                    path: self.output.clone(),
                    reason: OutputRefusal::NotAFolder,
                });
            }
            if exchange(&self.staging, &self.output).is_err() {
                // No atomic exchange here: move the old build aside, then the new one in.
                fs::rename(&self.output, &self.old)?;
                fs::rename(&self.staging, &self.output)?;
                fs::rename(&self.old, &self.staging)?;
            }
            // `staging` now holds the previous build.
            fs::remove_dir_all(&self.staging)?;
        } else {
            fs::rename(&self.staging, &self.output)?;
        }
        self.committed = true;
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.staging);
        }
    }
}

#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(std::io::Error::from)
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<()> {
    Err(std::io::Error::from(std::io::ErrorKind::Unsupported))
}

/// Refuses an output folder that would overwrite the site: the site root itself,
/// anything inside `content/` (or `templates/`, `components/`, `themes/`), a folder that
/// contains the site root, or an existing file or symlink. Symlinks in the
/// parent path are resolved first.
pub fn check_output_dir(root: &Path, output: &Path) -> Result<(), Error> {
    let refuse = |reason| {
        Err(Error::OutputRefused {
            path: output.to_path_buf(),
            reason,
        })
    };
    // A file or a symlink where the folder should be: replacing it would destroy
    // something that is not a previous build.
    if output
        .symlink_metadata()
        .is_ok_and(|m| !m.file_type().is_dir())
    {
        return refuse(OutputRefusal::NotAFolder);
    }
    let root = absolute(root);
    let out = absolute(output);
    if out == root {
        return refuse(OutputRefusal::IsSiteRoot);
    }
    if root.starts_with(&out) {
        return refuse(OutputRefusal::ContainsSite);
    }
    // The site's sources: a build must never replace or delete them.
    for folder in ["content", "templates", "components", "themes"] {
        if out.starts_with(root.join(folder)) {
            return refuse(OutputRefusal::InsideSources { folder });
        }
    }
    Ok(())
}

/// An absolute, normalised path; symlinks resolved for the part that exists.
fn absolute(path: &Path) -> PathBuf {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    // Resolve the longest existing prefix, then append the rest lexically.
    let mut existing = abs.clone();
    let mut rest = Vec::new();
    loop {
        if let Ok(real) = existing.canonicalize() {
            let mut out = real;
            for part in rest.iter().rev() {
                out.push(part);
            }
            return normalise(&out);
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent.to_path_buf();
            }
            _ => return normalise(&abs),
        }
    }
}

fn normalise(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

//! Stage 5, write: where rendered files go.
//!
//! Renderers hand each finished file to an [`Output`] as soon as it is made (one
//! parallel pass per page: render → minify → write), so a 100,000-record build
//! never holds all its pages in memory. `build` writes into a [`Staging`] folder
//! that replaces the output folder only when everything succeeded; `serve` keeps
//! files in a [`MemoryOutput`]; `check` renders into memory and discards.

mod staging;

pub use staging::{Staging, check_output_dir};

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::error::Error;
use crate::fs;

/// A sink for output files, addressed by site-relative `/`-separated paths
/// (`proposals/2019/0003/index.html`). Implementations are shared across threads.
pub trait Output: Sync {
    /// Stores one file.
    fn put(&self, path: &str, bytes: &[u8]) -> Result<(), Error>;

    /// Stores a copy of a file from disk (attachments, theme images).
    fn copy(&self, path: &str, from: &Path) -> Result<(), Error> {
        let bytes = fs::read(from)?;
        self.put(path, &bytes)
    }

    /// Stores one file that `write` writes piece by piece: the open data
    /// files, hundreds of megabytes on a large site, which a folder output
    /// never holds whole in memory.
    fn put_streamed(&self, path: &str, write: Streamed<'_>) -> Result<(), Error> {
        let mut bytes = Vec::new();
        write(&mut bytes).map_err(|e| Error::io(Path::new(path), e))?;
        self.put(path, &bytes)
    }
}

/// Writes a file's bytes into what it is given (see [`Output::put_streamed`]).
pub type Streamed<'a> = &'a mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()>;

/// Writes files under a folder, creating parent folders as needed.
pub struct DirOutput {
    root: PathBuf,
}

impl DirOutput {
    pub fn new(root: impl Into<PathBuf>) -> DirOutput {
        DirOutput { root: root.into() }
    }

    fn target(&self, path: &str) -> PathBuf {
        debug_assert!(
            !path.starts_with('/') && !path.split('/').any(|p| p == ".."),
            "unsafe output path {path}"
        );
        self.root.join(path)
    }
}

impl Output for DirOutput {
    fn put(&self, path: &str, bytes: &[u8]) -> Result<(), Error> {
        let target = self.target(path);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::write(&target, bytes)
    }

    fn copy(&self, path: &str, from: &Path) -> Result<(), Error> {
        let target = self.target(path);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::copy(from, &target)
    }

    fn put_streamed(&self, path: &str, write: Streamed<'_>) -> Result<(), Error> {
        use std::io::Write as _;
        let target = self.target(path);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent)?;
        }
        let file = std::fs::File::create(&target).map_err(|e| Error::io(&target, e))?;
        let mut out = std::io::BufWriter::with_capacity(1 << 16, file);
        write(&mut out)
            .and_then(|()| out.flush())
            .map_err(|e| Error::io(&target, e))
    }
}

/// Keeps files in memory, sorted by path (for `serve` and `check`).
#[derive(Default)]
pub struct MemoryOutput {
    files: Mutex<BTreeMap<String, Vec<u8>>>,
}

impl MemoryOutput {
    pub fn new() -> MemoryOutput {
        MemoryOutput::default()
    }

    /// Takes the files out.
    pub fn into_files(self) -> BTreeMap<String, Vec<u8>> {
        self.files.into_inner().unwrap_or_else(|e| e.into_inner())
    }
}

impl Output for MemoryOutput {
    fn put(&self, path: &str, bytes: &[u8]) -> Result<(), Error> {
        let mut files = self.files.lock().unwrap_or_else(|e| e.into_inner());
        files.insert(path.to_string(), bytes.to_vec());
        Ok(())
    }
}

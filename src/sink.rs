//! Where producers put the files they make.
//!
//! The pages, the search index and the data files are each handed a [`Sink`]
//! and put every finished file into it as soon as it is made (one parallel
//! pass per page: render → minify → put), so a 100,000-record build never
//! holds all its pages in memory. Which sink — a staging folder for `build`,
//! memory for `serve` and `check` — is chosen by the output stage
//! (`output/`); a producer never knows.

use std::path::Path;

use crate::error::Error;
use crate::fs;

/// A sink for output files, addressed by site-relative `/`-separated paths
/// (`proposals/2019/0003/index.html`). Implementations are shared across threads.
pub trait Sink: Sync {
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

    /// Stores two files that `write` writes side by side: the open data's
    /// JSON and CSV, which both need every record's text, so each text is
    /// read back once for the two. An error that neither file's writing
    /// caused (a text that could not be read back) is the first file's.
    fn put_streamed_pair(&self, paths: [&str; 2], write: StreamedPair<'_>) -> Result<(), Error> {
        let (mut first, mut second) = (Vec::new(), Vec::new());
        write(&mut first, &mut second).map_err(|e| Error::io(Path::new(paths[0]), e))?;
        self.put(paths[0], &first)?;
        self.put(paths[1], &second)
    }
}

/// Writes a file's bytes into what it is given (see [`Sink::put_streamed`]).
pub type Streamed<'a> = &'a mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()>;

/// Writes two files' bytes into what it is given (see [`Sink::put_streamed_pair`]).
pub type StreamedPair<'a> =
    &'a mut dyn FnMut(&mut dyn std::io::Write, &mut dyn std::io::Write) -> std::io::Result<()>;

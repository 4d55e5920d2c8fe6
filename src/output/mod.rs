//! Stage 5, output: the composition root — every file of the site, each from
//! the producer that makes it, put into one [`Sink`].
//!
//! The producers are siblings that each read the model and know nothing of
//! one another: the renderer makes the pages and the theme's static files
//! ([`crate::render`]), the search producer the index ([`crate::search`]), the
//! data producer the open data, feed, sitemaps and robots.txt
//! ([`crate::data`]). This stage lists every file of the site with the
//! producer that makes it ([`SiteFiles`]), hands the renderer what it needs
//! from search (the plan the search page embeds) and the sitemap what it needs
//! from the renderer (the page list), and copies the records' attachments.
//!
//! Where the files go is the caller's choice: `build` writes the list into a
//! [`Staging`] folder that replaces the output folder only when everything
//! succeeded; `serve` looks each requested path up in the list and makes that
//! file alone; `check` writes the list into a [`MemorySink`] and scans it.

mod files;
mod staging;

pub use files::{Entry, Found, Group, GroupWritten, Producer, SiteFiles, Written};
pub use staging::{Staging, check_output_dir};

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::error::Error;
use crate::fs;
use crate::model::Site;
use crate::render::{RenderOptions, Theme};
use crate::sink::{Sink, Streamed, StreamedPair};

/// Writes every file of `site` into `sink`: the list of its files
/// ([`SiteFiles`]), each made by its producer.
pub fn write_site(
    site: &Site,
    theme: &Theme,
    options: &RenderOptions,
    sink: &dyn Sink,
) -> Result<Written, Error> {
    SiteFiles::new(site, theme).write(site, theme, options, sink)
}

/// Writes files under a folder, creating parent folders as needed.
pub struct DirSink {
    root: PathBuf,
}

impl DirSink {
    pub fn new(root: impl Into<PathBuf>) -> DirSink {
        DirSink { root: root.into() }
    }

    fn target(&self, path: &str) -> PathBuf {
        debug_assert!(
            !path.starts_with('/') && !path.split('/').any(|p| p == ".."),
            "unsafe output path {path}"
        );
        self.root.join(path)
    }
}

impl Sink for DirSink {
    fn put(&self, path: &str, bytes: &[u8]) -> Result<(), Error> {
        let target = self.target(path);
        in_folder(&target, |t| std::fs::write(t, bytes))
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
        let (target, mut out) = self.create(path)?;
        write(&mut out)
            .and_then(|()| out.flush())
            .map_err(|e| Error::io(&target, e))
    }

    fn put_streamed_pair(&self, paths: [&str; 2], write: StreamedPair<'_>) -> Result<(), Error> {
        use std::io::Write as _;
        let (first_path, first) = self.create(paths[0])?;
        let (second_path, second) = self.create(paths[1])?;
        let mut first = Tagged::new(first);
        let mut second = Tagged::new(second);
        let written = write(&mut first, &mut second);
        // The error is the file whose writing failed; else (a text not read
        // back) the first's.
        let failed = if !first.failed && second.failed {
            &second_path
        } else {
            &first_path
        };
        written.map_err(|e| Error::io(failed, e))?;
        first.inner.flush().map_err(|e| Error::io(&first_path, e))?;
        second.inner.flush().map_err(|e| Error::io(&second_path, e))
    }
}

impl DirSink {
    /// Creates the file at `path` (and its folders) for writing piece by
    /// piece: its full name, and a buffered writer to it.
    fn create(&self, path: &str) -> Result<(PathBuf, std::io::BufWriter<std::fs::File>), Error> {
        let target = self.target(path);
        let file = in_folder(&target, |t| std::fs::File::create(t))?;
        Ok((target, std::io::BufWriter::with_capacity(1 << 16, file)))
    }
}

/// `make(target)`, its folder made first where it is missing.
///
/// A page is the one file of its own folder (`proposals/2019/0003/index.html`),
/// so that folder is made before it. Other files share a folder with others
/// (`search/r/*.bin`: one a record), so they are made at once, and the folder
/// only if that failed for want of it: making a folder that exists is a failed
/// `mkdir` and a `stat`, two system calls for each of 14,000 search files of
/// 10,000 `long-text` records.
fn in_folder<T>(target: &Path, make: impl Fn(&Path) -> std::io::Result<T>) -> Result<T, Error> {
    let parent = target.parent().filter(|p| !p.as_os_str().is_empty());
    let own_folder = target.file_name() == Some("index.html".as_ref());
    if !own_folder || parent.is_none() {
        match make(target) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && parent.is_some() => {}
            made => return made.map_err(|e| Error::io(target, e)),
        }
    }
    if let Some(parent) = parent {
        fs::create_dir_all(parent)?;
    }
    make(target).map_err(|e| Error::io(target, e))
}

/// A writer that remembers whether a write to it failed.
struct Tagged<W> {
    inner: W,
    failed: bool,
}

impl<W> Tagged<W> {
    fn new(inner: W) -> Tagged<W> {
        Tagged {
            inner,
            failed: false,
        }
    }
}

impl<W: std::io::Write> std::io::Write for Tagged<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let written = self.inner.write(buf);
        self.failed |= written.is_err();
        written
    }

    fn flush(&mut self) -> std::io::Result<()> {
        let flushed = self.inner.flush();
        self.failed |= flushed.is_err();
        flushed
    }
}

/// Keeps files in memory, sorted by path (for `serve` and `check`).
#[derive(Default)]
pub struct MemorySink {
    files: Mutex<BTreeMap<String, Vec<u8>>>,
}

impl MemorySink {
    pub fn new() -> MemorySink {
        MemorySink::default()
    }

    /// Takes the files out.
    pub fn into_files(self) -> BTreeMap<String, Vec<u8>> {
        self.files.into_inner().unwrap_or_else(|e| e.into_inner())
    }
}

impl Sink for MemorySink {
    fn put(&self, path: &str, bytes: &[u8]) -> Result<(), Error> {
        let mut files = self.files.lock().unwrap_or_else(|e| e.into_inner());
        files.insert(path.to_string(), bytes.to_vec());
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Files land in folders made as needed, whether the folder is a page's
    /// own, shared with files already there, or missing several levels deep;
    /// a folder that cannot be made is the error.
    #[test]
    fn files_are_put_into_folders_made_as_needed() {
        let dir = tempfile::tempdir().unwrap();
        let sink = DirSink::new(dir.path());
        let files = [
            "index.html",
            "robots.txt",
            "proposals/2019/0003/index.html",
            "search/r/0.bin",
            "search/r/1.bin",
            "a/b/c/d.bin",
        ];
        for path in files {
            sink.put(path, path.as_bytes()).unwrap();
        }
        for path in files {
            assert_eq!(
                std::fs::read(dir.path().join(path)).unwrap(),
                path.as_bytes()
            );
        }
        std::fs::write(dir.path().join("taken"), "a file").unwrap();
        for path in ["taken/x.bin", "taken/y/index.html"] {
            assert!(
                matches!(sink.put(path, b"x"), Err(Error::Io { .. })),
                "{path}"
            );
        }
    }

    /// Both files are written; a failed write is reported at the file it
    /// failed on (here a name linked to `/dev/full`, which takes nothing).
    #[test]
    fn a_pair_of_streamed_files_names_the_one_that_failed() {
        let dir = tempfile::tempdir().unwrap();
        let sink = DirSink::new(dir.path());
        let big = vec![b'x'; 1 << 18];
        let mut write = |a: &mut dyn std::io::Write, b: &mut dyn std::io::Write| {
            a.write_all(b"first")?;
            b.write_all(&big)?;
            a.write_all(&big)
        };
        sink.put_streamed_pair(["d/a.json", "d/b.csv"], &mut write)
            .unwrap();
        assert_eq!(std::fs::read(dir.path().join("d/b.csv")).unwrap(), big);
        assert_eq!(
            std::fs::read(dir.path().join("d/a.json")).unwrap().len(),
            5 + big.len()
        );
        for (full, other) in [("b.csv", "a.json"), ("a.json", "b.csv")] {
            let dir = tempfile::tempdir().unwrap();
            std::os::unix::fs::symlink("/dev/full", dir.path().join(full)).unwrap();
            let sink = DirSink::new(dir.path());
            let Err(Error::Io { path, .. }) =
                sink.put_streamed_pair(["a.json", "b.csv"], &mut write)
            else {
                panic!("{full}: no error");
            };
            assert_eq!(path, dir.path().join(full), "not {other}");
        }
    }
}

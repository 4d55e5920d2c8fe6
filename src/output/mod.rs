//! Stage 5, output: the composition root — every file of the site, each from
//! the producer that makes it, put into one [`Sink`].
//!
//! The producers are siblings that each read the model and know nothing of
//! one another: the renderer makes the pages and the theme's static files
//! ([`crate::render`]), the search producer the index ([`crate::search`]), the
//! data producer the open data, feed, sitemaps and robots.txt
//! ([`crate::data`]). This stage calls them in turn ([`write_site`]), hands the
//! renderer what it needs from search (the plan the search page embeds) and
//! the sitemap what it needs from the renderer (the page list), and copies the
//! records' attachments.
//!
//! Where the files go is the caller's choice: `build` writes into a
//! [`Staging`] folder that replaces the output folder only when everything
//! succeeded; `serve` keeps files in a [`MemorySink`]; `check` renders into
//! memory and scans.

mod staging;

pub use staging::{Staging, check_output_dir};

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::error::Error;
use crate::fs;
use crate::model::Site;
use crate::render::{RenderOptions, Renderer, Theme, pages};
use crate::sink::{Sink, Streamed};

/// What a build wrote, for its summary line.
#[derive(Clone, Copy, Debug, Default)]
pub struct Written {
    /// HTML pages.
    pub pages: usize,
    /// Every file, pages included.
    pub files: usize,
}

/// Writes every file of `site` into `sink`: pages and theme files, the search
/// index, the data files, the attachments.
pub fn write_site(
    site: &Site,
    theme: &Theme,
    options: &RenderOptions,
    sink: &dyn Sink,
) -> Result<Written, Error> {
    let meta = || search_meta(site, theme, options.portable);
    let renderer = Renderer::new(site, theme, options.clone(), &meta)?;
    let rendered = renderer.render_all(sink)?;
    let mut files = rendered.files;
    files += write_generated(site, theme, options.portable, sink)?;
    files += copy_attachments(site, sink)?;
    Ok(Written {
        pages: rendered.pages,
        files,
    })
}

/// The files made from the whole model at once rather than page by page: the
/// search index and the data files (open data, feed, sitemaps, robots.txt).
/// Returns how many. `serve` makes these together on first need.
pub fn write_generated(
    site: &Site,
    theme: &Theme,
    portable: bool,
    sink: &dyn Sink,
) -> Result<usize, Error> {
    let mut files = crate::search::write_index(site, portable, sink)?.files;
    // The sitemap's pages: every page but the 404 page, which is no address
    // of its own (its path is the home page's).
    let pages: Vec<String> = pages::all(site)
        .iter()
        .filter(|p| !matches!(p, pages::Page::NotFound))
        .map(|p| p.path(site))
        .collect();
    files += crate::data::write_all(site, &theme.labels, &pages, sink)?;
    Ok(files)
}

/// The search page's embedded plan and facet names, worded with the theme's
/// labels (a missing label shows as its key, as on the pages).
pub fn search_meta(site: &Site, theme: &Theme, portable: bool) -> String {
    let plan = crate::search::Plan::new(site, portable);
    let label = |facet: &str, value: &str| {
        let key = format!("{facet}.{value}");
        theme.labels.get(&key).cloned().unwrap_or(key)
    };
    crate::search::meta_json(site, &plan, &label)
}

/// Copies each published record's attachments to their site paths.
fn copy_attachments(site: &Site, sink: &dyn Sink) -> Result<usize, Error> {
    let mut files = 0;
    for r in &site.records {
        for a in r.reply.iter().flat_map(|reply| &reply.attachments) {
            sink.copy(&a.path, &a.source)?;
            files += 1;
        }
    }
    Ok(files)
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

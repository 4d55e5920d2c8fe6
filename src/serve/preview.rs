//! The site `serve` shows: the model of the last build, each file made when it
//! is first asked for.
//!
//! A rebuild after an edit re-reads the changed files and builds the model again
//! (load, validate, model), then publishes a new [`Preview`]; nothing is rendered
//! until a browser asks. A page is rendered by the same code and with the same
//! options as in a full build (`Page::render`), so every file the preview serves
//! equals the one a full build with those options writes, byte for byte, without
//! anyone having to know which pages an edit touched. Rendering the 10,000 other
//! pages of a large site, or the open data files (tens of megabytes at 10,000
//! records), is what made rebuilds take seconds; now a reload renders the one
//! page it shows. The data files, search index and sitemaps are made together, once per
//! preview, on the first request for a path that is not a page, theme file or
//! attachment.
//!
//! Templates are compiled once per preview (a syntax error fails the rebuild);
//! an error while rendering one page (a template reading a field that does not
//! exist) is that request's error.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};

use axum::body::Bytes;

use crate::error::Error;
use crate::output::{self, MemorySink};
use crate::pipeline::Model;
use crate::render::{Page, RenderOptions, Renderer, pages};

/// One build's site, rendered on demand (see the module doc).
pub struct Preview {
    model: Model,
    options: RenderOptions,
    /// The theme's templates, compiled.
    tera: tera::Tera,
    /// Output file → page.
    pages: HashMap<String, Page>,
    /// Output file → index into `model.theme.statics`.
    statics: HashMap<String, usize>,
    /// Output file → the attachment on disk.
    attachments: HashMap<String, PathBuf>,
    /// Pages rendered so far.
    rendered: Mutex<HashMap<String, Bytes>>,
    /// Open data, search index, feed, sitemaps and robots.txt, made on first
    /// need — or why they could not be made (kept: every request for one of
    /// them gets the same error page, and the next edit makes a new preview).
    outputs: OnceLock<Result<HashMap<String, Bytes>, Arc<Error>>>,
}

impl Preview {
    /// Indexes the files of `model`'s site; compiles the templates.
    pub fn new(model: Model, options: RenderOptions) -> Result<Preview, Error> {
        let tera = crate::render::templates(&model.theme)?;
        let site = &model.site;
        let pages = pages::all(site)
            .into_iter()
            .map(|p| (p.file(site), p))
            .collect();
        let statics = model
            .theme
            .statics
            .iter()
            .enumerate()
            .map(|(i, f)| (model.theme.assets[&f.name].clone(), i))
            .collect();
        let attachments = site
            .records
            .iter()
            .flat_map(|r| r.reply.iter().flat_map(|reply| &reply.attachments))
            .map(|a| (a.path.clone(), a.source.clone()))
            .collect();
        Ok(Preview {
            model,
            options,
            tera,
            pages,
            statics,
            attachments,
            rendered: Mutex::new(HashMap::new()),
            outputs: OnceLock::new(),
        })
    }

    pub fn model(&self) -> &Model {
        &self.model
    }

    /// How many pages the site has.
    pub fn page_count(&self) -> usize {
        self.pages.len()
    }

    /// The file at a site-relative path, made now if it was not yet; `None`
    /// when the site has no such file.
    pub fn get(&self, path: &str) -> Option<Result<Bytes, Arc<Error>>> {
        if let Some(page) = self.pages.get(path) {
            return Some(self.page(path, page).map_err(Arc::new));
        }
        if let Some(&i) = self.statics.get(path) {
            return Some(Ok(Bytes::from(self.model.theme.statics[i].bytes.clone())));
        }
        if let Some(source) = self.attachments.get(path) {
            return Some(crate::fs::read(source).map(Bytes::from).map_err(Arc::new));
        }
        if !may_be_output(path) {
            return None;
        }
        match self.outputs() {
            Ok(files) => files.get(path).cloned().map(Ok),
            Err(e) => Some(Err(e)),
        }
    }

    /// Whether the site has a file at `path` (without making it, unless it may
    /// be one of the outputs made together).
    pub fn contains(&self, path: &str) -> bool {
        self.pages.contains_key(path)
            || self.statics.contains_key(path)
            || self.attachments.contains_key(path)
            || (may_be_output(path) && self.outputs().is_ok_and(|f| f.contains_key(path)))
    }

    /// Every file of the site, made now: what a full build with the same
    /// options writes (for the manifest and the tests).
    pub fn files(&self) -> Result<BTreeMap<String, Bytes>, Arc<Error>> {
        let mut paths: Vec<&String> = self
            .pages
            .keys()
            .chain(self.statics.keys())
            .chain(self.attachments.keys())
            .collect();
        paths.extend(self.outputs()?.keys());
        paths.sort();
        paths.dedup();
        paths
            .into_iter()
            .filter_map(|p| Some(self.get(p)?.map(|bytes| (p.clone(), bytes))))
            .collect()
    }

    fn page(&self, path: &str, page: &Page) -> Result<Bytes, Error> {
        if let Some(bytes) = self.lock().get(path) {
            return Ok(bytes.clone());
        }
        let (site, theme) = (&self.model.site, &self.model.theme);
        let meta = || output::search_meta(site, theme, self.options.portable);
        let renderer =
            Renderer::with_templates(site, theme, self.options.clone(), self.tera.clone(), &meta);
        let (_, bytes) = page.render(&renderer)?;
        let bytes = Bytes::from(bytes);
        self.lock().insert(path.to_string(), bytes.clone());
        Ok(bytes)
    }

    fn outputs(&self) -> Result<&HashMap<String, Bytes>, Arc<Error>> {
        let made = self.outputs.get_or_init(|| {
            let out = MemorySink::new();
            // Storing into memory does not fail, but making the files can (a
            // producer's error is the request's error, never dropped).
            output::write_generated(
                &self.model.site,
                &self.model.theme,
                self.options.portable,
                &out,
            )
            .map_err(Arc::new)?;
            Ok(out
                .into_files()
                .into_iter()
                .map(|(p, b)| (p, Bytes::from(b)))
                .collect())
        });
        made.as_ref().map_err(Arc::clone)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Bytes>> {
        self.rendered.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Whether `path` may be one of the files made together on first need (open
/// data, search index, feed, sitemaps, robots.txt). Anything else the site
/// lacks — a browser's `/favicon.ico`, a mistyped address — is answered
/// without making them: at 10,000 records that takes seconds.
/// (`tests/integration/incremental.rs` would find an output this leaves out: the preview's
/// files would then differ from a full build's.)
pub fn may_be_output(path: &str) -> bool {
    path.starts_with("data/")
        || path.starts_with("search/")
        || path.starts_with("sitemap")
        || path == crate::data::feed::PATH
        || path == crate::data::robots::PATH
}

#[cfg(test)]
mod tests {
    use super::may_be_output;

    #[test]
    fn only_output_paths_make_the_outputs() {
        for path in [
            "data/proposals.json",
            "search/i/3.bin",
            "sitemap.xml",
            "sitemap-2.xml",
            "atom.xml",
            "robots.txt",
        ] {
            assert!(may_be_output(path), "{path}");
        }
        for path in [
            "favicon.ico",
            "proposals/2019/0001/x.pdf",
            "apple-touch-icon.png",
        ] {
            assert!(!may_be_output(path), "{path}");
        }
    }
}

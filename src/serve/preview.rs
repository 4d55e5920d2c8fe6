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
//! page it shows. Which file a path is, and what makes it, the preview looks up
//! in the same list of the site's files a build writes ([`SiteFiles`]). The
//! files made together — the search index; the data files, feed and sitemaps —
//! are made once per preview, each group on the first request for a name it
//! claims.
//!
//! Templates are compiled once per preview (a syntax error fails the rebuild);
//! an error while rendering one page (a template reading a field that does not
//! exist) is that request's error.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex, OnceLock};

use axum::body::Bytes;

use crate::error::Error;
use crate::output::{Found, Group, MemorySink, Producer, SiteFiles};
use crate::pipeline::Model;
use crate::render::{Page, RenderOptions, Renderer};

/// A group's files, made — or why they could not be made.
type Made = Result<GroupFiles, Arc<Error>>;

/// A group's files, and for the search index the plan the search page carries.
struct GroupFiles {
    files: HashMap<String, Bytes>,
    plan: Option<crate::search::Plan>,
}

/// One build's site, rendered on demand (see the module doc).
pub struct Preview {
    model: Model,
    options: RenderOptions,
    /// The theme's templates, compiled.
    tera: tera::Tera,
    /// Every file of the site, with its producer: the list a build writes.
    files: SiteFiles,
    /// Pages rendered so far.
    rendered: Mutex<HashMap<String, Bytes>>,
    /// Each group's files (search index; open data, feed, sitemaps and
    /// robots.txt), made on first need — or why they could not be made (kept:
    /// every request for one of them gets the same error page, and the next
    /// edit makes a new preview). By [`Group::index`].
    groups: [OnceLock<Made>; Group::ALL.len()],
}

impl Preview {
    /// Lists the files of `model`'s site; compiles the templates.
    pub fn new(model: Model, options: RenderOptions) -> Result<Preview, Error> {
        let tera = crate::render::templates(&model.theme)?;
        let files = SiteFiles::new(&model.site, &model.theme);
        Ok(Preview {
            model,
            options,
            tera,
            files,
            rendered: Mutex::new(HashMap::new()),
            groups: Default::default(),
        })
    }

    pub fn model(&self) -> &Model {
        &self.model
    }

    /// How many pages the site has.
    pub fn page_count(&self) -> usize {
        self.files.page_count()
    }

    /// The file at a site-relative path, made now if it was not yet; `None`
    /// when the site has no such file.
    pub fn get(&self, path: &str) -> Option<Result<Bytes, Arc<Error>>> {
        match self.files.find(path)? {
            Found::Entry(entry) => Some(match &entry.producer {
                Producer::Page(page) => self.page(path, page).map_err(Arc::new),
                Producer::Static(i) => Ok(Bytes::from(self.model.theme.statics[*i].bytes.clone())),
                Producer::Attachment(source) => {
                    crate::fs::read(source).map(Bytes::from).map_err(Arc::new)
                }
            }),
            Found::Group(group) => match self.group(group) {
                Ok(made) => made.files.get(path).cloned().map(Ok),
                Err(e) => Some(Err(e)),
            },
        }
    }

    /// Whether the site has a file at `path` (without making it, unless it is
    /// a name a group claims: then the group is made).
    pub fn contains(&self, path: &str) -> bool {
        match self.files.find(path) {
            Some(Found::Entry(_)) => true,
            Some(Found::Group(group)) => {
                self.group(group).is_ok_and(|g| g.files.contains_key(path))
            }
            None => false,
        }
    }

    /// Every file of the site, made now: what a full build with the same
    /// options writes (for the manifest and the tests).
    pub fn files(&self) -> Result<BTreeMap<String, Bytes>, Arc<Error>> {
        let mut paths: Vec<&String> = self.files.entries().iter().map(|e| &e.path).collect();
        for &group in self.files.groups() {
            paths.extend(self.group(group)?.files.keys());
        }
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
        // The search page carries the plan its index was made with, so it
        // waits for the index (which it needs to be of any use anyway); if
        // that failed, its files show the error and the page the estimate.
        let meta = || {
            let embed = self.files.embed(site, theme, self.options.portable);
            let plan = self.group(Group::Search).ok().and_then(|g| g.plan);
            embed.json(plan.as_ref())
        };
        let renderer =
            Renderer::with_templates(site, theme, self.options.clone(), self.tera.clone(), &meta);
        let (_, bytes) = page.render(&renderer)?;
        let bytes = Bytes::from(bytes);
        self.lock().insert(path.to_string(), bytes.clone());
        Ok(bytes)
    }

    /// The files of `group`, made on the first call.
    fn group(&self, group: Group) -> Result<&GroupFiles, Arc<Error>> {
        let made = self.groups[group.index()].get_or_init(|| {
            let out = MemorySink::new();
            // Storing into memory does not fail, but making the files can (a
            // producer's error is the request's error, never dropped).
            let written = self
                .files
                .write_group(
                    group,
                    &self.model.site,
                    &self.model.theme,
                    self.options.portable,
                    &out,
                )
                .map_err(Arc::new)?;
            let files = out.into_files().into_iter();
            Ok(GroupFiles {
                files: files.map(|(p, b)| (p, Bytes::from(b))).collect(),
                plan: written.plan,
            })
        });
        made.as_ref().map_err(Arc::clone)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Bytes>> {
        self.rendered.lock().unwrap_or_else(|e| e.into_inner())
    }
}

//! The site's pages: which exist, where each is written, which template draws it
//! and what its context holds. The URL table of docs/pages.md is the contract.
//!
//! A column with nothing in it (空白栏目) is never generated, and so never
//! linked: [`all`] lists only pages with content, and the navigation, breadcrumbs
//! and site map link only to pages in that list. Each page kind builds its
//! context in its own file under `pages/`.

mod home;
mod records;
mod search;
mod sessions;
mod site;
mod terms;

use serde::Serialize;

use super::Renderer;
use super::url::{page_file, root_prefix};
use super::views::{Crumb, Viewer};
use crate::error::Error;
use crate::model::{Session, Site, TaxonomyKind};

/// Records per list page.
pub const PAGE_SIZE: usize = 50;

/// One page of the site.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Page {
    Home,
    /// `/proposals/` and `/proposals/page/N/` (N from 2): 0-based page index.
    RecordList(usize),
    /// `/proposals/<id>/`: index into `Site::records`.
    Record(usize),
    /// `/sessions/`.
    Sessions,
    /// `/sessions/<id>/`: index into `Site::sessions`.
    Session(usize),
    /// `/topics/` and the other term lists.
    Terms(TaxonomyKind),
    /// `/topics/<slug>/`, `/topics/<slug>/page/N/`: term index and 0-based page index.
    Term(TaxonomyKind, usize, usize),
    /// `/sitemap/`: the HTML site map (网站地图).
    Sitemap,
    /// `/search/`: the search page (the index itself is written by the search
    /// producer, beside the pages).
    Search,
    /// `/404.html`.
    NotFound,
}

/// Every page of the site, in a fixed order.
pub fn all(site: &Site) -> Vec<Page> {
    let mut pages = vec![Page::Home];
    let lists = site.records.len().div_ceil(PAGE_SIZE);
    pages.extend((0..lists).map(Page::RecordList));
    pages.extend((0..site.records.len()).map(Page::Record));
    if site.sessions.iter().any(has_page) {
        pages.push(Page::Sessions);
    }
    for (i, s) in site.sessions.iter().enumerate() {
        if has_page(s) {
            pages.push(Page::Session(i));
        }
    }
    for kind in TaxonomyKind::ALL {
        let terms = &site.taxonomy(kind).terms;
        if terms.is_empty() {
            continue;
        }
        pages.push(Page::Terms(kind));
        for (t, term) in terms.iter().enumerate() {
            let n = term.entries.len().div_ceil(PAGE_SIZE);
            pages.extend((0..n).map(|p| Page::Term(kind, t, p)));
        }
    }
    pages.push(Page::Sitemap);
    pages.push(Page::Search);
    pages.push(Page::NotFound);
    pages
}

/// A session gets a page when it has something to show: report prose,
/// declared figures or published records.
pub fn has_page(s: &Session) -> bool {
    !s.records.is_empty()
        || !s.declared.is_empty()
        || [&s.overview, &s.methods, &s.shortcomings, &s.next_steps]
            .iter()
            .any(|t| t.as_deref().is_some_and(|t| !t.trim().is_empty()))
}

/// The sections (columns) the site has, for the navigation: home, the record
/// list, the session reports and the taxonomies that have terms.
pub fn sections(site: &Site) -> Vec<&'static str> {
    let mut out = vec!["home"];
    if !site.records.is_empty() {
        out.push("proposals");
    }
    if site.sessions.iter().any(has_page) {
        out.push("sessions");
    }
    for kind in TaxonomyKind::ALL {
        if !site.taxonomy(kind).terms.is_empty() {
            out.push(kind.folder());
        }
    }
    out
}

/// The site-relative folder of a paginated list: `proposals/`, `proposals/page/2/`.
pub fn list_path(base: &str, index: usize) -> String {
    if index == 0 {
        base.to_string()
    } else {
        format!("{base}page/{}/", index + 1)
    }
}

/// The metadata every page carries: `<title>`, the government meta tags, the
/// canonical link, Open Graph, breadcrumbs and which nav section is current.
#[derive(Clone, Debug, Default, Serialize)]
pub struct PageMeta {
    /// The `h1` and the first part of `<title>`.
    pub title: String,
    /// ColumnName: the column (栏目) the page belongs to.
    pub column: String,
    pub description: String,
    /// Site-relative folder (empty for the home page).
    pub path: String,
    /// The absolute canonical address; none for the 404 page.
    pub url: Option<String>,
    /// From this page back to the site root: `../../`, or base_url's path on the 404 page.
    pub root: String,
    /// The nav section this page belongs to (`proposals`, `topics`, …).
    pub section: &'static str,
    /// The page type, for a `body` class and tests: `record`, `term`, …
    pub kind: &'static str,
    pub crumbs: Vec<Crumb>,
    /// ArticleTitle, PubDate and ContentSource, on article pages.
    pub article: Option<ArticleMeta>,
}

#[derive(Clone, Debug, Serialize)]
pub struct ArticleMeta {
    pub title: String,
    /// `YYYY-MM-DD`.
    pub pub_date: Option<String>,
    pub source: String,
}

/// What a page builder gets: the viewer and where the page is.
pub struct PageContext<'r> {
    pub v: Viewer<'r>,
    pub site: &'r Site,
    pub path: String,
    pub root: String,
    pub ctx: tera::Context,
}

impl PageContext<'_> {
    /// A meta block for this page, with breadcrumbs from the home page through
    /// `trail` to `title`.
    pub fn meta(
        &self,
        title: String,
        column: String,
        section: &'static str,
        kind: &'static str,
        trail: Vec<Crumb>,
    ) -> PageMeta {
        let mut crumbs = Vec::new();
        if kind != "home" {
            crumbs.push(Crumb {
                title: self.v.label("nav.home"),
                href: Some(self.v.links.href("")),
            });
            crumbs.extend(trail);
            crumbs.push(Crumb {
                title: title.clone(),
                href: None,
            });
        }
        PageMeta {
            description: title.clone(),
            title,
            column,
            path: self.path.clone(),
            url: self
                .site
                .base_url
                .as_ref()
                .map(|base| base.join(&self.path)),
            root: self.root.clone(),
            section,
            kind,
            crumbs,
            article: None,
        }
    }

    /// A breadcrumb linking to a site folder.
    pub fn crumb(&self, title: String, folder: &str) -> Crumb {
        Crumb {
            title,
            href: Some(self.v.links.href(folder)),
        }
    }
}

/// The path part of `base_url` (`/jytabl/`): the 404 page's links start with it,
/// because a server shows that page at any depth. Without `base_url`, `/`:
/// the site is taken to be at the root of its host (docs/content.md).
pub fn base_path(site: &Site) -> &str {
    site.base_url.as_ref().map_or("/", |b| b.path())
}

impl Page {
    /// The site-relative folder of the page.
    pub fn path(&self, site: &Site) -> String {
        match self {
            Page::Home | Page::NotFound => String::new(),
            Page::RecordList(i) => list_path("proposals/", *i),
            Page::Record(i) => site.records[*i].path.clone(),
            Page::Sessions => "sessions/".to_string(),
            Page::Session(i) => site.sessions[*i].path.clone(),
            Page::Terms(kind) => format!("{}/", kind.folder()),
            Page::Term(kind, t, p) => list_path(
                &super::views::term_path(*kind, &site.taxonomy(*kind).terms[*t].slug),
                *p,
            ),
            Page::Sitemap => "sitemap/".to_string(),
            Page::Search => "search/".to_string(),
        }
    }

    /// The output file of the page.
    pub fn file(&self, site: &Site) -> String {
        match self {
            Page::NotFound => "404.html".to_string(),
            _ => page_file(&self.path(site)),
        }
    }

    /// Renders the page: its output file path and bytes.
    pub fn render(&self, r: &Renderer<'_>) -> Result<(String, Vec<u8>), Error> {
        let site = r.site;
        let path = self.path(site);
        let file = self.file(site);
        let root = match self {
            Page::NotFound => base_path(site).to_string(),
            _ => root_prefix(&file),
        };
        let mut pc = PageContext {
            v: r.viewer(),
            site,
            path,
            root,
            ctx: tera::Context::new(),
        };
        let (template, meta) = match self {
            Page::Home => home::build(&mut pc),
            Page::RecordList(i) => records::list(&mut pc, *i),
            Page::Record(i) => records::record(&mut pc, *i)?,
            Page::Sessions => sessions::list(&mut pc),
            Page::Session(i) => sessions::session(&mut pc, *i),
            Page::Terms(kind) => terms::list(&mut pc, *kind),
            Page::Term(kind, t, p) => terms::term(&mut pc, *kind, *t, *p),
            Page::Sitemap => site::sitemap(&mut pc),
            Page::Search => search::page(&mut pc, r.search_meta()),
            Page::NotFound => site::not_found(&mut pc),
        };
        pc.ctx.insert("page", &meta);
        pc.ctx
            .insert("chrome", &*r.chrome(&meta.root, meta.section)?);
        let bytes = r.render_template(template, &pc.ctx)?;
        Ok((file, bytes))
    }
}

#[cfg(test)]
mod tests {
    use super::list_path;

    #[test]
    fn list_paths() {
        assert_eq!(list_path("proposals/", 0), "proposals/");
        assert_eq!(list_path("proposals/", 1), "proposals/page/2/");
        assert_eq!(list_path("topics/x/", 2), "topics/x/page/3/");
    }
}

//! The site's pages: which exist, where each is written, which template draws it
//! and what its context holds. The URL table in DESIGN.md is the contract.

use serde::Serialize;

use super::Renderer;
use super::url::{page_file, root_prefix};
use super::views::RecordCard;
use crate::error::Error;
use crate::model::Site;

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
}

/// Every page of the site, in a fixed order.
pub fn all(site: &Site) -> Vec<Page> {
    let mut pages = vec![Page::Home];
    let lists = site.records.len().div_ceil(PAGE_SIZE);
    pages.extend((0..lists).map(Page::RecordList));
    pages.extend((0..site.records.len()).map(Page::Record));
    pages
}

/// The site-relative folder of a paginated list: `proposals/`, `proposals/page/2/`.
pub fn list_path(base: &str, index: usize) -> String {
    if index == 0 {
        base.to_string()
    } else {
        format!("{base}page/{}/", index + 1)
    }
}

/// The metadata every page carries (title, column, description, canonical path).
#[derive(Serialize)]
struct PageMeta<'a> {
    title: &'a str,
    column: String,
    description: String,
    /// Site-relative path for the canonical link.
    path: &'a str,
    root: String,
}

#[derive(Serialize)]
struct Pager {
    current: usize,
    total: usize,
    prev: Option<String>,
    next: Option<String>,
}

impl Page {
    /// The site-relative folder of the page.
    pub fn path(&self, site: &Site) -> String {
        match self {
            Page::Home => String::new(),
            Page::RecordList(i) => list_path("proposals/", *i),
            Page::Record(i) => site.records[*i].path.clone(),
        }
    }

    /// Renders the page: its output file path and bytes.
    pub fn render(&self, r: &Renderer<'_>) -> Result<(String, Vec<u8>), Error> {
        let site = r.site;
        let path = self.path(site);
        let file = page_file(&path);
        let root = root_prefix(&file);
        let v = r.viewer();
        let mut ctx = tera::Context::new();
        let template = match self {
            Page::Home => {
                let recent: Vec<RecordCard<'_>> =
                    site.records.iter().take(10).map(|x| v.card(x)).collect();
                ctx.insert("records", &recent);
                ctx.insert(
                    "page",
                    &PageMeta {
                        title: &site.config.title,
                        column: v.label("nav.home"),
                        description: site.config.description.clone().unwrap_or_default(),
                        path: &path,
                        root: root.clone(),
                    },
                );
                "index.html"
            }
            Page::RecordList(i) => {
                let cards: Vec<RecordCard<'_>> = site
                    .records
                    .iter()
                    .skip(i * super::pages::PAGE_SIZE)
                    .take(PAGE_SIZE)
                    .map(|x| v.card(x))
                    .collect();
                let total = site.records.len().div_ceil(PAGE_SIZE);
                let pager = Pager {
                    current: i + 1,
                    total,
                    prev: (*i > 0).then(|| v.links.href(&list_path("proposals/", i - 1))),
                    next: (i + 1 < total).then(|| v.links.href(&list_path("proposals/", i + 1))),
                };
                ctx.insert("records", &cards);
                ctx.insert("pager", &pager);
                let title = v.label("nav.proposals");
                ctx.insert(
                    "page",
                    &PageMeta {
                        title: &title,
                        column: title.clone(),
                        description: title.clone(),
                        path: &path,
                        root: root.clone(),
                    },
                );
                "list.html"
            }
            Page::Record(i) => {
                let rec = &site.records[*i];
                let view = v.record(rec);
                ctx.insert("record", &view);
                let description = rec.title.clone();
                ctx.insert(
                    "page",
                    &PageMeta {
                        title: &rec.title,
                        column: v.label("nav.proposals"),
                        description,
                        path: &path,
                        root: root.clone(),
                    },
                );
                "record.html"
            }
        };
        let bytes = r.render_template(template, &ctx)?;
        Ok((file, bytes))
    }
}

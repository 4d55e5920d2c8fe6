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
    /// `/search/`: the search page (the index itself is written by [`crate::search`]).
    Search,
}

/// Every page of the site, in a fixed order.
pub fn all(site: &Site) -> Vec<Page> {
    let mut pages = vec![Page::Home];
    let lists = site.records.len().div_ceil(PAGE_SIZE);
    pages.extend((0..lists).map(Page::RecordList));
    pages.extend((0..site.records.len()).map(Page::Record));
    pages.push(Page::Search);
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

/// A link to an index page, for the search page's no-JavaScript fallback.
#[derive(Serialize)]
struct BrowseLink {
    href: String,
    label: String,
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
            Page::Search => "search/".to_string(),
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
            Page::Search => {
                let plan = crate::search::Plan::new(site, r.options.portable);
                let label = |facet: &str, value: &str| match crate::content::Status::parse(value) {
                    Some(s) if facet == "status" => v.status_label(s),
                    _ => v.label(&format!("{facet}.{value}")),
                };
                ctx.insert(
                    "search_meta",
                    &crate::search::meta_json(site, &plan, &label),
                );
                let action = if r.options.portable {
                    "index.html"
                } else {
                    "./"
                };
                ctx.insert("search_action", action);
                let browse: Vec<BrowseLink> = [
                    ("proposals/", "search.browse_proposals"),
                    ("topics/", "search.browse_topics"),
                    ("units/", "search.browse_units"),
                    ("status/", "search.browse_status"),
                    ("years/", "search.browse_years"),
                ]
                .iter()
                .map(|(href, label)| BrowseLink {
                    href: v.links.href(href),
                    label: v.label(label),
                })
                .collect();
                ctx.insert("browse", &browse);
                let title = v.label("search.title");
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
                "search.html"
            }
        };
        let bytes = r.render_template(template, &ctx)?;
        Ok((file, bytes))
    }
}

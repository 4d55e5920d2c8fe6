//! The search page (`/search/`). The page holds the form, empty result and
//! facet containers, the index plan as JSON (made by the search producer and
//! handed in, [`crate::render::SearchMeta`]) and the client script; the index
//! files themselves are written by the search producer, beside the pages. Without JavaScript the
//! page says so and links to every index page the site has.

use super::{PageContext, PageMeta, sections};
use crate::render::views::{Link, section_path};

pub fn page(pc: &mut PageContext<'_>, search_meta: String) -> (&'static str, PageMeta) {
    let (site, v) = (pc.site, &pc.v);
    pc.ctx.insert("search_meta", &search_meta);
    // The form submits to this page itself.
    pc.ctx.insert("search_action", &v.links.href("search/"));
    let browse: Vec<Link> = sections(site)
        .into_iter()
        .filter(|key| *key != "home")
        .map(|key| Link {
            text: v.label(&format!("nav.{key}")),
            href: v.links.href(&section_path(key)),
        })
        .collect();
    pc.ctx.insert("browse", &browse);
    let title = v.label("search.title");
    let mut meta = pc.meta(title.clone(), title, "search", "search", vec![]);
    meta.description = v.label("search.hint");
    ("search.html", meta)
}

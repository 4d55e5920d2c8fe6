//! The HTML site map (网站地图) and the 404 page.

use serde::Serialize;

use super::{PageContext, PageMeta, has_page, sections};
use crate::model::TaxonomyKind;
use crate::render::views::{Link, TermLink, section_path};

/// One column of the site map, with its sub-pages.
#[derive(Serialize)]
struct MapSection {
    title: String,
    href: String,
    children: Vec<Link>,
}

pub fn sitemap(pc: &mut PageContext<'_>) -> (&'static str, PageMeta) {
    let (site, v) = (pc.site, &pc.v);
    let mut map = Vec::new();
    for key in sections(site) {
        let children: Vec<Link> = match key {
            "sessions" => site
                .sessions
                .iter()
                .filter(|s| has_page(s))
                .map(|s| Link {
                    text: v.session_title(s),
                    href: v.links.href(&s.path),
                })
                .collect(),
            "topics" | "units" | "status" | "years" => {
                let kind = TaxonomyKind::ALL
                    .into_iter()
                    .find(|k| k.folder() == key)
                    .unwrap_or(TaxonomyKind::Topics);
                v.taxonomy(site.taxonomy(kind))
                    .terms
                    .into_iter()
                    .map(|t: TermLink| Link {
                        text: t.name,
                        href: t.href,
                    })
                    .collect()
            }
            _ => vec![],
        };
        let title = match key {
            "topics" | "units" | "status" | "years" => v.label(&format!("terms.{key}")),
            _ => v.label(&format!("nav.{key}")),
        };
        map.push(MapSection {
            title,
            href: v.links.href(&section_path(key)),
            children,
        });
    }
    pc.ctx.insert("map", &map);
    let title = v.label("sitemap.title");
    let mut meta = pc.meta(title.clone(), title, "sitemap", "sitemap", vec![]);
    meta.description = v.label("sitemap.intro");
    ("sitemap.html", meta)
}

pub fn not_found(pc: &mut PageContext<'_>) -> (&'static str, PageMeta) {
    let v = &pc.v;
    let title = v.label("notfound.title");
    let mut meta = pc.meta(title.clone(), title, "", "not-found", vec![]);
    meta.url = None;
    meta.crumbs.clear();
    meta.description = v.label("notfound.body");
    ("404.html", meta)
}

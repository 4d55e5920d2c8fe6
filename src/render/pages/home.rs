//! The home page: the latest session's figures, key proposals, recent replies.

use serde::Serialize;

use super::{PageContext, PageMeta, has_page};
use crate::model::TaxonomyKind;
use crate::render::views::{FigureRow, RecordCard, TermLink};

/// Recent replies shown on the home page.
const RECENT: usize = 10;
/// Key proposals shown on the home page.
const KEY: usize = 10;
/// Terms per taxonomy in the "browse" block.
const BROWSE_TERMS: usize = 8;

/// The latest session, as the home page shows it.
#[derive(Serialize)]
struct Latest {
    title: String,
    href: String,
    headline: Vec<FigureRow>,
    /// `共办理55件，其中7件单独公开办理结果。`, unless the headline says it already.
    published: Option<String>,
}

/// A taxonomy link for the "browse" block.
#[derive(Serialize)]
struct Browse {
    title: String,
    href: String,
    terms: Vec<TermLink>,
}

pub fn build(pc: &mut PageContext<'_>) -> (&'static str, PageMeta) {
    let (site, v) = (pc.site, &pc.v);
    let latest = site.sessions.iter().find(|s| has_page(s));
    if let Some(s) = latest {
        let figures = v.figures(s);
        let only_published = figures.headline.iter().all(|r| r.key == "published");
        pc.ctx.insert(
            "latest",
            &Latest {
                title: v.session_title(s),
                href: v.links.href(&s.path),
                headline: figures.headline,
                published: (!only_published).then_some(figures.published),
            },
        );
        // Key proposals of the latest session; if it has none, of any session.
        let mut key: Vec<RecordCard<'_>> = s
            .records
            .iter()
            .map(|i| &site.records[*i])
            .filter(|r| r.key)
            .take(KEY)
            .map(|r| v.card(r))
            .collect();
        if key.is_empty() {
            key = site
                .records
                .iter()
                .filter(|r| r.key)
                .take(KEY)
                .map(|r| v.card(r))
                .collect();
        }
        pc.ctx.insert("key_records", &key);
    }
    // 最新答复 says these are the latest replies: only records that state a
    // reply and carry a date to be latest by (records are newest first). A
    // record whose reply is stated but undated is not "latest"; it is still in
    // the key list and every other list.
    let recent: Vec<RecordCard<'_>> = site
        .records
        .iter()
        .filter(|r| r.replied.is_some_and(|x| x.is_yes()) && r.published_on.is_some())
        .take(RECENT)
        .map(|r| v.card(r))
        .collect();
    pc.ctx.insert("recent", &recent);
    let browse: Vec<Browse> = TaxonomyKind::ALL
        .iter()
        .map(|k| site.taxonomy(*k))
        .filter(|t| !t.terms.is_empty())
        .map(|t| {
            let mut view = v.taxonomy(t);
            if matches!(t.kind, TaxonomyKind::Topics | TaxonomyKind::Units) {
                // The busiest terms first (a stable sort keeps name order among equals).
                view.terms.sort_by_key(|t| std::cmp::Reverse(t.count));
            }
            view.terms.truncate(BROWSE_TERMS);
            Browse {
                title: view.title,
                href: v.links.href(&format!("{}/", t.kind.folder())),
                terms: view.terms,
            }
        })
        .collect();
    pc.ctx.insert("browse", &browse);
    let title = site.config.title.clone();
    let mut meta = pc.meta(title, v.label("nav.home"), "home", "home", vec![]);
    meta.description = site
        .config
        .description
        .clone()
        .unwrap_or_else(|| v.label("home.intro"));
    ("index.html", meta)
}

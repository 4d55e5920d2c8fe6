//! The list of session reports and one page per session.

use super::{ArticleMeta, PageContext, PageMeta, has_page};
use crate::render::views::{SessionCard, excerpt};
use crate::text::markdown;

pub fn list(pc: &mut PageContext<'_>) -> (&'static str, PageMeta) {
    let (site, v) = (pc.site, &pc.v);
    let cards: Vec<SessionCard> = site
        .sessions
        .iter()
        .filter(|s| has_page(s))
        .map(|s| v.session_card(s))
        .collect();
    pc.ctx.insert("sessions", &cards);
    pc.ctx.insert("bodies", &v.bodies());
    pc.ctx.insert("intro", &v.label("sessions.intro"));
    let title = v.label("sessions.title");
    let meta = pc.meta(title.clone(), title, "sessions", "sessions", vec![]);
    ("sessions.html", meta)
}

pub fn session(pc: &mut PageContext<'_>, i: usize) -> (&'static str, PageMeta) {
    let (site, v) = (pc.site, &pc.v);
    let s = &site.sessions[i];
    let view = v.session(s);
    let column = v.label("sessions.title");
    let crumbs = vec![pc.crumb(column.clone(), "sessions/")];
    let mut meta = pc.meta(view.title.clone(), column, "sessions", "session", crumbs);
    if let Some(overview) = &s.overview {
        meta.description = excerpt(&markdown::to_text(overview), 120);
    }
    meta.article = Some(ArticleMeta {
        title: view.title.clone(),
        pub_date: None,
        source: site.config.owner.clone(),
    });
    pc.ctx.insert("session", &view);
    pc.ctx
        .insert("units", &v.units_table(Some(i), "units-table"));
    ("session.html", meta)
}

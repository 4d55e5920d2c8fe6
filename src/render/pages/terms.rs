//! Term lists (`/topics/`, `/units/`, `/status/`, `/years/`) and one paginated
//! page per term. A unit's page marks each record hosted or co-handled.

use super::records::paged_title;
use super::{PAGE_SIZE, PageContext, PageMeta, list_path};
use crate::model::TaxonomyKind;
use crate::render::views::{Link, RecordCard, TagView, pager, term_path};

pub fn list(pc: &mut PageContext<'_>, kind: TaxonomyKind) -> (&'static str, PageMeta) {
    let (site, v) = (pc.site, &pc.v);
    let view = v.taxonomy(site.taxonomy(kind));
    let title = view.title.clone();
    let mut meta = pc.meta(title.clone(), title, kind.folder(), "terms", vec![]);
    meta.description = view.intro.clone();
    pc.ctx.insert("taxonomy", &view);
    if kind == TaxonomyKind::Units {
        // A table of every unit's figures, and links to each session's own.
        pc.ctx.insert("units", &v.units_table(None, "units-table"));
        let filter: Vec<Link> = site
            .sessions
            .iter()
            .enumerate()
            .filter(|(i, _)| site.units.iter().any(|u| u.in_session(*i).is_some()))
            .map(|(_, s)| Link {
                text: v.session_title(s),
                href: format!("{}#session-units", v.links.href(&s.path)),
            })
            .collect();
        pc.ctx.insert("session_filter", &filter);
        return ("units.html", meta);
    }
    ("terms.html", meta)
}

pub fn term(
    pc: &mut PageContext<'_>,
    kind: TaxonomyKind,
    t: usize,
    index: usize,
) -> (&'static str, PageMeta) {
    let (site, v) = (pc.site, &pc.v);
    let term = &site.taxonomy(kind).terms[t];
    let folder = term_path(kind, &term.slug);
    let cards: Vec<RecordCard<'_>> = term
        .entries
        .iter()
        .skip(index * PAGE_SIZE)
        .take(PAGE_SIZE)
        .map(|e| {
            let mut card = v.card(&site.records[e.record]);
            if kind == TaxonomyKind::Units {
                card.unit_role = Some(if e.co {
                    TagView {
                        text: v.label("record.unit_co"),
                        variant: "co",
                    }
                } else {
                    TagView {
                        text: v.label("record.unit_host"),
                        variant: "host",
                    }
                });
            }
            card
        })
        .collect();
    let total = term.entries.len().div_ceil(PAGE_SIZE);
    pc.ctx.insert("records", &cards);
    pc.ctx
        .insert("pager", &pager(v, index, total, |i| list_path(&folder, i)));
    pc.ctx.insert("term", &v.term(kind, term));
    // A unit's figures open its first page.
    let figures = (kind == TaxonomyKind::Units && index == 0)
        .then(|| v.unit_figures(t))
        .flatten();
    pc.ctx.insert("figures", &figures);
    pc.ctx.insert("count", &v.term(kind, term).count_text);
    let taxonomy = v.taxonomy_title(kind);
    let name = v.term_name(kind, &term.name);
    let full = v.fill(
        "terms.term_title",
        &[("taxonomy", &taxonomy), ("term", &name)],
    );
    let (title, mut trail) = paged_title(pc, &full, &folder, index);
    trail.insert(
        0,
        pc.crumb(taxonomy.clone(), &format!("{}/", kind.folder())),
    );
    let meta = pc.meta(title, taxonomy, kind.folder(), "term", trail);
    ("list.html", meta)
}

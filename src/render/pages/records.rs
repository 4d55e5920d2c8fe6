//! The list of all records (50 a page) and one page per record.

use serde::Serialize;

use super::{ArticleMeta, PAGE_SIZE, PageContext, PageMeta, list_path};
use crate::error::Error;
use crate::render::views::{Link, RecordCard, pager, summary_excerpt};

/// Characters of the reply summary used as the page description.
const DESCRIPTION_CHARS: usize = 120;

pub fn list(pc: &mut PageContext<'_>, index: usize) -> (&'static str, PageMeta) {
    let (site, v) = (pc.site, &pc.v);
    let cards: Vec<RecordCard<'_>> = site
        .records
        .iter()
        .skip(index * PAGE_SIZE)
        .take(PAGE_SIZE)
        .map(|r| v.card(r))
        .collect();
    let total = site.records.len().div_ceil(PAGE_SIZE);
    pc.ctx.insert("records", &cards);
    pc.ctx.insert("figures", &None::<()>);
    pc.ctx.insert(
        "pager",
        &pager(v, index, total, |i| list_path("proposals/", i)),
    );
    pc.ctx.insert(
        "count",
        &v.fill("list.count", &[("count", &site.records.len().to_string())]),
    );
    let column = v.label("nav.proposals");
    let (title, trail) = paged_title(pc, &column, "proposals/", index);
    let meta = pc.meta(title, column, "proposals", "record-list", trail);
    ("list.html", meta)
}

/// `建议提案`, or `建议提案（第2页）` with a breadcrumb back to page 1.
pub fn paged_title(
    pc: &PageContext<'_>,
    title: &str,
    folder: &str,
    index: usize,
) -> (String, Vec<super::Crumb>) {
    if index == 0 {
        (title.to_string(), vec![])
    } else {
        (
            pc.v.fill(
                "list.title_page",
                &[("title", title), ("n", &(index + 1).to_string())],
            ),
            vec![pc.crumb(title.to_string(), folder)],
        )
    }
}

/// The neighbours of a record in site order (newest first).
#[derive(Serialize)]
struct PrevNext {
    prev: Option<Link>,
    next: Option<Link>,
}

pub fn record(pc: &mut PageContext<'_>, i: usize) -> Result<(&'static str, PageMeta), Error> {
    let (site, v) = (pc.site, &pc.v);
    let rec = &site.records[i];
    // The record's text, read back once for its page (a build's is spilled).
    let text = rec.text()?;
    let view = v.record(rec, &text);
    let link = |j: usize| {
        let r = &site.records[j];
        Link {
            text: r.title.clone(),
            href: v.links.href(&r.path),
        }
    };
    pc.ctx.insert(
        "prev_next",
        &PrevNext {
            prev: i.checked_sub(1).map(link),
            next: (i + 1 < site.records.len()).then(|| link(i + 1)),
        },
    );
    let column = v.label("nav.proposals");
    let crumbs = vec![pc.crumb(column.clone(), "proposals/")];
    let mut meta = pc.meta(rec.title.clone(), column, "proposals", "record", crumbs);
    meta.description =
        summary_excerpt(&text, DESCRIPTION_CHARS).unwrap_or_else(|| match &view.card.status {
            Some(status) => format!("{}{}{}", rec.title, v.label("colon"), status.text),
            None => rec.title.clone(),
        });
    meta.article = Some(ArticleMeta {
        title: rec.title.clone(),
        pub_date: rec.published_on.map(|d| d.to_string()),
        source: rec
            .host_unit
            .clone()
            .unwrap_or_else(|| site.config.owner.clone()),
    });
    // Printed under the record for a reader to type: a Chinese domain name in
    // Chinese, where links carry its ASCII form.
    pc.ctx.insert(
        "page_url",
        &site
            .base_url
            .as_ref()
            .map(|base| base.readable_join(&rec.path)),
    );
    pc.ctx.insert("record", &view);
    Ok(("record.html", meta))
}

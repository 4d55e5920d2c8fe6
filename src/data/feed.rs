//! `atom.xml`: an Atom feed (RFC 4287) of the newest published records, so
//! citizens and newsrooms can follow replies as they are published.
//!
//! Entries follow the model's order — by `published_on`, newest first (a
//! record's `published_on` is its reply date unless set apart), records without
//! any date after the dated ones of their session year — and stop after
//! `feed_entries` (`site.yaml`, 50 by default). Every URL is absolute, from
//! `base_url`.
//!
//! Dates come from the content, never the clock, so rebuilding gives the same
//! bytes. A date is written as midnight China Standard Time
//! (`2019-09-22T00:00:00+08:00`). An entry without any date gets 1 January of its
//! session's year (it has no `<published>`); the feed's `<updated>` is its newest
//! entry's, or 1 January of the newest session's year when it has no entries.

use std::fmt::Write;

use super::xml::{element, escape, push_escaped};
use super::{Words, records};
use crate::error::Error;
use crate::model::Date;
use crate::model::PublishedRecord;
use crate::model::published::PublishedText;

/// Where the feed is written, site-relative.
pub const PATH: &str = "atom.xml";

/// Entries when `site.yaml` does not set `feed_entries`.
pub const DEFAULT_ENTRIES: usize = 50;

/// Characters of the reply summary quoted in an entry's summary.
const EXCERPT_CHARS: usize = 200;

/// An Atom date from a content date.
fn timestamp(d: Date) -> String {
    format!("{d}T00:00:00+08:00")
}

fn year_start(year: i32) -> String {
    format!("{year:04}-01-01T00:00:00+08:00")
}

/// The date an entry is `updated` on (see the module doc).
fn entry_updated(r: &PublishedRecord) -> String {
    r.published_on
        .map(timestamp)
        .unwrap_or_else(|| year_start(r.year))
}

/// The feed document. Fails only when a record's text cannot be read back
/// from the spill file ([`PublishedRecord::text`]).
pub fn atom(w: &Words<'_>) -> Result<Vec<u8>, Error> {
    let site = w.site;
    let c = &site.config;
    let limit = c
        .feed_entries
        .map(|n| n as usize)
        .unwrap_or(DEFAULT_ENTRIES);
    let entries: Vec<&PublishedRecord> = records(site).take(limit).collect();
    let updated = entries
        .iter()
        .map(|r| entry_updated(r))
        .max()
        .or_else(|| site.sessions.iter().map(|s| s.year).max().map(year_start))
        .unwrap_or_else(|| year_start(1970));

    let home = w.url("");
    let mut x = String::with_capacity(1024 + entries.len() * 1024);
    x.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    let _ = writeln!(
        x,
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">",
        escape(&c.language)
    );
    element(&mut x, "id", &home);
    x.push('\n');
    element(&mut x, "title", &c.title);
    x.push('\n');
    if let Some(d) = &c.description {
        element(&mut x, "subtitle", d);
        x.push('\n');
    }
    let _ = writeln!(
        x,
        "<link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>",
        escape(&w.url(PATH))
    );
    let _ = writeln!(
        x,
        "<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
        escape(&home)
    );
    element(&mut x, "updated", &updated);
    x.push('\n');
    x.push_str("<author>");
    element(&mut x, "name", &c.owner);
    x.push_str("</author>\n");
    x.push_str("<generator>gongkai</generator>\n");
    for r in entries {
        push_entry(&mut x, w, r)?;
    }
    x.push_str("</feed>\n");
    Ok(x.into_bytes())
}

fn push_entry(x: &mut String, w: &Words<'_>, r: &PublishedRecord) -> Result<(), Error> {
    let url = w.url(&r.path);
    x.push_str("<entry>\n");
    element(x, "id", &url);
    x.push('\n');
    element(x, "title", &r.title);
    x.push('\n');
    x.push_str("<link rel=\"alternate\" type=\"text/html\" href=\"");
    push_escaped(x, &url);
    x.push_str("\"/>\n");
    if let Some(d) = r.published_on {
        element(x, "published", &timestamp(d));
        x.push('\n');
    }
    element(x, "updated", &entry_updated(r));
    x.push('\n');
    for topic in &r.topics {
        x.push_str("<category term=\"");
        push_escaped(x, topic);
        x.push_str("\"/>\n");
    }
    x.push_str("<summary type=\"text\">");
    push_escaped(x, &summary(w, r, &r.text()?));
    x.push_str("</summary>\n</entry>\n");
    Ok(())
}

/// The entry's summary: the category (where stated) and host unit, then the
/// start of the reply summary; for a `summary_only` record, then the notice
/// that only the summary is published.
fn summary(w: &Words<'_>, r: &PublishedRecord, text: &PublishedText) -> String {
    let colon = w.label("colon");
    let mut parts = Vec::new();
    if let Some(i) = r.status {
        parts.push(format!(
            "{}{colon}{}",
            w.label("record.status"),
            w.status(i)
        ));
    }
    if let Some(unit) = &r.host_unit {
        parts.push(format!("{}{colon}{unit}", w.label("record.host_unit")));
    }
    let mut s = parts.join("；");
    if !s.is_empty() {
        s.push('。');
    }
    if let Some(text) = text.summary.as_deref() {
        s.push_str(&excerpt(&crate::text::markdown::to_text(text)));
    }
    if r.reply.is_none() {
        s.push_str(&w.label("record.summary_only"));
    }
    s
}

/// The first [`EXCERPT_CHARS`] characters, with `…` when cut.
fn excerpt(text: &str) -> String {
    let mut chars = text.chars();
    let head: String = chars.by_ref().take(EXCERPT_CHARS).collect();
    if chars.next().is_some() {
        format!("{head}…")
    } else {
        head
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_rfc3339_in_china_time() {
        assert_eq!(
            timestamp(jiff::civil::date(2019, 9, 2)),
            "2019-09-02T00:00:00+08:00"
        );
        assert_eq!(year_start(2019), "2019-01-01T00:00:00+08:00");
    }

    #[test]
    fn excerpts_are_cut_on_characters() {
        let long = "办".repeat(EXCERPT_CHARS + 1);
        let e = excerpt(&long);
        assert_eq!(e.chars().count(), EXCERPT_CHARS + 1);
        assert!(e.ends_with('…'));
        assert_eq!(excerpt("短"), "短");
    }
}

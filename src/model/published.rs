//! The published view of a record: the one place that decides what of a record
//! may reach an output file (DESIGN.md, "What each disclosure level publishes").
//!
//! Later stages see only [`PublishedRecord`]. A `summary_only` record (摘要公开)
//! keeps its metadata, category, `summary` and `disclosure_reason`; its full
//! reply, request, outcomes, attachments and status reason live in [`Reply`],
//! which is `None` for it: no template, index or data file can print what the
//! type does not carry. `withheld` records and drafts never become a `PublishedRecord` at all
//! (drafts do only in `serve --drafts`); they reach nothing but the session
//! counts in [`super::figures`].

use std::path::PathBuf;
use std::sync::Arc;

use serde::Serialize;

use super::category::Categories;
use crate::content::{Date, Disclosure, Kind, Outcome, RecordFile, Replied, Satisfaction};
use crate::load::LoadedRecord;

/// Whether the whole record or only its metadata is published.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Published {
    /// 主动公开: everything.
    Full,
    /// 摘要公开: metadata, category, summary and the reason the full reply is withheld.
    SummaryOnly,
}

/// What a citizen may see of one record.
#[derive(Clone, Debug, Serialize)]
pub struct PublishedRecord {
    /// `2019/0003`.
    pub id: String,
    /// The page's folder, site-relative: `proposals/2019/0003/`.
    pub path: String,
    pub kind: Kind,
    pub session: String,
    /// The session's year (the record's year on year pages).
    pub year: i32,
    pub title: String,
    pub number: Option<String>,
    pub index_no: Option<String>,
    pub proposers: Vec<String>,
    pub key: bool,
    pub lead_official: Option<String>,
    pub host_unit: Option<String>,
    pub co_units: Vec<String>,
    pub topics: Vec<String>,
    /// The category, an index into `Site::categories`; `None`: not stated.
    pub status: Option<usize>,
    /// What the record states about its reply; `None`: not stated.
    pub replied: Option<Replied>,
    /// `None`: not stated.
    pub met_proposer: Option<bool>,
    /// `None`: not stated.
    pub satisfaction: Option<Satisfaction>,
    /// `published_on`, or the reply date when absent.
    pub published_on: Option<Date>,
    pub level: Published,
    /// The reply summary (答复摘要), Markdown: published at both levels.
    pub summary: Option<String>,
    /// Why the full reply is withheld: only with [`Published::SummaryOnly`].
    pub disclosure_reason: Option<String>,
    /// Only in `serve --drafts`: shown with a draft banner.
    pub draft: bool,
    /// The reply: `None` unless the record is `public`.
    pub reply: Option<Reply>,
}

/// The parts of a record published only with `disclosure: public`.
#[derive(Clone, Debug, Serialize)]
pub struct Reply {
    /// What was asked (原案摘要), Markdown.
    pub request: Option<String>,
    /// The full reply letter (答复全文), Markdown.
    pub full_text: Option<String>,
    pub outcomes: Vec<Outcome>,
    pub status_reason: Option<String>,
    pub attachments: Vec<PublishedAttachment>,
}

/// An attachment with where it is read from and where it is written to.
#[derive(Clone, Debug, Serialize)]
pub struct PublishedAttachment {
    pub title: String,
    /// Site-relative output path: `proposals/2019/0003/reply.pdf`.
    pub path: String,
    /// The source file (already checked to be inside the site folder).
    #[serde(skip)]
    pub source: PathBuf,
    /// The file's type from its extension (`PDF`, `OFD`, `DOCX`), shown beside
    /// the link; empty when it has none.
    pub format: String,
    /// The file's size in bytes, shown beside the link.
    pub bytes: u64,
}

/// Builds the published view of a record; `None` when nothing of it may be
/// published (withheld, or a draft when drafts are not shown).
///
/// Takes the record: a build holds the only reference and its text moves into
/// the published view instead of being copied (at 100,000 records the copy
/// was a quarter of the build's memory). `serve` keeps its records in its
/// cache, so there the text is copied.
pub fn publish(
    loaded: Arc<LoadedRecord>,
    year: i32,
    categories: &Categories,
    include_drafts: bool,
) -> Option<PublishedRecord> {
    let r: &RecordFile = &loaded.file.value;
    if r.draft && !include_drafts {
        return None;
    }
    let level = match r.disclosure {
        Disclosure::Public => Published::Full,
        Disclosure::SummaryOnly => Published::SummaryOnly,
        Disclosure::Withheld => return None,
    };
    let (id, dir, r) = match Arc::try_unwrap(loaded) {
        Ok(loaded) => (loaded.id, loaded.dir, loaded.file.value),
        Err(shared) => (
            shared.id.clone(),
            shared.dir.clone(),
            shared.file.value.clone(),
        ),
    };
    let path = format!("proposals/{id}/");
    let replied = r.replied_state();
    let published_on = r.published_on.or(replied.and_then(Replied::date));
    let status = r.status.as_deref().and_then(|id| categories.lookup(id));
    let (reply, disclosure_reason) = match level {
        Published::Full => (
            Some(Reply {
                attachments: publish_attachments(&r.attachments, &dir, &path),
                request: r.request,
                full_text: r.reply,
                outcomes: r.outcomes,
                status_reason: r.status_reason,
            }),
            None,
        ),
        Published::SummaryOnly => (None, r.disclosure_reason),
    };
    Some(PublishedRecord {
        id,
        path,
        kind: r.kind,
        session: r.session,
        year,
        title: r.title,
        number: r.number,
        index_no: r.index_no,
        proposers: r.proposers,
        key: r.key,
        lead_official: r.lead_official,
        host_unit: r.host_unit,
        co_units: r.co_units,
        topics: r.topics,
        status,
        replied,
        met_proposer: r.met_proposer,
        satisfaction: r.satisfaction,
        published_on,
        level,
        summary: r.summary,
        disclosure_reason,
        draft: r.draft,
        reply,
    })
}

fn publish_attachments(
    list: &[crate::content::Attachment],
    dir: &std::path::Path,
    page: &str,
) -> Vec<PublishedAttachment> {
    let mut used = std::collections::BTreeSet::new();
    let mut out = Vec::new();
    for (i, a) in list.iter().enumerate() {
        let mut name = output_name(&a.file, i);
        if !used.insert(name.clone()) {
            // Two attachments with one name (from different folders): number the second.
            name = format!("attachment-{}-{name}", i + 1);
            used.insert(name.clone());
        }
        let source = dir.join(&a.file);
        let bytes = std::fs::metadata(&source).map(|m| m.len()).unwrap_or(0);
        let format = name
            .rsplit_once('.')
            .map(|(_, e)| e.to_ascii_uppercase())
            .unwrap_or_default();
        out.push(PublishedAttachment {
            title: a.title.clone(),
            path: format!("{page}{name}"),
            source,
            format,
            bytes,
        });
    }
    out
}

/// The output file name of an attachment: its own name when that is a safe ASCII
/// name, otherwise `attachment-N` with its extension (output paths are ASCII).
fn output_name(file: &str, index: usize) -> String {
    let name = file.rsplit(['/', '\\']).next().unwrap_or(file);
    let safe = !name.is_empty()
        && !name.starts_with('.')
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'));
    if safe && name != "index.html" {
        return name.to_ascii_lowercase();
    }
    let ext: String = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .filter(|e| !e.is_empty() && e.bytes().all(|b| b.is_ascii_alphanumeric()))
        .map(|e| format!(".{e}"))
        .unwrap_or_default();
    format!("attachment-{}{ext}", index + 1)
}

#[cfg(test)]
mod tests {
    use super::output_name;

    #[test]
    fn attachment_names_are_ascii() {
        assert_eq!(output_name("reply.PDF", 0), "reply.pdf");
        assert_eq!(output_name("答复函.pdf", 1), "attachment-2.pdf");
        assert_eq!(output_name("files/答复函", 0), "attachment-1");
        assert_eq!(output_name("index.html", 0), "attachment-1.html");
    }
}

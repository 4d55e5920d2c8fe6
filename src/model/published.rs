//! The published view of a record: the one place that decides what of a record
//! may reach an output file (docs/content.md, 公开方式: the table of what each disclosure level publishes).
//!
//! Later stages see only [`PublishedRecord`]. A `summary_only` record (摘要公开)
//! keeps its metadata, category, `summary` and `disclosure_reason`; its
//! attachments live in [`Reply`], and its full reply, request, outcomes and
//! status reason in [`ReplyText`], both `None` for it: no template, index or
//! data file can print what the type does not carry. The text is read back
//! when a stage needs it ([`PublishedRecord::text`]: in a build it waits in a
//! spill file, [`crate::content::spill`]), and the level decides there what of
//! it comes back. `withheld` records and drafts never become a `PublishedRecord` at all
//! (drafts do only in `serve --drafts`); they reach nothing but the session
//! counts in [`super::figures`].

use std::borrow::Cow;
use std::path::PathBuf;
use std::sync::Arc;

use serde::Serialize;

use super::category::Categories;
use super::figures::{Facts, Handling};
use crate::content::spill::Stored;
use crate::content::{Date, Disclosure, Kind, Outcome, Prose, RecordFile, Replied, Satisfaction};
use crate::error::Error;
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
    /// 交办日期; `None`: not stated.
    pub assigned_on: Option<Date>,
    /// What the record states about its reply; `None`: not stated.
    pub replied: Option<Replied>,
    /// 办理用时 and whether it was on time, where both dates are stated.
    pub handling: Option<Handling>,
    /// `None`: not stated.
    pub met_proposer: Option<bool>,
    /// `None`: not stated.
    pub satisfaction: Option<Satisfaction>,
    /// `published_on`, or the reply date when absent.
    pub published_on: Option<Date>,
    pub level: Published,
    /// The record's prose, of which [`PublishedRecord::text`] gives what may
    /// be published: in memory, or in a build waiting in the spill file.
    #[serde(skip)]
    prose: Stored<Prose>,
    /// Only in `serve --drafts`: shown with a draft banner.
    pub draft: bool,
    /// The reply: `None` unless the record is `public`.
    pub reply: Option<Reply>,
}

/// The parts of a record published only with `disclosure: public`, besides
/// its text ([`ReplyText`]).
#[derive(Clone, Debug, Serialize)]
pub struct Reply {
    pub attachments: Vec<PublishedAttachment>,
}

/// The published text of a record, read back for one use
/// ([`PublishedRecord::text`]) and dropped after it. Borrowed from the record
/// when its text is in memory, owned when it was read back from the spill
/// file. Copied for each stage that reads it (checks, record page, index,
/// open data), the text of a site kept in memory cost a 1,000-record
/// `long-text` build 1.1% of its instructions.
#[derive(Clone, Debug, Default, Serialize)]
pub struct PublishedText<'a> {
    /// The reply summary (答复摘要), Markdown: published at both levels.
    pub summary: Option<Cow<'a, str>>,
    /// Why the full reply is withheld: only with [`Published::SummaryOnly`].
    pub disclosure_reason: Option<Cow<'a, str>>,
    /// `None` unless the record is `public`.
    pub reply: Option<ReplyText<'a>>,
}

/// The text published only with `disclosure: public`.
#[derive(Clone, Debug, Serialize)]
pub struct ReplyText<'a> {
    /// What was asked (原案摘要), Markdown.
    pub request: Option<Cow<'a, str>>,
    /// The full reply letter (答复全文), Markdown.
    pub full_text: Option<Cow<'a, str>>,
    pub outcomes: Cow<'a, [Outcome]>,
    pub status_reason: Option<Cow<'a, str>>,
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
/// Takes the record: a build holds the only reference and its metadata moves
/// into the published view instead of being copied. `serve` keeps its records
/// in its cache, so there the metadata is copied; the prose, behind a shared
/// [`Stored`], never is (nor is it read here: a spilled build's stays in the
/// spill file).
pub fn publish(
    loaded: Arc<LoadedRecord>,
    year: i32,
    categories: &Categories,
    reply_within_days: u32,
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
    let reply = match level {
        Published::Full => Some(Reply {
            attachments: publish_attachments(&r.attachments, &dir, &path),
        }),
        Published::SummaryOnly => None,
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
        assigned_on: r.assigned_on,
        replied,
        handling: Handling::of(r.assigned_on, replied, reply_within_days),
        met_proposer: r.met_proposer,
        satisfaction: r.satisfaction,
        published_on,
        level,
        // Still the whole prose (in a build, a handle into the spill file):
        // `text` gives only what `level` publishes.
        prose: r.prose,
        draft: r.draft,
        reply,
    })
}

/// A field of a record file that holds a published text: `title`,
/// `proposers[2]`, `outcomes[1].text`. Built without allocating, since every
/// text of every record is visited; [`TextField::path`] spells it as the
/// decoder and diagnostics do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TextField {
    pub name: &'static str,
    pub index: Option<usize>,
    pub part: Option<&'static str>,
}

impl TextField {
    const fn plain(name: &'static str) -> TextField {
        TextField {
            name,
            index: None,
            part: None,
        }
    }

    const fn item(name: &'static str, index: usize) -> TextField {
        TextField {
            name,
            index: Some(index),
            part: None,
        }
    }

    const fn item_part(name: &'static str, index: usize, part: &'static str) -> TextField {
        TextField {
            name,
            index: Some(index),
            part: Some(part),
        }
    }

    /// The field path: `outcomes[1].text`.
    pub fn path(&self) -> String {
        let mut out = self.name.to_string();
        if let Some(i) = self.index {
            out.push_str(&format!("[{i}]"));
        }
        if let Some(p) = self.part {
            out.push('.');
            out.push_str(p);
        }
        out
    }
}

/// Calls `f` with every text of a record that [`publish`] puts in its
/// published view, and with no other: nothing of a `withheld` record or a
/// draft, and of a `summary_only` one only what 摘要公开 shows. The
/// personal-data check reads a record through this, so it looks at exactly
/// what reaches an output (a test compares the two). Drafts are left out as
/// `build` leaves them out; `serve --drafts` shows them only on this computer.
pub fn published_texts<'r>(
    r: &'r RecordFile,
    prose: &'r Prose,
    mut f: impl FnMut(TextField, &'r str),
) {
    if r.draft || r.disclosure == Disclosure::Withheld {
        return;
    }
    let plain = TextField::plain;
    f(plain("title"), &r.title);
    let mut texts: Vec<(TextField, &'r Option<String>)> = vec![
        (plain("number"), &r.number),
        (plain("index_no"), &r.index_no),
        (plain("lead_official"), &r.lead_official),
        (plain("host_unit"), &r.host_unit),
        (plain("summary"), &prose.summary),
    ];
    match r.disclosure {
        Disclosure::SummaryOnly => {
            texts.push((plain("disclosure_reason"), &prose.disclosure_reason))
        }
        Disclosure::Public => texts.extend([
            (plain("request"), &prose.request),
            (plain("reply"), &prose.reply),
            (plain("status_reason"), &prose.status_reason),
        ]),
        Disclosure::Withheld => {}
    }
    for (field, text) in texts {
        if let Some(t) = text {
            f(field, t);
        }
    }
    for (name, list) in [
        ("proposers", &r.proposers),
        ("co_units", &r.co_units),
        ("topics", &r.topics),
    ] {
        for (i, t) in list.iter().enumerate() {
            f(TextField::item(name, i), t);
        }
    }
    if r.disclosure == Disclosure::Public {
        for (i, o) in prose.outcomes.iter().enumerate() {
            if let Some(h) = &o.heading {
                f(TextField::item_part("outcomes", i, "heading"), h);
            }
            f(TextField::item_part("outcomes", i, "text"), &o.text);
        }
        for (i, a) in r.attachments.iter().enumerate() {
            f(TextField::item_part("attachments", i, "title"), &a.title);
            // Its name is part of the published file's address.
            f(TextField::item_part("attachments", i, "file"), &a.file);
        }
    }
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

impl PublishedRecord {
    /// Lets go of everything the record holds on the heap — its text, or its
    /// handle into the spill file, and its names, lists and attachments —
    /// keeping only its place in the list and its facts. Only a build does
    /// this, for the records its last producer (the search index) has
    /// finished with; nothing may read them afterwards but the count. With the
    /// text spilled, the metadata is what the index would otherwise grow
    /// beside: at 100,000 `long-text` records, the index of 2.5 GB of text
    /// peaked over 512 MiB with it.
    pub fn forget(&mut self) {
        use std::mem::take;
        // The text, or the handle on the spill file: the last record to let
        // go of it closes the file, which frees its pages while the index is
        // still being written (at the end of the build, they were freed on
        // one thread alone).
        self.prose.forget();
        for text in [
            &mut self.id,
            &mut self.path,
            &mut self.session,
            &mut self.title,
        ] {
            take(text);
        }
        for text in [
            &mut self.number,
            &mut self.index_no,
            &mut self.lead_official,
            &mut self.host_unit,
        ] {
            take(text);
        }
        for list in [&mut self.proposers, &mut self.co_units, &mut self.topics] {
            take(list);
        }
        if let Some(reply) = &mut self.reply {
            take(&mut reply.attachments);
        }
    }

    /// Whether the record's prose waits in the spill file (rather than in
    /// memory): a build's choice, which no output depends on.
    pub fn text_in_file(&self) -> bool {
        self.prose.is_spilled()
    }

    /// The record's published text: at [`Published::SummaryOnly`] its summary
    /// and the reason the rest is withheld, at [`Published::Full`] everything
    /// but that reason. In a build it is read back from the spill file
    /// ([`crate::content::spill`]): call this once where the text is needed and
    /// drop it after. Fails only when the spill file cannot be read.
    pub fn text(&self) -> Result<PublishedText<'_>, Error> {
        let prose = ProseParts::from(self.prose.read()?);
        Ok(match self.level {
            Published::SummaryOnly => PublishedText {
                summary: prose.summary,
                disclosure_reason: prose.disclosure_reason,
                reply: None,
            },
            Published::Full => PublishedText {
                summary: prose.summary,
                disclosure_reason: None,
                reply: Some(ReplyText {
                    request: prose.request,
                    full_text: prose.reply,
                    outcomes: prose.outcomes,
                    status_reason: prose.status_reason,
                }),
            },
        })
    }

    /// The length in characters of the published text the search index
    /// weighs (summary, and for a `public` record request, reply, outcomes and
    /// status reason), known without reading it back.
    pub fn text_chars(&self) -> usize {
        let outline = self.prose.outline();
        match self.level {
            Published::SummaryOnly => outline.summary_chars,
            Published::Full => outline.summary_chars + outline.reply_chars,
        }
    }

    /// The facts unit figures count.
    pub fn facts(&self) -> Facts {
        Facts {
            kind: self.kind,
            key: self.key,
            status: self.status,
            replied: self.replied,
            met: self.met_proposer,
            satisfaction: self.satisfaction,
            handling: self.handling,
        }
    }
}

/// A record's [`Prose`] taken apart, each text borrowed from the record or
/// owned, for [`PublishedText`].
struct ProseParts<'a> {
    summary: Option<Cow<'a, str>>,
    disclosure_reason: Option<Cow<'a, str>>,
    request: Option<Cow<'a, str>>,
    reply: Option<Cow<'a, str>>,
    outcomes: Cow<'a, [Outcome]>,
    status_reason: Option<Cow<'a, str>>,
}

impl<'a> From<Cow<'a, Prose>> for ProseParts<'a> {
    fn from(prose: Cow<'a, Prose>) -> ProseParts<'a> {
        let borrow = |s: &'a Option<String>| s.as_deref().map(Cow::Borrowed);
        let own = |s: Option<String>| s.map(Cow::Owned);
        match prose {
            Cow::Borrowed(p) => ProseParts {
                summary: borrow(&p.summary),
                disclosure_reason: borrow(&p.disclosure_reason),
                request: borrow(&p.request),
                reply: borrow(&p.reply),
                outcomes: Cow::Borrowed(&p.outcomes),
                status_reason: borrow(&p.status_reason),
            },
            Cow::Owned(p) => ProseParts {
                summary: own(p.summary),
                disclosure_reason: own(p.disclosure_reason),
                request: own(p.request),
                reply: own(p.reply),
                outcomes: Cow::Owned(p.outcomes),
                status_reason: own(p.status_reason),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    /// The `mk-…` markers in a text.
    fn markers(text: &str, out: &mut BTreeSet<String>) {
        for (i, _) in text.match_indices("mk-") {
            let end = text[i + 3..]
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .map_or(text.len(), |k| i + 3 + k);
            out.insert(text[i..end].to_string());
        }
    }

    fn strings(value: &serde_json::Value, out: &mut BTreeSet<String>) {
        match value {
            serde_json::Value::String(s) => markers(s, out),
            serde_json::Value::Array(a) => a.iter().for_each(|v| strings(v, out)),
            serde_json::Value::Object(o) => o.values().for_each(|v| strings(v, out)),
            _ => {}
        }
    }

    /// The personal-data check reads what `published_texts` lists; it must be
    /// exactly what `publish` lets out, at every disclosure level.
    #[test]
    fn published_texts_are_exactly_the_texts_publish_keeps() {
        let yaml = |disclosure: &str, draft: bool| {
            format!(
                "kind: proposal\nsession: s1\ntitle: mk-title\nnumber: mk-number\n\
                 index_no: mk-index\nproposers: [mk-proposer0, mk-proposer1]\n\
                 lead_official: mk-lead\nhost_unit: mk-host\nco_units: [mk-co0]\n\
                 topics: [mk-topic0]\nstatus: solved\nstatus_reason: mk-reason\n\
                 disclosure: {disclosure}\ndisclosure_reason: mk-dreason\n\
                 request: mk-request\nsummary: mk-summary\nreply: mk-reply\n\
                 outcomes:\n  - {{heading: mk-oheading, text: mk-otext}}\n  - {{text: mk-otext1}}\n\
                 attachments:\n  - {{title: mk-atitle, file: mk-afile.pdf}}\ndraft: {draft}\n"
            )
        };
        let categories = Categories::new(&crate::content::default_categories(), "zh-CN");
        for (disclosure, draft, published) in [
            ("public", false, true),
            ("summary_only", false, true),
            ("withheld", false, false),
            ("public", true, false),
        ] {
            let source = crate::diagnostic::Source {
                name: "r.yaml".into(),
                text: yaml(disclosure, draft).into(),
            };
            let node = crate::yaml::parse(&source.text).expect("parses");
            let mut diags = crate::diagnostic::Diagnostics::new();
            let file =
                crate::load::decode::decode_record(&source, &node, &mut diags).expect("decodes");
            assert!(file.is_complete(), "{diags:?}");
            let mut listed = BTreeSet::new();
            let prose = file.value.prose.read().unwrap();
            published_texts(&file.value, &prose, |_, t| markers(t, &mut listed));
            let loaded = LoadedRecord {
                id: "2019/0001".into(),
                dir: std::path::PathBuf::from("/nonexistent"),
                file,
                imported: false,
            };
            let mut out = BTreeSet::new();
            if let Some(p) = publish(Arc::new(loaded), 2019, &categories, 90, false) {
                strings(&serde_json::to_value(&p).unwrap(), &mut out);
                strings(&serde_json::to_value(p.text().unwrap()).unwrap(), &mut out);
            }
            assert_eq!(listed, out, "{disclosure}, draft: {draft}");
            assert_eq!(!out.is_empty(), published, "{disclosure}, draft: {draft}");
        }
    }

    #[test]
    fn attachment_names_are_ascii() {
        assert_eq!(output_name("reply.PDF", 0), "reply.pdf");
        assert_eq!(output_name("答复函.pdf", 1), "attachment-2.pdf");
        assert_eq!(output_name("files/答复函", 0), "attachment-1");
        assert_eq!(output_name("index.html", 0), "attachment-1.html");
    }
}

//! What templates see: small view structs built from the model, with links and
//! dates already written out for the page. Templates never see the domain model
//! (and so never a field the published view left out).

use serde::Serialize;

use super::markdown;
use super::url::Links;
use crate::content::{Date, PartialDate, Status};
use crate::diagnostic::Lang;
use crate::model::{PublishedRecord, Site};

/// A date ready to print: `2019年9月22日` inside `<time datetime="2019-09-22">`.
#[derive(Clone, Debug, Serialize)]
pub struct DateView {
    pub iso: String,
    pub text: String,
}

impl DateView {
    pub fn day(d: Date, lang: Lang) -> DateView {
        Self::partial(PartialDate::Day(d), lang)
    }

    pub fn partial(d: PartialDate, lang: Lang) -> DateView {
        let text = match (d, lang) {
            (PartialDate::Year(y), Lang::Zh) => format!("{y}年"),
            (PartialDate::Month(y, m), Lang::Zh) => format!("{y}年{m}月"),
            (PartialDate::Day(d), Lang::Zh) => {
                format!("{}年{}月{}日", d.year(), d.month(), d.day())
            }
            (other, Lang::En) => other.iso(),
        };
        DateView { iso: d.iso(), text }
    }
}

/// A record in a list: enough to recognise it and follow the link.
#[derive(Clone, Debug, Serialize)]
pub struct RecordCard<'a> {
    pub href: String,
    pub title: &'a str,
    pub number: Option<&'a str>,
    pub status: Status,
    pub status_label: String,
    pub kind: &'a str,
    pub kind_label: String,
    pub host_unit: Option<&'a str>,
    pub year: i32,
    pub key: bool,
    pub date: Option<DateView>,
}

/// Everything a record page shows.
#[derive(Clone, Debug, Serialize)]
pub struct RecordView<'a> {
    #[serde(flatten)]
    pub card: RecordCard<'a>,
    pub id: &'a str,
    pub index_no: Option<&'a str>,
    pub session_name: String,
    pub session_href: String,
    pub proposers: &'a [String],
    pub lead_official: Option<&'a str>,
    pub co_units: &'a [String],
    pub topics: &'a [String],
    pub replied_on: Option<DateView>,
    pub published_on: Option<DateView>,
    pub met_proposer: bool,
    pub satisfaction: &'a str,
    pub summary_only: bool,
    pub draft: bool,
    pub reply: Option<ReplyView<'a>>,
}

/// The published reply of a `public` record, Markdown already rendered.
#[derive(Clone, Debug, Serialize)]
pub struct ReplyView<'a> {
    pub request_html: Option<String>,
    pub summary_html: Option<String>,
    pub status_reason: Option<&'a str>,
    pub outcomes: Vec<OutcomeView<'a>>,
    pub attachments: Vec<AttachmentView<'a>>,
}

#[derive(Clone, Debug, Serialize)]
pub struct OutcomeView<'a> {
    pub date: Option<DateView>,
    pub heading: Option<&'a str>,
    pub html: String,
    pub planned: bool,
}

#[derive(Clone, Debug, Serialize)]
pub struct AttachmentView<'a> {
    pub title: &'a str,
    pub href: String,
    pub bytes: u64,
}

/// Builds views with the site's labels and link style.
pub struct Viewer<'a> {
    pub site: &'a Site,
    pub links: Links,
    pub lang: Lang,
    pub labels: &'a std::collections::BTreeMap<String, String>,
}

impl<'a> Viewer<'a> {
    /// A label from the theme's labels file; the key itself if missing, so a
    /// missing label shows up in review instead of failing the build.
    pub fn label(&self, key: &str) -> String {
        self.labels
            .get(key)
            .cloned()
            .unwrap_or_else(|| key.to_string())
    }

    /// The status label: `site.yaml`'s `status_labels`, else the theme's wording.
    pub fn status_label(&self, status: Status) -> String {
        self.site
            .config
            .status_labels
            .get(&status)
            .cloned()
            .unwrap_or_else(|| self.label(&format!("status.{}", status.as_str())))
    }

    pub fn card(&self, r: &'a PublishedRecord) -> RecordCard<'a> {
        RecordCard {
            href: self.links.href(&r.path),
            title: &r.title,
            number: r.number.as_deref(),
            status: r.status,
            status_label: self.status_label(r.status),
            kind: r.kind.as_str(),
            kind_label: self.label(&format!("kind.{}", r.kind.as_str())),
            host_unit: r.host_unit.as_deref(),
            year: r.year,
            key: r.key,
            date: r.published_on.map(|d| DateView::day(d, self.lang)),
        }
    }

    pub fn record(&self, r: &'a PublishedRecord) -> RecordView<'a> {
        let session = self.site.session(&r.session);
        RecordView {
            card: self.card(r),
            id: &r.id,
            index_no: r.index_no.as_deref(),
            session_name: session
                .map(|s| format!("{}{}", s.body, s.name))
                .unwrap_or_default(),
            session_href: session
                .map(|s| self.links.href(&s.path))
                .unwrap_or_default(),
            proposers: &r.proposers,
            lead_official: r.lead_official.as_deref(),
            co_units: &r.co_units,
            topics: &r.topics,
            replied_on: r.replied_on.map(|d| DateView::day(d, self.lang)),
            published_on: r.published_on.map(|d| DateView::day(d, self.lang)),
            met_proposer: r.met_proposer,
            satisfaction: r.satisfaction.as_str(),
            summary_only: r.reply.is_none(),
            draft: r.draft,
            reply: r.reply.as_ref().map(|reply| ReplyView {
                request_html: reply.request.as_deref().map(|m| markdown::to_html(m, 3)),
                summary_html: reply.summary.as_deref().map(|m| markdown::to_html(m, 3)),
                status_reason: reply.status_reason.as_deref(),
                outcomes: reply
                    .outcomes
                    .iter()
                    .map(|o| OutcomeView {
                        date: o.date.map(|d| DateView::partial(d, self.lang)),
                        heading: o.heading.as_deref(),
                        html: markdown::to_html(&o.text, 4),
                        planned: o.planned,
                    })
                    .collect(),
                attachments: reply
                    .attachments
                    .iter()
                    .map(|a| AttachmentView {
                        title: &a.title,
                        href: self.links.href(&a.path),
                        bytes: a.bytes,
                    })
                    .collect(),
            }),
        }
    }
}

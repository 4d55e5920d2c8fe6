//! Records as templates see them: a card in a list, and the full record page
//! with its 信息公开-style metadata rows, reply, outcomes and attachments.

use serde::Serialize;

use super::{DateView, Link, StatusView, Viewer};
use crate::diagnostic::Lang;
use crate::model::{PublishedRecord, TaxonomyKind};
use crate::render::markdown;

/// A record in a list: enough to recognise it and follow the link.
#[derive(Clone, Debug, Serialize)]
pub struct RecordCard<'a> {
    pub href: String,
    pub title: &'a str,
    pub number: Option<&'a str>,
    pub status: StatusView,
    pub kind_label: String,
    pub host_unit: Option<&'a str>,
    pub year: i32,
    pub key: bool,
    pub date: Option<DateView>,
    /// On a unit's page: `主办` or `协办`, the unit's part in this record.
    pub unit_role: Option<TagView>,
}

/// A marker in words, with the variant that styles it (`host`, `co`, `key`).
#[derive(Clone, Debug, Serialize)]
pub struct TagView {
    pub text: String,
    pub variant: &'static str,
}

/// Everything a record page shows.
#[derive(Clone, Debug, Serialize)]
pub struct RecordView<'a> {
    #[serde(flatten)]
    pub card: RecordCard<'a>,
    pub id: &'a str,
    /// The metadata block, one row per field given.
    pub meta: Vec<SummaryRow>,
    pub session: Option<Link>,
    pub summary_only: bool,
    pub draft: bool,
    pub reply: Option<ReplyView>,
}

/// One row of a summary list (GOV.UK's name for a `<dl>` of key and value). The
/// value is one of: text, links, a date, a status, or a list of texts.
#[derive(Clone, Debug, Default, Serialize)]
pub struct SummaryRow {
    pub key: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<Link>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<DateView>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<StatusView>,
}

impl SummaryRow {
    fn text(key: String, text: impl Into<String>) -> SummaryRow {
        SummaryRow {
            key,
            text: Some(text.into()),
            ..Default::default()
        }
    }
}

/// The published reply of a `public` record, Markdown already rendered.
#[derive(Clone, Debug, Serialize)]
pub struct ReplyView {
    pub request_html: Option<String>,
    pub summary_html: Option<String>,
    pub status_reason: Option<String>,
    pub outcomes: Vec<OutcomeView>,
    pub attachments: Vec<AttachmentView>,
}

/// One step of the handling, told apart in words: `已落实` or `计划`.
#[derive(Clone, Debug, Serialize)]
pub struct OutcomeView {
    pub date: Option<DateView>,
    pub heading: Option<String>,
    pub html: String,
    pub planned: bool,
    pub state: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct AttachmentView {
    pub title: String,
    pub href: String,
    /// `PDF，120 KB`.
    pub info: String,
}

impl<'a> Viewer<'a> {
    pub fn card(&self, r: &'a PublishedRecord) -> RecordCard<'a> {
        RecordCard {
            href: self.links.href(&r.path),
            title: &r.title,
            number: r.number.as_deref(),
            status: self.status(r.status),
            kind_label: self.label(&format!("kind.{}", r.kind.as_str())),
            host_unit: r.host_unit.as_deref(),
            year: r.year,
            key: r.key,
            date: r.published_on.map(|d| self.date(d)),
            unit_role: None,
        }
    }

    pub fn record(&self, r: &'a PublishedRecord) -> RecordView<'a> {
        let session = self.site.session(&r.session).map(|s| Link {
            text: format!("{}{}", s.body, s.name),
            href: self.links.href(&s.path),
        });
        RecordView {
            card: self.card(r),
            id: &r.id,
            meta: self.meta_rows(r, session.clone()),
            session,
            summary_only: r.reply.is_none(),
            draft: r.draft,
            reply: r.reply.as_ref().map(|reply| ReplyView {
                request_html: reply.request.as_deref().map(|m| markdown::to_html(m, 3)),
                summary_html: reply.summary.as_deref().map(|m| markdown::to_html(m, 3)),
                status_reason: reply.status_reason.clone(),
                outcomes: reply
                    .outcomes
                    .iter()
                    .map(|o| OutcomeView {
                        date: o.date.map(|d| DateView::partial(d, self.lang)),
                        heading: o.heading.clone(),
                        html: markdown::to_html(&o.text, 4),
                        planned: o.planned,
                        state: self.label(if o.planned {
                            "outcome.planned"
                        } else {
                            "outcome.done"
                        }),
                    })
                    .collect(),
                attachments: reply
                    .attachments
                    .iter()
                    .map(|a| AttachmentView {
                        title: a.title.clone(),
                        href: self.links.href(&a.path),
                        info: file_info(&a.path, a.bytes, self.lang),
                    })
                    .collect(),
            }),
        }
    }

    /// The metadata block, in the order of a 信息公开 page: number and index
    /// first, then who, then the result.
    fn meta_rows(&self, r: &PublishedRecord, session: Option<Link>) -> Vec<SummaryRow> {
        let l = |k: &str| self.label(k);
        let mut rows = Vec::new();
        if let Some(index_no) = &r.index_no {
            rows.push(SummaryRow::text(l("record.index_no"), index_no));
        }
        if let Some(number) = &r.number {
            rows.push(SummaryRow::text(l("record.number"), number));
        }
        rows.push(SummaryRow::text(
            l("record.kind"),
            l(&format!("kind.{}", r.kind.as_str())),
        ));
        if let Some(session) = session {
            rows.push(SummaryRow {
                key: l("record.session"),
                links: vec![session],
                ..Default::default()
            });
        }
        if r.key {
            rows.push(SummaryRow::text(l("record.key"), l("record.key_yes")));
        }
        if !r.proposers.is_empty() {
            rows.push(SummaryRow::text(
                l("record.proposers"),
                r.proposers.join("、"),
            ));
        }
        if let Some(lead) = &r.lead_official {
            rows.push(SummaryRow::text(l("record.lead_official"), lead));
        }
        let unit_links = |names: &mut dyn Iterator<Item = &String>| -> Vec<Link> {
            names
                .filter_map(|n| self.term_link(TaxonomyKind::Units, n))
                .collect()
        };
        if let Some(host) = &r.host_unit {
            rows.push(SummaryRow {
                key: l("record.host_unit"),
                links: unit_links(&mut std::iter::once(host)),
                ..Default::default()
            });
        }
        let co: Vec<Link> = unit_links(&mut r.co_units.iter());
        if !co.is_empty() {
            rows.push(SummaryRow {
                key: l("record.co_units"),
                links: co,
                ..Default::default()
            });
        }
        let topics: Vec<Link> = r
            .topics
            .iter()
            .filter_map(|t| self.term_link(TaxonomyKind::Topics, t))
            .collect();
        if !topics.is_empty() {
            rows.push(SummaryRow {
                key: l("record.topics"),
                links: topics,
                ..Default::default()
            });
        }
        rows.push(SummaryRow {
            key: l("record.status"),
            status: Some(self.status(r.status)),
            ..Default::default()
        });
        rows.push(match r.replied_on {
            Some(d) => SummaryRow {
                key: l("record.replied_on"),
                date: Some(self.date(d)),
                ..Default::default()
            },
            None => SummaryRow::text(l("record.replied_on"), l("record.not_replied")),
        });
        rows.push(SummaryRow::text(
            l("record.met"),
            l(if r.met_proposer {
                "record.met_yes"
            } else {
                "record.met_no"
            }),
        ));
        rows.push(SummaryRow::text(
            l("record.satisfaction"),
            l(&format!("satisfaction.{}", r.satisfaction.as_str())),
        ));
        if let Some(d) = r.published_on {
            rows.push(SummaryRow {
                key: l("record.published_on"),
                date: Some(self.date(d)),
                ..Default::default()
            });
        }
        rows
    }
}

/// `PDF，120 KB`: the file type and size shown beside an attachment link.
fn file_info(path: &str, bytes: u64, lang: Lang) -> String {
    let kind = path
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_uppercase())
        .unwrap_or_default();
    let size = if bytes >= 1024 * 1024 {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    } else {
        format!("{} KB", bytes.div_ceil(1024).max(1))
    };
    if kind.is_empty() {
        size
    } else {
        match lang {
            Lang::Zh => format!("{kind}，{size}"),
            Lang::En => format!("{kind}, {size}"),
        }
    }
}

/// The plain text of a record's reply, for the page description.
pub fn summary_text(r: &PublishedRecord) -> Option<String> {
    let reply = r.reply.as_ref()?;
    let text = markdown::to_text(reply.summary.as_deref().or(reply.request.as_deref())?);
    (!text.is_empty()).then_some(text)
}

#[cfg(test)]
mod tests {
    use super::file_info;
    use crate::diagnostic::Lang;

    #[test]
    fn attachment_info_names_type_and_size() {
        assert_eq!(
            file_info("p/reply.pdf", 120 * 1024, Lang::Zh),
            "PDF，120 KB"
        );
        assert_eq!(file_info("p/reply.pdf", 10, Lang::En), "PDF, 1 KB");
        assert_eq!(file_info("p/x", 3 * 1024 * 1024, Lang::Zh), "3.0 MB");
    }
}

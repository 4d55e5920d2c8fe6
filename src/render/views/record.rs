//! Records as templates see them: a card in a list, and the full record page
//! with its 信息公开-style metadata rows, reply, outcomes and attachments.
//!
//! A fact the record does not state gets no row and no words: the rows for the
//! reply (办复), the meeting (见面) and the feedback (满意度) appear only when the
//! record states them, and a negative (尚未办复, 未见面, 待反馈) only when it says
//! so. Rows about the proposer are worded by kind — 提案人 for a proposal, 代表
//! for a deputy's suggestion — and a recommendation (建议案, from a CPPCC body
//! rather than a person) has no proposer row.

use serde::Serialize;

use super::{DateView, Link, StatusView, Viewer};
use crate::diagnostic::Lang;
use crate::model::published::PublishedText;
use crate::model::{Kind, Outcome, OutcomeState, Replied};
use crate::model::{PublishedRecord, TaxonomyKind};
use crate::text::markdown;

/// A record in a list: enough to recognise it and follow the link.
#[derive(Clone, Debug, Serialize)]
pub struct RecordCard<'a> {
    pub href: String,
    pub title: &'a str,
    pub number: Option<&'a str>,
    /// `None` when the record states no category: no tag.
    pub status: Option<StatusView>,
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
    /// The reply summary (答复摘要), at both disclosure levels.
    pub summary_html: Option<String>,
    /// With summary_only: why the full reply is not published.
    pub disclosure_reason: Option<String>,
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
    /// The full reply letter (答复全文).
    pub full_html: Option<String>,
    pub status_reason: Option<String>,
    /// The heading of the reason: 暂不能解决的原因 for a `not_feasible`
    /// category, else 办理结果说明.
    pub status_reason_title: String,
    pub outcomes: Vec<OutcomeView>,
    /// What the outcome tags mean; only when an outcome has one.
    pub outcomes_legend: Option<String>,
    pub attachments: Vec<AttachmentView>,
}

/// One step of the handling, its state told in words (已完成, 正在推进, 计划);
/// no tag where the record does not say.
#[derive(Clone, Debug, Serialize)]
pub struct OutcomeView {
    pub date: Option<DateView>,
    pub heading: Option<String>,
    pub html: String,
    /// `done`, `ongoing` or `planned`, for the CSS class; `None`: not stated.
    pub state: Option<&'static str>,
    /// The state in words.
    pub state_text: Option<String>,
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
            status: r.status.map(|i| self.status(i)),
            kind_label: self.label(&format!("kind.{}", r.kind.as_str())),
            host_unit: r.host_unit.as_deref(),
            year: r.year,
            key: r.key,
            date: r.published_on.map(|d| self.date(d)),
            unit_role: None,
        }
    }

    /// The record's page; `text` is its published text, read back once for it.
    pub fn record(&self, r: &'a PublishedRecord, text: &PublishedText) -> RecordView<'a> {
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
            summary_html: text.summary.as_deref().map(|m| markdown::to_html(m, 3)),
            disclosure_reason: text.disclosure_reason.as_deref().map(str::to_owned),
            reply: r
                .reply
                .as_ref()
                .zip(text.reply.as_ref())
                .map(|(attached, reply)| ReplyView {
                    request_html: reply.request.as_deref().map(|m| markdown::to_html(m, 3)),
                    full_html: reply.full_text.as_deref().map(|m| markdown::to_html(m, 3)),
                    status_reason: reply.status_reason.as_deref().map(str::to_owned),
                    status_reason_title: self.label(
                        if r.status
                            .is_some_and(|i| self.site.categories.get(i).not_feasible)
                        {
                            "record.status_reason_not_feasible"
                        } else {
                            "record.status_reason"
                        },
                    ),
                    outcomes: reply
                        .outcomes
                        .iter()
                        .map(|o| OutcomeView {
                            date: o.date.map(|d| DateView::partial(d, self.lang)),
                            heading: o.heading.clone(),
                            html: markdown::to_html(&o.text, 4),
                            state: o.state.map(OutcomeState::as_str),
                            state_text: o
                                .state
                                .map(|s| self.label(&format!("outcome.{}", s.as_str()))),
                        })
                        .collect(),
                    outcomes_legend: self.outcomes_legend(&reply.outcomes),
                    attachments: attached
                        .attachments
                        .iter()
                        .map(|a| AttachmentView {
                            title: a.title.clone(),
                            href: self.links.href(&a.path),
                            info: file_info(&a.format, a.bytes, self.lang),
                        })
                        .collect(),
                }),
        }
    }

    /// What the outcome tags of this page mean: a sentence for each state some
    /// outcome has, in the order done, ongoing, planned, and one for the
    /// outcomes without a tag if there are any; nothing when no outcome has a
    /// state. A legend never explains a tag the page does not show (a page
    /// with only done and ongoing work says nothing about promises).
    fn outcomes_legend(&self, outcomes: &[Outcome]) -> Option<String> {
        let states: Vec<String> = OutcomeState::ALL
            .iter()
            .filter(|s| outcomes.iter().any(|o| o.state == Some(**s)))
            .map(|s| self.label(&format!("record.outcomes_note_{}", s.as_str())))
            .collect();
        if states.is_empty() {
            return None;
        }
        let states = states.join(&self.label("record.outcomes_note_join"));
        Some(if outcomes.iter().any(|o| o.state.is_none()) {
            self.fill(
                "record.outcomes_note_with_unstated",
                &[
                    ("states", &states),
                    ("unstated", &self.label("record.outcomes_note_unstated")),
                ],
            )
        } else {
            self.fill("record.outcomes_note", &[("states", &states)])
        })
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
        // A recommendation comes from a CPPCC body, not a person: no proposer row.
        if !r.proposers.is_empty() && r.kind != Kind::Recommendation {
            rows.push(SummaryRow::text(
                l(&format!("record.proposers_{}", r.kind.as_str())),
                r.proposers.join(&l("list.separator")),
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
        // Each fact only as far as the record states it.
        if let Some(i) = r.status {
            rows.push(SummaryRow {
                key: l("record.status"),
                status: Some(self.status(i)),
                ..Default::default()
            });
        }
        if let Some(d) = r.assigned_on {
            rows.push(SummaryRow {
                key: l("record.assigned_on"),
                date: Some(self.date(d)),
                ..Default::default()
            });
        }
        match r.replied {
            Some(Replied::On(d)) => rows.push(SummaryRow {
                key: l("record.replied_on"),
                date: Some(self.date(d)),
                ..Default::default()
            }),
            Some(Replied::Yes) => rows.push(SummaryRow::text(
                l("record.replied"),
                l("record.replied_yes"),
            )),
            Some(Replied::No) => rows.push(SummaryRow::text(
                l("record.replied"),
                l("record.not_replied"),
            )),
            None => {}
        }
        // Only from two stated dates: never from the day the site is built.
        if let Some(h) = r.handling {
            let verdict = l(if h.on_time {
                "record.on_time"
            } else {
                "record.late"
            });
            rows.push(SummaryRow::text(
                l("record.handling"),
                self.fill(
                    "record.handling_days",
                    &[
                        ("days", &h.days.to_string()),
                        ("verdict", &verdict),
                        ("limit", &self.site.config.reply_within_days.to_string()),
                    ],
                ),
            ));
        }
        let kind = r.kind.as_str();
        if let Some(met) = r.met_proposer {
            let value = if met { "met_yes" } else { "met_no" };
            rows.push(SummaryRow::text(
                l("record.met"),
                l(&format!("record.{value}_{kind}")),
            ));
        }
        if let Some(s) = r.satisfaction {
            rows.push(SummaryRow::text(
                l(&format!("record.satisfaction_{kind}")),
                l(&format!("satisfaction.{}", s.as_str())),
            ));
        }
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
fn file_info(kind: &str, bytes: u64, lang: Lang) -> String {
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

/// The first `max` characters ([`super::excerpt`]) of the plain text of a
/// record's reply summary (or, for a public record without one, of its
/// request), for the page description; `None` when it has no text.
///
/// Only the start of a long text is parsed ([`markdown::head`]) when its
/// text runs past `max` characters; the excerpt is then the whole text's.
pub fn summary_excerpt(r: &PublishedText, max: usize) -> Option<String> {
    let request = r.reply.as_ref().and_then(|reply| reply.request.as_deref());
    let source = r.summary.as_deref().or(request)?;
    // Eight bytes a character: three for a Chinese one, the rest for markup.
    if let Some(head) = markdown::head(source, max * 8) {
        let text = markdown::to_text(head);
        if shown_length(&text) > max {
            return Some(super::excerpt(&text, max));
        }
    }
    let text = markdown::to_text(source);
    (!text.is_empty()).then(|| super::excerpt(&text, max))
}

/// The characters [`super::excerpt`] counts in `text`: its words' and one
/// space between each two.
fn shown_length(text: &str) -> usize {
    let mut words: usize = 0;
    let chars: usize = text
        .split_whitespace()
        .map(|w| {
            words += 1;
            w.chars().count()
        })
        .sum();
    chars + words.saturating_sub(1)
}

#[cfg(test)]
mod tests {
    use super::file_info;
    use crate::diagnostic::Lang;

    /// A description from the start of a long text is the whole text's, on
    /// long generated-like texts and on what could tell them apart: a link
    /// defined after the cut, a fence, an HTML comment or a list open across
    /// it, a short text ending in `…`, CRLF lines.
    #[test]
    fn a_description_from_the_start_is_the_wholes() {
        use super::super::excerpt;
        use super::{markdown, summary_excerpt};
        use crate::model::published::PublishedText;
        let para = |i: usize| format!("第{i}段，区教育局会同街道开展了调研，形成了问题清单。");
        let long: String = (0..40).map(|i| format!("{}\n\n", para(i))).collect();
        let list: String = (0..40)
            .map(|i| format!("{}. {}\n", i + 1, para(i)))
            .collect();
        let cases = [
            long.clone(),
            list.clone(),
            format!("{list}\n{list}\n- 追加\n\n  续段\n"),
            format!("见[通知][n]。{long}[n]: https://x.gov.cn/"),
            format!("[n]: https://x.gov.cn/\n\n见[通知][n]。{long}"),
            format!("```\n{long}```\n{long}"),
            format!("<!--\n{long}-->\n{long}"),
            format!("> {}\n>\n> {long}", para(1)),
            format!("# 标题\n\n{long}"),
            "短文本……".to_string(),
            long.replace('\n', "\r\n"),
            format!("{}{long}", "长".repeat(2000)),
            String::new(),
        ];
        let mut from_head = 0;
        for source in &cases {
            let text = PublishedText {
                summary: Some(source.as_str().into()),
                disclosure_reason: None,
                reply: None,
            };
            let whole = markdown::to_text(source);
            let expected = (!whole.is_empty()).then(|| excerpt(&whole, 120));
            assert_eq!(summary_excerpt(&text, 120), expected, "{source}");
            from_head += usize::from(markdown::head(source, 960).is_some());
        }
        assert!(from_head >= 8, "{from_head} of the texts were cut");
    }

    #[test]
    fn attachment_info_names_type_and_size() {
        assert_eq!(file_info("PDF", 120 * 1024, Lang::Zh), "PDF，120 KB");
        assert_eq!(file_info("OFD", 10, Lang::En), "OFD, 1 KB");
        assert_eq!(file_info("", 3 * 1024 * 1024, Lang::Zh), "3.0 MB");
    }
}

//! Open data: `data/proposals.json`, `data/proposals.csv` and `data/sessions.json`.
//!
//! The row types below are the published files' contract: their field order is
//! the order of the JSON keys and of the CSV columns, and `data/schema.json` is
//! generated from them ([`super::schema`]), so the files and their schema cannot
//! drift apart. A `public` record carries every published field; a
//! `summary_only` record has no `status_reason`, `request`, `summary`,
//! `outcomes` or `attachments` keys at all (its CSV cells for them are empty).
//!
//! The CSV is for spreadsheets: UTF-8 with a byte-order mark (Excel on Chinese
//! Windows otherwise reads it as GBK), CRLF line ends, quoted by the `csv` crate
//! where needed, list fields joined with "；", and every cell that a spreadsheet
//! would run as a formula (starting with `=`, `+`, `-`, `@`, tab or CR) prefixed
//! with `'`.

use std::io::{self, Write};

use schemars::JsonSchema;
use serde::Serialize;

use super::{Words, records};
use crate::content::{Date, Kind, Satisfaction, Status};
use crate::model::{Counts, Published, PublishedRecord, Session, Site};

/// The site a data file comes from.
#[derive(Serialize, JsonSchema)]
pub struct SiteRow<'a> {
    /// The site's name.
    pub title: &'a str,
    /// The site's absolute address (`base_url`).
    pub url: &'a str,
    /// 主办单位: the office that publishes the site.
    pub owner: &'a str,
}

/// `data/proposals.json`.
#[derive(Serialize, JsonSchema)]
#[schemars(title = "proposals.json")]
pub struct ProposalsFile<'a> {
    pub site: SiteRow<'a>,
    /// Every published record, newest first (by `published_on`, then by id).
    pub records: Vec<RecordRow<'a>>,
}

/// How much of a record is published.
#[derive(Clone, Copy, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Disclosure {
    /// 主动公开: every field.
    Public,
    /// Metadata and status only: no `status_reason`, `request`, `summary`, `outcomes` or `attachments`.
    SummaryOnly,
}

/// One published record.
#[derive(Serialize, JsonSchema)]
pub struct RecordRow<'a> {
    /// The record's id: its path under `content/proposals/` without `.yaml`, e.g. `2019/0003`.
    pub id: &'a str,
    /// The absolute address of the record's page.
    pub url: String,
    pub disclosure: Disclosure,
    pub kind: Kind,
    /// The kind in words, as the site shows it (提案, 建议案, 人大代表建议).
    pub kind_label: String,
    /// The session's id.
    pub session: &'a str,
    /// The session in words, e.g. 区政协九届三次会议.
    pub session_name: String,
    /// The session's year.
    pub year: i32,
    /// The official number as printed, e.g. 第12号.
    pub number: Option<&'a str>,
    /// 索引号 of the government-information catalogue.
    pub index_no: Option<&'a str>,
    pub title: &'a str,
    /// Members' or deputies' public names.
    pub proposers: &'a [String],
    /// 重点督办件: a key proposal under supervision.
    pub key: bool,
    /// 领办领导.
    pub lead_official: Option<&'a str>,
    /// 主办单位: the unit that hosts the handling.
    pub host_unit: Option<&'a str>,
    /// 协办单位: co-handling units.
    pub co_units: &'a [String],
    pub topics: &'a [String],
    pub status: Status,
    /// The status in words, as the site shows it (`status_labels` in `site.yaml`).
    pub status_label: String,
    /// 办复 date, `YYYY-MM-DD`; `null` when not yet replied.
    #[schemars(schema_with = "optional_date")]
    pub replied_on: Option<Date>,
    /// 见面: the handling unit met the proposer.
    pub met_proposer: bool,
    pub satisfaction: Satisfaction,
    /// 发布日期, `YYYY-MM-DD` (the reply date unless set apart); `null` when neither is known.
    #[schemars(schema_with = "optional_date")]
    pub published_on: Option<Date>,
    /// Present only for `public` records.
    #[serde(flatten)]
    pub reply: Option<ReplyRow<'a>>,
}

fn optional_date(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({
        "type": ["string", "null"],
        "format": "date",
        "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
    })
}

/// The reply of a `public` record.
#[derive(Serialize, JsonSchema)]
pub struct ReplyRow<'a> {
    /// Why it cannot be done now (with `not_feasible`).
    pub status_reason: Option<&'a str>,
    /// What the proposal asked for (原案摘要), Markdown.
    pub request: Option<&'a str>,
    /// The reply summary, Markdown.
    pub summary: Option<&'a str>,
    pub outcomes: Vec<OutcomeRow<'a>>,
    pub attachments: Vec<AttachmentRow>,
}

/// One step of the handling.
#[derive(Serialize, JsonSchema)]
pub struct OutcomeRow<'a> {
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub date: Option<String>,
    pub heading: Option<&'a str>,
    /// Markdown.
    pub text: &'a str,
    /// `true` for a promise (预计, 计划) rather than something done.
    pub planned: bool,
}

/// A published file of the record (e.g. the reply letter).
#[derive(Serialize, JsonSchema)]
pub struct AttachmentRow {
    pub title: String,
    /// The file's absolute address.
    pub url: String,
    /// Its size in bytes.
    pub bytes: u64,
}

impl<'a> RecordRow<'a> {
    pub fn new(w: &Words<'_>, r: &'a PublishedRecord) -> RecordRow<'a> {
        let session = w.site.session(&r.session);
        RecordRow {
            id: &r.id,
            url: w.url(&r.path),
            disclosure: match r.level {
                Published::Full => Disclosure::Public,
                Published::SummaryOnly => Disclosure::SummaryOnly,
            },
            kind: r.kind,
            kind_label: w.label(&format!("kind.{}", r.kind.as_str())),
            session: &r.session,
            session_name: session
                .map(|s| format!("{}{}", s.body, s.name))
                .unwrap_or_default(),
            year: r.year,
            number: r.number.as_deref(),
            index_no: r.index_no.as_deref(),
            title: &r.title,
            proposers: &r.proposers,
            key: r.key,
            lead_official: r.lead_official.as_deref(),
            host_unit: r.host_unit.as_deref(),
            co_units: &r.co_units,
            topics: &r.topics,
            status: r.status,
            status_label: w.status(r.status),
            replied_on: r.replied_on,
            met_proposer: r.met_proposer,
            satisfaction: r.satisfaction,
            published_on: r.published_on,
            reply: r.reply.as_ref().map(|reply| ReplyRow {
                status_reason: reply.status_reason.as_deref(),
                request: reply.request.as_deref(),
                summary: reply.summary.as_deref(),
                outcomes: reply
                    .outcomes
                    .iter()
                    .map(|o| OutcomeRow {
                        date: o.date.map(|d| d.iso()),
                        heading: o.heading.as_deref(),
                        text: &o.text,
                        planned: o.planned,
                    })
                    .collect(),
                attachments: reply
                    .attachments
                    .iter()
                    .map(|a| AttachmentRow {
                        title: a.title.clone(),
                        url: w.url(&a.path),
                        bytes: a.bytes,
                    })
                    .collect(),
            }),
        }
    }
}

fn site_row(site: &Site) -> SiteRow<'_> {
    SiteRow {
        title: &site.config.title,
        url: &site.config.base_url,
        owner: &site.config.owner,
    }
}

/// `data/proposals.json`: one record per line inside the `records` array, so
/// the file stays compact yet diffs and greps line by line.
/// Written row by row into `out`: at 100,000 records the file is 300 MB, which
/// need not be in memory at once.
pub fn write_proposals_json(w: &Words<'_>, out: &mut dyn Write) -> io::Result<()> {
    let rows = records(w.site).map(|r| RecordRow::new(w, r));
    json_lines("site", &site_row(w.site), "records", rows, out)
}

/// Writes `{"<head_key>":head,"<list_key>":[\n row,\n row\n]}\n`.
fn json_lines<H: Serialize, R: Serialize>(
    head_key: &str,
    head: &H,
    list_key: &str,
    rows: impl Iterator<Item = R>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut buf = Vec::new();
    buf.extend_from_slice(b"{");
    push_json(&mut buf, &head_key);
    buf.push(b':');
    push_json(&mut buf, head);
    buf.push(b',');
    push_json(&mut buf, &list_key);
    buf.extend_from_slice(b":[");
    for (i, row) in rows.enumerate() {
        buf.extend_from_slice(if i == 0 { b"\n" } else { b",\n" });
        push_json(&mut buf, &row);
        out.write_all(&buf)?;
        buf.clear();
    }
    buf.extend_from_slice(b"\n]}\n");
    out.write_all(&buf)
}

fn push_json<T: Serialize + ?Sized>(out: &mut Vec<u8>, value: &T) {
    super::json::push(out, value);
}

// --- CSV -----------------------------------------------------------------------

/// Joins list items in a CSV cell.
pub const LIST_SEPARATOR: &str = "；";

/// One CSV row: the JSON record flattened, every cell text, in the JSON's key
/// order. Lists are joined with "；"; outcomes are written
/// `date heading：text（planned label）`, attachments `title url`.
#[derive(Default, Serialize, JsonSchema)]
#[schemars(title = "proposals.csv row")]
pub struct CsvRow {
    pub id: String,
    pub url: String,
    pub disclosure: String,
    pub kind: String,
    pub kind_label: String,
    pub session: String,
    pub session_name: String,
    pub year: String,
    pub number: String,
    pub index_no: String,
    pub title: String,
    pub proposers: String,
    pub key: String,
    pub lead_official: String,
    pub host_unit: String,
    pub co_units: String,
    pub topics: String,
    pub status: String,
    pub status_label: String,
    pub replied_on: String,
    pub met_proposer: String,
    pub satisfaction: String,
    pub published_on: String,
    pub status_reason: String,
    pub request: String,
    pub summary: String,
    pub outcomes: String,
    pub attachments: String,
}

impl CsvRow {
    pub fn new(row: &RecordRow<'_>, planned_label: &str) -> CsvRow {
        let opt = |v: Option<&str>| v.map(cell).unwrap_or_default();
        let list = |v: &[String]| cell(&v.join(LIST_SEPARATOR));
        let date = |d: Option<Date>| d.map(|d| d.to_string()).unwrap_or_default();
        let reply = row.reply.as_ref();
        CsvRow {
            id: cell(row.id),
            url: cell(&row.url),
            disclosure: keyword(&row.disclosure),
            kind: cell(row.kind.as_str()),
            kind_label: cell(&row.kind_label),
            session: cell(row.session),
            session_name: cell(&row.session_name),
            year: row.year.to_string(),
            number: opt(row.number),
            index_no: opt(row.index_no),
            title: cell(row.title),
            proposers: list(row.proposers),
            key: row.key.to_string(),
            lead_official: opt(row.lead_official),
            host_unit: opt(row.host_unit),
            co_units: list(row.co_units),
            topics: list(row.topics),
            status: cell(row.status.as_str()),
            status_label: cell(&row.status_label),
            replied_on: date(row.replied_on),
            met_proposer: row.met_proposer.to_string(),
            satisfaction: cell(row.satisfaction.as_str()),
            published_on: date(row.published_on),
            status_reason: opt(reply.and_then(|r| r.status_reason)),
            request: opt(reply.and_then(|r| r.request)),
            summary: opt(reply.and_then(|r| r.summary)),
            outcomes: reply
                .map(|r| {
                    let items: Vec<String> = r
                        .outcomes
                        .iter()
                        .map(|o| outcome_text(o, planned_label))
                        .collect();
                    cell(&items.join(LIST_SEPARATOR))
                })
                .unwrap_or_default(),
            attachments: reply
                .map(|r| {
                    let items: Vec<String> = r
                        .attachments
                        .iter()
                        .map(|a| format!("{} {}", a.title, a.url))
                        .collect();
                    cell(&items.join(LIST_SEPARATOR))
                })
                .unwrap_or_default(),
        }
    }
}

fn keyword<T: Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

fn outcome_text(o: &OutcomeRow<'_>, planned_label: &str) -> String {
    let mut s = String::new();
    if let Some(d) = &o.date {
        s.push_str(d);
        s.push(' ');
    }
    if let Some(h) = o.heading {
        s.push_str(h);
        s.push('：');
    }
    s.push_str(o.text);
    if o.planned {
        s.push_str(&format!("（{planned_label}）"));
    }
    s
}

/// A CSV cell, neutralised: text a spreadsheet would run as a formula gets a
/// leading `'`, which spreadsheets show as text.
pub fn cell(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

/// The UTF-8 byte-order mark that makes Excel read the file as UTF-8.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// `data/proposals.csv`.
/// Written row by row into `out`, like [`write_proposals_json`].
pub fn write_proposals_csv(w: &Words<'_>, out: &mut dyn Write) -> io::Result<()> {
    let planned = w.label("outcome.planned");
    out.write_all(BOM)?;
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .quote_style(csv::QuoteStyle::Necessary)
        .from_writer(out);
    for r in records(w.site) {
        writer.serialize(CsvRow::new(&RecordRow::new(w, r), &planned))?;
    }
    if records(w.site).next().is_none() {
        // No rows: still write the header, so the columns are documented.
        writer.write_record(csv_columns())?;
    }
    writer.flush()
}

/// The CSV's column names, in order: the header `csv` writes for [`CsvRow`].
pub fn csv_columns() -> Vec<String> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer
        .serialize(CsvRow::default())
        .expect("CSV serialisation of open data");
    let bytes = writer.into_inner().unwrap_or_default();
    let mut reader = csv::Reader::from_reader(bytes.as_slice());
    reader
        .headers()
        .map(|h| h.iter().map(str::to_string).collect())
        .unwrap_or_default()
}

// --- sessions ------------------------------------------------------------------

/// `data/sessions.json`.
#[derive(Serialize, JsonSchema)]
#[schemars(title = "sessions.json")]
pub struct SessionsFile<'a> {
    pub site: SiteRow<'a>,
    /// Every session, newest year first.
    pub sessions: Vec<SessionRow<'a>>,
}

/// One session and its figures.
#[derive(Serialize, JsonSchema)]
pub struct SessionRow<'a> {
    pub id: &'a str,
    /// The absolute address of the session's report page.
    pub url: String,
    /// 区政协 or 区人大.
    pub body: &'a str,
    /// E.g. 九届三次会议.
    pub name: &'a str,
    pub year: i32,
    /// The official figures the report declares; `null` where it declares none.
    pub declared: DeclaredRow,
    /// Figures counted from the records (withheld ones included, drafts not).
    pub computed: ComputedRow,
    /// Whether the records cover every declared kind; only then are the computed
    /// rates given, and comparable to the declared ones.
    pub covers: bool,
    /// How many of the session's records are published individually (in `proposals.json`).
    pub published: u32,
}

/// The declared figures.
#[derive(Serialize, JsonSchema)]
pub struct DeclaredRow {
    /// 建议案 handled.
    pub recommendations: Option<u32>,
    /// 提案 handled.
    pub proposals: Option<u32>,
    /// 人大代表建议 handled.
    pub suggestions: Option<u32>,
    /// 重点督办件 among them.
    pub key: Option<u32>,
    /// Records that cannot be solved for now (C 类).
    pub not_feasible: Option<u32>,
    /// 办复率, percent.
    pub reply_rate: Option<f64>,
    /// 见面率, percent.
    pub meeting_rate: Option<f64>,
    /// 满意和基本满意率, percent.
    pub satisfaction_rate: Option<f64>,
}

/// The figures counted from the session's records.
#[derive(Serialize, JsonSchema)]
pub struct ComputedRow {
    #[serde(flatten)]
    pub counts: Counts,
    /// 办复率 = replied / records, percent to two decimals; `null` unless `covers`.
    pub reply_rate: Option<f64>,
    /// 见面率 = met / records, percent; `null` unless `covers`.
    pub meeting_rate: Option<f64>,
    /// 满意和基本满意率 = satisfied / with_feedback, percent; `null` unless `covers` (or no feedback).
    pub satisfaction_rate: Option<f64>,
}

impl<'a> SessionRow<'a> {
    pub fn new(site: &Site, s: &'a Session) -> SessionRow<'a> {
        let d = &s.declared;
        let c = &s.counts;
        let rate = |r: Option<f64>| r.filter(|_| s.covers).map(two_decimals);
        SessionRow {
            id: &s.id,
            url: super::absolute(&site.config.base_url, &s.path),
            body: &s.body,
            name: &s.name,
            year: s.year,
            declared: DeclaredRow {
                recommendations: d.recommendations,
                proposals: d.proposals,
                suggestions: d.suggestions,
                key: d.key,
                not_feasible: d.not_feasible,
                reply_rate: d.reply_rate,
                meeting_rate: d.meeting_rate,
                satisfaction_rate: d.satisfaction_rate,
            },
            computed: ComputedRow {
                counts: c.clone(),
                reply_rate: rate(c.reply_rate()),
                meeting_rate: rate(c.meeting_rate()),
                satisfaction_rate: rate(c.satisfaction_rate()),
            },
            covers: s.covers,
            published: s.published,
        }
    }
}

fn two_decimals(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// `data/sessions.json`.
pub fn sessions_json(site: &Site) -> Vec<u8> {
    let rows = site.sessions.iter().map(|s| SessionRow::new(site, s));
    let mut out = Vec::new();
    // Writing into memory cannot fail.
    let _ = json_lines("site", &site_row(site), "sessions", rows, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised() {
        for bad in ["=1+1", "+86", "-2", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(cell(bad), format!("'{bad}"));
        }
        for fine in ["关于=的建议", "2019-09-22", "a-b", "", "'x"] {
            assert_eq!(cell(fine), fine);
        }
    }

    #[test]
    fn outcomes_read_as_one_line_each() {
        let o = OutcomeRow {
            date: Some("2019-07".into()),
            heading: Some("医联体"),
            text: "建成3个",
            planned: true,
        };
        assert_eq!(outcome_text(&o, "计划"), "2019-07 医联体：建成3个（计划）");
    }
}

//! Open data: `data/proposals.json`, `data/proposals.csv` and `data/sessions.json`.
//!
//! The row types below are the published files' contract: their field order is
//! the order of the JSON keys and of the CSV columns, and `data/schema.json` is
//! generated from them ([`super::schema`]), so the files and their schema cannot
//! drift apart. A `public` record carries every published field; a
//! `summary_only` record (摘要公开) has its metadata, category, `summary` and
//! `disclosure_reason`, and no `status_reason`, `request`, `reply`, `outcomes`
//! or `attachments` keys at all (its CSV cells for them are empty).
//!
//! A fact a record does not state is `null` (an empty CSV cell), never `false`
//! or a default: `status`, `replied`, `met_proposer` and `satisfaction` each
//! have three states. A category is printed in its one wording
//! (`status_label`, [`crate::model::category::wording`]).
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
use crate::model::figures::Fact;
use crate::model::published::PublishedText;
use crate::model::{Basis, Published, PublishedRecord, Session, Site};
use crate::model::{Date, Kind, OutcomeState, Satisfaction};

/// The site a data file comes from.
#[derive(Serialize, JsonSchema)]
pub struct SiteRow<'a> {
    /// The site's name.
    pub title: &'a str,
    /// The site's absolute address (`base_url`); absent when the site gives none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<&'a str>,
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
    /// 摘要公开: metadata, category, `summary` and `disclosure_reason`; no
    /// `status_reason`, `request`, `reply`, `outcomes` or `attachments`.
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
    /// The reply category's id (one of `categories` in `site.yaml`); `null`
    /// when the record states none.
    pub status: Option<&'a str>,
    /// The category in words, as every page prints it (B类（正在解决或列入计划解决）);
    /// `null` with `status`.
    pub status_label: Option<&'a str>,
    /// 交办日期, `YYYY-MM-DD`; `null` when not stated.
    #[schemars(schema_with = "optional_date")]
    pub assigned_on: Option<Date>,
    /// 办复: `true` replied, `false` 尚未办复, `null` not stated.
    pub replied: Option<bool>,
    /// 办复 date, `YYYY-MM-DD`; `null` when not stated (which is not "not replied").
    #[schemars(schema_with = "optional_date")]
    pub replied_on: Option<Date>,
    /// 办理用时: days from `assigned_on` to `replied_on`; `null` unless the
    /// record states both.
    pub handling_days: Option<u32>,
    /// 按期办复: `true` replied within the site's `reply_within_days` of
    /// assignment, `false` later; `null` unless the record states both dates.
    pub on_time: Option<bool>,
    /// 见面: `true` met the proposer, `false` did not, `null` not stated.
    pub met_proposer: Option<bool>,
    /// The proposer's feedback (`pending` is a stated 待反馈); `null` not stated.
    pub satisfaction: Option<Satisfaction>,
    /// 发布日期, `YYYY-MM-DD` (the reply date unless set apart); `null` when neither is known.
    #[schemars(schema_with = "optional_date")]
    pub published_on: Option<Date>,
    /// The reply summary (答复摘要), Markdown.
    #[serde(serialize_with = "crate::text::json::optional_text")]
    pub summary: Option<&'a str>,
    /// With `summary_only`: why the full reply is not published; else `null`.
    pub disclosure_reason: Option<&'a str>,
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

/// The parts published only with a `public` record.
#[derive(Serialize, JsonSchema)]
pub struct ReplyRow<'a> {
    /// Why the reply falls in its category (required with a not-feasible one).
    pub status_reason: Option<&'a str>,
    /// What the proposal asked for (原案摘要), Markdown.
    #[serde(serialize_with = "crate::text::json::optional_text")]
    pub request: Option<&'a str>,
    /// The full reply letter (答复全文), Markdown.
    #[serde(serialize_with = "crate::text::json::optional_text")]
    pub reply: Option<&'a str>,
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
    #[serde(serialize_with = "crate::text::json::text")]
    pub text: &'a str,
    /// `done` 已完成, `ongoing` 正在推进, `planned` 计划; `null` when the reply does not say.
    pub state: Option<OutcomeState>,
}

/// A published file of the record (e.g. the reply letter).
#[derive(Serialize, JsonSchema)]
pub struct AttachmentRow {
    pub title: String,
    /// The file's absolute address.
    pub url: String,
    /// Its type, from its extension: `PDF`, `OFD`, `DOCX`; empty when it has none.
    pub format: String,
    /// Its size in bytes.
    pub bytes: u64,
}

impl<'a> RecordRow<'a> {
    /// The row of `r`, whose published text `text` was read back for it.
    pub fn new(w: &Words<'a>, r: &'a PublishedRecord, text: &'a PublishedText) -> RecordRow<'a> {
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
            status: r.status.map(|i| {
                let site: &'a Site = w.site;
                site.categories.get(i).id.as_str()
            }),
            status_label: r.status.map(|i| w.status(i)),
            assigned_on: r.assigned_on,
            replied: r.replied.map(|x| x.is_yes()),
            replied_on: r.replied.and_then(|x| x.date()),
            handling_days: r.handling.map(|h| h.days),
            on_time: r.handling.map(|h| h.on_time),
            met_proposer: r.met_proposer,
            satisfaction: r.satisfaction,
            published_on: r.published_on,
            summary: text.summary.as_deref(),
            disclosure_reason: text.disclosure_reason.as_deref(),
            reply: r
                .reply
                .as_ref()
                .zip(text.reply.as_ref())
                .map(|(attached, reply)| ReplyRow {
                    status_reason: reply.status_reason.as_deref(),
                    request: reply.request.as_deref(),
                    reply: reply.full_text.as_deref(),
                    outcomes: reply
                        .outcomes
                        .iter()
                        .map(|o| OutcomeRow {
                            date: o.date.map(|d| d.iso()),
                            heading: o.heading.as_deref(),
                            text: &o.text,
                            state: o.state,
                        })
                        .collect(),
                    attachments: attached
                        .attachments
                        .iter()
                        .map(|a| AttachmentRow {
                            title: a.title.clone(),
                            url: w.url(&a.path),
                            format: a.format.clone(),
                            bytes: a.bytes,
                        })
                        .collect(),
                }),
        }
    }
}

pub(super) fn site_row(site: &Site) -> SiteRow<'_> {
    SiteRow {
        title: &site.config.title,
        url: site.base_url.as_ref().map(|b| b.as_str()),
        owner: &site.config.owner,
    }
}

/// `data/proposals.json` and `data/proposals.csv`, written side by side row
/// by row: each record's text is read back once for both files (read for
/// each, it was a sixth of all text read back from the spill file), and
/// neither file is ever whole in memory (at 100,000 records each is 300 MB).
///
/// The JSON has one record per line inside the `records` array, so the file
/// stays compact yet diffs and greps line by line.
pub fn write_proposals(w: &Words<'_>, json: &mut dyn Write, csv: &mut dyn Write) -> io::Result<()> {
    let states: Vec<String> = OutcomeState::ALL
        .iter()
        .map(|s| w.label(&format!("outcome.{}", s.as_str())))
        .collect();
    let state_label = |s: OutcomeState| states[s as usize].clone();
    let mut csv = csv_writer(csv)?;
    let mut json = JsonLines::start("site", &site_row(w.site), "records", json)?;
    for r in records(w.site) {
        let text = text_of(r)?;
        let row = RecordRow::new(w, r, &text);
        json.row(&row)?;
        csv.serialize(CsvRow::new(&row, &state_label))?;
    }
    json.end()?;
    if records(w.site).next().is_none() {
        // No rows: still write the header, so the columns are documented.
        csv.write_record(csv_columns())?;
    }
    csv.flush()
}

/// A record's published text, for a data file: a failure to read it back from
/// the spill file is the file's write error, of the same kind (the disk under
/// both is the output folder's).
fn text_of(r: &PublishedRecord) -> io::Result<PublishedText<'_>> {
    use crate::error::Error;
    r.text().map_err(|e| match e {
        Error::Spill { source, .. } | Error::Io { source, .. } => source,
        other => io::Error::other(other.message(crate::diagnostic::Lang::Zh)),
    })
}

/// Writes `{"<head_key>":head,"<list_key>":[\n row,\n row\n]}\n`; stops at
/// the first row that could not be made.
pub(super) fn json_lines<H: Serialize, R: Serialize>(
    head_key: &str,
    head: &H,
    list_key: &str,
    rows: impl Iterator<Item = io::Result<R>>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut lines = JsonLines::start(head_key, head, list_key, out)?;
    for row in rows {
        lines.row(&row?)?;
    }
    lines.end()
}

/// The writer of [`json_lines`], for rows that come from a loop.
pub(super) struct JsonLines<'o> {
    out: &'o mut dyn Write,
    buf: Vec<u8>,
    rows: usize,
}

impl<'o> JsonLines<'o> {
    pub fn start<H: Serialize>(
        head_key: &str,
        head: &H,
        list_key: &str,
        out: &'o mut dyn Write,
    ) -> io::Result<JsonLines<'o>> {
        let mut buf = Vec::new();
        buf.extend_from_slice(b"{");
        push_json(&mut buf, &head_key);
        buf.push(b':');
        push_json(&mut buf, head);
        buf.push(b',');
        push_json(&mut buf, &list_key);
        buf.extend_from_slice(b":[");
        Ok(JsonLines { out, buf, rows: 0 })
    }

    pub fn row<R: Serialize>(&mut self, row: &R) -> io::Result<()> {
        let buf = &mut self.buf;
        buf.extend_from_slice(if self.rows == 0 { b"\n" } else { b",\n" });
        push_json(buf, row);
        self.rows += 1;
        self.out.write_all(buf)?;
        buf.clear();
        Ok(())
    }

    pub fn end(mut self) -> io::Result<()> {
        self.buf.extend_from_slice(b"\n]}\n");
        self.out.write_all(&self.buf)
    }
}

fn push_json<T: Serialize + ?Sized>(out: &mut Vec<u8>, value: &T) {
    crate::text::json::push(out, value);
}

// --- CSV -----------------------------------------------------------------------

/// Joins list items in a CSV cell.
pub const LIST_SEPARATOR: &str = "；";

/// One CSV row: the JSON record flattened, every cell text, in the JSON's key
/// order. Lists are joined with "；"; outcomes are written
/// `date heading：text（state in words）`, attachments `title url`. A fact not
/// stated is an empty cell.
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
    pub assigned_on: String,
    pub replied: String,
    pub replied_on: String,
    pub handling_days: String,
    pub on_time: String,
    pub met_proposer: String,
    pub satisfaction: String,
    pub published_on: String,
    pub summary: String,
    pub disclosure_reason: String,
    pub status_reason: String,
    pub request: String,
    pub reply: String,
    pub outcomes: String,
    pub attachments: String,
}

impl CsvRow {
    /// `state_label` gives an outcome state in words (已完成).
    pub fn new(row: &RecordRow<'_>, state_label: &dyn Fn(OutcomeState) -> String) -> CsvRow {
        let opt = |v: Option<&str>| v.map(cell).unwrap_or_default();
        let flag = |v: Option<bool>| v.map(|b| b.to_string()).unwrap_or_default();
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
            status: opt(row.status),
            status_label: opt(row.status_label),
            assigned_on: date(row.assigned_on),
            replied: flag(row.replied),
            replied_on: date(row.replied_on),
            handling_days: row.handling_days.map(|d| d.to_string()).unwrap_or_default(),
            on_time: flag(row.on_time),
            met_proposer: flag(row.met_proposer),
            satisfaction: row
                .satisfaction
                .map(|s| cell(s.as_str()))
                .unwrap_or_default(),
            published_on: date(row.published_on),
            summary: opt(row.summary),
            disclosure_reason: opt(row.disclosure_reason),
            status_reason: opt(reply.and_then(|r| r.status_reason)),
            request: opt(reply.and_then(|r| r.request)),
            reply: opt(reply.and_then(|r| r.reply)),
            outcomes: reply
                .map(|r| {
                    let items: Vec<String> = r
                        .outcomes
                        .iter()
                        .map(|o| outcome_text(o, state_label))
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

fn outcome_text(o: &OutcomeRow<'_>, state_label: &dyn Fn(OutcomeState) -> String) -> String {
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
    if let Some(state) = o.state {
        s.push_str(&format!("（{}）", state_label(state)));
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

/// A CSV writer for the open data: the BOM first, CRLF line ends, quotes only
/// where a cell needs them.
pub fn csv_writer<W: Write>(mut out: W) -> io::Result<csv::Writer<W>> {
    out.write_all(BOM)?;
    Ok(csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .quote_style(csv::QuoteStyle::Necessary)
        .from_writer(out))
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
    /// Whether the records cover every declared kind; only then (and where
    /// every record states the fact) are the computed rates given, and
    /// comparable to the declared ones.
    pub covers: bool,
    /// For a session that declares no figure: the rates of its published
    /// records, each over those that state its fact (what the session page
    /// shows, labelled 根据本站公开的 N 件记录计算); `null` otherwise.
    pub from_published: Option<PublishedRatesRow>,
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

/// The figures counted from the session's records. A record that does not
/// state a fact is counted in `records` but in neither part of that fact's rate.
#[derive(Serialize, JsonSchema)]
pub struct ComputedRow {
    pub records: u32,
    pub recommendations: u32,
    pub proposals: u32,
    pub suggestions: u32,
    pub key: u32,
    /// Records per reply category, in the site's order.
    pub categories: Vec<CategoryCountRow>,
    /// Records that state no category.
    pub no_category: u32,
    /// Records in a category marked `not_feasible`.
    pub not_feasible: u32,
    /// Records stating they were replied to.
    pub replied: u32,
    /// Records stating whether they were replied to, either way.
    pub reply_stated: u32,
    /// Records stating the proposer was met.
    pub met: u32,
    /// Records stating whether the proposer was met, either way.
    pub met_stated: u32,
    /// Satisfied or basically satisfied.
    pub satisfied: u32,
    /// Records stating a satisfaction other than `pending`.
    pub with_feedback: u32,
    /// Records stating a satisfaction, `pending` included.
    pub satisfaction_stated: u32,
    /// Records stating both `assigned_on` and `replied_on`.
    pub timed: u32,
    /// Of those, replied within `reply_within_days` (按期办复).
    pub on_time: u32,
    /// 办复率 = replied / reply_stated, percent to two decimals; `null` unless
    /// `covers` and every record states it.
    pub reply_rate: Option<f64>,
    /// 见面率 = met / met_stated, percent; `null` unless `covers` and every record states it.
    pub meeting_rate: Option<f64>,
    /// 满意和基本满意率 = satisfied / with_feedback, percent; `null` unless
    /// `covers` and every record states a satisfaction (or none gave feedback).
    pub satisfaction_rate: Option<f64>,
    /// 按期办复率 = on_time / timed, percent; `null` unless `covers` and every
    /// record states both dates.
    pub on_time_rate: Option<f64>,
}

/// How many of a session's records are in one category.
#[derive(Serialize, JsonSchema)]
pub struct CategoryCountRow {
    /// The category's id.
    pub id: String,
    /// Its wording, as the pages print it.
    pub label: String,
    pub records: u32,
}

/// Rates computed from a session's published records, each over the records
/// that state its fact.
#[derive(Serialize, JsonSchema)]
pub struct PublishedRatesRow {
    /// Records published individually (public and summary_only).
    pub records: u32,
    /// 办复率, percent to two decimals; `null` when no record states it.
    pub reply_rate: Option<f64>,
    /// How many records 办复率 is computed over.
    pub reply_records: u32,
    /// 见面率, percent; `null` when no record states it.
    pub meeting_rate: Option<f64>,
    /// How many records 见面率 is computed over.
    pub meeting_records: u32,
    /// 满意和基本满意率, percent; `null` when no record gives feedback.
    pub satisfaction_rate: Option<f64>,
    /// How many records 满意和基本满意率 is computed over (feedback other than `pending`).
    pub satisfaction_records: u32,
    /// 按期办复率, percent; `null` when no record states both dates.
    pub on_time_rate: Option<f64>,
    /// How many records 按期办复率 is computed over (those stating both dates).
    pub on_time_records: u32,
}

impl<'a> SessionRow<'a> {
    pub fn new(site: &Site, s: &'a Session) -> SessionRow<'a> {
        let d = &s.declared;
        let c = &s.counts;
        let rate = |fact: Fact| {
            fact.rate(c)
                .filter(|_| s.covers && fact.stated_by_all(c))
                .map(two_decimals)
        };
        let p = &s.published_counts;
        let published_rate = |fact: Fact| {
            s.rates[fact as usize]
                .filter(|r| matches!(r.basis, Basis::Published { .. }))
                .map(|r| two_decimals(r.value))
        };
        SessionRow {
            id: &s.id,
            url: super::absolute(site.base_url.as_ref(), &s.path),
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
                records: c.records,
                recommendations: c.recommendations,
                proposals: c.proposals,
                suggestions: c.suggestions,
                key: c.key,
                categories: site
                    .categories
                    .list
                    .iter()
                    .enumerate()
                    .map(|(i, cat)| CategoryCountRow {
                        id: cat.id.clone(),
                        label: cat.wording.clone(),
                        records: c.of_category(i),
                    })
                    .collect(),
                no_category: c.no_category,
                not_feasible: c.not_feasible,
                replied: c.replied,
                reply_stated: c.reply_stated,
                met: c.met,
                met_stated: c.met_stated,
                satisfied: c.satisfied,
                with_feedback: c.with_feedback,
                satisfaction_stated: c.satisfaction_stated,
                timed: c.timed,
                on_time: c.on_time,
                reply_rate: rate(Fact::Reply),
                meeting_rate: rate(Fact::Meeting),
                satisfaction_rate: rate(Fact::Satisfaction),
                on_time_rate: rate(Fact::OnTime),
            },
            covers: s.covers,
            from_published: d.is_empty().then(|| PublishedRatesRow {
                records: p.records,
                reply_rate: published_rate(Fact::Reply),
                reply_records: Fact::Reply.basis(p),
                meeting_rate: published_rate(Fact::Meeting),
                meeting_records: Fact::Meeting.basis(p),
                satisfaction_rate: published_rate(Fact::Satisfaction),
                satisfaction_records: Fact::Satisfaction.basis(p),
                on_time_rate: published_rate(Fact::OnTime),
                on_time_records: Fact::OnTime.basis(p),
            }),
            published: s.published,
        }
    }
}

fn two_decimals(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// `data/sessions.json`.
pub fn sessions_json(site: &Site) -> Vec<u8> {
    let rows = site.sessions.iter().map(|s| Ok(SessionRow::new(site, s)));
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
        let label = |s: OutcomeState| s.as_str().to_uppercase();
        let mut o = OutcomeRow {
            date: Some("2019-07".into()),
            heading: Some("医联体"),
            text: "建成3个",
            state: Some(OutcomeState::Planned),
        };
        assert_eq!(
            outcome_text(&o, &label),
            "2019-07 医联体：建成3个（PLANNED）"
        );
        o.state = None;
        assert_eq!(outcome_text(&o, &label), "2019-07 医联体：建成3个");
    }
}

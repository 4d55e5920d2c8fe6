//! A record: one proposal, recommendation or suggestion and its reply.
//! One file per record under `content/proposals/<dir>/<name>.yaml`.
//!
//! A fact the record leaves out is *not stated*: every such field is an
//! `Option`, and `None` never stands for a negative. `replied`/`replied_on`,
//! `met_proposer`, `satisfaction`, `status` and an outcome's `state` each have
//! three states — stated yes, stated no (or a stated value), absent — and the
//! site says nothing about the absent one (docs/content.md, 三态事实：写明的才说: "A fact that a record
//! leaves out is not stated").

use schemars::JsonSchema;
use serde::Serialize;

use super::spill::{Reader, Spillable, Stored, put_count, put_str};
use super::{Date, Disclosure, Kind, OutcomeState, Satisfaction};

/// How a record file written by `gongkai import` begins: the comment naming
/// the register and row it came from. Its provenance: a record imported as
/// `withheld` and then published without choosing a disclosure is warned of.
pub const IMPORTED_MARK: &str = "# 由 gongkai import 从 ";

/// One record file. Unknown fields are errors: a typo must not silently vanish.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields, title = "gongkai record")]
pub struct RecordFile {
    /// `proposal` 提案 · `recommendation` 建议案 · `suggestion` 人大代表建议.
    pub kind: Kind,
    /// The id of a session: the file name of `content/sessions/<id>.yaml` without `.yaml`.
    pub session: String,
    /// The title, e.g. 关于加快推进停车场建设的建议.
    pub title: String,
    /// The official number as printed, e.g. 第12号.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// 索引号 of the government-information catalogue.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub index_no: Option<String>,
    /// Members' or deputies' public names. There is no field for contact data.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub proposers: Vec<String>,
    /// 重点督办件: a key proposal under supervision.
    #[serde(default)]
    pub key: bool,
    /// 领办领导: the official who leads the handling.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lead_official: Option<String>,
    /// 主办单位: the unit that hosts the handling (recommended).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub host_unit: Option<String>,
    /// 协办单位: co-handling units.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub co_units: Vec<String>,
    /// A few taxonomy terms, e.g. 停车设施.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub topics: Vec<String>,
    /// The reply category: the `id` of one of the site's `categories`
    /// (`site.yaml`; by default `solved`, `in_progress`, `not_feasible`,
    /// `reference`). Absent: not stated — no tag, in no category's page or count.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// 交办日期, `YYYY-MM-DD`: the day the record was assigned to its units.
    /// With `replied_on` it gives the handling time (办理用时), on time when
    /// within `reply_within_days` (`site.yaml`, default 90). Absent: not
    /// stated, and the record is counted neither on time nor late.
    // `default` tells the schema the field is optional (`schema_with` hides the `Option`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(schema_with = "super::date_schema")]
    pub assigned_on: Option<Date>,
    /// 办复: `true` (replied, date not published) or `false` (尚未办复). With
    /// `replied_on` it may be left out. Absent (and no `replied_on`): not stated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub replied: Option<bool>,
    /// 办复 date, `YYYY-MM-DD`: the record was replied to on that day. Absent:
    /// see `replied`; never read as "not replied".
    // `default` tells the schema the field is optional (`schema_with` hides the `Option`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(schema_with = "super::date_schema")]
    pub replied_on: Option<Date>,
    /// 见面: `true` 已见面沟通, `false` 未见面. Absent: not stated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub met_proposer: Option<bool>,
    /// The proposer's feedback: `satisfied` · `basically_satisfied` ·
    /// `dissatisfied` · `pending` (待反馈, stated). Absent: not stated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub satisfaction: Option<Satisfaction>,
    /// `public` (主动公开: everything) · `summary_only` (摘要公开: metadata,
    /// category, `summary`; the full reply, request, outcomes, attachments and
    /// `status_reason` withheld) · `withheld` (only counted).
    pub disclosure: Disclosure,
    /// The long texts — reasons, request, summary, reply, outcomes — kept
    /// apart: in a build they wait in a spill file between loading and output
    /// ([`crate::content::spill`]).
    #[serde(flatten)]
    pub prose: Stored<Prose>,
    /// 发布日期, `YYYY-MM-DD`; defaults to `replied_on`. Feeds and sitemaps use it.
    // `default` tells the schema the field is optional (`schema_with` hides the `Option`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(schema_with = "super::date_schema")]
    pub published_on: Option<Date>,
    /// A record being prepared: in no output and no figure; `gongkai serve --drafts` shows it.
    #[serde(default)]
    pub draft: bool,
    /// Reply letters and other files beside the YAML, copied to the output.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attachments: Vec<Attachment>,
}

/// The long texts of a record file ([`RecordFile::prose`]): in a build they
/// are moved into a spill file as soon as the file is decoded, and read back
/// by each stage that needs them ([`crate::content::spill`]); the title and the
/// short metadata stay in [`RecordFile`].
#[derive(Clone, Debug, Default, PartialEq, Serialize, JsonSchema)]
pub struct Prose {
    /// Why the reply falls in its category (a B类 reply often says why it is only
    /// planned); shown with any category, required with a `not_feasible` one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status_reason: Option<String>,
    /// With `summary_only`: why the full reply is not published, shown on the page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub disclosure_reason: Option<String>,
    /// What the proposal asked for (原案摘要), Markdown.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request: Option<String>,
    /// The reply summary (答复摘要), Markdown; published with `public` and `summary_only`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// The full reply letter (答复全文), Markdown; published in full with `public`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reply: Option<String>,
    /// Progress items, each with its `state` (done, ongoing, planned) where the reply says it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub outcomes: Vec<Outcome>,
}

/// What stays in memory of a record's [`Prose`] while it is spilled.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ProseOutline {
    pub has_status_reason: bool,
    pub has_disclosure_reason: bool,
    /// The summary's length in characters (as written, Markdown).
    pub summary_chars: usize,
    /// The length in characters of what only a `public` record publishes:
    /// request, reply, status reason, outcomes' headings and texts.
    pub reply_chars: usize,
}

impl Spillable for Prose {
    type Outline = ProseOutline;

    fn outline(&self) -> ProseOutline {
        let count = |s: &Option<String>| s.as_deref().map_or(0, |s| s.chars().count());
        ProseOutline {
            has_status_reason: self.status_reason.is_some(),
            has_disclosure_reason: self.disclosure_reason.is_some(),
            summary_chars: count(&self.summary),
            reply_chars: count(&self.request)
                + count(&self.reply)
                + count(&self.status_reason)
                + self
                    .outcomes
                    .iter()
                    .map(|o| count(&o.heading) + o.text.chars().count())
                    .sum::<usize>(),
        }
    }

    fn encode(&self, out: &mut Vec<u8>) {
        for text in [
            &self.status_reason,
            &self.disclosure_reason,
            &self.request,
            &self.summary,
            &self.reply,
        ] {
            put_str(out, text.as_deref());
        }
        put_count(out, self.outcomes.len());
        for o in &self.outcomes {
            put_str(out, o.date.map(|d| d.iso()).as_deref());
            put_str(out, o.heading.as_deref());
            put_str(out, Some(&o.text));
            put_str(out, o.state.map(OutcomeState::as_str));
        }
    }

    fn decode(bytes: &[u8]) -> Option<Prose> {
        let mut r = Reader::new(bytes);
        let mut prose = Prose {
            status_reason: r.str()?,
            disclosure_reason: r.str()?,
            request: r.str()?,
            summary: r.str()?,
            reply: r.str()?,
            outcomes: Vec::new(),
        };
        for _ in 0..r.count()? {
            let date = match r.str()? {
                Some(d) => Some(PartialDate::parse(&d)?),
                None => None,
            };
            let heading = r.str()?;
            let text = r.str()??;
            let state = match r.str()? {
                Some(s) => Some(OutcomeState::parse(&s)?),
                None => None,
            };
            prose.outcomes.push(Outcome {
                date,
                heading,
                text,
                state,
            });
        }
        r.is_done().then_some(prose)
    }
}

/// One step of the handling: something done, under way or promised.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Outcome {
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(schema_with = "partial_date_schema")]
    pub date: Option<PartialDate>,
    /// A short heading, e.g. 医联体顶层设计.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub heading: Option<String>,
    /// What was done or promised, Markdown. Figures stay in the text (近50辆, 400余万元).
    pub text: String,
    /// `done` 已完成 · `ongoing` 正在推进 · `planned` 计划 (a promise). Absent:
    /// the reply does not say how far it has come, and no tag is shown.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state: Option<OutcomeState>,
}

/// Whether a record was replied to (办复), as far as it states it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Replied {
    /// `replied_on: DATE`.
    On(Date),
    /// `replied: true`: replied, the date not published.
    Yes,
    /// `replied: false`: 尚未办复.
    No,
}

impl Replied {
    /// Whether the record was replied to.
    pub fn is_yes(self) -> bool {
        !matches!(self, Replied::No)
    }

    /// The reply date, when stated.
    pub fn date(self) -> Option<Date> {
        match self {
            Replied::On(d) => Some(d),
            _ => None,
        }
    }
}

impl RecordFile {
    /// What the record states about its reply; `None` when it states nothing.
    /// (`replied: false` beside a date is refused by validation, E047.)
    pub fn replied_state(&self) -> Option<Replied> {
        match (self.replied_on, self.replied) {
            (Some(d), _) => Some(Replied::On(d)),
            (None, Some(true)) => Some(Replied::Yes),
            (None, Some(false)) => Some(Replied::No),
            (None, None) => None,
        }
    }
}

/// A file published with the record, e.g. the reply letter as PDF.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Attachment {
    /// The link text, e.g. 答复函.
    pub title: String,
    /// The file, relative to the record's YAML file; it must stay inside the site folder.
    pub file: String,
}

/// A date given to the precision the source gives: a year, a month or a day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PartialDate {
    Year(i16),
    Month(i16, i8),
    Day(Date),
}

impl PartialDate {
    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (a real calendar date).
    pub fn parse(text: &str) -> Option<PartialDate> {
        let parts: Vec<&str> = text.split('-').collect();
        let year = parse_year(parts.first()?)?;
        match parts.len() {
            1 => Some(PartialDate::Year(year)),
            2 => Some(PartialDate::Month(
                year,
                parse_fixed(parts[1], 2, 1, 12)? as i8,
            )),
            3 => parse_date(text).map(PartialDate::Day),
            _ => None,
        }
    }

    /// The ISO text, as `<time datetime>` wants it.
    pub fn iso(&self) -> String {
        match self {
            PartialDate::Year(y) => format!("{y:04}"),
            PartialDate::Month(y, m) => format!("{y:04}-{m:02}"),
            PartialDate::Day(d) => d.to_string(),
        }
    }
}

impl Serialize for PartialDate {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.iso())
    }
}

fn partial_date_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({
        "type": "string",
        "pattern": "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"
    })
}

/// Parses a strict `YYYY-MM-DD` calendar date (no time, no offset, real day).
pub fn parse_date(text: &str) -> Option<Date> {
    let bytes = text.as_bytes();
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    let year = parse_year(&text[0..4])?;
    let month = parse_fixed(&text[5..7], 2, 1, 12)? as i8;
    let day = parse_fixed(&text[8..10], 2, 1, 31)? as i8;
    Date::new(year, month, day).ok()
}

/// Reads a date as webmasters and registers write it: `2023-07-03`,
/// `2023-7-3`, `2023/7/5`, `2023.7.10`, `2023年6月30日`, `20230703`, each also in
/// full-width digits (`２０２３年７月３日`), which are folded first. It must be a
/// real calendar day.
pub fn parse_date_loose(text: &str) -> Option<Date> {
    let folded = super::fold::fold_width(text);
    let t = folded.trim();
    if let Some(d) = parse_date(t) {
        return Some(d);
    }
    if t.len() == 8 && t.bytes().all(|b| b.is_ascii_digit()) {
        return parse_date(&format!("{}-{}-{}", &t[..4], &t[4..6], &t[6..]));
    }
    let day_mark = t.ends_with('日');
    let t = t.strip_suffix('日').unwrap_or(t);
    let parts: Vec<&str> = t.split(['-', '/', '.', '年', '月']).collect();
    if parts.len() != 3 || parts[0].len() != 4 {
        return None;
    }
    // One separator style per date: `2023年7月3` and `2023/7-3` are not dates.
    let chinese = t.contains('年');
    if chinese != day_mark || (chinese && (!t.contains('月') || t.contains(['-', '/', '.']))) {
        return None;
    }
    if !chinese {
        let seps: Vec<char> = t.chars().filter(|c| "-/.".contains(*c)).collect();
        if seps.len() != 2 || seps[0] != seps[1] || t.contains('月') {
            return None;
        }
    }
    let pad = |p: &str| -> Option<String> {
        (matches!(p.len(), 1 | 2) && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| format!("{p:0>2}"))
    };
    parse_date(&format!(
        "{}-{}-{}",
        parts[0],
        pad(parts[1])?,
        pad(parts[2])?
    ))
}

fn parse_year(text: &str) -> Option<i16> {
    parse_fixed(text, 4, 1900, 2999).map(|y| y as i16)
}

fn parse_fixed(text: &str, len: usize, min: u32, max: u32) -> Option<u32> {
    if text.len() != len || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: u32 = text.parse().ok()?;
    (min..=max).contains(&n).then_some(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_strict() {
        assert_eq!(parse_date("2019-09-22").unwrap().to_string(), "2019-09-22");
        for bad in [
            "2019-9-22",
            "2019-02-30",
            "2019/09/22",
            "19-09-22",
            "2019-09-22T00:00",
            "２０１９-09-22",
        ] {
            assert!(parse_date(bad).is_none(), "{bad} should be refused");
        }
    }

    #[test]
    fn dates_as_webmasters_write_them() {
        for (text, want) in [
            ("２０２３年７月３日", "2023-07-03"),
            ("2023.7.10", "2023-07-10"),
            ("2023/7/5", "2023-07-05"),
            ("2023年6月30日", "2023-06-30"),
            ("2023-7-3", "2023-07-03"),
            ("２０２３-０７-０３", "2023-07-03"),
            ("20230703", "2023-07-03"),
        ] {
            assert_eq!(
                parse_date_loose(text).map(|d| d.to_string()).as_deref(),
                Some(want),
                "{text}"
            );
        }
        for bad in [
            "2023年2月30日",
            "2023/7-3",
            "2023年7月3",
            "7/3/2023",
            "2023.7",
            "七月三日",
            "",
        ] {
            assert!(parse_date_loose(bad).is_none(), "{bad} should be refused");
        }
    }

    #[test]
    fn partial_dates_keep_their_precision() {
        assert_eq!(PartialDate::parse("2019"), Some(PartialDate::Year(2019)));
        assert_eq!(
            PartialDate::parse("2019-07"),
            Some(PartialDate::Month(2019, 7))
        );
        assert_eq!(PartialDate::parse("2019-07").unwrap().iso(), "2019-07");
        assert_eq!(
            PartialDate::parse("2019-07-01").unwrap().iso(),
            "2019-07-01"
        );
        for bad in [
            "2019-13",
            "2019-7",
            "201",
            "2019-07-32",
            "2019-07-01-01",
            "",
        ] {
            assert!(PartialDate::parse(bad).is_none(), "{bad} should be refused");
        }
    }
}

//! A record: one proposal, recommendation or suggestion and its reply.
//! One file per record under `content/proposals/<dir>/<name>.yaml`.

use schemars::JsonSchema;
use serde::Serialize;

use super::{Date, Disclosure, Kind, Satisfaction, Status};

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
    /// The reply category: `solved` · `in_progress` · `not_feasible` · `reference`.
    pub status: Status,
    /// Why it cannot be done now; required with `not_feasible`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status_reason: Option<String>,
    /// 办复 date, `YYYY-MM-DD`; absent means not yet replied.
    // `default` tells the schema the field is optional (`schema_with` hides the `Option`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(schema_with = "super::date_schema")]
    pub replied_on: Option<Date>,
    /// 见面: the handling unit met the proposer.
    #[serde(default)]
    pub met_proposer: bool,
    /// The proposer's feedback; `pending` when absent.
    #[serde(default)]
    pub satisfaction: Satisfaction,
    /// `public` (full page) · `summary_only` (metadata and status) · `withheld` (only counted).
    pub disclosure: Disclosure,
    /// What the proposal asked for (原案摘要), Markdown.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request: Option<String>,
    /// The reply summary, Markdown.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// Progress items; `planned: true` marks a promise rather than something done.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub outcomes: Vec<Outcome>,
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

/// One step of the handling: something done, or (with `planned`) something promised.
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
    /// `true` for a promise (预计, 计划) rather than something already done.
    #[serde(default)]
    pub planned: bool,
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

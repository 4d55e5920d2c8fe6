//! Open data by unit: `data/units.json` and `data/units.csv`, the numbers of
//! `/units/`, the unit pages and the sessions' by-unit tables, from the same
//! figures ([`crate::model::units`]): published records only (a withheld
//! record is in no unit's number), the host unit answering for a record's
//! category, reply, handling time, meeting and satisfaction, a co-handling
//! unit getting only the count.
//!
//! As in [`crate::data`], the row types are the contract and `schema.json` is
//! generated from them. The CSV has one row per unit and session (UTF-8 with a
//! byte-order mark, CRLF), with one `status_<id>` column per category of the
//! site after `co_handled`.

use std::io::{self, Write};

use schemars::JsonSchema;
use serde::Serialize;

use super::records::{CategoryCountRow, SiteRow, cell, csv_writer, json_lines, site_row};
use crate::model::figures::{Counts, Fact};
use crate::model::{Site, TaxonomyKind, UnitCounts};

/// `data/units.json`.
#[derive(Serialize, JsonSchema)]
#[schemars(title = "units.json")]
pub struct UnitsFile<'a> {
    pub site: SiteRow<'a>,
    /// Every unit named by a published record, in the order of `/units/`'s
    /// list (by the unit's address name).
    pub units: Vec<UnitRow<'a>>,
}

/// One unit: its figures in all and per session.
#[derive(Serialize, JsonSchema)]
pub struct UnitRow<'a> {
    /// The unit's name as the records write it.
    pub name: &'a str,
    /// The absolute address of the unit's page.
    pub url: String,
    /// Over every session.
    pub total: UnitFiguresRow,
    /// Each session the unit has published records in, newest first.
    pub sessions: Vec<UnitSessionRow<'a>>,
}

/// A unit's figures in one session.
#[derive(Serialize, JsonSchema)]
pub struct UnitSessionRow<'a> {
    /// The session's id.
    pub session: &'a str,
    /// The session in words, e.g. 区政协九届三次会议.
    pub session_name: String,
    pub year: i32,
    #[serde(flatten)]
    pub figures: UnitFiguresRow,
}

/// A unit's figures over some published records. Category, reply, time,
/// meeting and satisfaction figures are over the records it hosts.
#[derive(Serialize, JsonSchema)]
pub struct UnitFiguresRow {
    /// Records the unit hosts (主办).
    pub hosted: u32,
    /// Records the unit co-handles (协办).
    pub co_handled: u32,
    /// Hosted records per reply category, in the site's order.
    pub categories: Vec<CategoryCountRow>,
    /// Hosted records that state no category.
    pub no_category: u32,
    /// Hosted records stating they were replied to.
    pub replied: u32,
    /// Hosted records stating whether they were replied to, either way.
    pub reply_stated: u32,
    /// Hosted records stating both `assigned_on` and `replied_on`.
    pub timed: u32,
    /// Of those, replied within the site's `reply_within_days` (按期办复).
    pub on_time: u32,
    /// 按期办复率 = on_time / timed, percent to two decimals; `null` when `timed` is 0.
    pub on_time_rate: Option<f64>,
    /// Hosted records stating the proposer was met.
    pub met: u32,
    /// Hosted records stating whether the proposer was met, either way.
    pub met_stated: u32,
    /// Satisfied or basically satisfied.
    pub satisfied: u32,
    /// Hosted records stating a satisfaction other than `pending`.
    pub with_feedback: u32,
}

impl UnitFiguresRow {
    pub fn new(site: &Site, u: &UnitCounts) -> UnitFiguresRow {
        let c: &Counts = &u.hosted;
        UnitFiguresRow {
            hosted: c.records,
            co_handled: u.co_handled,
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
            replied: c.replied,
            reply_stated: c.reply_stated,
            timed: c.timed,
            on_time: c.on_time,
            on_time_rate: Fact::OnTime.rate(c).map(|x| (x * 100.0).round() / 100.0),
            met: c.met,
            met_stated: c.met_stated,
            satisfied: c.satisfied,
            with_feedback: c.with_feedback,
        }
    }
}

fn unit_rows(site: &Site) -> impl Iterator<Item = UnitRow<'_>> {
    let terms = &site.taxonomy(TaxonomyKind::Units).terms;
    terms
        .iter()
        .zip(&site.units)
        .filter(|(_, f)| !f.sessions.is_empty())
        .map(move |(term, f)| UnitRow {
            name: &term.name,
            url: super::absolute(
                site.base_url.as_ref(),
                &crate::model::taxonomy::term_path(TaxonomyKind::Units, &term.slug),
            ),
            total: UnitFiguresRow::new(site, &f.total),
            sessions: f
                .sessions
                .iter()
                .map(|us| {
                    let s = &site.sessions[us.session];
                    UnitSessionRow {
                        session: &s.id,
                        session_name: format!("{}{}", s.body, s.name),
                        year: s.year,
                        figures: UnitFiguresRow::new(site, &us.counts),
                    }
                })
                .collect(),
        })
}

/// `data/units.json`: one unit per line, written into `out`.
pub fn write_units_json(site: &Site, out: &mut dyn Write) -> io::Result<()> {
    json_lines(
        "site",
        &site_row(site),
        "units",
        unit_rows(site).map(Ok),
        out,
    )
}

/// The columns of `data/units.csv` before and after the category columns.
pub const CSV_HEAD: [&str; 7] = [
    "unit",
    "unit_url",
    "session",
    "session_name",
    "year",
    "hosted",
    "co_handled",
];
pub const CSV_TAIL: [&str; 10] = [
    "no_category",
    "replied",
    "reply_stated",
    "timed",
    "on_time",
    "on_time_rate",
    "met",
    "met_stated",
    "satisfied",
    "with_feedback",
];

/// The CSV's column names, in order, for this site's categories.
pub fn csv_columns(site: &Site) -> Vec<String> {
    let mut cols: Vec<String> = CSV_HEAD.iter().map(|s| s.to_string()).collect();
    cols.extend(
        site.categories
            .list
            .iter()
            .map(|c| format!("status_{}", c.id)),
    );
    cols.extend(CSV_TAIL.iter().map(|s| s.to_string()));
    cols
}

/// `data/units.csv`: one row per unit and session, written into `out`.
pub fn write_units_csv(site: &Site, out: &mut dyn Write) -> io::Result<()> {
    let mut writer = csv_writer(out)?;
    writer.write_record(csv_columns(site))?;
    for unit in unit_rows(site) {
        for s in &unit.sessions {
            let f = &s.figures;
            let mut row: Vec<String> = vec![
                cell(unit.name),
                cell(&unit.url),
                cell(s.session),
                cell(&s.session_name),
                s.year.to_string(),
                f.hosted.to_string(),
                f.co_handled.to_string(),
            ];
            row.extend(f.categories.iter().map(|c| c.records.to_string()));
            row.extend([
                f.no_category.to_string(),
                f.replied.to_string(),
                f.reply_stated.to_string(),
                f.timed.to_string(),
                f.on_time.to_string(),
                f.on_time_rate.map(|r| r.to_string()).unwrap_or_default(),
                f.met.to_string(),
                f.met_stated.to_string(),
                f.satisfied.to_string(),
                f.with_feedback.to_string(),
            ]);
            writer.write_record(row)?;
        }
    }
    writer.flush()
}

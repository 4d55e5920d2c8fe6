//! Figures per unit and per session: how many records each unit hosted and
//! co-handled, and of those it hosted how many fall in each category, were
//! replied to, replied on time, met the proposer and satisfied them — as far
//! as the records state it (see [`super::figures`] for the rates).
//!
//! One pass over the units taxonomy's entries makes every number that
//! `/units/`, the unit pages, the sessions' by-unit tables and
//! `data/units.json`/`.csv` show; none of them counts again. The taxonomy is
//! built from published records, so a withheld record is in no unit's figure
//! (a unit named only by withheld records would leak: the disclosure table of
//! docs/content.md); drafts (shown by `serve --drafts`) are in none either.
//!
//! A record's category, reply, handling time, meeting and satisfaction are
//! counted for its host unit only: the host answers for the reply. A
//! co-handling unit gets the record in `co_handled`.

use std::collections::HashMap;

use serde::Serialize;

use super::category::Categories;
use super::figures::Counts;
use super::published::PublishedRecord;
use super::taxonomy::Taxonomy;

/// A unit's figures over some records.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct UnitCounts {
    /// Over the records the unit hosts (主办): `records` is how many.
    pub hosted: Counts,
    /// Records the unit co-handles (协办).
    pub co_handled: u32,
}

/// A unit's figures in one session.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct UnitSession {
    /// Index into `Site::sessions`.
    pub session: usize,
    pub counts: UnitCounts,
}

/// One unit's figures, by session and in all.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct UnitFigures {
    /// The sessions it has records in, in `Site::sessions` order (newest first).
    pub sessions: Vec<UnitSession>,
    pub total: UnitCounts,
}

impl UnitFigures {
    /// Its figures in the session at index `session`, if it has records there.
    pub fn in_session(&self, session: usize) -> Option<&UnitCounts> {
        self.sessions
            .iter()
            .find(|s| s.session == session)
            .map(|s| &s.counts)
    }
}

/// The figures of every unit of the units taxonomy, in its term order.
/// `session_of` maps a session id to its index in `Site::sessions`.
pub fn build(
    units: &Taxonomy,
    records: &[PublishedRecord],
    categories: &Categories,
    session_of: &HashMap<&str, usize>,
) -> Vec<UnitFigures> {
    units
        .terms
        .iter()
        .map(|term| {
            let mut by_session: Vec<(usize, UnitCounts)> = Vec::new();
            let mut total = UnitCounts::default();
            for e in &term.entries {
                let r = &records[e.record];
                if r.draft {
                    continue;
                }
                let Some(&s) = session_of.get(r.session.as_str()) else {
                    continue;
                };
                let at = match by_session.iter().position(|(i, _)| *i == s) {
                    Some(at) => at,
                    None => {
                        by_session.push((s, UnitCounts::default()));
                        by_session.len() - 1
                    }
                };
                let counts = &mut by_session[at].1;
                if e.co {
                    counts.co_handled += 1;
                    total.co_handled += 1;
                } else {
                    let facts = r.facts();
                    counts.hosted.add_facts(&facts, categories);
                    total.hosted.add_facts(&facts, categories);
                }
            }
            by_session.sort_by_key(|(s, _)| *s);
            UnitFigures {
                sessions: by_session
                    .into_iter()
                    .map(|(session, counts)| UnitSession { session, counts })
                    .collect(),
                total,
            }
        })
        .collect()
}

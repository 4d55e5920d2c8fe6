//! A session's figures, as `DESIGN.md` defines them, and their checks against
//! what the session declares.
//!
//! Counts include every non-draft record, `withheld` ones too: a withheld record
//! is still a proposal that was handled. 办复率 = replied / records; 见面率 = met /
//! records; 满意和基本满意率 = (satisfied + basically satisfied) / records with
//! feedback. The records *cover* the session when every kind it declares has
//! exactly that many records (and no undeclared kind has any); only then are the
//! computed rates comparable to, and shown beside, the declared ones.

use serde::Serialize;

use crate::content::{Declared, Kind, RecordFile, Satisfaction, Status};
use crate::diagnostic::Figure;

/// Counts over a session's non-draft records.
#[derive(Clone, Debug, Default, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Counts {
    pub records: u32,
    pub recommendations: u32,
    pub proposals: u32,
    pub suggestions: u32,
    pub key: u32,
    pub solved: u32,
    pub in_progress: u32,
    pub not_feasible: u32,
    pub reference: u32,
    /// Records with a reply date.
    pub replied: u32,
    /// Records whose proposer was met.
    pub met: u32,
    /// Satisfied or basically satisfied.
    pub satisfied: u32,
    /// Records whose satisfaction is not `pending`.
    pub with_feedback: u32,
}

impl Counts {
    pub fn add(&mut self, r: &RecordFile) {
        self.records += 1;
        match r.kind {
            Kind::Recommendation => self.recommendations += 1,
            Kind::Proposal => self.proposals += 1,
            Kind::Suggestion => self.suggestions += 1,
        }
        self.key += u32::from(r.key);
        match r.status {
            Status::Solved => self.solved += 1,
            Status::InProgress => self.in_progress += 1,
            Status::NotFeasible => self.not_feasible += 1,
            Status::Reference => self.reference += 1,
        }
        self.replied += u32::from(r.replied_on.is_some());
        self.met += u32::from(r.met_proposer);
        match r.satisfaction {
            Satisfaction::Satisfied | Satisfaction::BasicallySatisfied => {
                self.satisfied += 1;
                self.with_feedback += 1;
            }
            Satisfaction::Dissatisfied => self.with_feedback += 1,
            Satisfaction::Pending => {}
        }
    }

    pub fn of_kind(&self, kind: Kind) -> u32 {
        match kind {
            Kind::Recommendation => self.recommendations,
            Kind::Proposal => self.proposals,
            Kind::Suggestion => self.suggestions,
        }
    }

    pub fn of_status(&self, status: Status) -> u32 {
        match status {
            Status::Solved => self.solved,
            Status::InProgress => self.in_progress,
            Status::NotFeasible => self.not_feasible,
            Status::Reference => self.reference,
        }
    }

    pub fn reply_rate(&self) -> Option<f64> {
        percent(self.replied, self.records)
    }

    pub fn meeting_rate(&self) -> Option<f64> {
        percent(self.met, self.records)
    }

    pub fn satisfaction_rate(&self) -> Option<f64> {
        percent(self.satisfied, self.with_feedback)
    }
}

fn percent(part: u32, whole: u32) -> Option<f64> {
    (whole > 0).then(|| f64::from(part) * 100.0 / f64::from(whole))
}

/// The declared count of a kind.
pub fn declared_of_kind(d: &Declared, kind: Kind) -> Option<u32> {
    match kind {
        Kind::Recommendation => d.recommendations,
        Kind::Proposal => d.proposals,
        Kind::Suggestion => d.suggestions,
    }
}

fn kind_figure(kind: Kind) -> Figure {
    match kind {
        Kind::Recommendation => Figure::Recommendations,
        Kind::Proposal => Figure::Proposals,
        Kind::Suggestion => Figure::Suggestions,
    }
}

/// Whether the records cover every declared kind (see the module doc).
pub fn covers(counts: &Counts, declared: &Declared) -> bool {
    let any_declared = Kind::ALL
        .iter()
        .any(|k| declared_of_kind(declared, *k).is_some());
    any_declared
        && Kind::ALL
            .iter()
            .all(|k| declared_of_kind(declared, *k).unwrap_or(0) == counts.of_kind(*k))
}

/// One disagreement between records and declared figures.
#[derive(Clone, Debug, PartialEq)]
pub enum Disagreement {
    /// More records than declared.
    Exceeded {
        what: Figure,
        records: u32,
        declared: u32,
    },
    /// The records cover the session, but a figure differs.
    Mismatch {
        what: Figure,
        computed: String,
        declared: String,
    },
}

/// Checks counts against declared figures: never more records than declared;
/// where the records cover the session, every declared count and rate equal.
pub fn check(counts: &Counts, declared: &Declared) -> Vec<Disagreement> {
    let mut out = Vec::new();
    let mut cap = |what: Figure, records: u32, declared: Option<u32>| {
        if let Some(declared) = declared
            && records > declared
        {
            out.push(Disagreement::Exceeded {
                what,
                records,
                declared,
            });
        }
    };
    for kind in Kind::ALL {
        cap(
            kind_figure(*kind),
            counts.of_kind(*kind),
            declared_of_kind(declared, *kind),
        );
    }
    cap(Figure::Key, counts.key, declared.key);
    cap(
        Figure::NotFeasible,
        counts.not_feasible,
        declared.not_feasible,
    );
    if !out.is_empty() || !covers(counts, declared) {
        return out;
    }
    for (what, computed, declared) in [
        (Figure::Key, counts.key, declared.key),
        (
            Figure::NotFeasible,
            counts.not_feasible,
            declared.not_feasible,
        ),
    ] {
        if let Some(declared) = declared
            && computed != declared
        {
            out.push(Disagreement::Mismatch {
                what,
                computed: computed.to_string(),
                declared: declared.to_string(),
            });
        }
    }
    let rates = [
        (Figure::ReplyRate, counts.reply_rate(), declared.reply_rate),
        (
            Figure::MeetingRate,
            counts.meeting_rate(),
            declared.meeting_rate,
        ),
        (
            Figure::SatisfactionRate,
            counts.satisfaction_rate(),
            declared.satisfaction_rate,
        ),
    ];
    for (what, computed, declared) in rates {
        let Some(declared) = declared else { continue };
        if !rate_agrees(computed, declared) {
            out.push(Disagreement::Mismatch {
                what,
                computed: computed.map(format_rate).unwrap_or_else(|| "—".into()),
                declared: format_rate(declared),
            });
        }
    }
    out
}

/// A declared rate agrees with the computed one when it is the computed one
/// rounded: to a whole percent if written whole, else to one decimal.
fn rate_agrees(computed: Option<f64>, declared: f64) -> bool {
    let Some(computed) = computed else {
        return false;
    };
    let tolerance = if declared.fract() == 0.0 { 0.5 } else { 0.05 };
    (computed - declared).abs() <= tolerance + 1e-9
}

/// `100%`, `98.2%`: at most one decimal, none when whole.
pub fn format_rate(rate: f64) -> String {
    let rounded = (rate * 10.0).round() / 10.0;
    if rounded.fract() == 0.0 {
        format!("{}%", rounded as i64)
    } else {
        format!("{rounded:.1}%")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(kind: Kind, status: Status, replied: bool) -> RecordFile {
        RecordFile {
            kind,
            session: "s".into(),
            title: "t".into(),
            number: None,
            index_no: None,
            proposers: vec![],
            key: false,
            lead_official: None,
            host_unit: None,
            co_units: vec![],
            topics: vec![],
            status,
            status_reason: None,
            replied_on: replied.then(|| jiff::civil::date(2019, 9, 1)),
            met_proposer: true,
            satisfaction: Satisfaction::Satisfied,
            disclosure: crate::content::Disclosure::Public,
            request: None,
            summary: None,
            outcomes: vec![],
            published_on: None,
            draft: false,
            attachments: vec![],
        }
    }

    fn counts(records: &[RecordFile]) -> Counts {
        let mut c = Counts::default();
        records.iter().for_each(|r| c.add(r));
        c
    }

    #[test]
    fn rates_follow_the_definitions() {
        let mut rs = vec![
            record(Kind::Proposal, Status::Solved, true),
            record(Kind::Proposal, Status::Solved, false),
        ];
        rs[1].satisfaction = Satisfaction::Pending;
        rs[1].met_proposer = false;
        let c = counts(&rs);
        assert_eq!(c.reply_rate(), Some(50.0));
        assert_eq!(c.meeting_rate(), Some(50.0));
        assert_eq!(
            c.satisfaction_rate(),
            Some(100.0),
            "pending feedback is left out of the denominator"
        );
    }

    #[test]
    fn partial_sessions_only_check_caps() {
        let declared = Declared {
            proposals: Some(54),
            recommendations: Some(1),
            key: Some(6),
            not_feasible: Some(3),
            reply_rate: Some(100.0),
            ..Default::default()
        };
        let c = counts(&[record(Kind::Proposal, Status::Solved, false)]);
        assert!(!covers(&c, &declared));
        assert!(
            check(&c, &declared).is_empty(),
            "an unreplied record does not contradict a partial session"
        );
        let mut nf = vec![];
        for _ in 0..4 {
            nf.push(record(Kind::Proposal, Status::NotFeasible, true));
        }
        let problems = check(&counts(&nf), &declared);
        assert_eq!(
            problems,
            vec![Disagreement::Exceeded {
                what: Figure::NotFeasible,
                records: 4,
                declared: 3
            }]
        );
    }

    #[test]
    fn covering_sessions_must_agree() {
        let declared = Declared {
            proposals: Some(2),
            reply_rate: Some(100.0),
            ..Default::default()
        };
        let c = counts(&[
            record(Kind::Proposal, Status::Solved, true),
            record(Kind::Proposal, Status::Solved, false),
        ]);
        assert!(covers(&c, &declared));
        assert_eq!(
            check(&c, &declared),
            vec![Disagreement::Mismatch {
                what: Figure::ReplyRate,
                computed: "50%".into(),
                declared: "100%".into()
            }]
        );
    }

    #[test]
    fn rounding_is_tolerated() {
        assert!(rate_agrees(Some(98.18), 98.2));
        assert!(rate_agrees(Some(98.18), 98.0));
        assert!(!rate_agrees(Some(96.3), 98.0));
        assert_eq!(format_rate(98.18), "98.2%");
        assert_eq!(format_rate(100.0), "100%");
    }
}

//! A session's figures, as docs/content.md defines them (统计数字), and their
//! checks against what the session declares.
//!
//! Counts include every non-draft record, `withheld` ones too: a withheld record
//! is still a proposal that was handled. A rate is computed over the records
//! that state its fact — a record that leaves a fact out is not counted either
//! way: 办复率 = replied / records stating `replied` or `replied_on`; 见面率 =
//! `met_proposer: true` / records stating it; 满意和基本满意率 = (satisfied +
//! basically satisfied) / records stating a satisfaction other than `pending`;
//! 按期办复率 = records replied within `reply_within_days` of assignment /
//! records stating both `assigned_on` and `replied_on` (a record without
//! either date is neither on time nor late). No figure reads the clock: the
//! handling time runs from one stated date to another, never to "today".
//!
//! The records *cover* the session when every kind it declares has exactly that
//! many records (and no undeclared kind has any). Only where they cover it and
//! every record states a fact is the computed figure the session's own, checked
//! against the declared one and shown. Otherwise the declared figures are the
//! official ones and no computed rate is shown beside them; a session that
//! declares nothing shows rates computed from its published records, labelled
//! as such ([`rates`] decides, for the pages and `sessions.json` alike).

use serde::Serialize;

use super::category::Categories;
use crate::content::{Date, Declared, Kind, RecordFile, Replied, Satisfaction};
use crate::diagnostic::Figure;

/// Counts over a set of a session's non-draft records.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Counts {
    pub records: u32,
    pub recommendations: u32,
    pub proposals: u32,
    pub suggestions: u32,
    pub key: u32,
    /// Records per category, in the site's category order.
    pub categories: Vec<u32>,
    /// Records that state no category.
    pub no_category: u32,
    /// Records in a category marked `not_feasible`.
    pub not_feasible: u32,
    /// Records stating they were replied to (`replied_on` or `replied: true`).
    pub replied: u32,
    /// Records stating whether they were replied to, either way.
    pub reply_stated: u32,
    /// `met_proposer: true`.
    pub met: u32,
    /// Records stating `met_proposer`, either way.
    pub met_stated: u32,
    /// Satisfied or basically satisfied.
    pub satisfied: u32,
    /// Records stating a satisfaction other than `pending`.
    pub with_feedback: u32,
    /// Records stating a satisfaction, `pending` included.
    pub satisfaction_stated: u32,
    /// Records stating both `assigned_on` and `replied_on` (their handling time is known).
    pub timed: u32,
    /// Of those, replied within `reply_within_days` (按期办复).
    pub on_time: u32,
}

/// How long a record took, from its two stated dates (交办 to 办复).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Handling {
    /// 办理用时: days from `assigned_on` to `replied_on`.
    pub days: u32,
    /// Replied within `reply_within_days` (按期); else late (超期).
    pub on_time: bool,
}

impl Handling {
    /// The handling time where a record states both dates; `None` otherwise
    /// (and for a reply before the assignment, which validation refuses, E048).
    pub fn of(assigned: Option<Date>, replied: Option<Replied>, within: u32) -> Option<Handling> {
        let (assigned, replied) = (assigned?, replied?.date()?);
        let days = u32::try_from(assigned.until(replied).ok()?.get_days()).ok()?;
        Some(Handling {
            days,
            on_time: days <= within,
        })
    }
}

/// The facts of one record that figures count, from a record file (session
/// figures, withheld records included) or a published record (unit figures).
#[derive(Clone, Copy, Debug)]
pub struct Facts {
    pub kind: Kind,
    pub key: bool,
    /// Index into the site's categories; `None`: not stated.
    pub status: Option<usize>,
    pub replied: Option<Replied>,
    pub met: Option<bool>,
    pub satisfaction: Option<Satisfaction>,
    pub handling: Option<Handling>,
}

impl Facts {
    pub fn of_file(r: &RecordFile, categories: &Categories, within: u32) -> Facts {
        let replied = r.replied_state();
        Facts {
            kind: r.kind,
            key: r.key,
            status: r.status.as_deref().and_then(|id| categories.lookup(id)),
            replied,
            met: r.met_proposer,
            satisfaction: r.satisfaction,
            handling: Handling::of(r.assigned_on, replied, within),
        }
    }
}

impl Counts {
    /// Counts a record file; `within` is `reply_within_days`.
    pub fn add(&mut self, r: &RecordFile, categories: &Categories, within: u32) {
        self.add_facts(&Facts::of_file(r, categories, within), categories);
    }

    pub fn add_facts(&mut self, r: &Facts, categories: &Categories) {
        self.records += 1;
        match r.kind {
            Kind::Recommendation => self.recommendations += 1,
            Kind::Proposal => self.proposals += 1,
            Kind::Suggestion => self.suggestions += 1,
        }
        self.key += u32::from(r.key);
        if self.categories.len() < categories.len() {
            self.categories.resize(categories.len(), 0);
        }
        match r.status {
            Some(i) => {
                self.categories[i] += 1;
                self.not_feasible += u32::from(categories.get(i).not_feasible);
            }
            None => self.no_category += 1,
        }
        if let Some(replied) = r.replied {
            self.reply_stated += 1;
            self.replied += u32::from(replied.is_yes());
        }
        if let Some(met) = r.met {
            self.met_stated += 1;
            self.met += u32::from(met);
        }
        if let Some(s) = r.satisfaction {
            self.satisfaction_stated += 1;
            match s {
                Satisfaction::Satisfied | Satisfaction::BasicallySatisfied => {
                    self.satisfied += 1;
                    self.with_feedback += 1;
                }
                Satisfaction::Dissatisfied => self.with_feedback += 1,
                Satisfaction::Pending => {}
            }
        }
        if let Some(h) = r.handling {
            self.timed += 1;
            self.on_time += u32::from(h.on_time);
        }
    }

    pub fn of_kind(&self, kind: Kind) -> u32 {
        match kind {
            Kind::Recommendation => self.recommendations,
            Kind::Proposal => self.proposals,
            Kind::Suggestion => self.suggestions,
        }
    }

    /// Records in the category at index `i`.
    pub fn of_category(&self, i: usize) -> u32 {
        self.categories.get(i).copied().unwrap_or(0)
    }

    pub fn reply_rate(&self) -> Option<f64> {
        Fact::Reply.rate(self)
    }

    pub fn meeting_rate(&self) -> Option<f64> {
        Fact::Meeting.rate(self)
    }

    pub fn satisfaction_rate(&self) -> Option<f64> {
        Fact::Satisfaction.rate(self)
    }

    pub fn on_time_rate(&self) -> Option<f64> {
        Fact::OnTime.rate(self)
    }
}

/// The facts a rate is computed from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fact {
    /// 办复率.
    Reply,
    /// 见面率.
    Meeting,
    /// 满意和基本满意率.
    Satisfaction,
    /// 按期办复率: never declared, only computed.
    OnTime,
}

impl Fact {
    pub const ALL: [Fact; 4] = [Fact::Reply, Fact::Meeting, Fact::Satisfaction, Fact::OnTime];

    /// The rate over the records that state the fact; `None` when none does.
    pub fn rate(self, c: &Counts) -> Option<f64> {
        let (part, whole) = match self {
            Fact::Reply => (c.replied, c.reply_stated),
            Fact::Meeting => (c.met, c.met_stated),
            Fact::Satisfaction => (c.satisfied, c.with_feedback),
            Fact::OnTime => (c.on_time, c.timed),
        };
        percent(part, whole)
    }

    /// How many records the rate is computed over.
    pub fn basis(self, c: &Counts) -> u32 {
        match self {
            Fact::Reply => c.reply_stated,
            Fact::Meeting => c.met_stated,
            Fact::Satisfaction => c.with_feedback,
            Fact::OnTime => c.timed,
        }
    }

    /// Whether every record states the fact (`pending` states a satisfaction).
    pub fn stated_by_all(self, c: &Counts) -> bool {
        let stated = match self {
            Fact::Reply => c.reply_stated,
            Fact::Meeting => c.met_stated,
            Fact::Satisfaction => c.satisfaction_stated,
            Fact::OnTime => c.timed,
        };
        stated == c.records
    }

    pub fn declared(self, d: &Declared) -> Option<f64> {
        match self {
            Fact::Reply => d.reply_rate,
            Fact::Meeting => d.meeting_rate,
            Fact::Satisfaction => d.satisfaction_rate,
            Fact::OnTime => None,
        }
    }

    /// The figure a declared rate is checked as; `None` for one never declared.
    pub fn figure(self) -> Option<Figure> {
        match self {
            Fact::Reply => Some(Figure::ReplyRate),
            Fact::Meeting => Some(Figure::MeetingRate),
            Fact::Satisfaction => Some(Figure::SatisfactionRate),
            Fact::OnTime => None,
        }
    }

    /// The `declared:` field, also the figure's key in labels and data.
    pub fn key(self) -> &'static str {
        match self.figure() {
            Some(f) => f.field(),
            None => "on_time_rate",
        }
    }
}

fn percent(part: u32, whole: u32) -> Option<f64> {
    (whole > 0).then(|| f64::from(part) * 100.0 / f64::from(whole))
}

/// Where a shown rate comes from.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(rename_all = "snake_case", tag = "basis")]
pub enum Basis {
    /// The session's report declares it: the official figure.
    Declared,
    /// Computed over all the session's records, which cover it and all state
    /// the fact (and so agree with any declared figure).
    Session,
    /// The session declares nothing: computed over this many of its published
    /// records (those that state the fact), and labelled so.
    Published { records: u32 },
}

/// A rate to show, and where it comes from.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Rate {
    pub value: f64,
    #[serde(flatten)]
    pub basis: Basis,
}

/// The rates a session shows, one per [`Fact`] in [`Fact::ALL`] order; `None`
/// where none may be shown.
pub fn rates(counts: &Counts, published: &Counts, declared: &Declared) -> [Option<Rate>; 4] {
    let covers = covers(counts, declared);
    Fact::ALL.map(|fact| {
        if let Some(value) = fact.declared(declared) {
            return Some(Rate {
                value,
                basis: Basis::Declared,
            });
        }
        if covers && fact.stated_by_all(counts) {
            return fact.rate(counts).map(|value| Rate {
                value,
                basis: Basis::Session,
            });
        }
        if declared.is_empty() {
            return fact.rate(published).map(|value| Rate {
                value,
                basis: Basis::Published {
                    records: fact.basis(published),
                },
            });
        }
        None
    })
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
    /// The records cover the session and state the fact, but a figure differs.
    Mismatch {
        what: Figure,
        computed: String,
        declared: String,
    },
}

/// Checks counts against declared figures: never more records than declared;
/// where the records cover the session, every declared count and rate whose
/// fact all records state must equal the computed one.
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
    // `key` is always stated (absent is `false`); a category only where every
    // record states one.
    let all_categorised = counts.no_category == 0;
    for (what, computed, declared, stated) in [
        (Figure::Key, counts.key, declared.key, true),
        (
            Figure::NotFeasible,
            counts.not_feasible,
            declared.not_feasible,
            all_categorised,
        ),
    ] {
        if let Some(declared) = declared
            && stated
            && computed != declared
        {
            out.push(Disagreement::Mismatch {
                what,
                computed: computed.to_string(),
                declared: declared.to_string(),
            });
        }
    }
    for fact in Fact::ALL {
        let (Some(declared), Some(what)) = (fact.declared(declared), fact.figure()) else {
            continue;
        };
        if !fact.stated_by_all(counts) {
            continue;
        }
        let computed = fact.rate(counts);
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
    use crate::content::default_categories;

    fn cats() -> Categories {
        Categories::new(&default_categories(), "zh-CN")
    }

    /// A record stating every fact: replied, met, satisfied, in `status`.
    fn record(kind: Kind, status: &str, replied: bool) -> RecordFile {
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
            status: Some(status.into()),
            assigned_on: None,
            replied: Some(replied),
            replied_on: replied.then(|| jiff::civil::date(2019, 9, 1)),
            met_proposer: Some(true),
            satisfaction: Some(Satisfaction::Satisfied),
            disclosure: crate::content::Disclosure::Public,
            prose: Default::default(),
            published_on: None,
            draft: false,
            attachments: vec![],
        }
    }

    fn counts(records: &[RecordFile]) -> Counts {
        let mut c = Counts::default();
        let cats = cats();
        records.iter().for_each(|r| c.add(r, &cats, 90));
        c
    }

    #[test]
    fn rates_follow_the_definitions() {
        let mut rs = vec![
            record(Kind::Proposal, "solved", true),
            record(Kind::Proposal, "solved", false),
        ];
        rs[1].satisfaction = Some(Satisfaction::Pending);
        rs[1].met_proposer = Some(false);
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
    fn rates_count_only_the_records_that_state_the_fact() {
        let mut rs = vec![
            record(Kind::Proposal, "solved", true),
            record(Kind::Proposal, "solved", true),
        ];
        rs[1].replied = None;
        rs[1].replied_on = None;
        rs[1].met_proposer = None;
        rs[1].satisfaction = None;
        rs[1].status = None;
        let c = counts(&rs);
        assert_eq!((c.replied, c.reply_stated), (1, 1));
        assert_eq!(c.reply_rate(), Some(100.0), "an unstated reply is not a no");
        assert_eq!(c.meeting_rate(), Some(100.0));
        assert_eq!(c.satisfaction_rate(), Some(100.0));
        assert_eq!((c.no_category, c.of_category(0)), (1, 1));
        assert!(!Fact::Reply.stated_by_all(&c));
        // `replied: true` without a date is a reply.
        rs[1].replied = Some(true);
        assert_eq!(counts(&rs).reply_stated, 2);
        // Nothing stated: no rate at all.
        let mut none = record(Kind::Proposal, "solved", false);
        none.replied = None;
        assert_eq!(counts(&[none]).reply_rate(), None);
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
        let c = counts(&[record(Kind::Proposal, "solved", false)]);
        assert!(!covers(&c, &declared));
        assert!(
            check(&c, &declared).is_empty(),
            "an unreplied record does not contradict a partial session"
        );
        let mut nf = vec![];
        for _ in 0..4 {
            nf.push(record(Kind::Proposal, "not_feasible", true));
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
            record(Kind::Proposal, "solved", true),
            record(Kind::Proposal, "solved", false),
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
    fn covering_sessions_are_compared_only_where_every_record_states_the_fact() {
        let declared = Declared {
            proposals: Some(2),
            not_feasible: Some(1),
            reply_rate: Some(100.0),
            meeting_rate: Some(100.0),
            ..Default::default()
        };
        let mut rs = vec![
            record(Kind::Proposal, "solved", true),
            record(Kind::Proposal, "solved", true),
        ];
        // The second states neither its reply, nor a meeting, nor a category.
        rs[1].replied = None;
        rs[1].replied_on = None;
        rs[1].met_proposer = None;
        rs[1].status = None;
        let c = counts(&rs);
        assert!(covers(&c, &declared));
        assert!(
            check(&c, &declared).is_empty(),
            "{:?}",
            check(&c, &declared)
        );
        // Stated, the same records contradict the report.
        rs[1].replied = Some(false);
        rs[1].status = Some("solved".into());
        assert_eq!(
            check(&counts(&rs), &declared),
            vec![
                Disagreement::Mismatch {
                    what: Figure::NotFeasible,
                    computed: "0".into(),
                    declared: "1".into()
                },
                Disagreement::Mismatch {
                    what: Figure::ReplyRate,
                    computed: "50%".into(),
                    declared: "100%".into()
                }
            ]
        );
    }

    #[test]
    fn shown_rates_follow_their_basis() {
        let rs = vec![
            record(Kind::Proposal, "solved", true),
            record(Kind::Proposal, "solved", false),
        ];
        let c = counts(&rs);
        // Declared: the report's figure, whatever the records say.
        let declared = Declared {
            proposals: Some(5),
            reply_rate: Some(98.0),
            ..Default::default()
        };
        let [reply, meeting, ..] = rates(&c, &c, &declared);
        assert_eq!(
            reply,
            Some(Rate {
                value: 98.0,
                basis: Basis::Declared
            })
        );
        assert_eq!(meeting, None, "no computed rate beside declared figures");
        // Covered, every record stating it: the session's own rate.
        let declared = Declared {
            proposals: Some(2),
            ..Default::default()
        };
        let [reply, ..] = rates(&c, &c, &declared);
        assert_eq!(
            reply,
            Some(Rate {
                value: 50.0,
                basis: Basis::Session
            })
        );
        // Nothing declared: from the published records that state it.
        let mut published = rs.clone();
        published[1].met_proposer = None;
        let p = counts(&published);
        let [reply, meeting, ..] = rates(&c, &p, &Declared::default());
        assert_eq!(
            reply,
            Some(Rate {
                value: 50.0,
                basis: Basis::Published { records: 2 }
            })
        );
        assert_eq!(
            meeting,
            Some(Rate {
                value: 100.0,
                basis: Basis::Published { records: 1 }
            })
        );
    }

    #[test]
    fn handling_time_needs_both_dates_and_never_the_clock() {
        let d = |m, day| jiff::civil::date(2019, m, day);
        let on = |day| Some(Replied::On(day));
        assert_eq!(
            Handling::of(Some(d(3, 1)), on(d(5, 30)), 90),
            Some(Handling {
                days: 90,
                on_time: true
            }),
            "the 90th day is on time"
        );
        assert_eq!(
            Handling::of(Some(d(3, 1)), on(d(5, 31)), 90),
            Some(Handling {
                days: 91,
                on_time: false
            })
        );
        assert_eq!(Handling::of(None, on(d(5, 31)), 90), None);
        assert_eq!(Handling::of(Some(d(3, 1)), Some(Replied::Yes), 90), None);
        assert_eq!(Handling::of(Some(d(3, 1)), Some(Replied::No), 90), None);
        assert_eq!(Handling::of(Some(d(3, 1)), None, 90), None);
        assert_eq!(Handling::of(Some(d(3, 1)), on(d(2, 1)), 90), None);

        // Counted over the records stating both dates only.
        let mut rs = vec![
            record(Kind::Proposal, "solved", true),
            record(Kind::Proposal, "solved", true),
            record(Kind::Proposal, "solved", true),
        ];
        rs[0].assigned_on = Some(d(7, 1));
        rs[1].assigned_on = Some(d(1, 2));
        let c = counts(&rs);
        assert_eq!((c.on_time, c.timed), (1, 2));
        assert_eq!(c.on_time_rate(), Some(50.0));
        assert!(!Fact::OnTime.stated_by_all(&c));
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

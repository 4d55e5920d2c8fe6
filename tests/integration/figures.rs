//! Session figures (docs/content.md, 统计数字): counts by kind, key and status, and
//! 办复率, 见面率, 满意和基本满意率 as defined there — withheld records counted,
//! drafts not. A session whose records cover every declared count must agree
//! with its declared rates; a partial one is checked only for never exceeding
//! what it declares. The model is inspected in-process through the library.

use crate::support::{Fixture, SESSION};
use gongkai::model::{Counts, TaxonomyKind};
use gongkai::pipeline::{self, BuildOptions, Timings};

/// A record in session `s1` from its varying fields.
struct R {
    kind: &'static str,
    key: bool,
    status: &'static str,
    replied: bool,
    met: bool,
    satisfaction: &'static str,
    disclosure: &'static str,
    draft: bool,
    unit: &'static str,
}

impl R {
    fn yaml(&self) -> String {
        let mut y = format!(
            "kind: {}\nsession: s1\ntitle: 关于{}的建议\nkey: {}\nstatus: {}\n",
            self.kind, self.unit, self.key, self.status
        );
        if self.status == "not_feasible" {
            y.push_str("status_reason: 受用地条件限制\n");
        }
        // Every fact stated, either way: `replied: false` is a stated 尚未办复.
        if self.replied {
            y.push_str("replied_on: 2019-09-22\n");
        } else {
            y.push_str("replied: false\n");
        }
        y.push_str(&format!(
            "met_proposer: {}\nsatisfaction: {}\ndisclosure: {}\ndraft: {}\nhost_unit: {}\n",
            self.met, self.satisfaction, self.disclosure, self.draft, self.unit
        ));
        y
    }
}

const fn r(
    kind: &'static str,
    key: bool,
    status: &'static str,
    replied: bool,
    met: bool,
    satisfaction: &'static str,
    disclosure: &'static str,
) -> R {
    R {
        kind,
        key,
        status,
        replied,
        met,
        satisfaction,
        disclosure,
        draft: false,
        unit: "区卫生健康局",
    }
}

/// Five counted records, one of them withheld, and a draft that would break
/// every figure if it were counted.
fn covering_records() -> Vec<R> {
    vec![
        r(
            "recommendation",
            true,
            "solved",
            true,
            true,
            "satisfied",
            "public",
        ),
        r(
            "proposal",
            true,
            "in_progress",
            true,
            true,
            "basically_satisfied",
            "summary_only",
        ),
        R {
            unit: "区保密局",
            ..r(
                "proposal",
                false,
                "not_feasible",
                true,
                true,
                "dissatisfied",
                "withheld",
            )
        },
        r(
            "proposal",
            false,
            "solved",
            true,
            false,
            "satisfied",
            "public",
        ),
        r(
            "proposal",
            false,
            "reference",
            false,
            false,
            "pending",
            "public",
        ),
        R {
            draft: true,
            unit: "区草稿局",
            ..r(
                "proposal",
                true,
                "not_feasible",
                true,
                true,
                "dissatisfied",
                "public",
            )
        },
    ]
}

/// What the definitions of docs/content.md (统计数字) give for [`covering_records`].
fn expected_counts() -> Counts {
    Counts {
        records: 5,
        recommendations: 1,
        proposals: 4,
        suggestions: 0,
        key: 2,
        // solved, in_progress, not_feasible, reference
        categories: vec![2, 1, 1, 1],
        no_category: 0,
        not_feasible: 1,
        replied: 4,
        reply_stated: 5,
        met: 3,
        met_stated: 5,
        satisfied: 3,
        with_feedback: 4,
        satisfaction_stated: 5,
        // No record states `assigned_on`: no handling time, none late.
        timed: 0,
        on_time: 0,
    }
}

fn site(declared: &str, records: &[R]) -> Fixture {
    let f = Fixture::new();
    f.session("s1", &format!("{SESSION}declared:\n{declared}"));
    for (i, rec) in records.iter().enumerate() {
        f.record(&format!("2019/{:04}", i + 1), &rec.yaml());
    }
    f
}

const COVERING: &str = "  recommendations: 1
  proposals: 4
  key: 2
  not_feasible: 1
  reply_rate: 80
  meeting_rate: 60
  satisfaction_rate: 75
";

#[test]
fn a_covering_session_with_agreeing_rates_passes() {
    let f = site(COVERING, &covering_records());
    f.check().assert_exit(0);

    let model = pipeline::model(&BuildOptions::new(f.root()), &mut Timings::default())
        .unwrap_or_else(|e| panic!("{e}"));
    let s = model.site.session("s1").expect("session s1");
    assert_eq!(s.counts, expected_counts());
    assert!(s.covers);
    assert_eq!(s.counts.reply_rate(), Some(80.0));
    assert_eq!(s.counts.meeting_rate(), Some(60.0));
    assert_eq!(
        s.counts.satisfaction_rate(),
        Some(75.0),
        "pending feedback is left out of the denominator"
    );
    // Published individually: public and summary_only, not withheld, not the draft.
    assert_eq!(s.published, 4);
    assert_eq!(model.site.records.len(), 4);
    assert_eq!(s.records.len(), 4);

    // Term pages and their counts see published records only.
    let units = model.site.taxonomy(TaxonomyKind::Units);
    let names: Vec<&str> = units.terms.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, vec!["区卫生健康局"]);
    assert_eq!(units.terms[0].entries.len(), 4);
}

#[test]
fn every_covering_figure_is_checked() {
    // Each declared figure, nudged off by one, is reported against its own line.
    for (field, wrong) in [
        ("key: 2", "key: 3"),
        ("not_feasible: 1", "not_feasible: 2"),
        ("reply_rate: 80", "reply_rate: 100"),
        ("meeting_rate: 60", "meeting_rate: 61"),
        ("satisfaction_rate: 75", "satisfaction_rate: 80"),
    ] {
        let f = site(&COVERING.replace(field, wrong), &covering_records());
        let run = f.check();
        run.assert_exit(1);
        let lines = run.with_code("E041");
        assert_eq!(lines.len(), 1, "{wrong}:\n{}", run.stderr);
        let line = COVERING.lines().position(|l| l.trim() == field).unwrap() + 5;
        assert!(
            lines[0].starts_with(&format!("content/sessions/s1.yaml:{line}:")),
            "{wrong}: {}",
            lines[0]
        );
    }
}

#[test]
fn declared_rates_may_be_rounded() {
    // 2 of 3 replied: 66.67%, declared as 66.7 or 67.
    let three = [
        r(
            "proposal", false, "solved", true, false, "pending", "public",
        ),
        r(
            "proposal", false, "solved", true, false, "pending", "public",
        ),
        r(
            "proposal", false, "solved", false, false, "pending", "public",
        ),
    ];
    for rate in ["66.7", "67"] {
        let f = site(&format!("  proposals: 3\n  reply_rate: {rate}\n"), &three);
        f.check().assert_exit(0);
    }
    let f = site("  proposals: 3\n  reply_rate: 66\n", &three);
    f.check().assert_only(
        "content/sessions/s1.yaml:6:15: error[E041]: 记录已覆盖会议的全部件数，但按记录算出的办复率为 66.7%，与声明的 66% 不符 — 请核对记录或 declared 中的数字",
    );
}

/// The demo's shape: 1 recommendation and 54 proposals declared, 7 records
/// published individually, none of the rates computable from them.
#[test]
fn a_partial_session_passes_without_a_rate_check() {
    let mut records = vec![r(
        "recommendation",
        false,
        "solved",
        true,
        true,
        "satisfied",
        "public",
    )];
    for i in 0..6 {
        // Not all replied or met: a computed rate would be far from 100%.
        records.push(r(
            "proposal",
            true,
            if i < 3 { "solved" } else { "in_progress" },
            i % 2 == 0,
            false,
            "pending",
            "public",
        ));
    }
    let declared = "  recommendations: 1
  proposals: 54
  key: 6
  not_feasible: 3
  reply_rate: 100
  meeting_rate: 100
  satisfaction_rate: 100
";
    let f = site(declared, &records);
    f.check().assert_exit(0);
    let model = pipeline::model(&BuildOptions::new(f.root()), &mut Timings::default())
        .unwrap_or_else(|e| panic!("{e}"));
    let s = model.site.session("s1").unwrap();
    assert!(!s.covers, "7 of 55 do not cover the session");
    assert_eq!(s.published, 7);
    assert_eq!(s.counts.records, 7);
    assert_eq!(s.counts.key, 6);
    assert_eq!(s.declared.proposals, Some(54));

    // Still capped: a seventh key proposal is more than the six declared.
    records.push(r(
        "proposal",
        true,
        "solved",
        true,
        true,
        "satisfied",
        "withheld",
    ));
    let f = site(declared, &records);
    f.check().assert_only(
        "content/sessions/s1.yaml:7:8: error[E040]: 会议声明的重点督办件数为 6，但记录中有 7 件 — 请核对 declared 中的数字或多出的记录",
    );
}

#[test]
fn a_session_without_declared_figures_is_never_covered() {
    let f = site("", &covering_records());
    f.check().assert_exit(0);
    let model = pipeline::model(&BuildOptions::new(f.root()), &mut Timings::default())
        .unwrap_or_else(|e| panic!("{e}"));
    let s = model.site.session("s1").unwrap();
    assert!(!s.covers);
    assert_eq!(s.counts, expected_counts());
}

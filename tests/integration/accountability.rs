//! Accountability at a glance (issue 15): handling time, figures per unit and
//! session, the pages that show them and the open data that repeats them, on
//! a fixture whose answers are worked out by hand below.
//!
//! 区交通运输局 (slug `jiaotong`) hosts five counted records — three in s1,
//! two in s2 — and co-handles one; a withheld record it co-handles with
//! 区保密局 and a draft it hosts are in none of its numbers, and 区保密局
//! (named only by the withheld record) appears nowhere.

use std::collections::BTreeMap;

use crate::support::html::sel;
use crate::support::{Fixture, SITE, file_text};
use gongkai::model::{Site, TaxonomyKind};
use gongkai::pipeline::{self, BuildOptions, Timings};
use scraper::{ElementRef, Html};
use serde_json::Value;

const SLUGS: &str = "slugs:
  区交通运输局: jiaotong
  区教育局: jiaoyu
  区保密局: baomi
";

fn record(session: &str, unit: &str, extra: &str) -> String {
    format!(
        "kind: proposal\nsession: {session}\ntitle: 关于{unit}办理事项的建议\nhost_unit: {unit}\n{extra}"
    )
}

fn fixture(site_extra: &str) -> Fixture {
    let f = Fixture::new();
    f.site(&format!("{SITE}{SLUGS}{site_extra}"));
    f.session("s1", "body: 区政协\nyear: 2019\nname: 九届三次会议\n");
    f.session("s2", "body: 区政协\nyear: 2020\nname: 九届四次会议\n");
    f.session("s3", "body: 区人大\nyear: 2020\nname: 十届五次会议\n");
    let jt = "区交通运输局";
    // s1: 80 days (on time), 122 days (late), no assignment date.
    f.record(
        "2019/0001",
        &record(
            "s1",
            jt,
            "status: solved\nassigned_on: 2019-03-01\nreplied_on: 2019-05-20\nmet_proposer: true\nsatisfaction: satisfied\ndisclosure: public\n",
        ),
    );
    f.record(
        "2019/0002",
        &record(
            "s1",
            jt,
            "status: in_progress\nassigned_on: 2019-03-01\nreplied_on: 2019-07-01\nmet_proposer: false\nsatisfaction: dissatisfied\ndisclosure: summary_only\n",
        ),
    );
    f.record(
        "2019/0003",
        &record(
            "s1",
            jt,
            "status: solved\nreplied_on: 2019-06-01\ndisclosure: public\n",
        ),
    );
    // Hosted by 区教育局, co-handled by 区交通运输局: 31 days.
    f.record(
        "2019/0004",
        &record(
            "s1",
            "区教育局",
            "co_units: [区交通运输局]\nstatus: solved\nassigned_on: 2019-03-01\nreplied_on: 2019-04-01\ndisclosure: public\n",
        ),
    );
    // Withheld: counted in the session's totals, in no unit's figure.
    f.record(
        "2019/0005",
        &record(
            "s1",
            "区保密局",
            "co_units: [区交通运输局]\nstatus: solved\nassigned_on: 2019-03-01\nreplied_on: 2019-12-01\ndisclosure: withheld\n",
        ),
    );
    // A draft: in nothing.
    f.record(
        "2019/0006",
        &record(
            "s1",
            jt,
            "status: solved\nassigned_on: 2019-03-01\nreplied_on: 2019-12-01\ndisclosure: public\ndraft: true\n",
        ),
    );
    // s2: replied without a published date (not timed); exactly 90 days (on time).
    f.record(
        "2020/0001",
        &record(
            "s2",
            jt,
            "status: reference\nassigned_on: 2020-03-01\nreplied: true\ndisclosure: public\n",
        ),
    );
    f.record(
        "2020/0002",
        &record(
            "s2",
            jt,
            "status: solved\nassigned_on: 2020-03-01\nreplied_on: 2020-05-30\ndisclosure: public\n",
        ),
    );
    f.record(
        "2020/0101",
        "kind: suggestion\nsession: s3\ntitle: 关于学校周边交通的建议\nhost_unit: 区教育局\nstatus: solved\ndisclosure: public\n",
    );
    f
}

fn model(f: &Fixture) -> Site {
    pipeline::model(&BuildOptions::new(f.root()), &mut Timings::default())
        .unwrap_or_else(|e| panic!("{e}"))
        .site
}

fn inner(e: ElementRef<'_>) -> String {
    e.text().collect::<String>().trim().to_string()
}

/// A figures table as rows of cells, each cell's own text (its note apart).
fn table(doc: &Html, id: &str) -> Vec<Vec<String>> {
    let t = doc
        .select(&sel(&format!("table#{id}")))
        .next()
        .unwrap_or_else(|| panic!("no table #{id}"));
    let mut rows = vec![
        t.select(&sel("thead th"))
            .map(inner)
            .collect::<Vec<String>>(),
    ];
    for tr in t.select(&sel("tbody tr")) {
        rows.push(
            tr.children()
                .filter_map(ElementRef::wrap)
                .map(|c| {
                    c.children()
                        .filter_map(|n| n.value().as_text().map(|t| t.to_string()))
                        .collect::<String>()
                        .trim()
                        .to_string()
                        + &c.select(&sel("a")).map(inner).collect::<String>()
                })
                .collect(),
        );
    }
    rows
}

/// A row of `table` by its header cell, as column name → value.
fn row<'a>(t: &'a [Vec<String>], name: &str) -> BTreeMap<&'a str, &'a str> {
    let r = t
        .iter()
        .skip(1)
        .find(|r| r[0] == name)
        .unwrap_or_else(|| panic!("no row {name} in {t:?}"));
    t[0].iter()
        .map(String::as_str)
        .zip(r.iter().map(String::as_str))
        .collect()
}

#[test]
fn unit_figures_have_the_worked_out_answers() {
    let f = fixture("");
    let site = model(&f);
    let units = &site.taxonomy(TaxonomyKind::Units).terms;
    let names: Vec<&str> = units.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(
        names,
        ["区交通运输局", "区教育局"],
        "区保密局 is named only by a withheld record"
    );
    let jt = &site.units[0];
    let s1 = site.sessions.iter().position(|s| s.id == "s1").unwrap();
    let s2 = site.sessions.iter().position(|s| s.id == "s2").unwrap();
    let in_s1 = jt.in_session(s1).unwrap();
    // solved, in_progress, not_feasible, reference
    assert_eq!(in_s1.hosted.records, 3);
    assert_eq!(
        in_s1.co_handled, 1,
        "the withheld co-handled record is not counted"
    );
    assert_eq!(in_s1.hosted.categories, [2, 1, 0, 0]);
    assert_eq!((in_s1.hosted.replied, in_s1.hosted.reply_stated), (3, 3));
    assert_eq!(
        (in_s1.hosted.on_time, in_s1.hosted.timed),
        (1, 2),
        "no assigned_on: not timed, not late"
    );
    assert_eq!((in_s1.hosted.met, in_s1.hosted.met_stated), (1, 2));
    assert_eq!((in_s1.hosted.satisfied, in_s1.hosted.with_feedback), (1, 2));
    let in_s2 = jt.in_session(s2).unwrap();
    assert_eq!(in_s2.hosted.records, 2);
    assert_eq!(in_s2.hosted.categories, [1, 0, 0, 1]);
    assert_eq!(
        (in_s2.hosted.on_time, in_s2.hosted.timed),
        (1, 1),
        "the 90th day is on time"
    );
    assert_eq!(jt.total.hosted.records, 5);
    assert_eq!(jt.total.co_handled, 1);
    assert_eq!((jt.total.hosted.on_time, jt.total.hosted.timed), (2, 3));
    // The session counts every non-draft record, the withheld one too.
    let session = &site.sessions[s1];
    assert_eq!((session.counts.on_time, session.counts.timed), (2, 4));
    assert_eq!(
        (
            session.published_counts.on_time,
            session.published_counts.timed
        ),
        (2, 3)
    );

    // A shorter limit makes the 80-day reply late; nothing else moves.
    let strict = model(&fixture("reply_within_days: 60\n"));
    let in_s1 = strict.units[0].in_session(s1).unwrap();
    assert_eq!((in_s1.hosted.on_time, in_s1.hosted.timed), (0, 2));
}

#[test]
fn pages_show_handling_time_and_the_unit_tables() {
    let f = fixture("");
    let files = f.built();

    // Nothing names the unit only a withheld record names.
    for (path, bytes) in &files {
        assert!(
            !String::from_utf8_lossy(bytes).contains("区保密局"),
            "{path} names a unit only a withheld record names"
        );
    }

    // Record pages: handling time only where both dates are stated.
    let page =
        |id: &str| Html::parse_document(file_text(&files, &format!("proposals/{id}/index.html")));
    let summary = |id: &str| {
        page(id)
            .select(&sel(".gk-summary-list, dl"))
            .map(inner)
            .collect::<String>()
    };
    let s = summary("2019/0001");
    assert!(s.contains("交办日期") && s.contains("80 天（按期"), "{s}");
    assert!(summary("2019/0002").contains("122 天（超期"));
    let s = summary("2019/0003");
    assert!(!s.contains("办理用时") && !s.contains("超期"), "{s}");
    let s = summary("2020/0001");
    assert!(s.contains("交办日期") && !s.contains("办理用时"), "{s}");

    // /units/: most records hosted first, with every figure.
    let units = Html::parse_document(file_text(&files, "units/index.html"));
    let t = table(&units, "units-table");
    assert_eq!(t[1][0], "区交通运输局");
    assert_eq!(t[2][0], "区教育局");
    let jt = row(&t, "区交通运输局");
    assert_eq!(jt["主办"], "5");
    assert_eq!(jt["协办"], "1");
    assert_eq!(jt["A类（已解决或基本解决）"], "3");
    assert_eq!(jt["B类（正在解决或列入计划解决）"], "1");
    assert_eq!(jt["留作参考"], "1");
    assert_eq!(jt["已办复"], "5");
    assert_eq!(jt["按期办复率"], "66.7%");
    assert!(
        !t[0].iter().any(|c| c.starts_with("C类")),
        "no column nobody counts"
    );
    let ed = row(&t, "区教育局");
    assert_eq!(
        (ed["主办"], ed["协办"], ed["按期办复率"]),
        ("2", "0", "100%")
    );
    let th = units
        .select(&sel("#units-table thead th[aria-sort=descending]"))
        .map(inner)
        .collect::<Vec<_>>();
    assert_eq!(
        th,
        ["主办"],
        "without JavaScript the order is by records hosted"
    );
    assert!(
        units
            .select(&sel("table#units-table[data-gk-sortable]"))
            .next()
            .is_some()
    );
    let script = units.select(&sel("script[src*='js/sort.']")).count();
    assert_eq!(script, 1);
    // The session filter links to each session's own by-unit table.
    let filter: Vec<String> = units
        .select(&sel(".gk-filter a"))
        .filter_map(|a| a.value().attr("href").map(str::to_string))
        .collect();
    assert!(
        filter.contains(&"../sessions/s1/#session-units".to_string()),
        "{filter:?}"
    );
    assert!(
        filter.contains(&"../sessions/s3/#session-units".to_string()),
        "{filter:?}"
    );

    // A unit page opens with its figures per session.
    let unit = Html::parse_document(file_text(&files, "units/jiaotong/index.html"));
    let t = table(&unit, "unit-figures-table");
    let s1 = row(&t, "区政协九届三次会议");
    assert_eq!((s1["主办"], s1["协办"], s1["已办复"]), ("3", "1", "3"));
    assert_eq!(s1["A类（已解决或基本解决）"], "2");
    assert_eq!(
        (s1["按期办复率"], s1["见面率"], s1["满意和基本满意率"]),
        ("50%", "50%", "50%")
    );
    let s2 = row(&t, "区政协九届四次会议");
    assert_eq!(
        (s2["主办"], s2["按期办复率"], s2["见面率"]),
        ("2", "100%", "—")
    );
    assert!(
        t.iter().all(|r| r[0] != "区人大十届五次会议"),
        "the unit has no record there"
    );

    // A session page gains a by-unit table; its on-time rate is labelled.
    let session = Html::parse_document(file_text(&files, "sessions/s1/index.html"));
    let t = table(&session, "units-table");
    let jt = row(&t, "区交通运输局");
    assert_eq!(
        (jt["主办"], jt["协办"], jt["按期办复率"]),
        ("3", "1", "50%")
    );
    let figures: String = session
        .select(&sel(".gk-session .gk-table"))
        .map(inner)
        .collect();
    assert!(figures.contains("按期办复率"), "{figures}");
    assert!(figures.contains("根据本站公开的 3 件记录计算"), "{figures}");
    assert!(figures.contains("66.7%"), "{figures}");

    // /sessions/: each body apart, oldest session first.
    let sessions = Html::parse_document(file_text(&files, "sessions/index.html"));
    let t = table(&sessions, "body-2-table");
    assert_eq!(t[1][0], "区政协九届三次会议");
    assert_eq!(t[2][0], "区政协九届四次会议");
    let s1 = row(&t, "区政协九届三次会议");
    assert_eq!((s1["办理总数"], s1["单独公开办理结果"]), ("5", "4"));
    let t = table(&sessions, "body-1-table");
    assert_eq!(t.len(), 2, "区人大 has one session: {t:?}");
}

#[test]
fn every_chart_says_the_numbers_of_its_table() {
    let f = fixture("");
    let files = f.built();
    let mut charts = 0;
    for (path, bytes) in files.iter().filter(|(p, _)| p.ends_with(".html")) {
        let doc = Html::parse_document(&String::from_utf8_lossy(bytes));
        for fig in doc.select(&sel("figure.gk-chart-figure")) {
            charts += 1;
            let desc = fig.select(&sel("svg desc")).map(inner).collect::<String>();
            let rows: Vec<(String, String)> = fig
                .select(&sel("tbody tr"))
                .map(|tr| {
                    let head = tr.select(&sel("th")).next().map(|th| {
                        th.children()
                            .filter_map(|n| n.value().as_text().map(|t| t.to_string()))
                            .collect::<String>()
                            + &th.select(&sel("a")).map(inner).collect::<String>()
                    });
                    (
                        head.unwrap_or_default(),
                        tr.select(&sel("td"))
                            .map(inner)
                            .collect::<Vec<_>>()
                            .join(" "),
                    )
                })
                .collect();
            // The desc: a sentence, then `label：value` items joined with "；".
            let listing = desc.rsplit_once('。').map(|(_, l)| l).unwrap_or(&desc);
            let items: Vec<&str> = listing.split('；').collect();
            assert_eq!(items.len(), rows.len(), "{path}: {desc} vs {rows:?}");
            for (item, (label, cells)) in items.iter().zip(&rows) {
                let (l, value) = item.split_once('：').unwrap();
                assert_eq!(l, label.trim(), "{path}");
                let numbers = |s: &str| -> Vec<String> {
                    s.split(|c: char| !c.is_ascii_digit())
                        .filter(|n| !n.is_empty())
                        .map(str::to_string)
                        .collect()
                };
                let in_table = numbers(cells);
                for n in numbers(value) {
                    assert!(
                        in_table.contains(&n),
                        "{path}: chart says {n} in “{item}”, table row {label}: {cells}"
                    );
                }
            }
        }
    }
    // Session pages (2 charts each where they have records), 3 unit pages, 2 bodies.
    assert!(charts >= 8, "{charts} charts");
}

#[test]
fn open_data_by_unit_matches_the_pages() {
    let f = fixture("");
    let files = f.built();
    let json: Value = serde_json::from_str(file_text(&files, "data/units.json")).unwrap();
    let units = json["units"].as_array().unwrap();
    assert_eq!(units.len(), 2);
    let jt = &units[0];
    assert_eq!(jt["name"], "区交通运输局");
    assert_eq!(jt["url"], "https://www.gongkai.test/jytabl/units/jiaotong/");
    assert_eq!(jt["total"]["hosted"], 5);
    assert_eq!(jt["total"]["co_handled"], 1);
    assert_eq!(
        (&jt["total"]["on_time"], &jt["total"]["timed"]),
        (&Value::from(2), &Value::from(3))
    );
    assert_eq!(jt["total"]["on_time_rate"], 66.67);
    let s1 = &jt["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["session"] == "s1")
        .unwrap();
    assert_eq!(s1["hosted"], 3);
    assert_eq!(s1["categories"][0]["records"], 2);
    assert_eq!(s1["categories"][1]["records"], 1);
    assert_eq!(s1["met"], 1);
    assert_eq!(s1["met_stated"], 2);

    // The /units/ table says the same.
    let page = Html::parse_document(file_text(&files, "units/index.html"));
    let t = table(&page, "units-table");
    for u in units {
        let r = row(&t, u["name"].as_str().unwrap());
        assert_eq!(r["主办"], u["total"]["hosted"].to_string());
        assert_eq!(r["协办"], u["total"]["co_handled"].to_string());
        assert_eq!(r["已办复"], u["total"]["replied"].to_string());
    }

    // CSV: one row per unit and session, the same numbers.
    let csv = file_text(&files, "data/units.csv");
    let csv = csv.trim_start_matches('\u{feff}');
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let head: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    assert_eq!(
        head[..9],
        [
            "unit",
            "unit_url",
            "session",
            "session_name",
            "year",
            "hosted",
            "co_handled",
            "status_solved",
            "status_in_progress"
        ]
    );
    let rows: Vec<BTreeMap<String, String>> = reader
        .records()
        .map(|r| {
            head.iter()
                .cloned()
                .zip(r.unwrap().iter().map(str::to_string))
                .collect()
        })
        .collect();
    assert_eq!(rows.len(), 4, "交通 s1, s2; 教育 s1, s3");
    let r = rows
        .iter()
        .find(|r| r["unit"] == "区交通运输局" && r["session"] == "s1")
        .unwrap();
    assert_eq!(
        (
            r["hosted"].as_str(),
            r["co_handled"].as_str(),
            r["status_solved"].as_str()
        ),
        ("3", "1", "2")
    );
    assert_eq!(
        (
            r["on_time"].as_str(),
            r["timed"].as_str(),
            r["on_time_rate"].as_str()
        ),
        ("1", "2", "50")
    );

    // proposals.json and .csv carry the dates and the handling time.
    let p: Value = serde_json::from_str(file_text(&files, "data/proposals.json")).unwrap();
    let r1 = p["records"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "2019/0001")
        .unwrap();
    assert_eq!(
        (&r1["assigned_on"], &r1["handling_days"], &r1["on_time"]),
        (
            &Value::from("2019-03-01"),
            &Value::from(80),
            &Value::from(true)
        )
    );
    let r3 = p["records"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "2019/0003")
        .unwrap();
    assert_eq!(
        (&r3["assigned_on"], &r3["handling_days"], &r3["on_time"]),
        (&Value::Null, &Value::Null, &Value::Null)
    );
    let schema = file_text(&files, "data/schema.json");
    for key in [
        "units.json",
        "units.csv",
        "on_time_rate",
        "handling_days",
        "assigned_on",
    ] {
        assert!(schema.contains(key), "schema.json lacks {key}");
    }
}

#[test]
fn a_reply_before_its_assignment_is_e048() {
    let f = fixture("");
    f.record(
        "2019/0009",
        &record(
            "s1",
            "区教育局",
            "assigned_on: 2019-05-01\nreplied_on: 2019-04-30\ndisclosure: public\n",
        ),
    );
    let run = f.build();
    run.assert_exit(1);
    run.assert_only(
        "content/proposals/2019/0009.yaml:6:13: error[E048]: 办复日期 replied_on（2019-04-30）早于交办日期 assigned_on（2019-05-01） — 请对照原件核对两个日期：办复只能在交办之后",
    );
    assert!(!f.root().join("public").exists(), "public/ untouched");
}

#[test]
fn reply_within_days_must_be_a_sensible_number_of_days() {
    let f = fixture("reply_within_days: 0\n");
    let run = f.check();
    run.assert_exit(1);
    assert_eq!(run.with_code("E016").len(), 1, "{:?}", run.headlines());
}

#[test]
fn a_session_that_declares_figures_says_why_its_records_give_no_rate() {
    let f = fixture("");
    // s2 declares its count, not its rates; two of its ten records are here.
    f.session(
        "s2",
        "body: 区政协\nyear: 2020\nname: 九届四次会议\ndeclared:\n  proposals: 10\n",
    );
    let files = f.built();
    let page = Html::parse_document(file_text(&files, "sessions/s2/index.html"));
    let hints: String = page.select(&sel(".gk-hint")).map(inner).collect();
    assert!(
        hints.contains("报告没有公布办复率、按期办复率。本站单独公开的2件记录不是这次会议的全部记录，不据此计算整次会议的比率。"),
        "{hints}"
    );
    let figures: String = page
        .select(&sel("section[aria-labelledby=session-figures] .gk-table"))
        .map(inner)
        .collect();
    assert!(
        !figures.contains('%'),
        "no rate beside declared figures: {figures}"
    );
    // Without `declared`, the same records give labelled rates (s1 above).
    let s1 = Html::parse_document(file_text(&files, "sessions/s1/index.html"));
    let hints: String = s1.select(&sel(".gk-hint")).map(inner).collect();
    assert!(!hints.contains("报告没有公布"), "{hints}");
}

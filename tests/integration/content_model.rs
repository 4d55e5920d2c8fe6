//! The content model of docs/content.md, end to end: facts in three
//! states (stated yes, stated no, not stated) on the page, in the open data and
//! in the search index; a site's own reply categories (甲/乙/丙) with one wording
//! in every output; and the messages that migrate a renamed field. Each site is
//! built by the real binary and read back from its files.

use crate::support::html;

use std::collections::BTreeMap;
use std::path::Path;

use crate::support::{Fixture, RECORD, SITE, file_text, files};
use gongkai::search::query::{DirFiles, Filters, Searcher};
use html::norm;
use serde_json::Value;

const R1: &str = "content/proposals/2019/0001.yaml";

/// Builds `f` into a temporary folder; its files by path, and the folder.
fn build(f: &Fixture) -> (tempfile::TempDir, BTreeMap<String, Vec<u8>>) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    f.build_into(&out).assert_exit(0);
    let files = files(&out);
    (dir, files)
}

/// What a page says about its record: its `<main>` up to the line printed
/// with the site's name and the page's address.
fn main_of(html: &str) -> String {
    let start = html.find("<main").expect("a main element");
    let end = html
        .find("gk-print-only")
        .and_then(|i| html[..i].rfind('<'))
        .or_else(|| html.find("</main>"))
        .expect("a main end");
    norm(&html[start..end])
}

/// The records of `data/proposals.json` by id.
fn json_records(files: &BTreeMap<String, Vec<u8>>) -> BTreeMap<String, Value> {
    let doc: Value = serde_json::from_str(file_text(files, "data/proposals.json")).unwrap();
    doc["records"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["id"].as_str().unwrap().to_string(), r.clone()))
        .collect()
}

/// The rows of `data/proposals.csv` by id, each a column → cell map.
fn csv_rows(files: &BTreeMap<String, Vec<u8>>) -> BTreeMap<String, BTreeMap<String, String>> {
    let bytes = &files["data/proposals.csv"];
    let body = &bytes[gongkai::data::records::BOM.len()..];
    let mut reader = csv::Reader::from_reader(body);
    let headers: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    reader
        .records()
        .map(|r| {
            let row: BTreeMap<String, String> = headers
                .iter()
                .cloned()
                .zip(r.unwrap().iter().map(String::from))
                .collect();
            (row["id"].clone(), row)
        })
        .collect()
}

/// The search client over a built site's index.
fn searcher(out: &Path) -> Searcher<DirFiles> {
    Searcher::new(
        &crate::support::search_meta(out),
        DirFiles(out.to_path_buf()),
    )
    .unwrap()
}

/// Record ids a query finds, sorted.
fn found(s: &Searcher<DirFiles>, query: &str, filters: &[(&str, &str)]) -> Vec<String> {
    let mut ids: Vec<String> = s
        .search(query, &Filters::parse(filters))
        .docs
        .iter()
        .map(|d| {
            let path = s.display(*d).unwrap().path;
            path.trim_start_matches("proposals/")
                .trim_end_matches('/')
                .to_string()
        })
        .collect();
    ids.sort();
    ids
}

// --- Facts in three states ---------------------------------------------------------

/// One record stating every fact yes, one stating each no, one stating none.
fn three_states() -> Fixture {
    let f = Fixture::new();
    f.record(
        "2019/0001",
        "kind: proposal
session: s1
title: 关于甲停车场的建议
host_unit: 区交通运输局
status: solved
replied_on: 2019-09-22
met_proposer: true
satisfaction: satisfied
disclosure: public
outcomes:
  - text: 停车场已建成。
    state: done
",
    );
    f.record(
        "2019/0002",
        "kind: proposal
session: s1
title: 关于乙停车场的建议
host_unit: 区交通运输局
status: in_progress
replied: false
met_proposer: false
satisfaction: pending
disclosure: public
outcomes:
  - text: 拟于明年开工。
    state: planned
",
    );
    f.record(
        "2019/0003",
        "kind: proposal
session: s1
title: 关于丙停车场的建议
host_unit: 区交通运输局
disclosure: public
outcomes:
  - text: 开展了选址调研。
",
    );
    f
}

#[test]
fn each_fact_is_shown_as_stated_and_not_at_all_when_left_out() {
    let (dir, files) = build(&three_states());

    // The page.
    let yes = main_of(file_text(&files, "proposals/2019/0001/index.html"));
    for row in [
        "<dt class=gk-summary-list__key>办理结果</dt><dd class=gk-summary-list__value><span class=\"gk-tag gk-tag--cat-1\">A类（已解决或基本解决）</span>",
        "<dt class=gk-summary-list__key>办复日期</dt><dd class=gk-summary-list__value><time datetime=2019-09-22>2019年9月22日</time>",
        "<dt class=gk-summary-list__key>见面沟通</dt><dd class=gk-summary-list__value>已与提案人见面沟通</dd>",
        "<dt class=gk-summary-list__key>提案人反馈</dt><dd class=gk-summary-list__value>满意</dd>",
        "<span class=\"gk-tag gk-tag--done\">已完成</span>",
    ] {
        assert!(yes.contains(&norm(row)), "stated yes: {row}\n{yes}");
    }
    let no = main_of(file_text(&files, "proposals/2019/0002/index.html"));
    for row in [
        "<dt class=gk-summary-list__key>办复情况</dt><dd class=gk-summary-list__value>尚未办复</dd>",
        "<dt class=gk-summary-list__key>见面沟通</dt><dd class=gk-summary-list__value>未与提案人见面沟通</dd>",
        "<dt class=gk-summary-list__key>提案人反馈</dt><dd class=gk-summary-list__value>待反馈</dd>",
        "<span class=\"gk-tag gk-tag--planned\">计划</span>",
    ] {
        assert!(no.contains(&norm(row)), "stated no: {row}\n{no}");
    }
    let absent = main_of(file_text(&files, "proposals/2019/0003/index.html"));
    assert!(absent.contains("开展了选址调研。"), "{absent}");
    for word in [
        "办理结果",
        "办复",
        "见面",
        "反馈",
        "尚未",
        "待反馈",
        "满意",
        "gk-tag",
        "已完成",
        "计划",
    ] {
        assert!(!absent.contains(word), "not stated, yet {word}:\n{absent}");
    }

    // The open data: a stated no is false (or its keyword), a fact left out null.
    let json = json_records(&files);
    let facts = |id: &str| {
        let r = &json[id];
        serde_json::json!([
            r["status"],
            r["status_label"],
            r["replied"],
            r["replied_on"],
            r["met_proposer"],
            r["satisfaction"],
            r["outcomes"][0]["state"],
        ])
    };
    assert_eq!(
        facts("2019/0001"),
        serde_json::json!([
            "solved",
            "A类（已解决或基本解决）",
            true,
            "2019-09-22",
            true,
            "satisfied",
            "done"
        ])
    );
    assert_eq!(
        facts("2019/0002"),
        serde_json::json!([
            "in_progress",
            "B类（正在解决或列入计划解决）",
            false,
            null,
            false,
            "pending",
            "planned"
        ])
    );
    assert_eq!(
        facts("2019/0003"),
        serde_json::json!([null, null, null, null, null, null, null])
    );
    let csv = csv_rows(&files);
    let cells = |id: &str| {
        [
            "status",
            "replied",
            "replied_on",
            "met_proposer",
            "satisfaction",
        ]
        .map(|c| csv[id][c].clone())
    };
    assert_eq!(
        cells("2019/0001"),
        ["solved", "true", "2019-09-22", "true", "satisfied"]
    );
    assert_eq!(
        cells("2019/0002"),
        ["in_progress", "false", "", "false", "pending"]
    );
    assert_eq!(cells("2019/0003"), ["", "", "", "", ""]);

    // Search: the record without a category is found, and counted under none.
    let s = searcher(&dir.path().join("public"));
    assert_eq!(
        found(&s, "停车场", &[]),
        ["2019/0001", "2019/0002", "2019/0003"]
    );
    let counts = s.search("停车场", &Filters::parse(&[])).counts;
    assert_eq!(
        counts["status"],
        [("in_progress".to_string(), 1), ("solved".to_string(), 1)].into()
    );
    assert_eq!(found(&s, "停车场", &[("status", "solved")]), ["2019/0001"]);
    // With a filter, counts come from the records themselves (not stored counts).
    let filtered = s
        .search("停车场", &Filters::parse(&[("kind", "proposal")]))
        .counts;
    assert_eq!(filtered["status"], counts["status"]);

    // Category pages list only the records that state their category.
    assert!(file_text(&files, "status/solved/index.html").contains("关于甲停车场的建议"));
    for (path, bytes) in &files {
        if path.starts_with("status/") {
            let page = String::from_utf8_lossy(bytes);
            assert!(!page.contains("关于丙停车场的建议"), "{path}");
        }
    }

    // The session declares nothing: each rate over the published records that
    // state its fact, labelled with how many.
    let session = norm(file_text(&files, "sessions/s1/index.html"));
    for row in [
        "<th scope=row>办复率<span class=gk-table__note>根据本站公开的 2 件记录计算</span></th><td class=gk-table__num>50%</td>",
        "<th scope=row>见面率<span class=gk-table__note>根据本站公开的 2 件记录计算</span></th><td class=gk-table__num>50%</td>",
        "<th scope=row>满意和基本满意率<span class=gk-table__note>根据本站公开的 1 件记录计算</span></th><td class=gk-table__num>100%</td>",
    ] {
        assert!(session.contains(&norm(row)), "{row}\n{session}");
    }
    let sessions: Value = serde_json::from_str(file_text(&files, "data/sessions.json")).unwrap();
    let p = &sessions["sessions"][0]["from_published"];
    assert_eq!(
        (&p["reply_rate"], &p["reply_records"]),
        (&Value::from(50.0), &Value::from(2))
    );
    assert_eq!(
        (&p["satisfaction_rate"], &p["satisfaction_records"]),
        (&Value::from(100.0), &Value::from(1))
    );

    // The feed says a category only where the record states one.
    let feed = file_text(&files, "atom.xml");
    assert!(feed.contains("办理结果：A类（已解决或基本解决）"), "{feed}");
    assert_eq!(feed.matches("办理结果：").count(), 2, "{feed}");
}

// --- Local categories ---------------------------------------------------------------

const JIA_YI_BING: &str = "categories:
  - {id: jia, label: 甲类, meaning: 已解决}
  - {id: yi, label: 乙类, meaning: 正在解决}
  - {id: bing, label: 丙类, meaning: 暂不能解决, not_feasible: true}
  - {id: cankao, label: 留作参考}
";

/// A site grading replies 甲/乙/丙 (and 留作参考, a label without a meaning),
/// one record in each, in a session the records cover.
fn jia_yi_bing() -> Fixture {
    let f = Fixture::new();
    f.site(&format!("{SITE}{JIA_YI_BING}"));
    f.session(
        "s1",
        "body: 区政协\nyear: 2019\nname: 九届三次会议\ndeclared:\n  proposals: 4\n  not_feasible: 1\n  reply_rate: 100\n",
    );
    for (i, (status, extra)) in [
        ("jia", ""),
        ("yi", "status_reason: 其余将于明年完成\n"),
        ("bing", "status_reason: 受用地条件限制\n"),
        ("cankao", ""),
    ]
    .iter()
    .enumerate()
    {
        f.record(
            &format!("2019/{:04}", i + 1),
            &format!(
                "kind: proposal\nsession: s1\ntitle: 关于第{}件事的建议\nhost_unit: 区发展和改革局\n\
                 status: {status}\n{extra}replied_on: 2019-09-2{i}\ndisclosure: public\nsummary: 已答复。\n",
                i + 1
            ),
        );
    }
    f
}

#[test]
fn a_site_with_its_own_categories_works_end_to_end() {
    let f = jia_yi_bing();
    f.check().assert_exit(0);
    let (dir, files) = build(&f);
    // A page per category, at its id; the list in the site's order.
    for id in ["jia", "yi", "bing", "cankao"] {
        assert!(
            files.contains_key(&format!("status/{id}/index.html")),
            "{id}"
        );
    }
    let list = file_text(&files, "status/index.html");
    let order: Vec<usize> = [
        "甲类（已解决）",
        "乙类（正在解决）",
        "丙类（暂不能解决）",
        "留作参考",
    ]
    .iter()
    .map(|w| list.find(w).unwrap_or_else(|| panic!("{w}\n{list}")))
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    let page = file_text(&files, "status/bing/index.html");
    assert!(page.contains("关于第3件事的建议") && !page.contains("关于第1件事的建议"));
    // The reason is shown with any category: B类's (乙类) as 办理结果说明,
    // a not-feasible one's as the reason it cannot be done.
    let yi = main_of(file_text(&files, "proposals/2019/0002/index.html"));
    assert!(
        yi.contains(&norm(
            "<h2 id=record-reason>办理结果说明</h2><p>其余将于明年完成</p>"
        )),
        "{yi}"
    );
    let bing = main_of(file_text(&files, "proposals/2019/0003/index.html"));
    assert!(
        bing.contains(&norm(
            "<h2 id=record-reason>暂不能解决的原因</h2><p>受用地条件限制</p>"
        )),
        "{bing}"
    );
    assert!(
        bing.contains(&norm(
            "<span class=\"gk-tag gk-tag--cat-3\">丙类（暂不能解决）</span>"
        )),
        "{bing}"
    );
    // The session's not-feasible count is the 丙类 records', the records covering it.
    let session = norm(file_text(&files, "sessions/s1/index.html"));
    assert!(
        session.contains(&norm(
            "<th scope=row>丙类（暂不能解决）</th><td class=gk-table__num>1件</td>"
        )),
        "{session}"
    );
    assert!(session.contains(&norm("区政协九届三次会议共4件，按办理结果分类的件数。")));

    // Search facets name the site's categories.
    let s = searcher(&dir.path().join("public"));
    let counts = s.search("建议", &Filters::parse(&[])).counts;
    assert_eq!(
        counts["status"],
        [("bing", 1), ("cankao", 1), ("jia", 1), ("yi", 1)]
            .map(|(k, v)| (k.to_string(), v))
            .into()
    );
    assert_eq!(found(&s, "建议", &[("status", "bing")]), ["2019/0003"]);
    let meta: Value =
        serde_json::from_str(&crate::support::search_meta(&dir.path().join("public"))).unwrap();
    assert_eq!(
        meta["statuses"][0],
        serde_json::json!(["jia", "甲类（已解决）", "cat-1"])
    );

    // Open data and feed.
    let json = json_records(&files);
    assert_eq!(json["2019/0003"]["status"], "bing");
    assert_eq!(json["2019/0003"]["status_label"], "丙类（暂不能解决）");
    assert_eq!(
        csv_rows(&files)["2019/0001"]["status_label"],
        "甲类（已解决）"
    );
    assert!(file_text(&files, "atom.xml").contains("办理结果：乙类（正在解决）"));

    // A record naming a category the site does not have: the site's ids, and a guess.
    f.record(
        "2019/0005",
        "kind: proposal\nsession: s1\ntitle: 关于第5件事的建议\nhost_unit: 区发展和改革局\nstatus: bign\ndisclosure: withheld\n",
    );
    f.check().assert_only(
        "content/proposals/2019/0005.yaml:5:9: error[E044]: site.yaml 的 categories 中没有 id 为 \"bign\" 的办理结果分类 — 是不是想写 \"bing\"？可用值：jia, yi, bing, cankao",
    );
    // A not-feasible category needs its reason.
    f.record(
        "2019/0005",
        "kind: proposal\nsession: s2\ntitle: 关于第5件事的建议\nhost_unit: 区发展和改革局\nstatus: bing\ndisclosure: withheld\n",
    );
    f.session("s2", crate::support::SESSION);
    f.check().assert_only(
        "content/proposals/2019/0005.yaml:5:9: error[E023]: 办理结果为“丙类（暂不能解决）”，但没有填写 status_reason — 请添加一行 status_reason: …，写明原因（答复中怎么说就怎么写）",
    );
}

/// Every output words a category as [`gongkai::model::category::wording`]
/// does, and in no other way: wherever a category's label or meaning appears,
/// it appears inside that one wording.
#[test]
fn every_output_words_a_category_the_same_way() {
    let (_dir, files) = build(&jia_yi_bing());
    let outputs = [
        // The record page (tag and summary row), the list, the session's chart
        // and table, the category list and page, the search page's facets, the
        // open data and the feed.
        "proposals/2019/0001/index.html",
        "proposals/index.html",
        "sessions/s1/index.html",
        "status/index.html",
        "status/jia/index.html",
        "search/index.html",
        "data/proposals.json",
        "data/proposals.csv",
        "data/sessions.json",
        "atom.xml",
    ];
    let categories = [
        ("甲类", Some("已解决")),
        ("乙类", Some("正在解决")),
        ("丙类", Some("暂不能解决")),
        ("留作参考", None),
    ];
    for (label, meaning) in categories {
        let wording = gongkai::model::category::wording(label, meaning, "zh-CN");
        for path in outputs {
            let file = file_text(&files, path);
            let whole = file.matches(&wording).count();
            if label == "甲类" {
                assert!(whole > 0, "{path} does not name {wording}");
            }
            assert_eq!(
                file.matches(label).count(),
                whole,
                "{path}: {label} outside {wording}"
            );
            if let Some(m) = meaning {
                // 暂不能解决 is also the session page's own label for the
                // declared figure (a row header of its own): not a category's words.
                let figure = file.matches(&format!(">{m}</th>")).count();
                let alone = file.matches(m).count() - figure;
                assert_eq!(alone, whole, "{path}: {m} outside {wording}");
            }
        }
    }
    // The record's category is in each per-record output.
    for path in [
        "proposals/2019/0001/index.html",
        "data/proposals.json",
        "data/proposals.csv",
        "atom.xml",
    ] {
        assert!(file_text(&files, path).contains("甲类（已解决）"), "{path}");
    }
}

// --- Errors in categories and facts -------------------------------------------------

#[test]
fn categories_need_a_unique_url_safe_id_and_a_label() {
    let f = Fixture::new();
    f.site(&format!(
        "{SITE}categories:
  - id: jia
    label: 甲类
  - id: jia
    label: 乙类
  - id: Bing类
    label: 丙类
  - id: ding
"
    ));
    let run = f.check();
    run.assert_exit(1);
    run.assert_headline(
        "content/site.yaml:12:9: error[E045]: 办理结果分类的 id \"jia\" 出现了两次 — 每个分类的 id 必须不同，请改掉其中一个",
    );
    run.assert_headline(
        "content/site.yaml:14:9: error[E046]: 办理结果分类的 id \"Bing类\" 不合规 — 只能使用小写英文字母、数字、- 和 _（它是网址 /status/<id>/ 的一部分），如 solved、jia",
    );
    run.assert_headline(
        "content/site.yaml:16:5: error[E011]: 缺少必填字段 \"categories[3].label\" — 请在 categories[3] 中添加一行 label: …",
    );
    assert_eq!(run.headlines().len(), 3, "{}", run.stderr);
}

#[test]
fn replied_false_beside_a_reply_date_is_a_contradiction() {
    let f = Fixture::new();
    f.record("2019/0001", &format!("{RECORD}replied: false\n"));
    f.check().assert_only(&format!(
        "{R1}:8:10: error[E047]: replied: false 表示尚未办复，但同时填写了办复日期 replied_on — 已办复的请删去 replied: false，尚未办复的请删去 replied_on"
    ));
    // `replied: true` beside a date says the same thing twice: fine.
    let f = Fixture::new();
    f.record("2019/0001", &format!("{RECORD}replied: true\n"));
    f.check().assert_exit(0);
}

#[test]
fn a_disclosure_reason_is_for_summary_only_records() {
    let f = Fixture::new();
    f.record(
        "2019/0001",
        &format!("{RECORD}disclosure_reason: 涉及隐私\n"),
    );
    let run = f.check();
    run.assert_exit(0);
    run.assert_headline(&format!(
        "{R1}:8:20: warning[W005]: 填写了 disclosure_reason，但公开方式不是 summary_only — 不公开全文的理由只在摘要公开时显示，这里不会显示；请核对 disclosure"
    ));
    let f = Fixture::new();
    f.record(
        "2019/0001",
        &format!(
            "{}disclosure_reason: 涉及隐私\n",
            RECORD.replace("disclosure: public", "disclosure: summary_only")
        ),
    );
    let run = f.check();
    run.assert_exit(0);
    assert!(run.headlines().is_empty(), "{}", run.stderr);
}

// --- Renamed fields ---------------------------------------------------------------

#[test]
fn a_renamed_outcome_field_names_its_new_form() {
    let planned = format!("{RECORD}outcomes:\n  - text: 预计明年建成\n    planned: true\n");
    let f = Fixture::new();
    f.record("2019/0001", &planned);
    f.check().assert_only(&format!(
        "{R1}:10:5: error[E043]: 字段 \"outcomes[0].planned\" 已停用 — 请改写为：state: planned"
    ));
    f.run(&["--lang", "en", "check"]).assert_only(&format!(
        "{R1}:10:5: error[E043]: the field \"outcomes[0].planned\" is no longer used — write it as: state: planned"
    ));
    // `planned: false` said only "not a promise": done or under way.
    f.record(
        "2019/0001",
        &planned.replace("planned: true", "planned: false"),
    );
    f.check().assert_only(&format!(
        "{R1}:10:5: error[E043]: 字段 \"outcomes[0].planned\" 已停用 — 请改写为：state: done / state: ongoing"
    ));
    // Written as the message says, the record builds and the page tells it.
    f.record(
        "2019/0001",
        &planned.replace("planned: true", "state: planned"),
    );
    f.build().assert_exit(0);
    let page = std::fs::read_to_string(f.path("public/proposals/2019/0001/index.html")).unwrap();
    assert!(
        norm(&page).contains(&norm("<span class=\"gk-tag gk-tag--planned\">计划</span>")),
        "{page}"
    );
}

#[test]
fn status_labels_name_the_categories_that_replace_them() {
    let f = Fixture::new();
    f.site(&format!(
        "{SITE}status_labels:\n  solved: 甲类\n  reference: 留作参考（不列入统计）\n"
    ));
    f.record("2019/0001", RECORD);
    let replacement = "categories: [{id: solved, label: 甲类, meaning: 已解决或基本解决}, \
        {id: in_progress, label: B类, meaning: 正在解决或列入计划解决}, \
        {id: not_feasible, label: C类, meaning: 因条件限制暂不能解决, not_feasible: true}, \
        {id: reference, label: 留作参考（不列入统计）}]";
    f.check().assert_only(&format!(
        "content/site.yaml:9:1: error[E043]: 字段 \"status_labels\" 已停用 — 请改写为：{replacement}"
    ));
    // The replacement, pasted in, says what status_labels said.
    f.site(&format!("{SITE}{replacement}\n"));
    f.build().assert_exit(0);
    let page = std::fs::read_to_string(f.path("public/proposals/2019/0001/index.html")).unwrap();
    assert!(page.contains("甲类（已解决或基本解决）"), "{page}");
}

// --- What the pages claim -------------------------------------------------------------

/// The legend above the outcomes explains the tags the page shows and no
/// other: a record with done and ongoing work says nothing of promises, one
/// with an untagged outcome says what no tag means, one with no tag at all
/// has no legend.
#[test]
fn the_outcome_legend_explains_only_the_tags_shown() {
    let f = Fixture::new();
    f.record(
        "2019/0001",
        &format!(
            "{RECORD}outcomes:\n  - text: 停车楼已建成\n    state: done\n  - text: 正在招标\n    state: ongoing\n"
        ),
    );
    f.record(
        "2019/0002",
        &format!(
            "{RECORD}outcomes:\n  - text: 拟于明年建成\n    state: planned\n  - text: 开展调研\n"
        ),
    );
    f.record(
        "2019/0003",
        &format!("{RECORD}outcomes:\n  - text: 开展调研\n"),
    );
    let (_dir, files) = build(&f);
    let page = |id: &str| main_of(file_text(&files, &format!("proposals/{id}/index.html")));

    let done_ongoing = page("2019/0001");
    assert!(
        done_ongoing.contains(
            "标为“已完成”的是已经做到的事项，标为“正在推进”的是正在进行、尚未完成的事项。"
        ),
        "{done_ongoing}"
    );
    for absent in ["标为“计划”", "没有标注的"] {
        assert!(!done_ongoing.contains(absent), "{absent}: {done_ongoing}");
    }
    let planned_untagged = page("2019/0002");
    assert!(
        planned_untagged
            .contains("标为“计划”的是承诺将要办理的事项；没有标注的，答复没有说明进展到哪一步。"),
        "{planned_untagged}"
    );
    for absent in ["标为“已完成”", "标为“正在推进”"] {
        assert!(
            !planned_untagged.contains(absent),
            "{absent}: {planned_untagged}"
        );
    }
    let untagged = page("2019/0003");
    assert!(untagged.contains("开展调研"), "{untagged}");
    assert!(!untagged.contains("标为“"), "{untagged}");
}

/// 最新答复 on the home page says its records are the latest replies: only
/// records that state a reply and have a date to be latest by are listed. An
/// undated reply (`replied: true`) is not called latest, and a site whose
/// replies are all undated has no such section.
#[test]
fn only_dated_replies_are_called_latest() {
    let undated = RECORD
        .replace("replied_on: 2019-09-22\n", "replied: true\n")
        .replace("关于加快停车场建设的建议", "关于增设社区食堂的建议");
    let f = Fixture::new();
    f.record("2019/0001", RECORD).record("2019/0002", &undated);
    let (_dir, files) = build(&f);
    let home = file_text(&files, "index.html");
    let recent = &home[home.find("id=\"home-recent\"").expect("a 最新答复 section")..];
    assert!(recent.contains("关于加快停车场建设的建议"), "{recent}");
    assert!(!recent.contains("关于增设社区食堂的建议"), "{recent}");

    let f = Fixture::new();
    f.record("2019/0002", &undated);
    let (_dir, files) = build(&f);
    let home = file_text(&files, "index.html");
    assert!(!home.contains("home-recent"), "{home}");
    assert!(!home.contains("最新答复"), "{home}");
    assert!(
        file_text(&files, "proposals/index.html").contains("关于增设社区食堂的建议"),
        "still listed with every record"
    );
}

/// A site none of whose records states a category (the demo: its report
/// grades no single item) has no 按办理结果 column: no `/status/` pages, no
/// link to one from the navigation, the home page, the site map or the search
/// page, and no chart by category on the session page (docs/pages.md, 没有空栏目: a column is
/// never empty). The units chart counts the records that name a host unit.
#[test]
fn records_without_categories_make_no_empty_category_column() {
    let f = Fixture::new();
    f.session(
        "s1",
        &format!(
            "{}declared:\n  proposals: 54\n  not_feasible: 3\n",
            crate::support::SESSION
        ),
    );
    let no_status: String = RECORD
        .lines()
        .filter(|l| !l.starts_with("status:"))
        .map(|l| format!("{l}\n"))
        .collect();
    let no_unit: String = no_status
        .lines()
        .filter(|l| !l.starts_with("host_unit:"))
        .map(|l| format!("{l}\n"))
        .collect::<String>()
        .replace("关于加快停车场建设的建议", "关于增设社区食堂的建议");
    f.record("2019/0001", &no_status)
        .record("2019/0002", &no_unit);
    let (_dir, files) = build(&f);
    let pages: Vec<&String> = files.keys().filter(|p| p.ends_with(".html")).collect();
    assert!(
        !files.keys().any(|p| p.starts_with("status/")),
        "{:?}",
        files.keys()
    );
    for page in &pages {
        let html = file_text(&files, page);
        assert!(!html.contains("status/"), "{page} links to a category page");
        assert!(
            !html.contains("按办理结果"),
            "{page} names the category column"
        );
    }
    assert!(!file_text(&files, "sitemap.xml").contains("/status/"));
    let session = file_text(&files, "sessions/s1/index.html");
    assert!(!session.contains("chart-status"), "{session}");
    assert!(
        session.contains("区政协九届三次会议单独公开并注明主办单位的1件，按主办单位分类的件数。"),
        "the units chart counts the one record that names its host unit: {session}"
    );
}

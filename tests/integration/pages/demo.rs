//! The demo site in `content/` is faithful to the report it was made from
//! (the project's design: the demo is faithful to its report). The report gives the
//! session's figures and what was done on the recommendation and the six key
//! proposals; it grades no single item, gives no reply date and no
//! satisfaction of any item, and says which work is still under way. So the
//! demo, built as shipped, must not show a negative the report never stated
//! (尚未办复, 待反馈, 未见面), a reply category on any record, or a "done" tag
//! on work the report calls under way; and its session page must show the
//! report's figures as the official ones, beside no rate computed from the 7
//! records published individually. The footer is the report's footer.
//!
//! The markup read here: a record's tags are the `.gk-tag` elements in
//! `main`; the key-proposal tag has `gk-tag--key`; outcomes are the items of
//! `ol.gk-timeline`, each with its state as a `.gk-tag` whose modifier is
//! `gk-tag--done`, `gk-tag--ongoing` or `gk-tag--planned` (no tag: state not
//! stated) and its text in `.gk-timeline__body`; the figures are the rows of
//! the table in `section[aria-labelledby=session-figures]`.

use std::path::PathBuf;

use scraper::{ElementRef, Html, Selector};

use super::{Built, build};
use crate::support::html::sel;
use crate::support::{Fixture, files};

/// Negatives the report never states of any item. A record that leaves a fact
/// out must not read as if it said no.
const NEGATIVES: &[&str] = &["尚未办复", "待反馈", "未见面", "未记录见面"];

/// Words of the default reply categories (A/B/C and their meanings). The
/// report grades no single item, so no demo record names one.
const CATEGORY_WORDS: &[&str] = &[
    "A类",
    "B类",
    "C类",
    "D类",
    "已解决或基本解决",
    "正在解决",
    "列入计划解决",
    "因条件限制暂不能解决",
    "留作参考",
];

/// Words by which the report says work is started but not finished, or only
/// promised (正在招标, 正在进行设备安装, 已开工建设, 已进场施工, 启动三年项目,
/// 探索建立, 拟于, 预计, 计划): an outcome saying one of them is not done.
const NOT_DONE_WORDS: &[&str] = &[
    "正在",
    "推进中",
    "开工",
    "招标",
    "安装",
    "施工",
    "启动",
    "探索",
    "拟于",
    "预计",
    "计划",
];

/// Words by which the report makes something a promise (拟于明年, 预计明年).
const PLANNED_WORDS: &[&str] = &["拟于", "预计"];

/// The three outcomes the first demo tagged 已落实 though the report calls them
/// under way: 宁康路停车楼正在进行招标工作, 加氢站正在进行设备安装,
/// “联合病房”改造项目已开工建设.
const UNDER_WAY: &[&str] = &["宁康路停车楼", "加氢站", "联合病房"];

/// The report's declared figures: “建议案1件、委员提案54件(其中重点督办件6件)”,
/// “除3条因政策、规划等原因暂不能实施以外”,
/// “办复率100%、见面率100%、满意和基本满意率100%”.
const RECOMMENDATIONS: usize = 1;
const PROPOSALS: usize = 54;
const KEY: usize = 6;
const NOT_FEASIBLE: usize = 3;
const RATES: &[(&str, &str)] = &[
    ("办复率", "100%"),
    ("见面率", "100%"),
    ("满意和基本满意率", "100%"),
];

/// The report's footer: “主办单位:中共武汉经济技术开发区工委(汉南区委)党政办公室”,
/// “承办单位:武汉经济技术开发区(汉南区)城市运行管理中心”,
/// “备案证编号:鄂ICP备2022016438号-1©1997- 版权所有”,
/// “鄂公网安备 42011302000122号 网站标识码:4201130014”.
const FOOTER: &[&str] = &[
    "中共武汉经济技术开发区工委（汉南区委）党政办公室",
    "武汉经济技术开发区（汉南区）城市运行管理中心",
    "鄂ICP备2022016438号-1",
    "鄂公网安备 42011302000122号",
    "4201130014",
    "©1997- 版权所有",
];

fn content_dir() -> PathBuf {
    crate::support::repo("content")
}

/// The demo site, copied from `content/` and built into a temporary folder.
fn demo() -> Built {
    let f = Fixture::empty();
    for (rel, bytes) in files(&content_dir()) {
        f.write(&format!("content/{rel}"), bytes);
    }
    build(&f, &[])
}

/// The page of every demo record, from the files in `content/proposals/`.
fn record_pages() -> Vec<String> {
    let pages: Vec<String> = files(&content_dir().join("proposals"))
        .into_keys()
        .filter_map(|rel| {
            rel.strip_suffix(".yaml")
                .map(|id| format!("proposals/{id}/index.html"))
        })
        .collect();
    assert!(!pages.is_empty(), "the demo has records");
    pages
}

/// The page of every demo session, from the files in `content/sessions/`.
fn session_pages() -> Vec<String> {
    let pages: Vec<String> = files(&content_dir().join("sessions"))
        .into_keys()
        .filter_map(|rel| {
            rel.strip_suffix(".yaml")
                .map(|id| format!("sessions/{id}/index.html"))
        })
        .collect();
    assert_eq!(pages.len(), 1, "the demo reproduces one report");
    pages
}

/// An element's text with whitespace runs collapsed.
fn text(el: ElementRef) -> String {
    el.text()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn main_of(doc: &Html, page: &str) -> String {
    let main = doc
        .select(&sel("main"))
        .next()
        .unwrap_or_else(|| panic!("{page} has a <main>"));
    text(main)
}

/// The text of `main` outside the elements `skip` selects, whitespace collapsed.
fn main_outside(doc: &Html, page: &str, skip: &Selector) -> String {
    let main = doc
        .select(&sel("main"))
        .next()
        .unwrap_or_else(|| panic!("{page} has a <main>"));
    let skipped: Vec<_> = main.select(skip).map(|e| e.id()).collect();
    let mut out = String::new();
    for node in main.descendants() {
        if let Some(t) = node.value().as_text()
            && !node.ancestors().any(|a| skipped.contains(&a.id()))
        {
            out.push_str(t);
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn has_class(el: ElementRef, class: &str) -> bool {
    el.value().classes().any(|c| c == class)
}

/// The words of the theme's done tag (`outcome.done`), read from its labels.
fn done_words() -> Vec<String> {
    let labels =
        std::fs::read_to_string(crate::support::repo("themes/default/labels/zh-CN.yaml")).unwrap();
    let mut words = vec!["已完成".to_string()];
    words.extend(labels.lines().find_map(|l| {
        l.strip_prefix("outcome.done:")
            .map(|v| v.trim().trim_matches('"').to_string())
    }));
    words
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum State {
    Done,
    Ongoing,
    Planned,
    /// A tag this test does not know.
    Other,
    /// No tag: the record does not state it.
    Absent,
}

/// One outcome as a citizen sees it: its state tag and its text.
#[derive(Debug)]
struct Outcome {
    page: String,
    state: State,
    tag: String,
    text: String,
}

fn outcomes(doc: &Html, page: &str, done_words: &[String]) -> Vec<Outcome> {
    let tag_sel = sel(".gk-tag");
    let body_sel = sel(".gk-timeline__body");
    doc.select(&sel("main ol.gk-timeline > li"))
        .map(|li| {
            let tag = li.select(&tag_sel).next();
            let state = match tag {
                None => State::Absent,
                Some(t) if has_class(t, "gk-tag--done") => State::Done,
                Some(t) if has_class(t, "gk-tag--ongoing") => State::Ongoing,
                Some(t) if has_class(t, "gk-tag--planned") => State::Planned,
                Some(t) if done_words.contains(&text(t)) => State::Done,
                Some(_) => State::Other,
            };
            let body = li
                .select(&body_sel)
                .next()
                .unwrap_or_else(|| panic!("{page}: an outcome without .gk-timeline__body"));
            Outcome {
                page: page.to_string(),
                state,
                tag: tag.map(text).unwrap_or_default(),
                text: text(body),
            }
        })
        .collect()
}

#[test]
fn demo_records_state_no_negative_and_no_category_the_report_did_not() {
    let site = demo();
    let tag_sel = sel("main .gk-tag");
    let outcome_tag_sel = sel("main .gk-timeline .gk-tag");
    let mut wrong = Vec::new();
    let records = record_pages();
    for page in &records {
        let doc = Html::parse_document(&site.html(page));
        let main = main_of(&doc, page);
        for word in NEGATIVES.iter().chain(CATEGORY_WORDS) {
            if main.contains(word) {
                wrong.push(format!("{page}: says {word}"));
            }
        }
        // The only tags a demo record carries: 重点督办件 and outcome states.
        let outcome_tags: Vec<_> = doc.select(&outcome_tag_sel).map(|t| t.id()).collect();
        for t in doc.select(&tag_sel) {
            if !has_class(t, "gk-tag--key") && !outcome_tags.contains(&t.id()) {
                wrong.push(format!(
                    "{page}: a category tag {:?} ({})",
                    text(t),
                    t.value().attr("class").unwrap_or_default()
                ));
            }
        }
    }
    // Lists of records (home, all records, the session, topics, years) show
    // their tags too; the category pages, the search page's facet list and the
    // site map name categories as such, not as a record's. The session's
    // figures are the report's own (its 3 暂不能实施 among them), not a record's.
    let figures = sel(
        r#"section[aria-labelledby="session-figures"], section[aria-labelledby="home-figures"]"#,
    );
    for (page, html) in site.pages() {
        if records.contains(page)
            || ["status/", "search/", "sitemap/", "404.html"]
                .iter()
                .any(|p| page.starts_with(p))
        {
            continue;
        }
        let main = main_outside(&Html::parse_document(&html), page, &figures);
        for word in NEGATIVES.iter().chain(CATEGORY_WORDS) {
            if main.contains(word) {
                wrong.push(format!("{page}: says {word}"));
            }
        }
    }
    // The open data and the feed carry the same facts in words. The demo
    // gives no base_url (its report names no address), so it has no feed
    // unless the build is given one.
    assert!(!site.files.contains_key("atom.xml"), "no made-up host");
    let addressed = {
        let f = Fixture::empty();
        for (rel, bytes) in files(&content_dir()) {
            f.write(&format!("content/{rel}"), bytes);
        }
        build(&f, &["--base-url", "https://www.gongkai.test/"])
    };
    for (file, data) in [
        ("data/proposals.csv", site.html("data/proposals.csv")),
        ("atom.xml", addressed.html("atom.xml")),
    ] {
        for word in NEGATIVES.iter().chain(CATEGORY_WORDS) {
            if data.contains(word) {
                wrong.push(format!("{file}: says {word}"));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "the demo states what its report does not:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn demo_outcomes_are_tagged_as_the_report_words_them() {
    let site = demo();
    let done_words = done_words();
    let all: Vec<Outcome> = record_pages()
        .iter()
        .flat_map(|page| outcomes(&Html::parse_document(&site.html(page)), page, &done_words))
        .collect();
    assert!(all.len() > 20, "the demo's outcomes were found: {all:#?}");

    let mut wrong = Vec::new();
    for o in &all {
        if o.state == State::Other {
            wrong.push(format!(
                "{}: unknown state tag {:?}: {}",
                o.page, o.tag, o.text
            ));
        }
        if o.state == State::Done
            && let Some(w) = NOT_DONE_WORDS.iter().find(|w| o.text.contains(**w))
        {
            wrong.push(format!("{}: tagged done but says {w}: {}", o.page, o.text));
        }
        if let Some(w) = PLANNED_WORDS.iter().find(|w| o.text.contains(**w))
            && o.state != State::Planned
        {
            wrong.push(format!(
                "{}: says {w} but is tagged {:?}: {}",
                o.page, o.state, o.text
            ));
        }
    }
    // The work the report calls under way is there, and tagged ongoing.
    for what in UNDER_WAY {
        let found: Vec<&Outcome> = all.iter().filter(|o| o.text.contains(what)).collect();
        if found.is_empty() {
            wrong.push(format!("no outcome about {what}"));
        }
        for o in found {
            if o.state != State::Ongoing {
                wrong.push(format!(
                    "{}: {what} is tagged {:?}: {}",
                    o.page, o.state, o.text
                ));
            }
        }
    }
    // All three states are told apart on the demo's pages.
    for state in [State::Done, State::Ongoing, State::Planned] {
        if !all.iter().any(|o| o.state == state) {
            wrong.push(format!("no outcome tagged {state:?}"));
        }
    }
    assert!(
        wrong.is_empty(),
        "outcome states that do not follow the report:\n{}",
        wrong.join("\n")
    );
}

/// The percentages written in `text` (`100%`, `85.7%`).
fn percentages(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    for (i, c) in chars.iter().enumerate() {
        if *c != '%' {
            continue;
        }
        let start = (0..i)
            .rev()
            .take_while(|&j| chars[j].is_ascii_digit() || chars[j] == '.')
            .last();
        if let Some(s) = start {
            out.push(chars[s..=i].iter().collect());
        }
    }
    out
}

#[test]
fn demo_session_shows_the_reports_figures_as_the_official_ones() {
    let site = demo();
    let published = record_pages().len();
    let total = RECOMMENDATIONS + PROPOSALS;
    let page = &session_pages()[0];
    let doc = Html::parse_document(&site.html(page));
    let section = doc
        .select(&sel(r#"main section[aria-labelledby="session-figures"]"#))
        .next()
        .unwrap_or_else(|| panic!("{page} has a figures section"));
    let rows: Vec<(String, String)> = section
        .select(&sel("table tbody tr"))
        .map(|tr| {
            let th = tr.select(&sel("th")).next().map(text).unwrap_or_default();
            let td = tr.select(&sel("td")).next().map(text).unwrap_or_default();
            (th, td)
        })
        .collect();
    let count = |n: usize| format!("{n}件");
    // Rows by label; the not-feasible row by the words its label must hold
    // (因条件限制暂不能解决 today), as its label follows the site's categories.
    let mut expected: Vec<(&str, String)> = vec![
        ("建议案", count(RECOMMENDATIONS)),
        ("提案", count(PROPOSALS)),
        ("其中重点督办件", count(KEY)),
        ("暂不能", count(NOT_FEASIBLE)),
    ];
    expected.extend(RATES.iter().map(|(k, v)| (*k, v.to_string())));
    for (label, value) in &expected {
        let found: Vec<&String> = rows
            .iter()
            .filter(|(k, _)| k == label || (*label == "暂不能" && k.contains(label)))
            .map(|(_, v)| v)
            .collect();
        assert_eq!(
            found,
            vec![value],
            "{page}: the row {label} shows the report's figure once; rows: {rows:?}"
        );
    }
    // No rate beside the declared ones: the only percentages in the table are
    // the report's three, and nothing on the page is a rate computed from the
    // records (the wording of docs/pages.md for those: 根据本站公开的……记录计算) or says the
    // records were counted against the report.
    let rate_rows: Vec<&(String, String)> = rows.iter().filter(|(_, v)| v.contains('%')).collect();
    assert_eq!(
        rate_rows.len(),
        RATES.len(),
        "{page}: only the declared rates; rows: {rows:?}"
    );
    let main = main_of(&doc, page);
    for computed in ["根据本站", "记录计算", "统计得出"] {
        assert!(
            !main.contains(computed),
            "{page}: a computed figure ({computed}):\n{main}"
        );
    }
    let declared: Vec<&str> = RATES.iter().map(|(_, v)| *v).collect();
    for p in percentages(&main) {
        assert!(
            declared.contains(&p.as_str()),
            "{page}: a rate the report does not give: {p}"
        );
    }
    // The figures are the report's, and the page says how many of them are
    // published individually (共办理55件，其中7件单独公开办理结果).
    let figures = text(section);
    assert!(
        figures.contains("报告"),
        "{page}: the figures are attributed to the report: {figures}"
    );
    assert!(
        section
            .select(&sel("p"))
            .map(text)
            .any(|p| p.contains(&count(total))
                && p.contains(&count(published))
                && p.contains("公开")),
        "{page}: says {published} of {total} are published individually: {figures}"
    );
}

#[test]
fn demo_footer_is_the_reports_footer() {
    let site = demo();
    let footer_sel = sel("footer");
    let mut pages = 0;
    for (page, html) in site.pages() {
        let doc = Html::parse_document(&html);
        let footer = doc
            .select(&footer_sel)
            .next_back()
            .map(text)
            .unwrap_or_else(|| panic!("{page} has a footer"));
        for want in FOOTER {
            assert!(
                footer.contains(want),
                "{page}: footer lacks {want}: {footer}"
            );
        }
        // The report's copyright line names no holder; the site adds none.
        assert!(
            !footer.contains("版权所有："),
            "{page}: a copyright holder the report does not name: {footer}"
        );
        pages += 1;
    }
    assert!(pages > 10, "{pages} pages");
}

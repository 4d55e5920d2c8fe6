//! Session reports, the home page, unit pages, and no column that would be
//! empty.

use super::{assert_links_resolve, build, fixture};
use crate::support::Fixture;
use crate::support::html::{norm, targets};

#[test]
fn session_pages_show_declared_figures_and_charts_with_the_same_numbers() {
    let f = fixture();
    let site = build(&f, &[]);
    let partial = site.html("sessions/zx-2019/index.html");
    // Declared figures, as declared.
    for text in [
        "<th scope=row>提案</th><td class=gk-table__num>54件</td>",
        "<th scope=row>其中重点督办件</th><td class=gk-table__num>6件</td>",
        "<th scope=row>办复率</th><td class=gk-table__num>100%</td>",
        "共办理54件，其中3件单独公开办理结果。",
        "以上为办理情况报告公布的数据。",
        "<caption class=gk-table__caption>区政协九届三次会议主要数据</caption>",
    ] {
        assert!(
            norm(&partial).contains(&norm(text)),
            "partial session: {text}\n{partial}"
        );
    }
    // Never a rate computed from the few records there are: 2 of the 4
    // non-draft records met the proposer (50%), which the page must not print.
    assert!(!partial.contains("50%"), "{partial}");
    // The table above 以上为办理情况报告公布的数据 holds the report's figures
    // only: how many records this site publishes is the site's count, said in
    // the sentence below the table, not a row the line would credit to the report.
    assert!(
        !norm(&partial).contains(&norm("<th scope=row>单独公开办理结果</th>")),
        "{partial}"
    );
    // Charts: inline SVG with title and desc, no style attribute, and a table
    // with the same numbers. Not covered: the chart counts published records.
    let svg_start = partial.find("<svg").unwrap();
    let svg = &partial[svg_start..partial[svg_start..].find("</svg>").unwrap() + svg_start];
    assert!(svg.contains("role=\"img\""), "{svg}");
    assert!(
        norm(svg).contains(&norm("<title id=chart-status-title>按办理结果分类</title>")),
        "{svg}"
    );
    assert!(
        svg.contains("区政协九届三次会议单独公开并注明办理结果的3件，按办理结果分类的件数。"),
        "{svg}"
    );
    assert!(svg.contains("甲类（已解决或基本解决）：1件"), "{svg}");
    assert!(!svg.contains("style="));
    assert!(norm(&partial).contains(&norm(
        "<th scope=row>甲类（已解决或基本解决）</th><td class=gk-table__num>1件</td>"
    )));
    assert!(norm(&partial).contains(&norm("<title id=chart-units-title>按主办单位分类</title>")));
    assert!(
        partial.contains("区政协九届三次会议单独公开并注明主办单位的3件，按主办单位分类的件数。"),
        "{partial}"
    );
    assert!(norm(&partial).contains(&norm(
        "<th scope=row>区教育局</th><td class=gk-table__num>2件</td>"
    )));
    // Prose with demoted headings.
    assert!(
        norm(&partial).contains(&norm("<h3>一个一级标题</h3>")),
        "{partial}"
    );
    assert!(norm(&partial).contains(&norm("<h2 id=session-methods>主要做法</h2>")));

    // A covered session: its counts and rates are the records', shown as such.
    let covered = site.html("sessions/rd-2018/index.html");
    for text in [
        "<th scope=row>人大代表建议</th><td class=gk-table__num>3件</td>",
        "<th scope=row>办复率</th><td class=gk-table__num>100%</td>",
        "<th scope=row>见面率</th><td class=gk-table__num>100%</td>",
        "<th scope=row>满意和基本满意率</th><td class=gk-table__num>100%</td>",
        "区人大十八届三次会议共3件，按办理结果分类的件数。",
        "以上数据由本次会议的全部办理记录统计得出，与办理情况报告一致。",
    ] {
        assert!(
            norm(&covered).contains(&norm(text)),
            "covered session: {text}\n{covered}"
        );
    }
    // A session that declares nothing: the rates of its published records,
    // each over the records that state its fact, labelled as such; none for a
    // fact no record states.
    let undeclared = site.html("sessions/rd-2016/index.html");
    assert!(
        norm(&undeclared).contains(&norm(
            "<th scope=row>办复率<span class=gk-table__note>根据本站公开的 1 件记录计算</span></th><td class=gk-table__num>0%</td>"
        )),
        "{undeclared}"
    );
    assert!(!undeclared.contains("见面率"), "{undeclared}");
    assert!(!undeclared.contains("以上为办理情况报告公布的数据"));

    // A session with nothing to show has no page, and nothing links to it.
    assert!(!site.has("sessions/empty-2017/index.html"));
    for (page, html) in site.pages() {
        assert!(!html.contains("empty-2017"), "{page}");
        assert!(!html.contains("十八届二次会议"), "{page}");
    }
}

#[test]
fn home_page_shows_the_latest_session_key_proposals_and_recent_replies() {
    let site = build(&fixture(), &[]);
    let home = site.html("index.html");
    assert!(norm(&home).contains(&norm(
        "<h1 class=gk-heading-l>测试区建议提案办理结果公开</h1>"
    )));
    assert!(home.contains("区政协九届三次会议"), "the latest session");
    assert!(
        norm(&home).contains(&norm("<dd class=gk-stats__value>54件</dd>")),
        "{home}"
    );
    assert!(home.contains("共办理54件，其中3件单独公开办理结果。"));
    let key =
        &home[home.find("id=\"home-key\"").unwrap()..home.find("id=\"home-recent\"").unwrap()];
    assert!(key.contains("关于加快推进停车场和新能源汽车配套设施建设的建议"));
    assert!(key.contains("关于加快创建学前教育示范区的建议"));
    assert!(
        !key.contains("人大代表建议的办理"),
        "key proposals only: {key}"
    );
    let recent = &home[home.find("id=\"home-recent\"").unwrap()..];
    assert!(
        recent.contains("关于第1件人大代表建议的办理"),
        "recent replies"
    );
}

#[test]
fn unit_pages_mark_hosted_and_co_handled_records() {
    let site = build(&fixture(), &[]);
    let html = site.html("units/qu-jiao-tong-yun-shu-ju/index.html");
    let normalized = norm(&html);
    let items: Vec<&str> = normalized
        .split("<li class=\"gk-record-list__item\">")
        .skip(1)
        .collect();
    assert_eq!(items.len(), 2, "one hosted, one co-handled: {html}");
    let host_item = items.iter().find(|i| i.contains("停车场")).unwrap();
    assert!(
        host_item.contains(&norm("<span class=\"gk-tag gk-tag--host\">主办</span>")),
        "{host_item}"
    );
    let co_item = items.iter().find(|i| i.contains("alert")).unwrap();
    assert!(
        co_item.contains(&norm("<span class=\"gk-tag gk-tag--co\">协办</span>")),
        "{co_item}"
    );
    let units = site.html("units/index.html");
    assert!(
        norm(&units).contains(&norm(
            "区交通运输局</a> <span class=gk-term-list__count>主办1件，协办1件</span>"
        )),
        "{units}"
    );
    let topics = site.html("topics/index.html");
    assert!(
        norm(&topics).contains(&norm(
            "学前教育</a> <span class=gk-term-list__count>共2件</span>"
        )),
        "{topics}"
    );
    let status = site.html("status/index.html");
    assert!(
        norm(&status).contains(&norm("甲类（已解决或基本解决）</a>")),
        "status terms in words: {status}"
    );
    let years = site.html("years/index.html");
    assert!(norm(&years).contains(&norm(">2019年</a>")), "{years}");
}

#[test]
fn no_empty_column_is_generated_or_linked() {
    // Records with no unit, topic or session prose: no units or topics column.
    let f = Fixture::new();
    f.record(
        "2019/0001",
        "kind: proposal\nsession: s1\ntitle: 关于一件事的建议\nstatus: solved\ndisclosure: public\n",
    );
    let site = build(&f, &[]);
    assert!(site.has("proposals/2019/0001/index.html"));
    for column in ["units/index.html", "topics/index.html"] {
        assert!(!site.has(column), "{column} would be empty");
    }
    for (page, html) in site.pages() {
        let links = targets(&html);
        assert!(
            links
                .iter()
                .all(|l| !l.contains("units/") && !l.contains("topics/")),
            "{page} links to an empty column: {links:?}"
        );
    }
    assert_links_resolve(&site);

    // No published record at all: no record list, no term pages, no links to them.
    let f = Fixture::new();
    f.record(
        "2019/0001",
        "kind: proposal\nsession: s1\ntitle: 关于一件事的建议\nstatus: solved\ndisclosure: withheld\n",
    );
    let site = build(&f, &[]);
    for column in [
        "proposals/index.html",
        "status/index.html",
        "years/index.html",
    ] {
        assert!(!site.has(column), "{column} would be empty");
    }
    let home = site.html("index.html");
    assert!(!home.contains("proposals/"), "{home}");
    assert_links_resolve(&site);
}

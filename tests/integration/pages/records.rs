//! Record pages: what a record states and only that; summary_only and withheld
//! records; hostile text escaped.

use super::{build, fixture};
use crate::support::html::{assert_has, meta, norm, tags};

#[test]
fn record_page_shows_metadata_reply_outcomes_and_attachments() {
    let site = build(&fixture(), &[]);
    let html = site.html("proposals/2019/0001/index.html");
    for text in [
        "<h1 class=gk-heading-l>关于加快推进停车场和新能源汽车配套设施建设的建议</h1>",
        "<dt class=gk-summary-list__key>索引号</dt><dd class=gk-summary-list__value>011234567/2019-00012</dd>",
        "<dt class=gk-summary-list__key>编号</dt><dd class=gk-summary-list__value>第12号</dd>",
        // A proposal's proposers are 提案人.
        "<dt class=gk-summary-list__key>提案人</dt><dd class=gk-summary-list__value>王委员、李委员</dd>",
        "<dt class=gk-summary-list__key>领办领导</dt><dd class=gk-summary-list__value>张副区长</dd>",
        "<a href=../../../units/qu-jiao-tong-yun-shu-ju/>区交通运输局</a>",
        "<a href=../../../units/qu-gong-an-fen-ju/>区公安分局</a>",
        "<a href=../../../topics/parking/>停车设施</a>",
        "<a href=../../../sessions/zx-2019/>区政协九届三次会议</a>",
        // The category in its one wording, never by colour alone.
        "<span class=\"gk-tag gk-tag--cat-2\">B类（正在解决或列入计划解决）</span>",
        "<dt class=gk-summary-list__key>办复日期</dt><dd class=gk-summary-list__value><time datetime=2019-09-22>2019年9月22日</time></dd>",
        "<time datetime=2019-10-08>2019年10月8日</time>",
        "<dt class=gk-summary-list__key>见面沟通</dt><dd class=gk-summary-list__value>已与提案人见面沟通</dd>",
        "<dt class=gk-summary-list__key>提案人反馈</dt><dd class=gk-summary-list__value>满意</dd>",
        "重点督办件",
        // Markdown headings below the page's h2.
        "<h3>原案要点</h3>",
        "<h4>充电设施</h4>",
        // Outcomes: done, ongoing and planned told apart in words, with a legend.
        "<span class=\"gk-tag gk-tag--done\">已完成</span> <time datetime=2019-07>2019年7月</time>",
        "<span class=\"gk-tag gk-tag--ongoing\">正在推进</span> <time datetime=2019-09-22>2019年9月22日</time>",
        "<span class=\"gk-tag gk-tag--planned\">计划</span> <time datetime=2020>2020年</time>",
        "标为“已完成”的是已经做到的事项，标为“正在推进”的是正在进行、尚未完成的事项，标为“计划”的是承诺将要办理的事项",
        "<a class=gk-attachments__link href=../../../proposals/2019/0001/0001-reply.pdf>答复函</a>",
        "PDF，1 KB",
        "本页网址：https://www.gongkai.test/jytabl/proposals/2019/0001/",
    ] {
        assert!(
            norm(&html).contains(&norm(text)),
            "record page should contain\n  {text}\n{html}"
        );
    }
    // Breadcrumbs: a labelled nav, the page itself last and unlinked.
    assert!(norm(&html).contains(&norm("<nav aria-label=当前位置 class=gk-breadcrumbs><ol class=gk-breadcrumbs__list><li class=gk-breadcrumbs__item><a class=gk-breadcrumbs__link href=../../../>首页</a></li><li class=gk-breadcrumbs__item><a class=gk-breadcrumbs__link href=../../../proposals/>建议提案</a></li><li class=gk-breadcrumbs__item><span aria-current=page>关于加快推进停车场和新能源汽车配套设施建设的建议</span>")), "{html}");
    // Previous and next in site order (newest first): 0001 is the newest.
    let rel = |r: &str| {
        tags(&html, "a")
            .into_iter()
            .filter(|a| a.get("rel").map(String::as_str) == Some(r))
            .filter_map(|a| a.get("href").cloned())
            .collect::<Vec<_>>()
    };
    assert_eq!(rel("next"), ["../../../proposals/2019/0002/"]);
    assert!(
        rel("prev").is_empty(),
        "the newest record has no previous one"
    );
    assert_has(
        &html,
        r#"<span class="gk-prev-next__label">下一件</span><a href="../../../proposals/2019/0002/" rel="next">关于加快创建学前教育示范区的建议</a>"#,
    );
    // The site's own category label (甲类) with its meaning.
    let solved = site.html("proposals/2018/rd-0001/index.html");
    assert!(solved.contains("甲类（已解决或基本解决）"), "{solved}");
    // A deputy's suggestion names its 代表.
    assert!(
        norm(&solved).contains(&norm(
            "<dt class=gk-summary-list__key>见面沟通</dt><dd class=gk-summary-list__value>已与代表见面沟通</dd>"
        )),
        "{solved}"
    );
    assert!(
        norm(&solved).contains(&norm("<dt class=gk-summary-list__key>代表反馈</dt>")),
        "{solved}"
    );
}

/// A record that states little gets no row, tag or words for what it leaves
/// out, and a stated negative is shown as stated.
#[test]
fn record_pages_say_nothing_of_what_the_record_leaves_out() {
    let site = build(&fixture(), &[]);
    let html = site.html("proposals/2016/0001/index.html");
    // Stated: not replied yet. Kind suggestion: 代表.
    for text in [
        "<dt class=gk-summary-list__key>办复情况</dt><dd class=gk-summary-list__value>尚未办复</dd>",
        "<dt class=gk-summary-list__key>代表</dt><dd class=gk-summary-list__value>周代表</dd>",
        "对老旧小区的社区食堂需求开展调研。",
    ] {
        assert!(norm(&html).contains(&norm(text)), "{text}\n{html}");
    }
    // Not stated: no category, meeting, feedback, outcome state, legend.
    let main = &html[html.find("<main").unwrap()..html.find("</main>").unwrap()];
    for absent in [
        "gk-record__tags",
        "办理结果</dt>",
        "见面",
        "反馈",
        "gk-tag--",
        "已完成",
        "标为“已完成”",
    ] {
        assert!(
            !main.contains(absent),
            "{absent} on a record that does not state it\n{main}"
        );
    }
    // Stated negatives are shown as stated.
    let negatives = site.html("proposals/2019/0004/index.html");
    for text in [
        "<dd class=gk-summary-list__value>未与提案人见面沟通</dd>",
        "<dt class=gk-summary-list__key>提案人反馈</dt><dd class=gk-summary-list__value>待反馈</dd>",
    ] {
        assert!(
            norm(&negatives).contains(&norm(text)),
            "{text}\n{negatives}"
        );
    }
    // A record page without a category is on no category page.
    let status = site.html("status/index.html");
    assert!(!status.contains("社区食堂"));
    for (page, html) in site.pages() {
        if page.starts_with("status/") {
            assert!(!html.contains("社区食堂"), "{page}");
        }
    }
}

#[test]
fn summary_only_records_show_the_summary_and_why_the_reply_is_withheld() {
    let site = build(&fixture(), &[]);
    let html = site.html("proposals/2019/0002/index.html");
    assert!(html.contains("本件公开答复摘要，答复全文不在本站公开。"));
    assert!(
        norm(&html).contains(&norm(
            "<p>不公开答复全文的理由：答复全文涉及第三方商业信息。</p>"
        )),
        "{html}"
    );
    assert!(norm(&html).contains(&norm(
        "<span class=\"gk-tag gk-tag--cat-1\">甲类（已解决或基本解决）</span>"
    )));
    // The summary (答复摘要) is published; the full reply is not.
    assert!(
        html.contains("<h2 id=\"record-summary\">答复摘要</h2>"),
        "{html}"
    );
    assert!(html.contains("新建幼儿园两所"));
    assert!(!html.contains("答复全文</h2>"), "no full reply section");
    for (page, html) in site.pages() {
        for secret in [
            "THIS-REPLY-IS-NOT-PUBLISHED",
            "THIS-REQUEST-IS-NOT-PUBLISHED",
            "THIS-REASON-IS-NOT-PUBLISHED",
            "THIS-OUTCOME-IS-NOT-PUBLISHED",
        ] {
            assert!(!html.contains(secret), "{page}: {secret}");
        }
    }
    // A public record never shows the notice.
    assert!(
        !site
            .html("proposals/2019/0001/index.html")
            .contains("不在本站公开")
    );
}

#[test]
fn withheld_records_and_their_only_unit_and_topic_appear_nowhere() {
    let site = build(&fixture(), &[]);
    for (path, bytes) in &site.files {
        let text = String::from_utf8_lossy(bytes);
        for secret in ["WITHHELD-TITLE", "区保密局", "保密事项"] {
            assert!(!text.contains(secret), "{path} leaks {secret}");
        }
        // The schema of the open data describes ids with an example that
        // happens to be `2019/0003`; every other file must not name the record.
        if path != "data/schema.json" {
            assert!(!text.contains("proposals/2019/0003"), "{path}");
        }
        assert!(!path.contains("2019/0003"), "{path}");
    }
}

#[test]
fn hostile_titles_and_content_are_escaped() {
    let site = build(&fixture(), &[]);
    let html = site.html("proposals/2019/0004/index.html");
    // The title is printed as text, Tera syntax included; escaped in the raw page.
    assert_has(
        &html,
        r#"<h1 class="gk-heading-l">关于&lt;script&gt;alert("x")&lt;/script&gt;&amp;{{ site.title }}的建议</h1>"#,
    );
    assert_has(
        &html,
        r#"<title>关于&lt;script&gt;alert("x")&lt;/script&gt;&amp;{{ site.title }}的建议 - 测试区建议提案办理结果公开</title>"#,
    );
    // Raw HTML in Markdown is text; the javascript: link keeps only its words;
    // content's Tera syntax is text.
    assert_has(
        &html,
        r#"<div class="gk-prose"><p>&lt;img src=x onerror=alert(1)&gt; 点我 {{ config.title }}"#,
    );
    assert_eq!(
        meta(&html, "ArticleTitle").as_deref(),
        Some(r#"关于<script>alert("x")</script>&{{ site.title }}的建议"#)
    );
    for (page, html) in site.pages() {
        assert!(!html.contains("<script>alert"), "{page}");
        assert!(!html.contains("<img src=x"), "{page}");
        assert!(!html.to_ascii_lowercase().contains("javascript:"), "{page}");
    }
    // The not-feasible reason is shown with its own heading.
    assert!(html.contains("暂不能解决的原因"));
    assert!(html.contains("受土地条件限制，暂不具备实施条件。"));
}

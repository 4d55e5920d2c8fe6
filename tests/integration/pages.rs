//! Every page type of the default theme, built by the real binary from the
//! theme's fixture site (`tests/fixtures/theme`): what each page says, its
//! government metadata and filing footer, escaping of hostile content,
//! summary_only and withheld records, no empty columns, and links that resolve
//! with relative paths, under a sub-path and with `--portable`. The demo site in
//! `content/` is checked against its report in `pages/demo.rs`.

mod demo;
use crate::support::html;

use std::collections::{BTreeMap, BTreeSet};

use crate::support::{Fixture, files};
use html::{assert_has, is_external, meta, norm, resolve, tags, targets};

/// The theme's fixture site, copied into a temporary folder so a test may add to it.
fn fixture() -> Fixture {
    let f = Fixture::empty();
    let src = crate::support::repo("tests/fixtures/theme");
    for (rel, bytes) in files(&src) {
        f.write(&rel, bytes);
    }
    f
}

/// `n` plain records in a session `zx-2020`, so lists need several pages.
fn add_fillers(f: &Fixture, n: usize) {
    f.session("zx-2020", "body: 区政协\nyear: 2020\nname: 九届四次会议\n");
    for i in 1..=n {
        f.record(
            &format!("2020/{i:04}"),
            &format!(
                "kind: proposal\nsession: zx-2020\ntitle: 关于第{i}件提案的建议\nstatus: solved\n\
                 disclosure: public\nhost_unit: 区交通运输局\ntopics: [停车设施]\nreplied_on: 2020-06-01\n"
            ),
        );
    }
}

/// A built site: its files and where they are.
struct Built {
    /// Keeps the output folder until the test ends.
    _dir: tempfile::TempDir,
    files: BTreeMap<String, Vec<u8>>,
}

impl Built {
    fn html(&self, rel: &str) -> String {
        let bytes = self
            .files
            .get(rel)
            .unwrap_or_else(|| panic!("{rel} was not generated; files: {:?}", self.files.keys()));
        String::from_utf8(bytes.clone()).unwrap()
    }

    fn has(&self, rel: &str) -> bool {
        self.files.contains_key(rel)
    }

    fn pages(&self) -> impl Iterator<Item = (&String, String)> {
        self.files
            .iter()
            .filter(|(k, _)| k.ends_with(".html"))
            .map(|(k, v)| (k, String::from_utf8(v.clone()).unwrap()))
    }
}

fn build(f: &Fixture, args: &[&str]) -> Built {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let mut cmd = crate::support::gongkai();
    cmd.arg("build")
        .arg("--quiet")
        .arg("--root")
        .arg(f.root())
        .arg("--output-dir")
        .arg(&out)
        .args(args);
    crate::support::Run::from(&mut cmd).assert_exit(0);
    Built {
        files: files(&out),
        _dir: dir,
    }
}

/// Asserts every internal link of every page points to a generated file,
/// except the search page, which belongs to the search feature.
fn assert_links_resolve(site: &Built) {
    let mut broken = Vec::new();
    for (page, html) in site.pages() {
        if page == "404.html" {
            continue; // absolute links from base_url's path; checked on its own
        }
        for t in targets(&html) {
            if is_external(&t) || t.starts_with('#') {
                continue;
            }
            assert!(
                !t.starts_with('/'),
                "{page}: internal links are relative: {t}"
            );
            match resolve(page, &t) {
                Some(p) if site.has(&p) => {}
                Some(p) if p.starts_with("search/") && !site.has("search/index.html") => {}
                other => broken.push(format!("{page} → {t} ({other:?})")),
            }
        }
    }
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn every_page_type_is_generated() {
    let f = fixture();
    add_fillers(&f, 51);
    let site = build(&f, &[]);
    for page in [
        "index.html",
        "proposals/index.html",
        "proposals/page/2/index.html",
        "proposals/2019/0001/index.html",
        "sessions/index.html",
        "sessions/zx-2019/index.html",
        "sessions/rd-2018/index.html",
        "topics/index.html",
        "topics/parking/index.html",
        "topics/parking/page/2/index.html",
        "topics/xue-qian-jiao-yu/index.html",
        "units/index.html",
        "units/qu-jiao-tong-yun-shu-ju/index.html",
        "units/qu-jiao-tong-yun-shu-ju/page/2/index.html",
        "status/index.html",
        "status/in_progress/index.html",
        "status/not_feasible/index.html",
        "years/index.html",
        "years/2018/index.html",
        "sitemap/index.html",
        "404.html",
    ] {
        assert!(site.has(page), "{page} is generated");
    }
    // 58 records: two pages of 50, no third.
    assert!(!site.has("proposals/page/3/index.html"));
    assert!(
        !site.has("proposals/page/1/index.html"),
        "page 1 is proposals/ itself"
    );
    let list = site.html("proposals/index.html");
    assert_eq!(list.matches("gk-record-list__item").count(), 50);
    assert!(list.contains("共58件"), "the list says how many records");
    let page2 = site.html("proposals/page/2/index.html");
    assert_eq!(page2.matches("gk-record-list__item").count(), 8);
    let pager = tags(&page2, "a")
        .into_iter()
        .filter(|a| a.get("aria-current").map(String::as_str) == Some("page"))
        .filter_map(|a| a.get("href").cloned())
        .collect::<Vec<_>>();
    assert!(
        pager.contains(&"../../../proposals/page/2/".to_string()),
        "{pager:?}"
    );
    assert!(page2.contains("第2页，共2页"));
    assert!(norm(&page2).contains(&norm(
        "<title>建议提案（第2页） - 测试区建议提案办理结果公开</title>"
    )));
    assert_links_resolve(&site);
}

#[test]
fn every_page_carries_the_government_metadata_and_filing_footer() {
    let site = build(&fixture(), &[]);
    let mut pages = 0;
    for (page, html) in site.pages() {
        pages += 1;
        assert!(
            norm(&html).starts_with("<!doctype html><html lang=\"zh-CN\">"),
            "{page}"
        );
        assert_eq!(
            meta(&html, "SiteName").as_deref(),
            Some("测试区建议提案办理结果公开"),
            "{page}"
        );
        assert_eq!(
            meta(&html, "SiteDomain").as_deref(),
            Some("www.gongkai.test"),
            "{page}"
        );
        assert_eq!(
            meta(&html, "SiteIDCode").as_deref(),
            Some("4201130014"),
            "{page}"
        );
        assert!(
            meta(&html, "ColumnName").is_some_and(|c| !c.is_empty()),
            "{page}"
        );
        assert!(
            meta(&html, "description").is_some_and(|c| !c.is_empty()),
            "{page}"
        );
        assert!(meta(&html, "og:title").is_some(), "{page}");
        assert!(meta(&html, "og:description").is_some(), "{page}");
        let csp = tags(&html, "meta")
            .into_iter()
            .find(|a| a.get("http-equiv").map(String::as_str) == Some("Content-Security-Policy"))
            .and_then(|a| a.get("content").cloned())
            .unwrap_or_default();
        assert!(csp.starts_with("default-src 'self'"), "{page}: {csp}");
        assert!(!html.contains(" style="), "{page}: no style attributes");
        assert!(!html.contains("<script>"), "{page}: no inline script");
        assert!(!html.contains("<style"), "{page}: no inline style sheet");
        assert_eq!(html.matches("<h1").count(), 1, "{page}: one h1");
        for landmark in ["<header", "<main", "<footer", "<nav"] {
            assert!(html.contains(landmark), "{page}: {landmark}");
        }
        assert!(
            norm(&html).contains(&norm("<a class=gk-skip-link href=#main>跳到正文</a>")),
            "{page}"
        );
        // The footer: filing links, codes, owner, operator, site map, copyright.
        let links = targets(&html);
        assert!(
            links.contains(&"https://beian.miit.gov.cn/".to_string()),
            "{page}"
        );
        assert!(
            links.contains(
                &"https://beian.mps.gov.cn/#/query/webSearch?code=42011302000122".to_string()
            ),
            "{page}"
        );
        assert!(
            links.contains(&"https://zfwzzc.www.gov.cn/".to_string()),
            "{page}"
        );
        assert!(
            links.contains(&"https://bszs.conac.cn/sitename?method=show&id=0000".to_string()),
            "{page}"
        );
        for text in [
            "鄂ICP备2022016438号-1",
            "鄂公网安备 42011302000122号",
            "网站标识码：4201130014",
            "主办单位：测试区人民政府办公室",
            "承办单位：测试区政务服务数据管理局",
            "版权所有：测试区人民政府办公室",
            "mailto:jytabl@example.gov.cn",
            "网站地图",
        ] {
            assert!(norm(&html).contains(&norm(text)), "{page}: {text}");
        }
        let images: Vec<String> = tags(&html, "img")
            .into_iter()
            .filter_map(|a| a.get("src").cloned())
            .collect();
        assert!(
            images
                .iter()
                .any(|s| s.ends_with("static/img/police-badge.svg")),
            "{page}: the police badge is a local image: {images:?}"
        );
        assert!(
            images.iter().all(|s| !is_external(s)),
            "{page}: no remote image"
        );
        // The search box, on every page, pointing at the search page.
        let form = tags(&html, "form").into_iter().next().unwrap();
        assert_eq!(
            form.get("role").map(String::as_str),
            Some("search"),
            "{page}"
        );
        assert!(form["action"].ends_with("search/"), "{page}: {form:?}");
        assert!(
            tags(&html, "input")
                .iter()
                .any(|a| a.get("name").map(String::as_str) == Some("q")),
            "{page}"
        );
    }
    assert!(pages > 20, "{pages} pages checked");
    assert!(site.has("static/img/police-badge.svg"));
    assert!(site.has("static/img/government-mark.svg"));

    let record = site.html("proposals/2019/0001/index.html");
    assert_eq!(meta(&record, "ColumnName").as_deref(), Some("建议提案"));
    assert_eq!(
        meta(&record, "ArticleTitle").as_deref(),
        Some("关于加快推进停车场和新能源汽车配套设施建设的建议")
    );
    assert_eq!(meta(&record, "PubDate").as_deref(), Some("2019-10-08"));
    assert_eq!(
        meta(&record, "ContentSource").as_deref(),
        Some("区交通运输局")
    );
    assert_eq!(meta(&record, "og:type").as_deref(), Some("article"));
    assert_eq!(
        meta(&record, "og:url").as_deref(),
        Some("https://www.gongkai.test/jytabl/proposals/2019/0001/")
    );
    assert!(
        meta(&record, "description")
            .unwrap()
            .starts_with("全区共完成停车泊位11155个")
    );
    let canonical: Vec<String> = tags(&record, "link")
        .into_iter()
        .filter(|a| a.get("rel").map(String::as_str) == Some("canonical"))
        .filter_map(|a| a.get("href").cloned())
        .collect();
    assert_eq!(
        canonical,
        ["https://www.gongkai.test/jytabl/proposals/2019/0001/"]
    );
    let list = site.html("proposals/index.html");
    assert_eq!(
        meta(&list, "ArticleTitle"),
        None,
        "column pages are not articles"
    );
}

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

#[test]
fn links_are_relative_and_the_404_page_uses_the_base_path() {
    let site = build(&fixture(), &[]);
    let record = site.html("proposals/2019/0001/index.html");
    let css: Vec<String> = tags(&record, "link")
        .into_iter()
        .filter(|a| a.get("rel").map(String::as_str) == Some("stylesheet"))
        .filter_map(|a| a.get("href").cloned())
        .collect();
    assert_eq!(css.len(), 1);
    assert!(
        css[0].starts_with("../../../static/css/site."),
        "fingerprinted, relative: {css:?}"
    );
    assert_links_resolve(&site);

    // The 404 page is served at any depth: its links start with base_url's path.
    let not_found = site.html("404.html");
    assert!(not_found.contains("页面未找到"));
    for t in targets(&not_found) {
        if !is_external(&t) && !t.starts_with('#') {
            assert!(t.starts_with("/jytabl/"), "404 link {t}");
            let rel = t.trim_start_matches("/jytabl/");
            let file = if rel.is_empty() || rel.ends_with('/') {
                format!("{rel}index.html")
            } else {
                rel.to_string()
            };
            assert!(
                site.has(&file) || file.starts_with("search/"),
                "404 link {t} resolves to {file}"
            );
        }
    }
    assert!(
        meta(&not_found, "og:url").is_none(),
        "the 404 page has no canonical address"
    );

    // Another base path: the 404 page follows it, other pages do not change.
    let moved = build(&fixture(), &["--base-url", "https://gov.example.cn/a/b"]);
    assert!(targets(&moved.html("404.html")).contains(&"/a/b/sitemap/".to_string()));
    assert_eq!(
        meta(&moved.html("proposals/index.html"), "og:url").as_deref(),
        Some("https://gov.example.cn/a/b/proposals/")
    );
    let body = |h: String| h[h.find("<body").unwrap()..].to_string();
    assert_eq!(
        body(moved.html("topics/index.html")),
        body(site.html("topics/index.html")),
        "page bodies do not depend on the base path"
    );
}

#[test]
fn portable_builds_link_to_index_html_files() {
    let f = fixture();
    add_fillers(&f, 51);
    let site = build(&f, &["--portable"]);
    for (page, html) in site.pages() {
        if page == "404.html" {
            continue;
        }
        for t in targets(&html) {
            if is_external(&t) || t.starts_with('#') {
                continue;
            }
            let path = t.split('#').next().unwrap();
            assert!(
                !path.ends_with('/') && !path.is_empty(),
                "{page}: {t} must name a file for file://"
            );
            let resolved = resolve(page, &t).unwrap();
            assert!(
                site.has(&resolved) || resolved.starts_with("search/"),
                "{page}: {t} → {resolved}"
            );
        }
    }
    let html = site.html("proposals/page/2/index.html");
    let links = targets(&html);
    assert!(
        links.contains(&"../../../proposals/index.html".to_string()),
        "{links:?}"
    );
    assert!(
        links.contains(&"../../../search/index.html".to_string()),
        "{links:?}"
    );
    // Canonical addresses stay pretty.
    assert_eq!(
        meta(&html, "og:url").as_deref(),
        Some("https://www.gongkai.test/jytabl/proposals/page/2/")
    );
}

#[test]
fn english_sites_use_the_english_labels() {
    let f = fixture();
    // Categories are the site's words: an English site lists English ones.
    let yaml = std::fs::read_to_string(f.path("content/site.yaml")).unwrap();
    let yaml = yaml.replace(
        "{id: in_progress, label: B类, meaning: 正在解决或列入计划解决}",
        "{id: in_progress, label: Class B, meaning: Being solved or planned}",
    );
    f.site(&format!("{yaml}language: en\n"));
    let site = build(&f, &[]);
    let html = site.html("proposals/2019/0001/index.html");
    assert!(norm(&html).starts_with("<!doctype html><html lang=\"en\">"));
    for text in [
        ">Skip to main content</a>",
        "Class B (Being solved or planned)",
        "<time datetime=2019-09-22>2019-09-22</time>",
        "Done</span>",
        "Under way</span>",
        "Planned</span>",
        "aria-label=\"You are here\"",
        "Address of this page: https://www.gongkai.test/jytabl/proposals/2019/0001/",
    ] {
        assert!(norm(&html).contains(&norm(text)), "{text}\n{html}");
    }
    assert!(!html.contains("跳到正文"));
    let labels_zh: BTreeSet<&str> = ["办复日期", "基本信息", "原案摘要", "网站标识码"].into();
    for l in labels_zh {
        assert!(!html.contains(l), "no Chinese label {l} on an English site");
    }
}

#[test]
fn a_site_overrides_a_single_template_component_or_label() {
    let f = fixture();
    f.write(
        "components/status_tag/status_tag.html",
        "{% component status_tag(status: map) %}<mark class=\"my-status\">{{ status.text }}</mark>{% endcomponent status_tag %}",
    );
    f.write(
        "components/status_tag/status_tag.css",
        ".my-status { font-weight: 900; }\n",
    );
    f.write("labels/zh-CN.yaml", "skip_link: 直达正文\n");
    let site = build(&f, &[]);
    let html = site.html("proposals/2019/0001/index.html");
    assert!(
        norm(&html).contains(&norm(
            "<mark class=my-status>B类（正在解决或列入计划解决）</mark>"
        )),
        "{html}"
    );
    assert!(norm(&html).contains(&norm(">直达正文</a>")));
    assert!(
        norm(&html).contains(&norm("<h2 id=record-meta>基本信息</h2>")),
        "other labels stay"
    );
    let css = site
        .files
        .iter()
        .find(|(k, _)| k.starts_with("static/css/site."))
        .map(|(_, v)| String::from_utf8_lossy(v).into_owned())
        .unwrap();
    assert!(
        css.contains(".my-status{font-weight:900}")
            || css.contains(".my-status { font-weight: 900; }"),
        "{css}"
    );
    assert!(
        !css.contains(".gk-tag--cat-3"),
        "the default status tag CSS is replaced"
    );
    assert!(css.contains(".gk-skip-link"), "the rest of the CSS stays");
}

/// The header and footer are rendered once per section and folder depth
/// (src/render/chrome.rs): a site's own header and footer still reach every
/// page, each with its page's way back to the root and its current section.
#[test]
fn a_site_header_and_footer_override_reach_every_page_at_its_depth() {
    let f = fixture();
    f.write(
        "components/site_header/site_header.html",
        "{% component site_header(nav: array, current: string = \"\", @page) %}<p class=\"my-header\" data-root=\"{{ page.root }}\" data-current=\"{{ current }}\">{{ nav | length }}</p>{% endcomponent site_header %}",
    );
    f.write(
        "components/site_footer/site_footer.html",
        "{% component site_footer(@page, @site) %}<p class=\"my-footer\">{{ site.title }}|{{ page.root }}</p>{% endcomponent site_footer %}",
    );
    let site = build(&f, &[]);
    let record = site.html("proposals/2019/0001/index.html");
    let home = site.html("index.html");
    let sessions = site.html("sessions/index.html");
    for (html, root, current) in [
        (&record, "../../../", "proposals"),
        (&home, "./", "home"),
        (&sessions, "../", "sessions"),
    ] {
        let header = norm(&format!(
            "<p class=my-header data-root=\"{root}\" data-current={current}>"
        ));
        assert!(norm(html).contains(&header), "{header} in {html}");
        assert!(
            norm(html).contains(&norm(&format!("|{root}</p>"))),
            "footer with {root}: {html}"
        );
        assert!(
            !html.contains("gk-header"),
            "the default header is replaced"
        );
    }
}

/// A component's old flat place (`templates/components/<name>.html` and
/// `.css`, before components had folders) and a misnamed file in a component
/// folder are errors naming where the file goes, not overrides that silently
/// do nothing; all of them are listed at once.
#[test]
fn a_component_file_in_a_place_not_read_is_an_error() {
    let f = fixture();
    f.write(
        "templates/components/status_tag.html",
        "{% component status_tag(status: map) %}{{ status.text }}{% endcomponent status_tag %}",
    );
    f.write(
        "templates/components/status_tag.css",
        ".x { color: red; }\n",
    );
    f.write("components/status_tag/style.css", ".x { color: red; }\n");
    let run = f.build();
    run.assert_exit(1);
    for line in [
        "templates/components/status_tag.html: error[E039]: 主题文件 \"templates/components/status_tag.html\" 不会被读取 — 组件一个文件夹一个，请把它移到 components/status_tag/status_tag.html",
        "templates/components/status_tag.css: error[E039]: 主题文件 \"templates/components/status_tag.css\" 不会被读取 — 组件一个文件夹一个，请把它移到 components/status_tag/status_tag.css",
        "components/status_tag/style.css: error[E039]: 主题文件 \"components/status_tag/style.css\" 不会被读取 — 组件文件夹 components/<组件名>/ 里只能放 <组件名>.html、<组件名>.css 和 examples.yaml",
    ] {
        run.assert_headline(line);
    }
    assert!(!f.path("public").exists(), "nothing written on failure");
}

#[test]
fn output_is_the_same_every_time() {
    let f = fixture();
    add_fillers(&f, 5);
    let a = build(&f, &[]);
    let b = build(&f, &[]);
    assert_eq!(a.files, b.files);
}

/// The canonical form of markup the page tests compare (`support::html::norm`)
/// ignores what a minifier may choose.
#[test]
fn canonical_markup_ignores_minifier_choices() {
    assert_eq!(
        norm("<dl class=a><dt class=\"k\">键<dd>值</dl>"),
        norm("<dl class=\"a\">\n<dt class='k'>键</dt>\n<dd>值</dd>\n</dl>")
    );
    assert_eq!(
        norm("<p title=\"&lt;b&gt;\">a &amp;  b</p>"),
        "<p title=\"<b>\">a & b"
    );
    assert_eq!(
        norm("<span>A</span> <span>B</span>"),
        "<span>A</span><span>B</span>"
    );
}

//! The default theme's components, each rendered on its own through Tera 2 with
//! keyword arguments, and Chinese keys and values through lookups, filters and
//! slugs (Tera 1.20 was seen to panic on `map[name]` with a Chinese `name`).
//!
//! `every_component_renders` fails when a component is added to the theme
//! without a case here, so each one is exercised at least once.

use std::collections::BTreeSet;

use gongkai::render::{Theme, templates};
use serde_json::{Value, json};

/// The embedded default theme with Chinese labels (no site files).
fn theme(lang: &str) -> Theme {
    let empty = tempfile::tempdir().unwrap();
    Theme::load(empty.path(), "default", lang).unwrap()
}

/// What components read from the page that calls them (`@page`, `@labels`, …).
fn implicits(theme: &Theme) -> tera::Context {
    let mut c = tera::Context::from_serialize(&json!({
        "page": {"root": "../../", "section": "proposals"},
        "paths": {"home": "", "search": "search/", "sitemap": "sitemap/", "proposals": "proposals/"},
        "site": {
            "title": "测试区建议提案办理结果公开",
            "owner": "测试区人民政府办公室",
            "operator": "测试区政务服务数据管理局",
            "filing": {"icp": "鄂ICP备2022016438号-1", "police": "鄂公网安备 42011302000122号", "site_code": "4201130014"},
            "police_code": "42011302000122",
            "contact": {"phone": "027-8489 0000", "email": "a@example.gov.cn"},
            "phone_href": "tel:027-84890000",
            "copyright": "版权所有：测试区人民政府办公室",
            "government_mark_url": "https://bszs.conac.cn/sitename?method=show&id=1",
            "error_report_url": "https://zfwzzc.www.gov.cn/"
        }
    }))
    .unwrap();
    c.insert("labels", &theme.labels);
    c.insert("assets", &theme.assets);
    c
}

fn status(key: &str, text: &str) -> Value {
    json!({"key": key, "text": text, "id": "solved"})
}

fn card(title: &str) -> Value {
    json!({
        "href": "proposals/2019/0001/", "title": title, "number": "第12号",
        "status": status("cat-1", "A类（已解决或基本解决）"), "kind_label": "提案",
        "host_unit": "区交通运输局", "year": 2019, "key": true,
        "date": {"iso": "2019-09-22", "text": "2019年9月22日"},
        "unit_role": {"text": "协办", "variant": "co"}
    })
}

/// One case per component: its arguments, an optional body, and what the
/// output must contain.
fn cases() -> Vec<(&'static str, Value, Option<&'static str>, Vec<&'static str>)> {
    let pager = json!({
        "current": 2, "total": 9, "prev": "proposals/", "next": "proposals/page/3/",
        "status": "第2页，共9页",
        "items": [
            {"number": 1, "href": "proposals/", "current": false, "label": "第1页"},
            {"number": 2, "href": "proposals/page/2/", "current": true, "label": "第2页"},
            {"number": null, "href": null, "current": false, "label": ""},
            {"number": 9, "href": "proposals/page/9/", "current": false, "label": "第9页"}
        ]
    });
    vec![
        (
            "skip_link",
            json!({}),
            None,
            vec![r##"<a class="gk-skip-link" href="#main">跳到正文</a>"##],
        ),
        (
            "elder_toggle",
            json!({}),
            None,
            vec!["aria-pressed=\"false\" hidden", "长者模式"],
        ),
        (
            "search_form",
            json!({"action": "../../search/"}),
            None,
            vec![
                r#"<form class="gk-search" role="search" action="../../search/" method="get">"#,
                r#"name="q""#,
                r#"<label class="gk-visually-hidden" for="gk-search-q">搜索建议提案</label>"#,
            ],
        ),
        (
            "main_nav",
            json!({"items": [
                {"title": "首页", "href": "", "key": "home", "external": false},
                {"title": "建议提案", "href": "proposals/", "key": "proposals", "external": false},
                {"title": "门户网站", "href": "https://www.gongkai.test/", "key": "", "external": true}
            ], "current": "proposals"}),
            None,
            vec![
                r#"aria-label="主导航""#,
                r#"href="../../proposals/" aria-current="page">建议提案</a>"#,
                r#"href="../../">首页</a>"#,
                r#"href="https://www.gongkai.test/">门户网站"#,
            ],
        ),
        (
            "breadcrumbs",
            json!({"items": [
                {"title": "首页", "href": ""},
                {"title": "建议提案", "href": "proposals/"},
                {"title": "关于<停车>的建议", "href": null}
            ]}),
            None,
            vec![
                r#"<nav class="gk-breadcrumbs" aria-label="当前位置">"#,
                r#"<a class="gk-breadcrumbs__link" href="../../proposals/">建议提案</a>"#,
                r#"<span aria-current="page">关于&lt;停车&gt;的建议</span>"#,
            ],
        ),
        (
            "pagination",
            json!({"pager": pager}),
            None,
            vec![
                r#"aria-label="分页""#,
                r#"href="../../proposals/page/2/" aria-current="page""#,
                r#"rel="prev">‹ 上一页</a>"#,
                r#"rel="next">下一页 ›</a>"#,
                r#"aria-hidden="true">…</li>"#,
            ],
        ),
        (
            "summary_list",
            json!({"rows": [
                {"key": "编号", "text": "第12号"},
                {"key": "主题", "links": [{"text": "停车设施", "href": "topics/parking/"}, {"text": "学前教育", "href": "topics/xue-qian-jiao-yu/"}]},
                {"key": "办复日期", "date": {"iso": "2019-09-22", "text": "2019年9月22日"}},
                {"key": "办理结果", "status": status("cat-2", "B类（正在解决或列入计划解决）")}
            ]}),
            None,
            vec![
                r#"<dt class="gk-summary-list__key">编号</dt>"#,
                r#"<a href="../../topics/parking/">停车设施</a><span class="gk-summary-list__sep">、</span><a href="../../topics/xue-qian-jiao-yu/">学前教育</a>"#,
                r#"<time datetime="2019-09-22">2019年9月22日</time>"#,
                r#"<span class="gk-tag gk-tag--cat-2">B类（正在解决或列入计划解决）</span>"#,
            ],
        ),
        (
            "status_tag",
            json!({"status": status("cat-3", "C类（因条件限制暂不能解决）")}),
            None,
            vec![r#"<span class="gk-tag gk-tag--cat-3">C类（因条件限制暂不能解决）</span>"#],
        ),
        (
            "tag",
            json!({"text": "重点督办件"}),
            None,
            vec![r#"<span class="gk-tag gk-tag--plain">重点督办件</span>"#],
        ),
        (
            "date",
            json!({"value": {"iso": "2019-07", "text": "2019年7月"}}),
            None,
            vec![r#"<time datetime="2019-07">2019年7月</time>"#],
        ),
        (
            "record_list",
            json!({"records": [card("关于<b>停车</b>的建议")], "heading_level": 3}),
            None,
            vec![
                r#"<h3 class="gk-record-list__title"><a href="../../proposals/2019/0001/">关于&lt;b&gt;停车&lt;/b&gt;的建议</a></h3>"#,
                r#"<span class="gk-tag gk-tag--co">协办</span>"#,
                r#"<span class="gk-tag gk-tag--key">重点督办件</span>"#,
                "主办单位：区交通运输局",
            ],
        ),
        (
            "timeline",
            json!({"items": [
                {"date": {"iso": "2019-07", "text": "2019年7月"}, "heading": "停车泊位", "html": "<p>完成。</p>", "state": "done", "state_text": "已完成"},
                {"date": null, "heading": null, "html": "<p>开工。</p>", "state": "ongoing", "state_text": "正在推进"},
                {"date": null, "heading": null, "html": "<p>拟建。</p>", "state": "planned", "state_text": "计划"},
                {"date": {"iso": "2020", "text": "2020年"}, "heading": null, "html": "<p>未说明。</p>", "state": null, "state_text": null}
            ]}),
            None,
            vec![
                r#"gk-timeline__item--done"#,
                r#"<span class="gk-tag gk-tag--done">已完成</span> <time datetime="2019-07">2019年7月</time>"#,
                r#"<h3 class="gk-timeline__heading">停车泊位</h3>"#,
                r#"<span class="gk-tag gk-tag--ongoing">正在推进</span></p>"#,
                r#"<span class="gk-tag gk-tag--planned">计划</span></p>"#,
                "<p>开工。</p>",
                // An outcome without a state: no tag, only its date.
                "<li class=\"gk-timeline__item gk-timeline__item--unstated\">\n<p class=\"gk-timeline__when\"><time datetime=\"2020\">2020年</time></p>",
            ],
        ),
        (
            "attachments",
            json!({"items": [{"title": "答复函", "href": "proposals/2019/0001/reply.pdf", "info": "PDF，1 KB"}]}),
            None,
            vec![
                r#"<a class="gk-attachments__link" href="../../proposals/2019/0001/reply.pdf">答复函</a> <span class="gk-attachments__info">PDF，1 KB</span>"#,
            ],
        ),
        (
            "data_table",
            json!({"caption": "主要数据", "head": ["项目", "数据"], "rows": [
                {"key": "reply_rate", "label": "办复率", "value": "100%"},
                {"key": "meeting_rate", "label": "见面率", "value": "50%", "note": "根据本站公开的 2 件记录计算"}
            ]}),
            None,
            vec![
                r#"<caption class="gk-table__caption">主要数据</caption>"#,
                r#"<th scope="col">项目</th>"#,
                r#"<tr><th scope="row">办复率</th><td class="gk-table__num">100%</td></tr>"#,
                r#"<tr><th scope="row">见面率<span class="gk-table__note">根据本站公开的 2 件记录计算</span></th><td class="gk-table__num">50%</td></tr>"#,
            ],
        ),
        (
            "chart",
            json!({"chart": {
                "id": "chart-status", "title": "按办理结果分类",
                "svg": "<svg class=\"gk-chart\" role=\"img\"><title>按办理结果分类</title></svg>",
                "caption": "按办理结果分类（数据表）", "head": ["分类", "件数"],
                "rows": [{"key": "cat-1", "label": "已解决", "value": "2件"}]
            }}),
            None,
            vec![
                r#"<figure class="gk-chart-figure" aria-labelledby="chart-status-heading">"#,
                r#"<svg class="gk-chart" role="img"><title>按办理结果分类</title></svg>"#,
                r#"<th scope="row">已解决</th><td class="gk-table__num">2件</td>"#,
            ],
        ),
        (
            "figure_table",
            json!({"table": {
                "id": "units-table", "caption": "各承办单位办理情况", "sortable": true, "note": "—：没有记录写明",
                "columns": [
                    {"label": "承办单位", "numeric": false, "sort": null},
                    {"label": "主办", "numeric": true, "sort": "descending"},
                    {"label": "按期办复率", "numeric": true, "sort": null}
                ],
                "rows": [[
                    {"text": "区交通运输局", "href": "units/jiaotong/", "note": null, "sort": "jiaotong", "label": "承办单位", "numeric": false, "header": true},
                    {"text": "5", "href": null, "note": null, "sort": "5", "label": "主办", "numeric": true, "header": false},
                    {"text": "67%", "href": null, "note": "3件中2件", "sort": "66.6667", "label": "按期办复率", "numeric": true, "header": false}
                ]]
            }}),
            None,
            vec![
                r#"<table class="gk-table gk-table--figures" id="units-table" data-gk-sortable data-sort-ascending="已按{column}升序排列" data-sort-descending="已按{column}降序排列">"#,
                r#"<th scope="col" class="gk-table__num" aria-sort="descending">主办</th>"#,
                r#"<th scope="row" data-sort="jiaotong"><a href="../../units/jiaotong/">区交通运输局</a></th>"#,
                r#"<td class="gk-table__num" data-sort="66.6667" data-label="按期办复率：">67%<span class="gk-table__note">3件中2件</span></td>"#,
                r#"<p class="gk-hint">—：没有记录写明</p>"#,
            ],
        ),
        (
            "figure",
            json!({"figure": {
                "id": "unit-figures", "title": "历次会议办理情况",
                "svg": "<svg class=\"gk-chart\" role=\"img\"><title>历次会议办理情况</title></svg>",
                "table": {"id": "t", "caption": "历次会议办理情况（数据表）", "sortable": false, "note": null,
                    "columns": [{"label": "会议", "numeric": false, "sort": null}],
                    "rows": [[{"text": "区政协九届三次会议", "href": null, "note": null, "sort": "2019", "label": "会议", "numeric": false, "header": true}]]}
            }}),
            None,
            vec![
                r#"<figure class="gk-chart-figure" aria-labelledby="unit-figures-heading">"#,
                r#"<h2 class="gk-chart-figure__title" id="unit-figures-heading">历次会议办理情况</h2>"#,
                r#"<table class="gk-table gk-table--figures" id="t">"#,
                r#"<th scope="row" data-sort="2019">区政协九届三次会议</th>"#,
            ],
        ),
        (
            "term_list",
            json!({"terms": [{"name": "学前教育", "href": "topics/xue-qian-jiao-yu/", "count": 3, "count_text": "共3件", "status": null}]}),
            None,
            vec![
                r#"<a class="gk-term-list__link" href="../../topics/xue-qian-jiao-yu/">学前教育</a> <span class="gk-term-list__count">共3件</span>"#,
            ],
        ),
        (
            "notice",
            json!({"title": "摘要公开"}),
            Some("<p>本件公开答复摘要，答复全文不在本站公开。</p>"),
            vec![
                r#"<p class="gk-notice__title">摘要公开</p>"#,
                "<div class=\"gk-notice__body\"><p>本件公开答复摘要，答复全文不在本站公开。</p></div>",
            ],
        ),
        (
            "prev_next",
            json!({"prev": {"text": "上一件的标题", "href": "proposals/2019/0002/"}, "next": null}),
            None,
            vec![
                r#"aria-label="上一件和下一件""#,
                r#"<span class="gk-prev-next__label">上一件</span><a href="../../proposals/2019/0002/" rel="prev">上一件的标题</a>"#,
            ],
        ),
        (
            "stat_list",
            json!({"items": [{"key": "reply_rate", "label": "办复率", "value": "100%"}]}),
            None,
            vec![
                r#"<dt class="gk-stats__label">办复率</dt>"#,
                r#"<dd class="gk-stats__value">100%</dd>"#,
            ],
        ),
        (
            "site_footer",
            json!({}),
            None,
            vec![
                r#"<a href="https://beian.miit.gov.cn/" title="ICP备案信息">鄂ICP备2022016438号-1</a>"#,
                r##"href="https://beian.mps.gov.cn/#/query/webSearch?code=42011302000122""##,
                r#"src="../../static/img/police-badge.svg""#,
                "网站标识码：4201130014",
                "主办单位：测试区人民政府办公室",
                "承办单位：测试区政务服务数据管理局",
                r#"<a href="tel:027-84890000">027-8489 0000</a>"#,
                r#"<a href="../../sitemap/">网站地图</a>"#,
                r#"<a href="https://zfwzzc.www.gov.cn/">政府网站找错</a>"#,
                r#"alt="党政机关网站标识""#,
                "版权所有：测试区人民政府办公室",
            ],
        ),
    ]
}

#[test]
fn every_component_renders() {
    let theme = theme("zh-CN");
    let tera = templates(&theme).unwrap();
    let implicits = implicits(&theme);
    let cases = cases();
    let tested: BTreeSet<&str> = cases.iter().map(|c| c.0).collect();
    let defined: BTreeSet<&str> = tera.get_component_names().collect();
    assert_eq!(
        defined, tested,
        "every component of the default theme needs a case here (and every case a component)"
    );
    for (name, args, body, expected) in cases {
        let args = tera::Context::from_serialize(&args).unwrap();
        let html = tera
            .render_component_with_implicits(name, &args, &implicits, body, true)
            .unwrap_or_else(|e| panic!("{name}: {e:?}"));
        assert!(
            !html.contains("style="),
            "{name}: no style attributes: {html}"
        );
        for want in expected {
            assert!(
                html.contains(want),
                "{name} should contain\n  {want}\nbut gave\n{html}"
            );
        }
    }
}

#[test]
fn components_have_keyword_arguments_with_defaults() {
    let tera = templates(&theme("zh-CN")).unwrap();
    let record_list = tera.get_component_definition("record_list").unwrap();
    let heading = record_list
        .args()
        .iter()
        .find(|a| a.name() == "heading_level")
        .unwrap();
    assert!(!heading.is_required(), "heading_level has a default");
    let records = record_list
        .args()
        .iter()
        .find(|a| a.name() == "records")
        .unwrap();
    assert!(records.is_required());
    // Called with only the required argument, the default applies.
    let html = tera
        .render_component_with_implicits(
            "record_list",
            &tera::Context::from_serialize(&json!({"records": [card("标题")]})).unwrap(),
            &implicits(&theme("zh-CN")),
            None,
            true,
        )
        .unwrap();
    assert!(
        html.contains("<h2 class=\"gk-record-list__title\">"),
        "{html}"
    );
}

#[test]
fn every_component_keeps_its_css_beside_it() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("themes/default/templates/components");
    let theme = theme("zh-CN");
    let css = theme
        .statics
        .iter()
        .find(|f| f.name == "css/site.css")
        .map(|f| String::from_utf8_lossy(&f.bytes).into_owned())
        .unwrap();
    for entry in std::fs::read_dir(&root).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "css") {
            let own = std::fs::read_to_string(&path).unwrap();
            let first_rule = own
                .lines()
                .find(|l| l.starts_with('.'))
                .unwrap()
                .to_string();
            assert!(
                css.contains(&first_rule),
                "{} is bundled into css/site.css",
                path.display()
            );
        }
    }
}

#[test]
fn english_labels_prove_the_mechanism() {
    let theme = theme("en");
    let tera = templates(&theme).unwrap();
    let html = tera
        .render_component_with_implicits(
            "skip_link",
            &tera::Context::new(),
            &implicits(&theme),
            None,
            true,
        )
        .unwrap();
    assert!(html.contains(">Skip to main content</a>"), "{html}");
    let zh = theme_keys("zh-CN");
    let en = theme_keys("en");
    assert_eq!(zh, en, "both label files define the same keys");
}

fn theme_keys(lang: &str) -> BTreeSet<String> {
    theme(lang).labels.keys().cloned().collect()
}

#[test]
fn chinese_keys_and_values_render_through_tera() {
    use gongkai::model::slug::slugify;
    let terms = ["学前教育", "停车设施", "医联体·医共体", "5G 车路协同"];
    let counts: std::collections::BTreeMap<&str, usize> =
        terms.iter().enumerate().map(|(i, t)| (*t, i + 1)).collect();
    let slugs: std::collections::BTreeMap<&str, String> =
        terms.iter().map(|t| (*t, slugify(t))).collect();
    let mut tera = tera::Tera::new();
    tera.add_raw_template(
        "t.html",
        "{% for name in names %}{{ name }}={{ counts[name] }}/{{ slugs[name] }}/{{ name | truncate(length=2) }}/{{ name | replace(from=\"教育\", to=\"教学\") }}/{{ name | length }};{% endfor %}\
         {{ counts['学前教育'] }}|{{ labels['状态.已解决'] }}|{{ names | join(sep=\"、\") }}|{{ '医联体' in names }}",
    )
    .unwrap();
    let mut ctx = tera::Context::new();
    ctx.insert("names", &terms);
    ctx.insert("counts", &counts);
    ctx.insert("slugs", &slugs);
    ctx.insert(
        "labels",
        &std::collections::BTreeMap::from([("状态.已解决", "已解决或基本解决")]),
    );
    let out = tera.render("t.html", &ctx).unwrap();
    assert_eq!(
        out,
        "学前教育=1/xue-qian-jiao-yu/学前…/学前教学/4;\
         停车设施=2/ting-che-she-shi/停车…/停车设施/4;\
         医联体·医共体=3/yi-lian-ti-yi-gong-ti/医联…/医联体·医共体/7;\
         5G 车路协同=4/5g-che-lu-xie-tong/5G…/5G 车路协同/7;\
         1|已解决或基本解决|学前教育、停车设施、医联体·医共体、5G 车路协同|false"
    );
}

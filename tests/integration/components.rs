//! The default theme's components, each rendered on its own through Tera 2 with
//! keyword arguments, and Chinese keys and values through lookups, filters and
//! slugs (Tera 1.20 was seen to panic on `map[name]` with a Chinese `name`).
//!
//! Each component's folder (`themes/default/components/<name>/`) holds its
//! template, its CSS and `examples.yaml`; `every_example_of_every_component_renders`
//! reads the folders, so a component added without examples fails it.

use std::collections::BTreeSet;
use std::path::PathBuf;

use gongkai::render::{Theme, templates};
use serde::Deserialize;
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

fn card(title: &str) -> Value {
    json!({
        "href": "proposals/2019/0001/", "title": title, "number": "第12号",
        "status": {"key": "cat-1", "text": "A类（已解决或基本解决）", "id": "solved"}, "kind_label": "提案",
        "host_unit": "区交通运输局", "year": 2019, "key": true,
        "date": {"iso": "2019-09-22", "text": "2019年9月22日"},
        "unit_role": {"text": "协办", "variant": "co"}
    })
}

/// The default theme's components, one folder each.
fn components_dir() -> PathBuf {
    crate::support::repo("themes/default/components")
}

/// A component folder's `examples.yaml`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Examples {
    examples: Vec<Example>,
}

/// One named case: the component's keyword arguments, its body if it takes
/// one, and what the output must contain.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Example {
    name: String,
    #[serde(default)]
    arguments: serde_json::Map<String, Value>,
    body: Option<String>,
    contains: Vec<String>,
}

/// The component folders on disk, in name order: the list every check below
/// is driven by (a new folder is checked without editing this file).
fn component_names() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(components_dir())
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().unwrap().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Every example of every component, rendered in full: each folder holds its
/// template, CSS and examples (and nothing else); its template defines the
/// component of the folder's name; each example renders without error,
/// contains what it says, has no inline style and no unrendered Tera. The
/// full output of them all is a snapshot (`snapshots/components__examples.snap`),
/// so any change to a component's markup shows in review.
#[test]
fn every_example_of_every_component_renders() {
    let theme = theme("zh-CN");
    let tera = templates(&theme).unwrap();
    let implicits = implicits(&theme);
    let names = component_names();
    let defined: BTreeSet<String> = tera.get_component_names().map(String::from).collect();
    assert_eq!(
        names.iter().cloned().collect::<BTreeSet<_>>(),
        defined,
        "each folder of themes/default/components/ defines the one component of its name"
    );
    let mut failures = Vec::new();
    let mut all = String::new();
    for name in &names {
        let dir = components_dir().join(name);
        let mut files: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        files.sort();
        let mut expected = vec![
            "examples.yaml".to_string(),
            format!("{name}.css"),
            format!("{name}.html"),
        ];
        expected.sort();
        if files != expected {
            failures.push(format!(
                "{name}: the folder holds {files:?}, not {expected:?}"
            ));
            continue;
        }
        let text = std::fs::read_to_string(dir.join("examples.yaml")).unwrap();
        let examples: Examples = match serde_saphyr::from_str(&text) {
            Ok(e) => e,
            Err(e) => {
                failures.push(format!("{name}/examples.yaml: {e}"));
                continue;
            }
        };
        if examples.examples.is_empty() {
            failures.push(format!("{name}: no examples"));
        }
        let mut seen = BTreeSet::new();
        for example in examples.examples {
            let label = format!("{name} / {}", example.name);
            if !seen.insert(example.name.clone()) {
                failures.push(format!("{label}: two examples of this name"));
            }
            if example.contains.is_empty() {
                failures.push(format!("{label}: says nothing it must contain"));
            }
            let args = tera::Context::from_serialize(&example.arguments).unwrap();
            let html = match tera.render_component_with_implicits(
                name,
                &args,
                &implicits,
                example.body.as_deref(),
                true,
            ) {
                Ok(html) => html,
                Err(e) => {
                    failures.push(format!("{label}: {e:?}"));
                    continue;
                }
            };
            if html.contains("style=") {
                failures.push(format!("{label}: a style attribute in\n{html}"));
            }
            if html.contains("{{") || html.contains("{%") {
                failures.push(format!("{label}: unrendered Tera in\n{html}"));
            }
            for want in &example.contains {
                if !html.contains(want.as_str()) {
                    failures.push(format!(
                        "{label} should contain\n  {want}\nbut gave\n{html}"
                    ));
                }
            }
            all.push_str(&format!("===== {label}\n{html}\n"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    insta::assert_snapshot!("examples", all);
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

/// Each component's CSS is appended to css/site.css, whole and in component
/// name order, after the theme's own rules.
#[test]
fn every_component_css_is_bundled_in_name_order() {
    let theme = theme("zh-CN");
    let css = theme
        .statics
        .iter()
        .find(|f| f.name == "css/site.css")
        .map(|f| String::from_utf8_lossy(&f.bytes).into_owned())
        .unwrap();
    let base = std::fs::read_to_string(crate::support::repo("themes/default/static/css/site.css"))
        .unwrap();
    let mut expected = base;
    for name in component_names() {
        let own = std::fs::read_to_string(components_dir().join(&name).join(format!("{name}.css")))
            .unwrap();
        expected.push_str(&format!("\n/* components/{name}/{name}.css */\n{own}"));
    }
    assert!(
        css == expected,
        "css/site.css is the theme's CSS, then each component's"
    );
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

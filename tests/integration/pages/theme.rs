//! English labels, and a site's own components, labels, header and footer
//! overriding the default theme's.

use std::collections::BTreeSet;

use super::{build, fixture};
use crate::support::html::norm;

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
